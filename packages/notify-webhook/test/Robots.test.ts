import { describe, expect, it } from "@effect/vitest"
import { DingTalk, Feishu, WeCom } from "@jiceng/notify-webhook"
import { HttpReceiver } from "@jiceng/testkit"
import { Effect, Redacted } from "effect"
import { createHmac } from "node:crypto"
import { notification } from "./support/Notifications.js"

const mentioned = (backend: string) => [
  { backend, address: "zhangsan", name: "张三" },
  { backend, address: "13800000000", name: "李四" },
  { backend: "email", address: "wangwu@example.org", name: "王五" }
]

const body = (request: HttpReceiver.Received) => JSON.parse(request.raw) as Record<string, any>

describe("WeCom group robot", () => {
  const key = Redacted.make("693a91f6-7c1e-4bc4-97a0-0ec2f1fa5aaa")

  it.scopedLive("text: the key in the query, the subject and text, mentions by user id and mobile", () =>
    Effect.gen(function*() {
      const receiver = yield* HttpReceiver.start
      receiver.answer = () => ({ status: 200, body: { errcode: 0, errmsg: "ok" } })
      const robot = yield* WeCom.make({ url: `${receiver.url}/cgi-bin/webhook/send`, key })
      yield* robot.deliver(notification(mentioned("wecom")))
      const request = receiver.received[0]!
      expect(request.url.pathname).toBe("/cgi-bin/webhook/send")
      expect(request.url.searchParams.get("key")).toBe("693a91f6-7c1e-4bc4-97a0-0ec2f1fa5aaa")
      expect(body(request)).toEqual({
        msgtype: "text",
        text: {
          content: "民生诉求已派单\n\n诉求 D-2024-0001（楼道照明）已派至第一网格，请于 3 个工作日内办结。\n网格员：张三",
          mentioned_list: ["zhangsan"],
          mentioned_mobile_list: ["13800000000"]
        }
      })
    }))

  it.scopedLive("@group posts to the group mentioning no one", () =>
    Effect.gen(function*() {
      const receiver = yield* HttpReceiver.start
      const robot = yield* WeCom.make({ url: receiver.url, key })
      yield* robot.deliver(notification([{ backend: "wecom", address: "@group", name: "第一网格群" }]))
      expect(body(receiver.received[0]!).text).toEqual({
        content: "民生诉求已派单\n\n诉求 D-2024-0001（楼道照明）已派至第一网格，请于 3 个工作日内办结。\n网格员：张三",
        mentioned_list: [],
        mentioned_mobile_list: []
      })
    }))

  it.scopedLive("markdown: a heading, the text, mentions as <@userid>; a long text is cut to WeCom's 4096 bytes", () =>
    Effect.gen(function*() {
      const receiver = yield* HttpReceiver.start
      const robot = yield* WeCom.make({ url: receiver.url, key, format: "markdown" })
      yield* robot.deliver(notification([{ backend: "wecom", address: "zhangsan", name: null }]))
      expect(body(receiver.received[0]!)).toEqual({
        msgtype: "markdown",
        markdown: { content: "### 民生诉求已派单\n诉求 D-2024-0001（楼道照明）已派至第一网格，请于 3 个工作日内办结。\n网格员：张三\n<@zhangsan>" }
      })
      yield* robot.deliver(notification([{ backend: "wecom", address: "@all", name: null }], { text: "网格".repeat(5000) }))
      const content = body(receiver.received[1]!).markdown.content as string
      expect(Buffer.byteLength(content, "utf8")).toBeLessThanOrEqual(4096)
      expect(content.endsWith("…")).toBe(true)
    }))

  it.scopedLive("errcode: 45009 (rate limit) and -1 are transient, 93000 (invalid key) permanent", () =>
    Effect.gen(function*() {
      const receiver = yield* HttpReceiver.start
      const robot = yield* WeCom.make({ url: receiver.url, key })
      for (const [errcode, permanent] of [[45009, false], [-1, false], [93000, true]] as const) {
        receiver.answer = () => ({ status: 200, body: { errcode, errmsg: "refused" } })
        const error = yield* Effect.flip(robot.deliver(notification(mentioned("wecom"))))
        expect([error.backend, error.permanent, error.status]).toEqual(["wecom", permanent, 200])
        expect(error.message).toContain(`errcode ${errcode}`)
      }
    }))
})

