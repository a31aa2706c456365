import { describe, expect, it } from "@effect/vitest"
import {
  Actor,
  Development,
  DevelopmentConfig,
  GridConfig,
  Grids,
  MemoryStore,
  OrganisationConfig,
  Organisations,
  PartyLadder,
  Qualification
} from "@jiceng/core"
import { Effect, Either, Layer } from "effect"
import * as DevelopmentData from "../src/district/Development.js"
import * as District from "../src/district/District.js"
import * as Party from "../src/district/Party.js"

type Command = DevelopmentData.Command
type Of<T extends Command["_tag"]> = Extract<Command, { _tag: T }>

const of = <T extends Command["_tag"]>(commands: ReadonlyArray<Command>, tag: T): Array<Of<T>> =>
  commands.filter((c): c is Of<T> => c._tag === tag)

// The full 桃城区: its layout and party (about 17,500 commands), then its development and 兰山区's.
const taocheng = District.plan()
const party = Party.generate(taocheng)
const data = DevelopmentData.generate(taocheng, party)

// A scaled-down 桃城区, as the other generators' tests use.
const scaled = { seed: 11, communities: 8, sectors: 14, compounds: 30, blocks: 120, workers: 40, extraAssignments: 20, households: 600 }

const a = DevelopmentData.article

