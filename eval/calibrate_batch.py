#!/usr/bin/env python3
"""Calibrate the [batch] thresholds and weights of `claimtrace check --batch`.

How the values get into rules/default.toml
------------------------------------------
The script searches the numeric settings of the `[batch]` section (coordinate
ascent over a small grid per setting, several passes) to maximise the macro-F1
of the four stances on the FNC-1 development pairs. Every candidate is scored
by running the real binary:

    BIN --rules TMP.toml check --batch PAIRS.jsonl

where TMP.toml is `extends = "builtin"` plus a complete `[batch]` table, so
nothing is re-implemented here. With `--write` the values found on ALL pairs
are written into the `[batch]` section of rules/default.toml in place: each
`key = value` line is rewritten, comments are kept, and keys the file lacks
are appended at the end of the section. The built-in rule set is compiled into
the binary (include_str!), so rebuild after writing.

Cross-validation by claim
-------------------------
`--folds K` (default 5) splits the pairs by headline exactly like
`fnc1_eval.py --folds K --fold I` (zlib.crc32 of the UTF-8 headline mod K), so
all pairs of a claim are in one fold. For each fold I the settings are
calibrated on the other folds' pairs only and then the binary is run on fold
I's pairs alone (its IDF sees only those bodies, as `fnc1_eval.py --fold I`
would). The held-out predictions of all folds are pooled and reported
(confusion matrix, per-class F1, macro-F1, FNC score); that is the
cross-validated figure. `--folds 0` skips cross-validation.

Usage:
    python3 eval/calibrate_batch.py ../shared/data/fnc1 \
        --bin target/release/claimtrace [--folds 5] [--passes 2] \
        [--write rules/default.toml] [--json]

Standard library only. Reads only the FNC-1 training split.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fnc1_eval as fe  # noqa: E402

LABELS = fe.LABELS

# Search grid per setting. The first pass starts from the values in the rule
# file given by --start (default: the repository's rules/default.toml), or from
# the serde defaults with `--start defaults` (use that for an honest
# cross-validation once default.toml holds values calibrated on all pairs).
GRID = {
    "related_threshold": [0.14, 0.18, 0.2, 0.22, 0.24, 0.26, 0.28, 0.3, 0.32, 0.34, 0.36],
    "best_sentence_weight": [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0],
    "top_sentences": [1, 2, 3, 4, 5, 6, 8],
    "refute_threshold": [0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0],
    "refute_near_weight": [0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0],
    "refute_density_weight": [0.0, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0],
    "denial_claim_refute_factor": [0.0, 0.25, 0.5, 0.75, 1.0],
    "hedged_claim_refute_factor": [0.0, 0.25, 0.5, 0.75, 1.0],
    "negation_weight": [0.0, 0.1, 0.25, 0.5, 0.75, 1.0],
    "negation_window": [1, 2, 3, 4, 6, 8],
    "negation_density_weight": [0.0, 0.1, 0.25, 0.5, 1.0],
    "hedge_threshold": [0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0],
    "hedge_near_weight": [0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0],
    "hedge_density_weight": [0.0, 0.25, 0.5, 1.0, 2.0, 4.0],
    "support_near_weight": [0.0, 0.25, 0.5, 0.75, 1.0, 1.5],
    "claim_hedge_weight": [0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0],
    "denial_claim_hedge_weight": [0.0, 0.5, 1.0, 1.5, 2.0, 3.0],
    "negated_claim_hedge_weight": [0.0, 0.5, 1.0, 1.5, 2.0, 3.0],
    "support_coverage": [0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7],
}
INTS = {"top_sentences", "negation_window"}
# The serde defaults of BatchSettings (src/rules.rs), for keys the file lacks.
DEFAULTS = {
    "related_threshold": 0.22, "best_sentence_weight": 0.7, "top_sentences": 3,
    "refute_threshold": 1.0, "refute_near_weight": 1.0, "refute_density_weight": 0.0,
    "denial_claim_refute_factor": 1.0, "negation_weight": 0.5, "negation_window": 4,
    "negation_density_weight": 0.0, "hedge_threshold": 1.0, "hedge_near_weight": 1.0,
    "hedge_density_weight": 0.0, "support_near_weight": 0.0, "claim_hedge_weight": 0.0,
    "support_coverage": 0.45, "hedged_claim_refute_factor": 1.0,
    "denial_claim_hedge_weight": 0.0, "negated_claim_hedge_weight": 0.0,
}


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def fmt(v):
    return str(int(v)) if isinstance(v, int) else repr(float(v))


def read_batch(path):
    """The key = value pairs of the [batch] section of a rule file."""
    vals, inside = {}, False
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            s = line.strip()
            if s.startswith("["):
                inside = s == "[batch]"
                continue
            m = re.match(r"^([A-Za-z_]+)\s*=\s*([-0-9.eE+]+)\s*(#.*)?$", s)
            if inside and m and m.group(1) in GRID:
                k = m.group(1)
                vals[k] = int(m.group(2)) if k in INTS else float(m.group(2))
    return vals


def write_batch(path, vals):
    """Rewrites the [batch] values of `path` in place, keeping comments."""
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    out, inside, seen, end = [], False, set(), None
    for line in lines:
        s = line.strip()
        if s.startswith("["):
            if inside and end is None:
                end = len(out)
            inside = s == "[batch]"
        m = re.match(r"^([A-Za-z_]+)\s*=", s)
        if inside and m and m.group(1) in vals:
            k = m.group(1)
            line = f"{k} = {fmt(vals[k])}"
            seen.add(k)
        out.append(line)
    if end is None:
        end = len(out)
        while end > 0 and out[end - 1].strip() == "":
            end -= 1
    extra = [f"{k} = {fmt(v)}" for k, v in vals.items() if k not in seen]
    out[end:end] = extra
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(out))


class Runner:
    """Runs the binary on a fixed set of pairs; caches by settings."""

    def __init__(self, binpath, pairs, tmpdir):
        self.bin = binpath
        self.pairs = pairs
        self.gold = {p["id"]: p["gold"] for p in pairs}
        self.cache = {}
        self.tmpdir = tmpdir
        fd, self.pairs_path = tempfile.mkstemp(dir=tmpdir, suffix=".jsonl")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for p in pairs:
                fh.write(json.dumps({"id": p["id"], "claim": p["claim"],
                                     "evidence": p["evidence"]},
                                    ensure_ascii=False) + "\n")
        self.rules_path = os.path.join(tmpdir, f"rules_{id(self)}.toml")

    def predict(self, vals):
        key = tuple(sorted(vals.items()))
        if key in self.cache:
            return self.cache[key]
        with open(self.rules_path, "w", encoding="utf-8") as fh:
            fh.write('extends = "builtin"\n\n[batch]\n')
            for k, v in vals.items():
                fh.write(f"{k} = {fmt(v)}\n")
        r = subprocess.run([self.bin, "--rules", self.rules_path, "check",
                            "--batch", self.pairs_path],
                           capture_output=True, text=True)
        if r.returncode not in (0, 1):
            sys.exit(f"binary failed ({r.returncode}): {r.stderr[-2000:]}")
        preds = {}
        for line in r.stdout.splitlines():
            o = json.loads(line)
            preds[str(o["id"])] = (o["stance"], o.get("rule"))
        self.cache[key] = preds
        return preds


def scores(gold, preds):
    """Confusion, per-class P/R/F1, macro-F1 and FNC relative score."""
    conf = {g: Counter() for g in LABELS}
    for pid, g in gold.items():
        p = preds.get(pid, ("unrelated", None))[0]
        conf[g][p] += 1
    per = {}
    for c in LABELS:
        tp = conf[c][c]
        pred = sum(conf[g][c] for g in LABELS)
        gl = sum(conf[c].values())
        pr = tp / pred if pred else 0.0
        rc = tp / gl if gl else 0.0
        per[c] = {"p": pr, "r": rc, "f1": 2 * pr * rc / (pr + rc) if pr + rc else 0.0}
    macro = sum(per[c]["f1"] for c in LABELS) / 4
    fnc = mx = 0.0
    for g in LABELS:
        for p in LABELS:
            n = conf[g][p]
            rel_g, rel_p = g != "unrelated", p != "unrelated"
            mx += n * (1.0 if rel_g else 0.25)
            if rel_g == rel_p:
                fnc += 0.25 * n
                if rel_g and g == p:
                    fnc += 0.75 * n
    return {"confusion": {g: dict(conf[g]) for g in LABELS}, "per_class": per,
            "macro_f1": macro, "fnc": fnc / mx if mx else 0.0}


def calibrate(runner, start, passes, label):
    vals = dict(start)
    best = scores(runner.gold, runner.predict(vals))["macro_f1"]
    log(f"[{label}] start macro-F1 {best:.4f}")
    for ps in range(passes):
        changed = False
        for k, grid in GRID.items():
            cands = sorted(set(grid) | {vals[k]})
            for v in cands:
                if v == vals[k]:
                    continue
                trial = dict(vals, **{k: v})
                m = scores(runner.gold, runner.predict(trial))["macro_f1"]
                if m > best + 1e-5:
                    best, vals, changed = m, trial, True
            log(f"[{label}] pass {ps + 1} {k} = {fmt(vals[k])}  macro-F1 {best:.4f}")
        if not changed:
            break
    return vals, best


def report(title, s):
    lines = [title, "confusion (rows gold, columns predicted):",
             "               " + "".join(f"{fe.SHORT[c]:>8}" for c in LABELS)]
    for g in LABELS:
        lines.append(f"{g:<15}" + "".join(f"{s['confusion'][g].get(c, 0):>8}" for c in LABELS))
    lines.append("class              P       R      F1")
    for c in LABELS:
        x = s["per_class"][c]
        lines.append(f"{c:<15}{x['p']:>8.3f}{x['r']:>8.3f}{x['f1']:>8.3f}")
    lines.append(f"macro-F1  {s['macro_f1']:.4f}   FNC relative score {s['fnc']:.4f}")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data")
    ap.add_argument("--bin", default="target/release/claimtrace")
    ap.add_argument("--start", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "rules", "default.toml"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--passes", type=int, default=2)
    ap.add_argument("--write", metavar="RULES_TOML",
                    help="write the values calibrated on all pairs into this file's [batch]")
    ap.add_argument("--no-full", action="store_true",
                    help="only cross-validate; skip the calibration on all pairs")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()

    start = dict(DEFAULTS)
    if a.start != "defaults":
        start.update(read_batch(a.start))
    pairs = fe.load_pairs(a.data)
    out = {"start": start}
    with tempfile.TemporaryDirectory(prefix="calib_") as tmp:
        if a.folds > 1:
            pooled = {}
            per_fold = []
            for i in range(a.folds):
                train = [p for p in pairs if fe.fold_of(p["claim"], a.folds) != i]
                test = [p for p in pairs if fe.fold_of(p["claim"], a.folds) == i]
                vals, m_in = calibrate(Runner(a.bin, train, tmp), start, a.passes,
                                       f"fold {i} train")
                tr = Runner(a.bin, test, tmp)
                preds = tr.predict(vals)
                s = scores(tr.gold, preds)
                log(f"[fold {i}] train macro-F1 {m_in:.4f}  held-out macro-F1 "
                    f"{s['macro_f1']:.4f}")
                per_fold.append({"fold": i, "settings": vals, "train_macro_f1": m_in,
                                 "heldout": s})
                pooled.update(preds)
            gold = {p["id"]: p["gold"] for p in pairs}
            cv = scores(gold, pooled)
            out["cv"] = {"folds": a.folds, "pooled": cv, "per_fold": per_fold}
            if not a.json:
                print(report(f"== cross-validated by claim ({a.folds} folds, pooled held-out "
                             "predictions) ==", cv))
                print("per-fold held-out macro-F1: " + ", ".join(
                    f"{f['heldout']['macro_f1']:.4f}" for f in per_fold))
                print()
        if not a.no_full:
            runner = Runner(a.bin, pairs, tmp)
            vals, _ = calibrate(runner, start, a.passes, "all pairs")
            s = scores(runner.gold, runner.predict(vals))
            out["full"] = {"settings": vals, "in_sample": s}
            if not a.json:
                print(report("== calibrated on all pairs (in-sample) ==", s))
                print("settings: " + ", ".join(f"{k}={fmt(v)}" for k, v in vals.items()))
            if a.write:
                write_batch(a.write, vals)
                log(f"wrote [batch] of {a.write}; rebuild the binary to use it")
    if a.json:
        print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
