/**
 * The outreach domain's service-level conformance suite every Store adapter runs:
 *
 * - random command sequences through `Outreach.execute`: every refusal leaves every
 *   table and the audit log as they were, every success writes exactly one audit entry,
 *   the histories hang together (a contact, a problem, a use within its link's or
 *   station's days, matters only along their states, group members once) and the audit
 *   log keeps no station address;
 * - the results command by command (the changes, or the refusal's rule and field), the
 *   tables and every read's answers equal the memory store's after the same commands
 *   (the differential property);
 * - a batch gives what the same commands give one by one: the history, or the first
 *   refusal naming its row and nothing written;
 * - scope: an actor of street 002 may not touch street 001's links, matters, stations or
 *   groups, and reads nothing of them; addresses are masked without `pii:read`; bad
 *   input is a `ValidationError` naming the field, and writes nothing.
 *
 * Its tenants are its own (`Tenants.nth` from 280,000 to 284,000).
 *
 * @since 0.5.0
 */
import { describe, expect, it } from "@effect/vitest"
import {
  Actor,
  AuditLog,
  IsoDate,
  type Liaison,
  MemoryStore,
  type NewEmployment,
  Outreach,
  OutreachConfig,
  type PracticalMatter,
  type Station,
  type Store
} from "@jiceng/core"
import { Effect, Either, FastCheck as fc, type Layer, TestClock } from "effect"
import * as OutreachIntents from "../arbitraries/OutreachIntents.js"
import { parityProperties } from "./parity.js"
import { freshTenant, over, sharedStore } from "./outreachSupport.js"
import { propertyRuns, type SuiteOptions } from "./support.js"

export {
  /**
   * The Outreach, Organisations and Grids services over a store, with the default
   * configurations.
   *
   * @since 0.5.0
   * @category layers
   */
  outreachOver
} from "./outreachSupport.js"

/** Every command kind the service has. */
const kinds = [
  "LinkLeader",
  "EndLink",
  "RecordContact",
  "RaiseProblem",
  "ResolveProblem",
  "OpenBatch",
  "AddMatter",
  "AdvanceMatter",
  "OpenStation",
  "EquipStation",
  "CloseStation",
  "RecordUse",
  "RegisterGroup",
  "CountWorkers",
  "JoinGroup"
]

interface Tables {
  readonly links: ReadonlyArray<Liaison.Link>
  readonly contacts: ReadonlyArray<Liaison.Contact>
  readonly problems: ReadonlyArray<Liaison.Problem>
  readonly batches: ReadonlyArray<PracticalMatter.Batch>
  readonly matters: ReadonlyArray<PracticalMatter.Matter>
  readonly stations: ReadonlyArray<Station.Station>
  readonly uses: ReadonlyArray<Station.Use>
  readonly groups: ReadonlyArray<NewEmployment.Group>
  readonly members: ReadonlyArray<NewEmployment.GroupMember>
  readonly audit: ReadonlyArray<{ readonly seq: number; readonly action: string; readonly detail: string }>
}

/** The facts every history must show, whatever the commands. */
const breaches = (h: Tables): ReadonlyArray<string> => {
  const out: Array<string> = []
  const links = new Map(h.links.map((l) => [l.id as string, l]))
  for (const c of h.contacts) {
    const l = links.get(c.linkId)
    if (l === undefined || !IsoDate.within(c.on, l.validFrom, l.validTo)) out.push(`contact ${c.id} outside its link's days`)
    else if (l.leaderId !== c.leaderId || l.targetId !== c.targetId) out.push(`contact ${c.id} names another leader or target than its link`)
  }
  for (const p of h.problems) {
    const l = links.get(p.linkId)
    if (l === undefined || !IsoDate.within(p.raisedOn, l.validFrom, l.validTo)) out.push(`problem ${p.id} outside its link's days`)
    if (p.resolvedOn !== null && p.resolvedOn < p.raisedOn) out.push(`problem ${p.id} resolved before it was raised`)
  }
  for (const m of h.matters) {
    const days = [m.plannedOn, m.startedOn, m.completedOn ?? m.droppedOn].filter((d) => d !== null)
    if (days.some((d, i) => i > 0 && d! < days[i - 1]!)) out.push(`matter ${m.id} moved back in time`)
    if (m.state === "done" && m.startedOn === null) out.push(`matter ${m.id} done without starting`)
    if (m.state === "dropped" && m.reason === null) out.push(`matter ${m.id} dropped without a reason`)
  }
  const stations = new Map(h.stations.map((s) => [s.id as string, s]))
  for (const u of h.uses) {
    const s = stations.get(u.stationId)
    if (s === undefined || !IsoDate.within(u.on, s.openedOn, s.closedOn)) out.push(`use ${u.id} on a day its station was not open`)
    if (u.memberId !== null && u.count !== 1) out.push(`use ${u.id}: a member's study counted ${u.count}`)
  }
  for (const entry of h.audit.filter((e) => kinds.includes(e.action))) {
    if (/"address":/.test(entry.detail)) out.push(`audit ${entry.seq} keeps an address: ${entry.detail}`)
  }
  return out
}

