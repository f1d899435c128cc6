#!/usr/bin/env bash
# Measures queued ingest with 1, 2, … workers against one PostgreSQL:
#   scripts/bench-workers.sh URL INPUT.jsonl[.gz] N...
# For each N: a fresh schema, 'ingest --queue' of INPUT (timed), then N
# 'sitrep worker --until-empty' processes started together (timed until the
# last exits). Prints one line per N. Run it on a durable cluster, e.g.
#   PGTEST_DURABLE=1 scripts/pg-test.sh start /tmp/pgb   (prints URL)
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 3 ] || { echo "usage: $0 URL INPUT N..." >&2; exit 2; }
URL=$1 IN=$2
shift 2
BIN=${SITREP:-bin/sitrep}
[ -x "$BIN" ] || go build -o "$BIN" ./cmd/sitrep
sep='?'
case $URL in *\?*) sep='&' ;; esac
for n in "$@"; do
	schema="bench_w$n"
	psql -X -q "$URL" -c "DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema" 2>/dev/null
	u="$URL${sep}search_path=$schema"
	t0=$(date +%s.%N)
	"$BIN" --data "$u" ingest --queue "$IN" 2>/tmp/bench-ingest-$n.log
	t1=$(date +%s.%N)
	pids=()
	for i in $(seq 1 "$n"); do
		"$BIN" --data "$u" worker --until-empty --name "w$i" 2>/tmp/bench-worker-$n-$i.log &
		pids+=($!)
	done
	for p in "${pids[@]}"; do wait "$p"; done
	t2=$(date +%s.%N)
	docs=$(psql -X -At "$URL" -c "SELECT COUNT(*) FROM $schema.derived")
	awk -v n="$n" -v d="$docs" -v a="$t0" -v b="$t1" -v c="$t2" -v l="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
		printf "workers %d: %d documents; enqueue %.1f s (%.0f/s); extraction %.1f s (%.0f/s); load average before: %s\n",
			n, d, b-a, d/(b-a), c-b, d/(c-b), l }'
	grep -h "^worker:" /tmp/bench-worker-$n-*.log | sed 's/^/  /'
done
