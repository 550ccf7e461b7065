//! `attrition claims`: extract the numeric loss claims of a text, check them against the data as
//! of the text's date, do both over JSON Lines archives, and score both against labelled articles.

use crate::Context;
use crate::cli::{ClaimsAction, ClaimsArgs, ClaimsInput};
use crate::output::{Format, Render, Table, emit, group, print, print_json};
use crate::progress::Bar;
use anyhow::{Context as _, Result, anyhow, bail};
use attrition_analysis::Record;
use attrition_claims::check::{CheckData, Checked, check};
use attrition_claims::eval::{Distractor, Evaluation, Found, GoldClaim, evaluate, read_jsonl};
use attrition_claims::extract::extract;
use attrition_model::{Claim, Period};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::Path;

/// `attrition claims`.
pub(crate) fn run(context: &Context, args: &ClaimsArgs) -> Result<()> {
    match &args.action {
        ClaimsAction::Extract(input) => extract_command(context, input),
        ClaimsAction::Check(input) => check_command(context, input),
        ClaimsAction::Eval { gold, articles, distractors } => {
            eval_command(context, gold, articles, distractors.as_deref())
        }
    }
}

/// Text the extractor accepts: UTF-8, no NUL byte, not empty, no line over a megabyte.
fn text_from_bytes(bytes: &[u8]) -> Result<&str> {
    let text = attrition_claims::extract::text_from_bytes(bytes)?;
    attrition_claims::extract::check_input(text)?;
    Ok(text)
}

/// The bytes of FILE, or of standard input for `-`.
fn read_input(path: &str) -> Result<Vec<u8>> {
    if path == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).context("reading standard input")?;
        return Ok(bytes);
    }
    std::fs::read(path).with_context(|| format!("reading {path}"))
}

fn parse_date(text: Option<&str>) -> Result<Option<Date>> {
    text.map(Period::parse_date).transpose().context("reading --date")
}

/// One document of a JSON Lines archive.
#[derive(Deserialize)]
struct ArchiveLine {
    id: serde_json::Value,
    date: String,
    text: String,
}

#[derive(Serialize)]
struct ExtractedDoc {
    id: Option<serde_json::Value>,
    date: Date,
    claims: Vec<Claim>,
}

#[derive(Serialize)]
struct CheckedDoc {
    id: Option<serde_json::Value>,
    date: Date,
    data_version: String,
    claims: Vec<Checked>,
}

/// The documents of the input: one text with `--date`, or every line of a JSON Lines archive.
fn documents(input: &ClaimsInput, date_required: bool) -> Result<Vec<(Option<serde_json::Value>, Date, String)>> {
    let bytes = read_input(&input.file)?;
    if input.jsonl {
        let text = std::str::from_utf8(&bytes).map_err(|e| anyhow!("{}: not UTF-8 ({e})", input.file))?;
        return text
            .lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(i, line)| {
                let doc: ArchiveLine = serde_json::from_str(line).with_context(|| {
                    format!("{}, line {}: expected {{\"id\", \"date\", \"text\"}}", input.file, i + 1)
                })?;
                let date =
                    Period::parse_date(&doc.date).with_context(|| format!("{}, line {}: date", input.file, i + 1))?;
                text_from_bytes(doc.text.as_bytes())
                    .with_context(|| format!("{}, line {}: text", input.file, i + 1))?;
                Ok((Some(doc.id), date, doc.text))
            })
            .collect();
    }
    let text = text_from_bytes(&bytes).with_context(|| format!("reading {}", input.file))?.to_owned();
    let date = match parse_date(input.date.as_deref())? {
        Some(date) => date,
        None if date_required => bail!(
            "claims check needs --date: the day the text was published, against which periods (\"in September\", \"the past 24 hours\") are resolved and the data are taken as of"
        ),
        None => jiff::Zoned::now().date(),
    };
    Ok(vec![(None, date, text)])
}

fn extract_command(context: &Context, input: &ClaimsInput) -> Result<()> {
    let docs = documents(input, false)?;
    let extracted: Vec<ExtractedDoc> =
        docs.into_iter().map(|(id, date, text)| ExtractedDoc { id, date, claims: extract(&text, date) }).collect();
    if input.jsonl {
        return print_lines(&extracted);
    }
    let doc = extracted.into_iter().next().ok_or_else(|| anyhow!("no text"))?;
    if input.date.is_none() && context.format == Format::Table {
        context.info(&format!("no --date given: periods are resolved against today ({})", doc.date));
    }
    emit(context.format, &doc)
}

/// One JSON document per line.
fn print_lines<T: Serialize>(items: &[T]) -> Result<()> {
    let mut out = String::new();
    for item in items {
        out.push_str(&serde_json::to_string(item).context("encoding JSON")?);
        out.push('\n');
    }
    print(&out)
}

