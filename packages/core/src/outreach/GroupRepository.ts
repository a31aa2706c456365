/**
 * The group repository: the part of the `OutreachStore` port that keeps new-employment
 * groups and their party members.
 *
 * @since 0.5.0
 */
import type { Effect } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { StoreError } from "../errors/StoreError.js"
import type { Group, GroupId, GroupMember } from "./NewEmployment.js"

/**
 * @since 0.5.0
 * @category ports
 */
export interface GroupRepository {
  /** Inserts groups or replaces those of the same id. */
  readonly putGroups: (groups: ReadonlyArray<Group>) => Effect.Effect<void, StoreError>
  /** The groups of the ids that exist, ordered by id. */
  readonly groupsOf: (tenant: Tenant, ids: ReadonlyArray<GroupId>) => Effect.Effect<ReadonlyArray<Group>, StoreError>
  /** Every group, ordered by id. */
  readonly groups: (tenant: Tenant) => Effect.Effect<ReadonlyArray<Group>, StoreError>
  /** Inserts members; a member of a group twice fails. */
  readonly addMembers: (members: ReadonlyArray<GroupMember>) => Effect.Effect<void, StoreError>
  /** The members of the groups, ordered by group, then member. */
  readonly membersOf: (tenant: Tenant, groups: ReadonlyArray<GroupId>) => Effect.Effect<ReadonlyArray<GroupMember>, StoreError>
  /** Every group's members, ordered by group, then member. */
  readonly members: (tenant: Tenant) => Effect.Effect<ReadonlyArray<GroupMember>, StoreError>
}
