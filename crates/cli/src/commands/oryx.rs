//! `attrition oryx`: the General Staff's claims against Oryx's visually confirmed equipment
//! losses, and the Oryx parts of `import` and `sync --source oryx`.
//!
//! Oryx's counts live in their own tables, never among the General Staff sources; the arithmetic
//! and the mapping of Oryx types onto categories are in `attrition_analysis::oryx`.

use crate::cli::{OryxArgs, SyncArgs};
use crate::output::{Render, Table, emit, group, provenance};
use crate::progress::Bar;
use crate::{Context, record_as_of};
use anyhow::{Context as _, Result, anyhow, bail};
use attrition_analysis::{
    GENERAL_STAFF_UNMAPPED, ORYX_CAVEATS, ORYX_MAPPING, ORYX_UNMAPPED, OryxComparison, OryxCounts, OryxMapping,
    OryxReading, OryxRecord, compare_with_oryx,
};
use attrition_model::{Category, Convention, Period, PeriodKind};
use attrition_sources::{HttpOptions, ORYX_DAILY_COUNT, ORYX_DEFAULT_BASE, OryxDetected, OryxFile};
use attrition_store::{ORYX_DAILY_COUNT_KIND, OryxApplySummary, OryxBatch, OryxFetch, OryxRow, Store};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

/// Whose losses the General Staff series counts, and so which Oryx rows are compared with it.
const COUNTRY: &str = "Russia";

/// What `date_recorded` means, said wherever Oryx dates are shown.
const DATE_RECORDED: &str =
    "Oryx dates are date_recorded: the day the dataset first listed an entry, not the day of the loss";

/// Oryx files read from disk, not yet stored.
#[derive(Default)]
pub(crate) struct OryxRead {
    files: Vec<OryxFile>,
    skipped: Vec<Skipped>,
}

#[derive(Serialize)]
struct Skipped {
    location: String,
    reason: String,
}

/// Reads the Oryx files and directories among `paths`.
pub(crate) fn read_paths<'a>(paths: impl Iterator<Item = &'a Path>) -> Result<OryxRead> {
    let mut read = OryxRead::default();
    for path in paths {
        for item in attrition_sources::read_oryx_path(path)? {
            match item {
                OryxDetected::Parsed(file) => read.files.push(*file),
                OryxDetected::Skipped { location, reason } => read.skipped.push(Skipped { location, reason }),
            }
        }
    }
    Ok(read)
}

#[derive(Serialize)]
struct FileLine {
    location: String,
    kind: &'static str,
    rows: usize,
    rows_by_country: BTreeMap<String, usize>,
    first_recorded: Option<Date>,
    last_recorded: Option<Date>,
    sha256: String,
    warnings: Vec<String>,
}

#[derive(Serialize)]
struct StoredExtent {
    rows_by_country: BTreeMap<String, usize>,
    first_recorded: Date,
    last_recorded: Date,
}

/// What an Oryx import or sync did.
#[derive(Serialize)]
pub(crate) struct OryxLoad {
    store: String,
    files: Vec<FileLine>,
    skipped: Vec<Skipped>,
    changed: bool,
    summary: OryxApplySummary,
    stored: Option<StoredExtent>,
    dates: &'static str,
}

/// Stores what was read (nothing when nothing was).
pub(crate) fn store_read(store: &mut Store, read: OryxRead) -> Result<OryxLoad> {
    let batches: Vec<OryxBatch> = read.files.iter().map(batch).collect();
    let summary = if batches.is_empty() {
        OryxApplySummary::default()
    } else {
        store.apply_oryx(&batches).context("storing the Oryx counts (none were stored)")?
    };
    let stored = if read.files.is_empty() { None } else { extent(&store.load_oryx(None)?) };
    Ok(OryxLoad {
        store: store.path().display().to_string(),
        files: read.files.iter().map(describe).collect(),
        skipped: read.skipped,
        changed: !summary.is_unchanged(),
        summary,
        stored,
        dates: DATE_RECORDED,
    })
}

fn batch(file: &OryxFile) -> OryxBatch {
    OryxBatch {
        location: file.location.clone(),
        fetched_at: file.fetched_at,
        sha256: file.sha256.clone(),
        bytes: file.bytes,
        rows: file
            .counts
            .iter()
            .map(|c| OryxRow {
                country: c.country.clone(),
                equipment_type: c.equipment_type.clone(),
                date_recorded: c.date_recorded,
                destroyed: c.destroyed,
                damaged: c.damaged,
                abandoned: c.abandoned,
                captured: c.captured,
            })
            .collect(),
        warnings: file.warnings.clone(),
    }
}

