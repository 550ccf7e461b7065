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

base.start_empty()

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
claim("01", "147 planes", "equipment:aircraft", 147, cumulative=True, want="supported")
claim("01", "143 helicopters brought down", "equipment:helicopters", 143, cumulative=True,
      want="contradicted", note="digits swapped: 134 in the report")
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
distractor("01", "Forty days in", 40, "duration of the war (spelled out)")


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
distractor("02", "round three", 3, "quiz round number (spelled out)")
distractor("02", "Ten points available", 10, "points available (spelled out)")
distractor("02", "Half a point", 0.5, "points (spelled out)")
distractor("02", "within a hundred", 100, "margin for an answer (spelled out)")
distractor("02", "up to six", 6, "team size (spelled out)")
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


# ----------------------------------------------------------------------------------------------
# 04  photo essay captions and chart alt text, 2023-09-04 (a Monday)

A = "2023-09-04"
DOCS["04"] = (A, "photo-essay captions and chart alt text")
claim("04", "Russian losses at 265,120 this morning", "personnel_losses", 265120, cumulative=True,
      want="supported")
claim("04", "460 of them in the previous 24 hours", "personnel_losses", 460, period=day_before(A),
      want="supported")
claim("04", "691 Russian artillery systems were destroyed in August", "equipment:artillery", 691,
      period=month("2023-08"), want="supported")
claim("04", "the most of any month", "equipment:artillery", 1, period=month("2023-08"), kind="rank", rank={},
      want="supported")
claim("04", "5,611 since February 2022", "equipment:artillery", 5611, cumulative=True, want="supported")
claim("04", "73 of them destroyed in July", "equipment:air_defense", 73, period=month("2023-07"),
      want="supported")
claim("04", "a record", "equipment:air_defense", 1, period=month("2023-07"), kind="rank", rank={},
      want="supported")
claim("04", "another 83 in August", "equipment:air_defense", 83, period=month("2023-08"),
      want="contradicted", note="digits swapped: 38 in the data")
claim("04", "about 55,000 Russian troops killed, wounded or captured", "personnel_losses", 55000,
      qualifier="about", period=upto("2023-06-04", A), want="supported",
      note="since the counteroffensive began on 4 June")
claim("04", "nearly 600 a day", "personnel_losses", 600, qualifier="nearly", rate="per_day",
      period=upto("2023-06-04", A), want="supported")
claim("04", "634 tanks", "equipment:tanks", 634, period=upto("2023-06-04", A), want="contradicted",
      note="digits swapped: 643 in the data")
claim("04", "1,200 wounded Ukrainian soldiers since June", "wounded", 1200, side="ukraine",
      period=upto("2023-06-01", A), want="not_checkable", note="one medical team's count, " + ILL)
claim("04", "Thirty-seven Russian drones were downed on Sunday alone", "equipment:uav", 37,
      period=["2023-09-03", "2023-09-03"], want="supported",
      note="spelled-out number; Sunday's losses are in Monday's report")
claim("04", "more than 66,000 troops since June", "casualties", 66000, None, qualifier="more_than",
      side="ukraine", period=upto("2023-06-01", A), want="not_checkable",
      note="Moscow's claim about Ukraine's losses, " + ILL)
claim("04", "The tallest bar", "personnel_losses", 1, period=month("2023-03"), kind="rank", rank={},
      want="supported", note="rank said as the tallest bar of a monthly chart")
claim("04", "March 2023 (24,100)", "personnel_losses", 24100, period=month("2023-03"), want="supported")
claim("04", "August 2023 stands at 16,800", "personnel_losses", 16800, period=month("2023-08"),
      want="supported")
claim("04", "the lowest monthly figure since October 2022", "personnel_losses", 1, period=month("2023-08"),
      kind="rank", rank={"order": "lowest", "among": ["2022-11", "2023-08"], "since": "2022-10"},
      want="supported")
claim("04", "roughly 3,800 a week", "personnel_losses", 3800, qualifier="about", rate="per_week",
      period=month("2023-08"), want="supported")
distractor("04", "Monday 4 September 2023", None, "date")
for i in range(1, 9):
    distractor("04", f"Photo {i} of 8", None, "caption counter")
