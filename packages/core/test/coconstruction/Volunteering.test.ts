/**
 * Volunteer teams, posts and claims (认领) against their rules' text: random sequences
 * of claims and withdrawals are accepted exactly when a day-by-day count of the post's
 * claims stays within its capacity (and the invariants hold), and each rule is broken
 * at its boundary.
 */
import { describe, expect, it } from "@effect/vitest"
import {
  type CoConstructionChanges,
  CoConstructionCommand,
  CoConstructionConfig,
  CoConstructionInvariants,
  CoConstructionRules,
  type Enrolment,
  IsoDate,
  type Volunteering
} from "@jiceng/core"
import { Either, FastCheck as fc, Schema } from "effect"

const tenant = "131102" as never
const decode = Schema.decodeUnknownSync(CoConstructionCommand.CoConstructionCommand)
const day = (d: string, n: number) => IsoDate.addDays(IsoDate.unsafeMake(d), n)
const refusedBy = (result: CoConstructionRules.Result) => (Either.isLeft(result) ? [result.left.rule, result.left.field] : "accepted")

const team = Either.getOrThrow(CoConstructionRules.formTeam(tenant, { idUsed: false, gridValid: true }, decode({
  _tag: "FormTeam", id: "t1", name: "明珠社区志愿服务队", gridCode: "131102001001", at: "2024-01-01"
}) as never)).teams[0]!

const open = (capacity: number, skills: ReadonlyArray<string> = [], at = "2024-02-01") =>
  CoConstructionRules.openPost(CoConstructionConfig.defaults, tenant, { idUsed: false, team }, decode({
    _tag: "OpenPost", id: "p1", teamId: "t1", title: "政策宣讲", category: "policy", skills, capacity, at
  }) as never)

/** Members enrolled with a community from 2024-01-01; "late" from 2024-06-01; "speaker" recorded the skill of speaking. */
const enrolled = (memberId: string): ReadonlyArray<Enrolment.MemberEnrolment> => [{
  tenant,
  memberId: memberId as never,
  communityCode: "131102001001" as never,
  unitCreditCode: null,
  homeOrganisation: null,
  skills: memberId === "speaker" ? ["speaking" as never] : [],
  interest: null,
  validFrom: (memberId === "late" ? "2024-06-01" : "2024-01-01") as IsoDate.IsoDate,
  validTo: null,
  change: "enrol"
}]

const claim = (post: Volunteering.Post, claims: ReadonlyArray<Volunteering.Claim>, memberId: string, at: string, skills: ReadonlyArray<string> = []) =>
  CoConstructionRules.claimPost(tenant, { post, team, enrolments: enrolled(memberId), claims }, decode({ _tag: "ClaimPost", postId: "p1", memberId, skills, at }) as never)

const withdraw = (claims: ReadonlyArray<Volunteering.Claim>, memberId: string, at: string) =>
  CoConstructionRules.withdrawClaim({ claims }, decode({ _tag: "WithdrawClaim", postId: "p1", memberId, at }) as never)

/** Writes claim changes as a store does: an ended claim that began on the day is removed. */
const write = (claims: ReadonlyArray<Volunteering.Claim>, c: CoConstructionChanges.CoConstructionChanges) => [
  ...claims.flatMap((r) =>
    !c.endClaims.some((k) => k.memberId === r.memberId && k.validFrom === r.validFrom) ? [r] : r.validFrom >= c.at! ? [] : [{ ...r, validTo: c.at }]
  ),
  ...c.newClaims
]

