/**
 * The Promise facade, for applications that do not use Effect: one object holding a
 * ManagedRuntime over a store, whose services answer with Promises. A failure rejects
 * with the library's own typed error (`ValidationError`, `RuleViolation`, `Forbidden`,
 * `NotFound`, `StoreError`: `Error`s with a `_tag`), and `Option` results become
 * `T | undefined`.
 *
 * ```ts
 * const jiceng = Client.make({ store: SqliteStore.layer({ filename: "district.db" }) })
 * await jiceng.grids.execute(admin, { _tag: "CreateGrid", ... })
 * await jiceng.dispose()
 * ```
 *
 * @since 0.1.0
 */
import { Cause, Effect, Exit, Layer, ManagedRuntime, Option } from "effect"
import * as GridConfig from "../grid/GridConfig.js"
import * as Grids from "../grid/Grids.js"
import type * as Store from "../store/Store.js"

/**
 * An `Option` result as a plain value: the value or `undefined`.
 *
 * @since 0.1.0
 * @category models
 */
export type Plain<A> = A extends Option.Option<infer T> ? T | undefined : A

/**
 * A service shape whose Effect-returning methods return Promises instead.
 *
 * @since 0.1.0
 * @category models
 */
export type Promised<S> = {
  readonly [K in keyof S]: S[K] extends (...args: infer P) => Effect.Effect<infer A, infer _E, never>
    ? (...args: P) => Promise<Plain<A>>
    : never
}

/**
 * What the facade's runtime provides to effects given to `run`.
 *
 * @since 0.1.0
 * @category models
 */
export type Services = Grids.Grids | GridConfig.GridConfig | Store.Store

/**
 * @since 0.1.0
 * @category models
 */
export interface Client {
  /** The grid service (`Grids.GridsShape`) with Promises. */
  readonly grids: Promised<Grids.GridsShape>
  /**
   * Runs any effect over the client's services, rejecting with its typed error. This is
   * trusted, platform-level access: an effect that uses `Store` directly bypasses the
   * services' authorization, audit entries and masking. Application code goes through
   * `grids`.
   */
  readonly run: <A, E>(effect: Effect.Effect<A, E, Services>) => Promise<A>
  /** Releases the store (closes connections); the client is unusable afterwards. */
  readonly dispose: () => Promise<void>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options<E> {
  /** A Store layer: `MemoryStore.layer`, `SqliteStore.layer(...)`, `PostgresStore.layer(...)`. */
  readonly store: Layer.Layer<Store.Store, E>
  /** The grid configuration (level scheme, worker categories); defaults otherwise. */
  readonly grids?: Partial<GridConfig.GridConfigShape>
}

// Every method of the shape, checked by the compiler: a method added to the service
// must be added here, or this object no longer type-checks.
const gridMethods: { readonly [K in keyof Grids.GridsShape]: true } = {
  execute: true,
  executeAll: true,
  executeUnknown: true,
  executeAllUnknown: true,
  resolve: true,
  gridOfPlace: true,
  lineage: true,
  subtree: true,
  countByLevel: true,
  countWorkersByCategory: true,
  countPlaces: true,
  placeLinks: true,
  assignments: true,
  check: true,
  worker: true,
  place: true
}

const plain = <A>(value: A): Plain<A> => (Option.isOption(value) ? Option.getOrUndefined(value) : value) as Plain<A>

const promised = <S extends object>(
  run: <A, E>(effect: Effect.Effect<A, E, Services>) => Promise<A>,
  service: Effect.Effect<S, never, Services>,
  methods: { readonly [K in keyof S]: true }
): Promised<S> =>
  Object.fromEntries(
    Object.keys(methods).map((key) => [
      key,
      (...args: ReadonlyArray<unknown>) =>
        run(
          Effect.flatMap(service, (s) =>
            Effect.map(
              (s[key as keyof S] as (...a: ReadonlyArray<unknown>) => Effect.Effect<unknown, unknown>)(...args),
              plain
            ))
        )
    ])
  ) as Promised<S>

/**
 * Builds a client over a store. The store's resources (connections, migrations) are
 * acquired on the first call and released by `dispose`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = <E>(options: Options<E>): Client => {
  const runtime = ManagedRuntime.make(
    Grids.layer.pipe(Layer.provideMerge(Layer.merge(options.store, GridConfig.layer(options.grids))))
  )
  const run = <A, E2>(effect: Effect.Effect<A, E2, Services>): Promise<A> =>
    runtime.runPromiseExit(effect).then((exit) => {
      if (Exit.isSuccess(exit)) return exit.value
      // A typed failure rejects as itself; anything else (a defect that is not an Error,
      // "ManagedRuntime disposed") still rejects with an Error carrying a _tag.
      const error = Cause.squash(exit.cause)
      return Promise.reject(error instanceof Error ? error : new Cause.UnknownException(error, String(error)))
    })
  return {
    grids: promised(run, Grids.Grids, gridMethods),
    run,
    dispose: () => runtime.dispose()
  }
}
