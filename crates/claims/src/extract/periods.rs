//! Time expressions, resolved against the text's date `D` into loss days (a report dated `D`
//! covers losses up to the end of `D − 1`):
//!
//! - months ("in September" = the most recent September, "September's", "last May",
//!   "December 2023", "July-September", "May so far"), years ("in 2024", "calendar year 2023",
//!   "the whole of 2025", "this year", "last year"), quarters ("Q3 2025"), seasons ("over the
//!   summer", "last autumn"), the spring and autumn call-ups (1 April – 15 July, 1 October –
//!   31 December);
//! - days ("on 12 May", "over the past day", "in the past 24 hours" = `[D−1, D−1]`), weeks ("the
//!   past week" = seven loss days, "the seven days to 16 May"), "the past six months" (calendar
//!   months, the current one included), "the first twelve days of June", "the twelve months
//!   since";
//! - "since X" = `[X, D−1]`; since the invasion = cumulative; "over the whole war";
//! - anniversaries ("on the first anniversary", "between the second and third anniversaries");
//! - report dates ("Friday's report", "this morning's update", "on Thursday … reported");
//! - targets of projections ("by the end of May");
//! - anaphora left to the caller ("the month", "in the quarter", "over the three months", "its
//!   first 29 days", "the same month", "the same months of 2025", "the final quarter", a "since"
//!   that closes a clause) and relative periods ("a month earlier", "the year before");
//! - dates written "the sixth of August", lists of consecutive months ("May, June and July"), and
//!   "since" an event that "began on" a named day.
//!
//! A period stated with a speech verb ("said last month", "claimed in September") is weak: it
//! dates the statement more than the figure.

use super::lexicon::{Lex, W};
use super::tokens::{Kind, Mark, Marks, P, Tok};
use attrition_model::WAR_START;
use jiff::ToSpan;
use jiff::civil::Date;

/// The length class of a period, for anaphora ("the month", "the quarter").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// One day.
    Day,
    /// About a week.
    Week,
    /// A calendar month.
    Month,
    /// About three months.
    Quarter,
    /// About a year.
    Year,
    /// A fixed legal window (a call-up), not clipped to the loss days reported so far.
    Campaign,
    /// Anything else.
    Other,
}

impl Shape {
    /// The length class of the loss days `first..=last`.
    pub(crate) fn of_days(first: Date, last: Date) -> Shape {
        let whole_months = first.day() == 1 && last == last.last_of_month();
        let months = (i32::from(last.year()) - i32::from(first.year())) * 12 + i32::from(last.month())
            - i32::from(first.month())
            + 1;
        let days = first.until(last).map_or(0, |s| s.get_days()) + 1;
        match (whole_months, months) {
            (true, 1) => Shape::Month,
            (true, 3) => Shape::Quarter,
            (true, 12) => Shape::Year,
            _ if days == 1 => Shape::Day,
            _ if days == 7 => Shape::Week,
            _ => Shape::Other,
        }
    }
}

/// What a time expression says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PVal {
    /// Loss days `[first, last]` (`last` may lie after `D − 1` for a month not yet over).
    Range {
        /// First day.
        first: Date,
        /// Last day.
        last: Date,
        /// Length class.
        shape: Shape,
    },
    /// A day ("on 12 May"): the loss day of a count, the report date of a total.
    Day(Date),
    /// A report's date ("Friday's report").
    Report(Date),
    /// Since the start of the invasion: a cumulative total.
    War,
    /// Over the whole war (a period from 2022-02-24 to `D − 1` for averages).
    WholeWar,
    /// The target date of a projection ("by the end of May").
    Target(Date),
    /// "By" a date already past ("by the end of May", written in July): the report that states
    /// a total then, or the target of a projection (next May) when the sentence makes one.
    By {
        /// The report of the date.
        report: Date,
        /// The date as a projection's target.
        target: Date,
    },
    /// "The month", "the quarter", "the three months": the period in context.
    Anaphor(Shape),
    /// "Its first 29 days": the first days of the month in context.
    FirstDays(i32),
    /// "A month earlier", "the year before": the period in context, moved back.
    Relative(Shape),
    /// "… and has added 67,600 since": from the day named before in the sentence.
    SinceThen,
    /// "The final quarter": the last quarter of the year in context.
    FinalQuarter,
    /// "The same months of 2025", "the same period last year": the period in context, in
    /// another year.
    SameIn(i32),
}

/// One time expression in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PExpr {
    /// First token.
    pub first: usize,
    /// Last token, inclusive.
    pub last: usize,
    /// What it says.
    pub val: PVal,
    /// Adverbial: introduced by a preposition or written as a possessive ("in May",
    /// "September's"), as opposed to a bare month name ("December was the worst month").
    pub prep: bool,
    /// Stated with a speech verb ("said last month").
    pub weak: bool,
}

/// The context a sentence's expressions are resolved in.
pub(crate) struct Ctx<'a> {
    /// The whole text.
    pub text: &'a str,
    /// The block's tokens.
    pub toks: &'a [Tok],
    /// Where its time words stand.
    pub marks: &'a Marks,
    /// One past the sentence's last token.
    pub end: usize,
    /// The text's date.
    pub date: Date,
    /// The day before it: the last loss day its report covers.
    pub yesterday: Date,
}

/// The date, if these numbers make one. Every part is checked before `Date::new` is asked:
/// text is full of numbers that are no dates, and a refused `Date::new` builds an error value
/// (an allocation) each time.
pub(crate) fn ymd(year: i32, month: i32, day: i32) -> Option<Date> {
    if !(-9999..=9999).contains(&year) || !(1..=12).contains(&month) || day < 1 {
        return None;
    }
    let first = Date::new(i16::try_from(year).ok()?, i8::try_from(month).ok()?, 1).ok()?;
    let day = i8::try_from(day).ok().filter(|&d| d <= first.days_in_month())?;
    first.with().day(day).build().ok()
}

fn month_range(year: i32, month: i32) -> Option<(Date, Date)> {
    let first = ymd(year, month, 1)?;
    Some((first, first.last_of_month()))
}

/// The day before `date` (saturating at the minimum date).
pub(crate) fn day_before(date: Date) -> Date {
    date.yesterday().unwrap_or(date)
}

fn add_months(date: Date, months: i32) -> Option<Date> {
    date.checked_add(months.months()).ok()
}

fn add_days(date: Date, days: i32) -> Option<Date> {
    date.checked_add(days.days()).ok()
}

/// The year of the most recent month `m` whose first loss day is before `D`.
fn recent_year(date: Date, month: i32) -> i32 {
    let year = i32::from(date.year());
    let current = i32::from(date.month());
    if month > current || (month == current && date.day() == 1) { year - 1 } else { year }
}

/// The year of month `m` as a target: this year unless `m` is already past.
fn target_year(date: Date, month: i32) -> i32 {
    let year = i32::from(date.year());
    if month < i32::from(date.month()) { year + 1 } else { year }
}

/// The most recent date with this month and day, on or before `D`.
fn recent_date(date: Date, month: i32, day: i32) -> Option<Date> {
    let year = i32::from(date.year());
    match ymd(year, month, day) {
        Some(d) if d <= date => Some(d),
        _ => ymd(year - 1, month, day),
    }
}

fn season_range(year: i32, season: u8) -> Option<(Date, Date)> {
    let (m1, m2, y2) = match season {
        0 => (3, 5, year),
        1 => (6, 8, year),
        2 => (9, 11, year),
        _ => (12, 2, year + 1),
    };
    Some((ymd(year, m1, 1)?, ymd(y2, m2, 1)?.last_of_month()))
}

/// The most recent instance of a season that has started before `D` (`last`: that has ended).
fn recent_season(date: Date, season: u8, ended: bool) -> Option<(Date, Date)> {
    let year = i32::from(date.year());
    for y in [year, year - 1, year - 2] {
        let (first, last) = season_range(y, season)?;
        if (!ended && first < date) || (ended && last < date) {
            return Some((first, last));
        }
    }
    None
}

fn anniversary(n: i32) -> Option<Date> {
    ymd(2022 + n, 2, 24)
}

/// The last anniversary of the invasion on or before `date`.
fn latest_anniversary(date: Date) -> Option<Date> {
    let year = i32::from(date.year());
    ymd(year, 2, 24).filter(|this_year| *this_year <= date).or_else(|| ymd(year - 1, 2, 24))
}

