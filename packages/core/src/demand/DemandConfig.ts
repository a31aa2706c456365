/**
 * The demand domain's configuration: the categories (each an Open311 service, with the
 * deadline it sets a demand), the interval between two escalations, and the highest
 * level an escalation reaches.
 *
 * @since 0.5.0
 */
import { Context, Either, Layer, Schema } from "effect"
import * as Decode from "../errors/Decode.js"
import * as Text from "../text/Text.js"

/**
 * A category: its Open311 service fields and the minutes a demand of it has.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Category = Schema.Struct({
  key: Text.Id,
  zh: Text.Name,
  en: Text.Name,
  description: Text.Line(500),
  group: Text.Name,
  /** Minutes from intake to the deadline. */
  deadlineMinutes: Schema.Int.pipe(Schema.between(60, 366 * 24 * 60))
})

/**
 * @since 0.5.0
 * @category models
 */
export interface Category extends Schema.Schema.Type<typeof Category> {}

/**
 * @since 0.5.0
 * @category models
 */
export interface DemandConfigShape {
  readonly categories: ReadonlyArray<Category>
  /** Minutes between two escalations of an overdue demand (the first falls due at its deadline). */
  readonly escalateEveryMinutes: number
  /** The highest level an escalation reaches (1, the street, by default). */
  readonly topLevel: number
}

/**
 * @since 0.5.0
 * @category tags
 */
export class DemandConfig extends Context.Tag("@jiceng/core/DemandConfig")<DemandConfig, DemandConfigShape>() {}

const day = 24 * 60

/**
 * The default categories and their deadlines (common practice of 12345 and grid
 * platforms: urgent hazards in a day, most matters in a week or two), an escalation
 * every two days, up to the street.
 *
 * @since 0.5.0
 * @category constants
 */
export const defaults: DemandConfigShape = {
  categories: [
    { key: "property", zh: "物业服务", en: "Property management", description: "物业管理、维修、收费等", group: "居住", deadlineMinutes: 7 * day },
    { key: "sanitation", zh: "环境卫生", en: "Sanitation", description: "垃圾清运、楼道卫生、绿化", group: "环境", deadlineMinutes: 3 * day },
    { key: "facilities", zh: "市政设施", en: "Public facilities", description: "道路、路灯、管网、井盖", group: "环境", deadlineMinutes: 7 * day },
    { key: "dispute", zh: "邻里纠纷", en: "Neighbour disputes", description: "邻里矛盾调解", group: "平安", deadlineMinutes: 5 * day },
    { key: "safety", zh: "安全隐患", en: "Safety hazards", description: "消防、燃气、电动车充电等隐患", group: "平安", deadlineMinutes: 1 * day },
    { key: "welfare", zh: "社会保障", en: "Social security", description: "低保、养老、医保、就业帮扶", group: "民生", deadlineMinutes: 15 * day },
    { key: "elderly", zh: "为老服务", en: "Elderly care", description: "助餐、助医、探访", group: "民生", deadlineMinutes: 5 * day },
    { key: "other", zh: "其他", en: "Other", description: "其他诉求", group: "其他", deadlineMinutes: 10 * day }
  ],
  escalateEveryMinutes: 2 * day,
  topLevel: 1
}

const Shape = Schema.Struct({
  categories: Schema.Array(Category).pipe(Schema.minItems(1), Schema.maxItems(200)),
  escalateEveryMinutes: Schema.Int.pipe(Schema.between(1, 366 * day)),
  topLevel: Schema.Int.pipe(Schema.nonNegative())
}).pipe(
  Schema.filter(({ categories }) =>
    new Set(categories.map((c) => c.key)).size === categories.length ||
    { path: ["categories"], message: "demand-config.category-keys: category keys must be distinct" }
  )
)

/**
 * Checks a configuration, throwing a `ValidationError` naming the field.
 *
 * @since 0.5.0
 * @category constructors
 */
export const validate = (config: DemandConfigShape): DemandConfigShape =>
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
export const make = (config: Partial<DemandConfigShape> = {}): DemandConfigShape => validate({ ...defaults, ...config })

/**
 * @since 0.5.0
 * @category layers
 */
export const layer = (config: Partial<DemandConfigShape> = {}): Layer.Layer<DemandConfig> => Layer.sync(DemandConfig, () => make(config))
