/**
 * The in-memory Store: for tests, examples and embedding without a database. State
 * lives in persistent maps, so a transaction works on a snapshot taken in O(1) and
 * commits by swapping it in; one writer at a time, as in the SQL stores.
 *
 * @since 0.1.0
 */
import { Chunk, Effect, FiberRef, HashMap, Layer, Option, Ref } from "effect"
import type { AuditEntry } from "../audit/AuditEntry.js"
import type { StoreError } from "../errors/StoreError.js"
import { type Grid, inSubtree, validAt } from "../grid/Grid.js"
import type { LevelCount } from "../grid/GridRepository.js"
import type { Place, PlaceKind, PlaceLink } from "../grid/Place.js"
import type { KindCount } from "../grid/PlaceRepository.js"
import type { Assignment, Worker } from "../grid/Worker.js"
import type { CategoryCount } from "../grid/WorkerRepository.js"
import type { IsoDate } from "../time/IsoDate.js"
import { Store, type StoreShape } from "./Store.js"

interface TenantState {
  readonly grids: HashMap.HashMap<string, Grid>
  readonly places: HashMap.HashMap<string, Place>
  readonly links: HashMap.HashMap<string, PlaceLink>
  readonly workers: HashMap.HashMap<string, Worker>
  readonly assignments: HashMap.HashMap<string, Assignment>
  readonly audit: Chunk.Chunk<AuditEntry>
}

/** Tenants never share rows, so each has its own maps and scans stay within one tenant. */
type State = HashMap.HashMap<string, TenantState>

const emptyTenant: TenantState = {
  grids: HashMap.empty(),
  places: HashMap.empty(),
  links: HashMap.empty(),
  workers: HashMap.empty(),
  assignments: HashMap.empty(),
  audit: Chunk.empty()
}

const key = (...parts: ReadonlyArray<string>): string => parts.join("\u0000")

const byString = <A>(f: (a: A) => string) => (a: A, b: A): number => {
  const x = f(a)
  const y = f(b)
  return x < y ? -1 : x > y ? 1 : 0
}

const latest = (dates: Iterable<IsoDate | null>): Option.Option<IsoDate> => {
  let max: IsoDate | undefined
  for (const d of dates) if (d !== null && (max === undefined || d > max)) max = d
  return Option.fromNullable(max)
}

const counted = <K extends string>(keys: Iterable<K>): Array<[K, number]> => {
  const counts = new Map<K, number>()
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1)
  return [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}

const values = <A>(map: HashMap.HashMap<string, A>): Array<A> => Array.from(HashMap.values(map))

