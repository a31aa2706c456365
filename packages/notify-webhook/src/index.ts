/**
 * @jiceng/notify-webhook: notification back ends over HTTP — a signed generic JSON
 * webhook (with `Signature.verify` for receivers), and the WeCom, DingTalk and Feishu
 * group robots with their signing schemes. Each module's `make(config)` checks the
 * configuration and gives a core `NotifierBackend`.
 *
 * @since 0.6.0
 */

/**
 * The DingTalk custom robot (钉钉自定义机器人), signed (加签).
 *
 * @since 0.6.0
 * @category modules
 */
export * as DingTalk from "./DingTalk.js"

/**
 * The Feishu custom bot (飞书自定义机器人), signed (签名校验).
 *
 * @since 0.6.0
 * @category modules
 */
export * as Feishu from "./Feishu.js"

/**
 * The generic webhook's signature: `sign`, and `verify` for receivers.
 *
 * @since 0.6.0
 * @category modules
 */
export * as Signature from "./Signature.js"

/**
 * The WeCom group robot (企业微信群机器人).
 *
 * @since 0.6.0
 * @category modules
 */
export * as WeCom from "./WeCom.js"

/**
 * The generic webhook: the notification as a signed JSON POST.
 *
 * @since 0.6.0
 * @category modules
 */
export * as Webhook from "./Webhook.js"
