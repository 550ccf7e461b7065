//! Calendar periods (day, ISO week, month, quarter, year, explicit range, the whole war) and
//! their parsing from the short forms users type (`2024-09-26`, `2024-W39`, `2024-09`,
//! `2024-Q3`, `2024`, `all`).

use crate::WAR_START;
use jiff::civil::{Date, ISOWeekDate, Weekday};
use serde::{Deserialize, Serialize};
use std::fmt;

/// What kind of calendar period a [`Period`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// One day.
    Day,
    /// An ISO 8601 week (Monday to Sunday).
    Week,
    /// A calendar month.
    Month,
    /// A calendar quarter.
    Quarter,
    /// A calendar year.
    Year,
    /// An explicit inclusive range of days.
    Range,
    /// Everything since 2022-02-24.
    All,
}

/// An inclusive range of calendar days (loss days or report days, depending on the convention
/// it is used with), with the label the user gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// The kind of period.
    pub kind: PeriodKind,
    /// The label as it should be printed (`2024-09`, `2024-W39`, …).
    pub label: String,
    /// First day, inclusive.
    pub start: Date,
    /// Last day, inclusive. For `all` this is open-ended ([`Date::MAX`]) until clipped to data.
    pub end: Date,
}

/// Why a period could not be understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    /// The text matches none of the forms.
    #[error(
        "cannot read period {0:?}: expected a day (2024-09-26), ISO week (2024-W39), month (2024-09), quarter (2024-Q3), year (2024) or all"
    )]
    Unrecognised(String),
    /// The form is right but the date does not exist.
    #[error("period {text:?} is not a real date: {reason}")]
    Invalid {
        /// The text given.
        text: String,
        /// What jiff said.
        reason: String,
    },
    /// A period kind that is not one of day, week, month, quarter, year.
    #[error("unknown period kind {0:?}: expected day, week, month, quarter or year")]
    UnknownKind(String),
    /// A range whose end is before its start.
    #[error("range ends ({end}) before it starts ({start})")]
    Reversed {
        /// Start given.
        start: Date,
        /// End given.
        end: Date,
    },
}

fn invalid(text: &str, err: impl fmt::Display) -> PeriodError {
    PeriodError::Invalid { text: text.to_owned(), reason: err.to_string() }
}

fn number<T: std::str::FromStr>(text: &str, part: &str) -> Result<T, PeriodError> {
    if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PeriodError::Unrecognised(text.to_owned()));
    }
    part.parse().map_err(|_| PeriodError::Unrecognised(text.to_owned()))
}

impl Period {
    /// Parses the short forms listed in the module documentation.
    ///
    /// # Errors
    /// [`PeriodError`] naming the text when it matches no form or names a day that does not exist.
    pub fn parse(text: &str) -> Result<Period, PeriodError> {
        let t = text.trim();
        let upper = t.to_ascii_uppercase();
        if upper == "ALL" {
            return Ok(Period { kind: PeriodKind::All, label: "all".into(), start: WAR_START, end: Date::MAX });
        }
        let parts: Vec<&str> = upper.split('-').collect();
        let make = |kind, start: Date, end: Date, label: String| Ok(Period { kind, label, start, end });
        match parts.as_slice() {
            [y] if y.len() == 4 => {
                let year: i16 = number(t, y)?;
                let start = Date::new(year, 1, 1).map_err(|e| invalid(t, e))?;
                let end = Date::new(year, 12, 31).map_err(|e| invalid(t, e))?;
                make(PeriodKind::Year, start, end, format!("{year:04}"))
            }
            [y, q] if y.len() == 4 && q.len() == 2 && q.starts_with('Q') => {
                let year: i16 = number(t, y)?;
                let quarter: i8 = number(t, &q[1..])?;
                if !(1..=4).contains(&quarter) {
                    return Err(invalid(t, "quarter must be Q1 to Q4"));
                }
                let start = Date::new(year, (quarter - 1) * 3 + 1, 1).map_err(|e| invalid(t, e))?;
                let end = start.last_of_month().checked_add(jiff::Span::new().months(2)).map_err(|e| invalid(t, e))?;
                make(PeriodKind::Quarter, start, end.last_of_month(), format!("{year:04}-Q{quarter}"))
            }
            [y, w] if y.len() == 4 && (w.len() == 3 || w.len() == 2) && w.starts_with('W') => {
                let year: i16 = number(t, y)?;
                let week: i8 = number(t, &w[1..])?;
                let start = ISOWeekDate::new(year, week, Weekday::Monday).map_err(|e| invalid(t, e))?.date();
                let end = ISOWeekDate::new(year, week, Weekday::Sunday).map_err(|e| invalid(t, e))?.date();
                make(PeriodKind::Week, start, end, format!("{year:04}-W{week:02}"))
            }
            [y, m] if y.len() == 4 && m.len() == 2 => {
                let year: i16 = number(t, y)?;
                let month: i8 = number(t, m)?;
                let start = Date::new(year, month, 1).map_err(|e| invalid(t, e))?;
                make(PeriodKind::Month, start, start.last_of_month(), format!("{year:04}-{month:02}"))
            }
            [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
                let day = Period::parse_date(t)?;
                make(PeriodKind::Day, day, day, day.to_string())
            }
            _ => Err(PeriodError::Unrecognised(t.to_owned())),
        }
    }

