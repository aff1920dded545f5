#!/usr/bin/env bash
# Crash safety of ingest: kills it with SIGKILL at random moments and checks
# that the database is never damaged and never holds half an article.
#
#   bench/crash_test.sh [STORIES=200] [KILLS=20] [SEED=1]
#
# Generates STORIES*3 articles (bench/gen_corpus.py), ingests them once into a
# clean database (the reference), then KILLS times: starts ingest into a crash
# database, kills it with SIGKILL after a random delay, and checks that
# `PRAGMA integrity_check` is ok and that every stored article has exactly the
# claims it has in the reference. Finally ingest runs to completion and the
# totals (articles, claims, links, verdicts) must equal the reference's. When
# the kills let ingest finish, its totals are checked the same way and a new
# series starts on a new database.
# Uses target/debug/claimtrace unless $CLAIMTRACE_BIN is set.
set -euo pipefail
cd "$(dirname "$0")/.."
stories=${1:-200}
kills=${2:-20}
RANDOM=${3:-1}
bin=${CLAIMTRACE_BIN:-target/debug/claimtrace}
[ -x "$bin" ] || CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1} cargo build --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 bench/gen_corpus.py "$tmp/corpus" "$stories" >/dev/null
n_files=$(find "$tmp/corpus" -type f | wc -l)

per_article() { # path,claims for every stored article, sorted
  "$bin" --db "$1" sql "SELECT a.path, count(c.id) AS claims FROM articles a LEFT JOIN claims c ON c.article_id = a.id GROUP BY a.id ORDER BY a.path" --format csv
}
totals() {
  "$bin" --db "$1" sql "SELECT (SELECT count(*) FROM articles) || ' articles, ' || (SELECT count(*) FROM claims) || ' claims, ' || (SELECT count(*) FROM links) || ' links, ' || (SELECT count(*) FROM verdicts) || ' verdicts' AS t" --format csv | tail -n 1
}

start=$(date +%s.%N)
"$bin" --db "$tmp/clean.db" ingest "$tmp/corpus" 2>/dev/null
clean_secs=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$start" "$(date +%s.%N)")
per_article "$tmp/clean.db" > "$tmp/clean.csv"
want=$(totals "$tmp/clean.db")
echo "reference: $n_files files, $want, ingested in ${clean_secs}s"

bad=0
stored=0
series=1
mid=0
max_ms=$(python3 -c "print(max(50, int(float('$clean_secs') * 1000)))")
for k in $(seq 1 "$kills"); do
  if [ "$stored" -eq "$n_files" ]; then
    # The kills so far let ingest finish: check its totals, then start a new series
    # on a new database so that the next kills land in the middle of the work again.
    got=$(totals "$tmp/crash.db")
    echo "series $series complete: $got"
    [ "$got" = "$want" ] || bad=$((bad + 1))
    rm -f "$tmp"/crash.db*
    series=$((series + 1))
    stored=0
  fi
  before=$stored
  delay_ms=$(( RANDOM % max_ms ))
  "$bin" --db "$tmp/crash.db" ingest "$tmp/corpus" 2>/dev/null &
  pid=$!
  sleep "$(python3 -c "print($delay_ms / 1000)")"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  # Killed before the schema's first commit: the file holds nothing yet, and the next ingest creates it.
  if ! "$bin" --db "$tmp/crash.db" sql "SELECT 1" >/dev/null 2>&1; then
    tables=$(python3 -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from sqlite_master').fetchone()[0])" "$tmp/crash.db" 2>&1 || true)
    echo "kill $k after ${delay_ms} ms: killed before the schema was committed (tables in the file: $tables)"
    [ "$tables" = "0" ] || bad=$((bad + 1))
    continue
  fi
  integrity=$("$bin" --db "$tmp/crash.db" sql "PRAGMA integrity_check" --format csv | tail -n 1)
  per_article "$tmp/crash.db" > "$tmp/crash.csv"
  stored=$(($(wc -l < "$tmp/crash.csv") - 1))
  # Every stored article must have its reference claim count (no half-stored article).
  mismatched=$(python3 - "$tmp/clean.csv" "$tmp/crash.csv" <<'PY'
import csv, sys
ref = {r["path"]: r["claims"] for r in csv.DictReader(open(sys.argv[1]))}
got = list(csv.DictReader(open(sys.argv[2])))
print(sum(1 for r in got if ref.get(r["path"]) != r["claims"]))
PY
)
  if [ "$stored" -lt "$n_files" ] && [ "$stored" -gt "$before" ]; then mid=$((mid + 1)); fi
  echo "kill $k after ${delay_ms} ms: integrity_check=$integrity, $stored articles stored, $mismatched with a claim count unlike the reference"
  if [ "$integrity" != "ok" ] || [ "$mismatched" != "0" ]; then bad=$((bad + 1)); fi
done

"$bin" --db "$tmp/crash.db" ingest "$tmp/corpus" 2>/dev/null
got=$(totals "$tmp/crash.db")
integrity=$("$bin" --db "$tmp/crash.db" sql "PRAGMA integrity_check" --format csv | tail -n 1)
echo "after the kills, ingest to completion: $got (integrity_check=$integrity)"
if [ "$got" != "$want" ] || [ "$integrity" != "ok" ]; then bad=$((bad + 1)); fi
if [ "$bad" -eq 0 ]; then
  echo "PASS: $kills kills in $series series ($mid in the middle of storing articles), every check ok, totals equal the clean run's"
else
  echo "FAIL: $bad checks failed"
  exit 1
fi
