/**
 * The emergency domain's (平急两用) service-level conformance suite every Store adapter
 * runs:
 *
 * - random districts and command sequences through `Emergency.execute`: every refusal
 *   leaves every domain's tables (emergency, organisations, grid assignments, enrolments)
 *   and the audit log as they were, the history keeps `EmergencyInvariants` and
 *   `OrganisationInvariants` (the branches went through that domain's rules), every
 *   success writes exactly one audit entry, and the audit log keeps no name or phone;
 * - `emergency.restore`: on a random district, an activation (of a community or a
 *   street, with placements), vanguard teams, then its deactivation leave the grid
 *   assignments, worker terms, organisations, memberships, participations and enrolments
 *   exactly as they were before, compared as a whole (the activation's temporary
 *   branches stay as history, dissolved); and with one of its branches dissolved or
 *   merged away by an organiser in between, the deactivation leaves that one as it is;
 * - the results command by command, the tables and every read's answers equal the
 *   memory store's after the same commands (the differential property);
 * - a batch gives what the same commands give one by one: the history, or the first
 *   refusal naming its row and nothing written;
 * - a retry under an idempotency key returns the first result and writes nothing more;
 * - scope: an actor of street 002 may not activate, deactivate or form teams in street
 *   001 — an activation there, named by id, gets the answer an unknown id gets — and
 *   reads nothing of its activations; bad input (a `coverageOver` period too) is a
 *   `ValidationError` naming the field, and writes nothing.
 *
 * Its tenants are its own (`Tenants.nth` from 285,000 to 290,000, shared with the
 * repository contract).
 *
 * @since 0.5.0
 */
import { describe, expect, it } from "@effect/vitest"
import { Actor, Emergency, EmergencyInvariants, MemoryStore, OrganisationInvariants, Organisations, type Store } from "@jiceng/core"
import { Effect, Either, FastCheck as fc, type Layer, TestClock } from "effect"
import * as EmergencyIntents from "../arbitraries/EmergencyIntents.js"
import * as OrganisationIntents from "../arbitraries/OrganisationIntents.js"
import { freshTenant, over, sharedStore } from "./emergencySupport.js"
import { retarget, untenanted } from "./GridBatch.js"
import { expectBatchOutcome, sameAsReference } from "./parity.js"
import { propertyRuns, type SuiteOptions } from "./support.js"

export {
  /**
   * The Emergency, CoConstructions, Organisations and Grids services over a store, with
   * the default configurations.
   *
   * @since 0.5.0
   * @category layers
   */
  emergencyOver
} from "./emergencySupport.js"

/** Every command kind the service has. */
const kinds = ["ActivateEmergency", "DeactivateEmergency", "FormVanguardTeam"]

type Audit = ReadonlyArray<{ readonly seq: number; readonly action: string; readonly detail: string }>

/** A district where street 001's first community has a branch, three full members placed in its first compound, and a worker. */
const fixed: EmergencyIntents.District = {
  communities: [
    {
      street: 0,
      compounds: [1, 1],
      workers: 2,
      organised: true,
      members: [
        { standing: "full", compound: 0 },
        { standing: "full", compound: 0 },
        { standing: "full", compound: 0 },
        { standing: "probationary", compound: 1 },
        { standing: "outside", compound: 1 }
      ]
    },
    { street: 1, compounds: [1], workers: 1, organised: true, members: [{ standing: "full", compound: 0 }] }
  ]
}

/**
 * Registers the suites for one store.
 *
 * @since 0.5.0
 * @category suites
 */
