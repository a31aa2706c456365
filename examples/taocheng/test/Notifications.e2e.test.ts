/**
 * Notifications end to end (issue 12): a domain write → the outbox (a SQLite file; a
 * PostgreSQL schema of its own) → `Dispatcher` → the real webhook, WeCom, DingTalk,
 * Feishu and e-mail back ends → an HTTP receiver each and an SMTP server on 127.0.0.1,
 * with the recipients resolved through a `Directory`. No transport is mocked.
 *
 * The first test checks that every notification arrives at exactly the back ends it is
 * routed to (ids × back ends), and what arrives: the webhook's signature verifies, the
 * DingTalk and Feishu signs recompute with their documented schemes, the mail's
 * subject, recipient, body and stable Message-ID. The second runs the same writes while
 * the receivers refuse (503) or hang and the SMTP server refuses (451), then recover:
 * every message arrives, none is lost, the repeats a receiver sees are dropped by id,
 * and the one route refused permanently (400) ends dead with its last error.
 *
 * Adding a notification kind is adding a row to `kinds`: its write, and what it raises.
 */
import * as SqlClient from "@effect/sql/SqlClient"
import { describe, expect, it } from "@effect/vitest"
import {
  Actor,
  CoConstructionConfig,
  CoConstructions,
  DemandConfig,
  Demands,
  Directory,
  Dispatcher,
  GridConfig,
  Grids,
  Notify,
  type Notification,
  OrganisationConfig,
  Organisations,
  OutboxStore,
  type Store,
  Tenant
} from "@jiceng/core"
import { EmailBackend } from "@jiceng/notify-email"
import { DingTalk, Feishu, Signature, WeCom, Webhook } from "@jiceng/notify-webhook"
import { PostgresStore } from "@jiceng/store-postgres"
import { SqliteStore } from "@jiceng/store-sqlite"
import { DemandIntents, HttpReceiver, OutboxSupport, Tenants } from "@jiceng/testkit"
import { type Context, Effect, Layer, Redacted, type Scope, TestServices } from "effect"
import { createHash, createHmac } from "node:crypto"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
// The SMTP peer stays with the e-mail back end's tests: smtp-server is a devDependency of
// @jiceng/notify-email only, and the testkit takes no runtime dependency for it.
import * as SmtpPeer from "../../../packages/notify-email/test/SmtpPeer.js"

type HttpBackend = "webhook" | "wecom" | "dingtalk" | "feishu"
type Backend = HttpBackend | "email"
const httpBackends: ReadonlyArray<HttpBackend> = ["webhook", "wecom", "dingtalk", "feishu"]
const everywhere: ReadonlyArray<Backend> = [...httpBackends, "email"]

// --- what the writes raise ---------------------------------------------------------

/** A notification a write raises: its id, the back ends it reaches, and for e-mail the address. */
interface Raised {
  readonly id: string
  readonly to: ReadonlyArray<Backend>
  readonly mailTo?: string
}

/** A notification kind: the write that raises it (after the ones before it), and what it raises. */
interface Kind {
  readonly kind: string
  readonly write: (tenant: string) => Effect.Effect<void, never, Services>
  readonly raises: ReadonlyArray<Raised>
}

type Services = Demands.Demands | Grids.Grids | Organisations.Organisations | CoConstructions.CoConstructions | Store.Store

interface Writer {
  readonly executeAllUnknown: (actor: Actor.Actor, inputs: unknown) => Effect.Effect<unknown, unknown>
}

/** Commands through a service, as the tenant's system actor, in one transaction; a refusal fails the test. */
const write = <I extends Services, S extends Writer>(service: Context.Tag<I, S>, tenant: string, commands: ReadonlyArray<unknown>) =>
  Effect.flatMap(service, (s) => s.executeAllUnknown(Actor.system(tenant), commands)).pipe(Effect.orDie, Effect.asVoid)

/** The scaffold's grids (`DemandIntents.grids`): block A of 河西街道 (worker w1), block C of 河东街道 (w3). */
const blockA = DemandIntents.grids[0]
const blockC = DemandIntents.grids[6]

