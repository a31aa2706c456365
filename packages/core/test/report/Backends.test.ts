/**
 * Every report back end against what a model built by hand, or options given at run
 * time, may hold (report.backend-check): `ReportBackend.check` refuses a malformed model
 * with a `ReportError` — never a defect —, so each back end (CSV, Markdown, HTML, XLSX)
 * fails before its first byte; `ReportBackend.options` refuses unknown options and
 * throwing getters the same way in each `make`.
 */
import { describe, expect, it } from "@effect/vitest"
import { Report, ReportBackend } from "@jiceng/core"
import { Html } from "@jiceng/report-html"
import { Csv, Markdown } from "@jiceng/report-text"
import { Xlsx } from "@jiceng/report-xlsx"
import { Reports } from "@jiceng/testkit"
import { Cause, Effect, Either, Exit, FastCheck as fc, Option, Ref, Stream } from "effect"

/** Every back end, made with its defaults. */
const backends = Effect.all([Csv.make(), Markdown.make(), Html.make(), Xlsx.make()])

/** A personal value that a refusal must never name. */
const secret = "131102199001010012"

/** Ways a model cast to `Report` can be malformed in a table's row. */
const badRows: Readonly<Record<string, () => unknown>> = {
  "a NaN cell": () => [secret, Number.NaN, 1.5],
  "an Infinity cell": () => [secret, Number.POSITIVE_INFINITY, 1.5],
  "a -Infinity cell": () => [secret, 1, Number.NEGATIVE_INFINITY],
  "an object cell": () => [secret, { value: 1 }, 1.5],
  "an undefined cell": () => [secret, undefined, 1.5],
  "a boolean cell": () => [secret, true, 1.5],
  "a row that is a string": () => "abc",
  "a row that is null": () => null,
  "a cell whose getter throws": () => Object.defineProperty([secret, 1, 1.5], 1, { get: () => { throw new Error("no cell") } }),
  "a cell too few": () => [secret, 1],
  "a cell too many": () => [secret, 1, 1.5, secret]
}

const columns = [
  { key: "id", label: "身份证号", type: "text" as const, personal: "citizen-id" as const },
  { key: "n", label: "次数", type: "integer" as const, total: true },
  { key: "h", label: "时长", type: "decimal" as const, decimals: 1 }
]

/** A large roster whose row at `at` is replaced by `bad` (a row whose getter throws when `bad` is "getter"). */
const withBadRow = (size: number, at: number, bad: () => unknown): Report.Report => {
  const rows: Array<ReadonlyArray<Report.Cell>> = Array.from({ length: size }, (_, i) => [`R${i}`, i, i / 10])
  rows[at] = bad() as ReadonlyArray<Report.Cell>
  const table = Report.table({ id: "roster", title: "名册", lang: "zh", columns, rows: [] })
  return { ...Reports.sample("zh"), sections: [{ id: "s", title: "节", blocks: [{ ...table, rows, totals: null }] }] }
}

/** The same roster, its row at `at` read through a getter that throws. */
const withThrowingRow = (size: number, at: number): Report.Report => {
  const report = withBadRow(size, at, () => [`R${at}`, at, at / 10])
  const table = report.sections[0]!.blocks[0] as Report.Table
  Object.defineProperty(table.rows, at, { get: () => { throw new Error("no row") } })
  return report
}

/** Models malformed outside a table. */
const otherModels: Readonly<Record<string, () => Report.Report>> = {
  "a figure of NaN": () => {
    const sample = Reports.sample("zh")
    const figures: Report.Figures = { _tag: "Figures", id: "f", title: "概况", items: [{ key: "k", label: "项", value: Number.NaN, unit: "", decimals: 0 }] }
    return { ...sample, sections: [{ id: "s", title: "节", blocks: [figures] }] }
  },
  "a chart value of Infinity": () => {
    const sample = Reports.sample("zh")
    const chart: Report.Chart = { _tag: "Chart", id: "c", title: "图", kind: "bar", categories: ["甲", "乙"], series: [{ name: "值", values: [1, Number.POSITIVE_INFINITY] }], unit: "" }
    return { ...sample, sections: [{ id: "s", title: "节", blocks: [chart] }] }
  },
  "a pie of two series": () => {
    const sample = Reports.sample("zh")
    const chart: Report.Chart = { _tag: "Chart", id: "c", title: "图", kind: "pie", categories: ["甲"], series: [{ name: "a", values: [1] }, { name: "b", values: [2] }], unit: "" }
    return { ...sample, sections: [{ id: "s", title: "节", blocks: [chart] }] }
  },
  "a title whose getter throws": () => Object.defineProperty({ ...Reports.sample("zh") }, "title", { get: () => { throw new Error("no title") } }),
  "sections whose getter throws": () => Object.defineProperty({ ...Reports.sample("en") }, "sections", { get: () => { throw new Error("no sections") } }),
  "a proxy that throws": () => new Proxy(Reports.sample("zh"), { get: () => { throw new Error("trap") } }),
  "no sections": () => ({ ...Reports.sample("zh"), sections: [] }),
  "a string": () => "report" as unknown as Report.Report
}

