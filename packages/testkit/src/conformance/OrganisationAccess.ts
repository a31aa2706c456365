/**
 * The organisation service against the actor's scope, on any store: an actor scoped to
 * a grid reads exactly the organisations whose grids all lie in it (and their members,
 * participants, rolls, counts, alerts and compliance), and a read aimed outside is `Forbidden`;
 * an actor scoped to one street writes nothing outside it, whatever it tries; a viewer
 * writes nothing; an actor of another tenant neither sees nor touches the tenant.
 *
 * @since 0.2.0
 */
import { describe, expect, it } from "@effect/vitest"
import { Actor, CitizenId, Organisations, Phone } from "@jiceng/core"
import type { Organisation } from "@jiceng/core"
import { Effect, Option, Schema } from "effect"
import * as OrganisationIntents from "../arbitraries/OrganisationIntents.js"
import type { sharedStore } from "./organisationSupport.js"
import { freshTenant, longFactor } from "./support.js"

const Pick = Schema.Int.pipe(Schema.between(0, 10_000))
const days = ["2023-06-30", "2024-03-15", "2024-07-01", "2024-12-31"]

/** Whether an organisation's version lies in a scope: every grid it serves does (none: the root). */
const lies = (tenant: string, scope: string) => (o: Organisation.Organisation) =>
  (o.grids.length === 0 ? [tenant] : o.grids).every((g) => g.startsWith(scope))

/** The rows of a history that concern organisations outside a scope. */
const outside = (tenant: string, scope: string, h: OrganisationIntents.History) => {
  const ids = new Set<string>(h.organisations.filter((o) => !lies(tenant, scope)(o)).map((o) => o.id))
  const of = <A extends { readonly organisationId: string }>(rows: ReadonlyArray<A>) => rows.filter((r) => ids.has(r.organisationId))
  return {
    organisations: h.organisations.filter((o) => ids.has(o.id)),
    memberships: of(h.memberships),
    participations: of(h.participations),
    dues: of(h.dues),
    discipline: of(h.discipline),
    meetings: of(h.meetings)
  }
}

/**
 * Registers the suite for one store; `provide` runs a test's effect over it.
 *
 * @since 0.2.0
 * @category suites
 */