impl Ctx<'_> {
    fn tok(&self, k: usize) -> Option<&Tok> {
        if k < self.end { self.toks.get(k) } else { None }
    }

    fn lex(&self, k: usize) -> Option<Lex> {
        self.tok(k).and_then(Tok::lex)
    }

    fn is(&self, k: usize, w: W) -> bool {
        self.tok(k).is_some_and(|t| t.is(w))
    }

    fn is_p(&self, k: usize, p: P) -> bool {
        self.tok(k).is_some_and(|t| t.is_p(p))
    }

    /// A plain integer (digits or spelled) at `k`, with its last token.
    fn count(&self, k: usize) -> Option<(i32, usize)> {
        let tok = self.tok(k)?;
        if let Some(n) = tok.num() {
            if n.grouped || n.decimal || n.scaled || n.value > 10_000.0 {
                return None;
            }
            #[allow(clippy::cast_possible_truncation)]
            return Some((n.value as i32, k));
        }
        match tok.lex()? {
            Lex::Card(tens) if tens >= 20 => {
                if self.is_p(k + 1, P::Hyphen)
                    && let Some(Lex::Card(unit)) = self.lex(k + 2)
                    && unit < 10
                {
                    return Some((i32::from(tens) + i32::from(unit), k + 2));
                }
                Some((i32::from(tens), k))
            }
            Lex::Card(n) => Some((i32::from(n), k)),
            Lex::W(W::A) => Some((1, k)),
            _ => None,
        }
    }

    /// An ordinal (words or digits) at `k`.
    fn ordinal(&self, k: usize) -> Option<i32> {
        let tok = self.tok(k)?;
        if let Some(n) = tok.num() {
            #[allow(clippy::cast_possible_truncation)]
            return (n.suffix == super::tokens::Suffix::Ordinal).then_some(n.value as i32);
        }
        match tok.lex()? {
            Lex::Ord(n) => Some(i32::from(n)),
            _ => None,
        }
    }

    fn year_at(&self, k: usize) -> Option<i32> {
        let n = self.tok(k)?.num()?;
        #[allow(clippy::cast_possible_truncation)]
        n.year_like().then_some(n.value as i32)
    }

    /// A day of the month at `k` (1–31, plain digits, not followed by a unit noun).
    fn day_at(&self, k: usize) -> Option<i32> {
        let n = self.tok(k)?.num()?;
        if n.grouped
            || n.decimal
            || n.scaled
            || n.suffix == super::tokens::Suffix::Percent
            || !(1.0..=31.0).contains(&n.value)
        {
            return None;
        }
        #[allow(clippy::cast_possible_truncation)]
        Some(n.value as i32)
    }

    fn month_at(&self, k: usize) -> Option<i32> {
        match self.lex(k)? {
            Lex::Month(m) => Some(i32::from(m)),
            _ => None,
        }
    }

    /// "Q3" at `k`.
    fn quarter_word(&self, k: usize) -> Option<i32> {
        let tok = self.tok(k)?;
        let word = self.text.as_bytes().get(tok.start..tok.end)?;
        match word {
            [b'Q' | b'q', d @ b'1'..=b'4'] => Some(i32::from(d - b'0')),
            _ => None,
        }
    }

    /// "H1" at `k`.
    fn half_word(&self, k: usize) -> Option<i32> {
        let tok = self.tok(k)?;
        let word = self.text.as_bytes().get(tok.start..tok.end)?;
        match word {
            [b'H', d @ b'1'..=b'2'] => Some(i32::from(d - b'0')),
            _ => None,
        }
    }
}

/// A month-based phrase at `k`: a date, a month, or a range of months.
#[derive(Debug, Clone, Copy)]
enum MonthSpec {
    Date { year: Option<i32>, month: i32, day: i32 },
    Month { year: Option<i32>, month: i32 },
    Months { year: Option<i32>, from: i32, to: i32 },
}

fn month_phrase(c: &Ctx<'_>, k: usize) -> Option<(MonthSpec, usize)> {
    let mut j = k;
    // "the sixth of August", "the 24th of February (2022)"
    if c.is(j, W::The)
        && let Some(day) = c.ordinal(j + 1).filter(|d| (1..=31).contains(d))
        && c.is(j + 2, W::Of)
        && let Some(month) = c.month_at(j + 3)
    {
        let year = c.year_at(j + 4);
        return Some((MonthSpec::Date { year, month, day }, if year.is_some() { j + 4 } else { j + 3 }));
    }
    // an optional weekday: "Sunday 12 May", "Thursday, 17 October"
    if matches!(c.lex(j), Some(Lex::Weekday(_))) && !c.tok(j).is_some_and(Tok::possessive) {
        let mut after = j + 1;
        if c.is_p(after, P::Comma) {
            after += 1;
        }
        if c.day_at(after).is_some() || c.month_at(after).is_some() {
            j = after;
        } else {
            return None;
        }
    }
    // "12 May (2024)"
    if let Some(day) = c.day_at(j)
        && let Some(month) = c.month_at(j + 1)
    {
        let mut last = j + 1;
        let mut year = None;
        if let Some(y) = c.year_at(last + 1) {
            year = Some(y);
            last += 1;
        }
        return Some((MonthSpec::Date { year, month, day }, last));
    }
    let month = c.month_at(j)?;
    let possessive = c.tok(j).is_some_and(Tok::possessive);
    // "December 1", "March 2, 2023"
    if !possessive
        && let Some(day) = c.day_at(j + 1)
        && !c.tok(j + 2).is_some_and(|t| matches!(t.lex(), Some(Lex::W(w)) if super::metrics::is_unit_noun(w)))
    {
        let mut last = j + 1;
        let mut year = None;
        if c.is_p(last + 1, P::Comma)
            && let Some(y) = c.year_at(last + 2)
        {
            year = Some(y);
            last += 2;
        } else if let Some(y) = c.year_at(last + 1) {
            year = Some(y);
            last += 1;
        }
        return Some((MonthSpec::Date { year, month, day }, last));
    }
    // "May, June and July": consecutive months listed
    if !possessive && c.is_p(j + 1, P::Comma) {
        let (mut at, mut prev, mut closed, mut count) = (j, month, false, 1);
        loop {
            let next = if c.is_p(at + 1, P::Comma) {
                if c.is(at + 2, W::And) { at + 3 } else { at + 2 }
            } else if c.is(at + 1, W::And) {
                at + 2
            } else {
                break;
            };
            let and = c.is(next - 1, W::And);
            match c.month_at(next) {
                Some(m) if m == prev % 12 + 1 => {
                    at = next;
                    prev = m;
                    count += 1;
                }
                _ => break,
            }
            if and {
                closed = true;
                break;
            }
        }
        // three months or more: "in May, and June …" is not a list
        if closed && count >= 3 {
            let (year, last) = match c.year_at(at + 1) {
                Some(y) => (Some(y), at + 1),
                None => (None, at),
            };
            return Some((MonthSpec::Months { year, from: month, to: prev }, last));
        }
    }
    // "July-September", "April to June", "September and October (combined)"
    if !possessive
        && (c.is_p(j + 1, P::Hyphen) || c.is(j + 1, W::To) || c.is(j + 1, W::Through) || c.is(j + 1, W::And))
        && let Some(to) = c.month_at(j + 2)
        && to != month
    {
        let mut last = j + 2;
        let mut year = None;
        if let Some(y) = c.year_at(last + 1) {
            year = Some(y);
            last += 1;
        }
        return Some((MonthSpec::Months { year, from: month, to }, last));
    }
    let mut last = j;
    let mut year = None;
    if !possessive && let Some(y) = c.year_at(j + 1) {
        year = Some(y);
        last = j + 1;
    }
    Some((MonthSpec::Month { year, month }, last))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Past,
    Target,
    Last,
}

fn resolve_month(c: &Ctx<'_>, spec: MonthSpec, mode: Mode) -> Option<PVal> {
    let d = c.date;
    match spec {
        MonthSpec::Date { year, month, day } => {
            let date = match (year, mode) {
                (Some(y), _) => ymd(y, month, day)?,
                (None, Mode::Target) => ymd(target_year(d, month), month, day)?,
                (None, _) => recent_date(d, month, day)?,
            };
            Some(PVal::Day(date))
        }
        MonthSpec::Month { year, month } => {
            let y = match (year, mode) {
                (Some(y), _) => y,
                (None, Mode::Target) => target_year(d, month),
                (None, Mode::Last) => {
                    let y = i32::from(d.year());
                    if month < i32::from(d.month()) { y } else { y - 1 }
                }
                (None, Mode::Past) => recent_year(d, month),
            };
            let (first, last) = month_range(y, month)?;
            Some(PVal::Range { first, last, shape: Shape::Month })
        }
        MonthSpec::Months { year, from, to } => {
            let y2 = match year {
                Some(y) => y,
                None => recent_year(d, to),
            };
            let y1 = if from <= to { y2 } else { y2 - 1 };
            let first = ymd(y1, from, 1)?;
            let last = ymd(y2, to, 1)?.last_of_month();
            let months = (y2 - y1) * 12 + to - from + 1;
            let shape = match months {
                1 => Shape::Month,
                2..=4 => Shape::Quarter,
                11..=13 => Shape::Year,
                _ => Shape::Other,
            };
            Some(PVal::Range { first, last, shape })
        }
    }
}

