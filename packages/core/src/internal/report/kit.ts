/**
 * What the aggregate report models share: their options decoded (a `ValidationError`
 * naming `options.<field>`), the scope's name and child grids as the grid service
 * answers them, the rows of a per-grid read gathered under the root's children (and the
 * root's own), rounding as the models state it, the months of a period, and when a model
 * was made.
 *
 * @internal
 */
import { Effect, Option, Schema } from "effect"
import type * as Actor from "../../access/Actor.js"
import * as Decode from "../../errors/Decode.js"
import type { ValidationError } from "../../errors/ValidationError.js"
import { GridCode } from "../../grid/Grid.js"
import * as GridConfig from "../../grid/GridConfig.js"
import * as LevelScheme from "../../grid/LevelScheme.js"
import { type GridReadError, Grids } from "../../grid/GridsService.js"
import * as Report from "../../report/Report.js"
import * as IsoDate from "../../time/IsoDate.js"
import * as LocalMinute from "../../time/LocalMinute.js"
import * as Period from "../period.js"

const Root = { root: Schema.optional(GridCode) }
const Lang = { lang: Schema.optional(Report.Lang) }

/** @internal */
export const PeriodOptions = Schema.Struct({ ...Root, from: IsoDate.IsoDate, to: IsoDate.IsoDate, ...Lang })

/** @internal */
export const DayOptions = Schema.Struct({ ...Root, at: Schema.optional(IsoDate.IsoDate), ...Lang })

/** A period's options resolved: the subtree (the actor's scope by default), `[from, to)`, its last day, the language. */
export interface ResolvedPeriod {
  readonly root: string
  readonly from: IsoDate.IsoDate
  readonly to: IsoDate.IsoDate
  /** The period's last day: what a count on a day (grids, members, enrolments) is taken on. */
  readonly last: IsoDate.IsoDate
  readonly lang: Report.Lang
}

/**
 * A period's options: decoded strictly (a `ValidationError` naming `options.<field>`),
 * `to` after `from` and at most ten years on (`period.order`, `period.length`).
 */
export const period = <A extends Schema.Schema.Type<typeof PeriodOptions>>(
  actor: Actor.Actor,
  input: unknown,
  schema: Schema.Schema<A, any> = PeriodOptions as never
): Effect.Effect<ResolvedPeriod & { readonly options: A }, ValidationError> =>
  Effect.gen(function*() {
    const options = yield* Decode.decode(schema, input === undefined ? {} : input, { field: "options" })
    const problem = Period.problem(options.from, options.to, "options.to")
    if (problem !== undefined) return yield* Effect.fail(problem)
    return {
      root: options.root ?? actor.scope,
      from: options.from,
      to: options.to,
      last: IsoDate.addDays(options.to, -1),
      lang: options.lang ?? "zh",
      options
    }
  })

/** A day's options resolved: the subtree (the actor's scope by default), the day (today, CST, by default), the language. */
export const day = <A extends Schema.Schema.Type<typeof DayOptions>>(
  actor: Actor.Actor,
  input: unknown,
  schema: Schema.Schema<A, any> = DayOptions as never
): Effect.Effect<{ readonly root: string; readonly at: IsoDate.IsoDate; readonly lang: Report.Lang; readonly options: A }, ValidationError> =>
  Effect.gen(function*() {
    const options = yield* Decode.decode(schema, input === undefined ? {} : input, { field: "options" })
    return { root: options.root ?? actor.scope, at: options.at ?? (yield* IsoDate.today), lang: options.lang ?? "zh", options }
  })

/** When a model was made: this minute in China Standard Time, ISO 8601 with its offset. */
export const generatedAt: Effect.Effect<string> = Effect.map(LocalMinute.now, (minute) => `${minute}:00+08:00`)

/** A grid of the scope: its code and name. */
export interface Named {
  readonly code: string
  readonly name: string
}

/**
 * The root grid's name on a day and, when asked for, its child grids (ordered by code),
 * as the grid service answers them; without the grid service in context, the code
 * stands for the name and there are no children.
 */
export const scope = (
  actor: Actor.Actor,
  root: string,
  at: string,
  withChildren = true
): Effect.Effect<{ readonly name: string; readonly children: ReadonlyArray<Named> }, GridReadError> =>
  Effect.gen(function*() {
    const service = yield* Effect.serviceOption(Grids)
    if (Option.isNone(service)) return { name: root, children: [] }
    const grids = service.value
    const grid = yield* grids.resolve(actor, root, at)
    // Without a root grid that day (a tenant whose tree has no district grid), its children are those naming it as
    // parent; a grid of the lowest level has none.
    const lowest = LevelScheme.lowest((yield* gridConfig).scheme)
    const children = !withChildren || (Option.isSome(grid) && grid.value.level >= lowest)
      ? []
      : Option.isSome(grid)
      ? yield* grids.subtree(actor, { root, at, level: grid.value.level + 1 })
      : (yield* grids.subtree(actor, { root, at })).filter((g) => g.parentCode === root)
    return {
      name: Option.match(grid, { onNone: () => root, onSome: (g) => g.name }),
      children: children.map((g) => ({ code: g.code, name: g.name }))
    }
  })

