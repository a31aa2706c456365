/**
 * Notifications in core: the backoff schedule and the dead-letter decision (notify.backoff,
 * notify.dead), routing to back ends (notify.route), the dispatcher's retry times on the
 * test clock, and the demand domain's notifications raised in its write transaction
 * (notify.transaction).
 */
import { describe, expect, it } from "@effect/vitest"
import {
  Actor,
  Backoff,
  CoConstructionConfig,
  CoConstructions,
  ConsoleBackend,
  DemandConfig,
  Directory,
  Demands,
  Dispatcher,
  GridConfig,
  Grids,
  MemoryStore,
  Notify,
  NotifierBackend,
  OrganisationConfig,
  Organisations,
  OutboxStore,
  Tenant
} from "@jiceng/core"
import { DemandIntents, OutboxSupport, RecordingBackend, Tenants } from "@jiceng/testkit"
import * as Notice from "../../src/internal/notice.js"
import { Effect, FastCheck as fc, Fiber, Layer, Logger, LogLevel, TestClock } from "effect"

const policy = fc.record({
  base: fc.integer({ min: 1, max: 100_000 }),
  factor: fc.double({ min: 1, max: 5, noNaN: true }),
  maxDelay: fc.integer({ min: 1, max: 10_000_000 }),
  maxAttempts: fc.integer({ min: 1, max: 30 })
})

const failure = (permanent: boolean) => new NotifierBackend.DeliveryError({ backend: "b", message: "no", permanent })

describe("Backoff", () => {
  it.prop("notify.backoff: waits grow with each failure from the base, never past the limit", [policy, fc.integer({ min: 1, max: 60 })], ([p, n]) => {
    const d = Backoff.delay(p, n)
    expect(d).toBeLessThanOrEqual(p.maxDelay)
    expect(d).toBeGreaterThanOrEqual(Math.min(p.base, p.maxDelay))
    expect(Backoff.delay(p, n + 1)).toBeGreaterThanOrEqual(d)
    expect(Backoff.delay(p, 1)).toBe(Math.min(p.base, p.maxDelay))
  })

  it.prop("notify.dead: dead at once when the error is permanent or the attempt was the last allowed, else due again after the wait", [
    policy,
    fc.integer({ min: 0, max: 40 }),
    fc.boolean(),
    fc.integer({ min: 0, max: 2 ** 40 })
  ], ([p, attempts, permanent, now]) => {
    const next = Backoff.next(p, attempts, failure(permanent), now)
    if (permanent || attempts + 1 >= p.maxAttempts) {
      expect(next._tag).toBe("Dead")
    } else {
      expect(next).toEqual({ _tag: "Retry", at: now + Backoff.delay(p, attempts + 1) })
    }
  })
})

describe("Notify", () => {
  const names = ["webhook", "wecom", "email", "console"]
  const recipient = fc.record({
    backend: fc.option(fc.constantFrom(...names, "unknown"), { nil: null }),
    address: fc.constant("a"),
    name: fc.constant(null)
  })

  it.prop("notify.route: a notification is queued for each configured back end one of its recipients names, or every one for a recipient naming none", [
    fc.array(recipient, { maxLength: 4 }),
    fc.subarray(names)
  ], ([recipients, configured]) => {
    const n = OutboxSupport.notification(Tenant.make(Tenants.nth(205_999)), "n", { recipients })
    const chosen = Notify.backendsFor(n, configured)
    for (const b of configured) {
      expect(chosen.includes(b)).toBe(recipients.some((r) => r.backend === null || r.backend === b))
    }
    expect(chosen.every((b) => configured.includes(b))).toBe(true)
  })

  it.effect("notify.settings: the settings are refused when built unless they name one back end or more, each a back-end name given once, in zh or en", () =>
    Effect.gen(function*() {
      const field = (settings: unknown) =>
        Effect.map(Effect.flip(Notify.make(settings as Notify.SettingsShape)), (e) => [e._tag, e.backend, e.field])
      expect(yield* field({ backends: [], lang: "zh" })).toEqual(["NotifierConfigError", "settings", "backends"])
      expect(yield* field({ backends: ["webhook", "webhook"], lang: "zh" })).toEqual(["NotifierConfigError", "settings", "backends[1]"])
      expect(yield* field({ backends: ["webhook", "WeCom 1"], lang: "zh" })).toEqual(["NotifierConfigError", "settings", "backends[1]"])
      expect(yield* field({ backends: ["email"], lang: "fr" })).toEqual(["NotifierConfigError", "settings", "lang"])
      expect(yield* Notify.make({ backends: ["wecom-hexi", "email"], lang: "en" })).toEqual({ backends: ["wecom-hexi", "email"], lang: "en" })
      const built = yield* Effect.either(Layer.build(Notify.layer({ backends: [], lang: "zh" })).pipe(Effect.scoped))
      expect(built._tag).toBe("Left")
    }))

  it("the console back end writes the kind, id, recipients' names, subject and text, and never an address", () => {
    const lines: Array<string> = []
    const backend = ConsoleBackend.make({ write: (l) => lines.push(l) })
    const n = OutboxSupport.notification(Tenant.make(Tenants.nth(205_998)), "n1", {
      recipients: [{ backend: null, address: "13800138000", name: "网格员甲" }]
    })
    Effect.runSync(backend.deliver(n))
    expect(lines).toEqual([`[demand.assigned] n1 → 网格员甲\n${n.subject}\n${n.text}`])
    expect(backend.accepts(n.recipients[0]!)).toBe(true)
  })
})

