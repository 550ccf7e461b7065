//! A plotters backend wrapper that owns text (and, for bitmaps, strokes).
//!
//! Charts are drawn once, generically, onto `GlyphBackend<BitMapBackend>` or
//! `GlyphBackend<SVGBackend>`. The wrapper forwards shapes to the real
//! backend but handles `draw_text` itself with the embedded font:
//!
//! * bitmap: glyph outlines are rasterised with anti-aliasing and blended in;
//! * SVG: glyph outlines become `<path>` definitions, placed with `<use>`, so
//!   the file needs no font on the viewer's machine (see the crate docs for
//!   why outlines rather than an embedded `@font-face`).
//!
//! Plotters draws thick polylines and filled polygons into bitmaps without
//! anti-aliasing, which makes average lines and the edges of shaded bands
//! look jagged; in bitmap mode the wrapper strokes paths and fills polygons
//! and circles itself with the same coverage rasteriser that renders glyphs.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::fmt::{self, Write as _};

use ab_glyph_rasterizer::{Rasterizer, point};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{FontStyle, FontTransform};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle};
use plotters_backend::{DrawingBackend, DrawingErrorKind};

use crate::font::{self, Face, num};

/// Where text goes: blended into pixels, or collected as SVG outlines.
pub(crate) enum TextMode<'s> {
    Raster,
    Svg(&'s mut SvgText),
}

/// Text collected while drawing an SVG, written out by [`SvgText::finish`].
#[derive(Default)]
pub(crate) struct SvgText {
    defs: BTreeMap<(Face, u16), String>,
    body: String,
}

impl SvgText {
    /// Inserts the collected glyphs into the document plotters produced.
    ///
    /// Text is appended after all shapes, so it is painted on top of them;
    /// that is what every label on these charts wants anyway.
    pub(crate) fn finish(self, mut svg: String) -> String {
        let mut extra = String::new();
        extra.push_str("<g xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n<defs>\n");
        for ((face, id), d) in self.defs.iter().filter(|(_, d)| !d.is_empty()) {
            let _ = writeln!(extra, "<path id=\"g{}{}\" d=\"{}\"/>", face.tag(), id, d);
        }
        extra.push_str("</defs>\n");
        extra.push_str(&self.body);
        extra.push_str("</g>\n");
        match svg.rfind("</svg>") {
            Some(at) => svg.insert_str(at, &extra),
            None => svg.push_str(&extra),
        }
        // Round joins keep thick, jagged series lines from growing miter spikes.
        let style = "<style>polyline{stroke-linejoin:round;stroke-linecap:round}</style>\n";
        if let Some(open_end) = svg.find('>') {
            svg.insert_str(open_end + 1, &format!("\n{style}"));
        }
        svg
    }
}

/// Error raised when text cannot be laid out (only a corrupt embedded font).
#[derive(Debug)]
pub(crate) struct TextError(pub(crate) String);

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TextError {}

fn text_error<E: std::error::Error + Send + Sync>(msg: String) -> DrawingErrorKind<E> {
    DrawingErrorKind::FontError(Box::new(TextError(msg)))
}

/// See the module docs.
pub(crate) struct GlyphBackend<'s, DB> {
    inner: DB,
    mode: TextMode<'s>,
}

impl<'s, DB: DrawingBackend> GlyphBackend<'s, DB> {
    pub(crate) fn new(inner: DB, mode: TextMode<'s>) -> Self {
        Self { inner, mode }
    }

    /// Anti-aliased stroke: each segment is a rectangle and each vertex a
    /// small polygonal disc (round joins), all wound the same way so that the
    /// accumulated coverage of overlaps only saturates instead of cancelling.
    fn stroke_aa(
        &mut self,
        pts: &[(f32, f32)],
        width: f32,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let half = width / 2.0;
        const DISC_SIDES: usize = 12;
        let disc = |cx: f32, cy: f32| -> Vec<(f32, f32)> {
            // Clockwise on screen, matching the winding of the segment quads.
            (0..DISC_SIDES)
                .map(|i| {
                    let a = -(i as f32) * std::f32::consts::TAU / DISC_SIDES as f32;
                    (cx + half * a.cos(), cy + half * a.sin())
                })
                .collect()
        };
        let mut polygons = Vec::with_capacity(pts.len() * 2);
        for pair in pts.windows(2) {
            let ((ax, ay), (bx, by)) = (pair[0], pair[1]);
            let (dx, dy) = (bx - ax, by - ay);
            let len = (dx * dx + dy * dy).sqrt();
            if len < 1e-3 {
                continue;
            }
            let (nx, ny) = (-dy / len * half, dx / len * half);
            polygons.push(vec![(ax + nx, ay + ny), (bx + nx, by + ny), (bx - nx, by - ny), (ax - nx, ay - ny)]);
        }
        if width > 1.5 {
            polygons.extend(pts.iter().map(|&(x, y)| disc(x, y)));
        }
        self.paint_aa(&polygons, half + 2.0, color)
    }

