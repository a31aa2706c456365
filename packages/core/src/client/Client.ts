/**
 * The Promise facade, for applications that do not use Effect: one object holding a
 * ManagedRuntime over a store, whose services answer with Promises. A failure rejects
 * with the library's own typed error (`ValidationError`, `RuleViolation`, `Forbidden`,
 * `NotFound`, `StoreError`, `IdempotencyConflict`: `Error`s with a `_tag`), and
 * `Option` results become `T | undefined`.
 *
 * ```ts
 * const jiceng = Client.make({ store: SqliteStore.layer({ filename: "district.db" }) })
 * await jiceng.grids.execute(admin, { _tag: "CreateGrid", ... })
 * await jiceng.dispose()
 * ```
 *
 * @since 0.1.0
 */
import { Cause, Effect, Exit, Layer, ManagedRuntime, Option } from "effect"
import * as AccessPolicy from "../access/AccessPolicy.js"
import type * as Actor from "../access/Actor.js"
import * as CoConstructionConfig from "../coconstruction/CoConstructionConfig.js"
import * as CoConstructions from "../coconstruction/CoConstructions.js"
import * as DemandConfig from "../demand/DemandConfig.js"
import * as Demands from "../demand/Demands.js"
import * as DemandsService from "../demand/DemandsService.js"
import * as Development from "../development/Development.js"
import * as DevelopmentConfig from "../development/DevelopmentConfig.js"
import * as DevelopmentService from "../development/DevelopmentService.js"
import * as Emergency from "../emergency/Emergency.js"
import * as EmergencyConfig from "../emergency/EmergencyConfig.js"
import * as EmergencyService from "../emergency/EmergencyService.js"
import * as LedgerConfig from "../ledger/LedgerConfig.js"
import * as VolunteerLedger from "../ledger/VolunteerLedger.js"
import * as VolunteerLedgerService from "../ledger/VolunteerLedgerService.js"
import * as WorkingCalendar from "../ledger/WorkingCalendar.js"
import type * as Changes from "../grid/Changes.js"
import type * as Grid from "../grid/Grid.js"
import type * as GridCommand from "../grid/GridCommand.js"
import * as GridConfig from "../grid/GridConfig.js"
import type * as GridRepository from "../grid/GridRepository.js"
import * as Grids from "../grid/Grids.js"
import type * as Place from "../grid/Place.js"
import type * as PlaceRepository from "../grid/PlaceRepository.js"
import type * as ResponsibilityAlert from "../grid/ResponsibilityAlert.js"
import type * as Worker from "../grid/Worker.js"
import type * as WorkerRepository from "../grid/WorkerRepository.js"
import type * as Imports from "../imports/Imports.js"
import type * as Compliance from "../organisation/Compliance.js"
import type * as Member from "../organisation/Member.js"
import type * as Organisation from "../organisation/Organisation.js"
import type * as OrganisationAlert from "../organisation/OrganisationAlert.js"
import type * as OrganisationChanges from "../organisation/OrganisationChanges.js"
import type * as OrganisationCommand from "../organisation/OrganisationCommand.js"
import * as OrganisationConfig from "../organisation/OrganisationConfig.js"
import * as Organisations from "../organisation/Organisations.js"
import * as Outreach from "../outreach/Outreach.js"
import * as OutreachConfig from "../outreach/OutreachConfig.js"
import * as OutreachService from "../outreach/OutreachService.js"
import type * as Store from "../store/Store.js"

/**
 * An `Option` result as a plain value: the value or `undefined`.
 *
 * @since 0.1.0
 * @category models
 */
export type Plain<A> = A extends Option.Option<infer T> ? T | undefined : A

/**
 * A service shape whose Effect-returning methods return Promises instead.
 *
 * @since 0.1.0
 * @category models
 */
export type Promised<S> = {
  readonly [K in keyof S]: S[K] extends (...args: infer P) => Effect.Effect<infer A, infer _E, never>
    ? (...args: P) => Promise<Plain<A>>
    : never
}

/**
 * What the facade's runtime provides to effects given to `run`.
 *
 * @since 0.1.0
 * @category models
 */
