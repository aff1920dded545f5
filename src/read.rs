//! Reading: paths, folders and stdin -> [`Article`]s.
//!
//! Takes: what the user named on the command line. Gives: a stream of
//! `Result<Article, ReadError>`, one per article (a JSONL file gives one per
//! line), never the whole corpus in memory. Handles the header block of
//! `.txt`/`.md` files, JSONL news dumps and HTML (through [`crate::clean::html`]).

use std::io::Read;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::error::ReadError;
use crate::model::Article;

/// Input formats, chosen by file extension (or by sniffing stdin).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Jsonl,
}

impl Format {
    pub fn from_path(p: &Path) -> Option<Format> {
        let ext = p.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" => Format::Html,
            "jsonl" | "ndjson" => Format::Jsonl,
            _ => return None,
        })
    }

    /// Guesses the format of bytes read from stdin.
    pub fn sniff(text: &str) -> Format {
        let t = text.trim_start();
        let lower: String = t.chars().take(200).collect::<String>().to_ascii_lowercase();
        if lower.starts_with("<!doctype html")
            || lower.starts_with("<html")
            || lower.starts_with("<head")
            || lower.starts_with("<body")
        {
            Format::Html
        } else if t.starts_with('{')
            && t.lines()
                .next()
                .is_some_and(|l| serde_json::from_str::<Value>(l).is_ok())
        {
            Format::Jsonl
        } else {
            Format::Text
        }
    }
}

/// A file to read, in the order found.
#[derive(Debug, Clone)]
pub struct Input {
    /// Path as the user gave it (joined with the relative path inside a folder).
    pub display: String,
    pub path: Option<PathBuf>,
    pub format: Format,
}

/// Expands the command-line paths: files as given, folders recursively
/// (sorted, only known extensions), `-` as stdin. Missing paths are errors.
/// Inside folders, symbolic links are followed; a link loop, a FIFO, socket
/// or device, and a file name that is not UTF-8 are [`ReadError::Warning`]s
/// (the file with a non-UTF-8 name is still read, shown with its lossy name).
/// A FIFO named on the command line is read like a file.
pub fn expand<P: AsRef<std::ffi::OsStr>>(paths: &[P]) -> Vec<Result<Input, ReadError>> {
    let mut out = Vec::new();
    for p in paths {
        let os = p.as_ref();
        // A name that is not UTF-8 is shown with U+FFFD for its bad bytes, and read all the same.
        let p = os.to_string_lossy().into_owned();
        if os.to_str().is_none() {
            out.push(Err(ReadError::Warning {
                path: p.clone(),
                reason: "file name is not UTF-8; stored under the name shown here".into(),
            }));
        }
        if p == "-" {
            out.push(Ok(Input {
                display: "-".into(),
                path: None,
                format: Format::Text,
            }));
            continue;
        }
        let path = PathBuf::from(os);
        if path.is_dir() {
            walk(&path, &p, &mut out);
        } else if path.exists() {
            let format = Format::from_path(&path).unwrap_or(Format::Text);
            out.push(Ok(Input {
                display: p.clone(),
                path: Some(path),
                format,
            }));
        } else {
            out.push(Err(ReadError::Missing { path: p.clone() }));
        }
    }
    out
}

/// `display` joined with a path relative to it, as the user would write it.
fn shown(display: &str, rel: &Path) -> String {
    let rel = rel.to_string_lossy();
    if display.ends_with('/') {
        format!("{display}{rel}")
    } else {
        format!("{display}/{rel}")
    }
}

/// FIFOs, sockets and devices: reading one could block forever or never end.
#[cfg(unix)]
fn special_file(ft: &std::fs::FileType) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    if ft.is_fifo() {
        Some("a FIFO")
    } else if ft.is_socket() {
        Some("a socket")
    } else if ft.is_block_device() || ft.is_char_device() {
        Some("a device")
    } else {
        None
    }
}

#[cfg(not(unix))]
fn special_file(_: &std::fs::FileType) -> Option<&'static str> {
    None
}

