/**
 * The memory store's transactions, shared by its domain modules. Each domain keeps its
 * state in a {@link Cell} (persistent data, so a snapshot costs nothing); a transaction
 * works on copies of the cells it touches and commits them all in one synchronous
 * step. One transaction runs at a time across all tenants (the SQL stores serialise
 * per tenant). A domain module reads and writes its cell through {@link MemoryTransactorShape}.
 *
 * @since 0.2.0
 */
import { Context, Effect, Either, FiberRef, HashMap, Layer, Option } from "effect"
import { StoreError } from "../errors/StoreError.js"
import { breathe } from "../internal/breathe.js"
import { Transactor, type TransactorShape } from "./Transactor.js"

/**
 * A domain's state in the memory store: the committed value, replaced whole on commit.
 *
 * @since 0.2.0
 * @category models
 */
export interface Cell<S> {
  committed: S
}

/** A transaction's working copies, by cell; `open` until it commits or rolls back. */
interface Transaction {
  readonly working: Map<Cell<unknown>, unknown>
  open: boolean
}

/**
 * @since 0.2.0
 * @category models
 */
export interface MemoryTransactorShape extends TransactorShape {
  /** A new cell holding `initial`. */
  readonly cell: <S>(initial: S) => Cell<S>
  /** Reads a cell: the current transaction's copy, or the committed state. */
  readonly read: <S, A>(cell: Cell<S>, f: (state: S) => A) => Effect.Effect<A, StoreError>
  /**
   * Changes a cell in one step, or changes nothing and fails when `f` refuses: inside a
   * transaction on its copy, outside as a transaction of its own.
   */
  readonly modify: <S>(cell: Cell<S>, f: (state: S) => Either.Either<S, StoreError>) => Effect.Effect<void, StoreError>
}

/**
 * The memory transactor of one store; its domain modules require it.
 *
 * @since 0.2.0
 * @category tags
 */
export class MemoryTransactor extends Context.Tag("@jiceng/core/MemoryTransactor")<
  MemoryTransactor,
  MemoryTransactorShape
>() {}

const ended = new StoreError({
  operation: "write",
  message: "the transaction this write belongs to has already ended (a fiber outlived it)"
})

/**
 * @since 0.2.0
 * @category constructors
 */
export const make: Effect.Effect<MemoryTransactorShape> = Effect.gen(function*() {
  const current = yield* Effect.sync(() => FiberRef.unsafeMake<Option.Option<Transaction>>(Option.none()))
  const lock = yield* Effect.makeSemaphore(1)

  const stateOf = <S>(cell: Cell<S>, tx: Option.Option<Transaction>): S =>
    Option.isSome(tx) && tx.value.working.has(cell as Cell<unknown>)
      ? tx.value.working.get(cell as Cell<unknown>) as S
      : cell.committed

  const read: MemoryTransactorShape["read"] = (cell, f) =>
    Effect.flatMap(FiberRef.get(current), (tx) => Effect.sync(() => f(stateOf(cell, tx))))

  const modify: MemoryTransactorShape["modify"] = (cell, f) =>
    Effect.flatMap(FiberRef.get(current), (tx) => {
      if (Option.isNone(tx)) {
        return lock.withPermits(1)(Effect.suspend(() =>
          Either.match(f(cell.committed), {
            onLeft: Effect.fail,
            onRight: (next) => Effect.sync(() => void (cell.committed = next))
          })
        ))
      }
      // A fiber forked inside a transaction may outlive it: its writes would be lost.
      if (!tx.value.open) return Effect.fail(ended)
      return Effect.suspend(() =>
        Either.match(f(stateOf(cell, tx)), {
          onLeft: Effect.fail,
          onRight: (next) => Effect.sync(() => void tx.value.working.set(cell as Cell<unknown>, next))
        })
      )
    })

  const transaction: TransactorShape["transaction"] = (_tenant, self) =>
    Effect.flatMap(FiberRef.get(current), (outer) =>
      Option.isSome(outer)
        ? self
        // The event loop gets a turn first: a loop of awaited writes, each settled in
        // microtasks, would otherwise starve timers and other clients.
        : Effect.zipRight(breathe, lock.withPermits(1)(
          Effect.gen(function*() {
            const tx: Transaction = { working: new Map(), open: true }
            const result = yield* Effect.locally(self, current, Option.some(tx)).pipe(
              Effect.ensuring(Effect.sync(() => {
                tx.open = false
              }))
            )
            // One synchronous step: no reader sees some cells committed and others not.
            yield* Effect.sync(() => {
              for (const [cell, state] of tx.working) cell.committed = state
            })
            return result
          })
        )))

  return { cell: (initial) => ({ committed: initial }), read, modify, transaction }
})

