/**
 * The party ladder (发展党员): 入党申请人 → 入党积极分子 → 发展对象 → 预备党员 → 正式党员
 * in the 25 steps of 《中国共产党发展党员工作细则》 (中共中央办公厅, 2014), as data for the
 * pathway engine, with every time and vote rule of the 细则 as a guard. The rules that
 * secondary sources only quote (approval within 3 months, at most 6) and the local
 * practice the 细则 leaves open (how soon the conversion must be discussed) are a
 * `Policy` whose defaults are those values.
 *
 * @since 0.5.0
 */
import { Schema } from "effect"
import type { Duration, Guard, Ladder, Step } from "./Pathway.js"
import * as Pathway from "./Pathway.js"

const Count = Schema.Int.pipe(Schema.nonNegative())

/**
 * The ladder's id.
 *
 * @since 0.5.0
 * @category constants
 */
export const id = "party"

/**
 * The document that the ladder follows.
 *
 * @since 0.5.0
 * @category constants
 */
export const source = "《中国共产党发展党员工作细则》"

/**
 * The ladder's settings. The defaults are the 细则's values; those it does not fix
 * (or that only secondary sources quote) are marked so in docs/rules.md.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Policy = Schema.Struct({
  /** 第五条: at least 18 to apply. */
  minimumAge: Count,
  /** 第七条: the talk within one month of the application. */
  talkWithin: Pathway.Duration,
  /** 第十三条: at least one year as an activist, from the designation. */
  activistDwell: Pathway.Duration,
  /** 第九条: one or two cultivation contacts. */
  contacts: Schema.Struct({ min: Count, max: Count }),
  /** 第十四条: two introducers. */
  introducers: Count,
  /** 第十七条: at least 3 days or 24 class hours. */
  trainingDays: Count,
  trainingHours: Count,
  /** The higher committee's approval within 3 months of the meeting, at most 6 in special cases (article unverified). */
  approvalWithin: Pathway.Duration,
  approvalLimit: Pathway.Duration,
  /** 第三十二条: probation of one year from the meeting's vote. */
  probation: Pathway.Duration,
  /** 第三十二条: extended once, by 6 months to a year. */
  extensionMin: Pathway.Duration,
  extensionMax: Pathway.Duration,
  /** When `due` starts to speak of probation ending (local practice). */
  probationNotice: Pathway.Duration,
  /** How long before probation ends an extension may first be decided (预备期满时; local practice). */
  extensionFrom: Pathway.Duration,
  /** How soon after probation ends the branch meeting decides (第三十二条 says 及时; local practice). */
  conversionWithin: Pathway.Duration
})

/**
 * @since 0.5.0
 * @category models
 */
export interface Policy extends Schema.Schema.Type<typeof Policy> {}

/**
 * @since 0.5.0
 * @category constants
 */
export const defaults: Policy = {
  minimumAge: 18,
  talkWithin: { months: 1 },
  activistDwell: { years: 1 },
  contacts: { min: 1, max: 2 },
  introducers: 2,
  trainingDays: 3,
  trainingHours: 24,
  approvalWithin: { months: 3 },
  approvalLimit: { months: 6 },
  probation: { years: 1 },
  extensionMin: { months: 6 },
  extensionMax: { years: 1 },
  probationNotice: { months: 1 },
  extensionFrom: { months: 1 },
  conversionWithin: { months: 1 }
}

/**
 * The ids of the 25 steps, in order.
 *
 * @since 0.5.0
 * @category constants
 */
export const steps = {
  application: "application",
  talk: "talk",
  activist: "activist",
  activistFiling: "activist-filing",
  contacts: "contacts",
  cultivation: "cultivation",
  candidate: "candidate",
  candidateFiling: "candidate-filing",
  introducers: "introducers",
  politicalReview: "political-review",
  training: "training",
  committeeReview: "committee-review",
  preReview: "pre-review",
  volunteerForm: "volunteer-form",
  admissionMeeting: "admission-meeting",
  approvalTalk: "approval-talk",
  approval: "approval",
  approvalFiling: "approval-filing",
  placement: "placement",
  oath: "oath",
  probationEducation: "probation-education",
  conversionApplication: "conversion-application",
  conversionMeeting: "conversion-meeting",
  conversionApproval: "conversion-approval",
  archive: "archive"
} as const

