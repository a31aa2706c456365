/**
 * Idempotency keys on any store: the `IdempotencyStore` port's contract and keyed
 * execution through the Grids, Organisations and CoConstructions services.
 *
 * - The port: `find` returns a tenant's records of one scope ordered by key, unknown
 *   keys left out; `put` writes all or none, refuses a key recorded before (or given
 *   twice) with a `StoreError`, stamps `recordedAt` with the clock, and joins the
 *   transaction it runs in; tenants and scopes never see each other's keys; thousands
 *   of keys and a large result go through.
 * - Keyed execution, a property per service: random sequences of keyed writes under
 *   eight keys — single commands and batches, taken from the commands the domain's
 *   random intents succeeded with (mostly in that order, so most succeed again, some
 *   picked anywhere, so some are refused), sent again as they were or with their fields
 *   in another order, or under a key already used for other commands — give exactly
 *   what the same writes give without keys when each key runs once: each
 *   first use of a key the plain write's result or refusal, every retry the first
 *   result again (as the first call returned it), every reuse with other content an
 *   `IdempotencyConflict`; and at the end the same history (every table, the audit log
 *   included) as the plain writes, and one record per key that succeeded, holding its
 *   result. Every result survives a JSON round trip unchanged.
 * - A bad key is a `ValidationError` naming `key`; a keyed batch refused at a row
 *   writes nothing and leaves its key free; keys are per tenant and per service.
 * - Concurrency: calls with one key running at the same time write once; each gets the
 *   first result (after a retry, where a store failed one with a `StoreError`), or an
 *   `IdempotencyConflict` where its content differs.
 *
 * The suite builds its store once and provides it to its tests (no `it.layer`), so it
 * may stand anywhere among a test file's top-level suites.
 *
 * @since 0.4.0
 */
import { describe, expect, it } from "@effect/vitest"
import {
  Actor,
  CoConstructions,
  Grids,
  Idempotency,
  IdempotencyConflict,
  Organisations,
  type StoreError,
  type Store,
  type Tenant
} from "@jiceng/core"
import { Arbitrary, Effect, Either, FastCheck as fc, type Layer, Schema } from "effect"
import * as CoConstructionIntents from "../arbitraries/CoConstructionIntents.js"
import * as GridIntents from "../arbitraries/GridIntents.js"
import * as OrganisationIntents from "../arbitraries/OrganisationIntents.js"
import { type Services, sharedStore } from "./coConstructionSupport.js"
import { retarget, untenanted } from "./GridBatch.js"
import * as StorePorts from "./StorePorts.js"
import { freshTenant, longFactor } from "./support.js"

/** What the suite uses of a service: its writes, plain and keyed. */
interface Writes {
  readonly executeUnknown: (actor: Actor.Actor, input: unknown) => Effect.Effect<unknown, unknown>
  readonly executeAllUnknown: (actor: Actor.Actor, inputs: unknown) => Effect.Effect<ReadonlyArray<unknown>, unknown>
  readonly executeKeyed: (actor: Actor.Actor, key: string, command: never) => Effect.Effect<unknown, unknown>
  readonly executeAllKeyed: (actor: Actor.Actor, key: string, commands: never) => Effect.Effect<ReadonlyArray<unknown>, unknown>
}

/** A domain as the keyed property runs it. */
interface Domain<I> {
  /** The service's name: the scope of its keys. */
  readonly scope: string
  readonly service: Effect.Effect<Writes, never, Services>
  readonly intents: fc.Arbitrary<I>
  /** Writes what every tenant of a run starts from. */
  readonly setup: (tenant: string) => Effect.Effect<void, never, Services>
  /**
   * Runs the intents one by one in a tenant of their own (after its own scaffold): the outcomes,
   * whose commands (retargeted to the run's tenants) are the commands the run sends.
   */
  readonly run: (
    tenant: string,
    intents: I
  ) => Effect.Effect<ReadonlyArray<{ readonly command: unknown; readonly result: string }>, unknown, Services>
  readonly history: (tenant: string) => Effect.Effect<unknown, StoreError.StoreError, Services>
}

const gridStart = "2023-01-01"

const orDie = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.asVoid(Effect.orDie(effect))

