/**
 * The co-construction domain's service-level conformance suite every Store adapter
 * runs: random command sequences through `CoConstructions.execute` never break the
 * invariants of `CoConstructionInvariants.breaches`, every refusal leaves every table
 * and the audit log as they were, every success writes exactly one audit entry, and
 * the results command by command (the changes, or the refusal's rule and field), the
 * histories and every read's answers — matchings included — equal the memory store's
 * after the same commands (the differential property); matchings are the same on every
 * store for the same data, ties and awkward ids included; then the scope of reads and
 * writes (`CoConstructionAccess`), bad input and unknown ids (`CoConstructionInput`),
 * batches and imports against one by one (`CoConstructionBatch`).
 *
 * The suites build their store once each and provide it to their tests (no `it.layer`),
 * so they may be registered in any order among a test file's top-level suites. Their
 * tenants are their own (`Tenants.nth` from 250,000 on).
 *
 * @since 0.3.0
 */
import { describe, expect, it } from "@effect/vitest"
import { Actor, CoConstructionConfig, CoConstructionInvariants, CoConstructions, Matching, MemoryStore, type Store } from "@jiceng/core"
import { Effect, FastCheck as fc, type Layer, TestClock } from "effect"
import * as CoConstructionIntents from "../arbitraries/CoConstructionIntents.js"
import * as GridIntents from "../arbitraries/GridIntents.js"
import { coConstructionAccess } from "./CoConstructionAccess.js"
import { coConstructionBatch } from "./CoConstructionBatch.js"
import { coConstructionInput } from "./CoConstructionInput.js"
import { freshTenant, over, type Services, sharedStore } from "./coConstructionSupport.js"
import { propertyRuns, type SuiteOptions } from "./support.js"

export {
  /**
   * The CoConstructions, Organisations and Grids services over a store, with the default
   * configurations.
   *
   * @since 0.3.0
   * @category layers
   */
  coConstructionsOver
} from "./coConstructionSupport.js"

/** Every command kind the service has. */
const kinds = [
  "EnrolUnit",
  "TransferUnit",
  "WithdrawUnit",
  "EnrolMember",
  "TransferEnrolment",
  "WithdrawMember",
  "SignAgreement",
  "ListNeed",
  "ListResource",
  "StartProject",
  "ReportProgress",
  "FormTeam",
  "OpenPost",
  "ClaimPost",
  "WithdrawClaim",
  "HoldJointMeeting",
  "CompleteTask"
]

/**
 * A denser data set for the matchings, in its own tenant: many needs and resources (and
 * posts and members) of equal scores, so that ties decide, and ids whose orders differ
 * by comparison (case, punctuation, full-width, beyond the Basic Multilingual Plane).
 */
