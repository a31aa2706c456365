/**
 * The write-time notifications of the development, emergency and outreach domains: a
 * letter of good news sent (development.honour-letter), emergency mode activated and
 * deactivated (emergency.activated, emergency.deactivated), a 三联三服 problem raised and
 * resolved (outreach.problem-raised, outreach.problem-resolved). Each is raised in the
 * write's transaction (notify.transaction), a refused write raises none, ids are stable
 * (a keyed retry raises nothing new), the English templates render, and the free text of
 * the commands never reaches a message but where its template names it
 * (notify.no-personal-data). The rules of SendHonourLetters run as properties
 * (recognition.letter-sent-once).
 */
import { describe, expect, it, layer } from "@effect/vitest"
import {
  Actor,
  CoConstructionConfig,
  CoConstructions,
  Development,
  DevelopmentConfig,
  DevelopmentStore,
  Emergency,
  EmergencyConfig,
  GridConfig,
  Grids,
  type Activation,
  MemoryStore,
  Notify,
  type Notification as N,
  OrganisationConfig,
  type Organisation,
  Organisations,
  OutboxStore,
  Outreach,
  OutreachConfig,
  Tenant
} from "@jiceng/core"
import { DevelopmentIntents, EmergencyIntents, Outcomes, OutreachIntents, Tenants } from "@jiceng/testkit"
import { type Context, Effect, Either, FastCheck as fc, Layer, TestClock } from "effect"
import * as EmergencyNotices from "../../src/internal/emergency/notices.js"

/** Every service these tests write through, over a fresh memory store, raising notifications for the console in `lang`. */
const services = (lang: "zh" | "en") =>
  Layer.mergeAll(Development.layer, Emergency.layer, Outreach.layer, CoConstructions.layer, Organisations.layer, Grids.layer).pipe(
    Layer.provideMerge(Layer.mergeAll(
      MemoryStore.layer,
      GridConfig.layer(),
      OrganisationConfig.layer(),
      CoConstructionConfig.layer(),
      DevelopmentConfig.layer(),
      EmergencyConfig.layer(),
      OutreachConfig.layer(),
      Layer.succeed(Notify.Settings, { backends: ["console"], lang })
    ))
  )

/** The notifications queued for a tenant (one entry each: one back end), in the outbox's order. */
const queued = (tenant: string) =>
  Effect.map(
    Effect.flatMap(OutboxStore.OutboxStore, (o) => o.entries(Tenant.make(tenant), "pending")),
    (entries) => entries.map((e) => e.notification)
  )

/** A fresh tenant with a domain's scaffold written, on its suites' today: the tenant, its system actor and the service. */
const given = <I, S, R>(todayMs: number, writeScaffold: (tenant: string) => Effect.Effect<void, never, R>, service: Context.Tag<I, S>) =>
  Effect.gen(function*() {
    yield* TestClock.setTime(todayMs)
    const tenant = Tenants.fresh()
    yield* writeScaffold(tenant)
    return { tenant, admin: Actor.system(tenant), service: yield* service }
  })

/** Text that is nowhere else: free text as a resident might write it, marked so that a containment check means it. */
const freeText = fc.array(fc.constantFrom("张", "王", "路", "号", "楼", "1", "3", "8", "a", "Z", " ", "·", "、", "𠀀"), { minLength: 2, maxLength: 12 })
  .map((cs) => `秘${cs.join("")}密`)

/** Whether free text reached a notification's subject, text or data. */
const leaks = (n: N.Notification, text: string) => n.subject.includes(text) || n.text.includes(text) || JSON.stringify(n.data).includes(text)

// ---------------------------------------------------------------- development

const recognise = (id: string, letter: { readonly hometown: string; readonly address: string } | null, extra: Record<string, unknown> = {}) => ({
  _tag: "Recognise",
  id,
  kind: "mobile-vanguard",
  memberId: "m1",
  organisationId: "b1",
  criteria: "亮身份、作表率",
  awardedBy: "区委组织部",
  awardedOn: "2024-05-01",
  letter,
  ...extra
})
const hometown = { hometown: "中共固始县某镇某村支部委员会", address: "河南省信阳市固始县某镇某村 12 号" }

const developmentTenant = given(DevelopmentIntents.todayMs, DevelopmentIntents.writeScaffold, Development.Development)

