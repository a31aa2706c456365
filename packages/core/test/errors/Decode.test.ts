import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck, Schema } from "effect"
import { Decode, GridCommand } from "@jiceng/core"
import { District } from "@jiceng/testkit"

const district = District.generate({ streets: 2, communities: 2, sectors: 4, compounds: 8, blocks: 24, households: 48 })
const t = district.tenant
const samples: ReadonlyArray<Record<string, unknown>> = [
  ...district.commands.filter((_, i) => i % 7 === 0),
  { _tag: "CreateGrid", code: `${t}009`, name: "新街道", parentCode: t, validFrom: "2024-01-01", level: 1, validTo: null },
  { _tag: "CreateGrid", code: `${t}009001`, name: "新社区", parentCode: `${t}009`, validFrom: "2024-01-01", validTo: undefined },
  { _tag: "SplitGrid", code: `${t}009001`, at: "2024-03-01", parts: [{ code: `${t}009002`, name: "甲" }, { code: `${t}009003`, name: "乙", children: [] }] },
  { _tag: "MergeGrids", codes: [`${t}009002`, `${t}009003`], into: { code: `${t}009004`, name: "合" }, at: "2024-04-01" },
  { _tag: "MoveGrid", code: `${t}001001`, newParentCode: `${t}002`, segment: "009", at: "2024-05-01" },
  { _tag: "PlacePlace", id: "P-1", kind: "work_unit", name: "某单位", creditCode: "91131102MA0A2B3C4T", address: undefined, gridCode: `${t}001001001`, at: "2024-01-01" },
  { _tag: "EndAssignment", id: `W-1:${t}001001001@2024-01-01`, at: "2024-02-01" }
]

const oddValues: ReadonlyArray<unknown> = [undefined, null, 0, 1.5, "", " ", "x", "2024-13-01", [], {}, true, ["a"], [{}], { code: "1" }]

/** A sample, maybe changed: a key removed, a value replaced, an unknown key added (at the top or nested). */
const Input = FastCheck.tuple(
  FastCheck.nat(samples.length - 1),
  FastCheck.oneof(
    FastCheck.constant({ kind: "none" as const }),
    FastCheck.record({ kind: FastCheck.constant("remove" as const), at: FastCheck.nat(20) }),
    FastCheck.record({ kind: FastCheck.constant("replace" as const), at: FastCheck.nat(20), value: FastCheck.constantFrom(...oddValues) }),
    FastCheck.record({ kind: FastCheck.constant("extra" as const), key: FastCheck.constantFrom("extra", "valid_to", "_tag2", "constructor") }),
    FastCheck.record({ kind: FastCheck.constant("nested" as const), key: FastCheck.constantFrom("extra", "children", "places") }),
    FastCheck.record({ kind: FastCheck.constant("tag" as const), tag: FastCheck.constantFrom(...GridCommand.GridCommand.members.map((m) => m._tag), "Other", 1) })
  )
).map(([index, change]) => {
  const input: Record<string, unknown> = structuredClone(samples[index]!)
  const keys = Object.keys(input)
  switch (change.kind) {
    case "remove":
      delete input[keys[change.at % keys.length]!]
      break
    case "replace":
      input[keys[change.at % keys.length]!] = change.value
      break
    case "extra":
      input[change.key] = "x"
      break
    case "nested": {
      const nested = Array.isArray(input["parts"]) ? input["parts"][0] : input["into"]
      if (nested !== null && typeof nested === "object") (nested as Record<string, unknown>)[change.key] = "x"
      break
    }
    case "tag":
      input["_tag"] = change.tag
      break
  }
  return input
})

const strict = Schema.decodeUnknownEither(GridCommand.GridCommand, { errors: "first", onExcessProperty: "error" })

describe("Decode", () => {
  it.prop("decodes a command exactly as Schema's strict decode does, value or error", [Input], ([input]) => {
    const ours = Decode.decodeEither(GridCommand.GridCommand, input, { row: 3 })
    const theirs = Either.mapLeft(strict(input), (e) => Decode.toValidationError(e, { row: 3 }))
    expect(ours).toStrictEqual(theirs)
    if (Either.isRight(ours) && Either.isRight(theirs)) {
      expect(Object.getPrototypeOf(ours.right)).toBe(Object.getPrototypeOf(theirs.right))
      expect(JSON.stringify(ours.right)).toBe(JSON.stringify(theirs.right))
    }
  }, { fastCheck: { numRuns: 2000 } })

  it("every sample decodes (the property above sees successes, not only refusals)", () => {
    for (const sample of samples) expect(Decode.decodeEither(GridCommand.GridCommand, sample)).toMatchObject({ _tag: "Right" })
  })
})
