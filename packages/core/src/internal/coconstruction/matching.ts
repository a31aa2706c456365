/**
 * The matching problems the service builds from the stores' rows: needs ↔ resources
 * (what projects have not yet taken of each), and members ↔ posts (idle enrolled
 * members against free places).
 *
 * @internal
 */
import type { CoConstructionConfigShape } from "../../coconstruction/CoConstructionConfig.js"
import * as LevelScheme from "../../grid/LevelScheme.js"
import type { MemberEnrolment } from "../../coconstruction/Enrolment.js"
import * as Matching from "../../coconstruction/Matching.js"
import type { PostStatus } from "../../coconstruction/CoConstructionsService.js"
import type { Need } from "../../coconstruction/Need.js"
import type { Resource } from "../../coconstruction/Resource.js"

/**
 * Grid codes as the matching reads them: a 6-digit root and 3 digits a level. A scheme
 * already so shaped keeps its codes; any other has each code rewritten level by level,
 * a segment becoming its rank (1-based, 3 digits) among its siblings' segments that
 * occur, so that steps in the tree count the same. Undefined when a parent has more
 * than 999 such children.
 */
export const gridCodes = (scheme: LevelScheme.LevelScheme, codes: Iterable<string>): ((code: string) => string) | undefined => {
  const widths = scheme.levels.map((l) => l.segmentWidth)
  if (widths[0] === 6 && widths.slice(1).every((w) => w === 3)) return (code) => code
  const cuts = widths.map((_, level) => LevelScheme.codeLength(scheme, level))
  const children = new Map<string, Set<string>>()
  const all = Array.from(new Set(codes))
  for (const code of all) {
    for (let level = 1; level < cuts.length && cuts[level]! <= code.length; level++) {
      const parent = code.slice(0, cuts[level - 1])
      const set = children.get(parent) ?? new Set<string>()
      set.add(code.slice(cuts[level - 1], cuts[level]))
      children.set(parent, set)
    }
  }
  const rank = new Map<string, string>()
  for (const [parent, segments] of children) {
    const sorted = Array.from(segments).sort()
    if (sorted.length > 999) return undefined
    sorted.forEach((segment, i) => rank.set(`${parent}/${segment}`, String(i + 1).padStart(3, "0")))
  }
  const mapped = new Map<string, string>()
  for (const code of all) {
    let out = "000000"
    for (let level = 1; level < cuts.length && cuts[level]! <= code.length; level++) {
      out += rank.get(`${code.slice(0, cuts[level - 1])}/${code.slice(cuts[level - 1], cuts[level])}`)!
    }
    mapped.set(code, out)
  }
  return (code) => mapped.get(code) ?? code
}

/** A member who said no category: every category serves them at the cross-category credit. */
export const anyCategory = "*"

/**
 * The policy for members ↔ posts: every skill a post asks for must be covered (as a
 * claim asks); a member's preferred category scores in full and any other at
 * `otherCredit` percent; then proximity of the post's team to the member's community.
 */
export const postPolicy = (config: CoConstructionConfigShape, otherCredit = 50): Matching.Policy => {
  const keys = config.postCategories.map((c) => c.key)
  return {
    weights: { category: 4, skills: 3, distance: 2, priority: 0 },
    compatible: [anyCategory, ...keys].flatMap((demand) =>
      keys.filter((supply) => supply !== demand).map((supply) => ({ demand, supply, credit: otherCredit }))
    ),
    skillsRequiredBy: "supply",
    stepPercent: 15,
    minimumSkills: 100,
    candidates: 32,
    rounds: 6
  }
}

/** Needs ↔ resources: the units not yet given on each side. */
export const needsProblem = (
  needs: ReadonlyArray<{ readonly item: Need; readonly remaining: number }>,
  resources: ReadonlyArray<{ readonly item: Resource; readonly remaining: number }>,
  policy: Matching.Policy,
  grid: (code: string) => string
): Matching.Problem => ({
  demands: needs.filter((n) => n.remaining > 0).map(({ item, remaining }) => ({
    id: item.id,
    category: item.category,
    quantity: remaining,
    skills: item.skills,
    grid: grid(item.gridCode),
    priority: item.priority
  })),
  supplies: resources.filter((r) => r.remaining > 0).map(({ item, remaining }) => ({
    id: item.id,
    category: item.category,
    capacity: remaining,
    skills: item.skills,
    grid: grid(item.gridCode)
  })),
  policy
})

/** Members ↔ posts: one place for each member, the free places of each post. */
export const postsProblem = (
  members: ReadonlyArray<MemberEnrolment>,
  posts: ReadonlyArray<PostStatus & { readonly gridCode: string }>,
  policy: Matching.Policy,
  grid: (code: string) => string
): Matching.Problem => ({
  demands: members.map((m) => ({
    id: m.memberId,
    category: m.interest ?? anyCategory,
    quantity: 1,
    skills: m.skills,
    grid: grid(m.communityCode),
    priority: 0
  })),
  supplies: posts.filter((p) => p.post.capacity > p.claimed).map((p) => ({
    id: p.post.id,
    category: p.post.category,
    capacity: p.post.capacity - p.claimed,
    skills: p.post.skills,
    grid: grid(p.gridCode)
  })),
  policy
})
