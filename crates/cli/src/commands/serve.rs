//! `attrition serve`: starts the HTTP server of `attrition-server` on a tokio runtime.

use crate::Context;
use crate::cli::ServeArgs;
use anyhow::{Context as _, Result, bail};
use attrition_server::{Limits, ServeConfig, serve};
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
    let seconds = |flag: &str, value: f64| {
        if value.is_finite() && (0.05..=3600.0).contains(&value) {
            Ok(Duration::from_secs_f64(value))
        } else {
            Err(anyhow::anyhow!("--{flag} must be between 0.05 and 3600 seconds"))
        }
    };
    let limits = Limits {
        header_timeout: seconds("header-timeout", args.header_timeout)?,
        idle_timeout: seconds("idle-timeout", args.idle_timeout)?,
        max_connections: args.max_connections,
        shutdown_timeout: seconds("shutdown-timeout", args.shutdown_timeout)?,
    };
    if !(1..=1_000_000).contains(&args.max_connections) {
        bail!("--max-connections must be between 1 and 1000000");
    }
    if !(1..=attrition_server::MAX_BODY).contains(&args.max_claim_text) {
        bail!("--max-claim-text must be between 1 and {} bytes (the largest body)", attrition_server::MAX_BODY);
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
        limits,
        max_claim_text: args.max_claim_text,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("starting the runtime")?;
    let served = runtime.block_on(serve(config));
    // Dropping the runtime would wait for every blocking task (a claim check, a sync) to end;
    // the shutdown deadline has passed by now, so what is left is abandoned.
    runtime.shutdown_timeout(Duration::from_millis(100));
    served?;
    Ok(())
}
