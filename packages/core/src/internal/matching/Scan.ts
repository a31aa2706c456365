/**
 * Finds a demand's allowed supplies scoring at least a threshold, without looking at
 * every supply. For each category that serves the demand, the supplies are visited in
 * rings of the grid tree (the demand's own node's subtree, then each ancestor's subtree
 * less the one before, then the rest: each ring one or two intervals of the category's
 * positions), rings by descending best possible score, and the scan stops at the first
 * ring whose bound is below the threshold. Within a ring, the skills term decides how
 * many of the demand's skills a supply must offer to reach the threshold; the bit sets
 * of those skills, added up 32 positions at a time, give the positions that do, and
 * only those are scored. The threshold may rise as the scan goes (a top-K search).
 *
 * When the demand's skills are what is required (needs), a supply's score depends only
 * on its ring, its depth and how many of the demand's skills it offers: a class of
 * supplies with one score. The classes are then visited in descending score, each a
 * pass over its ring's words with the bit sets of its depth and of its skill count, so
 * a top-K search sees its best supplies first and stops as soon as a class scores
 * below the K-th best.
 *
 * @internal
 */
import { type Bucket, type Index, intersection } from "./Index.js"

/** Demands with more skills than this are scanned ring by ring, not by classes. */
const CLASS_SKILLS = 6

/** What a scan reports to. */
export interface Sink {
  /** The least score still wanted (at least 1); may rise during the scan. */
  min: number
  /** An allowed supply scoring at least `min`. */
  take(s: number, score: number): void
  /**
   * When set, `min` bounds score + offset[offsetBase + s] instead (a price subtracted):
   * supplies below it are not offered.
   */
  readonly offset?: Float64Array
  readonly offsetBase?: number
}

const coverage = (covered: number, required: number): number =>
  required === 0 ? 100 : Math.floor((100 * covered) / required)

/** Scans demands' allowed supplies (one scan at a time: it keeps scratch space). */
export class Scanner {
  private readonly wCategory: number
  private readonly wSkills: number
  private readonly wDistance: number
  private readonly wPriority: number
  private readonly step: number
  private readonly minimumSkills: number
  private readonly byDemand: boolean
  /** Needs, with bit sets and scores below 2^33: scan by score classes. */
  private readonly byClasses: boolean
  private ancestors = new Int32Array(16)
  private ringCategory = new Int32Array(64)
  private ringCredit = new Int32Array(64)
  private ringK = new Int32Array(64)
  private ringBound = new Float64Array(64)
  private readonly planes = new Int32Array(32)
  private ringA = new Int32Array(64)
  private ringB = new Int32Array(64)
  private ringC = new Int32Array(64)
  private ringE = new Int32Array(64)
  private classRing = new Int32Array(256)
  private classLevel = new Int32Array(256)
  private classSkills = new Int32Array(256)
  private classKey = new Float64Array(256)
  private classScore = new Float64Array(256)
  private readonly coverageOf = new Int32Array(CLASS_SKILLS + 1)

  constructor(readonly ix: Index) {
    const p = ix.policy
    this.wCategory = p.weights.category
    this.wSkills = p.weights.skills
    this.wDistance = p.weights.distance
    this.wPriority = p.weights.priority
    this.step = p.stepPercent
    this.minimumSkills = p.minimumSkills ?? 0
    this.byDemand = p.skillsRequiredBy === "demand"
    // The class heap keeps score × CLASSES + index in a double: exact below 2^53.
    let priority = 0
    for (let d = 0; d < ix.demands.length; d++) priority = Math.max(priority, ix.demands[d]!.priority)
    const most = 100 * (this.wCategory + this.wSkills + this.wDistance) + this.wPriority * priority
    this.byClasses = this.byDemand && ix.buckets.every((b) => b.bits !== undefined) &&
      most * CLASSES < Number.MAX_SAFE_INTEGER
  }

  /** Proximity in percent for `steps` steps. */
  private proximity(steps: number): number {
    const x = 100 - this.step * steps
    return x > 0 ? x : 0
  }

