//! End-to-end checks of rendering and writing charts: file signatures and
//! sizes, font independence of SVG, Cyrillic text, forecast fans, error
//! bars, determinism and errors.

use std::path::Path;

use attrition_charts::{
    BandShade, CategoryBar, CategoryChart, Chart, ChartError, DateMarker, Frame, LineEmphasis, OutputFormat,
    RangeGroup, Threshold, TimeBand, TimeBar, TimeChart, TimeLine, TimeRange, render, write,
};
use jiff::ToSpan;
use jiff::civil::{Date, date};

const W: u32 = 1200;
const H: u32 = 675;

fn frame(title: &str) -> Frame {
    Frame {
        title: title.into(),
        x_label: "Date".into(),
        y_label: "Personnel".into(),
        footer: vec!["Source: test".into(), "Data version: test-1".into()],
    }
}

fn day(i: i64) -> Date {
    date(2024, 1, 1).checked_add(i.days()).unwrap_or_else(|e| panic!("{e}"))
}

fn daily_chart(title: &str) -> Chart {
    let values: Vec<(Date, f64)> = (0..120).map(|i| (day(i), 1000.0 + ((i * 37) % 500) as f64)).collect();
    let bars = values
        .iter()
        .map(|&(d, v)| TimeBar {
            start: d,
            end: d,
            value: if d == day(50) { -30.0 } else { v },
            highlight: false,
            label: None,
        })
        .collect();
    let avg: Vec<(Date, f64)> = values.windows(7).map(|w| (w[6].0, w.iter().map(|p| p.1).sum::<f64>() / 7.0)).collect();
    Chart::Time(TimeChart {
        frame: frame(title),
        bars,
        lines: vec![TimeLine { name: "7-day average".into(), points: avg, emphasis: LineEmphasis::Secondary }],
        thresholds: vec![],
        bands: vec![],
        markers: vec![],
        ranges: Vec::new(),
        range_groups: Vec::new(),
    })
}

fn monthly_chart() -> Chart {
    let bars = (0..24)
        .map(|i| {
            let start = date(2022, 3, 1).checked_add(i.months()).unwrap_or_else(|e| panic!("{e}"));
            TimeBar {
                start,
                end: start.last_of_month(),
                value: 30_000.0 + f64::from(i) * 700.0,
                highlight: i == 20,
                label: (i == 20).then(|| "2nd of 24".to_string()),
            }
        })
        .collect();
    Chart::Time(TimeChart {
        frame: frame("Monthly"),
        bars,
        lines: vec![],
        thresholds: vec![],
        bands: vec![],
        markers: vec![],
        ranges: Vec::new(),
        range_groups: Vec::new(),
    })
}

fn cumulative_chart() -> Chart {
    let points = (0..800).map(|i| (day(i), i as f64 * 1_820.0)).collect();
    Chart::Time(TimeChart {
        frame: frame("Cumulative"),
        bars: vec![],
        lines: vec![TimeLine { name: "Total".into(), points, emphasis: LineEmphasis::Primary }],
        thresholds: [750_000.0, 1_000_000.0, 1_500_000.0]
            .into_iter()
            .map(|v| Threshold { value: v, label: format!("{v}") })
            .collect(),
        bands: vec![],
        markers: vec![],
        ranges: Vec::new(),
        range_groups: Vec::new(),
    })
}

/// Colours the bands are drawn in (opaque, pre-blended on white).
const BAND_INNER: (u8, u8, u8) = (0xc8, 0xb4, 0xdc);
const BAND_OUTER: (u8, u8, u8) = (0xe9, 0xe1, 0xf1);
const MARKER: (u8, u8, u8) = (0x80, 0x80, 0x80);
const PRIMARY: (u8, u8, u8) = (0x1b, 0x36, 0x6b);

