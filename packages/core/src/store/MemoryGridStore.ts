/**
 * The memory store's grid domain: grid versions, places and links, workers, their terms
 * and assignments, in persistent sorted tables per tenant (a subtree is a key range, as
 * in the SQL stores' indexes).
 *
 * @since 0.2.0
 */
import { Effect, Either, HashMap, Layer, Option } from "effect"
import { type Grid, validAt } from "../grid/Grid.js"
import type { LevelCount } from "../grid/GridRepository.js"
import { GridStore, type GridStoreShape } from "../grid/GridStore.js"
import type { Place, PlaceKind, PlaceLink } from "../grid/Place.js"
import type { KindCount } from "../grid/PlaceRepository.js"
import type { Assignment, Worker, WorkerTerm } from "../grid/Worker.js"
import type { CategoryCount } from "../grid/WorkerRepository.js"
import { compareStrings } from "../internal/compareStrings.js"
import * as SortedIndex from "../internal/SortedIndex.js"
import * as Table from "../internal/Table.js"
import type { IsoDate } from "../time/IsoDate.js"
import { MemoryTransactor, tenantCell } from "./MemoryTransactor.js"

const { key } = SortedIndex

/** Grid versions by code then validFrom: a subtree is a key range, a code's versions a prefix. */
const gridLayout: Table.Layout<Grid, never> = { primary: (g) => key(g.code, g.validFrom), indexes: {} }

/** Links by place then validFrom, and by grid code then place then validFrom. */
const linkLayout: Table.Layout<PlaceLink, "grid"> = {
  primary: (l) => key(l.placeId, l.validFrom),
  indexes: { grid: (l) => key(l.gridCode, l.placeId, l.validFrom) }
}

/** Terms by worker then validFrom, and by community then worker then validFrom. */
const termLayout: Table.Layout<WorkerTerm, "community"> = {
  primary: (t) => key(t.workerId, t.validFrom),
  indexes: { community: (t) => key(t.communityCode, t.workerId, t.validFrom) }
}

/** Assignments by id, by grid code then id, and by worker then id. */
const assignmentLayout: Table.Layout<Assignment, "grid" | "worker"> = {
  primary: (a) => a.id,
  indexes: { grid: (a) => key(a.gridCode, a.id), worker: (a) => key(a.workerId, a.id) }
}

interface TenantState {
  readonly grids: Table.Table<Grid, never>
  /** Lineage by predecessor id then successor id; values are the successor's key in `grids`. */
  readonly lineage: SortedIndex.SortedIndex<string>
  readonly places: HashMap.HashMap<string, Place>
  readonly links: Table.Table<PlaceLink, "grid">
  readonly workers: HashMap.HashMap<string, Worker>
  readonly terms: Table.Table<WorkerTerm, "community">
  readonly assignments: Table.Table<Assignment, "grid" | "worker">
}

const emptyTenant: TenantState = {
  grids: Table.empty(gridLayout),
  lineage: SortedIndex.empty(),
  places: HashMap.empty(),
  links: Table.empty(linkLayout),
  workers: HashMap.empty(),
  terms: Table.empty(termLayout),
  assignments: Table.empty(assignmentLayout)
}

/** A grid id (`code@validFrom`) as the grid table's primary key. */
const gridKey = (id: string): string => {
  const at = id.lastIndexOf("@")
  return at < 0 ? id : key(id.slice(0, at), id.slice(at + 1))
}

/** Orders by a string key in code-point order, as the SQL stores' byte-ordered columns do. */
const byString = <A>(f: (a: A) => string) => (a: A, b: A): number => compareStrings(f(a), f(b))

const latest = (dates: Iterable<IsoDate>): Option.Option<IsoDate> => {
  let max: IsoDate | undefined
  for (const d of dates) if (max === undefined || d > max) max = d
  return Option.fromNullable(max)
}

