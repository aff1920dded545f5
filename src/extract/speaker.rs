//! Speaker phrases: finds the noun phrase that a cue attributes to.
//!
//! Takes: a sentence's tokens and the position of a cue. Gives: the byte span
//! of the speaker as written and the name of the sieve that found it. The
//! closed-class word sets below (determiners, pronouns, auxiliaries,
//! subordinators) are English grammar, not tunable lexicon; open-class words
//! (roles, unnamed-source phrases) come from the [`Lexicon`].

use crate::annotate::tagger::Upos;
use crate::lexicon::Lexicon;
use crate::segment::{Tok, TokKind};

pub const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "these", "those", "its", "his", "her", "their", "our", "some",
    "several", "many", "one", "two", "three", "four", "five", "all", "both", "other", "another",
    "most", "few", "various", "senior", "top", "no",
];
/// Quantifiers that can head a speaker phrase on their own ("many said", "most agreed").
pub const QUANTIFIERS: &[&str] = &[
    "many",
    "some",
    "most",
    "others",
    "several",
    "few",
    "all",
    "both",
    "half",
    "none",
    "percent",
    "majority",
    "minority",
    "plurality",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "dozens",
    "hundreds",
    "thousands",
    "millions",
];
pub const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you", "who"];
const AUX: &[&str] = &[
    "has", "have", "had", "is", "was", "were", "are", "be", "been", "will", "would", "did", "does",
    "do", "also", "could", "should", "may", "might", "must", "can", "shall",
];
/// Adverbs and adjuncts that sit between a subject and its cue ("has now", "also", "later").
const ADVERBS: &[&str] = &[
    "also",
    "now",
    "later",
    "previously",
    "recently",
    "again",
    "then",
    "repeatedly",
    "publicly",
    "separately",
    "first",
    "earlier",
    "further",
    "once",
    "already",
    "still",
    "initially",
    "originally",
    "quickly",
    "flatly",
    "firmly",
    "strongly",
    "openly",
    "privately",
    "reportedly",
    "subsequently",
    "has",
    "have",
    "had",
    "would",
    "will",
    "did",
    "does",
    "do",
    "just",
    "even",
    "simply",
    "clearly",
    "explicitly",
    "immediately",
    "finally",
    "today",
    "yesterday",
    "twice",
    "often",
    "never",
    "not",
    "has since",
    "since",
    "ultimately",
    "categorically",
    "vehemently",
    "angrily",
    "emphatically",
    "though",
    "however",
    "meanwhile",
    "instead",
    "too",
];
const BOUNDARY: &[&str] = &[
    "that", "which", "when", "while", "as", "because", "if", "although", "though", "after",
    "before", "and", "but", "or", "so", "than", "since", "until", "where", "whether", "said",
    "says", "to", "in", "on", "into", "about", "by", "over", "under", "against", "during",
    "through", "is", "was", "were", "are", "has", "had", "have", "not", "it",
];
/// Words that open a subordinate clause; a capitalised one starts a sentence, not a name.
pub const SUBORDINATORS: &[&str] = &[
    "when",
    "after",
    "before",
    "while",
    "since",
    "because",
    "if",
    "until",
    "once",
    "unless",
    "whether",
    "although",
    "though",
    "as",
    "but",
    "and",
    "however",
    "meanwhile",
    "yet",
    "so",
];
/// Days of the week, as adjuncts of time ("said on Monday", "said Monday").
pub const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
/// Units of calendar time ("last week", "this quarter", "the next day"): one list for
/// the subject search's time adjuncts and the cue check's reduced relatives.
pub const TIME_UNITS: &[&str] = &["day", "week", "weekend", "month", "quarter", "year"];
/// Other words that end a time adjunct ("on Tuesday morning", "last week"), besides the weekdays.
const TIME_NOUNS: &[&str] = &[
    "yesterday",
    "today",
    "tonight",
    "morning",
    "afternoon",
    "evening",
    "night",
    "week",
    "weekend",
];
const ADJUNCT_NOUNS: &[&str] = &[
    "statement",
    "interview",
    "release",
    "conference",
    "briefing",
    "email",
    "e-mail",
    "letter",
    "filing",
    "post",
    "tweet",
    "speech",
    "call",
    "hearing",
    "note",
    "memo",
    "blog",
    "video",
    "message",
    "report",
    "remarks",
    "testimony",
    "appearance",
    "address",
    "op-ed",
    "documents",
    "court",
];

pub fn lower(t: &Tok) -> String {
    if t.text
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return t.text.to_string();
    }
    t.text.to_lowercase().replace('’', "'")
}

/// A word ending in a possessive "'s" ("Clinton's", "Clinton’s").
pub fn is_possessive(t: &Tok) -> bool {
    t.kind == TokKind::Word && (t.text.ends_with("'s") || t.text.ends_with("\u{2019}s"))
}

pub fn is_cap(t: &Tok) -> bool {
    t.kind == TokKind::Word && t.text.chars().next().is_some_and(|c| c.is_uppercase())
}

fn is_word(t: &Tok) -> bool {
    t.kind == TokKind::Word
}

/// The token before token `i` (`None` at the start or past the end).
fn prev_tok<'t, 'a>(toks: &'t [Tok<'a>], i: usize) -> Option<&'t Tok<'a>> {
    i.checked_sub(1).and_then(|j| toks.get(j))
}

/// The text of token `i` ("" past the end).
fn text_at<'a>(toks: &[Tok<'a>], i: usize) -> &'a str {
    toks.get(i).map_or("", |t| t.text)
}

/// Token `i` lowercased ("" past the end).
fn lower_at(toks: &[Tok], i: usize) -> String {
    toks.get(i).map(lower).unwrap_or_default()
}

/// Is token `i` a capitalised word? (`false` past the end)
fn cap_at(toks: &[Tok], i: usize) -> bool {
    toks.get(i).is_some_and(is_cap)
}

/// Is token `i` a word? (`false` past the end)
fn word_at(toks: &[Tok], i: usize) -> bool {
    toks.get(i).is_some_and(is_word)
}

