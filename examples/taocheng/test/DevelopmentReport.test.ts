/**
 * The demo's member-development report on the memory store: every figure it prints as
 * this run's is a service's answer, beside the article's, with its note saying whether
 * the generator took it as an input (as it stands, or scaled to a smaller 桃城区) or it
 * was computed; and one member's track is printed step by step.
 */
import { describe, expect, it } from "@effect/vitest"
import {
  Actor,
  Development,
  DevelopmentConfig,
  GridConfig,
  Grids,
  MemoryStore,
  OrganisationConfig,
  Organisations
} from "@jiceng/core"
import { DevelopmentData, District, Party } from "@jiceng/testkit"
import { Effect, Layer } from "effect"
import * as DevelopmentReport from "../src/DevelopmentReport.js"
import * as Output from "../src/Output.js"
import { line } from "./lines.js"

const memory = Layer.mergeAll(Grids.layer, Organisations.layer, Development.layer).pipe(
  Layer.provideMerge(Layer.mergeAll(GridConfig.layer(), OrganisationConfig.layer(), DevelopmentConfig.layer())),
  Layer.provideMerge(MemoryStore.layer)
)


describe("DevelopmentReport", () => {
  it.live("prints both districts' figures beside the articles' with their notes, and a track from application to full membership", () =>
    Effect.gen(function*() {
      const district = District.generate({ seed: 11, communities: 8, sectors: 14, compounds: 30, blocks: 120, workers: 40, extraAssignments: 20, households: 0 })
      yield* District.apply(district)
      const party = Party.generate(district)
      yield* Party.apply(party)
      const data = DevelopmentData.generate(district, party)
      const writeMs = yield* DevelopmentReport.write(data, DevelopmentReport.batchSize)
      const timing = { generateSeconds: "0.00", writeMs, batchSize: DevelopmentReport.batchSize }
      const zh = yield* DevelopmentReport.report(data, timing, "zh")
      const en = yield* DevelopmentReport.report(data, timing, "en")

      const service = yield* Development.Development
      const workforce = yield* service.workforce(Actor.system(data.taocheng.tenant), { at: data.taocheng.at })
      const n = Output.count
      // A smaller 桃城区: its figures are the article's scaled; the sessions are not.
      expect(line(zh, "累计培训（人次）")).toMatch(new RegExp(`^累计培训（人次）\\s+450\\s+${n(workforce.training.personTimes)}\\s+生成器输入，取自文章，按本区小区数缩放$`))
      expect(line(zh, "专业能力培训班（期）")).toMatch(/\s5\s+5\s+生成器输入，取自文章$/)
      expect(line(zh, "培训学时")).toMatch(new RegExp(`${n(workforce.training.classHours)}\\s+计算所得$`))
      // 兰山区 is its own district: the article's figures as they stand.
      expect(line(zh, "新业态党支部")).toMatch(/43\s+43\s+生成器输入，取自文章$/)
      expect(line(zh, "新就业群体党员")).toMatch(/526\s+\d+ \/ \d+\s+生成器输入，取自文章$/)
      expect(line(zh, "新发展党员")).toMatch(/15\s+15\s+生成器输入，取自文章$/)
      expect(line(zh, "中层党员占比")).toMatch(/50%以上\s+55\.0 %\s+计算所得$/)
      // Sent through SendHonourLetters, all but the last five: the counts read from the store.
      expect(line(zh, "喜报：待寄 / 已寄")).toMatch(/5 \/ 55\s+计算所得$/)
      expect(zh).toMatch(/已寄 \d{4}-\d{2}-\d{2} · /)
      expect(line(en, "Share of middle managers who are members")).toMatch(/50%\+\s+55\.0 %\s+computed$/)
      // The track: 25 numbered steps, probation and the day party standing counts from.
      const steps = zh.split("\n").filter((l) => /^\s+\d+\s{2,}\S/.test(l) && /\d{4}-\d{2}-\d{2}\s+[是否]$/.test(l))
      expect(steps.length).toBe(25)
      expect(steps[0]).toMatch(/^\s+1\s+递交入党申请书\s+\d{4}-\d{2}-\d{2}\s+否$/)
      expect(steps[24]).toMatch(/^\s+25\s+材料归档/)
      const track = (yield* service.track(Actor.system(data.lanshan.tenant), data.lanshan.shownTrack!, { at: data.lanshan.at }))!
      expect(line(zh, "党龄起算日")).toBe(`党龄起算日（standingFrom）：${track.standingFrom}`)
    }).pipe(Effect.provide(memory)), 300_000)
})
