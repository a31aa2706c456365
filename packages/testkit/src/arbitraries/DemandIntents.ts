/**
 * Random demand command sequences for the conformance suites: visits (with the demands
 * they collect) by workers who may or may not serve the grid, to places of the right
 * kind or not; intakes in grids staffed, unstaffed or unknown, of known and unknown
 * categories; transitions in every order (so that many are illegal), closings with and
 * without their return visit, duplicates of themselves, of others and of unknown ids;
 * and escalation sweeps — over a scaffold of grids, workers and places written through
 * `Grids`. Each intent moves a running clock on by a few days (a few step back), so that
 * some events come before a demand's last one and some sweeps find demands overdue.
 *
 * @since 0.5.0
 */
import {
  Actor,
  type AuditEntry,
  AuditLog,
  type Demand,
  type DemandChanges,
  DemandStore,
  DemandsService,
  Grids,
  type Store,
  type StoreError,
  type Visit
} from "@jiceng/core"
import { Effect, FastCheck as fc } from "effect"
import * as Outcomes from "./Outcomes.js"

/**
 * The suites' today (2025-06-30): every minute the intents write lies before it, but
 * for those meant to be refused as in the future.
 *
 * @since 0.5.0
 * @category constants
 */
export const todayMs = Date.parse("2025-06-30T00:00:00Z")

/**
 * An intent: what to do, by index into the scaffold's grids, workers, places and the
 * demand ids, resolved for a tenant by {@link resolveAll}; `days` moves the clock.
 *
 * @since 0.5.0
 * @category models
 */
export type Intent =
  | {
    readonly kind: "visit"
    readonly days: number
    readonly id: number
    readonly worker: number
    readonly grid: number
    readonly target: number
    readonly place: number | null
    readonly demands: ReadonlyArray<{ readonly id: number; readonly category: number; readonly grid: number | null }>
  }
  | { readonly kind: "intake"; readonly days: number; readonly id: number; readonly grid: number; readonly category: number; readonly source: number; readonly personal: boolean }
  | { readonly kind: "assign"; readonly days: number; readonly demand: number; readonly worker: number }
  | { readonly kind: "start" | "resolve" | "reopen" | "reject"; readonly days: number; readonly demand: number }
  | { readonly kind: "close"; readonly days: number; readonly demand: number; readonly satisfaction: number | null }
  | { readonly kind: "duplicate"; readonly days: number; readonly demand: number; readonly of: number }
  | { readonly kind: "sweep"; readonly days: number }

/**
 * The scaffold's grids, by suffix of the tenant: blocks A and B (A staffed), their
 * compound, sector, community, street 001; block C in street 002; an unknown grid last.
 *
 * @since 0.5.0
 * @category constants
 */
export const grids = ["001001001001001", "001001001001002", "001001001001", "001001001", "001001", "001", "002001001001001", "001009"] as const
/**
 * The scaffold's workers: w0 the compound's responsible worker; w1 block A's; w2 serving
 * block B, not responsible; w3 block C's and its compound's (street 002); w4 the
 * community's; w9 unknown.
 *
 * @since 0.5.0
 * @category constants
 */
export const workers = ["w0", "w1", "w2", "w3", "w4", "w9"] as const
/**
 * The scaffold's places: h1, h2 households of block A; h3 of block B; s1 a merchant of
 * the compound; h4 a household of block C; x9 unknown.
 *
 * @since 0.5.0
 * @category constants
 */
export const places = ["h1", "h2", "h3", "s1", "h4", "x9"] as const
const targets = ["household", "merchant", "unit"] as const
const categories = ["safety", "sanitation", "property", "dispute", "welfare", "nosuch"] as const
const sources = ["resident", "hotline", "door_knocking", "visit"] as const
const satisfactions = ["satisfied", "basically", "unsatisfied"] as const

const index = (max: number) => fc.integer({ min: 0, max })
const days = fc.constantFrom(0, 0, 1, 1, 1, 2, 3, 5, 8, -1)
const demand = index(5)

