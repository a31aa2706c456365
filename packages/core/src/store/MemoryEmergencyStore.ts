/**
 * The memory store's emergency domain: activations, their rosters and temporary
 * branches, and vanguard teams, in persistent sorted tables per tenant. Each table is
 * keyed as its SQL table is, so every read is a key range.
 *
 * @since 0.5.0
 */
import { Effect, Layer } from "effect"
import type { Activation, EmergencyBranch, Enlistment, VanguardTeam } from "../emergency/Activation.js"
import { EmergencyStore, type EmergencyStoreShape } from "../emergency/EmergencyStore.js"
import { emptyTables, getMany, type Tables, tableWrites, withFirstOf } from "../internal/memoryTables.js"
import * as SortedIndex from "../internal/SortedIndex.js"
import type * as Table from "../internal/Table.js"
import { MemoryTransactor, tenantCell } from "./MemoryTransactor.js"

const { key } = SortedIndex

/**
 * Activations by id; roster rows by activation, kind, person; branches by activation
 * then organisation; teams by id and by activation then id.
 */
const layouts = {
  activations: { primary: (a) => a.id, indexes: {} } satisfies Table.Layout<Activation, never>,
  roster: { primary: (r) => key(r.activationId, r.kind, r.personId), indexes: {} } satisfies Table.Layout<Enlistment, never>,
  branches: { primary: (b) => key(b.activationId, b.organisationId), indexes: {} } satisfies Table.Layout<EmergencyBranch, never>,
  teams: { primary: (t) => t.id, indexes: { activation: (t) => key(t.activationId, t.id) } } satisfies Table.Layout<VanguardTeam, "activation">
}

type TenantState = Tables<typeof layouts>

/**
 * @since 0.5.0
 * @category constructors
 */
export const make: Effect.Effect<EmergencyStoreShape, never, MemoryTransactor> = Effect.gen(function*() {
  const transactor = yield* MemoryTransactor
  const cell = tenantCell<TenantState>(transactor, emptyTables(layouts))
  const { read } = cell
  const { insert, put } = tableWrites(layouts, cell)

  return {
    activations: {
      putActivations: (rows) => put("activations", rows),
      activationsOf: (tenant, ids) => read(tenant, (s) => getMany(s.activations, ids)),
      activations: (tenant) => read(tenant, (s) => SortedIndex.values(s.activations.rows)),
      addRoster: (rows) => insert("activations.addRoster", "roster", rows),
      rosterOf: (tenant, ids) => read(tenant, (s) => withFirstOf(s.roster.rows, ids)),
      addBranches: (rows) => insert("activations.addBranches", "branches", rows),
      branchesOf: (tenant, ids) => read(tenant, (s) => withFirstOf(s.branches.rows, ids))
    },
    vanguard: {
      addTeams: (rows) => insert("vanguard.addTeams", "teams", rows),
      teamsOf: (tenant, ids) => read(tenant, (s) => getMany(s.teams, ids)),
      teamsIn: (tenant, ids) => read(tenant, (s) => withFirstOf(s.teams.by.activation, ids))
    }
  }
})

/**
 * @since 0.5.0
 * @category layers
 */
export const layer: Layer.Layer<EmergencyStore, never, MemoryTransactor> = Layer.effect(EmergencyStore, make)
