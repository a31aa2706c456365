/**
 * The kinds of volunteer service activity the ledger generator (`Ledger`) plans: what a
 * community's teams do in a year and what one such activity looks like — its ledger
 * category (a key of `LedgerConfig.defaults`), how long its sessions last and when
 * they start, how many volunteers come, how many residents it serves and how many
 * practical matters (实事) it tends to get done, the team kind that runs it, and what a
 * volunteer's session says. The figures are the generator's rules of thumb, not the
 * article's.
 *
 * @since 0.4.0
 */

/**
 * An inclusive range `[min, max]`.
 *
 * @since 0.4.0
 * @category models
 */
export type Range = readonly [number, number]

/**
 * A kind of activity.
 *
 * @since 0.4.0
 * @category models
 */
export interface ServiceKind {
  readonly key: string
  /** The activity's name after its place: 育才社区惠民政策宣讲. */
  readonly title: string
  /** A category key of `LedgerConfig.defaults`. */
  readonly category: string
  /** What a session's entry says (its content), one picked a session. */
  readonly content: ReadonlyArray<string>
  /** Residents an activity serves in all (over all its days and volunteers). */
  readonly residents: Range
  /** How strongly it gets practical matters done: a weight in the split of the year's matters. */
  readonly matters: number
  /** The length of a day's slot, in minutes. */
  readonly minutes: Range
  /** Minutes after midnight a day's slot may start at. */
  readonly starts: ReadonlyArray<number>
  /** Volunteers a day. */
  readonly volunteers: Range
  /** How often it is held, relative to the other kinds. */
  readonly weight: number
  /** The months (1–12) it is held in; all when left out. */
  readonly months?: ReadonlyArray<number>
  /** Held Monday to Friday only (四点半课堂). */
  readonly weekdays?: boolean
  /** The team kind (a word of the team's name, 平安巡逻) that runs it, when a compound has one. */
  readonly team?: string
}

const at = (hour: number, minute = 0): number => hour * 60 + minute

/**
 * The everyday kinds, run by the communities' and compounds' volunteer teams. The night
 * patrol's slot may run past midnight.
 *
 * @since 0.4.0
 * @category constants
 */
