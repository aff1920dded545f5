//! Token-level helpers the sieves share: where a cue's content starts and ends,
//! what may follow an attribution, and content spans tidied.
//!
//! Takes: a sentence's tokens (byte spans of the body), token indices, quotations,
//! the lexicon. Gives: token indices (content start, clause end), yes/no answers
//! (is the rest of the sentence only an adjunct, a remark, an appositive, the
//! hearer of "told"?) and byte spans (tidied contents, a claim's kind by its
//! quoted words). Every index is checked against the token slice: no panics.

use super::cues::{COMPLEMENTISERS, PASSIVE};
use super::quotes::Quote;
use super::speaker::{self, lower};
use super::CueHit;
use crate::annotate::tagger::Upos;
use crate::lexicon::{Cue, Lexicon};
use crate::model::{ClaimKind, Span};
use crate::segment::{trim_span, Tok, TokKind};
use crate::text;

/// The first quotation opening between byte offsets `pos` and `limit`.
pub(super) fn quote_starting_at(quotes: &[Quote], pos: usize, limit: usize) -> Option<usize> {
    quotes.iter().position(|q| q.open >= pos && q.open <= limit)
}

/// Token `i` lowercased (`None` past the end).
fn lower_at(toks: &[Tok], i: usize) -> Option<String> {
    toks.get(i).map(lower)
}

/// "told CBS, “We are focused …”": an addressee noun phrase (at most five words,
/// tagged as determiners, adjectives, nouns or pronouns) closed by a comma or
/// colon and followed by an opening quotation mark. Gives the quotation mark's
/// token, where the content starts.
fn addressee_then_quote(toks: &[Tok], tags: &[Upos], i: usize) -> Option<usize> {
    let k = addressee_end(toks, tags, i);
    let closed = k > i && toks.get(k).is_some_and(|t| matches!(t.text, "," | ":"));
    let quote = toks
        .get(k + 1)
        .is_some_and(|t| matches!(t.text, "\"" | "\u{201c}"));
    (closed && quote).then_some(k + 1)
}

/// The addressee noun phrase of a tell-type cue (at most five words, as in
/// [`addressee_then_quote`]).
fn addressee_end(toks: &[Tok], tags: &[Upos], i: usize) -> usize {
    let mut k = i;
    while k < i + 5
        && toks.get(k).is_some_and(|t| t.kind == TokKind::Word)
        && matches!(
            tags.get(k),
            Some(Upos::Det | Upos::Adj | Upos::Noun | Upos::Propn | Upos::Pron)
        )
    {
        k += 1;
    }
    k
}

/// "told Lanz, who runs the club, that …", "told Lanz, the club's treasurer, that
/// …": an addressee noun phrase with an aside between commas (at most twelve
/// tokens, no clause-ending mark) before "that". Gives the token of "that".
fn addressee_aside_that(toks: &[Tok], tags: &[Upos], i: usize) -> Option<usize> {
    let k = addressee_end(toks, tags, i);
    if k == i || toks.get(k).map(|t| t.text) != Some(",") {
        return None;
    }
    let close = (k + 2..(k + 14).min(toks.len()))
        .take_while(|&j| {
            toks.get(j).is_some_and(|t| {
                !matches!(
                    t.text,
                    "." | ";" | ":" | "?" | "!" | "(" | ")" | "\"" | "\u{201c}" | "\u{201d}"
                )
            })
        })
        .find(|&j| toks.get(j).map(|t| t.text) == Some(","))?;
    let that = close + 1;
    (lower_at(toks, that).as_deref() == Some("that") && tags.get(that) == Some(&Upos::Sconj))
        .then_some(that)
}

