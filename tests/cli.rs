//! The command line's edges: closed pipes end quietly, usage errors are one
//! line with exit code 2, `claims --source` matches literally.

mod common;

use common::*;
use std::process::{Command, Stdio};

fn corpus_db(dir: &std::path::Path) -> std::path::PathBuf {
    let db = dir.join("corpus.db");
    run_ok(&db, &["ingest", "corpus"]);
    db
}

/// Runs claimtrace with its stdout already closed by the reader.
fn run_into_closed_pipe(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    let mut child = Command::new(bin())
        .arg("--db")
        .arg(db)
        .args(args)
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_pipe_ends_quietly_with_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    let db = corpus_db(dir.path());
    let many = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 100000) SELECT x FROM n";
    for args in [
        vec!["sql", many],
        vec!["sql", many, "--format", "csv"],
        vec!["sql", many, "--format", "json"],
        vec!["claims"],
        vec!["claims", "--format", "json"],
        vec!["report"],
        vec!["report", "--format", "claimreview"],
        vec!["extract", "corpus"],
        vec!["extract", "--format", "table", "corpus"],
        vec!["rules"],
    ] {
        let o = run_into_closed_pipe(&db, &args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{args:?}");
    }
}

/// Asserts a usage error: exit code 2 and one line on stderr that contains `what`.
fn usage_error(db: &std::path::Path, args: &[&str], what: &str) {
    let o = run(db, args);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    assert!(
        err.starts_with("claimtrace: ") && err.contains(what),
        "{args:?}: {err}"
    );
}

#[test]
fn usage_errors_are_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = corpus_db(dir.path());
    usage_error(&db, &["check", ""], "claim is empty");
    usage_error(&db, &["check", "  \t "], "claim is empty");
    usage_error(&db, &["sql", "SELECT :a", "--param", "a"], "NAME=VALUE");
    usage_error(
        &db,
        &["sql", "SELECT :a", "--param", "b=1"],
        "no parameter :b",
    );
    let missing = dir.path().join("nope");
    usage_error(
        &db,
        &["--lexicon", missing.to_str().unwrap(), "check", "x"],
        "no such folder",
    );
    usage_error(
        &db,
        &["--lexicon", "README.md", "extract", "corpus"],
        "not a folder",
    );
    usage_error(&db, &["claims", "--format", "xml"], "xml");
    usage_error(&db, &["sql", "SELECT 1", "--format", "yaml"], "yaml");
    usage_error(&db, &["report", "--format", "pdf"], "pdf");
    usage_error(&db, &["extract", "--format", "csv", "corpus"], "csv");
}

#[test]
fn claims_source_matches_literally() {
    let dir = tempfile::tempdir().unwrap();
    let db = corpus_db(dir.path());
    let rows = |name: &str| -> Vec<serde_json::Value> {
        let o = run_ok(&db, &["claims", "--source", name, "--format", "json"]);
        serde_json::from_slice(&o.stdout).unwrap()
    };
    assert!(!rows("Brightwell").is_empty());
    for wild in ["%", "_", "Bright%", "Brightwel_", "\\"] {
        assert!(rows(wild).is_empty(), "{wild} matched as a pattern");
    }
}
