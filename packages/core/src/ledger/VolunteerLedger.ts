/**
 * The live volunteer ledger. A write goes: decode (ValidationError naming the field and
 * row) → authorize the role and the grids the command names (Forbidden) → in one
 * transaction: read what the batch needs in a few queries → decide each command in
 * order against that state and what the commands before it did (a keyed write already
 * made returns its first result; other content under its key is an
 * `IdempotencyConflict`; a rule's refusal is a RuleViolation naming the row) → write
 * everything, the entries with their chain links, and the audit entries. A refused
 * batch writes nothing.
 *
 * The ledger is its own journal of service recorded — each entry names its recorder and
 * day and is chained — so appends are audited once per call (how many, which seqs);
 * every other write has an audit entry of its own.
 *
 * @since 0.4.0
 */
import { Effect, Either, Fiber, Layer, Schema } from "effect"
import { AccessPolicy } from "../access/AccessPolicy.js"
import * as Actor from "../access/Actor.js"
import type { Tenant } from "../access/Tenant.js"
import { piiRead } from "../access/Permission.js"
import type { NewAuditEntry } from "../audit/AuditEntry.js"
import { AuditLog } from "../audit/AuditLog.js"
import { CoConstructionStore } from "../coconstruction/CoConstructionStore.js"
import * as Decode from "../errors/Decode.js"
import { NotFound } from "../errors/NotFound.js"
import type { StoreError } from "../errors/StoreError.js"
import { ValidationError } from "../errors/ValidationError.js"
import { GridCode } from "../grid/Grid.js"
import { GridConfig } from "../grid/GridConfig.js"
import * as LevelScheme from "../grid/LevelScheme.js"
import { GridStore } from "../grid/GridStore.js"
import { IdempotencyStore } from "../idempotency/IdempotencyStore.js"
import * as CitizenId from "../identifiers/CitizenId.js"
import * as Phone from "../identifiers/Phone.js"
import { ImportLog } from "../imports/ImportLog.js"
import * as Batch from "../internal/batch.js"
import { breathe } from "../internal/breathe.js"
import * as Commands from "../internal/commands.js"
import * as LedgerContext from "../internal/ledger/context.js"
import * as Decide from "../internal/ledger/decide.js"
import { auditDetail, targetOf } from "../internal/ledger/commands.js"
import { validated } from "../internal/validated.js"
import { Transactor } from "../store/Transactor.js"
import * as Text from "../text/Text.js"
import * as IsoDate from "../time/IsoDate.js"
import * as LocalMinute from "../time/LocalMinute.js"
import * as Certificate from "./Certificate.js"
import * as HashChain from "./HashChain.js"
import type { LedgerChanges } from "./LedgerChanges.js"
import { LedgerCommand } from "./LedgerCommand.js"
import { LedgerConfig } from "./LedgerConfig.js"
import type { LedgerEntry } from "./LedgerEntry.js"
import * as LedgerPermission from "./LedgerPermission.js"
import { LedgerStore } from "./LedgerStore.js"
import { consentedOn, type LedgerVolunteer, VolunteerId } from "./LedgerVolunteer.js"
import * as Points from "./Points.js"
import * as Rollup from "./Rollup.js"
import { VolunteerLedger, type LedgerWriteError, type Summary, type VolunteerLedgerShape } from "./VolunteerLedgerService.js"
import { WorkingCalendar } from "./WorkingCalendar.js"

/** The longest a batch decides without a turn of the event loop, in milliseconds. */
const breathEveryMs = 50

/** Entries a batch appends at a time while it decides the rest (see `applyAll`). */
const appendChunk = 8_192

/** Entries a verification reads at a time. */
const verifyPage = 10_000