const counted = <K extends string>(keys: Iterable<K>): Array<[K, number]> => {
  const counts = new Map<K, number>()
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1)
  return [...counts].sort(([a], [b]) => compareStrings(a, b))
}

/** Every version in a subtree, ordered by code then validFrom. */
const gridsUnder = (s: TenantState, root: string): Array<Grid> => SortedIndex.withPrefix(s.grids.rows, root)

/** Every link into a subtree, ordered by grid code, place, validFrom. */
const linksUnder = (s: TenantState, root: string): Array<PlaceLink> => SortedIndex.withPrefix(s.links.by.grid, root)

/** Every term of a community in a subtree, ordered by community code, worker, validFrom. */
const termsUnder = (s: TenantState, root: string): Array<WorkerTerm> =>
  SortedIndex.withPrefix(s.terms.by.community, root)

/** Every assignment in a subtree, ordered by grid code then id. */
const assignmentsUnder = (s: TenantState, root: string): Array<Assignment> =>
  SortedIndex.withPrefix(s.assignments.by.grid, root)

const unique = <A extends string>(xs: ReadonlyArray<A>): Array<A> => Array.from(new Set(xs))

const start = (row: { readonly validFrom: IsoDate }): IsoDate => row.validFrom

/**
 * @since 0.2.0
 * @category constructors
 */
