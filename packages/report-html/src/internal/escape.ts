/**
 * HTML escaping of everything the model holds. Text goes into elements and into
 * double-quoted attribute values only, so escaping the five characters that can end
 * either (`&`, `<`, `>`, `"`, `'`) keeps any label text: it can open no element and no
 * attribute.
 *
 * Some characters may not appear in an HTML document at all (the parser reports each
 * as an error, and an XML reader of the page fails on it): U+0000, the other C0
 * controls but TAB, LF and CR, DEL and the C1 controls, and the noncharacters
 * (U+FDD0–U+FDEF and the last two code points of every plane, U+FFFE and U+FFFF …).
 * Each is shown as U+FFFD REPLACEMENT CHARACTER, in the page and in the charts' SVG,
 * so the page stays well formed; an unpaired surrogate, which UTF-8 cannot carry,
 * becomes U+FFFD when the page is encoded (`ReportBackend.printable`).
 */
import { ReportBackend } from "@jiceng/core"

const entities: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  "\"": "&quot;",
  "'": "&#39;"
}

/** Text with every character no HTML page may hold replaced by U+FFFD (one per character). */
export const clean = ReportBackend.printable

/** Text as HTML, safe in an element and in a double-quoted attribute value. */
export const escapeHtml = (text: string): string => clean(text).replace(/[&<>"']/g, (c) => entities[c]!)
