//! The filters: checks that drop a cue or a claim, each saying why.
//!
//! Takes: a cue span of a sentence (`refusal`, run while a sentence's cues are
//! found), or the article's claims after every sieve (the others, in the order of
//! `FILTERS` in `mod.rs`). Gives: the cues and claims kept, and a [`RejectedCue`]
//! with the filter's reason for each dropped claim that had a cue. `relayed`,
//! `nested-in-quote` and `nested-in-named` give no reason of their own: their cues
//! get the closing "no sieve found … or its claim lies inside another speaker's".
//! [`drop_nested`] runs on the resolved claims.

use super::speaker::{self, lower};
use super::{Article, RawClaim, RejectedCue};
use crate::annotate::tagger::Upos;
use crate::lexicon::Lexicon;
use crate::model::{Claim, ClaimKind, Span};
use crate::segment::{self, Tok, TokKind};
use crate::text;

/// The reason of the `refusal` check.
pub(super) const REFUSAL: &str = "a refusal or non-answer (lexicon/nonclaims.txt)";
/// The reason of the `proposition` filter.
pub(super) const NO_PROPOSITION: &str = "its content is no proposition: a question, an infinitive, a directive or a refusal (lexicon/content.txt, nonclaims.txt)";
/// The reason of the `first-person` filter.
pub(super) const FIRST_PERSON: &str =
    "\"I\" or \"we\" outside quotation marks: the writer, not a source";
/// The reason of the `empty-subject` filter.
pub(super) const EMPTY_SUBJECT: &str =
    "an empty \"it\" before a raising verb (\"it seems that\"; lexicon/content.txt [raising_cues]): the writer's impression";
/// The reason of the `speaker-np` filter.
pub(super) const NO_NOUN_PHRASE: &str =
    "its speaker is no noun phrase by its POS tags (ends in a verb, adverb or preposition)";

/// Check `refusal`: a cue negated as a refusal or non-answer ("declined to comment",
/// "did not say whether") gives no claim; `sent_start` is its sentence's start.
pub(super) fn refusal(art: &Article, sent_start: usize, cue: Span) -> Option<&'static str> {
    is_nonclaim(art.body, sent_start, cue.start, cue.end, art.lex).then_some(REFUSAL)
}

/// Records `reason` for a dropped claim that had a cue.
fn reject(rejected: &mut Vec<RejectedCue>, r: &RawClaim, reason: &'static str) {
    if let Some((cue, _)) = &r.cue {
        rejected.push(RejectedCue { cue: *cue, reason });
    }
}

/// Filter `relayed`: "The article quoted unnamed sources who said ...": a claim whose
/// content opens with another claim's (unnamed) speaker only relays that claim; the
/// relayed claim keeps the conduit.
pub(super) fn relayed(_: &Article, raws: Vec<RawClaim>, _: &mut Vec<RejectedCue>) -> Vec<RawClaim> {
    let relayed: Vec<usize> = raws
        .iter()
        .filter(|r| r.conduit.is_some())
        .filter_map(|r| r.speaker.map(|s| s.start))
        .collect();
    raws.into_iter()
        .filter(|r| !relayed.contains(&r.span().start))
        .collect()
}

/// Filter `nested-in-quote`: a claim never spans two speakers: claims (in body order)
/// inside an earlier kept claim that quotes (direct or mixed) are dropped.
pub(super) fn nested_in_quote(
    _: &Article,
    raws: Vec<RawClaim>,
    _: &mut Vec<RejectedCue>,
) -> Vec<RawClaim> {
    let mut kept: Vec<RawClaim> = Vec::new();
    for r in raws {
        let rs = r.span();
        if kept.iter().any(|k| {
            let ks = k.span();
            rs.start >= ks.start && rs.end <= ks.end && k.kind != ClaimKind::Indirect
        }) {
            continue;
        }
        kept.push(r);
    }
    kept
}

/// Filter `proposition` ([`is_proposition`]): reported contents that are no
/// propositions: questions, infinitives, directives, refusals.
pub(super) fn proposition(
    art: &Article,
    mut raws: Vec<RawClaim>,
    rejected: &mut Vec<RejectedCue>,
) -> Vec<RawClaim> {
    raws.retain(|r| {
        let keep = is_proposition(&art.doc, r, art.lex);
        if !keep {
            reject(rejected, r, NO_PROPOSITION);
        }
        keep
    });
    raws
}

/// Filter `first-person`: "I"/"we" outside any quotation is the writer of the piece
/// (a column, an op-ed), whom the article does not name as a source: no claim.
pub(super) fn first_person(
    art: &Article,
    mut raws: Vec<RawClaim>,
    rejected: &mut Vec<RejectedCue>,
) -> Vec<RawClaim> {
    raws.retain(|r| {
        let Some(sp) = r.speaker else {
            return true;
        };
        // "I", "we" and their contractions ("as I've suggested").
        let first_person = art
            .body
            .get(sp.start..sp.end)
            .map(|s| s.to_lowercase().replace('’', "'"))
            .is_some_and(|s| {
                let pronoun = s.split('\'').next().unwrap_or("");
                matches!(pronoun, "i" | "we")
            });
        let keep = !first_person
            || art
                .quotes
                .iter()
                .any(|q| q.start <= sp.start && sp.end <= q.end);
        if !keep {
            reject(rejected, r, FIRST_PERSON);
        }
        keep
    });
    raws
}