const intent: fc.Arbitrary<Intent> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("visit" as const),
      days,
      id: index(4),
      worker: fc.constantFrom(0, 1, 1, 2, 3, 4, 5),
      grid: fc.constantFrom(0, 0, 1, 2, 6, 7),
      target: fc.constantFrom(0, 0, 0, 1, 2),
      place: fc.option(index(5), { nil: null }),
      demands: fc.array(fc.record({ id: demand, category: index(5), grid: fc.option(index(7), { nil: null }) }), { maxLength: 2 })
    })
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("intake" as const),
      days,
      id: demand,
      grid: fc.constantFrom(0, 0, 1, 2, 3, 6, 7),
      category: fc.constantFrom(0, 0, 1, 1, 2, 3, 4, 5),
      source: fc.constantFrom(0, 0, 1, 2, 3),
      personal: fc.boolean()
    })
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("assign" as const), days, demand, worker: index(5) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom("start" as const, "resolve" as const), days, demand }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom("reopen" as const, "reject" as const), days, demand }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("close" as const), days, demand, satisfaction: fc.option(index(2), { nil: null, freq: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("duplicate" as const), days, demand, of: fc.constantFrom(0, 1, 2, 3, 4, 5, 8) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("sweep" as const), days }) }
)

/**
 * A demand walked from intake to its return visit, a day or so a step: perhaps reopened
 * once on the way, or another demand taken in after it and folded into it.
 */
const walk = fc.record({
  id: demand,
  other: demand,
  grid: fc.constantFrom(0, 1, 6),
  category: index(4),
  satisfaction: index(2),
  days: fc.constantFrom(0, 1, 2, 4),
  extra: fc.constantFrom("none", "none", "reopen", "duplicate")
}).map((w): ReadonlyArray<Intent> => [
  { kind: "intake", days: 1, id: w.id, grid: w.grid, category: w.category, source: 0, personal: true },
  ...(w.extra === "duplicate"
    ? [
      { kind: "intake", days: 0, id: w.other, grid: w.grid, category: w.category, source: 1, personal: false } as const,
      { kind: "duplicate", days: 0, demand: w.other, of: w.id } as const
    ]
    : []),
  // Handed to another worker of its line: the compound's (block C's own in street 002).
  ...(w.extra === "none" ? [{ kind: "assign", days: 0, demand: w.id, worker: w.grid === 6 ? 3 : 0 } as const] : []),
  { kind: "start", days: w.days, demand: w.id },
  { kind: "resolve", days: w.days, demand: w.id },
  ...(w.extra === "reopen"
    ? [{ kind: "reopen", days: 1, demand: w.id } as const, { kind: "resolve", days: w.days, demand: w.id } as const]
    : []),
  { kind: "close", days: 1, demand: w.id, satisfaction: w.satisfaction }
])

/**
 * Sequences of intents: single intents of every kind, and demands walked from intake
 * to their return visit.
 *
 * @since 0.5.0
 * @category arbitraries
 */
export const intents = (max = 30): fc.Arbitrary<ReadonlyArray<Intent>> =>
  fc.array(fc.oneof({ weight: 6, arbitrary: intent.map((i) => [i]) }, { weight: 1, arbitrary: walk }), {
    minLength: Math.min(5, max),
    maxLength: max
  }).map((groups) => groups.flat().slice(0, max + 10))

/** The first minute the intents' clock shows. */
const start = Date.parse("2024-03-01T09:00:00Z")

const minuteOf = (ms: number) => new Date(ms).toISOString().slice(0, 16)

/**
 * Turns intents into command inputs for a tenant, on the intents' running clock (a
 * minute of the day after each intent, so that events of one day keep their order).
 *
 * @since 0.5.0
 * @category resolution
 */
export const resolveAll = (tenant: string, intents: ReadonlyArray<Intent>): ReadonlyArray<unknown> => {
  let clock = start
  return intents.map((intent, i) => {
    clock += intent.days * 86_400_000 + 60_000
    return resolve(tenant, intent, minuteOf(clock + (i % 7 === 6 && intent.kind === "intake" ? 800 * 86_400_000 : 0)))
  })
}

/**
 * Turns one intent into a command input for a tenant at a minute.
 *
 * @since 0.5.0
 * @category resolution
 */
