/**
 * What every domain's notices share: a notification of a kind rendered from its
 * template in the settings' language, its id the kind and the event's keys
 * (`<kind>:<keys>`, stable for the event, so an event raised again is the same
 * notification), no recipients yet (the raiser resolves them from `to` through the
 * directory), no HTML.
 *
 * @internal
 */
import type { Tenant } from "../access/Tenant.js"
import type { Notification, Party } from "../notify/Notification.js"
import * as Templates from "../notify/Templates.js"
import type * as LocalMinute from "../time/LocalMinute.js"

/** The parties a notification names at most (the schema's limit). */
export const maxParties = 1_000

/** A day as the moment a notice of it is raised: its start, in China Standard Time. */
export const startOf = (day: string): string => `${day}T00:00:00+08:00`

/**
 * A key as a segment of an id: a free-form key (an id a command gave, which may hold `:`)
 * with its `%` and `:` escaped, so two events never share an id by where their keys'
 * colons fall; a day or a minute (`2024-03-02`, `2024-03-02T09:00`) and a number as they
 * are, their shape fixed.
 *
 * @internal
 */
export const key = (k: string | number): string =>
  typeof k === "number" || /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/.test(k) ? String(k) : k.replace(/%/g, "%25").replace(/:/g, "%3A")

/** @internal */
export const make = (
  kind: Templates.Kind,
  lang: "zh" | "en",
  notice: {
    /** The event's keys, after the kind in the id. */
    readonly keys: ReadonlyArray<string | number>
    readonly tenant: Tenant
    readonly raisedAt: string
    readonly gridCode: string | null
    readonly organisationId: string | null
    readonly to: ReadonlyArray<Party>
    /** The template's slots. */
    readonly values: Readonly<Record<string, string | number>>
    /** The facts, as plain JSON. */
    readonly data: Readonly<Record<string, unknown>>
  }
): Notification => ({
  id: [kind, ...notice.keys.map(key)].join(":"),
  tenant: notice.tenant,
  kind,
  raisedAt: notice.raisedAt,
  gridCode: notice.gridCode,
  organisationId: notice.organisationId,
  to: notice.to.slice(0, maxParties),
  recipients: [],
  lang,
  ...Templates.render(kind, lang, notice.values),
  html: null,
  data: notice.data
})

/** A reminder: a notice raised at a minute of a sweep (China Standard Time). */
export const remind = (input: {
  readonly kind: Templates.Kind
  readonly keys: ReadonlyArray<string | number>
  readonly tenant: Tenant
  readonly at: LocalMinute.LocalMinute
  readonly gridCode: string | null
  readonly organisationId: string | null
  readonly to: ReadonlyArray<Party>
  readonly lang: "zh" | "en"
  readonly values: Readonly<Record<string, string | number>>
  readonly data: Readonly<Record<string, unknown>>
}): Notification => make(input.kind, input.lang, { ...input, raisedAt: `${input.at}:00+08:00` })
