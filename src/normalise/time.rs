//! A claim's time: when it was said and whether it recaps an earlier stage.
//!
//! Takes: the body, the claim's attribution (its cue's sentence outside the
//! content pieces, see [`attribution`]), its cue and speaker spans, the
//! article's date (may be unknown) and the time words of `temporal.txt`.
//! Gives: [`ClaimTime`]: `said_at` (`YYYY-MM-DD`, the date the attribution
//! gives the statement) and its time rank inside the article (-1 an earlier
//! stage, 0 unmarked, +1 the newest development).
//!
//! Only the attribution is read, never the content: "contaminated in a batch
//! made on April 3" dates the batch, not the claim. Time words count when
//! they are attached to the cue or speaker ("said on Monday", "had said in
//! June that", "In June, X said", "its earlier promise that"), not when they
//! sit in a relative clause about someone else ("X, which was founded in
//! June, said"). A relative date is the latest such day on or before the
//! article's date: "on Monday" in a Monday article is that day, "in June" in
//! a March article is last year's June. Nothing is carried from one
//! attribution to the next. Dates are read by [`crate::date`] (jiff).

use jiff::civil::{Date, Weekday};

use crate::lexicon::Lexicon;
use crate::model::Span;
use crate::segment;

/// When a claim was said, as far as its attribution tells.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClaimTime {
    /// The date the attribution gives the statement (`YYYY-MM-DD`; the 1st for a month alone).
    pub said_at: Option<String>,
    /// -1 earlier stage (recap), 0 unmarked, +1 newest development.
    pub rank: i8,
}

impl ClaimTime {
    /// Does the claim recap an earlier stage of the story?
    pub fn recap(&self) -> bool {
        self.rank < 0
    }
}

/// Words between the anchor (cue or speaker) and a time word attached to it, at most.
const MAX_GAP: usize = 6;

/// Words that open a relative clause: time words inside one describe its subject, not the statement.
const RELATIVE: &[&str] = &["which", "who", "whose", "whom", "where"];

/// The attribution of a claim: its cue's sentence minus every content piece
/// of the attribution (for a quote split in pieces, everything outside them).
pub fn attribution(sentence: Span, pieces: &[Span]) -> Vec<Span> {
    let mut cuts: Vec<Span> = pieces
        .iter()
        .filter(|p| p.overlaps(&sentence))
        .copied()
        .collect();
    cuts.sort_by_key(|p| p.start);
    let mut out = Vec::new();
    let mut at = sentence.start;
    for p in cuts {
        if p.start > at {
            out.push(Span::new(at, p.start));
        }
        at = at.max(p.end);
    }
    if at < sentence.end {
        out.push(Span::new(at, sentence.end));
    }
    out
}

/// One word of the attribution.
struct Tok<'a> {
    start: usize,
    word: &'a str,
    lower: String,
    /// Index of the attribution span holding it: phrases never cross the content.
    run: usize,
}

/// A date expression as written, before the article's date anchors it.
#[derive(Debug, Clone, Copy)]
enum When {
    /// A full date ("2013-06-01", "March 3, 2013").
    Day(Date),
    /// Month and day without a year ("on 3 March", "March 3").
    MonthDay(i8, i8),
    /// A month alone ("in June").
    Month(i8),
    Weekday(Weekday),
    /// A span back from the article's date ("yesterday", "last week").
    Ago(jiff::Span),
}

/// Whether a capitalised word names a month or a weekday ("April", "Sept", "Monday's").
pub fn is_month_or_weekday(word: &str) -> bool {
    month_of(word).is_some() || weekday_of(word).is_some()
}

/// Whether a capitalised word names a month ("April", "Sept").
pub fn is_month(word: &str) -> bool {
    month_of(word).is_some()
}

/// The month a word names ("June", "Sept"), read by the date parser; capitalised only ("may" is a verb).
fn month_of(word: &str) -> Option<i8> {
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let d = crate::date::normalise(&format!("{word} 1 2000"))?;
    d.get(5..7)?.parse().ok()
}

/// The weekday a capitalised word names ("Monday", "Monday's"), by jiff's own names.
fn weekday_of(word: &str) -> Option<Weekday> {
    let word = word.trim_end_matches("'s").trim_end_matches("’s");
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let monday = jiff::civil::date(2024, 1, 1);
    (0..7i64).find_map(|i| {
        let d = monday.checked_add(jiff::Span::new().days(i)).ok()?;
        d.strftime("%A")
            .to_string()
            .eq_ignore_ascii_case(word)
            .then(|| d.weekday())
    })
}

