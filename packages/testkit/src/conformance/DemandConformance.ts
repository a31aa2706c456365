/**
 * The demand domain's service-level conformance suite every Store adapter runs:
 *
 * - random command sequences through `Demands.execute`: every refusal leaves every table
 *   and the audit log as they were, every success writes exactly one audit entry, a
 *   demand's events are numbered 1, 2, 3 …, begin with its intake, keep their minutes in
 *   order and pass only through the legal transitions (a closing with its return
 *   visit), each escalation goes one level up its chain once and not before the
 *   deadline, and the audit log keeps no address, point or description;
 * - the results command by command, the tables and every read's answers equal the
 *   memory store's after the same commands (the differential property);
 * - a batch gives what the same commands give one by one: the history, or the first
 *   refusal naming its row and nothing written;
 * - scope: an actor of street 002 may not touch street 001's demands and reads none of
 *   them; routing and escalation stop at the scope; bad input is a typed error naming
 *   the field, and writes nothing;
 * - a keyed write retried (a visit, a sweep) writes once and returns the first result.
 *
 * Its tenants are its own (`Tenants.nth` from 270,000 to 277,000).
 *
 * @since 0.5.0
 */
import { describe, expect, it } from "@effect/vitest"
import { Actor, Demand, DemandConfig, Demands, DemandState, Escalation, GridConfig, MemoryStore, type Store } from "@jiceng/core"
import { Effect, Either, FastCheck as fc, type Layer, TestClock } from "effect"
import * as DemandIntents from "../arbitraries/DemandIntents.js"
import { parityProperties } from "./parity.js"
import { freshTenant, over, sharedStore } from "./demandSupport.js"
import { propertyRuns, type SuiteOptions } from "./support.js"

export {
  /**
   * The Demands and Grids services over a store, with the default configurations.
   *
   * @since 0.5.0
   * @category layers
   */
  demandsOver,
  /**
   * The services the demand suites run.
   *
   * @since 0.5.0
   * @category models
   */
  type Services
} from "./demandSupport.js"

/** Every command kind the service has. */
const kinds = [
  "RecordVisit",
  "IntakeDemand",
  "AssignDemand",
  "StartDemand",
  "ResolveDemand",
  "ReopenDemand",
  "CloseDemand",
  "RejectDemand",
  "MarkDuplicate",
  "EscalateOverdue"
]

const { scheme } = GridConfig.defaults

/**
 * The facts every history must show, whatever the commands.
 *
 * @since 0.5.0
 * @category invariants
 */
export const breaches = (h: DemandIntents.History): ReadonlyArray<string> => {
  const out: Array<string> = []
  for (const demand of h.demands) {
    const events = h.events.filter((e) => e.demandId === demand.id)
    if (events.some((e, i) => e.seq !== i + 1)) out.push(`${demand.id}: events not numbered 1, 2, 3 …`)
    if (events[0]?.kind !== "receive") out.push(`${demand.id}: does not begin with its intake`)
    if (events.some((e, i) => i > 0 && e.at < events[i - 1]!.at)) out.push(`${demand.id}: events out of time order`)
    let state: Demand.Status["state"] = "received"
    for (const e of events.slice(1)) {
      if (e.kind === "receive") out.push(`${demand.id}#${e.seq}: a second intake`)
      else if (e.kind === "escalate") {
        if (!DemandState.open.has(state)) out.push(`${demand.id}#${e.seq}: escalated while ${state}`)
        if (e.at <= demand.deadlineAt) out.push(`${demand.id}#${e.seq}: escalated at or before its deadline`)
        if (e.assignee !== null && state === "received") state = "assigned"
      } else {
        const next = DemandState.next(state, e.kind, e.satisfaction)
        if (Either.isLeft(next)) out.push(`${demand.id}#${e.seq}: ${state} cannot ${e.kind}`)
        else state = next.right
      }
    }
    // Each escalation goes to a strict ancestor of the grid answering before it, within the top level, once per level.
    for (const [i, e] of events.entries()) {
      if (e.kind !== "escalate") continue
      const before = Demand.replay(demand, events.slice(0, i)).answering
      if (!Escalation.chain(scheme, before, DemandConfig.defaults.topLevel).includes(e.gridCode ?? "")) {
        out.push(`${demand.id}#${e.seq}: escalated to ${e.gridCode}, not above ${before}`)
      }
    }
    const up = events.filter((e) => e.kind === "escalate").map((e) => e.gridCode)
    if (new Set(up).size !== up.length) out.push(`${demand.id}: escalated twice to one level (${up.join(", ")})`)
  }
  for (const entry of h.audit.filter((e) => kinds.includes(e.action))) {
    if (/"(address|description|lat|long|note|reason|updated)":/.test(entry.detail)) out.push(`audit ${entry.seq} keeps personal data: ${entry.detail}`)
  }
  return out
}

