//! Readings: the figures a claim's words allow, each weighed by the text's cues and by how
//! surprising its agreement with the data would be by chance.
//!
//! A number in news text is often open to more than one reading: "eight tanks" in a rewrite of
//! the morning report is the day's change, "131 helicopters" in the same list the running total,
//! and a report quoted the morning after it came out is the previous day's. The grammar gives one
//! reading; this module sets beside it the running total and the day's change in the report of
//! the text's date and of the day before, and the seven days to that report, gives each a prior
//! from the words of its sentence, evaluates each on the data, and weighs them as AggChecker
//! (Jo et al., SIGMOD 2019) weighs candidate queries: by prior times likelihood.
//!
//! The likelihood is what keeps a chance match from deciding. Under a reading where the claim
//! holds, the stated value is one of the values that round to the figure, so its density is one
//! over the width of the accepted interval: "1,070" equal to the day's change is strong evidence
//! (a width of 10), "about 1,000" weak (a width of 1,000). Under a reading where the claim is
//! wrong, the stated value is a misstatement of the figure, as wrong figures in the press are:
//! near it on a log scale (a Laplace density of scale [`MISSTATEMENT_SCALE`]), so "8 tanks" is
//! no misstatement of a running total of 3,000 but could be one of a day's 12. The verdict is
//! supported only when the readings under which the claim holds carry at least
//! [`SUPPORT_POSTERIOR`] of the weight, contradicted when those under which it fails carry as
//! much, and ambiguous in between.

use attrition_model::{Claim, ClaimKind, Hedge, RateUnit};
use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

/// The prior chance that a claim in the press states its figure right, before the data are read.
pub const TRUE_PRIOR: f64 = 0.8;

/// The scale, on a log scale, of how far a wrong figure lies from the right one: 0.25 puts half
/// of misstatements within about 16% of the figure.
pub const MISSTATEMENT_SCALE: f64 = 0.25;

/// The posterior weight of the readings under which the claim holds (or fails) needed for a
/// verdict of supported (or contradicted); in between, the claim is ambiguous.
pub const SUPPORT_POSTERIOR: f64 = 0.8;

/// What a reading takes the claim to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "as")]
pub enum ReadingKind {
    /// As the grammar read the sentence (its period, rate and cumulative flag).
    AsWritten,
    /// The running total in the report of `report`.
    RunningTotal {
        /// The report's date.
        report: Date,
    },
    /// The change in the report of `report` (the losses of the day before it).
    DayChange {
        /// The report's date.
        report: Date,
    },
    /// The seven loss days up to the report of `report`.
    Week {
        /// The report's date.
        report: Date,
    },
}

impl ReadingKind {
    /// The reading in words.
    #[must_use]
    pub fn describe(self) -> String {
        match self {
            ReadingKind::AsWritten => "as the sentence reads".to_owned(),
            ReadingKind::RunningTotal { report } => format!("the running total in the report of {report}"),
            ReadingKind::DayChange { report } => format!("the day's change in the report of {report}"),
            ReadingKind::Week { report } => format!("the seven days to the report of {report}"),
        }
    }
}

/// Words of the claim's sentence that favour one reading over another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cues {
    /// "over the past day", "in 24 hours", "yesterday", "another", "on Sunday".
    pub day: bool,
    /// "in total", "since the start of the invasion", "so far", "to date".
    pub cumulative: bool,
    /// "this week", "in seven days".
    pub week: bool,
    /// "yesterday's report", "the day before": the report before the text's date.
    pub previous_report: bool,
}

const DAY_CUES: &[&str] = &[
    "past day",
    "last day",
    "previous day",
    "past 24 hours",
    "last 24 hours",
    "previous 24 hours",
    "24 hours",
    "24-hour",
    "yesterday",
    "overnight",
    "in a day",
    "in one day",
    "single day",
    "a day earlier",
    "the day before",
    "daily",
    "another",
    " more ",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "(+",
];

const CUMULATIVE_CUES: &[&str] = &[
    "total",
    "in all",
    "altogether",
    "overall",
    "so far",
    "to date",
    "since the start",
    "since the beginning",
    "since the invasion",
    "since the full-scale",
    "since the outbreak",
    "since february",
    "since feb",
    "since 24 february",
    "since the war",
    "of the war",
    "of the invasion",
    "throughout the war",
    "cumulative",
    "reached",
    "stands at",
    "has risen to",
    "have risen to",
    "rose to",
    "increased to",
];

