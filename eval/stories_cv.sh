#!/usr/bin/env bash
# Cross-validated story-timeline figures for the relation engine's weights.
#
#   eval/stories_cv.sh STORIES_DIR [BIN] [FOLDS] [BACKGROUND_DIR]
#
# `claimtrace calibrate --folds-dir` fits the rule weights once per fold, without
# that fold's stories; each fold's stories are then scored by the stories scorer
# (STORIES_DIR/score.py) with the weights that never saw them, and the counts of
# all folds are added up. Prints the per-fold scorer lines and the totals:
#   cv links-R=.. links-P=.. verdict-acc=.. (links found/gold, right/made, verdicts right/gold)
# Needs python3. STORIES_DIR is the development set, e.g. ../shared/data/stories;
# BACKGROUND_DIR a folder of real news calibration learns non-links from, e.g.
# ../shared/data/polnear/train/text (as the built-in weights were fitted).
set -euo pipefail
dir=${1:?usage: eval/stories_cv.sh STORIES_DIR [BIN] [FOLDS] [BACKGROUND_DIR]}
bin=${2:-target/release/claimtrace}
folds=${3:-4}
background=${4:-}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bg_args=()
if [ -n "$background" ]; then bg_args=(--background "$background"); fi
"$bin" calibrate --stories "$dir" --folds "$folds" --folds-dir "$tmp/folds" "${bg_args[@]}" > "$tmp/calibrate.txt"
for rules in "$tmp"/folds/fold-*.toml; do
    i=$(basename "$rules" .toml)
    stories=$(tr -d '\n' < "$tmp/folds/$i.stories")
    wrapper="$tmp/$i.sh"
    printf '#!/bin/sh\nexec "%s" --rules "%s" "$@"\n' "$bin" "$rules" > "$wrapper"
    chmod +x "$wrapper"
    python3 "$dir/score.py" --scenarios "$dir" --bin "$wrapper" --stories "$stories" \
        --json "$tmp/$i.json" | tail -1 | sed "s/^/$i: /"
done
python3 - "$tmp" <<'PY'
import glob, json, sys
t = dict(lg=0, tp=0, pd=0, vg=0, vo=0)
for f in glob.glob(sys.argv[1] + "/fold-*.json"):
    for r in json.load(open(f)):
        if "gold_error" in r:
            continue
        t["lg"] += r["links_gold"]; t["tp"] += r["links_tp"]
        t["pd"] += r["links_tp"] + r["links_fp"]
        t["vg"] += r["verd_gold"]; t["vo"] += r["verd_ok"]
ratio = lambda a, b: "%.2f" % (a / b) if b else "-"
print("cv links-R=%s links-P=%s verdict-acc=%s (links %d/%d found, %d/%d right when made, verdicts %d/%d)" % (
    ratio(t["tp"], t["lg"]), ratio(t["tp"], t["pd"]), ratio(t["vo"], t["vg"]),
    t["tp"], t["lg"], t["tp"], t["pd"], t["vo"], t["vg"]))
PY
