/**
 * 三联三服 compliance against its definition on random links and contacts: a month (for
 * contacts) or a quarter (for visits) is owed when the link held on each of its days, and
 * met by a contact of that kind in it — a visit counting as a contact.
 */
import { describe, expect, it } from "@effect/vitest"
import { IsoDate, type Liaison, LiaisonCompliance } from "@jiceng/core"
import { FastCheck as fc } from "effect"

const tenant = "371302" as Liaison.Link["tenant"]
const d = IsoDate.unsafeMake
const day = fc.integer({ min: 0, max: 730 }).map((n) => IsoDate.addDays(d("2023-01-01"), n))

const linkArb = fc.record({
  leader: fc.constantFrom("L1", "L2"),
  target: fc.constantFrom("E1", "V1", "R1"),
  from: day,
  length: fc.option(fc.integer({ min: 1, max: 600 }), { nil: null })
}).map((l): Liaison.Link => ({
  tenant,
  id: `${l.leader}/${l.target}` as Liaison.LinkId,
  gridCode: "371302001" as Liaison.Link["gridCode"],
  leaderId: l.leader,
  targetId: l.target,
  targetKind: l.target.startsWith("E") ? "enterprise" : l.target.startsWith("V") ? "village_community" : "residents",
  validFrom: l.from,
  validTo: l.length === null ? null : IsoDate.addDays(l.from, l.length)
}))

const contactArb = fc.record({ leader: fc.constantFrom("L1", "L2"), target: fc.constantFrom("E1", "V1", "R1"), kind: fc.constantFrom("contact" as const, "visit" as const), on: day })
  .map((c): Liaison.Contact => ({ tenant, id: `c-${c.leader}-${c.on}` as Liaison.ContactId, linkId: `${c.leader}/${c.target}` as Liaison.LinkId, leaderId: c.leader, targetId: c.target, kind: c.kind, on: c.on }))

/** The months (1) or quarters (3) of 2023–2024, by their first and next-first days. */
const calendar = (months: number) =>
  Array.from({ length: 24 / months }, (_, i) => ({ from: IsoDate.addMonths(d("2023-01-01"), i * months), to: IsoDate.addMonths(d("2023-01-01"), (i + 1) * months) }))

describe("LiaisonCompliance", () => {
  it.prop("liaison.schedule: owed and missing equal their definition, day by day", [
    fc.uniqueArray(linkArb, { maxLength: 4, selector: (l) => `${l.leaderId}/${l.targetId}` }),
    fc.array(contactArb, { maxLength: 40 })
  ], ([links, contacts]) => {
    const report = LiaisonCompliance.check(LiaisonCompliance.defaults, links, contacts, { from: d("2023-01-01"), to: d("2025-01-01") })
    let owed = 0
    const missing: Array<string> = []
    for (const link of links) {
      for (const [kind, months] of [["contact", 1], ["visit", 3]] as const) {
        for (const slot of calendar(months)) {
          let held = true
          for (let x = slot.from; x < slot.to; x = IsoDate.addDays(x, 1)) held &&= IsoDate.within(x, link.validFrom, link.validTo)
          if (!held) continue
          owed++
          const made = contacts.some((c) => c.leaderId === link.leaderId && c.targetId === link.targetId && c.on >= slot.from && c.on < slot.to && (kind === "contact" || c.kind === "visit"))
          if (!made) missing.push(`${link.leaderId}/${link.targetId}/${kind}/${slot.from}`)
        }
      }
    }
    expect(report.owed).toBe(owed)
    expect(report.met).toBe(owed - missing.length)
    expect(report.missing.map((m) => `${m.leaderId}/${m.targetId}/${m.kind}/${m.slot.from}`).sort()).toEqual(missing.sort())
  })

  it("a visit is also a contact; a month the link did not hold throughout is not owed", () => {
    const link: Liaison.Link = { tenant, id: "k1" as Liaison.LinkId, gridCode: "371302001" as Liaison.Link["gridCode"], leaderId: "L1", targetId: "E1", targetKind: "enterprise", validFrom: d("2024-01-15"), validTo: null }
    const report = LiaisonCompliance.check(LiaisonCompliance.defaults, [link], [
      { tenant, id: "c1" as Liaison.ContactId, linkId: link.id, leaderId: "L1", targetId: "E1", kind: "visit", on: d("2024-02-10") }
    ], { from: d("2024-01-01"), to: d("2024-04-01") })
    expect(report.missing.map((m) => [m.kind, m.slot.label])).toEqual([["contact", "2024-03"]])
    expect([report.owed, report.met]).toEqual([2, 1])
  })
})