describe("DevelopmentData.generate", () => {
  it("is deterministic: the same district, party and options give the same commands", () => {
    const again = DevelopmentData.generate(taocheng, party)
    expect(JSON.stringify(again)).toBe(JSON.stringify(data))
    const other = DevelopmentData.generate(taocheng, party, { taocheng: { seed: 7 }, lanshan: { seed: 8 } })
    expect(JSON.stringify(other.taocheng.commands)).not.toBe(JSON.stringify(data.taocheng.commands))
    expect(JSON.stringify(other.lanshan.commands)).not.toBe(JSON.stringify(data.lanshan.commands))
  })

  it("takes 桃城区's figures as inputs: 5 sessions of 450 person-times, 21 + 34 qualified, 3 / 2 / 4 / 12 / 12 moves, 42 + 5 sites", () => {
    const commands = data.taocheng.commands
    const sessions = of(commands, "RecordTraining")
    expect(sessions.length).toBe(a.taocheng.trainingSessions)
    expect(sessions.reduce((n, s) => n + s.attendees.length, 0)).toBe(a.taocheng.personTimes)
    const held = of(commands, "RecordQualification")
    expect(held.filter((q) => q.level === "assistant").length).toBe(a.taocheng.assistant)
    expect(held.filter((q) => q.level === "intermediate").length).toBe(a.taocheng.intermediate)
    // 21 and 34 people: no worker holds both levels.
    expect(new Set(held.map((q) => q.workerId)).size).toBe(held.length)
    const hires = new Map(of(commands, "HireWorker").map((h) => [h.id, h]))
    const moves = of(commands, "RecordCareerMove")
    const count = (kind: string) => moves.filter((m) => m.kind === kind).length
    expect([count("model-secretary"), count("promoted"), count("civil-service"), count("establishment"), count("elected-director")])
      .toEqual([a.taocheng.modelSecretaries, a.taocheng.promoted, a.taocheng.civilService, a.taocheng.establishment, a.taocheng.electedDirectors])
    // The secretaries' moves are of 21 distinct 社区党组织书记; the elections of workers.
    const secretaryMoves = moves.filter((m) => m.kind !== "elected-director")
    expect(secretaryMoves.every((m) => hires.get(m.workerId)?.post === "secretary")).toBe(true)
    expect(new Set(secretaryMoves.map((m) => m.workerId)).size).toBe(secretaryMoves.length)
    expect(moves.filter((m) => m.kind === "elected-director").every((m) => hires.get(m.workerId)?.post === "worker")).toBe(true)
    const sites = of(commands, "Recognise")
    expect(sites.filter((s) => s.level === "district").length).toBe(a.taocheng.districtSites)
    expect(sites.filter((s) => s.level === "city").length).toBe(a.taocheng.citySites)
    const newEconomy = new Set(party.commands.flatMap((c) => (c._tag === "FormOrganisation" && c.sector === "new_economy" ? [c.id] : [])))
    expect(sites.every((s) => newEconomy.has(s.organisationId))).toBe(true)
    expect(of(commands, "PlanRecruitment").map((p) => p.year)).toEqual(a.taocheng.planYears)
  })

  it("chooses each holder's education and start in social work so that the default policy admits them on the day", () => {
    const hires = new Map(of(data.taocheng.commands, "HireWorker").map((h) => [h.id, h]))
    for (const q of of(data.taocheng.commands, "RecordQualification")) {
      const w = hires.get(q.workerId)!
      const applicant = { education: w.education, socialWorkSince: w.socialWorkSince ?? null, holdings: [] } as unknown as Qualification.Applicant
      const verdict = Qualification.eligible(Qualification.defaults, q.level, applicant, q.obtainedOn as never)
      expect(Either.isRight(verdict), `${q.workerId} ${q.level} on ${q.obtainedOn}`).toBe(true)
      expect(w.hiredOn <= q.obtainedOn).toBe(true)
    }
  })

  it("builds 兰山区's new sector: 43 branches under three industry 党委, 526 members with the 15 developed, every path's names full members", () => {
    const l = data.lanshan
    const forms = l.organisations.filter((c): c is Extract<typeof c, { _tag: "FormOrganisation" }> => c._tag === "FormOrganisation")
    expect(forms.filter((f) => f.kind === "committee").map((f) => f.name)).toEqual(["兰山区直播电商行业党委", "兰山区快递外卖行业党委", "兰山区道路运输行业党委"])
    expect(forms.filter((f) => f.kind === "branch").length).toBe(a.lanshan.branches)
    const arrivals = l.organisations.filter((c) => c._tag === "ArriveMember").length
    const admissions = l.organisations.filter((c) => c._tag === "AdmitMember").length
    expect(admissions).toBe(a.lanshan.developed)
    expect(arrivals + admissions).toBe(a.lanshan.members)
    const approvals = of(l.commands, "RecordStep").filter((c) => c.step === PartyLadder.steps.approval)
    expect(approvals.filter((c) => c.on >= l.from && c.on < l.to).length).toBe(a.lanshan.developed)
    const honours = of(l.commands, "Recognise")
    expect(honours.filter((h) => h.kind === "star-merchant").length).toBe(a.lanshan.starMerchants)
    expect(honours.filter((h) => h.kind === "mobile-vanguard").length).toBe(a.lanshan.mobileVanguards)
    expect(honours.every((h) => h.letter !== null && h.letter !== undefined)).toBe(true)
    const sends = of(l.commands, "SendHonourLetters")
    expect(sends.flatMap((c) => c.honourIds)).toEqual(honours.slice(0, honours.length - 5).map((h) => h.id))
    expect(data.options.lanshan.memberManagers / data.options.lanshan.managers).toBeGreaterThanOrEqual(a.lanshan.managerShare)
  })

  it("scales 桃城区's figures with the compounds, and refuses what cannot fit", () => {
    const small = District.generate(scaled)
    const p = Party.generate(small)
    const d = DevelopmentData.generate(small, p)
    expect(d.options.taocheng.personTimes).toBe(Math.round((450 * 30) / 355))
    expect(d.options.taocheng.districtSites).toBe(Math.round((42 * 30) / 355))
    expect(d.options.lanshan.branches).toBe(43)
    expect(() => DevelopmentData.generate(small, p, { taocheng: { establishment: 9 } })).toThrow(/communities/)
    expect(() => DevelopmentData.generate(small, p, { taocheng: { districtSites: 200 } })).toThrow(RangeError)
    expect(() => DevelopmentData.generate(small, p, { lanshan: { memberManagers: 21 } })).toThrow(/memberManagers/)
    expect(() => DevelopmentData.generate(small, p, { lanshan: { lettersSent: 61 } })).toThrow(/lettersSent/)
  })
})

const memory = Layer.mergeAll(Grids.layer, Organisations.layer, Development.layer).pipe(
  Layer.provideMerge(Layer.mergeAll(GridConfig.layer(), OrganisationConfig.layer(), DevelopmentConfig.layer())),
  Layer.provideMerge(MemoryStore.layer)
)

