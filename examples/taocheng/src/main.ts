/**
 * `npm run demo`: builds 桃城区 at the article's scale (4 streets, 124 sectors, 355
 * compounds, 3242 blocks, about 97,000 households in them) in a fresh SQLite file,
 * through the Grids service, then prints what the store itself answers beside the
 * article's figures: grids per level, grid workers per category, places per kind,
 * households per block and the 定格定人定岗定责 check; then its party organisations
 * (#7), written through the Organisations service: organisations by kind and sector
 * beside the article's 114 / 16 / 6 / 341, members by street, the size alerts and the
 * year's 三会一课 compliance (PartyReport.ts); then its co-construction (#8), written
 * through the CoConstructions service: units and members enrolled (双报到), volunteer
 * teams, posts by category, projects completed and joint meetings beside the article's
 * 197 / 11,615 / 490 / 100 / 353 / 46, and two explained matches, a need with a resource
 * and a member with a post (CoConstructionReport.ts); then its year of volunteer service
 * (#9), written through the VolunteerLedger service day by day with the clock on each
 * day: the ledger's summary beside the article's 3600余次 / 4万余人 / 9200余件, 132 service
 * points and 五社联动 452 / 5,689, totals by category, by street, the top teams and grids,
 * a certificate issued and checked by its code, and the hash chain verified
 * (LedgerReport.ts); then member development (#6), written through the Development
 * service with 兰山区 as a second tenant: 桃城区's training, qualifications, career moves,
 * plans and 双强六好 sites beside the article's 450 / 21 / 34 / 3·2·4·12·12 / 42·5, and
 * 兰山区's 43 branches, 526 members, 15 new members, its middle managers' share, 30 star
 * merchants and 30 流动先锋, and one member's party track (DevelopmentReport.ts); then
 * outreach (#11), written through the Outreach service: 桃城区's 6 new-employment
 * organisations' groups and 12 爱心驿站, 兰山区's 38 stations with study corners, the
 * 网约车驿站's 32 DC and 10 AC chargers and car wash, the 司机之家's 20余 members, the
 * 三联三服 compliance of the year, the 80余 problems resolved and the first batch of 10
 * practical matters (OutreachReport.ts); then
 * emergency mode (平急两用, #11), written through the Emergency service: an activation
 * for each street during 疫情防控, the vanguard teams, compounds, residents and staff
 * beside the article's 82 / 315 / 28万 / 3000多, the people put under the community
 * organisations, the temporary branches per compound and joint, and the check that the
 * deactivation restored everything (EmergencyReport.ts); then a
 * year of 走访 visits and 诉求 demands (#11) on the district's blocks, written through the
 * Demands service with a daily escalation sweep: demands by state, resolved beside the
 * article's 590余件次, the on-time and satisfaction rates, by street, visit coverage, the
 * Open311 view and one demand's history from intake to 回访 (DemandReport.ts); then the
 * notifications (#12) those writes raised through the outbox, by kind and back end, and
 * their delivery by a dispatcher to a receiver on 127.0.0.1 (NotificationReport.ts); then
 * the reports (#13): the district summary of the co-construction's and the ledger's years, the household roster, the 台账 and
 * the certificate, built by core's report models for a reader without pii:read and
 * written through every back end (XLSX, HTML, CSV, Markdown) into out/, each file with
 * its size, and a few of the summary's figures read back from the model
 * (ReportsReport.ts). Every
 * count printed as this run's is read back from the store, never taken from the generator's options; the
 * article's figures are printed as what they are, the generator's inputs.
 *
 * Flags: --seed N --communities N --sectors N --compounds N --blocks N --households N
 * --party-batch N --coconstruction-batch N --ledger-batch N --lang zh|en --help
 *
 * @since 0.1.0
 */
