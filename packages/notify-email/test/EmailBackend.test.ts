import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { Notification } from "@jiceng/core"
import { EmailBackend, EmailConfig } from "@jiceng/notify-email"
import { ConfigProvider, Effect, Exit, FastCheck as fc, Redacted, Schema, Scope } from "effect"
import * as Peer from "./SmtpPeer.js"

const notification = (overrides: Partial<Record<string, unknown>> = {}): Notification.Notification =>
  Schema.decodeUnknownSync(Notification.Notification)({
    id: "demand.assigned.131102.D-0042",
    tenant: "131102",
    kind: "demand.assigned",
    raisedAt: "2024-05-01T10:00:00+08:00",
    gridCode: "131102001001",
    organisationId: null,
    to: [],
    recipients: [
      { backend: "email", address: "wang.wei@example.cn", name: "王伟" },
      { backend: null, address: "li.na@example.cn", name: null },
      { backend: "wecom", address: "robot-key-1", name: null },
      { backend: null, address: "13800000000", name: "not an address" },
      { backend: "dingtalk", address: "zhao@example.cn", name: null }
    ],
    lang: "zh",
    subject: "诉求已派单：河东街道第一网格（D-0042）",
    text: "您有一件新的群众诉求：楼道照明损坏。\n请于 2024-05-03 前处理。",
    html: "<p>您有一件新的群众诉求：<b>楼道照明损坏</b>。</p>",
    data: { demandId: "D-0042" },
    ...overrides
  })

const base = (port: number): EmailConfig.EmailConfig => ({
  host: "127.0.0.1",
  port,
  from: { address: "notify@jiceng.example.cn", name: "基层治理通知" },
  connectionTimeoutMs: 2_000,
  greetingTimeoutMs: 2_000,
  socketTimeoutMs: 5_000
})

const failure = <A, E>(effect: Effect.Effect<A, E>) =>
  Effect.flip(effect)

/** A fresh server, a back end pointed at it, and one notification delivered. */
const deliverFresh = (overrides: Partial<Record<string, unknown>>) =>
  Effect.gen(function*() {
    const peer = yield* Peer.start()
    const backend = yield* EmailBackend.make(base(peer.port))
    yield* backend.deliver(notification(overrides))
    return { peer, backend }
  })

