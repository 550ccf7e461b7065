#!/usr/bin/env python3
"""Independent computation of period figures from the PetroIvaniuk files, used to produce the
expected values pasted into crates/cli/tests/it/figures.rs. Written separately from the Rust
code: plain dicts, no shared logic. Usage: scripts/expected_figures.py ../shared/data/general-staff"""
import json, sys, datetime as dt
from pathlib import Path

d = Path(sys.argv[1])
pers = json.load(open(d / "russia_losses_personnel.json"))
equip = json.load(open(d / "russia_losses_equipment.json"))
corr = json.load(open(d / "russia_losses_equipment_correction.json"))
KEYS = {"personnel": "personnel", "tanks": "tank", "afv": "APC", "artillery": "field artillery",
        "uav": "drone", "vehicles": "vehicles and fuel tanks", "special_equipment": "special equipment",
        "ground_robots": "ground robotic systems", "cruise_missiles": "cruise missiles",
        "srbm_launchers": "mobile SRBM system", "mlrs": "MRL"}
D = dt.date.fromisoformat
cum = {}
for row in pers + equip:
    date = D(row["date"])
    for cat, key in KEYS.items():
        if key in row:
            cum.setdefault(cat, {})[date] = row[key]
    if "military auto" in row:
        cum.setdefault("vehicles", {})[date] = row["military auto"] + row["fuel tank"]
corrections = {}
for row in corr:
    for cat, key in KEYS.items():
        if row.get(key):
            corrections.setdefault(cat, {})[D(row["date"])] = row[key]
last = max(D(r["date"]) for r in pers)

def C(cat, r):
    s = cum[cat]
    if r <= D("2022-02-24") or r < min(s):
        return 0
    if r > max(s):
        return s[max(s)]
    return s[r]

def fig(cat, a, b, conv, net=False):
    k = 1 if conv == "loss-day" else 0
    a = max(D(a), D("2022-02-24"))
    b = min(D(b), last - dt.timedelta(days=k))
    r0 = a - dt.timedelta(days=1) + dt.timedelta(days=k)
    r1 = b + dt.timedelta(days=k)
    total = C(cat, r1) - C(cat, r0)
    if net:
        total -= sum(v for r, v in corrections.get(cat, {}).items() if r0 < r <= r1)
    days = (b - a).days + 1
    return cat, str(a), str(b), conv, net, total, days, round(total / days, 4), C(cat, r1)

cases = [
    ("personnel", "2024-09-01", "2024-09-30", "loss-day"),
    ("personnel", "2024-09-01", "2024-09-30", "report-day"),
    ("personnel", "2024-01-01", "2024-12-31", "report-day"),
    ("personnel", "2024-01-01", "2024-12-31", "loss-day"),
    ("personnel", "2022-01-01", "2022-12-31", "loss-day"),
    ("personnel", "2022-02-24", "2099-12-31", "loss-day"),
    ("personnel", "2022-02-24", "2099-12-31", "report-day"),
    ("tanks", "2024-07-01", "2024-09-30", "loss-day"),
    ("tanks", "2024-07-01", "2024-09-30", "report-day"),
    ("tanks", "2023-05-22", "2023-05-28", "report-day"),
    ("vehicles", "2022-04-25", "2022-05-05", "report-day"),
    ("vehicles", "2022-05-01", "2022-05-31", "loss-day"),
    ("afv", "2022-10-13", "2022-10-13", "report-day"),
    ("afv", "2022-10-13", "2022-10-13", "report-day", True),
    ("afv", "2022-10-12", "2022-10-12", "loss-day"),
    ("artillery", "2026-03-04", "2026-03-04", "report-day"),
    ("uav", "2026-03-02", "2026-03-08", "loss-day"),
    ("special_equipment", "2024-11-01", "2024-11-30", "report-day"),
    ("special_equipment", "2024-11-01", "2024-11-30", "report-day", True),
    ("personnel", "2025-01-01", "2025-03-31", "loss-day", True),
    ("ground_robots", "2026-05-01", "2026-05-31", "report-day"),
    ("cruise_missiles", "2022-01-01", "2022-12-31", "report-day"),
    ("srbm_launchers", "2022-04-01", "2022-06-30", "loss-day"),
]
for c in cases:
    print(fig(*c))
