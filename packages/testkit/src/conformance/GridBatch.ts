/**
 * The batch path against the single-command path, on any store: `Grids.executeAll`
 * (one transaction, the decisions run against an in-memory workspace and written back
 * set-based) must give what `Grids.execute`, one command at a time, gives.
 *
 * - Random intent sequences run one by one in one tenant, and the same commands run in
 *   another as one batch: the same history (grids, links, places, terms, assignments,
 *   the audit log with its seqs) when every command succeeded; when one was refused,
 *   the batch fails with its error, names its row and writes nothing; the commands that
 *   succeeded, as one batch or cut into several, give the same history again.
 * - A bad row in the middle of a thousand writes nothing, the error naming the row and
 *   the rule (an unknown grid, a malformed input, a Forbidden one, a rule broken only by
 *   an earlier row of the batch, one after a structural change wrote the batch so far).
 * - Structural changes in the middle of a batch (a move, a merge) see every earlier
 *   command of the batch, and later commands see them.
 *
 * @since 0.2.0
 */
import { expect, it } from "@effect/vitest"
import { Actor, type Changes, Grids, GridStore, type Store } from "@jiceng/core"
import { Effect, Either, type Layer, Schema } from "effect"
import * as GridIntents from "../arbitraries/GridIntents.js"
import { freshTenant, gridsOver, longFactor } from "./support.js"

const start = "2023-01-01"

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/** Maps every string of a JSON-like value (arrays, plain objects), keeping its shape. */
const mapStrings = (f: (s: string) => string) => {
  const go = (x: unknown): unknown =>
    typeof x === "string"
      ? f(x)
      : Array.isArray(x)
      ? x.map(go)
      : x !== null && typeof x === "object"
      ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, go(v)]))
      : x
  return go
}

/**
 * A command input of tenant `from` made the same command for tenant `to`: the tenant
 * code where it begins a code (a grid code, a code inside an id or a list), and the
 * work units' credit codes, which carry the region (and so a new check character; a code
 * with a wrong check character gets a wrong one again).
 *
 * @since 0.2.0
 * @category utils
 */
export const retarget = (from: string, to: string): (input: unknown) => unknown => {
  const credit = new RegExp(`^91${escape(from)}MA(\\d{7})[0-9A-Z]$`)
  const code = new RegExp(`(?<![0-9A-Za-z])${escape(from)}`, "g")
  return mapStrings((s) => {
    const m = credit.exec(s)
    if (m === null) return s.replace(code, to)
    // The check character depends on the region: a valid code stays valid, and one with a
    // wrong check character stays wrong (never the right one by chance).
    const valid = GridIntents.creditCode(to, Number(m[1]))
    return s === GridIntents.creditCode(from, Number(m[1])) ? valid : valid.slice(0, 17) + (valid.endsWith("0") ? "1" : "0")
  })
}

/**
 * A tenant's records with the tenant code taken out (`~`), so that two tenants' histories
 * compare: in codes, ids, audit targets and details, and credit codes (without their
 * check character, which depends on the region).
 *
 * @since 0.2.0
 * @category utils
 */
export const untenanted = (tenant: string): (value: unknown) => unknown => {
  const credit = new RegExp(`91${escape(tenant)}MA(\\d{7})[0-9A-Z]`, "g")
  const code = new RegExp(`(?<![0-9A-Za-z])${escape(tenant)}`, "g")
  return mapStrings((s) => s.replace(credit, "91~MA$1").replace(code, "~"))
}

/** An error as `GridIntents.run` reports it: tag and rule (or message). */
const resultOf = (error: unknown): string => {
  const e = error as { readonly _tag: string; readonly rule?: string; readonly message: string }
  return `${e._tag}:${"rule" in e ? e.rule : e.message}`
}

/** The tenant's history, its tenant code taken out. */
const historyOf = (tenant: string) => Effect.map(GridIntents.history(tenant), untenanted(tenant))

const empty = { grids: [], links: [], assignments: [], terms: [], places: [], audit: [] }

