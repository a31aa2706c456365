/**
 * The Organisations service over the memory store: the write path (decode, authorize,
 * scope, rule, write, audit) and the reads, with refusals that write nothing.
 */
import { describe, expect, it } from "@effect/vitest"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { Effect, Either, Layer, Option, TestClock } from "effect"
import {
  Actor,
  GridConfig,
  type GridCommand,
  Grids,
  MemoryStore,
  type OrganisationCommand,
  OrganisationConfig,
  Organisations,
  OrganisationStore
} from "@jiceng/core"
import { StorePorts } from "@jiceng/testkit"

const tenant = "131102"
const admin = Actor.system(tenant)
const street = Actor.make({ id: "河西街道组织员", tenant, roles: ["party_organiser"], scope: "131102001" })
const otherStreet = Actor.make({ id: "河东街道组织员", tenant, roles: ["party_organiser"], scope: "131102002" })
const viewer = Actor.make({ id: "查看者", tenant, roles: ["viewer"], scope: tenant })

const layer = Layer.mergeAll(Organisations.layer, Grids.layer).pipe(
  Layer.provideMerge(Layer.mergeAll(MemoryStore.layer, GridConfig.layer(), OrganisationConfig.layer()))
)

const grids: ReadonlyArray<GridCommand.Input> = [
  { _tag: "CreateGrid", code: "131102", name: "桃城区", parentCode: null, validFrom: "2023-01-01" },
  { _tag: "CreateGrid", code: "131102001", name: "河西街道", parentCode: "131102", validFrom: "2023-01-01" },
  { _tag: "CreateGrid", code: "131102002", name: "河东街道", parentCode: "131102", validFrom: "2023-01-01" },
  { _tag: "CreateGrid", code: "131102001001", name: "明珠社区", parentCode: "131102001", validFrom: "2023-01-01" },
  { _tag: "CreateGrid", code: "131102002001", name: "锦华社区", parentCode: "131102002", validFrom: "2023-01-01" }
]

const organisations: ReadonlyArray<OrganisationCommand.Input> = [
  { _tag: "FormOrganisation", id: "hx", kind: "committee", name: "河西街道党工委", parentId: null, sector: "community", grids: ["131102001"], validFrom: "2023-01-01" },
  { _tag: "FormOrganisation", id: "mz", kind: "committee", name: "明珠社区党委", parentId: "hx", sector: "community", grids: ["131102001001"], validFrom: "2023-01-01" },
  { _tag: "FormOrganisation", id: "mz1", kind: "branch", name: "明珠社区第一党支部", parentId: "mz", sector: "community", grids: ["131102001001"], validFrom: "2023-01-01" },
  { _tag: "FormOrganisation", id: "mz2", kind: "branch", name: "明珠社区第二党支部", parentId: "mz", sector: "community", grids: ["131102001001"], validFrom: "2023-01-01" },
  { _tag: "FormOrganisation", id: "hd", kind: "committee", name: "河东街道党工委", parentId: null, sector: "community", grids: ["131102002"], validFrom: "2023-01-01" },
  { _tag: "FormOrganisation", id: "jh1", kind: "branch", name: "锦华社区党支部", parentId: "hd", sector: "community", grids: ["131102002001"], validFrom: "2023-01-01" }
]

const members = (branch: string, n: number, standing: "full" | "probationary" = "full"): ReadonlyArray<OrganisationCommand.Input> =>
  Array.from({ length: n }, (_, i) => ({
    _tag: "ArriveMember",
    memberId: `${branch}-${standing}-${i}`,
    organisationId: branch,
    standing,
    name: `党员${i}`,
    phone: "13800138000",
    at: "2023-03-01"
  }))

const setUp = Effect.gen(function*() {
  yield* TestClock.setTime(Date.parse("2024-12-31T00:00:00Z"))
  yield* (yield* Grids.Grids).executeAll(admin, grids)
  const service = yield* Organisations.Organisations
  yield* service.executeAll(admin, [...organisations, ...members("mz1", 5), ...members("mz1", 2, "probationary"), ...members("mz2", 2), ...members("jh1", 8)])
  return service
})

/** Everything the stores hold for the tenant, to prove a refusal wrote nothing. */
const snapshot = Effect.gen(function*() {
  const store = yield* OrganisationStore.OrganisationStore
  const ports = yield* StorePorts.all
  return {
    organisations: yield* store.organisations.history(admin.tenant),
    memberships: yield* store.members.membershipsAt(admin.tenant, "2024-06-01" as never),
    meetings: yield* store.meetings.between(admin.tenant, "2000-01-01" as never, "2100-01-01" as never),
    audit: yield* ports.audit.list(admin.tenant, { afterSeq: 0, limit: 1_000_000 })
  }
})

