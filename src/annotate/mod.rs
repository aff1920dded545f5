//! Annotation: a segmented body -> one [`Doc`], built once per article and read
//! by every later stage (extraction, resolution), so no stage re-tokenises.
//!
//! Takes: the article body and its [`Segmented`] paragraphs and sentences.
//! Gives: [`Doc`]: per sentence, its tokens (words and punctuation marks as
//! byte spans of the body) and one Universal part-of-speech tag per token from
//! the [`tagger`] (averaged perceptron trained on UD English EWT). Quotation
//! and boilerplate spans are found by `extract::quotes` and `clean` over the
//! same segmentation. Invariant: `toks[i].len() == tags[i].len()` for every
//! sentence `i`, and every token lies inside its sentence.

pub mod tagger;

use crate::segment::{self, Segmented, Tok, TokKind};
use tagger::{Tagger, Upos};

/// One article, annotated once.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    pub body: &'a str,
    pub seg: Segmented,
    /// Tokens of each sentence (index = sentence index).
    pub toks: Vec<Vec<Tok<'a>>>,
    /// Part-of-speech tag of each token of each sentence.
    pub tags: Vec<Vec<Upos>>,
}

impl<'a> Doc<'a> {
    /// Tokenises and tags every sentence of `seg`.
    pub fn build(body: &'a str, seg: Segmented) -> Doc<'a> {
        let tagger = Tagger::builtin();
        let mut toks = Vec::with_capacity(seg.sentences.len());
        let mut tags = Vec::with_capacity(seg.sentences.len());
        for s in &seg.sentences {
            let t = segment::tokens(body, s.start, s.end);
            let words: Vec<&str> = t.iter().map(|t| t.text).collect();
            tags.push(tagger.tag(&words));
            toks.push(t);
        }
        Doc {
            body,
            seg,
            toks,
            tags,
        }
    }

    /// Is the text at `start..end` a question or a command rather than a statement?
    /// A question ends in "?" (before any closing quotation marks); a command opens
    /// (after quotation marks and "And"/"But"/"So"/"Now"/"Please"/"Just") with a
    /// capitalised verb the tagger reads as a bare verb, not followed by a comma
    /// ("Tell that to your mothers", "Vote for her"; not "Look, the plan works",
    /// nor "Let me be clear: …", which introduces a statement).
    pub fn is_question_or_command(&self, start: usize, end: usize) -> bool {
        let text = self.body.get(start..end).unwrap_or("");
        let trimmed = text.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '"' | '\'' | '\u{201d}' | '\u{2019}' | ',' | ')')
        });
        if trimmed.ends_with('?') {
            return true;
        }
        let Some(si) = self.seg.sentence_at(start) else {
            return false;
        };
        let (Some(toks), Some(tags)) = (self.toks.get(si), self.tags.get(si)) else {
            return false;
        };
        let mut words = toks
            .iter()
            .zip(tags)
            .filter(|(t, _)| t.start >= start && t.end <= end && t.kind == TokKind::Word)
            .skip_while(|(t, _)| {
                matches!(
                    t.text.to_lowercase().as_str(),
                    "and" | "but" | "so" | "now" | "please" | "just"
                )
            });
        let Some((first, tag)) = words.next() else {
            return false;
        };
        let w = first.text.to_lowercase();
        let bare = !(w.ends_with('s') || w.ends_with("ed") || w.ends_with("ing"));
        let next_comma = toks
            .iter()
            .find(|t| t.start >= first.end)
            .is_some_and(|t| t.text == ",");
        *tag == Upos::Verb
            && first.text.chars().next().is_some_and(char::is_uppercase)
            && bare
            && w != "let"
            && !next_comma
    }

    /// The tag of token `k` of sentence `si` (`X` when out of range).
    pub fn tag(&self, si: usize, k: usize) -> Upos {
        self.tags
            .get(si)
            .and_then(|t| t.get(k))
            .copied()
            .unwrap_or(Upos::X)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    #[test]
    fn questions_and_commands_are_told_from_statements() {
        let lex = Lexicon::builtin().unwrap();
        let body = "Tell that to the ferry crews. What is your basis for that? \
                    Look, the plan works. Let me be clear: the levy stays. \
                    The levy stays. Harbour fees rose by a third.";
        let seg = segment::segment(body, &lex);
        let doc = Doc::build(body, seg);
        let judged: Vec<bool> = doc
            .seg
            .sentences
            .iter()
            .map(|s| doc.is_question_or_command(s.start, s.end))
            .collect();
        assert_eq!(judged, [true, true, false, false, false, false]);
    }

    #[test]
    fn every_sentence_has_one_tag_per_token() {
        let lex = Lexicon::builtin().unwrap();
        let body =
            "The mayor said the bridge would reopen. Officials denied it!\n\n“No,” she said.";
        let seg = segment::segment(body, &lex);
        let doc = Doc::build(body, seg);
        assert_eq!(doc.toks.len(), doc.seg.sentences.len());
        for (t, g) in doc.toks.iter().zip(&doc.tags) {
            assert_eq!(t.len(), g.len());
        }
        let said = doc.toks[0].iter().position(|t| t.text == "said").unwrap();
        assert_eq!(doc.tag(0, said), Upos::Verb);
        assert_eq!(doc.tag(0, 0), Upos::Det);
        assert_eq!(doc.tag(99, 0), Upos::X);
    }
}
