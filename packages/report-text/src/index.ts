/**
 * @jiceng/report-text: report back ends that write text — CSV that Excel opens with its
 * Chinese intact and no formula in it, and GitHub-flavoured Markdown. Each module's
 * `make(options?)` checks its options and gives a core `ReportBackend`.
 *
 * @since 0.7.0
 */

/**
 * The CSV back end: UTF-8 with a BOM, RFC 4180, formula injection neutralised; one file
 * per block with `files`.
 *
 * @since 0.7.0
 * @category modules
 */
export * as Csv from "./Csv.js"

/**
 * The Markdown back end: pipe tables, key figures as lists, charts as their data.
 *
 * @since 0.7.0
 * @category modules
 */
export * as Markdown from "./Markdown.js"
