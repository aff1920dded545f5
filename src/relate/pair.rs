//! Pair features: what the rules of the relation engine weigh.
//!
//! Takes: two [`ClaimView`]s (the earlier claim and the later evidence).
//! Gives: [`PairFeatures`], a value in 0..1 for every feature named in
//! [`FEATURES`], with the words that set it (quoted in explanations).
//! Nothing here decides a relation; the rule file does (see [`super::Relater`]).

use std::collections::BTreeMap;

use crate::relate::claim::{ClaimView, Word};
use crate::relate::quantity::{self, Comparison};
use crate::relate::wordnet::WordNet;

/// Every feature a rule may name, whether it is a number (else true/false), and what it measures (shown by `claimtrace rules`).
pub const FEATURES: &[(&str, bool, &str)] = &[
    ("rel_claim", true, "share of the claim's content words the evidence says too, in the same or related words (stems, WordNet synonyms, derivations, hypernyms)"),
    ("rel_evidence", true, "share of the evidence's content words the claim says too, the same way"),
    ("exact", true, "share of the claim's content words whose stem the evidence repeats"),
    ("names", false, "the texts name the same person, organisation or place"),
    ("story", false, "the two claims' articles are about a common entity"),
    ("story_conflict", false, "both articles name entities, none in common: different stories"),
    ("same_article", false, "both claims come from the same article (no later reporting)"),
    ("same_source", false, "both claims come from the same source"),
    ("polarity_flip", false, "one side asserts, the other negates or denies"),
    ("flip_core", true, "with a polarity flip: share of what the negative side denies (its negation's scope, or all of it for a denial) that the other side says (0..1)"),
    ("antonym", false, "the texts hold opposite words (WordNet antonyms, un-/in-/non-/-less negations, lexicon/antonyms.txt)"),
    ("numbers_agree", false, "a quantity measuring the same thing agrees"),
    ("numbers_disagree", false, "a quantity measuring the same thing disagrees"),
    ("claim_hedged", false, "the earlier claim is hedged"),
    ("evidence_hedged", false, "the evidence is hedged"),
    ("evidence_unnamed", false, "the evidence comes from an unnamed source"),
    ("evidence_factive", false, "the evidence's cue commits its speaker (admitted, confirmed, revealed)"),
    ("evidence_denial", false, "the evidence's cue is a denial"),
    ("evidence_distanced", false, "the evidence is only claimed or alleged"),
    ("retraction", false, "the evidence takes back earlier words (mistaken, inaccurate, retracted)"),
    ("contrast", false, "the evidence says it overturns an earlier account (in fact, contrary to)"),
    ("totality_partial", false, "the claim covers all of something (all, none, never) and the evidence does not"),
    ("non_answer", false, "one side declines to answer (declined to comment)"),
    ("evidence_recap", false, "the evidence recaps an earlier stage of the story"),
    ("echo", true, "the evidence repeats the claim in its own words, same polarity, no opposed words or numbers: a re-report, not evidence (0..1)"),
    ("short_claim", false, "the claim has at most two content words"),
    ("best_in_article", false, "the evidence is the most related claim of its article for this claim"),
    ("margin", true, "how far it leads the next most related claim of its article (0..1)"),
];

/// Is `name` a feature of [`FEATURES`]? Returns its static name.
pub fn feature_name(name: &str) -> Option<&'static str> {
    FEATURES
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(n, _, _)| *n)
}

/// The named features of one pair, with the words behind them.
#[derive(Debug, Clone, Default)]
pub struct PairFeatures {
    pub values: BTreeMap<&'static str, f64>,
    /// Words that set a feature, quoted in explanations ("“stolen” ~ “compromised”").
    pub evidence: BTreeMap<&'static str, String>,
}

impl PairFeatures {
    pub fn get(&self, name: &str) -> f64 {
        self.values.get(name).copied().unwrap_or(0.0)
    }

    pub fn set(&mut self, name: &'static str, v: f64) {
        self.values.insert(name, v);
    }

    fn flag(&mut self, name: &'static str, on: bool, why: Option<String>) {
        self.values.insert(name, if on { 1.0 } else { 0.0 });
        if let (true, Some(w)) = (on, why) {
            self.evidence.insert(name, w);
        }
    }
}

fn q(s: &str) -> String {
    format!("“{s}”")
}

/// How related two words are: 1 for the same stem, else through WordNet concepts.
pub fn word_similarity(a: &Word, b: &Word) -> f32 {
    if a.stem == b.stem || a.lower == b.lower {
        return 1.0;
    }
    let (mut i, mut j) = (0, 0);
    let mut best: f32 = 0.0;
    while i < a.concepts.len() && j < b.concepts.len() {
        let (ca, sa) = a.concepts[i];
        let (cb, sb) = b.concepts[j];
        match ca.cmp(&cb) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                // Two words that only share a hypernym are siblings ("concern", "worry"):
                // related, but far less than a word and its own kind.
                let s = if sa.max(sb) < 0.9 {
                    sa * sb * 0.5
                } else {
                    sa * sb
                };
                best = best.max(s);
                i += 1;
                j += 1;
            }
        }
    }
    best.min(0.9)
}

