import type { SqlError } from "@effect/sql/SqlError"
import { StoreError } from "@jiceng/core"

const driverMessage = (cause: unknown): string | undefined =>
  typeof cause === "object" && cause !== null && "message" in cause && typeof cause.message === "string"
    ? cause.message
    : undefined

/**
 * A `SqlError` as core's `StoreError`, naming the repository operation; the driver's
 * own message (constraint, syntax, connection) is kept because `SqlError`'s is generic.
 *
 * @internal
 */
export const fromSqlError = (operation: string) => (error: SqlError): StoreError.StoreError => {
  const detail = driverMessage(error.cause)
  return new StoreError.StoreError({
    operation,
    message: detail === undefined ? error.message : `${error.message}: ${detail}`,
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
