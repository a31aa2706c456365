/**
 * Phases in child processes: the bench forks its own script with
 * `JICENG_BENCH_CHILD=1`, hands the child its task over the IPC channel, and gets the
 * result (or the failure's text) back the same way. The child inherits Node's flags,
 * so `node --cpu-prof dist/bench.js` profiles every phase.
 *
 * @since 0.2.0
 */
import { fork } from "node:child_process"
import type * as Phases from "./Phases.js"

const marker = "JICENG_BENCH_CHILD"

type Reply = { readonly ready: true } | { readonly ok: true; readonly result: unknown } | {
  readonly ok: false
  readonly error: string
}

/**
 * Whether this process is a phase's child.
 *
 * @since 0.2.0
 */
export const isChild = (): boolean => process.env[marker] === "1" && process.send !== undefined

/**
 * In the child: waits for its task, runs it, sends the result back and lets the
 * process end.
 *
 * @since 0.2.0
 */
export const serve = (runTask: (task: Phases.Task) => Promise<unknown>): void => {
  process.once("message", (task: Phases.Task) => {
    runTask(task).then(
      (result): Reply => ({ ok: true, result }),
      (error: unknown): Reply => ({ ok: false, error: error instanceof Error ? error.message : String(error) })
    ).then((reply) => process.send!(reply, () => process.disconnect()))
  })
  process.send!({ ready: true } satisfies Reply)
}

/**
 * In the parent: runs a task in a fresh child process of this script.
 *
 * @since 0.2.0
 */
export const run = <R>(task: Phases.Task): Promise<R> =>
  new Promise<R>((resolve, reject) => {
    // The script this process runs: the bench's entry (everything is bundled into it).
    const child = fork(process.argv[1]!, [], {
      env: { ...process.env, [marker]: "1" },
      execArgv: process.execArgv,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      serialization: "advanced"
    })
    let reply: Reply | undefined
    child.on("message", (message: Reply) => {
      if ("ready" in message) child.send(task)
      else reply = message
    })
    child.on("error", reject)
    child.on("exit", (code, signal) => {
      if (reply !== undefined && "ok" in reply) {
        if (reply.ok) resolve(reply.result as R)
        else reject(new Error(reply.error))
      } else {
        reject(new Error(`the ${task.phase} phase's process ended (${signal ?? `exit code ${code}`}) without a result`))
      }
    })
  })
