//! Axis arithmetic: day numbers, "nice" value ticks, date ticks and number
//! formatting with thousands separators.

use jiff::civil::Date;

/// Days since 1970-01-01 (proleptic Gregorian). Computed directly rather
/// than through a jiff span so it cannot fail and costs nothing per point.
pub(crate) fn day_number(date: Date) -> i64 {
    days_from_civil(i64::from(date.year()), i64::from(date.month()), i64::from(date.day()))
}

// Howard Hinnant's days_from_civil, valid for every date jiff can represent.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`day_number`], as (year, month, day).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { yoe + era * 400 + 1 } else { yoe + era * 400 }, m, d)
}

/// Ticks for a value axis: evenly spaced round numbers covering `lo..=hi`.
pub(crate) struct ValueTicks {
    pub(crate) lo: f64,
    pub(crate) hi: f64,
    pub(crate) step: f64,
    pub(crate) decimals: usize,
}

impl ValueTicks {
    /// Extends `lo..hi` outward to multiples of a 1/2/2.5/5×10ⁿ step giving
    /// about `target` intervals.
    pub(crate) fn new(lo: f64, hi: f64, target: usize) -> Self {
        let (lo, hi) = if hi - lo > 0.0 { (lo, hi) } else { (lo.min(0.0), lo.max(0.0) + 1.0) };
        let raw = (hi - lo) / target.max(1) as f64;
        let mag = 10f64.powf(raw.log10().floor());
        let norm = raw / mag;
        let nice = if norm <= 1.0 {
            1.0
        } else if norm <= 2.0 {
            2.0
        } else if norm <= 2.5 {
            2.5
        } else if norm <= 5.0 {
            5.0
        } else {
            10.0
        };
        let step = nice * mag;
        // Tolerance keeps a bound that is already a multiple from being pushed
        // out by a whole step through rounding error.
        let eps = step * 1e-9;
        let lo_t = ((lo + eps) / step).floor() * step;
        let hi_t = ((hi - eps) / step).ceil() * step;
        let decimals = if step >= 1.0 {
            0
        } else {
            // 2.5×10ⁿ needs one more digit than 10ⁿ.
            let d = (-step.log10().floor()) as usize;
            if (nice - 2.5).abs() < 1e-9 { d + 1 } else { d }
        };
        Self { lo: lo_t, hi: hi_t, step, decimals }
    }

    /// The tick values from `lo` to `hi`.
    pub(crate) fn values(&self) -> Vec<f64> {
        let n = ((self.hi - self.lo) / self.step).round() as i64;
        (0..=n.clamp(0, 1000)).map(|i| self.lo + i as f64 * self.step).collect()
    }
}

/// Formats a number with comma thousands separators, a true minus sign and a
/// fixed number of decimals: `1234567.0` → `1,234,567`.
pub(crate) fn format_number(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    let mut out = String::with_capacity(s.len() + 4);
    let negative = v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0');
    if negative {
        out.push('\u{2212}');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A tick on the time axis: its day number and label.
pub(crate) struct DateTick {
    pub(crate) day: i64,
    pub(crate) label: String,
}

/// Tick spacings tried for the time axis, finest first.
#[derive(Clone, Copy)]
enum Spacing {
    Days(i64),
    Months(i64),
}

/// Chooses the finest spacing whose labels fit side by side in `width`
/// pixels; `label_width` measures a label in pixels.
pub(crate) fn date_ticks(first: i64, last: i64, width: f32, label_width: impl Fn(&str) -> f32) -> Vec<DateTick> {
    let span = last - first;
    let candidates: &[Spacing] = if span <= 120 {
        &[Spacing::Days(1), Spacing::Days(2), Spacing::Days(7), Spacing::Days(14), Spacing::Months(1)]
    } else {
        &[
            Spacing::Months(1),
            Spacing::Months(2),
            Spacing::Months(3),
            Spacing::Months(6),
            Spacing::Months(12),
            Spacing::Months(24),
            Spacing::Months(60),
            Spacing::Months(120),
        ]
    };
    let mut fallback = Vec::new();
    for &spacing in candidates {
        let ticks = ticks_for(first, last, spacing);
        let needed: f32 = ticks.iter().map(|t| label_width(&t.label) * 1.4).sum();
        if needed <= width && !ticks.is_empty() {
            return ticks;
        }
        fallback = ticks;
    }
    fallback
}

fn ticks_for(first: i64, last: i64, spacing: Spacing) -> Vec<DateTick> {
    let mut out = Vec::new();
    match spacing {
        Spacing::Days(n) => {
            // Weekly and fortnightly ticks land on Mondays, which reads as a week.
            let start = if n >= 7 {
                let weekday = (first + 3).rem_euclid(7); // 0 = Monday
                if weekday == 0 { first } else { first + 7 - weekday }
            } else {
                first
            };
            let mut day = start;
            while day <= last {
                let (y, m, d) = civil_from_days(day);
                out.push(DateTick { day, label: format!("{y:04}-{m:02}-{d:02}") });
                day += n;
            }
        }
        Spacing::Months(n) => {
            let (y0, m0, d0) = civil_from_days(first);
            // Month index counted from year 0, starting at the first month
            // boundary at or after `first`.
            let mut idx = y0 * 12 + (m0 - 1) + i64::from(d0 > 1);
            let rem = idx.rem_euclid(n);
            if rem != 0 {
                idx += n - rem;
            }
            loop {
                let (y, m) = (idx.div_euclid(12), idx.rem_euclid(12) + 1);
                let day = days_from_civil(y, m, 1);
                if day > last {
                    break;
                }
                let label = if n % 12 == 0 { format!("{y:04}") } else { format!("{y:04}-{m:02}") };
                out.push(DateTick { day, label });
                idx += n;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(day_number(jiff::civil::date(1970, 1, 1)), 0);
        assert_eq!(day_number(jiff::civil::date(2022, 2, 24)), 19047);
        for z in [-800_000, -1, 0, 19047, 20_000, 2_000_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }

    #[test]
    fn numbers_have_separators() {
        assert_eq!(format_number(1_000_000.0, 0), "1,000,000");
        assert_eq!(format_number(750_000.0, 0), "750,000");
        assert_eq!(format_number(999.0, 0), "999");
        assert_eq!(format_number(-1234.5, 1), "\u{2212}1,234.5");
        assert_eq!(format_number(-0.0, 0), "0");
        assert_eq!(format_number(0.25, 2), "0.25");
    }

    #[test]
    fn nice_ticks_cover_range() {
        let t = ValueTicks::new(0.0, 1_456_610.0, 8);
        assert_eq!(t.lo, 0.0);
        assert!(t.hi >= 1_456_610.0);
        assert_eq!(t.step, 200_000.0);
        let t = ValueTicks::new(-120.0, 1500.0, 6);
        assert!(t.lo <= -120.0 && t.hi >= 1500.0);
        let t = ValueTicks::new(5.0, 5.0, 6);
        assert!(t.hi > t.lo);
    }

    #[test]
    fn month_ticks_start_on_boundaries() {
        let first = day_number(jiff::civil::date(2022, 3, 1));
        let last = day_number(jiff::civil::date(2026, 7, 31));
        let ticks = ticks_for(first, last, Spacing::Months(6));
        assert_eq!(ticks[0].label, "2022-07");
        assert_eq!(ticks.last().map(|t| t.label.as_str()), Some("2026-07"));
        let ticks = date_ticks(first, last, 1000.0, |s| s.len() as f32 * 8.0);
        assert!(ticks.len() >= 4 && ticks.len() <= 20, "{}", ticks.len());
    }
}
