/**
 * A batch's workspace: the grid store as the batch sees it, held in memory over the
 * real store inside the batch's transaction.
 *
 * The batch path runs the very same decisions and writes as the single-command path,
 * against this store. Point reads (a code's versions, a place's links, a worker's
 * terms …) are answered from memory, loaded from the real store once per key, most of
 * them for the whole batch up front (`prefetch`). Writes change the workspace only;
 * `flush` writes their net effect to the real store with multi-row statements, and the
 * batch's audit entries with one `appendAll`. A subtree question (a structural change
 * needs one) flushes first and asks the real store, so every read sees every earlier
 * command of the batch.
 *
 * Its point reads and writes act when called, not when run, and come back settled (an
 * `Exit`) when nothing had to be loaded: the decisions yield each effect as soon as they
 * make it, so the batch path can drive them synchronously (`drive`), without a fiber
 * step per read. What must be loaded, and every subtree question, is an ordinary effect.
 *
 * @internal
 */
import { Effect, Option } from "effect"
import type { Tenant } from "../../access/Tenant.js"
import type { NewAuditEntry } from "../../audit/AuditEntry.js"
import type { AuditLogShape } from "../../audit/AuditLog.js"
import type { StoreError } from "../../errors/StoreError.js"
import { type Grid, type GridId, validAt } from "../../grid/Grid.js"
import type { GridCommand } from "../../grid/GridCommand.js"
import type { GridRepository } from "../../grid/GridRepository.js"
import type * as GridRules from "../../grid/GridRules.js"
import type { GridStoreShape } from "../../grid/GridStore.js"
import type { Place, PlaceId, PlaceLink } from "../../grid/Place.js"
import type { PlaceRepository } from "../../grid/PlaceRepository.js"
import type { Assignment, AssignmentId, TermKey, Worker, WorkerId, WorkerTerm } from "../../grid/Worker.js"
import type { WorkerRepository } from "../../grid/WorkerRepository.js"
import * as WorkerRules from "../../grid/WorkerRules.js"
import { compareStrings } from "../compareStrings.js"
import { Overlay } from "../Overlay.js"
import {
  byString,
  byValidFrom,
  closeRows,
  identityWrites,
  insertNew,
  pair,
  read,
  versionedWrites,
  whenLoaded as then,
  writer
} from "../workspaceKit.js"

const codeOfGrid = (id: string): string => id.slice(0, Math.max(0, id.lastIndexOf("@")))

/** @internal */
export interface Workspace {
  /** The grid store as the batch sees it. */
  readonly store: GridStoreShape
  /** The grid chains computed in the batch, for its decisions (cleared when it writes a grid). */
  readonly chains: Map<string, GridRules.Chain>
  /** Loads, in a few queries, what the commands' decisions will read. */
  readonly prefetch: (commands: ReadonlyArray<GridCommand>) => Effect.Effect<void, StoreError>
  /** Records an audit entry, appended with the batch's others at the next flush. */
  readonly audit: (entry: NewAuditEntry) => void
  /** Writes everything pending to the real store and the audit log. */
  readonly flush: Effect.Effect<void, StoreError>
  /** Starts writing what is pending while the batch goes on deciding. */
  readonly writeBehind: Effect.Effect<void, StoreError>
  /** Stops writes in flight (the batch failed). */
  readonly abandon: Effect.Effect<void>
}

