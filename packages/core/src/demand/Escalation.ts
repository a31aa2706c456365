/**
 * Escalation (逐级上报): an overdue demand goes up the grid chain — 单元 → 小区 → 片区 →
 * 社区 → 街道 — one level at a time, once per level, always above the grid answering for
 * it (never at or below it: a demand routed up to its community escalates to the street).
 * A demand is overdue strictly after its deadline: the first escalation falls due the
 * minute after the deadline (a resolution at the deadline minute is on time), each
 * further one a policy's interval later, until the demand is no longer open or the
 * chain's top is reached. A grid of the chain not valid on the day an escalation falls
 * due is passed over for the next one up.
 *
 * @since 0.5.0
 */
import * as LevelScheme from "../grid/LevelScheme.js"
import { Option } from "effect"

/**
 * The grids above a demand's grid, nearest first, up to and including `topLevel` (the
 * street, level 1, by default): where its escalations go.
 *
 * @since 0.5.0
 * @category rules
 */
export const chain = (scheme: LevelScheme.LevelScheme, gridCode: string, topLevel = 1): ReadonlyArray<string> => {
  const out: Array<string> = []
  let code = gridCode
  for (;;) {
    const parent = LevelScheme.parentCode(scheme, code)
    if (Option.isNone(parent)) break
    const level = LevelScheme.levelOfCode(scheme, parent.value)
    if (Option.isNone(level) || level.value < topLevel) break
    out.push(parent.value)
    code = parent.value
  }
  return out
}

/**
 * One escalation: the grid it went to and the minute it fell due.
 *
 * @since 0.5.0
 * @category models
 */
export interface Escalation {
  readonly gridCode: string
  /** Minutes since the epoch (China Standard Time minutes, `LocalMinute`). */
  readonly at: number
}

/**
 * The first minute a demand is overdue: the minute after its deadline (epoch minutes).
 *
 * @since 0.5.0
 * @category rules
 */
export const firstDue = (deadline: number): number => deadline + 1

/**
 * The escalations due by `asOf` (epoch minutes): the levels of `chain` in order, the
 * k-th escalation of the demand (counting from `start`, the escalations already
 * recorded) due at `firstDue(deadline) + k × every`, each at or before `asOf`, each level
 * once, none beyond the chain. A level `valid` refuses on its due minute (a grid closed
 * that day) is passed over, the next level up taking its turn.
 *
 * @since 0.5.0
 * @category rules
 */
export const escalations = (
  chain: ReadonlyArray<string>,
  deadline: number,
  every: number,
  asOf: number,
  options: { readonly start?: number; readonly valid?: (gridCode: string, at: number) => boolean } = {}
): ReadonlyArray<Escalation> => {
  const out: Array<Escalation> = []
  let at = firstDue(deadline) + (options.start ?? 0) * every
  for (const gridCode of chain) {
    if (at > asOf) break
    if (options.valid !== undefined && !options.valid(gridCode, at)) continue
    out.push({ gridCode, at })
    at += every
  }
  return out
}
