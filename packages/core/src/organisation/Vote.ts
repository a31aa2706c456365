/**
 * The vote rule of a branch general meeting (支部党员大会): 《中国共产党发展党员工作细则》
 * 第二十条 and 第二十一条, applied by 《中国共产党支部工作条例（试行）》 第十一条 to the
 * meeting's decisions. The meeting may vote only when more than half of the members
 * entitled to vote (full members) are present, and a motion passes only with yes votes
 * from more than half of those entitled — not merely of those present.
 *
 * @since 0.2.0
 */
import { Schema } from "effect"

/**
 * A vote as the meeting recorded it, with what the rule made of it.
 *
 * @since 0.2.0
 * @category schemas
 */
export const Tally = Schema.Struct({
  /** Members entitled to vote on the day: the branch's full members. */
  entitled: Schema.Int.pipe(Schema.nonNegative()),
  /** Of them, those present. */
  present: Schema.Int.pipe(Schema.nonNegative()),
  yes: Schema.Int.pipe(Schema.nonNegative()),
  no: Schema.Int.pipe(Schema.nonNegative()),
  abstain: Schema.Int.pipe(Schema.nonNegative()),
  /** More than half of those entitled were present. */
  quorate: Schema.Boolean,
  /** Quorate, and yes from more than half of those entitled. */
  passed: Schema.Boolean
})

/**
 * @since 0.2.0
 * @category models
 */
export interface Tally extends Schema.Schema.Type<typeof Tally> {}

/**
 * Whether `present` of `entitled` voters make a quorum: more than half.
 *
 * @since 0.2.0
 * @category rules
 */
export const quorate = (entitled: number, present: number): boolean => entitled > 0 && 2 * present > entitled

/**
 * Whether a motion passes: a quorum, and yes from more than half of those entitled.
 *
 * @since 0.2.0
 * @category rules
 */
export const passes = (entitled: number, present: number, yes: number): boolean =>
  quorate(entitled, present) && 2 * yes > entitled

/**
 * The tally of a vote.
 *
 * @since 0.2.0
 * @category constructors
 */
export const tally = (
  entitled: number,
  present: number,
  votes: { readonly yes: number; readonly no: number; readonly abstain: number }
): Tally => ({
  entitled,
  present,
  yes: votes.yes,
  no: votes.no,
  abstain: votes.abstain,
  quorate: quorate(entitled, present),
  passed: passes(entitled, present, votes.yes)
})
