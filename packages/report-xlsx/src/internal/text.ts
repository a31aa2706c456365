/**
 * Text as a worksheet holds it, and how wide it shows.
 *
 * XML 1.0 cannot carry most control characters, unpaired surrogates or U+FFFE/U+FFFF,
 * and an XML parser reads a carriage return as a line feed; exceljs drops the
 * former and DEL. SpreadsheetML escapes a UTF-16 unit as `_xHHHH_` (ECMA-376 Part 1,
 * 22.9.2.19 ST_Xstring), which Excel, LibreOffice and exceljs decode, so every text
 * reads back exactly as the model holds it; a literal `_xHHHH_` in the text is kept by
 * escaping its underscore (`_x005F_`).
 */

/** The longest text a cell holds (Excel's limit, in UTF-16 units). */
export const maxCellText = 32_767

const escaped = /_x[0-9A-Fa-f]{4}_|[\u0000-\u0008\u000B-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

const unit = (code: number): string => `_x${code.toString(16).toUpperCase().padStart(4, "0")}_`

/** Characters XML 1.0 cannot carry at all: U+FFFE, U+FFFF, an unpaired surrogate. */
const outsideXml = /[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Whether a text holds a character XML 1.0 cannot carry, nor any control character but TAB, LF and CR. */
export const unwritable = (text: string): boolean => /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(text) || outsideXml.test(text)

/** A text in ST_Xstring form: XML-safe, decoding to the text itself. */
export const xstring = (text: string): string =>
  text.replace(escaped, (found) => (found.length > 1 ? `_x005F_${found.slice(1)}` : unit(found.charCodeAt(0))))

/** Whether a code point shows two columns wide (East Asian Wide and Fullwidth, most emoji). */
const wide = (point: number): boolean =>
  (point >= 0x1100 && point <= 0x115f) ||
  (point >= 0x2e80 && point <= 0xa4cf && point !== 0x303f) ||
  (point >= 0xac00 && point <= 0xd7a3) ||
  (point >= 0xf900 && point <= 0xfaff) ||
  (point >= 0xfe30 && point <= 0xfe4f) ||
  (point >= 0xff00 && point <= 0xff60) ||
  (point >= 0xffe0 && point <= 0xffe6) ||
  (point >= 0x1f300 && point <= 0x1faff) ||
  (point >= 0x20000 && point <= 0x3fffd)

/**
 * How many character widths a text takes in a cell: its longest line, a CJK character
 * counting two. Stops counting at `cap`, so a long text costs no more than a short one.
 */
export const displayWidth = (text: string, cap: number): number => {
  let longest = 0
  let line = 0
  for (const char of text) {
    if (char === "\n") {
      line = 0
      continue
    }
    line += wide(char.codePointAt(0)!) ? 2 : 1
    if (line > longest) {
      longest = line
      if (longest >= cap) return cap
    }
  }
  return longest
}