/** How a back end's stream ends on a model: the bytes it emitted and its error (a defect fails the test). */
const outcome = (backend: ReportBackend.ReportBackend, report: Report.Report) =>
  Effect.gen(function*() {
    const written = yield* Ref.make(0)
    const exit = yield* Effect.exit(Stream.runForEach(backend.render(report), (chunk) => Ref.update(written, (n) => n + chunk.length)))
    if (Exit.isSuccess(exit)) return { written: yield* Ref.get(written), error: null }
    const failure = Cause.failureOption(exit.cause)
    if (Option.isNone(failure)) throw new Error(`${backend.name} died: ${Cause.pretty(exit.cause)}`)
    return { written: yield* Ref.get(written), error: failure.value }
  })

const expectRefused = (backend: ReportBackend.ReportBackend, result: { readonly written: number; readonly error: ReportBackend.ReportError | null }) => {
  expect(result.error?._tag, backend.name).toBe("ReportError")
  expect(result.error?.backend).toBe(backend.name)
  expect(result.written, backend.name).toBe(0)
  expect(result.error?.message).not.toContain(secret)
}

describe("ReportBackend.check", () => {
  it.effect.prop(
    "report.backend-check: a malformed row of a large roster — first, in the middle or last — fails every back end with a ReportError naming where, before any byte",
    [fc.constantFrom(...Object.keys(badRows), "a row whose getter throws"), fc.constantFrom("first", "middle", "last"), fc.integer({ min: 1, max: 3000 })],
    ([kind, place, size]) =>
      Effect.gen(function*() {
        const at = place === "first" ? 0 : place === "middle" ? Math.floor(size / 2) : size - 1
        const report = kind === "a row whose getter throws" ? withThrowingRow(size, at) : withBadRow(size, at, badRows[kind]!)
        for (const backend of yield* backends) {
          const result = yield* outcome(backend, report)
          expectRefused(backend, result)
          if (kind !== "a row whose getter throws" && kind !== "a cell whose getter throws") {
            expect(result.error?.message).toMatch(new RegExp(`(rows\\.${at}\\b|row ${at + 1} )`))
          } else {
            expect(result.error?.message).toMatch(/^the model could not be read: no (row|cell)$/)
          }
        }
      }),
    { fastCheck: { numRuns: 40 } }
  )

  it.effect("report.backend-check: a figure or chart value that is not finite, a pie of two series, a getter or proxy that throws, no sections: refused by every back end before any byte", () =>
    Effect.gen(function*() {
      for (const [kind, model] of Object.entries(otherModels)) {
        for (const backend of yield* backends) {
          const result = yield* outcome(backend, model())
          expect(result.error?._tag, `${kind}, ${backend.name}`).toBe("ReportError")
          expect(result.written, `${kind}, ${backend.name}`).toBe(0)
        }
      }
      // Csv.files checks the whole model in each file's stream.
      const csv = yield* Csv.make()
      for (const file of Csv.files(withBadRow(10, 5, badRows["a NaN cell"]!))) {
        expectRefused(csv, yield* outcome({ ...csv, render: () => file.stream }, Reports.sample("zh")))
      }
    }))

  it.prop("report.backend-check: every model of the testkit passes, read as a copy equal to it", [Reports.report()], ([report]) => {
    const checked = ReportBackend.check("test", report)
    expect(Either.isRight(checked)).toBe(true)
    if (Either.isRight(checked)) expect(checked.right).toEqual(report)
  })

  it("report.backend-check: names where, never the value", () => {
    const refused = ReportBackend.check("x", withBadRow(3, 1, () => [secret, Number.NaN, 1]))
    expect(Either.isLeft(refused) && refused.left.message).toBe("the model is not a Report: sections.0.blocks.0.rows.1.1: expected string or a finite number or null")
    const short = ReportBackend.check("x", withBadRow(3, 2, () => [secret, 1]))
    expect(Either.isLeft(short) && short.left.message).toBe("sections.0.blocks.0 (table roster): row 3 has 2 cells for 3 columns")
  })
})

