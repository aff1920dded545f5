//! The per-cue sieves, in the order `mod.rs` runs them.
//!
//! Takes: the [`Article`], a [`Sentence`] and one of its cues ([`CueAt`], with the
//! claims the sentence's earlier cues gave). Gives: the cue sieves and content
//! sieves an [`Outcome`] (next sieve, no claim, or the claim); the speaker sieves
//! a [`Speaker`] or nothing; [`attribute`] settles the speaker for the content
//! sieves ([`Attributed`]). Content sieves mark the quotations they take in
//! `used_quote` (one flag per quotation of the article), so that no later sieve
//! takes them again.

use super::clause::{
    clause_end, comma_at, content_start, coordinated_complement, extend_into_quotes,
    inverted_speaker_ends, kind_for, quote_starting_at, span_of, strip_dateline,
    strip_leading_quote_mark, subordinate_end, tell_object_only, that_after_coordinator,
    tidy_content, trailing_adjunct, trailing_appositive, trailing_remark,
    trim_trailing_attribution, trim_trailing_medium,
};
use super::cues::{prev_skipping_adverbs, PASSIVE};
use super::quotes::Quote;
use super::speaker::{self, lower, Found};
use super::{toks_span, Article, Attributed, CueAt, CueHit, Outcome, RawClaim, Sentence, Speaker};
use crate::annotate::tagger::Upos;
use crate::lexicon::{Lexicon, RoleKind};
use crate::model::{ClaimKind, Span};
use crate::segment::{self, Segmented, Tok, TokKind};
use crate::text;

/// The byte span of a speaker search's tokens.
fn found_span(toks: &[Tok], f: Found) -> Option<Span> {
    toks_span(toks, f.first, f.last)
}

/// Is token `i` the punctuation or word `text`?
fn tok_is(toks: &[Tok], i: usize, text: &str) -> bool {
    toks.get(i).is_some_and(|t| t.text == text)
}

/// Has a sieve taken quotation `qi`? (an index past the flags counts as taken)
fn quote_taken(used_quote: &[bool], qi: usize) -> bool {
    used_quote.get(qi).copied().unwrap_or(true)
}

/// Marks quotation `qi` as taken.
fn take_quote(used_quote: &mut [bool], qi: usize) {
    if let Some(u) = used_quote.get_mut(qi) {
        *u = true;
    }
}

/// Adds quotation `qi` to `pieces` and marks it as taken.
fn add_quote(pieces: &mut Vec<Span>, quotes: &[Quote], used_quote: &mut [bool], qi: usize) {
    pieces.extend(quotes.get(qi).map(|q| Span::new(q.start, q.end)));
    take_quote(used_quote, qi);
}

/// A speaker found in the sentence, under `rule`.
fn found(toks: &[Tok], f: Found, rule: &'static str) -> Speaker {
    Speaker {
        span: found_span(toks, f),
        rule,
        found: Some(f),
    }
}

/// A speaker span found without a token range of its own (the previous cue's
/// speaker, a coordinated clause's subject), under `rule`.
fn span_only(span: Span, rule: &'static str) -> Speaker {
    Speaker {
        span: Some(span),
        rule,
        found: None,
    }
}

// ---------------------------------------------------------------- cue sieves

/// `citing-aside`: "X, citing unnamed sources, reported …": the citing aside names a
/// conduit's sources, the clause's own cue carries the claim; this cue gives none.
pub(super) fn citing_aside(_art: &Article, s: &Sentence, cue: &CueAt) -> Outcome {
    let (toks, hit) = (s.toks, cue.hit);
    if matches!(hit.cue.lemma.as_str(), "cite" | "quote")
        && hit.first > 0
        && tok_is(toks, hit.first - 1, ",")
    {
        let aside_end = (hit.last..s.n_end.min(hit.last + 10)).find(|&k| tok_is(toks, k, ","));
        if aside_end.is_some_and(|k| s.cues.iter().any(|c| c.first == k + 1 || c.first == k + 2)) {
            return Outcome::Stop;
        }
    }
    Outcome::Next
}

/// `according-to`: "According to X, content." / "Content, according to X." with its
/// own speaker after the cue; a parenthetical "…, according to X, …" sits inside its
/// content, which goes on after it (a second piece).
pub(super) fn according_to(art: &Article, s: &Sentence, cue: &CueAt) -> Outcome {
    let (body, toks, hit, n_end) = (art.body, s.toks, cue.hit, s.n_end);
    if hit.cue.words.first().is_none_or(|w| w != "according") {
        return Outcome::Next;
    }
    let Some(f) = speaker::right_any(toks, hit.last, art.lex) else {
        return Outcome::Stop;
    };
    let content = if hit.first <= 2 {
        // "According to X, content."
        let mut cs = (f.last..n_end)
            .find(|&k| tok_is(toks, k, ","))
            .map(|k| k + 1)
            .unwrap_or(f.last);
        // "According to the report, published by the council on Tuesday, inspectors
        // found …": the participle's aside belongs to the speaker, not the content.
        let tags: &[Upos] = art.doc.tags.get(s.si).map_or(&[], Vec::as_slice);
        let aside = toks.get(cs).zip(tags.get(cs)).is_some_and(|(t, g)| {
            *g == Upos::Verb && t.text.chars().next().is_some_and(char::is_lowercase)
        }) && toks.get(cs + 1).is_some_and(|t| lower(t) == "by");
        if aside {
            if let Some(k) = (cs..n_end).find(|&k| tok_is(toks, k, ",")) {
                cs = k + 1;
            }
        }
        span_of(toks, cs, n_end)
    } else {
        let mut e = hit.first;
        if e > 0 && tok_is(toks, e - 1, ",") {
            e -= 1;
        }
        span_of(toks, 0, e)
    };
    let mut second: Option<Span> = None;
    let after_speaker = toks.get(f.last + 1..n_end).unwrap_or(&[]);
    if hit.first > 2
        && tok_is(toks, hit.first - 1, ",")
        && f.last < n_end
        && tok_is(toks, f.last, ",")
        && after_speaker
            .iter()
            .filter(|t| t.kind == TokKind::Word)
            .count()
            >= 3
        && !after_speaker
            .iter()
            .any(|t| matches!(lower(t).as_str(), "said" | "says" | "told"))
        // Nor the speaker's appositive, a noun phrase with no verb before its comma:
        // "according to Craig Bryan, head of the National Center for Veterans
        // Studies, and other scientists" (not "according to the group, the agency
        // has lost 300 inspectors").
        && !speaker_appositive(art, s, f.last + 1, n_end)
    {
        second = span_of(toks, f.last + 1, n_end).and_then(|c| tidy_content(body, c.start, c.end));
    }
    let Some(c) = content.and_then(|c| tidy_content(body, c.start, c.end)) else {
        return Outcome::Stop;
    };
    let mut pieces = vec![c];
    pieces.extend(second);
    let kind = kind_for(body, &art.quotes, &pieces);
    let speaker = (found_span(toks, f), f.rule);
    Outcome::claim(cue.claim(s, kind, pieces, speaker, "according-to"))
}

