import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc } from "effect"
import { toDeliveryError } from "../src/internal/failure.js"

const secret = fc.string({ unit: fc.constantFrom(..."abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789口令"), minLength: 10, maxLength: 30 })
const address = fc.tuple(fc.stringMatching(/^[a-z0-9.]{1,12}$/), fc.stringMatching(/^[a-z]{1,8}\.(cn|com|org)$/)).map(([l, d]) => `${l}@${d}`)

describe("email.failure", () => {
  it.prop(
    "email.failure: a 4xx reply is transient and a 5xx permanent, the code kept, no address or secret in the message",
    [fc.integer({ min: 400, max: 599 }), fc.constantFrom("EENVELOPE", "EAUTH", "EMESSAGE", "ESOCKET", "EPROTOCOL"), address, secret],
    ([status, code, to, pass]) => {
      const error = toDeliveryError("email", {
        code,
        responseCode: status,
        response: `${status} 5.1.1 <${to}>: refused (you sent ${pass})`,
        command: "RCPT TO"
      }, [pass])
      expect(error.permanent).toBe(status >= 500)
      expect(error.status).toBe(status)
      expect(error.message).toContain(String(status))
      expect(error.message).not.toContain(to)
      expect(error.message).not.toContain(pass)
    }
  )

  it("email.failure: without a reply, connection failures and timeouts are transient, a message that cannot be built permanent", () => {
    const transient = ["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ETLS", "EPROTOCOL", undefined]
    for (const code of transient) {
      const error = toDeliveryError("email", { code }, [])
      expect([code, error.permanent, error.status]).toEqual([code, false, undefined])
    }
    for (const code of ["EMESSAGE", "EENVELOPE"]) expect(toDeliveryError("email", { code }, []).permanent).toBe(true)
    expect(toDeliveryError("email", "not an error", []).permanent).toBe(false)
    const refused = toDeliveryError("email", { code: "ESOCKET", originalCode: "ECONNREFUSED", command: "CONN" }, [])
    expect(refused.message).toBe("the SMTP server refused the connection (ECONNREFUSED at CONN)")
    const reset = toDeliveryError("email", { code: "ESOCKET", originalCode: "ECONNRESET" }, [])
    expect(reset.message).toBe("the connection to the SMTP server failed (ESOCKET/ECONNRESET)")
  })
})
