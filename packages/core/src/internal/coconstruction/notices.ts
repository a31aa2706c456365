/**
 * The notifications of the co-construction domain: a volunteer post claimed (认领),
 * to the member who claimed it, routed by the grid of the post's team. Each
 * notification's id is the claim's (post, member, first day), so a claim written again
 * is the same notification.
 *
 * @internal
 */
import type { Claim, Post, Team } from "../../coconstruction/Volunteering.js"
import type { Notification } from "../../notify/Notification.js"
import * as Notice from "../notice.js"

/** @internal */
export const claimed = (
  claims: ReadonlyArray<Claim>,
  posts: ReadonlyArray<Post>,
  teams: ReadonlyArray<Team>,
  lang: "zh" | "en"
): ReadonlyArray<Notification> => {
  const postById = new Map(posts.map((p) => [p.id, p]))
  const teamById = new Map(teams.map((t) => [t.id, t]))
  return claims.flatMap((c) => {
    const post = postById.get(c.postId)
    const team = post === undefined ? undefined : teamById.get(post.teamId)
    if (post === undefined || team === undefined) return []
    return [Notice.make("coconstruction.post-claimed", lang, {
      keys: [c.postId, c.memberId, c.validFrom],
      tenant: c.tenant,
      raisedAt: Notice.startOf(c.validFrom),
      gridCode: team.gridCode,
      organisationId: null,
      to: [{ kind: "member", id: c.memberId, name: null }],
      values: { title: post.title, team: team.name, gridCode: team.gridCode, from: c.validFrom },
      data: { postId: c.postId, memberId: c.memberId, teamId: team.id, gridCode: team.gridCode, validFrom: c.validFrom }
    })]
  })
}
