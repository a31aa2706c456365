/**
 * The tenant of every record: the district's 6-digit GB/T 2260 region code
 * (桃城区 is 131102). Every table carries it so that a PostgreSQL deployment can be
 * sharded by district.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * @since 0.1.0
 * @category schemas
 */
export const Tenant = Schema.String.pipe(
  Schema.filter((s) => /^\d{6}$/.test(s) || "tenant.format: expected a 6-digit district region code"),
  Schema.brand("Tenant")
)

/**
 * @since 0.1.0
 * @category models
 */
export type Tenant = typeof Tenant.Type

/**
 * @since 0.1.0
 * @category constructors
 */
export const make = (code: string): Tenant => Schema.decodeSync(Tenant)(code)
