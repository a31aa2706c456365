/**
 * How a domain raises notifications: inside its write transaction, through the outbox,
 * so that a notification is stored exactly when the change that causes it commits. The
 * back ends it is queued for are the configured ones (`Notify.Settings`) that carry one
 * of its recipients: a recipient naming a back end goes to that one only, one naming
 * none to each. A notification's recipients are resolved from the parties it is for by
 * the `Directory` in context when it is raised (without one, each party as `kind:id`).
 * Where no outbox or no settings are in context, nothing is raised.
 *
 * @since 0.6.0
 */
import { Clock, Context, Effect, Layer, Option } from "effect"
import type { StoreError } from "../errors/StoreError.js"
import * as Directory from "./Directory.js"
import type { Notification } from "./Notification.js"
import { NotifierConfigError } from "./NotifierBackend.js"
import { OutboxStore } from "./OutboxStore.js"

/**
 * The notification settings of a deployment: the names of the back ends the
 * dispatchers deliver through, and the language of the messages.
 *
 * @since 0.6.0
 * @category models
 */
export interface SettingsShape {
  readonly backends: ReadonlyArray<string>
  readonly lang: "zh" | "en"
}

/**
 * @since 0.6.0
 * @category tags
 */
export class Settings extends Context.Tag("@jiceng/core/NotifySettings")<Settings, SettingsShape>() {}

/**
 * The settings, checked: at least one back end, each name a back-end name (`webhook`,
 * `wecom-hexi`: a lowercase letter, then letters, digits, `-` or `_`, at most 64) given
 * once, the language `zh` or `en`. A name no dispatcher delivers through leaves its
 * entries pending for ever, so a misspelt one is worth refusing early; an empty list
 * would raise nothing at all.
 *
 * @since 0.6.0
 * @category constructors
 */
export const make = (settings: SettingsShape): Effect.Effect<SettingsShape, NotifierConfigError> => {
  const refuse = (field: string, message: string) => Effect.fail(new NotifierConfigError({ backend: "settings", field, message }))
  if (!Array.isArray(settings.backends) || settings.backends.length === 0) return refuse("backends", "name at least one back end")
  for (const [i, name] of settings.backends.entries()) {
    if (typeof name !== "string" || !/^[a-z][a-z0-9_-]{0,63}$/.test(name)) {
      return refuse(`backends[${i}]`, "a back end's name: a lowercase letter, then letters, digits, - or _ (at most 64)")
    }
    if (settings.backends.indexOf(name) !== i) return refuse(`backends[${i}]`, "named twice")
  }
  if (settings.lang !== "zh" && settings.lang !== "en") return refuse("lang", "zh or en")
  return Effect.succeed({ backends: [...settings.backends], lang: settings.lang })
}

/**
 * The settings as a layer, checked when it is built ({@link make}).
 *
 * @since 0.6.0
 * @category layers
 */
export const layer = (settings: SettingsShape): Layer.Layer<Settings, NotifierConfigError> =>
  Layer.effect(Settings, make(settings))

/**
 * The back ends a notification is queued for: each configured one that carries one of
 * its recipients (rule notify.route).
 *
 * @since 0.6.0
 * @category utils
 */
export const backendsFor = (notification: Notification, backends: ReadonlyArray<string>): ReadonlyArray<string> =>
  Array.from(new Set(backends)).filter((backend) =>
    notification.recipients.some((r) => r.backend === null || r.backend === backend)
  )

/**
 * Queues notifications in the outbox in context, in the current transaction (a service
 * takes a {@link raiser} when it is built instead).
 *
 * @since 0.6.0
 * @category constructors
 */
export const raise = (notifications: ReadonlyArray<Notification>): Effect.Effect<void, StoreError> =>
  notifications.length === 0 ? Effect.void : Effect.flatMap(raiser, (r) => r(() => notifications))

/**
 * Raises notifications built in the settings' language.
 *
 * @since 0.6.0
 * @category models
 */
export interface Raiser {
  (build: (lang: "zh" | "en") => ReadonlyArray<Notification>): Effect.Effect<void, StoreError>
  /** Whether it raises anything: a domain skips the reads a notification needs when not. */
  readonly active: boolean
}

/**
 * A raiser over the outbox and settings in context now — a service takes it when its
 * layer is built, so its writes raise through the store it was built on. Without an
 * outbox or settings it raises nothing (and builds nothing).
 *
 * @since 0.6.0
 * @category constructors
 */
export const raiser: Effect.Effect<Raiser> = Effect.gen(function*() {
  const outbox = yield* Effect.serviceOption(OutboxStore)
  const settings = yield* Effect.serviceOption(Settings)
  const directory = yield* Effect.serviceOption(Directory.Directory)
  if (Option.isNone(outbox) || Option.isNone(settings)) return Object.assign(() => Effect.void, { active: false })
  const { backends, lang } = settings.value
  const resolve = (n: Notification): Effect.Effect<Notification, StoreError> =>
    Effect.map(
      Option.isSome(directory) ? directory.value.recipients(n) : Effect.succeed(Directory.passThrough(n)),
      (found) => ({ ...n, recipients: Directory.distinct([...n.recipients, ...found]) })
    )
  return Object.assign((build: (lang: "zh" | "en") => ReadonlyArray<Notification>) =>
    Effect.gen(function*() {
      const built = build(lang)
      if (built.length === 0) return
      const resolved = yield* Effect.forEach(built, resolve)
      const entries = resolved.flatMap((notification) =>
        backendsFor(notification, backends).map((backend) => ({ notification, backend }))
      )
      if (entries.length > 0) yield* outbox.value.enqueue(entries, yield* Clock.currentTimeMillis)
    }), { active: true })
})

/**
 * The language notifications are rendered in: the settings', Chinese without them.
 *
 * @since 0.6.0
 * @category utils
 */
export const lang: Effect.Effect<"zh" | "en"> = Effect.map(
  Effect.serviceOption(Settings),
  Option.match({ onNone: () => "zh" as const, onSome: (s) => s.lang })
)