export type Services =
  | Grids.Grids
  | GridConfig.GridConfig
  | Organisations.Organisations
  | OrganisationConfig.OrganisationConfig
  | CoConstructions.CoConstructions
  | CoConstructionConfig.CoConstructionConfig
  | VolunteerLedgerService.VolunteerLedger
  | LedgerConfig.LedgerConfig
  | DevelopmentService.Development
  | DevelopmentConfig.DevelopmentConfig
  | EmergencyService.Emergency
  | EmergencyConfig.EmergencyConfig
  | DemandsService.Demands
  | DemandConfig.DemandConfig
  | OutreachService.Outreach
  | OutreachConfig.OutreachConfig
  | Store.Store

/**
 * The grid service with Promises: each method is `Grids.GridsShape`'s, resolving with
 * its result (`undefined` for none) or rejecting with its typed error —
 * `ValidationError` (bad input, naming `field` and `rule`), `Forbidden` (role or scope),
 * `RuleViolation` (a grid rule, naming `rule` and `field`), `StoreError`; in a batch,
 * with the failing command's 1-based `row`.
 *
 * @since 0.2.0
 * @category models
 */
export interface GridsClient {
  /** Runs one command in its own transaction, with one audit entry. A refused command writes nothing. */
  readonly execute: (actor: Actor.Actor, command: GridCommand.Input) => Promise<Changes.Changes>
  /** Runs commands in order in one transaction: all commit or none. */
  readonly executeAll: (
    actor: Actor.Actor,
    commands: ReadonlyArray<GridCommand.Input>
  ) => Promise<ReadonlyArray<Changes.Changes>>
  /**
   * Imports a long source in chunks, each committed with the import's progress; run
   * again with the same `id` and source, it resumes after the last committed chunk.
   */
  readonly importAll: (
    actor: Actor.Actor,
    source: Imports.Source,
    options: Imports.ImportOptions
  ) => Promise<Imports.ImportResult>
  /** `execute` for input of unknown shape: a parsed JSON body, a CSV row. */
  readonly executeUnknown: (actor: Actor.Actor, input: unknown) => Promise<Changes.Changes>
  /** `executeAll` for input of unknown shape; anything but an array is a `ValidationError`. */
  readonly executeAllUnknown: (actor: Actor.Actor, inputs: unknown) => Promise<ReadonlyArray<Changes.Changes>>
  /**
   * `execute` under an idempotency key: sent again after a timeout with the same key and
   * command, it resolves with the first result and writes nothing; with another command
   * it rejects with an `IdempotencyConflict`.
   *
   * @since 0.4.0
   */
  readonly executeKeyed: (actor: Actor.Actor, key: string, command: GridCommand.Input) => Promise<Changes.Changes>
  /**
   * `executeAll` under an idempotency key standing for the whole batch.
   *
   * @since 0.4.0
   */
  readonly executeAllKeyed: (
    actor: Actor.Actor,
    key: string,
    commands: ReadonlyArray<GridCommand.Input>
  ) => Promise<ReadonlyArray<Changes.Changes>>
  /** The version of a code valid on a day (default today, China Standard Time). */
  readonly resolve: (actor: Actor.Actor, code: string, at?: string) => Promise<Grid.Grid | undefined>
  /** The grid a place was in on a day; `undefined` outside the actor's scope. */
  readonly gridOfPlace: (actor: Actor.Actor, placeId: string, at?: string) => Promise<Grid.Grid | undefined>
  /** A version (`code@validFrom`) with its predecessors and successors in the actor's scope. */
  readonly lineage: (actor: Actor.Actor, id: string) => Promise<Grids.Lineage | undefined>
  /** Grids valid on a day in a subtree (default: the actor's scope), ordered by code; optionally one level. */
  readonly subtree: (
    actor: Actor.Actor,
    options?: Grids.ReadOptions & { readonly level?: number }
  ) => Promise<ReadonlyArray<Grid.Grid>>
  /** Grids valid on a day in a subtree per level, ordered by level; levels with none left out. */
  readonly countByLevel: (actor: Actor.Actor, options?: Grids.ReadOptions) => Promise<ReadonlyArray<GridRepository.LevelCount>>
  /** Workers serving in a subtree on a day, each counted once, per the category of their term that day. */
  readonly countWorkersByCategory: (
    actor: Actor.Actor,
    options?: Grids.ReadOptions
  ) => Promise<ReadonlyArray<WorkerRepository.CategoryCount>>
  /** Places in a subtree on a day per kind, ordered by kind; kinds with none left out. */
  readonly countPlaces: (actor: Actor.Actor, options?: Grids.ReadOptions) => Promise<ReadonlyArray<PlaceRepository.KindCount>>
  /** Place links valid on a day in a subtree, ordered by grid code then place id. */
  readonly placeLinks: (actor: Actor.Actor, options?: Grids.ReadOptions) => Promise<ReadonlyArray<Place.PlaceLink>>
  /** Assignments valid on a day in a subtree, ordered by grid code then id. */
  readonly assignments: (actor: Actor.Actor, options?: Grids.ReadOptions) => Promise<ReadonlyArray<Worker.Assignment>>
  /** The 定格定人定岗定责 check over a subtree on a day: typed alerts in a total order. */
  readonly check: (
    actor: Actor.Actor,
    options?: Grids.ReadOptions
  ) => Promise<ReadonlyArray<ResponsibilityAlert.ResponsibilityAlert>>
  /** A worker as they are on a day; phone and ID number masked unless the actor holds `pii:read` (then audited). */
  readonly worker: (actor: Actor.Actor, id: string, at?: string) => Promise<Worker.WorkerOnDay | undefined>
  /** A place where it is on a day; a household's name and every address masked unless the actor holds `pii:read`. */
  readonly place: (actor: Actor.Actor, id: string, at?: string) => Promise<Place.Place | undefined>
  /**
   * The workers serving in a subtree on a day, with their assignments there; phones and
   * ID numbers masked unless the actor holds `pii:read` (then one audit entry for the read).
   *
   * @since 0.7.0
   */
  readonly workers: (actor: Actor.Actor, options?: Grids.WorkersOptions) => Promise<ReadonlyArray<Grids.ServingWorker>>
  /**
   * The places in a subtree on a day (optionally one kind) with their links, in one store
   * query; households' names and addresses masked unless the actor holds `pii:read` (then
   * one audit entry for the read).
   *
   * @since 0.7.0
   */
  readonly places: (actor: Actor.Actor, options?: Grids.PlacesOptions) => Promise<ReadonlyArray<PlaceRepository.LinkedPlace>>
}

