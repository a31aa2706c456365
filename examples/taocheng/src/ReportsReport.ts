/**
 * The demo's reports (issue 13): after the other parts have written the district, this
 * part builds four report models of `@jiceng/core` for a reader without `pii:read` —
 * the district summary from the co-construction's year through the ledger's (`DistrictSummary`), the household roster
 * (`HouseholdRoster`), the year's volunteer service 台账 (`VolunteerLedgerReport`) and
 * the demo's certificate (`CertificateReport`), the last three masked — renders each
 * through every back end (XLSX, HTML, CSV, Markdown), streaming the bytes into files
 * under `out/`, and writes the district summary's model as JSON beside them (what the
 * HTML back end's screenshot script reads). It prints every file with its size, a few
 * of the summary's figures read back from the model, and the time it took.
 *
 * @since 0.7.0
 */
import * as fs from "node:fs"
import * as path from "node:path"
import {
  Actor,
  CertificateReport,
  DistrictSummary,
  type GridConfig,
  type Grids,
  HouseholdRoster,
  type NotFound,
  Report,
  type ReportBackend,
  VolunteerLedgerReport,
  type VolunteerLedgerService
} from "@jiceng/core"
import { Html } from "@jiceng/report-html"
import { Csv, Markdown } from "@jiceng/report-text"
import { Xlsx } from "@jiceng/report-xlsx"
import type { Ledger } from "@jiceng/testkit"
import { Data, Effect, Schema, Stream } from "effect"
import * as LedgerReport from "./LedgerReport.js"
import * as Output from "./Output.js"

/**
 * A report file that could not be written (the directory, the disk).
 *
 * @since 0.7.0
 * @category errors
 */
export class WriteFailed extends Data.TaggedError("WriteFailed")<{ readonly file: string; readonly cause: unknown }> {
  override get message() {
    return `could not write ${this.file}: ${this.cause instanceof Error ? this.cause.message : String(this.cause)}`
  }
}

/**
 * The four back ends, in the order the files are written: XLSX, HTML, CSV, Markdown.
 *
 * @since 0.7.0
 * @category back ends
 */
export const backends: Effect.Effect<ReadonlyArray<ReportBackend.ReportBackend>, ReportBackend.ReportError> = Effect.all([
  Xlsx.make({ creator: "jiceng 演示" }),
  Html.make(),
  Csv.make(),
  Markdown.make()
])

/**
 * Streams a back end's rendering of a report into a file, chunk by chunk, never holding
 * the whole; the bytes written. The file is closed however the stream ends.
 *
 * @since 0.7.0
 * @category writing
 */
export const writeFile = (
  backend: ReportBackend.ReportBackend,
  report: Report.Report,
  file: string
): Effect.Effect<number, ReportBackend.ReportError | WriteFailed> =>
  Effect.acquireUseRelease(
    Effect.tryPromise({ try: () => fs.promises.open(file, "w"), catch: (cause) => new WriteFailed({ file, cause }) }),
    (handle) =>
      Stream.runFoldEffect(backend.render(report), 0, (bytes, chunk) =>
        Effect.tryPromise({
          try: () => handle.write(chunk).then(() => bytes + chunk.byteLength),
          catch: (cause) => new WriteFailed({ file, cause })
        })),
    (handle) => Effect.promise(() => handle.close())
  )

/**
 * A file the part wrote: the report's kind, the back end's name and the path.
 *
 * @since 0.7.0
 * @category models
 */
export interface File {
  readonly kind: string
  readonly backend: string
  readonly file: string
  readonly bytes: number
}

/**
 * What the part built and wrote: the models (the summary first) and the files.
 *
 * @since 0.7.0
 * @category models
 */
export interface Written {
  readonly reports: ReadonlyArray<Report.Report>
  readonly files: ReadonlyArray<File>
  readonly buildMs: number
  readonly writeMs: number
}