fn year_range(c: &Ctx<'_>, year: i32) -> Option<PVal> {
    let first = if year == 2022 { WAR_START } else { ymd(year, 1, 1)? };
    Some(PVal::Range { first, last: ymd(year, 12, 31)?, shape: Shape::Year })
        .filter(|_| first <= c.date || year <= 2100)
}

fn unit_shape(w: W) -> Option<Shape> {
    match w {
        W::Day => Some(Shape::Day),
        W::Week => Some(Shape::Week),
        W::MonthW => Some(Shape::Month),
        W::Quarter => Some(Shape::Quarter),
        W::Year => Some(Shape::Year),
        _ => None,
    }
}

/// "the past 24 hours", "the past week", "the past six months", "the last three days".
fn past_span(c: &Ctx<'_>, k: usize) -> Option<(PVal, usize)> {
    let d = c.date;
    let yesterday = c.yesterday;
    let (n, unit_at) = match c.count(k) {
        Some((n, last)) if !c.is(k, W::A) => (n, last + 1),
        _ => (1, k),
    };
    let unit = c.tok(unit_at)?.w()?;
    let (first, shape) = match unit {
        W::Hour if n <= 24 => (yesterday, Shape::Day),
        W::Hour if n <= 72 => (add_days(d, -(n / 24))?, Shape::Other),
        W::Day if n == 1 => (yesterday, Shape::Day),
        W::Day => (add_days(d, -n)?, if n == 7 { Shape::Week } else { Shape::Other }),
        W::Week => (add_days(d, -7 * n)?, if n == 1 { Shape::Week } else { Shape::Other }),
        W::MonthW if n == 1 => (add_months(d, -1)?, Shape::Month),
        W::MonthW => {
            (add_months(yesterday.first_of_month(), -(n - 1))?, if n == 3 { Shape::Quarter } else { Shape::Other })
        }
        W::Year if n == 1 => (add_days(d, -365)?, Shape::Year),
        W::Year => (add_months(d, -12 * n)?, Shape::Other),
        _ => return None,
    };
    Some((PVal::Range { first, last: yesterday, shape }, unit_at))
}