  /** Visits the allowed supplies of demand `d` scoring at least `sink.min`, each once. */
  scan(d: number, sink: Sink): void {
    const ix = this.ix
    const node = ix.demandNode[d]!
    const levels = ix.depth[node]!
    if (this.ancestors.length < levels + 1) this.ancestors = new Int32Array(2 * (levels + 1))
    const ancestors = this.ancestors
    ancestors[0] = node
    for (let k = 1; k <= levels; k++) ancestors[k] = ix.parent[ancestors[k - 1]!]!
    const priority = this.wPriority * ix.demands[d]!.priority
    const dc = ix.demandCategory[d]!
    const cats = ix.servedCategory[dc]!
    const credits = ix.servedCredit[dc]!
    const most = cats.length * (levels + 2)
    if (this.ringK.length < most) {
      this.ringCategory = new Int32Array(2 * most)
      this.ringCredit = new Int32Array(2 * most)
      this.ringK = new Int32Array(2 * most)
      this.ringBound = new Float64Array(2 * most)
      this.ringA = new Int32Array(2 * most)
      this.ringB = new Int32Array(2 * most)
      this.ringC = new Int32Array(2 * most)
      this.ringE = new Int32Array(2 * most)
    }
    const rc = this.ringCategory
    const rcr = this.ringCredit
    const rk = this.ringK
    const rb = this.ringBound
    // Rings by (bound desc, k asc, category asc): insertion sort, they are few.
    let rings = 0
    for (let j = 0; j < cats.length; j++) {
      const c = cats[j]!
      if (ix.buckets[c]!.order.length === 0) continue
      const credit = credits[j]!
      for (let k = 0; k <= levels + 1; k++) {
        const bound = this.wCategory * credit + this.wDistance * (k > levels ? 0 : this.proximity(k)) +
          this.wSkills * 100 + priority
        let i = rings++
        while (i > 0) {
          const pb = rb[i - 1]!
          if (pb > bound || (pb === bound && (rk[i - 1]! < k || (rk[i - 1] === k && rc[i - 1]! <= c)))) break
          rc[i] = rc[i - 1]!
          rcr[i] = rcr[i - 1]!
          rk[i] = rk[i - 1]!
          rb[i] = pb
          i--
        }
        rc[i] = c
        rcr[i] = credit
        rk[i] = k
        rb[i] = bound
      }
    }
    const r = ix.demandSkillStart[d + 1]! - ix.demandSkillStart[d]!
    if (this.byClasses && r <= CLASS_SKILLS) {
      this.byClass(d, sink, rings, levels, priority)
      return
    }
    for (let q = 0; q < rings; q++) {
      if (rb[q]! < sink.min) return
      const bucket = ix.buckets[rc[q]!]!
      const k = rk[q]!
      const fixed = this.wCategory * rcr[q]! + priority
      this.ringIntervals(q, levels)
      const a = this.ringA[q]!
      const b = this.ringB[q]!
      const c = this.ringC[q]!
      const e = this.ringE[q]!
      if (a < b) this.interval(d, bucket, a, b, fixed, k, levels, sink)
      if (c < e) this.interval(d, bucket, c, e, fixed, k, levels, sink)
    }
  }

  /** Ring q's positions, as the intervals [ringA, ringB) and [ringC, ringE). */
  private ringIntervals(q: number, levels: number): void {
    const ix = this.ix
    const bucket = ix.buckets[this.ringCategory[q]!]!
    const k = this.ringK[q]!
    const ancestors = this.ancestors
    const first = bucket.first
    const at = (x: number) => first !== undefined ? first[x]! : lowerBound(bucket.node, x)
    let lo: number
    let hi: number
    if (k > levels) {
      lo = 0
      hi = bucket.order.length
    } else {
      lo = at(ancestors[k]!)
      hi = at(ix.end[ancestors[k]!]!)
    }
    if (k === 0) {
      this.ringA[q] = lo
      this.ringB[q] = hi
      this.ringC[q] = hi
      this.ringE[q] = hi
      return
    }
    const inner = ancestors[k - 1]!
    this.ringA[q] = lo
    this.ringB[q] = at(inner)
    this.ringC[q] = at(ix.end[inner]!)
    this.ringE[q] = hi
  }

