//! Force balance: recruitment against losses, by the stock-flow identity (METHODS.md §5.1).
//!
//! **Identity.** Over a month the force changes by what joins it less what leaves it for good:
//!
//! ```text
//! ΔF = R − ι·L        R  recruits a month (an assumption, given as a range)
//!                     L  personnel losses a month (from the data)
//!                     ι  irrecoverable share of L (an assumption, given as a range)
//! break-even recruitment R* = ι·L
//! ```
//!
//! **Losses.** `L` comes from the General Staff personnel series: the total of the last `w` days
//! of the record under the chosen convention, `C(end) − C(end − w)`, divided by `w` for a daily
//! rate and multiplied by [`DAYS_PER_MONTH`] (365.25 / 12 = 30.4375, the average Gregorian month
//! including leap years) for a month. The General Staff counts everyone "liquidated", which the
//! press reads as killed or wounded; most of the wounded return, hence `ι`.
//!
//! **Irrecoverable share.** `ι` is the part of `L` that never returns: the killed, the seriously
//! wounded, the captured and the missing. Nobody publishes it; the default range
//! [`DEFAULT_IRRECOVERABLE_SHARE`] (0.4 to 0.6) is METHODS.md's example, with the evidence in
//! [`IRRECOVERABLE_SHARE_EVIDENCE`]. Desertion is a further outflow that is not modelled.
//!
//! **Uncertainty.** `R` and `ι` are drawn independently and uniformly over their ranges (no value
//! inside a range is preferred, and nothing links recruitment to the loss rate), `draws` times
//! from a `StdRng` seeded with `seed`, so the same inputs, seed and build give the same output.
//! The net change of each draw is `R − ι·L`; the report gives its mean, its 5, 10, 50, 90 and 95%
//! quantiles (linear interpolation between order statistics, Hyndman & Fan type 7, R's default)
//! and the share of draws with `ΔF < 0` (the force shrinking). The deterministic extremes
//! `R_low − ι_high·L` and `R_high − ι_low·L` bound every draw.
//!
//! **Intake.** `N` new people replace `N / rate` days of losses at the current rate (`/ 7` for
//! weeks), and `N / (ι·rate)` days of irrecoverable losses, a range over `ι`.
//!
//! References: METHODS.md §5.1; Mediazona (2023) on killed against seriously wounded; M. Kofman
//! (2025) on killed against seriously injured; CSIS (2025) for the worked example.

use crate::{AnalysisError, Record};
use attrition_model::{Category, Convention, DataVersion};
use jiff::ToSpan;
use jiff::civil::Date;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use serde::Serialize;

/// Days in the average month: 365.25 / 12 = 30.4375 (a Gregorian year of 365.25 days).
pub const DAYS_PER_MONTH: f64 = 365.25 / 12.0;

/// Days in a week.
pub const DAYS_PER_WEEK: f64 = 7.0;

/// The irrecoverable share used when none is given: METHODS.md §5.1's example range.
pub const DEFAULT_IRRECOVERABLE_SHARE: Interval = Interval { low: 0.4, high: 0.6 };

/// The published evidence behind [`DEFAULT_IRRECOVERABLE_SHARE`], one line each (METHODS.md §5.1).
pub const IRRECOVERABLE_SHARE_EVIDENCE: [&str; 3] = [
    "Mediazona (2023): 47,000 killed and at least 125,000 including the seriously wounded, so the killed are about 38% of irrecoverable losses",
    "M. Kofman (2025): killed in action about equal to the seriously injured",
    "CSIS (2025): about 35,000 losses a month; at an irrecoverable share of 0.4 to 0.6, break-even recruitment is 14,000 to 21,000 a month",
];

/// The seed used when none is given (fixed, so the default output is reproducible).
pub const DEFAULT_SEED: u64 = 20_240_928;

/// The number of Monte Carlo draws used when none is given.
pub const DEFAULT_DRAWS: u32 = 100_000;

/// The largest number of draws accepted (the draws are held in memory to take quantiles).
pub const MAX_DRAWS: u32 = 10_000_000;

