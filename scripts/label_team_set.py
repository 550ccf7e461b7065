#!/usr/bin/env python3
"""Label the team's own claims development set (crates/claims/tests/data/team/).

Usage: python3 scripts/label_team_set.py /work/shared/data/general-staff crates/claims/tests/data/team

Reads the General Staff files (PetroIvaniuk JSON) and the team's articles (articles/NN.txt), takes the
claim and distractor specifications written below (CLAIMS, DISTRACTORS), computes every truth from the
data by the labelling rules of the shared development set's README (loss-day periods, tolerances,
metrics, ranks, projections), locates every quote in its article (UTF-8 byte offsets, the quote must
be unique in the article) and writes gold.jsonl and distractors.jsonl. Standard library only; the
output is deterministic (same input, same bytes).

A spec names what the text claims (side, metric, value, qualifier, rate, period, cumulative, kind).
The script decides `truth` and `expect`; a spec may state `want` (the verdict the writer intended)
and the script stops if the computed verdict differs, so a wrong intention cannot slip through
silently.
"""
import datetime as dt
import json
import sys
from decimal import Decimal
from pathlib import Path

D = dt.date.fromisoformat
ONE = dt.timedelta(days=1)
START = D("2022-02-24")

EQUIP_KEYS = {
    "tanks": "tank", "afv": "APC", "artillery": "field artillery", "mlrs": "MRL",
    "air_defense": "anti-aircraft warfare", "aircraft": "aircraft", "helicopters": "helicopter",
    "uav": "drone", "cruise_missiles": "cruise missiles", "ships": "naval ship",
    "submarines": "submarines", "vehicles": "vehicles and fuel tanks",
    "special_equipment": "special equipment",
}
NOT_MEASURED = {"named_killed", "wounded", "recruited", "conscripted", "mobilized"}


# ----------------------------------------------------------------------------------------------
# data

class Data:
    def __init__(self, folder):
        folder = Path(folder)
        pers = json.loads((folder / "russia_losses_personnel.json").read_text(encoding="utf-8"))
        equip = json.loads((folder / "russia_losses_equipment.json").read_text(encoding="utf-8"))
        corr = json.loads((folder / "russia_losses_equipment_correction.json").read_text(encoding="utf-8"))
        self.cum = {"personnel": {}}
        for row in pers:
            self.cum["personnel"][D(row["date"])] = row["personnel"]
        for row in equip:
            day = D(row["date"])
            for cat, key in EQUIP_KEYS.items():
                if key in row:
                    self.cum.setdefault(cat, {})[day] = row[key]
            if "military auto" in row:
                self.cum.setdefault("vehicles", {})[day] = row["military auto"] + row["fuel tank"]
        self.corr = {}
        for row in corr:
            for cat in list(EQUIP_KEYS) + ["personnel"]:
                key = "personnel" if cat == "personnel" else EQUIP_KEYS[cat]
                if row.get(key):
                    self.corr.setdefault(cat, {})[D(row["date"])] = row[key]
        self.last = max(self.cum["personnel"])

    def c(self, cat, day):
        """Cumulative in the report dated `day` (0 before the first report)."""
        if day == START:
            return 0
        series = self.cum[cat]
        if day not in series:
            raise KeyError(f"{cat}: no report dated {day}")
        return series[day]

    def corrections(self, cat, first_report, last_report):
        rows = self.corr.get(cat, {})
        return sorted((d, v) for d, v in rows.items() if first_report <= d <= last_report)


# ----------------------------------------------------------------------------------------------
# helpers

def fmt(x):
    """Thousands separators; up to two decimals, trailing zeros removed."""
    if isinstance(x, float) and not x.is_integer():
        s = f"{x:,.2f}".rstrip("0").rstrip(".")
        return s
    return f"{int(x):,}"


def plain(x):
    if isinstance(x, float) and not x.is_integer():
        return f"{x:.2f}".rstrip("0").rstrip(".")
    return str(int(x))


def half_unit(v):
    """Half a unit of the last significant digit; trailing zeros of an integer are not significant."""
    d = Decimal(str(v)).normalize()
    exp = d.as_tuple().exponent
    return float(Decimal(5) * Decimal(10) ** (exp - 1))


def month_bounds(ym):
    y, m = map(int, ym.split("-"))
    first = dt.date(y, m, 1)
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return first, nxt - ONE


def month_list(a, b):
    y, m = map(int, a.split("-"))
    out = []
    while f"{y:04d}-{m:02d}" <= b:
        out.append(f"{y:04d}-{m:02d}")
        y, m = y + (m == 12), m % 12 + 1
    return out


def last_complete_month(article_date):
    """The latest month whose last loss day is covered by the report of the article date."""
    first_of_this = article_date.replace(day=1)
    prev = first_of_this - ONE
    return f"{prev.year:04d}-{prev.month:02d}"


def whole_months(a, b):
    """Number of calendar months if [a, b] is a run of whole months, else None."""
    if a.day != 1 or (b + ONE).day != 1:
        return None
    return (b.year - a.year) * 12 + b.month - a.month + 1


def cat_of(metric):
    if metric in ("personnel_losses", "casualties", "killed"):
        return "personnel"
    if metric.startswith("equipment:"):
        return metric.split(":", 1)[1]
    raise ValueError(metric)


def tolerance(qual, low, high):
    """(predicate on truth, description) by the README's rules."""
    if qual == "exact":
        h = half_unit(low)
        return (lambda t: abs(t - low) <= h + 1e-9), f"exact: within ±{plain(h)}"
    if qual == "about":
        h = max(half_unit(low), 0.02 * low)
        h = round(h, 2)
        return (lambda t: abs(t - low) <= h + 1e-9), f"about: within ±{plain(h)}"
    if qual == "nearly":
        lo = 0.95 * low
        return (lambda t: lo - 1e-9 <= t <= low + 1e-9), f"nearly: in [{plain(round(lo, 2))}, {plain(low)}]"
    if qual == "more_than":
        return (lambda t: t > low), f"> {plain(low)}"
    if qual == "at_least":
        return (lambda t: t >= low), f">= {plain(low)}"
    if qual == "up_to":
        return (lambda t: t <= high), f"<= {plain(high)}"
    if qual == "less_than":
        return (lambda t: t < high), f"< {plain(high)}"
    if qual == "range":
        return (lambda t: low <= t <= high), f"in [{plain(low)}, {plain(high)}]"
    raise ValueError(qual)


# ----------------------------------------------------------------------------------------------
# computations

def period_total(data, cat, a, b, conv):
    """(total, note) for loss days a..b under a convention."""
    if conv == "report-day":
        hi, lo = data.c(cat, b), data.c(cat, a - ONE if a > START else START)
        note = (f"{cat} report-day total {a}..{b}: cum({b}) - cum({a - ONE}) = "
                f"{fmt(hi)} - {fmt(lo)} = {fmt(hi - lo)}")
        return hi - lo, note
    hi, lo = data.c(cat, b + ONE), data.c(cat, a)
    total = hi - lo
    if a == b:
        note = (f"{cat} change in the report dated {b + ONE} (losses of {b}): "
                f"cum({b + ONE}) - cum({a}) = {fmt(hi)} - {fmt(lo)} = {fmt(total)}")
    elif a == START:
        note = f"{cat} loss-day total {a}..{b}: cum({b + ONE}) - 0 = {fmt(total)}"
    else:
        note = (f"{cat} loss-day total {a}..{b}: cum({b + ONE}) - cum({a}) = "
                f"{fmt(hi)} - {fmt(lo)} = {fmt(total)}")
    if conv == "loss-day-net":
        rows = data.corrections(cat, a + ONE, b + ONE)
        if not rows:
            raise ValueError(f"loss-day-net for {cat} {a}..{b} but no correction rows")
        corr = sum(v for _, v in rows)
        total -= corr
        listed = ", ".join(f"{d} {v:+,}" for d, v in rows)
        note += f"; minus corrections in the reports ({listed}) = {fmt(total)} net"
    return total, note


def apply_rate(total, a, b, rate):
    days = (b - a).days + 1
    if rate is None:
        return total, ""
    if rate == "per_day":
        v = total / days
        return v, f"; / {days} days = {fmt(round(v, 2))} per day"
    if rate == "per_week":
        v = total / days * 7
        return v, f"; / {days} days x 7 = {fmt(round(v, 2))} per week"
    if rate == "per_month":
        n = whole_months(a, b)
        if n is None:
            raise ValueError(f"per_month over a period that is not whole months: {a}..{b}")
        v = total / n
        return v, f"; / {n} months = {fmt(round(v, 2))} per month"
    raise ValueError(rate)


def month_value(data, cat, ym, by, conv):
    a, b = month_bounds(ym)
    total, _ = period_total(data, cat, a, b, conv)
    if by == "daily_average":
        return total / ((b - a).days + 1)
    return total


