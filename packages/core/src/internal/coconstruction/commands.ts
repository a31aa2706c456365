/**
 * What a co-construction command needs before anything is read, and what of it the
 * audit log keeps.
 *
 * @internal
 */
import type { CoConstructionCommand } from "../../coconstruction/CoConstructionCommand.js"
import * as CoConstructionPermission from "../../coconstruction/CoConstructionPermission.js"

/** The permission a command needs and the record it targets (for the audit entry). */
export const targetOf = (command: CoConstructionCommand): { readonly permission: string; readonly target: string } => {
  switch (command._tag) {
    case "EnrolUnit":
    case "TransferUnit":
    case "WithdrawUnit":
      return { permission: CoConstructionPermission.enrolmentWrite, target: command.creditCode }
    case "EnrolMember":
    case "TransferEnrolment":
    case "WithdrawMember":
      return { permission: CoConstructionPermission.enrolmentWrite, target: command.memberId }
    case "SignAgreement":
    case "ListNeed":
    case "ListResource":
    case "StartProject":
    case "HoldJointMeeting":
      return { permission: CoConstructionPermission.write, target: command.id }
    case "ReportProgress":
      return { permission: CoConstructionPermission.write, target: command.projectId }
    case "CompleteTask":
      return { permission: CoConstructionPermission.write, target: command.taskId }
    case "FormTeam":
    case "OpenPost":
      return { permission: CoConstructionPermission.volunteerWrite, target: command.id }
    case "ClaimPost":
    case "WithdrawClaim":
      return { permission: CoConstructionPermission.volunteerWrite, target: `${command.postId}/${command.memberId}` }
  }
}

/**
 * The command as the audit log keeps it: its fields, but a member's declared skills
 * only by count (a profession can name a person in a small community).
 */
export const auditDetail = (command: CoConstructionCommand): string => {
  const fields = { ...(command as unknown as Record<string, unknown>) }
  if ((command._tag === "EnrolMember" || command._tag === "ClaimPost") && Array.isArray(fields.skills)) {
    fields.skills = fields.skills.length
  }
  return JSON.stringify(fields)
}
