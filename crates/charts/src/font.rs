//! The embedded DejaVu Sans faces and the little text engine built on them.
//!
//! The files in `fonts/` are DejaVu Sans 2.37 as packaged by Debian
//! (`fonts-dejavu-core`), under the Bitstream Vera licence in
//! `fonts/LICENSE-DejaVu.txt`; they cover Latin and Cyrillic.
//!
//! Every glyph a chart shows comes from the two font files compiled into the
//! crate, so a chart looks the same on every machine whatever fonts it has.
//! Layout is done here, once, in font units, and both outputs consume the same
//! layout: the PNG path rasterises the outlines with `ab_glyph`, the SVG path
//! writes the same outlines as `<path>` data. Plotters' own `ab_glyph` text
//! code is bypassed because it snaps every glyph to whole pixels and places
//! the baseline by a rule of thumb that differs from what its size estimate
//! reports, which makes alignment of tick labels drift.

use std::fmt::Write as _;
use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, GlyphId, OutlineCurve, PxScale, point};

const REGULAR_TTF: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// The family name the faces are registered under with plotters.
pub(crate) const FAMILY: &str = "DejaVu Sans";

/// Which of the two embedded faces to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Face {
    Regular,
    Bold,
}

impl Face {
    /// Short tag used in SVG glyph ids.
    pub(crate) fn tag(self) -> char {
        match self {
            Face::Regular => 'r',
            Face::Bold => 'b',
        }
    }
}

struct Faces {
    regular: FontRef<'static>,
    bold: FontRef<'static>,
}

/// Parses the embedded fonts once; the error case can only mean a corrupt
/// build, but it is still reported rather than panicking.
fn faces() -> Result<&'static Faces, String> {
    static FACES: OnceLock<Result<Faces, String>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            let regular =
                FontRef::try_from_slice(REGULAR_TTF).map_err(|e| format!("embedded DejaVu Sans is unreadable: {e}"))?;
            let bold = FontRef::try_from_slice(BOLD_TTF)
                .map_err(|e| format!("embedded DejaVu Sans Bold is unreadable: {e}"))?;
            // Registering keeps any plotters code path that measures text on its
            // own (rather than through our backend) on the same font instead of
            // failing with "font unavailable"; plotters never looks at system fonts
            // with only the `ab_glyph` feature.
            plotters::style::register_font(FAMILY, plotters::style::FontStyle::Normal, REGULAR_TTF)
                .map_err(|_| "plotters rejected the embedded DejaVu Sans".to_string())?;
            plotters::style::register_font(FAMILY, plotters::style::FontStyle::Bold, BOLD_TTF)
                .map_err(|_| "plotters rejected the embedded DejaVu Sans Bold".to_string())?;
            Ok(Faces { regular, bold })
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// Makes sure the fonts are parsed and registered before drawing starts, so a
/// broken font surfaces as one clear error instead of inside a draw call.
pub(crate) fn init() -> Result<(), String> {
    faces().map(|_| ())
}

fn font(face: Face) -> Result<&'static FontRef<'static>, String> {
    let faces = faces()?;
    Ok(match face {
        Face::Regular => &faces.regular,
        Face::Bold => &faces.bold,
    })
}

/// A shaped line of text in font units: glyphs with their pen positions.
pub(crate) struct Shaped {
    pub(crate) face: Face,
    pub(crate) glyphs: Vec<(GlyphId, f32)>,
    /// Total advance in font units.
    pub(crate) advance: f32,
    units_per_em: f32,
    ascent: f32,
    descent: f32,
}

impl Shaped {
    /// Pixels per font unit at a given em size in pixels.
    pub(crate) fn scale(&self, size: f32) -> f32 {
        size / self.units_per_em
    }

    /// Width in pixels at `size`.
    pub(crate) fn width(&self, size: f32) -> f32 {
        self.advance * self.scale(size)
    }

    /// Ascent above the baseline in pixels (positive).
    pub(crate) fn ascent(&self, size: f32) -> f32 {
        self.ascent * self.scale(size)
    }

    /// Descent below the baseline in pixels (positive).
    pub(crate) fn descent(&self, size: f32) -> f32 {
        -self.descent * self.scale(size)
    }
}

