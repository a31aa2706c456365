/**
 * The ledger's tamper evidence: a hash chain per tenant over its entries in commit
 * order. Entry n's hash is SHA-256 over entry n−1's hash and entry n's fields (the
 * first entry links to the tenant's genesis), and the tenant's head (the last seq and
 * its hash) is kept beside the entries. `verify` recomputes the chain and names the
 * first broken link: a changed field, a changed hash, a missing or extra entry, or a
 * head that does not match the last entry. A platform that also keeps the head it saw
 * (printed on a certificate, say, or published) detects even a ledger cut short with
 * its head rewritten.
 *
 * @since 0.4.0
 */
import { createHash } from "node:crypto"
import type { Tenant } from "../access/Tenant.js"
import { sha256 } from "../internal/ledger/sha256.js"
import { chainFields, type LedgerEntry } from "./LedgerEntry.js"

/**
 * The chain's head: its last entry's seq and hash (seq 0 and the genesis hash for an
 * empty ledger).
 *
 * @since 0.4.0
 * @category models
 */
export interface Head {
  readonly seq: number
  readonly hash: string
}

/**
 * The hash a tenant's first entry links to.
 *
 * @since 0.4.0
 * @category constructors
 */
export const genesis = (tenant: Tenant): Head => ({
  seq: 0,
  hash: createHash("sha256").update(`jiceng-ledger\n${tenant}`).digest("hex")
})

/**
 * The hash of an entry that follows `previous`.
 *
 * @since 0.4.0
 * @category utils
 */
export const link = (previous: string, entry: Omit<LedgerEntry, "hash">): string =>
  sha256(`${previous}\n${chainFields(entry)}`)

/**
 * Where a chain breaks: at an entry (`seq`), why, and the hash expected there.
 *
 * @since 0.4.0
 * @category models
 */
export interface Break {
  readonly seq: number
  readonly reason: "hash" | "gap" | "head" | "tenant"
  readonly message: string
}

/**
 * A verification's result: how many entries it checked, the head it reached, and the
 * first break if there is one.
 *
 * @since 0.4.0
 * @category models
 */
export interface Verification {
  readonly tenant: Tenant
  readonly entries: number
  readonly head: Head
  readonly broken: Break | null
}

/**
 * A verifier fed the entries in seq order, page by page: `feed` returns the first break
 * in the page (and every later call returns it again), `finish` checks the stored head.
 * It starts at the genesis, or at an entry already trusted (`start`: the entries fed
 * then begin after it).
 *
 * @since 0.4.0
 * @category constructors
 */
export const verifier = (tenant: Tenant, start: Head = genesis(tenant)) => {
  let head = start
  let broken: Break | null = null
  const feed = (entries: ReadonlyArray<LedgerEntry>): Break | null => {
    if (broken !== null) return broken
    for (const e of entries) {
      if (e.tenant !== tenant) {
        return (broken = { seq: e.seq, reason: "tenant", message: `ledger.chain: entry ${e.seq} names another tenant` })
      }
      if (e.seq !== head.seq + 1) {
        return (broken = {
          seq: head.seq + 1,
          reason: "gap",
          message: `ledger.chain: entry ${head.seq + 1} is missing (the next entry is ${e.seq})`
        })
      }
      const expected = link(head.hash, e)
      if (expected !== e.hash) {
        return (broken = {
          seq: e.seq,
          reason: "hash",
          message: `ledger.chain: entry ${e.seq} does not match its hash (a field or the hash was changed)`
        })
      }
      head = { seq: e.seq, hash: e.hash }
    }
    return null
  }
  const finish = (stored: Head | null): Verification => {
    const storedSeq = stored?.seq ?? 0
    if (broken !== null) {
      // Already broken.
    } else if (stored === null && head.seq > 0) {
      broken = { seq: 1, reason: "head", message: `ledger.chain: there are ${head.seq} entries but no head` }
    } else if (storedSeq > head.seq) {
      broken = {
        seq: head.seq + 1,
        reason: "gap",
        message: `ledger.chain: the head names entry ${storedSeq} but the entries end at ${head.seq}`
      }
    } else if (storedSeq < head.seq) {
      broken = {
        seq: storedSeq + 1,
        reason: "head",
        message: `ledger.chain: the entries go on past the head (${storedSeq}) to ${head.seq}`
      }
    } else if (stored !== null && stored.hash !== head.hash) {
      broken = { seq: head.seq, reason: "head", message: `ledger.chain: the head's hash does not match entry ${head.seq}` }
    }
    return { tenant, entries: head.seq, head, broken }
  }
  return { feed, finish }
}
