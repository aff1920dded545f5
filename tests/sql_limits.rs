//! `sql` without `--write` only reads; `--timeout` interrupts a runaway query.

mod common;

use common::*;

#[test]
fn without_write_only_reads_are_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    run_ok(&db, &["ingest", "corpus"]);
    for q in [
        "SELECT count(*) FROM claims",
        "PRAGMA table_info(claims)",
        "PRAGMA main.index_list(claims)",
        "PRAGMA user_version",
        "PRAGMA integrity_check",
        "SELECT name FROM pragma_table_info('articles')",
        "SELECT rowid FROM claims_fts WHERE claims_fts MATCH 'leak*'",
        "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 5) SELECT x FROM n",
    ] {
        run_ok(&db, &["sql", q]);
    }
    let copy = dir.path().join("copy.db");
    let attached = dir.path().join("other.db");
    for (q, what) in [
        (
            "INSERT INTO sources(name, kind) VALUES ('x', 'other')",
            "INSERT",
        ),
        ("DELETE FROM claims", "DELETE"),
        ("CREATE TABLE notes(x)", "schema change"),
        ("DROP VIEW claim_view", "schema change"),
        (
            &format!("ATTACH '{}' AS other", attached.display()),
            "ATTACH",
        ),
        ("DETACH main", "DETACH"),
        (&format!("VACUUM INTO '{}'", copy.display()), "VACUUM INTO"),
        ("VACUUM", "VACUUM"),
        ("PRAGMA writable_schema = 1", "PRAGMA writable_schema"),
        ("PRAGMA journal_mode = DELETE", "PRAGMA journal_mode"),
        ("PRAGMA user_version = 9", "PRAGMA user_version"),
        ("PRAGMA foreign_keys = OFF", "PRAGMA foreign_keys"),
        ("PRAGMA optimize", "PRAGMA optimize"),
        ("PRAGMA wal_checkpoint(TRUNCATE)", "PRAGMA wal_checkpoint"),
        ("BEGIN", "TRANSACTION"),
    ] {
        let o = run(&db, &["sql", q]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{q}: {err}");
        assert!(
            err.contains("read-only without --write") && err.contains(what),
            "{q}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "{q}: {err}");
    }
    assert!(!copy.exists() && !attached.exists());
    assert_eq!(
        sql(&db, "PRAGMA user_version")[0]["user_version"],
        claimtrace::store::SCHEMA_VERSION
    );
    assert_eq!(
        sql(&db, "SELECT count(*) AS n FROM sources WHERE name = 'x'")[0]["n"],
        0
    );
    // With --write the same statements run.
    run_ok(&db, &["sql", "--write", "CREATE TABLE notes(x)"]);
    run_ok(
        &db,
        &[
            "sql",
            "--write",
            &format!("VACUUM INTO '{}'", copy.display()),
        ],
    );
    assert!(copy.exists());
}

#[test]
fn a_runaway_query_is_interrupted_by_the_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    run_ok(&db, &["ingest", "corpus/d1_redfern_bridge.txt"]);
    let endless =
        "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n";
    let started = std::time::Instant::now();
    let o = run(&db, &["sql", endless, "--timeout", "1"]);
    let took = started.elapsed();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("query interrupted after 1 s; raise --timeout or pass 0 for none"),
        "{err}"
    );
    assert!(took < std::time::Duration::from_secs(20), "{took:?}");
    // 0 means no limit: a short query still runs.
    run_ok(&db, &["sql", "SELECT 1", "--timeout", "0"]);
}

/// `sql` streams: rows reach the output while the query is still running, so
/// an endless query fills stdout until the timeout stops it, and a large
/// result is valid JSON / CSV / table output.
#[test]
fn rows_are_streamed_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    run_ok(&db, &["ingest", "corpus/d1_redfern_bridge.txt"]);
    let endless = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x FROM n";
    let o = run(&db, &["sql", endless, "--timeout", "1", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stdout(&o).lines().count() > 10_000, "rows were held back");
    let many = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 50000) SELECT x, 'row ' || x AS label FROM n";
    let o = run_ok(&db, &["sql", many, "--format", "json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(rows.len(), 50_000);
    assert_eq!(rows[49_999]["label"], "row 50000");
    let o = run_ok(&db, &["sql", many, "--format", "csv"]);
    assert_eq!(stdout(&o).lines().count(), 50_001);
    let o = run_ok(&db, &["sql", many]);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 50_002);
    assert!(lines[0].starts_with("x ") && lines[1].starts_with("---"));
    assert_eq!(
        lines[50_001].split_whitespace().collect::<Vec<_>>(),
        ["50000", "row", "50000"]
    );
    let o = run_ok(&db, &["sql", "SELECT 1 AS x WHERE 0", "--format", "json"]);
    assert_eq!(stdout(&o).trim(), "[]");
}
