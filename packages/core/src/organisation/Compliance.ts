/**
 * 三会一课 compliance: for a period, which meetings each organisation owed under the
 * policy's schedules (`OrganisationConfig.meetings`), which it held and which are
 * missing, with the reason in Chinese and English. A schedule cuts the period into
 * calendar slots (months, quarters, half-years, years); a slot is owed only when the
 * organisation existed — and, for a meeting that needs one, had its branch committee —
 * on every day of it, and it is held when a meeting of that kind falls on any of its
 * days. The slot a merge falls in is owed by the organisation the merge forms.
 *
 * @since 0.2.0
 */
import { Schema } from "effect"
import { compareStrings } from "../internal/compareStrings.js"
import { addDays, IsoDate, within } from "../time/IsoDate.js"
import type { Meeting } from "./Meeting.js"
import { MeetingKind, meetingKindLabels } from "./Meeting.js"
import type { Organisation } from "./Organisation.js"
import { OrganisationId, OrganisationKind } from "./Organisation.js"
import type { OrganisationConfigShape, Schedule } from "./OrganisationConfig.js"
import { Frequency } from "./OrganisationConfig.js"

/**
 * A half-open period of days, `[from, to)`.
 *
 * @since 0.2.0
 * @category schemas
 */
export const Period = Schema.Struct({
  from: IsoDate,
  to: IsoDate
})

/**
 * @since 0.2.0
 * @category models
 */
export interface Period extends Schema.Schema.Type<typeof Period> {}

/**
 * A calendar slot of a schedule, `[from, to)` (so `to` is the first day of the next
 * slot), with its label: `2024-03` (a month), `2024-Q1` (a quarter), `2024-H1` (a
 * half-year) or `2024` (a year).
 *
 * @since 0.2.0
 * @category schemas
 */
export const Slot = Schema.Struct({
  from: IsoDate,
  to: IsoDate,
  label: Schema.String
})

/**
 * @since 0.2.0
 * @category models
 */
export interface Slot extends Schema.Schema.Type<typeof Slot> {}

/**
 * A meeting owed and not held.
 *
 * @since 0.2.0
 * @category schemas
 */
export const Missing = Schema.Struct({
  organisationId: OrganisationId,
  /** The organisation's name on the slot's last day. */
  name: Schema.String,
  meetingKind: MeetingKind,
  slot: Slot,
  /** Why, e.g. `2024-Q1 无支部党员大会` / `no branch general meeting in 2024-Q1`. */
  reason: Schema.Struct({ zh: Schema.String, en: Schema.String })
})

/**
 * @since 0.2.0
 * @category models
 */
export interface Missing extends Schema.Schema.Type<typeof Missing> {}

/**
 * One organisation's record for one kind of meeting: the slots owed (`due`), those
 * held and those missing (`due` minus `held`), each in date order.
 *
 * @since 0.2.0
 * @category schemas
 */
export const KindCompliance = Schema.Struct({
  meetingKind: MeetingKind,
  frequency: Frequency,
  due: Schema.Array(Slot),
  held: Schema.Array(Slot),
  missing: Schema.Array(Slot)
})

/**
 * @since 0.2.0
 * @category models
 */
export interface KindCompliance extends Schema.Schema.Type<typeof KindCompliance> {}

/**
 * One organisation's record: every meeting kind whose schedule applies to its kind, in
 * the order of `MeetingKind`, even when nothing of that kind was due.
 *
 * @since 0.2.0
 * @category schemas
 */
export const OrganisationCompliance = Schema.Struct({
  organisationId: OrganisationId,
  /** The name of its last version in the period. */
  name: Schema.String,
  kind: OrganisationKind,
  meetings: Schema.Array(KindCompliance)
})

/**
 * @since 0.2.0
 * @category models
 */
export interface OrganisationCompliance extends Schema.Schema.Type<typeof OrganisationCompliance> {}

