//! `attrition balance`: recruits a month against irrecoverable losses by the stock-flow identity
//! ΔF = R − ι·L, with every assumption printed beside the result. The arithmetic is
//! `attrition_analysis::force_balance`; this module reads the flags and formats.

use crate::Context;
use crate::cli::BalanceArgs;
use crate::output::{Render, Table, decimal1, emit, group, provenance};
use anyhow::{Context as _, Result};
use attrition_analysis::{
    Assumptions, Balance, Coverage, DEFAULT_IRRECOVERABLE_SHARE, IRRECOVERABLE_SHARE_EVIDENCE, Interval, force_balance,
};
use attrition_model::Category;
use serde::Serialize;

/// What is not in the identity, printed beside the result.
const NOT_MODELLED: &str =
    "desertion (an extra outflow); the time the recoverable wounded are away; any change in the loss rate";

#[derive(Serialize)]
struct BalanceReport {
    #[serde(flatten)]
    balance: Balance,
    identity: &'static str,
    share_evidence: Vec<&'static str>,
    not_modelled: &'static str,
    source: &'static str,
    convention_meaning: &'static str,
}

/// `attrition balance`.
pub(crate) fn run(context: &Context, args: &BalanceArgs) -> Result<()> {
    let recruits =
        Interval::parse_per_month(&args.recruits).with_context(|| format!("--recruits {}", args.recruits))?;
    let (share, default_share) = match &args.irrecoverable_share {
        Some(text) => (Interval::parse_share(text).with_context(|| format!("--irrecoverable-share {text}"))?, false),
        None => (DEFAULT_IRRECOVERABLE_SHARE, true),
    };
    let figures = context.figures(&args.figures)?;
    let losses = figures
        .record
        .loss_rate(Category::Personnel, args.window, figures.convention, figures.net)
        .with_context(|| format!("--window {}", args.window))?;
    let assumptions = Assumptions {
        recruits,
        irrecoverable_share: share,
        default_share,
        intake: args.intake,
        draws: args.draws,
        seed: args.seed,
    };
    let balance = force_balance(losses, assumptions)?;
    emit(
        context.format,
        &BalanceReport {
            balance,
            identity: "ΔF = R − ι·L: net change of the force a month = recruits − irrecoverable share × personnel losses a month",
            share_evidence: if default_share { IRRECOVERABLE_SHARE_EVIDENCE.to_vec() } else { Vec::new() },
            not_modelled: NOT_MODELLED,
            source: figures.record.source.description(),
            convention_meaning: figures.convention.explanation(),
        },
    )
}

/// A rounded whole number with grouping: `38,686`.
fn whole(x: f64) -> String {
    #[allow(clippy::cast_possible_truncation)]
    let n = x.round() as i64;
    group(n)
}

/// A rounded whole number with its sign: `+6,788`, `-1,200`, `0`.
fn signed_whole(x: f64) -> String {
    let text = whole(x);
    if text != "0" && !text.starts_with('-') { format!("+{text}") } else { text }
}

fn share(x: f64) -> String {
    format!("{x:.2}")
}

fn span(range: &Interval, format: fn(f64) -> String) -> String {
    if range.low == range.high { format(range.low) } else { format!("{} .. {}", format(range.low), format(range.high)) }
}

fn coverage(range: &Coverage) -> String {
    let end = |x: Option<f64>| x.map_or_else(|| "without limit".to_owned(), decimal1);
    if range.low == range.high { end(range.low) } else { format!("{} .. {}", end(range.low), end(range.high)) }
}

fn percent(p: f64) -> String {
    format!("{}%", decimal1(p * 100.0))
}

/// `label  value` lines with the values aligned.
struct Lines(Vec<(String, String)>);

impl Lines {
    fn add(&mut self, label: &str, value: String) {
        self.0.push((label.to_owned(), value));
    }

    fn width(&self) -> usize {
        self.0.iter().map(|(l, _)| l.chars().count()).max().unwrap_or(0)
    }

    fn render(&self, width: usize) -> String {
        self.0.iter().map(|(l, v)| format!("  {l:<width$}  {v}\n")).collect()
    }
}

