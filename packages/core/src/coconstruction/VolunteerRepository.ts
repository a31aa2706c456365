/**
 * The volunteer repository: the part of the `CoConstructionStore` port that keeps
 * volunteer teams, their posts and members' claims (认领) on posts.
 *
 * @since 0.3.0
 */
import type { Effect } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { StoreError } from "../errors/StoreError.js"
import type { MemberId } from "../organisation/Member.js"
import type { IsoDate } from "../time/IsoDate.js"
import type { ClaimKey } from "./CoConstructionChanges.js"
import type { Claim, Post, PostId, Team, TeamId } from "./Volunteering.js"

/**
 * @since 0.3.0
 * @category ports
 */
export interface VolunteerRepository {
  /** Inserts teams; an id that exists fails. */
  readonly addTeams: (rows: ReadonlyArray<Team>) => Effect.Effect<void, StoreError>
  /** The teams of the ids that exist, ordered by id. */
  readonly teamsOf: (tenant: Tenant, ids: ReadonlyArray<TeamId>) => Effect.Effect<ReadonlyArray<Team>, StoreError>
  /** The teams valid on a day, ordered by id. */
  readonly teamsAt: (tenant: Tenant, at: IsoDate) => Effect.Effect<ReadonlyArray<Team>, StoreError>

  /** Inserts posts; an id that exists fails. */
  readonly addPosts: (rows: ReadonlyArray<Post>) => Effect.Effect<void, StoreError>
  /** The posts of the ids that exist, ordered by id. */
  readonly postsOf: (tenant: Tenant, ids: ReadonlyArray<PostId>) => Effect.Effect<ReadonlyArray<Post>, StoreError>
  /** Every post, ordered by id. */
  readonly posts: (tenant: Tenant) => Effect.Effect<ReadonlyArray<Post>, StoreError>

  /** Inserts claims; a row whose key (post, member, validFrom) exists fails. */
  readonly addClaims: (rows: ReadonlyArray<Claim>) => Effect.Effect<void, StoreError>
  /** Ends claims on a day, with the same-day contract of `EnrolmentRepository.closeUnits`. */
  readonly closeClaims: (tenant: Tenant, keys: ReadonlyArray<ClaimKey>, validTo: IsoDate) => Effect.Effect<void, StoreError>
  /** Every claim on any of the posts, ordered by post, member, then validFrom. */
  readonly claimsOn: (tenant: Tenant, ids: ReadonlyArray<PostId>) => Effect.Effect<ReadonlyArray<Claim>, StoreError>
  /** Every claim of any of the members, ordered by member, post, then validFrom. */
  readonly claimsOf: (tenant: Tenant, ids: ReadonlyArray<MemberId>) => Effect.Effect<ReadonlyArray<Claim>, StoreError>
  /** The claims valid on a day, ordered by post then member. */
  readonly claimsAt: (tenant: Tenant, at: IsoDate) => Effect.Effect<ReadonlyArray<Claim>, StoreError>
}