/**
 * The reads of the whole tenant on a day and over a period, against their definitions
 * stated on the tables: what differs, by read.
 */
const readsAgainstTables = (tenant: string, h: Tables) =>
  Effect.gen(function*() {
    const service = yield* Outreach.Outreach
    const viewer = Actor.make({ id: "viewer", tenant, roles: ["viewer"], scope: tenant })
    const at = "2024-12-31"
    const [from, to] = ["2023-01-01", "2025-07-01"]
    const on = (d: string | null) => d !== null && d <= at
    const inPeriod = (d: string | null) => d !== null && d >= from && d < to
    const out: Array<string> = []
    const check = (read: string, got: unknown, expected: unknown) => {
      if (JSON.stringify(got) !== JSON.stringify(expected)) out.push(`${read}: ${JSON.stringify(got)} ≠ ${JSON.stringify(expected)}`)
    }
    check("links", (yield* service.links(viewer, { at })).map((l) => l.id), h.links.filter((l) => l.validFrom <= at && !on(l.validTo)).map((l) => l.id))
    const open = h.stations.filter((st) => st.openedOn <= at && !on(st.closedOn))
    const stations = yield* service.stations(viewer, { at })
    check("stations", stations.stations.map((st) => st.id), open.map((st) => st.id))
    check("stations.studyCorners", stations.studyCorners, open.filter((st) => st.studyCorner !== null).length)
    check("stations.facilities", stations.facilities.map((f) => f.count), OutreachConfig.defaults.facilities.map((f) => open.reduce((n, st) => n + (st.facilities[f.id] ?? 0), 0)))
    const problems = yield* service.problems(viewer, { from, to })
    check("problems", [problems.raised, problems.resolved], [h.problems.filter((p) => inPeriod(p.raisedOn)).length, h.problems.filter((p) => inPeriod(p.resolvedOn)).length])
    // A leader's links in compliance are those holding on some day of the period.
    const holding = h.links.filter((l) => l.validFrom < to && (l.validTo === null || l.validTo > from))
    check("compliance.leaders", (yield* service.compliance(viewer, { from, to })).leaders.map((l) => [l.leaderId, l.links]), Array.from(new Set(holding.map((l) => l.leaderId))).sort().map((id) => [id, holding.filter((l) => l.leaderId === id).length]))
    const uses = yield* service.uses(viewer, { from, to })
    const used = h.uses.filter((u) => inPeriod(u.on))
    check("uses", [uses.total, uses.studies], [used.reduce((n, u) => n + u.count, 0), used.filter((u) => u.memberId !== null).length])
    const matters = yield* service.matters(viewer, { at })
    check("matters", matters.batches.map((b) => [b.batch.id, b.listed, b.done, b.dropped]), [...h.batches].filter((b) => b.from <= at).sort((x, y) => (x.gridCode < y.gridCode ? -1 : x.gridCode > y.gridCode ? 1 : x.number - y.number)).map((b) => {
      const mine = h.matters.filter((m) => m.batchId === b.id && m.plannedOn <= at)
      return [b.id, mine.length, mine.filter((m) => on(m.completedOn) && !on(m.droppedOn)).length, mine.filter((m) => on(m.droppedOn)).length]
    }))
    const groups = yield* service.groups(viewer, { at })
    const formed = h.groups.filter((g) => g.formedOn <= at)
    check("groups", groups.kinds.map((k) => [k.groups, k.workers, k.members]), groups.kinds.map((k) => {
      const mine = formed.filter((g) => g.kind === k.kind)
      return [mine.length, mine.reduce((n, g) => n + g.workers, 0), h.members.filter((m) => m.joinedOn <= at && mine.some((g) => g.id === m.groupId)).length]
    }))
    return out
  })

