/**
 * One HTTP POST with a timeout, and the mapping of its failures to `DeliveryError`:
 * a network error, a timeout, a 5xx or a 429 is transient (the dispatcher backs off
 * and retries); any other non-2xx answer is permanent (it dead-letters at once).
 * Redirects are not followed (a signed request must not travel to another host):
 * a 3xx is permanent. Every message is scrubbed of the back end's secrets before it
 * is cut to 500 characters (cutting first could leave part of one).
 */
import { Effect, Redacted } from "effect"
import { NotifierBackend } from "@jiceng/core"

/** What a POST is given. */
export interface Post {
  readonly backend: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  readonly timeoutMs: number
  /** Values that must never appear in an error: the back end's secrets. */
  readonly secrets: ReadonlyArray<Redacted.Redacted<string>>
}

/** A 2xx answer: its status and its body, parsed as JSON when it is JSON (else null). */
export interface Answer {
  readonly status: number
  readonly json: unknown
}

const placeholder = "•••"

/**
 * Replaces every secret (plain, URL-encoded and form-encoded) in a message; should a
 * form still be found (a secret overlapping what replaced another), the whole message
 * gives way to the placeholder.
 */
export const scrub = (message: string, secrets: ReadonlyArray<Redacted.Redacted<string>>): string => {
  const forms = secrets.flatMap((secret) => {
    const plain = Redacted.value(secret)
    return [plain, encodeURIComponent(plain), new URLSearchParams({ s: plain }).toString().slice(2)]
  }).filter((form) => form !== "")
  const scrubbed = forms.reduce((text, form) => text.split(form).join(placeholder), message)
  return forms.some((form) => scrubbed.includes(form)) ? placeholder : scrubbed
}

/** A `DeliveryError` with its message scrubbed and capped at 500 characters. */
export const failure = (
  post: Pick<Post, "backend" | "secrets">,
  message: string,
  permanent: boolean,
  status?: number
): NotifierBackend.DeliveryError =>
  new NotifierBackend.DeliveryError({
    backend: post.backend,
    message: scrub(message, post.secrets).slice(0, 500),
    permanent,
    ...(status === undefined ? {} : { status })
  })

const networkCode = (error: unknown): string => {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause
  return typeof cause?.code === "string" ? cause.code : "no connection"
}

/** Whether a status is worth retrying. */
export const transientStatus = (status: number): boolean => status === 429 || status >= 500

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/** POSTs the body; succeeds with a 2xx answer, fails with a mapped `DeliveryError`. */
export const post = (request: Post): Effect.Effect<Answer, NotifierBackend.DeliveryError> =>
  Effect.tryPromise({
    try: async (signal) => {
      const response = await fetch(request.url, {
        method: "POST",
        headers: request.headers,
        body: request.body,
        redirect: "manual",
        signal: AbortSignal.any([signal, AbortSignal.timeout(request.timeoutMs)])
      })
      const text = await response.text()
      return { status: response.status, text }
    },
    catch: (error) => {
      const { message, name } = (error ?? {}) as { name?: unknown; message?: unknown }
      // undici reports every network failure as "fetch failed" with the cause; anything
      // else is a request that cannot be made (a header value fetch refuses), never better on retry.
      return name === "TimeoutError"
        ? failure(request, `no answer within ${request.timeoutMs} ms`, false)
        : message === "fetch failed"
        ? failure(request, `network error: ${networkCode(error)}`, false)
        : failure(request, `the request could not be made: ${String(message)}`, true)
    }
  }).pipe(
    Effect.flatMap(({ status, text }) =>
      status >= 200 && status < 300
        ? Effect.succeed<Answer>({ status, json: parse(text) })
        : Effect.fail(
          failure(
            request,
            `the receiver answered HTTP ${status}${transientStatus(status) ? "" : " (not retried)"}`,
            !transientStatus(status),
            status
          )
        )
    )
  )