/// Skips adjuncts and objects after a cue up to the complement: "on Monday", "to reporters (that)",
/// "told the newspaper (that)", ":" — returns the token index where the content (with its "that") starts.
pub(super) fn content_start(
    toks: &[Tok],
    tags: &[Upos],
    mut i: usize,
    cue: &Cue,
    lex: &Lexicon,
) -> usize {
    let n = toks.len();
    // Whatever lies between the cue and a complementiser "that" within eight
    // tokens, when it holds no verb and no clause-ending mark, is an adjunct or
    // an addressee: "said several months later that", "told a crowd of 3,000
    // supporters in Ohio that", "said, in a statement, that".
    let complementiser = (i..(i + 9).min(n))
        .take_while(|&k| {
            !matches!(tags.get(k), Some(Upos::Verb | Upos::Aux))
                && toks.get(k).is_some_and(|t| {
                    !matches!(
                        t.text,
                        "." | ";" | ":" | "?" | "!" | "\"" | "\u{201c}" | "\u{201d}" | "(" | ")"
                    )
                })
        })
        .find(|&k| {
            lower_at(toks, k).as_deref() == Some("that") && tags.get(k) == Some(&Upos::Sconj)
        });
    // (Not past an object noun phrase: "disputed the idea that", "repeated his
    // message that" keep their noun; a cue that takes an addressee skips it.)
    let object_first = matches!(
        tags.get(i),
        Some(Upos::Det | Upos::Noun | Upos::Propn | Upos::Pron)
    );
    let addressee = lex.directive_cues.contains(&cue.lemma);
    if let Some(k) = complementiser.filter(|_| !object_first || addressee) {
        return k;
    }
    // Adjuncts right after the cue: "on Monday", "in a statement", "in an interview".
    loop {
        let before = i;
        if toks
            .get(i)
            .is_some_and(|t| matches!(t.text, "," | ":" | "—" | "–"))
        {
            i += 1;
        }
        // A phrase opened by one of these prepositions that runs, within eight
        // words and no comma, to "that": "tweeted in the early morning hours
        // that …", "said in his first remarks since the vote that …".
        if lower_at(toks, i).is_some_and(|w| matches!(w.as_str(), "on" | "in" | "at" | "during")) {
            if let Some(k) = (i + 2..(i + 9).min(n))
                .take_while(|&k| toks.get(k).is_some_and(|t| t.kind == TokKind::Word))
                .find(|&k| lower_at(toks, k).as_deref() == Some("that"))
            {
                i = k;
                break;
            }
        }
        if i + 1 < n
            && lower_at(toks, i).is_some_and(|w| {
                matches!(
                    w.as_str(),
                    "on" | "in" | "at" | "during" | "late" | "early" | "last" | "this"
                )
            })
        {
            let mut k = i + 1;
            while let Some(t) = toks
                .get(k)
                .filter(|t| k < i + 5 && t.kind == TokKind::Word && lower(t) != "that")
            {
                let w = lower(t);
                k += 1;
                if w.ends_with("day")
                    || matches!(
                        w.as_str(),
                        "statement"
                            | "interview"
                            | "release"
                            | "conference"
                            | "briefing"
                            | "email"
                            | "letter"
                            | "filing"
                            | "week"
                            | "month"
                            | "year"
                            | "morning"
                            | "evening"
                            | "night"
                            | "afternoon"
                    )
                {
                    i = k;
                    // "on Sunday night", "on Monday morning".
                    while lower_at(toks, i).is_some_and(|w| {
                        matches!(w.as_str(), "morning" | "afternoon" | "evening" | "night")
                    }) {
                        i += 1;
                    }
                    break;
                }
            }
        }
        if lower_at(toks, i).is_some_and(|w| {
            matches!(
                w.as_str(),
                "monday"
                    | "tuesday"
                    | "wednesday"
                    | "thursday"
                    | "friday"
                    | "saturday"
                    | "sunday"
                    | "yesterday"
                    | "today"
                    | "tonight"
            )
        }) {
            i += 1;
        }
        if i == before {
            break;
        }
    }
    // Objects of tell-type verbs: "told reporters", "told the Asahi Shimbun".
    if matches!(
        cue.lemma.as_str(),
        "tell" | "warn" | "assure" | "remind" | "ask" | "inform" | "urge" | "advise"
    ) {
        let mut k = i;
        while k < i + 6
            && toks.get(k).is_some_and(|t| {
                t.kind == TokKind::Word && !COMPLEMENTISERS.contains(&lower(t).as_str())
            })
        {
            k += 1;
        }
        if k > i && lower_at(toks, k).is_some_and(|w| COMPLEMENTISERS.contains(&w.as_str())) {
            i = k;
        } else if let Some(q) =
            addressee_then_quote(toks, tags, i).or_else(|| addressee_aside_that(toks, tags, i))
        {
            i = q;
        } else if lower_at(toks, i).is_some_and(|w| {
            matches!(
                w.as_str(),
                "reporters"
                    | "journalists"
                    | "lawmakers"
                    | "investors"
                    | "analysts"
                    | "me"
                    | "us"
                    | "him"
                    | "her"
                    | "them"
            )
        }) {
            i += 1;
        }
    }
    // A longer adjunct before "that": "said on Jan. 5 that", "said in an interview with
    // CNN on Sunday that", "told reporters at the White House that".
    if lower_at(toks, i).is_some_and(|w| {
        matches!(
            w.as_str(),
            "on" | "in"
                | "at"
                | "during"
                | "to"
                | "while"
                | "after"
                | "last"
                | "this"
                | "earlier"
                | "late"
                | "early"
                | "from"
                | "via"
                | "through"
                | "over"
                | "before"
                | "when"
                | "with"
        )
    }) {
        let mut k = i + 1;
        while k < i + 14 {
            let Some(t) = toks.get(k) else {
                break;
            };
            let w = lower(t);
            if w == "that" {
                if toks
                    .get(k - 1)
                    .is_some_and(|p| p.kind == TokKind::Word || matches!(p.text, "," | "”" | "\""))
                {
                    i = k;
                }
                break;
            }
            if t.kind == TokKind::Punct && matches!(t.text, ";" | ":" | "(" | ")" | "—" | "–") {
                break;
            }
            if speaker::PRONOUNS.contains(&w.as_str()) && w != "who"
                || matches!(
                    w.as_str(),
                    "is" | "was"
                        | "were"
                        | "are"
                        | "has"
                        | "have"
                        | "had"
                        | "will"
                        | "would"
                        | "can"
                        | "could"
                        | "should"
                        | "may"
                        | "might"
                        | "must"
                        | "did"
                        | "does"
                        | "do"
                        | "which"
                        | "whether"
                        | "if"
                )
            {
                break;
            }
            k += 1;
        }
    }
    // The complementiser opens the content ("said that …" gives "that …"): the
    // reported clause is the whole complement, as PolNeAR annotates it.
    if toks.get(i).is_some_and(|t| matches!(t.text, "," | ":")) {
        i += 1;
    }
    i
}

