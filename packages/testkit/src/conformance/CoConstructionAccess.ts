/**
 * The co-construction service against the actor's scope, on any store: an actor scoped
 * to a grid reads exactly the rows that lie in it — units by their street, members by
 * their community, needs, resources and teams by their grid, posts and claims by their
 * team's grid, joint meetings by their street, agreements and projects when every grid
 * the agreement's organisation serves does — and its matchings are those of that
 * subtree; a read aimed outside is `Forbidden`. An actor scoped to one street writes
 * nothing outside it whatever it tries, and every command kind aimed at another street
 * is `Forbidden` (scope), alone or as a row of a batch; a viewer writes nothing
 * (`Forbidden`, role) but reads; an actor of another tenant neither sees nor touches
 * the tenant.
 *
 * @since 0.3.0
 */
import { describe, expect, it } from "@effect/vitest"
import { Actor, CoConstructions, type Organisation } from "@jiceng/core"
import { Effect, Schema } from "effect"
import * as CoConstructionIntents from "../arbitraries/CoConstructionIntents.js"
import type { sharedStore } from "./coConstructionSupport.js"
import { freshTenant } from "./coConstructionSupport.js"
import { longFactor } from "./support.js"

const Pick = Schema.Int.pipe(Schema.between(0, 10_000))

/** The organisations whose every version serves grids in a scope only (none: the tenant's root). */
const organisationsIn = (tenant: string, scope: string, organisations: ReadonlyArray<Organisation.Organisation>) => {
  const outside = new Set<string>(
    organisations.filter((o) => !(o.grids.length === 0 ? [tenant] : o.grids).every((g) => g.startsWith(scope))).map((o) => o.id)
  )
  return (id: string) => organisations.some((o) => o.id === id) && !outside.has(id)
}

/** The rows of a history that lie outside a scope. */
const outside = (tenant: string, scope: string, h: CoConstructionIntents.History) => {
  const orgInside = organisationsIn(tenant, scope, h.organisations)
  const out = (code: string) => !code.startsWith(scope)
  const agreements = h.agreements.filter((a) => !orgInside(a.organisationId))
  const agreementIds = new Set<string>(agreements.map((a) => a.id))
  const projects = h.projects.filter((p) => agreementIds.has(p.agreementId))
  const projectIds = new Set<string>(projects.map((p) => p.id))
  const teams = h.teams.filter((t) => out(t.gridCode))
  const teamIds = new Set<string>(teams.map((t) => t.id))
  const posts = h.posts.filter((p) => teamIds.has(p.teamId))
  const postIds = new Set<string>(posts.map((p) => p.id))
  const meetings = h.jointMeetings.filter((m) => out(m.streetCode))
  const meetingIds = new Set<string>(meetings.map((m) => m.id))
  return {
    unitEnrolments: h.unitEnrolments.filter((u) => out(u.streetCode)),
    memberEnrolments: h.memberEnrolments.filter((m) => out(m.communityCode)),
    agreements,
    needs: h.needs.filter((n) => out(n.gridCode)),
    resources: h.resources.filter((r) => out(r.gridCode)),
    projects,
    progress: h.progress.filter((p) => projectIds.has(p.projectId)),
    teams,
    posts,
    claims: h.claims.filter((c) => postIds.has(c.postId)),
    meetings,
    tasks: h.tasks.filter((t) => meetingIds.has(t.meetingId))
  }
}

/** Every read the service has, for an actor and options. */
const allReads = (service: CoConstructions.CoConstructionsShape, actor: Actor.Actor, options: { readonly root?: string; readonly at?: string }) => {
  const meetings = { ...options, from: "2023-01-01", to: "2026-01-01" }
  const reads: ReadonlyArray<Effect.Effect<unknown, CoConstructions.CoConstructionReadError>> = [
    service.units(actor, options),
    service.countUnits(actor, options),
    service.members(actor, options),
    service.countMembers(actor, options),
    service.agreements(actor, options),
    service.needs(actor, options),
    service.resources(actor, options),
    service.projects(actor, options),
    service.teams(actor, options),
    service.posts(actor, options),
    service.postsByCategory(actor, options),
    service.claims(actor, options),
    service.jointMeetings(actor, meetings),
    service.matchNeeds(actor, options),
    service.matchPosts(actor, options)
  ]
  return reads
}

/**
 * Registers the suite for one store; `provide` runs a test's effect over it.
 *
 * @since 0.3.0
 * @category suites
 */
