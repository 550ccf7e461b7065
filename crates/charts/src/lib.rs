//! Charts of loss series, rendered to PNG or SVG with plotters.
//!
//! Callers describe a chart with plain data ([`TimeChart`] for bars, lines,
//! shaded bands, error bars and date markers over dates — enough for a
//! forecast fan or for published assessments against a running total —,
//! [`CategoryChart`] for a horizontal bar per category) and call
//! [`render`] for bytes or [`write()`] for a file. The crate knows nothing of the
//! other attrition crates; dates are `jiff::civil::Date` and values `f64`.
//!
//! # Same pixels on every machine
//!
//! All text uses DejaVu Sans (regular and bold), compiled into the crate from
//! `fonts/` (licence in `fonts/LICENSE-DejaVu.txt`); no system font is ever
//! looked up. The faces are also registered with plotters
//! (`plotters::style::register_font`), but text is laid out and drawn by this
//! crate's own backend wrapper so that both outputs share one layout.
//!
//! # Text in SVG
//!
//! Plotters' SVG backend writes `<text>` elements, which a viewer renders
//! with whatever fonts it has, so labels would shift or fall back to other
//! glyphs. Instead each glyph that a chart uses is written once as a
//! `<path>` (its outline from the embedded font, in font units) inside
//! `<defs>`, and every label is a group of `<use>` references to them. This
//! was preferred to embedding the font as a base64 `@font-face` because:
//! the file stays small (only the glyphs used, a few dozen, instead of
//! ~1 MB of base64 per chart); it renders the same in viewers that ignore
//! CSS fonts (many converters and image pipelines do); and text positions
//! come from our layout, not the viewer's. The cost is that SVG text is not
//! selectable or searchable.
//!
//! # Determinism
//!
//! Rendering the same chart twice yields identical bytes: layout is plain
//! arithmetic, glyph definitions are emitted in a sorted order, and the PNG
//! encoder has no timestamps.

mod axis;
mod backend;
mod draw;
mod font;

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use jiff::civil::Date;
use plotters::prelude::{BitMapBackend, IntoDrawingArea, SVGBackend};

use crate::backend::{GlyphBackend, SvgText, TextMode};

/// Smallest accepted chart width in pixels: below this labels collide.
pub const MIN_WIDTH: u32 = 320;
/// Smallest accepted chart height in pixels.
pub const MIN_HEIGHT: u32 = 200;
/// Largest accepted width or height; bounds the bitmap at ~190 MB.
pub const MAX_SIDE: u32 = 8000;

/// File format of a rendered chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// 8-bit RGB PNG.
    Png,
    /// SVG with text drawn as glyph outlines.
    Svg,
}

impl OutputFormat {
    /// Picks the format from the file extension (`.png` or `.svg`, any case).
    pub fn from_path(path: &Path) -> Result<Self, ChartError> {
        let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("png") => Ok(Self::Png),
            Some("svg") => Ok(Self::Svg),
            _ => Err(ChartError::UnsupportedExtension { path: path.to_path_buf() }),
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Svg => "svg",
        }
    }
}

/// Texts around the plot that every chart has.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Frame {
    /// Title at the top; may be empty.
    pub title: String,
    /// Label under the horizontal axis; may be empty.
    pub x_label: String,
    /// Label along the vertical axis; may be empty.
    pub y_label: String,
    /// Lines printed small and grey at the bottom: source, counting
    /// convention, data version.
    pub footer: Vec<String>,
}

/// One bar on a time axis, covering the days `start..=end`.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeBar {
    /// First day covered.
    pub start: Date,
    /// Last day covered (equal to `start` for a daily bar).
    pub end: Date,
    /// Height of the bar; negative values are drawn below zero.
    pub value: f64,
    /// Draw in the contrasting colour, with `label` above the bar.
    pub highlight: bool,
    /// Text shown above a highlighted bar, e.g. "2nd of 31".
    pub label: Option<String>,
}

/// How prominently a line is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineEmphasis {
    /// The main series: darkest and widest.
    Primary,
    /// A supporting series.
    Secondary,
    /// A background series: thinnest.
    Tertiary,
    /// A projection, such as the median of a forecast: dashed, in the hue of
    /// the [`TimeBand`]s, so it reads as the centre of its fan and cannot be
    /// mistaken for recorded data.
    Forecast,
}