impl Render for BalanceReport {
    fn csv(&self) -> (Vec<&'static str>, Vec<Vec<String>>) {
        let b = &self.balance;
        let (l, a, n) = (&b.losses, &b.assumptions, &b.net);
        let opt = |x: Option<f64>| x.map(|v| format!("{v:.4}")).unwrap_or_default();
        let intake = b.intake.as_ref();
        let row = vec![
            l.category.id().to_owned(),
            l.start.to_string(),
            l.end.to_string(),
            l.days.to_string(),
            l.start_report.to_string(),
            l.end_report.to_string(),
            l.convention.name().to_owned(),
            l.net_of_corrections.to_string(),
            l.total.to_string(),
            format!("{:.4}", l.daily_rate),
            format!("{}", b.days_per_month),
            format!("{:.4}", l.monthly),
            format!("{}", a.recruits.low),
            format!("{}", a.recruits.high),
            format!("{}", a.irrecoverable_share.low),
            format!("{}", a.irrecoverable_share.high),
            a.default_share.to_string(),
            if a.default_share { self.share_evidence.join(" | ") } else { "given".to_owned() },
            format!("{:.4}", b.irrecoverable_per_month.low),
            format!("{:.4}", b.irrecoverable_per_month.high),
            format!("{:.4}", b.net_bounds.low),
            format!("{:.4}", b.net_bounds.high),
            format!("{:.4}", n.mean),
            format!("{:.4}", n.q05),
            format!("{:.4}", n.q10),
            format!("{:.4}", n.q50),
            format!("{:.4}", n.q90),
            format!("{:.4}", n.q95),
            format!("{:.6}", n.p_shrinking),
            n.distribution.to_owned(),
            n.draws.to_string(),
            n.seed.to_string(),
            intake.map(|i| i.people.to_string()).unwrap_or_default(),
            intake.map(|i| format!("{:.4}", i.days)).unwrap_or_default(),
            intake.map(|i| format!("{:.4}", i.weeks)).unwrap_or_default(),
            intake.map(|i| opt(i.irrecoverable_days.low)).unwrap_or_default(),
            intake.map(|i| opt(i.irrecoverable_days.high)).unwrap_or_default(),
            intake.map(|i| opt(i.irrecoverable_weeks.low)).unwrap_or_default(),
            intake.map(|i| opt(i.irrecoverable_weeks.high)).unwrap_or_default(),
            self.source.to_owned(),
            l.data_version.to_string(),
        ];
        let header = vec![
            "category",
            "window_start",
            "window_end",
            "window_days",
            "start_report",
            "end_report",
            "convention",
            "net_of_corrections",
            "losses",
            "daily_rate",
            "days_per_month",
            "monthly_losses",
            "recruits_low",
            "recruits_high",
            "irrecoverable_share_low",
            "irrecoverable_share_high",
            "default_share",
            "irrecoverable_share_source",
            "irrecoverable_per_month_low",
            "irrecoverable_per_month_high",
            "net_min",
            "net_max",
            "net_mean",
            "net_q05",
            "net_q10",
            "net_q50",
            "net_q90",
            "net_q95",
            "p_shrinking",
            "distribution",
            "draws",
            "seed",
            "intake",
            "intake_days",
            "intake_weeks",
            "intake_irrecoverable_days_low",
            "intake_irrecoverable_days_high",
            "intake_irrecoverable_weeks_low",
            "intake_irrecoverable_weeks_high",
            "source",
            "data_version",
        ];
        (header, vec![row])
    }

