//! Segmentation: body text -> paragraphs, sentences and word tokens, all as byte spans.
//!
//! Takes: an article body and the abbreviation lexicon. Gives: [`Segmented`]
//! (paragraphs and sentences) and tokenizers used by extraction and
//! normalisation. Invariant: every span starts and ends on a UTF-8 boundary
//! of the body and never includes leading or trailing whitespace.

use unicode_segmentation::UnicodeSegmentation;

use crate::lexicon::Lexicon;
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub para: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraph {
    pub start: usize,
    pub end: usize,
    /// Index of the first sentence and one past the last one.
    pub sentences: (usize, usize),
}

#[derive(Debug, Clone, Default)]
pub struct Segmented {
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
}

impl Segmented {
    /// Index of the sentence containing byte `pos` (or the nearest one before it).
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.start <= pos);
        if i == 0 {
            None
        } else {
            Some(i - 1)
        }
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Length of a wire dateline opening a sentence ("TOKYO (ETW) - ", "PORT
/// ESSLING, April 2 (BPA) - "), if any.
pub fn dateline_end(sentence: &str) -> Option<usize> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(
            r"^[\p{Lu}][\p{Lu} .,'-]{1,40}?(?:,\s*\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2})?\s*(?:\([^)]{1,20}\))?\s*[-–—]+\s+",
        )
        .expect("static regex")
    });
    re.find(sentence).map(|m| m.end())
}

/// How many of a sentence's tokens a wire dateline ([`dateline_end`]) takes.
pub fn dateline_tokens(toks: &[Tok]) -> usize {
    let Some(first) = toks.first() else {
        return 0;
    };
    // The sentence's text as far as the tokens tell it (gaps as spaces).
    let mut text = String::new();
    let mut at = first.start;
    for t in toks.iter().take(24) {
        text.extend(std::iter::repeat_n(' ', t.start.saturating_sub(at)));
        text.push_str(t.text);
        at = t.end;
    }
    text.push(' ');
    match dateline_end(&text) {
        Some(m) => toks.iter().take_while(|t| t.end - first.start <= m).count(),
        None => 0,
    }
}

/// Trims whitespace (including no-break spaces) from both ends of `[s, e)`.
/// A span that is not on character boundaries of `text` comes back as it is.
pub fn trim_span(text: &str, s: usize, e: usize) -> (usize, usize) {
    let Some(span) = text.get(s..e) else {
        return (s, e);
    };
    let start = s + (span.len() - span.trim_start_matches(is_space).len());
    (start, start + span.trim_matches(is_space).len())
}

fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| {
        is_space(c) || matches!(c, '"' | '”' | '’' | '\'' | ')' | '»' | '」')
    });
    t.ends_with(['.', '!', '?', ':', ';'])
}

/// True when the segment `seg` ends with an abbreviation or an initial, so
/// the full stop does not end the sentence.
fn ends_with_abbreviation(seg: &str, lex: &Lexicon) -> bool {
    let t = seg.trim_end_matches(is_space);
    let Some(stem) = t.strip_suffix('.') else {
        return false;
    };
    let last = stem
        .rsplit(|c: char| is_space(c) || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    if last.is_empty() {
        return false;
    }
    if lex.abbreviations.contains(last) {
        return true;
    }
    // A single capital letter is an initial ("John F. Kennedy"), and so is a
    // run of them ("G.K. Butterfield").
    last.split('.').all(|p| {
        let mut cs = p.chars();
        matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase())
    })
}

