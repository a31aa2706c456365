/**
 * The notifications of the member-development domain: a letter of good news (喜报) sent,
 * to the member's hometown party organisation, naming the member and the honour as the
 * tenant records them (the member's name from the roll, their organisation's name), and
 * never the letter's postal address, a phone or an ID number. Each notification's id is
 * the honour's, so a letter raised again is the same notification.
 *
 * @internal
 */
import type { HonourLetter, Honour } from "../../development/Recognition.js"
import { kindLabels } from "../../development/Recognition.js"
import { validAt } from "../../grid/Grid.js"
import type { Notification } from "../../notify/Notification.js"
import type { Member } from "../../organisation/Member.js"
import type { Organisation } from "../../organisation/Organisation.js"
import * as Notice from "../notice.js"

/** The honour as a 喜报 names it: its kind, with the stars of a star merchant. */
const title = (honour: Honour, lang: "zh" | "en"): string => {
  const label = kindLabels[honour.kind][lang]
  if (honour.stars === null) return label
  return lang === "zh" ? `${label}（${honour.stars}星）` : `${label} (${honour.stars} ${honour.stars === 1 ? "star" : "stars"})`
}

/** @internal */
export const honourLetters = (
  letters: ReadonlyArray<HonourLetter>,
  honours: ReadonlyArray<Honour>,
  members: ReadonlyArray<Member>,
  organisations: ReadonlyArray<Organisation>,
  lang: "zh" | "en"
): ReadonlyArray<Notification> => {
  const honourById = new Map(honours.map((h) => [h.id as string, h]))
  const nameOf = new Map(members.map((m) => [m.id as string, m.name]))
  return letters.flatMap((letter) => {
    const honour = honourById.get(letter.honourId)
    const sentOn = letter.sentOn
    if (honour === undefined || sentOn === null) return []
    // The organisation as it stood on the day sent (else its last version): its name, and the one grid it serves, if one.
    const versions = organisations.filter((o) => o.id === honour.organisationId)
    const organisation = versions.find((o) => validAt(o, sentOn)) ?? versions.at(-1)
    return [Notice.make("development.honour-letter", lang, {
      keys: [letter.honourId],
      tenant: letter.tenant,
      raisedAt: Notice.startOf(sentOn),
      gridCode: organisation?.grids.length === 1 ? organisation.grids[0]! : null,
      organisationId: honour.organisationId,
      to: [{ kind: "hometown", id: letter.hometown, name: letter.hometown }],
      values: {
        hometown: letter.hometown,
        member: nameOf.get(letter.memberId) ?? letter.memberId,
        honour: title(honour, lang),
        organisation: organisation?.name ?? honour.organisationId,
        awardedOn: honour.awardedOn,
        sentOn
      },
      data: {
        honourId: honour.id,
        kind: honour.kind,
        stars: honour.stars,
        memberId: letter.memberId,
        organisationId: honour.organisationId,
        hometown: letter.hometown,
        awardedOn: honour.awardedOn,
        sentOn
      }
    })]
  })
}
