#!/usr/bin/env bash
# make eval: score sitrep against the evaluation sets in ../shared (seeds,
# news, GTD, MUC-4, TimeBank, LGL), which are read in place and never copied
# into this repository. Every set runs through
# the batch mode of the built binary (the path users take), then through the
# shared scorers; each set prints its scorer's one-line summary. A set that is
# absent is skipped with a message. Predictions stay in $EVAL_OUT (default: a
# temporary directory) for a closer look, e.g. score.py --verbose.
set -euo pipefail
cd "$(dirname "$0")/.."
S=${SHARED:-../shared}
BIN=${SITREP:-bin/sitrep}
OUT=${EVAL_OUT:-$(mktemp -d -t sitrep-eval.XXXXXX)}
mkdir -p "$OUT"
if [ ! -d "$S" ]; then echo "eval: $S is absent; nothing to score"; exit 0; fi
command -v python3 >/dev/null || { echo "eval: python3 is needed for the scorers"; exit 1; }
[ -x "$BIN" ] || go build -o "$BIN" ./cmd/sitrep

# batch NAME CMD DOCS.jsonl: predictions into $OUT/NAME. Some lines may fail
# (exit 3); the log keeps the summary and the scorer still runs.
batch() {
  mkdir -p "$OUT/$1"
  if ! "$BIN" "$2" --format json --out "$OUT/$1" "$3" 2>"$OUT/$1.log"; then
    echo "$1: sitrep reported failures: $(grep '^sitrep '"$2"':' "$OUT/$1.log" || tail -1 "$OUT/$1.log")"
  fi
}
score()   { python3 "$S/tools/score.py" "$1" "$2" | tail -1; }
mention() { python3 "$S/tools/score_mentions.py" "$1" "$2" --byte-offsets | tail -1; }

# (a) the seed articles: the manifest gives each one's date, title and outlet.
if [ -f "$S/corpus/seeds/manifest.jsonl" ] && [ -d "$S/gold" ]; then
  python3 - "$S/corpus/seeds" >"$OUT/seeds.jsonl" <<'PY'
import json, os, sys
d = sys.argv[1]
for l in open(os.path.join(d, "manifest.jsonl"), encoding="utf-8"):
    m = json.loads(l)
    with open(os.path.join(d, m["file"]), encoding="utf-8", errors="surrogateescape") as f:
        t = f.read()
    print(json.dumps({"id": m["file"][:-4], "text": t, "published": m.get("published"),
                      "title": m.get("title"), "source": m.get("source")}))
PY
  batch seeds extract "$OUT/seeds.jsonl"
  echo "seeds:          $(score "$S/gold" "$OUT/seeds")"
else
  echo "seeds:          skipped ($S/corpus/seeds/manifest.jsonl or $S/gold absent)"
fi

# (b, c, d) the news, GTD and MUC-4 event sets, the news thirds and the GTD
# regional subsets.
for set in news gtd muc4; do
  if [ ! -f "$S/evaldata/$set/docs.jsonl" ]; then echo "$set: skipped ($S/evaldata/$set absent)"; continue; fi
  batch "$set" extract "$S/evaldata/$set/docs.jsonl"
  printf '%-15s %s\n' "$set:" "$(score "$S/evaldata/$set/gold" "$OUT/$set")"
done
if [ -d "$OUT/news" ]; then
  for third in sa af ww; do
    d="$OUT/news-$third"; rm -rf "$d"; mkdir -p "$d"
    for f in "$S/evaldata/news/gold/$third"*.json; do ln -s "$(cd "$(dirname "$f")" && pwd)/$(basename "$f")" "$d/"; done
    printf '%-15s %s\n' "news/$third:" "$(score "$d" "$OUT/news")"
  done
fi
if [ -f "$S/evaldata/gtd/subsets.json" ] && [ -d "$OUT/gtd" ]; then
  for sub in pakistan south_asia; do
    d="$OUT/gtd-$sub"; rm -rf "$d"; mkdir -p "$d"
    python3 - "$S/evaldata/gtd" "$d" "$sub" <<'PY'
import json, os, sys
s, d, sub = sys.argv[1:]
for i in json.load(open(os.path.join(s, "subsets.json")))[sub]:
    os.symlink(os.path.abspath(os.path.join(s, "gold", i + ".json")), os.path.join(d, i + ".json"))
PY
    printf '%-15s %s\n' "gtd/$sub:" "$(score "$d" "$OUT/gtd")"
  done
fi

# TimeBank dates and LGL toponyms, through annotate (byte offsets).
for set in timex geo; do
  if [ ! -f "$S/evaldata/$set/docs.jsonl" ]; then echo "$set: skipped ($S/evaldata/$set absent)"; continue; fi
  batch "$set" annotate "$S/evaldata/$set/docs.jsonl"
  printf '%-15s %s\n' "$set:" "$(mention "$S/evaldata/$set" "$OUT/$set")"
done
echo "predictions and logs in $OUT"
