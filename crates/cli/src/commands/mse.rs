//! `attrition mse FILE`: capture–recapture (multiple systems) estimates of how many were missed
//! by every list, from a CSV of list memberships. Reads the file, hands it to
//! `attrition_analysis::mse`, and prints each estimate with its model, interval and the
//! assumption it rests on; the arithmetic is all in the library.

use crate::Context;
use crate::cli::MseArgs;
use crate::output::{Render, Table, decimal1, emit, group};
use anyhow::{Context as _, Result, anyhow};
use attrition_analysis::mse::{
    self, Analysis, DGA_ASSUMPTION, DgaOptions, Estimate, FitStatus, InputRow, Interval, IntervalKind, Layout, Method,
    MissingGrid, ModelResult, MseOptions, NPrior, TWO_LIST_ASSUMPTION,
};
use serde::Serialize;
use std::path::Path;

#[derive(Serialize)]
struct MseReport {
    file: String,
    layout: Layout,
    rows: usize,
    method: Method,
    #[serde(flatten)]
    analysis: Analysis,
}

/// `attrition mse`.
pub(crate) fn run(context: &Context, args: &MseArgs) -> Result<()> {
    let method: Method = args.method.parse()?;
    let grid = match args.missing.as_deref() {
        None => MissingGrid::Auto,
        Some(text) => parse_grid(text).with_context(|| format!("--missing {text}"))?,
    };
    let path = &args.file;
    let parsed = read_table(path).with_context(|| path.display().to_string())?;
    let table = if args.lists.is_empty() {
        parsed.table
    } else {
        parsed.table.select_names(&args.lists).with_context(|| format!("--lists {}", args.lists.join(",")))?
    };
    let options = MseOptions {
        method,
        dga: DgaOptions { delta: args.delta, grid, prior: NPrior::InverseN, top: 3 },
        top: args.top,
    };
    let analysis = mse::analyse(&table, &options).with_context(|| path.display().to_string())?;
    emit(
        context.format,
        &MseReport { file: path.display().to_string(), layout: parsed.layout, rows: parsed.rows, method, analysis },
    )
}

/// `FROM..TO` as a grid of missed counts.
fn parse_grid(text: &str) -> Result<MissingGrid> {
    let (from, to) = text.split_once("..").ok_or_else(|| anyhow!("give the grid as FROM..TO, e.g. 0..20000"))?;
    let number =
        |s: &str| s.trim().replace([',', '_'], "").parse::<u64>().with_context(|| format!("{s:?} is not a count"));
    Ok(MissingGrid::Range { from: number(from)?, to: number(to)? })
}

/// Reads the CSV into a capture table (the layout is detected from the header).
fn read_table(path: &Path) -> Result<mse::ParsedInput> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_path(path)
        .context("cannot open the file")?;
    let header: Vec<String> = reader.headers().context("cannot read the header")?.iter().map(str::to_owned).collect();
    if header.iter().all(String::is_empty) {
        return Err(anyhow!("the file is empty: expected a header with one column per list"));
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.context("not valid CSV")?;
        let line = record.position().map_or(0, csv::Position::line);
        rows.push(InputRow { line, fields: record.iter().map(str::to_owned).collect() });
    }
    Ok(mse::read_rows(&header, rows)?)
}

fn count(n: u64) -> String {
    group(i64::try_from(n).unwrap_or(i64::MAX))
}

fn interval_text(interval: Option<&Interval>) -> String {
    match interval {
        Some(Interval { lower, upper: Some(upper), .. }) => format!("{} .. {}", decimal1(*lower), decimal1(*upper)),
        Some(Interval { lower, upper: None, .. }) => format!("{} .. unbounded", decimal1(*lower)),
        None => "-".to_owned(),
    }
}

fn opt(x: Option<f64>, format: impl Fn(f64) -> String) -> String {
    x.map_or_else(|| "-".to_owned(), format)
}

/// The flag every two-list row carries; the table says it once per section instead.
const INDEPENDENCE_FLAG: &str = "relies on the two lists being independent";