fn describe(file: &OryxFile) -> FileLine {
    let mut rows_by_country = BTreeMap::new();
    for c in &file.counts {
        *rows_by_country.entry(c.country.clone()).or_insert(0) += 1;
    }
    let range = file.date_range();
    FileLine {
        location: file.location.clone(),
        kind: ORYX_DAILY_COUNT_KIND,
        rows: file.counts.len(),
        rows_by_country,
        first_recorded: range.map(|r| r.0),
        last_recorded: range.map(|r| r.1),
        sha256: file.sha256.clone(),
        warnings: file.warnings.clone(),
    }
}

fn extent(rows: &[OryxRow]) -> Option<StoredExtent> {
    let mut rows_by_country = BTreeMap::new();
    for r in rows {
        *rows_by_country.entry(r.country.clone()).or_insert(0) += 1;
    }
    Some(StoredExtent {
        rows_by_country,
        first_recorded: rows.iter().map(|r| r.date_recorded).min()?,
        last_recorded: rows.iter().map(|r| r.date_recorded).max()?,
    })
}

fn by_country(counts: &BTreeMap<String, usize>) -> String {
    counts.iter().map(|(country, n)| format!("{country} {}", group(*n as i64))).collect::<Vec<_>>().join(", ")
}

impl OryxLoad {
    /// The lines that say what changed.
    fn outcome(&self) -> String {
        let s = &self.summary;
        if self.files.is_empty() {
            return format!("nothing imported: of the Oryx dataset's files attrition reads {ORYX_DAILY_COUNT}\n");
        }
        let mut out = if self.changed {
            format!(
                "Oryx counts stored in {}: {} new rows, {} revised (old counts kept in oryx_revisions), {} unchanged\n",
                self.store,
                group(s.new_rows as i64),
                group(s.revised_rows as i64),
                group(s.unchanged_rows as i64)
            )
        } else {
            format!(
                "nothing changed: {} already holds exactly these {} Oryx rows\n",
                self.store,
                group(s.unchanged_rows as i64)
            )
        };
        if let Some(stored) = &self.stored {
            out.push_str(&format!(
                "Oryx data stored: {} rows ({}), recorded {} .. {}; kept apart from the General Staff series (compare with `attrition oryx`)\n",
                group(stored.rows_by_country.values().sum::<usize>() as i64),
                by_country(&stored.rows_by_country),
                stored.first_recorded,
                stored.last_recorded
            ));
        }
        out.push_str(DATE_RECORDED);
        out.push('\n');
        out
    }
}

impl Render for OryxLoad {
    fn csv(&self) -> (Vec<&'static str>, Vec<Vec<String>>) {
        let rows = self
            .files
            .iter()
            .map(|f| {
                vec![
                    f.location.clone(),
                    f.kind.to_owned(),
                    f.rows.to_string(),
                    by_country(&f.rows_by_country),
                    f.first_recorded.map(|d| d.to_string()).unwrap_or_default(),
                    f.last_recorded.map(|d| d.to_string()).unwrap_or_default(),
                    f.sha256.clone(),
                    "date_recorded".to_owned(),
                ]
            })
            .collect();
        let header =
            vec!["location", "kind", "rows", "rows_by_country", "first_recorded", "last_recorded", "sha256", "dates"];
        (header, rows)
    }

    fn table(&self) -> String {
        let mut table = Table::new(&["file", "kind", "rows", "by country", "recorded from", "recorded to", "sha256"]);
        for f in &self.files {
            table.row(vec![
                f.location.clone(),
                f.kind.to_owned(),
                group(f.rows as i64),
                by_country(&f.rows_by_country),
                f.first_recorded.map(|d| d.to_string()).unwrap_or_default(),
                f.last_recorded.map(|d| d.to_string()).unwrap_or_default(),
                f.sha256.chars().take(12).collect(),
            ]);
        }
        let mut out = if self.files.is_empty() { String::new() } else { table.render() };
        for s in &self.skipped {
            out.push_str(&format!("skipped {}: {}\n", s.location, s.reason));
        }
        for warning in self.files.iter().flat_map(|f| &f.warnings) {
            out.push_str(&format!("note: {warning}\n"));
        }
        out.push_str(&self.outcome());
        out
    }
}

