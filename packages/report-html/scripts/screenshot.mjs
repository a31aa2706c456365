#!/usr/bin/env node
// Renders a report model with the built HTML back end, opens the page in Debian's
// Chromium (never a downloaded browser) with every request refused, and saves a
// full-page screenshot — docs/images/report-html.png by default.
//
//   npm run build
//   npm run screenshot -w @jiceng/report-html -- [report.json] [--lang zh|en] [--out file.png] [--html file.html] [--width 1200]
//
// Without a report.json it renders the fixed district-summary sample of @jiceng/testkit.
// The report JSON is a `Report` model (its encoded form), checked by the schema.
// Chinese needs a CJK font on the machine (Debian: apt-get install fonts-noto-cjk).
import { execFileSync } from "node:child_process"
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"

const here = dirname(fileURLToPath(import.meta.url))
const executablePath = "/usr/bin/chromium"

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    lang: { type: "string", default: "zh" },
    out: { type: "string", default: resolve(here, "../../../docs/images/report-html.png") },
    html: { type: "string" },
    width: { type: "string", default: "1200" }
  }
})

const fail = (message) => {
  console.error(`screenshot: ${message}`)
  process.exit(1)
}

if (values.lang !== "zh" && values.lang !== "en") fail("--lang is zh or en")
const width = Number(values.width)
if (!Number.isInteger(width) || width < 320 || width > 4000) fail("--width is a whole number of pixels from 320 to 4000")
if (!existsSync(executablePath)) fail(`${executablePath} is absent: install Debian's chromium package`)
if (!existsSync(resolve(here, "../dist/index.js"))) fail("the package is not built: run npm run build first")
try {
  if (execFileSync("fc-list", [":lang=zh", "family"], { encoding: "utf8" }).trim() === "") {
    console.warn("screenshot: no CJK font found; Chinese will show as boxes (Debian: apt-get install fonts-noto-cjk)")
  }
} catch {
  // No fontconfig to ask: carry on.
}

const { Effect, Schema, Stream, Chunk } = await import("effect")
const { Report } = await import("@jiceng/core")
const { Html } = await import("../dist/index.js")
const { chromium } = await import("playwright-core")

const report = positionals[0] === undefined
  ? (await import("@jiceng/testkit")).Reports.sample(values.lang)
  : Schema.decodeUnknownSync(Report.Report)(JSON.parse(readFileSync(positionals[0], "utf8")))

const html = await Effect.runPromise(
  Effect.flatMap(Html.make(), (backend) => Stream.runCollect(backend.render(report))).pipe(
    Effect.map((chunks) => Buffer.concat(Chunk.toArray(chunks)).toString("utf8"))
  )
)
if (values.html !== undefined) writeFileSync(values.html, html)

const browser = await chromium.launch({ executablePath, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] })
const requests = []
try {
  const page = await browser.newPage({ viewport: { width, height: 900 } })
  await page.route("**/*", (route) => {
    requests.push(route.request().url())
    return route.abort()
  })
  await page.setContent(html, { waitUntil: "load" })
  mkdirSync(dirname(values.out), { recursive: true })
  await page.screenshot({ path: values.out, fullPage: true })
} finally {
  await browser.close()
}
if (requests.length > 0) fail(`the page asked for ${requests.join(", ")}`)
console.log(`screenshot: ${values.out}`)