export const coConstructionAccess = (
  name: string,
  provide: ReturnType<typeof sharedStore>,
  options: { readonly numRuns?: number } = {}
) =>
  describe(`${name}: co-construction reads and writes stay in scope`, () => {
    const propOptions = { timeout: 600_000, fastCheck: { numRuns: (options.numRuns ?? 10) * longFactor() } }

    it.effect.prop(
      "an actor reads exactly the rows in its scope, and matches within it; a read aimed outside is Forbidden",
      [CoConstructionIntents.intents(20), Pick, Pick],
      ([ops, s, d]) =>
        provide(Effect.gen(function*() {
          const tenant = freshTenant()
          yield* CoConstructionIntents.run(tenant, ops, { checkRefusals: false })
          const service = yield* CoConstructions.CoConstructions
          const admin = Actor.system(tenant)
          const at = CoConstructionIntents.readDays[d % CoConstructionIntents.readDays.length]!
          const scopes = ["", "001", "002", "001001", "001002", "002001", "001001001"].map((c) => tenant + c)
          const scope = scopes[s % scopes.length]!
          const other = scopes[(s + 1 + (s % 5)) % scopes.length]!
          const reader = Actor.make({ id: "reader", tenant, roles: ["viewer"], scope })
          const under = (code: string) => code.startsWith(scope)
          const history = yield* CoConstructionIntents.history(tenant)
          const orgInside = organisationsIn(tenant, scope, history.organisations)

          const units = (yield* service.units(admin, { at })).filter((u) => under(u.streetCode))
          expect(yield* service.units(reader, { at })).toEqual(units)
          const members = (yield* service.members(admin, { at })).filter((m) => under(m.communityCode))
          expect(yield* service.members(reader, { at })).toEqual(members)
          const count = (codes: ReadonlyArray<string>) => {
            const counts = new Map<string, number>()
            for (const c of codes) counts.set(c, (counts.get(c) ?? 0) + 1)
            return [...counts].map(([gridCode, count]) => ({ gridCode, count })).sort((a, b) => (a.gridCode < b.gridCode ? -1 : 1))
          }
          expect(yield* service.countUnits(reader, { at })).toEqual(count(units.map((u) => u.streetCode)))
          expect(yield* service.countMembers(reader, { at })).toEqual(count(members.map((m) => m.communityCode)))
          const agreements = (yield* service.agreements(admin, { at })).filter((a) => orgInside(a.agreement.organisationId))
          expect(yield* service.agreements(reader, { at })).toEqual(agreements)
          const agreementIds = new Set<string>(agreements.map((a) => a.agreement.id))
          expect(yield* service.projects(reader, { at })).toEqual(
            (yield* service.projects(admin, { at })).filter((p) => agreementIds.has(p.project.agreementId))
          )
          expect(yield* service.needs(reader, { at })).toEqual((yield* service.needs(admin, { at })).filter((n) => under(n.item.gridCode)))
          expect(yield* service.resources(reader, { at })).toEqual(
            (yield* service.resources(admin, { at })).filter((r) => under(r.item.gridCode))
          )
          const teams = (yield* service.teams(admin, { at })).filter((t) => under(t.gridCode))
          expect(yield* service.teams(reader, { at })).toEqual(teams)
          const teamIds = new Set<string>(teams.map((t) => t.id))
          const posts = (yield* service.posts(admin, { at })).filter((p) => teamIds.has(p.post.teamId))
          expect(yield* service.posts(reader, { at })).toEqual(posts)
          const postIds = new Set<string>(posts.map((p) => p.post.id))
          expect(yield* service.claims(reader, { at })).toEqual((yield* service.claims(admin, { at })).filter((c) => postIds.has(c.postId)))
          expect((yield* service.postsByCategory(reader, { at })).map((c) => [c.category, c.posts, c.capacity, c.claimed])).toEqual(
            (yield* service.postsByCategory(admin, { at })).map((c) => {
              const mine = posts.filter((p) => p.post.category === c.category)
              return [c.category, mine.length, mine.reduce((n, p) => n + p.post.capacity, 0), mine.reduce((n, p) => n + p.claimed, 0)]
            })
          )
          const period = { from: "2023-01-01", to: "2026-01-01", at }
          expect(yield* service.jointMeetings(reader, period)).toEqual(
            (yield* service.jointMeetings(admin, period)).filter((m) => under(m.meeting.streetCode))
          )
          // Matchings: the subtree's, proposing only its needs, and resources of the
          // subtree or listed for a grid above it (a street's units serve its communities).
          const matchNeeds = yield* service.matchNeeds(reader, { at })
          expect(matchNeeds).toEqual(yield* service.matchNeeds(admin, { at, root: scope }))
          const needIds = new Set<string>(history.needs.filter((n) => under(n.gridCode)).map((n) => n.id))
          const resourceIds = new Set<string>(
            history.resources.filter((r) => under(r.gridCode) || scope.startsWith(r.gridCode)).map((r) => r.id)
          )
          for (const a of matchNeeds.assignments) expect([needIds.has(a.demandId), resourceIds.has(a.supplyId)]).toEqual([true, true])
          for (const u of matchNeeds.unassigned) expect(needIds.has(u.demandId)).toBe(true)
          const matchPosts = yield* service.matchPosts(reader, { at })
          expect(matchPosts).toEqual(yield* service.matchPosts(admin, { at, root: scope }))
          const memberIds = new Set<string>(members.map((m) => m.memberId))
          for (const a of matchPosts.assignments) expect([memberIds.has(a.demandId), postIds.has(a.supplyId)]).toEqual([true, true])

          // A read aimed outside the scope is Forbidden.
          if (!other.startsWith(scope)) {
            for (const read of allReads(service, reader, { root: other, at })) {
              expect(yield* Effect.flip(read)).toMatchObject({ _tag: "Forbidden", reason: "scope" })
            }
          }
        })),
      propOptions
    )

    it.effect.prop(
      "an actor scoped to a street writes nothing outside it, whatever it tries",
      [CoConstructionIntents.intents(25), Pick],
      ([ops, s]) =>
        provide(Effect.gen(function*() {
          const tenant = freshTenant()
          const scope = tenant + (s % 2 === 0 ? "001" : "002")
          const organiser = Actor.make({ id: "organiser", tenant, roles: ["party_organiser"], scope })
          yield* CoConstructionIntents.writeScaffold(tenant)
          const before = yield* CoConstructionIntents.history(tenant)
          const outcomes = yield* CoConstructionIntents.run(tenant, ops, { actor: organiser, scaffold: false })
          const after = yield* CoConstructionIntents.history(tenant)
          expect(outside(tenant, scope, after)).toEqual(outside(tenant, scope, before))
          // Every success is audited as the organiser's.
          const ok = outcomes.filter((o) => o.result === "ok").length
          expect(after.audit.slice(before.audit.length).map((e) => e.actor)).toEqual(Array(ok).fill("organiser"))
        })),
      propOptions
    )

    it.effect("every command kind aimed at another street, by a viewer, or from another tenant: Forbidden or refused, nothing written", () =>
      provide(Effect.gen(function*() {
        const [tenant, other] = [freshTenant(), freshTenant()]
        yield* CoConstructionIntents.writeScaffold(tenant)
        yield* CoConstructionIntents.writeScaffold(other)
        const service = yield* CoConstructions.CoConstructions
        const admin = Actor.system(tenant)
        const hexi = Actor.make({ id: "河西街道组织员", tenant, roles: ["party_organiser"], scope: `${tenant}001` })
        const hedong = Actor.make({ id: "河东街道组织员", tenant, roles: ["party_organiser"], scope: `${tenant}002` })
        const viewer = Actor.make({ id: "查看者", tenant, roles: ["viewer"], scope: tenant })
        const stranger = Actor.system(other)
        const [u1, u2, u3] = [1, 2, 3].map((n) => CoConstructionIntents.unit(tenant, n))
        // In street 002: a project under a2 and a meeting's task, to report on and complete.
        yield* service.executeAll(admin, [
          {
            _tag: "StartProject", id: "pr9", agreementId: "a2", title: "健康随访", allocations: [{ needId: "n2", resourceId: "r2", units: 1 }],
            from: "2024-02-01", to: "2024-12-01"
          },
          {
            _tag: "HoldJointMeeting", id: "jm9", streetCode: `${tenant}002`, date: "2024-05-10", topic: "联席会议", units: [u2!],
            decisions: [{ taskId: "k9", text: "随访", due: "2024-08-01" }]
          }
        ])
        // One command of every kind, each about street 002 only (transfers: from it, or into it).
        const aimed: ReadonlyArray<Record<string, unknown>> = [
          { _tag: "EnrolUnit", creditCode: u3, name: "新单位", streetCode: `${tenant}002`, at: "2024-05-01" },
          { _tag: "TransferUnit", creditCode: u2, streetCode: `${tenant}001`, at: "2024-05-01" },
          { _tag: "TransferUnit", creditCode: u1, streetCode: `${tenant}002`, at: "2024-05-01" },
          { _tag: "WithdrawUnit", creditCode: u2, at: "2024-11-01" },
          { _tag: "EnrolMember", memberId: "x2", communityCode: `${tenant}002001`, homeOrganisation: "外单位党支部", at: "2024-05-01" },
          { _tag: "TransferEnrolment", memberId: "m4", communityCode: `${tenant}001001`, at: "2024-05-01" },
          { _tag: "TransferEnrolment", memberId: "m1", communityCode: `${tenant}002001`, at: "2024-05-01" },
          { _tag: "WithdrawMember", memberId: "m4", at: "2024-11-01" },
          { _tag: "SignAgreement", id: "a9", organisationId: "s2", unitCreditCode: u2, unitOrganisation: "医院党委", from: "2024-05-01", to: "2025-01-01" },
          { _tag: "SignAgreement", id: "a9", organisationId: "top", unitCreditCode: u1, unitOrganisation: "供电所党支部", from: "2024-05-01", to: "2025-01-01" },
          { _tag: "ListNeed", id: "n9", gridCode: `${tenant}002001`, category: "health", title: "义诊", quantity: 2, at: "2024-05-01" },
          { _tag: "ListResource", id: "r9", unitCreditCode: u2, gridCode: `${tenant}002`, category: "health", title: "义诊队", capacity: 2, at: "2024-05-01" },
          {
            _tag: "StartProject", id: "pr8", agreementId: "a2", title: "义诊", allocations: [{ needId: "n2", resourceId: "r2", units: 1 }],
            from: "2024-05-01", to: "2024-12-01"
          },
          { _tag: "ReportProgress", projectId: "pr9", on: "2024-06-01", percent: 50 },
          { _tag: "FormTeam", id: "tm9", name: "新志愿队", gridCode: `${tenant}002001`, at: "2024-05-01" },
          { _tag: "OpenPost", id: "ps9", teamId: "tm2", title: "助老", category: "care", capacity: 1, at: "2024-05-01" },
          { _tag: "ClaimPost", postId: "ps2", memberId: "m4", at: "2024-05-01" },
          { _tag: "WithdrawClaim", postId: "ps2", memberId: "m4", at: "2024-06-01" },
          { _tag: "HoldJointMeeting", id: "jm8", streetCode: `${tenant}002`, date: "2024-05-01", topic: "联席会议", units: [u2] },
          { _tag: "CompleteTask", taskId: "k9", at: "2024-06-01" }
        ]
        const refused = (actor: Actor.Actor, input: unknown) =>
          Effect.gen(function*() {
            const before = [yield* CoConstructionIntents.history(tenant), yield* CoConstructionIntents.history(other)]
            const error = yield* Effect.flip(service.executeUnknown(actor, input))
            expect([yield* CoConstructionIntents.history(tenant), yield* CoConstructionIntents.history(other)]).toEqual(before)
            return error
          })
        const filler = { _tag: "FormTeam", id: "tm8", name: "河西志愿队", gridCode: `${tenant}001001`, at: "2024-05-01" }
        expect(new Set(aimed.map((c) => c._tag)).size).toBe(17)
        for (const input of aimed) {
          expect(yield* refused(hexi, input), JSON.stringify(input)).toMatchObject({ _tag: "Forbidden", reason: "scope" })
          // The same in a batch: the row named, nothing written.
          const before = yield* CoConstructionIntents.history(tenant)
          expect(yield* Effect.flip(service.executeAllUnknown(hexi, [filler, input])), JSON.stringify(input)).toMatchObject({
            _tag: "Forbidden", reason: "scope", row: 2
          })
          expect(yield* CoConstructionIntents.history(tenant)).toEqual(before)
          // A viewer may write none of them.
          expect(yield* refused(viewer, input), JSON.stringify(input)).toMatchObject({ _tag: "Forbidden", reason: "role" })
        }
        // A role refusal in a batch names its row too, and nothing is written.
        const unwritten = yield* CoConstructionIntents.history(tenant)
        expect(yield* Effect.flip(service.executeAllUnknown(viewer, [filler, filler]))).toMatchObject({
          _tag: "Forbidden", reason: "role", row: 1
        })
        expect(yield* CoConstructionIntents.history(tenant)).toEqual(unwritten)
        // The viewer reads.
        for (const read of allReads(service, viewer, { at: "2024-06-01" })) yield* read
        // Another tenant's actor: its own tenant holds no such rows; the tenant is untouched.
        expect(yield* refused(stranger, { _tag: "CompleteTask", taskId: "k9", at: "2024-06-01" })).toMatchObject({
          _tag: "RuleViolation", rule: "task.exists"
        })
        expect(yield* refused(stranger, aimed[0])).toMatchObject({ _tag: "Forbidden", reason: "scope" })
        for (const read of allReads(service, stranger, { root: `${tenant}002`, at: "2024-06-01" })) {
          expect(yield* Effect.flip(read)).toMatchObject({ _tag: "Forbidden" })
        }
        // What lies inside goes through: the same commands (but those reaching into
        // street 001 or the whole district) by street 002's organiser, in one batch.
        const crossing = [aimed[1], aimed[2], aimed[5], aimed[6], aimed[9]]
        const inside = aimed.filter((c) => !crossing.includes(c))
        yield* service.executeAllUnknown(hedong, inside)
        const audit = (yield* CoConstructionIntents.history(tenant)).audit
        expect(audit.slice(-inside.length).map((e) => [e.actor, e.action])).toEqual(inside.map((c) => [hedong.id, c._tag]))
      })))
  })