describe("volunteer teams, posts and claims", () => {
  it.prop("claim.capacity: accepted exactly while no day would hold more claims than the post takes", [
    fc.integer({ min: 1, max: 3 }),
    fc.array(fc.record({ withdraw: fc.boolean(), member: fc.constantFrom("m1", "m2", "m3", "m4"), day: fc.integer({ min: 0, max: 40 }) }), { maxLength: 25 })
  ], ([capacity, steps]) => {
    const post = Either.getOrThrow(open(capacity)).posts[0]!
    let claims: ReadonlyArray<Volunteering.Claim> = []
    for (const s of steps) {
      const at = day("2024-03-01", s.day)
      const result = s.withdraw ? withdraw(claims, s.member, at) : claim(post, claims, s.member, at)
      if (!s.withdraw) {
        // The reference: the count of claims on each day from `at` on, the new one included.
        const mine = claims.some((c) => c.memberId === s.member && (c.validTo === null || c.validTo > at))
        let full = false
        for (let d = 0; d <= 60; d++) {
          const on = day(at, d)
          const held = claims.filter((c) => c.validFrom <= on && (c.validTo === null || on < c.validTo)).length
          if (held + 1 > capacity) full = true
        }
        expect(refusedBy(result)).toEqual(mine ? ["claim.once", "memberId"] : full ? ["claim.capacity", "postId"] : "accepted")
      }
      if (Either.isRight(result)) claims = write(claims, result.right)
      expect(CoConstructionInvariants.breaches({
        unitEnrolments: [], memberEnrolments: ["m1", "m2", "m3", "m4"].flatMap(enrolled), agreements: [], needs: [], resources: [], projects: [], posts: [post], claims
      })).toEqual([])
    }
  })

  it.prop("claim.enrolled, claim.post and claim.skills: an enrolled member, an open post, every skill it asks for", [
    fc.integer({ min: -1, max: 1 })
  ], ([offset]) => {
    const post = Either.getOrThrow(open(5, ["speaking"])).posts[0]!
    // Enrolled from 2024-06-01: the day before is refused.
    expect(refusedBy(claim(post, [], "late", day("2024-06-01", offset), ["speaking"])))
      .toEqual(offset < 0 ? ["claim.enrolled", "memberId"] : "accepted")
    // Opened on 2024-02-01.
    expect(refusedBy(claim(post, [], "m1", day("2024-02-01", offset), ["speaking", "law"])))
      .toEqual(offset < 0 ? ["claim.post", "postId"] : "accepted")
    expect(refusedBy(claim(post, [], "m1", "2024-03-01", ["law"]))).toEqual(["claim.skills", "skills"])
    // A skill recorded at enrolment counts as declared.
    expect(refusedBy(claim(post, [], "speaker", "2024-03-01"))).toEqual("accepted")
  })

  it.prop("a member's withdrawal ends their claims: those running on the day end then, a later one goes", [
    fc.integer({ min: -1, max: 1 })
  ], ([offset]) => {
    const post = Either.getOrThrow(open(5)).posts[0]!
    let claims: ReadonlyArray<Volunteering.Claim> = []
    claims = write(claims, Either.getOrThrow(claim(post, claims, "m1", "2024-03-01")))
    const at = day("2024-03-01", offset + 1)
    const withdrawn = Either.getOrThrow(CoConstructionRules.withdrawMember({ enrolments: enrolled("m1"), claims }, decode({
      _tag: "WithdrawMember", memberId: "m1", at
    }) as never))
    const after = write(claims, withdrawn)
    // Withdrawn on the claim's first day the claim is gone; later, it ends on the day.
    expect(after).toEqual(offset + 1 === 0 ? [] : [{ ...claims[0]!, validTo: at }])
    // Another member's claims stay.
    expect(CoConstructionRules.withdrawMember({ enrolments: enrolled("m2"), claims }, decode({ _tag: "WithdrawMember", memberId: "m2", at }) as never))
      .toMatchObject({ right: { endClaims: [] } })
  })

  it("claim.exists: withdrawing from a post with no claim names the post", () => {
    expect(refusedBy(withdraw([], "m1", "2024-03-01"))).toEqual(["claim.exists", "postId"])
    const post = Either.getOrThrow(open(5)).posts[0]!
    const claims = write([], Either.getOrThrow(claim(post, [], "m2", "2024-03-01")))
    expect(refusedBy(withdraw(claims, "m1", "2024-03-02"))).toEqual(["claim.exists", "memberId"])
  })

  it("the policy's category keys are distinct, and * is reserved for the matching", () => {
    const category = (key: string) => ({ key, zh: "类别", en: "Category", fromArticle: false })
    expect(() => CoConstructionConfig.make({ postCategories: [category("a"), category("a")] })).toThrow(/distinct/)
    expect(() => CoConstructionConfig.make({ postCategories: [category("a"), category("*")] })).toThrow(/reserved/)
    expect(CoConstructionConfig.make({ postCategories: [category("a")] }).postCategories.length).toBe(1)
  })

  it("post.category, post.team and the ids: the policy's categories, a team there on the day", () => {
    const result = (category: string, at = "2024-02-01", t: Volunteering.Team | null = team) =>
      refusedBy(CoConstructionRules.openPost(CoConstructionConfig.defaults, tenant, { idUsed: false, team: t ?? undefined }, decode({
        _tag: "OpenPost", id: "p1", teamId: "t1", title: "岗位", category, capacity: 1, at
      }) as never))
    expect(result("policy")).toEqual("accepted")
    expect(result("gardening")).toEqual(["post.category", "category"])
    expect(result("policy", "2023-12-31")).toEqual(["post.team", "teamId"])
    expect(result("policy", "2024-02-01", null)).toEqual(["post.team", "teamId"])
    expect(refusedBy(CoConstructionRules.formTeam(tenant, { idUsed: false, gridValid: false }, decode({
      _tag: "FormTeam", id: "t2", name: "队", gridCode: "131102009", at: "2024-01-01"
    }) as never))).toEqual(["team.grid", "gridCode"])
    // Eight categories by default, two of them the article's.
    expect(CoConstructionConfig.defaults.postCategories.length).toBe(8)
    expect(CoConstructionConfig.defaults.postCategories.filter((c) => c.fromArticle).map((c) => c.zh)).toEqual(["政策宣传", "生活服务"])
    let thrown: unknown
    try {
      CoConstructionConfig.make({ postCategories: [CoConstructionConfig.defaults.postCategories[0]!, CoConstructionConfig.defaults.postCategories[0]!] })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toMatchObject({ _tag: "ValidationError", field: "postCategories" })
  })

  it.prop("claim.exists and claim.backdated: a withdrawal needs the claim that day and no later change", [fc.integer({ min: -1, max: 1 })], ([offset]) => {
    const post = Either.getOrThrow(open(2)).posts[0]!
    const claims = write([], Either.getOrThrow(claim(post, [], "m1", "2024-04-01")))
    const result = withdraw(claims, "m1", day("2024-04-01", offset))
    expect(refusedBy(result)).toEqual(offset < 0 ? ["claim.backdated", "at"] : "accepted")
    expect(refusedBy(withdraw(claims, "m2", "2024-05-01"))).toEqual(["claim.exists", "memberId"])
  })
})
