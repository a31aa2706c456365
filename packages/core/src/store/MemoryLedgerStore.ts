/**
 * The memory store's volunteer ledger: registered volunteers, their consents and
 * service activities, points movements and certificates in persistent sorted tables per
 * tenant (keyed as the SQL store's tables are), and the entries in an append-only log
 * with indexes by seq, key, volunteer and reversed seq (`internal/EntryLog.ts`), so
 * that a batch of hundreds of thousands of entries appends in time proportional to its
 * length. The chain head is a field of its own beside the entries, as the SQL store
 * keeps it in a table of its own: `append` writes both, nothing else does.
 *
 * @since 0.4.0
 */
import { Effect, Either, Layer, Option } from "effect"
import type { Tenant } from "../access/Tenant.js"
import { StoreError } from "../errors/StoreError.js"
import { compareStrings } from "../internal/compareStrings.js"
import * as EntryLog from "../internal/EntryLog.js"
import { emptyTables, getMany, type Tables, tableWrites, unique, withFirstOf } from "../internal/memoryTables.js"
import * as SortedIndex from "../internal/SortedIndex.js"
import type * as Table from "../internal/Table.js"
import type { Certificate } from "../ledger/Certificate.js"
import type { Head } from "../ledger/HashChain.js"
import { type LedgerEntry, sign } from "../ledger/LedgerEntry.js"
import { LedgerStore, type LedgerStoreShape } from "../ledger/LedgerStore.js"
import type { Consent, LedgerVolunteer } from "../ledger/LedgerVolunteer.js"
import type { PointMovement } from "../ledger/PointMovement.js"
import { type Dimension, endOf, type TotalsQuery, type TotalsRow, validGridCodeLength } from "../ledger/Rollup.js"
import type { ServiceActivity } from "../ledger/ServiceActivity.js"
import type { IsoDate } from "../time/IsoDate.js"
import { MemoryTransactor, tenantCell } from "./MemoryTransactor.js"

const { key } = SortedIndex

/** Rows whose primary key is their id. */
const byId = <A extends { readonly id: string }>(): Table.Layout<A, never> => ({ primary: (row) => row.id, indexes: {} })

/**
 * Volunteers and activities by id; consents by volunteer then day (one a day);
 * movements by key and by volunteer, day, key; certificates by key and by code.
 */
const layouts = {
  volunteers: byId<LedgerVolunteer>(),
  consents: { primary: (c) => key(c.volunteerId, c.on), indexes: {} } satisfies Table.Layout<Consent, never>,
  activities: byId<ServiceActivity>(),
  movements: {
    primary: (m) => m.key,
    indexes: { volunteer: (m) => key(m.volunteerId, m.on, m.key) }
  } satisfies Table.Layout<PointMovement, "volunteer">,
  certificates: { primary: (c) => c.key, indexes: { code: (c) => c.code } } satisfies Table.Layout<Certificate, "code">
}

interface TenantState extends Tables<typeof layouts> {
  readonly entries: EntryLog.EntryLog
  /** Kept apart from the entries, as the SQL stores keep it: only `append` writes both. */
  readonly head: Head | null
}

const refuse = (operation: string, why: string): StoreError =>
  new StoreError({ operation, message: `${operation}: ${why}` })

/** Why entries cannot follow a log and its head, or undefined when they can. */
const refusal = (log: EntryLog.EntryLog, head: Head | null, entries: ReadonlyArray<LedgerEntry>): string | undefined => {
  const next = (head?.seq ?? 0) + 1
  const keys = new Set<string>()
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!
    if (e.seq !== next + i) return `entry ${e.seq} does not follow the head (${next - 1}) in seq order`
    if (EntryLog.get(log, e.seq) !== undefined) return `an entry with seq ${e.seq} exists already`
    const slot = key(e.key, String(e.part))
    if (keys.has(slot) || EntryLog.withKey(log, e.key).some((x) => x.part === e.part)) {
      return "an entry with this key and part exists already"
    }
    keys.add(slot)
  }
  return undefined
}

/** Entries ordered by seq. */
const bySeq = (a: LedgerEntry, b: LedgerEntry): number => a.seq - b.seq

/** Sessions of one volunteer: by start, then seq. */
const byStart = (a: LedgerEntry, b: LedgerEntry): number => compareStrings(a.startsAt, b.startsAt) || a.seq - b.seq