describe("EmailBackend", () => {
  it.scopedLive("email.deliver: each accepted recipient gets its own message with the subject, both bodies, the Message-ID and X-Jiceng-Id", () =>
    Effect.gen(function*() {
      const peer = yield* Peer.start()
      const backend = yield* EmailBackend.make(base(peer.port))
      const n = notification()
      yield* backend.deliver(n)

      expect(peer.received.map((m) => m.to)).toEqual(
        expect.arrayContaining([["wang.wei@example.cn"], ["li.na@example.cn"]])
      )
      expect(peer.received).toHaveLength(2)
      for (const message of peer.received) {
        expect(message.from).toBe("notify@jiceng.example.cn")
        const parsed = Peer.parse(message.raw)
        expect(Peer.decodeWords(parsed.headers.get("subject") ?? "")).toBe(n.subject)
        // Encoded, not raw UTF-8, in the header.
        expect(parsed.headers.get("subject")).toMatch(/^=\?UTF-8\?[BQ]\?/i)
        expect(parsed.headers.get("message-id")).toBe("<131102.demand.assigned.131102.D-0042@jiceng.example.cn>")
        expect(parsed.headers.get("x-jiceng-id")).toBe(n.id)
        expect(parsed.headers.get("x-jiceng-kind")).toBe("demand.assigned")
        expect(parsed.headers.get("content-language")).toBe("zh-CN")
        expect(parsed.headers.get("content-type")).toMatch(/^multipart\/alternative/)
        expect(Peer.decodeWords(parsed.headers.get("from") ?? "")).toBe("基层治理通知 <notify@jiceng.example.cn>")
        const text = Peer.part(message.raw, "text/plain")
        const html = Peer.part(message.raw, "text/html")
        expect(text?.headers.get("content-type")).toMatch(/charset=utf-8/i)
        expect(text?.body.replace(/\r\n/g, "\n")).toBe(n.text)
        expect(html?.body).toBe(n.html)
        // No recipient sees another's address.
        const others = ["wang.wei@example.cn", "li.na@example.cn"].filter((a) => !message.to.includes(a))
        for (const other of others) expect(message.raw).not.toContain(other)
      }
      const wang = peer.received.find((m) => m.to[0] === "wang.wei@example.cn")!
      expect(Peer.decodeWords(Peer.parse(wang.raw).headers.get("to") ?? "")).toBe("王伟 <wang.wei@example.cn>")
    }))

  it.scopedLive("email.deliver: without HTML the message is plain text only; a repeated address gets one message; nothing accepted sends nothing", () =>
    Effect.gen(function*() {
      const { backend, peer } = yield* deliverFresh({
        lang: "en",
        subject: "Probation ending",
        text: "Probation of member M-7 ends on 2024-06-01.",
        html: null,
        // The same address twice (in another case) is one message.
        recipients: [
          { backend: "email", address: "secretary@example.cn", name: null },
          { backend: null, address: "Secretary@example.cn", name: null }
        ]
      })
      expect(peer.received).toHaveLength(1)
      const parsed = Peer.parse(peer.received[0]!.raw)
      expect(parsed.headers.get("content-type")).toMatch(/^text\/plain; charset=utf-8/i)
      expect(parsed.headers.get("content-language")).toBe("en")
      expect(parsed.headers.get("subject")).toBe("Probation ending")
      expect(parsed.parts[0]!.body.replace(/\r\n$/, "")).toBe("Probation of member M-7 ends on 2024-06-01.")

      yield* backend.deliver(notification({ recipients: [{ backend: "wecom", address: "key", name: null }] }))
      expect(peer.received).toHaveLength(1)
    }))

  it.scopedLive("email.headers: a line break in the subject or a name adds no header and no recipient", () =>
    Effect.gen(function*() {
      const { peer } = yield* deliverFresh({
        subject: "通知\r\nBcc: evil@example.cn",
        recipients: [{ backend: null, address: "wang.wei@example.cn", name: "王伟\r\nBcc: evil2@example.cn" }]
      })
      expect(peer.received.map((m) => m.to)).toEqual([["wang.wei@example.cn"]])
      const parsed = Peer.parse(peer.received[0]!.raw)
      expect(parsed.headers.has("bcc")).toBe(false)
      expect(peer.received[0]!.raw).not.toMatch(/^Bcc:/im)
    }))

  it("email.accepts: its own name or none, and an e-mail address", () =>
    Effect.gen(function*() {
      const backend = yield* EmailBackend.make(base(25))
      const named = yield* EmailBackend.make({ ...base(25), name: "email-ops" })
      const r = (backend: string | null, address: string) => ({ backend, address, name: null })
      expect(backend.accepts(r("email", "a@example.cn"))).toBe(true)
      expect(backend.accepts(r(null, "a.b+tag@mail.example.cn"))).toBe(true)
      expect(backend.accepts(r("webhook", "a@example.cn"))).toBe(false)
      expect(backend.accepts(r("email", "not an address"))).toBe(false)
      expect(backend.accepts(r(null, "a@localhost"))).toBe(false)
      expect(backend.accepts(r(null, "a..b@example.cn"))).toBe(false)
      expect(named.accepts(r("email-ops", "a@example.cn"))).toBe(true)
      expect(named.accepts(r("email", "a@example.cn"))).toBe(false)
    }).pipe(Effect.runPromise))

  it.scopedLive("email.messageId: an id that is not a dot-atom gives a stable hashed Message-ID; X-Jiceng-Id keeps it", () =>
    Effect.gen(function*() {
      const peer = yield* Peer.start()
      const backend = yield* EmailBackend.make({ ...base(peer.port), messageIdDomain: "notify.example.cn" })
      const one = recipientsOnly(notification({ id: "喜报 2024/05 <街道>" }))
      yield* backend.deliver(one)
      yield* backend.deliver({ ...one, recipients: [{ backend: null, address: "other@example.cn", name: null }] })
      const ids = peer.received.map((m) => Peer.parse(m.raw).headers.get("message-id"))
      expect(ids[0]).toMatch(/^<sha256\.[0-9a-f]{64}@notify\.example\.cn>$/)
      expect(ids[1]).toBe(ids[0])
      expect(Peer.decodeWords(Peer.parse(peer.received[0]!.raw).headers.get("x-jiceng-id") ?? "")).toBe("喜报 2024/05 <街道>")
    }))

  it.scopedLive("email.auth: the server checks the password; a wrong one is permanent, and with verify a configuration error", () =>
    Effect.gen(function*() {
      const account = { user: "notify", pass: "s3cret-口令-42" }
      const peer = yield* Peer.start({ account })
      const good = yield* EmailBackend.make({ ...base(peer.port), auth: { user: "notify", pass: Redacted.make(account.pass) }, verify: true })
      yield* good.deliver(recipientsOnly(notification()))
      expect(peer.received).toHaveLength(1)

      const bad = yield* EmailBackend.make({ ...base(peer.port), auth: { user: "notify", pass: Redacted.make("wrong") } })
      const error = yield* failure(bad.deliver(recipientsOnly(notification())))
      expect(error._tag).toBe("DeliveryError")
      expect(error.permanent).toBe(true)
      expect(error.status).toBe(535)
      expect(error.message).toContain("EAUTH")

      const refused = yield* failure(
        EmailBackend.make({ ...base(peer.port), auth: { user: "notify", pass: Redacted.make("wrong") }, verify: true })
      )
      expect(refused._tag).toBe("NotifierConfigError")
      expect(refused.field).toBe("auth")
      expect(peer.received).toHaveLength(1)
    }))

  it.scopedLive("email.failure: 451 is transient, and the next attempt delivers exactly once", () =>
    Effect.gen(function*() {
      const peer = yield* Peer.start({ rcpt: (_address, attempt) => attempt === 1 ? 451 : null })
      const backend = yield* EmailBackend.make(base(peer.port))
      const n = recipientsOnly(notification())
      const error = yield* failure(backend.deliver(n))
      expect(error.permanent).toBe(false)
      expect(error.status).toBe(451)
      expect(peer.received).toHaveLength(0)
      yield* backend.deliver(n)
      expect(peer.received).toHaveLength(1)
    }))

  it.scopedLive("email.failure: 550 is permanent, and the error holds no address", () =>
    Effect.gen(function*() {
      const peer = yield* Peer.start({ rcpt: () => 550 })
      const backend = yield* EmailBackend.make(base(peer.port))
      const error = yield* failure(backend.deliver(recipientsOnly(notification())))
      expect(error.permanent).toBe(true)
      expect(error.status).toBe(550)
      expect(error.message).toContain("550")
      expect(error.message).not.toContain("wang.wei@example.cn")
      expect(peer.received).toHaveLength(0)
    }))

  it.scopedLive("email.partial: the others get their mail; the retry sends only to the recipient that failed", () =>
    Effect.gen(function*() {
      const peer = yield* Peer.start({
        rcpt: (address, attempt) => address === "li.na@example.cn" && attempt === 1 ? 452 : address === "gone@example.cn" ? 550 : null
      })
      const backend = yield* EmailBackend.make(base(peer.port))
      const n = notification()
      const error = yield* failure(backend.deliver(n))
      expect(error.permanent).toBe(false)
      expect(error.message).toMatch(/^1 of 2 recipients failed/)
      expect(peer.received.map((m) => m.to[0])).toEqual(["wang.wei@example.cn"])
      yield* backend.deliver(n)
      expect(peer.received.map((m) => m.to[0]).sort()).toEqual(["li.na@example.cn", "wang.wei@example.cn"])

      const withGone = { ...n, id: "other", recipients: [...n.recipients, { backend: null, address: "gone@example.cn", name: null }] }
      const gone = yield* failure(backend.deliver(withGone))
      expect(gone.permanent).toBe(true)
      expect(gone.message).toMatch(/^1 of 3 recipients failed/)
      expect(peer.received).toHaveLength(4)
    }))

  it.scopedLive("email.failure: a closed port and a server that never greets are transient", () =>
    Effect.gen(function*() {
      const port = yield* Peer.closedPort
      const closed = yield* EmailBackend.make(base(port))
      const refused = yield* failure(closed.deliver(recipientsOnly(notification())))
      expect(refused.permanent).toBe(false)
      expect(refused.status).toBeUndefined()
      expect(refused.message).toContain("ECONNREFUSED")

      const silentPort = yield* Peer.silent
      const slow = yield* EmailBackend.make({ ...base(silentPort), greetingTimeoutMs: 200 })
      const timedOut = yield* failure(slow.deliver(recipientsOnly(notification())))
      expect(timedOut.permanent).toBe(false)
      expect(timedOut.message).toContain("ETIMEDOUT")

      const unverified = yield* failure(EmailBackend.make({ ...base(port), verify: true }))
      expect(unverified.field).toBe("connection")
    }))

  it.scopedLive("email.tls: requireTLS upgrades with STARTTLS; an untrusted certificate is transient, a server without STARTTLS permanent", () =>
    Effect.gen(function*() {
      const peer = yield* Peer.start({ starttls: true })
      const trusting = yield* EmailBackend.make({ ...base(peer.port), requireTLS: true, rejectUnauthorized: false })
      yield* trusting.deliver(recipientsOnly(notification()))
      expect(peer.received).toHaveLength(1)
      const strict = yield* EmailBackend.make({ ...base(peer.port), requireTLS: true })
      const error = yield* failure(strict.deliver(recipientsOnly(notification())))
      expect(error.permanent).toBe(false)
      expect(peer.received).toHaveLength(1)

      const plain = yield* Peer.start()
      const needsTls = yield* EmailBackend.make({ ...base(plain.port), requireTLS: true })
      const noTls = yield* failure(needsTls.deliver(recipientsOnly(notification())))
      // The server answers STARTTLS with 500: retrying cannot help until it offers TLS.
      expect(noTls.permanent).toBe(true)
      expect(noTls.message).toContain("ETLS at STARTTLS")
      expect(plain.received).toHaveLength(0)
    }))
})

