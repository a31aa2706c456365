import { describe, expect, it } from "@effect/vitest"
import { Signature } from "@jiceng/notify-webhook"
import { FastCheck as fc } from "effect"

const secrets = fc.string({ minLength: 8, maxLength: 64 })
/** Notification-shaped bodies: a tenant and id, and any other JSON or text beside them. */
const bodies = fc.tuple(fc.oneof(fc.jsonValue(), fc.string({ unit: "grapheme", maxLength: 200 })), fc.constantFrom(" ", "", "\n"))
  .map(([other, space]) => JSON.stringify({ id: "n-1", tenant: "131102", other }, null, space))
const timestamps = fc.integer({ min: 1_600_000_000, max: 2_000_000_000 })

const headersOf = (id: string, timestamp: number, signature: string) => ({
  "x-jiceng-id": id,
  "x-jiceng-timestamp": String(timestamp),
  "x-jiceng-signature": `v1=${signature}`
})

describe("Signature", () => {
  it.prop(
    "notify.webhook-signature: verify accepts what sign made with the same secret, and refuses another secret or any changed body",
    [secrets, secrets, bodies, timestamps, fc.nat()],
    ([secret, other, body, timestamp, at]) => {
      const headers = headersOf("n-1", timestamp, Signature.sign(secret, timestamp, body))
      const now = timestamp * 1000
      expect(Signature.verify(headers, body, secret, { now })).toEqual({ _tag: "Verified", tenant: "131102", id: "n-1", timestamp })
      expect(Signature.verify(headers, Buffer.from(body, "utf8"), secret, { now })._tag).toBe("Verified")
      const rejection = (v: Signature.Verification) => (v._tag === "Rejected" ? v.reason : "verified")
      if (other !== secret) expect(rejection(Signature.verify(headers, body, other, { now }))).toBe("bad-signature")
      const changed = body.length === 0 ? "x" : body.slice(0, at % body.length) + (body[at % body.length] === "a" ? "b" : "a") + body.slice((at % body.length) + 1)
      if (changed !== body) expect(rejection(Signature.verify(headers, changed, secret, { now }))).toBe("bad-signature")
    }
  )

  it.prop(
    "notify.webhook-signature: the tenant and id verified are the signed body's; a request replayed with another id or tenant in its unsigned headers is refused",
    [secrets, timestamps, fc.string({ minLength: 1, maxLength: 40 }), fc.constantFrom("x-jiceng-id", "x-jiceng-tenant")],
    ([secret, timestamp, forged, name]) => {
      const body = JSON.stringify({ id: "demand.assigned:d1:2", tenant: "131102", subject: "诉求交办" })
      const signature = Signature.sign(secret, timestamp, body)
      const now = timestamp * 1000
      const genuine = { ...headersOf(encodeURIComponent("demand.assigned:d1:2"), timestamp, signature), "x-jiceng-tenant": "131102" }
      expect(Signature.verify(genuine, body, secret, { now })).toEqual({ _tag: "Verified", tenant: "131102", id: "demand.assigned:d1:2", timestamp })
      const replayed = { ...genuine, [name]: forged }
      const sameAsSigned = forged === (name === "x-jiceng-id" ? "demand.assigned:d1:2" : "131102") ||
        forged === encodeURIComponent(name === "x-jiceng-id" ? "demand.assigned:d1:2" : "131102")
      const result = Signature.verify(replayed, body, secret, { now })
      expect(result._tag === "Rejected" ? result.reason : "verified").toBe(sameAsSigned ? "verified" : "headers-mismatch")
      // A signed body that is not a notification's JSON has no tenant and id to trust.
      const odd = Signature.verify(headersOf("n", timestamp, Signature.sign(secret, timestamp, "[1]")), "[1]", secret, { now })
      expect(odd._tag === "Rejected" ? odd.reason : "verified").toBe("headers-mismatch")
    }
  )

  it.prop(
    "notify.webhook-fresh: a timestamp within the tolerance of the receiver's clock is accepted, one beyond it refused as stale or future",
    [secrets, timestamps, fc.integer({ min: 1, max: 3600 }), fc.integer({ min: -10_000, max: 10_000 })],
    ([secret, timestamp, toleranceSeconds, skewSeconds]) => {
      const body = JSON.stringify({ id: "n-1", tenant: "131102" })
      const headers = headersOf("n-1", timestamp, Signature.sign(secret, timestamp, body))
      const result = Signature.verify(headers, body, secret, { toleranceSeconds, now: (timestamp + skewSeconds) * 1000 })
      const expected = skewSeconds > toleranceSeconds ? "stale" : skewSeconds < -toleranceSeconds ? "future" : "verified"
      expect(result._tag === "Rejected" ? result.reason : "verified").toBe(expected)
    }
  )

  it("the signature is the documented HMAC-SHA256 hex of `${timestamp}.${body}` (a fixed vector)", () => {
    // Computed independently: printf '1714528800.{"id":"n-1"}' | openssl dgst -sha256 -hmac 'whsec-test-vector'
    expect(Signature.sign("whsec-test-vector", 1714528800, "{\"id\":\"n-1\"}")).toBe(VECTOR)
  })
})

const VECTOR = "ded1f03c03f975070d8d66374a83d530ede37c267671b104166371d067910f88"