distractor("04", "about 480 people", 480, "pre-war population of a village")
distractor("04", "M777", 777, "weapon model number")
distractor("04", "12 km south", 12, "distance")
distractor("04", "began on 4 June", None, "date the counteroffensive began")
distractor("04", "March 2022 to August 2023", None, "period covered by the chart")


# ----------------------------------------------------------------------------------------------
# 05  encyclopedia-style section with footnote markers, 2024-02-01 (a Thursday)

A = "2024-02-01"
DOCS["05"] = (A, "encyclopedia-style section with footnote markers")
claim("05", "As of 1 February 2024 the total stood at 386,230", "personnel_losses", 386230, cumulative=True,
      want="supported")
claim("05", "253,290 were recorded in the calendar year 2023", "personnel_losses", 253290,
      period=["2023-01-01", "2023-12-31"], want="supported")
claim("05", "an average of roughly 21,100 per month", "personnel_losses", 21100, qualifier="about",
      rate="per_month", period=["2023-01-01", "2023-12-31"], want="supported")
claim("05", "106,270 in the ten months of 2022", "personnel_losses", 106270, period=["2022-02-24", "2022-12-31"],
      want="contradicted", note="digits swapped: 106,720 in the data")
claim("05", "passed 300,000 on 31 October 2023", "personnel_losses", 300000, None,
      qualifier="more_than", cumulative=True, period=asof("2023-10-31"), want="supported",
      note="the report of 31 October had 300,810, the one before 299,940")
claim("05", "December 2023, with 29,970", "personnel_losses", 29970, period=month("2023-12"), want="supported")
claim("05", "the highest monthly figure of the war to that date", "personnel_losses", 1,
      period=month("2023-12"), kind="rank", rank={}, want="supported")
claim("05", "January 2024 (26,220)", "personnel_losses", 26220, period=month("2024-01"), want="supported")
claim("05", "ranked third", "personnel_losses", 3, period=month("2024-01"), kind="rank", rank={},
      want="supported", note="spelled-out ordinal")
claim("05", "6,322 Russian tanks", "equipment:tanks", 6322, cumulative=True, want="supported")
claim("05", "2,952 of them during 2023", "equipment:tanks", 2952, period=["2023-01-01", "2023-12-31"],
      want="supported")
claim("05", "at least 315,000 casualties", "casualties", 315000, None, qualifier="at_least", cumulative=True,
      period=asof("2024-01-30"), want="supported",
      note="CIA director (assessments.csv cia-2024-01), checked against the General Staff count as of publication")
claim("05", "more than 42,000 Russian servicemen killed", "named_killed", 42000, None, qualifier="more_than",
      cumulative=True, period=asof("2024-01-01"), want="not_checkable",
      note="deaths confirmed by name, " + ILL)
claim("05", "acknowledged 5,937 dead", "killed", 5937, cumulative=True, period=asof("2022-09-21"),
      want="not_checkable", note="Moscow's own admitted toll, " + ILL)
claim("05", "Ukrainian deaths at up to 70,000", "killed", None, 70000, qualifier="up_to", side="ukraine",
      cumulative=True, want="not_checkable", note="unnamed US officials on Ukraine's own losses, " + ILL)
distractor("05", "last revised on 1 February 2024", None, "revision date")
for m in ["[41]", "[42] Of", "[43] The", "[44]", "[45]", "[42][43]", "[46]", "[47]", "[48]", "[49]"]:
    distractor("05", m, None, "footnote marker")
distractor("05", "the end of January 2024", None, "date of an essay")
distractor("05", "since September 2022", None, "date of a statement")
distractor("05", "In August 2023", None, "date of a report")
distractor("05", "section 4.2", 4.2, "section number")
distractor("05", "Mobilization in Russia (2022)", None, "title of a linked article (year)")


# ----------------------------------------------------------------------------------------------
# 06  Russian state-media wire piece on Ukraine's losses, 2024-06-10 (a Monday); all side ukraine

A = "2024-06-10"
DOCS["06"] = (A, "Russian state-media wire piece (Moscow's claims about Ukraine's losses only)")
MOSCOW = "Moscow's claim about Ukraine's losses, " + ILL
WEEK = ["2024-06-03", "2024-06-09"]
claim("06", "lost up to 13,500 servicemen over the past week", "casualties", None, 13500, qualifier="up_to",
      side="ukraine", period=WEEK, want="not_checkable", note=MOSCOW)