/// Filter `empty-subject`: "it seems that ...", "it appeared that ...": the "it"
/// of a raising verb stands for no one (the writer's impression), so there is
/// no speaker to resolve it to.
pub(super) fn empty_subject(
    art: &Article,
    mut raws: Vec<RawClaim>,
    rejected: &mut Vec<RejectedCue>,
) -> Vec<RawClaim> {
    raws.retain(|r| {
        let (Some(sp), Some((_, cue))) = (r.speaker, r.cue.as_ref()) else {
            return true;
        };
        let empty = art
            .body
            .get(sp.start..sp.end)
            .is_some_and(|s| matches!(s.to_lowercase().as_str(), "it" | "there"))
            && art.lex.raising_cues.contains(&cue.lemma);
        if empty {
            reject(rejected, r, EMPTY_SUBJECT);
        }
        !empty
    });
    raws
}

/// Filter `speaker-np` ([`speaker_noun_phrase`]): a speaker is a noun phrase;
/// trailing adverbs are trimmed ("the nominee aggressively attacked"), one ending in
/// a verb or an adjective is no speaker.
pub(super) fn speaker_np(
    art: &Article,
    mut raws: Vec<RawClaim>,
    rejected: &mut Vec<RejectedCue>,
) -> Vec<RawClaim> {
    raws.retain_mut(|r| match r.speaker {
        Some(sp) => match speaker_noun_phrase(&art.doc, sp) {
            Some(np) => {
                r.speaker = Some(np);
                true
            }
            None => {
                reject(rejected, r, NO_NOUN_PHRASE);
                false
            }
        },
        None => true,
    });
    raws
}

/// Filter `nested-in-named` ([`drop_nested_raw`]): claims nested in another claim of
/// a named speaker are part of what that speaker said.
pub(super) fn nested_in_named(
    art: &Article,
    raws: Vec<RawClaim>,
    _: &mut Vec<RejectedCue>,
) -> Vec<RawClaim> {
    drop_nested_raw(raws, art.body, art.lex)
}

/// Is the cue negated as a refusal ("declined to comment", "did not say")?
fn is_nonclaim(
    body: &str,
    sent_start: usize,
    cue_start: usize,
    cue_end: usize,
    lex: &Lexicon,
) -> bool {
    let before = text::slice(body, sent_start, cue_start);
    let tail: String = before
        .chars()
        .rev()
        .take(40)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<String>()
        .to_lowercase()
        .replace('’', "'");
    let tail = tail.trim_end();
    let after: String = text::from(body, cue_end)
        .chars()
        .take(30)
        .collect::<String>()
        .to_lowercase();
    lex.nonclaims.iter().any(|n| {
        let n = n.as_str();
        tail.ends_with(n) || tail.ends_with(&format!("{n} comment on")) || {
            // "did not respond", "declined to comment" around the cue
            let joined = format!(
                "{tail} {}",
                text::slice(body, cue_start, cue_end).to_lowercase()
            );
            joined.ends_with(n)
        }
    }) || (tail.ends_with("not")
        || tail.ends_with("n't")
        || tail.ends_with("refused to")
        || tail.ends_with("declined to"))
        && (after.trim_start().starts_with("whether")
            || after.trim_start().starts_with("how")
            || after.trim_start().starts_with("what")
            || after.trim_start().starts_with("when")
            || after.trim_start().starts_with("why")
            || after.trim_start().starts_with("if"))
}

/// [`drop_nested`] before resolution, for outer claims whose speaker has a head
/// resolution can name (a name, role, pronoun or noun, not a bare quantifier).
fn drop_nested_raw(raws: Vec<RawClaim>, body: &str, lex: &Lexicon) -> Vec<RawClaim> {
    let outer: Vec<(Span, bool)> = raws
        .iter()
        .map(|r| {
            let named = r.speaker.is_some_and(|s| {
                segment::words(text::slice(body, s.start, s.end))
                    .iter()
                    .any(|(_, w)| {
                        let l = w.to_lowercase();
                        w.chars().next().is_some_and(char::is_uppercase)
                            || lex.roles.contains_key(&l)
                            || speaker::PRONOUNS.contains(&l.as_str())
                    })
            });
            (r.span(), named)
        })
        .collect();
    let inside = |ri: usize, oi: usize| {
        let (Some(r), Some((o, named))) = (raws.get(ri), outer.get(oi)) else {
            return false;
        };
        let rs = r.span();
        let anchor = r.cue.as_ref().map(|c| c.0.start).unwrap_or(rs.start);
        oi != ri
            && *named
            && o.contains(anchor)
            && r.speaker.is_none_or(|s| o.contains(s.start))
            && !(o.start >= rs.start && o.end <= rs.end)
    };
    let drop = outermost_nesting(raws.len(), inside);
    raws.into_iter()
        .zip(drop)
        .filter(|(_, d)| !d)
        .map(|(r, _)| r)
        .collect()
}

