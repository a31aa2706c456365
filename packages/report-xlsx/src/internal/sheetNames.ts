/**
 * Worksheet names: Excel allows at most 31 characters, none of `[ ] : * ? / \`, no
 * apostrophe first or last, not the reserved `History`, and no two names of a workbook
 * equal ignoring case.
 */

/** The longest worksheet name, in UTF-16 units. */
export const maxLength = 31

const forbidden: Readonly<Record<string, string>> = {
  "[": "［",
  "]": "］",
  ":": "：",
  "*": "＊",
  "?": "？",
  "/": "／",
  "\\": "＼"
}

/** Control characters, unpaired surrogates and noncharacters: no name can hold them. */
const unprintable = /[\u0000-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** The first `length` UTF-16 units of a text, never half a surrogate pair. */
const cut = (text: string, length: number): string => {
  if (text.length <= length) return text
  const last = text.charCodeAt(length - 1)
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? length - 1 : length)
}

/** Blanks and apostrophes off both ends (Excel refuses an apostrophe there). */
const trim = (text: string): string => text.replace(/^[\s']+|[\s']+$/g, "")

/**
 * A title as a name: each forbidden character replaced by its full-width form, an
 * unprintable one by a space, trimmed, cut to 31 characters; `fallback` (a section id)
 * when nothing is left.
 */
export const clean = (title: string, fallback: string): string => {
  const replaced = trim(title.replace(/[[\]:*?/\\]/g, (c) => forbidden[c]!).replace(unprintable, " "))
  const name = trim(cut(replaced, maxLength))
  return name === "" ? cut(fallback, maxLength) : name
}

const key = (name: string): string => name.toLocaleUpperCase("en-US")

/**
 * Unique names for titles, in order, after the names already `taken`: a name used
 * before (ignoring case) gets ` (2)`, ` (3)` … with its stem cut to keep 31 characters.
 */
export const unique = (
  taken: ReadonlyArray<string>,
  titles: ReadonlyArray<{ readonly title: string; readonly fallback: string }>
): ReadonlyArray<string> => {
  const used = new Set<string>(["HISTORY", ...taken.map(key)])
  return titles.map(({ fallback, title }) => {
    const base = clean(title, fallback)
    let name = base
    // At most one suffix per title already named: the loop ends by the pigeonhole.
    for (let n = 2; used.has(key(name)) && n <= used.size + 1; n++) {
      const suffix = ` (${n})`
      name = `${trim(cut(base, maxLength - suffix.length))}${suffix}`
    }
    used.add(key(name))
    return name
  })
}
