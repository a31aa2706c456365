/**
 * The demo's notifications part on the memory store: services built with its settings
 * and directory queue what their writes raise, for the webhook and, in 河西街道 (street
 * 001), for DingTalk; the report counts it by kind and back end, delivers it to its
 * receiver on 127.0.0.1, and prints queued and delivered alike, every webhook request
 * signed.
 */
import { describe, expect, it } from "@effect/vitest"
import { Actor, DemandConfig, Demands, GridConfig, Grids, MemoryStore } from "@jiceng/core"
import { DemandIntents, Tenants } from "@jiceng/testkit"
import { Effect, Layer } from "effect"
import * as NotificationReport from "../src/NotificationReport.js"
import { line } from "./lines.js"

const tenant = Tenants.fresh()

const services = Layer.mergeAll(Demands.layer, Grids.layer).pipe(
  Layer.provideMerge(Layer.mergeAll(MemoryStore.layer, GridConfig.layer(), DemandConfig.layer(), NotificationReport.layer(tenant, "zh")))
)

describe("NotificationReport", () => {
  it.live("counts the outbox by kind and back end, delivers it to the loopback receiver, and prints the counts, each marked computed", () =>
    Effect.gen(function*() {
      yield* DemandIntents.writeScaffold(tenant)
      // d1 in block A of street 001 (河西街道: the webhook and its DingTalk group), d2 in block C of street 002 (the webhook).
      const intake = (id: string, grid: string) => ({
        _tag: "IntakeDemand", id, gridCode: `${tenant}${grid}`, category: "safety", source: "hotline", description: "x", requestedAt: "2024-03-01T09:00"
      })
      yield* (yield* Demands.Demands).executeAllUnknown(Actor.system(tenant), [
        intake("d1", DemandIntents.grids[0]),
        intake("d2", DemandIntents.grids[6]),
        // d1 escalated twice (to w0, then w4 past the unstaffed sector), d2 once.
        { _tag: "EscalateOverdue", asOf: "2024-03-20T09:00" }
      ]).pipe(Effect.orDie)
      const zh = yield* NotificationReport.run([tenant], "zh")
      const row = (label: string, backend: string, queued: number, delivered: number) =>
        new RegExp(`^  ${label.replace(".", "\\.")}\\s+${backend}\\s+${queued}\\s+${delivered}\\s+计算所得$`, "m")
      expect(zh).toMatch(row("诉求交办 demand.assigned", "dingtalk", 1, 1))
      expect(zh).toMatch(row("诉求交办 demand.assigned", "webhook", 2, 2))
      expect(zh).toMatch(row("诉求逾期上报 demand.escalated", "dingtalk", 2, 2))
      expect(zh).toMatch(row("诉求逾期上报 demand.escalated", "webhook", 3, 3))
      expect(line(zh, "合计")).toMatch(/\s8\s+8\s+计算所得$/)
      expect(line(zh, "未投递")).toBe("未投递 0 条，死信 0 条")
      expect(line(zh, "回环接收端")).toMatch(/收到：webhook 5 条（签名经 Signature\.verify 校验通过 5 条），dingtalk 3 条$/)
      // Delivered: nothing is left for a second report.
      const en = yield* NotificationReport.run([tenant], "en")
      expect(line(en, "Total")).toMatch(/\s0\s+8\s+computed$/)
      expect(line(en, "The loopback receiver")).toMatch(/took: webhook 0 \(signatures verified by Signature\.verify: 0\), dingtalk 0$/)
    }).pipe(Effect.provide(services)))
})
