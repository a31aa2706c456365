/**
 * Random grid operation sequences. An intent says what to try ("move the 3rd grid
 * under the 1st candidate parent, 40 days on"); it is resolved against the state the
 * store holds on that day, so the same intents produce the same commands on every
 * store that answers the same — which is what the differential test checks. Some
 * intents resolve to commands the rules must refuse, and some are junk input.
 *
 * @since 0.1.0
 */
import { Actor, CreditCode, GridConfig, Grids, IsoDate, LevelScheme, type Store } from "@jiceng/core"
import type { AuditEntry, Grid, Place, StoreError, Worker } from "@jiceng/core"
import { Effect, Either, Option, Schema } from "effect"
import * as StorePorts from "../conformance/StorePorts.js"

const Index = Schema.Int.pipe(Schema.between(0, 1000))
/**
 * Days after the previous step; negative values try to backdate, and one step in three
 * stays on the same day (a same-day correction supersedes what that day recorded).
 */
const Step = Schema.Union(
  Schema.Literal(0),
  Schema.Int.pipe(Schema.between(-40, -1)),
  Schema.Int.pipe(Schema.between(1, 90))
)

/**
 * One random operation to attempt.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Intent = Schema.Union(
  Schema.Struct({ op: Schema.Literal("create"), parent: Index, segment: Index, step: Step }),
  Schema.Struct({ op: Schema.Literal("create"), parent: Index, segment: Index, step: Step }),
  // A planned end (validTo) some days on: an end that is not a change.
  Schema.Struct({
    op: Schema.Literal("create"),
    parent: Index,
    segment: Index,
    step: Step,
    lasts: Schema.Int.pipe(Schema.between(1, 400))
  }),
  Schema.Struct({ op: Schema.Literal("rename"), target: Index, step: Step }),
  Schema.Struct({ op: Schema.Literal("move"), target: Index, parent: Index, segment: Schema.optional(Index), step: Step }),
  Schema.Struct({ op: Schema.Literal("split"), target: Index, segment: Index, step: Step }),
  Schema.Struct({ op: Schema.Literal("merge"), a: Index, b: Index, step: Step }),
  Schema.Struct({ op: Schema.Literal("close"), target: Index, step: Step }),
  Schema.Struct({ op: Schema.Literal("place"), place: Index, target: Index, step: Step }),
  Schema.Struct({
    op: Schema.Literal("worker"),
    worker: Index,
    community: Index,
    category: Index,
    fullTime: Schema.Boolean,
    step: Step
  }),
  Schema.Struct({ op: Schema.Literal("assign"), worker: Index, target: Index, responsible: Schema.Boolean, step: Step }),
  Schema.Struct({ op: Schema.Literal("end"), assignment: Index, step: Step }),
  Schema.Struct({
    op: Schema.Literal("junk"),
    tag: Schema.Literal("CreateGrid", "MoveGrid", "PlacePlace", "AssignWorker", "RegisterWorker", "Nope"),
    code: Schema.String.pipe(Schema.maxLength(24)),
    date: Schema.String.pipe(Schema.maxLength(12))
  })
)

/**
 * @since 0.1.0
 * @category models
 */
export type Intent = typeof Intent.Type

/**
 * A sequence of up to `max` intents; use with `it.prop` or `Arbitrary.make`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Intents = (max = 30) => Schema.Array(Intent).pipe(Schema.minItems(Math.min(5, max)), Schema.maxItems(max))

/** Where each kind of place goes by default, and a kind's index. */
const kinds = ["residential_building", "merchant", "work_unit", "household", "office_building"] as const
const levelOfKind = (kind: (typeof kinds)[number]): "compound" | "sector" | "block" =>
  kind === "household" ? "block" : kind === "residential_building" ? "compound" : "sector"

/**
 * A valid 统一社会信用代码 for the n-th work unit of a tenant (registered by 工商 as an
 * enterprise, in the tenant's region).
 *
 * @since 0.2.0
 * @category resolution
 */
export const creditCode = (tenant: string, n: number): string => {
  const first17 = `91${tenant}MA${String(n).padStart(7, "0")}`
  return first17 + CreditCode.checkCharacter(first17)
}

/**
 * A small tree every run starts from, so that random operations meet grids at every
 * level: 2 streets, 3 communities, 4 sectors, 5 compounds, 8 blocks, 4 workers (3 of
 * the blocks with a responsible worker) and 6 places at their levels, all from `start`.
 *
 * @since 0.1.0
 * @category resolution
 */