/// A line over dates, with an entry in the legend.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeLine {
    /// Legend text.
    pub name: String,
    /// Points in any order; they are drawn sorted by date, at mid-day.
    pub points: Vec<(Date, f64)>,
    /// Colour and width.
    pub emphasis: LineEmphasis,
}

/// A horizontal reference line, e.g. a round total.
#[derive(Clone, Debug, PartialEq)]
pub struct Threshold {
    /// Height of the line.
    pub value: f64,
    /// Text next to the line, e.g. "750,000".
    pub label: String,
}

/// How strongly a [`TimeBand`] is shaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BandShade {
    /// The narrower band, e.g. an 80% prediction interval: the darker shade.
    Inner,
    /// The wider band, e.g. a 95% prediction interval: the lighter shade.
    Outer,
}

/// A shaded band between a lower and an upper value over dates, e.g. a
/// prediction interval around a forecast; it has an entry in the legend.
///
/// Both shades share the hue of [`LineEmphasis::Forecast`] and are opaque
/// colours pre-blended on white, so PNG and SVG look the same; outer bands
/// are drawn first, inner ones over them, all beneath bars and lines.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeBand {
    /// Legend text, e.g. "80% prediction interval".
    pub name: String,
    /// `(day, lower, upper)` in any order; drawn sorted by date, at mid-day
    /// like line points. Lower and upper may be swapped; a band needs two
    /// points to be drawn.
    pub points: Vec<(Date, f64, f64)>,
    /// Darker (inner) or lighter (outer) shade.
    pub shade: BandShade,
}

/// A labelled vertical line at a date, e.g. "as of 2024-09-28".
///
/// The line is thin, grey and dashed, across the whole plot; its label sits
/// in a strip above the plot, beside the line, moved to further rows when
/// markers are too close for their labels to share one.
#[derive(Clone, Debug, PartialEq)]
pub struct DateMarker {
    /// The day marked; the line is drawn at its middle, like line points.
    pub date: Date,
    /// Text beside the top of the line.
    pub label: String,
}

/// An estimate of a value on a date, e.g. a published assessment: a
/// vertical error bar from `low` to `high` with small caps, and a dot at
/// `best` if there is one.
///
/// Each [`RangeGroup`] has its own colour and dot shape (circle, diamond,
/// square, then repeating with other colours). A range with `low == high`
/// and no best value, or one too short to show as a bar, is drawn as a dot
/// alone. `low` and `high` may be given in either order (they are swapped);
/// `best` may lie outside them, in which case it is drawn where it falls and
/// the bar is not stretched to reach it.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeRange {
    /// The day of the estimate; drawn at its middle, like line points.
    pub date: Date,
    /// Lower end of the range.
    pub low: f64,
    /// The single best (central) value, if the estimate gives one.
    pub best: Option<f64>,
    /// Upper end of the range.
    pub high: f64,
    /// Index into [`TimeChart::range_groups`]; a range whose group does not
    /// exist is an error ([`ChartError::UnknownRangeGroup`]).
    pub group: usize,
}

/// A kind of [`TimeRange`], e.g. "killed (estimates)", with an entry in the
/// legend: a small error bar with a dot in the group's colour and shape.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RangeGroup {
    /// Legend text.
    pub name: String,
}

/// Bars, lines, bands and error bars against dates, with reference lines
/// and markers.
///
/// The vertical range covers every bar, line point, band bound, range (its
/// low, high and best values) and zero; a
/// threshold widens it only if it lies within half the data's span beyond
/// the data (so 1,500,000 shows on a series reaching 1,456,610, but 5,000,000
/// on a series reaching 100,000 is left out rather than squashing the data);
/// thresholds outside the final range are not drawn. The time range covers
/// every bar, line point, band point and range, and likewise widens for a
/// marker only within half the data's span beyond it; other markers are not
/// drawn.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TimeChart {
    /// Title, axis labels and footer.
    pub frame: Frame,
    /// Bars, drawn over the bands.
    pub bars: Vec<TimeBar>,
    /// Lines, drawn over the bars in order.
    pub lines: Vec<TimeLine>,
    /// Dashed reference lines.
    pub thresholds: Vec<Threshold>,
    /// Shaded bands, drawn first (outer shades, then inner ones); in the
    /// legend after the lines.
    pub bands: Vec<TimeBand>,
    /// Dashed vertical lines with labels, drawn over bars and under lines.
    pub markers: Vec<DateMarker>,
    /// Estimates with error bars, drawn over everything else (so that lines
    /// do not hide them): first all bars and caps, then all dots. A range
    /// that would overlap another (close in date and in value, of any
    /// group) is moved sideways by the few pixels needed to tell them apart.
    pub ranges: Vec<TimeRange>,
    /// The groups of `ranges`, in the legend after the lines and bands
    /// (only groups that have a range are listed).
    pub range_groups: Vec<RangeGroup>,
}

