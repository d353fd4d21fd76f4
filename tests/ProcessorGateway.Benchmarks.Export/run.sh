#!/usr/bin/env bash
# Memory of a tenant export at 5,000 and 50,000 records (docs/benchmarks.md, "Tenant export memory"). Each size is
# seeded into fresh databases, then exported in a process of its own that runs the gateway and a client
# which drops every chunk, and prints the peak managed heap and working set of that process.
# With PG_BENCH_MONGO_URI unset the pinned development server is started on loopback; set it to run
# against a real MongoDB.
#
# Usage: tests/ProcessorGateway.Benchmarks.Export/run.sh [sizes...]   (default: 5000 50000)
set -euo pipefail

PG_RUN_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/.dev/run/bench-export"
# shellcheck source-path=SCRIPTDIR source=../../scripts/lib/services.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/services.sh"
pg_install_traps
pg_bench_mongo
export PG_TEST_MONGO_URI="$PG_BENCH_MONGO_URI"
project="$PG_REPO/tests/ProcessorGateway.Benchmarks.Export"
dotnet build -c Release "$project" >/dev/null
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(5000 50000)
for n in "${sizes[@]}"; do
    db="bench_export_${n}_$(date +%s)"
    dotnet run -c Release --no-build --project "$project" -- seed "$db" "$n" 1000
    dotnet run -c Release --no-build --project "$project" -- export "$db"
done