/** The grid configuration in context (its level labels, categories), else the defaults. */
export const gridConfig: Effect.Effect<GridConfig.GridConfigShape> = Effect.map(
  Effect.serviceOption(GridConfig.GridConfig),
  Option.getOrElse(() => GridConfig.defaults)
)

/**
 * Rows of a read per grid gathered under the root's children — a row counts for the
 * child whose code begins its grid's — and the root's own: rows of the root itself or of
 * a grid under no child listed (one closed since, say). Children in their order, each
 * with its rows; `own` the rest inside the root.
 */
export const underChildren = <A>(
  root: string,
  children: ReadonlyArray<Named>,
  rows: ReadonlyArray<A>,
  codeOf: (row: A) => string
): { readonly children: ReadonlyArray<{ readonly grid: Named; readonly rows: ReadonlyArray<A> }>; readonly own: ReadonlyArray<A> } => {
  const byChild = new Map<string, Array<A>>(children.map((c) => [c.code, []]))
  const own: Array<A> = []
  for (const row of rows) {
    const code = codeOf(row)
    if (!code.startsWith(root)) continue
    const child = children.find((c) => code.startsWith(c.code))
    if (child === undefined) own.push(row)
    else byChild.get(child.code)!.push(row)
  }
  return { children: children.map((grid) => ({ grid, rows: byChild.get(grid.code)! })), own }
}

/**
 * A number rounded half up at `places` decimals, by its decimal digits (0.0005 to three
 * places is 0.001, as it reads, not as its binary fraction falls).
 */
export const round = (value: number, places: number): number => {
  const magnitude = Math.abs(value)
  const text = String(magnitude)
  const shifted = text.includes("e") ? Math.round(magnitude * 10 ** places) : Math.round(Number(`${text}e${places}`))
  const rounded = Number(`${shifted}e-${places}`)
  return value < 0 && rounded !== 0 ? -rounded : rounded
}

/** A share in [0, 1] to one decimal of a percent (three places), half up; null stays null. */
export const share = (rate: number | null): number | null => (rate === null ? null : round(rate, 3))

/** A share as a percentage to one decimal, half up (0.8535 → 85.4); null stays null. */
export const percent = (rate: number | null): number | null =>
  rate === null ? null : Number(`${Math.round(round(rate, 3) * 1000)}e-1`)

/** A percentage (0–100, unrounded) as a share to one decimal of a percent, half up on the percentage's digits (12.35 → 0.124). */
export const shareOfPercent = (value: number): number => Number(`${Math.round(round(value, 1) * 10)}e-3`)

/** Whole counts of rows by a key, the rows' `count` summed. */
export const sumOf = <A>(rows: ReadonlyArray<A>, f: (row: A) => number): number => rows.reduce((sum, row) => sum + f(row), 0)

/** The months `YYYY-MM` with a day in `[from, to)`, in order. */
export const months = (from: IsoDate.IsoDate, to: IsoDate.IsoDate): ReadonlyArray<string> => {
  const out: Array<string> = []
  for (let day = `${from.slice(0, 7)}-01` as IsoDate.IsoDate; day < to; day = IsoDate.addMonths(day, 1)) {
    out.push(day.slice(0, 7))
    // December 9999 is the last month a date of this format has.
    if (day.startsWith("9999-12")) break
  }
  return out
}

/** A figure with no decimals unless given. */
export const figure = (key: string, label: string, value: number | string | null, unit: string, decimals = 0): Report.Figure => ({
  key,
  label,
  value,
  unit,
  decimals
})

/** A label in a language from a `{ zh, en }` pair, or the key when there is none. */
export const labelOf = (
  pairs: ReadonlyArray<{ readonly key: string; readonly zh: string; readonly en: string }>,
  key: string,
  lang: Report.Lang
): string => pairs.find((p) => p.key === key)?.[lang] ?? key

/**
 * An aggregate model of the actor's tenant, made now: counts, sums and rates only, so
 * `masked` is true — nothing personal is in it to show (no name, ID number, phone or
 * address of a person).
 */
export const aggregate = (
  actor: Actor.Actor,
  model: {
    readonly kind: string
    readonly title: string
    readonly lang: Report.Lang
    readonly root: string
    readonly name: string
    readonly period: Report.Period
    readonly rounding: string
    readonly sections: ReadonlyArray<Report.Section>
  }
): Effect.Effect<Report.Report> =>
  Effect.map(generatedAt, (generatedAt) => ({
    kind: model.kind,
    title: model.title,
    lang: model.lang,
    tenant: actor.tenant,
    scope: { gridCode: model.root, name: model.name },
    period: model.period,
    generatedAt,
    rounding: model.rounding,
    masked: true,
    sections: model.sections
  }))

/** A table of labels and counts, with totals unless the counts overlap (`total: false`). */
export const countTable = (options: {
  readonly id: string
  readonly title: string
  readonly lang: Report.Lang
  readonly label: string
  readonly count: string
  readonly rows: ReadonlyArray<readonly [string, number]>
  readonly total?: boolean
  readonly note?: string | null
}): Report.Table =>
  Report.table({
    id: options.id,
    title: options.title,
    lang: options.lang,
    columns: [
      { key: "label", label: options.label, type: "text" },
      { key: "count", label: options.count, type: "integer", total: options.total ?? true }
    ],
    rows: options.rows,
    note: options.note ?? null
  })