export const everyday: ReadonlyArray<ServiceKind> = [
  {
    key: "policy-talk",
    title: "惠民政策宣讲",
    category: "policy",
    content: ["入户宣讲惠民政策，发放宣传资料", "在小区广场设点宣讲政策，解答居民咨询"],
    residents: [15, 40],
    matters: 0.2,
    minutes: [60, 120],
    starts: [at(9), at(9, 30), at(14, 30), at(15)],
    volunteers: [2, 6],
    weight: 10,
    team: "党员先锋"
  },
  {
    key: "errands",
    title: "政务服务代办",
    category: "policy",
    content: ["为行动不便居民代办社保认证", "帮助居民代办医保、养老金手续"],
    residents: [3, 10],
    matters: 2,
    minutes: [90, 180],
    starts: [at(8, 30), at(9), at(14)],
    volunteers: [2, 4],
    weight: 6,
    team: "党员先锋"
  },
  {
    key: "elderly-visit",
    title: "独居老人探访",
    category: "elderly",
    content: ["上门探望独居老人，了解生活需求", "陪伴空巢老人聊天，帮助打扫卫生"],
    residents: [3, 10],
    matters: 1,
    minutes: [60, 150],
    starts: [at(9), at(15)],
    volunteers: [2, 6],
    weight: 10,
    team: "助老服务"
  },
  {
    key: "meals",
    title: "助老送餐",
    category: "elderly",
    content: ["为高龄老人送餐上门", "协助老年食堂分餐送餐"],
    residents: [6, 15],
    matters: 0.5,
    minutes: [60, 120],
    starts: [at(10, 30), at(11)],
    volunteers: [2, 5],
    weight: 6,
    team: "助老服务"
  },
  {
    key: "clinic",
    title: "健康义诊进社区",
    category: "community",
    content: ["协助义诊，为居民测量血压血糖", "维持义诊秩序，登记居民健康信息"],
    residents: [15, 45],
    matters: 0.5,
    minutes: [120, 180],
    starts: [at(8, 30), at(9)],
    volunteers: [3, 8],
    weight: 5
  },
  {
    key: "repair",
    title: "家电义务维修",
    category: "community",
    content: ["义务维修小家电", "上门检修水电线路"],
    residents: [4, 12],
    matters: 2.5,
    minutes: [120, 240],
    starts: [at(9), at(14)],
    volunteers: [2, 5],
    weight: 6,
    team: "邻里互助"
  },
  {
    key: "haircut",
    title: "便民理发",
    category: "community",
    content: ["为老年居民义务理发", "上门为卧床老人理发"],
    residents: [8, 20],
    matters: 0.3,
    minutes: [90, 180],
    starts: [at(9)],
    volunteers: [2, 4],
    weight: 4,
    team: "邻里互助"
  },
  {
    key: "cleanup",
    title: "小区环境卫生整治",
    category: "environment",
    content: ["清理楼道杂物和小广告", "清扫小区卫生死角，清运垃圾"],
    residents: [0, 5],
    matters: 1,
    minutes: [60, 180],
    starts: [at(7, 30), at(8), at(15)],
    volunteers: [5, 14],
    weight: 10,
    team: "环境卫生"
  },
  {
    key: "sorting",
    title: "垃圾分类督导",
    category: "environment",
    content: ["在垃圾投放点督导分类投放", "入户讲解垃圾分类知识"],
    residents: [5, 20],
    matters: 0.2,
    minutes: [60, 120],
    starts: [at(7), at(18)],
    volunteers: [2, 6],
    weight: 6,
    team: "环境卫生"
  },
  {
    key: "courtyard",
    title: "红色物业楼院清理",
    category: "environment",
    content: ["协助物业清理楼院、修剪绿植", "排查楼院设施破损，登记报修"],
    residents: [0, 5],
    matters: 1,
    minutes: [60, 150],
    starts: [at(8), at(15)],
    volunteers: [3, 8],
    weight: 3,
    team: "红色物业"
  },
  {
    key: "traffic",
    title: "文明交通劝导",
    category: "civility",
    content: ["在路口劝导文明出行", "劝导电动车规范停放"],
    residents: [5, 20],
    matters: 0.1,
    minutes: [60, 120],
    starts: [at(7), at(17)],
    volunteers: [3, 8],
    weight: 7,
    team: "文明劝导"
  },
  {
    key: "customs",
    title: "移风易俗宣传",
    category: "civility",
    content: ["宣传婚事新办、丧事简办", "发放文明倡议书"],
    residents: [8, 25],
    matters: 0.2,
    minutes: [60, 120],
    starts: [at(9), at(15)],
    volunteers: [2, 5],
    weight: 4,
    team: "文明劝导"
  },
  {
    key: "homework",
    title: "四点半课堂",
    category: "culture",
    content: ["辅导小学生完成作业", "组织学生开展阅读活动"],
    residents: [8, 20],
    matters: 0.1,
    minutes: [90, 120],
    starts: [at(16, 30)],
    volunteers: [2, 4],
    weight: 6,
    weekdays: true
  },
  {
    key: "show",
    title: "社区文艺演出",
    category: "culture",
    content: ["参与文艺节目排练演出", "布置演出场地，维持现场秩序"],
    residents: [20, 60],
    matters: 0.1,
    minutes: [120, 180],
    starts: [at(9), at(19)],
    volunteers: [4, 10],
    weight: 3
  },
  {
    key: "legal-advice",
    title: "法律咨询进小区",
    category: "legal",
    content: ["为居民解答法律问题", "宣讲民法典，提供法律咨询"],
    residents: [3, 12],
    matters: 1.5,
    minutes: [90, 180],
    starts: [at(9), at(14, 30)],
    volunteers: [2, 4],
    weight: 4
  },
  {
    key: "mediation",
    title: "邻里纠纷调解",
    category: "legal",
    content: ["调解邻里噪音纠纷", "调解楼上楼下漏水纠纷"],
    residents: [2, 6],
    matters: 2,
    minutes: [60, 150],
    starts: [at(9), at(14, 30), at(19)],
    volunteers: [2, 3],
    weight: 4
  },
  {
    key: "flood",
    title: "防汛值守",
    category: "emergency",
    content: ["巡查低洼地段积水情况", "值守防汛物资，清理排水口"],
    residents: [0, 3],
    matters: 0.5,
    minutes: [180, 240],
    starts: [at(8), at(14), at(19)],
    volunteers: [3, 8],
    weight: 4,
    months: [6, 7, 8, 9],
    team: "应急救援"
  },
  {
    key: "fire-check",
    title: "消防安全隐患排查",
    category: "emergency",
    content: ["排查楼道堆物和飞线充电", "检查小区消防设施"],
    residents: [3, 12],
    matters: 1.5,
    minutes: [90, 180],
    starts: [at(9), at(14, 30)],
    volunteers: [2, 6],
    weight: 5,
    team: "应急救援"
  },
  {
    key: "night-patrol",
    title: "夜间平安巡逻",
    category: "community",
    content: ["夜间巡逻小区，查看门户安全", "巡查小区消防通道和电动车棚"],
    residents: [0, 4],
    matters: 0.5,
    minutes: [120, 180],
    starts: [at(19, 30), at(20), at(20, 30), at(21, 30)],
    volunteers: [3, 6],
    weight: 3,
    team: "平安巡逻"
  }
]

