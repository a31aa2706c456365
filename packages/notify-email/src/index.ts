/**
 * @jiceng/notify-email — under construction (issue 12).
 *
 * @since 0.6.0
 */
export {}
