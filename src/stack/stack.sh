#!/usr/bin/env bash
# stack.sh — run the whole Clearpost stack from the repository, as the current
# user, with every piece of state under one directory ($VAR):
#   private MariaDB (unix socket only) -> FastCGI programs -> nginx on 127.0.0.1.
#
# usage: src/stack/stack.sh deps [--test]|start|stop|run|status|db-start|db-stop|
#                          publisher-start|publisher-stop
#
# Environment:
#   CLEARPOST_VAR            state directory (default <repo>/var)
#   CLEARPOST_PORT           nginx port on 127.0.0.1 (default 8080)
#   CLEARPOST_WORKERS        worker processes per FastCGI program (default 2)
#   CLEARPOST_DEMO_PASSWORD  password of the demo users (default: random, kept
#                            in $VAR/demo-password)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VAR=${CLEARPOST_VAR:-$ROOT/var}
PORT=${CLEARPOST_PORT:-8080}
WORKERS=${CLEARPOST_WORKERS:-2}
PROGRAMS=(auth desk review admin feed policy)
ME=$(id -un)

# Bounded waits, in seconds.
DB_START_WAIT=30
DB_STOP_WAIT=30
FCGI_WAIT=15
STOP_WAIT=10
HEALTH_WAIT=20

DEPS=(build-essential gcc clang make pkg-config clearsilver-dev libfcgi-dev
      libfcgi-bin libmariadb-dev mariadb-server-core mariadb-client-core nginx
      wamerican libcmark-dev
      libcmocka-dev libssl-dev libcurl4-openssl-dev valgrind nodejs npm
      ca-certificates)
TEST_DEPS=(chromium fonts-dejavu-core libclang-rt-14-dev)

say() { echo "stack: $*"; }
die() { echo "stack: error: $*" >&2; exit 1; }

# $VAR must be absolute: it is written into nginx.conf, the HDF and pid files,
# and the process matching below compares it literally.
absolute_var() {
    VAR=$(realpath -m "$VAR")
    SOCK=$VAR/run/mysql.sock
    DBPID=$VAR/run/mariadb.pid
    NGXPID=$VAR/run/nginx.pid
    export CLEARPOST_CONFIG=$VAR/clearpost.hdf
}

# ---------------------------------------------------------------- processes