/// Tokens where a reported clause ends: a following coordinated cue, a trailing attribution.
pub(super) fn clause_end(
    toks: &[Tok],
    from: usize,
    next_cues: &[CueHit],
    sent_end_tok: usize,
) -> usize {
    // A semicolon joins two independent clauses: the report ends at the first one.
    let mut end = (from..sent_end_tok)
        .find(|&k| toks.get(k).is_some_and(|t| t.text == ";"))
        .unwrap_or(sent_end_tok);
    // ", but …" / ", while …" opens the writer's own contrast, not more of the report.
    if let Some(k) = (from + 3..end).find(|&k| {
        toks.get(k).is_some_and(|t| t.text == ",")
            && toks.get(k + 1).is_some_and(|t| {
                matches!(
                    lower(t).as_str(),
                    "but" | "while" | "although" | "though" | "even"
                )
            })
    }) {
        end = k;
    }
    for nc in next_cues.iter().filter(|c| c.first >= from) {
        // "... but claimed that ...", "..., adding that ...", "... and said ..."
        let mut k = nc.first;
        while k > from
            && toks.get(k - 1).is_some_and(|t| {
                t.kind == TokKind::Word
                    && matches!(
                        lower(t).as_str(),
                        "also" | "then" | "later" | "has" | "had" | "have"
                    )
            })
        {
            k -= 1;
        }
        // ", saying …", ", according to …": a participle or "according" after a
        // comma opens an attribution of its own, whatever subject its search found.
        // (the comma may sit inside a closing quotation mark: `"New York values,"
        // stating …`)
        let participle_after_comma = k > from + 1
            && comma_at(toks, k - 1)
            && toks.get(nc.first).is_some_and(|t| {
                t.text.ends_with("ing") || matches!(lower(t).as_str(), "according")
            });
        let conjoined = k > from
            && lower_at(toks, k - 1).is_some_and(|w| match w.as_str() {
                "but" | "and" | "while" => true,
                "yet" => !yet_is_adverb(toks, k - 1),
                _ => false,
            });
        if conjoined || participle_after_comma {
            // A closing mark after the comma stays with the quotation it closes.
            let quote_closed = toks.get(k - 1).is_none_or(|t| t.text != ",") && !conjoined;
            end = end.min(if quote_closed { k } else { k - 1 });
        } else if let Some(f) = nc.subject.filter(|f| f.first > from + 1) {
            // "... , and he urged ...", "...; she added ...": a new clause with its own speaker.
            let Some(before) = toks.get(f.first - 1) else {
                continue;
            };
            let w = lower(before);
            let comma_and =
                w == "and" && f.first >= 2 && toks.get(f.first - 2).is_some_and(|t| t.text == ",");
            if matches!(w.as_str(), "but" | "while" | "yet" | "although" | "though")
                || comma_and
                || matches!(before.text, ";" | "—" | "–")
            {
                let mut e = f.first - 1;
                if e > from && toks.get(e - 1).is_some_and(|t| t.text == ",") {
                    e -= 1;
                }
                end = end.min(e);
            }
        }
    }
    end
}

