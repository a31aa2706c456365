/**
 * The reminders sweep on the memory store: each kind raised exactly for the facts of the
 * sweep's minute and once per fact and period however many sweeps run, in any order
 * (notify.reminder-once); routed by the directory; in English when the settings say so;
 * found but not raised without settings; only the domains in context swept; bad options
 * refused naming the field; the actor's scope kept; and the periodic runner on the test
 * clock, surviving a failed sweep.
 */
import { describe, expect, it } from "@effect/vitest"
import {
  Actor,
  CoConstructions,
  Demand,
  DemandConfig,
  Demands,
  DemandState,
  Development,
  Directory,
  GridConfig,
  Grids,
  IsoDate,
  MemoryStore,
  Notify,
  Organisations,
  OutboxStore,
  PartyLadder,
  Reminders,
  Tenant
} from "@jiceng/core"
import { CoConstructionIntents, DemandIntents, DevelopmentIntents, OrganisationIntents, PartyPath, ReminderSupport, Tenants } from "@jiceng/testkit"
import { Duration, Effect, Fiber, FastCheck as fc, Layer, Logger, LogLevel, Option, TestClock } from "effect"

/** Every domain service over a fresh memory store, with notification settings (none: `null`) and a directory when given. */
const services = (settings: Notify.SettingsShape | null = { backends: ["console"], lang: "zh" }, routes?: ReadonlyArray<Directory.Route>) =>
  ReminderSupport.servicesOver(MemoryStore.layer, Layer.mergeAll(
    settings === null ? Layer.empty : Layer.succeed(Notify.Settings, settings),
    routes === undefined ? Layer.empty : Directory.layer(routes)
  ))

/** The ids the outbox holds for a tenant (one back end: one entry a notification), of a kind. */
const queued = (tenant: string, kind?: string) =>
  Effect.map(
    Effect.flatMap(OutboxStore.OutboxStore, (o) => o.entries(Tenant.make(tenant), "pending")),
    (entries) => entries.filter((e) => kind === undefined || e.notification.kind === kind)
  )

const ids = (entries: ReadonlyArray<{ readonly id: string }>) => entries.map((e) => e.id).sort()

/** Runs the sweeps given, in order, as the tenant's system actor. */
const sweepAll = (tenant: string, asOfs: ReadonlyArray<string>, options: Omit<Reminders.SweepOptions, "asOf"> = {}) =>
  Effect.forEach(asOfs, (asOf) => Reminders.sweep(Actor.system(tenant), { ...options, asOf }))

/** Sweep minutes given in any order, some twice: a list and a shuffled copy of some of it. */
const sweeps = <A>(minutes: fc.Arbitrary<A>, max = 5): fc.Arbitrary<ReadonlyArray<A>> =>
  fc.array(minutes, { minLength: 1, maxLength: max }).chain((list) =>
    fc.shuffledSubarray(list).map((again) => [...list, ...again])
  )