const matchingData = (tenant: string): ReadonlyArray<unknown> => {
  const needIds = ["N1", "n1", "n-2", "n_2", "n10", "n2", "ｎ3", "𠀀4", "需求5", "Z6"]
  const resourceIds = ["R1", "r1", "r-2", "r10", "ｒ3", "𠀀r", "资源"]
  const postIds = ["P1", "p1", "p-2", "ｐ3", "𠀀p"]
  const memberIds = ["x1", "X2", "x-3", "ｘ4", "𠀀m", "x10", "x2"]
  const units = [1, 2, 3].map((n) => GridIntents.creditCode(tenant, n))
  const communities = ["001001", "001002", "002001"]
  const categories = ["electric", "health"]
  const skills: ReadonlyArray<ReadonlyArray<string>> = [[], ["electrician"], ["medicine"]]
  return [
    ...units.map((u, i) => ({ _tag: "EnrolUnit", creditCode: u, name: `单位${i}`, streetCode: `${tenant}00${1 + (i % 2)}`, at: "2024-01-01" })),
    ...needIds.map((id, i) => ({
      _tag: "ListNeed",
      id,
      gridCode: `${tenant}${communities[i % 3]}`,
      category: categories[i % 2],
      title: "需求",
      quantity: 1 + (i % 3),
      priority: i % 2,
      skills: skills[i % 3],
      at: "2024-02-01"
    })),
    ...resourceIds.map((id, i) => ({
      _tag: "ListResource",
      id,
      unitCreditCode: units[i % 3],
      gridCode: `${tenant}00${1 + (i % 2)}`,
      category: categories[i % 2],
      title: "资源",
      capacity: 1 + (i % 2),
      skills: skills[(i + 1) % 3],
      at: "2024-02-01"
    })),
    { _tag: "FormTeam", id: "队1", name: "一队", gridCode: `${tenant}001001`, at: "2024-01-01" },
    { _tag: "FormTeam", id: "队2", name: "二队", gridCode: `${tenant}002001`, at: "2024-01-01" },
    ...postIds.map((id, i) => ({
      _tag: "OpenPost",
      id,
      teamId: i % 2 === 0 ? "队1" : "队2",
      title: "岗位",
      category: ["living", "care", "policy"][i % 3],
      skills: i === 4 ? ["medicine"] : [],
      capacity: 1,
      at: "2024-02-01"
    })),
    ...memberIds.map((memberId, i) => ({
      _tag: "EnrolMember",
      memberId,
      communityCode: `${tenant}${communities[i % 3]}`,
      homeOrganisation: "外单位党支部",
      skills: skills[i % 3],
      interest: [null, "living", "care"][i % 3],
      at: "2024-01-15"
    }))
  ]
}

/** The matchings of a tenant's data, as every actor scoped to each street and the whole tenant asks for them. */
const matchings = (tenant: string) =>
  Effect.gen(function*() {
    const service = yield* CoConstructions.CoConstructions
    const admin = Actor.system(tenant)
    const out: Array<unknown> = []
    for (const root of [tenant, `${tenant}001`, `${tenant}002001`]) {
      out.push(yield* service.matchNeeds(admin, { root, at: "2024-06-01" }))
      out.push(yield* service.matchPosts(admin, { root, at: "2024-06-01" }))
    }
    // Flat scores and two candidates a demand: which candidates are kept is decided by id.
    const flat: Matching.Policy = {
      ...Matching.defaultPolicy,
      weights: { category: 1, skills: 0, distance: 0, priority: 0 },
      compatible: [{ demand: "electric", supply: "health", credit: 100 }, { demand: "health", supply: "electric", credit: 100 }],
      candidates: 2,
      rounds: 0
    }
    out.push(yield* service.matchNeeds(admin, { at: "2024-06-01", policy: flat }))
    out.push(yield* service.matchPosts(admin, { at: "2024-06-01", policy: { ...CoConstructions.postPolicy(CoConstructionConfig.defaults), candidates: 1, rounds: 0 } }))
    return out
  })

/**
 * Registers the suites for one store.
 *
 * @since 0.3.0
 * @category suites
 */