import { parseArgs } from "node:util"
import {
  Actor,
  CoConstructionConfig,
  CoConstructions,
  DemandConfig,
  Demands,
  Development,
  DevelopmentConfig,
  Emergency,
  EmergencyConfig,
  Grid,
  GridConfig,
  Grids,
  IsoDate,
  LedgerConfig,
  LevelScheme,
  OrganisationConfig,
  Organisations,
  Outreach,
  OutreachConfig,
  Place,
  ResponsibilityAlert,
  VolunteerLedger,
  WorkerCategory
} from "@jiceng/core"
import { SqliteStore } from "@jiceng/store-sqlite"
// The testkit's main entry loads no test runner (the suites are in @jiceng/testkit/vitest).
import { CoConstruction, DevelopmentData, District, EmergencyData, Ledger, OutreachData, Party } from "@jiceng/testkit"
import { Cause, Effect, Exit, Layer, Option } from "effect"
import * as CoConstructionReport from "./CoConstructionReport.js"
import * as DemandReport from "./DemandReport.js"
import * as DevelopmentReport from "./DevelopmentReport.js"
import * as EmergencyReport from "./EmergencyReport.js"
import * as LedgerReport from "./LedgerReport.js"
import * as NotificationReport from "./NotificationReport.js"
import * as OutreachReport from "./OutreachReport.js"
import * as Output from "./Output.js"
import * as PartyReport from "./PartyReport.js"
import * as ReportsReport from "./ReportsReport.js"

/** Party organisation commands per transaction (Organisations.executeAll). */
const PARTY_BATCH = 5_000
/** Co-construction commands per transaction (CoConstructions.executeAll). */
const COCONSTRUCTION_BATCH = 5_000
/** Ledger commands per transaction within a day (VolunteerLedger.executeAll). */
const LEDGER_BATCH = 5_000

const usage = `usage: npm run demo -- [--seed N] [--communities N] [--sectors N] [--compounds N] [--blocks N] [--households N] [--party-batch N] [--coconstruction-batch N] [--ledger-batch N] [--lang zh|en]

Builds 桃城区 in a fresh SQLite file (out/taocheng.db) and prints the store's figures
beside the article's, then writes its reports in every format into out/.

  --seed N          the generator's seed, 0 to ${District.maxSeed} (default ${District.defaults.seed})
  --communities N   communities (社区) below the 4 streets (default ${District.defaults.communities}; not in the article)
  --sectors N       sectors (片区, level 3; default ${District.defaults.sectors}, the article's)
  --compounds N     compounds (小区, level 4; default ${District.defaults.compounds}, the article's)
  --blocks N        blocks (单元, level 5; default ${District.defaults.blocks}, the article's)
  --households N    households (住户) in all blocks (default ${District.meanHouseholdsPerBlock} per block, the
                    generator's assumption: ${Output.count(District.defaults.households)} for ${Output.count(District.defaults.blocks)} blocks; at most 200 per block)
  --party-batch N   party organisation commands a transaction (default ${PARTY_BATCH}; 1: one at a time)
  --coconstruction-batch N
                    co-construction commands a transaction (default ${COCONSTRUCTION_BATCH}; 1: one at a time)
  --ledger-batch N  ledger commands a transaction, within a day (default ${LEDGER_BATCH})
  --lang zh|en      labels in Chinese (default, also zh-CN) or English
  -h, --help        this text`

/** Alerts listed one by one up to this many; beyond it, per kind with a few codes. */
const LIST_ALERTS_MAX = 12

/**
 * The article's figures for 桃城区, as the generator takes them (or, for residents,
 * as the store cannot answer them).
 */
const article = {
  /** 全区4个街道 */
  streets: 4,
  /** 设置124个三级网格、355个四级网格、3242个五级网格 */
  sectors: 124,
  compounds: 355,
  blocks: 3242,
  /** 将退役士官安置人员、社区工作者等13类人员确定为网格员 */
  categories: 13,
  /** 市区两级197个单位到街道报到 */
  workUnits: 197,
  /** 为315个小区、28万居民服好务（疫情防控期间） */
  residents: 280_000,
  residentCompounds: 315
} as const

/**
 * Persons per family household in the 2020 census (第七次全国人口普查: 平均每个家庭户的
 * 人口为2.62人), to set the store's households beside the article's residents.
 */
const PERSONS_PER_HOUSEHOLD = 2.62

const sizeFlags = ["seed", "communities", "sectors", "compounds", "blocks", "households"] as const
type SizeFlag = (typeof sizeFlags)[number]

