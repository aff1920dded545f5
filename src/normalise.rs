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

/// Is a lowercase word a negation on its own ("not", "no", "never", "didn't", "nobody's")?
pub fn is_negation_word(w: &str, lex: &Lexicon) -> bool {
    let w = w.strip_suffix("'s").unwrap_or(w);
    w.ends_with("n't")
        || lex
            .negations
            .iter()
            .any(|n| matches!(n.as_slice(), [only] if only == w))
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

/// Words that start a new clause (coordinated, relative or subordinate) once the clause
/// before has its verb. "that" does so only after a noun or pronoun (a relative clause:
/// "a strain that nobody had seen"), not after a verb ("found that no rule was broken").
const CLAUSE_WORDS: &[&str] = &[
    "and", "but", "which", "who", "whom", "whose", "because", "while", "although", "though",
    "whereas", "when", "if", "unless", "since", "until", "where",
];

/// Words that open a subordinate clause: a claim opening with one has its main clause next.
const SUBORDINATORS: &[&str] = &[
    "although", "though", "while", "whereas", "if", "unless", "when", "because", "since",
    "despite", "after", "before", "once",
];

/// Positions of the main clause where a negation negates its predicate: not those of a
/// gerund ("for not releasing", "paying no tax was smart"), which negate a noun-like
/// phrase; after an auxiliary the -ing form is the predicate itself ("is not paying").
fn main_negatable(text: &str) -> Vec<usize> {
    use crate::annotate::tagger::Upos;
    let (main, lower, tags) = main_clause_parts(text);
    let toks = segment::words(text);
    let gerund = |j: usize| {
        lower.get(j).is_some_and(|w| w.ends_with("ing"))
            && tags.get(j) == Some(&Upos::Verb)
            && !(j > 0 && tags.get(j - 1) == Some(&Upos::Aux))
    };
    main.into_iter()
        .filter(|&i| {
            // A negation right after a gerund belongs to the gerund's phrase ("paying no
            // taxes was smart"). One before a gerund negates the gerund's clause only as an
            // adverb ("accused of not paying"); a negative pronoun a participle describes is
            // the main clause's object ("found nothing indicating that ...").
            let adverb = lower
                .get(i)
                .is_some_and(|w| matches!(w.as_str(), "not" | "never" | "n't"));
            let before = i > 0 && gerund(i - 1);
            let after = adverb
                && i + 1 < lower.len()
                && gerund(i + 1)
                && !(i > 0 && tags.get(i - 1) == Some(&Upos::Aux));
            // "a shortage of crew, not air traffic control, was the cause": a
            // "not" between a noun and a noun phrase, after a comma or dash, sets
            // one thing against another; the predicate is not negated ("First,
            // not all of them agree" is negated).
            let contrastive = lower.get(i).is_some_and(|w| w == "not")
                && i > 0
                && matches!(tags.get(i - 1), Some(Upos::Noun | Upos::Propn))
                && segment::gap_before(text, &toks, i).contains([',', '—', '–'])
                && matches!(
                    tags.get(i + 1),
                    Some(Upos::Det | Upos::Noun | Upos::Propn | Upos::Adj | Upos::Num)
                );
            !(before || after || contrastive)
        })
        .collect()
}

/// The main clause's word positions, the lowercase words and their tags.
type ClauseParts = (Vec<usize>, Vec<String>, Vec<crate::annotate::tagger::Upos>);

/// Word positions of a claim's main clause: from the start (or, when the text opens with a
/// subordinate clause, "Although sales rose, ...", from the next clause) to the first clause
/// boundary after its verb: punctuation, a new sentence, or a clause word. Negations
/// outside it (a relative clause, a trailing "not by a barbecue", an emphatic "Not one.")
/// do not decide polarity.
fn main_clause_parts(text: &str) -> ClauseParts {
    use crate::annotate::tagger::{Tagger, Upos};
    let toks = segment::words(text);
    if toks.is_empty() {
        return (Vec::new(), Vec::new(), Vec::new());
    }
    let surf: Vec<&str> = toks.iter().map(|(_, w)| *w).collect();
    let tags = Tagger::builtin().tag(&surf);
    let lower: Vec<String> = surf.iter().map(|w| w.to_lowercase()).collect();
    let mut clauses: Vec<std::ops::Range<usize>> = Vec::new();
    let (mut start, mut has_verb) = (0, false);
    for (i, l) in lower.iter().enumerate() {
        if i > start && has_verb {
            let gap = segment::gap_before(text, &toks, i);
            let l = l.as_str();
            let relative_that = l == "that"
                && matches!(tags.get(i - 1), Some(Upos::Noun | Upos::Propn | Upos::Pron));
            if gap.contains([',', ';', ':', '—', '–', '(', ')', '.', '!', '?'])
                || CLAUSE_WORDS.contains(&l)
                || relative_that
            {
                clauses.push(start..i);
                start = i;
                has_verb = false;
            }
        }
        if matches!(tags.get(i), Some(Upos::Verb | Upos::Aux)) {
            has_verb = true;
        }
    }
    clauses.push(start..toks.len());
    // A clause is no main clause when a subordinator comes before its first verb
    // ("By the way, if she gets to pick …"), or when that verb is an infinitive
    // ("Well, to be perfectly candid with you, I'm not ready").
    let subordinate = |c: &std::ops::Range<usize>| {
        let first_verb = c
            .clone()
            .find(|&k| matches!(tags.get(k), Some(Upos::Verb | Upos::Aux)))
            .unwrap_or(c.end);
        // (and no comma between: "The plan, while a big rule, is not …" is a main
        // clause with an aside)
        (c.start..first_verb).any(|k| {
            lower
                .get(k)
                .is_some_and(|w| SUBORDINATORS.contains(&w.as_str()))
                && !(k + 1..=first_verb).any(|j| segment::gap_before(text, &toks, j).contains(','))
        }) || (first_verb > c.start
            && first_verb < c.end
            && lower.get(first_verb - 1).is_some_and(|w| w == "to")
            // (with no subject before it: "I'm not ready to do that" is a main clause)
            && !(c.start..first_verb)
                .any(|k| matches!(tags.get(k), Some(Upos::Noun | Upos::Propn | Upos::Pron))))
    };
    let main = clauses
        .iter()
        .position(|c| !subordinate(c))
        .and_then(|k| clauses.get(k))
        .or(clauses.first())
        .cloned()
        .unwrap_or(0..0);
    (main.collect(), lower, tags)
}

/// Polarity of what the speaker asserts and whether it is hedged. Negative when a
/// negation (not inside a hedge such as "cannot rule out", nor a phrase such as "no
/// fewer than") stands in the main clause; a denial cue turns it over.
pub fn polarity_modality(text: &str, cue_class: &str, lex: &Lexicon) -> (Polarity, Modality) {
    let owned = lower_words(text);
    let words: Vec<&str> = owned.iter().map(String::as_str).collect();
    let hedge_cover = cover(&words, &lex.hedges);
    let not_negation = cover(&words, &lex.not_negations);
    // The covers have one entry a word: `Some(&false)` is a word outside them.
    let negated = main_negatable(text).into_iter().any(|i| {
        hedge_cover.get(i) == Some(&false)
            && not_negation.get(i) == Some(&false)
            && words.get(i).is_some_and(|w| is_negation_word(w, lex))
    });
    let negative = negated ^ (cue_class == "deny");
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
    text.match_indices(marker).any(|(a, m)| {
        let b = a + m.len();
        !crate::text::char_before(text, a).is_some_and(char::is_alphanumeric)
            && !crate::text::char_at(text, b).is_some_and(char::is_alphanumeric)
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
    fn phrases_are_whole_words_next_to_multibyte_letters() {
        assert!(has_phrase("“no data” was lost", "no data"));
        assert!(has_phrase("said\u{a0}no data", "no data"));
        assert!(!has_phrase("Émile", "mile"));
        assert!(!has_phrase("mileé", "mile"));
        assert!(has_phrase("é mile", "mile"));
        // A later occurrence counts when the first is inside a word.
        assert!(has_phrase("Émile, mile", "mile"));
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
    fn a_fronted_subordinate_or_infinitive_clause_is_not_the_main_clause() {
        let l = lx();
        let pol = |t: &str| polarity_modality(t, "assert", &l).0;
        // After a discourse phrase, the "if" clause is still subordinate.
        assert_eq!(
            pol("By the way, if the port gets its levy, nothing you can do, folks,"),
            Polarity::Negative
        );
        // An infinitive opening the text ("to be frank") is no main clause...
        assert_eq!(
            pol("To be frank, the harbour will never be the same again"),
            Polarity::Negative
        );
        assert_eq!(
            pol("Well, to be candid with you, I'm just not ready to sign that"),
            Polarity::Negative
        );
        // ...but "ready to sign" after a subject is part of one.
        assert_eq!(pol("We are ready to sign the deal"), Polarity::Positive);
        // An aside set off by commas leaves the clause around it the main one.
        assert_eq!(
            pol("The levy, while certainly a large one, is not the disaster its critics claim"),
            Polarity::Negative
        );
    }

    #[test]
    fn only_a_negation_of_the_main_clause_makes_a_claim_negative() {
        let l = lx();
        let pol = |t: &str| polarity_modality(t, "assert", &l).0;
        // "X, not Y, was ...": one thing set against another, no negated predicate.
        assert_eq!(
            pol("a shortage of drivers, not the weather, was the main cause of the delays"),
            Polarity::Positive
        );
        assert_eq!(
            pol("the weather was not the main cause of the delays"),
            Polarity::Negative
        );
        assert_eq!(
            pol("First, not all of the pumps failed."),
            Polarity::Negative
        );
        // Negative: the main predicate is negated, whatever follows.
        assert_eq!(
            pol("No windows were broken at all. Not one."),
            Polarity::Negative
        );
        assert_eq!(
            pol("Nobody’s rent will rise this year."),
            Polarity::Negative
        );
        assert_eq!(
            pol("the council had received no formal objection and saw no reason to wait"),
            Polarity::Negative
        );
        assert_eq!(
            pol("Not at first. Later the pumps did not start."),
            Polarity::Negative
        );
        assert_eq!(
            pol("Although the river rose, the bridge was never closed"),
            Polarity::Negative
        );
        assert_eq!(
            pol("the board found that no rule was broken"),
            Polarity::Negative
        );
        assert_eq!(
            pol("the firm is paying no dividend this year"),
            Polarity::Negative
        );
        // Positive: the negation sits in a relative, coordinated or trailing clause, in a
        // comparison of amount, or in a gerund.
        assert_eq!(
            pol("the roof was damaged by a storm that nobody had forecast"),
            Polarity::Positive
        );
        assert_eq!(
            pol("the ferry was delayed by fog, not by a strike"),
            Polarity::Positive
        );
        assert_eq!(
            pol("the museum reopened in May and was not full until June"),
            Polarity::Positive
        );
        assert_eq!(
            pol("lights at no fewer than five crossings had failed"),
            Polarity::Positive
        );
        assert_eq!(
            pol("the mayor praised the club for not raising ticket prices"),
            Polarity::Positive
        );
        assert_eq!(pol("skipping no meals was healthy"), Polarity::Positive);
        assert_eq!(
            pol("that paying no income taxes was smart"),
            Polarity::Positive
        );
        // A negative pronoun that a participle describes is the main clause's object.
        assert_eq!(
            pol("its inspectors found nothing suggesting that the pump had failed"),
            Polarity::Negative
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