describe("DingTalk robot", () => {
  const accessToken = Redacted.make("b7e2c9d1a0f34e5c8d6b1a2f3e4d5c6b7a8f9e0d1c2b3a4f5e6d7c8b9a0f1e2d")
  const secret = Redacted.make("SEC6a8f0e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b2a3f4e5d6c7b8a9f")

  // The documented scheme, written out independently: base64(HmacSHA256(key = secret, message = `${timestamp}\n${secret}`)).
  const documentedSign = (timestamp: string) =>
    createHmac("sha256", Redacted.value(secret)).update(`${timestamp}\n${Redacted.value(secret)}`).digest("base64")

  it.scopedLive("text: access_token, timestamp (ms) and the URL-encoded sign in the query; the sign recomputed from the documented scheme; at mobiles and user ids", () =>
    Effect.gen(function*() {
      const receiver = yield* HttpReceiver.start
      receiver.answer = () => ({ status: 200, body: { errcode: 0, errmsg: "ok" } })
      const robot = yield* DingTalk.make({ url: `${receiver.url}/robot/send`, accessToken, secret })
      const before = Date.now()
      yield* robot.deliver(notification(mentioned("dingtalk")))
      const request = receiver.received[0]!
      const timestamp = request.url.searchParams.get("timestamp")!
      expect(Number(timestamp)).toBeGreaterThanOrEqual(before)
      expect(Number(timestamp)).toBeLessThanOrEqual(Date.now())
      expect(request.url.searchParams.get("access_token")).toBe(Redacted.value(accessToken))
      expect(request.url.searchParams.get("sign")).toBe(documentedSign(timestamp))
      // URL-encoded on the wire: base64's + / = never appear raw in the query.
      const rawSign = /[?&]sign=([^&]*)/.exec(request.url.search)![1]!
      expect(rawSign).toBe(encodeURIComponent(documentedSign(timestamp)))
      expect(body(request)).toEqual({
        msgtype: "text",
        text: { content: "民生诉求已派单\n\n诉求 D-2024-0001（楼道照明）已派至第一网格，请于 3 个工作日内办结。\n网格员：张三\n@13800000000 @zhangsan" },
        at: { atMobiles: ["13800000000"], atUserIds: ["zhangsan"], isAtAll: false }
      })
    }))

  it.scopedLive("markdown: title and text; @all sets isAtAll", () =>
    Effect.gen(function*() {
      const receiver = yield* HttpReceiver.start
      const robot = yield* DingTalk.make({ url: receiver.url, accessToken, secret, format: "markdown" })
      yield* robot.deliver(notification([{ backend: "dingtalk", address: "@all", name: null }]))
      expect(body(receiver.received[0]!)).toEqual({
        msgtype: "markdown",
        markdown: { title: "民生诉求已派单", text: "### 民生诉求已派单\n\n诉求 D-2024-0001（楼道照明）已派至第一网格，请于 3 个工作日内办结。\n网格员：张三" },
        at: { atMobiles: [], atUserIds: [], isAtAll: true }
      })
    }))

  it.scopedLive("errcode: 130101 (too fast) and -1 are transient, 310000 (sign, keyword or IP) and 300001 permanent; an HTTP 502 transient", () =>
    Effect.gen(function*() {
      const receiver = yield* HttpReceiver.start
      const robot = yield* DingTalk.make({ url: receiver.url, accessToken, secret })
      for (const [errcode, permanent] of [[130101, false], [-1, false], [310000, true], [300001, true]] as const) {
        receiver.answer = () => ({ status: 200, body: { errcode, errmsg: "sign not match" } })
        const error = yield* Effect.flip(robot.deliver(notification(mentioned("dingtalk"))))
        expect([error.backend, error.permanent]).toEqual(["dingtalk", permanent])
        expect(error.message).toContain(`errcode ${errcode} (sign not match)`)
      }
      receiver.answer = () => ({ status: 502 })
      const error = yield* Effect.flip(robot.deliver(notification(mentioned("dingtalk"))))
      expect([error.permanent, error.status]).toEqual([false, 502])
    }))
})

