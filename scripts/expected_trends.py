#!/usr/bin/env python3
"""Independent computation of rankings, records and rolling averages from the PetroIvaniuk
personnel and equipment files, used for the expected values in crates/cli/tests/it/trends.rs.
Written apart from the Rust code: plain dicts and sorting. Each month/week/year total is
C(end of last day) - C(end of the day before), with C(end of day D) = cumulative of report D+k
(k = 1 loss-day, 0 report-day). Usage: scripts/expected_trends.py ../shared/data/general-staff"""
import json, sys, datetime as dt
from pathlib import Path

d = Path(sys.argv[1])
rows = json.load(open(d / "russia_losses_personnel.json"))
equip = {r["date"]: r for r in json.load(open(d / "russia_losses_equipment.json"))}
D, day = dt.date.fromisoformat, dt.timedelta(days=1)
START = D("2022-02-24")
series = {"personnel": {D(r["date"]): r["personnel"] for r in rows},
          "tanks": {D(k): r["tank"] for k, r in equip.items()}}

def end_of_day(cat, day_, k, as_of):
    report = day_ + k * day
    if report <= START:
        return 0
    return series[cat][report]

def months(first, last):
    m = dt.date(first.year, first.month, 1)
    while m <= last:
        nxt = dt.date(m.year + (m.month == 12), m.month % 12 + 1, 1)
        yield m, nxt - day
        m = nxt

def ranking(cat, conv, as_of, unit):
    k = 1 if conv == "loss-day" else 0
    last_report = min(as_of, max(series[cat]))
    last_day = last_report - k * day
    periods = []
    if unit == "month":
        spans = list(months(START, last_day))
    elif unit == "year":
        spans = [(dt.date(y, 1, 1), dt.date(y, 12, 31)) for y in range(2022, last_day.year + 1)]
    elif unit == "week":
        monday = START - START.weekday() * day
        spans = []
        while monday <= last_day:
            spans.append((monday, monday + 6 * day))
            monday += 7 * day
    else:  # day
        spans = [(START + i * day, START + i * day) for i in range((last_day - START).days + 1)]
    for a, b in spans:
        if a < START or b > last_day:
            continue  # partial
        total = end_of_day(cat, b, k, as_of) - end_of_day(cat, a - day, k, as_of)
        periods.append((total, a, b))
    periods.sort(key=lambda p: (-p[0], p[1]))
    return periods

def rank_of(cat, conv, as_of, start):
    r = ranking(cat, conv, as_of, "month")
    pos = [i for i, p in enumerate(r) if p[1] == start][0] + 1
    return pos, len(r), r[0]

last = max(series["personnel"])
for conv in ["loss-day", "report-day"]:
    for as_of in [D("2024-10-01"), last]:
        pos, n, top = rank_of("personnel", conv, as_of, D("2024-09-01"))
        print(f"rank personnel 2024-09 {conv} as of {as_of}: {pos} of {n}; top {top[1]:%Y-%m} {top[0]}")
    for unit in ["day", "week", "month", "year"]:
        for cat in ["personnel", "tanks"]:
            total, a, b = ranking(cat, conv, last, unit)[0]
            print(f"record {cat} {unit} {conv}: {total} {a}..{b}")

def rolling(cat, conv, d_, w):
    k = 1 if conv == "loss-day" else 0
    return round((end_of_day(cat, d_, k, last) - end_of_day(cat, d_ - w * day, k, last)) / w, 4)

for conv in ["loss-day", "report-day"]:
    for d_ in ["2024-09-30", "2025-01-15", "2026-08-07"]:
        if conv == "report-day" and d_ == "2026-08-07":
            d_ = "2026-08-08"
        print(f"rolling personnel {d_} {conv}: 7-day {rolling('personnel', conv, D(d_), 7)} 30-day {rolling('personnel', conv, D(d_), 30)}")
