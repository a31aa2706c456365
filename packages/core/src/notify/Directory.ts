/**
 * The recipient directory: how the parties a domain addresses (a worker, an
 * organisation, a grid …) become addresses a back end understands (an e-mail address, a
 * robot to post in, a mention). A deployment gives it as routes: each route takes the
 * notifications matching all its criteria — a tenant, kinds, a grid subtree, an
 * organisation, a party — and adds its recipients. A notification goes to the union of
 * the recipients of the routes it matches (rule `notify.directory`); it is resolved when
 * the notification is raised, so the outbox holds the addresses it is delivered to.
 *
 * Without a directory in context, each party becomes a recipient of every back end with
 * the address `kind:id` (`worker:W1`, `organisation:O7`): the generic webhook carries it
 * to a platform that maps ids to its own accounts; robots and e-mail, which need
 * addresses of their own, carry nothing.
 *
 * @since 0.6.0
 */
import { Context, Effect, Layer, ParseResult, Schema } from "effect"
import type { StoreError } from "../errors/StoreError.js"
import { GridCode } from "../grid/Grid.js"
import { type Notification, Party, PartyKind, Recipient } from "./Notification.js"
import { NotifierConfigError } from "./NotifierBackend.js"

/**
 * A route: which notifications it takes (each criterion given must hold; none given,
 * every notification) and the recipients it adds.
 *
 * @since 0.6.0
 * @category schemas
 */
export const Route = Schema.Struct({
  /** Only this tenant's notifications. */
  tenant: Schema.optional(Schema.String),
  /** Only these kinds (`demand.assigned`, `agreement.expiring` …). */
  kinds: Schema.optional(Schema.Array(Schema.String.pipe(Schema.minLength(1)))),
  /** Only notifications arising in this grid or under it (a code prefix: a street's code takes its communities'). */
  grid: Schema.optional(GridCode),
  /** Only notifications routed by this party organisation. */
  organisation: Schema.optional(Schema.String.pipe(Schema.minLength(1))),
  /** Only notifications for this party (among their `to`). */
  party: Schema.optional(Schema.Struct({ kind: PartyKind, id: Party.fields.id })),
  recipients: Schema.Array(Recipient).pipe(Schema.minItems(1), Schema.maxItems(1000))
})

/**
 * @since 0.6.0
 * @category models
 */
export interface Route extends Schema.Schema.Encoded<typeof Route> {}

/**
 * The directory a deployment provides: the recipients of a notification being raised,
 * from its parties, grid, organisation and kind. It runs inside the transaction of the
 * change, so a directory of your own (a lookup in the platform's accounts) should be
 * quick.
 *
 * @since 0.6.0
 * @category models
 */
export interface DirectoryShape {
  readonly recipients: (notification: Notification) => Effect.Effect<ReadonlyArray<Recipient>, StoreError>
}

/**
 * @since 0.6.0
 * @category tags
 */
export class Directory extends Context.Tag("@jiceng/core/NotifyDirectory")<Directory, DirectoryShape>() {}

const matches = (route: Schema.Schema.Type<typeof Route>, n: Notification): boolean =>
  (route.tenant === undefined || route.tenant === n.tenant) &&
  (route.kinds === undefined || route.kinds.includes(n.kind)) &&
  (route.grid === undefined || (n.gridCode !== null && n.gridCode.startsWith(route.grid))) &&
  (route.organisation === undefined || route.organisation === n.organisationId) &&
  (route.party === undefined || n.to.some((p) => p.kind === route.party!.kind && p.id === route.party!.id))

/**
 * Recipients without repeats (one per back end and address), in the order given.
 *
 * @since 0.6.0
 * @category utils
 */
export const distinct = (recipients: ReadonlyArray<Recipient>): ReadonlyArray<Recipient> => {
  const seen = new Set<string>()
  return recipients.filter((r) => {
    const key = `${r.backend ?? ""}\u0000${r.address}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/**
 * The recipients of a notification under routes: the union, in route order, of the
 * recipients of every route it matches (rule `notify.directory`).
 *
 * @since 0.6.0
 * @category utils
 */
export const resolve = (routes: ReadonlyArray<Schema.Schema.Type<typeof Route>>, notification: Notification): ReadonlyArray<Recipient> =>
  distinct(routes.flatMap((route) => (matches(route, notification) ? route.recipients : [])))

/**
 * The recipients without a directory: each party, as `kind:id`, for any back end.
 *
 * @since 0.6.0
 * @category utils
 */
export const passThrough = (notification: Notification): ReadonlyArray<Recipient> =>
  notification.to.map((p) => ({ backend: null, address: `${p.kind}:${p.id}`, name: p.name }))

/**
 * A directory of routes, checked first: a route that is not well formed (a grid code
 * not of digits, a recipient without an address …) fails with a `NotifierConfigError`
 * naming the route (`routes[3].recipients[0].address`), before anything is raised.
 *
 * @since 0.6.0
 * @category constructors
 */
export const make = (routes: ReadonlyArray<Route>): Effect.Effect<DirectoryShape, NotifierConfigError> =>
  Schema.decodeUnknown(Schema.Array(Route))(routes, { errors: "all", onExcessProperty: "error" }).pipe(
    Effect.mapError((error) => {
      const issue = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
      return new NotifierConfigError({
        backend: "directory",
        field: `routes${(issue?.path ?? []).map((k) => typeof k === "number" ? `[${k}]` : `.${String(k)}`).join("")}`,
        message: issue?.message ?? "not a route"
      })
    }),
    Effect.map((checked) => ({ recipients: (n: Notification) => Effect.succeed(resolve(checked, n)) }))
  )

/**
 * A layer of the directory of routes, failing when it is built if a route is not well
 * formed.
 *
 * @since 0.6.0
 * @category layers
 */
export const layer = (routes: ReadonlyArray<Route>): Layer.Layer<Directory, NotifierConfigError> =>
  Layer.effect(Directory, make(routes))