/// Do tokens `from..to` open an appositive of the speaker before them: a
/// determiner or a role noun first, and no finite verb up to the next comma?
fn speaker_appositive(art: &Article, s: &Sentence, from: usize, to: usize) -> bool {
    let opens = s.toks.get(from).is_some_and(|t| {
        let w = lower(t);
        matches!(w.as_str(), "a" | "an" | "the") || art.lex.roles.contains_key(&w)
    });
    // A participle may qualify the appositive's noun ("a former aide now
    // teaching at New York University"); a finite verb makes it a clause.
    opens
        && !(from..to)
            .take_while(|&k| s.toks.get(k).is_some_and(|t| t.text != ","))
            .any(|k| match art.doc.tag(s.si, k) {
                Upos::Aux => true,
                Upos::Verb => !s
                    .toks
                    .get(k)
                    .is_some_and(|t| t.text.ends_with("ing") || t.text.ends_with("ed")),
                _ => false,
            })
}

// ------------------------------------------------------------ speaker sieves

/// A participle after a comma ("…, saying that …") or a gerund after "by", "after"
/// or "before" ("began by saying …") belongs to the clause before it.
fn participle(s: &Sentence, hit: &CueHit) -> bool {
    s.toks
        .get(hit.first)
        .is_some_and(|t| t.text.ends_with("ing"))
        && hit.first > 0
        && (comma_at(s.toks, hit.first - 1)
            // a gerund of manner or time: "began by saying …", "after
            // admitting …" (not "without saying", whose content is not said)
            || s.toks.get(hit.first - 1).is_some_and(|t| {
                matches!(
                    lower(t).as_str(),
                    "by" | "after" | "before"
                )
            }))
}

/// The cue follows "and" or "but", perhaps through auxiliaries and adverbs ("… and
/// said …", "… but has since said …"): the coordinator's index.
fn coordinated(art: &Article, s: &Sentence, hit: &CueHit) -> Option<usize> {
    let mut k = hit.first.checked_sub(1)?;
    for _ in 0..3 {
        let t = s.toks.get(k)?;
        if matches!(lower(t).as_str(), "and" | "but") {
            return Some(k);
        }
        if !matches!(art.doc.tag(s.si, k), Upos::Aux | Upos::Adv) {
            return None;
        }
        k = k.checked_sub(1)?;
    }
    None
}

/// `subject`: the noun phrase before the cue ([`speaker::left`], its own rule
/// name: `subject-before-cue`, `pronoun-subject`, …); not for a participle after a
/// comma, whose speaker is its clause's, not the object next to the comma.
pub(super) fn subject(_art: &Article, s: &Sentence, cue: &CueAt) -> Option<Speaker> {
    let f = cue.hit.subject.filter(|_| !participle(s, cue.hit))?;
    Some(found(s.toks, f, f.rule))
}

/// `document-maker`: "The firm issued a statement saying …", "Trump sent a tweet
/// saying …": a document (`roles.txt`: `document`) that is the object of a verb
/// speaks for that verb's subject, its maker.
/// The cue must modify the document (a participle or a relative clause): in
/// "says an internal review shows …" the review is a clause's subject.
pub(super) fn document_maker(art: &Article, s: &Sentence, cue: &CueAt) -> Option<Speaker> {
    let modifies = s
        .toks
        .get(cue.hit.first)
        .is_some_and(|t| t.text.ends_with("ing"))
        || cue.hit.first.checked_sub(1).is_some_and(|k| {
            s.toks
                .get(k)
                .is_some_and(|t| matches!(lower(t).as_str(), "that" | "which"))
        });
    if !modifies {
        return None;
    }
    let f = cue.hit.subject.filter(|_| !participle(s, cue.hit))?;
    let head = s.toks.get(f.last.checked_sub(1)?)?;
    if art.lex.roles.get(lower(head).as_str()) != Some(&RoleKind::Document) {
        return None;
    }
    let verb = f.first.checked_sub(1)?;
    if art.doc.tag(s.si, verb) != Upos::Verb {
        return None;
    }
    let maker = speaker::left(s.toks, verb, art.lex)?;
    Some(found(s.toks, maker, "document-maker"))
}

/// `participle-previous-cue`: "X said …, adding that …": the participle keeps the
/// speaker of the sentence's previous claim.
pub(super) fn participle_previous_cue(
    _art: &Article,
    s: &Sentence,
    cue: &CueAt,
) -> Option<Speaker> {
    // Not the speaker of a relative clause: in "defending not paying an architect
    // who said he was stiffed, saying …" the participle is the main clause's.
    let p = cue
        .prev_claim()
        .filter(|c| c.speaker_rule != "relative-clause-subject")
        .and_then(|c| c.speaker)
        .filter(|_| participle(s, cue.hit))?;
    Some(span_only(p, "participle-previous-cue"))
}

/// `participle-clause-subject`: "The firm recalled the phones, saying …": the
/// participle's speaker is its clause's subject.
pub(super) fn participle_clause_subject(
    art: &Article,
    s: &Sentence,
    cue: &CueAt,
) -> Option<Speaker> {
    if !participle(s, cue.hit) {
        return None;
    }
    let f = speaker::clause_subject(s.toks, cue.hit.first, art.lex)?;
    Some(found(s.toks, f, "participle-clause-subject"))
}

/// `inverted-speaker`: "…," said Jane Roe. The speaker must end like one (at
/// punctuation, the sentence end or an adjunct); not a participle ("…, telling
/// CNN") nor a following clause ("…, says she will run").
pub(super) fn inverted_speaker(art: &Article, s: &Sentence, cue: &CueAt) -> Option<Speaker> {
    let (toks, hit) = (s.toks, cue.hit);
    let inverted = !participle(s, hit)
        && hit.cue.lemma != "tell"
        && hit.first > 0
        && toks
            .get(hit.first - 1)
            .is_some_and(|t| matches!(t.text, "," | "”" | "\"" | "’" | "'" | "»" | "」"));
    if !inverted {
        return None;
    }
    let f = speaker::right(toks, hit.last, art.lex)
        .filter(|f| inverted_speaker_ends(toks, f.last, s.n_end))?;
    Some(found(toks, f, "inverted-speaker"))
}

/// `coordinated-previous-cue`: "X denied it and said …": the speaker of the
/// sentence's previous claim.
pub(super) fn coordinated_previous_cue(
    art: &Article,
    s: &Sentence,
    cue: &CueAt,
) -> Option<Speaker> {
    let p = cue
        .prev_speaker()
        .filter(|_| coordinated(art, s, cue.hit).is_some())?;
    Some(span_only(p, "coordinated-previous-cue"))
}

