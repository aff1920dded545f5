//! Bad input: every failure names the file and the reason, the rest of the
//! batch goes on, nothing stored is lost, the exit code says something failed.

mod common;

use common::*;
use std::process::{Command, Stdio};

#[test]
fn a_batch_with_bad_files_stores_the_good_ones_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(
        input.join("good.txt"),
        "Title: Good\nDate: 2020-05-01\n\nAcme Corp said that its new plant would open in June.\n",
    )
    .unwrap();
    std::fs::write(input.join("empty.txt"), "").unwrap();
    std::fs::write(input.join("binary.txt"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    std::fs::write(
        input.join("latin1.txt"),
        b"The mayor said caf\xe9 owners were pleased.\n",
    )
    .unwrap();
    std::fs::write(
        input.join("header.txt"),
        "Title: Bad\nDate: last Tuesday\n\nText said here.\n",
    )
    .unwrap();
    std::fs::write(input.join("dump.jsonl"), "{\"title\":\"One\",\"date\":\"2020-05-02\",\"text\":\"Beta Ltd said that sales rose sharply last year.\"}\n{not json\n").unwrap();
    std::fs::write(input.join("notes.csv"), "ignored,file\n").unwrap();
    let db = dir.path().join("db.sqlite");
    let missing = dir.path().join("missing.txt");
    let o = run(
        &db,
        &["ingest", input.to_str().unwrap(), missing.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for (name, reason) in [
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("latin1.txt", "UTF-8"),
        (
            "header.txt",
            "warning: unreadable date \"last Tuesday\"; stored with an unknown date",
        ),
        ("dump.jsonl:2", "JSONL"),
        ("missing.txt", "no such file"),
    ] {
        assert!(
            err.lines().any(|l| l.contains(name) && l.contains(reason)),
            "no error line for {name} ({reason}) in:\n{err}"
        );
    }
    // An unreadable date is a warning: that article is stored with an unknown date.
    assert!(err.contains("5 inputs failed"), "{err}");
    let n = sql(&db, "SELECT count(*) AS n FROM articles");
    assert_eq!(
        n[0]["n"], 3,
        "the good text file, the undated one and the good JSONL line are stored"
    );
    let undated = sql(
        &db,
        "SELECT published_at, date_source FROM articles WHERE path LIKE '%header.txt'",
    );
    assert!(undated[0]["published_at"].is_null() && undated[0]["date_source"].is_null());
    // A second batch with another bad file keeps what is stored.
    let o = run(&db, &["ingest", missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(sql(&db, "SELECT count(*) AS n FROM articles")[0]["n"], 3);
}

#[test]
fn a_file_that_is_not_a_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("notes.db");
    let content = "these are my notes, not a database, please keep them\n".repeat(20);
    std::fs::write(&db, &content).unwrap();
    let o = run(&db, &["ingest", "corpus/d1_redfern_bridge.txt"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("notes.db") && err.contains("not a claimtrace database"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&db).unwrap(), content);
    let o = run(&db, &["sql", "SELECT 1"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn queries_on_a_missing_database_say_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    let o = run(&db, &["claims"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("claimtrace ingest"), "{}", stderr(&o));
    assert!(!db.exists());
}

#[test]
fn extract_survives_hostile_text_without_panicking() {
    let mut inputs: Vec<Vec<u8>> = vec![
        "\"\"\"\"“““”””«»„「」‘’'".into(),
        "He said: “".into(),
        "“Unclosed quote, he said, and more and more text\n\nNext paragraph.".into(),
        "According to".into(),
        ", said".into(),
        "It was confirmed that".into(),
        ": : :".into(),
        "\u{a0}\u{a0}said\u{a0}".into(),
        "Mr. . . U.S. said. Inc. said that \"".into(),
        "said said said that that that".into(),
    ];
    // A pseudo-random mix of words, quote marks and punctuation.
    let pieces = [
        "said",
        "“",
        "”",
        "\"",
        "that",
        ",",
        ".",
        "He",
        "the company",
        "according to",
        "denied",
        "\n\n",
        "‘",
        "’",
        "X:",
        "—",
        "é",
        "日本",
    ];
    let mut seed: u64 = 42;
    for _ in 0..30 {
        let mut s = String::new();
        for _ in 0..60 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            s.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            s.push(' ');
        }
        inputs.push(s.into_bytes());
    }
    for input in inputs {
        let o = run_stdin(&["extract", "--format", "jsonl", "-"], &input);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            !err.contains("panicked"),
            "panic on {:?}: {err}",
            String::from_utf8_lossy(&input)
        );
        assert!(o.status.code().is_some_and(|c| c <= 1));
        let text = String::from_utf8_lossy(&input).into_owned();
        for line in String::from_utf8_lossy(&o.stdout).lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let (s, e) = (
                v["start"].as_u64().unwrap() as usize,
                v["end"].as_u64().unwrap() as usize,
            );
            assert!(
                s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
            );
        }
    }
}

#[test]
fn check_batch_reports_bad_lines_and_answers_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let pairs = dir.path().join("pairs.jsonl");
    std::fs::write(
        &pairs,
        "{\"id\":\"a\",\"claim\":\"Dam opened on the Gaza border\",\"evidence\":\"Officials confirmed that the dam on the Gaza border was opened.\"}\n{broken\n",
    )
    .unwrap();
    let o = Command::new(bin())
        .args(["check", "--batch"])
        .arg(&pairs)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("pairs.jsonl:2"), "{}", stderr(&o));
    let out = stdout(&o);
    let v: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(v["id"], "a");
    assert!(["supports", "contradicts", "discusses", "unrelated"]
        .contains(&v["stance"].as_str().unwrap()));
    assert!(v["score"].is_number() && v["rule"].is_string());
}

#[test]
fn ingest_from_stdin_reads_the_header_block() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stdin.db");
    let o = run_stdin(
        &["--db", db.to_str().unwrap(), "ingest", "-"],
        b"Title: Piped\nDate: 2020-02-02\n\nAcme Corp said that its plant would close in May.\n",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows = sql(&db, "SELECT a.path, a.title, a.published_at, s.name FROM articles a JOIN claims c ON c.article_id = a.id JOIN sources s ON s.id = c.source_id");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["path"], "-");
    assert_eq!(rows[0]["title"], "Piped");
    assert_eq!(rows[0]["name"], "Acme");
}

/// A folder with a symbolic link loop, a FIFO and a file whose name is not
/// UTF-8 next to a good article: the walk ends, the good article and the
/// oddly named one are stored, the rest are one-line warnings, exit code 0.
#[cfg(unix)]
#[test]
fn folder_walks_survive_link_loops_fifos_and_non_utf8_names() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    std::fs::write(
        input.join("good.txt"),
        "Title: Good\nDate: 2020-05-01\n\nAcme Corp said that its new plant would open in June.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("..", input.join("sub/loop")).unwrap();
    let odd = input.join(std::ffi::OsStr::from_bytes(b"caf\xe9.txt"));
    std::fs::write(
        &odd,
        "Title: Odd\nDate: 2020-05-02\n\nBeta Ltd said that sales rose sharply last year.\n",
    )
    .unwrap();
    let have_mkfifo = Command::new("mkfifo")
        .arg(input.join("pipe.txt"))
        .status()
        .is_ok_and(|s| s.success());
    let db = dir.path().join("db.sqlite");
    let mut child = Command::new(bin())
        .arg("--db")
        .arg(&db)
        .arg("ingest")
        .arg(&input)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A walk that hangs (on the FIFO or the loop) is a failure, not a stuck test run.
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("ingest of the folder did not finish");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let o = child.wait_with_output().unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.lines()
            .any(|l| l.contains("sub/loop") && l.contains("warning: symbolic link loop")),
        "{err}"
    );
    assert!(
        err.lines()
            .any(|l| l.contains("caf\u{fffd}.txt") && l.contains("warning: file name is not UTF-8")),
        "{err}"
    );
    if have_mkfifo {
        assert!(
            err.lines()
                .any(|l| l.contains("pipe.txt") && l.contains("warning: a FIFO")),
            "{err}"
        );
    }
    let titles = sql(&db, "SELECT title FROM articles ORDER BY title");
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert_eq!(titles[0]["title"], "Good");
    assert_eq!(titles[1]["title"], "Odd");
    // Named on the command line, the file with a non-UTF-8 name is read too.
    let db2 = dir.path().join("db2.sqlite");
    let o = Command::new(bin())
        .arg("--db")
        .arg(&db2)
        .arg("ingest")
        .arg(&odd)
        .arg(input.join("good.txt"))
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("warning: file name is not UTF-8"), "{err}");
    assert_eq!(sql(&db2, "SELECT count(*) AS n FROM articles")[0]["n"], 2);
}

/// A FIFO named on the command line is read like a file.
#[cfg(unix)]
#[test]
fn a_fifo_named_on_the_command_line_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.txt");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("mkfifo is not available; skipped");
        return;
    }
    let db = dir.path().join("db.sqlite");
    let child = Command::new(bin())
        .arg("--db")
        .arg(&db)
        .arg("ingest")
        .arg(&fifo)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::fs::write(
        &fifo,
        "Title: Piped\nDate: 2020-05-01\n\nAcme Corp said that the FIFO was read.\n",
    )
    .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(sql(&db, "SELECT title FROM articles")[0]["title"], "Piped");
}