const tables = (tenant: string) => Effect.map(OutreachIntents.history(tenant), (h) => h as Tables)

/**
 * Registers the suites for one store.
 *
 * @since 0.5.0
 * @category suites
 */
export const outreachConformance = <E>(name: string, store: Layer.Layer<Store.Store, E>, options: SuiteOptions = {}): void => {
  const { numRuns, propOptions } = propertyRuns(options, 20)
  const intents = OutreachIntents.intents(options.maxIntents ?? 30)
  describe(`${name}: outreach conformance`, () => {
    const provide = sharedStore(store)

    it.effect.prop(
      "random commands: refusals write nothing, one audit entry per success, histories hang together, no address in the audit log, reads equal their definitions",
      [intents],
      ([ops]) =>
        provide(Effect.gen(function*() {
          const tenant = freshTenant()
          const outcomes = yield* OutreachIntents.run(tenant, ops)
          const history = yield* tables(tenant)
          expect(breaches(history)).toEqual([])
          expect(yield* readsAgainstTables(tenant, history)).toEqual([])
          const ok = outcomes.filter((o) => o.result === "ok")
          const mine = history.audit.filter((e) => kinds.includes(e.action))
          expect(mine.map((e) => e.action)).toEqual(ok.map((o) => (o.command as { readonly _tag: string })._tag))
        })),
      propOptions
    )

    // Of the intents, not the store: on a memory store, so that it costs every store little.
    it.effect("the random commands are accepted often enough, of every kind, and refused by many rules", () =>
      over(MemoryStore.layer)(Effect.gen(function*() {
        yield* TestClock.setTime(OutreachIntents.todayMs)
        const accepted = new Map<string, number>()
        const refused = new Set<string>()
        for (const ops of fc.sample(OutreachIntents.intents(60), { numRuns: 30, seed: 11 })) {
          for (const o of yield* OutreachIntents.run(freshTenant(), ops, { checkRefusals: false })) {
            const tag = (o.command as { readonly _tag: string })._tag
            if (o.result === "ok") accepted.set(tag, (accepted.get(tag) ?? 0) + 1)
            else refused.add(o.result.replace(/@.*/, ""))
          }
        }
        expect(kinds.filter((k) => (accepted.get(k) ?? 0) === 0)).toEqual([])
        expect(refused.size, [...refused].sort().join("\n")).toBeGreaterThan(15)
      })), { timeout: 120_000 })

    parityProperties({
      intents,
      provide,
      freshTenant,
      run: (tenant, ops) => OutreachIntents.run(tenant, ops, { checkRefusals: false }),
      answers: OutreachIntents.answers,
      reference: over(MemoryStore.layer),
      history: OutreachIntents.history,
      writeScaffold: OutreachIntents.writeScaffold,
      executeAll: Effect.map(Outreach.Outreach, (service) => service.executeAllUnknown),
      differential: options.differential !== false,
      propOptions,
      batchRuns: Math.max(6, Math.ceil(numRuns / 2))
    })

    it.effect("scope: street 002's organiser may not touch street 001's records (answered as unknown ones) and reads none of them; addresses masked without pii:read", () =>
      provide(Effect.gen(function*() {
        const tenant = freshTenant()
        const service = yield* Outreach.Outreach
        const admin = Actor.system(tenant)
        yield* OutreachIntents.writeScaffold(tenant)
        const week = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [{ from: "09:00", to: "17:00" }] }
        yield* service.executeAllUnknown(admin, [
          { _tag: "LinkLeader", id: "k1", leaderId: "L1", targetKind: "village_community", targetId: `${tenant}001001`, gridCode: `${tenant}001001`, from: "2024-01-01" },
          { _tag: "LinkLeader", id: "k2", leaderId: "L2", targetKind: "residents", targetId: "锦华居民", gridCode: `${tenant}002001`, from: "2024-01-01" },
          { _tag: "OpenBatch", id: "batch1", gridCode: tenant, number: 1, name: "第一批", from: "2024-01-01", to: "2024-12-31" },
          { _tag: "OpenBatch", id: "batch2", gridCode: `${tenant}001`, number: 1, name: "河西第一批", from: "2024-01-01", to: "2024-03-31" },
          { _tag: "AddMatter", id: "mt1", batchId: "batch1", organisationId: "b1", title: "修缮", on: "2024-02-01" },
          { _tag: "OpenStation", id: "st1", name: "驿站", kind: "love_station", gridCode: `${tenant}001001`, address: "桃城区河西街道明珠路18号", hours: week, on: "2024-01-01" },
          { _tag: "RegisterGroup", id: "g1", kind: "courier", name: "快递员", gridCode: `${tenant}001001`, organisationId: "b1", workers: 40, on: "2024-01-01" }
        ]).pipe(Effect.orDie)
        const hedong = Actor.make({ id: "河东", tenant, roles: ["party_organiser"], scope: `${tenant}002` })
        const before = yield* OutreachIntents.history(tenant)
        // Grids and organisations the command names outside the scope are Forbidden.
        const forbidden: ReadonlyArray<unknown> = [
          { _tag: "LinkLeader", id: "kx", leaderId: "L3", targetKind: "residents", targetId: "x", gridCode: `${tenant}001001`, from: "2024-01-01" },
          { _tag: "AddMatter", id: "mtx", batchId: "batch1", organisationId: "b1", title: "x", on: "2024-02-01" }
        ]
        for (const command of forbidden) {
          const result = yield* Effect.either(service.executeUnknown(hedong, command))
          expect(Either.isLeft(result) && result.left._tag, (command as { readonly _tag: string })._tag).toBe("Forbidden")
        }
        // A record of street 001 named by a command gets the answer an unknown id gets: the same rule, field and message.
        const answer = (command: Record<string, unknown>, id: string) =>
          Effect.map(Effect.flip(service.executeUnknown(hedong, command)), (e) => {
            const refusal = e as { readonly _tag: string; readonly rule?: string; readonly field?: string; readonly message: string }
            return [refusal._tag, refusal.rule, refusal.field, refusal.message.replaceAll(id, "…")]
          })
        const foreign: ReadonlyArray<readonly [Record<string, unknown>, string]> = [
          [{ _tag: "RecordContact", id: "cx", linkId: "k1", kind: "visit", on: "2024-03-01" }, "linkId"],
          [{ _tag: "EndLink", linkId: "k1", on: "2024-03-01" }, "linkId"],
          [{ _tag: "AddMatter", id: "mtx", batchId: "batch2", organisationId: "b3", title: "x", on: "2024-05-01" }, "batchId"],
          [{ _tag: "AdvanceMatter", matterId: "mt1", to: "in_progress", on: "2024-03-01" }, "matterId"],
          [{ _tag: "RecordUse", id: "ux", stationId: "st1", on: "2024-03-03", userKind: "courier", count: 3 }, "stationId"],
          [{ _tag: "EquipStation", stationId: "st1", facilities: { tv: 1 } }, "stationId"],
          [{ _tag: "CloseStation", stationId: "st1", on: "2024-03-01" }, "stationId"],
          [{ _tag: "JoinGroup", groupId: "g1", memberId: "m4", on: "2024-03-01" }, "groupId"],
          [{ _tag: "CountWorkers", groupId: "g1", workers: 3 }, "groupId"]
        ]
        for (const [command, field] of foreign) {
          const got = yield* answer(command, command[field] as string)
          expect(got, command._tag as string).toEqual(yield* answer({ ...command, [field]: "nope" }, "nope"))
          expect(got.slice(0, 3), command._tag as string).toEqual(["RuleViolation", "outreach.known", field])
          // The foreign batch's days stay unsaid.
          expect(got[3], command._tag as string).not.toMatch(/2024-0[13]/)
        }
        // The district lists street 002's branch's matter in street 001's batch: refused.
        const across = yield* Effect.flip(service.executeUnknown(admin, { _tag: "AddMatter", id: "mty", batchId: "batch2", organisationId: "b3", title: "x", on: "2024-02-01" }))
        expect([across._tag, (across as { readonly rule?: string }).rule]).toEqual(["RuleViolation", "outreach.batch-grid"])
        expect(yield* OutreachIntents.history(tenant)).toEqual(before)
        const viewer = Actor.make({ id: "河东查看", tenant, roles: ["viewer"], scope: `${tenant}002` })
        const at = "2024-06-01"
        expect((yield* service.links(viewer, { at })).map((l) => l.id)).toEqual(["k2"])
        expect((yield* service.matters(viewer, { at })).branches).toEqual([])
        expect((yield* service.stations(viewer, { at })).stations).toEqual([])
        expect((yield* service.groups(viewer, { at })).groups).toEqual([])
        const whole = Actor.make({ id: "区查看", tenant, roles: ["viewer"], scope: tenant })
        const stations = yield* service.stations(whole, { at })
        expect(stations.stations.map((s) => s.address)).toEqual(["桃城区河西街******"])
        expect(stations.stations[0]!.minutesPerWeek).toBe(480)
        const admin2 = Actor.make({ id: "区管理", tenant, roles: ["admin"], scope: tenant })
        expect((yield* service.stations(admin2, { at })).stations.map((s) => s.address)).toEqual(["桃城区河西街道明珠路18号"])
        // The unmasked read is audited: which stations, never their addresses.
        const [read] = (yield* (yield* AuditLog.AuditLog).list(tenant as never, { afterSeq: 0, limit: 1_000_000 })).slice(-1)
        expect([read?.action, read?.actor, JSON.parse(read?.detail ?? "{}").stations]).toEqual(["ReadStationPii", "区管理", ["st1"]])
        expect(read?.detail).not.toContain("明珠路")
        // A member or an organisation of another street counts as none: the answer an unknown id gets.
        const group = { _tag: "RegisterGroup", kind: "courier", name: "快递员", gridCode: `${tenant}002001`, workers: 5, on: "2024-01-01" }
        const refusal = (command: unknown) => Effect.map(Effect.flip(service.executeUnknown(hedong, command)), (e) => `${e._tag}:${(e as { readonly rule?: string }).rule}`)
        expect(yield* refusal({ ...group, id: "g2", organisationId: "b1" })).toBe("RuleViolation:outreach.organisation")
        yield* service.executeUnknown(hedong, { ...group, id: "g2", organisationId: "b3" })
        expect(yield* refusal({ _tag: "JoinGroup", groupId: "g2", memberId: "m1", on: "2024-03-01" })).toBe("RuleViolation:outreach.group-member")
        yield* service.executeUnknown(hedong, { _tag: "JoinGroup", groupId: "g2", memberId: "m4", on: "2024-03-01" })
        // A leader's link of another street counts as none: no outreach.link-duplicate naming its target or day.
        yield* service.executeUnknown(admin, { _tag: "LinkLeader", id: "k3", leaderId: "L1", targetKind: "residents", targetId: "外卖骑手", gridCode: `${tenant}001001`, from: "2024-01-01" })
        yield* service.executeUnknown(hedong, { _tag: "LinkLeader", id: "k4", leaderId: "L1", targetKind: "residents", targetId: "外卖骑手", gridCode: `${tenant}002001`, from: "2024-02-01" })
        expect(yield* refusal({ _tag: "LinkLeader", id: "k5", leaderId: "L1", targetKind: "residents", targetId: "外卖骑手", gridCode: `${tenant}002001`, from: "2024-03-01" }))
          .toBe("RuleViolation:outreach.link-duplicate")
        const outside = yield* Effect.either(service.links(viewer, { root: `${tenant}001` }))
        expect(Either.isLeft(outside) && outside.left._tag).toBe("Forbidden")
      })))

    it.effect("bad input is a ValidationError naming the field, and writes nothing", () =>
      provide(Effect.gen(function*() {
        const tenant = freshTenant()
        yield* OutreachIntents.writeScaffold(tenant)
        const service = yield* Outreach.Outreach
        const admin = Actor.system(tenant)
        const before = yield* OutreachIntents.history(tenant)
        const week = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }
        const cases: ReadonlyArray<readonly [unknown, string]> = [
          [{ _tag: "LinkLeader", id: "k", leaderId: "L", targetKind: "factory", targetId: "x", gridCode: `${tenant}001001`, from: "2024-01-01" }, "targetKind"],
          [{ _tag: "LinkLeader", id: "", leaderId: "L", targetKind: "residents", targetId: "x", gridCode: `${tenant}001001`, from: "2024-01-01" }, "id"],
          [{ _tag: "RecordContact", id: "c", linkId: "k", kind: "call", on: "2024-01-01" }, "kind"],
          [{ _tag: "RaiseProblem", id: "p", linkId: "k", on: "2024-02-30", summary: "x" }, "on"],
          [{ _tag: "OpenBatch", id: "b", gridCode: tenant, number: 0, name: "第零批", from: "2024-01-01", to: "2024-02-01" }, "number"],
          [{ _tag: "AdvanceMatter", matterId: "m", to: "planned", on: "2024-01-01" }, "to"],
          [{ _tag: "OpenStation", id: "s", name: "x", kind: "hotel", gridCode: `${tenant}001001`, address: "x", hours: week, on: "2024-01-01" }, "kind"],
          [{ _tag: "OpenStation", id: "s", name: "x", kind: "love_station", gridCode: `${tenant}001001`, address: "x", hours: { ...week, mon: [{ from: "8:00", to: "12:00" }] }, on: "2024-01-01" }, "hours.mon.0.from"],
          [{ _tag: "OpenStation", id: "s", name: "x", kind: "love_station", gridCode: `${tenant}001001`, address: "x", hours: week, facilities: { tv: 0 }, on: "2024-01-01" }, "facilities.tv"],
          [{ _tag: "OpenStation", id: "s", name: "x", kind: "love_station", gridCode: `${tenant}001001`, address: "x", hours: week, facilities: JSON.parse(`{"__proto__": 2, "tv": 1}`), on: "2024-01-01" }, "facilities.__proto__"],
          [{ _tag: "EquipStation", stationId: "s", facilities: JSON.parse(`{"__proto__": 2}`) }, "facilities.__proto__"],
          [{ _tag: "RecordUse", id: "u", stationId: "s", on: "2024-01-01", userKind: "tourist" }, "userKind"],
          [{ _tag: "RegisterGroup", id: "g", kind: "courier", name: "x", gridCode: `${tenant}001001`, organisationId: "b1", workers: -1, on: "2024-01-01" }, "workers"],
          [{ _tag: "NoSuchCommand" }, "_tag"]
        ]
        for (const [command, field] of cases) {
          const result = yield* Effect.either(service.executeUnknown(admin, command))
          expect(Either.isLeft(result) && [result.left._tag, (result.left as { readonly field?: string }).field], JSON.stringify(command)).toEqual(["ValidationError", field])
          if (field.endsWith("__proto__")) expect(Either.isLeft(result) && (result.left as { readonly rule?: string }).rule).toBe("outreach.facility-known")
        }
        expect(yield* OutreachIntents.history(tenant)).toEqual(before)
        // Periods: `to` after `from`, at most ten years (a span of millennia would build a report of hundreds of MB).
        const viewer = Actor.make({ id: "查看", tenant, roles: ["viewer"], scope: tenant })
        const periods: ReadonlyArray<readonly [{ readonly from: string; readonly to: string }, string]> = [
          [{ from: "1000-01-01", to: "9999-12-31" }, "period.length"],
          [{ from: "2024-01-01", to: "2034-01-03" }, "period.length"],
          [{ from: "2024-06-01", to: "2024-01-01" }, "period.order"],
          [{ from: "2024-06-01", to: "2024-06-01" }, "period.order"]
        ]
        for (const [period, rule] of periods) {
          const reads: ReadonlyArray<Effect.Effect<unknown, { readonly _tag: string }>> = [service.compliance(viewer, period), service.problems(viewer, period), service.uses(viewer, period)]
          for (const read of reads) {
            const result = yield* Effect.either(read)
            expect(Either.isLeft(result) && [result.left._tag, (result.left as { readonly field?: string }).field, (result.left as { readonly rule?: string }).rule], JSON.stringify(period))
              .toEqual(["ValidationError", "options.to", rule])
          }
        }
      })))
  })
}