export const baseTree = (tenant: string, start: string): ReadonlyArray<unknown> => {
  const grid = (code: string, parentCode: string | null) => ({
    _tag: "CreateGrid",
    code,
    name: `网格${code.slice(-3)}`,
    parentCode,
    validFrom: start
  })
  const s = [tenant + "001", tenant + "002"]
  const c = [s[0] + "001", s[0] + "002", s[1] + "001"]
  const sec = [c[0] + "001", c[0] + "002", c[1] + "001", c[2] + "001"]
  const comp = [sec[0] + "001", sec[0] + "002", sec[1] + "001", sec[2] + "001", sec[3] + "001"]
  const blocks = [
    comp[0] + "001", comp[0] + "002", comp[1] + "001", comp[2] + "001",
    comp[2] + "002", comp[3] + "001", comp[4] + "001", comp[4] + "002"
  ]
  const parentOf = (code: string) => code.slice(0, code.length - 3)
  const at = { household: blocks, residential_building: comp, merchant: sec, work_unit: sec, office_building: comp }
  return [
    grid(tenant, null),
    ...[...s, ...c, ...sec, ...comp, ...blocks].map((code) => grid(code, parentOf(code))),
    ...[0, 1, 2, 3].map((i) => ({
      _tag: "RegisterWorker",
      id: `W${i}`,
      name: `网格员${i}`,
      category: i % 2 === 0 ? "community_worker" : "veteran_placement",
      communityCode: c[i % 3],
      employment: i % 2 === 0 ? "full_time" : "part_time",
      phone: "13800138000",
      at: start
    })),
    ...[0, 1, 2].map((i) => ({
      _tag: "AssignWorker",
      workerId: `W${i === 2 ? 1 : 0}`,
      gridCode: blocks[i === 2 ? 5 : i],
      post: "网格长",
      responsible: true,
      duties: ["走访"],
      at: start
    })),
    ...[0, 1, 2, 3, 4, 5].map((i) => {
      const kind = kinds[i % kinds.length]!
      return {
        _tag: "PlacePlace",
        id: `P${i}`,
        kind,
        name: `场所${i}`,
        address: `地址${i}`,
        ...(kind === "work_unit" ? { creditCode: creditCode(tenant, i) } : {}),
        gridCode: at[kind][i % at[kind].length],
        at: start
      }
    })
  ]
}

/**
 * What happened to one intent: the command it resolved to and `ok` or the error's
 * tag and rule.
 *
 * @since 0.1.0
 * @category models
 */
export interface Outcome {
  readonly command: unknown
  readonly result: string
}

const pick = <A>(items: ReadonlyArray<A>, index: number): A | undefined =>
  items.length === 0 ? undefined : items[index % items.length]

const segmentOf = (scheme: LevelScheme.LevelScheme, level: number, n: number): string => {
  const width = scheme.levels[level]?.segmentWidth ?? 3
  return String((n % 20) + 1).padStart(width, "0")
}

/**
 * Turns an intent into a command input, given what the store holds on the day.
 *
 * @since 0.1.0
 * @category resolution
 */
