/**
 * Social-work qualifications: whole years at their anniversaries (leap days included),
 * every default route exactly at its boundary, a better education never losing a route,
 * the senior route's holding, a policy of one's own, and the violation's rule and field.
 */
import { describe, expect, it } from "@effect/vitest"
import { IsoDate, Qualification } from "@jiceng/core"
import { Either, FastCheck as fc, Schema } from "effect"

const d = IsoDate.unsafeMake
const epoch = d("1970-01-01")
const day = (n: number) => IsoDate.addDays(epoch, n)
const dates = fc.integer({ min: 0, max: 365 * 70 }).map(day)
const ruleOf = (e: Either.Either<unknown, { readonly rule: string }>) => (Either.isLeft(e) ? e.left.rule : "ok")

const degrees = Qualification.Degree.literals
const levels = Qualification.Level.literals
const routes = levels.flatMap((level) => Qualification.defaults[level].map((route, i) => ({ level, route, i })))

const applicant = (
  degree: Qualification.Degree,
  socialWork: boolean,
  socialWorkSince: IsoDate.IsoDate | null,
  holdings: ReadonlyArray<Qualification.Holding> = []
): Qualification.Applicant => ({ education: { degree, socialWork }, socialWorkSince, holdings })

/** The applicant a route was written for: its degree and major, its years from `start`. */
const fitting = (route: Qualification.Requirement, start: IsoDate.IsoDate): Qualification.Applicant =>
  route.holds === undefined
    ? applicant(route.degree, route.major === "social-work", start)
    : applicant(route.degree, route.major === "social-work", null, [{ level: route.holds, obtainedOn: start }])