/**
 * The organisation service as Promises (`Organisations.OrganisationsShape`).
 *
 * @since 0.2.0
 * @category models
 */
export interface OrganisationsClient {
  readonly execute: (actor: Actor.Actor, command: OrganisationCommand.Input) => Promise<OrganisationChanges.OrganisationChanges>
  readonly executeAll: (
    actor: Actor.Actor,
    commands: ReadonlyArray<OrganisationCommand.Input>
  ) => Promise<ReadonlyArray<OrganisationChanges.OrganisationChanges>>
  readonly importAll: (
    actor: Actor.Actor,
    source: Imports.Source,
    options: Imports.ImportOptions
  ) => Promise<Imports.ImportResult>
  readonly executeUnknown: (actor: Actor.Actor, input: unknown) => Promise<OrganisationChanges.OrganisationChanges>
  readonly executeAllUnknown: (actor: Actor.Actor, inputs: unknown) => Promise<ReadonlyArray<OrganisationChanges.OrganisationChanges>>
  /** @since 0.4.0 */
  readonly executeKeyed: (
    actor: Actor.Actor,
    key: string,
    command: OrganisationCommand.Input
  ) => Promise<OrganisationChanges.OrganisationChanges>
  /** @since 0.4.0 */
  readonly executeAllKeyed: (
    actor: Actor.Actor,
    key: string,
    commands: ReadonlyArray<OrganisationCommand.Input>
  ) => Promise<ReadonlyArray<OrganisationChanges.OrganisationChanges>>
  readonly organisations: (
    actor: Actor.Actor,
    options?: Organisations.ReadOptions
  ) => Promise<ReadonlyArray<Organisation.Organisation>>
  readonly organisation: (actor: Actor.Actor, id: string, at?: string) => Promise<Organisation.Organisation | undefined>
  readonly memberships: (actor: Actor.Actor, options?: Organisations.ReadOptions) => Promise<ReadonlyArray<Member.Membership>>
  readonly participations: (
    actor: Actor.Actor,
    options?: Organisations.ReadOptions
  ) => Promise<ReadonlyArray<Member.Participation>>
  readonly countByKind: (actor: Actor.Actor, options?: Organisations.ReadOptions) => Promise<ReadonlyArray<Organisations.KindCount>>
  readonly countMembers: (actor: Actor.Actor, options?: Organisations.ReadOptions) => Promise<ReadonlyArray<Organisations.MemberCount>>
  readonly check: (
    actor: Actor.Actor,
    options?: Organisations.ReadOptions
  ) => Promise<ReadonlyArray<OrganisationAlert.OrganisationAlert>>
  /** 三会一课 compliance for a period `[from, to)`, of a subtree or one organisation. */
  readonly compliance: (actor: Actor.Actor, period: Organisations.ComplianceOptions) => Promise<Compliance.Report>
  /** Who is on the rolls on a day; phone and ID number masked unless the actor holds `pii:read` (then audited). */
  readonly roll: (actor: Actor.Actor, options?: Organisations.RollOptions) => Promise<ReadonlyArray<Organisations.RollEntry>>
}