/**
 * The memory transactor, as itself and as the `Transactor` port.
 *
 * @since 0.2.0
 * @category layers
 */
export const layer: Layer.Layer<MemoryTransactor | Transactor> = Layer.effectContext(
  Effect.map(make, (shape) => Context.make(MemoryTransactor, shape).pipe(Context.add(Transactor, shape)))
)

/**
 * A domain's state per tenant: tenants never share rows, so each has its own tables
 * and key ranges stay within one tenant.
 *
 * @since 0.2.0
 * @category models
 */
export type PerTenant<S> = HashMap.HashMap<string, S>

/**
 * Reads one tenant's state (`empty` when it has none yet).
 *
 * @since 0.2.0
 * @category utils
 */
export const readTenant = <S, A>(
  transactor: MemoryTransactorShape,
  cell: Cell<PerTenant<S>>,
  empty: S,
  tenant: string,
  f: (state: S) => A
): Effect.Effect<A, StoreError> =>
  transactor.read(cell, (all) => f(Option.getOrElse(HashMap.get(all, tenant), () => empty)))

/**
 * Changes the states of some tenants in one step, or changes nothing and fails when `f`
 * refuses any of them: a write call is all-or-nothing even across tenants.
 *
 * @since 0.2.0
 * @category utils
 */
export const modifyTenants = <S>(
  transactor: MemoryTransactorShape,
  cell: Cell<PerTenant<S>>,
  empty: S,
  tenants: Iterable<string>,
  f: (state: S, tenant: string) => Either.Either<S, StoreError>
): Effect.Effect<void, StoreError> =>
  transactor.modify(cell, (all) => {
    let next = all
    for (const tenant of new Set(tenants)) {
      const changed = f(Option.getOrElse(HashMap.get(all, tenant), () => empty), tenant)
      if (Either.isLeft(changed)) return Either.left(changed.left)
      next = HashMap.set(next, tenant, changed.right)
    }
    return Either.right(next)
  })

/**
 * Writes rows that each name their tenant, every tenant's share in one step.
 *
 * @since 0.2.0
 * @category utils
 */
export const modifyRows = <S, A extends { readonly tenant: string }>(
  transactor: MemoryTransactorShape,
  cell: Cell<PerTenant<S>>,
  empty: S,
  rows: ReadonlyArray<A>,
  f: (state: S, rows: ReadonlyArray<A>) => Either.Either<S, StoreError>
): Effect.Effect<void, StoreError> =>
  modifyTenants(transactor, cell, empty, rows.map((r) => r.tenant), (s, tenant) =>
    f(s, rows.filter((r) => r.tenant === tenant)))

/**
 * A domain's per-tenant state in a cell of its own, with its reads and writes.
 *
 * @since 0.2.0
 * @category models
 */
export interface TenantCell<S> {
  /** Reads one tenant's state. */
  readonly read: <A>(tenant: string, f: (state: S) => A) => Effect.Effect<A, StoreError>
  /** Replaces one tenant's state. */
  readonly modify: (tenant: string, f: (state: S) => S) => Effect.Effect<void, StoreError>
  /** Writes rows that each name their tenant, every tenant's share in one step (see {@link modifyRows}). */
  readonly modifyRows: <A extends { readonly tenant: string }>(
    rows: ReadonlyArray<A>,
    f: (state: S, rows: ReadonlyArray<A>) => Either.Either<S, StoreError>
  ) => Effect.Effect<void, StoreError>
}

/**
 * A new cell of per-tenant state, each tenant starting from `empty`.
 *
 * @since 0.2.0
 * @category constructors
 */
export const tenantCell = <S>(transactor: MemoryTransactorShape, empty: S): TenantCell<S> => {
  const cell = transactor.cell(HashMap.empty<string, S>())
  return {
    read: (tenant, f) => readTenant(transactor, cell, empty, tenant, f),
    modify: (tenant, f) => modifyTenants(transactor, cell, empty, [tenant], (s) => Either.right(f(s))),
    modifyRows: (rows, f) => modifyRows(transactor, cell, empty, rows, f)
  }
}
