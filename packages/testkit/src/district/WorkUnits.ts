/**
 * Work units (辖区单位) of a generated district, of the city (市直) and of the district
 * (区直) as the article's 市区两级单位 are: government organs (机关), public institutions
 * (事业单位) and enterprises (企业), no two with the same name, each with a valid
 * 统一社会信用代码 whose registration authority and organisation type fit what the unit
 * is (11 机关, 12 事业单位, 91 企业), registered in the city's or the district's region,
 * with an organisation code (主体标识码) that carries its own GB 11714 check character.
 * The names are ordinary ones; any likeness to a real unit is chance.
 *
 * @since 0.2.0
 */
import { CreditCode } from "@jiceng/core"
import { chineseNumeral } from "./Names.js"
import type { Random } from "./Random.js"

/**
 * @since 0.2.0
 * @category models
 */
export type UnitKind = "organ" | "institution" | "enterprise"

/**
 * @since 0.2.0
 * @category models
 */
export interface WorkUnit {
  readonly name: string
  readonly kind: UnitKind
  readonly creditCode: string
}

/** The second half of an organ's name: 衡水市教育局, 桃城区教育局. */
const organs: ReadonlyArray<string> = [
  "发展和改革局", "教育局", "科学技术局", "工业和信息化局", "民政局", "司法局", "财政局",
  "人力资源和社会保障局", "自然资源和规划局", "住房和城乡建设局", "交通运输局", "水利局",
  "农业农村局", "商务局", "文化广电和旅游局", "卫生健康局", "退役军人事务局", "应急管理局",
  "审计局", "市场监督管理局", "统计局", "医疗保障局", "行政审批局", "城市管理综合行政执法局",
  "信访局", "人民法院", "人民检察院", "档案局", "国防动员办公室", "数据和政务服务局"
]

const institutions: ReadonlyArray<string> = [
  "人民医院", "中医医院", "妇幼保健院", "疾病预防控制中心", "图书馆", "文化馆", "博物馆",
  "职业技术教育中心", "特殊教育学校", "社会福利院", "公共资源交易中心", "不动产登记中心",
  "政务服务中心", "农业技术推广中心", "住房保障服务中心", "融媒体中心", "青少年活动中心",
  "老年大学", "退役军人服务中心", "综合检验检测中心", "机关事务服务中心", "就业服务中心",
  "社会保险服务中心", "供热管理中心", "园林绿化管理中心", "环境卫生服务中心"
]

/** Numbered schools: 第一中学 … 第十二中学, and so on. */
const schools: ReadonlyArray<readonly [string, number]> = [["中学", 12], ["小学", 30], ["幼儿园", 15]]

const enterprises: ReadonlyArray<string> = [
  "城市建设投资集团有限公司", "水务集团有限公司", "热力有限公司", "燃气有限公司", "公共交通集团有限公司",
  "国有资本运营有限公司", "文化旅游投资有限公司", "粮油储备有限公司", "市政工程有限公司",
  "园林绿化工程有限公司", "物业服务有限公司", "农业发展投资有限公司", "融资担保有限公司",
  "城市更新建设有限公司", "大数据有限公司", "建筑设计研究院有限公司", "保安服务有限公司",
  "人力资源服务有限公司", "环境卫生服务有限公司", "供应链管理有限公司"
]

const kindWeights: Readonly<Record<UnitKind, number>> = { organ: 0.4, institution: 0.45, enterprise: 0.15 }
const kinds: ReadonlyArray<UnitKind> = ["organ", "institution", "enterprise"]

const pools = (prefix: string): Readonly<Record<UnitKind, ReadonlyArray<string>>> => ({
  organ: organs.map((o) => prefix + o),
  institution: [
    ...institutions.map((i) => prefix + i),
    ...schools.flatMap(([kind, n]) => Array.from({ length: n }, (_, k) => `${prefix}第${chineseNumeral(k + 1)}${kind}`))
  ],
  enterprise: enterprises.map((e) => prefix + e)
})

