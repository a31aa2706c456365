/**
 * The categories of people who serve as grid workers (网格员). 桃城区 names 13 kinds;
 * the article lists two (退役士官安置人员, 社区工作者), so the other eleven here are a
 * configurable default that a platform replaces with its own list.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as Text from "../text/Text.js"

/**
 * @since 0.1.0
 * @category schemas
 */
export const WorkerCategory = Schema.Struct({
  /** What `RegisterWorker.category` names: an id of at most 64 characters. */
  key: Text.Id,
  zh: Schema.NonEmptyTrimmedString,
  en: Schema.NonEmptyTrimmedString
})

/**
 * @since 0.1.0
 * @category models
 */
export interface WorkerCategory extends Schema.Schema.Type<typeof WorkerCategory> {}

/**
 * @since 0.1.0
 * @category policy
 */
export const defaultCategories: ReadonlyArray<WorkerCategory> = [
  { key: "community_worker", zh: "社区工作者", en: "Community worker" },
  { key: "veteran_placement", zh: "退役士官安置人员", en: "Placed retired NCO" },
  { key: "public_welfare_post", zh: "公益性岗位人员", en: "Public-welfare post holder" },
  { key: "property_staff", zh: "物业服务人员", en: "Property-management staff" },
  { key: "building_head", zh: "楼栋长", en: "Building head" },
  { key: "unit_head", zh: "单元长", en: "Block head" },
  { key: "enrolled_member", zh: "在职报到党员", en: "Enrolled in-service party member" },
  { key: "retired_cadre", zh: "退休干部", en: "Retired cadre" },
  { key: "community_police", zh: "社区民警", en: "Community police officer" },
  { key: "urban_management", zh: "城管执法人员", en: "Urban-management officer" },
  { key: "family_doctor", zh: "家庭医生", en: "Family doctor" },
  { key: "volunteer", zh: "志愿者", en: "Volunteer" },
  { key: "unit_liaison", zh: "驻区单位联络员", en: "Work-unit liaison" }
]
