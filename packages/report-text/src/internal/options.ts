/**
 * Checks of a back end's options, run by its `make`: a refusal is a `ReportError`
 * naming the option, before any report is rendered.
 */
import { ReportBackend } from "@jiceng/core"
import { Effect } from "effect"

/** A refusal naming the option. */
export const refuse = (backend: string, option: string, message: string): ReportBackend.ReportError =>
  new ReportBackend.ReportError({ backend, message: `option "${option}": ${message}` })

/** The options as a record: none, or an object holding only the options the back end knows. */
export const known = (
  backend: string,
  options: unknown,
  names: ReadonlyArray<string>
): Effect.Effect<Readonly<Record<string, unknown>>, ReportBackend.ReportError> => {
  if (options === undefined) return Effect.succeed({})
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    return Effect.fail(new ReportBackend.ReportError({ backend, message: "options: expected an object" }))
  }
  const unknown = Object.keys(options).find((name) => !names.includes(name))
  return unknown === undefined
    ? Effect.succeed(options as Record<string, unknown>)
    : Effect.fail(refuse(backend, unknown, `not an option of this back end (it has ${names.join(", ")})`))
}
