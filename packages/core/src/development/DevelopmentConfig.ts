/**
 * The member-development domain's configuration: the party ladder's policy (the 细则's
 * values by default; those the 细则 leaves open or only secondary sources quote can be
 * set), further ladders a platform runs on the same engine, and the social-work
 * qualifications' eligibility policy.
 *
 * @since 0.5.0
 */
import { Context, Either, Layer, Schema } from "effect"
import * as Decode from "../errors/Decode.js"
import * as CommunityWorkerLadder from "./CommunityWorkerLadder.js"
import * as PartyLadder from "./PartyLadder.js"
import * as Pathway from "./Pathway.js"
import * as Qualification from "./Qualification.js"
import * as TalentChain from "./TalentChain.js"

/**
 * @since 0.5.0
 * @category models
 */
export interface DevelopmentConfigShape {
  readonly party: PartyLadder.Policy
  /** Ladders besides the party ladder (the talent chain and the community worker's channel by default); ids distinct, not `party`. */
  readonly ladders: ReadonlyArray<Pathway.Ladder>
  readonly qualifications: Qualification.Policy
}

/**
 * @since 0.5.0
 * @category tags
 */
export class DevelopmentConfig extends Context.Tag("@jiceng/core/DevelopmentConfig")<DevelopmentConfig, DevelopmentConfigShape>() {}

/**
 * @since 0.5.0
 * @category constants
 */
export const defaults: DevelopmentConfigShape = {
  party: PartyLadder.defaults,
  ladders: [TalentChain.make(), CommunityWorkerLadder.make()],
  qualifications: Qualification.defaults
}

const Shape = Schema.Struct({
  party: PartyLadder.Policy,
  ladders: Schema.Array(Pathway.Ladder).pipe(Schema.maxItems(100)),
  qualifications: Qualification.Policy
}).pipe(
  Schema.filter(({ ladders }) => {
    const ids = ladders.map((l) => l.id)
    return (new Set(ids).size === ids.length && !ids.includes(PartyLadder.id)) ||
      { path: ["ladders"], message: "development-config.ladder-ids: ladder ids must be distinct and not party" }
  }),
  Schema.filter(({ ladders }) => {
    const problems = ladders.flatMap(Pathway.problems)
    return problems.length === 0 || { path: ["ladders"], message: `development-config.ladder: ${problems.join("; ")}` }
  }),
  Schema.filter(({ party }) =>
    (party.contacts.min <= party.contacts.max && party.contacts.max > 0) ||
    { path: ["party", "contacts"], message: "development-config.party: contacts.min must not exceed contacts.max, which must be positive" }
  )
)

/**
 * Checks a configuration, throwing a `ValidationError` naming the field.
 *
 * @since 0.5.0
 * @category constructors
 */
export const validate = (config: DevelopmentConfigShape): DevelopmentConfigShape =>
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
export const make = (config: Partial<DevelopmentConfigShape> = {}): DevelopmentConfigShape => validate({ ...defaults, ...config })

/**
 * @since 0.5.0
 * @category layers
 */
export const layer = (config: Partial<DevelopmentConfigShape> = {}): Layer.Layer<DevelopmentConfig> =>
  Layer.sync(DevelopmentConfig, () => make(config))

/**
 * Every ladder of a configuration, the party ladder first, by id.
 *
 * @since 0.5.0
 * @category utils
 */
export const ladders = (config: DevelopmentConfigShape): ReadonlyMap<string, Pathway.Ladder> =>
  new Map([PartyLadder.make(config.party), ...config.ladders].map((l) => [l.id, l]))
