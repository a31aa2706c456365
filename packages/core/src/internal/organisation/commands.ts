/**
 * What an organisation command needs before anything is read, and what of it the audit
 * log keeps.
 *
 * @internal
 */
import type { OrganisationCommand } from "../../organisation/OrganisationCommand.js"
import * as OrganisationPermission from "../../organisation/OrganisationPermission.js"

/** The permission a command needs and the record it targets (for the audit entry). */
export const targetOf = (command: OrganisationCommand): { readonly permission: string; readonly target: string } => {
  switch (command._tag) {
    case "FormOrganisation":
    case "RenameOrganisation":
    case "SetCommittee":
    case "DissolveOrganisation":
      return { permission: OrganisationPermission.write, target: command.id }
    case "MergeOrganisations":
      return { permission: OrganisationPermission.write, target: [...command.ids, command.into.id].join(",") }
    case "RecordMeeting":
      return { permission: OrganisationPermission.meetingWrite, target: command.organisationId }
    case "AdmitMember":
    case "ArriveMember":
    case "TransferMember":
    case "DepartMember":
    case "ConvertMember":
    case "JoinTemporary":
    case "LeaveTemporary":
    case "RecordDues":
    case "RecordDiscipline":
      return { permission: OrganisationPermission.memberWrite, target: command.memberId }
  }
}

/** Fields of a command that are personal data: a member's name, phone and ID number. */
const personal: ReadonlySet<string> = new Set(["name", "phone", "citizenId"])

/**
 * The command as the audit log keeps it: its own fields, but never a member's name,
 * phone or ID number (membership of the Party is itself personal data). Organisation
 * names stay: they are public.
 */
export const auditDetail = (command: OrganisationCommand): string => {
  const member = command._tag === "AdmitMember" || command._tag === "ArriveMember"
  const fields = command as unknown as Record<string, unknown>
  const kept: Record<string, unknown> = {}
  for (const key of Object.keys(fields)) if (!(member && personal.has(key))) kept[key] = fields[key]
  return JSON.stringify(kept)
}
