//! Layout and drawing of the two chart kinds on any plotters backend.
//!
//! Layout is computed by hand in pixels rather than with plotters'
//! `ChartBuilder`: the time axis needs ticks on month boundaries, the legend
//! must sit outside the data, and every text must be measured with the
//! embedded font to avoid overlaps — all easier to guarantee directly. All
//! sizes scale with the canvas from a design size of 1200x675.

use plotters::coord::Shift;
use plotters::element::{Circle, PathElement, Rectangle};
use plotters::prelude::{DrawingArea, DrawingBackend};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontStyle, FontTransform, IntoFont, RGBAColor, RGBColor, ShapeStyle, WHITE};

use crate::axis::{self, ValueTicks, day_number, format_number};
use crate::font::{self, FAMILY, Face};
use crate::{CategoryChart, Chart, ChartError, Frame, LineEmphasis, Threshold, TimeChart};

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

fn line_style(emphasis: LineEmphasis) -> (RGBColor, f32) {
    match emphasis {
        LineEmphasis::Primary => (RGBColor(0x1b, 0x36, 0x6b), 3.0),
        LineEmphasis::Secondary => (RGBColor(0xf2, 0x8e, 0x2b), 2.0),
        LineEmphasis::Tertiary => (RGBColor(0x59, 0xa1, 0x4f), 1.25),
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

/// The vertical range a time chart must show: every bar and point and zero,
/// widened by the thresholds that lie within half the data's span beyond it
/// (those are returned too; the others are not drawn).
fn value_range(chart: &TimeChart) -> (f64, f64, Vec<&Threshold>) {
    let values =
        chart.bars.iter().map(|b| b.value).chain(chart.lines.iter().flat_map(|l| l.points.iter().map(|p| p.1)));
    let (mut lo, mut hi) = values.fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let span = hi - lo;
    let shown: Vec<&Threshold> =
        chart.thresholds.iter().filter(|t| t.value >= lo - span * 0.5 && t.value <= hi + span * 0.5).collect();
    for t in &shown {
        lo = lo.min(t.value);
        hi = hi.max(t.value);
    }
    (lo, hi, shown)
}

fn time_chart<DB: DrawingBackend>(c: &Canvas<'_, DB>, chart: &TimeChart) -> Result<(), ChartError> {
    let (u, m) = (c.u, c.m);
    let (top, bottom) = frame(c, &chart.frame)?;

    // Legend entries flow left to right under the title, wrapping as needed;
    // kept outside the plot so they can never cover data.
    let legend_size = LEGEND * u;
    let swatch = 28.0 * u;
    let mut legend: Vec<(String, f32, f32, usize)> = Vec::new(); // name, x, width, row
    let (mut lx, mut row) = (m, 0usize);
    for line in chart.lines.iter().filter(|l| !l.points.is_empty()) {
        let name = c.truncate(Face::Regular, legend_size, line.name.trim(), c.w - 2.0 * m - swatch - 8.0 * u);
        let width = swatch + 8.0 * u + c.width(Face::Regular, legend_size, &name);
        if lx > m && lx + width > c.w - m {
            row += 1;
            lx = m;
        }
        legend.push((name, lx, width, row));
        lx += width + 26.0 * u;
    }
    let legend_row_h = (legend_size * 1.6).round();
    let legend_h = if legend.is_empty() { 0.0 } else { (row + 1) as f32 * legend_row_h + 6.0 * u };

    let Axes { tick_size, axis_size, tick_len, has_y_label, x_axis_h } = Axes::measure(c, &chart.frame);
    let plot_top = top + legend_h + 6.0 * u;
    let plot_bottom = (bottom - x_axis_h).max(plot_top + 10.0);
    let plot_h = plot_bottom - plot_top;

    // Vertical range: data and zero, then thresholds close enough to matter,
    // then head-room for the labels drawn above bars and thresholds.
    let (lo, hi, shown_thresholds) = value_range(chart);
    let note_size = NOTE * u;
    let note_room = f64::from((c.line_h(note_size) + 6.0 * u) / plot_h).min(0.3);
    let labelled = |b: &&crate::TimeBar| b.highlight && b.label.as_deref().is_some_and(|s| !s.trim().is_empty());
    let needs_room_above = chart.bars.iter().filter(labelled).any(|b| b.value >= 0.0);
    let needs_room_below = chart.bars.iter().filter(labelled).any(|b| b.value < 0.0);
    let range = (hi - lo).max(f64::MIN_POSITIVE);
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

    // Time range in day numbers, half-open: a bar covers [start, end + 1).
    let mut first = i64::MAX;
    let mut last = i64::MIN;
    for b in &chart.bars {
        first = first.min(day_number(b.start));
        last = last.max(day_number(b.end) + 1);
    }
    for l in &chart.lines {
        for (d, _) in &l.points {
            first = first.min(day_number(*d));
            last = last.max(day_number(*d) + 1);
        }
    }
    let days = (last - first).max(1) as f32;
    let x = |day: f64| left + ((day - first as f64) as f32 / days) * (right - left);

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

    // Lines.
    let mut line_pts: Vec<Vec<(f32, f32)>> = Vec::new();
    for line in &chart.lines {
        let mut pts = line.points.clone();
        pts.sort_by_key(|(d, _)| *d);
        let px: Vec<(f32, f32)> = pts.iter().map(|(d, v)| (x(day_number(*d) as f64 + 0.5), plot.y(*v))).collect();
        let (color, width) = line_style(line.emphasis);
        c.polyline(&px, color, width)?;
        line_pts.push(px);
    }

    // Axes on top of the data so bars do not nibble them.
    c.vrule(left - 1.0, plot_top, plot_bottom, 1.0, AXIS)?;
    c.hrule(left - 1.0, right, plot_bottom, 1.0, AXIS)?;

    let collides = |b: &Bbox| {
        data_boxes.iter().any(|d| d.overlaps(b))
            || line_pts.iter().any(|pts| pts.windows(2).any(|w| b.hit_by_segment(w[0], w[1])))
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

    // Legend.
    for (i, (name, lx, _, row)) in legend.iter().enumerate() {
        let Some(line) = chart.lines.iter().filter(|l| !l.points.is_empty()).nth(i) else {
            continue;
        };
        let cy = top + *row as f32 * legend_row_h + legend_row_h / 2.0;
        let (color, width) = line_style(line.emphasis);
        c.polyline(&[(*lx, cy), (*lx + swatch, cy)], color, width)?;
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