const domains = (maxIntents: number) => ({
  grids: {
    scope: "Grids",
    service: Grids.Grids,
    intents: fc.array(Arbitrary.make(GridIntents.Intent), { minLength: 5, maxLength: maxIntents, size: "max" }),
    setup: (tenant) => orDie(Effect.flatMap(Grids.Grids, (g) => g.executeAllUnknown(Actor.system(tenant), baseTree(tenant)))),
    run: (tenant, intents) => GridIntents.run(tenant, intents, { start: gridStart, checkRefusals: false }),
    history: GridIntents.history
  } satisfies Domain<ReadonlyArray<GridIntents.Intent>>,
  organisations: {
    scope: "Organisations",
    service: Organisations.Organisations,
    intents: OrganisationIntents.intents(maxIntents),
    setup: OrganisationIntents.writeScaffold,
    run: (tenant, intents) => OrganisationIntents.run(tenant, intents, { checkRefusals: false }),
    history: OrganisationIntents.history
  } satisfies Domain<ReadonlyArray<OrganisationIntents.Intent>>,
  coconstruction: {
    scope: "CoConstructions",
    service: CoConstructions.CoConstructions,
    intents: CoConstructionIntents.intents(maxIntents),
    setup: CoConstructionIntents.writeScaffold,
    run: (tenant, intents) => CoConstructionIntents.run(tenant, intents, { checkRefusals: false }),
    history: (tenant) => CoConstructionIntents.history(tenant)
  } satisfies Domain<ReadonlyArray<CoConstructionIntents.Intent>>
})

/** The grid intents' base tree, named alike in every tenant (its root's name is its code's end). */
const baseTree = (tenant: string) => retarget("110101", tenant)(GridIntents.baseTree("110101", gridStart))

/**
 * One keyed write to send under one of eight keys: the pool's next commands (in the
 * order they succeeded, so most succeed again), what was last sent with the key (a
 * retry), or commands picked anywhere; one command or a batch of `size`.
 */
const Op = Schema.Struct({
  key: Schema.Int.pipe(Schema.between(0, 7)),
  what: Schema.Literal("next", "again", "any"),
  batch: Schema.Boolean,
  size: Schema.Int.pipe(Schema.between(1, 3)),
  picks: Schema.Array(Schema.Int.pipe(Schema.between(0, 1000))).pipe(Schema.itemsCount(3)),
  /** Send the command objects with their fields in reverse order: the same content. */
  reorder: Schema.Boolean
})

type Op = typeof Op.Type

const ops = fc.array(Arbitrary.make(Op), { minLength: 1, maxLength: 24, size: "max" })

/** A write as sent: a batch or one command, by their places in the pool. */
interface Request {
  readonly batch: boolean
  readonly picks: ReadonlyArray<number>
}

const identity = (r: Request): string => `${r.batch ? "batch" : "one"}:${r.picks.join(",")}`

/** An object with its own fields in reverse order. */
const reordered = (input: unknown): unknown =>
  input !== null && typeof input === "object" && !Array.isArray(input) ? Object.fromEntries(Object.entries(input).reverse()) : input

/** An outcome to compare across tenants: the value with the tenant code taken out, or the error's tag, rule and row. */
const outcomeOf = (tenant: string, result: Either.Either<unknown, unknown>) =>
  Either.match(result, {
    onRight: (value) => ({ ok: untenanted(tenant)(value) }),
    onLeft: (error) => ({ error: CoConstructionIntents.resultOf(error) })
  })

