/**
 * Grid workers (网格员) of a generated district and their assignments, planned before
 * any command is made: who works in which community, in which category, who is
 * answerable for which grids (定格定人定岗定责), and which other posts they hold. The
 * workers' names, phones and ID numbers are drawn when their commands are made.
 *
 * @since 0.2.0
 */
import { CitizenId, IsoDate, type Worker } from "@jiceng/core"
import * as Distribute from "./Distribute.js"
import * as Names from "./Names.js"
import type { Random } from "./Random.js"
import { communityOf, pad, SEGMENT_WIDTH, type Tree } from "./Tree.js"

/**
 * The options staffing reads.
 *
 * @since 0.2.0
 * @category models
 */
export interface Options {
  readonly tenant: string
  readonly workers: number
  readonly leaderShare: number
  readonly extraAssignments: number
  readonly unassignedBlocks: number
  readonly categories: ReadonlyArray<string>
  readonly leaderCategories: ReadonlyArray<string>
  readonly fullTimeCategories: ReadonlyArray<string>
}

type Duties = readonly [string, ...Array<string>]

const responsibleDuties: Duties = ["信息采集", "走访入户", "矛盾纠纷排查", "诉求收集上报"]

const otherDuties: Readonly<Record<string, Duties>> = {
  community_worker: ["协助信息采集", "政策宣传"],
  veteran_placement: ["治安巡查", "应急处置"],
  public_welfare_post: ["环境卫生巡查", "便民服务"],
  property_staff: ["设施巡检", "安全隐患排查"],
  building_head: ["楼栋信息报送", "邻里调解"],
  unit_head: ["单元信息报送", "通知传达"],
  enrolled_member: ["志愿服务", "政策宣传"],
  retired_cadre: ["矛盾纠纷调解", "关爱老党员"],
  community_police: ["治安巡查", "矛盾纠纷化解"],
  urban_management: ["市容秩序巡查"],
  family_doctor: ["健康随访", "健康知识宣传"],
  volunteer: ["志愿服务"],
  unit_liaison: ["共建事项对接"]
}

const genericDuties: Duties = ["协助网格管理"]

/** The post of a worker who is not answerable for a grid, by category. */
const postOf: Readonly<Record<string, string>> = {
  community_worker: "社区专干",
  veteran_placement: "巡查员",
  public_welfare_post: "公益岗网格员",
  property_staff: "物业网格员",
  building_head: "楼栋长",
  unit_head: "单元长",
  enrolled_member: "报到党员",
  retired_cadre: "退休干部联络员",
  community_police: "社区民警",
  urban_management: "城管队员",
  family_doctor: "家庭医生",
  volunteer: "志愿者",
  unit_liaison: "单位联络员"
}

/**
 * A worker before their personal data is drawn.
 *
 * @since 0.2.0
 * @category models
 */
export interface WorkerDraft {
  readonly id: string
  readonly communityCode: string
  /** Responsible for grids (网格长 / 责任网格员). */
  readonly leader: boolean
  category: string
  employment: Worker.Employment
}

/**
 * An assignment as its command carries it.
 *
 * @since 0.2.0
 * @category models
 */
export interface AssignmentDraft {
  readonly workerId: string
  readonly gridCode: string
  readonly post: string
  readonly responsible: boolean
  readonly duties: Duties
}

/**
 * @since 0.2.0
 * @category models
 */
export interface Plan {
  readonly workers: ReadonlyArray<WorkerDraft>
  /** Responsible assignments first (compounds, then blocks, in code order), then the others. */
  readonly assignments: ReadonlyArray<AssignmentDraft>
  readonly workersByCategory: Readonly<Record<string, number>>
  readonly workersByEmployment: Readonly<Record<Worker.Employment, number>>
  readonly responsibleAssignments: number
  readonly otherAssignments: number
  readonly unassignedBlocks: ReadonlyArray<string>
}

/**
 * Gives every category at least one worker where the pool is large enough, by moving
 * one worker from the largest category; a district's report should show all of them.
 */
const coverCategories = (pool: ReadonlyArray<WorkerDraft>, categories: ReadonlyArray<string>): void => {
  if (pool.length < categories.length) return
  for (const category of categories) {
    if (pool.some((w) => w.category === category)) continue
    const sizes = new Map<string, number>()
    for (const w of pool) sizes.set(w.category, (sizes.get(w.category) ?? 0) + 1)
    let largest = ""
    let size = 0
    for (const c of categories) {
      const n = sizes.get(c) ?? 0
      if (n > size) {
        largest = c
        size = n
      }
    }
    const donor = pool.find((w) => w.category === largest)
    if (donor !== undefined && size > 1) donor.category = category
  }
}

/**
 * Workers and their assignments. Every compound gets a responsible worker (网格长) and
 * every block one (责任网格员) from its community, except the `unassignedBlocks`; a
 * responsible worker covers a run of neighbouring blocks and the compounds they lie
 * in. Every other worker holds one post of their category, and `extraAssignments`
 * more go to random workers, never twice to one grid. Employment (专职/兼职) follows
 * the category.
 *
 * @since 0.2.0
 * @category constructors
 */
