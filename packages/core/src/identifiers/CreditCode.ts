/**
 * The unified social credit code of GB 32100-2015 (统一社会信用代码): 1 registration
 * authority + 1 organisation type + 6-digit region (GB/T 2260) + 9-character
 * organisation code + 1 check character, over a 31-symbol alphabet.
 *
 * The code identifies an organisation (a 社会组织, a company, a 居委会), not a person, and
 * is public, so messages may quote it.
 *
 * @since 0.1.0
 */
import { Either, Schema } from "effect"
import * as ValidationError from "../errors/ValidationError.js"

/** @internal */
interface Problem {
  readonly rule: string
  readonly message: string
}

// 0-9 A-Z without I, O, Z, S, V, which read like 1, 0, 2, 5, U; a symbol's value is its index.
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
const FORMAT = /^[0-9A-HJ-NP-RTUWXY]{18}$/
const FIRST_17 = /^[0-9A-HJ-NP-RTUWXY]{17}$/
const REGION = /^\d{6}$/
const WEIGHTS: ReadonlyArray<number> = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/**
 * The check character for the first 17 characters: 31 − (Σ value × weight mod 31),
 * with 31 read as 0, written as the alphabet symbol of that value. Returns `""` when
 * `first17` is not 17 symbols of the alphabet, so that a code built from it fails
 * validation.
 *
 * @since 0.1.0
 * @category check character
 */
export const checkCharacter = (first17: string): string => {
  if (!FIRST_17.test(first17)) return ""
  let sum = 0
  for (let i = 0; i < 17; i++) {
    sum += ALPHABET.indexOf(first17.charAt(i)) * (WEIGHTS[i] ?? 0)
  }
  return ALPHABET.charAt((31 - (sum % 31)) % 31)
}

// Names the first offending character rather than echoing the input, which may be
// anything pasted into the wrong column (a resident ID, say).
const formatMessage = (input: string): string => {
  const expected = "Expected 18 characters of 0-9 and A-Z without I, O, Z, S, V"
  if (input.length !== 18) return `${expected}; found ${input.length} characters`
  const at = input.split("").findIndex((c) => !ALPHABET.includes(c))
  return `${expected}; character ${at + 1} is not in the alphabet`
}

const problem = (input: string): Problem | undefined => {
  if (!FORMAT.test(input)) {
    return { rule: "credit-code.format", message: formatMessage(input) }
  }
  const region = input.slice(2, 8)
  if (!REGION.test(region)) {
    return {
      rule: "credit-code.region",
      message: `Region (characters 3–8) should be 6 digits, found ${region}`
    }
  }
  const expected = checkCharacter(input.slice(0, 17))
  const found = input.charAt(17)
  if (found !== expected) {
    return {
      rule: "credit-code.check-character",
      message: `Check character (18th) should be ${expected}, found ${found}`
    }
  }
  return undefined
}

/**
 * A valid GB 32100-2015 unified social credit code.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CreditCode = Schema.String.pipe(
  Schema.filter(
    (input) => {
      const p = problem(input)
      return p === undefined ? true : `${p.rule}: ${p.message}`
    },
    {
      identifier: "CreditCode",
      description: "an 18-character GB 32100-2015 unified social credit code",
      arbitrary: () => (fc) =>
        fc
          .tuple(
            fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 2, maxLength: 2 }),
            fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 6, maxLength: 6 }),
            fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 9, maxLength: 9 })
          )
          .map(([head, region, organisation]) => {
            const first17 = head + region + organisation
            return first17 + checkCharacter(first17)
          })
    }
  ),
  Schema.brand("CreditCode")
)

/**
 * @since 0.1.0
 * @category models
 */
export type CreditCode = typeof CreditCode.Type

/**
 * Whether `input` is a valid unified social credit code.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isValid = (input: string): boolean => problem(input) === undefined

/**
 * Checks `input` and brands it, or names the first broken rule, in this order:
 * `credit-code.format`, `credit-code.region`, `credit-code.check-character`.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parse = (
  input: string,
  field: string = "creditCode"
): Either.Either<CreditCode, ValidationError.ValidationError> => {
  const p = problem(input)
  return p === undefined
    ? Either.right(input as CreditCode)
    : Either.left(ValidationError.make(field, p.rule, p.message))
}

/**
 * The 6-digit region of registration (characters 3–8), a GB/T 2260 code.
 *
 * @since 0.1.0
 * @category getters
 */
export const region = (code: CreditCode): string => code.slice(2, 8)
