#!/usr/bin/env python3
"""Score `claimtrace extract` against PolNeAR attribution annotations.

Usage:
    python3 eval/polnear_eval.py PATH_TO_POLNEAR [--split dev|train|both]
        [--bin target/release/claimtrace] [--predictions DIR_OR_FILE]
        [--limit N] [--json]

PATH_TO_POLNEAR is the folder holding MANIFEST.tsv and the dev/ and train/
folders (e.g. ../shared/data/polnear). Standard library only.

See eval/README.md for the matching rules. In short:

* gold = every BRAT event (E line) with a Content role (Content2 is merged into
  the content); offsets are character offsets;
* predictions = `claimtrace extract --format jsonl` objects, whose offsets are
  UTF-8 byte offsets and are converted to character offsets here;
* tokens are maximal `\\w+` runs; a token belongs to a span when it lies fully
  inside it; a prediction's content tokens exclude tokens inside its own speaker
  and cue spans;
* one-to-one greedy matching on token Dice >= 0.5.
"""

from __future__ import annotations

import argparse
import bisect
import glob
import json
import os
import re
import subprocess
import sys
import time
from collections import defaultdict

TOKEN_RE = re.compile(r"\w+")
DICE_THRESHOLD = 0.5

STOPWORDS = frozenset(
    """
    a an the and or but nor of to in on at by for with from as into onto upon
    about over under after before than then that this these those there here
    is are was were be been being am has have had do does did will would shall
    should can could may might must not no yes so too very just also only
    he she it they we i you me him her them us my his its their our your
    who whom whose which what when where why how all any both each few more
    most other some such own same s t said says say told according
    mr mrs ms dr
    """.split()
)

# Irregular cue verbs: surface form -> lemma (regular ones are handled by rules).
IRREGULAR_LEMMAS = {
    "said": "say", "says": "say", "saying": "say",
    "told": "tell", "tells": "tell", "telling": "tell",
    "thought": "think", "wrote": "write", "written": "write", "writes": "write",
    "spoke": "speak", "spoken": "speak", "knew": "know", "known": "know",
    "felt": "feel", "meant": "mean", "heard": "hear", "made": "make",
    "took": "take", "taken": "take", "gave": "give", "given": "give",
    "saw": "see", "seen": "see", "found": "find", "held": "hold",
    "kept": "keep", "put": "put", "led": "lead", "read": "read",
    "sought": "seek", "taught": "teach", "brought": "bring", "got": "get",
    "gotten": "get", "went": "go", "gone": "go", "came": "come",
    "began": "begin", "begun": "begin", "became": "become", "swore": "swear",
    "sworn": "swear", "forbade": "forbid", "foresaw": "foresee",
    "is": "be", "are": "be", "was": "be", "were": "be", "been": "be",
    "has": "have", "had": "have", "does": "do", "did": "do", "done": "do",
}

# Quote-mark characters used to decide whether a gold content is "direct".
DOUBLE_OPEN = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201d"}
DOUBLE_CLOSE = {"\u201d", "\u00bb"}
SINGLE_OPEN = "\u2018"
SINGLE_CLOSE = "\u2019"
SINGLE_QUOTES = False  # set by --single-quotes


def warn(msg: str) -> None:
    print(f"warning: {msg}", file=sys.stderr)


# --------------------------------------------------------------------------
# Data loading
# --------------------------------------------------------------------------