def compute_rank(data, spec, article_date):
    cat = cat_of(spec["metric"])
    r = spec["rank"]
    order, by = r.get("order", "highest"), r.get("by", "total")
    conv = spec.get("convention", "loss-day")
    target = spec["period"][0][:7]
    latest = last_complete_month(article_date)
    among = r.get("among") or ["2022-03", latest]
    if among[1] > latest:
        raise ValueError(f"rank among months past the last complete one ({latest})")
    months = month_list(among[0], among[1])
    if target not in months:
        raise ValueError(f"target month {target} not among {among}")
    vals = {m: month_value(data, cat, m, by, conv) for m in months}
    sign = -1 if order == "highest" else 1
    ranked = sorted(months, key=lambda m: (sign * vals[m], m))
    tv = vals[target]
    ties = [m for m in months if m != target and vals[m] == tv]
    if ties:
        raise ValueError(f"tie in rank for {target}: {ties}")
    rank = 1 + sum(1 for m in months if sign * vals[m] < sign * tv)
    show = lambda v: fmt(v) if by == "total" else f"{v:,.1f}"
    head = ", ".join(f"{m} {show(vals[m])}" for m in ranked[:4])
    note = (f"{cat} month {target} ranks {rank} of {len(months)} ({order} {by.replace('_', ' ')}, "
            f"{conv}, months {among[0]}..{among[1]}); first: {head}")
    if among[1] == latest and among[0] == "2022-03":
        note += f"; complete months as of {article_date}"
    since = r.get("since")
    if since:
        sv = month_value(data, cat, since, by, conv)
        better = sv > tv if order == "highest" else sv < tv
        if not better:
            raise ValueError(f"'since {since}' but {since} ({sv}) is not beyond {target} ({tv})")
        word = "highest" if order == "highest" else "lowest"
        note += f"; {word} since {since} ({show(sv)}), so ranked among {among[0]}..{among[1]}"
    rank_obj = {"order": order, "by": by, "unit": "month", "among": among}
    return rank, note, rank_obj


def label(data, spec, article_date):
    """Return (truth, expect, note, convention, rank_obj)."""
    side, metric, kind = spec["side"], spec["metric"], spec.get("kind", "value")
    extra = spec.get("note")
    period = spec.get("period")
    conv = spec.get("convention", "loss-day" if period else None)
    if side == "ukraine":
        return None, "not_checkable", extra or "Ukraine's own losses: the General Staff data cover Russian losses only", None, None
    if metric in NOT_MEASURED:
        return None, "not_checkable", extra, None, None
    if spec.get("not_checkable"):
        return None, "not_checkable", extra, None, None

    cat = cat_of(metric)
    low, high, qual = spec["low"], spec["high"], spec["qualifier"]
    ok, tol = tolerance(qual, low, high)
    rank_obj = None

    if kind == "rank":
        truth, note, rank_obj = compute_rank(data, spec, article_date)
        conv = spec.get("convention", "loss-day")
    elif kind == "projection":
        a, b = D(period[0]), D(period[1])
        if spec.get("cumulative"):
            if b + ONE > data.last:
                note = (f"{cat} cumulative at the end of {b} needs the report dated {b + ONE}, "
                        f"after the last report in the data ({data.last})")
                if extra:
                    note += "; " + extra
                return None, "not_checkable", note, None, None
            truth = data.c(cat, b + ONE)
            note = f"{cat} cumulative at the end of {b} = cum({b + ONE}) = {fmt(truth)}"
            if qual in ("more_than", "at_least"):
                first = next((d for d in sorted(data.cum[cat]) if data.c(cat, d) > low - (qual == "at_least")), None)
                if first:
                    note += f"; {fmt(low)} first {'passed' if qual == 'more_than' else 'reached'} in the report dated {first}"
        else:
            if b + ONE > data.last:
                note = (f"{cat} total for {a}..{b} needs the report dated {b + ONE}, "
                        f"after the last report in the data ({data.last})")
                if extra:
                    note += "; " + extra
                return None, "not_checkable", note, None, None
            truth, note = period_total(data, cat, a, b, conv)
            truth, rnote = apply_rate(truth, a, b, spec.get("rate"))
            note = f"projection outcome: {note}{rnote}"
    else:
        if spec.get("cumulative") and period is None:
            truth = data.c(cat, article_date)
            note = f"{cat} cumulative in the report dated {article_date} = {fmt(truth)}"
        elif spec.get("cumulative"):
            a, b = D(period[0]), D(period[1])
            if a != START:
                raise ValueError("a cumulative total must start on 2022-02-24")
            truth = data.c(cat, b + ONE)
            note = f"{cat} cumulative in the report dated {b + ONE} = {fmt(truth)}"
        else:
            a, b = D(period[0]), D(period[1])
            if b >= article_date and kind == "value":
                raise ValueError(f"period ends {b}, not before the article date {article_date}")
            truth, note = period_total(data, cat, a, b, conv)
            truth, rnote = apply_rate(truth, a, b, spec.get("rate"))
            note += rnote

    if isinstance(truth, float):
        exact_truth = truth
        truth = round(truth, 2)
        if ok(exact_truth) != ok(truth):
            raise ValueError(f"verdict depends on rounding: {spec['quote']}")
    hit = ok(truth)

    if metric == "killed":
        if not hit:
            if spec.get("want") == "metric_mismatch":
                raise ValueError(f"killed figure does not match personnel ({truth}): {spec['quote']}")
            n = f"killed only, which the General Staff data do not measure; the personnel figure for the same scope is {fmt(truth)}, not a match"
            return None, "not_checkable", (extra + "; " + n) if extra else n, None, None
        expect = "metric_mismatch"
        note += "; a \"killed\" figure equal to the General Staff personnel_losses (which also count the wounded and captured)"
    else:
        expect = "supported" if hit else "contradicted"
    if extra:
        note += "; " + extra
    note += f"; tolerance {tol}"
    return truth, expect, note, conv, rank_obj


# ----------------------------------------------------------------------------------------------
# output

NUM_CHARS = "0123456789"


def find_span(text_bytes, quote, where):
    qb = quote.encode("utf-8")
    n = text_bytes.count(qb)
    if n != 1:
        raise ValueError(f"{where}: quote found {n} times: {quote!r}")
    start = text_bytes.find(qb)
    return [start, start + len(qb)]


def main(argv):
    if len(argv) != 3:
        sys.exit("usage: label_team_set.py GENERAL_STAFF_DIR OUT_DIR")
    data = Data(argv[1])
    out = Path(argv[2])
    texts = {}
    for doc in DOCS:
        texts[doc] = (out / "articles" / f"{doc}.txt").read_bytes()
        texts[doc].decode("utf-8")  # must be valid UTF-8
    gold, problems = [], []
    for spec in CLAIMS:
        doc = spec["doc"]
        date = D(DOCS[doc][0])
        where = f"doc {doc}"
        span = find_span(texts[doc], spec["quote"], where)
        truth, expect, note, conv, rank_obj = label(data, spec, date)
        if spec.get("want") and spec["want"] != expect:
            problems.append(f"{where}: {spec['quote']!r}: wanted {spec['want']}, computed {expect} ({note})")
        if isinstance(truth, float) and spec.get("rate") is None and truth.is_integer():
            truth = int(truth)
        rec = {
            "doc": doc, "date": date.isoformat(), "quote": spec["quote"], "span": span,
            "side": spec["side"], "metric": spec["metric"], "low": spec["low"], "high": spec["high"],
            "qualifier": spec["qualifier"], "rate": spec["rate"], "period": spec["period"],
            "cumulative": spec["cumulative"], "expect": expect, "truth": truth, "note": note,
            "kind": spec["kind"], "convention": conv,
        }
        if rank_obj is not None:
            rec["rank"] = rank_obj
        gold.append(rec)
    dis = []
    for spec in DISTRACTORS:
        doc = spec["doc"]
        span = find_span(texts[doc], spec["quote"], f"doc {doc} (distractor)")
        dis.append({"doc": doc, "quote": spec["quote"], "span": span, "value": spec["value"],
                    "why": spec["why"]})
    # checks: no distractor value equal to a claim value in the same article; no overlapping spans
    for d in dis:
        for g in gold:
            if g["doc"] != d["doc"]:
                continue
            if d["value"] is not None and d["value"] in (g["low"], g["high"]):
                problems.append(f"doc {d['doc']}: distractor value {d['value']} equals a claim value ({g['quote']!r})")
            if d["span"][0] < g["span"][1] and g["span"][0] < d["span"][1]:
                problems.append(f"doc {d['doc']}: distractor {d['quote']!r} overlaps claim {g['quote']!r}")
    if problems:
        for p in problems:
            print("ERROR:", p, file=sys.stderr)
        sys.exit(1)
    gold.sort(key=lambda g: (g["doc"], g["span"][0], g["span"][1]))
    dis.sort(key=lambda d: (d["doc"], d["span"][0]))
    with open(out / "gold.jsonl", "w", encoding="utf-8", newline="\n") as f:
        for g in gold:
            f.write(json.dumps(g, ensure_ascii=False) + "\n")
    with open(out / "distractors.jsonl", "w", encoding="utf-8", newline="\n") as f:
        for d in dis:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    # summary and a coverage report: digits in an article that no claim or distractor covers
    from collections import Counter
    by_expect = Counter(g["expect"] for g in gold)
    by_kind = Counter(g["kind"] for g in gold)
    print(f"{len(DOCS)} articles, {len(gold)} claims {dict(sorted(by_expect.items()))} "
          f"{dict(sorted(by_kind.items()))}, {len(dis)} distractors", file=sys.stderr)
    for doc in DOCS:
        text = texts[doc]
        covered = [tuple(g["span"]) for g in gold if g["doc"] == doc] + [tuple(d["span"]) for d in dis if d["doc"] == doc]
        loose = []
        i = 0
        while i < len(text):
            if chr(text[i]) in NUM_CHARS:
                j = i
                while j < len(text) and (chr(text[j]) in NUM_CHARS or text[j] in b",. "):
                    j += 1
                if not any(a <= i < b for a, b in covered):
                    loose.append(text[max(0, i - 20):j].decode("utf-8", "replace").replace("\n", " "))
                i = j
            else:
                i += 1
        if loose:
            print(f"  doc {doc}: uncovered numbers: {loose}", file=sys.stderr)


