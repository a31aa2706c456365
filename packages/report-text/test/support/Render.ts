/**
 * Running a back end's stream in a test: its bytes, its chunks, its text.
 */
import type { Report, ReportBackend } from "@jiceng/core"
import { Chunk, Effect, Either, Stream } from "effect"

/** The chunks a stream emits. */
export const chunks = (stream: Stream.Stream<Uint8Array, ReportBackend.ReportError>) =>
  Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)

/** The bytes of a stream. */
export const bytes = (stream: Stream.Stream<Uint8Array, ReportBackend.ReportError>) =>
  Effect.map(chunks(stream), (parts) => Buffer.concat(parts))

/** The text a back end renders for a report. */
export const text = (backend: ReportBackend.ReportBackend, report: Report.Report) =>
  Effect.map(bytes(backend.render(report)), (b) => b.toString("utf8"))

/** A stream's failure and how many chunks it emitted before it. */
export const refusal = (stream: Stream.Stream<Uint8Array, ReportBackend.ReportError>) =>
  Effect.gen(function*() {
    const results = Chunk.toReadonlyArray(yield* Stream.runCollect(Stream.either(stream)))
    const failure = results.find(Either.isLeft)
    return { emitted: results.filter(Either.isRight).length, error: failure === undefined ? null : failure.left }
  })

/** A report of one section holding the blocks given. */
export const reportOf = (lang: Report.Lang, sections: Report.Report["sections"]): Report.Report => ({
  kind: "test",
  title: lang === "zh" ? "测试报表" : "Test report",
  lang,
  tenant: "131102",
  scope: { gridCode: null, name: lang === "zh" ? "桃城区" : "Taocheng" },
  period: { _tag: "Day", at: "2024-12-31" },
  generatedAt: "2025-01-02T09:00:00+08:00",
  rounding: "",
  masked: true,
  sections
})