/// Number of tokens at the end of `toks[..end]` that form an adjunct to skip
/// between subject and cue: adverbs, "in a statement", "on Monday", "in an interview with X".
fn skip_adjuncts_back(toks: &[Tok], mut end: usize) -> usize {
    loop {
        let before = end;
        if let Some(t) = prev_tok(toks, end) {
            let w = lower(t);
            if ADVERBS.contains(&w.as_str()) || (t.kind == TokKind::Punct && w == ",") {
                end -= 1;
            }
        }
        // "in a statement", "on Monday", "in an interview", "in a statement on Tuesday"
        if end >= 2 {
            let w1 = lower_at(toks, end - 1);
            let mut k = end - 1;
            let adj_noun = ADJUNCT_NOUNS.contains(&w1.as_str())
                || WEEKDAYS.contains(&w1.as_str())
                || TIME_NOUNS.contains(&w1.as_str());
            if adj_noun {
                while k > 0 && k + 4 > end - 1 {
                    let w = lower_at(toks, k - 1);
                    if matches!(
                        w.as_str(),
                        "in" | "on" | "at" | "during" | "via" | "through" | "late" | "early"
                    ) {
                        end = k - 1;
                        break;
                    }
                    if !(DETERMINERS.contains(&w.as_str())
                        || matches!(
                            w.as_str(),
                            "press" | "written" | "news" | "joint" | "brief" | "last" | "this"
                        ))
                    {
                        break;
                    }
                    k -= 1;
                }
            }
        }
        end = skip_time_back(toks, end);
        end = skip_parenthetical_back(toks, end);
        end = skip_party_tag_back(toks, end);
        if end == before {
            return end;
        }
    }
}

/// Skips a short parenthetical ending at `end` after a word: a party and state
/// ("Rep. Gwen Moore (D-Wis.) said"), an age ("Ann Lee (45) said"), a
/// party ("(R)"). Returns the index of its opening bracket, or `end`.
fn skip_parenthetical_back(toks: &[Tok], end: usize) -> usize {
    if end < 3 || text_at(toks, end - 1) != ")" {
        return end;
    }
    let lo = end.saturating_sub(8);
    let Some(open) = (lo..end - 1).rev().find(|&k| text_at(toks, k) == "(") else {
        return end;
    };
    let inner = toks.get(open + 1..end - 1).unwrap_or_default();
    let preceded_by_word = prev_tok(toks, open).is_some_and(is_word);
    if preceded_by_word && !inner.is_empty() && inner.iter().all(|t| t.text != ")") {
        open
    } else {
        end
    }
}

/// Skips a party-and-state tag between commas ending at `end`: "Lindsey Graham,
/// R-S.C., said", "Sen. Ann Lee, D-N.Y., said" (`end` just past the closing
/// comma or at it). Returns the index of the comma before the tag, or `end`.
fn skip_party_tag_back(toks: &[Tok], end: usize) -> usize {
    // (the closing comma may already be skipped)
    let close = if end > 0 && text_at(toks, end - 1) == "," {
        end - 1
    } else {
        end
    };
    if close < 2 {
        return end;
    }
    let lo = close.saturating_sub(7);
    let Some(open) = (lo..close).rev().find(|&k| text_at(toks, k) == ",") else {
        return end;
    };
    let tag: String = toks
        .get(open + 1..close)
        .unwrap_or_default()
        .iter()
        .map(|t| t.text)
        .collect();
    if is_party_tag(&tag) {
        open
    } else {
        end
    }
}

/// "R-S.C.", "D-N.Y.", "R-Tenn.", "I-Vt.": a party's initial, a hyphen and a
/// state's abbreviation.
fn is_party_tag(s: &str) -> bool {
    let mut parts = s.splitn(2, '-');
    let (Some(party), Some(state)) = (parts.next(), parts.next()) else {
        return false;
    };
    matches!(party, "R" | "D" | "I")
        && (2..=8).contains(&state.len())
        && state.starts_with(|c: char| c.is_ascii_uppercase())
        && state.chars().all(|c| c.is_ascii_alphabetic() || c == '.')
}

/// Skips a time adjunct ending at `end` between a subject and its cue: "(just) this
/// month", "last week", "in April", "on Sept. 5", "in 2015", "Monday". Returns
/// the new end (unchanged when no time expression ends there).
fn skip_time_back(toks: &[Tok], end: usize) -> usize {
    let Some(last) = end.checked_sub(1).and_then(|i| toks.get(i)) else {
        return end;
    };
    let w = lower(last);
    let year = last.text.len() == 4 && last.text.bytes().all(|b| b.is_ascii_digit());
    let named =
        last.kind == TokKind::Word && crate::normalise::time::is_month_or_weekday(last.text);
    // (plural after a count: "over the past two weeks")
    let unit = TIME_UNITS.contains(&w.as_str())
        || TIME_UNITS.contains(&w.strip_suffix('s').unwrap_or(""))
        || TIME_NOUNS.contains(&w.as_str());
    let day_number = last.text.len() <= 2 && last.text.bytes().all(|b| b.is_ascii_digit());
    // A month right after a capitalised word inside the sentence is a surname
    // ("Theresa May said"); a date has a preposition or a number beside it.
    let surname = named
        && crate::normalise::time::is_month(last.text)
        && end >= 2
        && toks.get(end - 2).is_some_and(|p| {
            is_cap(p)
                && p.kind == TokKind::Word
                && !crate::normalise::time::is_month_or_weekday(p.text)
        });
    if surname || !(year || named || unit || day_number) {
        return end;
    }
    let mut k = end - 1;
    let mut anchored = named || year && k > 0;
    while k > 0 && end - k < 5 {
        let Some(t) = toks.get(k - 1) else {
            break;
        };
        let v = lower(t);
        let part = matches!(
            v.as_str(),
            "this"
                | "last"
                | "next"
                | "earlier"
                | "late"
                | "early"
                | "past"
                | "the"
                | "few"
                | "several"
        ) || crate::relate::quantity::unit_word(&v).is_some_and(|n| n >= 2.0)
            || (t.kind == TokKind::Word && crate::normalise::time::is_month_or_weekday(t.text))
            || t.text == "."
            || t.text.bytes().all(|b| b.is_ascii_digit());
        let prep = matches!(
            v.as_str(),
            "in" | "on" | "during" | "since" | "by" | "over" | "within"
        );
        if prep {
            k -= 1;
            anchored = true;
            break;
        }
        if !part {
            break;
        }
        anchored |= matches!(v.as_str(), "this" | "last" | "next" | "earlier" | "past");
        k -= 1;
    }
    if !anchored {
        return end;
    }
    if prev_tok(toks, k).is_some_and(|t| lower(t) == "just") {
        k -= 1;
    }
    k
}