const Period = Schema.Struct({
  from: IsoDate.IsoDate,
  to: IsoDate.IsoDate,
  root: Schema.optional(GridCode),
  asOfSeq: Schema.optional(Schema.Int.pipe(Schema.nonNegative()))
}).pipe(
  Schema.filter((p) => p.from <= p.to || { path: ["to"], message: "ledger.period: the period ends before it starts" })
)
const TotalsArguments = Schema.extend(
  Period,
  Schema.Struct({
    by: Schema.Array(Rollup.Dimension).pipe(Schema.maxItems(9)),
    level: Schema.optional(Schema.Int.pipe(Schema.nonNegative())),
    rounding: Schema.optional(Rollup.Rounding)
  })
)
const RollupArguments = Schema.extend(Period, Schema.Struct({ rounding: Schema.optional(Rollup.Rounding) }))
const SummaryArguments = Schema.extend(
  Period,
  Schema.Struct({ programme: Schema.optional(Text.Id), rounding: Schema.optional(Rollup.Rounding) })
)
const EntriesArguments = Schema.extend(Period, Schema.Struct({ volunteerId: VolunteerId }))
/** The most ids one `volunteers` read takes. */
const maxVolunteerIds = 1_000_000

/**
 * Volunteer ids, each decoded on its own: a 台账's volunteers may be more than the
 * 10,000 items `Decode` takes in one list.
 */
const decodeIds = (input: unknown): Effect.Effect<Array<VolunteerId>, ValidationError> =>
  Effect.suspend(() => {
    if (!Array.isArray(input)) {
      return Effect.fail(new ValidationError({ field: "ids", rule: "schema.type", message: "ids: expected an array of volunteer ids" }))
    }
    if (input.length > maxVolunteerIds) {
      return Effect.fail(
        new ValidationError({ field: "ids", rule: "schema.too-large", message: `ids: a list of more than ${maxVolunteerIds} items` })
      )
    }
    const ids: Array<VolunteerId> = []
    for (let i = 0; i < input.length; i++) {
      const id = Decode.decodeEither(VolunteerId, input[i], { field: `ids.${i}` })
      if (Either.isLeft(id)) return Effect.fail(id.left)
      ids.push(id.right)
    }
    return Effect.succeed(ids)
  })

/** A name as a certificate shows it without consent: the family name, the rest starred. */
const maskName = (name: string): string => {
  const chars = Array.from(name)
  return chars.length <= 1 ? "*" : chars[0] + "*".repeat(chars.length - 1)
}

/** A volunteer as a reader without `pii:read` sees them: name, phone and ID number masked. */
const masked = (v: LedgerVolunteer): LedgerVolunteer => ({
  ...v,
  name: maskName(v.name) as typeof v.name,
  phone: v.phone === null ? null : (Phone.maskStored(v.phone) as typeof v.phone),
  citizenId: v.citizenId === null ? null : (CitizenId.maskStored(v.citizenId) as typeof v.citizenId)
})

/**
 * @since 0.4.0
 * @category constructors
 */
export const make: Effect.Effect<
  VolunteerLedgerShape,
  never,
  | Transactor
  | AuditLog
  | LedgerStore
  | GridStore
  | CoConstructionStore
  | ImportLog
  | IdempotencyStore
  | GridConfig
  | LedgerConfig