    fn table(&self) -> String {
        let b = &self.balance;
        let (l, a, n) = (&b.losses, &b.assumptions, &b.net);

        let mut losses = Lines(Vec::new());
        losses.add(
            "window",
            format!(
                "{} .. {} ({} days, {}): cumulative of the report of {} minus that of {}",
                l.start, l.end, l.days, l.convention, l.end_report, l.start_report
            ),
        );
        losses.add(
            "losses in the window",
            format!("{}{}", group(l.total), if l.net_of_corrections { " (net of corrections)" } else { "" }),
        );
        losses.add("daily rate", format!("{} a day", decimal1(l.daily_rate)));
        losses.add(
            "losses a month L",
            format!("{} (daily rate × {} days, the average month: 365.25 / 12)", whole(l.monthly), b.days_per_month),
        );

        let mut assumed = Lines(Vec::new());
        assumed.add("recruits R", format!("{} a month (--recruits)", span(&a.recruits, whole)));
        let origin = if a.default_share { "default" } else { "--irrecoverable-share" };
        assumed.add(
            "irrecoverable share ι",
            format!(
                "{} of L ({origin}): the killed, seriously wounded, captured and missing",
                span(&a.irrecoverable_share, share)
            ),
        );
        for (i, line) in self.share_evidence.iter().enumerate() {
            assumed.add(if i == 0 { "  evidence (METHODS.md 5.1)" } else { "" }, (*line).to_owned());
        }
        assumed.add("not modelled", self.not_modelled.to_owned());
        assumed.add(
            "Monte Carlo",
            format!("R and ι {}; {} draws, seed {}", n.distribution, group(n.draws.into()), n.seed),
        );

        let mut result = Lines(Vec::new());
        result.add(
            "irrecoverable losses ι·L",
            format!("{} = break-even recruitment", span(&b.irrecoverable_per_month, whole)),
        );
        result.add(
            "net change ΔF, bounds",
            format!("{} (R low − ι high·L .. R high − ι low·L)", span(&b.net_bounds, signed_whole)),
        );
        result.add("chance the force shrinks", format!("{} of the draws have ΔF < 0", percent(n.p_shrinking)));

        let mut intake_lines = Lines(Vec::new());
        if let Some(intake) = &b.intake {
            intake_lines.add(
                "replaces all losses of",
                format!(
                    "{} days = {} weeks (at {} a day)",
                    decimal1(intake.days),
                    decimal1(intake.weeks),
                    decimal1(l.daily_rate)
                ),
            );
            intake_lines.add(
                "replaces irrecoverable losses of",
                format!(
                    "{} days = {} weeks (ι {} .. {})",
                    coverage(&intake.irrecoverable_days),
                    coverage(&intake.irrecoverable_weeks),
                    share(a.irrecoverable_share.high),
                    share(a.irrecoverable_share.low)
                ),
            );
        }
        let width = [&losses, &assumed, &result, &intake_lines].iter().map(|lines| lines.width()).max().unwrap_or(0);

        let mut out = String::from(
            "Force balance, per month: ΔF = R − ι·L (net change = recruits − irrecoverable share × personnel losses)\n",
        );
        out.push_str(&format!("\nLosses: General Staff {} count, from the data\n", l.category.id()));
        out.push_str(&losses.render(width));
        out.push_str("\nAssumptions\n");
        out.push_str(&assumed.render(width));
        out.push_str("\nResult, per month\n");
        out.push_str(&result.render(width));
        out.push('\n');
        let mut table = Table::new(&["net change ΔF", "mean", "5%", "10%", "median", "90%", "95%"]);
        table.row(vec![
            "a month".to_owned(),
            signed_whole(n.mean),
            signed_whole(n.q05),
            signed_whole(n.q10),
            signed_whole(n.q50),
            signed_whole(n.q90),
            signed_whole(n.q95),
        ]);
        out.push_str(&indent(&table.render()));
        out.push('\n');
        let low = format!("ΔF at R {}", whole(a.recruits.low));
        let high = format!("ΔF at R {}", whole(a.recruits.high));
        let both = a.recruits.high > a.recruits.low;
        let mut header = vec!["share ι", "ι·L = break-even", low.as_str()];
        if both {
            header.push(high.as_str());
        }
        let mut table = Table::new(&header);
        for s in &b.sensitivity {
            let mut cells = vec![share(s.share), whole(s.irrecoverable), signed_whole(s.net_low)];
            if both {
                cells.push(signed_whole(s.net_high));
            }
            table.row(cells);
        }
        out.push_str("  sensitivity to the share ι:\n");
        out.push_str(&indent(&table.render()));
        if let Some(intake) = &b.intake {
            out.push_str(&format!("\nIntake of {} people\n", group(intake.people)));
            out.push_str(&intake_lines.render(width));
        }
        out.push('\n');
        out.push_str(&provenance(Some(l.convention), self.source, &l.data_version));
        out
    }
}

fn indent(text: &str) -> String {
    text.lines().map(|line| format!("  {line}\n")).collect()
}