/// How the Monte Carlo draws its inputs, printed beside the result.
pub const DISTRIBUTION: &str = "uniform over each range, independent";

/// Why a force-balance figure cannot be computed. The messages name the quantity; front ends
/// add the flag or field it came from.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BalanceError {
    /// The text is not a number or a range `LOW..HIGH`.
    #[error("cannot read {text:?}: {reason}")]
    Unreadable {
        /// The text given.
        text: String,
        /// What was expected.
        reason: String,
    },
    /// A range whose low end is above its high end.
    #[error("the low end ({low}) is above the high end ({high}); write LOW..HIGH")]
    Reversed {
        /// The low end given.
        low: f64,
        /// The high end given.
        high: f64,
    },
    /// A count of people below zero.
    #[error("{value} is negative; recruits are a number of people")]
    Negative {
        /// The value given.
        value: f64,
    },
    /// A share outside `[0, 1]`.
    #[error("{value} is not a share between 0 and 1 (write a fraction: 0.4, not 40)")]
    NotAShare {
        /// The value given.
        value: f64,
    },
    /// A quantity that must be more than zero.
    #[error("the {what} must be more than zero (got {value})")]
    NotPositive {
        /// What it is (`intake`, `number of draws`, `window`).
        what: &'static str,
        /// The value given.
        value: i64,
    },
    /// More draws than [`MAX_DRAWS`].
    #[error("at most {max} draws are allowed (got {draws})")]
    TooManyDraws {
        /// The number given.
        draws: u32,
        /// The limit.
        max: u32,
    },
    /// The window reaches back before the first day of data.
    #[error(
        "a window of {days} days is longer than the data: {category} has {available} days from {first} to {last} under {convention}"
    )]
    WindowTooLong {
        /// The category.
        category: Category,
        /// The window asked for.
        days: i64,
        /// The days with data up to the window's end.
        available: i64,
        /// The first day with data.
        first: Date,
        /// The last day with data.
        last: Date,
        /// The convention.
        convention: Convention,
    },
    /// No losses in the window, so nothing can be expressed per day of losses.
    #[error("{category} losses over {start}..{end} total {total}; a rate needs losses above zero")]
    NoLosses {
        /// The category.
        category: Category,
        /// First day.
        start: Date,
        /// Last day.
        end: Date,
        /// The total.
        total: i64,
    },
    /// The figure from the data could not be computed.
    #[error(transparent)]
    Analysis(#[from] AnalysisError),
}

/// A closed range `[low, high]` of an assumed quantity; `low == high` is a single value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    /// Low end.
    pub low: f64,
    /// High end.
    pub high: f64,
}

/// Reads one number, allowing `_` and `,` between digit groups (`30_000`, `30,000`).
fn number(whole: &str, text: &str) -> Result<f64, BalanceError> {
    let cleaned: String = text.trim().chars().filter(|c| *c != '_' && *c != ',').collect();
    let unreadable = || BalanceError::Unreadable {
        text: whole.to_owned(),
        reason: format!("{:?} is not a number; expected a number or a range LOW..HIGH", text.trim()),
    };
    if cleaned.is_empty() {
        return Err(unreadable());
    }
    let value: f64 = cleaned.parse().map_err(|_| unreadable())?;
    if value.is_finite() { Ok(value) } else { Err(unreadable()) }
}

impl Interval {
    /// The range `[low, high]`.
    ///
    /// # Errors
    /// [`BalanceError::Reversed`] when `low > high`; [`BalanceError::Unreadable`] when either end
    /// is not a finite number.
    pub fn new(low: f64, high: f64) -> Result<Interval, BalanceError> {
        if !low.is_finite() || !high.is_finite() {
            return Err(BalanceError::Unreadable {
                text: format!("{low}..{high}"),
                reason: "both ends must be finite numbers".to_owned(),
            });
        }
        if low > high {
            return Err(BalanceError::Reversed { low, high });
        }
        Ok(Interval { low, high })
    }

