/**
 * The grid level scheme: which levels exist, their labels, and how many digits each
 * level adds to its parent's code. The default is 桃城区's five-level grid below the
 * district: 区 → 街道 → 社区 → 片区 → 小区 → 单元.
 *
 * @since 0.1.0
 */
import { Option, Schema } from "effect"
import * as RegionCode from "../identifiers/RegionCode.js"
import * as Text from "../text/Text.js"

/**
 * @since 0.1.0
 * @category schemas
 */
export const Level = Schema.Struct({
  /** Stable key used in code and exports, e.g. `street`. */
  key: Text.Id,
  zh: Schema.NonEmptyTrimmedString,
  en: Schema.NonEmptyTrimmedString,
  /** Digits this level adds to its parent's code (the root's whole code length). */
  segmentWidth: Schema.Int.pipe(Schema.between(1, 12)),
  /**
   * Whether this level's segment is part of the 统计用区划代码: `township` (001–599,
   * 街道 001–099, 镇 100–199, 乡 200–399) or `village` (居委会/村委会, 001–999).
   */
  regionCode: Schema.optional(Schema.Literal("township", "village"))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Level extends Schema.Schema.Type<typeof Level> {}

/**
 * Levels from the root (index 0, the district) down to the lowest grid level.
 *
 * @since 0.1.0
 * @category schemas
 */
export const LevelScheme = Schema.Struct({
  levels: Schema.Array(Level).pipe(Schema.minItems(2))
}).pipe(
  Schema.filter(({ levels }) => {
    const root = levels[0]
    if (root === undefined || root.segmentWidth !== 6) {
      return "level-scheme.root: the root level is the district, whose code is its 6-digit GB/T 2260 code (the tenant)"
    }
    const length = levels.reduce((n, l) => n + l.segmentWidth, 0)
    if (length > 36) return `level-scheme.length: lowest-level codes would have ${length} digits; grid codes have at most 36`
    if (new Set(levels.map((l) => l.key)).size !== levels.length) return "level-scheme.keys: level keys must be distinct"
    for (const [i, level] of levels.entries()) {
      if (level.regionCode === undefined) continue
      // The 统计用区划代码 adds 3 digits for the township (level 1) and 3 for the village (level 2).
      const expected = level.regionCode === "township" ? 1 : 2
      if (i !== expected || level.segmentWidth !== 3) {
        return `level-scheme.region-code: a ${level.regionCode} level is level ${expected} with 3 digits (统计用区划代码); ${level.key} is level ${i} with ${level.segmentWidth}`
      }
      if (level.regionCode === "village" && levels[1]?.regionCode !== "township") {
        return "level-scheme.region-code: a village level needs the township level above it"
      }
    }
    return true
  })
)

/**
 * @since 0.1.0
 * @category models
 */
export interface LevelScheme extends Schema.Schema.Type<typeof LevelScheme> {}

/**
 * District (6-digit GB/T 2260) → street and community (3 digits each: a street's grid
 * code is the first 9 digits of its 12-digit 统计用区划代码, 131102001 for 131102001000,
 * a community's is the whole 12) → sector, compound and block (3 digits each).
 *
 * @since 0.1.0
 * @category policy
 */
export const defaultScheme: LevelScheme = {
  levels: [
    { key: "district", zh: "区", en: "District", segmentWidth: 6 },
    { key: "street", zh: "街道", en: "Street", segmentWidth: 3, regionCode: "township" },
    { key: "community", zh: "社区", en: "Community", segmentWidth: 3, regionCode: "village" },
    { key: "sector", zh: "片区", en: "Sector", segmentWidth: 3 },
    { key: "compound", zh: "小区", en: "Compound", segmentWidth: 3 },
    { key: "block", zh: "单元", en: "Block", segmentWidth: 3 }
  ]
}

/**
 * Index of the lowest level (places are registered there: 入格).
 *
 * @since 0.1.0
 * @category getters
 */
export const lowest = (scheme: LevelScheme): number => scheme.levels.length - 1

/**
 * Code length of grids at a level.
 *
 * @since 0.1.0
 * @category getters
 */
export const codeLength = (scheme: LevelScheme, level: number): number =>
  scheme.levels.slice(0, level + 1).reduce((n, l) => n + l.segmentWidth, 0)

/**
 * The level a code's length implies, if any.
 *
 * @since 0.1.0
 * @category getters
 */
export const levelOfCode = (scheme: LevelScheme, code: string): Option.Option<number> => {
  let length = 0
  for (let level = 0; level < scheme.levels.length; level++) {
    length += scheme.levels[level]!.segmentWidth
    if (length === code.length) return Option.some(level)
    if (length > code.length) return Option.none()
  }
  return Option.none()
}

/**
 * The parent's code: the code without its last segment; none for the root.
 *
 * @since 0.1.0
 * @category getters
 */
export const parentCode = (scheme: LevelScheme, code: string): Option.Option<string> =>
  Option.flatMap(levelOfCode(scheme, code), (level) =>
    level === 0 ? Option.none() : Option.some(code.slice(0, codeLength(scheme, level - 1))))

/**
 * The label of a level in a language.
 *
 * @since 0.1.0
 * @category labels
 */
export const label = (scheme: LevelScheme, level: number, lang: "zh" | "en" = "zh"): string =>
  scheme.levels[level]?.[lang] ?? `L${level}`

/**
 * The label of a grid by its code: its level's label, except at a township level of the
 * 统计用区划代码, where the code's township segment names the kind — 街道 (001–099), 镇
 * (100–199), 乡 (200–399) or another township-level unit.
 *
 * @since 0.2.0
 * @category labels
 */
export const gridLabel = (scheme: LevelScheme, code: string, lang: "zh" | "en" = "zh"): string =>
  Option.match(levelOfCode(scheme, code), {
    onNone: () => code,
    onSome: (level) => {
      if (scheme.levels[level]?.regionCode !== "township") return label(scheme, level, lang)
      // A township level is level 1 with 3 digits (the scheme's own rule): its code plus
      // 000 is the township's 12-digit 统计用区划代码.
      const kind = RegionCode.townshipKind(`${code}000` as RegionCode.RegionCode)
      return Option.match(kind, { onNone: () => label(scheme, level, lang), onSome: (k) => RegionCode.townshipKindLabel[k][lang] })
    }
  })

/**
 * The level of communities (社区), within which a grid worker works: the level keyed
 * `community`, else level 2.
 *
 * @since 0.1.0
 * @category getters
 */
export const communityLevel = (scheme: LevelScheme): number => {
  const index = scheme.levels.findIndex((l) => l.key === "community")
  return index === -1 ? Math.min(2, lowest(scheme)) : index
}
