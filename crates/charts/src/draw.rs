//! Layout and drawing of the two chart kinds on any plotters backend.
//!
//! Layout is computed by hand in pixels rather than with plotters'
//! `ChartBuilder`: the time axis needs ticks on month boundaries, the legend
//! must sit outside the data, and every text must be measured with the
//! embedded font to avoid overlaps — all easier to guarantee directly. All
//! sizes scale with the canvas from a design size of 1200x675.

use plotters::coord::Shift;
use plotters::element::{Circle, PathElement, Polygon, Rectangle};
use plotters::prelude::{DrawingArea, DrawingBackend};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontStyle, FontTransform, IntoFont, RGBAColor, RGBColor, ShapeStyle, WHITE};

use crate::axis::{self, ValueTicks, day_number, format_number};
use crate::font::{self, FAMILY, Face};
use crate::{
    BandShade, CategoryChart, Chart, ChartError, DateMarker, Frame, LineEmphasis, RangeGroup, Threshold, TimeBand,
    TimeChart, TimeLine, TimeRange,
};

const TEXT: RGBColor = RGBColor(0x22, 0x22, 0x22);
const TICK_TEXT: RGBColor = RGBColor(0x4a, 0x4a, 0x4a);
const FOOTER: RGBColor = RGBColor(0x6e, 0x6e, 0x6e);
const GRID: RGBColor = RGBColor(0xe4, 0xe4, 0xe4);
const AXIS: RGBColor = RGBColor(0x8a, 0x8a, 0x8a);
const ZERO: RGBColor = RGBColor(0x33, 0x33, 0x33);
const BAR: RGBColor = RGBColor(0x4e, 0x79, 0xa7);
/// Bars under lines are paler so the lines read as the message.
const BAR_UNDER_LINES: RGBColor = RGBColor(0xa8, 0xc3, 0xdf);
const HIGHLIGHT: RGBColor = RGBColor(0xe1, 0x57, 0x59);
const HIGHLIGHT_TEXT: RGBColor = RGBColor(0xb0, 0x2a, 0x2c);
const THRESHOLD: RGBColor = RGBColor(0x70, 0x70, 0x70);
const MARKER: RGBColor = RGBColor(0x80, 0x80, 0x80);
const MARKER_TEXT: RGBColor = RGBColor(0x3c, 0x3c, 0x3c);
/// The forecast hue: the median line, and the bands pre-blended on white
/// (about 45% and 18% of it), opaque so PNG and SVG agree exactly.
const FORECAST: RGBColor = RGBColor(0x6a, 0x3d, 0x9a);
const BAND_INNER: RGBColor = RGBColor(0xc8, 0xb4, 0xdc);
const BAND_OUTER: RGBColor = RGBColor(0xe9, 0xe1, 0xf1);

fn line_style(emphasis: LineEmphasis) -> (RGBColor, f32) {
    match emphasis {
        LineEmphasis::Primary => (RGBColor(0x1b, 0x36, 0x6b), 3.0),
        LineEmphasis::Secondary => (RGBColor(0xf2, 0x8e, 0x2b), 2.0),
        LineEmphasis::Tertiary => (RGBColor(0x59, 0xa1, 0x4f), 1.25),
        LineEmphasis::Forecast => (FORECAST, 2.5),
    }
}

/// Dash and gap lengths, before scaling, of the lines drawn dashed.
fn dashes(emphasis: LineEmphasis) -> Option<(f32, f32)> {
    match emphasis {
        LineEmphasis::Forecast => Some((9.0, 5.0)),
        LineEmphasis::Primary | LineEmphasis::Secondary | LineEmphasis::Tertiary => None,
    }
}

/// Colours of the range groups, in group order, repeating after the last:
/// Paul Tol's "vibrant" red and teal, a blue-violet, Tol's magenta and cyan,
/// and a dark ochre. The first three, the usual case, stay well apart under
/// the common colour-vision deficiencies and differ from every line colour;
/// all are dark enough to read as thin bars on white.
const RANGE_COLORS: [RGBColor; 6] = [
    RGBColor(0xcc, 0x33, 0x11),
    RGBColor(0x00, 0x99, 0x88),
    RGBColor(0x77, 0x55, 0xcc),
    RGBColor(0xee, 0x33, 0x77),
    RGBColor(0x33, 0xbb, 0xee),
    RGBColor(0x99, 0x77, 0x00),
];

/// The shape of a range group's dots, so groups differ by more than colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DotShape {
    Circle,
    Diamond,
    Square,
}

fn range_style(group: usize) -> (RGBColor, DotShape) {
    let shape = match group % 3 {
        0 => DotShape::Circle,
        1 => DotShape::Diamond,
        _ => DotShape::Square,
    };
    (RANGE_COLORS[group % RANGE_COLORS.len()], shape)
}

fn band_color(shade: BandShade) -> RGBColor {
    match shade {
        BandShade::Inner => BAND_INNER,
        BandShade::Outer => BAND_OUTER,
    }
}

/// Draws `chart` over the whole of `area`.
pub(crate) fn draw<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, chart: &Chart) -> Result<(), ChartError> {
    area.fill(&WHITE).map_err(draw_err)?;
    let canvas = Canvas::new(area);
    match chart {
        Chart::Time(t) => time_chart(&canvas, t),
        Chart::Categories(c) => category_chart(&canvas, c),
    }
}

fn draw_err<E: std::error::Error + Send + Sync>(e: plotters::drawing::DrawingAreaErrorKind<E>) -> ChartError {
    ChartError::Draw(e.to_string())
}

/// A text to draw: what, where, and how it is anchored.
struct Label<'t> {
    text: &'t str,
    x: f32,
    y: f32,
    size: f32,
    face: Face,
    color: RGBColor,
    h: HPos,
    v: VPos,
    vertical: bool,
}

impl<'t> Label<'t> {
    fn new(text: &'t str, x: f32, y: f32, size: f32) -> Self {
        Self { text, x, y, size, face: Face::Regular, color: TEXT, h: HPos::Left, v: VPos::Top, vertical: false }
    }
    fn anchor(mut self, h: HPos, v: VPos) -> Self {
        self.h = h;
        self.v = v;
        self
    }
    fn color(mut self, color: RGBColor) -> Self {
        self.color = color;
        self
    }
    fn bold(mut self) -> Self {
        self.face = Face::Bold;
        self
    }
    fn vertical(mut self) -> Self {
        self.vertical = true;
        self
    }
}

/// Thin drawing helpers over a drawing area, in float pixel coordinates.
/// Sizes of the axes that both chart kinds lay out the same way.
struct Axes {
    tick_size: f32,
    axis_size: f32,
    tick_len: f32,
    has_y_label: bool,
    /// Height below the plot taken by ticks, tick labels and the x-axis label.
    x_axis_h: f32,
}

impl Axes {
    fn measure<DB: DrawingBackend>(c: &Canvas<'_, DB>, frame: &Frame) -> Axes {
        let u = c.u;
        let (tick_size, axis_size, tick_len) = (TICK * u, AXIS_LABEL * u, 5.0 * u);
        let x_label_h = if frame.x_label.trim().is_empty() { 0.0 } else { 8.0 * u + c.line_h(axis_size) };
        Axes {
            tick_size,
            axis_size,
            tick_len,
            has_y_label: !frame.y_label.trim().is_empty(),
            x_axis_h: tick_len + 4.0 * u + c.line_h(tick_size) + x_label_h,
        }
    }
}

struct Canvas<'a, DB: DrawingBackend> {
    area: &'a DrawingArea<DB, Shift>,
    w: f32,
    h: f32,
    /// Scale of every length relative to the 1200x675 design.
    u: f32,
    /// Outer margin.
    m: f32,
}

impl<'a, DB: DrawingBackend> Canvas<'a, DB> {
    fn new(area: &'a DrawingArea<DB, Shift>) -> Self {
        let (w, h) = area.dim_in_pixel();
        let (w, h) = (w as f32, h as f32);
        let u = (w / 1200.0).min(h / 675.0).clamp(0.6, 6.0);
        Self { area, w, h, u, m: 16.0 * u }
    }

    /// Fills the half-open pixel rectangle spanned by the rounded corners.
    fn rect(&self, x0: f32, y0: f32, x1: f32, y1: f32, style: ShapeStyle) -> Result<(), ChartError> {
        let (ax, bx) = (x0.min(x1).round() as i32, x0.max(x1).round() as i32);
        let (ay, by) = (y0.min(y1).round() as i32, y0.max(y1).round() as i32);
        if ax == bx || ay == by {
            return Ok(());
        }
        self.area.draw(&Rectangle::new([(ax, ay), (bx, by)], style.filled())).map_err(draw_err)
    }