/// Prints what an Oryx import or sync did: in the format asked for, or as a message on stderr
/// when another document already went to stdout.
pub(crate) fn report_load(context: &Context, load: OryxLoad, stdout_taken: bool) -> Result<()> {
    if load.files.is_empty() && load.skipped.is_empty() {
        return Ok(());
    }
    if stdout_taken {
        context.info(load.outcome().trim_end());
        return Ok(());
    }
    emit(context.format, &load)
}

/// `attrition sync --source oryx`: `daily_count.csv` from the public repository (or a mirror).
pub(crate) fn sync(context: &Context, args: &SyncArgs) -> Result<()> {
    let options = HttpOptions {
        base_url: args.base_url.clone().unwrap_or_else(|| ORYX_DEFAULT_BASE.to_owned()),
        timeout: Duration::from_secs(args.timeout),
        retries: args.retries,
        retry_pause: Duration::from_secs(1),
    };
    context.info(&format!("fetching {ORYX_DAILY_COUNT} from {}", options.base_url));
    let bar = Bar::new("oryx", context.quiet);
    let fetched = attrition_sources::fetch_oryx(&options, &bar);
    bar.finish();
    let file = fetched.context("sync failed; the store is unchanged")?;
    let mut store = context.store()?;
    let read = OryxRead { files: vec![file], skipped: Vec::new() };
    let load = store_read(&mut store, read).context("sync failed; the store is unchanged")?;
    report_load(context, load, false)
}

/// `attrition oryx`.
pub(crate) fn run(context: &Context, args: &OryxArgs) -> Result<()> {
    if args.mapping {
        return emit(context.format, &MappingReport::new());
    }
    let categories: Vec<Category> = args.categories.iter().map(|c| c.parse()).collect::<Result<_, _>>()?;
    let by: Option<PeriodKind> = args.by.as_deref().map(str::parse).transpose()?;
    let convention: Convention = args.series.convention.convention.parse()?;
    let as_of = args.series.as_of.as_of.as_deref().map(Period::parse_date).transpose()?;
    let store = context.store()?;
    let rows = store.load_oryx(None)?;
    if rows.is_empty() {
        bail!(
            "the store {} holds no Oryx data: run `attrition sync --source oryx`, or `attrition import PATH` with a copy of scarnecchia/oryx_data",
            store.path().display()
        );
    }
    let readings = rows.into_iter().map(|r| OryxReading {
        country: r.country,
        equipment_type: r.equipment_type,
        date_recorded: r.date_recorded,
        counts: OryxCounts { destroyed: r.destroyed, damaged: r.damaged, abandoned: r.abandoned, captured: r.captured },
    });
    let mut oryx = OryxRecord::build(COUNTRY, readings)
        .ok_or_else(|| anyhow!("the stored Oryx data hold no rows for {COUNTRY}"))?;
    if let Some(day) = as_of {
        let first = oryx.first_recorded;
        oryx = oryx.as_of(day).ok_or_else(|| {
            anyhow!("--as-of {day}: no Oryx rows recorded on or before {day}; the stored rows start on {first}")
        })?;
    }
    let (_, record, _) = context
        .record(args.series.source.source.as_deref())
        .context("the General Staff series to compare with Oryx")?;
    let record = record_as_of(record, as_of)?;
    let comparison = compare_with_oryx(&record, &oryx, &categories, by, convention)?;
    let fetches = store.oryx_fetches()?.into_iter().filter(|f| f.current_rows > 0).collect();
    emit(
        context.format,
        &ComparisonReport {
            comparison,
            source: record.source.description(),
            convention_meaning: convention.explanation(),
            oryx_dates: DATE_RECORDED,
            oryx_fetches: fetches,
        },
    )
}

#[derive(Serialize)]
struct ComparisonReport {
    #[serde(flatten)]
    comparison: OryxComparison,
    source: &'static str,
    convention_meaning: &'static str,
    oryx_dates: &'static str,
    oryx_fetches: Vec<OryxFetch>,
}

/// The category as compared: `ships + submarines` where the General Staff side is a sum.
fn compared_label(mapping: &OryxMapping) -> String {
    mapping.general_staff.iter().map(|c| c.id()).collect::<Vec<_>>().join(" + ")
}

fn oryx_types(mapping: &OryxMapping) -> String {
    mapping.oryx.iter().map(|p| p.names.join(" → ")).collect::<Vec<_>>().join(" + ")
}

fn ratio(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_owned(), |r| format!("{r:.2}"))
}

