/**
 * The options of the HTML back end, checked when it is made: a bad option is a
 * `ReportError` naming it then, never at the first report.
 */
import { ReportBackend } from "@jiceng/core"
import { Effect, Either } from "effect"

export const backend = "html"

/** A font stack with CJK glyphs first: Noto Sans CJK (Debian, Android), Source Han, Windows and macOS. */
export const defaultFontFamily = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"

export interface Checked {
  readonly chartWidth: number
  readonly chartHeight: number
  readonly fontFamily: string
}

const known = ["chartWidth", "chartHeight", "fontFamily"]

const refuse = (option: string, message: string) => ReportBackend.optionError(backend, option, message)

const pixels = (option: string, value: unknown, min: number, max: number, fallback: number) =>
  value === undefined
    ? Effect.succeed(fallback)
    : typeof value === "number" && Number.isInteger(value) && value >= min && value <= max
    ? Effect.succeed(value)
    : Effect.fail(refuse(option, `must be a whole number of pixels from ${min} to ${max}`))

// The stack goes into CSS and into the SVG's style attributes, which ECharts writes
// unescaped: font names, quotes, commas and spaces only, so it can close neither.
const fontStack = /^[\p{L}\p{N} ,'_-]{1,300}$/u

const font = (value: unknown) =>
  value === undefined
    ? Effect.succeed(defaultFontFamily)
    : typeof value === "string" && fontStack.test(value) && value.trim() !== ""
    ? Effect.succeed(value)
    : Effect.fail(refuse("fontFamily", "must be a CSS font stack of names, spaces, commas and single quotes (at most 300 characters)"))

/** The options, checked, with their defaults. */
export const check = (options: unknown): Effect.Effect<Checked, ReportBackend.ReportError> =>
  Effect.gen(function*() {
    const given = yield* Either.match(ReportBackend.options(backend, options, known), { onLeft: Effect.fail, onRight: Effect.succeed })
    return {
      chartWidth: yield* pixels("chartWidth", given.chartWidth, 320, 2000, 760),
      chartHeight: yield* pixels("chartHeight", given.chartHeight, 200, 1200, 380),
      fontFamily: yield* font(given.fontFamily)
    }
  })