/// `coordinated-clause-subject`: "The mayor opened the bridge and said …": the
/// clause's subject.
pub(super) fn coordinated_clause_subject(
    art: &Article,
    s: &Sentence,
    cue: &CueAt,
) -> Option<Speaker> {
    let k = coordinated(art, s, cue.hit)?;
    let f = speaker::clause_subject(s.toks, k + 1, art.lex)?;
    Some(span_only(
        found_span(s.toks, f)?,
        "coordinated-clause-subject",
    ))
}

/// `name-before-clause`: "Name, a role, said": the cue after the comma closing an
/// appositive or relative clause takes the name before its opening comma.
pub(super) fn name_before_clause(_art: &Article, s: &Sentence, cue: &CueAt) -> Option<Speaker> {
    let hit = cue.hit;
    if hit.first == 0 || !tok_is(s.toks, hit.first - 1, ",") {
        return None;
    }
    let f = speaker::left_over_clause(s.toks, hit.first)?;
    Some(span_only(found_span(s.toks, f)?, f.rule))
}

/// Is the cue a passive after "it" ("it was confirmed that …", "it is also said")?
fn passive_it(s: &Sentence, hit: &CueHit) -> bool {
    hit.first >= 2
        && prev_skipping_adverbs(s.toks, hit.first).is_some_and(|p| PASSIVE.contains(&p.as_str()))
        && s.toks
            .iter()
            .take(hit.first)
            .rev()
            .take(4)
            .any(|t| lower(t) == "it")
}

/// `passive-context`: "it was confirmed that …" with no speaker: resolution takes
/// the source from the context.
pub(super) fn passive_context(_art: &Article, s: &Sentence, cue: &CueAt) -> Option<Speaker> {
    passive_it(s, cue.hit).then_some(Speaker {
        span: None,
        rule: "passive-context",
        found: None,
    })
}

/// Settles the speaker a speaker sieve found: in a passive ("it was confirmed
/// that"), "it" is no speaker and the source comes from context
/// (`passive-context`); after an inverted speaker, the content starts past it.
pub(super) fn attribute<'c>(
    art: &Article,
    s: &Sentence,
    cue: &'c CueAt<'c>,
    mut speaker: Speaker,
) -> Attributed<'c> {
    let hit = cue.hit;
    let passive_it = passive_it(s, hit);
    if passive_it
        && speaker
            .span
            .is_some_and(|sp| text::slice(art.body, sp.start, sp.end).eq_ignore_ascii_case("it"))
    {
        speaker.span = None;
    }
    if passive_it && speaker.span.is_none() {
        speaker.rule = "passive-context";
    }
    let sp_end_tok = speaker.found.map(|f| f.last).unwrap_or(hit.last);
    let after_all = if speaker.rule == "inverted-speaker" {
        sp_end_tok.max(hit.last)
    } else {
        hit.last
    };
    Attributed {
        cue,
        speaker,
        passive_it,
        after_all,
    }
}

// ------------------------------------------------------------ content sieves

/// `cue-quote`: a cue followed by a quotation (`X said: "…"`); reported content
/// continuing after the quote belongs to it ("said “X” and Y"). Not after an
/// inverted speaker.
pub(super) fn cue_quote(
    art: &Article,
    s: &Sentence,
    at: &Attributed,
    used_quote: &mut [bool],
) -> Outcome {
    let (body, quotes, toks, hit) = (art.body, &art.quotes, s.toks, at.cue.hit);
    let tags: &[Upos] = art.doc.tags.get(s.si).map_or(&[], Vec::as_slice);
    let cs = content_start(toks, tags, at.after_all, &hit.cue, art.lex);
    let cs_pos = toks.get(cs).map(|t| t.start).unwrap_or(s.span.end);
    let Some(qi) = quote_starting_at(
        quotes,
        cs_pos.saturating_sub(4).max(at.cue.span.end),
        cs_pos + 1,
    ) else {
        return Outcome::Next;
    };
    if at.speaker.rule == "inverted-speaker" {
        return Outcome::Next;
    }
    let Some(&q) = quotes.get(qi) else {
        return Outcome::Next;
    };
    let mut pieces = vec![Span::new(q.start, q.end)];
    let qe_tok = toks
        .iter()
        .position(|t| t.start >= q.close)
        .unwrap_or(toks.len());
    let ce = clause_end(toks, qe_tok, at.cue.next_cues(s), s.n_end);
    if q.last_para == q.first_para
        && qe_tok < ce
        && toks.get(qe_tok).is_some_and(|t| {
            t.kind == TokKind::Word
                && !matches!(
                    lower(t).as_str(),
                    "at" | "on"
                        | "in"
                        | "during"
                        | "after"
                        | "before"
                        | "for"
                        | "with"
                        | "to"
                        | "from"
                        | "by"
                        | "last"
                        | "this"
                        | "earlier"
                )
        })
    {
        if let Some(rest) = span_of(toks, qe_tok, ce) {
            pieces = vec![Span::new(q.start, rest.end)];
        }
    }
    take_quote(used_quote, qi);
    let kind = if pieces.first().is_some_and(|p| p.end == q.end) {
        ClaimKind::Direct
    } else {
        kind_for(body, quotes, &pieces)
    };
    // A quoted sentence interrupted by its attribution: "“We found no
    // evidence,” a spokeswoman said, “that the seed carried it.”" The piece
    // before the speaker ends in a comma and nothing stands between it and
    // the speaker.
    if let Some(sp) = at.speaker.span {
        let before = quotes.iter().position(|b| {
            b.close <= sp.start
                && body
                    .get(b.close..sp.start)
                    .is_some_and(|g| g.trim().is_empty())
                && body.get(b.start..b.end).is_some_and(|t| t.ends_with(','))
        });
        if let Some(bi) = before.filter(|&bi| !quote_taken(used_quote, bi)) {
            take_quote(used_quote, bi);
            if let Some(b) = quotes.get(bi) {
                pieces.insert(0, Span::new(b.start, b.end));
            }
        }
    }
    let speaker = (at.speaker.span, at.speaker.rule);
    Outcome::claim(at.cue.claim(s, kind, pieces, speaker, "cue-quote"))
}

/// What follows a cue that closes its clause, for the sieves that take content
/// before the cue.
struct Tail {
    /// Nothing that reports follows the cue (punctuation, the second half of a split
    /// quote, an adjunct, an appositive about the speaker, the hearer of "told").
    bare: bool,
    /// `bare`, or, with content before the subject, a remark after the cue
    /// ("…, the registry said in a filing published on Monday").
    rest_empty: bool,
    /// Token index where the content before the subject ends, and its byte end.
    k: usize,
    lead_end: usize,
    /// The quotation closing right before the attribution.
    q_before: Option<usize>,
    /// What follows a parenthetical attribution ("…, it said, because of …"):
    /// the rest of the proposition it interrupts.
    after: Option<Span>,
}

