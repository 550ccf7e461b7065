//! Claims: one quantitative statement about losses found in a text, in the shape DESIGN.md
//! ("Claims") fixes, and the verdict on it.

use crate::{Convention, Hedge, Metric, RateUnit, Side};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// What a claim states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// A figure ("21,470 troops in February").
    #[default]
    Value,
    /// A rank among periods ("the second-highest month"): `low` = `high` = the rank.
    Rank,
    /// A projection ("will pass one million by the end of May"): the threshold in `low`/`high`,
    /// the target in `period`.
    Projection,
}

/// Which end a rank counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RankOrder {
    /// 1 = the highest.
    Highest,
    /// 1 = the lowest.
    Lowest,
}

/// What a rank compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RankBy {
    /// Period totals.
    Total,
    /// Daily averages (a rate).
    DailyAverage,
}

/// The terms of a rank claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankSpec {
    /// Highest or lowest first.
    pub order: RankOrder,
    /// Totals or daily averages.
    pub by: RankBy,
    /// The kind of period: `month` (the only one the texts use so far), `week`, `quarter`, `year`.
    pub unit: String,
    /// The first and last period compared (`YYYY-MM`), when the text limits them ("the highest
    /// since last May"); otherwise every complete period of the war.
    pub among: Option<[String; 2]>,
}

/// One claim, as `attrition claims extract --json` prints it. Its quote borrows the text it was
/// found in (a claim every 80 bytes in dense reporting: one allocation each was 4% of
/// extraction); [`Claim::into_owned`] detaches it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim<'t> {
    /// UTF-8 byte offsets `[start, end)` of `quote` in the text.
    pub span: [usize; 2],
    /// The exact text.
    pub quote: Cow<'t, str>,
    /// Whose losses; `None` when the text does not say.
    pub side: Option<Side>,
    /// What is counted; `None` when the text does not say.
    pub metric: Option<Metric>,
    /// The lower end of the claimed value (`None` for an open bound: "fewer than 250").
    pub low: Option<f64>,
    /// The upper end (`None` for an open bound: "more than 65,000").
    pub high: Option<f64>,
    /// How the value is qualified.
    pub qualifier: Hedge,
    /// A rate's unit.
    pub rate: Option<RateUnit>,
    /// The loss days covered, inclusive, resolved against the text's date.
    pub period: Option<[Date; 2]>,
    /// A total since 2022-02-24.
    pub cumulative: bool,
    /// Value, rank or projection.
    pub kind: ClaimKind,
    /// The rank's terms (rank claims only).
    pub rank: Option<Box<RankSpec>>,
    /// A convention the text states explicitly ("by the date of the reports"), if any.
    pub convention: Option<Convention>,
    /// The text removes a backlog or correction explicitly.
    pub net_of_corrections: bool,
    /// Who the text says the figure comes from.
    pub attribution: Option<Cow<'static, str>>,
    /// A vague amount ("tens of thousands"): `low`/`high` give its conventional range.
    pub vague: bool,
    /// The digits written, for the rounding tolerance: the value's last significant digit's unit
    /// (38,130 → 10; 1.22 million → 10,000). `None` for spelled-out or vague amounts.
    pub unit: Option<f64>,
    /// The figure counts only part of what the data count (one place, one model, one way of
    /// being lost); `None` when it counts the whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subset: Option<Subset>,
    /// The figure is the highest total of this many consecutive loss days within `period` ("a
    /// daily high of 2,030 in November" is 1; "almost 10,000 within the space of a week" in a
    /// month is 7); `None` when it is the period's own total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peak_days: Option<u16>,
}

/// The part of the losses a figure counts when it is narrower than the General Staff's count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subset {
    /// One place or front ("in the Black Sea", "in Avdiivka").
    Place,
    /// One model or type ("Su-34 jets", "aircraft of this type").
    Model,
    /// One way of being lost ("captured", "abandoned", "damaged").
    Status,
}

impl Subset {
    /// Why a figure of this part cannot be set against the whole count.
    #[must_use]
    pub fn meaning(self) -> &'static str {
        match self {
            Subset::Place => "a count for one place: the General Staff counts losses on the whole front",
            Subset::Model => {
                "a count of one model or type: the General Staff counts every model of a category together"
            }
            Subset::Status => {
                "a count of one way of being lost (captured, abandoned or damaged): the General Staff counts losses of every kind together"
            }
        }
    }
}

impl Claim<'_> {
    /// The same claim with a quote of its own, free of the text it was found in.
    #[must_use]
    pub fn into_owned(self) -> Claim<'static> {
        Claim { quote: Cow::Owned(self.quote.into_owned()), ..self }
    }
}

/// What the data say about a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerdictKind {
    /// The data agree within the claim's tolerance.
    Supported,
    /// The data disagree.
    Contradicted,
    /// The data do not measure it (another side, a metric the series lacks, a future date).
    NotCheckable,
    /// A figure given as one metric matches the series' different metric ("killed" equal to the
    /// General Staff's personnel losses).
    MetricMismatch,
    /// The readings the text allows disagree on the data and none of them dominates.
    Ambiguous,
}

impl VerdictKind {
    /// The stable name.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            VerdictKind::Supported => "supported",
            VerdictKind::Contradicted => "contradicted",
            VerdictKind::NotCheckable => "not_checkable",
            VerdictKind::MetricMismatch => "metric_mismatch",
            VerdictKind::Ambiguous => "ambiguous",
        }
    }
}
