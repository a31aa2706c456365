/**
 * Decoding of untrusted input into a Schema, turning a ParseError into a
 * {@link ValidationError} that names the field (dotted path), the rule and the row.
 *
 * Input is decoded strictly: a key the schema does not know (`valid_to` for
 * `validTo`) is an error, not silently dropped. An input that cannot even be read (a
 * getter that throws, a Proxy) is a `ValidationError` too. Messages start with the
 * field and never repeat the offending value, which may be personal data.
 *
 * @since 0.1.0
 */
import { Effect, Either, ParseResult, Schema, SchemaAST } from "effect"
import * as FastDecode from "../internal/fastDecode.js"
import { ValidationError } from "./ValidationError.js"

/**
 * Where the input came from: its 1-based `row` in a batch, and the `field` it was
 * given as (the paths of its problems are appended to it).
 *
 * @since 0.2.0
 * @category models
 */
export interface Options {
  readonly row?: number | undefined
  readonly field?: string | undefined
}

/** Filters state their rule as `rule.id: message`; other failures are `schema.<kind>`. */
const ruleMessage = /^([a-z0-9-]+(?:\.[a-z0-9-]+)+): (.*)$/s

const quoted = /"((?:[^"\\]|\\.)*)"/g

/** `"a" | "b"` → `a, b`. */
const names = (text: string): Array<string> => [...text.matchAll(quoted)].map((m) => m[1]!)

/** The message of one issue, without the offending value. */
const describe = (tag: string, message: string): { readonly rule: string; readonly text: string } => {
  const rule = ruleMessage.exec(message)
  if (rule !== null) return { rule: rule[1]!, text: rule[2]! }
  if (tag === "Missing") return { rule: "schema.missing", text: "is missing" }
  if (tag === "Unexpected") {
    const allowed = names(message)
    return {
      rule: "schema.unknown-key",
      text: allowed.length === 0 ? "is not a known field" : `is not a known field; expected one of ${allowed.join(", ")}`
    }
  }
  // "Expected X, actual <value>": the value is left out (an ID number given as a number
  // would be echoed in full).
  const expected = (/^Expected ([\s\S]*?), actual [\s\S]*$/.exec(message)?.[1] ?? message)
    .replace(/\((\w+) \(Encoded side\) <-> \1\)/g, "$1")
  if (/^"(?:[^"\\]|\\.)*"(?: \| "(?:[^"\\]|\\.)*")*$/.test(expected)) {
    const allowed = names(expected)
    return {
      rule: `schema.${tag.toLowerCase()}`,
      text: allowed.length === 1 ? `expected ${allowed[0]}` : `expected one of ${allowed.join(", ")}`
    }
  }
  return { rule: `schema.${tag.toLowerCase()}`, text: `expected ${expected}` }
}

/** The literals of a union of literals (such as `Schema.Literal("a", "b")`), if the AST is one. */
const literalsOf = (ast: SchemaAST.AST): ReadonlyArray<string> | undefined => {
  if (!SchemaAST.isUnion(ast)) return undefined
  const values = ast.types.map((t) => (SchemaAST.isLiteral(t) ? String(t.literal) : undefined))
  return values.every((v) => v !== undefined) ? values as ReadonlyArray<string> : undefined
}

/**
 * The allowed values where the first issue lies under a union of literals: decoding
 * stops at the union's first member, so its message alone would name one value.
 */
const allowedAt = (issue: ParseResult.ParseIssue, path: ReadonlyArray<PropertyKey>): ReadonlyArray<string> | undefined => {
  switch (issue._tag) {
    case "Pointer": {
      const step = Array.isArray(issue.path) ? issue.path : [issue.path]
      return allowedAt(issue.issue, path.length === 0 ? path : path.slice(step.length))
    }
    case "Composite": {
      const literals = path.length === 0 ? literalsOf(issue.ast) : undefined
      if (literals !== undefined) return literals
      const first = Array.isArray(issue.issues) ? issue.issues[0] : issue.issues
      return first === undefined ? undefined : allowedAt(first as ParseResult.ParseIssue, path)
    }
    case "Refinement":
    case "Transformation":
      return allowedAt(issue.issue, path)
    default:
      return undefined
  }
}

const make = (field: string, rule: string, message: string, row: number | undefined): ValidationError =>
  new ValidationError(row === undefined ? { field, rule, message } : { field, rule, message, row })

/** A key as a field name: itself when it is a plain name, else a placeholder (a caller's key may be anything). */
const keyName = (key: PropertyKey): string => {
  const name = typeof key === "symbol" ? "" : String(key)
  return /^[A-Za-z0-9_$-]{1,64}$/.test(name) ? name : "(a key)"
}

const fieldOf = (path: ReadonlyArray<PropertyKey>, options: Options): string => {
  const parts = [...(options.field === undefined ? [] : [options.field]), ...path.map(keyName)]
  return parts.length === 0 ? "(input)" : parts.join(".")
}

/** Bounds on input before it is decoded at all: decoding a huge value would block the thread. */
const limits = { depth: 16, items: 10_000, keys: 100 }

/**
 * Walks the input without recursion, refusing what no command needs: nesting deeper
 * than 16, arrays of more than 10,000 items, objects of more than 100 keys. Field
 * limits (`maxItems`) still apply after decoding; this only keeps a megabyte-sized or
 * pathological value from being decoded item by item.
 */