fn is_role(lex: &Lexicon, w: &str) -> bool {
    lex.roles.contains_key(w) || w == "sources" || w == "source" || w == "people" || w == "person"
}

/// Can a lowercase word be part of a speaker noun phrase?
fn np_lower_ok(lex: &Lexicon, w: &str, next: Option<&Tok>) -> bool {
    if BOUNDARY.contains(&w) || lex.cues.contains_key(w) && !lex.roles.contains_key(w) {
        return false;
    }
    if AUX.contains(&w) {
        return false;
    }
    // Participles only before a noun ("unnamed sources", "U.S.-based spokesman").
    if (w.ends_with("ed") || w.ends_with("ing")) && !is_role(lex, w) {
        return next.is_some_and(|n| is_word(n) && !BOUNDARY.contains(&lower(n).as_str()));
    }
    true
}

/// Scans a noun phrase leftwards from `end` (exclusive). Returns its first token index.
fn np_back(toks: &[Tok], end: usize, lex: &Lexicon) -> Option<usize> {
    np_scan(toks, end, lex, false)
}

/// Like [`np_back`]; `loose` also accepts a phrase marked only by a determiner or
/// quantifier ("the poll", "many"), for a subject right before its verb.
fn np_scan(toks: &[Tok], end: usize, lex: &Lexicon, loose: bool) -> Option<usize> {
    let s = np_extent(toks, end, lex)?;
    // The words after a relative pronoun are its clause, not a noun phrase
    // ("people who [work at the Ebbmoor works] told").
    if s > 0 && matches!(lower_at(toks, s - 1).as_str(), "who" | "whom") {
        return None;
    }
    np_marked(toks, s, end, lex, loose).then_some(s)
}

/// A preposition that links a noun phrase to a head before it ("spokesman for
/// Mitsubishi", "people familiar with the matter").
fn linking_preposition(w: &str) -> bool {
    matches!(
        w,
        "of" | "for" | "at" | "with" | "from" | "to" | "in" | "on" | "by"
    )
}

/// The first token of the noun phrase ending at `end`, by its words alone,
/// however it is marked.
fn np_extent(toks: &[Tok], end: usize, lex: &Lexicon) -> Option<usize> {
    let mut i = end;
    let mut start = None;
    let mut count = 0;
    while i > 0 && count < 14 {
        let Some(t) = toks.get(i - 1) else {
            break;
        };
        let w = lower(t);
        // A relative pronoun opens a clause on the phrase before it, no part of
        // a phrase ending after it ("engineers who work on the route said").
        // (A non-restrictive one after a comma is left to the callers that
        // look past it: "Ines Varga, 61, who fished there, said".)
        if matches!(w.as_str(), "who" | "whom")
            && start.is_some()
            && !(i >= 2 && text_at(toks, i - 2) == ",")
        {
            break;
        }
        // The stop of an abbreviation ending the phrase ("Acme Inc. said").
        if t.text == "." && i >= 2 && lex.abbreviations.contains(text_at(toks, i - 2)) {
            i -= 1;
            continue;
        }
        if t.kind == TokKind::Punct {
            // Keep possessive/hyphen glue and title stops ("Sen. Ted Cruz"), stop at anything else.
            if (matches!(t.text, "-" | "'" | "’" | "&") || title_stop(toks, i - 1))
                && start.is_some()
            {
                i -= 1;
                continue;
            }
            break;
        }
        if linking_preposition(&w) {
            // "spokesman for Mitsubishi", "people familiar with the matter", "a narrator
            // in the ad", "a document on the campaign's website", "a study by
            // Professor X": keep going if a noun precedes.
            // "in"/"on" only before a determiner or a name that is no date ("a
            // narrator in the ad"), not a year or a bare noun ("in 2013 fellow
            // doctors"); "by" not after a participle ("was shot by police").
            let in_ok = !matches!(w.as_str(), "in" | "on")
                || toks.get(i).is_some_and(|n| {
                    (is_cap(n) && !crate::normalise::time::is_month_or_weekday(n.text))
                        || DETERMINERS.contains(&lower(n).as_str())
                });
            let by_ok = w != "by"
                || toks
                    .get(i.wrapping_sub(2))
                    .is_some_and(|p| !lower(p).ends_with("ed"));
            if start.is_some()
                && in_ok
                && by_ok
                && i >= 2
                && toks
                    .get(i - 2)
                    .is_some_and(|p| is_word(p) && !BOUNDARY.contains(&lower(p).as_str()))
            {
                i -= 1;
                count += 1;
                continue;
            }
            break;
        }
        let ok = if is_cap(t) {
            !(BOUNDARY.contains(&w.as_str()) || SUBORDINATORS.contains(&w.as_str()))
        } else {
            np_lower_ok(lex, &w, toks.get(i))
        };
        if !ok {
            break;
        }
        start = Some(i - 1);
        count += 1;
        i -= 1;
        // A determiner ends the phrase unless a preposition links it to a head before it
        // ("people familiar with the matter", "a spokesman for the company").
        let linked = i >= 2
            && matches!(
                lower_at(toks, i - 1).as_str(),
                "of" | "for" | "with" | "at" | "from" | "to" | "in" | "on" | "by"
            )
            && toks
                .get(i - 2)
                .is_some_and(|p| is_word(p) && !BOUNDARY.contains(&lower(p).as_str()));
        if DETERMINERS.contains(&w.as_str())
            && !matches!(w.as_str(), "senior" | "top" | "other")
            && !linked
        {
            break;
        }
        if PRONOUNS.contains(&w.as_str()) {
            break;
        }
    }
    start
}

