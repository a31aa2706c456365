/**
 * The demand service's reads: the options resolved against the actor (subtree, period,
 * permission), demands with their history and standing, masked unless the reader holds
 * `pii:read` — the address, the point, phone and ID numbers written into the
 * description — (an unmasked read is audited, naming the demands, never the data), the
 * statistics, coverage, what is overdue, and the Open311 view.
 *
 * @internal
 */
import { Effect, Option, Schema } from "effect"
import type { AccessPolicyShape } from "../../access/AccessPolicy.js"
import * as Actor from "../../access/Actor.js"
import type { Tenant } from "../../access/Tenant.js"
import { piiRead } from "../../access/Permission.js"
import type { AuditLogShape } from "../../audit/AuditLog.js"
import * as Coverage from "../../demand/Coverage.js"
import { type DemandEvent, DemandId, eventLabels, replay } from "../../demand/Demand.js"
import type { DemandConfigShape } from "../../demand/DemandConfig.js"
import * as DemandPermission from "../../demand/DemandPermission.js"
import type { DemandsShape, DemandView, GridMeasure, VisitView } from "../../demand/DemandsService.js"
import { targetLabels } from "../../demand/Visit.js"
import * as DemandStats from "../../demand/DemandStats.js"
import * as DemandState from "../../demand/DemandState.js"
import { State, stateLabels } from "../../demand/DemandState.js"
import type { DemandStoreShape } from "../../demand/DemandStore.js"
import { isPersonal, scrub } from "../../demand/FreeText.js"
import * as Open311 from "../../demand/Open311.js"
import * as Decode from "../../errors/Decode.js"
import { ValidationError } from "../../errors/ValidationError.js"
import { GridCode } from "../../grid/Grid.js"
import type { GridStoreShape } from "../../grid/GridStore.js"
import * as LevelScheme from "../../grid/LevelScheme.js"
import { WorkerId } from "../../grid/Worker.js"
import * as Masking from "../../identifiers/Masking.js"
import type { TransactorShape } from "../../store/Transactor.js"
import { compareStrings } from "../compareStrings.js"
import { groupBy } from "../groupBy.js"
import { dueOf } from "./escalation.js"
import * as IsoDate from "../../time/IsoDate.js"
import * as LocalMinute from "../../time/LocalMinute.js"
import * as Period from "../period.js"

const Root = { root: Schema.optional(GridCode) }
const Lang = { lang: Schema.optional(Schema.Literal("zh", "en")) }
const FilterArguments = Schema.Struct({
  ...Root,
  state: Schema.optional(State),
  from: Schema.optional(IsoDate.IsoDate),
  to: Schema.optional(IsoDate.IsoDate)
})
const RequestArguments = Schema.Struct({ ...FilterArguments.fields, ...Lang })
const PeriodArguments = Schema.Struct({ ...Root, from: IsoDate.IsoDate, to: IsoDate.IsoDate })
const CoverageArguments = Schema.Struct({ ...Root, asOf: IsoDate.IsoDate, days: Schema.Int.pipe(Schema.between(1, 3660)) })
const OverdueArguments = Schema.Struct({ ...Root, asOf: LocalMinute.LocalMinute })
const VisitArguments = Schema.Struct({ ...PeriodArguments.fields, workerId: Schema.optional(WorkerId), ...Lang })
const ServiceArguments = Schema.Struct({ ...Root, ...Lang })

/** A point rounded to 0.01° (about a kilometre): where, not which door. */
const coarse = (x: number | null): number | null => (x === null ? null : Math.round(x * 100) / 100)

