#!/usr/bin/env python3
"""Derive src/lexicon/wordnet.txt from the WordNet 3.0 dict files.

Takes: the WordNet 3.0 dict folder (data.*, index.*, *.exc), by default
/usr/share/wordnet as Debian's package `wordnet-base` installs it.
Gives (stdout): a compact line-oriented text file that src/relate/wordnet.rs
embeds. Python 3 standard library only.

Regenerate (CI never needs this; the output is committed):

    apt-get install -y wordnet-base
    python3 tools/wordnet_gen.py /usr/share/wordnet > src/lexicon/wordnet.txt

What is kept (single-word lemmas only; adjective satellites count as "a"):
  * per lemma and part of speech its top senses in WordNet order (index.*
    lists senses with tag counts first): as many as have tag counts, at least
    one, at most MAX_SENSES;
  * the synsets those senses use plus their hypernyms up to four levels
    (instance hypernyms too), each with its depth from the root (longest
    path, so every ancestor is shallower) and its number of hyponyms below it
    (all levels, instances not counted), so the reader can refuse too-general
    concepts;
  * derivational links ("+") between top senses of two lemmas;
  * antonym pairs ("!") between the first ANTONYM_SENSES senses of two
    lemmas, for adjectives also from a satellite to the head opposite its head
    ("similar to"), and for derivations of both sides ("+" of an antonym);
  * morphological negations (un-, non-, in-/im-/il-/ir-, dis-, -less) where
    both the negative form and the base are lemmas (see negations());
  * suffix pairs common among derivational links ("ion" / "e"), so that the
    reader can relate words WordNet lacks;
  * the exception lists (noun.exc, verb.exc, adj.exc, adv.exc) whose base
    forms are kept lemmas.
"""

import os
import sys
from collections import defaultdict

MAX_SENSES = 3
ANTONYM_SENSES = 2
# Ancestors kept above each top sense (the reader's "kind of" test looks this far).
HYPERNYM_LEVELS = 4
# Suffix pairs seen in at least this many derivational links become rules for
# words WordNet lacks ("exfiltration" / "exfiltrate" by "creation" / "create").
SUFFIX_MIN_COUNT = 25
SUFFIX_MAX_LEN = 5
POS_FILES = (("noun", "n"), ("verb", "v"), ("adj", "a"), ("adv", "r"))

LICENSE = """\
WordNet Release 3.0 This software and database is being provided to you, the
LICENSEE, by Princeton University under the following license. By obtaining,
using and/or copying this software and database, you agree that you have
read, understood, and will comply with these terms and conditions.:
Permission to use, copy, modify and distribute this software and database and
its documentation for any purpose and without fee or royalty is hereby
granted, provided that you agree to comply with the following copyright notice
and statements, including the disclaimer, and that the same appear on ALL
copies of the software, database and documentation, including modifications
that you make for internal use or for distribution.
WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES
NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT
NOT LIMITATION, PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF
MERCHANT- ABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE
LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY
PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS.
The name of Princeton University or Princeton may not be used in advertising
or publicity pertaining to distribution of the software and/or database. Title
to copyright in this software, database and any associated documentation shall
at all times remain with Princeton University and LICENSEE agrees to preserve
same."""


def clean_word(w):
    """Lowercase a data-file word and drop an adjective marker like (a)."""
    i = w.find("(")
    if i > 0:
        w = w[:i]
    return w.lower()


def single(w):
    return "_" not in w and " " not in w


