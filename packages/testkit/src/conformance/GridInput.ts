/**
 * Bad input through the grid service, on any store: every malformed command or read
 * argument is a `ValidationError` naming the field (and row) and the rule, and writes
 * nothing; any string in a text field is either refused at decoding or read back
 * exactly as given — the same on every store.
 *
 * @since 0.2.0
 */
import { expect, it } from "@effect/vitest"
import { Actor, Grids, type Store } from "@jiceng/core"
import { Effect, FastCheck as fc, type Layer, Option } from "effect"
import * as GridIntents from "../arbitraries/GridIntents.js"
import { freshTenant, gridsOver, longFactor } from "./support.js"

const start = "2023-01-01"

/**
 * Strings of every shape: arbitrary UTF-16 units (lone surrogates, U+0000, controls,
 * line breaks), valid text from all of Unicode, and text with odd edges.
 *
 * @since 0.2.0
 * @category arbitraries
 */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 }).map((units) => String.fromCharCode(...units)),
  fc.string({ unit: "grapheme", maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.tuple(fc.constantFrom(" ", "\u3000", "\n", "\u200f", "\u0000", "\ud800", ""), fc.string({ unit: "grapheme", maxLength: 6 }))
    .map(([edge, text]) => `${edge}${text}${edge}`)
)

/** Input whose reading throws: a getter, or a Proxy that throws on every trap. */
const throwing = (): unknown => ({
  _tag: "RenameGrid",
  get code(): string {
    throw new Error("boom")
  }
})
const boom = () => {
  throw new Error("boom")
}
const proxy = (): unknown =>
  new Proxy({}, { get: boom, has: boom, ownKeys: boom, getOwnPropertyDescriptor: boom, getPrototypeOf: boom })

/**
 * Registers the suite for one store.
 *
 * @since 0.2.0
 * @category suites
 */
export const gridInput = <E>(name: string, store: Layer.Layer<Store.Store, E>, options: { readonly numRuns?: number } = {}) =>
  it.layer(gridsOver(store), { timeout: 600_000 })(`${name}: bad input`, (it) => {
    const setup = Effect.gen(function*() {
      const tenant = freshTenant()
      const grids = yield* Grids.Grids
      const admin = Actor.system(tenant)
      yield* grids.executeAllUnknown(admin, GridIntents.baseTree(tenant, start))
      const compound = `${tenant}001001001001`
      return { tenant, grids, admin, compound }
    })

    /** Runs a write that must be refused; checks that nothing was written and returns the error. */
    const refused = (tenant: string, write: Effect.Effect<unknown, unknown>) =>
      Effect.gen(function*() {
        const before = yield* GridIntents.history(tenant)
        const error = yield* Effect.flip(write)
        expect(yield* GridIntents.history(tenant)).toEqual(before)
        return error
      })

    it.effect("malformed commands: a ValidationError naming the field and the rule, nothing written", () =>
      Effect.gen(function*() {
        const { admin, compound, grids, tenant } = yield* setup
        const place = { _tag: "PlacePlace", id: "X1", kind: "merchant", name: "商户", gridCode: compound, at: "2024-01-01" }
        const cases: ReadonlyArray<readonly [unknown, Record<string, unknown>]> = [
          [null, { field: "(input)" }],
          [5, { field: "(input)" }],
          [{ ...place, valid_to: "2025-01-01" }, { field: "valid_to", rule: "schema.unknown-key" }],
          // A key that is no plain name is not repeated: it may be anything (a phone number, a megabyte).
          [{ ...place, ["k".repeat(100_000)]: 1 }, { field: "(a key)", rule: "schema.unknown-key" }],
          [{ ...place, "13912345678\n": 1 }, { field: "(a key)", rule: "schema.unknown-key" }],
          [{ ...place, extra: Array.from({ length: 10_001 }, () => 1) }, { field: "extra", rule: "schema.too-large" }],
          [
            { _tag: "AssignWorker", workerId: "W0", gridCode: compound, post: "网格员", responsible: false, duties: Array(1_000_000).fill("走访"), at: "2024-01-01" },
            { field: "duties", rule: "schema.too-large" }
          ],
          [{ ...place, name: JSON.parse("[".repeat(200) + "]".repeat(200)) }, { field: "name", rule: "schema.too-deep" }],
          [{ ...place, kind: "shop" }, { field: "kind", rule: "schema.type" }],
          [{ ...place, name: "" }, { field: "name", rule: "text.empty" }],
          [{ _tag: "PlacePlace", id: "X1", kind: "merchant", gridCode: compound, at: "2024-01-01" }, { field: "name", rule: "schema.missing" }],
          [
            { _tag: "AssignWorker", workerId: "W0", gridCode: compound, post: "网格员", responsible: false, duties: [], at: "2024-01-01" },
            { field: "duties", rule: "schema.non-empty" }
          ],
          [
            { _tag: "MoveGrid", code: compound, newParentCode: `${tenant}001001002`, segment: "12a", at: "2024-01-01" },
            { field: "segment", rule: "grid.segment-format" }
          ],
          [{ ...place, name: "商\u0000户" }, { field: "name", rule: "text.control" }],
          [{ ...place, name: "商\ud800户" }, { field: "name", rule: "text.surrogate" }],
          [{ ...place, name: "商户\n二楼" }, { field: "name", rule: "text.control" }],
          [{ ...place, name: "\u202e户商" }, { field: "name", rule: "text.bidi" }],
          [{ ...place, name: " 商户" }, { field: "name", rule: "text.trimmed" }],
          [{ ...place, name: "商".repeat(1_000_000) }, { field: "name", rule: "text.length" }],
          [{ ...place, address: "x".repeat(201) }, { field: "address", rule: "text.length" }],
          [{ ...place, at: "2023-02-29" }, { field: "at", rule: "date.format" }],
          [{ ...place, gridCode: "１３１１０２" }, { field: "gridCode", rule: "grid.code-format" }],
          [{ ...place, id: "X1'; DROP TABLE places; --", name: 12 }, { field: "name", rule: "schema.type" }],
          [{ ...place, kind: "work_unit", creditCode: "91110108700007972Q" }, { field: "creditCode" }],
          [
            { _tag: "RegisterWorker", id: "W9", name: "王五", category: "volunteer", communityCode: `${tenant}001001`, employment: "part_time", phone: "abc", at: start },
            { field: "phone", rule: "phone.format" }
          ],
          [
            { _tag: "RegisterWorker", id: "W9", name: "王五", category: "volunteer", communityCode: `${tenant}001001`, employment: "part_time", citizenId: "110105194912310021", at: start },
            { field: "citizenId", rule: "citizen-id.check-digit" }
          ],
          [throwing(), { field: "(input)", rule: "schema.unreadable" }],
          [proxy(), { field: "(input)", rule: "schema.unreadable" }]
        ]
        for (const [input, expected] of cases) {
          const error = yield* refused(tenant, grids.executeUnknown(admin, input))
          expect(error, JSON.stringify(expected)).toMatchObject({ _tag: "ValidationError", ...expected })
          // The message names the field and never repeats a long value.
          const e = error as { readonly message: string; readonly field: string }
          expect(e.message.startsWith(`${e.field}:`)).toBe(true)
          expect(e.message.length).toBeLessThan(400)
        }
        const literal = yield* refused(tenant, grids.executeUnknown(admin, { ...place, kind: "shop" }))
        expect((literal as { readonly message: string }).message).toContain("expected one of residential_building, office_building, work_unit, merchant, household")
      }))

    it.effect("batches: not an array, unreadable, or a bad row in the middle: nothing written, the row named", () =>
      Effect.gen(function*() {
        const { admin, compound, grids, tenant } = yield* setup
        for (const batch of [null, {}, 5, "[]"]) {
          expect(yield* refused(tenant, grids.executeAllUnknown(admin, batch))).toMatchObject({
            _tag: "ValidationError", field: "(input)", rule: "batch.array"
          })
        }
        const unreadable = new Proxy([1, 2], { get: boom })
        expect(yield* refused(tenant, grids.executeAllUnknown(admin, unreadable))).toMatchObject({
          _tag: "ValidationError", rule: "schema.unreadable"
        })
        const ok = (i: number) => ({ _tag: "PlacePlace", id: `B${i}`, kind: "merchant", name: `商户${i}`, gridCode: compound, at: "2024-01-01" })
        const error = yield* refused(tenant, grids.executeAllUnknown(admin, [ok(1), ok(2), { ...ok(3), name: "\u0000" }, ok(4)]))
        expect(error).toMatchObject({ _tag: "ValidationError", field: "name", rule: "text.control", row: 3 })
        expect(yield* grids.executeAllUnknown(admin, [])).toEqual([])
        const tooMany = Array.from({ length: 100_001 }, (_, i) => ok(i))
        expect(yield* refused(tenant, grids.executeAllUnknown(admin, tooMany))).toMatchObject({
          _tag: "ValidationError", field: "(input)", rule: "batch.size"
        })
        // An array is read by index to its length: an iterator of its own is not followed,
        // so it cannot carry more commands than the limit, nor others than its elements.
        const iterating = (length: number, extra: number) => {
          const array: Array<unknown> = Array.from({ length }, (_, i) => ok(i))
          Object.defineProperty(array, Symbol.iterator, {
            value: function*() {
              for (let i = 0; i < length + extra; i++) yield ok(1_000 + i)
            }
          })
          return array
        }
        expect(yield* grids.executeAllUnknown(admin, iterating(0, 5))).toEqual([])
        expect((yield* grids.executeAllUnknown(admin, iterating(2, 5))).flatMap((c) => c.places.map((p) => p.id))).toEqual(["B0", "B1"])
      }))

    it.effect("malformed actors and read arguments: a ValidationError naming the field", () =>
      Effect.gen(function*() {
        const { admin, grids, tenant } = yield* setup
        const place = { _tag: "RenameGrid", code: `${tenant}001`, name: "新名", at: "2024-01-01" }
        const actors: ReadonlyArray<readonly [unknown, string]> = [
          [undefined, "actor"],
          [{ ...admin, id: "x".repeat(1_000_000) }, "actor.id"],
          [{ ...admin, id: "sys\u0000tem" }, "actor.id"],
          [{ ...admin, roles: ["admin", "superuser"] }, "actor.roles.1"],
          [{ ...admin, scope: `${tenant}0` }, "actor.scope"],
          [{ ...admin, tenant: "000000", scope: "000000" }, "actor.tenant"],
          [{ ...admin, extra: 1 }, "actor.extra"],
          [proxy(), "actor"]
        ]
        for (const [actor, field] of actors) {
          expect(yield* refused(tenant, grids.executeUnknown(actor as never, place)), field).toMatchObject({
            _tag: "ValidationError", field
          })
        }
        const reads: ReadonlyArray<readonly [Effect.Effect<unknown, unknown>, string]> = [
          [grids.place(admin, {} as never), "id"],
          [grids.place(admin, "P1", "2023-02-30"), "at"],
          [grids.worker(admin, "\ud800"), "id"],
          [grids.resolve(admin, "13110x"), "code"],
          [grids.lineage(admin, "not-an-id"), "id"],
          [grids.subtree(admin, { level: "x" as never }), "options.level"],
          [grids.subtree(admin, { root: "x" }), "options.root"],
          [grids.countByLevel(admin, { at: "2023-13-01" }), "options.at"],
          [grids.countByLevel(admin, { valid_at: "2023-01-01" } as never), "options.valid_at"],
          [grids.gridOfPlace(admin, 5 as never), "placeId"],
          [grids.resolve(admin, tenant, "2023-02-30"), "at"],
          [grids.gridOfPlace(admin, "P1", "2023-02-30"), "at"],
          [grids.subtree(admin, null as never), "options"],
          [grids.subtree(admin, { level: 6 }), "options.level"]
        ]
        for (const [read, field] of reads) {
          expect(yield* Effect.flip(read), field).toMatchObject({ _tag: "ValidationError", field })
        }
      }))

    it.effect.prop(
      "any string in a text field is refused at decoding or read back exactly",
      { name: anyString, address: anyString },
      ({ address, name }) =>
        Effect.gen(function*() {
          const { admin, compound, grids, tenant } = yield* setup
          const commands = [
            { _tag: "PlacePlace", id: "S1", kind: "merchant", name, address, gridCode: compound, at: "2024-01-01" },
            { _tag: "RegisterWorker", id: "S2", name, category: "volunteer", communityCode: `${tenant}001001`, employment: "part_time", at: "2024-01-01" },
            { _tag: "CreateGrid", code: `${compound}099`, name, parentCode: compound, validFrom: "2024-01-01" }
          ]
          for (const command of commands) {
            const before = yield* GridIntents.history(tenant)
            const result = yield* Effect.either(grids.executeUnknown(admin, command))
            if (result._tag === "Left") {
              expect(result.left).toMatchObject({ _tag: "ValidationError" })
              expect(["name", "address"]).toContain((result.left as { readonly field: string }).field)
              expect(yield* GridIntents.history(tenant)).toEqual(before)
              continue
            }
            switch (command._tag) {
              case "PlacePlace": {
                const place = Option.getOrThrow(yield* grids.place(admin, "S1", "2024-01-01"))
                expect([place.name, place.address]).toEqual([name, address])
                break
              }
              case "RegisterWorker":
                expect(Option.map(yield* grids.worker(admin, "S2", "2024-01-01"), (w) => w.name)).toEqual(Option.some(name))
                break
              case "CreateGrid":
                expect(Option.map(yield* grids.resolve(admin, `${compound}099`, "2024-01-01"), (g) => g.name)).toEqual(
                  Option.some(name)
                )
            }
          }
        }),
      { timeout: 600_000, fastCheck: { numRuns: (options.numRuns ?? 60) * longFactor() } }
    )
  })