/// Is the phrase `s..end` marked as a noun phrase that can speak?
fn np_marked(toks: &[Tok], s: usize, end: usize, lex: &Lexicon, loose: bool) -> bool {
    // A determiner or quantifier opening the phrase marks a noun phrase ("the poll",
    // "his aides", "many", "two in three"); so does a number or a plural head.
    let first = lower_at(toks, s);
    let last = lower_at(toks, end - 1);
    if loose
        && (DETERMINERS.contains(&first.as_str())
            || QUANTIFIERS.contains(&first.as_str())
            || QUANTIFIERS.contains(&last.as_str())
            || prev_tok(toks, end).is_some_and(|t| t.text.chars().all(|c| c.is_ascii_digit())))
    {
        return true;
    }
    // An NP must contain a capitalised word, a role noun, a pronoun or an unnamed-source phrase head.
    toks.get(s..end).unwrap_or_default().iter().any(|t| {
        let w = lower(t);
        (is_cap(t) && !matches!(w.as_str(), "the" | "a" | "an"))
            || is_role(lex, &w)
            || PRONOUNS.contains(&w.as_str())
            || matches!(
                w.as_str(),
                "company"
                    | "firm"
                    | "group"
                    | "government"
                    | "ministry"
                    | "newspaper"
                    | "paper"
                    | "article"
                    | "union"
                    | "police"
                    | "insiders"
                    | "critics"
                    | "poll"
                    | "polls"
                    | "polling"
                    | "survey"
                    | "surveys"
                    | "study"
                    | "studies"
                    | "data"
                    | "records"
                    | "research"
                    | "analysis"
            )
    })
}

/// Extends a speaker NP at `s` leftwards over an appositive: in
/// "Hugh Hill, a doctor, said" the NP before the cue is "a doctor"; the
/// speaker is "Hugh Hill".
fn appositive_head(toks: &[Tok], s: usize, lex: &Lexicon) -> Option<(usize, usize)> {
    // toks[s-1] must be a comma, and before it a capitalised name.
    if s < 2 || text_at(toks, s - 1) != "," {
        return None;
    }
    let first = lower_at(toks, s);
    let descriptive =
        DETERMINERS.contains(&first.as_str()) || !cap_at(toks, s) || lex.roles.contains_key(&first);
    if !descriptive {
        return None;
    }
    let name_end = s - 1;
    let mut k = name_end;
    while prev_tok(toks, k).is_some_and(|t| is_cap(t) || matches!(t.text, "-" | "." | "&")) {
        k -= 1;
    }
    (k < name_end && cap_at(toks, k)).then_some((k, name_end))
}

/// Is `toks[i]` the full stop of a short capitalised title inside a name
/// ("Mr. Obama", "Rep. Jim Jordan", "Dr. Oz")?
pub fn title_stop(toks: &[Tok], i: usize) -> bool {
    text_at(toks, i) == "."
        && prev_tok(toks, i).is_some_and(|t| is_cap(t) && t.text.chars().count() <= 4)
        && toks.get(i + 1).is_some_and(is_cap)
}

/// Result of a speaker search: token range and the sieve name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub first: usize,
    pub last: usize,
    pub rule: &'static str,
}

/// "All the experts I interviewed said", "the residents we spoke to told": a
/// noun phrase with a relative clause that has no relative pronoun (a subject
/// pronoun, a verb, perhaps a preposition) right before the cue; the speaker
/// is the noun phrase.
fn zero_relative(toks: &[Tok], end: usize, lex: &Lexicon) -> Option<Found> {
    let mut k = end;
    if prev_tok(toks, k).is_some_and(|t| matches!(lower(t).as_str(), "to" | "with" | "about")) {
        k -= 1;
    }
    let verb = prev_tok(toks, k)?;
    let vw = lower(verb);
    if !is_word(verb)
        || is_cap(verb)
        || AUX.contains(&vw.as_str())
        || PRONOUNS.contains(&vw.as_str())
    {
        return None;
    }
    k -= 1;
    let pronoun = lower(prev_tok(toks, k)?);
    if !matches!(pronoun.as_str(), "i" | "we" | "you" | "they" | "he" | "she") {
        return None;
    }
    k -= 1;
    let head = prev_tok(toks, k)?;
    let hw = lower(head);
    if !is_word(head)
        || AUX.contains(&hw.as_str())
        || PRONOUNS.contains(&hw.as_str())
        || BOUNDARY.contains(&hw.as_str())
        || lex.stopwords.contains(&hw)
    {
        return None;
    }
    let first = np_scan(toks, k, lex, true)?;
    Some(Found {
        first,
        last: k,
        rule: "zero-relative-subject",
    })
}

/// Does WordNet know `w` as a verb and never as a noun ("taken", "written";
/// not "women", "golden")?
fn verb_not_noun(w: &str) -> bool {
    use crate::relate::wordnet::{Pos, WordNet};
    let pos = WordNet::builtin().pos_of(w);
    pos.contains(Pos::Verb) && !pos.contains(Pos::Noun)
}

