//! Quotation marks -> quote spans.
//!
//! Takes: a body and its paragraphs. Gives: [`Quote`]s: the text between
//! matching marks, for straight and curly double quotes, « », „ “, 「 」 and
//! single curly quotes used as primary marks. A quote left open at the end of
//! a paragraph is continued into the next paragraph only when that paragraph
//! opens with a quotation mark (the news convention); otherwise it stops at
//! the paragraph end, so an unbalanced mark never swallows the rest of the text.

use crate::segment::{trim_span, Segmented};
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Inner text span (without marks, trimmed).
    pub start: usize,
    pub end: usize,
    /// Byte offset just past the closing mark (or the paragraph end when unclosed).
    pub close: usize,
    pub closed: bool,
    pub first_para: usize,
    pub last_para: usize,
}

impl Quote {
    /// Is this a short capitalised quotation right after a word (from `from` on):
    /// a title or a nickname ("on CNN's \"State of the Union\"", Marcia \"Cia\"
    /// Price), not someone's words?
    pub fn is_title_after_word(&self, body: &str, from: usize) -> bool {
        let after_word = body
            .get(from.min(self.open)..self.open)
            .and_then(|b| b.trim_end().chars().next_back())
            .is_some_and(char::is_alphanumeric);
        let inner: Vec<&str> = body
            .get(self.start..self.end)
            .unwrap_or("")
            .split_whitespace()
            .collect();
        let small = |w: &str| {
            matches!(
                w.trim_end_matches(['.', ',']),
                "the" | "of" | "and" | "a" | "in" | "on" | "for" | "to"
            )
        };
        after_word
            && (1..=5).contains(&inner.len())
            && inner
                .first()
                .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
            && inner
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase) || small(w))
    }

    pub fn words(&self, body: &str) -> usize {
        text::slice(body, self.start, self.end)
            .split_whitespace()
            .count()
    }
}

/// Stands for a pair of apostrophes used as one double mark; a double prime
/// written as such (″, three bytes) is the same mark, so the width of an
/// opening mark is the bytes it took in the text, never derived from the char.
const DOUBLE_APOSTROPHE: char = '\u{2033}';

fn closer_for(open: char) -> &'static [char] {
    match open {
        DOUBLE_APOSTROPHE => &[DOUBLE_APOSTROPHE, '"'],
        // Mixed typography ("“…\"") is common in copy-edited wire text.
        '“' => &['”', '"'],
        '„' => &['“', '”'],
        '«' => &['»'],
        '»' => &['«'],
        '「' => &['」'],
        '『' => &['』'],
        '‘' => &['’'],
        '"' => &['"', '”'],
        _ => &[],
    }
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '“' | '„' | '«' | '「' | '『' | '"' | '‘' | DOUBLE_APOSTROPHE
    )
}

