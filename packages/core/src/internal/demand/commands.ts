/**
 * What a demand command needs before anything is read, and what of it the audit log
 * keeps.
 *
 * @internal
 */
import type { DemandCommand } from "../../demand/DemandCommand.js"
import * as DemandPermission from "../../demand/DemandPermission.js"

/** The permission a command needs, the record it targets, and the grids it names (checked before anything is read). */
export const targetOf = (
  command: DemandCommand
): { readonly permission: string; readonly target: string; readonly codes?: ReadonlyArray<string> } => {
  switch (command._tag) {
    case "RecordVisit":
      return {
        permission: DemandPermission.visit,
        target: command.id,
        codes: [command.gridCode, ...command.demands.flatMap((d) => (d.gridCode === undefined ? [] : [d.gridCode]))]
      }
    case "IntakeDemand":
      return { permission: DemandPermission.intake, target: command.id, codes: [command.gridCode] }
    case "EscalateOverdue":
      return { permission: DemandPermission.handle, target: `overdue@${command.asOf}` }
    default:
      return { permission: DemandPermission.handle, target: command.demandId }
  }
}

/** A collected demand without what may identify the resident: the address, the point and the words. */
const withoutPersonal = <A extends object>(fields: A): Partial<A> => {
  const { address: _a, description: _d, lat: _la, long: _lo, ...rest } = fields as A & Record<string, unknown>
  return rest as Partial<A>
}

/** A command without its free text (a note, a reason, what a visit updated): words may name a resident or their phone. */
const withoutText = <A extends object>(fields: A): Partial<A> => {
  const { note: _n, reason: _r, updated: _u, ...rest } = fields as A & Record<string, unknown>
  return rest as Partial<A>
}

/**
 * The command as the audit log keeps it: its fields without any free text — a demand's
 * address, point or description, a note, a reason, what a visit updated — which may
 * name the resident, their phone or where they live. The demand's own record keeps them.
 */
export const auditDetail = (command: DemandCommand): string => {
  switch (command._tag) {
    case "RecordVisit":
      return JSON.stringify({ ...withoutText(command), demands: command.demands.map(withoutPersonal) })
    case "IntakeDemand":
      return JSON.stringify(withoutPersonal(command))
    default:
      return JSON.stringify(withoutText(command))
  }
}
