/**
 * HTML escaping of everything the model holds. Text goes into elements and into
 * double-quoted attribute values only, so escaping the five characters that can end
 * either (`&`, `<`, `>`, `"`, `'`) keeps any label text: it can open no element and no
 * attribute.
 */

const entities: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  "\"": "&quot;",
  "'": "&#39;"
}

/** Text as HTML, safe in an element and in a double-quoted attribute value. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => entities[c]!)