class Article:
    __slots__ = (
        "split", "stem", "text_path", "ann_path", "text", "raw", "tokens",
        "tok_starts", "byte2char", "quoted", "gold", "preds",
    )

    def __init__(self, split, stem, text_path, ann_path):
        self.split = split
        self.stem = stem
        self.text_path = text_path
        self.ann_path = ann_path
        self.raw = b""
        self.text = ""
        self.tokens = []
        self.tok_starts = []
        self.byte2char = None
        self.quoted = None
        self.gold = []
        self.preds = []

    def load(self):
        with open(self.text_path, "rb") as fh:
            self.raw = fh.read()
        self.text = self.raw.decode("utf-8")
        self.tokens = [(m.start(), m.end()) for m in TOKEN_RE.finditer(self.text)]
        self.tok_starts = [s for s, _ in self.tokens]
        self.quoted = quoted_mask(self.text, SINGLE_QUOTES)
        self.gold = parse_ann(self.ann_path, self)

    # ---- offsets -------------------------------------------------------
    def b2c(self, b, is_end=False):
        """Convert a UTF-8 byte offset to a character offset.

        Offsets inside a multi-byte character are moved to its start (start
        offsets) or past its end (end offsets). Out-of-range offsets are
        clamped."""
        if self.byte2char is None:
            table = []
            for i, ch in enumerate(self.text):
                n = len(ch.encode("utf-8"))
                table.extend([i] * n)
            table.append(len(self.text))
            self.byte2char = table
        n = len(self.raw)
        if b < 0:
            b = 0
        if b > n:
            b = n
        c = self.byte2char[b]
        if is_end and b < n and b > 0 and self.byte2char[b - 1] == c:
            # b falls inside a multi-byte char: round up
            c += 1
        return c

    # ---- tokens --------------------------------------------------------
    def tokens_in(self, ranges):
        """Indices of tokens lying fully inside any of the [s,e) char ranges."""
        out = set()
        toks = self.tokens
        for s, e in ranges:
            if e <= s:
                continue
            i = bisect.bisect_left(self.tok_starts, s)
            while i < len(toks) and toks[i][0] < e:
                if toks[i][1] <= e:
                    out.add(i)
                i += 1
        return out


class Gold:
    __slots__ = ("eid", "content", "source", "cue", "tokens", "direct",
                 "source_text", "cue_text", "content_text")

    def __init__(self, eid, content, source, cue, art):
        self.eid = eid
        self.content = content  # list of (s,e) char ranges
        self.source = source  # list of ranges (maybe empty)
        self.cue = cue  # list of ranges (maybe empty)
        self.tokens = art.tokens_in(content)
        self.content_text = " ".join(art.text[s:e] for s, e in content)
        self.source_text = " ".join(art.text[s:e] for s, e in source)
        self.cue_text = " ".join(art.text[s:e] for s, e in cue)
        self.direct = is_mostly_quoted(art, content)


class Pred:
    __slots__ = ("kind", "content", "speaker", "cue", "speaker_text",
                 "cue_text", "tokens", "direct", "raw")

    def __init__(self, obj, art):
        self.raw = obj
        kind = str(obj.get("kind") or "").lower()
        self.kind = kind
        self.direct = kind == "direct"
        s = _int(obj.get("start"))
        e = _int(obj.get("end"))
        if s is None or e is None:
            raise ValueError("prediction without integer start/end")
        self.content = (art.b2c(s), art.b2c(e, True))
        self.speaker = _span(obj, "speaker_start", "speaker_end", art)
        self.cue = _span(obj, "cue_start", "cue_end", art)
        self.speaker_text = _text(obj.get("speaker"))
        self.cue_text = _text(obj.get("cue"))
        if self.cue is not None and not self.cue_text:
            self.cue_text = art.text[self.cue[0]:self.cue[1]]
        toks = art.tokens_in([self.content])
        if self.speaker is not None:
            toks -= art.tokens_in([self.speaker])
        if self.cue is not None:
            toks -= art.tokens_in([self.cue])
        self.tokens = toks


def _int(v):
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return v
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return None


def _text(v):
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, dict):  # e.g. {"text": ...}
        return _text(v.get("text") or v.get("name"))
    return str(v)


def _span(obj, ks, ke, art):
    s, e = _int(obj.get(ks)), _int(obj.get(ke))
    if s is None or e is None or e <= s:
        return None
    return (art.b2c(s), art.b2c(e, True))


T_LINE = re.compile(r"^(T\d+)\t(\S+) ([0-9 ;]+)(\t|$)")
E_LINE = re.compile(r"^(E\d+)\t(.*)$")