/** @internal */
export const make = (deps: {
  readonly store: DemandStoreShape
  readonly grids: Pick<GridStoreShape, "grids" | "workers" | "places">
  readonly config: DemandConfigShape
  readonly scheme: LevelScheme.LevelScheme
  readonly policy: AccessPolicyShape
  readonly audit: AuditLogShape
  readonly transactor: TransactorShape
}): Omit<DemandsShape, "execute" | "executeAll" | "importAll" | "executeUnknown" | "executeAllUnknown" | "executeKeyed" | "executeAllKeyed"> => {
  const { audit, config, grids, policy, scheme, store, transactor } = deps
  const categories = new Map(config.categories.map((c) => [c.key, c]))

  /** The options decoded (naming `options.<field>`), the subtree defaulting to the actor's scope and authorized. */
  const readScope = <A extends { readonly root?: string | undefined }>(actor: Actor.Actor, input: unknown, schema: Schema.Schema<A, any>) =>
    Effect.gen(function*() {
      const options = yield* Decode.decode(schema, input === undefined ? {} : input, { field: "options" })
      const root: string = options.root ?? actor.scope
      yield* Actor.authorize(actor, DemandPermission.read, "read", [root], policy)
      return { tenant: actor.tenant, root, options }
    })

  /** The subtree's demands (of a state, received in the days given), with their events. */
  const load = (tenant: Tenant, root: string, filter: { readonly state?: string | undefined; readonly from?: string | undefined; readonly to?: string | undefined }) =>
    Effect.gen(function*() {
      const inPeriod = (yield* store.demands.demandsIn(tenant, root)).filter((d) => {
        const day = LocalMinute.dayOf(d.requestedAt)
        return (filter.from === undefined || day >= filter.from) && (filter.to === undefined || day < filter.to)
      })
      const events = groupBy(inPeriod.length === 0 ? [] : yield* store.demands.eventsOf(tenant, inPeriod.map((d) => d.id)), (e) => e.demandId)
      return inPeriod
        .map((demand) => ({ demand, events: (events.get(demand.id) ?? []) as ReadonlyArray<DemandEvent> }))
        .map((row) => ({ ...row, status: replay(row.demand, row.events) }))
        .filter((row) => filter.state === undefined || row.status.state === filter.state)
    })
  type Row = Effect.Effect.Success<ReturnType<typeof load>>[number]

  /** Views of demands, masked unless the reader holds `pii:read`; an unmasked read of personal data is audited. */
  const views = (actor: Actor.Actor, root: string, rows: ReadonlyArray<Row>, lang: "zh" | "en" = "zh") =>
    Effect.gen(function*() {
      const unmasked = Actor.can(actor, piiRead, policy)
      // Every free text a reader sees: the description and the notes of the events (the standing's note is the last of them).
      const personal = ({ demand: d, events }: Row) =>
        d.address !== null || d.lat !== null || d.long !== null || isPersonal(d.description) || events.some((e) => isPersonal(e.note))
      const shown = rows.filter((r) => unmasked && personal(r)).map((r) => r.demand.id as string)
      const text = (t: string | null) => (t === null || unmasked ? t : scrub(t))
      if (shown.length > 0) {
        yield* transactor.transaction(
          actor.tenant,
          audit.append({ tenant: actor.tenant, actor: actor.id, action: "ReadDemandPii", target: shown.length === 1 ? shown[0]! : root, detail: JSON.stringify({ demands: shown }) })
        )
      }
      return rows.map(({ demand, events, status }): DemandView => ({
        ...demand,
        ...status,
        description: text(demand.description)!,
        // A duplicate's note is the id of the demand it duplicates, not words.
        note: status.state === "duplicate" ? status.note : text(status.note),
        address: demand.address === null || unmasked ? demand.address : Masking.maskAddress(demand.address),
        lat: unmasked ? demand.lat : coarse(demand.lat),
        long: unmasked ? demand.long : coarse(demand.long),
        categoryLabel: categories.get(demand.category)?.[lang] ?? demand.category,
        stateLabel: stateLabels[status.state][lang],
        events: events.map((e) => ({ ...e, note: text(e.note), label: eventLabels[e.kind][lang] }))
      }))
    })

  /** A grid's name now (its latest version), by code. */
  const names = (tenant: Tenant, codes: ReadonlyArray<string>) =>
    Effect.map(
      codes.length === 0 ? Effect.succeed([]) : grids.grids.versionsOf(tenant, Array.from(new Set(codes))),
      (versions) => new Map(versions.map((g) => [g.code as string, g.name]))
    )

  /** A period of days `[from, to)`: ends after it begins (`period.order`), spans at most ten years (`period.length`). */
  const period = (from: IsoDate.IsoDate, to: IsoDate.IsoDate) => Period.problem(from, to) ?? Effect.void

  /** The days of a filter, when it names both ends, end after they begin. */
  const filterPeriod = (filter: { readonly from?: IsoDate.IsoDate | undefined; readonly to?: IsoDate.IsoDate | undefined }) =>
    filter.from !== undefined && filter.to !== undefined && filter.to <= filter.from
      ? new ValidationError({ field: "options.to", rule: "period.order", message: `options.to: ${filter.to} is not after ${filter.from}` })
      : Effect.void

  const measureOf = (rows: ReadonlyArray<Row>, from: string, to: string) =>
    DemandStats.measure(rows, LocalMinute.startOfDay(from as IsoDate.IsoDate), LocalMinute.startOfDay(to as IsoDate.IsoDate))

  return {
    demand: (actor, id) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, undefined, Schema.Struct(Root))
        const demandId = yield* Decode.decode(DemandId, id, { field: "id" })
        const [found] = (yield* store.demands.demandsOf(s.tenant, [demandId])).filter((d) => d.gridCode.startsWith(s.root))
        if (found === undefined) return null
        const events = yield* store.demands.eventsOf(s.tenant, [found.id])
        return (yield* views(actor, found.id, [{ demand: found, events, status: replay(found, events) }]))[0]!
      }).pipe(Effect.withSpan("Demands.demand")),
    demands: (actor, filter) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, filter, FilterArguments)
        yield* filterPeriod(s.options)
        return yield* views(actor, s.root, yield* load(s.tenant, s.root, s.options))
      }).pipe(Effect.withSpan("Demands.demands")),
    stats: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, options, PeriodArguments)
        const { from, to } = s.options
        yield* period(from, to)
        const rows = yield* load(s.tenant, s.root, {})
        const level = LevelScheme.levelOfCode(scheme, s.root)
        const childLength = Option.isNone(level) ? undefined : scheme.levels[level.value + 1] === undefined ? undefined : s.root.length + scheme.levels[level.value + 1]!.segmentWidth
        // Every child grid valid on any day of the period (a grid closed or split during it included),
        // and the child of any demand counted, so that the children and the root's own demands sum to the whole.
        const versions = childLength === undefined
          ? []
          : (yield* grids.grids.history(s.tenant, s.root)).filter((g) => g.code.length === childLength && g.validFrom < to && (g.validTo === null || g.validTo > from))
        const named = yield* names(s.tenant, [s.root])
        const measure = (gridCode: string, name: string, mine: ReadonlyArray<Row>): GridMeasure => ({ gridCode, name, ...measureOf(mine, from, to) })
        const latest = new Map(versions.map((g) => [g.code as string, g.name]))
        const fromRows = childLength === undefined ? [] : rows.flatMap((r) => (r.demand.gridCode.length > s.root.length ? [r.demand.gridCode.slice(0, childLength)] : []))
        const rowNames = yield* names(s.tenant, fromRows.filter((c) => !latest.has(c)))
        const children = Array.from(new Set([...latest.keys(), ...fromRows]))
          .sort(compareStrings)
          .map((code) => measure(code, latest.get(code) ?? rowNames.get(code) ?? code, rows.filter((r) => r.demand.gridCode.startsWith(code))))
          .filter((m) => latest.has(m.gridCode) || m.received + m.resolved + m.closed + m.open > 0)
        return {
          from,
          to,
          total: measure(s.root, named.get(s.root) ?? s.root, rows),
          children,
          own: measure(s.root, named.get(s.root) ?? s.root, rows.filter((r) => r.demand.gridCode === s.root))
        }
      }).pipe(Effect.withSpan("Demands.stats")),
    coverage: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, options, CoverageArguments)
        const { asOf, days } = s.options
        const links = yield* grids.places.linksInSubtree(s.tenant, s.root, asOf)
        const places = links.length === 0 ? [] : yield* grids.places.getMany(s.tenant, links.map((l) => l.placeId))
        const households = new Set<string>(places.filter((p) => p.kind === "household").map((p) => p.id))
        const mine = links.filter((l) => households.has(l.placeId))
        const visits = mine.length === 0 ? [] : yield* store.visits.visitsTo(s.tenant, mine.map((l) => l.placeId))
        return Coverage.coverage(
          mine.map((l) => ({ id: l.placeId, gridCode: l.gridCode })),
          visits.flatMap((v) => (v.placeId === null ? [] : [{ placeId: v.placeId as string, on: LocalMinute.dayOf(v.at) }])),
          asOf,
          days
        )
      }).pipe(Effect.withSpan("Demands.coverage")),
    overdue: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, options, OverdueArguments)
        const { asOf } = s.options
        // Overdue strictly after the deadline, as the sweep takes it.
        const rows = (yield* load(s.tenant, s.root, {}))
          .filter((r) => r.demand.deadlineAt < asOf && r.demand.requestedAt <= asOf)
          .map((r) => ({ ...r, status: replay(r.demand, r.events.filter((e) => e.at <= asOf)) }))
          .filter((r) => DemandState.open.has(r.status.state))
        const dues = yield* dueOf(grids, scheme, config, actor, rows, asOf)
        return rows
          .map((r, i) => {
            return {
              id: r.demand.id,
              gridCode: r.demand.gridCode,
              category: r.demand.category,
              state: r.status.state,
              deadlineAt: r.demand.deadlineAt,
              overdueMinutes: LocalMinute.minutesBetween(r.demand.deadlineAt, asOf),
              answering: r.status.answering,
              assignee: r.status.assignee,
              escalatedTo: r.status.escalatedTo,
              due: dues[i]!.map((e) => e.gridCode)
            }
          })
          .sort((a, b) => b.overdueMinutes - a.overdueMinutes || compareStrings(a.id, b.id))
      }).pipe(Effect.withSpan("Demands.overdue")),
    visits: (actor, filter) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, filter, VisitArguments)
        const { from, to, workerId } = s.options
        yield* period(from, to)
        const lang = s.options.lang ?? "zh"
        const found = (yield* store.visits.visitsIn(s.tenant, s.root)).filter((v) => {
          const day = LocalMinute.dayOf(v.at)
          return day >= from && day < to && (workerId === undefined || v.workerId === workerId)
        })
        // What a visit updated is free text: scrubbed unless pii:read, and an unmasked read of personal data audited.
        const unmasked = Actor.can(actor, piiRead, policy)
        const shown = found.filter((v) => unmasked && v.updated.some(isPersonal)).map((v) => v.id as string)
        if (shown.length > 0) {
          yield* transactor.transaction(
            actor.tenant,
            audit.append({ tenant: actor.tenant, actor: actor.id, action: "ReadVisitPii", target: shown.length === 1 ? shown[0]! : s.root, detail: JSON.stringify({ visits: shown }) })
          )
        }
        return found.map((v): VisitView => ({ ...v, updated: unmasked ? v.updated : v.updated.map(scrub), targetLabel: targetLabels[v.target][lang] }))
      }).pipe(Effect.withSpan("Demands.visits")),
    services: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, options, ServiceArguments)
        return Open311.services(config.categories, s.options.lang ?? "zh")
      }).pipe(Effect.withSpan("Demands.services")),
    requests: (actor, filter) =>
      Effect.gen(function*() {
        const s = yield* readScope(actor, filter, RequestArguments)
        yield* filterPeriod(s.options)
        const lang = s.options.lang ?? "zh"
        const shown = yield* views(actor, s.root, yield* load(s.tenant, s.root, s.options), lang)
        const gridNames = yield* names(s.tenant, shown.map((d) => d.answering))
        const assignees = Array.from(new Set(shown.flatMap((d) => (d.assignee === null ? [] : [d.assignee])))) as Array<WorkerId>
        const workers = new Map((assignees.length === 0 ? [] : yield* grids.workers.getMany(s.tenant, assignees)).map((w) => [w.id as string, w.name]))
        return shown.map((d) => {
          const category = categories.get(d.category) ?? { key: d.category, zh: d.category, en: d.category, description: "", group: "" }
          const grid = gridNames.get(d.answering) ?? d.answering
          return Open311.request({
            id: d.id,
            state: d.state,
            category,
            description: d.description,
            agency: d.assignee === null ? grid : `${grid} ${workers.get(d.assignee) ?? d.assignee}`,
            requestedAt: d.requestedAt,
            updatedAt: d.updatedAt,
            expectedAt: d.deadlineAt,
            address: d.address,
            lat: d.lat,
            long: d.long,
            note: d.note
          }, lang)
        })
      }).pipe(Effect.withSpan("Demands.requests"))
  }
}