describe("notice ids", () => {
  const segment = fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom("A:B", "B:C", "A", "C", "%3A", ":", "%", "2024-03-02", "2024-03-02T09:00"),
    fc.integer({ min: 0, max: 99 })
  )
  it.prop("notify.id-unique: two events of one kind with different keys never share an id, wherever a key's colons fall", [
    fc.array(segment, { minLength: 1, maxLength: 4 }),
    fc.array(segment, { minLength: 1, maxLength: 4 })
  ], ([a, b]) => {
    const id = (keys: ReadonlyArray<string | number>) =>
      Notice.make("coconstruction.post-claimed", "zh", {
        keys, tenant: Tenant.make("131102"), raisedAt: "2024-03-01T00:00:00+08:00", gridCode: null, organisationId: null, to: [], values: {}, data: {}
      }).id
    // Keys of one kind have a fixed shape: the same count, a day or minute where the kind has one.
    if (a.length !== b.length || a.some((k, i) => (typeof k === "number") !== (typeof b[i] === "number"))) return
    if (a.every((k, i) => String(k) === String(b[i]))) expect(id(a)).toBe(id(b))
    else if (a.every((k, i) => !/^\d{4}-\d{2}-\d{2}/.test(String(k)) && !/^\d{4}-\d{2}-\d{2}/.test(String(b[i])))) expect(id(a)).not.toBe(id(b))
  })
})