layer(services("zh"))("development notifications", (it) => {
  it.effect("notify.transaction: a letter of good news sent raises development.honour-letter to the hometown organisation in the write's transaction; a refused send raises none", () =>
    Effect.gen(function*() {
      const { admin, service, tenant } = yield* developmentTenant
      yield* service.executeAllUnknown(admin, [
        recognise("h1", hometown, { kind: "star-merchant", stars: 4 }),
        recognise("h2", null)
      ]).pipe(Effect.orDie)
      // Awarding raises nothing: the letter is pending.
      expect(yield* queued(tenant)).toEqual([])
      yield* service.executeUnknown(admin, { _tag: "SendHonourLetters", honourIds: ["h1"], on: "2024-06-01" }).pipe(Effect.orDie)
      const [n, ...more] = yield* queued(tenant)
      expect(more).toEqual([])
      expect([n!.id, n!.kind, n!.raisedAt, n!.organisationId, n!.gridCode]).toEqual([
        "development.honour-letter:h1", "development.honour-letter", "2024-06-01T00:00:00+08:00", "b1", `${tenant}001001`
      ])
      expect(n!.to).toEqual([{ kind: "hometown", id: hometown.hometown, name: hometown.hometown }])
      expect(n!.recipients).toEqual([{ backend: null, address: `hometown:${hometown.hometown}`, name: hometown.hometown }])
      expect(n!.subject).toBe("喜报：党员m1同志荣获共产党员星级经营户（4星）")
      expect(n!.text).toContain(hometown.hometown)
      expect(n!.text).toContain("明珠社区第一党支部")
      // No postal address, no phone.
      for (const text of [hometown.address, "19912345678"]) expect(leaks(n!, text)).toBe(false)
      expect((yield* service.letters(admin)).map((l) => [l.honourId, l.status, l.sentOn])).toEqual([["h1", "sent", "2024-06-01"]])
      // Refused: sent already, no letter, unknown, before the award. Nothing more is queued or written.
      const before = yield* DevelopmentIntents.history(tenant)
      for (const [ids, on, rule] of [
        [["h1"], "2024-07-01", "recognition.letter-sent-once"],
        [["h2"], "2024-07-01", "recognition.letter-none"],
        [["hx"], "2024-07-01", "recognition.letter-honour"]
      ] as const) {
        const refused = yield* Effect.either(service.executeUnknown(admin, { _tag: "SendHonourLetters", honourIds: ids, on }))
        expect(Either.isLeft(refused) && [refused.left._tag, (refused.left as { readonly rule?: string }).rule, (refused.left as { readonly field?: string }).field])
          .toEqual(["RuleViolation", rule, "honourIds"])
      }
      expect(yield* DevelopmentIntents.history(tenant)).toEqual(before)
      expect((yield* queued(tenant)).length).toBe(1)
    }))

  it.effect("notify.transaction: a keyed send retried raises nothing new; a send refused for a date before the award names the field", () =>
    Effect.gen(function*() {
      const { admin, service, tenant } = yield* developmentTenant
      yield* service.executeUnknown(admin, recognise("h1", hometown)).pipe(Effect.orDie)
      const early = yield* Effect.either(service.executeUnknown(admin, { _tag: "SendHonourLetters", honourIds: ["h1"], on: "2024-04-30" }))
      expect(Either.isLeft(early) && [(early.left as { readonly rule?: string }).rule, (early.left as { readonly field?: string }).field])
        .toEqual(["recognition.letter-date", "on"])
      const send = { _tag: "SendHonourLetters", honourIds: ["h1"], on: "2024-06-01" } as const
      const first = yield* service.executeKeyed(admin, "send-h1", send).pipe(Effect.orDie)
      const again = yield* service.executeKeyed(admin, "send-h1", send).pipe(Effect.orDie)
      expect(again).toEqual(first)
      expect((yield* queued(tenant)).map((n) => n.id)).toEqual(["development.honour-letter:h1"])
    }))

  // Letters of h0–h3 (those awarded with one), sends of any of them and an unknown h4, on
  // days before, on and after the award.
  const sends = fc.record({
    letters: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    sends: fc.array(fc.record({
      ids: fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 1, maxLength: 3 }),
      day: fc.constantFrom("2024-04-30", "2024-05-01", "2024-06-01", "2024-07-01")
    }), { minLength: 1, maxLength: 8 })
  })

  it.effect.prop(
    "recognition.letter-sent-once: whatever order and repetition of sends, each letter is sent once on the day of the first send that may send it, its notification raised once; pending + sent = letters",
    { input: sends },
    ({ input }) =>
      Effect.gen(function*() {
        const { admin, service, tenant } = yield* developmentTenant
        yield* service.executeAllUnknown(admin, input.letters.map((has, i) => recognise(`h${i}`, has ? hometown : null))).pipe(Effect.orDie)
        const commands = input.sends.map((s) => ({ _tag: "SendHonourLetters", honourIds: s.ids.map((i) => `h${i}`), on: s.day }))
        // A refusal leaves the letters and the outbox as they were.
        const history = Effect.all([DevelopmentIntents.history(tenant), queued(tenant)])
        const outcomes = yield* Outcomes.runEach(commands, (c) => service.executeUnknown(admin, c), history)
        // The model: a send succeeds when every honour named has a pending letter and the day is not before the award.
        const sentOn = new Map<string, string>()
        outcomes.forEach((o, k) => {
          const { day, ids } = input.sends[k]!
          const may = day >= "2024-05-01" && ids.every((i) => i < 4 && input.letters[i] && !sentOn.has(`h${i}`))
          expect(o.result === "ok", JSON.stringify(o)).toBe(may)
          if (may) for (const i of ids) sentOn.set(`h${i}`, day)
        })
        const letters = yield* (yield* DevelopmentStore.DevelopmentStore).recognition.letters(Tenant.make(tenant))
        expect(letters.map((l) => [l.honourId, l.status, l.sentOn])).toEqual(
          input.letters.flatMap((has, i) => has ? [[`h${i}`, sentOn.has(`h${i}`) ? "sent" : "pending", sentOn.get(`h${i}`) ?? null]] : [])
        )
        const ids = (yield* queued(tenant)).map((n) => n.id)
        expect([...ids].sort()).toEqual([...sentOn.keys()].sort().map((h) => `development.honour-letter:${h}`))
        const counts = (yield* service.honours(admin, { from: "2024-01-01", to: "2025-01-01" })).letters
        expect(counts.pending + counts.sent).toBe(input.letters.filter(Boolean).length)
        expect(counts.sent).toBe(sentOn.size)
      }),
    { fastCheck: { numRuns: 25 } }
  )

  it.effect.prop(
    "notify.no-personal-data: the honour's criteria, who awarded it and the letter's postal address never reach the letter's subject, text or data",
    { criteria: freeText, awardedBy: freeText, address: freeText },
    ({ address, awardedBy, criteria }) =>
      Effect.gen(function*() {
        const { admin, service, tenant } = yield* developmentTenant
        yield* service.executeUnknown(admin, recognise("h1", { hometown: hometown.hometown, address }, { criteria, awardedBy })).pipe(Effect.orDie)
        yield* service.executeUnknown(admin, { _tag: "SendHonourLetters", honourIds: ["h1"], on: "2024-06-01" }).pipe(Effect.orDie)
        const [n] = yield* queued(tenant)
        for (const text of [criteria, awardedBy, address]) expect(leaks(n!, text)).toBe(false)
      }),
    { fastCheck: { numRuns: 15 } }
  )
})

