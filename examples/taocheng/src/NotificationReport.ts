/**
 * The demo's notifications (issue 12): the services raise them as they write (a demand
 * assigned or escalated, a volunteer post claimed), through `Notify.Settings` and a
 * `Directory` in the demo's service layer — everything to the platform's signed
 * webhook, and what arises in 河西街道 to its DingTalk group as well. After the writes
 * this part counts what the outbox holds by kind and back end, then delivers it with
 * one dispatcher, round after round, to an HTTP receiver the demo starts on 127.0.0.1,
 * and prints what was queued, delivered and received, every figure computed.
 *
 * @since 0.6.0
 */
import { Directory, Dispatcher, type NotifierBackend, Notify, OutboxStore, type StoreError, Tenant } from "@jiceng/core"
import { DingTalk, Signature, Webhook } from "@jiceng/notify-webhook"
import { HttpReceiver } from "@jiceng/testkit"
import { Effect, Layer, Redacted } from "effect"
import * as Output from "./Output.js"

/** The demo's loopback back ends' secrets: nothing leaves the machine. */
const secrets = {
  webhook: Redacted.make("whsec-taocheng-demo-0001"),
  dingtalkToken: Redacted.make("taocheng-demo-dingtalk-token"),
  dingtalkSecret: Redacted.make("SEC-taocheng-demo-dingtalk")
}

const backends = ["webhook", "dingtalk"] as const

/**
 * Notifications for the demo's services: raised for the webhook and DingTalk back ends,
 * in the demo's language; the directory sends everything to the platform's webhook and
 * what arises in the district's first street (河西街道, `<tenant>001`) to its DingTalk
 * group.
 *
 * @since 0.6.0
 * @category layers
 */
export const layer = (
  tenant: string,
  lang: Output.Lang
): Layer.Layer<Notify.Settings | Directory.Directory, NotifierBackend.NotifierConfigError> =>
  Layer.merge(
    Layer.succeed(Notify.Settings, { backends, lang }),
    Directory.layer([
      { recipients: [{ backend: "webhook", address: "platform", name: null }] },
      { grid: `${tenant}001`, recipients: [{ backend: "dingtalk", address: "@group", name: lang === "zh" ? "河西街道网格群" : "Hexi street group" }] }
    ])
  )

/** Entries a dispatcher round claims, and deliveries at once. */
const BATCH = 500
const CONCURRENCY = 16
/** Rounds at most: far more than the outbox of the demo's defaults needs. */
const MAX_ROUNDS = 1_000

const kindLabels: Readonly<Record<string, { readonly zh: string; readonly en: string }>> = {
  "demand.assigned": { zh: "诉求交办", en: "Demand assigned" },
  "demand.escalated": { zh: "诉求逾期上报", en: "Demand escalated" },
  "coconstruction.post-claimed": { zh: "志愿岗位认领", en: "Volunteer post claimed" }
}

const words = {
  zh: {
    heading: "通知：写入时入发件箱，由调度器投递（读自库）",
    settings: "Notify.Settings：webhook、dingtalk 两个后端；Directory：全部 → 平台 webhook，河西街道辖内 → 其钉钉群（@group）",
    kind: "类别",
    backend: "后端",
    queued: "入队",
    delivered: "已投递",
    note: "说明",
    computed: "计算所得",
    total: "合计",
    left: (pending: number, dead: number) => `未投递 ${pending} 条，死信 ${dead} 条`,
    received: (webhook: string, verified: string, dingtalk: string, url: string) =>
      `回环接收端（${url}）收到：webhook ${webhook} 条（签名经 Signature.verify 校验通过 ${verified} 条），dingtalk ${dingtalk} 条`,
    delivery: (rounds: number, seconds: string, perSecond: string) => `投递用时：调度器 ${rounds} 轮，${seconds} s（${perSecond} 条/秒）`
  },
  en: {
    heading: "Notifications: queued in the outbox by the writes, delivered by the dispatcher (from the store)",
    settings: "Notify.Settings: two back ends, webhook and dingtalk; Directory: everything → the platform's webhook, what arises in 河西街道 → its DingTalk group (@group)",
    kind: "Kind",
    backend: "Back end",
    queued: "Queued",
    delivered: "Delivered",
    note: "Note",
    computed: "computed",
    total: "Total",
    left: (pending: number, dead: number) => `${pending} not delivered, ${dead} dead`,
    received: (webhook: string, verified: string, dingtalk: string, url: string) =>
      `The loopback receiver (${url}) took: webhook ${webhook} (signatures verified by Signature.verify: ${verified}), dingtalk ${dingtalk}`,
    delivery: (rounds: number, seconds: string, perSecond: string) => `Delivery time: ${rounds} dispatcher rounds, ${seconds} s (${perSecond} a second)`
  }
} as const

