/**
 * The live outreach service. Every write goes: decode (ValidationError naming the field
 * and row) → authorize the role and the grids the command names (Forbidden) → load what
 * the rule needs and check the scope of every record it touches (one lying wholly
 * outside the scope gets the answer an unknown id gets) → pure rule (RuleViolation
 * naming the rule) → write the rows and one audit entry in the same
 * transaction (a problem raised or resolved raises its notification there too, through
 * `Notify.raiser` when the layer is built with `Notify.Settings`). A refused command
 * writes nothing. Reads decode their arguments the same
 * way (a period's `to` after its `from`, at most ten years on) and count nothing outside
 * the actor's scope.
 *
 * @since 0.5.0
 */
import { Effect, Layer, Schema } from "effect"
import { AccessPolicy } from "../access/AccessPolicy.js"
import * as Actor from "../access/Actor.js"
import { piiRead } from "../access/Permission.js"
import { AuditLog } from "../audit/AuditLog.js"
import * as Decode from "../errors/Decode.js"
import { GridCode } from "../grid/Grid.js"
import { GridConfig } from "../grid/GridConfig.js"
import { GridStore } from "../grid/GridStore.js"
import { IdempotencyStore } from "../idempotency/IdempotencyStore.js"
import { maskAddress } from "../identifiers/Masking.js"
import { ImportLog } from "../imports/ImportLog.js"
import * as Notify from "../notify/Notify.js"
import * as Commands from "../internal/commands.js"
import { compareStrings } from "../internal/compareStrings.js"
import { servingWithin } from "../internal/organisation/decide.js"
import { auditDetail, targetOf } from "../internal/outreach/commands.js"
import * as Decide from "../internal/outreach/decide.js"
import { writeSteps } from "../internal/outreach/write.js"
import { validated } from "../internal/validated.js"
import type { OrganisationId } from "../organisation/Organisation.js"
import { OrganisationStore } from "../organisation/OrganisationStore.js"
import { Transactor } from "../store/Transactor.js"
import { OutreachStore } from "./OutreachStore.js"
import * as IsoDate from "../time/IsoDate.js"
import * as LiaisonCompliance from "./LiaisonCompliance.js"
import { type GroupKind, kindLabels as groupLabels } from "./NewEmployment.js"
import type { OutreachChanges } from "./OutreachChanges.js"
import { OutreachCommand } from "./OutreachCommand.js"
import { OutreachConfig } from "./OutreachConfig.js"
import * as OutreachPermission from "./OutreachPermission.js"
import { type MatterCounts, Outreach, type OutreachShape, type OutreachWriteError } from "./OutreachService.js"
import { type Matter, type MatterState, stateLabels, stateOn } from "./PracticalMatter.js"
import { kindLabels as stationLabels, minutesPerWeek, type StationKind, type UserKind } from "./Station.js"
import * as Period from "../internal/period.js"

const DayArguments = Schema.Struct({ root: Schema.optional(GridCode), at: Schema.optional(IsoDate.IsoDate) })
const PeriodArguments = Schema.Struct({ root: Schema.optional(GridCode), from: IsoDate.IsoDate, to: IsoDate.IsoDate })

const zeros = <K extends string>(keys: ReadonlyArray<K>): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>
const userKinds: ReadonlyArray<UserKind> = [...Object.keys(groupLabels) as ReadonlyArray<GroupKind>, "resident"]

/** Matters counted by state on a day (those planned by then). */
const countMatters = (matters: ReadonlyArray<Matter>, at: IsoDate.IsoDate): MatterCounts => {
  const counts = zeros(Object.keys(stateLabels) as ReadonlyArray<MatterState>)
  let listed = 0
  for (const m of matters) {
    const state = stateOn(m, at)
    if (state === undefined) continue
    listed++
    counts[state]++
  }
  return { listed, ...counts }
}

/**
 * @since 0.5.0
 * @category constructors
 */
export const make: Effect.Effect<
  OutreachShape,
  never,
  Transactor | AuditLog | OutreachStore | OrganisationStore | GridStore | ImportLog | IdempotencyStore | GridConfig | OutreachConfig