describe("EmailConfig", () => {
  const pass = Redacted.make("p4ss-word")
  const cases: ReadonlyArray<readonly [string, Partial<EmailConfig.EmailConfig> & Record<string, unknown>]> = [
    ["host", { host: "" }],
    ["host", { host: "  " }],
    ["host", { host: "smtp://mail.example.cn" }],
    ["port", { port: 0 }],
    ["port", { port: 65536 }],
    ["port", { port: 25.5 }],
    ["requireTLS", { secure: true, requireTLS: true }],
    ["from.address", { from: "notify" }],
    ["from.address", { from: { address: "notify@", name: "x" } }],
    ["from.name", { from: { address: "notify@example.cn", name: "a\r\nBcc: x@example.cn" } }],
    ["auth.user", { auth: { user: "", pass } }],
    ["auth.pass", { auth: { user: "notify", pass: Redacted.make("") } }],
    ["auth.pass", { auth: { user: "notify", pass: "plain" as unknown as Redacted.Redacted<string> } }],
    ["messageIdDomain", { messageIdDomain: "not a domain" }],
    ["connectionTimeoutMs", { connectionTimeoutMs: 0 }],
    ["socketTimeoutMs", { socketTimeoutMs: 600_001 }],
    ["concurrency", { concurrency: 0 }],
    ["name", { name: "E-mail" }]
  ]
  it.effect("email.config: each bad setting is a NotifierConfigError naming it, when the back end is made", () =>
    Effect.gen(function*() {
      for (const [field, override] of cases) {
        const error = yield* failure(EmailBackend.make({ ...base(587), ...override } as EmailConfig.EmailConfig))
        expect(error._tag).toBe("NotifierConfigError")
        expect(error.field).toBe(field)
        expect(error.backend).toMatch(/^email/)
      }
      const ok = yield* EmailConfig.check({ host: "smtp.example.cn", from: "notify@example.cn", secure: true })
      expect(ok.port).toBe(465)
      expect((yield* EmailConfig.check({ host: "smtp.example.cn", from: "notify@example.cn" })).port).toBe(587)
    }))

  it.effect("email.config: a configuration without the required fields is refused, not thrown", () =>
    Effect.gen(function*() {
      const error = yield* failure(EmailBackend.make({} as EmailConfig.EmailConfig))
      expect(error.field).toBe("host")
      const noFrom = yield* failure(EmailBackend.make({ host: "smtp.example.cn" } as EmailConfig.EmailConfig))
      expect(noFrom.field).toBe("from.address")
    }))
})

