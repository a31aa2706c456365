/**
 * Entries for the ledger's pure tests: a session template, and a chain of them.
 */
import { HashChain, type LedgerEntry, LocalMinute, type Tenant } from "@jiceng/core"

/** A session entry with its chain fields to fill in. */
export const session = (tenant: string, seq: number, overrides: Partial<LedgerEntry.LedgerEntry> = {}): Omit<LedgerEntry.LedgerEntry, "hash"> => {
  const start = LocalMinute.toEpochMinutes(LocalMinute.unsafeMake("2024-03-01T08:00")) + seq * 180
  return {
    tenant: tenant as Tenant.Tenant,
    seq,
    key: `k-${seq}` as LedgerEntry.LedgerEntry["key"],
    part: 0,
    fingerprint: "f".repeat(64),
    kind: "service",
    volunteerId: "v-1" as LedgerEntry.LedgerEntry["volunteerId"],
    activityId: "a-1" as LedgerEntry.LedgerEntry["activityId"],
    teamId: null,
    postId: null,
    servicePoint: "sp-1" as LedgerEntry.LedgerEntry["servicePoint"],
    gridCode: "131102001001" as LedgerEntry.LedgerEntry["gridCode"],
    category: "community" as LedgerEntry.LedgerEntry["category"],
    programme: null,
    unitCreditCode: null,
    startsAt: LocalMinute.fromEpochMinutes(start),
    endsAt: LocalMinute.fromEpochMinutes(start + 90),
    minutes: 90,
    content: "入户走访" as LedgerEntry.LedgerEntry["content"],
    residentsServed: 3,
    mattersDone: 1,
    points: 1,
    organiser: "河西街道新时代文明实践所" as LedgerEntry.LedgerEntry["organiser"],
    personInCharge: "王芳" as LedgerEntry.LedgerEntry["personInCharge"],
    recorder: "recorder-1" as LedgerEntry.LedgerEntry["recorder"],
    recordedOn: "2024-03-05" as LedgerEntry.LedgerEntry["recordedOn"],
    late: false,
    reverses: null,
    replaces: null,
    reason: null,
    requester: null,
    ...overrides
  }
}

/** Entries linked into a tenant's chain, in seq order from 1. */
export const chain = (tenant: string, entries: ReadonlyArray<Omit<LedgerEntry.LedgerEntry, "hash">>): Array<LedgerEntry.LedgerEntry> => {
  let previous = HashChain.genesis(tenant as Tenant.Tenant).hash
  return entries.map((e) => {
    const hash = HashChain.link(previous, e)
    previous = hash
    return { ...e, hash }
  })
}