fn walk(dir: &Path, display: &str, out: &mut Vec<Result<Input, ReadError>>) {
    let hidden =
        |e: &walkdir::DirEntry| e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
    let entries = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !hidden(e));
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let at = e
                    .path()
                    .map(|p| shown(display, p.strip_prefix(dir).unwrap_or(p)))
                    .unwrap_or_else(|| display.to_string());
                let ancestor = e.loop_ancestor().map(|a| a.display().to_string());
                out.push(Err(match (ancestor, e.into_io_error()) {
                    (Some(a), _) => ReadError::Warning {
                        path: at,
                        reason: format!("symbolic link loop (back to {a}), not followed"),
                    },
                    (None, Some(io)) => ReadError::Io {
                        path: at,
                        source: io,
                    },
                    (None, None) => ReadError::Warning {
                        path: at,
                        reason: "cannot be walked, skipped".into(),
                    },
                }));
                continue;
            }
        };
        let ft = entry.file_type();
        if ft.is_dir() {
            continue;
        }
        let p = entry.path();
        let name = shown(display, p.strip_prefix(dir).unwrap_or(p));
        if let Some(kind) = special_file(&ft) {
            out.push(Err(ReadError::Warning {
                path: name,
                reason: format!(
                    "{kind}, not a file; skipped (name it on the command line to read it)"
                ),
            }));
            continue;
        }
        let Some(format) = Format::from_path(p) else {
            continue;
        };
        if p.to_str().is_none() {
            out.push(Err(ReadError::Warning {
                path: name.clone(),
                reason: "file name is not UTF-8; stored under the name shown here".into(),
            }));
        }
        out.push(Ok(Input {
            display: name,
            path: Some(p.to_path_buf()),
            format,
        }));
    }
}

/// Reads the raw bytes of a file and checks they are non-empty UTF-8 text.
/// Stdin is not read here: [`for_each_article`] streams it.
pub fn read_text(input: &Input) -> Result<(String, Format), ReadError> {
    let io = |e| ReadError::Io {
        path: input.display.clone(),
        source: e,
    };
    let bytes = match &input.path {
        Some(p) => std::fs::read(p).map_err(io)?,
        None => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(io)?;
            bytes
        }
    };
    let text = decode(&input.display, bytes)?;
    let format = if input.path.is_none() {
        Format::sniff(&text)
    } else {
        input.format
    };
    Ok((text, format))
}