    /// A horizontal rule `thickness` pixels thick whose top edge is at `y`.
    fn hrule(&self, x0: f32, x1: f32, y: f32, thickness: f32, c: RGBColor) -> Result<(), ChartError> {
        let y = y.round();
        self.rect(x0, y, x1, y + thickness.round().max(1.0), c.filled())
    }

    fn vrule(&self, x: f32, y0: f32, y1: f32, thickness: f32, c: RGBColor) -> Result<(), ChartError> {
        let x = x.round();
        self.rect(x, y0, x + thickness.round().max(1.0), y1, c.filled())
    }

    fn polyline(&self, pts: &[(f32, f32)], c: RGBColor, width: f32) -> Result<(), ChartError> {
        let width = (width * self.u).round().max(1.0) as u32;
        if let [(x, y)] = pts {
            // A single point has no segment to show, so mark it with a dot.
            let dot = Circle::new((*x as i32, *y as i32), width + 1, c.filled());
            return self.area.draw(&dot).map_err(draw_err);
        }
        let pixels: Vec<(i32, i32)> = pts.iter().map(|&(x, y)| (x.floor() as i32, y.floor() as i32)).collect();
        self.area.draw(&PathElement::new(pixels, c.stroke_width(width))).map_err(draw_err)
    }

    /// A polyline drawn as dashes `on` pixels long with `off` pixels between
    /// them, measured along the line, starting with a dash.
    fn dashed_polyline(
        &self,
        pts: &[(f32, f32)],
        c: RGBColor,
        width: f32,
        on: f32,
        off: f32,
    ) -> Result<(), ChartError> {
        if pts.len() < 2 || on <= 0.0 || off <= 0.0 {
            return self.polyline(pts, c, width);
        }
        let mut runs: Vec<Vec<(f32, f32)>> = Vec::new();
        let mut run = vec![pts[0]];
        let (mut drawing, mut left) = (true, on);
        for w in pts.windows(2) {
            let ((ax, ay), (bx, by)) = (w[0], w[1]);
            let len = ((bx - ax).powi(2) + (by - ay).powi(2)).sqrt();
            let mut t = 0.0;
            while len - t > left {
                t += left;
                let p = (ax + (bx - ax) * t / len, ay + (by - ay) * t / len);
                if drawing {
                    run.push(p);
                    runs.push(std::mem::take(&mut run));
                } else {
                    run = vec![p];
                }
                drawing = !drawing;
                left = if drawing { on } else { off };
            }
            left -= len - t;
            if drawing {
                run.push((bx, by));
            }
        }
        if drawing && run.len() >= 2 {
            runs.push(run);
        }
        for run in runs {
            self.polyline(&run, c, width)?;
        }
        Ok(())
    }

    fn text(&self, l: &Label<'_>) -> Result<(), ChartError> {
        if l.text.is_empty() {
            return Ok(());
        }
        let style = if l.face == Face::Bold { FontStyle::Bold } else { FontStyle::Normal };
        let mut font = (FAMILY, f64::from(l.size), style).into_font();
        if l.vertical {
            font = font.transform(FontTransform::Rotate270);
        }
        let style = font.color(&l.color).pos(Pos::new(l.h, l.v));
        self.area.draw_text(l.text, &style, (l.x.round() as i32, l.y.round() as i32)).map_err(draw_err)
    }

    fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        font::text_width(face, size, text)
    }

    /// Shrinks the font (to at most 80%) and then shortens the text with an
    /// ellipsis until it fits `max` pixels, so long titles never run off.
    fn fit(&self, face: Face, size: f32, text: &str, max: f32) -> (String, f32) {
        let full = self.width(face, size, text);
        if full <= max || max <= 0.0 {
            return (text.to_string(), size);
        }
        let shrunk = (size * max / full).max(size * 0.8);
        (self.truncate(face, shrunk, text, max), shrunk)
    }

    /// Shortens `text` with an ellipsis until it fits `max` pixels; used where
    /// lines must keep one size, like the footer.
    fn truncate(&self, face: Face, size: f32, text: &str, max: f32) -> String {
        if self.width(face, size, text) <= max {
            return text.to_string();
        }
        let mut chars: Vec<char> = text.chars().collect();
        while !chars.is_empty() {
            chars.pop();
            let candidate = chars.iter().collect::<String>().trim_end().to_string() + "\u{2026}";
            if self.width(face, size, &candidate) <= max {
                return candidate;
            }
        }
        String::new()
    }

    /// Line height for a font size: DejaVu's ascent plus descent, rounded up.
    fn line_h(&self, size: f32) -> f32 {
        (size * 1.17).ceil()
    }
}

/// Sizes of the recurring texts, before scaling.
const TITLE: f32 = 22.0;
const LEGEND: f32 = 13.5;
const TICK: f32 = 12.5;
const AXIS_LABEL: f32 = 13.5;
const FOOTER_SIZE: f32 = 11.5;
const NOTE: f32 = 12.0;

/// Draws title and footer; returns the vertical band left for the chart.
fn frame<DB: DrawingBackend>(c: &Canvas<'_, DB>, frame: &Frame) -> Result<(f32, f32), ChartError> {
    let (u, m) = (c.u, c.m);
    let mut top = m;
    if !frame.title.trim().is_empty() {
        let (title, size) = c.fit(Face::Bold, TITLE * u, frame.title.trim(), c.w - 2.0 * m);
        c.text(&Label::new(&title, m, top, size).bold())?;
        top += c.line_h(size) + 8.0 * u;
    }
    let mut bottom = c.h - m;
    let lines: Vec<&str> = frame.footer.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
    if !lines.is_empty() {
        let size = FOOTER_SIZE * u;
        let lh = (size * 1.4).round();
        for (i, line) in lines.iter().rev().enumerate() {
            let text = c.truncate(Face::Regular, size, line, c.w - 2.0 * m);
            let y = bottom - i as f32 * lh;
            c.text(&Label::new(&text, m, y, size).anchor(HPos::Left, VPos::Bottom).color(FOOTER))?;
        }
        bottom -= lines.len() as f32 * lh + 10.0 * u;
    }
    Ok((top, bottom))
}

/// Pixel rectangle of the plot and the mapping of values into it.
struct Plot {
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
    lo: f64,
    hi: f64,
}

impl Plot {
    fn y(&self, v: f64) -> f32 {
        let t = (v - self.lo) / (self.hi - self.lo);
        self.bottom - (t as f32) * (self.bottom - self.top)
    }
}

/// Axis-aligned box in pixels, for collision checks between labels and data.
#[derive(Clone, Copy)]
struct Bbox {
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
}

impl Bbox {
    fn overlaps(&self, o: &Bbox) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    /// Whether the segment a–b passes through the box (exact for segments,
    /// since y is linear in x along one).
    fn hit_by_segment(&self, a: (f32, f32), b: (f32, f32)) -> bool {
        let (a, b) = if a.0 <= b.0 { (a, b) } else { (b, a) };
        let xa = a.0.max(self.x0);
        let xb = b.0.min(self.x1);
        if xa > xb {
            return false;
        }
        let y_at = |x: f32| {
            if (b.0 - a.0).abs() < 1e-6 { a.1 } else { a.1 + (b.1 - a.1) * (x - a.0) / (b.0 - a.0) }
        };
        let (ya, yb) = if (b.0 - a.0).abs() < 1e-6 { (a.1.min(b.1), a.1.max(b.1)) } else { (y_at(xa), y_at(xb)) };
        ya.min(yb) < self.y1 && ya.max(yb) > self.y0
    }
}

/// The vertical range a time chart must show: every bar, line point, band
/// bound and range (low, high and best), and zero when there are bars (a bar's length means nothing without
/// its baseline; a line or a fan is read by its level, so a forecast of a
/// cumulative count in the millions is not squashed against the zero line),
/// widened by the thresholds that lie within half the data's span beyond it
/// (those are returned too; the others are not drawn).
fn value_range(chart: &TimeChart) -> (f64, f64, Vec<&Threshold>) {
    let values = chart
        .bars
        .iter()
        .map(|b| b.value)
        .chain(chart.lines.iter().flat_map(|l| l.points.iter().map(|p| p.1)))
        .chain(chart.bands.iter().flat_map(|b| b.points.iter().flat_map(|p| [p.1, p.2])))
        .chain(chart.ranges.iter().flat_map(|r| [r.low, r.high].into_iter().chain(r.best)));
    let start = if chart.bars.is_empty() { (f64::INFINITY, f64::NEG_INFINITY) } else { (0.0f64, 0.0f64) };
    let (mut lo, mut hi) = values.fold(start, |(lo, hi), v| (lo.min(v), hi.max(v)));
    if lo > hi {
        (lo, hi) = (0.0, 0.0);
    }
    let span = hi - lo;
    let shown: Vec<&Threshold> =
        chart.thresholds.iter().filter(|t| t.value >= lo - span * 0.5 && t.value <= hi + span * 0.5).collect();
    for t in &shown {
        lo = lo.min(t.value);
        hi = hi.max(t.value);
    }
    (lo, hi, shown)
}

