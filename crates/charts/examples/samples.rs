//! Renders the sample charts to a directory (default `/tmp/charts-sample`)
//! so their looks can be checked by eye: `cargo run -p attrition-charts
//! --example samples [DIR]`. The values are made up but of realistic size.

use std::path::PathBuf;

use attrition_charts::{
    BandShade, CategoryBar, CategoryChart, Chart, DateMarker, Frame, LineEmphasis, RangeGroup, Threshold, TimeBand,
    TimeBar, TimeChart, TimeLine, TimeRange,
};
use jiff::ToSpan;
use jiff::civil::{Date, date};

/// Small deterministic generator so the samples are identical on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn footer() -> Vec<String> {
    vec![
        "Source: General Staff of the Armed Forces of Ukraine, daily reports (figures made up for this sample)".into(),
        "Convention: a day is the 24 hours to 07:00 Kyiv time; monthly totals are sums of daily increments".into(),
        "Data version: sample-2026-07-31".into(),
    ]
}

fn days(from: Date, to: Date) -> Vec<Date> {
    let mut out = vec![from];
    while let Some(&d) = out.last().filter(|d| **d < to) {
        match d.tomorrow() {
            Ok(next) => out.push(next),
            Err(_) => break,
        }
    }
    out
}

fn moving_average(values: &[(Date, f64)], window: usize) -> Vec<(Date, f64)> {
    values.windows(window).map(|w| (w[window - 1].0, w.iter().map(|(_, v)| v).sum::<f64>() / window as f64)).collect()
}

fn daily() -> Chart {
    let mut rng = Lcg(7);
    let mut values = Vec::new();
    for (i, d) in days(date(2024, 1, 1), date(2024, 12, 31)).into_iter().enumerate() {
        let trend = 850.0 + i as f64 * 1.6;
        let mut v = trend + (rng.next() - 0.5) * 500.0;
        if i == 200 {
            v = -40.0; // a correction day: the published total fell
        }
        values.push((d, v.round()));
    }
    let bars =
        values.iter().map(|&(d, v)| TimeBar { start: d, end: d, value: v, highlight: false, label: None }).collect();
    Chart::Time(TimeChart {
        frame: Frame {
            title: "Personnel losses per day, 2024".into(),
            x_label: "Date (Kyiv)".into(),
            y_label: "Personnel per day".into(),
            footer: footer(),
        },
        bars,
        lines: vec![
            TimeLine {
                name: "7-day average".into(),
                points: moving_average(&values, 7),
                emphasis: LineEmphasis::Secondary,
            },
            TimeLine {
                name: "30-day average".into(),
                points: moving_average(&values, 30),
                emphasis: LineEmphasis::Primary,
            },
        ],
        thresholds: vec![],
        bands: vec![],
        markers: vec![],
        ranges: Vec::new(),
        range_groups: Vec::new(),
    })
}

fn monthly() -> Chart {
    let mut rng = Lcg(11);
    let mut bars = Vec::new();
    let mut start = date(2022, 3, 1);
    while start <= date(2026, 7, 1) {
        let end = start.last_of_month();
        let idx = bars.len() as f64;
        let value = (30_000.0 + idx * 280.0 + (rng.next() - 0.5) * 6_000.0).round().min(49_000.0);
        bars.push(TimeBar { start, end, value, highlight: false, label: None });
        start = match start.checked_add(1.month()) {
            Ok(d) => d,
            Err(_) => break,
        };
    }
    let last = bars.len() - 1;
    bars[last - 2].value = 48_700.0;
    bars[last - 2].highlight = true;
    bars[last - 2].label = Some("2nd of 53".into());
    Chart::Time(TimeChart {
        frame: Frame {
            title: "Personnel losses per month, March 2022 – July 2026".into(),
            x_label: "Month".into(),
            y_label: "Personnel per month".into(),
            footer: footer(),
        },
        bars,
        lines: vec![],
        thresholds: vec![],
        bands: vec![],
        markers: vec![],
        ranges: Vec::new(),
        range_groups: Vec::new(),
    })
}

