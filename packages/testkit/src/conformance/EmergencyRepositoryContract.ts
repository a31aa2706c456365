/**
 * The repository contract of the emergency domain's port (`EmergencyStore`), which
 * every Store adapter runs: each method returns what was written, field by field (JSON
 * lists, nulls, awkward text), in its documented order; a replaced activation reads back
 * as replaced; inserting a key that exists fails and writes nothing of the call; a
 * rolled-back transaction leaves nothing; tenants never see each other's rows.
 *
 * Its tenants are the emergency suites' (`Tenants.nth` from 285,000 to 290,000).
 *
 * @since 0.5.0
 */
import { describe, expect, layer } from "@effect/vitest"
import { type Activation, EmergencyStore, type Grid, IsoDate, type Member, type Organisation, type Store, Tenant, Transactor } from "@jiceng/core"
import { Effect, type Layer } from "effect"
import { awkward } from "./contractKeys.js"
import { freshTenant as nextTenant } from "./emergencySupport.js"

const day = IsoDate.unsafeMake

/** The emergency repositories and the transaction of the store in context. */
const ports = Effect.map(
  Effect.all([EmergencyStore.EmergencyStore, Transactor.Transactor]),
  ([store, transactor]) => ({ ...store, transaction: transactor.transaction })
)

type T = Tenant.Tenant
const grid = (code: string) => code as Grid.GridCode
const activationId = (id: string) => id as Activation.ActivationId
const teamId = (id: string) => id as Activation.TeamId

const activation = (tenant: T, id: string, fields: Partial<Activation.Activation> = {}): Activation.Activation => ({
  tenant,
  id: activationId(id),
  gridCode: grid("131102001"),
  task: "疫情防控",
  communities: [grid("131102001001"), grid("131102001002")],
  activatedOn: day("2024-03-01"),
  deactivatedOn: null,
  ...fields
})

const enlistment = (tenant: T, a: string, kind: Activation.PersonKind, person: string, fields: Partial<Activation.Enlistment> = {}): Activation.Enlistment => ({
  tenant,
  activationId: activationId(a),
  kind,
  personId: person,
  communityCode: grid("131102001001"),
  organisationId: "c1" as Organisation.OrganisationId,
  compoundCode: null,
  branchId: null,
  standing: null,
  ...fields
})

const branch = (tenant: T, a: string, organisation: string, compound: string | null): Activation.EmergencyBranch => ({
  tenant,
  activationId: activationId(a),
  organisationId: organisation as Organisation.OrganisationId,
  communityCode: grid("131102001001"),
  compoundCode: compound === null ? null : grid(compound),
  members: 4,
  fullMembers: 3
})

const team = (tenant: T, id: string, a: string, fields: Partial<Activation.VanguardTeam> = {}): Activation.VanguardTeam => ({
  tenant,
  id: teamId(id),
  activationId: activationId(a),
  name: "红色物业先锋队",
  formerKind: "company",
  formedBy: "桃城 \"物业\" 𠀀",
  compounds: [{ code: grid("131102001001001001"), residents: 1234 }],
  staff: 37,
  members: ["m1" as Member.MemberId, "m2" as Member.MemberId],
  formedOn: day("2024-03-02"),
  ...fields
})

/**
 * Registers the emergency repository conformance tests of a Store layer. The layer is
 * built once for the whole suite (its finalizers run after the last test).
 *
 * @since 0.5.0
 * @category conformance
 */
