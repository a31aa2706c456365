/**
 * The WeCom group robot (企业微信群机器人): a JSON POST to
 * `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=<key>`, `msgtype` `text`
 * (mentions by user id and mobile) or `markdown`. WeCom robots are not signed: the key
 * is the credential, so it is a secret here. A 2xx answer carries `errcode`; 0 is
 * success, -1 (system busy) and 45009 (rate limit: 20 messages a minute) are retried,
 * any other is permanent (93000: an invalid key, …).
 * See https://developer.work.weixin.qq.com/document/path/91770.
 *
 * @since 0.6.0
 */
import { Effect, Redacted } from "effect"
import type { NotifierBackend } from "@jiceng/core"
import * as Config from "./internal/config.js"
import * as Robot from "./internal/robot.js"

/**
 * The platform's endpoint, without the key.
 *
 * @since 0.6.0
 * @category constants
 */
export const defaultUrl = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send"

/**
 * The configuration: the robot's key (from its webhook address), and optionally the
 * endpoint (default `defaultUrl`), the format (`text`, the default, or `markdown`),
 * the back end's name (default `wecom`) and the timeout (default 10 000 ms).
 *
 * @since 0.6.0
 * @category models
 */
export interface WeComConfig extends Config.Common {
  readonly key: Redacted.Redacted<string>
  readonly format?: "text" | "markdown"
}

/**
 * Builds the back end, checking its configuration first.
 *
 * @since 0.6.0
 * @category constructors
 */
export const make = (config: WeComConfig): Effect.Effect<NotifierBackend.NotifierBackend, NotifierBackend.NotifierConfigError> =>
  Effect.gen(function*() {
    const { base, format, name, secrets, timeoutMs } = yield* Config.robot("wecom", config, ["key"], ["text", "markdown"], defaultUrl)
    const { key } = secrets
    return Robot.backend({
      name,
      timeoutMs,
      secrets: [key],
      codeFields: ["errcode"],
      transientCodes: new Set([-1, 45009]),
      request: (notification, recipients) => {
        const url = new URL(base)
        url.searchParams.set("key", Redacted.value(key))
        const mentions = Robot.mentions(recipients)
        const all = mentions.all ? ["@all"] : []
        const body = format === "text"
          ? {
            msgtype: "text",
            text: {
              content: Robot.truncateBytes(Robot.plainText(notification), 2048),
              mentioned_list: [...mentions.userIds, ...all],
              mentioned_mobile_list: mentions.mobiles
            }
          }
          : {
            msgtype: "markdown",
            markdown: {
              content: Robot.truncateBytes(
                [`### ${notification.subject}`, notification.text, mentions.userIds.map((id) => `<@${id}>`).join(" ")]
                  .filter((line) => line !== "")
                  .join("\n"),
                4096
              )
            }
          }
        return { url, body }
      }
    })
  })