/// Finds the subject of a cue at token `cue` from the tokens before it.
pub fn left(toks: &[Tok], cue: usize, lex: &Lexicon) -> Option<Found> {
    let mut end = skip_adjuncts_back(toks, cue);
    // "A report released last year found": a participle before a skipped
    // adjunct is a reduced relative on the subject, no part of its head.
    if end < cue && end >= 2 {
        if let Some([prev, last]) = toks.get(end - 2..end) {
            let w = lower(last);
            let pw = lower(prev);
            // ("released", "taken": an -en form only when WordNet knows it as a
            // verb and no noun)
            let participle =
                (w.ends_with("ed") || (w.ends_with("en") && verb_not_noun(&w))) && !is_cap(last);
            let after_noun = is_word(prev)
                && !AUX.contains(&pw.as_str())
                && !PRONOUNS.contains(&pw.as_str())
                && !BOUNDARY.contains(&pw.as_str());
            if participle && after_noun {
                end -= 1;
            }
        }
    }
    let w = lower(prev_tok(toks, end)?);
    if let Some(f) = partitive_group(toks, end, &w, lex) {
        return Some(f);
    }
    if let Some(f) = zero_relative(toks, end, lex) {
        return Some(f);
    }
    if PRONOUNS.contains(&w.as_str()) && w != "who" {
        return Some(Found {
            first: end - 1,
            last: end,
            rule: "pronoun-subject",
        });
    }
    if w == "who" || w == "which" || w == "that" {
        // Relative clause: "unnamed sources who said".
        // ("who want to …": an infinitive after the cue is no report, so its
        // unmarked head is not looked for)
        let report = toks.get(cue + 1).is_none_or(|t| lower(t) != "to");
        return relative_head(
            toks,
            skip_adjuncts_back(toks, end - 1),
            lex,
            w == "who" && report,
        );
    }
    if w == "and" || w == "but" {
        return None; // coordinated verb: the caller resolves it from the clause subject
    }
    // "Hugh Hill, a doctor, said": an appositive is closed by a comma before the cue.
    let closed = toks
        .get(end..cue)
        .unwrap_or_default()
        .iter()
        .any(|t| t.text == ",");
    let Some(s) = np_scan(toks, end, lex, !closed) else {
        return restrictive_relative(toks, end, lex)
            .or_else(|| closed.then(|| aside_subject(toks, end, lex)).flatten())
            .or_else(|| clause_start_subject(toks, end, lex));
    };
    // "Ruth Vale, who chairs the committee, said": the phrase before the cue ends a
    // relative clause; the speaker is the name before it.
    if closed {
        if let Some(open) = (0..s).rev().find(|&k| text_at(toks, k) == ",") {
            let rel = toks
                .get(open + 1)
                .is_some_and(|t| matches!(lower(t).as_str(), "who" | "whose" | "which"));
            if !rel {
                if let Some(f) = name_before_appositive(toks, open) {
                    return Some(f);
                }
            }
            let open = skip_identity_back(toks, open);
            let k = name_start(toks, open);
            if rel && k < open && cap_at(toks, k) {
                return Some(Found {
                    first: k,
                    last: open,
                    rule: "name-before-clause",
                });
            }
        }
    }
    // "The Asahi Shimbun, citing unnamed sources, reported": a participial aside.
    if closed && s >= 3 && text_at(toks, s - 1).ends_with("ing") && text_at(toks, s - 2) == "," {
        if let Some((a, b)) = appositive_head(toks, s - 1, lex) {
            return Some(Found {
                first: a,
                last: b,
                rule: "appositive-subject",
            });
        }
    }
    if let Some((a, b)) = appositive_head(toks, s, lex).filter(|_| closed) {
        return Some(Found {
            first: a,
            last: b,
            rule: "appositive-subject",
        });
    }
    if closed {
        if let Some(f) = aside_subject(toks, end, lex) {
            return Some(f);
        }
    }
    Some(Found {
        first: s,
        last: end,
        rule: "subject-before-cue",
    })
}

/// The name ending the phrase `f` right after a lower-case common noun: "In a
/// radio interview Trump declared" (a fronted phrase without its comma) gives
/// "Trump"; "on the Mall" and "for her upcoming Apple Music" give nothing.
pub fn name_ending_phrase(toks: &[Tok], tags: &[Upos], f: Found) -> Option<Found> {
    let k = name_start(toks, f.last);
    let before = toks.get(k.checked_sub(1)?)?;
    (k > f.first
        && k < f.last
        && is_word(before)
        && !is_cap(before)
        && tags.get(k - 1) == Some(&Upos::Noun))
    .then_some(Found {
        first: k,
        last: f.last,
        rule: f.rule,
    })
}

/// Steps back from the comma `open` over the asides that say who a named person
/// is: an age and a home town ("Ann Lee, 59, of Ashton, Md., who …"). Returns
/// the comma after the name, or `open`.
fn skip_identity_back(toks: &[Tok], open: usize) -> usize {
    let mut open = open;
    loop {
        let before = open;
        // ", 59,"
        if open >= 2
            && toks
                .get(open - 1)
                .is_some_and(|t| !t.text.is_empty() && t.text.bytes().all(|b| b.is_ascii_digit()))
            && text_at(toks, open - 2) == ","
        {
            open -= 2;
        }
        // ", of Ashton," or ", of Ashton, Md.," (a state's abbreviation keeps its stop)
        let abbrev_stop = |end: usize| {
            if end >= 2 && text_at(toks, end - 1) == "." && cap_at(toks, end - 2) {
                end - 1
            } else {
                end
            }
        };
        let mut k = name_start(toks, abbrev_stop(open));
        if k >= 3 && k < open && text_at(toks, k - 1) == "," {
            let j = name_start(toks, abbrev_stop(k - 1));
            if j < k - 1 && j >= 2 && lower_at(toks, j - 1) == "of" && text_at(toks, j - 2) == "," {
                k = j;
            }
        }
        if k >= 2 && k < open && lower_at(toks, k - 1) == "of" && text_at(toks, k - 2) == "," {
            open = k - 2;
        }
        if open == before {
            return open;
        }
    }
}

/// Where the run of capitalised words (titles' full stops included, and a
/// lower-case "of", "and", "for" or "&" between two of them) ending at token
/// `end` starts; `end` itself when none precedes it.
fn name_start(toks: &[Tok], end: usize) -> usize {
    let mut k = end;
    loop {
        if k > 0 && (cap_at(toks, k - 1) || title_stop(toks, k - 1)) {
            k -= 1;
        } else if k >= 2
            && k < end
            && matches!(lower_at(toks, k - 1).as_str(), "of" | "and" | "for" | "&")
            && cap_at(toks, k - 2)
        {
            // A name's own connective between capitalised words: "Citizenship and
            // Immigration Services", "Bank of England".
            k -= 2;
        } else {
            return k;
        }
    }
}

/// The nearest comma within 15 tokens before token `i`, with no other
/// punctuation between.
fn comma_before(toks: &[Tok], i: usize) -> Option<usize> {
    (i.saturating_sub(15)..i)
        .rev()
        .take_while(|&k| {
            toks.get(k)
                .is_some_and(|t| t.kind != TokKind::Punct || t.text == ",")
        })
        .find(|&k| text_at(toks, k) == ",")
}

/// "Dr Ingrid Solberg, a plant pathologist at X who has measured …, said": an
/// appositive noun phrase (with its own relative clause) opens at the comma
/// `open`, after a name that opens the clause ("In March, a spokesman said" has
/// no name there).
fn name_before_appositive(toks: &[Tok], open: usize) -> Option<Found> {
    let det = |i: usize| {
        toks.get(i + 1)
            .is_some_and(|t| matches!(lower(t).as_str(), "a" | "an" | "the"))
    };
    // A bare role noun opens an appositive too ("Leonard Burman, director of the
    // Tax Policy Center and a professor at Syracuse, said"), but only the first
    // one, right after the name.
    let opens_appositive = |i: usize| {
        det(i)
            || toks.get(i + 1).is_some_and(|t| {
                t.kind == TokKind::Word && t.text.starts_with(|c: char| c.is_lowercase())
            })
    };
    // Appositives may follow one another ("X, the foreign minister of France, a
    // permanent member of the council, said"): step back over each one.
    let mut open = open;
    for _ in 0..3 {
        let prev = comma_before(toks, open);
        match prev {
            Some(p) if det(open) && det(p) => open = p,
            _ => break,
        }
    }
    let det = opens_appositive(open);
    // "Rep. Ann Lee (D-Ore.), a panel member, said": the name's parenthetical.
    let name_end = skip_parenthetical_back(toks, open);
    let k = name_start(toks, name_end);
    let opens_clause = k == 0 || prev_tok(toks, k).is_some_and(|t| t.kind == TokKind::Punct);
    (det && opens_clause
        && k < name_end
        && cap_at(toks, k)
        && !FRONTED.contains(&lower_at(toks, k).as_str()))
    .then_some(Found {
        first: k,
        last: name_end,
        rule: "name-before-appositive",
    })
}