export const emergencyConformance = <E>(name: string, store: Layer.Layer<Store.Store, E>, options: SuiteOptions = {}): void => {
  const { budget, numRuns, propOptions } = propertyRuns(options, 10)
  const intents = EmergencyIntents.intents(options.maxIntents ?? 10)
  describe(`${name}: emergency conformance`, () => {
    const provide = sharedStore(store)

    it.effect.prop(
      "random commands: refusals write nothing in any domain's tables, the history keeps the invariants (EmergencyInvariants, OrganisationInvariants), one audit entry per success, no personal data in the audit log",
      [intents],
      ([{ district, intents: ops }]) =>
        provide(Effect.gen(function*() {
          const tenant = freshTenant()
          const outcomes = yield* EmergencyIntents.run(tenant, district, ops)
          const history = yield* EmergencyIntents.history(tenant, district)
          expect(EmergencyInvariants.breaches(history as unknown as EmergencyInvariants.History)).toEqual([])
          // The temporary branches went through the organisation domain: its invariants hold too.
          expect(OrganisationInvariants.breaches(yield* OrganisationIntents.history(tenant))).toEqual([])
          const audit = history.audit as Audit
          const mine = audit.filter((e) => kinds.includes(e.action))
          expect(mine.map((e) => e.action)).toEqual(outcomes.filter((o) => o.result === "ok").map((o) => (o.command as { readonly _tag: string })._tag))
          expect(audit.map((e) => e.seq)).toEqual(audit.map((_, i) => i + 1))
          expect(mine.filter((e) => /"(name|phone)":/.test(e.detail.replace(/"name":"先锋队\d+"/, "")))).toEqual([])
        })),
      propOptions
    )

    it.effect.prop(
      "emergency.restore: activation, teams and deactivation leave assignments, organisations, memberships, participations and enrolments exactly as before",
      [EmergencyIntents.district, fc.boolean(), fc.integer({ min: 0, max: 3 }), fc.boolean(), fc.integer({ min: 1, max: 30 })],
      ([district, street, target, place, length]) =>
        provide(Effect.gen(function*() {
          const tenant = freshTenant()
          yield* EmergencyIntents.writeScaffold(tenant, district)
          const before = yield* EmergencyIntents.state(tenant, district, new Set())
          const service = yield* Emergency.Emergency
          const admin = Actor.system(tenant)
          const activate = EmergencyIntents.resolve(tenant, district, { kind: "activate", id: 0, street, target, day: 0, place })
          const activated = yield* Effect.either(service.executeUnknown(admin, activate))
          // A district whose communities have no party organisation cannot be activated: nothing to restore.
          if (Either.isLeft(activated)) {
            expect((activated.left as { readonly rule?: string }).rule).toBe("emergency.community-organisation")
            return
          }
          const temporary = new Set<string>(activated.right.branches.map((b) => b.organisationId))
          const during = yield* EmergencyIntents.state(tenant, district, temporary)
          // The activation moves no assignment and no membership: only its own records are new.
          expect(during).toEqual(before)
          yield* Effect.either(service.executeUnknown(admin, EmergencyIntents.resolve(tenant, district, {
            kind: "team",
            id: 0,
            activation: 0,
            compounds: [0, 1],
            residents: 1,
            staff: 5,
            members: 0,
            company: true,
            day: 0
          })))
          yield* service.executeUnknown(admin, EmergencyIntents.resolve(tenant, district, { kind: "deactivate", id: 0, day: length })).pipe(Effect.orDie)
          expect(yield* EmergencyIntents.state(tenant, district, temporary)).toEqual(before)
          // The temporary branches stay as history, ended on the day of the deactivation.
          const history = (yield* EmergencyIntents.history(tenant, district)).organisations as ReadonlyArray<{ readonly id: string; readonly validTo: string | null }>
          expect(history.filter((o) => temporary.has(o.id)).map((o) => o.validTo)).toEqual([...temporary].map(() => EmergencyIntents.dayOf(length)))
          expect(yield* service.activations(admin, { at: EmergencyIntents.dayOf(length) })).toEqual([])
        })),
      propOptions
    )

    it.effect("emergency.restore: a temporary branch an organiser dissolved or merged away meanwhile is left as it is; the deactivation succeeds and the ground may be activated again", () =>
      provide(Effect.gen(function*() {
        const service = yield* Emergency.Emergency
        const organisations = yield* Organisations.Organisations
        for (const how of ["dissolve", "merge"] as const) {
          const tenant = freshTenant()
          yield* EmergencyIntents.writeScaffold(tenant, fixed)
          const admin = Actor.system(tenant)
          const organiser = Actor.make({ id: "组织员", tenant, roles: ["party_organiser"], scope: tenant })
          const before = yield* EmergencyIntents.state(tenant, fixed, new Set())
          const activate = (id: number, day: number) =>
            service.executeUnknown(admin, EmergencyIntents.resolve(tenant, fixed, { kind: "activate", id, street: false, target: 0, day, place: true }))
          // The compound's branch, then the community's joint branch.
          const [own, joint] = (yield* activate(0, 0)).branches.map((b) => b.organisationId as string)
          yield* organisations.executeUnknown(
            organiser,
            how === "dissolve"
              ? { _tag: "DissolveOrganisation", id: own, at: EmergencyIntents.dayOf(1) }
              : { _tag: "MergeOrganisations", ids: [own, joint], into: { id: "hb", name: "合并临时党支部" }, at: EmergencyIntents.dayOf(1) }
          )
          yield* service.executeUnknown(admin, EmergencyIntents.resolve(tenant, fixed, { kind: "deactivate", id: 0, day: 2 }))
          expect(yield* service.activations(admin, { at: EmergencyIntents.dayOf(2) })).toEqual([])
          // The branches end when they ended: the organiser's dissolution or merger, else the deactivation.
          const history = yield* EmergencyIntents.history(tenant, fixed)
          const ends = (history.organisations as ReadonlyArray<{ readonly id: string; readonly validTo: string | null }>).filter((o) => [own, joint, "hb"].includes(o.id))
          expect(ends.map((o) => [o.id, o.validTo]), how).toEqual(
            how === "dissolve"
              ? [[joint, EmergencyIntents.dayOf(2)], [own, EmergencyIntents.dayOf(1)]]
              : [[joint, EmergencyIntents.dayOf(1)], [own, EmergencyIntents.dayOf(1)], ["hb", null]].sort((a, b) => (a[0]! < b[0]! ? -1 : 1))
          )
          expect(EmergencyInvariants.breaches(history as unknown as EmergencyInvariants.History)).toEqual([])
          expect(OrganisationInvariants.breaches(yield* OrganisationIntents.history(tenant))).toEqual([])
          // Everything else as before; the organiser's merged branch is the organiser's, not the activation's.
          expect(yield* EmergencyIntents.state(tenant, fixed, new Set([own!, joint!, "hb"]))).toEqual(before)
          expect((yield* activate(1, 3)).activations.map((a) => a.id)).toEqual(["a1"])
        }
      })))

    // Of the intents, not the store: on a memory store, so that it costs every store little.
    it.effect("the random commands are accepted often enough, of every kind, and refused by many rules", () =>
      over(MemoryStore.layer)(Effect.gen(function*() {
        yield* TestClock.setTime(EmergencyIntents.todayMs)
        const accepted = new Map<string, number>()
        const refused = new Set<string>()
        let branches = 0
        for (const { district, intents: ops } of fc.sample(intents, { numRuns: 25, seed: 11 })) {
          for (const o of yield* EmergencyIntents.run(freshTenant(), district, ops, { checkRefusals: false })) {
            const tag = (o.command as { readonly _tag: string })._tag
            if (o.result === "ok") accepted.set(tag, (accepted.get(tag) ?? 0) + 1)
            else refused.add(o.result.replace(/@.*/, ""))
            branches += o.changes?.branches.length ?? 0
          }
        }
        expect(kinds.filter((k) => (accepted.get(k) ?? 0) === 0)).toEqual([])
        expect(branches, "temporary branches formed").toBeGreaterThan(0)
        expect(refused.size, [...refused].sort().join("\n")).toBeGreaterThan(10)
      })), { timeout: 120_000 })

    if (options.differential !== false) {
      it.effect.prop(
        "the same results command by command, tables and answers as the memory store",
        [intents],
        ([{ district, intents: ops }]) =>
          provide(Effect.suspend(() => {
            const tenant = freshTenant()
            return sameAsReference(
              EmergencyIntents.run(tenant, district, ops, { checkRefusals: false }),
              EmergencyIntents.answers(tenant, district),
              over(MemoryStore.layer)
            )
          })),
        propOptions
      )
    }

    it.effect.prop(
      "a batch gives what the same commands give one by one: the history, or the first refusal with its row and nothing written",
      [intents],
      ([{ district, intents: ops }]) =>
        provide(Effect.gen(function*() {
          const service = yield* Emergency.Emergency
          const [a, b] = [freshTenant(), freshTenant()]
          const outcomes = yield* EmergencyIntents.run(a, district, ops, { checkRefusals: false })
          const expected = untenanted(a)(yield* EmergencyIntents.history(a, district))
          const commandsFor = (tenant: string, which: ReadonlyArray<EmergencyIntents.Outcome>) =>
            retarget(a, tenant)(which.map((o) => o.command)) as ReadonlyArray<unknown>
          yield* EmergencyIntents.writeScaffold(b, district)
          const before = yield* EmergencyIntents.history(b, district)
          const all = yield* Effect.either(service.executeAllUnknown(Actor.system(b), commandsFor(b, outcomes)))
          if (expectBatchOutcome(outcomes, all)) {
            expect(yield* EmergencyIntents.history(b, district)).toEqual(before)
            yield* service.executeAllUnknown(Actor.system(b), commandsFor(b, outcomes.filter((o) => o.result === "ok")))
          }
          expect(untenanted(b)(yield* EmergencyIntents.history(b, district))).toEqual(expected)
        })),
      { timeout: budget + 60_000, fastCheck: { numRuns: Math.max(4, Math.ceil(numRuns / 2)), interruptAfterTimeLimit: budget } }
    )

    it.effect("a compound with three full members gets its own branch, the rest the joint branch; phones masked unless pii:read, whose read is audited", () =>
      provide(Effect.gen(function*() {
        const tenant = freshTenant()
        yield* EmergencyIntents.writeScaffold(tenant, fixed)
        const service = yield* Emergency.Emergency
        const admin = Actor.system(tenant)
        const changes = yield* service.executeUnknown(admin, EmergencyIntents.resolve(tenant, fixed, { kind: "activate", id: 0, street: false, target: 0, day: 0, place: true }))
        const community = `${tenant}001001`
        expect(changes.branches.map((b) => [b.organisationId, b.compoundCode, b.members, b.fullMembers])).toEqual([
          [`a0:${community}001001`, `${community}001001`, 3, 3],
          [`a0:${community}`, null, 1, 0]
        ])
        expect(changes.roster.map((r) => [r.kind, r.personId, r.standing, r.branchId])).toEqual([
          ["worker", "w0_0", null, null],
          ["worker", "w0_1", null, null],
          ["member", "m0_0", "full", `a0:${community}001001`],
          ["member", "m0_1", "full", `a0:${community}001001`],
          ["member", "m0_2", "full", `a0:${community}001001`],
          ["member", "m0_3", "probationary", `a0:${community}`],
          ["member", "m0_4", null, null]
        ])
        const viewer = Actor.make({ id: "查看", tenant, roles: ["viewer"], scope: tenant })
        const auditBefore = ((yield* EmergencyIntents.history(tenant, fixed)).audit as Audit).length
        const masked = yield* service.roster(viewer, "a0")
        expect(masked.filter((r) => r.phone !== null).every((r) => r.phone!.includes("*"))).toBe(true)
        expect(((yield* EmergencyIntents.history(tenant, fixed)).audit as Audit).length).toBe(auditBefore)
        const shown = yield* service.roster(admin, "a0")
        expect(shown.find((r) => r.personId === "w0_0")?.phone).toBe("13800000000")
        const audit = (yield* EmergencyIntents.history(tenant, fixed)).audit as Audit
        expect(audit.length).toBe(auditBefore + 1)
        expect(audit.at(-1)!.action).toBe("ReadRosterPii")
        expect(audit.at(-1)!.detail).not.toContain("1380000")
        const branches = yield* service.branches(viewer, "a0", { at: EmergencyIntents.dayOf(1) })
        // By organisation id: the joint branch (the community code) before the compound's.
        expect(branches.map((b) => b.participants)).toEqual([["m0_3"], ["m0_0", "m0_1", "m0_2"]])
      })))

    it.effect("a retry under the same key returns the first result and writes nothing more; other content under it is a conflict", () =>
      provide(Effect.gen(function*() {
        const tenant = freshTenant()
        yield* EmergencyIntents.writeScaffold(tenant, fixed)
        const service = yield* Emergency.Emergency
        const admin = Actor.system(tenant)
        const activate = EmergencyIntents.resolve(tenant, fixed, { kind: "activate", id: 0, street: false, target: 0, day: 0, place: true })
        const first = yield* service.executeKeyed(admin, "k-1", activate as never)
        const after = yield* EmergencyIntents.history(tenant, fixed)
        expect(yield* service.executeKeyed(admin, "k-1", activate as never)).toEqual(first)
        expect(yield* EmergencyIntents.history(tenant, fixed)).toEqual(after)
        const other = yield* Effect.either(service.executeKeyed(admin, "k-1", EmergencyIntents.resolve(tenant, fixed, { kind: "deactivate", id: 0, day: 1 }) as never))
        expect(Either.isLeft(other) && other.left._tag).toBe("IdempotencyConflict")
        expect(yield* EmergencyIntents.history(tenant, fixed)).toEqual(after)
      })))

    it.effect("scope: street 002's organiser may not activate, deactivate or form teams in street 001 — an activation there gets the answer an unknown id gets — and reads none of its activations", () =>
      provide(Effect.gen(function*() {
        const tenant = freshTenant()
        yield* EmergencyIntents.writeScaffold(tenant, fixed)
        const service = yield* Emergency.Emergency
        const admin = Actor.system(tenant)
        yield* service.executeUnknown(admin, EmergencyIntents.resolve(tenant, fixed, { kind: "activate", id: 0, street: false, target: 0, day: 0, place: true }))
        const hedong = Actor.make({ id: "河东", tenant, roles: ["party_organiser"], scope: `${tenant}002` })
        const before = yield* EmergencyIntents.history(tenant, fixed)
        // Grids the command itself names outside the scope: Forbidden.
        const attempts: ReadonlyArray<unknown> = [
          EmergencyIntents.resolve(tenant, fixed, { kind: "activate", id: 1, street: true, target: 0, day: 1, place: false }),
          EmergencyIntents.resolve(tenant, fixed, { kind: "team", id: 0, activation: 0, compounds: [0], residents: 1, staff: 3, members: 0, company: true, day: 1 })
        ]
        for (const command of attempts) {
          const result = yield* Effect.either(service.executeUnknown(hedong, command))
          expect(Either.isLeft(result) && result.left._tag, JSON.stringify(command)).toBe("Forbidden")
        }
        // An activation lying wholly outside the scope, named by id: refused exactly as an unknown id is (no existence oracle).
        const answer = (command: unknown) =>
          Effect.map(Effect.flip(service.executeUnknown(hedong, command)), (e) => [e._tag, (e as { readonly rule?: string }).rule, (e as { readonly message?: string }).message?.replace(/a[09]/g, "<id>")])
        const deactivate = (id: number) => EmergencyIntents.resolve(tenant, fixed, { kind: "deactivate", id, day: 2 })
        // A team in street 002's own compound (the district's third) naming street 001's activation.
        const team = (activation: number) =>
          EmergencyIntents.resolve(tenant, fixed, { kind: "team", id: 1, activation, compounds: [2], residents: 1, staff: 3, members: 0, company: true, day: 1 })
        expect(yield* answer(deactivate(0))).toEqual(["RuleViolation", "emergency.exists", "no activation <id> exists"])
        expect(yield* answer(deactivate(0))).toEqual(yield* answer(deactivate(9)))
        expect((yield* answer(team(0)))[1]).toBe("emergency.team-active")
        expect(yield* answer(team(0))).toEqual(yield* answer(team(9)))
        expect(yield* EmergencyIntents.history(tenant, fixed)).toEqual(before)
        const viewer = Actor.make({ id: "河东查看", tenant, roles: ["viewer"], scope: `${tenant}002` })
        expect(yield* service.activations(viewer, { at: EmergencyIntents.dayOf(1) })).toEqual([])
        expect(yield* service.activation(viewer, "a0")).toBeNull()
        expect(yield* service.roster(viewer, "a0")).toEqual([])
        expect(yield* service.coverage(viewer, "a0")).toBeNull()
        expect((yield* service.coverageOver(viewer, { from: "2024-01-01", to: "2025-01-01" })).members).toBe(0)
        const outside = yield* Effect.either(service.roster(viewer, "a0", { root: `${tenant}001` }))
        expect(Either.isLeft(outside) && outside.left._tag).toBe("Forbidden")
        const whole = Actor.make({ id: "区查看", tenant, roles: ["viewer"], scope: tenant })
        expect((yield* service.coverage(whole, "a0"))?.members).toBe(5)
        // A team's staff and members are the team's, not its compounds': each subtree holding one of its compounds counts them in full.
        yield* service.executeUnknown(admin, EmergencyIntents.resolve(tenant, fixed, { kind: "team", id: 5, activation: 0, compounds: [0, 1], residents: 1, staff: 7, members: 2, company: true, day: 1 }))
        const [first, second] = [`${tenant}001001001001`, `${tenant}001001001002`]
        const seen = (root: string) => Effect.map(service.coverage(whole, "a0", { root }), (c) => c === null ? null : [c.teams, c.compounds, c.staff, c.teamMembers])
        expect([yield* seen(first), yield* seen(second), yield* seen(tenant)]).toEqual([[1, 1, 7, 2], [1, 1, 7, 2], [1, 2, 7, 2]])
      })))

    it.effect("bad input is a ValidationError naming the field, and writes nothing", () =>
      provide(Effect.gen(function*() {
        const tenant = freshTenant()
        yield* EmergencyIntents.writeScaffold(tenant, fixed)
        const service = yield* Emergency.Emergency
        const admin = Actor.system(tenant)
        const before = yield* EmergencyIntents.history(tenant, fixed)
        const community = `${tenant}001001`
        const cases: ReadonlyArray<readonly [unknown, string]> = [
          [{ _tag: "ActivateEmergency", id: "a", gridCode: community, task: "疫情防控", on: "2024-02-30" }, "on"],
          [{ _tag: "ActivateEmergency", id: "x".repeat(33), gridCode: community, task: "疫情防控", on: "2024-03-01" }, "id"],
          [{ _tag: "ActivateEmergency", id: "a", gridCode: "12ab", task: "疫情防控", on: "2024-03-01" }, "gridCode"],
          [{ _tag: "ActivateEmergency", id: "a", gridCode: community, task: "", on: "2024-03-01" }, "task"],
          [{ _tag: "ActivateEmergency", id: "a", gridCode: community, task: "疫情防控", on: "2024-03-01", placements: [{ memberId: "m0_0" }] }, "placements.0.compoundCode"],
          [{ _tag: "DeactivateEmergency", id: "a" }, "on"],
          [{ _tag: "FormVanguardTeam", id: "t", activationId: "a", name: "先锋队", formerKind: "company", formedBy: "物业", compounds: [], staff: 3, on: "2024-03-02" }, "compounds"],
          [{ _tag: "FormVanguardTeam", id: "t", activationId: "a", name: "先锋队", formerKind: "company", formedBy: "物业", compounds: [{ code: `${community}001001`, residents: -1 }], staff: 3, on: "2024-03-02" }, "compounds.0.residents"],
          [{ _tag: "FormVanguardTeam", id: "t", activationId: "a", name: "先锋队", formerKind: "club", formedBy: "物业", compounds: [{ code: `${community}001001`, residents: 1 }], staff: 3, on: "2024-03-02" }, "formerKind"],
          [{ _tag: "FormVanguardTeam", id: "t", activationId: "a", name: "先锋队", formerKind: "company", formedBy: "物业", compounds: [{ code: `${community}001001`, residents: 1 }], staff: 1.5, on: "2024-03-02" }, "staff"],
          [{ _tag: "NoSuchCommand" }, "_tag"]
        ]
        for (const [command, field] of cases) {
          const result = yield* Effect.either(service.executeUnknown(admin, command))
          expect(Either.isLeft(result) && [result.left._tag, (result.left as { readonly field?: string }).field], JSON.stringify(command)).toEqual(["ValidationError", field])
        }
        expect(yield* EmergencyIntents.history(tenant, fixed)).toEqual(before)
        // A period ends after it starts (an empty one is no period) and spans at most ten years, as the other domains' period reads.
        const periods: ReadonlyArray<readonly [string, string, string]> = [
          ["2024-03-01", "2024-03-01", "period.order"],
          ["2024-03-01", "2024-02-01", "period.order"],
          ["2014-03-01", "2024-03-02", "period.length"]
        ]
        for (const [from, to, rule] of periods) {
          const result = yield* Effect.flip(service.coverageOver(admin, { from, to }))
          expect([result._tag, (result as { readonly field?: string }).field, (result as { readonly rule?: string }).rule], `${from}..${to}`).toEqual(["ValidationError", "options.to", rule])
        }
      })))
  })
}
