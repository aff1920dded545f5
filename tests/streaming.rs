//! Big inputs are streamed: JSONL (a `.jsonl` file, or stdin whose first
//! non-blank line is a JSON object) is read one line at a time, and `extract`
//! prints each article's claims as soon as it has read it.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::*;

fn article(i: usize) -> String {
    let text = format!("Acme Corp said that plant {i} would close in May.");
    format!(
        "{}\n",
        serde_json::json!({"title": format!("A{i}"), "text": text})
    )
}

/// Reads stdout lines on a thread, so that a test can wait for one with a timeout.
fn lines_of(out: ChildStdout) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// Writes two articles one after the other into `input`, and checks that
/// the first one's claim is printed while the input is still open.
fn claims_come_before_the_input_ends(mut child: Child, mut input: impl Write) {
    let rx = lines_of(child.stdout.take().unwrap());
    input.write_all(b"\n").unwrap();
    input.write_all(article(1).as_bytes()).unwrap();
    input.flush().unwrap();
    let first = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("the first article's claim before the input ends");
    assert!(first.contains("plant 1 would close"), "{first}");
    input.write_all(article(2).as_bytes()).unwrap();
    drop(input);
    let second = rx.recv_timeout(Duration::from_secs(60)).unwrap();
    assert!(second.contains("plant 2 would close"), "{second}");
    assert!(child.wait().unwrap().success());
}

#[test]
fn extract_prints_jsonl_from_stdin_article_by_article() {
    let mut child = Command::new(bin())
        .args(["extract", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let input = child.stdin.take().unwrap();
    claims_come_before_the_input_ends(child, input);
}

#[test]
fn extract_prints_a_jsonl_file_article_by_article() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("dump.jsonl");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("no mkfifo here: the file case is not tested");
        return;
    }
    let child = Command::new(bin())
        .arg("extract")
        .arg(&fifo)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let input = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    claims_come_before_the_input_ends(child, input);
}

#[test]
fn ingest_reads_jsonl_from_stdin_line_by_line_with_bad_lines_reported() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    let input = format!("\n{}not json\n\n{}", article(1), article(2));
    let o = run_stdin(
        &["--db", db.to_str().unwrap(), "ingest", "-"],
        input.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("claimtrace: -:3:"), "{}", stderr(&o));
    let rows = sql(&db, "SELECT title FROM articles ORDER BY id");
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (&rows[0]["title"], &rows[1]["title"]),
        (&"A1".into(), &"A2".into())
    );
}

#[test]
fn stdin_starting_with_a_brace_that_is_not_json_is_one_text_article() {
    let input = "{Editor's note} Acme Corp said that the plant would close in May.\n";
    let o = run_stdin(&["extract", "-"], input.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let claims: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(claims.len(), 1);
    let (s, e) = (
        claims[0]["start"].as_u64().unwrap() as usize,
        claims[0]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&input[s..e], claims[0]["text"]);
}
