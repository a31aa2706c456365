/**
 * The options of the back end, checked when it is made: a bad one is a `ReportError`
 * naming it, before any report is rendered.
 */
import { ReportBackend } from "@jiceng/core"
import { Effect } from "effect"
import { unwritable } from "./text.js"

/** The options checked, defaults filled. */
export interface Checked {
  readonly name: string
  readonly creator: string
  readonly maxColumnWidth: number
  readonly compressionLevel: number
}

export const defaults: Checked = { name: "xlsx", creator: "jiceng", maxColumnWidth: 60, compressionLevel: 6 }

/** The options there are. */
export const known = ["name", "creator", "maxColumnWidth", "compressionLevel"]

const refuse = (backend: string, option: string, expected: string) => ReportBackend.optionError(backend, option, `expected ${expected}`)

// `creator` goes into the workbook's properties as it is: no control character, and
// none that XML 1.0 cannot carry (U+FFFE, U+FFFF, an unpaired surrogate).
const text = (backend: string, option: string, value: unknown, fallback: string, max: number) =>
  value === undefined
    ? Effect.succeed(fallback)
    : typeof value === "string" && value.trim() !== "" && value.length <= max && !/[\u0000-\u001F\u007F]/.test(value) && !unwritable(value)
    ? Effect.succeed(value)
    : Effect.fail(refuse(backend, option, `a text of 1 to ${max} characters without control characters or characters XML cannot hold`))

const integer = (backend: string, option: string, value: unknown, fallback: number, min: number, max: number) =>
  value === undefined
    ? Effect.succeed(fallback)
    : typeof value === "number" && Number.isInteger(value) && value >= min && value <= max
    ? Effect.succeed(value)
    : Effect.fail(refuse(backend, option, `an integer from ${min} to ${max}`))

/**
 * Checks the options in order: that they are a plain object of known options (read
 * once, `ReportBackend.options`), then `name` first, so the others' errors name the
 * back end.
 */
export const check = (given: unknown): Effect.Effect<Checked, ReportBackend.ReportError> =>
  Effect.gen(function*() {
    const options = yield* ReportBackend.options(defaults.name, given, known)
    const name = yield* text(defaults.name, "name", options["name"], defaults.name, 64)
    return {
      name,
      creator: yield* text(name, "creator", options["creator"], defaults.creator, 255),
      // Excel's widest column is 255 characters; narrower than 10 truncates dates.
      maxColumnWidth: yield* integer(name, "maxColumnWidth", options["maxColumnWidth"], defaults.maxColumnWidth, 10, 255),
      compressionLevel: yield* integer(name, "compressionLevel", options["compressionLevel"], defaults.compressionLevel, 0, 9)
    }
  })