/// A cumulative count to day 200, then a median forecast with 80% and 95%
/// bands to day 320, a threshold and three markers, two of them 5 days apart.
fn fan_chart() -> Chart {
    let history: Vec<(Date, f64)> = (0..=200).map(|i| (day(i), 400_000.0 + i as f64 * 1_300.0)).collect();
    let start = 400_000.0 + 200.0 * 1_300.0;
    let median: Vec<(Date, f64)> = (0..=120).map(|h| (day(200 + h), start + h as f64 * 1_350.0)).collect();
    let band = |z: f64| {
        median
            .iter()
            .enumerate()
            .map(|(h, &(d, m))| {
                let sd = 1_500.0 * (h as f64).sqrt() + 60.0 * h as f64;
                (d, m - z * sd, m + z * sd)
            })
            .collect()
    };
    Chart::Time(TimeChart {
        frame: frame("Forecast"),
        bars: vec![],
        lines: vec![
            TimeLine { name: "Recorded".into(), points: history, emphasis: LineEmphasis::Primary },
            TimeLine { name: "Forecast (median)".into(), points: median.clone(), emphasis: LineEmphasis::Forecast },
        ],
        thresholds: vec![Threshold { value: 750_000.0, label: "750,000".into() }],
        bands: vec![
            TimeBand { name: "80% band".into(), points: band(1.2816), shade: BandShade::Inner },
            TimeBand { name: "95% band".into(), points: band(1.96), shade: BandShade::Outer },
        ],
        markers: vec![
            DateMarker { date: day(200), label: format!("as of {}", day(200)) },
            DateMarker { date: day(270), label: format!("crossing (median) {}", day(270)) },
            DateMarker { date: day(265), label: format!("actual crossing {}", day(265)) },
        ],
        ranges: Vec::new(),
        range_groups: Vec::new(),
    })
}

/// Colours of the first four range groups.
const RANGE_COLORS: [(u8, u8, u8); 4] =
    [(0xcc, 0x33, 0x11), (0x00, 0x99, 0x88), (0x77, 0x55, 0xcc), (0xee, 0x33, 0x77)];

/// A cumulative line over about four years and 120 ranges in three groups
/// (ranges with a best value, ranges without, single values), some on the
/// same day; a fourth group has no ranges.
fn assessments_chart() -> Chart {
    let points: Vec<(Date, f64)> = (0..1500).map(|i| (day(i), 200_000.0 + i as f64 * 800.0)).collect();
    let ranges = (0..120)
        .map(|k| {
            let i = (k * 97) % 1480 + 10;
            let v = 200_000.0 + i as f64 * 800.0;
            let group = (k % 3) as usize;
            let (low, best, high) = match group {
                0 => (v * 0.2, Some(v * 0.27), v * 0.35),
                1 => (v * 0.8, (k % 2 == 0).then_some(v * 0.95), v * 1.15),
                _ => (v * 0.1, None, v * 0.1),
            };
            TimeRange { date: day(i), low, best, high, group }
        })
        .collect();
    Chart::Time(TimeChart {
        frame: frame("Assessments"),
        lines: vec![TimeLine { name: "Daily reports".into(), points, emphasis: LineEmphasis::Primary }],
        ranges,
        range_groups: ["killed (estimates)", "casualties (estimates)", "named deaths", "unused"]
            .into_iter()
            .map(|name| RangeGroup { name: name.into() })
            .collect(),
        ..TimeChart::default()
    })
}

fn category_chart() -> Chart {
    let bars = (0..14)
        .map(|i| CategoryBar {
            label: format!("Category {i}"),
            value: f64::from(14 - i) * 2.5,
            value_label: format!("{:.1}% ({})", f64::from(14 - i) * 2.5, (14 - i) * 1000),
        })
        .collect();
    Chart::Categories(CategoryChart { frame: frame("Categories"), bars })
}

fn all_charts() -> Vec<(&'static str, Chart)> {
    vec![
        ("daily", daily_chart("Daily")),
        ("monthly", monthly_chart()),
        ("cumulative", cumulative_chart()),
        ("fan", fan_chart()),
        ("assessments", assessments_chart()),
        ("categories", category_chart()),
    ]
}

fn render_ok(chart: &Chart, format: OutputFormat, w: u32, h: u32) -> Vec<u8> {
    render(chart, format, w, h).unwrap_or_else(|e| panic!("render failed: {e}"))
}

/// Decodes a PNG into (width, height, RGB bytes).
fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().unwrap_or_else(|e| panic!("not a PNG: {e}"));
    let mut buf = vec![0; reader.output_buffer_size().unwrap_or(0)];
    let info = reader.next_frame(&mut buf).unwrap_or_else(|e| panic!("bad PNG: {e}"));
    assert_eq!(info.color_type, png::ColorType::Rgb);
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

