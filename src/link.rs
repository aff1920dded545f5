//! Linking: a pair of claims -> supports / contradicts / nothing, with the rules that fired.
//!
//! Takes: two normalised claims (the earlier one being checked, the later
//! one as evidence), the [`RuleSet`] and the lexicon. Gives: a [`Decision`]
//! with relation, score, the names of the rules that fired and a one-sentence
//! explanation quoting the words that triggered them. Which pairs are
//! compared (blocking on shared key terms) and which is earlier is decided by
//! [`crate::store`]; this module only judges one pair.

use crate::lexicon::{find_phrase, Lexicon};
use crate::normalise::{numbers_agree, term_of, Features};
use crate::rules::{Relation, RuleSet};

/// A claim as the linker sees it.
#[derive(Debug, Clone)]
pub struct Linkable {
    pub id: i64,
    /// Canonical source identity (the `sources.id` in the database).
    pub source_key: String,
    pub source_name: String,
    pub unnamed: bool,
    pub text: String,
    pub negative: bool,
    pub hedged: bool,
    pub cue_class: String,
    pub features: Features,
    /// Keys of the organisations the claim's article names, main one first (empty: unknown).
    pub context: Vec<String>,
    /// The claim recaps an earlier stage of the story ("In September, the firm said ...").
    pub recap: bool,
}

impl Linkable {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        id: i64,
        source_key: String,
        source_name: String,
        unnamed: bool,
        text: &str,
        negative: bool,
        hedged: bool,
        cue_class: &str,
        lex: &Lexicon,
    ) -> Self {
        Linkable {
            id,
            source_key,
            source_name,
            unnamed,
            text: text.to_string(),
            negative,
            hedged,
            cue_class: cue_class.to_string(),
            features: crate::normalise::features(text, lex),
            context: Vec::new(),
            recap: false,
        }
    }

    /// Sets the article context and whether the claim recaps an earlier stage.
    pub fn with_context(mut self, topic: Option<&str>, recap: bool) -> Self {
        // Each organisation is keyed by its first two words ("mitsubishi heavy"), so that
        // "Mitsubishi Heavy" and "Mitsubishi Heavy Industries" meet but two "... Motors" do not.
        self.context = topic_keys(topic);
        self.recap = recap;
        self
    }
}

/// Keys of the organisations in an article's topic ("Mitsubishi Heavy Industries; Asahi Shimbun"):
/// the first two words of each name, lowercased.
pub fn topic_keys(topic: Option<&str>) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for org in topic.unwrap_or("").split("; ") {
        let k = org
            .to_lowercase()
            .split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
            .join(" ");
        if !k.is_empty() && !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys
}

/// The features of a pair that rule conditions test.
#[derive(Debug, Clone, Default)]
pub struct PairFeatures {
    pub overlap: f64,
    /// Share of what the negated (or denied) side denies that the other side asserts.
    pub core_overlap: f64,
    pub coverage: f64,
    pub shared: usize,
    pub shared_entities: usize,
    pub polarity_flip: bool,
    pub claim_hedged: bool,
    pub evidence_hedged: bool,
    pub same_source: bool,
    pub evidence_unnamed: bool,
    pub evidence_factive: bool,
    pub evidence_denial: bool,
    /// The evidence's cue distances the reporter from it (claimed, alleged).
    pub evidence_distanced: bool,
    pub contrast_marker: Option<String>,
    pub opposed_predicate: Option<(String, String)>,
    pub numbers_agree: Option<(String, String)>,
    pub numbers_disagree: Option<(String, String)>,
    pub shared_terms: Vec<String>,
}

