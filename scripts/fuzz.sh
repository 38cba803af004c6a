#!/usr/bin/env bash
# Contract fuzzing: schemathesis against the built API (dist/main.js) on a fresh in-memory database,
# authenticated as a fixture user, over every operation in the spec, with every check (schema,
# status code and content-type conformance included) and the stateful phase following the spec's
# links. Bounded: FUZZ_EXAMPLES examples per operation (default 25) and a fixed FUZZ_SEED, so a run
# is repeatable. Exits non-zero on any failure. Installs schemathesis into .venv/ when missing.
#
#   bash scripts/fuzz.sh                       # what CI runs
#   FUZZ_EXAMPLES=200 FUZZ_SEED=7 bash scripts/fuzz.sh
#   bash scripts/fuzz.sh --phases stateful     # further arguments go to `schemathesis run`
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMATHESIS_VERSION=4.32.5
examples="${FUZZ_EXAMPLES:-25}"
seed="${FUZZ_SEED:-20261125}"
work=.schemathesis/fuzz

if ! .venv/bin/schemathesis --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
TURBO_TELEMETRY_DISABLED=1 npx turbo run build --filter=@messaging-app/api --output-logs=errors-only

rm -rf "$work" && mkdir -p "$work"
port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
base="http://127.0.0.1:$port"
# A fresh embedded database, and limits that never trip but still count every fuzzed sign-in,
# registration and send in the database (the rate-limit suite tests the 429s); server log kept.
limit=100000/1m
env -u DATABASE_URL NODE_ENV=test LOG_LEVEL=warn PORT="$port" PGLITE_DATA_DIR=memory:// \
  RATE_LIMIT_SIGN_IN_PER_ACCOUNT=$limit RATE_LIMIT_SIGN_IN_PER_IP=$limit \
  RATE_LIMIT_REGISTRATIONS_PER_IP=$limit RATE_LIMIT_MESSAGES_PER_USER=$limit \
  node apps/api/dist/main.js >"$work/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
healthy() { node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$base/healthz"; }
for _ in $(seq 1 120); do
  healthy && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.5
done
healthy || { echo "The API did not become healthy:"; cat "$work/server.log"; exit 1; }

eval "$(node scripts/fuzz/fixtures.mjs "$base/api/v1" "$work")"
export FUZZ_ACCESS FUZZ_SIGN_OUT_ACCESS

.venv/bin/schemathesis --config-file scripts/fuzz/schemathesis.toml run "$base/api/v1/openapi.json" \
  --max-examples "$examples" --seed "$seed" --workers 1 --no-color \
  --report junit,ndjson --report-dir "$work" "$@" |
  # Its section banners are pytest's ("=== 3 warnings in 13.90s ===" closes the run): tools that read
  # test runners' closing lines take that for a pytest run that executed no test. The counts are above
  # it ("2242 generated, 2242 passed"); the banners are redrawn so nothing mistakes them.
  sed -E -e 's/^=+ (.*) =+$/--- \1 ---/' -e 's/ in ([0-9.]+s) ---$/ (\1) ---/'