describe("DevelopmentData.apply", () => {
  // Live: the services refuse days after today, and the test clock starts in 1970.
  it.live("the services accept every command, and the queries give back the articles' figures", () =>
    Effect.gen(function*() {
      yield* District.apply(taocheng, { batchSize: 20_000 })
      yield* Party.apply(party)
      yield* DevelopmentData.apply(data, { batchSize: 777 })
      const service = yield* Development.Development
      const f = data.figures

      // 桃城区
      const t = data.taocheng
      const tc = Actor.system(t.tenant)
      const workforce = yield* service.workforce(tc, { at: t.at })
      expect(workforce.training.sessions).toBe(a.taocheng.trainingSessions)
      expect(workforce.training.personTimes).toBe(a.taocheng.personTimes)
      expect(workforce.training.classHours).toBe(f.taocheng.classHours)
      expect(workforce.qualifications).toEqual({ assistant: a.taocheng.assistant, intermediate: a.taocheng.intermediate, senior: 0 })
      expect(workforce.moves).toEqual({
        "model-secretary": a.taocheng.modelSecretaries,
        promoted: a.taocheng.promoted,
        "civil-service": a.taocheng.civilService,
        establishment: a.taocheng.establishment,
        "elected-director": a.taocheng.electedDirectors
      })
      expect(workforce.plans.map((p) => [p.year, p.hired])).toEqual(a.taocheng.planYears.map((y) => [y, f.taocheng.hired[y]]))
      const workers = yield* service.workers(tc, { at: t.at })
      const posts = { secretary: 0, director: 0, worker: 0 }
      for (const w of workers) posts[w.post]++
      expect(posts).toEqual(f.taocheng.workers)
      expect(workers.filter((w) => w.hiredOn === t.registerStart).length).toBe(f.taocheng.registered)
      const sites = yield* service.honours(tc, { from: t.registerStart, to: `${Number(t.at.slice(0, 4)) + 1}-01-01` })
      expect(sites.sites).toEqual({ district: a.taocheng.districtSites, city: a.taocheng.citySites })

      // 兰山区
      const l = data.lanshan
      const ls = Actor.system(l.tenant)
      const organisations = yield* Organisations.Organisations
      const kinds = yield* organisations.countByKind(ls, { at: l.at })
      expect(kinds).toEqual([
        { kind: "branch", sector: "new_employment", count: a.lanshan.branches },
        { kind: "committee", sector: "new_employment", count: 3 }
      ])
      const members = yield* organisations.countMembers(ls, { at: l.at })
      expect(members.reduce((n, m) => n + m.full + m.probationary, 0)).toBe(a.lanshan.members)
      expect(members.find((m) => m.name === "兰山区网约车司机综合党支部")?.full).toBe(a.lanshan.rideHailingMembers)
      const developed = yield* service.developed(ls, { from: l.from, to: l.to })
      expect(developed.count).toBe(a.lanshan.developed)
      const pipeline = yield* service.pipeline(ls, { at: l.at })
      expect(Object.fromEntries(pipeline.stages.map((s) => [s.stage, s.count]))).toEqual(f.lanshan.pipeline)
      expect(pipeline.completed).toBe(f.lanshan.completed)
      const talent = yield* service.talent(ls, { at: l.at })
      expect([talent.managers, talent.memberManagers]).toEqual([data.options.lanshan.managers, data.options.lanshan.memberManagers])
      expect(talent.share).toBeGreaterThanOrEqual(a.lanshan.managerShare)
      expect(Object.fromEntries(talent.stages.map((s) => [s.stage, s.count]))).toEqual(f.lanshan.chain)
      const honours = yield* service.honours(ls, { from: l.from, to: l.to })
      expect([honours.byKind["star-merchant"], honours.byKind["mobile-vanguard"]]).toEqual([a.lanshan.starMerchants, a.lanshan.mobileVanguards])
      expect(honours.stars).toEqual(f.lanshan.stars)
      // Letters sent through SendHonourLetters: all but the last five, each sent on a Monday after the ceremony.
      expect(honours.letters).toEqual(f.lanshan.letters)
      expect(f.lanshan.letters).toEqual({ pending: 5, sent: a.lanshan.starMerchants + a.lanshan.mobileVanguards - 5 })
      const letters = yield* service.letters(ls, { at: l.at })
      expect(letters.length).toBe(a.lanshan.starMerchants + a.lanshan.mobileVanguards)
      expect(letters.filter((x) => x.status === "sent").every((x) => x.sentOn !== null && x.sentOn > l.from.replace("-01-01", "-06-28"))).toBe(true)
      const track = yield* service.track(ls, l.shownTrack!, { at: l.at })
      expect(track?.status).toBe("completed")
      expect(track?.events.length).toBe(PartyLadder.make().steps.length)
      expect(track?.standingFrom).toBe(track?.windows.find((w) => w.id === PartyLadder.probation)?.endsOn)
    }).pipe(Effect.provide(memory)), 300_000)
})