const WEEK_CUES: &[&str] = &["week", "seven days", "7 days"];

const PREVIOUS_REPORT_CUES: &[&str] = &["yesterday", "the day before", "a day earlier", "previous day"];

impl Cues {
    /// The cues of the sentence around `span` in `text`.
    #[must_use]
    pub fn around(text: &str, span: [usize; 2]) -> Cues {
        let sentence = sentence_around(text, span).to_lowercase();
        let any = |cues: &[&str]| cues.iter().any(|cue| sentence.contains(cue));
        Cues {
            day: any(DAY_CUES),
            cumulative: any(CUMULATIVE_CUES),
            week: any(WEEK_CUES),
            previous_report: any(PREVIOUS_REPORT_CUES),
        }
    }
}

/// The sentence holding `span`: from the last stop, question or exclamation mark followed by a
/// space, or line break, before it to the next one after it.
fn sentence_around(text: &str, span: [usize; 2]) -> &str {
    let start = span[0].min(text.len());
    let end = span[1].clamp(start, text.len());
    let bytes = text.as_bytes();
    let is_stop = |i: usize| {
        bytes[i] == b'\n'
            || (matches!(bytes[i], b'.' | b'!' | b'?') && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()))
    };
    let from = (0..start).rev().find(|&i| is_stop(i)).map_or(0, |i| i + 1);
    let to = (end..bytes.len()).find(|&i| is_stop(i)).map_or(bytes.len(), |i| i + 1);
    text.get(from..to).unwrap_or("")
}

/// One reading of a claim: the claim as read that way, what it is, and its prior.
#[derive(Debug, Clone)]
pub struct Reading<'t> {
    /// The claim with the reading's period, rate and cumulative flag.
    pub claim: Claim<'t>,
    /// What it takes the claim to count.
    pub kind: ReadingKind,
    /// Its prior, from the text (the priors of a claim's readings sum to one).
    pub prior: f64,
}

/// The readings a value claim allows, the grammar's first, with their priors.
///
/// Only a plain count (no rate) of a value claim is read another way: a rate or a rank names its
/// period in its own words. A claim the grammar read as the running total or the day's change of
/// the text's date is that reading, not a second one.
#[must_use]
pub fn readings<'t>(claim: &Claim<'t>, date: Date, cues: Cues) -> Vec<Reading<'t>> {
    let mut out = vec![Reading { claim: claim.clone(), kind: ReadingKind::AsWritten, prior: 0.55 }];
    if claim.kind != ClaimKind::Value || claim.rate.is_some() {
        return out;
    }
    let Ok(previous) = date.checked_sub(1.day()) else { return out };
    // A span of days the sentence names ("since December 1", "in May") is what the writer meant
    // unless its words also point elsewhere: then only a reading its words cue is kept.
    let named_span = claim.period.is_some_and(|[start, end]| start != end) && !claim.cumulative;
    let boost = |on: bool, factor: f64| match (on, named_span) {
        (true, _) => factor,
        (false, false) => 1.0,
        (false, true) => 0.0,
    };
    let (recent, earlier) = if cues.previous_report { (0.5, 1.5) } else { (1.0, 0.35) };
    let alternatives = [
        (ReadingKind::RunningTotal { report: date }, 0.15 * recent * boost(cues.cumulative, 4.0)),
        (ReadingKind::DayChange { report: date }, 0.15 * recent * boost(cues.day, 4.0)),
        (ReadingKind::RunningTotal { report: previous }, 0.15 * earlier * boost(cues.cumulative, 4.0)),
        (ReadingKind::DayChange { report: previous }, 0.15 * earlier * boost(cues.day, 4.0)),
        (ReadingKind::Week { report: date }, 0.05 * boost(cues.week, 6.0)),
    ];
    for (kind, prior) in alternatives.into_iter().filter(|(_, prior)| *prior > 0.0) {
        let Some(read) = read_as(claim, kind, date) else { continue };
        match out.iter_mut().find(|r| same_reading(&r.claim, &read, date)) {
            // The grammar's reading is also this one: the cue speaks for it too.
            Some(existing) => existing.prior += prior,
            None => out.push(Reading { claim: read, kind, prior }),
        }
    }
    let total: f64 = out.iter().map(|r| r.prior).sum();
    for reading in &mut out {
        reading.prior /= total;
    }
    out
}

