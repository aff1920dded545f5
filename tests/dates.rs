//! Article dates end to end: every accepted way of writing one is stored in
//! the normalised form with where it came from; missing and unreadable dates
//! are warnings, never lost articles; links whose order is unknown say so;
//! databases of schema version 1 are upgraded.

mod common;

use common::*;

fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn dates_are_normalised_and_undated_articles_kept() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let files = [
        write(d, "a.txt", "Title: A\nDate: March 5, 2020\n\nAcme Corp said that no customer data had been stolen in the attack.\n"),
        write(d, "b.txt", "Title: B\n\nAcme Corp admitted that customer data had been stolen in the attack.\n"),
        write(d, "c.jsonl", "{\"title\":\"C\",\"published_at\":\"Tue, 10 Mar 2020 10:00:00 +0100\",\"text\":\"Beta Ltd said that its plant in Dunmore would close.\"}\n{\"title\":\"C2\",\"date\":\"someday\",\"text\":\"Gamma Ltd said that its plant in Dunmore would open.\"}\n"),
        write(d, "d.html", "<html><head><meta property=\"article:published_time\" content=\"2020-03-12T10:00:00+0200\"><title>D</title></head><body><article><p>Officials said that customer data had been stolen from Acme Corp in the attack on its servers.</p></article></body></html>"),
        write(d, "20200301-e.txt", "Title: E\nDate: 5 March 2020\n\nDelta Ltd said that its plant in Dunmore would be sold.\n"),
        write(d, "20200302-f.txt", "Zeta Ltd said that its plant in Dunmore would be sold.\n"),
        write(d, "g.md", "Title: G\nURL: https://example.org/2020/03/04/story\n\nEta Ltd said that its plant in Dunmore would be sold.\n"),
        write(d, "h.txt", "Title: H\nDate: 2020/03/06\n\nTheta Ltd said that its plant in Dunmore would be sold.\n"),
        write(d, "i.txt", "Title: I\nDate: Mar 7, 2020\n\nIota Ltd said that its plant in Dunmore would be sold.\n"),
    ];
    let db = d.join("db.sqlite");
    let mut args = vec!["ingest"];
    args.extend(files.iter().map(String::as_str));
    let o = run_ok(&db, &args);
    let err = stderr(&o);
    assert!(
        err.contains("b.txt: warning: no date; stored with an unknown date"),
        "{err}"
    );
    assert!(
        err.contains(
            "c.jsonl:2: warning: unreadable date \"someday\"; stored with an unknown date"
        ),
        "{err}"
    );
    assert!(
        err.contains("20200302-f.txt: warning: no date; date 2020-03-02 taken from the file name"),
        "{err}"
    );
    assert!(
        err.contains("g.md: warning: no date; date 2020-03-04 taken from the URL"),
        "{err}"
    );
    assert!(
        !err.contains("20200301-e.txt"),
        "a header date wins silently: {err}"
    );
    let rows = sql(
        &db,
        "SELECT title, published_at, date_source FROM articles ORDER BY id",
    );
    let got: Vec<(String, Option<String>, Option<String>)> = rows
        .iter()
        .map(|r| {
            (
                r["title"].as_str().unwrap_or("").to_string(),
                r["published_at"].as_str().map(String::from),
                r["date_source"].as_str().map(String::from),
            )
        })
        .collect();
    let want = |t: &str, d: Option<&str>, s: Option<&str>| {
        (t.to_string(), d.map(String::from), s.map(String::from))
    };
    assert_eq!(
        got,
        vec![
            want("A", Some("2020-03-05"), Some("header")),
            want("B", None, None),
            want("C", Some("2020-03-10T09:00:00Z"), Some("jsonl")),
            want("C2", None, None),
            want("D", Some("2020-03-12T08:00:00Z"), Some("meta")),
            want("E", Some("2020-03-05"), Some("header")),
            want("", Some("2020-03-02"), Some("file-name")),
            want("G", Some("2020-03-04"), Some("url")),
            want("H", Some("2020-03-06"), Some("header")),
            want("I", Some("2020-03-07"), Some("header")),
        ]
    );
    // The undated admission meets the dated denial: linked, but the order is unknown.
    let links = sql(
        &db,
        "SELECT ca.title AS claim, ea.title AS evidence, l.order_known FROM links l
         JOIN claims c ON c.id = l.claim_id JOIN articles ca ON ca.id = c.article_id
         JOIN claims e ON e.id = l.evidence_claim_id JOIN articles ea ON ea.id = e.article_id",
    );
    let a_b = links
        .iter()
        .find(|l| l["claim"] == "A" && l["evidence"] == "B")
        .expect("A-B link");
    assert_eq!(a_b["order_known"], 0);
    let a_d = links
        .iter()
        .find(|l| l["claim"] == "A" && l["evidence"] == "D")
        .expect("A-D link");
    assert_eq!(a_d["order_known"], 1);
    let o = run_ok(&db, &["report"]);
    assert!(stdout(&o).contains("(order unknown: an article has no date)"));
    // Undated claims are listed last, not first.
    let o = run_ok(&db, &["claims", "--format", "json"]);
    let claims: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert!(claims.last().unwrap()["date"].is_null());
    assert!(claims.first().unwrap()["date"].is_string());
}

#[test]
fn a_version_1_database_is_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(include_str!("fixtures/schema_v1.sql"))
            .unwrap();
        conn.execute_batch(
            "PRAGMA user_version = 1;
             INSERT INTO articles(path, published_at, body, sha256) VALUES ('old.txt', '2013-07-22T09:30:00+02:00', 'Old text.', 'x');",
        )
        .unwrap();
    }
    // A read command upgrades it.
    let rows = sql(&db, "SELECT published_at, date_source FROM articles");
    assert_eq!(rows[0]["published_at"], "2013-07-22T07:30:00Z");
    assert!(rows[0]["date_source"].is_null());
    let v = sql(&db, "PRAGMA user_version");
    assert_eq!(v[0]["user_version"], claimtrace::store::SCHEMA_VERSION);
    run_ok(&db, &["ingest", "corpus/c1_brightwell_denial.txt"]);
    // The full-text index is declared anew and rebuilt: it finds old and new claims.
    let hits = sql(
        &db,
        "SELECT count(*) AS n FROM claims_fts WHERE claims_fts MATCH 'workforce OR old'",
    );
    assert!(hits[0]["n"].as_i64().unwrap() >= 1, "{hits:?}");
    let decl = sql(
        &db,
        "SELECT sql FROM sqlite_master WHERE name = 'claims_fts'",
    );
    assert!(decl[0]["sql"]
        .as_str()
        .unwrap()
        .contains("content=\"claims\""));
    let rows = sql(
        &db,
        "SELECT count(*) AS n FROM link_view WHERE order_known = 1",
    );
    assert!(rows[0]["n"].is_number());
}
