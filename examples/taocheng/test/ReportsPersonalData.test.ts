/**
 * report.pii-every-format: on random workers, households and volunteers with random
 * phones, ID numbers and addresses (and residents' names) — the testkit's
 * `PersonalData`, which report.pii-masked checks on the models — every report that
 * holds personal data (the grid, worker and household rosters, the 台账 and every
 * certificate) is rendered through every back end: XLSX (each cell's text read back with
 * exceljs), HTML, CSV and Markdown (the text). Built for an actor without `pii:read`, no
 * output holds a raw phone, ID number, address or resident's name; built for one with
 * it, every back end's output holds each of them (a certificate's ID number only with the
 * volunteer's consent, which the worker roster and the 台账 show anyway). Only this
 * example depends on every back end, so the property lives here.
 */
import { describe, expect, it } from "@effect/vitest"
import { type Actor, MemoryStore, type Report, type ReportBackend } from "@jiceng/core"
import { PersonalData } from "@jiceng/testkit"
import ExcelJS from "exceljs"
import { Chunk, Effect, Stream } from "effect"
import * as ReportsReport from "../src/ReportsReport.js"

const layer = PersonalData.layer(MemoryStore.layer)

/** What a reader sees of a rendered report: an XLSX's cell texts, sheet by sheet; any other format's text. */
const text = (backend: ReportBackend.ReportBackend, report: Report.Report) =>
  Effect.gen(function*() {
    const bytes = Buffer.concat(Chunk.toArray(yield* Stream.runCollect(backend.render(report))))
    if (backend.extension !== "xlsx") return bytes.toString("utf8")
    const workbook = new ExcelJS.Workbook()
    yield* Effect.promise(() => workbook.xlsx.load(bytes as unknown as ArrayBuffer))
    const cells: Array<string> = []
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void cells.push(cell.text))))
    return cells.join("\n")
  })

/** Every report for the actor rendered by each back end, as one text a back end. */
const rendered = (actor: Actor.Actor, codes: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const reports = (yield* PersonalData.reports(actor, codes)).map((b) => b.report)
    const backends = yield* ReportsReport.backends
    return yield* Effect.forEach(backends, (backend) =>
      Effect.map(Effect.forEach(reports, (report) => text(backend, report)), (texts) => ({ backend: backend.name, text: texts.join("\n") })))
  })

describe("report.pii-every-format", () => {
  it.effect.prop(
    "report.pii-every-format: no XLSX, HTML, CSV or Markdown report written without pii:read holds a raw phone, ID number, address or resident's name; with it, every format shows them",
    [PersonalData.data],
    ([d]) =>
      Effect.gen(function*() {
        const codes = yield* PersonalData.write(d)
        const r = PersonalData.raw(d)
        const raw = [...r.phones, ...r.citizenIds, ...r.addresses, ...r.names]

        const masked = yield* rendered(PersonalData.viewer, codes)
        expect(masked.map((m) => m.backend)).toEqual(["xlsx", "html", "csv", "markdown"])
        for (const { backend, text } of masked) {
          for (const value of raw) expect(text.includes(value), `${backend}: ${value}`).toBe(false)
        }

        const whole = yield* rendered(PersonalData.administrator, codes)
        for (const { backend, text } of whole) {
          for (const value of raw) expect(text.includes(value), `${backend}: ${value}`).toBe(true)
        }
      }).pipe(Effect.provide(layer)),
    { fastCheck: { numRuns: 20 } }
  )
})
