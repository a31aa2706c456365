/**
 * Runs a docs page's example as written: its TypeScript block (the first one holding a
 * marker) is taken from the page and run, its import line aside, against the library,
 * with the client it makes kept open afterwards so that a test can read its results.
 */
import { Actor, Client, MemoryStore } from "@jiceng/core"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new(...args: Array<string>) => (...args: Array<unknown>) => Promise<void>

/** The page's block holding `marker`: its import lines and its body. */
export const block = (page: string, marker: string): { readonly imports: string; readonly body: string } => {
  const text = readFileSync(fileURLToPath(new URL(`../../../../docs/${page}`, import.meta.url)), "utf8")
  // Within one block: the body never runs past a closing fence into the next block.
  const within = "(?:(?!```)[\\s\\S])*?"
  const found = new RegExp("```ts\\n((?:import [^\\n]*\\n)+)(" + within + marker + within + ")```").exec(text)
  if (found === null) throw new Error(`docs/${page} has no ts block holding ${marker}`)
  return { imports: found[1]!, body: found[2]! }
}

/**
 * Runs a block's body with `Actor`, `Client` and `MemoryStore` in scope, and any other
 * module its import line names (`scope`); returns the client it made, still open.
 */
export const run = async (body: string, scope: Readonly<Record<string, unknown>> = {}): Promise<Client.Client> => {
  let client: Client.Client | undefined
  const make = (options: Parameters<typeof Client.make>[0]) => {
    client = Client.make(options)
    return { ...client, dispose: () => Promise.resolve() }
  }
  await new AsyncFunction("Actor", "Client", "MemoryStore", ...Object.keys(scope), body)(Actor, { make }, MemoryStore, ...Object.values(scope))
  if (client === undefined) throw new Error("the example made no client")
  return client
}
