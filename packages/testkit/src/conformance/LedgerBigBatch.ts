/**
 * A ledger batch larger than the chunks the service appends while it decides the rest
 * (8,192 entries): written whole, in seq order, its chain verifying, and replayed whole
 * when sent again; refused at its last row, it writes nothing — not the chunks appended
 * before the refusal either. For every store.
 *
 * @since 0.4.0
 */
import { describe, expect, it } from "@effect/vitest"
import { Actor, CoConstructions, Grids, LedgerStore, type Store, type Tenant, VolunteerLedgerService } from "@jiceng/core"
import { Effect, type Layer } from "effect"
import * as LedgerIngest from "../arbitraries/LedgerIngest.js"
import * as LedgerIntents from "../arbitraries/LedgerIntents.js"
import { freshLedgerTenant, sharedLedgerStore } from "./ledgerSupport.js"

/**
 * Registers the tests for one store. `size`: the sessions of the batch (default 20,000:
 * two chunks and some).
 *
 * @since 0.4.0
 * @category suites
 */
export const ledgerBigBatch = <E>(name: string, store: Layer.Layer<Store.Store, E>, options: { readonly size?: number } = {}): void => {
  describe(`${name}: a ledger batch larger than its append chunks`, () => {
    const over = sharedLedgerStore(store)
    const size = options.size ?? 20_000

    it.effect("refused at its last row it writes nothing; then written whole, verified, and replayed whole", () =>
      over(Effect.gen(function*() {
        const tenant = freshLedgerTenant()
        const admin = Actor.system(tenant)
        const ledger = yield* VolunteerLedgerService.VolunteerLedger
        const ports = yield* LedgerStore.LedgerStore
        const s = LedgerIntents.scaffold(tenant)
        yield* (yield* Grids.Grids).executeAll(admin, s.grids as never)
        yield* (yield* CoConstructions.CoConstructions).executeAllUnknown(admin, s.coConstruction)
        yield* ledger.executeAllUnknown(admin, s.ledger)
        // Sessions half an hour apart from 2023-01-01, each volunteer's an hour long: no overlap.
        const batch = LedgerIngest.batch(0, size)
        const t = tenant as Tenant.Tenant

        // The first session again under another key: it overlaps its volunteer's session.
        const refused = yield* Effect.flip(ledger.executeAllUnknown(admin, [...batch, { ...batch[0], key: "again" }]))
        expect(refused).toMatchObject({ rule: "ledger.overlap", row: size + 1 })
        expect(yield* ports.entries.head(t)).toBeNull()
        expect(yield* ports.entries.page(t, 0, 10)).toEqual([])

        const results = yield* ledger.executeAllUnknown(admin, batch)
        expect(results).toHaveLength(size)
        const entries = results.flatMap((r) => (r._tag === "Appended" && !r.replayed ? r.entries : []))
        expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: size }, (_, i) => i + 1))
        expect(entries.map((e) => e.key)).toEqual(batch.map((c) => c["key"]))
        const last = entries[size - 1]!
        expect(yield* ports.entries.head(t)).toEqual({ seq: size, hash: last.hash })
        expect(yield* ports.entries.page(t, size - 2, 10)).toEqual(entries.slice(size - 2))
        expect(yield* ledger.verify(admin)).toMatchObject({ entries: size, broken: null })

        const again = yield* ledger.executeAllUnknown(admin, batch)
        expect(again.every((r) => r._tag === "Appended" && r.replayed)).toBe(true)
        expect(yield* ports.entries.head(t)).toEqual({ seq: size, hash: last.hash })
      })))
  })
}