/// Which of `n` claims to drop, given `inside(i, o)` (claim `i` lies inside claim
/// `o`): those inside a claim that is not itself inside another (or inside
/// each other). A claim inside
/// a reported one only ("he acknowledged X was why he felt demoralized, …, Ham
/// noted Y": "felt" is reported, its runaway content no outer claim) stays.
fn outermost_nesting(n: usize, inside: impl Fn(usize, usize) -> bool) -> Vec<bool> {
    let nested: Vec<bool> = (0..n).map(|i| (0..n).any(|o| inside(i, o))).collect();
    // Two claims inside each other both go, as before.
    (0..n)
        .map(|i| {
            (0..n)
                .any(|o| inside(i, o) && (!nested.get(o).copied().unwrap_or(true) || inside(o, i)))
        })
        .collect()
}

/// The outer attribution wins: a claim whose cue (and speaker) lie inside another
/// claim's content is part of what that speaker said ("Stein said she plans to join …").
pub(super) fn drop_nested(claims: Vec<Claim>) -> Vec<Claim> {
    let inside = |ci: usize, oi: usize| {
        let (Some(c), Some(o)) = (claims.get(ci), claims.get(oi)) else {
            return false;
        };
        let same_report = c.group == o.group;
        let o = Span::new(o.start, o.end);
        let anchor = c.cue_start.unwrap_or(c.start);
        // (the sentences of one attribution are one report, not nested in each
        // other: "“First,” she said, “A. B.”" holds B's cue in A's span)
        oi != ci
            && !same_report
            && o.contains(anchor)
            && c.speaker_start.is_none_or(|s| o.contains(s))
            && !(o.start >= c.start && o.end <= c.end)
    };
    let drop = outermost_nesting(claims.len(), inside);
    claims
        .into_iter()
        .zip(drop)
        .filter(|(_, d)| !d)
        .map(|(c, _)| c)
        .collect()
}

/// The `speaker-np` check: the speaker span as a noun phrase by its tags, trailing
/// adverbs and floating quantifiers dropped ("the nominee aggressively", "Brown and
/// Menendez all"); `None` when it ends in a verb, an auxiliary, an adverb, a
/// preposition or a lone determiner or adjective ("Trump avoids", "she didn't",
/// "Recently", "Additional"). A capitalised word inside the sentence is a name
/// whatever its tag (the tagger is least sure of names); a lone quantifier
/// ("some", "many") is a speaker.
fn speaker_noun_phrase(doc: &crate::annotate::Doc, sp: Span) -> Option<Span> {
    let si = doc.seg.sentence_at(sp.start)?;
    let toks = doc.toks.get(si)?;
    let inside: Vec<(usize, &Tok)> = toks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.start >= sp.start && t.end <= sp.end)
        .collect();
    if inside.is_empty() {
        return Some(sp);
    }
    let mut last = inside.len();
    let mut trimmed = false;
    while last > 1 {
        let Some(&(k, t)) = inside.get(last - 1) else {
            break;
        };
        let floating = matches!(lower(t).as_str(), "all" | "both" | "each" | "alike");
        if t.kind == TokKind::Punct {
            last -= 1;
        } else if doc.tag(si, k) == Upos::Adv || floating {
            last -= 1;
            trimmed = true;
        } else {
            break;
        }
    }
    let (&(k, head), before) = inside.get(..last)?.split_last()?;
    let tag = doc.tag(si, k);
    let first_in_sentence = toks.iter().take(k).all(|t| t.kind == TokKind::Punct);
    // A double-barrelled name ("Medina-Sutherland") opening a sentence is a name
    // whatever the tagger makes of an unknown hyphenated word.
    let double_barrelled = head.text.contains('-')
        && head
            .text
            .split('-')
            .all(|p| p.chars().next().is_some_and(char::is_uppercase));
    let name = speaker::is_cap(head)
        && (!first_in_sentence
            || double_barrelled
            || !matches!(tag, Upos::Adv | Upos::Verb | Upos::Aux | Upos::Adj));
    let quantifier = last == 1 && speaker::QUANTIFIERS.contains(&lower(head).as_str());
    // After a possessive the head is a noun ("Trump's plan"), whatever the tagger says.
    let possessed = before.iter().any(|&(_, t)| {
        let p = t.text;
        p.ends_with("'s") || p.ends_with("’s") || p.ends_with("s'")
    });
    let noun_like = matches!(
        tag,
        Upos::Noun | Upos::Propn | Upos::Pron | Upos::Num | Upos::X | Upos::Sym
    );
    let end = if trimmed {
        head.end.max(sp.start)
    } else {
        sp.end
    };
    // After a determiner the head is a noun too ("people familiar with the plans",
    // however the tagger read "plans").
    let after_determiner = before
        .last()
        .is_some_and(|&(j, _)| doc.tag(si, j) == Upos::Det);
    (noun_like || name || quantifier || possessed || after_determiner)
        .then(|| Span::new(sp.start, end))
}