def parse_ann(path, art):
    spans = {}
    events = []
    with open(path, encoding="utf-8", newline="") as fh:
        for line in fh.read().split("\n"):
            m = T_LINE.match(line)
            if m:
                ranges = []
                for part in m.group(3).split(";"):
                    a, b = part.split()
                    ranges.append((int(a), int(b)))
                spans[m.group(1)] = (m.group(2), ranges)
                continue
            m = E_LINE.match(line)
            if m:
                roles = defaultdict(list)
                for arg in m.group(2).split():
                    if ":" not in arg:
                        continue
                    role, tid = arg.split(":", 1)
                    roles[role].append(tid)
                events.append((m.group(1), roles))
    gold = []
    for eid, roles in events:
        content_ids = [t for r, ids in roles.items() if r.startswith("Content")
                       for t in ids]
        if not content_ids:
            continue

        def ranges(ids):
            out = []
            for t in ids:
                if t in spans:
                    out.extend(spans[t][1])
                else:
                    warn(f"{path}: {eid} refers to unknown span {t}")
            return sorted(out)

        content = ranges(content_ids)
        source = ranges([t for r, ids in roles.items() if r.startswith("Source")
                         for t in ids])
        cue_ids = [t for r, ids in roles.items() if r.startswith("Cue") for t in ids]
        if not cue_ids:  # fall back to the trigger, which repeats the cue
            cue_ids = [t for r, ids in roles.items()
                       if r.startswith("Attribution") for t in ids]
        cue = ranges(cue_ids)
        gold.append(Gold(eid, content, source, cue, art))
    return gold


def quoted_mask(text, single_quotes=False):
    """Per character: 1 when strictly between a pair of quotation marks.

    A simple left-to-right scan, reset at every line break: an unclosed
    quote (or a quote continued over paragraphs, where the next paragraph
    repeats the opening mark) runs to the end of its line. The marks
    themselves are not quoted text. Double marks: “ ” « » „ and the straight
    " (which toggles). With single_quotes=True, ‘ ’ and ' also count, but only
    at word edges so apostrophes (Clinton’s, don't) are not taken as quotes
    and an unmatched closing mark (voters’) is ignored.

    Double marks only is the default because it reproduces the data README's
    direct counts (dev 475 vs 476, train 4008 vs 4014); adding single marks
    gives 550 / 5041."""
    n = len(text)
    mask = bytearray(n)
    dbl_open = -1  # index of the opening double mark, -1 if none
    sgl_open = -1

    def fill(a, b):
        for k in range(a, b):
            mask[k] = 1

    def is_word(ch):
        return ch.isalnum() or ch == "_"

    for i, ch in enumerate(text):
        if ch == "\n":
            if dbl_open >= 0:
                fill(dbl_open + 1, i)
            if sgl_open >= 0:
                fill(sgl_open + 1, i)
            dbl_open = sgl_open = -1
            continue
        if ch in DOUBLE_OPEN:
            if dbl_open < 0:
                dbl_open = i
        elif ch in DOUBLE_CLOSE or ch == '"':
            if dbl_open >= 0:
                fill(dbl_open + 1, i)
                dbl_open = -1
            elif ch == '"':
                dbl_open = i
        elif single_quotes and ch in (SINGLE_OPEN, SINGLE_CLOSE, "'"):
            prev = text[i - 1] if i > 0 else " "
            nxt = text[i + 1] if i + 1 < n else " "
            if sgl_open < 0:
                if ch != SINGLE_CLOSE and not is_word(prev) and not nxt.isspace():
                    sgl_open = i
            elif ch != SINGLE_OPEN and not is_word(nxt) and not prev.isspace():
                fill(sgl_open + 1, i)
                sgl_open = -1
    for start in (dbl_open, sgl_open):
        if start >= 0:
            fill(start + 1, n)
    return mask


def is_mostly_quoted(art, ranges):
    total = inside = 0
    for s, e in ranges:
        for k in range(s, min(e, len(art.text))):
            if not art.text[k].isspace():
                total += 1
                inside += art.quoted[k]
    return total > 0 and inside * 2 >= total


# --------------------------------------------------------------------------
# Articles and predictions
# --------------------------------------------------------------------------


