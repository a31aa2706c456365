/**
 * The fingerprint of a `RecordService` command, the ledger's bulk write, made without
 * the generic canonical JSON's work — copying the command without its key, sorting its
 * keys, walking its values — but to the same string, byte for byte: its canonical JSON
 * written out in the order of its sorted keys, then SHA-256. A stored entry's
 * fingerprint is the generic one, and a retry must match it; a command of another
 * shape than the class's (a field added or missing) takes the generic way.
 *
 * @internal
 */
import { fingerprint } from "../../idempotency/Idempotency.js"
import type { RecordService } from "../../ledger/LedgerCommand.js"
import { sha256 } from "./sha256.js"

/** A RecordService's own keys: `_tag`, its key and the session's eleven fields. */
const ownKeys = 13

/** A string as JSON: as it is between quotes unless it has a character JSON escapes. */
const plain = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/
const text = (value: string): string => (plain.test(value) ? `"${value}"` : JSON.stringify(value))
const textOrNull = (value: string | null): string => (value === null ? "null" : text(value))

/**
 * The fingerprint of a RecordService, as `Idempotency.fingerprint` gives it.
 *
 * @internal
 */
export const recordService = (c: RecordService): string => {
  if (
    Object.keys(c).length !== ownKeys || c.teamId === undefined || c.postId === undefined ||
    c.servicePoint === undefined || c.gridCode === undefined ||
    !Number.isSafeInteger(c.residentsServed) || !Number.isSafeInteger(c.mattersDone)
  ) {
    return fingerprint(c)
  }
  return sha256(
    `{"_tag":"RecordService","activityId":${text(c.activityId)},"content":${text(c.content)},"endsAt":${
      text(c.endsAt)
    },"gridCode":${textOrNull(c.gridCode)},"mattersDone":${c.mattersDone},"postId":${
      textOrNull(c.postId)
    },"residentsServed":${c.residentsServed},"servicePoint":${textOrNull(c.servicePoint)},"startsAt":${
      text(c.startsAt)
    },"teamId":${textOrNull(c.teamId)},"volunteerId":${text(c.volunteerId)}}`
  )
}