interface Flags {
  readonly help: boolean
  readonly lang: Output.Lang
  readonly input: District.Input
  readonly partyBatch: number
  readonly coconstructionBatch: number
  readonly ledgerBatch: number
}

/** A batch size flag: a whole number from 1 to 100,000 (the services' limit). */
const batchFlag = (name: string, raw: string | undefined, fallback: number): number => {
  const n = raw === undefined ? fallback : Number(raw)
  if (!Number.isSafeInteger(n) || n < 1 || n > 100_000) throw new RangeError(`--${name} ${raw}: expected a whole number from 1 to 100000`)
  return n
}

const parseFlags = (argv: ReadonlyArray<string>): Flags => {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      ...(Object.fromEntries(sizeFlags.map((f) => [f, { type: "string" }] as const)) as Record<
        SizeFlag,
        { type: "string" }
      >),
      lang: { type: "string" },
      "party-batch": { type: "string" },
      "coconstruction-batch": { type: "string" },
      "ledger-batch": { type: "string" },
      help: { type: "boolean", short: "h" }
    },
    strict: true
  })
  const input: { -readonly [K in SizeFlag]?: number } = {}
  for (const flag of sizeFlags) {
    const raw = values[flag]
    if (raw === undefined) continue
    const n = Number(raw)
    if (flag === "seed") {
      if (raw.trim() === "" || !Number.isInteger(n) || n < 0 || n > District.maxSeed) {
        throw new RangeError(`--seed ${raw}: expected a whole number from 0 to ${District.maxSeed}`)
      }
    } else if (flag === "households") {
      if (raw.trim() === "" || !Number.isSafeInteger(n) || n < 0) throw new RangeError(`--households ${raw}: expected a whole number ≥ 0`)
    } else if (!Number.isSafeInteger(n) || n < 1) {
      throw new RangeError(`--${flag} ${raw}: expected a whole number ≥ 1`)
    }
    input[flag] = n
  }
  const lang = values.lang === undefined ? "zh" : Output.langs.get(values.lang)
  if (lang === undefined) throw new RangeError(`--lang ${values.lang}: expected zh or en`)
  const partyBatch = batchFlag("party-batch", values["party-batch"], PARTY_BATCH)
  const coconstructionBatch = batchFlag("coconstruction-batch", values["coconstruction-batch"], COCONSTRUCTION_BATCH)
  const ledgerBatch = batchFlag("ledger-batch", values["ledger-batch"], LEDGER_BATCH)
  return { help: values.help === true, lang, input, partyBatch, coconstructionBatch, ledgerBatch }
}

interface Timing {
  readonly started: number
  readonly generateSeconds: string
  readonly partyBatch: number
  readonly coconstructionBatch: number
  readonly ledgerBatch: number
}

/** Commands per chunk of the import: each chunk is one transaction. */
const CHUNK = 20_000

