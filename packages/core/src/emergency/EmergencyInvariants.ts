/**
 * The invariants an emergency history must satisfy whatever commands ran, stated
 * positively over the whole history (the emergency store's rows with the organisation
 * store's temporary branches and participations). Property tests assert that the list
 * of breaches stays empty; a `verify` command can run the same over a deployment's data.
 *
 * @since 0.5.0
 */
import type { Breach } from "../grid/GridInvariants.js"
import { groupBy } from "../internal/groupBy.js"
import type { Participation } from "../organisation/Member.js"
import type { Organisation } from "../organisation/Organisation.js"
import { type Activation, type EmergencyBranch, type Enlistment, overlaps, type VanguardTeam } from "./Activation.js"

/**
 * A tenant's emergency history, as the stores hold it.
 *
 * @since 0.5.0
 * @category models
 */
export interface History {
  readonly activations: ReadonlyArray<Activation>
  readonly roster: ReadonlyArray<Enlistment>
  readonly branches: ReadonlyArray<EmergencyBranch>
  readonly teams: ReadonlyArray<VanguardTeam>
  /** The organisation store's versions (the temporary branches among them). */
  readonly organisations: ReadonlyArray<Organisation>
  readonly participations: ReadonlyArray<Participation>
}

/**
 * Every breach of the invariants, by invariant:
 *
 * - `emergency.overlap`: no two activations of overlapping grids are active on one day;
 * - `emergency.roster`: a person is on an activation's roster once, in one of its
 *   communities, and a member in a branch is in one of the activation's branches of
 *   that community;
 * - `emergency.branch`: a compound branch had at least `minFullMembers` full members
 *   when formed; each branch is a temporary branch formed on the activation's day
 *   under the organisation its roster names, with as many participants that day as
 *   it recorded;
 * - `emergency.restore`: a deactivated activation's branches ended on its day — or
 *   before, when an organiser dissolved or merged one away through the organisation
 *   domain meanwhile — and so did every participation in them;
 * - `emergency.team-active`: a team was formed while its activation was active.
 *
 * @since 0.5.0
 * @category invariants
 */
export const breaches = (history: History, minFullMembers = 3): ReadonlyArray<Breach> => {
  const out: Array<Breach> = []
  const breach = (invariant: string, subject: string, message: string) => void out.push({ invariant, subject, message })
  const activations = history.activations
  for (const [i, a] of activations.entries()) {
    for (const b of activations.slice(i + 1)) {
      const meet = a.activatedOn < (b.deactivatedOn ?? "9999-12-31") && b.activatedOn < (a.deactivatedOn ?? "9999-12-31")
      if (overlaps(a.gridCode, b.gridCode) && meet) breach("emergency.overlap", `${a.id},${b.id}`, `${a.gridCode} and ${b.gridCode} are active on one day`)
    }
  }
  const versions = groupBy(history.organisations, (o) => o.id)
  const taking = groupBy(history.participations, (p) => p.organisationId)
  const byActivation = new Map(activations.map((a) => [a.id as string, a]))
  const branchesOf = groupBy(history.branches, (b) => b.activationId)
  for (const [id, rows] of groupBy(history.roster, (r) => r.activationId)) {
    const a = byActivation.get(id)
    const seen = new Set<string>()
    for (const r of rows) {
      const key = `${r.kind}/${r.personId}`
      if (seen.has(key)) breach("emergency.roster", `${id}/${key}`, "on the roster twice")
      seen.add(key)
      if (a === undefined || !a.communities.includes(r.communityCode)) breach("emergency.roster", `${id}/${key}`, `${r.communityCode} is not a community of the activation`)
      if (r.branchId !== null && !(branchesOf.get(id) ?? []).some((b) => b.organisationId === r.branchId && b.communityCode === r.communityCode)) {
        breach("emergency.roster", `${id}/${key}`, `${r.branchId} is not a branch of the activation in ${r.communityCode}`)
      }
    }
  }
  for (const b of history.branches) {
    const a = byActivation.get(b.activationId)
    const subject = `${b.activationId}/${b.organisationId}`
    if (a === undefined) {
      breach("emergency.branch", subject, "its activation does not exist")
      continue
    }
    if (b.compoundCode !== null && b.fullMembers < minFullMembers) breach("emergency.branch", subject, `${b.fullMembers} full members, fewer than ${minFullMembers}`)
    const version = (versions.get(b.organisationId) ?? [])[0]
    const leader = history.roster.find((r) => r.activationId === a.id && r.communityCode === b.communityCode)?.organisationId
    if (version === undefined || version.kind !== "temporary_branch" || version.validFrom !== a.activatedOn || (leader !== undefined && version.parentId !== leader)) {
      breach("emergency.branch", subject, "not a temporary branch formed on the activation's day under its community organisation")
      continue
    }
    const rows = taking.get(b.organisationId) ?? []
    if (rows.filter((p) => p.validFrom === a.activatedOn).length !== b.members) breach("emergency.branch", subject, `${b.members} members recorded, other participants on ${a.activatedOn}`)
    const end = (versions.get(b.organisationId) ?? []).at(-1)!.validTo
    if (a.deactivatedOn !== null && (end === null || end > a.deactivatedOn)) breach("emergency.restore", subject, `ends ${end ?? "never"}, after its activation (${a.deactivatedOn})`)
    if (a.deactivatedOn !== null && rows.some((p) => p.validTo === null || p.validTo > a.deactivatedOn!)) {
      breach("emergency.restore", subject, "a participation outlives the deactivation")
    }
  }
  for (const t of history.teams) {
    const a = byActivation.get(t.activationId)
    if (a === undefined || t.formedOn < a.activatedOn || (a.deactivatedOn !== null && t.formedOn >= a.deactivatedOn)) {
      breach("emergency.team-active", t.id, `formed on ${t.formedOn} outside its activation`)
    }
  }
  return out
}