const oversize = (input: unknown): { readonly rule: string; readonly text: string } | undefined => {
  const stack: Array<readonly [unknown, number]> = [[input, 0]]
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!
    const found = tooBig(value, depth)
    if (found !== undefined) return found
    if (typeof value === "object" && value !== null) {
      for (const child of Array.isArray(value) ? value : Object.values(value)) stack.push([child, depth + 1])
    }
  }
  return undefined
}

/** What is wrong with one value of the walk, if anything. */
const tooBig = (value: unknown, depth: number): { readonly rule: string; readonly text: string } | undefined => {
  if (typeof value !== "object" || value === null) return undefined
  if (depth > limits.depth) return { rule: "schema.too-deep", text: `nested deeper than ${limits.depth} levels` }
  if (Array.isArray(value)) {
    return value.length > limits.items ? { rule: "schema.too-large", text: `a list of more than ${limits.items} items` } : undefined
  }
  return Object.keys(value).length > limits.keys
    ? { rule: "schema.too-large", text: `an object of more than ${limits.keys} keys` }
    : undefined
}

/**
 * Where the walk of `oversize` first finds a value too big: walked again, in the same
 * order, with paths (only once something was found, so well-formed input pays nothing).
 */
const oversizePath = (input: unknown): ReadonlyArray<PropertyKey> => {
  const stack: Array<readonly [unknown, number, ReadonlyArray<PropertyKey>]> = [[input, 0, []]]
  while (stack.length > 0) {
    const [value, depth, path] = stack.pop()!
    if (tooBig(value, depth) !== undefined) return path
    if (typeof value === "object" && value !== null) {
      const entries: ReadonlyArray<readonly [PropertyKey, unknown]> = Array.isArray(value)
        ? value.map((v, i) => [i, v] as const)
        : Object.entries(value)
      for (const [key, child] of entries) stack.push([child, depth + 1, [...path, key]])
    }
  }
  return []
}

/**
 * The first issue of a ParseError as a ValidationError.
 *
 * @since 0.1.0
 * @category conversions
 */
export const toValidationError = (error: ParseResult.ParseError, options: Options = {}): ValidationError => {
  const first = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
  const path = first?.path ?? []
  // A non-empty array given empty reports its first element missing: name the array.
  if (first?._tag === "Missing" && path.length > 0 && path[path.length - 1] === 0) {
    const field = fieldOf(path.slice(0, -1), options)
    return make(field, "schema.non-empty", `${field}: needs at least one item`, options.row)
  }
  const field = fieldOf(path, options)
  const described = describe(first?._tag ?? "Type", first?.message ?? error.message)
  const allowed = first?._tag === "Type" ? allowedAt(error.issue, first.path) : undefined
  const { rule, text } = allowed === undefined
    ? described
    : { rule: "schema.type", text: `expected one of ${allowed.join(", ")}` }
  return make(field, rule, `${field}: ${text}`, options.row)
}

const unreadable = (options: Options): ValidationError => {
  const field = fieldOf([], options)
  return make(field, "schema.unreadable", `${field}: could not be read (a getter or proxy threw)`, options.row)
}

interface Decoder {
  readonly parse: (input: unknown) => Either.Either<unknown, ParseResult.ParseError>
  readonly fast: FastDecode.FastDecode | undefined
}

/** Each schema's decoders, built once: Schema's strict one, and the fast path where one applies. */
const decoders = new WeakMap<object, Decoder>()

const decoderOf = <A, I>(schema: Schema.Schema<A, I>): Decoder => {
  let decoder = decoders.get(schema)
  if (decoder === undefined) {
    decoder = {
      parse: Schema.decodeUnknownEither(schema, { errors: "first", onExcessProperty: "error" }),
      fast: FastDecode.compile(schema as Schema.Schema.Any)
    }
    decoders.set(schema, decoder)
  }
  return decoder
}

/**
 * Synchronous decoding for pure code: the value, or a ValidationError.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeEither = <A, I>(
  schema: Schema.Schema<A, I>,
  input: unknown,
  options: Options = {}
): Either.Either<A, ValidationError> => {
  try {
    const oversized = oversize(input)
    if (oversized !== undefined) {
      // A list too long is named where it is; nesting too deep by the field it begins in.
      const path = oversizePath(input)
      const field = fieldOf(oversized.rule === "schema.too-deep" ? path.slice(0, 1) : path, options)
      return Either.left(make(field, oversized.rule, `${field}: ${oversized.text}`, options.row))
    }
    const { fast, parse } = decoderOf(schema)
    const quick = fast?.(input)
    if (quick !== undefined) return Either.right(quick as A)
    return Either.mapLeft(parse(input) as Either.Either<A, ParseResult.ParseError>, (e) => toValidationError(e, options))
  } catch {
    return Either.left(unreadable(options))
  }
}

/**
 * Decodes unknown input, failing with a ValidationError.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decode = <A, I>(
  schema: Schema.Schema<A, I>,
  input: unknown,
  options: Options = {}
): Effect.Effect<A, ValidationError> => Effect.suspend(() => decodeEither(schema, input, options))

/**
 * Decodes or throws the ValidationError: for constructors called with values written
 * in code (`Actor.make`, `Tenant.make`), where a bad value is a bug to fail on at once.
 *
 * @since 0.2.0
 * @category decoding
 */
export const decodeOrThrow = <A, I>(schema: Schema.Schema<A, I>, input: unknown, options: Options = {}): A =>
  Either.getOrThrowWith(decodeEither(schema, input, options), (error) => error)
