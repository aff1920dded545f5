#!/usr/bin/env bash
# Times `claimtrace extract --format jsonl` over every PolNeAR train + dev text
# (924 files) in ONE process, single-threaded, and prints seconds and MB/s.
#
#   bench/extract_speed.sh [POLNEAR_DIR]      (default ../shared/data/polnear)
#
# Builds the release binary first. Honours CARGO_TARGET_DIR (default: target/).
# Requirement: under 1 second.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${1:-../shared/data/polnear}"
cargo build --release --quiet
BIN="${CARGO_TARGET_DIR:-target}/release/claimtrace"
mapfile -t FILES < <(ls "$DATA"/train/text/*.txt "$DATA"/dev/text/*.txt)
BYTES=$(cat "${FILES[@]}" | wc -c)
# Warm the page cache so the figure measures extraction, not the disk.
cat "${FILES[@]}" > /dev/null
best=""
for run in 1 2 3; do
    start=$(date +%s.%N)
    RAYON_NUM_THREADS=1 taskset -c 0 "$BIN" extract --format jsonl "${FILES[@]}" > /dev/null
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
done
printf 'files: %d  bytes: %d\n' "${#FILES[@]}" "$BYTES"
printf 'best of 3: %.3f s  %.2f MB/s\n' "$best" "$(echo "$BYTES / 1000000 / $best" | bc -l)"