describe("Feishu bot", () => {
  const token = Redacted.make("2f6a1c3e-8b7d-4e5f-9a0b-1c2d3e4f5a6b")
  const secret = Redacted.make("qX3mV9pL2kR7tY1wZ5nB8c")

  // The documented scheme, written out independently: base64(HmacSHA256(key = `${timestamp}\n${secret}`, message = "")).
  const documentedSign = (timestamp: string) => createHmac("sha256", `${timestamp}\n${Redacted.value(secret)}`).update("").digest("base64")

  it.scopedLive("text: the token as the last path segment, timestamp (s) and sign in the body, recomputed from the documented scheme; mentions as <at>", () =>
    Effect.gen(function*() {
      const receiver = yield* HttpReceiver.start
      receiver.answer = () => ({ status: 200, body: { code: 0, msg: "success", data: {} } })
      const robot = yield* Feishu.make({ url: `${receiver.url}/open-apis/bot/v2/hook/`, token, secret })
      const before = Math.floor(Date.now() / 1000)
      yield* robot.deliver(notification(mentioned("feishu")))
      const request = receiver.received[0]!
      expect(request.url.pathname).toBe(`/open-apis/bot/v2/hook/${Redacted.value(token)}`)
      const sent = body(request)
      expect(typeof sent.timestamp).toBe("string")
      expect(Number(sent.timestamp)).toBeGreaterThanOrEqual(before)
      expect(Number(sent.timestamp)).toBeLessThanOrEqual(Math.floor(Date.now() / 1000))
      expect(sent.sign).toBe(documentedSign(sent.timestamp))
      expect(sent).toEqual({
        timestamp: sent.timestamp,
        sign: sent.sign,
        msg_type: "text",
        // Feishu mentions by user id only: the mobile number is not mentioned.
        content: { text: "民生诉求已派单\n\n诉求 D-2024-0001（楼道照明）已派至第一网格，请于 3 个工作日内办结。\n网格员：张三\n<at user_id=\"zhangsan\"></at>" }
      })
    }))

  it.scopedLive("post: a title and a paragraph per line in the notification's language, mentions as at tags", () =>
    Effect.gen(function*() {
      const receiver = yield* HttpReceiver.start
      const robot = yield* Feishu.make({ url: receiver.url, token, secret, format: "post" })
      yield* robot.deliver(notification([{ backend: "feishu", address: "ou_7d8a6e6d", name: null }, { backend: "feishu", address: "@all", name: null }], {
        lang: "en",
        subject: "Demand assigned",
        text: "Demand D-2024-0001 assigned to grid 1.\nDue in 3 working days."
      }))
      const sent = body(receiver.received[0]!)
      expect(sent.sign).toBe(documentedSign(sent.timestamp))
      expect(sent.msg_type).toBe("post")
      expect(sent.content).toEqual({
        post: {
          en_us: {
            title: "Demand assigned",
            content: [
              [{ tag: "text", text: "Demand D-2024-0001 assigned to grid 1." }],
              [{ tag: "text", text: "Due in 3 working days." }],
              [{ tag: "at", user_id: "ou_7d8a6e6d" }, { tag: "at", user_id: "all" }]
            ]
          }
        }
      })
      // A long text is cut so that the request stays within Feishu's 20 KB.
      yield* robot.deliver(notification([{ backend: "feishu", address: "@all", name: null }], { text: "网格员巡查记录\n".repeat(2000) }))
      expect(Buffer.byteLength(receiver.received[1]!.raw, "utf8")).toBeLessThanOrEqual(20 * 1024)
    }))

  it.scopedLive("code: 11232 (rate limit) is transient, 19021 (bad signature) and 19024 permanent, also under HTTP 400; StatusCode of older answers is read", () =>
    Effect.gen(function*() {
      const receiver = yield* HttpReceiver.start
      const robot = yield* Feishu.make({ url: receiver.url, token, secret })
      for (const [answer, permanent] of [
        [{ status: 200, body: { code: 11232, msg: "frequency limited" } }, false],
        [{ status: 200, body: { code: 19021, msg: "sign match fail or timestamp is not within one hour from current time" } }, true],
        [{ status: 200, body: { code: 19024, msg: "Key Words Not Found" } }, true],
        [{ status: 400, body: { code: 19021, msg: "sign match fail" } }, true],
        [{ status: 200, body: { StatusCode: 9499, StatusMessage: "Bad Request" } }, true]
      ] as const) {
        receiver.answer = () => answer
        const error = yield* Effect.flip(robot.deliver(notification(mentioned("feishu"))))
        expect([error.backend, error.permanent, error.status]).toEqual(["feishu", permanent, answer.status])
      }
      receiver.answer = () => ({ status: 200, body: { StatusCode: 0, StatusMessage: "success" } })
      yield* robot.deliver(notification(mentioned("feishu")))
    }))
})