claim("06", "some 1,950 in the Kharkiv direction", "casualties", 1950, qualifier="about", side="ukraine",
      period=WEEK, want="not_checkable", note=MOSCOW)
claim("06", "In the past 24 hours alone the enemy lost as many as 2,000 troops", "casualties", None, 2000,
      qualifier="up_to", side="ukraine", period=day_before(A), want="not_checkable",
      note=MOSCOW + "; in the past 24 hours")
claim("06", "41 tanks", "equipment:tanks", 41, side="ukraine", period=WEEK, want="not_checkable", note=MOSCOW)
claim("06", "137 artillery pieces", "equipment:artillery", 137, side="ukraine", period=WEEK,
      want="not_checkable", note=MOSCOW)
claim("06", "exceeded 210,000 killed and wounded", "casualties", 210000, None, qualifier="more_than",
      side="ukraine", period=upto("2024-01-01", A), want="not_checkable", note=MOSCOW)
claim("06", "about 35,000 in May alone", "casualties", 35000, qualifier="about", side="ukraine",
      period=month("2024-05"), want="not_checkable", note=MOSCOW)
claim("06", "586 aircraft", "equipment:aircraft", 586, side="ukraine", cumulative=True, want="not_checkable",
      note=MOSCOW)
claim("06", "more than 25,000 drones", "equipment:uav", 25000, None, qualifier="more_than", side="ukraine",
      cumulative=True, want="not_checkable", note=MOSCOW)
claim("06", "no more than 160,000 recruits this year", "recruited", None, 160000, qualifier="up_to",
      side="ukraine", period=["2024-01-01", "2024-12-31"], kind="projection", want="not_checkable",
      note="an analyst's forecast of Ukraine's recruitment, " + ILL)
distractor("06", "10 June 2024, 14:20", None, "date and time")
distractor("06", "17,000 people", 17000, "pre-war population of Volchansk")
distractor("06", "Su-34", 34, "aircraft model number")
distractor("06", "47th mechanised brigade", 47, "unit number")
distractor("06", "$61 billion", 61000000000, "aid package")
distractor("06", "On 12 June", None, "date of a holiday")


# ----------------------------------------------------------------------------------------------
# 07  blog post with a markdown table, 2024-10-07 (a Monday); periods carried by the row labels

A = "2024-10-07"
DOCS["07"] = (A, "blog post with a markdown table (periods carried by row labels)")
claim("07", "| 35,680 |", "personnel_losses", 35680, period=month("2024-07"), want="supported",
      note="table cell; the row label gives the month")
claim("07", "| 1,151 |", "personnel_losses", 1151, rate="per_day", period=month("2024-07"), want="supported",
      note="table cell, per-day column")
claim("07", "| 36,810 |", "personnel_losses", 36810, period=month("2024-08"), want="supported")
claim("07", "| 1,178 |", "personnel_losses", 1178, rate="per_day", period=month("2024-08"),
      want="contradicted", note="digits transposed: 1,187.42 in the data")
claim("07", "| 38,130 |", "personnel_losses", 38130, period=month("2024-09"), want="supported")
claim("07", "| 1,271 |", "personnel_losses", 1271, rate="per_day", period=month("2024-09"), want="supported")
claim("07", "**110,620**", "personnel_losses", 110620, period=["2024-07-01", "2024-09-30"], want="supported",
      note="quarter row")
claim("07", "**1,202**", "personnel_losses", 1202, rate="per_day", period=["2024-07-01", "2024-09-30"],
      want="supported")
claim("07", "the second-highest month on record", "personnel_losses", 2, period=month("2024-09"), kind="rank",
      rank={}, want="supported")
claim("07", "behind May (38,940)", "personnel_losses", 38940, period=month("2024-05"), want="supported")
claim("07", "which totalled 100,930", "personnel_losses", 100930, period=["2024-04-01", "2024-06-30"],
      want="supported", note="the second quarter of 2024")
claim("07", "September's 1,815", "equipment:uav", 1815, period=month("2024-09"), want="supported")
claim("07", "a record for a single month", "equipment:uav", 1, period=month("2024-09"), kind="rank", rank={},
      want="supported")
