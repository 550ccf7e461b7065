//! `attrition claims`: extract the numeric loss claims of a text, check them against the data as
//! of the text's date, do both over JSON Lines archives, and score both against labelled articles.

use crate::Context;
use crate::cli::{ClaimsAction, ClaimsArgs, ClaimsInput};
use crate::output::{Format, Render, Table, emit, group, print_json};
use crate::progress::Bar;
use anyhow::{Context as _, Result, anyhow, bail};
use attrition_analysis::Record;
use attrition_claims::check::{CheckData, Checked, Forecasts, check_in};
use attrition_claims::eval::{Distractor, Evaluation, Found, GoldClaim, VERDICTS, evaluate, read_jsonl};
use attrition_claims::extract::extract;
use attrition_model::{Claim, Period};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::{Path, PathBuf};

/// `attrition claims`.
pub(crate) fn run(context: &Context, args: &ClaimsArgs) -> Result<()> {
    match &args.action {
        ClaimsAction::Extract(input) => extract_command(context, input),
        ClaimsAction::Check(input) => check_command(context, input),
        ClaimsAction::Eval { sets, distractors, details } => {
            eval_command(context, sets, distractors.as_deref(), *details)
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
struct ExtractedDoc<'t> {
    id: Option<serde_json::Value>,
    date: Date,
    claims: Vec<Claim<'t>>,
}

#[derive(Serialize)]
struct CheckedDoc<'t> {
    id: Option<serde_json::Value>,
    date: Date,
    data_version: String,
    claims: Vec<Checked<'t>>,
}

/// The one text of the input, with its date (`--date`, or today unless `date_required`).
fn document(input: &ClaimsInput, date_required: bool) -> Result<(Date, String)> {
    let bytes = read_input(&input.file)?;
    let text = text_from_bytes(&bytes).with_context(|| format!("reading {}", input.file))?.to_owned();
    let date = match parse_date(input.date.as_deref())? {
        Some(date) => date,
        None if date_required => bail!(
            "claims check needs --date: the day the text was published, against which periods (\"in September\", \"the past 24 hours\") are resolved and the data are taken as of"
        ),
        None => jiff::Zoned::now().date(),
    };
    Ok((date, text))
}

fn extract_command(context: &Context, input: &ClaimsInput) -> Result<()> {
    if input.jsonl {
        return batch(
            context,
            input,
            "extract",
            || (),
            |(), doc| {
                let claims = extract(&doc.text, doc.date);
                serde_json::to_string(&ExtractedDoc { id: Some(doc.id), date: doc.date, claims })
                    .context("encoding JSON")
            },
        );
    }
    let (date, text) = document(input, false)?;
    let doc = ExtractedDoc { id: None, date, claims: extract(&text, date) };
    if input.date.is_none() && context.format == Format::Table {
        context.info(&format!("no --date given: periods are resolved against today ({})", doc.date));
    }
    emit(context.format, &doc)
}

fn check_command(context: &Context, input: &ClaimsInput) -> Result<()> {
    // the text's own errors come before the store's: they are what the user can fix here
    let single = if input.jsonl { None } else { Some(document(input, true)?) };
    let (store, now, _) = context.record(None)?;
    let assessments = super::assessments::all_assessments(&store)?;
    if let Some((date, text)) = single {
        let as_of = crate::record_on(&now, date).context("the text")?;
        let forecasts = Forecasts::default();
        return emit(context.format, &check_text(&text, date, (&as_of, &now), &assessments, &forecasts, None));
    }
    // the record as of the last date seen, and the forecasting work done on it: archives come
    // in date order, so a worker's documents mostly share them
    batch(
        context,
        input,
        "check",
        || (None::<(Date, Record)>, Forecasts::default()),
        |(cached, forecasts), doc| {
            let as_of = match cached {
                Some((date, record)) if *date == doc.date => record,
                _ => {
                    let record = crate::record_on(&now, doc.date)
                        .with_context(|| format!("{}, line {}: document {}", input.file, doc.line, doc.id))?;
                    &cached.insert((doc.date, record)).1
                }
            };
            let checked = check_text(&doc.text, doc.date, (as_of, &now), &assessments, forecasts, Some(doc.id));
            serde_json::to_string(&checked).context("encoding JSON")
        },
    )
}

/// Bytes of an archive read per round. A round's documents are shared among the workers while
/// the next round is read, and its results are printed in input order before the round after
/// that is read: memory stays bounded (about two rounds) whatever the archive's size.
const ROUND_BYTES: usize = 8 << 20;

/// The longest line of an archive: a document is one line, and one over this is refused rather
/// than read into memory whole.
const MAX_ARCHIVE_LINE: u64 = 64 << 20;

/// One document of an archive, parsed and checked.
struct ArchiveDoc {
    line: usize,
    id: serde_json::Value,
    date: Date,
    text: String,
}

/// One line of an archive as read: its number (from 1) and bytes.
type RawLine = (usize, Vec<u8>);

fn parse_archive_line(file: &str, (line, bytes): RawLine) -> Result<ArchiveDoc> {
    let doc: ArchiveLine = serde_json::from_slice(&bytes)
        .with_context(|| format!("{file}, line {line}: expected {{\"id\", \"date\", \"text\"}}"))?;
    let date = Period::parse_date(&doc.date).with_context(|| format!("{file}, line {line}: date"))?;
    text_from_bytes(doc.text.as_bytes()).with_context(|| format!("{file}, line {line}: text"))?;
    Ok(ArchiveDoc { line, id: doc.id, date, text: doc.text })
}

/// Reads the next round of non-blank lines, about `limit` bytes (at least one line, unless the
/// archive is done); returns the bytes consumed.
fn read_round(
    reader: &mut impl std::io::BufRead,
    file: &str,
    limit: usize,
    next_line: &mut usize,
    round: &mut Vec<RawLine>,
) -> Result<u64> {
    use std::io::{BufRead as _, Read as _};
    let mut consumed = 0u64;
    let mut round_bytes = 0usize;
    while round_bytes < limit {
        let mut bytes = Vec::new();
        let read = reader
            .by_ref()
            .take(MAX_ARCHIVE_LINE + 1)
            .read_until(b'\n', &mut bytes)
            .with_context(|| format!("reading {file}"))?;
        if read == 0 {
            break;
        }
        let line = *next_line;
        *next_line += 1;
        if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > MAX_ARCHIVE_LINE {
            bail!(
                "{file}, line {line}: longer than {MAX_ARCHIVE_LINE} bytes; a document must be one line of at most that"
            );
        }
        consumed += u64::try_from(read).unwrap_or(u64::MAX);
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        round_bytes += bytes.len();
        round.push((line, bytes));
    }
    Ok(consumed)
}

/// Splits a round into `parts` runs of consecutive lines of about equal size.
fn split_round(round: Vec<RawLine>, parts: usize) -> Vec<Vec<RawLine>> {
    let total: usize = round.iter().map(|(_, bytes)| bytes.len()).sum();
    let share = total.div_ceil(parts.max(1)).max(1);
    let mut out: Vec<Vec<RawLine>> = Vec::with_capacity(parts);
    let mut current = Vec::new();
    let mut size = 0;
    for line in round {
        size += line.1.len();
        current.push(line);
        if size >= share && out.len() + 1 < parts {
            out.push(std::mem::take(&mut current));
            size = 0;
        }
    }
    if !current.is_empty() || out.is_empty() {
        out.push(current);
    }
    out
}

/// Runs `work` on every document of the JSON Lines archive `input.file` on `--jobs` threads
/// (each with its own scratch state from `scratch`), and prints each document's result on a
/// line of its own, in input order, as rounds of the archive complete. The first bad line stops
/// the run with an error naming it; the results of the lines before it have been printed.
fn batch<S, W>(
    context: &Context,
    input: &ClaimsInput,
    what: &str,
    scratch: impl Fn() -> S + Sync,
    work: W,
) -> Result<()>
where
    W: Fn(&mut S, ArchiveDoc) -> Result<String> + Sync,
{
    use std::io::Write as _;
    use std::sync::mpsc;
    let file = input.file.as_str();
    let (mut reader, total): (Box<dyn std::io::BufRead>, Option<u64>) = if file == "-" {
        (Box::new(std::io::BufReader::with_capacity(1 << 20, std::io::stdin().lock())), None)
    } else {
        let opened = std::fs::File::open(file).with_context(|| format!("reading {file}"))?;
        let len = opened.metadata().ok().map(|m| m.len());
        (Box::new(std::io::BufReader::with_capacity(1 << 20, opened)), len)
    };
    let jobs = input.jobs.map_or_else(|| std::thread::available_parallelism().map_or(1, usize::from), usize::from);
    let bar = Bar::new(what, context.quiet);
    let mut stdout = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
    let (work, scratch) = (&work, &scratch);
    let outcome = std::thread::scope(|scope| -> Result<()> {
        let mut to_workers = Vec::with_capacity(jobs);
        let mut from_workers = Vec::with_capacity(jobs);
        for _ in 0..jobs {
            let (send_part, receive_part) = mpsc::sync_channel::<Vec<RawLine>>(1);
            let (send_done, receive_done) = mpsc::sync_channel::<Vec<Result<String>>>(1);
            scope.spawn(move || {
                let mut state = scratch();
                for part in receive_part {
                    let mut done = Vec::with_capacity(part.len());
                    for raw in part {
                        let result = parse_archive_line(file, raw).and_then(|doc| work(&mut state, doc));
                        let failed = result.is_err();
                        done.push(result);
                        if failed {
                            break;
                        }
                    }
                    if send_done.send(done).is_err() {
                        break;
                    }
                }
            });
            to_workers.push(send_part);
            from_workers.push(receive_done);
        }
        let mut next_line = 1;
        let mut read_bytes = 0u64;
        let mut round = Vec::new();
        read_bytes += read_round(&mut reader, file, ROUND_BYTES, &mut next_line, &mut round)?;
        while !round.is_empty() {
            let parts = split_round(std::mem::take(&mut round), jobs);
            let sent = parts.len();
            for (part, worker) in parts.into_iter().zip(&to_workers) {
                worker.send(part).map_err(|_| anyhow!("a {what} worker stopped"))?;
            }
            // read the next round while this one is worked on
            let next_bytes = read_round(&mut reader, file, ROUND_BYTES, &mut next_line, &mut round);
            for worker in from_workers.iter().take(sent) {
                for result in worker.recv().map_err(|_| anyhow!("a {what} worker stopped"))? {
                    let mut line = result?;
                    line.push('\n');
                    stdout.write_all(line.as_bytes()).context("writing to stdout")?;
                }
            }
            read_bytes += next_bytes?;
            let done = usize::try_from(read_bytes).unwrap_or(usize::MAX);
            bar.progress(done, total.map_or(done, |t| usize::try_from(t).unwrap_or(usize::MAX)));
        }
        Ok(())
    });
    bar.finish();
    outcome?;
    stdout.flush().context("writing to stdout")
}

fn check_text<'t>(
    text: &'t str,
    date: Date,
    (as_of, now): (&Record, &Record),
    assessments: &[attrition_model::Assessment],
    forecasts: &Forecasts,
    id: Option<serde_json::Value>,
) -> CheckedDoc<'t> {
    let data = CheckData { as_of, now, date, assessments, forecasts };
    CheckedDoc {
        id,
        date,
        data_version: as_of.data_version().to_string(),
        claims: extract(text, date).iter().map(|claim| check_in(text, claim, &data)).collect(),
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

impl Render for ExtractedDoc<'_> {
    fn csv(&self) -> (Vec<&'static str>, Vec<Vec<String>>) {
        let rows = self
            .claims
            .iter()
            .map(|c| {
                vec![
                    c.span[0].to_string(),
                    c.span[1].to_string(),
                    c.quote.to_string(),
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
                c.quote.to_string(),
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

impl Render for CheckedDoc<'_> {
    fn csv(&self) -> (Vec<&'static str>, Vec<Vec<String>>) {
        let rows = self
            .claims
            .iter()
            .map(|c| {
                vec![
                    c.claim.quote.to_string(),
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

fn eval_command(context: &Context, sets: &[PathBuf], distractors: Option<&Path>, details: bool) -> Result<()> {
    if !sets.len().is_multiple_of(2) {
        bail!(
            "claims eval takes GOLD ARTICLES_DIR pairs; {} is left without its articles directory",
            sets.last().map_or_else(String::new, |p| p.display().to_string())
        );
    }
    if distractors.is_some() && sets.len() > 2 {
        bail!(
            "--distractors names the distractors of a single set; with several sets each GOLD's directory holds its distractors.jsonl"
        );
    }
    let (store, now, _) = context.record(None)?;
    let assessments = super::assessments::all_assessments(&store)?;
    let forecasts = Forecasts::default();
    let bar = Bar::new("eval", context.quiet);
    let mut scored = Vec::new();
    let (mut all_gold, mut all_distractors, mut all_found) = (Vec::new(), Vec::new(), Vec::new());
    for (set, pair) in sets.chunks(2).enumerate() {
        let [gold_path, articles] = pair else { continue };
        let labelled = read_labelled_set(gold_path, distractors)?;
        let mut found = Vec::new();
        for (index, (doc, date)) in labelled.documents.iter().enumerate() {
            let path = articles.join(format!("{doc}.txt"));
            let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
            let as_of = crate::record_on(&now, *date)?;
            let checked = check_text(&text, *date, (&as_of, &now), &assessments, &forecasts, None);
            found.push(Found {
                doc: doc.clone(),
                claims: checked
                    .claims
                    .into_iter()
                    .map(|c| (c.claim.into_owned(), Some(c.verdict.id().to_owned())))
                    .collect(),
            });
            bar.progress(index + 1, labelled.documents.len());
        }
        let evaluation = evaluate(&labelled.gold, &labelled.distractors, &found);
        // Document ids repeat between sets ("01"): the whole is scored with each id made unique.
        let unique = |doc: &str| format!("{set}/{doc}");
        all_gold.extend(labelled.gold.into_iter().map(|g| GoldClaim { doc: unique(&g.doc), ..g }));
        all_distractors.extend(labelled.distractors.into_iter().map(|d| Distractor { doc: unique(&d.doc), ..d }));
        all_found.extend(found.into_iter().map(|f| Found { doc: unique(&f.doc), ..f }));
        scored.push(SetEvaluation {
            gold: gold_path.display().to_string(),
            articles: articles.display().to_string(),
            evaluation,
        });
    }
    bar.finish();
    let report = EvalReport { all: evaluate(&all_gold, &all_distractors, &all_found), sets: scored, details };
    if context.format == Format::Json {
        return print_json(&report);
    }
    emit(context.format, &report)
}

/// A labelled set as read: its claims, its distractors and its documents with their dates.
struct LabelledSet {
    gold: Vec<GoldClaim>,
    distractors: Vec<Distractor>,
    documents: Vec<(String, Date)>,
}

fn read_labelled_set(gold_path: &Path, distractors: Option<&Path>) -> Result<LabelledSet> {
    let read = |path: &Path| std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()));
    let gold: Vec<GoldClaim> = read_jsonl(&gold_path.display().to_string(), &read(gold_path)?)?;
    let distractor_path =
        distractors.map(Path::to_path_buf).unwrap_or_else(|| gold_path.with_file_name("distractors.jsonl"));
    let distractors: Vec<Distractor> = if distractor_path.exists() {
        read_jsonl(&distractor_path.display().to_string(), &read(&distractor_path)?)?
    } else {
        Vec::new()
    };
    let mut documents: Vec<(String, Date)> = Vec::new();
    for g in &gold {
        if !documents.iter().any(|(d, _)| *d == g.doc) {
            documents.push((g.doc.clone(), g.date));
        }
    }
    Ok(LabelledSet { gold, distractors, documents })
}

/// One set's scores.
#[derive(Serialize)]
struct SetEvaluation {
    gold: String,
    articles: String,
    #[serde(flatten)]
    evaluation: Evaluation,
}

/// The scores of all sets together, and of each.
#[derive(Serialize)]
struct EvalReport {
    #[serde(flatten)]
    all: Evaluation,
    sets: Vec<SetEvaluation>,
    #[serde(skip)]
    details: bool,
}

fn score_table(e: &Evaluation) -> String {
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
        let rate = |r: Option<f64>| r.map_or_else(|| "—".to_owned(), |r| format!("{r:.3}"));
        out.push_str(&format!(
            "false support (labelled contradicted or metric mismatch, called supported): {}; false contradiction (labelled supported, called contradicted): {}\n\n",
            rate(e.false_support_rate),
            rate(e.false_contradiction_rate)
        ));
        let mut headings = vec!["labelled \\ called"];
        headings.extend(VERDICTS);
        let mut matrix = Table::new(&headings);
        for expected in VERDICTS {
            let counts: Vec<usize> = VERDICTS.iter().map(|found| e.confused(expected, found)).collect();
            if counts.iter().all(|n| *n == 0) {
                continue;
            }
            let mut cells = vec![expected.to_owned()];
            cells.extend(counts.iter().map(usize::to_string));
            matrix.row(cells);
        }
        out.push_str(&matrix.render());
    }
    out
}

impl Render for EvalReport {
    fn csv(&self) -> (Vec<&'static str>, Vec<Vec<String>>) {
        let mut rows = Vec::new();
        let named = self.sets.iter().map(|s| (s.gold.as_str(), &s.evaluation));
        let sets: Vec<(&str, &Evaluation)> =
            if self.sets.len() > 1 { named.chain([("all", &self.all)]).collect() } else { named.collect() };
        for (set, e) in sets {
            rows.push(vec![
                set.to_owned(),
                "claims".to_owned(),
                format!("{:.4}", e.claims.precision),
                format!("{:.4}", e.claims.recall),
                format!("{:.4}", e.claims.f1),
            ]);
            rows.extend(e.fields.iter().map(|(name, s)| {
                vec![
                    set.to_owned(),
                    name.clone(),
                    format!("{:.4}", s.precision),
                    format!("{:.4}", s.recall),
                    format!("{:.4}", s.f1),
                ]
            }));
        }
        (vec!["set", "field", "precision", "recall", "f1"], rows)
    }

    fn table(&self) -> String {
        let mut out = String::new();
        for set in &self.sets {
            if self.sets.len() > 1 {
                out.push_str(&format!("== {} ({})\n", set.gold, set.articles));
            }
            let e = &set.evaluation;
            out.push_str(&score_table(e));
            if !e.misses.is_empty() {
                out.push_str("\nmisses:\n");
                for miss in &e.misses {
                    out.push_str(&format!("  {miss}\n"));
                }
            }
            if self.details && !e.disagreements.is_empty() {
                out.push_str("\nmatched but differing from the label (found ≠ labelled):\n");
                for line in &e.disagreements {
                    out.push_str(&format!("  {line}\n"));
                }
            }
            out.push('\n');
        }
        if self.sets.len() > 1 {
            out.push_str(&format!("== all {} sets\n", self.sets.len()));
            out.push_str(&score_table(&self.all));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_keep_line_numbers_skip_blank_lines_and_refuse_nothing_silently() {
        let archive = b"{\"a\": 1}\n\n   \n{\"b\": 22}\n{\"c\": 333}\n{\"d\": 4}";
        let mut reader = std::io::Cursor::new(&archive[..]);
        let (mut next_line, mut rounds) = (1, Vec::new());
        loop {
            let mut round = Vec::new();
            let consumed = read_round(&mut reader, "a.jsonl", 12, &mut next_line, &mut round).unwrap();
            if round.is_empty() {
                assert_eq!(consumed, 0);
                break;
            }
            rounds.push(round.iter().map(|(line, _)| *line).collect::<Vec<_>>());
        }
        // every byte read, every non-blank line once, numbered as an editor numbers them
        assert_eq!(rounds, vec![vec![1, 4], vec![5, 6]]);
    }

    #[test]
    fn a_round_is_shared_in_order_and_about_evenly() {
        let round: Vec<RawLine> = (1..=10).map(|n| (n, vec![b'x'; n * 10])).collect();
        let parts = split_round(round, 3);
        let numbers: Vec<usize> = parts.iter().flatten().map(|(n, _)| *n).collect();
        assert_eq!(numbers, (1..=10).collect::<Vec<_>>());
        assert_eq!(parts.len(), 3);
        let sizes: Vec<usize> = parts.iter().map(|p| p.iter().map(|(_, b)| b.len()).sum()).collect();
        assert!(sizes.iter().all(|&size| (100..=270).contains(&size)), "{sizes:?}");
        assert_eq!(split_round(vec![(1, b"x".to_vec())], 4).len(), 1);
    }
}