# ----------------------------------------------------------------------------------------------
# specs: filled in below

DOCS = {}          # doc -> (date, style)
CLAIMS = []        # dicts
DISTRACTORS = []   # dicts: doc, quote, value, why


def start_empty():
    """For another set's script that imports this one: forget the team set's specs (registered on
    import) so that only its own are labelled."""
    DOCS.clear()
    CLAIMS.clear()
    DISTRACTORS.clear()


def claim(doc, quote, metric, low, high=..., qualifier="exact", side="russia", rate=None,
          period=None, cumulative=False, kind="value", convention=None, rank=None, note=None,
          want=None, not_checkable=False):
    if high is ...:
        high = low
    spec = dict(doc=doc, quote=quote, metric=metric, low=low, high=high, qualifier=qualifier,
                side=side, rate=rate, period=period, cumulative=cumulative, kind=kind,
                rank=rank, note=note, want=want, not_checkable=not_checkable)
    if convention is not None:
        spec["convention"] = convention
    CLAIMS.append(spec)


def distractor(doc, quote, value, why):
    DISTRACTORS.append(dict(doc=doc, quote=quote, value=value, why=why))


def month(ym):
    a, b = month_bounds(ym)
    return [a.isoformat(), b.isoformat()]


def upto(first, article):
    """[first, article date - 1]: "since X", "so far this month"."""
    return [first, (D(article) - ONE).isoformat()]


def day_before(article):
    d = (D(article) - ONE).isoformat()
    return [d, d]


def asof(report_date):
    """Cumulative total in the report dated `report_date`, as a period."""
    return ["2022-02-24", (D(report_date) - ONE).isoformat()]



# ----------------------------------------------------------------------------------------------
# 01  radio transcript, 2022-06-20

A = "2022-06-20"
DOCS["01"] = (A, "radio programme transcript")
claim("01", "roughly 33,800 Russian servicemen put out of action", "personnel_losses", 33800,
      qualifier="about", cumulative=True, want="supported")
claim("01", "around 200 added over the past day", "personnel_losses", 200, qualifier="about",
      period=day_before(A), want="supported", note="\"over the past day\" = losses of the day before the report")
claim("01", "33,800 Russians killed", "killed", 33800, cumulative=True, want="metric_mismatch",
      note="the presenter's question, corrected in the next line; still a claim in the text")
claim("01", "gone up by a little over 3,000", "personnel_losses", 3000, None, qualifier="more_than",
      period=upto("2022-06-01", A), want="supported", note="since 1 June, as of the report of 2022-06-20")
claim("01", "For May as a whole Kyiv logged 7,200", "personnel_losses", 7200, period=month("2022-05"),
      want="supported")
claim("01", "something like 230 a day", "personnel_losses", 230, qualifier="about", rate="per_day",
      period=month("2022-05"), want="supported", note="\"something like\" read as about")
claim("01", "March remains the worst month by far", "personnel_losses", 1, period=month("2022-03"),
      kind="rank", rank={}, want="supported")
claim("01", "just under 12,000", "personnel_losses", 12000, qualifier="nearly", period=month("2022-03"),
      want="supported")
claim("01", "closing in on fifteen hundred", "equipment:tanks", 1500, qualifier="nearly", cumulative=True,
      want="supported", note="spelled-out number; \"closing in on\" read as nearly")
claim("01", "1,477 this morning", "equipment:tanks", 1477, cumulative=True, want="supported")
claim("01", "116 of them since June began", "equipment:tanks", 116, period=upto("2022-06-01", A),
      want="supported")
claim("01", "3,588 armoured vehicles", "equipment:afv", 3588, cumulative=True, want="supported")
claim("01", "749 artillery pieces", "equipment:artillery", 749, cumulative=True, want="supported")
claim("01", "216 warplanes", "equipment:aircraft", 216, cumulative=True, want="supported")
claim("01", "downed helicopters stands at 118", "equipment:helicopters", 118, cumulative=True,
      want="contradicted", note="digits swapped: 181 in the report")
claim("01", "crept past six hundred for the first time", "equipment:uav", 600, None, qualifier="more_than",
      cumulative=True, want="supported", note="spelled-out number; the previous report had 598")
claim("01", "fourteen warships and boats", "equipment:ships", 14, cumulative=True, want="supported",
      note="spelled-out number")
claim("01", "Russian dead could number as many as 20,000", "killed", None, 20000, qualifier="up_to",
      cumulative=True, want="not_checkable", note="an unnamed Western official (illustrative)")
claim("01", "Ukraine has lost more than 23,000 servicemen since March", "personnel_losses", 23000, None,
      qualifier="more_than", side="ukraine", period=upto("2022-03-01", A), want="not_checkable",
      note="Moscow's claim about Ukraine's losses (illustrative)")
distractor("01", "Monday 20 June 2022", None, "date of the programme")
distractor("01", "07:00 bulletin", 7, "time of the broadcast")
distractor("01", "its seventeenth week", 17, "duration of the war in weeks")
distractor("01", "the twenty-fourth of February", 24, "date the invasion began (spelled out)")
distractor("01", "around 100,000 residents", 100000, "pre-war population of Sievierodonetsk")
distractor("01", "fewer than 10,000 remain", 10000, "residents still in the city, not losses")
distractor("01", "35 degrees", 35, "temperature")
distractor("01", "94.6 FM", 94.6, "radio frequency")


# ----------------------------------------------------------------------------------------------
# 02  newsletter bullets, 2022-09-12

A = "2022-09-12"
DOCS["02"] = (A, "newsletter bullet list")
claim("02", "personnel losses at 52,950 this morning", "personnel_losses", 52950, cumulative=True,
      want="supported")
claim("02", "up 300 on the previous report", "personnel_losses", 300, period=day_before(A), want="supported",
      note="increment of the report dated 2022-09-12")
claim("02", "passed the 50,000 mark on Tuesday", "personnel_losses", 50000, None, qualifier="more_than",
      cumulative=True, period=asof("2022-09-06"), want="supported",
      note="Tuesday = the report dated 2022-09-06; the report of 2022-09-05 had 49,800")
claim("02", "Kyiv logged 4,600 Russian losses in the first eleven days of September", "personnel_losses",
      4600, period=["2022-09-01", "2022-09-11"], want="supported")
claim("02", "roughly 420 a day", "personnel_losses", 420, qualifier="about", rate="per_day",
      period=["2022-09-01", "2022-09-11"], want="supported")
claim("02", "about 236 a day in August", "personnel_losses", 236, qualifier="about", rate="per_day",
      period=month("2022-08"), want="supported")
claim("02", "In the seven days to Sunday alone it counted 3,150", "personnel_losses", 3150,
      period=["2022-09-05", "2022-09-11"], want="supported", note="seven loss days ending Sunday 11 September")
claim("02", "an average of 450 a day", "personnel_losses", 450, rate="per_day",
      period=["2022-09-05", "2022-09-11"], want="supported")
claim("02", "7,320 Russian personnel losses", "personnel_losses", 7320, period=month("2022-08"),
      want="supported")
claim("02", "second only to March", "personnel_losses", 2, period=month("2022-08"), kind="rank", rank={},
      want="supported")
claim("02", "229 tanks", "equipment:tanks", 229, period=month("2022-08"), want="supported")
claim("02", "334 armoured combat vehicles", "equipment:afv", 334, period=month("2022-08"), want="supported")
claim("02", "roughly 11 a day", "equipment:afv", 11, qualifier="about", rate="per_day",
      period=month("2022-08"), want="supported")
claim("02", "36 air-defence systems were hit", "equipment:air_defense", 36, period=month("2022-08"),
      want="supported")
claim("02", "a figure exceeded only in March", "equipment:air_defense", 2, period=month("2022-08"),
      kind="rank", rank={}, want="supported")
claim("02", "Kyiv counted 17,650 personnel losses", "personnel_losses", 17650,
      period=["2022-06-01", "2022-08-31"], want="supported")
claim("02", "some 700 tanks", "equipment:tanks", 700, qualifier="about", period=["2022-06-01", "2022-08-31"],
      want="contradicted", note="overstated")
claim("02", "2,169 tanks", "equipment:tanks", 2169, cumulative=True, want="supported")
claim("02", "4,640 armoured combat vehicles", "equipment:afv", 4640, cumulative=True, want="supported")
claim("02", "1,263 artillery systems", "equipment:artillery", 1263, cumulative=True, want="supported")
claim("02", "331 multiple rocket launchers", "equipment:mlrs", 331, cumulative=True, want="contradicted",
      note="wrong digit: 311 in the report")
claim("02", "930 drones", "equipment:uav", 930, cumulative=True, want="contradicted",
      note="digits transposed: 903 in the report")
claim("02", "15 warships and boats", "equipment:ships", 15, cumulative=True, want="supported")
claim("02", "nearly 9,000 Ukrainian servicemen had been killed", "killed", 9000, qualifier="nearly",
      side="ukraine", cumulative=True, want="not_checkable",
      note="Ukraine's own losses (illustrative, after a statement by Ukraine's commander-in-chief in August 2022)")
distractor("02", "No. 29", 29, "issue number")
distractor("02", "in five bullets", 5, "number of items in the newsletter")
distractor("02", "Monday 12 September 2022", None, "issue date")
distractor("02", "more than 3,000 square kilometres", 3000, "area retaken")
distractor("02", "since 6 September", 6, "date")
distractor("02", "pre-war population 46,000", 46000, "population of Izium")
distractor("02", "€340 per megawatt-hour", 340, "gas price")
distractor("02", "six reactors", 6, "number of reactors")