/// Whether two readings count the same: a running total without a period is the one of the
/// report of the text's date.
fn same_reading(a: &Claim<'_>, b: &Claim<'_>, date: Date) -> bool {
    let days = |c: &Claim<'_>| match (c.period, c.cumulative) {
        (None, true) => date.checked_sub(1.day()).ok().map(|d| [attrition_model::WAR_START, d]),
        (period, _) => period,
    };
    days(a) == days(b) && a.cumulative == b.cumulative && a.rate == b.rate
}

/// The claim read as `kind` in a text of `date` (a running total of that date's report has no
/// period, as the grammar writes it).
fn read_as<'t>(claim: &Claim<'t>, kind: ReadingKind, date: Date) -> Option<Claim<'t>> {
    let day_before = |report: Date| report.checked_sub(1.day()).ok();
    let (period, cumulative) = match kind {
        ReadingKind::AsWritten => return Some(claim.clone()),
        ReadingKind::RunningTotal { report } if report == date => (None, true),
        ReadingKind::RunningTotal { report } => (Some([attrition_model::WAR_START, day_before(report)?]), true),
        ReadingKind::DayChange { report } => {
            let day = day_before(report)?;
            (Some([day, day]), false)
        }
        ReadingKind::Week { report } => {
            let last = day_before(report)?;
            (Some([last.checked_sub(6.days()).ok()?, last]), false)
        }
    };
    Some(Claim { period, cumulative, rate: None::<RateUnit>, ..claim.clone() })
}

/// How a reading fared on the data.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outcome {
    /// The figure satisfies the claim.
    Holds {
        /// The figure.
        figure: f64,
    },
    /// The figure does not.
    Fails {
        /// The figure.
        figure: f64,
    },
}

/// The unnormalised posterior weight of a reading with `prior` and `outcome` for a claim stating
/// `value` that accepts `[low, high]` (open ends `None`).
#[must_use]
pub fn weight(prior: f64, claim: &Claim<'_>, accepted: [Option<f64>; 2], outcome: Outcome) -> f64 {
    let Some(value) = claim.low.or(claim.high) else { return 0.0 };
    match outcome {
        Outcome::Holds { figure } => prior * TRUE_PRIOR / accepted_width(claim, accepted, value, figure),
        Outcome::Fails { figure } => prior * (1.0 - TRUE_PRIOR) * misstatement_density(value, figure),
    }
}

/// The width of the values that would state `figure` as the claim does: the accepted interval,
/// or for an open bound ("more than 100") the distance from the bound to the figure, at least the
/// claim's rounding unit.
fn accepted_width(claim: &Claim<'_>, [low, high]: [Option<f64>; 2], value: f64, figure: f64) -> f64 {
    let unit = claim.unit.unwrap_or(1.0).max(1.0);
    let width = match (low, high) {
        (Some(l), Some(h)) => h - l,
        _ => (figure - value).abs(),
    };
    if matches!(claim.qualifier, Hedge::Exact) { width.max(1.0) } else { width.max(unit) }
}

/// The density of stating `value` for a true `figure` when the statement is wrong: a Laplace
/// density on the log scale around the figure (values below one counted as one, so that a zero
/// day can be misstated too).
fn misstatement_density(value: f64, figure: f64) -> f64 {
    let (v, f) = (value.max(1.0), figure.max(1.0));
    let distance = (v / f).ln().abs();
    (-distance / MISSTATEMENT_SCALE).exp() / (2.0 * MISSTATEMENT_SCALE * v)
}

