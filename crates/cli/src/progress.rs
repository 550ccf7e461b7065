//! The one place that draws progress: a bar on stderr when it is a terminal and `--quiet` is
//! off, and nothing otherwise, so no other code checks the terminal.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// A progress bar that may be hidden.
pub struct Bar(ProgressBar);

impl Bar {
    /// A bar titled `what`; hidden when quiet or stderr is not a terminal.
    pub fn new(what: &str, quiet: bool) -> Bar {
        let bar = ProgressBar::new(0);
        if quiet || !std::io::stderr().is_terminal() {
            bar.set_draw_target(ProgressDrawTarget::hidden());
        }
        if let Ok(style) = ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} {msg}") {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_prefix(what.to_owned());
        Bar(bar)
    }

    /// Removes the bar.
    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}

impl attrition_sources::Progress for Bar {
    fn set_total(&self, total: u64) {
        self.0.set_length(total.max(self.0.position()));
    }

    fn step(&self, message: &str) {
        self.0.set_message(message.to_owned());
        self.0.inc(1);
    }
}

impl Bar {
    /// Sets the bar to `done` of `total`.
    pub fn progress(&self, done: usize, total: usize) {
        self.0.set_length(u64::try_from(total).unwrap_or(u64::MAX));
        self.0.set_position(u64::try_from(done).unwrap_or(u64::MAX));
    }
}
