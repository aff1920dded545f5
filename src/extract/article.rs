//! The article-level sieves, run after every sentence's own sieves.
//!
//! Takes: the [`Article`], the claims the sentence sieves gave, and the flags of the
//! quotations they took (one per quotation). Gives: the claims with those of
//! `colon-headline` (`Pence: …` as the first line), `transcript` (`Q: … / A: …`
//! interviews and `PENCE: …` turns; what is said inside a turn is the turn's or no
//! claim), `dash-attribution` (`"…" ― Ann Lee` ending a paragraph) and `unattributed-quote` (a quotation with no cue of its own:
//! `paragraph-speaker` / `conversation`) added, in that order.

use super::clause::{kind_for, tidy_content};
use super::{Article, RawClaim};
use crate::lexicon::{Cue, Lexicon};
use crate::model::{ClaimKind, Span};
use crate::segment::Segmented;
use crate::text;

/// Sieve `colon-headline`: "Pence: Flowers won't be at the debate" as the first
/// line, with no other claim in it, when the head names a speaker the story itself
/// names again ("Pence: …" over a story quoting Pence), not a slogan ("Stealth Over
/// Health: …").
pub(super) fn colon_headline(art: &Article, raws: &mut Vec<RawClaim>, _: &mut [bool]) {
    let (body, seg, quotes) = (art.body, &art.doc.seg, &art.quotes);
    let Some(first) = seg.sentences.first() else {
        return;
    };
    let line = text::slice(body, first.start, first.end);
    if line.contains('\n') || raws.iter().any(|r| r.sentence == 0) {
        return;
    }
    let Some(ci) = line.find(": ") else {
        return;
    };
    let head = text::upto(line, ci);
    let words: Vec<&str> = head.split_whitespace().collect();
    let rest = body.get(first.end..).unwrap_or("");
    // The head is a name: its last word a noun by the tagger ("The Latest:" is
    // an adjective, a column's label, nobody's words).
    let head_end = first.start + ci;
    let head_is_noun = art.doc.toks.first().is_some_and(|toks| {
        toks.iter()
            .rposition(|t| t.end <= head_end && t.kind == crate::segment::TokKind::Word)
            .is_some_and(|k| {
                matches!(
                    art.doc.tag(0, k),
                    crate::annotate::tagger::Upos::Propn | crate::annotate::tagger::Upos::Noun
                )
            })
    });
    if !((1..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && head_is_noun
        && named_again(&words, rest))
    {
        return;
    }
    if let Some(c) = tidy_content(body, first.start + ci + 2, first.end) {
        raws.push(RawClaim {
            kind: kind_for(body, quotes, &[c]),
            pieces: vec![c],
            speaker: Some(Span::new(first.start, first.start + ci)),
            cue: Some((
                Span::new(first.start + ci, first.start + ci + 1),
                Cue {
                    class: "assert".into(),
                    lemma: ":".into(),
                    words: vec![":".into()],
                    derived: false,
                },
            )),
            sentence: 0,
            content_rule: "colon-headline",
            speaker_rule: "colon-headline",
            conduit: None,
        });
    }
}

/// Sieve `transcript` ([`transcript_turns`]): each turn's claim; what is said inside
/// a turn is the turn's speaker's (an answer) or no claim (a question: "In February
/// you said ...?"), so claims the earlier sieves found inside turns are dropped.
pub(super) fn transcript(art: &Article, raws: &mut Vec<RawClaim>, used_quote: &mut [bool]) {
    let (turns, questions) = transcript_turns(art.body, &art.doc.seg, &art.boiler, art.lex);
    if turns.is_empty() && questions.is_empty() {
        return;
    }
    raws.retain(|r| {
        let sp = r.span();
        !turns
            .iter()
            .map(RawClaim::span)
            .chain(questions.iter().copied())
            .any(|t| t.start <= sp.start && sp.end <= t.end)
    });
    for t in &turns {
        for (q, used) in art.quotes.iter().zip(used_quote.iter_mut()) {
            if t.span().start <= q.start && q.end <= t.span().end {
                *used = true;
            }
        }
    }
    raws.extend(turns);
}

/// Sieve `dash-attribution`: a quotation closed by a dash and a name that ends
/// its paragraph (`"…" ― Sonya Herridge`, `"…" — Ann Lee, a nurse`), the way
/// quotes are credited in round-ups, epigraphs and letters pages.
pub(super) fn dash_attribution(art: &Article, raws: &mut Vec<RawClaim>, used_quote: &mut [bool]) {
    let (body, seg) = (art.body, &art.doc.seg);
    for (q, used) in art.quotes.iter().zip(used_quote.iter_mut()) {
        if *used || !q.closed || art.in_boiler(q.start) || q.words(body) < 3 {
            continue;
        }
        let Some(p) = seg.paragraphs.get(q.last_para) else {
            continue;
        };
        let Some(name) = dash_name(body, q.close, p.end) else {
            continue;
        };
        if raws
            .iter()
            .any(|r| r.span().overlaps(&Span::new(q.start, q.end)))
        {
            continue;
        }
        *used = true;
        raws.push(RawClaim {
            kind: ClaimKind::Direct,
            pieces: vec![Span::new(q.start, q.end)],
            speaker: Some(name),
            cue: None,
            sentence: seg.sentence_at(q.start).unwrap_or(0),
            content_rule: "dash-attribution",
            speaker_rule: "dash-attribution",
            conduit: None,
        });
    }
}

/// The name credited after a closing quotation mark at `from`: a dash, then one
/// to five capitalised words or initials, then at most a comma and a short
/// description, and the paragraph's end at `para_end`. Gives the name's span.
fn dash_name(body: &str, from: usize, para_end: usize) -> Option<Span> {
    let tail = body.get(from..para_end)?;
    let rest = tail.trim_start();
    let dash = ["\u{2015}", "\u{2014}", "\u{2013}", "--"]
        .into_iter()
        .find(|d| rest.starts_with(d))?;
    let after = rest.get(dash.len()..)?;
    let lead = after.len() - after.trim_start().len();
    let name_at = from + (tail.len() - rest.len()) + dash.len() + lead;
    let text = body.get(name_at..para_end)?.trim_end();
    let text = text.trim_end_matches(['.', ' ', '\u{a0}']);
    let (name, description) = match text.split_once(',') {
        Some((n, d)) => (n.trim_end(), Some(d.trim())),
        None => (text, None),
    };
    let words: Vec<&str> = name.split_whitespace().collect();
    let name_like = (1..=5).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && words
            .iter()
            .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 1);
    // The description is a short noun phrase ("a nurse in Ohio"), not a sentence.
    let short = description.is_none_or(|d| !d.is_empty() && d.split_whitespace().count() <= 12);
    (name_like && short && !name.contains(['"', '\u{201c}', '\u{201d}']))
        .then(|| Span::new(name_at, name_at + name.len()))
}

