/**
 * The organisation domain's batch path against its single-command path: random command
 * sequences (the reference model's generator, over a scaffold written through the
 * service) run one by one, as one `executeAll`, and cut into consecutive batches must
 * give the same history, the same audit log and the same changes returned, command by
 * command; when one is refused, the batch fails with the first refusal, naming its row,
 * and writes nothing. On the memory store and on SQLite (`:memory:`).
 */
import { describe, expect, it } from "@effect/vitest"
import {
  Actor,
  GridConfig,
  type GridCommand,
  Grids,
  MemoryStore,
  type OrganisationCommand,
  OrganisationConfig,
  Organisations,
  OrganisationStore,
  type Store
} from "@jiceng/core"
import { SqliteStore } from "@jiceng/store-sqlite"
import { StorePorts } from "@jiceng/testkit"
import { Effect, Either, FastCheck as fc, Layer, TestClock } from "effect"
import * as Model from "./model.js"

const tenant = Model.tenant
const admin = Actor.system(tenant)
/** A street's organiser: the scaffold's community lies in their scope, the district's top and the other street do not. */
const street = Actor.make({ id: "河西街道组织员", tenant, roles: ["party_organiser"], scope: "131102001" })

const grids: ReadonlyArray<GridCommand.Input> = [
  { _tag: "CreateGrid", code: "131102", name: "桃城区", parentCode: null, validFrom: "2020-01-01" },
  { _tag: "CreateGrid", code: "131102001", name: "河西街道", parentCode: "131102", validFrom: "2020-01-01" },
  { _tag: "CreateGrid", code: "131102002", name: "河东街道", parentCode: "131102", validFrom: "2020-01-01" },
  { _tag: "CreateGrid", code: "131102001001", name: "明珠社区", parentCode: "131102001", validFrom: "2020-01-01" },
  { _tag: "CreateGrid", code: "131102001002", name: "新华社区", parentCode: "131102001", validFrom: "2020-01-01" }
]

/** The model's scaffold, its branches serving a community of the street. */
const scaffold: ReadonlyArray<OrganisationCommand.Input> = [
  { _tag: "FormOrganisation", id: "top", kind: "committee", name: "区委", parentId: null, sector: "organ", validFrom: "2023-01-01" },
  { _tag: "FormOrganisation", id: "c1", kind: "committee", name: "社区党委", parentId: "top", sector: "community", grids: ["131102001001"], validFrom: "2023-01-01" },
  { _tag: "FormOrganisation", id: "b1", kind: "branch", name: "第一支部", parentId: "c1", sector: "community", grids: ["131102001001"], validFrom: "2023-06-01" },
  { _tag: "FormOrganisation", id: "b2", kind: "branch", name: "第二支部", parentId: "c1", sector: "community", grids: ["131102001002"], validFrom: "2023-06-01" },
  {
    _tag: "FormOrganisation",
    id: "t1",
    kind: "temporary_branch",
    name: "锦绣花园临时党支部",
    parentId: "c1",
    sector: "community",
    grids: ["131102001001"],
    task: { kind: "compound", name: "锦绣花园" },
    validFrom: "2024-02-01",
    validTo: "2024-12-01"
  },
  ...Model.memberIds.slice(0, 2).map((id): OrganisationCommand.Input => ({
    _tag: "ArriveMember",
    memberId: id,
    organisationId: "b1",
    standing: "full",
    name: `党员${id}`,
    at: "2023-07-01"
  }))
]

const memoryStore: Layer.Layer<Store.Store> = MemoryStore.layer
const sqliteStore: Layer.Layer<Store.Store, unknown> = SqliteStore.layer({ filename: ":memory:" })

const servicesOver = <E>(store: Layer.Layer<Store.Store, E>) =>
  Layer.mergeAll(Organisations.layer, Grids.layer).pipe(
    Layer.provideMerge(Layer.mergeAll(store, GridConfig.layer(), OrganisationConfig.layer()))
  )

const far = { from: "1900-01-01", to: "2999-01-01" } as const

/** Everything the stores hold for the tenant: the organisation domain's rows and the audit log. */
const snapshot = Effect.gen(function*() {
  const store = yield* OrganisationStore.OrganisationStore
  const ports = yield* StorePorts.all
  const ids = [...Model.memberIds] as ReadonlyArray<string> as ReadonlyArray<never>
  return {
    organisations: yield* store.organisations.history(tenant),
    members: yield* store.members.getMany(tenant, ids),
    memberships: yield* store.members.membershipsOf(tenant, ids),
    participations: yield* store.members.participationsOf(tenant, ids),
    dues: yield* store.members.duesOf(tenant, ids),
    discipline: yield* store.members.disciplineOf(tenant, ids),
    meetings: yield* store.meetings.between(tenant, far.from as never, far.to as never),
    audit: yield* ports.audit.list(tenant, { afterSeq: 0, limit: 1_000_000 })
  }
})

/** An error as far as the comparison goes: its tag, rule (or reason) and row. */
const errorOf = (error: unknown) => {
  const e = error as { readonly _tag: string; readonly rule?: string; readonly reason?: string; readonly row?: number }
  return { tag: e._tag, rule: e.rule ?? e.reason, row: e.row }
}

/** Consecutive slices of `items`, cut before the given positions (taken modulo its length). */
const cut = <A>(items: ReadonlyArray<A>, at: ReadonlyArray<number>): ReadonlyArray<ReadonlyArray<A>> => {
  if (items.length < 2) return [items]
  const points = [...new Set(at.map((p) => 1 + (p % (items.length - 1))))].sort((a, b) => a - b)
  return [0, ...points].map((from, i) => items.slice(from, points[i] ?? items.length))
}

