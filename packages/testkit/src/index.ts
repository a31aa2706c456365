/**
 * @jiceng/testkit — test support for jiceng: a seeded district generator and random
 * grid operation sequences. This entry needs no test runner, so a program (a demo, a
 * seeding script) can import it; the store conformance suites, which run under
 * `@effect/vitest`, are in `@jiceng/testkit/vitest`.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as District from "./district/District.js"
/** @since 0.2.0 */
export * as Households from "./district/Households.js"
/** @since 0.2.0 */
export * as Party from "./district/Party.js"
/** @since 0.3.0 */
export * as CoConstruction from "./district/CoConstruction.js"
/** @since 0.4.0 */
export * as Ledger from "./district/Ledger.js"
/** @since 0.4.0 */
export * as DayClock from "./district/DayClock.js"
/** @since 0.5.0 */
export * as DevelopmentData from "./district/Development.js"
/** @since 0.5.0 */
export * as EmergencyData from "./district/Emergency.js"
export * as DemandData from "./district/Demands.js"
export * as OutreachData from "./district/Outreach.js"
/**
 * A whole district written through every service a report reads, and those services
 * over a store.
 *
 * @since 0.7.0
 */
export * as WholeDistrict from "./district/Whole.js"
/** @since 0.1.0 */
export * as GridIntents from "./arbitraries/GridIntents.js"
/** @since 0.2.0 */
export * as OrganisationIntents from "./arbitraries/OrganisationIntents.js"
/** @since 0.3.0 */
export * as CoConstructionIntents from "./arbitraries/CoConstructionIntents.js"
/** @since 0.4.0 */
export * as LedgerIntents from "./arbitraries/LedgerIntents.js"
/** @since 0.4.0 */
export * as LedgerIngest from "./arbitraries/LedgerIngest.js"
/** @since 0.5.0 */
export * as DevelopmentIntents from "./arbitraries/DevelopmentIntents.js"
/** @since 0.5.0 */
export * as EmergencyIntents from "./arbitraries/EmergencyIntents.js"
export * as DemandIntents from "./arbitraries/DemandIntents.js"
/** @since 0.5.0 */
export * as Outcomes from "./arbitraries/Outcomes.js"
export * as OutreachIntents from "./arbitraries/OutreachIntents.js"

/**
 * Report models for the report back ends' tests: random, awkward ones and a fixed sample.
 *
 * @since 0.7.0
 * @category arbitraries
 */
export * as Reports from "./arbitraries/Reports.js"
/**
 * Random personal data (phones, ID numbers, addresses, residents' names) written in a
 * small district, and the rosters, 台账 and certificates that hold it, built for an actor.
 *
 * @since 0.7.0
 * @category arbitraries
 */
export * as PersonalData from "./arbitraries/PersonalData.js"
/** @since 0.5.0 */
export * as PartyPath from "./arbitraries/PartyPath.js"
/** @since 0.2.0 */
export * as StorePorts from "./conformance/StorePorts.js"
/** @since 0.2.0 */
export * as Tenants from "./conformance/Tenants.js"
/**
 * A recording notification back end for tests: what it was given, failures on demand.
 *
 * @since 0.6.0
 */
export * as RecordingBackend from "./notify/RecordingBackend.js"
/**
 * A real HTTP receiver on 127.0.0.1 for the webhook and robot back ends: records each
 * request, answers as told (a status, or a hang).
 *
 * @since 0.6.0
 */
export * as HttpReceiver from "./notify/HttpReceiver.js"
/**
 * The outbox suites' tenants, back-end names and notifications.
 *
 * @since 0.6.0
 */
export * as OutboxSupport from "./conformance/outboxSupport.js"
/**
 * A dispatcher in a child process, for the crash tests.
 *
 * @since 0.6.0
 */
export * as DispatchChild from "./notify/DispatchChild.js"
/**
 * The reminder suites' services, tenants and a district with a fact of every kind of
 * reminder.
 *
 * @since 0.6.0
 */
export * as ReminderSupport from "./conformance/reminderSupport.js"
