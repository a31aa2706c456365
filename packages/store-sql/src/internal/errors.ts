import type { SqlError } from "@effect/sql/SqlError"
import { StoreError } from "@jiceng/core"

/**
 * The driver's error code, which names the kind of failure without the values a
 * driver's message may quote: PostgreSQL's SQLSTATE (`23505`), SQLite's code
 * (`SQLITE_CONSTRAINT_PRIMARYKEY`), Node's (`ECONNREFUSED`).
 *
 * @internal
 */
export const driverCode = (cause: unknown): string | undefined => {
  if (typeof cause !== "object" || cause === null || !("code" in cause)) return undefined
  const code = (cause as { readonly code: unknown }).code
  return typeof code === "string" && /^[A-Za-z0-9_]{1,64}$/.test(code) ? code : undefined
}

/**
 * A `SqlError` as core's `StoreError`, naming the repository operation and the
 * driver's error code. The driver's own message stays in `cause` (for logs) and out
 * of `message`: it may quote the values of the row that failed, personal data
 * included.
 *
 * @internal
 */
export const fromSqlError = (operation: string) => (error: SqlError): StoreError.StoreError => {
  const code = driverCode(error.cause)
  return new StoreError.StoreError({
    operation,
    message: `${operation} failed${code === undefined ? "" : ` (${code})`}: ${error.message}`,
    cause: error
  })
}

/**
 * A row that cannot be read back (for example duties that are not a JSON array).
 *
 * @internal
 */
export const corruptRow = (operation: string, message: string): StoreError.StoreError =>
  new StoreError.StoreError({ operation, message })
