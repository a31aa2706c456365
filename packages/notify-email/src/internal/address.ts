/**
 * E-mail addresses and the Message-ID: the pure checks the configuration and `accepts`
 * share.
 *
 * @internal
 */
import { createHash } from "node:crypto"

const label = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
const domainPattern = new RegExp(`^${label}(?:\\.${label})+$`)
// The dot-atom of RFC 5322 §3.2.3: what a local part or a Message-ID's left side may be unquoted.
const atomText = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
const dotAtom = new RegExp(`^${atomText}(?:\\.${atomText})*$`)

/** A domain name in ASCII (IDNs in their punycode form), with at least one dot. */
export const isDomain = (domain: string): boolean => domain.length <= 253 && domainPattern.test(domain)

/**
 * An address the back end sends to: an unquoted ASCII local part of at most 64 characters,
 * `@`, and a domain; 254 characters at most (RFC 5321 §4.5.3.1).
 */
export const isEmailAddress = (address: string): boolean => {
  if (address.length > 254) return false
  const at = address.lastIndexOf("@")
  if (at < 1) return false
  const local = address.slice(0, at)
  return local.length <= 64 && dotAtom.test(local) && isDomain(address.slice(at + 1))
}

/** The domain of an address already checked by `isEmailAddress`. */
export const domainOf = (address: string): string => address.slice(address.lastIndexOf("@") + 1)

/**
 * The Message-ID of a notification: its id as the left side when the id is a dot-atom (the
 * usual case), else the SHA-256 of its UTF-8 bytes in hex, so that any id gives one valid,
 * stable Message-ID and a repeat of the notification gives the same one.
 */
export const messageId = (notificationId: string, domain: string): string => {
  const left = notificationId.length <= 200 && dotAtom.test(notificationId)
    ? notificationId
    : `sha256.${createHash("sha256").update(notificationId, "utf8").digest("hex")}`
  return `<${left}@${domain}>`
}