export const resolve = (
  scheme: LevelScheme.LevelScheme,
  tenant: string,
  state: {
    readonly at: string
    readonly grids: ReadonlyArray<Grid.Grid>
    readonly assignments: ReadonlyArray<{ readonly id: string }>
    readonly links: ReadonlyArray<{ readonly placeId: string; readonly gridCode: string }>
    /** Workers' terms valid on the day. */
    readonly terms: ReadonlyArray<Worker.WorkerTerm>
  },
  intent: Intent,
  categories: ReadonlyArray<string>
): unknown => {
  const { at, grids } = state
  const nonRoot = grids.filter((g) => g.parentCode !== null)
  switch (intent.op) {
    case "create": {
      const parent = pick(grids, intent.parent)
      if (parent === undefined) return { _tag: "CreateGrid", code: tenant, name: "区", parentCode: null, validFrom: at }
      const level = parent.level + 1
      const code = parent.code + segmentOf(scheme, Math.min(level, LevelScheme.lowest(scheme)), intent.segment)
      const planned = "lasts" in intent ? { validTo: IsoDate.addDays(IsoDate.unsafeMake(at), intent.lasts) } : {}
      return { _tag: "CreateGrid", code, name: `网格${code.slice(-3)}`, parentCode: parent.code, validFrom: at, ...planned }
    }
    case "rename": {
      const target = pick(grids, intent.target)
      return { _tag: "RenameGrid", code: target?.code ?? tenant, name: `更名${at}`, at }
    }
    case "move": {
      const target = pick(nonRoot, intent.target)
      if (target === undefined) return { _tag: "MoveGrid", code: tenant + "001", newParentCode: tenant, at }
      const parents = grids.filter((g) => g.level === target.level - 1 || g.code.startsWith(target.code))
      const parent = pick(parents, intent.parent) ?? target
      const segment = intent.segment === undefined ? {} : { segment: segmentOf(scheme, target.level, intent.segment) }
      return { _tag: "MoveGrid", code: target.code, newParentCode: parent.code, ...segment, at }
    }
    case "split": {
      const target = pick(nonRoot, intent.target)
      if (target === undefined) return { _tag: "SplitGrid", code: tenant, at, parts: [] }
      const sibling = (target.parentCode ?? "") + segmentOf(scheme, target.level, intent.segment)
      const children = grids.filter((g) => g.parentCode === target.code).map((g) => g.code)
      const places = state.links.filter((l) => l.gridCode === target.code).map((l) => l.placeId)
      // A community's workers: every other one named, the rest left to inference.
      const workers = state.terms.filter((t) => t.communityCode === target.code).map((t) => t.workerId)
      const half = (items: ReadonlyArray<string>, odd: number) => items.filter((_, i) => i % 2 === odd)
      const named = (odd: number) => workers.filter((_, i) => i % 4 === odd * 2)
      return {
        _tag: "SplitGrid",
        code: target.code,
        at,
        parts: [
          { code: target.code, name: "甲", children: half(children, 0), places: half(places, 0), workers: named(0) },
          { code: sibling, name: "乙", children: half(children, 1), places: half(places, 1), workers: named(1) }
        ]
      }
    }
    case "merge": {
      const a = pick(nonRoot, intent.a)
      const peers = nonRoot.filter((g) => a !== undefined && g.parentCode === a.parentCode && g.code !== a.code)
      const b = pick(peers, intent.b)
      return {
        _tag: "MergeGrids",
        codes: [a?.code ?? tenant, b?.code ?? tenant],
        into: { code: a?.code ?? tenant, name: "合并" },
        at
      }
    }
    case "close": {
      const target = pick(nonRoot, intent.target)
      return { _tag: "CloseGrid", code: target?.code ?? tenant, at }
    }
    case "place": {
      // Mostly a grid of the level the kind goes into; one time in five any grid. An
      // id keeps its kind (one in nine tries another, to reach the refusal).
      const id = intent.place % 12
      const kind = kinds[(id + (intent.target % 9 === 0 ? 1 : 0)) % kinds.length]!
      const key = levelOfKind(kind)
      const fitting = grids.filter((g) => scheme.levels[g.level]?.key === key)
      const target = intent.target % 5 !== 0 ? pick(fitting, Math.floor(intent.target / 5)) : pick(grids, intent.target)
      return {
        _tag: "PlacePlace",
        id: `P${id}`,
        kind,
        name: `场所${id}`,
        address: `地址${intent.place}`,
        // One work unit in seven comes without its code, to reach the refusal.
        ...(kind === "work_unit" && intent.place % 7 !== 0 ? { creditCode: creditCode(tenant, id) } : {}),
        gridCode: target?.code ?? tenant,
        at
      }
    }
    case "worker": {
      const communities = grids.filter((g) => g.level === LevelScheme.communityLevel(scheme))
      const community = pick(communities, intent.community) ?? pick(grids, intent.community)
      return {
        _tag: "RegisterWorker",
        id: `W${intent.worker % 8}`,
        name: `网格员${intent.worker % 8}`,
        // One index in fourteen names no configured category.
        category: categories[intent.category % (categories.length + 1)] ?? "unknown_category",
        communityCode: community?.code ?? tenant,
        employment: intent.fullTime ? "full_time" : "part_time",
        phone: "13800138000",
        at
      }
    }
    case "assign": {
      // Mostly a grid inside the worker's community, so that assignments (and the
      // one-responsible rule) are reached; one time in four any grid, to hit the refusals.
      const communities = new Map(state.terms.map((t) => [t.workerId as string, t.communityCode as string]))
      const known = [...communities.keys()].sort()
      const workerId = intent.worker % 4 !== 0 && known.length > 0
        ? known[Math.floor(intent.worker / 4) % known.length]!
        : `W${intent.worker % 8}`
      const community = communities.get(workerId)
      const inside = community === undefined ? [] : grids.filter((g) => g.code.startsWith(community))
      const target = intent.target % 4 !== 0 && inside.length > 0
        ? pick(inside, Math.floor(intent.target / 4))
        : pick(grids, intent.target)
      return {
        _tag: "AssignWorker",
        workerId,
        gridCode: target?.code ?? tenant,
        post: intent.responsible ? "网格长" : "网格员",
        responsible: intent.responsible,
        duties: ["走访", "信息采集"],
        at
      }
    }
    case "end": {
      const assignment = pick(state.assignments, intent.assignment)
      return { _tag: "EndAssignment", id: assignment?.id ?? "none", at }
    }
    case "junk":
      return intent.tag === "Nope"
        ? { _tag: intent.tag, code: intent.code }
        : { _tag: intent.tag, code: intent.code, parentCode: intent.code, validFrom: intent.date, at: intent.date }
  }
}