/// Sieve `unattributed-quote`: a quotation of four words or more that no claim took
/// and no claim overlaps takes the speaker of the nearest attributed claim of its
/// paragraph (`paragraph-speaker`) or, when it opens its paragraph, of the previous
/// paragraph's last one (`conversation`). Sorts the claims by start first.
pub(super) fn unattributed_quote(art: &Article, raws: &mut Vec<RawClaim>, used_quote: &mut [bool]) {
    let (body, seg) = (art.body, &art.doc.seg);
    raws.sort_by_key(|r| r.span().start);
    for (q, &used) in art.quotes.iter().zip(used_quote.iter()) {
        if used || art.in_boiler(q.start) || q.words(body) < 4 {
            continue;
        }
        // A title after a word ("said on CNN's \"State of the Union.\"") is no one's words.
        let para_start = art
            .doc
            .seg
            .paragraphs
            .get(q.first_para)
            .map_or(0, |p| p.start);
        if q.is_title_after_word(body, para_start) {
            continue;
        }
        if raws
            .iter()
            .any(|r| r.span().overlaps(&Span::new(q.start, q.end)))
        {
            continue;
        }
        let para = q.first_para;
        let Some(p) = seg.paragraphs.get(para) else {
            continue;
        };
        let whole_para = q.open == p.start;
        // Nearest attributed claim in the same paragraph, else the previous paragraph's last one
        // when this quotation opens its paragraph.
        let same_para: Option<&RawClaim> = raws
            .iter()
            .filter(|r| r.speaker.is_some() && r.span().start >= p.start && r.span().end <= p.end)
            .min_by_key(|r| (r.span().start as i64 - q.start as i64).abs());
        let (src, rule) = if let Some(r) = same_para {
            (Some(r), "paragraph-speaker")
        } else if let Some(prev) = para
            .checked_sub(1)
            .and_then(|k| seg.paragraphs.get(k))
            .filter(|_| whole_para)
        {
            (
                raws.iter()
                    .filter(|r| {
                        r.speaker.is_some()
                            && r.span().start >= prev.start
                            && r.span().end <= prev.end
                    })
                    .max_by_key(|r| r.span().end),
                "conversation",
            )
        } else {
            (None, "")
        };
        if let Some(r) = src {
            let sidx = seg.sentence_at(q.start).unwrap_or(0);
            let new = RawClaim {
                kind: ClaimKind::Direct,
                pieces: vec![Span::new(q.start, q.end)],
                speaker: r.speaker,
                cue: None,
                sentence: sidx,
                content_rule: "unattributed-quote",
                speaker_rule: rule,
                conduit: r.conduit,
            };
            raws.push(new);
        }
    }
}

