/**
 * The grid service's reads: arguments decoded like commands, the actor's permission
 * and scope checked, nothing outside the scope returned, personal data masked unless
 * the actor may see it (and such reads audited).
 *
 * @internal
 */
import { Effect, Option, Schema } from "effect"
import * as Actor from "../../access/Actor.js"
import type { AccessPolicyShape } from "../../access/AccessPolicy.js"
import type { Tenant } from "../../access/Tenant.js"
import { piiRead } from "../../access/Permission.js"
import type { AuditLogShape } from "../../audit/AuditLog.js"
import * as Decode from "../../errors/Decode.js"
import { type Grid, GridCode, GridId } from "../../grid/Grid.js"
import { type GridConfigShape, levelsOf } from "../../grid/GridConfig.js"
import * as GridPermission from "../../grid/GridPermission.js"
import * as LevelScheme from "../../grid/LevelScheme.js"
import { ValidationError } from "../../errors/ValidationError.js"
import type { GridsShape, ServingWorker } from "../../grid/GridsService.js"
import type { GridStoreShape } from "../../grid/GridStore.js"
import { type Place, PlaceId, PlaceKind } from "../../grid/Place.js"
import * as ResponsibilityCheck from "../../grid/ResponsibilityCheck.js"
import { WorkerId, type WorkerTerm } from "../../grid/Worker.js"
import * as CitizenId from "../../identifiers/CitizenId.js"
import * as Masking from "../../identifiers/Masking.js"
import * as Phone from "../../identifiers/Phone.js"
import type { Transactor } from "../../store/Transactor.js"
import { groupBy } from "../groupBy.js"
import * as IsoDate from "../../time/IsoDate.js"

const ReadOptions = Schema.Struct({ root: Schema.optional(GridCode), at: Schema.optional(IsoDate.IsoDate) })
const SubtreeOptions = Schema.Struct({
  root: Schema.optional(GridCode),
  at: Schema.optional(IsoDate.IsoDate),
  level: Schema.optional(Schema.Int.pipe(Schema.between(0, 12)))
})
const WorkersOptions = Schema.Struct({
  root: Schema.optional(GridCode),
  at: Schema.optional(IsoDate.IsoDate),
  contact: Schema.optional(Schema.Boolean)
})
const PlacesOptions = Schema.Struct({
  root: Schema.optional(GridCode),
  at: Schema.optional(IsoDate.IsoDate),
  kind: Schema.optional(PlaceKind)
})
const OptionalDay = Schema.UndefinedOr(IsoDate.IsoDate)

/** A household's name when it is not disclosed (the household now lies outside the scope). */
const withheld = "***"

/** Whether a place as stored holds personal data: a household's name, an address. */
const holdsPii = (place: Place): boolean => place.address !== null || place.kind === "household"

/**
 * A place as an actor sees it: a household's name and the address withheld when the
 * place is not in the actor's scope today, masked without `pii:read`.
 */
const placeAsSeen = (place: Place, inScopeToday: boolean, unmasked: boolean): Place => {
  const household = place.kind === "household"
  if (!inScopeToday) return { ...place, name: household ? withheld : place.name, address: null }
  if (unmasked) return place
  return {
    ...place,
    name: household ? Masking.maskName(place.name) : place.name,
    address: place.address === null ? null : Masking.maskAddress(place.address)
  }
}

/**
 * A worker's contact data as an actor sees it: `null` when the worker is not in the
 * actor's scope today, masked without `pii:read`.
 */
const contactAsSeen = <W extends { readonly phone: string | null; readonly citizenId: string | null }>(
  worker: W,
  inScopeToday: boolean,
  unmasked: boolean
): W =>
  !inScopeToday
    ? { ...worker, phone: null, citizenId: null }
    : unmasked
    ? worker
    : {
      ...worker,
      phone: worker.phone === null ? null : Phone.maskStored(worker.phone),
      citizenId: worker.citizenId === null ? null : CitizenId.maskStored(worker.citizenId)
    }

type Reads = Omit<
  GridsShape,
  "execute" | "executeAll" | "executeUnknown" | "executeAllUnknown" | "executeKeyed" | "executeAllKeyed" | "importAll"
>

