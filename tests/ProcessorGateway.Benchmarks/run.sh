#!/usr/bin/env bash
# Runs the field codec benchmarks (docs/benchmarks.md, "Field codec"). The libmongocrypt reference needs a key vault on
# a MongoDB server: with PG_BENCH_MONGO_URI unset, the pinned development server is started on loopback
# (the same install and start-up as scripts/test.sh) and stopped again on exit.
#
# Usage: tests/ProcessorGateway.Benchmarks/run.sh [extra BenchmarkDotNet arguments, e.g. --filter '*Codec*']
set -euo pipefail

# Logs apart from scripts/run.sh, whose default run directory would be the same name.
PG_RUN_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/.dev/run/bench"
# shellcheck source-path=SCRIPTDIR source=../../scripts/lib/services.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/services.sh"
pg_install_traps
pg_run_benchmark ProcessorGateway.Benchmarks "$@"
