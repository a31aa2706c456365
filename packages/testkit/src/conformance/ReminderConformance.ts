/**
 * The reminders sweep over a store (`Reminders.sweep` through every domain service):
 *
 * - a district with a fact of every kind is reminded of each once, the outbox holding
 *   one entry a reminder; the same day's sweep again raises nothing new, the next day's
 *   only that day's grid alert (rule `notify.reminder-once`);
 * - random sweeps over some weeks, in any order and repeated, leave the outbox holding
 *   the same reminders as the memory store after the same sweeps.
 *
 * Its tenants are its own (`Tenants.nth` from 209,000 to 210,000).
 *
 * @since 0.6.0
 */
import { describe, expect, it } from "@effect/vitest"
import { Actor, IsoDate, MemoryStore, OutboxStore, Reminders, type Store, Tenant } from "@jiceng/core"
import { Effect, FastCheck as fc, type Layer } from "effect"
import { day, expectedIds, freshTenant, servicesOver, todayMs, writeDistrict } from "./reminderSupport.js"
import { sharedOver } from "./sharedStore.js"
import { propertyRuns, type SuiteOptions } from "./support.js"

/** The reminders the outbox holds for a tenant, by id, as plain data. */
const held = (tenant: string) =>
  Effect.map(Effect.flatMap(OutboxStore.OutboxStore, (o) => o.entries(Tenant.make(tenant), "pending")), (entries) =>
    entries
      .filter((e) => (Reminders.kinds as ReadonlyArray<string>).includes(e.notification.kind))
      .map((e) => ({ backend: e.backend, notification: e.notification }))
      .sort((a, b) => (a.notification.id < b.notification.id ? -1 : a.notification.id > b.notification.id ? 1 : 0)))

/** A store built once, on a suite's first use, with every domain's service over it, on the suite's today. */
const sharedStore = <E>(store: Layer.Layer<Store.Store, E>) => sharedOver(store, (s) => servicesOver(s), todayMs)

const sweepAt = (tenant: string, asOf: string) => Reminders.sweep(Actor.system(tenant), { asOf })

/**
 * Registers the reminder suite of a Store layer.
 *
 * @since 0.6.0
 * @category suites
 */
export const reminderConformance = <E>(name: string, store: Layer.Layer<Store.Store, E>, options: SuiteOptions = {}): void => {
  const { propOptions } = propertyRuns(options, 8)
  describe(`${name}: reminders`, () => {
    const provide = sharedStore(store)
    const reference = sharedStore(MemoryStore.layer)

    it.effect("notify.reminder-once: every kind is reminded once; the same day again raises nothing new, the next day only its grid alert", () =>
      provide(Effect.gen(function*() {
        const tenant = freshTenant()
        yield* writeDistrict(tenant)
        const first = yield* sweepAt(tenant, `${day}T08:00`)
        expect(first.raised).toBe(true)
        expect(first.notifications.map((n) => n.id).sort()).toEqual([...expectedIds(tenant, day)].sort())
        // Probation is ending on the day; its conversion is not due yet.
        expect(Reminders.kinds.filter((k) => first.counts[k] === 0)).toEqual(["conversion.due"])
        const queued = yield* held(tenant)
        expect(queued.map((e) => e.notification.id)).toEqual([...expectedIds(tenant, day)].sort())
        expect(queued.map((e) => e.notification)).toEqual([...first.notifications].sort((a, b) => (a.id < b.id ? -1 : 1)).map((n) => ({
          ...n,
          recipients: n.to.map((p) => ({ backend: null, address: `${p.kind}:${p.id}`, name: p.name }))
        })))
        yield* sweepAt(tenant, `${day}T20:30`)
        expect(yield* held(tenant)).toEqual(queued)
        const next = IsoDate.addDays(day, 1)
        yield* sweepAt(tenant, `${next}T08:00`)
        const after = (yield* held(tenant)).map((e) => e.notification.id)
        expect(after).toEqual([...new Set([...expectedIds(tenant, day), ...expectedIds(tenant, next)])].sort())
      })))

    it.effect.prop(
      "random sweeps over some weeks, in any order and repeated: the outbox holds what the memory store's does",
      [fc.array(fc.integer({ min: -10 * 24 * 60, max: 40 * 24 * 60 }), { minLength: 1, maxLength: 6 })],
      ([offsets]) =>
        Effect.gen(function*() {
          const tenant = freshTenant()
          const start = Date.parse(`${day}T00:00:00Z`)
          const asOfs = [...offsets, ...offsets.slice(0, 2)].map((m) => new Date(start + m * 60_000).toISOString().slice(0, 16))
          const run = Effect.gen(function*() {
            yield* writeDistrict(tenant)
            for (const asOf of asOfs) yield* sweepAt(tenant, asOf)
            return yield* held(tenant)
          })
          const got = yield* provide(run)
          expect(got.length).toBeGreaterThan(0)
          expect(got).toEqual(yield* reference(run))
        }),
      propOptions
    )
  })
}