/// The `proposition` filter: a reported content (indirect speech) that opens
/// with a question word or an infinitive ("asked whether ...", "plans to ...")
/// or is a directive after a request cue, an object before "to" and a verb
/// ("told his advisers to find a way", "called on the company to reopen"),
/// reports no proposition. Quotes are kept as they are. Word lists in
/// `lexicon/content.txt`; the verb test uses the POS tagger.
fn is_proposition(doc: &crate::annotate::Doc, r: &RawClaim, lex: &Lexicon) -> bool {
    // A direct quotation is the speaker's own sentence (its questions and commands
    // are told apart per sentence in resolve); reported and mixed content is read here.
    if r.kind == ClaimKind::Direct {
        return true;
    }
    let Some(&first_piece) = r.pieces.first() else {
        return true;
    };
    if speaker_after_object_pronoun(doc, r, lex) {
        return false;
    }
    // "How do you know when it is worth paying more?", "Can you imagine if ...?":
    // a report inside a question the writer asks asserts nothing. (A question
    // mark before a closing quotation mark is the quoted speaker's.)
    let asked = r.cue.is_some()
        && doc
            .seg
            .sentences
            .get(r.sentence)
            .and_then(|s| doc.body.get(s.start..s.end))
            .is_some_and(|s| s.trim_end().ends_with('?'));
    if asked {
        return false;
    }
    // The words with the tags the document gave them in their sentence.
    let first_words = piece_words(doc, &[first_piece]);
    let (words, tags): (Vec<String>, Vec<Upos>) = first_words.iter().take(10).cloned().unzip();
    let Some(first) = words.first() else {
        return true;
    };
    // "asked not to be named", "vowed never to return": a negated infinitive.
    let opener = match (first.as_str(), words.get(1)) {
        ("not" | "never", Some(next)) => next,
        _ => first,
    };
    if lex.not_proposition_start.contains(opener) {
        return false;
    }
    // "felt betrayed when ...", "thought of the days when ...": a content that
    // opens with a participle ("-ed", "-en") or with "of"/"about", or follows a
    // cue ending in them ("spoke of", "talked about") without "that" or "how",
    // has no subject of its own; it completes the cue ("felt betrayed") or
    // names a topic, it reports no clause. (A gerund is a proposal: "proposed
    // reducing the rate".)
    let participle =
        tags.first() == Some(&Upos::Verb) && (first.ends_with("ed") || first.ends_with("en"));
    let topic_cue = r.cue.as_ref().is_some_and(|(sp, _)| {
        doc.body
            .get(sp.start..sp.end)
            .and_then(|c| c.rsplit(' ').next())
            .is_some_and(|w| matches!(w, "of" | "about"))
    });
    // ("criticized as fiendishly complicated what ...": "as" and a modifier.)
    let described_as = first == "as" && matches!(tags.get(1), Some(Upos::Adj | Upos::Adv));
    let topic = (tags.first() == Some(&Upos::Adp) && matches!(first.as_str(), "of" | "about"))
        || described_as
        || (topic_cue && tags.first() != Some(&Upos::Sconj) && first != "how");
    if r.kind == ClaimKind::Indirect && (participle || topic) {
        return false;
    }
    // "said it did not comment on individual cases": a reported refusal
    // (lexicon/nonclaims.txt) opening the content asserts nothing.
    // A phrase ending in "to" refuses speech only before a speech verb (a cue
    // form, or the verb of a `[non_answer]` phrase of relation.txt: "comment",
    // "discuss"); "he refused to follow her commands" reports a deed.
    let opening: Vec<&str> = words.iter().take(7).map(String::as_str).collect();
    let speech_verb = |w: &str| {
        lex.cues.contains_key(w)
            || lex.relation.non_answer.iter().any(|p| {
                p.windows(2)
                    .any(|pair| matches!(pair, [to, v] if to == "to" && v == w))
            })
    };
    if lex.nonclaims.iter().any(|n| {
        let phrase: Vec<String> = n.split_whitespace().map(str::to_string).collect();
        crate::lexicon::find_phrase(&opening, &phrase)
            .iter()
            .any(|&at| {
                phrase.last().map(String::as_str) != Some("to")
                    || words.get(at + phrase.len()).is_some_and(|w| speech_verb(w))
            })
    }) {
        return false;
    }
    // "disputed that account": "that" is a determiner when no verb follows it
    // in a short content; a complement clause has a verb (unless the tagger read
    // "that" as a complementiser and missed the verb: "said that prices of oil rose").
    // (a word the tagger took for a noun that WordNet knows only as a verb is
    // one: "that Lanz represents “New York values”")
    if first == "that"
        && tags.first() != Some(&Upos::Sconj)
        && first_words.len() <= 10
        && !words
            .iter()
            .zip(&tags)
            .skip(1)
            .any(|(w, t)| matches!(t, Upos::Verb | Upos::Aux) || only_a_verb(w))
    {
        return false;
    }
    // The tagger tells "that" apart: a determiner opens a noun phrase ("rejected
    // that argument in a ruling released Thursday"); a pronoun right after a noun
    // opens a relative clause ("reclaim the land that had been ravaged"), not a
    // report ("said that was not her view" has the cue before it).
    if first == "that" {
        // The noun before "that" must be no part of the cue ("told reporters") nor
        // the addressee of a cue that takes one ("told the council that …").
        let (cue_end, addressee) = r.cue.as_ref().map_or((0, false), |(sp, c)| {
            (sp.end, lex.directive_cues.contains(&c.lemma))
        });
        let word_before = sentence_to(doc, first_piece.start, first_piece.start)
            .into_iter()
            .rfind(|(t, _)| t.kind == TokKind::Word)
            .filter(|(t, _)| t.start >= cue_end && !addressee)
            .map(|(_, g)| g);
        // (the tagger is least sure of "that" after a time word or a name: a
        // pronoun must be followed by a verb, a determiner by a noun and then a
        // preposition, punctuation or nothing)
        let relative = tags.first() == Some(&Upos::Pron)
            && matches!(tags.get(1), Some(Upos::Aux | Upos::Verb))
            && word_before == Some(Upos::Noun);
        let determiner = tags.first() == Some(&Upos::Det)
            && tags.get(1) == Some(&Upos::Noun)
            && tags
                .get(2)
                .is_none_or(|t| matches!(t, Upos::Adp | Upos::Punct | Upos::Cconj));
        if determiner || relative {
            return false;
        }
    }
    // "demanded that police release the video", "urged that the plant be closed":
    // after a mandative cue (lexicon/content.txt) a "that" clause whose first verb
    // is bare (no -s, -ed, -ing; or "be") is a demand, not a statement.
    let mandative_cue = r
        .cue
        .as_ref()
        .is_some_and(|(_, c)| lex.mandative_cues.contains(&c.lemma));
    if mandative_cue && first == "that" {
        let verb = words
            .iter()
            .zip(&tags)
            .skip(1)
            .find(|(_, t)| matches!(t, Upos::Verb | Upos::Aux));
        let bare = verb.is_some_and(|(w, t)| {
            w == "be"
                || (*t == Upos::Verb
                    && !(w.ends_with('s') || w.ends_with("ed") || w.ends_with("ing")))
        });
        if bare {
            return false;
        }
    }
    // "She knows the gritty specifics of health policy, and …", "supported
    // Democrats during his time on air, which …": a cue's object is a thing or a
    // deed unless its first clause (to a comma or a dash) has a verb ("thinks the
    // economy will grow") or it opens with "that". Denials take things ("denied
    // any wrongdoing"); the cues of `[clausal_cues]` take propositions whatever
    // their first clause ("said the program, run by the ministry, has grown").
    let class = r.cue.as_ref().map(|(_, c)| c.class.as_str());
    let object_is_thing = r
        .cue
        .as_ref()
        .is_some_and(|(_, c)| c.class != "deny" && !lex.clausal_cues.contains(&c.lemma));
    if object_is_thing && r.kind == ClaimKind::Indirect && first != "that" {
        let clause = if class == Some("believe") {
            first_clause_has_verb(doc, first_piece)
        } else {
            r.pieces
                .iter()
                .any(|&p| has_verb_outside_relatives(doc, p, lex))
        };
        if !clause {
            return false;
        }
    }
    // "He claimed vast wealth", "referred to her 'sex tape'": a short reported content
    // without any verb is the cue's object, a thing and not a proposition. A denial's
    // object is one ("denied any involvement in the attacks": it was not involved).
    let denial = r.cue.as_ref().is_some_and(|(_, c)| c.class == "deny");
    let all_words = piece_words(doc, &r.pieces);
    // A subject pronoun makes a clause even where the tagger misses its verb ("they back
    // the levy").
    let subject_pronoun = all_words
        .iter()
        .any(|(w, _)| matches!(w.as_str(), "i" | "he" | "she" | "we" | "they"));
    // A mixed content is often a naming verb's object and its quoted name ("called
    // the ruling \u{201c}a huge win\u{201d}"): an evaluation the speaker made, kept.
    let mixed = r.kind == ClaimKind::Mixed;
    // (a "that" the tagger reads as a complementiser opens a clause even where it
    // missed the clause's verb: "said that prices of oil rose")
    // (not after a mandative cue, whose bare verb the tagger may miss: "demanded
    // that the harbour master resign")
    let complementiser = first == "that" && tags.first() == Some(&Upos::Sconj) && !mandative_cue;
    if all_words.len() <= 8
        && !complementiser
        && !denial
        && !subject_pronoun
        && !mixed
        && !all_words
            .iter()
            .any(|(_, t)| matches!(t, Upos::Verb | Upos::Aux))
    {
        return false;
    }
    let directive_cue = r
        .cue
        .as_ref()
        .is_some_and(|(_, c)| lex.directive_cues.contains(&c.lemma));
    let Some(to) = words
        .iter()
        .position(|w| w == "to")
        .filter(|&k| directive_cue && (1..=6).contains(&k))
    else {
        return true;
    };
    let verb_before = tags
        .iter()
        .take(to)
        .any(|t| matches!(t, Upos::Verb | Upos::Aux));
    // (past an adverb or a quotation mark: "called on them to \"really call out\" …")
    let verb_after = tags
        .iter()
        .skip(to + 1)
        .find(|t| !matches!(t, Upos::Adv | Upos::Punct))
        == Some(&Upos::Verb);
    // "attempts to infiltrate the program were made": an auxiliary later makes the
    // phrase before it a subject, and the content a proposition; one inside a relative
    // clause does not ("to refrain from actions that would worsen it").
    let aux_later = words
        .iter()
        .zip(tags.iter())
        .skip(to + 2)
        .take_while(|(w, _)| {
            !matches!(
                w.as_str(),
                "that" | "which" | "who" | "whom" | "whose" | "where" | "when"
            )
        })
        .any(|(_, t)| *t == Upos::Aux);
    !(verb_after && !verb_before && !aux_later)
}

