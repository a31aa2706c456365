/**
 * The bench's synthetic households: the k-th household, as a `PlacePlace` command for
 * the Grids service and as the three rows the service writes for it (its `places`
 * row, its `place_links` row and its `audit_log` row) for the raw side. Both are made
 * a batch at a time, from the household's number alone, so a million of them are
 * never held at once.
 *
 * @since 0.2.0
 */
import type * as District from "@jiceng/testkit/district"

/**
 * What defines the synthetic households: the district's tenant, its blocks (the grids
 * they are placed in), the day and how many.
 *
 * @since 0.2.0
 * @category models
 */
export interface Households {
  readonly tenant: string
  readonly blocks: ReadonlyArray<string>
  readonly validFrom: string
  readonly rows: number
}

/**
 * The k-th household's id (`H-0000000` …): no generated place id starts with `H-`.
 *
 * @since 0.2.0
 */
export const id = (k: number): string => `H-${String(k).padStart(7, "0")}`

/**
 * The k-th household's name.
 *
 * @since 0.2.0
 */
export const name = (k: number): string => `合成住户${k + 1}`

/**
 * The k-th household's block: spread over the blocks by a multiplicative hash
 * (deterministic, no PRNG needed), as the bench has always spread them.
 *
 * @since 0.2.0
 */
export const block = (h: Households, k: number): string => h.blocks[(Math.imul(k + 1, 2654435761) >>> 0) % h.blocks.length]!

/**
 * Households `start` to `end - 1` as encoded `PlacePlace` commands, as an import
 * would hand them to `Grids.executeAll`.
 *
 * @since 0.2.0
 */
export const commands = (h: Households, start: number, end: number): Array<District.Command> => {
  const out: Array<District.Command> = new Array(end - start)
  for (let k = start; k < end; k++) {
    out[k - start] = { _tag: "PlacePlace", id: id(k), kind: "household", name: name(k), gridCode: block(h, k), at: h.validFrom }
  }
  return out
}

/**
 * Column lists of the three tables, in the order the raw rows give their values.
 *
 * @since 0.2.0
 */
export const columns = {
  places: ["tenant", "id", "kind", "name", "address", "credit_code"],
  place_links: ["tenant", "place_id", "grid_code", "valid_from", "valid_to"],
  audit_log: ["tenant", "seq", "at_ms", "actor", "action", "target", "detail"]
} as const

/**
 * The table names the raw side writes.
 *
 * @since 0.2.0
 */
export type Table = keyof typeof columns

/**
 * The audit entry's `detail` of a household placement as the service records it: the
 * command's fields but the name (a household's name is personal data) and the address,
 * in the order the service writes them (the check compares them as JSON values, so a
 * change of order there does not fail it, but the bytes stay the same).
 *
 * @since 0.2.0
 */
export const detail = (h: Households, k: number): string =>
  JSON.stringify({ id: id(k), kind: "household", creditCode: null, gridCode: block(h, k), at: h.validFrom, _tag: "PlacePlace" })

/**
 * Appends the k-th household's three rows, flattened, to one parameter array per table
 * (the audit entry numbered `seq`, stamped `atMs`, by the system actor).
 *
 * @since 0.2.0
 */
export const pushRows = (
  h: Households,
  k: number,
  seq: number,
  atMs: number,
  into: { readonly places: Array<unknown>; readonly place_links: Array<unknown>; readonly audit_log: Array<unknown> }
): void => {
  const placeId = id(k)
  const gridCode = block(h, k)
  into.places.push(h.tenant, placeId, "household", name(k), null, null)
  into.place_links.push(h.tenant, placeId, gridCode, h.validFrom, null)
  into.audit_log.push(h.tenant, seq, atMs, "system", "PlacePlace", gridCode, detail(h, k))
}

/**
 * One household's rows as either side reads them back, for the check that the raw side
 * writes what the service writes (the audit entry's number and time left out).
 *
 * @since 0.2.0
 */
export interface Sample {
  readonly place: ReadonlyArray<unknown>
  readonly link: ReadonlyArray<unknown>
  readonly audit: ReadonlyArray<unknown>
}

/**
 * A sample with its audit detail parsed and its keys sorted: what two sides must agree on.
 *
 * @since 0.2.0
 */
export const normalise = (sample: Sample): Sample => {
  const [tenant, actor, action, target, text] = sample.audit
  let detail: unknown = text
  try {
    const parsed = JSON.parse(String(text)) as Record<string, unknown>
    detail = Object.fromEntries(Object.keys(parsed).sort().map((key) => [key, parsed[key]]))
  } catch {
    // Not JSON: compared as text.
  }
  return { place: sample.place, link: sample.link, audit: [tenant, actor, action, target, detail] }
}

/**
 * The SQL that reads a sample back (`?` placeholders; PostgreSQL's are substituted).
 *
 * @since 0.2.0
 */
export const sampleSql = {
  place: "SELECT tenant, id, kind, name, address, credit_code FROM places WHERE tenant = ? AND id = ?",
  link: "SELECT tenant, place_id, grid_code, valid_from, valid_to FROM place_links WHERE tenant = ? AND place_id = ?",
  audit: "SELECT tenant, actor, action, target, detail FROM audit_log WHERE tenant = ? AND seq = ?"
} as const

/**
 * Row counts of the tenant's places, links and audit entries.
 *
 * @since 0.2.0
 */
export interface Counts {
  readonly places: number
  readonly links: number
  readonly audit: number
}

/**
 * The SQL that counts them (`?` placeholders).
 *
 * @since 0.2.0
 */
export const countSql = {
  places: "SELECT count(*) AS n FROM places WHERE tenant = ?",
  links: "SELECT count(*) AS n FROM place_links WHERE tenant = ?",
  audit: "SELECT count(*) AS n FROM audit_log WHERE tenant = ?"
} as const