    /// Fills the union of `polygons` with anti-aliased edges: the coverage of
    /// each pixel (accumulated, so same-wound overlaps saturate) scales the
    /// colour's alpha. Only the bounding box, widened by `pad`, is rasterised.
    fn paint_aa(
        &mut self,
        polygons: &[Vec<(f32, f32)>],
        pad: f32,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        if polygons.iter().all(Vec::is_empty) || color.alpha == 0.0 {
            return Ok(());
        }
        let (cw, ch) = self.inner.get_size();
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for &(x, y) in polygons.iter().flatten() {
            x0 = x0.min(x - pad);
            y0 = y0.min(y - pad);
            x1 = x1.max(x + pad);
            y1 = y1.max(y + pad);
        }
        let ox = x0.floor().max(0.0);
        let oy = y0.floor().max(0.0);
        let ex = x1.ceil().min(cw as f32);
        let ey = y1.ceil().min(ch as f32);
        if ex <= ox || ey <= oy {
            return Ok(());
        }
        let (w, h) = ((ex - ox) as usize, (ey - oy) as usize);
        let mut r = Rasterizer::new(w, h);
        // Callers keep shapes on the canvas: the rasteriser clips rows, but
        // coverage left or right of the box would wrap into other rows.
        let p = |x: f32, y: f32| point(x - ox, y - oy);
        for poly in polygons {
            for (i, &(ax, ay)) in poly.iter().enumerate() {
                let (bx, by) = poly[(i + 1) % poly.len()];
                r.draw_line(p(ax, ay), p(bx, by));
            }
        }
        let mut pixels = Vec::new();
        r.for_each_pixel_2d(|x, y, c| {
            if c > 1.0 / 256.0 {
                pixels.push((x, y, c.min(1.0)));
            }
        });
        for (x, y, c) in pixels {
            self.inner.draw_pixel(
                (x as i32 + ox as i32, y as i32 + oy as i32),
                BackendColor { alpha: color.alpha * f64::from(c), rgb: color.rgb },
            )?;
        }
        Ok(())
    }
}

/// Rotates a vector in text coordinates into canvas coordinates.
fn rotate(t: &FontTransform, x: f32, y: f32) -> (f32, f32) {
    match t {
        FontTransform::None => (x, y),
        FontTransform::Rotate90 => (-y, x),
        FontTransform::Rotate180 => (-x, -y),
        FontTransform::Rotate270 => (y, -x),
    }
}

/// Where the unit pixel cell at (x, y) in text coordinates lands on the canvas
/// (its top-left corner), so rotated text keeps whole-pixel coverage.
fn rotate_cell(t: &FontTransform, x: i32, y: i32) -> (i32, i32) {
    match t {
        FontTransform::None => (x, y),
        FontTransform::Rotate90 => (-y - 1, x),
        FontTransform::Rotate180 => (-x - 1, -y - 1),
        FontTransform::Rotate270 => (y, -x - 1),
    }
}

fn svg_angle(t: &FontTransform) -> Option<u32> {
    match t {
        FontTransform::None => None,
        FontTransform::Rotate90 => Some(90),
        FontTransform::Rotate180 => Some(180),
        FontTransform::Rotate270 => Some(270),
    }
}