describe("EmailConfig.config", () => {
  const fromEnv = (env: Record<string, string>) =>
    EmailBackend.fromConfig().pipe(Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)), { pathDelim: "_" })))

  it.scopedLive("email.config: the SMTP_* settings make a working back end; a missing or unreadable one is named", () =>
    Effect.gen(function*() {
      const account = { user: "notify", pass: "env-口令-7" }
      const peer = yield* Peer.start({ account })
      const env = {
        SMTP_HOST: "127.0.0.1",
        SMTP_PORT: String(peer.port),
        SMTP_USER: account.user,
        SMTP_PASS: account.pass,
        SMTP_FROM: "notify@jiceng.example.cn",
        SMTP_FROM_NAME: "基层治理通知",
        SMTP_VERIFY: "true"
      }
      const backend = yield* fromEnv(env)
      yield* backend.deliver(recipientsOnly(notification()))
      expect(peer.received).toHaveLength(1)

      const { SMTP_HOST: _host, ...noHost } = env
      const missing = yield* failure(fromEnv(noHost))
      expect([missing.field, missing.message]).toEqual(["SMTP_HOST", "is missing"])
      const unreadable = yield* failure(fromEnv({ ...env, SMTP_PORT: "twenty-five" }))
      expect([unreadable.field, unreadable.message]).toEqual(["SMTP_PORT", "is not valid"])
      expect(unreadable.message).not.toContain("twenty-five")
      const { SMTP_USER: _user, ...noUser } = env
      expect((yield* failure(fromEnv(noUser))).field).toBe("auth.user")
      const wrong = yield* failure(fromEnv({ ...env, SMTP_PASS: "wrong-口令" }))
      expect(wrong.field).toBe("auth")
    }))
})

