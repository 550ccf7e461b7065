//! The two date conventions for turning dated cumulative reports into per-day losses.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// How a report's date relates to the day its losses happened.
///
/// A report dated `D` is published on the morning of `D` and covers fighting up to the end of
/// `D − 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Convention {
    /// The report dated `D` counts as the losses of day `D − 1` (what the Ministry of Defence and
    /// the press use). September = cum(report of 1 Oct) − cum(report of 1 Sep).
    #[default]
    LossDay,
    /// Rows as dated. September = cum(report of 30 Sep) − cum(report of 31 Aug).
    ReportDay,
}

/// A convention name that is neither `loss-day` nor `report-day`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown date convention {0:?} (expected loss-day or report-day)")]
pub struct UnknownConvention(pub String);

impl Convention {
    /// The canonical name.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Convention::LossDay => "loss-day",
            Convention::ReportDay => "report-day",
        }
    }

    /// One line saying what the convention means, printed beside figures.
    #[must_use]
    pub const fn explanation(self) -> &'static str {
        match self {
            Convention::LossDay => "loss-day: the report dated D counts as losses of D-1",
            Convention::ReportDay => "report-day: each report counts on the date it carries",
        }
    }

    /// How many days to add to a loss day to find the report that closes it.
    #[must_use]
    pub const fn report_offset_days(self) -> i32 {
        match self {
            Convention::LossDay => 1,
            Convention::ReportDay => 0,
        }
    }
}

impl fmt::Display for Convention {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Convention {
    type Err = UnknownConvention;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "loss-day" | "loss" => Ok(Convention::LossDay),
            "report-day" | "report" => Ok(Convention::ReportDay),
            _ => Err(UnknownConvention(s.to_owned())),
        }
    }
}
