//! `attrition serve`: starts the HTTP server of `attrition-server` on a tokio runtime.

use crate::Context;
use crate::cli::ServeArgs;
use anyhow::{Context as _, Result, bail};
use attrition_server::{ServeConfig, serve};
use std::net::SocketAddr;
use std::time::Duration;

/// The shortest token accepted: a guessable token is no protection.
const MIN_TOKEN: usize = 16;

/// `attrition serve`.
pub(crate) fn run(context: &Context, args: &ServeArgs) -> Result<()> {
    let addr: SocketAddr = args
        .addr
        .parse()
        .with_context(|| format!("--addr {:?} is not an address such as 127.0.0.1:8080", args.addr))?;
    if let Some(token) = &args.token
        && token.len() < MIN_TOKEN
    {
        bail!("--token must be at least {MIN_TOKEN} characters");
    }
    if args.timeout == 0 || args.timeout > 3600 {
        bail!("--timeout must be between 1 and 3600 seconds");
    }
    let db = context.db_path()?;
    if !db.exists() {
        context.info(&format!(
            "{} does not exist yet: it is created empty; run `attrition sync` or `attrition import PATH` to fill it",
            db.display()
        ));
    }
    let config = ServeConfig {
        addr,
        db,
        token: args.token.clone(),
        cors: args.cors.clone(),
        upstream: args.upstream.clone().unwrap_or_else(|| attrition_sources::PETROIVANIUK_DEFAULT_BASE.to_owned()),
        timeout: Duration::from_secs(args.timeout),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("starting the runtime")?;
    runtime.block_on(serve(config))?;
    Ok(())
}