/// Splits `body` into paragraphs and sentences.
pub fn segment(body: &str, lex: &Lexicon) -> Segmented {
    // Lines with their spans.
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut pos = 0;
    for l in body.split_inclusive('\n') {
        let (s, e) = trim_span(body, pos, pos + l.len());
        lines.push((s, e));
        pos += l.len();
    }
    let mut out = Segmented::default();
    let mut para_start: Option<(usize, usize)> = None; // (byte start, first sentence)
    let mut prev_line: Option<(usize, usize)> = None;
    for &(ls, le) in &lines {
        if ls >= le {
            // Blank line closes a paragraph.
            if let (Some((ps, fs)), Some((_, pe))) = (para_start.take(), prev_line) {
                out.paragraphs.push(Paragraph {
                    start: ps,
                    end: pe,
                    sentences: (fs, out.sentences.len()),
                });
            }
            prev_line = None;
            continue;
        }
        let line = text::slice(body, ls, le);
        let first_char = line.chars().next().unwrap_or(' ');
        let is_bullet = matches!(first_char, '•' | '*' | '-' | '·' | '–' | '▪' | '◦')
            || line.starts_with(|c: char| c.is_ascii_digit())
                && line.contains(". ")
                && line.len() < 4;
        // Continue the paragraph when the previous line was hard-wrapped mid-sentence.
        let joins = match prev_line {
            Some((ps, pe)) => {
                !is_bullet && !ends_sentence(text::slice(body, ps, pe)) && first_char.is_lowercase()
            }
            None => false,
        };
        if !joins {
            if let (Some((ps, fs)), Some((_, pe))) = (para_start.take(), prev_line) {
                out.paragraphs.push(Paragraph {
                    start: ps,
                    end: pe,
                    sentences: (fs, out.sentences.len()),
                });
            }
        }
        if para_start.is_none() {
            para_start = Some((ls, out.sentences.len()));
        }
        let para = out.paragraphs.len();
        let mut first_in_line = true;
        let mut pending: Option<(usize, usize)> = None;
        for (off, seg) in line.split_sentence_bound_indices() {
            let (s, e) = trim_span(body, ls + off, ls + off + seg.len());
            if s >= e {
                continue;
            }
            let (s, e) = match pending.take() {
                Some((ps, _)) => (ps, e),
                None => {
                    if first_in_line && joins {
                        if let Some(last) = out.sentences.pop() {
                            (last.start, e)
                        } else {
                            (s, e)
                        }
                    } else {
                        (s, e)
                    }
                }
            };
            first_in_line = false;
            if ends_with_abbreviation(text::slice(body, s, e), lex) && e < le {
                pending = Some((s, e));
                continue;
            }
            out.sentences.push(Sentence {
                start: s,
                end: e,
                para,
            });
        }
        if let Some((s, e)) = pending {
            out.sentences.push(Sentence {
                start: s,
                end: e,
                para,
            });
        }
        prev_line = Some((ls, le));
    }
    if let (Some((ps, fs)), Some((_, pe))) = (para_start, prev_line) {
        out.paragraphs.push(Paragraph {
            start: ps,
            end: pe,
            sentences: (fs, out.sentences.len()),
        });
    }
    out
}

fn is_word_char(c: char) -> bool {
    // Combining marks belong to the letter before them ("Adébáyọ̀" written with
    // combining accents is one word).
    c.is_alphanumeric() || ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Word tokens of `text` with their byte offsets. "U.S." keeps its final
/// stop; "didn't" is one token. A word is a run of letters and digits, joined
/// across single `.`, `'`, `’`, `-` or `&` marks ("U.S", "didn't", "co-founder").
/// Hand-written rather than a regex: it runs over every sentence twice.
pub fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut it = text.char_indices().peekable();
    while let Some((start, c)) = it.next() {
        if !is_word_char(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut inner_dot = false;
        while let Some(&(i, ch)) = it.peek() {
            if is_word_char(ch) {
                end = i + ch.len_utf8();
                it.next();
            } else if matches!(ch, '.' | '\'' | '’' | '-' | '&')
                && text::char_at(text, i + ch.len_utf8()).is_some_and(is_word_char)
            {
                // A joiner counts only when a letter or digit follows it.
                inner_dot |= ch == '.';
                end = i + ch.len_utf8();
                it.next();
            } else {
                break;
            }
        }
        let w = text::slice(text, start, end);
        let single_capital = {
            let mut cs = w.chars();
            matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase())
        };
        if text.as_bytes().get(end) == Some(&b'.') && (inner_dot || single_capital) {
            end += 1;
        }
        out.push((start, text::slice(text, start, end)));
    }
    out
}

/// The text between word `i - 1` and word `i` of `words` (what [`words`] gave
/// on `text`): "" before the first word and past the last.
pub fn gap_before<'a>(text: &'a str, words: &[(usize, &str)], i: usize) -> &'a str {
    let prev = i.checked_sub(1).and_then(|p| words.get(p));
    match (prev, words.get(i)) {
        (Some(&(a, w)), Some(&(b, _))) => text.get(a + w.len()..b).unwrap_or(""),
        _ => "",
    }
}

/// Kinds of tokens the extraction chunker works with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Punct,
}

#[derive(Debug, Clone, Copy)]
pub struct Tok<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub kind: TokKind,
}

/// Whether a sentence of at least `min_words` words is in Title Case: seven
/// in ten of its words capitalised ("Obama Seeks More Refugees").
pub fn is_title_case(toks: &[Tok], min_words: usize) -> bool {
    let words = toks.iter().filter(|t| t.kind == TokKind::Word);
    let n = words.clone().count();
    let caps = words
        .filter(|t| t.text.chars().next().is_some_and(char::is_uppercase))
        .count();
    n >= min_words && caps * 10 >= n * 7
}