/** A resident's words, which no message may carry (the recipient opens the demand in the platform). */
const description = "3号楼2单元楼道灯不亮，住户王女士"

const intake = (tenant: string, id: string, grid: string) => ({
  _tag: "IntakeDemand", id, gridCode: `${tenant}${grid}`, category: "safety", source: "hotline", description, requestedAt: "2024-03-01T09:00"
})

const mail = { w1: "w1@hexi.example.cn", p3: "p3@hexi.example.cn" } as const

const kinds: ReadonlyArray<Kind> = [
  {
    kind: "demand.assigned",
    // Routed to the blocks' workers: w1 in 河西街道 (mail, WeCom, its groups), w3 in 河东街道 (the platform only).
    write: (t) => write(Demands.Demands, t, [intake(t, "d1", blockA), intake(t, "d2", blockC)]),
    raises: [
      { id: "demand.assigned:d1:2", to: everywhere, mailTo: mail.w1 },
      { id: "demand.assigned:d2:2", to: ["webhook"] }
    ]
  },
  {
    kind: "demand.escalated",
    // Overdue: d1 goes up to its compound's worker w0, past the unstaffed sector (no one to
    // notify: seq 4) to the community's w4; d2 to its compound's w3. None has addresses of their own.
    write: (t) => write(Demands.Demands, t, [{ _tag: "EscalateOverdue", asOf: "2024-03-20T09:00" }]),
    raises: [
      { id: "demand.escalated:d1:3", to: ["webhook", "dingtalk", "feishu"] },
      { id: "demand.escalated:d1:5", to: ["webhook", "dingtalk", "feishu"] },
      { id: "demand.escalated:d2:3", to: ["webhook"] }
    ]
  },
  {
    kind: "coconstruction.post-claimed",
    // Member p3 claims a post of 明珠社区's team: their mail, 河西街道's groups.
    write: (t) => write(CoConstructions.CoConstructions, t, [{ _tag: "ClaimPost", postId: "ps1", memberId: "p3", at: "2024-03-01" }]),
    raises: [{ id: "coconstruction.post-claimed:ps1:p3:2024-03-01", to: ["webhook", "dingtalk", "feishu", "email"], mailTo: mail.p3 }]
  }
]

/** What the kinds' writes need and raise nothing of their own: grids, workers, organisations, a member, a team and its post. */
const scaffold = (t: string) =>
  Effect.gen(function*() {
    yield* DemandIntents.writeScaffold(t)
    yield* write(Organisations.Organisations, t, [
      { _tag: "FormOrganisation", id: "hx", kind: "committee", name: "河西街道党工委", parentId: null, sector: "community", grids: [`${t}001`], validFrom: "2024-01-01" },
      { _tag: "FormOrganisation", id: "mz", kind: "committee", name: "明珠社区党委", parentId: "hx", sector: "community", grids: [`${t}001001`], validFrom: "2024-01-01" }
    ])
    yield* write(CoConstructions.CoConstructions, t, [
      { _tag: "EnrolMember", memberId: "p3", communityCode: `${t}001001`, homeOrganisation: "市直机关某党支部", at: "2024-01-15" },
      { _tag: "FormTeam", id: "t1", name: "明珠社区志愿服务队", gridCode: `${t}001001`, at: "2024-01-01" },
      { _tag: "OpenPost", id: "ps1", teamId: "t1", title: "政策宣讲员", category: "policy", capacity: 2, at: "2024-02-01" }
    ])
  })

/** Every (back end, id) the kinds raise. */
const expected = (): ReadonlyArray<string> => kinds.flatMap((k) => k.raises.flatMap((r) => r.to.map((b) => `${b} ${r.id}`))).sort()

// --- the deployment: directory, settings, back ends ---------------------------------

/**
 * The directory: the worker of block A by mail and a mention in the WeCom group, the
 * member by mail, everything arising in 河西街道 (street 001) in its DingTalk and Feishu
 * groups, and everything to the platform's webhook.
 */
