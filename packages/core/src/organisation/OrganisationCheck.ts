/**
 * The size rules of party organisations on a day (《中国共产党支部工作条例（试行）》
 * 第四条 and the sector thresholds of the policy): a branch needs `minFullMembers` full
 * members, a branch committee from `committeeFrom` full members, and becomes a 党总支 at
 * its sector's `generalBranchAt` members and a 基层党委 at its `committeeAt`. Returns
 * typed alerts in a total order; an empty list means every organisation is in order.
 *
 * @since 0.2.0
 */
import { compareStrings } from "../internal/compareStrings.js"
import type { IsoDate } from "../time/IsoDate.js"
import { within } from "../time/IsoDate.js"
import type { Membership, Standing } from "./Member.js"
import type { Organisation } from "./Organisation.js"
import type { OrganisationAlert } from "./OrganisationAlert.js"
import type { OrganisationConfigShape } from "./OrganisationConfig.js"

/**
 * The total order of alerts: organisation id, then rule id.
 *
 * @since 0.2.0
 * @category ordering
 */
export const compare = (a: OrganisationAlert, b: OrganisationAlert): number =>
  compareStrings(a.organisationId, b.organisationId) || compareStrings(a.rule, b.rule)

/** Full and probationary members, counted once each. */
interface Counts {
  readonly full: number
  readonly probationary: number
}

/** Member id → standing; a member on two rows of one day (bad data) counts once, as full if either row is. */
type Roll = Map<string, Standing>

const add = (roll: Roll, memberId: string, standing: Standing): void => {
  if (roll.get(memberId) !== "full") roll.set(memberId, standing)
}

const countsOf = (roll: Roll): Counts => {
  let full = 0
  for (const standing of roll.values()) if (standing === "full") full++
  return { full, probationary: roll.size - full }
}

/** The versions valid on a day, one per organisation (the latest-starting, should overlapping versions have been imported). */
const versionsOn = (organisations: ReadonlyArray<Organisation>, asOf: IsoDate): ReadonlyArray<Organisation> => {
  const byId = new Map<string, Organisation>()
  for (const o of organisations) {
    if (!within(asOf, o.validFrom, o.validTo)) continue
    const seen = byId.get(o.id)
    if (seen === undefined || seen.validFrom < o.validFrom) byId.set(o.id, o)
  }
  return [...byId.values()].sort((a, b) => compareStrings(a.id, b.id))
}

/**
 * Checks the size rules on `asOf`. `organisations` may hold versions of any days and
 * `memberships` rows of any days: only those valid on `asOf` are used, and only
 * memberships of organisations valid on `asOf` count. Give one tenant's rows.
 *
 * - A branch or joint branch: `branch.min-full-members` below `minFullMembers` full
 *   members; `branch.committee-required` at `committeeFrom` full members or more without
 *   a branch committee; at its sector's `committeeAt` members (full and probationary)
 *   `general-branch.committee-threshold`, else at its `generalBranchAt`
 *   `branch.general-branch-threshold`. Probationary members never count towards the
 *   first two rules (only full members make or elect a branch).
 * - A general branch: `general-branch.committee-threshold` when the members of its
 *   subtree (itself and every organisation under it by `parentId` on `asOf`) reach its
 *   sector's `committeeAt`.
 * - A 基层党委 has no size rule here; a temporary branch gets no alert at all (its
 *   people keep their own branch).
 * - Any other organisation whose sector is not in the policy gets
 *   `organisation.sector-unknown` instead of its sector thresholds; the rules that do
 *   not need a sector still apply.
 *
 * Alerts come sorted by `compare`, whatever the input order.
 *
 * @since 0.2.0
 * @category rules
 */
export const check = (
  config: OrganisationConfigShape,
  input: {
    readonly organisations: ReadonlyArray<Organisation>
    readonly memberships: ReadonlyArray<Membership>
  },
  asOf: IsoDate
): ReadonlyArray<OrganisationAlert> => {
  const organisations = versionsOn(input.organisations, asOf)
  const sectors = new Map(config.sectors.map((s) => [s.key as string, s]))
  const rolls = new Map<string, Roll>(organisations.map((o) => [o.id as string, new Map()]))
  for (const m of input.memberships) {
    const roll = rolls.get(m.organisationId)
    if (roll !== undefined && within(asOf, m.validFrom, m.validTo)) add(roll, m.memberId, m.standing)
  }
  const children = new Map<string, Array<string>>()
  for (const o of organisations) {
    if (o.parentId === null) continue
    const list = children.get(o.parentId)
    if (list === undefined) children.set(o.parentId, [o.id])
    else list.push(o.id)
  }
  /** The members of an organisation and everything under it; `seen` guards against a cycle in bad data. */
  const subtree = (id: string): Counts => {
    const roll: Roll = new Map()
    const seen = new Set<string>([id])
    const queue = [id]
    for (let i = 0; i < queue.length; i++) {
      for (const [memberId, standing] of rolls.get(queue[i]!) ?? []) add(roll, memberId, standing)
      for (const child of children.get(queue[i]!) ?? []) {
        if (!seen.has(child)) {
          seen.add(child)
          queue.push(child)
        }
      }
    }
    return countsOf(roll)
  }

  const alerts: Array<OrganisationAlert> = []
  for (const o of organisations) {
    if (o.kind === "temporary_branch") continue
    const branch = o.kind === "branch" || o.kind === "joint_branch"
    const counts = o.kind === "general_branch" ? subtree(o.id) : countsOf(rolls.get(o.id)!)
    const base = {
      organisationId: o.id,
      name: o.name,
      kind: o.kind,
      sector: o.sector,
      fullMembers: counts.full,
      probationaryMembers: counts.probationary
    }
    if (branch && counts.full < config.minFullMembers) {
      alerts.push({ _tag: "MinFullMembers", rule: "branch.min-full-members", ...base, threshold: config.minFullMembers })
    }
    if (branch && counts.full >= config.committeeFrom && !o.hasCommittee) {
      alerts.push({ _tag: "CommitteeRequired", rule: "branch.committee-required", ...base, threshold: config.committeeFrom })
    }
    const sector = sectors.get(o.sector)
    if (sector === undefined) {
      alerts.push({ _tag: "SectorUnknown", rule: "organisation.sector-unknown", ...base })
      continue
    }
    if (!branch && o.kind !== "general_branch") continue
    const members = counts.full + counts.probationary
    if (members >= sector.committeeAt) {
      alerts.push({
        _tag: "CommitteeThreshold",
        rule: "general-branch.committee-threshold",
        ...base,
        threshold: sector.committeeAt
      })
    } else if (branch && members >= sector.generalBranchAt) {
      alerts.push({
        _tag: "GeneralBranchThreshold",
        rule: "branch.general-branch-threshold",
        ...base,
        threshold: sector.generalBranchAt
      })
    }
  }
  return alerts.sort(compare)
}
