/**
 * Plausible Chinese names for generated districts, built from seeded pieces: 社区
 * names like 明珠社区, 片区 named after roads, compounds like 锦绣花园, blocks like
 * 3号楼1单元, people from common surnames and given names. The pieces are ordinary
 * words; any likeness to a real place or person is chance.
 *
 * @since 0.1.0
 */
import type { Random } from "./Random.js"

/** Two-character words that Chinese community (社区居委会) names are commonly built from. */
const communityWords: ReadonlyArray<string> = [
  "明珠", "康宁", "和平", "新华", "永安", "人民", "育才", "胜利", "前进", "红星",
  "光明", "幸福", "东方", "朝阳", "建设", "团结", "长安", "安居", "福苑", "华兴",
  "庆丰", "金桥", "振华", "宏达", "民主", "文化", "新建", "春晖", "惠民", "和谐",
  "锦华", "瑞祥", "泰和", "兴华", "翠园", "育红", "丽景", "宝云", "榕花", "问津",
  "滏阳", "永兴", "裕华", "友谊", "向阳", "安济", "德胜", "怡园", "昌盛", "环城",
  "站前", "北方", "桃园", "利民", "富强", "北苑", "南华", "新风", "工农", "红旗"
]

const directions: ReadonlyArray<string> = ["东", "西", "南", "北", "中"]

const roads: ReadonlyArray<string> = [
  "人民路", "中华大街", "红旗大街", "胜利路", "和平路", "新华路", "永兴路", "育才街",
  "榕花大街", "前进街", "问津街", "大庆路", "宝云街", "自强街", "建设街", "开发路",
  "站前街", "北环路", "光明路", "团结路", "京华路", "康宁路", "滏阳路", "安济路", "桃城路"
]

const compoundWords: ReadonlyArray<string> = [
  "锦绣", "阳光", "盛世", "金地", "翰林", "御景", "怡和", "康乐", "紫薇", "丽都",
  "天河", "凤凰", "桂花", "香榭", "碧水", "翡翠", "名仕", "书香", "水岸", "东湖",
  "金茂", "鑫源", "银河", "世纪", "时代", "橡树", "学府", "祥和", "福泰", "嘉禾",
  "润泽", "泰华", "龙湾", "湖畔", "春天", "玉兰", "海棠", "华苑", "万和", "富华",
  "恒信", "安泰", "宏宇", "东篱", "清华", "檀香", "明月", "静安", "融和", "新城"
]

const compoundSuffixes: ReadonlyArray<string> = [
  "花园", "小区", "家园", "名苑", "嘉园", "公寓", "新村", "雅苑", "华庭", "佳苑", "府", "里"
]

// Frequency order: the first surnames are drawn more often, as in a real register.
const surnames: ReadonlyArray<string> = [
  "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高",
  "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧",
  "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾",
  "丁", "魏", "薛", "叶", "阎", "余", "潘", "杜", "戴", "夏", "钟", "汪", "田", "任", "姜",
  "范", "方", "石", "姚", "谭", "廖", "邹", "熊", "金", "陆", "郝", "孔", "白", "崔", "康",
  "毛", "邱", "秦", "江", "史", "顾", "侯", "邵", "孟", "龙", "段", "钱", "汤", "尹", "常"
]
const surnameWeights = surnames.map((_, i) => 1 / (i + 8))

const maleGiven: ReadonlyArray<string> = [
  "伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "刚", "平", "辉", "鹏", "华",
  "飞", "鑫", "波", "斌", "宇", "浩", "凯", "健", "俊", "帆", "旭", "宁", "龙", "林", "建国",
  "建华", "志强", "志刚", "海涛", "国庆", "晓东", "文博", "子豪", "浩然", "宇航", "立新", "永刚",
  "振宇", "俊杰", "卫东", "红军", "金龙", "德明"
]

const femaleGiven: ReadonlyArray<string> = [
  "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "桂英", "秀英", "秀兰", "玉兰",
  "丽娟", "海燕", "晓燕", "雪梅", "婷婷", "欣怡", "雨涵", "思雨", "佳怡", "梦琪", "红梅", "春梅",
  "淑珍", "慧", "颖", "倩", "琳", "洁", "萍", "璐", "悦", "亚楠", "文静", "丽华"
]

const merchantWords: ReadonlyArray<string> = [
  "惠民", "便民", "鑫源", "万家", "好邻居", "老街坊", "金鼎", "福满园", "聚福", "顺达",
  "家家乐", "益康", "新世纪", "百姓", "老王", "刘记", "张记", "红运"
]

const merchantTrades: ReadonlyArray<string> = [
  "超市", "便利店", "家常菜馆", "理发店", "大药房", "水果店", "五金店", "早餐店", "洗衣店",
  "快递驿站", "烟酒店", "面馆", "粮油店", "眼镜店", "蛋糕店", "修车铺"
]

const numerals = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"] as const