/**
 * The co-construction service as Promises (`CoConstructions.CoConstructionsShape`): its
 * methods' documentation is the service's.
 *
 * @since 0.3.0
 * @category models
 */
export type CoConstructionsClient = Promised<CoConstructions.CoConstructionsShape>

/**
 * The volunteer service ledger as Promises (`VolunteerLedgerService.VolunteerLedgerShape`):
 * its methods' documentation is the service's.
 *
 * @since 0.4.0
 * @category models
 */
export type LedgerClient = Promised<VolunteerLedgerService.VolunteerLedgerShape>

/**
 * Member development as Promises (`DevelopmentService.DevelopmentShape`): its methods'
 * documentation is the service's.
 *
 * @since 0.5.0
 * @category models
 */
export type DevelopmentClient = Promised<DevelopmentService.DevelopmentShape>

/**
 * Emergency mode (平急两用) as Promises (`EmergencyService.EmergencyShape`): its methods'
 * documentation is the service's.
 *
 * @since 0.5.0
 * @category models
 */
export type EmergencyClient = Promised<EmergencyService.EmergencyShape>

/**
 * Visits and demands as Promises (`DemandsService.DemandsShape`): its methods'
 * documentation is the service's.
 *
 * @since 0.5.0
 * @category models
 */
export type DemandsClient = Promised<DemandsService.DemandsShape>

/**
 * Outreach as Promises (`OutreachService.OutreachShape`): 三联三服, 一支部一实事, stations
 * and new-employment groups; its methods' documentation is the service's.
 *
 * @since 0.5.0
 * @category models
 */
export type OutreachClient = Promised<OutreachService.OutreachShape>

// The compiler holds the hand-written interface to the service's: a method added to
// the service, or a signature changed, breaks this line until GridsClient follows.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const gridsClientMatches: Same<GridsClient, Promised<Grids.GridsShape>> = true
void gridsClientMatches
const organisationsClientMatches: Same<OrganisationsClient, Promised<Organisations.OrganisationsShape>> = true
void organisationsClientMatches

/**
 * @since 0.1.0
 * @category models
 */