describe("Directory", () => {
  const kinds = ["demand.assigned", "agreement.expiring"] as const
  const party = fc.record({ kind: fc.constantFrom("worker" as const, "organisation" as const), id: fc.constantFrom("a", "b"), name: fc.constant(null) })
  const route = fc.record({
    tenant: fc.option(fc.constantFrom("131102", "131103"), { nil: undefined }),
    kinds: fc.option(fc.subarray([...kinds]), { nil: undefined }),
    grid: fc.option(fc.constantFrom("131102", "131102001", "131102001001", "131103001"), { nil: undefined }),
    organisation: fc.option(fc.constantFrom("a", "b"), { nil: undefined }),
    party: fc.option(party.map(({ id, kind }) => ({ kind, id })), { nil: undefined }),
    recipients: fc.array(fc.record({ backend: fc.constantFrom("email", "wecom"), address: fc.constantFrom("x", "y", "z"), name: fc.constant(null) }), { minLength: 1, maxLength: 3 })
  }).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as unknown as Directory.Route)
  const notification = fc.record({
    tenant: fc.constantFrom("131102", "131103"),
    kind: fc.constantFrom(...kinds),
    gridCode: fc.option(fc.constantFrom("131102001001", "131102002001", "131103001001"), { nil: null }),
    organisationId: fc.option(fc.constantFrom("a", "b"), { nil: null }),
    to: fc.array(party, { maxLength: 3 })
  }).map((f) => OutboxSupport.notification(Tenant.make(f.tenant), "n", { ...f, tenant: Tenant.make(f.tenant), recipients: [] }))

  it.prop("notify.directory: a notification goes to exactly the recipients of the routes all of whose criteria it meets, once each", [
    fc.array(route, { maxLength: 6 }),
    notification
  ], ([routes, n]) => {
    const got = Effect.runSync(Effect.flatMap(Directory.make(routes), (d) => d.recipients(n)))
    const meets = (r: Directory.Route) =>
      (r.tenant === undefined || r.tenant === n.tenant) && (r.kinds === undefined || r.kinds.includes(n.kind)) &&
      (r.grid === undefined || (n.gridCode ?? "").startsWith(r.grid)) &&
      (r.organisation === undefined || r.organisation === n.organisationId) &&
      (r.party === undefined || n.to.some((p) => p.kind === r.party!.kind && p.id === r.party!.id))
    const expected = new Set(routes.filter(meets).flatMap((r) => r.recipients.map((x) => `${x.backend}/${x.address}`)))
    expect(got.map((x) => `${x.backend}/${x.address}`).sort()).toEqual([...expected].sort())
  })

  it.effect("a route that is not well formed fails when the directory is built, naming the route's field", () =>
    Effect.gen(function*() {
      const field = (routes: ReadonlyArray<unknown>) =>
        Effect.map(Effect.flip(Directory.make(routes as ReadonlyArray<Directory.Route>)), (e) => [e._tag, e.backend, e.field])
      expect(yield* field([{ recipients: [{ backend: "email", address: "a@b.cn", name: null }] }, { grid: "1311x", recipients: [{ backend: null, address: "a", name: null }] }]))
        .toEqual(["NotifierConfigError", "directory", "routes[1].grid"])
      expect(yield* field([{ recipients: [{ backend: "email", address: "", name: null }] }])).toEqual(["NotifierConfigError", "directory", "routes[0].recipients[0].address"])
      expect(yield* field([{ recipients: [] }])).toEqual(["NotifierConfigError", "directory", "routes[0].recipients"])
      expect(yield* field([{ gird: "131102", recipients: [{ backend: null, address: "a", name: null }] }])).toEqual(["NotifierConfigError", "directory", "routes[0].gird"])
    }))

  it("without a directory each party is a recipient of any back end, as kind:id", () => {
    const n = OutboxSupport.notification(Tenant.make("131102"), "n", { to: [{ kind: "organisation", id: "O7", name: "明珠社区党委" }] })
    expect(Directory.passThrough(n)).toEqual([{ backend: null, address: "organisation:O7", name: "明珠社区党委" }])
  })
})