/**
 * Builds a fresh, empty memory store.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<StoreShape> = Effect.gen(function*() {
  const committed = yield* Ref.make<State>(HashMap.empty())
  const current = yield* Effect.sync(() => FiberRef.unsafeMake<Option.Option<Ref.Ref<State>>>(Option.none()))
  const lock = yield* Effect.makeSemaphore(1)

  const read = <A>(tenant: string, f: (s: TenantState) => A): Effect.Effect<A, StoreError> =>
    Effect.flatMap(FiberRef.get(current), (tx) =>
      Effect.map(
        Ref.get(Option.getOrElse(tx, () => committed)),
        (state) => f(Option.getOrElse(HashMap.get(state, tenant), () => emptyTenant))
      ))

  const modify = (tenant: string, f: (s: TenantState) => TenantState): Effect.Effect<void, StoreError> => {
    const update = (state: State): State =>
      HashMap.set(state, tenant, f(Option.getOrElse(HashMap.get(state, tenant), () => emptyTenant)))
    return Effect.flatMap(FiberRef.get(current), (tx) =>
      Option.match(tx, {
        onNone: () => lock.withPermits(1)(Ref.update(committed, update)),
        onSome: (ref) => Ref.update(ref, update)
      }))
  }

  /** Writes rows that each name their tenant, tenant by tenant. */
  const modifyRows = <A extends { readonly tenant: string }>(
    rows: ReadonlyArray<A>,
    f: (s: TenantState, rows: ReadonlyArray<A>) => TenantState
  ): Effect.Effect<void, StoreError> =>
    Effect.forEach(
      [...new Set(rows.map((r) => r.tenant))],
      (tenant) => modify(tenant, (s) => f(s, rows.filter((r) => r.tenant === tenant))),
      { discard: true }
    )

  const gridsAt = (s: TenantState, root: string, at: IsoDate): Array<Grid> =>
    values(s.grids).filter((g) => inSubtree(root, g.code) && validAt(g, at))

  const linksAt = (s: TenantState, root: string, at: IsoDate): Array<PlaceLink> =>
    values(s.links).filter((l) => inSubtree(root, l.gridCode) && validAt(l, at))

  const assignmentsAt = (s: TenantState, root: string, at: IsoDate): Array<Assignment> =>
    values(s.assignments).filter((a) => inSubtree(root, a.gridCode) && validAt(a, at))

  /** Ends the rows among `keys` on a day; rows already ended earlier keep their end. */
  const closeWhere = <A extends { readonly validTo: IsoDate | null }>(
    map: HashMap.HashMap<string, A>,
    keys: ReadonlyArray<string>,
    validTo: IsoDate
  ): HashMap.HashMap<string, A> =>
    keys.reduce(
      (m, k) => HashMap.modify(m, k, (row) => (row.validTo === null || row.validTo > validTo ? { ...row, validTo } : row)),
      map
    )

  const store: StoreShape = {
    grids: {
      insert: (grids) =>
        modifyRows(grids, (s, rows) => ({ ...s, grids: rows.reduce((m, g) => HashMap.set(m, g.id, g), s.grids) })),
      close: (tenant, ids, validTo) => modify(tenant, (s) => ({ ...s, grids: closeWhere(s.grids, ids, validTo) })),
      byId: (tenant, id) => read(tenant, (s) => HashMap.get(s.grids, id)),
      at: (tenant, code, at) =>
        read(tenant, (s) => Option.fromNullable(values(s.grids).find((g) => g.code === code && validAt(g, at)))),
      versions: (tenant, code) =>
        read(tenant, (s) => values(s.grids).filter((g) => g.code === code).sort(byString((g) => g.validFrom))),
      subtree: (tenant, root, at, level) =>
        read(tenant, (s) =>
          gridsAt(s, root, at)
            .filter((g) => level === undefined || g.level === level)
            .sort(byString((g) => g.code))
        ),
      countByLevel: (tenant, root, at) =>
        read(tenant, (s): ReadonlyArray<LevelCount> => {
          const counts = new Map<number, number>()
          for (const g of gridsAt(s, root, at)) counts.set(g.level, (counts.get(g.level) ?? 0) + 1)
          return [...counts].sort(([a], [b]) => a - b).map(([level, count]) => ({ level, count }))
        }),
      history: (tenant, root) =>
        read(tenant, (s) =>
          values(s.grids)
            .filter((g) => inSubtree(root, g.code))
            .sort(byString((g) => key(g.code, g.validFrom)))
        ),
      successors: (tenant, id) =>
        read(tenant, (s) =>
          values(s.grids)
            .filter((g) => g.predecessors.includes(id))
            .sort(byString((g) => g.id))
        ),
      latestChange: (tenant, root) =>
        read(tenant, (s) =>
          latest(
            values(s.grids)
              .filter((g) => inSubtree(root, g.code))
              .flatMap((g) => [g.validFrom, g.validTo])
          )
        )
    },
    places: {
      put: (places) =>
        modifyRows(places, (s, rows) => ({ ...s, places: rows.reduce((m, p) => HashMap.set(m, p.id, p), s.places) })),
      get: (tenant, id) => read(tenant, (s) => HashMap.get(s.places, id)),
      link: (links) =>
        modifyRows(links, (s, rows) => ({
          ...s,
          links: rows.reduce((m, l) => HashMap.set(m, key(l.placeId, l.validFrom), l), s.links)
        })),
      closeLinks: (tenant, keys, validTo) =>
        modify(tenant, (s) => ({
          ...s,
          links: closeWhere(s.links, keys.map((k) => key(k.placeId, k.validFrom)), validTo)
        })),
      linkAt: (tenant, id, at) =>
        read(tenant, (s) =>
          Option.fromNullable(values(s.links).find((l) => l.placeId === id && validAt(l, at)))
        ),
      links: (tenant, id) =>
        read(tenant, (s) =>
          values(s.links).filter((l) => l.placeId === id).sort(byString((l) => l.validFrom))
        ),
      linksInSubtree: (tenant, root, at) =>
        read(tenant, (s) => linksAt(s, root, at).sort(byString((l) => key(l.gridCode, l.placeId)))),
      history: (tenant, root) =>
        read(tenant, (s) =>
          values(s.links)
            .filter((l) => inSubtree(root, l.gridCode))
            .sort(byString((l) => key(l.placeId, l.validFrom)))
        ),
      countInSubtree: (tenant, root, at) => read(tenant, (s) => linksAt(s, root, at).length),
      countByKind: (tenant, root, at) =>
        read(tenant, (s): ReadonlyArray<KindCount> =>
          counted(
            linksAt(s, root, at).map((l) => l.placeId).flatMap((id) =>
              Option.toArray(Option.map(HashMap.get(s.places, id), (p): PlaceKind => p.kind))
            )
          ).map(([kind, count]) => ({ kind, count }))
        ),
      latestChange: (tenant, root) =>
        read(tenant, (s) =>
          latest(
            values(s.links)
              .filter((l) => inSubtree(root, l.gridCode))
              .flatMap((l) => [l.validFrom, l.validTo])
          )
        )
    },
    workers: {
      put: (workers) =>
        modifyRows(workers, (s, rows) => ({ ...s, workers: rows.reduce((m, w) => HashMap.set(m, w.id, w), s.workers) })),
      get: (tenant, id) => read(tenant, (s) => HashMap.get(s.workers, id)),
      getMany: (tenant, ids) =>
        read(tenant, (s) =>
          [...new Set(ids)]
            .flatMap((id) => Option.toArray(HashMap.get(s.workers, id)))
            .sort(byString((w) => w.id))
        ),
      assign: (assignments) =>
        modifyRows(assignments, (s, rows) => ({
          ...s,
          assignments: rows.reduce((m, a) => HashMap.set(m, a.id, a), s.assignments)
        })),
      closeAssignments: (tenant, ids, validTo) =>
        modify(tenant, (s) => ({ ...s, assignments: closeWhere(s.assignments, ids, validTo) })),
      assignmentsInSubtree: (tenant, root, at) =>
        read(tenant, (s) => assignmentsAt(s, root, at).sort(byString((a) => key(a.gridCode, a.id)))),
      assignmentsOfGrid: (tenant, gridCode) =>
        read(tenant, (s) =>
          values(s.assignments)
            .filter((a) => a.gridCode === gridCode)
            .sort(byString((a) => a.id))
        ),
      history: (tenant, root) =>
        read(tenant, (s) =>
          values(s.assignments)
            .filter((a) => inSubtree(root, a.gridCode))
            .sort(byString((a) => a.id))
        ),
      assignment: (tenant, id) => read(tenant, (s) => HashMap.get(s.assignments, id)),
      assignmentsOf: (tenant, id, at) =>
        read(tenant, (s) =>
          values(s.assignments)
            .filter((a) => a.workerId === id && validAt(a, at))
            .sort(byString((a) => a.id))
        ),
      countByCategory: (tenant, root, at) =>
        read(tenant, (s): ReadonlyArray<CategoryCount> => {
          const serving = new Set(assignmentsAt(s, root, at).map((a) => a.workerId))
          return counted(
            [...serving].flatMap((id) =>
              Option.toArray(Option.map(HashMap.get(s.workers, id), (w) => w.category))
            )
          ).map(([category, count]) => ({ category, count }))
        }),
      latestChange: (tenant, root) =>
        read(tenant, (s) =>
          latest(
            values(s.assignments)
              .filter((a) => inSubtree(root, a.gridCode))
              .flatMap((a) => [a.validFrom, a.validTo])
          )
        )
    },
    audit: {
      append: (entry) =>
        Effect.gen(function*() {
          const atMs = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
          let appended: AuditEntry | undefined
          yield* modify(entry.tenant, (s) => {
            appended = { ...entry, seq: Chunk.size(s.audit) + 1, atMs }
            return { ...s, audit: Chunk.append(s.audit, appended) }
          })
          return appended!
        }),
      list: (tenant, { afterSeq, limit }) =>
        read(tenant, (s) =>
          Chunk.toReadonlyArray(s.audit).slice(Math.max(0, afterSeq), Math.max(0, afterSeq) + Math.max(0, limit))
        )
    },
    transaction: (_tenant, self) =>
      Effect.flatMap(FiberRef.get(current), (tx) =>
        Option.isSome(tx)
          ? self
          : lock.withPermits(1)(
            Effect.gen(function*() {
              const working = yield* Ref.make(yield* Ref.get(committed))
              const result = yield* Effect.locally(self, current, Option.some(working))
              yield* Ref.set(committed, yield* Ref.get(working))
              return result
            })
          ))
  }
  return store
})

/**
 * A layer with a fresh, empty memory store.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Store> = Layer.effect(Store, make)
