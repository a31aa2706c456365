/**
 * The memory store's co-construction domain: units' and members' enrolments,
 * agreements, needs, resources, projects with their allocations and progress, volunteer
 * teams, posts and claims, and joint meetings with their tasks, in persistent sorted
 * tables per tenant. Each table is keyed as its SQL table is, and each secondary index
 * leads with what the SQL store's index does, so every read is a key range.
 *
 * @since 0.3.0
 */
import { Effect, Either, Layer } from "effect"
import type { Agreement } from "../coconstruction/Agreement.js"
import { CoConstructionStore, type CoConstructionStoreShape } from "../coconstruction/CoConstructionStore.js"
import type { MemberEnrolment, UnitEnrolment } from "../coconstruction/Enrolment.js"
import type { JointMeeting, Task } from "../coconstruction/JointMeeting.js"
import type { Need } from "../coconstruction/Need.js"
import { allocationRows, type Progress, type Project, type ProjectAllocation } from "../coconstruction/Project.js"
import type { Resource } from "../coconstruction/Resource.js"
import type { Claim, Post, Team } from "../coconstruction/Volunteering.js"
import { emptyTables, getMany, tableWrites, type Tables, validAt, withFirstOf } from "../internal/memoryTables.js"
import * as SortedIndex from "../internal/SortedIndex.js"
import type * as Table from "../internal/Table.js"
import { MemoryTransactor, tenantCell } from "./MemoryTransactor.js"

const { key } = SortedIndex

/** A table with no secondary index. */
const keyedBy = <A>(primary: (row: A) => string): Table.Layout<A, never> => ({ primary, indexes: {} })

/** Rows whose primary key is their id. */
const byId = <A extends { readonly id: string }>(): Table.Layout<A, never> => keyedBy<A>((row) => row.id)

/** The order of meeting lists: date, then id. */
const byDate = (m: JointMeeting): string => key(m.date, m.id)

/**
 * Unit enrolments by credit code then validFrom; member enrolments by member then
 * validFrom; allocations by need, project, resource and by resource, project, need;
 * progress by project then day (one report a day); claims by post, member, validFrom and
 * by member, post, validFrom; meetings by id and by date then id; tasks by id and by
 * meeting then id; every other row by its id.
 */
const layouts = {
  unitEnrolments: keyedBy<UnitEnrolment>((e) => key(e.creditCode, e.validFrom)),
  memberEnrolments: keyedBy<MemberEnrolment>((e) => key(e.memberId, e.validFrom)),
  agreements: byId<Agreement>(),
  needs: byId<Need>(),
  resources: byId<Resource>(),
  projects: byId<Project>(),
  allocations: {
    primary: (a) => key(a.needId, a.projectId, a.resourceId),
    indexes: { resource: (a) => key(a.resourceId, a.projectId, a.needId) }
  } satisfies Table.Layout<ProjectAllocation, "resource">,
  progress: keyedBy<Progress>((p) => key(p.projectId, p.on)),
  teams: byId<Team>(),
  posts: byId<Post>(),
  claims: {
    primary: (c) => key(c.postId, c.memberId, c.validFrom),
    indexes: { member: (c) => key(c.memberId, c.postId, c.validFrom) }
  } satisfies Table.Layout<Claim, "member">,
  jointMeetings: { primary: (m) => m.id, indexes: { date: byDate } } satisfies Table.Layout<JointMeeting, "date">,
  tasks: {
    primary: (t) => t.id,
    indexes: { meeting: (t) => key(t.meetingId, t.id) }
  } satisfies Table.Layout<Task, "meeting">
}

type TenantState = Tables<typeof layouts>

/**
 * @since 0.3.0
 * @category constructors
 */