describe("ReportBackend.options", () => {
  const makes = {
    csv: (options: unknown) => Csv.make(options as Csv.CsvOptions),
    markdown: (options: unknown) => Markdown.make(options as Markdown.MarkdownOptions),
    html: (options: unknown) => Html.make(options as Html.HtmlOptions),
    xlsx: (options: unknown) => Xlsx.make(options as Xlsx.XlsxOptions)
  }
  const known = { csv: "table", markdown: "headingLevel", html: "chartWidth", xlsx: "creator" } as const

  /** The option a make refuses, or a defect as a thrown error. */
  const refusedOption = (make: (options: unknown) => Effect.Effect<ReportBackend.ReportBackend, ReportBackend.ReportError>, options: unknown) =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(Effect.suspend(() => make(options)))
      if (Exit.isSuccess(exit)) return null
      const failure = Cause.failureOption(exit.cause)
      if (Option.isNone(failure)) throw new Error(`died: ${Cause.pretty(exit.cause)}`)
      return /^option ([^:]+):/.exec(failure.value.message)?.[1] ?? failure.value.message
    })

  it.effect("report.backend-options: every make refuses unknown options, arrays, objects of a class, `__proto__` and symbol keys, and getters or proxies that throw, with a ReportError naming the option", () =>
    Effect.gen(function*() {
      for (const [name, make] of Object.entries(makes)) {
        const option = known[name as keyof typeof known]
        expect(yield* refusedOption(make, { maxColWidth: 20 }), name).toBe("maxColWidth")
        expect(yield* refusedOption(make, { tabel: "t" }), name).toBe("tabel")
        expect(yield* refusedOption(make, []), name).toBe("options")
        expect(yield* refusedOption(make, [1]), name).toBe("options")
        expect(yield* refusedOption(make, "wide"), name).toBe("options")
        expect(yield* refusedOption(make, null), name).toBe("options")
        expect(yield* refusedOption(make, new Date()), name).toBe("options")
        expect(yield* refusedOption(make, JSON.parse("{\"__proto__\": {}}")), name).toBe("__proto__")
        expect(yield* refusedOption(make, { [Symbol("x")]: 1 }), name).toBe("Symbol(x)")
        const getter = Object.defineProperty({}, option, { enumerable: true, get: () => { throw new Error("no") } })
        expect(yield* refusedOption(make, getter), name).toBe(option)
        expect(yield* refusedOption(make, new Proxy({}, { ownKeys: () => { throw new Error("trap") } })), name).toBe("options")
        expect(yield* refusedOption(make, {}), name).toBeNull()
        expect(yield* refusedOption(make, undefined), name).toBeNull()
        expect(yield* refusedOption(make, Object.create(null)), name).toBeNull()
      }
    }))

  it("report.backend-options: a getter is read once, when the back end is made", () => {
    let reads = 0
    const options = Object.defineProperty({}, "table", { enumerable: true, get: () => (reads++ === 0 ? "roster" : "Not valid") })
    expect(Either.isRight(Effect.runSync(Effect.either(Csv.make(options))))).toBe(true)
    expect(reads).toBe(1)
  })
})

describe("ReportBackend.timestamp", () => {
  it("is how every back end shows when a report was generated", () => {
    expect(ReportBackend.timestamp("2025-01-02T09:00:00+08:00")).toBe("2025-01-02 09:00:00 +08:00")
    expect(ReportBackend.timestamp("2025-01-02T01:00:00.123Z")).toBe("2025-01-02 01:00:00 UTC")
    expect(ReportBackend.timestamp("2025-01-02T09:00+08:00")).toBe("2025-01-02 09:00 +08:00")
    expect(ReportBackend.timestamp("yesterday")).toBe("yesterday")
  })
})
