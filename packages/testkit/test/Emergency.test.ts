import { describe, expect, it } from "@effect/vitest"
import { Actor, EmergencyService, MemoryStore } from "@jiceng/core"
import { Effect } from "effect"
import { emergencyOver } from "../src/conformance/emergencySupport.js"
import * as CoConstruction from "../src/district/CoConstruction.js"
import * as District from "../src/district/District.js"
import * as EmergencyData from "../src/district/Emergency.js"
import * as Party from "../src/district/Party.js"

type Command = EmergencyData.Command
type Of<T extends Command["_tag"]> = Extract<Command, { _tag: T }>
const of = <T extends Command["_tag"]>(commands: ReadonlyArray<Command>, tag: T): Array<Of<T>> =>
  commands.filter((c): c is Of<T> => c._tag === tag)

// A scaled-down 桃城区, as the other generators' tests use, with households in its blocks.
const small = District.generate({ seed: 11, communities: 8, sectors: 14, compounds: 30, blocks: 120, workers: 40, extraAssignments: 20, households: 2_400 })
const party = Party.generate(small)
const co = CoConstruction.generate(small, party)
const data = EmergencyData.generate(small, co)
const a = EmergencyData.article

describe("EmergencyData.generate", () => {
  it("is deterministic: the same district, co-construction and options give the same commands", () => {
    expect(JSON.stringify(EmergencyData.generate(small, co))).toBe(JSON.stringify(data))
    expect(JSON.stringify(EmergencyData.generate(small, co, { seed: 7 }).commands)).not.toBe(JSON.stringify(data.commands))
  })

  it("takes the article's teams, compounds and staff as inputs, scaled with the compounds; an activation and a deactivation per street", () => {
    const scaled = (n: number) => Math.round((n * 30) / a.districtCompounds)
    const teams = of(data.commands, "FormVanguardTeam")
    expect(teams.length).toBe(scaled(a.teams))
    const covered = teams.flatMap((t) => t.compounds.map((c) => c.code))
    expect(new Set(covered).size).toBe(covered.length)
    expect(covered.length).toBe(scaled(a.compounds))
    expect(teams.reduce((n, t) => n + t.staff, 0)).toBe(scaled(a.staff))
    expect(of(data.commands, "ActivateEmergency").map((c) => c.gridCode)).toEqual(of(data.commands, "DeactivateEmergency").map((c) => `${small.tenant}${c.id.slice(3)}`))
    // Each team's compounds lie in its activation's street.
    const street = new Map(of(data.commands, "ActivateEmergency").map((c) => [c.id, c.gridCode]))
    expect(teams.every((t) => t.compounds.every((c) => c.code.startsWith(street.get(t.activationId)!)))).toBe(true)
  })

  it("computes each compound's residents from its households and the household sizes (1 to 6 persons each)", () => {
    const teams = of(data.commands, "FormVanguardTeam")
    const residents = teams.reduce((n, t) => n + t.compounds.reduce((m, c) => m + c.residents, 0), 0)
    expect(residents).toBe(data.summary.residents)
    expect(residents).toBeGreaterThanOrEqual(data.summary.households)
    expect(residents).toBeLessThanOrEqual(6 * data.summary.households)
    const one = EmergencyData.generate(small, co, { householdSizes: [1] })
    expect(one.summary.residents).toBe(one.summary.households)
  })

  it("places only members of the tenant's branches, in a compound of the community they enrolled with", () => {
    const enrolled = new Map(co.commands.flatMap((c) => (c._tag === "EnrolMember" && c.homeOrganisation === undefined ? [[c.memberId, c.communityCode] as const] : [])))
    const placements = of(data.commands, "ActivateEmergency").flatMap((c) => c.placements ?? [])
    expect(placements.length).toBeGreaterThan(0)
    for (const p of placements) expect(p.compoundCode.startsWith(enrolled.get(p.memberId)!)).toBe(true)
  })

  it("refuses what cannot fit", () => {
    expect(() => EmergencyData.generate(small, co, { compounds: 31 })).toThrow(/compounds/)
    expect(() => EmergencyData.generate(small, co, { teams: 30, compounds: 20 })).toThrow(/teams/)
    expect(() => EmergencyData.generate(small, co, { deactivatedOn: "2023-10-01" })).toThrow(/in order/)
    expect(() => EmergencyData.generate(small, co, { householdSizes: [] })).toThrow(/householdSizes/)
  })
})

const memory = emergencyOver(MemoryStore.layer)

describe("EmergencyData.apply", () => {
  // Live: the services refuse days after today, and the test clock starts in 1970.
  it.live("the services accept every command, and coverage gives back the generator's teams, compounds, residents and staff", () =>
    Effect.gen(function*() {
      yield* District.apply(small)
      yield* Party.apply(party)
      yield* CoConstruction.apply(co)
      yield* EmergencyData.apply(data, { batchSize: 7 })
      const service = yield* EmergencyService.Emergency
      const admin = Actor.system(data.tenant)
      const total = yield* service.coverageOver(admin, { from: data.options.activatedOn, to: data.options.deactivatedOn })
      expect([total.activations, total.teams, total.compounds, total.residents, total.staff]).toEqual([
        data.summary.activations,
        data.summary.teams,
        data.summary.compounds,
        data.summary.residents,
        data.summary.staff
      ])
      expect(total.compoundBranches + total.jointBranches).toBeGreaterThan(0)
      expect(yield* service.activations(admin, { at: data.options.deactivatedOn })).toEqual([])
    }).pipe(Effect.provide(memory)), 300_000)
})
