/**
 * The co-construction policy: the categories of volunteer posts (志愿服务岗位). 桃城区 set
 * up 100 posts in 8 categories for in-service members to claim (认领) by profession and
 * skill; the article names two of them (政策宣传, 生活服务). The other six defaults are
 * labelled examples, not taken from the article: a platform sets its own.
 *
 * @since 0.3.0
 */
import { Context, Either, Layer, Schema } from "effect"
import * as Decode from "../errors/Decode.js"
import * as Text from "../text/Text.js"

/**
 * A category of volunteer posts: a stable key and its labels.
 *
 * @since 0.3.0
 * @category schemas
 */
export const PostCategory = Schema.Struct({
  key: Text.Id,
  zh: Text.Name,
  en: Text.Name,
  /** Whether the category is named by the source article, or an example of the library. */
  fromArticle: Schema.Boolean
})

/**
 * @since 0.3.0
 * @category models
 */
export interface PostCategory extends Schema.Schema.Type<typeof PostCategory> {}

/**
 * @since 0.3.0
 * @category models
 */
export interface CoConstructionConfigShape {
  readonly postCategories: ReadonlyArray<PostCategory>
}

/**
 * @since 0.3.0
 * @category tags
 */
export class CoConstructionConfig
  extends Context.Tag("@jiceng/core/CoConstructionConfig")<CoConstructionConfig, CoConstructionConfigShape>()
{}

/**
 * The default policy: eight post categories, two of them the article's.
 *
 * @since 0.3.0
 * @category policy
 */
export const defaults: CoConstructionConfigShape = {
  postCategories: [
    { key: "policy", zh: "政策宣传", en: "Policy outreach", fromArticle: true },
    { key: "living", zh: "生活服务", en: "Daily-life services", fromArticle: true },
    { key: "civility", zh: "文明实践", en: "Civility practice", fromArticle: false },
    { key: "environment", zh: "环境整治", en: "Environment", fromArticle: false },
    { key: "mediation", zh: "矛盾调解", en: "Dispute mediation", fromArticle: false },
    { key: "care", zh: "关爱帮扶", en: "Care and assistance", fromArticle: false },
    { key: "culture", zh: "文体活动", en: "Culture and sports", fromArticle: false },
    { key: "emergency", zh: "应急救援", en: "Emergency response", fromArticle: false }
  ]
}

const Shape = Schema.Struct({
  postCategories: Schema.Array(PostCategory).pipe(Schema.minItems(1), Schema.maxItems(100))
}).pipe(
  Schema.filter(({ postCategories }) =>
    new Set(postCategories.map((c) => c.key)).size === postCategories.length ||
    { path: ["postCategories"], message: "coconstruction-config.category-keys: category keys must be distinct" }
  ),
  Schema.filter(({ postCategories }) =>
    !postCategories.some((c) => c.key === "*") ||
    { path: ["postCategories"], message: "coconstruction-config.category-keys: * is reserved (a member who named no category, in the matching)" }
  )
)

/**
 * Checks a configuration (distinct category keys). A configuration is code, not input,
 * so a bad one throws the `ValidationError` (naming the field) when the layer is made.
 *
 * @since 0.3.0
 * @category policy
 */
export const validate = (config: CoConstructionConfigShape): CoConstructionConfigShape =>
  Either.match(Decode.decodeEither(Shape, config), {
    onLeft: (error) => {
      throw error
    },
    onRight: () => config
  })

/**
 * A configuration from a partial one; what is left out is the default.
 *
 * @since 0.3.0
 * @category policy
 */
export const make = (config: Partial<CoConstructionConfigShape> = {}): CoConstructionConfigShape =>
  validate({ ...defaults, ...config })

/**
 * @since 0.3.0
 * @category layers
 */
export const layer = (config: Partial<CoConstructionConfigShape> = {}): Layer.Layer<CoConstructionConfig> =>
  Layer.succeed(CoConstructionConfig, make(config))