/** The distinct integers of a list, ascending. */
const seqsOf = (seqs: ReadonlyArray<number>): Array<number> =>
  Array.from(new Set(seqs)).filter(Number.isSafeInteger).sort((a, b) => a - b)

/**
 * Whether an entry's session starts on a day from `from` to `to` (both included; null:
 * without that bound).
 */
const startsWithin = (from: IsoDate | null, to: IsoDate | null) => {
  const end: string | null = to === null ? null : endOf(to)
  return (e: LedgerEntry): boolean => {
    const at: string = e.startsAt
    return (from === null || at >= from) && (end === null || at < end)
  }
}

/** An entry's value of a dimension; a grid code cut to `gridCodeLength` characters when given. */
const valueOf = (e: LedgerEntry, dimension: Dimension, gridCodeLength: number | undefined): string | null =>
  dimension === "month"
    ? e.startsAt.slice(0, 7)
    : dimension === "gridCode" && gridCodeLength !== undefined
    ? e.gridCode.slice(0, gridCodeLength)
    : e[dimension]

/** Keys in the order of the SQL stores' `ORDER BY … NULLS FIRST`. */
const compareKeys = (a: ReadonlyArray<string | null>, b: ReadonlyArray<string | null>): number => {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!
    const y = b[i]!
    if (x === y) continue
    if (x === null) return -1
    if (y === null) return 1
    const c = compareStrings(x, y)
    if (c !== 0) return c
  }
  return 0
}

/** The rollup of a log's entries, as the SQL stores' single GROUP BY gives it. */
const totalsOf = (log: EntryLog.EntryLog, query: TotalsQuery): Array<TotalsRow> => {
  const within = startsWithin(query.from, query.to)
  const groups = new Map<string, { keys: Array<string | null>; minutes: number; entries: number; residentsServed: number; mattersDone: number; points: number }>()
  // Without dimensions: one row, even over no entries (as SQL's aggregate without GROUP BY).
  if (query.by.length === 0) groups.set("[]", { keys: [], minutes: 0, entries: 0, residentsServed: 0, mattersDone: 0, points: 0 })
  const upTo = query.asOfSeq ?? Number.POSITIVE_INFINITY
  for (const e of EntryLog.entries(log)) {
    if (!within(e) || e.seq > upTo) continue
    const keys = query.by.map((d) => valueOf(e, d, query.gridCodeLength))
    const slot = JSON.stringify(keys)
    let group = groups.get(slot)
    if (group === undefined) {
      group = { keys, minutes: 0, entries: 0, residentsServed: 0, mattersDone: 0, points: 0 }
      groups.set(slot, group)
    }
    group.minutes += e.minutes
    group.entries += sign(e)
    group.residentsServed += e.residentsServed
    group.mattersDone += e.mattersDone
    group.points += e.points
  }
  return Array.from(groups.values()).sort((a, b) => compareKeys(a.keys, b.keys))
}

/**
 * @since 0.4.0
 * @category constructors
 */
