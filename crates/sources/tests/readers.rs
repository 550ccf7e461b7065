//! The readers on small literal documents in every upstream shape.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use attrition_model::{Category, FileKind, Qualifier, SourceId};
use attrition_sources::{Detected, read_bytes};
use jiff::civil::date;

fn parsed(json: &str) -> attrition_model::ParsedFile {
    match read_bytes("test.json", json.as_bytes(), None) {
        Ok(Detected::Parsed(file)) => *file,
        other => panic!("{other:?}"),
    }
}

#[test]
fn petroivaniuk_equipment_merges_vehicles_and_keeps_notes() {
    let file = parsed(
        r#"[{"date":"2022-04-30","day":66,"tank":1000,"military auto":1701,"fuel tank":76,"mobile SRBM system":4},
            {"date":"2022-05-01","day":67,"tank":1002,"vehicles and fuel tanks":1796,"cruise missiles":84,
             "greatest losses direction":"Kurakhove"}]"#,
    );
    assert_eq!(file.kind, FileKind::Equipment);
    let vehicles: Vec<i64> =
        file.observations.iter().filter(|o| o.category == Category::Vehicles).map(|o| o.value).collect();
    assert_eq!(vehicles, [1777, 1796]);
    assert!(file.observations.iter().any(|o| o.category == Category::SrbmLaunchers && o.value == 4));
    assert_eq!(file.notes.len(), 1);
    assert_eq!(file.notes[0].text, "Kurakhove");
    assert!(
        !file.observations.iter().any(|o| o.category == Category::CruiseMissiles && o.report_date == date(2022, 4, 30))
    );
}

#[test]
fn petroivaniuk_personnel_keeps_qualifier_and_pow() {
    let file = parsed(r#"[{"date":"2022-03-07","day":12,"personnel":11000,"personnel*":"more","POW":259}]"#);
    assert_eq!(file.kind, FileKind::Personnel);
    let personnel = file.observations.iter().find(|o| o.category == Category::Personnel).unwrap();
    assert_eq!(personnel.qualifier, Some(Qualifier::More));
    let pow = file.observations.iter().find(|o| o.category == Category::Pow).unwrap();
    assert_eq!((pow.value, pow.qualifier), (259, None));
}

#[test]
fn corrections_are_signed_and_zeroes_dropped() {
    let file = parsed(r#"[{"date":"2022-10-13","day":231,"APC":-25,"tank":0,"personnel":0,"field artillery":32}]"#);
    assert_eq!(file.kind, FileKind::Corrections);
    assert_eq!(file.corrections.len(), 2);
    assert!(file.warnings[0].contains("\"day\" is 231"), "{:?}", file.warnings);
}

#[test]
fn russianwarship_single_record_and_page() {
    let single = r#"{"message":"The data were fetched successfully.","data":{"date":"2022-04-14","day":50,
        "resource":"https://example.invalid/post","war_status":{"code":1,"alias":"in_progress"},
        "stats":{"personnel_units":19900,"tanks":753,"armoured_fighting_vehicles":1968,"atgm_srbm_systems":4},
        "increase":{"personnel_units":100,"tanks":14}}}"#;
    let file = parsed(single);
    assert_eq!(file.provenance.source, SourceId::Russianwarship);
    assert_eq!(file.observations.len(), 4);
    assert!(file.observations.iter().any(|o| o.category == Category::SrbmLaunchers && o.value == 4));
    assert_eq!(file.notes[0].kind, "resource");

    let page = r#"{"data":{"records":[
        {"date":"2022-04-13","day":49,"stats":{"tanks":739},"increase":{"tanks":7}},
        {"date":"2022-04-14","day":50,"stats":{"tanks":753},"increase":{"tanks":13}}]}}"#;
    let file = parsed(page);
    assert_eq!(file.observations.len(), 2);
    assert_eq!(file.warnings.len(), 1, "increase 13 disagrees with 753 - 739: {:?}", file.warnings);
}

#[test]
fn errors_name_the_row_and_the_problem() {
    let cases = [
        (r#"[{"date":"2022-03-01","tank":"many"}]"#, "row 1 (date 2022-03-01): \"tank\" must be a whole number"),
        (r#"[{"date":"2022-03-01","zeppelins":3}]"#, "unknown category key \"zeppelins\""),
        (
            r#"[{"date":"2022-03-01","tank":1},{"date":"2022-03-01","tank":2}]"#,
            "row 2 (date 2022-03-01): duplicate date",
        ),
        (r#"[{"date":"2022-03-02","tank":1},{"date":"2022-03-01","tank":2}]"#, "dates out of order"),
        (r#"[{"date":"2022-03-01","military auto":1}]"#, "must appear together"),
        (r#"[{"date":"2022-03-01","day":7,"tank":1}]"#, "\"day\" is 7 but 2022-03-01 is day 6"),
        (r#"[{"date":"2022-03-01","tank":-1}]"#, "negative"),
        (r#"[{"date":"2022-3-1","tank":1}]"#, "bad \"date\""),
        (r#"[]"#, "no report rows"),
        (
            r#"{"data":{"records":[{"date":"2022-03-01","stats":{"zeppelins":1}}]}}"#,
            "not in the russianwarship.rip cross-walk",
        ),
        ("<!DOCTYPE html><html>", "HTML page"),
        ("  ", "empty"),
        (r#"[{"date":"2022-03-01","tank":1"#, "invalid JSON"),
        (r#"{"something":"else"}"#, "neither a PetroIvaniuk array"),
    ];
    for (json, expected) in cases {
        let err = read_bytes("bad.json", json.as_bytes(), None).map(|_| ()).unwrap_err().to_string();
        assert!(err.starts_with("bad.json"), "{err}");
        assert!(err.contains(expected), "{json} gave {err}");
    }
}
