/**
 * The live co-construction service. Every write goes: decode (ValidationError naming
 * the field and row) → authorize the role (Forbidden) → load the state the rule needs
 * and check the scope of every grid it touches → pure rule (RuleViolation) → write the
 * facts and one audit entry in the same transaction. A refused command writes nothing.
 * Reads decode their arguments the same way and return nothing outside the actor's
 * scope.
 *
 * @since 0.3.0
 */
import { Effect, Layer, Schema } from "effect"
import { AccessPolicy } from "../access/AccessPolicy.js"
import * as Actor from "../access/Actor.js"
import { AuditLog } from "../audit/AuditLog.js"
import * as Decode from "../errors/Decode.js"
import { ValidationError } from "../errors/ValidationError.js"
import { GridCode } from "../grid/Grid.js"
import { GridConfig } from "../grid/GridConfig.js"
import { GridStore } from "../grid/GridStore.js"
import { IdempotencyStore } from "../idempotency/IdempotencyStore.js"
import { ImportLog } from "../imports/ImportLog.js"
import * as Commands from "../internal/commands.js"
import { auditDetail, targetOf } from "../internal/coconstruction/commands.js"
import * as Decide from "../internal/coconstruction/decide.js"
import * as MatchingProblems from "../internal/coconstruction/matching.js"
import { writeSteps } from "../internal/coconstruction/write.js"
import * as Notify from "../notify/Notify.js"
import { servingWithin } from "../internal/organisation/decide.js"
import { validated } from "../internal/validated.js"
import type { OrganisationId } from "../organisation/Organisation.js"
import { OrganisationStore } from "../organisation/OrganisationStore.js"
import { Transactor } from "../store/Transactor.js"
import * as IsoDate from "../time/IsoDate.js"
import type { Agreement } from "./Agreement.js"
import type { CoConstructionChanges } from "./CoConstructionChanges.js"
import { CoConstructionCommand } from "./CoConstructionCommand.js"
import { CoConstructionConfig } from "./CoConstructionConfig.js"
import * as CoConstructionPermission from "./CoConstructionPermission.js"
import {
  type AgreementStatus,
  type CategoryCount,
  CoConstructions,
  type CoConstructionsShape,
  type CoConstructionWriteError,
  type EnrolmentCount,
  type ListStatus,
  type PostStatus
} from "./CoConstructionsService.js"
import { CoConstructionStore } from "./CoConstructionStore.js"
import { groupBy } from "../internal/groupBy.js"
import { stateOn } from "./JointMeeting.js"
import * as Matching from "./Matching.js"
import { agreementProgress, type Progress, progressOn, type Project, type ProjectAllocation } from "./Project.js"
import { peakFrom } from "./Volunteering.js"
import * as Period from "../internal/period.js"

const ReadArguments = Schema.Struct({ root: Schema.optional(GridCode), at: Schema.optional(IsoDate.IsoDate) })
const MeetingArguments = Schema.Struct({ ...ReadArguments.fields, from: IsoDate.IsoDate, to: IsoDate.IsoDate })
const MatchArguments = Schema.Struct({ ...ReadArguments.fields, policy: Schema.optional(Matching.Policy) })


/** Counts of rows by a grid code, ordered by code. */
const countBy = <A>(rows: ReadonlyArray<A>, code: (row: A) => string): ReadonlyArray<EnrolmentCount> => {
  const counts = new Map<string, number>()
  for (const row of rows) counts.set(code(row), (counts.get(code(row)) ?? 0) + 1)
  return Array.from(counts, ([gridCode, count]) => ({ gridCode, count })).sort((a, b) => (a.gridCode < b.gridCode ? -1 : 1))
}

/** Units taken of each need (or resource) by every project. */
const usedBy = (allocations: ReadonlyArray<ProjectAllocation>, key: (a: ProjectAllocation) => string) => {
  const used = new Map<string, number>()
  for (const a of allocations) used.set(key(a), (used.get(key(a)) ?? 0) + a.units)
  return used
}

/**
 * @since 0.3.0
 * @category constructors
 */
export const make: Effect.Effect<
  CoConstructionsShape,
  never,
  | Transactor
  | AuditLog
  | CoConstructionStore
  | OrganisationStore
  | GridStore
  | ImportLog
  | IdempotencyStore
  | GridConfig
  | CoConstructionConfig
