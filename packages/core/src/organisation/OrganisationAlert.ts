/**
 * Size rules of party organisations, reported as typed alerts rather than refusals:
 * a branch that is too small or too large is a fact to act on (form a joint branch,
 * elect a committee, become a 党总支 or 基层党委), not bad input. Each alert carries the
 * organisation, its name, its member counts, the policy's threshold and a stable
 * `rule` id; `message` renders it in Chinese or English.
 *
 * @since 0.2.0
 */
import { Schema } from "effect"
import { OrganisationId, OrganisationKind } from "./Organisation.js"

/**
 * The rule ids, stable across versions:
 *
 * - `branch.min-full-members`: a branch or joint branch has fewer full members than the
 *   policy's `minFullMembers` (《中国共产党支部工作条例（试行）》 第四条: 3).
 * - `branch.committee-required`: a branch or joint branch has `committeeFrom` (7) or
 *   more full members and no branch committee (支部委员会).
 * - `branch.general-branch-threshold`: a branch or joint branch has reached its
 *   sector's `generalBranchAt` members, full and probationary (a 党总支 is due).
 * - `general-branch.committee-threshold`: a general branch's subtree, or a branch or
 *   joint branch, has reached its sector's `committeeAt` members (a 基层党委 is due).
 * - `organisation.sector-unknown`: the organisation's sector is not in the policy, so
 *   its sector thresholds cannot be applied.
 *
 * @since 0.2.0
 * @category schemas
 */
export const Rule = Schema.Literal(
  "branch.min-full-members",
  "branch.committee-required",
  "branch.general-branch-threshold",
  "general-branch.committee-threshold",
  "organisation.sector-unknown"
)

/**
 * @since 0.2.0
 * @category models
 */
export type Rule = typeof Rule.Type

/**
 * @since 0.2.0
 * @category labels
 */
export const ruleLabels: Readonly<Record<Rule, { readonly zh: string; readonly en: string }>> = {
  "branch.min-full-members": { zh: "正式党员不足", en: "Too few full members" },
  "branch.committee-required": { zh: "应设支部委员会", en: "Branch committee required" },
  "branch.general-branch-threshold": { zh: "可成立党总支", en: "Large enough for a general Party branch" },
  "general-branch.committee-threshold": { zh: "可成立基层党委", en: "Large enough for a primary-level Party committee" },
  "organisation.sector-unknown": { zh: "所属领域未配置", en: "Sector not in the policy" }
}

const Count = Schema.Int.pipe(Schema.nonNegative())

/** The fields every alert has. */
const fields = {
  organisationId: OrganisationId,
  /** The organisation's name on the day checked. */
  name: Schema.String,
  kind: OrganisationKind,
  sector: Schema.String,
  /** Full members on the day (of the subtree, for a general branch's committee threshold). */
  fullMembers: Count,
  /** Probationary members on the day (likewise). */
  probationaryMembers: Count
}

/**
 * `branch.min-full-members`: `fullMembers` is below `threshold` (`minFullMembers`).
 *
 * @since 0.2.0
 * @category schemas
 */
export const MinFullMembers = Schema.TaggedStruct("MinFullMembers", {
  rule: Schema.Literal("branch.min-full-members"),
  ...fields,
  threshold: Count
})

/**
 * @since 0.2.0
 * @category models
 */
export interface MinFullMembers extends Schema.Schema.Type<typeof MinFullMembers> {}

/**
 * `branch.committee-required`: `fullMembers` is at least `threshold` (`committeeFrom`)
 * and no branch committee is set up.
 *
 * @since 0.2.0
 * @category schemas
 */
export const CommitteeRequired = Schema.TaggedStruct("CommitteeRequired", {
  rule: Schema.Literal("branch.committee-required"),
  ...fields,
  threshold: Count
})

/**
 * @since 0.2.0
 * @category models
 */
export interface CommitteeRequired extends Schema.Schema.Type<typeof CommitteeRequired> {}

/**
 * `branch.general-branch-threshold`: full plus probationary members are at least
 * `threshold` (the sector's `generalBranchAt`) and below its `committeeAt`.
 *
 * @since 0.2.0
 * @category schemas
 */
export const GeneralBranchThreshold = Schema.TaggedStruct("GeneralBranchThreshold", {
  rule: Schema.Literal("branch.general-branch-threshold"),
  ...fields,
  threshold: Count
})

