/**
 * Community workers (社区工作者) and their 选育管用 — selection, cultivation, management,
 * use: recruitment plans by year against the workers hired, training sessions with their
 * attendance and class hours, social-work qualifications (`Qualification`) with their
 * eligibility, and career moves.
 *
 * @since 0.5.0
 */
import { Schema } from "effect"
import { Tenant } from "../access/Tenant.js"
import { GridCode } from "../grid/Grid.js"
import * as Text from "../text/Text.js"
import { IsoDate } from "../time/IsoDate.js"
import { Education, Level } from "./Qualification.js"

const Count = Schema.Int.pipe(Schema.nonNegative())

/**
 * A community worker's id, chosen by the platform.
 *
 * @since 0.5.0
 * @category schemas
 */
export const WorkerId = Text.Id.pipe(Schema.brand("CommunityWorkerId"))

/**
 * @since 0.5.0
 * @category models
 */
export type WorkerId = typeof WorkerId.Type

/**
 * A worker's post in the community: 社区党组织书记 (`secretary`), 居委会主任 (`director`),
 * or another 社区工作者 (`worker`).
 *
 * @since 0.5.0
 * @category schemas
 */
export const Post = Schema.Literal("secretary", "director", "worker")

/**
 * @since 0.5.0
 * @category models
 */
export type Post = typeof Post.Type

/**
 * @since 0.5.0
 * @category labels
 */
export const postLabels: Readonly<Record<Post, { readonly zh: string; readonly en: string }>> = {
  secretary: { zh: "社区党组织书记", en: "community party secretary" },
  director: { zh: "社区居委会主任", en: "residents' committee director" },
  worker: { zh: "社区工作者", en: "community worker" }
}

/**
 * A community worker as hired.
 *
 * @since 0.5.0
 * @category schemas
 */
export const CommunityWorker = Schema.Struct({
  tenant: Tenant,
  id: WorkerId,
  /** Personal data: shown to those who may read the workforce. */
  name: Text.Name,
  /** Personal data: masked unless the reader holds `pii:read`. */
  phone: Schema.NullOr(Schema.String),
  /** The community (a grid of the community level) the worker serves. */
  communityCode: GridCode,
  post: Post,
  hiredOn: IsoDate,
  education: Education,
  /** The day the worker began social work (for the qualifications' years), if known. */
  socialWorkSince: Schema.NullOr(IsoDate)
})

/**
 * @since 0.5.0
 * @category models
 */
export interface CommunityWorker extends Schema.Schema.Type<typeof CommunityWorker> {}

/**
 * A recruitment plan (招录计划): the workers a street or district means to hire in a year.
 *
 * @since 0.5.0
 * @category schemas
 */
export const RecruitmentPlan = Schema.Struct({
  tenant: Tenant,
  /** The grid the plan covers (its subtree's communities hire against it). */
  gridCode: GridCode,
  year: Schema.Int.pipe(Schema.between(2000, 2100)),
  planned: Count
})

/**
 * @since 0.5.0
 * @category models
 */
export interface RecruitmentPlan extends Schema.Schema.Type<typeof RecruitmentPlan> {}

/**
 * A training session id.
 *
 * @since 0.5.0
 * @category schemas
 */
export const SessionId = Text.Id.pipe(Schema.brand("TrainingSessionId"))

/**
 * @since 0.5.0
 * @category models
 */
export type SessionId = typeof SessionId.Type

/**
 * A training session (一期培训班): its days, its class hours, who organised it.
 *
 * @since 0.5.0
 * @category schemas
 */
export const TrainingSession = Schema.Struct({
  tenant: Tenant,
  id: SessionId,
  title: Text.Name,
  /** The grid of the organiser (a district or street). */
  gridCode: GridCode,
  from: IsoDate,
  to: IsoDate,
  /** Class hours (学时) each attendee receives. */
  hours: Schema.Int.pipe(Schema.between(1, 1000))
})

/**
 * @since 0.5.0
 * @category models
 */
export interface TrainingSession extends Schema.Schema.Type<typeof TrainingSession> {}

/**
 * One worker's attendance at a session: one person-time (人次).
 *
 * @since 0.5.0
 * @category schemas
 */
export const Attendance = Schema.Struct({ tenant: Tenant, sessionId: SessionId, workerId: WorkerId })

/**
 * @since 0.5.0
 * @category models
 */
export interface Attendance extends Schema.Schema.Type<typeof Attendance> {}

/**
 * A social-work qualification a worker obtained, with the route of eligibility it met.
 *
 * @since 0.5.0
 * @category schemas
 */
export const Holding = Schema.Struct({
  tenant: Tenant,
  workerId: WorkerId,
  level: Level,
  obtainedOn: IsoDate,
  /** The certificate's number, where recorded. */
  certificate: Schema.NullOr(Text.Id),
  /** The policy route it met, as words (the route's source). */
  route: Schema.String
})

/**
 * @since 0.5.0
 * @category models
 */
export interface Holding extends Schema.Schema.Type<typeof Holding> {}

/**
 * A career move (职业发展): named one of the province's 千名好支书 (`model-secretary`),
 * promoted to a 科级 post (`promoted`), taken into the civil service (`civil-service`,
 * 转录公务员), given a career establishment (`establishment`, 纳入事业编制), elected
 * director of the residents' committee (`elected-director`).
 *
 * @since 0.5.0
 * @category schemas
 */
export const MoveKind = Schema.Literal("model-secretary", "promoted", "civil-service", "establishment", "elected-director")

/**
 * @since 0.5.0
 * @category models
 */
export type MoveKind = typeof MoveKind.Type

/**
 * @since 0.5.0
 * @category labels
 */
export const moveLabels: Readonly<Record<MoveKind, { readonly zh: string; readonly en: string }>> = {
  "model-secretary": { zh: "千名好支书", en: "named a model party secretary" },
  promoted: { zh: "提拔为科级干部", en: "promoted to a section-level post" },
  "civil-service": { zh: "转录为公务员", en: "entered the civil service" },
  establishment: { zh: "纳入事业编制", en: "given a career establishment" },
  "elected-director": { zh: "当选社区居委会主任", en: "elected residents' committee director" }
}

/**
 * A move id.
 *
 * @since 0.5.0
 * @category schemas
 */
export const MoveId = Text.Id.pipe(Schema.brand("CareerMoveId"))

/**
 * @since 0.5.0
 * @category models
 */
export type MoveId = typeof MoveId.Type

/**
 * @since 0.5.0
 * @category schemas
 */
export const CareerMove = Schema.Struct({
  tenant: Tenant,
  id: MoveId,
  workerId: WorkerId,
  kind: MoveKind,
  on: IsoDate,
  note: Schema.NullOr(Text.Line(500))
})

/**
 * @since 0.5.0
 * @category models
 */
export interface CareerMove extends Schema.Schema.Type<typeof CareerMove> {}