/// Does a comma end at token `j`: "," itself, or a closing quotation mark right
/// after one (`"New York values,"`, the American placing)?
pub(super) fn comma_at(toks: &[Tok], j: usize) -> bool {
    toks.get(j).is_some_and(|t| t.text == ",")
        || (j > 0
            && toks
                .get(j)
                .is_some_and(|t| matches!(t.text, "\"" | "\u{201d}" | "''"))
            && toks.get(j - 1).is_some_and(|t| t.text == ","))
}

/// "yet" at `k` is the adverb of "had not yet decided", "has yet to", not the
/// conjunction of "..., yet claimed": a negation or an auxiliary comes before it.
fn yet_is_adverb(toks: &[Tok], k: usize) -> bool {
    let Some(prev) = k.checked_sub(1).and_then(|j| lower_at(toks, j)) else {
        return false;
    };
    prev.ends_with("n't")
        || prev.ends_with("n\u{2019}t")
        || matches!(
            prev.as_str(),
            "not" | "never" | "has" | "have" | "had" | "is" | "are" | "was" | "were" | "be"
        )
}

/// Where a second complement of the same report starts: "said that A(,) and
/// that B", "said A, but also that B". Gives the index of the comma or
/// coordinator that ends the first complement. "that" must open a clause of its
/// own (not "and that was that": a demonstrative before a verb).
pub(super) fn coordinated_complement(
    toks: &[Tok],
    tags: &[Upos],
    from: usize,
    end: usize,
) -> Option<usize> {
    (from + 2..end).find_map(|k| {
        let j = that_after_coordinator(toks, k).filter(|&j| j + 1 < end)?;
        // The tagger tells the complementiser (SCONJ) from the demonstrative
        // ("and that location is being treated as ...": DET).
        if tags.get(j) == Some(&Upos::Det)
            || matches!(tags.get(j + 1), Some(Upos::Verb | Upos::Aux) | None)
        {
            return None;
        }
        // Without "that" on the first complement, only a comma shows the
        // parallel ("said A was found, and that B"): "said a device was found and
        // that location is sealed" keeps its demonstrative.
        let before_comma = toks.get(k - 1).is_some_and(|t| t.text == ",");
        let parallel = word_is(toks, from, "that");
        // A determiner or pronoun after "that" cannot follow a demonstrative: "and
        // that every ballot would be counted", "and that it would appeal".
        let clause_next = matches!(tags.get(j + 1), Some(Upos::Det | Upos::Pron));
        if !parallel && !before_comma && !clause_next {
            return None;
        }
        Some(if before_comma { k - 1 } else { k })
    })
}

