//! `attrition chart` on the real data: every kind is written as PNG and SVG of the requested
//! size, and bad requests fail without leaving a file behind.

use crate::harness::{attrition, shared_store};

/// Width and height from a PNG's IHDR chunk (bytes 16..24, big-endian).
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert_eq!(&bytes[12..16], b"IHDR");
    let word = |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    (word(16), word(20))
}

#[test]
fn every_kind_is_drawn_as_png_and_svg() {
    let dir = tempfile::tempdir().unwrap();
    for kind in ["daily", "monthly", "cumulative", "categories", "forecast", "assessments"] {
        let png = dir.path().join(format!("{kind}.png"));
        let out = attrition(
            shared_store(),
            ["--json", "chart", "personnel", "--kind", kind, "--width", "900", "--height", "500", "--out"],
        )
        .path(&png)
        .run()
        .json();
        assert_eq!(out["format"], "png");
        assert!(out["title"].as_str().unwrap().len() > 10, "{out}");
        let bytes = std::fs::read(&png).unwrap();
        assert!(bytes.len() > 5_000, "{kind}: {} bytes", bytes.len());
        assert_eq!(out["bytes"].as_u64(), Some(bytes.len() as u64));
        assert_eq!(png_size(&bytes), (900, 500), "{kind}");

        let svg = dir.path().join(format!("{kind}.svg"));
        attrition(shared_store(), ["chart", "personnel", "--kind", kind, "--out"]).path(&svg).run().ok();
        let text = std::fs::read_to_string(&svg).unwrap();
        let root = text.find("<svg").expect("an <svg> element");
        let tag = &text[root..root + text[root..].find('>').unwrap()];
        assert!(tag.contains("width=\"1200\"") && tag.contains("height=\"675\""), "{kind}: {tag}");
        assert!(text.trim_end().ends_with("</svg>"), "{kind}");
        // Text is drawn from the embedded font, not left to the viewer's fonts.
        assert!(!text.contains("<text"), "{kind}");
    }
}

#[test]
fn charts_follow_as_of_and_are_reproducible() {
    let dir = tempfile::tempdir().unwrap();
    let draw = |name: &str| {
        let path = dir.path().join(name);
        attrition(
            shared_store(),
            ["chart", "personnel", "--kind", "monthly", "--as-of", "2024-10-01", "--highlight", "2024-09", "--out"],
        )
        .path(&path)
        .run()
        .ok();
        std::fs::read(path).unwrap()
    };
    let (first, second) = (draw("a.png"), draw("b.png"));
    assert_eq!(first, second, "the same chart twice gives the same bytes");
    let out = attrition(shared_store(), ["chart", "personnel", "--kind", "monthly", "--as-of", "2024-10-01", "--out"])
        .path(&dir.path().join("c.png"))
        .run()
        .ok();
    assert!(out.contains("ranked among 31 complete months as of 2024-10-01"), "{out}");
}

#[test]
fn bad_chart_requests_fail_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &str, &str); 5] = [
        (&["chart", "personnel", "--out"], "chart.gif", "chart.gif"),
        (
            &["chart", "personnel", "--kind", "monthly", "--highlight", "2024-W01", "--out"],
            "h.png",
            "--highlight takes a month",
        ),
        (&["chart", "personnel", "--from", "2024-05-01", "--to", "2024-04-01", "--out"], "r.png", "before --from"),
        (&["chart", "bananas", "--out"], "b.png", "bananas"),
        (&["chart", "personnel", "--as-of", "2021-12-31", "--out"], "w.png", "no reports on or before 2021-12-31"),
    ];
    for (args, file, needle) in cases {
        let path = dir.path().join(file);
        let error = attrition(shared_store(), args).path(&path).run().fails();
        assert!(error.contains(needle), "{args:?}: {error}");
        assert!(!path.exists(), "{args:?} left {file} behind");
    }
    let usage = attrition(shared_store(), ["chart", "personnel", "--width", "10", "--out", "x.png"]).run();
    assert_eq!(usage.status, 2, "{}", usage.stderr);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn the_forecast_fan_shows_the_hindsight_case() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("fan.svg");
    let args = ["chart", "personnel", "--kind", "forecast", "--as-of", "2024-09-28", "--reach", "750000", "--out"];
    let out = attrition(shared_store(), std::iter::once("--json").chain(args)).path(&svg).run().json();
    assert_eq!(out["title"], "Personnel: forecast from 2024-09-27 (650,640), 90-day horizon");
    // The footer names the data as they stand now, since what happened later is drawn too.
    assert_eq!(out["data_version"], "petroivaniuk report of 2026-08-08");
    let text = std::fs::read_to_string(&svg).unwrap();
    // Both bands are filled polygons in the forecast hue, and the median is dashed.
    assert!(text.contains("#E9E1F1") || text.contains("#e9e1f1"), "95% band");
    assert!(text.contains("#C8B4DC") || text.contains("#c8b4dc"), "80% band");
    // The dashed median is drawn as many short strokes in the forecast purple.
    assert!(text.matches("#6A3D9A").count() > 20, "dashed median");
    // What happened since is drawn beside it.
    assert!(text.contains("#F28E2B"), "the line of what happened");
}
