/**
 * @since 0.0.0
 */
export {}