/**
 * Registers the suites for one store.
 *
 * @since 0.5.0
 * @category suites
 */
export const demandConformance = <E>(name: string, store: Layer.Layer<Store.Store, E>, options: SuiteOptions = {}): void => {
  const { numRuns, propOptions } = propertyRuns(options, 15)
  const intents = DemandIntents.intents(options.maxIntents ?? 30)
  describe(`${name}: demand conformance`, () => {
    const provide = sharedStore(store)

    it.effect.prop(
      "random commands: refusals write nothing, one audit entry per success, legal states, escalation once per level, no personal data in the audit log",
      [intents],
      ([ops]) =>
        provide(Effect.gen(function*() {
          const tenant = freshTenant()
          const outcomes = yield* DemandIntents.run(tenant, ops)
          const history = yield* DemandIntents.history(tenant)
          expect(breaches(history)).toEqual([])
          const ok = outcomes.filter((o) => o.result === "ok")
          const mine = history.audit.filter((e) => kinds.includes(e.action))
          expect(mine.map((e) => e.action)).toEqual(ok.map((o) => (o.command as { readonly _tag: string })._tag))
        })),
      propOptions
    )

    // Of the intents, not the store: on a memory store, so that it costs every store little.
    it.effect("the random commands are accepted often enough, of every kind, and refused by many rules", () =>
      over(MemoryStore.layer)(Effect.gen(function*() {
        yield* TestClock.setTime(DemandIntents.todayMs)
        const samples = fc.sample(intents, { numRuns: 40, seed: 11 })
        const accepted = new Map<string, number>()
        const refused = new Set<string>()
        let escalated = 0
        let closed = 0
        for (const ops of samples) {
          const tenant = freshTenant()
          for (const o of yield* DemandIntents.run(tenant, ops, { checkRefusals: false })) {
            const tag = (o.command as { readonly _tag: string })._tag
            if (o.result === "ok") accepted.set(tag, (accepted.get(tag) ?? 0) + 1)
            else refused.add(o.result)
          }
          const history = yield* DemandIntents.history(tenant)
          escalated += history.events.filter((e) => e.kind === "escalate").length
          closed += history.events.filter((e) => e.kind === "close").length
        }
        expect(kinds.filter((k) => (accepted.get(k) ?? 0) === 0)).toEqual([])
        expect(escalated, "escalations").toBeGreaterThan(10)
        expect(closed, "return visits").toBeGreaterThan(10)
        expect(refused.size, [...refused].sort().join("\n")).toBeGreaterThanOrEqual(12)
      })), { timeout: 120_000 })

    parityProperties({
      intents,
      provide,
      freshTenant,
      run: (tenant, ops) => DemandIntents.run(tenant, ops, { checkRefusals: false }),
      answers: DemandIntents.answers,
      reference: over(MemoryStore.layer),
      history: DemandIntents.history,
      writeScaffold: DemandIntents.writeScaffold,
      executeAll: Effect.map(Demands.Demands, (service) => service.executeAllUnknown),
      differential: options.differential !== false,
      propOptions,
      batchRuns: Math.max(5, Math.ceil(numRuns / 2))
    })

    it.effect("scope: street 002's worker may not touch street 001's demands and reads none of them; routing and escalation stop at the scope", () =>
      provide(Effect.gen(function*() {
        const tenant = freshTenant()
        const service = yield* Demands.Demands
        yield* DemandIntents.writeScaffold(tenant)
        const admin = Actor.system(tenant)
        const t = (s: string) => `${tenant}${s}`
        yield* service.executeAllUnknown(admin, [
          { _tag: "IntakeDemand", id: "a", gridCode: t("001001001001002"), category: "safety", source: "hotline", description: "燃气味", requestedAt: "2024-03-01T09:00" },
          { _tag: "IntakeDemand", id: "b", gridCode: t("002001001001001"), category: "safety", source: "resident", description: "电动车楼道充电", requestedAt: "2024-03-01T09:00" }
        ]).pipe(Effect.orDie)
        const hedong = Actor.make({ id: "河东", tenant, roles: ["worker"], scope: t("002") })
        const before = yield* DemandIntents.history(tenant)
        // Naming a grid outside the scope is Forbidden; a demand outside it counts as none, answered as an unknown id is.
        const attempts: ReadonlyArray<readonly [unknown, string]> = [
          [{ _tag: "IntakeDemand", id: "x", gridCode: t("001001001001001"), category: "safety", source: "hotline", description: "x", requestedAt: "2024-03-02T09:00" }, "Forbidden"],
          [{ _tag: "StartDemand", demandId: "a", at: "2024-03-02T09:00" }, "demand.exists@demandId"],
          [{ _tag: "StartDemand", demandId: "nosuch", at: "2024-03-02T09:00" }, "demand.exists@demandId"],
          [{ _tag: "RejectDemand", demandId: "a", at: "2024-03-02T09:00", reason: "不属于本网格" }, "demand.exists@demandId"],
          [{ _tag: "RecordVisit", id: "v", workerId: "w3", gridCode: t("002001001001001"), target: "household", at: "2024-03-02T09:00", demands: [{ id: "y", gridCode: t("001001"), category: "safety", description: "x" }] }, "Forbidden"]
        ]
        for (const [command, expected] of attempts) {
          const result = yield* Effect.either(service.executeUnknown(hedong, command))
          const e = (Either.isLeft(result) ? result.left : {}) as { readonly _tag?: string; readonly rule?: string; readonly field?: string; readonly message?: string }
          expect(e._tag === "RuleViolation" ? `${e.rule}@${e.field}` : e._tag, JSON.stringify(command)).toBe(expected)
          if (e._tag === "RuleViolation") expect(e.message).toBe(`demand ${(command as { demandId: string }).demandId} does not exist`)
        }
        // A duplicate of street 001's demand: as if it did not exist.
        const dup = yield* Effect.either(service.executeUnknown(hedong, { _tag: "MarkDuplicate", demandId: "b", of: "a", at: "2024-03-02T09:00" }))
        expect(Either.isLeft(dup) && (dup.left as { readonly rule?: string }).rule).toBe("demand.duplicate-of")
        expect(yield* DemandIntents.history(tenant)).toEqual(before)
        // Reads: street 002 sees b only.
        const viewer = Actor.make({ id: "河东查看", tenant, roles: ["viewer"], scope: t("002") })
        expect((yield* service.demands(viewer)).map((d) => d.id)).toEqual(["b"])
        expect(yield* service.demand(viewer, "a")).toBeNull()
        expect((yield* service.requests(viewer)).map((r) => r.service_request_id)).toEqual(["b"])
        const outside = yield* Effect.either(service.demands(viewer, { root: t("001") }))
        expect(Either.isLeft(outside) && outside.left._tag).toBe("Forbidden")
        // Routing: a goes to the compound's w0 (its block has no responsible worker), b to block C's w3.
        const whole = Actor.make({ id: "区查看", tenant, roles: ["viewer"], scope: tenant })
        expect((yield* service.demands(whole)).map((d) => [d.id, d.state, d.assignee, d.answering])).toEqual([
          ["a", "assigned", "w0", t("001001001001")],
          ["b", "assigned", "w3", t("002001001001001")]
        ])
        // The sweep of street 002's worker escalates b within street 002 only, however often it runs.
        for (const asOf of ["2024-03-10T00:00", "2024-03-10T00:00", "2024-03-20T00:00"]) {
          yield* service.executeUnknown(hedong, { _tag: "EscalateOverdue", asOf }).pipe(Effect.orDie)
        }
        const [a, b] = yield* service.demands(whole)
        expect(a!.escalatedTo).toEqual([])
        expect(b!.escalatedTo).toEqual([t("002001001001"), t("002001001"), t("002001"), t("002")])
        // The district's sweep then takes a all the way up from the compound answering for it (片区, 社区, 街道), and b no further.
        yield* service.executeUnknown(admin, { _tag: "EscalateOverdue", asOf: "2024-03-20T00:00" }).pipe(Effect.orDie)
        const after = yield* service.demands(whole)
        expect(after.map((d) => d.escalatedTo)).toEqual([[t("001001001"), t("001001"), t("001")], b!.escalatedTo])
      })))

    it.effect("a keyed visit or sweep retried writes once and returns the first result; the key with other content is a conflict and writes nothing", () =>
      provide(Effect.gen(function*() {
        const tenant = freshTenant()
        yield* DemandIntents.writeScaffold(tenant)
        const service = yield* Demands.Demands
        const admin = Actor.system(tenant)
        const visit = {
          _tag: "RecordVisit", id: "v", workerId: "w1", gridCode: `${tenant}001001001001001`, target: "household", placeId: "h1", at: "2024-03-01T09:00",
          demands: [{ id: "d", category: "safety", description: "楼道堆物" }]
        }
        const first = yield* service.executeKeyed(admin, "k-visit", visit as never)
        expect(yield* service.executeKeyed(admin, "k-visit", visit as never)).toEqual(first)
        const sweep = { _tag: "EscalateOverdue", asOf: "2024-03-10T08:00" } as const
        const swept = yield* service.executeAllKeyed(admin, "k-sweep", [sweep])
        expect(swept[0]!.events.length).toBeGreaterThan(0)
        expect(yield* service.executeAllKeyed(admin, "k-sweep", [sweep])).toEqual(swept)
        const before = yield* DemandIntents.history(tenant)
        const conflict = yield* Effect.either(service.executeKeyed(admin, "k-visit", { ...visit, id: "v2", demands: [] } as never))
        expect(Either.isLeft(conflict) && conflict.left._tag).toBe("IdempotencyConflict")
        const history = yield* DemandIntents.history(tenant)
        expect(history).toEqual(before)
        expect([history.visits.length, history.demands.length, history.audit.filter((e) => e.action === "EscalateOverdue").length]).toEqual([1, 1, 1])
      })))

    it.effect("bad input is a typed error naming the field or the rule, and writes nothing; personal data is masked unless pii:read, and an unmasked read is audited", () =>
      provide(Effect.gen(function*() {
        const tenant = freshTenant()
        yield* DemandIntents.writeScaffold(tenant)
        const service = yield* Demands.Demands
        const admin = Actor.system(tenant)
        const t = (s: string) => `${tenant}${s}`
        yield* service.executeAllUnknown(admin, [
          { _tag: "IntakeDemand", id: "a", gridCode: t("001001001001001"), category: "property", source: "resident", description: "电梯故障，请联系13912345678", address: "衡水市桃城区人民路88号", lat: 37.7312345, long: 115.6854321, requestedAt: "2024-03-01T09:00" },
          { _tag: "StartDemand", demandId: "a", at: "2024-03-02T09:00" },
          { _tag: "ResolveDemand", demandId: "a", at: "2024-03-03T09:00" }
        ]).pipe(Effect.orDie)
        const before = yield* DemandIntents.history(tenant)
        const cases: ReadonlyArray<readonly [unknown, string]> = [
          [{ _tag: "IntakeDemand", id: "b", gridCode: t("001001009"), category: "safety", source: "hotline", description: "x", requestedAt: "2024-03-01T09:00" }, "RuleViolation:demand.grid@gridCode"],
          [{ _tag: "IntakeDemand", id: "b", gridCode: t("001001"), category: "noise", source: "hotline", description: "x", requestedAt: "2024-03-01T09:00" }, "RuleViolation:demand.category@category"],
          [{ _tag: "IntakeDemand", id: "b", gridCode: t("001001"), category: "safety", source: "visit", description: "x", requestedAt: "2024-03-01T09:00" }, "ValidationError@source"],
          [{ _tag: "IntakeDemand", id: "b", gridCode: t("001001"), category: "safety", source: "hotline", description: "x", lat: 95, requestedAt: "2024-03-01T09:00" }, "ValidationError@lat"],
          [{ _tag: "IntakeDemand", id: "b", gridCode: t("001001"), category: "safety", source: "hotline", description: "x", requestedAt: "2024-03-01 09:00" }, "ValidationError@requestedAt"],
          [{ _tag: "IntakeDemand", id: "b", gridCode: t("001001"), category: "safety", source: "hotline", description: "x", requestedAt: "2027-03-01T09:00" }, "RuleViolation:demand.not-future@requestedAt"],
          [{ _tag: "CloseDemand", demandId: "a", at: "2024-03-04T09:00" }, "RuleViolation:demand.return-visit@satisfaction"],
          [{ _tag: "CloseDemand", demandId: "a", at: "2024-03-04T09:00", satisfaction: "happy" }, "ValidationError@satisfaction"],
          [{ _tag: "StartDemand", demandId: "a", at: "2024-03-04T09:00" }, "RuleViolation:demand.transition@_tag"],
          [{ _tag: "ReopenDemand", demandId: "a", at: "2024-03-02T09:00", reason: "x" }, "RuleViolation:demand.chronology@at"],
          [{ _tag: "StartDemand", demandId: "zz", at: "2024-03-04T09:00" }, "RuleViolation:demand.exists@demandId"],
          [{ _tag: "MarkDuplicate", demandId: "a", of: "a", at: "2024-03-04T09:00" }, "RuleViolation:demand.transition@_tag"],
          [{ _tag: "AssignDemand", demandId: "a", workerId: "w3", at: "2024-03-04T09:00" }, "RuleViolation:demand.assignee@workerId"],
          [{ _tag: "RecordVisit", id: "v", workerId: "w3", gridCode: t("001001001001001"), target: "household", at: "2024-03-02T09:00" }, "RuleViolation:demand.visit-worker@workerId"],
          [{ _tag: "RecordVisit", id: "v", workerId: "w1", gridCode: t("001001001001001"), target: "merchant", placeId: "h1", at: "2024-03-02T09:00" }, "RuleViolation:demand.visit-place@placeId"],
          [{ _tag: "RecordVisit", id: "v", workerId: "w1", gridCode: t("001001001001001"), target: "household", placeId: "h1", at: "2024-03-02T09:00", demands: [{ id: "a", category: "safety", description: "x" }] }, "RuleViolation:demand.id-new@demands.0.id"],
          [{ _tag: "EscalateOverdue", asOf: "2027-01-01T00:00" }, "RuleViolation:demand.not-future@asOf"],
          [{ _tag: "NoSuchCommand" }, "ValidationError@_tag"]
        ]
        for (const [command, expected] of cases) {
          const result = yield* Effect.either(service.executeUnknown(admin, command))
          const e = (Either.isLeft(result) ? result.left : {}) as { readonly _tag?: string; readonly rule?: string; readonly field?: string }
          const got = e._tag === "ValidationError" ? `${e._tag}@${e.field}` : `${e._tag}:${e.rule}@${e.field}`
          expect(got, JSON.stringify(command)).toBe(expected)
        }
        expect(yield* DemandIntents.history(tenant)).toEqual(before)
        const viewer = Actor.make({ id: "查看", tenant, roles: ["viewer"], scope: tenant })
        const masked = (yield* service.demand(viewer, "a"))!
        expect([masked.description, masked.address, masked.lat, masked.long]).toEqual(["电梯故障，请联系139****5678", "衡水市桃城区******", 37.73, 115.69])
        expect(yield* DemandIntents.history(tenant)).toEqual(before)
        const full = (yield* service.demand(admin, "a"))!
        expect([full.description, full.address, full.lat, full.long]).toEqual(["电梯故障，请联系13912345678", "衡水市桃城区人民路88号", 37.7312345, 115.6854321])
        const audit = (yield* DemandIntents.history(tenant)).audit
        expect(audit.length).toBe(before.audit.length + 1)
        expect([audit.at(-1)!.action, audit.at(-1)!.target]).toEqual(["ReadDemandPii", "a"])
        expect(audit.at(-1)!.detail).not.toMatch(/人民路|37\.73|13912345678/)
      })))
  })
}