/** Entries by `kind back end` in a state, over the tenants. */
const countEntries = (tenants: ReadonlyArray<string>, state: OutboxStore.OutboxState) =>
  Effect.gen(function*() {
    const outbox = yield* OutboxStore.OutboxStore
    const out = new Map<string, number>()
    for (const tenant of tenants) {
      const t = Tenant.make(tenant)
      const counts = yield* outbox.counts(t)
      for (const e of yield* outbox.entries(t, state, counts[state])) {
        const key = `${e.notification.kind} ${e.backend}`
        out.set(key, (out.get(key) ?? 0) + 1)
      }
    }
    return out
  })

/**
 * Counts the tenants' outbox by kind and back end, delivers it to a receiver on
 * 127.0.0.1, and prints the counts queued, delivered and received.
 *
 * @since 0.6.0
 * @category reports
 */
export const run = (
  tenants: ReadonlyArray<string>,
  lang: Output.Lang
): Effect.Effect<string, StoreError.StoreError, OutboxStore.OutboxStore> =>
  Effect.scoped(Effect.gen(function*() {
    const w = words[lang]
    const queued = yield* countEntries(tenants, "pending")

    const receiver = yield* HttpReceiver.start
    const dispatcher = yield* Dispatcher.make({
      backends: [
        Webhook.make({ url: `${receiver.url}/platform`, secret: secrets.webhook }),
        DingTalk.make({ url: `${receiver.url}/robot/send`, accessToken: secrets.dingtalkToken, secret: secrets.dingtalkSecret })
      ],
      batch: BATCH,
      concurrency: CONCURRENCY
    }).pipe(Effect.orDie)
    const start = performance.now()
    let rounds = 0
    while (rounds < MAX_ROUNDS && (yield* dispatcher.runOnce).claimed > 0) rounds += 1
    const deliverSeconds = Output.seconds(start)

    const delivered = yield* countEntries(tenants, "delivered")
    const outbox = yield* OutboxStore.OutboxStore
    const left = { pending: 0, dead: 0 }
    for (const tenant of tenants) {
      const counts = yield* outbox.counts(Tenant.make(tenant))
      left.pending += counts.pending
      left.dead += counts.dead
    }
    // What the receiver took, by the path each back end posts to; the webhook's requests signed.
    const accepted = receiver.received.filter(HttpReceiver.accepted)
    const webhook = accepted.filter((r) => r.url.pathname === "/platform")
    const verified = webhook.filter((r) => Signature.verify(r.headers, r.raw, secrets.webhook)._tag === "Verified").length
    const dingtalk = accepted.length - webhook.length

    const rows = [...new Set([...queued.keys(), ...delivered.keys()])].sort().map((key) => {
      const [kind, backend] = key.split(" ") as [string, string]
      const label = kindLabels[kind]?.[lang] ?? kind
      return [`${label} ${kind}`, backend, Output.count(queued.get(key) ?? 0), Output.count(delivered.get(key) ?? 0), w.computed]
    })
    const total = (m: ReadonlyMap<string, number>) => [...m.values()].reduce((s, n) => s + n, 0)
    const lines = [
      w.heading,
      `  ${w.settings}`,
      Output.table([
        [w.kind, w.backend, w.queued, w.delivered, w.note],
        ...rows,
        [w.total, "", Output.count(total(queued)), Output.count(total(delivered)), w.computed]
      ], { textColumns: [1, 4], header: true }),
      `  ${w.left(left.pending, left.dead)}`,
      `  ${w.received(Output.count(webhook.length), Output.count(verified), Output.count(dingtalk), receiver.url)}`,
      `  ${w.delivery(rounds, deliverSeconds, Number(deliverSeconds) === 0 ? "—" : Output.count(Math.round(total(delivered) / Number(deliverSeconds))))}`
    ]
    return lines.join("\n")
  }))