describe("Reminders: demands", () => {
  // Minutes of the intents' first two months (where their demands' deadlines fall), and after.
  const start = Date.parse("2024-03-01T00:00:00Z")
  const minutes = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 60 * 24 * 60 }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 480 * 24 * 60 }) }
  ).map((m) => new Date(start + m * 60_000).toISOString().slice(0, 16))

  it.effect.prop("notify.reminder-once: each demand overdue and not yet escalated at some sweep's minute is reminded exactly once, however many sweeps in any order", [
    DemandIntents.intents(20),
    sweeps(minutes)
  ], ([intents, asOfs]) =>
    Effect.gen(function*() {
      yield* TestClock.setTime(DemandIntents.todayMs)
      const tenant = Tenants.fresh()
      yield* DemandIntents.run(tenant, intents, { checkRefusals: false })
      yield* sweepAll(tenant, asOfs, { kinds: ["demand.overdue"] })
      const { demands, events } = yield* DemandIntents.history(tenant)
      const remindedAt = (d: Demand.Demand, asOf: string) => {
        const status = Demand.replay(d, events.filter((e) => e.demandId === d.id && e.at <= asOf))
        return d.deadlineAt < asOf && d.requestedAt <= asOf && DemandState.open.has(status.state) && status.escalatedTo.length === 0
      }
      const expected = demands.filter((d) => asOfs.some((t) => remindedAt(d, t))).map((d) => `demand.overdue:${d.id}:${d.deadlineAt}`)
      const entries = yield* queued(tenant, "demand.overdue")
      expect(ids(entries)).toEqual([...expected].sort())
      for (const e of entries) {
        expect(e.notification.to.length).toBe(1)
        expect(["worker", "grid"]).toContain(e.notification.to[0]!.kind)
        expect(e.notification.text).not.toContain("垃圾")
      }
      // Once more, every sweep: nothing new.
      yield* sweepAll(tenant, asOfs, { kinds: ["demand.overdue"] })
      expect((yield* queued(tenant, "demand.overdue")).length).toBe(entries.length)
    }).pipe(Effect.provide(services())), { fastCheck: { numRuns: 40 } })

  it.effect("a demand overdue is reminded to the worker answering for it, routed by its grid; once escalated it is not", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(DemandIntents.todayMs)
      const tenant = Tenants.fresh()
      yield* DemandIntents.writeScaffold(tenant)
      const gridCode = `${tenant}${DemandIntents.grids[0]}`
      const admin = Actor.system(tenant)
      yield* (yield* Demands.Demands).executeUnknown(admin, {
        _tag: "IntakeDemand", id: "d1", gridCode, category: "safety", source: "hotline", description: "楼道灯不亮", requestedAt: "2024-03-01T09:00"
      })
      // safety: a day's deadline, 2024-03-02T09:00.
      const before = yield* Reminders.sweep(admin, { asOf: "2024-03-02T09:00", kinds: ["demand.overdue"] })
      expect(before.total).toBe(0)
      const after = yield* Reminders.sweep(admin, { asOf: "2024-03-02T09:01", kinds: ["demand.overdue"] })
      const [n] = after.notifications
      expect([n!.id, n!.gridCode, n!.subject, n!.raisedAt]).toEqual([
        "demand.overdue:d1:2024-03-02T09:00", gridCode, "诉求逾期提醒：d1", "2024-03-02T09:01:00+08:00"
      ])
      expect(n!.to).toEqual([{ kind: "worker", id: "w1", name: null }])
      expect(n!.text).not.toContain("楼道灯")
      yield* (yield* Demands.Demands).executeUnknown(admin, { _tag: "EscalateOverdue", asOf: "2024-03-05T09:00" })
      expect((yield* Reminders.sweep(admin, { asOf: "2024-03-05T09:00", kinds: ["demand.overdue"] })).total).toBe(0)
    }).pipe(Effect.provide(services())))
})

describe("Reminders: agreements", () => {
  const agreement = fc.record({
    organisation: fc.constantFrom("c1", "s1"),
    from: fc.integer({ min: 0, max: 500 }),
    length: fc.integer({ min: 1, max: 400 })
  })
  const day0 = IsoDate.unsafeMake("2023-06-01")

  it.effect.prop("notify.reminder-once: an agreement is reminded iff it runs on a sweep's day and ends within the notice, once per end of term", [
    fc.array(agreement, { minLength: 1, maxLength: 5 }),
    sweeps(fc.integer({ min: 0, max: 950 }), 4),
    fc.integer({ min: 0, max: 60 })
  ], ([agreements, days, notice]) =>
    Effect.gen(function*() {
      yield* TestClock.setTime(OrganisationIntents.todayMs)
      const tenant = Tenants.fresh()
      yield* OrganisationIntents.writeScaffold(tenant)
      const unit = CoConstructionIntents.unit(tenant, 1)
      const terms = agreements.map((a, i) => ({ id: `a${i}`, ...a, fromDay: IsoDate.addDays(day0, a.from), toDay: IsoDate.addDays(day0, a.from + a.length) }))
      yield* (yield* CoConstructions.CoConstructions).executeAllUnknown(Actor.system(tenant), [
        { _tag: "EnrolUnit", creditCode: unit, name: "河西供电所", streetCode: `${tenant}001`, at: "2023-06-01" },
        ...terms.map((t) => ({ _tag: "SignAgreement", id: t.id, organisationId: t.organisation, unitCreditCode: unit, unitOrganisation: "供电所党支部", from: t.fromDay, to: t.toDay }))
      ])
      const sweepDays = days.map((d) => IsoDate.addDays(day0, d))
      yield* sweepAll(tenant, sweepDays.map((d) => `${d}T08:00`), { kinds: ["agreement.expiring"], agreementNoticeDays: notice })
      const expected = terms
        .filter((t) => sweepDays.some((d) => t.fromDay <= d && d < t.toDay && IsoDate.daysBetween(d, t.toDay) <= notice))
        .map((t) => `agreement.expiring:${t.id}:${t.toDay}`)
      const entries = yield* queued(tenant)
      expect(ids(entries)).toEqual([...expected].sort())
      for (const e of entries) {
        const term = terms.find((t) => e.id.startsWith(`agreement.expiring:${t.id}:`))!
        const n = e.notification
        expect([n.organisationId, n.gridCode, n.to]).toEqual(
          term.organisation === "c1"
            ? ["c1", `${tenant}001001`, [{ kind: "organisation", id: "c1", name: "明珠社区党委" }]]
            : ["s1", `${tenant}001`, [{ kind: "organisation", id: "s1", name: "河西街道党工委" }]]
        )
      }
    }).pipe(Effect.provide(services())), { fastCheck: { numRuns: 40 } })
})

