/**
 * demand.pii: every free text a reader without `pii:read` sees — a demand's description,
 * its events' notes, its standing's note, Open311 `status_notes` — has its phone numbers
 * and ID numbers masked, in the shapes people write them; the audit log keeps no free
 * text at all.
 */
import { describe, expect, it } from "@effect/vitest"
import { Actor, Demands, FreeText, MemoryStore } from "@jiceng/core"
import { DemandIntents, Tenants } from "@jiceng/testkit"
import { DemandConformance } from "@jiceng/testkit/vitest"
import { Effect, FastCheck as fc, TestClock } from "effect"

const fullWidth = (s: string) => s.replace(/[0-9X+ ]/g, (c) => (c === " " ? "\u3000" : String.fromCharCode(c.charCodeAt(0) + 0xFEE0)))
const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(""))

/** A mobile number and one of the shapes people write it in. */
const phone = fc.tuple(fc.integer({ min: 3, max: 9 }), digits(9), fc.integer({ min: 0, max: 8 })).map(([second, rest, shape]) => {
  const p = `1${second}${rest}`
  const [a, b, c] = [p.slice(0, 3), p.slice(3, 7), p.slice(7)]
  const shaped = [p, `+86${p}`, `+86 ${p}`, `0086-${p}`, `${a} ${b} ${c}`, `${a}-${b}-${c}`, `+86 ${a} ${b} ${c}`, fullWidth(p), fullWidth(`${a} ${b} ${c}`)][shape]!
  return { value: p, shaped }
})

/** A resident ID number, 18 digits (the last maybe X) or 15 of the old format, bare or grouped. */
const idNumber = fc.tuple(fc.boolean(), digits(17), fc.constantFrom("0", "7", "X"), fc.integer({ min: 0, max: 3 })).map(([long, body, last, shape]) => {
  const id = long ? `${body}${last}` : body.slice(0, 15)
  const groups = long ? [id.slice(0, 6), id.slice(6, 14), id.slice(14)] : [id.slice(0, 6), id.slice(6, 12), id.slice(12)]
  const shaped = [id, groups.join(" "), groups.join("-"), fullWidth(id)][shape]!
  return { value: id, shaped }
})

/** Words around them, without digits (so that whatever digits a reader sees came from the numbers). */
const words = fc.array(fc.constantFrom("住户", "电话", "身份证", "楼道灯", "请联系", "，", "。", " ", "-", "+", "X", "x", "tel", "：", "（", "）", "a"), { maxLength: 6 }).map((w) => w.join(""))

const text = fc.tuple(words, fc.oneof(phone, idNumber), words, fc.oneof(phone, idNumber), words).map(([a, x, b, y, c]) => ({
  text: `住户${a}${x.shaped}，${b}${y.shaped}${c}。`,
  secrets: [x.value, y.value]
}))

/** What a reader can make out of a text: full-width digits read as digits, separators ignored. */
const readable = (s: string) => s.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xFEE0)).replace(/[\s\-\uFF0D+\uFF0B]/g, "")

/** No run of 7 digits or more survives: a mask keeps at most the first 6 and the last 4. */
const shows = (out: string) => /[0-9]{7,}/.test(readable(out))

describe("FreeText.scrub", () => {
  it.prop("demand.pii: phones (+86, spaced, hyphenated, full-width) and ID numbers (15 and 18 digits, grouped) in random text are masked", [text], ([t]) => {
    const out = FreeText.scrub(t.text)
    expect(shows(out), `${t.text} → ${out}`).toBe(false)
    for (const secret of t.secrets) expect(readable(out).includes(secret)).toBe(false)
  })

  it("keeps dates, times and short numbers; masks a mobile as 139****5678", () => {
    expect(FreeText.scrub("2024-03-01 09:00 3号楼2单元 共5户")).toBe("2024-03-01 09:00 3号楼2单元 共5户")
    expect(FreeText.scrub("电话+86 139 1234 5678。")).toBe("电话139****5678。")
    expect(FreeText.scrub("身份证11010519491231002X")).toBe("身份证110105********002X")
  })
})

describe("Demands: free text as a reader sees it", () => {
  it.effect.prop("demand.pii: a reader without pii:read never sees a phone or ID number in a description, a note, an event's note or status_notes; the audit log keeps none", [text, text], ([description, reason]) =>
    Effect.gen(function*() {
      yield* TestClock.setTime(DemandIntents.todayMs)
      const tenant = Tenants.fresh()
      yield* DemandIntents.writeScaffold(tenant)
      const service = yield* Demands.Demands
      const admin = Actor.system(tenant)
      yield* service.executeAllUnknown(admin, [
        { _tag: "IntakeDemand", id: "a", gridCode: `${tenant}001001001001001`, category: "property", source: "resident", description: description.text, requestedAt: "2024-03-01T09:00" },
        { _tag: "RejectDemand", demandId: "a", at: "2024-03-01T10:00", reason: reason.text }
      ]).pipe(Effect.orDie)
      const viewer = Actor.make({ id: "查看", tenant, roles: ["viewer"], scope: tenant })
      const view = (yield* service.demand(viewer, "a"))!
      const [request] = yield* service.requests(viewer)
      const seen = [view.description, view.note ?? "", ...view.events.map((e) => e.note ?? ""), request!.description, request!.status_notes]
      for (const s of seen) expect(shows(s), s).toBe(false)
      const history = yield* DemandIntents.history(tenant)
      for (const entry of history.audit) {
        for (const secret of [...description.secrets, ...reason.secrets]) expect(readable(entry.detail).includes(secret)).toBe(false)
      }
      // The holder of pii:read sees the words as written, and that read is audited.
      const full = (yield* service.demand(admin, "a"))!
      expect([full.description, full.note]).toEqual([description.text, reason.text])
      const after = (yield* DemandIntents.history(tenant)).audit
      expect(after.at(-1)!.action).toBe("ReadDemandPii")
    }).pipe(Effect.provide(DemandConformance.demandsOver(MemoryStore.layer))), { fastCheck: { numRuns: 20 } })

  it.effect("the review's case: a rejection's reason with a phone is masked in the demand, its history and Open311", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(DemandIntents.todayMs)
      const tenant = Tenants.fresh()
      yield* DemandIntents.writeScaffold(tenant)
      const service = yield* Demands.Demands
      yield* service.executeAllUnknown(Actor.system(tenant), [
        { _tag: "IntakeDemand", id: "a", gridCode: `${tenant}001001001001001`, category: "property", source: "resident", description: "停电", requestedAt: "2024-03-01T09:00" },
        { _tag: "RejectDemand", demandId: "a", at: "2024-03-01T10:00", reason: "属供电公司 居民电话13912345678" }
      ]).pipe(Effect.orDie)
      const viewer = Actor.make({ id: "查看", tenant, roles: ["viewer"], scope: tenant })
      expect((yield* service.demand(viewer, "a"))!.note).toBe("属供电公司 居民电话139****5678")
      expect((yield* service.requests(viewer))[0]!.status_notes).toBe("不属于本网格职责：属供电公司 居民电话139****5678")
      const audit = (yield* DemandIntents.history(tenant)).audit
      expect(audit.some((e) => e.detail.includes("供电公司"))).toBe(false)
    }).pipe(Effect.provide(DemandConformance.demandsOver(MemoryStore.layer))))
})