export const make: Effect.Effect<CoConstructionStoreShape, never, MemoryTransactor> = Effect.gen(function*() {
  const transactor = yield* MemoryTransactor
  const cell = tenantCell<TenantState>(transactor, emptyTables(layouts))
  const { read } = cell
  const { close, insert, insertNew, put } = tableWrites(layouts, cell)

  return {
    enrolments: {
      addUnits: (rows) => insert("enrolments.addUnits", "unitEnrolments", rows),
      closeUnits: (tenant, keys, validTo) =>
        close("unitEnrolments", tenant, keys.map((k) => key(k.creditCode, k.validFrom)), validTo),
      unitsOf: (tenant, codes) => read(tenant, (s) => withFirstOf(s.unitEnrolments.rows, codes)),
      unitsAt: (tenant, at) => read(tenant, (s) => SortedIndex.values(s.unitEnrolments.rows).filter(validAt(at))),

      addMembers: (rows) => insert("enrolments.addMembers", "memberEnrolments", rows),
      closeMembers: (tenant, keys, validTo) =>
        close("memberEnrolments", tenant, keys.map((k) => key(k.memberId, k.validFrom)), validTo),
      membersOf: (tenant, ids) => read(tenant, (s) => withFirstOf(s.memberEnrolments.rows, ids)),
      membersAt: (tenant, at) => read(tenant, (s) => SortedIndex.values(s.memberEnrolments.rows).filter(validAt(at)))
    },
    agreements: {
      addAgreements: (rows) => insert("agreements.addAgreements", "agreements", rows),
      agreementsOf: (tenant, ids) => read(tenant, (s) => getMany(s.agreements, ids)),
      agreements: (tenant) => read(tenant, (s) => SortedIndex.values(s.agreements.rows)),

      addNeeds: (rows) => insert("agreements.addNeeds", "needs", rows),
      needsOf: (tenant, ids) => read(tenant, (s) => getMany(s.needs, ids)),
      needs: (tenant) => read(tenant, (s) => SortedIndex.values(s.needs.rows)),

      addResources: (rows) => insert("agreements.addResources", "resources", rows),
      resourcesOf: (tenant, ids) => read(tenant, (s) => getMany(s.resources, ids)),
      resources: (tenant) => read(tenant, (s) => SortedIndex.values(s.resources.rows)),

      // A project and its allocations are written in one step: both or neither.
      addProjects: (rows) =>
        cell.modifyRows(rows, (s, mine) =>
          Either.flatMap(
            insertNew("agreements.addProjects", "projects", s, mine),
            (next) => insertNew("agreements.addProjects", "allocations", next, mine.flatMap(allocationRows))
          )),
      projectsOf: (tenant, ids) => read(tenant, (s) => getMany(s.projects, ids)),
      projects: (tenant) => read(tenant, (s) => SortedIndex.values(s.projects.rows)),
      allocationsTo: (tenant, ids) => read(tenant, (s) => withFirstOf(s.allocations.rows, ids)),
      allocationsFrom: (tenant, ids) => read(tenant, (s) => withFirstOf(s.allocations.by.resource, ids)),

      putProgress: (rows) => put("progress", rows),
      progressOf: (tenant, ids) => read(tenant, (s) => withFirstOf(s.progress.rows, ids)),
      progress: (tenant) => read(tenant, (s) => SortedIndex.values(s.progress.rows))
    },
    volunteers: {
      addTeams: (rows) => insert("volunteers.addTeams", "teams", rows),
      teamsOf: (tenant, ids) => read(tenant, (s) => getMany(s.teams, ids)),
      teamsAt: (tenant, at) => read(tenant, (s) => SortedIndex.values(s.teams.rows).filter(validAt(at))),

      addPosts: (rows) => insert("volunteers.addPosts", "posts", rows),
      postsOf: (tenant, ids) => read(tenant, (s) => getMany(s.posts, ids)),
      posts: (tenant) => read(tenant, (s) => SortedIndex.values(s.posts.rows)),

      addClaims: (rows) => insert("volunteers.addClaims", "claims", rows),
      closeClaims: (tenant, keys, validTo) =>
        close("claims", tenant, keys.map((k) => key(k.postId, k.memberId, k.validFrom)), validTo),
      claimsOn: (tenant, ids) => read(tenant, (s) => withFirstOf(s.claims.rows, ids)),
      claimsOf: (tenant, ids) => read(tenant, (s) => withFirstOf(s.claims.by.member, ids)),
      claimsAt: (tenant, at) => read(tenant, (s) => SortedIndex.values(s.claims.rows).filter(validAt(at)))
    },
    jointMeetings: {
      add: (rows) => insert("jointMeetings.add", "jointMeetings", rows),
      getMany: (tenant, ids) => read(tenant, (s) => getMany(s.jointMeetings, ids)),
      between: (tenant, from, to) => read(tenant, (s) => SortedIndex.between(s.jointMeetings.by.date, from, to)),

      putTasks: (rows) => put("tasks", rows),
      tasksOf: (tenant, ids) => read(tenant, (s) => getMany(s.tasks, ids)),
      tasksIn: (tenant, ids) => read(tenant, (s) => withFirstOf(s.tasks.by.meeting, ids))
    }
  }
})

/**
 * @since 0.3.0
 * @category layers
 */
export const layer: Layer.Layer<CoConstructionStore, never, MemoryTransactor> = Layer.effect(CoConstructionStore, make)
