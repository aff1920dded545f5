//! The per-sentence sieves, run after a sentence's cues.
//!
//! Takes: the [`Article`], a [`Sentence`] and the claims its cues gave. Gives:
//! more claims of that sentence: `noun-cue` (a possessive speaker before a noun
//! cue), then `frame` (a poll or a view framing a sentence that has no claim).

use super::clause::{
    clause_end, extend_into_quotes, kind_for, span_of, subordinate_end, tidy_content,
};
use super::quotes::Quote;
use super::speaker::{self, lower};
use super::{Article, RawClaim, Sentence};
use crate::lexicon::Cue;
use crate::model::Span;
use crate::segment::{Tok, TokKind};
use crate::text;

const POSSESSIVE_PRONOUNS: &[&str] = &["his", "her", "their", "its"];

/// Sieve `noun-cue`: a possessive speaker before a noun cue and its clause ("Trump's claim
/// that …", "her promise to …", "his support for …"). Skips nouns inside quotations and
/// nouns whose clause another claim of the sentence already covers.
pub(super) fn noun_cue(art: &Article, s: &Sentence, out: &mut Vec<RawClaim>) {
    let (toks, n_end, body, lex, quotes, si) = (
        s.toks,
        s.n_end,
        art.body,
        art.lex,
        art.quotes.as_slice(),
        s.si,
    );
    for i in 1..n_end {
        let (Some(p), Some(t)) = (toks.get(i - 1), toks.get(i)) else {
            continue;
        };
        let possessive = p.kind == TokKind::Word
            && (p.text.ends_with("'s")
                || p.text.ends_with("’s")
                || POSSESSIVE_PRONOUNS
                    .iter()
                    .any(|w| p.text.eq_ignore_ascii_case(w)));
        if !possessive
            || t.kind != TokKind::Word
            || quotes.iter().any(|q| t.start >= q.start && t.start < q.end)
        {
            continue;
        }
        let Some(forms) = lex.cues.get(lower(t).as_str()) else {
            continue;
        };
        let Some(f) = forms.iter().find(|f| {
            f.class == "noun"
                && f.words.len() == 2
                && toks
                    .get(i + 1)
                    .zip(f.words.get(1))
                    .is_some_and(|(n, w)| lower(n) == *w)
        }) else {
            continue;
        };
        // The possessor: "Donald Trump's", "her".
        let pl = lower(p);
        let sp_start = if POSSESSIVE_PRONOUNS.contains(&pl.as_str()) {
            p.start
        } else if speaker::is_possessive(p) {
            let mut k = i - 1;
            while k > 0 && toks.get(k - 1).is_some_and(speaker::is_cap) && k + 4 > i {
                k -= 1;
            }
            let Some(first) = toks.get(k).filter(|t| speaker::is_cap(t)) else {
                continue;
            };
            first.start
        } else {
            continue;
        };
        let prep = f
            .words
            .get(1)
            .is_some_and(|w| matches!(w.as_str(), "for" | "of"));
        let (cue_end, cs) = if prep { (i + 2, i + 2) } else { (i + 1, i + 1) };
        let ce = clause_end(toks, cs + 1, &[], n_end);
        // In a sentence-opening phrase ("Contrary to his claim that X, Y") the
        // content ends at the phrase's comma.
        let ce = subordinate_end(toks, cs, ce, i - 1, i);
        let Some(mut content) =
            span_of(toks, cs, ce).and_then(|c| tidy_content(body, c.start, c.end))
        else {
            continue;
        };
        // Extend to the end of a quotation the content cuts into ("''learn nothing,''").
        extend_into_quotes(quotes, &mut content);
        if out.iter().any(|r| r.span().overlaps(&content)) {
            continue;
        }
        if text::slice(body, content.start, content.end)
            .split_whitespace()
            .count()
            < 2
        {
            continue;
        }
        let Some(cue_last) = toks.get(cue_end - 1) else {
            continue;
        };
        let pieces = vec![content];
        out.push(RawClaim {
            kind: kind_for(body, quotes, &pieces),
            pieces,
            speaker: Some(Span::new(sp_start, p.end)),
            cue: Some((Span::new(t.start, cue_last.end), f.clone())),
            sentence: si,
            content_rule: "noun-cue",
            speaker_rule: "possessive",
            conduit: None,
        });
    }
}

/// Head nouns of a frame that attributes a finding: "In a CNN poll, …", "… in the survey".
const FRAME_HEADS: &[&str] = &[
    "poll",
    "polls",
    "survey",
    "surveys",
    "study",
    "studies",
    "view",
    "mind",
    "opinion",
    "estimation",
    "words",
];