describe("Dispatcher", () => {
  it.effect("its configuration is refused when it is built, naming the setting: back ends sharing a name, a timeout not under the lease, a batch of none", () =>
    Effect.gen(function*() {
      const field = (options: Dispatcher.Options) =>
        Effect.map(Effect.flip(Dispatcher.make(options)), (e) => [e._tag, e.field])
      const console = ConsoleBackend.make()
      expect(yield* field({ backends: [console, ConsoleBackend.make()] })).toEqual(["NotifierConfigError", "backends"])
      expect(yield* field({ backends: [console], lease: 1_000, timeout: 1_000 })).toEqual(["NotifierConfigError", "timeout"])
      expect(yield* field({ backends: [console], batch: 0 })).toEqual(["NotifierConfigError", "batch"])
    }).pipe(Effect.provide(MemoryStore.layer)))

  it.effect("a back end given as its constructor is built with the dispatcher: its configuration error fails the layer when it is built", () =>
    Effect.gen(function*() {
      const broken = Effect.fail(new NotifierBackend.NotifierConfigError({ backend: "webhook", field: "url", message: "not a URL" }))
      const error = yield* Effect.flip(Layer.build(Dispatcher.layer({ backends: [ConsoleBackend.make(), broken] })).pipe(Effect.scoped))
      expect([error._tag, error.backend, error.field]).toEqual(["NotifierConfigError", "webhook", "url"])
      const built = yield* Effect.either(Layer.build(Dispatcher.layer({ backends: [Effect.succeed(ConsoleBackend.make({ write: () => {} }))] })).pipe(Effect.scoped))
      expect(built._tag).toBe("Right")
    }).pipe(Effect.provide(MemoryStore.layer)))


  it.effect("notify.lease: a batch that outlasts its lease is not delivered past it — two dispatchers with a lease short against the batch never deliver one message at once", () =>
    Effect.gen(function*() {
      const outbox = yield* OutboxStore.OutboxStore
      const t = OutboxSupport.freshTenant()
      const recorder = RecordingBackend.make({ name: "slow", latency: 40 })
      const ids = Array.from({ length: 20 }, (_, i) => `n${i}`)
      yield* outbox.enqueue(ids.map((id) => ({ notification: OutboxSupport.notification(t, id), backend: "slow" })), 0)
      const options = { backends: [recorder.backend], batch: 10, concurrency: 1, timeout: 50, lease: 100, pollInterval: 10 }
      const [a, b] = yield* Effect.all([Dispatcher.make(options), Dispatcher.make(options)])
      // Both running their rounds on their own, on the test clock moved 5 ms at a time: no timer runs late.
      const running = yield* Effect.fork(Effect.all([a.run, b.run], { concurrency: 2 }))
      for (let i = 0; i < 400 && (yield* outbox.counts(t)).pending > 0; i++) yield* TestClock.adjust(5)
      yield* Fiber.interrupt(running)
      expect(yield* outbox.counts(t)).toEqual({ pending: 0, delivered: 20, dead: 0 })
      expect(recorder.overlaps()).toBe(0)
      expect(recorder.distinct().size).toBe(20)
    }).pipe(Effect.provide(MemoryStore.layer), Logger.withMinimumLogLevel(LogLevel.None)))

  it.effect("retries on the clock it is given: each failure waits the backoff's delay, the last allowed ends dead with its error", () =>
    Effect.gen(function*() {
      const outbox = yield* OutboxStore.OutboxStore
      const t = OutboxSupport.freshTenant()
      const recorder = RecordingBackend.make({ name: "rec" })
      const backoff = { base: 1_000, factor: 3, maxDelay: 5_000, maxAttempts: 4 }
      yield* outbox.enqueue([{ notification: OutboxSupport.notification(t, "n1"), backend: "rec" }], 0)
      recorder.failAlways(["n1"], false)
      const dispatcher = yield* Dispatcher.make({ backends: [recorder.backend], backoff })
      expect((yield* dispatcher.runOnce).claimed).toBe(1)
      const dues: Array<number> = (yield* outbox.entries(t, "pending")).map((e) => e.dueAt)
      for (const wait of [1_000, 3_000, 5_000]) {
        yield* TestClock.adjust(wait - 1)
        expect((yield* dispatcher.runOnce).claimed).toBe(0)
        yield* TestClock.adjust(1)
        expect((yield* dispatcher.runOnce).claimed).toBe(1)
        dues.push(...(yield* outbox.entries(t, "pending")).map((e) => e.dueAt))
      }
      expect(dues).toEqual([1_000, 4_000, 9_000])
      const [dead] = yield* outbox.entries(t, "dead")
      expect([dead!.attempts, dead!.lastError, dead!.settledAt]).toEqual([4, "refused n1 (status 503)", 9_000])
    }).pipe(Effect.provide(MemoryStore.layer), Logger.withMinimumLogLevel(LogLevel.None)))
})

/** The Demands and Grids services over a fresh memory store, raising notifications for two back ends in `lang`. */
const demandsWith = (lang: "zh" | "en", routes?: ReadonlyArray<Directory.Route>) =>
  Layer.mergeAll(Demands.layer, Grids.layer).pipe(
    Layer.provideMerge(Layer.mergeAll(
      MemoryStore.layer,
      GridConfig.layer(),
      DemandConfig.layer(),
      Layer.succeed(Notify.Settings, { backends: routes === undefined ? ["console", "wecom"] : ["email", "wecom", "webhook"], lang }),
      routes === undefined ? Layer.empty : Directory.layer(routes)
    ))
  )

