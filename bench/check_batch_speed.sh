#!/usr/bin/env bash
# Times `claimtrace check --batch` on the whole FNC-1 development split
# (49,972 claim/evidence pairs over 1,683 bodies), whole process, release build.
#
# Usage: bench/check_batch_speed.sh [FNC1_DIR] [RUNS]
#   FNC1_DIR defaults to ../shared/data/fnc1, RUNS (timed runs) to 3.
# Release build in $CARGO_TARGET_DIR (default target/). Budget: < 5 s.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${1:-../shared/data/fnc1}
RUNS=${2:-3}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
cargo build --release --quiet
BIN="$CARGO_TARGET_DIR/release/claimtrace"
PAIRS=$(mktemp --suffix=.jsonl)
OUT=$(mktemp)
trap 'rm -f "$PAIRS" "$OUT"' EXIT
python3 - "$DATA" "$PAIRS" <<'PY'
import csv, json, os, sys
root, dest = sys.argv[1], sys.argv[2]
with open(os.path.join(root, "train_bodies.csv"), encoding="utf-8", newline="") as fh:
    bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(fh)}
n = 0
with open(os.path.join(root, "train_stances.csv"), encoding="utf-8", newline="") as fh, \
        open(dest, "w", encoding="utf-8") as out:
    for i, r in enumerate(csv.DictReader(fh)):
        out.write(json.dumps({"id": str(i), "claim": r["Headline"],
                              "evidence": bodies[r["Body ID"]]}, ensure_ascii=False) + "\n")
        n += 1
print(f"{n} pairs, {len(bodies)} bodies -> {dest}", file=sys.stderr)
PY
best=""
for r in $(seq 1 "$RUNS"); do
    start=$(date +%s.%N)
    "$BIN" check --batch "$PAIRS" > "$OUT"
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc -l)
    printf 'run %d: %.3f s (%d answers)\n' "$r" "$t" "$(wc -l < "$OUT")"
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
done
printf 'best of %d: %.3f s (budget 5 s)\n' "$RUNS" "$best"
if [ "$(echo "$best < 5" | bc -l)" != 1 ]; then
    echo "over budget" >&2
    exit 1
fi