/// Tries every time expression starting at `k`. Returns the value, the last token and whether
/// the expression is adverbial.
fn phrase_at(c: &Ctx<'_>, k: usize) -> Option<(PVal, usize, bool)> {
    let d = c.date;
    let yesterday = c.yesterday;
    let tok = c.tok(k)?;
    let lex = tok.lex();
    match lex {
        // prepositions
        Some(Lex::W(W::Since)) => {
            return since(c, k + 1).map(|(v, last)| (v, last, true)).or_else(|| {
                // "since" closing a clause: since the day just named
                c.tok(k + 1).is_none_or(|t| matches!(t.kind, Kind::Punct(_)) || t.is(W::And)).then_some((
                    PVal::SinceThen,
                    k,
                    true,
                ))
            });
        }
        Some(Lex::W(W::By | W::Before | W::Until)) => return by_phrase(c, k),
        Some(Lex::W(W::Between)) => {
            // "between 1 June and 31 August", "between the second and third anniversaries"
            if c.is(k + 1, W::The)
                && let Some(a) = c.ordinal(k + 2)
                && c.is(k + 3, W::And)
                && let Some(b) = c.ordinal(k + 4)
                && c.is(k + 5, W::Anniversary)
            {
                let first = anniversary(a)?;
                let last = day_before(anniversary(b)?);
                return Some((
                    PVal::Range { first, last, shape: if b - a == 1 { Shape::Year } else { Shape::Other } },
                    k + 5,
                    true,
                ));
            }
            let (s1, l1) = month_phrase(c, k + 1)?;
            // "between January and March" was read whole
            if let MonthSpec::Months { .. } = s1 {
                return resolve_month(c, s1, Mode::Past).map(|v| (v, l1, true));
            }
            if !c.is(l1 + 1, W::And) {
                return None;
            }
            let (s2, l2) = month_phrase(c, l1 + 2)?;
            return span_between(c, s1, s2).map(|v| (v, l2, true));
        }
        Some(Lex::W(W::From)) => {
            let (s1, l1) = month_phrase(c, k + 1)?;
            if let MonthSpec::Months { .. } = s1 {
                return resolve_month(c, s1, Mode::Past).map(|v| (v, l1, true));
            }
            if !(c.is(l1 + 1, W::To) || c.is(l1 + 1, W::Until)) {
                return None;
            }
            let (s2, l2) = month_phrase(c, l1 + 2)?;
            return span_between(c, s1, s2).map(|v| (v, l2, true));
        }
        // "as of 1 May", "as of Monday", "as at 30 April": the date of a total
        Some(Lex::W(W::As)) if c.is(k + 1, W::Of) || c.is(k + 1, W::At) => {
            if let Some((spec, last)) = month_phrase(c, k + 2) {
                // "as of 1 May"; "as of January 2025": by the end of that month at the latest
                match resolve_month(c, spec, Mode::Past) {
                    Some(PVal::Day(date)) => return Some((PVal::Report(date), last, true)),
                    Some(PVal::Range { last: end, shape: Shape::Month, .. }) if end < d => {
                        return Some((PVal::Report(end), last, true));
                    }
                    _ => {}
                }
            }
            if let Some(Lex::Weekday(wd)) = c.lex(k + 2) {
                return Some((PVal::Report(weekday_on_or_before(d, wd)?), k + 2, true));
            }
            if let Some(Kind::DateNum { year, month, day }) = c.tok(k + 2).map(|t| t.kind) {
                return Some((PVal::Report(ymd(year.into(), month.into(), day.into())?), k + 2, true));
            }
            return None;
        }
        // "at the end of May": the report that closes it
        Some(Lex::W(W::At)) if c.is(k + 1, W::The) && c.is(k + 2, W::End) && c.is(k + 3, W::Of) => {
            let (spec, last) = month_phrase(c, k + 4)?;
            let PVal::Range { last: end, .. } = resolve_month(c, spec, Mode::Past)? else {
                return None;
            };
            return Some((PVal::Report(add_days(end, 1)?), last, true));
        }
        Some(Lex::W(W::In | W::Over | W::During | W::For | W::On | W::Of | W::At | W::Through | W::Within)) => {
            let on = tok.is(W::On);
            let of = tok.is(W::Of);
            let mut j = k + 1;
            // "in early May", "in mid-June", "in late 2023": the month or year itself
            if c.is(j, W::Early) {
                j += if c.is_p(j + 1, P::Hyphen) { 2 } else { 1 };
            }
            // "over the course of the war", "during the course of 2023"
            if c.is(j, W::The) && c.is(j + 1, W::Course) && c.is(j + 2, W::Of) {
                if c.is(j + 3, W::The) && (c.is(j + 4, W::War) || c.is(j + 4, W::Invasion)) {
                    return Some((PVal::WholeWar, j + 4, true));
                }
                j += 3;
            }
            // "in December alone", "over the past week", "in calendar year 2023"
            if let Some((val, last, _)) = phrase_at(c, j) {
                let val = match val {
                    PVal::Day(date) if !on && !of => PVal::Range { first: date, last: date, shape: Shape::Day },
                    other => other,
                };
                // "of" only introduces months and ranges ("of April-June", "of January")
                if of && !matches!(val, PVal::Range { .. } | PVal::Anaphor(_)) {
                    return None;
                }
                return Some((val, last, true));
            }
            // "in a single week", "in one month": a stretch of that length, named elsewhere
            if tok.is(W::In) {
                let mut u = j;
                if c.is(u, W::A) {
                    u += 1;
                }
                if c.is(u, W::Single) || matches!(c.lex(u), Some(Lex::Card(1))) {
                    u += 1;
                }
                if u > j
                    && let Some(shape) = c.tok(u).and_then(Tok::w).and_then(unit_shape)
                    && !c.tok(u).is_some_and(Tok::possessive)
                {
                    return Some((PVal::Anaphor(shape), u, true));
                }
            }
            // a call-up: "in a spring call-up"
            if c.is(j, W::A) && matches!(c.lex(j + 1), Some(Lex::Season(_))) {
                return phrase_at(c, j + 1).map(|(v, last, _)| (v, last, true));
            }
            if c.is(j, W::The) || c.is(j, W::Its) {
                j += 1;
            }
            // "on the first anniversary", "on the anniversary"
            if let Some(n) = c.ordinal(j)
                && c.is(j + 1, W::Anniversary)
            {
                return Some((PVal::Report(anniversary(n)?), j + 1, true));
            }
            if j > k + 1 && c.is(j - 1, W::The) && c.is(j, W::Anniversary) {
                return Some((PVal::Report(latest_anniversary(d)?), j, true));
            }
            // "in 16 days", "in a single week": durations, not periods
            return None;
        }
        _ => {}
    }
    // possessive weekday + report: "Friday's report", "Saturday's General Staff report"
    if let Some(Lex::Weekday(wd)) = lex
        && tok.possessive()
    {
        let date = weekday_on_or_before(d, wd)?;
        let mut j = k + 1;
        while j < k + 4 && !c.is(j, W::Report) {
            j += 1;
        }
        if c.is(j, W::Report) {
            return Some((PVal::Report(date), j, true));
        }
        return None;
    }
    // "this morning's update"
    if tok.is(W::This) && c.is(k + 1, W::Morning) && c.tok(k + 1).is_some_and(Tok::possessive) && c.is(k + 2, W::Report)
    {
        return Some((PVal::Report(d), k + 2, true));
    }
    // "(On) Thursday": a weekday alone
    if let Some(Lex::Weekday(wd)) = lex
        && month_phrase(c, k).is_none()
    {
        return Some((PVal::Day(weekday_on_or_before(d, wd)?), k, false));
    }
    // month-based
    if let Some((spec, last)) = month_phrase(c, k) {
        let possessive = c.tok(last).is_some_and(Tok::possessive);
        // "May so far", "October so far"
        if c.is(last + 1, W::So) && c.is(last + 2, W::Far) {
            let val = resolve_month(c, spec, Mode::Past)?;
            return Some((val, last + 2, true));
        }
        let mut val = resolve_month(c, spec, Mode::Past)?;
        // "2024 as a whole" does not apply to months; "December 2024 alone" fine
        if let PVal::Day(date) = val
            && date > d
        {
            val = PVal::Day(date);
        }
        let adverbial = possessive;
        return Some((val, last, adverbial));
    }
    // "H1 2024"
    if let Some(h) = c.half_word(k)
        && let Some(year) = c.year_at(k + 1)
    {
        let first = ymd(year, if h == 1 { 1 } else { 7 }, 1)?;
        let last = ymd(year, if h == 1 { 6 } else { 12 }, 1)?.last_of_month();
        return Some((PVal::Range { first, last, shape: Shape::Other }, k + 1, false));
    }
    // "Q3 2025"
    if let Some(q) = c.quarter_word(k) {
        let year = c.year_at(k + 1).unwrap_or_else(|| recent_year(d, q * 3));
        let first = ymd(year, q * 3 - 2, 1)?;
        let last = ymd(year, q * 3, 1)?.last_of_month();
        let end = if c.year_at(k + 1).is_some() { k + 1 } else { k };
        return Some((PVal::Range { first, last, shape: Shape::Quarter }, end, false));
    }
    // years: "2024", "calendar year 2023", "the whole of 2023", "2024 as a whole"; "the 2024
    // autumn draft"
    if let Some(y) = c.year_at(k) {
        if let Some(Lex::Season(season)) = c.lex(k + 1)
            && let Some((PVal::Range { first, last, shape: Shape::Campaign }, end, _)) = phrase_at(c, k + 1)
        {
            let _ = season;
            let shift = |d: Date| ymd(y, d.month().into(), d.day().into());
            if let (Some(first), Some(last)) = (shift(first), shift(last)) {
                return Some((PVal::Range { first, last, shape: Shape::Campaign }, end, true));
            }
        }
        let mut last = k;
        if c.is(k + 1, W::As) && c.is(k + 2, W::A) && c.is(k + 3, W::Whole) {
            last = k + 3;
        }
        return year_range(c, y).map(|v| (v, last, false));
    }
    if tok.is(W::Calendar) && c.is(k + 1, W::Year) && c.year_at(k + 2).is_some() {
        let y = c.year_at(k + 2)?;
        return year_range(c, y).map(|v| (v, k + 2, true));
    }
    // seasons: "the summer", "summer 2023"; "spring call-up"
    if let Some(Lex::Season(s)) = lex {
        if c.is(k + 1, W::Call) || c.is(k + 1, W::Conscript) || c.is(k + 1, W::Draft) {
            // the most recent call-up begun before the text
            let this_year = i32::from(d.year());
            let window = |year: i32| match s {
                0 => Some((ymd(year, 4, 1)?, ymd(year, 7, 15)?)),
                2 => Some((ymd(year, 10, 1)?, ymd(year, 12, 31)?)),
                _ => None,
            };
            let (first, last) = match window(this_year)? {
                (first, _) if first >= d => window(this_year - 1)?,
                current => current,
            };
            let mut end = k + 1;
            if c.is_p(k + 2, P::Hyphen) && c.is(k + 3, W::Up) {
                end = k + 3;
            }
            return Some((PVal::Range { first, last, shape: Shape::Campaign }, end, true));
        }
        if let Some(y) = c.year_at(k + 1) {
            let (first, last) = season_range(y, s)?;
            return Some((PVal::Range { first, last, shape: Shape::Quarter }, k + 1, false));
        }
        return None;
    }
    match tok.w()? {
        W::Today => Some((PVal::Report(d), k, true)),
        W::Yesterday | W::Overnight => {
            Some((PVal::Range { first: yesterday, last: yesterday, shape: Shape::Day }, k, true))
        }
        W::The | W::Its => the_phrase(c, k),
        // "that month", "that year": the period in context
        W::That => {
            let shape = c.tok(k + 1)?.w().and_then(unit_shape)?;
            matches!(shape, Shape::Month | Shape::Quarter | Shape::Year | Shape::Week | Shape::Day).then_some((
                PVal::Anaphor(shape),
                k + 1,
                true,
            ))
        }
        W::This | W::Last | W::Past => this_last(c, k),
        W::So if c.is(k + 1, W::Far) && c.is(k + 2, W::This) => {
            let (val, last, _) = this_last(c, k + 2)?;
            Some((val, last, true))
        }
        W::Whole if c.is(k + 1, W::Of) && c.year_at(k + 2).is_some() => {
            let y = c.year_at(k + 2)?;
            year_range(c, y).map(|v| (v, k + 2, true))
        }
        W::A | W::Another => {
            // "a month earlier", "a year before"
            let unit = c.tok(k + 1)?.w().and_then(unit_shape)?;
            if c.is(k + 2, W::Earlier) || c.is(k + 2, W::Before) {
                return Some((PVal::Relative(unit), k + 2, true));
            }
            // "a year ago (today)": that many units before the last loss day
            if c.is(k + 2, W::Ago) {
                let date = ago(yesterday, unit, 1)?;
                let last = if c.is(k + 3, W::Today) { k + 3 } else { k + 2 };
                return Some((PVal::Day(date), last, true));
            }
            // "a single week", "one month": an anaphoric stretch of that length
            None
        }
        _ => None,
    }
}

