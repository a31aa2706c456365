/**
 * SHA-256 (hex) of a string, in one call where Node has one (`crypto.hash`, from 20.12
 * and 21.7), else through a `Hash`: the same digest either way, the one-shot without
 * a Hash object and its buffers for each of a batch's entries.
 *
 * @internal
 */
import * as crypto from "node:crypto"

const oneShot = typeof crypto.hash === "function" ? crypto.hash : undefined

/** @internal */
export const sha256 = (text: string): string =>
  oneShot === undefined ? crypto.createHash("sha256").update(text).digest("hex") : oneShot("sha256", text, "hex")
