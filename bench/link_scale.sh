#!/usr/bin/env bash
# Linking cost as the corpus grows: ingests N and 10*N synthetic stories
# (bench/gen_corpus.py, three articles each, all about ONE company) into fresh
# databases and prints the time of each and their ratio. Candidates come from a
# ranked inverted index with a postings budget and a cap of K per claim, so 10x
# the articles should cost at most 12x the time (pick N so the small run takes
# at least 5 s).   usage: bench/link_scale.sh [N=700]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-700}
cargo build --release --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for k in "$n" $((n * 10)); do
  python3 bench/gen_corpus.py "$tmp/c$k" "$k" 7 --one-org >/dev/null
  secs=$(python3 -c 'import subprocess,sys,time; t=time.time(); subprocess.run(sys.argv[1:], check=True, stderr=open(sys.argv[-1] + ".log", "w")); print(f"{time.time()-t:.3f}")' \
    ./target/release/claimtrace --db "$tmp/c$k.db" ingest "$tmp/c$k")
  echo "stories=$k articles=$((k * 3)) seconds=$secs | $(tail -n1 "$tmp/c$k.log")"
  echo "$secs" > "$tmp/t$k"
done
python3 -c 'import sys; a, b = float(open(sys.argv[1]).read()), float(open(sys.argv[2]).read()); print(f"time ratio for 10x the articles: {b / a:.1f}x")' "$tmp/t$n" "$tmp/t$((n * 10))"