describe("Reminders: probation and conversion", () => {
  const who = { trackId: "t1", person: "p1", name: "张三", birthDate: "1995-05-01", organisationId: "b1" }
  const applied = IsoDate.unsafeMake("2023-01-10")
  const names = { contacts: ["f1"], introducers: ["f2", "f3"] as const, vote: { present: 5, yes: 4, no: 1, abstain: 0 } }
  const end = IsoDate.addMonths(PartyPath.dayOf(PartyLadder.steps.admissionMeeting, applied), 12)
  const dueOn = IsoDate.addMonths(end, 1)

  it.effect.prop("notify.reminder-once: probation ending is reminded once per window end, the conversion once per due day and state", [
    sweeps(fc.integer({ min: -60, max: 60 }), 4)
  ], ([offsets]) =>
    Effect.gen(function*() {
      yield* TestClock.setTime(DevelopmentIntents.todayMs)
      const tenant = Tenants.fresh()
      yield* DevelopmentIntents.writeScaffold(tenant)
      yield* (yield* Development.Development).executeAll(
        Actor.system(tenant),
        PartyPath.commands(who, applied, names, { until: PartyLadder.steps.conversionMeeting })
      )
      const days = offsets.map((d) => IsoDate.addDays(end, d))
      yield* sweepAll(tenant, days.map((d) => `${d}T08:00`), { kinds: ["probation.ending", "conversion.due"] })
      const state = (day: string) =>
        day < IsoDate.addMonths(end, -1) ? null : day < end ? "ending" : day > dueOn ? "overdue" : "due"
      const expected = new Set(days.flatMap((d) => {
        const s = state(d)
        return s === null ? [] : [s === "ending" ? `probation.ending:t1:${end}` : `conversion.due:t1:${dueOn}:${s}`]
      }))
      const entries = yield* queued(tenant)
      expect(ids(entries)).toEqual([...expected].sort())
      for (const e of entries) {
        const n = e.notification
        expect([n.organisationId, n.gridCode]).toEqual(["b1", `${tenant}001001`])
        expect(n.to).toEqual(n.kind === "probation.ending"
          ? [{ kind: "organisation", id: "b1", name: "明珠社区第一党支部" }, { kind: "person", id: "p1", name: null }]
          : [{ kind: "organisation", id: "b1", name: "明珠社区第一党支部" }])
        expect(n.text).not.toContain("张三")
      }
    }).pipe(Effect.provide(services())), { fastCheck: { numRuns: 25 } })
})

