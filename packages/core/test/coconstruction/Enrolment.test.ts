/**
 * 双报到 enrolment rules against a reference model written from their text: random
 * command sequences never break an invariant, every refusal names a known rule, and one
 * property per rule breaks it at its boundary (the day before, the day, the day after).
 * Enrolment never writes a membership: the model has none to write.
 */
import { describe, expect, it } from "@effect/vitest"
import {
  type CoConstructionChanges,
  CoConstructionCommand,
  CoConstructionConfig,
  CoConstructionInvariants,
  CoConstructionRules,
  Decode,
  IsoDate
} from "@jiceng/core"
import { GridIntents } from "@jiceng/testkit"
import { Either, FastCheck as fc, Schema } from "effect"

const tenant = "131102" as never
const decode = Schema.decodeUnknownSync(CoConstructionCommand.CoConstructionCommand)
const day = (d: string, n: number) => IsoDate.addDays(IsoDate.unsafeMake(d), n)

const streets = new Set(["131102001", "131102002"])
const communities = new Set(["131102001001", "131102001002", "131102002001"])
/** Grids of the model: valid from 2023-01-01 on; a community closes on 2024-07-01. */
const valid = (code: string, at: string, level: ReadonlySet<string>) =>
  level.has(code) && at >= "2023-01-01" && !(code === "131102001002" && at >= "2024-07-01")
/** Members of the tenant's branches: m1 and m2 from 2023-01-01; m3 from 2024-06-01. */
const memberOfTenant = (memberId: string, at: string) => (memberId === "m1" || memberId === "m2" ? at >= "2023-01-01" : memberId === "m3" && at >= "2024-06-01")

interface History extends CoConstructionInvariants.History {}
const empty: History = { unitEnrolments: [], memberEnrolments: [], agreements: [], needs: [], resources: [], projects: [], posts: [], claims: [] }

const decide = (h: History, command: CoConstructionCommand.CoConstructionCommand): CoConstructionRules.Result => {
  const units = (code: string) => h.unitEnrolments.filter((e) => e.creditCode === code)
  const members = (id: string) => h.memberEnrolments.filter((e) => e.memberId === id)
  switch (command._tag) {
    case "EnrolUnit":
      return CoConstructionRules.enrolUnit(tenant, { enrolments: units(command.creditCode), streetValid: valid(command.streetCode, command.at, streets) }, command)
    case "TransferUnit":
      return CoConstructionRules.transferUnit({ enrolments: units(command.creditCode), streetValid: valid(command.streetCode, command.at, streets) }, command)
    case "WithdrawUnit":
      return CoConstructionRules.withdrawUnit({ enrolments: units(command.creditCode) }, command)
    case "EnrolMember":
      return CoConstructionRules.enrolMember(CoConstructionConfig.defaults, tenant, {
        enrolments: members(command.memberId),
        communityValid: valid(command.communityCode, command.at, communities),
        memberOfTenant: memberOfTenant(command.memberId, command.at)
      }, command)
    case "TransferEnrolment":
      return CoConstructionRules.transferEnrolment({ enrolments: members(command.memberId), communityValid: valid(command.communityCode, command.at, communities) }, command)
    case "WithdrawMember":
      return CoConstructionRules.withdrawMember({ enrolments: members(command.memberId) }, command)
    default:
      throw new Error(`not an enrolment command: ${command._tag}`)
  }
}

/** Writes changes as a store does: an ended row that began on the day (or later) is removed. */
const write = (h: History, c: CoConstructionChanges.CoConstructionChanges): History => {
  const end = <A extends { readonly validFrom: IsoDate.IsoDate; readonly validTo: IsoDate.IsoDate | null }>(
    rows: ReadonlyArray<A>,
    ended: (a: A) => boolean
  ): ReadonlyArray<A> =>
    rows.flatMap((r) => (!ended(r) ? [r] : r.validFrom >= c.at! ? [] : [{ ...r, validTo: c.at }]))
  return {
    ...h,
    unitEnrolments: [
      ...end(h.unitEnrolments, (r) => c.endUnitEnrolments.some((k) => k.creditCode === r.creditCode && k.validFrom === r.validFrom)),
      ...c.newUnitEnrolments
    ],
    memberEnrolments: [
      ...end(h.memberEnrolments, (r) => c.endMemberEnrolments.some((k) => k.memberId === r.memberId && k.validFrom === r.validFrom)),
      ...c.newMemberEnrolments
    ]
  }
}

const accept = (h: History, input: unknown): History => write(h, Either.getOrThrow(decide(h, decode(input))))
const refusal = (h: History, input: unknown) => {
  const result = decide(h, decode(input))
  if (Either.isRight(result)) throw new Error(`accepted ${JSON.stringify(input)}`)
  return result.left
}