impl Render for MseReport {
    fn csv(&self) -> (Vec<&'static str>, Vec<Vec<String>>) {
        let header = vec![
            "method",
            "model",
            "lists",
            "observed",
            "estimate",
            "se",
            "lower",
            "upper",
            "interval",
            "deviance",
            "df",
            "aic",
            "bic",
            "weight",
            "dependence",
            "assumption",
            "flags",
        ];
        let number = |x: Option<f64>| x.map(|v| format!("{v:.6}")).unwrap_or_default();
        let rows = self
            .analysis
            .estimates
            .iter()
            .map(|e: &Estimate| {
                vec![
                    e.method.to_owned(),
                    e.model.clone(),
                    e.lists.join(";"),
                    e.observed.to_string(),
                    number(e.estimate),
                    number(e.se),
                    number(e.interval.map(|i| i.lower)),
                    number(e.interval.and_then(|i| i.upper)),
                    e.interval.map(|i| i.kind.describe().to_owned()).unwrap_or_default(),
                    number(e.deviance),
                    e.df.map(|d| d.to_string()).unwrap_or_default(),
                    number(e.aic),
                    number(e.bic),
                    number(e.weight),
                    e.dependence.clone(),
                    e.assumption.clone(),
                    e.flags.join("; "),
                ]
            })
            .collect();
        (header, rows)
    }

    fn table(&self) -> String {
        let a = &self.analysis;
        let mut out = String::new();
        let layout = match self.layout {
            Layout::Aggregated => format!("aggregated, {} patterns", self.rows),
            Layout::Records => format!("{} records", count(self.rows as u64)),
        };
        out.push_str(&format!(
            "capture–recapture: {} ({layout}), {} lists, {} records on at least one list\n",
            self.file,
            a.lists.len(),
            count(a.observed)
        ));
        let lists: Vec<String> = a
            .lists
            .iter()
            .map(|l| format!("{} {} ({} on no other)", l.name, count(l.records), count(l.only_here)))
            .collect();
        out.push_str(&format!("lists: {}\n", lists.join(" · ")));
        let overlaps: Vec<String> =
            a.overlaps.iter().map(|o| format!("{}∩{} {}", o.lists[0], o.lists[1], count(o.both))).collect();
        out.push_str(&format!("on both: {}\n", overlaps.join(" · ")));
        if !a.two_list.is_empty() {
            out.push_str(&two_list_section(a));
        }
        if let Some(section) = &a.loglinear {
            out.push_str(&loglinear_section(
                &section.standard,
                "Log-linear models (Poisson GLM as Rcapture closedp.t; 95% profile-likelihood intervals as closedpCI.t)",
                true,
            ));
            out.push_str("every model assumes a closed population; \"dependence\" is what it allows between the lists, and it assumes none beyond that\n");
            if let Some(search) = &section.search {
                let title = format!(
                    "Two-way interaction models, each allowing dependence only between the pairs it names: the best by AIC of {} fitted ({} without a bounded estimate)",
                    search.tried, search.refused
                );
                out.push_str(&loglinear_section(&search.best, &title, false));
                match (&search.best_bic, search.best.first()) {
                    (Some(bic), Some(aic)) if aic.label == *bic => {
                        out.push_str("the best model by AIC is also the best by BIC\n");
                    }
                    (Some(bic), _) => out.push_str(&format!("best by BIC: {bic}\n")),
                    _ => {}
                }
                if let Some(spread) = search.spread {
                    out.push_str(&format!(
                        "N̂ over the {} model(s) within 2 AIC of the best: {} .. {}; the choice of model matters as much as its interval\n",
                        spread.models,
                        decimal1(spread.low),
                        decimal1(spread.high)
                    ));
                }
            }
        }
        if let Some(d) = &a.dga {
            let s = d.summary;
            out.push_str(&format!(
                "\ndga: Bayesian model averaging over {} decomposable graphs (Madigan & York 1997), δ = {}, {}, missed m = {}..{}\n",
                d.graphs,
                d.delta,
                d.prior.describe(),
                count(d.grid.0),
                count(d.grid.1)
            ));
            out.push_str(&format!("assumes: {DGA_ASSUMPTION}\n"));
            out.push_str(&format!(
                "N̂ {} (posterior median), 95% credible interval {} .. {}; mode {}, mean {}, Bayes estimate (relative loss) {}\n",
                count(s.median),
                count(s.lower),
                count(s.upper),
                count(s.mode),
                decimal1(s.mean),
                decimal1(s.bayes_relative)
            ));
            let mut table = Table::new(&["graph (cliques)", "posterior", "N̂ given it", "95% interval"]);
            for model in &d.models {
                if let Some(s) = model.summary {
                    table.row(vec![
                        model.label.clone(),
                        format!("{:.4}", model.weight),
                        count(s.median),
                        format!("{} .. {}", count(s.lower), count(s.upper)),
                    ]);
                }
            }
            out.push_str(&table.render());
            if let Some(rest) = d.rest_weight() {
                out.push_str(&format!("the other {} graphs: posterior {:.4} together\n", rest.0, rest.1));
            }
            for flag in &d.flags {
                out.push_str(&format!("warning (dga): {flag}\n"));
            }
        }
        for skipped in &a.skipped {
            out.push_str(&format!("not run: {}: {}\n", skipped.method, skipped.reason));
        }
        if !a.warnings.is_empty() {
            out.push('\n');
            for warning in &a.warnings {
                out.push_str(&format!("warning: {warning}\n"));
            }
        }
        out
    }
}

