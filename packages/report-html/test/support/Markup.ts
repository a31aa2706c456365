/**
 * A strict reader of the markup the HTML back end writes, for its tests (the repository
 * has no HTML parser of its own to depend on). It accepts only well-formed markup: a
 * doctype, tags whose names and attribute names are plain, attribute values in double
 * quotes, text in which every `&` begins one of the references the writers use and no
 * `<` or `>` appears, every element closed in order (but the void ones), and raw text
 * only in `<style>`, and no character the HTML parser reports as an error wherever it is
 * (U+0000 and the other controls but TAB, LF, CR and FF; noncharacters). Anything else
 * throws, naming where. It gives a tree to query.
 */

export interface Element {
  readonly name: string
  readonly attrs: ReadonlyMap<string, string>
  readonly children: ReadonlyArray<Node>
}

export type Node = Element | string

const voids = new Set(["meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr", "source", "track", "embed", "param"])

const references: Readonly<Record<string, string>> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'" }

/** Text with its references decoded; a raw `<`, `>` or a bare `&` throws. */
const decode = (raw: string, at: number): string => {
  if (/[<>]/.test(raw)) throw new Error(`raw < or > in text at ${at}: ${JSON.stringify(raw.slice(0, 80))}`)
  return raw.replace(/&[^;]*;?/g, (ref) => {
    const char = references[ref]
    if (char === undefined) throw new Error(`unknown reference ${JSON.stringify(ref)} at ${at}`)
    return char
  })
}

const tagPattern = /^<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"]*")?)*)\s*(\/?)>/
const attrPattern = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?/g

/** Whether a code point may not appear in an HTML document (WHATWG HTML, 13.2.3.5: controls and noncharacters). */
const disallowed = (point: number): boolean =>
  (point <= 0x1f && point !== 0x09 && point !== 0x0a && point !== 0x0d && point !== 0x0c) ||
  (point >= 0x7f && point <= 0x9f) ||
  (point >= 0xfdd0 && point <= 0xfdef) ||
  (point & 0xfffe) === 0xfffe

/** The document's root element (`html`); throws on anything not well formed. */
export const parse = (html: string): Element => {
  let offset = 0
  for (const char of html) {
    const point = char.codePointAt(0)!
    if (disallowed(point)) throw new Error(`U+${point.toString(16).toUpperCase().padStart(4, "0")} at ${offset}: no HTML document may hold it`)
    offset += char.length
  }
  const doctype = "<!DOCTYPE html>"
  if (!html.startsWith(doctype)) throw new Error("no doctype")
  const root: { name: string; attrs: Map<string, string>; children: Array<Node> } = { name: "#document", attrs: new Map(), children: [] }
  const stack = [root]
  let i = doctype.length
  while (i < html.length) {
    const top = stack[stack.length - 1]!
    const lt = html.indexOf("<", i)
    const end = lt < 0 ? html.length : lt
    if (end > i) {
      top.children.push(decode(html.slice(i, end), i))
      i = end
      continue
    }
    if (html.startsWith("</", i)) {
      const close = /^<\/([a-zA-Z][a-zA-Z0-9]*)\s*>/.exec(html.slice(i))
      if (close === null) throw new Error(`malformed end tag at ${i}`)
      if (close[1] !== top.name) throw new Error(`</${close[1]}> closes <${top.name}> at ${i}`)
      stack.pop()
      i += close[0].length
      continue
    }
    const open = tagPattern.exec(html.slice(i, i + 100_000))
    if (open === null) throw new Error(`malformed tag at ${i}: ${JSON.stringify(html.slice(i, i + 60))}`)
    const attrs = new Map<string, string>()
    for (const [, name, value] of open[2]!.matchAll(attrPattern)) {
      if (attrs.has(name!)) throw new Error(`attribute ${name} twice at ${i}`)
      attrs.set(name!, value === undefined ? "" : decode(value, i))
    }
    const element = { name: open[1]!, attrs, children: [] as Array<Node> }
    top.children.push(element)
    i += open[0].length
    if (element.name === "style") {
      const close = html.indexOf("</style>", i)
      if (close < 0) throw new Error(`unclosed <style> at ${i}`)
      element.children.push(html.slice(i, close))
      i = close + "</style>".length
    } else if (!voids.has(element.name) && open[3] !== "/") {
      stack.push(element)
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`)
  const html_ = root.children.find((n): n is Element => typeof n !== "string")
  if (html_ === undefined || html_.name !== "html") throw new Error("no <html> element")
  if (root.children.some((n) => typeof n !== "string" ? n !== html_ : n.trim() !== "")) throw new Error("content outside <html>")
  return html_
}

/** Every element under a node (itself included), in document order. */
export const elements = (node: Element): ReadonlyArray<Element> => [
  node,
  ...node.children.flatMap((child) => (typeof child === "string" ? [] : elements(child)))
]

/** The elements of a name under a node, in document order. */
export const all = (node: Element, name: string): ReadonlyArray<Element> => elements(node).filter((e) => e.name === name)

/** A node's text: its text and its descendants', in order. */
export const text = (node: Node): string => (typeof node === "string" ? node : node.children.map(text).join(""))

/** The element children of a node. */
export const childElements = (node: Element): ReadonlyArray<Element> => node.children.filter((c): c is Element => typeof c !== "string")