/// Words and punctuation marks of `text[s..e]`, offsets relative to `text`.
pub fn tokens(text: &str, s: usize, e: usize) -> Vec<Tok<'_>> {
    let slice = text::slice(text, s, e);
    let mut out = Vec::new();
    let mut last = 0;
    for (off, w) in words(slice) {
        push_marks(&mut out, s + last, text::slice(slice, last, off));
        out.push(Tok {
            start: s + off,
            end: s + off + w.len(),
            text: text::slice(text, s + off, s + off + w.len()),
            kind: TokKind::Word,
        });
        last = off + w.len();
    }
    push_marks(&mut out, s + last, text::from(slice, last));
    out
}

/// Each mark of `between` (text between two words, starting at byte `at` of
/// the body) as a punctuation token; spaces are skipped.
fn push_marks<'a>(out: &mut Vec<Tok<'a>>, at: usize, between: &'a str) {
    for (i, c) in between.char_indices() {
        if !is_space(c) {
            out.push(Tok {
                start: at + i,
                end: at + i + c.len_utf8(),
                text: text::slice(between, i, i + c.len_utf8()),
                kind: TokKind::Punct,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wire_dateline_is_counted_in_tokens() {
        for (text, first_after) in [
            (
                "PORT ESSLING, April 2 (BPA) - Corvane Air said it",
                "Corvane",
            ),
            ("LONDON (Reuters) - Brannock Retail said it", "Brannock"),
            ("BRESKA \u{2014} The number of patients fell", "The"),
        ] {
            let toks = tokens(text, 0, text.len());
            let d = dateline_tokens(&toks);
            assert_eq!(toks.get(d).map(|t| t.text), Some(first_after), "{text}");
        }
        let text = "Kellow Ltd said on Monday that sales fell";
        assert_eq!(dateline_tokens(&tokens(text, 0, text.len())), 0);
    }

    fn sents(text: &str) -> Vec<String> {
        let lx = Lexicon::builtin().unwrap();
        segment(text, &lx)
            .sentences
            .iter()
            .map(|s| text[s.start..s.end].to_string())
            .collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        let s = sents("Mr. Smith met U.S. officials in Jan. 2020 with John F. Kennedy Jr. and G.K. Butterfield on Monday. Then he left.");
        assert_eq!(s.len(), 2, "{s:?}");
    }

    #[test]
    fn decimals_and_no_break_spaces_survive() {
        let s = sents("Output rose 2.5\u{a0}percent, the U.S.\u{a0}based unit said. Sales fell.");
        assert_eq!(s.len(), 2, "{s:?}");
        assert!(s[0].ends_with("said."));
    }

    #[test]
    fn headline_without_full_stop_is_its_own_sentence() {
        let s = sents("Contractor Admits Data Loss\n\nThe firm said it was hacked.");
        assert_eq!(
            s,
            vec![
                "Contractor Admits Data Loss",
                "The firm said it was hacked."
            ]
        );
    }

    #[test]
    fn bullets_are_separate_paragraphs() {
        let lx = Lexicon::builtin().unwrap();
        let seg = segment("Our Customers\n  • ATOS\n  • Age UK\n", &lx);
        assert_eq!(seg.paragraphs.len(), 3);
    }

    #[test]
    fn hard_wrapped_lines_join() {
        let s = sents("The minister said the plan\nwould cost more. Others agreed.");
        assert_eq!(s.len(), 2, "{s:?}");
        assert!(s[0].contains('\n'));
    }

    #[test]
    fn words_keep_abbreviation_stops_and_contractions() {
        let w: Vec<&str> = words("The U.S. firm didn’t say.")
            .into_iter()
            .map(|x| x.1)
            .collect();
        assert_eq!(w, vec!["The", "U.S.", "firm", "didn’t", "say"]);
    }

    #[test]
    fn gaps_between_words_keep_multibyte_marks() {
        let text = "Émile said:\u{a0}“no” — never";
        let w = words(text);
        let gaps: Vec<&str> = (0..=w.len()).map(|i| gap_before(text, &w, i)).collect();
        assert_eq!(gaps, vec!["", " ", ":\u{a0}“", "” — ", ""]);
    }

    #[test]
    fn tokens_of_a_span_with_curly_quotes() {
        let text = "Émile said “no”.";
        let t: Vec<(&str, TokKind)> = tokens(text, 0, text.len())
            .into_iter()
            .map(|t| (t.text, t.kind))
            .collect();
        assert_eq!(
            t,
            vec![
                ("Émile", TokKind::Word),
                ("said", TokKind::Word),
                ("“", TokKind::Punct),
                ("no", TokKind::Word),
                ("”", TokKind::Punct),
                (".", TokKind::Punct),
            ]
        );
    }
}
