/**
 * The demand service's rules, each a property named after its rule id: routing to the
 * nearest staffed grid, the sweep escalating every overdue demand exactly once per level
 * however often it runs, the refusals of the pure rules (nothing written), and the
 * statistics and coverage equal to their definitions on random data.
 */
import { describe, expect, it } from "@effect/vitest"
import { Actor, Demand, DemandRules, Demands, DemandState, DemandStats, Escalation, GridConfig, Grids, LocalMinute, MemoryStore } from "@jiceng/core"
import { DemandIntents, Tenants } from "@jiceng/testkit"
import { DemandConformance } from "@jiceng/testkit/vitest"
import { Effect, Either, FastCheck as fc, TestClock } from "effect"

const scheme = GridConfig.defaults.scheme
const minute = LocalMinute.unsafeMake
const at = (n: number) => LocalMinute.fromEpochMinutes(LocalMinute.toEpochMinutes(minute("2024-03-01T09:00")) + n)
const recorder: DemandRules.Recorder = { by: "tester", now: minute("2025-01-01T00:00") }

/** A tenant: each test has a memory store of its own, so any fresh code serves. */
const nextTenant = Tenants.fresh

/** The Demands and Grids services over a fresh memory store with the scaffold written, on the suites' today. */
const withScaffold = <A, E>(f: (tenant: string, service: Demands.DemandsShape) => Effect.Effect<A, E, DemandConformance.Services>) =>
  Effect.gen(function*() {
    yield* TestClock.setTime(DemandIntents.todayMs)
    const tenant = nextTenant()
    yield* DemandIntents.writeScaffold(tenant)
    return yield* f(tenant, yield* Demands.Demands)
  }).pipe(Effect.provide(DemandConformance.demandsOver(MemoryStore.layer)))

const demand = (gridCode = "131102001001001001001"): Demand.Demand => ({
  tenant: "131102" as never,
  id: "d" as Demand.DemandId,
  gridCode: gridCode as never,
  category: "safety",
  source: "hotline",
  visitId: null,
  description: "x",
  address: null,
  lat: null,
  long: null,
  requestedAt: minute("2024-03-01T09:00"),
  deadlineAt: minute("2024-03-02T09:00")
})

