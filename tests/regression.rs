//! Regression tests: one named test per bug that once panicked or misbehaved.

mod common;

use common::*;

/// `same_name` compared a first name's initial by byte slicing, which
/// panicked on a name starting with a multi-byte letter.
#[test]
fn accented_first_name_then_same_surname_does_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(
        &a,
        "Title: One\nDate: 2020-01-01\n\nÉmile Zola said that the novel would be published in March.\n",
    )
    .unwrap();
    std::fs::write(
        &b,
        "Title: Two\nDate: 2020-02-01\n\nJean Zola said that the novel would not be published in March.\n",
    )
    .unwrap();
    let db = dir.path().join("db.sqlite");
    for f in [&a, &b] {
        run_ok(&db, &["ingest", f.to_str().unwrap()]);
    }
    let rows = sql(&db, "SELECT count(*) AS n FROM articles");
    assert_eq!(rows[0]["n"], 2);
    let names = sql(
        &db,
        "SELECT name FROM sources WHERE kind = 'person' ORDER BY id",
    );
    let names: Vec<&str> = names.iter().filter_map(|r| r["name"].as_str()).collect();
    assert!(names.contains(&"Émile Zola"), "{names:?}");
    assert!(names.contains(&"Jean Zola"), "{names:?}");
}

/// Dates read back from the database were cut at byte 10, which panicked on
/// a value someone wrote with `sql --write` in another script.
#[test]
fn non_ascii_stored_date_does_not_panic_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    run_ok(
        &db,
        &[
            "ingest",
            "corpus/c1_brightwell_denial.txt",
            "corpus/c2_brightwell_layoffs.txt",
        ],
    );
    run_ok(
        &db,
        &[
            "sql",
            "--write",
            "UPDATE articles SET published_at = '２０１３年６月１０日' WHERE id = 1",
        ],
    );
    for fmt in ["markdown", "json", "claimreview"] {
        run_ok(&db, &["report", "--format", fmt]);
    }
    run_ok(
        &db,
        &["ingest", "corpus/c3_brightwell_regional_official.html"],
    );
}

/// Datasette and sqlite-utils find the full-text table of `claims` by
/// matching its declaration against `content="claims"` or `content=[claims]`;
/// `content='claims'` (single quotes) was not found, so Datasette offered no
/// search box. This is their detection query (datasette.utils.detect_fts_sql).
#[test]
fn fts_table_is_detected_the_way_datasette_detects_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    run_ok(&db, &["ingest", "corpus/e1_norvale_contamination.txt"]);
    let o = run_ok(
        &db,
        &[
            "sql",
            "select name from sqlite_master where rootpage = 0 and (sql like :double escape char(92) or sql like :bracket escape char(92))",
            "--param",
            "double=%VIRTUAL TABLE%USING FTS%content=\"claims\"%",
            "--param",
            "bracket=%VIRTUAL TABLE%USING FTS%content=[claims]%",
            "--format",
            "json",
        ],
    );
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["name"], "claims_fts");
    // Updating a claim's text keeps the index in step.
    run_ok(
        &db,
        &[
            "sql",
            "--write",
            "UPDATE claims SET text = 'zebra crossing' WHERE id = 1",
        ],
    );
    let hits = sql(
        &db,
        "SELECT rowid FROM claims_fts WHERE claims_fts MATCH 'zebra'",
    );
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["rowid"], 1);
}

/// Quotes of several sentences were glued into one claim, so a negation in the
/// second sentence flipped the first. Now each sentence is a claim; the claims
/// of one attribution share `group_id`, the id of the first of them.
#[test]
fn quote_of_two_sentences_is_two_claims_of_one_group() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    std::fs::write(
        &a,
        "Title: One\nDate: 2020-01-01\n\n\u{201c}The plant reopened on Monday,\u{201d} Ada Brook said. \u{201c}No orders were lost.\u{201d}\n\nCorrwen Robotics said in a statement that its staff were safe.\n",
    )
    .unwrap();
    let db = dir.path().join("db.sqlite");
    run_ok(&db, &["ingest", a.to_str().unwrap()]);
    let rows = sql(
        &db,
        "SELECT id, group_id, polarity, source_rule FROM claims ORDER BY id",
    );
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(rows[0]["group_id"], rows[0]["id"]);
    assert_eq!(rows[1]["group_id"], rows[0]["id"]);
    assert_eq!(rows[2]["group_id"], rows[2]["id"]);
    assert_eq!(rows[0]["polarity"], "positive");
    assert_eq!(rows[1]["polarity"], "negative");
    assert!(rows.iter().all(|r| r["source_rule"] == "named"), "{rows:?}");
}

