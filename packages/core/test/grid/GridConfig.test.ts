import { describe, expect, it } from "@effect/vitest"
import { GridConfig, LevelScheme, ValidationError } from "@jiceng/core"

const levels = LevelScheme.defaultScheme.levels
const refusal = (config: Partial<GridConfig.GridConfigShape>): ValidationError.ValidationError => {
  try {
    GridConfig.layer(config)
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError.ValidationError)
    return error as ValidationError.ValidationError
  }
  throw new Error("expected the configuration to be refused")
}

describe("GridConfig", () => {
  it("accepts the defaults and custom schemes within the rules", () => {
    expect(() => GridConfig.layer()).not.toThrow()
    // Four levels, wider segments below the community.
    const custom = [levels[0]!, levels[1]!, levels[2]!, { key: "grid", zh: "网格", en: "Grid", segmentWidth: 4 }]
    expect(() => GridConfig.layer({ scheme: { levels: custom } })).not.toThrow()
  })

  it("staffed and place levels must be levels of the scheme; left out, a custom scheme gets working ones", () => {
    expect(refusal({ staffedLevels: ["compound", "building"] })).toMatchObject({ rule: "grid-config.level", field: "staffedLevels" })
    expect(refusal({ placeLevels: { ...GridConfig.defaults.placeLevels, merchant: ["street", "shop"] } })).toMatchObject({
      rule: "grid-config.level", field: "placeLevels.merchant"
    })
    const custom = [levels[0]!, levels[1]!, levels[2]!, { key: "grid", zh: "网格", en: "Grid", segmentWidth: 4 }]
    const config = GridConfig.make({ scheme: { levels: custom } })
    expect(config.staffedLevels).toEqual(["grid"])
    expect(config.placeLevels.household).toEqual(["grid"])
  })

  it("refuses a root other than the 6-digit district", () => {
    const e = refusal({ scheme: { levels: [{ ...levels[0]!, segmentWidth: 12 }, ...levels.slice(1)] } })
    expect(e).toMatchObject({ rule: "level-scheme.root", field: "scheme" })
  })

  it("refuses codes longer than 36 digits", () => {
    const deep = Array.from({ length: 11 }, (_, i) => ({ key: `l${i}`, zh: `层${i}`, en: `L${i}`, segmentWidth: 3 }))
    expect(refusal({ scheme: { levels: [levels[0]!, ...deep] } })).toMatchObject({ rule: "level-scheme.length" })
  })

  it("refuses region-coded levels away from the 统计用区划代码 layout", () => {
    const wide = [levels[0]!, { ...levels[1]!, segmentWidth: 4 }, ...levels.slice(2)]
    expect(refusal({ scheme: { levels: wide } })).toMatchObject({ rule: "level-scheme.region-code" })
    const lowVillage = [levels[0]!, { ...levels[1]!, regionCode: undefined }, levels[2]!]
    expect(refusal({ scheme: { levels: lowVillage } } as never)).toMatchObject({ rule: "level-scheme.region-code" })
  })

  it("refuses empty schemes, unlabelled levels and repeated keys", () => {
    expect(refusal({ scheme: { levels: [] } })).toMatchObject({ field: "scheme.levels" })
    expect(refusal({ scheme: { levels: [levels[0]!, { ...levels[1]!, zh: "" }] } })).toMatchObject({
      field: "scheme.levels.1.zh"
    })
    expect(refusal({ scheme: { levels: [levels[0]!, levels[1]!, { ...levels[1]!, regionCode: undefined }] } } as never))
      .toMatchObject({ rule: "level-scheme.keys" })
    const category = { key: "volunteer", zh: "志愿者", en: "Volunteer" }
    expect(refusal({ workerCategories: [category, category] })).toMatchObject({
      rule: "worker-category.keys",
      field: "workerCategories"
    })
  })
})
