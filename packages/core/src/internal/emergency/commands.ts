/**
 * What an emergency command needs before anything is read, and what of it the audit
 * log keeps.
 *
 * @internal
 */
import type { EmergencyCommand } from "../../emergency/EmergencyCommand.js"
import * as EmergencyPermission from "../../emergency/EmergencyPermission.js"

/** The permission a command needs, the record it targets (for the audit entry) and the grids it names. */
export const targetOf = (
  command: EmergencyCommand
): { readonly permission: string; readonly target: string; readonly codes?: ReadonlyArray<string> } => {
  switch (command._tag) {
    case "ActivateEmergency":
      return { permission: EmergencyPermission.activate, target: command.id, codes: [command.gridCode] }
    case "DeactivateEmergency":
      return { permission: EmergencyPermission.activate, target: command.id }
    case "FormVanguardTeam":
      return { permission: EmergencyPermission.vanguard, target: command.id, codes: command.compounds.map((c) => c.code) }
  }
}

/**
 * The command as the audit log keeps it: its fields, placements and team members by id
 * only (an activation's commands carry no name, phone or address of a person).
 */
export const auditDetail = (command: EmergencyCommand): string => JSON.stringify(command)
