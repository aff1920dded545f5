//! The checks behind the fuzz targets, shared by them (and usable from a
//! plain test loop): each function panics when an invariant breaks.

use std::sync::{Mutex, MutexGuard, OnceLock};

use claimtrace::lexicon::Lexicon;
use claimtrace::model::Article;
use claimtrace::read::{self, Format};
use claimtrace::rules::RuleSet;
use claimtrace::store::Store;

pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::builtin().expect("built-in lexicon"))
}

pub fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("built-in rules"))
}

/// A span of `body` that must lie on char boundaries inside it; returns its text.
fn slice<'a>(body: &'a str, what: &str, start: usize, end: usize) -> &'a str {
    assert!(
        start <= end && end <= body.len(),
        "{what} span {start}..{end} outside a body of {} bytes",
        body.len()
    );
    assert!(
        body.is_char_boundary(start) && body.is_char_boundary(end),
        "{what} span {start}..{end} not on char boundaries"
    );
    &body[start..end]
}

/// Extracts the claims of `body` and checks their offsets: inside the body,
/// on char boundaries, and for a single-piece claim `body[start..end] == text`;
/// cue and speaker spans are slices giving the cue and speaker as written.
pub fn check_extraction(body: &str) {
    let ex = claimtrace::extract::extract(body, lexicon());
    for c in &ex.claims {
        let content = slice(body, "content", c.start, c.end);
        if c.pieces == 1 {
            assert_eq!(content, c.text, "single-piece claim text is not its span");
        }
        if let (Some(s), Some(e)) = (c.cue_start, c.cue_end) {
            assert_eq!(Some(slice(body, "cue", s, e)), c.cue.as_deref());
        }
        if let (Some(s), Some(e)) = (c.speaker_start, c.speaker_end) {
            assert_eq!(Some(slice(body, "speaker", s, e)), c.speaker.as_deref());
        }
    }
}

/// Reads `data` as each input kind it could be and checks the extraction of
/// every article read: as stdin (format sniffed, JSONL streamed), as a
/// `.txt` file with a possible header (whose body must be the input's tail at
/// `body_offset`), as HTML when it holds a `<` or `&` (and stdin did not
/// read it as HTML already), and as JSONL. Extraction depends on the body
/// alone, so a body already checked for this input (stdin text and the
/// `.txt` reading usually give the same one) is not extracted again.
pub fn extract_bytes(data: &[u8]) {
    let mut checked: Vec<String> = Vec::new();
    let mut check = |body: &str| {
        if !checked.iter().any(|b| b == body) {
            check_extraction(body);
            checked.push(body.to_string());
        }
    };
    let _ = read::read_stream("-", data, |a| -> Result<(), ()> {
        if let Ok(a) = a {
            check(&a.body);
        }
        Ok(())
    });
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(a) = read::parse_text("f.txt", text.to_string()) {
        assert_eq!(
            &text[a.body_offset..],
            a.body,
            "body is not the input after its header"
        );
        check(&a.body);
    }
    // Bytes without a tag or an entity are no page: reading them as HTML
    // (the costliest reading, readability's scoring) would only collapse
    // their whitespace. Bytes that stdin already read as HTML (the same
    // function on the same text) are not read again.
    if text.contains(['<', '&']) && Format::sniff(text) != Format::Html {
        if let Ok(a) = claimtrace::clean::html::parse_html("f.html", text) {
            check(&a.body);
        }
    }
    for a in read::parse_jsonl("f.jsonl", text).into_iter().flatten() {
        check(&a.body);
    }
}

/// The tables of the schema, children before their parents (foreign keys are
/// on), emptied between inputs; the full-text index follows `claims`.
const TABLES: &[&str] = &[
    "verdicts",
    "links",
    "claim_terms",
    "term_df",
    "claims",
    "source_keys",
    "source_aliases",
    "sources",
    "articles",
];

