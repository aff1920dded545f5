//! Normalisation: claim text -> comparable features.
//!
//! Takes: a claim's text, its cue class and the lexicon. Gives: polarity and
//! modality (what the speaker asserts, and how firmly), and [`Features`] for
//! linking: stemmed key terms (synonym groups folded), entities, numbers with
//! approximation and unit, negation, hedges and contrast markers. A claim's
//! time (when it was said, whether it recaps) comes from its attribution:
//! [`time`].

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use regex::Regex;
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
    let w = words[i];
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

/// A number mentioned in a claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    pub value: f64,
    /// -1 "fewer than", 0 exact or "about", 1 "more than", 2 "up to" (an upper bound that is not a claim of the value).
    pub bound: i8,
    pub approx: bool,
    /// Stem of the noun after the number ("jar", "worker").
    pub unit: Option<String>,
    pub text: String,
}

fn number_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)\b(?:(more than|over|at least|nearly|almost|about|around|roughly|approximately|some|up to|as many as|fewer than|less than|under)\s+)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|a dozen|dozens|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|a hundred|a thousand)(?:\s+(million|billion|thousand|hundred))?(?:\s*(%|percent|per cent))?(?:[\s\u{a0}]+([A-Za-z][A-Za-z-]+))?")
            .expect("static regex")
    })
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

/// Numbers with their approximation and unit ("more than 80 servers", "12,000 jars", "1.2 million").
pub fn numbers(text: &str) -> Vec<Number> {
    let mut out = Vec::new();
    for c in number_re().captures_iter(text) {
        let Some(raw) = c.get(2) else { continue };
        let r = raw.as_str().to_lowercase();
        let mut v = match r.replace(',', "").parse::<f64>() {
            Ok(v) => v,
            Err(_) => match word_value(&r) {
                Some(v) => v,
                None => continue,
            },
        };
        // Years and times of day are not quantities.
        if (1900.0..2100.0).contains(&v) && !r.contains(',') && c.get(3).is_none() {
            continue;
        }
        match c.get(3).map(|m| m.as_str().to_lowercase()).as_deref() {
            Some("million") => v *= 1e6,
            Some("billion") => v *= 1e9,
            Some("thousand") => v *= 1e3,
            Some("hundred") => v *= 1e2,
            _ => {}
        }
        let q = c.get(1).map(|m| m.as_str().to_lowercase());
        let bound = match q.as_deref() {
            Some("more than" | "over" | "at least") => 1,
            Some("fewer than" | "less than" | "under") => -1,
            Some("up to" | "as many as") => 2,
            _ => 0,
        };
        let approx = matches!(
            q.as_deref(),
            Some("nearly" | "almost" | "about" | "around" | "roughly" | "approximately" | "some")
        ) || r == "dozens";
        let unit = if c.get(4).is_some() {
            Some("percent".to_string())
        } else {
            c.get(5)
                .map(|m| stemmer().stem(&m.as_str().to_lowercase()).to_string())
        };
        // A bare small number word with no unit ("one of the", "two") carries little.
        if word_value(&r).is_some() && unit.is_none() {
            continue;
        }
        out.push(Number {
            value: v,
            bound,
            approx,
            unit,
            text: c.get(0).map(|m| m.as_str().to_string()).unwrap_or_default(),
        });
    }
    out
}

/// Do two numbers about the same unit agree, within `tolerance` (relative)?
pub fn numbers_agree(a: &Number, b: &Number, tolerance: f64) -> bool {
    let tol = if a.approx || b.approx {
        tolerance.max(0.1)
    } else {
        tolerance
    };
    let close = (a.value - b.value).abs() <= tol * a.value.abs().max(b.value.abs()).max(1.0);
    match (a.bound, b.bound) {
        (2, _) => b.value <= a.value * (1.0 + tol),
        (_, 2) => a.value <= b.value * (1.0 + tol),
        (1, 0) => b.value > a.value || close,
        (0, 1) => a.value > b.value || close,
        (-1, 0) => b.value < a.value || close,
        (0, -1) => a.value < b.value || close,
        _ => close,
    }
}

/// What the linker compares.
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// Stemmed key terms, synonym groups folded to `=group`.
    pub terms: BTreeSet<String>,
    /// Lowercased capitalised names.
    pub entities: BTreeSet<String>,
    /// Key terms from words that are not names: what the claim says happened.
    pub predicate_terms: BTreeSet<String>,
    /// Key terms inside the scope of the claim's negation ("no [data had been compromised]"):
    /// what is denied. Empty when the claim is not negated.
    pub core_terms: BTreeSet<String>,
    pub numbers: Vec<Number>,
    pub negated: bool,
    pub hedged: bool,
    /// Lowercase words, for phrase matching.
    pub words: Vec<String>,
    /// Surface word of each synonym group / term, to quote in explanations.
    pub surface: HashMap<String, String>,
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

/// Words that end a negation's scope: a new clause starts.
const SCOPE_END: &[&str] = &[
    "because", "as", "since", "but", "while", "although", "though", "and", "which", "when",
    "after", "before", "so", "until", "whereas",
];