> = Effect.gen(function*() {
  const store = yield* LedgerStore
  const grids = yield* GridStore
  const coStore = yield* CoConstructionStore
  const audit = yield* AuditLog
  const transactor = yield* Transactor
  const config = yield* LedgerConfig
  const importLog = yield* ImportLog
  const idempotency = yield* IdempotencyStore
  const gridConfig = yield* GridConfig
  const policy = yield* AccessPolicy
  const calendar = yield* WorkingCalendar

  /** A batch, inside its transaction: read, decide in order, write. */
  const applyAll = (
    actor: Actor.Actor,
    commands: ReadonlyArray<LedgerCommand>,
    offset: number,
    numbered = true
  ): Effect.Effect<ReadonlyArray<LedgerChanges>, LedgerWriteError> =>
    Effect.gen(function*() {
      const now = yield* LocalMinute.now
      const ctx = yield* LedgerContext.load(store, grids, coStore, actor.tenant, commands)
      const writes = Decide.emptyWrites()
      const decide = Decide.make({ actor, policy: config, calendar, now, today: LocalMinute.dayOf(now) }, ctx, writes)
      const results: Array<LedgerChanges> = new Array(commands.length)
      const entries: Array<NewAuditEntry> = []
      // The entries are appended while the rest of the batch is decided, whole chunks at
      // a time, each append after the one before it (the store checks each against its
      // head) in a fiber of the batch's transaction: the database writes a chunk while
      // the next is decided (PostgreSQL on a core of its own; SQLite, in this thread,
      // writes it at once). A refusal later in the batch fails the transaction, which
      // takes every chunk back.
      let appended = 0
      let appending: Fiber.RuntimeFiber<void, StoreError> | undefined
      const appendUpTo = (end: number) => {
        const chunk = writes.entries.slice(appended, end)
        const previous = appending
        appended = end
        const append = store.entries.append(actor.tenant, chunk)
        return Effect.map(
          Effect.fork(previous === undefined ? append : Effect.zipRight(Fiber.join(previous), append)),
          (fiber) => void (appending = fiber)
        )
      }
      let breathed = performance.now()
      for (let i = 0; i < commands.length; i++) {
        // A turn of the event loop every 50 ms or so, however much each command costs.
        if ((i & 63) === 63 && performance.now() - breathed > breathEveryMs) {
          const ready = writes.entries.length - appended
          if (ready >= appendChunk) yield* appendUpTo(appended + ready - (ready % appendChunk))
          yield* breathe
          breathed = performance.now()
        }
        const command = commands[i]!
        const decided = decide(command)
        if (Either.isLeft(decided)) {
          // The chunk being written settles before the transaction rolls it back.
          if (appending !== undefined) yield* Fiber.await(appending)
          return yield* Effect.fail(numbered ? Batch.withRow(decided.left, offset + i + 1) : decided.left)
        }
        results[i] = decided.right
        if (!decided.right.replayed && command._tag !== "RecordService") entries.push(writer.auditEntry(actor, command))
      }
      const recorded = writes.entries.filter((e) => e.part === 0 && e.kind === "service" && e.replaces === null)
      if (recorded.length > 0) {
        entries.push({
          tenant: actor.tenant,
          actor: actor.id,
          action: "RecordService",
          target: "ledger",
          detail: JSON.stringify({ entries: recorded.length, first: recorded[0]!.seq, last: recorded[recorded.length - 1]!.seq })
        })
      }
      if (writes.volunteers.length > 0) yield* store.registry.addVolunteers(writes.volunteers)
      if (writes.consents.length > 0) yield* store.registry.putConsents(writes.consents)
      if (writes.activities.length > 0) yield* store.registry.addActivities(writes.activities)
      if (writes.entries.length > appended) yield* appendUpTo(writes.entries.length)
      if (appending !== undefined) yield* Fiber.join(appending)
      if (writes.movements.length > 0) yield* store.points.addMovements(writes.movements)
      if (writes.certificates.length > 0) yield* store.certificates.addCertificates(writes.certificates)
      if (entries.length > 0) yield* audit.appendAll(entries)
      return results
    })

  /** One command, as a batch of one whose refusal names no row. */
  const applyOne = (actor: Actor.Actor, command: LedgerCommand) =>
    Effect.map(applyAll(actor, [command], 0, false), (results) => results[0]!)

  // The shared write side gives admission, batches and imports; one command goes through
  // `applyOne` too, which audits as a batch does (the shared `executeUnknown` would add a
  // second audit entry), and `write` has nothing left to do.
  const writer = Commands.make({ policy, transactor, importLog, idempotency, audit }, {
    name: "VolunteerLedger",
    schema: LedgerCommand,
    targetOf,
    auditDetail,
    decide: applyOne,
    write: () => Effect.void,
    applyAll
  })

  const executeUnknown = (actor: Actor.Actor, input: unknown) =>
    Effect.flatMap(
      Effect.suspend(() => writer.admitEither(actor, input)),
      (command) => transactor.transaction(actor.tenant, applyOne(actor, command))
    ).pipe(Effect.withSpan("VolunteerLedger.execute"))

  const executeAllUnknown = writer.executeAllUnknown

  /** The read's arguments decoded, its permission and subtree checked. */
  const readScope = <A extends { readonly root?: string | undefined }>(
    actor: Actor.Actor,
    schema: Schema.Schema<A, any>,
    input: unknown,
    permission = LedgerPermission.read
  ) =>
    Effect.gen(function*() {
      const options = yield* Decode.decode(schema, input, { field: "options" })
      const root: string = options.root ?? actor.scope
      yield* Actor.authorize(actor, permission, "read", [root], policy)
      return { options, root, under: (code: string | null) => code !== null && code.startsWith(root) }
    })

  /**
   * Sums by the dimensions asked for, of the entries in the subtree of `root`; grid codes
   * cut to `gridCodeLength` characters (a level's) when given. The store groups by grid
   * code first, for the subtree to be picked out of its rows: by the codes as asked
   * when `gridCode` is a dimension, else cut to the root's length (one group a value of
   * the other dimensions for the subtree, however many grids it has).
   */
  /**
   * The entry a report stands at: the one asked for, or the head as the read begins —
   * so that its figures come from one state of the ledger, and can be had again later.
   */
  const asOf = (actor: Actor.Actor, asked: number | undefined) =>
    asked !== undefined ? Effect.succeed(asked) : Effect.map(store.entries.head(actor.tenant), (head) => head?.seq ?? 0)

  const totalsIn = (
    actor: Actor.Actor,
    from: IsoDate.IsoDate,
    to: IsoDate.IsoDate,
    by: ReadonlyArray<Rollup.Dimension>,
    root: string,
    asOfSeq: number,
    gridCodeLength?: number
  ) => {
    const under = (code: string | null) => code !== null && code.startsWith(root)
    const length = by.includes("gridCode") ? gridCodeLength : root.length
    return Effect.map(
      store.entries.totals(actor.tenant, {
        from,
        to,
        by: ["gridCode", ...by.filter((d) => d !== "gridCode")],
        gridCodeLength: length,
        asOfSeq
      }),
      (rows) => {
        const wanted = by.map((d) => (d === "gridCode" ? 0 : 1 + by.filter((x) => x !== "gridCode").indexOf(d)))
        const groups = new Map<string, { keys: Array<string | null>; rows: Array<Rollup.TotalsRow> }>()
        for (const row of rows) {
          if (!under(row.keys[0] ?? null)) continue
          const keys = wanted.map((i) => row.keys[i] ?? null)
          const id = JSON.stringify(keys)
          const group = groups.get(id)
          if (group === undefined) groups.set(id, { keys, rows: [row] })
          else group.rows.push(row)
        }
        return Array.from(groups.values())
          .map(({ keys, rows }) => ({ keys, ...Rollup.sum(rows) }))
          .sort((a, b) => compareKeys(a.keys, b.keys))
      }
    )
  }

  /** The code length of a level of the scheme, refused when it is not one or lies above the root. */
  const levelLength = (level: number | undefined, root: string) => {
    if (level === undefined) return Effect.succeed(undefined)
    const scheme = gridConfig.scheme
    if (level > LevelScheme.lowest(scheme)) {
      return Effect.fail(
        new ValidationError({
          field: "options.level",
          rule: "ledger.level",
          message: `ledger.level: the level scheme's levels are 0 to ${LevelScheme.lowest(scheme)}, not ${level}`
        })
      )
    }
    const length = LevelScheme.codeLength(scheme, level)
    return length < root.length
      ? Effect.fail(
        new ValidationError({
          field: "options.level",
          rule: "ledger.level",
          message: `ledger.level: level ${level} lies above the root ${root}: group by its level or one below it`
        })
      )
      : Effect.succeed(length)
  }

  /** The volunteer named, in the actor's scope, or NotFound. */
  const volunteerIn = (actor: Actor.Actor, input: unknown) =>
    Effect.gen(function*() {
      const id = yield* Decode.decode(VolunteerId, input, { field: "volunteerId" })
      const [found] = yield* store.registry.volunteersOf(actor.tenant, [id])
      if (found === undefined || !Actor.covers(actor, found.gridCode)) {
        return yield* Effect.fail(new NotFound({ entity: "volunteer", key: id, field: "volunteerId", message: `volunteer ${id} not found` }))
      }
      return found
    })

  /**
   * Whether the chain holds from the first entry a certificate counted to the entry it
   * was issued at: each link recomputed, the last one's hash the certificate's.
   */
  const chainUpTo = (tenant: Tenant, c: Certificate.Certificate, counted: ReadonlyArray<LedgerEntry>) =>
    Effect.gen(function*() {
      if (c.asOfSeq === 0) return null
      const first = counted.length === 0 ? c.asOfSeq : Math.min(...counted.map((e) => e.seq))
      const before = first === 1 ? HashChain.genesis(tenant) : (yield* store.entries.bySeqs(tenant, [first - 1]))[0]
      if (before === undefined) return `certificate.chain: entry ${first - 1} is missing`
      const check = HashChain.verifier(tenant, { seq: first - 1, hash: before.hash })
      for (let after = first - 1; after < c.asOfSeq;) {
        const page = (yield* store.entries.page(tenant, after, verifyPage)).filter((e) => e.seq <= c.asOfSeq)
        if (page.length === 0 || check.feed(page) !== null) break
        after = page[page.length - 1]!.seq
        yield* breathe
      }
      // The certificate's entry and hash stand for the head the chain must reach.
      const { broken } = check.finish({ seq: c.asOfSeq, hash: c.chainHash })
      return broken === null
        ? null
        : broken.reason === "gap"
        ? `certificate.chain: entry ${broken.seq} is missing`
        : broken.reason === "head"
        ? `certificate.chain: entry ${c.asOfSeq}'s hash is not the one the certificate was issued at`
        : `certificate.chain: entry ${broken.seq} does not match its hash`
    })

  /** The audit entry of a read that showed personal data: what was read, never the data. */
  const readPii = (actor: Actor.Actor, action: string, target: string, detail = "{}") =>
    transactor.transaction(actor.tenant, audit.append({ tenant: actor.tenant, actor: actor.id, action, target, detail }))

  /**
   * A certificate by its code, checked against the ledger (why it no longer agrees, or
   * null), with its holder: whole when the volunteer consents to its disclosure today and
   * the reader is `permitted` (then the read is audited as `action`); otherwise the name
   * masked, and the ID number masked (`maskedId`) or left out — always left out without
   * consent. A code no certificate has, or one whose holder `admit` refuses, is `NotFound`.
   */
  const certificateOf = (
    actor: Actor.Actor,
    input: unknown,
    reader: { readonly admit: (holder: LedgerVolunteer) => boolean; readonly permitted: boolean; readonly maskedId: boolean; readonly action: string }
  ) =>
    Effect.gen(function*() {
      const code = Certificate.normaliseCode(yield* Decode.decode(Schema.String, input, { field: "code" }))
      const [c] = Certificate.isCode(code) ? yield* store.certificates.certificatesOf(actor.tenant, [code]) : []
      const [v] = c === undefined ? [] : yield* store.registry.volunteersOf(actor.tenant, [c.volunteerId])
      if (c === undefined || (v !== undefined && !reader.admit(v))) {
        // The code as given is not echoed: it may be anything a receiver typed or pasted.
        return yield* Effect.fail(new NotFound({ entity: "certificate", key: "", field: "code", message: "no certificate has this code" }))
      }
      const [consents, entries] = yield* Effect.all([
        store.registry.consentsOf(actor.tenant, [c.volunteerId]),
        Effect.map(
          store.entries.ofVolunteers(actor.tenant, [c.volunteerId], c.from, c.to),
          (rows) => rows.filter((e) => e.seq <= c.asOfSeq)
        )
      ])
      const reason = checkStatement(c, v, entries) ?? (yield* chainUpTo(actor.tenant, c, entries))
      // Personal data only with consent, then and now (第十六条), and the disclosure audited.
      const consented = c.disclose && consentedOn(consents, yield* IsoDate.today)
      const disclosed = v !== undefined && consented && reader.permitted
      if (disclosed) yield* readPii(actor, reader.action, `certificate:${c.code}`)
      const citizenId = v?.citizenId ?? null
      const { fingerprint: _f, holder: _h, issuedBy: _i, key: _k, volunteerId: _v, ...view } = c
      return {
        code,
        valid: reason === null,
        reason,
        certificate: view,
        volunteerName: v === undefined ? "" : disclosed ? v.name : maskName(v.name),
        citizenId: citizenId === null || !consented ? null : disclosed ? citizenId : reader.maskedId ? CitizenId.maskStored(citizenId) : null,
        disclosed
      }
    })

  const service: VolunteerLedgerShape = {
    execute: (actor, command) => executeUnknown(actor, command),
    executeAll: (actor, commands) => executeAllUnknown(actor, commands),
    importAll: writer.importAll,
    executeUnknown,
    executeAllUnknown,

    volunteer: (actor, id) =>
      Effect.gen(function*() {
        yield* Actor.authorize(actor, LedgerPermission.read, "read", [], policy)
        const v = yield* volunteerIn(actor, id)
        if (Actor.can(actor, piiRead, policy)) {
          if (v.phone !== null || v.citizenId !== null) yield* readPii(actor, "ReadVolunteerPii", `volunteer:${v.id}`)
          return v
        }
        return masked(v)
      }),

    volunteers: (actor, input) =>
      Effect.gen(function*() {
        yield* Actor.authorize(actor, LedgerPermission.read, "read", [], policy)
        const ids = yield* decodeIds(input)
        const found = (yield* store.registry.volunteersOf(actor.tenant, ids)).filter((v) => Actor.covers(actor, v.gridCode))
        if (!Actor.can(actor, piiRead, policy)) return found.map(masked)
        // Names are shown whole too: any volunteer shown is personal data read.
        if (found.length > 0) yield* readPii(actor, "ReadVolunteersPii", actor.scope, JSON.stringify({ rows: found.length }))
        return found
      }),

    entries: (actor, options) =>
      Effect.gen(function*() {
        const { options: o, under } = yield* readScope(actor, EntriesArguments, options)
        const rows = yield* store.entries.ofVolunteers(actor.tenant, [o.volunteerId], o.from, o.to)
        return rows.filter((e) => under(e.gridCode))
      }),

    totals: (actor, options) =>
      Effect.gen(function*() {
        const { options: o, root } = yield* readScope(actor, TotalsArguments, options)
        const rounding = o.rounding ?? Rollup.defaultRounding
        const asOfSeq = yield* asOf(actor, o.asOfSeq)
        const rows = yield* totalsIn(actor, o.from, o.to, o.by, root, asOfSeq, yield* levelLength(o.level, root))
        return { from: o.from, to: o.to, root, asOfSeq, rounding, data: rows.map((r) => ({ ...r, hours: Rollup.hours(r.minutes, rounding) })) }
      }),

    gridRollup: (actor, options) =>
      Effect.gen(function*() {
        const { options: o, root } = yield* readScope(actor, RollupArguments, options)
        const rounding = o.rounding ?? Rollup.defaultRounding
        const asOfSeq = yield* asOf(actor, o.asOfSeq)
        const [rows, tree] = yield* Effect.all([
          totalsIn(actor, o.from, o.to, ["gridCode"], root, asOfSeq),
          grids.grids.subtree(actor.tenant, root, o.to)
        ])
        return { from: o.from, to: o.to, root, asOfSeq, rounding, data: Rollup.gridTree(root, tree, rows, rounding) }
      }),

    summary: (actor, options) =>
      Effect.gen(function*() {
        const { options: o, root } = yield* readScope(actor, SummaryArguments, options)
        const rounding = o.rounding ?? Rollup.defaultRounding
        if (o.programme !== undefined && !config.programmes.some((p) => p.key === o.programme)) {
          return yield* Effect.fail(
            new ValidationError({
              field: "options.programme",
              rule: "ledger.programme",
              message: `ledger.programme: ${o.programme} is not a programme of the ledger's policy`
            })
          )
        }
        const extra: ReadonlyArray<Rollup.Dimension> = o.programme === undefined ? [] : ["programme"]
        const asOfSeq = yield* asOf(actor, o.asOfSeq)
        const of = (d: Rollup.Dimension) =>
          Effect.map(
            totalsIn(actor, o.from, o.to, [d, ...extra], root, asOfSeq),
            (rows) => (o.programme === undefined ? rows : rows.filter((r) => r.keys[1] === o.programme))
          )
        const [activities, points, volunteers] = yield* Effect.all([of("activityId"), of("servicePoint"), of("volunteerId")])
        const totals = Rollup.sum(activities)
        const standing = (rows: ReadonlyArray<Rollup.TotalsRow>) => rows.filter((r) => r.entries > 0).length
        const data: Summary = {
          activities: standing(activities),
          servicePoints: standing(points),
          volunteers: standing(volunteers),
          ...totals,
          hours: Rollup.hours(totals.minutes, rounding)
        }
        return { from: o.from, to: o.to, root, asOfSeq, rounding, data }
      }),

    balance: (actor, volunteerId, asOf) =>
      Effect.gen(function*() {
        yield* Actor.authorize(actor, LedgerPermission.read, "read", [], policy)
        const v = yield* volunteerIn(actor, volunteerId)
        const day = asOf === undefined ? yield* IsoDate.today : yield* Decode.decode(IsoDate.IsoDate, asOf, { field: "asOf" })
        const [entries, movements] = yield* Effect.all([
          store.entries.ofVolunteers(actor.tenant, [v.id], null, null),
          store.points.movementsOf(actor.tenant, [v.id])
        ])
        const state = Points.state(entries, movements, day, config.pointsValidForDays)
        return { volunteerId: v.id, asOf: day, ...state }
      }),

    checkCertificate: (actor, input) =>
      Effect.gen(function*() {
        yield* Actor.authorize(actor, LedgerPermission.verify, "read", [], policy)
        const reader = { admit: () => true, permitted: true, maskedId: false, action: "CheckCertificatePii" }
        const { disclosed: _, ...check } = yield* certificateOf(actor, input, reader)
        return check
      }),

    certificate: (actor, input) =>
      Effect.gen(function*() {
        yield* Actor.authorize(actor, LedgerPermission.read, "read", [], policy)
        // The unit keeping the record, for a volunteer in its scope: whole only with pii:read.
        return yield* certificateOf(actor, input, {
          admit: (v) => Actor.covers(actor, v.gridCode),
          permitted: Actor.can(actor, piiRead, policy),
          maskedId: true,
          action: "ReadCertificatePii"
        })
      }),

    verify: (actor) =>
      Effect.gen(function*() {
        yield* Actor.authorize(actor, LedgerPermission.verify, "read", [], policy)
        const check = HashChain.verifier(actor.tenant)
        // Entries and the head commit together, so the entries up to a head read are all
        // there: verify up to it, and past it only as far as a head read later reaches
        // (writers may go on meanwhile). An entry past the last head read is one no
        // append wrote.
        let head = yield* store.entries.head(actor.tenant)
        let after = 0
        for (;;) {
          const limit = head?.seq ?? 0
          const page = yield* store.entries.page(actor.tenant, after, verifyPage)
          const covered = page.filter((e) => e.seq <= limit)
          if (covered.length > 0) {
            if (check.feed(covered) !== null) break
            after = covered[covered.length - 1]!.seq
          }
          if (page.length === 0) break
          if (covered.length < page.length) {
            const later = yield* store.entries.head(actor.tenant)
            if ((later?.seq ?? 0) > limit) {
              head = later
              continue
            }
            check.feed(page.slice(covered.length))
            break
          }
          yield* breathe
        }
        return check.finish(head)
      })
  }
  return validated(service, policy, gridConfig.scheme)
})

