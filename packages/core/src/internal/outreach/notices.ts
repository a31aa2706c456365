/**
 * The notifications of the outreach domain (三联三服): a problem raised under a link, and
 * that problem resolved, to the link's leader (a person), routed by the grid the target
 * lies in. They name the problem, the kind of target, its grid and the days, never the
 * problem's summary or how it was resolved (free text that may name residents): the
 * leader opens the problem in the platform. Each notification's id is the problem's with
 * its kind, so an event raised again is the same notification.
 *
 * @internal
 */
import type { Notification } from "../../notify/Notification.js"
import type { Link, Problem, TargetKind } from "../../outreach/Liaison.js"
import * as Notice from "../notice.js"

/** The target as the leader's message names it: "your linked enterprise". */
const targets: Readonly<Record<TargetKind, { readonly zh: string; readonly en: string }>> = {
  enterprise: { zh: "企业", en: "linked enterprise" },
  village_community: { zh: "村（社区）", en: "linked village or community" },
  residents: { zh: "群众", en: "linked residents" }
}

/** @internal */
export const problems = (rows: ReadonlyArray<Problem>, links: ReadonlyArray<Link>, lang: "zh" | "en"): ReadonlyArray<Notification> => {
  const linkById = new Map(links.map((l) => [l.id as string, l]))
  return rows.flatMap((p) => {
    const link = linkById.get(p.linkId)
    if (link === undefined) return []
    const on = p.resolvedOn ?? p.raisedOn
    return [Notice.make(p.resolvedOn === null ? "outreach.problem-raised" : "outreach.problem-resolved", lang, {
      keys: [p.id],
      tenant: p.tenant,
      raisedAt: Notice.startOf(on),
      gridCode: link.gridCode,
      organisationId: null,
      to: [{ kind: "person", id: link.leaderId, name: null }],
      values: { problemId: p.id, target: targets[link.targetKind][lang], gridCode: link.gridCode, raisedOn: p.raisedOn, on },
      data: {
        problemId: p.id,
        linkId: link.id,
        leaderId: link.leaderId,
        targetId: link.targetId,
        targetKind: link.targetKind,
        gridCode: link.gridCode,
        raisedOn: p.raisedOn,
        resolvedOn: p.resolvedOn
      }
    })]
  })
}
