/**
 * The 三联三服 schedule and its compliance: by default a contact every month and a visit
 * every quarter (一月一联系、一季一走访) for each link. A calendar slot (a month, a
 * quarter) is owed when the link held on every day of it, and met when the leader made a
 * contact of that kind to that target on any day of it — a visit being a contact too. The
 * check lists what is missing.
 *
 * @since 0.5.0
 */
import { Schema } from "effect"
import { compareStrings } from "../internal/compareStrings.js"
import { type Period, type Slot, slots } from "../organisation/Compliance.js"
import { Frequency } from "../organisation/OrganisationConfig.js"
import { addDays, within } from "../time/IsoDate.js"
import type { Contact, ContactKind, Link } from "./Liaison.js"

/**
 * How often each kind of contact is owed.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Schedule = Schema.Struct({ contact: Frequency, visit: Frequency })

/**
 * @since 0.5.0
 * @category models
 */
export interface Schedule extends Schema.Schema.Type<typeof Schedule> {}

/**
 * 一月一联系、一季一走访 (the 兰山区 practice; a policy).
 *
 * @since 0.5.0
 * @category constants
 */
export const defaults: Schedule = { contact: "month", visit: "quarter" }

/**
 * A contact owed and not made.
 *
 * @since 0.5.0
 * @category models
 */
export interface Missing {
  readonly leaderId: string
  readonly targetId: string
  readonly kind: ContactKind
  readonly slot: Slot
}

/**
 * The compliance of links over a period: slots owed, slots met, and what is missing
 * (ordered by leader, target, kind, slot).
 *
 * @since 0.5.0
 * @category models
 */
export interface Report {
  readonly period: Period
  readonly owed: number
  readonly met: number
  readonly missing: ReadonlyArray<Missing>
}

/** Whether a link held on every day of a slot. */
const heldThrough = (link: Link, slot: Slot) => within(slot.from, link.validFrom, link.validTo) && within(addDays(slot.to, -1), link.validFrom, link.validTo)

/**
 * What each link owed over a period and what is missing.
 *
 * @since 0.5.0
 * @category rules
 */
export const check = (schedule: Schedule, links: ReadonlyArray<Link>, contacts: ReadonlyArray<Contact>, period: Period): Report => {
  const made = new Map<string, Array<Contact>>()
  for (const c of contacts) {
    const key = `${c.leaderId}\u0000${c.targetId}`
    made.set(key, [...(made.get(key) ?? []), c])
  }
  let owed = 0
  let met = 0
  const missing: Array<Missing> = []
  const kinds: ReadonlyArray<ContactKind> = ["contact", "visit"]
  for (const link of links) {
    const mine = made.get(`${link.leaderId}\u0000${link.targetId}`) ?? []
    for (const kind of kinds) {
      for (const slot of slots(schedule[kind], period)) {
        if (!heldThrough(link, slot)) continue
        owed++
        const done = mine.some((c) => (kind === "contact" || c.kind === "visit") && c.on >= slot.from && c.on < slot.to)
        if (done) met++
        else missing.push({ leaderId: link.leaderId, targetId: link.targetId, kind, slot })
      }
    }
  }
  missing.sort((a, b) =>
    compareStrings(a.leaderId, b.leaderId) || compareStrings(a.targetId, b.targetId) || compareStrings(a.kind, b.kind) ||
    compareStrings(a.slot.from, b.slot.from)
  )
  return { period, owed, met, missing }
}
