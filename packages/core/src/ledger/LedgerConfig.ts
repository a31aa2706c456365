/**
 * The volunteer ledger's policy: service categories with their points rule, programmes
 * (五社联动), the longest session accepted, the recording deadline, how long points stay
 * valid, and the unit that issues certificates. The defaults are labelled: the
 * deadline (10 working days) is 第十一条's, the rest are the library's examples, which a
 * platform replaces with its own.
 *
 * @since 0.4.0
 */
import { Context, Either, Layer, Schema } from "effect"
import * as Decode from "../errors/Decode.js"
import * as Text from "../text/Text.js"

/**
 * A service category: a stable key, its labels, and the points a full hour earns
 * (a session earns ⌊minutes × pointsPerHour / 60⌋, so the coefficient per minute is
 * pointsPerHour / 60).
 *
 * @since 0.4.0
 * @category schemas
 */
export const ServiceCategory = Schema.Struct({
  key: Text.Id,
  zh: Text.Name,
  en: Text.Name,
  pointsPerHour: Schema.Int.pipe(Schema.between(0, 1_000))
})

/**
 * @since 0.4.0
 * @category models
 */
export interface ServiceCategory extends Schema.Schema.Type<typeof ServiceCategory> {}

/**
 * A programme activities may belong to.
 *
 * @since 0.4.0
 * @category schemas
 */
export const Programme = Schema.Struct({ key: Text.Id, zh: Text.Name, en: Text.Name })

/**
 * @since 0.4.0
 * @category models
 */
export interface Programme extends Schema.Schema.Type<typeof Programme> {}

/**
 * The most `maxSessionMinutes` may be: a week. No policy accepts a longer session, so
 * no session entry lasts longer, and a store may look for the sessions overlapping a
 * time no further back than this (`EntryRepository.sessions`).
 *
 * @since 0.4.0
 * @category policy
 */
export const longestSessionMinutes = 7 * 24 * 60

/**
 * @since 0.4.0
 * @category schemas
 */
export const LedgerConfigShape = Schema.Struct({
  categories: Schema.Array(ServiceCategory).pipe(Schema.minItems(1), Schema.maxItems(100)),
  programmes: Schema.Array(Programme).pipe(Schema.maxItems(100)),
  /** The longest session accepted, in minutes (a longer one is refused: `ledger.session-length`). */
  maxSessionMinutes: Schema.Int.pipe(Schema.between(1, longestSessionMinutes)),
  /** Working days after a session's last day within which it is recorded on time (第十一条: 10). */
  recordingDeadlineDays: Schema.Int.pipe(Schema.between(1, 365)),
  /** Days a session's points stay valid from its day, or null: they never expire. */
  pointsValidForDays: Schema.NullOr(Schema.Int.pipe(Schema.between(1, 36_600))),
  /** The unit that issues certificates (出具单位), printed on each. */
  issuer: Text.Name
}).pipe(
  Schema.filter(({ categories, programmes }) => {
    if (new Set(categories.map((c) => c.key)).size !== categories.length) {
      return { path: ["categories"], message: "ledger-config.keys: category keys must be distinct" }
    }
    return new Set(programmes.map((p) => p.key)).size === programmes.length ||
      { path: ["programmes"], message: "ledger-config.keys: programme keys must be distinct" }
  })
)

/**
 * @since 0.4.0
 * @category models
 */
export interface LedgerConfigShape extends Schema.Schema.Type<typeof LedgerConfigShape> {}

/**
 * @since 0.4.0
 * @category tags
 */
export class LedgerConfig extends Context.Tag("@jiceng/core/LedgerConfig")<LedgerConfig, LedgerConfigShape>() {}

/**
 * The default policy. The deadline is 第十一条's; the categories, their points (one an
 * hour, two for emergency response), the 12-hour session limit, points that never
 * expire and the issuer's name are examples.
 *
 * @since 0.4.0
 * @category policy
 */
export const defaults: LedgerConfigShape = {
  categories: [
    { key: "community", zh: "社区服务", en: "Community service", pointsPerHour: 1 },
    { key: "elderly", zh: "助老助残", en: "Care for the elderly and disabled", pointsPerHour: 1 },
    { key: "civility", zh: "文明实践", en: "Civility practice", pointsPerHour: 1 },
    { key: "environment", zh: "环境保护", en: "Environment", pointsPerHour: 1 },
    { key: "policy", zh: "政策宣传", en: "Policy outreach", pointsPerHour: 1 },
    { key: "culture", zh: "文化体育", en: "Culture and sports", pointsPerHour: 1 },
    { key: "legal", zh: "法律服务", en: "Legal aid", pointsPerHour: 1 },
    { key: "emergency", zh: "应急救援", en: "Emergency response", pointsPerHour: 2 }
  ],
  programmes: [{ key: "wushe", zh: "五社联动", en: "Five-party linkage (五社联动)" }],
  maxSessionMinutes: 12 * 60,
  recordingDeadlineDays: 10,
  pointsValidForDays: null,
  issuer: "志愿服务记录单位"
}

/**
 * Checks a configuration. A configuration is code, not input, so a bad one throws the
 * `ValidationError` (naming the field) when the layer is made.
 *
 * @since 0.4.0
 * @category policy
 */
export const validate = (config: LedgerConfigShape): LedgerConfigShape =>
  Either.getOrThrowWith(Decode.decodeEither(LedgerConfigShape, config), (error) => error)

/**
 * A configuration from a partial one; what is left out is the default.
 *
 * @since 0.4.0
 * @category policy
 */
export const make = (config: Partial<LedgerConfigShape> = {}): LedgerConfigShape => validate({ ...defaults, ...config })

/**
 * @since 0.4.0
 * @category layers
 */
export const layer = (config: Partial<LedgerConfigShape> = {}): Layer.Layer<LedgerConfig> =>
  Layer.succeed(LedgerConfig, make(config))
