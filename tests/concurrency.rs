//! Two `ingest` processes writing one database at once: both succeed, each
//! article is stored once with all its claims, the totals equal a
//! one-process run.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Writes `n` small dated articles about made-up companies into `dir`.
fn articles(dir: &Path, tag: &str, n: usize) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..n {
        let company = format!("{tag}{i} Holdings");
        std::fs::write(
            dir.join(format!("{tag}{i:03}.txt")),
            format!(
                "Title: {company}\nDate: 2020-{:02}-{:02}\n\n{company} said that it would not close its plant in Dunmore.\n\nA spokesman for {company} said that 200 jobs were safe.\n",
                1 + i % 12,
                1 + i % 28
            ),
        )
        .unwrap();
    }
    dir.to_path_buf()
}

fn counts(db: &Path) -> (i64, i64) {
    let r = sql(
        db,
        "SELECT (SELECT count(*) FROM articles) AS a, (SELECT count(*) FROM claims) AS c",
    );
    (r[0]["a"].as_i64().unwrap(), r[0]["c"].as_i64().unwrap())
}

/// Starts two ingests at once and checks both exit 0.
fn ingest_twice_at_once(db: &Path, first: &[&Path], second: &[&Path]) {
    let spawn = |paths: &[&Path]| {
        Command::new(bin())
            .arg("--db")
            .arg(db)
            .arg("ingest")
            .args(paths)
            .current_dir(root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let a = spawn(first);
    let b = spawn(second);
    for child in [a, b] {
        let o = child.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
}

#[test]
fn two_ingests_at_once_into_a_fresh_and_an_existing_database() {
    let dir = tempfile::tempdir().unwrap();
    let a = articles(&dir.path().join("a"), "Alpha", 30);
    let b = articles(&dir.path().join("b"), "Beta", 30);
    let corpus = root().join("corpus");
    // The reference: one process, one after the other.
    let reference = dir.path().join("reference.db");
    run_ok(
        &reference,
        &[
            "ingest",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            corpus.to_str().unwrap(),
        ],
    );
    let want = counts(&reference);
    assert_eq!(want.0, 75);
    // A fresh database, both processes also ingesting the same corpus.
    let fresh = dir.path().join("fresh.db");
    ingest_twice_at_once(&fresh, &[&a, &corpus], &[&b, &corpus]);
    assert_eq!(counts(&fresh), want);
    // An existing database.
    let existing = dir.path().join("existing.db");
    run_ok(&existing, &["ingest", corpus.to_str().unwrap()]);
    ingest_twice_at_once(&existing, &[&a], &[&b]);
    assert_eq!(counts(&existing), want);
    let ok = sql(&existing, "PRAGMA integrity_check");
    assert_eq!(ok[0]["integrity_check"], "ok");
}