/// The in-memory store of this process, emptied for each input: its rows are
/// deleted (the schema, and so every prepared statement, stays) and its
/// claim views are forgotten, so every input starts from an empty database as
/// `Store::open(":memory:")` gives, without creating the schema and preparing
/// every statement again (that took most of a short input's time).
fn fresh_store() -> MutexGuard<'static, Store> {
    static STORE: OnceLock<Mutex<Store>> = OnceLock::new();
    static EMPTY: OnceLock<Vec<String>> = OnceLock::new();
    static COUNT: OnceLock<String> = OnceLock::new();
    let store = STORE.get_or_init(|| {
        let store = Store::open(":memory:").expect("in-memory database");
        // Ingest and report use more distinct statements than rusqlite's default
        // cache of 16 holds: with the default, most were prepared again per input.
        store.conn.set_prepared_statement_cache_capacity(256);
        // A table this list lacks would carry rows from one input into the next.
        let mut q = store
            .conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'claims_fts_%'")
            .expect("list tables");
        let tables: Vec<String> = q
            .query_map([], |r| r.get(0))
            .and_then(|rows| rows.collect())
            .expect("list tables");
        drop(q);
        for t in &tables {
            assert!(TABLES.contains(&t.as_str()), "table {t} is not emptied between inputs");
        }
        Mutex::new(store)
    });
    let empty = EMPTY.get_or_init(|| {
        let mut sql: Vec<String> = TABLES.iter().map(|t| format!("DELETE FROM {t}")).collect();
        sql.push("INSERT INTO claims_fts(claims_fts) VALUES('delete-all')".into());
        sql
    });
    let count = COUNT.get_or_init(|| {
        let counts: Vec<String> = TABLES
            .iter()
            .map(|t| format!("(SELECT count(*) FROM {t})"))
            .collect();
        format!("SELECT {}", counts.join(" + "))
    });
    // A panic while the lock was held (a finding, when not stopping at the first)
    // leaves the store usable: it is emptied right here.
    let mut store = store.lock().unwrap_or_else(|e| e.into_inner());
    if !store.conn.is_autocommit() {
        store.conn.execute_batch("ROLLBACK").expect("roll back");
    }
    store.conn.execute_batch("BEGIN").expect("begin");
    for sql in empty {
        store
            .conn
            .prepare_cached(sql)
            .and_then(|mut q| q.execute([]))
            .expect("empty the in-memory database");
    }
    store.conn.execute_batch("COMMIT").expect("commit");
    let rows: i64 = store
        .conn
        .prepare_cached(count)
        .and_then(|mut q| q.query_row([], |r| r.get(0)))
        .expect("count rows");
    assert_eq!(rows, 0, "the database was not emptied");
    store.clear_view_cache();
    store
}

/// Splits `data` into at most four articles at 0xFF bytes (never part of
/// UTF-8); the first byte of each piece picks its format (text, Markdown,
/// JSONL, HTML). Each is read, ingested into one in-memory database (empty at
/// the start of every input), and the report is rendered in every format.
/// Errors are fine; panics are not.
pub fn ingest_sequence(data: &[u8]) {
    let mut store = fresh_store();
    for (i, piece) in data.split(|&b| b == 0xff).take(4).enumerate() {
        let Some((&pick, rest)) = piece.split_first() else {
            continue;
        };
        let format =
            [Format::Text, Format::Markdown, Format::Jsonl, Format::Html][pick as usize % 4];
        let text = String::from_utf8_lossy(rest).into_owned();
        for art in read::parse(&format!("a{i}"), text, format) {
            let Ok(art): Result<Article, _> = art else {
                continue;
            };
            let _ = store.ingest(&art, lexicon(), rules());
        }
    }
    render(&store);
}

/// Renders the whole report and each claim's in every format.
pub fn render(store: &Store) {
    let Ok(all) = claimtrace::report::load(&store.conn, None) else {
        return;
    };
    let _ = claimtrace::report::markdown(&all, rules());
    let _ = serde_json::to_string_pretty(&all).expect("report as JSON");
    let _ =
        serde_json::to_string_pretty(&claimtrace::report::claimreview(&all)).expect("ClaimReview");
    for id in all.iter().map(|c| c.id) {
        if let Ok(one) = claimtrace::report::load(&store.conn, Some(id)) {
            let _ = claimtrace::report::markdown(&one, rules());
            let _ = claimtrace::report::claimreview(&one);
        }
    }
}
