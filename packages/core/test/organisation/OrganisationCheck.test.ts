/**
 * The size rules as alerts: each fires exactly when its threshold is met — at the
 * boundary, with the default policy and with a random one — probationary members never
 * count towards the 3 and 7 rules, and temporary branches never alert.
 */
import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc, Schema } from "effect"
import { IsoDate, type Member, type Organisation as O, OrganisationAlert, OrganisationCheck, OrganisationConfig } from "@jiceng/core"

type Membership = Member.Membership
type Standing = Member.Standing
type Organisation = O.Organisation
type OrganisationKind = O.OrganisationKind


const asOf = "2024-06-30" as IsoDate.IsoDate
const defaults = OrganisationConfig.defaults

const org = (
  id: string,
  kind: OrganisationKind,
  options: Partial<{
    parentId: string | null
    sector: string
    hasCommittee: boolean
    validFrom: string
    validTo: string | null
    name: string
  }> = {}
): Organisation => ({
  tenant: "131102" as never,
  id: id as never,
  kind,
  name: options.name ?? `${id}党组织`,
  parentId: (options.parentId ?? null) as never,
  sector: options.sector ?? "community",
  grids: [],
  hasCommittee: options.hasCommittee ?? false,
  task: kind === "temporary_branch" ? { kind: "compound", name: "小区" as never } : null,
  validFrom: (options.validFrom ?? "2020-01-01") as IsoDate.IsoDate,
  validTo: (options.validTo ?? null) as IsoDate.IsoDate | null,
  change: "form",
  predecessors: []
})

const membership = (
  memberId: string,
  organisationId: string,
  standing: Standing,
  validFrom = "2020-01-01",
  validTo: string | null = null
): Membership => ({
  tenant: "131102" as never,
  memberId: memberId as never,
  organisationId: organisationId as never,
  standing,
  validFrom: validFrom as IsoDate.IsoDate,
  validTo: validTo as IsoDate.IsoDate | null,
  change: "admit"
})

/** `full` full and `probationary` probationary members of one organisation, valid on `asOf`. */
const roll = (organisationId: string, full: number, probationary: number): Array<Membership> => [
  ...Array.from({ length: full }, (_, i) => membership(`${organisationId}-F${i}`, organisationId, "full")),
  ...Array.from({ length: probationary }, (_, i) => membership(`${organisationId}-P${i}`, organisationId, "probationary"))
]

const rulesOf = (alerts: ReadonlyArray<OrganisationAlert.OrganisationAlert>, id = "B") =>
  alerts.filter((a) => a.organisationId === id).map((a) => a.rule).sort()

/** What a branch's alerts must be, written from the rules' text. */
const expected = (
  config: OrganisationConfig.OrganisationConfigShape,
  full: number,
  probationary: number,
  hasCommittee: boolean
): Array<OrganisationAlert.Rule> => {
  const sector = config.sectors[0]!
  const rules: Array<OrganisationAlert.Rule> = []
  if (full < config.minFullMembers) rules.push("branch.min-full-members")
  if (full >= config.committeeFrom && !hasCommittee) rules.push("branch.committee-required")
  if (full + probationary >= sector.committeeAt) rules.push("general-branch.committee-threshold")
  else if (full + probationary >= sector.generalBranchAt) rules.push("branch.general-branch-threshold")
  return rules.sort()
}

const BranchKind = Schema.Literal("branch", "joint_branch")
const Count = Schema.Int.pipe(Schema.between(0, 130))

/** A valid random policy with one sector (committeeAt ≥ generalBranchAt). */
const Policy = Schema.Struct({
  minFullMembers: Schema.Int.pipe(Schema.between(1, 12)),
  committeeFrom: Schema.Int.pipe(Schema.between(1, 15)),
  generalBranchAt: Schema.Int.pipe(Schema.between(1, 60)),
  gap: Schema.Int.pipe(Schema.between(0, 60))
})
const policy = (p: typeof Policy.Type): OrganisationConfig.OrganisationConfigShape =>
  OrganisationConfig.make({
    sectors: [{
      key: "community" as never,
      zh: "社区",
      en: "Community",
      generalBranchAt: p.generalBranchAt,
      committeeAt: p.generalBranchAt + p.gap
    }],
    minFullMembers: p.minFullMembers,
    committeeFrom: p.committeeFrom
  })

const decodeAlerts = Schema.decodeUnknownSync(Schema.Array(OrganisationAlert.OrganisationAlert))