/// The time range a time chart must show, in day numbers and half-open (a
/// bar covers `[start, end + 1)`): every bar, line point, band point and
/// range, widened by the markers that lie within half the data's span beyond it
/// (those are returned too, in date order; the others are not drawn).
fn day_range(chart: &TimeChart) -> (i64, i64, Vec<&DateMarker>) {
    let mut first = i64::MAX;
    let mut last = i64::MIN;
    let mut cover = |from: i64, to: i64| {
        first = first.min(from);
        last = last.max(to);
    };
    for b in &chart.bars {
        cover(day_number(b.start), day_number(b.end) + 1);
    }
    for d in chart.lines.iter().flat_map(|l| l.points.iter().map(|p| p.0)) {
        cover(day_number(d), day_number(d) + 1);
    }
    for d in chart.bands.iter().flat_map(|b| b.points.iter().map(|p| p.0)) {
        cover(day_number(d), day_number(d) + 1);
    }
    for r in &chart.ranges {
        cover(day_number(r.date), day_number(r.date) + 1);
    }
    if first > last {
        return (0, 1, Vec::new());
    }
    let half_span = (last - first) / 2;
    let mut shown: Vec<&DateMarker> = chart
        .markers
        .iter()
        .filter(|mk| {
            let d = day_number(mk.date);
            d >= first - half_span && d < last + half_span
        })
        .collect();
    shown.sort_by_key(|mk| mk.date);
    for mk in &shown {
        let d = day_number(mk.date);
        first = first.min(d);
        last = last.max(d + 1);
    }
    (first, last, shown)
}

/// Where a marker's label goes in the strip above the plot: its row (0 next
/// to the plot, counting upwards) and the label's left and right edges.
#[derive(Clone, Copy, Debug, PartialEq)]
struct MarkerSpot {
    row: usize,
    x0: f32,
    x1: f32,
}

/// Places marker labels beside their lines: `items` are (line x, label
/// width) in pixels, `pad` the space between line and label, `gap` the least
/// space between two labels or a label and another line, and labels stay
/// within `min_x..max_x`.
///
/// Each line runs from the plot up to the top of its own label, so a label
/// must not overlap another label in its row nor cover a line that rises
/// through its row, and a line must not cross a label in a lower row.
/// Markers are placed in order of x, in the lowest row that allows this and
/// does not cover a marker still to come, right of the line unless the next
/// marker is in the way there. Should no row allow it (several markers on
/// almost the same day), the label goes to the lowest row where it at least
/// overlaps no other label.
fn place_marker_labels(items: &[(f32, f32)], pad: f32, gap: f32, min_x: f32, max_x: f32) -> Vec<MarkerSpot> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| items[a].0.total_cmp(&items[b].0));
    let mut placed: Vec<(f32, MarkerSpot)> = Vec::new();
    let mut spots = vec![MarkerSpot { row: 0, x0: 0.0, x1: 0.0 }; items.len()];
    for (k, &i) in order.iter().enumerate() {
        let (x, w) = items[i];
        let right = (x + pad, x + pad + w);
        let left = (x - pad - w, x - pad);
        let fits = |s: (f32, f32)| s.0 >= min_x && s.1 <= max_x;
        let next_in_way = order.get(k + 1).is_some_and(|&j| items[j].0 <= right.1 + gap);
        let sides: Vec<(f32, f32)> = match (fits(right), fits(left)) {
            (true, true) if next_in_way => vec![left, right],
            (true, true) => vec![right, left],
            (true, false) => vec![right],
            (false, true) => vec![left],
            // Too wide for either side: keep it on the canvas.
            (false, false) => {
                let x0 = (x - w / 2.0).min(max_x - w).max(min_x);
                vec![(x0, x0 + w)]
            }
        };
        let clear_of_labels = |row: usize, (x0, x1): (f32, f32)| {
            placed.iter().all(|(_, p)| p.row != row || x1 + gap <= p.x0 || p.x1 + gap <= x0)
        };
        let clear_of_lines = |row: usize, (x0, x1): (f32, f32)| {
            placed.iter().all(|(px, p)| {
                // Their line rises through this row and must miss this label;
                let their_line_ok = p.row < row || *px < x0 - gap || *px > x1 + gap;
                // this line rises through their row and must miss their label.
                let our_line_ok = p.row > row || x < p.x0 - gap || x > p.x1 + gap;
                their_line_ok && our_line_ok
            })
        };
        // A label over a marker yet to be placed would be crossed by its line
        // unless that one ended up lower, so such spots come second.
        let clear_of_unplaced =
            |(x0, x1): (f32, f32)| order[k + 1..].iter().all(|&j| items[j].0 < x0 - gap || items[j].0 > x1 + gap);
        let candidates = || (0..=placed.len()).flat_map(|r| sides.iter().map(move |&s| (r, s)));
        let best = candidates()
            .find(|&(r, s)| clear_of_labels(r, s) && clear_of_lines(r, s) && clear_of_unplaced(s))
            .or_else(|| candidates().find(|&(r, s)| clear_of_labels(r, s) && clear_of_lines(r, s)))
            .or_else(|| candidates().find(|&(r, s)| clear_of_labels(r, s)));
        let (row, (x0, x1)) = best.unwrap_or((placed.len(), sides[0]));
        let spot = MarkerSpot { row, x0, x1 };
        placed.push((x, spot));
        spots[i] = spot;
    }
    spots
}