/// The verdict the weights give: the share of the weight under which the claim holds.
#[must_use]
pub fn support_share(weights: &[(f64, bool)]) -> Option<f64> {
    let total: f64 = weights.iter().map(|(w, _)| w).sum();
    (total > 0.0 && total.is_finite())
        .then(|| weights.iter().filter(|(_, holds)| *holds).map(|(w, _)| w).sum::<f64>() / total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use attrition_model::Metric;
    use jiff::civil::date;

    fn claim(value: f64, qualifier: Hedge, unit: f64) -> Claim<'static> {
        Claim {
            span: [0, 1],
            quote: "x".into(),
            side: None,
            metric: Some(Metric::PersonnelLosses),
            low: Some(value),
            high: if matches!(qualifier, Hedge::MoreThan) { None } else { Some(value) },
            qualifier,
            rate: None,
            period: None,
            cumulative: true,
            kind: ClaimKind::Value,
            rank: None,
            convention: None,
            net_of_corrections: false,
            attribution: None,
            vague: false,
            unit: Some(unit),
            subset: None,
            peak_days: None,
        }
    }

    #[test]
    fn the_sentence_gives_the_cues() {
        let text = "Kyiv spoke. Russia lost 8 tanks over the past day. The total is 3,000 tanks since the invasion.";
        let at = |needle: &str| {
            let i = text.find(needle).unwrap();
            [i, i + needle.len()]
        };
        let first = Cues::around(text, at("8 tanks"));
        assert!(first.day && !first.cumulative && !first.week);
        let second = Cues::around(text, at("3,000 tanks"));
        assert!(second.cumulative && !second.day);
    }

    #[test]
    fn readings_sum_to_one_and_a_cue_raises_its_reading() {
        let c = claim(8.0, Hedge::Exact, 1.0);
        let day = date(2023, 6, 7);
        let plain = readings(&c, day, Cues::default());
        let cued = readings(&c, day, Cues { day: true, ..Cues::default() });
        for set in [&plain, &cued] {
            assert!((set.iter().map(|r| r.prior).sum::<f64>() - 1.0).abs() < 1e-9);
        }
        let change = |set: &[Reading]| {
            set.iter().find(|r| r.kind == ReadingKind::DayChange { report: day }).map(|r| r.prior).unwrap()
        };
        assert!(change(&cued) > 2.0 * change(&plain));
        // the grammar's cumulative-as-of-today reading is the running total of today: one reading
        assert!(!plain.iter().any(|r| r.kind == ReadingKind::RunningTotal { report: day }));
        let today = readings(&Claim { cumulative: false, period: Some([day, day]), ..c.clone() }, day, Cues::default());
        assert!(today.iter().any(|r| r.kind == ReadingKind::RunningTotal { report: day }));
    }

    #[test]
    fn a_precise_match_outweighs_a_round_one() {
        let exact = claim(1070.0, Hedge::Exact, 10.0);
        let about = claim(1000.0, Hedge::About, 1000.0);
        let strong = weight(0.2, &exact, [Some(1065.0), Some(1075.0)], Outcome::Holds { figure: 1070.0 });
        let weak = weight(0.2, &about, [Some(500.0), Some(1500.0)], Outcome::Holds { figure: 1070.0 });
        assert!(strong > 50.0 * weak, "{strong} {weak}");
    }

    #[test]
    fn a_far_figure_is_no_misstatement_but_a_near_one_is() {
        let c = claim(8.0, Hedge::Exact, 1.0);
        let far = weight(0.6, &c, [Some(7.5), Some(8.5)], Outcome::Fails { figure: 3000.0 });
        let near = weight(0.6, &c, [Some(7.5), Some(8.5)], Outcome::Fails { figure: 12.0 });
        assert!(far < 1e-9 && near > 1e-3, "{far} {near}");
    }

    #[test]
    fn an_unlikely_reading_that_matches_does_not_outvote_a_likely_one_that_fails() {
        // "1,200 troops in the past day": the day's figure is 1,300, the day before's 1,200
        let c = claim(1200.0, Hedge::Exact, 100.0);
        let accepted = [Some(1150.0), Some(1250.0)];
        let fails = weight(0.86, &c, accepted, Outcome::Fails { figure: 1300.0 });
        let holds = weight(0.03, &c, accepted, Outcome::Holds { figure: 1200.0 });
        let share = support_share(&[(fails, false), (holds, true)]).unwrap();
        assert!(share < SUPPORT_POSTERIOR, "{share}");
    }
}