const refusedBy = (actor: Actor.Actor, input: unknown) =>
  Effect.gen(function*() {
    const service = yield* Organisations.Organisations
    const before = yield* snapshot
    const result = yield* Effect.either(service.executeUnknown(actor, input))
    expect(yield* snapshot).toEqual(before)
    if (Either.isRight(result)) throw new Error("expected a refusal")
    return result.left
  })

describe("Organisations", () => {
  it.effect("writes organisations and members, one audit entry each, without members' personal data", () =>
    Effect.gen(function*() {
      const service = yield* setUp
      const counts = yield* service.countMembers(admin, { at: "2024-06-01" })
      expect(counts.map((c) => [c.organisationId, c.full, c.probationary])).toEqual([
        ["hd", 0, 0],
        ["hx", 0, 0],
        ["jh1", 8, 0],
        ["mz", 0, 0],
        ["mz1", 5, 2],
        ["mz2", 2, 0]
      ])
      const audit = yield* (yield* StorePorts.all).audit.list(admin.tenant, { afterSeq: 0, limit: 1000 })
      // Five grids, six organisations, 17 members.
      expect(audit.length).toBe(5 + 6 + 17)
      const arrivals = audit.filter((e) => e.action === "ArriveMember")
      expect(arrivals.every((e) => !e.detail.includes("党员") && !e.detail.includes("138"))).toBe(true)
      expect(arrivals[0]!.target).toBe("mz1-full-0")
    }).pipe(Effect.provide(layer)))

  it.effect("a departure or transfer on a membership's first day removes it: a meeting that day with the member present refuses it (membership.backdated)", () =>
    Effect.gen(function*() {
      const service = yield* setUp
      yield* service.executeAll(admin, [
        { _tag: "ArriveMember", memberId: "new", organisationId: "mz1", standing: "full", name: "新党员", at: "2024-03-01" },
        { _tag: "RecordMeeting", id: "mt-new", organisationId: "mz1", kind: "theme_day", date: "2024-03-01", topic: "主题党日", attendees: ["new"] }
      ])
      for (const input of [
        { _tag: "DepartMember", memberId: "new", at: "2024-03-01" },
        { _tag: "TransferMember", memberId: "new", organisationId: "mz2", at: "2024-03-01" }
      ]) {
        const refused = yield* refusedBy(admin, input)
        expect(refused._tag === "RuleViolation" && refused.rule).toBe("membership.backdated")
      }
      // The day after, the membership ends and the meeting's roll stands.
      yield* service.execute(admin, { _tag: "DepartMember", memberId: "new", at: "2024-03-02" })
    }).pipe(Effect.provide(layer)))

  it.effect("bad input: a ValidationError naming the field; a broken rule: its RuleViolation; nothing written", () =>
    Effect.gen(function*() {
      yield* setUp
      const bad = yield* refusedBy(admin, { _tag: "AdmitMember", memberId: "x", organisationId: "mz1", name: "", at: "2024-01-01" })
      expect(bad._tag === "ValidationError" && bad.field).toBe("name")
      const second = yield* refusedBy(admin, { _tag: "AdmitMember", memberId: "mz1-full-0", organisationId: "mz2", name: "张三", at: "2024-01-01" })
      expect(second._tag === "RuleViolation" && second.rule).toBe("membership.one-branch")
      // The refusal does not say which branch the member belongs to (it may lie outside the scope).
      expect(second.message.replace("mz1-full-0", "")).not.toContain("mz1")
      const future = yield* refusedBy(admin, {
        _tag: "RecordMeeting",
        id: "m1",
        organisationId: "mz1",
        kind: "theme_day",
        date: "2025-01-01",
        topic: "学习",
        attendees: []
      })
      expect(future._tag === "RuleViolation" && future.rule).toBe("meeting.future")
      const quorum = yield* refusedBy(admin, {
        _tag: "RecordMeeting",
        id: "m1",
        organisationId: "mz1",
        kind: "general_meeting",
        date: "2024-06-01",
        topic: "讨论",
        attendees: ["mz1-full-0", "mz1-full-1", "mz1-probationary-0", "mz1-probationary-1"],
        votes: [{ motion: "决议", yes: 2, no: 0, abstain: 0 }]
      })
      expect(quorum._tag === "RuleViolation" && quorum.rule).toBe("vote.quorum")
    }).pipe(Effect.provide(layer)))

  it.effect("a batch is all or nothing, and a refusal names its row", () =>
    Effect.gen(function*() {
      const service = yield* setUp
      const before = yield* snapshot
      const result = yield* Effect.either(service.executeAll(admin, [
        { _tag: "TransferMember", memberId: "mz1-full-0", organisationId: "mz2", at: "2024-05-01" },
        { _tag: "AdmitMember", memberId: "new", organisationId: "hx", name: "李四", at: "2024-05-01" }
      ]))
      expect(Either.isLeft(result) && result.left._tag === "RuleViolation" && [result.left.rule, result.left.row]).toEqual(["membership.kind", 2])
      expect(yield* snapshot).toEqual(before)
    }).pipe(Effect.provide(layer)))

  it.effect("scope: an actor writes and reads only organisations whose grids lie in their subtree", () =>
    Effect.gen(function*() {
      const service = yield* setUp
      const meeting: OrganisationCommand.Input = { _tag: "RecordMeeting", id: "m1", organisationId: "mz1", kind: "theme_day", date: "2024-06-01", topic: "学习", attendees: ["mz1-full-0"] }
      const outside = yield* refusedBy(otherStreet, meeting)
      expect(outside._tag === "Forbidden" && outside.reason).toBe("scope")
      // Across streets: the branch left lies outside the actor's scope.
      const across = yield* refusedBy(street, { _tag: "TransferMember", memberId: "jh1-full-0", organisationId: "mz1", at: "2024-05-01" })
      expect(across._tag === "Forbidden" && across.reason).toBe("scope")
      // Forming under another street's committee binds it from outside the scope.
      const underOther = yield* refusedBy(street, {
        _tag: "FormOrganisation",
        id: "x",
        kind: "branch",
        name: "跨街道支部",
        parentId: "hd",
        sector: "community",
        grids: ["131102001001"],
        validFrom: "2024-01-01"
      })
      expect(underOther._tag === "Forbidden" && underOther.reason).toBe("scope")
      const role = yield* refusedBy(viewer, meeting)
      expect(role._tag === "Forbidden" && role.reason).toBe("role")
      yield* service.execute(street, meeting)
      expect((yield* service.organisations(street, { at: "2024-06-01" })).map((o) => o.id)).toEqual(["hx", "mz", "mz1", "mz2"])
      expect((yield* service.organisations(otherStreet, { at: "2024-06-01" })).map((o) => o.id)).toEqual(["hd", "jh1"])
      expect(Option.isNone(yield* service.organisation(otherStreet, "mz1", "2024-06-01"))).toBe(true)
      expect((yield* service.memberships(otherStreet, { at: "2024-06-01" })).length).toBe(8)
      const forbidden = yield* Effect.either(service.organisations(otherStreet, { root: "131102001" }))
      expect(Either.isLeft(forbidden) && forbidden.left._tag).toBe("Forbidden")
    }).pipe(Effect.provide(layer)))

  it.effect("check, counts and compliance through the service", () =>
    Effect.gen(function*() {
      const service = yield* setUp
      const alerts = yield* service.check(admin, { at: "2024-06-01" })
      expect(alerts.map((a) => [a.organisationId, a.rule])).toEqual([
        ["jh1", "branch.committee-required"],
        ["mz2", "branch.min-full-members"]
      ])
      expect(yield* service.countByKind(admin, { at: "2024-06-01" })).toEqual([
        { kind: "branch", sector: "community", count: 3 },
        { kind: "committee", sector: "community", count: 3 }
      ])
      yield* service.execute(admin, { _tag: "RecordMeeting", id: "m1", organisationId: "mz2", kind: "general_meeting", date: "2024-02-01", topic: "学习", attendees: ["mz2-full-0"] })
      const report = yield* service.compliance(admin, { from: "2024-01-01", to: "2024-04-01" })
      const mz2 = report.missing.filter((m) => m.organisationId === "mz2").map((m) => `${m.meetingKind}:${m.slot.label}`)
      expect(mz2).not.toContain("general_meeting:2024-Q1")
      expect(mz2).toContain("theme_day:2024-01")
      expect(report.summary.due).toBe(report.summary.held + report.summary.missing)
      // A period is bounded: ten years at most.
      const long = yield* Effect.either(service.compliance(admin, { from: "2001-01-01", to: "9999-12-31" }))
      expect(Either.isLeft(long) && long.left._tag === "ValidationError" && [long.left.field, long.left.rule]).toEqual(["period.to", "period.length"])
      expect((yield* service.compliance(admin, { from: "2015-01-01", to: "2025-01-01" })).summary.due).toBeGreaterThan(0)
      // At the end of the calendar: an answer, not a RangeError (the limit is counted, not stepped to).
      expect((yield* service.compliance(admin, { from: "9999-01-01", to: "9999-12-31" })).summary.due).toBeGreaterThan(0)
      const edge = yield* Effect.either(service.compliance(admin, { from: "9989-01-01", to: "9999-12-31" }))
      expect(Either.isLeft(edge) && edge.left).toMatchObject({ _tag: "ValidationError", rule: "period.length" })
      const streetReport = yield* service.compliance(otherStreet, { from: "2024-01-01", to: "2024-04-01" })
      expect(new Set(streetReport.missing.map((m) => m.organisationId))).toEqual(new Set(["jh1"]))
    }).pipe(Effect.provide(layer)))

  it.effect("compliance of one organisation: its slots only, its summary recounted; none outside the subtree", () =>
    Effect.gen(function*() {
      const service = yield* setUp
      const period = { from: "2024-01-01", to: "2024-04-01" }
      const all = yield* service.compliance(admin, period)
      const one = yield* service.compliance(admin, { ...period, organisationId: "mz2" })
      expect(one.organisations.map((o) => o.organisationId)).toEqual(["mz2"])
      expect(one.missing).toEqual(all.missing.filter((m) => m.organisationId === "mz2"))
      const entry = all.organisations.find((o) => o.organisationId === "mz2")!
      const due = entry.meetings.reduce((n, k) => n + k.due.length, 0)
      const held = entry.meetings.reduce((n, k) => n + k.held.length, 0)
      expect(one.summary).toEqual({ due, held, missing: due - held, rate: held / due })
      // Another street's branch: an empty report, as if it did not exist.
      const hidden = yield* service.compliance(otherStreet, { ...period, organisationId: "mz2" })
      expect([hidden.organisations, hidden.missing, hidden.summary]).toEqual([[], [], { due: 0, held: 0, missing: 0, rate: 1 }])
      const bad = yield* Effect.flip(service.compliance(admin, { ...period, organisationId: "" }))
      expect(bad).toMatchObject({ _tag: "ValidationError", field: "period.organisationId" })
    }).pipe(Effect.provide(layer)))

  it.effect("roll: names on the rolls of the subtree; phones masked without pii:read; an unmasked read is audited", () =>
    Effect.gen(function*() {
      const service = yield* setUp
      yield* service.executeAll(admin, [
        { _tag: "ArriveMember", memberId: "p1", organisationId: "mz1", standing: "full", name: "王芳", phone: "13912345678", citizenId: "11010519491231002X", at: "2023-03-01" },
        { _tag: "FormOrganisation", id: "t1", kind: "temporary_branch", name: "锦华小区临时党支部", parentId: "hd", sector: "community", grids: ["131102002001"], task: { kind: "compound", name: "锦华小区" }, validFrom: "2024-01-01" },
        { _tag: "JoinTemporary", memberId: "p1", organisationId: "t1", at: "2024-02-01" }
      ])
      const ports = yield* StorePorts.all
      const auditCount = Effect.map(ports.audit.list(admin.tenant, { afterSeq: 0, limit: 1_000_000 }), (e) => e.length)

      // A party organiser of the street (no pii:read) sees names, masked contact data.
      const before = yield* auditCount
      const roll = yield* service.roll(street, { at: "2024-06-01", organisationId: "mz1" })
      expect(roll.map((r) => [r.memberId, r.role, r.standing])).toEqual([
        ...["0", "1", "2", "3", "4"].map((i) => [`mz1-full-${i}`, "member", "full"]),
        ...["0", "1"].map((i) => [`mz1-probationary-${i}`, "member", "probationary"]),
        ["p1", "member", "full"]
      ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)))
      const p1 = roll.find((r) => r.memberId === "p1")!
      expect(p1).toMatchObject({ name: "王芳", since: "2023-03-01", phone: "139****5678" })
      expect(p1.citizenId).not.toContain("19491231")
      expect(yield* auditCount).toBe(before)

      // The other street sees the temporary branch's participant, not the member's branch.
      const theirs = yield* service.roll(otherStreet, { at: "2024-06-01" })
      expect(theirs.filter((r) => r.memberId === "p1").map((r) => [r.organisationId, r.role])).toEqual([["t1", "participant"]])
      expect(theirs.some((r) => r.organisationId.startsWith("mz"))).toBe(false)

      // The system actor holds pii:read: unmasked, and one audit entry naming the members.
      const full = yield* service.roll(admin, { at: "2024-06-01", organisationId: "t1" })
      expect(full).toEqual([{
        organisationId: "t1", memberId: "p1", role: "participant", name: "王芳", standing: "full", since: "2024-02-01",
        phone: "13912345678", citizenId: "11010519491231002X"
      }])
      const entries = yield* ports.audit.list(admin.tenant, { afterSeq: 0, limit: 1_000_000 })
      expect(entries.slice(before).map((e) => [e.action, e.target, JSON.parse(e.detail)])).toEqual([
        ["ReadMemberPii", "t1", { at: "2024-06-01", members: ["p1"] }]
      ])
      // A subtree's roll is audited under the subtree asked for.
      yield* service.roll(admin, { at: "2024-06-01", root: "131102002" })
      const last = (yield* ports.audit.list(admin.tenant, { afterSeq: 0, limit: 1_000_000 })).at(-1)!
      expect([last.action, last.target]).toEqual(["ReadMemberPii", "131102002"])

      // Contact data is as it is now: once p1 has moved to the other street, a past roll
      // of 明珠 shows p1's name but no phone to 河西.
      yield* service.execute(admin, { _tag: "TransferMember", memberId: "p1", organisationId: "jh1", at: "2024-09-01" })
      const past = (yield* service.roll(street, { at: "2024-06-01", organisationId: "mz1" })).find((r) => r.memberId === "p1")!
      expect([past.name, past.phone, past.citizenId]).toEqual(["王芳", null, null])
      // A viewer reads rolls; bad options name their field.
      expect((yield* service.roll(viewer, { at: "2024-06-01", organisationId: "jh1" })).length).toBe(8)
      expect(yield* Effect.flip(service.roll(admin, { at: "2024-13-01" }))).toMatchObject({ _tag: "ValidationError", field: "options.at" })
      expect(yield* Effect.flip(service.roll(street, { root: "131102002" }))).toMatchObject({ _tag: "Forbidden" })
    }).pipe(Effect.provide(layer)))

  it.effect("the example of docs/organisation-commands.md runs as written", () =>
    Effect.gen(function*() {
      const page = readFileSync(fileURLToPath(new URL("../../../../docs/organisation-commands.md", import.meta.url)), "utf8")
      const block = /```ts\n[\s\S]*?= \[\n([\s\S]*?)\n\]\n```/.exec(page)![1]!
      const commands = new Function(`return [${block}]`)() as ReadonlyArray<OrganisationCommand.Input>
      yield* TestClock.setTime(Date.parse("2024-12-31T00:00:00Z"))
      yield* (yield* Grids.Grids).executeAll(admin, grids)
      const service = yield* Organisations.Organisations
      expect((yield* service.executeAll(admin, commands)).length).toBe(commands.length)
      const [entry] = yield* service.roll(admin, { at: "2024-07-05", organisationId: "mz1" })
      expect(entry).toMatchObject({ memberId: "p1", name: "王芳", standing: "full" })
    }).pipe(Effect.provide(layer)))

  it.effect("a 党委's meeting fixes the membership of those present, one by one and in a batch", () =>
    Effect.gen(function*() {
      const service = yield* setUp
      yield* service.execute(admin, { _tag: "RecordMeeting", id: "pl", organisationId: "mz", kind: "party_lesson", date: "2024-06-01", topic: "党课", attendees: ["mz1-full-0"] })
      const before = yield* snapshot
      const transfer = { _tag: "TransferMember", memberId: "mz1-full-0", organisationId: "jh1", at: "2024-05-01" } as const
      expect(yield* Effect.flip(service.execute(admin, transfer))).toMatchObject({ _tag: "RuleViolation", rule: "membership.backdated" })
      expect(yield* Effect.flip(service.executeAll(admin, [{ ...transfer, memberId: "mz1-full-1" }, transfer]))).toMatchObject({
        _tag: "RuleViolation", rule: "membership.backdated", row: 2
      })
      expect(yield* snapshot).toEqual(before)
      // Dated on the meeting's day, it follows the meeting.
      yield* service.execute(admin, { ...transfer, at: "2024-06-01" })
    }).pipe(Effect.provide(layer)))
})
