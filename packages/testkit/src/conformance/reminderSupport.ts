/**
 * What the reminder suites and tests share: every domain service over a store with
 * notification settings, a tenant holding a fact of every kind of reminder, and
 * tenants of their own.
 *
 * @since 0.6.0
 */
import {
  Actor,
  CoConstructionConfig,
  CoConstructions,
  DemandConfig,
  Demands,
  Development,
  DevelopmentConfig,
  GridConfig,
  Grids,
  IsoDate,
  Notify,
  OrganisationConfig,
  Organisations,
  PartyLadder,
  type Store
} from "@jiceng/core"
import { Effect, Layer } from "effect"
import * as CoConstructionIntents from "../arbitraries/CoConstructionIntents.js"
import * as DevelopmentIntents from "../arbitraries/DevelopmentIntents.js"
import * as PartyPath from "../arbitraries/PartyPath.js"
import { backendName } from "./outboxSupport.js"
import * as Tenants from "./Tenants.js"

/**
 * The services the reminder suites run.
 *
 * @since 0.6.0
 * @category models
 */
export type Services =
  | Demands.Demands
  | Grids.Grids
  | Organisations.Organisations
  | CoConstructions.CoConstructions
  | Development.Development
  | Store.Store

/**
 * The back end the suites' reminders are queued for: a name no other test uses.
 *
 * @since 0.6.0
 * @category constants
 */
export const backend = backendName("reminders")

/**
 * Every domain service over a store, with the default configurations and notification
 * settings: unless given (`notifying`: settings, a directory, or none), settings
 * queueing for {@link backend}, in Chinese.
 *
 * @since 0.6.0
 * @category layers
 */
export const servicesOver = <E, E2 = never>(
  store: Layer.Layer<Store.Store, E>,
  notifying: Layer.Layer<never, E2> = Layer.succeed(Notify.Settings, { backends: [backend], lang: "zh" })
): Layer.Layer<Services, E | E2> =>
  Layer.mergeAll(Demands.layer, Grids.layer, Organisations.layer, CoConstructions.layer, Development.layer).pipe(
    Layer.provideMerge(Layer.mergeAll(
      store,
      GridConfig.layer(),
      DemandConfig.layer(),
      OrganisationConfig.layer(),
      CoConstructionConfig.layer(),
      DevelopmentConfig.layer(),
      notifying
    ))
  )

/**
 * The suites' today: 2025-03-31.
 *
 * @since 0.6.0
 * @category constants
 */
export const todayMs = Date.parse("2025-03-31T00:00:00Z")

/**
 * The day of {@link writeDistrict}'s facts: 2025-03-25.
 *
 * @since 0.6.0
 * @category constants
 */
export const day = IsoDate.unsafeMake("2025-03-25")

/**
 * A tenant no other call (and no other suite) uses: `Tenants.nth` from 209,000 to
 * 210,000.
 *
 * @since 0.6.0
 * @category utils
 */
export const freshTenant = Tenants.counted("reminder suites", 209_000, 1_000)

/**
 * The grid of the district's compound, which has no responsible worker.
 *
 * @since 0.6.0
 * @category constants
 */
export const compound = (tenant: string): string => `${tenant}001001001001`

/**
 * Writes a district with a fact of every kind of reminder on {@link day}: the
 * organisations and members of the development scaffold (branches b1 with a committee,
 * b2, b3, all with no meeting but b1's theme day of February 2025); a compound with no
 * responsible worker; an agreement a1 of c1 ending on 2025-04-01; a demand d1 taken in
 * in the compound on 2025-03-01, a day's deadline, no worker to route it to; and a
 * party track t1 in b1 whose probation ends on 2025-04-19, written up to the day.
 *
 * @since 0.6.0
 * @category running
 */
export const writeDistrict = (tenant: string): Effect.Effect<void, never, Services> =>
  Effect.gen(function*() {
    yield* DevelopmentIntents.writeScaffold(tenant)
    const admin = Actor.system(tenant)
    yield* (yield* Grids.Grids).executeAllUnknown(admin, [
      { _tag: "CreateGrid", code: `${tenant}001001001`, name: "明珠片区", parentCode: `${tenant}001001`, validFrom: "2024-01-01" },
      { _tag: "CreateGrid", code: compound(tenant), name: "明珠小区", parentCode: `${tenant}001001001`, validFrom: "2024-01-01" }
    ])
    yield* (yield* Organisations.Organisations).executeUnknown(admin, {
      _tag: "RecordMeeting", id: "td-2025-02", organisationId: "b1", kind: "theme_day", date: "2025-02-10", topic: "主题党日", attendees: ["m1"]
    })
    const unit = CoConstructionIntents.unit(tenant, 1)
    yield* (yield* CoConstructions.CoConstructions).executeAllUnknown(admin, [
      { _tag: "EnrolUnit", creditCode: unit, name: "河西供电所", streetCode: `${tenant}001`, at: "2024-01-01" },
      { _tag: "SignAgreement", id: "a1", organisationId: "c1", unitCreditCode: unit, unitOrganisation: "供电所党支部", from: "2024-04-01", to: "2025-04-01" }
    ])
    yield* (yield* Demands.Demands).executeUnknown(admin, {
      _tag: "IntakeDemand", id: "d1", gridCode: compound(tenant), category: "safety", source: "hotline", description: "楼道灯不亮", requestedAt: "2025-03-01T09:00"
    })
    yield* (yield* Development.Development).executeAll(admin, PartyPath.commands(
      { trackId: "t1", person: "p1", name: "张三", birthDate: "1995-05-01", organisationId: "b1" },
      IsoDate.unsafeMake("2023-01-10"),
      { contacts: ["f1"], introducers: ["f2", "f3"], vote: { present: 5, yes: 4, no: 1, abstain: 0 } },
      { until: PartyLadder.steps.conversionMeeting, asOf: day }
    ))
  }).pipe(Effect.orDie)

/**
 * The ids of the reminders of {@link writeDistrict}'s tenant on a day in late March
 * 2025 (the probation and agreement notices hold from 2025-03-20 to 2025-03-31).
 *
 * @since 0.6.0
 * @category constants
 */
export const expectedIds = (tenant: string, on: IsoDate.IsoDate): ReadonlyArray<string> => {
  const missing = (organisation: string, kinds: ReadonlyArray<string>) =>
    kinds.map((k) => `organisation.meeting-missing:${organisation}:${k}`)
  return [
    "demand.overdue:d1:2025-03-02T09:00",
    "agreement.expiring:a1:2025-04-01",
    "probation.ending:t1:2025-04-19",
    ...["b1", "b2", "b3"].flatMap((o) => [
      ...missing(o, [...(o === "b1" ? ["committee_meeting"] : []), "group_meeting", ...(o === "b1" ? [] : ["theme_day"])]).map((id) => `${id}:2025-02`),
      ...missing(o, ["general_meeting", "party_lesson"]).map((id) => `${id}:2024-Q4`),
      ...missing(o, ["life_meeting"]).map((id) => `${id}:2024`)
    ]),
    `grid.responsibility-alert:no-responsible:${compound(tenant)}::${on}`
  ]
}