const routes = (tenant: string): ReadonlyArray<Directory.Route> => [
  {
    party: { kind: "worker", id: "w1" },
    recipients: [{ backend: "email", address: mail.w1, name: "网格员" }, { backend: "wecom", address: "13800000001", name: null }]
  },
  { party: { kind: "member", id: "p3" }, recipients: [{ backend: "email", address: mail.p3, name: null }] },
  {
    grid: `${tenant}001`,
    recipients: [{ backend: "dingtalk", address: "@group", name: "河西街道网格群" }, { backend: "feishu", address: "@group", name: "河西街道网格群" }]
  },
  { recipients: [{ backend: "webhook", address: "platform", name: null }] }
]

const secrets = {
  webhook: Redacted.make("whsec-e2e-5b1f0c8a93d2"),
  wecomKey: Redacted.make("3c0f7e1a-0e2e-4c55-9b1d-7a6f00e2e001"),
  dingtalkToken: Redacted.make("e2e0c1d2a3f4e5c8d6b1a2f3e4d5c6b7a8f9e0d1c2b3a4f5e6d7c8b9a0f1e2d3"),
  dingtalkSecret: Redacted.make("SECe2e6a8f0e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b2a3f4e5d6c7"),
  feishuToken: Redacted.make("e2e6a1c3-8b7d-4e5f-9a0b-1c2d3e4f5a6b"),
  feishuSecret: Redacted.make("e2eX3mV9pL2kR7tY1wZ5nB8c")
}

const messageIdDomain = "taocheng.example.cn"

/** The services over a store, raising notifications for the five back ends through the directory. */
const servicesOver = (store: Layer.Layer<Store.Store, unknown>, tenant: string) =>
  Layer.mergeAll(Demands.layer, Grids.layer, Organisations.layer, CoConstructions.layer).pipe(
    Layer.provideMerge(Layer.mergeAll(
      store,
      GridConfig.layer(),
      DemandConfig.layer(),
      OrganisationConfig.layer(),
      CoConstructionConfig.layer(),
      Layer.succeed(Notify.Settings, { backends: everywhere, lang: "zh" }),
      Directory.layer(routes(tenant))
    ))
  )

/** The loopback peers: an HTTP receiver per webhook or robot back end, one SMTP server. */
interface Peers {
  readonly http: Readonly<Record<HttpBackend, HttpReceiver.Receiver>>
  readonly smtp: SmtpPeer.Peer
}

const startPeers = (smtp: SmtpPeer.PeerOptions = {}) =>
  Effect.all({
    http: Effect.all({ webhook: HttpReceiver.start, wecom: HttpReceiver.start, dingtalk: HttpReceiver.start, feishu: HttpReceiver.start }),
    smtp: SmtpPeer.start(smtp)
  })

/** An HTTP answer awaited this long: a receiver that hangs fails the attempt quickly. */
const timeoutMs = 300

/** The five back ends, as constructors, pointed at the peers. */
const backendsAt = (peers: Peers) => [
  Webhook.make({ url: `${peers.http.webhook.url}/hooks/jiceng`, secret: secrets.webhook, timeoutMs }),
  WeCom.make({ url: `${peers.http.wecom.url}/cgi-bin/webhook/send`, key: secrets.wecomKey, timeoutMs }),
  DingTalk.make({ url: `${peers.http.dingtalk.url}/robot/send`, accessToken: secrets.dingtalkToken, secret: secrets.dingtalkSecret, timeoutMs }),
  Feishu.make({ url: `${peers.http.feishu.url}/open-apis/bot/v2/hook/`, token: secrets.feishuToken, secret: secrets.feishuSecret, timeoutMs }),
  EmailBackend.make({
    host: "127.0.0.1",
    port: peers.smtp.port,
    from: { address: "notify@taocheng.example.cn", name: "桃城区基层治理" },
    messageIdDomain,
    connectionTimeoutMs: 2_000,
    greetingTimeoutMs: 2_000,
    socketTimeoutMs: 5_000
  })
]

/** Retries a few milliseconds apart, eight attempts. */
const backoff = { base: 5, factor: 2, maxDelay: 40, maxAttempts: 8 }