/// Does WordNet know `word` (lowercase, maybe inflected) only as a verb, never
/// as a noun or adjective ("represents", "denied")? Then a tagger's "noun" for
/// it is a slip.
fn only_a_verb(word: &str) -> bool {
    use crate::relate::wordnet::{Pos, WordNet};
    let pos = WordNet::builtin().pos_of(word);
    pos.contains(Pos::Verb) && !pos.contains(Pos::Noun) && !pos.contains(Pos::Adj)
}

/// Has the content `piece` a verb (by the document's tags) before its first comma,
/// semicolon, colon or dash?
fn first_clause_has_verb(doc: &crate::annotate::Doc, piece: Span) -> bool {
    let mut words = doc.tagged_in(piece.start, piece.end).peekable();
    // (a piece the document has no tokens for is given the benefit of the doubt)
    words.peek().is_none()
        || words
            .take_while(|(t, _)| !breaks_clause(t))
            .any(|(_, g)| matches!(g, Upos::Verb | Upos::Aux))
}

/// Does the speaker, before its cue, directly follow an object pronoun
/// (`[object_pronouns]`: "which RT pointed to as an example", "what Trump says his
/// plan would do"), not a relative pronoun after a preposition ("in which
/// Democrats argued that")?
/// Then that pronoun is the cue's object and what follows the cue is no
/// proposition of its own.
fn speaker_after_object_pronoun(doc: &crate::annotate::Doc, r: &RawClaim, lex: &Lexicon) -> bool {
    let (Some(sp), Some((cue, _))) = (r.speaker, r.cue.as_ref()) else {
        return false;
    };
    if sp.end > cue.start {
        return false;
    }
    // The words to the speaker's end; the pronoun may sit just before the speaker
    // or inside a phrase taken for it ("The gap between what Trump").
    let words = sentence_to(doc, sp.start, sp.end);
    let first_in_speaker = words
        .iter()
        .position(|(t, _)| t.start >= sp.start)
        .unwrap_or(words.len());
    (first_in_speaker.saturating_sub(1)..words.len().saturating_sub(1)).any(|k| {
        words.get(k).is_some_and(|(t, _)| {
            let w = t.text.to_lowercase();
            // After a preposition a relative pronoun is the preposition's ("in
            // which"); "what" is still the cue's ("between what Trump says").
            let pied_piped = lex.relative_pronouns.contains(&w)
                && k > 0
                && words.get(k - 1).is_some_and(|(_, g)| *g == Upos::Adp);
            lex.object_pronouns.contains(&w) && !pied_piped
        })
    })
}

