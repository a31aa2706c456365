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

/** Sorted keys by an object's own key list: objects of one shape sort their keys once. */
const sortedKeys = new Map<string, ReadonlyArray<string>>()

const keysOf = (value: object): ReadonlyArray<string> => {
  const keys = Object.keys(value)
  const shape = keys.join("\u0000")
  let sorted = sortedKeys.get(shape)
  if (sorted === undefined) {
    sorted = keys.slice().sort()
    if (sortedKeys.size < 10_000) sortedKeys.set(shape, sorted)
  }
  return sorted
}

const canonicalOf = (value: unknown): string => {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value)
    case "number":
    case "boolean":
      return JSON.stringify(value)
    case "undefined":
      return "null"
    case "object": {
      if (value === null) return "null"
      if (Array.isArray(value)) {
        let out = "["
        for (let i = 0; i < value.length; i++) out += (i > 0 ? "," : "") + canonicalOf(value[i])
        return out + "]"
      }
      let out = "{"
      let first = true
      for (const key of keysOf(value)) {
        const field = (value as Record<string, unknown>)[key]
        if (field === undefined) continue
        out += (first ? "" : ",") + JSON.stringify(key) + ":" + canonicalOf(field)
        first = false
      }
      return out + "}"
    }
    default:
      return JSON.stringify(value) ?? "null"
  }
}

/**
 * A value's canonical JSON: object keys sorted at every depth, undefined fields left
 * out.
 *
 * @since 0.4.0
 * @category utils
 */
export const canonical = (value: unknown): string => canonicalOf(value)

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
