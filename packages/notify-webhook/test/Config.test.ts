import { describe, expect, it } from "@effect/vitest"
import type { NotifierBackend } from "@jiceng/core"
import { DingTalk, Feishu, WeCom, Webhook } from "@jiceng/notify-webhook"
import { HttpReceiver } from "@jiceng/testkit"
import { Effect, FastCheck as fc, Redacted } from "effect"
import { notification } from "./support/Notifications.js"

const secret = "s3cr3t-value-9f8e7d6c"
const r = Redacted.make(secret)

type Make = (url: string, value: Redacted.Redacted<string>) => Effect.Effect<NotifierBackend.NotifierBackend, NotifierBackend.NotifierConfigError>

/** Each back end, made with `value` as every one of its secrets. */
const backends: ReadonlyArray<readonly [string, Make]> = [
  ["webhook", (url, value) => Webhook.make({ url, secret: value })],
  ["wecom", (url, value) => WeCom.make({ url, key: value })],
  ["dingtalk", (url, value) => DingTalk.make({ url, accessToken: value, secret: value })],
  ["feishu", (url, value) => Feishu.make({ url, token: value, secret: value })]
]

const refusal = <A>(effect: Effect.Effect<A, NotifierBackend.NotifierConfigError>) =>
  Effect.map(Effect.flip(effect), (e) => [e._tag, e.backend, e.field] as const)

/** Everything an error shows: its message, its string and JSON forms. */
const shown = (error: object) => `${String(error)} ${JSON.stringify(error)} ${(error as { message?: string }).message ?? ""}`

describe("configuration", () => {
  it.effect("a missing, blank, short or unredacted secret is a NotifierConfigError naming the setting, at make time", () =>
    Effect.gen(function*() {
      const url = "https://hooks.example.org/jiceng"
      expect(yield* refusal(Webhook.make({ url } as never))).toEqual(["NotifierConfigError", "webhook", "secret"])
      expect(yield* refusal(Webhook.make({ url, secret: Redacted.make("   ") }))).toEqual(["NotifierConfigError", "webhook", "secret"])
      expect(yield* refusal(Webhook.make({ url, secret: Redacted.make("short") }))).toEqual(["NotifierConfigError", "webhook", "secret"])
      const plain = yield* Effect.flip(Webhook.make({ url, secret: secret as never }))
      expect(plain.field).toBe("secret")
      expect(shown(plain)).not.toContain(secret)
      expect(yield* refusal(WeCom.make({} as never))).toEqual(["NotifierConfigError", "wecom", "key"])
      expect(yield* refusal(DingTalk.make({ secret: r } as never))).toEqual(["NotifierConfigError", "dingtalk", "accessToken"])
      expect(yield* refusal(DingTalk.make({ accessToken: r } as never))).toEqual(["NotifierConfigError", "dingtalk", "secret"])
      expect(yield* refusal(Feishu.make({ secret: r } as never))).toEqual(["NotifierConfigError", "feishu", "token"])
      expect(yield* refusal(Feishu.make({ token: r } as never))).toEqual(["NotifierConfigError", "feishu", "secret"])
    }))

  it.effect("an ftp:, malformed, relative or credential-bearing URL, a bad format, timeout or name is refused, never echoing the value", () =>
    Effect.gen(function*() {
      for (const [name, make] of backends) {
        for (const url of [`ftp://files.example.org/${secret}`, `https://exa mple.org/${secret}`, `/relative/${secret}`, `https://admin:${secret}@example.org/hook`, ""]) {
          const error = yield* Effect.flip(make(url, r))
          expect([error._tag, error.backend, error.field]).toEqual(["NotifierConfigError", name, "url"])
          expect(shown(error)).not.toContain(secret)
        }
      }
      expect(yield* refusal(Webhook.make({ url: "https://example.org", secret: r, timeoutMs: 0 }))).toEqual(["NotifierConfigError", "webhook", "timeoutMs"])
      expect(yield* refusal(Webhook.make({ url: "https://example.org", secret: r, name: "" }))).toEqual(["NotifierConfigError", "webhook", "name"])
      expect(yield* refusal(WeCom.make({ key: r, format: "card" as never }))).toEqual(["NotifierConfigError", "wecom", "format"])
      expect(yield* refusal(Feishu.make({ token: r, secret: r, format: "markdown" as never }))).toEqual(["NotifierConfigError", "feishu", "format"])
      // The vendors' endpoints are the defaults; a name is how recipients choose one of several robots.
      const robot = yield* DingTalk.make({ accessToken: r, secret: r, name: "dingtalk-grid-1" })
      expect(robot.name).toBe("dingtalk-grid-1")
      expect(robot.accepts({ backend: "dingtalk-grid-1", address: "@all", name: null })).toBe(true)
      expect(robot.accepts({ backend: "dingtalk", address: "@all", name: null })).toBe(false)
    }))
})

/** An answer that repeats the whole request back, decoded: what a careless receiver might log or return. */
const echo = (request: HttpReceiver.Request): string => {
  const decoded = (text: string) => {
    try {
      return decodeURIComponent(text)
    } catch {
      return text
    }
  }
  return [request.url.href, decoded(request.url.pathname), ...request.url.searchParams.values(), request.raw].join(" ")
}

const secrets = fc.string({ minLength: 8, maxLength: 48 }).filter((s) => s.trim() !== "")

describe("secrets never appear in an error", () => {
  it.effect.prop("notify.secret-never-shown: whatever the secret, no configuration or delivery error contains it, even when the receiver echoes the request", [secrets], ([value]) =>
    Effect.scoped(Effect.gen(function*() {
      const receiver = yield* HttpReceiver.start
      const closed = yield* HttpReceiver.closedPort
      const redacted = Redacted.make(value)
      const errors: Array<object> = []
      for (const [name, make] of backends) {
        errors.push(yield* Effect.flip(make(`ftp://example.org/${encodeURIComponent(value)}?k=${encodeURIComponent(value)}`, redacted)))
        const backend = yield* make(receiver.url, redacted)
        const note = notification([{ backend: name, address: "@all", name: null }])
        receiver.answer = (request) => ({ status: 200, body: { errcode: 310000, code: 19021, errmsg: echo(request), msg: echo(request) } })
        if (name !== "webhook") errors.push(yield* Effect.flip(backend.deliver(note)))
        receiver.answer = (request) => ({ status: 400, body: { error: echo(request) } })
        errors.push(yield* Effect.flip(backend.deliver(note)))
        errors.push(yield* Effect.flip((yield* make(closed, redacted)).deliver(note)))
      }
      expect(errors).toHaveLength(4 * 3 + 3)
      for (const error of errors) {
        if (shown(error).includes(value)) throw new Error(`an error shows the secret: ${shown(error)}`)
      }
    })), { fastCheck: { numRuns: 25 } })
})