/// "by the end of May", "by 1 March", "by 2025", "by New Year's Day", "by the anniversary",
/// "before the New Year", "until the end of the year". A date still to come is the target of a
/// projection; one already past, after "by", is also the date of a total ("had passed 500,000
/// by the end of May"), and the sentence's tense decides which (`PVal::By`).
fn by_phrase(c: &Ctx<'_>, k: usize) -> Option<(PVal, usize, bool)> {
    let d = c.date;
    let by = c.is(k, W::By);
    // the past reading only where the past date is the nearer one: "by the end of May" in July
    // is this May's, in March next May's
    let either = |report: Option<Date>, target: Date, last: usize| match report {
        Some(report) if by && report <= d && (target <= d || days_between(report, d) <= days_between(d, target)) => {
            Some((PVal::By { report, target }, last, true))
        }
        _ => Some((PVal::Target(target), last, true)),
    };
    let mut j = k + 1;
    // "by this morning", "by today": the text's own report
    if by && c.is(j, W::This) && c.is(j + 1, W::Morning) {
        return Some((PVal::Report(d), j + 1, true));
    }
    if by && c.is(j, W::Today) {
        return Some((PVal::Report(d), j, true));
    }
    // "by the end of the year", "by the end of this month", "by the end of the day"
    let end_of = c.is(j, W::The) && c.is(j + 1, W::End) && c.is(j + 2, W::Of);
    if end_of {
        j += 3;
        if c.is(j, W::The) || c.is(j, W::This) {
            let target = match c.tok(j + 1).and_then(Tok::w)? {
                W::Year => ymd(i32::from(d.year()), 12, 31)?,
                W::MonthW => d.last_of_month(),
                // the day of the text
                W::Day => d,
                _ => return None,
            };
            return Some((PVal::Target(target), j + 1, true));
        }
    }
    // "by the end of May", "by 1 March", "by March 2024"
    if let Some((spec, last)) = month_phrase(c, j) {
        let target = match resolve_month(c, spec, Mode::Target)? {
            PVal::Range { last: end, .. } => end,
            PVal::Day(date) => date,
            _ => return None,
        };
        // the report that states the total: a day's own, or the one after a month's last day
        let report = match resolve_month(c, spec, Mode::Past) {
            Some(PVal::Range { last: end, .. }) => add_days(end, 1),
            Some(PVal::Day(date)) if !end_of => Some(date),
            _ => None,
        };
        return either(report, target, last);
    }
    if let Some(y) = c.year_at(j) {
        return either(ymd(y + 1, 1, 1), ymd(y, 12, 31)?, j);
    }
    // "before the New Year": the end of this year; "by New Year's Day": its first day
    let the = usize::from(c.is(j, W::The));
    if c.is(j + the, W::New) && c.is(j + the + 1, W::Year) {
        let year = i32::from(d.year());
        if c.is(j + the + 2, W::Day) {
            let passed = ymd(year, 1, 1).filter(|first| *first < d);
            return either(passed, ymd(year + 1, 1, 1)?, j + the + 2);
        }
        return Some((PVal::Target(ymd(year, 12, 31)?), j + the + 1, true));
    }
    // "by the anniversary", "by the second anniversary": the most recent one, or the one named
    if the == 1 {
        let (n, at) = match c.ordinal(j + 1) {
            Some(n) => (Some(n), j + 2),
            None => (None, j + 1),
        };
        if c.is(at, W::Anniversary) {
            let date = match n {
                Some(n) => anniversary(n)?,
                None => latest_anniversary(d)?,
            };
            let report = if c.is(at + 1, W::Report) { at + 1 } else { at };
            return either(Some(date), date, report);
        }
    }
    None
}

/// Phrases starting with "the" or "its".
fn the_phrase(c: &Ctx<'_>, k: usize) -> Option<(PVal, usize, bool)> {
    let d = c.date;
    let j = k + 1;
    let w = c.tok(j)?.w();
    // "the whole of 2023", "the whole war", "the entire war"
    if matches!(w, Some(W::Whole | W::Entire)) {
        if c.is(j + 1, W::Of)
            && let Some(y) = c.year_at(j + 2)
        {
            return year_range(c, y).map(|v| (v, j + 2, true));
        }
        if c.is(j + 1, W::War) || c.is(j + 1, W::Invasion) {
            return Some((PVal::WholeWar, j + 1, true));
        }
        return None;
    }
    // "the final quarter (of 2024)", "the last quarter"
    if matches!(w, Some(W::Last)) && c.is(j + 1, W::Quarter) {
        if c.is(j + 2, W::Of)
            && let Some(y) = c.year_at(j + 3)
        {
            let first = ymd(y, 10, 1)?;
            return Some((PVal::Range { first, last: ymd(y, 12, 31)?, shape: Shape::Quarter }, j + 3, true));
        }
        return Some((PVal::FinalQuarter, j + 1, true));
    }
    // "the same month", "the same seven days", "the same period", "the same months of 2025"
    if matches!(w, Some(W::Same)) {
        let (n, unit_at) = match c.count(j + 1) {
            Some((n, last)) if !c.is(j + 1, W::A) => (n, last + 1),
            _ => (1, j + 1),
        };
        let shape = match c.tok(unit_at)?.w()? {
            W::Period => Shape::Other,
            W::Day if n == 7 => Shape::Week,
            W::Day if n == 1 => Shape::Day,
            W::MonthW if n == 3 => Shape::Quarter,
            W::MonthW if n == 12 => Shape::Year,
            W::MonthW if n > 1 => Shape::Other,
            unit => unit_shape(unit)?,
        };
        if (c.is(unit_at + 1, W::Of) || c.is(unit_at + 1, W::In))
            && let Some(y) = c.year_at(unit_at + 2)
        {
            return Some((PVal::SameIn(y), unit_at + 2, true));
        }
        if c.is(unit_at + 1, W::Last) && c.is(unit_at + 2, W::Year) {
            return Some((PVal::SameIn(i32::from(c.yesterday.year()) - 1), unit_at + 2, true));
        }
        return Some((PVal::Anaphor(shape), unit_at, true));
    }
    // "the past week", "the last 24 hours", "the previous month"
    if matches!(w, Some(W::Past | W::Last)) {
        return past_span(c, j + 1).map(|(v, last)| (v, last, true));
    }
    // "the weekend"
    if matches!(w, Some(W::Weekend)) {
        let (first, last) = recent_weekend(d)?;
        return Some((PVal::Range { first, last, shape: Shape::Other }, j, true));
    }
    // "the first half of 2024", "the second half of the year"
    if let Some(n @ (1 | 2)) = c.ordinal(j)
        && matches!(c.lex(j + 1), Some(Lex::Half))
        && c.is(j + 2, W::Of)
    {
        let (year, last) = if let Some(y) = c.year_at(j + 3) {
            (y, j + 3)
        } else if (c.is(j + 3, W::The) || c.is(j + 3, W::This)) && c.is(j + 4, W::Year) {
            (i32::from(c.yesterday.year()), j + 4)
        } else {
            return None;
        };
        let first = ymd(year, if n == 1 { 1 } else { 7 }, 1)?;
        let end = ymd(year, if n == 1 { 6 } else { 12 }, 1)?.last_of_month();
        return Some((PVal::Range { first, last: end, shape: Shape::Other }, last, true));
    }
    if matches!(w, Some(W::Previous)) {
        // "the previous 24 hours", "the previous seven days": counted back from the report,
        // like "the past"
        if c.count(j + 1).is_some() && !c.is(j + 1, W::A) {
            return past_span(c, j + 1).map(|(v, last)| (v, last, true));
        }
        let unit = c.tok(j + 1)?.w().and_then(unit_shape)?;
        return Some((PVal::Relative(unit), j + 1, true));
    }
    // "the week to 12 May", "the week ending 12 May", "the month to 30 April"
    if let Some(shape @ (Shape::Week | Shape::Month | Shape::Year)) = w.and_then(unit_shape)
        && (c.is(j + 1, W::To) || c.is(j + 1, W::Until))
        && let Some((end, last)) = end_day(c, j + 2)
    {
        let first = match shape {
            Shape::Week => add_days(end, -6)?,
            Shape::Month => add_months(add_days(end, 1)?, -1)?,
            _ => add_months(add_days(end, 1)?, -12)?,
        };
        return Some((PVal::Range { first, last: end, shape }, last, true));
    }
    // "the month", "the quarter", "the year" (+ "before": relative)
    if let Some(shape) = w.and_then(unit_shape) {
        if c.is(j + 1, W::Before) || c.is(j + 1, W::Earlier) {
            return Some((PVal::Relative(shape), j + 1, true));
        }
        if matches!(shape, Shape::Month | Shape::Quarter | Shape::Year) && !c.tok(j).is_some_and(Tok::possessive) {
            return Some((PVal::Anaphor(shape), j, true));
        }
        return None;
    }
    // "the summer", "the spring"
    if let Some(Lex::Season(s)) = c.lex(j) {
        // "the spring pace" / "the spring figure": a modifier, not a period
        if c.tok(j + 1).is_some_and(|t| t.is_word() && !t.is(W::Of) && !t.is(W::And)) {
            return None;
        }
        let (first, last) = recent_season(d, s, false)?;
        return Some((PVal::Range { first, last, shape: Shape::Quarter }, j, true));
    }
    // "the first three months of the year", "the first ten weeks of 2024"
    if let Some(1) = c.ordinal(j)
        && let Some((n, last_n)) = c.count(j + 1)
        && matches!(c.tok(last_n + 1).and_then(Tok::w), Some(W::Week | W::MonthW))
        && c.is(last_n + 2, W::Of)
    {
        let unit = c.tok(last_n + 1).and_then(Tok::w)?;
        let (start, last) = if let Some(y) = c.year_at(last_n + 3) {
            (ymd(y, 1, 1)?, last_n + 3)
        } else if (c.is(last_n + 3, W::The) || c.is(last_n + 3, W::This)) && c.is(last_n + 4, W::Year) {
            (c.yesterday.first_of_year(), last_n + 4)
        } else if let Some((spec, l)) = month_phrase(c, last_n + 3)
            && let Some(PVal::Range { first, .. }) = resolve_month(c, spec, Mode::Past)
        {
            (first, l)
        } else {
            return None;
        };
        let end = match unit {
            W::Week => add_days(start, 7 * n - 1)?,
            _ => add_days(add_months(start, n)?, -1)?,
        };
        return Some((PVal::Range { first: start, last: end, shape: Shape::Other }, last, true));
    }
    // "the first twelve days of June", "its first 29 days"
    if let Some(1) = c.ordinal(j)
        && let Some((n, last_n)) = c.count(j + 1)
        && c.is(last_n + 1, W::Day)
    {
        let unit_at = last_n + 1;
        if c.is(unit_at + 1, W::Of)
            && let Some((spec, last)) = month_phrase(c, unit_at + 2)
        {
            let PVal::Range { first, .. } = resolve_month(c, spec, Mode::Past)? else {
                return None;
            };
            let end = add_days(first, n - 1)?;
            return Some((PVal::Range { first, last: end, shape: Shape::Other }, last, true));
        }
        return Some((PVal::FirstDays(n), unit_at, true));
    }
    // "the twelve months since", "the three months", "the seven days to 16 May", "the 24 hours
    // to 8 a.m."
    if let Some((n, last_n)) = c.count(j) {
        if c.is(last_n + 1, W::Hour) && n <= 24 {
            let yesterday = c.yesterday;
            let mut last = last_n + 1;
            if (c.is(last + 1, W::To) || c.is(last + 1, W::Until))
                && c.tok(last + 2).is_some_and(|t| matches!(t.kind, Kind::Time))
            {
                last += 2;
            }
            return Some((PVal::Range { first: yesterday, last: yesterday, shape: Shape::Day }, last, true));
        }
        let unit = c.tok(last_n + 1)?.w().and_then(unit_shape)?;
        let unit_at = last_n + 1;
        if c.is(unit_at + 1, W::Since) && !matches!(c.lex(unit_at + 2), Some(Lex::Month(_))) {
            let first = match unit {
                Shape::Month => add_months(d, -n)?,
                Shape::Year => add_months(d, -12 * n)?,
                Shape::Week => add_days(d, -7 * n)?,
                Shape::Day => add_days(d, -n)?,
                _ => return None,
            };
            return Some((PVal::Range { first, last: c.yesterday, shape: Shape::Other }, unit_at + 1, true));
        }
        // "the three months to (the end of) April"
        if (c.is(unit_at + 1, W::To) || c.is(unit_at + 1, W::Until) || c.is(unit_at + 1, W::Through))
            && unit == Shape::Month
        {
            let mut j = unit_at + 2;
            if c.is(j, W::The) && c.is(j + 1, W::End) && c.is(j + 2, W::Of) {
                j += 3;
            }
            if let Some((spec @ MonthSpec::Month { .. }, last)) = month_phrase(c, j)
                && let Some(PVal::Range { last: end, .. }) = resolve_month(c, spec, Mode::Past)
            {
                let first = add_months(end.first_of_month(), -(n - 1))?;
                let shape = if n == 3 { Shape::Quarter } else { Shape::Other };
                return Some((PVal::Range { first, last: end, shape }, last, true));
            }
        }
        if (c.is(unit_at + 1, W::To) || c.is(unit_at + 1, W::Until))
            && let Some((end, last)) = end_day(c, unit_at + 2)
        {
            let days = match unit {
                Shape::Day => n,
                Shape::Week => 7 * n,
                _ => return None,
            };
            let first = add_days(end, -(days - 1))?;
            let shape = if days == 7 { Shape::Week } else { Shape::Other };
            return Some((PVal::Range { first, last: end, shape }, last, true));
        }
        let shape = match (unit, n) {
            (Shape::Month, 3) => Shape::Quarter,
            (Shape::Month, 12) | (Shape::Year, 1) => Shape::Year,
            (Shape::Month, 1) => Shape::Month,
            _ => return None,
        };
        return Some((PVal::Anaphor(shape), unit_at, true));
    }
    // "the third quarter (of 2025)"
    if let Some(q) = c.ordinal(j).filter(|q| (1..=4).contains(q))
        && c.is(j + 1, W::Quarter)
    {
        let (year, last) = if c.is(j + 2, W::Of) && c.year_at(j + 3).is_some() {
            (c.year_at(j + 3)?, j + 3)
        } else {
            (recent_year(d, q * 3), j + 1)
        };
        let first = ymd(year, q * 3 - 2, 1)?;
        return Some((
            PVal::Range { first, last: ymd(year, q * 3, 1)?.last_of_month(), shape: Shape::Quarter },
            last,
            true,
        ));
    }
    // "the first anniversary"
    if let Some(n) = c.ordinal(j)
        && c.is(j + 1, W::Anniversary)
    {
        return Some((PVal::Report(anniversary(n)?), j + 1, true));
    }
    // "the second year of the war": from one anniversary to the day before the next
    if let Some(n) = c.ordinal(j).filter(|n| *n >= 1)
        && c.is(j + 1, W::Year)
        && c.is(j + 2, W::Of)
    {
        let mut last = j + 3;
        if c.is(last, W::The) {
            last += 1;
        }
        while last < j + 8 && !(c.is(last, W::War) || c.is(last, W::Invasion)) {
            last += 1;
        }
        if c.is(last, W::War) || c.is(last, W::Invasion) {
            let first = if n == 1 { WAR_START } else { anniversary(n - 1)? };
            return Some((PVal::Range { first, last: day_before(anniversary(n)?), shape: Shape::Year }, last, true));
        }
    }
    None
}