export const organisationAccess = (
  name: string,
  provide: ReturnType<typeof sharedStore>,
  options: { readonly numRuns?: number } = {}
) =>
  describe(`${name}: organisation reads and writes stay in scope`, () => {
    const propOptions = { timeout: 600_000, fastCheck: { numRuns: (options.numRuns ?? 10) * longFactor() } }

    it.effect.prop(
      "an actor reads exactly the organisations in its scope, and what belongs to them",
      [OrganisationIntents.intents(20), Pick, Pick],
      ([ops, s, d]) =>
        provide(Effect.gen(function*() {
          const tenant = freshTenant()
          yield* OrganisationIntents.run(tenant, ops, { checkRefusals: false })
          const service = yield* Organisations.Organisations
          const admin = Actor.system(tenant)
          const at = days[d % days.length]!
          const scopes = ["", "001", "002", "001001", "001002", "002001"].map((c) => tenant + c)
          const scope = scopes[s % scopes.length]!
          const other = scopes[(s + 1 + (s % 5)) % scopes.length]!
          const reader = Actor.make({ id: "reader", tenant, roles: ["viewer"], scope })
          const inside = lies(tenant, scope)

          const all = yield* service.organisations(admin, { at })
          const mine = all.filter(inside)
          const ids = new Set<string>(mine.map((o) => o.id))
          expect(yield* service.organisations(reader, { at })).toEqual(mine)
          const counts = new Map<string, number>()
          for (const o of mine) counts.set(`${o.kind}|${o.sector}`, (counts.get(`${o.kind}|${o.sector}`) ?? 0) + 1)
          expect((yield* service.countByKind(reader, { at })).map((c) => [`${c.kind}|${c.sector}`, c.count])).toEqual(
            [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          )
          expect(yield* service.countMembers(reader, { at })).toEqual(
            (yield* service.countMembers(admin, { at })).filter((c) => ids.has(c.organisationId))
          )
          expect(yield* service.memberships(reader, { at })).toEqual(
            (yield* service.memberships(admin, { at })).filter((m) => ids.has(m.organisationId))
          )
          expect(yield* service.participations(reader, { at })).toEqual(
            (yield* service.participations(admin, { at })).filter((p) => ids.has(p.organisationId))
          )
          expect(yield* service.check(reader, { at })).toEqual(
            (yield* service.check(admin, { at })).filter((a) => ids.has(a.organisationId))
          )
          // Rolls: the same people as the system actor sees in those organisations, with
          // contact data masked (or withheld) for a reader without pii:read.
          const rollOf = (actor: Actor.Actor) => service.roll(actor, { at })
          const people = (yield* rollOf(admin)).filter((r) => ids.has(r.organisationId))
          const seenRoll = yield* rollOf(reader)
          const identity = (r: Organisations.RollEntry) => [r.organisationId, r.memberId, r.role, r.name, r.standing, r.since]
          expect(seenRoll.map(identity)).toEqual(people.map(identity))
          for (const [i, r] of seenRoll.entries()) {
            const plain = people[i]!
            expect(r.phone === null || (plain.phone !== null && r.phone === Phone.maskStored(plain.phone))).toBe(true)
            expect(r.citizenId === null || (plain.citizenId !== null && r.citizenId === CitizenId.maskStored(plain.citizenId))).toBe(true)
          }
          for (const id of OrganisationIntents.organisationIds) {
            const seen = yield* service.organisation(reader, id, at)
            const version = all.find((o) => o.id === id)
            expect(Option.getOrUndefined(seen), `${id} from ${scope}`).toEqual(
              version !== undefined && inside(version) ? version : undefined
            )
          }
          // Compliance: the organisations (any version) in scope, and nothing else.
          const history = yield* OrganisationIntents.history(tenant)
          const ever = new Set<string>(history.organisations.filter(inside).map((o) => o.id))
          const period = { from: "2024-01-01", to: "2025-01-01" }
          const report = yield* service.compliance(reader, period)
          const full = yield* service.compliance(admin, period)
          expect(report.missing).toEqual(full.missing.filter((m) => ever.has(m.organisationId)))
          expect(report.organisations).toEqual(full.organisations.filter((o) => ever.has(o.organisationId)))

          // A read aimed outside the scope is Forbidden.
          if (!other.startsWith(scope)) {
            const reads: ReadonlyArray<Effect.Effect<unknown, Organisations.OrganisationReadError>> = [
              service.organisations(reader, { root: other, at }),
              service.countByKind(reader, { root: other, at }),
              service.countMembers(reader, { root: other, at }),
              service.memberships(reader, { root: other, at }),
              service.participations(reader, { root: other, at }),
              service.check(reader, { root: other, at }),
              service.compliance(reader, { ...period, root: other }),
              service.roll(reader, { root: other, at })
            ]
            for (const read of reads) {
              expect(yield* Effect.flip(read)).toMatchObject({ _tag: "Forbidden", reason: "scope" })
            }
          }
        })),
      propOptions
    )

    it.effect.prop(
      "an actor scoped to a street writes nothing outside it, whatever it tries",
      [OrganisationIntents.intents(25), Pick],
      ([ops, s]) =>
        provide(Effect.gen(function*() {
          const tenant = freshTenant()
          const scope = tenant + (s % 2 === 0 ? "001" : "002")
          const organiser = Actor.make({ id: "organiser", tenant, roles: ["party_organiser"], scope })
          yield* OrganisationIntents.writeScaffold(tenant)
          const before = yield* OrganisationIntents.history(tenant)
          const outcomes = yield* OrganisationIntents.run(tenant, ops, { actor: organiser, scaffold: false })
          const after = yield* OrganisationIntents.history(tenant)
          expect(outside(tenant, scope, after)).toEqual(outside(tenant, scope, before))
          // Every success is audited as the organiser's.
          const ok = outcomes.filter((o) => o.result === "ok").length
          expect(after.audit.slice(before.audit.length).map((e) => e.actor)).toEqual(Array(ok).fill("organiser"))
        })),
      propOptions
    )

    it.effect("writes outside the scope, by a viewer, or from another tenant: Forbidden or refused, nothing written", () =>
      provide(Effect.gen(function*() {
        const [tenant, other] = [freshTenant(), freshTenant()]
        yield* OrganisationIntents.writeScaffold(tenant)
        yield* OrganisationIntents.writeScaffold(other)
        const service = yield* Organisations.Organisations
        const street = Actor.make({ id: "河西街道组织员", tenant, roles: ["party_organiser"], scope: `${tenant}001` })
        const viewer = Actor.make({ id: "查看者", tenant, roles: ["viewer"], scope: tenant })
        const stranger = Actor.system(other)
        const meeting = (organisationId: string) => ({
          _tag: "RecordMeeting", id: "mx", organisationId, kind: "theme_day", date: "2024-05-10", topic: "学习", attendees: []
        })
        const form = (grids: ReadonlyArray<string>) => ({
          _tag: "FormOrganisation", id: "x1", kind: "branch", name: "新支部", parentId: "c1", sector: "community", grids, validFrom: "2024-01-01"
        })
        const scoped: ReadonlyArray<unknown> = [
          meeting("b3"),
          meeting("s2"),
          meeting("top"),
          { _tag: "RenameOrganisation", id: "s2", name: "改名", at: "2024-05-01" },
          { _tag: "SetCommittee", id: "b3", hasCommittee: true, at: "2024-05-01" },
          { _tag: "DissolveOrganisation", id: "b3", at: "2024-05-01" },
          { _tag: "MergeOrganisations", ids: ["b2", "b3"], into: { id: "o9", name: "合并" }, at: "2024-05-01" },
          form([`${tenant}002001`]),
          form([`${tenant}001001`, `${tenant}002001`]),
          form([]),
          { _tag: "AdmitMember", memberId: "x9", organisationId: "b3", name: "张三", at: "2024-05-01" },
          { _tag: "ArriveMember", memberId: "x9", organisationId: "b3", standing: "full", name: "张三", at: "2024-05-01" },
          { _tag: "TransferMember", memberId: "m4", organisationId: "b1", at: "2024-05-01" },
          { _tag: "TransferMember", memberId: "m1", organisationId: "b3", at: "2024-05-01" },
          { _tag: "DepartMember", memberId: "m4", at: "2024-05-01" },
          { _tag: "ConvertMember", memberId: "m4", at: "2024-05-01" },
          { _tag: "RecordDues", memberId: "m4", organisationId: "b3", month: "2024-05", amountFen: 500, paidOn: "2024-05-10" },
          { _tag: "RecordDiscipline", memberId: "m4", organisationId: "b3", measure: "warning", at: "2024-05-10" }
        ]
        const refused = (actor: Actor.Actor, input: unknown) =>
          Effect.gen(function*() {
            const before = [yield* OrganisationIntents.history(tenant), yield* OrganisationIntents.history(other)]
            const error = yield* Effect.flip(service.executeUnknown(actor, input))
            expect([yield* OrganisationIntents.history(tenant), yield* OrganisationIntents.history(other)]).toEqual(before)
            return error
          })
        for (const input of scoped) {
          expect(yield* refused(street, input), JSON.stringify(input)).toMatchObject({ _tag: "Forbidden", reason: "scope" })
          // The same in a batch: the row named, nothing written.
          const batch = [meeting("b1"), input]
          const before = yield* OrganisationIntents.history(tenant)
          expect(yield* Effect.flip(service.executeAllUnknown(street, batch)), JSON.stringify(input)).toMatchObject({
            _tag: "Forbidden", reason: "scope", row: 2
          })
          expect(yield* OrganisationIntents.history(tenant)).toEqual(before)
        }
        expect(yield* refused(viewer, meeting("b1"))).toMatchObject({ _tag: "Forbidden", reason: "role" })
        expect(yield* refused(viewer, form([`${tenant}001001`]))).toMatchObject({ _tag: "Forbidden", reason: "role" })
        // A role refusal in a batch names its row too, and nothing is written.
        const unwritten = yield* OrganisationIntents.history(tenant)
        expect(yield* Effect.flip(service.executeAllUnknown(viewer, [meeting("b1"), meeting("b1")]))).toMatchObject({
          _tag: "Forbidden", reason: "role", row: 1
        })
        expect(yield* OrganisationIntents.history(tenant)).toEqual(unwritten)
        // Another tenant's actor: its own tenant holds no such member; the tenant is untouched.
        expect(yield* refused(stranger, { _tag: "TransferMember", memberId: "x1", organisationId: "b1", at: "2024-05-01" }))
          .toMatchObject({ _tag: "RuleViolation", rule: "membership.exists" })
        expect(yield* refused(stranger, { ...form([`${tenant}001001`]) })).toMatchObject({ _tag: "Forbidden", reason: "scope" })
        // Nor does it read the tenant's grids.
        expect(yield* Effect.flip(service.organisations(stranger, { root: `${tenant}001` }))).toMatchObject({ _tag: "Forbidden" })
        // What lies inside goes through.
        yield* service.executeUnknown(street, meeting("b1"))
        yield* service.executeUnknown(street, { ...form([`${tenant}001001`]), id: "x2" })
        expect((yield* service.organisations(street, { at: "2024-06-01" })).map((o) => o.id)).toEqual(["b1", "b2", "c1", "s1", "t1", "x2"])
      })))
  })