def load_articles(root, splits, limit):
    manifest = os.path.join(root, "MANIFEST.tsv")
    rows = []
    if os.path.exists(manifest):
        with open(manifest, encoding="utf-8", newline="") as fh:
            header = fh.readline().rstrip("\n").split("\t")
            for line in fh:
                line = line.rstrip("\n")
                if not line:
                    continue
                rec = dict(zip(header, line.split("\t")))
                if rec.get("split") in splits:
                    rows.append((rec["split"], rec["stem"], rec.get("annotator", "")))
    else:
        warn(f"{manifest} not found; listing text folders instead")
        for sp in splits:
            for p in sorted(glob.glob(os.path.join(root, sp, "text", "*.txt"))):
                rows.append((sp, os.path.basename(p)[:-4], ""))
    # keep manifest order, but dev before train for --split both
    order = {s: i for i, s in enumerate(splits)}
    rows.sort(key=lambda r: order[r[0]])
    if limit is not None:
        rows = rows[:limit]
    arts = []
    for sp, stem, annot in rows:
        tp = os.path.join(root, sp, "text", stem + ".txt")
        ap = os.path.join(root, sp, "attributions", f"{stem}_{annot}.ann")
        if not annot or not os.path.exists(ap):
            cands = sorted(glob.glob(os.path.join(root, sp, "attributions",
                                                  glob.escape(stem) + "_*.ann")))
            if not cands:
                warn(f"no .ann for {sp}/{stem}; skipped")
                continue
            ap = cands[0]  # first annotator in byte-wise order, as upstream rule
        a = Article(sp, stem, tp, ap)
        a.load()
        arts.append(a)
    return arts


def parse_jsonl(text, where):
    objs = []
    bad = 0
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            o = json.loads(line)
        except json.JSONDecodeError:
            bad += 1
            continue
        if isinstance(o, dict):
            objs.append(o)
        elif isinstance(o, list):
            objs.extend(x for x in o if isinstance(x, dict))
        else:
            bad += 1
    if bad:
        warn(f"{where}: {bad} line(s) were not JSON objects; skipped")
    return merge_groups(objs)


def merge_groups(objs):
    """Claims of one attribution (same path and "group") are scored as one span:
    the propositions of a quote of several sentences make one gold item."""
    out = []
    first = {}
    for o in objs:
        g = o.get("group")
        if g is None or not isinstance(o.get("start"), int) or not isinstance(o.get("end"), int):
            out.append(o)
            continue
        key = (o.get("path"), g)
        if key not in first:
            first[key] = dict(o)
            out.append(first[key])
            continue
        m = first[key]
        m["start"] = min(m["start"], o["start"])
        m["end"] = max(m["end"], o["end"])
        m["text"] = f"{m.get('text', '')} {o.get('text', '')}".strip()
    return out


class Resolver:
    """Maps a prediction's "path" to an article."""

    def __init__(self, arts):
        self.by_path = {}
        self.by_real = {}
        self.by_stem = defaultdict(list)
        for a in arts:
            self.by_path[a.text_path] = a
            self.by_real[os.path.realpath(a.text_path)] = a
            self.by_stem[a.stem].append(a)

    def get(self, path):
        if path in self.by_path:
            return self.by_path[path]
        real = os.path.realpath(path)
        if real in self.by_real:
            return self.by_real[real]
        stem = os.path.basename(path)
        if stem.endswith(".txt"):
            stem = stem[:-4]
        elif stem.endswith(".jsonl"):
            stem = stem[:-6]
        cands = self.by_stem.get(stem, [])
        if len(cands) == 1:
            return cands[0]
        if len(cands) > 1:  # same stem in two splits: use the folder name
            for a in cands:
                if f"{os.sep}{a.split}{os.sep}" in real:
                    return a
        return None


def attach(objs, resolver, default_art=None, where=""):
    unknown = defaultdict(int)
    bad = 0
    for o in objs:
        art = None
        if "path" in o and o["path"] is not None:
            art = resolver.get(str(o["path"]))
            if art is None:
                unknown[str(o["path"])] += 1
                continue
        else:
            art = default_art
            if art is None:
                unknown["<no path>"] += 1
                continue
        try:
            art.preds.append(Pred(o, art))
        except (ValueError, TypeError) as exc:
            bad += 1
            if bad <= 3:
                warn(f"{where}: bad prediction {o!r:.200}: {exc}")
    if bad:
        warn(f"{where}: {bad} malformed prediction(s) skipped")
    if unknown:
        n = sum(unknown.values())
        ex = ", ".join(list(unknown)[:3])
        warn(f"{where}: {n} prediction(s) for files outside the evaluated set "
             f"ignored (e.g. {ex})")