/// The day that ends a stretch ("to 16 May", "to Sunday", "to Wednesday 1 January"): a date, or
/// the most recent such weekday before the text's date.
fn end_day(c: &Ctx<'_>, k: usize) -> Option<(Date, usize)> {
    if let Some((spec, last)) = month_phrase(c, k)
        && let Some(PVal::Day(end)) = resolve_month(c, spec, Mode::Past)
    {
        return Some((end, last));
    }
    match c.lex(k)? {
        Lex::Weekday(wd) => Some((weekday_on_or_before(day_before(c.date), wd)?, k)),
        _ => None,
    }
}

/// "this month", "this year", "last month", "last year", "last week", "last May", "last autumn",
/// "past week".
fn this_last(c: &Ctx<'_>, k: usize) -> Option<(PVal, usize, bool)> {
    let d = c.date;
    let yesterday = c.yesterday;
    let this = c.is(k, W::This);
    let j = k + 1;
    if c.is(k, W::Past) {
        return past_span(c, j).map(|(v, last)| (v, last, true));
    }
    if let Some(month) = c.month_at(j) {
        let mode = if this { Mode::Past } else { Mode::Last };
        let val = resolve_month(c, MonthSpec::Month { year: None, month }, mode)?;
        return Some((val, j, true));
    }
    if let Some(Lex::Season(s)) = c.lex(j) {
        let (first, last) = recent_season(d, s, !this)?;
        return Some((PVal::Range { first, last, shape: Shape::Quarter }, j, true));
    }
    if c.is(j, W::Weekend) {
        let (first, last) = recent_weekend(d)?;
        return Some((PVal::Range { first, last, shape: Shape::Other }, j, true));
    }
    let unit = c.tok(j)?.w()?;
    let val = match (this, unit) {
        (true, W::MonthW) => PVal::Range { first: yesterday.first_of_month(), last: yesterday, shape: Shape::Month },
        (true, W::Year) => PVal::Range { first: yesterday.first_of_year(), last: yesterday, shape: Shape::Year },
        (true, W::Week) => PVal::Range { first: add_days(d, -7)?, last: yesterday, shape: Shape::Week },
        (false, W::MonthW) => {
            let first = add_months(d.first_of_month(), -1)?;
            PVal::Range { first, last: first.last_of_month(), shape: Shape::Month }
        }
        (false, W::Year) => {
            let y = i32::from(d.year()) - 1;
            year_range(c, y)?
        }
        (false, W::Week) => PVal::Range { first: add_days(d, -7)?, last: yesterday, shape: Shape::Week },
        (false, W::Day) => PVal::Range { first: yesterday, last: yesterday, shape: Shape::Day },
        _ => {
            // "the last 24 hours" handled by `the_phrase`; "last three days"
            return past_span(c, j).map(|(v, last)| (v, last, true));
        }
    };
    Some((val, j, true))
}

/// Days from `a` to `b`.
fn days_between(a: Date, b: Date) -> i32 {
    a.until(b).map_or(0, |span| span.get_days())
}

/// The date `n` units before `date` ("a year ago").
fn ago(date: Date, unit: Shape, n: i32) -> Option<Date> {
    match unit {
        Shape::Day => add_days(date, -n),
        Shape::Week => add_days(date, -7 * n),
        Shape::Month => add_months(date, -n),
        Shape::Year => add_months(date, -12 * n),
        _ => None,
    }
}