/// Checks bytes are non-empty, non-binary UTF-8.
pub fn decode(path: &str, bytes: Vec<u8>) -> Result<String, ReadError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::Empty { path: path.into() });
    }
    if let Some(offset) = bytes.iter().take(8192).position(|&b| b == 0) {
        return Err(ReadError::Binary {
            path: path.into(),
            offset,
        });
    }
    String::from_utf8(bytes).map_err(|e| ReadError::Utf8 {
        path: path.into(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Parses a file's text in its format into one or more articles.
pub fn parse(display: &str, text: String, format: Format) -> Vec<Result<Article, ReadError>> {
    let sha = crate::store::sha256_hex(text.as_bytes());
    let with_sha = |r: Result<Article, ReadError>| {
        r.map(|mut a| {
            a.sha256 = sha.clone();
            a
        })
    };
    match format {
        Format::Text | Format::Markdown => vec![with_sha(parse_text(display, text))],
        Format::Html => vec![with_sha(crate::clean::html::parse_html(display, &text))],
        Format::Jsonl => parse_jsonl(display, &text),
    }
}

/// Reads every article of one input (all in memory: for tests and small inputs).
pub fn read_input(input: &Input) -> Vec<Result<Article, ReadError>> {
    let mut out = Vec::new();
    let done: Result<(), std::convert::Infallible> = for_each_article(input, |a| {
        out.push(a);
        Ok(())
    });
    let Ok(()) = done;
    out
}

/// Calls `f` with each article of one input as it is read, and stops at the
/// first error `f` returns. JSONL is streamed line by line, so a large dump is
/// never held in memory whole: a `.jsonl` file, and stdin whose first
/// non-blank line is a JSON object. Any other stdin is one article (HTML when
/// it starts with a tag such as `<html>`, else text) and is read whole.
pub fn for_each_article<E>(
    input: &Input,
    mut f: impl FnMut(Result<Article, ReadError>) -> Result<(), E>,
) -> Result<(), E> {
    match (&input.path, input.format) {
        (Some(path), Format::Jsonl) => match std::fs::File::open(path) {
            Ok(file) => jsonl_stream(&input.display, std::io::BufReader::new(file), f),
            Err(e) => f(Err(ReadError::Io {
                path: input.display.clone(),
                source: e,
            })),
        },
        (Some(_), _) => match read_text(input) {
            Ok((text, format)) => parse(&input.display, text, format)
                .into_iter()
                .try_for_each(f),
            Err(e) => f(Err(e)),
        },
        (None, _) => read_stream(&input.display, std::io::stdin().lock(), f),
    }
}

/// Reads a stream of unknown format (stdin): its blank lines and first
/// non-blank line are looked at; when that line is a JSON object the stream
/// is JSONL and is read line by line, else it is read whole as one article.
pub fn read_stream<E>(
    display: &str,
    mut reader: impl std::io::BufRead,
    mut f: impl FnMut(Result<Article, ReadError>) -> Result<(), E>,
) -> Result<(), E> {
    let io = |e| ReadError::Io {
        path: display.to_string(),
        source: e,
    };
    let mut head = Vec::new();
    let first = loop {
        let at = head.len();
        match reader.read_until(b'\n', &mut head) {
            Ok(0) => break None,
            Ok(_)
                if head
                    .get(at..)
                    .unwrap_or_default()
                    .iter()
                    .all(u8::is_ascii_whitespace) => {}
            Ok(_) => break Some(at),
            Err(e) => return f(Err(io(e))),
        }
    };
    let jsonl = first.and_then(|at| head.get(at..)).is_some_and(|line| {
        let line = line.trim_ascii();
        line.starts_with(b"{") && serde_json::from_slice::<Value>(line).is_ok()
    });
    if jsonl {
        return jsonl_stream(display, std::io::Cursor::new(head).chain(reader), f);
    }
    if let Err(e) = reader.read_to_end(&mut head) {
        return f(Err(io(e)));
    }
    match decode(display, head) {
        Ok(text) => {
            let format = Format::sniff(&text);
            parse(display, text, format).into_iter().try_for_each(f)
        }
        Err(e) => f(Err(e)),
    }
}

/// One article per non-blank line of `reader`, read one line at a time; a bad
/// line is an error of its own and reading goes on.
fn jsonl_stream<E>(
    display: &str,
    mut reader: impl std::io::BufRead,
    mut f: impl FnMut(Result<Article, ReadError>) -> Result<(), E>,
) -> Result<(), E> {
    let mut line = Vec::new();
    let mut n = 0;
    let mut any = false;
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                return f(Err(ReadError::Io {
                    path: display.to_string(),
                    source: e,
                }))
            }
        }
        n += 1;
        let text = match std::str::from_utf8(&line) {
            Ok(t) => t,
            Err(e) => {
                f(Err(ReadError::Jsonl {
                    path: display.to_string(),
                    line: n,
                    reason: format!("not valid UTF-8 (byte {} of the line)", e.valid_up_to()),
                }))?;
                continue;
            }
        };
        if text.trim().is_empty() {
            continue;
        }
        any = true;
        f(jsonl_line(display, n, text))?;
    }
    if any {
        Ok(())
    } else {
        f(Err(ReadError::Empty {
            path: display.to_string(),
        }))
    }
}

const HEADER_KEYS: &[&str] = &["title", "date", "outlet", "url", "author"];

fn header_key(line: &str) -> Option<(&'static str, &str)> {
    let (k, v) = line.split_once(':')?;
    let k = k.trim().to_ascii_lowercase();
    let key = HEADER_KEYS.iter().find(|h| **h == k)?;
    Some((key, v.trim()))
}

/// Sets the article's date from the date as written (`raw`, found in `from`:
/// `header`, `meta` or `jsonl`). A missing or unreadable date is a warning
/// naming `label`; the date is then taken from the file name or the URL when
/// they hold one, else it stays unknown. The article is always kept.
pub fn settle_date(art: &mut Article, label: &str, raw: Option<&str>, from: &'static str) {
    let raw = raw.map(str::trim).filter(|r| !r.is_empty());
    if let Some(d) = raw.and_then(crate::date::normalise) {
        art.published_at = Some(d);
        art.date_source = Some(from);
        return;
    }
    let file_name = Path::new(&art.path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|_| art.path != "-");
    let fallback = file_name
        .and_then(|n| crate::date::in_name(&n))
        .map(|d| (d, "file-name", "file name"))
        .or_else(|| {
            let url = art.url.as_deref()?;
            crate::date::in_name(url).map(|d| (d, "url", "URL"))
        });
    let what = match raw {
        Some(r) => format!("unreadable date {r:?}"),
        None => "no date".to_string(),
    };
    let warning = match fallback {
        Some((d, source, shown)) => {
            let w = format!("{label}: warning: {what}; date {d} taken from the {shown}");
            art.published_at = Some(d);
            art.date_source = Some(source);
            w
        }
        None => {
            art.published_at = None;
            art.date_source = None;
            format!("{label}: warning: {what}; stored with an unknown date")
        }
    };
    art.warnings.push(warning);
}