describe("demand rules", () => {
  it.prop("demand.chronology and demand.not-future: an event before the demand's last one, or after now, is refused; else the transition table decides", [
    fc.integer({ min: -3000, max: 3000 }),
    fc.integer({ min: -3000, max: 3000 }),
    fc.constantFrom(...(["assign", "start", "resolve", "reopen", "close", "reject", "duplicate"] as const))
  ], ([last, when, kind]) => {
    const d = demand()
    const status = Demand.replay(d, [{ tenant: d.tenant, demandId: d.id, seq: 1, kind: "receive", at: at(last), by: "x", gridCode: null, assignee: null, note: null, satisfaction: null, duplicateOf: null }])
    const now = at(1000)
    const result = DemandRules.transition({ demand: d, status }, d.id, kind, at(when), { satisfaction: "satisfied" }, { by: "x", now })
    const rule = Either.isLeft(result) ? result.left.rule : "ok"
    if (when > 1000) expect(rule).toBe("demand.not-future")
    else if (when < last) expect(rule).toBe("demand.chronology")
    else expect(rule).toBe(["assign", "reject", "duplicate"].includes(kind) ? "ok" : "demand.transition")
  })

  it.prop("demand.exists: a transition of a demand unknown (or outside the scope) is refused naming demandId", [fc.constantFrom(...(["start", "resolve", "close"] as const))], ([kind]) => {
    const result = DemandRules.transition({ demand: undefined, status: undefined }, "zz" as Demand.DemandId, kind, at(0), {}, recorder)
    expect(Either.isLeft(result) && [result.left.rule, result.left.field]).toEqual(["demand.exists", "demandId"])
  })

  it.prop("demand.assignee: a demand goes only to a worker serving a grid on its line (its own, above or below)", [
    fc.array(fc.constantFrom("131102001", "131102001001", "131102001001001001", "131102001001001001001", "131102001001001001002", "131102002001"), { maxLength: 4 })
  ], ([served]) => {
    const d = demand()
    const result = DemandRules.assignee(d, "w" as never, served)
    const onLine = served.filter((g) => d.gridCode.startsWith(g) || g.startsWith(d.gridCode))
    if (onLine.length === 0) expect(Either.isLeft(result) && result.left.rule).toBe("demand.assignee")
    else expect(Either.getOrThrow(result).gridCode).toBe(onLine.sort((a, b) => b.length - a.length)[0])
  })

  it.prop("demand.duplicate-of: a duplicate names another demand that stands (not itself, not unknown, neither rejected nor a duplicate)", [
    fc.boolean(),
    fc.option(fc.constantFrom(...DemandState.State.literals), { nil: undefined })
  ], ([self, state]) => {
    const other = state === undefined ? undefined : { ...Demand.replay(demand(), []), state }
    const result = DemandRules.duplicateOf("d" as never, (self ? "d" : "e") as never, other)
    const stands = !self && state !== undefined && state !== "rejected" && state !== "duplicate"
    expect(Either.isRight(result)).toBe(stands)
    if (!stands) expect(Either.isLeft(result) && [result.left.rule, result.left.field]).toEqual(["demand.duplicate-of", "of"])
  })

  it.prop("demand.id-new, demand.grid, demand.category: an intake is refused for an id taken, a grid not there that day, a category unknown — in that order", [
    fc.boolean(),
    fc.boolean(),
    fc.boolean()
  ], ([exists, gridValid, known]) => {
    const category = known ? { key: "safety", zh: "安全隐患", en: "Safety", description: "", group: "", deadlineMinutes: 1440 } : undefined
    const d = demand()
    const result = DemandRules.intake(d.tenant, { exists, gridValid, category, route: null }, { ...d, category: "safety" }, recorder)
    const rule = exists ? "demand.id-new" : !gridValid ? "demand.grid" : !known ? "demand.category" : "ok"
    expect(Either.isLeft(result) ? result.left.rule : "ok").toBe(rule)
    if (rule === "ok") expect(Either.getOrThrow(result).demands[0]!.deadlineAt).toBe("2024-03-02T09:00")
  })

  it.prop("demand.visit-worker and demand.visit-place: a visit's worker serves its line that day; its place is registered, of the target's kind, in the grid", [
    fc.array(fc.constantFrom("131102001001", "131102001001001001", "131102002001"), { maxLength: 2 }),
    fc.option(fc.record({ kind: fc.constantFrom("household", "merchant", "work_unit"), gridCode: fc.option(fc.constantFrom("131102001001001001001", "131102002001001001001"), { nil: null }) }), { nil: undefined }),
    fc.boolean()
  ], ([served, place, named]) => {
    const grid = "131102001001001001"
    const command = {
      id: "v" as never, workerId: "w" as never, gridCode: grid as never, target: "household" as const,
      placeId: (named ? "h" : null) as never, at: minute("2024-03-01T09:00"), updated: [], demands: []
    }
    const result = DemandRules.visit("131102" as never, { exists: false, gridValid: true, served, place }, command, ["household"], recorder)
    const serves = served.some((g) => grid.startsWith(g) || g.startsWith(grid))
    const placeOk = !named || (place !== undefined && place.kind === "household" && place.gridCode !== null && place.gridCode.startsWith(grid))
    expect(Either.isLeft(result) ? result.left.rule : "ok").toBe(!serves ? "demand.visit-worker" : !placeOk ? "demand.visit-place" : "ok")
  })
})