/** The summary's figures the part prints: section id and figure key. */
const shown: ReadonlyArray<readonly [string, string]> = [
  ["grids", "grids"],
  ["grids", "workers"],
  ["grids", "places"],
  ["organisations", "organisations"],
  ["coconstruction", "units"],
  ["coconstruction", "members"],
  ["coconstruction", "meetings"],
  ["coconstruction", "completed-tasks"],
  ["volunteering", "entries"],
  ["volunteering", "hours"],
  ["demands", "received"],
  ["demands", "resolved"]
]

/**
 * A figure of a report, found by its section's id and its key.
 *
 * @since 0.7.0
 * @category reading
 */
export const figure = (report: Report.Report, section: string, key: string): Report.Figure | undefined =>
  report.sections
    .find((s) => s.id === section)
    ?.blocks.flatMap((b) => (b._tag === "Figures" ? b.items : []))
    .find((f) => f.key === key)

const words = {
  zh: {
    heading: (from: string, to: string) => `报表（#13：核心的报表模型，经四种后端写出；期间 ${from} 至 ${to}（不含））`,
    reader: (masked: boolean) => `  读者无 pii:read：住户名册、台账、证明中的个人信息${masked ? "均已脱敏" : "未脱敏（！）"}`,
    file: "文件",
    report: "报表",
    format: "格式",
    size: "大小（字节）",
    figures: "区级汇总报表的部分数字（从报表模型读回）",
    figure: "指标",
    value: "数值",
    note: "说明",
    computed: "计算所得",
    timing: (build: string, write: string) => `报表用时：建模 ${build} s · 写出 ${write} s`
  },
  en: {
    heading: (from: string, to: string) => `Reports (#13: core's report models, written through four back ends; period ${from} to ${to}, exclusive)`,
    reader: (masked: boolean) => `  A reader without pii:read: personal data in the household roster, the ledger and the certificate ${masked ? "masked" : "NOT masked (!)"}`,
    file: "File",
    report: "Report",
    format: "Format",
    size: "Size (bytes)",
    figures: "Some of the district summary's figures (read back from the model)",
    figure: "Figure",
    value: "Value",
    note: "Note",
    computed: "computed",
    timing: (build: string, write: string) => `Reports time: models ${build} s · files ${write} s`
  }
} as const

/**
 * What the part can fail with: a model's read, the certificate's write, a back end, a file.
 *
 * @since 0.7.0
 * @category errors
 */
export type ReportsError =
  | DistrictSummary.SummaryError
  | Grids.GridReadError
  | VolunteerLedgerService.LedgerReadError
  | VolunteerLedgerService.LedgerWriteError
  | NotFound.NotFound
  | ReportBackend.ReportError
  | WriteFailed

/**
 * What the part reads: the services of the models (the summary finds the others it
 * reads in the context) and the grid configuration.
 *
 * @since 0.7.0
 * @category models
 */
export type ReportsServices = Grids.Grids | GridConfig.GridConfig | VolunteerLedgerService.VolunteerLedger

/**
 * What the part is given: the ledger part's generated year, the directory and the language.
 *
 * @since 0.7.0
 * @category models
 */
export interface Options {
  readonly ledger: Ledger.GeneratedLedger
  /**
   * The first day of the district summary's period, which ends with the ledger's year:
   * the co-construction's first day, so that its joint meetings and their tasks are in it.
   */
  readonly from: string
  readonly dir: string
  readonly lang: Output.Lang
}

/**
 * Builds the four models for a reader of the whole district without `pii:read` and
 * writes each through every back end into `dir` (created when missing) as
 * `<kind>.<extension>`, with `district-summary.json` beside them. The certificate is the
 * ledger part's (`LedgerReport.certify`, replayed); without one, there is none.
 *
 * @since 0.7.0
 * @category running
 */
