/**
 * Emergency mode (平急两用, issue 11) in a generated district, as `EmergencyCommand`
 * inputs that the `Emergency` service accepts in order, after the district's grids,
 * party and co-construction (`District`, `Party` and `CoConstruction` of the same
 * district, written first). Deterministic: the same district, co-construction and
 * options give the same commands, byte for byte.
 *
 * For 桃城区 at the defaults, during 疫情防控 in the district's `validFrom` year:
 * - **an activation for each street** (so across all the district's communities) on
 *   `activatedOn`, which puts every community's L4/L5 grid workers and its enrolled
 *   in-service members (双报到) under the community party organisation, and has the
 *   members of the tenant's branches placed in a compound of their community
 *   (`placedShare`; the others serve in their community's joint temporary branch);
 * - **82 vanguard teams (先锋队) formed by property companies** (物业服务企业以党员为主体，
 *   成立82支先锋队), a few days after the activation, each covering compounds of one street;
 * - **315 compounds** covered (为315个小区…服好务), drawn from the district's compounds;
 * - **3000多名 staff** (组织3000多名职工): `staff`, 3,100 by default, split over the teams by
 *   the compounds they cover;
 * - **the residents of each covered compound**, computed: the households the district
 *   placed in its blocks, each of a size drawn from `householdSizes` — the generator's
 *   assumption (the article counts residents, not households or their sizes), a
 *   distribution of 1 to 6 persons with mean 3.2, chosen so that 315 compounds of the
 *   default district hold about the article's 28万; the 2020 census's family household
 *   averages 2.62 persons;
 * - the deactivation of each street's activation on `deactivatedOn`.
 *
 * The article's figures (teams, compounds, staff) are inputs, scaled with the
 * compounds for a smaller district; residents and everything the service answers are
 * computed. Reports read the store, never {@link Summary}.
 *
 * @since 0.5.0
 */
import { type Emergency as EmergencyTag, EmergencyCommand, EmergencyService, IsoDate } from "@jiceng/core"
import { Effect } from "effect"
import type * as CoConstruction from "./CoConstruction.js"
import * as Distribute from "./Distribute.js"
import * as District from "./District.js"
import * as Random from "./Random.js"
import { applyInBatches, checkDecodes } from "./Rows.js"
import * as Tree from "./Tree.js"

/**
 * The article's figures the generator takes as inputs.
 *
 * @since 0.5.0
 * @category constants
 */
export const article = {
  /** 成立82支先锋队 */
  teams: 82,
  /** 为315个小区…服好务 */
  compounds: 315,
  /** 组织3000多名职工: 3000多, the generator's 3,100. */
  staff: 3_100,
  /** 28万居民: computed, never an input; printed beside the store's figure. */
  residents: 280_000,
  /** The article's 四级网格, against which the figures above scale. */
  districtCompounds: 355
} as const

/**
 * The generator's options.
 *
 * @since 0.5.0
 * @category models
 */
export interface EmergencyOptions {
  readonly seed: number
  /** The task the activations are for. */
  readonly task: string
  readonly activatedOn: string
  readonly deactivatedOn: string
  /** Vanguard teams. Input from the article: 82, scaled. */
  readonly teams: number
  /** Compounds the teams cover. Input from the article: 315, scaled. */
  readonly compounds: number
  /** The teams' staff. Input from the article (3000多): 3,100, scaled. */
  readonly staff: number
  /** Weights of household sizes 1, 2, 3 … persons (the generator's assumption: mean 3.2). */
  readonly householdSizes: ReadonlyArray<number>
  /** Share of the enrolled members of the tenant's branches placed in a compound of their community (generator: 0.8). */
  readonly placedShare: number
}

/**
 * @since 0.5.0
 * @category models
 */
export type Input = Partial<EmergencyOptions>

/**
 * @since 0.5.0
 * @category models
 */
export type Command = EmergencyCommand.Input

/**
 * What the generator made, for checks and for the report's inputs column (the report
 * prints the store's answers, not these).
 *
 * @since 0.5.0
 * @category models
 */
export interface Summary {
  readonly activations: number
  readonly teams: number
  readonly compounds: number
  readonly staff: number
  readonly placements: number
  readonly households: number
  readonly residents: number
}

/**
 * @since 0.5.0
 * @category models
 */
export interface GeneratedEmergency {
  readonly tenant: string
  readonly options: EmergencyOptions
  readonly commands: ReadonlyArray<Command>
  /** The activations' ids and the street each covers. */
  readonly activations: ReadonlyArray<{ readonly id: string; readonly street: string; readonly name: string }>
  readonly summary: Summary
}

const fail = (message: string): never => {
  throw new RangeError(`Emergency.generate: ${message}`)
}

