/**
 * What an outreach command needs before anything is read, and what of it the audit log
 * keeps.
 *
 * @internal
 */
import type { OutreachCommand } from "../../outreach/OutreachCommand.js"
import * as OutreachPermission from "../../outreach/OutreachPermission.js"

/** The permission a command needs, the record it targets (for the audit entry) and the grids it names. */
export const targetOf = (
  command: OutreachCommand
): { readonly permission: string; readonly target: string; readonly codes?: ReadonlyArray<string> } => {
  switch (command._tag) {
    case "LinkLeader":
      return { permission: OutreachPermission.liaise, target: command.id, codes: [command.gridCode] }
    case "EndLink":
      return { permission: OutreachPermission.liaise, target: command.linkId }
    case "RecordContact":
    case "RaiseProblem":
      return { permission: OutreachPermission.liaise, target: command.id }
    case "ResolveProblem":
      return { permission: OutreachPermission.liaise, target: command.problemId }
    case "OpenBatch":
      return { permission: OutreachPermission.matters, target: command.id, codes: [command.gridCode] }
    case "AddMatter":
      return { permission: OutreachPermission.matters, target: command.id }
    case "AdvanceMatter":
      return { permission: OutreachPermission.matters, target: command.matterId }
    case "OpenStation":
      return { permission: OutreachPermission.stations, target: command.id, codes: [command.gridCode] }
    case "EquipStation":
    case "CloseStation":
      return { permission: OutreachPermission.stations, target: command.stationId }
    case "RecordUse":
      return { permission: OutreachPermission.stations, target: command.id }
    case "RegisterGroup":
      return { permission: OutreachPermission.groups, target: command.id, codes: [command.gridCode] }
    case "CountWorkers":
      return { permission: OutreachPermission.groups, target: command.groupId }
    case "JoinGroup":
      return { permission: OutreachPermission.groups, target: `${command.groupId}/${command.memberId}` }
  }
}

/**
 * The command as the audit log keeps it: its fields without a station's exact address
 * (the station's id names it for those who may look it up).
 */
export const auditDetail = (command: OutreachCommand): string => {
  const fields = { ...(command as unknown as Record<string, unknown>) }
  if (command._tag === "OpenStation") delete fields.address
  return JSON.stringify(fields)
}