export const write = (options: Options): Effect.Effect<Written, ReportsError, ReportsServices> =>
  Effect.gen(function*() {
    const { dir, lang, ledger } = options
    const tenant = ledger.tenant
    const reader = Actor.make({ id: "demo-report-reader", tenant, roles: ["viewer"] })
    const buildStart = performance.now()
    const certified = yield* LedgerReport.certify(ledger)
    const summary = yield* DistrictSummary.build(reader, { from: options.from, to: summaryEnd(ledger), lang })
    const households = yield* HouseholdRoster.build(reader, { lang })
    const ledgerReport = yield* VolunteerLedgerReport.build(reader, { from: ledger.figures.from, to: ledger.figures.to, lang })
    const certificate = certified === undefined
      ? []
      : [yield* CertificateReport.build(reader, { code: certified.certificate.code, lang })]
    const reports = [summary, households, ledgerReport, ...certificate]
    const buildMs = performance.now() - buildStart

    const writeStart = performance.now()
    yield* Effect.try({ try: () => fs.mkdirSync(dir, { recursive: true }), catch: (cause) => new WriteFailed({ file: dir, cause }) })
    const json = path.join(dir, `${summary.kind}.json`)
    yield* Effect.try({
      try: () => fs.writeFileSync(json, JSON.stringify(Schema.encodeSync(Report.Report)(summary), null, 1)),
      catch: (cause) => new WriteFailed({ file: json, cause })
    })
    const all = yield* backends
    const files: Array<File> = []
    for (const report of reports) {
      for (const backend of all) {
        const file = path.join(dir, `${report.kind}.${backend.extension}`)
        files.push({ kind: report.kind, backend: backend.name, file, bytes: yield* writeFile(backend, report, file) })
      }
    }
    files.push({ kind: summary.kind, backend: "json", file: json, bytes: fs.statSync(json).size })
    const written: Written = { reports, files, buildMs, writeMs: performance.now() - writeStart }
    return written
  })

/**
 * Runs {@link write} and reports it as printed lines: the files with their sizes, the
 * summary's figures read back from the model, and the time.
 *
 * @since 0.7.0
 * @category running
 */
export const run = (options: Options): Effect.Effect<string, ReportsError, ReportsServices> =>
  Effect.map(write(options), (written) => lines(written, options.lang, options.from, summaryEnd(options.ledger)))

/** The end of the summary's period (excluded): the day after the ledger's year. */
const summaryEnd = (ledger: Ledger.GeneratedLedger): string => `${ledger.figures.year + 1}-01-01`

/**
 * What {@link run} prints for what was written.
 *
 * @since 0.7.0
 * @category reporting
 */
export const lines = (written: Written, lang: Output.Lang, from: string, to: string): string => {
  const w = words[lang]
  const summary = written.reports[0]!
  const titles = new Map(written.reports.map((r) => [r.kind, r.title]))
  const out: Array<string> = [w.heading(from, to)]
  out.push(w.reader(written.reports.slice(1).every((r) => r.masked)), "")
  out.push(Output.table([
    [w.file, w.report, w.format, w.size],
    ...written.files.map((f) => [Output.display(f.file), titles.get(f.kind) ?? f.kind, f.backend, Output.count(f.bytes)])
  ], { textColumns: [1, 2], header: true }))
  out.push("")
  out.push(w.figures)
  out.push(Output.table([
    [w.figure, w.value, w.note],
    ...shown.flatMap(([section, key]) => {
      const f = figure(summary, section, key)
      if (f === undefined) return []
      const value = typeof f.value === "number"
        ? f.value.toLocaleString("en-US", { minimumFractionDigits: f.decimals, maximumFractionDigits: f.decimals })
        : f.value ?? "—"
      return [[f.label, `${value}${f.unit === "" ? "" : lang === "en" ? ` ${f.unit}` : f.unit}`, w.computed]]
    })
  ], { textColumns: [2], header: true }))
  out.push("")
  out.push(w.timing((written.buildMs / 1000).toFixed(2), (written.writeMs / 1000).toFixed(2)))
  return out.join("\n")
}