claim("07", "The running total in this morning's report was 661,630", "personnel_losses", 661630,
      cumulative=True, want="supported")
claim("07", "about 1,220 a day", "personnel_losses", 1220, qualifier="about", rate="per_day",
      period=["2024-09-30", "2024-10-06"], want="supported", note="the past week = seven loss days")
claim("07", "will pass 700,000 before the end of October", "personnel_losses", 700000, None,
      qualifier="more_than", cumulative=True, period=[A, "2024-10-31"], kind="projection",
      want="contradicted", note="failed projection: 700,000 was passed in November")
distractor("07", "third quarter of 2024", None, "year in the heading")
distractor("07", "Posted 7 October 2024", None, "date of the post")
distractor("07", "6 min read", 6, "reading time")
distractor("07", "14 comments", 14, "comment count")
distractor("07", "about 10%", 10, "percentage change")
distractor("07", "version 3.1", 3.1, "spreadsheet version")


# ----------------------------------------------------------------------------------------------
# 08  letters page with a corrections box (British spelling), 2025-02-25 (a Tuesday)

A = "2025-02-25"
DOCS["08"] = (A, "letters to the editor with a corrections box (British spelling)")
claim("08", 'Russia had lost "well over 800,000 soldiers"', "personnel_losses", 800000, None,
      qualifier="more_than", cumulative=True, period=asof("2025-02-22"), want="supported",
      note="a leader of 22 February, quoted; checked as of that day's report")
claim("08", "On Monday morning it stood at 868,230", "personnel_losses", 868230, cumulative=True,
      period=asof("2025-02-24"), want="supported", note="Monday's report, dated 2025-02-24")
claim("08", "More than 430,000 of those losses fell in 2024 alone", "personnel_losses", 430000, None,
      qualifier="more_than", period=["2024-01-01", "2024-12-31"], want="supported")
claim("08", "roughly 1,180 a day", "personnel_losses", 1180, qualifier="about", rate="per_day",
      period=["2024-01-01", "2024-12-31"], want="supported")
claim("08", "put the 2024 total at about 434,000", "casualties", 434000, qualifier="about",
      period=["2024-01-01", "2024-12-31"], want="supported",
      note="Ukraine's commander-in-chief (assessments.csv syrskyi-2024)")
claim("08", "some 165,000 Russian soldiers have actually died", "killed", 165000, qualifier="about",
      cumulative=True, period=asof("2025-02-24"), want="not_checkable",
      note="Meduza + Mediazona (assessments.csv meduza-mz-2025-02-24)")
claim("08", "nearly 100,000 of them in 2024", "killed", 100000, qualifier="nearly",
      period=["2024-01-01", "2024-12-31"], want="not_checkable",
      note="Meduza + Mediazona (assessments.csv meduza-mz-2025-02-24, note)")
claim("08", "about 43,000 in December", "killed", 43000, qualifier="about", side="ukraine", cumulative=True,
      period=asof("2024-12-08"), want="not_checkable",
      note="Ukraine's own dead (assessments.csv zelensky-2024-12-08)")
claim("08", "Russia lost 48,420 troops in January", "personnel_losses", 48420, period=month("2025-01"),
      want="contradicted", note="the leader's error, quoted in the correction: 48,240 in the data")
claim("08", "its worst month of the war", "personnel_losses", 1, period=month("2025-01"), kind="rank",
      rank={}, want="contradicted", note="the leader's error, quoted in the correction: January 2025 is second")
claim("08", "The General Staff's figure is 48,240", "personnel_losses", 48240, period=month("2025-01"),
      want="supported")
claim("08", "the second-worst month, after December 2024", "personnel_losses", 2, period=month("2025-01"),
      kind="rank", rank={}, want="supported")
distractor("08", "Tuesday 25 February 2025", None, "date of the page")
distractor("08", "your leader of 22 February", None, "date of an article")
distractor("08", "14 Dunmore Road", 14, "house number")
distractor("08", "£2.4 million", 2400000, "budget of a resettlement programme")
distractor("08", "1,150 Ukrainian families", 1150, "families housed")
distractor("08", "since 2022", None, "year")
distractor("08", "aged 81", 81, "age")
distractor("08", "In our leader of 22 February", None, "date of an article")