    /// Parses `LOW..HIGH` or a single number (then `low == high`).
    ///
    /// # Errors
    /// [`BalanceError::Unreadable`] or [`BalanceError::Reversed`].
    pub fn parse(text: &str) -> Result<Interval, BalanceError> {
        let trimmed = text.trim();
        match trimmed.split_once("..") {
            Some((low, high)) => Interval::new(number(text, low)?, number(text, high)?),
            None => {
                let value = number(text, trimmed)?;
                Interval::new(value, value)
            }
        }
    }

    /// Parses a number of recruits a month: `30000..36000`, `30000..36000/month` or `32000`.
    ///
    /// # Errors
    /// As [`Interval::parse`], and [`BalanceError::Negative`] for a negative end or
    /// [`BalanceError::Unreadable`] for another unit (`/day`).
    pub fn parse_per_month(text: &str) -> Result<Interval, BalanceError> {
        let trimmed = text.trim();
        let body = match trimmed.split_once('/') {
            Some((body, unit)) if matches!(unit.trim().to_ascii_lowercase().as_str(), "month" | "mo" | "m") => body,
            Some((_, unit)) => {
                return Err(BalanceError::Unreadable {
                    text: text.to_owned(),
                    reason: format!("the unit must be a month (\"/month\"), not {:?}", unit.trim()),
                });
            }
            None => trimmed,
        };
        let range = Interval::parse(body).map_err(|error| match error {
            BalanceError::Unreadable { reason, .. } => BalanceError::Unreadable { text: text.to_owned(), reason },
            other => other,
        })?;
        for value in [range.low, range.high] {
            if value < 0.0 {
                return Err(BalanceError::Negative { value });
            }
        }
        Ok(range)
    }

    /// Parses a share range in `[0, 1]`: `0.4..0.6` or `0.5`.
    ///
    /// # Errors
    /// As [`Interval::parse`], and [`BalanceError::NotAShare`] for an end outside `[0, 1]`.
    pub fn parse_share(text: &str) -> Result<Interval, BalanceError> {
        Interval::share(Interval::parse(text)?)
    }

    /// `range` checked to lie in `[0, 1]`.
    ///
    /// # Errors
    /// [`BalanceError::NotAShare`].
    pub fn share(range: Interval) -> Result<Interval, BalanceError> {
        for value in [range.low, range.high] {
            if !(0.0..=1.0).contains(&value) {
                return Err(BalanceError::NotAShare { value });
            }
        }
        Ok(range)
    }

    /// The midpoint.
    #[must_use]
    pub fn mid(&self) -> f64 {
        (self.low + self.high) / 2.0
    }

    /// `low + (high − low)·u` for `u` in `[0, 1)`: exactly `low` when the range is one value.
    fn at(&self, u: f64) -> f64 {
        self.low + (self.high - self.low) * u
    }
}

/// Personnel (or any category's) losses over the last days of the record, as a rate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LossRate {
    /// The category.
    pub category: Category,
    /// The convention.
    pub convention: Convention,
    /// Whether corrections applied in the window are subtracted.
    pub net_of_corrections: bool,
    /// First day counted.
    pub start: Date,
    /// Last day counted (the last day of the record under the convention).
    pub end: Date,
    /// Days counted.
    pub days: i64,
    /// The report giving the cumulative count before the window.
    pub start_report: Date,
    /// The report giving the cumulative count at the window's end.
    pub end_report: Date,
    /// Losses in the window.
    pub total: i64,
    /// `total / days`.
    pub daily_rate: f64,
    /// `daily_rate × DAYS_PER_MONTH`.
    pub monthly: f64,
    /// The data version.
    pub data_version: DataVersion,
}