#[test]
fn every_kind_renders_to_png_of_requested_size() {
    for (name, chart) in all_charts() {
        for (w, h) in [(W, H), (640, 360), (320, 200)] {
            let bytes = render_ok(&chart, OutputFormat::Png, w, h);
            assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "{name}: PNG signature");
            let (dw, dh, rgb) = decode(&bytes);
            assert_eq!((dw, dh), (w, h), "{name}");
            let first = &rgb[..3];
            assert!(rgb.chunks(3).any(|p| p != first), "{name} {w}x{h}: image is a single colour");
        }
    }
}

#[test]
fn every_kind_renders_to_svg_without_text_elements() {
    for (name, chart) in all_charts() {
        let bytes = render_ok(&chart, OutputFormat::Svg, W, H);
        let svg = String::from_utf8(bytes).unwrap_or_else(|e| panic!("{name}: not UTF-8: {e}"));
        assert!(svg.starts_with("<svg") || svg.starts_with("<?xml"), "{name}");
        assert!(svg.contains(&format!("width=\"{W}\"")), "{name}: width");
        assert!(svg.contains(&format!("height=\"{H}\"")), "{name}: height");
        assert!(!svg.contains("<text"), "{name}: text must be outlines");
        assert!(svg.contains("<use xlink:href=\"#g"), "{name}: glyphs placed");
        assert!(svg.trim_end().ends_with("</svg>"), "{name}: closed");
        // Every referenced glyph is defined.
        for reference in svg.split("xlink:href=\"#").skip(1) {
            let id = reference.split('"').next().unwrap_or_default();
            assert!(svg.contains(&format!("<path id=\"{id}\"")), "{name}: glyph {id} undefined");
        }
    }
}

/// Pixels of the top band, where the title is drawn.
fn title_band(chart: &Chart) -> Vec<u8> {
    let (w, _, rgb) = decode(&render_ok(chart, OutputFormat::Png, W, H));
    rgb[..(w as usize * 3 * 45)].to_vec()
}

#[test]
fn cyrillic_title_is_drawn() {
    let with = title_band(&daily_chart("Особовий склад — втрати"));
    let without = title_band(&daily_chart(""));
    assert_ne!(with, without);
    // Dark title pixels, not just a shifted layout.
    let dark = with.chunks(3).filter(|p| p.iter().all(|&c| c < 0x60)).count();
    assert!(dark > 300, "only {dark} dark pixels in the title band");
}

#[test]
fn rendering_is_deterministic() {
    for (name, chart) in all_charts() {
        for format in [OutputFormat::Png, OutputFormat::Svg] {
            let a = render_ok(&chart, format, W, H);
            let b = render_ok(&chart, format, W, H);
            assert!(a == b, "{name} {format:?} differs between runs");
        }
    }
}

#[test]
fn negative_bar_is_drawn_below_zero() {
    let bar = |i: i64, v: f64| TimeBar { start: day(i), end: day(i), value: v, highlight: false, label: None };
    let chart = Chart::Time(TimeChart {
        frame: Frame::default(),
        bars: vec![bar(0, 1000.0), bar(1, -500.0), bar(2, 800.0)],
        lines: vec![],
        thresholds: vec![],
        bands: vec![],
        markers: vec![],
        ranges: Vec::new(),
        range_groups: Vec::new(),
    });
    let (w, h, rgb) = decode(&render_ok(&chart, OutputFormat::Png, W, H));
    let px = |x: u32, y: u32| {
        let i = (y as usize * w as usize + x as usize) * 3;
        (rgb[i], rgb[i + 1], rgb[i + 2])
    };
    // The zero line is the only full-width dark rule inside the plot.
    let zero_y = (0..h)
        .find(|&y| (w / 4..w * 3 / 4).all(|x| px(x, y) == (0x33, 0x33, 0x33)))
        .unwrap_or_else(|| panic!("no zero line"));
    let bar_colour = (0x4e, 0x79, 0xa7);
    let above = (0..zero_y).any(|y| (0..w).any(|x| px(x, y) == bar_colour));
    let below = (zero_y + 1..h).any(|y| (0..w).any(|x| px(x, y) == bar_colour));
    assert!(above && below, "bars above: {above}, below: {below}");
}

/// How many pixels have exactly the colour `c`, in the columns `xs`.
fn count(rgb: &[u8], w: u32, xs: std::ops::Range<u32>, c: (u8, u8, u8)) -> usize {
    rgb.chunks(3)
        .enumerate()
        .filter(|(i, p)| xs.contains(&((*i % w as usize) as u32)) && (p[0], p[1], p[2]) == c)
        .count()
}

