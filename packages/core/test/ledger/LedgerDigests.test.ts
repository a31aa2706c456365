/**
 * The digests the ledger's write path makes quickly are the documented ones, byte for
 * byte: a RecordService's fingerprint is `Idempotency.fingerprint` (SHA-256 of its
 * canonical JSON without the key) whatever its text holds — quotes, backslashes,
 * control characters, lone surrogates, Chinese — and an entry's link is SHA-256 of the
 * previous hash, a newline and its chain fields.
 */
import { describe, expect, it } from "@effect/vitest"
import { HashChain, Idempotency, LedgerCommand, LedgerEntry } from "@jiceng/core"
import { createHash } from "node:crypto"
import { FastCheck as fc, Schema } from "effect"
import * as Fingerprints from "../../src/internal/ledger/fingerprints.js"
import { session } from "./fixtures.js"

/** Text of any characters, the ones JSON escapes often among them. */
const anyText = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.string({ unit: "binary", minLength: 1, maxLength: 12 }),
  fc.stringMatching(/^[a-z"\\\u0001\u001f中文\ud800\udc00]{1,8}$/),
  fc.constantFrom("入户走访独居老人", "say \"hi\"", "a\\b", "tab\there", "\ud83d\ude00", "\ud800")
)

const recordService = fc.record({
  _tag: fc.constant("RecordService"),
  key: fc.string({ minLength: 1, maxLength: 20 }),
  volunteerId: fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/),
  activityId: fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/),
  teamId: fc.option(fc.stringMatching(/^T-[0-9]{1,4}$/), { nil: null }),
  postId: fc.option(fc.stringMatching(/^P-[0-9]{1,4}$/), { nil: null }),
  servicePoint: fc.option(fc.stringMatching(/^[a-z0-9-]{1,10}$/), { nil: null }),
  gridCode: fc.option(fc.constantFrom("131102", "131102001", "131102001001"), { nil: null }),
  startsAt: fc.constantFrom("2024-03-01T08:00", "2024-12-31T23:30"),
  endsAt: fc.constantFrom("2024-03-01T09:00", "2025-01-01T01:00"),
  content: anyText,
  residentsServed: fc.nat({ max: 1_000_000 }),
  mattersDone: fc.nat({ max: 100_000 })
})

const decode = Schema.decodeUnknownEither(LedgerCommand.RecordService)

describe("the ledger's digests", () => {
  it.prop("a RecordService's quick fingerprint is Idempotency.fingerprint", [recordService], ([input]) => {
    const decoded = decode(input)
    // Text the command refuses (a control character in content, say) never reaches the ledger.
    fc.pre(decoded._tag === "Right")
    if (decoded._tag !== "Right") return
    expect(Fingerprints.recordService(decoded.right)).toBe(Idempotency.fingerprint(decoded.right))
  }, { fastCheck: { numRuns: 500 } })

  it("a command of another shape takes the generic fingerprint", () => {
    const command = Schema.decodeUnknownSync(LedgerCommand.RecordService)({
      _tag: "RecordService",
      key: "k",
      volunteerId: "v",
      activityId: "a",
      startsAt: "2024-03-01T08:00",
      endsAt: "2024-03-01T09:00",
      content: "x"
    })
    const extended = Object.assign(Object.create(Object.getPrototypeOf(command)), command, { extra: "field" })
    expect(Fingerprints.recordService(extended)).toBe(Idempotency.fingerprint(extended))
    expect(Fingerprints.recordService(extended)).not.toBe(Idempotency.fingerprint(command))
  })

  it.prop("an entry's link is SHA-256 of the previous hash, a newline and its chain fields", [
    fc.string({ minLength: 1, maxLength: 64 }),
    anyText,
    fc.option(anyText, { nil: null })
  ], ([previous, content, reason]) => {
    const entry = session("131102", 7, { content: content as never, reason: reason as never })
    const expected = createHash("sha256").update(previous).update("\n").update(LedgerEntry.chainFields(entry)).digest("hex")
    expect(HashChain.link(previous, entry)).toBe(expected)
  })
})