impl Render for ComparisonReport {
    fn csv(&self) -> (Vec<&'static str>, Vec<Vec<String>>) {
        let c = &self.comparison;
        let mut rows = Vec::new();
        for cat in &c.categories {
            for r in &cat.rows {
                rows.push(vec![
                    cat.category.id().to_owned(),
                    compared_label(cat.mapping),
                    oryx_types(cat.mapping),
                    r.label.clone(),
                    r.latest.to_string(),
                    r.day.to_string(),
                    r.general_staff.to_string(),
                    r.general_staff_report.to_string(),
                    r.oryx_total.to_string(),
                    r.oryx_destroyed.to_string(),
                    r.oryx_damaged.to_string(),
                    r.oryx_abandoned.to_string(),
                    r.oryx_captured.to_string(),
                    r.oryx_recorded.to_string(),
                    r.oryx_derived.to_string(),
                    r.ratio.map(|x| format!("{x:.4}")).unwrap_or_default(),
                    r.ratio_to_destroyed.map(|x| format!("{x:.4}")).unwrap_or_default(),
                    r.gap.to_string(),
                    c.country.clone(),
                    c.convention.name().to_owned(),
                    c.general_staff_version.to_string(),
                    c.oryx_covered_to.to_string(),
                ]);
            }
        }
        let header = vec![
            "category",
            "general_staff_categories",
            "oryx_types",
            "period",
            "latest",
            "day",
            "general_staff",
            "general_staff_report",
            "oryx_total",
            "oryx_destroyed",
            "oryx_damaged",
            "oryx_abandoned",
            "oryx_captured",
            "oryx_date_recorded",
            "oryx_derived",
            "ratio",
            "ratio_to_destroyed",
            "gap",
            "country",
            "convention",
            "general_staff_data_version",
            "oryx_data_to",
        ];
        (header, rows)
    }

    fn table(&self) -> String {
        let c = &self.comparison;
        let mut out = format!(
            "{} equipment losses: the General Staff's claims against Oryx's visually confirmed count (cumulative)\n\n",
            c.country
        );
        let columns = ["GS claim", "Oryx confirmed", "Oryx destroyed", "GS / Oryx", "gap (GS - Oryx)"];
        let numbers = |r: &attrition_analysis::ComparisonRow| {
            vec![
                group(r.general_staff),
                group(r.oryx_total),
                group(r.oryx_destroyed),
                ratio(r.ratio),
                group(r.gap),
                r.oryx_recorded.to_string(),
                if r.oryx_derived { "derived".to_owned() } else { String::new() },
            ]
        };
        match c.by {
            None => {
                let mut header = vec!["category", "day"];
                header.extend(columns);
                header.extend(["Oryx row dated", "note"]);
                let mut table = Table::new(&header);
                for cat in &c.categories {
                    let label = compared_label(cat.mapping);
                    match cat.rows.last() {
                        Some(r) => {
                            let mut cells = vec![label, r.day.to_string()];
                            cells.extend(numbers(r));
                            table.row(cells);
                        }
                        None => table.row(vec![
                            label,
                            "-".into(),
                            "-".into(),
                            "-".into(),
                            "-".into(),
                            "-".into(),
                            "-".into(),
                            "-".into(),
                            "no day both cover".into(),
                        ]),
                    }
                }
                out.push_str(&table.render());
                out.push_str("day: the latest day both sources cover (use --by month|quarter|year for the history)\n");
            }
            Some(kind) => {
                for cat in &c.categories {
                    out.push_str(&format!(
                        "{} — General Staff {} against Oryx {}\n",
                        cat.category.id(),
                        compared_label(cat.mapping),
                        oryx_types(cat.mapping)
                    ));
                    if cat.rows.is_empty() {
                        out.push_str("  (no day both cover)\n\n");
                        continue;
                    }
                    let mut header = vec![kind.noun(), "day"];
                    header.extend(columns);
                    header.extend(["Oryx row dated", "note"]);
                    let mut table = Table::new(&header);
                    for r in &cat.rows {
                        let label = if r.latest { "latest".to_owned() } else { r.label.clone() };
                        let mut cells = vec![label, r.day.to_string()];
                        cells.extend(numbers(r));
                        table.row(cells);
                    }
                    out.push_str(&table.render());
                    out.push('\n');
                }
            }
        }
        let report = match c.convention {
            Convention::LossDay => "the report of the next morning, loss-day",
            Convention::ReportDay => "the report dated that day, report-day",
        };
        out.push_str(&format!(
            "GS claim: the General Staff's cumulative count at the end of the day ({report})\n\
             Oryx confirmed: destroyed + damaged + abandoned + captured, as listed by the end of the day; Oryx row dated: the date_recorded of the latest Oryx row used\n"
        ));
        if c.categories.iter().flat_map(|cat| &cat.rows).any(|r| r.oryx_derived) {
            out.push_str(
                "derived: tanks before the dataset's Tanks row (2025-03-21) = Oryx's armoured-combat-vehicle total - its AFV, IFV, APC and MRAP rows\n",
            );
        }
        out.push_str("\ncaveats:\n");
        for caveat in c.caveats {
            out.push_str(&format!("- {caveat}\n"));
        }
        out.push_str("\ncategories:\n");
        for cat in &c.categories {
            out.push_str(&format!("- {}: {}\n", cat.category.id(), cat.mapping.caveat));
            if let Some(why) = &cat.no_overlap {
                out.push_str(&format!("  not compared: {why}\n"));
            }
        }
        out.push('\n');
        out.push_str(&provenance(Some(c.convention), self.source, &c.general_staff_version));
        for f in &self.oryx_fetches {
            out.push_str(&format!(
                "Oryx source: scarnecchia/oryx_data, scraped from Oryx (CC BY 4.0): {} read {}, sha256 {}\n",
                f.location,
                f.fetched_at,
                f.sha256.chars().take(12).collect::<String>()
            ));
        }
        out.push_str(&format!(
            "Oryx data version: rows recorded {} .. {}; {}\n",
            c.oryx_first_recorded, c.oryx_covered_to, self.oryx_dates
        ));
        out
    }
}

