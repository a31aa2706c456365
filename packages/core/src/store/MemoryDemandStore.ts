/**
 * The memory store's demand domain: visits, demands and their events, in persistent
 * sorted tables per tenant, keyed as the SQL tables are, each secondary index leading
 * with what the SQL store's index does, so every read is a key range. An event's seq is
 * written with leading zeros in its key, so that it sorts as a number.
 *
 * @since 0.5.0
 */
import { Effect, Layer } from "effect"
import type { Demand, DemandEvent } from "../demand/Demand.js"
import { DemandStore, type DemandStoreShape } from "../demand/DemandStore.js"
import type { Visit } from "../demand/Visit.js"
import { emptyTables, getMany, sortedBy, type Tables, tableWrites, withFirstOf } from "../internal/memoryTables.js"
import * as SortedIndex from "../internal/SortedIndex.js"
import type * as Table from "../internal/Table.js"
import { MemoryTransactor, tenantCell } from "./MemoryTransactor.js"

const { key } = SortedIndex

/**
 * Visits by id, by grid then id, and by place, minute, id; demands by id and by grid
 * then id; events by demand then seq.
 */
const layouts = {
  visits: {
    primary: (v) => v.id,
    indexes: { grid: (v) => key(v.gridCode, v.id), place: (v) => key(v.placeId ?? "", v.at, v.id) }
  } satisfies Table.Layout<Visit, "grid" | "place">,
  demands: { primary: (d) => d.id, indexes: { grid: (d) => key(d.gridCode, d.id) } } satisfies Table.Layout<Demand, "grid">,
  events: { primary: (e) => key(e.demandId, String(e.seq).padStart(16, "0")), indexes: {} } satisfies Table.Layout<DemandEvent, never>
}

type TenantState = Tables<typeof layouts>

/**
 * @since 0.5.0
 * @category constructors
 */
export const make: Effect.Effect<DemandStoreShape, never, MemoryTransactor> = Effect.gen(function*() {
  const transactor = yield* MemoryTransactor
  const cell = tenantCell<TenantState>(transactor, emptyTables(layouts))
  const { read } = cell
  const { insert } = tableWrites(layouts, cell)

  return {
    visits: {
      addVisits: (rows) => insert("visits.addVisits", "visits", rows),
      visitsOf: (tenant, ids) => read(tenant, (s) => getMany(s.visits, ids)),
      // A subtree is a prefix of the grid index; the list is by minute then id.
      visitsIn: (tenant, root) =>
        read(tenant, (s) => sortedBy(SortedIndex.withPrefix(s.visits.by.grid, root), (v) => key(v.at, v.id))),
      visitsTo: (tenant, places) => read(tenant, (s) => withFirstOf(s.visits.by.place, places))
    },
    demands: {
      addDemands: (rows) => insert("demands.addDemands", "demands", rows),
      demandsOf: (tenant, ids) => read(tenant, (s) => getMany(s.demands, ids)),
      demandsIn: (tenant, root) => read(tenant, (s) => sortedBy(SortedIndex.withPrefix(s.demands.by.grid, root), (d) => d.id)),
      addEvents: (rows) => insert("demands.addEvents", "events", rows),
      eventsOf: (tenant, ids) => read(tenant, (s) => withFirstOf(s.events.rows, ids))
    }
  }
})

/**
 * @since 0.5.0
 * @category layers
 */
export const layer: Layer.Layer<DemandStore, never, MemoryTransactor> = Layer.effect(DemandStore, make)
