#!/usr/bin/env bash
# Runs the end-to-end load (docs/benchmarks.md, "End-to-end load"): builds in Release, starts the development MongoDB server,
# Redis and a gateway of its own on free loopback ports, then loads it from tests/ProcessorGateway.Load in
# three phases (no-op gRPC, direct MongoDB driver, gateway) and prints the table and ratios. Everything it
# started is stopped on exit, by process id.
#
# With PG_LOAD_MONGO_URI set, the gateway and the direct baseline use that MongoDB instead (a real one, to
# measure past the development server's limits).
#
# PG_LOAD_GATEWAY names another build of the gateway's executable (e.g. an earlier commit's, for a before/after
# table in one session); by default this checkout's is built and run.
#
# Usage: tests/ProcessorGateway.Load/run.sh [load tool arguments, e.g. --callers 32 --seconds 30 --seed 7]
set -euo pipefail

PG_RUN_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/.dev/run/load"
# shellcheck source-path=SCRIPTDIR source=../../scripts/lib/services.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/services.sh"
pg_install_traps
cd "$PG_REPO"
mkdir -p "$PG_RUN_DIR"

gateway_bin="${PG_LOAD_GATEWAY:-$PG_REPO/src/ProcessorGateway.Server/bin/Release/net10.0/ProcessorGateway.Server}"
if [[ -z "${PG_LOAD_GATEWAY:-}" ]]; then
    dotnet build -c Release "$PG_REPO/src/ProcessorGateway.Server" >"$PG_RUN_DIR/build.log" 2>&1 || { tail -n 30 "$PG_RUN_DIR/build.log" >&2; exit 1; }
fi
dotnet build -c Release "$PG_REPO/tests/ProcessorGateway.Load" >"$PG_RUN_DIR/build-load.log" 2>&1 || { tail -n 30 "$PG_RUN_DIR/build-load.log" >&2; exit 1; }

if [[ -z "${PG_LOAD_MONGO_URI:-}" ]]; then
    pg_install_jongodb
    pg_start_jongodb
    export PG_LOAD_MONGO_URI="$PG_MONGO_URI"
fi
pg_install_redis
pg_start_redis

credentials="$PG_RUN_DIR/dev-credentials.json"
rm -f "$credentials"
grpc_port="$(_pg_free_port)"
http_port="$(_pg_free_port)"
metrics_port="$(_pg_free_port)"

# The gateway's own executable, not `dotnet run`, so the pid is the gateway's and its CPU can be read.
ASPNETCORE_ENVIRONMENT=Development \
Gateway__Mongo__ConnectionString="$PG_LOAD_MONGO_URI" \
Gateway__Redis__Configuration="$PG_REDIS" \
Gateway__Dev__CredentialsPath="$credentials" \
Gateway__Listen__GrpcPort="$grpc_port" \
Gateway__Listen__HttpPort="$http_port" \
Gateway__Metrics__Port="$metrics_port" \
Logging__LogLevel__Default=Warning \
    "$gateway_bin" >"$PG_RUN_DIR/gateway.log" 2>&1 &
gateway_pid=$!
PG_STARTED_PIDS+=("$gateway_pid")
pg_log "gateway (pid $gateway_pid) starting on 127.0.0.1:$grpc_port; log: $PG_RUN_DIR/gateway.log"

for _ in $(seq 1 600); do
    [[ -s "$credentials" ]] && break
    kill -0 "$gateway_pid" 2>/dev/null || { tail -n 30 "$PG_RUN_DIR/gateway.log" >&2; exit 1; }
    sleep 0.1
done
[[ -s "$credentials" ]] || { pg_log "ERROR: the gateway wrote no credentials within 60 s"; exit 1; }

"$PG_REPO/tests/ProcessorGateway.Load/bin/Release/net10.0/ProcessorGateway.Load" \
    --credentials "$credentials" --mongo "$PG_LOAD_MONGO_URI" --gateway-pid "$gateway_pid" \
    --metrics-url "http://127.0.0.1:$metrics_port/metrics" "$@"
