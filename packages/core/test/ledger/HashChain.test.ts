/**
 * The ledger's hash chain: any change to any stored field of any entry, a missing
 * entry, or a head that does not match, is named at its first broken link.
 */
import { describe, expect, it } from "@effect/vitest"
import { HashChain, type LedgerEntry, type Tenant } from "@jiceng/core"
import { FastCheck as fc } from "effect"
import { chain, session } from "./fixtures.js"

const tenant = "t-chain" as Tenant.Tenant

const verify = (entries: ReadonlyArray<LedgerEntry.LedgerEntry>, head: HashChain.Head | null) => {
  const v = HashChain.verifier(tenant)
  // Fed in pages of three, as the service pages through a store.
  for (let i = 0; i < entries.length; i += 3) v.feed(entries.slice(i, i + 3))
  return v.finish(head)
}

const headOf = (entries: ReadonlyArray<LedgerEntry.LedgerEntry>): HashChain.Head =>
  entries.length === 0 ? HashChain.genesis(tenant) : { seq: entries.length, hash: entries[entries.length - 1]!.hash }

/** A different value of a field's type. */
const changed = (value: unknown): unknown =>
  value === null ? "x" : typeof value === "number" ? value + 1 : typeof value === "boolean" ? !value : `${String(value)}x`

const fields = Object.keys(session(tenant, 1)).concat("hash") as ReadonlyArray<keyof LedgerEntry.LedgerEntry>

describe("HashChain", () => {
  it("an empty ledger verifies; so does a chain with its head", () => {
    expect(verify([], null).broken).toBeNull()
    const entries = chain(tenant, [1, 2, 3].map((n) => session(tenant, n)))
    expect(verify(entries, headOf(entries))).toMatchObject({ entries: 3, broken: null, head: headOf(entries) })
  })

  it.prop("ledger.chain: changing any one stored field of any entry is detected at that entry", [
    fc.integer({ min: 1, max: 12 }),
    fc.nat(),
    fc.constantFrom(...fields)
  ], ([n, at, field]) => {
    const entries = chain(tenant, Array.from({ length: n }, (_, i) => session(tenant, i + 1, { minutes: 30 + i })))
    const i = at % n
    const tampered = entries.map((e, j) => (j === i ? { ...e, [field]: changed(e[field]) } : e))
    const result = verify(tampered, headOf(entries))
    expect(result.broken).not.toBeNull()
    expect(result.broken!.seq).toBe(i + 1)
  })

  it.prop("ledger.chain: a missing entry is named; so is a head that does not match the entries", [
    fc.integer({ min: 2, max: 12 }),
    fc.nat()
  ], ([n, at]) => {
    const entries = chain(tenant, Array.from({ length: n }, (_, i) => session(tenant, i + 1)))
    const i = at % n
    const missing = entries.filter((_, j) => j !== i)
    expect(verify(missing, headOf(entries)).broken).toMatchObject({ seq: i + 1, reason: "gap" })
    // The last entries cut off with the head left: the head names more than there is.
    expect(verify(entries.slice(0, -1), headOf(entries)).broken).toMatchObject({ seq: n, reason: "gap" })
    // An entry appended past the head.
    expect(verify(entries, headOf(entries.slice(0, -1))).broken).toMatchObject({ seq: n, reason: "head" })
    // No head at all, with entries.
    expect(verify(entries, null).broken).toMatchObject({ seq: 1, reason: "head" })
    // The head's hash changed.
    expect(verify(entries, { seq: n, hash: "0".repeat(64) }).broken).toMatchObject({ seq: n, reason: "head" })
  })
})