/**
 * Everything a store holds for a tenant.
 *
 * @since 0.1.0
 * @category models
 */
export interface History {
  readonly grids: ReadonlyArray<Grid.Grid>
  readonly links: ReadonlyArray<Place.PlaceLink>
  readonly assignments: ReadonlyArray<Worker.Assignment>
  readonly terms: ReadonlyArray<Worker.WorkerTerm>
  /** The places the links name. */
  readonly places: ReadonlyArray<Place.Place>
  /** Audit entries without their times, which differ between runs. */
  readonly audit: ReadonlyArray<Omit<AuditEntry.AuditEntry, "atMs">>
}

/** Everything a store holds for a tenant: what a refused command must leave alone. */
const snapshot = (tenant: string): Effect.Effect<History, StoreError.StoreError, Store.Store> =>
  Effect.gen(function*() {
    const store = yield* StorePorts.all
    const t = tenant as never
    const links = yield* store.places.history(t, tenant)
    return {
      grids: yield* store.grids.history(t, tenant),
      links,
      assignments: yield* store.workers.history(t, tenant),
      terms: yield* store.workers.termHistory(t, tenant),
      places: yield* store.places.getMany(t, links.map((l) => l.placeId)),
      audit: (yield* store.audit.list(t, { afterSeq: 0, limit: Infinity })).map(({ atMs: _, ...e }) => e)
    }
  })

/**
 * The full history of a tenant (grids, links, places, terms, assignments, audit without times).
 *
 * @since 0.1.0
 * @category running
 */
export const history = snapshot

/**
 * Runs intents against the Grids service as the tenant's system actor, one day
 * cursor moving by each intent's step from `start`. Checks after every refusal that
 * nothing was written (throws otherwise) and returns what happened.
 *
 * @since 0.1.0
 * @category running
 */
export const run = (
  tenant: string,
  intents: ReadonlyArray<Intent>,
  options: { readonly start?: string; readonly checkRefusals?: boolean } = {}
): Effect.Effect<ReadonlyArray<Outcome>, Grids.GridReadError, Grids.Grids | GridConfig.GridConfig | Store.Store> =>
  Effect.gen(function*() {
    const grids = yield* Grids.Grids
    const { scheme, workerCategories } = yield* GridConfig.GridConfig
    const actor = Actor.system(tenant)
    const categories = workerCategories.map((c) => c.key)
    let day = IsoDate.unsafeMake(options.start ?? "2023-01-01")
    const base = baseTree(tenant, day)
    yield* grids.executeAllUnknown(actor, base).pipe(Effect.orDie)
    const outcomes: Array<Outcome> = []
    const store = yield* StorePorts.all
    for (const intent of intents) {
      if ("step" in intent) day = IsoDate.addDays(day, intent.step)
      const at = day
      const state = {
        at,
        grids: yield* grids.subtree(actor, { at }),
        assignments: yield* grids.assignments(actor, { at }),
        links: yield* grids.placeLinks(actor, { at }),
        terms: yield* store.workers.termsInSubtree(actor.tenant, tenant, at)
      }
      const command = resolve(scheme, tenant, state, intent, categories)
      const before = options.checkRefusals === false ? undefined : yield* snapshot(tenant)
      const result = yield* Effect.either(grids.executeUnknown(actor, command))
      if (Either.isLeft(result)) {
        const error = result.left
        if (before !== undefined) {
          const after = yield* snapshot(tenant)
          if (JSON.stringify(after) !== JSON.stringify(before)) {
            return yield* Effect.die(new Error(`refused ${JSON.stringify(command)} but the store changed`))
          }
        }
        outcomes.push({ command, result: `${error._tag}:${"rule" in error ? error.rule : error.message}` })
      } else {
        outcomes.push({ command, result: "ok" })
      }
    }
    return outcomes
  })

/**
 * The answers the read side gives on a few days: what stores must agree on.
 *
 * @since 0.1.0
 * @category running
 */
export const answers = (
  tenant: string,
  days: ReadonlyArray<string>
): Effect.Effect<ReadonlyArray<unknown>, Grids.GridReadError, Grids.Grids | Store.Store> =>
  Effect.gen(function*() {
    const grids = yield* Grids.Grids
    const actor = Actor.system(tenant)
    const out: Array<unknown> = [yield* snapshot(tenant)]
    for (const at of days) {
      out.push({
        at,
        levels: yield* grids.countByLevel(actor, { at }),
        workers: yield* grids.countWorkersByCategory(actor, { at }),
        places: yield* grids.countPlaces(actor, { at }),
        alerts: yield* grids.check(actor, { at }),
        subtree: yield* grids.subtree(actor, { at }),
        first: Option.getOrNull(yield* grids.resolve(actor, tenant + "001", at))
      })
    }
    return out
  })