fn tail(art: &Article, s: &Sentence, at: &Attributed) -> Tail {
    let (quotes, toks, hit, lex) = (&art.quotes, s.toks, at.cue.hit, art.lex);
    let after_all = at.after_all;
    // The attribution may be followed by a participial one of its own
    // ("…, Spicer said, adding that …"): the rest ends before it.
    let rest_end = at
        .cue
        .next_cues(s)
        .iter()
        .find(|c| {
            c.first > after_all
                && tok_is(toks, c.first - 1, ",")
                && toks.get(c.first).is_some_and(|t| t.text.ends_with("ing"))
        })
        .map_or(s.n_end, |c| c.first - 1);
    let rest = toks.get(after_all.min(rest_end)..rest_end).unwrap_or(&[]);
    let bare = after_all >= rest_end
        || rest.iter().all(|t| t.kind == TokKind::Punct)
        || toks.get(after_all).is_some_and(|t| {
            t.text == "," && quote_starting_at(quotes, t.end, t.end + 3).is_some()
        })
        || trailing_adjunct(rest)
        || trailing_appositive(rest, at.speaker.rule, lex)
        || (hit.cue.lemma == "tell" && tell_object_only(rest, lex));
    let cue_span = at.cue.span;
    let subject_first = at
        .speaker
        .span
        .map(|s| s.start)
        .unwrap_or(cue_span.start)
        .min(cue_span.start);
    let before_tok = toks
        .iter()
        .position(|t| t.start >= subject_first)
        .unwrap_or(0);
    let mut k = before_tok;
    while k > 0
        && toks
            .get(k - 1)
            .is_some_and(|t| matches!(t.text, "," | "—" | "–" | "-"))
    {
        k -= 1;
    }
    let lead_end = k
        .checked_sub(1)
        .and_then(|j| toks.get(j))
        .map_or(s.span.start, |t| t.end);
    // "Content, the fire brigade said on Sunday, far more than first feared." /
    // "Content, the registry said in a filing published on Monday.": with content
    // before the subject, a longer adjunct or an appended remark after the cue is
    // no reported clause.
    let preposed = k > 0 && k < before_tok;
    // "Content, it said, because of …" / "…, the agency said, and it …": a comma
    // after the attribution makes it parenthetical, when the content before it
    // is a clause (has a verb); what follows adds to that content.
    let parenthetical = preposed
        && rest.first().is_some_and(|t| t.text == ",")
        && art.doc.tags.get(s.si).is_some_and(|tags| {
            tags.iter()
                .take(k)
                .any(|t| matches!(t, Upos::Verb | Upos::Aux))
        });
    let rest_empty = bare || (preposed && trailing_remark(rest)) || parenthetical;
    // The parenthetical attribution interrupts one proposition ("If the plan
    // fails, he said, there are other tools"): its second half.
    let after = if parenthetical && !bare && !trailing_remark(rest) {
        span_of(toks, after_all + 1, rest_end)
    } else {
        None
    };
    let q_before = quotes.iter().position(|q| {
        q.close >= lead_end && q.close <= lead_end + 1
            || (q.end <= lead_end
                && q.close >= lead_end.saturating_sub(1)
                && q.close <= subject_first)
    });
    Tail {
        bare,
        rest_empty,
        k,
        lead_end,
        q_before,
        after,
    }
}

/// `show-noun`: "Polls show …" reports what follows; a sentence ending in "shows"
/// names a noun, no report: no claim.
pub(super) fn show_noun(art: &Article, s: &Sentence, at: &Attributed, _: &mut [bool]) -> Outcome {
    if at.cue.hit.cue.lemma == "show" && tail(art, s, at).bare {
        Outcome::Stop
    } else {
        Outcome::Next
    }
}

/// `quote-then-cue`: a quotation followed by its attribution (`"…," X said`). A
/// quotation closing right before "she said" is what she said, whatever follows
/// (`"…," she said, clapping.`). Joins a quote split by its attribution (`"…," she
/// said, "…"`, also past the speaker's appositive) or continued in the next
/// sentence (`"…," she said. "…"`).
pub(super) fn quote_then_cue(
    art: &Article,
    s: &Sentence,
    at: &Attributed,
    used_quote: &mut [bool],
) -> Outcome {
    let (body, quotes, toks) = (art.body, &art.quotes, s.toks);
    let after_all = at.after_all;
    if at.speaker.rule == "passive-context" {
        return Outcome::Next;
    }
    let tl = tail(art, s, at);
    let Some(qi) = tl.q_before else {
        return Outcome::Next;
    };
    let Some(&q) = quotes.get(qi) else {
        return Outcome::Next;
    };
    // A short capitalised quotation right after a word ("on CBS's \"Face the
    // Nation,\" Paul Ryan said the …", Marcia \"Cia\" Price) is a title or a
    // nickname, not the speaker's words.
    let after_word = q.is_title_after_word(body, s.span.start);
    // (a quotation of several sentences closes in this one: "“… . That was a
    // mistake,” she told the Post in her first interview")
    let quote_led = q.closed
        && q.end >= s.span.start
        && !quote_taken(used_quote, qi)
        && !after_word
        && toks.get(after_all).is_none_or(|t| lower(t) != "that");
    if !(tl.rest_empty || quote_led) {
        return Outcome::Next;
    }
    // A quotation that ends the writer's clause ("Teachers there are “very, very
    // pro-Bernie,” Kilfoyle said"): the whole clause is what the speaker said, a
    // mixed quote, not the quoted words alone.
    let clause = clause_before_quote(art, s, &q).filter(|_| !after_word && tl.rest_empty);
    // (with both its marks: the quotation stays visibly a quotation inside it)
    let mut pieces = vec![match clause {
        Some(start) => Span::new(start, q.close.max(q.end)),
        None => Span::new(q.start, q.end),
    }];
    take_quote(used_quote, qi);
    // Split quote: "…," she said, "…"
    let mut joined = false;
    if let Some(comma) = toks.get(after_all).filter(|t| t.text == ",") {
        if let Some(qj) = quote_starting_at(quotes, comma.end, comma.end + 3) {
            add_quote(&mut pieces, quotes, used_quote, qj);
            joined = true;
        } else {
            // Past the speaker's appositive: "…," said X, the club's treasurer, "…"
            for t in toks.iter().skip(after_all + 1).take(14) {
                if matches!(t.text, "." | "!" | "?" | ";" | "“" | "”" | "\"") {
                    break;
                }
                if t.text == "," {
                    if let Some(qj) = quote_starting_at(quotes, t.end, t.end + 3)
                        .filter(|&qj| !quote_taken(used_quote, qj))
                    {
                        add_quote(&mut pieces, quotes, used_quote, qj);
                        joined = true;
                    }
                    break;
                }
            }
        }
    }
    // … or continued in the next sentence: "…,” she said. “…”
    if !joined {
        if let Some(qj) = continued_quote(body, &art.doc.seg, s.si, quotes, used_quote, art.lex) {
            add_quote(&mut pieces, quotes, used_quote, qj);
        }
    }
    let speaker = (at.speaker.span, at.speaker.rule);
    let (kind, rule) = match clause {
        Some(_) => (ClaimKind::Mixed, "clause-with-quote-then-cue"),
        None => (ClaimKind::Direct, "quote-then-cue"),
    };
    Outcome::claim(at.cue.claim(s, kind, pieces, speaker, rule))
}