/**
 * Totals over every organisation and kind. `rate` is `held / due` as a plain number,
 * not rounded (round it where it is shown); it is 1 when nothing was due.
 *
 * @since 0.2.0
 * @category schemas
 */
export const Summary = Schema.Struct({
  due: Schema.Int.pipe(Schema.nonNegative()),
  held: Schema.Int.pipe(Schema.nonNegative()),
  missing: Schema.Int.pipe(Schema.nonNegative()),
  rate: Schema.Number.pipe(Schema.between(0, 1))
})

/**
 * @since 0.2.0
 * @category models
 */
export interface Summary extends Schema.Schema.Type<typeof Summary> {}

/**
 * A compliance report: per organisation (in id order), the flat list of missing
 * meetings (by organisation id, slot start, then meeting kind in the order of
 * `MeetingKind`), and the totals.
 *
 * @since 0.2.0
 * @category schemas
 */
export const Report = Schema.Struct({
  period: Period,
  organisations: Schema.Array(OrganisationCompliance),
  missing: Schema.Array(Missing),
  summary: Summary
})

/**
 * @since 0.2.0
 * @category models
 */
export interface Report extends Schema.Schema.Type<typeof Report> {}

const monthsOf: Readonly<Record<Frequency, number>> = { month: 1, quarter: 3, half_year: 6, year: 12 }

/** Months since year 0: `year × 12 + month − 1`. */
const monthIndex = (date: IsoDate): number => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1

const firstDay = (index: number): IsoDate =>
  `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}-01` as IsoDate

const labelOf = (frequency: Frequency, index: number): string => {
  const year = String(Math.floor(index / 12)).padStart(4, "0")
  const month = index % 12
  switch (frequency) {
    case "month":
      return `${year}-${String(month + 1).padStart(2, "0")}`
    case "quarter":
      return `${year}-Q${Math.floor(month / 3) + 1}`
    case "half_year":
      return `${year}-H${Math.floor(month / 6) + 1}`
    case "year":
      return year
  }
}

/**
 * The label of the slot of a frequency that holds a day (`2024-05-20`: `2024-05`,
 * `2024-Q2`, `2024-H1`, `2024`).
 *
 * @since 0.2.0
 * @category slots
 */
export const label = (frequency: Frequency, date: IsoDate): string => labelOf(frequency, monthIndex(date))

/**
 * The calendar slots of a frequency lying wholly inside a period, in date order: a
 * slot that begins before `from` or ends after `to` is left out.
 *
 * @since 0.2.0
 * @category slots
 */
export const slots = (frequency: Frequency, period: Period): ReadonlyArray<Slot> => {
  const length = monthsOf[frequency]
  const fromIndex = monthIndex(period.from)
  // The first slot starting on or after `from`: on `from` itself only when it is a 1st.
  const firstMonth = period.from.endsWith("-01") ? fromIndex : fromIndex + 1
  const result: Array<Slot> = []
  // The slot ends on the 1st of month `end`, inside the period when that month is not after `to`'s.
  const lastEnd = monthIndex(period.to)
  for (let start = Math.ceil(firstMonth / length) * length; start + length <= lastEnd; start += length) {
    result.push({ from: firstDay(start), to: firstDay(start + length), label: labelOf(frequency, start) })
  }
  return result
}

/** Merged intervals `[from, to)` (to null: open-ended) of versions, back-to-back ones joined. */
type Cover = ReadonlyArray<{ readonly from: IsoDate; readonly to: IsoDate | null }>

const coverOf = (versions: ReadonlyArray<Organisation>): Cover => {
  const sorted = [...versions].sort((a, b) => compareStrings(a.validFrom, b.validFrom))
  const merged: Array<{ from: IsoDate; to: IsoDate | null }> = []
  for (const v of sorted) {
    const last = merged[merged.length - 1]
    if (last !== undefined && (last.to === null || v.validFrom <= last.to)) {
      if (last.to !== null && (v.validTo === null || v.validTo > last.to)) last.to = v.validTo
    } else {
      merged.push({ from: v.validFrom, to: v.validTo })
    }
  }
  return merged
}

