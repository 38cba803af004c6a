#!/usr/bin/env bash
# Contract fuzzing: schemathesis against the built API (dist/main.js) on a fresh database,
# authenticated as a fixture user, over every operation in the spec, with every check (schema,
# status code and content-type conformance included) and the stateful phase following the spec's
# links. Bounded: FUZZ_EXAMPLES examples per operation (default 25) and a seed, printed so any run can
# be replayed. Exits non-zero on any failure. Installs schemathesis into .venv/ when missing.
#
#   bash scripts/fuzz.sh                          # CI's fixed seed, 25 examples, as a user, embedded database
#   FUZZ_SEED=random bash scripts/fuzz.sh         # a new seed each run (CI runs this too); it is printed
#   FUZZ_SEED=12345 bash scripts/fuzz.sh          # replay a run
#   FUZZ_EXAMPLES=200 FUZZ_AS=staff FUZZ_NODE_ENV=production \
#     FUZZ_DATABASE_URL="$(bash scripts/start-postgres.sh)" bash scripts/fuzz.sh
#   bash scripts/fuzz.sh --phases stateful        # further arguments go to `schemathesis run`
#
# FUZZ_AS            user (default): a registered user; staff: a staff user made with the
#                    createsuperuser command, so the admin operations are fuzzed past their 403.
# FUZZ_DATABASE_URL  a PostgreSQL server (admin connection string): the run gets a scratch database
#                    of its own there, dropped afterwards. Unset: the embedded database.
# FUZZ_NODE_ENV      test (default) or production (the server as deployed: production settings, a
#                    JWT secret and public URL of its own, WEB_CONCURRENCY's production default).
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMATHESIS_VERSION=4.32.5
examples="${FUZZ_EXAMPLES:-25}"
seed="${FUZZ_SEED:-20261125}"
[ "$seed" = random ] && seed=$(node -e 'console.log(require("crypto").randomInt(1, 2 ** 31))')
fuzz_as="${FUZZ_AS:-user}"
node_env="${FUZZ_NODE_ENV:-test}"
case "$fuzz_as" in user | staff) ;; *) echo "FUZZ_AS must be user or staff, got '$fuzz_as'" >&2; exit 2 ;; esac
case "$node_env" in test | production) ;; *) echo "FUZZ_NODE_ENV must be test or production, got '$node_env'" >&2; exit 2 ;; esac
work=.schemathesis/fuzz
replay="FUZZ_SEED=$seed FUZZ_EXAMPLES=$examples FUZZ_AS=$fuzz_as FUZZ_NODE_ENV=$node_env${FUZZ_DATABASE_URL:+ FUZZ_DATABASE_URL=…} bash scripts/fuzz.sh"
database="the embedded database"
# Never the connection string itself: it may hold a password.
[ -n "${FUZZ_DATABASE_URL:-}" ] && database="a scratch database on PostgreSQL at $(node -e 'const u = new URL(process.argv[1]); console.log(`${u.hostname}:${u.port || 5432}`)' "$FUZZ_DATABASE_URL")"
echo "fuzz: seed $seed, $examples examples per operation, as $fuzz_as, NODE_ENV=$node_env, on $database"
echo "fuzz: replay with: $replay"

if ! .venv/bin/schemathesis --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
TURBO_TELEMETRY_DISABLED=1 npx turbo run build --filter=@messaging-app/api --output-logs=errors-only

rm -rf "$work" && mkdir -p "$work"
port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
base="http://127.0.0.1:$port"

server=
scratch=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; fi
  if [ -n "$scratch" ]; then node scripts/fuzz/scratch-database.mjs drop "$scratch" || true; fi
}
trap cleanup EXIT

# A fresh database: a scratch one on the given PostgreSQL server, or the embedded one in memory (in a
# folder of this run as staff, so that the createsuperuser command and then the server can use it).
storage=(-u DATABASE_URL PGLITE_DATA_DIR=memory://)
[ "$fuzz_as" = staff ] && storage=(-u DATABASE_URL PGLITE_DATA_DIR="$work/pglite")
if [ -n "${FUZZ_DATABASE_URL:-}" ]; then
  export FUZZ_DATABASE_URL
  scratch=$(node scripts/fuzz/scratch-database.mjs create)
  storage=(DATABASE_URL="$scratch")
fi

if [ "$node_env" = production ]; then
  mode=(NODE_ENV=production JWT_SECRET="$(node -e 'console.log(require("crypto").randomBytes(48).toString("base64"))')" PUBLIC_URL="$base")
else
  mode=(NODE_ENV=test)
fi

# The staff user exists before the server starts: the API only lets existing staff make staff.
staff=()
if [ "$fuzz_as" = staff ]; then
  staff_username="fuzz_staff_$(date +%s)"
  staff_password="fuzz-$(node -e 'console.log(require("crypto").randomBytes(12).toString("hex"))')-staff"
  env "${storage[@]}" "${mode[@]}" LOG_LEVEL=warn SUPERUSER_PASSWORD="$staff_password" \
    node apps/api/dist/cli/createsuperuser.js --username "$staff_username" --email "$staff_username@example.com" >"$work/createsuperuser.log" 2>&1 ||
    { cat "$work/createsuperuser.log"; exit 1; }
  staff=(FUZZ_STAFF_USERNAME="$staff_username" FUZZ_STAFF_PASSWORD="$staff_password")
fi

# Limits that never trip but still count every fuzzed sign-in, registration and send in the database
# (the rate-limit suite tests the 429s); server log kept.
limit=100000/1m
env "${storage[@]}" "${mode[@]}" LOG_LEVEL=warn PORT="$port" HOST=127.0.0.1 \
  RATE_LIMIT_SIGN_IN_PER_ACCOUNT=$limit RATE_LIMIT_SIGN_IN_PER_IP=$limit \
  RATE_LIMIT_REGISTRATIONS_PER_IP=$limit RATE_LIMIT_MESSAGES_PER_USER=$limit \
  node apps/api/dist/main.js >"$work/server.log" 2>&1 &
server=$!
healthy() { node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$base/healthz"; }
# Up to two minutes: a production start on a busy machine can take a while.
for _ in $(seq 1 240); do
  healthy && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.5
done
healthy || { echo "The API did not become healthy:"; cat "$work/server.log"; exit 1; }

eval "$(env "${staff[@]}" node scripts/fuzz/fixtures.mjs "$base/api/v1" "$work")"
export FUZZ_ACCESS FUZZ_SIGN_OUT_ACCESS

status=0
.venv/bin/schemathesis --config-file scripts/fuzz/schemathesis.toml run "$base/api/v1/openapi.json" \
  --max-examples "$examples" --seed "$seed" --workers 1 --no-color \
  --report junit,ndjson --report-dir "$work" "$@" |
  # Its section banners are pytest's ("=== 3 warnings in 13.90s ===" closes the run): tools that read
  # test runners' closing lines take that for a pytest run that executed no test. The counts are above
  # it ("2242 generated, 2242 passed"); the banners are redrawn so nothing mistakes them.
  sed -E -e 's/^=+ (.*) =+$/--- \1 ---/' -e 's/ in ([0-9.]+s) ---$/ (\1) ---/' || status=$?
[ "$status" -ne 0 ] && echo "fuzz: FAILED with seed $seed; replay with: $replay"
exit "$status"
