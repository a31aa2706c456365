/**
 * A report model: what a report back end renders (an XLSX 台账, an HTML page with
 * charts, CSV, Markdown). It is a typed value computed by the store's queries through
 * the services: sections of key figures, tables and charts, with every label already in
 * the report's language (zh-CN by default, en on request). A model states its period,
 * its scope and its rounding; a table's totals row is the sum of its rows in the columns
 * that total; columns holding personal data say so and are masked when built for an
 * actor without `pii:read`.
 *
 * A back end never computes a figure: it lays out what the model holds, so every format
 * shows the same numbers. A model is a plain value (its schema `Report` decodes one built
 * by hand), so a deployment can render reports of its own through the same back ends.
 *
 * @since 0.7.0
 */
import { Schema } from "effect"

/**
 * The language of a report's labels.
 *
 * @since 0.7.0
 * @category schemas
 */
export const Lang = Schema.Literal("zh", "en")

/**
 * @since 0.7.0
 * @category models
 */
export type Lang = typeof Lang.Type

/**
 * What a column holds, which decides its format in every back end:
 *
 * - `text`: text as it is;
 * - `integer`: a whole number (counts, minutes);
 * - `decimal`: a number shown with the column's `decimals` (hours, amounts);
 * - `percent`: a share in [0, 1] shown as a percentage with `decimals`;
 * - `date`: `YYYY-MM-DD`; `datetime`: `YYYY-MM-DDTHH:mm` (local time, +08:00).
 *
 * @since 0.7.0
 * @category schemas
 */
export const ColumnType = Schema.Literal("text", "integer", "decimal", "percent", "date", "datetime")

/**
 * @since 0.7.0
 * @category models
 */
export type ColumnType = typeof ColumnType.Type

/**
 * The kinds of personal data a column may hold, each with its masking (`Masking`,
 * `CitizenId.mask`, `Phone.mask`): a citizen ID number, a phone number, an exact
 * address.
 *
 * @since 0.7.0
 * @category schemas
 */
export const Personal = Schema.Literal("citizen-id", "phone", "address")

/**
 * @since 0.7.0
 * @category models
 */
export type Personal = typeof Personal.Type

const Key = Schema.String.pipe(Schema.pattern(/^[a-z][a-z0-9-]{0,63}$/))
const Label = Schema.String.pipe(Schema.maxLength(200))

/**
 * A column: its key, its label in the report's language, its type, whether the totals
 * row sums it, and the personal data it holds, if any.
 *
 * @since 0.7.0
 * @category schemas
 */
export const Column = Schema.Struct({
  key: Key,
  label: Label,
  type: ColumnType,
  /** Decimal places of a `decimal` or `percent` column (0 to 6). */
  decimals: Schema.optionalWith(Schema.Int.pipe(Schema.between(0, 6)), { default: () => 0 }),
  /** Whether the totals row sums this column (numeric columns only). */
  total: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  personal: Schema.optionalWith(Schema.NullOr(Personal), { default: () => null })
})

/**
 * @since 0.7.0
 * @category models
 */
export interface Column extends Schema.Schema.Type<typeof Column> {}

/**
 * A cell: text, a finite number, or nothing.
 *
 * @since 0.7.0
 * @category schemas
 */
export const Cell = Schema.Union(Schema.String, Schema.Number.pipe(Schema.finite()), Schema.Null)

/**
 * @since 0.7.0
 * @category models
 */
export type Cell = typeof Cell.Type

/**
 * A table: columns, rows (one cell per column), and a totals row when a column totals —
 * the label `合计` / `Total` in the first column, the sums in the columns that total,
 * nothing elsewhere.
 *
 * @since 0.7.0
 * @category schemas
 */
export const Table = Schema.TaggedStruct("Table", {
  id: Key,
  title: Label,
  columns: Schema.Array(Column).pipe(Schema.minItems(1), Schema.maxItems(100)),
  rows: Schema.Array(Schema.Array(Cell)),
  totals: Schema.NullOr(Schema.Array(Cell)),
  /** A note under the table: what it counts, where a figure comes from. */
  note: Schema.optionalWith(Schema.NullOr(Schema.String), { default: () => null })
})

/**
 * @since 0.7.0
 * @category models
 */
export interface Table extends Schema.Schema.Type<typeof Table> {}

/**
 * A key figure: a label, a value and its unit (`人`, `个`, `小时`, `%` …).
 *
 * @since 0.7.0
 * @category schemas
 */
export const Figure = Schema.Struct({
  key: Key,
  label: Label,
  value: Schema.Union(Schema.Number.pipe(Schema.finite()), Schema.String, Schema.Null),
  unit: Schema.String.pipe(Schema.maxLength(20)),
  /** Decimal places to show a number with. */
  decimals: Schema.optionalWith(Schema.Int.pipe(Schema.between(0, 6)), { default: () => 0 })
})

/**
 * @since 0.7.0
 * @category models
 */
export interface Figure extends Schema.Schema.Type<typeof Figure> {}

/**
 * Key figures, shown as a list (or a two-column sheet).
 *
 * @since 0.7.0
 * @category schemas
 */
export const Figures = Schema.TaggedStruct("Figures", {
  id: Key,
  title: Label,
  items: Schema.Array(Figure).pipe(Schema.minItems(1), Schema.maxItems(100))
})

/**
 * @since 0.7.0
 * @category models
 */