/// The first row with a pixel of colour `c` in the columns `xs`.
fn top_row(rgb: &[u8], w: u32, xs: std::ops::Range<u32>, c: (u8, u8, u8)) -> Option<u32> {
    rgb.chunks(3)
        .enumerate()
        .find(|(i, p)| xs.contains(&((*i % w as usize) as u32)) && (p[0], p[1], p[2]) == c)
        .map(|(i, _)| (i / w as usize) as u32)
}

/// The most pixels of colour `c` in any one column.
fn longest_column(rgb: &[u8], w: u32, h: u32, c: (u8, u8, u8)) -> usize {
    (0..w)
        .map(|x| {
            (0..h)
                .filter(|&y| {
                    let i = (y * w + x) as usize * 3;
                    (rgb[i], rgb[i + 1], rgb[i + 2]) == c
                })
                .count()
        })
        .max()
        .unwrap_or(0)
}

/// A minimal well-formedness check: every tag is closed, in order.
fn assert_balanced_xml(svg: &str) {
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = svg;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let close =
            after.find('>').unwrap_or_else(|| panic!("unterminated tag near {:?}", &after[..40.min(after.len())]));
        let tag = &after[..close];
        rest = &after[close + 1..];
        if tag.starts_with('?') || tag.starts_with('!') {
            continue;
        }
        let name = tag.trim_start_matches('/').split(|c: char| c.is_whitespace() || c == '/').next().unwrap_or("");
        assert!(!name.is_empty(), "empty tag name in <{tag}>");
        if let Some(closing) = tag.strip_prefix('/') {
            assert_eq!(stack.pop(), Some(closing.trim()), "mismatched </{closing}>");
        } else if !tag.ends_with('/') {
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "unclosed tags: {stack:?}");
}

#[test]
fn forecast_fan_renders_bands_markers_and_legend() {
    let chart = fan_chart();
    let (w, h, rgb) = decode(&render_ok(&chart, OutputFormat::Png, W, H));
    assert_eq!((w, h), (W, H));
    // Bands fill the right part of the plot: both shades, in quantity.
    let inner = count(&rgb, w, W / 2..W, BAND_INNER);
    let outer = count(&rgb, w, W / 2..W, BAND_OUTER);
    assert!(inner > 3_000 && outer > 1_500, "band pixels: inner {inner}, outer {outer}");
    // Their legend swatches sit under the title, left of the plot's middle.
    let legend: Vec<u8> = rgb[(w as usize * 3 * 40)..(w as usize * 3 * 80)].to_vec();
    assert!(count(&legend, w, 0..W / 2, BAND_INNER) > 100, "no inner band swatch in the legend");
    assert!(count(&legend, w, 0..W / 2, BAND_OUTER) > 100, "no outer band swatch in the legend");
    // A dashed marker line: a column with marker-grey pixels over much of the height.
    let best = longest_column(&rgb, w, h, MARKER);
    assert!(best > H as usize / 4, "no marker line (longest grey column {best} px)");

    // Without bands and markers none of those colours appear.
    let mut bare = chart.clone();
    if let Chart::Time(t) = &mut bare {
        t.bands.clear();
        t.markers.clear();
    }
    let (_, _, plain) = decode(&render_ok(&bare, OutputFormat::Png, W, H));
    for c in [BAND_INNER, BAND_OUTER] {
        assert_eq!(count(&plain, w, 0..W, c), 0, "{c:?} without bands");
    }
    let plain_best = longest_column(&plain, w, h, MARKER);
    assert!(plain_best < H as usize / 8, "grey column without markers: {plain_best}");

    let svg = String::from_utf8(render_ok(&chart, OutputFormat::Svg, W, H)).unwrap_or_else(|e| panic!("{e}"));
    assert!(svg.starts_with("<svg") || svg.starts_with("<?xml"));
    assert!(svg.contains(&format!("width=\"{W}\"")) && svg.contains(&format!("height=\"{H}\"")));
    assert_balanced_xml(&svg);
    assert!(svg.contains("<path id=\"g"), "glyph outlines");
    assert!(!svg.contains("<text"), "text must be outlines");
    for fill in ["#C8B4DC", "#E9E1F1"] {
        // Once in the plot, once in the legend.
        let n = svg.matches(&format!("fill=\"{fill}\"")).count();
        assert!(n >= 2, "{fill} used {n} times");
    }
    assert!(svg.matches("<polygon").count() >= 2, "band polygons");
    // The forecast median is dashed: many short polylines in its colour.
    assert!(svg.matches("stroke=\"#6A3D9A\"").count() > 10, "dashed forecast line");
}