// The credit code's alphabet (GB 32100), for the six serial characters of an MA code.
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"

/**
 * The n-th distinct serial, spread over `modulus` values so that codes do not run
 * 00000001, 00000002, …: `n·m + offset mod modulus` with `m` coprime to the modulus is
 * a bijection, so distinct `n` give distinct serials.
 */
const spread = (n: number, offset: number, modulus: number): number => (n * 7919 + offset) % modulus

const organisationCode = (kind: UnitKind, serial: number): string => {
  let body: string
  if (kind === "enterprise") {
    // As the codes given to enterprises since the 2015 reform commonly do, MA then six characters.
    let s = serial
    let tail = ""
    for (let i = 0; i < 6; i++) {
      tail = ALPHABET.charAt(s % 31) + tail
      s = Math.floor(s / 31)
    }
    body = `MA${tail}`
  } else {
    body = String(serial).padStart(8, "0")
  }
  return body + CreditCode.organisationCheckCharacter(body)
}

/**
 * A unit's 统一社会信用代码: authority and type from its kind, the region that
 * registered it, its organisation code, the check character.
 *
 * @since 0.2.0
 * @category identifiers
 */
export const creditCode = (kind: UnitKind, region: string, serial: number): string => {
  const first17 = `${kind === "organ" ? "11" : kind === "institution" ? "12" : "91"}${region}${organisationCode(kind, serial)}`
  return first17 + CreditCode.checkCharacter(first17)
}

/**
 * `count` work units with distinct names and distinct, valid credit codes. With a
 * city, half are the city's (衡水市…, registered in the city's region: the district
 * code with 00 for its last two digits), half the district's. Names come from pools
 * of organs, institutions (numbered schools among them) and enterprises; when the
 * pools run out, enterprises get branch offices (…有限公司第二分公司), so any count
 * gets distinct names.
 *
 * @since 0.2.0
 * @category constructors
 */
export const make = (
  random: Random,
  count: number,
  where: { readonly district: string; readonly tenant: string; readonly city: string }
): Array<WorkUnit> => {
  const levels = [{ prefix: where.district, region: where.tenant }]
  if (where.city !== "") levels.push({ prefix: where.city, region: `${where.tenant.slice(0, 4)}00` })
  // Each pool shuffled once, then taken from the end: distinct names without retries.
  const left = levels.map((level) => {
    const p = pools(level.prefix)
    return { ...level, pools: Object.fromEntries(kinds.map((k) => [k, random.shuffle(p[k])])) as Record<UnitKind, Array<string>> }
  })
  const branches = new Map<string, number>()
  const allEnterprises = left.flatMap((l) => pools(l.prefix).enterprise.map((name) => ({ name, region: l.region })))
  const offset = random.int(100_000_000)
  const out: Array<WorkUnit> = []
  for (let n = 0; n < count; n++) {
    const wanted = kinds[random.weighted(kinds.map((k) => kindWeights[k]))]!
    const level = left[random.int(left.length)]!
    // The wanted pool, else any pool with names left (this level first), else a branch office.
    const order = [level, ...left.filter((l) => l !== level)]
    let found: WorkUnit | undefined
    for (const l of order) {
      for (const kind of [wanted, ...kinds.filter((k) => k !== wanted)]) {
        const name = l.pools[kind].pop()
        if (name !== undefined) {
          found = { name, kind, creditCode: creditCode(kind, l.region, spread(n, offset, kind === "enterprise" ? 31 ** 6 : 100_000_000)) }
          break
        }
      }
      if (found !== undefined) break
    }
    if (found === undefined) {
      const parent = allEnterprises[n % allEnterprises.length]!
      const k = (branches.get(parent.name) ?? 1) + 1
      branches.set(parent.name, k)
      found = {
        name: `${parent.name}第${chineseNumeral(k)}分公司`,
        kind: "enterprise",
        creditCode: creditCode("enterprise", parent.region, spread(n, offset, 31 ** 6))
      }
    }
    out.push(found)
  }
  return out
}
