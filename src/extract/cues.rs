//! Cue finding: the cue words of a sentence, checked against the tokens around them
//! and their POS tags.
//!
//! Takes: a sentence's tokens and tags, the lexicon (`cues.tsv`) and the article's
//! quotations. Gives: the sentence's [`CueHit`]s (cue words outside quotations, not
//! nouns, names or passives), and a [`RejectedCue`] with its reason for each cue word
//! it turns down (capitalised inside the sentence, after a possessive, tagged as a
//! noun, an unconfirmed derived form, a naming verb without a quoted name, after a
//! determiner, a passive).

use super::quotes::Quote;
use super::speaker::{self, lower};
use super::{CueHit, RejectedCue};
use crate::annotate::tagger::Upos;
use crate::lexicon::{Cue, Lexicon};
use crate::model::Span;
use crate::segment::{self, Tok, TokKind};

const VERB_BLOCKERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "these", "those", "this", "such", "new",
    "any", "no", "of", "my", "your",
];
/// Words that open a reported clause after a verb's object ("told her that", "asked him whether").
pub(super) const COMPLEMENTISERS: &[&str] =
    &["that", "whether", "if", "how", "what", "why", "when", "who"];
pub(super) const PASSIVE: &[&str] = &["was", "were", "been", "being", "is", "are", "be"];

