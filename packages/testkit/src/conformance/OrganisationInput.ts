/**
 * Bad input through the organisation service, on any store: every malformed command,
 * batch or read argument is a `ValidationError` naming the field (and row) and writes
 * nothing; the cases the issue names — a second branch for one membership, a member
 * admitted to a temporary branch, a vote without quorum, a meeting in the future — are
 * each a `RuleViolation` naming its rule and field, and write nothing, alone or as a row
 * of a batch.
 *
 * @since 0.2.0
 */
import { describe, expect, it } from "@effect/vitest"
import { Actor, Organisations } from "@jiceng/core"
import { Effect } from "effect"
import * as OrganisationIntents from "../arbitraries/OrganisationIntents.js"
import type { sharedStore } from "./organisationSupport.js"
import { freshTenant } from "./support.js"

/**
 * An error's fields a case names, as a plain object: a failed match then prints a plain
 * diff (the diff of an Effect error itself overflows the stack).
 */
const fields = (error: unknown, expected: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.keys(expected).map((k) => [k, (error as Record<string, unknown>)[k]]))

/**
 * Registers the suite for one store; `provide` runs a test's effect over it.
 *
 * @since 0.2.0
 * @category suites
 */
export const organisationInput = (name: string, provide: ReturnType<typeof sharedStore>) =>
  describe(`${name}: organisation bad input`, () => {
    const setup = Effect.gen(function*() {
      const tenant = freshTenant()
      yield* OrganisationIntents.writeScaffold(tenant)
      const service = yield* Organisations.Organisations
      const admin = Actor.system(tenant)
      /** Runs a write that must be refused; checks that nothing was written and returns the error. */
      const refused = (write: Effect.Effect<unknown, unknown>) =>
        Effect.gen(function*() {
          const before = yield* OrganisationIntents.history(tenant)
          const error = yield* Effect.flip(write)
          expect(yield* OrganisationIntents.history(tenant)).toEqual(before)
          return error as { readonly _tag: string; readonly field?: string; readonly message: string }
        })
      const form = {
        _tag: "FormOrganisation",
        id: "x1",
        kind: "branch",
        name: "新支部",
        parentId: "c1",
        sector: "community",
        grids: [`${tenant}001001`],
        validFrom: "2024-01-01"
      }
      const arrive = { _tag: "ArriveMember", memberId: "x9", organisationId: "b1", standing: "full", name: "张三", at: "2024-01-01" }
      const dues = { _tag: "RecordDues", memberId: "m1", organisationId: "b1", month: "2024-05", amountFen: 500, paidOn: "2024-05-10" }
      // b1's full members are m1 and m2 (m3 is probationary): both present make a quorum.
      const meeting = {
        _tag: "RecordMeeting",
        id: "mx",
        organisationId: "b1",
        kind: "general_meeting",
        date: "2024-05-10",
        topic: "学习",
        attendees: ["m1", "m2"],
        votes: [{ motion: "决议", yes: 2, no: 0, abstain: 0 }]
      }
      return { tenant, service, admin, refused, form, arrive, dues, meeting }
    })

    it.effect("malformed commands: a ValidationError naming the field, nothing written", () =>
      provide(Effect.gen(function*() {
        const { admin, arrive, dues, form, meeting, refused, service } = yield* setup
        const { name: _, ...nameless } = form
        const vote = (v: Record<string, unknown>) => ({ ...meeting, votes: [{ ...meeting.votes[0], ...v }] })
        const cases: ReadonlyArray<readonly [unknown, Record<string, unknown>]> = [
          [null, { field: "(input)" }],
          [5, { field: "(input)" }],
          // An array where a command belongs: it has no _tag.
          [[form], { field: "_tag", rule: "schema.missing" }],
          [{ ...form, valid_to: "2025-01-01" }, { field: "valid_to", rule: "schema.unknown-key" }],
          [{ ...form, ["k".repeat(100_000)]: 1 }, { field: "(a key)", rule: "schema.unknown-key" }],
          [nameless, { field: "name", rule: "schema.missing" }],
          [{ ...form, _tag: "FormOrganization" }, { field: "_tag" }],
          [{ ...form, kind: "club" }, { field: "kind", rule: "schema.type" }],
          [{ ...form, id: 5 }, { field: "id", rule: "schema.type" }],
          [{ ...form, parentId: undefined }, { field: "parentId" }],
          [{ ...form, hasCommittee: "yes" }, { field: "hasCommittee", rule: "schema.type" }],
          [{ ...form, grids: `${admin.tenant}001001` }, { field: "grids", rule: "schema.type" }],
          [{ ...form, grids: ["１３１１０２"] }, { field: "grids.0" }],
          [{ ...form, name: "" }, { field: "name", rule: "text.empty" }],
          [{ ...form, name: "支".repeat(1_000_000) }, { field: "name", rule: "text.length" }],
          [{ ...form, sector: "s".repeat(1_000_000) }, { field: "sector", rule: "text.length" }],
          [{ ...form, name: "支\u0000部" }, { field: "name", rule: "text.control" }],
          [{ ...form, name: "支部\n二" }, { field: "name", rule: "text.control" }],
          [{ ...form, name: "\u202e部支" }, { field: "name", rule: "text.bidi" }],
          [{ ...form, name: "支\ud800部" }, { field: "name", rule: "text.surrogate" }],
          [{ ...form, validFrom: "2023-02-29" }, { field: "validFrom", rule: "date.format" }],
          [{ ...form, validFrom: "2024-1-01" }, { field: "validFrom", rule: "date.format" }],
          [{ ...form, validTo: "2024-02-30" }, { field: "validTo", rule: "date.format" }],
          [{ ...form, task: { kind: "party", name: "x" } }, { field: "task.kind" }],
          [{ ...arrive, standing: "candidate" }, { field: "standing", rule: "schema.type" }],
          [{ ...arrive, name: "" }, { field: "name", rule: "text.empty" }],
          [{ ...arrive, phone: "abc" }, { field: "phone", rule: "phone.format" }],
          [{ ...arrive, citizenId: "110105194912310021" }, { field: "citizenId", rule: "citizen-id.check-digit" }],
          [{ ...arrive, memberId: "" }, { field: "memberId", rule: "text.empty" }],
          [{ ...dues, amountFen: -1 }, { field: "amountFen" }],
          [{ ...dues, amountFen: 0.5 }, { field: "amountFen" }],
          [{ ...dues, amountFen: "500" }, { field: "amountFen", rule: "schema.type" }],
          [{ ...dues, amountFen: Number.NaN }, { field: "amountFen" }],
          [{ ...dues, amountFen: Number.POSITIVE_INFINITY }, { field: "amountFen" }],
          [{ ...dues, amountFen: 1e20 }, { field: "amountFen" }],
          [{ ...dues, month: "2024-13" }, { field: "month", rule: "month.format" }],
          [{ ...dues, paidOn: "2023-02-29" }, { field: "paidOn", rule: "date.format" }],
          [vote({ yes: -1 }), { field: "votes.0.yes" }],
          [vote({ no: 1.5 }), { field: "votes.0.no" }],
          [vote({ abstain: "1" }), { field: "votes.0.abstain", rule: "schema.type" }],
          [vote({ motion: "" }), { field: "votes.0.motion", rule: "text.empty" }],
          [{ ...meeting, attendees: "m1" }, { field: "attendees", rule: "schema.type" }],
          [{ ...meeting, attendees: ["m1", ""] }, { field: "attendees.1", rule: "text.empty" }],
          // Too long to decode at all: still named by its field.
          [{ ...meeting, attendees: Array.from({ length: 10_001 }, (_, i) => `m${i}`) }, { field: "attendees", rule: "schema.too-large" }],
          [{ ...meeting, topic: "t".repeat(201) }, { field: "topic", rule: "text.length" }],
          [{ ...meeting, kind: "party_meeting" }, { field: "kind", rule: "schema.type" }],
          [{ ...meeting, date: "2024-02-30" }, { field: "date", rule: "date.format" }]
        ]
        for (const [input, expected] of cases) {
          const error = yield* refused(service.executeUnknown(admin, input))
          const want = { _tag: "ValidationError", ...expected }
          expect(fields(error, want), JSON.stringify(expected)).toEqual(want)
          // The message names the field and never repeats a long value.
          expect(error.message.startsWith(`${error.field}:`), error.message).toBe(true)
          expect(error.message.length).toBeLessThan(400)
        }
      })))

    it.effect("batches: not an array, or a bad row in the middle: nothing written, the row named", () =>
      provide(Effect.gen(function*() {
        const { admin, form, meeting, refused, service } = yield* setup
        for (const batch of [null, {}, 5, "[]", form]) {
          expect(yield* refused(service.executeAllUnknown(admin, batch))).toMatchObject({
            _tag: "ValidationError", field: "(input)", rule: "batch.array"
          })
        }
        const ok = (i: number) => ({ ...meeting, id: `ok${i}`, kind: "theme_day", votes: [] })
        expect(yield* refused(service.executeAllUnknown(admin, [ok(1), ok(2), { ...ok(3), topic: "\u0000" }, ok(4)]))).toMatchObject({
          _tag: "ValidationError", field: "topic", rule: "text.control", row: 3
        })
        expect(yield* refused(service.executeAllUnknown(admin, [ok(1), ok(2), { ...form, validFrom: "2023-02-29" }, ok(4)])))
          .toMatchObject({ _tag: "ValidationError", field: "validFrom", rule: "date.format", row: 3 })
        // A row a rule refuses only because of an earlier row of the same batch.
        expect(yield* refused(service.executeAllUnknown(admin, [ok(1), ok(2), ok(1), ok(4)]))).toMatchObject({
          _tag: "RuleViolation", rule: "meeting.id-unique", row: 3
        })
        expect(yield* service.executeAllUnknown(admin, [])).toEqual([])
      })))

    it.effect("the issue's cases: each a RuleViolation naming its rule and field, nothing written, alone or in a batch", () =>
      provide(Effect.gen(function*() {
        const { admin, meeting, refused, service } = yield* setup
        const cases: ReadonlyArray<readonly [string, unknown]> = [
          // m1 is a member of b1: a second branch at once.
          ["membership.one-branch", { _tag: "AdmitMember", memberId: "m1", organisationId: "b2", name: "张三", at: "2024-05-01" }],
          ["membership.one-branch", {
            _tag: "ArriveMember", memberId: "m4", organisationId: "b1", standing: "full", name: "李四", at: "2024-05-01"
          }],
          ["temporary-branch.no-members", { _tag: "AdmitMember", memberId: "x9", organisationId: "t1", name: "张三", at: "2024-05-01" }],
          ["temporary-branch.no-members", { _tag: "TransferMember", memberId: "m1", organisationId: "t1", at: "2024-05-01" }],
          // One of b1's two full members present (m3 is probationary): no quorum.
          ["vote.quorum", { ...meeting, attendees: ["m1", "m3"], votes: [{ motion: "决议", yes: 1, no: 0, abstain: 0 }] }],
          // Today is 2024-12-31.
          ["meeting.future", { ...meeting, date: "2025-01-01" }],
          ["meeting.future", { ...meeting, kind: "theme_day", votes: [], date: "2099-12-31" }]
        ]
        const filler = (i: number) => ({ ...meeting, id: `f${i}`, kind: "theme_day", votes: [] })
        for (const [rule, input] of cases) {
          const alone = yield* refused(service.executeUnknown(admin, input))
          expect(fields(alone, { _tag: 0, rule: 0 }), rule).toEqual({ _tag: "RuleViolation", rule })
          expect(alone.field, rule).toMatch(/^[a-zA-Z]/)
          const inBatch = yield* refused(service.executeAllUnknown(admin, [filler(1), filler(2), input, filler(3)]))
          const want = { _tag: "RuleViolation", rule, field: alone.field, row: 3 }
          expect(fields(inBatch, want), rule).toEqual(want)
        }
        // Today's meeting and a quorate vote go through.
        yield* service.executeUnknown(admin, { ...meeting, date: OrganisationIntents.today })
      })))

    it.effect("malformed read arguments: a ValidationError naming the field", () =>
      provide(Effect.gen(function*() {
        const { admin, service } = yield* setup
        const reads: ReadonlyArray<readonly [Effect.Effect<unknown, unknown>, string]> = [
          [service.organisations(admin, { at: "2023-02-29" }), "options.at"],
          [service.organisations(admin, { root: "x" }), "options.root"],
          [service.countByKind(admin, { valid_at: "2024-01-01" } as never), "options.valid_at"],
          [service.countMembers(admin, null as never), "options"],
          [service.check(admin, { at: 5 } as never), "options.at"],
          [service.memberships(admin, { root: "１３１１０２" }), "options.root"],
          [service.compliance(admin, { from: "2024-13-01", to: "2025-01-01" }), "period.from"],
          [service.compliance(admin, { from: "2024-01-01", to: "2024-01-01" }), "period.to"],
          [service.compliance(admin, "2024" as never), "period"]
        ]
        for (const [read, field] of reads) {
          expect(fields(yield* Effect.flip(read), { _tag: 0, field: 0 }), field).toEqual({ _tag: "ValidationError", field })
        }
      })))

    // Found by this suite: `organisation(actor, id, at)` decoded neither its `id` nor its
    // `at` under its own name; like Grids.place and Grids.resolve, it names `id` and `at`.
    it.effect("organisation(actor, id, at): a bad id or day is a ValidationError naming `id` or `at`", () =>
      provide(Effect.gen(function*() {
        const { admin, service } = yield* setup
        const reads: ReadonlyArray<readonly [Effect.Effect<unknown, unknown>, string]> = [
          [service.organisation(admin, "b1", "2024-02-30"), "at"],
          [service.organisation(admin, "\u0000", "2024-01-01"), "id"],
          [service.organisation(admin, {} as never, "2024-01-01"), "id"]
        ]
        for (const [read, field] of reads) {
          const result = yield* Effect.either(read)
          expect(result._tag === "Left" ? fields(result.left, { _tag: 0, field: 0 }) : "accepted", field).toEqual({
            _tag: "ValidationError", field
          })
        }
      })))
  })
