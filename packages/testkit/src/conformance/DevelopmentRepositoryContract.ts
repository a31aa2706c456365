/**
 * The Store conformance suite of the member-development domain's repositories: every
 * method of the track, workforce and recognition repositories checked against its
 * documented behaviour — what comes back and in which order (an event's seq 2 before
 * its seq 10), keys that must be new (a key that exists, or one named twice, fails the
 * call and writes none of it), recruitment plans replaced by grid and year, an event's
 * evidence and length and a worker's education back exactly as written (a field absent
 * stays absent, `false` and `0` stay themselves), nulls kept apart from values, Chinese
 * and awkward text, letters of good news marked sent once (a letter sent keeps its day),
 * tenant isolation, transactions that roll back, reads by more keys
 * than one SQL statement may carry, and properties that random rows come back as they
 * were written. Every store adapter runs it:
 *
 * ```ts
 * developmentRepositoryContract("SqliteStore", SqliteStore.layer({ filename }))
 * ```
 *
 * Each test writes under tenants of its own (`Tenants.nth` from 240,000 to 250,000; see
 * `Tenants.counted`), so the whole suite shares one store.
 *
 * @since 0.5.0
 */
import { describe, expect, layer } from "@effect/vitest"
import {
  type CommunityWorker,
  DevelopmentStore,
  type Grid,
  IsoDate,
  type Organisation,
  type Pathway,
  type Qualification,
  type Recognition,
  type Store,
  Tenant,
  Transactor
} from "@jiceng/core"
import { Effect, FastCheck, type Layer } from "effect"
import { awkward, expectInOrder, lastWins, many, sortBy, spread } from "./contractKeys.js"
import * as Tenants from "./Tenants.js"

const day = IsoDate.unsafeMake

/** The development repositories and the transaction of the store in context. */
const ports = Effect.map(
  Effect.all([DevelopmentStore.DevelopmentStore, Transactor.Transactor]),
  ([store, transactor]) => ({ ...store, transaction: transactor.transaction })
)

// ------------------------------------------------------------------------ rows

type T = Tenant.Tenant
const grid = (code: string) => code as Grid.GridCode
const orgId = (id: string) => id as Organisation.OrganisationId
const trackId = (id: string) => id as Pathway.TrackId
const personId = (id: string) => id as Pathway.PersonId
const workerId = (id: string) => id as CommunityWorker.WorkerId
const sessionId = (id: string) => id as CommunityWorker.SessionId
const moveId = (id: string) => id as CommunityWorker.MoveId
const honourId = (id: string) => id as Recognition.HonourId
const dayOrNull = (d: string | null | undefined): IsoDate.IsoDate | null => (d === undefined || d === null ? null : day(d))

const track = (
  t: T,
  id: string,
  spec: { readonly person?: string; readonly ladder?: string; readonly name?: string; readonly birth?: string | null; readonly organisation?: string } = {}
): Pathway.TrackHeader => ({
  tenant: t,
  id: trackId(id),
  ladder: spec.ladder ?? "party",
  person: personId(spec.person ?? `p-${id}`),
  name: spec.name ?? `姓名 ${id}`,
  birthDate: dayOrNull(spec.birth),
  organisationId: orgId(spec.organisation ?? "branch")
})

interface EventSpec {
  readonly kind?: Pathway.Event["kind"]
  readonly step?: string | null
  readonly on?: string
  readonly length?: Pathway.Duration | null
  readonly reason?: string | null
  readonly evidence?: Pathway.Evidence
  readonly late?: boolean
  readonly by?: string
  readonly recordedOn?: string
}

const event = (t: T, track: string, seq: number, spec: EventSpec = {}): Pathway.Event => ({
  tenant: t,
  trackId: trackId(track),
  seq,
  kind: spec.kind ?? "step",
  step: spec.step === undefined ? `step-${seq}` : spec.step,
  on: day(spec.on ?? "2024-01-01"),
  length: spec.length ?? null,
  reason: spec.reason ?? null,
  evidence: spec.evidence ?? {},
  late: spec.late ?? false,
  recordedBy: spec.by ?? "组织员",
  recordedOn: day(spec.recordedOn ?? "2024-01-02")
})

interface WorkerSpec {
  readonly name?: string
  readonly phone?: string | null
  readonly community?: string
  readonly post?: CommunityWorker.Post
  readonly hired?: string
  readonly degree?: Qualification.Degree
  readonly socialWork?: boolean
  readonly since?: string | null
}

const worker = (t: T, id: string, spec: WorkerSpec = {}): CommunityWorker.CommunityWorker => ({
  tenant: t,
  id: workerId(id),
  name: spec.name ?? `社工 ${id}`,
  phone: spec.phone ?? null,
  communityCode: grid(spec.community ?? `${t}001001`),
  post: spec.post ?? "worker",
  hiredOn: day(spec.hired ?? "2020-03-01"),
  education: { degree: spec.degree ?? "bachelor", socialWork: spec.socialWork ?? false },
  socialWorkSince: dayOrNull(spec.since)
})

const plan = (t: T, gridCode: string, year: number, planned: number): CommunityWorker.RecruitmentPlan => ({
  tenant: t,
  gridCode: grid(gridCode),
  year,
  planned
})

const session = (
  t: T,
  id: string,
  spec: { readonly title?: string; readonly grid?: string; readonly from?: string; readonly to?: string; readonly hours?: number } = {}
): CommunityWorker.TrainingSession => ({
  tenant: t,
  id: sessionId(id),
  title: spec.title ?? `培训班 ${id}`,
  gridCode: grid(spec.grid ?? `${t}001`),
  from: day(spec.from ?? "2024-03-01"),
  to: day(spec.to ?? "2024-03-05"),
  hours: spec.hours ?? 32
})

const attend = (t: T, session: string, worker: string): CommunityWorker.Attendance => ({
  tenant: t,
  sessionId: sessionId(session),
  workerId: workerId(worker)
})

const holding = (
  t: T,
  worker: string,
  level: Qualification.Level,
  on: string,
  spec: { readonly certificate?: string | null; readonly route?: string } = {}
): CommunityWorker.Holding => ({
  tenant: t,
  workerId: workerId(worker),
  level,
  obtainedOn: day(on),
  certificate: spec.certificate === undefined ? `证书-${worker}-${level}` : spec.certificate,
  route: spec.route ?? "取得社会工作专业本科学历，从事社会工作满一年"
})

const move = (
  t: T,
  id: string,
  worker: string,
  on: string,
  spec: { readonly kind?: CommunityWorker.MoveKind; readonly note?: string | null } = {}
): CommunityWorker.CareerMove => ({
  tenant: t,
  id: moveId(id),
  workerId: workerId(worker),
  kind: spec.kind ?? "promoted",
  on: day(on),
  note: spec.note ?? null
})

interface HonourSpec {
  readonly kind?: Recognition.HonourKind
  readonly member?: string | null
  readonly organisation?: string
  readonly stars?: number | null
  readonly level?: Recognition.SiteLevel | null
  readonly criteria?: string
  readonly by?: string
}

