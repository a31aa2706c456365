/**
 * The demo's outreach report on the memory store: every figure it prints as this run's
 * is the Outreach service's answer, beside the article's, with its note saying whether
 * the generator took it as an input or it was computed; addresses come masked.
 */
import { describe, expect, it } from "@effect/vitest"
import { Actor, Development, DevelopmentConfig, MemoryStore, Outreach } from "@jiceng/core"
import { DevelopmentData, District, OutreachData, Party } from "@jiceng/testkit"
import { OutreachConformance } from "@jiceng/testkit/vitest"
import { Effect, Layer } from "effect"
import * as Output from "../src/Output.js"
import * as OutreachReport from "../src/OutreachReport.js"

// The outreach suites' services (Outreach, Organisations, Grids over a memory store) and Development.
const memory = Development.layer.pipe(Layer.provideMerge(Layer.merge(OutreachConformance.outreachOver(MemoryStore.layer), DevelopmentConfig.layer())))

/** The printed line that starts with a label, without its indent. */
const line = (output: string, label: string): string => output.split("\n").map((l) => l.trim()).find((l) => l.startsWith(label)) ?? ""

describe("OutreachReport", () => {
  it.live("prints both districts' figures beside the articles' with their notes, computed ones from the store", () =>
    Effect.gen(function*() {
      const district = District.generate({ seed: 11, communities: 8, sectors: 14, compounds: 30, blocks: 120, workers: 40, extraAssignments: 20, households: 0 })
      yield* District.apply(district)
      const party = Party.generate(district, { newEmployment: 6 })
      yield* Party.apply(party)
      const development = DevelopmentData.generate(district, party)
      yield* DevelopmentData.apply(development)
      const data = OutreachData.generate(district, party, development)
      const writeMs = yield* OutreachReport.write(data, OutreachReport.batchSize)
      const timing = { generateSeconds: "0.00", writeMs, batchSize: OutreachReport.batchSize }
      const zh = yield* OutreachReport.report(data, timing, "zh")
      const en = yield* OutreachReport.report(data, timing, "en")

      const service = yield* Outreach.Outreach
      const ls = Actor.system(data.lanshan.tenant)
      const compliance = yield* service.compliance(ls, { from: data.lanshan.from, to: data.lanshan.to })
      const problems = yield* service.problems(ls, { from: data.lanshan.from, to: data.lanshan.to })
      const n = Output.count
      expect(line(zh, "新就业群体党组织")).toMatch(/\s6\s+6\s+党组织生成器的输入/)
      expect(line(zh, "新就业群体“爱心驿站”")).toMatch(/12\s+12\s+生成器输入，取自文章$/)
      expect(line(zh, "开设学习角的服务阵地")).toMatch(/38\s+38\s+生成器输入，取自文章$/)
      expect(line(zh, "网约车驿站 直流充电桩")).toMatch(/32\s+32\s+生成器输入，取自文章$/)
      expect(line(zh, "网约车驿站 交流充电桩")).toMatch(/10\s+10\s+生成器输入，取自文章$/)
      expect(line(zh, "顺和物流“司机之家”群体党员")).toMatch(/20余\s+23\s+生成器输入（23）$/)
      expect(line(zh, "应联系/走访（月、季）")).toMatch(new RegExp(`—\\s+${n(compliance.owed)}\\s+计算所得$`))
      expect(line(zh, "缺失")).toMatch(new RegExp(`—\\s+${n(compliance.missing.length)}\\s+计算所得$`))
      expect(line(zh, "新业态领域问题 解决")).toMatch(new RegExp(`80余\\s+${n(problems.resolved)}\\s+计算所得$`))
      expect(line(zh, "第一批实事 已完成")).toMatch(/10\s+10 \/ 10\s+生成器输入，取自文章$/)
      expect(line(en, "New-sector problems resolved")).toMatch(new RegExp(`80余\\s+${n(problems.resolved)}\\s+computed$`))
      // A viewer's read: the address masked.
      expect(line(zh, "北城新区网约车驿站：地址")).toMatch(/地址 临沂市兰山区\*+（无 pii:read 时脱敏）/)
    }).pipe(Effect.provide(memory)), 300_000)
})