> = Effect.gen(function*() {
  const store = yield* CoConstructionStore
  const organisationStore = yield* OrganisationStore
  const grids = yield* GridStore
  const audit = yield* AuditLog
  const transactor = yield* Transactor
  const config = yield* CoConstructionConfig
  const importLog = yield* ImportLog
  const idempotency = yield* IdempotencyStore
  const gridConfig = yield* GridConfig
  const policy = yield* AccessPolicy
  const raise = yield* Notify.raiser
  const writer = Commands.makePlain<CoConstructionCommand, CoConstructionChanges, CoConstructionWriteError, IsoDate.IsoDate>(
    { policy, transactor, importLog, idempotency, audit },
    {
      name: "CoConstructions",
      schema: CoConstructionCommand,
      targetOf,
      auditDetail,
      clock: IsoDate.today,
      decisions: (today) => Decide.make(store, organisationStore, grids, config, gridConfig.scheme, today),
      writeSteps: (actor, changes) => writeSteps(store, actor.tenant, changes, raise)
    }
  )

  /** The read options resolved against the actor: subtree, day, permission. */
  const readScope = (actor: Actor.Actor, input: unknown, schema: Schema.Schema<any, any> = ReadArguments) =>
    Effect.gen(function*() {
      const options = yield* Decode.decode(schema, input === undefined ? {} : input, { field: "options" })
      const root: string = options.root ?? actor.scope
      yield* Actor.authorize(actor, CoConstructionPermission.read, "read", [root], policy)
      const at: IsoDate.IsoDate = options.at ?? (yield* IsoDate.today)
      return { tenant: actor.tenant, root, at, options, under: (code: string) => code.startsWith(root) }
    })
  type Scope = Effect.Effect.Success<ReturnType<typeof readScope>>

  const unitsOn = (s: Scope) => Effect.map(store.enrolments.unitsAt(s.tenant, s.at), (rows) => rows.filter((u) => s.under(u.streetCode)))
  const membersOn = (s: Scope) =>
    Effect.map(store.enrolments.membersAt(s.tenant, s.at), (rows) => rows.filter((m) => s.under(m.communityCode)))

  /** The subtree's agreements signed by the day: those whose organisation serves grids all in it. */
  const agreementsIn = (s: Scope) =>
    Effect.gen(function*() {
      const all = (yield* store.agreements.agreements(s.tenant)).filter((a) => a.from <= s.at)
      const ids = Array.from(new Set(all.map((a) => a.organisationId))) as ReadonlyArray<OrganisationId>
      const versions = ids.length === 0 ? [] : yield* organisationStore.organisations.versionsOf(s.tenant, ids)
      const inside = servingWithin(s.tenant, ids, versions, s.under)
      return all.filter((a) => inside.has(a.organisationId))
    })

  const projectsIn = (s: Scope) =>
    Effect.gen(function*() {
      const agreements = yield* agreementsIn(s)
      const ids = new Set<string>(agreements.map((a) => a.id))
      const projects = (yield* store.agreements.projects(s.tenant)).filter((p) => ids.has(p.agreementId) && p.from <= s.at)
      const reports = projects.length === 0 ? [] : yield* store.agreements.progressOf(s.tenant, projects.map((p) => p.id))
      return { agreements, projects, reportsOf: groupBy(reports, (r) => r.projectId) }
    })

  /** Each item with the units projects took of it and what remains. */
  const listed = <A extends { readonly id: string }>(
    items: ReadonlyArray<A>,
    capacity: (item: A) => number,
    used: Map<string, number>
  ): ReadonlyArray<ListStatus<A>> =>
    items.map((item) => {
      const allocated = used.get(item.id) ?? 0
      return { item, allocated, remaining: capacity(item) - allocated }
    })

  const needsIn = (s: Scope) =>
    Effect.gen(function*() {
      const needs = (yield* store.agreements.needs(s.tenant)).filter((n) => s.under(n.gridCode) && n.listedOn <= s.at)
      const used = usedBy(needs.length === 0 ? [] : yield* store.agreements.allocationsTo(s.tenant, needs.map((n) => n.id)), (a) => a.needId)
      return listed(needs, (n) => n.quantity, used)
    })

  /** The subtree's resources listed by the day; with `above`, those listed for a grid above the subtree's root too. */
  const resourcesIn = (s: Scope, above = false) =>
    Effect.gen(function*() {
      const reaches = (code: string) => s.under(code) || (above && s.root.startsWith(code))
      const resources = (yield* store.agreements.resources(s.tenant)).filter((r) => reaches(r.gridCode) && r.listedOn <= s.at)
      const used = usedBy(
        resources.length === 0 ? [] : yield* store.agreements.allocationsFrom(s.tenant, resources.map((r) => r.id)),
        (a) => a.resourceId
      )
      return listed(resources, (r) => r.capacity, used)
    })

  const teamsIn = (s: Scope) => Effect.map(store.volunteers.teamsAt(s.tenant, s.at), (teams) => teams.filter((t) => s.under(t.gridCode)))

  /** The posts of the subtree's teams opened by the day, each with its team's grid. */
  const openPosts = (s: Scope) =>
    Effect.gen(function*() {
      const teams = new Map((yield* teamsIn(s)).map((t) => [t.id as string, t]))
      const posts = (yield* store.volunteers.posts(s.tenant)).filter((p) => teams.has(p.teamId) && p.openedOn <= s.at)
      return posts.map((post) => ({ post, gridCode: teams.get(post.teamId)!.gridCode }))
    })

  /** The posts of the subtree's teams on the day, with their claims that day and their team's grid. */
  const postsIn = (s: Scope) =>
    Effect.gen(function*() {
      const posts = yield* openPosts(s)
      const ids = new Set<string>(posts.map((p) => p.post.id))
      const claims = (yield* store.volunteers.claimsAt(s.tenant, s.at)).filter((c) => ids.has(c.postId))
      const held = groupBy(claims, (c) => c.postId)
      return { claims, posts: posts.map((p) => ({ ...p, claimed: held.get(p.post.id)?.length ?? 0 })) }
    })

  /** The grid codes of a matching as it reads them (3 digits a level), whatever the scheme. */
  const gridsOf = (codes: ReadonlyArray<string>) => {
    const grid = MatchingProblems.gridCodes(gridConfig.scheme, codes)
    return grid !== undefined ? Effect.succeed(grid) : Effect.fail(
      new ValidationError({
        field: "options.root",
        rule: "matching.grid-scheme",
        message: "options.root: a grid of the subtree has more than 999 children in the matching; match a smaller subtree"
      })
    )
  }

  const agreementStatus = (
    at: IsoDate.IsoDate,
    agreement: Agreement,
    mine: ReadonlyArray<Project>,
    reportsOf: ReadonlyMap<string, ReadonlyArray<Progress>>
  ): AgreementStatus => ({
    agreement,
    running: agreement.from <= at && at < agreement.to,
    projects: mine.length,
    progress: agreementProgress(mine, mine.flatMap((p) => reportsOf.get(p.id) ?? []), at).percent
  })

  const service: CoConstructionsShape = {
    ...writer.methods,

    units: (actor, options) => Effect.flatMap(readScope(actor, options), unitsOn),
    countUnits: (actor, options) =>
      Effect.flatMap(readScope(actor, options), (s) => Effect.map(unitsOn(s), (rows) => countBy(rows, (u) => u.streetCode))),
    members: (actor, options) => Effect.flatMap(readScope(actor, options), membersOn),
    countMembers: (actor, options) =>
      Effect.flatMap(readScope(actor, options), (s) => Effect.map(membersOn(s), (rows) => countBy(rows, (m) => m.communityCode))),
    agreements: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, options)
        const { agreements, projects, reportsOf } = yield* projectsIn(s)
        const byAgreement = groupBy(projects, (p) => p.agreementId)
        return agreements.map((a) => agreementStatus(s.at, a, byAgreement.get(a.id) ?? [], reportsOf))
      }),
    needs: (actor, options) => Effect.flatMap(readScope(actor, options), needsIn),
    resources: (actor, options) => Effect.flatMap(readScope(actor, options), resourcesIn),
    projects: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, options)
        const { projects, reportsOf } = yield* projectsIn(s)
        return projects.map((project) => {
          const percent = progressOn(reportsOf.get(project.id) ?? [], s.at)
          return { project, percent, completed: percent === 100 }
        })
      }),
    teams: (actor, options) => Effect.flatMap(readScope(actor, options), teamsIn),
    posts: (actor, options) =>
      Effect.flatMap(
        readScope(actor, options),
        (s) => Effect.map(postsIn(s), ({ posts }) => posts.map(({ claimed, post }): PostStatus => ({ post, claimed })))
      ),
    postsByCategory: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, options)
        const { posts } = yield* postsIn(s)
        return config.postCategories.map((c): CategoryCount => {
          const mine = posts.filter((p) => p.post.category === c.key)
          return {
            category: c.key,
            zh: c.zh,
            en: c.en,
            posts: mine.length,
            capacity: mine.reduce((n, p) => n + p.post.capacity, 0),
            claimed: mine.reduce((n, p) => n + p.claimed, 0)
          }
        })
      }),
    claims: (actor, options) => Effect.flatMap(readScope(actor, options), (s) => Effect.map(postsIn(s), ({ claims }) => claims)),
    jointMeetings: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, options, MeetingArguments)
        const { from, to } = s.options as { readonly from: IsoDate.IsoDate; readonly to: IsoDate.IsoDate }
        const refused = Period.problem(from, to)
        if (refused !== undefined) return yield* refused
        const meetings = (yield* store.jointMeetings.between(s.tenant, from, to)).filter((m) => s.under(m.streetCode))
        const tasks = meetings.length === 0 ? [] : yield* store.jointMeetings.tasksIn(s.tenant, meetings.map((m) => m.id))
        const byMeeting = groupBy(tasks, (t) => t.meetingId)
        return meetings.map((meeting) => ({
          meeting,
          tasks: (byMeeting.get(meeting.id) ?? []).map((task) => ({ task, state: stateOn(task, meeting.date, s.at) }))
        }))
      }),
    matchNeeds: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, options, MatchArguments)
        const enrolled = new Set<string>((yield* store.enrolments.unitsAt(s.tenant, s.at)).map((u) => u.creditCode))
        const needs = yield* needsIn(s)
        // A street's units serve its communities: resources listed for a grid above the
        // subtree count too.
        const resources = (yield* resourcesIn(s, true)).filter((r) => enrolled.has(r.item.unitCreditCode))
        const policy = (s.options as { readonly policy?: Matching.Policy }).policy ?? Matching.defaultPolicy
        const grid = yield* gridsOf([...needs.map((n) => n.item.gridCode), ...resources.map((r) => r.item.gridCode)])
        return Matching.solve(MatchingProblems.needsProblem(needs, resources, policy, grid))
      }).pipe(Effect.withSpan("CoConstructions.matchNeeds")),
    matchPosts: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, options, MatchArguments)
        const open = yield* openPosts(s)
        // Claims from the day on: a place taken later is not free, a member who claims
        // later is not idle (a claim proposed must pass claim.capacity).
        const claims = open.length === 0 ? [] : yield* store.volunteers.claimsOn(s.tenant, open.map((p) => p.post.id))
        const byPost = groupBy(claims, (c) => c.postId)
        const posts = open.map((p) => ({ ...p, claimed: peakFrom(byPost.get(p.post.id) ?? [], s.at) }))
        const enrolled = yield* membersOn(s)
        const busy = new Set<string>(
          (enrolled.length === 0 ? [] : yield* store.volunteers.claimsOf(s.tenant, enrolled.map((m) => m.memberId)))
            .filter((c) => c.validTo === null || c.validTo > s.at)
            .map((c) => c.memberId)
        )
        const members = enrolled.filter((m) => !busy.has(m.memberId))
        const policy = (s.options as { readonly policy?: Matching.Policy }).policy ?? MatchingProblems.postPolicy(config)
        const grid = yield* gridsOf([...members.map((m) => m.communityCode), ...posts.map((p) => p.gridCode)])
        return Matching.solve(MatchingProblems.postsProblem(members, posts, policy, grid))
      }).pipe(Effect.withSpan("CoConstructions.matchPosts"))
  }
  return validated(service, policy, gridConfig.scheme)
})