export const coConstructionConformance = <E>(
  name: string,
  store: Layer.Layer<Store.Store, E>,
  options: SuiteOptions = {}
): void => {
  const { propOptions, runs } = propertyRuns(options, 30)
  const intents = CoConstructionIntents.intents(options.maxIntents ?? 30)
  describe(`${name}: co-construction conformance`, () => {
    const provide = sharedStore(store)

    it.effect.prop(
      "random commands keep every invariant; refusals write nothing; one audit entry per success",
      [intents],
      ([ops]) =>
        provide(Effect.gen(function*() {
          const tenant = freshTenant()
          const outcomes = yield* CoConstructionIntents.run(tenant, ops)
          const history = yield* CoConstructionIntents.history(tenant)
          expect(CoConstructionInvariants.breaches(history)).toEqual([])
          const ok = outcomes.filter((o) => o.result === "ok")
          const scaffold = CoConstructionIntents.scaffoldEntries(tenant)
          expect(history.audit.length).toBe(scaffold + ok.length)
          expect(history.audit.map((e) => e.seq)).toEqual(history.audit.map((_, i) => i + 1))
          expect(history.audit.slice(scaffold).map((e) => e.action)).toEqual(
            ok.map((o) => (o.command as { readonly _tag: string })._tag)
          )
          // A member's skills go to the audit log by count only.
          for (const entry of history.audit.filter((e) => e.action === "EnrolMember" || e.action === "ClaimPost")) {
            expect(typeof JSON.parse(entry.detail).skills, entry.detail).toBe("number")
          }
        })),
      propOptions
    )

    // Of the intents, not the store: on a memory store, so that it costs every store little.
    it.effect("the random commands are accepted often enough, of every kind, and refused by many rules", () =>
      over(MemoryStore.layer)(Effect.gen(function*() {
        yield* TestClock.setTime(CoConstructionIntents.todayMs)
        // A fixed sample: enough successes of every kind that the properties test something.
        const samples = fc.sample(intents, { numRuns: 30, seed: 11 })
        const accepted = new Map<string, number>()
        const refused = new Set<string>()
        for (const ops of samples) {
          for (const o of yield* CoConstructionIntents.run(freshTenant(), ops, { checkRefusals: false })) {
            const tag = (o.command as { readonly _tag: string })._tag
            if (o.result === "ok") accepted.set(tag, (accepted.get(tag) ?? 0) + 1)
            else refused.add(o.result.replace(/@.*/, ""))
          }
        }
        expect(kinds.filter((k) => (accepted.get(k) ?? 0) === 0)).toEqual([])
        expect(refused.size, [...refused].sort().join("\n")).toBeGreaterThan(30)
      })), { timeout: 120_000 })

    if (options.differential !== false) {
      it.effect.prop(
        "the same results command by command, histories and answers (matchings included) as the memory store",
        [intents],
        ([ops]) =>
          provide(Effect.gen(function*() {
            const tenant = freshTenant()
            const outcomes = yield* CoConstructionIntents.run(tenant, ops, { checkRefusals: false })
            const answers = yield* CoConstructionIntents.answers(tenant)
            const reference = yield* over(MemoryStore.layer)(
              Effect.all([
                CoConstructionIntents.run(tenant, ops, { checkRefusals: false }),
                CoConstructionIntents.answers(tenant)
              ])
            )
            for (const [i, outcome] of outcomes.entries()) expect(outcome, `command ${i + 1}`).toEqual(reference[0][i])
            expect(outcomes.length).toBe(reference[0].length)
            expect(answers).toEqual(reference[1])
          })),
        propOptions
      )
    }

    it.effect("matchNeeds and matchPosts: the same solutions as the memory store (and as themselves) for the same data, ties and awkward ids included", () =>
      provide(Effect.gen(function*() {
        const tenant = freshTenant()
        const data = matchingData(tenant)
        const write: Effect.Effect<void, never, Services> = Effect.gen(function*() {
          yield* CoConstructionIntents.writeBase(tenant)
          yield* (yield* CoConstructions.CoConstructions).executeAllUnknown(Actor.system(tenant), data).pipe(Effect.orDie)
        })
        yield* write
        const first = yield* matchings(tenant)
        expect(yield* matchings(tenant)).toEqual(first)
        const reference = yield* over(MemoryStore.layer)(Effect.zipRight(write, matchings(tenant)))
        expect(first).toEqual(reference)
        // Something to decide: the tenant's problems assign and leave over units.
        const [needs, posts] = first as ReadonlyArray<{ readonly assignments: ReadonlyArray<unknown>; readonly unassigned: ReadonlyArray<unknown> }>
        expect(needs!.assignments.length).toBeGreaterThan(3)
        expect(needs!.unassigned.length).toBeGreaterThan(0)
        expect(posts!.assignments.length).toBeGreaterThan(2)
      })))

    coConstructionAccess(name, provide, { numRuns: Math.max(5, Math.ceil(runs / 2)) })
    coConstructionInput(name, provide)
    coConstructionBatch(name, provide, { numRuns: Math.max(8, Math.ceil(runs / 2)), maxIntents: options.maxIntents ?? 30 })
  })
}