impl Record {
    /// `category`'s losses over the last `days` days of the record under `convention`, as a daily
    /// and a monthly rate.
    ///
    /// # Errors
    /// [`BalanceError::NotPositive`] for `days < 1`; [`BalanceError::WindowTooLong`] when the
    /// window reaches before the first day of data; [`BalanceError::NoLosses`] when the window's
    /// total is not above zero; [`BalanceError::Analysis`] when a report is missing.
    pub fn loss_rate(
        &self,
        category: Category,
        days: i64,
        convention: Convention,
        net_of_corrections: bool,
    ) -> Result<LossRate, BalanceError> {
        if days < 1 {
            return Err(BalanceError::NotPositive { what: "window", value: days });
        }
        let table = self.day_table(category, convention)?;
        let end = table.last_day();
        let first = table.first_tracked_day();
        let available = i64::from((end - first).get_days()) + 1;
        let too_long = BalanceError::WindowTooLong { category, days, available, first, last: end, convention };
        if days > available {
            return Err(too_long);
        }
        let start = end.checked_sub((days - 1).days()).map_err(|_| too_long)?;
        let window = table.window(start, end)?;
        let total = window.total(net_of_corrections);
        if total <= 0 {
            return Err(BalanceError::NoLosses { category, start, end, total });
        }
        #[allow(clippy::cast_precision_loss)]
        let daily_rate = total as f64 / window.days as f64;
        Ok(LossRate {
            category,
            convention,
            net_of_corrections,
            start: window.start,
            end: window.end,
            days: window.days,
            start_report: window.start_report,
            end_report: window.end_report,
            total,
            daily_rate,
            monthly: daily_rate * DAYS_PER_MONTH,
            data_version: self.data_version(),
        })
    }
}

/// The distribution of the net monthly change over the Monte Carlo draws.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetDistribution {
    /// Draws made.
    pub draws: u32,
    /// The seed of the generator.
    pub seed: u64,
    /// How the inputs were drawn ([`DISTRIBUTION`]).
    pub distribution: &'static str,
    /// Mean net change a month.
    pub mean: f64,
    /// 5% quantile.
    pub q05: f64,
    /// 10% quantile.
    pub q10: f64,
    /// Median.
    pub q50: f64,
    /// 90% quantile.
    pub q90: f64,
    /// 95% quantile.
    pub q95: f64,
    /// Share of draws with a net change below zero (the force shrinking).
    pub p_shrinking: f64,
}

/// Draws `R` and `ι` uniformly and independently `draws` times and summarises `R − ι·L`.
///
/// # Errors
/// [`BalanceError::NotPositive`] for zero draws; [`BalanceError::TooManyDraws`] above
/// [`MAX_DRAWS`]; [`BalanceError::NotAShare`] when `share` leaves `[0, 1]`.
pub fn simulate_net(
    monthly_losses: f64,
    recruits: Interval,
    share: Interval,
    draws: u32,
    seed: u64,
) -> Result<NetDistribution, BalanceError> {
    if draws == 0 {
        return Err(BalanceError::NotPositive { what: "number of draws", value: 0 });
    }
    if draws > MAX_DRAWS {
        return Err(BalanceError::TooManyDraws { draws, max: MAX_DRAWS });
    }
    let share = Interval::share(share)?;
    let mut rng = StdRng::seed_from_u64(seed);
    let mut nets: Vec<f64> = (0..draws)
        .map(|_| {
            let r = recruits.at(rng.random::<f64>());
            let i = share.at(rng.random::<f64>());
            r - i * monthly_losses
        })
        .collect();
    nets.sort_by(f64::total_cmp);
    let shrinking = nets.iter().filter(|&&x| x < 0.0).count();
    #[allow(clippy::cast_precision_loss)]
    let n = nets.len() as f64;
    #[allow(clippy::cast_precision_loss)]
    let p_shrinking = shrinking as f64 / n;
    Ok(NetDistribution {
        draws,
        seed,
        distribution: DISTRIBUTION,
        mean: nets.iter().sum::<f64>() / n,
        q05: crate::stats::sample_quantile(&nets, 0.05),
        q10: crate::stats::sample_quantile(&nets, 0.10),
        q50: crate::stats::sample_quantile(&nets, 0.50),
        q90: crate::stats::sample_quantile(&nets, 0.90),
        q95: crate::stats::sample_quantile(&nets, 0.95),
        p_shrinking,
    })
}

