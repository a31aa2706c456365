/**
 * The district summary's reads: what each domain's service answers for the subtree —
 * counts on the period's last day, sums over the period — read once and shared by the
 * sections that show them. A domain whose service is not in context reads as none, and
 * its sections are left out.
 *
 * @internal
 */
import { type Context, Effect, Option } from "effect"
import type { Actor } from "../../../access/Actor.js"
import { CoConstructions } from "../../../coconstruction/CoConstructionsService.js"
import { Demands } from "../../../demand/DemandsService.js"
import * as CommunityWorkerLadder from "../../../development/CommunityWorkerLadder.js"
import { Development } from "../../../development/DevelopmentService.js"
import * as PartyLadder from "../../../development/PartyLadder.js"
import { Grids } from "../../../grid/GridsService.js"
import * as LedgerConfig from "../../../ledger/LedgerConfig.js"
import { VolunteerLedger } from "../../../ledger/VolunteerLedgerService.js"
import * as OrganisationConfig from "../../../organisation/OrganisationConfig.js"
import { Organisations } from "../../../organisation/OrganisationsService.js"
import { Outreach } from "../../../outreach/OutreachService.js"
import type { Lang } from "../../../report/Report.js"
import type { IsoDate } from "../../../time/IsoDate.js"
import * as Kit from "../kit.js"

/** What every section is built for: the actor, the subtree, its name and children, the period and the language. */
export interface Scope {
  readonly actor: Actor
  readonly root: string
  readonly name: string
  readonly children: ReadonlyArray<Kit.Named>
  readonly from: IsoDate
  readonly to: IsoDate
  readonly last: IsoDate
  readonly lang: Lang
}

/** A configuration in context, else its defaults. */
const config = <I, S>(tag: Context.Tag<I, S>, defaults: S): Effect.Effect<S> =>
  Effect.map(Effect.serviceOption(tag), Option.getOrElse(() => defaults))

/** A service's reads, or none when the service is not in context. */
const optional = <I, S, A, E, R>(tag: Context.Tag<I, S>, read: (service: S) => Effect.Effect<A, E, R>): Effect.Effect<Option.Option<A>, E, R> =>
  Effect.flatMap(Effect.serviceOption(tag), Option.match({ onNone: () => Effect.succeedNone, onSome: (service) => Effect.asSome(read(service)) }))

/** The grid service's counts on the last day and the 定格定人定岗定责 check. */
export const grids = (s: Scope) =>
  Effect.gen(function*() {
    const service = yield* Grids
    const read = { root: s.root, at: s.last }
    return {
      levels: yield* service.countByLevel(s.actor, read),
      workers: yield* service.countWorkersByCategory(s.actor, read),
      places: yield* service.countPlaces(s.actor, read),
      alerts: yield* service.check(s.actor, read),
      config: yield* Kit.gridConfig
    }
  })

/** The organisation service's counts on the last day and the period's 三会一课 compliance. */
export const organisations = (s: Scope) =>
  optional(Organisations, (service) =>
    Effect.gen(function*() {
      const read = { root: s.root, at: s.last }
      return {
        kinds: yield* service.countByKind(s.actor, read),
        members: yield* service.countMembers(s.actor, read),
        organisations: yield* service.organisations(s.actor, read),
        compliance: yield* service.compliance(s.actor, { root: s.root, from: s.from, to: s.to }),
        config: yield* config(OrganisationConfig.OrganisationConfig, OrganisationConfig.defaults)
      }
    }))

/** The development service's pipelines, workforce and talent chain on the last day, and the period's honours. */
export const development = (s: Scope) =>
  optional(Development, (service) =>
    Effect.gen(function*() {
      const read = { root: s.root, at: s.last }
      return {
        party: yield* service.pipeline(s.actor, { ...read, ladder: PartyLadder.id }),
        workers: yield* service.pipeline(s.actor, { ...read, ladder: CommunityWorkerLadder.id }),
        workforce: yield* service.workforce(s.actor, read),
        talent: yield* service.talent(s.actor, read),
        honours: yield* service.honours(s.actor, { root: s.root, from: s.from, to: s.to })
      }
    }))

/** The co-construction service's enrolments, agreements, projects, teams and posts on the last day, and the period's joint meetings. */
export const coConstruction = (s: Scope) =>
  optional(CoConstructions, (service) =>
    Effect.gen(function*() {
      const read = { root: s.root, at: s.last }
      return {
        units: yield* service.countUnits(s.actor, read),
        members: yield* service.countMembers(s.actor, read),
        agreements: yield* service.agreements(s.actor, read),
        projects: yield* service.projects(s.actor, read),
        teams: yield* service.teams(s.actor, read),
        posts: yield* service.postsByCategory(s.actor, read),
        meetings: yield* service.jointMeetings(s.actor, { ...read, from: s.from, to: s.to })
      }
    }))

/** The ledger's summary, totals by month and category, grid rollup and programmes for the period (its days `from` to `last`, both included). */
export const ledger = (s: Scope) =>
  optional(VolunteerLedger, (service) =>
    Effect.gen(function*() {
      const period = { root: s.root, from: s.from, to: s.last }
      const policy = yield* config(LedgerConfig.LedgerConfig, LedgerConfig.defaults)
      return {
        summary: (yield* service.summary(s.actor, period)).data,
        months: (yield* service.totals(s.actor, { ...period, by: ["month"] })).data,
        categories: (yield* service.totals(s.actor, { ...period, by: ["category"] })).data,
        rollup: (yield* service.gridRollup(s.actor, period)).data,
        programmes: yield* Effect.forEach(policy.programmes, (programme) =>
          Effect.map(service.summary(s.actor, { ...period, programme: programme.key }), (r) => ({ programme, summary: r.data }))),
        config: policy
      }
    }))

/** The outreach service's groups and stations on the last day, and the period's station visits. */
export const outreach = (s: Scope) =>
  optional(Outreach, (service) =>
    Effect.gen(function*() {
      const read = { root: s.root, at: s.last }
      return {
        groups: yield* service.groups(s.actor, read),
        stations: yield* service.stations(s.actor, read),
        uses: yield* service.uses(s.actor, { root: s.root, from: s.from, to: s.to })
      }
    }))

/** The demand service's statistics of the period and the demands overdue at its end. */
export const demands = (s: Scope) =>
  optional(Demands, (service) =>
    Effect.gen(function*() {
      return {
        stats: yield* service.stats(s.actor, { root: s.root, from: s.from, to: s.to }),
        overdue: (yield* service.overdue(s.actor, { root: s.root, asOf: `${s.to}T00:00` })).length
      }
    }))

type Found<F extends (s: Scope) => Effect.Effect<Option.Option<any>, any, any>> = Effect.Effect.Success<ReturnType<F>> extends Option.Option<infer A> ? A : never

/** What the reads answer, per domain. */
export type GridData = Effect.Effect.Success<ReturnType<typeof grids>>
export type OrganisationData = Found<typeof organisations>
export type DevelopmentData = Found<typeof development>
export type CoConstructionData = Found<typeof coConstruction>
export type LedgerData = Found<typeof ledger>
export type OutreachData = Found<typeof outreach>
export type DemandData = Found<typeof demands>
