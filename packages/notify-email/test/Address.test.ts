import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc } from "effect"
import { isEmailAddress, messageId } from "../src/internal/address.js"

const atom = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
const validMessageId = new RegExp(`^<${atom}(\\.${atom})*@[A-Za-z0-9.-]+>$`)

describe("email.messageId", () => {
  it.prop(
    "email.messageId: any notification id gives one valid Message-ID, the same every time, the id itself when it is a dot-atom",
    [fc.string({ minLength: 1, maxLength: 200, unit: "binary" }), fc.stringMatching(/^[a-z0-9._-]{1,40}$/)],
    ([id, plain]) => {
      const once = messageId(id, "notify.example.cn")
      expect(once).toMatch(validMessageId)
      expect(messageId(id, "notify.example.cn")).toBe(once)
      expect(once.length).toBeLessThan(300)
      if (/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/.test(plain)) {
        expect(messageId(plain, "notify.example.cn")).toBe(`<${plain}@notify.example.cn>`)
      }
    }
  )

  it.prop("email.messageId: different ids give different Message-IDs", [fc.string({ minLength: 1, maxLength: 50 }), fc.string({ minLength: 1, maxLength: 50 })], ([a, b]) => {
    fc.pre(a !== b)
    expect(messageId(a, "x.cn")).not.toBe(messageId(b, "x.cn"))
  })
})

describe("email.accepts", () => {
  it.prop("email.accepts: an address the generator builds from RFC 5321 parts is accepted", [
    fc.stringMatching(/^[a-z0-9+_-]{1,20}(\.[a-z0-9+_-]{1,10}){0,2}$/),
    fc.array(fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/), { minLength: 2, maxLength: 4 })
  ], ([local, labels]) => {
    expect(isEmailAddress(`${local}@${labels.join(".")}`)).toBe(true)
    expect(isEmailAddress(`${local}@${labels.join(".")}\r\nBcc: x@y.cn`)).toBe(false)
    expect(isEmailAddress(`${local} @${labels.join(".")}`)).toBe(false)
    expect(isEmailAddress(`${"a".repeat(65)}@${labels.join(".")}`)).toBe(false)
  })
})