#[test]
fn bands_extend_the_value_axis() {
    // The line stays under 100; the band reaches 1,000.
    let line: Vec<(Date, f64)> = (0..60).map(|i| (day(i), i as f64 * 100.0 / 59.0)).collect();
    let band: Vec<(Date, f64, f64)> =
        (59..120).map(|i| (day(i), 100.0 + (i - 59) as f64, 100.0 + (i - 59) as f64 * 900.0 / 60.0)).collect();
    let chart = Chart::Time(TimeChart {
        frame: Frame::default(),
        lines: vec![TimeLine { name: "a".into(), points: line, emphasis: LineEmphasis::Primary }],
        bands: vec![TimeBand { name: "b".into(), points: band, shade: BandShade::Inner }],
        ..TimeChart::default()
    });
    let (w, h, rgb) = decode(&render_ok(&chart, OutputFormat::Png, W, H));
    // The band (right half) rises to near the top of the plot...
    let band_top = top_row(&rgb, w, W / 2 + 20..W, BAND_INNER).unwrap_or(h);
    assert!(band_top < H / 4, "band tops out at row {band_top}");
    // ...and the line (left half, clear of the legend) stays low.
    let line_top = top_row(&rgb, w, 200..W / 2, PRIMARY).unwrap_or(0);
    assert!(line_top > H * 3 / 4, "line tops out at row {line_top}: the axis did not widen for the band");
}

#[test]
fn markers_far_outside_the_data_are_ignored_near_ones_widen_the_range() {
    let base = fan_chart();
    let with = |date: Date| {
        let mut chart = base.clone();
        if let Chart::Time(t) = &mut chart {
            t.markers.push(DateMarker { date, label: "extra".into() });
        }
        render_ok(&chart, OutputFormat::Png, W, H)
    };
    let plain = render_ok(&base, OutputFormat::Png, W, H);
    // Ten years on: left out rather than squashing the data.
    assert!(with(day(3650)) == plain, "a far marker changed the chart");
    assert!(with(day(-3650)) == plain, "a far marker changed the chart");
    // Just past the data: the range widens, so the chart changes.
    assert!(with(day(340)) != plain, "a near marker was not drawn");
}

#[test]
fn ranges_are_drawn_in_their_group_colours() {
    let chart = assessments_chart();
    let (w, h, rgb) = decode(&render_ok(&chart, OutputFormat::Png, W, H));
    assert_eq!((w, h), (W, H));
    // Below the legend: the plot holds every group's bars and dots.
    let plot: Vec<u8> = rgb[(w as usize * 3 * 90)..].to_vec();
    for (group, c) in RANGE_COLORS[..3].iter().enumerate() {
        let n = count(&plot, w, 0..W, *c);
        assert!(n > 1_000, "group {group}: only {n} pixels of {c:?} in the plot");
    }
    // Each group in use has a legend key; the unused fourth one has none.
    let legend: Vec<u8> = rgb[(w as usize * 3 * 40)..(w as usize * 3 * 80)].to_vec();
    for (group, c) in RANGE_COLORS[..3].iter().enumerate() {
        assert!(count(&legend, w, 0..W, *c) > 20, "group {group}: no legend key");
    }
    assert_eq!(count(&rgb, w, 0..W, RANGE_COLORS[3]), 0, "the unused group was drawn");

    // Without ranges none of those colours appear.
    let mut bare = chart.clone();
    if let Chart::Time(t) = &mut bare {
        t.ranges.clear();
    }
    let (_, _, plain) = decode(&render_ok(&bare, OutputFormat::Png, W, H));
    for c in RANGE_COLORS {
        assert_eq!(count(&plain, w, 0..W, c), 0, "{c:?} without ranges");
    }

    let svg = String::from_utf8(render_ok(&chart, OutputFormat::Svg, W, H)).unwrap_or_else(|e| panic!("{e}"));
    assert_balanced_xml(&svg);
    assert!(!svg.contains("<text"), "text must be outlines");
    // 40 ranges a group: a bar and two caps (and maybe a dot) each, or a dot.
    for (fill, least) in [("#CC3311", 120), ("#009988", 120), ("#7755CC", 40)] {
        let n = svg.matches(&format!("fill=\"{fill}\"")).count();
        assert!(n > least, "{fill} used {n} times");
    }
    assert!(!svg.contains("#EE3377"), "the unused group was drawn");
    assert!(svg.matches("<circle").count() >= 20, "round dots of the first group");
}