/// "Kinora Media, the streaming service behind the drama The Saltmarsh Years, said",
/// "Two officials, speaking on condition of anonymity, said": a whole aside sits
/// between two commas before the cue. It opens with a determiner, a possessive,
/// a participle or a relative pronoun; the speaker is the phrase before it.
fn aside_subject(toks: &[Tok], end: usize, lex: &Lexicon) -> Option<Found> {
    let open = (0..end).rev().take(24).find(|&k| text_at(toks, k) == ",")?;
    if toks
        .get(open + 1..end)
        .unwrap_or_default()
        .iter()
        .any(|t| t.kind == TokKind::Punct && !matches!(t.text, "-" | "'" | "’" | "&" | "." | "/"))
    {
        return None;
    }
    let first = lower(toks.get(open + 1)?);
    let opens_aside = DETERMINERS.contains(&first.as_str())
        || matches!(
            first.as_str(),
            "who" | "whose" | "which" | "its" | "their" | "his" | "her"
        )
        || (first.ends_with("ing") && first.len() > 4)
        // a participle phrase: "The report, published on Wednesday, found"
        || (first.ends_with("ed") && first.len() > 4);
    if !opens_aside {
        return None;
    }
    // "Rep. Ann Lee (D-Ore.), a panel member, said": the name's parenthetical.
    let name_end = skip_parenthetical_back(toks, open);
    let s = np_scan(toks, name_end, lex, true)?;
    // The phrase before the aside must start its clause (nothing but an opener before it).
    let clause_start = s == 0
        || matches!(
            text_at(toks, s - 1),
            "," | ";" | ":" | "“" | "”" | "\"" | "—"
        );
    clause_start.then_some(Found {
        first: s,
        last: name_end,
        rule: "aside-subject",
    })
}

/// Words that open a fronted adverbial ("In Iowa, …", "Meanwhile, …"), not a subject.
const FRONTED: &[&str] = &[
    "in",
    "on",
    "at",
    "among",
    "of",
    "for",
    "across",
    "like",
    "unlike",
    "with",
    "from",
    "by",
    "during",
    "overall",
    "still",
    "yet",
    "meanwhile",
    "now",
    "instead",
    "separately",
    "similarly",
    "likewise",
    "however",
    "already",
];

/// Words that cannot sit inside a subject noun phrase: verbs' auxiliaries, clause openers.
const NOT_IN_SUBJECT: &[&str] = &[
    "is", "was", "were", "are", "be", "been", "being", "has", "have", "had", "will", "would",
    "can", "could", "should", "may", "might", "must", "shall", "did", "does", "do", "not", "that",
    "which", "whether", "if", "because", "when", "while", "although", "though", "since", "as",
    "after", "before", "until", "so", "than", "where", "once", "unless", "but", "he", "she",
    "they", "we", "i", "you", "it", "there", "said", "says", "say", "told", "to", "what", "who",
    "whom", "why", "how", "this", "these", "those",
];

/// The whole stretch from the start of the clause to the cue, when it holds no verb:
/// "Her advisers and allies say", "Many speakers at the service — including … — said",
/// "Among likely voters, about two-thirds, 67 percent, say". A fronted adverbial
/// ("In Iowa, …") is left out.
fn clause_start_subject(toks: &[Tok], end: usize, lex: &Lexicon) -> Option<Found> {
    // The phrase runs right up to the cue: a comma or quote before it marks an inverted
    // attribution ("…,” said X) or an aside, not a subject.
    // A closing dash is fine when it closes an aside ("Farmers — and some grocers — say").
    let last_tok = prev_tok(toks, end)?;
    let closing_dash = matches!(last_tok.text, "—" | "–")
        && toks
            .iter()
            .take(end - 1)
            .any(|t| matches!(t.text, "—" | "–"));
    if last_tok.kind == TokKind::Punct && last_tok.text != ")" && !closing_dash {
        return None;
    }
    let mut start = crate::segment::dateline_tokens(toks);
    while start < end
        && toks.get(start).is_some_and(|t| {
            t.kind == TokKind::Punct && matches!(t.text, "—" | "–" | "-" | "•" | "*")
        })
    {
        start += 1;
    }
    if start >= end || end - start > 25 {
        return None;
    }
    // A fronted adverbial ends at the first comma: "Among likely voters, …", "In Iowa, …".
    let first = lower_at(toks, start);
    if FRONTED.contains(&first.as_str())
        && !(first == "at" && toks.get(start + 1).is_some_and(|t| lower(t) == "least"))
    {
        let comma = (start..end).find(|&k| text_at(toks, k) == ",")?;
        start = comma + 1;
    }
    while start < end && toks.get(start).is_some_and(|t| t.kind == TokKind::Punct) {
        start += 1;
    }
    if start >= end {
        return None;
    }
    let mut last = end;
    while last > start
        && prev_tok(toks, last).is_some_and(|t| t.kind == TokKind::Punct && t.text != ")")
    {
        last -= 1;
    }
    if last <= start {
        return None;
    }
    if SUBORDINATORS.contains(&lower_at(toks, start).as_str()) {
        return None;
    }
    let mut words = 0;
    for (k, t) in toks.get(start..last).unwrap_or_default().iter().enumerate() {
        let w = lower(t);
        if t.kind == TokKind::Punct {
            if matches!(
                t.text,
                "\"" | "“" | "”" | "‘" | "’" | "'" | ":" | ";" | "?" | "!" | "." | "…"
            ) && !(t.text == "." && title_stop(toks, start + k))
                && !(t.text == "."
                    && (start + k > 0 && lex.abbreviations.contains(text_at(toks, start + k - 1))
                        || toks
                            .get(start + k + 1)
                            .is_some_and(|n| matches!(n.text, ")" | ","))))
                && !matches!(t.text, "'" | "’")
            {
                return None;
            }
            continue;
        }
        words += 1;
        if NOT_IN_SUBJECT.contains(&w.as_str()) {
            return None;
        }
        // A verb inside: a lowercase cue word, or a past form not right before the cue.
        if !is_cap(t) && lex.cues.contains_key(&w) && !lex.roles.contains_key(&w) {
            return None;
        }
        if !is_cap(t) && w.ends_with("ed") && start + k + 1 < last && !is_role(lex, &w) {
            return None;
        }
        if !is_cap(t) && w.ends_with("ing") && w != "including" && !is_role(lex, &w) {
            return None;
        }
    }
    (words >= 1).then_some(Found {
        first: start,
        last,
        rule: "clause-start-subject",
    })
}