  /** The scan by classes of one score (needs: the demand's skills are required). */
  private byClass(d: number, sink: Sink, rings: number, levels: number, priority: number): void {
    const ix = this.ix
    const ds = ix.demandSkillIds
    const at = ix.demandSkillStart[d]!
    const r = ix.demandSkillStart[d + 1]! - at
    const cov = this.coverageOf
    let jSkills = r + 1
    for (let j = r; j >= 0; j--) {
      cov[j] = coverage(j, r)
      if (cov[j]! >= this.minimumSkills) jSkills = j
    }
    const ws = this.wSkills
    const wd = this.wDistance
    // The classes, in a heap by score (most are never visited: no need to sort them all).
    let n = 0
    for (let q = 0; q < rings; q++) {
      if (this.ringBound[q]! < sink.min) break
      this.ringIntervals(q, levels)
      if (this.ringA[q]! >= this.ringB[q]! && this.ringC[q]! >= this.ringE[q]!) continue
      const bucket = ix.buckets[this.ringCategory[q]!]!
      const k = this.ringK[q]!
      const far = k > levels
      const least = k === 0 ? levels : levels - k // the least depth in the ring
      const fixed = this.wCategory * this.ringCredit[q]! + priority
      for (let l = 0; l < bucket.depths.length; l++) {
        const depth = bucket.depths[l]!
        if (!far && depth < least) continue
        const prox = far ? 0 : this.proximity(2 * k - levels + depth)
        for (let j = r; j >= jSkills; j--) {
          const score = fixed + ws * cov[j]! + wd * prox
          if (score < 1 || score < sink.min) continue
          if (n === this.classScore.length) this.growClasses()
          this.classKey[n] = score * CLASSES + n
          this.classScore[n] = score
          this.classRing[n] = q
          this.classLevel[n] = l
          this.classSkills[n] = j
          n++
        }
      }
    }
    if (n > CLASSES) throw new Error("matching: too many score classes")
    const keys = this.classKey
    for (let x = (n >> 1) - 1; x >= 0; x--) siftDown(keys, x, n)
    const planes = this.planes
    const P = 32 - Math.clz32(r)
    const small = r <= 3
    const offset = sink.offset
    const offsetBase = sink.offsetBase ?? 0
    while (n > 0) {
      const i = keys[0]! % CLASSES
      keys[0] = keys[--n]!
      siftDown(keys, 0, n)
      const score = this.classScore[i]!
      if (score < sink.min) return
      const q = this.classRing[i]!
      const j = this.classSkills[i]!
      const bucket = ix.buckets[this.ringCategory[q]!]!
      const words = bucket.words
      const bits = bucket.bits!
      const depthBits = bucket.depths.length > 1 ? bucket.depthBits : undefined
      const depthRow = this.classLevel[i]! * words
      const order = bucket.order
      const o0 = r > 0 ? ds[at]! * words : 0
      const o1 = r > 1 ? ds[at + 1]! * words : 0
      const o2 = r > 2 ? ds[at + 2]! * words : 0
      for (let part = 0; part < 2; part++) {
        const a = part === 0 ? this.ringA[q]! : this.ringC[q]!
        const b = part === 0 ? this.ringB[q]! : this.ringE[q]!
        if (a >= b) continue
        for (let w = a >>> 5, last = (b - 1) >>> 5; w <= last; w++) {
          let m = -1
          if (w === a >>> 5) m &= -1 << (a & 31)
          if (w === last) m &= -1 >>> (31 - ((b - 1) & 31))
          if (depthBits !== undefined) m &= depthBits[depthRow + w]!
          if (m === 0) continue
          if (small) {
            // Up to 3 skills: the count's two bits by a full adder.
            const x0 = r > 0 ? bits[o0 + w]! : 0
            const x1 = r > 1 ? bits[o1 + w]! : 0
            const x2 = r > 2 ? bits[o2 + w]! : 0
            const t = x0 ^ x1
            const p0 = t ^ x2
            const p1 = (x0 & x1) | (t & x2)
            m &= (j & 1 ? p0 : ~p0) & (j & 2 ? p1 : ~p1)
          } else {
            for (let p = 0; p < P; p++) planes[p] = 0
            for (let t = 0; t < r; t++) {
              let carry = bits[ds[at + t]! * words + w]!
              for (let p = 0; carry !== 0 && p < P; p++) {
                const y = planes[p]!
                planes[p] = y ^ carry
                carry &= y
              }
            }
            // Positions offering exactly j of the skills.
            for (let p = 0; p < P; p++) m &= (j >>> p) & 1 ? planes[p]! : ~planes[p]!
          }
          while (m !== 0) {
            const low = m & -m
            m ^= low
            const s = order[(w << 5) | (31 - Math.clz32(low))]!
            if (offset !== undefined && score + offset[offsetBase + s]! < sink.min) continue
            sink.take(s, score)
            if (score < sink.min) return
          }
        }
      }
    }
  }

  private growClasses(): void {
    const grow = <A extends Int32Array | Float64Array>(a: A, b: A): A => {
      b.set(a)
      return b
    }
    const n = 2 * this.classScore.length
    this.classKey = grow(this.classKey, new Float64Array(n))
    this.classRing = grow(this.classRing, new Int32Array(n))
    this.classLevel = grow(this.classLevel, new Int32Array(n))
    this.classSkills = grow(this.classSkills, new Int32Array(n))
    this.classScore = grow(this.classScore, new Float64Array(n))
  }