/// `attrition oryx --mapping`.
#[derive(Serialize)]
struct MappingReport {
    mapping: &'static [OryxMapping],
    oryx_unmapped: Vec<Unmapped>,
    general_staff_unmapped: Vec<Unmapped>,
    caveats: &'static [&'static str],
}

#[derive(Serialize)]
struct Unmapped {
    name: String,
    why: &'static str,
}

impl MappingReport {
    fn new() -> MappingReport {
        MappingReport {
            mapping: &ORYX_MAPPING,
            oryx_unmapped: ORYX_UNMAPPED.iter().map(|(name, why)| Unmapped { name: (*name).to_owned(), why }).collect(),
            general_staff_unmapped: GENERAL_STAFF_UNMAPPED
                .iter()
                .map(|(c, why)| Unmapped { name: c.id().to_owned(), why })
                .collect(),
            caveats: &ORYX_CAVEATS,
        }
    }
}

impl Render for MappingReport {
    fn csv(&self) -> (Vec<&'static str>, Vec<Vec<String>>) {
        let rows = self
            .mapping
            .iter()
            .map(|m| vec![m.category.id().to_owned(), compared_label(m), oryx_types(m), m.caveat.to_owned()])
            .chain(
                self.oryx_unmapped.iter().map(|u| vec![String::new(), String::new(), u.name.clone(), u.why.to_owned()]),
            )
            .chain(
                self.general_staff_unmapped
                    .iter()
                    .map(|u| vec![u.name.clone(), String::new(), String::new(), u.why.to_owned()]),
            )
            .collect();
        (vec!["category", "general_staff", "oryx_types", "note"], rows)
    }

    fn table(&self) -> String {
        let mut out = "How Oryx's equipment types map onto attrition's categories (Oryx names as in daily_count.csv; → marks a rename)\n\n".to_owned();
        let mut table = Table::new(&["category", "General Staff", "Oryx types (summed)"]);
        for m in self.mapping {
            table.row(vec![m.category.id().to_owned(), compared_label(m), oryx_types(m)]);
        }
        out.push_str(&table.render());
        out.push_str("\nnotes:\n");
        for m in self.mapping {
            out.push_str(&format!("- {}: {}\n", m.category.id(), m.caveat));
        }
        out.push_str("\nOryx types not mapped:\n");
        for u in &self.oryx_unmapped {
            out.push_str(&format!("- {}: {}\n", u.name, u.why));
        }
        out.push_str("\nGeneral Staff categories not mapped:\n");
        for u in &self.general_staff_unmapped {
            out.push_str(&format!("- {}: {}\n", u.name, u.why));
        }
        out.push_str("\ncaveats:\n");
        for caveat in self.caveats {
            out.push_str(&format!("- {caveat}\n"));
        }
        out
    }
}