/// "A senior official who spoke on condition of anonymity said": the head noun
/// before a restrictive relative clause that ends right before the cue.
fn restrictive_relative(toks: &[Tok], end: usize, lex: &Lexicon) -> Option<Found> {
    let lo = end.saturating_sub(12);
    let w = (lo..end)
        .rev()
        .find(|&k| matches!(lower_at(toks, k).as_str(), "who" | "that"))?;
    if w == 0
        || toks
            .get(w..end)
            .unwrap_or_default()
            .iter()
            .any(|t| t.kind == TokKind::Punct)
    {
        return None;
    }
    relative_head(toks, w, lex, lower_at(toks, w) == "who")
}

/// The head of a relative clause that starts at token `w`: the noun phrase
/// before it, or the name an appositive holding that noun phrase belongs to
/// ("Dr Ingrid Solberg, a plant pathologist at the University of Coldharbour
/// who has measured …, said": the relative hangs on a noun inside the
/// appositive, whose comma is further back). "who" says the head is a person or a
/// group of people, so it needs no other mark ("the farmers, who said …").
fn relative_head(toks: &[Tok], w: usize, lex: &Lexicon, who: bool) -> Option<Found> {
    let s = np_extent(toks, w, lex)?;
    let (s, w) = if np_marked(toks, s, w, lex, false) {
        (s, w)
    } else if who {
        // Unmarked, the phrase is the nearest one whose head names people
        // (WordNet): "appointments for [women] who want …", "[assistants] on the
        // trading floor who flirt …"; none, no speaker ("the 1 percent who …").
        let prep = |k: usize| linking_preposition(&lower_at(toks, k));
        let wn = crate::relate::wordnet::WordNet::builtin();
        let head = (s..w)
            .rev()
            .find(|&k| wn.names_person(&lower_at(toks, k)))?;
        let first = (s..head).rev().find(|&k| prep(k)).map_or(s, |k| k + 1);
        (first, head + 1)
    } else {
        return None;
    };
    let s = Some(s).filter(|&s| {
        // Not a determiner or quantifier alone ("those who fear …", "one who said").
        toks.get(s..w).unwrap_or_default().iter().any(|t| {
            let l = lower(t);
            is_word(t)
                && !DETERMINERS.contains(&l.as_str())
                && !QUANTIFIERS.contains(&l.as_str())
                && !PRONOUNS.contains(&l.as_str())
                && l != "ones"
        })
    })?;
    let open = comma_before(toks, s);
    if let Some(f) = open.and_then(|o| name_before_appositive(toks, o)) {
        return Some(f);
    }
    Some(Found {
        first: s,
        last: w,
        rule: "relative-clause-subject",
    })
}

/// "95 retired generals -- most of whom had announced": the group before a
/// partitive relative ("most of whom", "some of which") ending at `end` (its
/// last word `w`, lowercased) is the speaker.
fn partitive_group(toks: &[Tok], end: usize, w: &str, lex: &Lexicon) -> Option<Found> {
    if !(matches!(w, "whom" | "which") && end >= 4 && lower_at(toks, end - 2) == "of") {
        return None;
    }
    let q = end - 3;
    let sep = text_at(toks, q - 1);
    if matches!(sep, "," | "-" | "\u{2014}" | "\u{2013}" | "(") {
        let mut head_end = q - 1;
        while head_end > 0 && matches!(text_at(toks, head_end - 1), "-" | "\u{2014}") {
            head_end -= 1;
        }
        // The group: the words before the separator, back to a verb,
        // preposition or punctuation ("endorsements from [95 retired
        // generals and admirals]", "wrote to [40 landlords]").
        let mut s = head_end;
        while s > 0 && head_end - s < 8 {
            let Some(t) = toks.get(s - 1) else {
                break;
            };
            let lw = lower(t);
            // "9/11 victims": a slash between two words joins them.
            let joiner = t.text == "/" && s >= 2 && word_at(toks, s - 2);
            // "The law angered [family members]": an -ed word after a noun is
            // the verb; after a number or determiner, an adjective ("95
            // retired generals").
            let ed_verb = lw.ends_with("ed")
                && s >= 2
                && !{
                    let p = lower_at(toks, s - 2);
                    p.chars().all(|c| c.is_ascii_digit())
                        || DETERMINERS.contains(&p.as_str())
                        || matches!(p.as_str(), "and" | "of" | ",")
                };
            let stop = ed_verb
                || !is_word(t) && !joiner
                || (BOUNDARY.contains(&lw.as_str()) && lw != "and")
                || AUX.contains(&lw.as_str())
                || matches!(lw.as_str(), "from" | "with" | "for" | "at" | "by" | "among")
                || lex.cues.contains_key(&lw);
            if stop {
                break;
            }
            s -= 1;
        }
        if s < head_end && lower_at(toks, s) != "and" {
            return Some(Found {
                first: s,
                last: head_end,
                rule: "partitive-relative",
            });
        }
    }
    None
}

