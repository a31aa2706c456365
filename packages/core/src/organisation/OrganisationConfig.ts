/**
 * The organisation policy a deployment runs with: its sectors (with the membership at
 * which a sector's branch should become a 党总支 or a 基层党委), the size rules of a
 * branch, and how often each meeting of 三会一课 is due. Provided as a service so that
 * a platform configures it once. The defaults are those of RULES.md; where the rule's
 * article is unverified or local practice differs, a platform sets its own.
 *
 * @since 0.2.0
 */
import { Context, Either, Layer, Schema } from "effect"
import * as Decode from "../errors/Decode.js"
import * as Text from "../text/Text.js"
import { MeetingKind } from "./Meeting.js"
import { OrganisationKind } from "./Organisation.js"

/**
 * A sector an organisation is in, with its size thresholds: at `generalBranchAt`
 * members a branch should become a 党总支, at `committeeAt` a 基层党委 (《党和国家机关
 * 基层组织工作条例》 第五–七条 for organs; sector rules elsewhere).
 *
 * @since 0.2.0
 * @category schemas
 */
export const Sector = Schema.Struct({
  key: Text.Id,
  zh: Schema.NonEmptyTrimmedString,
  en: Schema.NonEmptyTrimmedString,
  generalBranchAt: Schema.Int.pipe(Schema.positive()),
  committeeAt: Schema.Int.pipe(Schema.positive())
})

/**
 * @since 0.2.0
 * @category models
 */
export interface Sector extends Schema.Schema.Type<typeof Sector> {}

/**
 * How often a meeting is due: once a month, a quarter, a half-year or a year.
 *
 * @since 0.2.0
 * @category schemas
 */
export const Frequency = Schema.Literal("month", "quarter", "half_year", "year")

/**
 * @since 0.2.0
 * @category models
 */
export type Frequency = typeof Frequency.Type

/**
 * A meeting's schedule: how often it is due, for which kinds of organisation, and
 * whether only where a branch committee is set up (支委会).
 *
 * @since 0.2.0
 * @category schemas
 */
export const Schedule = Schema.Struct({
  frequency: Frequency,
  kinds: Schema.Array(OrganisationKind),
  needsCommittee: Schema.Boolean
})

/**
 * @since 0.2.0
 * @category models
 */
export interface Schedule extends Schema.Schema.Type<typeof Schedule> {}

/**
 * @since 0.2.0
 * @category models
 */
export interface OrganisationConfigShape {
  readonly sectors: ReadonlyArray<Sector>
  /** Full members a branch needs (《中国共产党支部工作条例（试行）》 第四条: 3). */
  readonly minFullMembers: number
  /** Full members from which a branch needs a branch committee (7). */
  readonly committeeFrom: number
  /** The meetings due, by kind; a kind left out is never due. */
  readonly meetings: Readonly<Partial<Record<MeetingKind, Schedule>>>
  /**
   * How many months ahead of the month they are paid in dues may be paid in advance
   * (预交): 12 by default, a platform default rather than a published rule; 0 allows
   * none.
   */
  readonly duesAdvanceMonths: number
}

/**
 * @since 0.2.0
 * @category tags
 */
export class OrganisationConfig
  extends Context.Tag("@jiceng/core/OrganisationConfig")<OrganisationConfig, OrganisationConfigShape>()
{}

const branches: ReadonlyArray<OrganisationKind> = ["branch", "joint_branch"]

/**
 * The default policy: the sectors of the article (communities, 两新组织, 物业, 新就业群体,
 * organs and institutions) with 50 and 100 as the thresholds; 3 full members for a
 * branch and a committee from 7; the general meeting, the party lesson quarterly, the
 * committee meeting (where there is a committee), the group meeting and the theme day
 * monthly, and the 组织生活会 yearly, for branches and joint branches; dues paid up to 12
 * months in advance.
 *
 * @since 0.2.0
 * @category policy
 */
export const defaults: OrganisationConfigShape = {
  sectors: [
    { key: "community", zh: "社区", en: "Community", generalBranchAt: 50, committeeAt: 100 },
    { key: "new_economy", zh: "两新组织", en: "Non-public enterprise or social organisation", generalBranchAt: 50, committeeAt: 100 },
    { key: "property", zh: "物业", en: "Property management", generalBranchAt: 50, committeeAt: 100 },
    { key: "new_employment", zh: "新就业群体", en: "New-employment group", generalBranchAt: 50, committeeAt: 100 },
    { key: "organ", zh: "机关事业单位", en: "Organ or public institution", generalBranchAt: 50, committeeAt: 100 }
  ],
  minFullMembers: 3,
  committeeFrom: 7,
  meetings: {
    general_meeting: { frequency: "quarter", kinds: branches, needsCommittee: false },
    committee_meeting: { frequency: "month", kinds: branches, needsCommittee: true },
    group_meeting: { frequency: "month", kinds: branches, needsCommittee: false },
    party_lesson: { frequency: "quarter", kinds: branches, needsCommittee: false },
    theme_day: { frequency: "month", kinds: branches, needsCommittee: false },
    life_meeting: { frequency: "year", kinds: branches, needsCommittee: false }
  },
  duesAdvanceMonths: 12
}

const Shape = Schema.Struct({
  sectors: Schema.Array(Sector).pipe(Schema.minItems(1)),
  minFullMembers: Schema.Int.pipe(Schema.positive()),
  committeeFrom: Schema.Int.pipe(Schema.positive()),
  meetings: Schema.partial(Schema.Record({ key: MeetingKind, value: Schedule })),
  duesAdvanceMonths: Schema.Int.pipe(Schema.nonNegative())
}).pipe(
  Schema.filter(({ sectors }) => {
    if (new Set(sectors.map((s) => s.key)).size !== sectors.length) {
      return { path: ["sectors"], message: "organisation-config.sector-keys: sector keys must be distinct" }
    }
    const bad = sectors.findIndex((s) => s.committeeAt < s.generalBranchAt)
    return bad < 0 ||
      { path: ["sectors", bad], message: "organisation-config.thresholds: committeeAt must not be below generalBranchAt" }
  })
)

/**
 * Checks a configuration (distinct sector keys, thresholds in order). A configuration
 * is code, not input, so a bad one throws the `ValidationError` (naming the field) when
 * the layer is made.
 *
 * @since 0.2.0
 * @category policy
 */
export const validate = (config: OrganisationConfigShape): OrganisationConfigShape =>
  Either.match(Decode.decodeEither(Shape, config), {
    onLeft: (error) => {
      throw error
    },
    onRight: () => config
  })

/**
 * A configuration from a partial one; what is left out is the default.
 *
 * @since 0.2.0
 * @category policy
 */
export const make = (config: Partial<OrganisationConfigShape> = {}): OrganisationConfigShape =>
  validate({ ...defaults, ...config })

/**
 * @since 0.2.0
 * @category layers
 */
export const layer = (config: Partial<OrganisationConfigShape> = {}): Layer.Layer<OrganisationConfig> =>
  Layer.succeed(OrganisationConfig, make(config))