impl PairFeatures {
    pub fn get(&self, name: &str) -> f64 {
        let b = |x: bool| if x { 1.0 } else { 0.0 };
        match name {
            "overlap" => self.overlap,
            "core_overlap" => self.core_overlap,
            "coverage" => self.coverage,
            "shared" => self.shared as f64,
            "shared_entities" => self.shared_entities as f64,
            "polarity_flip" => b(self.polarity_flip),
            "claim_hedged" => b(self.claim_hedged),
            "evidence_hedged" => b(self.evidence_hedged),
            "same_source" => b(self.same_source),
            "evidence_unnamed" => b(self.evidence_unnamed),
            "evidence_factive" => b(self.evidence_factive),
            "evidence_denial" => b(self.evidence_denial),
            "evidence_distanced" => b(self.evidence_distanced),
            "contrast_marker" => b(self.contrast_marker.is_some()),
            "opposed_predicate" => b(self.opposed_predicate.is_some()),
            "numbers_agree" => b(self.numbers_agree.is_some()),
            "numbers_disagree" => b(self.numbers_disagree.is_some()),
            _ => 0.0,
        }
    }
}

/// Key-term forms of a phrase's words.
fn phrase_terms(words: &[String], lex: &Lexicon) -> Vec<String> {
    words
        .iter()
        .map(|w| term_of(w, lex).unwrap_or_else(|| w.clone()))
        .collect()
}

/// Do the words of `phrase` occur in order within a short window of `words`?
fn loose_contains(words: &[String], phrase: &[String]) -> Option<usize> {
    if phrase.is_empty() {
        return None;
    }
    let window = phrase.len() * 2 + 3;
    for s in 0..words.len() {
        if words[s] != phrase[0] {
            continue;
        }
        let mut k = 1;
        let mut j = s + 1;
        while j < words.len() && j < s + window && k < phrase.len() {
            if words[j] == phrase[k] {
                k += 1;
            }
            j += 1;
        }
        if k == phrase.len() {
            return Some(s);
        }
    }
    None
}

fn term_words(f: &Features, lex: &Lexicon) -> Vec<String> {
    phrase_terms(&f.words, lex)
}

pub fn pair_features(a: &Linkable, b: &Linkable, rules: &RuleSet, lex: &Lexicon) -> PairFeatures {
    let fa = &a.features;
    let fb = &b.features;
    let shared: Vec<String> = fa.terms.intersection(&fb.terms).cloned().collect();
    // Overlap is measured on what the claims say happened, not on the names they mention.
    let (pa, pb) = if fa.predicate_terms.is_empty() || fb.predicate_terms.is_empty() {
        (&fa.terms, &fb.terms)
    } else {
        (&fa.predicate_terms, &fb.predicate_terms)
    };
    let shared_pred = pa.intersection(pb).count();
    let smaller = pa.len().min(pb.len()).max(1);
    let larger = fa.terms.len().max(fb.terms.len()).max(1);
    let mut pf = PairFeatures {
        overlap: shared_pred as f64 / smaller as f64,
        coverage: shared.len() as f64 / larger as f64,
        shared: shared.len(),
        shared_entities: fa.entities.intersection(&fb.entities).count(),
        polarity_flip: a.negative != b.negative,
        claim_hedged: a.hedged,
        evidence_hedged: b.hedged,
        same_source: a.source_key == b.source_key,
        evidence_unnamed: b.unnamed,
        evidence_factive: matches!(b.cue_class.as_str(), "admit" | "confirm" | "reveal"),
        evidence_denial: b.cue_class == "deny",
        evidence_distanced: b.cue_class == "claim",
        shared_terms: shared,
        ..Default::default()
    };
    // What the negative side denies: its negation scope, or all of it when a denial cue carries the negation.
    pf.core_overlap = pf.overlap;
    if pf.polarity_flip {
        let (neg, pos) = if a.negative { (fa, fb) } else { (fb, fa) };
        let core = if neg.core_terms.is_empty() {
            &neg.predicate_terms
        } else {
            &neg.core_terms
        };
        if !core.is_empty() {
            // Synonym groups stand for the event itself and weigh double against its arguments.
            let w = |t: &String| if t.starts_with('=') { 2.0 } else { 1.0 };
            let total: f64 = core.iter().map(w).sum();
            pf.core_overlap = core
                .iter()
                .filter(|t| pos.terms.contains(*t))
                .map(w)
                .sum::<f64>()
                / total;
        }
    }
    let bw: Vec<&str> = fb.words.iter().map(String::as_str).collect();
    for m in &lex.stance_contrast {
        if !find_phrase(&bw, m).is_empty() {
            pf.contrast_marker = Some(m.join(" "));
            break;
        }
    }
    let ta = term_words(fa, lex);
    let tb = term_words(fb, lex);
    for (l, r) in &lex.antonyms {
        let (pl, pr) = (phrase_terms(l, lex), phrase_terms(r, lex));
        let hit = (loose_contains(&ta, &pl).is_some() && loose_contains(&tb, &pr).is_some())
            || (loose_contains(&ta, &pr).is_some() && loose_contains(&tb, &pl).is_some());
        if hit {
            pf.opposed_predicate = Some((l.join(" "), r.join(" ")));
            break;
        }
    }
    let tol = rules.settings.number_tolerance;
    for na in &fa.numbers {
        for nb in &fb.numbers {
            let same_unit = match (&na.unit, &nb.unit) {
                (Some(x), Some(y)) => x == y || term_of(x, lex) == term_of(y, lex),
                _ => false,
            };
            if !same_unit {
                continue;
            }
            if numbers_agree(na, nb, tol) {
                pf.numbers_agree
                    .get_or_insert((na.text.clone(), nb.text.clone()));
            } else {
                pf.numbers_disagree
                    .get_or_insert((na.text.clone(), nb.text.clone()));
            }
        }
    }
    pf
}