/// "Name, a role, said" where the cue follows a comma that closes an appositive or
/// relative clause: finds the name before the opening comma.
pub fn left_over_clause(toks: &[Tok], cue: usize) -> Option<Found> {
    // The clause's closing comma before the cue, its opening comma before that,
    // and the asides of age and home town before it ("Ann Lee, 59, of Ashton,
    // who …, said").
    let close = (0..cue).rev().find(|&i| text_at(toks, i) == ",")?;
    let open = (0..close).rev().find(|&i| text_at(toks, i) == ",")?;
    let open = skip_identity_back(toks, open);
    let mut k = open;
    while prev_tok(toks, k).is_some_and(|t| is_cap(t) || matches!(t.text, "-" | ".")) {
        k -= 1;
    }
    (k < open && cap_at(toks, k)).then_some(Found {
        first: k,
        last: open,
        rule: "name-before-clause",
    })
}

/// Finds the speaker after an inverted cue ("said Jane Roe, a lawyer") or "according to X".
pub fn right(toks: &[Tok], after: usize, lex: &Lexicon) -> Option<Found> {
    right_scan(toks, after, lex, false)
}

/// The object of "according to": any noun phrase is a source ("according to the poll").
pub fn right_any(toks: &[Tok], after: usize, lex: &Lexicon) -> Option<Found> {
    right_scan(toks, after, lex, true)
}

fn right_scan(toks: &[Tok], after: usize, lex: &Lexicon, any: bool) -> Option<Found> {
    let mut i = after;
    let mut last = None;
    while let Some(t) = toks.get(i).filter(|_| i < after + 12) {
        let w = lower(t);
        if t.kind == TokKind::Punct {
            if matches!(t.text, "-" | "'" | "’" | "&") || title_stop(toks, i) {
                i += 1;
                continue;
            }
            break;
        }
        if i > after
            && matches!(
                w.as_str(),
                "that"
                    | "who"
                    | "which"
                    | "when"
                    | "as"
                    | "because"
                    | "and"
                    | "but"
                    | "on"
                    | "in"
                    | "told"
                    | "to"
                    | "after"
                    | "is"
                    | "was"
                    | "were"
                    | "has"
                    | "had"
                    | "would"
                    | "will"
                    | "could"
                    | "can"
                    | "should"
                    | "might"
                    | "may"
            )
        {
            break;
        }
        // A complementiser right after the cue opens the content, not a speaker; a
        // subordinator, a preposition or a time word opens an adjunct ("said before
        // he died", "said Tuesday", "said in a statement").
        if i == after
            && (matches!(
                w.as_str(),
                "that" | "whether" | "if" | "how" | "what" | "why"
            ) || SUBORDINATORS.contains(&w.as_str())
                || FRONTED.contains(&w.as_str())
                || WEEKDAYS.contains(&w.as_str())
                || TIME_NOUNS.contains(&w.as_str())
                || crate::normalise::time::is_month(t.text))
        {
            return None;
        }
        // (a cue word after a determiner is a noun: "people familiar with the plans")
        let after_determiner = i > after
            && toks
                .get(i - 1)
                .is_some_and(|p| DETERMINERS.contains(&lower(p).as_str()));
        if i > after
            && lex.cues.contains_key(&w)
            && !lex.roles.contains_key(&w)
            && !is_cap(t)
            && !after_determiner
        {
            break;
        }
        last = Some(i);
        i += 1;
    }
    let l = last?;
    let has_head = any
        || toks
            .get(after..=l)
            .unwrap_or_default()
            .iter()
            .any(|t| is_cap(t) || is_role(lex, &lower(t)) || PRONOUNS.contains(&lower(t).as_str()));
    has_head.then_some(Found {
        first: after,
        last: l + 1,
        rule: "speaker-after-cue",
    })
}

/// The subject of the clause a coordinated cue belongs to ("the company
/// confirmed X but stated Y"): the nearest noun phrase before an auxiliary or
/// a past-tense verb, or a name opening the sentence before a comma.
pub fn clause_subject(toks: &[Tok], cue: usize, lex: &Lexicon) -> Option<Found> {
    // (after a wire dateline: "PORT ESSLING, April 2 (BPA) - Corvane Air …")
    let d = crate::segment::dateline_tokens(toks);
    // A name followed by an appositive at the start of the sentence.
    if toks.len() > d + 2 && cap_at(toks, d) {
        let mut k = d;
        while k < cue
            && toks
                .get(k)
                .is_some_and(|t| is_cap(t) || matches!(t.text, "-" | "."))
        {
            k += 1;
        }
        if k < cue && text_at(toks, k) == "," && k > d && !lex.cues.contains_key(&lower_at(toks, d))
        {
            let w0 = lower_at(toks, d);
            // Not a fronted adverbial or subordinator ("Meanwhile, it attacked
            // Trump, saying …" has no subject "Meanwhile").
            if !(matches!(w0.as_str(), "it" | "there")
                || FRONTED.contains(&w0.as_str())
                || SUBORDINATORS.contains(&w0.as_str())
                || ADVERBS.contains(&w0.as_str()))
            {
                return Some(Found {
                    first: d,
                    last: k,
                    rule: "sentence-subject",
                });
            }
        }
    }
    let mut i = cue;
    while i > d + 1 {
        i -= 1;
        let w = lower_at(toks, i);
        // A cue word after a determiner or a possessive is a noun ("treating
        // Mrs. Clinton's remark"), no verb of the clause.
        let noun_use = prev_tok(toks, i)
            .is_some_and(|p| is_possessive(p) || DETERMINERS.contains(&lower(p).as_str()));
        let verbish = AUX.contains(&w.as_str())
            || (w.ends_with("ed") && !cap_at(toks, i))
            || lex.cues.contains_key(&w) && !noun_use;
        if verbish {
            let e = skip_adjuncts_back(toks, i);
            if e > 0 && e <= i {
                if let Some(s) = np_back(toks, e, lex) {
                    if let Some((a, b)) = appositive_head(toks, s, lex) {
                        return Some(Found {
                            first: a,
                            last: b,
                            rule: "clause-subject",
                        });
                    }
                    let w0 = lower_at(toks, s);
                    // "demonstrators, who took to the streets and called for …":
                    // a relative pronoun stands for the phrase before it.
                    if e == s + 1 && matches!(w0.as_str(), "who" | "which" | "that") {
                        return relative_head(toks, skip_adjuncts_back(toks, s), lex, w0 == "who");
                    }
                    if w0 != "it" && w0 != "there" {
                        return Some(Found {
                            first: s,
                            last: e,
                            rule: "clause-subject",
                        });
                    }
                }
            }
        }
    }
    None
}