/** @internal */
export const make = (base: GridStoreShape, auditLog: AuditLogShape, tenant: Tenant): Workspace => {
  const grids = new Overlay<Grid, "code" | "predecessor">({
    key: (g) => g.id,
    indexes: { code: (g) => [g.code], predecessor: (g) => g.predecessors }
  })
  const places = new Overlay<Place, "key">({ key: (p) => p.id, indexes: {} })
  const links = new Overlay<PlaceLink, "place">({
    key: (l) => pair(l.placeId, l.validFrom),
    indexes: { place: (l) => [l.placeId] }
  })
  const workers = new Overlay<Worker, "key">({ key: (w) => w.id, indexes: {} })
  const terms = new Overlay<WorkerTerm, "worker">({
    key: (t) => pair(t.workerId, t.validFrom),
    indexes: { worker: (t) => [t.workerId] }
  })
  const assignments = new Overlay<Assignment, "grid" | "worker" | "key">({
    key: (a) => a.id,
    indexes: { grid: (a) => [a.gridCode], worker: (a) => [a.workerId] }
  })
  let pendingAudit: Array<NewAuditEntry> = []
  // Everything pending, taken as the store's writes when a flush or a write-behind starts.
  const { abandon, ensure, flush, writeBehind } = writer(() => detach())

  const ensureCodes = (codes: ReadonlyArray<string> | ReadonlySet<string>) => ensure(grids, "code", codes, (m) => base.grids.versionsOf(tenant, m))
  const ensureSuccessors = (ids: ReadonlyArray<string> | ReadonlySet<string>) =>
    ensure(grids, "predecessor", ids, (m) => base.grids.successorsOf(tenant, m as ReadonlyArray<GridId>))
  const ensurePlaces = (ids: ReadonlyArray<string> | ReadonlySet<string>) =>
    ensure(places, "key", ids, (m) => base.places.getMany(tenant, m as ReadonlyArray<PlaceId>))
  const ensureLinks = (ids: ReadonlyArray<string> | ReadonlySet<string>) =>
    ensure(links, "place", ids, (m) => base.places.linksOf(tenant, m as ReadonlyArray<PlaceId>))
  const ensureWorkers = (ids: ReadonlyArray<string> | ReadonlySet<string>) =>
    ensure(workers, "key", ids, (m) => base.workers.getMany(tenant, m as ReadonlyArray<WorkerId>))
  const ensureTerms = (ids: ReadonlyArray<string> | ReadonlySet<string>) =>
    ensure(terms, "worker", ids, (m) => base.workers.termsOf(tenant, m as ReadonlyArray<WorkerId>))
  const ensureAssignmentsOfGrids = (codes: ReadonlyArray<string> | ReadonlySet<string>) =>
    ensure(assignments, "grid", codes, (m) => base.workers.assignmentsOfGrids(tenant, m))
  const ensureAssignmentsOfWorkers = (ids: ReadonlyArray<string> | ReadonlySet<string>) =>
    ensure(assignments, "worker", ids, (m) => base.workers.assignmentsOfWorkers(tenant, m as ReadonlyArray<WorkerId>))
  /** Assignments by id: through their grid, which the id names; an id naming none is looked up alone. */
  const ensureAssignments = (ids: ReadonlyArray<string>) =>
    then(
      ensureAssignmentsOfGrids(ids.flatMap((id) => Option.toArray(WorkerRules.assignmentGrid(id)))),
      () =>
        ensure(
          assignments,
          "key",
          ids.filter((id) => Option.isNone(WorkerRules.assignmentGrid(id))),
          (m) =>
            Effect.map(
              Effect.forEach(m, (id) => base.workers.assignment(tenant, id as AssignmentId)),
              (found) => found.flatMap(Option.toArray)
            )
        )
    )

  /** The later versions that carry the codes' versions on (moves, merges, renames), to the end of each chain. */
  const ensureChains = (codes: Iterable<string>) =>
    Effect.gen(function*() {
      let frontier = Array.from(codes).flatMap((code) => grids.find("code", code))
      // Bounded like the chain itself: every step follows a recorded change.
      for (let step = 0; frontier.length > 0 && step < 10_000; step++) {
        const ended = frontier.filter((g) => g.validTo !== null).map((g) => g.id)
        const missing = grids.missing("predecessor", ended)
        if (missing.length === 0) break
        yield* ensureSuccessors(missing)
        frontier = missing.flatMap((id) => grids.find("predecessor", id))
      }
    })

  const versionsOf = (code: string) => grids.find("code", code).sort(byValidFrom)
  const unique = (xs: ReadonlyArray<string>) => Array.from(new Set(xs))

  // A question about a subtree goes to the store, after everything pending is written.
  const flushed = <Args extends ReadonlyArray<unknown>, A>(f: (...args: Args) => Effect.Effect<A, StoreError>) =>
  (...args: Args): Effect.Effect<A, StoreError> => Effect.zipRight(flush, Effect.suspend(() => f(...args)))

  /**
   * Grid chains the batch's decisions computed (`Context.chain`): they follow grid versions
   * only, so they hold until the batch writes a grid.
   */
  const chains = new Map<string, GridRules.Chain>()

  const gridRepository: GridRepository = {
    insert: (rows) =>
      then(ensureCodes(rows.map((g) => g.code)), () => {
        chains.clear()
        return insertNew("grids.insert", grids, rows)
      }),
    close: (_tenant, ids, validTo) =>
      read(ensureCodes(ids.map(codeOfGrid)), () => {
        chains.clear()
        closeRows(grids, ids, validTo)
      }),
    byId: (_tenant, id) => read(ensureCodes([codeOfGrid(id)]), () => Option.fromNullable(grids.get(id))),
    at: (_tenant, code, at) =>
      read(ensureCodes([code]), () => Option.fromNullable(grids.find("code", code).find((g) => validAt(g, at)))),
    versions: (_tenant, code) => read(ensureCodes([code]), () => versionsOf(code)),
    versionsOf: (_tenant, codes) =>
      read(
        ensureCodes(codes),
        () => unique(codes).flatMap((code) => grids.find("code", code)).sort(byString((g) => g.code, (g) => g.validFrom))
      ),
    successors: (_tenant, id) =>
      read(ensureSuccessors([id]), () => grids.find("predecessor", id).sort(byString((g) => g.id))),
    successorsOf: (_tenant, ids) =>
      read(ensureSuccessors(ids), () => {
        const found = new Map<string, Grid>()
        for (const id of ids) for (const g of grids.find("predecessor", id)) found.set(g.id, g)
        return Array.from(found.values()).sort(byString((g) => g.id))
      }),
    subtree: flushed(base.grids.subtree),
    countByLevel: flushed(base.grids.countByLevel),
    history: flushed(base.grids.history),
    latestStart: flushed(base.grids.latestStart)
  }

  const linksOf = (id: string) => links.find("place", id).sort(byValidFrom)

  const placeRepository: PlaceRepository = {
    put: (rows) => {
      for (const p of rows) places.put(p)
      return Effect.void
    },
    get: (_tenant, id) => read(ensurePlaces([id]), () => Option.fromNullable(places.get(id))),
    getMany: (_tenant, ids) =>
      read(
        ensurePlaces(ids),
        () => unique(ids).flatMap((id) => Option.toArray(Option.fromNullable(places.get(id)))).sort(byString((p) => p.id))
      ),
    link: (rows) => then(ensureLinks(rows.map((l) => l.placeId)), () => insertNew("places.link", links, rows)),
    closeLinks: (_tenant, keys, validTo) =>
      read(
        ensureLinks(keys.map((k) => k.placeId)),
        () => closeRows(links, keys.map((k) => pair(k.placeId, k.validFrom)), validTo)
      ),
    linkAt: (_tenant, id, at) => read(ensureLinks([id]), () => Option.fromNullable(linksOf(id).find((l) => validAt(l, at)))),
    links: (_tenant, id) => read(ensureLinks([id]), () => linksOf(id)),
    linksOf: (_tenant, ids) => read(ensureLinks(ids), () => unique(ids).sort(compareStrings).flatMap(linksOf)),
    linksInSubtree: flushed(base.places.linksInSubtree),
    placesInSubtree: flushed(base.places.placesInSubtree),
    history: flushed(base.places.history),
    countInSubtree: flushed(base.places.countInSubtree),
    countByKind: flushed(base.places.countByKind),
    latestStart: flushed(base.places.latestStart)
  }

  const termsOf = (id: string) => terms.find("worker", id).sort(byValidFrom)
  const assignmentsById = (rows: Array<Assignment>) => rows.sort(byString((a) => a.id))

  const workerRepository: WorkerRepository = {
    put: (rows) => {
      for (const w of rows) workers.put(w)
      return Effect.void
    },
    get: (_tenant, id) => read(ensureWorkers([id]), () => Option.fromNullable(workers.get(id))),
    getMany: (_tenant, ids) =>
      read(
        ensureWorkers(ids),
        () => unique(ids).flatMap((id) => Option.toArray(Option.fromNullable(workers.get(id)))).sort(byString((w) => w.id))
      ),
    addTerms: (rows) => then(ensureTerms(rows.map((t) => t.workerId)), () => insertNew("workers.addTerms", terms, rows)),
    closeTerms: (_tenant, keys: ReadonlyArray<TermKey>, validTo) =>
      read(
        ensureTerms(keys.map((k) => k.workerId)),
        () => closeRows(terms, keys.map((k) => pair(k.workerId, k.validFrom)), validTo)
      ),
    terms: (_tenant, id) => read(ensureTerms([id]), () => termsOf(id)),
    termsOf: (_tenant, ids) => read(ensureTerms(ids), () => unique(ids).sort(compareStrings).flatMap(termsOf)),
    termsAt: (_tenant, ids, at) =>
      read(
        ensureTerms(ids),
        () => unique(ids).sort(compareStrings).flatMap((id) => termsOf(id).filter((t) => validAt(t, at)))
      ),
    termsInSubtree: flushed(base.workers.termsInSubtree),
    termHistory: flushed(base.workers.termHistory),
    latestTermStart: flushed(base.workers.latestTermStart),
    assign: (rows) => then(ensureAssignments(rows.map((a) => a.id)), () => insertNew("workers.assign", assignments, rows)),
    closeAssignments: (_tenant, ids, validTo) => read(ensureAssignments(ids), () => closeRows(assignments, ids, validTo)),
    assignmentsInSubtree: flushed(base.workers.assignmentsInSubtree),
    assignmentsOfGrid: (_tenant, code) =>
      read(ensureAssignmentsOfGrids([code]), () => assignmentsById(assignments.find("grid", code))),
    assignmentsOfGrids: (_tenant, codes) =>
      read(
        ensureAssignmentsOfGrids(codes),
        () => assignmentsById(unique(codes).flatMap((code) => assignments.find("grid", code)))
      ),
    assignmentsOfWorker: (_tenant, id) =>
      read(ensureAssignmentsOfWorkers([id]), () => assignmentsById(assignments.find("worker", id))),
    assignmentsOfWorkers: (_tenant, ids) =>
      read(
        ensureAssignmentsOfWorkers(ids),
        () => assignmentsById(unique(ids).flatMap((id) => assignments.find("worker", id)))
      ),
    assignmentsOf: (_tenant, id, at) =>
      read(
        ensureAssignmentsOfWorkers([id]),
        () => assignmentsById(assignments.find("worker", id).filter((a) => validAt(a, at)))
      ),
    assignment: (_tenant, id) => read(ensureAssignments([id]), () => Option.fromNullable(assignments.get(id))),
    history: flushed(base.workers.history),
    countByCategory: flushed(base.workers.countByCategory),
    latestStart: flushed(base.workers.latestStart)
  }

  /**
   * Everything pending, taken now as the store's writes (in table order, the audit entries
   * last), the workspace settled: what runs later writes exactly this.
   */
  const detach = (): Effect.Effect<void, StoreError> => {
    const entries = pendingAudit
    pendingAudit = []
    const writes = [
      ...versionedWrites(grids, (g) => g.id, (ids, day) => base.grids.close(tenant, ids, day), base.grids.insert),
      ...identityWrites(places, base.places.put),
      ...versionedWrites(
        links,
        (l) => ({ placeId: l.placeId, validFrom: l.validFrom }),
        (keys, day) => base.places.closeLinks(tenant, keys, day),
        base.places.link
      ),
      ...identityWrites(workers, base.workers.put),
      ...versionedWrites(
        terms,
        (t) => ({ workerId: t.workerId, validFrom: t.validFrom }),
        (keys, day) => base.workers.closeTerms(tenant, keys, day),
        base.workers.addTerms
      ),
      ...versionedWrites(
        assignments,
        (a) => a.id,
        (ids, day) => base.workers.closeAssignments(tenant, ids, day),
        base.workers.assign
      ),
      ...(entries.length === 0 ? [] : [Effect.asVoid(auditLog.appendAll(entries))])
    ]
    for (const overlay of [grids, places, links, workers, terms, assignments]) overlay.settle()
    return Effect.all(writes, { discard: true })
  }

  const prefetch = (commands: ReadonlyArray<GridCommand>) =>
    Effect.gen(function*() {
      const codes = new Set<string>()
      const placeIds = new Set<string>()
      const workerIds = new Set<string>()
      const registered = new Set<string>()
      const assignedGrids = new Set<string>()
      for (const command of commands) {
        switch (command._tag) {
          case "CreateGrid":
            codes.add(command.code)
            if (command.parentCode !== null) codes.add(command.parentCode)
            break
          case "RenameGrid":
            codes.add(command.code)
            break
          case "PlacePlace":
            placeIds.add(command.id)
            codes.add(command.gridCode)
            break
          case "RegisterWorker":
            workerIds.add(command.id)
            registered.add(command.id)
            codes.add(command.communityCode)
            break
          case "AssignWorker":
            workerIds.add(command.workerId)
            codes.add(command.gridCode)
            assignedGrids.add(command.gridCode)
            break
          default:
            // Structural changes and ended assignments read what they need when they run.
            break
        }
      }
      yield* ensurePlaces(placeIds)
      yield* ensureLinks(placeIds)
      // A place's current grid too: re-placing it reads that grid's chain.
      for (const id of placeIds) for (const link of links.find("place", id)) codes.add(link.gridCode)
      yield* ensureCodes(codes)
      yield* ensureChains(codes)
      yield* ensureTerms(workerIds)
      yield* ensureAssignmentsOfWorkers(registered)
      yield* ensureAssignmentsOfGrids(assignedGrids)
    })

  return {
    store: { grids: gridRepository, places: placeRepository, workers: workerRepository },
    chains,
    prefetch,
    audit: (entry) => void pendingAudit.push(entry),
    flush,
    writeBehind,
    abandon
  }
}