fn cumulative() -> Chart {
    let all = days(date(2022, 2, 25), date(2026, 7, 31));
    let n = all.len() as f64;
    let points = all
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let t = i as f64 / (n - 1.0);
            (d, (1_456_610.0 * (0.35 * t + 0.65 * t * t)).round())
        })
        .collect();
    Chart::Time(TimeChart {
        frame: Frame {
            title: "Особовий склад — втрати (cumulative personnel losses)".into(),
            x_label: String::new(),
            y_label: "Personnel, cumulative".into(),
            footer: footer(),
        },
        bars: vec![],
        lines: vec![TimeLine { name: "Total personnel losses".into(), points, emphasis: LineEmphasis::Primary }],
        thresholds: vec![
            Threshold { value: 750_000.0, label: "750,000".into() },
            Threshold { value: 1_000_000.0, label: "1,000,000".into() },
            Threshold { value: 1_500_000.0, label: "1,500,000".into() },
        ],
        bands: vec![],
        markers: vec![],
        ranges: Vec::new(),
        range_groups: Vec::new(),
    })
}

/// A forecast fan: the cumulative count to the as-of date, its median
/// projection with 80% and 95% bands, a round total it is expected to
/// cross, and what was then recorded (here a little above the forecast).
fn fan() -> Chart {
    let as_of = date(2024, 9, 28);
    let mut rng = Lcg(3);
    let mut total = 519_000.0;
    let mut recorded = Vec::new();
    for d in days(date(2024, 6, 1), date(2024, 12, 31)) {
        // Losses ran a little above the forecast after the as-of date.
        total += if d > as_of { 1_470.0 } else { 1_215.0 } + (rng.next() - 0.5) * 600.0;
        recorded.push((d, total.round()));
    }
    let start = recorded.iter().take_while(|p| p.0 <= as_of).last().map_or(0.0, |p| p.1);
    // Median at 1,355 a day; the spread grows a little faster than √h.
    let mut median = Vec::new();
    let (mut inner, mut outer) = (Vec::new(), Vec::new());
    for (h, d) in days(as_of, date(2025, 1, 31)).into_iter().enumerate() {
        let h = h as f64;
        let mid = start + 1_355.0 * h;
        let sd = 1_500.0 * h.sqrt() + 60.0 * h;
        median.push((d, mid.round()));
        inner.push((d, mid - 1.2816 * sd, mid + 1.2816 * sd));
        outer.push((d, mid - 1.96 * sd, mid + 1.96 * sd));
    }
    let crossing = median.iter().find(|p| p.1 >= 750_000.0).map_or(as_of, |p| p.0);
    let actual = recorded.iter().find(|p| p.1 >= 750_000.0).map_or(as_of, |p| p.0);
    Chart::Time(TimeChart {
        frame: Frame {
            title: "Personnel losses: when will the total reach 750,000? (forecast as of 2024-09-28)".into(),
            x_label: String::new(),
            y_label: "Personnel, cumulative".into(),
            footer: footer(),
        },
        bars: vec![],
        lines: vec![
            TimeLine { name: "Recorded".into(), points: recorded, emphasis: LineEmphasis::Primary },
            TimeLine { name: "Forecast (median)".into(), points: median, emphasis: LineEmphasis::Forecast },
        ],
        thresholds: vec![
            Threshold { value: 700_000.0, label: "700,000".into() },
            Threshold { value: 750_000.0, label: "750,000".into() },
        ],
        bands: vec![
            TimeBand { name: "80% prediction interval".into(), points: inner, shade: BandShade::Inner },
            TimeBand { name: "95% prediction interval".into(), points: outer, shade: BandShade::Outer },
        ],
        markers: vec![
            DateMarker { date: as_of, label: format!("as of {as_of}") },
            DateMarker { date: crossing, label: format!("crossing (median) {crossing}") },
            DateMarker { date: actual, label: format!("actual crossing {actual}") },
        ],
        ranges: Vec::new(),
        range_groups: Vec::new(),
    })
}