/// A day of the month as written ("3", "3rd").
fn day_of(word: &str) -> Option<i8> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = word.strip_prefix(digits)?;
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_of(word: &str) -> Option<i16> {
    (word.len() == 4)
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

/// Date expressions of the attribution: (first word, last word, what it says).
fn expressions(toks: &[Tok], cue_end: Option<usize>, lex: &Lexicon) -> Vec<(usize, usize, When)> {
    let t = &lex.temporal;
    let mut out = Vec::new();
    let same_run = |a: usize, b: usize| matches!((toks.get(a), toks.get(b)), (Some(x), Some(y)) if x.run == y.run);
    // Token `b` when it is in the same run as token `a`.
    let in_run = |a: usize, b: usize| toks.get(b).filter(|_| same_run(a, b));
    let mut i = 0;
    while let Some(tok) = toks.get(i) {
        // "yesterday", "last week".
        if let Some((p, span)) = t.ago.iter().find(|(p, _)| {
            toks.get(i..).is_some_and(|rest| {
                p.len() <= rest.len() && p.iter().zip(rest).all(|(w, k)| *w == k.lower)
            }) && same_run(i, i + p.len() - 1)
        }) {
            out.push((i, i + p.len() - 1, When::Ago(*span)));
            i += p.len();
            continue;
        }
        let w = tok.word;
        // An ISO date.
        if w.len() == 10 && w.as_bytes().get(4) == Some(&b'-') {
            if let Some(d) = crate::date::normalise(w).and_then(|d| d.parse::<Date>().ok()) {
                out.push((i, i, When::Day(d)));
                i += 1;
                continue;
            }
        }
        // A month or weekday counts after a date preposition, right after the cue, or next to a day.
        let before = i.checked_sub(1).and_then(|b| in_run(i, b));
        let introduced = before.is_some_and(|b| {
            t.date_prepositions.contains(&b.lower)
                || cue_end.is_some_and(|e| b.start < e && tok.start >= e)
        });
        if let Some(m) = month_of(w) {
            let day_before = before.and_then(|b| day_of(b.word));
            let day_after = in_run(i, i + 1).and_then(|n| day_of(n.word));
            let (first, mut last, day) = match (day_before, day_after) {
                (Some(d), _) => (i - 1, i, Some(d)),
                (None, Some(d)) => (i, i + 1, Some(d)),
                _ => (i, i, None),
            };
            if day.is_none() && !introduced {
                i += 1;
                continue;
            }
            let year = in_run(last, last + 1).and_then(|n| year_of(n.word));
            let when = match (day, year) {
                (Some(d), Some(y)) => {
                    last += 1;
                    jiff::civil::Date::new(y, m, d).ok().map(When::Day)
                }
                (None, Some(y)) => {
                    last += 1;
                    jiff::civil::Date::new(y, m, 1).ok().map(When::Day)
                }
                (Some(d), None) => Some(When::MonthDay(m, d)),
                (None, None) => Some(When::Month(m)),
            };
            if let Some(when) = when {
                out.push((first, last, when));
            }
            i = last + 1;
            continue;
        }
        if let Some(wd) = weekday_of(w) {
            if introduced {
                out.push((i, i, When::Weekday(wd)));
            }
        }
        i += 1;
    }
    out
}

/// The article's date as a civil date.
fn article_day(article_date: Option<&str>) -> Option<Date> {
    crate::text::date_part(article_date?).parse().ok()
}

/// The day an expression names, the latest such on or before the article's date;
/// and whether it names a month rather than a day or week.
fn resolve(when: When, article: Option<Date>) -> Option<Date> {
    let latest = |m: i8, d: i8| -> Option<Date> {
        let a = article?;
        let y = if (m, d) <= (a.month(), a.day()) {
            a.year()
        } else {
            a.year() - 1
        };
        Date::new(y, m, d).ok()
    };
    match when {
        When::Day(d) => Some(d),
        When::MonthDay(m, d) => latest(m, d),
        When::Month(m) => latest(m, 1),
        When::Weekday(wd) => {
            let a = article?;
            if a.weekday() == wd {
                Some(a)
            } else {
                a.nth_weekday(-1, wd).ok()
            }
        }
        When::Ago(span) => article?.checked_sub(span).ok(),
    }
}

/// The clause holding token `i`: back to a comma, dash or bracket (or the content), forward to the next.
fn clause(body: &str, toks: &[Tok], i: usize) -> (usize, usize) {
    let boundary = |a: usize, b: usize| {
        body.get(a..b)
            .is_some_and(|s| s.contains([',', ';', '—', '–', '(', ')']))
    };
    let run = toks.get(i).map(|t| t.run);
    // Tokens `a` and `a + 1` are both in the run of token `i`, with no boundary between them.
    let joined = |a: usize| match (toks.get(a), toks.get(a + 1)) {
        (Some(x), Some(y)) => {
            Some(x.run) == run && Some(y.run) == run && !boundary(x.start, y.start)
        }
        _ => false,
    };
    let mut first = i;
    while first > 0 && joined(first - 1) {
        first -= 1;
    }
    let mut last = i;
    while joined(last) {
        last += 1;
    }
    (first, last)
}

/// Is token `i` attached to the anchor (`cue` and speaker words): close to them or
/// opening the attribution, not in a relative clause that leaves the anchor out,
/// and inside the cue's own clause when that one is relative ("X, who had said in
/// June that ..., now says")?
fn attached(body: &str, toks: &[Tok], i: usize, anchor: &[usize], cue: &[usize]) -> bool {
    let relative = |(first, _): (usize, usize)| {
        toks.get(first)
            .is_some_and(|t| RELATIVE.contains(&t.lower.as_str()))
    };
    if let Some(&c) = cue.first() {
        let (first, last) = clause(body, toks, c);
        if relative((first, last)) && !(first..=last).contains(&i) {
            return false;
        }
    }
    // The attribution's first words set the time of all of it ("In June, X said ...").
    if anchor.is_empty() || i <= 1 {
        return true;
    }
    let gap = anchor
        .iter()
        .map(|&a| a.abs_diff(i).saturating_sub(1))
        .min()
        .unwrap_or(usize::MAX);
    if gap > MAX_GAP {
        return false;
    }
    let (first, last) = clause(body, toks, i);
    !relative((first, last)) || anchor.iter().any(|a| (first..=last).contains(a))
}

/// Does a marker phrase of `markers` occur, attached to the anchor?
fn marked(
    body: &str,
    toks: &[Tok],
    markers: &[Vec<String>],
    anchor: &[usize],
    cue: &[usize],
) -> bool {
    markers.iter().any(|p| {
        !p.is_empty()
            && toks.windows(p.len()).enumerate().any(|(i, at)| {
                p.iter().zip(at).all(|(w, k)| *w == k.lower)
                    && at.first().map(|k| k.run) == at.last().map(|k| k.run)
                    && attached(body, toks, i, anchor, cue)
            })
    })
}

/// Is the cue pluperfect ("had said", "had also insisted", "he'd said")?
fn pluperfect(toks: &[Tok], cue_first: Option<usize>, lex: &Lexicon) -> bool {
    let t = &lex.temporal;
    let Some((c, run)) = cue_first.and_then(|c| Some((c, toks.get(c)?.run))) else {
        return false;
    };
    let mut j = c;
    for _ in 0..3 {
        // The word before, in the cue's run.
        let Some(prev) = j.checked_sub(1).and_then(|b| toks.get(b)) else {
            return false;
        };
        if prev.run != run {
            return false;
        }
        j -= 1;
        let w = prev.lower.replace('’', "'");
        let aux = t.pluperfect.iter().any(|p| {
            *p == w || (p.starts_with('\'') && w.ends_with(p.as_str()) && w.len() > p.len())
        });
        if aux {
            return true;
        }
        if !(w.ends_with("ly") || t.adverbs.contains(&w)) {
            return false;
        }
    }
    false
}

/// The time of one claim from its attribution spans, cue and speaker, and the article's date.
pub fn claim_time(
    body: &str,
    attribution: &[Span],
    cue: Option<Span>,
    speaker: Option<Span>,
    article_date: Option<&str>,
    lex: &Lexicon,
) -> ClaimTime {
    let mut toks: Vec<Tok> = Vec::new();
    for (run, s) in attribution.iter().enumerate() {
        let Some(text) = body.get(s.start..s.end) else {
            continue;
        };
        for (o, w) in segment::words(text) {
            toks.push(Tok {
                start: s.start + o,
                word: w,
                lower: w.to_lowercase().replace('’', "'"),
                run,
            });
        }
    }
    let inside = |sp: Option<Span>| -> Vec<usize> {
        sp.map(|sp| {
            toks.iter()
                .enumerate()
                .filter(|(_, t)| sp.contains(t.start))
                .map(|(i, _)| i)
                .collect()
        })
        .unwrap_or_default()
    };
    let cue_toks = inside(cue);
    let mut anchor = cue_toks.clone();
    anchor.extend(inside(speaker));
    let article = article_day(article_date);

    let when = expressions(&toks, cue.map(|c| c.end), lex)
        .into_iter()
        .filter(|&(a, _, _)| attached(body, &toks, a, &anchor, &cue_toks))
        .min_by_key(|&(a, b, _)| {
            anchor
                .iter()
                .map(|&k| k.abs_diff(a).min(k.abs_diff(b)))
                .min()
                .unwrap_or(0)
        })
        .map(|(_, _, w)| w);
    let said = when.and_then(|w| resolve(w, article));
    let said = said.filter(|d| article.is_none_or(|a| *d <= a));
    // A month or a date in an earlier month than the article's is an earlier stage;
    // without the article's date, a month in the attribution is one (the statement is past).
    let earlier_month = match (when, said, article) {
        (Some(When::Month(_) | When::MonthDay(..) | When::Day(_)), Some(d), Some(a)) => {
            (d.year(), d.month()) < (a.year(), a.month())
        }
        (Some(When::Month(_) | When::MonthDay(..)), _, None) => true,
        // "last month", "last year": a month or more back is an earlier stage; "yesterday" is not.
        (Some(When::Ago(span)), _, _) => span.get_months() > 0 || span.get_years() > 0,
        _ => false,
    };
    let t = &lex.temporal;
    let later = marked(body, &toks, &t.later, &anchor, &cue_toks);
    let earlier = earlier_month
        || pluperfect(&toks, cue_toks.first().copied(), lex)
        || marked(body, &toks, &t.earlier, &anchor, &cue_toks);
    ClaimTime {
        said_at: said.map(|d| d.to_string()),
        rank: if later {
            1
        } else if earlier {
            -1
        } else {
            0
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lx() -> Lexicon {
        Lexicon::builtin().unwrap()
    }

    /// The time of the claim of the one-sentence body `s` whose content is
    /// `who[0]` (pieces split by `|`), cue `who[1]` and speaker `who[2]`.
    fn time(s: &str, who: [&str; 3], date: Option<&str>) -> ClaimTime {
        let span = |needle: &str| {
            let a = s.find(needle).unwrap_or_else(|| panic!("{needle} in {s}"));
            Span::new(a, a + needle.len())
        };
        let pieces: Vec<Span> = who[0].split('|').map(span).collect();
        let attr = attribution(Span::new(0, s.len()), &pieces);
        let (cue, speaker) = (Some(span(who[1])), Some(span(who[2])));
        claim_time(s, &attr, cue, speaker, date, &lx())
    }

    /// A Monday article's date.
    const JULY: Option<&str> = Some("2013-07-15");

    fn said_at(t: &ClaimTime) -> Option<&str> {
        t.said_at.as_deref()
    }

    #[test]
    fn date_inside_content_does_not_date_the_claim() {
        let s = "The company said the jars were contaminated in a batch made on April 3.";
        let content = "the jars were contaminated in a batch made on April 3";
        let t = time(s, [content, "said", "The company"], Some("2014-05-20"));
        assert_eq!(t, ClaimTime::default());
        // A split quote: the content pieces go, the attribution between them stays.
        let s = "“The batch was made on April 3,” the company said on Monday, “and recalled.”";
        let content = "The batch was made on April 3,|and recalled.";
        let t = time(s, [content, "said", "the company"], Some("2014-05-20"));
        assert_eq!(said_at(&t), Some("2014-05-19"));
        assert!(!t.recap());
    }

    #[test]
    fn said_on_monday_is_the_monday_before_the_article() {
        let who = ["the plant would close", "said", "The minister"];
        // 2013-07-17 is a Wednesday.
        let s = "The minister said on Monday that the plant would close.";
        let t = time(s, who, Some("2013-07-17"));
        assert_eq!(said_at(&t), JULY);
        assert!(!t.recap());
        // A Monday article's "on Monday" is that day.
        let t = time(s, who, Some("2013-07-15T09:00:00Z"));
        assert_eq!(said_at(&t), JULY);
        // "said Monday", "yesterday": not earlier stages; "last month" is one.
        let s = "The plant would close, the minister said Monday.";
        let t = time(
            s,
            ["The plant would close", "said", "the minister"],
            Some("2013-07-17"),
        );
        assert_eq!(said_at(&t), JULY);
        let s = "The minister said yesterday that the plant would close.";
        let t = time(s, who, Some("2013-07-17"));
        assert_eq!((said_at(&t), t.recap()), (Some("2013-07-16"), false));
        let s = "Only last month the minister said that the plant would close.";
        let t = time(
            s,
            ["the plant would close", "said", "the minister"],
            Some("2013-07-17"),
        );
        assert_eq!((said_at(&t), t.recap()), (Some("2013-06-17"), true));
    }

    #[test]
    fn had_said_in_june_is_a_recap_dated_june() {
        let who = ["the bridge was safe", "said", "The mayor"];
        let s = "The mayor, who had said in June that the bridge was safe, now wants it closed.";
        // The latest June on or before a March article is last year's.
        let t = time(s, who, Some("2013-03-05"));
        assert_eq!((said_at(&t), t.recap()), (Some("2012-06-01"), true));
        let s = "In June, The mayor said the bridge was safe.";
        let t = time(s, who, JULY);
        assert_eq!((said_at(&t), t.recap()), (Some("2013-06-01"), true));
        let s = "The mayor said on 3 March that the bridge was safe.";
        let t = time(s, who, JULY);
        assert_eq!((said_at(&t), t.recap()), (Some("2013-03-03"), true));
        // Pluperfect alone, and an adverb of the attribution, make a recap without a date.
        for (s, cue) in [
            (
                "The mayor had insisted that the bridge was safe.",
                "insisted",
            ),
            ("The mayor initially said that the bridge was safe.", "said"),
        ] {
            let t = time(s, [who[0], cue, who[2]], JULY);
            assert!(t.recap() && t.said_at.is_none(), "{s}");
        }
    }

    #[test]
    fn recap_does_not_carry_to_the_next_attribution() {
        let l = lx();
        let body =
            "In June, the mayor said the bridge was safe. The engineer said cracks were found.";
        let seg = segment::segment(body, &l);
        let times: Vec<ClaimTime> = [
            ("the bridge was safe", "said", "the mayor"),
            ("cracks were found", "said", "The engineer"),
        ]
        .iter()
        .map(|&(content, cue, speaker)| {
            let c = body.find(content).unwrap();
            let s = seg
                .sentences
                .iter()
                .find(|s| s.start <= c && c < s.end)
                .unwrap();
            let k = body[s.start..].find(cue).unwrap() + s.start;
            let p = body.find(speaker).unwrap();
            let attr = attribution(
                Span::new(s.start, s.end),
                &[Span::new(c, c + content.len())],
            );
            claim_time(
                body,
                &attr,
                Some(Span::new(k, k + cue.len())),
                Some(Span::new(p, p + speaker.len())),
                JULY,
                &l,
            )
        })
        .collect();
        assert!(times[0].recap());
        assert_eq!(times[1], ClaimTime::default());
    }

    #[test]
    fn undated_article_gives_no_said_at() {
        let who = ["the bridge was safe", "said", "the mayor"];
        let s = "In June, the mayor said on Monday that the bridge was safe.";
        assert_eq!(time(s, who, None).said_at, None);
        // A month in the attribution is still an earlier stage.
        let t = time("In June, the mayor said the bridge was safe.", who, None);
        assert!(t.recap() && t.said_at.is_none());
    }

    #[test]
    fn time_words_of_a_relative_clause_or_a_name_do_not_date_the_claim() {
        let s = "The firm, which was founded in June, said that no data was lost.";
        let t = time(s, ["no data was lost", "said", "The firm"], JULY);
        assert_eq!(t, ClaimTime::default());
        let s = "Prime Minister Theresa May said the talks had failed.";
        let who = ["the talks had failed", "said", "Prime Minister Theresa May"];
        assert_eq!(time(s, who, JULY), ClaimTime::default());
    }

    #[test]
    fn later_markers_of_the_attribution_mark_the_newest() {
        let s = "The firm has since said that data was stolen in June.";
        let t = time(s, ["data was stolen in June", "said", "The firm"], JULY);
        assert_eq!((t.rank, t.said_at), (1, None));
    }

    #[test]
    fn explicit_dates_with_a_year_need_no_article_date() {
        let s = "The firm said on 2013-06-01 that no data was lost.";
        let t = time(s, ["no data was lost", "said", "The firm"], None);
        assert_eq!(said_at(&t), Some("2013-06-01"));
        let s = "The firm said on Sept. 19, 2011 that it was hacked.";
        let t = time(s, ["it was hacked", "said", "The firm"], Some("2011-10-25"));
        assert_eq!((said_at(&t), t.recap()), (Some("2011-09-19"), true));
    }
}
