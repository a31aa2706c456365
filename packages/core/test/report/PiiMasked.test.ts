/**
 * report.pii-masked: on random workers, households and volunteers with random phones,
 * ID numbers and addresses (and residents' names), no roster, 台账 or certificate built for an actor without
 * `pii:read` holds any of them unmasked anywhere (the model serialised whole, searched
 * for every raw value), and nothing is audited; built for an actor with `pii:read`,
 * they appear (a certificate's ID number with the volunteer's consent) and each report
 * that shows them writes exactly one audit entry.
 */
import { describe, expect, it } from "@effect/vitest"
import { PersonalData } from "@jiceng/testkit"
import { Effect } from "effect"
import { layer } from "./fixtures.js"

// The random people, their writing and the reports built of them are the testkit's
// (PersonalData), shared with report.pii-every-format, which renders them through every
// back end.
const { administrator, data, reports, viewer, write } = PersonalData

describe("report.pii-masked", () => {
  it.effect.prop(
    "report.pii-masked: no model built without pii:read holds a raw phone, ID number, address or resident's name; with it they appear, one audit entry a report",
    [data],
    ([d]) =>
      Effect.gen(function*() {
        const codes = yield* write(d)
        const r = PersonalData.raw(d)
        // Phones, ID numbers, addresses and residents' names: households' and volunteers'.
        const raw = [...r.phones, ...r.citizenIds, ...r.addresses, ...r.names]

        const masked = yield* reports(viewer, codes)
        const text = JSON.stringify(masked.map((b) => b.report))
        for (const value of raw) expect(text.includes(value), value).toBe(false)
        expect(masked.map((b) => [b.report.kind, b.report.masked, b.audited])).toEqual(masked.map((b) => [b.report.kind, true, 0]))

        const whole = yield* reports(administrator, codes)
        const shown = JSON.stringify(whole.map((b) => b.report))
        // Certificates show an ID number only with the volunteer's consent (第十六条).
        const withheld = new Set(d.volunteers.filter((v) => !v.consent).map((v) => v.person.citizenId))
        const wholeIn = (kind: string) => JSON.stringify(whole.filter((b) => b.report.kind === kind).map((b) => b.report))
        for (const value of raw) expect(shown.includes(value), value).toBe(true)
        for (const v of d.volunteers) {
          if (v.person.citizenId !== null) expect(wholeIn("volunteer-certificate").includes(v.person.citizenId)).toBe(!withheld.has(v.person.citizenId))
        }
        // Exactly one audit entry for each report showing personal data, none for the others.
        for (const b of whole) expect([b.report.kind, b.audited]).toEqual([b.report.kind, b.report.masked ? 0 : 1])
        expect(whole.filter((b) => !b.report.masked).map((b) => b.report.kind)).toEqual([
          "worker-roster",
          "household-roster",
          "volunteer-ledger",
          ...d.volunteers.filter((v) => v.consent).map(() => "volunteer-certificate")
        ])
      }).pipe(Effect.provide(layer)),
    { fastCheck: { numRuns: 30 } }
  )
})