export const resolve = (tenant: string, intent: Intent, at: string): unknown => {
  const grid = (i: number) => `${tenant}${grids[i]}`
  const demandId = (i: number) => (i === 8 ? "nosuch" : `d${i}`)
  switch (intent.kind) {
    case "visit":
      return {
        _tag: "RecordVisit",
        id: `v${intent.id}`,
        workerId: workers[intent.worker],
        gridCode: grid(intent.grid),
        target: targets[intent.target],
        placeId: intent.place === null ? null : places[intent.place],
        at,
        updated: ["人口信息", "联系方式"],
        demands: intent.demands.map((d) => ({
          id: demandId(d.id),
          category: categories[d.category],
          description: "楼道灯不亮，住户电话13912345678",
          address: "衡水市桃城区某小区3号楼2单元",
          lat: 37.7391234,
          long: 115.6701234,
          ...(d.grid === null ? {} : { gridCode: grid(d.grid) })
        }))
      }
    case "intake":
      return {
        _tag: "IntakeDemand",
        id: demandId(intent.id),
        gridCode: grid(intent.grid),
        category: categories[intent.category],
        source: sources[intent.source],
        description: "小区门口垃圾堆放",
        ...(intent.personal ? { address: "衡水市桃城区人民路88号", lat: 37.7312345, long: 115.6854321 } : {}),
        requestedAt: at
      }
    case "assign":
      return { _tag: "AssignDemand", demandId: demandId(intent.demand), workerId: workers[intent.worker], at }
    case "start":
      return { _tag: "StartDemand", demandId: demandId(intent.demand), at }
    case "resolve":
      return { _tag: "ResolveDemand", demandId: demandId(intent.demand), at, note: "已修复，联系人＋８６１３９１２３４５６７８" }
    case "reopen":
      return { _tag: "ReopenDemand", demandId: demandId(intent.demand), at, reason: "居民反映问题仍在" }
    case "reject":
      return { _tag: "RejectDemand", demandId: demandId(intent.demand), at, reason: "属供电公司职责，居民电话139 1234 5678" }
    case "close":
      return {
        _tag: "CloseDemand",
        demandId: demandId(intent.demand),
        at,
        ...(intent.satisfaction === null ? {} : { satisfaction: satisfactions[intent.satisfaction], note: "电话回访" })
      }
    case "duplicate":
      return { _tag: "MarkDuplicate", demandId: demandId(intent.demand), of: demandId(intent.of), at }
    case "sweep":
      return { _tag: "EscalateOverdue", asOf: at }
  }
}

/**
 * The scaffold: the grids of {@link grids} (but the unknown one), the workers of
 * {@link workers} with their assignments, and the places of {@link places}, from
 * 2024-01-01.
 *
 * @since 0.5.0
 * @category resolution
 */
export const scaffold = (tenant: string): ReadonlyArray<unknown> => {
  const at = "2024-01-01"
  const t = (suffix: string) => `${tenant}${suffix}`
  const grid = (code: string, name: string) => ({
    _tag: "CreateGrid",
    code: t(code),
    name,
    parentCode: code === "" ? null : t(code.slice(0, code.length - 3)),
    validFrom: at
  })
  const worker = (id: string, community: string) => ({
    _tag: "RegisterWorker", id, name: `网格员${id}`, category: "community_worker", communityCode: t(community), employment: "full_time", phone: "13812345678", at
  })
  const assign = (workerId: string, code: string, responsible: boolean) => ({
    _tag: "AssignWorker", workerId, gridCode: t(code), post: responsible ? "网格长" : "网格员", responsible, duties: ["走访", "收集诉求"], at
  })
  const place = (id: string, kind: string, code: string) => ({ _tag: "PlacePlace", id, kind, name: `住户${id}`, address: "某路1号", gridCode: t(code), at })
  return [
    grid("", "区"),
    grid("001", "河西街道"),
    grid("002", "河东街道"),
    grid("001001", "明珠社区"),
    grid("001001001", "第一片区"),
    grid("001001001001", "明珠小区"),
    grid("001001001001001", "1号楼1单元"),
    grid("001001001001002", "1号楼2单元"),
    grid("002001", "锦华社区"),
    grid("002001001", "锦华片区"),
    grid("002001001001", "锦华小区"),
    grid("002001001001001", "8号楼1单元"),
    worker("w0", "001001"),
    worker("w1", "001001"),
    worker("w2", "001001"),
    worker("w3", "002001"),
    worker("w4", "001001"),
    assign("w0", "001001001001", true),
    assign("w1", "001001001001001", true),
    assign("w2", "001001001001002", false),
    assign("w3", "002001001001001", true),
    assign("w3", "002001001001", true),
    assign("w4", "001001", true),
    place("h1", "household", "001001001001001"),
    place("h2", "household", "001001001001001"),
    place("h3", "household", "001001001001002"),
    place("s1", "merchant", "001001001001"),
    place("h4", "household", "002001001001001")
  ]
}

