/**
 * A back end for development: writes each notification to the console (its kind, id,
 * recipients' names and subject and text), and takes every recipient. It never fails.
 *
 * @since 0.6.0
 */
import { Effect } from "effect"
import type { NotifierBackend } from "./NotifierBackend.js"

/**
 * A console back end, named `console` unless given another name; `write` is where its
 * lines go (`console.log` unless given).
 *
 * @since 0.6.0
 * @category constructors
 */
export const make = (options: { readonly name?: string; readonly write?: (line: string) => void } = {}): NotifierBackend => {
  const write = options.write ?? ((line: string) => console.log(line))
  return {
    name: options.name ?? "console",
    accepts: () => true,
    deliver: (n) =>
      Effect.sync(() =>
        write(
          `[${n.kind}] ${n.id} → ${n.recipients.map((r) => r.name ?? "?").join(", ")}\n${n.subject}\n${n.text}`
        )
      )
  }
}
