/**
 * A whole generated district written through every service a report reads: its grids,
 * party organisations, co-construction, a year of volunteer service, member development,
 * outreach and a year of demands — each domain's generator on the district and the ones
 * before it, as the demo writes them — and the services over a store, with their
 * configurations in the context (so a report finds their labels). For the report models'
 * tests: a small instance on the memory store or SQLite in seconds.
 *
 * @since 0.7.0
 */
import {
  CoConstructionConfig,
  CoConstructions,
  DemandConfig,
  Demands,
  DemandsService,
  Development,
  DevelopmentConfig,
  DevelopmentService,
  GridConfig,
  Grids,
  LedgerConfig,
  OrganisationConfig,
  Organisations,
  Outreach,
  OutreachConfig,
  OutreachService,
  type Store,
  type StoreError,
  VolunteerLedger,
  VolunteerLedgerService
} from "@jiceng/core"
import { Effect, Layer } from "effect"
import * as CoConstruction from "./CoConstruction.js"
import * as DemandData from "./Demands.js"
import * as DevelopmentData from "./Development.js"
import * as District from "./District.js"
import * as Ledger from "./Ledger.js"
import * as OutreachData from "./Outreach.js"
import * as Party from "./Party.js"

/**
 * A small 桃城区: 4 streets, 8 communities, 14 sectors, 30 compounds, 120 blocks, 40
 * workers and 240 households.
 *
 * @since 0.7.0
 * @category constants
 */
export const small: District.Input = {
  seed: 11,
  communities: 8,
  sectors: 14,
  compounds: 30,
  blocks: 120,
  workers: 40,
  extraAssignments: 20,
  households: 240
}

/**
 * The services a report reads, their configurations and the store.
 *
 * @since 0.7.0
 * @category models
 */
export type Services =
  | Grids.Grids
  | Organisations.Organisations
  | CoConstructions.CoConstructions
  | VolunteerLedgerService.VolunteerLedger
  | Development.Development
  | Outreach.Outreach
  | Demands.Demands
  | GridConfig.GridConfig
  | OrganisationConfig.OrganisationConfig
  | CoConstructionConfig.CoConstructionConfig
  | LedgerConfig.LedgerConfig
  | DevelopmentConfig.DevelopmentConfig
  | OutreachConfig.OutreachConfig
  | DemandConfig.DemandConfig
  | Store.Store

/**
 * What writing the district can fail with: the services' write errors.
 *
 * @since 0.7.0
 * @category models
 */
export type WriteError =
  | Grids.GridWriteError
  | Organisations.OrganisationWriteError
  | CoConstructions.CoConstructionWriteError
  | VolunteerLedgerService.LedgerWriteError
  | DevelopmentService.DevelopmentWriteError
  | OutreachService.OutreachWriteError
  | DemandsService.DemandWriteError
  | StoreError.StoreError

/**
 * The services a report reads (grids, organisations, co-construction, the ledger,
 * development, outreach, demands) over a store, with the default configurations and the
 * store itself in the output.
 *
 * @since 0.7.0
 * @category layers
 */
export const layer = <E, R>(store: Layer.Layer<Store.Store, E, R>): Layer.Layer<Services, E, R> =>
  Layer.mergeAll(Grids.layer, Organisations.layer, CoConstructions.layer, VolunteerLedger.layer, Development.layer, Outreach.layer, Demands.layer).pipe(
    Layer.provideMerge(Layer.mergeAll(
      GridConfig.layer(),
      OrganisationConfig.layer(),
      CoConstructionConfig.layer(),
      LedgerConfig.layer(),
      DevelopmentConfig.layer(),
      OutreachConfig.layer(),
      DemandConfig.layer()
    )),
    Layer.provideMerge(store)
  )

/**
 * What was written: the tenant, the year of service and demands as a period
 * `[from, to)`, and each domain's generated data.
 *
 * @since 0.7.0
 * @category models
 */
export interface Written {
  readonly tenant: string
  readonly from: string
  readonly to: string
  readonly district: District.GeneratedDistrict
  readonly party: Party.GeneratedParty
  readonly coConstruction: CoConstruction.GeneratedCoConstruction
  readonly ledger: Ledger.GeneratedLedger
  readonly development: DevelopmentData.GeneratedDevelopment
  readonly outreach: OutreachData.GeneratedOutreach
  readonly demands: DemandData.Generated
}

/**
 * Generates a district (default {@link small}) and every domain's data on it, and writes
 * them through the services, in the demo's order; the demands are a year as long as the
 * ledger's, `demands` of them (default 120).
 *
 * @since 0.7.0
 * @category running
 */
export const write = (
  input: District.Input = small,
  options: { readonly demands?: number } = {}
): Effect.Effect<Written, WriteError, Services> =>
  Effect.gen(function*() {
    const district = District.generate(input)
    yield* District.apply(district)
    const party = Party.generate(district)
    yield* Party.apply(party)
    const coConstruction = CoConstruction.generate(district, party)
    yield* CoConstruction.apply(coConstruction)
    const ledger = Ledger.generate(district, party, coConstruction)
    yield* Ledger.apply(ledger)
    const development = DevelopmentData.generate(district, party)
    yield* DevelopmentData.apply(development)
    const outreach = OutreachData.generate(district, party, development)
    yield* OutreachData.apply(outreach)
    const year = ledger.figures.year
    const tenant = district.options.tenant
    const demands = DemandData.generate(yield* DemandData.facts(tenant, `${year}-01-01`), { year, demands: options.demands ?? 120 })
    yield* DemandData.write(demands)
    const written: Written = {
      tenant,
      from: `${year}-01-01`,
      to: `${year + 1}-01-01`,
      district,
      party,
      coConstruction,
      ledger,
      development,
      outreach,
      demands
    }
    return written
  }).pipe(Effect.withSpan("WholeDistrict.write"))