/**
 * @since 0.2.0
 * @category models
 */
export interface GeneralBranchThreshold extends Schema.Schema.Type<typeof GeneralBranchThreshold> {}

/**
 * `general-branch.committee-threshold`: full plus probationary members — of the whole
 * subtree for a general branch, of the branch itself for a branch or joint branch — are
 * at least `threshold` (the sector's `committeeAt`).
 *
 * @since 0.2.0
 * @category schemas
 */
export const CommitteeThreshold = Schema.TaggedStruct("CommitteeThreshold", {
  rule: Schema.Literal("general-branch.committee-threshold"),
  ...fields,
  threshold: Count
})

/**
 * @since 0.2.0
 * @category models
 */
export interface CommitteeThreshold extends Schema.Schema.Type<typeof CommitteeThreshold> {}

/**
 * `organisation.sector-unknown`: `sector` is not a key of the policy's sectors.
 *
 * @since 0.2.0
 * @category schemas
 */
export const SectorUnknown = Schema.TaggedStruct("SectorUnknown", {
  rule: Schema.Literal("organisation.sector-unknown"),
  ...fields
})

/**
 * @since 0.2.0
 * @category models
 */
export interface SectorUnknown extends Schema.Schema.Type<typeof SectorUnknown> {}

/**
 * Every organisation alert.
 *
 * @since 0.2.0
 * @category schemas
 */
export const OrganisationAlert = Schema.Union(
  MinFullMembers,
  CommitteeRequired,
  GeneralBranchThreshold,
  CommitteeThreshold,
  SectorUnknown
)

/**
 * @since 0.2.0
 * @category models
 */
export type OrganisationAlert = typeof OrganisationAlert.Type

const who = (a: OrganisationAlert, lang: "zh" | "en"): string =>
  lang === "zh" ? `${a.name}（${a.organisationId}）` : `${a.name} (${a.organisationId})`

/**
 * The alert as a sentence in Chinese (`zh`, zh-CN) or English (`en`): who, the counts,
 * the threshold and what to do.
 *
 * @since 0.2.0
 * @category labels
 */
export const message = (alert: OrganisationAlert, lang: "zh" | "en" = "zh"): string => {
  const name = who(alert, lang)
  const full = alert.fullMembers
  const probationary = alert.probationaryMembers
  const members = full + probationary
  // English counts: "1 full member", "2 full members".
  const fullMembers = `${full} full member${full === 1 ? "" : "s"}`
  switch (alert._tag) {
    case "MinFullMembers":
      // 第四条: units with fewer than three full members form a joint branch together.
      return alert.kind === "joint_branch"
        ? lang === "zh"
          ? `${name}正式党员${full}名，不足${alert.threshold}名，应调整联合范围或并入其他党支部`
          : `${name} has ${fullMembers}, fewer than ${alert.threshold}; widen the joint branch or merge it into another branch`
        : lang === "zh"
        ? `${name}正式党员${full}名，不足${alert.threshold}名，可与邻近单位联合成立联合党支部`
        : `${name} has ${fullMembers}, fewer than ${alert.threshold}; form a joint branch with neighbouring units`
    case "CommitteeRequired":
      return lang === "zh"
        ? `${name}正式党员${full}名，达到${alert.threshold}名，应设立支部委员会`
        : `${name} has ${fullMembers}, ${alert.threshold} or more, and no branch committee; it should elect one`
    case "GeneralBranchThreshold":
      return lang === "zh"
        ? `${name}党员${members}名（正式党员${full}名、预备党员${probationary}名），达到${alert.threshold}名，可成立党总支`
        : `${name} has ${members} members (${full} full, ${probationary} probationary), ${alert.threshold} or more; it may become a general Party branch`
    case "CommitteeThreshold": {
      const own = alert.kind === "general_branch"
      return lang === "zh"
        ? `${name}${own ? "所属" : ""}党员${members}名（正式党员${full}名、预备党员${probationary}名），达到${alert.threshold}名，可成立基层党委`
        : `${name} has ${members} members${own ? " in its branches" : ""} (${full} full, ${probationary} probationary), ${alert.threshold} or more; it may become a primary-level Party committee`
    }
    case "SectorUnknown":
      return lang === "zh"
        ? `${name}所属领域“${alert.sector}”未在组织配置中，无法检查规模`
        : `${name} is in sector "${alert.sector}", which the policy does not list; its size thresholds cannot be checked`
  }
}
