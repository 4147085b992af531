#!/usr/bin/env bash
# tests/run.sh — what `make test` runs once everything is built:
#   1. every cmocka unit test binary in build/tests/unit/;
#   2. a throw-away stack (own MariaDB, FastCGI programs, nginx on a free
#      port, all under a temp dir), the node HTTP tests against it, then the
#      browser tests (Debian's Chromium through playwright-core).
# The last line printed is always "N passed, N failed"; the exit status is
# non-zero if anything failed or nothing ran.
#
# KEEP_VAR=1 keeps the temp state directory (logs, database) for a look.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
STACK=$ROOT/src/stack/stack.sh
UNIT_TIMEOUT=${UNIT_TIMEOUT:-300}
HTTP_TIMEOUT=${HTTP_TIMEOUT:-900}

passed=0
failed=0
finished=0
VAR=""
DOUBLE_PID=""

log() { echo "== $*"; }

# EXIT trap: tear the stack down, show logs if something failed, and print
# the summary as the very last line.
finish() {
    local rc=$?
    set +e
    # Reaching here early (set -e, a signal) is a failure in itself.
    if [ "$finished" != 1 ]; then
        echo "tests/run.sh: aborted (status $rc)" >&2
        failed=$((failed + 1))
    fi
    if [ -n "$VAR" ] && [ -d "$VAR" ]; then
        if [ "$failed" -gt 0 ]; then
            for f in "$VAR"/log/*.log; do
                # The install log is boilerplate; stack.sh shows it if it failed.
                [ -s "$f" ] && [ "${f##*/}" != mariadb-install.log ] || continue
                echo "--- tail of $f"
                tail -n 20 "$f"
                # Errors further back (a 503 in the middle of the run
                # names its errno here; the tail is long gone).
                if grep -qiE 'error|failed|deadlock' "$f"; then
                    echo "--- errors in $f (last 40)"
                    grep -iE 'error|failed|deadlock' "$f" | tail -n 40
                fi
            done
        fi
        # What failed and why, last and short, so that a tail of the output
        # (all a CI summary may keep) names the server errors, the test and
        # its assertion. The database-outage test's own refusals (errno
        # 2002) are left out.
        if [ "$failed" -gt 0 ]; then
            echo "--- server errors (last 8)"
            grep -hE 'status=5[0-9][0-9] |errno=' "$VAR"/log/*.log 2>/dev/null |
                grep -v 'errno=2002' | sort | tail -n 8 | cut -c1-200
            for f in "$VAR"/log/*.tap; do
                grep -q '^ *not ok ' "$f" 2>/dev/null || continue
                echo "--- failed in ${f##*/}"
                # The test's name, its location, and the assertion's message
                # (the block under "error:"), blank lines dropped.
                awk '/^ *not ok /{ print; p = 1; e = 0; next }
                     p && /^ *location:/{ print }
                     p && /^ *error:/{ e = match($0, /[^ ]/); next }
                     p && e && NF && match($0, /[^ ]/) <= e { e = 0 }
                     p && e && NF { print }
                     p && /^ *(stack:|\.\.\.$)/{ p = 0; e = 0 }' "$f" |
                    cut -c1-200 | tail -n 12
            done
        fi
        "$STACK" stop >/dev/null 2>&1 || "$STACK" stop
        [ -n "$DOUBLE_PID" ] && kill "$DOUBLE_PID" 2>/dev/null
        if [ "${KEEP_VAR:-0}" = 1 ]; then
            echo "state kept in $VAR"
        else
            rm -rf "$VAR"
        fi
    fi
    echo "$passed passed, $failed failed"
    if [ "$failed" -gt 0 ] || [ $((passed + failed)) -eq 0 ]; then exit 1; fi
    exit 0
}
trap finish EXIT
trap 'exit 130' INT TERM

# Sum the numbers captured by sed expression $1 over stdin.
sum_of() { sed -n "$1" | awk '{ s += $1 } END { print s + 0 }'; }

# ------------------------------------------------------------- unit tests
shopt -s nullglob
for t in build/tests/unit/test_*; do
    [ -f "$t" ] && [ -x "$t" ] || continue
    log "unit: $t"
    rc=0
    # cmocka's plain-text report, whatever the caller's environment says.
    out=$(CMOCKA_MESSAGE_OUTPUT=stdout timeout "$UNIT_TIMEOUT" "$t" 2>&1) || rc=$?
    printf '%s\n' "$out"
    p=$(sum_of 's/^\[  PASSED  \] \([0-9][0-9]*\) test.*/\1/p' <<<"$out")
    f=$(sum_of 's/^\[  FAILED  \] \([0-9][0-9]*\) test.*/\1/p' <<<"$out")
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        # Crashed, timed out, or failed without a cmocka summary.
        echo "$t: exit status $rc"
        f=1
    elif [ "$rc" -eq 0 ] && [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
        p=1 # a test program without cmocka output that succeeded
    fi
    passed=$((passed + p))
    failed=$((failed + f))
done

# ---------------------------------------------------------------- fuzzing
# A short libFuzzer run of the scanner (ASan + UBSan); `make fuzz` runs longer.
if [ -x build/fuzz/fuzz_phi ]; then
    log "fuzz: PHI scanner for ${FUZZ_SECONDS:-20} s"
    if make --no-print-directory fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-20}" \
        >build/fuzz/last-run.log 2>&1; then
        tail -n 3 build/fuzz/last-run.log
        passed=$((passed + 1))
    else
        tail -n 40 build/fuzz/last-run.log
        echo "fuzz: the scanner failed under the fuzzer (see build/fuzz/)"
        failed=$((failed + 1))
    fi
