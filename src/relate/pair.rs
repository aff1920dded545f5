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
    ("rel_claim", true, "share of the claim's content words the evidence says too, in the same or related words (stems, WordNet synonyms, derivations, hypernyms, lexicon/synonyms.txt groups)"),
    ("rel_evidence", true, "share of the evidence's content words the claim says too, the same way"),
    ("matched", true, "how many of the claim's content words (not names, not light words) the evidence says in the same or a closely related word, up to 4, over 4"),
    ("specific", true, "how much specific information the two share: the specificity (rarity among stored claims) of the claim's words the evidence says too, summed, up to 2, over 2"),
    ("exact", true, "share of the claim's content words whose stem the evidence repeats"),
    ("names", false, "the texts name the same person, organisation or place"),
    ("story", false, "the two claims' articles are about a common entity"),
    ("story_share", true, "how much of the two articles' story (their entities' names) is common: shared story keys over the smaller set (0..1); articles of one story share most, two articles of one campaign share only its leading names"),
    ("story_unknown", false, "one side has no story keys (a claim typed by the user that names nobody): story_share says nothing"),
    ("story_conflict", false, "both articles name entities, none in common: different stories"),
    ("same_article", false, "both claims come from the same article and the same stage of its story (neither recaps an earlier stage): no later reporting"),
    ("stage_later", false, "the evidence comes from the same article, at a later stage of its story ('after further investigation, it now says ...')"),
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
    ("totality_partial", false, "the claim covers all of something (all, none, never) and the evidence states a part (some, an amount) or the opposite"),
    ("opposed", false, "the two disagree in a way the rules can name: a polarity flip, opposite words, numbers that disagree, a retraction, all against a part, or a contrast marker"),
    ("question", false, "one side asks rather than asserts (ends with a question mark)"),
    ("non_answer", false, "one side declines to answer (declined to comment)"),
    ("evidence_recap", false, "the evidence recaps an earlier stage of the story"),
    ("echo", true, "the evidence repeats the claim in its own words, same polarity, no opposed words or numbers: a re-report, not evidence (0..1)"),
    ("short_claim", false, "the claim has at most two content words"),
    ("one_word", false, "one side says at most one content word and points elsewhere with a pronoun ('No, this is not politics'): what it is about is not in the claim"),
    ("no_predicate", false, "one side has no verb, or is a fragment opening with one: a name or a noun phrase ('Two Supreme Court justices.'), a predicate without its subject ('is increasing the tax liability at the top') states nothing to compare"),
    ("best_in_article", false, "the evidence is the most related claim of its article for this claim"),
    ("margin", true, "how far it leads the next most related claim of its article (0..1)"),
    ("best_for_evidence", false, "the claim is the most related claim of its article for this evidence (with best_in_article: each is the other's best match)"),
    ("rare_shared", true, "how much rare vocabulary the two share: the general-English rarity (lexicon/word_freq.txt) of the claim's words the evidence says too, summed, up to 3, over 3"),
    ("rare_cover", true, "share of the claim's general-English rarity that the evidence says too"),
    ("negated_match", false, "a word the two share is negated on one side only ('started by a power line, not by a barbecue' against 'started by a barbecue')"),
    ("rel_short", true, "share of the shorter side's content words the other side says too (the larger of rel_claim and rel_evidence)"),
];

/// Position of a feature in [`FEATURES`].
fn index_of(name: &str) -> Option<usize> {
    FEATURES.iter().position(|(n, _, _)| *n == name)
}

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
    /// One value per feature of [`FEATURES`], in its order.
    pub values: Vec<f64>,
    /// Words that set a feature, quoted in explanations ("“stolen” ~ “compromised”").
    pub evidence: BTreeMap<&'static str, String>,
}

impl PairFeatures {
    pub fn get(&self, name: &str) -> f64 {
        index_of(name)
            .and_then(|i| self.values.get(i))
            .copied()
            .unwrap_or(0.0)
    }

    pub fn set(&mut self, name: &'static str, v: f64) {
        if let Some(i) = index_of(name) {
            if self.values.len() < FEATURES.len() {
                self.values.resize(FEATURES.len(), 0.0);
            }
            if let Some(x) = self.values.get_mut(i) {
                *x = v;
            }
        }
    }

    /// Features with a non-zero value, by name (for diagnosis output).
    pub fn named(&self) -> BTreeMap<&'static str, f64> {
        FEATURES
            .iter()
            .zip(&self.values)
            .filter(|(_, v)| **v != 0.0)
            .map(|((n, _, _), v)| (*n, *v))
            .collect()
    }

    /// Sets a true/false feature; the words behind it are only worked out when it holds.
    fn flag(&mut self, name: &'static str, on: bool, why: impl FnOnce() -> Option<String>) {
        self.set(name, if on { 1.0 } else { 0.0 });
        if on {
            if let Some(w) = why() {
                self.evidence.insert(name, w);
            }
        }
    }
}

fn q(s: &str) -> String {
    format!("“{s}”")
}