export const plan = (o: Options, tree: Tree, workerRandom: Random, assignRandom: Random): Plan => {
  /** Grid codes by the community they lie in. */
  const byCommunity = (grids: ReadonlyArray<{ readonly code: string }>) => {
    const out = new Map<string, Array<string>>()
    for (const { code } of grids) {
      const community = communityOf(o.tenant, code)
      const list = out.get(community) ?? []
      list.push(code)
      out.set(community, list)
    }
    return out
  }
  const blocksOf = byCommunity(tree.blocks)
  const compoundsOf = byCommunity(tree.compounds)
  const unassigned = new Set(workerRandom.shuffle(tree.blocks.map((b) => b.code)).slice(0, o.unassignedBlocks))
  const perCommunity = Distribute.allocate(
    o.workers,
    tree.communities.map((c) => blocksOf.get(c.code)?.length ?? 1),
    { min: 1, max: Number.MAX_SAFE_INTEGER }
  )
  const otherCategories = o.categories.filter((c) => !o.leaderCategories.includes(c))
  const drafts: Array<WorkerDraft> = []
  const responsibleFor = new Map<string, string>()
  tree.communities.forEach((community, c) => {
    const count = perCommunity[c]!
    const assignable = (blocksOf.get(community.code) ?? []).filter((b) => !unassigned.has(b))
    const leaders = Math.min(count, Math.max(1, Math.min(assignable.length, Math.round(count * o.leaderShare))))
    const list: Array<WorkerDraft> = []
    for (let i = 0; i < count; i++) {
      const leader = i < leaders
      const pool = leader || otherCategories.length === 0 ? o.leaderCategories : otherCategories
      // The first category of a pool is the usual one (社区工作者 among 网格长).
      const category = pool[workerRandom.weighted(pool.map((_, k) => (k === 0 ? 3 : 1)))]!
      list.push({ id: `W-${community.code}-${pad(i + 1)}`, communityCode: community.code, leader, category, employment: "part_time" })
    }
    // Blocks are in code order, so consecutive blocks share a responsible worker; a
    // compound's is the one of its first block (or the community's first leader).
    assignable.forEach((block, j) => responsibleFor.set(block, list[Math.floor((j * leaders) / assignable.length)]!.id))
    for (const compound of compoundsOf.get(community.code) ?? []) {
      const first = assignable.find((b) => b.startsWith(compound))
      responsibleFor.set(compound, first === undefined ? list[0]!.id : responsibleFor.get(first)!)
    }
    drafts.push(...list)
  })
  coverCategories(drafts.filter((w) => w.leader), o.leaderCategories)
  coverCategories(drafts.filter((w) => !w.leader), otherCategories.length === 0 ? o.leaderCategories : otherCategories)

  const workersByCategory: Record<string, number> = {}
  const workersByEmployment: Record<Worker.Employment, number> = { full_time: 0, part_time: 0 }
  for (const w of drafts) {
    w.employment = o.fullTimeCategories.includes(w.category) ? "full_time" : "part_time"
    workersByCategory[w.category] = (workersByCategory[w.category] ?? 0) + 1
    workersByEmployment[w.employment] += 1
  }

  const assignments: Array<AssignmentDraft> = []
  const taken = new Set<string>()
  let responsibleAssignments = 0
  const compoundLength = o.tenant.length + 4 * SEGMENT_WIDTH
  for (const grid of [...tree.compounds, ...tree.blocks]) {
    const workerId = responsibleFor.get(grid.code)
    if (workerId === undefined) continue
    taken.add(`${workerId} ${grid.code}`)
    responsibleAssignments += 1
    const post = grid.code.length === compoundLength ? "网格长" : "责任网格员"
    assignments.push({ workerId, gridCode: grid.code, post, responsible: true, duties: responsibleDuties })
  }
  let otherAssignments = 0
  const other = (w: WorkerDraft, block: string): void => {
    taken.add(`${w.id} ${block}`)
    otherAssignments += 1
    const duties = otherDuties[w.category] ?? genericDuties
    const post = postOf[w.category] ?? "网格员"
    assignments.push({ workerId: w.id, gridCode: block, post, responsible: false, duties })
  }
  for (const w of drafts) {
    const blocks = blocksOf.get(w.communityCode) ?? []
    if (!w.leader && blocks.length > 0) other(w, assignRandom.pick(blocks))
  }
  for (let k = 0; k < o.extraAssignments; k++) {
    const w = drafts[assignRandom.int(drafts.length)]!
    const blocks = blocksOf.get(w.communityCode) ?? []
    // A few tries: a small community may have no block left for this worker.
    for (let attempt = 0; attempt < 4 && blocks.length > 0; attempt++) {
      const block = assignRandom.pick(blocks)
      if (!taken.has(`${w.id} ${block}`)) {
        other(w, block)
        break
      }
    }
  }
  return {
    workers: drafts,
    assignments,
    workersByCategory,
    workersByEmployment,
    responsibleAssignments,
    otherAssignments,
    unassignedBlocks: [...unassigned].sort()
  }
}

/**
 * A mobile number: 1, then 3–9, then nine digits.
 *
 * @since 0.2.0
 * @category identifiers
 */
export const phone = (random: Random): string => `1${random.between(3, 9)}${pad(random.int(1_000_000_000), 9)}`

/**
 * A valid 身份证号 of someone born 1962–2000 in the region, its sequence odd for men
 * and even for women (GB 11643-1999).
 *
 * @since 0.2.0
 * @category identifiers
 */
export const citizenId = (random: Random, region: string, sex: Names.Sex): string => {
  const year = random.between(1962, 2000)
  const month = random.between(1, 12)
  const day = random.between(1, IsoDate.daysInMonth(year, month))
  const sequence = random.int(500) * 2 + (sex === "male" ? 1 : 0)
  const first17 = `${region}${year}${pad(month, 2)}${pad(day, 2)}${pad(sequence)}`
  return first17 + CitizenId.checkCharacter(first17)
}
