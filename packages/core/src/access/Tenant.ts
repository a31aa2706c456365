/**
 * The tenant of every record: the district's (a county-level unit's) 6-digit GB/T 2260
 * region code (桃城区 is 131102). Every table carries it so that a PostgreSQL deployment
 * can be sharded by district.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as Decode from "../errors/Decode.js"
import * as RegionCode from "../identifiers/RegionCode.js"

/**
 * A county-level region code: 6 digits, a known province, neither a province's nor a
 * prefecture's code, except the prefecture-level cities without districts (东莞, 中山,
 * 儋州, 嘉峪关), which stand at county level themselves.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Tenant = Schema.String.pipe(
  Schema.filter((s) =>
    /^\d{6}$/.test(s)
      ? RegionCode.isCountyLevel(s) || `tenant.county: ${s} is not a county-level region code (GB/T 2260)`
      : "tenant.format: expected a 6-digit district region code"
  ),
  Schema.brand("Tenant")
)

/**
 * @since 0.1.0
 * @category models
 */
export type Tenant = typeof Tenant.Type

/**
 * A tenant from a code; throws the `ValidationError` (rule `tenant.format` or
 * `tenant.county`) for a code that is none.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (code: string): Tenant => Decode.decodeOrThrow(Tenant, code, { field: "tenant" })