/// Whether every content word of a headline's head ("Pence", "Mike Pence") is
/// written again in the rest of the story, as a name or in capitals.
fn named_again(words: &[&str], rest: &str) -> bool {
    let key = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .trim_end_matches("'s")
            .trim_end_matches("’s")
            .to_lowercase()
    };
    let seen: std::collections::HashSet<String> = crate::segment::words(rest)
        .into_iter()
        .filter(|(_, w)| w.chars().next().is_some_and(char::is_uppercase))
        .map(|(_, w)| key(w))
        .collect();
    let content: Vec<String> = words
        .iter()
        .map(|w| key(w))
        .filter(|w| {
            w.chars().count() > 1
                && !matches!(
                    w.as_str(),
                    "the" | "an" | "of" | "on" | "in" | "and" | "for" | "to"
                )
        })
        .collect();
    !content.is_empty() && content.iter().all(|w| seen.contains(w))
}

/// The `transcript` sieve: paragraphs that open with a speaker label. In an
/// interview laid out as "Q: …" / "A: …" (both labels present), every answer is a
/// direct claim of the interviewee, left to resolution by salience (the person the
/// story introduced); questions are not claims. A label in capitals ("PENCE: …",
/// "MR. VALE: …", an opening quotation mark allowed) is the speaker when the story
/// names that speaker elsewhere (so "CLARIFICATION:" or "UPDATE:" are not); a turn
/// ending in a question mark is a question, not a claim.
fn transcript_turns(
    body: &str,
    seg: &Segmented,
    boiler: &[Span],
    lex: &Lexicon,
) -> (Vec<RawClaim>, Vec<Span>) {
    struct Turn {
        label: Span,
        content: Span,
        qa: Option<bool>,
    }
    let mut turns = Vec::new();
    for p in &seg.paragraphs {
        if boiler.iter().any(|b| b.contains(p.start)) {
            continue;
        }
        let Some(text) = body.get(p.start..p.end) else {
            continue;
        };
        let lead = text.len() - text.trim_start_matches(['"', '“', ' ']).len();
        let rest = text::from(text, lead);
        let Some(colon) = rest.get(..rest.len().min(32)).and_then(|h| h.find(": ")) else {
            continue;
        };
        let label = text::upto(rest, colon);
        let qa = match label {
            "Q" | "Question" | "QUESTION" => Some(false),
            "A" | "Answer" | "ANSWER" => Some(true),
            _ => None,
        };
        let letters = label.chars().filter(|c| c.is_alphabetic()).count();
        let capitals = letters >= 2
            && label
                .chars()
                .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '\'' | '’' | '-'));
        if qa.is_none() && !capitals {
            continue;
        }
        let cs = p.start + lead + colon + 2;
        let mut ce = p.end;
        let tail = body.get(cs..ce).unwrap_or("");
        let trimmed = tail.trim_end_matches(['"', '”', ' ']);
        // An unclosed opening mark of the turn: drop only a closing mark that ends it.
        if lead > 0 {
            ce = cs + trimmed.len();
        }
        let Some(content) = tidy_content(body, cs, ce) else {
            continue;
        };
        // A turn says something in words ("UK: 0800 999 3600" is a hotline).
        let said = body.get(content.start..content.end).unwrap_or("");
        if crate::segment::words(said)
            .iter()
            .filter(|(_, w)| w.chars().any(char::is_alphabetic))
            .count()
            < 3
        {
            continue;
        }
        let label_span = Span::new(p.start + lead, p.start + lead + colon);
        turns.push(Turn {
            label: label_span,
            content,
            qa,
        });
    }
    let interview =
        turns.iter().any(|t| t.qa == Some(false)) && turns.iter().any(|t| t.qa == Some(true));
    let mut out = Vec::new();
    let mut questions = Vec::new();
    for t in turns {
        let text = body.get(t.content.start..t.content.end).unwrap_or("");
        let question = t.qa == Some(false) && interview;
        if question || text.trim_end_matches(['"', '”', '’', ' ']).ends_with('?') {
            if question || t.qa.is_none() {
                questions.push(t.content);
            }
            continue;
        }
        // An answer that only declines ("I'm not going to discuss ...") says nothing.
        if is_refusal(text, lex) {
            continue;
        }
        let speaker = match t.qa {
            Some(true) if interview => None,
            Some(_) => continue,
            None => {
                let label = body.get(t.label.start..t.label.end).unwrap_or("");
                let words: Vec<&str> = label.split_whitespace().collect();
                let rest = body.get(t.content.end..).unwrap_or("");
                let before = body.get(..t.label.start).unwrap_or("");
                let titled: Vec<String> = words.iter().map(|w| title_case(w)).collect();
                let titled: Vec<&str> = titled.iter().map(String::as_str).collect();
                if !(named_again(&titled, rest) || named_again(&titled, before)) {
                    continue;
                }
                Some(t.label)
            }
        };
        let sentence = seg.sentence_at(t.content.start).unwrap_or(0);
        out.push(RawClaim {
            kind: ClaimKind::Direct,
            pieces: vec![t.content],
            speaker,
            cue: None,
            sentence,
            content_rule: "transcript",
            speaker_rule: if speaker.is_some() {
                "transcript-label"
            } else {
                "interview-answer"
            },
            conduit: None,
        });
    }
    (out, questions)
}