describe("Reminders: 三会一课", () => {
  const monthly = ["committee_meeting", "group_meeting", "theme_day"] as const
  const quarterly = ["general_meeting", "party_lesson"] as const

  it.effect.prop("notify.reminder-once: a meeting is reminded missing for the last slot of its schedule ended by the sweep's day, once per organisation, kind and slot", [
    fc.uniqueArray(fc.integer({ min: 0, max: 11 }), { maxLength: 8 }),
    sweeps(fc.integer({ min: 0, max: 400 }), 3)
  ], ([months, offsets]) =>
    Effect.gen(function*() {
      yield* TestClock.setTime(OrganisationIntents.todayMs)
      const tenant = Tenants.fresh()
      yield* OrganisationIntents.writeScaffold(tenant)
      // b1's theme days, on the 15th of some months of 2024.
      const held = months.map((m) => `2024-${String(m + 1).padStart(2, "0")}`)
      yield* (yield* Organisations.Organisations).executeAllUnknown(Actor.system(tenant), held.map((month) => ({
        _tag: "RecordMeeting", id: `td-${month}`, organisationId: "b1", kind: "theme_day", date: `${month}-15`, topic: "主题党日", attendees: ["m1"]
      })))
      const days = offsets.map((d) => IsoDate.addDays(IsoDate.unsafeMake("2024-01-01"), d))
      yield* sweepAll(tenant, days.map((d) => `${d}T08:00`), { kinds: ["organisation.meeting-missing"] })
      const entries = yield* queued(tenant)
      const ofB1 = ids(entries.filter((e) => e.notification.organisationId === "b1"))
      // The month and the quarter before each sweep's: the last slots ended by its day.
      const previousMonth = (d: string) => IsoDate.addMonths(`${d.slice(0, 7)}-01` as IsoDate.IsoDate, -1).slice(0, 7)
      const previousQuarter = (d: string) => {
        const q = Math.floor((Number(d.slice(5, 7)) - 1) / 3)
        return q === 0 ? `${Number(d.slice(0, 4)) - 1}-Q4` : `${d.slice(0, 4)}-Q${q}`
      }
      const expected = new Set(days.flatMap((d) => [
        ...monthly.filter((k) => k !== "theme_day" || !held.includes(previousMonth(d))).map((k) => `organisation.meeting-missing:b1:${k}:${previousMonth(d)}`),
        ...quarterly.map((k) => `organisation.meeting-missing:b1:${k}:${previousQuarter(d)}`),
        `organisation.meeting-missing:b1:life_meeting:${Number(d.slice(0, 4)) - 1}`
      ]))
      expect(ofB1).toEqual([...expected].sort())
      const theme = entries.find((e) => e.notification.organisationId === "b1" && e.id.includes(":theme_day:"))
      if (theme !== undefined) {
        expect(theme.notification.to).toEqual([{ kind: "organisation", id: "b1", name: "明珠社区第一党支部" }])
        expect(theme.notification.text).toContain("未召开主题党日")
      }
    }).pipe(Effect.provide(services())), { fastCheck: { numRuns: 25 } })
})

describe("Reminders: 定格定人定岗定责", () => {
  const start = Date.parse("2024-03-01T00:00:00Z")
  const minutes = fc.integer({ min: 0, max: 5 * 24 * 60 }).map((m) => new Date(start + m * 60_000 * 7).toISOString().slice(0, 16))

  it.effect.prop("notify.reminder-once: each alert of the responsibility check is reminded once a day while it lasts, to its grid and workers", [
    sweeps(minutes)
  ], ([asOfs]) =>
    Effect.gen(function*() {
      yield* TestClock.setTime(DemandIntents.todayMs)
      const tenant = Tenants.fresh()
      yield* DemandIntents.writeScaffold(tenant)
      yield* sweepAll(tenant, asOfs, { kinds: ["grid.responsibility-alert"] })
      const grids = yield* Grids.Grids
      const days = Array.from(new Set(asOfs.map((t) => t.slice(0, 10))))
      const expected: Array<string> = []
      for (const day of days) {
        for (const a of yield* grids.check(Actor.system(tenant), { at: day })) {
          expected.push(`grid.responsibility-alert:${a.kind}:${a.gridCode}:${a.workerIds.join(",")}:${day}`)
        }
      }
      expect(expected.length).toBeGreaterThan(0)
      const entries = yield* queued(tenant)
      expect(ids(entries)).toEqual(expected.sort())
      for (const e of entries) {
        expect(e.notification.to[0]).toEqual({ kind: "grid", id: e.notification.gridCode, name: null })
      }
    }).pipe(Effect.provide(services())), { fastCheck: { numRuns: 20 } })
})

