/**
 * Idempotency keys, after TigerBeetle and Formance: a client gives every write a key of
 * its own choosing and, after a timeout or a crash, sends the same write with the same
 * key again. The same key with the same content gets the first write's result back and
 * changes nothing; the same key with other content is an `IdempotencyConflict`.
 *
 * "The same content" is the command's fingerprint: SHA-256 over its canonical JSON (keys
 * sorted at every depth, the key itself left out), so the order of a request's fields
 * does not matter, and a value that decodes to the same command is the same command.
 *
 * The ledger keeps a key on each of its entries; other domains keep theirs in the
 * `IdempotencyStore` port (the key, the fingerprint and the result), through
 * `executeKeyed` on their services.
 *
 * @since 0.4.0
 */
import { createHash } from "node:crypto"
import { Schema } from "effect"
import * as Text from "../text/Text.js"

/**
 * A client's idempotency key: up to 128 characters of its choosing (a UUID, say).
 *
 * @since 0.4.0
 * @category schemas
 */
export const IdempotencyKey = Text.Line(128).pipe(Schema.brand("IdempotencyKey"))

/**
 * @since 0.4.0
 * @category models
 */
export type IdempotencyKey = typeof IdempotencyKey.Type

const canonicalInto = (value: unknown, out: Array<string>): void => {
  if (value === null || typeof value !== "object") {
    out.push(value === undefined ? "null" : JSON.stringify(value))
    return
  }
  if (Array.isArray(value)) {
    out.push("[")
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(",")
      canonicalInto(value[i], out)
    }
    out.push("]")
    return
  }
  const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort()
  out.push("{")
  for (let i = 0; i < keys.length; i++) {
    if (i > 0) out.push(",")
    out.push(JSON.stringify(keys[i]), ":")
    canonicalInto((value as Record<string, unknown>)[keys[i]!], out)
  }
  out.push("}")
}

/**
 * A value's canonical JSON: object keys sorted at every depth, undefined fields left
 * out.
 *
 * @since 0.4.0
 * @category utils
 */
export const canonical = (value: unknown): string => {
  const out: Array<string> = []
  canonicalInto(value, out)
  return out.join("")
}

/**
 * SHA-256 (hex) of a string.
 *
 * @since 0.4.0
 * @category utils
 */
export const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex")

/**
 * A command's fingerprint: SHA-256 of its canonical JSON without its `key` field.
 *
 * @since 0.4.0
 * @category utils
 */
export const fingerprint = (command: object): string => {
  const { key: _key, ...rest } = command as Record<string, unknown>
  return sha256(canonical(rest))
}

/**
 * What a write with a key does, given the fingerprint the key was first used with (if
 * it was): `fresh` — write it; `replay` — return the first result; `conflict` — refuse.
 *
 * @since 0.4.0
 * @category models
 */
export type Outcome = "fresh" | "replay" | "conflict"

/**
 * @since 0.4.0
 * @category utils
 */
export const outcome = (first: string | undefined, fingerprint: string): Outcome =>
  first === undefined ? "fresh" : first === fingerprint ? "replay" : "conflict"
