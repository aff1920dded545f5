//! Normalisation: claim text -> comparable features.
//!
//! Takes: a claim's text, its cue class and the lexicon. Gives: polarity and
//! modality (what the speaker asserts, and how firmly) and key terms
//! ([`term_of`], for `check --batch`). What the relation engine compares is
//! built in [`crate::relate::claim`]. A claim's time (when it was said,
//! whether it recaps) comes from its attribution: [`time`].

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

use crate::lexicon::{find_phrase, Lexicon};
use crate::model::{Modality, Polarity};
use crate::segment;

pub mod time;

pub fn stemmer() -> &'static Stemmer {
    static S: OnceLock<Stemmer> = OnceLock::new();
    S.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// Lowercase words with apostrophes normalised.
pub fn lower_words(text: &str) -> Vec<String> {
    segment::words(text)
        .into_iter()
        .map(|(_, w)| w.to_lowercase().replace('’', "'"))
        .collect()
}

fn is_negation(words: &[&str], i: usize, lex: &Lexicon) -> bool {
    is_negation_word(words[i], lex)
}

/// Is a lowercase word a negation on its own ("not", "no", "never", "didn't")?
pub fn is_negation_word(w: &str, lex: &Lexicon) -> bool {
    w.ends_with("n't") || lex.negations.iter().any(|n| n.len() == 1 && n[0] == w)
}

/// Marks word positions covered by any of `phrases`.
fn cover(words: &[&str], phrases: &[Vec<String>]) -> Vec<bool> {
    let mut c = vec![false; words.len()];
    for p in phrases {
        for s in find_phrase(words, p) {
            for x in c.iter_mut().skip(s).take(p.len()) {
                *x = true;
            }
        }
    }
    c
}

/// Polarity of what the speaker asserts and whether it is hedged.
pub fn polarity_modality(text: &str, cue_class: &str, lex: &Lexicon) -> (Polarity, Modality) {
    let owned = lower_words(text);
    let words: Vec<&str> = owned.iter().map(String::as_str).collect();
    let hedge_cover = cover(&words, &lex.hedges);
    let negs = (0..words.len())
        .filter(|&i| !hedge_cover[i] && is_negation(&words, i, lex))
        .count();
    let negative = (negs % 2 == 1) ^ (cue_class == "deny");
    let hedged = hedge_cover.iter().any(|&h| h) || matches!(cue_class, "believe");
    (
        if negative {
            Polarity::Negative
        } else {
            Polarity::Positive
        },
        if hedged {
            Modality::Hedged
        } else {
            Modality::Asserted
        },
    )
}

/// Does `text` contain `marker` as whole words (not inside a longer word)?
pub fn has_phrase(text: &str, marker: &str) -> bool {
    let mut from = 0;
    while let Some(i) = text[from..].find(marker) {
        let a = from + i;
        let b = a + marker.len();
        let ok_a = a == 0
            || !text[..a]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
        let ok_b = b == text.len() || !text[b..].chars().next().is_some_and(char::is_alphanumeric);
        if ok_a && ok_b {
            return true;
        }
        from = b;
    }
    false
}

fn word_value(w: &str) -> Option<f64> {
    Some(match w {
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" | "a dozen" => 12.0,
        "dozens" => 24.0,
        "fifteen" => 15.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "hundred" | "a hundred" => 100.0,
        "a thousand" => 1000.0,
        _ => return None,
    })
}

/// Key-term form of one lowercase word: a synonym group or its stem.
pub fn term_of(w: &str, lex: &Lexicon) -> Option<String> {
    if w.len() < 2
        || lex.stopwords.contains(w)
        || w.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        || word_value(w).is_some()
    {
        // Numbers, in digits or words, are compared as numbers, not as terms.
        return None;
    }
    if let Some(g) = lex.synonyms.get(w) {
        return Some(format!("={g}"));
    }
    let w = w.trim_end_matches("'s");
    let st = stemmer().stem(w).to_string();
    if let Some(g) = lex.synonyms.get(&st) {
        return Some(format!("={g}"));
    }
    // "days" is as empty as "day".
    if lex.stopwords.contains(&st) {
        return None;
    }
    Some(st)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lx() -> Lexicon {
        Lexicon::builtin().unwrap()
    }

    #[test]
    fn negation_and_denial_set_polarity() {
        let l = lx();
        assert_eq!(
            polarity_modality("no data was compromised", "assert", &l).0,
            Polarity::Negative
        );
        assert_eq!(
            polarity_modality("it had cut jobs", "deny", &l).0,
            Polarity::Negative
        );
        assert_eq!(
            polarity_modality("they didn’t catch it early", "assert", &l).0,
            Polarity::Negative
        );
        assert_eq!(
            polarity_modality("data was stolen", "assert", &l).0,
            Polarity::Positive
        );
    }

    #[test]
    fn hedges_set_modality_and_do_not_count_as_negation() {
        let l = lx();
        let (p, m) = polarity_modality("the possibility of some data leakage", "admit", &l);
        assert_eq!((p, m), (Polarity::Positive, Modality::Hedged));
        let (p, m) = polarity_modality("it cannot rule out a leak", "assert", &l);
        assert_eq!((p, m), (Polarity::Positive, Modality::Hedged));
        assert_eq!(
            polarity_modality("data may have been stolen", "assert", &l).1,
            Modality::Hedged
        );
        assert_eq!(
            polarity_modality("data was stolen", "assert", &l).1,
            Modality::Asserted
        );
    }
}