/** Consecutive slices of `items`, cut before the given positions (taken modulo its length). */
const cut = <A>(items: ReadonlyArray<A>, at: ReadonlyArray<number>): ReadonlyArray<ReadonlyArray<A>> => {
  if (items.length < 2) return [items]
  const points = [...new Set(at.map((p) => 1 + (p % (items.length - 1))))].sort((a, b) => a - b)
  return [0, ...points].map((from, i) => items.slice(from, points[i] ?? items.length))
}

const Cuts = Schema.Array(Schema.Int.pipe(Schema.between(0, 100_000))).pipe(Schema.minItems(1), Schema.maxItems(3))

/**
 * Registers the suite for one store.
 *
 * @since 0.2.0
 * @category suites
 */
export const gridBatch = <E>(
  name: string,
  store: Layer.Layer<Store.Store, E>,
  options: { readonly numRuns?: number; readonly maxIntents?: number } = {}
) =>
  it.layer(gridsOver(store), { timeout: 600_000 })(`${name}: batches as one by one`, (it) => {
    const numRuns = (options.numRuns ?? 20) * longFactor()
    const budget = 240_000 * longFactor()

    it.effect.prop(
      "a batch gives what the same commands give one by one: the history, or the first refusal with its row and nothing written",
      [GridIntents.Intents(options.maxIntents ?? 30), Cuts],
      ([ops, cuts]) =>
        Effect.gen(function*() {
          const grids = yield* Grids.Grids
          const [a, b, c] = [freshTenant(), freshTenant(), freshTenant()]
          // One by one in tenant A; the resolved commands are what the batches run.
          const outcomes = yield* GridIntents.run(a, ops, { checkRefusals: false })
          const expected = yield* historyOf(a)
          // Tenant A's very commands, base tree included (its root's name is A's too).
          const commandsFor = (tenant: string, which: ReadonlyArray<GridIntents.Outcome>) =>
            retarget(a, tenant)([...GridIntents.baseTree(a, start), ...which.map((o) => o.command)]) as ReadonlyArray<unknown>
          const ok = outcomes.filter((o) => o.result === "ok")
          const base = GridIntents.baseTree(a, start).length
          const refused = outcomes.flatMap((o, i) => (o.result === "ok" ? [] : [{ ...o, row: base + i + 1 }]))

          // Tenant B: every command in one batch.
          const all = yield* Effect.either(grids.executeAllUnknown(Actor.system(b), commandsFor(b, outcomes)))
          if (refused.length === 0) {
            expect(Either.isRight(all), Either.isLeft(all) ? resultOf(all.left) : "").toBe(true)
            expect(yield* historyOf(b)).toEqual(expected)
          } else {
            // executeAll decodes and authorizes every row before its transaction: a row
            // refused there is reported before an earlier row that a rule refuses.
            const first = refused.find((o) => /^(ValidationError|Forbidden):/.test(o.result)) ?? refused[0]!
            expect(Either.isLeft(all)).toBe(true)
            const error = Either.isLeft(all) ? all.left : undefined
            expect([resultOf(error), (error as { readonly row?: number }).row]).toEqual([first.result, first.row])
            expect(yield* GridIntents.history(b)).toEqual(empty)
            // Only the commands that succeeded one by one.
            yield* grids.executeAllUnknown(Actor.system(b), commandsFor(b, ok))
            expect(yield* historyOf(b)).toEqual(expected)
          }

          // Tenant C: the commands that succeeded, cut into 2–4 consecutive batches.
          for (const batch of cut(commandsFor(c, ok), cuts)) {
            yield* grids.executeAllUnknown(Actor.system(c), batch)
          }
          expect(yield* historyOf(c)).toEqual(expected)
        }),
      { timeout: budget + 60_000, fastCheck: { numRuns, interruptAfterTimeLimit: budget } }
    )

    it.effect("a bad row in the middle of a thousand writes nothing; the error names the row and the rule", () =>
      Effect.gen(function*() {
        const tenant = freshTenant()
        const grids = yield* Grids.Grids
        const admin = Actor.system(tenant)
        yield* grids.executeAllUnknown(admin, GridIntents.baseTree(tenant, start))
        // Blocks of street 001 (base tree), and one of street 002.
        const blocks = [
          `${tenant}001001001001001`,
          `${tenant}001001001001002`,
          `${tenant}001001001002001`,
          `${tenant}001001002001001`,
          `${tenant}001001002001002`,
          `${tenant}001002001001001`
        ]
        const outside = `${tenant}002001001001001`
        const household = (i: number, at = "2024-01-01") => ({
          _tag: "PlacePlace", id: `H${i}`, kind: "household", name: `户${i}`, gridCode: blocks[i % blocks.length]!, at
        })
        const thousand = Array.from({ length: 1000 }, (_, i) => household(i + 1))
        const withRow500 = (row: unknown, batch: ReadonlyArray<unknown> = thousand) => batch.map((r, i) => (i === 499 ? row : r))
        const streetAdmin = Actor.make({ id: "street", tenant, roles: ["admin"], scope: `${tenant}001` })
        // A move at row 250: the workspace writes rows 1–249 to the store inside the
        // transaction before it asks for the compound's subtree; they must go too.
        const moving = thousand.map((r, i) =>
          i === 249
            ? { _tag: "MoveGrid", code: `${tenant}001001001002`, newParentCode: `${tenant}001001002`, segment: "009", at: "2024-01-01" }
            : r.gridCode.startsWith(`${tenant}001001001002`) && i > 249
            ? { ...r, gridCode: `${tenant}001001002009${r.gridCode.slice(-3)}` }
            : r
        )
        const unknownGrid = { ...household(500), gridCode: `${tenant}001001001001099` }
        const malformed = { ...household(500), at: "2024-02-30" }
        const forbidden = { ...household(500), gridCode: outside }
        // P4, an office building of street 002 (base tree), re-placed into street 001: the
        // grid it lies in now is outside the street's scope, a refusal of the decision.
        const forbiddenRecord = {
          _tag: "PlacePlace", id: "P4", kind: "office_building", name: "楼", gridCode: `${tenant}001001001001`, at: "2024-01-01"
        }
        // H10 is placed as a household at row 10 of the same batch: a place keeps its kind.
        const otherKind = { _tag: "PlacePlace", id: "H10", kind: "merchant", name: "商户", gridCode: `${tenant}001001001`, at: "2024-01-01" }

        // What the single path says of the same input, alone (where it means the same alone).
        const alone = (actor: Actor.Actor, input: unknown) => Effect.flip(grids.executeUnknown(actor, input))
        const cases: ReadonlyArray<readonly [string, Actor.Actor, ReadonlyArray<unknown>, Record<string, unknown>]> = [
          ["an unknown grid", admin, withRow500(unknownGrid), { ...(yield* alone(admin, unknownGrid)) }],
          ["a malformed input", admin, withRow500(malformed), { ...(yield* alone(admin, malformed)) }],
          ["a grid outside the scope", streetAdmin, withRow500(forbidden), { ...(yield* alone(streetAdmin, forbidden)) }],
          ["a record outside the scope", streetAdmin, withRow500(forbiddenRecord), {
            ...(yield* alone(streetAdmin, forbiddenRecord))
          }],
          ["a rule broken by an earlier row", admin, withRow500(otherKind), { _tag: "RuleViolation", rule: "place.kind" }],
          ["after a structural change", admin, withRow500(unknownGrid, moving), { ...(yield* alone(admin, unknownGrid)) }]
        ]
        const before = yield* GridIntents.history(tenant)
        for (const [label, actor, batch, expected] of cases) {
          const { message: _, ...rest } = expected
          expect(rest, label).toHaveProperty("_tag")
          expect(yield* Effect.flip(grids.executeAllUnknown(actor, batch)), label).toMatchObject({ ...rest, row: 500 })
          expect(yield* GridIntents.history(tenant), label).toEqual(before)
        }
        // The same thousands, each bad row mended, go through.
        const mended = yield* grids.executeAllUnknown(admin, moving)
        expect(mended).toHaveLength(1000)
        const after = yield* GridIntents.history(tenant)
        expect(after.audit.map((e) => e.seq)).toEqual(after.audit.map((_, i) => i + 1))
        expect(after.audit.length).toBe(before.audit.length + 1000)
      }))

    it.effect("a batch long enough to write behind while deciding: the same as small batches; a late refusal writes nothing", () =>
      Effect.gen(function*() {
        const grids = yield* Grids.Grids
        // 21,000 commands: the batch starts writing what it decided (every 10,000) while
        // it goes on deciding; a move in the middle asks the store about a subtree.
        const commands = (t: string): Array<Record<string, unknown>> => {
          const blocks = [`${t}001001001001001`, `${t}001001001001002`, `${t}001001001002001`, `${t}001001002001001`]
          const rows: Array<Record<string, unknown>> = Array.from({ length: 21_000 }, (_, i) => ({
            _tag: "PlacePlace", id: `L${i}`, kind: "household", name: `户${i}`, gridCode: blocks[i % blocks.length]!, at: "2024-01-01"
          }))
          rows[12_000] = { _tag: "MoveGrid", code: `${t}001001001002`, newParentCode: `${t}001001002`, segment: "009", at: "2024-02-01" }
          for (let i = 12_001; i < rows.length; i++) {
            if (i % blocks.length === 2) rows[i] = { ...rows[i], gridCode: `${t}001001002009001`, at: "2024-02-01" }
          }
          // Re-placed on the same day after the writes began: a same-day correction.
          rows[15_000] = { ...rows[15_000], id: "L3", gridCode: blocks[0], at: "2024-01-01" }
          return rows
        }
        const [a, b] = [freshTenant(), freshTenant()]
        // The same base tree in both (its names and credit codes derive from the tenant).
        const baseTree = GridIntents.baseTree(a, start)
        yield* grids.executeAllUnknown(Actor.system(a), baseTree)
        yield* grids.executeAllUnknown(Actor.system(b), baseTree.map(retarget(a, b)))
        // The reference: batches too short to write behind.
        const inSmallBatches = commands(a)
        for (let i = 0; i < inSmallBatches.length; i += 5_000) {
          yield* grids.executeAllUnknown(Actor.system(a), inSmallBatches.slice(i, i + 5_000))
        }
        const before = yield* GridIntents.history(b)
        const late = commands(b)
        late[20_500] = { ...late[20_500], gridCode: `${b}001001001001099` }
        const refused = yield* Effect.flip(grids.executeAllUnknown(Actor.system(b), late))
        expect(refused).toMatchObject({ _tag: "RuleViolation", rule: "grid.exists", row: 20_501 })
        expect(yield* GridIntents.history(b)).toEqual(before)
        yield* grids.executeAllUnknown(Actor.system(b), commands(b))
        expect(yield* historyOf(b)).toEqual(yield* historyOf(a))
      }), { timeout: 300_000 })

    it.effect("structural changes in the middle of a batch: the same history and changes as one by one", () =>
      Effect.gen(function*() {
        const grids = yield* Grids.Grids
        const commands = (t: string): ReadonlyArray<Record<string, unknown>> => {
          const sector = `${t}001001001`
          const other = `${t}001001002`
          const created = `${sector}009`
          const moved = `${other}008`
          const merged = `${other}007`
          const household = (id: string, gridCode: string, at: string) => ({
            _tag: "PlacePlace", id, kind: "household", name: `户${id}`, gridCode, at
          })
          const assign = (workerId: string, gridCode: string, responsible: boolean, at: string) => ({
            _tag: "AssignWorker", workerId, gridCode, post: responsible ? "网格长" : "网格员", responsible, duties: ["走访"], at
          })
          return [
            { _tag: "CreateGrid", code: created, name: "新小区", parentCode: sector, validFrom: "2024-01-01" },
            { _tag: "CreateGrid", code: `${created}001`, name: "一单元", parentCode: created, validFrom: "2024-01-01" },
            { _tag: "CreateGrid", code: `${created}002`, name: "二单元", parentCode: created, validFrom: "2024-01-01" },
            ...Array.from({ length: 12 }, (_, i) => household(`N${i}`, `${created}00${1 + (i % 2)}`, "2024-01-01")),
            { _tag: "PlacePlace", id: "R1", kind: "residential_building", name: "一号楼", gridCode: created, at: "2024-01-01" },
            { _tag: "RegisterWorker", id: "W7", name: "新网格员", category: "community_worker", communityCode: `${t}001001`, employment: "full_time", at: "2024-01-01" },
            assign("W7", `${created}001`, true, "2024-02-01"),
            assign("W0", `${created}002`, false, "2024-02-01"),
            // The compound and everything the batch put in it move to another sector.
            { _tag: "MoveGrid", code: created, newParentCode: other, segment: "008", at: "2024-03-01" },
            ...Array.from({ length: 6 }, (_, i) => household(`M${i}`, `${moved}00${1 + (i % 2)}`, "2024-03-01")),
            household("N0", `${moved}002`, "2024-04-01"),
            // Placed before the move, into the old code: carried into the new one.
            household("B1", `${created}001`, "2024-02-15"),
            assign("W0", `${moved}001`, false, "2024-04-01"),
            { _tag: "RenameGrid", code: moved, name: "新小区（迁）", at: "2024-04-01" },
            // Merged with the sector's own compound: the units are renumbered.
            { _tag: "MergeGrids", codes: [moved, `${other}001`], into: { code: merged, name: "合并小区" }, at: "2024-05-01" },
            ...Array.from({ length: 6 }, (_, i) => household(`G${i}`, `${merged}00${1 + (i % 3)}`, "2024-05-01")),
            household("M1", `${merged}003`, "2024-06-01"),
            assign("W7", `${merged}002`, false, "2024-06-01"),
            // Ended before the merge, with what the merge carried of it.
            { _tag: "EndAssignment", id: `W0:${moved}001@2024-04-01`, at: "2024-04-20" },
            { _tag: "CloseGrid", code: `${merged}004`, at: "2024-08-01" },
            household("G9", `${merged}001`, "2024-08-01")
          ]
        }

        // One by one in tenant A, every command accepted.
        const a = freshTenant()
        const system = Actor.system(a)
        yield* grids.executeAllUnknown(system, GridIntents.baseTree(a, start))
        const single: Array<Changes.Changes> = []
        for (const command of commands(a)) {
          const result = yield* Effect.either(grids.executeUnknown(system, command))
          if (Either.isLeft(result)) expect.fail(`${JSON.stringify(command)}: ${resultOf(result.left)}`)
          else single.push(result.right)
        }

        // One batch in tenant B, through a service whose store records its calls: the
        // workspace must write the batch so far before the move's subtree question.
        const b = freshTenant()
        const calls: Array<string> = []
        const real = yield* GridStore.GridStore
        const note = (call: string) => Effect.sync(() => calls.push(call))
        const spied: GridStore.GridStoreShape = {
          ...real,
          grids: {
            ...real.grids,
            insert: (rows) => Effect.zipRight(note("insert"), real.grids.insert(rows)),
            subtree: (...args) => Effect.zipRight(note("subtree"), real.grids.subtree(...args))
          },
          places: { ...real.places, link: (rows) => Effect.zipRight(note("link"), real.places.link(rows)) }
        }
        const spiedGrids = yield* Effect.provideService(Grids.make, GridStore.GridStore, spied)
        yield* grids.executeAllUnknown(Actor.system(b), retarget(a, b)(GridIntents.baseTree(a, start)))
        const batch = yield* spiedGrids.executeAllUnknown(Actor.system(b), commands(b))
        const firstSubtree = calls.indexOf("subtree")
        expect(firstSubtree, calls.join(" ")).toBeGreaterThan(0)
        // The grids and links the batch made before the move, written before its question;
        // the links placed after the last structural change, at the end.
        expect(calls.slice(0, firstSubtree), calls.join(" ")).toEqual(expect.arrayContaining(["insert", "link"]))
        expect(calls.slice(calls.lastIndexOf("subtree")), calls.join(" ")).toContain("link")

        expect(untenanted(b)(batch)).toEqual(untenanted(a)(single))
        expect(yield* historyOf(b)).toEqual(yield* historyOf(a))
      }))
  })