// ------------------------------------------------------------------ emergency

/** Two organised communities of street 001: three full members placed in a compound of the first, one member of the second. */
const district: EmergencyIntents.District = {
  communities: [
    { street: 0, compounds: [1, 1], workers: 2, organised: true, members: [0, 0, 0].map((compound) => ({ standing: "full" as const, compound })) },
    { street: 0, compounds: [1], workers: 1, organised: true, members: [{ standing: "full", compound: 0 }] }
  ]
}

layer(services("zh"))("emergency notifications", (it) => {
  it.effect("notify.transaction: an activation and its deactivation notify the community party organisations and the grid activated for; a refused activation raises none; a keyed retry raises nothing new", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(EmergencyIntents.todayMs)
      const tenant = Tenants.fresh()
      yield* EmergencyIntents.writeScaffold(tenant, district)
      const service = yield* Emergency.Emergency
      const admin = Actor.system(tenant)
      const street = `${tenant}001`
      const compound = `${street}001001001`
      const activate = {
        _tag: "ActivateEmergency",
        id: "a1",
        gridCode: street,
        task: "防汛",
        on: "2024-03-01",
        placements: [0, 1, 2].map((k) => ({ memberId: `m0_${k}`, compoundCode: compound }))
      } as const
      const first = yield* service.executeKeyed(admin, "activate-a1", activate).pipe(Effect.orDie)
      expect(yield* service.executeKeyed(admin, "activate-a1", activate).pipe(Effect.orDie)).toEqual(first)
      const [n, ...more] = yield* queued(tenant)
      expect(more).toEqual([])
      expect([n!.id, n!.kind, n!.gridCode, n!.raisedAt, n!.organisationId]).toEqual([
        "emergency.activated:a1", "emergency.activated", street, "2024-03-01T00:00:00+08:00", null
      ])
      expect(n!.to).toEqual([
        { kind: "grid", id: street, name: "街道1" },
        { kind: "organisation", id: "c0", name: "社区1党支部" },
        { kind: "organisation", id: "c1", name: "社区2党支部" }
      ])
      expect(n!.subject).toBe(`平急转换：${street} 启动应急状态（防汛）`)
      expect(n!.text).toBe(`街道1（${street}）（2 个社区）自 2024-03-01 起转入应急状态（防汛）：3 名网格员、4 名报到党员统一归社区党组织管理，组建临时党支部 2 个。`)
      expect(n!.data).toMatchObject({ activationId: "a1", branches: 2, workers: 3, members: 4, parties: 3, partiesCapped: false })
      // Overlapping the active one: refused, nothing queued.
      const refused = yield* Effect.either(service.executeUnknown(admin, { ...activate, id: "a2", gridCode: `${street}001` }))
      expect(Either.isLeft(refused) && (refused.left as { readonly rule?: string }).rule).toBe("emergency.overlap")
      expect((yield* queued(tenant)).length).toBe(1)
      // A team formed raises nothing; the deactivation counts it, and names neither it nor its former.
      yield* service.executeUnknown(admin, {
        _tag: "FormVanguardTeam", id: "t1", activationId: "a1", name: "秘物业先锋队密", formerKind: "company", formedBy: "秘某物业公司密",
        compounds: [{ code: compound, residents: 300 }], staff: 6, on: "2024-03-05"
      }).pipe(Effect.orDie)
      expect((yield* queued(tenant)).length).toBe(1)
      yield* service.executeUnknown(admin, { _tag: "DeactivateEmergency", id: "a1", on: "2024-03-20" }).pipe(Effect.orDie)
      const off = (yield* queued(tenant)).find((x) => x.kind === "emergency.deactivated")!
      expect([off.id, off.raisedAt, off.to.length]).toEqual(["emergency.deactivated:a1", "2024-03-20T00:00:00+08:00", 3])
      expect(off.text).toBe(`街道1（${street}）的应急状态（防汛，自 2024-03-01 起）于 2024-03-20 解除：撤销临时党支部 2 个，先锋队 1 支随之结束，人员回归原岗位。`)
      expect(leaks(off, "秘物业先锋队密") || leaks(off, "秘某物业公司密")).toBe(false)
      // Deactivated already: refused, nothing more.
      expect((yield* Effect.either(service.executeUnknown(admin, { _tag: "DeactivateEmergency", id: "a1", on: "2024-03-21" })))._tag).toBe("Left")
      expect((yield* queued(tenant)).map((x) => x.id)).toEqual(["emergency.activated:a1", "emergency.deactivated:a1"])
    }))

  it.effect("a community's activation is routed by its one organisation too", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(EmergencyIntents.todayMs)
      const tenant = Tenants.fresh()
      yield* EmergencyIntents.writeScaffold(tenant, district)
      yield* (yield* Emergency.Emergency).executeUnknown(Actor.system(tenant), { _tag: "ActivateEmergency", id: "a1", gridCode: `${tenant}001002`, task: "疫情防控", on: "2024-03-01" })
        .pipe(Effect.orDie)
      const [n] = yield* queued(tenant)
      expect([n!.organisationId, n!.to.map((p) => p.id)]).toEqual(["c1", [`${tenant}001002`, "c1"]])
    }))
})

