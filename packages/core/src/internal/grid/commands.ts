/**
 * What a grid command touches before anything is read, and what of it the audit log keeps.
 *
 * @internal
 */
import { Option } from "effect"
import * as GridPermission from "../../grid/GridPermission.js"
import { GridCommand } from "../../grid/GridCommand.js"
import * as WorkerRules from "../../grid/WorkerRules.js"

/** The permission and the grid codes a command touches, known before any read. */
export const targetsOf = (command: GridCommand): { readonly permission: string; readonly codes: ReadonlyArray<string> } => {
  switch (command._tag) {
    case "CreateGrid":
      return { permission: GridPermission.write, codes: [command.parentCode ?? command.code] }
    case "MoveGrid":
      return { permission: GridPermission.write, codes: [command.code, command.newParentCode] }
    case "MergeGrids":
      return { permission: GridPermission.write, codes: [...command.codes, command.into.code] }
    case "SplitGrid":
      // The parts are siblings of the grid: each must lie in the actor's scope too.
      return { permission: GridPermission.write, codes: [command.code, ...command.parts.map((p) => p.code)] }
    case "RenameGrid":
    case "CloseGrid":
      return { permission: GridPermission.write, codes: [command.code] }
    case "PlacePlace":
      return { permission: GridPermission.placeWrite, codes: [command.gridCode] }
    case "RegisterWorker":
      return { permission: GridPermission.workerWrite, codes: [command.communityCode] }
    case "AssignWorker":
      return { permission: GridPermission.workerWrite, codes: [command.gridCode] }
    case "EndAssignment":
      return { permission: GridPermission.workerWrite, codes: Option.toArray(WorkerRules.assignmentGrid(command.id)) }
  }
}

/**
 * The command as the audit log keeps it. Personal data never goes in: phones, ID
 * numbers, addresses, and the names of households (residents). Grid and worker names
 * stay: grids are public, and grid workers are posted by name (网格员公示).
 */
export const auditDetail = (command: GridCommand): string => {
  // Every field of a command encodes to itself (strings, numbers, booleans, plain
  // structs), so the instance's own fields are its encoded form: no Schema encode needed.
  // The command's own fields but the personal ones, copied into a plain object: V8
  // serialises that on its fast path, which a replacer function would leave.
  const household = command._tag === "PlacePlace" && command.kind === "household"
  const fields = command as unknown as Record<string, unknown>
  const kept: Record<string, unknown> = {}
  for (const key of Object.keys(fields)) {
    if (!personal.has(key) && !(household && key === "name")) kept[key] = fields[key]
  }
  return JSON.stringify(kept)
}

/** Fields that are personal data wherever they appear in a command. */
const personal: ReadonlySet<string> = new Set(["address", "citizenId", "phone"])