fn two_list_section(a: &Analysis) -> String {
    let mut out =
        String::from("\nTwo lists at a time (Lincoln–Petersen; Chapman with Chao's 95% log-normal interval)\n");
    out.push_str(&format!("assumes: {TWO_LIST_ASSUMPTION}\n"));
    let mut table =
        Table::new(&["lists", "n1", "n2", "both", "seen", "Lincoln–Petersen", "Chapman N̂", "se", "95% interval"]);
    let mut notes = Vec::new();
    for pair in &a.two_list {
        table.row(vec![
            format!("{} × {}", pair.lists[0], pair.lists[1]),
            count(pair.n1),
            count(pair.n2),
            count(pair.m),
            count(pair.observed),
            opt(pair.lincoln_petersen, decimal1),
            decimal1(pair.chapman),
            decimal1(pair.chapman_se),
            interval_text(Some(&pair.interval)),
        ]);
        for flag in pair.flags.iter().filter(|f| f.as_str() != INDEPENDENCE_FLAG) {
            notes.push(format!("note ({} × {}): {flag}\n", pair.lists[0], pair.lists[1]));
        }
    }
    out.push_str(&table.render());
    out.extend(notes);
    out.push_str("warning: every two-list estimate relies on the two lists being independent; dependence between them cannot be seen from two lists\n");
    out
}

fn loglinear_section(results: &[ModelResult], title: &str, with_dependence: bool) -> String {
    let mut out = format!("\n{title}\n");
    let mut header = vec!["model", "N̂", "se", "95% interval", "deviance", "df", "AIC", "BIC"];
    if with_dependence {
        header.push("dependence");
    }
    let mut table = Table::new(&header);
    let mut notes = Vec::new();
    for r in results {
        let mut cells = match &r.fit {
            Some(f) => {
                let interval = match r.interval {
                    Some(i) if i.kind == IntervalKind::LogNormal => format!("{} (log-normal)", interval_text(Some(&i))),
                    other => interval_text(other.as_ref()),
                };
                notes.extend(f.flags.iter().map(|flag| format!("note ({}): {flag}\n", f.label)));
                vec![
                    f.label.clone(),
                    match f.status {
                        FitStatus::Bounded => decimal1(f.estimate),
                        FitStatus::Unbounded => "unbounded".to_owned(),
                        FitStatus::BelowObserved => "below n".to_owned(),
                    },
                    if f.bounded && f.se.is_finite() { decimal1(f.se) } else { "-".to_owned() },
                    interval,
                    format!("{:.3}", f.deviance),
                    f.df.to_string(),
                    format!("{:.1}", f.aic),
                    format!("{:.1}", f.bic),
                ]
            }
            None => {
                let mut cells = vec![r.label.clone()];
                cells.extend(std::iter::repeat_n("-".to_owned(), 7));
                cells
            }
        };
        if let Some(e) = &r.error {
            let prefix = if r.fit.is_some() { "" } else { "no estimate: " };
            notes.push(format!("note ({}): {prefix}{e}\n", r.label));
        }
        if with_dependence {
            cells.push(r.dependence.clone());
        }
        table.row(cells);
    }
    out.push_str(&table.render());
    out.extend(notes);
    out
}