const companyWords: ReadonlyArray<string> = ["安居", "宜家", "和美", "康宁", "恒信", "鑫源", "华苑", "永安", "嘉和", "瑞祥", "泰和", "润泽"]

/**
 * Fills in defaults for a district and checks the options. Impossible options throw a
 * RangeError.
 *
 * @since 0.5.0
 * @category constructors
 */
export const resolve = (layout: District.Layout, input: Input = {}): EmergencyOptions => {
  const compounds = layout.tree.compounds.length
  const scaled = (n: number) => Math.round((n * compounds) / article.districtCompounds)
  const year = layout.options.validFrom.slice(0, 4)
  const o: EmergencyOptions = {
    seed: input.seed ?? layout.options.seed,
    task: input.task ?? "疫情防控",
    activatedOn: input.activatedOn ?? `${year}-11-01`,
    deactivatedOn: input.deactivatedOn ?? `${year}-12-28`,
    teams: input.teams ?? scaled(article.teams),
    compounds: input.compounds ?? scaled(article.compounds),
    staff: input.staff ?? scaled(article.staff),
    householdSizes: input.householdSizes ?? [0.10, 0.22, 0.30, 0.20, 0.12, 0.06],
    placedShare: input.placedShare ?? 0.8
  }
  if (!IsoDate.isValid(o.activatedOn) || !IsoDate.isValid(o.deactivatedOn) || o.deactivatedOn <= o.activatedOn) {
    fail(`activatedOn ${o.activatedOn} and deactivatedOn ${o.deactivatedOn} are not two days in order`)
  }
  if (!Number.isInteger(o.compounds) || o.compounds < 0 || o.compounds > compounds) fail(`compounds ${o.compounds} is not in 0–${compounds}`)
  if (!Number.isInteger(o.teams) || o.teams < 0 || o.teams > o.compounds) fail(`teams ${o.teams} is not in 0–${o.compounds} (a team covers a compound at least)`)
  if (!Number.isInteger(o.staff) || o.staff < o.teams) fail(`staff ${o.staff} is fewer than one a team`)
  if (o.householdSizes.length === 0 || o.householdSizes.some((w) => !(w >= 0)) || o.householdSizes.every((w) => w === 0)) fail("householdSizes must be non-negative weights, one positive")
  if (!(o.placedShare >= 0 && o.placedShare <= 1)) fail(`placedShare ${o.placedShare} is not in 0–1`)
  return o
}

/**
 * Generates the emergency commands for a district whose co-construction (its
 * enrolments) is given.
 *
 * @since 0.5.0
 * @category constructors
 */
