/**
 * Escalation (逐级上报): an overdue demand goes up the grid chain — 单元 → 小区 → 片区 →
 * 社区 → 街道 — one level at a time, once per level. The first escalation falls due when
 * the demand's deadline passes, each further one a policy's interval later, until the
 * demand is no longer open or the chain's top is reached.
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
 * The escalations a demand has had by a minute: the k-th level of `chain` at `dueAt +
 * (k - 1) × every`, each strictly before `until` (the earlier of now and the minute the
 * demand stopped being open), each level once, none beyond the chain.
 *
 * @since 0.5.0
 * @category rules
 */
export const escalations = (chain: ReadonlyArray<string>, dueAt: number, every: number, until: number): ReadonlyArray<Escalation> => {
  const out: Array<Escalation> = []
  for (const [k, gridCode] of chain.entries()) {
    const at = dueAt + k * every
    if (at >= until) break
    out.push({ gridCode, at })
  }
  return out
}