/// Splits the optional `Key: value` header block off a text file.
///
/// A header exists only when the first line is one of the known keys; it
/// then runs to the first blank line and every line in it must be a known
/// key. The body is the rest of the file, byte for byte (a leading
/// byte-order mark dropped); `body_offset` says where it starts in the file.
pub fn parse_text(display: &str, text: String) -> Result<Article, ReadError> {
    let mut art = Article {
        path: display.to_string(),
        ..Default::default()
    };
    // A byte-order mark is dropped; `body_offset` counts it.
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            art.body_offset = '\u{feff}'.len_utf8();
            rest.to_string()
        }
        None => text,
    };
    let first = text.lines().next().unwrap_or("");
    if header_key(first).is_none() {
        art.body = text;
        settle_date(&mut art, display, None, "header");
        return Ok(art);
    }
    let mut pos = 0;
    let mut n = 0;
    let mut body_start = None;
    let mut date = None;
    for line in text.split_inclusive('\n') {
        n += 1;
        let trimmed = line.trim_end_matches(['\n', '\r']);
        pos += line.len();
        if trimmed.trim().is_empty() {
            body_start = Some(pos);
            break;
        }
        let Some((key, value)) = header_key(trimmed) else {
            return Err(ReadError::Header {
                path: display.into(),
                line: n,
                reason: format!(
                    "`{}` is not a `Key: value` line (keys: Title, Date, Outlet, URL, Author); end the header with a blank line",
                    trimmed.chars().take(60).collect::<String>()
                ),
            });
        };
        let value = Some(value.to_string()).filter(|v| !v.is_empty());
        match key {
            "title" => art.title = value,
            "date" => date = value,
            "outlet" => art.outlet = value,
            "url" => art.url = value,
            _ => art.author = value,
        }
    }
    match body_start.and_then(|p| Some((p, text.get(p..)?))) {
        Some((p, body)) if !body.trim().is_empty() => {
            art.body = body.to_string();
            art.body_offset += p;
            settle_date(&mut art, display, date.as_deref(), "header");
            Ok(art)
        }
        _ => Err(ReadError::Header {
            path: display.into(),
            line: n,
            reason: "header block has no article text after it (a blank line must separate header and text)".into(),
        }),
    }
}

fn jsonl_line(display: &str, n: usize, line: &str) -> Result<Article, ReadError> {
    let err = |reason: String| ReadError::Jsonl {
        path: display.into(),
        line: n,
        reason,
    };
    let v: Value = serde_json::from_str(line).map_err(|e| err(e.to_string()))?;
    let obj = v
        .as_object()
        .ok_or_else(|| err("expected a JSON object".into()))?;
    let field = |k: &str| -> Option<String> {
        obj.iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(k))
            .and_then(|(_, v)| v.as_str())
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let body = obj
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("text"))
        .and_then(|(_, v)| v.as_str())
        .ok_or_else(|| err("missing string field `text`".into()))?;
    if body.trim().is_empty() {
        return Err(err("field `text` is empty".into()));
    }
    let date = field("date").or_else(|| field("published_at"));
    let mut art = Article {
        sha256: crate::store::sha256_hex(line.trim().as_bytes()),
        path: display.into(),
        title: field("title"),
        outlet: field("outlet"),
        url: field("url"),
        author: field("author"),
        body: body.to_string(),
        ..Default::default()
    };
    settle_date(
        &mut art,
        &format!("{display}:{n}"),
        date.as_deref(),
        "jsonl",
    );
    Ok(art)
}