pub(super) fn find_cues(
    toks: &[Tok],
    tags: &[Upos],
    lex: &Lexicon,
    quotes: &[Quote],
    rejected: &mut Vec<RejectedCue>,
) -> Vec<CueHit> {
    let mut out: Vec<CueHit> = Vec::new();
    // Headlines in title case ("Obama Seeks More Refugees") capitalise their verbs too.
    let title_case = segment::is_title_case(toks, 3);
    let mut i = 0;
    while let Some(t) = toks.get(i) {
        if t.kind != TokKind::Word || quotes.iter().any(|q| t.start >= q.start && t.start < q.end) {
            i += 1;
            continue;
        }
        let w = lower(t);
        let Some(forms) = lex.cues.get(&w) else {
            i += 1;
            continue;
        };
        // Multiword forms: compare the following word tokens.
        let mut matched: Option<(usize, &Cue)> = None;
        for f in forms.iter().filter(|f| f.class != "noun") {
            let mut k = i;
            let mut ok = true;
            for fw in &f.words {
                let Some(tk) = toks.get(k) else {
                    ok = false;
                    break;
                };
                if tk.kind == TokKind::Punct && f.words.len() > 1 && k > i {
                    ok = false;
                    break;
                }
                if lower(tk) != *fw {
                    ok = false;
                    break;
                }
                k += 1;
            }
            if ok {
                matched = Some((k, f));
                break;
            }
        }
        let Some((end, cue)) = matched else {
            i += 1;
            continue;
        };
        let Some(last) = tok_before(toks, end) else {
            i += 1;
            continue;
        };
        let before = tok_before(toks, i);
        // A capitalised cue word inside a sentence is part of a name ("the United States",
        // "The Washington Post"); a cue after a possessive is a noun ("Kim's state").
        let sentence_initial = toks.iter().take(i).all(|t| t.kind == TokKind::Punct);
        let capitalised = speaker::is_cap(t) && !sentence_initial && !title_case;
        let after_possessive = before.is_some_and(speaker::is_possessive);
        // The tagger reads the cue word as a noun after a determiner, an adjective or a
        // possessive ("his early-morning tweets", "her latest remarks"): no speech verb.
        // So is one closing a compound noun ("the New York Times report", "an overall
        // cost estimate") unless the sentence has no other verb for it to be.
        // Not before "that" or a quotation ("the Times report that …" reports), nor
        // a name's present tense the tagger misreads ("Brookings estimates that").
        let prev_tag = i.checked_sub(1).and_then(|k| tags.get(k));
        let reports = toks
            .get(i + 1)
            .is_some_and(|n| matches!(lower(n).as_str(), "that" | ":" | "\"" | "\u{201c}" | ","));
        let name_present = prev_tag == Some(&Upos::Propn) && w.ends_with('s');
        let compound = matches!(prev_tag, Some(Upos::Noun | Upos::Propn))
            && !reports
            && !name_present
            && tags.iter().any(|t| matches!(t, Upos::Verb | Upos::Aux));
        let tagged_noun = cue.words.len() == 1
            && tags.get(i) == Some(&Upos::Noun)
            && i > 0
            && (matches!(
                tags.get(i - 1),
                Some(Upos::Det | Upos::Adj | Upos::Pron | Upos::Num)
            ) || compound);
        // A form made from the lemma, not listed in cues.tsv, needs the tagger's verb.
        // An unlisted -ing form only opening a participle clause (", arguing that"), not
        // in the progressive ("is recalling all phones") or as a preposition ("regarding").
        // In the progressive after "be" or "keep" ("has been insisting") it is the
        // clause's verb.
        let participle_clause = before.is_some_and(|b| b.text == ",");
        let group = verb_group_start(toks, tags, i);
        let progressive = w.ends_with("ing")
            && toks.get(group..i).is_some_and(|run| {
                run.iter().any(|t| {
                    matches!(
                        lower(t).as_str(),
                        "is" | "are" | "was" | "were" | "been" | "be" | "keep" | "keeps" | "kept"
                    )
                })
            });
        let unconfirmed = cue.derived
            && (tags.get(i) != Some(&Upos::Verb)
                || (w.ends_with("ing") && !participle_clause && !progressive));
        let cue_span = Span::new(t.start, last.end);
        let reduced = reduced_relative(toks, tags, i, end);
        // "more than 30 published papers", "the two reported cases": a participle
        // between a number or determiner and the noun it modifies is an adjective.
        let attributive = cue.words.len() == 1
            && (w.ends_with("ed") || w.ends_with("en"))
            && i > 0
            && matches!(tags.get(i - 1), Some(Upos::Num | Upos::Det))
            // ("have both supported implementation": a quantifier floating after
            // its subject, the participle still the verb)
            && !toks
                .get(i - 1)
                .is_some_and(|p| matches!(lower(p).as_str(), "both" | "all" | "each"))
            && tags.get(end) == Some(&Upos::Noun)
            && toks.get(end).is_some_and(|n| !speaker::is_cap(n));
        let why = if capitalised {
            Some("capitalised inside the sentence: part of a name")
        } else if after_possessive {
            Some("after a possessive: a noun")
        } else if tagged_noun {
            Some("tagged as a noun after a determiner, adjective or pronoun")
        } else if attributive {
            Some("a participle before the noun it describes (\"30 published papers\")")
        } else if reduced {
            Some("a participle on the noun before it, the clause's verb coming after a time or place")
        } else if unconfirmed {
            Some("an unlisted form of a cue lemma that the tagger does not read as a verb here")
        } else {
            None
        };
        if let Some(reason) = why {
            rejected.push(RejectedCue {
                cue: cue_span,
                reason,
            });
            i = end;
            continue;
        }
        // Naming verbs ("called him “a liar”") report speech only before an object and a
        // quoted name; "a website called “Cape Breton”" names a thing.
        if cue.class == "name" && !names_quoted(toks, end, quotes) {
            rejected.push(RejectedCue {
                cue: cue_span,
                reason: "a naming verb without an object and a quoted name",
            });
            i = end;
            continue;
        }
        let prev = before.map(lower);
        let prev_verbal = prev_skipping_adverbs(toks, i);
        let is_according = cue.words.first().is_some_and(|w| w == "according");
        // Nouns and adjectives: "the claims", "his denial", "a said company".
        let blocked = !is_according
            && prev.as_deref().is_some_and(|p| VERB_BLOCKERS.contains(&p))
            && !(cue.words.len() == 1 && w.ends_with("ed") && prev.as_deref() == Some("no"));
        // Passives other than "it was confirmed that": "was told", "were expected to".
        let next = toks.get(end).map(lower);
        // With an agent, only when a reported clause or a quotation follows it
        // ("it was announced by the council that …"); "It was first declared by
        // Nixon in the 1970s" reports nothing.
        let agent_then_report = next.as_deref() == Some("by")
            && toks.get(end..).is_some_and(|rest| {
                rest.iter()
                    .any(|t| matches!(t.text, "that" | ":" | "\"" | "\u{201c}" | "\u{2018}" | "'"))
            });
        // An -ing cue after "is" is in the progressive ("is saying that"), no passive.
        let passive = !is_according
            && !w.ends_with("ing")
            && prev_verbal.as_deref().is_some_and(|p| PASSIVE.contains(&p))
            && next.as_deref() != Some("that")
            && !agent_then_report;
        // "said" as a participle after a noun in a relative: "the statement said" is fine; "he is said to" is not.
        let said_to =
            next.as_deref() == Some("to") && prev.as_deref().is_some_and(|p| PASSIVE.contains(&p));
        if blocked || passive || said_to {
            rejected.push(RejectedCue {
                cue: cue_span,
                reason: if blocked {
                    "after a determiner or adjective: a noun"
                } else {
                    "a passive (\"was told\", \"is said to\")"
                },
            });
            i = end;
            continue;
        }
        out.push(CueHit {
            first: i,
            last: end,
            cue: cue.clone(),
            group,
            subject: None,
        });
        i = end;
    }
    out
}