/// The assumptions of a force-balance run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assumptions {
    /// Recruits a month.
    pub recruits: Interval,
    /// The irrecoverable share of losses.
    pub irrecoverable_share: Interval,
    /// Whether the share is [`DEFAULT_IRRECOVERABLE_SHARE`] (then its evidence is printed).
    pub default_share: bool,
    /// A number of new people to express in days and weeks of losses.
    pub intake: Option<i64>,
    /// Monte Carlo draws.
    pub draws: u32,
    /// The generator's seed.
    pub seed: u64,
}

/// Days (or weeks) covered, as a range: `None` at an end means without limit (a share of zero).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Coverage {
    /// Shortest (at the highest share).
    pub low: Option<f64>,
    /// Longest (at the lowest share).
    pub high: Option<f64>,
}

/// What an intake of new people replaces at the current loss rate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IntakeCover {
    /// People.
    pub people: i64,
    /// `people / daily_rate`: days of all losses.
    pub days: f64,
    /// `days / 7`.
    pub weeks: f64,
    /// `people / (ι·daily_rate)` over the share's range: days of irrecoverable losses.
    pub irrecoverable_days: Coverage,
    /// The same in weeks.
    pub irrecoverable_weeks: Coverage,
}

/// Net change at one value of the irrecoverable share, over the recruits' range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sensitivity {
    /// The share.
    pub share: f64,
    /// `ι·L`: irrecoverable losses a month, the break-even recruitment.
    pub irrecoverable: f64,
    /// `R_low − ι·L`.
    pub net_low: f64,
    /// `R_high − ι·L`.
    pub net_high: f64,
}

/// A force-balance result: the loss rate from the data, the assumptions and what follows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Balance {
    /// The losses the result rests on.
    pub losses: LossRate,
    /// [`DAYS_PER_MONTH`].
    pub days_per_month: f64,
    /// The assumptions.
    pub assumptions: Assumptions,
    /// `ι_low·L .. ι_high·L`: irrecoverable losses a month, which is also the break-even
    /// recruitment.
    pub irrecoverable_per_month: Interval,
    /// `R_low − ι_high·L .. R_high − ι_low·L`: the bounds of the net change a month.
    pub net_bounds: Interval,
    /// The Monte Carlo distribution of the net change a month.
    pub net: NetDistribution,
    /// The net change at the low, middle and high share.
    pub sensitivity: Vec<Sensitivity>,
    /// What the intake replaces, if one was given.
    pub intake: Option<IntakeCover>,
}

/// `people / (share·rate)` days, or `None` (without limit) when the share is zero.
fn days_of(people: f64, share: f64, rate: f64) -> Option<f64> {
    (share > 0.0).then(|| people / (share * rate))
}