describe("demand notifications", () => {
  it.effect("notify.transaction: an intake routed to a worker and an escalation raise their notifications in the write's transaction; a refused write raises none", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(DemandIntents.todayMs)
      const tenant = Tenants.fresh()
      yield* DemandIntents.writeScaffold(tenant)
      const service = yield* Demands.Demands
      const outbox = yield* OutboxStore.OutboxStore
      const admin = Actor.system(tenant)
      const gridCode = `${tenant}${DemandIntents.grids[0]}`
      const intake = { _tag: "IntakeDemand", id: "d1", gridCode, category: "safety", source: "hotline", description: "楼道灯不亮", requestedAt: "2024-03-01T09:00" }
      yield* service.executeUnknown(admin, intake).pipe(Effect.orDie)
      const assigned = yield* outbox.entries(Tenant.make(tenant), "pending")
      expect(assigned.map((e) => [e.backend, e.notification.kind, e.id])).toEqual([
        ["console", "demand.assigned", "demand.assigned:d1:2"],
        ["wecom", "demand.assigned", "demand.assigned:d1:2"]
      ])
      const n = assigned[0]!.notification
      expect(n.to).toEqual([{ kind: "worker", id: "w1", name: null }])
      expect(n.recipients).toEqual([{ backend: null, address: "worker:w1", name: null }])
      expect([n.lang, n.gridCode, n.subject, n.raisedAt]).toEqual(["zh", gridCode, "诉求交办：d1", "2024-03-01T09:00:00+08:00"])
      expect(n.text).toContain("交办给您")
      expect(n.text).not.toContain("楼道灯不亮")
      // The same id again is refused: nothing more is queued.
      expect((yield* Effect.either(service.executeUnknown(admin, intake)))._tag).toBe("Left")
      expect((yield* outbox.counts(Tenant.make(tenant))).pending).toBe(2)
      yield* service.executeUnknown(admin, { _tag: "EscalateOverdue", asOf: "2024-03-20T09:00" }).pipe(Effect.orDie)
      const escalated = (yield* outbox.entries(Tenant.make(tenant), "pending")).filter((e) => e.notification.kind === "demand.escalated")
      expect(escalated.length).toBeGreaterThan(0)
      expect(escalated.every((e) => e.notification.recipients[0]!.address !== "" && e.notification.subject === "诉求逾期上报：d1")).toBe(true)
    }).pipe(Effect.provide(demandsWith("zh"))))

  const routed = Tenants.fresh()
  it.effect("notify.directory: with a directory, the worker's addresses and the grid's group are the recipients, and only the back ends they name are queued", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(DemandIntents.todayMs)
      const tenant = routed
      yield* DemandIntents.writeScaffold(tenant)
      const gridCode = `${tenant}${DemandIntents.grids[0]}`
      yield* (yield* Demands.Demands).executeUnknown(Actor.system(tenant), {
        _tag: "IntakeDemand", id: "d1", gridCode, category: "safety", source: "hotline", description: "x", requestedAt: "2024-03-01T09:00"
      }).pipe(Effect.orDie)
      const entries = yield* (yield* OutboxStore.OutboxStore).entries(Tenant.make(tenant), "pending")
      expect(entries.map((e) => e.backend)).toEqual(["email", "wecom"])
      expect(entries[0]!.notification.recipients).toEqual([
        { backend: "email", address: "w1@example.cn", name: "网格员" },
        { backend: "wecom", address: "13800000001", name: null },
        { backend: "wecom", address: "@group", name: "社区网格群" }
      ])
    }).pipe(Effect.provide(demandsWith("zh", [
      { party: { kind: "worker", id: "w1" }, recipients: [{ backend: "email", address: "w1@example.cn", name: "网格员" }, { backend: "wecom", address: "13800000001", name: null }] },
      { grid: `${routed}001`, kinds: ["demand.assigned"], recipients: [{ backend: "wecom", address: "@group", name: "社区网格群" }] },
      { grid: `${routed}002`, recipients: [{ backend: "webhook", address: "other-street", name: null }] },
      { party: { kind: "worker", id: "someone-else" }, recipients: [{ backend: "webhook", address: "x", name: null }] }
    ]))))

  it.effect("in English when the settings say so", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(DemandIntents.todayMs)
      const tenant = Tenants.fresh()
      yield* DemandIntents.writeScaffold(tenant)
      yield* (yield* Demands.Demands).executeUnknown(Actor.system(tenant), {
        _tag: "IntakeDemand", id: "d1", gridCode: `${tenant}${DemandIntents.grids[0]}`, category: "safety", source: "hotline", description: "x", requestedAt: "2024-03-01T09:00"
      }).pipe(Effect.orDie)
      const [entry] = yield* (yield* OutboxStore.OutboxStore).entries(Tenant.make(tenant), "pending")
      expect([entry!.notification.subject, entry!.notification.lang]).toEqual(["Demand assigned: d1", "en"])
      // A batch raises each command's notifications, in its one transaction.
      yield* (yield* Demands.Demands).executeAllUnknown(Actor.system(tenant), ["d2", "d3"].map((id) => ({
        _tag: "IntakeDemand", id, gridCode: `${tenant}${DemandIntents.grids[0]}`, category: "safety", source: "hotline", description: "x", requestedAt: "2024-03-02T09:00"
      }))).pipe(Effect.orDie)
      expect((yield* (yield* OutboxStore.OutboxStore).entries(Tenant.make(tenant), "pending")).map((e) => e.id)).toEqual(
        ["d1", "d2", "d3"].flatMap((d) => [`demand.assigned:${d}:2`, `demand.assigned:${d}:2`])
      )
    }).pipe(Effect.provide(demandsWith("en"))))
})

