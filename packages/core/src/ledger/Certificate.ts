/**
 * A volunteer service certificate (志愿服务记录证明, 第十四–十七条): for one volunteer and a
 * period, the service time, what the service was and the units that recorded it, as the
 * ledger stood at its issue (up to entry `asOfSeq`, whose chain hash it keeps). Its
 * verification code is a digest of all of that, so a receiver who is shown a
 * certificate asks the platform to check the code: the platform recomputes the figures
 * from the ledger and the chain and says whether they still agree. Personal data (name
 * in full, ID number) is printed only when the volunteer consented (第十六条).
 *
 * @since 0.4.0
 */
import { Schema } from "effect"
import { Tenant } from "../access/Tenant.js"
import { IdempotencyKey, sha256 } from "../idempotency/Idempotency.js"
import * as Text from "../text/Text.js"
import { IsoDate } from "../time/IsoDate.js"
import { dayOf } from "../time/LocalMinute.js"
import { type LedgerEntry, sign } from "./LedgerEntry.js"
import { VolunteerId } from "./LedgerVolunteer.js"

/**
 * Service time in one category.
 *
 * @since 0.4.0
 * @category schemas
 */
export const CategoryTime = Schema.Struct({ category: Text.Id, minutes: Schema.Int, entries: Schema.Int })

/**
 * @since 0.4.0
 * @category models
 */
export interface CategoryTime extends Schema.Schema.Type<typeof CategoryTime> {}

/**
 * @since 0.4.0
 * @category schemas
 */
export const Certificate = Schema.Struct({
  tenant: Tenant,
  /** The verification code, `XXXX-XXXX-XXXX-XXXX`. */
  code: Schema.String,
  key: IdempotencyKey,
  fingerprint: Schema.String,
  volunteerId: VolunteerId,
  from: IsoDate,
  to: IsoDate,
  /** Service time in minutes (net of corrections). */
  minutes: Schema.Int,
  /** Sessions counted (net of corrections). */
  entries: Schema.Int,
  /** Activities served in. */
  activities: Schema.Int,
  /** Service time by category, ordered by category. */
  categories: Schema.Array(CategoryTime),
  /** The organising units that recorded the service, in order. */
  recordedBy: Schema.Array(Text.Name),
  /** The unit that issues the certificate (the ledger's policy). */
  issuer: Text.Name,
  /** The ledger's last entry when issued, and its chain hash. */
  asOfSeq: Schema.Int,
  chainHash: Schema.String,
  issuedOn: IsoDate,
  issuedBy: Text.Id,
  /** Whether the volunteer's personal data may be printed (第十六条: their consent on the day). */
  disclose: Schema.Boolean,
  /**
   * SHA-256 of the volunteer's name and ID number when issued (`holderOf`): a check sees
   * whether the person the certificate names is still the one registered, without the
   * certificate keeping their data.
   */
  holder: Schema.String
})

/**
 * @since 0.4.0
 * @category models
 */
export interface Certificate extends Schema.Schema.Type<typeof Certificate> {}

/**
 * What a certificate states of a volunteer's entries (any order; one volunteer's) whose
 * session starts in the period, up to entry `asOfSeq`: minutes and sessions net of
 * corrections, the activities and organising units with a session standing, and time
 * by category (categories netting to nothing left out).
 *
 * @since 0.4.0
 * @category getters
 */
export const statement = (
  entries: ReadonlyArray<LedgerEntry>,
  from: IsoDate,
  to: IsoDate,
  asOfSeq: number
): Pick<Certificate, "minutes" | "entries" | "activities" | "categories" | "recordedBy"> => {
  let minutes = 0
  let count = 0
  const activities = new Map<string, number>()
  const organisers = new Map<string, number>()
  const categories = new Map<string, { minutes: number; entries: number }>()
  for (const e of entries) {
    if (e.seq > asOfSeq) continue
    const day = dayOf(e.startsAt)
    if (day < from || day > to) continue
    const s = sign(e)
    minutes += e.minutes
    count += s
    activities.set(e.activityId, (activities.get(e.activityId) ?? 0) + s)
    organisers.set(e.organiser, (organisers.get(e.organiser) ?? 0) + s)
    const c = categories.get(e.category) ?? { minutes: 0, entries: 0 }
    categories.set(e.category, { minutes: c.minutes + e.minutes, entries: c.entries + s })
  }
  const standing = (m: Map<string, number>) => Array.from(m).filter(([, n]) => n > 0).map(([k]) => k).sort()
  return {
    minutes,
    entries: count,
    activities: standing(activities).length,
    categories: Array.from(categories)
      .filter(([, t]) => t.entries !== 0 || t.minutes !== 0)
      .map(([category, t]) => ({ category: category as CategoryTime["category"], ...t }))
      .sort((a, b) => (a.category < b.category ? -1 : 1)),
    recordedBy: standing(organisers) as Certificate["recordedBy"]
  }
}

/**
 * The digest of a volunteer's identity a certificate keeps: SHA-256 of their name and
 * ID number (empty when none).
 *
 * @since 0.4.0
 * @category constructors
 */
export const holderOf = (volunteer: { readonly name: string; readonly citizenId: string | null }): string =>
  sha256(JSON.stringify([volunteer.name, volunteer.citizenId ?? ""]))

/**
 * Whether a string is a verification code as `normaliseCode` gives it.
 *
 * @since 0.4.0
 * @category predicates
 */
export const isCode = (code: string): boolean => /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/.test(code)

/** Crockford's base 32: no I, L, O or U, so a code read aloud or typed is not mistaken. */
const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

/**
 * The verification code of a certificate: 80 bits of SHA-256 over its fields (all but
 * the code and fingerprint; the key too, so two copies of one statement have two
 * codes), in Crockford base 32, four groups of four.
 *
 * @since 0.4.0
 * @category constructors
 */
export const codeOf = (c: Omit<Certificate, "code" | "fingerprint">): string => {
  const digest = sha256(
    JSON.stringify([
      c.tenant,
      c.key,
      c.volunteerId,
      c.from,
      c.to,
      c.minutes,
      c.entries,
      c.activities,
      c.categories.map((t) => [t.category, t.minutes, t.entries]),
      c.recordedBy,
      c.issuer,
      c.asOfSeq,
      c.chainHash,
      c.issuedOn,
      c.issuedBy,
      c.disclose,
      c.holder
    ])
  )
  let bits = BigInt(`0x${digest.slice(0, 20)}`)
  let code = ""
  for (let i = 0; i < 16; i++) {
    code = alphabet[Number(bits & 31n)] + code
    bits >>= 5n
  }
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8, 12)}-${code.slice(12)}`
}

/**
 * A code as a receiver may type it: case, spaces and dashes ignored, and the letters
 * Crockford reads as digits (I, L → 1; O → 0) taken as them.
 *
 * @since 0.4.0
 * @category utils
 */
export const normaliseCode = (input: string): string => {
  const s = input.toUpperCase().replace(/[\s-]/g, "").replace(/[IL]/g, "1").replace(/O/g, "0")
  return s.length === 16 ? `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}-${s.slice(12)}` : s
}