export const make: Effect.Effect<LedgerStoreShape, never, MemoryTransactor> = Effect.gen(function*() {
  const transactor = yield* MemoryTransactor
  const empty: TenantState = { ...emptyTables(layouts), entries: EntryLog.empty, head: null }
  const cell = tenantCell<TenantState>(transactor, empty)
  const { read } = cell
  const { insert, insertNew, put } = tableWrites(layouts, cell)

  /** The entries of a tenant's log at some seqs (or under some reversed seqs), by seq. */
  const atSeqs = (tenant: Tenant, seqs: ReadonlyArray<number>, find: (log: EntryLog.EntryLog, seq: number) => Array<LedgerEntry>) =>
    read(tenant, (s) => seqsOf(seqs).flatMap((seq) => find(s.entries, seq)).sort(bySeq))

  return {
    registry: {
      addVolunteers: (rows) => insert("registry.addVolunteers", "volunteers", rows),
      volunteersOf: (tenant, ids) => read(tenant, (s) => getMany(s.volunteers, ids)),
      volunteersWithCitizenIds: (tenant, citizenIds) =>
        read(tenant, (s) => {
          const wanted = new Set(citizenIds)
          return SortedIndex.values(s.volunteers.rows).filter((v) => v.citizenId !== null && wanted.has(v.citizenId))
        }),
      volunteers: (tenant) => read(tenant, (s) => SortedIndex.values(s.volunteers.rows)),

      putConsents: (rows) => put("consents", rows),
      consentsOf: (tenant, ids) => read(tenant, (s) => withFirstOf(s.consents.rows, ids)),

      addActivities: (rows) => insert("registry.addActivities", "activities", rows),
      activitiesOf: (tenant, ids) => read(tenant, (s) => getMany(s.activities, ids)),
      activities: (tenant) => read(tenant, (s) => SortedIndex.values(s.activities.rows))
    },
    entries: {
      head: (tenant) => read(tenant, (s) => s.head),
      append: (tenant, entries) =>
        Effect.suspend(() => {
          if (entries.length === 0) return Effect.void
          if (entries.some((e) => e.tenant !== tenant)) {
            return Effect.fail(refuse("entries.append", "an entry names another tenant"))
          }
          return cell.modifyRows(entries, (s, mine) => {
            const why = refusal(s.entries, s.head, mine)
            if (why !== undefined) return Either.left(refuse("entries.append", why))
            const last = mine[mine.length - 1]!
            return Either.right({ ...s, entries: EntryLog.append(s.entries, mine), head: { seq: last.seq, hash: last.hash } })
          })
        }),
      byKeys: (tenant, keys) =>
        read(tenant, (s) => unique(keys).flatMap((k) => EntryLog.withKey(s.entries, k)).sort(bySeq)),
      bySeqs: (tenant, seqs) => atSeqs(tenant, seqs, (log, seq) => Option.toArray(Option.fromNullable(EntryLog.get(log, seq)))),
      reversalsOf: (tenant, seqs) => atSeqs(tenant, seqs, EntryLog.reversalsOf),
      sessions: (tenant, volunteers, from, to) =>
        read(tenant, (s) =>
          unique(volunteers).sort(compareStrings).flatMap((v) =>
            EntryLog.ofVolunteer(s.entries, v)
              .filter((e) => e.kind === "service" && e.startsAt < to && e.endsAt > from && !EntryLog.isReversed(s.entries, e.seq))
              .sort(byStart)
          )),
      page: (tenant, afterSeq, limit) =>
        read(tenant, (s) => EntryLog.after(s.entries, afterSeq, Number.isNaN(limit) ? 0 : Math.floor(limit))),
      ofVolunteers: (tenant, volunteers, from, to) =>
        read(tenant, (s) =>
          unique(volunteers).flatMap((v) => EntryLog.ofVolunteer(s.entries, v)).filter(startsWithin(from, to)).sort(bySeq)),
      totals: (tenant, query) =>
        validGridCodeLength(query.gridCodeLength)
          ? read(tenant, (s) => totalsOf(s.entries, query))
          : Effect.fail(refuse("entries.totals", `gridCodeLength ${query.gridCodeLength} is not a positive whole number`))
    },
    points: {
      addMovements: (rows) => insert("points.addMovements", "movements", rows),
      movementsByKeys: (tenant, keys) => read(tenant, (s) => getMany(s.movements, keys)),
      movementsOf: (tenant, ids) => read(tenant, (s) => withFirstOf(s.movements.by.volunteer, ids))
    },
    certificates: {
      // A code is unique as well as the key: checked before the key's insert.
      addCertificates: (rows) =>
        cell.modifyRows(rows, (s, mine) => {
          const codes = new Set<string>()
          for (const c of mine) {
            if (codes.has(c.code) || Option.isSome(SortedIndex.get(s.certificates.by.code, c.code))) {
              return Either.left(refuse("certificates.addCertificates", "a certificate with this code exists already"))
            }
            codes.add(c.code)
          }
          return insertNew("certificates.addCertificates", "certificates", s, mine)
        }),
      certificatesByKeys: (tenant, keys) => read(tenant, (s) => getMany(s.certificates, keys)),
      certificatesOf: (tenant, codes) =>
        read(tenant, (s) =>
          unique(codes).sort(compareStrings).flatMap((c) => Option.toArray(SortedIndex.get(s.certificates.by.code, c))))
    }
  }
})

/**
 * @since 0.4.0
 * @category layers
 */
export const layer: Layer.Layer<LedgerStore, never, MemoryTransactor> = Layer.effect(LedgerStore, make)
