/**
 * The checks every read over a period of days `[from, to)` makes: it ends after it
 * begins (`period.order`) and spans at most ten years (`period.length`), so that one
 * request cannot ask for millions of monthly slots or rows.
 *
 * @internal
 */
import { ValidationError } from "../errors/ValidationError.js"
import * as IsoDate from "../time/IsoDate.js"

/** The longest period a read spans, in days (ten years). */
export const maxDays = 3_653

/**
 * What is wrong with a period, naming `field` (its end: `options.to`, `period.to`), or
 * `undefined` when nothing is.
 */
export const problem = (from: IsoDate.IsoDate, to: IsoDate.IsoDate, field = "options.to"): ValidationError | undefined =>
  to <= from
    ? new ValidationError({ field, rule: "period.order", message: `${field}: ${to} is not after ${from}` })
    : IsoDate.daysBetween(from, to) > maxDays
    ? new ValidationError({ field, rule: "period.length", message: `${field}: a period spans at most ${maxDays} days (ten years); ask for it in parts` })
    : undefined