describe("emergency notices", () => {
  const tenant = Tenant.make("131102")
  const activation: Activation.Activation = {
    tenant,
    id: "a1" as Activation.ActivationId,
    gridCode: "131102001" as never,
    task: "防汛",
    communities: ["131102001001" as never],
    activatedOn: "2024-03-01" as never,
    deactivatedOn: null
  }
  const none = { activations: [activation], roster: [], branches: [], teams: [], organisation: [] }

  it.prop("notify.parties-cap: at most 1000 parties, the grid first, then the organisations by id as many as fit; every organisation, the count and the cap in data", [
    // Around the cap (999 organisations and the grid fill it) as well as anywhere.
    fc.oneof(fc.integer({ min: 0, max: 2500 }), fc.constantFrom(998, 999, 1000))
  ], ([count]) => {
    const organisations = Array.from({ length: count }, (_, i) => ({ id: `o${String(i).padStart(4, "0")}`, name: `社区${i}党委` }) as unknown as Organisation.Organisation)
    const [n] = EmergencyNotices.of(activation, none, { organisations, gridName: null, teams: 0 }, "en")
    expect(n!.to.length).toBe(Math.min(1000, count + 1))
    expect(n!.to[0]).toEqual({ kind: "grid", id: "131102001", name: null })
    expect(n!.to.slice(1).map((p) => p.id)).toEqual(organisations.slice(0, 999).map((o) => o.id))
    expect([n!.data.parties, n!.data.partiesCapped]).toEqual([count + 1, count + 1 > 1000])
    expect((n!.data.organisations as ReadonlyArray<string>).length).toBe(count)
    expect(n!.subject).toBe("Emergency mode activated in 131102001 (防汛)")
  }, { fastCheck: { numRuns: 30 } })
})