# ----------------------------------------------------------------------------------------------
# 03  Telegram channel post (translated), 2022-12-05; report lines with plain-space digit groups

A = "2022-12-05"
DOCS["03"] = (A, "Telegram channel post, translated (report lines, digits grouped with spaces)")
claim("03", "personnel — about 91 690", "personnel_losses", 91690, qualifier="about", cumulative=True,
      want="supported", note="digits grouped with a plain space")
claim("03", "91 690 (+540)", "personnel_losses", 540, period=day_before(A), want="supported",
      note="increment in the report dated 2022-12-05")
claim("03", "tanks — 2924", "equipment:tanks", 2924, cumulative=True, want="supported")
claim("03", "2924 (+2)", "equipment:tanks", 2, period=day_before(A), want="supported")
claim("03", "armoured combat vehicles — 5900", "equipment:afv", 5900, cumulative=True, want="supported")
claim("03", "5900 (+8)", "equipment:afv", 8, period=day_before(A), want="supported")
claim("03", "artillery systems — 1914", "equipment:artillery", 1914, cumulative=True, want="supported")
claim("03", "1914 (+6)", "equipment:artillery", 6, period=day_before(A), want="supported")
claim("03", "helicopters — 246", "equipment:helicopters", 246, cumulative=True, want="contradicted",
      note="digits transposed: the report had 264")
claim("03", "246 (+1)", "equipment:helicopters", 1, period=day_before(A), want="supported")
claim("03", "UAV of operational-tactical level — 1582", "equipment:uav", 1582, cumulative=True,
      want="supported")
claim("03", "1582 (+19)", "equipment:uav", 19, period=day_before(A), want="contradicted",
      note="the report had +9")
claim("03", "vehicles and fuel tanks — 4497", "equipment:vehicles", 4497, cumulative=True, want="supported")
claim("03", "4497 (+18)", "equipment:vehicles", 18, period=day_before(A), want="supported")
claim("03", "cruise missiles — 531", "equipment:cruise_missiles", 531, cumulative=True, want="supported")
claim("03", "warships / boats — 16", "equipment:ships", 16, cumulative=True, want="supported")
claim("03", "November was the bloodiest month for the occupiers since the full-scale invasion began",
      "personnel_losses", 1, period=month("2022-11"), kind="rank", rank={}, want="supported")
claim("03", "16 970 liquidated", "personnel_losses", 16970, period=month("2022-11"), want="supported")
claim("03", "about 566 every day", "personnel_losses", 566, qualifier="about", rate="per_day",
      period=month("2022-11"), want="supported")
claim("03", "October, with 12 860", "personnel_losses", 12860, period=month("2022-10"), want="supported")
claim("03", "is now in second place", "personnel_losses", 2, period=month("2022-10"), kind="rank", rank={},
      want="supported", note="October 2022, ranked among complete months as of the post")
claim("03", "shot down 134 cruise missiles", "equipment:cruise_missiles", 134, period=month("2022-11"),
      want="supported")
claim("03", "the count has grown by 2 520", "personnel_losses", 2520, period=upto("2022-12-01", A),
      want="contradicted", note="digits transposed: 2,250 in the data")
claim("03", "the 100 000 mark will be passed before the New Year", "personnel_losses", 100000, None,
      qualifier="more_than", period=[A, "2022-12-31"], cumulative=True, kind="projection",
      want="supported")
claim("03", "300 000 reservists", "mobilized", 300000, period=["2022-09-21", "2022-10-28"],
      want="not_checkable", note="partial mobilisation of 2022 (assessments.csv ru-mobilization-2022)")
claim("03", "more than 1 000 Ukrainian servicemen over the past week", "casualties", 1000, None,
      qualifier="more_than", side="ukraine", period=["2022-11-28", "2022-12-04"], want="not_checkable",
      note="Moscow's claim about Ukraine's losses (illustrative)")
distractor("03", "as of 05.12.2022", None, "date of the report")
distractor("03", "Posted 08:12", None, "time of posting")
distractor("03", "4.1K views", 4100, "view count")
distractor("03", "day 285", 285, "day number of the war")
distractor("03", "between 24.02 and 05.12", None, "dates in the report header")
distractor("03", "−9 °C", -9, "temperature")
distractor("03", "up to 4 hours today", 4, "duration of power cuts")
distractor("03", "412 000 of us", 412000, "subscriber count")


# ----------------------------------------------------------------------------------------------
# 04  fact-check, 2023-04-03; the checked posts' figures are claims too

A = "2023-04-03"
DOCS["04"] = (A, "fact-check")
claim("04", 'states that "175,000 Russian soldiers are dead', "killed", 175000, cumulative=True,
      want="metric_mismatch", note="viral post, quoted in the introduction")
claim("04", 'Claim A: "175,000 Russian soldiers are dead', "killed", 175000, cumulative=True,
      want="metric_mismatch", note="the same viral figure, repeated as the checked claim")
claim("04", "lost 42,100 men in March alone, according to Ukraine's General Staff", "personnel_losses", 42100,
      period=month("2023-03"), want="contradicted", note="viral post; first two digits swapped (24,100)")
claim("04", "over 5,000 Russian tanks", "equipment:tanks", 5000, None, qualifier="more_than", cumulative=True,
      want="contradicted", note="viral post")
claim("04", "lost more than a thousand soldiers a day in March", "personnel_losses", 1000, None,
      qualifier="more_than", rate="per_day", period=month("2023-03"), want="contradicted",
      note="viral post, unattributed; spelled-out number")
claim("04", "put Russian personnel losses at 175,160", "personnel_losses", 175160, cumulative=True,
      want="supported")
claim("04", "Russia lost 42,100 men in March.", "personnel_losses", 42100, period=month("2023-03"),
      want="contradicted", note="the viral figure repeated as the checked claim")
claim("04", "recorded 24,100 Russian losses in March", "personnel_losses", 24100, period=month("2023-03"),
      want="supported")
claim("04", "the largest monthly figure it has published so far", "personnel_losses", 1,
      period=month("2023-03"), kind="rank", rank={}, want="supported")
claim("04", "Over 5,000 Russian tanks destroyed", "equipment:tanks", 5000, None, qualifier="more_than",
      cumulative=True, want="contradicted", note="the viral figure repeated as the checked claim")
claim("04", "tank count stood at 3,619 on Monday", "equipment:tanks", 3619, cumulative=True,
      want="supported", note="Monday = the article date")
claim("04", "rose by 221 during March", "equipment:tanks", 221, period=month("2023-03"), want="supported")
claim("04", "More than a thousand soldiers a day in March", "personnel_losses", 1000, None,
      qualifier="more_than", rate="per_day", period=month("2023-03"), want="contradicted",
      note="the viral figure repeated as the checked claim; spelled-out number")
claim("04", "The March average was about 777 a day", "personnel_losses", 777, qualifier="about",
      rate="per_day", period=month("2023-03"), want="supported")
claim("04", "Kyiv counted 67,270 Russian losses", "personnel_losses", 67270,
      period=["2023-01-01", "2023-03-31"], want="supported", note="first quarter of 2023")
claim("04", "an average of 747 a day", "personnel_losses", 747, rate="per_day",
      period=["2023-01-01", "2023-03-31"], want="supported")
claim("04", "covering fighting on 11 March, added 1,090", "personnel_losses", 1090,
      period=["2023-03-11", "2023-03-11"], want="supported",
      note="the text names both the report (12 March) and the day of fighting (11 March)")
claim("04", "confirmed more than 18,000 deaths", "named_killed", 18000, None, qualifier="more_than",
      cumulative=True, want="not_checkable",
      note="BBC Russian Service + Mediazona named count (illustrative figure for spring 2023)")
distractor("04", "3 April 2023", None, "date of the article")
distractor("04", "more than 12,000 times", 12000, "number of shares")
distractor("04", "viewed 1.2 million times", 1200000, "view count")
distractor("04", "300,000 followers", 300000, "follower count")
distractor("04", "the report published on 12 March", 12, "date of a report")
distractor("04", "45 seconds long", 45, "length of a video")
distractor("04", "at 9 p.m.", 9, "time of day")


# ----------------------------------------------------------------------------------------------
# 05  British tabloid, 2023-08-01

A = "2023-08-01"
DOCS["05"] = (A, "British tabloid")
claim("05", "loses a whopping 17,820 men in July", "personnel_losses", 17820, period=month("2023-07"),
      want="supported", note="headline; the figure is Kyiv's")
claim("05", "17,820 Russian troops were killed or wounded in July", "personnel_losses", 17820,
      period=month("2023-07"), want="supported")
claim("05", "some 575 every single day", "personnel_losses", 575, qualifier="about", rate="per_day",
      period=month("2023-07"), want="supported")
claim("05", "hit 246,690", "personnel_losses", 246690, cumulative=True, want="supported")
claim("05", "closing in on a quarter of a million", "personnel_losses", 250000, qualifier="nearly",
      cumulative=True, want="supported", note="\"a quarter of a million\" = 250,000")
claim("05", "a staggering 677 Russian artillery systems in July", "equipment:artillery", 677,
      period=month("2023-07"), want="supported")
claim("05", "the second-heaviest monthly toll for Putin's big guns, behind only June", "equipment:artillery",
      2, period=month("2023-07"), kind="rank", rank={}, want="supported")
claim("05", "73 air-defence systems", "equipment:air_defense", 73, period=month("2023-07"),
      want="supported")
claim("05", "a record 73 air-defence systems", "equipment:air_defense", 1, period=month("2023-07"),
      kind="rank", rank={}, want="supported")