# True if process $1 exists and is not a zombie (a zombie still answers
# kill -0 until its parent reaps it).
alive() {
    local stat
    kill -0 "$1" 2>/dev/null || return 1
    read -r stat 2>/dev/null </proc/"$1"/stat || return 1
    stat=${stat##*) }
    [ "${stat%% *}" != Z ]
}

# Print the pids of our uid whose argv contains every given argument. Pid
# files can be stale or lost after a crash; matching on arguments that name
# this $VAR finds exactly our leftovers and nothing else. Pure bash: this
# walks all of /proc and is called several times per start.
pids_with_args() {
    local d pid a want found
    local -a args
    for d in /proc/[0-9]*; do
        pid=${d#/proc/}
        [ "$pid" != "$$" ] && [ "$pid" != "$BASHPID" ] && [ -O "$d" ] || continue
        mapfile -d '' args 2>/dev/null <"$d/cmdline" || continue
        for want in "$@"; do
            found=0
            for a in "${args[@]}"; do
                # nginx rewrites its argv into one string ("nginx: master
                # process nginx -p ... -c ..."), hence the second pattern.
                if [[ $a == "$want" || $a == *" $want"* ]]; then found=1; break; fi
            done
            [ "$found" = 1 ] || continue 2
        done
        echo "$pid"
    done
}

# Print the pids of our uid named $1 (comm) holding file $2 open. nginx
# workers' argv is just "nginx: worker process"; the error log they hold open
# is what ties an orphaned worker (master killed) to this $VAR.
pids_with_open_file() {
    local d comm fd
    for d in /proc/[0-9]*; do
        [ -O "$d" ] || continue
        read -r comm 2>/dev/null <"$d/comm" || continue
        [ "$comm" = "$1" ] || continue
        for fd in "$d"/fd/*; do
            if [ "$(readlink "$fd" 2>/dev/null)" = "$2" ]; then
                echo "${d#/proc/}"
                break
            fi
        done
    done
}

# True if the pid in file $1 is alive and its argv contains $2 (so a pid
# reused by an unrelated process after a crash is not mistaken for ours).
pidfile_alive() {
    local pid
    pid=$(pidfile_pid "$1")
    [ -n "$pid" ] && alive "$pid" || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$2"
}

pidfile_pid() { [ -s "$1" ] && tr -dc '0-9' <"$1" 2>/dev/null || true; }

# SIGTERM the given pids, wait up to $1 seconds, then SIGKILL what is left.
terminate() {
    local wait=$1 pid i
    local -a left
    shift
    [ $# -gt 0 ] || return 0
    kill -TERM "$@" 2>/dev/null || true
    for ((i = 0; i < wait * 10; i++)); do
        left=()
        for pid in "$@"; do alive "$pid" && left+=("$pid"); done
        [ ${#left[@]} -eq 0 ] && return 0
        sleep 0.1
    done
    say "still running after ${wait}s, killing: ${left[*]}"
    kill -KILL "${left[@]}" 2>/dev/null || true
    sleep 0.2
}

# Run a command detached from our session (so a terminal hang-up or Ctrl-C
# meant for a test run does not reach the daemons), output appended to $1, pid
# written to $2 by the process itself (exec keeps the pid, even when setsid
# has to fork).
spawn() {
    local log=$1 pidfile=$2
    shift 2
    # shellcheck disable=SC2016
    setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" </dev/null >>"$log" 2>&1 &
}

show_log() {
    [ -f "$1" ] || return 0
    echo "--- last lines of $1:" >&2
    tail -n "${2:-25}" "$1" >&2
}

# ------------------------------------------------------------------ MariaDB

db_sql() { mariadb --no-defaults -S "$SOCK" -uroot "$@"; }

db_running() { pidfile_alive "$DBPID" "--datadir=$VAR/mysql"; }

db_start() {
    local ld i
    mkdir -p "$VAR/mysql" "$VAR/run" "$VAR/log"
    chmod 700 "$VAR/mysql" "$VAR/run"
    # A unix socket path is limited to 108 bytes.
    [ ${#SOCK} -lt 100 ] || die "socket path too long ($SOCK): use a shorter CLEARPOST_VAR"
    if db_running; then
        say "MariaDB already running (pid $(pidfile_pid "$DBPID"))"
    else
        # A crash can leave a server without its pid file, or a pid file
        # without a server, and a socket file either way.
        ld=$(pids_with_args "--datadir=$VAR/mysql" "--socket=$SOCK")
        # shellcheck disable=SC2086
        [ -z "$ld" ] || terminate "$DB_STOP_WAIT" $ld
        rm -f "$DBPID" "$SOCK" "$SOCK.lock"
        if [ ! -d "$VAR/mysql/mysql" ]; then
            say "initialising MariaDB in $VAR/mysql"
            mariadb-install-db --no-defaults --datadir="$VAR/mysql" --user="$ME" \
                --auth-root-authentication-method=normal --skip-test-db \
                --innodb-log-file-size=16M \
                >>"$VAR/log/mariadb-install.log" 2>&1 ||
                { show_log "$VAR/log/mariadb-install.log"; die "mariadb-install-db failed"; }
        fi
        say "starting MariaDB"
        # mariadbd writes its own pid file; spawn's copy is the same pid.
        spawn "$VAR/log/mariadb.out" "$DBPID" \
            mariadbd --no-defaults --datadir="$VAR/mysql" --socket="$SOCK" \
            --skip-networking --pid-file="$DBPID" --log-error="$VAR/log/mariadb.log" \
            --user="$ME" --character-set-server=utf8mb4 \
            --collation-server=utf8mb4_unicode_ci --innodb-buffer-pool-size=64M \
            --innodb-log-file-size=16M --innodb-print-all-deadlocks=ON
    fi
    for ((i = 0; i < DB_START_WAIT * 5; i++)); do
        if db_sql -e 'select 1' >/dev/null 2>&1; then return 0; fi
        # Give up early if the server died (bad datadir, port of a lock...).
        if ((i > 10)) && ! db_running; then break; fi
        sleep 0.2
    done
    show_log "$VAR/log/mariadb.log"
    die "MariaDB did not come up (log: $VAR/log/mariadb.log)"
}

db_stop() {
    local pids
    pids=$(pids_with_args "--datadir=$VAR/mysql" "--socket=$SOCK")
    if db_running; then pids="$pids $(pidfile_pid "$DBPID")"; fi
    pids=$(tr ' ' '\n' <<<"$pids" | sort -u | tr '\n' ' ')
    if [ -n "${pids// /}" ]; then
        say "stopping MariaDB"
        # shellcheck disable=SC2086
        terminate "$DB_STOP_WAIT" $pids
    fi
    rm -f "$DBPID" "$SOCK" "$SOCK.lock"
}

# ------------------------------------------------------------------ secrets

random_hex() { openssl rand -hex "$1"; }

# A password people can type: no 0/O, 1/l/I look-alikes.
random_password() {
    local pw=""
    while [ ${#pw} -lt 16 ]; do
        pw+=$(openssl rand -base64 48 | tr -dc 'A-HJ-NP-Za-km-z2-9')
    done
    echo "${pw:0:16}"
}

# Write $2 to file $1 with mode 0600 (created with that mode, never readable
# by others even for an instant). No trailing newline, so a reader that takes
# the whole file gets exactly the secret.
write_secret() { (umask 077 && printf '%s' "$2" >"$1.tmp" && mv -f "$1.tmp" "$1"); }

# The MariaDB users, one per kind of program (sql/grants.sql): the schema
# owner (clearpost migrate), the web programs and the clearpost command, the
# feed, the publisher. Each has its password in $VAR/secret/db-<kind>.password.
DB_KINDS=(owner web feed publisher)

make_secrets() {
    local k f
    mkdir -p "$VAR/secret"
    chmod 700 "$VAR/secret"
    for k in "${DB_KINDS[@]}"; do
        f=$VAR/secret/db-$k.password
        [ -s "$f" ] || write_secret "$f" "$(random_hex 16)"
        chmod 600 "$f"
    done
    [ -s "$VAR/secret/app.key" ] || write_secret "$VAR/secret/app.key" "$(random_hex 32)"
    [ -s "$VAR/secret/credentials.key" ] || write_secret "$VAR/secret/credentials.key" "$(random_hex 32)"
    chmod 600 "$VAR/secret/app.key" "$VAR/secret/credentials.key"
}

# Sets DEMO_PASSWORD: $CLEARPOST_DEMO_PASSWORD, else the stored one, else a
# new random one. DEMO_PASSWORD_CHANGED=1 whenever the file is (re)written:
# demo users that already exist then get the new password, so the file and
# the database never disagree.
demo_password() {
    local f=$VAR/demo-password old=""
    DEMO_PASSWORD_CHANGED=0
    if [ -s "$f" ]; then old=$(head -n1 "$f"); fi
    DEMO_PASSWORD=${CLEARPOST_DEMO_PASSWORD:-$old}
    [ -n "$DEMO_PASSWORD" ] || DEMO_PASSWORD=$(random_password)
    if [ "$old" != "$DEMO_PASSWORD" ]; then
        write_secret "$f" "$DEMO_PASSWORD"
        DEMO_PASSWORD_CHANGED=1
    fi
    chmod 600 "$f"
}

# ------------------------------------------------------------ app database

# The database and its users (before migrate). The owner may do anything
# in the database; the others get their roles from sql/grants.sql once the
# tables exist (db_grants).
db_setup() {
    local k pw sql
    sql="CREATE DATABASE IF NOT EXISTS clearpost CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
-- the single all-powerful user of earlier versions of this script
DROP USER IF EXISTS 'clearpost'@'localhost';"
    for k in "${DB_KINDS[@]}"; do
        pw=$(head -n1 "$VAR/secret/db-$k.password")
        [[ $pw =~ ^[0-9a-f]+$ ]] || die "$VAR/secret/db-$k.password must be hex"
        # The password is hex, so it is safe inside the SQL string literal.
        sql+="
CREATE USER IF NOT EXISTS 'clearpost_$k'@'localhost' IDENTIFIED BY '$pw';
ALTER USER 'clearpost_$k'@'localhost' IDENTIFIED BY '$pw';"
    done
    sql+="
GRANT ALL ON clearpost.* TO 'clearpost_owner'@'localhost';"
    db_sql <<<"$sql"
}

# The roles of sql/grants.sql (after migrate: they name tables), each given
# to its user as the default role, active from the user's next connection.
db_grants() {
    local k sql=""
    db_sql clearpost <"$ROOT/sql/grants.sql" || die "sql/grants.sql failed"
    for k in web feed publisher; do
        sql+="GRANT clearpost_$k TO 'clearpost_$k'@'localhost';
SET DEFAULT ROLE clearpost_$k FOR 'clearpost_$k'@'localhost';
"
    done
    db_sql <<<"$sql"
}

write_hdf() {
    local inc
    if [ -f "$ROOT/conf/clearpost.hdf" ]; then
        inc="#include \"$ROOT/conf/clearpost.hdf\""
    else
        inc="# (no $ROOT/conf/clearpost.hdf to include)"
    fi
    cat >"$VAR/clearpost.hdf.tmp" <<HDF
$inc
# Written by src/stack/stack.sh on every start: edits here are lost.
DB.Socket = $VAR/run/mysql.sock
DB.Name = clearpost
# Each program as its own MariaDB user (sql/grants.sql); DB.User serves the
# web programs and the clearpost command.
DB.User = clearpost_web
DB.PasswordFile = $VAR/secret/db-web.password
DB.feed.User = clearpost_feed
DB.feed.PasswordFile = $VAR/secret/db-feed.password
DB.publisher.User = clearpost_publisher
DB.publisher.PasswordFile = $VAR/secret/db-publisher.password
DB.migrate.User = clearpost_owner
DB.migrate.PasswordFile = $VAR/secret/db-owner.password
Secret.KeyFile = $VAR/secret/app.key
Secret.CredentialsKeyFile = $VAR/secret/credentials.key
Paths.Root = $ROOT
Site.PublicURL = http://127.0.0.1:$PORT
# CLEARPOST_ALLOW_LOOPBACK_HTTP=1: accounts may point at test doubles on
# http://127.0.0.1 (tests/run.sh sets it; never in production).
Publisher.AllowLoopbackHttp = $([ "${CLEARPOST_ALLOW_LOOPBACK_HTTP:-0}" = 1 ] && echo 1 || echo 0)
HDF
    # Local overrides (the test runner points platform APIs at its doubles
    # here); read last, so they win.
    if [ -f "$VAR/extra.hdf" ]; then
        echo "#include \"$VAR/extra.hdf\"" >>"$VAR/clearpost.hdf.tmp"
    fi
    mv -f "$VAR/clearpost.hdf.tmp" "$VAR/clearpost.hdf"
}

# ---------------------------------------------------------------- publisher

publisher_stop() {
    local pids
    pids=$(pids_with_args "$ROOT/bin/clearpost" "publisher" "--stack=$VAR")
    if [ -n "$pids" ]; then
        say "stopping the publisher"
        # SIGTERM: it finishes the send in flight first.
        # shellcheck disable=SC2086
        terminate "$STOP_WAIT" $pids
    fi
    rm -f "$VAR/run/publisher.pid"
}

publisher_start() {
    publisher_stop >/dev/null
    say "starting the publisher"
    echo "--- $(date -u +%FT%TZ) start" >>"$VAR/log/publisher.log"
    spawn "$VAR/log/publisher.log" "$VAR/run/publisher.pid" \
        "$ROOT/bin/clearpost" publisher "--stack=$VAR"
}

cli() { "$ROOT/bin/clearpost" "$@"; }

seed_users() {
    local existing name role
    existing=$(cli user list | awk '{print $1}') || die "bin/clearpost user list failed"
    for pair in alice:author rita:reviewer adam:admin; do
        name=${pair%%:*} role=${pair#*:}
        if grep -qxF "$name" <<<"$existing"; then
            if [ "$DEMO_PASSWORD_CHANGED" = 1 ]; then
                printf '%s' "$DEMO_PASSWORD" | cli user passwd "$name" --password-stdin ||
                    die "could not change the password of $name"
            fi
        else
            say "adding demo user $name ($role)"
            printf '%s' "$DEMO_PASSWORD" | cli user add "$name" "$role" --password-stdin ||
                die "could not add demo user $name"
        fi
    done
}

# The demo's content (sql/seed-demo.sql): a starter social media policy,
# published as version 1. Only this script loads it (make run, make start,
# tests/run.sh); a production install starts with no policy, and nobody is
# gated until its administrators publish their own. The file changes
# nothing once its content exists, so every start may run it.
seed_demo() {
    [ -f "$ROOT/sql/seed-demo.sql" ] || return 0
    db_sql clearpost <"$ROOT/sql/seed-demo.sql" || die "sql/seed-demo.sql failed"
}

# ------------------------------------------------------- FastCGI programs

fcgi_sock() { echo "$VAR/run/$1.sock"; }

fcgi_stop_one() {
    local p=$1 pids
    # The supervisor from the pid file plus any worker it left orphaned
    # after a SIGKILL (workers share its argv).
    pids=$(pids_with_args "--listen" "$(fcgi_sock "$p")")
    if [ -n "$pids" ]; then
        say "stopping $p.fcgi"
        # shellcheck disable=SC2086
        terminate "$STOP_WAIT" $pids
    fi
    rm -f "$VAR/run/$p.pid" "$(fcgi_sock "$p")"
}

fcgi_start_one() {
    local p=$1 bin=$ROOT/bin/$1.fcgi sock i
    sock=$(fcgi_sock "$p")
    [ -x "$bin" ] || die "$bin is missing: run make first"
    fcgi_stop_one "$p" >/dev/null
    say "starting $p.fcgi ($WORKERS workers)"
    echo "--- $(date -u +%FT%TZ) start" >>"$VAR/log/$p.log"
    spawn "$VAR/log/$p.log" "$VAR/run/$p.pid" "$bin" --listen "$sock" --workers "$WORKERS"
    for ((i = 0; i < FCGI_WAIT * 10; i++)); do
        [ -S "$sock" ] && return 0
        # Give up early if the program exited (the pid file appears at once).
        if ((i > 10)) && ! pidfile_alive "$VAR/run/$p.pid" "$sock"; then break; fi
        sleep 0.1
    done
    show_log "$VAR/log/$p.log"
    die "$p.fcgi did not create $sock"
}

# ------------------------------------------------------------------- nginx

# nginx with this $VAR's prefix, config and error log (-e: so nothing is
# written to /var/log/nginx, even before the config is read).
run_nginx() { nginx -p "$VAR/nginx" -c "$VAR/nginx.conf" -e "$VAR/log/nginx-error.log" "$@"; }

nginx_running() { pidfile_alive "$NGXPID" "$VAR/nginx.conf"; }

nginx_conf() {
    local user=""
    # Workers must reach the sockets in $VAR/run (mode 0700); as root that
    # means running them as root too rather than nginx's default "nobody".
    # As another user nginx cannot switch users, so no line at all.
    [ "$(id -u)" = 0 ] && user="user root root;"
    [[ $PORT =~ ^[0-9]+$ ]] && ((PORT > 0 && PORT < 65536)) || die "bad CLEARPOST_PORT: $PORT"
    mkdir -p "$VAR/nginx"
    sed -e "s|@PORT@|$PORT|g" -e "s|@VAR@|$VAR|g" -e "s|@ROOT@|$ROOT|g" \
        -e "s|@USER@|$user|g" "$ROOT/conf/nginx.conf.in" >"$VAR/nginx.conf.tmp"
    mv -f "$VAR/nginx.conf.tmp" "$VAR/nginx.conf"
}

# The master (pid file, or argv naming our nginx.conf) and every worker
# holding our error log open: workers outlive a SIGKILLed master and would
# keep the port.
nginx_stop() {
    local pid master=""
    local -a pids=()
    # A pid file naming some other process (pid reused after a crash) is
    # ignored: nginx_running checks the argv.
    nginx_running && master=$(pidfile_pid "$NGXPID")
    for pid in $master $(pids_with_args "$VAR/nginx.conf") \
        $(pids_with_open_file nginx "$VAR/log/nginx-error.log"); do
        alive "$pid" && pids+=("$pid")
    done
    if [ ${#pids[@]} -gt 0 ]; then
        say "stopping nginx"
        # shellcheck disable=SC2046
        terminate "$STOP_WAIT" $(printf '%s\n' "${pids[@]}" | sort -u)
    fi
    rm -f "$NGXPID"
}

port_free() {
    if (: <"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
        die "127.0.0.1:$PORT is already in use: set CLEARPOST_PORT"
    fi
}

nginx_start() {
    local i
    nginx_conf
    run_nginx -q -t || die "nginx -t rejected $VAR/nginx.conf"
    # Restart rather than reload: a reload keeps old workers around for a
    # while, and a fresh start is what a crash recovery needs anyway.
    nginx_stop >/dev/null
    port_free
    say "starting nginx on 127.0.0.1:$PORT"
    run_nginx || { show_log "$VAR/log/nginx-error.log"; die "nginx did not start"; }
    for ((i = 0; i < 50; i++)); do
        nginx_running && return 0
        sleep 0.1
    done
    show_log "$VAR/log/nginx-error.log"
    die "nginx did not start"
}

wait_healthy() {
    local url=http://127.0.0.1:$PORT/healthz i
    for ((i = 0; i < HEALTH_WAIT * 5; i++)); do
        if curl -fsS --max-time 2 -o /dev/null "$url" 2>/dev/null; then return 0; fi
        sleep 0.2
    done
    curl -sS --max-time 2 -i "$url" >&2 || true
    for p in "${PROGRAMS[@]}"; do show_log "$VAR/log/$p.log" 10; done
    show_log "$VAR/log/nginx-error.log" 10
    die "$url did not answer"
}

# ---------------------------------------------------------------- commands

# deps [--test]: with --test also what the browser tests need (Debian's
# Chromium; playwright-core never downloads a browser of its own).
cmd_deps() {
    local missing=() p want=("${DEPS[@]}")
    [ "${1:-}" = --test ] && want+=("${TEST_DEPS[@]}")
    for p in "${want[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' && continue
        # NodeSource's nodejs package bundles npm and conflicts with Debian's
        # npm package: a working npm command is enough.
        [ "$p" = npm ] && command -v npm >/dev/null && continue
        missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

cmd_start() {
    local p
    absolute_var
    mkdir -p "$VAR/run" "$VAR/log" "$VAR/nginx"
    chmod 700 "$VAR/run"
    # Fail fast on a taken port, unless it is our own nginx (restarted
    # below). Workers left by a killed master of ours go first: they still
    # hold the port.
    if ! nginx_running; then
        nginx_stop >/dev/null
        port_free
    fi
    make_secrets
    demo_password
    db_start
    db_setup
    write_hdf
    [ -x "$ROOT/bin/clearpost" ] || die "$ROOT/bin/clearpost is missing: run make first"
    cli migrate || die "bin/clearpost migrate failed"
    db_grants
    seed_users
    seed_demo
    for p in "${PROGRAMS[@]}"; do fcgi_start_one "$p"; done
    nginx_start
    wait_healthy
    publisher_start
    cat <<EOF

Clearpost is running: http://127.0.0.1:$PORT/
Public Atom feed of published posts: http://127.0.0.1:$PORT/feed.atom
Social media policy (public copy): http://127.0.0.1:$PORT/policy/public/what-we-post

Demo logins (password: $DEMO_PASSWORD, stored in $VAR/demo-password):
  alice   author
  rita    privacy reviewer
  adam    administrator

Logs in $VAR/log/. Stop with: src/stack/stack.sh stop
EOF
}

cmd_stop() {
    local p
    absolute_var
    publisher_stop
    nginx_stop
    for p in "${PROGRAMS[@]}"; do fcgi_stop_one "$p"; done
    db_stop
}

cmd_status() {
    local p state
    absolute_var
    show() { printf '%-10s %s\n' "$1" "$2"; }
    if db_running; then show mariadb "running (pid $(pidfile_pid "$DBPID"), $SOCK)"; else show mariadb stopped; fi
    for p in "${PROGRAMS[@]}"; do
        if pidfile_alive "$VAR/run/$p.pid" "$(fcgi_sock "$p")"; then
            state="running (pid $(pidfile_pid "$VAR/run/$p.pid"), $(fcgi_sock "$p"))"
        else
            state=stopped
        fi
        show "$p" "$state"
    done
    if nginx_running; then
        show nginx "running (pid $(pidfile_pid "$NGXPID"), $(grep -o 'listen [^;]*' "$VAR/nginx.conf" | head -n1))"
    else
        show nginx stopped
    fi
}

cmd_run() {
    local dead="" p
    cmd_deps
    make -C "$ROOT" all
    cmd_start
    trap 'echo; cmd_stop; exit 0' INT TERM
    echo "Press Ctrl-C to stop."
    while :; do
        # A background sleep + wait lets the trap run at once on a signal.
        sleep 2 &
        wait $! || true
        for p in mariadb "${PROGRAMS[@]}" nginx; do
            case $p in
                mariadb) db_running && continue ;;
                nginx) nginx_running && continue ;;
                *) pidfile_alive "$VAR/run/$p.pid" "$(fcgi_sock "$p")" && continue ;;
            esac
            case " $dead " in *" $p "*) continue ;; esac
            dead+=" $p"
            say "note: $p is no longer running (see $VAR/log/)"
        done
    done
}

case ${1:-} in
    deps) cmd_deps "${2:-}" ;;
    start) cmd_start ;;
    stop) cmd_stop ;;
    run) cmd_run ;;
    status) cmd_status ;;
    db-start) absolute_var; mkdir -p "$VAR"; db_start ;;
    db-stop) absolute_var; db_stop ;;
    publisher-start) absolute_var; publisher_start ;;
    publisher-stop) absolute_var; publisher_stop ;;
    *)
        echo "usage: $0 deps|start|stop|run|status|db-start|db-stop" >&2
        exit 2
        ;;
esac