  /**
   * Positions [a, b) of `bucket`, all in ring `k` of demand `d` (common ancestor at
   * depth levels − k; beyond the root when k > levels).
   */
  private interval(
    d: number,
    bucket: Bucket,
    a: number,
    b: number,
    fixed: number,
    k: number,
    levels: number,
    sink: Sink
  ): void {
    const far = k > levels
    const stepsBase = 2 * k - levels // steps = stepsBase + the supply's depth
    const proxMax = far ? 0 : this.proximity(k)
    const ws = this.wSkills
    const wd = this.wDistance
    const depth = bucket.depth
    const order = bucket.order
    const skillCount = bucket.skillCount
    const ix = this.ix
    const ds = ix.demandSkillIds
    const at = ix.demandSkillStart[d]!
    const r = ix.demandSkillStart[d + 1]! - at
    const byDemand = this.byDemand
    const minimumSkills = this.minimumSkills
    const bits = bucket.bits
    if (bits === undefined) {
      for (let i = a; i < b; i++) {
        if (fixed + ws * 100 + wd * proxMax < sink.min) return
        const required = byDemand ? r : skillCount[i]!
        const s = order[i]!
        const covered = intersection(ds, at, at + r, ix.supplySkillIds, ix.supplySkillStart[s]!, ix.supplySkillStart[s + 1]!)
        const cov = coverage(covered, required)
        if (cov < minimumSkills) continue
        const score = fixed + ws * cov + wd * (far ? 0 : this.proximity(stepsBase + depth[i]!))
        if (score > 0 && score >= sink.min) sink.take(order[i]!, score)
      }
      return
    }
    const words = bucket.words
    const planes = this.planes
    const P = 32 - Math.clz32(r)
    // The least number of the demand's skills a supply must offer (only by the demand's skills).
    let jSkills = 0
    if (byDemand) while (jSkills <= r && coverage(jSkills, r) < minimumSkills) jSkills++
    let seenMin = Number.NaN
    let jmin = 0
    for (let w = a >>> 5, last = (b - 1) >>> 5; w <= last; w++) {
      if (sink.min !== seenMin) {
        seenMin = sink.min
        const rest = seenMin - fixed - wd * proxMax
        if (byDemand) {
          jmin = jSkills
          while (jmin <= r && ws * coverage(jmin, r) < rest) jmin++
          if (jmin > r) return
        } else if (ws * 100 < rest) return
      }
      let m = -1
      if (w === a >>> 5) m &= -1 << (a & 31)
      if (w === last) m &= -1 >>> (31 - ((b - 1) & 31))
      for (let p = 0; p < P; p++) planes[p] = 0
      for (let t = 0; t < r; t++) {
        let carry = bits[ds[at + t]! * words + w]!
        for (let p = 0; carry !== 0 && p < P; p++) {
          const x = planes[p]!
          planes[p] = x ^ carry
          carry &= x
        }
      }
      if (jmin > 0) {
        // Positions offering at least jmin of the skills: compare the bit-sliced counts.
        let gt = 0
        let eq = -1
        for (let p = P - 1; p >= 0; p--) {
          const x = planes[p]!
          if ((jmin >>> p) & 1) eq &= x
          else {
            gt |= eq & x
            eq &= ~x
          }
        }
        m &= gt | eq
      }
      while (m !== 0) {
        const low = m & -m
        m ^= low
        const bit = 31 - Math.clz32(low)
        const i = (w << 5) | bit
        let covered = 0
        for (let p = 0; p < P; p++) covered |= ((planes[p]! >>> bit) & 1) << p
        const cov = coverage(covered, byDemand ? r : skillCount[i]!)
        if (cov < minimumSkills) continue
        const score = fixed + ws * cov + wd * (far ? 0 : this.proximity(stepsBase + depth[i]!))
        // (When `take` raises the threshold, the rest of this word is still checked against it.)
        if (score > 0 && score >= sink.min) sink.take(order[i]!, score)
      }
    }
  }
}

/** Classes a scan may have: their index is kept in the low digits of the heap's keys. */
const CLASSES = 1 << 20

/** Restores the max-heap below position x of keys[0, n). */
const siftDown = (keys: Float64Array, x: number, n: number): void => {
  const key = keys[x]!
  for (;;) {
    let c = 2 * x + 1
    if (c >= n) break
    if (c + 1 < n && keys[c + 1]! > keys[c]!) c++
    if (keys[c]! <= key) break
    keys[x] = keys[c]!
    x = c
  }
  keys[x] = key
}

/** First position whose node is not below `node`. */
const lowerBound = (nodes: Int32Array, node: number): number => {
  let lo = 0
  let hi = nodes.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (nodes[mid]! < node) lo = mid + 1
    else hi = mid
  }
  return lo
}

