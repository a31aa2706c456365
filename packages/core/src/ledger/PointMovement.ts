/**
 * A movement of a volunteer's points (志愿积分) other than earning them: a redemption
 * (兑换) or an expiry, each negative. Points are earned on the ledger's entries
 * themselves (`LedgerEntry.points`), so a volunteer's balance is the sum of their
 * entries' points and these movements. Written once, under the idempotency key of the
 * write that made it.
 *
 * @since 0.4.0
 */
import { Schema } from "effect"
import { Tenant } from "../access/Tenant.js"
import { IdempotencyKey } from "../idempotency/Idempotency.js"
import * as Text from "../text/Text.js"
import { IsoDate } from "../time/IsoDate.js"
import { VolunteerId } from "./LedgerVolunteer.js"

/**
 * @since 0.4.0
 * @category schemas
 */
export const MovementKind = Schema.Literal("redeem", "expire")

/**
 * @since 0.4.0
 * @category models
 */
export type MovementKind = typeof MovementKind.Type

/**
 * @since 0.4.0
 * @category schemas
 */
export const PointMovement = Schema.Struct({
  tenant: Tenant,
  key: IdempotencyKey,
  fingerprint: Schema.String,
  volunteerId: VolunteerId,
  kind: MovementKind,
  /** The points taken: negative, or 0 for a write-off that found nothing expired (it keeps its key). */
  points: Schema.Int.pipe(Schema.nonPositive()),
  on: IsoDate,
  reason: Text.Line(500),
  recorder: Text.Id
})

/**
 * @since 0.4.0
 * @category models
 */
export interface PointMovement extends Schema.Schema.Type<typeof PointMovement> {}