/// The force balance for `losses` under `assumptions`.
///
/// # Errors
/// [`BalanceError::NotPositive`] for a zero intake or zero draws; [`BalanceError::NotAShare`] or
/// [`BalanceError::Negative`] for assumptions out of range.
pub fn force_balance(losses: LossRate, assumptions: Assumptions) -> Result<Balance, BalanceError> {
    let l = losses.monthly;
    let recruits = assumptions.recruits;
    for value in [recruits.low, recruits.high] {
        if value < 0.0 {
            return Err(BalanceError::Negative { value });
        }
    }
    let share = Interval::share(assumptions.irrecoverable_share)?;
    let net = simulate_net(l, recruits, share, assumptions.draws, assumptions.seed)?;
    let intake = match assumptions.intake {
        None => None,
        Some(people) if people <= 0 => return Err(BalanceError::NotPositive { what: "intake", value: people }),
        Some(people) => {
            #[allow(clippy::cast_precision_loss)]
            let n = people as f64;
            let rate = losses.daily_rate;
            let days = n / rate;
            let (short, long) = (days_of(n, share.high, rate), days_of(n, share.low, rate));
            Some(IntakeCover {
                people,
                days,
                weeks: days / DAYS_PER_WEEK,
                irrecoverable_days: Coverage { low: short, high: long },
                irrecoverable_weeks: Coverage {
                    low: short.map(|d| d / DAYS_PER_WEEK),
                    high: long.map(|d| d / DAYS_PER_WEEK),
                },
            })
        }
    };
    let mut shares = vec![share.low];
    if share.high > share.low {
        shares.extend([share.mid(), share.high]);
    }
    let sensitivity = shares
        .into_iter()
        .map(|s| Sensitivity {
            share: s,
            irrecoverable: s * l,
            net_low: recruits.low - s * l,
            net_high: recruits.high - s * l,
        })
        .collect();
    Ok(Balance {
        irrecoverable_per_month: Interval { low: share.low * l, high: share.high * l },
        net_bounds: Interval { low: recruits.low - share.high * l, high: recruits.high - share.low * l },
        days_per_month: DAYS_PER_MONTH,
        losses,
        assumptions,
        net,
        sensitivity,
        intake,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use attrition_model::{Observation, SourceId};
    use jiff::civil::date;

    fn record(values: &[(Date, i64)]) -> Record {
        let obs = values.iter().map(|&(d, v)| Observation {
            report_date: d,
            category: Category::Personnel,
            value: v,
            qualifier: None,
        });
        Record::build(SourceId::Petroivaniuk, obs, [], []).unwrap()
    }

    #[test]
    fn month_is_the_average_gregorian_month() {
        assert_eq!(DAYS_PER_MONTH, 30.4375);
    }

    #[test]
    fn ranges_parse_and_refuse() {
        assert_eq!(Interval::parse_per_month("30000..36000"), Ok(Interval { low: 30000.0, high: 36000.0 }));
        assert_eq!(Interval::parse_per_month("30000..36000/month"), Ok(Interval { low: 30000.0, high: 36000.0 }));
        assert_eq!(
            Interval::parse_per_month(" 30,000 .. 36_000 / month "),
            Ok(Interval { low: 30000.0, high: 36000.0 })
        );
        assert_eq!(Interval::parse_per_month("32000"), Ok(Interval { low: 32000.0, high: 32000.0 }));
        assert_eq!(
            Interval::parse_per_month("36000..30000"),
            Err(BalanceError::Reversed { low: 36000.0, high: 30000.0 })
        );
        assert_eq!(Interval::parse_per_month("-5..10"), Err(BalanceError::Negative { value: -5.0 }));
        assert!(matches!(Interval::parse_per_month("30000..36000/day"), Err(BalanceError::Unreadable { .. })));
        assert!(matches!(Interval::parse_per_month("many"), Err(BalanceError::Unreadable { .. })));
        assert!(matches!(Interval::parse_per_month("1..inf"), Err(BalanceError::Unreadable { .. })));
        assert!(matches!(Interval::parse_per_month(".."), Err(BalanceError::Unreadable { .. })));
        assert_eq!(Interval::parse_share("0.4..0.6"), Ok(Interval { low: 0.4, high: 0.6 }));
        assert_eq!(Interval::parse_share("0.4..1.2"), Err(BalanceError::NotAShare { value: 1.2 }));
        assert_eq!(Interval::parse_share("40..60"), Err(BalanceError::NotAShare { value: 40.0 }));
        assert_eq!(Interval::parse_share("0.6..0.4"), Err(BalanceError::Reversed { low: 0.6, high: 0.4 }));
        let message = Interval::parse_share("40..60").unwrap_err().to_string();
        assert!(message.contains("between 0 and 1"), "{message}");
    }

    #[test]
    fn degenerate_ranges_collapse_to_the_identity() {
        // L = 1,271 × 30.4375 = 38,686.0625 and ι = 0.5 are exact in binary, so every draw is
        // exactly 30,000 − 19,343.03125.
        let l = 1271.0 * DAYS_PER_MONTH;
        let exact = 30_000.0 - 0.5 * l;
        let d =
            simulate_net(l, Interval { low: 30_000.0, high: 30_000.0 }, Interval { low: 0.5, high: 0.5 }, 10_000, 7)
                .unwrap();
        for value in [d.mean, d.q05, d.q10, d.q50, d.q90, d.q95] {
            assert_eq!(value, exact);
        }
        assert_eq!(d.p_shrinking, 0.0);
        let d = simulate_net(l, Interval { low: 10_000.0, high: 10_000.0 }, Interval { low: 0.5, high: 0.5 }, 10, 7)
            .unwrap();
        assert_eq!(d.q50, 10_000.0 - 0.5 * l);
        assert_eq!(d.p_shrinking, 1.0);
    }

    #[test]
    fn quantiles_are_monotone_and_inside_the_bounds() {
        let l = 38_686.0;
        let (r, s) = (Interval { low: 10_000.0, high: 40_000.0 }, Interval { low: 0.3, high: 0.8 });
        let d = simulate_net(l, r, s, 50_000, 1).unwrap();
        let q = [d.q05, d.q10, d.q50, d.q90, d.q95];
        assert!(q.windows(2).all(|w| w[0] <= w[1]), "{q:?}");
        assert!(d.q05 >= r.low - s.high * l && d.q95 <= r.high - s.low * l);
        assert!((0.0..=1.0).contains(&d.p_shrinking));
    }

    #[test]
    fn the_same_seed_gives_the_same_answer() {
        let (r, s) = (Interval { low: 30_000.0, high: 36_000.0 }, Interval { low: 0.4, high: 0.6 });
        let a = simulate_net(38_686.062_5, r, s, 20_000, DEFAULT_SEED).unwrap();
        let b = simulate_net(38_686.062_5, r, s, 20_000, DEFAULT_SEED).unwrap();
        let c = simulate_net(38_686.062_5, r, s, 20_000, DEFAULT_SEED + 1).unwrap();
        assert_eq!(a, b);
        assert_ne!(a.mean, c.mean);
    }

    #[test]
    fn monte_carlo_agrees_with_the_exact_distribution() {
        // R ~ U[a, b] and X = ι·L ~ U[c, d], independent: E[R − X] = (a + b)/2 − (c + d)/2, and
        // P(R < X) = ∫ F_R(x) f_X(x) dx, integrated here by the midpoint rule.
        let l = 40_000.0;
        let (r, s) = (Interval { low: 14_000.0, high: 26_000.0 }, Interval { low: 0.35, high: 0.55 });
        let d = simulate_net(l, r, s, 400_000, 11).unwrap();
        let (c, dd) = (s.low * l, s.high * l);
        let steps = 100_000;
        let exact: f64 = (0..steps)
            .map(|k| {
                let x = c + (dd - c) * (f64::from(k) + 0.5) / f64::from(steps);
                ((x - r.low) / (r.high - r.low)).clamp(0.0, 1.0) / f64::from(steps)
            })
            .sum();
        assert!((d.p_shrinking - exact).abs() < 0.005, "{} against {exact}", d.p_shrinking);
        assert!((d.mean - (r.mid() - s.mid() * l)).abs() < 30.0, "{}", d.mean);
        // The median of a symmetric distribution is its mean.
        assert!((d.q50 - (r.mid() - s.mid() * l)).abs() < 60.0, "{}", d.q50);
    }

    #[test]
    fn quantile_interpolates() {
        let x = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(crate::stats::sample_quantile(&x, 0.0), 1.0);
        assert_eq!(crate::stats::sample_quantile(&x, 0.5), 3.0);
        assert_eq!(crate::stats::sample_quantile(&x, 1.0), 5.0);
        assert_eq!(crate::stats::sample_quantile(&x, 0.1), 1.4);
        assert_eq!(crate::stats::sample_quantile(&[7.0], 0.9), 7.0);
    }

    #[test]
    fn refuses_no_draws_and_bad_shares() {
        let r = Interval { low: 1.0, high: 2.0 };
        assert!(matches!(simulate_net(1.0, r, r, 10, 1), Err(BalanceError::NotAShare { value: 2.0 })));
        assert!(matches!(
            simulate_net(1.0, r, Interval { low: 0.1, high: 0.2 }, 0, 1),
            Err(BalanceError::NotPositive { .. })
        ));
    }

    #[test]
    fn loss_rate_over_the_last_days() {
        // Reports 09-01 .. 09-05 (loss days 08-31 .. 09-04 under loss-day).
        let r = record(&[
            (date(2024, 9, 1), 1000),
            (date(2024, 9, 2), 1010),
            (date(2024, 9, 3), 1030),
            (date(2024, 9, 4), 1060),
            (date(2024, 9, 5), 1100),
        ]);
        let rate = r.loss_rate(Category::Personnel, 3, Convention::LossDay, false).unwrap();
        assert_eq!((rate.start, rate.end, rate.days, rate.total), (date(2024, 9, 2), date(2024, 9, 4), 3, 90));
        assert_eq!((rate.start_report, rate.end_report), (date(2024, 9, 2), date(2024, 9, 5)));
        assert_eq!(rate.daily_rate, 30.0);
        assert_eq!(rate.monthly, 30.0 * 30.4375);
        let rate = r.loss_rate(Category::Personnel, 2, Convention::ReportDay, false).unwrap();
        assert_eq!((rate.start, rate.end, rate.total), (date(2024, 9, 4), date(2024, 9, 5), 70));
        assert!(matches!(
            r.loss_rate(Category::Personnel, 0, Convention::LossDay, false),
            Err(BalanceError::NotPositive { what: "window", .. })
        ));
        assert!(matches!(
            r.loss_rate(Category::Personnel, 10_000, Convention::LossDay, false),
            Err(BalanceError::WindowTooLong { .. })
        ));
    }

    #[test]
    fn the_issue_example() {
        // 30 days totalling 38,130 (September 2024): 1,271.0 a day; 130,000 people replace
        // 102.28 days = 14.61 weeks of losses.
        let losses = LossRate {
            category: Category::Personnel,
            convention: Convention::LossDay,
            net_of_corrections: false,
            start: date(2024, 9, 1),
            end: date(2024, 9, 30),
            days: 30,
            start_report: date(2024, 9, 1),
            end_report: date(2024, 10, 1),
            total: 38_130,
            daily_rate: 1271.0,
            monthly: 1271.0 * DAYS_PER_MONTH,
            data_version: DataVersion { source: SourceId::Petroivaniuk, last_report: date(2024, 10, 1) },
        };
        let assumptions = Assumptions {
            recruits: Interval { low: 30_000.0, high: 36_000.0 },
            irrecoverable_share: DEFAULT_IRRECOVERABLE_SHARE,
            default_share: true,
            intake: Some(130_000),
            draws: 1_000,
            seed: DEFAULT_SEED,
        };
        let b = force_balance(losses.clone(), assumptions.clone()).unwrap();
        let intake = b.intake.clone().unwrap();
        assert!((intake.days - 102.281_667).abs() < 1e-5, "{}", intake.days);
        assert!((intake.weeks - 14.611_667).abs() < 1e-5, "{}", intake.weeks);
        assert!((intake.irrecoverable_days.low.unwrap() - 130_000.0 / (0.6 * 1271.0)).abs() < 1e-9);
        assert!((intake.irrecoverable_days.high.unwrap() - 130_000.0 / (0.4 * 1271.0)).abs() < 1e-9);
        assert!((b.irrecoverable_per_month.low - 0.4 * 38_686.062_5).abs() < 1e-9);
        assert!((b.net_bounds.low - (30_000.0 - 0.6 * 38_686.062_5)).abs() < 1e-9);
        assert!((b.net_bounds.high - (36_000.0 - 0.4 * 38_686.062_5)).abs() < 1e-9);
        assert_eq!(b.sensitivity.len(), 3);
        let zero = Assumptions { intake: Some(0), ..assumptions.clone() };
        assert!(matches!(force_balance(losses.clone(), zero), Err(BalanceError::NotPositive { what: "intake", .. })));
        let open = Assumptions { irrecoverable_share: Interval { low: 0.0, high: 0.5 }, ..assumptions };
        let b = force_balance(losses, open).unwrap();
        assert_eq!(b.intake.unwrap().irrecoverable_days.high, None);
    }
}
