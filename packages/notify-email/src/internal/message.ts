/**
 * The message one recipient receives: what the back end hands nodemailer.
 *
 * @internal
 */
import type { Notification } from "@jiceng/core"
import type * as EmailConfig from "../EmailConfig.js"
import { messageId } from "./address.js"

/** The nodemailer message options the back end uses. */
export interface Message {
  readonly from: { readonly name: string; readonly address: string }
  readonly to: { readonly name: string; readonly address: string }
  readonly subject: string
  readonly text: string
  readonly html?: string
  readonly messageId: string
  readonly headers: Readonly<Record<string, string>>
  readonly textEncoding: "base64"
  readonly disableFileAccess: true
  readonly disableUrlAccess: true
}

/**
 * One recipient's message: the subject, the text part, the HTML part when the notification
 * has one, the Message-ID derived from the notification's tenant and id (the same for
 * every recipient and every attempt, and another in another tenant) and the tenant and
 * id themselves as `X-Jiceng-Tenant` and `X-Jiceng-Id`. Parts are UTF-8 in
 * base64 and non-ASCII headers RFC 2047 encoded words (nodemailer's encoding). Files and
 * URLs are never read into the message, whatever the HTML says.
 */
export const build = (
  config: EmailConfig.Checked,
  notification: Notification.Notification,
  recipient: Notification.Recipient
): Message => ({
  from: config.from,
  to: { name: recipient.name ?? "", address: recipient.address },
  subject: notification.subject,
  text: notification.text,
  ...(notification.html === null ? {} : { html: notification.html }),
  messageId: messageId(`${notification.tenant}.${notification.id}`, config.messageIdDomain),
  headers: {
    "X-Jiceng-Tenant": notification.tenant,
    "X-Jiceng-Id": notification.id,
    "X-Jiceng-Kind": notification.kind,
    "Content-Language": notification.lang === "zh" ? "zh-CN" : "en"
  },
  textEncoding: "base64",
  disableFileAccess: true,
  disableUrlAccess: true
})