const known = new Set([
  "unit-enrolment.street",
  "unit-enrolment.once",
  "unit-enrolment.exists",
  "unit-enrolment.backdated",
  "unit-enrolment.transfer-same",
  "enrolment.community",
  "enrolment.one-community",
  "enrolment.home",
  "enrolment.exists",
  "enrolment.backdated",
  "enrolment.transfer-same"
])

const unitCodes = [1, 2, 3].map((n) => GridIntents.creditCode("131102", n))
const days = ["2022-12-31", "2023-01-01", "2024-03-01", "2024-06-01", "2024-07-01", "2024-09-30"]
const pick = <A>(xs: ReadonlyArray<A>) => fc.constantFrom(...xs)
const allCommunities = [...communities, "131102001009", "131102001"]
const allStreets = [...streets, "131102009", "131102001001"]

const command: fc.Arbitrary<CoConstructionCommand.CoConstructionCommand> = fc.oneof(
  fc.record({ u: pick(unitCodes), s: pick(allStreets), at: pick(days) })
    .map((r) => decode({ _tag: "EnrolUnit", creditCode: r.u, name: "衡水某单位", streetCode: r.s, at: r.at })),
  fc.record({ u: pick(unitCodes), s: pick(allStreets), at: pick(days) }).map((r) => decode({ _tag: "TransferUnit", creditCode: r.u, streetCode: r.s, at: r.at })),
  fc.record({ u: pick(unitCodes), at: pick(days) }).map((r) => decode({ _tag: "WithdrawUnit", creditCode: r.u, at: r.at })),
  fc.record({ m: pick(["m1", "m2", "m3", "x1"]), c: pick(allCommunities), at: pick(days), home: fc.option(pick(["市委组织部机关党支部"]), { nil: null }) })
    .map((r) => decode({ _tag: "EnrolMember", memberId: r.m, communityCode: r.c, homeOrganisation: r.home, at: r.at })),
  fc.record({ m: pick(["m1", "m2", "m3", "x1"]), c: pick(allCommunities), at: pick(days) })
    .map((r) => decode({ _tag: "TransferEnrolment", memberId: r.m, communityCode: r.c, at: r.at })),
  fc.record({ m: pick(["m1", "m2", "m3", "x1"]), at: pick(days) }).map((r) => decode({ _tag: "WithdrawMember", memberId: r.m, at: r.at }))
)

