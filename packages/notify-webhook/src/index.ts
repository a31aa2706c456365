/**
 * @jiceng/notify-webhook: notification back ends over HTTP — a signed generic JSON
 * webhook (with `Signature.verify` for receivers), and the WeCom, DingTalk and Feishu
 * group robots with their signing schemes. Each module's `make(config)` checks the
 * configuration and gives a core `NotifierBackend`.
 *
 * @since 0.6.0
 */

/**
 * @since 0.6.0
 */
export * as DingTalk from "./DingTalk.js"

/**
 * @since 0.6.0
 */
export * as Feishu from "./Feishu.js"

/**
 * @since 0.6.0
 */
export * as Signature from "./Signature.js"

/**
 * @since 0.6.0
 */
export * as WeCom from "./WeCom.js"

/**
 * @since 0.6.0
 */
export * as Webhook from "./Webhook.js"
