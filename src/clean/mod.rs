//! Cleaning: marks the parts of a body that are page furniture, not story.
//!
//! Takes: an article body and its sentences. Gives: the byte spans of
//! boilerplate (customer lists, hotlines, "Login to Portal", link lists) so
//! extraction skips them. The body itself is never changed, so offsets into
//! it stay valid. HTML pages are reduced to their main text earlier, by [`html`].

pub mod html;

use crate::lexicon::Lexicon;
use crate::model::Span;
use crate::segment::Segmented;
use crate::text;

/// Words in a paragraph: boilerplate lines are short.
fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

fn is_bullet(s: &str) -> bool {
    s.starts_with(['•', '*', '-', '·', '–', '▪', '◦'])
}

/// Returns the boilerplate spans of `body`.
///
/// A paragraph is boilerplate when it matches a pattern of the boilerplate
/// lexicon, or is a short bullet item with no sentence punctuation. From the
/// first boilerplate paragraph after which no paragraph looks like story
/// text (12+ words ending in a full stop, and no boilerplate pattern), the
/// rest of the body is boilerplate too.
pub fn boilerplate(body: &str, seg: &Segmented, lex: &Lexicon) -> Vec<Span> {
    let (mut junk, story): (Vec<bool>, Vec<bool>) = seg
        .paragraphs
        .iter()
        .map(|p| {
            let text = text::slice(body, p.start, p.end).trim();
            let words = word_count(text);
            // Furniture lines are short; long story lines are not even tested.
            let pattern = text
                .lines()
                .any(|l| l.split_whitespace().count() <= 15 && lex.boilerplate.is_match(l.trim()));
            let bullet = is_bullet(text) && words <= 8 && !text.ends_with('.');
            let junk = pattern || bullet;
            let story = !junk && words >= 12 && text.ends_with(['.', '"', '”', '?', '!']);
            (junk, story)
        })
        .unzip();
    // Tail: after the last story paragraph, a boilerplate paragraph starts the page furniture.
    if let Some(last_story) = story.iter().rposition(|&s| s) {
        let after_story = last_story + 1;
        if let Some(first_tail_junk) = junk
            .iter()
            .skip(after_story)
            .position(|&j| j)
            .map(|k| after_story + k)
        {
            for j in junk.iter_mut().skip(first_tail_junk) {
                *j = true;
            }
            // A short heading right before the tail ("Our Customers") goes too.
            let between = seg
                .paragraphs
                .iter()
                .zip(junk.iter_mut())
                .take(first_tail_junk)
                .skip(after_story);
            for (p, j) in between.rev() {
                let t = text::slice(body, p.start, p.end).trim();
                if word_count(t) <= 4 && !t.ends_with('.') {
                    *j = true;
                } else {
                    break;
                }
            }
        }
    }
    seg.paragraphs
        .iter()
        .zip(junk)
        .filter(|(_, j)| *j)
        .map(|(p, _)| Span::new(p.start, p.end))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    #[test]
    fn vendor_tail_is_boilerplate_story_is_not() {
        let lx = Lexicon::builtin().unwrap();
        let body = "The firm said on Monday that no customer data had been taken in the attack on its servers.\n\nOur Customers\n\n  • Acme\n  • Globex\n\nNeed support? Call us.\n\nUK: 0800 000 0000\n\nLogin to Portal\n";
        let seg = segment(body, &lx);
        let spans = boilerplate(body, &seg, &lx);
        let covered = |needle: &str| {
            let p = body.find(needle).unwrap();
            spans.iter().any(|s| s.contains(p))
        };
        assert!(!covered("The firm said"));
        for n in [
            "Our Customers",
            "Acme",
            "Need support",
            "0800",
            "Login to Portal",
        ] {
            assert!(covered(n), "{n} not marked");
        }
    }
}
