/**
 * Organisational life (组织生活): the meetings of 三会一课 — 支部党员大会, 支委会, 党小组会
 * and 党课 — with 主题党日 and 组织生活会, each recorded with its organisation, kind, day,
 * the members present and the votes taken.
 *
 * @since 0.2.0
 */
import { Schema } from "effect"
import { Tenant } from "../access/Tenant.js"
import * as Text from "../text/Text.js"
import { IsoDate } from "../time/IsoDate.js"
import { MemberId } from "./Member.js"
import { OrganisationId } from "./Organisation.js"
import { Tally } from "./Vote.js"

/**
 * A meeting id, chosen by the platform.
 *
 * @since 0.2.0
 * @category schemas
 */
export const MeetingId = Text.Id.pipe(Schema.brand("MeetingId"))

/**
 * @since 0.2.0
 * @category models
 */
export type MeetingId = typeof MeetingId.Type

/**
 * The kinds of meeting: 支部党员大会 (`general_meeting`), 支委会 (`committee_meeting`),
 * 党小组会 (`group_meeting`), 党课 (`party_lesson`), 主题党日 (`theme_day`) and 组织生活会
 * (`life_meeting`).
 *
 * @since 0.2.0
 * @category schemas
 */
export const MeetingKind = Schema.Literal(
  "general_meeting",
  "committee_meeting",
  "group_meeting",
  "party_lesson",
  "theme_day",
  "life_meeting"
)

/**
 * @since 0.2.0
 * @category models
 */
export type MeetingKind = typeof MeetingKind.Type

/**
 * @since 0.2.0
 * @category labels
 */
export const meetingKindLabels: Readonly<Record<MeetingKind, { readonly zh: string; readonly en: string }>> = {
  general_meeting: { zh: "支部党员大会", en: "branch general meeting" },
  committee_meeting: { zh: "支委会", en: "branch committee meeting" },
  group_meeting: { zh: "党小组会", en: "Party group meeting" },
  party_lesson: { zh: "党课", en: "Party lesson" },
  theme_day: { zh: "主题党日", en: "theme Party day" },
  life_meeting: { zh: "组织生活会", en: "organisational life meeting" }
}

/**
 * A vote the meeting took: the motion and its tally.
 *
 * @since 0.2.0
 * @category schemas
 */
export const Vote = Schema.Struct({
  motion: Schema.String,
  tally: Tally
})

/**
 * @since 0.2.0
 * @category models
 */
export interface Vote extends Schema.Schema.Type<typeof Vote> {}

/**
 * @since 0.2.0
 * @category schemas
 */
export const Meeting = Schema.Struct({
  tenant: Tenant,
  id: MeetingId,
  organisationId: OrganisationId,
  kind: MeetingKind,
  date: IsoDate,
  topic: Schema.String,
  /** The members present, each once, in id order. */
  attendees: Schema.Array(MemberId),
  votes: Schema.Array(Vote)
})

/**
 * @since 0.2.0
 * @category models
 */
export interface Meeting extends Schema.Schema.Type<typeof Meeting> {}