/** Keys in order, nulls first. */
const compareKeys = (a: ReadonlyArray<string | null>, b: ReadonlyArray<string | null>): number => {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? null
    const y = b[i] ?? null
    if (x === y) continue
    if (x === null) return -1
    if (y === null) return 1
    return x < y ? -1 : 1
  }
  return 0
}

/** Why a certificate no longer agrees with its own code, its holder or the entries it counted, or null. */
const checkStatement = (
  c: Certificate.Certificate,
  volunteer: { readonly name: string; readonly citizenId: string | null } | undefined,
  entries: ReadonlyArray<LedgerEntry>
): string | null => {
  const { code: _c, fingerprint: _f, ...body } = c
  if (Certificate.codeOf(body) !== c.code) return "certificate.altered: the stored certificate does not match its code"
  if (volunteer === undefined || Certificate.holderOf(volunteer) !== c.holder) {
    return "certificate.holder: the volunteer registered now is not the one the certificate was issued to"
  }
  const now = Certificate.statement(entries, c.from, c.to, c.asOfSeq)
  if (
    now.minutes !== c.minutes || now.entries !== c.entries || now.activities !== c.activities ||
    JSON.stringify(now.categories) !== JSON.stringify(c.categories) || JSON.stringify(now.recordedBy) !== JSON.stringify(c.recordedBy)
  ) {
    return "certificate.figures: the ledger no longer gives the figures the certificate states"
  }
  return null
}

/**
 * @since 0.4.0
 * @category layers
 */
export const layer = Layer.effect(VolunteerLedger, make)