export const make: Effect.Effect<GridStoreShape, never, MemoryTransactor> = Effect.gen(function*() {
  const transactor = yield* MemoryTransactor
  const { modify, modifyRows, read } = tenantCell(transactor, emptyTenant)

  return {
    grids: {
      insert: (grids) =>
        modifyRows(grids, (s, rows) =>
          Either.map(Table.insertNew("grids.insert", gridLayout, s.grids, rows), (t) => ({
            ...s,
            grids: t,
            lineage: rows.reduce(
              (index, g) =>
                g.predecessors.reduce((i, p) => SortedIndex.set(i, key(p, g.id), gridLayout.primary(g)), index),
              s.lineage
            )
          }))),
      close: (tenant, ids, validTo) =>
        modify(tenant, (s) => {
          let lineage = s.lineage
          const grids = Table.close(gridLayout, s.grids, ids.map(gridKey), validTo, (g) => {
            for (const p of g.predecessors) lineage = SortedIndex.remove(lineage, key(p, g.id))
          })
          return { ...s, grids, lineage }
        }),
      byId: (tenant, id) => read(tenant, (s) => Table.get(s.grids, gridKey(id))),
      at: (tenant, code, at) =>
        read(tenant, (s) => Option.fromNullable(SortedIndex.withFirst(s.grids.rows, code).find((g) => validAt(g, at)))),
      versions: (tenant, code) => read(tenant, (s) => SortedIndex.withFirst(s.grids.rows, code)),
      subtree: (tenant, root, at, level) =>
        read(tenant, (s) => gridsUnder(s, root).filter((g) => validAt(g, at) && (level === undefined || g.level === level))),
      countByLevel: (tenant, root, at) =>
        read(tenant, (s): ReadonlyArray<LevelCount> => {
          const counts = new Map<number, number>()
          for (const g of gridsUnder(s, root)) if (validAt(g, at)) counts.set(g.level, (counts.get(g.level) ?? 0) + 1)
          return [...counts].sort(([a], [b]) => a - b).map(([level, count]) => ({ level, count }))
        }),
      history: (tenant, root) => read(tenant, (s) => gridsUnder(s, root)),
      successors: (tenant, id) =>
        read(tenant, (s) =>
          SortedIndex.withFirst(s.lineage, id)
            .flatMap((k) => Option.toArray(Table.get(s.grids, k)))
            .sort(byString((g) => g.id))
        ),
      versionsOf: (tenant, codes) =>
        read(tenant, (s) => unique(codes).sort(compareStrings).flatMap((code) => SortedIndex.withFirst(s.grids.rows, code))),
      successorsOf: (tenant, ids) =>
        read(tenant, (s) =>
          unique(unique(ids).flatMap((id) => SortedIndex.withFirst(s.lineage, id)))
            .flatMap((k) => Option.toArray(Table.get(s.grids, k)))
            .sort(byString((g) => g.id))
        ),
      latestStart: (tenant, root) => read(tenant, (s) => latest(gridsUnder(s, root).map(start)))
    },
    places: {
      put: (places) =>
        modifyRows(places, (s, rows) =>
          Either.right({ ...s, places: rows.reduce((m, p) => HashMap.set(m, p.id, p), s.places) })),
      get: (tenant, id) => read(tenant, (s) => HashMap.get(s.places, id)),
      getMany: (tenant, ids) =>
        read(tenant, (s) =>
          [...new Set(ids)].flatMap((id) => Option.toArray(HashMap.get(s.places, id))).sort(byString((p) => p.id))
        ),
      link: (links) =>
        modifyRows(links, (s, rows) =>
          Either.map(Table.insertNew("places.link", linkLayout, s.links, rows), (t) => ({ ...s, links: t }))),
      closeLinks: (tenant, keys, validTo) =>
        modify(tenant, (s) => ({
          ...s,
          links: Table.close(linkLayout, s.links, keys.map((k) => key(k.placeId, k.validFrom)), validTo)
        })),
      linkAt: (tenant, id, at) =>
        read(tenant, (s) => Option.fromNullable(SortedIndex.withFirst(s.links.rows, id).find((l) => validAt(l, at)))),
      links: (tenant, id) => read(tenant, (s) => SortedIndex.withFirst(s.links.rows, id)),
      linksOf: (tenant, ids) =>
        read(tenant, (s) => unique(ids).sort(compareStrings).flatMap((id) => SortedIndex.withFirst(s.links.rows, id))),
      linksInSubtree: (tenant, root, at) => read(tenant, (s) => linksUnder(s, root).filter((l) => validAt(l, at))),
      placesInSubtree: (tenant, root, at, kind) =>
        read(tenant, (s) =>
          linksUnder(s, root).flatMap((link) => {
            if (!validAt(link, at)) return []
            const place = HashMap.get(s.places, link.placeId)
            return Option.isSome(place) && (kind === undefined || place.value.kind === kind) ? [{ place: place.value, link }] : []
          })
        ),
      history: (tenant, root) =>
        read(tenant, (s) => linksUnder(s, root).sort(byString((l) => key(l.placeId, l.validFrom)))),
      countInSubtree: (tenant, root, at) =>
        read(tenant, (s) => linksUnder(s, root).filter((l) => validAt(l, at)).length),
      countByKind: (tenant, root, at) =>
        read(tenant, (s): ReadonlyArray<KindCount> =>
          counted(
            linksUnder(s, root).filter((l) => validAt(l, at)).flatMap((l) =>
              Option.toArray(Option.map(HashMap.get(s.places, l.placeId), (p): PlaceKind => p.kind))
            )
          ).map(([kind, count]) => ({ kind, count }))
        ),
      latestStart: (tenant, root) => read(tenant, (s) => latest(linksUnder(s, root).map(start)))
    },
    workers: {
      put: (workers) =>
        modifyRows(workers, (s, rows) =>
          Either.right({ ...s, workers: rows.reduce((m, w) => HashMap.set(m, w.id, w), s.workers) })),
      get: (tenant, id) => read(tenant, (s) => HashMap.get(s.workers, id)),
      getMany: (tenant, ids) =>
        read(tenant, (s) =>
          [...new Set(ids)]
            .flatMap((id) => Option.toArray(HashMap.get(s.workers, id)))
            .sort(byString((w) => w.id))
        ),
      addTerms: (terms) =>
        modifyRows(terms, (s, rows) =>
          Either.map(Table.insertNew("workers.addTerms", termLayout, s.terms, rows), (t) => ({ ...s, terms: t }))),
      closeTerms: (tenant, keys, validTo) =>
        modify(tenant, (s) => ({
          ...s,
          terms: Table.close(termLayout, s.terms, keys.map((k) => key(k.workerId, k.validFrom)), validTo)
        })),
      terms: (tenant, id) => read(tenant, (s) => SortedIndex.withFirst(s.terms.rows, id)),
      termsOf: (tenant, ids) =>
        read(tenant, (s) => unique(ids).sort(compareStrings).flatMap((id) => SortedIndex.withFirst(s.terms.rows, id))),
      termsAt: (tenant, ids, at) =>
        read(tenant, (s) =>
          [...new Set(ids)]
            .sort(compareStrings)
            .flatMap((id) => SortedIndex.withFirst(s.terms.rows, id).filter((t) => validAt(t, at)))
        ),
      termsInSubtree: (tenant, root, at) => read(tenant, (s) => termsUnder(s, root).filter((t) => validAt(t, at))),
      termHistory: (tenant, root) =>
        read(tenant, (s) => termsUnder(s, root).sort(byString((t) => key(t.workerId, t.validFrom)))),
      latestTermStart: (tenant, root) => read(tenant, (s) => latest(termsUnder(s, root).map(start))),
      assign: (assignments) =>
        modifyRows(assignments, (s, rows) =>
          Either.map(
            Table.insertNew("workers.assign", assignmentLayout, s.assignments, rows),
            (t) => ({ ...s, assignments: t })
          )),
      closeAssignments: (tenant, ids, validTo) =>
        modify(tenant, (s) => ({ ...s, assignments: Table.close(assignmentLayout, s.assignments, ids, validTo) })),
      assignmentsInSubtree: (tenant, root, at) =>
        read(tenant, (s) => assignmentsUnder(s, root).filter((a) => validAt(a, at))),
      assignmentsOfGrid: (tenant, gridCode) => read(tenant, (s) => SortedIndex.withFirst(s.assignments.by.grid, gridCode)),
      assignmentsOfGrids: (tenant, gridCodes) =>
        read(tenant, (s) =>
          unique(gridCodes).flatMap((code) => SortedIndex.withFirst(s.assignments.by.grid, code)).sort(byString((a) => a.id))
        ),
      assignmentsOfWorkers: (tenant, ids) =>
        read(tenant, (s) =>
          unique(ids).flatMap((id) => SortedIndex.withFirst(s.assignments.by.worker, id)).sort(byString((a) => a.id))
        ),
      history: (tenant, root) => read(tenant, (s) => assignmentsUnder(s, root).sort(byString((a) => a.id))),
      assignment: (tenant, id) => read(tenant, (s) => Table.get(s.assignments, id)),
      assignmentsOfWorker: (tenant, id) => read(tenant, (s) => SortedIndex.withFirst(s.assignments.by.worker, id)),
      assignmentsOf: (tenant, id, at) =>
        read(tenant, (s) => SortedIndex.withFirst(s.assignments.by.worker, id).filter((a) => validAt(a, at))),
      countByCategory: (tenant, root, at) =>
        read(tenant, (s): ReadonlyArray<CategoryCount> => {
          const serving = new Set(assignmentsUnder(s, root).filter((a) => validAt(a, at)).map((a) => a.workerId))
          return counted(
            [...serving].flatMap((id) =>
              SortedIndex.withFirst(s.terms.rows, id).filter((t) => validAt(t, at)).map((t) => t.category)
            )
          ).map(([category, count]) => ({ category, count }))
        }),
      latestStart: (tenant, root) => read(tenant, (s) => latest(assignmentsUnder(s, root).map(start)))
    }
  }
})

/**
 * @since 0.2.0
 * @category layers
 */
export const layer: Layer.Layer<GridStore, never, MemoryTransactor> = Layer.effect(GridStore, make)
