/**
 * The demo's volunteer service ledger report on the memory store: every figure it prints
 * as this run's is the ledger's answer, beside the article's, with its note saying
 * whether the generator took it as an input or it was computed; the certificate issued is
 * valid by its code and the chain intact. At 桃城区's full scale the printed figures meet
 * the article: 3600余次, 4万余人, 9200余件, 132 service points, 五社联动 452 and 5,689.
 */
import { describe, expect, it } from "@effect/vitest"
import {
  Actor,
  CoConstructionConfig,
  CoConstructions,
  GridConfig,
  Grids,
  LedgerConfig,
  MemoryStore,
  OrganisationConfig,
  Organisations,
  VolunteerLedger,
  VolunteerLedgerService
} from "@jiceng/core"
import { CoConstruction, District, Ledger, Party } from "@jiceng/testkit"
import { Effect, Layer } from "effect"
import * as LedgerReport from "../src/LedgerReport.js"
import * as Output from "../src/Output.js"
import { line } from "./lines.js"

const memory = Layer.mergeAll(Grids.layer, Organisations.layer, CoConstructions.layer, VolunteerLedger.layer).pipe(
  Layer.provideMerge(Layer.mergeAll(GridConfig.layer(), OrganisationConfig.layer(), CoConstructionConfig.layer(), LedgerConfig.layer())),
  Layer.provideMerge(MemoryStore.layer)
)


/** A printed count back as a number. */
const figure = (text: string | undefined): number => Number((text ?? "").replaceAll(",", ""))

/** The district, its party, co-construction and year of service, written; the report in both languages. */
const run = (input: District.Input) =>
  Effect.gen(function*() {
    // Households are no part of the ledger: the district's grids, units and workers are.
    const district = District.generate({ ...input, households: 0 })
    yield* District.apply(district)
    const party = Party.generate(district)
    yield* Party.apply(party)
    const co = CoConstruction.generate(district, party)
    yield* CoConstruction.apply(co)
    const ledger = Ledger.generate(district, party, co)
    const writeMs = yield* LedgerReport.write(ledger, 5_000)
    const streets = yield* (yield* Grids.Grids).subtree(Actor.system(ledger.tenant), { level: 1 })
    const timing = { generateSeconds: "0.00", writeMs, batchSize: 5_000 }
    const zh = yield* LedgerReport.report(ledger, streets, timing, "zh")
    // The certificate's key is the same: issued again with the same content, the first is returned.
    const en = yield* LedgerReport.report(ledger, streets, timing, "en")
    return { ledger, zh, en }
  })

