/**
 * Chunked, resumable imports: a long source of commands (a district's spreadsheets,
 * hundreds of thousands of rows) written in chunks, each its own all-or-nothing
 * transaction that also records the import's progress. Other writers get the tenant
 * between chunks; an import stopped at any point — a crash, a kill, a refused row — is
 * run again with the same id and source and resumes after its last committed chunk,
 * with no row lost or written twice.
 *
 * The resume point is a count of the source's items. The source must give the same
 * commands in the same order again: a digest of the committed commands (of their
 * decoded form, so key order or defaults left out do not matter) is checked on resume,
 * and a source that changed is refused (`import.source-changed`).
 *
 * @since 0.2.0
 */
import { Effect, Option, Schema } from "effect"
import type { Tenant } from "../access/Tenant.js"
import * as Decode from "../errors/Decode.js"
import { breathe } from "../internal/breathe.js"
import { RuleViolation } from "../errors/RuleViolation.js"
import type { StoreError } from "../errors/StoreError.js"
import { ValidationError } from "../errors/ValidationError.js"
import { Transactor } from "../store/Transactor.js"
import * as Text from "../text/Text.js"
import { ImportLog } from "./ImportLog.js"

/**
 * At most this many commands in one chunk (one transaction).
 *
 * @since 0.2.0
 * @category constants
 */
export const maxChunk = 100_000

/**
 * @since 0.2.0
 * @category constants
 */
export const defaultChunk = 10_000

/**
 * An import's options: its `id` (resume with the same one) and its chunk size.
 *
 * @since 0.2.0
 * @category models
 */
export const ImportOptions = Schema.Struct({
  id: Text.Id,
  chunkSize: Schema.optional(
    Schema.Number.pipe(
      Schema.filter((n) =>
        (Number.isInteger(n) && n >= 1 && n <= maxChunk) ||
        `import.chunk-size: a chunk holds a whole number of 1 to ${maxChunk} commands`
      )
    )
  )
})

/**
 * @since 0.2.0
 * @category models
 */
export type ImportOptions = typeof ImportOptions.Encoded

/**
 * What an import did: `committed` is its resume point, the count of the source's
 * items written so far by this run and earlier ones.
 *
 * @since 0.2.0
 * @category models
 */
export interface ImportResult {
  readonly id: string
  readonly committed: number
  /** Items committed by earlier runs, skipped by this one. */
  readonly skipped: number
  /** Items this run committed. */
  readonly written: number
  /** Chunks this run committed. */
  readonly chunks: number
}

/**
 * A source of commands: any iterable or async iterable (an array, a generator reading
 * a file line by line, a database cursor).
 *
 * @since 0.2.0
 * @category models
 */
export type Source = Iterable<unknown> | AsyncIterable<unknown>

/**
 * A running digest of committed commands: two 32-bit FNV-1a lanes over their text (from
 * different starting points), as 16 hex digits. Fixed here, so that an upgrade never
 * makes a resumed import look changed; it detects a changed source, not tampering.
 */
type Digest = readonly [number, number]

const start: Digest = [0x811c9dc5, 0x050c5d1f]

const fold = (digest: Digest, text: string): Digest => {
  let a = digest[0]
  let b = digest[1]
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ (c + 0x9e37), 0x01000193)
  }
  // A separator between commands, so that ["ab", "c"] and ["a", "bc"] differ.
  return [Math.imul(a ^ 0x1f, 0x01000193), Math.imul(b ^ 0x1e, 0x01000193)]
}

const show = (digest: Digest): string => digest.map((h) => (h >>> 0).toString(16).padStart(8, "0")).join("")

/** Commands re-read between two turns of the event loop when a run resumes. */
const rereadEvery = 1_000

const malformed = (row: number) =>
  new ValidationError({
    field: "(source)",
    rule: "import.source",
    message: "(source): the source's iterator gave no result object ({ done, value }) for this row",
    row
  })

/** An iterator's result, checked: anything but an object is the source's fault. */
const result = (row: number) => (next: unknown): Effect.Effect<IteratorResult<unknown>, ValidationError> =>
  typeof next === "object" && next !== null ? Effect.succeed(next as IteratorResult<unknown>) : Effect.fail(malformed(row))

const unreadable = (row: number) =>
  new ValidationError({
    field: "(source)",
    rule: "schema.unreadable",
    message: "(source): the source failed while giving this row",
    row
  })

/**
 * Pulls items from a source, one effect per item (a throwing source is a ValidationError
 * naming the row), and closes it: `close` ends a generator or a file-backed iterator
 * that was not read to its end (a refused row, an interruption).
 */
