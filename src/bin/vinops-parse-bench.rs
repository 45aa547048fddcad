//! `vinops-parse-bench [--rows N] [--iters K] [--seed S] [--bad-rate F]`: generates an export in
//! memory, then times single-threaded parsing of every record with `CopartRow::from_record`
//! (csv reader included), K times, and reports the best and median run.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use vinops::generator::{GenConfig, write_export};
use vinops::header::check_header;
use vinops::row::CopartRow;

const USAGE: &str = "usage: vinops-parse-bench [--rows N] [--iters K] [--seed S] [--bad-rate F]

  --rows N       rows to generate (default 150000, the size of a real export)
  --iters K      timed parse runs (default 3)
  --seed S       generator seed (default 1)
  --bad-rate F   share of deliberately broken rows (default 0)";

struct Args {
    rows: usize,
    iters: usize,
    seed: u64,
    bad_rate: f64,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        rows: 150_000,
        iters: 3,
        seed: 1,
        bad_rate: 0.0,
    };
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
                a.rows = value()?
                    .replace('_', "")
                    .parse()
                    .map_err(|e| format!("--rows: {e}"))?
            }
            "--iters" => a.iters = value()?.parse().map_err(|e| format!("--iters: {e}"))?,
            "--seed" => a.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--bad-rate" => {
                a.bad_rate = value()?.parse().map_err(|e| format!("--bad-rate: {e}"))?
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if a.iters == 0 {
        return Err("--iters must be at least 1".to_owned());
    }
    Ok(a)
}

/// Outcome of one pass over the bytes.
struct Pass {
    elapsed: Duration,
    ok: usize,
    errors: usize,
    first_error: Option<String>,
}

/// Reads every record and, if `typed`, turns it into a `CopartRow`.
fn pass(bytes: &[u8], typed: bool) -> Result<Pass, String> {
    let started = Instant::now();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes);
    let header = rdr.headers().map_err(|e| format!("reading header: {e}"))?;
    check_header(header.iter()).map_err(|e| e.to_string())?;
    let mut rec = csv::StringRecord::new();
    let (mut ok, mut errors, mut first_error) = (0, 0, None);
    loop {
        match rdr.read_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(format!("csv error: {e}")),
        }
        if !typed {
            ok += 1;
            continue;
        }
        match CopartRow::from_record(&rec) {
            Ok(row) => {
                std::hint::black_box(&row);
                ok += 1;
            }
            Err(e) => {
                errors += 1;
                if first_error.is_none() {
                    first_error = Some(e.to_string());
                }
            }
        }
    }
    Ok(Pass {
        elapsed: started.elapsed(),
        ok,
        errors,
        first_error,
    })
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(msg) => {
            if !msg.is_empty() {
                eprintln!("vinops-parse-bench: {msg}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(if msg.is_empty() { 0 } else { 2 });
        }
    };
    let cfg = GenConfig::new(args.seed, args.rows).with_bad_row_rate(args.bad_rate);
    let started = Instant::now();
    let mut bytes = Vec::with_capacity(args.rows * 700);
    let stats = match write_export(&cfg, &mut bytes) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("vinops-parse-bench: generating: {e}");
            return ExitCode::FAILURE;
        }
    };
    let gen_secs = started.elapsed().as_secs_f64();
    let mb = bytes.len() as f64 / 1e6;
    println!(
        "generated {} rows ({} broken), {:.1} MB in {:.3} s ({:.0} rows/s)",
        stats.rows,
        stats.bad_rows,
        mb,
        gen_secs,
        stats.rows as f64 / gen_secs.max(1e-9)
    );

    let report = |label: &str, p: &Pass| {
        let secs = p.elapsed.as_secs_f64().max(1e-9);
        println!(
            "{label}: {:.3} s, {:.0} rows/s, {:.1} MB/s, ok {}, errors {}",
            secs,
            (p.ok + p.errors) as f64 / secs,
            mb / secs,
            p.ok,
            p.errors
        );
    };
    match pass(&bytes, false) {
        Ok(p) => report("csv read only      ", &p),
        Err(e) => {
            eprintln!("vinops-parse-bench: {e}");
            return ExitCode::FAILURE;
        }
    }
    let mut runs = Vec::with_capacity(args.iters);
    for i in 0..args.iters {
        match pass(&bytes, true) {
            Ok(p) => {
                report(&format!("parse run {:>2}/{:<2}   ", i + 1, args.iters), &p);
                if let (0, Some(e)) = (i, &p.first_error) {
                    println!("first error: {e}");
                }
                runs.push(p);
            }
            Err(e) => {
                eprintln!("vinops-parse-bench: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    runs.sort_by_key(|p| p.elapsed);
    report("best               ", &runs[0]);
    report("median             ", &runs[runs.len() / 2]);
    ExitCode::SUCCESS
}