/** Runs a write again when the store failed it (a conflict between concurrent transactions). */
const retried = <A, E extends { readonly _tag: string }, R>(write: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.catchIf(write, (e) => e._tag === "StoreError", () => write)

const keys = Array.from({ length: 8 }, (_, i) => `retry-${i}`)

/** A household placed in the base tree's first block. */
const household = (tenant: string, i: number) => ({
  _tag: "PlacePlace",
  id: `H${i}`,
  kind: "household",
  name: `户${i}`,
  gridCode: `${tenant}001001001001001`,
  at: "2024-01-01"
})

/**
 * Registers the suite for one store.
 *
 * @since 0.4.0
 * @category suites
 */
export const idempotencyConformance = <E>(
  name: string,
  store: Layer.Layer<Store.Store, E>,
  options: { readonly numRuns?: number; readonly maxIntents?: number } = {}
) =>
  describe(`${name}: idempotency keys`, () => {
    const provide = sharedStore(store)
    const numRuns = (options.numRuns ?? 15) * longFactor()
    const budget = 240_000 * longFactor()
    const all = domains(options.maxIntents ?? 20)

    const keyedProperty = <I>(domain: Domain<I>) =>
      it.effect.prop(
        `${domain.scope}: keyed writes give the plain writes' history and results, each key run once; retries the first result, reuses a conflict`,
        [domain.intents, ops],
        ([intents, writes]) =>
          provide(Effect.gen(function*() {
            const service = yield* domain.service
            const ports = yield* StorePorts.all
            const [source, k, r] = [freshTenant(), freshTenant(), freshTenant()]
            // The commands that succeeded one by one, each once.
            const seen = new Set<string>()
            const pool = (yield* Effect.orDie(domain.run(source, intents))).flatMap((o) => {
              const canonical = Idempotency.canonical(o.command)
              if (o.result !== "ok" || seen.has(canonical)) return []
              seen.add(canonical)
              return [o.command]
            })
            if (pool.length === 0) return
            const forK = retarget(source, k)(pool) as ReadonlyArray<unknown>
            const forR = retarget(source, r)(pool) as ReadonlyArray<unknown>
            yield* domain.setup(k)
            yield* domain.setup(r)
            const [keyed, plain] = [Actor.system(k), Actor.system(r)]

            let cursor = 0
            const next = (op: Op): Request => {
              const size = op.batch ? op.size : 1
              const picks = Array.from({ length: size }, (_, i) => (cursor + i) % pool.length)
              cursor += size
              return { batch: op.batch, picks }
            }
            const last = new Map<number, Request>()
            const recorded = new Map<string, { readonly identity: string; readonly result: unknown }>()
            for (const op of writes) {
              const request: Request = op.what === "any"
                ? { batch: op.batch, picks: op.picks.slice(0, op.batch ? op.size : 1).map((p) => p % pool.length) }
                : (op.what === "again" ? last.get(op.key) : undefined) ?? next(op)
              last.set(op.key, request)
              const key = keys[op.key]!
              const inputs = (commands: ReadonlyArray<unknown>) =>
                request.picks.map((i) => (op.reorder ? reordered(commands[i]) : commands[i]))
              const got = yield* Effect.either(
                request.batch
                  ? service.executeAllKeyed(keyed, key, inputs(forK) as never)
                  : service.executeKeyed(keyed, key, inputs(forK)[0] as never)
              )
              const first = recorded.get(key)
              if (first !== undefined) {
                if (first.identity === identity(request)) {
                  // A retry: the first result, as the first call returned it.
                  expect(Either.isRight(got), Either.isLeft(got) ? CoConstructionIntents.resultOf(got.left) : "").toBe(true)
                  if (Either.isRight(got)) expect(got.right).toStrictEqual(first.result)
                } else {
                  expect(Either.isLeft(got) && got.left).toBeInstanceOf(IdempotencyConflict.IdempotencyConflict)
                  expect(Either.isLeft(got) && got.left).toMatchObject({ _tag: "IdempotencyConflict", key, field: "key" })
                }
                continue
              }
              // A key not recorded (never used, or its writes refused): the write runs as it would without one.
              const expected = yield* Effect.either(
                request.batch ? service.executeAllUnknown(plain, inputs(forR)) : service.executeUnknown(plain, inputs(forR)[0])
              )
              expect(outcomeOf(k, got)).toEqual(outcomeOf(r, expected))
              if (Either.isRight(got)) {
                // What a retry will get back from the record.
                expect(JSON.parse(JSON.stringify(got.right))).toStrictEqual(got.right)
                recorded.set(key, { identity: identity(request), result: got.right })
              }
            }

            expect(untenanted(k)(yield* domain.history(k))).toEqual(untenanted(r)(yield* domain.history(r)))
            const records = yield* ports.idempotency.find(k as Tenant.Tenant, domain.scope, keys)
            expect(records.map((x) => [x.key, JSON.parse(x.result)])).toEqual(
              keys.flatMap((key) => {
                const first = recorded.get(key)
                return first === undefined ? [] : [[key, first.result]]
              })
            )
          })),
        { timeout: budget + 60_000, fastCheck: { numRuns, interruptAfterTimeLimit: budget } }
      )

    keyedProperty(all.grids)
    keyedProperty(all.organisations)
    keyedProperty(all.coconstruction)

    it.effect("the port: find by key in order, unknown keys left out; put all or none, never replacing; recordedAt from the clock", () =>
      provide(Effect.gen(function*() {
        const { idempotency, transaction } = yield* StorePorts.all
        const [a, b] = [freshTenant() as Tenant.Tenant, freshTenant() as Tenant.Tenant]
        const record = (tenant: Tenant.Tenant, scope: string, key: string, result = `{"key":${JSON.stringify(key)}}`) => ({
          tenant,
          scope,
          key,
          fingerprint: Idempotency.sha256(key),
          result
        })
        const now = OrganisationIntents.todayMs
        // Keys whose orders differ by comparison: case, punctuation, full-width, beyond the BMP.
        const awkward = ["b", "B", "a-1", "a_1", "a10", "ａ", "𠀀", "\uffee", "键"]
        yield* idempotency.put(awkward.map((key) => record(a, "Grids", key)))
        const sorted = [...awkward].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)))
        expect(yield* idempotency.find(a, "Grids", [...awkward, "missing"])).toEqual(
          sorted.map((key) => ({ ...record(a, "Grids", key), recordedAt: now }))
        )
        expect(yield* idempotency.find(a, "Grids", [])).toEqual([])
        // Another scope, another tenant: none of these keys.
        expect(yield* idempotency.find(a, "Organisations", awkward)).toEqual([])
        expect(yield* idempotency.find(b, "Grids", awkward)).toEqual([])
        yield* idempotency.put([record(a, "Organisations", "b"), record(b, "Grids", "b")])
        expect((yield* idempotency.find(b, "Grids", ["b"])).map((x) => x.tenant)).toEqual([b])

        // A key recorded before, or given twice: a StoreError, and nothing of the call written.
        for (const rows of [[record(a, "Grids", "new-1"), record(a, "Grids", "b", "{}")], [record(a, "Grids", "new-2"), record(a, "Grids", "new-2")]]) {
          expect(yield* Effect.flip(idempotency.put(rows))).toMatchObject({ _tag: "StoreError" })
        }
        expect(yield* idempotency.find(a, "Grids", ["new-1", "new-2"])).toEqual([])
        expect((yield* idempotency.find(a, "Grids", ["b"]))[0]?.result).toBe(record(a, "Grids", "b").result)

        // A put joins the transaction it runs in: rolled back with it.
        yield* Effect.flip(transaction(a, Effect.zipRight(idempotency.put([record(a, "Grids", "rolled-back")]), Effect.fail("no"))))
        expect(yield* idempotency.find(a, "Grids", ["rolled-back"])).toEqual([])

        // Thousands of keys in one call (statements chunked), and a large result.
        const many = Array.from({ length: 3_000 }, (_, i) => `many-${String(i).padStart(4, "0")}`)
        yield* idempotency.put(many.map((key) => record(b, "Grids", key)))
        expect((yield* idempotency.find(b, "Grids", many)).map((x) => x.key)).toEqual(many)
        const large = JSON.stringify(Array.from({ length: 20_000 }, (_, i) => ({ i, text: "字".repeat(20) })))
        yield* idempotency.put([record(b, "Grids", "large", large)])
        expect((yield* idempotency.find(b, "Grids", ["large"]))[0]?.result).toBe(large)
      })))

    it.effect("every domain's results are plain JSON data: the scaffolds' changes survive a JSON round trip unchanged", () =>
      provide(Effect.gen(function*() {
        const [a, b] = [freshTenant(), freshTenant()]
        const grids = yield* Grids.Grids
        const results = [
          ...(yield* grids.executeAllUnknown(Actor.system(a), baseTree(a))),
          ...(yield* grids.executeAllUnknown(Actor.system(b), CoConstructionIntents.gridScaffold(b))),
          ...(yield* (yield* Organisations.Organisations).executeAllUnknown(Actor.system(b), OrganisationIntents.scaffold(b))),
          ...(yield* (yield* CoConstructions.CoConstructions).executeAllUnknown(Actor.system(b), CoConstructionIntents.scaffold(b)))
        ]
        for (const changes of results) expect(JSON.parse(JSON.stringify(changes))).toStrictEqual(changes)
      })))

    it.effect("a bad key is a ValidationError naming key, on every service, and nothing is written", () =>
      provide(Effect.gen(function*() {
        const tenant = freshTenant()
        yield* all.grids.setup(tenant)
        const before = yield* GridIntents.history(tenant)
        const services: ReadonlyArray<Writes> = [yield* all.grids.service, yield* all.organisations.service, yield* all.coconstruction.service]
        for (const service of services) {
          for (const key of ["", " padded ", "two\nlines", "k".repeat(129), 42, null]) {
            const error = yield* Effect.flip(service.executeKeyed(Actor.system(tenant), key as never, household(tenant, 1) as never))
            expect(error).toMatchObject({ _tag: "ValidationError", field: "key" })
            const batch = yield* Effect.flip(service.executeAllKeyed(Actor.system(tenant), key as never, [household(tenant, 1)] as never))
            expect(batch).toMatchObject({ _tag: "ValidationError", field: "key" })
          }
        }
        expect(yield* GridIntents.history(tenant)).toEqual(before)
      })))

    it.effect("a keyed batch is all or nothing: refused at a row, it writes nothing and leaves its key free", () =>
      provide(Effect.gen(function*() {
        const tenant = freshTenant()
        const admin = Actor.system(tenant)
        const grids = yield* Grids.Grids
        const { idempotency } = yield* StorePorts.all
        yield* all.grids.setup(tenant)
        const before = yield* GridIntents.history(tenant)
        const good = [1, 2, 3, 4].map((i) => household(tenant, i))
        const bad = [...good.slice(0, 2), { ...household(tenant, 9), gridCode: `${tenant}001001001001099` }, ...good.slice(2)]
        const refused = yield* Effect.flip(grids.executeAllKeyed(admin, "batch-1", bad as never))
        expect(refused).toMatchObject({ _tag: "RuleViolation", row: 3 })
        expect(yield* GridIntents.history(tenant)).toEqual(before)
        expect(yield* idempotency.find(tenant as Tenant.Tenant, "Grids", ["batch-1"])).toEqual([])
        // The key is free: the mended batch runs under it, and is then its batch.
        const changes = yield* grids.executeAllKeyed(admin, "batch-1", good as never)
        expect(changes).toHaveLength(4)
        expect(yield* grids.executeAllKeyed(admin, "batch-1", good.map(reordered) as never)).toStrictEqual(changes)
        for (const other of [good.slice(0, 3), [...good].reverse(), good[0]]) {
          const conflict = yield* Effect.flip<unknown, unknown, never>(
            Array.isArray(other)
              ? grids.executeAllKeyed(admin, "batch-1", other as never)
              : grids.executeKeyed(admin, "batch-1", other as never)
          )
          expect(conflict).toMatchObject({ _tag: "IdempotencyConflict", key: "batch-1" })
        }
        expect((yield* GridIntents.history(tenant)).audit).toHaveLength(before.audit.length + 4)
      })))

    it.effect("keys are per tenant and per service", () =>
      provide(Effect.gen(function*() {
        const [a, b] = [freshTenant(), freshTenant()]
        yield* all.grids.setup(a)
        yield* all.grids.setup(b)
        const grids = yield* Grids.Grids
        const organisations = yield* Organisations.Organisations
        const key = "shared-key"
        const placed = yield* grids.executeKeyed(Actor.system(a), key, household(a, 1) as never)
        expect(untenanted(b)(yield* grids.executeKeyed(Actor.system(b), key, household(b, 1) as never))).toEqual(untenanted(a)(placed))
        // The organisation service's key of the same name is its own.
        const form = { _tag: "FormOrganisation", id: "top", kind: "committee", name: "区委", parentId: null, sector: "organ", grids: [], validFrom: gridStart }
        const formed = yield* organisations.executeKeyed(Actor.system(a), key, form as never)
        expect(formed.newOrganisations).toHaveLength(1)
        expect(yield* organisations.executeKeyed(Actor.system(a), key, reordered(form) as never)).toStrictEqual(formed)
        expect(yield* grids.executeKeyed(Actor.system(a), key, household(a, 1) as never)).toStrictEqual(placed)
      })))

    it.effect("calls with one key at the same time write once: each gets the first result, or a conflict for other content", () =>
      provide(Effect.gen(function*() {
        const tenant = freshTenant()
        const admin = Actor.system(tenant)
        const grids = yield* Grids.Grids
        yield* all.grids.setup(tenant)
        const before = (yield* GridIntents.history(tenant)).audit.length

        const same = yield* Effect.all(
          Array.from({ length: 8 }, () => retried(grids.executeKeyed(admin, "together", household(tenant, 1) as never))),
          { concurrency: "unbounded" }
        )
        for (const result of same) expect(result).toEqual(same[0])
        expect(same[0]!.places).toHaveLength(1)
        expect((yield* GridIntents.history(tenant)).audit).toHaveLength(before + 1)

        // Other content under one key: one write stands, the rest are conflicts.
        const mixed = yield* Effect.all(
          Array.from({ length: 8 }, (_, i) => Effect.either(retried(grids.executeKeyed(admin, "contested", household(tenant, 10 + i) as never)))),
          { concurrency: "unbounded" }
        )
        const won = mixed.filter(Either.isRight)
        expect(won).toHaveLength(1)
        for (const lost of mixed.filter(Either.isLeft)) expect(lost.left).toMatchObject({ _tag: "IdempotencyConflict", key: "contested" })
        expect((yield* GridIntents.history(tenant)).audit).toHaveLength(before + 2)

        // Batches too.
        const batch = [20, 21, 22].map((i) => household(tenant, i))
        const batches = yield* Effect.all(
          Array.from({ length: 6 }, () => retried(grids.executeAllKeyed(admin, "together-batch", batch as never))),
          { concurrency: "unbounded" }
        )
        for (const result of batches) expect(result).toEqual(batches[0])
        expect((yield* GridIntents.history(tenant)).audit).toHaveLength(before + 5)
      })))
  })
