//! Helpers shared by the end-to-end tests: run the real binary.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_claimtrace"))
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The motivating article, from the shared folder beside the project (or a copy named by $CLAIMTRACE_SEED).
pub fn seed() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("CLAIMTRACE_SEED") {
        return Some(PathBuf::from(p));
    }
    let p = root().join("../shared/seeds/000_a062368d31461d28.txt");
    p.exists().then_some(p)
}

pub fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .arg("--db")
        .arg(db)
        .args(args)
        .current_dir(root())
        .env_remove("CLAIMTRACE_DB")
        .env_remove("CLAIMTRACE_RULES")
        .env_remove("CLAIMTRACE_LEXICON")
        .output()
        .expect("run claimtrace")
}

/// Runs claimtrace (without `--db`: add it to `args` when needed) with
/// `input` on stdin and returns its output.
pub fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(bin())
        .args(args)
        .current_dir(root())
        .env_remove("CLAIMTRACE_DB")
        .env_remove("CLAIMTRACE_RULES")
        .env_remove("CLAIMTRACE_LEXICON")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run claimtrace");
    // A closed stdin (the program stopped reading) is not the test's failure.
    let _ = child.stdin.take().unwrap().write_all(input);
    child.wait_with_output().expect("wait for claimtrace")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs a read-only SQL query and returns the JSON rows.
pub fn sql(db: &Path, q: &str) -> Vec<serde_json::Value> {
    let o = run(db, &["sql", q, "--format", "json"]);
    assert!(o.status.success(), "sql failed: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("json rows")
}

/// Claims printed by `extract --format jsonl --explain` for one file (the
/// rejected-cue lines that `--explain` adds are left out).
pub fn extract(path: &Path) -> Vec<serde_json::Value> {
    let o = Command::new(bin())
        .args(["extract", "--format", "jsonl", "--explain"])
        .arg(path)
        .output()
        .expect("run");
    assert!(o.status.success(), "extract failed: {}", stderr(&o));
    stdout(&o)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("jsonl line"))
        .filter(|v| v.get("rejected_cue").is_none())
        .collect()
}

/// Runs claimtrace and asserts it exited 0 without a panic; returns the output.
pub fn run_ok(db: &Path, args: &[&str]) -> Output {
    let o = run(db, args);
    let err = stderr(&o);
    assert!(!err.contains("panicked"), "{args:?} panicked: {err}");
    assert_eq!(o.status.code(), Some(0), "{args:?}: {err}");
    o
}