/**
 * The 五社联动 kinds (社区党组织、社会组织、社会工作者、社区志愿者、社区公益资源), held at
 * the service points under the community's party organisation with a social work
 * organisation; no volunteer team runs them.
 *
 * @since 0.4.0
 * @category constants
 */
export const wushe: ReadonlyArray<ServiceKind> = [
  {
    key: "wushe-children",
    title: "“五社联动”困境儿童关爱",
    category: "community",
    content: ["陪伴困境儿童开展课业辅导", "与社工一起走访困境儿童家庭"],
    residents: [5, 20],
    matters: 1,
    minutes: [90, 150],
    starts: [at(9), at(14, 30)],
    volunteers: [2, 5],
    weight: 3
  },
  {
    key: "wushe-care",
    title: "“五社联动”居家养老上门服务",
    category: "elderly",
    content: ["随社工上门为老人提供生活照料", "为失能老人家庭提供喘息服务"],
    residents: [5, 20],
    matters: 1.5,
    minutes: [90, 180],
    starts: [at(9), at(14, 30)],
    volunteers: [2, 5],
    weight: 4
  },
  {
    key: "wushe-counsel",
    title: "“五社联动”心理疏导",
    category: "community",
    content: ["协助社工开展心理疏导小组活动", "陪伴独居老人，开展情绪疏导"],
    residents: [5, 15],
    matters: 0.5,
    minutes: [60, 120],
    starts: [at(9, 30), at(15)],
    volunteers: [2, 4],
    weight: 2
  },
  {
    key: "wushe-fair",
    title: "“五社联动”公益集市",
    category: "civility",
    content: ["在公益集市摆摊提供便民服务", "为公益集市募集和分发爱心物资"],
    residents: [10, 30],
    matters: 1,
    minutes: [120, 180],
    starts: [at(9)],
    volunteers: [3, 8],
    weight: 2
  },
  {
    key: "wushe-council",
    title: "“五社联动”居民议事协商",
    category: "community",
    content: ["组织居民议事会，收集居民诉求", "协助社工梳理居民需求清单"],
    residents: [8, 20],
    matters: 2,
    minutes: [60, 120],
    starts: [at(15), at(19)],
    volunteers: [2, 4],
    weight: 2
  }
]