export const emergencyRepositoryContract = (name: string, storeLayer: Layer.Layer<Store.Store, unknown>): void => {
  /** A tenant no other test (of this suite or another) writes to. */
  const freshTenant = (): T => Tenant.make(nextTenant())

  layer(storeLayer, { timeout: "120 seconds" })(`${name}: emergency repository contract`, (it) => {
    describe("activations", () => {
      it.effect("putActivations, activationsOf and activations: every field back as written, by id; a put replaces; unknown left out", () =>
        Effect.gen(function*() {
          const { activations } = yield* ports
          const t = freshTenant()
          const rows = [
            activation(t, "a2", { task: awkward.join(" "), communities: [] }),
            activation(t, "a1"),
            activation(t, "a10", { gridCode: grid("131102001001"), communities: [grid("131102001001")], deactivatedOn: day("2024-04-01") })
          ]
          yield* activations.putActivations(rows)
          expect(yield* activations.activationsOf(t, ["a2", "zz", "a1", "a2"].map(activationId))).toEqual([rows[1], rows[0]])
          expect(yield* activations.activations(t)).toEqual([rows[1], rows[2], rows[0]])
          const ended = { ...rows[1]!, deactivatedOn: day("2024-05-01") }
          yield* activations.putActivations([ended])
          expect(yield* activations.activationsOf(t, [activationId("a1")])).toEqual([ended])
          expect(yield* activations.activationsOf(t, [])).toEqual([])
          expect(yield* activations.activations(freshTenant())).toEqual([])
        }))

      it.effect("addRoster and rosterOf: by activation, kind, person; a person twice in an activation fails the call and writes none of it", () =>
        Effect.gen(function*() {
          const { activations } = yield* ports
          const t = freshTenant()
          const rows = [
            enlistment(t, "a2", "worker", "w1"),
            enlistment(t, "a1", "worker", "w2"),
            enlistment(t, "a1", "member", "m1", { compoundCode: grid("131102001001001001"), branchId: "a1:x" as Organisation.OrganisationId, standing: "full" }),
            enlistment(t, "a1", "member", "m0", { standing: "probationary" }),
            enlistment(t, "a1", "worker", "w10")
          ]
          yield* activations.addRoster(rows)
          expect(yield* activations.rosterOf(t, [activationId("a1")])).toEqual([rows[3], rows[2], rows[4], rows[1]])
          expect(yield* activations.rosterOf(t, ["a2", "a1", "zz"].map(activationId))).toEqual([rows[3], rows[2], rows[4], rows[1], rows[0]])
          const failed = yield* Effect.either(activations.addRoster([enlistment(t, "a3", "worker", "w9"), enlistment(t, "a1", "worker", "w2")]))
          expect(failed._tag).toBe("Left")
          expect(yield* activations.rosterOf(t, [activationId("a3")])).toEqual([])
          expect(yield* activations.rosterOf(freshTenant(), [activationId("a1")])).toEqual([])
        }))

      it.effect("addBranches and branchesOf: by activation then organisation, joint branches with a null compound", () =>
        Effect.gen(function*() {
          const { activations } = yield* ports
          const t = freshTenant()
          const rows = [branch(t, "a1", "a1:2", "131102001001001002"), branch(t, "a1", "a1:1", null), branch(t, "a0", "a0:9", null)]
          yield* activations.addBranches(rows)
          expect(yield* activations.branchesOf(t, ["a1", "a0"].map(activationId))).toEqual([rows[2], rows[1], rows[0]])
          const failed = yield* Effect.either(activations.addBranches([rows[0]!]))
          expect(failed._tag).toBe("Left")
        }))
    })

    describe("vanguard", () => {
      it.effect("addTeams, teamsOf (by id) and teamsIn (by activation then id): every field back as written", () =>
        Effect.gen(function*() {
          const { vanguard } = yield* ports
          const t = freshTenant()
          const rows = [
            team(t, "t2", "a1"),
            team(t, "t1", "a2", { formerKind: "organisation", formedBy: "c1", members: [], staff: 0, compounds: [{ code: grid("131102001001001001"), residents: 0 }, { code: grid("131102001001001002"), residents: 99 }] }),
            team(t, "t3", "a1", { name: awkward.join("") })
          ]
          yield* vanguard.addTeams(rows)
          expect(yield* vanguard.teamsOf(t, ["t3", "zz", "t1"].map(teamId))).toEqual([rows[1], rows[2]])
          expect(yield* vanguard.teamsIn(t, ["a2", "a1"].map(activationId))).toEqual([rows[0], rows[2], rows[1]])
          const failed = yield* Effect.either(vanguard.addTeams([team(t, "t4", "a1"), team(t, "t2", "a1")]))
          expect(failed._tag).toBe("Left")
          expect(yield* vanguard.teamsOf(t, [teamId("t4")])).toEqual([])
          expect(yield* vanguard.teamsIn(freshTenant(), [activationId("a1")])).toEqual([])
        }))
    })

    it.effect("a transaction rolled back leaves nothing of its writes", () =>
      Effect.gen(function*() {
        const { activations, transaction, vanguard } = yield* ports
        const t = freshTenant()
        const failed = yield* Effect.either(transaction(
          t,
          Effect.gen(function*() {
            yield* activations.putActivations([activation(t, "a1")])
            yield* vanguard.addTeams([team(t, "t1", "a1")])
            return yield* Effect.fail("stop")
          })
        ))
        expect(failed._tag).toBe("Left")
        expect(yield* activations.activations(t)).toEqual([])
        expect(yield* vanguard.teamsIn(t, [activationId("a1")])).toEqual([])
      }))
  })
}