export const generate = (
  district: { readonly options: District.DistrictOptions },
  co: { readonly commands: ReadonlyArray<CoConstruction.Command> },
  input: Input = {}
): GeneratedEmergency => {
  const layout = District.layout(district)
  const o = resolve(layout, input)
  const tenant = layout.options.tenant
  const root = Random.make(o.seed ^ 0x5eed_e11e)
  const random = { residents: root.fork(), cover: root.fork(), place: root.fork(), teams: root.fork() }
  const { tree } = layout

  // ---- residents of each compound: its blocks' households, each of a drawn size
  const residents = new Map<string, number>()
  const households = new Map<string, number>()
  tree.blocks.forEach((block, i) => {
    const n = layout.households[i] ?? 0
    let persons = 0
    for (let k = 0; k < n; k++) persons += 1 + random.residents.weighted(o.householdSizes)
    residents.set(block.parent, (residents.get(block.parent) ?? 0) + persons)
    households.set(block.parent, (households.get(block.parent) ?? 0) + n)
  })

  // ---- the covered compounds, by street
  const covered = random.cover.shuffle(tree.compounds).slice(0, o.compounds).sort((a, b) => (a.code < b.code ? -1 : 1))
  const streetOf = (code: string) => code.slice(0, tenant.length + Tree.SEGMENT_WIDTH)
  const streets = tree.streets
  const byStreet = streets.map((s) => covered.filter((c) => streetOf(c.code) === s.code))
  // Every street with covered compounds gets a team at least (its compounds are covered by its own teams).
  const covering = byStreet.filter((cs) => cs.length > 0).length
  if (o.teams < covering) fail(`teams ${o.teams} are fewer than the ${covering} streets with covered compounds`)
  const shares = covering === 0 ? [] : Distribute.allocate(o.teams, byStreet.filter((cs) => cs.length > 0).map((cs) => cs.length), { min: 1, max: o.teams })
  const teamsPerStreet = byStreet.map((cs) => (cs.length > 0 ? shares.shift()! : 0))
  byStreet.forEach((cs, i) => {
    if (teamsPerStreet[i]! > cs.length) fail(`street ${streets[i]!.code} gets ${teamsPerStreet[i]} teams for ${cs.length} compounds`)
  })

  // ---- placements: the tenant's own enrolled members, in a compound of their community
  const compoundsOf = new Map<string, Array<string>>()
  for (const c of tree.compounds) {
    const community = Tree.communityOf(tenant, c.code)
    compoundsOf.set(community, [...(compoundsOf.get(community) ?? []), c.code])
  }
  const placements = new Map<string, Array<{ readonly memberId: string; readonly compoundCode: string }>>()
  for (const c of co.commands) {
    if (c._tag !== "EnrolMember" || c.homeOrganisation !== undefined || c.at > o.activatedOn) continue
    const options = compoundsOf.get(c.communityCode) ?? []
    if (options.length === 0 || random.place.next() >= o.placedShare) continue
    const street = streetOf(c.communityCode)
    placements.set(street, [...(placements.get(street) ?? []), { memberId: c.memberId, compoundCode: random.place.pick(options) }])
  }

  // ---- commands
  const commands: Array<Command> = []
  const activations = streets.map((s) => ({ id: `yq-${s.code.slice(tenant.length)}`, street: s.code, name: s.name }))
  for (const a of activations) {
    commands.push({
      _tag: "ActivateEmergency",
      id: a.id,
      gridCode: a.street,
      task: o.task,
      on: o.activatedOn,
      placements: (placements.get(a.street) ?? []).sort((x, y) => (x.memberId < y.memberId ? -1 : 1))
    })
  }
  let team = 0
  let staffLeft = o.staff
  const allTeams: Array<{ readonly street: number; readonly compounds: ReadonlyArray<{ readonly code: string; readonly name: string }> }> = []
  byStreet.forEach((cs, i) => {
    const n = teamsPerStreet[i]!
    if (n === 0) return
    const sizes = Distribute.allocate(cs.length, Distribute.unevenWeights(random.teams, n), { min: 1, max: cs.length })
    let at = 0
    for (const size of sizes) {
      allTeams.push({ street: i, compounds: cs.slice(at, at + size) })
      at += size
    }
  })
  const staff = allTeams.length === 0 ? [] : Distribute.allocate(o.staff, allTeams.map((t) => t.compounds.length), { min: 1, max: o.staff })
  for (const [k, t] of allTeams.entries()) {
    team++
    const company = `${companyWords[k % companyWords.length]}${Math.floor(k / companyWords.length) + 1}号物业服务有限公司`
    const a = activations[t.street]!
    commands.push({
      _tag: "FormVanguardTeam",
      id: `xfd-${String(team).padStart(3, "0")}`,
      activationId: a.id,
      name: `${company}${a.name}党员先锋队`.slice(0, 100),
      formerKind: "company",
      formedBy: company,
      compounds: t.compounds.map((c) => ({ code: c.code, residents: residents.get(c.code) ?? 0 })),
      staff: staff[k]!,
      on: IsoDate.addDays(IsoDate.unsafeMake(o.activatedOn), 1 + random.teams.int(6))
    })
    staffLeft -= staff[k]!
  }
  for (const a of activations) commands.push({ _tag: "DeactivateEmergency", id: a.id, on: o.deactivatedOn })
  checkDecodes("Emergency.generate", EmergencyCommand.EmergencyCommand, commands)
  return {
    tenant,
    options: o,
    commands,
    activations,
    summary: {
      activations: activations.length,
      teams: allTeams.length,
      compounds: covered.length,
      staff: o.staff - staffLeft,
      placements: Array.from(placements.values()).reduce((n, ps) => n + ps.length, 0),
      households: covered.reduce((n, c) => n + (households.get(c.code) ?? 0), 0),
      residents: covered.reduce((n, c) => n + (residents.get(c.code) ?? 0), 0)
    }
  }
}

/**
 * @since 0.5.0
 * @category models
 */
export interface ApplyOptions {
  /** Commands a transaction (default 5,000). */
  readonly batchSize?: number
}

/**
 * Writes the commands through the Emergency service as the tenant's system actor, in
 * batches (each one transaction).
 *
 * @since 0.5.0
 * @category running
 */
export const apply = (
  data: GeneratedEmergency,
  options: ApplyOptions = {}
): Effect.Effect<void, EmergencyService.EmergencyWriteError, EmergencyTag.Emergency> =>
  Effect.gen(function*() {
    const emergency = yield* EmergencyService.Emergency
    yield* applyInBatches("Emergency.apply", data.tenant, data.commands, options.batchSize, emergency.executeAll)
  }).pipe(Effect.withSpan("Emergency.apply"))