/// Where the writer's clause starts when the quotation `q` ends it and opens
/// inside the sentence right after one of its words ("… will play the “woman
/// card,” she said"): the sentence's first word. `None` when the quotation opens
/// the sentence, follows punctuation ("Asked about it, “…,” she said") or
/// another quotation, does not end at a comma ("The four “loopholes” he cited
/// are …"), when a cue comes before it (the sentence's own report), when the
/// words before it are fewer than two, or when no finite verb makes the words a
/// clause ("Bemoaning the “phony system,” he accused …").
fn clause_before_quote(art: &Article, s: &Sentence, q: &Quote) -> Option<usize> {
    if q.open <= s.span.start {
        return None;
    }
    let body = art.body;
    let before = text::slice(body, s.span.start, q.open);
    if !before
        .trim_end()
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    let comma_end = text::slice(body, q.start, q.end).ends_with(',')
        || text::slice(body, q.close, body.len()).starts_with(',');
    if !comma_end {
        return None;
    }
    if art
        .quotes
        .iter()
        .any(|o| o.open >= s.span.start && o.open < q.open)
    {
        return None;
    }
    // (a cue word the checks rejected counts too: "…, which Mr. Trump called
    // ''a disgrace,'' blaming …" is no clause of the speaker's)
    let cue_before = s
        .cues
        .iter()
        .any(|c| s.toks.get(c.first).is_some_and(|t| t.start < q.open))
        || s.toks
            .iter()
            .take_while(|t| t.end <= q.open)
            .any(|t| t.kind == TokKind::Word && art.lex.cues.contains_key(&lower(t)));
    if cue_before {
        return None;
    }
    let tags = art.doc.tags.get(s.si)?;
    let finite = s
        .toks
        .iter()
        .zip(tags)
        .take_while(|(t, _)| t.end <= q.close)
        .any(|(t, tag)| match tag {
            Upos::Aux => true,
            Upos::Verb => !t.text.ends_with("ing"),
            _ => false,
        });
    if !finite {
        return None;
    }
    let words: Vec<&Tok> = s
        .toks
        .iter()
        .take_while(|t| t.end <= q.open)
        .filter(|t| t.kind == TokKind::Word)
        .collect();
    match words.as_slice() {
        [first, _, ..] => Some(first.start),
        _ => None,
    }
}

/// `preposed-content`: "Content, X said." / "…, said X.": the content before the
/// attribution, back to the previous claim of the sentence. Not for a cue inside the
/// content of another claim ("X says he believes in it"), nor for a plural noun
/// ending the sentence ("… with Trump's incendiary remarks.").
pub(super) fn preposed_content(
    art: &Article,
    s: &Sentence,
    at: &Attributed,
    _: &mut [bool],
) -> Outcome {
    let (body, toks, hit) = (art.body, s.toks, at.cue.hit);
    if at.speaker.rule == "passive-context" {
        return Outcome::Next;
    }
    let tl = tail(art, s, at);
    if !tl.rest_empty {
        return Outcome::Next;
    }
    let cue_span = at.cue.span;
    let inside = at
        .cue
        .earlier
        .iter()
        .any(|c| c.span().contains(cue_span.start));
    // "… with Trump's incendiary remarks.": a plural noun ending the sentence,
    // unless a name or pronoun heads it ("…, Smith notes.").
    let cue_word = toks.get(hit.first).map(lower).unwrap_or_default();
    let noun_like = hit.last == hit.first + 1
        && cue_word.ends_with('s')
        && cue_word != "says"
        && at.speaker.found.is_some_and(|f| {
            f.last > 0
                && toks.get(f.last - 1).is_some_and(|t| {
                    !speaker::is_cap(t) && !speaker::PRONOUNS.contains(&lower(t).as_str())
                })
        });
    if tl.k == 0 || inside || noun_like {
        return Outcome::Stop;
    }
    // A preposed report ends at a comma, a dash or a quotation mark before its
    // speaker; a word there ("footage of her from when she appeared on a show")
    // makes the cue part of a clause of the sentence, not its attribution.
    let subject_start = at
        .speaker
        .span
        .map_or(cue_span.start, |sp| sp.start)
        .min(cue_span.start);
    let word_before = toks
        .iter()
        .rev()
        .find(|t| t.end <= subject_start)
        .is_some_and(|t| t.kind == TokKind::Word);
    if word_before {
        return Outcome::Stop;
    }
    // After the sentence's earlier claim; but when what is left opens with a comma
    // or a coordinator (", but the NYPD overruled that request, the source
    // added"), the attribution covers the whole sentence, the earlier claim with it.
    let start_pos = at
        .cue
        .earlier
        .last()
        .map(|c| c.span().end)
        .filter(|&e| e < tl.lead_end)
        .filter(|&e| {
            let rest = text::slice(body, e, tl.lead_end)
                .trim_start_matches(['"', '\'', '\u{201d}', '\u{2019}', ' ']);
            let first = rest.split_whitespace().next().unwrap_or("");
            !(rest.starts_with(',')
                || matches!(first.to_lowercase().as_str(), "but" | "and" | "yet" | "or"))
        })
        .unwrap_or(s.span.start);
    let Some(c) = tidy_content(body, start_pos, tl.lead_end) else {
        return Outcome::Stop;
    };
    let c = strip_leading_quote_mark(body, strip_dateline(body, c));
    let mut pieces = vec![c];
    pieces.extend(tl.after.and_then(|a| tidy_content(body, a.start, a.end)));
    let kind = kind_for(body, &art.quotes, &pieces);
    let speaker = (at.speaker.span, at.speaker.rule);
    Outcome::claim(at.cue.claim(s, kind, pieces, speaker, "preposed-content"))
}

