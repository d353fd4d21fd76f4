#!/usr/bin/env bash
# README "run" command: builds the gateway and pgctl (and nothing else: no tests, no benchmarks), puts pgctl in
# .dev/bin, and runs the gateway in the foreground with development settings.
#
# With no MongoDB configured (Gateway__Mongo__ConnectionString unset) it starts the in-memory jongodb development server
# on loopback; with no Redis configured it starts a throwaway redis-server if it can, and otherwise runs without
# Redis. Ctrl-C or a TERM stops the gateway, and the EXIT trap stops whatever was started here.
#
# The development clients' secrets go to .dev/dev-credentials.json (mode 0600) and nowhere else: not to this
# terminal, not to a log. The token keys of this deployment are in .dev/deployment/ (mode 0600 too).
#
# Usage: scripts/run.sh [extra arguments for the gateway]
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib/services.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/services.sh"
pg_install_traps
cd "$PG_REPO"

run_log() { printf '[run] %s\n' "$*" >&2; }

CONFIGURATION=Release
SERVER_PROJECT="$PG_REPO/src/ProcessorGateway.Server/ProcessorGateway.Server.csproj"
CLI_PROJECT="$PG_REPO/src/ProcessorGateway.Cli/ProcessorGateway.Cli.csproj"
BIN_DIR="$PG_REPO/.dev/bin"
PGCTL_DIR="$BIN_DIR/pgctl.app"
BUILD_LOG="$PG_RUN_DIR/build.log"
mkdir -p "$PG_RUN_DIR" "$BIN_DIR"
: >"$BUILD_LOG"

# Runs one build step with its output in $BUILD_LOG; on failure shows the compiler's errors (or the log's tail
# when there are none, e.g. a restore failure) and stops the script.
build_step() {
    local what="$1"
    shift
    local started=$SECONDS
    run_log "$what ..."
    printf '\n==> %s\n$ %s\n' "$what" "$*" >>"$BUILD_LOG"
    if ! "$@" >>"$BUILD_LOG" 2>&1; then
        run_log "FAILED: $what; the errors (full output in $BUILD_LOG):"
        if ! grep -E ': error [A-Z]+[0-9]+' "$BUILD_LOG" | sort -u >&2; then
            tail -n 30 "$BUILD_LOG" >&2
        fi
        exit 1
    fi
    run_log "$what: done in $((SECONDS - started)) s"
}

# Build before starting any server: a compile error should not leave the developer waiting on services first.
# The two projects only, never the solution: its test and benchmark projects are most of a cold build.
run_log "building the gateway and pgctl ($CONFIGURATION); build output goes to $BUILD_LOG"
build_step "building the gateway (src/ProcessorGateway.Server)" \
    dotnet build "$SERVER_PROJECT" -c "$CONFIGURATION" -nologo
# pgctl for this machine's runtime, precompiled (ReadyToRun: the project turns it on when a runtime is given), so
# that a command starts in a fraction of a second rather than `dotnet run`'s several.
RID="$(dotnet --info | awk '$1 == "RID:" { print $2; exit }')"
build_step "publishing pgctl (${RID:-portable}, ReadyToRun) to $PGCTL_DIR" \
    dotnet publish "$CLI_PROJECT" -c "$CONFIGURATION" -nologo -o "$PGCTL_DIR" ${RID:+-r "$RID"}
ln -sfn "pgctl.app/pgctl" "$BIN_DIR/pgctl"
run_log "pgctl is ready; to call it by name in another terminal:  export PATH=\"$BIN_DIR:\$PATH\""

# --- MongoDB -------------------------------------------------------------
if [[ -n "${Gateway__Mongo__ConnectionString:-}" ]]; then
    pg_log "using MongoDB from Gateway__Mongo__ConnectionString"
else
    pg_install_jongodb
    pg_start_jongodb
    export Gateway__Mongo__ConnectionString="$PG_MONGO_URI"
    cat >&2 <<EOF
[run] WARNING: no Gateway__Mongo__ConnectionString is set, so the gateway stores its data in the jongodb
[run]          development server at $PG_MONGO_URI. That server:
[run]          - keeps everything in memory only: all data is gone when this script stops;
[run]          - gets slower as a collection grows (a write into 5,000 documents takes about 0.1 s);
[run]          - differs from real MongoDB in places (docs/dev-mongo.md lists them).
[run]          To use a real MongoDB instead, give its connection string:
[run]            Gateway__Mongo__ConnectionString='mongodb://host:27017/' scripts/run.sh
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
# This checkout's own token keys and issuer (made once in .dev/deployment/, mode 0600, reused on restart): no other
# development gateway accepts its tokens. The gateway runs from its project directory, so name the folder outright.
export Gateway__Dev__Directory="$PG_REPO/.dev"
export Gateway__Dev__CredentialsPath="$PG_REPO/.dev/dev-credentials.json"
# An old file names a gateway that is gone and secrets that no longer work: better none until the new one is written.
rm -f "$Gateway__Dev__CredentialsPath"
run_log "starting the gateway; it prints where it listens once it is ready"

# The gateway's own executable, in the background, with this shell waiting on it: a TERM or Ctrl-C to this
# script ends the wait at once, and the EXIT trap then stops the gateway by its pid, then the servers.
# (`dotnet run` in the foreground left the gateway running until it exited by itself.) It runs in the
# project directory, where its appsettings.json is, as `dotnet run` would run it.
gateway_bin="$PG_REPO/src/ProcessorGateway.Server/bin/$CONFIGURATION/net10.0/ProcessorGateway.Server"
(cd "$PG_REPO/src/ProcessorGateway.Server" && exec "$gateway_bin" "$@") &
gateway_pid=$!
PG_STARTED_PIDS+=("$gateway_pid")

# The gateway writes the credentials file just before its ready banner: say how long the whole start took.
(
    while [[ ! -s "$Gateway__Dev__CredentialsPath" ]]; do
        kill -0 "$gateway_pid" 2>/dev/null || exit 0
        sleep 0.2
    done
    sleep 0.5
    run_log "ready, $SECONDS s after scripts/run.sh started"
) &
PG_STARTED_PIDS+=("$!")
wait "$gateway_pid"
