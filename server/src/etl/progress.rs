//! A progress bar on the terminal while an export is parsed: bytes read of the file, rows and
//! rows/s, redrawn every half percent. Only when stderr is a terminal — under systemd, in CI or
//! piped to a file the periodic log lines carry the same figures instead.

use std::io::{IsTerminal as _, Write as _};
use std::time::Instant;

const WIDTH: usize = 30;

pub struct Progress {
    total_bytes: u64,
    enabled: bool,
    drawn_permille: Option<u64>,
    started: Instant,
}

impl Progress {
    /// A bar over a file of `total_bytes`.
    pub fn new(total_bytes: u64) -> Self {
        Self::with_terminal(total_bytes, std::io::stderr().is_terminal())
    }

    fn with_terminal(total_bytes: u64, terminal: bool) -> Self {
        Self {
            total_bytes,
            enabled: terminal && total_bytes > 0,
            drawn_permille: None,
            started: Instant::now(),
        }
    }

    /// Whether a bar is shown (then periodic progress log lines are redundant).
    pub fn is_shown(&self) -> bool {
        self.enabled
    }

    /// Redraws when the position moved by at least half a percent.
    pub fn update(&mut self, bytes: u64, rows: u64) {
        if !self.enabled {
            return;
        }
        let permille = (bytes.min(self.total_bytes) * 1000) / self.total_bytes;
        if self.drawn_permille.is_some_and(|d| permille < d + 5) {
            return;
        }
        self.drawn_permille = Some(permille);
        let line = render(permille, rows, self.started.elapsed().as_secs_f64());
        let mut err = std::io::stderr().lock();
        // A terminal that cannot be written to only loses the bar.
        let _ = write!(err, "\r{line}");
        let _ = err.flush();
    }

    /// Draws the full bar and ends its line.
    pub fn finish(&mut self, rows: u64) {
        if !self.enabled {
            return;
        }
        self.drawn_permille = None;
        self.update(self.total_bytes, rows);
        let _ = writeln!(std::io::stderr());
        self.enabled = false;
    }
}

fn render(permille: u64, rows: u64, secs: f64) -> String {
    let filled = usize::try_from(permille * WIDTH as u64 / 1000).unwrap_or(WIDTH);
    let rate = if secs > 0.0 { rows as f64 / secs } else { 0.0 };
    format!(
        "  parsing [{}{}] {:>5.1}%  {rows} rows  {rate:.0} rows/s ",
        "#".repeat(filled),
        "-".repeat(WIDTH - filled),
        permille as f64 / 10.0,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_the_share_of_the_file() {
        let line = render(500, 75_000, 1.0);
        assert!(
            line.contains(&format!("[{}{}]", "#".repeat(15), "-".repeat(15))),
            "{line}"
        );
        assert!(
            line.contains(" 50.0%") && line.contains("75000 rows"),
            "{line}"
        );
        assert!(render(1000, 1, 1.0).contains(&"#".repeat(WIDTH)));
    }

    #[test]
    fn no_bar_without_a_terminal() {
        let mut p = Progress::with_terminal(100, false);
        assert!(!p.is_shown());
        p.update(50, 10);
        assert_eq!(p.drawn_permille, None);
        assert!(
            !Progress::with_terminal(0, true).is_shown(),
            "an empty file has no bar"
        );
    }
}
