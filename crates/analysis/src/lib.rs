//! Pure computations over the daily record held in memory: the cumulative function under
//! either date convention, period totals and averages, the daily series as published and net
//! of corrections, and the validation report. Nothing here touches a database or the network;
//! every function can be tested with a literal series.
//!
//! ```
//! use attrition_analysis::Record;
//! use attrition_model::{Category, Convention, Observation, Period, SourceId};
//! use jiff::civil::date;
//! let obs = |d, v| Observation { report_date: d, category: Category::Tanks, value: v, qualifier: None };
//! let record = Record::build(
//!     SourceId::Petroivaniuk,
//!     [obs(date(2024, 9, 1), 100), obs(date(2024, 9, 2), 103), obs(date(2024, 9, 3), 110)],
//!     [],
//!     [],
//! ).unwrap();
//! let period = Period::range(date(2024, 9, 1), date(2024, 9, 2)).unwrap();
//! let figure = record.period_total(Category::Tanks, &period, Convention::LossDay, false).unwrap();
//! assert_eq!(figure.total, 10); // cum(report 09-03) − cum(report 09-01)
//! ```

mod area;
mod balance;
mod briefing;
mod daily;
mod day_table;
mod error;
pub mod forecast;
pub mod mse;
mod oryx;
mod plausibility;
mod ranking;
mod reconcile;
mod record;
mod stats;
pub use stats::grouped;
mod totals;
mod trends;
mod validation;

pub use area::{
    AreaData, AreaError, AreaFile, AreaGain, AreaRatio, AreaRatioRow, AreaSelection, SQUARE_METRES_PER_KM2,
};
pub use balance::{
    Assumptions, Balance, BalanceError, Coverage, DAYS_PER_MONTH, DAYS_PER_WEEK, DEFAULT_DRAWS,
    DEFAULT_IRRECOVERABLE_SHARE, DEFAULT_SEED, DISTRIBUTION, IRRECOVERABLE_SHARE_EVIDENCE, IntakeCover, Interval,
    LossRate, MAX_DRAWS, NetDistribution, Sensitivity, force_balance, simulate_net,
};
pub use briefing::{Briefing, CategoryBrief};
pub use daily::{DailyFlags, DailyRow};
pub use day_table::{DayTable, Window};
pub use error::{AnalysisError, ImportProblem};
pub use oryx::{
    CategoryComparison, ComparisonRow, Derivation, GENERAL_STAFF_UNMAPPED, ORYX_ARMOURED_COMBAT_VEHICLES, ORYX_CAVEATS,
    ORYX_MAPPING, ORYX_UNMAPPED, OryxComparison, OryxCounts, OryxError, OryxMapping, OryxPart, OryxReading, OryxRecord,
    compare_with_oryx, oryx_mapping,
};
pub use plausibility::{
    Acceptance, AcceptedOutlier, BadAcceptance, FUTURE_GRACE_DAYS, MAX_COUNT, OUTLIER_FLOOR, OUTLIER_MIN_RISES,
    OUTLIER_MULTIPLE, OutlierBound, check_outliers, check_values, count,
};
pub use ranking::{Figure, Incomplete, PeriodRank, RankedPeriod, Ranking, Records};
pub use reconcile::{
    ALIGNMENT_DAYS, AssessmentBeside, AssessmentFilter, Assumption, COVERAGE, KilledEstimate, PooledDay, Route,
    SeriesFigure, WOUNDED_PER_KILLED, compare_all, compare_selected, estimate_killed, pooled_path,
};
pub use record::{CategorySeries, Cumulative, Record, TrackingState};
pub use totals::PeriodFigure;
pub use trends::{Change, Compared, Comparison, Ratio, RatioRow, RollingRow, Share, Shares, milestones};
pub use validation::{
    CategoryQualifiers, Decrease, Gap, QualifierCount, SeriesEnd, SeriesStart, ValidationReport, check_batch,
    check_for_import,
};
