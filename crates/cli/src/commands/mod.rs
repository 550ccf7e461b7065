//! One module per subcommand; `dispatch` sends the parsed command line to it.

mod categories;
mod daily;
mod load;
mod status;
mod total;

use crate::Context;
use crate::cli::Command;
use anyhow::Result;

/// Runs one subcommand.
pub(crate) fn dispatch(context: &Context, command: Command) -> Result<()> {
    match command {
        Command::Sync(args) => load::sync(context, &args),
        Command::Import(args) => load::import(context, &args),
        Command::Status(args) => status::run(context, &args),
        Command::Total(args) => total::run(context, &args),
        Command::Daily(args) => daily::run(context, &args),
        Command::Categories => categories::run(context),
    }
}