    /// Parses a single `YYYY-MM-DD` date, with an error naming the text.
    ///
    /// # Errors
    /// [`PeriodError`] when the text is not a real calendar date.
    pub fn parse_date(text: &str) -> Result<Date, PeriodError> {
        let t = text.trim();
        let parts: Vec<&str> = t.split('-').collect();
        match parts.as_slice() {
            [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
                Date::new(number(t, y)?, number(t, m)?, number(t, d)?).map_err(|e| invalid(t, e))
            }
            _ => Err(PeriodError::Unrecognised(t.to_owned())),
        }
    }

    /// An explicit inclusive range.
    ///
    /// # Errors
    /// [`PeriodError::Reversed`] when `end < start`.
    pub fn range(start: Date, end: Date) -> Result<Period, PeriodError> {
        if end < start {
            return Err(PeriodError::Reversed { start, end });
        }
        Ok(Period { kind: PeriodKind::Range, label: format!("{start}..{end}"), start, end })
    }

    /// The number of calendar days in the period.
    #[must_use]
    pub fn days(&self) -> i64 {
        i64::from((self.end - self.start).get_days()) + 1
    }
}

impl PeriodKind {
    /// The kinds that tile the calendar, from shortest to longest.
    pub const CALENDAR: [PeriodKind; 5] =
        [PeriodKind::Day, PeriodKind::Week, PeriodKind::Month, PeriodKind::Quarter, PeriodKind::Year];

    /// The singular noun: `month`.
    #[must_use]
    pub const fn noun(self) -> &'static str {
        match self {
            PeriodKind::Day => "day",
            PeriodKind::Week => "week",
            PeriodKind::Month => "month",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Year => "year",
            PeriodKind::Range => "range",
            PeriodKind::All => "whole war",
        }
    }

    /// The plural noun: `months`.
    #[must_use]
    pub const fn plural(self) -> &'static str {
        match self {
            PeriodKind::Day => "days",
            PeriodKind::Week => "weeks",
            PeriodKind::Month => "months",
            PeriodKind::Quarter => "quarters",
            PeriodKind::Year => "years",
            PeriodKind::Range => "ranges",
            PeriodKind::All => "whole war",
        }
    }

    /// The first and last day of the period of this kind that contains `day`, or `None` for
    /// kinds that do not tile the calendar (and at the ends of the representable calendar).
    #[must_use]
    pub fn bounds(self, day: Date) -> Option<(Date, Date)> {
        let month_start = |month: i8| Date::new(day.year(), month, 1).ok();
        match self {
            PeriodKind::Day => Some((day, day)),
            PeriodKind::Week => {
                let back = i64::from(day.weekday().to_monday_zero_offset());
                let start = day.checked_sub(jiff::Span::new().days(back)).ok()?;
                Some((start, start.checked_add(jiff::Span::new().days(6)).ok()?))
            }
            PeriodKind::Month => Some((day.first_of_month(), day.last_of_month())),
            PeriodKind::Quarter => {
                let first_month = (day.month() - 1) / 3 * 3 + 1;
                let start = month_start(first_month)?;
                Some((start, month_start(first_month + 2)?.last_of_month()))
            }
            PeriodKind::Year => Some((day.first_of_year(), day.last_of_year())),
            PeriodKind::Range | PeriodKind::All => None,
        }
    }

    /// Whether periods of this kind tile the calendar (so they can be listed and ranked).
    #[must_use]
    pub const fn is_calendar(self) -> bool {
        matches!(self, PeriodKind::Day | PeriodKind::Week | PeriodKind::Month | PeriodKind::Quarter | PeriodKind::Year)
    }
}

impl std::str::FromStr for PeriodKind {
    type Err = PeriodError;

    fn from_str(text: &str) -> Result<PeriodKind, PeriodError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "day" | "days" | "daily" => Ok(PeriodKind::Day),
            "week" | "weeks" | "weekly" => Ok(PeriodKind::Week),
            "month" | "months" | "monthly" => Ok(PeriodKind::Month),
            "quarter" | "quarters" | "quarterly" => Ok(PeriodKind::Quarter),
            "year" | "years" | "yearly" | "annual" => Ok(PeriodKind::Year),
            _ => Err(PeriodError::UnknownKind(text.to_owned())),
        }
    }
}

