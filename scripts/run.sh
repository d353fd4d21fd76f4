#!/usr/bin/env bash
# README "Quick start", first command: builds the solution and runs the gateway in the
# foreground with development settings.
#
# With no MongoDB configured (Gateway__Mongo__ConnectionString unset) it starts the
# in-memory jongodb stand-in on loopback; with no Redis configured it starts
# a throwaway redis-server if it can, and otherwise runs without Redis.
# Ctrl-C or a TERM stops the gateway, and the EXIT trap stops whatever was started here.
#
# Usage: scripts/run.sh [extra arguments for the gateway]
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib/services.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/services.sh"
pg_install_traps
cd "$PG_REPO"

SOLUTION="$(pg_solution)"

# Build before starting any server: a compile error should not leave the
# developer waiting on services first.
dotnet build "$SOLUTION"

# --- MongoDB -------------------------------------------------------------
if [[ -n "${Gateway__Mongo__ConnectionString:-}" ]]; then
    pg_log "using MongoDB from Gateway__Mongo__ConnectionString"
else
    pg_install_jongodb
    pg_start_jongodb
    export Gateway__Mongo__ConnectionString="$PG_MONGO_URI"
    cat >&2 <<EOF
[services] NOTE: no Gateway__Mongo__ConnectionString was set, so the gateway uses the
[services]       jongodb development server at $PG_MONGO_URI.
[services]       It keeps all data IN MEMORY ONLY: everything is lost when this
[services]       script stops. It also differs from real MongoDB in ways listed
[services]       in docs/dev-mongo.md. Set Gateway__Mongo__ConnectionString to use a
[services]       real MongoDB.
EOF
fi

# --- Redis ---------------------------------------------------------------
if [[ -n "${Gateway__Redis__Configuration:-}" ]]; then
    pg_log "using Redis from Gateway__Redis__Configuration"
elif pg_install_redis && pg_start_redis; then
    export Gateway__Redis__Configuration="$PG_REDIS"
else
    # The gateway can run on one replica without Redis; a missing Redis
    # should not stop someone from trying it out.
    pg_log "WARNING: no Redis available; running the gateway without Redis"
fi

# --- Gateway -------------------------------------------------------------
export ASPNETCORE_ENVIRONMENT=Development
export Gateway__Dev__CredentialsPath="$PG_REPO/.dev/dev-credentials.json"
mkdir -p "$PG_REPO/.dev"

# The gateway's own executable, in the background, with this shell waiting on it: a TERM or Ctrl-C to this
# script ends the wait at once, and the EXIT trap then stops the gateway by its pid, then the servers.
# (`dotnet run` in the foreground left the gateway running until it exited by itself.) It runs in the
# project directory, where its appsettings.json is, as `dotnet run` would run it.
gateway_bin="$PG_REPO/src/ProcessorGateway.Server/bin/Debug/net10.0/ProcessorGateway.Server"
(cd "$PG_REPO/src/ProcessorGateway.Server" && exec "$gateway_bin" "$@") &
gateway_pid=$!
PG_STARTED_PIDS+=("$gateway_pid")
wait "$gateway_pid"