/// "and that", "but also that": with the coordinator at `k`, the index of the
/// "that" it joins (an "also" may stand between them).
pub(super) fn that_after_coordinator(toks: &[Tok], k: usize) -> Option<usize> {
    if !(word_is(toks, k, "and") || word_is(toks, k, "but")) {
        return None;
    }
    let j = if word_is(toks, k + 1, "also") {
        k + 2
    } else {
        k + 1
    };
    word_is(toks, j, "that").then_some(j)
}

/// Is the token at `i` the word `w` (in any case)?
fn word_is(toks: &[Tok], i: usize, w: &str) -> bool {
    toks.get(i).is_some_and(|t| t.text.eq_ignore_ascii_case(w))
}

/// The byte span of tokens `a..b`, if not empty and in range.
pub(super) fn span_of(toks: &[Tok], a: usize, b: usize) -> Option<Span> {
    let inner = toks.get(a..b)?;
    Some(Span::new(inner.first()?.start, inner.last()?.end))
}

/// Trims trailing sentence punctuation and commas from a content span.
pub(super) fn tidy_content(body: &str, s: usize, e: usize) -> Option<Span> {
    let (s, mut e) = trim_span(body, s, e);
    while e > s {
        let c = body.get(s..e)?.chars().next_back()?;
        if matches!(c, ',' | ';' | ':' | '—' | '–' | '-') || c.is_whitespace() {
            e -= c.len_utf8();
        } else {
            break;
        }
    }
    let (s, e) = trim_span(body, s, e);
    (e > s && text::slice(body, s, e).chars().any(char::is_alphanumeric)).then_some(Span::new(s, e))
}

/// Content covering whole quotes when a span cuts through one.
/// Extends `content` to the end of a one-paragraph quotation it cuts into and
/// gives the indices of the quotations it holds or cuts (for the caller to mark used).
pub(super) fn extend_into_quotes(quotes: &[Quote], content: &mut Span) -> Vec<usize> {
    let held = quotes_in(quotes, *content);
    for q in held.iter().filter_map(|&qi| quotes.get(qi)) {
        if q.end > content.end && q.last_para == q.first_para {
            content.end = q.end;
        }
    }
    held
}

pub(super) fn quotes_in(quotes: &[Quote], sp: Span) -> Vec<usize> {
    quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| q.start < sp.end && q.end > sp.start)
        .map(|(i, _)| i)
        .collect()
}

pub(super) fn kind_for(body: &str, quotes: &[Quote], pieces: &[Span]) -> ClaimKind {
    let total: usize = pieces
        .iter()
        .map(|p| text::slice(body, p.start, p.end).split_whitespace().count())
        .sum();
    let mut quoted = 0;
    for p in pieces {
        for q in quotes {
            let s = q.start.max(p.start);
            let e = q.end.min(p.end);
            if s < e {
                quoted += text::slice(body, s, e).split_whitespace().count();
            }
        }
    }
    if quoted == 0 {
        ClaimKind::Indirect
    } else if quoted * 10 >= total * 9 {
        ClaimKind::Direct
    } else {
        ClaimKind::Mixed
    }
}

/// Does an inverted speaker ("…, said Jane Roe") end where a speaker ends: at
/// punctuation, the end of the sentence or an adjunct ("said Roe on Monday")? A
/// phrase running into a verb ("…, says she will run") is the content's subject.
pub(super) fn inverted_speaker_ends(toks: &[Tok], last: usize, n_end: usize) -> bool {
    if last >= n_end {
        return true;
    }
    let Some(t) = toks.get(last) else {
        return true;
    };
    let w = lower(t);
    t.kind == TokKind::Punct
        || speaker::WEEKDAYS.contains(&w.as_str())
        || matches!(
            w.as_str(),
            "on" | "in"
                | "at"
                | "during"
                | "who"
                | "whose"
                | "which"
                | "after"
                | "before"
                | "as"
                | "when"
                | "while"
                | "told"
                | "late"
                | "early"
                | "last"
                | "this"
                | "earlier"
                | "yesterday"
                | "today"
        )
}