/**
 * The five stages.
 *
 * @since 0.5.0
 * @category constants
 */
export const stages = {
  applicant: "applicant",
  activist: "activist",
  candidate: "candidate",
  probationary: "probationary",
  full: "full"
} as const

/**
 * The probation window's id.
 *
 * @since 0.5.0
 * @category constants
 */
export const probation = "probation"

const article = (n: string) => `${source}${n}`
const unverified = `${source} (article unverified; a policy)`
const local = "local practice (a policy)"

const vote = (quorum: string, majority: string): Guard => ({
  _tag: "Vote",
  quorum: { rule: "party.quorum", source: article(quorum) },
  majority: { rule: "party.majority", source: article(majority) }
})

const approved = (rule: string, src: string): Guard => ({ _tag: "Outcome", rule, source: src })

const deadline = (rule: string, src: string, since: string, within: Duration, limit: Duration | null): Guard => ({
  _tag: "Deadline",
  rule,
  source: src,
  since,
  within,
  limit
})

const documents = (rule: string, src: string, ...names: Array<string>): Guard => ({ _tag: "Documents", rule, source: src, names })

/**
 * The party ladder under a policy.
 *
 * @since 0.5.0
 * @category constructors
 */
export const make = (policy: Policy = defaults): Ladder => {
  const s = steps
  let number = 0
  const step = (
    stepId: string,
    stage: string,
    zh: string,
    en: string,
    after: ReadonlyArray<string>,
    guards: ReadonlyArray<Guard> = [],
    completes?: boolean
  ): Step => ({
    id: stepId,
    number: ++number,
    stage,
    label: { zh, en },
    after,
    guards,
    ...(completes === undefined ? {} : { completes })
  })
  const approval = deadline("party.approval-within", unverified, s.admissionMeeting, policy.approvalWithin, policy.approvalLimit)
  return {
    id,
    label: { zh: "发展党员", en: "party membership" },
    source,
    // 第八、二十条: a branch (or joint branch) develops its members and holds the general meeting that admits them.
    organisationKinds: ["branch", "joint_branch"],
    stages: [
      { id: stages.applicant, label: { zh: "入党申请人", en: "applicant" } },
      { id: stages.activist, label: { zh: "入党积极分子", en: "activist" } },
      { id: stages.candidate, label: { zh: "发展对象", en: "candidate" } },
      { id: stages.probationary, label: { zh: "预备党员", en: "probationary member" } },
      { id: stages.full, label: { zh: "正式党员", en: "full member" } }
    ],
    steps: [
      step(s.application, stages.applicant, "递交入党申请书", "application submitted", [], [
        { _tag: "MinimumAge", rule: "party.age", source: article("第五条"), years: policy.minimumAge },
        documents("party.application-letter", article("第六条"), "入党申请书")
      ]),
      step(s.talk, stages.applicant, "党组织派人谈话", "talk with the applicant", [s.application], [
        deadline("party.talk-within", article("第七条"), s.application, policy.talkWithin, null)
      ]),
      step(s.activist, stages.activist, "推荐和确定入党积极分子", "designated an activist", [s.talk]),
      step(s.activistFiling, stages.activist, "上级党委备案", "activist filed with the higher committee", [s.activist]),
      step(s.contacts, stages.activist, "指定培养联系人", "cultivation contacts named", [s.activist], [
        { _tag: "People", rule: "party.contacts", source: article("第九条"), role: "contact", min: policy.contacts.min, max: policy.contacts.max, undisciplined: false }
      ]),
      step(s.cultivation, stages.activist, "培养教育考察", "cultivation and assessment", [s.contacts]),
      step(s.candidate, stages.candidate, "确定发展对象", "designated a candidate", [s.activistFiling, s.cultivation], [
        { _tag: "MinimumDwell", rule: "party.activist-year", source: article("第十三条"), since: s.activist, length: policy.activistDwell }
      ]),
      step(s.candidateFiling, stages.candidate, "报上级党委备案", "candidate filed with the higher committee", [s.candidate]),
      step(s.introducers, stages.candidate, "确定入党介绍人", "introducers named", [s.candidate], [
        { _tag: "People", rule: "party.introducers", source: article("第十四条"), role: "introducer", min: policy.introducers, max: policy.introducers, undisciplined: true }
      ]),
      step(s.politicalReview, stages.candidate, "进行政治审查", "political review", [s.candidate], [
        approved("party.political-review", article("第十六条"))
      ]),
      step(s.training, stages.candidate, "开展集中培训", "concentrated training", [s.candidate], [
        { _tag: "Training", rule: "party.training", source: article("第十七条"), days: policy.trainingDays, hours: policy.trainingHours }
      ]),
      step(s.committeeReview, stages.candidate, "支部委员会审查", "branch committee review", [s.candidateFiling, s.introducers, s.politicalReview, s.training], [
        approved("party.committee-review", article("第十九条"))
      ]),
      step(s.preReview, stages.candidate, "上级党委预审", "pre-review by the higher committee", [s.committeeReview], [
        approved("party.pre-review", article("第十九条"))
      ]),
      step(s.volunteerForm, stages.candidate, "填写入党志愿书", "membership form completed", [s.preReview], [
        documents("party.volunteer-form", `${source} 第四章 (article unverified)`, "入党志愿书")
      ]),
      step(s.admissionMeeting, stages.candidate, "支部大会讨论", "branch general meeting admits", [s.volunteerForm], [vote("第二十条", "第二十一条")]),
      step(s.approvalTalk, stages.candidate, "上级党委派人谈话", "talk by the higher committee", [s.admissionMeeting]),
      step(s.approval, stages.probationary, "上级党委审批", "higher committee approves", [s.approvalTalk], [
        approval,
        approved("party.approval", unverified)
      ]),
      step(s.approvalFiling, stages.probationary, "再上一级党委组织部门备案", "filed with the organisation department above", [s.approval]),
      step(s.placement, stages.probationary, "编入党支部和党小组", "placed in a branch and group", [s.approval]),
      step(s.oath, stages.probationary, "入党宣誓", "oath", [s.approval]),
      step(s.probationEducation, stages.probationary, "继续教育考察", "education during probation", [s.placement]),
      step(s.conversionApplication, stages.probationary, "提出转正申请", "application for conversion", [s.probationEducation], [
        documents("party.conversion-letter", article("第三十二条"), "转正申请书")
      ]),
      step(s.conversionMeeting, stages.probationary, "支部大会讨论", "branch general meeting converts", [s.conversionApplication], [
        { _tag: "WindowEnded", rule: "party.probation-year", source: article("第三十二条"), window: probation },
        vote("第三十三条", "第三十三条")
      ]),
      { ...step(s.conversionApproval, stages.full, "上级党委审批", "higher committee approves the conversion", [s.conversionMeeting], [
        deadline("party.approval-within", unverified, s.conversionMeeting, policy.approvalWithin, policy.approvalLimit),
        approved("party.approval", unverified)
      ]), settles: true },
      step(s.archive, stages.full, "材料归档", "records archived", [s.conversionApproval], [], true)
    ],
    windows: [{
      id: probation,
      label: { zh: "预备期", en: "probation" },
      opens: s.admissionMeeting,
      inForce: s.approval,
      decides: s.conversionMeeting,
      closes: s.conversionApproval,
      length: policy.probation,
      extension: {
        rule: "party.probation-extension",
        source: article("第三十二条"),
        times: 1,
        min: policy.extensionMin,
        max: policy.extensionMax,
        from: policy.extensionFrom,
        guards: [vote("第三十三条", "第三十三条"), approved("party.approval", article("第三十二条"))]
      },
      cancel: [vote("第三十三条", "第三十三条"), approved("party.approval", article("第三十二条"))],
      notice: policy.probationNotice,
      decideWithin: policy.conversionWithin,
      decideSource: { rule: "party.conversion-due", source: `${article("第三十二条")}; within ${Pathway.describe(policy.conversionWithin)}: ${local}` }
    }]
  }
}

/**
 * The day party standing (党龄) counts from: the day probation, with its extension,
 * ended — the day of conversion (党章 第七条) — once the conversion is approved.
 *
 * @since 0.5.0
 * @category rules
 */
export const standingFrom = (track: Pathway.Track): string | null => {
  if (!track.recorded.has(steps.conversionApproval) || track.status === "cancelled") return null
  return track.windows.find((w) => w.id === probation)?.endsOn ?? null
}
