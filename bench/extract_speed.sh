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
python3 - "$BIN" "$BYTES" "${FILES[@]}" <<'PY'
import subprocess, sys, time
bin_, nbytes, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
best = None
for _ in range(3):
    t = time.perf_counter()
    subprocess.run(["taskset", "-c", "0", bin_, "extract", "--format", "jsonl", *files], stdout=subprocess.DEVNULL, check=True)
    t = time.perf_counter() - t
    best = t if best is None else min(best, t)
print(f"files: {len(files)}  bytes: {nbytes}")
print(f"best of 3: {best:.3f} s  {nbytes / 1e6 / best:.2f} MB/s")
PY