/// Weighted share of `a`'s words that `b` says in the same or related words,
/// and the best non-identical alignments (for explanations).
fn soft_coverage<'a>(a: &'a [Word], b: &'a [Word]) -> (f64, Vec<(&'a Word, &'a Word, f32)>) {
    let total: f32 = a.iter().map(|w| w.weight).sum();
    if total <= 0.0 || b.is_empty() {
        return (0.0, Vec::new());
    }
    let mut got = 0.0;
    let mut aligned = Vec::new();
    for wa in a {
        let mut best = (0.0f32, None);
        for wb in b {
            let s = word_similarity(wa, wb);
            if s > best.0 {
                best = (s, Some(wb));
            }
        }
        // Weak relations (cousins in the hierarchy) count for little.
        let s = if best.0 < 0.5 { best.0 * 0.5 } else { best.0 };
        got += wa.weight * s;
        if let Some(wb) = best.1 {
            if best.0 >= 0.5 {
                aligned.push((wa, wb, best.0));
            }
        }
    }
    (f64::from(got / total), aligned)
}

/// Is the quantity the whole a part is taken from ("40 of its [212 stores]",
/// "one of the [three hospitals]")? A total is no count of what the claim is about.
fn is_total(text: &str, q: &quantity::Quantity) -> bool {
    let before = text.get(..q.start).unwrap_or("").trim_end().to_lowercase();
    let words: Vec<&str> = before.split_whitespace().rev().take(2).collect();
    match words.as_slice() {
        ["of", ..] | ["from", ..] => true,
        [det, "of", ..] => matches!(
            *det,
            "its" | "the" | "their" | "our" | "his" | "her" | "all"
        ),
        _ => false,
    }
}

/// Opposite words across the two claims, if any.
fn opposed(
    a: &ClaimView,
    b: &ClaimView,
    lex: &crate::lexicon::Lexicon,
) -> Option<(String, String)> {
    let wn = WordNet::builtin();
    for wa in &a.words {
        for wb in &b.words {
            if wa.stem == wb.stem {
                continue;
            }
            let neg = |x: &Word, y: &Word| {
                wn.negated_base(&x.lower).is_some_and(|base| {
                    let st = crate::normalise::stemmer().stem(&base).to_string();
                    st == y.stem
                })
            };
            if wn.antonyms(&wa.lower, &wb.lower) || neg(wa, wb) || neg(wb, wa) {
                return Some((wa.surface.clone(), wb.surface.clone()));
            }
        }
    }
    // General opposed pairs WordNet lacks (lexicon/antonyms.txt), matched on stems, one word a side.
    let st = |w: &String| crate::normalise::stemmer().stem(w).to_string();
    for (l, r) in &lex.antonyms {
        let (Some(l1), Some(r1)) = (l.first(), r.first()) else {
            continue;
        };
        if l.len() != 1 || r.len() != 1 {
            continue;
        }
        let (sl, sr) = (st(l1), st(r1));
        fn has<'v>(v: &'v ClaimView, s: &str) -> Option<&'v Word> {
            v.words.iter().find(|w| w.stem == s)
        }
        if let (Some(x), Some(y)) = (has(a, &sl), has(b, &sr)) {
            return Some((x.surface.clone(), y.surface.clone()));
        }
        if let (Some(x), Some(y)) = (has(a, &sr), has(b, &sl)) {
            return Some((x.surface.clone(), y.surface.clone()));
        }
    }
    None
}

