/**
 * Configuration checks shared by the back ends: run when a back end is built, so a
 * missing secret or a malformed URL is a `NotifierConfigError` then, never at the
 * first send. No check echoes the value it refuses: a URL may carry a token.
 */
import { Effect, Redacted } from "effect"
import { NotifierBackend } from "@jiceng/core"

/** The longest a back end waits for an answer, by default. */
export const defaultTimeoutMs = 10_000

const refuse = (backend: string, field: string, message: string) =>
  new NotifierBackend.NotifierConfigError({ backend, field, message })

/** An absolute http(s) URL without credentials in it. */
export const url = (backend: string, field: string, value: unknown): Effect.Effect<URL, NotifierBackend.NotifierConfigError> => {
  if (typeof value !== "string" || value.trim() === "") {
    return Effect.fail(refuse(backend, field, "an endpoint URL is required"))
  }
  let parsed: URL
  try {
    parsed = new URL(value)
  } catch {
    return Effect.fail(refuse(backend, field, "not a valid absolute URL"))
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return Effect.fail(refuse(backend, field, "only http: and https: endpoints are supported"))
  }
  if (parsed.username !== "" || parsed.password !== "") {
    return Effect.fail(refuse(backend, field, "credentials belong in the secret settings, not in the URL"))
  }
  return Effect.succeed(parsed)
}

/** A secret: `Redacted`, of 8 to 1024 characters, not blank. */
export const secret = (
  backend: string,
  field: string,
  value: unknown
): Effect.Effect<Redacted.Redacted<string>, NotifierBackend.NotifierConfigError> => {
  if (!Redacted.isRedacted(value)) {
    return Effect.fail(refuse(backend, field, "a secret is required, as a Redacted value"))
  }
  const plain: unknown = Redacted.value(value)
  if (typeof plain !== "string" || plain.trim() === "") {
    return Effect.fail(refuse(backend, field, "the secret is empty"))
  }
  if (plain.length < 8) {
    return Effect.fail(refuse(backend, field, "the secret is shorter than 8 characters"))
  }
  if (plain.length > 1024) {
    return Effect.fail(refuse(backend, field, "the secret is longer than 1024 characters"))
  }
  return Effect.succeed(value as Redacted.Redacted<string>)
}

/** A timeout in milliseconds: an integer from 1 to 120 000, or the default. */
export const timeoutMs = (backend: string, value: unknown): Effect.Effect<number, NotifierBackend.NotifierConfigError> =>
  value === undefined
    ? Effect.succeed(defaultTimeoutMs)
    : typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 120_000
    ? Effect.succeed(value)
    : Effect.fail(refuse(backend, "timeoutMs", "expected an integer number of milliseconds from 1 to 120000"))

/** A back end's name: 1–64 characters. */
export const name = (backend: string, value: unknown): Effect.Effect<string, NotifierBackend.NotifierConfigError> =>
  value === undefined
    ? Effect.succeed(backend)
    : typeof value === "string" && value.length >= 1 && value.length <= 64
    ? Effect.succeed(value)
    : Effect.fail(refuse(backend, "name", "expected a name of 1 to 64 characters"))

/** One of the allowed literals, or the first as default. */
export const oneOf = <A extends string>(
  backend: string,
  field: string,
  allowed: ReadonlyArray<A>,
  value: unknown
): Effect.Effect<A, NotifierBackend.NotifierConfigError> =>
  value === undefined
    ? Effect.succeed(allowed[0]!)
    : allowed.includes(value as A)
    ? Effect.succeed(value as A)
    : Effect.fail(refuse(backend, field, `expected one of ${allowed.join(", ")}`))

/** The settings every back end has besides its secrets. */
export interface Common {
  readonly url?: string
  readonly name?: string
  readonly timeoutMs?: number
}

/** A robot's configuration, checked: its name, endpoint, secrets by setting, format and timeout. */
export interface Robot<K extends string, F extends string> {
  readonly name: string
  readonly base: URL
  readonly secrets: Readonly<Record<K, Redacted.Redacted<string>>>
  readonly format: F
  readonly timeoutMs: number
}

/** Checks a robot's configuration, in the order of its settings: name, url, the secrets, format, timeout. */
export const robot = <K extends string, F extends string>(
  backend: string,
  config: Common & { readonly format?: F } & { readonly [k in K]: unknown },
  secretFields: ReadonlyArray<K>,
  formats: ReadonlyArray<F>,
  defaultUrl: string
): Effect.Effect<Robot<K, F>, NotifierBackend.NotifierConfigError> =>
  Effect.gen(function*() {
    const checkedName = yield* name(backend, config.name)
    const base = yield* url(checkedName, "url", config.url ?? defaultUrl)
    const secrets: Partial<Record<K, Redacted.Redacted<string>>> = {}
    for (const field of secretFields) {
      secrets[field] = yield* secret(checkedName, field, config[field])
    }
    const format = yield* oneOf(checkedName, "format", formats, config.format)
    return {
      name: checkedName,
      base,
      secrets: secrets as Record<K, Redacted.Redacted<string>>,
      format,
      timeoutMs: yield* timeoutMs(checkedName, config.timeoutMs)
    }
  })