describe("Demands", () => {
  it.effect.prop("demand.routing: an intake goes to the responsible worker of the nearest staffed grid of its chain in the actor's scope, or stays received", [
    fc.constantFrom(0, 1, 2, 3, 6),
    fc.constantFrom("", "001", "001001", "001001001001", "002")
  ], ([grid, scope]) =>
    withScaffold((tenant, service) =>
      Effect.gen(function*() {
        const gridCode = `${tenant}${DemandIntents.grids[grid]}`
        const actor = Actor.make({ id: "受理员", tenant, roles: ["worker"], scope: `${tenant}${scope}` })
        const result = yield* Effect.either(service.executeUnknown(actor, {
          _tag: "IntakeDemand", id: "d", gridCode, category: "property", source: "hotline", description: "x", requestedAt: "2024-03-01T09:00"
        }))
        if (!gridCode.startsWith(`${tenant}${scope}`)) {
          expect(Either.isLeft(result) && result.left._tag).toBe("Forbidden")
          return
        }
        // The scaffold's responsible workers: w1 block A, w0 the compound, w3 block C and its compound, w4 the community.
        const staffed: Record<string, string> = { "001001001001001": "w1", "001001001001": "w0", "002001001001001": "w3", "002001001001": "w3", "001001": "w4" }
        const line = [gridCode, ...Escalation.chain(scheme, gridCode, 1)].filter((g) => g.startsWith(`${tenant}${scope}`))
        const nearest = line.find((g) => staffed[g.slice(tenant.length)] !== undefined)
        const view = (yield* service.demand(Actor.system(tenant), "d"))!
        expect([view.state, view.assignee, view.answering]).toEqual(
          nearest === undefined ? ["received", null, gridCode] : ["assigned", staffed[nearest.slice(tenant.length)], nearest]
        )
      })
    ))

  it.effect.prop("demand.escalation: however often and in whatever order the sweep runs, each overdue demand escalates exactly once per level due, up the chain above the grid answering for it, to the grid's responsible worker, each level at its own due minute", [
    fc.array(fc.integer({ min: 0, max: 20 * 24 * 60 }), { minLength: 1, maxLength: 6 }),
    fc.constantFrom(0, 1, 6),
    fc.boolean()
  ], ([sweeps, grid, resolve]) =>
    withScaffold((tenant, service) =>
      Effect.gen(function*() {
        const admin = Actor.system(tenant)
        const gridCode = `${tenant}${DemandIntents.grids[grid]}`
        yield* service.executeUnknown(admin, {
          _tag: "IntakeDemand", id: "d", gridCode, category: "safety", source: "hotline", description: "x", requestedAt: at(0)
        }).pipe(Effect.orDie)
        // Routing answers from the nearest staffed grid (block 2 has no responsible worker: its compound answers);
        // escalation starts above it.
        const routed = (yield* service.demand(admin, "d"))!.answering
        expect(routed).toBe(grid === 1 ? `${tenant}001001001001` : gridCode)
        const chain = Escalation.chain(scheme, routed, 1)
        // The definition, sweep by sweep in the order they run: a sweep at minute m sends an open demand
        // whose last event is not after m up every level due by m (strictly after the deadline, a day on,
        // then every two days) not yet reached, each recorded at its due minute; the resolution, recorded
        // after the first half of the sweeps, holds when no escalation was recorded after the minute it is dated.
        const [deadline, every, resolvedAt] = [24 * 60, 2 * 24 * 60, 3 * 24 * 60]
        const dueAt = (k: number) => deadline + 1 + k * every
        let [reached, last, open] = [0, 0, true]
        const half = Math.ceil(sweeps.length / 2)
        for (const [i, m] of sweeps.entries()) {
          if (resolve && i === half) {
            const done = yield* Effect.either(service.executeAllUnknown(admin, [
              { _tag: "StartDemand", demandId: "d", at: at(resolvedAt) },
              { _tag: "ResolveDemand", demandId: "d", at: at(resolvedAt) }
            ]))
            expect(Either.isRight(done)).toBe(last <= resolvedAt)
            if (last <= resolvedAt) [open, last] = [false, resolvedAt]
          }
          yield* service.executeUnknown(admin, { _tag: "EscalateOverdue", asOf: at(m) }).pipe(Effect.orDie)
          const due = m <= deadline ? 0 : Math.min(chain.length, Math.floor((m - deadline - 1) / every) + 1)
          if (open && m >= last && due > reached) [reached, last] = [due, Math.max(last, dueAt(due - 1))]
        }
        const view = (yield* service.demand(admin, "d"))!
        expect(view.escalatedTo).toEqual(chain.slice(0, reached))
        const escalations = view.events.filter((e) => e.kind === "escalate")
        expect(escalations.map((e) => e.gridCode)).toEqual(chain.slice(0, reached))
        expect(escalations.map((e) => e.at)).toEqual(escalations.map((_, k) => at(dueAt(k))))
        const responsible: Record<string, string> = { "001001001001": "w0", "001001": "w4", "002001001001": "w3" }
        expect(escalations.map((e) => e.assignee)).toEqual(escalations.map((e) => responsible[e.gridCode!.slice(tenant.length)] ?? null))
      })
    ))

  it.effect.prop("demand.escalation at the deadline minute: overdue, escalated and late exactly when strictly after the deadline, never both escalated and on time", [
    fc.integer({ min: -2, max: 2 })
  ], ([offset]) =>
    withScaffold((tenant, service) =>
      Effect.gen(function*() {
        const admin = Actor.system(tenant)
        yield* service.executeUnknown(admin, {
          _tag: "IntakeDemand", id: "d", gridCode: `${tenant}${DemandIntents.grids[0]}`, category: "safety", source: "hotline", description: "x", requestedAt: at(0)
        }).pipe(Effect.orDie)
        const asOf = at(24 * 60 + offset)
        const listed = (yield* service.overdue(admin, { asOf })).length === 1
        yield* service.executeUnknown(admin, { _tag: "EscalateOverdue", asOf }).pipe(Effect.orDie)
        const escalated = (yield* service.demand(admin, "d"))!.escalatedTo.length > 0
        yield* service.executeAllUnknown(admin, [
          { _tag: "StartDemand", demandId: "d", at: asOf },
          { _tag: "ResolveDemand", demandId: "d", at: asOf }
        ]).pipe(Effect.orDie)
        const stats = yield* service.stats(admin, { from: "2024-03-01", to: "2024-03-05" })
        const late = offset > 0
        expect([listed, escalated, stats.total.resolved, stats.total.onTime]).toEqual([late, late, 1, late ? 0 : 1])
      })
    ))

  it.effect.prop("demand.escalation: every escalation goes to a strict ancestor of the grid answering before it, whatever the reassignments between sweeps", [
    fc.constantFrom(0, 1, 2, 6),
    fc.array(fc.tuple(fc.integer({ min: 1, max: 3 * 24 * 60 }), fc.option(fc.constantFrom(...DemandIntents.workers), { nil: null })), { minLength: 1, maxLength: 6 })
  ], ([grid, steps]) =>
    withScaffold((tenant, service) =>
      Effect.gen(function*() {
        const admin = Actor.system(tenant)
        yield* service.executeUnknown(admin, {
          _tag: "IntakeDemand", id: "d", gridCode: `${tenant}${DemandIntents.grids[grid]}`, category: "safety", source: "hotline", description: "x", requestedAt: at(0)
        }).pipe(Effect.orDie)
        let m = 0
        for (const [gap, worker] of steps) {
          m += gap
          if (worker !== null) yield* Effect.either(service.executeUnknown(admin, { _tag: "AssignDemand", demandId: "d", workerId: worker, at: at(m) }))
          yield* service.executeUnknown(admin, { _tag: "EscalateOverdue", asOf: at(m) }).pipe(Effect.orDie)
        }
        const view = (yield* service.demand(admin, "d"))!
        for (const [i, e] of view.events.entries()) {
          if (e.kind !== "escalate") continue
          const before = Demand.replay(view, view.events.slice(0, i)).answering
          expect(Escalation.chain(scheme, before, 1)).toContain(e.gridCode)
        }
        const up = view.escalatedTo
        expect(new Set(up).size).toBe(up.length)
        // Open311 names the grid answering and its worker (the scaffold's are 网格员w…), never a worker left behind below.
        const agency = (yield* service.requests(admin))[0]!.agency_responsible
        expect(agency.split(" ")[1]).toBe(view.assignee === null ? undefined : `网格员${view.assignee}`)
        if (view.assignee !== null) {
          const served = DemandIntents.scaffold(tenant).flatMap((c) => {
            const a = c as { _tag: string; workerId?: string; gridCode?: string }
            return a._tag === "AssignWorker" && a.workerId === view.assignee ? [a.gridCode!] : []
          })
          expect(served.some((g) => g === view.answering)).toBe(true)
        }
      })
    ))

  it.effect("a point at −0 is written as 0, so that every store gives back the same", () =>
    withScaffold((tenant, service) =>
      Effect.gen(function*() {
        const admin = Actor.system(tenant)
        yield* service.executeUnknown(admin, {
          _tag: "IntakeDemand", id: "d", gridCode: `${tenant}${DemandIntents.grids[0]}`, category: "safety", source: "hotline", description: "x", lat: -0, long: -0, requestedAt: at(0)
        }).pipe(Effect.orDie)
        const view = (yield* service.demand(admin, "d"))!
        expect([Object.is(view.lat, 0), Object.is(view.long, 0)]).toEqual([true, true])
      })
    ))

  it.effect("demand.escalation: a grid of the chain split away before its escalation falls due is passed over for the next one up", () =>
    withScaffold((tenant, service) =>
      Effect.gen(function*() {
        const admin = Actor.system(tenant)
        const t = (s: string) => `${tenant}${s}`
        yield* service.executeUnknown(admin, {
          _tag: "IntakeDemand", id: "d", gridCode: t("001001001001001"), category: "safety", source: "hotline", description: "x", requestedAt: "2024-03-01T09:00"
        }).pipe(Effect.orDie)
        // The compound (小区) above block 1 is split on 2024-03-02, before the deadline passes.
        yield* (yield* Grids.Grids).executeUnknown(admin, {
          _tag: "SplitGrid", code: t("001001001001"), at: "2024-03-02", parts: [
            { code: t("001001001002"), name: "明珠小区东区", children: [t("001001001001001"), t("001001001001002")], places: ["s1"] },
            { code: t("001001001003"), name: "明珠小区西区" }
          ]
        }).pipe(Effect.orDie)
        yield* service.executeUnknown(admin, { _tag: "EscalateOverdue", asOf: "2024-03-03T09:00" }).pipe(Effect.orDie)
        const view = (yield* service.demand(admin, "d"))!
        expect(view.escalatedTo).toEqual([t("001001001")])
        expect((yield* service.overdue(admin, { asOf: "2024-03-07T09:00" }))[0]!.due).toEqual([t("001001"), t("001")])
      })
    ))

  it.effect.prop("demand.stats: received, resolved, on time, satisfaction and open equal their definitions on random demands", [
    DemandIntents.intents(25),
    fc.integer({ min: 0, max: 60 }),
    fc.integer({ min: 1, max: 120 })
  ], ([ops, fromDay, length]) =>
    withScaffold((tenant) =>
      Effect.gen(function*() {
        yield* DemandIntents.run(tenant, ops, { checkRefusals: false, scaffold: false })
        const service = yield* Demands.Demands
        const day = (n: number) => LocalMinute.dayOf(at(n * 24 * 60))
        const [from, to] = [day(fromDay), day(fromDay + length)]
        const stats = yield* service.stats(Actor.system(tenant), { from, to })
        const history = yield* DemandIntents.history(tenant)
        const [f, t] = [`${from}T00:00`, `${to}T00:00`]
        // The definitions, event by event.
        let received = 0, resolved = 0, onTime = 0, open = 0
        const satisfaction = { satisfied: 0, basically: 0, unsatisfied: 0 }
        for (const d of history.demands.filter((x) => x.requestedAt < t)) {
          if (d.requestedAt >= f) received++
          const events = history.events.filter((e) => e.demandId === d.id && e.at < t)
          const last = events.at(-1)!.kind
          const lastResolve = events.filter((e) => e.kind === "resolve").at(-1)
          const standsResolved = last === "resolve" || last === "close"
          if (["receive", "assign", "escalate", "start", "reopen"].includes(last)) open++
          if (standsResolved && lastResolve !== undefined && lastResolve.at >= f) {
            resolved++
            if (lastResolve.at <= d.deadlineAt) onTime++
          }
          for (const e of events) if (e.kind === "close" && e.at >= f) satisfaction[e.satisfaction!]++
        }
        const closed = satisfaction.satisfied + satisfaction.basically + satisfaction.unsatisfied
        expect(stats.total).toMatchObject({ received, resolved, onTime, open, closed, satisfaction })
        expect(stats.total.onTimeRate).toBe(resolved === 0 ? null : onTime / resolved)
        expect(stats.total.satisfactionRate).toBe(closed === 0 ? null : (satisfaction.satisfied + satisfaction.basically) / closed)
        // A parent is the sum of its children (every demand lies in one street).
        expect(stats.children.map((c) => c.gridCode)).toEqual([`${tenant}001`, `${tenant}002`])
        expect(stats.children.reduce((s, c) => s + c.received, 0)).toBe(received)
        expect(stats.children.reduce((s, c) => s + c.resolved, 0)).toBe(resolved)
        expect(DemandStats.measure([], minute(f), minute(t)).onTimeRate).toBeNull()
      })
    ), { fastCheck: { numRuns: 30 } })

  it.effect.prop("demand.stats: a parent is the sum of its children and its own demands, with a child split or closed during the period", [
    fc.array(fc.record({ day: fc.integer({ min: 0, max: 60 }), where: fc.constantFrom(0, 1, 2), resolveAfter: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }) }), { minLength: 1, maxLength: 8 }),
    fc.integer({ min: 5, max: 40 }),
    fc.boolean(),
    fc.integer({ min: 0, max: 50 }),
    fc.integer({ min: 1, max: 40 })
  ], ([demands, splitDay, close, fromDay, length]) =>
    withScaffold((tenant, service) =>
      Effect.gen(function*() {
        const admin = Actor.system(tenant)
        const t = (s: string) => `${tenant}${s}`
        const day = (n: number) => LocalMinute.dayOf(at(n * 24 * 60))
        // Block 2 (h3 in it) is split into blocks 3 and 4 on the split day, or closed (h3 moved to block 1 first).
        const grids = yield* Grids.Grids
        yield* grids.executeAllUnknown(admin, close
          ? [
            { _tag: "PlacePlace", id: "h3", kind: "household", name: "住户h3", address: "某路1号", gridCode: t("001001001001001"), at: day(splitDay) },
            { _tag: "CloseGrid", code: t("001001001001002"), at: day(splitDay) }
          ]
          : [{ _tag: "SplitGrid", code: t("001001001001002"), at: day(splitDay), parts: [
            { code: t("001001001001003"), name: "1号楼3单元", places: ["h3"] },
            { code: t("001001001001004"), name: "1号楼4单元" }
          ] }]).pipe(Effect.orDie)
        // Each demand on block 1, on block 2 (block 3 from the split on; block 1 once closed), or on the compound itself.
        const commands = demands.flatMap((d, i) => {
          const unit = d.where === 0 ? "001001001001001" : d.where === 2 ? "001001001001" : d.day < splitDay ? "001001001001002" : close ? "001001001001001" : "001001001001003"
          const when = at(d.day * 24 * 60 + i)
          return [
            { _tag: "IntakeDemand", id: `d${i}`, gridCode: t(unit), category: "property", source: "hotline", description: "x", requestedAt: when },
            ...(d.resolveAfter === null ? [] : [
              { _tag: "StartDemand", demandId: `d${i}`, at: when },
              { _tag: "ResolveDemand", demandId: `d${i}`, at: at((d.day + d.resolveAfter) * 24 * 60 + i) }
            ])
          ]
        })
        for (const c of commands) yield* service.executeUnknown(admin, c).pipe(Effect.orDie)
        const stats = yield* service.stats(admin, { root: t("001001001001"), from: day(fromDay), to: day(fromDay + length) })
        for (const key of ["received", "resolved", "onTime", "closed", "open"] as const) {
          expect(stats.children.reduce((n, c) => n + c[key], stats.own[key]), key).toBe(stats.total[key])
        }
        // The children: every block valid on a day of the period, and a block closed before it only where a demand of it still counts.
        const valid = (from: number, to: number | null) => from < fromDay + length && (to === null || to > fromDay)
        const expected = [
          ["001001001001001", valid(-100, null)],
          ["001001001001002", valid(-100, splitDay)],
          ["001001001001003", !close && valid(splitDay, null)],
          ["001001001001004", !close && valid(splitDay, null)]
        ].filter(([, v]) => v).map(([c]) => t(c as string))
        const shown = stats.children.map((c) => c.gridCode)
        expect(expected.every((c) => shown.includes(c))).toBe(true)
        for (const c of stats.children.filter((c) => !expected.includes(c.gridCode))) expect(c.received + c.resolved + c.closed + c.open).toBeGreaterThan(0)
      })
    ), { fastCheck: { numRuns: 20 } })

  it.effect("reads refuse a period that ends before it begins or spans over ten years, and answer at the calendar's first day, with typed errors naming the field", () =>
    withScaffold((tenant, service) =>
      Effect.gen(function*() {
        const admin = Actor.system(tenant)
        const refusal = (e: Effect.Effect<unknown, { readonly _tag: string }>) =>
          Effect.map(Effect.either(e), (r) => (Either.isLeft(r) ? `${r.left._tag}:${(r.left as { rule?: string }).rule}@${(r.left as { field?: string }).field}` : "ok"))
        expect(yield* refusal(service.stats(admin, { from: "0001-01-01", to: "0001-01-01" }))).toBe("ValidationError:period.order@options.to")
        expect(yield* refusal(service.stats(admin, { from: "2024-03-05", to: "2024-03-01" }))).toBe("ValidationError:period.order@options.to")
        expect(yield* refusal(service.stats(admin, { from: "2000-01-01", to: "2024-03-01" }))).toBe("ValidationError:period.length@options.to")
        expect(yield* refusal(service.stats(admin, { from: "0001-01-01", to: "0001-01-02" }))).toBe("ok")
        expect(yield* refusal(service.demands(admin, { from: "2024-03-05", to: "2024-03-01" }))).toBe("ValidationError:period.order@options.to")
        expect(yield* refusal(service.requests(admin, { from: "2024-03-05", to: "2024-03-01" }))).toBe("ValidationError:period.order@options.to")
        expect(yield* refusal(service.coverage(admin, { asOf: "0001-01-01", days: 1 }))).toBe("ok")
        expect(yield* refusal(service.coverage(admin, { asOf: "2024-03-01", days: 0 }))).toMatch(/^ValidationError:.*@options\.days$/)
      })
    ))

  it.effect.prop("visits: the subtree's visits of the period (of one worker if named), with what they updated and the demands they collected, scrubbed unless pii:read", [
    fc.array(fc.record({ place: fc.constantFrom(0, 1, 2, 4), day: fc.integer({ min: 0, max: 30 }), collect: fc.boolean() }), { maxLength: 8 }),
    fc.integer({ min: 0, max: 30 }),
    fc.integer({ min: 1, max: 30 }),
    fc.option(fc.constantFrom("w1", "w2", "w3"), { nil: undefined }),
    fc.constantFrom("", "001", "002")
  ], ([visits, fromDay, length, workerId, root]) =>
    withScaffold((tenant, service) =>
      Effect.gen(function*() {
        const workerOf = ["w1", "w1", "w2", "", "w3"]
        const gridOf = ["001001001001001", "001001001001001", "001001001001002", "", "002001001001001"]
        const written = visits.map((v, i) => ({
          _tag: "RecordVisit", id: `v${i}`, workerId: workerOf[v.place]!, gridCode: `${tenant}${gridOf[v.place]}`, target: "household",
          placeId: DemandIntents.places[v.place], at: at(v.day * 24 * 60 + i), updated: ["联系方式：13912345678"],
          demands: v.collect ? [{ id: `d${i}`, category: "property", description: "x" }] : []
        }))
        yield* service.executeAllUnknown(Actor.system(tenant), written).pipe(Effect.orDie)
        const day = (n: number) => LocalMinute.dayOf(at(n * 24 * 60))
        const [from, to] = [day(fromDay), day(fromDay + length)]
        const viewer = Actor.make({ id: "查看", tenant, roles: ["viewer"], scope: tenant })
        const got = yield* service.visits(viewer, { root: `${tenant}${root}`, from, to, ...(workerId === undefined ? {} : { workerId }) })
        const expected = written.filter((v) =>
          v.gridCode.startsWith(`${tenant}${root}`) && LocalMinute.dayOf(v.at) >= from && LocalMinute.dayOf(v.at) < to && (workerId === undefined || v.workerId === workerId)
        ).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1))
        expect(got.map((v) => [v.id, v.workerId, v.at, v.demands, v.updated])).toEqual(
          expected.map((v) => [v.id, v.workerId, v.at, v.demands.map((d) => d.id), ["联系方式：139****5678"]])
        )
        const full = yield* service.visits(Actor.system(tenant), { root: `${tenant}${root}`, from, to })
        for (const v of full) expect(v.updated).toEqual(["联系方式：13912345678"])
      })
    ), { fastCheck: { numRuns: 20 } })

  it.effect.prop("visit.coverage through the service: a household is not visited exactly when no visit to it fell in the N days ending on the day", [
    fc.array(fc.record({ place: fc.constantFrom(0, 1, 2, 4), day: fc.integer({ min: 0, max: 90 }) }), { maxLength: 10 }),
    fc.integer({ min: 1, max: 60 }),
    fc.integer({ min: 0, max: 100 })
  ], ([visits, days, asOfDay]) =>
    withScaffold((tenant, service) =>
      Effect.gen(function*() {
        const workerOf = ["w1", "w1", "w2", "", "w3"]
        const gridOf = ["001001001001001", "001001001001001", "001001001001002", "", "002001001001001"]
        yield* service.executeAllUnknown(Actor.system(tenant), visits.map((v, i) => ({
          _tag: "RecordVisit", id: `v${i}`, workerId: workerOf[v.place], gridCode: `${tenant}${gridOf[v.place]}`, target: "household",
          placeId: DemandIntents.places[v.place], at: at(v.day * 24 * 60 + i)
        }))).pipe(Effect.orDie)
        const asOf = LocalMinute.dayOf(at(asOfDay * 24 * 60))
        const coverage = yield* service.coverage(Actor.system(tenant), { asOf, days })
        const since = LocalMinute.dayOf(at((asOfDay - days) * 24 * 60))
        const seen = new Set<string>(visits.filter((v) => LocalMinute.dayOf(at(v.day * 24 * 60)) > since && v.day <= asOfDay).map((v) => DemandIntents.places[v.place]!))
        const households: Record<string, ReadonlyArray<string>> = {
          [`${tenant}001001001001001`]: ["h1", "h2"],
          [`${tenant}001001001001002`]: ["h3"],
          [`${tenant}002001001001001`]: ["h4"]
        }
        expect(coverage.map((g) => [g.gridCode, g.households, g.notVisited])).toEqual(
          Object.entries(households).map(([g, hs]) => [g, hs.length, hs.filter((h) => !seen.has(h))])
        )
      })
    ))
})