/// The most recent weekend (Saturday and Sunday) before the text's date.
fn recent_weekend(date: Date) -> Option<(Date, Date)> {
    let sunday = weekday_on_or_before(day_before(date), 6)?;
    Some((add_days(sunday, -1)?, sunday))
}

/// Two month phrases joined ("between 1 June and 31 August").
fn span_between(c: &Ctx<'_>, s1: MonthSpec, s2: MonthSpec) -> Option<PVal> {
    let a = resolve_month(c, s1, Mode::Past)?;
    let b = resolve_month(c, s2, Mode::Past)?;
    let first = match a {
        PVal::Day(x) => x,
        PVal::Range { first, .. } => first,
        _ => return None,
    };
    let last = match b {
        PVal::Day(x) => x,
        PVal::Range { last, .. } => last,
        _ => return None,
    };
    if last < first {
        return None;
    }
    let months = (i32::from(last.year()) - i32::from(first.year())) * 12 + i32::from(last.month())
        - i32::from(first.month())
        + 1;
    let shape = match months {
        1 => Shape::Month,
        3 => Shape::Quarter,
        12 => Shape::Year,
        _ => Shape::Other,
    };
    Some(PVal::Range { first, last, shape })
}

/// What follows "since": a date, a month, a year, "the start of …", the invasion.
fn since(c: &Ctx<'_>, k: usize) -> Option<(PVal, usize)> {
    let yesterday = c.yesterday;
    let since_date = |first: Date, last_tok: usize| -> Option<(PVal, usize)> {
        if first <= WAR_START {
            Some((PVal::War, last_tok))
        } else {
            Some((PVal::Range { first, last: yesterday, shape: Shape::Other }, last_tok))
        }
    };
    let mut j = k;
    // "since the start of October", "since the beginning of the year"
    if c.is(j, W::The) && c.is(j + 1, W::Start) && c.is(j + 2, W::Of) {
        j += 3;
        if (c.is(j, W::The) || c.is(j, W::This))
            && let Some(w) = c.tok(j + 1).and_then(Tok::w)
        {
            return match w {
                W::Year => since_date(yesterday.first_of_year(), j + 1),
                W::MonthW => since_date(yesterday.first_of_month(), j + 1),
                W::War | W::Invasion => Some((PVal::War, j + 1)),
                W::Full => {
                    let mut last = j + 1;
                    while last < j + 5 && !c.is(last, W::Invasion) && !c.is(last, W::War) {
                        last += 1;
                    }
                    Some((PVal::War, last))
                }
                _ => None,
            };
        }
    }
    // "since the start of last year", "since the beginning of last month"
    if j > k && c.is(j, W::Last) {
        return match c.tok(j + 1).and_then(Tok::w)? {
            W::Year => since_date(ymd(i32::from(yesterday.year()) - 1, 1, 1)?, j + 1),
            W::MonthW => since_date(add_months(yesterday.first_of_month(), -1)?, j + 1),
            _ => None,
        };
    }
    if let Some((spec, last)) = month_phrase(c, j) {
        let first = match resolve_month(c, spec, Mode::Past)? {
            PVal::Day(x) => x,
            PVal::Range { first, .. } => first,
            _ => return None,
        };
        return since_date(first, last);
    }
    // "since the assault on Avdiivka began on 10 October", "since Ukraine's counter-offensive
    // began on June 4": the day named
    if let Some(began) = (j..(j + 10).min(c.end)).find(|&b| c.is(b, W::Began))
        && c.is(began + 1, W::On)
        && let Some((spec, last)) = month_phrase(c, began + 2)
        && let Some(PVal::Day(first)) = resolve_month(c, spec, Mode::Past)
        && !(j..began).any(|b| {
            c.tok(b).is_some_and(|t| {
                matches!(t.kind, Kind::Num(_) | Kind::Punct(P::Comma | P::Period | P::Semicolon | P::Colon))
            })
        })
    {
        return since_date(first, last);
    }
    if let Some(y) = c.year_at(j) {
        return since_date(ymd(y, 1, 1)?, j);
    }
    // "since last May"
    if c.is(j, W::Last)
        && let Some(month) = c.month_at(j + 1)
    {
        let PVal::Range { first, .. } = resolve_month(c, MonthSpec::Month { year: None, month }, Mode::Last)? else {
            return None;
        };
        return Some((PVal::Range { first, last: yesterday, shape: Shape::Other }, j + 1));
    }
    // "since the invasion began", "since the war began", "since launching its full-scale
    // invasion", "since Putin's invasion", "since the incursion began in August"
    let mut last = j;
    let mut event = None;
    while last < j + 8 && last < c.end {
        match c.tok(last).and_then(Tok::w) {
            Some(W::Invasion | W::War) => event = Some(PVal::War),
            Some(W::Incursion) => event = Some(incursion(c, last)),
            Some(W::Mobilise) => {
                event = Some(PVal::Range { first: ymd(2022, 9, 21)?, last: yesterday, shape: Shape::Other })
            }
            _ => {}
        }
        if event.is_some() {
            // take "began", "started", "in August" along, past a few words naming what was
            // invaded ("invaded Ukraine in February 2022", "invasion of Ukraine began in …")
            while matches!(c.tok(last + 1).and_then(Tok::w), Some(W::Began)) {
                last += 1;
            }
            let plain_word = |t: usize| c.tok(t).is_some_and(|t| !matches!(t.kind, Kind::Punct(_) | Kind::Num(_)));
            if let Some(at) = (last + 1..last + 5).take_while(|&t| plain_word(t)).find(|&t| c.is(t, W::In))
                && let Some((_, l)) = month_phrase(c, at + 1)
            {
                last = l;
            }
            return event.map(|e| (e, last));
        }
        // "since the February 2022 invasion", "since the 2022 invasion": a month or a year
        // naming the event is part of it
        let names_the_event = c.year_at(last).is_some() || c.month_at(last).is_some();
        // "full-scale" is one word to the reader
        let joins_a_word = c.tok(last).is_some_and(|t| matches!(t.kind, Kind::Punct(P::Hyphen)));
        if !names_the_event
            && !joins_a_word
            && c.tok(last).is_some_and(|t| matches!(t.kind, Kind::Punct(_) | Kind::Num(_)))
        {
            break;
        }
        last += 1;
    }
    None
}

/// Ukraine's incursion into Russia's Kursk region began on 6 August 2024.
fn incursion(c: &Ctx<'_>, _k: usize) -> PVal {
    let start = ymd(2024, 8, 6);
    match start {
        Some(first) if first < c.date => PVal::Range { first, last: day_before(c.date), shape: Shape::Other },
        _ => PVal::War,
    }
}

/// The most recent date on or before `date` that falls on `weekday` (Monday = 0).
fn weekday_on_or_before(date: Date, weekday: u8) -> Option<Date> {
    let today = i32::from(date.weekday().to_monday_zero_offset());
    let back = (today - i32::from(weekday)).rem_euclid(7);
    add_days(date, -back)
}

