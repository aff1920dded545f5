#!/usr/bin/env python3
"""Refreshes the example query outputs in README.md from a fresh ingest of corpus/.

usage: python3 eval/readme_examples.py [BIN]   (BIN defaults to target/release/claimtrace)
Each `$ claimtrace --db corpus.db sql "..."` line in README's examples block is
re-run and the output below it (up to the next blank line) replaced.
"""
import os
import re
import subprocess
import sys
import tempfile

bin_ = sys.argv[1] if len(sys.argv) > 1 else "target/release/claimtrace"
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(root)
with tempfile.TemporaryDirectory() as d:
    db = os.path.join(d, "corpus.db")
    subprocess.run([bin_, "--db", db, "ingest", "corpus"], check=True, capture_output=True)
    lines = open("README.md", encoding="utf-8").read().split("\n")
    out, i = [], 0
    pat = re.compile(r'^\$ claimtrace --db corpus.db sql "(.*)"$')
    while i < len(lines):
        out.append(lines[i])
        m = pat.match(lines[i])
        i += 1
        if m:
            res = subprocess.run([bin_, "--db", db, "sql", m.group(1)], check=True, capture_output=True, text=True)
            out.extend(res.stdout.rstrip("\n").split("\n"))
            while i < len(lines) and lines[i].strip() and not lines[i].startswith("```"):
                i += 1
    open("README.md", "w", encoding="utf-8").write("\n".join(out))
