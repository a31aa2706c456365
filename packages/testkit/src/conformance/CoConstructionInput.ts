/**
 * Bad input through the co-construction service, on any store: every malformed
 * command, batch or read argument — an invalid credit code, a bad grid code, an empty
 * name, a date that does not exist, an unknown `_tag` — is a `ValidationError` naming
 * the field (and row) and writes nothing; commands naming an organisation, agreement,
 * post or other record that does not exist, and the cases the issue names (a second
 * community, a claim or project over a capacity, dates on each side of a term), are
 * each a `RuleViolation` naming its rule and field, and write nothing, alone or as a row
 * of a batch.
 *
 * @since 0.3.0
 */
import { describe, expect, it } from "@effect/vitest"
import { Actor, CoConstructions } from "@jiceng/core"
import { Effect } from "effect"
import * as CoConstructionIntents from "../arbitraries/CoConstructionIntents.js"
import type { sharedStore } from "./coConstructionSupport.js"
import { freshTenant } from "./coConstructionSupport.js"

/**
 * An error's fields a case names, as a plain object: a failed match then prints a plain
 * diff (the diff of an Effect error itself overflows the stack).
 */
const fields = (error: unknown, expected: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.keys(expected).map((k) => [k, (error as Record<string, unknown>)[k]]))

/**
 * Registers the suite for one store; `provide` runs a test's effect over it.
 *
 * @since 0.3.0
 * @category suites
 */