/// Is the rest of the sentence an appositive or relative clause about the speaker
/// ("…, said DeSantis, who was elected in 2012.", "…, she said, a former aide.")?
pub(super) fn trailing_appositive(rest: &[Tok], speaker_rule: &str, lex: &Lexicon) -> bool {
    let Some((comma, after)) = rest.split_first() else {
        return false;
    };
    let Some(next) = after.first() else {
        return false;
    };
    if comma.text != "," {
        return false;
    }
    let w = lower(next);
    let relative = matches!(w.as_str(), "who" | "whose" | "which");
    let descriptive = speaker_rule == "inverted-speaker"
        && (speaker::DETERMINERS.contains(&w.as_str()) || lex.roles.contains_key(&w));
    let has_cue = after
        .iter()
        .any(|t| t.kind == TokKind::Word && lex.cues.contains_key(&lower(t)));
    (relative || descriptive) && !has_cue
}

/// Is the rest of the sentence only the hearer of "told" ("…, an official told The
/// Times.", "…, he told reporters on Monday.")?
pub(super) fn tell_object_only(rest: &[Tok], lex: &Lexicon) -> bool {
    let words = rest.iter().filter(|t| t.kind == TokKind::Word).count();
    (1..=8).contains(&words)
        && rest.first().is_some_and(|t| t.kind == TokKind::Word)
        && !rest.iter().any(|t| {
            let w = lower(t);
            t.kind == TokKind::Word
                && (COMPLEMENTISERS.contains(&w.as_str())
                    || (lex.cues.contains_key(&w) && !speaker::is_cap(t))
                    || PASSIVE.contains(&w.as_str())
                    || speaker::PRONOUNS.contains(&w.as_str())
                        && !matches!(w.as_str(), "him" | "her" | "them" | "us" | "me"))
        })
}

/// Is the rest of the sentence only an adjunct ("in a statement", "on Monday")?
pub(super) fn trailing_adjunct(toks: &[Tok]) -> bool {
    let words: Vec<String> = toks
        .iter()
        .filter(|t| t.kind == TokKind::Word)
        .map(lower)
        .collect();
    if words.is_empty() || words.len() > 5 {
        return false;
    }
    // "believes in it", "agreed on that": a complement, not an adjunct.
    if words.len() == 2
        && words.get(1).is_some_and(|w| {
            matches!(
                w.as_str(),
                "it" | "them" | "him" | "her" | "us" | "me" | "this" | "that" | "you"
            )
        })
    {
        return false;
    }
    words.first().is_some_and(|w| {
        matches!(
            w.as_str(),
            "on" | "in" | "at" | "during" | "late" | "earlier" | "last" | "yesterday" | "today"
        ) || speaker::WEEKDAYS.contains(&w.as_str())
    }) && !words.iter().any(|w| w == "that")
}

/// After a postposed attribution: an adjunct that runs up to a comma ("on Sunday,
/// far more than first feared"), or a prepositional adjunct of up to twelve words
/// with no auxiliary, no subject pronoun and no "that" ("in a filing published on
/// Monday"). Either way, what follows the cue reports nothing of its own.
pub(super) fn trailing_remark(toks: &[Tok]) -> bool {
    if let Some(c) = toks.iter().position(|t| t.text == ",") {
        if c > 0 && toks.get(..c).is_some_and(trailing_adjunct) {
            return true;
        }
    }
    let words: Vec<String> = toks
        .iter()
        .filter(|t| t.kind == TokKind::Word)
        .map(lower)
        .collect();
    if words.is_empty() || words.len() > 12 || toks.iter().any(|t| t.text == ",") {
        return false;
    }
    if !words.first().is_some_and(|w| {
        matches!(
            w.as_str(),
            "in" | "on" | "at" | "during" | "through" | "via"
        )
    }) {
        return false;
    }
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let tags = crate::annotate::tagger::Tagger::builtin().tag(&refs);
    !tags.contains(&crate::annotate::tagger::Upos::Aux)
        && !words.iter().any(|w| {
            matches!(
                w.as_str(),
                "that" | "he" | "she" | "it" | "they" | "we" | "i" | "you" | "there"
            )
        })
}