const covers = (cover: Cover, slot: Slot): boolean =>
  cover.some((c) => c.from <= slot.from && (c.to === null || slot.to <= c.to))

const applies = (schedule: Schedule, v: Organisation): boolean =>
  schedule.kinds.includes(v.kind) && (!schedule.needsCommittee || v.hasCommittee)

const reason = (meetingKind: MeetingKind, slot: Slot): Missing["reason"] => ({
  zh: `${slot.label} 无${meetingKindLabels[meetingKind].zh}`,
  en: `no ${meetingKindLabels[meetingKind].en} in ${slot.label}`
})

/**
 * Checks 三会一课 for a period `[from, to)`. `organisations` may hold versions of any
 * days and `meetings` meetings of any days; give one tenant's rows.
 *
 * For every organisation and every meeting kind whose schedule (`config.meetings`)
 * applies to the organisation's kind, the period is cut into the schedule's slots
 * (`slots`). A slot is due when on every day of it some version of the organisation is
 * valid whose kind the schedule applies to and — if the schedule `needsCommittee` — that
 * has a branch committee (back-to-back versions count; an organisation formed or
 * dissolved mid-slot owes nothing for that slot). A due slot is held when at least one
 * meeting of that kind of that organisation falls on one of its days; slots do not
 * overlap, so a meeting counts for exactly one slot. Meetings outside the period, of an
 * organisation not given, or in a slot not due are ignored.
 *
 * A merge hands the slot it falls in to the organisation it forms: that slot (one
 * beginning before the merge day and ending after it) is due from the merged
 * organisation when on every day of it the organisation or one of its predecessors
 * (and theirs, through earlier merges; those given) existed as above, and a meeting of
 * any of them in the slot holds it. The predecessors, dissolved mid-slot, owe nothing
 * for it, so the slot is owed once.
 *
 * Organisations appear when some version of theirs overlaps the period with a kind a
 * schedule applies to.
 *
 * @since 0.2.0
 * @category rules
 */
