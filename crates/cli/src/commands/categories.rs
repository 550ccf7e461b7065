//! `attrition categories`: the canonical ids and the upstream names they are read from.

use crate::Context;
use crate::output::{Format, Table, print, print_csv, print_json};
use anyhow::Result;
use attrition_model::Category;
use serde::Serialize;

#[derive(Serialize)]
struct Line {
    id: &'static str,
    label: &'static str,
    petroivaniuk: Option<&'static str>,
    russianwarship: Option<&'static str>,
}

/// `attrition categories`.
pub(crate) fn run(context: &Context) -> Result<()> {
    let lines: Vec<Line> = Category::ALL
        .iter()
        .map(|c| Line {
            id: c.id(),
            label: c.label(),
            petroivaniuk: c.petroivaniuk_key(),
            russianwarship: c.russianwarship_key(),
        })
        .collect();
    let cells = |l: &Line| {
        vec![
            l.id.to_owned(),
            l.label.to_owned(),
            l.petroivaniuk.unwrap_or("-").to_owned(),
            l.russianwarship.unwrap_or("-").to_owned(),
        ]
    };
    match context.format {
        Format::Json => print_json(&lines),
        Format::Csv => {
            print_csv(&["id", "label", "petroivaniuk", "russianwarship"], &lines.iter().map(cells).collect::<Vec<_>>())
        }
        Format::Table => {
            let mut table = Table::new(&["id", "label", "PetroIvaniuk key", "russianwarship.rip key"]);
            for line in &lines {
                table.row(cells(line));
            }
            let mut out = table.render();
            out.push_str("vehicles: before 2022-05-01 PetroIvaniuk reports `military auto` and `fuel tank` separately; they are summed\n");
            print(&out)
        }
    }
}