/// Finds the quotes of every paragraph.
pub fn find(body: &str, seg: &Segmented) -> Vec<Quote> {
    let mut out: Vec<Quote> = Vec::new();
    // Whether a paragraph uses double marks; single curly quotes count as primary only where none do.
    for (pi, p) in seg.paragraphs.iter().enumerate() {
        let text = text::slice(body, p.start, p.end);
        let has_double = text.contains(['“', '"', '«', '„', '「']) || text.contains("''");
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut i = 0;
        // The opening mark: its offset in the paragraph, the mark, its width in bytes.
        let mut open: Option<(usize, char, usize)> = None;
        while let Some(&(off, mut c)) = chars.get(i) {
            let prev = i.checked_sub(1).and_then(|k| chars.get(k)).map(|x| x.1);
            let mut next = chars.get(i + 1).map(|x| x.1);
            let mut mark_len = c.len_utf8();
            // Two apostrophes stand for a double mark in some wire copy (''Yes,'' he said).
            if c == '\'' && next == Some('\'') {
                c = DOUBLE_APOSTROPHE;
                mark_len = 2;
                i += 1;
                next = chars.get(i + 1).map(|x| x.1);
            }
            match open {
                None => {
                    let single_ok = c != '‘' || !has_double;
                    let at_word_start =
                        prev.is_none_or(|p| p.is_whitespace() || "([{—–-:/".contains(p));
                    let straight_ok = !matches!(c, '"' | DOUBLE_APOSTROPHE)
                        || next.is_some_and(|n| !n.is_whitespace());
                    let needs_word_start = matches!(c, '‘' | DOUBLE_APOSTROPHE);
                    if is_opener(c)
                        && single_ok
                        && straight_ok
                        && (at_word_start || !needs_word_start)
                    {
                        open = Some((off, c, mark_len));
                    }
                }
                Some((o, oc, width)) => {
                    let closes = closer_for(oc).contains(&c);
                    // A closing single mark must not be an apostrophe inside a word.
                    let apostrophe = c == '’' && next.is_some_and(|n| n.is_alphanumeric());
                    if closes && !apostrophe {
                        let (s, e) = trim_span(body, p.start + o + width, p.start + off);
                        if s < e {
                            out.push(Quote {
                                open: p.start + o,
                                start: s,
                                end: e,
                                close: p.start + off + mark_len,
                                closed: true,
                                first_para: pi,
                                last_para: pi,
                            });
                        }
                        open = None;
                    }
                }
            }
            i += 1;
        }
        if let Some((o, _, width)) = open {
            let (s, e) = trim_span(body, p.start + o + width, p.end);
            if s < e {
                // Continuation of the previous paragraph's unclosed quote?
                let cont = out
                    .last()
                    .is_some_and(|q| !q.closed && q.last_para + 1 == pi && o == 0);
                if cont {
                    if let Some(q) = out.last_mut() {
                        q.end = e;
                        q.close = p.end;
                        q.last_para = pi;
                    }
                } else {
                    out.push(Quote {
                        open: p.start + o,
                        start: s,
                        end: e,
                        close: p.end,
                        closed: false,
                        first_para: pi,
                        last_para: pi,
                    });
                }
            }
        } else if o_is_first_and_continues(&out, pi, p.start, body) {
            // The paragraph opened with a mark that closed within it, ending a multi-paragraph quote.
            if let [.., prev, last] = out.as_mut_slice() {
                *prev = Quote {
                    end: last.end,
                    close: last.close,
                    closed: true,
                    last_para: pi,
                    ..*prev
                };
                out.pop();
            }
        }
    }
    out
}

/// True when the last quote opens paragraph `pi` and the one before it was
/// left unclosed at the end of paragraph `pi - 1`.
fn o_is_first_and_continues(out: &[Quote], pi: usize, pstart: usize, _body: &str) -> bool {
    let [.., prev, last] = out else {
        return false;
    };
    last.first_para == pi && last.open == pstart && !prev.closed && prev.last_para + 1 == pi
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::segment::segment;

    fn quotes(text: &str) -> Vec<String> {
        let lx = Lexicon::builtin().unwrap();
        let seg = segment(text, &lx);
        find(text, &seg)
            .iter()
            .map(|q| text[q.start..q.end].to_string())
            .collect()
    }

    #[test]
    fn straight_curly_guillemets_and_low_marks() {
        assert_eq!(quotes("He said \"yes\" and “no”."), vec!["yes", "no"]);
        assert_eq!(quotes("Elle a dit « non » hier."), vec!["non"]);
        assert_eq!(quotes("Er sagte „nein“ gestern."), vec!["nein"]);
        assert_eq!(quotes("彼は「はい」と言った"), vec!["はい"]);
    }

    #[test]
    fn single_curly_quotes_as_primary_marks_but_not_apostrophes() {
        assert_eq!(
            quotes("The minister said ‘we won’t stop’ on Friday."),
            vec!["we won’t stop"]
        );
        assert!(quotes("The company’s view is the firm’s.").is_empty());
    }

    #[test]
    fn two_apostrophes_and_a_double_prime_are_double_marks() {
        assert_eq!(quotes("He said ''yes'' today."), vec!["yes"]);
        assert_eq!(quotes("He said \u{2033}yes\u{2033} today."), vec!["yes"]);
        assert_eq!(quotes("He said \u{2033}yes'' today."), vec!["yes"]);
        assert_eq!(quotes("\u{2033}u"), vec!["u"]);
        assert_eq!(quotes("''u"), vec!["u"]);
    }

    #[test]
    fn nested_quotes_stay_inside_the_outer_one() {
        assert_eq!(
            quotes("She said “they called it ‘a hoax’ at first”."),
            vec!["they called it ‘a hoax’ at first"]
        );
    }

    #[test]
    fn unbalanced_mark_stops_at_paragraph_end() {
        let q = quotes("He said “this never ends.\n\nNext paragraph is narration.");
        assert_eq!(q, vec!["this never ends."]);
    }

    #[test]
    fn quote_continued_across_paragraphs_is_one() {
        let q = quotes("“First part of the quote.\n\n“Second part,” he said.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].starts_with("First") && q[0].ends_with("Second part,"));
    }
}