export const coConstructionInput = (name: string, provide: ReturnType<typeof sharedStore>) =>
  describe(`${name}: co-construction bad input and unknown ids`, () => {
    const setup = Effect.gen(function*() {
      const tenant = freshTenant()
      yield* CoConstructionIntents.writeScaffold(tenant)
      const service = yield* CoConstructions.CoConstructions
      const admin = Actor.system(tenant)
      /** Runs a write that must be refused; checks that nothing was written and returns the error. */
      const refused = (write: Effect.Effect<unknown, unknown>) =>
        Effect.gen(function*() {
          const before = yield* CoConstructionIntents.history(tenant)
          const error = yield* Effect.flip(write)
          expect(yield* CoConstructionIntents.history(tenant)).toEqual(before)
          return error as { readonly _tag: string; readonly field?: string; readonly message: string }
        })
      const [u1, u2, u3] = [1, 2, 3].map((n) => CoConstructionIntents.unit(tenant, n) as string)
      const commands = {
        enrolUnit: { _tag: "EnrolUnit", creditCode: u3, name: "新单位", streetCode: `${tenant}001`, at: "2024-05-01" },
        enrolMember: {
          _tag: "EnrolMember", memberId: "x2", communityCode: `${tenant}001001`, homeOrganisation: "外单位党支部", skills: ["law"], at: "2024-05-01"
        },
        sign: { _tag: "SignAgreement", id: "a9", organisationId: "c1", unitCreditCode: u1, unitOrganisation: "供电所党支部", from: "2024-05-01", to: "2025-01-01" },
        need: { _tag: "ListNeed", id: "n9", gridCode: `${tenant}001001`, category: "health", title: "义诊", quantity: 2, at: "2024-05-01" },
        resource: { _tag: "ListResource", id: "r9", unitCreditCode: u1, gridCode: `${tenant}001`, category: "health", title: "义诊队", capacity: 2, at: "2024-05-01" },
        project: {
          _tag: "StartProject", id: "pr9", agreementId: "a1", title: "线路巡检", allocations: [{ needId: "n1", resourceId: "r1", units: 1 }],
          from: "2024-05-01", to: "2024-12-01"
        },
        progress: { _tag: "ReportProgress", projectId: "pr1", on: "2024-06-01", percent: 50 },
        team: { _tag: "FormTeam", id: "tm9", name: "新志愿队", gridCode: `${tenant}001001`, at: "2024-05-01" },
        post: { _tag: "OpenPost", id: "ps9", teamId: "tm1", title: "助老", category: "care", capacity: 1, at: "2024-05-01" },
        claim: { _tag: "ClaimPost", postId: "ps2", memberId: "m4", at: "2024-05-01" },
        meeting: {
          _tag: "HoldJointMeeting", id: "jm9", streetCode: `${tenant}001`, date: "2024-05-10", topic: "联席会议", units: [u1],
          decisions: [{ taskId: "k9", text: "巡检", due: "2024-08-01" }]
        },
        complete: { _tag: "CompleteTask", taskId: "k1", at: "2024-06-01" }
      }
      return { tenant, service, admin, refused, commands, u1: u1!, u2: u2!, u3: u3! }
    })

    it.effect("malformed commands: a ValidationError naming the field, nothing written", () =>
      provide(Effect.gen(function*() {
        const { admin, commands: c, refused, service, tenant, u3 } = yield* setup
        const { name: _, ...nameless } = c.enrolUnit
        const wrongCheck = u3.slice(0, 17) + (u3.endsWith("0") ? "1" : "0")
        const cases: ReadonlyArray<readonly [unknown, Record<string, unknown>]> = [
          [null, { field: "(input)" }],
          [[c.enrolUnit], { field: "_tag", rule: "schema.missing" }],
          [{ ...c.enrolUnit, _tag: "EnrolUnits" }, { field: "_tag" }],
          [{ ...c.enrolUnit, _tag: undefined }, { field: "_tag" }],
          [{ ...c.enrolUnit, street_code: `${tenant}001` }, { field: "street_code", rule: "schema.unknown-key" }],
          [nameless, { field: "name", rule: "schema.missing" }],
          // Invalid credit codes, wherever one goes.
          [{ ...c.enrolUnit, creditCode: wrongCheck }, { field: "creditCode", rule: "credit-code.check-character" }],
          [{ ...c.enrolUnit, creditCode: u3.slice(0, 17) }, { field: "creditCode", rule: "credit-code.format" }],
          [{ ...c.enrolUnit, creditCode: u3.replace("MA", "MI") }, { field: "creditCode", rule: "credit-code.format" }],
          [{ ...c.enrolUnit, creditCode: 91 }, { field: "creditCode", rule: "schema.type" }],
          [{ ...c.enrolMember, unitCreditCode: wrongCheck }, { field: "unitCreditCode", rule: "credit-code.check-character" }],
          [{ ...c.sign, unitCreditCode: "" }, { field: "unitCreditCode" }],
          [{ ...c.resource, unitCreditCode: wrongCheck }, { field: "unitCreditCode", rule: "credit-code.check-character" }],
          [{ ...c.meeting, units: [c.meeting.units[0], wrongCheck] }, { field: "units.1", rule: "credit-code.check-character" }],
          [{ ...c.meeting, decisions: [{ ...c.meeting.decisions[0], unitCreditCode: wrongCheck }] }, {
            field: "decisions.0.unitCreditCode", rule: "credit-code.check-character"
          }],
          // Bad grid codes.
          [{ ...c.enrolUnit, streetCode: `${tenant}00a` }, { field: "streetCode", rule: "grid.code-format" }],
          [{ ...c.enrolUnit, streetCode: "１３１１０２００１" }, { field: "streetCode", rule: "grid.code-format" }],
          [{ ...c.enrolMember, communityCode: "" }, { field: "communityCode", rule: "grid.code-format" }],
          [{ ...c.need, gridCode: 131102001001 }, { field: "gridCode", rule: "schema.type" }],
          [{ ...c.team, gridCode: `${tenant}001001 ` }, { field: "gridCode", rule: "grid.code-format" }],
          // Empty, too long and control-character text.
          [{ ...c.enrolUnit, name: "" }, { field: "name", rule: "text.empty" }],
          [{ ...c.team, name: "" }, { field: "name", rule: "text.empty" }],
          [{ ...c.enrolMember, homeOrganisation: "" }, { field: "homeOrganisation", rule: "text.empty" }],
          [{ ...c.enrolMember, memberId: "" }, { field: "memberId", rule: "text.empty" }],
          [{ ...c.enrolMember, skills: ["law", ""] }, { field: "skills.1", rule: "text.empty" }],
          [{ ...c.sign, unitOrganisation: "党\u0000委" }, { field: "unitOrganisation", rule: "text.control" }],
          [{ ...c.need, title: "t".repeat(201) }, { field: "title", rule: "text.length" }],
          [{ ...c.post, title: "\u202e岗位" }, { field: "title", rule: "text.bidi" }],
          [{ ...c.meeting, topic: "会\ud800议" }, { field: "topic", rule: "text.surrogate" }],
          [{ ...c.sign, commitments: { organisation: [""], members: [], resources: [], matters: [] } }, { field: "commitments.organisation.0" }],
          // Dates that do not exist, or are not dates.
          [{ ...c.enrolUnit, at: "2023-02-29" }, { field: "at", rule: "date.format" }],
          [{ ...c.enrolMember, at: "2024-13-01" }, { field: "at", rule: "date.format" }],
          [{ ...c.sign, to: "2025-02-30" }, { field: "to", rule: "date.format" }],
          [{ ...c.project, from: "2024-5-01" }, { field: "from", rule: "date.format" }],
          [{ ...c.progress, on: "" }, { field: "on", rule: "date.format" }],
          [{ ...c.meeting, date: "2024-02-30" }, { field: "date", rule: "date.format" }],
          [{ ...c.meeting, decisions: [{ ...c.meeting.decisions[0], due: "2024-06-31" }] }, { field: "decisions.0.due", rule: "date.format" }],
          [{ ...c.complete, at: 20240601 }, { field: "at", rule: "schema.type" }],
          // Numbers out of range.
          [{ ...c.need, quantity: 0 }, { field: "quantity" }],
          [{ ...c.need, quantity: 1.5 }, { field: "quantity" }],
          [{ ...c.need, priority: 101 }, { field: "priority" }],
          [{ ...c.resource, capacity: -1 }, { field: "capacity" }],
          [{ ...c.resource, capacity: Number.NaN }, { field: "capacity" }],
          [{ ...c.post, capacity: 10_001 }, { field: "capacity" }],
          [{ ...c.progress, percent: 101 }, { field: "percent" }],
          [{ ...c.progress, percent: "50" }, { field: "percent", rule: "schema.type" }],
          [{ ...c.project, weight: 0 }, { field: "weight" }],
          [{ ...c.project, allocations: [] }, { field: "allocations" }],
          [{ ...c.project, allocations: [{ needId: "n1", resourceId: "r1", units: 0 }] }, { field: "allocations.0.units" }],
          [{ ...c.project, allocations: [{ needId: "n1", units: 1 }] }, { field: "allocations.0.resourceId", rule: "schema.missing" }],
          [{ ...c.meeting, units: u3 }, { field: "units", rule: "schema.type" }]
        ]
        for (const [input, expected] of cases) {
          const error = yield* refused(service.executeUnknown(admin, input))
          const want = { _tag: "ValidationError", ...expected }
          expect(fields(error, want), JSON.stringify(input)?.slice(0, 300)).toEqual(want)
          // The message names the field and never repeats a long value.
          expect(error.message.startsWith(`${error.field}:`), error.message).toBe(true)
          expect(error.message.length).toBeLessThan(400)
        }
        // The well-formed commands the cases spoil are accepted.
        yield* service.executeAll(admin, Object.values(c) as never)
      })))

    it.effect("batches: not an array, or a bad row in the middle: nothing written, the row named", () =>
      provide(Effect.gen(function*() {
        const { admin, commands: c, refused, service, u3 } = yield* setup
        for (const batch of [null, {}, 5, "[]", c.team]) {
          expect(yield* refused(service.executeAllUnknown(admin, batch))).toMatchObject({
            _tag: "ValidationError", field: "(input)", rule: "batch.array"
          })
        }
        const ok = (i: number) => ({ ...c.team, id: `ok${i}` })
        const rows = (bad: unknown) => [ok(1), ok(2), bad, ok(4)]
        const wrongCheck = u3.slice(0, 17) + (u3.endsWith("0") ? "1" : "0")
        for (
          const [bad, want] of [
            [{ ...c.enrolUnit, creditCode: wrongCheck }, { field: "creditCode", rule: "credit-code.check-character" }],
            [{ ...c.need, gridCode: "13a" }, { field: "gridCode", rule: "grid.code-format" }],
            [{ ...c.team, name: "" }, { field: "name", rule: "text.empty" }],
            [{ ...c.progress, on: "2023-02-29" }, { field: "on", rule: "date.format" }],
            [{ ...c.team, _tag: "FormTeams" }, { field: "_tag" }]
          ] as const
        ) {
          const error = yield* refused(service.executeAllUnknown(admin, rows(bad)))
          const expected = { _tag: "ValidationError", ...want, row: 3 }
          expect(fields(error, expected), JSON.stringify(bad)).toEqual(expected)
        }
        // A row a rule refuses only because of an earlier row of the same batch.
        expect(yield* refused(service.executeAllUnknown(admin, [ok(1), ok(2), ok(1), ok(4)]))).toMatchObject({
          _tag: "RuleViolation", rule: "team.id-unique", field: "id", row: 3
        })
        expect(yield* refused(service.executeAllUnknown(admin, [c.enrolUnit, ok(2), { ...c.enrolUnit, at: "2024-06-01" }]))).toMatchObject({
          _tag: "RuleViolation", rule: "unit-enrolment.once", row: 3
        })
        expect(yield* service.executeAllUnknown(admin, [])).toEqual([])
      })))

    it.effect("unknown organisations, agreements, posts and other ids: a RuleViolation naming its rule and field, nothing written, alone or in a batch", () =>
      provide(Effect.gen(function*() {
        const { admin, commands: c, refused, service, u3 } = yield* setup
        const cases: ReadonlyArray<readonly [string, string, unknown]> = [
          ["agreement.organisation", "organisationId", { ...c.sign, organisationId: "nowhere" }],
          ["project.agreement", "agreementId", { ...c.project, agreementId: "nowhere" }],
          ["claim.post", "postId", { ...c.claim, postId: "nowhere" }],
          ["post.team", "teamId", { ...c.post, teamId: "nowhere" }],
          ["progress.project", "projectId", { ...c.progress, projectId: "nowhere" }],
          ["task.exists", "taskId", { ...c.complete, taskId: "nowhere" }],
          ["project.need", "allocations.0.needId", { ...c.project, allocations: [{ needId: "nowhere", resourceId: "r1", units: 1 }] }],
          ["project.resource", "allocations.0.resourceId", { ...c.project, allocations: [{ needId: "n1", resourceId: "nowhere", units: 1 }] }],
          ["unit-enrolment.exists", "creditCode", { _tag: "TransferUnit", creditCode: u3, streetCode: c.enrolUnit.streetCode, at: "2024-05-01" }],
          ["unit-enrolment.exists", "creditCode", { _tag: "WithdrawUnit", creditCode: u3, at: "2024-05-01" }],
          ["enrolment.exists", "memberId", { _tag: "WithdrawMember", memberId: "nobody", at: "2024-05-01" }],
          ["enrolment.exists", "memberId", { _tag: "TransferEnrolment", memberId: "nobody", communityCode: c.enrolMember.communityCode, at: "2024-05-01" }],
          ["claim.exists", "postId", { _tag: "WithdrawClaim", postId: "nowhere", memberId: "m1", at: "2024-05-01" }],
          ["claim.enrolled", "memberId", { ...c.claim, memberId: "nobody" }],
          ["agreement.unit-enrolled", "unitCreditCode", { ...c.sign, unitCreditCode: u3 }],
          ["resource.unit-enrolled", "unitCreditCode", { ...c.resource, unitCreditCode: u3 }],
          ["joint-meeting.unit-enrolled", "units.0", { ...c.meeting, units: [u3] }],
          ["unit-enrolment.street", "streetCode", { ...c.enrolUnit, streetCode: `${c.enrolUnit.streetCode}9` }],
          ["enrolment.community", "communityCode", { ...c.enrolMember, communityCode: `${c.enrolMember.communityCode.slice(0, -1)}9` }],
          ["need.grid", "gridCode", { ...c.need, gridCode: `${c.need.gridCode}009` }],
          ["team.grid", "gridCode", { ...c.team, gridCode: c.enrolUnit.streetCode }],
          ["joint-meeting.street", "streetCode", { ...c.meeting, streetCode: c.need.gridCode }]
        ]
        const filler = (i: number) => ({ ...c.team, id: `f${i}` })
        for (const [rule, field, input] of cases) {
          const alone = yield* refused(service.executeUnknown(admin, input))
          const want = { _tag: "RuleViolation", rule, field }
          expect(fields(alone, want), rule).toEqual(want)
          const inBatch = yield* refused(service.executeAllUnknown(admin, [filler(1), filler(2), input, filler(3)]))
          expect(fields(inBatch, { ...want, row: 0 }), rule).toEqual({ ...want, row: 3 })
        }
      })))

    it.effect("the issue's cases at their boundaries: each a RuleViolation naming its rule and field, nothing written; the day that is allowed goes through", () =>
      provide(Effect.gen(function*() {
        const { admin, commands: c, refused, service, tenant, u2 } = yield* setup
        // A need of 001001 with room to spare, so that r1's capacity is what refuses; and a
        // project running past today, to report on.
        yield* service.executeAll(admin, [
          { ...c.need, id: "n8", quantity: 10, at: "2024-01-01" },
          { ...c.resource, id: "r8", capacity: 10, at: "2024-05-01" },
          { ...c.sign, id: "a8", to: "2025-06-01" },
          { ...c.project, id: "pr8", agreementId: "a8", allocations: [{ needId: "n8", resourceId: "r8", units: 1 }], to: "2025-06-01" }
        ] as never)
        const cases: ReadonlyArray<readonly [string, string, unknown, unknown]> = [
          // m1 is enrolled with 001001 from 2023-06-01: a second community, at once or later.
          ["enrolment.one-community", "memberId", { ...c.enrolMember, memberId: "m1", homeOrganisation: null, communityCode: `${tenant}001002` }, undefined],
          // u1 is enrolled with street 001: a second street.
          ["unit-enrolment.once", "creditCode", { ...c.enrolUnit, creditCode: c.sign.unitCreditCode, streetCode: `${tenant}002` }, undefined],
          // m2 is a member of b1: their organisation is known; x2 is not, and names none.
          ["enrolment.home", "homeOrganisation", { ...c.enrolMember, memberId: "m2" }, { ...c.enrolMember, memberId: "m2", homeOrganisation: null }],
          ["enrolment.home", "homeOrganisation", { ...c.enrolMember, homeOrganisation: null }, c.enrolMember],
          // 001003 runs from 2024-03-01 to 2024-09-01.
          ["enrolment.community", "communityCode", { ...c.enrolMember, communityCode: `${tenant}001003`, at: "2024-02-29" }, {
            ...c.enrolMember, communityCode: `${tenant}001003`, at: "2024-03-01"
          }],
          ["enrolment.community", "communityCode", { ...c.enrolMember, communityCode: `${tenant}001003`, at: "2024-09-01" }, {
            ...c.enrolMember, communityCode: `${tenant}001003`, at: "2024-08-31"
          }],
          // ps1 takes one volunteer and m1 holds it.
          ["claim.capacity", "postId", { _tag: "ClaimPost", postId: "ps1", memberId: "x1", skills: ["electrician"], at: "2024-05-01" }, {
            _tag: "ClaimPost", postId: "ps2", memberId: "x1", at: "2024-05-01"
          }],
          ["claim.skills", "skills", { _tag: "ClaimPost", postId: "ps1", memberId: "m4", at: "2024-05-01" }, undefined],
          ["claim.once", "memberId", { _tag: "ClaimPost", postId: "ps1", memberId: "m1", at: "2024-06-01" }, undefined],
          // r1 has 3 units, 2 of them with pr1; n1 asks for 4, 2 of them given; r8 has 10.
          ["project.capacity", "allocations.0.units", { ...c.project, allocations: [{ needId: "n8", resourceId: "r1", units: 2 }] }, {
            ...c.project, allocations: [{ needId: "n8", resourceId: "r1", units: 1 }]
          }],
          // The second allocation takes r1 past its capacity: the refusal names it.
          ["project.capacity", "allocations.1.units", {
            ...c.project, allocations: [{ needId: "n1", resourceId: "r1", units: 1 }, { needId: "n8", resourceId: "r1", units: 1 }]
          }, undefined],
          ["project.quantity", "allocations.0.units", { ...c.project, allocations: [{ needId: "n1", resourceId: "r8", units: 3 }] }, {
            ...c.project, allocations: [{ needId: "n1", resourceId: "r8", units: 2 }]
          }],
          // a1 runs from 2024-01-01 to 2025-01-01.
          ["project.term", "from", { ...c.project, from: "2023-12-31" }, { ...c.project, from: "2024-01-01" }],
          ["project.term", "to", { ...c.project, to: "2025-01-02" }, { ...c.project, to: "2025-01-01" }],
          ["project.term", "to", { ...c.project, to: c.project.from }, undefined],
          ["agreement.term", "to", { ...c.sign, to: c.sign.from }, undefined],
          // t1 is a temporary branch.
          ["agreement.organisation", "organisationId", { ...c.sign, organisationId: "t1" }, undefined],
          ["post.category", "category", { ...c.post, category: "party" }, undefined],
          ["enrolment.interest", "interest", { ...c.enrolMember, interest: "party" }, { ...c.enrolMember, interest: "care" }],
          // Today is 2024-12-31.
          ["joint-meeting.future", "date", { ...c.meeting, date: "2025-01-01" }, { ...c.meeting, date: "2024-12-31", decisions: [] }],
          ["progress.future", "on", { ...c.progress, projectId: "pr8", on: "2025-01-01" }, { ...c.progress, projectId: "pr8", on: "2024-12-31" }],
          ["task.future", "at", { ...c.complete, at: "2025-01-01" }, { ...c.complete, at: "2024-12-31" }],
          ["task.before-meeting", "at", { ...c.complete, at: "2024-04-09" }, { ...c.complete, at: "2024-04-10" }],
          ["progress.decrease", "percent", { ...c.progress, percent: 29 }, { ...c.progress, percent: 30 }],
          // pr1 runs from 2024-02-01 to 2024-10-01 and was reported on 2024-03-01.
          ["progress.span", "on", { ...c.progress, on: "2024-01-31" }, undefined],
          ["progress.span", "on", { ...c.progress, on: "2024-10-01" }, { ...c.progress, on: "2024-09-30" }],
          ["progress.backdated", "on", { ...c.progress, on: "2024-02-29" }, { ...c.progress, on: "2024-03-01" }],
          ["joint-meeting.due", "decisions.0.due", { ...c.meeting, decisions: [{ ...c.meeting.decisions[0], due: "2024-05-09" }] }, {
            ...c.meeting, decisions: [{ ...c.meeting.decisions[0], due: "2024-05-10" }]
          }],
          ["joint-meeting.unit-enrolled", "units.0", { ...c.meeting, date: "2023-05-31" }, { ...c.meeting, date: "2023-06-01" }],
          // A task's unit was at the meeting.
          ["joint-meeting.task-unit", "decisions.0.unitCreditCode", {
            ...c.meeting, decisions: [{ ...c.meeting.decisions[0], unitCreditCode: u2 }]
          }, { ...c.meeting, decisions: [{ ...c.meeting.decisions[0], unitCreditCode: c.resource.unitCreditCode }] }]
        ]
        const filler = (i: number) => ({ ...c.team, id: `f${i}` })
        for (const [rule, field, input, allowed] of cases) {
          const alone = yield* refused(service.executeUnknown(admin, input))
          const want = { _tag: "RuleViolation", rule, field }
          expect(fields(alone, want), rule).toEqual(want)
          const inBatch = yield* refused(service.executeAllUnknown(admin, [filler(1), filler(2), input, filler(3)]))
          expect(fields(inBatch, { ...want, row: 0 }), rule).toEqual({ ...want, row: 3 })
          if (allowed !== undefined) {
            // The neighbouring day (or amount) goes through, in a batch that a later row's
            // rule refuses, so that nothing is written.
            const later = yield* refused(service.executeAllUnknown(admin, [allowed, { ...filler(4), id: "tm1" }]))
            expect(fields(later, { rule: 0, row: 0 }), rule).toEqual({ rule: "team.id-unique", row: 2 })
          }
        }
      })))

    it.effect("malformed read arguments: a ValidationError naming the field", () =>
      provide(Effect.gen(function*() {
        const { admin, service } = yield* setup
        const reads: ReadonlyArray<readonly [Effect.Effect<unknown, unknown>, string]> = [
          [service.units(admin, { at: "2023-02-29" }), "options.at"],
          [service.members(admin, { root: "x" }), "options.root"],
          [service.needs(admin, { valid_at: "2024-01-01" } as never), "options.valid_at"],
          [service.resources(admin, null as never), "options"],
          [service.teams(admin, { at: 5 } as never), "options.at"],
          [service.posts(admin, { root: "１３１１０２" }), "options.root"],
          [service.jointMeetings(admin, { from: "2024-13-01", to: "2025-01-01" }), "options.from"],
          [service.jointMeetings(admin, { from: "2024-01-01", to: "2024-01-01" }), "options.to"],
          [service.jointMeetings(admin, { from: "2000-01-01", to: "2024-01-01" }), "options.to"],
          [service.jointMeetings(admin, "2024" as never), "options"],
          [service.matchNeeds(admin, { policy: { candidates: 0 } as never }), "options.policy.weights"],
          [service.matchPosts(admin, { at: "2024-02-30" }), "options.at"]
        ]
        for (const [read, field] of reads) {
          const result = yield* Effect.either(read)
          expect(result._tag === "Left" ? fields(result.left, { _tag: 0, field: 0 }) : "accepted", field).toEqual({ _tag: "ValidationError", field })
        }
      })))
  })