fn check_command(context: &Context, input: &ClaimsInput) -> Result<()> {
    let docs = documents(input, true)?;
    let (store, now, _) = context.record(None)?;
    let assessments = super::assessments::all_assessments(&store)?;
    let bar = Bar::new("claims", context.quiet || !input.jsonl);
    let total = docs.len();
    let mut checked = Vec::with_capacity(total);
    for (index, (id, date, text)) in docs.into_iter().enumerate() {
        let as_of = crate::record_as_of(now.clone(), Some(date)).with_context(|| match &id {
            Some(id) => format!("document {id}"),
            None => "the text".to_owned(),
        })?;
        checked.push(check_text(&text, date, (&as_of, &now), &assessments, id));
        bar.progress(index + 1, total);
    }
    bar.finish();
    if input.jsonl {
        return print_lines(&checked);
    }
    let doc = checked.into_iter().next().ok_or_else(|| anyhow!("no text"))?;
    emit(context.format, &doc)
}

fn check_text(
    text: &str,
    date: Date,
    (as_of, now): (&Record, &Record),
    assessments: &[attrition_model::Assessment],
    id: Option<serde_json::Value>,
) -> CheckedDoc {
    let data = CheckData { as_of, now, date, assessments };
    CheckedDoc {
        id,
        date,
        data_version: as_of.data_version().to_string(),
        claims: extract(text, date).iter().map(|claim| check(claim, &data)).collect(),
    }
}

/// "21,470", "more than 65,000", "20,000 – 25,000".
fn value(claim: &Claim) -> String {
    let n = |x: f64| {
        if x.fract().abs() > 1e-9 {
            format!("{x:.2}")
        } else {
            #[allow(clippy::cast_possible_truncation)]
            group(x.round() as i64)
        }
    };
    let words = claim.qualifier.words();
    let body = match (claim.low, claim.high) {
        (Some(l), Some(h)) if (l - h).abs() > 1e-9 => format!("{} – {}", n(l), n(h)),
        (Some(x), _) | (None, Some(x)) => n(x),
        (None, None) => "—".to_owned(),
    };
    let rank = if claim.kind == attrition_model::ClaimKind::Rank { "rank " } else { "" };
    let rate = claim.rate.map(|r| format!(" {}", r.words())).unwrap_or_default();
    format!("{words}{rank}{body}{rate}")
}

fn period(claim: &Claim) -> String {
    match (claim.period, claim.cumulative) {
        (Some([a, b]), _) if a == b => a.to_string(),
        (Some([a, b]), _) => format!("{a}..{b}"),
        (None, true) => "since 2022-02-24".to_owned(),
        (None, false) => "—".to_owned(),
    }
}

impl Render for ExtractedDoc {
    fn csv(&self) -> (Vec<&'static str>, Vec<Vec<String>>) {
        let rows = self
            .claims
            .iter()
            .map(|c| {
                vec![
                    c.span[0].to_string(),
                    c.span[1].to_string(),
                    c.quote.clone(),
                    c.side.map(|s| s.id().to_owned()).unwrap_or_default(),
                    c.metric.map(|m| m.id()).unwrap_or_default(),
                    c.low.map(|x| x.to_string()).unwrap_or_default(),
                    c.high.map(|x| x.to_string()).unwrap_or_default(),
                    format!("{:?}", c.qualifier).to_lowercase(),
                    period(c),
                    c.attribution.as_deref().unwrap_or_default().to_owned(),
                ]
            })
            .collect();
        (vec!["start", "end", "quote", "side", "metric", "low", "high", "qualifier", "period", "attribution"], rows)
    }

    fn table(&self) -> String {
        let mut table = Table::new(&["#", "quote", "side", "metric", "value", "period", "attributed to"]);
        for (i, c) in self.claims.iter().enumerate() {
            table.row(vec![
                (i + 1).to_string(),
                c.quote.clone(),
                c.side.map_or("—", |s| s.id()).to_owned(),
                c.metric.map_or_else(|| "—".to_owned(), |m| m.id()),
                value(c),
                period(c),
                c.attribution.as_deref().unwrap_or("—").to_owned(),
            ]);
        }
        format!("{} claims (text dated {})\n\n{}", self.claims.len(), self.date, table.render())
    }
}

impl Render for CheckedDoc {
    fn csv(&self) -> (Vec<&'static str>, Vec<Vec<String>>) {
        let rows = self
            .claims
            .iter()
            .map(|c| {
                vec![
                    c.claim.quote.clone(),
                    c.claim.metric.map(|m| m.id()).unwrap_or_default(),
                    value(&c.claim),
                    period(&c.claim),
                    c.verdict.id().to_owned(),
                    c.truth.map(|t| format!("{t}")).unwrap_or_default(),
                    c.convention.map(|x| x.name().to_owned()).unwrap_or_default(),
                    c.evidence.clone(),
                    self.data_version.clone(),
                ]
            })
            .collect();
        (
            vec!["quote", "metric", "claimed", "period", "verdict", "figure", "convention", "evidence", "data_version"],
            rows,
        )
    }

