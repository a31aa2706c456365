/**
 * The write side every domain service shares: admit (decode, naming the field and row,
 * then authorize the role, and the grids a command names before anything is read),
 * one command in one transaction (decide, write, audit), a batch all or nothing in one
 * transaction, and an import in chunks; each command or batch optionally under an
 * idempotency key (`IdempotencyStore`, scoped by the domain's name). A domain supplies
 * its command schema, what a command needs and targets, its `decide` and `write`, and
 * its `applyAll` (the batch path, over its workspace).
 *
 * @internal
 */
import { Effect, Either, type Schema } from "effect"
import type { AccessPolicyShape } from "../access/AccessPolicy.js"
import * as Actor from "../access/Actor.js"
import type { NewAuditEntry } from "../audit/AuditEntry.js"
import * as Decode from "../errors/Decode.js"
import type { Forbidden } from "../errors/Forbidden.js"
import * as IdempotencyConflict from "../errors/IdempotencyConflict.js"
import { StoreError } from "../errors/StoreError.js"
import type { ValidationError } from "../errors/ValidationError.js"
import * as Idempotency from "../idempotency/Idempotency.js"
import type { IdempotencyStoreShape } from "../idempotency/IdempotencyStore.js"
import { ImportLog, type ImportLogShape } from "../imports/ImportLog.js"
import * as Imports from "../imports/Imports.js"
import { Transactor, type TransactorShape } from "../store/Transactor.js"
import * as Batch from "./batch.js"

/** @internal */
export interface Domain<C extends { readonly _tag: string }, Ch, E> {
  readonly schema: Schema.Schema<C, any>
  /** The permission a command needs, its target for the audit entry, and the grids it names (checked before anything is read). */
  readonly targetOf: (command: C) => { readonly permission: string; readonly target: string; readonly codes?: ReadonlyArray<string> }
  /** The command as the audit log keeps it. */
  readonly auditDetail: (command: C) => string
  /** Decide one command (inside its transaction): its facts, or its refusal. */
  readonly decide: (actor: Actor.Actor, command: C) => Effect.Effect<Ch, E>
  /** Write what a decision returned. */
  readonly write: (actor: Actor.Actor, changes: Ch) => Effect.Effect<void, StoreError>
  /** Decide, write and audit a batch (inside its transaction). */
  readonly applyAll: (actor: Actor.Actor, commands: ReadonlyArray<C>, offset: number) => Effect.Effect<ReadonlyArray<Ch>, E>
  /** The span names' prefix, e.g. `Organisations`, and the scope of the domain's idempotency keys. */
  readonly name: string
}