def load_prediction_dir(pred, arts):
    resolver = Resolver(arts)
    if os.path.isdir(pred):
        files = sorted(glob.glob(os.path.join(pred, "**", "*.jsonl"), recursive=True))
        files += sorted(glob.glob(os.path.join(pred, "**", "*.json"), recursive=True))
        if not files:
            warn(f"no *.jsonl files in {pred}")
    else:
        files = [pred]
    for f in files:
        with open(f, encoding="utf-8") as fh:
            objs = parse_jsonl(fh.read(), f)
        # objects without "path" belong to the article named like the file
        default = resolver.get(f) if os.path.isdir(pred) else None
        attach(objs, resolver, default, f)


def run_binary(binpath, arts, timeout=None):
    """Run `BIN extract --format jsonl` once over all files; returns runtime.

    Falls back to one process per file when the output objects carry no
    "path" field."""
    resolver = Resolver(arts)
    paths = [a.text_path for a in arts]
    cmd = [binpath, "extract", "--format", "jsonl"] + paths
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, timeout=timeout)
    runtime = time.perf_counter() - t0
    report_proc(proc, "extract (all files)")
    objs = parse_jsonl(proc.stdout.decode("utf-8", "replace"), "extract output")
    mode = "one process"
    if objs and any("path" not in o for o in objs):
        warn("extract output has no \"path\" field; running the binary once per file")
        mode = "one process per file"
        runtime = 0.0
        for a in arts:
            t0 = time.perf_counter()
            p = subprocess.run([binpath, "extract", "--format", "jsonl", a.text_path],
                               capture_output=True, timeout=timeout)
            runtime += time.perf_counter() - t0
            report_proc(p, f"extract {a.stem}")
            objs1 = parse_jsonl(p.stdout.decode("utf-8", "replace"), a.stem)
            for o in objs1:
                o.pop("path", None)
            attach(objs1, resolver, a, a.stem)
    else:
        attach(objs, resolver, None, "extract output")
    return runtime, mode


def report_proc(proc, what):
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        warn(f"{what} exited with status {proc.returncode}")
        for line in err[-10:]:
            print(f"  | {line}", file=sys.stderr)


# --------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------


def dice(a, b):
    if not a or not b:
        return 0.0
    return 2.0 * len(a & b) / (len(a) + len(b))


def match_article(art):
    """Greedy one-to-one matching; returns list of (gold_idx, pred_idx, dice)."""
    index = defaultdict(list)
    for gi, g in enumerate(art.gold):
        for t in g.tokens:
            index[t].append(gi)
    pairs = []
    for pi, p in enumerate(art.preds):
        cands = set()
        for t in p.tokens:
            cands.update(index.get(t, ()))
        for gi in cands:
            d = dice(art.gold[gi].tokens, p.tokens)
            if d >= DICE_THRESHOLD:
                pairs.append((-d, gi, pi))
    pairs.sort()
    used_g, used_p, out = set(), set(), []
    for nd, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi, -nd))
    return out


def overlaps(span, ranges):
    s, e = span
    return any(s < re_ and rs < e for rs, re_ in ranges)


def content_words(text):
    return {w for w in (m.group(0).lower() for m in TOKEN_RE.finditer(text))
            if w not in STOPWORDS}


def is_attributed(g, p):
    if not g.source:
        # implicit source: right when the prediction names no speaker either
        return p.speaker is None and not p.speaker_text.strip()
    if p.speaker is not None:
        return overlaps(p.speaker, g.source)
    return bool(content_words(p.speaker_text) & content_words(g.source_text))


def lemma(word):
    w = word.lower()
    if w in IRREGULAR_LEMMAS:
        return IRREGULAR_LEMMAS[w]
    for suf, rep in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ed", ""),
                     ("es", ""), ("s", "")):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            w = w[: len(w) - len(suf)] + rep
            break
    if w.endswith("e") and len(w) > 3:  # announce/announced -> announc
        w = w[:-1]
    return w