/// Lays out one line of text. No complex shaping is needed for Latin and
/// Cyrillic labels: advance widths plus pair kerning reproduce what a text
/// renderer would do.
pub(crate) fn shape(face: Face, text: &str) -> Result<Shaped, String> {
    let font = font(face)?;
    let mut glyphs = Vec::with_capacity(text.len());
    let mut pen = 0.0f32;
    let mut prev: Option<GlyphId> = None;
    // Control characters would show as .notdef boxes; labels are single lines.
    for c in text.chars().filter(|c| !c.is_control()) {
        let id = font.glyph_id(c);
        if let Some(p) = prev {
            pen += font.kern_unscaled(p, id);
        }
        glyphs.push((id, pen));
        pen += font.h_advance_unscaled(id);
        prev = Some(id);
    }
    Ok(Shaped {
        face,
        glyphs,
        advance: pen,
        units_per_em: font.units_per_em().unwrap_or(2048.0),
        ascent: font.ascent_unscaled(),
        descent: font.descent_unscaled(),
    })
}

/// Width of `text` in pixels at `size`; 0 if the font is unusable, which
/// `init` has already reported by the time layout runs.
pub(crate) fn text_width(face: Face, size: f32, text: &str) -> f32 {
    shape(face, text).map(|s| s.width(size)).unwrap_or(0.0)
}

/// Rasterises a shaped line with its pen origin (left end of the baseline) at
/// `origin`, calling `pixel(x, y, coverage)` in the line's own coordinate
/// system (x along the text, y down) for every touched pixel.
pub(crate) fn rasterize(
    shaped: &Shaped,
    size: f32,
    origin: (f32, f32),
    mut pixel: impl FnMut(i32, i32, f32),
) -> Result<(), String> {
    let font = font(shaped.face)?;
    let k = shaped.scale(size);
    // ab_glyph's PxScale is the ascent-to-descent height, not the em size.
    let px_scale = PxScale::from(k * font.height_unscaled());
    for &(id, x) in &shaped.glyphs {
        let glyph = id.with_scale_and_position(px_scale, point(origin.0 + x * k, origin.1));
        if let Some(outlined) = font.outline_glyph(glyph) {
            let bounds = outlined.px_bounds();
            let (bx, by) = (bounds.min.x as i32, bounds.min.y as i32);
            outlined.draw(|gx, gy, c| {
                if c > 0.0 {
                    pixel(bx + gx as i32, by + gy as i32, c.min(1.0));
                }
            });
        }
    }
    Ok(())
}

/// SVG path data for one glyph in font units with y pointing up, as stored in
/// the font, so each glyph can be defined once and placed with `<use>`.
pub(crate) fn glyph_path(face: Face, id: GlyphId) -> Result<String, String> {
    let font = font(face)?;
    let mut d = String::new();
    let Some(outline) = font.outline(id) else {
        return Ok(d);
    };
    let mut last: Option<ab_glyph::Point> = None;
    for curve in &outline.curves {
        let (start, end) = match curve {
            OutlineCurve::Line(p0, p1) => (*p0, *p1),
            OutlineCurve::Quad(p0, _, p2) => (*p0, *p2),
            OutlineCurve::Cubic(p0, _, _, p3) => (*p0, *p3),
        };
        // A curve that does not continue from the previous one starts a new
        // contour; TrueType contours are closed, so close the old one.
        if last != Some(start) {
            if last.is_some() {
                d.push('Z');
            }
            d.push('M');
            push_point(&mut d, start);
        }
        match curve {
            OutlineCurve::Line(_, p1) => {
                d.push('L');
                push_point(&mut d, *p1);
            }
            OutlineCurve::Quad(_, p1, p2) => {
                d.push('Q');
                push_point(&mut d, *p1);
                d.push(' ');
                push_point(&mut d, *p2);
            }
            OutlineCurve::Cubic(_, p1, p2, p3) => {
                d.push('C');
                push_point(&mut d, *p1);
                d.push(' ');
                push_point(&mut d, *p2);
                d.push(' ');
                push_point(&mut d, *p3);
            }
        }
        last = Some(end);
    }
    if last.is_some() {
        d.push('Z');
    }
    Ok(d)
}

fn push_point(d: &mut String, p: ab_glyph::Point) {
    let _ = write!(d, "{} {}", num(p.x), num(p.y));
}

/// Formats a coordinate with at most two decimals and no trailing zeros, which
/// keeps SVG files small and byte-for-byte reproducible.
pub(crate) fn num(v: f32) -> String {
    let mut s = format!("{v:.2}");
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    if s == "-0" { "0".to_string() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cyrillic_glyphs_exist_in_embedded_font() {
        let shaped = shape(Face::Regular, "Особовий склад").unwrap_or_else(|e| panic!("{e}"));
        assert!(shaped.glyphs.iter().all(|(id, _)| id.0 != 0));
        assert!(shaped.width(16.0) > 50.0);
    }

    #[test]
    fn num_trims() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.5), "1.5");
        assert_eq!(num(-0.001), "0");
    }
}
