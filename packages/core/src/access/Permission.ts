/**
 * Permissions and the roles that grant them (`defaultGrants`): admin has every
 * permission; grid_manager writes grids, places and workers; worker writes places; viewer
 * reads. Only admin reads unmasked personal data (`pii:read`). The table is fixed in
 * this release; a configurable one is left for later.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * @since 0.1.0
 * @category schemas
 */
export const Permission = Schema.Literal(
  "grid:write",
  "place:write",
  "worker:write",
  "read",
  /** See unmasked ID numbers, phones and addresses; every such read is audited. */
  "pii:read"
)

/**
 * @since 0.1.0
 * @category models
 */
export type Permission = typeof Permission.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const Role = Schema.Literal("admin", "grid_manager", "worker", "viewer")

/**
 * @since 0.1.0
 * @category models
 */
export type Role = typeof Role.Type

/**
 * The default grant table: admins do everything in their scope; grid managers
 * change grids, places and workers; grid workers keep places (入格) current;
 * viewers read.
 *
 * @since 0.1.0
 * @category policy
 */
export const defaultGrants: Readonly<Record<Role, ReadonlyArray<Permission>>> = {
  admin: ["grid:write", "place:write", "worker:write", "read", "pii:read"],
  grid_manager: ["grid:write", "place:write", "worker:write", "read"],
  worker: ["place:write", "read"],
  viewer: ["read"]
}

/**
 * zh-CN and en labels of the roles.
 *
 * @since 0.1.0
 * @category labels
 */
export const roleLabels: Readonly<Record<Role, { readonly zh: string; readonly en: string }>> = {
  admin: { zh: "管理员", en: "Administrator" },
  grid_manager: { zh: "网格管理员", en: "Grid manager" },
  worker: { zh: "网格员", en: "Grid worker" },
  viewer: { zh: "查看者", en: "Viewer" }
}
