/**
 * A registered volunteer (注册志愿者) as the ledger knows them: the personal fields of
 * 《志愿服务记录与证明出具办法（试行）》 第五条 (name, ID number — which carries sex and
 * date of birth —, residence area, contact, skills, service categories), and, when
 * known, the party member and the work unit they serve from (双报到). A registration is
 * written once. Consent to disclose personal data (第十六条) is a dated record of its own.
 *
 * @since 0.4.0
 */
import { Schema } from "effect"
import { Tenant } from "../access/Tenant.js"
import { GridCode } from "../grid/Grid.js"
import { CitizenId } from "../identifiers/CitizenId.js"
import { CreditCode } from "../identifiers/CreditCode.js"
import { Phone } from "../identifiers/Phone.js"
import { MemberId } from "../organisation/Member.js"
import * as Text from "../text/Text.js"
import { IsoDate } from "../time/IsoDate.js"

/**
 * A volunteer id, chosen by the platform (a 志愿汇 or 中国志愿服务网 number, say).
 *
 * @since 0.4.0
 * @category schemas
 */
export const VolunteerId = Text.Id.pipe(Schema.brand("VolunteerId"))

/**
 * @since 0.4.0
 * @category models
 */
export type VolunteerId = typeof VolunteerId.Type

/**
 * @since 0.4.0
 * @category schemas
 */
export const LedgerVolunteer = Schema.Struct({
  tenant: Tenant,
  id: VolunteerId,
  name: Text.Name,
  citizenId: Schema.NullOr(CitizenId),
  phone: Schema.NullOr(Phone),
  /** The grid where the volunteer lives (居住区域). */
  gridCode: GridCode,
  skills: Schema.Array(Text.Id).pipe(Schema.maxItems(20)),
  /** Service categories (keys of the ledger policy) the volunteer offers. */
  categories: Schema.Array(Text.Id).pipe(Schema.maxItems(20)),
  /** The party member, when the volunteer is one. */
  memberId: Schema.NullOr(MemberId),
  /** The work unit the volunteer serves from (双报到), when known. */
  unitCreditCode: Schema.NullOr(CreditCode),
  registeredOn: IsoDate
})

/**
 * @since 0.4.0
 * @category models
 */
export interface LedgerVolunteer extends Schema.Schema.Type<typeof LedgerVolunteer> {}

/**
 * A volunteer's consent to disclose their personal data on certificates and reports
 * (第十六条), given or withdrawn on a day; a later record replaces an earlier one, and
 * one of the same day replaces the other.
 *
 * @since 0.4.0
 * @category schemas
 */
export const Consent = Schema.Struct({
  tenant: Tenant,
  volunteerId: VolunteerId,
  on: IsoDate,
  given: Schema.Boolean
})

/**
 * @since 0.4.0
 * @category models
 */
export interface Consent extends Schema.Schema.Type<typeof Consent> {}

/**
 * Whether the volunteer had consented on a day, from their consent records (any order).
 *
 * @since 0.4.0
 * @category getters
 */
export const consentedOn = (records: ReadonlyArray<Consent>, day: IsoDate): boolean => {
  let latest: Consent | undefined
  for (const r of records) if (r.on <= day && (latest === undefined || r.on > latest.on)) latest = r
  return latest?.given ?? false
}
