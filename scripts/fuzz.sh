#!/bin/bash
# fuzz.sh [FUZZTIME [FUZZMIN]]: runs every fuzz target of the module, one
# after the other, for FUZZTIME each (default 20s; new inputs minimised for
# at most FUZZMIN, default 10x), and prints how many inputs each executed. A failing input is saved under the package's
# testdata/fuzz/TARGET/ by go test, which then fails; the script goes on
# with the other targets and exits non-zero at the end.
set -uo pipefail
fuzztime=${1:-20s}
fuzzmin=${2:-10x}
cd "$(dirname "$0")/.."
status=0
for pkg in $(go list ./...); do
	for target in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz'); do
		out=$(go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" -fuzzminimizetime "$fuzzmin" "$pkg" 2>&1)
		if [ $? -ne 0 ]; then
			echo "$out"
			status=1
		fi
		execs=$(grep -o 'execs: [0-9]*' <<<"$out" | tail -1 | cut -d' ' -f2)
		printf '%-34s %-22s %10s inputs in %s\n' "${pkg#sitrep/}" "$target" "${execs:-?}" "$fuzztime"
	done
done
exit $status
