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
  "coconstruction.post-claimed": {
    zh: { subject: "志愿岗位认领：{title}", text: "您已认领志愿岗位「{title}」（{team}，网格 {gridCode}），自 {from} 起服务。" },
    en: { subject: "Volunteer post claimed: {title}", text: "You claimed the volunteer post \"{title}\" ({team}, grid {gridCode}) from {from}." }
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