/// One horizontal bar of a category chart.
#[derive(Clone, Debug, PartialEq)]
pub struct CategoryBar {
    /// Category name, left of the bar.
    pub label: String,
    /// Length of the bar.
    pub value: f64,
    /// Text right of the bar, e.g. "31.2% (12,345)".
    pub value_label: String,
}

/// Horizontal bars, one per category, top to bottom in the given order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CategoryChart {
    /// Title, axis labels and footer.
    pub frame: Frame,
    /// The bars.
    pub bars: Vec<CategoryBar>,
}

/// Any chart this crate draws.
#[derive(Clone, Debug, PartialEq)]
pub enum Chart {
    /// Bars and lines against dates.
    Time(TimeChart),
    /// Horizontal bars per category.
    Categories(CategoryChart),
}

/// Why a chart could not be rendered or written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ChartError {
    /// The output path does not end in `.png` or `.svg`.
    #[error("{}: unsupported chart format (use a .png or .svg file name)", path.display())]
    UnsupportedExtension {
        /// The offending path.
        path: PathBuf,
    },
    /// The chart has no bars, no line points, no band points and no ranges.
    #[error("nothing to draw: {0}")]
    Empty(&'static str),
    /// A value is NaN or infinite.
    #[error("cannot draw a non-finite value ({value}) in {what}")]
    NonFinite {
        /// Which item holds it.
        what: String,
        /// The value itself.
        value: f64,
    },
    /// A [`TimeRange`] names a group that [`TimeChart::range_groups`] does
    /// not have.
    #[error(
        "the range on {date} is in range group {group}, which does not exist (the chart has {groups} range groups)"
    )]
    UnknownRangeGroup {
        /// The day of the range.
        date: Date,
        /// The group index it names.
        group: usize,
        /// How many range groups the chart has.
        groups: usize,
    },
    /// A bar ends before it starts.
    #[error("bar from {start} to {end} ends before it starts")]
    BarSpan {
        /// First day of the bar.
        start: Date,
        /// Last day of the bar.
        end: Date,
    },
    /// Requested size is outside the supported range.
    #[error("chart size {width}x{height} is not supported (from {MIN_WIDTH}x{MIN_HEIGHT} up to {MAX_SIDE}x{MAX_SIDE})")]
    Size {
        /// Requested width.
        width: u32,
        /// Requested height.
        height: u32,
    },
    /// Plotters or the text engine failed while drawing.
    #[error("drawing the chart failed: {0}")]
    Draw(String),
    /// The PNG encoder failed.
    #[error("encoding the PNG failed: {0}")]
    Encode(String),
    /// Writing the file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file being written.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// Renders `chart` to the bytes of a PNG or SVG file of `width` x `height`
/// pixels (1200x675 is the size the charts are designed for).
pub fn render(chart: &Chart, format: OutputFormat, width: u32, height: u32) -> Result<Vec<u8>, ChartError> {
    check_size(width, height)?;
    validate(chart)?;
    font::init().map_err(ChartError::Draw)?;
    let draw_err = |e: plotters::drawing::DrawingAreaErrorKind<_>| ChartError::Draw(e.to_string());
    match format {
        OutputFormat::Png => {
            let mut rgb = vec![255u8; width as usize * height as usize * 3];
            {
                let inner = BitMapBackend::with_buffer(&mut rgb, (width, height));
                let area = GlyphBackend::new(inner, TextMode::Raster).into_drawing_area();
                draw::draw(&area, chart)?;
                area.present().map_err(draw_err)?;
            }
            encode_png(&rgb, width, height)
        }
        OutputFormat::Svg => {
            let mut svg = String::new();
            let mut text = SvgText::default();
            {
                let inner = SVGBackend::with_string(&mut svg, (width, height));
                let area = GlyphBackend::new(inner, TextMode::Svg(&mut text)).into_drawing_area();
                draw::draw(&area, chart)?;
                area.present().map_err(|e| ChartError::Draw(e.to_string()))?;
            }
            Ok(text.finish(svg).into_bytes())
        }
    }
}

