/**
 * The outreach domain's configuration: the 三联三服 schedule (a contact a month and a
 * visit a quarter by default) and the list of facilities a station may record.
 *
 * @since 0.5.0
 */
import { Context, Either, Layer, Schema } from "effect"
import * as Decode from "../errors/Decode.js"
import * as Text from "../text/Text.js"
import * as LiaisonCompliance from "./LiaisonCompliance.js"

/**
 * A facility a station may have, with its labels.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Facility = Schema.Struct({ id: Text.Id, zh: Text.Name, en: Text.Name })

/**
 * @since 0.5.0
 * @category models
 */
export interface Facility extends Schema.Schema.Type<typeof Facility> {}

/**
 * @since 0.5.0
 * @category models
 */
export interface OutreachConfigShape {
  /** How often each link owes a contact and a visit. */
  readonly schedule: LiaisonCompliance.Schedule
  /** The facilities a station may record (`outreach.facility-known`), ids distinct. */
  readonly facilities: ReadonlyArray<Facility>
}

/**
 * @since 0.5.0
 * @category tags
 */
export class OutreachConfig extends Context.Tag("@jiceng/core/OutreachConfig")<OutreachConfig, OutreachConfigShape>() {}

/**
 * The facilities of the article's stations (the 网约车驿站 of 兰山区's 北城新区 and the
 * like).
 *
 * @since 0.5.0
 * @category constants
 */
export const defaultFacilities: ReadonlyArray<Facility> = [
  { id: "dc_charger", zh: "直流充电桩", en: "DC charger" },
  { id: "ac_charger", zh: "交流充电桩", en: "AC charger" },
  { id: "car_wash", zh: "洗车机", en: "car wash" },
  { id: "air_conditioner", zh: "空调", en: "air conditioner" },
  { id: "tv", zh: "电视机", en: "television" },
  { id: "vending_machine", zh: "自助售卖机", en: "vending machine" },
  { id: "rest_chair", zh: "休息椅", en: "rest chair" },
  { id: "tea_bar", zh: "茶吧机", en: "tea bar" },
  { id: "medicine_kit", zh: "便民药箱", en: "medicine kit" },
  { id: "microwave", zh: "微波炉", en: "microwave" },
  { id: "water_dispenser", zh: "饮水机", en: "water dispenser" },
  { id: "phone_charger", zh: "手机充电器", en: "phone charger" },
  { id: "restroom", zh: "卫生间", en: "restroom" }
]

/**
 * @since 0.5.0
 * @category constants
 */
export const defaults: OutreachConfigShape = { schedule: LiaisonCompliance.defaults, facilities: defaultFacilities }

const Shape = Schema.Struct({
  schedule: LiaisonCompliance.Schedule,
  facilities: Schema.Array(Facility).pipe(Schema.maxItems(200))
}).pipe(
  Schema.filter(({ facilities }) =>
    new Set(facilities.map((f) => f.id)).size === facilities.length ||
    { path: ["facilities"], message: "outreach-config.facility-ids: facility ids must be distinct" }
  )
)

/**
 * Checks a configuration, throwing a `ValidationError` naming the field.
 *
 * @since 0.5.0
 * @category constructors
 */
export const validate = (config: OutreachConfigShape): OutreachConfigShape =>
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
export const make = (config: Partial<OutreachConfigShape> = {}): OutreachConfigShape => validate({ ...defaults, ...config })

/**
 * @since 0.5.0
 * @category layers
 */
export const layer = (config: Partial<OutreachConfigShape> = {}): Layer.Layer<OutreachConfig> => Layer.sync(OutreachConfig, () => make(config))