const honour = (t: T, id: string, on: string, spec: HonourSpec = {}): Recognition.Honour => ({
  tenant: t,
  id: honourId(id),
  kind: spec.kind ?? "mobile-vanguard",
  memberId: spec.member === undefined ? `m-${id}` : spec.member,
  organisationId: orgId(spec.organisation ?? "branch"),
  stars: spec.stars ?? null,
  level: spec.level ?? null,
  criteria: spec.criteria ?? "亮身份、作表率",
  awardedBy: spec.by ?? "区委组织部",
  awardedOn: day(on)
})

const letter = (
  t: T,
  honour: string,
  spec: {
    readonly member?: string
    readonly hometown?: string
    readonly address?: string
    readonly status?: Recognition.HonourLetter["status"]
    readonly created?: string
    readonly sent?: string | null
  } = {}
): Recognition.HonourLetter => ({
  tenant: t,
  honourId: honourId(honour),
  memberId: spec.member ?? `m-${honour}`,
  hometown: spec.hometown ?? "河南省固始县某村党支部",
  address: spec.address ?? "河南省信阳市固始县某镇某村",
  status: spec.status ?? (spec.sent === undefined || spec.sent === null ? "pending" : "sent"),
  createdOn: day(spec.created ?? "2024-07-01"),
  sentOn: dayOrNull(spec.sent)
})

// ---------------------------------------------------------------------- orders

/** An integer as text that sorts as the number does. */
const ordinal = (n: number): string => String(n).padStart(16, "0")

const byId = (row: { readonly id: string }) => row.id
const byTrack = [(e: Pathway.Event) => e.trackId, (e: Pathway.Event) => ordinal(e.seq)] as const
const byPlan = [(p: CommunityWorker.RecruitmentPlan) => p.gridCode, (p: CommunityWorker.RecruitmentPlan) => ordinal(p.year)] as const
const bySession = [(a: CommunityWorker.Attendance) => a.sessionId, (a: CommunityWorker.Attendance) => a.workerId] as const
/** The documented order of qualifications; two obtained on one day may come either way. */
const byObtained = [(h: CommunityWorker.Holding) => h.workerId, (h: CommunityWorker.Holding) => h.obtainedOn] as const
const holdingTies = [(h: CommunityWorker.Holding) => h.level] as const
const byWorker = [(m: CommunityWorker.CareerMove) => m.workerId, (m: CommunityWorker.CareerMove) => m.on, byId] as const
const byAwarded = [(h: Recognition.Honour) => h.awardedOn, byId] as const
const byHonour = (l: Recognition.HonourLetter) => l.honourId

/** Evidence with every field, at its awkward values. */
const fullEvidence: Pathway.Evidence = {
  documents: ["入党申请书", "思想汇报 \"第一季度\"", ...awkward],
  people: [{ role: "contact", id: "m1" }, { role: "introducer", id: "中文 𠀀" }],
  vote: { present: 12, yes: 10, no: 1, abstain: 1 },
  training: { days: 5, hours: 40 },
  passed: true,
  special: "因疫情延期 'A' \\ 区",
  note: "备注\u2028第二行 {\"k\":1}"
}

/** Evidence of every shape: empty, full, `false` and zeros present, empty lists present. */
const evidences: ReadonlyArray<Pathway.Evidence> = [
  {},
  fullEvidence,
  { passed: false },
  { documents: [], people: [] },
  { vote: { present: 0, yes: 0, no: 0, abstain: 0 }, training: { days: 0, hours: 0 } },
  { special: "null", note: "[]" }
]

/** Lengths of every shape: none, one part, all parts with zeros, no parts at all. */
const lengths: ReadonlyArray<Pathway.Duration | null> = [null, { years: 1 }, { years: 0, months: 6, days: 0 }, {}]

/**
 * Registers the member-development repository conformance tests of a Store layer. The
 * layer is built once for the whole suite (its finalizers run after the last test).
 *
 * @since 0.5.0
 * @category conformance
 */