#[test]
fn ranges_extend_the_value_and_time_axes() {
    // The line stays under 100 over days 0..60; one range reaches 1,000,
    // another lies at day 119.
    let line: Vec<(Date, f64)> = (0..60).map(|i| (day(i), i as f64 * 100.0 / 59.0)).collect();
    let chart = Chart::Time(TimeChart {
        lines: vec![TimeLine { name: "a".into(), points: line, emphasis: LineEmphasis::Primary }],
        ranges: vec![
            TimeRange { date: day(30), low: 900.0, best: Some(950.0), high: 1_000.0, group: 0 },
            TimeRange { date: day(119), low: 10.0, best: None, high: 20.0, group: 0 },
        ],
        range_groups: vec![RangeGroup { name: "estimates".into() }],
        ..TimeChart::default()
    });
    let (w, h, rgb) = decode(&render_ok(&chart, OutputFormat::Png, W, H));
    let red = RANGE_COLORS[0];
    // The high range sits near the top of the plot...
    let range_top = top_row(&rgb, w, 200..W, red).unwrap_or(h);
    assert!(range_top < H / 4, "range tops out at row {range_top}");
    // ...and the line stays low, ending in the left half of the plot.
    let line_top = top_row(&rgb, w, 200..W, PRIMARY).unwrap_or(0);
    assert!(line_top > H * 3 / 4, "line tops out at row {line_top}: the axis did not widen for the range");
    let line_right = (0..w).rev().find(|&x| count(&rgb, w, x..x + 1, PRIMARY) > 0 && x > 200).unwrap_or(W);
    assert!(line_right < W * 6 / 10, "line reaches column {line_right}: the time axis did not widen");
}

#[test]
fn ranges_in_unknown_groups_are_rejected() {
    let mut chart = assessments_chart();
    if let Chart::Time(t) = &mut chart {
        t.ranges[7].group = 4;
    }
    for format in [OutputFormat::Png, OutputFormat::Svg] {
        match render(&chart, format, W, H) {
            Err(e @ ChartError::UnknownRangeGroup { group: 4, groups: 4, .. }) => {
                let msg = e.to_string();
                assert!(msg.contains("range group 4") && msg.contains("has 4 range groups"), "{msg}");
            }
            other => panic!("expected UnknownRangeGroup, got {:?}", other.map(|bytes| bytes.len())),
        }
    }
    // No groups at all: the first range is already wrong.
    let chart = Chart::Time(TimeChart {
        ranges: vec![TimeRange { date: day(3), low: 1.0, best: None, high: 2.0, group: 0 }],
        ..TimeChart::default()
    });
    let err = render(&chart, OutputFormat::Png, W, H);
    assert!(matches!(err, Err(ChartError::UnknownRangeGroup { group: 0, groups: 0, .. })), "{err:?}");
}

#[test]
fn format_follows_extension() {
    let ok = |p: &str| OutputFormat::from_path(Path::new(p)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ok("a.png"), OutputFormat::Png);
    assert_eq!(ok("dir/a.PNG"), OutputFormat::Png);
    assert_eq!(ok("a.Svg"), OutputFormat::Svg);
    for bad in ["a.jpg", "a", "png", "a.png.txt"] {
        match OutputFormat::from_path(Path::new(bad)) {
            Err(e @ ChartError::UnsupportedExtension { .. }) => {
                assert!(e.to_string().contains(bad), "error should name {bad}: {e}");
            }
            other => panic!("{bad}: {other:?}"),
        }
    }
}

#[test]
fn empty_charts_are_rejected() {
    let empty_time = Chart::Time(TimeChart {
        lines: vec![TimeLine { name: "none".into(), points: vec![], emphasis: LineEmphasis::Primary }],
        ..TimeChart::default()
    });
    let empty_categories = Chart::Categories(CategoryChart::default());
    for chart in [empty_time, empty_categories] {
        let err = render(&chart, OutputFormat::Png, W, H);
        assert!(matches!(err, Err(ChartError::Empty(_))), "{err:?}");
        assert!(err.map_err(|e| e.to_string()).err().unwrap_or_default().contains("nothing to draw"));
    }
}

