//! HTML -> main text and metadata.
//!
//! Takes: an HTML page. Gives: an [`Article`] whose body is the page's main
//! text (paragraphs separated by blank lines, `<blockquote>` content kept),
//! with title, date, outlet, URL and author from `<title>`/`<meta>`/`<time>`.
//! Main-text detection is readability's scoring (dom_smoothie); when that
//! finds nothing readable, the text of `<article>`/`<main>`/`<body>` minus
//! navigation, headers, footers, scripts and forms is used.

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};

use crate::error::ReadError;
use crate::model::Article;

/// The `content` of the first `<meta>` whose `property`, `name` or
/// `itemprop` is one of `names` (earlier names first, then in that attribute
/// order), as the selector `meta[ATTR="NAME"]` would find it: only the first
/// element matching a pair is looked at, and an empty content does not count.
/// The `<meta>` elements are collected once (one selector for the whole page,
/// not one per pair).
fn meta(metas: &[dom_query::NodeRef], names: &[&str]) -> Option<String> {
    for n in names {
        for attr in ["property", "name", "itemprop"] {
            let first = metas
                .iter()
                .find(|m| m.attr(attr).is_some_and(|v| &*v == *n));
            if let Some(c) = first.and_then(|m| m.attr("content")) {
                let c = c.trim().to_string();
                if !c.is_empty() {
                    return Some(c);
                }
            }
        }
    }
    None
}

/// Short lines of page furniture that readability leaves in ("Advertisement",
/// "Share on Facebook", "Read more"): the built-in boilerplate patterns.
fn furniture(line: &str) -> bool {
    static LEX: std::sync::OnceLock<Option<crate::lexicon::Lexicon>> = std::sync::OnceLock::new();
    let lex = LEX.get_or_init(|| crate::lexicon::Lexicon::builtin().ok());
    line.split_whitespace().count() <= 8
        && lex.as_ref().is_some_and(|l| l.boilerplate.is_match(line))
}

/// Collapses the whitespace of extracted text: lines trimmed, runs of blank
/// lines reduced to one, so paragraphs are separated by exactly one blank line;
/// short furniture lines dropped.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines() {
        let l = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if l.is_empty() || furniture(&l) {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(&l);
    }
    out.push('\n');
    out
}

fn fallback_text(doc: &Document) -> String {
    doc.select("script, style, noscript, nav, header, footer, aside, form, iframe, svg, button")
        .remove();
    for sel in ["article", "main", "[role=main]", "body"] {
        let s = doc.select(sel);
        if s.exists() {
            return s.formatted_text().to_string();
        }
    }
    doc.formatted_text().to_string()
}