/** A fresh store with the grids and the scaffold written, then `body`, on the fixed day of the model. */
const fresh = <A, E, E2>(store: Layer.Layer<Store.Store, E2>, body: (service: Organisations.OrganisationsShape) => Effect.Effect<A, E, any>) =>
  Effect.gen(function*() {
    yield* TestClock.setTime(Date.parse(`${Model.today}T00:00:00Z`))
    yield* (yield* Grids.Grids).executeAll(admin, grids)
    const service = yield* Organisations.Organisations
    yield* service.executeAll(admin, scaffold)
    return yield* body(service)
  }).pipe(Effect.provide(servicesOver(store)))

const property = <E>(store: Layer.Layer<Store.Store, E>) =>
  ([commands, useStreet, cuts]: readonly [ReadonlyArray<OrganisationCommand.OrganisationCommand>, boolean, ReadonlyArray<number>]) =>
    Effect.gen(function*() {
      const actor = useStreet ? street : admin
      const inputs = commands as ReadonlyArray<unknown>

      // One by one: each command's changes, or its refusal.
      const single = yield* fresh(store, (service) =>
        Effect.gen(function*() {
          const outcomes: Array<Either.Either<unknown, unknown>> = []
          for (const input of inputs) outcomes.push(yield* Effect.either(service.executeUnknown(actor, input)))
          return { outcomes, after: yield* snapshot }
        }))
      const okInputs = inputs.filter((_, i) => Either.isRight(single.outcomes[i]!))
      const okChanges = single.outcomes.flatMap((o) => (Either.isRight(o) ? [o.right] : []))
      const firstRefused = single.outcomes.findIndex(Either.isLeft)

      // All in one batch: the same changes and history, or the first refusal and nothing written.
      const whole = yield* fresh(store, (service) =>
        Effect.gen(function*() {
          const before = yield* snapshot
          const result = yield* Effect.either(service.executeAllUnknown(actor, inputs))
          return { before, result, after: yield* snapshot }
        }))
      if (firstRefused < 0) {
        expect(Either.isRight(whole.result), Either.isLeft(whole.result) ? String(whole.result.left) : "").toBe(true)
        expect(Either.getOrThrow(whole.result)).toEqual(okChanges)
        expect(whole.after).toEqual(single.after)
      } else {
        const refusal = single.outcomes[firstRefused]! as Either.Left<unknown, unknown>
        expect(Either.isLeft(whole.result)).toBe(true)
        expect(errorOf(Either.isLeft(whole.result) ? whole.result.left : undefined)).toEqual({
          ...errorOf(refusal.left),
          row: firstRefused + 1
        })
        expect(whole.after).toEqual(whole.before)
      }

      // The commands that succeeded one by one, as one batch and cut into consecutive batches.
      const again = yield* fresh(store, (service) =>
        Effect.gen(function*() {
          const changes = yield* service.executeAllUnknown(actor, okInputs)
          return { changes, after: yield* snapshot }
        }))
      expect(again.changes).toEqual(okChanges)
      expect(again.after).toEqual(single.after)
      const pieces = yield* fresh(store, (service) =>
        Effect.gen(function*() {
          const changes: Array<unknown> = []
          for (const batch of cut(okInputs, cuts)) changes.push(...(yield* service.executeAllUnknown(actor, batch)))
          return { changes, after: yield* snapshot }
        }))
      expect(pieces.changes).toEqual(okChanges)
      expect(pieces.after).toEqual(single.after)
    })

const cuts = fc.array(fc.nat(1_000), { minLength: 1, maxLength: 3 })
const arbitraries: [typeof Model.commands, fc.Arbitrary<boolean>, typeof cuts] = [Model.commands, fc.boolean(), cuts]

describe("Organisations: a batch gives what the same commands give one by one", () => {
  it.effect.prop("memory store: the history, the audit log and the changes, or the first refusal with its row and nothing written", arbitraries, property(memoryStore), {
    fastCheck: { numRuns: 60 }
  })

  it.effect.prop("SQLite: the same", arbitraries, property(sqliteStore), { timeout: 300_000, fastCheck: { numRuns: 15 } })

  it.effect("a meeting after 600 members arrived in the same batch (past a turn of the event loop) sees them all: a roll loaded early, rows written later", () =>
    fresh(memoryStore, (service) =>
      Effect.gen(function*() {
        const arrivals: ReadonlyArray<OrganisationCommand.Input> = Array.from({ length: 600 }, (_, i) => ({
          _tag: "ArriveMember",
          memberId: `x${i}`,
          organisationId: "b2",
          standing: "full",
          name: `党员${i}`,
          at: "2024-01-01"
        }))
        const meeting: OrganisationCommand.Input = {
          _tag: "RecordMeeting",
          id: "mt",
          organisationId: "b2",
          kind: "general_meeting",
          date: "2024-03-01",
          topic: "选举",
          attendees: Array.from({ length: 250 }, (_, i) => `x${i}`),
          votes: [{ motion: "决议", yes: 250, no: 0, abstain: 0 }]
        }
        // 250 of 600 present: no quorum, whatever the batch loaded before the arrivals (an
        // earlier meeting loads the roll first; it is dated before them, or it would fix it).
        const first: OrganisationCommand.Input = { ...meeting, id: "mt0", date: "2023-12-01", attendees: [], votes: [] }
        const refused = yield* Effect.flip(service.executeAll(admin, [first, ...arrivals, meeting]))
        expect(errorOf(refused)).toEqual({ tag: "RuleViolation", rule: "vote.quorum", row: 602 })
        const written = yield* service.executeAll(admin, [...arrivals, { ...meeting, votes: [] }])
        expect(written.length).toBe(601)
        const counts = yield* service.countMembers(admin, { at: "2024-06-01" })
        expect(counts.find((c) => c.organisationId === "b2")?.full).toBe(600)
      })))
})
