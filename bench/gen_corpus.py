#!/usr/bin/env python3
"""Writes a synthetic news corpus for scaling benchmarks: N stories of three
dated articles each (a denial, a later admission, an unrelated item about the
same company), with company names, places and products drawn at random so
that key terms vary the way they do in real news.

usage: gen_corpus.py OUT_DIR N_STORIES [SEED] [--one-org]

--one-org: every story is about the same company (the hard case for linking:
its name is in every article, so only rarer words tell the stories apart).
"""
import os
import random
import sys

SYL = ["bra", "vel", "tor", "min", "qua", "lis", "dor", "fen", "gal", "hux", "jor", "kel", "mar", "nov", "pel",
       "ros", "sul", "tam", "ul", "ven", "wex", "yar", "zol", "cap", "bri", "dun", "eck", "fal", "gor", "hal"]
SUFFIX = ["Motors", "Foods", "Industries", "Systems", "Energy", "Airlines", "Chemicals", "Logistics"]
PRODUCT = ["turbines", "vans", "jars", "tablets", "valves", "batteries", "cables", "engines", "pumps", "sensors",
           "drones", "tyres", "panels", "boilers", "filters", "routers"]
EVENT = [("cut jobs at", "lay off {n} workers at"), ("recall any {p}", "recall {n} {p}"),
         ("close the plant at", "close the plant at"), ("raise prices at", "raise prices by {n} percent at")]
FIRST = ["Anna", "Ben", "Clara", "David", "Elena", "Frank", "Grace", "Hugo", "Iris", "Jonas", "Karin", "Leo"]
LAST = ["Okoro", "Brandt", "Silva", "Novak", "Haas", "Moreau", "Ricci", "Lund", "Kovacs", "Ferreira", "Ito", "Quinn"]


def word(r, n=2):
    return "".join(r.choice(SYL) for _ in range(n)).capitalize()


def main():
    args = [a for a in sys.argv[1:] if a != "--one-org"]
    one_org = "--one-org" in sys.argv[1:]
    out, n = args[0], int(args[1])
    r = random.Random(int(args[2]) if len(args) > 2 else 7)
    the_company = f"{word(r)} {word(r)} {r.choice(SUFFIX)}"
    os.makedirs(out, exist_ok=True)
    for i in range(n):
        company = the_company if one_org else f"{word(r)} {word(r)} {r.choice(SUFFIX)}"
        place = word(r, 3)
        product = r.choice(PRODUCT)
        deny, admit = r.choice(EVENT)
        num = r.randint(20, 4000)
        spokes = f"{r.choice(FIRST)} {r.choice(LAST)}"
        year = 2000 + i % 20
        month = 1 + i % 9
        arts = [
            (f"{year}-{month:02d}-05", f"{company} denies plan to {deny.format(n=num, p=product)} {place}",
             f"{company} denied on Monday that it planned to {deny.format(n=num, p=product)} its {place} site. "
             f"{spokes}, a spokesman for {company}, said: \u201cWe have no plans to change anything at {place}.\u201d "
             f"The {place} site makes {product} for customers in {word(r)} and {word(r)}."),
            (f"{year}-{month + 1:02d}-12", f"{company} to {admit.format(n=num, p=product)} {place}",
             f"{company} confirmed on Tuesday that it will {admit.format(n=num, p=product)} its {place} site. "
             f"{spokes} said demand for {product} had fallen sharply. "
             f"A regional official said the company had notified the {word(r)} labour office."),
            (f"{year}-{month + 2:02d}-20", f"{company} opens {word(r)} museum",
             f"{company} said it would sponsor a new {word(r)} museum exhibition about {word(r)} history. "
             f"The curator, {r.choice(FIRST)} {r.choice(LAST)}, said the show would run until {word(r)} Day."),
        ]
        for k, (date, title, text) in enumerate(arts):
            with open(os.path.join(out, f"s{i:05d}_{k}.txt"), "w", encoding="utf-8") as f:
                f.write(f"Title: {title}\nDate: {date}\nOutlet: Bench Wire\n\n{text}\n")


if __name__ == "__main__":
    main()
