//! The checks behind the fuzz targets, shared by them (and usable from a
//! plain test loop): each function panics when an invariant breaks.

use std::sync::OnceLock;

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
/// `body_offset`), as HTML, and as JSONL.
pub fn extract_bytes(data: &[u8]) {
    let _ = read::read_stream("-", data, |a| -> Result<(), ()> {
        if let Ok(a) = a {
            check_extraction(&a.body);
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
        check_extraction(&a.body);
    }
    if let Ok(a) = claimtrace::clean::html::parse_html("f.html", text) {
        check_extraction(&a.body);
    }
    for a in read::parse_jsonl("f.jsonl", text).into_iter().flatten() {
        check_extraction(&a.body);
    }
}

/// Splits `data` into at most four articles at 0xFF bytes (never part of
/// UTF-8); the first byte of each piece picks its format (text, Markdown,
/// JSONL, HTML). Each is read, ingested into one in-memory database, and the
/// report is rendered in every format. Errors are fine; panics are not.
pub fn ingest_sequence(data: &[u8]) {
    let mut store = Store::open(":memory:").expect("in-memory database");
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
