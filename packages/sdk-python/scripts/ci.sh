#!/usr/bin/env bash
# CI for the Python SDK (.ci/run calls it; developers can too):
#  1. builds the API (the tests start the real one) and, in a fresh virtual environment under a temp
#     folder outside the repo, the tools pinned in requirements-dev.txt;
#  2. builds the wheel and the sdist (the wheel from the sdist, so the sdist is known to be complete)
#     and installs the wheel there, checking that the tests will import it and not the source tree;
#  3. ruff (lint and format) over the hand-written code and tests; mypy --strict over the hand-written
#     layer, and over the tests against the installed wheel (its py.typed, PEP 561);
#  4. the pytest suite against the real API it starts (tests/support/api-server.mjs): on embedded
#     PGlite, and again on PostgreSQL when DATABASE_URL is set (each run on scratch databases it drops).
# Everything it starts is stopped when it ends, failed or not; pytest's summary line closes each run.
#
#   bash packages/sdk-python/scripts/ci.sh
#   DATABASE_URL="$(bash scripts/start-postgres.sh)" bash packages/sdk-python/scripts/ci.sh
#   bash packages/sdk-python/scripts/ci.sh -k events     # further arguments go to pytest
set -euo pipefail

package="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$(cd "$package/../.." && pwd)"
python="${PYTHON:-python3}"
started=$(date +%s)
step() { echo; echo "--- sdk-python: $* ($(( $(date +%s) - started ))s)"; }

work="$(mktemp -d "${TMPDIR:-/tmp}/messaging-sdk-python-ci.XXXXXX")"
pytest_pid=""
cleanup() {
  # The test session stops its API servers itself (and they stop when its pipe to them closes); if it
  # is still running here (interrupted), end it and everything it started: its own process group.
  if [ -n "$pytest_pid" ] && kill -0 "$pytest_pid" 2>/dev/null; then
    kill -TERM -- "-$pytest_pid" 2>/dev/null || true
    wait "$pytest_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step "build the API the tests start"
(cd "$root" && TURBO_TELEMETRY_DISABLED=1 npx turbo run build --filter=@messaging-app/api --output-logs=errors-only)

step "fresh virtual environment in $work"
"$python" -m venv "$work/venv"
venv="$work/venv/bin"
"$venv/python" -m pip install --quiet --disable-pip-version-check -r "$package/requirements-dev.txt"

step "build the sdist and the wheel, install the wheel"
"$venv/python" -m build --outdir "$work/dist" "$package" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
ls -l "$work/dist"
"$venv/python" -m pip install --quiet --disable-pip-version-check "$work"/dist/*.whl
# From the package folder, as pytest runs: the import must find the installed wheel, not src/.
installed="$(cd "$package" && "$venv/python" -c 'import messaging_app_sdk; print(messaging_app_sdk.__file__)')"
case "$installed" in
  "$work/venv/"*) echo "imports $installed" ;;
  *) echo "messaging_app_sdk imports from $installed, not from the installed wheel" >&2; exit 1 ;;
esac

cd "$package"
step "ruff (lint, format)"
"$venv/ruff" check --no-cache .
"$venv/ruff" format --no-cache --check .

step "mypy --strict (the hand-written layer; the tests against the installed wheel)"
"$venv/mypy" --strict --cache-dir "$work/mypy-cache"
"$venv/mypy" --strict --cache-dir "$work/mypy-cache" tests

run_pytest() {
  # Its own process group (set -m), so that cleanup can end it with whatever it started.
  set -m
  "$venv/pytest" -p no:cacheprovider "$@" &
  pytest_pid=$!
  set +m
  local status=0
  wait "$pytest_pid" || status=$?
  pytest_pid=""
  return "$status"
}

database_url="${DATABASE_URL:-}"
unset DATABASE_URL
step "pytest against the real API on embedded PGlite"
run_pytest "$@"

if [ -n "$database_url" ]; then
  step "pytest against the real API on PostgreSQL"
  DATABASE_URL="$database_url" run_pytest "$@"
fi

step "done in $(( $(date +%s) - started ))s"
