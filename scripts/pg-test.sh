#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and measurements: initdb in a
# temporary directory, a server on a loopback port, trust authentication
# for the local user, nothing kept afterwards.
#
#   scripts/pg-test.sh run CMD [ARG...]   start, run CMD with SITREP_TEST_POSTGRES
#                                         set to the cluster's URL, stop (always)
#   scripts/pg-test.sh start DIR          start a cluster in DIR (created), print its URL
#   scripts/pg-test.sh stop DIR           stop it and remove DIR
#
# PostgreSQL refuses to run as root: as root the server runs as the system
# user PGTEST_USER (default: postgres when it exists, else nobody), which
# owns DIR. PGTEST_DURABLE=1 keeps fsync and synchronous commit on (for
# measurements); by default they are off, as a cluster that lives for one
# test run does not need to survive a power cut.
set -euo pipefail
shopt -s inherit_errexit

die() { echo "pg-test: $*" >&2; exit 1; }

bindir() {
	if command -v initdb >/dev/null; then
		dirname "$(readlink -f "$(command -v initdb)")"
		return 0 # a bare return, in the EXIT trap after a failed command, returns that failure
	fi
	# Debian keeps the server's programs out of PATH.
	local d
	d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
	[ -n "$d" ] && [ -x "$d/initdb" ] || die "initdb not found: install PostgreSQL (Debian: apt-get install postgresql)"
	echo "$d"
}

# as USER CMD...: run CMD as the cluster's owner.
as() {
	if [ "$(id -u)" -ne 0 ]; then
		"$@"
	else
		runuser -u "$OWNER" -- "$@"
	fi
}

owner() {
	if [ "$(id -u)" -ne 0 ]; then
		id -un
	elif [ -n "${PGTEST_USER:-}" ]; then
		echo "$PGTEST_USER"
	elif id postgres >/dev/null 2>&1; then
		echo postgres
	else
		echo nobody
	fi
}

start() {
	local dir=$1
	BIN=$(bindir)
	OWNER=$(owner)
	mkdir -p "$dir"
	chmod 700 "$dir"
	[ "$(id -u)" -ne 0 ] || chown "$OWNER" "$dir"
	as "$BIN/initdb" -D "$dir/data" -U sitrep -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; die "initdb failed"; }
	local durable="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
	[ "${PGTEST_DURABLE:-0}" = 1 ] && durable=""
	local port tries=0
	while :; do
		port=$((20000 + RANDOM % 20000))
		# shellcheck disable=SC2086
		if as "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
			-o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c max_connections=200 -c shared_buffers=256MB $durable" >/dev/null; then
			break
		fi
		tries=$((tries + 1))
		[ $tries -lt 5 ] || { tail -20 "$dir/server.log" >&2; die "the server did not start"; }
	done
	echo "$port" >"$dir/port"
	as "$BIN/psql" -q -h 127.0.0.1 -p "$port" -U sitrep -d postgres -c "CREATE DATABASE sitrep" >/dev/null
	echo "postgres://sitrep@127.0.0.1:$port/sitrep?sslmode=disable"
}

stop() {
	local dir=$1
	[ -d "$dir/data" ] || return 0
	BIN=$(bindir)
	OWNER=$(stat -c %U "$dir/data")
	local pid
	pid=$(head -1 "$dir/data/postmaster.pid" 2>/dev/null || true)
	if ! (cd / && as "$BIN/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1) && [ -n "$pid" ]; then
		# pg_ctl could not: SIGQUIT is the server's own immediate shutdown.
		kill -QUIT "$pid" 2>/dev/null || true
	fi
	# The postmaster may take a moment to exit after its pid file is gone.
	for _ in $(seq 20); do
		[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || break
		sleep 0.5
	done
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		echo "pg-test: the server in $dir (pid $pid) did not stop; $dir kept" >&2
		return 0
	fi
	rm -rf "$dir"
}

case "${1:-}" in
start)
	[ $# -eq 2 ] || die "usage: $0 start DIR"
	start "$2"
	;;
stop)
	[ $# -eq 2 ] || die "usage: $0 stop DIR"
	stop "$2"
	;;
run)
	shift
	[ $# -ge 1 ] || die "usage: $0 run CMD [ARG...]"
	DIR=$(mktemp -d -t sitrep-pg.XXXXXX)
	trap 'stop "$DIR"' EXIT
	trap 'exit 130' INT TERM
	URL=$(start "$DIR")
	echo "pg-test: PostgreSQL at $URL" >&2
	SITREP_TEST_POSTGRES=$URL "$@"
	;;
*)
	die "usage: $0 run CMD [ARG...] | start DIR | stop DIR"
	;;
esac
