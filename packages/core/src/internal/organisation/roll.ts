/**
 * The roll read: who is on the rolls of some organisations on a day, with names, and
 * with phones and ID numbers masked unless the actor holds `pii:read`. Contact data is
 * kept as it is now, so it is shown only for people on a roll in the actor's scope
 * today; an unmasked read is audited, naming the members shown.
 *
 * @internal
 */
import { Effect } from "effect"
import type { AccessPolicyShape } from "../../access/AccessPolicy.js"
import * as Actor from "../../access/Actor.js"
import { piiRead } from "../../access/Permission.js"
import type { AuditLogShape } from "../../audit/AuditLog.js"
import type { StoreError } from "../../errors/StoreError.js"
import * as CitizenId from "../../identifiers/CitizenId.js"
import * as Phone from "../../identifiers/Phone.js"
import type { MemberId } from "../../organisation/Member.js"
import type { Organisation } from "../../organisation/Organisation.js"
import type { RollEntry } from "../../organisation/OrganisationsService.js"
import type { OrganisationStoreShape } from "../../organisation/OrganisationStore.js"
import type { TransactorShape } from "../../store/Transactor.js"
import * as IsoDate from "../../time/IsoDate.js"
import { compareStrings } from "../compareStrings.js"

/** @internal */
export interface RollDeps {
  readonly store: OrganisationStoreShape
  readonly audit: AuditLogShape
  readonly transactor: TransactorShape
  readonly policy: AccessPolicyShape
  /** The organisations valid on a day that lie in a subtree. */
  readonly inSubtree: (
    tenant: Actor.Actor["tenant"],
    root: string,
    at: IsoDate.IsoDate
  ) => Effect.Effect<ReadonlyArray<Organisation>, StoreError>
}

const roleOrder = { member: 0, participant: 1 } as const

/**
 * The rolls of `organisations` (valid on `at`, already scoped) on `at`, as `actor` may
 * see them.
 *
 * @internal
 */
export const roll = (
  deps: RollDeps,
  actor: Actor.Actor,
  /** The subtree asked for: what an unmasked read's audit entry names, unless one organisation was. */
  root: string,
  organisations: ReadonlyArray<Organisation>,
  at: IsoDate.IsoDate
) =>
  Effect.gen(function*() {
    const { store, policy } = deps
    const tenant = actor.tenant
    if (organisations.length === 0) return []
    const ids = new Set<string>(organisations.map((o) => o.id))
    const memberships = yield* store.members.membershipsAt(tenant, at)
    const participations = (yield* store.members.participationsAt(tenant, at)).filter((p) => ids.has(p.organisationId))
    const standing = new Map(memberships.map((m) => [m.memberId as string, m.standing]))
    const rows = [
      ...memberships.filter((m) => ids.has(m.organisationId)).map((m) => ({
        organisationId: m.organisationId as string,
        memberId: m.memberId,
        role: "member" as const,
        standing: m.standing,
        since: m.validFrom as string
      })),
      ...participations.map((p) => ({
        organisationId: p.organisationId as string,
        memberId: p.memberId,
        role: "participant" as const,
        standing: standing.get(p.memberId) ?? null,
        since: p.validFrom as string
      }))
    ].sort((a, b) =>
      compareStrings(a.organisationId, b.organisationId) || roleOrder[a.role] - roleOrder[b.role] ||
      compareStrings(a.memberId, b.memberId)
    )
    if (rows.length === 0) return []
    const memberIds = Array.from(new Set<MemberId>(rows.map((r) => r.memberId)))
    const people = new Map((yield* store.members.getMany(tenant, memberIds)).map((m) => [m.id as string, m]))
    // Contact data is as it is now: shown only for people on a roll in the actor's scope today.
    const today = yield* IsoDate.today
    const reachable = new Set<string>()
    if (today === at) {
      for (const r of rows) reachable.add(r.memberId)
    } else {
      const inScope = new Set<string>((yield* deps.inSubtree(tenant, actor.scope, today)).map((o) => o.id))
      const wanted = new Set<string>(memberIds)
      for (const m of yield* store.members.membershipsAt(tenant, today)) {
        if (wanted.has(m.memberId) && inScope.has(m.organisationId)) reachable.add(m.memberId)
      }
      for (const p of yield* store.members.participationsAt(tenant, today)) {
        if (wanted.has(p.memberId) && inScope.has(p.organisationId)) reachable.add(p.memberId)
      }
    }
    const unmasked = Actor.can(actor, piiRead, policy)
    const shown: Array<string> = []
    const entries = rows.map((r): RollEntry => {
      const person = people.get(r.memberId)
      const contact = person !== undefined && reachable.has(r.memberId)
      const phone = contact ? person.phone : null
      const citizenId = contact ? person.citizenId : null
      if (unmasked && (phone !== null || citizenId !== null)) shown.push(r.memberId)
      return {
        ...r,
        name: person?.name ?? "",
        phone: phone === null || unmasked ? phone : Phone.maskStored(phone),
        citizenId: citizenId === null || unmasked ? citizenId : CitizenId.maskStored(citizenId)
      }
    })
    if (shown.length > 0) {
      const members = Array.from(new Set(shown)).sort(compareStrings)
      yield* deps.transactor.transaction(
        tenant,
        deps.audit.append({
          tenant,
          actor: actor.id,
          action: "ReadMemberPii",
          target: organisations.length === 1 ? organisations[0]!.id : root,
          detail: JSON.stringify({ at, members })
        })
      )
    }
    return entries
  })