export interface Client {
  /** The grid service with Promises. */
  readonly grids: GridsClient
  /** @since 0.2.0 */
  readonly organisations: OrganisationsClient
  /** 双报到 and co-construction. @since 0.3.0 */
  readonly coconstruction: CoConstructionsClient
  /** The volunteer service ledger (志愿服务台账). @since 0.4.0 */
  readonly ledger: LedgerClient
  /** Member development: tracks on ladders, the community workforce, recognition. @since 0.5.0 */
  readonly development: DevelopmentClient
  /** Emergency mode (平急两用): activations, their rosters and temporary branches, vanguard teams, coverage. @since 0.5.0 */
  readonly emergency: EmergencyClient
  /** 走访 visits and 诉求 demands, their statistics and the Open311 view. @since 0.5.0 */
  readonly demands: DemandsClient
  /** Outreach: 三联三服, 一支部一实事, stations, new-employment groups. @since 0.5.0 */
  readonly outreach: OutreachClient
  /**
   * Runs any effect over the client's services, rejecting with its typed error. This is
   * trusted, platform-level access: an effect that uses `Store` directly bypasses the
   * services' authorization, audit entries and masking. Application code goes through
   * `grids`.
   */
  readonly run: <A, E>(effect: Effect.Effect<A, E, Services>) => Promise<A>
  /** Releases the store (closes connections); the client is unusable afterwards. */
  readonly dispose: () => Promise<void>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options<E> {
  /** A Store layer: `MemoryStore.layer`, `SqliteStore.layer(...)`, `PostgresStore.layer(...)`. */
  readonly store: Layer.Layer<Store.Store, E>
  /** The grid configuration (level scheme, worker categories); defaults otherwise. */
  readonly grids?: Partial<GridConfig.GridConfigShape>
  /** The organisation policy; the defaults when left out. @since 0.2.0 */
  readonly organisations?: Partial<OrganisationConfig.OrganisationConfigShape>
  /** The co-construction policy (volunteer post categories); the defaults when left out. @since 0.3.0 */
  readonly coconstruction?: Partial<CoConstructionConfig.CoConstructionConfigShape>
  /** The ledger policy (categories and points, session limit, deadline, points' validity, issuer); the defaults when left out. @since 0.4.0 */
  readonly ledger?: Partial<LedgerConfig.LedgerConfigShape>
  /** The official holidays and make-up working days the recording deadline counts with; Monday to Friday otherwise. @since 0.4.0 */
  readonly calendar?: typeof WorkingCalendar.CalendarData.Encoded
  /** The development policy (the party ladder's settings, further ladders, qualifications); the defaults when left out. @since 0.5.0 */
  readonly development?: Partial<DevelopmentConfig.DevelopmentConfigShape>
  /** The emergency policy (the compound branch threshold, the kinds that lead a community); the defaults when left out. @since 0.5.0 */
  readonly emergency?: Partial<EmergencyConfig.EmergencyConfigShape>
  /** The demand policy (categories and their deadlines, escalation interval, top level); the defaults when left out. @since 0.5.0 */
  readonly demands?: Partial<DemandConfig.DemandConfigShape>
  /** The outreach policy (the 三联三服 schedule, the station facilities); the defaults when left out. @since 0.5.0 */
  readonly outreach?: Partial<OutreachConfig.OutreachConfigShape>
  /** The deployment's roles and their grants; the default roles otherwise. */
  readonly access?: AccessPolicy.AccessPolicyShape
}

// Every method of the shape, checked by the compiler: a method added to the service
// must be added here, or this object no longer type-checks.
/** The write methods every domain service has. */
const writeMethods = {
  execute: true,
  executeAll: true,
  importAll: true,
  executeUnknown: true,
  executeAllUnknown: true,
  executeKeyed: true,
  executeAllKeyed: true
} as const

const gridMethods: { readonly [K in keyof Grids.GridsShape]: true } = {
  ...writeMethods,
  resolve: true,
  gridOfPlace: true,
  lineage: true,
  subtree: true,
  countByLevel: true,
  countWorkersByCategory: true,
  countPlaces: true,
  placeLinks: true,
  assignments: true,
  check: true,
  worker: true,
  place: true,
  workers: true,
  places: true
}

const organisationMethods: { readonly [K in keyof Organisations.OrganisationsShape]: true } = {
  ...writeMethods,
  organisations: true,
  organisation: true,
  memberships: true,
  participations: true,
  countByKind: true,
  countMembers: true,
  check: true,
  compliance: true,
  roll: true
}

const coConstructionMethods: { readonly [K in keyof CoConstructions.CoConstructionsShape]: true } = {
  ...writeMethods,
  units: true,
  countUnits: true,
  members: true,
  countMembers: true,
  agreements: true,
  needs: true,
  resources: true,
  projects: true,
  teams: true,
  posts: true,
  postsByCategory: true,
  claims: true,
  jointMeetings: true,
  matchNeeds: true,
  matchPosts: true
}

const ledgerMethods: { readonly [K in keyof VolunteerLedgerService.VolunteerLedgerShape]: true } = {
  execute: true,
  executeAll: true,
  importAll: true,
  executeUnknown: true,
  executeAllUnknown: true,
  volunteer: true,
  volunteers: true,
  entries: true,
  totals: true,
  gridRollup: true,
  summary: true,
  balance: true,
  certificate: true,
  checkCertificate: true,
  verify: true
}

const developmentMethods: { readonly [K in keyof DevelopmentService.DevelopmentShape]: true } = {
  ...writeMethods,
  track: true,
  tracks: true,
  due: true,
  pipeline: true,
  developed: true,
  talent: true,
  workforce: true,
  workers: true,
  honours: true,
  letters: true
}

const emergencyMethods: { readonly [K in keyof EmergencyService.EmergencyShape]: true } = {
  ...writeMethods,
  activations: true,
  activation: true,
  roster: true,
  branches: true,
  teams: true,
  coverage: true,
  coverageOver: true
}

const demandMethods: { readonly [K in keyof DemandsService.DemandsShape]: true } = {
  ...writeMethods,
  demand: true,
  demands: true,
  stats: true,
  coverage: true,
  overdue: true,
  visits: true,
  services: true,
  requests: true
}

const outreachMethods: { readonly [K in keyof OutreachService.OutreachShape]: true } = {
  ...writeMethods,
  links: true,
  compliance: true,
  problems: true,
  matters: true,
  stations: true,
  uses: true,
  groups: true
}

const plain = <A>(value: A): Plain<A> => (Option.isOption(value) ? Option.getOrUndefined(value) : value) as Plain<A>

const promised = <S extends object>(
  run: <A, E>(effect: Effect.Effect<A, E, Services>) => Promise<A>,
  service: Effect.Effect<S, never, Services>,
  methods: { readonly [K in keyof S]: true }
): Promised<S> =>
  Object.fromEntries(
    Object.keys(methods).map((key) => [
      key,
      (...args: ReadonlyArray<unknown>) =>
        run(
          Effect.flatMap(service, (s) =>
            Effect.map(
              (s[key as keyof S] as (...a: ReadonlyArray<unknown>) => Effect.Effect<unknown, unknown>)(...args),
              plain
            ))
        )
    ])
  ) as Promised<S>

/**
 * Builds a client over a store. The store's resources (connections, migrations) are
 * acquired on the first call and released by `dispose`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = <E>(options: Options<E>): Client => {
  const services = Layer.mergeAll(Grids.layer, Organisations.layer, CoConstructions.layer, VolunteerLedger.layer, Development.layer, Emergency.layer, Demands.layer, Outreach.layer).pipe(
    Layer.provideMerge(
      Layer.mergeAll(
        options.store,
        GridConfig.layer(options.grids),
        OrganisationConfig.layer(options.organisations),
        CoConstructionConfig.layer(options.coconstruction),
        LedgerConfig.layer(options.ledger),
        DevelopmentConfig.layer(options.development),
        EmergencyConfig.layer(options.emergency),
        DemandConfig.layer(options.demands),
        OutreachConfig.layer(options.outreach),
        options.calendar === undefined ? Layer.empty : WorkingCalendar.layer(options.calendar)
      )
    )
  )
  const runtime = ManagedRuntime.make(
    options.access === undefined
      ? services
      : services.pipe(Layer.provide(AccessPolicy.layer(options.access)))
  )
  const run = <A, E2>(effect: Effect.Effect<A, E2, Services>): Promise<A> =>
    runtime.runPromiseExit(effect).then((exit) => {
      if (Exit.isSuccess(exit)) return exit.value
      // A typed failure rejects as itself; anything else (a defect that is not an Error,
      // "ManagedRuntime disposed") still rejects with an Error carrying a _tag.
      const error = Cause.squash(exit.cause)
      return Promise.reject(error instanceof Error ? error : new Cause.UnknownException(error, String(error)))
    })
  return {
    grids: promised(run, Grids.Grids, gridMethods) satisfies Promised<Grids.GridsShape> as GridsClient,
    organisations: promised(run, Organisations.Organisations, organisationMethods) satisfies Promised<
      Organisations.OrganisationsShape
    > as OrganisationsClient,
    coconstruction: promised(run, CoConstructions.CoConstructions, coConstructionMethods),
    ledger: promised(run, VolunteerLedgerService.VolunteerLedger, ledgerMethods),
    development: promised(run, DevelopmentService.Development, developmentMethods),
    emergency: promised(run, EmergencyService.Emergency, emergencyMethods),
    demands: promised(run, DemandsService.Demands, demandMethods),
    outreach: promised(run, OutreachService.Outreach, outreachMethods),
    run,
    dispose: () => runtime.dispose()
  }
}