def read_data(folder):
    """Synsets keyed (pos, offset): words, pointers."""
    syn = {}
    for name, pos in POS_FILES:
        with open(os.path.join(folder, "data." + name), encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                body = line.split(" | ", 1)[0].split()
                off = int(body[0])
                w_cnt = int(body[3], 16)
                words = [clean_word(body[4 + 2 * i]) for i in range(w_cnt)]
                i = 4 + 2 * w_cnt
                p_cnt = int(body[i])
                i += 1
                ptrs = []
                for _ in range(p_cnt):
                    sym, toff, tpos, st = body[i : i + 4]
                    i += 4
                    tpos = "a" if tpos == "s" else tpos
                    ptrs.append((sym, (tpos, int(toff)), int(st[:2], 16), int(st[2:], 16)))
                syn[(pos, off)] = (words, ptrs)
    return syn


def read_index(folder):
    """(lemma, pos) -> (all senses in order, tagged sense count)."""
    idx = {}
    for name, pos in POS_FILES:
        with open(os.path.join(folder, "index." + name), encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                t = line.split()
                lemma = t[0].lower()
                s_cnt = int(t[2])
                p_cnt = int(t[3])
                tagged = int(t[5 + p_cnt])
                offs = [int(x) for x in t[6 + p_cnt : 6 + p_cnt + s_cnt]]
                idx[(lemma, pos)] = ([(pos, o) for o in offs], tagged)
    return idx


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"
    syn = read_data(folder)
    idx = read_index(folder)

    hyper = {}
    hypo = defaultdict(list)
    for sid, (_, ptrs) in syn.items():
        hyper[sid] = [t for (s, t, _, _) in ptrs if s in ("@", "@i")]
        # Breadth counts kinds, not instances: the many named cities under
        # "city" do not make "municipality" a general concept.
        for (s, t, _, _) in ptrs:
            if s == "@":
                hypo[t].append(sid)

    depth = {}

    def get_depth(s):
        # Longest path to a root: an ancestor is always shallower than its hyponym.
        stack = [s]
        while stack:
            x = stack[-1]
            if x in depth:
                stack.pop()
                continue
            todo = [h for h in hyper[x] if h not in depth]
            if todo:
                stack.extend(todo)
            else:
                depth[x] = 1 + max((depth[h] for h in hyper[x]), default=-1)
                stack.pop()
        return depth[s]

    below = {}

    def get_below(s):
        # Number of distinct synsets under s (all levels, instances not counted).
        seen = set()
        stack = list(hypo[s])
        while stack:
            x = stack.pop()
            if x in seen:
                continue
            seen.add(x)
            stack.extend(hypo[x])
        return len(seen)

    # Top senses of single-word lemmas.
    top = {}
    all_senses = {}
    for (lemma, pos), (offs, tagged) in idx.items():
        if not single(lemma):
            continue
        k = max(1, min(MAX_SENSES, tagged))
        top[(lemma, pos)] = offs[:k]
        all_senses[(lemma, pos)] = offs
    lemma_set = {l for (l, _) in top}
    lemma_pos = defaultdict(set)
    for (l, p) in top:
        lemma_pos[l].add(p)

    # Synsets used: top senses and two levels of hypernyms.
    used = set()
    for offs in top.values():
        for s in offs:
            used.add(s)
            level = [s]
            for _ in range(HYPERNYM_LEVELS):
                level = [h for x in level for h in hyper[x]]
                used.update(level)
    order = sorted(used, key=lambda s: ("nvar".index(s[0]), s[1]))
    sid = {s: i for i, s in enumerate(order)}

    def sense_rank(lemma, pos, s, senses):
        offs = senses.get((lemma, pos))
        if not offs:
            return None
        try:
            return offs.index(s)
        except ValueError:
            return None

    def lexical_pairs(sym, src_limit, tgt_limit, senses):
        """Lemma pairs joined by a lexical pointer `sym` between top senses."""
        pairs = set()
        for s, (words, ptrs) in syn.items():
            for (p, t, sw, tw) in ptrs:
                if p != sym or sw == 0:
                    continue
                a = words[sw - 1]
                b = syn[t][0][tw - 1]
                if not (single(a) and single(b)) or a == b:
                    continue
                ra = sense_rank(a, s[0], s, senses)
                rb = sense_rank(b, t[0], t, senses)
                if ra is None or rb is None or ra >= src_limit or rb >= tgt_limit:
                    continue
                pairs.add(tuple(sorted((a, b))))
        return pairs

    deriv = lexical_pairs("+", MAX_SENSES, MAX_SENSES, top)
    ant = lexical_pairs("!", ANTONYM_SENSES, ANTONYM_SENSES, all_senses)

    # Adjective satellites: the head's antonym heads are opposites too.
    for s, (words, ptrs) in syn.items():
        if s[0] != "a":
            continue
        heads = [t for (p, t, _, _) in ptrs if p == "&"]
        for h in heads:
            hw, hptrs = syn[h]
            for (p, t, sw, tw) in hptrs:
                if p != "!":
                    continue
                opp = syn[t][0][tw - 1]
                for w in words:
                    if not (single(w) and single(opp)) or w == opp:
                        continue
                    ra = sense_rank(w, "a", s, all_senses)
                    rb = sense_rank(opp, "a", t, all_senses)
                    if ra is None or rb is None:
                        continue
                    if ra < ANTONYM_SENSES and rb < ANTONYM_SENSES:
                        ant.add(tuple(sorted((w, opp))))

    # Verified opposites for negations: any sense, direct or via heads.
    any_ant = set(lexical_pairs("!", 10**6, 10**6, all_senses))
    head_of = {}
    for s, (words, ptrs) in syn.items():
        if s[0] == "a":
            head_of[s] = [t for (p, t, _, _) in ptrs if p == "&"] or [s]
    for s, (words, ptrs) in syn.items():
        if s[0] != "a":
            continue
        for h in head_of[s]:
            for (p, t, _, _) in syn[h][1]:
                if p != "!":
                    continue
                for t2 in [t] + hypo_sat(t, syn):
                    for x in syn[t2][0]:
                        for w in words:
                            any_ant.add(tuple(sorted((w, x))))

    # Suffix rules learned from all single-word derivational links.
    suffix_count = defaultdict(int)
    for (a, b) in lexical_pairs("+", 10**6, 10**6, all_senses):
        n = 0
        while n < min(len(a), len(b)) and a[n] == b[n]:
            n += 1
        sa, sb = a[n:], b[n:]
        if n < 4 or (not sa and not sb) or max(len(sa), len(sb)) > SUFFIX_MAX_LEN:
            continue
        if not (sa + sb).isalpha():
            continue
        suffix_count[tuple(sorted((sa, sb)))] += 1
    suffixes = sorted(k for k, c in suffix_count.items() if c >= SUFFIX_MIN_COUNT)

    neg = negations(lemma_set, lemma_pos, any_ant)

    # Exceptions whose base is a kept lemma of that part of speech.
    exc = []
    for name, pos in POS_FILES:
        path = os.path.join(folder, name + ".exc")
        with open(path, encoding="latin-1") as f:
            for line in f:
                t = line.split()
                if len(t) < 2 or not single(t[0]):
                    continue
                bases = [b for b in t[1:] if (b, pos) in top and b != t[0]]
                if bases:
                    exc.append((pos, t[0], bases))

    out = sys.stdout
    out.write("# WordNet 3.0 derived data for src/relate/wordnet.rs (generated, do not edit).\n")
    out.write("# Source: WordNet 3.0 dict files (Debian package wordnet-base), Princeton University.\n")
    out.write("# Regenerate: apt-get install -y wordnet-base &&\n")
    out.write("#   python3 tools/wordnet_gen.py /usr/share/wordnet > src/lexicon/wordnet.txt\n")
    out.write("# Licence (see also src/lexicon/WORDNET-LICENSE):\n")
    for line in LICENSE.splitlines():
        out.write("#   " + line + "\n")
    out.write("# Sections:\n")
    out.write("#   [synsets] line k (from 0) is synset k: POS depth below hypernym,hypernym (or -)\n")
    out.write("#   [lemmas] lemma then per POS: POS followed by top-sense synset ids, comma separated\n")
    out.write("#   [derivation] lemma and the lemmas derivationally related to it (each pair once)\n")
    out.write("#   [antonyms] lemma and its opposites (each pair once)\n")
    out.write("#   [negations] negative form and its base\n")
    out.write("#   [suffixes] suffix pairs of derivational links (- = none), for words WordNet lacks\n")
    out.write("#   [exceptions] POS, irregular form, base form(s)\n")
    out.write("[synsets]\n")
    for s in order:
        hs = [str(sid[h]) for h in hyper[s] if h in sid]
        out.write("%s %d %d %s\n" % (s[0], get_depth(s), get_below(s), ",".join(hs) or "-"))
    out.write("[lemmas]\n")
    by_lemma = defaultdict(list)
    for (l, p), offs in top.items():
        by_lemma[l].append((p, offs))
    for l in sorted(by_lemma):
        parts = [l]
        for p, offs in sorted(by_lemma[l], key=lambda x: "nvar".index(x[0])):
            parts.append(p + ",".join(str(sid[s]) for s in offs))
        out.write(" ".join(parts) + "\n")
    for title, pairs in (("derivation", deriv), ("antonyms", ant)):
        out.write("[%s]\n" % title)
        grouped = defaultdict(list)
        for a, b in sorted(pairs):
            grouped[a].append(b)
        for a in sorted(grouped):
            out.write(a + " " + " ".join(grouped[a]) + "\n")
    out.write("[negations]\n")
    for form, base in sorted(neg):
        out.write("%s %s\n" % (form, base))
    out.write("[suffixes]\n")
    for sa, sb in suffixes:
        out.write("%s %s\n" % (sa or "-", sb or "-"))
    out.write("[exceptions]\n")
    for pos, form, bases in exc:
        out.write("%s %s %s\n" % (pos, form, " ".join(bases)))


def hypo_sat(head, syn):
    """Satellites clustered around an adjective head synset."""
    return [t for (p, t, _, _) in syn[head][1] if p == "&"]


def negations(lemmas, lemma_pos, any_ant):
    """Negative forms and their bases.

    Productive, taken when both words are lemmas: un-/non- adjectives and
    adverbs whose base has that part of speech too, -less adjectives on a noun
    or verb base. The rest (in-/im-/il-/ir-/dis-, un-/non- nouns and verbs)
    only when WordNet itself records the two as opposites, since "intense",
    "inflammable", "discover" or "index" are no negations.
    """
    out = set()
    for w in lemmas:
        mod = lemma_pos[w] & {"a", "r"}
        for pre in ("un", "non", "non-", "in", "im", "il", "ir", "dis"):
            if not w.startswith(pre) or len(w) - len(pre) < 3:
                continue
            base = w[len(pre) :]
            if base not in lemmas:
                continue
            if pre == "im" and base[0] not in "bmp":
                continue
            if pre == "il" and base[0] != "l":
                continue
            if pre == "ir" and base[0] != "r":
                continue
            verified = tuple(sorted((w, base))) in any_ant
            productive = pre in ("un", "non", "non-") and mod & lemma_pos[base]
            if verified or productive:
                out.add((w, base))
        if w.endswith("less") and "a" in lemma_pos[w] and len(w) >= 7:
            base = w[:-4]
            if base in lemmas and lemma_pos[base] & {"n", "v"}:
                out.add((w, base))
    return out


if __name__ == "__main__":
    main()
