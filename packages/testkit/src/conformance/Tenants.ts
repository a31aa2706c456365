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
