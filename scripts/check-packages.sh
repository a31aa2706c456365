#!/usr/bin/env bash
# The packages as a new user meets them. Packs every package, installs the tarballs
# into scratch applications outside the repository and, in each, checks that npm
# resolved one copy of effect, type-checks the README's examples with
# `skipLibCheck: false`, and runs them twice (the second run must work too).
# Modes (default: all four):
#
#   esm      "type": "module", moduleResolution node16; npm installs the peers itself
#   bundler  "type": "module", moduleResolution bundler; the newest effect 3.x named
#            beside the packages (`effect@^3`, or the specs in $JICENG_CHECK_EFFECT)
#   cjs      "type": "commonjs" (TypeScript emits require), and require() from a
#            plain .cjs file
#   lowest   as esm, with every peer dependency at the lowest version its range
#            admits (read from the packed package.json files)
#
# esm and lowest also run the testkit's suites (@jiceng/testkit/vitest) under vitest
# over the memory and SQLite stores.
#
# Usage: scripts/check-packages.sh [--no-build] [esm] [bundler] [cjs] [lowest]
# Needs the npm registry and takes several minutes (better-sqlite3 may build from
# source in every application), so `npm test` does not run it. With JICENG_PG_URL
# set, a PostgreSQL example runs too, in a schema of its own that psql drops
# afterwards. The applications stay in $JICENG_CHECK_DIR (default: a fresh directory
# under /tmp) for inspection.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
build=1
modes=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    esm | bundler | cjs | lowest) modes+=("$arg") ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done
[ ${#modes[@]} -gt 0 ] || modes=(esm bundler cjs lowest)

work="${JICENG_CHECK_DIR:-$(mktemp -d /tmp/jiceng-check.XXXXXX)}"
case "$work" in "$repo" | "$repo"/*) echo "JICENG_CHECK_DIR must lie outside the repository" >&2; exit 2 ;; esac
mkdir -p "$work"
work="$(cd "$work" && pwd)"
packages=(core store-sql store-sqlite store-postgres testkit)
step() { printf '\n== %s\n' "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
npm_install() { npm install --no-audit --no-fund --loglevel=error "$@"; }

if [ "$build" = 1 ]; then
  step "build"
  (cd "$repo" && npm run build >/dev/null)
fi

step "pack into $work/tarballs"
rm -rf "$work/tarballs" && mkdir -p "$work/tarballs"
for p in "${packages[@]}"; do
  (cd "$repo/packages/$p" && npm pack --silent --pack-destination "$work/tarballs" >/dev/null)
done
tarballs=("$work"/tarballs/*.tgz)
ls "$work/tarballs"

# The lowest version every peer range admits, as install specs ("effect@3.22.0"), from
# the packed manifests. A range must start with ^X.Y.Z or >=X.Y.Z.
lowest_peers() {
  node - "${tarballs[@]}" <<'EOF'
const { execFileSync } = require("node:child_process")
const lowest = new Map()
for (const tgz of process.argv.slice(2)) {
  const manifest = JSON.parse(execFileSync("tar", ["-xOzf", tgz, "package/package.json"], { encoding: "utf8" }))
  for (const [name, range] of Object.entries(manifest.peerDependencies ?? {})) {
    const floor = /^(?:\^|>=)\s*(\d+\.\d+\.\d+)/.exec(range)?.[1]
    if (floor === undefined) throw new Error(`${manifest.name}: cannot read the lowest version of ${name}@${range}`)
    const seen = lowest.get(name)
    // Several packages may name the same peer: the highest floor is the lowest that suits all.
    if (seen === undefined || seen.localeCompare(floor, undefined, { numeric: true }) < 0) lowest.set(name, floor)
  }
}
console.log([...lowest].map(([name, v]) => `${name}@${v}`).join(" "))
EOF
}

# The README's ```ts blocks, in order: the Effect example, then the Promise example.
# For CommonJS, the statements after the imports go into an async function, as
# CommonJS has no top-level await.
write_examples() { # dir cjs(0|1)
  node - "$repo/README.md" "$1" "$2" <<'EOF'
const fs = require("node:fs")
const [readme, dir, cjs] = process.argv.slice(2)
const blocks = [...fs.readFileSync(readme, "utf8").matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1])
if (blocks.length < 2) throw new Error(`README.md: expected two ts examples, found ${blocks.length}`)
blocks.forEach((code, i) => {
  if (cjs === "1") {
    const lines = code.split("\n")
    const imports = lines.filter((l) => l.startsWith("import "))
    const body = lines.filter((l) => !l.startsWith("import "))
    code = [...imports, "", "const main = async () => {", ...body.map((l) => l && "  " + l), "}",
      "main().catch((error: unknown) => {", "  console.error(error)", "  process.exitCode = 1", "})", ""].join("\n")
  }
  fs.writeFileSync(`${dir}/readme-${i + 1}.ts`, code)
})
EOF
}

# Programs of our own: the testkit's main entry outside vitest, and the PostgreSQL store.
write_extras() { # dir cjs(0|1)
  local dir="$1" run_main='await main()'
  [ "$2" = 1 ] && run_main='main().catch((error: unknown) => { console.error(error); process.exitCode = 1 })'
  cat >"$dir/testkit.ts" <<'EOF'
import { District } from "@jiceng/testkit"

const district = District.generate({ seed: 7, blocks: 400, compounds: 100, sectors: 40 })
console.log("testkit:", district.tenant, district.commands.length, "commands")
EOF
  cat >"$dir/postgres.ts" <<EOF
import { Actor, Client } from "@jiceng/core"
import { PostgresStore } from "@jiceng/store-postgres"

const main = async () => {
  const url = process.env["JICENG_PG_URL"]
  if (url === undefined) return console.log("postgres: JICENG_PG_URL not set, skipped")
  const schema = process.env["JICENG_CHECK_SCHEMA"] ?? "jiceng_check"
  const jiceng = Client.make({ store: PostgresStore.layer({ url, schema }) })
  try {
    const admin = Actor.system("131102")
    await jiceng.grids.execute(admin, {
      _tag: "CreateGrid", code: "131102", name: "桃城区", parentCode: null, validFrom: "2023-01-01"
    })
    console.log("postgres:", (await jiceng.grids.resolve(admin, "131102"))?.name)
  } finally {
    await jiceng.dispose()
  }
}
$run_main
EOF
}

write_plain_cjs() { # file
  cat >"$1" <<'EOF'
const core = require("@jiceng/core")
const { SqliteStore } = require("@jiceng/store-sqlite")
const { PostgresStore } = require("@jiceng/store-postgres")
const { SqlStore } = require("@jiceng/store-sql")
const { District, GridIntents } = require("@jiceng/testkit")
const district = require("@jiceng/testkit/district")
const loaded = { Client: core.Client, SqliteStore, PostgresStore, SqlStore, District, GridIntents, generate: district.generate }
for (const [name, value] of Object.entries(loaded)) {
  if (value === undefined) throw new Error(`require: ${name} is missing`)
}
const jiceng = core.Client.make({ store: SqliteStore.layer({ filename: ":memory:" }) })
const admin = core.Actor.system("131102")
jiceng.grids
  .execute(admin, { _tag: "CreateGrid", code: "131102", name: "桃城区", parentCode: null, validFrom: "2023-01-01" })
  .then(() => jiceng.grids.resolve(admin, "131102"))
  .then((grid) => console.log("require:", grid.name))
  .finally(() => jiceng.dispose())
EOF
}

write_suites() { # app dir
  mkdir -p "$1/test"
  cat >"$1/test/stores.test.ts" <<'EOF'
import { MemoryStore } from "@jiceng/core"
import { SqliteStore } from "@jiceng/store-sqlite"
import { GridConformance, repositoryContract } from "@jiceng/testkit/vitest"

repositoryContract("MemoryStore", MemoryStore.layer)
repositoryContract("SqliteStore", SqliteStore.layer({ filename: ":memory:" }))
GridConformance.gridConformance("SqliteStore", SqliteStore.layer({ filename: ":memory:" }))
EOF
  cat >"$1/tsconfig.test.json" <<'EOF'
{ "extends": "./tsconfig.json", "compilerOptions": { "noEmit": true, "rootDir": "." }, "include": ["test"] }
EOF
}

one_effect() {
  local copies
  copies="$(npm ls effect --all --parseable 2>/dev/null | sort -u)"
  echo "$copies" | sed "s#^$PWD/##"
  [ "$(echo "$copies" | grep -c .)" = 1 ] || fail "more than one copy of effect"
  npm ls --all >/dev/null || { npm ls --all >&2; fail "npm ls reports problems"; }
}

drop_schema() { psql -q "$JICENG_PG_URL" -c "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $1 CASCADE" >/dev/null; }

run_programs() { # dist dir
  local out="$1" cwd
  cwd="$(mktemp -d "$work/run.XXXXXX")"
  for round in 1 2; do
    echo "-- README examples, run $round"
    (cd "$cwd" && node "$out/readme-1.js" && node "$out/readme-2.js")
  done
  (cd "$cwd" && node "$out/readme-2.js") | grep -q "grid.code-unique" ||
    fail "run again, the Promise example does not report grid.code-unique"
  node "$out/testkit.js"
  if [ -n "${JICENG_PG_URL:-}" ]; then
    local schema="jiceng_check_$$_$RANDOM"
    JICENG_CHECK_SCHEMA="$schema" node "$out/postgres.js" || { drop_schema "$schema"; fail "the PostgreSQL example"; }
    drop_schema "$schema"
  else
    node "$out/postgres.js"
  fi
}

check_mode() {
  local mode="$1" app="$work/app-$1" type=module resolution=node16 module=node16 cjs=0 suites=0
  local extra=()
  case "$mode" in
    esm) suites=1 ;;
    bundler)
      resolution=bundler module=esnext
      # shellcheck disable=SC2206 # a list of specs, split on spaces
      extra=(${JICENG_CHECK_EFFECT:-effect@^3}) ;;
    cjs) type=commonjs cjs=1 extra=("effect@^3") ;;
    lowest)
      suites=1
      # shellcheck disable=SC2207 # specs have no spaces
      extra=($(lowest_peers)) ;;
  esac
  step "$mode: $app"
  rm -rf "$app" && mkdir -p "$app/src"
  cat >"$app/package.json" <<EOF
{ "name": "jiceng-check-$mode", "version": "0.0.0", "private": true, "type": "$type" }
EOF
  cat >"$app/tsconfig.json" <<EOF
{
  "compilerOptions": {
    "target": "ES2022",
    "module": "$module",
    "moduleResolution": "$resolution",
    "lib": ["ES2022"],
    "types": ["node"],
    "strict": true,
    "exactOptionalPropertyTypes": true,
    "skipLibCheck": false,
    "rootDir": "src",
    "outDir": "dist"
  },
  "include": ["src"]
}
EOF
  write_examples "$app/src" "$cjs"
  write_extras "$app/src" "$cjs"
  cd "$app"
  echo "npm install <tarballs> ${extra[*]:-} typescript@5.9.3 @types/node@^20"
  npm_install "${tarballs[@]}" ${extra[@]+"${extra[@]}"} typescript@5.9.3 "@types/node@^20"
  echo "-- npm ls effect"
  one_effect
  echo "-- tsc (skipLibCheck: false)"
  npx tsc -p .
  run_programs "$app/dist"

  if [ "$cjs" = 1 ]; then
    echo "-- require() from plain.cjs"
    write_plain_cjs "$app/plain.cjs"
    node plain.cjs
  fi

  if [ "$suites" = 1 ]; then
    echo "-- @jiceng/testkit/vitest under vitest"
    # npm leaves optional peers out; lowest named them at their lowest versions already.
    [ "$mode" = lowest ] || npm_install "vitest@^3.2.0" "@effect/vitest@>=0.30.0 <1"
    npm ls effect @effect/sql @effect/platform @effect/experimental vitest @effect/vitest | grep -v deduped
    one_effect
    write_suites "$app"
    npx tsc -p tsconfig.test.json
    npx vitest run --reporter=dot
  fi
  cd "$repo"
  echo "$mode: pass"
}

for mode in "${modes[@]}"; do check_mode "$mode"; done
step "all passed: ${modes[*]} (applications in $work)"