claim("05", "some 471 tanks", "equipment:tanks", 471, qualifier="about", period=month("2023-07"),
      want="contradicted", note="digits reversed: 174 in the data")
claim("05", "Almost 500 of the Kremlin's drones", "equipment:uav", 500, qualifier="nearly",
      period=month("2023-07"), want="supported")
claim("05", "more than 38,000 invaders have been put out of action", "personnel_losses", 38000, None,
      qualifier="more_than", period=upto("2023-06-04", A), want="contradicted",
      note="since 4 June, as of the report of 2023-08-01")
claim("05", "Kyiv has counted 139,970", "personnel_losses", 139970, period=["2023-01-01", "2023-07-31"],
      want="supported", note="first seven months of 2023")
claim("05", "some 660 a day", "personnel_losses", 660, qualifier="about", rate="per_day",
      period=["2023-01-01", "2023-07-31"], want="supported")
claim("05", "between 40,000 and 60,000 Russian troops have been killed", "killed", 40000, 60000,
      qualifier="range", cumulative=True, want="not_checkable",
      note="British defence intelligence, deaths only (illustrative)")
claim("05", "Ukraine has lost 26,000 soldiers since June", "casualties", 26000, side="ukraine",
      period=upto("2023-06-01", A), want="not_checkable", note="Moscow's claim about Ukraine's losses (illustrative)")
distractor("05", "began on June 4", 4, "date the counter-offensive began")
distractor("05", "Putin, 70,", 70, "age")
distractor("05", "the 19km Kerch bridge", 19, "length of a bridge")
distractor("05", "68 per cent of Brits", 68, "poll percentage")


# ----------------------------------------------------------------------------------------------
# 06  data journalism, a table written as sentences, 2023-11-20

A = "2023-11-20"
DOCS["06"] = (A, "data journalism (table written as sentences)")
for ym, name, v, w in [("2023-01", "January", 21700, "supported"), ("2023-02", "February", 21470, "supported"),
                       ("2023-03", "March", 24100, "supported"), ("2023-04", "April", 16970, "supported"),
                       ("2023-05", "May", 17410, "supported"), ("2023-06", "June", 20500, "supported"),
                       ("2023-07", "July", 17820, "supported"), ("2023-08", "August", 16800, "supported"),
                       ("2023-09", "September", 15800, "contradicted"), ("2023-10", "October", 22920, "supported")]:
    claim("06", f"{name} {v:,}", "personnel_losses", v, period=month(ym), want=w,
          note="one cell of the monthly table" + ("; digits transposed: 15,080 in the data" if w == "contradicted" else ""))
claim("06", "October was the second-highest month of the war so far, behind only March", "personnel_losses", 2,
      period=month("2023-10"), kind="rank", rank={}, want="supported")
claim("06", "counted 194,770 Russian personnel losses", "personnel_losses", 194770,
      period=["2023-01-01", "2023-10-31"], want="supported", note="first ten months of 2023")
claim("06", "an average of about 19,500 a month", "personnel_losses", 19500, qualifier="about",
      rate="per_month", period=["2023-01-01", "2023-10-31"], want="supported")
claim("06", "Tank losses in October came to 521", "equipment:tanks", 521, period=month("2023-10"),
      want="supported")
claim("06", "the most in any month", "equipment:tanks", 1, period=month("2023-10"), kind="rank", rank={},
      want="supported")
claim("06", "September's 243", "equipment:tanks", 243, period=month("2023-09"), want="supported")
claim("06", "Armoured vehicle losses reached 843", "equipment:afv", 843, period=month("2023-10"),
      want="supported")
claim("06", "the third-highest monthly figure, behind March and May 2022", "equipment:afv", 3,
      period=month("2023-10"), kind="rank", rank={}, want="supported")
claim("06", "peaked in September at 947", "equipment:artillery", 947, period=month("2023-09"),
      want="supported")
claim("06", "Artillery, by contrast, peaked in September", "equipment:artillery", 1, period=month("2023-09"),
      kind="rank", rank={}, want="supported", note="\"peaked\": the highest month, ranked among complete months")
claim("06", "the reports list 36,130 Russian personnel losses", "personnel_losses", 36130,
      period=upto("2023-10-10", A), want="supported", note="since 10 October, as of the report of 2023-11-20")
claim("06", "610 tanks", "equipment:tanks", 610, period=upto("2023-10-10", A), want="supported")
claim("06", "1,093 armoured vehicles", "equipment:afv", 1093, period=upto("2023-10-10", A),
      want="contradicted", note="digits transposed: 1,039 in the data")
claim("06", "the count rose by 6,660", "personnel_losses", 6660, period=["2023-11-13", "2023-11-19"],
      want="supported", note="past week = seven loss days before the article date")
claim("06", "roughly 950 a day", "personnel_losses", 950, qualifier="about", rate="per_day",
      period=["2023-11-13", "2023-11-19"], want="supported")
claim("06", "17,720 in nineteen days", "personnel_losses", 17720, period=upto("2023-11-01", A),
      want="supported")
claim("06", "an average of 933 a day", "personnel_losses", 933, rate="per_day", period=upto("2023-11-01", A),
      want="supported")
claim("06", "November will finish above 27,000", "personnel_losses", 27000, None, qualifier="more_than",
      period=month("2023-11"), kind="projection", want="supported",
      note="projection of the November 2023 total, checked with hindsight")
claim("06", "reached 319,210 on Monday", "personnel_losses", 319210, cumulative=True, want="supported",
      note="Monday = the article date")
distractor("06", "Monday 20 November 2023", None, "date of the article")
distractor("06", "The monthly record for 2023", None, "year of the table")
distractor("06", "all 634 of the General Staff's morning reports", 634, "number of reports read")
distractor("06", "began on 10 October", 10, "date the assault began")
distractor("06", "about 32,000 residents", 32000, "pre-war population of Avdiivka")
distractor("06", "13 km north of Donetsk", 13, "distance")
distractor("06", "7 days on which", 7, "number of days without change in the series")


# ----------------------------------------------------------------------------------------------
# 07  parliamentary written question and answer, 2024-03-12

A = "2024-03-12"
DOCS["07"] = (A, "parliamentary written question and answer")
claim("07", "January 2024 was the deadliest month of the war for Russian forces", "personnel_losses", 1,
      period=month("2024-01"), kind="rank", rank={}, want="contradicted",
      note="reports cited in the question; January 2024 (26,220) was fourth")
claim("07", "a cumulative total of 425,890", "personnel_losses", 425890, cumulative=True, want="supported",
      note="\"this morning\" = the report dated 2024-03-12")
claim("07", "losses so far in 2024 stand at around 66,000", "personnel_losses", 66000, qualifier="about",
      period=upto("2024-01-01", A), want="supported")
claim("07", "253,290 in calendar year 2023", "personnel_losses", 253290, period=["2023-01-01", "2023-12-31"],
      want="supported", note="loss-day; report-day gives 253,270")
claim("07", "February 2024, at 28,450", "personnel_losses", 28450, period=month("2024-02"), want="supported")
claim("07", "was the third-highest month in its series", "personnel_losses", 3, period=month("2024-02"),
      kind="rank", rank={}, want="supported")
claim("07", "around 980 a day", "personnel_losses", 980, qualifier="about", rate="per_day",
      period=month("2024-02"), want="supported")
claim("07", "Russia had suffered at least 315,000 casualties", "casualties", 315000, None, qualifier="at_least",
      cumulative=True, period=asof("2024-01-30"), want="supported",
      note="CIA Director (assessments.csv cia-2024-01, published January 2024, dated 2024-01-30 there); "
           "any January date gives the same verdict (the count was 360,010 on 1 January)")
claim("07", "at least 45,123 Russian military deaths", "named_killed", 45123, None,
      qualifier="at_least", cumulative=True, want="not_checkable",
      note="BBC Russian Service + Mediazona named count (assessments.csv bbcmz-2024-02)")
claim("07", "more than 760 tanks", "equipment:tanks", 760, None, qualifier="more_than",
      period=upto("2024-01-01", A), want="supported", note="since 1 January")
claim("07", "around 1,800 armoured combat vehicles", "equipment:afv", 1800, qualifier="about",
      period=upto("2024-01-01", A), want="supported")
claim("07", "some 2,400 artillery systems", "equipment:artillery", 2400, qualifier="about",
      period=upto("2024-01-01", A), want="contradicted", note="overstated")
claim("07", "Three Russian warships and boats", "equipment:ships", 3, period=upto("2024-01-01", A),
      want="supported", note="spelled-out number; \"this year\" = since 1 January")
claim("07", "Ukraine has lost 444,000 personnel", "casualties", 444000, side="ukraine", cumulative=True,
      want="not_checkable", note="Moscow's claim about Ukraine's losses (illustrative)")
distractor("07", "UIN 17953", 17953, "question reference number")
distractor("07", "since February 2022", None, "date")
distractor("07", "tabled on 4 March 2024", None, "date")
distractor("07", "on 12 March 2024", None, "date of the answer")
distractor("07", "£2.5 billion", 2500000000, "military aid")
distractor("07", "the 2024/25 financial year", None, "financial year")


# ----------------------------------------------------------------------------------------------
# 08  interview, 2024-08-20

A = "2024-08-20"
DOCS["08"] = (A, "interview")
claim("08", "crossed 600,000 on Monday", "personnel_losses", 600000, None, qualifier="more_than",
      cumulative=True, period=asof("2024-08-19"), want="supported",
      note="Monday = the report dated 2024-08-19; the report of 2024-08-18 had 599,140")
