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
        if crate::text::ends_as_question(self.body.get(start..end).unwrap_or("")) {
            return true;
        }
        let mut words = self
            .tagged_in(start, end)
            .filter(|(t, _)| t.kind == TokKind::Word)
            .skip_while(|(t, _)| {
                matches!(
                    t.text.to_lowercase().as_str(),
                    "and" | "but" | "so" | "now" | "please" | "just"
                )
            });
        let Some((first, tag)) = words.next() else {
            return false;
        };
        let w = first.text.to_lowercase().replace('\u{2019}', "'");
        let is_bare = |w: &str| !(w.ends_with('s') || w.ends_with("ed") || w.ends_with("ing"));
        // A negative command: "Don't get hung up on it", "Do not believe them",
        // "Never give up": "do"/"don't"/"never", a negation, then a bare verb.
        if matches!(w.as_str(), "do" | "don't" | "never")
            && first.text.chars().next().is_some_and(char::is_uppercase)
        {
            let next: Vec<(String, Upos)> = words
                .take(3)
                .map(|(t, g)| (t.text.to_lowercase().replace('\u{2019}', "'"), g))
                .collect();
            let negation = |t: &str| matches!(t, "not" | "n't");
            let negated = w != "do" || next.first().is_some_and(|(t, _)| negation(t));
            let verb = next.iter().find(|(t, _)| !negation(t));
            if negated {
                return verb
                    .is_some_and(|(v, g)| matches!(g, Upos::Verb | Upos::Aux) && is_bare(v));
            }
        }
        let bare = is_bare(&w);
        let next_comma = self
            .tagged_in(first.end, usize::MAX)
            .next()
            .is_some_and(|(t, _)| t.text == ",");
        tag == Upos::Verb
            && first.text.chars().next().is_some_and(char::is_uppercase)
            && bare
            && w != "let"
            && !next_comma
    }

    /// The tokens lying wholly inside `start..end`, with their tags, in text
    /// order across sentences: the one way later stages read a span's words.
    pub fn tagged_in(&self, start: usize, end: usize) -> impl Iterator<Item = (&Tok<'a>, Upos)> {
        self.seg
            .sentences
            .iter()
            .enumerate()
            .filter(move |(_, s)| s.end > start && s.start < end)
            .flat_map(move |(si, _)| {
                let toks = self.toks.get(si).map_or(&[][..], Vec::as_slice);
                let tags = self.tags.get(si).map_or(&[][..], Vec::as_slice);
                toks.iter().zip(tags.iter().copied())
            })
            .filter(move |(t, _)| t.start >= start && t.end <= end)
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
    fn tagged_in_reads_the_tokens_of_a_span_across_sentences() {
        let lex = Lexicon::builtin().unwrap();
        let body = "The levy stays. Harbour fees rose by a third.";
        let doc = Doc::build(body, segment::segment(body, &lex));
        let from = body.find("stays").unwrap();
        let to = body.find(" by").unwrap();
        let words: Vec<&str> = doc.tagged_in(from, to).map(|(t, _)| t.text).collect();
        assert_eq!(words, ["stays", ".", "Harbour", "fees", "rose"]);
        let rose = doc
            .tagged_in(from, to)
            .find(|(t, _)| t.text == "rose")
            .unwrap();
        assert_eq!(rose.1, Upos::Verb);
        assert_eq!(doc.tagged_in(3, 3).count(), 0);
    }

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