describe("Qualification", () => {
  it("qualification.experience-years: a year completes on its anniversary; a 29 February start on 1 March in other years", () => {
    const years = Qualification.experienceYears
    expect(years(d("2020-02-29"), d("2021-02-27"))).toBe(0)
    expect(years(d("2020-02-29"), d("2021-02-28"))).toBe(0)
    expect(years(d("2020-02-29"), d("2021-03-01"))).toBe(1)
    expect(years(d("2020-02-29"), d("2024-02-28"))).toBe(3)
    expect(years(d("2020-02-29"), d("2024-02-29"))).toBe(4)
    expect(years(d("2019-03-01"), d("2020-02-29"))).toBe(0)
    expect(years(d("2019-03-01"), d("2020-03-01"))).toBe(1)
    expect(years(d("2019-02-28"), d("2020-02-28"))).toBe(1)
    expect(years(d("2023-12-31"), d("2024-12-30"))).toBe(0)
    expect(years(d("2023-12-31"), d("2024-12-31"))).toBe(1)
    expect(years(d("2024-05-01"), d("2024-05-01"))).toBe(0)
    expect(years(d("2024-05-01"), d("2020-05-01"))).toBe(0)
    expect(Qualification.anniversary(d("2020-02-29"), 1)).toBe("2021-03-01")
    expect(Qualification.anniversary(d("2020-02-29"), 4)).toBe("2024-02-29")
    expect(() => Qualification.anniversary(d("2020-02-29"), -1)).toThrow(RangeError)
  })

  it.prop("qualification.experience-years: the anniversaries on or before the day, never negative", [dates, dates], ([from, on]) => {
    const years = Qualification.experienceYears(from, on)
    expect(years).toBeGreaterThanOrEqual(0)
    let naive = 0
    while (Qualification.anniversary(from, naive + 1) <= on) naive++
    expect(years).toBe(naive)
    if (years > 0) {
      expect(Qualification.experienceYears(from, Qualification.anniversary(from, years))).toBe(years)
      expect(Qualification.experienceYears(from, IsoDate.addDays(Qualification.anniversary(from, years), -1))).toBe(years - 1)
    }
  })

  it.prop("qualification.eligibility: every default route exactly at its boundary", [
    fc.constantFrom(...routes),
    dates,
    fc.integer({ min: 0, max: 400 })
  ], ([{ level, route }, start, after]) => {
    const person = fitting(route, start)
    const due = Qualification.anniversary(start, route.years)
    const on = Qualification.eligible(Qualification.defaults, level, person, due)
    expect(Qualification.meets(route, person, due)).toBe(true)
    expect(Either.isRight(on)).toBe(true)
    expect(Either.isRight(Qualification.eligible(Qualification.defaults, level, person, IsoDate.addDays(due, after)))).toBe(true)
    if (route.years > 0) {
      const before = IsoDate.addDays(due, -1)
      expect(Qualification.meets(route, person, before)).toBe(false)
      // No other default route admits the profile a route was written for any sooner.
      expect(ruleOf(Qualification.eligible(Qualification.defaults, level, person, before))).toBe("qualification.eligibility")
    }
  })

  it("qualification.eligibility: the routes' years, one by one", () => {
    const on = d("2024-06-30")
    const years = (level: Qualification.Level, degree: Qualification.Degree, socialWork: boolean) => {
      for (let n = 0; n <= 10; n++) {
        const start = d(`${2024 - n}-06-30`)
        const a = applicant(degree, socialWork, start)
        if (Either.isRight(Qualification.eligible(Qualification.defaults, level, a, on))) return n
      }
      return "never"
    }
    expect([years("assistant", "secondary", false), years("assistant", "associate", true), years("assistant", "bachelor", true)]).toEqual([4, 2, 0])
    expect([years("assistant", "associate", false), years("assistant", "bachelor", false), years("assistant", "doctor", false)]).toEqual([4, 2, 2])
    expect(["associate", "bachelor", "master", "doctor"].map((g) => years("intermediate", g as Qualification.Degree, true))).toEqual([4, 3, 1, 0])
    expect(["associate", "bachelor", "master", "doctor"].map((g) => years("intermediate", g as Qualification.Degree, false))).toEqual([6, 5, 3, 2])
    // Experience alone never reaches the secondary-school intermediate route or the senior one.
    expect(years("intermediate", "secondary", true)).toBe("never")
    expect(years("senior", "doctor", true)).toBe("never")
  })

  it.prop("qualification.eligibility: a social-work degree satisfies an any-major route, a higher degree a lower one", [
    fc.constantFrom(...routes),
    fc.constantFrom(...degrees),
    fc.constantFrom(...degrees),
    fc.boolean(),
    fc.option(dates, { nil: null }),
    fc.array(fc.record({ level: fc.constantFrom(...levels), obtainedOn: dates }), { maxLength: 3 }),
    dates
  ], ([{ route }, low, high, socialWork, since, holdings, on]) => {
    const [lo, hi] = degrees.indexOf(low) <= degrees.indexOf(high) ? [low, high] : [high, low]
    const before = applicant(lo, socialWork, since, holdings)
    if (Qualification.meets(route, before, on)) {
      expect(Qualification.meets(route, applicant(hi, socialWork, since, holdings), on)).toBe(true)
      expect(Qualification.meets(route, applicant(lo, true, since, holdings), on)).toBe(true)
    }
    // A route's own degree, in social work, meets an any-major route of that degree.
    if (route.major === "any") {
      const other = fitting(route, IsoDate.addDays(on, -366 * route.years - 1))
      expect(Qualification.meets(route, { ...other, education: { degree: route.degree, socialWork: true } }, on)).toBe(true)
    }
  })

  it("qualification.eligibility: a social-work bachelor is admitted by the first route met, in the policy's order", () => {
    const on = d("2024-06-30")
    const sw = Qualification.eligible(Qualification.defaults, "intermediate", applicant("bachelor", true, d("2019-06-30")), on)
    expect(Either.getOrThrow(sw)).toMatchObject({ degree: "associate", major: "social-work", years: 4 })
    const three = Qualification.eligible(Qualification.defaults, "intermediate", applicant("master", true, d("2021-06-30")), on)
    expect(Either.getOrThrow(three)).toMatchObject({ degree: "bachelor", major: "social-work", years: 3 })
    const other = Qualification.eligible(Qualification.defaults, "assistant", applicant("master", false, d("2022-06-30")), on)
    expect(Either.getOrThrow(other)).toMatchObject({ degree: "bachelor", major: "any", years: 2 })
  })

  it("qualification.eligibility: senior needs 社会工作师 held for 5 years and a bachelor degree or above", () => {
    const since = d("2019-06-30")
    const holder = (degree: Qualification.Degree, holdings: ReadonlyArray<Qualification.Holding>) =>
      applicant(degree, false, d("2000-01-01"), holdings)
    const intermediate = [{ level: "intermediate" as const, obtainedOn: since }]
    expect(ruleOf(Qualification.eligible(Qualification.defaults, "senior", holder("bachelor", intermediate), d("2024-06-29")))).toBe("qualification.eligibility")
    expect(ruleOf(Qualification.eligible(Qualification.defaults, "senior", holder("bachelor", intermediate), d("2024-06-30")))).toBe("ok")
    expect(ruleOf(Qualification.eligible(Qualification.defaults, "senior", holder("associate", intermediate), d("2030-01-01")))).toBe("qualification.eligibility")
    // Twenty-four years of experience, or the junior level, are not the intermediate one.
    expect(ruleOf(Qualification.eligible(Qualification.defaults, "senior", holder("doctor", []), d("2024-06-30")))).toBe("qualification.eligibility")
    const junior = [{ level: "assistant" as const, obtainedOn: d("2010-01-01") }]
    expect(ruleOf(Qualification.eligible(Qualification.defaults, "senior", holder("doctor", junior), d("2024-06-30")))).toBe("qualification.eligibility")
    // The earliest holding counts; one obtained after the day does not.
    const twice = [{ level: "intermediate" as const, obtainedOn: d("2023-06-30") }, ...intermediate]
    expect(ruleOf(Qualification.eligible(Qualification.defaults, "senior", holder("master", twice), d("2024-06-30")))).toBe("ok")
    const later = [{ level: "intermediate" as const, obtainedOn: d("2025-01-01") }]
    expect(Qualification.meets(Qualification.defaults.senior[0]!, holder("master", later), d("2024-06-30"))).toBe(false)
  })

  it("qualification.eligibility: a custom policy replaces the defaults, and decodes from configuration", () => {
    const config = {
      assistant: [{ degree: "secondary", major: "any", years: 0, source: "local notice" }],
      intermediate: [{ degree: "associate", major: "any", years: 1 }],
      senior: []
    }
    const policy = Schema.decodeUnknownSync(Qualification.Policy)(config)
    const on = d("2024-06-30")
    const person = applicant("associate", false, d("2023-06-30"))
    expect(ruleOf(Qualification.eligible(Qualification.defaults, "intermediate", person, on))).toBe("qualification.eligibility")
    expect(Either.getOrThrow(Qualification.eligible(policy, "intermediate", person, on))).toEqual({ degree: "associate", major: "any", years: 1 })
    expect(ruleOf(Qualification.eligible(policy, "assistant", applicant("secondary", false, null), on))).toBe("ok")
    const none = Qualification.eligible(policy, "senior", applicant("doctor", true, d("1990-01-01")), on)
    expect(Either.isLeft(none) && none.left.message).toContain("no route")
    // The defaults round-trip through the schema; a bad route is refused at decoding.
    expect(Schema.decodeUnknownSync(Qualification.Policy)(Schema.encodeSync(Qualification.Policy)(Qualification.defaults))).toEqual(Qualification.defaults)
    expect(() => Schema.decodeUnknownSync(Qualification.Policy)({ ...config, senior: [{ degree: "phd", major: "any", years: 1 }] })).toThrow()
    expect(() => Schema.decodeUnknownSync(Qualification.Policy)({ ...config, senior: [{ degree: "master", major: "any", years: 1.5 }] })).toThrow()
    expect(() => Schema.decodeUnknownSync(Qualification.Policy)({ assistant: [], intermediate: [] })).toThrow()
  })

  it("qualification.eligibility: the violation names the rule, the field, the level and what is missing", () => {
    const result = Qualification.eligible(
      Qualification.defaults,
      "intermediate",
      applicant("bachelor", true, d("2022-03-01")),
      d("2024-06-30")
    )
    expect(Either.isLeft(result)).toBe(true)
    if (Either.isLeft(result)) {
      expect(result.left._tag).toBe("RuleViolation")
      expect(result.left.rule).toBe("qualification.eligibility")
      expect(result.left.field).toBe("level")
      const message = result.left.message
      expect(message).toMatch(/^qualification\.eligibility: not eligible for 社会工作师 \(Social Worker\) on 2024-06-30/)
      expect(message).toContain("bachelor or above in social work, 3 years of social-work experience")
      expect(message).toContain("1 more year of social-work experience (complete on 2025-03-01)")
      expect(message).toContain("a degree of master or above in social work")
      expect(message).toContain("第十二条（三）")
    }
    const none = Qualification.eligible(Qualification.defaults, "senior", applicant("bachelor", false, null), d("2024-06-30"))
    expect(Either.isLeft(none) && none.left.message).toContain("missing 社会工作师 (Social Worker), held for 5 years (not held)")
    const held = Qualification.eligible(
      Qualification.defaults,
      "senior",
      applicant("associate", false, null, [{ level: "intermediate", obtainedOn: d("2022-01-01") }]),
      d("2024-06-30")
    )
    expect(Either.isLeft(held) && held.left.message).toContain(
      "missing a degree of bachelor or above and 3 more years holding 社会工作师 (Social Worker) (complete on 2027-01-01)"
    )
  })
  it("a route's years are bounded: a policy asking for more than a century is malformed configuration", () => {
    const route = { degree: "bachelor", major: "any", years: 9000 }
    expect(() => Schema.decodeUnknownSync(Qualification.Policy)({ ...Qualification.defaults, assistant: [route] })).toThrow()
  })
})