/// The tagged tokens from the start of the sentence holding byte `at` to byte `end`.
fn sentence_to<'d, 'a>(
    doc: &'d crate::annotate::Doc<'a>,
    at: usize,
    end: usize,
) -> Vec<(&'d Tok<'a>, Upos)> {
    doc.seg
        .sentence_at(at)
        .and_then(|si| doc.seg.sentences.get(si))
        .map_or_else(Vec::new, |sent| doc.tagged_in(sent.start, end).collect())
}

/// A token that ends a clause for the verb checks: a comma, semicolon, colon or dash.
fn breaks_clause(t: &Tok) -> bool {
    matches!(t.text, "," | ";" | ":" | "\u{2014}" | "\u{2013}" | "--")
}

/// Has the content `piece` a verb (by the document's tags) outside the relative
/// clauses that comment on its nouns ("Democrats during his time on air, which let
/// him go" has none; "Cruz, who was born in Cuba, of associating with …" has one)?
/// A relative clause runs from its pronoun to the next comma or dash.
fn has_verb_outside_relatives(doc: &crate::annotate::Doc, piece: Span, lex: &Lexicon) -> bool {
    let mut words = doc.tagged_in(piece.start, piece.end).peekable();
    if words.peek().is_none() {
        return true;
    }
    let mut in_relative = false;
    let mut after_preposition = false;
    for (t, g) in words {
        // "accused X of associating with …": a gerund after a preposition is a
        // verb, though the tagger often reads it as a noun.
        let gerund = after_preposition
            && t.text.len() > 5
            && t.text.ends_with("ing")
            && t.text.starts_with(|c: char| c.is_lowercase());
        if breaks_clause(t) {
            in_relative = false;
        } else if lex.relative_pronouns.contains(&t.text.to_lowercase()) {
            in_relative = true;
        } else if !in_relative && (matches!(g, Upos::Verb | Upos::Aux) || gerund) {
            return true;
        }
        after_preposition = g == Upos::Adp;
    }
    false
}