/// Key terms from each negation word to the end of its clause.
fn negation_scope_terms(
    words: &[&str],
    terms: &[Option<String>],
    hedge_cover: &[bool],
    lex: &Lexicon,
) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, &hedged) in hedge_cover.iter().enumerate().take(words.len()) {
        if hedged || !is_negation(words, i, lex) {
            continue;
        }
        for (w, t) in words.iter().zip(terms).skip(i + 1) {
            if SCOPE_END.contains(w) {
                break;
            }
            if let Some(t) = t {
                out.insert(t.clone());
            }
        }
    }
    out
}

/// Key term of each word position: a two-word synonym ("lay off") gives its
/// group on its first word and nothing on its second; other words go through [`term_of`].
pub fn position_terms(words: &[&str], lex: &Lexicon) -> Vec<Option<String>> {
    let mut out: Vec<Option<String>> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        if i + 1 < words.len() {
            let pair = format!("{}_{}", words[i], words[i + 1]);
            if let Some(g) = lex.synonyms.get(&pair) {
                out.push(Some(format!("={g}")));
                out.push(None);
                i += 2;
                continue;
            }
            // "cut 400 jobs" is "cut jobs" with a number in between.
            let numeric = |w: &str| {
                w.chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
                    || word_value(w).is_some()
            };
            if i + 2 < words.len() && numeric(words[i + 1]) {
                let pair = format!("{}_{}", words[i], words[i + 2]);
                if let Some(g) = lex.synonyms.get(&pair) {
                    out.extend([Some(format!("={g}")), None, None]);
                    i += 3;
                    continue;
                }
            }
        }
        out.push(term_of(words[i], lex));
        i += 1;
    }
    out
}

pub fn features(text: &str, lex: &Lexicon) -> Features {
    let mut f = Features::default();
    let toks = segment::words(text);
    f.words = toks
        .iter()
        .map(|(_, w)| w.to_lowercase().replace('’', "'"))
        .collect();
    let words: Vec<&str> = f.words.iter().map(String::as_str).collect();
    let terms = position_terms(&words, lex);
    for (i, ((_, w), t)) in toks.iter().zip(terms.iter()).enumerate() {
        let is_name = i > 0
            && w.chars().next().is_some_and(char::is_uppercase)
            && !lex.stopwords.contains(words[i]);
        if is_name {
            f.entities.insert(words[i].to_string());
        }
        if let Some(t) = t {
            f.surface.entry(t.clone()).or_insert_with(|| w.to_string());
            if !is_name {
                f.predicate_terms.insert(t.clone());
            }
            f.terms.insert(t.clone());
        }
    }
    let hedge_cover = cover(&words, &lex.hedges);
    f.hedged = hedge_cover.iter().any(|&h| h);
    f.negated = (0..words.len())
        .filter(|&i| !hedge_cover[i] && is_negation(&words, i, lex))
        .count()
        % 2
        == 1;
    f.numbers = numbers(text);
    f.core_terms = negation_scope_terms(&words, &terms, &hedge_cover, lex);
    f
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

    #[test]
    fn numbers_with_units_and_approximations() {
        let n = numbers("more than 80 servers, 12,000 jars, 1.2 million users and a dozen sites");
        assert_eq!(n.len(), 4, "{n:?}");
        assert_eq!((n[0].value, n[0].bound), (80.0, 1));
        assert_eq!(n[0].unit.as_deref(), Some("server"));
        assert_eq!(n[1].value, 12000.0);
        assert_eq!(n[2].value, 1.2e6);
        assert_eq!(n[3].value, 12.0);
        assert!(numbers("in 2011 the firm").is_empty());
    }

    #[test]
    fn number_agreement_respects_bounds_and_tolerance() {
        let a = &numbers("400 workers")[0];
        let b = &numbers("500 workers")[0];
        let up = &numbers("up to 500 workers")[0];
        let more = &numbers("more than 80 servers")[0];
        let exact = &numbers("83 servers")[0];
        assert!(!numbers_agree(a, b, 0.05));
        assert!(numbers_agree(up, a, 0.05));
        assert!(numbers_agree(more, exact, 0.05));
    }

    #[test]
    fn two_word_synonyms_fold_too() {
        let l = lx();
        for t in [
            "it will lay off 400 workers",
            "it would cut 400 jobs",
            "the layoffs were painful",
        ] {
            assert!(features(t, &l).terms.contains("=layoff"), "{t}");
        }
        assert!(!features("crews were laying the deck", &l)
            .terms
            .contains("=layoff"));
        assert!(!features("the bridge would cut travel times", &l)
            .terms
            .contains("=layoff"));
    }

    #[test]
    fn synonyms_fold_to_one_term() {
        let l = lx();
        let a = features("no data was compromised", &l);
        let b = features("data had in fact been stolen", &l);
        assert!(a.terms.contains("=compromise") && b.terms.contains("=compromise"));
        assert!(a.negated && !b.negated);
    }
}
