//! Observations (one cumulative value of one category in one report), corrections, notes, the
//! upstream sources they come from, and the data version shown beside every figure.

use crate::Category;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The wording the General Staff put in front of a number ("about 2,800", "more than 11,000").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// "about".
    About,
    /// "more" (than).
    More,
}

impl Qualifier {
    /// The upstream word.
    #[must_use]
    pub const fn word(self) -> &'static str {
        match self {
            Qualifier::About => "about",
            Qualifier::More => "more",
        }
    }

    /// Parses the upstream word; `None` for anything else.
    #[must_use]
    pub fn from_word(word: &str) -> Option<Qualifier> {
        match word.trim().to_ascii_lowercase().as_str() {
            "about" => Some(Qualifier::About),
            "more" | "more than" => Some(Qualifier::More),
            _ => None,
        }
    }
}

impl fmt::Display for Qualifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

/// One cumulative value, as published, for one category in the report dated `report_date`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Observation {
    /// The date the report carries.
    pub report_date: Date,
    /// What was counted.
    pub category: Category,
    /// The cumulative count since 2022-02-24.
    pub value: i64,
    /// The wording in front of the number, if any.
    pub qualifier: Option<Qualifier>,
}

/// A retroactive correction the General Staff applied in the report dated `report_date`; it is
/// already included in that report's cumulative value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    /// The report that applied it.
    pub report_date: Date,
    /// The corrected category.
    pub category: Category,
    /// The signed size of the correction.
    pub value: i64,
}

/// A piece of text carried by a report that is not a number (for example the direction of the
/// greatest losses).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// The report that carried it.
    pub report_date: Date,
    /// What kind of note (`greatest_losses_direction`).
    pub kind: String,
    /// The text as published.
    pub text: String,
}

/// Where a copy of the General Staff series came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceId {
    /// Petro Ivaniuk's dataset of JSON files on GitHub.
    Petroivaniuk,
    /// The russianwarship.rip API, version 2.
    Russianwarship,
}

/// A source name that is not known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown source {0:?} (expected petroivaniuk or russianwarship)")]
pub struct UnknownSource(pub String);

impl SourceId {
    /// Every source.
    pub const ALL: [SourceId; 2] = [SourceId::Petroivaniuk, SourceId::Russianwarship];

    /// The stable name used in the store and on the command line.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            SourceId::Petroivaniuk => "petroivaniuk",
            SourceId::Russianwarship => "russianwarship",
        }
    }

    /// A one-line description with the publisher of the underlying figures.
    #[must_use]
    pub const fn description(self) -> &'static str {
        match self {
            SourceId::Petroivaniuk => {
                "General Staff of the Armed Forces of Ukraine, via PetroIvaniuk/2022-Ukraine-Russia-War-Dataset"
            }
            SourceId::Russianwarship => "General Staff of the Armed Forces of Ukraine, via russianwarship.rip API v2",
        }
    }
}

impl fmt::Display for SourceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for SourceId {
    type Err = UnknownSource;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "petroivaniuk" | "github" => Ok(SourceId::Petroivaniuk),
            "russianwarship" | "russianwarship.rip" => Ok(SourceId::Russianwarship),
            _ => Err(UnknownSource(s.to_owned())),
        }
    }
}

/// Which data a figure was computed from: the source and the date of its last report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataVersion {
    /// The source of the series.
    pub source: SourceId,
    /// The date of the last report used.
    pub last_report: Date,
}

impl fmt::Display for DataVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} report of {}", self.source, self.last_report)
    }
}