impl<DB: DrawingBackend> DrawingBackend for GlyphBackend<'_, DB> {
    type ErrorType = DB::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        match self.mode {
            TextMode::Svg(_) => self.inner.draw_path(path, style),
            TextMode::Raster => {
                // Backend coordinates name pixels; strokes run through their centres.
                let pts: Vec<(f32, f32)> = path.into_iter().map(|(x, y)| (x as f32 + 0.5, y as f32 + 0.5)).collect();
                self.stroke_aa(&pts, style.stroke_width().max(1) as f32, style.color())
            }
        }
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let (cw, ch) = self.inner.get_size();
        let r = radius as i32;
        let on_canvas =
            center.0 - r >= 0 && center.1 - r >= 0 && center.0 + r <= cw as i32 && center.1 + r <= ch as i32;
        match self.mode {
            // Plotters fills bitmap circles without anti-aliasing, which makes
            // small dots lumpy; the centre is a pixel corner, as in SVG.
            TextMode::Raster if fill && radius > 0 && on_canvas => {
                let (cx, cy, r) = (center.0 as f32, center.1 as f32, radius as f32);
                let sides = ((r * 6.0).ceil() as usize).clamp(16, 96);
                let disc: Vec<(f32, f32)> = (0..sides)
                    .map(|i| {
                        let a = -(i as f32) * std::f32::consts::TAU / sides as f32;
                        (cx + r * a.cos(), cy + r * a.sin())
                    })
                    .collect();
                self.paint_aa(&[disc], 1.0, style.color())
            }
            _ => self.inner.draw_circle(center, radius, style, fill),
        }
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        match self.mode {
            TextMode::Svg(_) => self.inner.fill_polygon(vert, style),
            TextMode::Raster => {
                // As for strokes: vertices name pixels and sit at their centres.
                let pts: Vec<(f32, f32)> = vert.into_iter().map(|(x, y)| (x as f32 + 0.5, y as f32 + 0.5)).collect();
                self.paint_aa(&[pts], 1.0, style.color())
            }
        }
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.blit_bitmap(pos, size, src)
    }

    fn estimate_text_size<TStyle: BackendTextStyle>(
        &self,
        text: &str,
        style: &TStyle,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        let size = style.size() as f32;
        let shaped = font::shape(face_of(style), text).map_err(text_error)?;
        let w = shaped.width(size).ceil() as u32;
        let h = (shaped.ascent(size) + shaped.descent(size)).ceil() as u32;
        Ok(match style.transform() {
            FontTransform::Rotate90 | FontTransform::Rotate270 => (h, w),
            _ => (w, h),
        })
    }

    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let color = style.color();
        if color.alpha == 0.0 || text.is_empty() {
            return Ok(());
        }
        let size = style.size() as f32;
        let shaped = font::shape(face_of(style), text).map_err(text_error)?;
        let anchor = style.anchor();
        let width = shaped.width(size);
        let (ascent, descent) = (shaped.ascent(size), shaped.descent(size));
        let dx = match anchor.h_pos {
            HPos::Left => 0.0,
            HPos::Center => -width / 2.0,
            HPos::Right => -width,
        };
        let baseline = match anchor.v_pos {
            VPos::Top => ascent,
            VPos::Center => (ascent - descent) / 2.0,
            VPos::Bottom => -descent,
        };
        let transform = style.transform();
        match &mut self.mode {
            TextMode::Raster => {
                let mut pixels = Vec::new();
                font::rasterize(&shaped, size, (dx, baseline), |x, y, c| {
                    let (cx, cy) = rotate_cell(&transform, x, y);
                    pixels.push((pos.0 + cx, pos.1 + cy, c));
                })
                .map_err(text_error)?;
                for (x, y, c) in pixels {
                    self.inner
                        .draw_pixel((x, y), BackendColor { alpha: color.alpha * f64::from(c), rgb: color.rgb })?;
                }
                Ok(())
            }
            TextMode::Svg(out) => {
                let (rx, ry) = rotate(&transform, dx, baseline);
                let (ox, oy) = (pos.0 as f32 + rx, pos.1 as f32 + ry);
                let (r, g, b) = color.rgb;
                let k = shaped.scale(size);
                let _ = write!(out.body, "<g fill=\"#{r:02x}{g:02x}{b:02x}\"");
                if color.alpha < 1.0 {
                    let _ = write!(out.body, " fill-opacity=\"{}\"", num(color.alpha as f32));
                }
                let _ = write!(out.body, " transform=\"translate({} {})", num(ox), num(oy));
                if let Some(angle) = svg_angle(&transform) {
                    let _ = write!(out.body, " rotate({angle})");
                }
                // Glyphs are defined in font units with y up, hence the flip.
                let _ = writeln!(out.body, " scale({k:.6} -{k:.6})\">");
                for &(id, x) in &shaped.glyphs {
                    let d = match out.defs.entry((shaped.face, id.0)) {
                        Entry::Occupied(e) => e.into_mut(),
                        Entry::Vacant(e) => e.insert(font::glyph_path(shaped.face, id).map_err(text_error)?),
                    };
                    // Blank glyphs (spaces) only advance the pen.
                    if !d.is_empty() {
                        let _ = writeln!(
                            out.body,
                            "<use xlink:href=\"#g{}{}\" x=\"{}\"/>",
                            shaped.face.tag(),
                            id.0,
                            num(x)
                        );
                    }
                }
                out.body.push_str("</g>\n");
                Ok(())
            }
        }
    }
}

fn face_of<T: BackendTextStyle>(style: &T) -> Face {
    if matches!(style.style(), FontStyle::Bold) { Face::Bold } else { Face::Regular }
}