const puller = (source: Source) => {
  if (typeof source !== "object" || source === null) return undefined
  if (Symbol.asyncIterator in source) {
    const iterator = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]()
    /** A read not settled yet: the import was stopped while it waited on the source. */
    let pending: Promise<unknown> | undefined
    const close = async () => {
      try {
        await iterator.return?.()
      } catch {
        // A source failing to close is not the import's failure.
      }
    }
    return {
      pull: (row: number) =>
        Effect.flatMap(
          Effect.tryPromise({
            try: () => {
              const next = iterator.next() as Promise<unknown>
              pending = next
              return next.finally(() => void (pending = undefined))
            },
            catch: () => unreadable(row)
          }),
          result(row)
        ),
      // An async generator closes only after the read it waits on settles, which a
      // stalled source may never do: then it is closed when that read settles, and the
      // import stops now (an interruption or a timeout is not held up by the source).
      close: Effect.suspend(() => {
        if (pending === undefined) return Effect.promise(close)
        void pending.then(close, close)
        return Effect.void
      })
    }
  }
  if (Symbol.iterator in source) {
    const iterator = (source as Iterable<unknown>)[Symbol.iterator]()
    return {
      pull: (row: number) => Effect.flatMap(Effect.try({ try: (): unknown => iterator.next(), catch: () => unreadable(row) }), result(row)),
      close: Effect.sync(() => {
        try {
          iterator.return?.()
        } catch {
          // As above.
        }
      })
    }
  }
  return undefined
}

/**
 * What a domain gives the import runner: how to admit a chunk's inputs (decode and
 * authorize, refusals naming their row from `offset`), a command's canonical text for
 * the digest, and how to write admitted commands (inside the chunk's transaction).
 *
 * @since 0.2.0
 * @category models
 */
export interface Domain<C, E, R> {
  readonly admit: (inputs: ReadonlyArray<unknown>, offset: number) => Effect.Effect<ReadonlyArray<C>, E>
  readonly canonical: (command: C) => string
  readonly apply: (commands: ReadonlyArray<C>, offset: number) => Effect.Effect<unknown, E, R>
}

const changed = (id: string, committed: number) =>
  new RuleViolation({
    field: "id",
    rule: "import.source-changed",
    message:
      `id: the first ${committed} commands of this source are not those import ${id} committed; resume with the same source, or start a new import id`
  })

/**
 * Runs an import for a tenant: skips what earlier runs of the same id committed
 * (checking it is the same), then writes the rest in chunks, each chunk and its progress
 * in one transaction. A refused row fails the import with the row numbered from the
 * source's start; everything before its chunk stays committed, and running the import
 * again resumes there.
 *
 * @since 0.2.0
 * @category running
 */
export const run = <C, E, R>(
  tenant: Tenant,
  source: Source,
  input: unknown,
  domain: Domain<C, E, R>
): Effect.Effect<ImportResult, E | ValidationError | RuleViolation | StoreError, R | ImportLog | Transactor> =>
  Effect.gen(function*() {
    const options = yield* Decode.decode(ImportOptions, input, { field: "options" })
    const reader = puller(source)
    if (reader === undefined) {
      return yield* new ValidationError({
        field: "(source)",
        rule: "import.source",
        message: "(source): expected an iterable or async iterable of commands"
      })
    }
    return yield* Effect.gen(function*() {
      const chunkSize = options.chunkSize ?? defaultChunk
      const log = yield* ImportLog
      const { transaction } = yield* Transactor
      const earlier = yield* log.progress(tenant, options.id)
      const skipped = Option.match(earlier, { onNone: () => 0, onSome: (p) => p.committed })
      let digest = start
      let committed = 0
      let chunks = 0
      let done = false

      // What earlier runs committed: read again, and checked against their digest, a
      // thousand commands between two turns of the event loop. A row refused now (an
      // actor without the scope, say) is refused as itself, naming its row.
      while (committed < skipped) {
        const batch: Array<unknown> = []
        while (batch.length < rereadEvery && committed + batch.length < skipped) {
          const next = yield* reader.pull(committed + batch.length + 1)
          if (next.done === true) return yield* changed(options.id, skipped)
          batch.push(next.value)
        }
        const commands = yield* domain.admit(batch, committed)
        for (const command of commands) digest = fold(digest, domain.canonical(command))
        committed += batch.length
        yield* breathe
      }
      if (Option.isSome(earlier) && show(digest) !== earlier.value.digest) return yield* changed(options.id, skipped)

      while (!done) {
        const batch: Array<unknown> = []
        while (batch.length < chunkSize) {
          const next = yield* reader.pull(committed + batch.length + 1)
          if (next.done === true) {
            done = true
            break
          }
          batch.push(next.value)
        }
        if (batch.length === 0) break
        const offset = committed
        const commands = yield* domain.admit(batch, offset)
        let next = digest
        for (const command of commands) next = fold(next, domain.canonical(command))
        yield* transaction(
          tenant,
          Effect.gen(function*() {
            // Another run of the same import got here first: this chunk is theirs.
            const current = yield* log.progress(tenant, options.id)
            const at = Option.match(current, { onNone: () => 0, onSome: (p) => p.committed })
            if (at !== offset) {
              return yield* new RuleViolation({
                field: "id",
                rule: "import.concurrent",
                message: `id: import ${options.id} has moved on to ${at} commands while this run wrote from ${offset}; run one import per id at a time`
              })
            }
            yield* domain.apply(commands, offset)
            yield* log.record({ tenant, id: options.id, committed: offset + batch.length, digest: show(next) })
          })
        )
        digest = next
        committed = offset + batch.length
        chunks++
        if (!done) yield* breathe
      }
      return { id: options.id, committed, skipped, written: committed - skipped, chunks }
    }).pipe(Effect.ensuring(reader.close))
  }).pipe(Effect.withSpan("Imports.run"))
