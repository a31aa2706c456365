/**
 * @jiceng/notify-email: the e-mail back end of jiceng's notifications, SMTP through
 * nodemailer.
 *
 * @since 0.6.0
 */

/**
 * The back end: `make(config)`, `isAddress`.
 *
 * @since 0.6.0
 */
export * as EmailBackend from "./EmailBackend.js"

/**
 * Its configuration and the check run when it is made.
 *
 * @since 0.6.0
 */
export * as EmailConfig from "./EmailConfig.js"