describe("双报到 enrolment rules", () => {
  it.prop("random command sequences never break an invariant, refusals name known rules, and no membership is written", [
    fc.array(command, { minLength: 1, maxLength: 60 })
  ], ([commands]) => {
    let h = empty
    for (const c of commands) {
      const result = decide(h, c)
      if (Either.isLeft(result)) {
        expect(known, result.left.message).toContain(result.left.rule)
        continue
      }
      // The changes hold enrolments only: a member's own branch is another domain's.
      expect(Object.keys(result.right).filter((key) => /membership|participation/i.test(key))).toEqual([])
      const { agreements, endClaims, jointMeetings, needs, newClaims, posts, progress, projects, resources, tasks, teams } = result.right
      expect([agreements, needs, progress, projects, resources, teams, posts, newClaims, endClaims, jointMeetings, tasks].flat()).toEqual([])
      h = write(h, result.right)
      expect(CoConstructionInvariants.breaches(h)).toEqual([])
    }
  })

  it("the random commands are accepted often enough, of every kind, to test the invariants", () => {
    const accepted = new Map<string, number>()
    const refused = new Set<string>()
    for (const commands of fc.sample(fc.array(command, { minLength: 1, maxLength: 60 }), { numRuns: 300, seed: 11 })) {
      let h = empty
      for (const c of commands) {
        const result = decide(h, c)
        if (Either.isLeft(result)) refused.add(result.left.rule)
        else {
          accepted.set(c._tag, (accepted.get(c._tag) ?? 0) + 1)
          h = write(h, result.right)
        }
      }
    }
    for (const tag of ["EnrolUnit", "TransferUnit", "WithdrawUnit", "EnrolMember", "TransferEnrolment", "WithdrawMember"]) {
      expect(accepted.get(tag) ?? 0, tag).toBeGreaterThan(0)
    }
    expect([...known].filter((rule) => !refused.has(rule))).toEqual([])
  })

  it.prop("enrolment.one-community: a member enrols with one community at a time; a transfer moves it", [fc.integer({ min: -1, max: 1 })], ([offset]) => {
    let h = accept(empty, { _tag: "EnrolMember", memberId: "m1", communityCode: "131102001001", at: "2024-03-01" })
    const at = day("2024-03-01", offset)
    // Any day, before or after: an enrolment running then blocks a second one.
    expect([refusal(h, { _tag: "EnrolMember", memberId: "m1", communityCode: "131102002001", at })].map((e) => [e.rule, e.field]))
      .toEqual([["enrolment.one-community", "memberId"]])
    if (offset < 0) {
      // Dated before the enrolment began: a later change is on record.
      expect(refusal(h, { _tag: "TransferEnrolment", memberId: "m1", communityCode: "131102002001", at }).rule).toBe("enrolment.backdated")
      return
    }
    h = accept(h, { _tag: "TransferEnrolment", memberId: "m1", communityCode: "131102002001", at })
    const rows = h.memberEnrolments.map((e) => [e.communityCode, e.validFrom, e.validTo, e.change])
    // On the enrolment's first day a transfer corrects it; later, it ends one row and begins another.
    expect(rows).toEqual(offset === 0
      ? [["131102002001", "2024-03-01", null, "enrol"]]
      : [["131102001001", "2024-03-01", at, "enrol"], ["131102002001", at, null, "transfer"]])
  })

  it.prop("enrolment.backdated and withdrawal: nothing is dated before a later change", [fc.integer({ min: -1, max: 1 })], ([offset]) => {
    let h = accept(empty, { _tag: "EnrolMember", memberId: "m1", communityCode: "131102001001", at: "2024-03-01" })
    h = accept(h, { _tag: "TransferEnrolment", memberId: "m1", communityCode: "131102002001", at: "2024-06-01" })
    const at = day("2024-06-01", offset)
    const result = decide(h, decode({ _tag: "WithdrawMember", memberId: "m1", at }))
    if (offset < 0) expect(Either.isLeft(result) && [result.left.rule, result.left.field]).toEqual(["enrolment.backdated", "at"])
    else {
      const after = write(h, Either.getOrThrow(result))
      expect(after.memberEnrolments.filter((e) => e.validTo === null)).toEqual([])
      // Withdrawn, the member may enrol again from the day on.
      accept(after, { _tag: "EnrolMember", memberId: "m1", communityCode: "131102001001", at: day(at, 1) })
    }
  })

  it.prop("enrolment.backdated: a withdrawal recorded for a later day is a later change — nothing is dated before it", [
    fc.integer({ min: -1, max: 1 }),
    fc.constantFrom("TransferEnrolment", "WithdrawMember", "TransferUnit", "WithdrawUnit")
  ], ([offset, tag]) => {
    const code = unitCodes[0]!
    let h = accept(empty, { _tag: "EnrolMember", memberId: "m1", communityCode: "131102001001", at: "2024-03-01" })
    h = accept(h, { _tag: "WithdrawMember", memberId: "m1", at: "2024-06-01" })
    h = accept(h, { _tag: "EnrolUnit", creditCode: code, name: "衡水某单位", streetCode: "131102001", at: "2024-03-01" })
    h = accept(h, { _tag: "WithdrawUnit", creditCode: code, at: "2024-06-01" })
    // The day before the withdrawal: refused; the day of it and after: nothing runs.
    const at = day("2024-06-01", offset)
    const input = tag === "TransferEnrolment"
      ? { _tag: tag, memberId: "m1", communityCode: "131102002001", at }
      : tag === "WithdrawMember"
      ? { _tag: tag, memberId: "m1", at }
      : tag === "TransferUnit"
      ? { _tag: tag, creditCode: code, streetCode: "131102002", at }
      : { _tag: tag, creditCode: code, at }
    const unit = tag.endsWith("Unit")
    expect(refusal(h, input).rule).toBe(
      offset < 0 ? (unit ? "unit-enrolment.backdated" : "enrolment.backdated") : unit ? "unit-enrolment.exists" : "enrolment.exists"
    )
  })

  it.prop("enrolment.community: a community valid on the day, at the community level", [
    fc.constantFrom("131102001002", "131102001", "131102009009"),
    fc.integer({ min: -1, max: 1 })
  ], ([code, offset]) => {
    // 131102001002 closes on 2024-07-01; the others are no community at all.
    const at = day("2024-07-01", offset)
    const result = decide(empty, decode({ _tag: "EnrolMember", memberId: "m1", communityCode: code, at }))
    if (code === "131102001002" && offset < 0) expect(Either.isRight(result)).toBe(true)
    else expect(Either.isLeft(result) && [result.left.rule, result.left.field]).toEqual(["enrolment.community", "communityCode"])
  })

  it.prop("enrolment.home: a member of the tenant's branches names no other organisation; anyone else names theirs", [
    fc.integer({ min: -1, max: 1 }),
    fc.boolean()
  ], ([offset, named]) => {
    // m3 is a member of the tenant's branches from 2024-06-01.
    const at = day("2024-06-01", offset)
    const result = decide(empty, decode({
      _tag: "EnrolMember", memberId: "m3", communityCode: "131102001001", at, ...(named ? { homeOrganisation: "市直机关某党支部" } : {})
    }))
    const member = offset >= 0
    if (member !== named) expect(Either.isRight(result)).toBe(true)
    else expect(Either.isLeft(result) && [result.left.rule, result.left.field]).toEqual(["enrolment.home", "homeOrganisation"])
  })

  it.prop("enrolment.interest: the category a member would rather serve in is one of the policy's", [
    fc.constantFrom(null, ...CoConstructionConfig.defaults.postCategories.map((c) => c.key), "gardening", "Policy")
  ], ([interest]) => {
    const result = decide(empty, decode({
      _tag: "EnrolMember", memberId: "x1", communityCode: "131102001001", homeOrganisation: "市直机关某党支部", skills: ["law", "law"], interest, at: "2024-06-01"
    }))
    const known = interest === null || CoConstructionConfig.defaults.postCategories.some((c) => c.key === interest)
    if (known) {
      expect(Either.isRight(result) && result.right.newMemberEnrolments[0]).toMatchObject({ skills: ["law"], interest })
    } else {
      expect(Either.isLeft(result) && [result.left.rule, result.left.field]).toEqual(["enrolment.interest", "interest"])
    }
  })

  it.prop("unit-enrolment: one street at a time, a street valid on the day, transfers and withdrawal", [fc.integer({ min: -1, max: 1 })], ([offset]) => {
    const code = unitCodes[0]!
    let h = accept(empty, { _tag: "EnrolUnit", creditCode: code, name: "衡水某单位", streetCode: "131102001", at: "2024-03-01" })
    const at = day("2024-03-01", offset)
    expect(refusal(h, { _tag: "EnrolUnit", creditCode: code, name: "衡水某单位", streetCode: "131102002", at }).rule).toBe("unit-enrolment.once")
    expect(refusal(h, { _tag: "TransferUnit", creditCode: code, streetCode: "131102001", at: "2024-04-01" }).rule).toBe("unit-enrolment.transfer-same")
    expect(refusal(h, { _tag: "TransferUnit", creditCode: code, streetCode: "131102001001", at: "2024-04-01" }).rule).toBe("unit-enrolment.street")
    expect(refusal(empty, { _tag: "EnrolUnit", creditCode: code, name: "衡水某单位", streetCode: "131102009", at }).rule).toBe("unit-enrolment.street")
    if (offset < 0) {
      expect(refusal(h, { _tag: "WithdrawUnit", creditCode: code, at }).rule).toBe("unit-enrolment.backdated")
      return
    }
    h = accept(h, { _tag: "TransferUnit", creditCode: code, streetCode: "131102002", at })
    expect(refusal(h, { _tag: "WithdrawUnit", creditCode: code, at: day(at, -1) }).rule).toBe("unit-enrolment.backdated")
    h = accept(h, { _tag: "WithdrawUnit", creditCode: code, at: day(at, 1) })
    expect(CoConstructionInvariants.breaches(h)).toEqual([])
    expect(h.unitEnrolments.every((e) => e.validTo !== null)).toBe(true)
  })

  it("bad input: an invalid credit code, grid code or home organisation is a ValidationError naming the field", () => {
    const field = (input: unknown) => {
      const result = Decode.decodeEither(CoConstructionCommand.CoConstructionCommand, input)
      return Either.isLeft(result) ? result.left.field : "accepted"
    }
    const unit = { _tag: "EnrolUnit", creditCode: unitCodes[0], name: "某单位", streetCode: "131102001", at: "2024-01-01" }
    expect(field(unit)).toBe("accepted")
    // The last character is the check character: change it and the code is invalid.
    const wrong = `${unitCodes[0]!.slice(0, 17)}${unitCodes[0]!.endsWith("0") ? "1" : "0"}`
    expect(field({ ...unit, creditCode: wrong })).toBe("creditCode")
    expect(field({ ...unit, streetCode: "13110A001" })).toBe("streetCode")
    expect(field({ _tag: "EnrolMember", memberId: "m1", communityCode: "131102001001", homeOrganisation: "第一\n支部", at: "2024-01-01" }))
      .toBe("homeOrganisation")
  })
})
