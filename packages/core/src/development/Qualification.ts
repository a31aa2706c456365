/**
 * Social-work professional qualifications (社会工作者职业水平) of community workers, and
 * who may sit the examination for each level. The three levels are 助理社会工作师
 * (junior) and 社会工作师 (intermediate), awarded by examination (国人部发〔2006〕71号
 * 《社会工作者职业水平评价暂行规定》), and 高级社会工作师 (senior), by examination plus
 * assessment (人社部规〔2018〕2号《高级社会工作师评价办法》).
 *
 * Eligibility is data: a {@link Policy} lists, for each level, the routes
 * ({@link Requirement}s) that admit an applicant — a degree, a major and whole years of
 * social-work experience, or of holding a lower level — and an applicant is eligible
 * when any route is met. {@link defaults} follows the published rules; a deployment
 * whose local notice differs decodes its own policy with the {@link Policy} schema.
 *
 * What the defaults rest on (see {@link defaults} for each route's `source`):
 *
 * - verified only by the project's RULES.md: intermediate, social-work bachelor + 3
 *   years, and social-work master + 1 year;
 * - unverified (taken from third-party reproductions of the published text, not
 *   checked against the official gazette): every other route, the article numbers
 *   (the reproductions put the junior conditions in 第十一条 and the intermediate ones
 *   in 第十二条 of the 暂行规定, 第十条 being the general clause, and the senior ones in
 *   第十二条 of the 评价办法), and in particular the junior "other major" routes
 *   (associate + 4, bachelor or above + 2), the intermediate route for 高中或中专 with
 *   the junior qualification + 6, and the senior route.
 *
 * Override any of them with a policy of your own.
 *
 * @since 0.5.0
 */
import { Either, Schema } from "effect"
import * as RuleViolation from "../errors/RuleViolation.js"
import { addMonths, IsoDate } from "../time/IsoDate.js"

/**
 * A level of the social-work qualification: `assistant` 助理社会工作师 (junior),
 * `intermediate` 社会工作师, `senior` 高级社会工作师.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Level = Schema.Literal("assistant", "intermediate", "senior")

/**
 * @since 0.5.0
 * @category models
 */
export type Level = typeof Level.Type

/**
 * The levels' names: the Chinese title and the English one the rules give (Junior
 * Social Worker, Social Worker, Senior Social Worker).
 *
 * @since 0.5.0
 * @category constants
 */
export const levelLabels: Readonly<Record<Level, { readonly zh: string; readonly en: string }>> = {
  assistant: { zh: "助理社会工作师", en: "Junior Social Worker" },
  intermediate: { zh: "社会工作师", en: "Social Worker" },
  senior: { zh: "高级社会工作师", en: "Senior Social Worker" }
}

/**
 * The highest education completed, from lowest to highest: `secondary` 高中或中专,
 * `associate` 大专, `bachelor` 本科, `master` 硕士, `doctor` 博士.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Degree = Schema.Literal("secondary", "associate", "bachelor", "master", "doctor")

/**
 * @since 0.5.0
 * @category models
 */
export type Degree = typeof Degree.Type

/**
 * @since 0.5.0
 * @category constants
 */
export const degreeLabels: Readonly<Record<Degree, { readonly zh: string; readonly en: string }>> = {
  secondary: { zh: "高中或中专", en: "senior secondary (high school or secondary vocational)" },
  associate: { zh: "大专", en: "associate (junior college)" },
  bachelor: { zh: "本科", en: "bachelor" },
  master: { zh: "硕士", en: "master" },
  doctor: { zh: "博士", en: "doctorate" }
}

const degreeRank: Readonly<Record<Degree, number>> = { secondary: 0, associate: 1, bachelor: 2, master: 3, doctor: 4 }

/**
 * An applicant's education: the highest degree and whether it is in social work
 * (社会工作专业).
 *
 * @since 0.5.0
 * @category schemas
 */
export const Education = Schema.Struct({
  degree: Degree,
  /** The degree is in social work (社会工作专业) rather than another major (其他专业). */
  socialWork: Schema.Boolean
})

/**
 * @since 0.5.0
 * @category models
 */
export interface Education extends Schema.Schema.Type<typeof Education> {}

/**
 * The major a route asks for: `social-work` (社会工作专业) only, or `any` major, which a
 * social-work degree satisfies too.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Major = Schema.Literal("social-work", "any")

/**
 * @since 0.5.0
 * @category models
 */
export type Major = typeof Major.Type

/**
 * @since 0.5.0
 * @category constants
 */
export const majorLabels: Readonly<Record<Major, { readonly zh: string; readonly en: string }>> = {
  "social-work": { zh: "社会工作专业", en: "social work" },
  any: { zh: "不限专业", en: "any major" }
}

