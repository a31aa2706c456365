/**
 * The demo's emergency report on the memory store: every figure it prints as this run's
 * is the Emergency service's answer, beside the article's, with its note saying whether
 * the generator took it as an input (scaled to a smaller 桃城区) or it was computed; and
 * the restore check passes.
 */
import { describe, expect, it } from "@effect/vitest"
import { Actor, EmergencyService, MemoryStore } from "@jiceng/core"
import { CoConstruction, District, EmergencyData, Party } from "@jiceng/testkit"
import { EmergencyConformance } from "@jiceng/testkit/vitest"
import { Effect } from "effect"
import * as EmergencyReport from "../src/EmergencyReport.js"
import * as Output from "../src/Output.js"
import { line } from "./lines.js"

// The emergency suites' services (Emergency over the co-construction suites') on a memory store.
const memory = EmergencyConformance.emergencyOver(MemoryStore.layer)


describe("EmergencyReport", () => {
  it.live("prints the coverage beside the article's figures with their notes, and that deactivation restored everything", () =>
    Effect.gen(function*() {
      const district = District.generate({ seed: 11, communities: 8, sectors: 14, compounds: 30, blocks: 120, workers: 40, extraAssignments: 20, households: 2_400 })
      yield* District.apply(district)
      const party = Party.generate(district)
      yield* Party.apply(party)
      const co = CoConstruction.generate(district, party)
      yield* CoConstruction.apply(co)
      const data = EmergencyData.generate(district, co)
      const writeMs = yield* EmergencyReport.write(data, EmergencyReport.batchSize)
      const timing = { generateSeconds: "0.00", writeMs, batchSize: EmergencyReport.batchSize }
      const zh = yield* EmergencyReport.report(data, timing, "zh")
      const en = yield* EmergencyReport.report(data, timing, "en")

      const service = yield* EmergencyService.Emergency
      const total = yield* service.coverageOver(Actor.system(data.tenant), { from: data.options.activatedOn, to: data.options.deactivatedOn })
      const n = Output.count
      expect(line(zh, "先锋队（支）")).toMatch(new RegExp(`^先锋队（支）\\s+82\\s+${n(total.teams)}\\s+生成器输入，取自文章，按本区小区数缩放$`))
      expect(line(zh, "覆盖小区（个）")).toMatch(new RegExp(`315\\s+${n(total.compounds)}\\s+生成器输入，取自文章，按本区小区数缩放$`))
      expect(line(zh, "覆盖居民（人）")).toMatch(new RegExp(`28万\\s+${n(total.residents)}\\s+计算所得：`))
      expect(line(zh, "组织职工（名）")).toMatch(new RegExp(`3000多\\s+${n(total.staff)}\\s+生成器输入`))
      expect(line(zh, "四、五级网格员")).toMatch(new RegExp(`—\\s+${n(total.workers)}\\s+计算所得$`))
      expect(line(zh, "临时党支部：按小区")).toMatch(new RegExp(`—\\s+${n(total.compoundBranches)}\\s+计算所得$`))
      expect(line(zh, "临时党支部：社区联合")).toMatch(new RegExp(`—\\s+${n(total.jointBranches)}\\s+计算所得$`))
      expect(line(zh, "解除后复原")).toMatch(/完全一致$/)
      expect(line(en, "Restored after deactivation")).toMatch(/identical$/)
      expect(total.teams).toBeGreaterThan(0)
    }).pipe(Effect.provide(memory)), 300_000)
})
