/**
 * A notification: what the outbox holds and a back end delivers. It is written to the
 * outbox in the transaction of the change that causes it, and delivered at least once;
 * its `id` is the idempotency id receivers use to drop repeats (the webhook back end
 * sends it as a header, e-mail as the `Message-ID`).
 *
 * @since 0.6.0
 */
import { Schema } from "effect"
import { Tenant } from "../access/Tenant.js"

/**
 * Who a notification is for: an address a back end understands (an e-mail address, a
 * robot's key, a user id of the platform), and the back end, where only one should
 * carry it (none: every configured back end that takes this kind of address).
 *
 * @since 0.6.0
 * @category schemas
 */
export const Recipient = Schema.Struct({
  /** The back end that carries it (`webhook`, `wecom`, `dingtalk`, `feishu`, `email`, `console` …), or null for any. */
  backend: Schema.NullOr(Schema.String.pipe(Schema.maxLength(64))),
  /** An address in the back end's terms; never logged by the library. */
  address: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(320)),
  /** A display name. */
  name: Schema.NullOr(Schema.String.pipe(Schema.maxLength(100)))
})

/**
 * @since 0.6.0
 * @category models
 */
export interface Recipient extends Schema.Schema.Type<typeof Recipient> {}

/**
 * The kinds of party a domain addresses a notification to: a grid or community worker,
 * a party member, a person on a development ladder, a party organisation, a grid (its
 * responsible worker, or a group routed by the grid), and a hometown organisation
 * outside the tenant (by name, for a letter of good news).
 *
 * @since 0.6.0
 * @category schemas
 */
export const PartyKind = Schema.Literal("worker", "member", "person", "organisation", "grid", "hometown")

/**
 * @since 0.6.0
 * @category models
 */
export type PartyKind = typeof PartyKind.Type

/**
 * Whom a notification is for, in the domain's terms: a kind and an id (the worker's,
 * the organisation's, the grid's code …). A `Directory` turns parties into recipients
 * (addresses a back end understands) when the notification is raised.
 *
 * @since 0.6.0
 * @category schemas
 */
export const Party = Schema.Struct({
  kind: PartyKind,
  id: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(200)),
  /** A display name (an organisation's, a hometown's); never a resident's. */
  name: Schema.NullOr(Schema.String.pipe(Schema.maxLength(100)))
})

/**
 * @since 0.6.0
 * @category models
 */
export interface Party extends Schema.Schema.Type<typeof Party> {}

/**
 * A notification, rendered: its subject and bodies are final text in its language.
 *
 * @since 0.6.0
 * @category schemas
 */
export const Notification = Schema.Struct({
  /** The idempotency id: stable for the event that caused it, so a repeat is recognised. */
  id: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(200)),
  tenant: Tenant,
  /** What happened, as a stable key: `demand.assigned`, `demand.escalated`, `probation.ending` … */
  kind: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(64)),
  /** When it was raised: ISO 8601 with the offset (`2024-05-01T10:00:00+08:00`). */
  raisedAt: Schema.String,
  /** Where it arose: the grid and the party organisation it is routed by, when it has them. */
  gridCode: Schema.NullOr(Schema.String),
  organisationId: Schema.NullOr(Schema.String),
  /** Whom it is for, in the domain's terms (workers, organisations, grids …). */
  to: Schema.Array(Party).pipe(Schema.maxItems(1000)),
  /** The addresses it goes to, resolved from `to` by the directory when it was raised. */
  recipients: Schema.Array(Recipient).pipe(Schema.maxItems(1000)),
  lang: Schema.Literal("zh", "en"),
  subject: Schema.String.pipe(Schema.maxLength(200)),
  /** The plain-text body (robots and e-mail's text part). */
  text: Schema.String.pipe(Schema.maxLength(20_000)),
  /** An HTML body for e-mail, when the template has one. */
  html: Schema.NullOr(Schema.String.pipe(Schema.maxLength(100_000))),
  /** The facts the message was made from, as plain JSON, for receivers that act on them. */
  data: Schema.Record({ key: Schema.String, value: Schema.Unknown })
})

/**
 * @since 0.6.0
 * @category models
 */
export interface Notification extends Schema.Schema.Type<typeof Notification> {}