/**
 * Writes the scaffold through `Grids`.
 *
 * @since 0.5.0
 * @category running
 */
export const writeScaffold = (tenant: string): Effect.Effect<void, never, Grids.Grids> =>
  Effect.flatMap(Grids.Grids, (g) => g.executeAllUnknown(Actor.system(tenant), scaffold(tenant))).pipe(Effect.orDie, Effect.asVoid)

/**
 * What a tenant's demand tables and audit log hold.
 *
 * @since 0.5.0
 * @category models
 */
export interface History {
  readonly visits: ReadonlyArray<Visit.Visit>
  readonly demands: ReadonlyArray<Demand.Demand>
  readonly events: ReadonlyArray<Demand.DemandEvent>
  readonly audit: ReadonlyArray<AuditEntry.AuditEntry>
}

/**
 * What the demand tables and the audit log hold for a tenant.
 *
 * @since 0.5.0
 * @category running
 */
export const history = (tenant: string): Effect.Effect<History, StoreError.StoreError, Store.Store> =>
  Effect.gen(function*() {
    const store = yield* DemandStore.DemandStore
    const t = tenant as never
    const demands = yield* store.demands.demandsIn(t, tenant)
    return {
      visits: yield* store.visits.visitsIn(t, tenant),
      demands,
      events: demands.length === 0 ? [] : yield* store.demands.eventsOf(t, demands.map((d) => d.id)),
      audit: yield* (yield* AuditLog.AuditLog).list(t, { afterSeq: 0, limit: 1_000_000 })
    }
  })

/**
 * What happened to one command: its changes, or its refusal's tag, rule and field.
 *
 * @since 0.5.0
 * @category models
 */
export type Outcome = Outcomes.Outcome<DemandChanges.DemandChanges>

/**
 * Writes the scaffold, then runs intents one by one through `Demands.execute` as the
 * tenant's system actor (or the actor given). Checks after every refusal that nothing
 * was written (dies otherwise) and returns what happened.
 *
 * @since 0.5.0
 * @category running
 */
export const run = (
  tenant: string,
  intents: ReadonlyArray<Intent>,
  options: { readonly checkRefusals?: boolean; readonly actor?: Actor.Actor; readonly scaffold?: boolean } = {}
): Effect.Effect<ReadonlyArray<Outcome>, StoreError.StoreError, Grids.Grids | DemandsService.Demands | Store.Store> =>
  Effect.gen(function*() {
    if (options.scaffold !== false) yield* writeScaffold(tenant)
    const service = yield* DemandsService.Demands
    const actor = options.actor ?? Actor.system(tenant)
    return yield* Outcomes.runEach(
      resolveAll(tenant, intents),
      (command) => service.executeUnknown(actor, command),
      options.checkRefusals === false ? undefined : history(tenant)
    )
  })

/**
 * The answers the read side gives, as a viewer of the whole tenant (so no read of
 * personal data is audited) and as one of street 002: what stores must agree on.
 *
 * @since 0.5.0
 * @category running
 */
export const answers = (tenant: string): Effect.Effect<ReadonlyArray<unknown>, unknown, DemandsService.Demands | Store.Store> =>
  Effect.gen(function*() {
    const service = yield* DemandsService.Demands
    const out: Array<unknown> = [yield* history(tenant)]
    for (const scope of [tenant, `${tenant}002`]) {
      const viewer = Actor.make({ id: "viewer", tenant, roles: ["viewer"], scope })
      out.push(
        yield* service.demands(viewer),
        yield* service.stats(viewer, { from: "2024-03-01", to: "2024-06-01" }),
        yield* service.stats(viewer, { from: "2024-01-01", to: "2025-07-01" }),
        yield* service.coverage(viewer, { asOf: "2024-04-30", days: 30 }),
        yield* service.overdue(viewer, { asOf: "2024-06-01T00:00" }),
        yield* service.requests(viewer),
        yield* service.visits(viewer, { from: "2024-01-01", to: "2025-07-01" })
      )
    }
    return out
  })