const run = (district: District.PlannedDistrict, file: string, timing: Timing, lang: Output.Lang) =>
  Effect.gen(function*() {
    const grids = yield* Grids.Grids
    const actor = Actor.system(district.tenant)
    const { placeLevels, scheme, workerCategories } = GridConfig.defaults

    const writeStart = performance.now()
    // Streamed: the commands are made as the import reads them, a chunk at a time.
    yield* grids.importAll(actor, district.commands, { id: "taocheng-demo", chunkSize: CHUNK })
    const writeMs = performance.now() - writeStart

    const readStart = performance.now()
    const at = yield* IsoDate.today
    const levels = yield* grids.countByLevel(actor, { at })
    const streets = yield* grids.subtree(actor, { at, level: 1 })
    const perStreet = yield* Effect.forEach(streets, (street) =>
      Effect.all({
        street: Effect.succeed(street),
        levels: grids.countByLevel(actor, { at, root: street.code }),
        places: grids.countPlaces(actor, { at, root: street.code })
      }))
    const categories = yield* grids.countWorkersByCategory(actor, { at })
    const places = yield* grids.countPlaces(actor, { at })
    // Places per block, from the store's links: under the default GridConfig.placeLevels
    // only households go into a block (单元), so these are households per block.
    const blockLevel = scheme.levels.findIndex((l) => l.key === "block")
    const onlyHouseholds = Object.entries(placeLevels).every(([kind, keys]) => kind === "household" || !keys.includes("block"))
    const blocks = yield* grids.subtree(actor, { at, level: blockLevel })
    const links = yield* grids.placeLinks(actor, { at })
    const perBlock = new Map<string, number>(blocks.map((b) => [b.code, 0]))
    for (const link of links) {
      const n = perBlock.get(link.gridCode)
      if (n !== undefined) perBlock.set(link.gridCode, n + 1)
    }
    const alerts = yield* grids.check(actor, { at })
    // Where an alert is, in words: the block and its compound, as the store names them.
    const named = yield* Effect.forEach(alerts.slice(0, LIST_ALERTS_MAX), (alert) =>
      Effect.gen(function*() {
        const grid = yield* grids.resolve(actor, alert.gridCode, at)
        const parent = Option.isSome(grid) && grid.value.parentCode !== null
          ? yield* grids.resolve(actor, grid.value.parentCode, at)
          : Option.none<Grid.Grid>()
        const where = [parent, grid].flatMap(Option.toArray).map((g) => g.name).join(" ")
        return { alert, where }
      }))
    const readSeconds = Output.seconds(readStart)

    const total = (xs: ReadonlyArray<{ readonly count: number }>) => xs.reduce((s, x) => s + x.count, 0)
    const levelCount = (xs: ReadonlyArray<{ readonly level: number; readonly count: number }>, level: number) =>
      xs.find((x) => x.level === level)?.count ?? 0
    const placeCount = (kind: Place.PlaceKind) => places.find((p) => p.kind === kind)?.count ?? 0
    const words = Output.words[lang]
    const levelLabel = (level: number) => LevelScheme.label(scheme, level, lang)
    const categoryLabel = (key: string) => workerCategories.find((c) => c.key === key)?.[lang] ?? key
    const kindLabel = (kind: Place.PlaceKind) => Place.placeKindLabels[kind][lang]
    const order = WorkerCategory.defaultCategories.map((c) => c.key)

    const lines: Array<string> = []
    lines.push(words.title(district.options.name, district.tenant))
    lines.push(`  ${words.run(district.options.seed, Output.count(district.commandCount), timing.generateSeconds, Output.display(file))}`)
    lines.push("")

    // The article's figures beside the store's answers.
    const households = placeCount("household")
    const blockCount = levelCount(levels, 5)
    const n = words.notes
    lines.push(words.articleAndStore(at))
    lines.push(Output.table([
      [words.figure, words.article, words.thisRun, words.note],
      [levelLabel(1), Output.count(article.streets), Output.count(levelCount(levels, 1)), n.input],
      [levelLabel(2), "—", Output.count(levelCount(levels, 2)), n.parameter],
      [words.gridLevel(3, levelLabel(3)), Output.count(article.sectors), Output.count(levelCount(levels, 3)), n.input],
      [words.gridLevel(4, levelLabel(4)), Output.count(article.compounds), Output.count(levelCount(levels, 4)), n.input],
      [words.gridLevel(5, levelLabel(5)), Output.count(article.blocks), Output.count(blockCount), n.input],
      [words.categories, words.articleCategories(article.categories), Output.count(categories.length), n.categories],
      [words.workers, "—", Output.count(total(categories)), n.workers],
      [kindLabel("work_unit"), Output.count(article.workUnits), Output.count(placeCount("work_unit")), n.workUnits],
      [kindLabel("residential_building"), "—", Output.count(placeCount("residential_building")), n.parameter],
      [kindLabel("household"), "—", Output.count(households), n.households],
      [words.residents, words.articleResidents(article.residents, article.residentCompounds), "—", n.residents]
    ], { textColumns: [3], header: true }))
    const note = words.householdsNote(
      Output.count(households),
      Output.count(blockCount),
      blockCount === 0 ? "0" : (households / blockCount).toFixed(1),
      PERSONS_PER_HOUSEHOLD,
      Output.count(Math.round((households * PERSONS_PER_HOUSEHOLD) / 1000) * 1000)
    )
    for (const line of note) lines.push(`  ${line}`)
    lines.push("")

    lines.push(words.byStreet)
    lines.push(Output.table([
      [words.street, ...[2, 3, 4, 5].map(levelLabel), words.places],
      ...perStreet.map((s) => [
        `${s.street.name} ${s.street.code}`,
        ...[2, 3, 4, 5].map((level) => Output.count(levelCount(s.levels, level))),
        Output.count(total(s.places))
      ])
    ], { header: true }))
    lines.push("")

    lines.push(words.workersByCategory)
    lines.push(Output.table([
      ...[...categories]
        .sort((a, b) => order.indexOf(a.category) - order.indexOf(b.category))
        .map((c) => [
          categoryLabel(c.category),
          Output.count(c.count),
          District.fromArticle.has(c.category) ? words.namedInArticle : words.exampleCategory
        ]),
      [words.total, Output.count(total(categories)), ""]
    ], { textColumns: [2] }))
    lines.push("")

    lines.push(words.placesByKind)
    lines.push(Output.table([
      ...places.map((p) => [kindLabel(p.kind), Output.count(p.count)]),
      [words.total, Output.count(total(places))]
    ]))
    if (onlyHouseholds && perBlock.size > 0) {
      const sizes = [...perBlock.values()].sort((a, b) => a - b)
      const buildings = placeCount("residential_building")
      lines.push(`  ${
        words.perBlock(
          sizes[0]!,
          sizes[Math.floor(sizes.length / 2)]!,
          (sizes.reduce((s, x) => s + x, 0) / sizes.length).toFixed(1),
          sizes.at(-1)!,
          buildings === 0 ? "—" : (blockCount / buildings).toFixed(2)
        )
      }`)
    }
    lines.push("")

    lines.push(words.check(alerts.length))
    if (alerts.length <= LIST_ALERTS_MAX) {
      lines.push(Output.table(
        named.map(({ alert, where }) => [ResponsibilityAlert.alertLabels[alert.kind][lang], alert.gridCode, where]),
        { textColumns: [1, 2] }
      ))
    } else {
      const byKind = new Map<ResponsibilityAlert.AlertKind, Array<string>>()
      for (const a of alerts) byKind.set(a.kind, [...(byKind.get(a.kind) ?? []), a.gridCode])
      for (const [kind, codes] of byKind) {
        const shown = codes.slice(0, 5).join(", ")
        const label = ResponsibilityAlert.alertLabels[kind][lang]
        lines.push(`  ${words.alertGrids(label, codes.length, `${shown}${codes.length > 5 ? " …" : ""}`)}`)
      }
    }
    lines.push("")

    /** A domain's section: its data generated (timed), written in batches (timed), reported. */
    const section = <A, E, R>(
      generate: () => A,
      write: (data: A, batchSize: number) => Effect.Effect<number, E, R>,
      report: (data: A, timed: { readonly generateSeconds: string; readonly writeMs: number; readonly batchSize: number }) => Effect.Effect<string, E, R>,
      batchSize: number
    ) =>
      Effect.gen(function*() {
        const start = performance.now()
        const data = generate()
        const generateSeconds = Output.seconds(start)
        const writeMs = yield* write(data, batchSize)
        lines.push(yield* report(data, { generateSeconds, writeMs, batchSize }), "")
        return data
      })

    // Party organisations (#7): generated from the same district, written after its grids.
    const party = yield* section(
      () => Party.generate(district),
      PartyReport.write,
      (data, timed) => PartyReport.report(data, streets, timed, lang),
      timing.partyBatch
    )
    // Co-construction (#8): from the same district and its party, written after them.
    const co = yield* section(
      () => CoConstruction.generate(district, party),
      CoConstructionReport.write,
      (data, timed) => CoConstructionReport.report(data, streets, timed, lang),
      timing.coconstructionBatch
    )
    // Volunteer service (#9): a year after the co-construction's, written day by day.
    const ledger = yield* section(
      () => Ledger.generate(district, party, co),
      LedgerReport.write,
      (data, timed) => LedgerReport.report(data, streets, timed, lang),
      timing.ledgerBatch
    )
    // Member development (#6): the district's workforce and sites on its party, and 兰山区's new sector.
    const development = yield* section(
      () => DevelopmentData.generate(district, party),
      DevelopmentReport.write,
      (data, timed) => DevelopmentReport.report(data, timed, lang),
      DevelopmentReport.batchSize
    )
    // Outreach (#11): 桃城区's groups and stations on its party, 兰山区's on its development data.
    yield* section(
      () => OutreachData.generate(district, party, development),
      OutreachReport.write,
      (data, timed) => OutreachReport.report(data, timed, lang),
      OutreachReport.batchSize
    )
    // Emergency mode (#11): activations over the district's grids, party and enrolments, then their deactivation.
    yield* section(() => EmergencyData.generate(district, co), EmergencyReport.write, (data, timed) => EmergencyReport.report(data, timed, lang), EmergencyReport.batchSize)
    // Visits and demands (#11): a year on the district's blocks, compounds, workers and households.
    lines.push(yield* DemandReport.run(district.tenant, streets, lang), "")
    // Notifications (#12): what the writes above queued, delivered to a receiver on 127.0.0.1.
    lines.push(yield* NotificationReport.run([district.tenant, development.lanshan.tenant], lang), "")
    // Reports (#13): the district summary, the household roster, the 台账 and the certificate in every format, into out/.
    lines.push(yield* ReportsReport.run({ ledger, from: `${co.summary.year}-01-01`, dir: Output.outDir(), lang }), "")
    const perSecond = writeMs === 0 ? "—" : Output.count(Math.round((district.commandCount * 1000) / writeMs))
    lines.push(words.timing({
      generate: timing.generateSeconds,
      write: (writeMs / 1000).toFixed(2),
      perSecond,
      read: readSeconds,
      total: Output.seconds(timing.started)
    }))
    return lines.join("\n")
  })

