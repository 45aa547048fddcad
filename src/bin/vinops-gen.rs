//! `vinops-gen --rows N [--seed S] [--bad-rate F] [--out FILE|-]`: writes a deterministic
//! Copart-shaped sales-data export (header + N rows) and reports the speed on stderr.

use std::fs::File;
use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Instant;

use vinops::generator::{GenConfig, write_export};

const USAGE: &str = "usage: vinops-gen --rows N [--seed S] [--bad-rate F] [--out FILE|-]

Writes a deterministic demo export in Copart's sales-data CSV format: the 59-column header and
N rows. The same seed and row count always give the same bytes.

  --rows N       number of data rows (required)
  --seed S       random seed (default 1)
  --bad-rate F   share of deliberately broken rows, 0.0-1.0 (default 0)
  --out FILE     output file, or - for standard output (default -)";

struct Args {
    rows: usize,
    seed: u64,
    bad_rate: f64,
    out: String,
}

fn parse_args() -> Result<Args, String> {
    let mut rows = None;
    let mut seed = 1u64;
    let mut bad_rate = 0.0f64;
    let mut out = "-".to_owned();
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        if flag == "-h" || flag == "--help" {
            return Err(String::new());
        }
        let mut value = || {
            inline
                .clone()
                .or_else(|| it.next())
                .ok_or(format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--rows" => {
                rows = Some(
                    value()?
                        .replace('_', "")
                        .parse()
                        .map_err(|e| format!("--rows: {e}"))?,
                )
            }
            "--seed" => seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--bad-rate" => {
                bad_rate = value()?.parse().map_err(|e| format!("--bad-rate: {e}"))?;
                if !(0.0..=1.0).contains(&bad_rate) {
                    return Err("--bad-rate must be between 0 and 1".to_owned());
                }
            }
            "--out" => out = value()?,
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let rows = rows.ok_or("--rows is required")?;
    Ok(Args {
        rows,
        seed,
        bad_rate,
        out,
    })
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(msg) => {
            if !msg.is_empty() {
                eprintln!("vinops-gen: {msg}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(if msg.is_empty() { 0 } else { 2 });
        }
    };
    let cfg = GenConfig::new(args.seed, args.rows).with_bad_row_rate(args.bad_rate);
    let started = Instant::now();
    let result = if args.out == "-" {
        let stdout = io::stdout();
        write_export(&cfg, stdout.lock())
    } else {
        // The csv writer inside write_export already buffers; a BufWriter here would only copy
        // every byte once more.
        File::create(&args.out).and_then(|mut f| {
            let stats = write_export(&cfg, &mut f)?;
            f.flush()?;
            Ok(stats)
        })
    };
    let stats = match result {
        Ok(s) => s,
        Err(e) => {
            eprintln!("vinops-gen: writing {}: {e}", args.out);
            return ExitCode::FAILURE;
        }
    };
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "vinops-gen: {} rows ({} broken), {} bytes ({:.1} MB) in {:.3} s: {:.0} rows/s, {:.1} MB/s",
        stats.rows,
        stats.bad_rows,
        stats.bytes,
        stats.bytes as f64 / 1e6,
        secs,
        stats.rows as f64 / secs.max(1e-9),
        stats.bytes as f64 / 1e6 / secs.max(1e-9),
    );
    ExitCode::SUCCESS
}