/**
 * One route to eligibility: at least `degree` (secondary < associate < bachelor <
 * master < doctor) in `major`, and at least `years` whole years of social-work
 * experience on the day — or, when `holds` is set, of holding that level instead (the
 * published rules say "years of social work after obtaining it"; holding it that long
 * stands for them). `source` names the document and article.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Requirement = Schema.Struct({
  degree: Degree,
  major: Major,
  years: Schema.Int.pipe(Schema.between(0, 100)),
  holds: Schema.optional(Level),
  source: Schema.optional(Schema.String)
})

/**
 * @since 0.5.0
 * @category models
 */
export interface Requirement extends Schema.Schema.Type<typeof Requirement> {}

/**
 * The routes to each level; an applicant is eligible for a level when any of its
 * routes is met, and never for a level with no routes.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Policy = Schema.Record({ key: Level, value: Schema.Array(Requirement) })

/**
 * @since 0.5.0
 * @category models
 */
export type Policy = typeof Policy.Type

/**
 * A qualification held: its level and the day it was obtained (the certificate's date).
 *
 * @since 0.5.0
 * @category schemas
 */
export const Holding = Schema.Struct({ level: Level, obtainedOn: IsoDate })

/**
 * @since 0.5.0
 * @category models
 */
export interface Holding extends Schema.Schema.Type<typeof Holding> {}

/**
 * What eligibility looks at: the education, the day social-work experience began (null
 * for none) and the qualifications held.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Applicant = Schema.Struct({
  education: Education,
  socialWorkSince: Schema.NullOr(IsoDate),
  holdings: Schema.Array(Holding)
})

/**
 * @since 0.5.0
 * @category models
 */
export interface Applicant extends Schema.Schema.Type<typeof Applicant> {}

const interimRules = "国人部发〔2006〕71号《社会工作者职业水平评价暂行规定》"
const seniorRules = "人社部规〔2018〕2号《高级社会工作师评价办法》"

/**
 * The published rules. Junior (暂行规定 第十一条, unverified): 高中或中专 + 4 years;
 * social-work 大专 + 2; social-work 本科 or above + 0 (the text says "本科应届毕业生",
 * read as including those who already hold the degree); other-major 大专 + 4 and
 * other-major 本科 or above + 2 (both unverified). Intermediate (暂行规定 第十二条):
 * 高中或中专 holding 助理社会工作师 for 6 years (unverified); social-work 大专 + 4,
 * 本科 + 3 (RULES.md), 硕士 + 1 (RULES.md), 博士 + 0; other majors two years more
 * (大专 + 6, 本科 + 5, 硕士 + 3, 博士 + 2; unverified). Senior (评价办法 第十二条,
 * unverified): 本科 or above, any major, holding 社会工作师 for 5 years.
 *
 * Exam notices usually count the years up to 31 December of the registration year:
 * pass that day as `on` to {@link eligible}.
 *
 * @since 0.5.0
 * @category constants
 */
export const defaults: Policy = {
  assistant: [
    { degree: "secondary", major: "any", years: 4, source: `${interimRules}第十一条（一）` },
    { degree: "associate", major: "social-work", years: 2, source: `${interimRules}第十一条（二）` },
    { degree: "bachelor", major: "social-work", years: 0, source: `${interimRules}第十一条（三）` },
    { degree: "associate", major: "any", years: 4, source: `${interimRules}第十一条（四）` },
    { degree: "bachelor", major: "any", years: 2, source: `${interimRules}第十一条（五）` }
  ],
  intermediate: [
    { degree: "secondary", major: "any", years: 6, holds: "assistant", source: `${interimRules}第十二条（一）` },
    { degree: "associate", major: "social-work", years: 4, source: `${interimRules}第十二条（二）` },
    { degree: "bachelor", major: "social-work", years: 3, source: `${interimRules}第十二条（三）` },
    { degree: "master", major: "social-work", years: 1, source: `${interimRules}第十二条（四）` },
    { degree: "doctor", major: "social-work", years: 0, source: `${interimRules}第十二条（五）` },
    { degree: "associate", major: "any", years: 6, source: `${interimRules}第十二条（六）` },
    { degree: "bachelor", major: "any", years: 5, source: `${interimRules}第十二条（六）` },
    { degree: "master", major: "any", years: 3, source: `${interimRules}第十二条（六）` },
    { degree: "doctor", major: "any", years: 2, source: `${interimRules}第十二条（六）` }
  ],
  senior: [
    { degree: "bachelor", major: "any", years: 5, holds: "intermediate", source: `${seniorRules}第十二条` }
  ]
}

/**
 * The day `years` whole years after `from`: the same month and day, or 1 March for a
 * 29 February start in a year that is not a leap year (`IsoDate.addMonths`, the library's
 * one convention for periods, so that a period is never shorter than its length). Throws
 * a RangeError for a negative or fractional count or a result after the year 9999.
 *
 * @since 0.5.0
 * @category utils
 */
export const anniversary = (from: IsoDate, years: number): IsoDate => {
  if (!Number.isInteger(years) || years < 0) throw new RangeError(`anniversary: ${years} is not a whole number of years`)
  return addMonths(from, 12 * years)
}