def norm_words(text):
    return [m.group(0).lower() for m in TOKEN_RE.finditer(text)]


def cue_correct(g, p):
    if not g.cue:
        return p.cue is None and not p.cue_text.strip()
    if p.cue is not None and overlaps(p.cue, g.cue):
        return True
    pw, gw = norm_words(p.cue_text), norm_words(g.cue_text)
    if not pw:
        return False
    if pw == gw:
        return True
    return [lemma(w) for w in pw] == [lemma(w) for w in gw]


def prf(tp_p, n_pred, tp_r, n_gold):
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}


def score(arts):
    groups = ("all", "direct", "indirect")
    c = {k: defaultdict(int) for k in groups}
    per_article = []
    for art in arts:
        matches = match_article(art)
        for g in art.gold:
            for k in ("all", "direct" if g.direct else "indirect"):
                c[k]["gold"] += 1
        for p in art.preds:
            for k in ("all", "direct" if p.direct else "indirect"):
                c[k]["pred"] += 1
        for gi, pi, d in matches:
            g, p = art.gold[gi], art.preds[pi]
            att = is_attributed(g, p)
            ex = g.tokens == p.tokens
            cue = cue_correct(g, p)
            # recall side keyed by gold kind, precision side by predicted kind
            for k in ("all", "direct" if g.direct else "indirect"):
                c[k]["matched_gold"] += 1
                c[k]["attributed_gold"] += att
                c[k]["exact_gold"] += ex
                c[k]["cue_correct"] += cue
                c[k]["dice_sum"] += d
            for k in ("all", "direct" if p.direct else "indirect"):
                c[k]["matched_pred"] += 1
                c[k]["attributed_pred"] += att
                c[k]["exact_pred"] += ex
        per_article.append({"article": f"{art.split}/{art.stem}",
                            "gold": len(art.gold), "predicted": len(art.preds),
                            "matched": len(matches)})
    res = {}
    for k in groups:
        x = c[k]
        m = x["matched_gold"]
        res[k] = {
            "gold": x["gold"],
            "predicted": x["pred"],
            "matched": m,
            "matched_by_pred_kind": x["matched_pred"],
            "content": prf(x["matched_pred"], x["pred"], m, x["gold"]),
            "attributed": prf(x["attributed_pred"], x["pred"],
                              x["attributed_gold"], x["gold"]),
            "exact": prf(x["exact_pred"], x["pred"], x["exact_gold"], x["gold"]),
            "cue_accuracy": (x["cue_correct"] / m) if m else 0.0,
            "cue_correct": x["cue_correct"],
            "mean_dice_of_matches": (x["dice_sum"] / m) if m else 0.0,
        }
    return res, per_article


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------


def write_misses(arts, path):
    """Write the errors for reading: MISS (gold not found), FALSE (prediction
    matching no gold) and SOURCE (matched, source wrong), one block each."""
    def clip(t, n=300):
        t = " ".join(t.split())
        return t if len(t) <= n else t[:n] + "..."
    with open(path, "w", encoding="utf-8") as fh:
        for art in arts:
            matches = match_article(art)
            mg = {gi: pi for gi, pi, _ in matches}
            mp = {pi for _, pi, _ in matches}
            for gi, g in enumerate(art.gold):
                if gi not in mg:
                    kind = "direct" if g.direct else "indirect"
                    fh.write(f"MISS\t{art.stem}\t{kind}\tcue={g.cue_text!r}\t"
                             f"source={g.source_text!r}\n    {clip(g.content_text)}\n")
                else:
                    p = art.preds[mg[gi]]
                    if not is_attributed(g, p):
                        fh.write(f"SOURCE\t{art.stem}\tgold={g.source_text!r}\t"
                                 f"pred={p.speaker_text!r}\tcue={p.cue_text!r}\n"
                                 f"    {clip(g.content_text)}\n")
            for pi, p in enumerate(art.preds):
                if pi not in mp:
                    t = art.text[p.content[0]:p.content[1]]
                    fh.write(f"FALSE\t{art.stem}\t{p.kind}\tcue={p.cue_text!r}\t"
                             f"speaker={p.speaker_text!r}\n    {clip(t)}\n")