/// What a legend entry shows.
#[derive(Clone, Copy)]
enum Key<'c> {
    Line(&'c TimeLine),
    Band(&'c TimeBand),
    /// A range group and its index.
    Range(usize, &'c RangeGroup),
}

/// Sizes of the marks of a [`TimeRange`] in pixels, all whole numbers.
struct RangeMarks {
    /// Thickness of the bar and of its caps.
    bar: f32,
    /// Half the width of a cap.
    cap: f32,
    /// Radius of a round dot; the other shapes have about the same area.
    dot: f32,
    /// Width of the white ring around a dot, which sets it off from the
    /// bars and lines behind it.
    ring: f32,
    /// Least horizontal distance between the centres of overlapping ranges.
    dodge: f32,
}

impl RangeMarks {
    fn new(u: f32) -> Self {
        let bar = (1.5 * u).round().max(1.0);
        let cap = (3.0 * u).round().max(2.0);
        let dot = (3.5 * u).round().max(2.0);
        let ring = u.round().max(1.0);
        let mut marks = Self { bar, cap, dot, ring, dodge: 0.0 };
        marks.dodge = 2.0 * marks.reach() - 2.0 * ring + (2.0 * u).round();
        marks
    }

    /// Half-size of a dot's shape: a circle's radius, a diamond's half
    /// diagonal, a square's half side.
    fn half(&self, shape: DotShape) -> f32 {
        match shape {
            DotShape::Circle => self.dot,
            DotShape::Diamond => (self.dot * 1.25).round(),
            DotShape::Square => (self.dot * 0.9).round(),
        }
    }

    /// How far any mark reaches from the centre line of its range, ring
    /// included.
    fn reach(&self) -> f32 {
        self.cap.max(self.half(DotShape::Diamond) + self.ring)
    }
}

/// Where a [`TimeRange`] is drawn, in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
struct RangeMark {
    group: usize,
    /// Centre line, on a whole pixel.
    x: f32,
    /// Top and bottom of the bar, when the range is long enough for one.
    bar: Option<(f32, f32)>,
    /// Centre of the dot, on a whole pixel, when there is one.
    dot: Option<f32>,
}

impl RangeMark {
    /// Top and bottom of everything drawn for the range.
    fn extent(&self, marks: &RangeMarks) -> (f32, f32) {
        let (mut y0, mut y1) = (f32::MAX, f32::MIN);
        if let Some((top, bottom)) = self.bar {
            (y0, y1) = (top - marks.bar, bottom + marks.bar);
        }
        if let Some(y) = self.dot {
            let reach = marks.half(DotShape::Diamond) + marks.ring;
            (y0, y1) = (y0.min(y - reach), y1.max(y + reach));
        }
        (y0, y1)
    }

    fn bbox(&self, marks: &RangeMarks) -> Bbox {
        let (y0, y1) = self.extent(marks);
        let reach = marks.reach();
        Bbox { x0: self.x - reach, y0, x1: self.x + reach, y1 }
    }
}

/// Places the ranges, each at the middle of its day unless it would overlap
/// one placed before it (centres closer than the dodge distance, vertical
/// extents meeting): then it moves sideways by the least distance that
/// clears them all, to the right on a tie, at most twice the dodge
/// distance; if no spot that near is clear, to the one with the most room
/// for its shift. Ranges are placed in date order, then group order, so
/// the earlier or lower-numbered of two stays put. Centres are kept far
/// enough inside the plot that no mark crosses its edges.
fn place_ranges(ranges: &[TimeRange], plot: &Plot, x: impl Fn(f64) -> f32, marks: &RangeMarks) -> Vec<RangeMark> {
    let min_x = plot.left + marks.reach() + 1.0;
    let max_x = (plot.right - marks.reach() - 1.0).max(min_x);
    let mut out: Vec<RangeMark> = ranges
        .iter()
        .map(|r| {
            let (lo, hi) = if r.low <= r.high { (r.low, r.high) } else { (r.high, r.low) };
            let (top, bottom) = (plot.y(hi), plot.y(lo));
            // Shorter than this, the caps would merge into a blob: a dot says it better.
            let long = bottom - top >= 2.0 * marks.bar;
            let dot = match r.best {
                Some(best) => Some(plot.y(best).round()),
                None if !long => Some(plot.y((lo + hi) / 2.0).round()),
                None => None,
            };
            let bar = long.then_some((top, bottom));
            let px = x(day_number(r.date) as f64 + 0.5).clamp(min_x, max_x).round();
            RangeMark { group: r.group, x: px, bar, dot }
        })
        .collect();
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by(|&a, &b| out[a].x.total_cmp(&out[b].x).then(out[a].group.cmp(&out[b].group)));
    let max_shift = 2.0 * marks.dodge;
    let mut placed: Vec<usize> = Vec::with_capacity(out.len());
    for i in order {
        let home = out[i].x;
        let (y0, y1) = out[i].extent(marks);
        // Placed marks this one could meet anywhere within its reach.
        let near: Vec<f32> = placed
            .iter()
            .map(|&j| &out[j])
            .filter(|o| (o.x - home).abs() < max_shift + marks.dodge)
            .filter(|o| {
                let (b0, b1) = o.extent(marks);
                y0 < b1 && b0 < y1
            })
            .map(|o| o.x)
            .collect();
        // Each whole pixel within reach scores its room (the distance to the
        // nearest overlapping neighbour, counted up to the dodge distance)
        // less a quarter of its shift: the nearest spot with full room wins,
        // and where none has it, a crowded range still finds the most room.
        let room = |px: f32| near.iter().map(|&o| (o - px).abs()).fold(marks.dodge, f32::min);
        if room(home) < marks.dodge {
            let reach = max_shift as i32;
            let best = (-reach..=reach)
                .map(|k| home + k as f32)
                .filter(|px| (min_x..=max_x).contains(px))
                .map(|px| (px, room(px) - 0.25 * (px - home).abs()))
                // Of equal scores the first one, the later date when the shifts tie.
                .fold(None, |best: Option<(f32, f32)>, (px, score)| match best {
                    Some((bx, bs)) if bs > score || (bs == score && (bx - home).abs() < (px - home).abs()) => {
                        Some((bx, bs))
                    }
                    _ => Some((px, score)),
                });
            if let Some((px, _)) = best {
                out[i].x = px;
            }
        }
        placed.push(i);
    }
    out
}

/// A range's bar from `top` to `bottom` with a cap at each end, centred on
/// the whole pixel `x`.
fn range_bar<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    marks: &RangeMarks,
    x: f32,
    top: f32,
    bottom: f32,
    color: RGBColor,
) -> Result<(), ChartError> {
    let half = marks.bar / 2.0;
    c.rect(x - half, top, x + half, bottom, color.filled())?;
    for y in [top, bottom] {
        c.rect(x - marks.cap, y - half, x + marks.cap, y + half, color.filled())?;
    }
    Ok(())
}

/// A range's dot at the whole pixel (`x`, `y`), on a white ring.
fn range_dot<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    marks: &RangeMarks,
    (x, y): (f32, f32),
    color: RGBColor,
    shape: DotShape,
) -> Result<(), ChartError> {
    let half = marks.half(shape);
    let ring = marks.ring;
    match shape {
        DotShape::Circle => {
            let centre = (x as i32, y as i32);
            c.area.draw(&Circle::new(centre, (half + ring) as u32, WHITE.filled())).map_err(draw_err)?;
            c.area.draw(&Circle::new(centre, half as u32, color.filled())).map_err(draw_err)
        }
        DotShape::Square => {
            let outer = half + ring;
            c.rect(x - outer, y - outer, x + outer, y + outer, WHITE.filled())?;
            c.rect(x - half, y - half, x + half, y + half, color.filled())
        }
        DotShape::Diamond => {
            // The ring is as wide, measured across the diamond's edges.
            for (h, style) in [((half + ring * 1.5).round(), WHITE.filled()), (half, color.filled())] {
                let (xi, yi, hi) = (x as i32, y as i32, h as i32);
                let corners = vec![(xi, yi - hi), (xi + hi, yi), (xi, yi + hi), (xi - hi, yi)];
                c.area.draw(&Polygon::new(corners, style)).map_err(draw_err)?;
            }
            Ok(())
        }
    }
}

/// A band's corners in pixels: the upper edge left to right, then the lower
/// edge back; empty for a band of fewer than two points.
fn band_polygon(band: &TimeBand, x: impl Fn(f64) -> f32, plot: &Plot) -> Vec<(f32, f32)> {
    if band.points.len() < 2 {
        return Vec::new();
    }
    let mut pts = band.points.clone();
    pts.sort_by_key(|p| p.0);
    let px = |d: jiff::civil::Date| x(day_number(d) as f64 + 0.5);
    // Clamped for safety only: the value range already covers every bound.
    let py = |v: f64| plot.y(v).clamp(plot.top, plot.bottom);
    let upper = pts.iter().map(|&(d, a, b)| (px(d), py(a.max(b))));
    let lower = pts.iter().rev().map(|&(d, a, b)| (px(d), py(a.min(b))));
    upper.chain(lower).collect()
}

/// Whether `b` overlaps the band with corners `poly` (see [`band_polygon`]).
fn band_hits(poly: &[(f32, f32)], b: &Bbox) -> bool {
    if poly.len() < 4 {
        return false;
    }
    let edge = |i: usize| (poly[i], poly[(i + 1) % poly.len()]);
    if (0..poly.len()).map(edge).any(|(p, q)| b.hit_by_segment(p, q)) {
        return true;
    }
    // No edge crosses the box: it overlaps only if it lies wholly inside,
    // which its centre tells (even-odd rule).
    let (cx, cy) = ((b.x0 + b.x1) / 2.0, (b.y0 + b.y1) / 2.0);
    let mut inside = false;
    for ((ax, ay), (bx, by)) in (0..poly.len()).map(edge) {
        if (ay > cy) != (by > cy) && cx < ax + (cy - ay) * (bx - ax) / (by - ay) {
            inside = !inside;
        }
    }
    inside
}

/// Pixel layout of a time chart that depends on the height of the marker
/// strip: the plot and its value ticks.
struct TimeLayout {
    plot: Plot,
    ticks: ValueTicks,
    tick_values: Vec<f64>,
    tick_labels: Vec<String>,
}

