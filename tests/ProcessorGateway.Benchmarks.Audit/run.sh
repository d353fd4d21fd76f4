#!/usr/bin/env bash
# Measures the audit log's overhead end to end (docs/benchmarks.md, "Audit log overhead"): N GetRecord calls against a gateway
# with auditing on and the same build with it off, sequential and concurrent, and the ratio of the
# medians. With PG_BENCH_MONGO_URI unset, the pinned development server is started on loopback.
#
# Usage: tests/ProcessorGateway.Benchmarks.Audit/run.sh
#   PG_BENCH_AUDIT_CALLS (calls per round and configuration, default 200), PG_BENCH_AUDIT_ROUNDS (default 5)
set -euo pipefail

PG_RUN_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/.dev/run/bench-audit"
# shellcheck source-path=SCRIPTDIR source=../../scripts/lib/services.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/services.sh"
pg_install_traps
pg_bench_mongo
dotnet run -c Release --project "$PG_REPO/tests/ProcessorGateway.Benchmarks.Audit" "$@"
