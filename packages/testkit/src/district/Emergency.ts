/** Placeholder, filled below. @since 0.5.0 */
export {}
