/**
 * A district-sized roster streams: 100 000 rows render and read back (exceljs's
 * streaming reader) with their row count and total, while the heap grows by far less
 * than a workbook of them would take; a reader that stops early stops the writer.
 */
import { describe, expect, it } from "@effect/vitest"
import { Report } from "@jiceng/core"
import { Xlsx } from "@jiceng/report-xlsx"
import { Reports } from "@jiceng/testkit"
import { Chunk, Effect, Stream } from "effect"
import ExcelJS from "exceljs"
import { Readable } from "node:stream"
import { setFlagsFromString } from "node:v8"
import { runInNewContext } from "node:vm"

const count = 100_000

/** A full garbage collection, so that what is measured is what is held (V8's `gc`, exposed for it). */
const collect = (): void => {
  setFlagsFromString("--expose-gc")
  const gc = runInNewContext("gc") as () => void
  gc()
}

/** A roster of `rows` volunteers: name, masked ID number, the day they joined, service minutes (totalled). */
const roster = (rows = count): Report.Report => ({
  ...Reports.sample("zh"),
  kind: "volunteer-roster",
  sections: [{
    id: "roster",
    title: "志愿者名册",
    blocks: [Report.table({
      id: "roster",
      title: "志愿者名册",
      lang: "zh",
      columns: [
        { key: "name", label: "姓名", type: "text" },
        { key: "citizen-id", label: "身份证号", type: "text", personal: "citizen-id" },
        { key: "joined", label: "加入日期", type: "date" },
        { key: "minutes", label: "服务时长（分钟）", type: "integer", total: true }
      ],
      rows: Array.from({ length: rows }, (_, i) => [
        `志愿者${i}`,
        `131102********${String(i % 10_000).padStart(4, "0")}`,
        `2024-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}`,
        (i * 7) % 600
      ])
    })]
  }]
})

/** The roster sheet read back as a stream: its data rows (those under the header, above the totals) and its totals cell. */
const readBack = async (buffer: Buffer) => {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), { worksheets: "emit", sharedStrings: "cache", styles: "ignore", hyperlinks: "ignore", entries: "emit" })
  let sheets = 0
  let data = 0
  let totals: { formula: string; result: unknown } | null = null
  for await (const sheet of reader) {
    sheets++
    for await (const row of sheet) {
      // The table's title is row 3, its header row 4, its rows from 5.
      if (sheets !== 2 || row.number < 5) continue
      const cell = row.getCell(4)
      if (cell.type === ExcelJS.ValueType.Formula) totals = { formula: cell.formula, result: cell.result }
      else data++
    }
  }
  return { sheets, data, totals }
}

describe("a large roster", () => {
  it.effect(`${count.toLocaleString("en-US")} rows stream out and read back with their row count and total; the heap stays small`, () =>
    Effect.gen(function*() {
      const report = roster()
      const table = report.sections[0]!.blocks[0] as Report.Table
      const backend = yield* Effect.orDie(Xlsx.make())
      const before = process.memoryUsage().heapUsed
      let peak = before
      const started = Date.now()
      const chunks = yield* Stream.runCollect(backend.render(report).pipe(
        Stream.tap(() => Effect.sync(() => {
          peak = Math.max(peak, process.memoryUsage().heapUsed)
        }))
      ))
      const renderMs = Date.now() - started
      const buffer = Buffer.concat(Chunk.toArray(chunks))
      const growthMb = (peak - before) / 2 ** 20
      console.log(`xlsx: ${count} rows in ${renderMs} ms, ${(buffer.length / 2 ** 20).toFixed(1)} MiB, heap grew ${growthMb.toFixed(1)} MiB at most`)
      // exceljs's in-memory Workbook holds about 160 MiB of heap for these rows before it
      // writes a byte; the streamed writer's heap grows by about 20 MiB (measured), so the
      // bound, four times that, still tells the two apart.
      expect(growthMb).toBeLessThan(80)

      const read = yield* Effect.promise(() => readBack(buffer))
      expect(read.sheets).toBe(2)
      expect(read.data).toBe(count)
      expect(read.totals).toEqual({ formula: `SUM(D5:D${count + 4})`, result: table.totals![3] })
      expect(table.totals![3]).toBe(table.rows.reduce((sum, row) => sum + (row[3] as number), 0))
    }), { timeout: 60_000 })

  // Long (JICENG_LONG=1): about 11 s. A roster this size outgrows the buffers of the zip
  // (archiver's are 1 MiB each), beyond which exceljs would queue the XML without bound.
  it.live.skipIf(!process.env["JICENG_LONG"])("a reader that pauses holds the writer back: what waits for it stays bounded", () =>
    Effect.scoped(Effect.gen(function*() {
      const backend = yield* Effect.orDie(Xlsx.make())
      const pull = yield* Stream.toPull(backend.render(roster(400_000)))
      collect()
      const before = process.memoryUsage().arrayBuffers
      yield* pull
      // Long enough for a writer that ignored the queue to pile up its XML (measured: about
      // 52 MiB held after 8 s); this one stops at about 5 MiB, the zip's buffers.
      yield* Effect.sleep("8 seconds")
      // Buffers the zip has read and dropped count until collected: collect them first.
      collect()
      const grownMb = (process.memoryUsage().arrayBuffers - before) / 2 ** 20
      console.log(`xlsx: a paused reader holds ${grownMb.toFixed(1)} MiB of buffers`)
      expect(grownMb).toBeLessThan(24)
    })), { timeout: 120_000 })

  it.effect("a reader that takes the first bytes and stops ends the render without an error", () =>
    Effect.gen(function*() {
      const backend = yield* Effect.orDie(Xlsx.make())
      const first = yield* Stream.runCollect(Stream.take(backend.render(roster()), 1))
      expect(Chunk.size(first)).toBe(1)
      expect(Array.from(Chunk.unsafeGet(first, 0).subarray(0, 2))).toEqual([0x50, 0x4b]) // "PK": a zip
      // The back end renders again afterwards, whole.
      const sample = yield* Stream.runCollect(backend.render(Reports.sample("zh")))
      expect(Chunk.size(sample)).toBeGreaterThan(0)
    }))
})
