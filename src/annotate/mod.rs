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

use crate::segment::{self, Segmented, Tok};
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
