/**
 * The organisation domain's service-level conformance suite every Store adapter runs:
 * random command sequences through `Organisations.execute` never break the invariants
 * of `OrganisationInvariants.breaches`, every refusal leaves every table and the audit
 * log as they were, every success writes exactly one audit entry, and the histories and
 * read answers equal the memory store's after the same commands (the differential
 * property); then the scope of reads and writes (`OrganisationAccess`), bad input and
 * the rules the issue names (`OrganisationInput`), batches and imports against one by
 * one (`OrganisationBatch`).
 *
 * The suites build their store once each and provide it to their tests (no `it.layer`),
 * so they may be registered in any order among a test file's top-level suites.
 *
 * @since 0.2.0
 */
import { describe, expect, it } from "@effect/vitest"
import { MemoryStore, OrganisationInvariants, type Store } from "@jiceng/core"
import { Effect, FastCheck as fc, type Layer } from "effect"
import * as OrganisationIntents from "../arbitraries/OrganisationIntents.js"
import { organisationAccess } from "./OrganisationAccess.js"
import { organisationBatch } from "./OrganisationBatch.js"
import { organisationInput } from "./OrganisationInput.js"
import { over, sharedStore } from "./organisationSupport.js"
import { freshTenant, propertyRuns, type SuiteOptions } from "./support.js"

export {
  /**
   * The Organisations and Grids services over a store, with the default configurations.
   *
   * @since 0.2.0
   * @category layers
   */
  organisationsOver
} from "./organisationSupport.js"

/** The days the differential reads on. */
const days = ["2023-06-30", "2024-03-15", "2024-07-01", "2024-12-31"]

/** The scaffold's audit entries: its grids, organisations and members. */
const scaffoldEntries = (tenant: string) =>
  OrganisationIntents.gridScaffold(tenant).length + OrganisationIntents.scaffold(tenant).length

/**
 * Registers the suites for one store.
 *
 * @since 0.2.0
 * @category suites
 */
export const organisationConformance = <E>(
  name: string,
  store: Layer.Layer<Store.Store, E>,
  options: SuiteOptions = {}
): void => {
  const { propOptions, runs } = propertyRuns(options, 30)
  const intents = OrganisationIntents.intents(options.maxIntents ?? 30)
  describe(`${name}: organisation conformance`, () => {
    const provide = sharedStore(store)

    it.effect.prop(
      "random commands keep every invariant; refusals write nothing; one audit entry per success",
      [intents],
      ([ops]) =>
        provide(Effect.gen(function*() {
          const tenant = freshTenant()
          const outcomes = yield* OrganisationIntents.run(tenant, ops)
          const history = yield* OrganisationIntents.history(tenant)
          expect(OrganisationInvariants.breaches(history)).toEqual([])
          const ok = outcomes.filter((o) => o.result === "ok")
          expect(history.audit.length).toBe(scaffoldEntries(tenant) + ok.length)
          expect(history.audit.map((e) => e.seq)).toEqual(history.audit.map((_, i) => i + 1))
          expect(history.audit.slice(scaffoldEntries(tenant)).map((e) => e.action)).toEqual(
            ok.map((o) => (o.command as { readonly _tag: string })._tag)
          )
          // Nothing personal in the audit log: the members' names and phones.
          for (const entry of history.audit) expect(entry.detail).not.toMatch(/党员|19912345678|19987654321/)
        })),
      propOptions
    )

    it.effect("the random commands are accepted often enough, and refused by many rules", () =>
      provide(Effect.gen(function*() {
        // A fixed sample: enough successes of every kind that the properties test something.
        const samples = fc.sample(intents, { numRuns: 20, seed: 11 })
        const accepted = new Map<string, number>()
        const refused = new Set<string>()
        for (const ops of samples) {
          for (const o of yield* OrganisationIntents.run(freshTenant(), ops, { checkRefusals: false })) {
            const tag = (o.command as { readonly _tag: string })._tag
            if (o.result === "ok") accepted.set(tag, (accepted.get(tag) ?? 0) + 1)
            else refused.add(o.result)
          }
        }
        for (const tag of ["FormOrganisation", "AdmitMember", "ArriveMember", "JoinTemporary", "RecordMeeting"]) {
          expect(accepted.get(tag) ?? 0, tag).toBeGreaterThan(0)
        }
        expect(accepted.size).toBeGreaterThanOrEqual(9)
        expect(refused.size).toBeGreaterThan(12)
      })), { timeout: 120_000 })

    if (options.differential !== false) {
      it.effect.prop(
        "the same histories and answers as the memory store after the same commands",
        [intents],
        ([ops]) =>
          provide(Effect.gen(function*() {
            const tenant = freshTenant()
            const outcomes = yield* OrganisationIntents.run(tenant, ops, { checkRefusals: false })
            const answers = yield* OrganisationIntents.answers(tenant, days)
            const reference = yield* over(MemoryStore.layer)(
              Effect.all([
                OrganisationIntents.run(tenant, ops, { checkRefusals: false }),
                OrganisationIntents.answers(tenant, days)
              ])
            )
            expect(outcomes).toEqual(reference[0])
            expect(answers).toEqual(reference[1])
          })),
        propOptions
      )
    }

    organisationAccess(name, provide, { numRuns: Math.max(5, Math.ceil(runs / 2)) })
    organisationInput(name, provide)
    organisationBatch(name, provide, { numRuns: Math.max(8, Math.ceil(runs / 2)), maxIntents: options.maxIntents ?? 30 })
  })
}
