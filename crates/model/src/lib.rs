//! The vocabulary every attrition crate shares: loss categories and their upstream names,
//! date conventions, calendar periods, observations, corrections and data versions.
//!
//! Nothing here does I/O. A report dated `D` is the General Staff report published on the
//! morning of `D`; its values are cumulative since the full-scale invasion began on
//! [`WAR_START`].
//!
//! ```
//! use attrition_model::{Category, Period};
//! let tanks: Category = "tanks".parse().unwrap();
//! assert_eq!(tanks.petroivaniuk_key(), Some("tank"));
//! let september = Period::parse("2024-09").unwrap();
//! assert_eq!(september.days(), 30);
//! ```

mod assessment;
mod batch;
mod category;
mod claim;
mod convention;
mod csv_cell;
mod observation;
mod period;

pub use assessment::{
    Assessment, DatePrecision, Hedge, MetaEstimate, MethodClass, Metric, Origin, RateUnit, Scope, Side, UnknownMetric,
};
pub use batch::{FileKind, ParsedFile, Provenance};
pub use category::{Category, UnknownCategory};
pub use claim::{Claim, ClaimKind, RankBy, RankOrder, RankSpec, Subset, VerdictKind};
pub use convention::{Convention, UnknownConvention};
pub use csv_cell::csv_cell;
pub use observation::{Correction, DataVersion, Note, Observation, Qualifier, SourceId, UnknownSource};
pub use period::{Period, PeriodError, PeriodKind};

use jiff::civil::{Date, date};

/// The first day of the full-scale invasion (day 1 of the General Staff's count). No report is
/// dated on it; the first report (2022-02-25, day 2) already covers it.
pub const WAR_START: Date = date(2022, 2, 24);

/// The General Staff's day number for a report date: `(date − 2022-02-24) + 1`.
#[must_use]
pub fn war_day(report_date: Date) -> i64 {
    i64::from((report_date - WAR_START).get_days()) + 1
}