/// `reported-clause` (`passive-it` for "it was confirmed that …"): `X said (that)
/// …`, the content to the end of the clause (a semicolon, a new clause with its own
/// speaker, a trailing attribution; in a subordinate or relative clause, its first
/// comma), extended to the end of a quotation it cuts into. "said that A, but that
/// B" gives a second piece.
pub(super) fn reported_clause(
    art: &Article,
    s: &Sentence,
    at: &Attributed,
    used_quote: &mut [bool],
) -> Outcome {
    let (body, quotes, toks, hit, lex) = (art.body, &art.quotes, s.toks, at.cue.hit, art.lex);
    let (n_end, next_cue) = (s.n_end, at.cue.next_cues(s));
    let tags: &[Upos] = art.doc.tags.get(s.si).map_or(&[], Vec::as_slice);
    let cs = content_start(toks, tags, at.after_all, &hit.cue, art.lex);
    // A reported clause has its own subject: content opening with a finite verb
    // ("The report, published on Wednesday, found that …") shows the cue to be a
    // participle describing the subject, and the verb after it the real report.
    let after_comma = cs > 0 && toks.get(cs - 1).is_some_and(|t| t.text == ",");
    // …unless the attribution interrupts its content between commas: "The
    // bridge, the mayor said, would reopen in May" is one proposition in two
    // pieces, its subject before the attribution.
    let subject_piece = if after_comma && opens_without_subject(toks, tags, cs) {
        match interrupted_subject(art, s, at) {
            Some(p) => Some(p),
            None => return Outcome::Stop,
        }
    } else {
        None
    };
    // Nor is what follows "said," when it opens with a participle or a
    // coordinator: "…?” Trump said, looking out on the crowd"; "she said, but Kevin
    // was drifting off". (The report's own content came before the cue.)
    if after_comma
        && toks.get(cs).zip(tags.get(cs)).is_some_and(|(t, tag)| {
            (*tag == Upos::Verb && t.text.ends_with("ing"))
                || matches!(lower(t).as_str(), "but" | "and" | "or" | "yet")
        })
    {
        return Outcome::Stop;
    }
    // "who said and did the same things": a coordinator right after the cue
    // joins another verb to it; nothing is reported.
    if toks
        .get(cs)
        .is_some_and(|t| matches!(lower(t).as_str(), "and" | "or" | "nor"))
    {
        return Outcome::Stop;
    }
    // "published by the council": a passive participle's agent is no content.
    if toks.get(cs).is_some_and(|t| lower(t) == "by") {
        return Outcome::Stop;
    }
    let ce = clause_end(toks, cs, next_cue, n_end);
    let ce = coordinated_complement(toks, tags, cs, ce).unwrap_or(ce);
    // What a tell-type verb has left without a verb is its addressee ("told the
    // Post in her first interview"), not something said.
    let tell = matches!(
        hit.cue.lemma.as_str(),
        "tell" | "inform" | "assure" | "remind"
    );
    if tell
        && !tags
            .get(cs..ce.min(tags.len()))
            .unwrap_or_default()
            .iter()
            .any(|t| matches!(t, Upos::Verb | Upos::Aux))
    {
        return Outcome::Stop;
    }
    let ce = trim_trailing_attribution(toks, cs, ce, lex);
    let sp_first = at.speaker.found.map(|f| f.first).unwrap_or(hit.first);
    let ce = subordinate_end(toks, cs, ce, sp_first, hit.first);
    let ce = trim_trailing_medium(toks, tags, cs, ce, lex);
    let Some(mut content) = span_of(toks, cs, ce).and_then(|c| tidy_content(body, c.start, c.end))
    else {
        return Outcome::Stop;
    };
    // Extend to the end of a quote the content cuts into.
    for qi in extend_into_quotes(quotes, &mut content) {
        take_quote(used_quote, qi);
    }
    let written = text::slice(body, content.start, content.end);
    if written.split_whitespace().count() < 2 && !written.chars().any(|c| c.is_ascii_digit()) {
        return Outcome::Stop;
    }
    let mut pieces: Vec<Span> = subject_piece.into_iter().chain([content]).collect();
    // "said that A, but that B (and that C)": more propositions of the same report.
    let mut j = ce;
    while pieces.len() < 8 {
        if toks.get(j).is_some_and(|t| t.text == ",") {
            j += 1;
        }
        let Some(that) = that_after_coordinator(toks, j) else {
            break;
        };
        j = that;
        let ce2 = clause_end(toks, j + 1, next_cue, n_end);
        let ce2 = coordinated_complement(toks, tags, j, ce2).unwrap_or(ce2);
        let Some(c2) = span_of(toks, j, ce2).and_then(|c| tidy_content(body, c.start, c.end))
        else {
            break;
        };
        pieces.push(c2);
        j = ce2;
    }
    let conduit = at
        .speaker
        .span
        .and_then(|sp| conduit_before(toks, body, sp, lex));
    let kind = kind_for(body, quotes, &pieces);
    let speaker = (at.speaker.span, at.speaker.rule);
    let rule = if at.passive_it {
        "passive-it"
    } else {
        "reported-clause"
    };
    Outcome::claim(RawClaim {
        conduit,
        ..at.cue.claim(s, kind, pieces, speaker, rule)
    })
}

/// Does the token at `i` (after a comma) open a predicate with no subject of
/// its own: a finite verb ([`opens_with_finite_verb`]) or a lower-case
/// auxiliary ("would reopen", "has been")?
fn opens_without_subject(toks: &[Tok], tags: &[Upos], i: usize) -> bool {
    opens_with_finite_verb(toks, tags, i)
        || toks.get(i).zip(tags.get(i)).is_some_and(|(t, tag)| {
            *tag == Upos::Aux && t.text.chars().next().is_some_and(char::is_lowercase)
        })
}

/// The subject an attribution between commas interrupts: in "The bridge, the
/// mayor said, would reopen", the words from the sentence start (after a wire
/// dateline) to the comma before the speaker, when they hold no verb.
fn interrupted_subject(art: &Article, s: &Sentence, at: &Attributed) -> Option<Span> {
    let (toks, hit) = (s.toks, at.cue.hit);
    let tags: &[Upos] = art.doc.tags.get(s.si).map_or(&[], Vec::as_slice);
    let first = at
        .speaker
        .found
        .map_or(hit.first, |f| f.first)
        .min(hit.first);
    let open = first.checked_sub(1)?;
    if !comma_at(toks, open) {
        return None;
    }
    let d = segment::dateline_tokens(toks);
    let words = toks.get(d..open)?;
    let verbless = tags
        .get(d..open)?
        .iter()
        .all(|t| !matches!(t, Upos::Verb | Upos::Aux));
    let opener = words
        .first()
        .is_some_and(|t| super::clause::SUBORDINATORS.contains(&lower(t).as_str()));
    if words.iter().all(|t| t.kind != TokKind::Word) || !verbless || opener {
        return None;
    }
    span_of(toks, d, open).and_then(|c| tidy_content(art.body, c.start, c.end))
}

/// Does the token at `i` (after the comma closing an aside) open a clause with a finite verb and no subject: a
/// lower-case word tagged as a verb that is not a gerund ("found that …")?
fn opens_with_finite_verb(toks: &[Tok], tags: &[Upos], i: usize) -> bool {
    let (Some(t), Some(tag)) = (toks.get(i), tags.get(i)) else {
        return false;
    };
    *tag == Upos::Verb
        && t.kind == TokKind::Word
        && t.text.chars().next().is_some_and(char::is_lowercase)
        && !t.text.ends_with("ing")
}