/// Cuts a trailing phrase of the attribution's medium off a reported clause:
/// "… would close the plant in an interview with The Ledger on Friday" ends at
/// "plant". The phrase opens with "in", "during", "at" or "on", names a medium
/// (`[attribution_media]` of lexicon/content.txt) within four words, and what
/// follows it to `end` is only names, prepositions, determiners, numbers and
/// time words (no verb: "in the speech were false" stays). Three words of
/// content at least remain.
pub(super) fn trim_trailing_medium(
    toks: &[Tok],
    tags: &[Upos],
    from: usize,
    end: usize,
    lex: &Lexicon,
) -> usize {
    let opens = |k: usize| {
        lower_at(toks, k).is_some_and(|w| matches!(w.as_str(), "in" | "during" | "at" | "on"))
    };
    let Some(k) = (from + 3..end).rev().find(|&k| {
        opens(k)
            && (k + 1..end.min(k + 5))
                .any(|m| lower_at(toks, m).is_some_and(|w| lex.attribution_media.contains(&w)))
    }) else {
        return end;
    };
    let tail_ok = (k + 1..end).all(|m| {
        toks.get(m).is_some_and(|t| t.kind == TokKind::Punct)
            || matches!(
                tags.get(m),
                Some(
                    Upos::Propn
                        | Upos::Adp
                        | Upos::Det
                        | Upos::Num
                        | Upos::Adj
                        | Upos::Pron
                        | Upos::Part
                        | Upos::Cconj
                )
            )
            || lower_at(toks, m).is_some_and(|w| lex.attribution_media.contains(&w))
            || toks
                .get(m)
                .is_some_and(|t| crate::normalise::time::is_month_or_weekday(t.text))
            || (tags.get(m) == Some(&Upos::Noun)
                && !toks.get(m).is_some_and(|t| t.text.ends_with("ed")))
    });
    if !tail_ok {
        return end;
    }
    // Keep no comma before the phrase.
    let mut e = k;
    while e > from && toks.get(e - 1).is_some_and(|t| t.text == ",") {
        e -= 1;
    }
    e
}

/// Cuts ", X said" off the end of a reported clause.
pub(super) fn trim_trailing_attribution(
    toks: &[Tok],
    from: usize,
    end: usize,
    lex: &Lexicon,
) -> usize {
    // Find the last comma followed by a short NP + cue running to `end`, or by an
    // inverted cue and its speaker with an appositive (", said Mr. Barrett, the
    // lawyer for the state agency").
    let mut k = end;
    while k > from + 1 {
        k -= 1;
        // (Not a participle: ", insisting that …" continues the report.)
        let inverted = end - k <= 20
            && toks.get(k).is_some_and(|t| t.text == ",")
            && toks.get(k + 1).is_some_and(|t| {
                t.kind == TokKind::Word
                    && !t.text.ends_with("ing")
                    && lex.cues.contains_key(&lower(t))
            })
            && toks.get(k + 2).is_some_and(|t| {
                speaker::is_cap(t) || matches!(lower(t).as_str(), "the" | "a" | "an")
            });
        if inverted {
            return k;
        }
        if toks.get(k).is_some_and(|t| t.text == ",") && end - k <= 8 {
            // The cue closes the tail (", X said", ", X said on Monday"), and the comma is
            // not a thousands separator ("50,000").
            let tail_has_cue = toks
                .get(k + 1..end)
                .unwrap_or(&[])
                .iter()
                .rev()
                .take(4)
                .any(|t| lex.cues.contains_key(&lower(t)) && t.kind == TokKind::Word);
            let tail_first = lower_at(toks, (k + 1).min(end - 1)).unwrap_or_default();
            let digits = k > 0
                && toks
                    .get(k - 1)
                    .is_some_and(|t| t.text.chars().all(|c| c.is_ascii_digit()))
                && tail_first.chars().all(|c| c.is_ascii_digit());
            if tail_has_cue && !digits && !matches!(tail_first.as_str(), "and" | "but" | "that") {
                return k;
            }
        }
        if end - k > 20 {
            break;
        }
    }
    end
}

