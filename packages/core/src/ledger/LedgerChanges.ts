/**
 * What a ledger command did, as the service returns it. `replayed` is true when the
 * write had been made before under the same key (or, for a registration, the same id)
 * with the same content: the result is the first write's and nothing changed.
 *
 * @since 0.4.0
 */
import type { Certificate } from "./Certificate.js"
import type { LedgerEntry } from "./LedgerEntry.js"
import type { Consent, LedgerVolunteer } from "./LedgerVolunteer.js"
import type { PointMovement } from "./PointMovement.js"
import type { ServiceActivity } from "./ServiceActivity.js"

/**
 * @since 0.4.0
 * @category models
 */
export type LedgerChanges =
  | { readonly _tag: "VolunteerRegistered"; readonly volunteer: LedgerVolunteer; readonly replayed: boolean }
  | { readonly _tag: "ConsentRecorded"; readonly consent: Consent; readonly replayed: boolean }
  | { readonly _tag: "ActivityRegistered"; readonly activity: ServiceActivity; readonly replayed: boolean }
  | {
    /** A session recorded, or a correction: its reversal, then its replacement if any. */
    readonly _tag: "Appended"
    readonly entries: ReadonlyArray<LedgerEntry>
    readonly replayed: boolean
  }
  | { readonly _tag: "PointsMoved"; readonly movements: ReadonlyArray<PointMovement>; readonly replayed: boolean }
  | { readonly _tag: "CertificateIssued"; readonly certificate: Certificate; readonly replayed: boolean }
