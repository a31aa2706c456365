/**
 * The emergency policy a deployment runs with: how many full members placed in one
 * compound form a temporary branch of their own (《中国共产党支部工作条例（试行）》
 * 第四条: a branch is formed where there are 3 or more full members), and which kinds of
 * organisation serving a community grid count as its community party organisation.
 *
 * @since 0.5.0
 */
import { Context, Either, Layer, Schema } from "effect"
import * as Decode from "../errors/Decode.js"
import { OrganisationKind } from "../organisation/Organisation.js"

/**
 * @since 0.5.0
 * @category models
 */
export interface EmergencyConfigShape {
  /** Full members placed in a compound for it to get a temporary branch of its own. */
  readonly minFullMembers: number
  /** The kinds that lead a community, in order of preference (a 社区党委 before a 党总支 before a 党支部). */
  readonly communityKinds: ReadonlyArray<OrganisationKind>
}

/**
 * @since 0.5.0
 * @category tags
 */
export class EmergencyConfig extends Context.Tag("@jiceng/core/EmergencyConfig")<EmergencyConfig, EmergencyConfigShape>() {}

/**
 * @since 0.5.0
 * @category constants
 */
export const defaults: EmergencyConfigShape = {
  minFullMembers: 3,
  communityKinds: ["committee", "general_branch", "branch"]
}

const Shape = Schema.Struct({
  minFullMembers: Schema.Int.pipe(Schema.between(1, 1000)),
  communityKinds: Schema.Array(OrganisationKind.pipe(Schema.filter((k) => k !== "temporary_branch" || "emergency-config.kind: a temporary branch leads no community")))
    .pipe(Schema.minItems(1), Schema.maxItems(5))
})

/**
 * Checks a configuration, throwing a `ValidationError` naming the field.
 *
 * @since 0.5.0
 * @category constructors
 */
export const validate = (config: EmergencyConfigShape): EmergencyConfigShape =>
  Either.match(Decode.decodeEither(Shape, config), {
    onLeft: (error) => {
      throw error
    },
    onRight: () => config
  })

/**
 * The defaults with what is given replacing them.
 *
 * @since 0.5.0
 * @category constructors
 */
export const make = (config: Partial<EmergencyConfigShape> = {}): EmergencyConfigShape => validate({ ...defaults, ...config })

/**
 * @since 0.5.0
 * @category layers
 */
export const layer = (config: Partial<EmergencyConfigShape> = {}): Layer.Layer<EmergencyConfig> => Layer.sync(EmergencyConfig, () => make(config))