// --- the run --------------------------------------------------------------------------

/**
 * Writes the scaffold and every kind's write, then runs a dispatcher over the five back
 * ends until the tenant has nothing pending. Gives the notifications by id.
 */
const writeAndDeliver = (tenant: string, peers: Peers) =>
  Effect.gen(function*() {
    const outbox = yield* OutboxStore.OutboxStore
    const t = Tenant.make(tenant)
    yield* scaffold(tenant)
    expect((yield* outbox.counts(t)).pending).toBe(0)
    for (const kind of kinds) yield* kind.write(tenant)
    const queued = yield* outbox.entries(t, "pending")
    expect(queued.map((e) => `${e.backend} ${e.id}`).sort()).toEqual(expected())
    const dispatcher = yield* Dispatcher.make({ backends: backendsAt(peers), backoff, batch: 4 })
    yield* OutboxSupport.drain(dispatcher, t, 1_000)
    return new Map(queued.map((e) => [e.id, e.notification]))
  })

const json = (request: HttpReceiver.Received) => JSON.parse(request.raw) as Record<string, any>

/** A robot's message carries no id: it is the notification whose subject and text it starts with (one only). */
const byContent = (notifications: ReadonlyMap<string, Notification.Notification>, content: string): string => {
  const found = [...notifications.values()].filter((n) => content.startsWith(`${n.subject}\n\n${n.text}`))
  expect(found).toHaveLength(1)
  return found[0]!.id
}

/** The id each request to a back end carried, by back end. */
const idOf: Record<HttpBackend, (request: HttpReceiver.Received, notifications: ReadonlyMap<string, Notification.Notification>) => string> = {
  webhook: (r) => decodeURIComponent(String(r.headers["x-jiceng-id"])),
  wecom: (r, ns) => byContent(ns, json(r).text.content),
  dingtalk: (r, ns) => byContent(ns, json(r).text.content),
  feishu: (r, ns) => byContent(ns, json(r).content.text)
}

/** `back end id` of each request (those the receiver took, as `which` says) and message, repeats included. */
const arrivals = (
  peers: Peers,
  notifications: ReadonlyMap<string, Notification.Notification>,
  which: (r: HttpReceiver.Received) => boolean = HttpReceiver.accepted
): Array<string> => [
  ...httpBackends.flatMap((b) => peers.http[b].received.filter(which).map((r) => `${b} ${idOf[b](r, notifications)}`)),
  ...peers.smtp.received.map((m) => `email ${SmtpPeer.decodeWords(SmtpPeer.parse(m.raw).headers.get("x-jiceng-id") ?? "")}`)
]

const distinct = (xs: ReadonlyArray<string>) => [...new Set(xs)].sort()

/** The documented signs, written out independently of the back ends. */
const dingtalkSign = (timestamp: string) =>
  createHmac("sha256", Redacted.value(secrets.dingtalkSecret)).update(`${timestamp}\n${Redacted.value(secrets.dingtalkSecret)}`).digest("base64")
const feishuSign = (timestamp: string) => createHmac("sha256", `${timestamp}\n${Redacted.value(secrets.feishuSecret)}`).update("").digest("base64")

/** The Message-ID of an id that is not a dot-atom: the SHA-256 of the id, so the same for every attempt and recipient. */
const messageId = (id: string) => `<sha256.${createHash("sha256").update(id, "utf8").digest("hex")}@${messageIdDomain}>`

