/**
 * The signature of the generic webhook, and `verify` for receivers.
 *
 * Every request carries `X-Jiceng-Timestamp` (Unix seconds) and
 * `X-Jiceng-Signature: v1=<hex>`, where `<hex>` is the lowercase hexadecimal
 * HMAC-SHA256, keyed with the shared secret (UTF-8), of the UTF-8 string
 * `${timestamp}.${rawBody}`. Binding the timestamp into the signature lets a receiver
 * refuse replays older than its tolerance; `X-Jiceng-Id` (the notification id) lets it
 * drop repeats of a delivery retried after a timeout.
 *
 * @since 0.6.0
 */
import { createHmac, timingSafeEqual } from "node:crypto"
import { Redacted } from "effect"

/**
 * The header names, lowercase as Node's `IncomingMessage.headers` has them.
 *
 * @since 0.6.0
 * @category constants
 */
export const headerNames = {
  tenant: "x-jiceng-tenant",
  id: "x-jiceng-id",
  kind: "x-jiceng-kind",
  timestamp: "x-jiceng-timestamp",
  signature: "x-jiceng-signature"
} as const

/**
 * The version prefix of the signature header's value.
 *
 * @since 0.6.0
 * @category constants
 */
export const version = "v1"

/**
 * How far, by default, a timestamp may lie from the receiver's clock: five minutes.
 *
 * @since 0.6.0
 * @category constants
 */
export const defaultToleranceSeconds = 300

const plain = (secret: string | Redacted.Redacted<string>): string =>
  Redacted.isRedacted(secret) ? Redacted.value(secret) : secret

const bodyText = (body: string | Uint8Array): string =>
  typeof body === "string" ? body : Buffer.from(body).toString("utf8")

/**
 * The signature (lowercase hex, without the `v1=` prefix) of a body at a timestamp.
 *
 * @since 0.6.0
 * @category signing
 */
export const sign = (secret: string | Redacted.Redacted<string>, timestamp: number, body: string | Uint8Array): string =>
  createHmac("sha256", plain(secret)).update(`${timestamp}.${bodyText(body)}`, "utf8").digest("hex")

/**
 * Why `verify` refused a request.
 *
 * @since 0.6.0
 * @category models
 */
export type Rejection =
  | "missing-header"
  | "malformed-timestamp"
  | "stale"
  | "future"
  | "malformed-signature"
  | "bad-signature"
  | "headers-mismatch"

/**
 * What `verify` found: the request is genuine — with its tenant and id as the signed body
 * holds them (drop repeats by the two) and its timestamp —, or why not.
 *
 * @since 0.6.0
 * @category models
 */
export type Verification =
  | { readonly _tag: "Verified"; readonly tenant: string; readonly id: string; readonly timestamp: number }
  | { readonly _tag: "Rejected"; readonly reason: Rejection; readonly message: string }

/**
 * Options of `verify`: the tolerance in seconds (default 300) and the receiver's clock
 * in milliseconds since the epoch (default `Date.now()`).
 *
 * @since 0.6.0
 * @category models
 */
export interface VerifyOptions {
  readonly toleranceSeconds?: number
  readonly now?: number
}

/**
 * Request headers as Node (`IncomingMessage.headers`, lowercase) or fetch (`Headers`) has them.
 *
 * @since 0.6.0
 * @category models
 */
export type IncomingHeaders = Headers | Readonly<Record<string, string | ReadonlyArray<string> | undefined>>

const header = (headers: IncomingHeaders, name: string): string | undefined => {
  if (typeof (headers as Headers).get === "function") {
    return (headers as Headers).get(name) ?? undefined
  }
  const record = headers as Readonly<Record<string, string | ReadonlyArray<string> | undefined>>
  const key = Object.keys(record).find((k) => k.toLowerCase() === name)
  const value = key === undefined ? undefined : record[key]
  return typeof value === "string" ? value : value?.[0]
}

const rejected = (reason: Rejection, message: string): Verification => ({ _tag: "Rejected", reason, message })

/** The tenant and id of a signed body, or null when it is not a notification's JSON. */
const signedKey = (rawBody: string | Uint8Array): { readonly tenant: string; readonly id: string } | null => {
  try {
    const body: unknown = JSON.parse(bodyText(rawBody))
    if (typeof body !== "object" || body === null) return null
    const { id, tenant } = body as { readonly id?: unknown; readonly tenant?: unknown }
    return typeof id === "string" && typeof tenant === "string" ? { tenant, id } : null
  } catch {
    return null
  }
}

/**
 * Checks a request of the generic webhook: the headers are present, the timestamp lies
 * within the tolerance of the receiver's clock (neither stale nor in the future), and
 * the signature over `${timestamp}.${rawBody}` matches, compared in constant time; then
 * the tenant and id are read from the signed body, and the `X-Jiceng-Tenant` and
 * `X-Jiceng-Id` headers must name the same (`headers-mismatch`), since the headers are
 * not signed: a request replayed with another id in its header is refused. Pass the body
 * exactly as received (before any JSON parsing).
 *
 * @since 0.6.0
 * @category verifying
 */
export const verify = (
  headers: IncomingHeaders,
  rawBody: string | Uint8Array,
  secret: string | Redacted.Redacted<string>,
  options: VerifyOptions = {}
): Verification => {
  const id = header(headers, headerNames.id)
  const stamp = header(headers, headerNames.timestamp)
  const signature = header(headers, headerNames.signature)
  if (id === undefined || stamp === undefined || signature === undefined) {
    return rejected("missing-header", "X-Jiceng-Id, X-Jiceng-Timestamp and X-Jiceng-Signature are required")
  }
  if (!/^\d{1,12}$/.test(stamp)) {
    return rejected("malformed-timestamp", "X-Jiceng-Timestamp must be Unix seconds")
  }
  const timestamp = Number(stamp)
  const tolerance = options.toleranceSeconds ?? defaultToleranceSeconds
  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000)
  if (timestamp < nowSeconds - tolerance) {
    return rejected("stale", `the timestamp is more than ${tolerance} s old`)
  }
  if (timestamp > nowSeconds + tolerance) {
    return rejected("future", `the timestamp is more than ${tolerance} s ahead`)
  }
  const match = /^v1=([0-9a-f]{64})$/.exec(signature.trim())
  if (match === null) {
    return rejected("malformed-signature", "X-Jiceng-Signature must be v1=<64 lowercase hex digits>")
  }
  const expected = Buffer.from(sign(secret, timestamp, rawBody), "hex")
  const given = Buffer.from(match[1]!, "hex")
  if (!timingSafeEqual(expected, given)) return rejected("bad-signature", "the signature does not match")
  const signed = signedKey(rawBody)
  if (signed === null) return rejected("headers-mismatch", "the signed body holds no tenant and id")
  const tenantHeader = header(headers, headerNames.tenant)
  const matches = (value: string | undefined, exact: string) =>
    value === undefined || value === exact || value === encodeURIComponent(exact)
  if (!matches(id, signed.id) || !matches(tenantHeader, signed.tenant)) {
    return rejected("headers-mismatch", "X-Jiceng-Id or X-Jiceng-Tenant differs from the signed body")
  }
  return { _tag: "Verified", tenant: signed.tenant, id: signed.id, timestamp }
}