export const developmentRepositoryContract = (name: string, storeLayer: Layer.Layer<Store.Store, unknown>): void => {
  const nextTenant = Tenants.counted("development repository contract", 240_000, 10_000)
  /** A tenant no other test (of this suite or another) writes to. */
  const freshTenant = (): T => Tenant.make(nextTenant())

  layer(storeLayer, { timeout: "120 seconds" })(`${name}: development repository contract`, (it) => {
    // -------------------------------------------------------------------- tracks

    describe("tracks", () => {
      it.effect("addTracks, tracksOf and tracks: every field back as written, by id; unknown left out, repeated once", () =>
        Effect.gen(function*() {
          const { tracks } = yield* ports
          const t = freshTenant()
          const rows = [
            track(t, "k2", { name: "张 \"三\" 𠀀", birth: "1990-02-28", ladder: "talent", organisation: "非公企业党支部" }),
            track(t, "k1", { birth: null }),
            track(t, "k10", { person: "中文 é", birth: "2006-12-31" })
          ]
          yield* tracks.addTracks([...rows].reverse())
          expect(yield* tracks.tracksOf(t, ["k2", "zz", "k1", "k2"].map(trackId))).toEqual([rows[1], rows[0]])
          expect(yield* tracks.tracks(t)).toEqual([rows[1], rows[2], rows[0]])
          expect((yield* tracks.tracksOf(t, [trackId("k1")]))[0]!.birthDate).toBeNull()
          expect(yield* tracks.tracksOf(t, [])).toEqual([])
          expect(yield* tracks.tracks(freshTenant())).toEqual([])
          expect(yield* tracks.tracksOf(freshTenant(), [trackId("k1")])).toEqual([])
        }))

      it.effect("tracksFor: every track of any of the people, by id (not by person); unknown people left out", () =>
        Effect.gen(function*() {
          const { tracks } = yield* ports
          const t = freshTenant()
          const rows = [
            track(t, "k3", { person: "p1" }),
            track(t, "k1", { person: "p2" }),
            track(t, "k2", { person: "p1", ladder: "talent" }),
            track(t, "k4", { person: "p3" })
          ]
          yield* tracks.addTracks(rows)
          expect(yield* tracks.tracksFor(t, ["p1", "p2", "zz", "p1"].map(personId))).toEqual([rows[1], rows[2], rows[0]])
          expect(yield* tracks.tracksFor(t, [personId("p3")])).toEqual([rows[3]])
          expect(yield* tracks.tracksFor(t, [personId("k1")])).toEqual([])
          expect(yield* tracks.tracksFor(t, [])).toEqual([])
          expect(yield* tracks.tracksFor(freshTenant(), [personId("p1")])).toEqual([])
        }))

      it.effect("addEvents, eventsOf and events: by track then seq (2 before 10), every field back as written", () =>
        Effect.gen(function*() {
          const { tracks } = yield* ports
          const t = freshTenant()
          // Twelve events of k1 (so that seq 10 to 12 would sort before 2 as text), two of k2, one of k10.
          const k1 = Array.from({ length: 12 }, (_, i) =>
            event(t, "k1", i + 1, {
              evidence: evidences[i % evidences.length]!,
              late: i % 3 === 0,
              on: IsoDate.addDays(day("2024-01-01"), i),
              by: i % 2 === 0 ? "支部书记 王五" : "",
              recordedOn: IsoDate.addDays(day("2024-02-01"), i)
            }))
          const k2 = lengths.slice(1).map((length, i) =>
            event(t, "k2", i + 1, { kind: "extend", step: "probation", length, evidence: { note: `延长 ${i}` } }))
          const k10 = [event(t, "k10", 1, { kind: "cancel", step: null, reason: "本人申请退出 \"自愿\" 𠀀", evidence: { passed: true } })]
          yield* tracks.addEvents([...k1.slice(6), ...k2, ...k10].reverse())
          yield* tracks.addEvents(k1.slice(0, 6).reverse())
          const expected = [...k1, ...k10, ...k2]
          expect(yield* tracks.events(t)).toEqual(expected)
          expect(yield* tracks.eventsOf(t, ["k2", "zz", "k1", "k2"].map(trackId))).toEqual([...k1, ...k2])
          expect(yield* tracks.eventsOf(t, ["k10"].map(trackId))).toEqual(k10)
          expect(yield* tracks.eventsOf(t, [])).toEqual([])
          expect(yield* tracks.events(freshTenant())).toEqual([])
          // Evidence and lengths exactly: an absent field stays absent, `false`, `0` and `[]` stay present.
          const back = yield* tracks.events(t)
          expect(back.map((e) => e.evidence)).toStrictEqual(expected.map((e) => e.evidence))
          expect(back.map((e) => e.length)).toStrictEqual(expected.map((e) => e.length))
          expect(back.map((e) => Object.keys(e.evidence).sort())).toEqual(expected.map((e) => Object.keys(e.evidence).sort()))
          expect(back.filter((e) => e.trackId === "k2").map((e) => e.length)).toStrictEqual(lengths.slice(1))
          expect(back.map((e) => [e.late, e.step, e.reason])).toEqual(expected.map((e) => [e.late, e.step, e.reason]))
        }))
    })

    // ----------------------------------------------------------------- workforce

    describe("workforce", () => {
      it.effect("addWorkers, workersOf and workers: education, phone and the day social work began as written, by id", () =>
        Effect.gen(function*() {
          const { workforce } = yield* ports
          const t = freshTenant()
          const rows = [
            worker(t, "w2", { name: "李四 \"小李\"", phone: "13800138000", post: "secretary", degree: "master", socialWork: true, since: "2015-09-01" }),
            worker(t, "w1", { degree: "secondary", socialWork: false, since: null, post: "director" }),
            worker(t, "w10", { name: "王 𠀀 é", degree: "doctor", socialWork: true, phone: null })
          ]
          yield* workforce.addWorkers(rows)
          expect(yield* workforce.workersOf(t, ["w2", "zz", "w10", "w2"].map(workerId))).toEqual([rows[2], rows[0]])
          expect(yield* workforce.workers(t)).toEqual([rows[1], rows[2], rows[0]])
          expect((yield* workforce.workers(t)).map((w) => w.education)).toStrictEqual([
            { degree: "secondary", socialWork: false },
            { degree: "doctor", socialWork: true },
            { degree: "master", socialWork: true }
          ])
          expect(yield* workforce.workersOf(t, [])).toEqual([])
          expect(yield* workforce.workers(freshTenant())).toEqual([])
        }))

      it.effect("putPlans replaces the plan of the same grid and year (the last of a batch wins); plans by grid then year", () =>
        Effect.gen(function*() {
          const { workforce } = yield* ports
          const t = freshTenant()
          yield* workforce.putPlans([
            plan(t, "g2", 2024, 10),
            plan(t, "g1", 2100, 3),
            plan(t, "g1", 2000, 0),
            plan(t, "g10", 2024, 1_000_000)
          ])
          yield* workforce.putPlans([
            plan(t, "g2", 2025, 12),
            plan(t, "g1", 2100, 4),
            plan(t, "g2", 2024, 11),
            plan(t, "g1", 2100, 5)
          ])
          const expected = [
            plan(t, "g1", 2000, 0),
            plan(t, "g1", 2100, 5),
            plan(t, "g10", 2024, 1_000_000),
            plan(t, "g2", 2024, 11),
            plan(t, "g2", 2025, 12)
          ]
          expect(yield* workforce.plans(t)).toEqual(expected)
          yield* workforce.putPlans([])
          yield* workforce.putPlans([plan(t, "g10", 2024, 0)])
          expect(yield* workforce.plans(t)).toEqual([expected[0], expected[1], plan(t, "g10", 2024, 0), expected[3], expected[4]])
          expect(yield* workforce.plans(freshTenant())).toEqual([])
        }))

      it.effect("addSessions, sessionsOf and sessions, addAttendance and attendance (by session then worker)", () =>
        Effect.gen(function*() {
          const { workforce } = yield* ports
          const t = freshTenant()
          const sessions = [
            session(t, "s2", { title: "社区工作者能力提升 \"示范班\"", hours: 1000, from: "2024-02-29", to: "2024-03-01" }),
            session(t, "s1", { hours: 1, grid: `${t}002` }),
            session(t, "s10", { title: "𠀀 培训" })
          ]
          yield* workforce.addSessions(sessions)
          expect(yield* workforce.sessionsOf(t, ["s2", "zz", "s1", "s2"].map(sessionId))).toEqual([sessions[1], sessions[0]])
          expect(yield* workforce.sessions(t)).toEqual([sessions[1], sessions[2], sessions[0]])
          expect(yield* workforce.sessionsOf(t, [])).toEqual([])
          const rows = [attend(t, "s2", "w1"), attend(t, "s1", "w2"), attend(t, "s1", "w10"), attend(t, "s10", "中")]
          yield* workforce.addAttendance(rows)
          expect(yield* workforce.attendance(t)).toEqual([rows[2], rows[1], rows[3], rows[0]])
          expect(yield* workforce.sessions(freshTenant())).toEqual([])
          expect(yield* workforce.attendance(freshTenant())).toEqual([])
        }))

      it.effect("addHoldings, holdingsOf and holdings: by worker then the day obtained; certificates null or not", () =>
        Effect.gen(function*() {
          const { workforce } = yield* ports
          const t = freshTenant()
          const rows = [
            holding(t, "w2", "senior", "2023-06-01", { route: "人社部规〔2018〕2号" }),
            holding(t, "w2", "assistant", "2016-06-01", { certificate: null }),
            holding(t, "w2", "intermediate", "2019-06-01"),
            holding(t, "w1", "intermediate", "2020-06-01", { certificate: "No. 中 'x'" }),
            holding(t, "w10", "assistant", "2021-06-01")
          ]
          yield* workforce.addHoldings(rows)
          const expected = [rows[3], rows[4], rows[1], rows[2], rows[0]]
          expect(yield* workforce.holdingsOf(t, ["w2", "zz", "w1", "w10", "w2"].map(workerId))).toEqual(expected)
          expect(yield* workforce.holdingsOf(t, [workerId("w2")])).toEqual([rows[1], rows[2], rows[0]])
          expect(yield* workforce.holdings(t)).toEqual(expected)
          expect(yield* workforce.holdingsOf(t, [])).toEqual([])
          expect(yield* workforce.holdings(freshTenant())).toEqual([])
        }))

      it.effect("addMoves, movesOf (by id), movesFor and moves (by worker, day, then id)", () =>
        Effect.gen(function*() {
          const { workforce } = yield* ports
          const t = freshTenant()
          const rows = [
            move(t, "m2", "w1", "2024-01-01", { kind: "model-secretary", note: "千名好支书 \"2024\"" }),
            move(t, "m10", "w1", "2024-01-01", { kind: "establishment" }),
            move(t, "m1", "w1", "2023-01-01", { kind: "civil-service", note: null }),
            move(t, "m3", "w0", "2025-01-01", { kind: "elected-director", note: "𠀀" }),
            move(t, "m4", "w2", "2020-01-01")
          ]
          yield* workforce.addMoves(rows)
          expect(yield* workforce.movesOf(t, ["m2", "zz", "m10", "m1", "m2"].map(moveId))).toEqual([rows[2], rows[1], rows[0]])
          expect(yield* workforce.movesFor(t, ["w1", "zz", "w0", "w1"].map(workerId))).toEqual([rows[3], rows[2], rows[1], rows[0]])
          expect(yield* workforce.moves(t)).toEqual([rows[3], rows[2], rows[1], rows[0], rows[4]])
          expect(yield* workforce.movesOf(t, [])).toEqual([])
          expect(yield* workforce.movesFor(t, [])).toEqual([])
          expect(yield* workforce.moves(freshTenant())).toEqual([])
        }))
    })

    // --------------------------------------------------------------- recognition

    describe("recognition", () => {
      it.effect("addHonours, honoursOf (by id) and honours (by the day awarded, then id): nulls and stars as written", () =>
        Effect.gen(function*() {
          const { recognition } = yield* ports
          const t = freshTenant()
          const rows = [
            honour(t, "h2", "2024-07-01", { kind: "star-merchant", stars: 5, criteria: "诚信经营 \"五星\" 𠀀" }),
            honour(t, "h10", "2024-07-01", { kind: "star-merchant", stars: 1 }),
            honour(t, "h1", "2024-08-01", { kind: "model-site", member: null, level: "city", organisation: "示范点党支部" }),
            honour(t, "h3", "2023-01-01", { kind: "model-site", member: null, level: "district" }),
            honour(t, "h4", "2024-07-01", { by: "市委两新工委" })
          ]
          yield* recognition.addHonours(rows)
          expect(yield* recognition.honoursOf(t, ["h2", "zz", "h1", "h2"].map(honourId))).toEqual([rows[2], rows[0]])
          expect(yield* recognition.honours(t)).toStrictEqual([rows[3], rows[1], rows[0], rows[4], rows[2]])
          expect(yield* recognition.honoursOf(t, [])).toEqual([])
          expect(yield* recognition.honours(freshTenant())).toEqual([])
        }))

      it.effect("addLetters and letters: by honour, every field as written", () =>
        Effect.gen(function*() {
          const { recognition } = yield* ports
          const t = freshTenant()
          const rows = [
            letter(t, "h2", { sent: "2024-07-03", hometown: "安徽省 \"某\" 村党支部", address: "𠀀 路 1 号" }),
            letter(t, "h10"),
            letter(t, "h1", { member: "中", created: "2024-02-29" })
          ]
          yield* recognition.addLetters(rows)
          expect(yield* recognition.letters(t)).toEqual([rows[2], rows[1], rows[0]])
          expect(yield* recognition.letters(freshTenant())).toEqual([])
        }))

      it.effect("lettersOf: the letters of the honours that have one, by honour; unknown left out, repeated once", () =>
        Effect.gen(function*() {
          const { recognition } = yield* ports
          const t = freshTenant()
          const rows = [letter(t, "h2", { sent: "2024-07-03" }), letter(t, "h10"), letter(t, "中")]
          yield* recognition.addLetters(rows)
          expect(yield* recognition.lettersOf(t, ["h2", "zz", "中", "h10", "h2"].map(honourId))).toEqual([rows[1], rows[0], rows[2]])
          expect(yield* recognition.lettersOf(t, [])).toEqual([])
          expect(yield* recognition.lettersOf(freshTenant(), [honourId("h2")])).toEqual([])
        }))

      it.effect("markSent: the pending letters named become sent on the day; one sent keeps its day, an honour without a letter and another tenant's letters are untouched", () =>
        Effect.gen(function*() {
          const { recognition } = yield* ports
          const [t, u] = [freshTenant(), freshTenant()]
          const rows = [letter(t, "h1"), letter(t, "h2", { sent: "2024-07-03" }), letter(t, "h3"), letter(t, "h4")]
          yield* recognition.addLetters(rows)
          yield* recognition.addLetters([letter(u, "h1")])
          yield* recognition.markSent(t, ["h1", "h2", "zz", "h3", "h1"].map(honourId), day("2024-07-10"))
          const sent = { status: "sent" as const, sentOn: day("2024-07-10") }
          expect(yield* recognition.letters(t)).toEqual([{ ...rows[0]!, ...sent }, rows[1], { ...rows[2]!, ...sent }, rows[3]])
          // Marking again changes nothing; none named changes nothing.
          yield* recognition.markSent(t, ["h1", "h3"].map(honourId), day("2024-08-01"))
          yield* recognition.markSent(t, [], day("2024-08-01"))
          expect((yield* recognition.letters(t)).map((l) => [l.status, l.sentOn])).toEqual([
            ["sent", "2024-07-10"], ["sent", "2024-07-03"], ["sent", "2024-07-10"], ["pending", null]
          ])
          expect(yield* recognition.letters(u)).toEqual([letter(u, "h1")])
        }))

      it.effect("markSent in a transaction that fails leaves the letters pending", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const t = freshTenant()
          yield* store.recognition.addLetters([letter(t, "h1")])
          const failed = yield* Effect.flip(store.transaction(
            t,
            Effect.zipRight(store.recognition.markSent(t, [honourId("h1")], day("2024-07-10")), Effect.fail("no" as const))
          ))
          expect(failed).toBe("no")
          expect(yield* store.recognition.letters(t)).toEqual([letter(t, "h1")])
        }))
    })

    // ---------------------------------------------------------- keys and tenants

    describe("keys and tenants", () => {
      it.effect("rows with an existing key, or a key twice in a call, fail with a StoreError and write nothing of the call", () =>
        Effect.gen(function*() {
          const { recognition, tracks, workforce } = yield* ports
          const t = freshTenant()
          const k = track(t, "k")
          const e = event(t, "k", 1)
          const w = worker(t, "w")
          const s = session(t, "s")
          const a = attend(t, "s", "w")
          const h = holding(t, "w", "assistant", "2020-01-01")
          const m = move(t, "m", "w", "2024-01-01")
          const o = honour(t, "o", "2024-01-01")
          const l = letter(t, "o")
          yield* tracks.addTracks([k])
          yield* tracks.addEvents([e])
          yield* workforce.addWorkers([w])
          yield* workforce.addSessions([s])
          yield* workforce.addAttendance([a])
          yield* workforce.addHoldings([h])
          yield* workforce.addMoves([m])
          yield* recognition.addHonours([o])
          yield* recognition.addLetters([l])
          // The same seq on another track, a level the worker lacks and another worker at the session are new keys.
          yield* tracks.addEvents([event(t, "k2", 1)])
          yield* workforce.addHoldings([holding(t, "w", "intermediate", "2021-01-01")])
          yield* workforce.addAttendance([attend(t, "s", "w2")])
          const refused = [
            tracks.addTracks([track(t, "k3"), { ...k, name: "重名" }]),
            tracks.addTracks([track(t, "k4"), track(t, "k4", { name: "重名" })]),
            tracks.addEvents([event(t, "k", 2), { ...e, reason: "重名", evidence: { note: "重名" } }]),
            tracks.addEvents([event(t, "k", 3), event(t, "k", 3, { by: "重名" })]),
            workforce.addWorkers([worker(t, "w3"), { ...w, name: "重名" }]),
            workforce.addWorkers([worker(t, "w4"), worker(t, "w4", { name: "重名" })]),
            workforce.addSessions([session(t, "s3"), { ...s, title: "重名" }]),
            workforce.addAttendance([attend(t, "s3", "w"), a]),
            workforce.addAttendance([attend(t, "s", "w4"), attend(t, "s", "w4")]),
            workforce.addHoldings([holding(t, "w3", "senior", "2021-01-01"), { ...h, route: "重名" }]),
            workforce.addHoldings([holding(t, "w4", "senior", "2021-01-01"), holding(t, "w4", "senior", "2022-01-01", { route: "重名" })]),
            workforce.addMoves([move(t, "m3", "w", "2024-02-01"), { ...m, note: "重名" }]),
            recognition.addHonours([honour(t, "o3", "2024-01-01"), { ...o, criteria: "重名" }]),
            recognition.addLetters([letter(t, "o3"), { ...l, hometown: "重名" }]),
            recognition.addLetters([letter(t, "o4"), letter(t, "o4", { hometown: "重名" })])
          ]
          for (const write of refused) {
            const error = yield* Effect.flip(write)
            expect(error).toMatchObject({ _tag: "StoreError" })
            expect(error.message).not.toContain("重名")
          }
          expect(yield* tracks.tracks(t)).toEqual([k])
          expect(yield* tracks.events(t)).toEqual([e, event(t, "k2", 1)])
          expect(yield* workforce.workers(t)).toEqual([w])
          expect(yield* workforce.sessions(t)).toEqual([s])
          expect(yield* workforce.attendance(t)).toEqual([a, attend(t, "s", "w2")])
          expect(yield* workforce.holdings(t)).toEqual([h, holding(t, "w", "intermediate", "2021-01-01")])
          expect(yield* workforce.moves(t)).toEqual([m])
          expect(yield* recognition.honours(t)).toEqual([o])
          expect(yield* recognition.letters(t)).toEqual([l])
        }))

      it.effect("writes in a transaction that fails leave nothing, a plan replaced in it included", () =>
        Effect.gen(function*() {
          const store = yield* ports
          const { recognition, tracks, workforce } = store
          const t = freshTenant()
          const p = plan(t, "g", 2024, 10)
          yield* workforce.putPlans([p])
          const failed = yield* Effect.flip(store.transaction(
            t,
            Effect.gen(function*() {
              yield* tracks.addTracks([track(t, "k")])
              yield* tracks.addEvents([event(t, "k", 1)])
              yield* workforce.addWorkers([worker(t, "w")])
              yield* workforce.putPlans([{ ...p, planned: 99 }, plan(t, "g", 2025, 1)])
              yield* workforce.addSessions([session(t, "s")])
              yield* workforce.addAttendance([attend(t, "s", "w")])
              yield* workforce.addHoldings([holding(t, "w", "assistant", "2020-01-01")])
              yield* workforce.addMoves([move(t, "m", "w", "2024-01-01")])
              yield* recognition.addHonours([honour(t, "o", "2024-01-01")])
              yield* recognition.addLetters([letter(t, "o")])
              return yield* Effect.fail("no" as const)
            })
          ))
          expect(failed).toBe("no")
          expect(yield* tracks.tracks(t)).toEqual([])
          expect(yield* tracks.events(t)).toEqual([])
          expect(yield* workforce.workers(t)).toEqual([])
          expect(yield* workforce.plans(t)).toEqual([p])
          expect(yield* workforce.sessions(t)).toEqual([])
          expect(yield* workforce.attendance(t)).toEqual([])
          expect(yield* workforce.holdings(t)).toEqual([])
          expect(yield* workforce.moves(t)).toEqual([])
          expect(yield* recognition.honours(t)).toEqual([])
          expect(yield* recognition.letters(t)).toEqual([])
        }))

      it.effect("the same keys in two tenants never mix", () =>
        Effect.gen(function*() {
          const { recognition, tracks, workforce } = yield* ports
          const [t, u] = [freshTenant(), freshTenant()]
          const write = (tenant: T, name: string) =>
            Effect.gen(function*() {
              yield* tracks.addTracks([track(tenant, "k", { person: "p", name })])
              yield* tracks.addEvents([event(tenant, "k", 1, { by: name })])
              yield* workforce.addWorkers([worker(tenant, "w", { name })])
              yield* workforce.putPlans([plan(tenant, "g", 2024, name === "甲" ? 1 : 2)])
              yield* workforce.addSessions([session(tenant, "s", { title: name })])
              yield* workforce.addAttendance([attend(tenant, "s", "w")])
              yield* workforce.addHoldings([holding(tenant, "w", "assistant", "2020-01-01", { route: name })])
              yield* workforce.addMoves([move(tenant, "m", "w", "2024-01-01", { note: name })])
              yield* recognition.addHonours([honour(tenant, "o", "2024-01-01", { criteria: name })])
              yield* recognition.addLetters([letter(tenant, "o", { hometown: name })])
            })
          yield* write(t, "甲")
          yield* write(u, "乙")
          // A plan replaced in u touches nothing of t.
          yield* workforce.putPlans([plan(u, "g", 2024, 3)])
          for (const [tenant, name] of [[t, "甲"], [u, "乙"]] as const) {
            const tenantOf = (rows: ReadonlyArray<{ readonly tenant: string }>) => rows.map((r) => r.tenant)
            expect((yield* tracks.tracksOf(tenant, [trackId("k")])).map((x) => [x.tenant, x.name])).toEqual([[tenant, name]])
            expect(tenantOf(yield* tracks.tracksFor(tenant, [personId("p")]))).toEqual([tenant])
            expect(tenantOf(yield* tracks.tracks(tenant))).toEqual([tenant])
            expect((yield* tracks.eventsOf(tenant, [trackId("k")])).map((x) => [x.tenant, x.recordedBy])).toEqual([[tenant, name]])
            expect(tenantOf(yield* tracks.events(tenant))).toEqual([tenant])
            expect((yield* workforce.workersOf(tenant, [workerId("w")])).map((x) => [x.tenant, x.name])).toEqual([[tenant, name]])
            expect(tenantOf(yield* workforce.workers(tenant))).toEqual([tenant])
            expect((yield* workforce.sessionsOf(tenant, [sessionId("s")])).map((x) => [x.tenant, x.title])).toEqual([[tenant, name]])
            expect(tenantOf(yield* workforce.sessions(tenant))).toEqual([tenant])
            expect(tenantOf(yield* workforce.attendance(tenant))).toEqual([tenant])
            expect((yield* workforce.holdingsOf(tenant, [workerId("w")])).map((x) => [x.tenant, x.route])).toEqual([[tenant, name]])
            expect(tenantOf(yield* workforce.holdings(tenant))).toEqual([tenant])
            expect((yield* workforce.movesOf(tenant, [moveId("m")])).map((x) => [x.tenant, x.note])).toEqual([[tenant, name]])
            expect(tenantOf(yield* workforce.movesFor(tenant, [workerId("w")]))).toEqual([tenant])
            expect(tenantOf(yield* workforce.moves(tenant))).toEqual([tenant])
            expect((yield* recognition.honoursOf(tenant, [honourId("o")])).map((x) => [x.tenant, x.criteria])).toEqual([[tenant, name]])
            expect(tenantOf(yield* recognition.honours(tenant))).toEqual([tenant])
            expect((yield* recognition.letters(tenant)).map((x) => [x.tenant, x.hometown])).toEqual([[tenant, name]])
          }
          expect(yield* workforce.plans(t)).toEqual([plan(t, "g", 2024, 1)])
          expect(yield* workforce.plans(u)).toEqual([plan(u, "g", 2024, 3)])
        }))
    })

    // ----------------------------------------------------------------- many keys

    describe("many keys", () => {
      // More keys than one SQLite statement's parameters (32,766), so a store that
      // chunks merges the chunks in order; the known keys stand at both ends and in the
      // middle of the list, in reverse order.
      it.effect("every read by keys takes 40,000 keys and answers in its order", () =>
        Effect.gen(function*() {
          const { recognition, tracks, workforce } = yield* ports
          const t = freshTenant()
          const five = (prefix: string) => Array.from({ length: 5 }, (_, i) => `${prefix}${i + 1}`)
          const [trackIds, people, workerIds, sessionIds, moveIds, honourIds] = ["k", "p", "w", "s", "m", "o"].map(five) as [
            Array<string>,
            Array<string>,
            Array<string>,
            Array<string>,
            Array<string>,
            Array<string>
          ]
          const trackRows = trackIds.map((id, i) => track(t, id, { person: people[i % 3]! }))
          // Twelve events a track: merged chunks must put seq 2 before seq 10.
          const events = trackIds.flatMap((id) => Array.from({ length: 12 }, (_, s) => event(t, id, s + 1)))
          const workers = workerIds.map((id) => worker(t, id))
          const sessions = sessionIds.map((id) => session(t, id))
          const holdings = workerIds.flatMap((id, i) => [
            holding(t, id, "intermediate", `202${i}-01-01`),
            holding(t, id, "assistant", `201${i}-01-01`)
          ])
          const moves = moveIds.map((id, i) => move(t, id, workerIds[4 - (i % 3)]!, `2024-0${5 - i}-01`))
          const honours = honourIds.map((id, i) => honour(t, id, `2024-0${5 - i}-01`))
          yield* tracks.addTracks(trackRows)
          yield* tracks.addEvents([...events].reverse())
          yield* workforce.addWorkers(workers)
          yield* workforce.addSessions(sessions)
          yield* workforce.addHoldings(holdings)
          yield* workforce.addMoves(moves)
          yield* recognition.addHonours(honours)
          const letters = honourIds.map((id) => letter(t, id))
          yield* recognition.addLetters([...letters].reverse())
          expect(spread(trackIds).length).toBe(many)

          expect(yield* tracks.tracksOf(t, spread<Pathway.TrackId>(trackIds))).toEqual(trackRows)
          expect(yield* tracks.tracksFor(t, spread<Pathway.PersonId>(people))).toEqual(trackRows)
          expect(yield* tracks.eventsOf(t, spread<Pathway.TrackId>(trackIds))).toEqual(events)
          expect(yield* workforce.workersOf(t, spread<CommunityWorker.WorkerId>(workerIds))).toEqual(workers)
          expect(yield* workforce.sessionsOf(t, spread<CommunityWorker.SessionId>(sessionIds))).toEqual(sessions)
          expect(yield* workforce.holdingsOf(t, spread<CommunityWorker.WorkerId>(workerIds))).toEqual(sortBy(holdings, ...byObtained))
          expect(yield* workforce.movesOf(t, spread<CommunityWorker.MoveId>(moveIds))).toEqual(moves)
          expect(yield* workforce.movesFor(t, spread<CommunityWorker.WorkerId>(workerIds))).toEqual(sortBy(moves, ...byWorker))
          expect(yield* recognition.honoursOf(t, spread<Recognition.HonourId>(honourIds))).toEqual(honours)
          expect(yield* recognition.lettersOf(t, spread<Recognition.HonourId>(honourIds))).toEqual(letters)
          yield* recognition.markSent(t, spread<Recognition.HonourId>(honourIds), day("2024-07-10"))
          expect((yield* recognition.letters(t)).map((l) => l.sentOn)).toEqual(letters.map(() => "2024-07-10"))
        }), { timeout: 120_000 })

      it.effect("writes, replaces and reads 20,000 rows a call (more than one statement's parameters)", () =>
        Effect.gen(function*() {
          const { tracks, workforce } = yield* ports
          const t = freshTenant()
          const size = 20_000
          const ids = Array.from({ length: size / 10 }, (_, i) => `k${String(i).padStart(4, "0")}`)
          const events = ids.flatMap((id) => Array.from({ length: 10 }, (_, s) => event(t, id, s + 1, { evidence: { note: id } })))
          const attendance = Array.from({ length: size }, (_, i) => attend(t, `s${i % 7}`, `w${String(i).padStart(5, "0")}`))
          const plans = Array.from({ length: size }, (_, i) => plan(t, `g${String(i % 1000).padStart(3, "0")}`, 2000 + Math.floor(i / 1000), i))
          yield* tracks.addEvents(events)
          yield* workforce.addAttendance(attendance)
          yield* workforce.putPlans(plans)
          expect(yield* tracks.events(t)).toEqual(events)
          // A call refused by its last row writes none of the chunks before it.
          const more = events.map((e) => ({ ...e, seq: e.seq + 10 }))
          expect(yield* Effect.flip(tracks.addEvents([...more, events[0]!]))).toMatchObject({ _tag: "StoreError" })
          const moreAttendance = attendance.map((a) => ({ ...a, sessionId: sessionId(`x${a.sessionId}`) }))
          expect(yield* Effect.flip(workforce.addAttendance([...moreAttendance, attendance[0]!]))).toMatchObject({ _tag: "StoreError" })
          expect(yield* tracks.eventsOf(t, ids.map(trackId))).toEqual(events)
          expect(yield* workforce.attendance(t)).toEqual(sortBy(attendance, ...bySession))
          yield* workforce.putPlans(plans.map((p) => ({ ...p, planned: p.planned + 1 })))
          expect(yield* workforce.plans(t)).toEqual(sortBy(plans.map((p) => ({ ...p, planned: p.planned + 1 })), ...byPlan))
        }), { timeout: 120_000 })
    })

    // ---------------------------------------------------------------- properties

    describe("properties", () => {
      // Ids and text that sort differently by UTF-16 unit and by code point, and that
      // JSON (or a list joined with commas) must escape.
      const id = FastCheck.constantFrom("a", "b", "B", "ab", "a b", "é", "中", "𠀀", "\uFFFD", "z", "a,b", "[\"x\"]")
      const text = FastCheck.array(
        FastCheck.constantFrom("a", "中", "𠀀", "'", "\"", "\\", " ", "é", "%", "_", "\u00a0", ",", "[", "]", "{", "}", "\u2028"),
        { maxLength: 6 }
      ).map((cs) => cs.join(""))
      const epoch = day("2020-01-01")
      const date = FastCheck.integer({ min: 0, max: 60 }).map((n) => IsoDate.addDays(epoch, n))
      const count = FastCheck.oneof(FastCheck.nat({ max: 1_000 }), FastCheck.constantFrom(0, 1_000_000))
      const nullable = <A>(arb: FastCheck.Arbitrary<A>) => FastCheck.option(arb, { nil: null })
      // Every field of the evidence and of a length present or absent, independently.
      const evidence: FastCheck.Arbitrary<Pathway.Evidence> = FastCheck.record({
        documents: FastCheck.array(text, { maxLength: 3 }),
        people: FastCheck.array(FastCheck.record({ role: id, id }), { maxLength: 3 }),
        vote: FastCheck.record({ present: count, yes: count, no: count, abstain: count }),
        training: FastCheck.record({ days: count, hours: count }),
        passed: FastCheck.boolean(),
        special: text,
        note: text
      }, { requiredKeys: [] })
      const length: FastCheck.Arbitrary<Pathway.Duration> = FastCheck.record({ years: count, months: count, days: count }, {
        requiredKeys: []
      })

      const tenantRows = FastCheck.record({
        tracks: FastCheck.uniqueArray(
          FastCheck.record({ id, person: id, ladder: id, name: text, birth: nullable(date), organisation: id }),
          { selector: (k) => k.id, maxLength: 8 }
        ),
        events: FastCheck.uniqueArray(
          FastCheck.record({
            track: id,
            seq: FastCheck.oneof(FastCheck.integer({ min: 1, max: 12 }), FastCheck.constant(100_000)),
            kind: FastCheck.constantFrom<Pathway.Event["kind"]>("step", "extend", "cancel"),
            step: nullable(id),
            on: date,
            length: nullable(length),
            reason: nullable(text),
            evidence,
            late: FastCheck.boolean(),
            by: text,
            recordedOn: date
          }),
          { selector: (e) => `${e.track} ${e.seq}`, maxLength: 16 }
        ),
        workers: FastCheck.uniqueArray(
          FastCheck.record({
            id,
            name: text,
            phone: nullable(text),
            community: text,
            post: FastCheck.constantFrom<CommunityWorker.Post>("secretary", "director", "worker"),
            hired: date,
            degree: FastCheck.constantFrom<Qualification.Degree>("secondary", "associate", "bachelor", "master", "doctor"),
            socialWork: FastCheck.boolean(),
            since: nullable(date)
          }),
          { selector: (w) => w.id, maxLength: 6 }
        ),
        plans: FastCheck.uniqueArray(
          FastCheck.record({ grid: id, year: FastCheck.integer({ min: 2000, max: 2100 }), planned: count }),
          { selector: (p) => `${p.grid} ${p.year}`, maxLength: 8 }
        ),
        sessions: FastCheck.uniqueArray(
          FastCheck.record({ id, title: text, grid: text, from: date, to: date, hours: FastCheck.integer({ min: 1, max: 1000 }) }),
          { selector: (s) => s.id, maxLength: 6 }
        ),
        attendance: FastCheck.uniqueArray(FastCheck.record({ session: id, worker: id }), {
          selector: (a) => `${a.session} ${a.worker}`,
          maxLength: 12
        }),
        holdings: FastCheck.uniqueArray(
          FastCheck.record({
            worker: id,
            level: FastCheck.constantFrom<Qualification.Level>("assistant", "intermediate", "senior"),
            // Few days, so that two levels of a worker are often obtained on one day.
            on: FastCheck.integer({ min: 0, max: 2 }).map((n) => IsoDate.addDays(epoch, n)),
            certificate: nullable(id),
            route: text
          }),
          { selector: (h) => `${h.worker} ${h.level}`, maxLength: 12 }
        ),
        moves: FastCheck.uniqueArray(
          FastCheck.record({
            id,
            worker: id,
            kind: FastCheck.constantFrom<CommunityWorker.MoveKind>("model-secretary", "promoted", "civil-service", "establishment", "elected-director"),
            on: FastCheck.integer({ min: 0, max: 3 }).map((n) => IsoDate.addDays(epoch, n)),
            note: nullable(text)
          }),
          { selector: (m) => m.id, maxLength: 8 }
        ),
        honours: FastCheck.uniqueArray(
          FastCheck.record({
            id,
            kind: FastCheck.constantFrom<Recognition.HonourKind>("mobile-vanguard", "star-merchant", "model-site"),
            member: nullable(id),
            organisation: id,
            stars: nullable(FastCheck.integer({ min: 1, max: 5 })),
            level: nullable(FastCheck.constantFrom<Recognition.SiteLevel>("district", "city")),
            criteria: text,
            by: text,
            on: FastCheck.integer({ min: 0, max: 3 }).map((n) => IsoDate.addDays(epoch, n))
          }),
          { selector: (h) => h.id, maxLength: 8 }
        ),
        letters: FastCheck.uniqueArray(
          FastCheck.record({
            honour: id,
            member: id,
            hometown: text,
            address: text,
            sent: nullable(date),
            created: date
          }),
          { selector: (l) => l.honour, maxLength: 6 }
        ),
        keys: FastCheck.array(id, { maxLength: 4 })
      })

      type Input = typeof tenantRows extends FastCheck.Arbitrary<infer A> ? A : never

      /** The input as the port's rows of a tenant. */
      const rowsOf = (t: T, input: Input) => ({
        tracks: input.tracks.map((k) => track(t, k.id, k)),
        events: input.events.map((e) =>
          event(t, e.track, e.seq, {
            kind: e.kind,
            step: e.step,
            on: e.on,
            length: e.length,
            reason: e.reason,
            evidence: e.evidence,
            late: e.late,
            by: e.by,
            recordedOn: e.recordedOn
          })
        ),
        workers: input.workers.map((w) => worker(t, w.id, w)),
        plans: input.plans.map((p) => plan(t, p.grid, p.year, p.planned)),
        sessions: input.sessions.map((s) => session(t, s.id, s)),
        attendance: input.attendance.map((a) => attend(t, a.session, a.worker)),
        holdings: input.holdings.map((h) => holding(t, h.worker, h.level, h.on, h)),
        moves: input.moves.map((m) => move(t, m.id, m.worker, m.on, m)),
        honours: input.honours.map((h) => honour(t, h.id, h.on, h)),
        letters: input.letters.map((l) => letter(t, l.honour, l))
      })

      it.effect.prop(
        "random rows come back as written, from every read, in its order",
        { input: tenantRows },
        ({ input }) =>
          Effect.gen(function*() {
            const { recognition, tracks, workforce } = yield* ports
            const t = freshTenant()
            const rows = rowsOf(t, input)
            yield* tracks.addTracks(rows.tracks)
            yield* tracks.addEvents(rows.events)
            yield* workforce.addWorkers(rows.workers)
            yield* workforce.putPlans(rows.plans)
            yield* workforce.addSessions(rows.sessions)
            yield* workforce.addAttendance(rows.attendance)
            yield* workforce.addHoldings(rows.holdings)
            yield* workforce.addMoves(rows.moves)
            yield* recognition.addHonours(rows.honours)
            yield* recognition.addLetters(rows.letters)
            const keys = input.keys
            const hasKey = (k: string) => keys.includes(k)

            expect(yield* tracks.tracksOf(t, keys.map(trackId))).toEqual(sortBy(rows.tracks.filter((k) => hasKey(k.id)), byId))
            expect(yield* tracks.tracksFor(t, keys.map(personId))).toEqual(sortBy(rows.tracks.filter((k) => hasKey(k.person)), byId))
            expect(yield* tracks.tracks(t)).toEqual(sortBy(rows.tracks, byId))
            expect(yield* tracks.eventsOf(t, keys.map(trackId))).toStrictEqual(sortBy(rows.events.filter((e) => hasKey(e.trackId)), ...byTrack))
            expect(yield* tracks.events(t)).toStrictEqual(sortBy(rows.events, ...byTrack))

            expect(yield* workforce.workersOf(t, keys.map(workerId))).toStrictEqual(sortBy(rows.workers.filter((w) => hasKey(w.id)), byId))
            expect(yield* workforce.workers(t)).toStrictEqual(sortBy(rows.workers, byId))
            expect(yield* workforce.plans(t)).toEqual(sortBy(rows.plans, ...byPlan))
            expect(yield* workforce.sessionsOf(t, keys.map(sessionId))).toEqual(sortBy(rows.sessions.filter((s) => hasKey(s.id)), byId))
            expect(yield* workforce.sessions(t)).toEqual(sortBy(rows.sessions, byId))
            expect(yield* workforce.attendance(t)).toEqual(sortBy(rows.attendance, ...bySession))
            expectInOrder(
              yield* workforce.holdingsOf(t, keys.map(workerId)),
              rows.holdings.filter((h) => hasKey(h.workerId)),
              byObtained,
              holdingTies
            )
            expectInOrder(yield* workforce.holdings(t), rows.holdings, byObtained, holdingTies)
            expect(yield* workforce.movesOf(t, keys.map(moveId))).toEqual(sortBy(rows.moves.filter((m) => hasKey(m.id)), byId))
            expect(yield* workforce.movesFor(t, keys.map(workerId))).toEqual(sortBy(rows.moves.filter((m) => hasKey(m.workerId)), ...byWorker))
            expect(yield* workforce.moves(t)).toEqual(sortBy(rows.moves, ...byWorker))

            expect(yield* recognition.honoursOf(t, keys.map(honourId))).toEqual(sortBy(rows.honours.filter((h) => hasKey(h.id)), byId))
            expect(yield* recognition.honours(t)).toEqual(sortBy(rows.honours, ...byAwarded))
            expect(yield* recognition.letters(t)).toEqual(sortBy(rows.letters, byHonour))
            expect(yield* recognition.lettersOf(t, keys.map(honourId))).toEqual(sortBy(rows.letters.filter((l) => hasKey(l.honourId)), byHonour))
            // Everything, all at once.
            expect(yield* tracks.tracksFor(t, rows.tracks.map((k) => k.person))).toEqual(sortBy(rows.tracks, byId))
            expect(yield* tracks.eventsOf(t, rows.events.map((e) => e.trackId))).toStrictEqual(sortBy(rows.events, ...byTrack))
            expectInOrder(yield* workforce.holdingsOf(t, rows.holdings.map((h) => h.workerId)), rows.holdings, byObtained, holdingTies)
            expect(yield* workforce.movesFor(t, rows.moves.map((m) => m.workerId))).toEqual(sortBy(rows.moves, ...byWorker))
          }),
        { timeout: 120_000, fastCheck: { numRuns: 30 } }
      )

      const batches = FastCheck.array(
        FastCheck.array(
          FastCheck.record({
            grid: FastCheck.constantFrom("g", "G", "中", "𠀀"),
            year: FastCheck.constantFrom(2000, 2024, 2100),
            planned: count
          }),
          { maxLength: 6 }
        ),
        { minLength: 1, maxLength: 5 }
      )

      const sends = FastCheck.record({
        letters: FastCheck.uniqueArray(FastCheck.record({ honour: id, sent: nullable(date) }), { selector: (l) => l.honour, maxLength: 6 }),
        calls: FastCheck.array(FastCheck.record({ ids: FastCheck.array(id, { maxLength: 5 }), on: date }), { maxLength: 5 })
      })

      it.effect.prop(
        "markSent: after any calls, a letter pending before is sent on the day of the first call naming it, one sent keeps its day",
        { sends },
        ({ sends }) =>
          Effect.gen(function*() {
            const { recognition } = yield* ports
            const t = freshTenant()
            const rows = sends.letters.map((l) => letter(t, l.honour, { sent: l.sent }))
            yield* recognition.addLetters(rows)
            for (const call of sends.calls) yield* recognition.markSent(t, call.ids.map(honourId), call.on)
            const expected = rows.map((l) => {
              const first = sends.calls.find((c) => c.ids.includes(l.honourId))
              return l.status === "pending" && first !== undefined ? { ...l, status: "sent" as const, sentOn: first.on } : l
            })
            expect(yield* recognition.letters(t)).toEqual(sortBy(expected, byHonour))
          }),
        { timeout: 120_000, fastCheck: { numRuns: 30 } }
      )

      it.effect.prop(
        "putPlans: after any batches, each grid and year holds its last write",
        { batches },
        ({ batches }) =>
          Effect.gen(function*() {
            const { workforce } = yield* ports
            const t = freshTenant()
            const plans = batches.map((b) => b.map((p) => plan(t, p.grid, p.year, p.planned)))
            for (const batch of plans) yield* workforce.putPlans(batch)
            const last = lastWins(plans.flat(), (p) => `${p.gridCode} ${p.year}`)
            expect(yield* workforce.plans(t)).toEqual(sortBy(last, ...byPlan))
          }),
        { timeout: 120_000, fastCheck: { numRuns: 30 } }
      )
    })
  })
}
