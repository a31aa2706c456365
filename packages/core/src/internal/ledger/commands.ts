/**
 * What each ledger command needs and targets, and how the audit log keeps it
 * (personal data left out: a volunteer's ID number and phone are never in the log).
 *
 * @internal
 */
import type { LedgerCommand } from "../../ledger/LedgerCommand.js"
import * as LedgerPermission from "../../ledger/LedgerPermission.js"

/** @internal */
export const targetOf = (command: LedgerCommand): { permission: string; target: string; codes?: ReadonlyArray<string> } => {
  switch (command._tag) {
    case "RegisterVolunteer":
      return { permission: LedgerPermission.write, target: `volunteer:${command.id}`, codes: [command.gridCode] }
    case "RecordConsent":
      return { permission: LedgerPermission.write, target: `volunteer:${command.volunteerId}` }
    case "RegisterActivity":
      return { permission: LedgerPermission.write, target: `activity:${command.id}`, codes: [command.gridCode] }
    case "RecordService":
      return {
        permission: LedgerPermission.write,
        target: `volunteer:${command.volunteerId}`,
        codes: command.gridCode === null ? [] : [command.gridCode]
      }
    case "CorrectEntry":
      return {
        permission: LedgerPermission.correct,
        target: `entry:${command.seq}`,
        codes: command.replacement?.gridCode ? [command.replacement.gridCode] : []
      }
    case "RedeemPoints":
    case "ExpirePoints":
      return { permission: LedgerPermission.points, target: `volunteer:${command.volunteerId}` }
    case "IssueCertificate":
      return { permission: LedgerPermission.certify, target: `volunteer:${command.volunteerId}` }
  }
}

/** @internal */
export const auditDetail = (command: LedgerCommand): string => {
  switch (command._tag) {
    case "RegisterVolunteer": {
      const { citizenId: _c, phone: _p, name: _n, ...rest } = command
      return JSON.stringify({ ...rest, citizenId: command.citizenId === null ? null : "withheld", phone: command.phone === null ? null : "withheld" })
    }
    case "CorrectEntry": {
      // Who asked, and why, may name or describe the volunteer: kept on the entries, not in the log.
      const { reason: _r, requester: _q, ...rest } = command
      return JSON.stringify({ ...rest, reason: "withheld", requester: "withheld" })
    }
    default:
      return JSON.stringify(command)
  }
}