pub fn parse_html(display: &str, html: &str) -> Result<Article, ReadError> {
    let doc = Document::from(html);
    let title_tag = doc.select("title").text().trim().to_string();
    let metas = doc.select("meta");
    let metas = metas.nodes();
    let date = meta(
        metas,
        &[
            "article:published_time",
            "datePublished",
            "date",
            "pubdate",
            "publish-date",
            "dc.date",
            "DC.date.issued",
            "og:published_time",
        ],
    )
    .or_else(|| {
        doc.select("time[datetime]")
            .attr("datetime")
            .map(|t| t.to_string())
    });
    let outlet = meta(metas, &["og:site_name", "application-name", "publisher"]);
    let author = meta(metas, &["author", "article:author", "dc.creator"]);
    let url = doc
        .select("link[rel=canonical]")
        .attr("href")
        .map(|s| s.to_string())
        .or_else(|| meta(metas, &["og:url"]));

    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    let readable = Readability::new(html, None, Some(cfg))
        .ok()
        .and_then(|mut r| r.parse().ok());
    let (title, mut body, byline) = match readable {
        Some(a) => (a.title, a.text_content.to_string(), a.byline),
        None => (title_tag.clone(), String::new(), None),
    };
    // Readability keeps navigation when a page has nothing else; that is no article.
    if body.split_whitespace().count() < 5 {
        body = fallback_text(&Document::from(html));
    }
    let body = tidy(&body);
    if body.trim().is_empty() {
        return Err(ReadError::Html {
            path: display.into(),
            reason: "the page has no text outside navigation and scripts".into(),
        });
    }
    let title = Some(title)
        .filter(|t| !t.trim().is_empty())
        .or(Some(title_tag))
        .filter(|t| !t.is_empty());
    let mut art = Article {
        path: display.into(),
        title,
        outlet,
        url,
        author: author.or(byline),
        body,
        ..Default::default()
    };
    crate::read::settle_date(&mut art, display, date.as_deref(), "meta");
    Ok(art)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head><title>Plant to shed 400 jobs | Valley Courier</title>
<meta property="article:published_time" content="2013-07-22T08:00:00Z">
<meta property="og:site_name" content="Valley Courier"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<div class="cookie-banner">We use cookies. Accept all cookies?</div>
<article><h1>Plant to shed 400 jobs</h1>
<p>A regional labour official said on Monday that 400 workers at the Dunmore plant would lose their jobs, the same figure the carmaker gave last week.</p>
<p>The official said the number had been checked against the company's own filing with the regional labour office, and that it matched.</p>
<blockquote><p>“We did everything we could to keep these jobs,” the company spokeswoman said.</p></blockquote>
<p>Advertisement</p>
<p>Union members are expected to meet on Thursday to discuss the next steps, according to the union's regional office, which said it would press for retraining.</p>
</article>
<footer><a href="/about">About us</a> <a href="/privacy">Privacy</a></footer></body></html>"#;

    #[test]
    fn main_text_keeps_paragraphs_and_blockquote_drops_navigation() {
        let a = parse_html("p.html", PAGE).unwrap();
        assert!(
            a.body.contains("400 workers at the Dunmore plant"),
            "{}",
            a.body
        );
        assert!(a.body.contains("We did everything we could"), "{}", a.body);
        assert!(!a.body.contains("Privacy"), "{}", a.body);
        assert!(!a.body.contains("Accept all cookies"), "{}", a.body);
        assert!(!a.body.contains("Advertisement"), "{}", a.body);
        assert!(a.body.contains("\n\n"));
        assert_eq!(a.published_at.as_deref(), Some("2013-07-22T08:00:00Z"));
        assert_eq!(a.outlet.as_deref(), Some("Valley Courier"));
    }

    /// Metadata is read as `meta[ATTR="NAME"]` selectors read it: names in
    /// their order of preference, `property` before `name` before `itemprop`,
    /// values compared exactly, only the first element of a pair looked at,
    /// and an empty content skipped.
    #[test]
    fn meta_follows_the_order_of_names_and_attributes() {
        let page = r#"<html><head>
<meta name="author" content="   ">
<meta itemprop="author" content="Item Prop">
<meta name="DATE" content="1999-01-01">
<meta name="date" content="2014-05-06">
<meta name="date" content="2015-01-01">
<meta itemprop="datePublished" content="2013-02-03">
<meta name="publisher" content="Named Publisher">
<meta property="og:site_name">
<meta name="og:site_name" content="Site Name">
</head><body><p>Ten words of text so that the page has a body here.</p></body></html>"#;
        let a = parse_html("m.html", page).unwrap();
        // datePublished comes before date in the list of names.
        assert_eq!(a.published_at.as_deref(), Some("2013-02-03"));
        // property="og:site_name" has no content: name="og:site_name" is next.
        assert_eq!(a.outlet.as_deref(), Some("Site Name"));
        // name="author" is blank: itemprop="author" is next.
        assert_eq!(a.author.as_deref(), Some("Item Prop"));
        let b = parse_html(
            "m.html",
            &page.replace("itemprop=\"datePublished\"", "itemprop=\"other\""),
        )
        .unwrap();
        // "DATE" is not "date"; the first name="date" wins over the second.
        assert_eq!(b.published_at.as_deref(), Some("2014-05-06"));
    }

    #[test]
    fn page_without_text_is_an_error() {
        let e = parse_html(
            "e.html",
            "<html><head><script>x()</script></head><body><nav>Home</nav></body></html>",
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("e.html:"), "{e}");
    }
}
