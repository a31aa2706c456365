/**
 * A notification for the tests, as the outbox would hold it.
 */
import { Notification } from "@jiceng/core"
import { Schema } from "effect"

export const notification = (
  recipients: Notification.Notification["recipients"],
  overrides: Partial<Notification.Notification> = {}
): Notification.Notification =>
  Schema.decodeUnknownSync(Notification.Notification)({
    id: "demand.assigned:330106:D-2024-0001:1",
    tenant: "330106",
    kind: "demand.assigned",
    raisedAt: "2024-05-01T10:00:00+08:00",
    gridCode: "330106001001",
    organisationId: "org-1",
    to: [{ kind: "worker", id: "W-1", name: null }],
    recipients,
    lang: "zh",
    subject: "民生诉求已派单",
    text: "诉求 D-2024-0001（楼道照明）已派至第一网格，请于 3 个工作日内办结。\n网格员：张三",
    html: null,
    data: { demandId: "D-2024-0001", dueOn: "2024-05-06" },
    ...overrides
  })
