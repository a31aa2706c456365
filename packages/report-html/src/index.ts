/**
 * @jiceng/report-html: the HTML report back end — one self-contained page with inline
 * CSS and charts drawn to SVG by Apache ECharts on the server, no script and nothing
 * loaded from outside, for the browser, for print and for archiving. `Html.make(options)`
 * checks its options and gives a core `ReportBackend`.
 *
 * @since 0.7.0
 */

/**
 * The HTML back end.
 *
 * @since 0.7.0
 * @category modules
 */
export * as Html from "./Html.js"