/// Renders `chart` into `path`, choosing the format from its extension, and
/// returns the format used.
///
/// The file is written to a temporary name in the same directory and renamed
/// into place, so readers never see a half-written chart and a failure leaves
/// no file behind.
pub fn write(chart: &Chart, path: &Path, width: u32, height: u32) -> Result<OutputFormat, ChartError> {
    let format = OutputFormat::from_path(path)?;
    let bytes = render(chart, format, width, height)?;
    let io_err = |source| ChartError::Io { path: path.to_path_buf(), source };
    let file_name = path.file_name().ok_or_else(|| io_err(std::io::Error::other("path has no file name")))?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let (tmp, mut file) = loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let mut name = std::ffi::OsString::from(".");
        name.push(file_name);
        name.push(format!(".{}.{n}.tmp", std::process::id()));
        let tmp = dir.join(name);
        match fs::OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(io_err(e)),
        }
    };
    let result = file.write_all(&bytes).and_then(|()| file.sync_all()).and_then(|()| {
        drop(file);
        fs::rename(&tmp, path)
    });
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(io_err(e));
    }
    Ok(format)
}

fn check_size(width: u32, height: u32) -> Result<(), ChartError> {
    if (MIN_WIDTH..=MAX_SIDE).contains(&width) && (MIN_HEIGHT..=MAX_SIDE).contains(&height) {
        Ok(())
    } else {
        Err(ChartError::Size { width, height })
    }
}

fn finite(value: f64, what: impl FnOnce() -> String) -> Result<(), ChartError> {
    if value.is_finite() { Ok(()) } else { Err(ChartError::NonFinite { what: what(), value }) }
}

/// Rejects what the drawing code cannot place, before any pixel is drawn.
fn validate(chart: &Chart) -> Result<(), ChartError> {
    match chart {
        Chart::Time(t) => {
            if t.bars.is_empty()
                && t.lines.iter().all(|l| l.points.is_empty())
                && t.bands.iter().all(|b| b.points.is_empty())
                && t.ranges.is_empty()
            {
                return Err(ChartError::Empty(
                    "the time chart has no bars, no line points, no band points and no ranges",
                ));
            }
            for bar in &t.bars {
                finite(bar.value, || format!("the bar starting {}", bar.start))?;
                if bar.end < bar.start {
                    return Err(ChartError::BarSpan { start: bar.start, end: bar.end });
                }
            }
            for line in &t.lines {
                for (date, v) in &line.points {
                    finite(*v, || format!("line \"{}\" on {date}", line.name))?;
                }
            }
            for band in &t.bands {
                for (date, lower, upper) in &band.points {
                    finite(*lower, || format!("band \"{}\" on {date} (lower)", band.name))?;
                    finite(*upper, || format!("band \"{}\" on {date} (upper)", band.name))?;
                }
            }
            for r in &t.ranges {
                finite(r.low, || format!("the range on {} (low)", r.date))?;
                finite(r.high, || format!("the range on {} (high)", r.date))?;
                if let Some(best) = r.best {
                    finite(best, || format!("the range on {} (best)", r.date))?;
                }
                if r.group >= t.range_groups.len() {
                    return Err(ChartError::UnknownRangeGroup {
                        date: r.date,
                        group: r.group,
                        groups: t.range_groups.len(),
                    });
                }
            }
            for th in &t.thresholds {
                finite(th.value, || format!("threshold \"{}\"", th.label))?;
            }
        }
        Chart::Categories(c) => {
            if c.bars.is_empty() {
                return Err(ChartError::Empty("the category chart has no bars"));
            }
            for bar in &c.bars {
                finite(bar.value, || format!("category \"{}\"", bar.label))?;
            }
        }
    }
    Ok(())
}

fn encode_png(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, ChartError> {
    let enc_err = |e: png::EncodingError| ChartError::Encode(e.to_string());
    let mut out = Vec::with_capacity(rgb.len() / 8);
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(enc_err)?;
    writer.write_image_data(rgb).map_err(enc_err)?;
    writer.finish().map_err(enc_err)?;
    Ok(out)
}
