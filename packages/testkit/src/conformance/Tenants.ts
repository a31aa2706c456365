/**
 * Tenant codes for tests: valid county-level region codes, as many as a suite needs,
 * each distinct, so that tests sharing one store never see each other.
 *
 * @since 0.2.0
 */
import { RegionCode } from "@jiceng/core"

/**
 * The n-th county-level code (n from 0): a known province, prefecture 01–99 and
 * county 01–99, so 333,234 distinct codes before they repeat.
 *
 * @since 0.2.0
 * @category constructors
 */
export const nth = (n: number): string => {
  const county = 1 + (n % 99)
  const prefecture = 1 + (Math.floor(n / 99) % 99)
  const province = RegionCode.provinces[Math.floor(n / 9801) % RegionCode.provinces.length]!
  return province + String(prefecture).padStart(2, "0") + String(county).padStart(2, "0")
}

let next = 0

/**
 * A tenant no earlier call in this process returned (among the first 200,000 codes),
 * spread by process id so that parallel test processes sharing one database rarely
 * meet. Codes from 200,000 on are left to suites that count their own.
 *
 * @since 0.2.0
 * @category constructors
 */
export const fresh = (): string => nth((process.pid * 7919 + next++ * 104_729) % 200_000)

/**
 * The tenants of a suite that counts its own: `Tenants.nth` from `first`, `size` of
 * them, each once (the suite throws when it runs out). The ranges are given out so that
 * suites sharing one store never meet: {@link fresh} draws below 200,000; the grid
 * repository contract counts from 200,000 (a few hundred), the outbox and dispatcher
 * suites from 205,000 to 209,000, the reminder suites from 209,000 to 210,000, the development suites from
 * 210,000 to 240,000, the development repository
 * contract from 240,000 to 250,000, the co-construction suites from 250,000 to 270,000,
 * the demand suites from 270,000 to 277,000 and their repository contract to 280,000,
 * the outreach suites from 280,000 to 284,000 and their repository contract to 285,000,
 * the emergency suites from 285,000 to 290,000, the ledger suites from 290,000 to 300,000, and the organisation, co-construction and
 * ledger repository contracts from 300,000, 320,000 and 330,000; the codes repeat from
 * 333,234 on (into the range `fresh` draws from), so no range reaches that far.
 *
 * @since 0.5.0
 * @category constructors
 */
export const counted = (suite: string, first: number, size: number): (() => string) => {
  let next = first
  return () => {
    if (next >= first + size) throw new Error(`the ${suite} ran out of tenants`)
    return nth(next++)
  }
}