impl Period {
    /// The calendar period of `kind` that contains `day` (ISO weeks run Monday to Sunday).
    ///
    /// # Errors
    /// [`PeriodError::UnknownKind`] for kinds that do not tile the calendar; [`PeriodError::Invalid`]
    /// at the ends of the representable calendar.
    pub fn containing(kind: PeriodKind, day: Date) -> Result<Period, PeriodError> {
        let (start, end) = kind.bounds(day).ok_or_else(|| PeriodError::UnknownKind(kind.noun().to_owned()))?;
        let label = match kind {
            PeriodKind::Week => {
                let iso = day.iso_week_date();
                format!("{:04}-W{:02}", iso.year(), iso.week())
            }
            PeriodKind::Month => format!("{:04}-{:02}", day.year(), day.month()),
            PeriodKind::Quarter => format!("{:04}-Q{}", day.year(), (day.month() - 1) / 3 + 1),
            PeriodKind::Year => format!("{:04}", day.year()),
            _ => day.to_string(),
        };
        Ok(Period { kind, label, start, end })
    }

    /// The next period of the same calendar kind.
    ///
    /// # Errors
    /// As [`Period::containing`].
    pub fn next(&self) -> Result<Period, PeriodError> {
        let after = self.end.tomorrow().map_err(|e| invalid(&self.label, e))?;
        Period::containing(self.kind, after)
    }

    /// The previous period of the same calendar kind.
    ///
    /// # Errors
    /// As [`Period::containing`].
    pub fn previous(&self) -> Result<Period, PeriodError> {
        let before = self.start.yesterday().map_err(|e| invalid(&self.label, e))?;
        Period::containing(self.kind, before)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn bounds(text: &str) -> (Date, Date) {
        let p = Period::parse(text).unwrap_or_else(|e| panic!("{e}"));
        (p.start, p.end)
    }

    #[test]
    fn parses_every_form() {
        assert_eq!(bounds("2024-09-26"), (date(2024, 9, 26), date(2024, 9, 26)));
        assert_eq!(bounds("2024-W39"), (date(2024, 9, 23), date(2024, 9, 29)));
        assert_eq!(bounds("2024-w01"), (date(2024, 1, 1), date(2024, 1, 7)));
        assert_eq!(bounds("2020-W53"), (date(2020, 12, 28), date(2021, 1, 3)));
        assert_eq!(bounds("2024-09"), (date(2024, 9, 1), date(2024, 9, 30)));
        assert_eq!(bounds("2024-02"), (date(2024, 2, 1), date(2024, 2, 29)));
        assert_eq!(bounds("2024-Q3"), (date(2024, 7, 1), date(2024, 9, 30)));
        assert_eq!(bounds("2024-Q1"), (date(2024, 1, 1), date(2024, 3, 31)));
        assert_eq!(bounds("2024-Q4"), (date(2024, 10, 1), date(2024, 12, 31)));
        assert_eq!(bounds("2024"), (date(2024, 1, 1), date(2024, 12, 31)));
        assert_eq!(Period::parse("ALL").map(|p| p.start), Ok(date(2022, 2, 24)));
    }

    #[test]
    fn rejects_nonsense_with_the_text() {
        for bad in ["2024-13", "2024-02-30", "2024-Q5", "2023-W53", "24-09", "September", "2024-9", "", "+024"] {
            let err = Period::parse(bad).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(err.contains(bad.trim()), "{bad:?} gave {err:?}");
        }
        assert!(Period::range(date(2024, 2, 1), date(2024, 1, 1)).is_err());
    }

    #[test]
    fn walks_the_calendar() {
        let p = Period::containing(PeriodKind::Week, date(2024, 12, 31)).unwrap();
        assert_eq!((p.label.as_str(), p.start, p.end), ("2025-W01", date(2024, 12, 30), date(2025, 1, 5)));
        assert_eq!(p.previous().unwrap().label, "2024-W52");
        let m = Period::containing(PeriodKind::Month, date(2024, 2, 29)).unwrap();
        assert_eq!((m.next().unwrap().label.as_str(), m.previous().unwrap().label.as_str()), ("2024-03", "2024-01"));
        let q = Period::containing(PeriodKind::Quarter, date(2024, 12, 1)).unwrap();
        assert_eq!(q.next().unwrap().label, "2025-Q1");
        assert_eq!(
            Period::containing(PeriodKind::Day, date(2024, 3, 1)).unwrap().previous().unwrap().label,
            "2024-02-29"
        );
        assert!(Period::containing(PeriodKind::All, date(2024, 3, 1)).is_err());
        assert_eq!("Months".parse::<PeriodKind>(), Ok(PeriodKind::Month));
        assert!("fortnight".parse::<PeriodKind>().is_err());
    }

    #[test]
    fn day_counts() {
        assert_eq!(Period::parse("2024-09").map(|p| p.days()), Ok(30));
        assert_eq!(Period::parse("2024").map(|p| p.days()), Ok(366));
        assert_eq!(Period::parse("2024-W39").map(|p| p.days()), Ok(7));
    }
}
