#!/usr/bin/env bash
# tests/bench/publisher.sh — the publisher's throughput: a private stack
# (own MariaDB, programs, nginx) and the platform double, N deliveries due
# at once, then 1, 2 and 4 publishers (`clearpost publisher --once`) drain
# them. Prints deliveries per second for each. Used by `make bench`.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
STACK=$ROOT/src/stack/stack.sh
N=${BENCH_DELIVERIES:-600}

free_port() {
    node -e 'const s = require("net").createServer();
             s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

VAR=$(mktemp -d /tmp/clearpost-bench.XXXXXX)
DOUBLE_PID=""
cleanup() {
    "$STACK" stop >/dev/null 2>&1 || true
    [ -n "$DOUBLE_PID" ] && kill "$DOUBLE_PID" 2>/dev/null
    rm -rf "$VAR"
}
trap cleanup EXIT
export CLEARPOST_VAR=$VAR CLEARPOST_CONFIG=$VAR/clearpost.hdf CLEARPOST_ROOT=$ROOT
CLEARPOST_PORT=$(free_port)
export CLEARPOST_PORT CLEARPOST_URL=http://127.0.0.1:$CLEARPOST_PORT
CLEARPOST_DEMO_PASSWORD=$(openssl rand -hex 12)
export CLEARPOST_DEMO_PASSWORD CLEARPOST_ALLOW_LOOPBACK_HTTP=1
DOUBLE_PORT=$(free_port)
mkdir -p "$VAR/log"
node tests/platforms/double.mjs --port "$DOUBLE_PORT" >"$VAR/log/double.log" 2>&1 &
DOUBLE_PID=$!
export CLEARPOST_DOUBLE_URL=http://127.0.0.1:$DOUBLE_PORT
cat >"$VAR/extra.hdf" <<HDF
Publisher.AllowLoopbackHttp = 1
Publisher.PollMs = 100
HDF
"$STACK" start >"$VAR/log/stack-start.log" 2>&1 || { cat "$VAR/log/stack-start.log"; exit 1; }
"$STACK" publisher-stop >/dev/null
node tests/bench/publisher.mjs "$N"
