#!/usr/bin/env python3
"""Independent computation of the local-level forecast for the hindsight case in
crates/cli/tests/it/forecast.rs, written apart from the Rust code from ../shared/METHODS.md §4.2 E.

As of the report of 2024-09-28 (loss-day: the last day is 2024-09-27), fit the local level to the
last 365 daily increments of personnel: diffuse start, first error dropped from the likelihood,
sigma^2 concentrated out, q chosen on the grid e^(-12 + 0.5 i), i = 0..26. Then

    S_h ~ N(h a, sigma^2 [h^2 P + q sum_{k<h} k^2 + h])

with a, P the rate and its variance predicted for the first day ahead. (METHODS.md writes
q h(h+1)(2h+1)/6 for the middle term, which also counts the rate's disturbances on days whose
increments are not summed; sum_{k<h} k^2 is the exact sum.) Prints P(C(2024-12-31) >= 750,000),
the median crossing day and the 10%/90% crossing days.

Usage: scripts/expected_forecast.py ../shared/data/general-staff"""
import json, math, sys, datetime as dt
from pathlib import Path

rows = json.load(open(Path(sys.argv[1]) / "russia_losses_personnel.json"))
day = dt.timedelta(days=1)
by_report = {dt.date.fromisoformat(r["date"]): r["personnel"] for r in rows}
as_of = dt.date(2024, 9, 28)
last_day = as_of - day
# End-of-day counts (loss-day): count of day D = report D + 1. The days needed have no gaps.
counts = [by_report[last_day - i * day + day] for i in range(365, -1, -1)]
d = [b - a for a, b in zip(counts, counts[1:])]
assert len(d) == 365

def fit(q):
    a, p = 0.0, 1e6
    s, logf, m = 0.0, 0.0, 0
    for t, x in enumerate(d):
        v, f = x - a, p + 1.0
        if t >= 1:
            s += v * v / f
            logf += math.log(f)
            m += 1
        k = p / f
        a += k * v
        p = p * (1 - k) + q
    sigma2 = s / m
    return -0.5 * (m * math.log(sigma2) + logf), a, p, sigma2

best = max((fit(math.exp(-12 + 0.5 * i)) + (math.exp(-12 + 0.5 * i),) for i in range(27)), key=lambda r: r[0])
_, a, p, sigma2, q = best
c_t = counts[-1]

def prob(h, threshold=750_000):
    mean = h * a
    var = sigma2 * (h * h * p + q * sum(k * k for k in range(1, h)) + h)
    return 0.5 * math.erfc((threshold - c_t - mean) / math.sqrt(var) / math.sqrt(2))

h_by = (dt.date(2024, 12, 31) - last_day).days
print(f"C_T {c_t} on {last_day}; a {a:.6f} P {p:.8f} sigma2 {sigma2:.4f} q {q:.8g}")
print(f"P(by 2024-12-31) {prob(h_by):.6f}")
for level in (0.1, 0.5, 0.9):
    h = next(h for h in range(1, 1000) if prob(h) >= level)
    print(f"q{int(level * 100)} crossing day {last_day + h * day}")