> = Effect.gen(function*() {
  const store = yield* OutreachStore
  const organisationStore = yield* OrganisationStore
  const grids = yield* GridStore
  const audit = yield* AuditLog
  const transactor = yield* Transactor
  const config = yield* OutreachConfig
  const importLog = yield* ImportLog
  const idempotency = yield* IdempotencyStore
  const gridConfig = yield* GridConfig
  const policy = yield* AccessPolicy
  const raise = yield* Notify.raiser
  const { methods } = Commands.makePlain<OutreachCommand, OutreachChanges, OutreachWriteError, IsoDate.IsoDate>(
    { policy, transactor, importLog, idempotency, audit },
    {
      name: "Outreach",
      schema: OutreachCommand,
      targetOf,
      auditDetail,
      clock: IsoDate.today,
      decisions: (today) => Decide.make(store, organisationStore, grids, config, gridConfig.scheme, today),
      writeSteps: (_actor, changes: OutreachChanges) => writeSteps(store, changes, raise)
    }
  )

  /** The options decoded, the subtree (the actor's scope unless named) authorized for reading. */
  const scoped = <A extends { readonly root?: string | undefined }>(actor: Actor.Actor, input: unknown, schema: Schema.Schema<A, any>) =>
    Effect.gen(function*() {
      const options = yield* Decode.decode(schema, input ?? {}, { field: "options" })
      const root: string = options.root ?? actor.scope
      yield* Actor.authorize(actor, OutreachPermission.read, "read", [root], policy)
      return { tenant: actor.tenant, root, options, under: (code: string) => code.startsWith(root) }
    })
  const onDay = (actor: Actor.Actor, input: unknown) =>
    Effect.flatMap(scoped(actor, input, DayArguments), (s) => Effect.map(IsoDate.today, (today) => ({ ...s, at: s.options.at ?? today })))
  const inPeriod = (actor: Actor.Actor, input: unknown) =>
    Effect.flatMap(scoped(actor, input, PeriodArguments), (s) => {
      const problem = Period.problem(s.options.from, s.options.to)
      return problem === undefined ? Effect.succeed(s) : Effect.fail(problem)
    })

  /** The subtree's links, whatever their days. */
  const linksIn = (tenant: Actor.Actor["tenant"], under: (code: string) => boolean) =>
    Effect.map(store.liaison.links(tenant), (links) => links.filter((l) => under(l.gridCode)))

  const service: OutreachShape = {
    ...methods,
    links: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* onDay(actor, options)
        return (yield* linksIn(s.tenant, s.under)).filter((l) => IsoDate.within(s.at, l.validFrom, l.validTo))
      }).pipe(Effect.withSpan("Outreach.links")),
    compliance: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* inPeriod(actor, options)
        const links = yield* linksIn(s.tenant, s.under)
        const ids = new Set<string>(links.map((l) => l.id))
        const contacts = (yield* store.liaison.contacts(s.tenant)).filter((c) => ids.has(c.linkId))
        const report = LiaisonCompliance.check(config.schedule, links, contacts, { from: s.options.from, to: s.options.to })
        // A leader's links are those holding on some day of the period.
        const holding = links.filter((l) => l.validFrom < s.options.to && (l.validTo === null || l.validTo > s.options.from))
        const leaders = Array.from(new Set(holding.map((l) => l.leaderId))).sort(compareStrings).map((leaderId) => {
          const theirs = holding.filter((l) => l.leaderId === leaderId)
          const mine = LiaisonCompliance.check(config.schedule, theirs, contacts, report.period)
          return { leaderId, links: theirs.length, owed: mine.owed, met: mine.met, missing: mine.missing.length }
        })
        return { ...report, leaders }
      }).pipe(Effect.withSpan("Outreach.compliance")),
    problems: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* inPeriod(actor, options)
        const { from, to } = s.options
        const ids = new Set<string>((yield* linksIn(s.tenant, s.under)).map((l) => l.id))
        const mine = (yield* store.liaison.problems(s.tenant)).filter((p) => ids.has(p.linkId))
        const inside = (day: string | null) => day !== null && day >= from && day < to
        const raised = mine.filter((p) => inside(p.raisedOn))
        const resolvedOfRaised = raised.filter((p) => p.resolvedOn !== null && p.resolvedOn < to).length
        return {
          from,
          to,
          raised: raised.length,
          resolved: mine.filter((p) => inside(p.resolvedOn)).length,
          open: mine.filter((p) => p.raisedOn < to && (p.resolvedOn === null || p.resolvedOn >= to)).length,
          resolvedShare: raised.length === 0 ? null : resolvedOfRaised / raised.length,
          problems: mine.filter((p) => inside(p.raisedOn) || inside(p.resolvedOn))
        }
      }).pipe(Effect.withSpan("Outreach.problems")),
    matters: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* onDay(actor, options)
        const all = yield* store.matters.matters(s.tenant)
        const ids = Array.from(new Set(all.map((m) => m.organisationId as string)))
        const versions = ids.length === 0 ? [] : yield* organisationStore.organisations.versionsOf(s.tenant, ids as unknown as ReadonlyArray<OrganisationId>)
        const inside = servingWithin(s.tenant, ids, versions, s.under)
        const matters = all.filter((m) => inside.has(m.organisationId))
        // A batch of the subtree, or of a grid above it (the district's batch names the street's matters too).
        const batches = (yield* store.matters.batches(s.tenant))
          .filter((b) => b.from <= s.at && (b.gridCode.startsWith(s.root) || s.root.startsWith(b.gridCode)))
          .sort((a, b) => compareStrings(a.gridCode, b.gridCode) || a.number - b.number)
        return {
          batches: batches.map((batch) => ({ batch, ...countMatters(matters.filter((m) => m.batchId === batch.id), s.at) })),
          branches: ids.filter((id) => inside.has(id)).sort(compareStrings).map((organisationId) => ({
            organisationId,
            ...countMatters(matters.filter((m) => m.organisationId === organisationId), s.at)
          })).filter((b) => b.listed > 0)
        }
      }).pipe(Effect.withSpan("Outreach.matters")),
    stations: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* onDay(actor, options)
        const open = (yield* store.stations.stations(s.tenant)).filter((st) => s.under(st.gridCode) && IsoDate.within(s.at, st.openedOn, st.closedOn))
        const unmasked = Actor.can(actor, piiRead, policy)
        if (unmasked && open.length > 0) {
          yield* transactor.transaction(
            s.tenant,
            audit.append({ tenant: s.tenant, actor: actor.id, action: "ReadStationPii", target: s.root, detail: JSON.stringify({ at: s.at, stations: open.map((st) => st.id) }) })
          )
        }
        const byKind = zeros(Object.keys(stationLabels) as ReadonlyArray<StationKind>)
        for (const st of open) byKind[st.kind]++
        return {
          at: s.at,
          stations: open.map((st) => ({ ...st, address: unmasked ? st.address : maskAddress(st.address), minutesPerWeek: minutesPerWeek(st.hours) })),
          byKind,
          facilities: config.facilities.map((f) => ({ ...f, count: open.reduce((sum, st) => sum + (st.facilities[f.id] ?? 0), 0) })),
          studyCorners: open.filter((st) => st.studyCorner !== null).length,
          books: open.reduce((sum, st) => sum + (st.studyCorner?.books ?? 0), 0)
        }
      }).pipe(Effect.withSpan("Outreach.stations")),
    uses: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* inPeriod(actor, options)
        const { from, to } = s.options
        const ids = new Set<string>((yield* store.stations.stations(s.tenant)).filter((st) => s.under(st.gridCode)).map((st) => st.id))
        const uses = (yield* store.stations.uses(s.tenant)).filter((u) => ids.has(u.stationId) && u.on >= from && u.on < to)
        const byKind = zeros(userKinds)
        for (const u of uses) byKind[u.userKind] += u.count
        return { from, to, byKind, total: uses.reduce((sum, u) => sum + u.count, 0), studies: uses.filter((u) => u.memberId !== null).length }
      }).pipe(Effect.withSpan("Outreach.uses")),
    groups: (actor, options) =>
      Effect.gen(function*() {
        const s = yield* onDay(actor, options)
        const groups = (yield* store.groups.groups(s.tenant)).filter((g) => s.under(g.gridCode) && g.formedOn <= s.at)
        const members = groups.length === 0 ? [] : (yield* store.groups.membersOf(s.tenant, groups.map((g) => g.id))).filter((m) => m.joinedOn <= s.at)
        const withMembers = groups.map((g) => ({ ...g, members: members.filter((m) => m.groupId === g.id).length }))
        return {
          at: s.at,
          kinds: (Object.keys(groupLabels) as ReadonlyArray<GroupKind>).map((kind) => {
            const mine = withMembers.filter((g) => g.kind === kind)
            return {
              kind,
              ...groupLabels[kind],
              groups: mine.length,
              organisations: new Set(mine.map((g) => g.organisationId)).size,
              members: mine.reduce((sum, g) => sum + g.members, 0),
              workers: mine.reduce((sum, g) => sum + g.workers, 0)
            }
          }),
          groups: withMembers
        }
      }).pipe(Effect.withSpan("Outreach.groups"))
  }
  return validated(service, policy, gridConfig.scheme)
})

/**
 * The live service over the outreach, organisation and grid ports, the outreach
 * configuration and the grid policy, and the access policy when one is provided (the
 * default roles otherwise).
 *
 * @since 0.5.0
 * @category layers
 */
export const layer: Layer.Layer<
  Outreach,
  never,
  Transactor | AuditLog | OutreachStore | OrganisationStore | GridStore | ImportLog | IdempotencyStore | GridConfig | OutreachConfig
> = Layer.effect(Outreach, make)

export {
  /**
   * The service tag.
   *
   * @since 0.5.0
   * @category tags
   */
  Outreach,
  /** @since 0.5.0 */
  type OutreachShape
} from "./OutreachService.js"