/** @internal */
export const make = <C extends { readonly _tag: string }, Ch, E>(
  deps: {
    readonly policy: AccessPolicyShape
    readonly transactor: TransactorShape
    readonly importLog: ImportLogShape
    readonly idempotency: IdempotencyStoreShape
    readonly audit: { readonly append: (entry: NewAuditEntry) => Effect.Effect<unknown, StoreError> }
  },
  domain: Domain<C, Ch, E>
) => {
  const { audit, idempotency, importLog, policy, transactor } = deps

  /** Decodes and authorizes: everything that can be refused before the transaction. */
  const admitEither = (actor: Actor.Actor, input: unknown, row?: number): Either.Either<C, ValidationError | Forbidden> =>
    Either.flatMap(Decode.decodeEither(domain.schema, input, { row }), (command) => {
      const { codes, permission } = domain.targetOf(command)
      return Either.mapBoth(Actor.authorize(actor, permission, command._tag, codes ?? [], policy), {
        onLeft: (e) => Batch.withRow(e, row),
        onRight: () => command
      })
    })

  /** A batch's commands, decoded and authorized in one pass; the first refusal names its row. */
  const admitAll = (actor: Actor.Actor, inputs: ReadonlyArray<unknown>, offset = 0) =>
    Effect.suspend(() => {
      const commands: Array<C> = new Array(inputs.length)
      for (let i = 0; i < inputs.length; i++) {
        const admitted = admitEither(actor, inputs[i], offset + i + 1)
        if (Either.isLeft(admitted)) return Effect.fail(admitted.left)
        commands[i] = admitted.right
      }
      return Effect.succeed(commands)
    })

  /** A command's audit entry. */
  const auditEntry = (actor: Actor.Actor, command: C): NewAuditEntry => ({
    tenant: actor.tenant,
    actor: actor.id,
    action: command._tag,
    target: domain.targetOf(command).target,
    detail: domain.auditDetail(command)
  })

  /** One admitted command (inside its transaction): decide, write, audit. */
  const applyOne = (actor: Actor.Actor, command: C): Effect.Effect<Ch, E | StoreError> =>
    Effect.tap(
      domain.decide(actor, command),
      (changes) => Effect.zipRight(domain.write(actor, changes), audit.append(auditEntry(actor, command)))
    )

  const executeUnknown = (actor: Actor.Actor, input: unknown): Effect.Effect<Ch, E | ValidationError | Forbidden | StoreError> =>
    Effect.flatMap(
      Effect.suspend(() => admitEither(actor, input)),
      (command) => transactor.transaction(actor.tenant, applyOne(actor, command))
    ).pipe(Effect.withSpan(`${domain.name}.execute`))

  /** A batch read and admitted: every command decoded and authorized, or the first refusal with its row. */
  const admitBatch = (actor: Actor.Actor, inputs: unknown) => Effect.flatMap(Batch.read(inputs), (batch) => admitAll(actor, batch))

  const executeAllUnknown = (
    actor: Actor.Actor,
    inputs: unknown
  ): Effect.Effect<ReadonlyArray<Ch>, E | ValidationError | Forbidden | StoreError> =>
    Effect.flatMap(admitBatch(actor, inputs), (commands) => transactor.transaction(actor.tenant, domain.applyAll(actor, commands, 0)))
      .pipe(Effect.withSpan(`${domain.name}.executeAll`))

  /**
   * Runs a write under an idempotency key, in one transaction with the key's record: a
   * key recorded with the same fingerprint returns the recorded result and runs nothing
   * (no write, no audit entry); with another, an `IdempotencyConflict`; a key never
   * recorded runs the write and records its result (as JSON) in the same transaction,
   * so the write and its record commit together or not at all. The tenant's writes are
   * serialised, so of two calls with one key the second finds the first's record.
   */
  const keyed = <A>(
    actor: Actor.Actor,
    key: Idempotency.IdempotencyKey,
    fingerprint: string,
    run: Effect.Effect<A, E | StoreError>
  ): Effect.Effect<A, E | StoreError | IdempotencyConflict.IdempotencyConflict> =>
    transactor.transaction(
      actor.tenant,
      Effect.flatMap(idempotency.find(actor.tenant, domain.name, [key]), ([first]): Effect.Effect<
        A,
        E | StoreError | IdempotencyConflict.IdempotencyConflict
      > => {
        switch (Idempotency.outcome(first?.fingerprint, fingerprint)) {
          case "replay":
            return Effect.try({
              try: () => JSON.parse(first!.result) as A,
              catch: (cause) =>
                new StoreError({ operation: "idempotency.find", message: "idempotency.find: a recorded result is not JSON", cause })
            })
          case "conflict":
            return Effect.fail(IdempotencyConflict.make(key))
          case "fresh":
            return Effect.tap(run, (result) =>
              idempotency.put([{ tenant: actor.tenant, scope: domain.name, key, fingerprint, result: JSON.stringify(result) }]))
        }
      })
    )

  /** The key decoded, naming the field `key`. */
  const decodeKey = (key: unknown) => Decode.decode(Idempotency.IdempotencyKey, key, { field: "key" })

  const executeKeyedUnknown = (
    actor: Actor.Actor,
    key: unknown,
    input: unknown
  ): Effect.Effect<Ch, E | ValidationError | Forbidden | StoreError | IdempotencyConflict.IdempotencyConflict> =>
    Effect.gen(function*() {
      const k = yield* decodeKey(key)
      const command = yield* Effect.suspend(() => admitEither(actor, input))
      // Wrapped, so that every field counts (`fingerprint` leaves a top-level `key` out);
      // with the actor, so that a key is its first writer's: another actor's write under
      // it is a conflict, never a look at the first result.
      return yield* keyed(actor, k, Idempotency.fingerprint({ actor: actor.id, command }), applyOne(actor, command))
    }).pipe(Effect.withSpan(`${domain.name}.executeKeyed`))

  const executeAllKeyedUnknown = (
    actor: Actor.Actor,
    key: unknown,
    inputs: unknown
  ): Effect.Effect<ReadonlyArray<Ch>, E | ValidationError | Forbidden | StoreError | IdempotencyConflict.IdempotencyConflict> =>
    Effect.gen(function*() {
      const k = yield* decodeKey(key)
      const commands = yield* admitBatch(actor, inputs)
      // The batch as one value: its commands in order (another order is other content).
      return yield* keyed(actor, k, Idempotency.fingerprint({ actor: actor.id, batch: commands }), domain.applyAll(actor, commands, 0))
    }).pipe(Effect.withSpan(`${domain.name}.executeAllKeyed`))

  const importAll = (actor: Actor.Actor, source: Imports.Source, options: Imports.ImportOptions) =>
    Imports.run<C, E | ValidationError | Forbidden, never>(actor.tenant, source, options, {
      admit: (inputs, offset) => admitAll(actor, inputs, offset),
      // The decoded command's own fields: its encoded form, whatever key order or
      // defaults left out the source gave it.
      canonical: (command) => JSON.stringify(command),
      apply: (commands, offset) => domain.applyAll(actor, commands, offset)
    }).pipe(Effect.provideService(ImportLog, importLog), Effect.provideService(Transactor, transactor))

  return {
    admitEither,
    admitAll,
    auditEntry,
    executeUnknown,
    executeAllUnknown,
    executeKeyedUnknown,
    executeAllKeyedUnknown,
    importAll,
    /** The service's write methods, as every domain's service exposes them. */
    methods: {
      execute: executeUnknown,
      executeAll: executeAllUnknown,
      importAll,
      executeUnknown,
      executeAllUnknown,
      executeKeyed: executeKeyedUnknown,
      executeAllKeyed: executeAllKeyedUnknown
    }
  }
}
