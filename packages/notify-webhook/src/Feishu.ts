/**
 * The Feishu custom bot (飞书自定义机器人; Lark with another `url`) with signature
 * verification (签名校验): a JSON POST to
 * `https://open.feishu.cn/open-apis/bot/v2/hook/<token>` whose body carries
 * `timestamp` (Unix seconds, as a string) and `sign` = base64(HMAC-SHA256 keyed with
 * `${timestamp}\n${secret}` over an empty message); Feishu refuses a timestamp more than
 * an hour from its clock. `msg_type` `text` (mentions as `<at user_id="…">`) or `post`
 * (rich text, title and paragraphs, in the notification's language), the text cut to
 * 18 000 bytes (Feishu takes a body of at most 20 KB). The answer carries
 * `code` (older versions `StatusCode`); 0 is success, 11232 (rate limit) is retried,
 * any other is permanent (19021: a bad signature; 19022: IP not allowed; 19024: a
 * keyword missing, …).
 * See https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot.
 *
 * @since 0.6.0
 */
import { createHmac } from "node:crypto"
import { Effect, Redacted } from "effect"
import type { NotifierBackend } from "@jiceng/core"
import * as Config from "./internal/config.js"
import * as Robot from "./internal/robot.js"

/**
 * The platform's hook endpoint, without the token.
 *
 * @since 0.6.0
 * @category constants
 */
export const defaultUrl = "https://open.feishu.cn/open-apis/bot/v2/hook"

/**
 * The configuration: the bot's token (the last segment of its webhook address) and its
 * signing secret, and optionally the endpoint (default `defaultUrl`), the format
 * (`text`, the default, or `post`), the back end's name (default `feishu`) and the
 * timeout (default 10 000 ms).
 *
 * @since 0.6.0
 * @category models
 */
export interface FeishuConfig extends Config.Common {
  readonly token: Redacted.Redacted<string>
  readonly secret: Redacted.Redacted<string>
  readonly format?: "text" | "post"
}

// Feishu takes a request body of at most 20 KB: the text is cut to leave room for the rest.
const maxBytes = 18_000

/** The text as a post's paragraphs, a line each, within `maxBytes` of JSON. */
const paragraphs = (text: string): Array<Array<{ readonly tag: "text"; readonly text: string }>> => {
  const out: Array<Array<{ readonly tag: "text"; readonly text: string }>> = []
  let left = maxBytes
  for (const line of text.split("\n")) {
    const size = Buffer.byteLength(JSON.stringify([{ tag: "text", text: line }]), "utf8") + 1
    if (size > left) {
      // What is left of the budget, less the paragraph's own JSON, holds the start of the line.
      out.push([{ tag: "text", text: Robot.truncateBytes(line, Math.max(left - 64, 8)) }])
      break
    }
    out.push([{ tag: "text", text: line }])
    left -= size
  }
  return out
}

/**
 * Feishu's signature at a timestamp in seconds.
 *
 * @since 0.6.0
 * @category signing
 */
export const sign = (secret: Redacted.Redacted<string>, timestampSeconds: number): string =>
  createHmac("sha256", `${timestampSeconds}\n${Redacted.value(secret)}`).update("").digest("base64")

/**
 * Builds the back end, checking its configuration first.
 *
 * @since 0.6.0
 * @category constructors
 */
export const make = (config: FeishuConfig): Effect.Effect<NotifierBackend.NotifierBackend, NotifierBackend.NotifierConfigError> =>
  Effect.gen(function*() {
    const { base, format, name, secrets, timeoutMs } = yield* Config.robot(
      "feishu",
      config,
      ["token", "secret"],
      ["text", "post"],
      defaultUrl
    )
    const { secret, token } = secrets
    return Robot.backend({
      name,
      timeoutMs,
      secrets: [token, secret],
      codeFields: ["code", "StatusCode"],
      transientCodes: new Set([11232]),
      request: (notification, recipients, nowMs) => {
        const url = new URL(base)
        url.pathname = `${url.pathname.replace(/\/$/, "")}/${encodeURIComponent(Redacted.value(token))}`
        const timestamp = Math.floor(nowMs / 1000)
        const mentions = Robot.mentions(recipients)
        const ids = [...mentions.userIds, ...(mentions.all ? ["all"] : [])]
        const signed = { timestamp: String(timestamp), sign: sign(secret, timestamp) }
        const body = format === "text"
          ? {
            ...signed,
            msg_type: "text",
            content: {
              text: Robot.truncateBytes(
                [Robot.plainText(notification), ids.map((id) => `<at user_id="${id}"></at>`).join(" ")]
                  .filter((s) => s !== "")
                  .join("\n"),
                maxBytes
              )
            }
          }
          : {
            ...signed,
            msg_type: "post",
            content: {
              post: {
                [notification.lang === "zh" ? "zh_cn" : "en_us"]: {
                  title: notification.subject,
                  content: [
                    ...paragraphs(notification.text),
                    ...(ids.length === 0 ? [] : [ids.map((id) => ({ tag: "at", user_id: id }))])
                  ]
                }
              }
            }
          }
        return { url, body }
      }
    })
  })
