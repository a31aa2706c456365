/**
 * What a member-development command needs before anything is read, and what of it the
 * audit log keeps.
 *
 * @internal
 */
import type { DevelopmentCommand } from "../../development/DevelopmentCommand.js"
import * as DevelopmentPermission from "../../development/DevelopmentPermission.js"

/** The permission a command needs and the record it targets (for the audit entry). */
export const targetOf = (command: DevelopmentCommand): { readonly permission: string; readonly target: string } => {
  switch (command._tag) {
    case "OpenTrack":
      return { permission: DevelopmentPermission.track, target: command.id }
    case "RecordStep":
    case "ExtendWindow":
    case "CancelTrack":
      return { permission: DevelopmentPermission.track, target: command.trackId }
    case "HireWorker":
    case "RecordTraining":
    case "RecordCareerMove":
      return { permission: DevelopmentPermission.workforce, target: command.id }
    case "PlanRecruitment":
      return { permission: DevelopmentPermission.workforce, target: `${command.gridCode}/${command.year}` }
    case "RecordQualification":
      return { permission: DevelopmentPermission.workforce, target: `${command.workerId}/${command.level}` }
    case "Recognise":
      return { permission: DevelopmentPermission.recognise, target: command.id }
    case "SendHonourLetters":
      // One honour names itself; several, the day they were sent (the detail lists them).
      return { permission: DevelopmentPermission.recognise, target: command.honourIds.length === 1 ? command.honourIds[0]! : `letters@${command.on}` }
  }
}

/**
 * The command as the audit log keeps it: its fields without a person's name, birth
 * date or phone (the ids name them for those who may look them up).
 */
export const auditDetail = (command: DevelopmentCommand): string => {
  const fields = { ...(command as unknown as Record<string, unknown>) }
  if (command._tag === "OpenTrack" || command._tag === "HireWorker") {
    delete fields.name
    delete fields.birthDate
    delete fields.phone
  }
  return JSON.stringify(fields)
}
