//! Assessments: what an organisation other than the daily reports said about losses — who, when,
//! which metric, over which scope, as a value or a range — and the vocabulary to say it exactly
//! (metrics, sides, scopes, qualifiers, method classes).

use crate::Category;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What a number counts (DESIGN.md, "Metrics").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Metric {
    /// The General Staff's count ("liquidated"; the press says "killed or wounded").
    PersonnelLosses,
    /// Killed in action and died of wounds.
    Killed,
    /// Deaths confirmed by name.
    NamedKilled,
    /// Wounded.
    Wounded,
    /// Captured.
    Captured,
    /// Missing.
    Missing,
    /// Killed + wounded + captured + missing.
    Casualties,
    /// Inflow to the force.
    Recruited,
    /// Called up for service (by law not sent to fight in Ukraine).
    Conscripted,
    /// Mobilised reservists.
    Mobilized,
    /// One equipment category.
    Equipment(Category),
}

/// A metric name that is not known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown metric {0:?} (expected personnel_losses, killed, named_killed, wounded, captured, missing, casualties, recruited, conscripted, mobilized or equipment:CATEGORY)"
)]
pub struct UnknownMetric(pub String);

impl Metric {
    /// Every metric except the equipment ones.
    pub const PEOPLE: [Metric; 10] = [
        Metric::PersonnelLosses,
        Metric::Killed,
        Metric::NamedKilled,
        Metric::Wounded,
        Metric::Captured,
        Metric::Missing,
        Metric::Casualties,
        Metric::Recruited,
        Metric::Conscripted,
        Metric::Mobilized,
    ];

    /// The stable name.
    #[must_use]
    pub fn id(self) -> String {
        match self {
            Metric::Equipment(category) => format!("equipment:{}", category.id()),
            other => other.simple_id().to_owned(),
        }
    }

    fn simple_id(self) -> &'static str {
        match self {
            Metric::PersonnelLosses => "personnel_losses",
            Metric::Killed => "killed",
            Metric::NamedKilled => "named_killed",
            Metric::Wounded => "wounded",
            Metric::Captured => "captured",
            Metric::Missing => "missing",
            Metric::Casualties => "casualties",
            Metric::Recruited => "recruited",
            Metric::Conscripted => "conscripted",
            Metric::Mobilized => "mobilized",
            Metric::Equipment(_) => "equipment",
        }
    }

    /// What it counts, in a few words.
    #[must_use]
    pub fn meaning(self) -> &'static str {
        match self {
            Metric::PersonnelLosses => {
                "the General Staff's personnel losses (\"liquidated\": killed and wounded unable to fight)"
            }
            Metric::Killed => "killed in action and died of wounds",
            Metric::NamedKilled => "deaths confirmed by name (a floor)",
            Metric::Wounded => "wounded",
            Metric::Captured => "captured",
            Metric::Missing => "missing in action",
            Metric::Casualties => "casualties: killed + wounded + captured + missing",
            Metric::Recruited => "recruits joining the force",
            Metric::Conscripted => "conscripts called up (by law not sent to fight in Ukraine)",
            Metric::Mobilized => "mobilised reservists",
            Metric::Equipment(_) => "equipment losses of one category",
        }
    }
}

impl fmt::Display for Metric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id())
    }
}

impl FromStr for Metric {
    type Err = UnknownMetric;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted = text.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        if let Some(category) = wanted.strip_prefix("equipment:") {
            return category.parse().map(Metric::Equipment).map_err(|_| UnknownMetric(text.to_owned()));
        }
        let alias = match wanted.as_str() {
            "personnel" | "gs_personnel" => "personnel_losses",
            "deaths" | "dead" => "killed",
            "mobilised" => "mobilized",
            other => other,
        };
        Metric::PEOPLE.into_iter().find(|m| m.simple_id() == alias).ok_or_else(|| UnknownMetric(text.to_owned()))
    }
}

impl Serialize for Metric {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.id())
    }
}

impl<'de> Deserialize<'de> for Metric {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Whose losses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// Russia's forces (with their auxiliaries as each source counts them).
    Russia,
    /// Ukraine's forces.
    Ukraine,
    /// The Soviet Union (historical comparisons).
    Ussr,
}

impl Side {
    /// The stable name.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            Side::Russia => "russia",
            Side::Ukraine => "ukraine",
            Side::Ussr => "ussr",
        }
    }
}