export const check = (
  config: OrganisationConfigShape,
  input: {
    readonly organisations: ReadonlyArray<Organisation>
    readonly meetings: ReadonlyArray<Meeting>
  },
  period: Period
): Report => {
  const versions = new Map<string, Array<Organisation>>()
  for (const v of input.organisations) {
    const list = versions.get(v.id)
    if (list === undefined) versions.set(v.id, [v])
    else list.push(v)
  }
  // Slot labels in which a meeting was held, by organisation and kind.
  const heldLabels = new Map<string, Set<string>>()
  for (const m of input.meetings) {
    const schedule = config.meetings[m.kind]
    if (schedule === undefined || m.date < period.from || m.date >= period.to) continue
    const key = `${m.organisationId}\u0000${m.kind}`
    const set = heldLabels.get(key) ?? new Set<string>()
    set.add(label(schedule.frequency, m.date))
    heldLabels.set(key, set)
  }
  const slotsOf = new Map<Frequency, ReadonlyArray<Slot>>()
  const slotsFor = (frequency: Frequency): ReadonlyArray<Slot> => {
    const known = slotsOf.get(frequency)
    if (known !== undefined) return known
    const made = slots(frequency, period)
    slotsOf.set(frequency, made)
    return made
  }

  const organisations: Array<OrganisationCompliance> = []
  const missing: Array<Missing> = []
  let due = 0
  let held = 0
  const ids = [...versions.keys()].sort(compareStrings)
  /** The organisations a merged one was formed from, and theirs through earlier merges. */
  const lineageOf = (id: string): ReadonlyArray<string> => {
    const seen = new Set<string>([id])
    const queue = [id]
    for (let i = 0; i < queue.length; i++) {
      for (const v of versions.get(queue[i]!) ?? []) {
        if (v.change !== "merge") continue
        for (const p of v.predecessors) {
          if (!seen.has(p)) {
            seen.add(p)
            queue.push(p)
          }
        }
      }
    }
    return queue.slice(1)
  }
  for (const id of ids) {
    const all = versions.get(id)!
    // Formed by a merge: it answers for the slot the merge falls in (see `check`).
    const merge = all.find((v) => v.change === "merge")
    const lineage = merge === undefined ? [] : lineageOf(id)
    const straddles = (slot: Slot) => merge !== undefined && slot.from < merge.validFrom && merge.validFrom < slot.to
    const inPeriod = all
      .filter((v) => v.validFrom < period.to && (v.validTo === null || v.validTo > period.from))
      .sort((a, b) => compareStrings(a.validFrom, b.validFrom))
    const last = inPeriod[inPeriod.length - 1]
    if (last === undefined) continue
    const meetings: Array<KindCompliance> = []
    for (const meetingKind of MeetingKind.literals) {
      const schedule = config.meetings[meetingKind]
      if (schedule === undefined || !inPeriod.some((v) => schedule.kinds.includes(v.kind))) continue
      const cover = coverOf(all.filter((v) => applies(schedule, v)))
      const labels = heldLabels.get(`${id}\u0000${meetingKind}`)
      const lineageCover = lineage.length === 0
        ? cover
        : coverOf([id, ...lineage].flatMap((o) => versions.get(o) ?? []).filter((v) => applies(schedule, v)))
      const heldIn = (slot: Slot) =>
        labels?.has(slot.label) === true ||
        (straddles(slot) && lineage.some((o) => heldLabels.get(`${o}\u0000${meetingKind}`)?.has(slot.label) === true))
      const kindDue = slotsFor(schedule.frequency).filter((slot) => covers(cover, slot) || (straddles(slot) && covers(lineageCover, slot)))
      const kindHeld = kindDue.filter(heldIn)
      const kindMissing = kindDue.filter((slot) => !heldIn(slot))
      for (const slot of kindMissing) {
        const lastDay = addDays(slot.to, -1)
        const version = all.find((v) => within(lastDay, v.validFrom, v.validTo))!
        missing.push({ organisationId: version.id, name: version.name, meetingKind, slot, reason: reason(meetingKind, slot) })
      }
      due += kindDue.length
      held += kindHeld.length
      meetings.push({
        meetingKind,
        frequency: schedule.frequency,
        due: kindDue,
        held: kindHeld,
        missing: kindMissing
      })
    }
    if (meetings.length > 0) organisations.push({ organisationId: last.id, name: last.name, kind: last.kind, meetings })
  }
  const order = (k: MeetingKind): number => MeetingKind.literals.indexOf(k)
  missing.sort((a, b) =>
    compareStrings(a.organisationId, b.organisationId) ||
    compareStrings(a.slot.from, b.slot.from) ||
    order(a.meetingKind) - order(b.meetingKind)
  )
  return {
    period,
    organisations,
    missing,
    summary: { due, held, missing: due - held, rate: due === 0 ? 1 : held / due }
  }
}

/**
 * The part of a report about one organisation, its summary recounted from it (an
 * organisation not in the report gives an empty one, with rate 1).
 *
 * @since 0.2.0
 * @category rules
 */
export const ofOrganisation = (report: Report, organisationId: string): Report => {
  const organisations = report.organisations.filter((o) => o.organisationId === organisationId)
  let due = 0
  let held = 0
  for (const o of organisations) {
    for (const k of o.meetings) {
      due += k.due.length
      held += k.held.length
    }
  }
  return {
    period: report.period,
    organisations,
    missing: report.missing.filter((m) => m.organisationId === organisationId),
    summary: { due, held, missing: due - held, rate: due === 0 ? 1 : held / due }
  }
}