/** A password unlikely to occur in any message by chance. */
const password = fc.string({ unit: fc.constantFrom(..."abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!#%&*+-=?^_~口令密码"), minLength: 10, maxLength: 40 })

const leaks = (error: unknown, secret: string): boolean => {
  const seen = [String(error), JSON.stringify(error), (error as Error).message ?? "", JSON.stringify(Object.entries(error as object))]
  return seen.some((text) => text.includes(secret))
}

describe("email.secret", () => {
  it.effect.prop("email.secret: no configuration error holds the password", [password], ([secret]) =>
    Effect.gen(function*() {
      const bad = [{ port: 0 }, { host: "" }, { from: "x" }, { auth: { user: "", pass: Redacted.make(secret) } }]
      for (const override of bad) {
        const error = yield* failure(EmailBackend.make({ ...base(587), auth: { user: "u", pass: Redacted.make(secret) }, ...override }))
        expect(leaks(error, secret)).toBe(false)
      }
    }), { fastCheck: { numRuns: 50 } })

  // One careless server for every run: it refuses any password but its own and echoes it.
  const scope = Effect.runSync(Scope.make())
  let echoing: Peer.Peer
  beforeAll(async () => {
    echoing = await Effect.runPromise(Scope.extend(Peer.start({ account: { user: "notify", pass: "the-right-one" }, echoPassword: true }), scope))
  })
  afterAll(() => Effect.runPromise(Scope.close(scope, Exit.void)))

  it.effect.prop(
    "email.secret: no delivery or verify error holds the password, even when the server echoes it",
    [password],
    ([secret]) =>
      Effect.gen(function*() {
        const peer = echoing
        const config = { ...base(peer.port), auth: { user: "notify", pass: Redacted.make(secret) } }
        const backend = yield* EmailBackend.make(config)
        const error = yield* failure(backend.deliver(recipientsOnly(notification())))
        expect(error.status).toBe(535)
        expect(leaks(error, secret)).toBe(false)
        const refused = yield* failure(EmailBackend.make({ ...config, verify: true }))
        expect(refused.field).toBe("auth")
        expect(leaks(refused, secret)).toBe(false)
      }),
    { fastCheck: { numRuns: 10 } }
  )
})

/** The notification for its first recipient only. */
function recipientsOnly(n: Notification.Notification): Notification.Notification {
  return { ...n, recipients: n.recipients.slice(0, 1) }
}