/** @internal */
export const make = (
  store: GridStoreShape,
  audit: AuditLogShape,
  transactor: Transactor["Type"],
  config: GridConfigShape,
  policy: AccessPolicyShape
): Reads => {
  const { scheme } = config
  const staffed = levelsOf(scheme, config.staffedLevels)

  const day = (input: unknown) =>
    Effect.flatMap(Decode.decode(OptionalDay, input, { field: "at" }), (at) => at === undefined ? IsoDate.today : Effect.succeed(at))

  /** Resolves read options against the actor: scope, permission and the day. */
  const readScope = <A extends typeof ReadOptions.Type & { readonly level?: number | undefined }, I>(
    actor: Actor.Actor,
    input: unknown,
    schema: Schema.Schema<A, I> = ReadOptions as unknown as Schema.Schema<A, I>
  ) =>
    Effect.gen(function*() {
      const options = yield* Decode.decode(schema, input === undefined ? {} : input, { field: "options" })
      if (options.level !== undefined && options.level > LevelScheme.lowest(scheme)) {
        return yield* new ValidationError({
          field: "options.level",
          rule: "grid.level",
          message: `options.level: ${options.level} is below the lowest level ${LevelScheme.lowest(scheme)}`
        })
      }
      const root = options.root ?? actor.scope
      const at = options.at ?? (yield* IsoDate.today)
      yield* Actor.authorize(actor, GridPermission.read, "read", [root], policy)
      return { root, at, level: options.level, tenant: actor.tenant, options }
    })

  /** Runs a subtree query (tenant, root, day) over the read options resolved against the actor. */
  const over = <A, E>(
    actor: Actor.Actor,
    options: unknown,
    query: (tenant: Tenant, root: string, at: IsoDate.IsoDate) => Effect.Effect<A, E>
  ) => Effect.flatMap(readScope(actor, options), (s) => query(s.tenant, s.root, s.at))

  /**
   * Where an actor sees a worker from on a day: their community, if in scope, else a grid
   * in scope they are assigned to that day; undefined when neither.
   */
  const workerSeenFrom = (actor: Actor.Actor, id: WorkerId, community: string, on: IsoDate.IsoDate) =>
    Actor.covers(actor, community) ? Effect.succeed<string | undefined>(community) : Effect.map(
      store.workers.assignmentsOf(actor.tenant, id, on),
      (assignments) => assignments.find((a) => Actor.covers(actor, a.gridCode))?.gridCode
    )

  /** A version as the actor may see it: predecessors outside the scope left out. */
  const visible = (actor: Actor.Actor) => (grid: Grid): Grid => {
    const kept = grid.predecessors.filter((id) => Actor.covers(actor, id.slice(0, id.indexOf("@"))))
    return kept.length === grid.predecessors.length ? grid : { ...grid, predecessors: kept }
  }

  /** The audit entry of an unmasked read: what was read, never the data. */
  const readPii = (actor: Actor.Actor, action: string, target: string, detail = "{}") =>
    transactor.transaction(
      actor.tenant,
      audit.append({ tenant: actor.tenant, actor: actor.id, action, target, detail })
    )

  /**
   * Of workers serving in the actor's scope on a day, those in it today too (a term
   * today in a community of the scope, or an assignment today to a grid of it): whose
   * contact data, kept as it is now, may be shown.
   */
  const workersInScopeToday = (actor: Actor.Actor, ids: ReadonlyArray<WorkerId>, at: IsoDate.IsoDate) =>
    Effect.gen(function*() {
      if (at === (yield* IsoDate.today)) return new Set<string>(ids)
      const today = yield* IsoDate.today
      const seen = new Set<string>()
      const elsewhere: Array<string> = []
      for (const term of yield* store.workers.termsAt(actor.tenant, ids, today)) {
        if (Actor.covers(actor, term.communityCode)) seen.add(term.workerId)
        else elsewhere.push(term.workerId)
      }
      if (elsewhere.length > 0) {
        const serving = new Set<string>((yield* store.workers.assignmentsInSubtree(actor.tenant, actor.scope, today)).map((a) => a.workerId))
        for (const id of elsewhere) if (serving.has(id)) seen.add(id)
      }
      return seen
    })

  return {
    resolve: (actor, code, at) =>
      Effect.gen(function*() {
        const valid = yield* Decode.decode(GridCode, code, { field: "code" })
        const on = yield* day(at)
        const s = yield* readScope(actor, { root: valid, at: on })
        return Option.map(yield* store.grids.at(s.tenant, s.root, s.at), visible(actor))
      }),
    gridOfPlace: (actor, placeId, at) =>
      Effect.gen(function*() {
        const id = yield* Decode.decode(PlaceId, placeId, { field: "placeId" })
        const s = yield* readScope(actor, { at: yield* day(at) })
        const link = yield* store.places.linkAt(s.tenant, id, s.at)
        if (Option.isNone(link) || !Actor.covers(actor, link.value.gridCode)) return Option.none()
        return Option.map(yield* store.grids.at(s.tenant, link.value.gridCode, s.at), visible(actor))
      }),
    lineage: (actor, input) =>
      Effect.gen(function*() {
        const id = yield* Decode.decode(GridId, input, { field: "id" })
        yield* Actor.authorize(actor, GridPermission.read, "lineage", [id.slice(0, id.indexOf("@"))], policy)
        const grid = yield* store.grids.byId(actor.tenant, id)
        if (Option.isNone(grid)) return Option.none()
        const predecessors = yield* Effect.forEach(grid.value.predecessors, (p) => store.grids.byId(actor.tenant, p))
        const successors = yield* store.grids.successors(actor.tenant, id)
        // Versions outside the scope are left out, as every other read leaves them out.
        const inScope = (gs: ReadonlyArray<Grid>) => gs.filter((g) => Actor.covers(actor, g.code)).map(visible(actor))
        return Option.some({
          grid: visible(actor)(grid.value),
          predecessors: inScope(predecessors.flatMap(Option.toArray)),
          successors: inScope(successors)
        })
      }),
    subtree: (actor, options) =>
      Effect.flatMap(
        readScope(actor, options, SubtreeOptions),
        (s) => Effect.map(store.grids.subtree(s.tenant, s.root, s.at, s.level), (grids) => grids.map(visible(actor)))
      ),
    // A subtree question: the repository query over the resolved root and day.
    countByLevel: (actor, options) => over(actor, options, store.grids.countByLevel),
    countWorkersByCategory: (actor, options) => over(actor, options, store.workers.countByCategory),
    countPlaces: (actor, options) => over(actor, options, store.places.countByKind),
    placeLinks: (actor, options) => over(actor, options, store.places.linksInSubtree),
    assignments: (actor, options) => over(actor, options, store.workers.assignmentsInSubtree),
    check: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, options)
        const grids = yield* store.grids.subtree(s.tenant, s.root, s.at)
        const assignments = yield* store.workers.assignmentsInSubtree(s.tenant, s.root, s.at)
        const terms = yield* store.workers.termsAt(s.tenant, [...new Set(assignments.map((a) => a.workerId))], s.at)
        return ResponsibilityCheck.check(scheme, staffed, { grids, assignments, terms })
      }),
    worker: (actor, input, at) =>
      Effect.gen(function*() {
        const id = yield* Decode.decode(WorkerId, input, { field: "id" })
        const on = yield* day(at)
        const found = yield* store.workers.get(actor.tenant, id)
        const term = (yield* store.workers.termsAt(actor.tenant, [id], on))[0]
        if (Option.isNone(found) || term === undefined) return Option.none()
        // Seen from their community, or from a grid they serve on the day.
        const where = yield* workerSeenFrom(actor, id, term.communityCode, on)
        if (where === undefined) return Option.none()
        yield* Actor.authorize(actor, GridPermission.read, "worker", [where], policy)
        const { category, communityCode, employment, validFrom, validTo } = term
        const worker = { ...found.value, category, communityCode, employment, validFrom, validTo }
        // Contact data is kept as it is now: shown only while the worker is in scope today.
        const today = yield* IsoDate.today
        const now = on === today ? where : yield* Effect.flatMap(
          store.workers.termsAt(actor.tenant, [id], today),
          ([current]) => current === undefined ? Effect.succeed(undefined) : workerSeenFrom(actor, id, current.communityCode, today)
        )
        const unmasked = Actor.can(actor, piiRead, policy)
        if (unmasked && now !== undefined && (worker.phone !== null || worker.citizenId !== null)) {
          yield* readPii(actor, "ReadWorkerPii", worker.id)
        }
        return Option.some(contactAsSeen(worker, now !== undefined, unmasked))
      }),
    place: (actor, input, at) =>
      Effect.gen(function*() {
        const id = yield* Decode.decode(PlaceId, input, { field: "id" })
        const on = yield* day(at)
        const found = yield* store.places.get(actor.tenant, id)
        if (Option.isNone(found)) return Option.none()
        // The place belongs where it is on the day, or where it was (or will be) last.
        const links = yield* store.places.links(actor.tenant, found.value.id)
        const located = (d: IsoDate.IsoDate) => links.find((l) => IsoDate.within(d, l.validFrom, l.validTo)) ?? links[links.length - 1]
        const where = located(on)
        if (where === undefined || !Actor.covers(actor, where.gridCode)) return Option.none()
        yield* Actor.authorize(actor, GridPermission.read, "place", [where.gridCode], policy)
        const place = found.value
        // A household's name and an address are kept as they are now: shown only while the
        // place is in scope today.
        const now = located(yield* IsoDate.today)
        const inScopeToday = now !== undefined && Actor.covers(actor, now.gridCode)
        const unmasked = Actor.can(actor, piiRead, policy)
        if (unmasked && inScopeToday && holdsPii(place)) yield* readPii(actor, "ReadPlacePii", place.id)
        return Option.some(placeAsSeen(place, inScopeToday, unmasked))
      }),
    workers: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, options, WorkersOptions)
        const assignments = yield* store.workers.assignmentsInSubtree(s.tenant, s.root, s.at)
        if (assignments.length === 0) return []
        const serving = groupBy(assignments, (a) => a.workerId)
        const ids = Array.from(serving.keys()) as Array<WorkerId>
        const [terms, people] = yield* Effect.all([
          store.workers.termsAt(s.tenant, ids, s.at),
          store.workers.getMany(s.tenant, ids)
        ])
        const termOf = new Map<string, WorkerTerm>(terms.map((t) => [t.workerId, t]))
        const contact = s.options.contact !== false
        const inScopeToday = contact ? yield* workersInScopeToday(actor, ids, s.at) : new Set<string>()
        const unmasked = contact && Actor.can(actor, piiRead, policy)
        let shown = 0
        const rows = people.flatMap((person): Array<ServingWorker> => {
          const term = termOf.get(person.id)
          if (term === undefined) return []
          const { category, communityCode, employment, validFrom, validTo } = term
          const worker = { ...person, category, communityCode, employment, validFrom, validTo, assignments: serving.get(person.id) ?? [] }
          if (!contact) return [{ ...worker, phone: null, citizenId: null }]
          const seen = contactAsSeen(worker, inScopeToday.has(person.id), unmasked)
          if (unmasked && (seen.phone !== null || seen.citizenId !== null)) shown++
          return [seen]
        })
        if (shown > 0) yield* readPii(actor, "ReadWorkersPii", s.root, JSON.stringify({ at: s.at, rows: shown }))
        return rows
      }),
    places: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, options, PlacesOptions)
        const rows = yield* store.places.placesInSubtree(s.tenant, s.root, s.at, s.options.kind)
        // Where places are today, when the day asked for is another: one more query, not one a place.
        const inScopeToday = s.at === (yield* IsoDate.today) ? undefined : new Set<string>(
          (yield* store.places.linksInSubtree(s.tenant, actor.scope, yield* IsoDate.today)).map((l) => l.placeId)
        )
        const unmasked = Actor.can(actor, piiRead, policy)
        let shown = 0
        const seen = rows.map(({ link, place }) => {
          const now = inScopeToday === undefined || inScopeToday.has(place.id)
          if (unmasked && now && holdsPii(place)) shown++
          return { place: placeAsSeen(place, now, unmasked), link }
        })
        if (shown > 0) {
          yield* readPii(actor, "ReadPlacesPii", s.root, JSON.stringify({ at: s.at, kind: s.options.kind ?? null, rows: shown }))
        }
        return seen
      })
  }
}