/// One article per non-blank line; a bad line is an error of its own.
pub fn parse_jsonl(display: &str, text: &str) -> Vec<Result<Article, ReadError>> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| jsonl_line(display, i + 1, l))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_block_is_split_and_body_kept_byte_for_byte() {
        let t = "Title: Hack\nDate: 2011-09-19\nOutlet: Wire\n\nBody “line”.\n\nMore.\n";
        let a = parse_text("x.txt", t.into()).unwrap();
        assert_eq!(a.title.as_deref(), Some("Hack"));
        assert_eq!(a.published_at.as_deref(), Some("2011-09-19"));
        assert_eq!(a.body, "Body “line”.\n\nMore.\n");
        assert_eq!(&t[a.body_offset..], a.body);
    }

    #[test]
    fn body_offset_counts_the_byte_order_mark_and_the_header() {
        for t in [
            "\u{feff}Title: A\r\nDate: 2020-01-01\r\n\r\nBody said x.",
            "\u{feff}Body said x.",
            "Body said x.",
        ] {
            let a = parse_text("x.txt", t.into()).unwrap();
            assert_eq!(&t[a.body_offset..], a.body, "{t:?}");
        }
    }

    #[test]
    fn colon_headline_is_text_not_header() {
        let t = "Pence: Flowers won't be at the debate\n\nText.";
        let a = parse_text("x.txt", t.into()).unwrap();
        assert_eq!(a.body, t);
        assert!(a.title.is_none());
    }

    #[test]
    fn malformed_header_names_line_and_reason() {
        let e = parse_text("x.txt", "Title: A\nnot a key\n\nText".into()).unwrap_err();
        assert!(e.to_string().contains("x.txt: header line 2"), "{e}");
    }

    #[test]
    fn unreadable_or_missing_dates_warn_and_keep_the_article() {
        let a = parse_text("x.txt", "Title: A\nDate: yesterday\n\nText".into()).unwrap();
        assert_eq!(a.body, "Text");
        assert_eq!((a.published_at.as_deref(), a.date_source), (None, None));
        assert_eq!(
            a.warnings,
            ["x.txt: warning: unreadable date \"yesterday\"; stored with an unknown date"]
        );
        let a = parse_text("in/2016-10-03-x.txt", "Title: A\n\nText".into()).unwrap();
        assert_eq!(a.published_at.as_deref(), Some("2016-10-03"));
        assert_eq!(a.date_source, Some("file-name"));
        assert!(a.warnings[0].contains("no date; date 2016-10-03 taken from the file name"));
        let a = parse_text(
            "x.txt",
            "Title: A\nURL: https://example.org/2016/10/03/story\n\nText".into(),
        )
        .unwrap();
        assert_eq!(a.published_at.as_deref(), Some("2016-10-03"));
        assert_eq!(a.date_source, Some("url"));
        let a = parse_text("x.txt", "Date: March 5, 2024\n\nText".into()).unwrap();
        assert_eq!(a.published_at.as_deref(), Some("2024-03-05"));
        assert_eq!(a.date_source, Some("header"));
        assert!(a.warnings.is_empty());
    }

    #[test]
    fn jsonl_lines_are_articles_and_bad_lines_errors() {
        let t = "{\"title\":\"A\",\"date\":\"2020-01-02\",\"text\":\"One said two.\"}\nnot json\n{\"title\":\"B\"}\n";
        let r = parse_jsonl("d.jsonl", t);
        assert_eq!(r.len(), 3);
        assert_eq!(r[0].as_ref().unwrap().body, "One said two.");
        assert!(r[1]
            .as_ref()
            .unwrap_err()
            .to_string()
            .starts_with("d.jsonl:2:"));
        assert!(r[2].as_ref().unwrap_err().to_string().contains("text"));
    }

    #[test]
    fn decode_rejects_empty_binary_and_bad_utf8() {
        assert!(matches!(decode("e", vec![]), Err(ReadError::Empty { .. })));
        assert!(matches!(
            decode("b", vec![b'a', 0, b'b']),
            Err(ReadError::Binary { .. })
        ));
        assert!(matches!(
            decode("u", vec![b'a', 0xff, b'b']),
            Err(ReadError::Utf8 { offset: 1, .. })
        ));
    }

    #[test]
    fn jsonl_dates_are_normalised_and_bad_ones_warn() {
        let t = "{\"date\":\"Tue, 03 Mar 2020 10:00:00 +0000\",\"text\":\"A said b.\"}\n{\"published_at\":\"someday\",\"text\":\"A said c.\"}\n";
        let r = parse_jsonl("d.jsonl", t);
        let a = r[0].as_ref().unwrap();
        assert_eq!(a.published_at.as_deref(), Some("2020-03-03T10:00:00Z"));
        assert_eq!(a.date_source, Some("jsonl"));
        let b = r[1].as_ref().unwrap();
        assert_eq!(b.published_at, None);
        assert!(b.warnings[0].starts_with("d.jsonl:2: warning: unreadable date \"someday\""));
    }
}