/**
 * The whole years from `startedOn` to `on`: a year is complete on its anniversary (see
 * {@link anniversary}; a 29 February start completes on 1 March in other years).
 * Never negative: 0 when `on` comes first.
 *
 * @since 0.5.0
 * @category utils
 */
export const experienceYears = (startedOn: IsoDate, on: IsoDate): number => {
  if (on <= startedOn) return 0
  let years = Number(on.slice(0, 4)) - Number(startedOn.slice(0, 4))
  if (anniversary(startedOn, years) > on) years -= 1
  return years
}

/** The earliest day, on or before `on`, that the applicant obtained `level`. */
const heldSince = (holdings: ReadonlyArray<Holding>, level: Level, on: IsoDate): IsoDate | undefined => {
  let first: IsoDate | undefined
  for (const h of holdings) {
    if (h.level === level && h.obtainedOn <= on && (first === undefined || h.obtainedOn < first)) first = h.obtainedOn
  }
  return first
}

/** The day counted from for a route's years: experience, or the holding; null when none. */
const countedFrom = (requirement: Requirement, applicant: Applicant, on: IsoDate): IsoDate | null =>
  requirement.holds === undefined
    ? applicant.socialWorkSince
    : heldSince(applicant.holdings, requirement.holds, on) ?? null

const educationMeets = (requirement: Requirement, education: Education): boolean =>
  degreeRank[education.degree] >= degreeRank[requirement.degree] &&
  (requirement.major === "any" || education.socialWork)

const yearsMeet = (requirement: Requirement, since: IsoDate | null, on: IsoDate): boolean =>
  since === null
    ? requirement.years === 0 && requirement.holds === undefined
    : experienceYears(since, on) >= requirement.years

/**
 * Whether one route admits the applicant on the day. A route of 0 years without
 * `holds` needs no experience at all; a route with `holds` needs the level obtained on
 * or before the day (the earliest such holding counts).
 *
 * @since 0.5.0
 * @category rules
 */
export const meets = (requirement: Requirement, applicant: Applicant, on: IsoDate): boolean =>
  educationMeets(requirement, applicant.education) &&
  yearsMeet(requirement, countedFrom(requirement, applicant, on), on)

const levelName = (level: Level): string => `${levelLabels[level].zh} (${levelLabels[level].en})`

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`

const describe = (r: Requirement): string => {
  const education = `${degreeLabels[r.degree].en} or above${r.major === "social-work" ? " in social work" : ""}`
  const years = r.holds === undefined
    ? `${plural(r.years, "year")} of social-work experience`
    : `holding ${levelName(r.holds)} for ${plural(r.years, "year")}`
  return `${education}, ${years}`
}

const shortfall = (r: Requirement, applicant: Applicant, on: IsoDate): string => {
  const missing: Array<string> = []
  if (!educationMeets(r, applicant.education)) {
    missing.push(`a degree of ${degreeLabels[r.degree].en} or above${r.major === "social-work" ? " in social work" : ""}`)
  }
  const since = countedFrom(r, applicant, on)
  if (!yearsMeet(r, since, on)) {
    const what = r.holds === undefined ? "of social-work experience" : `holding ${levelName(r.holds)}`
    if (since === null) {
      missing.push(
        r.holds === undefined
          ? `${plural(r.years, "year")} ${what} (none recorded)`
          : `${levelName(r.holds)}, held for ${plural(r.years, "year")} (not held)`
      )
    } else {
      const lacking = r.years - experienceYears(since, on)
      missing.push(`${plural(lacking, "more year")} ${what} (complete on ${anniversary(since, r.years)})`)
    }
  }
  return `${describe(r)}${r.source === undefined ? "" : ` [${r.source}]`} — missing ${missing.join(" and ")}`
}

/**
 * Whether the applicant may sit the examination for `level` on the day `on` (the
 * cut-off date the exam notice sets): the first of the policy's routes met, in the
 * policy's order. Otherwise `qualification.eligibility` on the field `level`, whose
 * message names the level and, for every route, what the applicant lacks — the degree,
 * or the years still missing and the day they complete.
 *
 * @since 0.5.0
 * @category rules
 */
export const eligible = (
  policy: Policy,
  level: Level,
  applicant: Applicant,
  on: IsoDate
): Either.Either<Requirement, RuleViolation.RuleViolation> => {
  const routes = policy[level]
  const met = routes.find((r) => meets(r, applicant, on))
  if (met !== undefined) return Either.right(met)
  const head = `qualification.eligibility: not eligible for ${levelName(level)} on ${on}`
  return RuleViolation.refuse(
    "qualification.eligibility",
    "level",
    routes.length === 0
      ? `${head}: the policy has no route to this level`
      : `${head}; any one of these routes would admit: ${routes.map((r) => shortfall(r, applicant, on)).join("; ")}`,
    Array.from(new Set(routes.map((r) => r.source ?? "the policy"))).join("; ")
  )
}
