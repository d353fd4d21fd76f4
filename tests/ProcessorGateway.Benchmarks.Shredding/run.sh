#!/usr/bin/env bash
# Runs the tenant shredding benchmark (docs/benchmarks.md, "Tenant shredding"): offboarding a tenant against deleting its
# records, for 1,000, 10,000 and 50,000 records. With PG_BENCH_MONGO_URI unset, the pinned development
# server is started on loopback (the same install and start-up as scripts/test.sh) and stopped again on
# exit; set it to run the same benchmark against a real MongoDB. PG_BENCH_SHRED_SUBJECTS sets how many
# data subjects the records belong to (default 1000, at most one per record).
#
# Usage: tests/ProcessorGateway.Benchmarks.Shredding/run.sh [extra BenchmarkDotNet arguments, e.g. --filter '*Delete*']
set -euo pipefail

# Logs apart from scripts/run.sh and the codec benchmark, whose run directories would otherwise be shared.
PG_RUN_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/.dev/run/bench-shredding"
# shellcheck source-path=SCRIPTDIR source=../../scripts/lib/services.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/services.sh"
pg_install_traps
pg_run_benchmark ProcessorGateway.Benchmarks.Shredding "$@"
