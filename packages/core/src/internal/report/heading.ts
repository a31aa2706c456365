/**
 * What the roster, 台账 and certificate builders share: their options decoded, when a
 * report was computed, the name of the grid it covers, a period of days as a report
 * states it, and the rounding of hours in words.
 *
 * @internal
 */
import { Effect, Option, Schema } from "effect"
import { AccessPolicy } from "../../access/AccessPolicy.js"
import * as Actor from "../../access/Actor.js"
import { piiRead } from "../../access/Permission.js"
import * as Decode from "../../errors/Decode.js"
import { Grids } from "../../grid/GridsService.js"
import type { Rounding } from "../../ledger/Rollup.js"
import { Lang, type Period, type Report } from "../../report/Report.js"
import * as IsoDate from "../../time/IsoDate.js"
import * as LocalMinute from "../../time/LocalMinute.js"

/** A builder's options, decoded (a `ValidationError` naming `options.<field>`); the language defaults to zh. */
export const options = <A extends { readonly lang?: Lang | undefined }, I>(schema: Schema.Schema<A, I>, input: unknown) =>
  Effect.map(
    Decode.decode(schema, input === undefined ? {} : input, { field: "options" }),
    (o) => ({ ...o, lang: o.lang ?? ("zh" as Lang) })
  )

/** The day a roster is of: the one asked for, or today (China Standard Time). */
const dayOr = (at: string | undefined): Effect.Effect<string> => at === undefined ? IsoDate.today : Effect.succeed(at)

const DayOptions = Schema.Struct({
  root: Schema.optional(Schema.String),
  at: Schema.optional(Schema.String),
  lang: Schema.optional(Lang)
})

/**
 * A roster's options (`root`, `at`, `lang`) decoded: the language, the subtree (the
 * actor's scope by default), the day (today by default) and the options the grid
 * service's reads take (which check the root and the day, naming `options.<field>`).
 */
export const roster = (actor: Actor.Actor, input: unknown) =>
  Effect.gen(function*() {
    const o = yield* options(DayOptions, input)
    const at = yield* dayOr(o.at)
    return { lang: o.lang, at, root: o.root ?? actor.scope, read: { ...(o.root === undefined ? {} : { root: o.root }), at } }
  })

/** Whether a report built for the actor masks personal data: unless the actor holds `pii:read` under the policy in context. */
export const masks = (actor: Actor.Actor): Effect.Effect<boolean> =>
  Effect.map(AccessPolicy, (policy) => !Actor.can(actor, piiRead, policy))

/** When a report is computed: now, ISO 8601 with China Standard Time's offset. */
export const generatedAt: Effect.Effect<string> = Effect.map(LocalMinute.now, (t) => `${t}:00+08:00`)

/**
 * The scope of a report: the grid it covers and its name as it was on a day — the code
 * for a name when the grid service is not in context, the actor may not read grids, or
 * the grid did not exist then.
 */
export const scope = (actor: Actor.Actor, root: string, at: string) =>
  Effect.flatMap(Effect.serviceOption(Grids), (grids) =>
    Option.isNone(grids) ? Effect.succeed<Report["scope"]>({ gridCode: root, name: root }) : grids.value.resolve(actor, root, at).pipe(
      Effect.map((g): Report["scope"] => ({ gridCode: root, name: Option.match(g, { onNone: () => root, onSome: (g) => g.name }) })),
      Effect.catchTag("Forbidden", () => Effect.succeed<Report["scope"]>({ gridCode: root, name: root }))
    ))

/** A report of the actor's tenant, stamped with when it was computed. */
export const report = (actor: Actor.Actor, fields: Omit<Report, "tenant" | "generatedAt">): Effect.Effect<Report> =>
  Effect.map(generatedAt, (at) => ({ ...fields, tenant: actor.tenant, generatedAt: at }))

/** The rounding of a report that only counts, in words. */
export const countsOnly: Readonly<Record<Lang, string>> = {
  zh: "名册只含计数，均为整数，不舍入。",
  en: "Counts only: whole numbers, nothing rounded."
}

/** The note of a table showing personal data whole. */
export const unmaskedNote: Readonly<Record<Lang, string>> = {
  zh: "含未脱敏的个人信息，本次查阅已记入审计日志；请妥善保管。",
  en: "Holds personal data unmasked; this read is in the audit log. Keep it safe."
}

/** Sentences as one text: run together in Chinese, spaced in English. */
export const sentences = (lang: Lang, ...parts: ReadonlyArray<string>): string => parts.join(lang === "zh" ? "" : " ")

/** Days from `from` to `to`, both included, as a report's half-open range. */
export const inclusive = (from: string, to: string): Period => ({
  _tag: "Range",
  from,
  to: IsoDate.addDays(to as IsoDate.IsoDate, 1)
})

const modes: Readonly<Record<Rounding["mode"], Readonly<Record<Lang, string>>>> = {
  "half-up": { zh: "四舍五入", en: "half up" },
  "half-even": { zh: "四舍六入五成双", en: "half to even" },
  down: { zh: "舍去", en: "truncated" }
}

/** How hours are rounded, in words: the figures' `decimals` and the mode. */
export const hoursRounding = (rounding: Rounding, lang: Lang): string =>
  lang === "zh"
    ? `时长按分钟累计；小时 = 分钟 ÷ 60，保留 ${rounding.decimals} 位小数，${modes[rounding.mode].zh}。每行的小时由该行的分钟数换算；合计的小时由合计分钟数换算，不由各行小时相加。`
    : `Durations are summed in minutes; hours = minutes ÷ 60 to ${rounding.decimals} decimal place${rounding.decimals === 1 ? "" : "s"}, ${modes[rounding.mode].en}. Each row's hours come from its own minutes; total hours from the total minutes, not from adding the rows' hours.`
