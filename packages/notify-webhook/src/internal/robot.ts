/**
 * What the group robots share: who a recipient's address mentions, the message text
 * within the platform's byte limit, and reading the platform's error code in a 2xx answer.
 */
import { Effect } from "effect"
import type { Notification, NotifierBackend } from "@jiceng/core"
import * as Http from "./http.js"

/** A robot's recipients, sorted into whom its message mentions. */
export interface Mentions {
  readonly all: boolean
  readonly mobiles: ReadonlyArray<string>
  readonly userIds: ReadonlyArray<string>
}

/** The address that posts to the robot's group mentioning no one. */
export const group = "@group"

/**
 * An address `@all` mentions everyone, `@group` no one (the message is posted all the
 * same), eleven digits starting with 1 a mobile number (mainland China), anything else
 * a user id of the platform.
 */
export const mentions = (recipients: Notification.Notification["recipients"]): Mentions => {
  const people = recipients.filter((r) => r.address !== "@all" && r.address !== group)
  return {
    all: recipients.some((r) => r.address === "@all"),
    mobiles: people.filter((r) => /^1\d{10}$/.test(r.address)).map((r) => r.address),
    userIds: people.filter((r) => !/^1\d{10}$/.test(r.address)).map((r) => r.address)
  }
}

/** Cuts a text to at most `maxBytes` bytes of UTF-8, at a character boundary. */
export const truncateBytes = (text: string, maxBytes: number): string => {
  if (Buffer.byteLength(text, "utf8") <= maxBytes) return text
  let out = ""
  let bytes = 0
  for (const char of text) {
    const size = Buffer.byteLength(char, "utf8")
    if (bytes + size > maxBytes - 3) break
    out += char
    bytes += size
  }
  return `${out}…`
}

/** The subject, a blank line, and the text. */
export const plainText = (notification: Notification.Notification): string =>
  notification.subject === "" ? notification.text : `${notification.subject}\n\n${notification.text}`

/**
 * Reads the platform's result code in a 2xx answer (`errcode`, `code` or `StatusCode`):
 * 0 or absent is success; a code listed as transient is retried; any other is permanent.
 */
export const checkCode = (
  request: Pick<Http.Post, "backend" | "secrets">,
  answer: Http.Answer,
  fields: ReadonlyArray<string>,
  transientCodes: ReadonlySet<number>
): Effect.Effect<void, NotifierBackend.DeliveryError> => {
  const json = answer.json as Record<string, unknown> | null
  const field = json === null || typeof json !== "object" ? undefined : fields.find((f) => typeof json[f] === "number")
  const code = field === undefined ? 0 : (json![field] as number)
  if (code === 0) return Effect.void
  const said = [json!["errmsg"], json!["msg"], json!["StatusMessage"]].find((m) => typeof m === "string")
  const transient = transientCodes.has(code)
  return Effect.fail(
    Http.failure(
      request,
      `the platform refused the message: ${field} ${code}${said === undefined ? "" : ` (${String(said)})`}${
        transient ? "" : " (not retried)"
      }`,
      !transient,
      answer.status
    )
  )
}

/** A robot's request for one notification: where, what, and the code fields of its answer. */
export interface RobotRequest {
  readonly url: URL
  readonly body: unknown
}

/** What a robot back end is made of. */
export interface RobotSpec {
  readonly name: string
  readonly timeoutMs: number
  readonly secrets: Http.Post["secrets"]
  /** The fields of the answer holding the platform's result code. */
  readonly codeFields: ReadonlyArray<string>
  /** The platform's codes worth retrying (rate limits, "system busy"). */
  readonly transientCodes: ReadonlySet<number>
  readonly request: (
    notification: Notification.Notification,
    recipients: Notification.Notification["recipients"],
    nowMs: number
  ) => RobotRequest
}

/**
 * A robot back end: it carries the recipients that name it, and posts one message per
 * notification to its group, mentioning them; nothing when none names it.
 */
export const backend = (spec: RobotSpec): NotifierBackend.NotifierBackend => {
  const accepts: NotifierBackend.NotifierBackend["accepts"] = (recipient) => recipient.backend === spec.name
  const deliver = (notification: Notification.Notification) =>
    Effect.gen(function*() {
      const recipients = notification.recipients.filter(accepts)
      if (recipients.length === 0) return
      const { body, url } = spec.request(notification, recipients, yield* Effect.clockWith((c) => c.currentTimeMillis))
      const request = { backend: spec.name, secrets: spec.secrets }
      const answer = yield* Http.post({
        ...request,
        url,
        headers: { "content-type": "application/json; charset=utf-8", "user-agent": "jiceng-notify-webhook" },
        body: JSON.stringify(body),
        timeoutMs: spec.timeoutMs
      })
      yield* checkCode(request, answer, spec.codeFields, spec.transientCodes)
    })
  return { name: spec.name, accepts, deliver }
}