def print_report(res, meta):
    print(f"PolNeAR attribution eval — split {meta['split']}, "
          f"{meta['articles']} articles, source: {meta['source']}")
    if meta.get("runtime_s") is not None:
        print(f"extract runtime: {meta['runtime_s']:.3f} s ({meta['mode']})")
    print()
    print(f"{'':10} {'gold':>6} {'pred':>6} {'matched':>8}   (matched counted by "
          "gold kind / by predicted kind)")
    for k in ("all", "direct", "indirect"):
        r = res[k]
        print(f"{k:10} {r['gold']:>6} {r['predicted']:>6} {r['matched']:>8} / "
              f"{r['matched_by_pred_kind']}")
    print()
    print("(precision by predicted kind: direct vs indirect+mixed; "
          "recall and cue accuracy by gold kind)")
    print(f"{'metric':14} {'group':9} {'P':>7} {'R':>7} {'F1':>7}")
    for metric, label in (("content", "content"), ("attributed", "attributed"),
                          ("exact", "exact")):
        for k in ("all", "direct", "indirect"):
            m = res[k][metric]
            print(f"{label:14} {k:9} {m['precision']:7.3f} {m['recall']:7.3f} "
                  f"{m['f1']:7.3f}")
    print()
    for k in ("all", "direct", "indirect"):
        r = res[k]
        print(f"cue accuracy   {k:9} {r['cue_accuracy']:7.3f} "
              f"({r['cue_correct']}/{r['matched']})")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("polnear", help="folder with MANIFEST.tsv, dev/ and train/")
    ap.add_argument("--split", choices=("dev", "train", "both"), default="dev")
    ap.add_argument("--bin", default="target/release/claimtrace",
                    help="claimtrace binary (default: %(default)s)")
    ap.add_argument("--predictions", metavar="DIR",
                    help="score existing JSONL predictions instead of running the "
                         "binary: a folder of *.jsonl files (objects with a "
                         "\"path\" field, or one <stem>.jsonl per article) or a "
                         "single JSONL file with \"path\" fields")
    ap.add_argument("--limit", type=int, help="only the first N articles")
    ap.add_argument("--json", action="store_true", help="print figures as JSON")
    ap.add_argument("--per-article", action="store_true",
                    help="with --json, include per-article counts")
    ap.add_argument("--timeout", type=float, default=None,
                    help="timeout for the extract process in seconds")
    ap.add_argument("--misses", metavar="FILE",
                    help="write every missed gold item, every unmatched "
                         "prediction and every matched item with a wrong "
                         "source to FILE, for reading")
    ap.add_argument("--single-quotes", action="store_true",
                    help="also treat ‘ ’ ' as quotation marks when deciding "
                         "direct vs indirect gold (default: double marks only)")
    args = ap.parse_args(argv)
    global SINGLE_QUOTES
    SINGLE_QUOTES = args.single_quotes

    splits = ["dev", "train"] if args.split == "both" else [args.split]
    arts = load_articles(args.polnear, splits, args.limit)
    if not arts:
        print("error: no articles found", file=sys.stderr)
        return 2
    meta = {"split": args.split, "articles": len(arts), "runtime_s": None,
            "mode": None}
    if args.predictions:
        meta["source"] = args.predictions
        load_prediction_dir(args.predictions, arts)
    else:
        if not os.path.exists(args.bin):
            print(f"error: binary {args.bin} not found (use --predictions)",
                  file=sys.stderr)
            return 2
        meta["source"] = args.bin
        try:
            meta["runtime_s"], meta["mode"] = run_binary(args.bin, arts, args.timeout)
        except subprocess.TimeoutExpired:
            print("error: extract timed out", file=sys.stderr)
            return 2
    res, per_article = score(arts)
    if args.misses:
        write_misses(arts, args.misses)
    if args.json:
        out = dict(meta)
        out.update(res)
        if args.per_article:
            out["per_article"] = per_article
        print(json.dumps(out, indent=2))
    else:
        print_report(res, meta)
    return 0


if __name__ == "__main__":
    sys.exit(main())