fn time_chart<DB: DrawingBackend>(c: &Canvas<'_, DB>, chart: &TimeChart) -> Result<(), ChartError> {
    let (u, m) = (c.u, c.m);
    let (top, bottom) = frame(c, &chart.frame)?;

    // Legend entries flow left to right under the title, wrapping as needed;
    // kept outside the plot so they can never cover data. Lines come first,
    // then bands.
    let legend_size = LEGEND * u;
    // Lines and bands show a stretch of themselves; a range group shows one
    // small error bar, which needs less room.
    let swatch_w = |key: &Key<'_>| match key {
        Key::Line(_) | Key::Band(_) => 28.0 * u,
        Key::Range(..) => 14.0 * u,
    };
    let keys = chart
        .lines
        .iter()
        .filter(|l| !l.points.is_empty())
        .map(Key::Line)
        .chain(chart.bands.iter().filter(|b| b.points.len() >= 2).map(Key::Band))
        .chain(
            chart
                .range_groups
                .iter()
                .enumerate()
                .filter(|(i, _)| chart.ranges.iter().any(|r| r.group == *i))
                .map(|(i, g)| Key::Range(i, g)),
        );
    let mut legend: Vec<(Key<'_>, String, f32, usize)> = Vec::new(); // key, name, x, row
    let (mut lx, mut row) = (m, 0usize);
    for key in keys {
        let name = match key {
            Key::Line(l) => l.name.trim(),
            Key::Band(b) => b.name.trim(),
            Key::Range(_, g) => g.name.trim(),
        };
        let swatch = swatch_w(&key);
        let name = c.truncate(Face::Regular, legend_size, name, c.w - 2.0 * m - swatch - 8.0 * u);
        let width = swatch + 8.0 * u + c.width(Face::Regular, legend_size, &name);
        if lx > m && lx + width > c.w - m {
            row += 1;
            lx = m;
        }
        legend.push((key, name, lx, row));
        lx += width + 26.0 * u;
    }
    let legend_row_h = (legend_size * 1.6).round();
    let legend_h = if legend.is_empty() { 0.0 } else { (row + 1) as f32 * legend_row_h + 6.0 * u };

    let Axes { tick_size, axis_size, tick_len, has_y_label, x_axis_h } = Axes::measure(c, &chart.frame);

    // Vertical range: data and zero, then thresholds close enough to matter,
    // then head-room for the labels drawn above bars and thresholds.
    let (lo, hi, shown_thresholds) = value_range(chart);
    let note_size = NOTE * u;
    let labelled = |b: &&crate::TimeBar| b.highlight && b.label.as_deref().is_some_and(|s| !s.trim().is_empty());
    let needs_room_above = chart.bars.iter().filter(labelled).any(|b| b.value >= 0.0);
    let needs_room_below = chart.bars.iter().filter(labelled).any(|b| b.value < 0.0);
    let range = (hi - lo).max(f64::MIN_POSITIVE);

    // Everything below depends on the height of the strip of marker labels
    // above the plot, which in turn depends on where the markers fall.
    let layout = |strip_h: f32| {
        let plot_top = top + legend_h + strip_h + 6.0 * u;
        let plot_bottom = (bottom - x_axis_h).max(plot_top + 10.0);
        let plot_h = plot_bottom - plot_top;
        let note_room = f64::from((c.line_h(note_size) + 6.0 * u) / plot_h).min(0.3);
        let stretch = note_room / (1.0 - note_room);
        let mut top_need = hi;
        if needs_room_above {
            let max_bar = chart.bars.iter().map(|b| b.value).fold(f64::MIN, f64::max);
            top_need = top_need.max(max_bar + range * stretch);
        }
        for t in &shown_thresholds {
            top_need = top_need.max(t.value + range * stretch);
        }
        let mut bottom_need = lo;
        if needs_room_below {
            let min_bar = chart.bars.iter().map(|b| b.value).fold(f64::MAX, f64::min);
            bottom_need = bottom_need.min(min_bar - range * stretch);
        }
        let target = ((plot_h / (55.0 * u)).round() as usize).clamp(2, 10);
        let ticks = ValueTicks::new(bottom_need, top_need, target);
        let tick_values = ticks.values();
        let tick_labels: Vec<String> = tick_values.iter().map(|v| format_number(*v, ticks.decimals)).collect();
        let label_w = tick_labels.iter().map(|s| c.width(Face::Regular, tick_size, s)).fold(0.0f32, f32::max);
        let y_label_w = if has_y_label { c.line_h(axis_size) + 10.0 * u } else { 0.0 };
        let left = m + y_label_w + label_w + tick_len + 5.0 * u;
        let right_reserve = c.width(Face::Regular, tick_size, "0000-00") / 2.0 + 2.0 * u;
        let right = (c.w - m - right_reserve).max(left + 10.0);
        let plot = Plot { left, right, top: plot_top, bottom: plot_bottom, lo: ticks.lo, hi: ticks.hi };
        TimeLayout { plot, ticks, tick_values, tick_labels }
    };

    // Time range in day numbers, half-open: a bar covers [start, end + 1).
    let (first, last, markers) = day_range(chart);
    let days = (last - first).max(1) as f32;
    let x_in = |plot: &Plot, day: f64| plot.left + ((day - first as f64) as f32 / days) * (plot.right - plot.left);

    // Marker labels: one row to start with, more if they do not fit in it
    // (the plot then shrinks, which may move the markers, hence the loop;
    // rows only grow, so it ends).
    let marker_row_h = c.line_h(note_size) + 3.0 * u;
    let marker_labels: Vec<String> =
        markers.iter().map(|mk| c.truncate(Face::Regular, note_size, mk.label.trim(), c.w - 2.0 * m)).collect();
    let marker_widths: Vec<f32> = marker_labels.iter().map(|s| c.width(Face::Regular, note_size, s)).collect();
    let mut rows = usize::from(!markers.is_empty());
    let (lay, spots) = loop {
        let lay = layout(rows as f32 * marker_row_h);
        let items: Vec<(f32, f32)> = markers
            .iter()
            .zip(&marker_widths)
            .map(|(mk, w)| (x_in(&lay.plot, day_number(mk.date) as f64 + 0.5).round(), *w))
            .collect();
        let spots = place_marker_labels(&items, 4.0 * u, 8.0 * u, m, c.w - m);
        let needed = spots.iter().map(|s| s.row + 1).max().unwrap_or(0);
        if needed <= rows {
            break (lay, spots);
        }
        rows = needed;
    };
    let TimeLayout { plot, ticks, tick_values, tick_labels } = lay;
    let Plot { left, right, top: plot_top, bottom: plot_bottom, .. } = plot;
    let x = |day: f64| x_in(&plot, day);

    // Bands first, the lighter outer ones under the inner ones, so that the
    // grid, bars and lines all show over them.
    let mut band_polys: Vec<Vec<(f32, f32)>> = Vec::new();
    for shade in [BandShade::Outer, BandShade::Inner] {
        for band in chart.bands.iter().filter(|b| b.shade == shade) {
            let poly = band_polygon(band, x, &plot);
            if poly.is_empty() {
                continue;
            }
            let pixels: Vec<(i32, i32)> = poly.iter().map(|&(px, py)| (px.floor() as i32, py.floor() as i32)).collect();
            c.area.draw(&Polygon::new(pixels, band_color(shade).filled())).map_err(draw_err)?;
            band_polys.push(poly);
        }
    }

    // Grid and y ticks.
    for (v, text) in tick_values.iter().zip(&tick_labels) {
        let y = plot.y(*v);
        if (*v - plot.lo).abs() > ticks.step * 1e-6 {
            c.hrule(left, right, y, 1.0, GRID)?;
        }
        c.hrule(left - tick_len, left, y, 1.0, AXIS)?;
        let label = Label::new(text, left - tick_len - 4.0 * u, y, tick_size)
            .anchor(HPos::Right, VPos::Center)
            .color(TICK_TEXT);
        c.text(&label)?;
    }
    let x_ticks = axis::date_ticks(first, last - 1, right - left, |s| c.width(Face::Regular, tick_size, s));
    let mut last_label_end = f32::MIN;
    for t in &x_ticks {
        let px = x(t.day as f64);
        if px > left + 0.5 {
            c.vrule(px, plot_top, plot_bottom, 1.0, GRID)?;
        }
        c.vrule(px, plot_bottom, plot_bottom + tick_len, 1.0, AXIS)?;
        let tw = c.width(Face::Regular, tick_size, &t.label);
        let lx = (px - tw / 2.0).max(m / 2.0).min(c.w - m / 2.0 - tw);
        if lx < last_label_end + 6.0 * u {
            continue;
        }
        last_label_end = lx + tw;
        let label = Label::new(&t.label, lx, plot_bottom + tick_len + 4.0 * u, tick_size).color(TICK_TEXT);
        c.text(&label)?;
    }

    // Bars.
    let bar_color = if chart.lines.iter().any(|l| !l.points.is_empty()) { BAR_UNDER_LINES } else { BAR };
    let y0 = plot.y(0.0);
    let mut data_boxes: Vec<Bbox> = Vec::new();
    for b in &chart.bars {
        let x0 = x(day_number(b.start) as f64);
        let x1 = x((day_number(b.end) + 1) as f64);
        let pw = x1 - x0;
        // Gaps separate wide bars; narrow daily bars touch to form a profile.
        let gap = if pw >= 6.0 {
            (pw * 0.18).max(1.0)
        } else if pw >= 3.0 {
            1.0
        } else {
            0.0
        };
        let (bx0, bx1) = (x0 + gap / 2.0, (x1 - gap / 2.0).max(x0 + gap / 2.0 + 1.0));
        let yv = plot.y(b.value);
        let color = if b.highlight { HIGHLIGHT } else { bar_color };
        c.rect(bx0, y0, bx1, yv, color.filled())?;
        data_boxes.push(Bbox { x0: bx0, y0: y0.min(yv), x1: bx1, y1: y0.max(yv) });
    }
    if plot.lo < 0.0 {
        c.hrule(left, right, y0, 1.0, ZERO)?;
    }

    // Threshold lines, dashed, under the series lines.
    let th_size = NOTE * u;
    let mut threshold_labels: Vec<(f32, &str)> = Vec::new();
    for t in &shown_thresholds {
        if t.value < plot.lo || t.value > plot.hi {
            continue;
        }
        let y = plot.y(t.value);
        let (dash, gap) = (7.0 * u, 5.0 * u);
        let mut dx = left;
        while dx < right {
            c.hrule(dx, (dx + dash).min(right), y, u, THRESHOLD)?;
            dx += dash + gap;
        }
        threshold_labels.push((y, t.label.as_str()));
    }

    // Marker lines, finely dashed, from the bottom of the plot up to the top
    // of their label; the dashes are laid from the bottom so that markers
    // next to each other dash alike.
    let strip_bottom = plot_top - 3.0 * u;
    let mut marker_lines: Vec<(f32, f32)> = Vec::new(); // x, top of the label
    for (mk, spot) in markers.iter().zip(&spots) {
        let px = x(day_number(mk.date) as f64 + 0.5).round();
        let label_top = strip_bottom - (spot.row + 1) as f32 * marker_row_h;
        // A label too wide for either side of its line sits across it: the
        // line then stops under it.
        let across = spot.x0 < px && px < spot.x1;
        let line_top = if across { label_top + marker_row_h } else { label_top };
        let (dash, gap) = (4.0 * u, 3.0 * u);
        let mut dy = plot_bottom;
        while dy > line_top {
            c.vrule(px, (dy - dash).max(line_top), dy, u, MARKER)?;
            dy -= dash + gap;
        }
        marker_lines.push((px, label_top));
    }

    // Lines.
    let mut line_pts: Vec<Vec<(f32, f32)>> = Vec::new();
    for line in &chart.lines {
        let mut pts = line.points.clone();
        pts.sort_by_key(|(d, _)| *d);
        let px: Vec<(f32, f32)> = pts.iter().map(|(d, v)| (x(day_number(*d) as f64 + 0.5), plot.y(*v))).collect();
        let (color, width) = line_style(line.emphasis);
        match dashes(line.emphasis) {
            Some((on, off)) => c.dashed_polyline(&px, color, width, on * u, off * u)?,
            None => c.polyline(&px, color, width)?,
        }
        line_pts.push(px);
    }

    // Ranges over everything, so that lines cannot hide them: all bars and
    // caps first, then all dots, so that no bar runs across another's dot.
    let marks = RangeMarks::new(u);
    let range_marks = place_ranges(&chart.ranges, &plot, x, &marks);
    for mark in &range_marks {
        if let Some((top, bottom)) = mark.bar {
            range_bar(c, &marks, mark.x, top, bottom, range_style(mark.group).0)?;
        }
    }
    for mark in &range_marks {
        if let Some(y) = mark.dot {
            let (color, shape) = range_style(mark.group);
            range_dot(c, &marks, (mark.x, y), color, shape)?;
        }
    }
    let range_boxes: Vec<Bbox> = range_marks.iter().map(|mark| mark.bbox(&marks)).collect();

    // Axes on top of the data so bars do not nibble them.
    c.vrule(left - 1.0, plot_top, plot_bottom, 1.0, AXIS)?;
    c.hrule(left - 1.0, right, plot_bottom, 1.0, AXIS)?;

    let collides = |b: &Bbox| {
        data_boxes.iter().chain(&range_boxes).any(|d| d.overlaps(b))
            || line_pts.iter().any(|pts| pts.windows(2).any(|w| b.hit_by_segment(w[0], w[1])))
            || band_polys.iter().any(|poly| band_hits(poly, b))
            || marker_lines.iter().any(|&(px, _)| b.x0 <= px + 1.0 && px <= b.x1)
    };

    // Threshold labels sit above their line at the left end, or the right end
    // if the data is in the way on the left.
    let mut placed: Vec<Bbox> = Vec::new();
    for (y, text) in threshold_labels {
        let tw = c.width(Face::Regular, th_size, text);
        let th = c.line_h(th_size);
        let pad = 6.0 * u;
        let at_left = Bbox { x0: left + pad - 2.0, y0: y - 3.0 * u - th, x1: left + pad + tw + 2.0, y1: y - 1.0 };
        let at_right = Bbox { x0: right - pad - tw - 2.0, x1: right - pad + 2.0, ..at_left };
        let free = |b: &Bbox| !placed.iter().any(|p| p.overlaps(b));
        let spot = [at_left, at_right]
            .into_iter()
            .find(|b| free(b) && !collides(b))
            .or_else(|| [at_left, at_right].into_iter().find(free));
        // Close thresholds on a small chart: better one label than two on top
        // of each other; the dashed line still shows.
        let Some(spot) = spot else { continue };
        placed.push(spot);
        // A translucent backing keeps the label legible over gridlines.
        c.rect(spot.x0, spot.y0, spot.x1, spot.y1, RGBAColor(255, 255, 255, 0.8).filled())?;
        let label =
            Label::new(text, spot.x0 + 2.0, y - 3.0 * u, th_size).anchor(HPos::Left, VPos::Bottom).color(THRESHOLD);
        c.text(&label)?;
    }

    // Labels of highlighted bars, above the bar (below a negative one), raised
    // clear of neighbouring bars; a label that would hit an earlier one is dropped.
    for (b, bbox) in chart.bars.iter().zip(&data_boxes) {
        let Some(text) = b.label.as_deref().filter(|s| b.highlight && !s.trim().is_empty()) else {
            continue;
        };
        let tw = c.width(Face::Bold, note_size, text);
        let th = c.line_h(note_size);
        let cx = ((bbox.x0 + bbox.x1) / 2.0).max(left + tw / 2.0).min(right - tw / 2.0);
        let (lx0, lx1) = (cx - tw / 2.0, cx + tw / 2.0);
        let neighbours = data_boxes.iter().filter(|d| d.x0 < lx1 && d.x1 > lx0);
        let spot = if b.value >= 0.0 {
            let top_of = neighbours.map(|d| d.y0).fold(bbox.y0, f32::min);
            let y1 = (top_of - 4.0 * u).max(plot_top + th);
            Bbox { x0: lx0, y0: y1 - th, x1: lx1, y1 }
        } else {
            let bottom_of = neighbours.map(|d| d.y1).fold(bbox.y1, f32::max);
            let y0 = (bottom_of + 4.0 * u).min(plot_bottom - th);
            Bbox { x0: lx0, y0, x1: lx1, y1: y0 + th }
        };
        let padded = Bbox { x0: spot.x0 - 6.0 * u, x1: spot.x1 + 6.0 * u, ..spot };
        if placed.iter().any(|p| p.overlaps(&padded)) {
            continue;
        }
        placed.push(spot);
        c.rect(spot.x0 - 2.0, spot.y0, spot.x1 + 2.0, spot.y1, RGBAColor(255, 255, 255, 0.8).filled())?;
        let label =
            Label::new(text, cx, spot.y0, note_size).anchor(HPos::Center, VPos::Top).color(HIGHLIGHT_TEXT).bold();
        c.text(&label)?;
    }

    // Marker labels, in the strip above the plot beside the top of their line.
    for ((text, spot), &(_, label_top)) in marker_labels.iter().zip(&spots).zip(&marker_lines) {
        let label = Label::new(text, spot.x0, label_top, note_size).color(MARKER_TEXT);
        c.text(&label)?;
    }

    // Legend.
    for (key, name, lx, row) in &legend {
        let cy = top + *row as f32 * legend_row_h + legend_row_h / 2.0;
        let swatch = swatch_w(key);
        match key {
            Key::Line(line) => {
                let (color, width) = line_style(line.emphasis);
                let swatch_line = [(*lx, cy), (*lx + swatch, cy)];
                match dashes(line.emphasis) {
                    Some((on, off)) => c.dashed_polyline(&swatch_line, color, width, on * u, off * u)?,
                    None => c.polyline(&swatch_line, color, width)?,
                }
            }
            Key::Band(band) => {
                let half = (legend_size * 0.45).round();
                c.rect(*lx, cy - half, *lx + swatch, cy + half, band_color(band.shade).filled())?;
            }
            Key::Range(group, _) => {
                // A bar if the group has any, a dot if it has any: a group of
                // single counts shows just its dot.
                let (color, shape) = range_style(*group);
                let (kx, ky) = ((*lx + swatch / 2.0).round(), cy.round());
                let of_group = || range_marks.iter().filter(|mark| mark.group == *group);
                if of_group().any(|mark| mark.bar.is_some()) {
                    let half = (legend_size * 0.65).round();
                    range_bar(c, &marks, kx, ky - half, ky + half, color)?;
                }
                if of_group().any(|mark| mark.dot.is_some()) {
                    range_dot(c, &marks, (kx, ky), color, shape)?;
                }
            }
        }
        let label = Label::new(name, lx + swatch + 8.0 * u, cy, legend_size).anchor(HPos::Left, VPos::Center);
        c.text(&label)?;
    }

    axis_labels(c, &chart.frame, &plot, bottom)
}

