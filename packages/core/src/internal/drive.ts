/**
 * Runs an Effect generator (the body of an `Effect.gen`) synchronously for as long as
 * every effect it yields is already settled — an `Exit`, or an `Either` such as a pure
 * rule's result — and hands the rest over to the Effect runtime at the first one that
 * is not. The result is an `Exit` when the generator finished synchronously, else an
 * effect that goes on where the driver stopped.
 *
 * The batch path runs its decisions this way: after its prefetch, its workspace answers
 * reads with settled effects, and a hundred thousand commands go through without a
 * fiber step each. The semantics are Effect.gen's: a failure ends the generator. A
 * generator runs once: the effect returned for its rest may be run only once (a second
 * run, a retry, dies rather than silently skipping the steps already taken).
 *
 * @internal
 */
import { Effect, Either, Exit } from "effect"
import { type YieldWrap, yieldWrapGet } from "effect/Utils"

type ErrorOf<Y> = [Y] extends [never] ? never : [Y] extends [YieldWrap<Effect.Effect<infer _A, infer E, infer _R>>] ? E : never
type ContextOf<Y> = [Y] extends [never] ? never
  : [Y] extends [YieldWrap<Effect.Effect<infer _A, infer _E, infer R>>] ? R
  : never

/** @internal */
export const drive = <Y extends YieldWrap<Effect.Effect<any, any, any>>, A>(
  steps: Generator<Y, A, any>,
  input?: unknown
): Exit.Exit<A, ErrorOf<Y>> | Effect.Effect<A, ErrorOf<Y>, ContextOf<Y>> => {
  let state = steps.next(input)
  while (!state.done) {
    const yielded: unknown = yieldWrapGet(state.value)
    if (Exit.isExit(yielded)) {
      if (Exit.isFailure(yielded)) return yielded as Exit.Exit<never, ErrorOf<Y>>
      state = steps.next(yielded.value)
    } else if (Either.isEither(yielded)) {
      if (Either.isLeft(yielded)) return Exit.fail(yielded.left as ErrorOf<Y>)
      state = steps.next(yielded.right)
    } else {
      // The generator goes on once: the returned effect may run only once.
      let resumed = false
      return Effect.flatMap(yielded as Effect.Effect<unknown, ErrorOf<Y>, ContextOf<Y>>, (value) => {
        if (resumed) return Effect.dieMessage("drive: the rest of a generator was run twice")
        resumed = true
        return drive(steps, value)
      })
    }
  }
  return Exit.succeed(state.value)
}
