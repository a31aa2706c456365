/**
 * A small district on the memory store for the roster, 台账 and certificate reports:
 * grids down to blocks in two streets, workers with phones and ID numbers, households
 * with addresses, and volunteers with sessions.
 */
import {
  Actor,
  type GridCommand,
  Grids,
  type LedgerCommand,
  MemoryStore,
  VolunteerLedgerService
} from "@jiceng/core"
import { PersonalData } from "@jiceng/testkit"
import { Effect } from "effect"

// The district, its clock and the audit reads are the testkit's (PersonalData), shared
// with the personal-data property tests of the models and of every back end.
export const { activities, admin, auditAfter, auditHead, blocks, community, compound, setToday, tenant, today, tree } = PersonalData

/** Reads everything in the district, personal data masked. */
export const viewer = PersonalData.viewer
/** Reads everything in 河西街道, personal data whole (an administrator). */
export const hexiAdmin = Actor.make({ id: "河西街道管理员", tenant, roles: ["admin"], scope: "131102001" })

export const layer = PersonalData.layer(MemoryStore.layer)

export const workers: ReadonlyArray<GridCommand.Input> = [
  {
    _tag: "RegisterWorker", id: "W1", name: "李四", category: "community_worker", employment: "full_time",
    communityCode: community, phone: "13812345678", citizenId: "11010519491231002X", at: "2023-01-01"
  },
  {
    _tag: "RegisterWorker", id: "W2", name: "王五", category: "unit_head", employment: "part_time",
    communityCode: community, phone: "13912345670", at: "2023-01-01"
  },
  {
    _tag: "RegisterWorker", id: "W3", name: "赵六", category: "community_worker", employment: "full_time",
    communityCode: "131102002001", phone: "13712345671", citizenId: "131102198001010011", at: "2023-01-01"
  },
  { _tag: "AssignWorker", workerId: "W1", gridCode: compound, post: "网格长", responsible: true, duties: ["巡查走访"], at: "2023-01-01" },
  { _tag: "AssignWorker", workerId: "W1", gridCode: blocks[0], post: "网格员", responsible: true, duties: ["入户走访"], at: "2023-01-01" },
  { _tag: "AssignWorker", workerId: "W2", gridCode: blocks[1], post: "单元长", responsible: true, duties: ["楼栋服务"], at: "2023-01-01" },
  { _tag: "AssignWorker", workerId: "W3", gridCode: "131102002001001001", post: "网格长", responsible: true, duties: ["巡查走访"], at: "2023-01-01" }
]

export const households: ReadonlyArray<GridCommand.Input> = [
  { _tag: "PlacePlace", id: "H1", kind: "household", name: "张家", address: "河西街道明珠社区锦绣花园1号楼1单元101", gridCode: blocks[0], at: "2023-02-01" },
  { _tag: "PlacePlace", id: "H2", kind: "household", name: "欧阳娜娜", address: "河西街道明珠社区锦绣花园1号楼2单元202", gridCode: blocks[1], at: "2023-02-01" },
  { _tag: "PlacePlace", id: "H3", kind: "household", name: "孙家", gridCode: blocks[1], at: "2023-02-01" },
  { _tag: "PlacePlace", id: "B1", kind: "residential_building", name: "锦绣花园1号楼", address: "锦绣花园1号楼", gridCode: compound, at: "2023-02-01" },
  { _tag: "PlacePlace", id: "H9", kind: "household", name: "钱家", address: "河东街道锦华社区3号楼1单元301", gridCode: "131102002001001001001", at: "2023-02-01" }
]

export const registrations: ReadonlyArray<LedgerCommand.Input> = [
  { _tag: "RegisterVolunteer", id: "v-wang", name: "王建国", citizenId: "131102198001010038", phone: "13800000001", gridCode: community, registeredOn: "2024-01-02" },
  { _tag: "RegisterVolunteer", id: "v-li", name: "李秀英", phone: "13800000002", gridCode: community, registeredOn: "2024-01-02" },
  { _tag: "RegisterVolunteer", id: "v-zhou", name: "周强", citizenId: "131102199001010016", phone: "13800000003", gridCode: "131102002001", registeredOn: "2024-01-02" },
  { _tag: "RecordConsent", volunteerId: "v-wang", given: true, on: "2024-01-02" },
  ...activities
]

const session = (key: string, volunteerId: string, activityId: string, day: string, from: string, to: string, residentsServed = 1, mattersDone = 0): LedgerCommand.Input => ({
  _tag: "RecordService", key, volunteerId, activityId, startsAt: `${day}T${from}`, endsAt: `${day}T${to}`, content: "服务", residentsServed, mattersDone
})

export const sessions: ReadonlyArray<LedgerCommand.Input> = [
  session("s1", "v-wang", "act-1", "2024-03-18", "09:00", "11:30", 12, 12),
  session("s2", "v-wang", "act-2", "2024-03-19", "20:00", "22:00", 1, 0),
  session("s3", "v-li", "act-2", "2024-03-20", "09:00", "10:20", 2, 1),
  // 周强 lives in 河东 and served there, and once in 河西.
  session("s4", "v-zhou", "act-3", "2024-03-21", "08:00", "09:00", 5, 2),
  session("s5", "v-zhou", "act-1", "2024-03-22", "08:00", "08:50", 3, 1),
  // Recorded, then found not to have happened: reversed, so it counts for nothing.
  session("s6", "v-li", "act-1", "2024-04-02", "14:00", "15:00", 1, 0)
]

/** The district written through the services, today set to 2024-06-01. */
export const seed = Effect.gen(function*() {
  yield* setToday
  const grids = yield* Grids.Grids
  yield* grids.executeAll(admin, [...tree, ...workers, ...households])
  const ledger = yield* VolunteerLedgerService.VolunteerLedger
  yield* ledger.executeAll(admin, [...registrations, ...sessions])
  yield* ledger.execute(admin, { _tag: "CorrectEntry", key: "c1", seq: 6, reason: "未开展", requester: "李秀英" })
})
