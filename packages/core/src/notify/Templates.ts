/**
 * The messages notifications are rendered from: per kind a subject and a text in
 * Chinese and in English, with `{name}` slots filled from the event's facts. A slot
 * without a value stays as written, so a missing fact shows rather than vanishing.
 * Templates carry no personal data (no names, phones or addresses of residents): a
 * recipient opens the record in the platform for those.
 *
 * @since 0.6.0
 */

/**
 * A template: a subject and a text per language.
 *
 * @since 0.6.0
 * @category models
 */
export interface Template {
  readonly zh: { readonly subject: string; readonly text: string }
  readonly en: { readonly subject: string; readonly text: string }
}

/**
 * The templates by notification kind.
 *
 * @since 0.6.0
 * @category constants
 */
export const templates = {
  "demand.assigned": {
    zh: { subject: "诉求交办：{demandId}", text: "群众诉求 {demandId} 已于 {at} 交办给您（网格 {gridCode}），请在时限内办理并反馈。" },
    en: {
      subject: "Demand assigned: {demandId}",
      text: "Demand {demandId} was assigned to you at {at} (grid {gridCode}); please handle it within its deadline."
    }
  },
  "demand.escalated": {
    zh: { subject: "诉求逾期上报：{demandId}", text: "群众诉求 {demandId} 逾期未办结，已于 {at} 上报至网格 {gridCode}，请督促办理。" },
    en: {
      subject: "Demand escalated: {demandId}",
      text: "Demand {demandId} was not resolved in time and was escalated to grid {gridCode} at {at}; please follow it up."
    }
  },
  "demand.overdue": {
    zh: { subject: "诉求逾期提醒：{demandId}", text: "群众诉求 {demandId}（网格 {gridCode}）已超过办理时限 {deadline}，请尽快办结；逾期未办结的将逐级上报。" },
    en: {
      subject: "Demand overdue: {demandId}",
      text: "Demand {demandId} (grid {gridCode}) passed its deadline of {deadline}; please resolve it soon, or it is escalated up the grid chain."
    }
  },
  "agreement.expiring": {
    zh: { subject: "共建协议即将到期：{agreementId}", text: "{organisation}与{unit}的共建协议 {agreementId} 将于 {lastDay} 期满（还有 {days} 天），请及时评估成效、商议续签。" },
    en: {
      subject: "Co-construction agreement expiring: {agreementId}",
      text: "The co-construction agreement {agreementId} between {organisation} and {unit} runs to {lastDay} ({days} days left); please review it and agree on a renewal."
    }
  },
  "probation.ending": {
    zh: { subject: "预备期即将期满：{trackId}", text: "{organisation}：发展党员记录 {trackId} 的预备期将于 {endsOn} 期满，请提醒其提出转正申请，并于 {dueOn} 前召开支部大会讨论转正。" },
    en: {
      subject: "Probation ending: {trackId}",
      text: "{organisation}: the probation of development track {trackId} ends on {endsOn}; remind the member to apply for conversion, and hold the branch general meeting on it by {dueOn}."
    }
  },
  "conversion.due": {
    zh: { subject: "预备党员转正{state}：{trackId}", text: "{organisation}：发展党员记录 {trackId} 的预备期已于 {endsOn} 期满，支部大会应于 {dueOn} 前讨论其转正（{state}）。" },
    en: {
      subject: "Conversion {state}: {trackId}",
      text: "{organisation}: the probation of development track {trackId} ended on {endsOn}; the branch general meeting is to decide the conversion by {dueOn} ({state})."
    }
  },
  "organisation.meeting-missing": {
    zh: { subject: "三会一课提醒：{organisation}", text: "{organisation} {period} 未召开{meeting}，请按要求召开并如实记录。" },
    en: { subject: "Meeting missing: {organisation}", text: "{organisation} held no {meeting} in {period}; please hold it as the schedule requires and record it." }
  },
  "grid.responsibility-alert": {
    zh: { subject: "定格定人定岗定责预警：网格 {gridCode}", text: "网格 {gridCode}：{alert}{workers}（{day}）。请核实并调整网格员配置。" },
    en: { subject: "Grid responsibility alert: grid {gridCode}", text: "Grid {gridCode}: {alert}{workers} ({day}). Please check and correct the grid's staffing." }
  },
  "coconstruction.post-claimed": {
    zh: { subject: "志愿岗位认领：{title}", text: "您已认领志愿岗位「{title}」（{team}，网格 {gridCode}），自 {from} 起服务。" },
    en: { subject: "Volunteer post claimed: {title}", text: "You claimed the volunteer post \"{title}\" ({team}, grid {gridCode}) from {from}." }
  },
  // A 喜报 names the member to their hometown's organisation (that is its point), never
  // the letter's postal address, a phone or an ID number.
  "development.honour-letter": {
    zh: {
      subject: "喜报：{member}同志荣获{honour}",
      text: "{hometown}：\n贵地在外党员{member}同志（{organisation}）于 {awardedOn} 荣获{honour}。特此报喜。（{sentOn} 寄送）"
    },
    en: {
      subject: "Good news: {member} awarded {honour}",
      text: "To {hometown}:\n{member}, a party member from your area ({organisation}), was awarded {honour} on {awardedOn}. We are glad to share the good news. (Sent {sentOn}.)"
    }
  },
  "emergency.activated": {
    zh: {
      subject: "平急转换：{gridCode} 启动应急状态（{task}）",
      text: "{scope}（{communities} 个社区）自 {on} 起转入应急状态（{task}）：{workers} 名网格员、{members} 名报到党员统一归社区党组织管理，组建临时党支部 {branches} 个。"
    },
    en: {
      subject: "Emergency mode activated in {gridCode} ({task})",
      text: "Emergency mode ({task}) is active in {scope} ({communities} communities) from {on}: {workers} grid workers and {members} enrolled members are under the community party organisations, in {branches} temporary branches."
    }
  },
  "emergency.deactivated": {
    zh: {
      subject: "平急转换：{gridCode} 解除应急状态（{task}）",
      text: "{scope}的应急状态（{task}，自 {activatedOn} 起）于 {on} 解除：撤销临时党支部 {branches} 个，先锋队 {teams} 支随之结束，人员回归原岗位。"
    },
    en: {
      subject: "Emergency mode deactivated in {gridCode} ({task})",
      text: "Emergency mode ({task}) in {scope}, active since {activatedOn}, ended on {on}: {branches} temporary branches dissolved and {teams} vanguard teams ended; everyone returns to their usual posts."
    }
  },
  "outreach.problem-raised": {
    zh: { subject: "三联三服问题：{problemId}", text: "您联系的{target}（网格 {gridCode}）于 {on} 反映问题 {problemId}，请跟进协调解决。" },
    en: {
      subject: "Outreach problem raised: {problemId}",
      text: "Problem {problemId} was raised on {on} by your {target} (grid {gridCode}); please follow it up."
    }
  },
  "outreach.problem-resolved": {
    zh: { subject: "三联三服问题已解决：{problemId}", text: "您联系的{target}（网格 {gridCode}）反映的问题 {problemId}（{raisedOn} 提出）已于 {on} 解决。" },
    en: {
      subject: "Outreach problem resolved: {problemId}",
      text: "Problem {problemId}, raised by your {target} (grid {gridCode}) on {raisedOn}, was resolved on {on}."
    }
  }
} satisfies Record<string, Template>

/**
 * A notification kind that has a template.
 *
 * @since 0.6.0
 * @category models
 */
export type Kind = keyof typeof templates

/**
 * Fills a template's subject and text in a language.
 *
 * @since 0.6.0
 * @category utils
 */
export const render = (
  kind: Kind,
  lang: "zh" | "en",
  values: Readonly<Record<string, string | number>>
): { readonly subject: string; readonly text: string } => {
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (slot, name: string) => name in values ? String(values[name]) : slot)
  const t = templates[kind][lang]
  return { subject: fill(t.subject), text: fill(t.text) }
}