/// How related two words are: 1 for the same stem, else through WordNet concepts.
pub fn word_similarity(a: &Word, b: &Word) -> f32 {
    if a.stem_id == b.stem_id {
        return 1.0;
    }
    if a.group.is_some() && a.group == b.group {
        return 0.9;
    }
    let (mut i, mut j) = (0, 0);
    let mut best: f32 = 0.0;
    while let (Some(&(ca, sa)), Some(&(cb, sb))) = (a.concepts.get(i), b.concepts.get(j)) {
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

/// Weighted share of the words `a` (with their weights) that `b` says in the
/// same or related words, and the best non-identical alignments (for explanations).
fn soft_coverage<'a>(
    a: impl Iterator<Item = (&'a Word, f32)>,
    b: &'a [Word],
) -> (f64, Vec<(&'a Word, &'a Word, f32)>) {
    let refs: Vec<&Word> = b.iter().collect();
    soft_coverage_of(a, &refs)
}

/// [`soft_coverage`] against a chosen subset of the other side's words.
fn soft_coverage_of<'a>(
    a: impl Iterator<Item = (&'a Word, f32)>,
    b: &[&'a Word],
) -> (f64, Vec<(&'a Word, &'a Word, f32)>) {
    let mut total = 0.0f32;
    let mut got = 0.0f32;
    let mut aligned = Vec::new();
    for (wa, weight) in a {
        total += weight;
        let mut best = (0.0f32, None);
        for &wb in b {
            let s = word_similarity(wa, wb);
            if s > best.0 {
                best = (s, Some(wb));
                if s >= 1.0 {
                    break;
                }
            }
        }
        // Weak relations (cousins in the hierarchy) count for little.
        let s = if best.0 < 0.5 { best.0 * 0.5 } else { best.0 };
        got += weight * s;
        if let Some(wb) = best.1 {
            if best.0 >= 0.5 {
                aligned.push((wa, wb, best.0));
            }
        }
    }
    if total <= 0.0 || b.is_empty() {
        return (0.0, Vec::new());
    }
    (f64::from(got / total), aligned)
}

/// A view's words with their weights.
fn weighted(v: &ClaimView) -> impl Iterator<Item = (&Word, f32)> {
    v.words.iter().zip(v.weights.iter().copied())
}

/// Stem of a lexicon word, remembered per thread (the antonym list is read for every pair).
fn stem_cached(w: &str) -> String {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static CACHE: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
    }
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(s) = c.get(w) {
            return s.clone();
        }
        let s = crate::normalise::stemmer().stem(w).to_string();
        if c.len() < 100_000 {
            c.insert(w.to_string(), s.clone());
        }
        s
    })
}

/// Which side's negation makes a polarity flip, quoted: "“no” in the claim".
fn flip_why(a: &ClaimView, b: &ClaimView, lex: &crate::lexicon::Lexicon) -> String {
    let neg_word = |v: &ClaimView| {
        v.lower_words
            .iter()
            .find(|w| crate::normalise::is_negation_word(w, lex))
            .map(|w| q(w))
            .unwrap_or_else(|| "a denial".into())
    };
    if a.negative {
        format!("{} in the claim", neg_word(a))
    } else {
        format!("{} in the evidence", neg_word(b))
    }
}

/// Is the quantity the whole a part is taken from ("40 of its [212 stores]",
/// "one of the [three hospitals]")? A total is no count of what the claim is about.
/// Only a part taken by a count or a quantifier makes a whole: "an average of
/// 38 minutes", "a total of 52,000" state the quantity itself.
fn is_total(text: &str, q: &quantity::Quantity) -> bool {
    let words = words_before(text, q, 3);
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let part = |w: &str| {
        w.chars().next().is_some_and(|c| c.is_ascii_digit())
            || quantity::unit_word(w).is_some()
            || matches!(
                w,
                "some"
                    | "most"
                    | "many"
                    | "all"
                    | "none"
                    | "each"
                    | "half"
                    | "part"
                    | "both"
                    | "several"
                    | "few"
                    | "any"
                    | "majority"
                    | "minority"
                    | "rest"
            )
    };
    match words.as_slice() {
        ["from", ..] => true,
        ["of", x, ..] => part(x),
        [det, "of", x, ..] => {
            matches!(
                *det,
                "its" | "the" | "their" | "our" | "his" | "her" | "all"
            ) && part(x)
        }
        _ => false,
    }
}

/// Is the quantity a figure the text names only to set another against it: after
/// "not", "than", "above", "below", "instead of", "rather than", "versus"
/// within three words ("fell by 11 per cent, not 31 per cent", "well above the
/// 38 minutes the force had published")?
fn rejected_figure(text: &str, q: &quantity::Quantity) -> bool {
    words_before(text, q, 3).iter().any(|w| {
        matches!(
            w.trim_matches(|c: char| !c.is_alphanumeric()),
            "not" | "than" | "above" | "below" | "instead" | "rather" | "versus" | "vs"
        )
    })
}

/// Is the quantity the size of a whole set ("all 14 districts")? A smaller count
/// of the same thing on the other side is a part of it ("two districts"), not
/// another count of it; an equal count still agrees.
fn counts_all(text: &str, q: &quantity::Quantity) -> bool {
    words_before(text, q, 1).first().is_some_and(|w| w == "all")
}

/// A count given as a tally up to the time of speaking ("212 cases had been
/// confirmed", "40 people have died so far", "to date, 12 arrests"): the same
/// source's later, larger count updates it rather than contradicts it.
fn running_tally(text: &str, q: &quantity::Quantity) -> bool {
    if q.unit != quantity::Unit::Count {
        return false;
    }
    let lower = text.to_lowercase();
    let perfect_after = text
        .get(q.start..)
        .unwrap_or("")
        .split_whitespace()
        .skip(1)
        .take(4)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .any(|w| matches!(w.as_str(), "has" | "have" | "had"));
    perfect_after
        || ["so far", "to date", "thus far", "as of"]
            .iter()
            .any(|p| lower.contains(p))
}

/// A length of time that places an event from another one ("lifted 31 days
/// after it was issued", "two weeks ago") rather than measuring how long
/// something lasted ("faulty for three weeks before the notice"): such an
/// offset and a length measure different things.
fn time_offset(text: &str, q: &quantity::Quantity) -> bool {
    if !matches!(q.unit, quantity::Unit::Duration { .. }) {
        return false;
    }
    let next = text
        .get(q.end..)
        .unwrap_or("")
        .split_whitespace()
        .next()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .unwrap_or_default();
    let lasting = words_before(text, q, 3)
        .iter()
        .any(|w| matches!(w.as_str(), "for" | "lasted" | "lasting"));
    matches!(
        next.as_str(),
        "after" | "before" | "later" | "earlier" | "ago"
    ) && !lasting
}