describe("LedgerReport", () => {
  it.live("prints the ledger's figures beside the article's with their notes, a certificate checked by its code, the chain intact", () =>
    Effect.gen(function*() {
      const { en, ledger, zh } = yield* run({
        seed: 11,
        communities: 8,
        sectors: 14,
        compounds: 30,
        blocks: 120,
        workers: 40,
        extraAssignments: 20
      })
      const f = ledger.figures
      const n = Output.count
      // What the ledger holds, asked here through the service as well.
      const service = yield* VolunteerLedgerService.VolunteerLedger
      const actor = Actor.system(ledger.tenant)
      const summary = (yield* service.summary(actor, { from: f.from, to: f.to })).data

      expect(line(zh, "开展志愿服务（活动")).toMatch(new RegExp(`3600余次\\s+${n(summary.activities)}\\s+生成器输入，取自文章，按本区小区数缩放$`))
      expect(summary.activities).toBe(f.total.activities)
      expect(line(zh, "服务居民（residentsServed）")).toMatch(new RegExp(`4万余人\\s+${n(f.total.residentsServed)}\\s+计算所得：生成器按活动抽取，非输入$`))
      expect(line(zh, "为群众办实事")).toMatch(new RegExp(`9200余件\\s+${n(f.total.mattersDone)}\\s+生成器输入`))
      expect(line(zh, "志愿服务点（servicePoints）")).toMatch(new RegExp(`132个\\s+${f.total.servicePoints}\\s+生成器输入`))
      expect(line(zh, "五社联动：志愿服务活动")).toMatch(new RegExp(`452次\\s+${f.wushe.activities}\\s+生成器输入`))
      expect(line(zh, "五社联动：服务居民")).toMatch(new RegExp(`5689人次\\s+${n(f.wushe.residentsServed)}\\s+生成器输入`))
      expect(line(zh, "参加服务的志愿者")).toMatch(new RegExp(`—\\s+${n(f.total.volunteers)}\\s+计算所得$`))
      expect(line(zh, "服务记录（entries")).toMatch(new RegExp(`—\\s+${n(f.total.entries)}\\s+计算所得$`))
      expect(line(zh, "超过 10 个工作日补录")).toMatch(new RegExp(`—\\s+${n(f.recorded.late)}\\s+计算所得$`))
      expect(line(zh, "更正（第十三条）")).toMatch(
        new RegExp(`—\\s+${f.corrections.replaced + f.corrections.reversed} / ${f.corrections.replaced}\\s+计算所得$`)
      )
      // The rollup adds up, the lists are there, the certificate checks out, the chain holds.
      expect(zh).toContain("按街道（gridRollup，全区 = 各街道之和）")
      expect(line(zh, "全区")).toMatch(new RegExp(`^全区\\s+${n(f.total.entries)}\\s`))
      expect(zh).toContain("服务时长前 10 的志愿服务队")
      expect(zh).toContain("五社联动（summary，programme wushe）")
      expect(line(zh, "活动 ")).toMatch(new RegExp(`^活动 ${f.wushe.activities} 次 · 服务点 ${f.wushe.servicePoints} 个`))
      expect(line(zh, "验证码")).toMatch(/^验证码 [0-9A-Z-]+（截至第 \d+ 条记录）$/)
      expect(line(zh, "凭验证码核验")).toMatch(/：有效 · 志愿者 \S\*+（/)
      expect(line(zh, "哈希链校验")).toMatch(/条记录，完整$/)
      // English labels, the same figures and the same certificate.
      expect(line(en, "Volunteer service activities")).toMatch(new RegExp(`3,600\\+\\s+${n(f.total.activities)}\\s+generator input`))
      expect(line(en, "Residents served (residentsServed)")).toMatch(/computed: drawn per activity by the generator, not an input$/)
      expect(line(en, "Verification code").replace("Verification code ", "").split(" ")[0]).toBe(
        line(zh, "验证码").replace("验证码 ", "").split("（")[0]
      )
    }).pipe(Effect.provide(memory)), 600_000)

  it.live("at 桃城区's scale the printed figures meet the article", () =>
    Effect.gen(function*() {
      const { zh } = yield* run({})
      const thisRun = (label: string) => figure(line(zh, label).split(/\s{2,}/)[2])
      const activities = thisRun("开展志愿服务（活动")
      expect(activities).toBeGreaterThan(3_600)
      expect(activities).toBeLessThan(3_700)
      const residents = thisRun("服务居民（residentsServed）")
      expect(residents).toBeGreaterThan(40_000)
      expect(residents).toBeLessThan(50_000)
      const matters = thisRun("为群众办实事")
      expect(matters).toBeGreaterThan(9_200)
      expect(matters).toBeLessThan(9_300)
      expect(thisRun("志愿服务点（servicePoints）")).toBe(132)
      expect(thisRun("五社联动：志愿服务活动")).toBe(452)
      expect(thisRun("五社联动：服务居民")).toBe(5_689)
      expect(thisRun("五社联动：服务点")).toBe(132)
      expect(line(zh, "开展志愿服务（活动")).toMatch(/生成器输入，略高于文章的下限$/)
      expect(line(zh, "五社联动：服务居民")).toMatch(/生成器输入，取自文章$/)
      expect(line(zh, "凭验证码核验")).toContain("有效")
    }).pipe(Effect.provide(memory)), 900_000)
})