#[test]
fn non_finite_values_are_rejected() {
    let mut bar_nan = monthly_chart();
    if let Chart::Time(t) = &mut bar_nan {
        t.bars[3].value = f64::NAN;
    }
    let mut line_inf = cumulative_chart();
    if let Chart::Time(t) = &mut line_inf {
        t.lines[0].points[10].1 = f64::INFINITY;
    }
    let mut threshold_nan = cumulative_chart();
    if let Chart::Time(t) = &mut threshold_nan {
        t.thresholds[0].value = f64::NAN;
    }
    let mut band_nan = fan_chart();
    if let Chart::Time(t) = &mut band_nan {
        t.bands[1].points[5].2 = f64::NAN;
    }
    let mut range_nan = assessments_chart();
    if let Chart::Time(t) = &mut range_nan {
        t.ranges[4].best = Some(f64::NAN);
    }
    let mut range_inf = assessments_chart();
    if let Chart::Time(t) = &mut range_inf {
        t.ranges[5].high = f64::INFINITY;
    }
    let mut category_nan = category_chart();
    if let Chart::Categories(c) = &mut category_nan {
        c.bars[0].value = f64::NEG_INFINITY;
    }
    for chart in [bar_nan, line_inf, threshold_nan, band_nan, range_nan, range_inf, category_nan] {
        for format in [OutputFormat::Png, OutputFormat::Svg] {
            let err = render(&chart, format, W, H);
            assert!(matches!(err, Err(ChartError::NonFinite { .. })), "{err:?}");
        }
    }
}

#[test]
fn bar_ending_before_it_starts_is_rejected() {
    let chart = Chart::Time(TimeChart {
        bars: vec![TimeBar { start: day(5), end: day(4), value: 1.0, highlight: false, label: None }],
        ..TimeChart::default()
    });
    assert!(matches!(render(&chart, OutputFormat::Png, W, H), Err(ChartError::BarSpan { .. })));
}

#[test]
fn sizes_out_of_range_are_rejected() {
    let chart = monthly_chart();
    for (w, h) in [(0, 0), (319, 200), (320, 199), (8001, 600), (800, 8001)] {
        let err = render(&chart, OutputFormat::Png, w, h);
        assert!(matches!(err, Err(ChartError::Size { .. })), "{w}x{h}: {err:?}");
    }
    assert!(render(&chart, OutputFormat::Svg, 8000, 200).is_ok());
}