describe("Reminders: raising", () => {
  const { compound, day, todayMs, writeDistrict: district } = ReminderSupport
  const asOf = `${day}T08:00`
  /** A fresh district, swept on its day as the system. */
  const sweptDistrict = Effect.gen(function*() {
    yield* TestClock.setTime(todayMs)
    const tenant = Tenants.fresh()
    yield* district(tenant)
    return { tenant, summary: yield* Reminders.sweep(Actor.system(tenant), { asOf }) }
  })

  const routes = (tenant: string): ReadonlyArray<Directory.Route> => [
    { organisation: "c1", kinds: ["agreement.expiring", "organisation.meeting-missing"], recipients: [{ backend: "email", address: "c1@example.cn", name: "明珠社区党委" }] },
    { grid: `${tenant}001`, kinds: ["demand.overdue", "grid.responsibility-alert"], recipients: [{ backend: "wecom", address: "@group", name: "河西街道网格群" }] }
  ]
  const routed = Tenants.fresh()

  it.effect("notify.directory: reminders go to the organisation's mailbox and the street's group, as the routes say", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(todayMs)
      yield* district(routed)
      const summary = yield* Reminders.sweep(Actor.system(routed), { asOf })
      expect(summary.swept).toEqual(Reminders.kinds)
      expect(summary.raised).toBe(true)
      expect([summary.counts["agreement.expiring"], summary.counts["demand.overdue"], summary.counts["grid.responsibility-alert"]]).toEqual([1, 1, 1])
      const entries = yield* queued(routed)
      const byKind = (kind: string) => entries.filter((e) => e.notification.kind === kind)
      expect(byKind("agreement.expiring").map((e) => [e.backend, e.notification.recipients.map((r) => r.address)])).toEqual([["email", ["c1@example.cn"]]])
      expect(byKind("demand.overdue").map((e) => [e.backend, e.notification.recipients.map((r) => r.address)])).toEqual([["wecom", ["@group"]]])
      expect(byKind("grid.responsibility-alert").map((e) => e.backend)).toEqual(["wecom"])
      // The branches' missing meetings match no route (c1, a committee, owes none): found, not queued.
      expect(summary.counts["organisation.meeting-missing"]).toBeGreaterThan(0)
      expect(byKind("organisation.meeting-missing")).toEqual([])
      expect(byKind("agreement.expiring")[0]!.notification.subject).toBe("共建协议即将到期：a1")
      expect(byKind("agreement.expiring")[0]!.notification.text).toBe("明珠社区党委与供电所党支部的共建协议 a1 将于 2025-03-31 期满（还有 7 天），请及时评估成效、商议续签。")
      // The same day again, or a retry: nothing new.
      const before = entries.length
      yield* Reminders.sweep(Actor.system(routed), { asOf: `${day}T17:30` })
      expect((yield* queued(routed)).length).toBe(before)
    }).pipe(Effect.provide(services({ backends: ["email", "wecom", "webhook"], lang: "zh" }, routes(routed)))))

  it.effect("in English when the settings say so", () =>
    Effect.gen(function*() {
      const { summary, tenant } = yield* sweptDistrict
      const subject = (kind: string) => summary.notifications.find((n) => n.kind === kind)?.subject
      expect(subject("agreement.expiring")).toBe("Co-construction agreement expiring: a1")
      expect(subject("demand.overdue")).toBe("Demand overdue: d1")
      expect(subject("grid.responsibility-alert")).toBe(`Grid responsibility alert: grid ${compound(tenant)}`)
      expect(subject("probation.ending")).toBe("Probation ending: t1")
      expect(summary.notifications.find((n) => n.id === "organisation.meeting-missing:b2:theme_day:2025-02")?.text)
        .toBe("明珠社区第二党支部 held no theme Party day in 2025-02; please hold it as the schedule requires and record it.")
      expect(summary.notifications.every((n) => n.lang === "en")).toBe(true)
    }).pipe(Effect.provide(services({ backends: ["console"], lang: "en" }))))

  it.effect("without notification settings nothing is raised, and the sweep still returns what it found", () =>
    Effect.gen(function*() {
      const { summary, tenant } = yield* sweptDistrict
      expect(summary.raised).toBe(false)
      expect(summary.total).toBeGreaterThan(3)
      expect(summary.total).toBe(Object.values(summary.counts).reduce((a, b) => a + b, 0))
      expect(summary.notifications.every((n) => n.lang === "zh" && n.recipients.length === 0)).toBe(true)
      expect(yield* queued(tenant)).toEqual([])
    }).pipe(Effect.provide(services(null))))

  it.effect("a deployment with only some domains sweeps those it has", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(DemandIntents.todayMs)
      const tenant = Tenants.fresh()
      yield* DemandIntents.writeScaffold(tenant)
      const summary = yield* Reminders.sweep(Actor.system(tenant), { asOf: "2024-03-02T09:00" })
      expect(summary.swept).toEqual(["demand.overdue", "grid.responsibility-alert"])
      expect(summary.counts["agreement.expiring"]).toBe(0)
      expect(summary.counts["grid.responsibility-alert"]).toBeGreaterThan(0)
    }).pipe(Effect.provide(Layer.mergeAll(Demands.layer, Grids.layer).pipe(
      Layer.provideMerge(Layer.mergeAll(MemoryStore.layer, GridConfig.layer(), DemandConfig.layer(), Layer.succeed(Notify.Settings, { backends: ["console"], lang: "zh" })))
    ))))

  it.effect("bad options are a ValidationError naming the field and the rule, and raise nothing", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(todayMs)
      const tenant = Tenants.fresh()
      yield* district(tenant)
      const refused = (options: unknown) =>
        Effect.map(Effect.flip(Reminders.sweep(Actor.system(tenant), options as Reminders.SweepOptions)), (e) => [e._tag, "field" in e ? e.field : null])
      expect(yield* refused({ asOf: "2024-12-20" })).toEqual(["ValidationError", "options.asOf"])
      expect(yield* refused({ asOf: "2024-02-30T08:00" })).toEqual(["ValidationError", "options.asOf"])
      expect(yield* refused({ asOf: "2024-12-20T08:00", agreementNoticeDays: -1 })).toEqual(["ValidationError", "options.agreementNoticeDays"])
      expect(yield* refused({ asOf: "2024-12-20T08:00", agreementNoticeDays: 1.5 })).toEqual(["ValidationError", "options.agreementNoticeDays"])
      expect(yield* refused({ asOf: "2024-12-20T08:00", kinds: ["demand.overdue", "nope"] })).toEqual(["ValidationError", "options.kinds.1"])
      expect(yield* refused({ asOf: "2024-12-20T08:00", root: "13x" })).toEqual(["ValidationError", "options.root"])
      expect(yield* refused({ asOf: "2024-12-20T08:00", as_of: "x" })).toEqual(["ValidationError", "options.as_of"])
      expect(yield* refused(null)).toEqual(["ValidationError", "options"])
      const error = yield* Effect.flip(Reminders.sweep(Actor.system(tenant), { asOf: "2024-12-20T25:00" }))
      expect(error._tag === "ValidationError" && error.rule).toBe("minute.format")
      expect(yield* queued(tenant)).toEqual([])
    }).pipe(Effect.provide(services())))

  it.effect("the actor's scope: a street's actor is reminded of its street only; an actor who may not read a domain is refused", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(DemandIntents.todayMs)
      const tenant = Tenants.fresh()
      yield* DemandIntents.writeScaffold(tenant)
      const admin = Actor.system(tenant)
      yield* (yield* Demands.Demands).executeAllUnknown(admin, [
        { _tag: "IntakeDemand", id: "d1", gridCode: `${tenant}${DemandIntents.grids[0]}`, category: "safety", source: "hotline", description: "x", requestedAt: "2024-03-01T09:00" },
        { _tag: "IntakeDemand", id: "d2", gridCode: `${tenant}${DemandIntents.grids[6]}`, category: "safety", source: "hotline", description: "x", requestedAt: "2024-03-01T09:00" }
      ])
      const street2 = Actor.make({ id: "street-2", tenant, roles: ["grid_manager"], scope: `${tenant}002` })
      // A grid manager reads grids and demands: those are the kinds it sweeps.
      const summary = yield* Reminders.sweep(street2, { asOf: "2024-03-03T09:00", kinds: ["demand.overdue", "grid.responsibility-alert"] })
      expect(summary.notifications.length).toBeGreaterThan(0)
      expect(summary.notifications.every((n) => n.gridCode !== null && n.gridCode.startsWith(`${tenant}002`))).toBe(true)
      expect(summary.notifications.filter((n) => n.kind === "demand.overdue").map((n) => n.data.demandId)).toEqual(["d2"])
      // A root outside the actor's scope is refused.
      const outside = yield* Effect.flip(Reminders.sweep(street2, { asOf: "2024-03-03T09:00", root: `${tenant}001` }))
      expect(outside._tag).toBe("Forbidden")
      // A ledger keeper may not read demands.
      const keeper = Actor.make({ id: "keeper", tenant, roles: ["ledger_keeper"], scope: tenant })
      expect((yield* Effect.flip(Reminders.sweep(keeper, { asOf: "2024-03-03T09:00", kinds: ["demand.overdue"] })))._tag).toBe("Forbidden")
      expect((yield* queued(tenant, "demand.overdue")).map((e) => e.notification.data.demandId)).toEqual(["d2"])
    }).pipe(Effect.provide(services())))
})

