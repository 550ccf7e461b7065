//! `attrition backtest`: every model refitted at rolling origins over the whole history and
//! scored against what followed.

use crate::Context;
use crate::cli::BacktestArgs;
use crate::commands::forecast::load_series;
use crate::output::{Render, Table, decimal1, emit, group, provenance};
use crate::progress::Bar;
use anyhow::{Context as _, Result};
use attrition_analysis::forecast::{self, Backtest, ForecastModel, ForecastSettings};
use attrition_model::DataVersion;
use serde::Serialize;

#[derive(Serialize)]
struct BacktestReport {
    #[serde(flatten)]
    backtest: Backtest,
    convention_meaning: &'static str,
    source: &'static str,
    data_version: DataVersion,
    default_model: ForecastModel,
    methods: Vec<(ForecastModel, &'static str)>,
}

/// `attrition backtest`.
pub(crate) fn run(context: &Context, args: &BacktestArgs) -> Result<()> {
    let models: Vec<ForecastModel> = if args.models.is_empty() {
        ForecastModel::ALL.to_vec()
    } else {
        args.models.iter().map(|m| m.parse()).collect::<Result<_, _>>()?
    };
    let horizons: Vec<usize> = args.horizons.iter().map(|&h| usize::try_from(h)).collect::<Result<_, _>>()?;
    let milestones =
        args.milestones.as_deref().map(super::forecast::parse_count).transpose().context("reading --milestones")?;
    let series = load_series(context, &args.category, &args.series)?;
    let settings = ForecastSettings { seed: args.seed, ..ForecastSettings::default() };
    let bar = Bar::new("backtest", context.quiet);
    let backtest = forecast::backtest(
        &series.history,
        &models,
        &horizons,
        usize::try_from(args.step)?,
        milestones,
        &settings,
        &|done, total| bar.progress(done, total),
    )?;
    bar.finish();
    emit(
        context.format,
        &BacktestReport {
            convention_meaning: backtest.convention.explanation(),
            backtest,
            source: series.source,
            data_version: series.data_version,
            default_model: ForecastModel::DEFAULT,
            methods: models.iter().map(|m| (*m, m.description())).collect(),
        },
    )
}

fn percent(share: f64) -> String {
    format!("{:.0}%", 100.0 * share)
}

impl Render for BacktestReport {
    fn csv(&self) -> (Vec<&'static str>, Vec<Vec<String>>) {
        let rows = self
            .backtest
            .rows
            .iter()
            .map(|r| {
                vec![
                    self.backtest.category.id().to_owned(),
                    r.model.id().to_owned(),
                    r.horizon.to_string(),
                    r.origins.to_string(),
                    format!("{:.2}", r.mae),
                    format!("{:.3}", r.mape),
                    format!("{:.2}", r.bias),
                    format!("{:.4}", r.coverage80),
                    format!("{:.4}", r.coverage95),
                    format!("{:.2}", r.interval_score80),
                    format!("{:.2}", r.width80),
                    self.backtest.convention.name().to_owned(),
                    self.data_version.to_string(),
                ]
            })
            .collect();
        (
            vec![
                "category",
                "model",
                "horizon",
                "origins",
                "mae",
                "mape",
                "bias",
                "coverage80",
                "coverage95",
                "interval_score80",
                "width80",
                "convention",
                "data_version",
            ],
            rows,
        )
    }

    fn table(&self) -> String {
        let b = &self.backtest;
        let mut out = format!(
            "{} backtest: origins every {} days from {} to {}; each model refitted at every origin on the data up to it\n\n",
            b.category.label(),
            b.step,
            b.first_origin,
            b.last_origin
        );
        let mut table = Table::new(&[
            "model",
            "horizon",
            "origins",
            "MAE",
            "MAPE",
            "bias",
            "80% covers",
            "95% covers",
            "80% width",
            "IS80",
        ]);
        for r in &b.rows {
            table.row(vec![
                r.model.id().to_owned(),
                format!("{} d", r.horizon),
                r.origins.to_string(),
                count(r.mae),
                format!("{}%", decimal1(r.mape)),
                signed_count(r.bias),
                percent(r.coverage80),
                percent(r.coverage95),
                count(r.width80),
                count(r.interval_score80),
            ]);
        }
        out.push_str(&table.render());
        out.push_str(
            "\nMAE and bias: of the median forecast, in units; MAPE: relative to the growth actually realised.\n\
             Coverage: share of outcomes inside the central interval; a calibrated 80% interval covers about 80%.\n\
             IS80: interval score (width plus 10× any miss), lower is better.\n\n",
        );
        if let Some(test) = &b.milestones {
            out.push_str(&format!(
                "Crossing dates: the next multiple of {} seen from each origin, reached 30–180 days later\n\n",
                group(test.every)
            ));
            let mut table =
                Table::new(&["model", "crossings", "median |error|", "mean error", "80% covers", "95% covers"]);
            for r in &test.rows {
                table.row(vec![
                    r.model.id().to_owned(),
                    r.events.to_string(),
                    format!("{} days", decimal1(r.median_abs_error_days)),
                    format!("{:+.1} days", r.mean_error_days),
                    percent(r.coverage80),
                    percent(r.coverage95),
                ]);
            }
            out.push_str(&table.render());
            out.push('\n');
        }
        for (model, method) in &self.methods {
            out.push_str(&format!("{model}: {method}\n"));
        }
        out.push_str(&format!("default model: {}\n", self.default_model));
        out.push_str(&provenance(Some(b.convention), self.source, &self.data_version));
        out
    }
}

fn count(x: f64) -> String {
    #[allow(clippy::cast_possible_truncation)]
    group(x.round() as i64)
}

fn signed_count(x: f64) -> String {
    #[allow(clippy::cast_possible_truncation)]
    crate::output::signed(x.round() as i64)
}