/// Fuzzing (ingest_sequence): a double prime (″, U+2033) opening a quote was
/// taken for the two apostrophes it stands for in wire copy (''Yes,'') and
/// given their width, two bytes instead of its three, so the quote's text
/// began inside the mark and slicing it panicked. Minimised input: a Markdown
/// article of the two characters `″u`.
#[test]
fn double_prime_opening_a_quote_does_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("a.md");
    std::fs::write(&md, "\u{2033}u").unwrap();
    let db = dir.path().join("db.sqlite");
    run_ok(&db, &["ingest", md.to_str().unwrap()]);
    let text = "The mayor said \u{2033}the bridge will open in May.\u{2033}\n";
    let o = run_stdin(&["extract", "--format", "jsonl", "-"], text.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let claims: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0]["text"], "the bridge will open in May.");
    let (s, e) = (
        claims[0]["start"].as_u64().unwrap() as usize,
        claims[0]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], "the bridge will open in May.");
}

/// A one-word short name in a later article ("Pellow") became a second
/// source beside the organisation stored from the first article ("Pellow
/// Homes"); a dictionary word ("Bank") must still not join "Bank of Lorn".
/// Ingests each (file name, text) in turn into a fresh database in `dir`; gives
/// every stored source with its number of claims, by name.
fn sources_after_ingest(dir: &std::path::Path, files: &[(&str, &str)]) -> Vec<(String, i64)> {
    let db = dir.join("db.sqlite");
    for (name, text) in files {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        run_ok(&db, &["ingest", p.to_str().unwrap()]);
    }
    let rows = sql(
        &db,
        "SELECT s.name AS name, count(*) AS n FROM claims c JOIN sources s ON s.id = c.source_id \
         GROUP BY s.id ORDER BY s.name",
    );
    rows.iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap_or("").to_string(),
                r["n"].as_i64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn one_word_short_name_in_a_later_article_is_the_same_organisation() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        (
            "a.txt",
            "Title: One\nDate: 2021-03-01\n\nPellow Homes said on Monday that its repairs to the tower had started. \
             The Bank of Lorn said it would lend the money.\n",
        ),
        (
            "b.txt",
            "Title: Two\nDate: 2021-04-01\n\nA Pellow spokeswoman said the repairs would finish in May. \
             The Bank said it had not yet paid.\n",
        ),
    ];
    let got = sources_after_ingest(dir.path(), &files);
    assert!(got.contains(&("Pellow Homes".to_string(), 2)), "{got:?}");
    assert!(got.iter().all(|(n, _)| n != "Pellow"), "{got:?}");
    assert!(
        got.iter().all(|(n, c)| n != "Bank of Lorn" || *c == 1),
        "{got:?}"
    );
}

#[test]
fn a_lone_surname_shared_by_two_stored_people_joins_neither() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        (
            "a.txt",
            "Title: One\nDate: 2021-03-01\n\nLoretta Vane said the bridge would reopen in May.\n",
        ),
        (
            "b.txt",
            "Title: Two\nDate: 2021-03-02\n\nStephen Vane said the ferry would stop in June.\n",
        ),
        (
            "c.txt",
            "Title: Three\nDate: 2021-03-03\n\nMr. Vane said the tunnel was safe.\n",
        ),
        (
            "d.txt",
            "Title: Four\nDate: 2021-03-04\n\nOrla Quist said the port was busy.\n",
        ),
        (
            "e.txt",
            "Title: Five\nDate: 2021-03-05\n\nMs. Quist said the cranes were old.\n",
        ),
    ];
    let got = sources_after_ingest(dir.path(), &files);
    assert!(got.contains(&("Loretta Vane".to_string(), 1)), "{got:?}");
    assert!(got.contains(&("Stephen Vane".to_string(), 1)), "{got:?}");
    assert!(got.contains(&("Vane".to_string(), 1)), "{got:?}");
    // One stored person of that surname: the lone surname is that person.
    assert!(got.contains(&("Orla Quist".to_string(), 2)), "{got:?}");
}