const main = async (): Promise<number> => {
  const started = performance.now()
  let district: District.PlannedDistrict
  let lang: Output.Lang
  let generateSeconds: string
  let partyBatch: number
  let coconstructionBatch: number
  let ledgerBatch: number
  try {
    const flags = parseFlags(process.argv.slice(2))
    if (flags.help) {
      console.log(usage)
      return 0
    }
    lang = flags.lang
    partyBatch = flags.partyBatch
    coconstructionBatch = flags.coconstructionBatch
    ledgerBatch = flags.ledgerBatch
    const generateStart = performance.now()
    district = District.plan(flags.input)
    generateSeconds = Output.seconds(generateStart)
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error))
    console.error(usage)
    return 2
  }
  const file = Output.freshDatabase("taocheng.db")
  // One store for the eight services: the organisations serve the grids written before
  // them, co-construction builds on both, the ledger on the grids and the teams, member
  // development on the grids and the organisations, outreach on all of these, emergency
  // mode on the grids, organisations and enrolments, and the demands on the grids.
  const layer = Layer.mergeAll(
    Grids.layer,
    Organisations.layer,
    CoConstructions.layer,
    VolunteerLedger.layer,
    Development.layer,
    Outreach.layer,
    Emergency.layer,
    Demands.layer
  ).pipe(
    // Merged into the output as well, so the report models (ReportsReport.ts) find the labels.
    Layer.provideMerge(
      Layer.mergeAll(
        GridConfig.layer(),
        OrganisationConfig.layer(),
        CoConstructionConfig.layer(),
        LedgerConfig.layer(),
        DevelopmentConfig.layer(),
        OutreachConfig.layer(),
        EmergencyConfig.layer(),
        DemandConfig.layer(),
        // The services raise notifications as they write (NotificationReport.ts).
        NotificationReport.layer(district.tenant, lang)
      )
    ),
    Layer.provideMerge(SqliteStore.layer({ filename: file }))
  )
  const exit = await Effect.runPromiseExit(
    run(district, file, { started, generateSeconds, partyBatch, coconstructionBatch, ledgerBatch }, lang).pipe(Effect.provide(layer))
  )
  if (Exit.isSuccess(exit)) {
    console.log(exit.value)
    return 0
  }
  console.error(Cause.pretty(exit.cause))
  return 1
}

process.exitCode = await main()