/// The quotation opening the sentence after `si` in the same paragraph, when it
/// carries no attribution of its own: the second half of "…,” she said. “…”.
pub(super) fn continued_quote(
    body: &str,
    seg: &Segmented,
    si: usize,
    quotes: &[Quote],
    used: &[bool],
    lex: &Lexicon,
) -> Option<usize> {
    let cur = seg.sentences.get(si)?;
    let next = seg.sentences.get(si + 1)?;
    if next.para != cur.para {
        return None;
    }
    let qj = quotes.iter().position(|q| q.open == next.start)?;
    let q = quotes.get(qj)?;
    if quote_taken(used, qj) || !q.closed {
        return None;
    }
    // The rest of that quote's sentence must not attribute it to someone else.
    let sent_end = seg
        .sentences
        .iter()
        .skip(si + 1)
        .find(|s| s.end >= q.close)
        .map(|s| s.end)
        .unwrap_or(next.end);
    let tail = segment::tokens(body, q.close.min(sent_end), sent_end);
    let own_cue = tail
        .iter()
        .any(|t| t.kind == TokKind::Word && lex.cues.contains_key(&lower(t)));
    (!own_cue).then_some(qj)
}

/// "The article quoted unnamed sources who said …": the subject of a citing
/// verb before an unnamed-source speaker.
pub(super) fn conduit_before(toks: &[Tok], body: &str, sp: Span, lex: &Lexicon) -> Option<Span> {
    let text = text::slice(body, sp.start, sp.end).to_lowercase();
    if !lex.unnamed.iter().any(|u| text.contains(u.as_str())) {
        return None;
    }
    let si = toks.iter().position(|t| t.start == sp.start)?;
    if si == 0 {
        return None;
    }
    let v = lower(toks.get(si - 1)?);
    if matches!(v.as_str(), "quoted" | "cited" | "citing" | "quoting") {
        let f = speaker::left(toks, si - 1, lex)?;
        return found_span(toks, f);
    }
    // "…, citing unnamed sources" with the subject at the sentence start.
    None
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;

    /// Runs one content sieve on the cue `word` of sentence `si`, after the cues before it.
    fn content(
        body: &'static str,
        si: usize,
        word: &str,
        sieve: fn(&Article, &Sentence, &Attributed, &mut [bool]) -> Outcome,
    ) -> (Article<'static>, Outcome) {
        let art = article(body);
        let out = {
            let s = sentence(&art, si);
            let before = earlier(&art, &s, word);
            let c = cue(&s, word, &before);
            let at = attributed(&art, &s, &c);
            let mut used = vec![false; art.quotes.len()];
            sieve(&art, &s, &at, &mut used)
        };
        (art, out)
    }

    /// Runs one speaker sieve on the cue `word` of the first sentence: the speaker's text and rule.
    fn speaker_of(
        body: &'static str,
        word: &str,
        sieve: fn(&Article, &Sentence, &CueAt) -> Option<Speaker>,
    ) -> Option<(String, &'static str)> {
        let art = article(body);
        let s = sentence(&art, 0);
        let before = earlier(&art, &s, word);
        let c = cue(&s, word, &before);
        sieve(&art, &s, &c).map(|sp| {
            let t = sp.span.map_or(String::new(), |x| text(&art, x).to_string());
            (t, sp.rule)
        })
    }

    #[test]
    fn citing_aside_leaves_the_claim_to_the_clause_cue() {
        let art = article("The paper, citing two officials, reported that the deal had collapsed.");
        let s = sentence(&art, 0);
        let citing = cue(&s, "citing", &[]);
        assert!(matches!(citing_aside(&art, &s, &citing), Outcome::Stop));
        let reported = cue(&s, "reported", &[]);
        assert!(matches!(citing_aside(&art, &s, &reported), Outcome::Next));
    }

    #[test]
    fn according_to_before_after_and_inside_its_content() {
        let art = article("According to the ministry, the river water is safe to drink.");
        let s = sentence(&art, 0);
        let r = claim(according_to(&art, &s, &cue(&s, "according", &[])));
        assert_eq!(pieces(&art, &r), ["the river water is safe to drink"]);
        assert_eq!(speaker_text(&art, &r), Some("the ministry"));
        assert_eq!(r.content_rule, "according-to");

        let art = article("The river water is safe to drink, according to the ministry.");
        let s = sentence(&art, 0);
        let r = claim(according_to(&art, &s, &cue(&s, "according", &[])));
        assert_eq!(pieces(&art, &r), ["The river water is safe to drink"]);

        let art = article("The river, according to the ministry, is safe for swimmers again.");
        let s = sentence(&art, 0);
        let r = claim(according_to(&art, &s, &cue(&s, "according", &[])));
        assert_eq!(
            pieces(&art, &r),
            ["The river", "is safe for swimmers again"]
        );

        let art = article("The mayor said the river is safe.");
        let s = sentence(&art, 0);
        assert!(matches!(
            according_to(&art, &s, &cue(&s, "said", &[])),
            Outcome::Next
        ));
    }

    #[test]
    fn subject_is_the_noun_phrase_before_the_cue() {
        assert_eq!(
            speaker_of(
                "The harbour master said the pier would close.",
                "said",
                subject
            ),
            Some(("The harbour master".into(), "subject-before-cue"))
        );
        // A participle after a comma does not take the object next to it.
        assert_eq!(
            speaker_of(
                "The firm recalled the heaters, saying they could overheat.",
                "saying",
                subject
            ),
            None
        );
    }

    #[test]
    fn participle_takes_the_previous_claims_speaker() {
        assert_eq!(
            speaker_of(
                "The coach said the team was ready, adding that two players were injured.",
                "adding",
                participle_previous_cue
            ),
            Some(("The coach".into(), "participle-previous-cue"))
        );
    }

    #[test]
    fn participle_takes_its_clause_subject() {
        assert_eq!(
            speaker_of(
                "The firm recalled the heaters, saying they could overheat.",
                "saying",
                participle_clause_subject
            ),
            Some(("The firm".into(), "participle-clause-subject"))
        );
    }

    #[test]
    fn inverted_speaker_must_end_like_one() {
        assert_eq!(
            speaker_of(
                "\u{201c}The roof will hold,\u{201d} said Mara Quist.",
                "said",
                inverted_speaker
            ),
            Some(("Mara Quist".into(), "inverted-speaker"))
        );
        assert_eq!(
            speaker_of(
                "The vote is close, says Quist will win it.",
                "says",
                inverted_speaker
            ),
            None
        );
    }

    #[test]
    fn coordinated_cue_takes_the_previous_claims_speaker() {
        assert_eq!(
            speaker_of(
                "The coach denied the report and said the team was ready.",
                "said",
                coordinated_previous_cue
            ),
            Some(("The coach".into(), "coordinated-previous-cue"))
        );
    }

    #[test]
    fn coordinated_cue_takes_its_clause_subject() {
        assert_eq!(
            speaker_of(
                "Mara Quist walked off the field and said the team was ready.",
                "said",
                coordinated_clause_subject
            ),
            Some(("Mara Quist".into(), "coordinated-clause-subject"))
        );
    }

    #[test]
    fn name_before_an_appositive_clause() {
        assert_eq!(
            speaker_of(
                "Mara Quist, who runs the shelter, said the beds were full.",
                "said",
                name_before_clause
            ),
            Some(("Mara Quist".into(), "name-before-clause"))
        );
    }

    #[test]
    fn passive_it_has_its_source_in_context() {
        assert_eq!(
            speaker_of(
                "It was confirmed that the plant would close next year.",
                "confirmed",
                passive_context
            ),
            Some((String::new(), "passive-context"))
        );
        assert_eq!(
            speaker_of(
                "The mayor confirmed that the plant would close.",
                "confirmed",
                passive_context
            ),
            None
        );
        // "it" found as a subject is no speaker in the passive.
        let art = article("It was confirmed that the plant would close next year.");
        let s = sentence(&art, 0);
        let c = cue(&s, "confirmed", &[]);
        let at = attributed(&art, &s, &c);
        assert!(at.passive_it);
        assert_eq!(
            (at.speaker.span, at.speaker.rule),
            (None, "passive-context")
        );
    }

    #[test]
    fn cue_quote_takes_the_quotation_after_the_cue() {
        let (art, o) = content(
            "The mayor said: \u{201c}The bridge will reopen in May.\u{201d}",
            0,
            "said",
            cue_quote,
        );
        let r = claim(o);
        assert_eq!(pieces(&art, &r), ["The bridge will reopen in May."]);
        assert_eq!((r.content_rule, r.kind), ("cue-quote", ClaimKind::Direct));
        let (_, o) = content(
            "The mayor said the bridge would reopen.",
            0,
            "said",
            cue_quote,
        );
        assert!(matches!(o, Outcome::Next));
    }

    #[test]
    fn cue_quote_joins_the_piece_before_an_interrupting_speaker() {
        let (art, o) = content(
            "\u{201c}We have seen no cracks,\u{201d} the engineer said, \u{201c}in any of the piers.\u{201d}",
            0,
            "said",
            cue_quote,
        );
        let r = claim(o);
        assert_eq!(
            pieces(&art, &r),
            ["We have seen no cracks,", "in any of the piers."]
        );
        assert_eq!(r.kind, ClaimKind::Direct);
    }

    #[test]
    fn show_at_the_end_of_a_sentence_is_a_noun() {
        let (_, o) = content(
            "Prices fell sharply, as the latest survey showed.",
            0,
            "showed",
            show_noun,
        );
        assert!(matches!(o, Outcome::Stop));
        let (_, o) = content("The chart shows that prices fell.", 0, "shows", show_noun);
        assert!(matches!(o, Outcome::Next));
    }

    #[test]
    fn quote_then_cue_joins_split_and_continued_quotes() {
        let (art, o) = content(
            "\u{201c}The bridge is safe,\u{201d} the mayor said.",
            0,
            "said",
            quote_then_cue,
        );
        let r = claim(o);
        assert_eq!(pieces(&art, &r), ["The bridge is safe,"]);
        assert_eq!(speaker_text(&art, &r), Some("the mayor"));
        assert_eq!(r.content_rule, "quote-then-cue");

        let (art, o) = content(
            "\u{201c}The bridge is safe,\u{201d} the mayor said, \u{201c}and it stays open.\u{201d}",
            0,
            "said",
            quote_then_cue,
        );
        assert_eq!(
            pieces(&art, &claim(o)),
            ["The bridge is safe,", "and it stays open."]
        );

        let (art, o) = content(
            "\u{201c}The bridge is safe,\u{201d} the mayor said. \u{201c}It stays open all winter.\u{201d}",
            0,
            "said",
            quote_then_cue,
        );
        assert_eq!(
            pieces(&art, &claim(o)),
            ["The bridge is safe,", "It stays open all winter."]
        );
    }

    #[test]
    fn preposed_content_before_the_attribution() {
        let (art, o) = content(
            "The bridge will reopen in May, the mayor said.",
            0,
            "said",
            preposed_content,
        );
        let r = claim(o);
        assert_eq!(pieces(&art, &r), ["The bridge will reopen in May"]);
        assert_eq!(r.content_rule, "preposed-content");
        // A parenthetical attribution interrupts one proposition.
        let (art, o) = content(
            "The bridge will stay shut until May, the mayor said, because of the floods.",
            0,
            "said",
            preposed_content,
        );
        assert_eq!(
            pieces(&art, &claim(o)),
            [
                "The bridge will stay shut until May",
                "because of the floods"
            ]
        );
        // A reported clause after the cue is no preposed content.
        let (_, o) = content(
            "The mayor said the bridge will reopen in May.",
            0,
            "said",
            preposed_content,
        );
        assert!(matches!(o, Outcome::Next));
    }

    #[test]
    fn the_addressee_of_told_is_no_part_of_what_was_said() {
        // A quotation after the addressee: "told CBS, “…”".
        let (art, o) = content(
            "Nadia Lanz told the Harbour Herald, \u{201c}We are focused on the vote.\u{201d}",
            0,
            "told",
            cue_quote,
        );
        assert_eq!(pieces(&art, &claim(o)), ["We are focused on the vote."]);
        // An aside about the addressee before "that".
        for text in [
            "Nadia Lanz told Varga, who runs the club, that the accounts were sound.",
            "Nadia Lanz told Varga, the club's treasurer, that the accounts were sound.",
        ] {
            let (art, o) = content(text, 0, "told", reported_clause);
            assert_eq!(
                pieces(&art, &claim(o)),
                ["that the accounts were sound"],
                "{text}"
            );
        }
    }

    #[test]
    fn reported_clause_to_the_end_of_the_clause() {
        let (art, o) = content(
            "The mayor said that the bridge would reopen in May.",
            0,
            "said",
            reported_clause,
        );
        let r = claim(o);
        assert_eq!(pieces(&art, &r), ["that the bridge would reopen in May"]);
        assert_eq!(
            (r.content_rule, r.kind),
            ("reported-clause", ClaimKind::Indirect)
        );

        let (art, o) = content(
            "The mayor said that the bridge was safe, but that the road was not.",
            0,
            "said",
            reported_clause,
        );
        assert_eq!(
            pieces(&art, &claim(o)),
            ["that the bridge was safe", "that the road was not"]
        );

        let (art, o) = content(
            "It was confirmed that the plant would close next year.",
            0,
            "confirmed",
            reported_clause,
        );
        let r = claim(o);
        assert_eq!(r.content_rule, "passive-it");
        assert_eq!(r.speaker, None);
        assert_eq!(pieces(&art, &r), ["that the plant would close next year"]);
    }
}