describe("Reminders: the periodic runner", () => {
  it.effect("sweeps at once and after each interval on the clock, as a minute of China Standard Time", () =>
    Effect.gen(function*() {
      const tenant = Tenants.fresh()
      yield* TestClock.setTime(DemandIntents.todayMs)
      yield* DemandIntents.writeScaffold(tenant)
      // 2024-03-01 23:30 in Beijing.
      yield* TestClock.setTime(Date.parse("2024-03-01T15:30:00Z"))
      const fiber = yield* Reminders.start({ actor: Actor.system(tenant), every: "1 hour", kinds: ["grid.responsibility-alert"] }).pipe(
        Logger.withMinimumLogLevel(LogLevel.None)
      )
      yield* TestClock.adjust("1 millis")
      const first = yield* queued(tenant)
      expect(first.length).toBeGreaterThan(0)
      expect(first.every((e) => e.id.endsWith(":2024-03-01") && e.notification.raisedAt === "2024-03-01T23:30:00+08:00")).toBe(true)
      // An hour on, past midnight: the next day's alerts.
      yield* TestClock.adjust("1 hour")
      const second = yield* queued(tenant)
      expect(second.length).toBe(2 * first.length)
      expect(Option.isNone(yield* Fiber.poll(fiber))).toBe(true)
    }).pipe(Effect.scoped, Effect.provide(services())))

  it.effect("a failed sweep is logged and the next one still runs", () =>
    Effect.gen(function*() {
      const tenant = Tenants.fresh()
      yield* TestClock.setTime(DemandIntents.todayMs)
      const logged: Array<string> = []
      const logger = Logger.make(({ message }) => logged.push(String(message)))
      const keeper = Actor.make({ id: "keeper", tenant, roles: ["ledger_keeper"], scope: tenant })
      const fiber = yield* Reminders.start({ actor: keeper, every: "10 minutes", kinds: ["demand.overdue"] }).pipe(
        Effect.provide(Logger.replace(Logger.defaultLogger, logger))
      )
      yield* TestClock.adjust("25 minutes")
      expect(logged).toEqual(["reminders sweep failed", "reminders sweep failed", "reminders sweep failed"])
      expect(Option.isNone(yield* Fiber.poll(fiber))).toBe(true)
    }).pipe(Effect.scoped, Effect.provide(services())))

  it.effect.prop("reminders.every: an interval that is not a positive, finite duration fails the runner when it starts, naming it", [
    fc.oneof(
      fc.integer({ min: -1_000_000, max: 0 }).map((ms) => Duration.millis(ms)),
      fc.constantFrom<Duration.DurationInput>(Duration.infinity, "0 seconds", "soon" as never, Number.NaN)
    )
  ], ([every]) =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Effect.scoped(Reminders.start({ actor: Actor.system("131102"), every })))
      expect([error._tag, error.field, error.rule]).toEqual(["ValidationError", "options.every", "reminders.every"])
    }))

  it.effect("options that do not decode fail it when it starts, naming the field", () =>
    Effect.gen(function*() {
      const actor = Actor.system(Tenants.fresh())
      const field = (options: Reminders.RunOptions) => Effect.map(Effect.flip(Effect.scoped(Reminders.start(options))), (e) => e.field)
      expect(yield* field({ actor, every: "0 seconds" })).toBe("options.every")
      expect(yield* field({ actor, every: "soon" as never })).toBe("options.every")
      expect(yield* field({ actor, agreementNoticeDays: 400 })).toBe("options.agreementNoticeDays")
      const built = yield* Effect.either(Effect.scoped(Layer.build(Reminders.layer({ actor, every: "-1 hours" as never }))))
      expect(built._tag).toBe("Left")
    }))
})
