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
import * as Templates from "../../notify/Templates.js"

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
    const kind = "coconstruction.post-claimed"
    const { subject, text } = Templates.render(kind, lang, { title: post.title, team: team.name, gridCode: team.gridCode, from: c.validFrom })
    return [{
      id: `${kind}:${c.postId}:${c.memberId}:${c.validFrom}`,
      tenant: c.tenant,
      kind,
      raisedAt: `${c.validFrom}T00:00:00+08:00`,
      gridCode: team.gridCode,
      organisationId: null,
      to: [{ kind: "member" as const, id: c.memberId, name: null }],
      recipients: [],
      lang,
      subject,
      text,
      html: null,
      data: { postId: c.postId, memberId: c.memberId, teamId: team.id, gridCode: team.gridCode, validFrom: c.validFrom }
    }]
  })
}