/**
 * The policy `matchPosts` uses unless given one: every skill a post asks for covered,
 * a member's preferred category in full and any other at `otherCredit` percent (50),
 * then the proximity of the post's team to the member's community.
 *
 * @since 0.3.0
 * @category matching
 */
export const postPolicy = MatchingProblems.postPolicy

/**
 * The live service over the co-construction, organisation and grid ports, the
 * co-construction policy and the grid policy, and the access policy when one is
 * provided (the default roles otherwise).
 *
 * @since 0.3.0
 * @category layers
 */
export const layer: Layer.Layer<
  CoConstructions,
  never,
  | Transactor
  | AuditLog
  | CoConstructionStore
  | OrganisationStore
  | GridStore
  | ImportLog
  | IdempotencyStore
  | GridConfig
  | CoConstructionConfig
> = Layer.effect(CoConstructions, make)

export {
  /** @since 0.3.0 */
  type AgreementStatus,
  /** @since 0.3.0 */
  type CategoryCount,
  /** @since 0.3.0 */
  type CoConstructionReadError,
  /**
   * The service tag.
   *
   * @since 0.3.0
   * @category tags
   */
  CoConstructions,
  /** @since 0.3.0 */
  type CoConstructionsShape,
  /** @since 0.3.0 */
  type CoConstructionWriteError,
  /** @since 0.3.0 */
  type EnrolmentCount,
  /** @since 0.3.0 */
  type ListStatus,
  /** @since 0.3.0 */
  type MatchOptions,
  /** @since 0.3.0 */
  type MeetingOptions,
  /** @since 0.3.0 */
  type MeetingStatus,
  /** @since 0.3.0 */
  type PostStatus,
  /** @since 0.3.0 */
  type ProjectStatus,
  /** @since 0.3.0 */
  type ReadOptions
} from "./CoConstructionsService.js"