// ------------------------------------------------------------------- outreach

const link = (tenant: string) => ({
  _tag: "LinkLeader", id: "k1", leaderId: "leader1", targetKind: "residents", targetId: "某小区居民", gridCode: `${tenant}001001`, from: "2024-01-01"
}) as const

const outreachTenant = given(OutreachIntents.todayMs, OutreachIntents.writeScaffold, Outreach.Outreach)

layer(services("zh"))("outreach notifications", (it) => {
  it.effect("notify.transaction: a problem raised and resolved notify the link's leader, routed by the target's grid; a refused raise or resolve raises none; a keyed retry raises nothing new", () =>
    Effect.gen(function*() {
      const { admin, service, tenant } = yield* outreachTenant
      yield* service.executeUnknown(admin, link(tenant)).pipe(Effect.orDie)
      expect(yield* queued(tenant)).toEqual([])
      const raise = { _tag: "RaiseProblem", id: "p1", linkId: "k1", on: "2024-02-01", summary: "张三家门口路灯坏了，电话13812345678" } as const
      yield* service.executeKeyed(admin, "raise-p1", raise).pipe(Effect.orDie)
      yield* service.executeKeyed(admin, "raise-p1", raise).pipe(Effect.orDie)
      const [n, ...more] = yield* queued(tenant)
      expect(more).toEqual([])
      expect([n!.id, n!.kind, n!.gridCode, n!.raisedAt, n!.subject]).toEqual([
        "outreach.problem-raised:p1", "outreach.problem-raised", `${tenant}001001`, "2024-02-01T00:00:00+08:00", "三联三服问题：p1"
      ])
      expect(n!.to).toEqual([{ kind: "person", id: "leader1", name: null }])
      expect(n!.text).toBe(`您联系的群众（网格 ${tenant}001001）于 2024-02-01 反映问题 p1，请跟进协调解决。`)
      expect(leaks(n!, "张三") || leaks(n!, "13812345678")).toBe(false)
      // Refused: the id taken, a resolution before the problem was raised.
      expect((yield* Effect.either(service.executeUnknown(admin, { ...raise, on: "2024-02-02" })))._tag).toBe("Left")
      expect((yield* Effect.either(service.executeUnknown(admin, { _tag: "ResolveProblem", problemId: "p1", on: "2024-01-15", how: "x" })))._tag).toBe("Left")
      expect((yield* queued(tenant)).length).toBe(1)
      yield* service.executeUnknown(admin, { _tag: "ResolveProblem", problemId: "p1", on: "2024-03-01", how: "联系供电所为张三家修好路灯" }).pipe(Effect.orDie)
      const resolved = (yield* queued(tenant)).find((x) => x.kind === "outreach.problem-resolved")!
      expect([resolved.id, resolved.raisedAt, resolved.to]).toEqual(["outreach.problem-resolved:p1", "2024-03-01T00:00:00+08:00", n!.to])
      expect(resolved.text).toBe(`您联系的群众（网格 ${tenant}001001）反映的问题 p1（2024-02-01 提出）已于 2024-03-01 解决。`)
      expect(leaks(resolved, "张三")).toBe(false)
      // Resolved already: refused, nothing more.
      expect((yield* Effect.either(service.executeUnknown(admin, { _tag: "ResolveProblem", problemId: "p1", on: "2024-03-02", how: "x" })))._tag).toBe("Left")
      expect((yield* queued(tenant)).length).toBe(2)
    }))

  it.effect.prop(
    "notify.no-personal-data: a problem's summary and how it was resolved never reach the leader's messages",
    { summary: freeText, how: freeText },
    ({ how, summary }) =>
      Effect.gen(function*() {
        const { admin, service, tenant } = yield* outreachTenant
        yield* service.executeAllUnknown(admin, [
          link(tenant),
          { _tag: "RaiseProblem", id: "p1", linkId: "k1", on: "2024-02-01", summary },
          { _tag: "ResolveProblem", problemId: "p1", on: "2024-03-01", how }
        ]).pipe(Effect.orDie)
        const notices = yield* queued(tenant)
        expect(notices.map((n) => n.kind)).toEqual(["outreach.problem-raised", "outreach.problem-resolved"])
        for (const n of notices) expect(leaks(n, summary) || leaks(n, how)).toBe(false)
      }),
    { fastCheck: { numRuns: 15 } }
  )
})