/// Where the verb group of the cue at token `i` starts, for the subject search:
/// adverbs the tagger marks ("has long said", "has consistently denied") and,
/// before an -ing cue, the progressive's "be" and "keep" ("is saying", "has been
/// insisting", "keeps saying") stand between a subject and its cue. A wh-adverb
/// opens a clause and a capitalised word is no adverb here: both stop the walk.
/// A "has"/"had" before what was skipped goes too ("has long been saying").
pub(super) fn verb_group_start(toks: &[Tok], tags: &[Upos], i: usize) -> usize {
    let ing = toks.get(i).is_some_and(|t| lower(t).ends_with("ing"));
    let mut k = i;
    while let (Some(t), Some(tag)) = (
        tok_before(toks, k),
        k.checked_sub(1).and_then(|j| tags.get(j)),
    ) {
        let w = lower(t);
        let adverb = *tag == Upos::Adv
            && t.kind == TokKind::Word
            && !speaker::is_cap(t)
            && !matches!(w.as_str(), "when" | "where" | "why" | "how" | "so" | "as");
        let progressive = ing
            && matches!(
                w.as_str(),
                "is" | "are"
                    | "was"
                    | "were"
                    | "been"
                    | "be"
                    | "'s"
                    | "\u{2019}s"
                    | "'re"
                    | "\u{2019}re"
                    | "keep"
                    | "keeps"
                    | "kept"
                    | "keeping"
            );
        let perfect = matches!(w.as_str(), "has" | "have" | "had" | "'s" | "\u{2019}s") && k < i;
        if !(adverb || progressive || perfect) {
            break;
        }
        k -= 1;
    }
    k
}

/// Does the phrase starting at token `first` follow a preposition, so that it is
/// the preposition's object and no subject ("Protesters marching through the
/// streets chanted", "In a message posted Friday, …")? A word that also opens a
/// clause ("as", "after", "since": [`speaker::SUBORDINATORS`]) is no such sign.
pub(super) fn after_preposition(toks: &[Tok], tags: &[Upos], first: usize) -> bool {
    let Some(p) = first.checked_sub(1) else {
        return false;
    };
    let w = toks.get(p).map(lower).unwrap_or_default();
    tags.get(p) == Some(&Upos::Adp)
        && !speaker::SUBORDINATORS.contains(&w.as_str())
        && !matches!(w.as_str(), "than" | "like" | "to")
}

/// The token before token `i` (`None` at the start or past the end).
fn tok_before<'t, 's>(toks: &'t [Tok<'s>], i: usize) -> Option<&'t Tok<'s>> {
    toks.get(i.checked_sub(1)?)
}