/** What each back end received is the notification, as its platform expects it, signed, and without the resident's words. */
const checkContent = (peers: Peers, notifications: ReadonlyMap<string, Notification.Notification>) => {
  const plain = (n: Notification.Notification) => `${n.subject}\n\n${n.text}`
  for (const b of httpBackends) for (const r of peers.http[b].received) expect(r.raw).not.toContain(description)
  for (const r of peers.http.webhook.received.filter(HttpReceiver.accepted)) {
    const verified = Signature.verify(r.headers, r.raw, secrets.webhook)
    expect(verified._tag).toBe("Verified")
    const n = notifications.get(idOf.webhook(r, notifications))!
    expect(json(r)).toEqual({ ...n, recipients: [{ backend: "webhook", address: "platform", name: null }] })
  }
  for (const r of peers.http.wecom.received.filter(HttpReceiver.accepted)) {
    expect(r.url.searchParams.get("key")).toBe(Redacted.value(secrets.wecomKey))
    const n = notifications.get(idOf.wecom(r, notifications))!
    expect(json(r)).toEqual({ msgtype: "text", text: { content: plain(n), mentioned_list: [], mentioned_mobile_list: ["13800000001"] } })
  }
  for (const r of peers.http.dingtalk.received.filter(HttpReceiver.accepted)) {
    const timestamp = r.url.searchParams.get("timestamp")!
    expect(r.url.searchParams.get("access_token")).toBe(Redacted.value(secrets.dingtalkToken))
    expect(r.url.searchParams.get("sign")).toBe(dingtalkSign(timestamp))
    const n = notifications.get(idOf.dingtalk(r, notifications))!
    expect(json(r)).toEqual({ msgtype: "text", text: { content: plain(n) }, at: { atMobiles: [], atUserIds: [], isAtAll: false } })
  }
  for (const r of peers.http.feishu.received.filter(HttpReceiver.accepted)) {
    expect(r.url.pathname).toBe(`/open-apis/bot/v2/hook/${Redacted.value(secrets.feishuToken)}`)
    const sent = json(r)
    expect(sent.sign).toBe(feishuSign(sent.timestamp))
    const n = notifications.get(idOf.feishu(r, notifications))!
    expect(sent).toEqual({ timestamp: sent.timestamp, sign: sent.sign, msg_type: "text", content: { text: plain(n) } })
  }
  const mailTo = new Map(kinds.flatMap((k) => k.raises.flatMap((r) => r.mailTo === undefined ? [] : [[r.id, r.mailTo] as const])))
  for (const m of peers.smtp.received) {
    const parsed = SmtpPeer.parse(m.raw)
    const id = SmtpPeer.decodeWords(parsed.headers.get("x-jiceng-id") ?? "")
    const n = notifications.get(id)!
    expect([m.from, m.to]).toEqual(["notify@taocheng.example.cn", [mailTo.get(id)]])
    expect(SmtpPeer.decodeWords(parsed.headers.get("subject") ?? "")).toBe(n.subject)
    expect(SmtpPeer.part(m.raw, "text/plain")?.body.replace(/\r\n/g, "\n")).toBe(n.text)
    expect(n.text).not.toContain(description)
    expect(parsed.headers.get("x-jiceng-tenant")).toBe(n.tenant)
    expect(parsed.headers.get("message-id")).toBe(messageId(`${n.tenant}.${id}`))
  }
}

// --- the stores -----------------------------------------------------------------------

/** A SQLite file in a temporary folder, removed afterwards. */
const sqliteFile = (): Layer.Layer<Store.Store, unknown> =>
  Layer.unwrapScoped(Effect.map(
    Effect.acquireRelease(
      Effect.sync(() => mkdtempSync(join(tmpdir(), "jiceng-e2e-"))),
      (dir) => Effect.sync(() => rmSync(dir, { recursive: true, force: true }))
    ),
    (dir) => SqliteStore.layer({ filename: join(dir, "notifications.db") })
  ))

