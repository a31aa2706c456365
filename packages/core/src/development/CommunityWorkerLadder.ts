/**
 * The community worker's development channel (社区工作者职业发展通道, 选育管用): recruited
 * (招录), trained (专业能力培训, the class hours on the workforce's records), certified as
 * a 助理社会工作师 and a 社会工作师 (the qualifications on its records, each checked
 * against the eligibility policy when recorded), and a leading post — secretary of the
 * community party organisation or director of the residents' committee. A track's person
 * is the worker's id.
 *
 * @since 0.5.0
 */
import { Schema } from "effect"
import type { Ladder } from "./Pathway.js"

/**
 * The ladder's id.
 *
 * @since 0.5.0
 * @category constants
 */
export const id = "community-worker"

/**
 * The practice the ladder follows.
 *
 * @since 0.5.0
 * @category constants
 */
export const source = "桃城区 社区工作者“选、育、管、用”全链条 (打通社区工作者职业发展通道)"

/**
 * @since 0.5.0
 * @category constants
 */
export const steps = { recruited: "recruited", trained: "trained", assistant: "assistant", intermediate: "intermediate", leader: "leader" } as const

/**
 * The ladder's setting: the class hours of training before a worker counts as trained
 * (local practice; 24 by default, the 细则's measure of concentrated training).
 *
 * @since 0.5.0
 * @category schemas
 */
export const Policy = Schema.Struct({ trainedHours: Schema.Int.pipe(Schema.nonNegative()) })

/**
 * @since 0.5.0
 * @category models
 */
export interface Policy extends Schema.Schema.Type<typeof Policy> {}

/**
 * @since 0.5.0
 * @category constants
 */
export const defaults: Policy = { trainedHours: 24 }

/**
 * The channel under a policy.
 *
 * @since 0.5.0
 * @category constructors
 */
export const make = (policy: Policy = defaults): Ladder => ({
  id,
  label: { zh: "社区工作者职业发展通道", en: "community worker's development channel" },
  source,
  stages: [
    { id: "worker", label: { zh: "社区工作者", en: "community worker" } },
    { id: "certified", label: { zh: "持证社工", en: "certified social worker" } },
    { id: "intermediate", label: { zh: "中级社工师", en: "intermediate social worker" } },
    { id: "leader", label: { zh: "社区带头人", en: "community leader" } }
  ],
  steps: [
    { id: steps.recruited, number: 1, stage: "worker", label: { zh: "招录入职", en: "recruited" }, after: [], guards: [] },
    {
      id: steps.trained,
      number: 2,
      stage: "worker",
      label: { zh: "完成专业能力培训", en: "trained" },
      after: [steps.recruited],
      guards: [{ _tag: "ClassHours", rule: "worker.trained", source: `${source}; ${policy.trainedHours} class hours: local practice (a policy)`, hours: policy.trainedHours }]
    },
    {
      id: steps.assistant,
      number: 3,
      stage: "certified",
      label: { zh: "取得助理社会工作师", en: "certified junior social worker" },
      after: [steps.trained],
      guards: [{ _tag: "Qualified", rule: "worker.qualified", source: "国人部发〔2006〕71号", level: "assistant" }]
    },
    {
      id: steps.intermediate,
      number: 4,
      stage: "intermediate",
      label: { zh: "取得社会工作师", en: "certified social worker" },
      after: [steps.trained],
      guards: [{ _tag: "Qualified", rule: "worker.qualified", source: "国人部发〔2006〕71号", level: "intermediate" }]
    },
    {
      id: steps.leader,
      number: 5,
      stage: "leader",
      label: { zh: "担任社区党组织书记或居委会主任", en: "community secretary or director" },
      after: [steps.trained],
      guards: [{ _tag: "Documents", rule: "worker.leader", source, names: ["任职文件"] }]
    }
  ],
  windows: []
})
