#!/usr/bin/env bash
# Peak memory (RSS) of `extract` and `ingest` on a large JSONL dump, read from
# a file and from stdin. Both stream JSONL one line at a time, so the peak
# should not grow with the dump (target: under 300 MB).
#
# The dump is generated on the fly into a temporary folder (deleted at the
# end): bench/gen_corpus.py stories as JSONL lines, repeated with unique ids
# until EXTRACT_MB megabytes. Ingesting links every article, which is far
# slower than extracting, so ingest gets the first INGEST_MB megabytes.
#
# usage: bench/jsonl_rss.sh [EXTRACT_MB=1000] [INGEST_MB=100] [STORIES=3000]
set -euo pipefail
cd "$(dirname "$0")/.."
extract_mb=${1:-1000}
ingest_mb=${2:-100}
stories=${3:-3000}
cargo build --release --quiet
bin=$PWD/target/release/claimtrace
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 bench/gen_corpus.py "$tmp/stories" "$stories" >/dev/null
python3 - "$tmp/stories" "$tmp/big.jsonl" "$extract_mb" <<'EOF'
import json, os, sys
src, out, mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = []
for name in sorted(os.listdir(src)):
    head, _, text = open(os.path.join(src, name), encoding="utf-8").read().partition("\n\n")
    meta = {k.strip().lower(): v.strip() for k, v in (l.split(":", 1) for l in head.splitlines())}
    meta["text"] = text
    lines.append(json.dumps(meta, ensure_ascii=False)[1:])  # without the opening brace
target, size, k = mb * 1_000_000, 0, 0
with open(out, "w", encoding="utf-8") as f:
    while size < target:
        for rest in lines:
            line = '{"id":"%d",%s\n' % (k, rest)
            f.write(line)
            size += len(line.encode("utf-8"))
            k += 1
            if size >= target:
                break
print(f"dump: {size / 1e6:.0f} MB, {k} articles ({len(lines)} distinct texts)", file=sys.stderr)
EOF
head -c "${ingest_mb}000000" "$tmp/big.jsonl" | head -n -1 > "$tmp/small.jsonl"

# Runs a command (stdin from $1, or /dev/null with "-") and prints its peak RSS
# in MB and its wall time; the command's stdout is discarded.
peak() {
  local input=$1
  shift
  [ "$input" = - ] && input=/dev/null
  local start=$SECONDS
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%M" -o "$tmp/rss" "$@" <"$input" >/dev/null 2>"$tmp/err" || true
    kb=$(tail -n1 "$tmp/rss")
  else
    "$@" <"$input" >/dev/null 2>"$tmp/err" &
    local pid=$! kb=0 v
    while kill -0 "$pid" 2>/dev/null; do
      v=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
      [ -n "$v" ] && kb=$v
      sleep 0.2
    done
    wait "$pid" || true
  fi
  echo "peak RSS $((kb / 1024)) MB, $((SECONDS - start)) s | $(tail -n1 "$tmp/err")"
}

big=$(du -m "$tmp/big.jsonl" | cut -f1)
small=$(du -m "$tmp/small.jsonl" | cut -f1)
echo "extract FILE  (${big} MiB):  $(peak - "$bin" extract "$tmp/big.jsonl")"
echo "extract -     (${big} MiB):  $(peak "$tmp/big.jsonl" "$bin" extract -)"
echo "ingest FILE   (${small} MiB): $(peak - "$bin" --db "$tmp/a.db" ingest "$tmp/small.jsonl")"
echo "ingest -      (${small} MiB): $(peak "$tmp/small.jsonl" "$bin" --db "$tmp/b.db" ingest -)"
