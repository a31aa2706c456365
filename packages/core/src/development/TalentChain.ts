/**
 * The talent chain of new-employment groups (兰山区's 递进培养链条): a frontline worker
 * (一线职工) becomes an outstanding employee (优秀员工), an outstanding employee a party
 * member (through the party ladder, or already one), an outstanding member a middle
 * manager (中层). Middle managers who are not members stay on the chain: the share of
 * middle managers who are members is the chain's measure.
 *
 * @since 0.5.0
 */
import type { Ladder } from "./Pathway.js"

/**
 * The ladder's id.
 *
 * @since 0.5.0
 * @category constants
 */
export const id = "talent"

/**
 * The chain as the district that uses it names it.
 *
 * @since 0.5.0
 * @category constants
 */
export const source = "兰山区 新就业群体 “把一线职工培养成优秀员工、把优秀员工培养成党员、把优秀党员培养成中层”"

/**
 * @since 0.5.0
 * @category constants
 */
export const steps = { frontline: "frontline", outstanding: "outstanding", member: "member", manager: "manager" } as const

/**
 * The chain: joining as a frontline worker starts it; becoming a member needs party
 * membership on the day (`talent.member`: a party track approved, or a membership on
 * record); becoming a middle manager needs the outstanding-employee step.
 *
 * @since 0.5.0
 * @category constructors
 */
export const make = (): Ladder => ({
  id,
  label: { zh: "递进培养链条", en: "talent chain" },
  source,
  stages: [
    { id: steps.frontline, label: { zh: "一线职工", en: "frontline worker" } },
    { id: steps.outstanding, label: { zh: "优秀员工", en: "outstanding employee" } },
    { id: steps.member, label: { zh: "党员", en: "party member" } },
    { id: steps.manager, label: { zh: "中层", en: "middle manager" } }
  ],
  steps: [
    { id: steps.frontline, number: 1, stage: steps.frontline, label: { zh: "一线职工", en: "frontline worker" }, after: [], guards: [] },
    {
      id: steps.outstanding,
      number: 2,
      stage: steps.outstanding,
      label: { zh: "评为优秀员工", en: "named an outstanding employee" },
      after: [steps.frontline],
      guards: []
    },
    {
      id: steps.member,
      number: 3,
      stage: steps.member,
      label: { zh: "成为党员", en: "became a party member" },
      after: [steps.outstanding],
      guards: [{ _tag: "PartyMember", rule: "talent.member", source }]
    },
    {
      id: steps.manager,
      number: 4,
      stage: steps.manager,
      label: { zh: "走上中层岗位", en: "became a middle manager" },
      after: [steps.outstanding],
      guards: []
    }
  ],
  windows: []
})