/// The features of the pair (earlier claim `a`, later evidence `b`) that do not
/// depend on the other candidates (`best_in_article` and `margin` are set by the caller).
pub fn pair_features(a: &ClaimView, b: &ClaimView, lex: &crate::lexicon::Lexicon) -> PairFeatures {
    let mut pf = PairFeatures::default();
    let (rc, aligned) = soft_coverage(&a.words, &b.words);
    let (re, _) = soft_coverage(&b.words, &a.words);
    pf.set("rel_claim", rc);
    pf.set("rel_evidence", re);
    let mut shown: Vec<String> = Vec::new();
    for (x, y, s) in aligned.iter() {
        let t = if *s >= 1.0 {
            q(&y.surface)
        } else {
            format!("{} ~ {}", q(&x.surface), q(&y.surface))
        };
        if !shown.contains(&t) {
            shown.push(t);
        }
    }
    if !shown.is_empty() {
        let why = shown.into_iter().take(5).collect::<Vec<_>>().join(", ");
        pf.evidence.insert("rel_claim", why.clone());
        pf.evidence.insert("rel_evidence", why);
    }
    let total: f32 = a.mass();
    let exact: f32 = a
        .words
        .iter()
        .filter(|w| b.words.iter().any(|v| v.stem == w.stem))
        .map(|w| w.weight)
        .sum();
    pf.set(
        "exact",
        if total > 0.0 {
            f64::from(exact / total)
        } else {
            0.0
        },
    );
    let shared_names: Vec<&String> = a.names.intersection(&b.names).collect();
    pf.flag(
        "names",
        !shared_names.is_empty(),
        Some(
            shared_names
                .iter()
                .map(|n| q(n))
                .collect::<Vec<_>>()
                .join(", "),
        ),
    );
    let shared_story: Vec<&String> = a.story.intersection(&b.story).collect();
    pf.flag(
        "story",
        !shared_story.is_empty(),
        Some(
            shared_story
                .iter()
                .take(3)
                .map(|n| q(n))
                .collect::<Vec<_>>()
                .join(", "),
        ),
    );
    pf.flag(
        "story_conflict",
        !a.story.is_empty() && !b.story.is_empty() && shared_story.is_empty(),
        None,
    );
    let (ia, ib) = (&a.input, &b.input);
    pf.flag(
        "same_article",
        ia.article != 0 && ia.article == ib.article,
        None,
    );
    pf.flag(
        "same_source",
        !ia.source_key.is_empty() && ia.source_key == ib.source_key,
        Some(ib.source_name.clone()),
    );
    let neg_word = |v: &ClaimView| {
        v.lower_words
            .iter()
            .find(|w| {
                w.ends_with("n't") || lex.negations.iter().any(|n| n.len() == 1 && &n[0] == *w)
            })
            .map(|w| q(w))
            .unwrap_or_else(|| "a denial".into())
    };
    let flip_why = if ia.negative {
        format!("{} in the claim", neg_word(a))
    } else {
        format!("{} in the evidence", neg_word(b))
    };
    pf.flag(
        "polarity_flip",
        ia.negative != ib.negative,
        Some(flip_why.clone()),
    );
    if ia.negative != ib.negative {
        let (neg, pos) = if ia.negative { (a, b) } else { (b, a) };
        let scope: Vec<Word> = neg.words.iter().filter(|w| w.negated).cloned().collect();
        // A denial cue ("denied that ...") or a negation with no content word after it negates it all.
        let core = if neg.input.cue_class == "deny" || scope.is_empty() {
            soft_coverage(&neg.words, &pos.words).0
        } else {
            soft_coverage(&scope, &pos.words).0
        };
        pf.set("flip_core", core);
        if core > 0.0 {
            pf.evidence.insert("flip_core", flip_why);
        }
    }
    let opp = opposed(a, b, lex);
    let opp_none = opp.is_none();
    pf.flag(
        "antonym",
        opp.is_some(),
        opp.map(|(x, y)| format!("{} against {}", q(&x), q(&y))),
    );
    let mut agree = None;
    let mut disagree = None;
    for qa in a.quantities.iter().filter(|q| !is_total(&ia.text, q)) {
        for qb in b.quantities.iter().filter(|q| !is_total(&ib.text, q)) {
            // The same number written on both sides is the evidence restating its context
            // ("three hospitals" / "one of the three hospitals"): no signal either way.
            let identical = qa.value == qb.value && qa.low == qb.low && qa.high == qb.high;
            match quantity::compare(qa, qb) {
                Some(Comparison::Agree) if identical => {}
                Some(Comparison::Agree) => {
                    agree.get_or_insert(format!("{} and {}", q(&qa.text), q(&qb.text)));
                }
                Some(Comparison::Disagree) => {
                    disagree.get_or_insert(format!("{} vs {}", q(&qa.text), q(&qb.text)));
                }
                None => {}
            }
        }
    }
    let disagree_none = disagree.is_none();
    pf.flag("numbers_agree", agree.is_some(), agree);
    pf.flag("numbers_disagree", disagree.is_some(), disagree);
    pf.flag("claim_hedged", ia.hedged, None);
    pf.flag("evidence_hedged", ib.hedged, None);
    pf.flag("evidence_unnamed", ib.unnamed, Some(ib.source_name.clone()));
    let cue = ib.cue_class.as_str();
    pf.flag(
        "evidence_factive",
        matches!(cue, "admit" | "confirm" | "reveal"),
        Some(format!("{} {}", ib.source_name, cue)),
    );
    pf.flag(
        "evidence_denial",
        cue == "deny",
        Some(ib.source_name.clone()),
    );
    pf.flag(
        "evidence_distanced",
        cue == "claim",
        Some(ib.source_name.clone()),
    );
    pf.flag(
        "retraction",
        b.retraction.is_some(),
        b.retraction.as_deref().map(q),
    );
    pf.flag(
        "contrast",
        b.contrast.is_some(),
        b.contrast.as_deref().map(q),
    );
    pf.flag(
        "totality_partial",
        a.totality.is_some() && b.totality.is_none(),
        a.totality
            .as_deref()
            .map(|t| format!("{} in the claim", q(t))),
    );
    let na = a.non_answer.as_deref().or(b.non_answer.as_deref());
    pf.flag("non_answer", na.is_some(), na.map(q));
    pf.flag("evidence_recap", ib.recap, None);
    pf.flag("short_claim", a.words.len() <= 2, None);
    let echo = if ia.negative == ib.negative && opp_none && disagree_none {
        let e = pf.get("exact").min(re);
        if e >= 0.5 {
            e
        } else {
            0.0
        }
    } else {
        0.0
    };
    pf.set("echo", echo);
    pf
}
