/**
 * Volunteer teams and posts (志愿服务队, 志愿服务岗位): a team is bound to a grid (桃城区:
 * 490 community teams); a post, in a category of the policy, asks for skills and takes
 * so many volunteers at a time; an enrolled in-service member claims (认领) a post whose
 * skills they have, never past its capacity on any day, and may withdraw.
 *
 * @since 0.3.0
 */
import { Schema } from "effect"
import { Tenant } from "../access/Tenant.js"
import { GridCode } from "../grid/Grid.js"
import { MemberId } from "../organisation/Member.js"
import * as Text from "../text/Text.js"
import { IsoDate } from "../time/IsoDate.js"

/**
 * A team id, chosen by the platform.
 *
 * @since 0.3.0
 * @category schemas
 */
export const TeamId = Text.Id.pipe(Schema.brand("TeamId"))

/**
 * @since 0.3.0
 * @category models
 */
export type TeamId = typeof TeamId.Type

/**
 * @since 0.3.0
 * @category schemas
 */
export const Team = Schema.Struct({
  tenant: Tenant,
  id: TeamId,
  name: Text.Name,
  /** The grid it serves: a community, or a grid under one. */
  gridCode: GridCode,
  validFrom: IsoDate,
  validTo: Schema.NullOr(IsoDate)
})

/**
 * @since 0.3.0
 * @category models
 */
export interface Team extends Schema.Schema.Type<typeof Team> {}

/**
 * A post id, chosen by the platform.
 *
 * @since 0.3.0
 * @category schemas
 */
export const PostId = Text.Id.pipe(Schema.brand("PostId"))

/**
 * @since 0.3.0
 * @category models
 */
export type PostId = typeof PostId.Type

/**
 * @since 0.3.0
 * @category schemas
 */
export const Post = Schema.Struct({
  tenant: Tenant,
  id: PostId,
  teamId: TeamId,
  title: Text.Line(200),
  /** A key of the policy's post categories. */
  category: Text.Id,
  /** Skills a volunteer needs (a profession counts as a skill), all of them. */
  skills: Schema.Array(Text.Id).pipe(Schema.maxItems(20)),
  /** Volunteers it takes at a time. */
  capacity: Schema.Int.pipe(Schema.between(1, 10_000)),
  openedOn: IsoDate
})

/**
 * @since 0.3.0
 * @category models
 */
export interface Post extends Schema.Schema.Type<typeof Post> {}

/**
 * A member's claim on a post (认领), from the day claimed to the day withdrawn.
 *
 * @since 0.3.0
 * @category schemas
 */
export const Claim = Schema.Struct({
  tenant: Tenant,
  postId: PostId,
  memberId: MemberId,
  validFrom: IsoDate,
  validTo: Schema.NullOr(IsoDate)
})

/**
 * @since 0.3.0
 * @category models
 */
export interface Claim extends Schema.Schema.Type<typeof Claim> {}

/**
 * The most claims a post holds on any day from `at` on (claims of that post). A new
 * claim from `at` fits when this is below the post's capacity.
 *
 * @since 0.3.0
 * @category getters
 */
export const peakFrom = (claims: ReadonlyArray<Claim>, at: IsoDate): number => {
  // The count can only rise on a day a claim begins: look at `at` and each later start.
  const days = [at, ...claims.map((c) => c.validFrom).filter((d) => d > at)]
  return days.reduce(
    (peak, d) => Math.max(peak, claims.filter((c) => c.validFrom <= d && (c.validTo === null || d < c.validTo)).length),
    0
  )
}
