#!/usr/bin/env python3
"""Seeds fuzz/corpus/<target>/ from article files (default: the project's corpus/).

    python3 fuzz/seed.py [--whole] [FOLDER...]

Every file is cut into small pieces (and with --whole also copied whole): a text or
Markdown file's header block with its first paragraph, then each paragraph
and each pair of neighbouring paragraphs; each JSONL line, and the line once
per paragraph of its `text`; an HTML page's <head> with one or two of its
<p>/<blockquote> elements. Small seeds keep libFuzzer's length limit low at
the start (-len_control), so most executions run on a few hundred bytes.

ingest_sequence gets the same pieces in its own format (a format byte, then
the article; articles joined by 0xFF): each piece alone, and pairs of pieces
from two files of one story line (same first letter of the file name: a1, a3)
so that linking across articles runs from the start.
"""

import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FORMAT_BYTE = {"txt": 0, "md": 1, "jsonl": 2, "html": 3}
SMALL = 700


def paragraphs(text):
    return [p.strip("\n") for p in re.split(r"\n\s*\n", text) if p.strip()]


def text_pieces(text):
    lines = text.split("\n")
    header = []
    if re.match(r"^(Title|Date|Outlet|URL|Author):", lines[0] if lines else ""):
        end = lines.index("") if "" in lines else len(lines)
        header = lines[:end]
        text = "\n".join(lines[end + 1 :])
    paras = paragraphs(text)
    out = []
    if header and paras:
        out.append("\n".join(header) + "\n\n" + paras[0] + "\n")
    out += [p + "\n" for p in paras]
    out += [a + "\n\n" + b + "\n" for a, b in zip(paras, paras[1:])]
    return [p for p in out if len(p.encode()) <= SMALL]


def jsonl_pieces(text):
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        out.append(line + "\n")
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        for p in paragraphs(obj.get("text", "")):
            out.append(json.dumps(dict(obj, text=p), ensure_ascii=False) + "\n")
    return [p for p in out if len(p.encode()) <= SMALL * 2]


def html_pieces(text):
    head = re.search(r"(?is)<head>.*?</head>", text)
    head = head.group(0) if head else ""
    blocks = [m.group(0) for m in re.finditer(r"(?is)<(p|blockquote)\b.*?</\1>", text)]
    page = "<!DOCTYPE html>\n<html>\n{}\n<body><article>\n{}\n</article></body>\n</html>\n"
    out = [page.format(head, b) for b in blocks]
    out += [page.format(head, a + "\n" + b) for a, b in zip(blocks, blocks[1:])]
    out += [page.format("", b) for b in blocks]
    return out


def pieces(name, text):
    ext = name.rsplit(".", 1)[-1].lower()
    if ext in ("txt", "md"):
        return ext, text_pieces(text)
    if ext == "jsonl":
        return ext, jsonl_pieces(text)
    if ext in ("html", "htm"):
        return "html", html_pieces(text)
    return None, []


def main():
    args = sys.argv[1:]
    whole_files = "--whole" in args
    args = [a for a in args if a != "--whole"]
    folders = args or [os.path.join(HERE, "..", "corpus")]
    eb = os.path.join(HERE, "corpus", "extract_bytes")
    ing = os.path.join(HERE, "corpus", "ingest_sequence")
    os.makedirs(eb, exist_ok=True)
    os.makedirs(ing, exist_ok=True)
    by_story = {}
    n_eb = n_ing = 0
    for folder in folders:
        for name in sorted(os.listdir(folder)):
            path = os.path.join(folder, name)
            if not os.path.isfile(path):
                continue
            raw = open(path, "rb").read()
            text = raw.decode("utf-8", "replace")
            ext, small = pieces(name, text)
            ext = ext or "txt"
            stem = re.sub(r"[^A-Za-z0-9_]", "_", name)
            seeds = ([raw] if whole_files else []) + [p.encode() for p in small]
            for i, s in enumerate(seeds):
                open(os.path.join(eb, f"{stem}.{i:03}"), "wb").write(s)
                n_eb += 1
            fb = bytes([FORMAT_BYTE[ext]])
            if whole_files:
                open(os.path.join(ing, f"{stem}.000"), "wb").write(fb + raw)
                n_ing += 1
            for i, p in enumerate(small, 1):
                open(os.path.join(ing, f"{stem}.{i:03}"), "wb").write(fb + p.encode())
                n_ing += 1
            by_story.setdefault(name[:1], []).append((stem, fb, small))
    # Pairs of pieces from two files of one story line, the first pieces of
    # each file (header and opening paragraph, the claims of the lead).
    for story, files in by_story.items():
        for i, (sa, fa, pa) in enumerate(files):
            for sb, fb, pb in files[i + 1 :]:
                for j, (a, b) in enumerate(zip(pa[:3], pb[:3])):
                    data = fa + a.encode() + b"\xff" + fb + b.encode()
                    open(os.path.join(ing, f"pair_{sa}_{sb}.{j}"), "wb").write(data)
                    n_ing += 1
    print(f"extract_bytes: {n_eb} seeds, ingest_sequence: {n_ing} seeds")


if __name__ == "__main__":
    main()
