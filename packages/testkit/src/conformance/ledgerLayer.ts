/**
 * The services the ledger suites and programs run over a store — without anything of
 * vitest, so that a child process may build them.
 *
 * @internal
 */
import {
  CoConstructionConfig,
  CoConstructions,
  GridConfig,
  Grids,
  LedgerConfig,
  type Store,
  VolunteerLedger,
  type VolunteerLedgerService
} from "@jiceng/core"
import { Layer } from "effect"

/**
 * The services the ledger suites run: VolunteerLedger, CoConstructions (teams) and Grids
 * over a store.
 *
 * @since 0.4.0
 * @category models
 */
export type LedgerServices =
  | VolunteerLedgerService.VolunteerLedger
  | CoConstructions.CoConstructions
  | Grids.Grids
  | Store.Store
  | GridConfig.GridConfig
  | CoConstructionConfig.CoConstructionConfig
  | LedgerConfig.LedgerConfig

/**
 * The VolunteerLedger, CoConstructions and Grids services over a store; points valid for
 * 90 days so that expiry plays a part.
 *
 * @since 0.4.0
 * @category layers
 */
export const ledgerOver = <E>(store: Layer.Layer<Store.Store, E>): Layer.Layer<LedgerServices, E> =>
  Layer.mergeAll(VolunteerLedger.layer, CoConstructions.layer, Grids.layer).pipe(
    Layer.provideMerge(
      Layer.mergeAll(store, GridConfig.layer(), CoConstructionConfig.layer(), LedgerConfig.layer({ pointsValidForDays: 90 }))
    )
  )
