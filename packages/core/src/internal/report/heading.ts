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
import type { Lang, Period } from "../../report/Report.js"
import * as IsoDate from "../../time/IsoDate.js"
import * as LocalMinute from "../../time/LocalMinute.js"

/** A builder's options, decoded (a `ValidationError` naming `options.<field>`); the language defaults to zh. */
export const options = <A extends { readonly lang?: Lang | undefined }, I>(schema: Schema.Schema<A, I>, input: unknown) =>
  Effect.map(
    Decode.decode(schema, input === undefined ? {} : input, { field: "options" }),
    (o) => ({ ...o, lang: o.lang ?? ("zh" as Lang) })
  )

/** The day a roster is of: the one asked for, or today (China Standard Time). */
export const dayOr = (at: string | undefined): Effect.Effect<string> => at === undefined ? IsoDate.today : Effect.succeed(at)

/** Whether a report built for the actor masks personal data: unless the actor holds `pii:read` under the policy in context. */
export const masks = (actor: Actor.Actor): Effect.Effect<boolean> =>
  Effect.map(AccessPolicy, (policy) => !Actor.can(actor, piiRead, policy))

/** When a report is computed: now, ISO 8601 with China Standard Time's offset. */
export const generatedAt: Effect.Effect<string> = Effect.map(LocalMinute.now, (t) => `${t}:00+08:00`)

/**
 * The name of the grid a report covers as it was on a day: its code when the grid
 * service is not in context, the actor may not read grids, or the grid did not exist then.
 */
export const scopeName = (actor: Actor.Actor, root: string, at: string) =>
  Effect.flatMap(Effect.serviceOption(Grids), (grids) =>
    Option.isNone(grids) ? Effect.succeed(root) : grids.value.resolve(actor, root, at).pipe(
      Effect.map(Option.match({ onNone: () => root, onSome: (g) => g.name })),
      Effect.catchTag("Forbidden", () => Effect.succeed(root))
    ))

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
