#!/usr/bin/env python3
"""Checks that Datasette offers full-text search on the `claims` table.

Ingests the demo corpus into a fresh database with the claimtrace binary,
serves it with `datasette`, and asks for `claims.json?_search=...`: the search
must return some claims, fewer than all, and only claims whose text or speaker
holds the word (with the old `content='claims'` declaration Datasette found no
full-text table and returned every claim). Not a cargo test (it needs Datasette: `pip install datasette`).

    python3 eval/datasette_fts_check.py [--bin target/debug/claimtrace] [--word leak]

Prints PASS or FAIL with the counts; exit code 0 on PASS.
"""
import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url):
    with urllib.request.urlopen(url, timeout=10) as r:
        return json.load(r)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "debug", "claimtrace"))
    ap.add_argument("--word", default="leak")
    ap.add_argument("--datasette", default=shutil.which("datasette") or "datasette")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp()
    db = os.path.join(tmp, "claims.db")
    subprocess.run([args.bin, "--db", db, "ingest", os.path.join(ROOT, "corpus")], check=True,
                   stderr=subprocess.DEVNULL)
    port = free_port()
    server = subprocess.Popen([args.datasette, "serve", db, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/claims/claims.json?_shape=array&_size=max"
        for _ in range(100):
            try:
                everything = get(base)
                break
            except OSError:
                time.sleep(0.2)
        else:
            print("FAIL: datasette did not answer")
            return 1
        hits = get(f"{base}&_search={args.word}")
        relevant = [r for r in hits
                    if args.word in (r.get("text") or "").lower()
                    or args.word in (r.get("speaker") or "").lower()]
        ok = 0 < len(hits) < len(everything) and len(relevant) == len(hits)
        print(f"{'PASS' if ok else 'FAIL'}: "
              f"claims.json?_search={args.word} returned {len(hits)} of {len(everything)} claims, "
              f"{len(relevant)} holding the word")
        return 0 if ok else 1
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