/// Whether a turn of one sentence declines to answer: it holds a phrase of the
/// `[non_answer]` section of `lexicon/relation.txt` ("not going to discuss").
fn is_refusal(text: &str, lex: &Lexicon) -> bool {
    let words: Vec<String> = crate::segment::words(text)
        .into_iter()
        .map(|(_, w)| w.to_lowercase().replace('’', "'"))
        .collect();
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let sentences = text.matches(['.', '!', '?']).count();
    sentences <= 1 && crate::lexicon::first_phrase(&refs, &lex.relation.non_answer).is_some()
}

/// "PENCE" -> "Pence", "MR." -> "Mr.".
fn title_case(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f
            .to_uppercase()
            .chain(c.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;

    #[test]
    fn dash_name_takes_a_name_and_a_short_description_ending_the_paragraph() {
        let body = "\"Fine.\" \u{2015} Ann Lee, a nurse\n";
        let q = body.find('\u{2015}').unwrap() - 1;
        let sp = dash_name(body, q, body.len() - 1).expect("a name");
        assert_eq!(&body[sp.start..sp.end], "Ann Lee");
        let body = "\"Fine.\" -- the mayor said so\n";
        assert!(dash_name(body, 7, body.len() - 1).is_none());
        let mut raws = Vec::new();
        let art = article("\u{201c}The toll is far too high.\u{201d} \u{2014} Lena Marsh\n");
        let mut used = vec![false; art.quotes.len()];
        dash_attribution(&art, &mut raws, &mut used);
        assert_eq!(raws.len(), 1);
        assert!(used.iter().all(|u| *u));
    }

    #[test]
    fn colon_headline_whose_head_is_an_adjective_is_no_claim() {
        let art = article(
            "The Latest: Storm closes the coast road\n\nThe Latest on the storm, all times local.",
        );
        let mut raws = Vec::new();
        colon_headline(&art, &mut raws, &mut []);
        assert!(raws.is_empty());
    }

    #[test]
    fn colon_headline_when_the_story_names_the_head() {
        let art =
            article("Quist: The shelter is full\n\nMara Quist said no beds were free on Sunday.");
        let mut raws = Vec::new();
        colon_headline(&art, &mut raws, &mut []);
        assert_eq!(raws.len(), 1);
        assert_eq!(pieces(&art, &raws[0]), ["The shelter is full"]);
        assert_eq!(speaker_text(&art, &raws[0]), Some("Quist"));
        assert_eq!(raws[0].content_rule, "colon-headline");

        let art =
            article("Beds For All: The shelter is full\n\nMara Quist said no beds were free.");
        let mut raws = Vec::new();
        colon_headline(&art, &mut raws, &mut []);
        assert!(raws.is_empty());
    }

    #[test]
    fn transcript_answers_are_claims_and_questions_are_not() {
        let art = article(
            "Mara Quist runs the city shelter.\n\nQ: Is the shelter full tonight?\n\nA: Every bed has been taken since Monday night.",
        );
        let mut raws = Vec::new();
        let mut used = vec![false; art.quotes.len()];
        transcript(&art, &mut raws, &mut used);
        assert_eq!(raws.len(), 1);
        assert_eq!(
            pieces(&art, &raws[0]),
            ["Every bed has been taken since Monday night."]
        );
        assert_eq!(raws[0].speaker, None);
        assert_eq!(
            (raws[0].content_rule, raws[0].speaker_rule),
            ("transcript", "interview-answer")
        );
    }

    #[test]
    fn a_quotation_without_cue_takes_its_paragraphs_speaker() {
        let art = article(
            "The engineer said the bridge was sound. \u{201c}We checked every single bolt twice.\u{201d}",
        );
        let s = sentence(&art, 0);
        let mut raws = earlier(&art, &s, "");
        assert_eq!(raws.len(), 1);
        let mut used = vec![false; art.quotes.len()];
        unattributed_quote(&art, &mut raws, &mut used);
        assert_eq!(raws.len(), 2);
        assert_eq!(
            pieces(&art, &raws[1]),
            ["We checked every single bolt twice."]
        );
        assert_eq!(speaker_text(&art, &raws[1]), Some("The engineer"));
        assert_eq!(
            (raws[1].content_rule, raws[1].speaker_rule),
            ("unattributed-quote", "paragraph-speaker")
        );
    }
}
