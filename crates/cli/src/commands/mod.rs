//! One module per subcommand; `dispatch` sends the parsed command line to it.

mod assessments;
mod backtest;
mod balance;
mod categories;
mod chart;
mod claims;
mod daily;
mod forecast;
mod load;
mod mse;
mod oryx;
mod rank;
mod ratio;
mod records;
mod report;
mod rolling;
mod serve;
mod shares;
mod status;
mod total;
mod trend;

use crate::Context;
use crate::cli::Command;
use anyhow::Result;

/// Runs one subcommand.
pub(crate) fn dispatch(context: &Context, command: Command) -> Result<()> {
    match command {
        Command::Sync(args) => load::sync(context, &args),
        Command::Import(args) => load::import(context, &args),
        Command::Status(args) => status::run(context, &args),
        Command::Undo(args) => load::undo(context, &args),
        Command::Total(args) => total::run(context, &args),
        Command::Daily(args) => daily::run(context, &args),
        Command::Categories => categories::run(context),
        Command::Rank(args) => rank::run(context, &args),
        Command::Records(args) => records::run(context, &args),
        Command::Trend(args) => trend::run(context, &args),
        Command::Rolling(args) => rolling::run(context, &args),
        Command::Shares(args) => shares::run(context, &args),
        Command::Ratio(args) => ratio::run(context, &args),
        Command::Balance(args) => balance::run(context, &args),
        Command::Report(args) => report::run(context, &args),
        Command::Chart(args) => chart::run(context, &args),
        Command::Forecast(args) => forecast::run(context, &args),
        Command::Backtest(args) => backtest::run(context, &args),
        Command::Mse(args) => mse::run(context, &args),
        Command::Sources(args) => assessments::run(context, &args),
        Command::Claims(args) => claims::run(context, &args),
        Command::Estimate(args) => assessments::estimate(context, &args),
        Command::Oryx(args) => oryx::run(context, &args),
        Command::Serve(args) => serve::run(context, &args),
    }
}