claim("08", "This morning's report puts it at 601,800", "personnel_losses", 601800, cumulative=True,
      want="supported")
claim("08", "600,000 Russians dead", "killed", 600000, cumulative=True, want="metric_mismatch",
      note="a headline figure quoted in order to correct it")
claim("08", "July came in at 35,680", "personnel_losses", 35680, period=month("2024-07"), want="supported")
claim("08", "second only to May", "personnel_losses", 2, period=month("2024-07"), kind="rank", rank={},
      want="supported")
claim("08", "June was 35,030", "personnel_losses", 35030, period=month("2024-06"), want="supported")
claim("08", "you get around 110,000", "personnel_losses", 110000, qualifier="about",
      period=["2024-05-01", "2024-07-31"], want="supported")
claim("08", "more than 36,000 a month", "personnel_losses", 36000, None, qualifier="more_than",
      rate="per_month", period=["2024-05-01", "2024-07-31"], want="supported")
claim("08", "about 1,250 a day", "personnel_losses", 1250, qualifier="about", rate="per_day",
      period=upto("2024-08-01", A), want="contradicted", note="overstated")
claim("08", "the figure was 183,800", "personnel_losses", 183800, period=["2024-01-01", "2024-06-30"],
      want="supported")
claim("08", "just over 1,000 a day", "personnel_losses", 1000, None, qualifier="more_than", rate="per_day",
      period=["2024-01-01", "2024-06-30"], want="supported")
claim("08", "logged 16,660 Russian losses", "personnel_losses", 16660, period=upto("2024-08-06", A),
      want="supported", note="since 6 August (spelled-out date), as of the report of 2024-08-20")
claim("08", "Ukraine has lost 4,700 servicemen in the Kursk region", "casualties", 4700, side="ukraine",
      period=upto("2024-08-06", A), want="not_checkable", note="Moscow's claim about Ukraine's losses (illustrative)")
claim("08", "Kyiv counted 1,520 systems in July", "equipment:artillery", 1520, period=month("2024-07"),
      want="supported")
claim("08", "a monthly record", "equipment:artillery", 1, period=month("2024-07"), kind="rank", rank={},
      want="supported")
claim("08", "vehicle losses topped 2,000 in a single month", "equipment:vehicles", 2000, None,
      qualifier="more_than", period=month("2024-07"), want="supported", note="July 2024")
claim("08", "300 in July", "equipment:tanks", 300, period=month("2024-07"), want="supported")
claim("08", "482 in May", "equipment:tanks", 482, period=month("2024-05"), want="contradicted",
      note="digits transposed: 428 in the data")
claim("08", "named nearly 60,000 dead soldiers", "named_killed", 60000, qualifier="nearly", cumulative=True,
      want="not_checkable", note="BBC Russian Service + Mediazona named count (illustrative)")
distractor("08", "Tuesday 20 August 2024", None, "date of the interview")
distractor("08", "Dr Varga, 47,", 47, "age")
distractor("08", "about 1,150 square kilometres", 1150, "area held")
distractor("08", "exceed 1.5 million roubles", 1500000, "recruitment bonus")


# ----------------------------------------------------------------------------------------------
# 09  wire brief, 2025-01-02

A = "2025-01-02"
DOCS["09"] = (A, "wire brief")
claim("09", "Kyiv puts Russia's losses in 2024 at 430,790", "personnel_losses", 430790,
      period=["2024-01-01", "2024-12-31"], want="supported", note="headline")
claim("09", "Russia lost 430,790 troops killed, wounded or captured in 2024", "personnel_losses", 430790,
      period=["2024-01-01", "2024-12-31"], want="supported", note="loss-day; report-day gives 430,320")
claim("09", "an average of about 1,177 a day", "personnel_losses", 1177, qualifier="about", rate="per_day",
      period=["2024-01-01", "2024-12-31"], want="supported", note="366 days in 2024")
claim("09", "December was the costliest month of the war so far", "personnel_losses", 1,
      period=month("2024-12"), kind="rank", rank={}, want="supported")
claim("09", "with 48,670 losses", "personnel_losses", 48670, period=month("2024-12"), want="supported")
claim("09", "or 1,570 a day", "personnel_losses", 1570, rate="per_day", period=month("2024-12"),
      want="supported")
claim("09", "The final quarter alone accounted for 146,370", "personnel_losses", 146370,
      period=["2024-10-01", "2024-12-31"], want="contradicted", note="wrong digit: 136,370 in the data")
claim("09", "the General Staff counted 11,310 Russian losses", "personnel_losses", 11310,
      period=["2024-12-26", "2025-01-01"], want="supported",
      note="seven days to Wednesday 1 January = loss days 26 December..1 January")
claim("09", "more than 1,600 a day", "personnel_losses", 1600, None, qualifier="more_than", rate="per_day",
      period=["2024-12-26", "2025-01-01"], want="supported")
claim("09", "the total since February 2022 at 792,170", "personnel_losses", 792170, cumulative=True,
      want="supported")
claim("09", "including 1,370 in the past 24 hours", "personnel_losses", 1370, period=day_before(A),
      want="supported")
claim("09", "Russia lost 3,869 tanks", "equipment:tanks", 3869, period=["2024-01-01", "2024-12-31"],
      want="contradicted", note="digits transposed: 3,689 in the data")
claim("09", "nearly 9,000 armoured combat vehicles", "equipment:afv", 9000, qualifier="nearly",
      period=["2024-01-01", "2024-12-31"], want="supported")
claim("09", "about 14,500 drones in 2024", "equipment:uav", 14500, qualifier="about",
      period=["2024-01-01", "2024-12-31"], want="supported")
claim("09", "October saw a record 923 armoured vehicles destroyed", "equipment:afv", 1,
      period=month("2024-10"), kind="rank", rank={}, want="supported")
claim("09", "923 armoured vehicles", "equipment:afv", 923, period=month("2024-10"), want="supported")
claim("09", "The cumulative drone count has passed 21,000", "equipment:uav", 21000, None,
      qualifier="more_than", cumulative=True, want="supported")
claim("09", "Ukraine had lost more than 560,000 servicemen in 2024", "casualties", 560000, None,
      qualifier="more_than", side="ukraine", period=["2024-01-01", "2024-12-31"], want="not_checkable",
      note="Moscow's claim about Ukraine's losses (illustrative)")
claim("09", "drafted 133,000 men", "conscripted", 133000, period=["2024-10-01", "2024-12-31"],
      want="not_checkable",
      note="autumn 2024 call-up (assessments.csv ru-conscription-2024-autumn); conscripts, not losses")
distractor("09", "aged 18 to 30", 18, "age bracket (18 to 30) of the call-up")
distractor("09", "ended on Tuesday", None, "end date of the call-up")
distractor("09", "LONDON, Jan 2", None, "dateline")
distractor("09", "nearly 70% more", 70, "percentage change")
distractor("09", "189 settlements", 189, "settlements captured, not losses")
distractor("09", "The rouble ended 2024", None, "year")
distractor("09", "about 113 to the dollar", 113, "exchange rate")


# ----------------------------------------------------------------------------------------------
# 10  local newspaper, 2025-04-14

A = "2025-04-14"
DOCS["10"] = (A, "local newspaper")
claim("10", "Russia had lost 932,670 soldiers since the full-scale invasion", "personnel_losses", 932670,
      cumulative=True, period=asof("2025-04-13"), want="supported",
      note="the figures published on Sunday morning = the report dated 2025-04-13")
claim("10", "Monday's update took the total to 933,980", "personnel_losses", 933980, cumulative=True,
      want="supported")
claim("10", "In March alone they counted 41,160", "personnel_losses", 41160, period=month("2025-03"),
      want="supported")
claim("10", "the fifth-worst month of the whole war", "personnel_losses", 5, period=month("2025-03"),
      kind="rank", rank={}, want="supported")
claim("10", "roughly 1,400 a day", "personnel_losses", 1400, qualifier="about", rate="per_day",
      period=month("2025-03"), want="contradicted", note="overstated")
claim("10", "more than half a million soldiers", "personnel_losses", 500000, None, qualifier="more_than",
      period=upto("2024-01-01", A), want="supported", note="\"since the start of last year\" = since 2024-01-01")
claim("10", "in the first three months of this year alone, 125,970", "personnel_losses", 125970,
      period=["2025-01-01", "2025-03-31"], want="supported")
claim("10", "more than 900,000 Russian soldiers had been killed", "killed", 900000, None,
      qualifier="more_than", cumulative=True, want="metric_mismatch", note="a flyer's wording")
claim("10", "a record 1,644 Russian artillery systems in March", "equipment:artillery", 1,
      period=month("2025-03"), kind="rank", rank={}, want="supported")
claim("10", "1,644 Russian artillery systems", "equipment:artillery", 1644, period=month("2025-03"),
      want="supported")
claim("10", "more than 4,000 drones", "equipment:uav", 4000, None, qualifier="more_than",
      period=month("2025-03"), want="supported")
claim("10", "more than 120 tanks", "equipment:tanks", 120, None, qualifier="more_than",
      period=upto("2025-04-01", A), want="contradicted", note="117 in April to the report of 2025-04-14")
distractor("10", "Monday, April 14, 2025", None, "date of the issue")
distractor("10", "About 80 people", 80, "attendance")
distractor("10", "Oksana Melnyk, 52,", 52, "age")
distractor("10", "in 1998", None, "year")
distractor("10", "Taras, 55,", 55, "age")
distractor("10", "$18,400", 18400, "money raised")
distractor("10", "on May 3", 3, "date of an event")
distractor("10", "Tickets are $25", 25, "price")
distractor("10", "population 14,200", 14200, "population of the town")
distractor("10", "around 300 people of Ukrainian descent", 300, "community size")
distractor("10", "the 2021 census", None, "year of the census")


