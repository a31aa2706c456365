/**
 * The memory store's member-development domain: tracks and their events, community
 * workers, recruitment plans, training sessions and attendance, qualifications, career
 * moves, honours and their letters, in persistent sorted tables per tenant. Each table
 * is keyed as its SQL table is, and each secondary index leads with what the SQL store's
 * index does, so every read is a key range. Integers in a key (an event's seq, a plan's
 * year) are written with leading zeros, so that they sort as numbers.
 *
 * @since 0.5.0
 */
import { Effect, Layer } from "effect"
import type {
  Attendance,
  CareerMove,
  CommunityWorker,
  Holding,
  RecruitmentPlan,
  TrainingSession
} from "../development/CommunityWorker.js"
import { DevelopmentStore, type DevelopmentStoreShape } from "../development/DevelopmentStore.js"
import type { Event, TrackHeader } from "../development/Pathway.js"
import type { Honour, HonourLetter } from "../development/Recognition.js"
import { emptyTables, getMany, sortedBy, type Tables, tableWrites, withFirstOf } from "../internal/memoryTables.js"
import * as SortedIndex from "../internal/SortedIndex.js"
import * as Table from "../internal/Table.js"
import { MemoryTransactor, tenantCell } from "./MemoryTransactor.js"

const { key } = SortedIndex

/** A table with no secondary index. */
const keyedBy = <A>(primary: (row: A) => string): Table.Layout<A, never> => ({ primary, indexes: {} })

/** Rows whose primary key is their id. */
const byId = <A extends { readonly id: string }>(): Table.Layout<A, never> => keyedBy<A>((row) => row.id)

/** A non-negative integer as a key part that sorts as the number does (every safe integer has at most 16 digits). */
const ordinal = (n: number): string => String(n).padStart(16, "0")

/**
 * Tracks by id and by person then id; events by track then seq; plans by grid then
 * year; attendance by session then worker; holdings by worker then level, and by worker,
 * day obtained, level; moves by id and by worker, day, id; honours by id and by day
 * awarded then id; letters by honour; every other row by its id.
 */
const layouts = {
  tracks: { primary: (t) => t.id, indexes: { person: (t) => key(t.person, t.id) } } satisfies Table.Layout<
    TrackHeader,
    "person"
  >,
  events: keyedBy<Event>((e) => key(e.trackId, ordinal(e.seq))),
  workers: byId<CommunityWorker>(),
  plans: keyedBy<RecruitmentPlan>((p) => key(p.gridCode, ordinal(p.year))),
  sessions: byId<TrainingSession>(),
  attendance: keyedBy<Attendance>((a) => key(a.sessionId, a.workerId)),
  holdings: {
    primary: (h) => key(h.workerId, h.level),
    indexes: { obtained: (h) => key(h.workerId, h.obtainedOn, h.level) }
  } satisfies Table.Layout<Holding, "obtained">,
  moves: { primary: (m) => m.id, indexes: { worker: (m) => key(m.workerId, m.on, m.id) } } satisfies Table.Layout<
    CareerMove,
    "worker"
  >,
  honours: { primary: (h) => h.id, indexes: { awarded: (h) => key(h.awardedOn, h.id) } } satisfies Table.Layout<
    Honour,
    "awarded"
  >,
  letters: keyedBy<HonourLetter>((l) => l.honourId)
}

type TenantState = Tables<typeof layouts>

/**
 * @since 0.5.0
 * @category constructors
 */
export const make: Effect.Effect<DevelopmentStoreShape, never, MemoryTransactor> = Effect.gen(function*() {
  const transactor = yield* MemoryTransactor
  const cell = tenantCell<TenantState>(transactor, emptyTables(layouts))
  const { read } = cell
  const { insert, put } = tableWrites(layouts, cell)

  return {
    tracks: {
      addTracks: (rows) => insert("tracks.addTracks", "tracks", rows),
      addEvents: (rows) => insert("tracks.addEvents", "events", rows),
      tracksOf: (tenant, ids) => read(tenant, (s) => getMany(s.tracks, ids)),
      // A person's tracks come by person then id; the list is by id.
      tracksFor: (tenant, people) => read(tenant, (s) => sortedBy(withFirstOf(s.tracks.by.person, people), (t) => t.id)),
      tracks: (tenant) => read(tenant, (s) => SortedIndex.values(s.tracks.rows)),
      eventsOf: (tenant, ids) => read(tenant, (s) => withFirstOf(s.events.rows, ids)),
      events: (tenant) => read(tenant, (s) => SortedIndex.values(s.events.rows))
    },
    workforce: {
      addWorkers: (rows) => insert("workforce.addWorkers", "workers", rows),
      workersOf: (tenant, ids) => read(tenant, (s) => getMany(s.workers, ids)),
      workers: (tenant) => read(tenant, (s) => SortedIndex.values(s.workers.rows)),

      putPlans: (rows) => put("plans", rows),
      plans: (tenant) => read(tenant, (s) => SortedIndex.values(s.plans.rows)),

      addSessions: (rows) => insert("workforce.addSessions", "sessions", rows),
      sessionsOf: (tenant, ids) => read(tenant, (s) => getMany(s.sessions, ids)),
      sessions: (tenant) => read(tenant, (s) => SortedIndex.values(s.sessions.rows)),
      addAttendance: (rows) => insert("workforce.addAttendance", "attendance", rows),
      attendance: (tenant) => read(tenant, (s) => SortedIndex.values(s.attendance.rows)),

      addHoldings: (rows) => insert("workforce.addHoldings", "holdings", rows),
      holdingsOf: (tenant, ids) => read(tenant, (s) => withFirstOf(s.holdings.by.obtained, ids)),
      holdings: (tenant) => read(tenant, (s) => SortedIndex.values(s.holdings.by.obtained)),

      addMoves: (rows) => insert("workforce.addMoves", "moves", rows),
      movesOf: (tenant, ids) => read(tenant, (s) => getMany(s.moves, ids)),
      movesFor: (tenant, ids) => read(tenant, (s) => withFirstOf(s.moves.by.worker, ids)),
      moves: (tenant) => read(tenant, (s) => SortedIndex.values(s.moves.by.worker))
    },
    recognition: {
      addHonours: (rows) => insert("recognition.addHonours", "honours", rows),
      honoursOf: (tenant, ids) => read(tenant, (s) => getMany(s.honours, ids)),
      honours: (tenant) => read(tenant, (s) => SortedIndex.values(s.honours.by.awarded)),
      addLetters: (rows) => insert("recognition.addLetters", "letters", rows),
      letters: (tenant) => read(tenant, (s) => SortedIndex.values(s.letters.rows)),
      lettersOf: (tenant, ids) => read(tenant, (s) => getMany(s.letters, ids)),
      markSent: (tenant, ids, on) =>
        cell.modify(tenant, (s) => ({
          ...s,
          letters: ids.reduce(
            (letters, id) => Table.modify(layouts.letters, letters, id, (l) => (l.status === "pending" ? { ...l, status: "sent", sentOn: on } : l)),
            s.letters
          )
        }))
    }
  }
})

/**
 * @since 0.5.0
 * @category layers
 */
export const layer: Layer.Layer<DevelopmentStore, never, MemoryTransactor> = Layer.effect(DevelopmentStore, make)