/// The x label centred under the plot at the bottom of the chart band, the y
/// label reading upwards at the left margin.
fn axis_labels<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    frame: &Frame,
    plot: &Plot,
    bottom: f32,
) -> Result<(), ChartError> {
    let size = AXIS_LABEL * c.u;
    let x_label = frame.x_label.trim();
    if !x_label.is_empty() {
        let (text, s) = c.fit(Face::Regular, size, x_label, c.w - 2.0 * c.m);
        let cx = ((plot.left + plot.right) / 2.0).max(c.m + c.width(Face::Regular, s, &text) / 2.0);
        c.text(&Label::new(&text, cx, bottom, s).anchor(HPos::Center, VPos::Bottom))?;
    }
    let y_label = frame.y_label.trim();
    if !y_label.is_empty() {
        let (text, s) = c.fit(Face::Regular, size, y_label, plot.bottom - plot.top);
        let cy = (plot.top + plot.bottom) / 2.0;
        c.text(&Label::new(&text, c.m, cy, s).anchor(HPos::Center, VPos::Top).vertical())?;
    }
    Ok(())
}

fn category_chart<DB: DrawingBackend>(c: &Canvas<'_, DB>, chart: &CategoryChart) -> Result<(), ChartError> {
    let (u, m) = (c.u, c.m);
    let (top, bottom) = frame(c, &chart.frame)?;
    let Axes { tick_size, axis_size, tick_len, has_y_label, x_axis_h } = Axes::measure(c, &chart.frame);
    let plot_top = top + 4.0 * u;
    let plot_bottom = (bottom - x_axis_h).max(plot_top + 10.0);
    let n = chart.bars.len().max(1);
    let row_h = (plot_bottom - plot_top) / n as f32;
    // Many categories on a small canvas: shrink the row text with the rows.
    let size = (TICK * u).min(row_h * 0.75).max(6.0);

    let y_label_w = if has_y_label { c.line_h(axis_size) + 10.0 * u } else { 0.0 };
    let max_label_w = (c.w - 2.0 * m) * 0.38;
    let labels: Vec<(String, f32)> =
        chart.bars.iter().map(|b| (c.truncate(Face::Regular, size, b.label.trim(), max_label_w), size)).collect();
    let label_col = labels.iter().map(|(t, s)| c.width(Face::Regular, *s, t)).fold(0.0f32, f32::max);
    let value_w =
        chart.bars.iter().map(|b| c.width(Face::Regular, size, &b.value_label)).fold(0.0f32, f32::max) + 8.0 * u;

    let lo = chart.bars.iter().map(|b| b.value).fold(0.0f64, f64::min);
    let hi = chart.bars.iter().map(|b| b.value).fold(0.0f64, f64::max);
    let label_right = m + y_label_w + label_col;
    let left = label_right + 10.0 * u + if lo < 0.0 { value_w } else { 0.0 };
    let right = (c.w - m - value_w).max(left + 10.0);
    let target = (((right - left) / (90.0 * u)).round() as usize).clamp(2, 10);
    let ticks = ValueTicks::new(lo, hi, target);
    let xv = |v: f64| left + ((v - ticks.lo) / (ticks.hi - ticks.lo)) as f32 * (right - left);

    for v in ticks.values() {
        let px = xv(v);
        c.vrule(px, plot_top, plot_bottom, 1.0, if v == 0.0 { AXIS } else { GRID })?;
        c.vrule(px, plot_bottom, plot_bottom + tick_len, 1.0, AXIS)?;
        let text = format_number(v, ticks.decimals);
        let label = Label::new(&text, px, plot_bottom + tick_len + 4.0 * u, tick_size)
            .anchor(HPos::Center, VPos::Top)
            .color(TICK_TEXT);
        c.text(&label)?;
    }
    c.hrule(left, right, plot_bottom, 1.0, AXIS)?;

    let x0 = xv(0.0);
    // Rows thinner than a line of text label only every `stride`-th bar.
    let stride = (c.line_h(size) / row_h).ceil().max(1.0) as usize;
    for (i, (bar, (label, lsize))) in chart.bars.iter().zip(&labels).enumerate() {
        let cy = plot_top + (i as f32 + 0.5) * row_h;
        // Thick enough to read as bars, capped so a handful of rows don't look like blocks.
        let bh = (row_h * 0.64).min(36.0 * u).max(1.0);
        let x1 = xv(bar.value);
        c.rect(x0, cy - bh / 2.0, x1, cy + bh / 2.0, BAR.filled())?;
        if i % stride != 0 {
            continue;
        }
        c.text(&Label::new(label, label_right, cy, *lsize).anchor(HPos::Right, VPos::Center))?;
        let value_label = if bar.value < 0.0 {
            Label::new(&bar.value_label, x1 - 6.0 * u, cy, size).anchor(HPos::Right, VPos::Center)
        } else {
            Label::new(&bar.value_label, x1 + 6.0 * u, cy, size).anchor(HPos::Left, VPos::Center)
        };
        c.text(&value_label.color(TICK_TEXT))?;
    }
    let plot = Plot { left, right, top: plot_top, bottom: plot_bottom, lo: ticks.lo, hi: ticks.hi };
    axis_labels(c, &chart.frame, &plot, bottom)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{TimeBar, TimeLine};
    use jiff::civil::date;

    fn chart(values: &[f64], thresholds: &[f64]) -> TimeChart {
        TimeChart {
            lines: vec![TimeLine {
                name: "total".into(),
                points: values.iter().enumerate().map(|(i, v)| (date(2024, 1, 1 + i as i8), *v)).collect(),
                emphasis: LineEmphasis::Primary,
            }],
            thresholds: thresholds.iter().map(|v| Threshold { value: *v, label: format_number(*v, 0) }).collect(),
            ..TimeChart::default()
        }
    }

    #[test]
    fn near_thresholds_widen_the_range_far_ones_do_not() {
        let c = chart(&[0.0, 700_000.0, 1_456_610.0], &[750_000.0, 1_000_000.0, 1_500_000.0, 5_000_000.0]);
        let (lo, hi, shown) = value_range(&c);
        assert_eq!(lo, 0.0);
        assert_eq!(hi, 1_500_000.0);
        assert_eq!(shown.len(), 3);
        let c = chart(&[10.0, 100_000.0], &[750_000.0]);
        let (_, hi, shown) = value_range(&c);
        assert_eq!(hi, 100_000.0);
        assert!(shown.is_empty());
    }

    #[test]
    fn bands_widen_the_value_range_and_thresholds_follow() {
        let mut c = chart(&[0.0, 100.0], &[1_400.0]);
        let (_, hi, shown) = value_range(&c);
        assert_eq!(hi, 100.0);
        assert!(shown.is_empty());
        c.bands.push(TimeBand {
            name: "95%".into(),
            points: vec![(date(2024, 1, 2), 100.0, 100.0), (date(2024, 1, 9), -50.0, 1_000.0)],
            shade: BandShade::Outer,
        });
        let (lo, hi, shown) = value_range(&c);
        assert_eq!((lo, hi), (-50.0, 1_400.0));
        assert_eq!(shown.len(), 1);
    }

    #[test]
    fn near_markers_widen_the_day_range_far_ones_are_dropped() {
        let mut c = chart(&[1.0; 11], &[]); // 2024-01-01 ..= 2024-01-11
        let first = day_number(date(2024, 1, 1));
        assert_eq!(day_range(&c), (first, first + 11, vec![]));
        c.bands.push(TimeBand {
            name: "80%".into(),
            points: vec![(date(2024, 1, 11), 1.0, 1.0), (date(2024, 1, 21), 0.0, 2.0)],
            shade: BandShade::Inner,
        });
        let marker = |d| DateMarker { date: d, label: d.to_string() };
        c.markers = vec![marker(date(2024, 1, 30)), marker(date(2023, 12, 25)), marker(date(2024, 6, 1))];
        let (lo, hi, shown) = day_range(&c);
        // Data span 21 days: markers up to 10 days beyond count, in date order.
        assert_eq!((lo, hi), (first - 7, first + 30));
        let dates: Vec<_> = shown.iter().map(|m| m.date).collect();
        assert_eq!(dates, [date(2023, 12, 25), date(2024, 1, 30)]);
    }

    /// Whether the placement keeps labels apart, on the canvas, and clear
    /// of the lines that rise through their rows.
    fn check_spots(items: &[(f32, f32)], spots: &[MarkerSpot]) {
        for (i, (&(x, w), s)) in items.iter().zip(spots).enumerate() {
            assert!((s.x1 - s.x0 - w).abs() < 1e-3, "{i}: width");
            assert!(s.x0 >= 0.0 && s.x1 <= 1000.0, "{i}: off the canvas {s:?}");
            assert!(s.x1 <= x || s.x0 >= x, "{i}: label across its own line {s:?}");
            for (j, (&(xj, _), t)) in items.iter().zip(spots).enumerate().filter(|(j, _)| *j != i) {
                if s.row == t.row {
                    assert!(s.x1 <= t.x0 || t.x1 <= s.x0, "{i} and {j} overlap: {s:?} {t:?}");
                }
                if t.row >= s.row {
                    assert!(xj < s.x0 || xj > s.x1, "line {j} crosses label {i}: {xj} {s:?}");
                }
            }
        }
    }

    #[test]
    fn marker_labels_stagger_when_close() {
        // Far apart: one row, each right of its line.
        let items = [(100.0, 120.0), (600.0, 120.0)];
        let spots = place_marker_labels(&items, 4.0, 8.0, 0.0, 1000.0);
        assert!(spots.iter().all(|s| s.row == 0), "{spots:?}");
        assert_eq!(spots[0].x0, 104.0);
        check_spots(&items, &spots);
        // As of, then the actual and the median crossing six pixels apart,
        // given out of order: no overlaps, no line through a label.
        let items = [(300.0, 110.0), (486.0, 180.0), (480.0, 150.0)];
        let spots = place_marker_labels(&items, 4.0, 8.0, 0.0, 1000.0);
        check_spots(&items, &spots);
        // Near the right edge the label goes left of its line.
        let items = [(990.0, 150.0)];
        let spots = place_marker_labels(&items, 4.0, 8.0, 0.0, 1000.0);
        assert_eq!((spots[0].row, spots[0].x1), (0, 986.0));
        // Two labels on the same day cannot both be clear of the other's
        // line, but they still get rows of their own.
        let items = [(500.0, 100.0), (500.0, 100.0), (500.0, 100.0)];
        let spots = place_marker_labels(&items, 4.0, 8.0, 0.0, 1000.0);
        for (i, s) in spots.iter().enumerate() {
            for t in &spots[i + 1..] {
                assert!(s.row != t.row || s.x1 <= t.x0 || t.x1 <= s.x0, "{spots:?}");
            }
        }
    }

    #[test]
    fn band_hits_edges_and_inside_but_not_outside() {
        let poly = [(10.0, 50.0), (110.0, 10.0), (110.0, 90.0), (10.0, 50.0)];
        let b = |x0: f32, y0: f32| Bbox { x0, y0, x1: x0 + 6.0, y1: y0 + 4.0 };
        assert!(band_hits(&poly, &b(90.0, 48.0)), "inside");
        assert!(band_hits(&poly, &b(60.0, 28.0)), "across the upper edge");
        assert!(!band_hits(&poly, &b(20.0, 10.0)), "above");
        assert!(!band_hits(&poly, &b(120.0, 48.0)), "right of it");
    }

    /// A range `day` days after 2024-01-01.
    fn range(day: i64, low: f64, best: Option<f64>, high: f64, group: usize) -> TimeRange {
        let date = date(2024, 1, 1).checked_add(jiff::Span::new().days(day)).unwrap_or_else(|e| panic!("{e}"));
        TimeRange { date, low, best, high, group }
    }

    #[test]
    fn ranges_widen_the_value_and_day_ranges() {
        let mut c = chart(&[10.0, 100.0], &[]);
        c.ranges = vec![range(19, 50.0, Some(-5.0), 40.0, 0), range(1, 1_000.0, None, 900.0, 1)];
        let (lo, hi, _) = value_range(&c);
        assert_eq!((lo, hi), (-5.0, 1_000.0));
        let first = day_number(date(2024, 1, 1));
        let (d0, d1, _) = day_range(&c);
        assert_eq!((d0, d1), (first, first + 20));
    }

    fn plot() -> Plot {
        Plot { left: 100.0, right: 1100.0, top: 0.0, bottom: 1000.0, lo: 0.0, hi: 1000.0 }
    }

    /// One pixel per day, day 0 at x = 500.
    fn place(ranges: &[TimeRange], marks: &RangeMarks) -> Vec<RangeMark> {
        let first = day_number(date(2024, 1, 1)) as f64;
        place_ranges(ranges, &plot(), |d| 500.0 + (d - first) as f32, marks)
    }

    #[test]
    fn ranges_are_bars_dots_or_both() {
        let marks = RangeMarks::new(1.0);
        let placed = place(
            &[
                range(0, 100.0, Some(150.0), 200.0, 0),
                range(0, 300.0, None, 300.0, 0),
                range(0, 600.0, None, 500.0, 0),
                range(0, 800.0, Some(700.0), 800.0, 0),
            ],
            &marks,
        );
        assert_eq!((placed[0].bar, placed[0].dot), (Some((800.0, 900.0)), Some(850.0)));
        assert_eq!((placed[1].bar, placed[1].dot), (None, Some(700.0)), "low == high: a dot at low");
        assert_eq!((placed[2].bar, placed[2].dot), (Some((400.0, 500.0)), None), "swapped bounds, no best");
        assert_eq!((placed[3].bar, placed[3].dot), (None, Some(300.0)), "best drawn where it falls");
        // Vertically apart: all stay on their day.
        assert!(placed.iter().all(|m| m.x == 501.0), "{placed:?}");
    }

    #[test]
    fn overlapping_ranges_move_apart_others_stay() {
        let marks = RangeMarks::new(1.0);
        assert!(marks.dodge >= 2.0 * marks.half(DotShape::Diamond), "dots of dodged ranges would touch");
        let ranges = [
            // Three on one day, overlapping: of different groups and of the same one.
            range(9, 100.0, Some(150.0), 200.0, 0),
            range(9, 120.0, Some(160.0), 220.0, 1),
            range(9, 90.0, Some(140.0), 210.0, 0),
            // The same day but far below: stays.
            range(9, 700.0, None, 800.0, 1),
            // Two days later and overlapping the first three: moves too.
            range(11, 150.0, None, 180.0, 2),
            // Far to the right: stays.
            range(59, 100.0, Some(150.0), 200.0, 1),
        ];
        let placed = place(&ranges, &marks);
        let xs: Vec<f32> = placed.iter().map(|m| m.x).collect();
        assert_eq!(xs[0], 510.0, "the first of a day stays on it: {xs:?}");
        assert_eq!((xs[3], xs[5]), (510.0, 560.0), "{xs:?}");
        for (i, j) in [(0, 1), (0, 2), (1, 2), (0, 4), (1, 4), (2, 4)] {
            assert!((xs[i] - xs[j]).abs() >= marks.dodge, "{i} and {j} too close: {xs:?}");
        }
        assert!(xs[..5].iter().all(|x| (x - 510.0).abs() <= 2.0 * marks.dodge + 2.0), "moved too far: {xs:?}");
        // Same input, same places.
        assert_eq!(place(&ranges, &marks), placed);
    }

    #[test]
    fn ranges_stay_inside_the_plot() {
        let marks = RangeMarks::new(1.0);
        let placed = place(&[range(0, 0.0, Some(5.0), 10.0, 0)], &marks);
        let first = day_number(date(2024, 1, 1)) as f64;
        let edge = place_ranges(&[range(0, 0.0, Some(5.0), 10.0, 0)], &plot(), |d| 100.0 + (d - first) as f32, &marks);
        assert_eq!(placed[0].x, 501.0);
        assert!(edge[0].x - marks.reach() > 100.0, "{:?}", edge[0]);
    }

    #[test]
    fn negative_bars_extend_the_range_below_zero() {
        let c = TimeChart {
            bars: vec![
                TimeBar {
                    start: date(2024, 1, 1),
                    end: date(2024, 1, 1),
                    value: 1200.0,
                    highlight: false,
                    label: None,
                },
                TimeBar { start: date(2024, 1, 2), end: date(2024, 1, 2), value: -35.0, highlight: false, label: None },
            ],
            ..TimeChart::default()
        };
        let (lo, hi, _) = value_range(&c);
        assert_eq!((lo, hi), (-35.0, 1200.0));
    }
}
