#!/usr/bin/env bash
# The audit log's load run (docs/benchmarks.md, "Audit log load run"): 10,000 mixed calls from 96 concurrent callers through two
# gateway processes on one MongoDB, then every chain verifies and holds one event per call.
#
# The suite runs the same test with 1,000 calls. This run takes longer than the suite's 5-minute hang
# guard on the development server (its writes slow as the audit collection grows, docs/dev-mongo.md), so it
# runs the built test on its own, without that guard. It starts the pinned development server and Redis
# on loopback and stops them on exit.
#
# Usage: scripts/audit-load.sh [calls, default 10000]
set -euo pipefail

PG_RUN_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.dev/run/audit-load"
# shellcheck source-path=SCRIPTDIR source=lib/services.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/services.sh"
pg_install_traps
cd "$PG_REPO"

dotnet build tests/ProcessorGateway.Server.Tests -c Release
pg_install_jongodb
pg_start_jongodb
pg_install_redis
pg_start_redis
export PG_TEST_MONGO_URI="$PG_MONGO_URI" PG_TEST_REDIS="$PG_REDIS" PG_AUDIT_LOAD_CALLS="${1:-10000}"
dotnet test tests/ProcessorGateway.Server.Tests --no-build -c Release \
    --filter "FullyQualifiedName~ProcessorGateway.Server.Tests.Audit.AuditLoadTests" \
    --logger "console;verbosity=detailed"