# ----------------------------------------------------------------------------------------------
# 09  television news ticker log (capitals), 2025-06-16 (a Monday)

A = "2025-06-16"
DOCS["09"] = (A, "television news ticker log in capitals")
claim("09", "RUSSIAN LOSSES NOW 1,005,060", "personnel_losses", 1005060, cumulative=True, want="supported")
claim("09", "UP 1,200 IN PAST DAY", "personnel_losses", 1200, period=day_before(A), want="supported")
claim("09", "PASSED ONE MILLION ON THURSDAY", "personnel_losses", 1000000, None, qualifier="more_than",
      cumulative=True, period=asof("2025-06-12"), want="supported",
      note="spelled-out number; Thursday's report (2025-06-12) had 1,000,340, Wednesday's 999,200")
claim("09", "JUNE SO FAR: 16,500", "personnel_losses", 16500, period=upto("2025-06-01", A), want="supported")
claim("09", "SATURDAY'S REPORT LOGGED 1,310", "personnel_losses", 1310, period=day_before("2025-06-14"),
      want="contradicted", note="digits swapped: Saturday's report (losses of Friday 13 June) had 1,130")
claim("09", "SO FAR THIS YEAR: 214,260", "personnel_losses", 214260, period=upto("2025-01-01", A),
      want="supported")
claim("09", "MAY TOTAL 35,370", "personnel_losses", 35370, period=month("2025-05"), want="supported")
claim("09", "LOWEST MONTH OF THE YEAR", "personnel_losses", 1, period=month("2025-05"), kind="rank",
      rank={"order": "lowest", "among": ["2025-01", "2025-05"]}, want="supported")
claim("09", "3,965 RUSSIAN UAVS DOWNED IN MAY", "equipment:uav", 3965, period=month("2025-05"), want="supported")
claim("09", "SECOND ONLY TO MARCH", "equipment:uav", 2, period=month("2025-05"), kind="rank", rank={},
      want="supported")
claim("09", 'UKRAINE LOST "OVER 35,000" SOLDIERS IN MAY', "casualties", 35000, None, qualifier="more_than",
      side="ukraine", period=month("2025-05"), want="not_checkable", note=MOSCOW)
claim("09", "JUNE TOTAL WILL END BELOW 33,000", "personnel_losses", None, 33000, qualifier="less_than",
      period=month("2025-06"), kind="projection", want="supported", note="an analyst's forecast, judged with hindsight")
distractor("09", "NEWS 24/7", None, "channel name")
distractor("09", "MONDAY 16 JUNE 2025", None, "date")
for t in ["14:02", "14:04", "14:06", "14:08", "14:10", "14:12", "14:14", "14:16", "14:18", "14:20", "14:22",
          "14:24"]:
    distractor("09", t, None, "clock time")
distractor("09", "G7", 7, "name of a summit")
distractor("09", "$74.20", 74.2, "oil price")
distractor("09", "1.1552", 1.1552, "exchange rate")
distractor("09", "FTSE 100", 100, "name of a share index")
distractor("09", "0.4%", 0.4, "index change")
distractor("09", "31C", 31, "temperature")
distractor("09", "23 JUNE", None, "date")
distractor("09", "128 PLAYERS", 128, "size of a tennis draw")


# ----------------------------------------------------------------------------------------------
# 10  book review, 2025-10-20 (a Monday)

A = "2025-10-20"
DOCS["10"] = (A, "book review")
claim("10", "1.1mn Russian soldiers killed", "killed", 1100000, cumulative=True, want="metric_mismatch",
      note="jacket copy quoted in the review; \"1.1mn\" = 1,100,000 (±50,000)")
claim("10", "its count had reached 1.07 million on 18 August", "personnel_losses", 1070000, cumulative=True,
      period=asof("2025-08-18"), want="supported", note="\"1.07 million\" = 1,070,000 (±5,000)")
claim("10", "It has since climbed past 1.13 million", "personnel_losses", 1130000, None, qualifier="more_than",
      cumulative=True, want="supported")
claim("10", "December 2024's 48,670", "personnel_losses", 48670, period=month("2024-12"), want="supported")
claim("10", "remains the deadliest month of the war", "personnel_losses", 1, period=month("2024-12"),
      kind="rank", rank={}, want="supported")