    fn table(&self) -> String {
        let mut out = format!(
            "{} claims in the text dated {}, checked against the General Staff data as of that day\n\n",
            self.claims.len(),
            self.date
        );
        for (i, c) in self.claims.iter().enumerate() {
            let figure = match c.truth {
                Some(t) if t.fract().abs() > 1e-9 => format!("{t:.2}"),
                #[allow(clippy::cast_possible_truncation)]
                Some(t) => group(t.round() as i64),
                None => "—".to_owned(),
            };
            if let Some(entry) = &c.registry {
                out.push_str(&format!("    registry: {entry}\n"));
            }
            out.push_str(&format!(
                "{:>2}. {}  «{}»\n    {} {} ({}): data {}{}\n    {}\n",
                i + 1,
                c.verdict.id().to_uppercase().replace('_', " "),
                c.claim.quote,
                c.claim.metric.map_or_else(|| "?".to_owned(), |m| m.id()),
                value(&c.claim),
                period(&c.claim),
                figure,
                c.convention.map(|x| format!(" ({})", x.name())).unwrap_or_default(),
                c.evidence
            ));
        }
        out.push_str(&format!("\ndata version: {}\n", self.data_version));
        out
    }
}

fn eval_command(context: &Context, gold_path: &Path, articles: &Path, distractors: Option<&Path>) -> Result<()> {
    let read = |path: &Path| std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()));
    let gold: Vec<GoldClaim> = read_jsonl(&gold_path.display().to_string(), &read(gold_path)?)?;
    let distractor_path =
        distractors.map(Path::to_path_buf).unwrap_or_else(|| gold_path.with_file_name("distractors.jsonl"));
    let distractors: Vec<Distractor> = if distractor_path.exists() {
        read_jsonl(&distractor_path.display().to_string(), &read(&distractor_path)?)?
    } else {
        Vec::new()
    };
    let (store, now, _) = context.record(None)?;
    let assessments = super::assessments::all_assessments(&store)?;
    let mut docs: Vec<(String, Date)> = Vec::new();
    for g in &gold {
        if !docs.iter().any(|(d, _)| *d == g.doc) {
            docs.push((g.doc.clone(), g.date));
        }
    }
    let bar = Bar::new("eval", context.quiet);
    let mut found = Vec::new();
    for (index, (doc, date)) in docs.iter().enumerate() {
        let path = articles.join(format!("{doc}.txt"));
        let text = read(&path)?;
        let as_of = crate::record_as_of(now.clone(), Some(*date))?;
        let checked = check_text(&text, *date, (&as_of, &now), &assessments, None);
        found.push(Found {
            doc: doc.clone(),
            claims: checked.claims.into_iter().map(|c| (c.claim, Some(c.verdict.id().to_owned()))).collect(),
        });
        bar.progress(index + 1, docs.len());
    }
    bar.finish();
    let evaluation = evaluate(&gold, &distractors, &found);
    if context.format == Format::Json {
        return print_json(&evaluation);
    }
    emit(context.format, &EvalReport(evaluation))
}

#[derive(Serialize)]
struct EvalReport(Evaluation);

impl Render for EvalReport {
    fn csv(&self) -> (Vec<&'static str>, Vec<Vec<String>>) {
        let e = &self.0;
        let mut rows = vec![vec![
            "claims".to_owned(),
            format!("{:.4}", e.claims.precision),
            format!("{:.4}", e.claims.recall),
            format!("{:.4}", e.claims.f1),
        ]];
        rows.extend(e.fields.iter().map(|(name, s)| {
            vec![name.clone(), format!("{:.4}", s.precision), format!("{:.4}", s.recall), format!("{:.4}", s.f1)]
        }));
        (vec!["field", "precision", "recall", "f1"], rows)
    }

    fn table(&self) -> String {
        let e = &self.0;
        let mut out = format!(
            "{} articles, {} labelled claims, {} found, {} matched; {} of {} distractors taken for claims\n\n",
            e.documents, e.gold, e.found, e.matched, e.distractors_hit, e.distractors
        );
        let mut table = Table::new(&["field", "precision", "recall", "F1"]);
        let row = |name: &str, s: &attrition_claims::eval::Score| {
            vec![name.to_owned(), format!("{:.3}", s.precision), format!("{:.3}", s.recall), format!("{:.3}", s.f1)]
        };
        table.row(row("claims", &e.claims));
        for (name, s) in &e.fields {
            table.row(row(name, s));
        }
        out.push_str(&table.render());
        if let Some(accuracy) = e.verdict_accuracy {
            out.push_str(&format!("\nverdict accuracy on matched claims: {accuracy:.3}\n"));
        }
        if !e.misses.is_empty() {
            out.push_str("\nmisses:\n");
            for miss in &e.misses {
                out.push_str(&format!("  {miss}\n"));
            }
        }
        out
    }
}