/**
 * A positive integer below 1000 in Chinese numerals: 1 → 一, 12 → 十二, 25 → 二十五,
 * 105 → 一百零五.
 *
 * @since 0.1.0
 * @category formatting
 */
export const chineseNumeral = (n: number): string => {
  if (!Number.isInteger(n) || n < 1 || n > 999) return String(n)
  const hundreds = Math.floor(n / 100)
  const tens = Math.floor((n % 100) / 10)
  const ones = n % 10
  let out = hundreds > 0 ? `${numerals[hundreds]}百` : ""
  if (tens > 0) out += tens === 1 && hundreds === 0 ? "十" : `${numerals[tens]}十`
  else if (hundreds > 0 && ones > 0) out += "零"
  if (ones > 0) out += numerals[ones]
  return out
}

/**
 * Hands out names unique within its scope (a district, a community). It tries a few
 * seeded picks from the pool and, when they are all taken, decorates a base name
 * with an ordinal, the way real names grow (锦绣花园二期, 明珠第二社区).
 *
 * @since 0.1.0
 * @category models
 */
export interface Namer {
  readonly take: (random: Random, pool: ReadonlyArray<string>, decorate: (base: string, n: number) => string) => string
}

/**
 * @since 0.1.0
 * @category constructors
 */
export const namer = (): Namer => {
  const used = new Set<string>()
  const claim = (name: string): string => {
    used.add(name)
    return name
  }
  return {
    take: (random, pool, decorate) => {
      for (let attempt = 0; attempt < 8; attempt++) {
        const name = random.pick(pool)
        if (!used.has(name)) return claim(name)
      }
      const base = random.pick(pool)
      // Each ordinal is tried once; at most `used.size` of them can be taken.
      for (let n = 2; n <= used.size + 2; n++) {
        const name = decorate(base, n)
        if (!used.has(name)) return claim(name)
      }
      return claim(`${base}${used.size}`)
    }
  }
}

/**
 * A community name: 明珠社区, then 明珠东社区, then 明珠第二社区.
 *
 * @since 0.1.0
 * @category names
 */
export const community = (random: Random, names: Namer): string =>
  names.take(
    random,
    random.next() < 0.85
      ? communityWords.map((w) => `${w}社区`)
      : communityWords.flatMap((w) => directions.map((d) => `${w}${d}社区`)),
    (base, n) => `${base.replace(/社区$/, "")}第${chineseNumeral(n)}社区`
  )

const sectorPool: ReadonlyArray<string> = roads.flatMap((r) => directions.map((d) => `${r}${d}片区`))

/**
 * A sector (片区) name after a road: 胜利路东片区.
 *
 * @since 0.1.0
 * @category names
 */
export const sector = (random: Random, names: Namer): string =>
  names.take(random, sectorPool, (base, n) => `${base.replace(/片区$/, "")}第${chineseNumeral(n)}片区`)

const compoundPool: ReadonlyArray<string> = compoundWords.flatMap((w) => compoundSuffixes.map((s) => `${w}${s}`))

/**
 * A compound (小区) name: 锦绣花园, then 锦绣花园二期.
 *
 * @since 0.1.0
 * @category names
 */
export const compound = (random: Random, names: Namer): string =>
  names.take(random, compoundPool, (base, n) => `${base}${chineseNumeral(n)}期`)

/**
 * A block (单元) name from its position in the compound: 3号楼1单元.
 *
 * @since 0.1.0
 * @category names
 */
export const block = (building: number, unit: number): string => `${building}号楼${unit}单元`

/**
 * @since 0.1.0
 * @category models
 */
export type Sex = "male" | "female"

/**
 * A person's name: a surname (common ones more often) and a given name that fits the sex.
 *
 * @since 0.1.0
 * @category names
 */
export const person = (random: Random, sex: Sex): string =>
  surnames[random.weighted(surnameWeights)]! + random.pick(sex === "male" ? maleGiven : femaleGiven)

/**
 * A street (街道) name for generated districts beyond the real ones: 永兴街道.
 *
 * @since 0.1.0
 * @category names
 */
export const street = (random: Random, names: Namer): string =>
  names.take(
    random,
    roads.map((r) => `${r.replace(/(大街|路|街)$/, "")}街道`),
    (base, n) => `${base.replace(/街道$/, "")}第${chineseNumeral(n)}街道`
  )

/**
 * A merchant (商户): 惠民超市.
 *
 * @since 0.1.0
 * @category names
 */
export const merchant = (random: Random): string => random.pick(merchantWords) + random.pick(merchantTrades)

const officeWords: ReadonlyArray<string> = ["金融", "商务", "科技", "时代", "国贸", "财富", "创业", "汇通", "银座", "中心"]

/**
 * An office building (商务楼宇): 时代大厦.
 *
 * @since 0.2.0
 * @category names
 */
export const officeBuilding = (random: Random, names: Namer): string =>
  names.take(random, officeWords.map((w) => `${w}大厦`), (base, n) => `${base.replace(/大厦$/, "")}${chineseNumeral(n)}号大厦`)