fn scratch_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("attrition-charts-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn write_picks_format_and_replaces_atomically() {
    let dir = scratch_dir("write");
    let png_path = dir.join("chart.PNG");
    assert_eq!(write(&monthly_chart(), &png_path, W, H).ok(), Some(OutputFormat::Png));
    let svg_path = dir.join("chart.svg");
    assert_eq!(write(&category_chart(), &svg_path, W, H).ok(), Some(OutputFormat::Svg));
    // Overwriting an existing file works and leaves no temporary behind.
    assert_eq!(write(&daily_chart("again"), &svg_path, W, H).ok(), Some(OutputFormat::Svg));
    assert_eq!(entries(&dir), ["chart.PNG", "chart.svg"]);
    let bytes = std::fs::read(&png_path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(decode(&bytes).0, W);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn write_leaves_no_file_behind_on_error() {
    let dir = scratch_dir("errors");
    let mut nan = monthly_chart();
    if let Chart::Time(t) = &mut nan {
        t.bars[0].value = f64::NAN;
    }
    let cases: Vec<(Chart, std::path::PathBuf, u32)> = vec![
        (nan, dir.join("nan.png"), W),
        (monthly_chart(), dir.join("small.svg"), 100),
        (monthly_chart(), dir.join("chart.gif"), W),
        (Chart::Categories(CategoryChart::default()), dir.join("empty.png"), W),
    ];
    for (chart, path, w) in cases {
        assert!(write(&chart, &path, w, H).is_err(), "{}", path.display());
    }
    assert!(entries(&dir).is_empty(), "left behind: {:?}", entries(&dir));

    // An unwritable destination reports the path.
    let missing = dir.join("no-such-dir").join("chart.png");
    match write(&monthly_chart(), &missing, W, H) {
        Err(e @ ChartError::Io { .. }) => assert!(e.to_string().contains("no-such-dir"), "{e}"),
        other => panic!("{other:?}"),
    }
    assert!(entries(&dir).is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn edge_cases_render() {
    let bar = |i: i64, v: f64| TimeBar {
        start: day(i),
        end: day(i),
        value: v,
        highlight: true,
        label: Some("1st of 1".into()),
    };
    let line = |points: Vec<(Date, f64)>| TimeLine {
        name: "a line with a rather long name that goes on and on and on and on".into(),
        points,
        emphasis: LineEmphasis::Tertiary,
    };
    let long = "Дуже довгий заголовок, який не вміщується в ширину графіка навіть на великому полотні";
    let charts = [
        Chart::Time(TimeChart { bars: vec![bar(0, 5.0)], ..TimeChart::default() }),
        Chart::Time(TimeChart { bars: vec![bar(0, 0.0), bar(1, 0.0)], ..TimeChart::default() }),
        Chart::Time(TimeChart { bars: vec![bar(0, -5.0), bar(3, -1.0)], ..TimeChart::default() }),
        Chart::Time(TimeChart { lines: vec![line(vec![(day(3), 1e15)])], ..TimeChart::default() }),
        Chart::Time(TimeChart {
            frame: Frame {
                title: long.into(),
                x_label: long.into(),
                y_label: long.into(),
                footer: vec![long.into(); 3],
            },
            lines: vec![line((0..30).map(|i| (day(i), 0.001 * i as f64)).collect()); 4],
            thresholds: vec![Threshold { value: 0.02, label: "0.02".into() }],
            ..TimeChart::default()
        }),
        Chart::Time(TimeChart { bars: (0..3000).map(|i| bar(i, (i % 97) as f64)).collect(), ..TimeChart::default() }),
        // Only a band, its bounds swapped on some days; a one-point band.
        Chart::Time(TimeChart {
            bands: vec![
                TimeBand {
                    name: "swapped".into(),
                    points: (0..30).map(|i| (day(i), (i % 3) as f64, 1.0)).collect(),
                    shade: BandShade::Outer,
                },
                TimeBand { name: "one".into(), points: vec![(day(3), 1.0, 2.0)], shade: BandShade::Inner },
            ],
            ..TimeChart::default()
        }),
        // Only ranges: swapped bounds, a best outside them, a single value,
        // a tiny one, one with an empty group name, many on one day.
        Chart::Time(TimeChart {
            ranges: [
                (0, 5.0, Some(9.0), 1.0),
                (0, 2.0, None, 2.0),
                (1, 3.0, None, 3.000_001),
                (2, -4.0, Some(-2.0), 8.0),
            ]
            .into_iter()
            .chain((0..40).map(|k| (5, f64::from(k), Some(f64::from(k) + 0.5), f64::from(k) + 1.0)))
            .enumerate()
            .map(|(k, (i, low, best, high))| TimeRange { date: day(i), low, best, high, group: k % 7 })
            .collect(),
            range_groups: (0..7)
                .map(|g| RangeGroup { name: if g == 3 { String::new() } else { format!("g{g}") } })
                .collect(),
            ..TimeChart::default()
        }),
        // Many markers, several on one day, one unlabelled, one far away.
        Chart::Time(TimeChart {
            lines: vec![line((0..30).map(|i| (day(i), i as f64)).collect())],
            markers: [0, 1, 1, 1, 2, 15, 29, 29, 400]
                .into_iter()
                .enumerate()
                .map(|(k, i)| DateMarker {
                    date: day(i),
                    label: if k == 3 { String::new() } else { format!("marker {k} on {}", day(i)) },
                })
                .collect(),
            ..TimeChart::default()
        }),
        Chart::Categories(CategoryChart {
            frame: Frame { title: long.into(), ..Frame::default() },
            bars: vec![CategoryBar { label: long.into(), value: -3.0, value_label: "−3".into() }],
        }),
        Chart::Categories(CategoryChart {
            bars: (0..60)
                .map(|i| CategoryBar { label: format!("c{i}"), value: f64::from(i), value_label: i.to_string() })
                .collect(),
            ..CategoryChart::default()
        }),
    ];
    for (i, chart) in charts.iter().enumerate() {
        for (w, h) in [(320, 200), (W, H)] {
            for format in [OutputFormat::Png, OutputFormat::Svg] {
                if let Err(e) = render(chart, format, w, h) {
                    panic!("edge case {i} at {w}x{h} as {format:?}: {e}");
                }
            }
        }
    }
}
