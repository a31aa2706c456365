/**
 * The DingTalk custom robot (钉钉自定义机器人) with the signing security setting (加签):
 * a JSON POST to `https://oapi.dingtalk.com/robot/send?access_token=<token>&timestamp=<ms>&sign=<sign>`,
 * where `sign` is base64(HMAC-SHA256 keyed with the secret over `${timestamp}\n${secret}`),
 * URL-encoded; DingTalk refuses a timestamp more than an hour from its clock.
 * `msgtype` `text` (mentions by mobile and user id, `isAtAll`) or `markdown`.
 * A 2xx answer carries `errcode`; 0 is success, -1 (system busy) and 130101 (sending
 * too fast: 20 messages a minute) are retried, any other is permanent (310000: the
 * signature, keyword or IP check failed; 300001: an unknown token, …).
 * See https://open.dingtalk.com/document/orgapp/customize-robot-security-settings.
 *
 * @since 0.6.0
 */
import { createHmac } from "node:crypto"
import { Effect, Redacted } from "effect"
import type { NotifierBackend } from "@jiceng/core"
import * as Config from "./internal/config.js"
import * as Robot from "./internal/robot.js"

/**
 * The platform's endpoint, without the query.
 *
 * @since 0.6.0
 * @category constants
 */
export const defaultUrl = "https://oapi.dingtalk.com/robot/send"

/**
 * The configuration: the robot's `access_token` (from its webhook address) and its
 * signing secret (`SEC…`), and optionally the endpoint (default `defaultUrl`), the
 * format (`text`, the default, or `markdown`), the back end's name (default
 * `dingtalk`) and the timeout (default 10 000 ms).
 *
 * @since 0.6.0
 * @category models
 */
export interface DingTalkConfig extends Config.Common {
  readonly accessToken: Redacted.Redacted<string>
  readonly secret: Redacted.Redacted<string>
  readonly format?: "text" | "markdown"
}

/**
 * DingTalk's signature at a timestamp in milliseconds: base64, not yet URL-encoded.
 *
 * @since 0.6.0
 * @category signing
 */
export const sign = (secret: Redacted.Redacted<string>, timestampMs: number): string =>
  createHmac("sha256", Redacted.value(secret)).update(`${timestampMs}\n${Redacted.value(secret)}`, "utf8").digest("base64")

/**
 * Builds the back end, checking its configuration first.
 *
 * @since 0.6.0
 * @category constructors
 */
export const make = (config: DingTalkConfig): Effect.Effect<NotifierBackend.NotifierBackend, NotifierBackend.NotifierConfigError> =>
  Effect.gen(function*() {
    const { base, format, name, secrets, timeoutMs } = yield* Config.robot(
      "dingtalk",
      config,
      ["accessToken", "secret"],
      ["text", "markdown"],
      defaultUrl
    )
    const { accessToken, secret } = secrets
    return Robot.backend({
      name,
      timeoutMs,
      secrets: [accessToken, secret],
      codeFields: ["errcode"],
      transientCodes: new Set([-1, 130101]),
      request: (notification, recipients, nowMs) => {
        const url = new URL(base)
        url.searchParams.set("access_token", Redacted.value(accessToken))
        url.searchParams.set("timestamp", String(nowMs))
        url.searchParams.set("sign", sign(secret, nowMs))
        const mentions = Robot.mentions(recipients)
        const at = { atMobiles: mentions.mobiles, atUserIds: mentions.userIds, isAtAll: mentions.all }
        // DingTalk shows a mention only where the @ appears in the message itself.
        const tags = [...mentions.mobiles, ...mentions.userIds].map((who) => `@${who}`).join(" ")
        const body = format === "text"
          ? {
            msgtype: "text",
            text: { content: Robot.truncateBytes([Robot.plainText(notification), tags].filter((s) => s !== "").join("\n"), 20_000) },
            at
          }
          : {
            msgtype: "markdown",
            markdown: {
              title: notification.subject,
              text: Robot.truncateBytes(
                [`### ${notification.subject}`, notification.text, tags].filter((s) => s !== "").join("\n\n"),
                20_000
              )
            },
            at
          }
        return { url, body }
      }
    })
  })