# ----------------------------------------------------------------------------------------------
# 11  podcast episode notes, 2025-08-25

A = "2025-08-25"
DOCS["11"] = (A, "podcast show notes")
claim("11", "A million and counting", "personnel_losses", 1000000, None, qualifier="more_than",
      cumulative=True, want="supported", note="episode title; spelled-out number; \"and counting\" read as more than")
claim("11", "stood at 1,076,940 this morning", "personnel_losses", 1076940, cumulative=True, want="supported")
claim("11", "It first passed one million on 12 June", "personnel_losses", 1000000, None, qualifier="more_than",
      cumulative=True, period=asof("2025-06-12"), want="supported",
      note="spelled-out number; 12 June = the report dated 2025-06-12 (the report of 2025-06-11 had 999,200)")
claim("11", "has added 67,600 since", "personnel_losses", 67600, period=upto("2025-06-12", A),
      want="contradicted",
      note="since 12 June, as of the report of 2025-08-25; digits transposed: 76,600 in the data")
claim("11", "Over the past seven days alone, about 6,000", "personnel_losses", 6000, qualifier="about",
      period=["2025-08-18", "2025-08-24"], want="supported")
claim("11", "July came in at 33,220", "personnel_losses", 33220, period=month("2025-07"), want="supported")
claim("11", "about 1,070 a day", "personnel_losses", 1070, qualifier="about", rate="per_day",
      period=month("2025-07"), want="supported")
claim("11", "running at under 950 a day", "personnel_losses", None, 950, qualifier="less_than", rate="per_day",
      period=upto("2025-08-01", A), want="supported")
claim("11", "the month will close below 30,000", "personnel_losses", None, 30000, qualifier="less_than",
      period=month("2025-08"), kind="projection", want="supported",
      note="projection of the August 2025 total, checked with hindsight")
claim("11", "only 85 Russian tanks in July", "equipment:tanks", 85, period=month("2025-07"), want="supported")
claim("11", "the second-lowest monthly total of the war", "equipment:tanks", 2, period=month("2025-07"),
      kind="rank", rank={"order": "lowest"}, want="supported")
claim("11", "140 armoured vehicles", "equipment:afv", 140, period=month("2025-07"), want="supported")
claim("11", "the lowest ever", "equipment:afv", 1, period=month("2025-07"), kind="rank",
      rank={"order": "lowest"}, want="supported")
claim("11", "drones hit a record 6,171 in July", "equipment:uav", 1, period=month("2025-07"), kind="rank",
      rank={}, want="supported")
claim("11", "6,171 in July", "equipment:uav", 6171, period=month("2025-07"), want="contradicted",
      note="digits transposed: 6,117 in the data")
claim("11", "122,883 Russian soldiers killed by 8 August", "named_killed", 122883,
      cumulative=True, want="not_checkable",
      note="BBC Russian Service + Mediazona named count (assessments.csv bbcmz-2025-08-08)")
claim("11", "between 189,000 and 273,000", "killed", 189000, 273000, qualifier="range", cumulative=True,
      period=asof("2025-08-08"), want="not_checkable",
      note="BBC Russian Service + Mediazona estimate of deaths (assessments.csv bbcmz-2025-08-08-est)")
claim("11", "Kyiv counted some 470,000 Russian losses", "personnel_losses", 470000, qualifier="about",
      period=["2024-08-24", "2025-08-23"], want="supported",
      note="between Independence Day 2024 and Independence Day 2025 = loss days 2024-08-24..2025-08-23")
claim("11", "it should pass 1.1 million by the end of September", "personnel_losses", 1100000, None,
      qualifier="more_than", cumulative=True, period=[A, "2025-09-30"], kind="projection", want="supported")
claim("11", "Ukraine lost almost 10,000 troops last week", "casualties", 10000, qualifier="nearly",
      side="ukraine", period=["2025-08-18", "2025-08-24"], want="not_checkable",
      note="Moscow's claim about Ukraine's losses (illustrative)")
distractor("11", "episode 212", 212, "episode number")
distractor("11", "Monday 25 August 2025", None, "release date")
distractor("11", "48 min", 48, "episode length")
distractor("11", "[03:15]", None, "timestamp")
distractor("11", "[07:40]", None, "timestamp")
distractor("11", "[12:05]", None, "timestamp")
distractor("11", "[18:30]", None, "timestamp")
distractor("11", "[24:10]", None, "timestamp")
distractor("11", "[31:00]", None, "timestamp")
distractor("11", "[39:45]", None, "timestamp")
distractor("11", "[44:20]", None, "timestamp")
distractor("11", "A 600-page history", 600, "length of a book")
distractor("11", "from €3 a month", 3, "price")


# ----------------------------------------------------------------------------------------------
# 12  academic working-paper abstract, 2025-11-10; report-day and net-of-corrections figures

A = "2025-11-10"
DOCS["12"] = (A, "academic abstract (report-day and net-of-correction figures)")
claim("12", "averaged 694 a day in 2023", "personnel_losses", 694, rate="per_day",
      period=["2023-01-01", "2023-12-31"], want="supported")
claim("12", "1,177 in 2024", "personnel_losses", 1177, rate="per_day", period=["2024-01-01", "2024-12-31"],
      want="supported")
claim("12", "1,185 in the first ten months of 2025", "personnel_losses", 1185, rate="per_day",
      period=["2025-01-01", "2025-10-31"], want="contradicted", note="digits transposed: 1,157.66 (1,158) in the data")
claim("12", "a total of 351,930 over January to October 2025", "personnel_losses", 351930,
      period=["2025-01-01", "2025-10-31"], want="supported", note="loss-day; report-day gives 352,280")
claim("12", "The monthly peak remains December 2024", "personnel_losses", 1, period=month("2024-12"),
      kind="rank", rank={}, want="supported")
claim("12", "at 48,670", "personnel_losses", 48670, period=month("2024-12"), want="supported")
claim("12", "October 2025 came to 31,270", "personnel_losses", 31270, period=month("2025-10"),
      convention="report-day", want="supported",
      note="explicitly counted by publication date; loss-day gives 31,250")
claim("12", "February 2025 personnel losses were 34,920", "personnel_losses", 34920, period=month("2025-02"),
      convention="loss-day-net", want="supported", note="explicitly net of retroactive corrections")
claim("12", "the published 36,570", "personnel_losses", 36570, period=month("2025-02"), want="supported",
      note="February 2025 as published (gross of the correction)")
claim("12", "October 2025 artillery losses 749", "equipment:artillery", 749, period=month("2025-10"),
      convention="loss-day-net", want="supported", note="explicitly net of retroactive corrections")
claim("12", "rather than 813", "equipment:artillery", 813, period=month("2025-10"), want="supported",
      note="October 2025 as published (gross of the correction)")
claim("12", "tank losses fell from 3,179 in January–October 2024", "equipment:tanks", 3179,
      period=["2024-01-01", "2024-10-31"], want="supported")
claim("12", "to 1,644 in the same months of 2025", "equipment:tanks", 1644, period=["2025-01-01", "2025-10-31"],
      want="supported")
claim("12", "from 2,563 in January", "equipment:uav", 2563, period=month("2025-01"), want="supported")
claim("12", "a record 11,512 in October", "equipment:uav", 1, period=month("2025-10"), kind="rank", rank={},
      want="supported", note="October 2025 is the record month whatever the exact figure")
claim("12", "11,512 in October", "equipment:uav", 11512, period=month("2025-10"), want="contradicted",
      note="digits transposed: 11,152 in the data")
claim("12", "138,500 to 200,000", "killed", 138500, 200000, qualifier="range", cumulative=True,
      period=asof("2025-01-24"), want="not_checkable",
      note="BBC Russian Service + Mediazona coverage-adjusted estimate (assessments.csv bbcmz-2025-01-24-est)")
claim("12", "30,000–36,000 soldiers a month", "recruited", 30000, 36000, qualifier="range", rate="per_month",
      want="not_checkable", note="recruitment, not losses (illustrative; compare assessments.csv us-ua-recruit-2025)")
claim("12", "its level of around 1,150,000", "personnel_losses", 1150000, qualifier="about", cumulative=True,
      want="supported")
distractor("12", "Working paper, 10 November 2025", None, "date of the paper")
distractor("12", "February 2022 to October 2025", None, "period of the study (title)")
distractor("12", "as of January 2025", None, "date of an estimate")
distractor("12", "all 1,354 daily loss reports", 1354, "number of reports")
distractor("12", "between 25 February 2022 and 9 November 2025", None, "date range of the sample")
distractor("12", "13 equipment categories", 13, "number of categories")
distractor("12", "R² = 0.18", 0.18, "regression statistic")
distractor("12", "p = 0.21", 0.21, "p-value")
distractor("12", "Word count: 7,900", 7900, "length of the paper")


# ----------------------------------------------------------------------------------------------
# 13  market news with prices as distractors, 2026-03-16

A = "2026-03-16"
DOCS["13"] = (A, "market news (prices as distractors)")
claim("13", "29,794 Russian drones downed in the first fifteen days of March", "equipment:uav", 29794,
      period=upto("2026-03-01", A), want="supported")