/// Published assessments against the running total of the daily reports:
/// estimates of the killed and of all casualties as ranges (most with a
/// best value), and counts of deaths confirmed by name as single values,
/// at scattered dates, some on the same day.
fn assessments() -> Chart {
    let start = date(2022, 2, 24);
    let all = days(start, date(2026, 6, 30));
    let n = all.len() as f64;
    let total = |i: f64| (1_400_000.0 * (0.3 * i / (n - 1.0) + 0.7 * (i / (n - 1.0)).powi(2))).round();
    let points: Vec<(Date, f64)> = all.iter().enumerate().skip(10).map(|(i, &d)| (d, total(i as f64))).collect();
    let mut rng = Lcg(5);
    let mut ranges = Vec::new();
    // (group, how many, share of the total: low, best, high)
    let kinds: [(usize, usize, (f64, f64, f64)); 3] =
        [(0, 22, (0.20, 0.27, 0.36)), (1, 22, (0.74, 0.92, 1.12)), (2, 16, (0.10, 0.10, 0.10))];
    for (group, count, (low, best, high)) in kinds {
        for k in 0..count {
            // Spread over the years, jittered, a little denser lately.
            let t = ((k as f64 + 0.3 + 0.6 * rng.next()) / count as f64).powf(0.85);
            let mut i = (60.0 + t * (n - 90.0)) as usize;
            // Every fourth casualty estimate comes with a killed estimate of the same day.
            if group == 1 && k % 4 == 1 {
                i = ranges
                    .iter()
                    .filter(|r: &&TimeRange| r.group == 0)
                    .nth(k)
                    .map_or(i, |r| usize::try_from((r.date - start).get_days()).unwrap_or(i));
            }
            let d = all[i.min(all.len() - 1)];
            let v = total(i as f64);
            let wobble = 1.0 + (rng.next() - 0.5) * 0.16;
            let spread = 0.7 + rng.next() * 0.6;
            let (mut lo, mut hi) =
                (v * (best - (best - low) * spread) * wobble, v * (best + (high - best) * spread) * wobble);
            let mut mid = Some(v * best * wobble);
            if group == 2 {
                (lo, hi, mid) = (lo.round(), lo.round(), None);
            } else if k % 5 == 2 {
                mid = None; // a range without a best value
            }
            ranges.push(TimeRange { date: d, low: lo.round(), best: mid.map(f64::round), high: hi.round(), group });
        }
    }
    Chart::Time(TimeChart {
        frame: Frame {
            title: "Personnel losses: daily reports against published assessments, 2022–2026".into(),
            x_label: String::new(),
            y_label: "Personnel, cumulative".into(),
            footer: vec![
                "Sources: General Staff daily reports; assessments by governments, agencies and researchers (figures made up for this sample)".into(),
                "Bars show each assessment's range; dots its best value where given. Named deaths: deaths confirmed by name.".into(),
                "Data version: sample-2026-07-31".into(),
            ],
        },
        bars: vec![],
        lines: vec![TimeLine { name: "Daily reports, cumulative".into(), points, emphasis: LineEmphasis::Primary }],
        thresholds: vec![],
        bands: vec![],
        markers: vec![],
        ranges,
        range_groups: vec![
            RangeGroup { name: "killed (estimates)".into() },
            RangeGroup { name: "casualties (estimates)".into() },
            RangeGroup { name: "named deaths".into() },
        ],
    })
}

fn categories() -> Chart {
    let items: [(&str, f64); 14] = [
        ("Artillery systems", 33_412.0),
        ("Unmanned aerial vehicles", 31_870.0),
        ("Vehicles and fuel tanks", 29_950.0),
        ("Armoured combat vehicles", 22_104.0),
        ("Tanks", 10_923.0),
        ("Special equipment", 3_867.0),
        ("Multiple rocket launchers", 1_425.0),
        ("Air defence systems", 1_166.0),
        ("Cruise missiles", 3_051.0),
        ("Aircraft", 369.0),
        ("Helicopters", 331.0),
        ("Warships / boats", 28.0),
        ("Submarines", 1.0),
        ("Operational-tactical UAV (legacy series)", 0.0),
    ];
    let total: f64 = items.iter().map(|(_, v)| v).sum();
    let bars = items
        .iter()
        .map(|&(label, v)| CategoryBar {
            label: label.into(),
            value: 100.0 * v / total,
            value_label: format!("{:.1}% ({})", 100.0 * v / total, thousands(v as u64)),
        })
        .collect();
    Chart::Categories(CategoryChart {
        frame: Frame {
            title: "Equipment losses by category, share of all items".into(),
            x_label: "Share of equipment losses (%)".into(),
            y_label: String::new(),
            footer: footer(),
        },
        bars,
    })
}

fn thousands(v: u64) -> String {
    let s = v.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).map_or_else(|| PathBuf::from("/tmp/charts-sample"), PathBuf::from);
    std::fs::create_dir_all(&dir)?;
    let (w, h) = std::env::var("CHART_SIZE")
        .ok()
        .and_then(|s| s.split_once('x').and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?))))
        .unwrap_or((1200, 675));
    for (name, chart) in [
        ("daily", daily()),
        ("monthly", monthly()),
        ("cumulative", cumulative()),
        ("fan", fan()),
        ("assessments", assessments()),
        ("categories", categories()),
    ] {
        for ext in ["png", "svg"] {
            let path = dir.join(format!("{name}.{ext}"));
            let started = std::time::Instant::now();
            attrition_charts::write(&chart, &path, w, h)?;
            println!("{} ({} bytes, {:?})", path.display(), std::fs::metadata(&path)?.len(), started.elapsed());
        }
    }
    Ok(())
}