claim("10", "the summer of 2025 settled into a little over 1,000 a day", "personnel_losses", 1000, None,
      qualifier="more_than", rate="per_day", period=["2025-06-01", "2025-08-31"], want="supported",
      note="summer = June to August")
claim("10", "she gives as 28,940", "personnel_losses", 28940, period=month("2025-09"), want="contradicted",
      note="digits transposed: 28,490 in the data")
claim("10", "it was the lowest month of 2025", "personnel_losses", 1, period=month("2025-09"), kind="rank",
      rank={"order": "lowest", "among": ["2025-01", "2025-09"]}, want="supported")
claim("10", "in September Kyiv counted 10,276 Russian drones downed", "equipment:uav", 10276,
      period=month("2025-09"), want="supported")
claim("10", "identified more than 122,000 Russian soldiers by name", "named_killed", 122000, None,
      qualifier="more_than", cumulative=True, period=asof("2025-08-08"), want="not_checkable",
      note="BBC Russian Service + Mediazona (assessments.csv bbcmz-2025-08-08)")
distractor("10", "412 pp", 412, "page count")
distractor("10", "£25", 25, "price")
distractor("10", "ISBN 978-1-9165-0342-7", None, "book number")
distractor("10", "Monday 20 October 2025", None, "date of the review")
distractor("10", "published on 2 October", None, "publication date")
distractor("10", "(p. 214)", 214, "page reference")
distractor("10", "the 1990s", None, "decade")
distractor("10", "eleven years", 11, "duration of a career (spelled out)")
distractor("10", "four stars out of five", 4, "review rating (spelled out)")


# ----------------------------------------------------------------------------------------------
# 11  intelligence-style assessment with numbered key judgements, 2026-03-02 (a Monday)

A = "2026-03-02"
DOCS["11"] = (A, "intelligence-style assessment with numbered key judgements and hedged language")
claim("11", "recorded 26,090 Russian personnel losses in February", "personnel_losses", 26090,
      period=month("2026-02"), want="supported")
claim("11", "the lowest monthly figure since October 2023", "personnel_losses", 1, period=month("2026-02"),
      kind="rank", rank={"order": "lowest", "among": ["2023-11", "2026-02"], "since": "2023-10"},
      want="supported")
claim("11", "averaged about 31,000 a month", "personnel_losses", 31000, qualifier="about", rate="per_month",
      period=["2025-12-01", "2026-02-28"], want="supported", note="the winter = December to February")
claim("11", "more than 1.1 million casualties", "casualties", 1100000, None, qualifier="more_than",
      cumulative=True, period=asof("2025-12-01"), want="supported",
      note="UK Defence Intelligence (assessments.csv ukmod-2025-11), checked against the General Staff "
           "count as of publication")
claim("11", "around 1,000 a day in November", "casualties", 1000, qualifier="about", rate="per_day",
      period=month("2025-11"), want="supported",
      note="UK Defence Intelligence (assessments.csv ukmod-2025-11-rate); \"1,000\" is round to the thousand")
claim("11", "nearly 1.2 million", "casualties", 1200000, qualifier="nearly", cumulative=True,
      period=asof("2026-01-27"), want="contradicted",
      note="CSIS (assessments.csv csis-2026-01); the General Staff count was already above 1.2 million, as "
           "the text itself says")
claim("11", "20-25,000 Russian soldiers killed a month", "killed", 20000, 25000, qualifier="range",
      rate="per_month", want="not_checkable", not_checkable=True,
      note="NATO's Secretary General (assessments.csv nato-rutte-2025-12); deaths only; compact range "
           "\"20-25,000\" = 20,000 to 25,000; no period stated")
claim("11", "Russian deaths in December alone at about 35,000", "killed", 35000, qualifier="about",
      period=month("2025-12"), want="metric_mismatch",
      note="Ukraine's defence minister (assessments.csv fedorov-2025-12)")
claim("11", "30,000 to 36,000 new soldiers a month signed contracts in 2025", "recruited", 30000, 36000,
      qualifier="range", rate="per_month", period=["2025-01-01", "2025-12-31"], want="not_checkable",
      note="recruitment, not losses (assessments.csv us-ua-recruit-2025)")