claim("13", "the whole of February (31,225)", "equipment:uav", 31225, period=month("2026-02"), want="supported")
claim("13", "the count rose by 15,413", "equipment:uav", 15413, period=["2026-03-09", "2026-03-15"],
      want="contradicted", note="past week = seven loss days; 14,513 in the data")
claim("13", "March will finish above 55,000", "equipment:uav", 55000, None, qualifier="more_than",
      period=month("2026-03"), kind="projection", want="supported",
      note="projection of the March 2026 total, checked with hindsight")
claim("13", "The cumulative drone count has passed 180,000", "equipment:uav", 180000, None,
      qualifier="more_than", cumulative=True, want="supported")
claim("13", "the General Staff's tally reached 1,279,930 on Monday", "personnel_losses", 1279930,
      cumulative=True, want="supported")
claim("13", "February's 26,090", "personnel_losses", 26090, period=month("2026-02"), want="supported")
claim("13", "the lowest monthly figure since October 2023", "personnel_losses", 1, period=month("2026-02"),
      kind="rank", rank={"order": "lowest", "among": ["2023-11", "2026-02"], "since": "2023-10"},
      want="supported")
claim("13", "about 930 a day", "personnel_losses", 930, qualifier="about", rate="per_day",
      period=month("2026-02"), want="supported")
claim("13", "losses since 1 January total some 71,000", "personnel_losses", 71000, qualifier="about",
      period=upto("2026-01-01", A), want="supported")
claim("13", "or about 960 a day", "personnel_losses", 960, qualifier="about", rate="per_day",
      period=upto("2026-01-01", A), want="supported")
claim("13", "the count will pass 1.3 million before the end of March", "personnel_losses", 1300000, None,
      qualifier="more_than", cumulative=True, period=[A, "2026-03-31"], kind="projection",
      want="contradicted")
claim("13", "put Russian casualties at nearly 1.2 million", "casualties", 1200000, qualifier="nearly",
      cumulative=True, period=asof("2026-01-27"), want="contradicted",
      note="CSIS (assessments.csv csis-2026-01), checked against the General Staff count as of its "
           "publication, which was already above 1.2 million")
claim("13", "20-25,000 soldiers killed a month", "killed", 20000, 25000, qualifier="range", rate="per_month",
      want="not_checkable", not_checkable=True,
      note="NATO's Secretary General (assessments.csv nato-rutte-2025-12); deaths only; compact range "
           "\"20-25,000\" = 20,000 to 25,000 (personnel losses in November 2025 were 31,190, so no match either)")
claim("13", "five warships and boats since the start of the year", "equipment:ships", 5,
      period=upto("2026-01-01", A), want="supported", note="spelled-out number")
distractor("13", "Monday 16 March 2026, 16:45 CET", None, "date and time")
distractor("13", "a third straight session", 3, "number of trading sessions")
distractor("13", "published on 27 January", 27, "date of a study")
distractor("13", "up 1.8%", 1.8, "index change")
distractor("13", "2,214.6 points", 2214.6, "index level")
distractor("13", "3.2% to €1,712", 1712, "share price")
distractor("13", "added 2.4%", 2.4, "share price change")
distractor("13", "$68.40 a barrel", 68.4, "oil price")
distractor("13", "$1.094", 1.094, "exchange rate")
distractor("13", "perhaps $35,000", 35000, "price of a drone")
distractor("13", "€800 billion", 800000000000, "EU rearmament plan")
distractor("13", "by 12%", 12, "price target change")


# ----------------------------------------------------------------------------------------------
# 14  sports-style scoreboard, 2026-08-07 (the day before the last report); U+00A0 digit groups

A = "2026-08-07"
N = "\u00a0"
DOCS["14"] = (A, "sports-style scoreboard (report lines with U+00A0 digit groups)")
NB = "digits grouped with no-break spaces (U+00A0)"
claim("14", f"Personnel: 1{N}455{N}420", "personnel_losses", 1455420, cumulative=True, want="supported", note=NB)
claim("14", f"1{N}455{N}420 (+1{N}210)", "personnel_losses", 1210, period=day_before(A), want="supported", note=NB)
claim("14", f"Tanks: 12{N}247", "equipment:tanks", 12247, cumulative=True, want="supported")
claim("14", f"12{N}247 (+1)", "equipment:tanks", 1, period=day_before(A), want="supported")
claim("14", f"Armoured vehicles: 25{N}098", "equipment:afv", 25098, cumulative=True, want="supported")
claim("14", f"25{N}098 (+11)", "equipment:afv", 11, period=day_before(A), want="supported")
claim("14", f"Artillery: 47{N}522", "equipment:artillery", 47522, cumulative=True, want="supported")
claim("14", f"47{N}522 (+76)", "equipment:artillery", 76, period=day_before(A), want="contradicted",
      note="digits swapped: the report had +67")
claim("14", f"Drones: 447{N}855", "equipment:uav", 447855, cumulative=True, want="supported")
claim("14", f"447{N}855 (+1{N}589)", "equipment:uav", 1589, period=day_before(A), want="supported")
claim("14", f"Vehicles and fuel tanks: 131{N}068", "equipment:vehicles", 131068, cumulative=True,
      want="supported")
claim("14", f"131{N}068 (+386)", "equipment:vehicles", 386, period=day_before(A), want="supported")
claim("14", f"Air defence: 1{N}505", "equipment:air_defense", 1505, cumulative=True, want="contradicted",
      note="digits transposed: the report had 1,550")
claim("14", f"1{N}505 (+3)", "equipment:air_defense", 3, period=day_before(A), want="supported")
claim("14", "Personnel: 42,860", "personnel_losses", 42860, period=month("2026-07"), want="supported")
claim("14", "the third-biggest monthly haul on record", "personnel_losses", 3, period=month("2026-07"),
      kind="rank", rank={}, want="contradicted", note="July 2026 is fourth")
claim("14", "up from 39,290 in June", "personnel_losses", 39290, period=month("2026-06"), want="supported")
claim("14", "1,383 a day", "personnel_losses", 1383, rate="per_day", period=month("2026-07"), want="supported")
claim("14", "about 9,700 a week", "personnel_losses", 9700, qualifier="about", rate="per_week",
      period=month("2026-07"), want="supported")
claim("14", "Vehicles: 13,998", "equipment:vehicles", 13998, period=month("2026-07"), want="supported")
claim("14", "a new monthly record", "equipment:vehicles", 1, period=month("2026-07"), kind="rank", rank={},
      want="supported")
claim("14", "Artillery: 2,016", "equipment:artillery", 2016, period=month("2026-07"), want="supported")
claim("14", "runner-up to June's 2,074", "equipment:artillery", 2, period=month("2026-07"), kind="rank",
      rank={}, want="supported")
claim("14", "June's 2,074", "equipment:artillery", 2074, period=month("2026-06"), want="supported")
claim("14", "Drones: 54,436", "equipment:uav", 54436, period=month("2026-07"), want="supported")
claim("14", "only the fourth-best month of the year", "equipment:uav", 4, period=month("2026-07"), kind="rank",
      rank={"among": ["2026-01", "2026-07"]}, want="supported",
      note="ranked among the months of 2026 (\"of the year\"); among all months since March 2022 it is also fourth")
claim("14", "Air defence: 68", "equipment:air_defense", 68, period=month("2026-07"), want="supported")
claim("14", "second only to July 2023's 73", "equipment:air_defense", 2, period=month("2026-07"), kind="rank",
      rank={}, want="supported")
claim("14", "July 2023's 73", "equipment:air_defense", 73, period=month("2023-07"), want="supported")
claim("14", "7,800 in six days", "personnel_losses", 7800, period=upto("2026-08-01", A), want="supported")
claim("14", "a steady 1,300 a day", "personnel_losses", 1300, rate="per_day", period=upto("2026-08-01", A),
      want="supported")
claim("14", "Since 1 January: 246,450", "personnel_losses", 246450, period=upto("2026-01-01", A),
      want="supported")
claim("14", "just shy of a quarter of a million", "personnel_losses", 250000, qualifier="nearly",
      period=upto("2026-01-01", A), want="supported", note="\"just shy of\" read as nearly")
claim("14", "The first half of the year brought 195,790", "personnel_losses", 195790,
      period=["2026-01-01", "2026-06-30"], want="supported")
claim("14", "an average of 32,632 a month", "personnel_losses", 32632, rate="per_month",
      period=["2026-01-01", "2026-06-30"], want="supported")
claim("14", "the personnel tally should break 1,456,000 by the end of the day", "personnel_losses", 1456000,
      None, qualifier="more_than", cumulative=True, period=[A, A], kind="projection", want="supported",
      note="the end of 2026-08-07 is covered by the report dated 2026-08-08, the last in the data")
claim("14", "the count passes 1.5 million by the end of September", "personnel_losses", 1500000, None,
      qualifier="more_than", cumulative=True, period=[A, "2026-09-30"], kind="projection",
      want="not_checkable")
claim("14", "August tops 40,000", "personnel_losses", 40000, None, qualifier="more_than",
      period=month("2026-08"), kind="projection", want="not_checkable")
claim("14", "Ukraine lost more than 45,000 troops in July", "casualties", 45000, None, qualifier="more_than",
      side="ukraine", period=month("2026-07"), want="not_checkable",
      note="Moscow's claim about Ukraine's losses (illustrative)")
distractor("14", "Friday 7 August 2026", None, "date")
distractor("14", "Day 1,626", 1626, "day number of the war")
distractor("14", "General Staff report of 7 August", 7, "date of the report")
distractor("14", "38°C", 38, "temperature")
distractor("14", "about 1,200 km", 1200, "length of the front")



if __name__ == "__main__":
    main(sys.argv)
