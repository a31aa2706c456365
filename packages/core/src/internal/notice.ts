/**
 * A notification made from its template: the fields every reminder shares (raised at a
 * minute of China Standard Time, recipients left to the directory, no HTML body), its
 * subject and text rendered in the language given.
 *
 * @internal
 */
import type { Tenant } from "../access/Tenant.js"
import type { Notification, Party } from "../notify/Notification.js"
import * as Templates from "../notify/Templates.js"
import type * as LocalMinute from "../time/LocalMinute.js"

/** The parties a notification names at most (the schema's limit). */
const maxParties = 1_000

/** @internal */
export const make = (input: {
  readonly kind: Templates.Kind
  readonly id: string
  readonly tenant: Tenant
  readonly at: LocalMinute.LocalMinute
  readonly gridCode: string | null
  readonly organisationId: string | null
  readonly to: ReadonlyArray<Party>
  readonly lang: "zh" | "en"
  readonly values: Readonly<Record<string, string | number>>
  readonly data: Readonly<Record<string, unknown>>
}): Notification => {
  const { subject, text } = Templates.render(input.kind, input.lang, input.values)
  return {
    id: input.id,
    tenant: input.tenant,
    kind: input.kind,
    raisedAt: `${input.at}:00+08:00`,
    gridCode: input.gridCode,
    organisationId: input.organisationId,
    to: input.to.slice(0, maxParties),
    recipients: [],
    lang: input.lang,
    subject,
    text,
    html: null,
    data: input.data
  }
}