export interface Figures extends Schema.Schema.Type<typeof Figures> {}

/**
 * The kinds of chart: bars over categories, lines over ordered categories (months),
 * a funnel of stages, a pie of shares.
 *
 * @since 0.7.0
 * @category schemas
 */
export const ChartKind = Schema.Literal("bar", "line", "funnel", "pie")

/**
 * A chart: categories and one or more series of values, one per category; a funnel or
 * a pie has one series.
 *
 * @since 0.7.0
 * @category schemas
 */
export const Chart = Schema.TaggedStruct("Chart", {
  id: Key,
  title: Label,
  kind: ChartKind,
  categories: Schema.Array(Label).pipe(Schema.maxItems(1000)),
  series: Schema.Array(Schema.Struct({
    name: Label,
    values: Schema.Array(Schema.Number.pipe(Schema.finite()))
  })).pipe(Schema.minItems(1), Schema.maxItems(20)),
  unit: Schema.String.pipe(Schema.maxLength(20))
})

/**
 * @since 0.7.0
 * @category models
 */
export interface Chart extends Schema.Schema.Type<typeof Chart> {}

/**
 * A block of a section.
 *
 * @since 0.7.0
 * @category schemas
 */
export const Block = Schema.Union(Figures, Table, Chart)

/**
 * @since 0.7.0
 * @category models
 */
export type Block = typeof Block.Type

/**
 * A section: one area of the report (grids, organisations, volunteer service …).
 *
 * @since 0.7.0
 * @category schemas
 */
export const Section = Schema.Struct({
  id: Key,
  title: Label,
  blocks: Schema.Array(Block)
})

/**
 * @since 0.7.0
 * @category models
 */
export interface Section extends Schema.Schema.Type<typeof Section> {}

/**
 * The period a report covers: a day (`at`) or a half-open range of days `[from, to)`.
 *
 * @since 0.7.0
 * @category schemas
 */
export const Period = Schema.Union(
  Schema.TaggedStruct("Day", { at: Schema.String }),
  Schema.TaggedStruct("Range", { from: Schema.String, to: Schema.String })
)

/**
 * @since 0.7.0
 * @category models
 */
export type Period = typeof Period.Type

/**
 * A report.
 *
 * @since 0.7.0
 * @category schemas
 */
export const Report = Schema.Struct({
  /** What report it is: `district-summary`, `volunteer-ledger`, `grid-roster` … */
  kind: Key,
  title: Label,
  lang: Lang,
  tenant: Schema.String,
  /** The subtree it covers: a grid code and its name (null: the tenant's whole tree). */
  scope: Schema.Struct({ gridCode: Schema.NullOr(Schema.String), name: Label }),
  period: Period,
  /** When it was computed: ISO 8601 with the offset. */
  generatedAt: Schema.String,
  /** The rounding policy, stated in the report's language (what is rounded where, and how). */
  rounding: Schema.String.pipe(Schema.maxLength(500)),
  /** Whether personal data is masked in it (the actor did not hold `pii:read`). */
  masked: Schema.Boolean,
  sections: Schema.Array(Section).pipe(Schema.minItems(1))
})

/**
 * @since 0.7.0
 * @category models
 */
export interface Report extends Schema.Schema.Type<typeof Report> {}

/**
 * The totals row of rows under columns: the label in the first column, the sum of each
 * column that totals (rows' non-numeric cells count as nothing; the sum rounded to the
 * column's places, so it equals the sum of the rows as shown), null elsewhere; null when
 * no column totals.
 *
 * @since 0.7.0
 * @category utils
 */
export const totals = (
  columns: ReadonlyArray<Column>,
  rows: ReadonlyArray<ReadonlyArray<Cell>>,
  label: string
): ReadonlyArray<Cell> | null => {
  if (!columns.some((c) => c.total)) return null
  return columns.map((c, i) => {
    if (c.total) {
      const sum = rows.reduce<number>((sum, row) => sum + (typeof row[i] === "number" ? (row[i] as number) : 0), 0)
      // The sum of the rows as shown: float noise (0.1 + 0.2) cut at the column's places.
      const scale = 10 ** (c.type === "integer" ? 0 : c.decimals)
      return Math.round(sum * scale) / scale
    }
    return i === 0 ? label : null
  })
}

/**
 * The label of a totals row in a language.
 *
 * @since 0.7.0
 * @category labels
 */
export const totalLabel: Readonly<Record<Lang, string>> = { zh: "合计", en: "Total" }

/**
 * A table from columns given as plain objects (defaults filled) and rows, with its
 * totals row computed.
 *
 * @since 0.7.0
 * @category constructors
 */
export const table = (options: {
  readonly id: string
  readonly title: string
  readonly lang: Lang
  readonly columns: ReadonlyArray<Schema.Schema.Encoded<typeof Column>>
  readonly rows: ReadonlyArray<ReadonlyArray<Cell>>
  readonly note?: string | null
}): Table => {
  const columns: ReadonlyArray<Column> = options.columns.map((c) => ({
    key: c.key,
    label: c.label,
    type: c.type,
    decimals: c.decimals ?? 0,
    total: c.total ?? false,
    personal: c.personal ?? null
  }))
  return {
    _tag: "Table",
    id: options.id,
    title: options.title,
    columns,
    rows: options.rows,
    totals: totals(columns, options.rows, totalLabel[options.lang]),
    note: options.note ?? null
  }
}