/// A naming verb's object followed by a quotation in the same clause: `called [it] “…”`.
fn names_quoted(toks: &[Tok], after: usize, quotes: &[Quote]) -> bool {
    let mut words = 0;
    for t in toks.iter().skip(after).take(10) {
        if quotes.iter().any(|q| q.open == t.start) {
            return words > 0;
        }
        match t.kind {
            TokKind::Word => words += 1,
            TokKind::Punct if matches!(t.text, "," | ";" | ":" | "." | "(") => return false,
            TokKind::Punct => {}
        }
    }
    false
}

/// The word before token `i`, skipping adverbs like "also" and "later".
pub(super) fn prev_skipping_adverbs(toks: &[Tok], i: usize) -> Option<String> {
    for t in toks.iter().take(i).rev() {
        let w = lower(t);
        if !matches!(
            w.as_str(),
            "also"
                | "later"
                | "then"
                | "now"
                | "previously"
                | "initially"
                | "since"
                | "first"
                | "further"
                | "officially"
                | "publicly"
        ) {
            return Some(w);
        }
    }
    None
}

/// "A study published in May showed …": a cue ending in -ed right after a
/// noun, followed by a short time or place adjunct ("in May", "last year", "on
/// Monday") and then the clause's own verb, is a participle on that noun.
fn reduced_relative(toks: &[Tok], tags: &[Upos], i: usize, end: usize) -> bool {
    let Some(w) = toks.get(i).map(lower) else {
        return false;
    };
    let after_noun = i
        .checked_sub(1)
        .and_then(|k| tags.get(k))
        .is_some_and(|t| *t == Upos::Noun);
    if !(w.ends_with("ed") && after_noun && end == i + 1) {
        return false;
    }
    let opens_adjunct = toks.get(end).map(lower).is_some_and(|n| {
        matches!(
            n.as_str(),
            "in" | "on" | "at" | "during" | "last" | "this" | "earlier" | "late"
        )
    });
    if !opens_adjunct {
        return false;
    }
    // The adjunct: one to three words of name, number or time ("May", "2015",
    // "this month"; never a common noun, which would open a reported clause
    // without "that": "said last week rents rose"), then the verb.
    let adjunct_word = |m: usize| {
        let t = toks.get(m);
        let time = t.is_some_and(|t| {
            let w = lower(t);
            crate::normalise::time::is_month_or_weekday(t.text)
                || speaker::TIME_UNITS.contains(&w.as_str())
                || matches!(w.as_str(), "this" | "late")
        });
        time || matches!(tags.get(m), Some(Upos::Propn | Upos::Num))
    };
    (end + 2..end + 5).any(|k| tags.get(k) == Some(&Upos::Verb) && (end + 1..k).all(adjunct_word))
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;

    #[test]
    fn cues_are_verbs_and_nouns_are_turned_down_with_a_reason() {
        let art = article("Her claims were false, the clerk said.");
        let (toks, tags) = (&art.doc.toks[0], &art.doc.tags[0]);
        let mut rejected = Vec::new();
        let hits = find_cues(toks, tags, art.lex, &art.quotes, &mut rejected);
        let words: Vec<&str> = hits.iter().map(|h| toks[h.first].text).collect();
        assert_eq!(words, ["said"]);
        assert_eq!(rejected.len(), 1);
        assert_eq!(text(&art, rejected[0].cue), "claims");
    }

    #[test]
    fn a_participle_before_a_time_and_the_verb_is_no_cue() {
        let art = article("A study published in May showed that rents rose.");
        let (toks, tags) = (&art.doc.toks[0], &art.doc.tags[0]);
        let mut rejected = Vec::new();
        let hits = find_cues(toks, tags, art.lex, &art.quotes, &mut rejected);
        let words: Vec<&str> = hits.iter().map(|h| toks[h.first].text).collect();
        assert_eq!(words, ["showed"]);
        assert!(rejected.iter().any(|r| text(&art, r.cue) == "published"));
    }
}
