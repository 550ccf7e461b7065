#!/usr/bin/env python3
"""Label the second held-out claims set (crates/claims/tests/data/heldout2/).

Usage: python3 scripts/label_heldout2_set.py /work/shared/data/general-staff crates/claims/tests/data/heldout2

Like the first held-out set, this one measures how the extraction grammar carries to text it was
not developed on. Its twelve texts were written without reading the grammar, in styles that none of
the other sets (the shared development set, the team set, the first held-out set) use. The labelling
machinery (truths from the data, tolerances, ranks, projections, spans, the consistency checks and
the coverage report) is that of `label_team_set.py`, imported from it; only the specifications below
differ. Standard library only; deterministic output.

Counters that are not quantities (post numbers such as "3/9", quiz question labels such as "Q3",
clock times, footnote markers) are listed as distractors with `value: null`, like dates, so that
they never collide with a claim value of the same text (ranks 1, 2, 3 ...).
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import label_team_set as base  # noqa: E402

# Importing the team script registers the team set's specs; this set starts empty.
base.DOCS.clear()
base.CLAIMS.clear()
base.DISTRACTORS.clear()

DOCS = base.DOCS
claim, distractor = base.claim, base.distractor
month, upto, day_before, asof = base.month, base.upto, base.day_before, base.asof

ILL = "illustrative figure, not from assessments.csv"


# ----------------------------------------------------------------------------------------------
# 01  social-media thread (numbered posts), 2022-04-04 (a Monday)

A = "2022-04-04"
DOCS["01"] = (A, "social-media thread (numbered posts)")
claim("01", "18,300 Russian troops killed, wounded or captured since the full-scale invasion began",
      "personnel_losses", 18300, cumulative=True, want="supported",
      note="the thread is about the General Staff's daily tally")
claim("01", "300 more than in Sunday's report", "personnel_losses", 300, period=day_before(A),
      want="supported", note="Monday's report minus Sunday's = the losses of Sunday 2022-04-03")
claim("01", "the count rose by 1,300", "personnel_losses", 1300, period=["2022-03-28", "2022-04-03"],
      want="supported", note="past seven days = seven loss days")
claim("01", "fewer than 200 a day", "personnel_losses", None, 200, qualifier="less_than", rate="per_day",
      period=["2022-03-28", "2022-04-03"], want="supported")
claim("01", "March as a whole came to roughly 12,000", "personnel_losses", 12000, qualifier="about",
      period=month("2022-03"), want="supported")
claim("01", "about 390 a day", "personnel_losses", 390, qualifier="about", rate="per_day",
      period=month("2022-03"), want="supported")
claim("01", "Tanks: 647 in total", "equipment:tanks", 647, cumulative=True, want="supported")
claim("01", "427 of them in March alone", "equipment:tanks", 427, period=month("2022-03"), want="supported")
claim("01", "close to fourteen a day", "equipment:tanks", 14, qualifier="nearly", rate="per_day",
      period=month("2022-03"), want="supported", note="spelled-out number")
claim("01", "Armoured vehicles: 1,844", "equipment:afv", 1844, cumulative=True, want="supported")
claim("01", "more than 900 lost last month", "equipment:afv", 900, None, qualifier="more_than",
      period=month("2022-03"), want="supported")
claim("01", "147 planes", "equipment:aircraft", 147, cumulative=True, want="supported")
claim("01", "143 helicopters brought down", "equipment:helicopters", 143, cumulative=True,
      want="contradicted", note="digits swapped: 134 in the report")
claim("01", "The bulk of the planes, 114, fell in March", "equipment:aircraft", 114, period=month("2022-03"),
      want="supported")
claim("01", "seven warships and boats", "equipment:ships", 7, cumulative=True, want="supported",
      note="spelled-out number")
claim("01", "1,351 servicemen killed", "killed", 1351, cumulative=True, period=asof("2022-03-25"),
      want="not_checkable", note="Moscow's own admitted toll, " + ILL)
claim("01", "between 7,000 and 15,000 Russian dead", "killed", 7000, 15000, qualifier="range",
      cumulative=True, want="not_checkable", note="unnamed Western officials, " + ILL)
claim("01", "Ukraine has lost more than 30,000 soldiers", "casualties", 30000, None, qualifier="more_than",
      side="ukraine", cumulative=True, want="not_checkable", note="Moscow's claim about Ukraine's losses, " + ILL)
claim("01", "will pass 20,000 before Orthodox Easter", "personnel_losses", 20000, None, qualifier="more_than",
      cumulative=True, period=[A, "2022-04-23"], kind="projection", want="supported",
      note="before Easter on 24 April = by the end of 23 April")
for i in range(1, 10):
    distractor("01", f"{i}/9", None, "post counter")
distractor("01", "Mon 4 Apr 2022", None, "date of the thread")
distractor("01", "day 40", 40, "day number of the war")
distractor("01", "on 24 February", None, "date the invasion began")
distractor("01", "on 25 March", None, "date of a statement")
distractor("01", "60 km", 60, "distance of a withdrawal")
distractor("01", "on 24 April", None, "date of Easter")
distractor("01", "2.3K", 2300, "follower count")


# ----------------------------------------------------------------------------------------------
# 02  pub quiz with an answer key, 2022-12-29 (a Thursday)

A = "2022-12-29"
DOCS["02"] = (A, "pub quiz with an answer key (question labels as distractors)")
claim("02", "first pass 100,000", "personnel_losses", 100000, None, qualifier="more_than", cumulative=True,
      want="supported", note="the question presupposes the milestone")
claim("02", "the tally stood at 100,400", "personnel_losses", 100400, cumulative=True,
      period=asof("2022-12-22"), want="supported", note="the report of 22 December; the one before had 99,740")
claim("02", "It has since reached 104,560", "personnel_losses", 104560, cumulative=True, want="supported")
claim("02", "November was the deadliest", "personnel_losses", 1, period=month("2022-11"), kind="rank",
      rank={}, want="supported")
claim("02", "with 16,970 Russian soldiers killed, wounded or captured", "personnel_losses", 16970,
      period=month("2022-11"), want="supported")
claim("02", "Kyiv logged 5,050", "personnel_losses", 5050, period=month("2022-06"), want="supported")
claim("02", "the lowest monthly figure of the war so far", "personnel_losses", 1, period=month("2022-06"),
      kind="rank", rank={"order": "lowest"}, want="supported")
claim("02", "3,018 tanks", "equipment:tanks", 3018, cumulative=True, want="supported",
      note="the question gives the scope: since the invasion began")
claim("02", "238 planes", "equipment:aircraft", 238, cumulative=True, want="contradicted",
      note="digits swapped: 283 in the report")
claim("02", "300,000 reservists", "mobilized", 300000, period=["2022-09-21", "2022-10-28"],
      want="not_checkable", note="partial mobilisation of 2022 (assessments.csv ru-mobilization-2022)")
claim("02", "Kyiv reported 406 shot down", "equipment:uav", 406, period=month("2022-10"), want="supported",
      note="the question gives the month")
claim("02", "the most of any month", "equipment:uav", 1, period=month("2022-10"), kind="rank", rank={},
      want="supported")
claim("02", "790, the increment in this morning's report", "personnel_losses", 790, period=day_before(A),
      want="supported", note="the question asks about yesterday")
claim("02", "About 540 a day", "personnel_losses", 540, qualifier="about", rate="per_day",
      period=upto("2022-12-01", A), want="supported", note="the question asks about December so far")
claim("02", "some 566 a day in November", "personnel_losses", 566, qualifier="about", rate="per_day",
      period=month("2022-11"), want="supported")
claim("02", "well over 150,000", "personnel_losses", 150000, None, qualifier="more_than",
      period=["2023-01-01", "2023-12-31"], kind="projection", want="supported",
      note="the question asks for the 2023 total; judged with hindsight")
for i in range(1, 11):
    distractor("02", f"Q{i}.", None, "question label")
    distractor("02", f"A{i}.", None, "answer label")
distractor("02", "Thursday 29 December 2022", None, "date of the quiz")
distractor("02", "On 22 December", None, "date of a milestone")
distractor("02", "decree of 21 September", None, "date of a decree")
distractor("02", "£25", 25, "prize")
distractor("02", "Thursday 5 January", None, "date of the next quiz")
distractor("02", "7.30pm", None, "time")
distractor("02", "month of 2022", None, "year")
distractor("02", "count in 2023", None, "year")


# ----------------------------------------------------------------------------------------------
# 03  newsroom chat log with timestamps, 2023-05-02 (a Tuesday)

A = "2023-05-02"
DOCS["03"] = (A, "newsroom chat log with timestamps")
claim("03", "191,420 in total", "personnel_losses", 191420, cumulative=True, want="supported")
claim("03", "460 overnight", "personnel_losses", 460, period=day_before(A), want="supported",
      note="\"overnight\" = the increment of this morning's report")
claim("03", "Saturday's report had 580", "personnel_losses", 580, period=day_before("2023-04-29"),
      want="supported", note="the report dated Saturday 2023-04-29 covers loss day 2023-04-28")
claim("03", "Sunday's 470", "personnel_losses", 470, period=day_before("2023-04-30"), want="supported",
      note="the report dated Sunday 2023-04-30 covers loss day 2023-04-29")
claim("03", "my notes say 16,790", "personnel_losses", 16790, period=month("2023-04"), want="contradicted",
      note="digits transposed: 16,970 in the data (corrected in the next line)")
claim("03", "April was 16,970", "personnel_losses", 16970, period=month("2023-04"), want="supported")
claim("03", "The lowest month of the year so far", "personnel_losses", 1, period=month("2023-04"),
      kind="rank", rank={"order": "lowest", "among": ["2023-01", "2023-04"]}, want="supported")
claim("03", "Yes, 24,100", "personnel_losses", 24100, period=month("2023-03"), want="supported",
      note="the question names March")
claim("03", "still the worst month of the whole war", "personnel_losses", 1, period=month("2023-03"),
      kind="rank", rank={}, want="supported")
claim("03", "between March and April Kyiv counted roughly 41,000", "personnel_losses", 41000,
      qualifier="about", period=["2023-03-01", "2023-04-30"], want="supported")
claim("03", "41,070 if you want it exact", "personnel_losses", 41070, period=["2023-03-01", "2023-04-30"],
      want="supported")
claim("03", "April alone works out at 566 a day", "personnel_losses", 566, rate="per_day",
      period=month("2023-04"), want="supported")
claim("03", "Russia has lost 191,000 dead", "killed", 191000, cumulative=True, want="metric_mismatch",
      note="a draft headline, corrected in the next line; still a claim in the text")
claim("03", "perhaps 45,000 of them are actually dead", "killed", 45000, qualifier="about", cumulative=True,
      want="not_checkable", note="invented think tank, " + ILL + "; \"perhaps\" read as about")
claim("03", "more than 15,000 Ukrainian troops were killed or wounded in April", "casualties", 15000, None,
      qualifier="more_than", side="ukraine", period=month("2023-04"), want="not_checkable",
      note="Moscow's claim about Ukraine's losses, " + ILL)
claim("03", "3,701 since the invasion", "equipment:tanks", 3701, cumulative=True, want="supported")
claim("03", "only 84 in April", "equipment:tanks", 84, period=month("2023-04"), want="supported")
claim("03", "the lowest monthly tank figure of the war", "equipment:tanks", 1, period=month("2023-04"),
      kind="rank", rank={"order": "lowest"}, want="supported")
claim("03", "670 since New Year", "equipment:tanks", 670, period=upto("2023-01-01", A), want="supported")
claim("03", "passes 200,000 before the end of May", "personnel_losses", 200000, None, qualifier="more_than",
      cumulative=True, period=[A, "2023-05-31"], kind="projection", want="supported")
distractor("03", "Tuesday 2 May 2023", None, "date of the export")
for t in ["08:51", "08:52", "08:54", "08:55", "08:56", "08:57", "08:58", "08:59", "09:00", "09:03", "09:04",
          "09:05", "09:07", "09:08", "09:09", "09:10", "09:11", "09:13", "09:14", "09:15", "09:16"]:
    distractor("03", f"[{t}]", None, "message timestamp")
distractor("03", "about 70,000 people", 70000, "pre-war population of Bakhmut")
distractor("03", "70,000, yes", 70000, "pre-war population of Bakhmut, repeated")
distractor("03", "650 words", 650, "length of an article")
distractor("03", "page 7", 7, "page number")
distractor("03", "Deadline 11:30", None, "clock time")


if __name__ == "__main__":
    base.main(sys.argv)