/// Are the two claims about the same proposition at all?
pub fn same_topic(pf: &PairFeatures, a: &Linkable, b: &Linkable, rules: &RuleSet) -> bool {
    let s = &rules.settings;
    let smaller = a.features.terms.len().min(b.features.terms.len());
    let short_full = smaller > 0 && smaller <= s.short_claim_terms && pf.shared == smaller;
    // Claims from articles about different organisations are about different events,
    // unless the claims themselves name something in common.
    let other_story = !a.context.is_empty()
        && !b.context.is_empty()
        && !a.context.iter().any(|w| b.context.contains(w))
        && pf.shared_entities == 0;
    !other_story && (pf.shared >= s.min_shared || short_full) && pf.overlap >= s.min_overlap
}

/// The outcome of judging one pair.
#[derive(Debug, Clone)]
pub struct Decision {
    pub relation: Relation,
    pub score: f64,
    pub rules: Vec<String>,
    pub backtrack: bool,
    pub explanation: String,
    pub features: PairFeatures,
}

fn q(s: &str) -> String {
    format!("“{s}”")
}

fn first_negation(f: &Features, lex: &Lexicon) -> Option<String> {
    f.words
        .iter()
        .find(|w| w.ends_with("n't") || lex.negations.iter().any(|n| n.len() == 1 && &n[0] == *w))
        .cloned()
}

fn surface(f: &Features, term: &str) -> String {
    f.surface
        .get(term)
        .cloned()
        .unwrap_or_else(|| term.trim_start_matches('=').to_string())
}

/// Judges a pair. `None` when the claims are not about the same proposition
/// or no rule reaches the threshold. `Some` with relation `None` is never returned.
pub fn decide(a: &Linkable, b: &Linkable, rules: &RuleSet, lex: &Lexicon) -> Option<Decision> {
    let pf = pair_features(a, b, rules, lex);
    judge(a, b, pf, rules, lex, true)
}

/// Evaluates the rules on computed features (`gate`: apply the topic gate first).
pub fn judge(
    a: &Linkable,
    b: &Linkable,
    pf: PairFeatures,
    rules: &RuleSet,
    lex: &Lexicon,
    gate: bool,
) -> Option<Decision> {
    if gate && !same_topic(&pf, a, b, rules) {
        return None;
    }
    let mut sup = 0.0;
    let mut con = 0.0;
    let mut veto = false;
    let mut fired: Vec<(&str, Relation, Option<&str>)> = Vec::new();
    for r in &rules.rules {
        if r.when.iter().all(|c| c.holds(pf.get(c.feature))) {
            match r.relation {
                Relation::Supports => sup += r.weight,
                Relation::Contradicts => con += r.weight,
                Relation::None => veto = true,
            }
            fired.push((&r.name, r.relation, r.mark.as_deref()));
        }
    }
    if veto {
        sup = 0.0;
    }
    let (relation, score) = if con >= sup {
        (Relation::Contradicts, con)
    } else {
        (Relation::Supports, sup)
    };
    if score < rules.settings.link_threshold {
        return None;
    }
    let names: Vec<String> = fired
        .iter()
        .filter(|f| f.1 == relation)
        .map(|f| f.0.to_string())
        .collect();
    let backtrack = fired
        .iter()
        .any(|f| f.1 == relation && f.2 == Some("backtrack"));
    let explanation = explain(a, b, &pf, relation, &names, backtrack, lex);
    Some(Decision {
        relation,
        score: (score * 1000.0).round() / 1000.0,
        rules: names,
        backtrack,
        explanation,
        features: pf,
    })
}