fi

# ------------------------------------------------------- stack + HTTP tests
free_port() {
    if command -v node >/dev/null; then
        node -e 'const s = require("net").createServer();
                 s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
        return
    fi
    local port
    for _ in $(seq 100); do
        port=$((20000 + RANDOM % 30000))
        # Nothing answers there: free (for now).
        if ! (: <"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
    done
    return 1
}

VAR=$(mktemp -d /tmp/clearpost-test.XXXXXX)
export CLEARPOST_VAR=$VAR
CLEARPOST_PORT=$(free_port)
export CLEARPOST_PORT
CLEARPOST_DEMO_PASSWORD=$(openssl rand -hex 12)
export CLEARPOST_DEMO_PASSWORD
export CLEARPOST_CONFIG=$VAR/clearpost.hdf
export CLEARPOST_URL=http://127.0.0.1:$CLEARPOST_PORT
export CLEARPOST_ROOT=$ROOT
export CLEARPOST_STACK=$STACK
# Accounts may point at the local platform double (http://127.0.0.1).
export CLEARPOST_ALLOW_LOOPBACK_HTTP=1

# The platform double (tests/platforms/double.mjs) on its own port; the
# stack's publisher is pointed at it through $VAR/extra.hdf, with short
# timeouts and backoff so that retry tests take seconds, not hours.
DOUBLE_PID=""
if [ -f tests/platforms/double.mjs ]; then
    DOUBLE_PORT=$(free_port)
    mkdir -p "$VAR/log"
    node tests/platforms/double.mjs --port "$DOUBLE_PORT" >"$VAR/log/double.log" 2>&1 &
    DOUBLE_PID=$!
    for _ in $(seq 50); do
        grep -q "listening" "$VAR/log/double.log" 2>/dev/null && break
        sleep 0.1
    done
    export CLEARPOST_DOUBLE_URL=http://127.0.0.1:$DOUBLE_PORT
    cat >"$VAR/extra.hdf" <<HDF
Publisher.AllowLoopbackHttp = 1
Publisher.ConnectTimeoutMs = 2000
Publisher.TimeoutMs = 3000
Publisher.LeaseSeconds = 6
Publisher.PollMs = 200
Publisher.BackoffBaseSeconds = 1
Publisher.BackoffMaxSeconds = 2
Publisher.MaxAttempts = 5
Platforms.X.API = $CLEARPOST_DOUBLE_URL/x
Platforms.Facebook.API = $CLEARPOST_DOUBLE_URL/fb
Platforms.LinkedIn.API = $CLEARPOST_DOUBLE_URL/li/rest
Platforms.Bluesky.PDS = $CLEARPOST_DOUBLE_URL/bsky
HDF
    log "platform double: $CLEARPOST_DOUBLE_URL"
fi

log "stack: $CLEARPOST_URL (state in $VAR)"
if ! "$STACK" start; then
    echo "tests/run.sh: the stack did not start" >&2
    failed=$((failed + 1))
    finished=1
    exit 1
fi

# Runs one directory of node tests against the stack: installs its npm
# dependencies when it declares any (never leaving an empty lock file), then
# counts TAP results (subtests included, cancelled counts as failed).
run_node_suite() {
    local dir=$1 files=("$1"/*.test.mjs) tap rc p f
    if [ ${#files[@]} -eq 0 ]; then
        log "$dir: no *.test.mjs"
        return 0
    fi
    if [ -f "$dir/package.json" ] && [ ! -d "$dir/node_modules" ] &&
        node -e 'const p = require(process.argv[1]);
                 process.exit(Object.keys({ ...p.dependencies, ...p.devDependencies }).length ? 0 : 1)' \
            "$ROOT/$dir/package.json"; then
        log "npm: installing $dir dependencies"
        if [ -f "$dir/package-lock.json" ]; then
            npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
        else
            npm install --prefix "$dir" --no-audit --no-fund --loglevel=error
        fi
    fi
    log "$dir: ${#files[@]} test files"
    tap=$VAR/log/${dir//\//-}.tap
    rc=0
    # Human-readable spec report on the terminal, TAP to a file for counting.
    # One file at a time: the tests share one stack (and stop its database).
    timeout "$HTTP_TIMEOUT" node --test --test-concurrency=1 \
        --test-reporter=spec --test-reporter-destination=stdout \
        --test-reporter=tap --test-reporter-destination="$tap" \
        "${files[@]}" || rc=$?
    p=$(sum_of 's/^# pass \([0-9][0-9]*\)$/\1/p' <"$tap" 2>/dev/null || echo 0)
    f=$(sum_of 's/^# \(fail\|cancelled\) \([0-9][0-9]*\)$/\2/p' <"$tap" 2>/dev/null || echo 0)
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "node --test $dir: exit status $rc"
        f=1
    fi
    passed=$((passed + p))
    failed=$((failed + f))
}

run_node_suite tests/http
run_node_suite tests/platforms
run_node_suite tests/browser

finished=1