/// Drops a wire dateline ("TOKYO (ETW) - ") from the start of a content span.
pub(super) fn strip_dateline(body: &str, c: Span) -> Span {
    match crate::segment::dateline_end(text::slice(body, c.start, c.end)) {
        Some(e) if c.start + e < c.end => Span::new(c.start + e, c.end),
        _ => c,
    }
}

pub(super) fn strip_leading_quote_mark(body: &str, c: Span) -> Span {
    let t = text::slice(body, c.start, c.end);
    match t.chars().next() {
        Some(ch)
            if matches!(ch, '"' | '“' | '‘' | '«')
                && !text::from(t, ch.len_utf8()).contains(['"', '”', '’', '»']) =>
        {
            let (s, e) = trim_span(body, c.start + ch.len_utf8(), c.end);
            Span::new(s, e)
        }
        _ => c,
    }
}

/// Subordinators that make a cue's clause an adjunct of another one ("when X said …, …").
pub(crate) const SUBORDINATORS: &[&str] = &[
    "when", "after", "before", "as", "because", "since", "while", "if", "although", "though",
    "once", "until", "unless", "whereas",
];

/// A report inside a subordinate or relative clause ("When Clinton said …, the crowd …",
/// "Smith, who said …, is …") ends at the clause's first comma (not one inside "50,000").
pub(super) fn subordinate_end(
    toks: &[Tok],
    from: usize,
    end: usize,
    sp_first: usize,
    cue_first: usize,
) -> usize {
    let before = |k: usize| lower_at(toks, k.checked_sub(1)?);
    let sub = before(sp_first).is_some_and(|w| SUBORDINATORS.contains(&w.as_str()));
    // The cue inside a relative clause: "Smith, who said …", "Smith, who runs the
    // shelter and said …" (no comma closes the clause before the cue).
    let rel = (0..cue_first)
        .rev()
        .take_while(|&k| toks.get(k).is_some_and(|t| t.text != ","))
        .any(|k| lower_at(toks, k).is_some_and(|w| matches!(w.as_str(), "who" | "which")));
    // "While he acknowledged X was why he felt Y, Ham noted …": a cue anywhere in a
    // sentence-opening subordinate or participle clause, before its comma, is
    // inside it.
    let opening = toks
        .iter()
        .take(cue_first)
        .find(|t| t.kind == TokKind::Word)
        .is_some_and(|t| {
            let w = lower(t);
            // or a participle opening the sentence: "Writing for a panel that all
            // agreed X won, Barabak noted …"
            SUBORDINATORS.contains(&w.as_str())
                || (w.ends_with("ing") && w.chars().count() > 5)
                // or a preposition fronting a noun cue: "Contrary to his claim that
                // X, Y"; "Despite the ministry's assurance that X, Y"
                || matches!(w.as_str(), "contrary" | "despite" | "unlike" | "notwithstanding")
        })
        && toks.iter().take(cue_first).all(|t| t.text != ",");
    if !sub && !rel && !opening {
        return end;
    }
    let digits = |t: &Tok| t.text.chars().all(|c| c.is_ascii_digit());
    // A comma inside a list ("jets, helicopters and plants") does not close the clause.
    let in_list = |k: usize| {
        (k + 2..end.min(k + 5)).any(|j| {
            toks.get(j)
                .is_some_and(|t| t.text == "," || matches!(lower(t).as_str(), "and" | "or"))
        })
    };
    (from + 1..end)
        .find(|&k| {
            toks.get(k).is_some_and(|t| t.text == ",")
                && !(toks.get(k - 1).is_some_and(digits) && toks.get(k + 1).is_some_and(digits))
                && !in_list(k)
        })
        .unwrap_or(end)
}
