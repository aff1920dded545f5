//! The offsets `extract` prints, per input kind: for `.txt`/`.md` (and text
//! on stdin) byte offsets into the input bytes, header block included; for
//! HTML and JSONL offsets into the extracted text (the stored `articles.body`,
//! or the line's `text` field).

mod common;

use std::path::Path;

use common::*;
use serde_json::Value;

/// Three claims: reported speech, a quote with non-ASCII text before it, and
/// a quote split by its attribution (two pieces, so not a slice of the input).
const BODY: &str = "Acme Corp said that no data had been stolen from its servers.\n\
“We are confident that the systems are secure,” said Jane Roe, a spokeswoman for Acme.\n\
“The breach,” said John Doe, the company’s chief executive, “was contained within hours.”\n";

fn num(c: &Value, k: &str) -> Option<usize> {
    c[k].as_u64().map(|n| n as usize)
}

/// Checks every claim's spans against `text`: content (single-piece claims
/// only), cue and speaker are slices of it. Returns how many single-piece
/// claims were checked.
fn check_spans(text: &str, claims: &[Value]) -> usize {
    let mut single = 0;
    for c in claims {
        let (s, e) = (num(c, "start").unwrap(), num(c, "end").unwrap());
        let slice = text.get(s..e).expect("content span on char boundaries");
        if c["pieces"] == 1 {
            assert_eq!(slice, c["text"].as_str().unwrap(), "{c}");
            single += 1;
        }
        for (k, a, b) in [
            ("cue", "cue_start", "cue_end"),
            ("speaker", "speaker_start", "speaker_end"),
        ] {
            if let (Some(a), Some(b)) = (num(c, a), num(c, b)) {
                assert_eq!(text.get(a..b), c[k].as_str(), "{k} of {c}");
            }
        }
    }
    single
}

fn write(dir: &Path, name: &str, bytes: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn assert_offsets_into_file(name: &str, input: &str) {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), name, input);
    let claims = extract(&p);
    assert_eq!(claims.len(), 3, "{claims:?}");
    assert_eq!(check_spans(input, &claims), 2, "{name}");
}

#[test]
fn txt_with_header_offsets_point_into_the_file() {
    let input = format!("Title: Água leak\nDate: 2020-03-01\nOutlet: Wire\n\n{BODY}");
    assert_offsets_into_file("a.txt", &input);
}

#[test]
fn txt_with_byte_order_mark_and_crlf_header_offsets_point_into_the_file() {
    let input = format!("\u{feff}Title: Leak\r\nDate: 2020-03-01\r\n\r\n{BODY}");
    assert_offsets_into_file("a.txt", &input);
    assert_offsets_into_file("b.txt", &format!("\u{feff}{BODY}"));
}

#[test]
fn txt_without_header_offsets_point_into_the_file() {
    assert_offsets_into_file("a.txt", BODY);
}

#[test]
fn markdown_offsets_point_into_the_file() {
    let input = format!("Title: Leak\nAuthor: A. Writer\n\n# Leak at Acme\n\n{BODY}");
    assert_offsets_into_file("a.md", &input);
}

#[test]
fn text_on_stdin_offsets_point_into_the_input() {
    let input = format!("Title: Leak\nDate: 2020-03-01\n\n{BODY}");
    let o = run_stdin(&["extract", "--explain", "-"], input.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let (rejected, claims): (Vec<Value>, Vec<Value>) = lines
        .into_iter()
        .partition(|v| v.get("rejected_cue").is_some());
    assert_eq!(claims.len(), 3);
    assert_eq!(check_spans(&input, &claims), 2);
    // Rejected cues point into the input too.
    for r in &rejected {
        let (s, e) = (num(r, "cue_start").unwrap(), num(r, "cue_end").unwrap());
        assert_eq!(input.get(s..e), r["rejected_cue"].as_str(), "{r}");
    }
}

/// Extracts `file` and ingests it; the offsets of both point into the stored body.
fn extracted_and_stored_agree(file: &Path) -> String {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    let claims = extract(file);
    run_ok(&db, &["ingest", file.to_str().unwrap()]);
    let body = sql(&db, "SELECT body FROM articles")[0]["body"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(claims.len(), 3, "{claims:?}");
    assert_eq!(check_spans(&body, &claims), 2);
    let stored = sql(&db, "SELECT start, \"end\" FROM claims ORDER BY id");
    let printed: Vec<(Value, Value)> = claims
        .iter()
        .map(|c| (c["start"].clone(), c["end"].clone()))
        .collect();
    let stored: Vec<(Value, Value)> = stored
        .iter()
        .map(|r| (r["start"].clone(), r["end"].clone()))
        .collect();
    assert_eq!(printed, stored);
    body
}

#[test]
fn html_offsets_point_into_the_extracted_text() {
    let dir = tempfile::tempdir().unwrap();
    let paras: String = BODY.lines().map(|l| format!("<p>{l}</p>\n")).collect();
    let html = format!(
        "<html><head><title>Leak</title></head><body><nav><a href=\"/\">Home</a></nav>\
         <article><h1>Leak at Acme</h1>\n{paras}</article></body></html>"
    );
    let p = write(dir.path(), "a.html", &html);
    let body = extracted_and_stored_agree(&p);
    assert!(!html.starts_with(&body));
}

#[test]
fn jsonl_offsets_point_into_the_text_field() {
    let dir = tempfile::tempdir().unwrap();
    let line = serde_json::json!({"title": "Leak", "date": "2020-03-01", "text": BODY});
    let p = write(dir.path(), "a.jsonl", &format!("{line}\n"));
    assert_eq!(extracted_and_stored_agree(&p), BODY);
}
