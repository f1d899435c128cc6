#!/usr/bin/env bash
# Score sitrep against the evaluation sets in ../shared (never copied here).
# Each set is extracted in batch mode, then scored by the shared scorers.
set -uo pipefail
cd "$(dirname "$0")/.."
S=${SHARED:-../shared}
BIN=bin/sitrep
OUT=${EVAL_OUT:-$(mktemp -d)}
if [ ! -d "$S" ]; then echo "eval: $S is absent; nothing to score"; exit 0; fi
[ -x "$BIN" ] || go build -o "$BIN" ./cmd/sitrep

run() { # name cmd docs.jsonl
  mkdir -p "$OUT/$1"
  "$BIN" "$2" --format json --out "$OUT/$1" "$3" 2>"$OUT/$1.log" || echo "($1: see $OUT/$1.log)"
}

if [ -d "$S/corpus/seeds" ]; then
  python3 - "$S/corpus/seeds" >"$OUT/seeds.jsonl" <<'PY'
import json, os, sys
d = sys.argv[1]
for l in open(os.path.join(d, "manifest.jsonl"), encoding="utf-8"):
    m = json.loads(l)
    t = open(os.path.join(d, m["file"]), encoding="utf-8").read()
    print(json.dumps({"id": m["file"][:-4], "text": t, "published": m.get("published"), "title": m.get("title"), "source": m.get("source")}))
PY
  run seeds extract "$OUT/seeds.jsonl"
  echo "seeds:       $(python3 "$S/tools/score.py" "$S/gold" "$OUT/seeds" | tail -1)"
fi
for set in gtd muc4; do
  [ -f "$S/evaldata/$set/docs.jsonl" ] || { echo "$set: absent, skipped"; continue; }
  run "$set" extract "$S/evaldata/$set/docs.jsonl"
  echo "$set: $(python3 "$S/tools/score.py" "$S/evaldata/$set/gold" "$OUT/$set" | tail -1)"
done
if [ -f "$S/evaldata/gtd/subsets.json" ]; then
  for sub in pakistan south_asia; do
    d="$OUT/gtd-$sub"; mkdir -p "$d"
    python3 -c "import json,os,sys;[os.symlink(os.path.abspath(f'$S/evaldata/gtd/gold/{i}.json'),f'$d/{i}.json') for i in json.load(open('$S/evaldata/gtd/subsets.json'))['$sub']]"
    echo "gtd/$sub: $(python3 "$S/tools/score.py" "$d" "$OUT/gtd" | tail -1)"
  done
fi
for set in timex geo; do
  [ -f "$S/evaldata/$set/docs.jsonl" ] || { echo "$set: absent, skipped"; continue; }
  run "$set" annotate "$S/evaldata/$set/docs.jsonl"
  echo "$set: $(python3 "$S/tools/score_mentions.py" "$S/evaldata/$set" "$OUT/$set" --byte-offsets | tail -1)"
done
echo "predictions in $OUT"
