import { describe, expect, it } from "@effect/vitest"
import { Signature, Webhook } from "@jiceng/notify-webhook"
import { Effect, Redacted } from "effect"
import { readFileSync } from "node:fs"
import type { Server } from "node:http"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { fileURLToPath } from "node:url"
import { notification } from "./support/Notifications.js"

/** The receiver example of docs/notify-webhook.md: its js block, import lines aside. */
const example = (): string => {
  const page = readFileSync(fileURLToPath(new URL("../../../docs/notify-webhook.md", import.meta.url)), "utf8")
  const block = /```js\n([\s\S]*?Signature\.verify\(req\.headers[\s\S]*?)```/.exec(page)
  if (block === null) throw new Error("docs/notify-webhook.md has no js block calling Signature.verify")
  return block[1]!.split("\n").filter((line) => !line.startsWith("import ")).join("\n")
}

/** Runs the example with a secret, port 0 and a console that records; gives its server, listening. */
const runExample = (secret: string) =>
  Effect.acquireRelease(
    Effect.async<{ server: Server; logged: Array<Array<unknown>> }>((resume) => {
      const logged: Array<Array<unknown>> = []
      const console = { log: (...args: Array<unknown>) => logged.push(args) }
      const process = { env: { JICENG_WEBHOOK_SECRET: secret, PORT: "0" } }
      const server = new Function("createServer", "Signature", "process", "console", `${example()}\nreturn server`)(
        createServer,
        Signature,
        process,
        console
      ) as Server
      server.on("listening", () => resume(Effect.succeed({ server, logged })))
    }),
    ({ server }) =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  )

describe("the docs' receiver example", () => {
  it.scopedLive("accepts the back end's signed requests, handles each notification once, and refuses a wrong secret or a tampered body", () =>
    Effect.gen(function*() {
      const { logged, server } = yield* runExample("whsec-docs-example-1234")
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
      const backend = yield* Effect.orDie(Webhook.make({ url, secret: Redacted.make("whsec-docs-example-1234") }))
      const first = notification([{ backend: "webhook", address: "ops", name: null }])
      yield* backend.deliver(first)
      yield* backend.deliver(first) // a retry after a lost answer: dropped by id, still answered 2xx
      yield* backend.deliver({ ...first, id: "demand.assigned:330106:D-2024-0002:1" })
      expect(logged).toEqual([["demand.assigned", "民生诉求已派单"], ["demand.assigned", "民生诉求已派单"]])

      const stranger = yield* Effect.orDie(Webhook.make({ url, secret: Redacted.make("whsec-someone-else") }))
      const refused = yield* Effect.flip(stranger.deliver({ ...first, id: "forged" }))
      expect([refused.status, refused.permanent]).toEqual([401, true])

      const timestamp = Math.floor(Date.now() / 1000)
      const body = JSON.stringify({ ...first, id: "tampered" })
      const response = yield* Effect.promise(() =>
        fetch(url, {
          method: "POST",
          headers: {
            "x-jiceng-id": "tampered",
            "x-jiceng-timestamp": String(timestamp),
            "x-jiceng-signature": `v1=${Signature.sign("whsec-docs-example-1234", timestamp, body)}`
          },
          body: body.replace("楼道照明", "楼道漏水")
        })
      )
      expect([response.status, yield* Effect.promise(() => response.text())]).toEqual([401, "bad-signature"])
      expect(logged).toHaveLength(2)
    }))
})