/// The words of `pieces` (lower case, curly apostrophes made straight) with the
/// tags the document gave them in their sentences: read, not tagged again.
fn piece_words(doc: &crate::annotate::Doc, pieces: &[Span]) -> Vec<(String, Upos)> {
    pieces
        .iter()
        .flat_map(|p| doc.tagged_in(p.start, p.end))
        .filter(|(t, _)| t.kind == TokKind::Word)
        .map(|(t, g)| (t.text.to_lowercase().replace('\u{2019}', "'"), g))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;

    #[test]
    fn refusal_is_no_claim() {
        let art = article("The council did not say whether the levy would rise.");
        assert_eq!(refusal(&art, 0, find(&art, "say")), Some(REFUSAL));
        let art = article("The council said the levy would rise.");
        assert_eq!(refusal(&art, 0, find(&art, "said")), None);
    }

    #[test]
    fn relayed_claim_gives_way_to_the_one_it_relays() {
        let art = article("The paper quoted unnamed sources who said the talks failed.");
        let outer = raw(
            &art,
            "unnamed sources who said the talks failed",
            Some("The paper"),
            Some("quoted"),
            ClaimKind::Indirect,
        );
        let mut inner = raw(
            &art,
            "the talks failed",
            Some("unnamed sources"),
            Some("said"),
            ClaimKind::Indirect,
        );
        inner.conduit = Some(find(&art, "The paper"));
        let mut rejected = Vec::new();
        let kept = relayed(&art, vec![outer, inner], &mut rejected);
        assert_eq!(kept.len(), 1);
        assert_eq!(pieces(&art, &kept[0]), ["the talks failed"]);
        assert!(rejected.is_empty());
    }

    #[test]
    fn nested_in_quote_drops_claims_inside_a_quoting_claim() {
        let art = article("She said the mayor had promised to fix the roads by June.");
        let outer = raw(
            &art,
            "the mayor had promised to fix the roads by June",
            Some("She"),
            Some("said"),
            ClaimKind::Direct,
        );
        let inner = raw(
            &art,
            "to fix the roads by June",
            Some("the mayor"),
            Some("promised"),
            ClaimKind::Indirect,
        );
        let kept = nested_in_quote(&art, vec![outer.clone(), inner.clone()], &mut Vec::new());
        assert_eq!(kept.len(), 1);
        let outer = RawClaim {
            kind: ClaimKind::Indirect,
            ..outer
        };
        let kept = nested_in_quote(&art, vec![outer, inner], &mut Vec::new());
        assert_eq!(kept.len(), 2);
    }

    #[test]
    fn proposition_drops_embedded_questions() {
        let art = article("The mayor asked whether the bridge was safe.");
        let r = raw(
            &art,
            "whether the bridge was safe",
            Some("The mayor"),
            Some("asked"),
            ClaimKind::Indirect,
        );
        let mut rejected = Vec::new();
        assert!(proposition(&art, vec![r], &mut rejected).is_empty());
        assert_eq!(
            rejected,
            [RejectedCue {
                cue: find(&art, "asked"),
                reason: NO_PROPOSITION
            }]
        );
        let art = article("The mayor said the bridge was safe.");
        let r = raw(
            &art,
            "the bridge was safe",
            Some("The mayor"),
            Some("said"),
            ClaimKind::Indirect,
        );
        assert_eq!(proposition(&art, vec![r], &mut Vec::new()).len(), 1);
    }

    #[test]
    fn first_person_contraction_outside_quotes_is_the_writer() {
        let art = article("As I\u{2019}ve argued, the tax plan helps builders.");
        let writer = raw(
            &art,
            "the tax plan helps builders",
            Some("I\u{2019}ve"),
            Some("argued"),
            ClaimKind::Indirect,
        );
        let mut rejected = Vec::new();
        assert!(first_person(&art, vec![writer], &mut rejected).is_empty());
        assert_eq!(rejected.len(), 1);
    }

    #[test]
    fn an_empty_it_before_a_raising_verb_is_no_speaker() {
        let art = article(
            "It appeared that the Kellow depot was closed. Brannock Retail said the depot was shut.",
        );
        let writer = raw(
            &art,
            "the Kellow depot was closed",
            Some("It"),
            Some("appeared"),
            ClaimKind::Indirect,
        );
        let named = raw(
            &art,
            "the depot was shut",
            Some("Brannock Retail"),
            Some("said"),
            ClaimKind::Indirect,
        );
        let mut rejected = Vec::new();
        let kept = empty_subject(&art, vec![writer, named], &mut rejected);
        assert_eq!(kept.len(), 1);
        assert_eq!(speaker_text(&art, &kept[0]), Some("Brannock Retail"));
        assert_eq!(
            rejected,
            [RejectedCue {
                cue: find(&art, "appeared"),
                reason: EMPTY_SUBJECT
            }]
        );
    }

    #[test]
    fn first_person_outside_quotes_is_the_writer() {
        let art =
            article("I said the bridge was safe. \u{201c}We said so before,\u{201d} she added.");
        let writer = raw(
            &art,
            "the bridge was safe",
            Some("I"),
            Some("said"),
            ClaimKind::Indirect,
        );
        let quoted = raw(&art, "so before", Some("We"), None, ClaimKind::Indirect);
        let mut rejected = Vec::new();
        let kept = first_person(&art, vec![writer, quoted], &mut rejected);
        assert_eq!(kept.len(), 1);
        assert_eq!(speaker_text(&art, &kept[0]), Some("We"));
        assert_eq!(
            rejected,
            [RejectedCue {
                cue: find(&art, "said"),
                reason: FIRST_PERSON
            }]
        );
    }

    #[test]
    fn speaker_np_trims_adverbs_and_drops_non_noun_phrases() {
        let art = article("The nominee aggressively said the plan was dead.");
        let r = raw(
            &art,
            "the plan was dead",
            Some("The nominee aggressively"),
            Some("said"),
            ClaimKind::Indirect,
        );
        let kept = speaker_np(&art, vec![r], &mut Vec::new());
        assert_eq!(speaker_text(&art, &kept[0]), Some("The nominee"));
        let art = article("Recently said the plan was dead.");
        let r = raw(
            &art,
            "the plan was dead",
            Some("Recently"),
            Some("said"),
            ClaimKind::Indirect,
        );
        let mut rejected = Vec::new();
        assert!(speaker_np(&art, vec![r], &mut rejected).is_empty());
        assert_eq!(rejected[0].reason, NO_NOUN_PHRASE);
    }

    #[test]
    fn speaker_np_keeps_a_double_barrelled_name_opening_the_sentence() {
        let art = article("Okonjo-Brandt also said the plan was dead.");
        let r = raw(
            &art,
            "the plan was dead",
            Some("Okonjo-Brandt also"),
            Some("said"),
            ClaimKind::Indirect,
        );
        let kept = speaker_np(&art, vec![r], &mut Vec::new());
        assert_eq!(speaker_text(&art, &kept[0]), Some("Okonjo-Brandt"));
    }

    #[test]
    fn nested_in_named_keeps_the_outer_attribution() {
        let art = article("Quist said the mayor claimed the bridge was safe.");
        let outer = raw(
            &art,
            "the mayor claimed the bridge was safe",
            Some("Quist"),
            Some("said"),
            ClaimKind::Indirect,
        );
        let inner = raw(
            &art,
            "the bridge was safe",
            Some("the mayor"),
            Some("claimed"),
            ClaimKind::Indirect,
        );
        let kept = nested_in_named(&art, vec![outer, inner], &mut Vec::new());
        assert_eq!(kept.len(), 1);
        assert_eq!(speaker_text(&art, &kept[0]), Some("Quist"));
    }

    #[test]
    fn drop_nested_drops_resolved_claims_inside_another() {
        let ex = crate::extract::extract(
            "The mayor said the bridge was safe for heavy lorries.",
            lex(),
        );
        assert_eq!(ex.claims.len(), 1);
        let outer = ex.claims[0].clone();
        let mut inner = outer.clone();
        inner.start += 4;
        inner.cue_start = Some(outer.start + 4);
        inner.speaker_start = None;
        inner.group = outer.group + 1;
        assert_eq!(drop_nested(vec![outer, inner]).len(), 1);
    }

    #[test]
    fn the_sentences_of_an_interrupted_quote_are_not_nested_in_each_other() {
        let ex = crate::extract::extract(
            "\u{201c}First and foremost,\u{201d} Nadia Lanz said, \u{201c}I would never wish it on anyone. But I also think the levy is unfair.\u{201d}",
            lex(),
        );
        let texts: Vec<&str> = ex.claims.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "First and foremost I would never wish it on anyone.",
                "But I also think the levy is unfair."
            ]
        );
        assert_eq!(ex.claims[0].group, ex.claims[1].group);
    }
}