/// Every time expression in tokens `[start, end)`; marks their tokens in `used`
/// (indexed from `start`).
pub(crate) fn periods(c: &Ctx<'_>, start: usize, used: &mut [bool], out: &mut Vec<PExpr>) {
    use super::lexicon::flag;
    let mut k = start;
    let next_time = |from: usize| c.marks.next(Mark::Time, from, c.end).unwrap_or(usize::MAX);
    let mut time_at = next_time(start);
    while let Some(at) = c.marks.next(Mark::TimeStart, k, c.end) {
        k = at;
        let f = c.toks[k].flags;
        if time_at <= k {
            time_at = next_time(k + 1);
        }
        // a function word ("in", "the", "of") starts a time expression only with a time word
        // close after it, and with a word right after it that can go on one ("in the", "the
        // past", "in early", "the first", "the same")
        if f & flag::TIME == 0
            && (time_at > k + 6
                || c.tok(k + 1).is_none_or(|t| {
                    t.flags & (flag::TIME | flag::TIME_START | flag::NUM_WORD) == 0
                        && !matches!(t.w(), Some(W::Early | W::Same | W::Entire | W::Previous | W::New))
                }))
        {
            k += 1;
            continue;
        }
        if let Some((val, last, adverbial)) = phrase_at(c, k) {
            let last = last.min(c.end - 1).max(k);
            let weak = k > start && {
                let speech = |j: usize| {
                    let t = &c.toks[j];
                    t.is(W::Say)
                        || t.is(W::Estimate)
                        || t.is(W::Publication)
                        || (t.is(W::Estimated) && !(j > start && c.toks[j - 1].is(W::A)))
                };
                // "said last month", "told reporters last week", "published on 27 January", "told
                // the European Parliament in December": the period dates the statement
                (k.saturating_sub(4).max(start)..k)
                    .rev()
                    .take_while(|&j| !matches!(c.toks[j].kind, Kind::Punct(_) | Kind::Num(_)) && !c.toks[j].is(W::That))
                    .any(speech)
            };
            let preposition = matches!(
                c.toks[k].w(),
                Some(
                    W::In
                        | W::Over
                        | W::During
                        | W::For
                        | W::On
                        | W::Of
                        | W::Since
                        | W::Between
                        | W::From
                        | W::By
                        | W::Before
                        | W::Until
                        | W::At
                        | W::Through
                        | W::Within
                        | W::So
                )
            );
            out.push(PExpr { first: k, last, val, prep: adverbial || preposition, weak });
            for flag in used.iter_mut().take(last + 1 - start).skip(k - start) {
                *flag = true;
            }
            k = last + 1;
        } else {
            k += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;
    use jiff::civil::date;

    fn find(text: &str, d: Date) -> Vec<PVal> {
        let mut toks = Vec::new();
        tokenize(text, 0, text.len(), &mut toks);
        let marks = crate::extract::tokens::Marks::of(&toks);
        let c = Ctx { text, toks: &toks, marks: &marks, end: toks.len(), date: d, yesterday: day_before(d) };
        let mut used = vec![false; toks.len()];
        let mut out = Vec::new();
        periods(&c, 0, &mut used, &mut out);
        out.into_iter().map(|p| p.val).collect()
    }

    fn range(a: Date, b: Date, shape: Shape) -> PVal {
        PVal::Range { first: a, last: b, shape }
    }

    #[test]
    fn months_resolve_to_the_most_recent() {
        let d = date(2026, 1, 16);
        assert_eq!(find("in December", d), vec![range(date(2025, 12, 1), date(2025, 12, 31), Shape::Month)]);
        assert_eq!(find("in January", d), vec![range(date(2026, 1, 1), date(2026, 1, 31), Shape::Month)]);
        assert_eq!(find("since last May", d), vec![range(date(2025, 5, 1), date(2026, 1, 15), Shape::Other)]);
        assert_eq!(find("December 2023", d), vec![range(date(2023, 12, 1), date(2023, 12, 31), Shape::Month)]);
        assert_eq!(find("in July-September", d), vec![range(date(2025, 7, 1), date(2025, 9, 30), Shape::Quarter)]);
    }

    #[test]
    fn days_and_weeks() {
        let d = date(2024, 10, 17);
        let y = date(2024, 10, 16);
        assert_eq!(find("over the past day", d), vec![range(y, y, Shape::Day)]);
        assert_eq!(find("in the past 24 hours", d), vec![range(y, y, Shape::Day)]);
        assert_eq!(find("over the past week", d), vec![range(date(2024, 10, 10), y, Shape::Week)]);
        assert_eq!(
            find("in the seven days to 16 May", date(2024, 6, 3)),
            vec![range(date(2024, 5, 10), date(2024, 5, 16), Shape::Week)]
        );
        assert_eq!(
            find("the past six months", date(2024, 12, 30)),
            vec![range(date(2024, 7, 1), date(2024, 12, 29), Shape::Other)]
        );
        assert_eq!(find("On Sunday 12 May", date(2024, 6, 3)), vec![PVal::Day(date(2024, 5, 12))]);
    }

    #[test]
    fn since_and_years() {
        let d = date(2023, 3, 2);
        assert_eq!(find("Since December 1", d), vec![range(date(2022, 12, 1), date(2023, 3, 1), Shape::Other)]);
        assert_eq!(find("since the invasion began", d), vec![PVal::War]);
        assert_eq!(find("since the start of the full-scale invasion", d), vec![PVal::War]);
        assert_eq!(find("since February 2022", d), vec![PVal::War]);
        assert_eq!(find("since the February 2022 invasion", d), vec![PVal::War]);
        assert_eq!(find("since the 2022 invasion", d), vec![PVal::War]);
        assert_eq!(find("in the previous 24 hours", d), vec![range(date(2023, 3, 1), date(2023, 3, 1), Shape::Day)]);
        assert_eq!(
            find("over the previous seven days", d),
            vec![range(date(2023, 2, 23), date(2023, 3, 1), Shape::Week)]
        );
        assert_eq!(find("in calendar year 2022", d), vec![range(WAR_START, date(2022, 12, 31), Shape::Year)]);
        assert_eq!(find("this year", date(2023, 9, 15)), vec![range(date(2023, 1, 1), date(2023, 9, 14), Shape::Year)]);
        assert_eq!(find("last year", date(2024, 3, 1)), vec![range(date(2023, 1, 1), date(2023, 12, 31), Shape::Year)]);
    }

    #[test]
    fn seasons_anniversaries_targets() {
        assert_eq!(
            find("over the summer", date(2023, 9, 15)),
            vec![range(date(2023, 6, 1), date(2023, 8, 31), Shape::Quarter)]
        );
        assert_eq!(
            find("last autumn", date(2023, 9, 15)),
            vec![range(date(2022, 9, 1), date(2022, 11, 30), Shape::Quarter)]
        );
        assert_eq!(
            find("between the second and third anniversaries", date(2025, 2, 24)),
            vec![range(date(2024, 2, 24), date(2025, 2, 23), Shape::Year)]
        );
        assert_eq!(find("On the first anniversary", date(2024, 2, 24)), vec![PVal::Report(date(2023, 2, 24))]);
        assert_eq!(find("by the end of May", date(2024, 12, 30)), vec![PVal::Target(date(2025, 5, 31))]);
    }

    #[test]
    fn by_a_date_already_past_is_the_report_of_a_total() {
        let d = date(2024, 7, 12);
        // the nearer of May 2024 (past) and May 2025 (to come)
        let end_of_may = PVal::By { report: date(2024, 6, 1), target: date(2025, 5, 31) };
        assert_eq!(find("by the end of May", d), vec![end_of_may]);
        assert_eq!(find("by 1 July", d), vec![PVal::By { report: date(2024, 7, 1), target: date(2024, 7, 1) }]);
        assert_eq!(find("by 2023", d), vec![PVal::By { report: date(2024, 1, 1), target: date(2023, 12, 31) }]);
        let march = date(2024, 3, 12);
        assert_eq!(
            find("by New Year's Day", march),
            vec![PVal::By { report: date(2024, 1, 1), target: date(2025, 1, 1) }]
        );
        assert_eq!(find("by New Year's Day", d), vec![PVal::Target(date(2025, 1, 1))]);
        assert_eq!(
            find("by the second anniversary report", d),
            vec![PVal::By { report: date(2024, 2, 24), target: date(2024, 2, 24) }]
        );
        assert_eq!(
            find("by the anniversary", d),
            vec![PVal::By { report: date(2024, 2, 24), target: date(2024, 2, 24) }]
        );
        assert_eq!(find("by this morning", d), vec![PVal::Report(d)]);
        // nearer to come than past: a target only
        assert_eq!(find("by the end of September", d), vec![PVal::Target(date(2024, 9, 30))]);
        assert_eq!(find("by the end of August", date(2024, 3, 12)), vec![PVal::Target(date(2024, 8, 31))]);
        // "before" and "until" name targets only
        assert_eq!(find("before 1 September", d), vec![PVal::Target(date(2024, 9, 1))]);
        assert_eq!(find("on the anniversary", date(2023, 2, 27)), vec![PVal::Report(date(2023, 2, 24))]);
        assert_eq!(
            find("In the twelve months since", date(2024, 2, 24)),
            vec![range(date(2023, 2, 24), date(2024, 2, 23), Shape::Other)]
        );
        assert_eq!(find("Friday's report", date(2025, 6, 13)), vec![PVal::Report(date(2025, 6, 13))]);
    }

    #[test]
    fn anaphora_and_relatives() {
        let d = date(2024, 6, 3);
        assert_eq!(find("over the month", d), vec![PVal::Anaphor(Shape::Month)]);
        assert_eq!(find("in the quarter", d), vec![PVal::Anaphor(Shape::Quarter)]);
        assert_eq!(find("over the three months", d), vec![PVal::Anaphor(Shape::Quarter)]);
        assert_eq!(find("a month earlier", d), vec![PVal::Relative(Shape::Month)]);
        assert_eq!(find("in the year before", d), vec![PVal::Relative(Shape::Year)]);
        assert_eq!(find("in its first 29 days", d), vec![PVal::FirstDays(29)]);
        assert_eq!(find("the spring pace", d), vec![]);
    }
}
