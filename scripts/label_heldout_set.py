#!/usr/bin/env python3
"""Label the held-out claims set (crates/claims/tests/data/heldout/).

Usage: python3 scripts/label_heldout_set.py /work/shared/data/general-staff crates/claims/tests/data/heldout

The held-out set measures how the extraction grammar carries to text it was not developed on: its
articles were written before the grammar was changed for issue 6 and nobody tunes the grammar to
their sentences. The labelling machinery (truths from the data, tolerances, ranks, projections,
spans, the consistency checks and the coverage report) is that of `label_team_set.py`, imported
from it; only the specifications below differ. Standard library only; deterministic output.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import label_team_set as base  # noqa: E402

base.start_empty()

DOCS = base.DOCS
claim, distractor = base.claim, base.distractor
month, upto, day_before, asof = base.month, base.upto, base.day_before, base.asof


# ----------------------------------------------------------------------------------------------
# 01  wire-service brief, 2023-06-06 (a Tuesday)

A = "2023-06-06"
DOCS["01"] = (A, "wire-service brief")
claim("01", "Russia had lost 800 soldiers in the previous 24 hours", "personnel_losses", 800,
      period=day_before(A), want="supported")
claim("01", "Monday's figure of 410", "personnel_losses", 410, period=day_before("2023-06-05"),
      want="supported", note="the increment in Monday's report (dated 2023-06-05), i.e. loss day 2023-06-04")
claim("01", "now stands at 211,150", "personnel_losses", 211150, cumulative=True, want="supported")
claim("01", "Twelve tanks", "equipment:tanks", 12, period=day_before(A), want="supported",
      note="spelled-out number")
claim("01", "36 artillery systems", "equipment:artillery", 36, period=day_before(A), want="supported")
claim("01", "taking the tank tally to 3,860", "equipment:tanks", 3860, cumulative=True, want="supported")
claim("01", "Russia lost 17,410 troops in May", "personnel_losses", 17410, period=month("2023-05"),
      want="supported")
claim("01", "the 16,790 recorded in April", "personnel_losses", 16790, period=month("2023-04"),
      want="contradicted", note="digits swapped: 16,970 in the data")
claim("01", "March's 24,100", "personnel_losses", 24100, period=month("2023-03"), want="supported")
claim("01", "553 systems in May", "equipment:artillery", 553, period=month("2023-05"), want="supported")
claim("01", "April's 238", "equipment:artillery", 238, period=month("2023-04"), want="supported")
claim("01", "the most in any month of the war", "equipment:artillery", 1, period=month("2023-05"),
      kind="rank", rank={}, want="supported")
claim("01", "Drone losses reached 655 in May", "equipment:uav", 655, period=month("2023-05"), want="supported")
claim("01", "also a record", "equipment:uav", 1, period=month("2023-05"), kind="rank", rank={},
      want="supported")
claim("01", "killing more than 1,500 Ukrainian troops on Sunday", "killed", 1500, None, qualifier="more_than",
      side="ukraine", period=["2023-06-04", "2023-06-04"], want="not_checkable",
      note="Moscow's claim about Ukraine's losses (illustrative)")
distractor("01", "KYIV, June 6", None, "dateline")
distractor("01", "February 2022 invasion", None, "date of the invasion")
distractor("01", "more than 1,000 km", 1000, "length of the front line")


# ----------------------------------------------------------------------------------------------
# 02  think-tank paragraph, 2024-05-08

A = "2024-05-08"
DOCS["02"] = (A, "think-tank paragraph")
claim("02", "recorded 26,960 Russian personnel losses in April", "personnel_losses", 26960,
      period=month("2024-04"), want="supported")
claim("02", "fewer than in any other month this year except January", "personnel_losses", 2,
      period=month("2024-04"), kind="rank", rank={"order": "lowest", "among": ["2024-01", "2024-04"]},
      want="supported", note="April 2024 is the second-lowest of the months of 2024 so far")
claim("02", "the figure was 26,220", "personnel_losses", 26220, period=month("2024-01"), want="supported")
claim("02", "Over the first four months of 2024 the count came to 109,830", "personnel_losses", 109830, period=["2024-01-01", "2024-04-30"],
      want="supported")
claim("02", "a little over 900 a day", "personnel_losses", 900, None, qualifier="more_than", rate="per_day",
      period=["2024-01-01", "2024-04-30"], want="supported")
claim("02", "253,290 for the whole of 2023", "personnel_losses", 253290, period=["2023-01-01", "2023-12-31"],
      want="supported")
claim("02", "the 2024 total would land somewhere near 330,000", "personnel_losses", 330000, qualifier="about",
      period=["2024-01-01", "2024-12-31"], kind="projection", want="contradicted",
      note="projection of the 2024 total at the pace of January to April; the year ended far higher")
claim("02", "Artillery losses of 942 systems in April", "equipment:artillery", 942, period=month("2024-04"),
      want="supported")
claim("02", "March's 976", "equipment:artillery", 976, period=month("2024-03"), want="supported")
claim("02", "tank losses fell to 326", "equipment:tanks", 326, period=month("2024-04"), want="supported")
claim("02", "from 367", "equipment:tanks", 367, period=month("2024-03"), want="contradicted",
      note="digits transposed: 376 in the data")
claim("02", "passed 450,000 on 10 April", "personnel_losses", 450000, None, qualifier="more_than",
      cumulative=True, period=asof("2024-04-10"), want="supported")
claim("02", "470,000 on 2 May", "personnel_losses", 470000, None, qualifier="more_than", cumulative=True,
      period=asof("2024-05-02"), want="supported")
claim("02", "it stood at 477,430", "personnel_losses", 477430, cumulative=True, want="supported")
claim("02", "roughly 465,000 at the end of April", "casualties", 465000, qualifier="about", cumulative=True,
      period=asof("2024-05-01"), want="supported",
      note="UK Defence Intelligence estimate (illustrative), checked against the General Staff count")
claim("02", "Ukraine lost over 111,000 servicemen in the first four months of the year", "casualties", 111000,
      None, qualifier="more_than", side="ukraine", period=["2024-01-01", "2024-04-30"], want="not_checkable",
      note="Moscow's claim about Ukraine's losses (illustrative)")
distractor("02", "No. 19", 19, "issue number")
distractor("02", "8 May 2024", None, "date")


# ----------------------------------------------------------------------------------------------
# 03  Telegram-style daily report with emoji, 2025-02-19; digits grouped with plain spaces

A = "2025-02-19"
DOCS["03"] = (A, "Telegram-style daily report with emoji")
claim("03", "Occupiers eliminated: 1 300 in the last day", "personnel_losses", 1300, period=day_before(A),
      want="supported")
claim("03", "Total since 24.02.2022: 862 390", "personnel_losses", 862390, cumulative=True, want="supported")
claim("03", "Tanks: +19", "equipment:tanks", 19, period=day_before(A), want="supported")
claim("03", "10 120 in all", "equipment:tanks", 10120, cumulative=True, want="supported")
claim("03", "Armoured vehicles: +23", "equipment:afv", 23, period=day_before(A), want="supported")
claim("03", "(21 098)", "equipment:afv", 21098, cumulative=True, want="supported")
claim("03", "Artillery: +72", "equipment:artillery", 72, period=day_before(A), want="supported")
claim("03", "(23 374)", "equipment:artillery", 23374, cumulative=True, want="contradicted",
      note="digits swapped: the report had 23,347")
claim("03", "Drones: +175", "equipment:uav", 175, period=day_before(A), want="supported")
claim("03", "(25 861)", "equipment:uav", 25861, cumulative=True, want="supported")
claim("03", "Trucks and tankers: +146", "equipment:vehicles", 146, period=day_before(A), want="supported")
claim("03", "(37 825)", "equipment:vehicles", 37825, cumulative=True, want="supported")
claim("03", "9 360 invaders put down in seven days", "personnel_losses", 9360,
      period=["2025-02-12", "2025-02-18"], want="supported")
claim("03", "well over 1 300 a day on average", "personnel_losses", 1300, None, qualifier="more_than",
      rate="per_day", period=["2025-02-12", "2025-02-18"], want="supported")
claim("03", "February so far: 23 350", "personnel_losses", 23350, period=upto("2025-02-01", A),
      want="supported")
claim("03", "January ended on 48 240", "personnel_losses", 48240, period=month("2025-01"), want="supported")
claim("03", "second only to December", "personnel_losses", 2, period=month("2025-01"), kind="rank", rank={},
      want="supported")
claim("03", "the worst month of the whole war", "personnel_losses", 1, period=month("2024-12"), kind="rank",
      rank={}, want="supported", note="said of December 2024")
claim("03", "January was also a drone record", "equipment:uav", 1, period=month("2025-01"), kind="rank",
      rank={}, want="supported")
claim("03", "2 563 shot down", "equipment:uav", 2563, period=month("2025-01"), want="supported")
distractor("03", "ENEMY LOSSES | 19.02.2025", None, "date of the report")
distractor("03", "the 3rd brigade", 3, "unit number")
distractor("03", "goal 2 000 000 ₴", 2000000, "fundraising goal")
distractor("03", "raised 1 640 000 ₴", 1640000, "money raised")
distractor("03", "until 09:40", None, "time of day")


# ----------------------------------------------------------------------------------------------
# 04  op-ed, 2025-09-22

A = "2025-09-22"
DOCS["04"] = (A, "op-ed")
claim("04", "A million casualties", "casualties", 1000000, cumulative=True, want="supported",
      note="headline; spelled-out number, as of the article date")
claim("04", "On 12 June Ukraine's count of Russian losses went past one million", "personnel_losses", 1000000,
      None, qualifier="more_than", cumulative=True, period=asof("2025-06-12"), want="supported",
      note="spelled-out number")
claim("04", "it is at 1,102,570", "personnel_losses", 1102570, cumulative=True, want="supported")
claim("04", "Kyiv recorded 292,190 Russian killed, wounded and captured", "personnel_losses", 292190,
      period=["2025-01-01", "2025-08-31"], want="supported")
claim("04", "an average of roughly 36,500 a month", "personnel_losses", 36500, qualifier="about",
      rate="per_month", period=["2025-01-01", "2025-08-31"], want="supported")
claim("04", "cost Russia 94,340 men", "personnel_losses", 94340, period=["2025-06-01", "2025-08-31"],
      want="contradicted", note="digits swapped: 94,430 in the data")
claim("04", "August's 28,790", "personnel_losses", 28790, period=month("2025-08"), want="supported")
claim("04", "the smallest monthly figure since April of last year", "personnel_losses", 1,
      period=month("2025-08"), kind="rank", rank={"order": "lowest", "among": ["2024-05", "2025-08"],
                                                   "since": "2024-04"}, want="supported")
claim("04", "1,483 tanks between January and August", "equipment:tanks", 1483,
      period=["2025-01-01", "2025-08-31"], want="supported")
claim("04", "2,609 in the same months of 2024", "equipment:tanks", 2609, period=["2024-01-01", "2024-08-31"],
      want="supported")
claim("04", "numbered some 34,000", "equipment:uav", 34000, qualifier="about",
      period=["2025-01-01", "2025-08-31"], want="supported")
claim("04", "confirmed 122,883 deaths by early August", "named_killed", 122883, cumulative=True,
      period=asof("2025-08-08"), want="not_checkable",
      note="BBC Russian Service + Mediazona named count (assessments.csv bbcmz-2025-08-08)")
claim("04", "runs from 189,000 to 273,000", "killed", 189000, 273000, qualifier="range", cumulative=True,
      period=asof("2025-08-08"), want="not_checkable",
      note="coverage-adjusted estimate (assessments.csv bbcmz-2025-08-08-est)")
claim("04", "about a thousand Russian casualties a day over the summer", "casualties", 1000, qualifier="about",
      rate="per_day", period=["2025-06-01", "2025-08-31"], want="supported",
      note="Western officials (illustrative, compare assessments.csv ukmod-2025-11-rate); spelled-out number")
distractor("04", "Three months later", 3, "duration")
distractor("04", "home to 60,000 people", 60000, "population")
distractor("04", "the next 100 days", 100, "duration")
distractor("04", "not the next 10", 10, "duration")
distractor("04", "She is 52", 52, "age")


# ----------------------------------------------------------------------------------------------
# 05  Q&A interview, 2023-02-27

A = "2023-02-27"
DOCS["05"] = (A, "Q&A interview")
claim("05", "put Russian personnel losses at 146,820", "personnel_losses", 146820, cumulative=True,
      period=asof("2023-02-24"), want="supported", note="the report dated 24 February 2023 (the anniversary)")
claim("05", "By this morning it's 148,690", "personnel_losses", 148690, cumulative=True, want="supported")
claim("05", "close to 150,000 in a year", "personnel_losses", 150000, qualifier="nearly", cumulative=True,
      period=asof("2023-02-24"), want="supported", note="the first year of the war")
claim("05", "roughly 400 men a day", "personnel_losses", 400, qualifier="about", rate="per_day",
      period=["2022-02-24", "2023-02-23"], want="supported")
claim("05", "January was the worst month yet", "personnel_losses", 1, period=month("2023-01"), kind="rank",
      rank={}, want="supported")
claim("05", "at 21,700", "personnel_losses", 21700, period=month("2023-01"), want="supported")
claim("05", "February has already logged 20,270 in twenty-six days", "personnel_losses", 20270,
      period=upto("2023-02-01", A), want="supported")
claim("05", "almost 780 every day", "personnel_losses", 780, qualifier="nearly", rate="per_day",
      period=upto("2023-02-01", A), want="supported")
claim("05", "3,363 by the anniversary report", "equipment:tanks", 3363, cumulative=True,
      period=asof("2023-02-24"), want="supported")
claim("05", "Aircraft stood at 299", "equipment:aircraft", 299, cumulative=True, period=asof("2023-02-24"),
      want="supported", note="the anniversary report")
claim("05", "helicopters at 278", "equipment:helicopters", 278, cumulative=True, period=asof("2023-02-24"),
      want="contradicted", note="digits swapped: the report had 287")
claim("05", "more than 100,000 Ukrainian soldiers killed or wounded", "casualties", 100000, None,
      qualifier="more_than", side="ukraine", cumulative=True, want="not_checkable",
      note="Moscow's claim about Ukraine's losses (illustrative)")
claim("05", "somewhere around 40,000 dead", "killed", 40000, qualifier="about", cumulative=True,
      want="not_checkable", note="a rule-of-thumb estimate of deaths")
claim("05", "it will pass 200,000 well before the summer", "personnel_losses", 200000, None,
      qualifier="more_than", cumulative=True, period=[A, "2023-05-31"], kind="projection", want="supported")
distractor("05", "Monday 27 February 2023", None, "date of the interview")
distractor("05", "the whole twelve months", 12, "duration")
distractor("05", "one killed for every three wounded", 3, "ratio")


# ----------------------------------------------------------------------------------------------
# 06  Ukrainian-side figures, 2024-12-12

A = "2024-12-12"
DOCS["06"] = (A, "Ukraine's own losses")
claim("06", "43,000 Ukrainian soldiers have been killed", "killed", 43000, side="ukraine", cumulative=True,
      period=asof("2024-12-08"), want="not_checkable",
      note="President Zelensky on Sunday 8 December (assessments.csv zelensky-2024-12-08)")
claim("06", "about 370,000 have been wounded", "wounded", 370000, qualifier="about", side="ukraine",
      cumulative=True, period=asof("2024-12-08"), want="not_checkable", note="Ukraine's own wounded (illustrative)")
claim("06", "Ukraine has lost close to 900,000 troops", "casualties", 900000, qualifier="nearly",
      side="ukraine", cumulative=True, want="not_checkable", note="Moscow's claim (illustrative)")
claim("06", "Ukrainian losses at over 60,000", "casualties", 60000, None, qualifier="more_than",
      side="ukraine", period=month("2024-11"), want="not_checkable", note="Moscow's claim (illustrative)")
claim("06", "198,000 dead", "killed", 198000, cumulative=True, period=asof("2024-12-08"), want="not_checkable",
      note="Zelensky's figure for Russia's dead (illustrative); deaths only")
claim("06", "550,000 wounded", "wounded", 550000, cumulative=True, period=asof("2024-12-08"),
      want="not_checkable", note="Zelensky's figure for Russia's wounded (illustrative)")
claim("06", "reported 758,730 Russian losses this morning", "personnel_losses", 758730, cumulative=True,
      want="supported")
claim("06", "November was its worst month on record", "personnel_losses", 1, period=month("2024-11"),
      kind="rank", rank={}, want="supported")
claim("06", "at 45,720", "personnel_losses", 45720, period=month("2024-11"), want="supported")
claim("06", "averaged more than 1,500 a day", "personnel_losses", 1500, None, qualifier="more_than",
      rate="per_day", period=upto("2024-12-01", A), want="supported")
claim("06", "puts Ukrainian killed and wounded at about 400,000", "casualties", 400000, qualifier="about",
      side="ukraine", cumulative=True, want="not_checkable", note="Western estimate (illustrative)")
distractor("06", "Thursday 12 December 2024", None, "date")
distractor("06", "almost three years", 3, "duration")
distractor("06", "about 37 million", 37000000, "population")
distractor("06", "some 1 million people serve", 1000000, "size of the armed forces")
distractor("06", "Oksana, 58", 58, "age")
distractor("06", "near Vuhledar in 2023", None, "year")


# ----------------------------------------------------------------------------------------------
# 07  press-conference transcript, 2025-06-03

A = "2025-06-03"
DOCS["07"] = (A, "press-conference transcript")
claim("07", "put 1,100 Russian invaders out of action", "personnel_losses", 1100, period=day_before(A),
      want="supported")
claim("07", "seven tanks", "equipment:tanks", 7, period=day_before(A), want="supported",
      note="spelled-out number")
claim("07", "48 artillery systems", "equipment:artillery", 48, period=day_before(A), want="supported")
claim("07", "126 drones", "equipment:uav", 126, period=day_before(A), want="supported")
claim("07", "41 enemy aircraft have been added to the count", "equipment:aircraft", 41, period=day_before(A),
      want="supported", note="the increment of the report dated 2025-06-03")
claim("07", "the aircraft total to 413", "equipment:aircraft", 413, cumulative=True, want="supported")
claim("07", "the enemy has lost approximately 990,800 personnel", "personnel_losses", 990800,
      qualifier="about", cumulative=True, want="supported")
claim("07", "the total will pass one million within the next ten days", "personnel_losses", 1000000, None,
      qualifier="more_than", cumulative=True, period=[A, "2025-06-12"], kind="projection", want="supported",
      note="spelled-out number; passed in the report dated 2025-06-12")
claim("07", "In May the enemy lost 35,370 personnel", "personnel_losses", 35370, period=month("2025-05"),
      want="supported")
claim("07", "still above 1,100 per day", "personnel_losses", 1100, None, qualifier="more_than",
      rate="per_day", period=month("2025-05"), want="supported")
claim("07", "Since the beginning of the year we have counted exactly 200,000", "personnel_losses", 200000,
      period=upto("2025-01-01", A), want="supported")
claim("07", "In May the enemy lost 3,965 unmanned aerial vehicles", "equipment:uav", 3965,
      period=month("2025-05"), want="supported")
claim("07", "2,993 in April", "equipment:uav", 2993, period=month("2025-04"), want="contradicted",
      note="digits swapped: 2,939 in the data")
claim("07", "Only March was higher", "equipment:uav", 2, period=month("2025-05"), kind="rank", rank={},
      want="supported")
claim("07", "140 for the month", "equipment:tanks", 140, period=month("2025-05"), want="supported")
claim("07", "the Russian claim of 7,000 in a week", "casualties", 7000, side="ukraine", want="not_checkable",
      note="Moscow's claim about Ukraine's losses (illustrative); the week is not named")
claim("07", "March to May, 112,950", "personnel_losses", 112950, period=["2025-03-01", "2025-05-31"],
      want="supported")
distractor("07", "Kyiv, 3 June 2025", None, "date")
distractor("07", "on 1 June", 1, "date")


# ----------------------------------------------------------------------------------------------
# 08  listicle, 2024-01-03 (list numbers as distractors)

A = "2024-01-03"
DOCS["08"] = (A, "listicle")
claim("08", "253,290\nRussian personnel losses in 2023", "personnel_losses", 253290,
      period=["2023-01-01", "2023-12-31"], want="supported")
claim("08", "roughly 694 every day of the year", "personnel_losses", 694, qualifier="about", rate="per_day",
      period=["2023-01-01", "2023-12-31"], want="supported")
claim("08", "29,970\nDecember's total", "personnel_losses", 29970, period=month("2023-12"), want="supported")
claim("08", "the deadliest month of the war for Russia", "personnel_losses", 1, period=month("2023-12"),
      kind="rank", rank={}, want="supported")
claim("08", "November, with 28,550", "personnel_losses", 28550, period=month("2023-11"), want="supported")
claim("08", "comes second", "personnel_losses", 2, period=month("2023-11"), kind="rank", rank={},
      want="supported")
claim("08", "1,380\nRussian losses on 19 October alone", "personnel_losses", 1380,
      period=["2023-10-19", "2023-10-19"], want="supported")
claim("08", "2,952\nTanks destroyed over the year", "equipment:tanks", 2952, period=["2023-01-01", "2023-12-31"],
      want="supported")
claim("08", "the 5,983 on Kyiv's list by New Year's Day", "equipment:tanks", 5983, cumulative=True,
      period=asof("2024-01-01"), want="supported")
claim("08", "15,080\nSeptember's figure", "personnel_losses", 15080, period=month("2023-09"), want="supported")
claim("08", "the lowest monthly total of 2023", "personnel_losses", 1, period=month("2023-09"), kind="rank",
      rank={"order": "lowest", "among": ["2023-01", "2023-12"]}, want="supported")
claim("08", "412\nAir-defence systems hit in 2023", "equipment:air_defense", 412,
      period=["2023-01-01", "2023-12-31"], want="supported")
claim("08", "4,685\nDrones downed in 2023", "equipment:uav", 4685, period=["2023-01-01", "2023-12-31"],
      want="contradicted", note="digits swapped: 4,865 in the data")
claim("08", "one number to watch: 400,000", "personnel_losses", 400000, None,
      qualifier="more_than", cumulative=True, period=[A, "2024-02-29"], kind="projection", want="supported",
      note="the milestone; the sentence after says when: \"Kyiv's count will pass that milestone in February\"")
claim("08", "December's pace of around 1,000 a day", "personnel_losses", 1000, qualifier="about",
      rate="per_day", period=month("2023-12"), want="supported")
distractor("08", "Seven numbers", 7, "number of items")
distractor("08", "Russia's 2023 in Ukraine", None, "year")
distractor("08", "in all of 2022", None, "year")
distractor("08", "Wednesday 3 January 2024", None, "date")
distractor("08", "4 min read", 4, "reading time")
# the list numbers 1 and 2 are left out: ranks 1 and 2 are claim values of this text, and a scorer
# may match distractors by value
distractor("08", "\n3.", 3, "list number")
distractor("08", "\n4.", 4, "list number")
distractor("08", "\n5.", 5, "list number")
distractor("08", "\n6.", 6, "list number")
distractor("08", "\n7.", 7, "list number")


# ----------------------------------------------------------------------------------------------
# 09  economics piece with many non-loss numbers, 2026-04-20

A = "2026-04-20"
DOCS["09"] = (A, "economics piece with many non-loss numbers")
claim("09", "34,000 men signed contracts in the first quarter", "recruited", 34000,
      period=["2026-01-01", "2026-03-31"], want="not_checkable", note="recruitment, not losses (illustrative)")
claim("09", "counted 89,760 Russian personnel losses in the first three months of the year",
      "personnel_losses", 89760, period=["2026-01-01", "2026-03-31"], want="supported")
claim("09", "close to 1,000 a day", "personnel_losses", 1000, qualifier="nearly", rate="per_day",
      period=["2026-01-01", "2026-03-31"], want="supported")
claim("09", "passed 1.3 million on 2 April", "personnel_losses", 1300000, None, qualifier="more_than",
      cumulative=True, period=asof("2026-04-02"), want="supported")
claim("09", "It now stands at 1,319,270", "personnel_losses", 1319270, cumulative=True, want="supported")
claim("09", "March alone accounted for 31,960", "personnel_losses", 31960, period=month("2026-03"),
      want="supported")
claim("09", "26,090 in February", "personnel_losses", 26090, period=month("2026-02"), want="supported")
claim("09", "The military lost 59,357 of them in March", "equipment:uav", 59357, period=month("2026-03"),
      want="contradicted", note="digits swapped: 59,537 in the data")
distractor("09", "20 April 2026", None, "date")
distractor("09", "Russia's 2026 budget", None, "year")
distractor("09", "13.2 trillion roubles", 13.2e12, "defence budget")
distractor("09", "about 6.3% of GDP", 6.3, "share of GDP")
distractor("09", "key rate at 15%", 15, "interest rate")
distractor("09", "7.8% a year", 7.8, "inflation")
distractor("09", "$61 a barrel", 61, "oil price")
distractor("09", "some $9 below", 9, "price difference")
distractor("09", "agreed in 2025", None, "year")
distractor("09", "2.5 million roubles", 2500000, "signing bonus")
distractor("09", "more than four times", 4, "ratio")
distractor("09", "about 600,000 roubles", 600000, "average wage")
distractor("09", "from $400 to $50,000", 400, "price of a drone")
distractor("09", "2.8% of annual output", 2.8, "cost of the war")
distractor("09", "since 2022", None, "year")
distractor("09", "between 650,000 and 900,000", 650000, "emigrants")
distractor("09", "1,600 respondents", 1600, "poll sample")
distractor("09", "48% in favour", 48, "poll result")


# ----------------------------------------------------------------------------------------------
# 10  weekly newsletter, 2022-11-14 (a Monday); periods carried across paragraphs

A = "2022-11-14"
DOCS["10"] = (A, "weekly newsletter")
claim("10", "logged 4,910 Russian losses in the seven days to Sunday", "personnel_losses", 4910,
      period=["2022-11-07", "2022-11-13"], want="supported")
claim("10", "up from 4,640 the week before", "personnel_losses", 4640, period=["2022-10-31", "2022-11-06"],
      want="supported")
claim("10", "That is about 700 a day", "personnel_losses", 700, qualifier="about", rate="per_day",
      period=["2022-11-07", "2022-11-13"], want="supported")
claim("10", "The total crossed 80,000 on Saturday", "personnel_losses", 80000, None, qualifier="more_than",
      cumulative=True, period=asof("2022-11-12"), want="supported", note="Saturday = the report dated 2022-11-12")
claim("10", "this morning's report has it at 81,370", "personnel_losses", 81370, cumulative=True,
      want="supported")
claim("10", "37 drones", "equipment:uav", 37, period=["2022-11-07", "2022-11-13"], want="supported",
      note="\"over the same seven days\" carries the week of the paragraph before")
claim("10", "October's final tally was 12,860", "personnel_losses", 12860, period=month("2022-10"),
      want="supported")
claim("10", "the worst month since the invasion began", "personnel_losses", 1, period=month("2022-10"),
      kind="rank", rank={}, want="supported")
claim("10", "around 300,000 reservists", "mobilized", 300000, qualifier="about",
      period=["2022-09-21", "2022-10-28"], want="not_checkable",
      note="partial mobilisation of 2022 (assessments.csv ru-mobilization-2022)")
claim("10", "333 artillery systems destroyed", "equipment:artillery", 333, period=month("2022-10"),
      want="supported", note="\"the same month\" carries October from the paragraph before")
claim("10", "a monthly record", "equipment:artillery", 1, period=month("2022-10"), kind="rank", rank={},
      want="supported")
claim("10", "406 drones", "equipment:uav", 406, period=month("2022-10"), want="supported")
claim("10", "also a record", "equipment:uav", 1, period=month("2022-10"), kind="rank", rank={},
      want="supported")
claim("10", "Tank losses, at 344", "equipment:tanks", 344, period=month("2022-10"), want="supported")
claim("10", "September's 375", "equipment:tanks", 375, period=month("2022-09"), want="contradicted",
      note="digits swapped: 357 in the data")
claim("10", "8,900 in thirteen days", "personnel_losses", 8900, period=upto("2022-11-01", A), want="supported")
claim("10", "November will finish comfortably above 15,000", "personnel_losses", 15000, None,
      qualifier="more_than", period=month("2022-11"), kind="projection", want="supported")
distractor("10", "The Monday Ledger #41", 41, "issue number")
distractor("10", "14 November 2022", None, "date")
distractor("10", "close to 280,000", 280000, "population")
distractor("10", "perhaps 70,000 stayed", 70000, "population")
distractor("10", "last issue had 2", 2, "number of errors")


if __name__ == "__main__":
    base.main(sys.argv)