// -------------------------------------------------------------------- English

layer(services("en"))("in English", (it) => {
  it.effect("each kind renders its English template when the settings say so", () =>
    Effect.gen(function*() {
      const { admin, service: development, tenant } = yield* developmentTenant
      yield* development.executeUnknown(admin, recognise("h1", hometown)).pipe(Effect.orDie)
      yield* development.executeUnknown(admin, { _tag: "SendHonourLetters", honourIds: ["h1"], on: "2024-06-01" }).pipe(Effect.orDie)
      const outreach = yield* Outreach.Outreach
      yield* outreach.executeAllUnknown(admin, [
        link(tenant),
        { _tag: "RaiseProblem", id: "p1", linkId: "k1", on: "2024-02-01", summary: "x" },
        { _tag: "ResolveProblem", problemId: "p1", on: "2024-03-01", how: "y" }
      ]).pipe(Effect.orDie)
      const other = Tenants.fresh()
      yield* EmergencyIntents.writeScaffold(other, district)
      const emergency = yield* Emergency.Emergency
      yield* emergency.executeAllUnknown(Actor.system(other), [
        { _tag: "ActivateEmergency", id: "a1", gridCode: `${other}001`, task: "flood", on: "2024-03-01" },
        { _tag: "DeactivateEmergency", id: "a1", on: "2024-03-20" }
      ]).pipe(Effect.orDie)
      const notices = [...(yield* queued(tenant)), ...(yield* queued(other))]
      expect(notices.map((n) => [n.lang, n.subject])).toEqual([
        ["en", "Good news: 党员m1 awarded mobile vanguard"],
        ["en", "Outreach problem raised: p1"],
        ["en", "Outreach problem resolved: p1"],
        ["en", `Emergency mode activated in ${other}001 (flood)`],
        ["en", `Emergency mode deactivated in ${other}001 (flood)`]
      ])
      expect(notices[0]!.text).toBe(
        `To ${hometown.hometown}:\n党员m1, a party member from your area (明珠社区第一党支部), was awarded mobile vanguard on 2024-05-01. We are glad to share the good news. (Sent 2024-06-01.)`
      )
      expect(notices[1]!.text).toBe(`Problem p1 was raised on 2024-02-01 by your linked residents (grid ${tenant}001001); please follow it up.`)
      expect(notices[4]!.text).toBe(
        `Emergency mode (flood) in 街道1 (${other}001), active since 2024-03-01, ended on 2024-03-20: 2 temporary branches dissolved and 0 vanguard teams ended; everyone returns to their usual posts.`
      )
    }))
})
