#!/usr/bin/env python3
"""Score `claimtrace check` stance decisions on the FNC-1 training split.

Usage:
    python3 eval/fnc1_eval.py PATH_TO_FNC1_DIR [--bin target/release/claimtrace]
        [--predictions FILE] [--folds K --fold I] [--json]

PATH_TO_FNC1_DIR holds train_stances.csv and train_bodies.csv (e.g.
../shared/data/fnc1). Standard library only.

Each row of train_stances.csv is one pair, id = str(row index) (0-based,
header excluded), claim = Headline, evidence = the body named by Body ID. The
pairs are written as JSONL to a temporary file and `BIN check --batch FILE` is
run once; its output lines are {"id","stance","score","rule"}.

--folds K --fold I keeps only the pairs whose headline falls in fold I of K
(zlib.crc32 of the UTF-8 headline, mod K), so every pair of a claim lands in
the same fold. --predictions FILE scores an existing JSONL output instead of
running the binary (ids outside the selected pairs are ignored). Ids missing
from the output count as `unrelated`, with a warning.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter, defaultdict

LABELS = ["supports", "contradicts", "discusses", "unrelated"]
FNC_TO_CT = {"agree": "supports", "disagree": "contradicts",
             "discuss": "discusses", "unrelated": "unrelated"}
SHORT = {"supports": "supp", "contradicts": "contr", "discusses": "disc",
         "unrelated": "unrel"}
# lenient aliases accepted in the output (FNC names, common synonyms)
ALIASES = dict(FNC_TO_CT)
ALIASES.update({l: l for l in LABELS})
ALIASES.update({"support": "supports", "supported": "supports",
                "contradict": "contradicts", "contradicted": "contradicts",
                "refutes": "contradicts", "discuss": "discusses",
                "neutral": "discusses"})


def warn(msg):
    print(f"warning: {msg}", file=sys.stderr)


def fold_of(headline: str, k: int) -> int:
    return zlib.crc32(headline.encode("utf-8")) % k


def load_pairs(root, folds=None, fold=None):
    bodies = {}
    with open(os.path.join(root, "train_bodies.csv"), encoding="utf-8",
              newline="") as fh:
        for row in csv.DictReader(fh):
            bodies[row["Body ID"]] = row["articleBody"]
    pairs = []
    with open(os.path.join(root, "train_stances.csv"), encoding="utf-8",
              newline="") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            stance = row["Stance"].strip()
            if stance not in FNC_TO_CT:
                warn(f"row {i}: unknown stance {stance!r}; skipped")
                continue
            if row["Body ID"] not in bodies:
                warn(f"row {i}: unknown Body ID {row['Body ID']!r}; skipped")
                continue
            if folds and fold_of(row["Headline"], folds) != fold:
                continue
            pairs.append({"id": str(i), "claim": row["Headline"],
                          "evidence": bodies[row["Body ID"]],
                          "gold": FNC_TO_CT[stance]})
    return pairs


def parse_output(text, where):
    preds = {}
    bad = dup = 0
    unknown_labels = Counter()
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            o = json.loads(line)
        except json.JSONDecodeError:
            bad += 1
            continue
        if not isinstance(o, dict) or "id" not in o:
            bad += 1
            continue
        pid = str(o["id"])
        raw = str(o.get("stance", "")).strip().lower()
        stance = ALIASES.get(raw)
        if stance is None:
            unknown_labels[raw] += 1
            stance = "unrelated"
        if pid in preds:
            dup += 1
        preds[pid] = {"stance": stance, "rule": o.get("rule"),
                      "score": o.get("score")}
    if bad:
        warn(f"{where}: {bad} line(s) not JSON objects with an id; skipped")
    if dup:
        warn(f"{where}: {dup} duplicate id(s); the last one wins")
    if unknown_labels:
        warn(f"{where}: unknown stance values counted as unrelated: "
             f"{dict(unknown_labels.most_common(5))}")
    return preds


def run_binary(binpath, pairs, timeout=None):
    fd, tmp = tempfile.mkstemp(prefix="fnc1_pairs_", suffix=".jsonl")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for p in pairs:
                fh.write(json.dumps({"id": p["id"], "claim": p["claim"],
                                     "evidence": p["evidence"]},
                                    ensure_ascii=False))
                fh.write("\n")
        t0 = time.perf_counter()
        proc = subprocess.run([binpath, "check", "--batch", tmp],
                              capture_output=True, timeout=timeout)
        runtime = time.perf_counter() - t0
    finally:
        os.unlink(tmp)
    if proc.returncode != 0:
        warn(f"check exited with status {proc.returncode}")
        for line in proc.stderr.decode("utf-8", "replace").strip().splitlines()[-10:]:
            print(f"  | {line}", file=sys.stderr)
    return parse_output(proc.stdout.decode("utf-8", "replace"), "check output"), runtime


def fnc_score(gold, pred):
    s = 0.0
    if (gold == "unrelated") == (pred == "unrelated"):
        s += 0.25
    if gold != "unrelated" and gold == pred:
        s += 0.75
    return s


def evaluate(pairs, preds):
    conf = {g: {p: 0 for p in LABELS} for g in LABELS}
    missing = 0
    score = best = 0.0
    rules = defaultdict(lambda: [0, 0])  # rule -> [count, correct]
    ids = set()
    for pair in pairs:
        ids.add(pair["id"])
        g = pair["gold"]
        pr = preds.get(pair["id"])
        if pr is None:
            missing += 1
            p, rule = "unrelated", "<missing>"
        else:
            p, rule = pr["stance"], pr["rule"]
        conf[g][p] += 1
        score += fnc_score(g, p)
        best += fnc_score(g, g)
        r = rules[f"{rule}" if rule is not None else "<none>"]
        r[0] += 1
        r[1] += g == p
    extra = sum(1 for k in preds if k not in ids)
    n = len(pairs)
    per_class = {}
    for c in LABELS:
        tp = conf[c][c]
        npred = sum(conf[g][c] for g in LABELS)
        ngold = sum(conf[c].values())
        pr_ = tp / npred if npred else 0.0
        rc = tp / ngold if ngold else 0.0
        f1 = 2 * pr_ * rc / (pr_ + rc) if pr_ + rc else 0.0
        per_class[c] = {"precision": pr_, "recall": rc, "f1": f1,
                        "gold": ngold, "predicted": npred}
    correct = sum(conf[c][c] for c in LABELS)
    rel_g = [g != "unrelated" for g in LABELS]
    related_acc = sum(conf[g][p] for gi, g in enumerate(LABELS)
                      for pj, p in enumerate(LABELS) if rel_g[gi] == rel_g[pj])
    return {
        "pairs": n,
        "missing": missing,
        "extra_ids_ignored": extra,
        "confusion": conf,
        "per_class": per_class,
        "macro_f1": sum(v["f1"] for v in per_class.values()) / len(LABELS),
        "accuracy": correct / n if n else 0.0,
        "related_unrelated_accuracy": related_acc / n if n else 0.0,
        "fnc_score": score,
        "fnc_max": best,
        "fnc_relative": score / best if best else 0.0,
        "rules": {k: {"count": v[0], "correct": v[1]}
                  for k, v in sorted(rules.items(), key=lambda kv: -kv[1][0])},
    }


def print_report(res, meta):
    title = "FNC-1 stance eval"
    if meta.get("folds"):
        title += f" — fold {meta['fold']} of {meta['folds']} (by headline)"
    print(f"{title}; {res['pairs']} pairs; source: {meta['source']}")
    if meta.get("runtime_s") is not None:
        rt = meta["runtime_s"]
        rate = res["pairs"] / rt if rt > 0 else float("inf")
        print(f"check runtime: {rt:.3f} s ({rate:.0f} pairs/s)")
    if res["missing"]:
        print(f"missing ids counted as unrelated: {res['missing']}")
    print()
    print("confusion (rows gold, columns predicted):")
    print(f"{'':12}" + "".join(f"{SHORT[p]:>8}" for p in LABELS) + f"{'total':>8}")
    for g in LABELS:
        row = res["confusion"][g]
        print(f"{g:12}" + "".join(f"{row[p]:>8}" for p in LABELS)
              + f"{sum(row.values()):>8}")
    print()
    print(f"{'class':12}{'P':>8}{'R':>8}{'F1':>8}{'gold':>8}{'pred':>8}")
    for c in LABELS:
        v = res["per_class"][c]
        print(f"{c:12}{v['precision']:8.3f}{v['recall']:8.3f}{v['f1']:8.3f}"
              f"{v['gold']:>8}{v['predicted']:>8}")
    print()
    print(f"macro-F1              {res['macro_f1']:.4f}")
    print(f"accuracy              {res['accuracy']:.4f}")
    print(f"related/unrelated acc {res['related_unrelated_accuracy']:.4f}")
    print(f"FNC-1 score           {res['fnc_score']:.2f} / {res['fnc_max']:.2f} "
          f"= {res['fnc_relative']:.4f}")
    if len(res["rules"]) > 1 or "<none>" not in res["rules"]:
        print()
        print("by rule (count, exact-label accuracy):")
        for k, v in list(res["rules"].items())[:20]:
            acc = v["correct"] / v["count"] if v["count"] else 0.0
            print(f"  {k[:40]:40} {v['count']:>7} {acc:7.3f}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("fnc1", help="folder with train_stances.csv and train_bodies.csv")
    ap.add_argument("--bin", default="target/release/claimtrace",
                    help="claimtrace binary (default: %(default)s)")
    ap.add_argument("--predictions", metavar="FILE",
                    help="score this JSONL output of `check --batch` instead of "
                         "running the binary")
    ap.add_argument("--folds", type=int, metavar="K")
    ap.add_argument("--fold", type=int, metavar="I")
    ap.add_argument("--json", action="store_true", help="print figures as JSON")
    ap.add_argument("--timeout", type=float, default=None,
                    help="timeout for the check process in seconds")
    args = ap.parse_args(argv)
    if (args.folds is None) != (args.fold is None):
        ap.error("--folds and --fold go together")
    if args.folds is not None and not (args.folds >= 1 and 0 <= args.fold < args.folds):
        ap.error("need K >= 1 and 0 <= I < K")

    pairs = load_pairs(args.fnc1, args.folds, args.fold)
    if not pairs:
        print("error: no pairs selected", file=sys.stderr)
        return 2
    meta = {"folds": args.folds, "fold": args.fold, "runtime_s": None}
    if args.predictions:
        meta["source"] = args.predictions
        with open(args.predictions, encoding="utf-8") as fh:
            preds = parse_output(fh.read(), args.predictions)
    else:
        if not os.path.exists(args.bin):
            print(f"error: binary {args.bin} not found (use --predictions)",
                  file=sys.stderr)
            return 2
        meta["source"] = args.bin
        try:
            preds, meta["runtime_s"] = run_binary(args.bin, pairs, args.timeout)
        except subprocess.TimeoutExpired:
            print("error: check timed out", file=sys.stderr)
            return 2
    res = evaluate(pairs, preds)
    if res["missing"]:
        warn(f"{res['missing']} of {res['pairs']} pair id(s) missing from the "
             f"output; counted as unrelated")
    if args.json:
        out = dict(meta)
        out.update(res)
        print(json.dumps(out, indent=2))
    else:
        print_report(res, meta)
    return 0


if __name__ == "__main__":
    sys.exit(main())
