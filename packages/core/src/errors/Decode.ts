/**
 * Decoding of untrusted input into a Schema, turning a ParseError into a
 * {@link ValidationError} that names the field (dotted path), the rule and the row.
 *
 * @since 0.1.0
 */
import { Effect, Either, ParseResult, Schema } from "effect"
import { ValidationError } from "./ValidationError.js"

/** Filters state their rule as `rule.id: message`; other failures are `schema.<kind>`. */
const ruleMessage = /^([a-z0-9-]+(?:\.[a-z0-9-]+)+): (.*)$/s

/**
 * The first issue of a ParseError as a ValidationError.
 *
 * @since 0.1.0
 * @category conversions
 */
export const toValidationError = (error: ParseResult.ParseError, row?: number): ValidationError => {
  const issues = ParseResult.ArrayFormatter.formatErrorSync(error)
  const first = issues[0]
  const field = first === undefined || first.path.length === 0 ? "(input)" : first.path.join(".")
  const message = first?.message ?? error.message
  const match = ruleMessage.exec(message)
  const rule = match?.[1] ?? `schema.${first?._tag.toLowerCase() ?? "type"}`
  // A generic schema message ends with the offending value ("Expected string, actual
  // 13812345678"): an ID or phone number given as a number would be echoed in full, so
  // the value is left out. The rules' own messages never repeat personal data.
  const text = match?.[2] ?? message.replace(/, actual [\s\S]*$/, "")
  return new ValidationError(
    row === undefined ? { field, rule, message: text } : { field, rule, message: text, row }
  )
}

/**
 * Decodes unknown input, failing with a ValidationError.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decode = <A, I>(schema: Schema.Schema<A, I>, input: unknown, row?: number): Effect.Effect<A, ValidationError> =>
  Either.match(Schema.decodeUnknownEither(schema, { errors: "first", onExcessProperty: "ignore" })(input), {
    onLeft: (error) => Effect.fail(toValidationError(error, row)),
    onRight: Effect.succeed
  })

/**
 * Synchronous variant for pure code.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeEither = <A, I>(schema: Schema.Schema<A, I>, input: unknown, row?: number): Either.Either<A, ValidationError> =>
  Either.mapLeft(Schema.decodeUnknownEither(schema, { errors: "first" })(input), (e) => toValidationError(e, row))