fn explain(
    a: &Linkable,
    b: &Linkable,
    pf: &PairFeatures,
    rel: Relation,
    names: &[String],
    backtrack: bool,
    lex: &Lexicon,
) -> String {
    let mut parts = Vec::new();
    for n in names {
        let part = match n.as_str() {
            "polarity-flip" => {
                let (neg, negf) = if a.negative {
                    (&a.features, "the claim")
                } else {
                    (&b.features, "the evidence")
                };
                let w = first_negation(neg, lex)
                    .map(|w| q(&w))
                    .unwrap_or_else(|| "a denial".into());
                let terms: Vec<String> = pf
                    .shared_terms
                    .iter()
                    .take(3)
                    .map(|t| q(&surface(&b.features, t)))
                    .collect();
                format!(
                    "polarity-flip ({w} in {negf}, both about {})",
                    terms.join(", ")
                )
            }
            "distanced-evidence" => format!(
                "distanced-evidence ({} only claims or alleges it)",
                b.source_name
            ),
            "hedged-admission" => {
                "hedged-admission (the evidence is hedged, so the contradiction is weaker)"
                    .to_string()
            }
            "numbers-disagree" => match &pf.numbers_disagree {
                Some((x, y)) => format!("numbers-disagree ({} vs {})", q(x.trim()), q(y.trim())),
                None => n.clone(),
            },
            "numbers-agree" => match &pf.numbers_agree {
                Some((x, y)) => format!("numbers-agree ({} and {})", q(x.trim()), q(y.trim())),
                None => n.clone(),
            },
            "opposed-predicate" => match &pf.opposed_predicate {
                Some((x, y)) => format!("opposed-predicate ({} against {})", q(x), q(y)),
                None => n.clone(),
            },
            "contrast-marker" => format!(
                "contrast-marker ({})",
                q(pf.contrast_marker.as_deref().unwrap_or(""))
            ),
            "backtrack" => format!(
                "backtrack ({} contradicts its own earlier claim)",
                b.source_name
            ),
            "same-proposition" => {
                let terms: Vec<String> = pf
                    .shared_terms
                    .iter()
                    .take(4)
                    .map(|t| q(&surface(&b.features, t)))
                    .collect();
                format!("same-proposition (shares {})", terms.join(", "))
            }
            "independent-confirmation" => format!(
                "independent-confirmation ({} is another source and {} it)",
                b.source_name,
                match b.cue_class.as_str() {
                    "admit" => "admits",
                    "reveal" => "reveals",
                    _ => "confirms",
                }
            ),
            other => other.to_string(),
        };
        parts.push(part);
    }
    let verb = match (rel, backtrack) {
        (Relation::Contradicts, true) => "backtracks on",
        (Relation::Contradicts, false) => "contradicts",
        _ => "supports",
    };
    format!(
        "{} {} this claim: {}.",
        b.source_name,
        verb,
        parts.join("; ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lk(id: i64, src: &str, text: &str, lex: &Lexicon, cue: &str) -> Linkable {
        let (p, m) = crate::normalise::polarity_modality(text, cue, lex);
        Linkable::new(
            id,
            src.into(),
            src.into(),
            src.contains("unnamed"),
            text,
            p == crate::model::Polarity::Negative,
            m == crate::model::Modality::Hedged,
            cue,
            lex,
        )
    }

    #[test]
    fn denial_then_own_hedged_admission_is_a_weaker_backtrack() {
        let lex = Lexicon::builtin().unwrap();
        let rs = RuleSet::builtin().unwrap();
        let a = lk(1, "MHI", "no data had been compromised", &lex, "assert");
        let b = lk(
            2,
            "MHI",
            "there is a possibility that some data may have been stolen",
            &lex,
            "admit",
        );
        let d = decide(&a, &b, &rs, &lex).expect("linked");
        assert_eq!(d.relation, Relation::Contradicts);
        assert!(d.backtrack);
        assert!(
            d.rules.contains(&"polarity-flip".to_string())
                && d.rules.contains(&"hedged-admission".to_string())
        );
        let c = lk(
            3,
            "unnamed",
            "data had in fact been stolen during the attack",
            &lex,
            "assert",
        );
        let d2 = decide(&a, &c, &rs, &lex).expect("linked");
        assert!(
            !d2.backtrack && d2.score > d.score,
            "{} vs {}",
            d2.score,
            d.score
        );
        assert!(d2.explanation.contains("in fact"), "{}", d2.explanation);
    }

    #[test]
    fn numbers_decide_agreement() {
        let lex = Lexicon::builtin().unwrap();
        let rs = RuleSet::builtin().unwrap();
        let a = lk(
            1,
            "Firm",
            "it recalled 12,000 jars of peanut butter",
            &lex,
            "assert",
        );
        let b = lk(
            2,
            "Agency",
            "12,000 jars of peanut butter were recalled",
            &lex,
            "confirm",
        );
        assert_eq!(
            decide(&a, &b, &rs, &lex).unwrap().relation,
            Relation::Supports
        );
        let c = lk(
            3,
            "Union",
            "it recalled 20,000 jars of peanut butter",
            &lex,
            "assert",
        );
        let d = decide(&a, &c, &rs, &lex).unwrap();
        assert_eq!(d.relation, Relation::Contradicts);
        assert!(d.explanation.contains("12,000 jars"), "{}", d.explanation);
    }

    #[test]
    fn hedged_claim_confirmed_later_and_distanced_evidence_weighs_less() {
        let lex = Lexicon::builtin().unwrap();
        let rs = RuleSet::builtin().unwrap();
        let a = lk(
            1,
            "Paper",
            "customer data may have been stolen from the servers",
            &lex,
            "assert",
        );
        let b = lk(
            2,
            "Police",
            "customer data was stolen from the servers",
            &lex,
            "confirm",
        );
        let d = decide(&a, &b, &rs, &lex).expect("linked");
        assert_eq!(d.relation, Relation::Supports);
        let c = lk(
            3,
            "Rival",
            "customer data was stolen from the servers",
            &lex,
            "claim",
        );
        // Only claimed by a rival: weaker, here below the link threshold.
        let d2 = decide(&a, &c, &rs, &lex);
        assert!(d2.is_none_or(|d2| d2.score < d.score));
        let pf = pair_features(&a, &c, &rs, &lex);
        assert!(pf.evidence_distanced);
    }

    #[test]
    fn restatement_by_the_same_source_is_not_support() {
        let lex = Lexicon::builtin().unwrap();
        let rs = RuleSet::builtin().unwrap();
        let a = lk(
            1,
            "Firm",
            "the plant will stay open next year",
            &lex,
            "assert",
        );
        let b = lk(
            2,
            "Firm",
            "the plant will stay open next year",
            &lex,
            "assert",
        );
        assert!(decide(&a, &b, &rs, &lex).is_none());
    }

    #[test]
    fn unrelated_claims_do_not_link() {
        let lex = Lexicon::builtin().unwrap();
        let rs = RuleSet::builtin().unwrap();
        let a = lk(1, "Firm", "no data had been compromised", &lex, "assert");
        let b = lk(
            2,
            "Firm2",
            "the two carriers will be delivered in 2014",
            &lex,
            "assert",
        );
        assert!(decide(&a, &b, &rs, &lex).is_none());
    }
}
