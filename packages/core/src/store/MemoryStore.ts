/**
 * The in-memory Store: for tests, examples and embedding without a database. State
 * lives in persistent maps, so a transaction works on a snapshot taken in O(1) and
 * commits by swapping it in; one writer at a time, as in the SQL stores.
 *
 * @since 0.1.0
 */
import { Chunk, Effect, FiberRef, HashMap, Layer, Option, Ref } from "effect"
import type { Tenant } from "../access/Tenant.js"
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

interface State {
  readonly grids: HashMap.HashMap<string, Grid>
  readonly places: HashMap.HashMap<string, Place>
  readonly links: HashMap.HashMap<string, PlaceLink>
  readonly workers: HashMap.HashMap<string, Worker>
  readonly assignments: HashMap.HashMap<string, Assignment>
  readonly audit: HashMap.HashMap<string, Chunk.Chunk<AuditEntry>>
}

const emptyState: State = {
  grids: HashMap.empty(),
  places: HashMap.empty(),
  links: HashMap.empty(),
  workers: HashMap.empty(),
  assignments: HashMap.empty(),
  audit: HashMap.empty()
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
  const committed = yield* Ref.make(emptyState)
  const current = yield* Effect.sync(() => FiberRef.unsafeMake<Option.Option<Ref.Ref<State>>>(Option.none()))
  const lock = yield* Effect.makeSemaphore(1)

  const read = <A>(f: (s: State) => A): Effect.Effect<A, StoreError> =>
    Effect.flatMap(FiberRef.get(current), (tx) => Effect.map(Ref.get(Option.getOrElse(tx, () => committed)), f))

  const modify = (f: (s: State) => State): Effect.Effect<void, StoreError> =>
    Effect.flatMap(FiberRef.get(current), (tx) =>
      Option.match(tx, {
        onNone: () => lock.withPermits(1)(Ref.update(committed, f)),
        onSome: (ref) => Ref.update(ref, f)
      }))

  const gridsAt = (s: State, tenant: Tenant, root: string, at: IsoDate): Array<Grid> =>
    values(s.grids).filter((g) => g.tenant === tenant && inSubtree(root, g.code) && validAt(g, at))

  const linksAt = (s: State, tenant: Tenant, root: string, at: IsoDate): Array<PlaceLink> =>
    values(s.links).filter((l) => l.tenant === tenant && inSubtree(root, l.gridCode) && validAt(l, at))

  const assignmentsAt = (s: State, tenant: Tenant, root: string, at: IsoDate): Array<Assignment> =>
    values(s.assignments).filter((a) => a.tenant === tenant && inSubtree(root, a.gridCode) && validAt(a, at))

  /** Ends the open rows among `keys`; rows already ended keep their end. */
  const closeWhere = <A extends { readonly validTo: IsoDate | null }>(
    map: HashMap.HashMap<string, A>,
    keys: ReadonlyArray<string>,
    validTo: IsoDate
  ): HashMap.HashMap<string, A> =>
    keys.reduce(
      (m, k) => HashMap.modify(m, k, (row) => (row.validTo === null ? { ...row, validTo } : row)),
      map
    )

  const store: StoreShape = {
    grids: {
      insert: (grids) =>
        modify((s) => ({ ...s, grids: grids.reduce((m, g) => HashMap.set(m, key(g.tenant, g.id), g), s.grids) })),
      close: (tenant, ids, validTo) =>
        modify((s) => ({ ...s, grids: closeWhere(s.grids, ids.map((id) => key(tenant, id)), validTo) })),
      byId: (tenant, id) => read((s) => HashMap.get(s.grids, key(tenant, id))),
      at: (tenant, code, at) =>
        read((s) => Option.fromNullable(values(s.grids).find((g) => g.tenant === tenant && g.code === code && validAt(g, at)))),
      versions: (tenant, code) =>
        read((s) => values(s.grids).filter((g) => g.tenant === tenant && g.code === code).sort(byString((g) => g.validFrom))),
      subtree: (tenant, root, at, level) =>
        read((s) =>
          gridsAt(s, tenant, root, at)
            .filter((g) => level === undefined || g.level === level)
            .sort(byString((g) => g.code))
        ),
      countByLevel: (tenant, root, at) =>
        read((s): ReadonlyArray<LevelCount> => {
          const counts = new Map<number, number>()
          for (const g of gridsAt(s, tenant, root, at)) counts.set(g.level, (counts.get(g.level) ?? 0) + 1)
          return [...counts].sort(([a], [b]) => a - b).map(([level, count]) => ({ level, count }))
        }),
      history: (tenant, root) =>
        read((s) =>
          values(s.grids)
            .filter((g) => g.tenant === tenant && inSubtree(root, g.code))
            .sort(byString((g) => key(g.code, g.validFrom)))
        ),
      successors: (tenant, id) =>
        read((s) =>
          values(s.grids)
            .filter((g) => g.tenant === tenant && g.predecessors.includes(id))
            .sort(byString((g) => g.id))
        ),
      latestChange: (tenant, root) =>
        read((s) =>
          latest(
            values(s.grids)
              .filter((g) => g.tenant === tenant && inSubtree(root, g.code))
              .flatMap((g) => [g.validFrom, g.validTo])
          )
        )
    },
    places: {
      put: (places) =>
        modify((s) => ({ ...s, places: places.reduce((m, p) => HashMap.set(m, key(p.tenant, p.id), p), s.places) })),
      get: (tenant, id) => read((s) => HashMap.get(s.places, key(tenant, id))),
      link: (links) =>
        modify((s) => ({
          ...s,
          links: links.reduce((m, l) => HashMap.set(m, key(l.tenant, l.placeId, l.validFrom), l), s.links)
        })),
      closeLinks: (tenant, keys, validTo) =>
        modify((s) => ({
          ...s,
          links: closeWhere(s.links, keys.map((k) => key(tenant, k.placeId, k.validFrom)), validTo)
        })),
      linkAt: (tenant, id, at) =>
        read((s) =>
          Option.fromNullable(values(s.links).find((l) => l.tenant === tenant && l.placeId === id && validAt(l, at)))
        ),
      links: (tenant, id) =>
        read((s) =>
          values(s.links).filter((l) => l.tenant === tenant && l.placeId === id).sort(byString((l) => l.validFrom))
        ),
      linksInSubtree: (tenant, root, at) =>
        read((s) => linksAt(s, tenant, root, at).sort(byString((l) => key(l.gridCode, l.placeId)))),
      history: (tenant, root) =>
        read((s) =>
          values(s.links)
            .filter((l) => l.tenant === tenant && inSubtree(root, l.gridCode))
            .sort(byString((l) => key(l.placeId, l.validFrom)))
        ),
      countInSubtree: (tenant, root, at) => read((s) => linksAt(s, tenant, root, at).length),
      countByKind: (tenant, root, at) =>
        read((s): ReadonlyArray<KindCount> =>
          counted(
            linksAt(s, tenant, root, at).flatMap((l) =>
              Option.toArray(Option.map(HashMap.get(s.places, key(tenant, l.placeId)), (p): PlaceKind => p.kind))
            )
          ).map(([kind, count]) => ({ kind, count }))
        ),
      latestChange: (tenant, root) =>
        read((s) =>
          latest(
            values(s.links)
              .filter((l) => l.tenant === tenant && inSubtree(root, l.gridCode))
              .flatMap((l) => [l.validFrom, l.validTo])
          )
        )
    },
    workers: {
      put: (workers) =>
        modify((s) => ({ ...s, workers: workers.reduce((m, w) => HashMap.set(m, key(w.tenant, w.id), w), s.workers) })),
      get: (tenant, id) => read((s) => HashMap.get(s.workers, key(tenant, id))),
      getMany: (tenant, ids) =>
        read((s) =>
          [...new Set(ids)]
            .flatMap((id) => Option.toArray(HashMap.get(s.workers, key(tenant, id))))
            .sort(byString((w) => w.id))
        ),
      assign: (assignments) =>
        modify((s) => ({
          ...s,
          assignments: assignments.reduce((m, a) => HashMap.set(m, key(a.tenant, a.id), a), s.assignments)
        })),
      closeAssignments: (tenant, ids, validTo) =>
        modify((s) => ({ ...s, assignments: closeWhere(s.assignments, ids.map((id) => key(tenant, id)), validTo) })),
      assignmentsInSubtree: (tenant, root, at) =>
        read((s) => assignmentsAt(s, tenant, root, at).sort(byString((a) => key(a.gridCode, a.id)))),
      assignmentsOfGrid: (tenant, gridCode) =>
        read((s) =>
          values(s.assignments)
            .filter((a) => a.tenant === tenant && a.gridCode === gridCode)
            .sort(byString((a) => a.id))
        ),
      history: (tenant, root) =>
        read((s) =>
          values(s.assignments)
            .filter((a) => a.tenant === tenant && inSubtree(root, a.gridCode))
            .sort(byString((a) => a.id))
        ),
      assignment: (tenant, id) => read((s) => HashMap.get(s.assignments, key(tenant, id))),
      assignmentsOf: (tenant, id, at) =>
        read((s) =>
          values(s.assignments)
            .filter((a) => a.tenant === tenant && a.workerId === id && validAt(a, at))
            .sort(byString((a) => a.id))
        ),
      countByCategory: (tenant, root, at) =>
        read((s): ReadonlyArray<CategoryCount> => {
          const serving = new Set(assignmentsAt(s, tenant, root, at).map((a) => a.workerId))
          return counted(
            [...serving].flatMap((id) =>
              Option.toArray(Option.map(HashMap.get(s.workers, key(tenant, id)), (w) => w.category))
            )
          ).map(([category, count]) => ({ category, count }))
        }),
      latestChange: (tenant, root) =>
        read((s) =>
          latest(
            values(s.assignments)
              .filter((a) => a.tenant === tenant && inSubtree(root, a.gridCode))
              .flatMap((a) => [a.validFrom, a.validTo])
          )
        )
    },
    audit: {
      append: (entry) =>
        Effect.gen(function*() {
          const atMs = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
          let appended: AuditEntry | undefined
          yield* modify((s) => {
            const log = Option.getOrElse(HashMap.get(s.audit, entry.tenant), () => Chunk.empty<AuditEntry>())
            appended = { ...entry, seq: Chunk.size(log) + 1, atMs }
            return { ...s, audit: HashMap.set(s.audit, entry.tenant, Chunk.append(log, appended)) }
          })
          return appended!
        }),
      list: (tenant, { afterSeq, limit }) =>
        read((s) =>
          Chunk.toReadonlyArray(
            Option.getOrElse(HashMap.get(s.audit, tenant), () => Chunk.empty<AuditEntry>())
          ).slice(Math.max(0, afterSeq), Math.max(0, afterSeq) + Math.max(0, limit))
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