claim("11", "will almost certainly pass 1.3 million before the end of April", "personnel_losses", 1300000,
      None, qualifier="more_than", cumulative=True, period=[A, "2026-04-30"], kind="projection",
      want="supported")
claim("11", "31,225 in February", "equipment:uav", 31225, period=month("2026-02"), want="supported")
claim("11", "a record", "equipment:uav", 1, period=month("2026-02"), kind="rank", rank={}, want="supported")
distractor("11", "Assessment No. 19", 19, "issue number")
distractor("11", "2 March 2026", None, "date")
for q in ["1. Russian", "2. Western", "3. Deaths", "4. Recruitment", "5. Outlook"]:
    distractor("11", q, None, "paragraph number")
distractor("11", "due 6 April", None, "date of the next assessment")
distractor("11", "2 million roubles", 2000000, "signing bonus")
distractor("11", "some 1,200 km", 1200, "length of the front")


# ----------------------------------------------------------------------------------------------
# 12  chronology of milestones (dated entries), 2026-08-08 (a Saturday, the last report in the data)

A = "2026-08-08"
DOCS["12"] = (A, "chronology of milestones, one dated entry per report")
claim("12", "25 February 2022 — The General Staff publishes its first tally: some 2,800 Russian troops",
      "personnel_losses", 2800, qualifier="about", cumulative=True, period=asof("2022-02-25"), want="supported",
      note="the first report, dated 2022-02-25, covers 24 and 25 February")
claim("12", "7 August 2023 — The count passes a quarter of a million", "personnel_losses", 250000, None,
      qualifier="more_than", cumulative=True, period=asof("2023-08-07"), want="supported",
      note="spelled-out number; the report of 2023-08-07 had 250,240, the one before 249,700")
claim("12", "6 December 2024 — 750,000 passed", "personnel_losses", 750000, None, qualifier="more_than",
      cumulative=True, period=asof("2024-12-06"), want="supported",
      note="the report of 2024-12-06 had 750,610, the one before 748,950")
claim("12", "in what became the deadliest month of the war", "personnel_losses", 1, period=month("2024-12"),
      kind="rank", rank={}, want="supported", note="December 2024, still first as of 2026-08-08")
claim("12", "12 May 2025 — The count passes one million", "personnel_losses", 1000000, None,
      qualifier="more_than", cumulative=True, period=asof("2025-05-12"), want="contradicted",
      note="wrong month: one million was passed in the report of 12 June 2025 (1,000,340)")
claim("12", "12 February 2026 — The tally tops 1.25 million", "personnel_losses", 1250000, None,
      qualifier="more_than", cumulative=True, period=asof("2026-02-12"), want="supported",
      note="the report of 2026-02-12 had 1,250,150, the one before 1,249,380")
claim("12", "July closes at 42,860", "personnel_losses", 42860, period=month("2026-07"), want="supported")
claim("12", "the worst month since January 2025", "personnel_losses", 1, period=month("2026-07"), kind="rank",
      rank={"among": ["2025-02", "2026-07"], "since": "2025-01"}, want="supported")
claim("12", "1,456,610 in total", "personnel_losses", 1456610, cumulative=True, want="supported")
claim("12", "1,190 of them yesterday", "personnel_losses", 1190, period=day_before(A), want="supported")
claim("12", "So far this year: 247,640", "personnel_losses", 247640, period=upto("2026-01-01", A),
      want="supported")
claim("12", "about 1,280 a day", "personnel_losses", 1280, qualifier="about", rate="per_day",
      period=["2026-08-01", "2026-08-07"], want="supported", note="the past week = seven loss days")
claim("12", "will pass 1.5 million before the end of September", "personnel_losses", 1500000, None,
      qualifier="more_than", cumulative=True, period=[A, "2026-09-30"], kind="projection",
      want="not_checkable")
distractor("12", "Saturday 8 August 2026", None, "date")
distractor("12", "day 1,627", 1627, "day number of the war")
distractor("12", "1 August 2026 —", None, "date of an entry")
distractor("12", "8 August 2026 — This", None, "date of an entry")
distractor("12", "9 March 2022", None, "date of a removed entry")
distractor("12", "1,626 daily reports", 1626, "number of reports")


if __name__ == "__main__":
    base.main(sys.argv)