impl FromStr for Side {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().as_str() {
            "russia" | "russian" | "ru" => Ok(Side::Russia),
            "ukraine" | "ukrainian" | "ua" => Ok(Side::Ukraine),
            "ussr" | "soviet union" => Ok(Side::Ussr),
            _ => Err(format!("unknown side {text:?} (expected russia, ukraine or ussr)")),
        }
    }
}

/// How exactly a publication date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    /// The day.
    Day,
    /// The month (the 15th is used).
    Month,
    /// The year (or less exactly).
    Year,
}

/// The time unit of a rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RateUnit {
    /// A day.
    PerDay,
    /// A week.
    PerWeek,
    /// A month.
    PerMonth,
    /// A year.
    PerYear,
}

impl RateUnit {
    /// Days in the unit (a month is 365.25 / 12 days).
    #[must_use]
    pub fn days(self) -> f64 {
        match self {
            RateUnit::PerDay => 1.0,
            RateUnit::PerWeek => 7.0,
            RateUnit::PerMonth => 365.25 / 12.0,
            RateUnit::PerYear => 365.25,
        }
    }

    /// "a day", "a month"…
    #[must_use]
    pub const fn words(self) -> &'static str {
        match self {
            RateUnit::PerDay => "a day",
            RateUnit::PerWeek => "a week",
            RateUnit::PerMonth => "a month",
            RateUnit::PerYear => "a year",
        }
    }
}

impl FromStr for RateUnit {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().as_str() {
            "per_day" | "day" | "daily" => Ok(RateUnit::PerDay),
            "per_week" | "week" | "weekly" => Ok(RateUnit::PerWeek),
            "per_month" | "month" | "monthly" => Ok(RateUnit::PerMonth),
            "per_year" | "year" | "yearly" => Ok(RateUnit::PerYear),
            _ => Err(format!("unknown rate {text:?} (expected per_day, per_week, per_month or per_year)")),
        }
    }
}

/// What a figure covers in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Scope {
    /// Everything since `since` up to the assessment's date.
    Cumulative {
        /// The start.
        since: Date,
    },
    /// A closed period.
    Period {
        /// First day.
        start: Date,
        /// Last day.
        end: Date,
    },
    /// A rate, over a period when one is stated.
    Rate {
        /// The unit.
        per: RateUnit,
        /// The period it applies to, if stated.
        start: Option<Date>,
        /// See `start`.
        end: Option<Date>,
    },
}

impl Scope {
    /// "cumulative since 2022-02-24", "2024-01-01 .. 2024-12-31", "rate a day over … .. …".
    #[must_use]
    pub fn describe(&self) -> String {
        match *self {
            Scope::Cumulative { since } => format!("cumulative since {since}"),
            Scope::Period { start, end } => format!("{start} .. {end}"),
            Scope::Rate { per, start: Some(s), end: Some(e) } => format!("rate {} over {s} .. {e}", per.words()),
            Scope::Rate { per, .. } => format!("rate {}", per.words()),
        }
    }
}

/// How a figure is qualified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Hedge {
    /// As stated.
    Exact,
    /// About, around, approximately.
    About,
    /// At least.
    AtLeast,
    /// More than.
    MoreThan,
    /// Up to.
    UpTo,
    /// Nearly, almost.
    Nearly,
    /// Less than.
    LessThan,
    /// A range low–high.
    Range,
}

impl Hedge {
    /// The words written before a figure so qualified ("about ", "at least "…; none for exact
    /// figures and ranges).
    #[must_use]
    pub const fn words(self) -> &'static str {
        match self {
            Hedge::Exact | Hedge::Range => "",
            Hedge::About => "about ",
            Hedge::AtLeast => "at least ",
            Hedge::MoreThan => "more than ",
            Hedge::UpTo => "up to ",
            Hedge::Nearly => "nearly ",
            Hedge::LessThan => "less than ",
        }
    }
}

impl FromStr for Hedge {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().replace([' ', '-'], "_").as_str() {
            "" | "exact" => Ok(Hedge::Exact),
            "about" | "approximately" | "around" => Ok(Hedge::About),
            "at_least" => Ok(Hedge::AtLeast),
            "more_than" | "over" => Ok(Hedge::MoreThan),
            "up_to" => Ok(Hedge::UpTo),
            "nearly" | "almost" => Ok(Hedge::Nearly),
            "less_than" | "under" => Ok(Hedge::LessThan),
            "range" => Ok(Hedge::Range),
            _ => Err(format!(
                "unknown qualifier {text:?} (expected exact, about, at_least, more_than, up_to, nearly, less_than or range)"
            )),
        }
    }
}