describe("co-construction notifications", () => {
  const tenant = "131102"
  const admin = Actor.system(tenant)
  const layer = Layer.mergeAll(CoConstructions.layer, Organisations.layer, Grids.layer).pipe(
    Layer.provideMerge(Layer.mergeAll(
      MemoryStore.layer,
      GridConfig.layer(),
      OrganisationConfig.layer(),
      CoConstructionConfig.layer(),
      Layer.succeed(Notify.Settings, { backends: ["console"], lang: "zh" })
    ))
  )

  it.effect("notify.transaction: a post claimed notifies the member who claimed it, routed by the team's grid; a claim refused notifies no one", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2024-12-31T00:00:00Z"))
      yield* (yield* Grids.Grids).executeAll(admin, [
        { _tag: "CreateGrid", code: "131102", name: "桃城区", parentCode: null, validFrom: "2023-01-01" },
        { _tag: "CreateGrid", code: "131102001", name: "河西街道", parentCode: "131102", validFrom: "2023-01-01" },
        { _tag: "CreateGrid", code: "131102001001", name: "明珠社区", parentCode: "131102001", validFrom: "2023-01-01" }
      ])
      yield* (yield* Organisations.Organisations).executeAll(admin, [
        { _tag: "FormOrganisation", id: "hx", kind: "committee", name: "河西街道党工委", parentId: null, sector: "community", grids: ["131102001"], validFrom: "2023-01-01" },
        { _tag: "FormOrganisation", id: "mz", kind: "committee", name: "明珠社区党委", parentId: "hx", sector: "community", grids: ["131102001001"], validFrom: "2023-01-01" }
      ])
      const service = yield* CoConstructions.CoConstructions
      yield* service.executeAll(admin, [
        { _tag: "EnrolMember", memberId: "p3", communityCode: "131102001001", homeOrganisation: "市直机关某党支部", at: "2024-01-15" },
        { _tag: "EnrolMember", memberId: "p4", communityCode: "131102001001", homeOrganisation: "市直机关某党支部", at: "2024-01-15" },
        { _tag: "FormTeam", id: "t1", name: "明珠社区志愿服务队", gridCode: "131102001001", at: "2024-01-01" },
        { _tag: "OpenPost", id: "ps1", teamId: "t1", title: "政策宣讲员", category: "policy", capacity: 1, at: "2024-02-01" }
      ])
      const outbox = yield* OutboxStore.OutboxStore
      expect((yield* outbox.counts(Tenant.make(tenant))).pending).toBe(0)
      yield* service.execute(admin, { _tag: "ClaimPost", postId: "ps1", memberId: "p3", at: "2024-03-01" })
      const [entry] = yield* outbox.entries(Tenant.make(tenant), "pending")
      expect([entry!.id, entry!.backend, entry!.notification.gridCode, entry!.notification.subject]).toEqual([
        "coconstruction.post-claimed:ps1:p3:2024-03-01", "console", "131102001001", "志愿岗位认领：政策宣讲员"
      ])
      expect(entry!.notification.recipients).toEqual([{ backend: null, address: "member:p3", name: null }])
      // Over capacity: refused, and nothing more is queued.
      expect((yield* Effect.either(service.execute(admin, { _tag: "ClaimPost", postId: "ps1", memberId: "p4", at: "2024-04-01" })))._tag).toBe("Left")
      expect((yield* outbox.counts(Tenant.make(tenant))).pending).toBe(1)
    }).pipe(Effect.provide(layer)))
})
