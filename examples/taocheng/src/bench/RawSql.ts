/**
 * What the raw sides of the bench share: the multi-row INSERT a competent developer
 * writes by hand, a SQLite connection with the stores' durability settings, the CPU
 * time a stretch took, and which rows both sides read back for their checks.
 *
 * @since 0.4.0
 */
import Database from "better-sqlite3"

/**
 * `INSERT INTO table (columns) VALUES (…), (…), …` of `rows` rows, each placeholder
 * made by `placeholder` from its 1-based number (`?` for SQLite, `$n` for PostgreSQL).
 *
 * @since 0.4.0
 */
export const insertText = (
  table: string,
  columns: ReadonlyArray<string>,
  rows: number,
  placeholder: (n: number) => string
): string => {
  const tuples: Array<string> = new Array(rows)
  let n = 0
  for (let r = 0; r < rows; r++) {
    const values: Array<string> = new Array(columns.length)
    for (let c = 0; c < columns.length; c++) values[c] = placeholder(++n)
    tuples[r] = `(${values.join(", ")})`
  }
  return `INSERT INTO ${table} (${columns.join(", ")}) VALUES ${tuples.join(", ")}`
}

/**
 * CPU time of this process (user + system) since `start`, in milliseconds.
 *
 * @since 0.4.0
 */
export const cpuSince = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000
}

/**
 * The first and the last of `rows` items: what both sides' samples are read for.
 *
 * @since 0.4.0
 */
export const sampled = (rows: number): ReadonlyArray<number> => (rows === 0 ? [] : rows === 1 ? [0] : [0, rows - 1])

/**
 * A better-sqlite3 connection to a file with the SQLite store's durability settings:
 * WAL and `synchronous = NORMAL` (checked: a file that cannot be put in WAL mode
 * throws).
 *
 * @since 0.4.0
 */
export const openSqlite = (file: string): Database.Database => {
  const db = new Database(file)
  try {
    db.pragma("journal_mode = WAL")
    db.pragma("synchronous = NORMAL")
    const mode = db.pragma("journal_mode", { simple: true })
    if (mode !== "wal") throw new Error(`${file}: journal_mode is ${String(mode)}, not wal`)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}
