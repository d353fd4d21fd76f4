#!/usr/bin/env bash
# README "Quick start", second command, and what CI runs (.ci/run).
#
# Builds the solution in Release, starts jongodb and Redis on loopback for the
# integration tests, runs every test project, and ends with one line:
#   N passed, N failed, N skipped
#
# Redis and MongoDB are mandatory here: the tests that need them must run,
# never be skipped, so a missing server fails the script (docs/design.md §9).
#
# Usage: scripts/test.sh [extra arguments for dotnet test, e.g. --filter X]
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib/services.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/services.sh"
pg_install_traps
cd "$PG_REPO"

SOLUTION="$(pg_solution)"
RESULTS_DIR="$PG_REPO/.dev/test-results"

# Restore separately so a package problem shows up as such, not buried in
# build output.
dotnet restore "$SOLUTION"
dotnet build "$SOLUTION" --no-restore -c Release

# --- Interop client (tests/interop) --------------------------------------
# NodeClientInteropTests runs a Node.js client built from protos/ alone, and
# fails (never skips) without its node_modules, so install them exactly as
# package-lock.json pins them. npm ci starts from a clean node_modules every
# time (a few seconds); --prefer-offline takes packages from npm's cache when
# it has them, and --ignore-scripts because the client needs no install
# scripts (protobufjs's postinstall only prints version advice).
INTEROP_CLIENT_DIR="$PG_REPO/tests/interop/node-client"
if ! command -v npm >/dev/null 2>&1; then
    pg_log "ERROR: npm is not on PATH; it is needed for the interop client in $INTEROP_CLIENT_DIR"
    exit 1
fi
mkdir -p "$PG_RUN_DIR"
pg_log "installing the interop client's npm dependencies (log: $PG_RUN_DIR/npm-interop.log)"
if ! (cd "$INTEROP_CLIENT_DIR" && npm ci --no-audit --no-fund --ignore-scripts --prefer-offline) \
    >"$PG_RUN_DIR/npm-interop.log" 2>&1; then
    pg_log "ERROR: npm ci failed in $INTEROP_CLIENT_DIR; last lines of its log:"
    tail -n 20 "$PG_RUN_DIR/npm-interop.log" >&2 || true
    exit 1
fi
# Known vulnerabilities in its dependencies, as NuGet audit checks the solution's packages (docs/security.md):
# a high or critical advisory fails the run. A registry that gives no advisory data (its audit endpoint refuses
# or cannot be reached; npm then prints an error object without a report) is reported, and fails nothing.
pg_log "auditing the interop client's npm dependencies (npm audit --audit-level=high)"
if ! audit_json="$(cd "$INTEROP_CLIENT_DIR" && npm audit --json --audit-level=high 2>/dev/null)"; then
    if node -e 'const r = JSON.parse(require("fs").readFileSync(0, "utf8")); process.exit(r.metadata?.vulnerabilities ? 0 : 1)' \
        <<<"$audit_json" 2>/dev/null; then
        pg_log "ERROR: npm audit found a high or critical advisory in $INTEROP_CLIENT_DIR:"
        (cd "$INTEROP_CLIENT_DIR" && npm audit --audit-level=high) >&2 || true
        exit 1
    fi
    pg_log "WARNING: the npm registry gave no advisory data, so the interop client's dependencies went unaudited this run"
fi
# --- end interop client --------------------------------------------------

# Test fixtures read exactly PG_TEST_MONGO_URI and PG_TEST_REDIS and fail when
# either is missing, so both servers must be up before any test starts.
pg_install_jongodb
pg_start_jongodb
if ! pg_install_redis; then
    pg_log "ERROR: Redis is required for the tests and could not be installed"
    exit 1
fi
pg_start_redis
export PG_TEST_MONGO_URI="$PG_MONGO_URI"
# The deployment tests render k8s/ with kubectl kustomize (PG_KUBECTL).
pg_install_kubectl
export PG_TEST_REDIS="$PG_REDIS"

# Stale TRX files from an earlier run would be counted again.
rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"

# Only projects that reference Microsoft.NET.Test.Sdk (IsTestProject) run;
# dotnet test passes over the others in the solution, benchmarks included.
# A hang fails after 5 minutes (PG_TEST_HANG_TIMEOUT, for a long hostile-input
# run) instead of eating CI's 90-minute budget; no
# dump, because a full dump of a test host is gigabytes and the blame
# sequence file already names the hanging test.
test_rc=0
dotnet test "$SOLUTION" --no-build -c Release \
    --logger "trx" \
    --results-directory "$RESULTS_DIR" \
    --blame-hang-timeout "${PG_TEST_HANG_TIMEOUT:-5m}" --blame-hang-dump-type none \
    "$@" || test_rc=$?

if [[ "$test_rc" != 0 ]]; then
    pg_log "dotnet test exited with status $test_rc"
fi

# The summary line must be the last line this script prints, so report the
# totals last (stopping the servers afterwards prints nothing when it goes
# well).
summary_rc=0
python3 "$PG_REPO/scripts/lib/trx_summary.py" "$RESULTS_DIR" || summary_rc=$?

if [[ "$test_rc" != 0 ]]; then
    exit "$test_rc"
fi
exit "$summary_rc"
