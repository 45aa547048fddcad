//! `deploy/.env.example` is a file a shell can source (`set -a; . deploy/.env.example`), it
//! names each variable once, and it documents exactly the variables the server reads: every
//! clap `env = "…"` of `server/src`, plus the few that libraries read themselves.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Variables the server reads without a clap argument, and what reads them.
const READ_BY_LIBRARIES: [(&str, &str); 3] = [
    ("RUST_LOG", "tracing-subscriber's EnvFilter (telemetry.rs)"),
    ("LEPTOS_SITE_ROOT", "leptos's get_configuration (cli.rs)"),
    ("LEPTOS_OUTPUT_NAME", "leptos's get_configuration (cli.rs)"),
];

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        && s.as_bytes()[0].is_ascii_uppercase()
}

/// `(name, value as the shell sees it, commented out)` for every assignment line of the file,
/// in order. A commented-out assignment (`# NAME=value`) documents a variable left unset.
fn assignments(text: &str) -> Vec<(String, String, bool)> {
    let mut out = Vec::new();
    for line in text.lines() {
        let (line, commented) = match line.strip_prefix('#') {
            Some(rest) => (rest.strip_prefix(' ').unwrap_or(rest), true),
            None => (line, false),
        };
        let Some((name, value)) = line.split_once('=') else {
            continue;
        };
        if !is_name(name) {
            continue;
        }
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value);
        out.push((name.to_owned(), value.to_owned(), commented));
    }
    out
}

/// Every `env = "NAME"` in the server's sources.
fn clap_env_names(dir: &Path, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            clap_env_names(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("read source");
            for piece in text.split("env = \"").skip(1) {
                let name = piece.split('"').next().unwrap_or_default();
                assert!(is_name(name), "{}: env = \"{name}\"", path.display());
                out.insert(name.to_owned());
            }
        }
    }
}

#[test]
fn env_example_can_be_sourced_by_a_shell() {
    let file = repo().join("deploy/.env.example");
    let text = std::fs::read_to_string(&file).expect("read .env.example");
    let out = Command::new("bash")
        .arg("-c")
        .arg("set -eu; set -a; . \"$1\"; set +a; env -0")
        .arg("bash")
        .arg(&file)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .output()
        .expect("run bash");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.is_empty(), "{stderr}");
    let env: BTreeMap<String, String> = String::from_utf8(out.stdout)
        .expect("utf-8 environment")
        .split('\0')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    let set: Vec<_> = assignments(&text).into_iter().filter(|a| !a.2).collect();
    assert!(set.len() > 40, "only {} assignments found", set.len());
    for (name, value, _) in set {
        assert_eq!(env.get(&name), Some(&value), "{name}");
    }
}

#[test]
fn env_example_lists_each_variable_the_server_reads_once() {
    let text = std::fs::read_to_string(repo().join("deploy/.env.example")).expect("read");
    let mut seen = BTreeSet::new();
    for (name, _, _) in assignments(&text) {
        assert!(seen.insert(name.clone()), "{name} is listed twice");
    }
    let mut read = BTreeSet::new();
    clap_env_names(&repo().join("server/src"), &mut read);
    assert!(read.len() > 40, "only {} clap env names found", read.len());
    read.extend(READ_BY_LIBRARIES.iter().map(|(n, _)| (*n).to_owned()));
    let unknown: Vec<_> = seen.difference(&read).collect();
    assert!(unknown.is_empty(), "listed but never read: {unknown:?}");
    let missing: Vec<_> = read.difference(&seen).collect();
    assert!(missing.is_empty(), "read but not documented: {missing:?}");
}
