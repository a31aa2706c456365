/**
 * The page's one stylesheet, inline: screen and print. The font stack is the checked
 * option (names, spaces, commas and single quotes only), so it cannot close the rule.
 */

export const css = (fontFamily: string): string => `
:root{color-scheme:light;--ink:#1f2328;--muted:#596069;--line:#d5d9de;--band:#f6f7f9;--accent:#c0392b;--paper:#fff}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#eceff2;color:var(--ink);font:14px/1.6 ${fontFamily}}
.report-head,.toc,main,.report-foot{max-width:1120px;margin:0 auto}
.report-head{background:var(--paper);border-top:6px solid var(--accent);padding:24px 32px 16px}
h1{font-size:24px;line-height:1.35;margin:0 0 14px}
h1,h2,h3,caption,dt,dd,.card-label,th,.note,nav a{white-space:pre-wrap;overflow-wrap:anywhere}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:4px 18px;margin:0}
.meta dt{color:var(--muted)}
.meta dd{margin:0}
.meta .code{font-variant-numeric:tabular-nums;color:var(--muted)}
.meta .unmasked{color:#a4161a;font-weight:700}
.toc{background:var(--paper);padding:4px 32px 12px;border-top:1px solid var(--line)}
.toc h2{font-size:14px;border:0;margin:8px 0 4px;color:var(--muted)}
.toc ol{margin:0;padding-left:20px;columns:2}
.toc a{color:var(--ink)}
.section{background:var(--paper);margin:16px 0;padding:8px 32px 24px}
h2{font-size:20px;margin:16px 0 12px;padding-bottom:4px;border-bottom:2px solid var(--accent)}
h3,caption{font-size:16px;font-weight:700;text-align:left;margin:20px 0 8px}
caption{padding:0 0 8px;margin:0}
.block{margin:0 0 20px}
.cards{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:12px}
.card{border:1px solid var(--line);border-left:4px solid var(--accent);border-radius:4px;padding:10px 14px;background:var(--band)}
.card-label{display:block;color:var(--muted);font-size:13px}
.card-value{font-size:24px;font-weight:700;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}
.unit{font-size:13px;font-weight:400;color:var(--muted);margin-left:3px}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border:1px solid var(--line);padding:4px 8px;vertical-align:top;text-align:left}
thead th{background:#f3e7e5;font-weight:700}
tbody tr:nth-child(even){background:var(--band)}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.text{white-space:pre-wrap;overflow-wrap:anywhere}
td.date{white-space:nowrap;font-variant-numeric:tabular-nums}
td.personal{font-variant-numeric:tabular-nums;letter-spacing:.02em}
tfoot td{font-weight:700;background:#fbf1ef;border-top:2px solid var(--ink)}
td.empty{text-align:center;color:var(--muted)}
.note{color:var(--muted);font-size:12px;margin:6px 0 0}
.chart{margin:8px 0 20px;text-align:center}
.chart svg{display:inline-block;max-width:100%;height:auto}
.report-foot{color:var(--muted);font-size:12px;padding:8px 32px 32px}
@media print{
@page{size:A4;margin:14mm 12mm}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{background:#fff;font-size:10.5pt}
.report-head,main,.report-foot{max-width:none}
.report-head{border-top:0;border-bottom:2pt solid var(--accent);padding:0 0 6mm}
.toc{display:none}
.section{margin:0;padding:4mm 0 0}
h2,h3,caption{break-after:avoid}
.card,.chart,tr{break-inside:avoid}
.table-wrap{overflow:visible}
thead{display:table-header-group}
tfoot{display:table-row-group}
.report-foot{padding:4mm 0 0}
}
`.trim()