/// The `n` lowercase words right before the quantity, nearest first.
fn words_before(text: &str, q: &quantity::Quantity, n: usize) -> Vec<String> {
    text.get(..q.start)
        .unwrap_or("")
        .split_whitespace()
        .rev()
        .take(n)
        .map(str::to_lowercase)
        .collect()
}

/// Opposite words across the two claims, if any.
fn opposed(
    a: &ClaimView,
    b: &ClaimView,
    lex: &crate::lexicon::Lexicon,
) -> Option<(String, String)> {
    let wn = WordNet::builtin();
    for wa in a.words.iter() {
        for wb in b.words.iter() {
            if wa.stem == wb.stem {
                continue;
            }
            if wn.opposite(&wa.opposition, &wb.opposition) {
                return Some((wa.surface.clone(), wb.surface.clone()));
            }
        }
    }
    // General opposed pairs WordNet lacks (lexicon/antonyms.txt), matched on stems, one word a side.
    let st = |w: &String| stem_cached(w);
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

/// Features cheap to compute (flags of the two claims, no word alignment):
/// the engine tests its vetoes on these before computing the rest.
pub const CHEAP: &[&str] = &[
    "names",
    "story",
    "story_conflict",
    "story_share",
    "story_unknown",
    "same_article",
    "stage_later",
    "same_source",
    "polarity_flip",
    "claim_hedged",
    "evidence_hedged",
    "evidence_unnamed",
    "evidence_factive",
    "evidence_denial",
    "evidence_distanced",
    "retraction",
    "contrast",
    "totality_partial",
    "non_answer",
    "question",
    "evidence_recap",
    "short_claim",
    "one_word",
    "no_predicate",
];

/// The cheap features of the pair (earlier claim `a`, later evidence `b`), see [`CHEAP`].
pub fn cheap_features(a: &ClaimView, b: &ClaimView, lex: &crate::lexicon::Lexicon) -> PairFeatures {
    let mut pf = PairFeatures::default();
    let shared_names: Vec<&String> = a.names.intersection(&b.names).collect();
    pf.flag("names", !shared_names.is_empty(), || {
        Some(
            shared_names
                .iter()
                .map(|n| q(n))
                .collect::<Vec<_>>()
                .join(", "),
        )
    });
    let shared_story: Vec<&String> = a.story.intersection(&b.story).collect();
    pf.flag("story", !shared_story.is_empty(), || {
        Some(
            shared_story
                .iter()
                .take(3)
                .map(|n| q(n))
                .collect::<Vec<_>>()
                .join(", "),
        )
    });
    let smaller = a.story.len().min(b.story.len());
    pf.flag("story_unknown", smaller == 0, || None);
    pf.set(
        "story_share",
        if smaller == 0 {
            0.0
        } else {
            shared_story.len() as f64 / smaller as f64
        },
    );
    pf.flag(
        "story_conflict",
        !a.story.is_empty() && !b.story.is_empty() && shared_story.is_empty(),
        || None,
    );
    let (ia, ib) = (&a.input, &b.input);
    // One article that tells two stages of a story ("initially said ..., now admits ...")
    // is a report over time: only claims of the same stage are one report.
    pf.flag(
        "same_article",
        ia.article != 0 && ia.article == ib.article && ia.stage == ib.stage,
        || None,
    );
    pf.flag(
        "stage_later",
        ia.article != 0 && ia.article == ib.article && ib.stage > ia.stage,
        || None,
    );
    pf.flag(
        "same_source",
        !ia.source_key.is_empty() && ia.source_key == ib.source_key,
        || Some(ib.source_name.clone()),
    );
    pf.flag("polarity_flip", a.negative != b.negative, || {
        Some(flip_why(a, b, lex))
    });
    pf.flag("claim_hedged", ia.hedged, || None);
    pf.flag("evidence_hedged", ib.hedged, || None);
    pf.flag("evidence_unnamed", ib.unnamed, || {
        Some(ib.source_name.clone())
    });
    let cue = ib.cue_class.as_str();
    pf.flag(
        "evidence_factive",
        matches!(cue, "admit" | "confirm" | "reveal"),
        || Some(format!("{} {}", ib.source_name, cue)),
    );
    pf.flag("evidence_denial", cue == "deny", || {
        Some(ib.source_name.clone())
    });
    pf.flag("evidence_distanced", cue == "claim", || {
        Some(ib.source_name.clone())
    });
    pf.flag("retraction", b.retraction.is_some(), || {
        b.retraction.as_deref().map(q)
    });
    pf.flag("contrast", b.contrast.is_some(), || {
        b.contrast.as_deref().map(q)
    });
    // The evidence must state a part (a partial quantifier, an amount) or the
    // opposite: "every candidate releases his returns" is not contradicted by
    // "a law requires nominees to release theirs".
    // An amount the claim itself gives is no part of it ("all of a dozen applicants" / "12
    // applicants").
    let new_amount = b.quantities.iter().any(|qb| {
        !a.quantities
            .iter()
            .any(|qa| qa.value == qb.value && qa.low == qb.low && qa.high == qb.high)
    });
    let states_part = b.partial.is_some() || new_amount || a.negative != b.negative;
    pf.flag(
        "totality_partial",
        a.totality.is_some() && b.totality.is_none() && states_part,
        || {
            a.totality
                .as_deref()
                .map(|t| format!("{} in the claim", q(t)))
        },
    );
    let na = a.non_answer.as_deref().or(b.non_answer.as_deref());
    pf.flag("non_answer", na.is_some(), || na.map(q));
    pf.flag("evidence_recap", ib.recap, || None);
    pf.flag("question", a.question || b.question, || None);
    pf.flag("short_claim", a.words.len() <= 2, || None);
    pf.flag("no_predicate", !a.has_verb || !b.has_verb, || None);
    let deictic = |v: &ClaimView| {
        // (a number or a year says when or how much, not what: "It's not what
        // worked in 2012" has one content word)
        let said = v
            .words
            .iter()
            .filter(|w| {
                !w.lower
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
            })
            .count();
        said <= 1
            && v.lower_words.iter().any(|w| {
                // (the pronoun of a contraction too: "it's", "that’s")
                matches!(
                    w.split(['\'', '\u{2019}']).next().unwrap_or(""),
                    "this" | "that" | "it" | "these" | "those" | "they" | "he" | "she"
                )
            })
    };
    pf.flag("one_word", deictic(a) || deictic(b), || None);
    pf
}

/// The features of the pair (earlier claim `a`, later evidence `b`) that do not
/// depend on the other candidates (`best_in_article` and `margin` are set by the caller).
pub fn pair_features(a: &ClaimView, b: &ClaimView, lex: &crate::lexicon::Lexicon) -> PairFeatures {
    let pf = cheap_features(a, b, lex);
    add_costly_features(a, b, lex, pf)
}

/// Adds word alignment, negation scope, antonyms and numbers to the cheap features.
pub fn add_costly_features(
    a: &ClaimView,
    b: &ClaimView,
    lex: &crate::lexicon::Lexicon,
    mut pf: PairFeatures,
) -> PairFeatures {
    let (ia, ib) = (&a.input, &b.input);
    let (rc, aligned) = soft_coverage(weighted(a), &b.words);
    let (re, _) = soft_coverage(weighted(b), &a.words);
    pf.set("rel_claim", rc);
    pf.set("rel_evidence", re);
    pf.set("rel_short", rc.max(re));
    let matched = aligned
        .iter()
        .filter(|(x, _, sim)| *sim >= 0.8 && x.weight >= 0.9)
        .count();
    // Which of the claim's words the evidence says in the same or a closely related word.
    let said: Vec<bool> = a
        .words
        .iter()
        .map(|w| {
            aligned
                .iter()
                .any(|(x, _, sim)| std::ptr::eq(*x, w) && *sim >= 0.8)
        })
        .collect();
    let specific: f32 = a
        .specificity
        .iter()
        .zip(&said)
        .filter(|(_, s)| **s)
        .map(|(sp, _)| *sp)
        .sum();
    pf.set("specific", f64::from(specific.min(2.0) / 2.0));
    let rare_all: f32 = a.words.iter().map(|w| w.general).sum();
    let rare: f32 = a
        .words
        .iter()
        .zip(&said)
        .filter(|(_, s)| **s)
        .map(|(w, _)| w.general)
        .sum();
    pf.set("rare_shared", f64::from(rare.min(3.0) / 3.0));
    // A full-weight word the two share, inside a negation's scope on one side only.
    let neg_match = aligned
        .iter()
        .find(|(x, y, sim)| *sim >= 0.8 && x.weight >= 0.9 && x.negated != y.negated);
    pf.flag("negated_match", neg_match.is_some(), || {
        neg_match.map(|(x, y, _)| {
            let (n, side) = if x.negated {
                (x, "the claim")
            } else {
                (y, "the evidence")
            };
            format!("{} negated in {side}", q(&n.surface))
        })
    });
    pf.set(
        "rare_cover",
        if rare_all > 0.0 {
            f64::from(rare / rare_all)
        } else {
            0.0
        },
    );
    pf.set("matched", (matched.min(4) as f64) / 4.0);
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
    let exact: f32 = weighted(a)
        .filter(|(w, _)| b.words.iter().any(|v| v.stem_id == w.stem_id))
        .map(|(_, x)| x)
        .sum();
    pf.set(
        "exact",
        if total > 0.0 {
            f64::from(exact / total)
        } else {
            0.0
        },
    );
    if a.negative != b.negative {
        let (neg, pos) = if a.negative { (a, b) } else { (b, a) };
        // What is denied: the full-weight content words in the negation's scope (light
        // words such as "go" or "know" say nothing of what is denied), or the whole
        // claim for a denial cue ("denied that ...").
        // ... and what the other side asserts: words negated there too ("paying no taxes was
        // smart" / "may not have paid any taxes") agree rather than oppose.
        let asserted: Vec<&Word> = pos.words.iter().filter(|w| !w.negated).collect();
        let core = if neg.input.cue_class == "deny" {
            soft_coverage_of(weighted(neg), &asserted).0
        } else {
            soft_coverage_of(
                weighted(neg).filter(|(w, _)| w.negated && w.weight >= 0.9),
                &asserted,
            )
            .0
        };
        pf.set("flip_core", core);
        if core > 0.0 {
            pf.evidence.insert("flip_core", flip_why(a, b, lex));
        }
    }
    let opp = opposed(a, b, lex);
    let opp_none = opp.is_none();
    pf.flag("antonym", opp.is_some(), || {
        opp.map(|(x, y)| format!("{} against {}", q(&x), q(&y)))
    });
    let mut agree = None;
    let mut disagree = None;
    let qas: Vec<_> = a
        .quantities
        .iter()
        .filter(|q| !is_total(&ia.text, q))
        .collect();
    let qbs: Vec<_> = b
        .quantities
        .iter()
        .filter(|q| !is_total(&ib.text, q))
        .collect();
    // A figure a side names only to reject it ("11 per cent, not 31 per cent",
    // "54 minutes, well above the 38 minutes the force published") is compared
    // with nothing and accounts for nothing.
    let qas: Vec<_> = qas
        .into_iter()
        .filter(|q| !rejected_figure(&ia.text, q))
        .collect();
    let qbs: Vec<_> = qbs
        .into_iter()
        .filter(|q| !rejected_figure(&ib.text, q))
        .collect();
    // A quantity the other side also gives (or agrees with) is accounted for: it
    // does not also disagree with that side's other numbers ("$20 million to $30
    // million" on both sides is no "$20 million" against "$30 million").
    let accounted = |xs: &[&quantity::Quantity], ys: &[&quantity::Quantity]| -> Vec<bool> {
        xs.iter()
            .map(|x| {
                ys.iter()
                    .any(|y| quantity::compare(x, y) == Some(Comparison::Agree))
            })
            .collect()
    };
    let (a_accounted, b_accounted) = (accounted(&qas, &qbs), accounted(&qbs, &qas));
    // "all 14 districts" against "two districts": a part of the whole, no other count.
    let part_of_whole = |qa: &quantity::Quantity, qb: &quantity::Quantity| {
        (counts_all(&ia.text, qa) && qb.value < qa.value)
            || (counts_all(&ib.text, qb) && qa.value < qb.value)
    };
    // "212 cases had been confirmed" then, from the same source, "the final count
    // is 287": its tally grew, no backtrack. (Someone else's larger count still
    // says the first was too low.)
    let same_source = !ia.source_key.is_empty() && ia.source_key == ib.source_key;
    let grown = |qa: &quantity::Quantity, qb: &quantity::Quantity| {
        same_source && running_tally(&ia.text, qa) && qb.low > qa.high
    };
    for (qa, &a_acc) in qas.iter().zip(&a_accounted) {
        for (qb, &b_acc) in qbs.iter().zip(&b_accounted) {
            // The same number written on both sides is the evidence restating its context
            // ("three hospitals" / "one of the three hospitals"): no signal either way.
            let identical = qa.value == qb.value && qa.low == qb.low && qa.high == qb.high;
            if time_offset(&ia.text, qa) != time_offset(&ib.text, qb) {
                continue;
            }
            match quantity::compare(qa, qb) {
                Some(Comparison::Agree) if identical => {}
                Some(Comparison::Agree) => {
                    agree.get_or_insert(format!("{} and {}", q(&qa.text), q(&qb.text)));
                }
                Some(Comparison::Disagree)
                    if !a_acc && !b_acc && !part_of_whole(qa, qb) && !grown(qa, qb) =>
                {
                    disagree.get_or_insert(format!("{} vs {}", q(&qa.text), q(&qb.text)));
                }
                _ => {}
            }
        }
    }
    let disagree_none = disagree.is_none();
    pf.flag("numbers_agree", agree.is_some(), || agree);
    pf.flag("numbers_disagree", disagree.is_some(), || disagree);
    let opposed = [
        "polarity_flip",
        "retraction",
        "totality_partial",
        "contrast",
    ]
    .iter()
    .any(|f| pf.get(f) > 0.0)
        || !opp_none
        || !disagree_none;
    pf.flag("opposed", opposed, || None);
    let echo = if a.negative == b.negative && opp_none && disagree_none {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::relate::claim::ClaimInput;

    fn view(lex: &Lexicon, id: i64, article: i64, stage: i64, src: &str, text: &str) -> ClaimView {
        let (p, m) = crate::normalise::polarity_modality(text, "assert", lex);
        ClaimView::new(
            ClaimInput {
                id,
                article,
                stage,
                source_key: src.into(),
                source_name: src.into(),
                text: text.into(),
                negative: p == crate::model::Polarity::Negative,
                hedged: m == crate::model::Modality::Hedged,
                cue_class: "assert".into(),
                ..Default::default()
            },
            lex,
        )
    }

    #[test]
    fn a_count_of_all_of_a_set_is_no_other_count_of_its_parts() {
        let lex = Lexicon::builtin().unwrap();
        let a = view(
            &lex,
            1,
            1,
            0,
            "Office",
            "counting had begun in all 14 districts",
        );
        let b = view(
            &lex,
            2,
            2,
            0,
            "Observers",
            "postal votes in two districts were counted twice",
        );
        assert_eq!(pair_features(&a, &b, &lex).get("numbers_disagree"), 0.0);
        // Without "all", 14 districts against 12 districts still disagree.
        let c = view(
            &lex,
            3,
            1,
            0,
            "Office",
            "counting had begun in 14 districts",
        );
        let d = view(
            &lex,
            4,
            2,
            0,
            "Observers",
            "counting had begun in 12 districts",
        );
        assert_eq!(pair_features(&c, &d, &lex).get("numbers_disagree"), 1.0);
    }

    #[test]
    fn a_sources_own_running_tally_that_grows_is_no_disagreement() {
        let lex = Lexicon::builtin().unwrap();
        let said = "that 48 cases of measles had been confirmed in the county";
        let later = "its final count is 61 confirmed cases of measles";
        let a = view(&lex, 1, 1, 0, "Health Board", said);
        let b = view(&lex, 2, 2, 0, "Health Board", later);
        let pf = pair_features(&a, &b, &lex);
        assert_eq!(pf.get("numbers_disagree"), 0.0, "{:?}", pf.evidence);
        // Someone else's larger count says the first one was too low.
        let c = view(&lex, 3, 2, 0, "Inspectors", later);
        let pf = pair_features(&a, &c, &lex);
        assert_eq!(pf.get("numbers_disagree"), 1.0, "{:?}", pf.evidence);
        // A smaller later count from the same source still disagrees.
        let fewer = "its final count is 30 confirmed cases of measles";
        let d = view(&lex, 4, 2, 0, "Health Board", fewer);
        assert_eq!(pair_features(&a, &d, &lex).get("numbers_disagree"), 1.0);
        // A count that is no tally ("48 cases were found") is compared as before.
        let found = "that 48 cases of measles were found in the county";
        let e = view(&lex, 5, 1, 0, "Health Board", found);
        assert_eq!(pair_features(&e, &b, &lex).get("numbers_disagree"), 1.0);
    }

    #[test]
    fn a_time_offset_and_a_length_of_time_are_not_compared() {
        let lex = Lexicon::builtin().unwrap();
        let lasted =
            "the filter had been broken for at least three weeks before the warning was issued";
        let offset = "the warning was lifted 22 days after it was issued";
        let a = view(&lex, 1, 1, 0, "Staff", lasted);
        let b = view(&lex, 2, 2, 0, "Board", offset);
        let pf = pair_features(&a, &b, &lex);
        assert_eq!(pf.get("numbers_agree"), 0.0, "{:?}", pf.evidence);
        assert_eq!(pf.get("numbers_disagree"), 0.0, "{:?}", pf.evidence);
        // Two lengths still compare.
        let c = view(
            &lex,
            3,
            2,
            0,
            "Board",
            "the filter had been broken for 22 days",
        );
        let pf = pair_features(&a, &c, &lex);
        assert_eq!(pf.get("numbers_agree"), 1.0, "{:?}", pf.evidence);
    }

    #[test]
    fn questions_stages_and_articles_are_told_apart() {
        let lex = Lexicon::builtin().unwrap();
        let a = view(
            &lex,
            1,
            7,
            0,
            "Firm",
            "no customer data was stolen in the attack",
        );
        let q = view(
            &lex,
            2,
            8,
            0,
            "Paper",
            "Why won't the firm say what was stolen?",
        );
        assert_eq!(pair_features(&a, &q, &lex).get("question"), 1.0);
        // Same article, same stage: one report. A later stage of the same article: a development.
        let same = view(&lex, 3, 7, 0, "Firm", "customer data may have been stolen");
        let later = view(&lex, 4, 7, 1, "Firm", "customer data may have been stolen");
        let pf = pair_features(&a, &same, &lex);
        assert_eq!((pf.get("same_article"), pf.get("stage_later")), (1.0, 0.0));
        let pf = pair_features(&a, &later, &lex);
        assert_eq!((pf.get("same_article"), pf.get("stage_later")), (0.0, 1.0));
        assert_eq!(pf.get("polarity_flip"), 1.0);
        assert!(pf.get("flip_core") > 0.5, "{:?}", pf.named());
    }

    fn story_view(lex: &Lexicon, id: i64, article: i64, story: &[&str], text: &str) -> ClaimView {
        let (p, _) = crate::normalise::polarity_modality(text, "assert", lex);
        ClaimView::new(
            ClaimInput {
                id,
                article,
                source_key: format!("s{id}"),
                source_name: format!("s{id}"),
                text: text.into(),
                negative: p == crate::model::Polarity::Negative,
                cue_class: "assert".into(),
                story_names: story.iter().map(|s| s.to_string()).collect(),
                ..Default::default()
            },
            lex,
        )
    }

    #[test]
    fn a_word_negated_on_one_side_only_is_found_inside_a_positive_claim() {
        let lex = Lexicon::builtin().unwrap();
        let a = view(
            &lex,
            1,
            1,
            0,
            "Police",
            "the fire was started by a barbecue",
        );
        let b = view(
            &lex,
            2,
            2,
            0,
            "Inspectors",
            "the fire was started by a fallen power line, not by a barbecue",
        );
        // Both claims are positive: no polarity flip, but "barbecue" is denied on one side.
        let pf = pair_features(&a, &b, &lex);
        assert_eq!(pf.get("polarity_flip"), 0.0);
        assert_eq!(pf.get("negated_match"), 1.0, "{:?}", pf.named());
        assert!(pf.evidence["negated_match"].contains("barbecue"));
        let c = view(
            &lex,
            3,
            2,
            0,
            "Inspectors",
            "the fire was started by a barbecue",
        );
        assert_eq!(pair_features(&a, &c, &lex).get("negated_match"), 0.0);
    }

    #[test]
    fn words_negated_on_both_sides_are_no_denied_core() {
        let lex = Lexicon::builtin().unwrap();
        // The claim is positive, but what it says is negated inside its subject; the
        // evidence negates the same words: the two agree on them.
        let a = view(
            &lex,
            1,
            1,
            0,
            "Mayor",
            "that paying no parking fines was clever",
        );
        let b = view(
            &lex,
            2,
            2,
            0,
            "Rival",
            "the mayor did not pay parking fines for years",
        );
        let c = view(
            &lex,
            3,
            2,
            0,
            "Rival",
            "the mayor paid parking fines for years",
        );
        let (ab, cb) = (pair_features(&a, &b, &lex), pair_features(&b, &c, &lex));
        assert_eq!(ab.get("polarity_flip"), 1.0, "{:?}", ab.named());
        assert!(
            ab.get("flip_core") < cb.get("flip_core"),
            "{:?} {:?}",
            ab.named(),
            cb.named()
        );
    }

    #[test]
    fn story_share_tells_one_story_from_one_field() {
        let lex = Lexicon::builtin().unwrap();
        let story = ["Harvell Seeds", "Sentinel", "Plant Health Inspectorate"];
        let a = story_view(&lex, 1, 1, &story, "the wheat resisted the rust");
        let b = story_view(&lex, 2, 2, &story, "the rust overcame the wheat");
        assert_eq!(pair_features(&a, &b, &lex).get("story_share"), 1.0);
        // Another article of the same field names one of the entities and several others.
        let other = [
            "Harvell Seeds",
            "Tarrow Mills",
            "Corvin Bank",
            "Lessing Farms",
        ];
        let c = story_view(&lex, 3, 3, &other, "the rust overcame the wheat");
        let share = pair_features(&a, &c, &lex).get("story_share");
        assert!(share > 0.0 && share < 0.5, "{share}");
    }

    #[test]
    fn a_side_without_a_verb_states_nothing() {
        let lex = Lexicon::builtin().unwrap();
        let a = view(&lex, 1, 1, 0, "Paper", "two Supreme Court justices");
        let b = view(
            &lex,
            2,
            2,
            0,
            "Senator",
            "the Supreme Court justices ruled on the case",
        );
        assert_eq!(pair_features(&a, &b, &lex).get("no_predicate"), 1.0);
        let c = view(
            &lex,
            3,
            1,
            0,
            "Paper",
            "the justices ruled against the state",
        );
        assert_eq!(pair_features(&c, &b, &lex).get("no_predicate"), 0.0);
    }

    #[test]
    fn one_word_pointing_elsewhere_is_too_little_but_one_word_said_outright_is_not() {
        let lex = Lexicon::builtin().unwrap();
        let deictic = view(&lex, 1, 1, 0, "Senator", "No, this is not politics");
        let other = view(
            &lex,
            2,
            2,
            0,
            "Voter",
            "politics is hurting the armed forces",
        );
        assert_eq!(pair_features(&deictic, &other, &lex).get("one_word"), 1.0);
        // A year is no second content word.
        let year = view(&lex, 5, 1, 0, "Senator", "It's not what worked in 2012.");
        let work = view(&lex, 6, 2, 0, "Mayor", "the harbour plan worked well");
        assert_eq!(pair_features(&year, &work, &lex).get("one_word"), 1.0);
        let plain = view(&lex, 3, 1, 0, "Firm", "no illnesses had been reported");
        let ill = view(
            &lex,
            4,
            2,
            0,
            "Agency",
            "three people had illnesses from the jars",
        );
        assert_eq!(pair_features(&plain, &ill, &lex).get("one_word"), 0.0);
    }

    #[test]
    fn rare_shared_words_count_more_than_common_ones() {
        let lex = Lexicon::builtin().unwrap();
        let a = view(
            &lex,
            1,
            1,
            0,
            "Police",
            "officers drew batons near the barricade",
        );
        let b = view(
            &lex,
            2,
            2,
            0,
            "Witness",
            "an officer swung a baton at the barricade",
        );
        let c = view(&lex, 3, 1, 0, "Police", "people said things about the day");
        let d = view(&lex, 4, 2, 0, "Witness", "people said many things that day");
        let rare = pair_features(&a, &b, &lex).get("rare_shared");
        let common = pair_features(&c, &d, &lex).get("rare_shared");
        assert!(rare > common, "{rare} vs {common}");
    }

    #[test]
    fn all_against_part_needs_the_evidence_to_state_a_part() {
        let lex = Lexicon::builtin().unwrap();
        let all = view(
            &lex,
            1,
            1,
            0,
            "Ferry",
            "every passenger left the ship safely",
        );
        let some = view(
            &lex,
            2,
            2,
            0,
            "Coastguard",
            "some passengers were hurt leaving the ship",
        );
        let two = view(
            &lex,
            3,
            2,
            0,
            "Coastguard",
            "two passengers were hurt leaving the ship",
        );
        let rule = view(
            &lex,
            4,
            2,
            0,
            "Coastguard",
            "a rule requires passengers to leave the ship",
        );
        assert_eq!(
            pair_features(&all, &some, &lex).get("totality_partial"),
            1.0
        );
        assert_eq!(pair_features(&all, &two, &lex).get("totality_partial"), 1.0);
        assert_eq!(
            pair_features(&all, &rule, &lex).get("totality_partial"),
            0.0
        );
        // The evidence giving only the amount the claim gives states no part of it.
        let dozen = view(
            &lex,
            5,
            1,
            0,
            "Union",
            "all 12 applicants on the list were given extra points",
        );
        let twelve = view(
            &lex,
            6,
            2,
            0,
            "Review",
            "12 applicants on the list were given extra points",
        );
        assert_eq!(
            pair_features(&dozen, &twelve, &lex).get("totality_partial"),
            0.0
        );
    }

    #[test]
    fn negation_scope_decides_the_core_of_a_flip() {
        let lex = Lexicon::builtin().unwrap();
        // The negation is about something else than what the evidence says.
        let a = view(
            &lex,
            1,
            1,
            0,
            "A",
            "the fire was not yet under control after it burned 2,300 hectares",
        );
        let b = view(
            &lex,
            2,
            2,
            0,
            "B",
            "the fire had burned 2,280 hectares by Monday",
        );
        let pf = pair_features(&a, &b, &lex);
        assert_eq!(pf.get("polarity_flip"), 1.0);
        assert!(pf.get("flip_core") < 0.3, "{:?}", pf.named());
        assert_eq!(pf.get("numbers_agree"), 1.0, "{:?}", pf.named());
    }

    #[test]
    fn partitive_totals_and_identical_numbers_carry_no_signal() {
        let lex = Lexicon::builtin().unwrap();
        let a = view(
            &lex,
            1,
            1,
            0,
            "A",
            "it will close about 40 of its 212 stores",
        );
        let b = view(&lex, 2, 2, 0, "B", "43 stores will shut by June");
        let pf = pair_features(&a, &b, &lex);
        assert_eq!(pf.get("numbers_disagree"), 0.0, "{:?}", pf.evidence);
        let c = view(&lex, 3, 1, 0, "A", "the trial ran at three hospitals");
        let d = view(
            &lex,
            4,
            2,
            0,
            "B",
            "only one of the three hospitals had any record",
        );
        let pf = pair_features(&c, &d, &lex);
        assert_eq!(pf.get("numbers_agree"), 0.0, "{:?}", pf.evidence);
    }

    #[test]
    fn an_average_of_a_figure_is_the_figure_and_two_bounds_agree_only_when_close() {
        let lex = Lexicon::builtin().unwrap();
        // "of" before a figure makes it a whole only after a count ("40 of its 212").
        let a = view(
            &lex,
            1,
            1,
            0,
            "A",
            "crews now reach a fire in an average of 38 minutes",
        );
        let b = view(
            &lex,
            2,
            2,
            0,
            "B",
            "crews took an average of 54 minutes to reach a fire",
        );
        let pf = pair_features(&a, &b, &lex);
        assert_eq!(pf.get("numbers_disagree"), 1.0, "{:?}", pf.evidence);
        // "within 48 hours" and "up to five days" both say where a figure stops:
        // no agreement because their intervals overlap.
        let c = view(
            &lex,
            3,
            1,
            0,
            "A",
            "every passenger was rebooked within 48 hours",
        );
        let d = view(
            &lex,
            4,
            2,
            0,
            "B",
            "some passengers waited up to five days for a flight",
        );
        let pf = pair_features(&c, &d, &lex);
        assert_eq!(pf.get("numbers_agree"), 0.0, "{:?}", pf.evidence);
        let e = view(
            &lex,
            5,
            2,
            0,
            "B",
            "passengers were rebooked within 50 hours",
        );
        let pf = pair_features(&c, &e, &lex);
        assert_eq!(pf.get("numbers_agree"), 1.0, "{:?}", pf.evidence);
    }

    #[test]
    fn an_apology_for_earlier_words_is_a_retraction() {
        let lex = Lexicon::builtin().unwrap();
        let a = view(
            &lex,
            1,
            1,
            0,
            "Authority",
            "the closure was for routine maintenance",
        );
        let mut b = view(
            &lex,
            2,
            2,
            0,
            "Authority",
            "for describing the closure as routine maintenance",
        );
        assert_eq!(pair_features(&a, &b, &lex).get("retraction"), 0.0);
        let mut input = b.input.clone();
        input.cue_class = lex.cues["apologised"][0].class.clone();
        b = ClaimView::new(input, &lex);
        let pf = pair_features(&a, &b, &lex);
        assert_eq!(pf.get("retraction"), 1.0, "{:?}", pf.named());
        assert_eq!(pf.get("opposed"), 1.0);
    }

    #[test]
    fn a_figure_named_only_to_be_rejected_is_no_agreement() {
        let lex = Lexicon::builtin().unwrap();
        let a = view(
            &lex,
            1,
            1,
            0,
            "A",
            "crews reach a fire in an average of 38 minutes",
        );
        let b = view(
            &lex,
            2,
            2,
            0,
            "B",
            "crews took an average of 54 minutes to reach a fire, well above the 38 minutes the service published",
        );
        let pf = pair_features(&a, &b, &lex);
        assert_eq!(pf.get("numbers_disagree"), 1.0, "{:?}", pf.evidence);
        assert_eq!(pf.get("numbers_agree"), 0.0, "{:?}", pf.evidence);
        // A qualifier is no rejection: "more than 80" agrees with 121.
        let c = view(&lex, 3, 1, 0, "A", "more than 80 people died in the flood");
        let d = view(&lex, 4, 2, 0, "B", "121 people died in the flood");
        let pf = pair_features(&c, &d, &lex);
        assert_eq!(pf.get("numbers_agree"), 1.0, "{:?}", pf.evidence);
    }

    #[test]
    fn a_range_on_both_sides_does_not_disagree_with_itself() {
        let lex = Lexicon::builtin().unwrap();
        let a = view(
            &lex,
            1,
            1,
            0,
            "A",
            "a new terminal costs $20 million to $30 million to build",
        );
        let b = view(
            &lex,
            2,
            2,
            0,
            "B",
            "a new terminal costs $20 million to $30 million to build, he said",
        );
        let pf = pair_features(&a, &b, &lex);
        assert_eq!(pf.get("numbers_disagree"), 0.0, "{:?}", pf.evidence);
        // A figure the other side does not give still disagrees.
        let c = view(
            &lex,
            3,
            2,
            0,
            "B",
            "a new terminal costs $90 million to build",
        );
        let pf = pair_features(&a, &c, &lex);
        assert_eq!(pf.get("numbers_disagree"), 1.0, "{:?}", pf.evidence);
    }

    #[test]
    fn wordnet_and_lexicon_groups_relate_other_words() {
        let lex = Lexicon::builtin().unwrap();
        let a = view(&lex, 1, 1, 0, "A", "no data was compromised");
        let b = view(&lex, 2, 2, 0, "B", "the files were stolen");
        let pf = pair_features(&a, &b, &lex);
        assert!(pf.get("rel_claim") > 0.3, "{:?}", pf.named());
        assert!(pf
            .evidence
            .get("rel_claim")
            .is_some_and(|w| w.contains("~")));
        let c = view(&lex, 3, 1, 0, "A", "the workers were paid late");
        let d = view(&lex, 4, 2, 0, "B", "the employees were paid late");
        let pf = pair_features(&c, &d, &lex);
        assert!(pf.get("rel_claim") > 0.8, "{:?}", pf.named());
        assert!(
            pf.evidence
                .get("rel_claim")
                .is_some_and(|w| w.contains("“workers” ~ “employees”")),
            "{:?}",
            pf.evidence
        );
    }
}