/// What kind of work produced a figure (METHODS.md §3.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MethodClass {
    /// A warring party's own count or statement.
    BelligerentClaim,
    /// An intelligence service's assessment.
    Intelligence,
    /// A statistical estimate (models, registries, think tanks).
    Statistical,
    /// A floor from records confirmed one by one (named lists).
    NamedFloor,
    /// A decree or official record of a decision (call-ups).
    Official,
}

impl MethodClass {
    /// The stable name.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            MethodClass::BelligerentClaim => "belligerent_claim",
            MethodClass::Intelligence => "intelligence",
            MethodClass::Statistical => "statistical",
            MethodClass::NamedFloor => "named_floor",
            MethodClass::Official => "official",
        }
    }
}

impl FromStr for MethodClass {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().replace([' ', '-'], "_").as_str() {
            "belligerent_claim" | "belligerent" => Ok(MethodClass::BelligerentClaim),
            "intelligence" => Ok(MethodClass::Intelligence),
            "statistical" | "estimate" => Ok(MethodClass::Statistical),
            "named_floor" | "named" => Ok(MethodClass::NamedFloor),
            "official" | "decree" => Ok(MethodClass::Official),
            _ => Err(format!(
                "unknown method class {text:?} (expected belligerent_claim, intelligence, statistical, named_floor or official)"
            )),
        }
    }
}

/// Where an assessment came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// The reviewed registry shipped with attrition.
    Curated,
    /// Added by the user (`attrition sources add`).
    User,
    /// The Economist's published-estimates table and its series.
    Economist,
}

impl Origin {
    /// The stable name.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            Origin::Curated => "curated",
            Origin::User => "user",
            Origin::Economist => "economist",
        }
    }
}

impl std::str::FromStr for Origin {
    type Err = String;

    fn from_str(text: &str) -> Result<Origin, String> {
        [Origin::Curated, Origin::User, Origin::Economist]
            .into_iter()
            .find(|o| o.id() == text)
            .ok_or_else(|| format!("{text:?} is not an origin (curated, user or economist)"))
    }
}

/// One published figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    /// A stable identifier, unique within its origin.
    pub id: String,
    /// Who said it.
    pub organisation: String,
    /// When it was published (or the date it refers to, when the source dates it).
    pub published: Date,
    /// How exactly `published` is known.
    pub date_precision: DatePrecision,
    /// Whose losses.
    pub side: Side,
    /// What it counts.
    pub metric: Metric,
    /// Over which time.
    pub scope: Scope,
    /// The low end of a range.
    pub low: Option<f64>,
    /// The central figure.
    pub best: Option<f64>,
    /// The high end of a range.
    pub high: Option<f64>,
    /// How the figure is qualified.
    pub qualifier: Hedge,
    /// How it was produced, in the source's words.
    pub method: String,
    /// The kind of method.
    pub method_class: MethodClass,
    /// Where it was reported.
    pub cited_in: String,
    /// Anything else worth knowing.
    pub note: String,
    /// Where attrition got it.
    pub origin: Origin,
}

impl Assessment {
    /// `(low, best, high)`, each filled from the others where missing: a single figure is its own
    /// range, and a range without a best has its midpoint as best.
    #[must_use]
    pub fn range(&self) -> Option<(f64, f64, f64)> {
        let (low, best, high) = (self.low, self.best, self.high);
        let best = best.or(match (low, high) {
            (Some(l), Some(h)) => Some(f64::midpoint(l, h)),
            (Some(x), None) | (None, Some(x)) => Some(x),
            (None, None) => None,
        })?;
        Some((low.unwrap_or(best), best, high.unwrap_or(best)))
    }

    /// The date the figure refers to: the end of its period, or its publication date.
    #[must_use]
    pub fn as_of(&self) -> Date {
        match self.scope {
            Scope::Period { end, .. } | Scope::Rate { end: Some(end), .. } => end.min(self.published),
            _ => self.published,
        }
    }
}

/// One day of a pooled meta-estimate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MetaEstimate {
    /// The day.
    pub date: Date,
    /// The estimate.
    pub estimate: f64,
    /// 95% confidence interval of the fit.
    pub ci: (f64, f64),
    /// 95% prediction interval.
    pub pi: (f64, f64),
    /// `deaths` (killed) or `casualties`.
    pub metric: Metric,
}