describe("organisation size alerts", () => {
  it.prop("a branch's alerts are exactly those whose thresholds it meets (default policy)", [
    BranchKind,
    Count,
    Count,
    Schema.Boolean
  ], ([kind, full, probationary, hasCommittee]) => {
    const alerts = OrganisationCheck.check(defaults, {
      organisations: [org("B", kind, { hasCommittee })],
      memberships: roll("B", full, probationary)
    }, asOf)
    expect(rulesOf(alerts)).toEqual(expected(defaults, full, probationary, hasCommittee))
    // The alerts are well-formed values of the schema, and carry the counts.
    expect(decodeAlerts(alerts)).toEqual(alerts)
    for (const a of alerts) expect([a.fullMembers, a.probationaryMembers, a.name, a.kind]).toEqual([full, probationary, "B党组织", kind])
  })

  it.prop("a branch's alerts are exactly those whose thresholds it meets (random policy)", [
    Policy,
    BranchKind,
    Count,
    Count,
    Schema.Boolean
  ], ([p, kind, full, probationary, hasCommittee]) => {
    const config = policy(p)
    const alerts = OrganisationCheck.check(config, {
      organisations: [org("B", kind, { hasCommittee })],
      memberships: roll("B", full, probationary)
    }, asOf)
    expect(rulesOf(alerts)).toEqual(expected(config, full, probationary, hasCommittee))
  })

  it.prop("at each threshold of a random policy, one member below does not alert and the threshold does", [
    Policy,
    Schema.Boolean
  ], ([p, hasCommittee]) => {
    const config = policy(p)
    const sector = config.sectors[0]!
    const at = (full: number, probationary: number) =>
      rulesOf(OrganisationCheck.check(config, {
        organisations: [org("B", "branch", { hasCommittee })],
        memberships: roll("B", full, probationary)
      }, asOf))
    // Below minFullMembers alerts; at it does not.
    expect(at(config.minFullMembers - 1, 0)).toContain("branch.min-full-members")
    expect(at(config.minFullMembers, 0)).not.toContain("branch.min-full-members")
    expect(at(config.committeeFrom - 1, 0)).not.toContain("branch.committee-required")
    expect(at(config.committeeFrom, 0).includes("branch.committee-required")).toBe(!hasCommittee)
    // Sector thresholds count probationary members too: reach them with probationary ones.
    const below = at(0, sector.generalBranchAt - 1)
    expect(below).not.toContain("branch.general-branch-threshold")
    expect(below).not.toContain("general-branch.committee-threshold")
    expect(at(0, sector.generalBranchAt)).toContain(
      sector.committeeAt === sector.generalBranchAt ? "general-branch.committee-threshold" : "branch.general-branch-threshold"
    )
    expect(at(0, sector.committeeAt - 1)).not.toContain("general-branch.committee-threshold")
    expect(at(0, sector.committeeAt)).toContain("general-branch.committee-threshold")
    expect(at(0, sector.committeeAt)).not.toContain("branch.general-branch-threshold")
  })

  it("the default policy's boundaries: 2/3 full members, 6/7, 49/50 and 99/100 members", () => {
    const at = (full: number, probationary = 0, hasCommittee = false) =>
      rulesOf(OrganisationCheck.check(defaults, {
        organisations: [org("B", "branch", { hasCommittee })],
        memberships: roll("B", full, probationary)
      }, asOf))
    expect(at(2)).toEqual(["branch.min-full-members"])
    expect(at(3)).toEqual([])
    expect(at(6)).toEqual([])
    expect(at(7)).toEqual(["branch.committee-required"])
    expect(at(7, 0, true)).toEqual([])
    expect(at(40, 9, true)).toEqual([])
    expect(at(40, 10, true)).toEqual(["branch.general-branch-threshold"])
    expect(at(49, 0, true)).toEqual([])
    expect(at(50, 0, true)).toEqual(["branch.general-branch-threshold"])
    expect(at(99, 0, true)).toEqual(["branch.general-branch-threshold"])
    expect(at(100, 0, true)).toEqual(["general-branch.committee-threshold"])
    expect(at(60, 40, true)).toEqual(["general-branch.committee-threshold"])
  })

  it.prop("probationary members never count towards the 3 and 7 rules", [BranchKind, Count, Count, Schema.Boolean], (
    [kind, full, probationary, hasCommittee]
  ) => {
    const small = (rules: ReadonlyArray<string>) =>
      rules.filter((r) => r === "branch.min-full-members" || r === "branch.committee-required")
    const only = OrganisationCheck.check(defaults, {
      organisations: [org("B", kind, { hasCommittee })],
      memberships: roll("B", full, 0)
    }, asOf)
    const more = OrganisationCheck.check(defaults, {
      organisations: [org("B", kind, { hasCommittee })],
      memberships: roll("B", full, probationary)
    }, asOf)
    expect(small(rulesOf(more))).toEqual(small(rulesOf(only)))
  })

  it.prop("temporary branches never alert, whatever their members, committee or sector", [
    Count,
    Count,
    Schema.Boolean,
    Schema.Literal("community", "nowhere")
  ], ([full, probationary, hasCommittee, sector]) => {
    const alerts = OrganisationCheck.check(defaults, {
      organisations: [org("T", "temporary_branch", { hasCommittee, sector })],
      memberships: roll("T", full, probationary)
    }, asOf)
    expect(alerts).toEqual([])
  })

  it.prop("a general branch alerts exactly when its subtree's members reach committeeAt", [
    Schema.Array(Schema.Struct({ full: Count, probationary: Count, under: Schema.Boolean })).pipe(Schema.maxItems(5))
  ], ([branches]) => {
    const organisations = [
      org("G", "general_branch", { hasCommittee: true }),
      org("H", "general_branch", { hasCommittee: true }),
      // A temporary branch in the subtree holds no memberships and changes nothing.
      org("T", "temporary_branch", { parentId: "G" }),
      ...branches.map((b, i) => org(`B${i}`, "branch", { parentId: b.under ? "G" : "H", hasCommittee: true }))
    ]
    const memberships = branches.flatMap((b, i) => roll(`B${i}`, b.full, b.probationary))
    const alerts = OrganisationCheck.check(defaults, { organisations, memberships }, asOf)
    for (const g of ["G", "H"]) {
      const mine = branches.filter((b) => b.under === (g === "G"))
      const full = mine.reduce((n, b) => n + b.full, 0)
      const probationary = mine.reduce((n, b) => n + b.probationary, 0)
      const own = alerts.filter((a) => a.organisationId === g)
      if (full + probationary >= 100) {
        expect(own).toEqual([{
          _tag: "CommitteeThreshold",
          rule: "general-branch.committee-threshold",
          organisationId: g,
          name: `${g}党组织`,
          kind: "general_branch",
          sector: "community",
          fullMembers: full,
          probationaryMembers: probationary,
          threshold: 100
        }])
      } else {
        expect(own).toEqual([])
      }
    }
    // Each branch still gets its own alerts.
    branches.forEach((b, i) => expect(rulesOf(alerts, `B${i}`)).toEqual(expected(defaults, b.full, b.probationary, true)))
  })

  it("the subtree follows parentId on the day, and a cycle in bad data does not loop", () => {
    const organisations = [
      org("G", "general_branch", { hasCommittee: true }),
      org("B1", "branch", { parentId: "G", hasCommittee: true }),
      // Moved under G only after the day: not in its subtree yet.
      org("B2", "branch", { parentId: "X", hasCommittee: true, validTo: "2024-07-01" }),
      org("B2", "branch", { parentId: "G", hasCommittee: true, validFrom: "2024-07-01" }),
      // A cycle G2 → G3 → G2.
      org("G2", "general_branch", { parentId: "G3" }),
      org("G3", "general_branch", { parentId: "G2" })
    ]
    const memberships = [...roll("B1", 60, 0), ...roll("B2", 40, 0), ...roll("G2", 70, 0), ...roll("G3", 30, 0)]
    const before = OrganisationCheck.check(defaults, { organisations, memberships }, asOf)
    expect(before.filter((a) => a.organisationId.startsWith("G")).map((a) => [a.organisationId, a.rule])).toEqual([
      ["G2", "general-branch.committee-threshold"],
      ["G3", "general-branch.committee-threshold"]
    ])
    const after = OrganisationCheck.check(defaults, { organisations, memberships }, "2024-07-01" as IsoDate.IsoDate)
    expect(after.find((a) => a.organisationId === "G")).toMatchObject({ fullMembers: 100, rule: "general-branch.committee-threshold" })
  })

  it.prop("only versions and memberships valid on the day count: the day before, the day, the day after", [
    Schema.Int.pipe(Schema.between(-2, 2)),
    Schema.Int.pipe(Schema.between(-2, 2))
  ], ([committeeShift, leaveShift]) => {
    const day = (shift: number) => IsoDate.addDays(asOf, shift)
    // Seven full members, the seventh leaving on `leave`; the committee set up on `committee`.
    const committee = day(committeeShift)
    const leave = day(leaveShift)
    const organisations = [
      org("B", "branch", { hasCommittee: false, validTo: committee }),
      org("B", "branch", { hasCommittee: true, validFrom: committee })
    ]
    const memberships = [...roll("B", 6, 0), membership("B-F6", "B", "full", "2020-01-01", leave)]
    const rules = rulesOf(OrganisationCheck.check(defaults, { organisations, memberships }, asOf))
    const seven = asOf < leave
    const hasCommittee = committee <= asOf
    expect(rules).toEqual(seven && !hasCommittee ? ["branch.committee-required"] : [])
  })

  it("an unknown sector is an alert, not a crash; the rules without a sector still apply", () => {
    const alerts = OrganisationCheck.check(defaults, {
      organisations: [
        org("B", "branch", { sector: "nowhere" }),
        org("C", "committee", { sector: "nowhere" }),
        org("G", "general_branch", { sector: "nowhere" }),
        org("J", "joint_branch", { sector: "community", hasCommittee: true }),
        org("K", "committee", { sector: "community" })
      ],
      memberships: [...roll("B", 120, 0), ...roll("J", 100, 0)]
    }, asOf)
    expect(alerts.map((a) => [a.organisationId, a.rule])).toEqual([
      ["B", "branch.committee-required"],
      ["B", "organisation.sector-unknown"],
      ["C", "organisation.sector-unknown"],
      ["G", "organisation.sector-unknown"],
      ["J", "general-branch.committee-threshold"]
    ])
  })

  it.prop("the order is by organisation id, then rule id, whatever the input order", [
    Schema.Array(Schema.Struct({ kind: BranchKind, full: Count, probationary: Count, sector: Schema.Literal("community", "x") }))
      .pipe(Schema.maxItems(8))
  ], ([rows]) => {
    const organisations = rows.map((r, i) => org(`O${(i * 7) % 10}${i}`, r.kind, { sector: r.sector }))
    const memberships = rows.flatMap((r, i) => roll(`O${(i * 7) % 10}${i}`, r.full, r.probationary))
    const alerts = OrganisationCheck.check(defaults, { organisations, memberships }, asOf)
    const keys = alerts.map((a) => `${a.organisationId} ${a.rule}`)
    expect(keys).toEqual([...keys].sort())
    const reversed = OrganisationCheck.check(defaults, {
      organisations: [...organisations].reverse(),
      memberships: [...memberships].reverse()
    }, asOf)
    expect(reversed).toEqual(alerts)
  })

  it.prop("messages name the organisation and its counts, in Chinese and English", [
    Schema.Array(Schema.Struct({ kind: BranchKind, full: Count, probationary: Count, sector: Schema.Literal("community", "x") }))
      .pipe(Schema.maxItems(4))
  ], ([rows]) => {
    const alerts = OrganisationCheck.check(defaults, {
      organisations: rows.map((r, i) => org(`O${i}`, r.kind, { sector: r.sector })),
      memberships: rows.flatMap((r, i) => roll(`O${i}`, r.full, r.probationary))
    }, asOf)
    for (const a of alerts) {
      for (const lang of ["zh", "en"] as const) {
        const text = OrganisationAlert.message(a, lang)
        expect(text).toContain(a.organisationId)
        expect(text).toContain(a.name)
        if (a._tag !== "SectorUnknown") expect(text).toContain(String(a.threshold))
      }
    }
  })

  it("the message suggests a joint branch for a branch too small (第四条)", () => {
    const [branch] = OrganisationCheck.check(defaults, {
      organisations: [org("B", "branch", { name: "幸福里物业党支部" })],
      memberships: roll("B", 2, 1)
    }, asOf)
    expect(OrganisationAlert.message(branch!, "zh")).toBe(
      "幸福里物业党支部（B）正式党员2名，不足3名，可与邻近单位联合成立联合党支部"
    )
    expect(OrganisationAlert.message(branch!, "en")).toBe(
      "幸福里物业党支部 (B) has 2 full members, fewer than 3; form a joint branch with neighbouring units"
    )
    const [one] = OrganisationCheck.check(defaults, { organisations: [org("B", "branch", { name: "一人支部" })], memberships: roll("B", 1, 0) }, asOf)
    expect(OrganisationAlert.message(one!, "en")).toBe("一人支部 (B) has 1 full member, fewer than 3; form a joint branch with neighbouring units")
  })

  it.prop("a member with two rows on the day (bad data) counts once", [fc.integer({ min: 0, max: 10 })], ([n]) => {
    const rows = roll("B", n, 0)
    const alerts = OrganisationCheck.check(defaults, {
      organisations: [org("B", "branch")],
      memberships: [...rows, ...rows.map((m) => ({ ...m, standing: "probationary" as const }))]
    }, asOf)
    expect(rulesOf(alerts)).toEqual(expected(defaults, n, 0, false))
  })
})