/** A PostgreSQL schema of its own (a dispatcher claims across tenants), dropped afterwards. */
const postgresSchema = (url: string) => (): Layer.Layer<Store.Store, unknown> => {
  const schema = `jiceng_e2e_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
  const drop = Layer.scopedDiscard(Effect.flatMap(SqlClient.SqlClient, (sql) =>
    Effect.addFinalizer(() => sql`DROP SCHEMA IF EXISTS ${sql(schema)} CASCADE`.pipe(Effect.orDie))))
  return drop.pipe(Layer.provideMerge(PostgresStore.layer({ url, schema })))
}

const pgUrl = process.env["JICENG_PG_URL"]
if (pgUrl === undefined) console.log("JICENG_PG_URL is not set: the PostgreSQL end-to-end notification tests are skipped")

const stores: ReadonlyArray<readonly [string, (() => Layer.Layer<Store.Store, unknown>) | undefined]> = [
  ["a SQLite file", sqliteFile],
  ["PostgreSQL", pgUrl === undefined ? undefined : postgresSchema(pgUrl)]
]

/** A test on the live clock and real sockets, over a fresh store and tenant. */
const endToEnd = (store: () => Layer.Layer<Store.Store, unknown>, body: (tenant: string) => Effect.Effect<void, unknown, Services | Scope.Scope>) => () => {
  const tenant = Tenants.fresh()
  return TestServices.provideLive(Effect.scoped(body(tenant)).pipe(Effect.provide(servicesOver(store(), tenant))))
}

// PostgreSQL's run is skipped without JICENG_PG_URL, as the store suites are (`.ci/run` sets it).
for (const [name, store] of stores) {
  describe.skipIf(store === undefined)(`notifications end to end on ${name}`, () => {
    it.effect("every notification arrives at exactly the back ends it is routed to, once, signed as each platform documents, the mail with its stable Message-ID", endToEnd(store!, (tenant) =>
      Effect.gen(function*() {
        const peers = yield* startPeers()
        const notifications = yield* writeAndDeliver(tenant, peers)
        const outbox = yield* OutboxStore.OutboxStore
        expect(yield* outbox.counts(Tenant.make(tenant))).toEqual({ pending: 0, delivered: expected().length, dead: 0 })
        const arrived = arrivals(peers, notifications)
        expect(arrived.sort()).toEqual(expected())
        checkContent(peers, notifications)
      })), 60_000)

    it.effect("receivers refusing (503) or hanging and a mail server refusing (451), then recovering: every message arrives, none lost, each once after dropping repeats by id; one refused permanently (400) ends dead with its last error", endToEnd(store!, (tenant) =>
      Effect.gen(function*() {
        const refused = "demand.assigned:d2:2"
        // Each address is refused twice at RCPT TO, then accepted.
        const peers = yield* startPeers({ rcpt: (_address, attempt) => (attempt <= 2 ? 451 : null) })
        for (const b of httpBackends) {
          let count = 0
          // The first four requests: 503, a hang, 503, a hang; then 200. The platform refuses one notification outright.
          peers.http[b].answer = (request) => {
            if (b === "webhook" && request.headers["x-jiceng-id"] === refused) return { status: 400, body: { error: "unknown demand" } }
            count += 1
            return count <= 4 ? (count % 2 === 1 ? { status: 503 } : "hang") : { status: 200, body: {} }
          }
        }
        const notifications = yield* writeAndDeliver(tenant, peers)
        const t = Tenant.make(tenant)
        const outbox = yield* OutboxStore.OutboxStore
        const delivered = expected().filter((x) => x !== `webhook ${refused}`)
        expect(yield* outbox.counts(t)).toEqual({ pending: 0, delivered: delivered.length, dead: 1 })
        const [dead] = yield* outbox.entries(t, "dead")
        expect([dead!.backend, dead!.id, dead!.attempts, dead!.lastError]).toEqual([
          "webhook", refused, 1, "the receiver answered HTTP 400 (not retried) (status 400)"
        ])
        // Delivered: each (back end, id) answered 2xx exactly once; the mail server took each message once.
        const arrived = arrivals(peers, notifications)
        expect(arrived.sort()).toEqual(delivered)
        // A request that hung may have been acted on: a receiver saw repeats, and dropping them by id leaves each once.
        const seen = arrivals(peers, notifications, (r) => r.answered === "hang" || HttpReceiver.accepted(r))
        expect(seen.length).toBeGreaterThan(delivered.length)
        expect(distinct(seen)).toEqual(delivered)
        for (const b of httpBackends) expect(peers.http[b].received.filter((r) => r.answered !== "hang" && r.answered.status === 503).length).toBe(2)
        checkContent(peers, notifications)
      })), 60_000)
  })
}
