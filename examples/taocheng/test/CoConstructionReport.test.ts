/**
 * The demo's co-construction report on the memory store at a small scale: every figure
 * it prints as this run's is the store's answer (a member left out of the write is
 * missing from the print, though the generator's options still count them), beside the
 * article's, with its note; and the two explained matches.
 */
import { describe, expect, it } from "@effect/vitest"
import {
  Actor,
  CoConstructionConfig,
  CoConstructions,
  GridConfig,
  Grids,
  MemoryStore,
  OrganisationConfig,
  Organisations
} from "@jiceng/core"
import { CoConstruction, District, Party } from "@jiceng/testkit"
import { Effect, Layer } from "effect"
import * as CoConstructionReport from "../src/CoConstructionReport.js"
import * as Output from "../src/Output.js"
import { line } from "./lines.js"

const memory = Layer.mergeAll(Grids.layer, Organisations.layer, CoConstructions.layer).pipe(
  Layer.provideMerge(Layer.mergeAll(GridConfig.layer(), OrganisationConfig.layer(), CoConstructionConfig.layer())),
  Layer.provideMerge(MemoryStore.layer)
)

// A scaled-down 桃城区, as the testkit's tests use: 4 streets, 30 compounds.
const scaled = { seed: 11, communities: 8, sectors: 14, compounds: 30, blocks: 120, workers: 40, extraAssignments: 20, households: 600 }


describe("CoConstructionReport", () => {
  it.live("prints the store's figures beside the article's, and two explained matches", () =>
    Effect.gen(function*() {
      const district = District.generate(scaled)
      yield* District.apply(district)
      const party = Party.generate(district)
      yield* Party.apply(party)
      const co = CoConstruction.generate(district, party)
      // Five members who claim no post are left out of the write: the report must not see them.
      const claiming = new Set(co.commands.flatMap((c) => (c._tag === "ClaimPost" ? [c.memberId] : [])))
      const left = new Set(
        co.commands.flatMap((c) => (c._tag === "EnrolMember" && !claiming.has(c.memberId) ? [c.memberId] : [])).slice(0, 5)
      )
      const written = { ...co, commands: co.commands.filter((c) => !(c._tag === "EnrolMember" && left.has(c.memberId))) }
      const writeMs = yield* CoConstructionReport.write(written, 500)
      const streets = yield* (yield* Grids.Grids).subtree(Actor.system(co.tenant), { level: 1 })
      const timing = { generateSeconds: "0.00", writeMs, batchSize: 500 }
      const zh = yield* CoConstructionReport.report(written, streets, timing, "zh")
      const en = yield* CoConstructionReport.report(written, streets, timing, "en")

      // What the store holds, asked here through the service as well.
      const service = yield* CoConstructions.CoConstructions
      const actor = Actor.system(co.tenant)
      const at = co.summary.at
      const members = (yield* service.countMembers(actor, { at })).reduce((s, m) => s + m.count, 0)
      expect(members).toBe(co.options.members - 5)
      const teams = (yield* service.teams(actor, { at })).length
      const projects = yield* service.projects(actor, { at })
      const completed = projects.filter((p) => p.completed).length
      const n = Output.count

      expect(line(zh, "单位到街道报到")).toMatch(/197\s+197\s+生成器输入，取自文章：本区的辖区单位，全部报到$/)
      expect(line(zh, "在职党员到社区报到")).toMatch(new RegExp(`11,615\\s+${n(members)}\\s+生成器输入，取自文章，按本区小区数缩放$`))
      expect(line(zh, "社区志愿服务队")).toMatch(new RegExp(`490\\s+${teams}\\s+生成器输入，取自文章，按本区小区数缩放$`))
      expect(line(zh, "志愿服务岗位（postsByCategory）")).toMatch(/100（8 类）\s+8（8 类）\s+生成器输入，取自文章，按本区小区数缩放$/)
      expect(line(zh, "党建联席会议（jointMeetings）")).toMatch(/46（4 个街道）\s+46（4 个街道）\s+生成器输入，取自文章$/)
      expect(line(zh, "完成共建项目")).toMatch(new RegExp(`353\\s+${completed}\\s+生成器输入，取自文章，按本区小区数缩放$`))
      expect(line(zh, "在建共建项目")).toMatch(new RegExp(`—\\s+${projects.length - completed}\\s+生成器参数，文章未给出$`))
      expect(line(zh, "志愿服务 / 服务居民 / 办实事")).toMatch(/3600余次 \/ 4万余人 \/ 9200余件\s+—\s+见下文志愿服务台账（LedgerReport）$/)
      expect(line(zh, "合计")).toMatch(new RegExp(`^合计\\s+197\\s+${n(members)}\\s+${teams}\\s+46\\s`))
      // The eight categories, the article's two marked.
      expect(line(zh, "政策宣传")).toMatch(/文章所列$/)
      expect(line(zh, "应急救援")).toMatch(/示例类别（可配置，非文章所列）$/)
      // The two explained matches: terms with their points, the member's and the post's.
      expect(zh).toContain("一对一匹配：需求 ↔ 资源（matchNeeds）")
      expect(line(zh, "例：需求")).toMatch(/^例：需求 N-\d{5}「.+」（.+ · 尚缺 \d+ · 优先级 \d+）$/)
      expect(line(zh, "← 资源")).toMatch(/^← 资源 R-\d{4}「.+」：给 \d+ 单位，每单位 \d+ 分$/)
      expect(zh).toMatch(/类别 \d+ = 4 × \d+（.+） · 技能 \d+ = 3 × \d+（\d+\/\d+ skills） · 距离 \d+ = 2 × \d+（.+） · 优先级 \d+ = 10 × \d+/)
      expect(line(zh, "例：党员")).toMatch(/^例：党员 \S+（.+ · 特长 .+ · 愿意 .+）$/)
      expect(line(zh, "→ 岗位")).toMatch(/^→ 岗位 PS-\d{4}「.+」（.+ · .+）：每人 \d+ 分$/)

      // English labels, the same figures.
      expect(line(en, "In-service members enrolled with communities")).toMatch(new RegExp(`11,615\\s+${n(members)}\\s+generator input`))
      expect(line(en, "Joint meetings (jointMeetings)")).toMatch(/46 \(4 streets\)\s+46 \(4 streets\)\s+generator input, taken from the article$/)
      expect(en).toContain("一对一 matching: in-service members ↔ volunteer posts (matchPosts)")
      expect(line(en, "For example: member")).not.toBe("")
    }).pipe(Effect.provide(memory)))
})