/// A sentence framed by a poll or a point of view with no cue of its own: "In a new
/// poll, 40 percent backed the plan." / "Most backed the plan in a survey released Monday."
fn survey_frame(
    toks: &[Tok],
    n_end: usize,
    body: &str,
    quotes: &[Quote],
    si: usize,
) -> Option<RawClaim> {
    let is_head = |t: &Tok| FRAME_HEADS.contains(&lower(t).as_str());
    let make = |cue_tok: usize, sp: (usize, usize), content: Span| {
        let pieces = vec![content];
        RawClaim {
            kind: kind_for(body, quotes, &pieces),
            pieces,
            speaker: span_of(toks, sp.0, sp.1),
            cue: toks.get(cue_tok).map(|t| {
                (
                    Span::new(t.start, t.end),
                    Cue {
                        class: "assert".into(),
                        lemma: "in".into(),
                        words: vec!["in".into()],
                        derived: false,
                    },
                )
            }),
            sentence: si,
            content_rule: "frame",
            speaker_rule: "frame-phrase",
            conduit: None,
        }
    };
    let words_in = |a: usize, b: usize| {
        toks.get(a..b)
            .map_or(0, |w| w.iter().filter(|t| t.kind == TokKind::Word).count())
    };
    // Fronted: "In a CNN poll released Sunday, …"
    if toks.first().is_some_and(|t| lower(t) == "in") {
        let comma = (1..n_end.min(14)).find(|&k| toks.get(k).is_some_and(|t| t.text == ","))?;
        let head = toks.get(1..comma).unwrap_or(&[]);
        if comma >= 2
            && head.iter().any(is_head)
            && head.iter().all(|t| {
                t.kind == TokKind::Word || matches!(t.text, "'" | "’" | "-" | "/" | "." | "&")
            })
            && words_in(comma + 1, n_end) >= 4
        {
            let c =
                span_of(toks, comma + 1, n_end).and_then(|c| tidy_content(body, c.start, c.end))?;
            return Some(make(0, (1, comma), c));
        }
        return None;
    }
    // Trailing: "…, in a survey released Monday."
    let lo = n_end.saturating_sub(12);
    let k = (lo.max(4)..n_end).find(|&k| toks.get(k).is_some_and(|t| lower(t) == "in"))?;
    let end = (k + 1..n_end)
        .find(|&j| toks.get(j).is_some_and(|t| t.text == ","))
        .unwrap_or(n_end);
    let tail = toks.get(k + 1..end).unwrap_or(&[]);
    if end == n_end
        && end > k + 1
        && tail.iter().any(is_head)
        && tail
            .iter()
            .all(|t| t.kind == TokKind::Word || matches!(t.text, "'" | "’" | "-" | "/" | "." | "&"))
        && words_in(0, k) >= 4
    {
        let c = span_of(toks, 0, k).and_then(|c| tidy_content(body, c.start, c.end))?;
        return Some(make(k, (k + 1, end), c));
    }
    None
}

/// Sieve `frame`: for a sentence no other sieve took, a poll or a view framing it
/// ([`survey_frame`]).
pub(super) fn frame(art: &Article, s: &Sentence, out: &mut Vec<RawClaim>) {
    if out.is_empty() {
        if let Some(c) = survey_frame(s.toks, s.n_end, art.body, &art.quotes, s.si) {
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;

    #[test]
    fn noun_cue_takes_a_possessive_speaker() {
        let art = article("Voters doubted Quist's promise to cut the levy by half.");
        let s = sentence(&art, 0);
        let mut out = Vec::new();
        noun_cue(&art, &s, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(pieces(&art, &out[0]), ["to cut the levy by half"]);
        assert_eq!(speaker_text(&art, &out[0]), Some("Quist's"));
        assert_eq!(
            (out[0].content_rule, out[0].speaker_rule),
            ("noun-cue", "possessive")
        );
    }

    #[test]
    fn frame_only_for_a_sentence_without_claims() {
        let art = article("In a new survey, most tenants backed the plan to cap rents.");
        let s = sentence(&art, 0);
        let mut out = Vec::new();
        frame(&art, &s, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(
            pieces(&art, &out[0]),
            ["most tenants backed the plan to cap rents"]
        );
        assert_eq!(speaker_text(&art, &out[0]), Some("a new survey"));
        assert_eq!(out[0].content_rule, "frame");
        let mut full = vec![out[0].clone()];
        frame(&art, &s, &mut full);
        assert_eq!(full.len(), 1);
    }
}
