//! Relate: the one relation engine. Does a later claim bear on an earlier one, and how?
//!
//! Takes: [`ClaimView`]s (built once per claim by [`claim`]) and the rule file
//! ([`RuleSet`]). Gives: for a pair (earlier claim, later evidence) an optional
//! [`Decision`]: relation, score, the rules that carried it and an explanation
//! quoting the words behind them. Used alike by ingest linking
//! ([`crate::store`] hands it candidates), `check "CLAIM"` and `check --batch`.
//! It never runs SQL.
//!
//! How a pair is judged, all from the rule file:
//! 1. every rule computes its input: 0 unless all its `when` conditions hold,
//!    else the value of its `value` feature (or 1);
//! 2. a rule with relation `none` that fires vetoes the pair (different
//!    stories, a non-answer, a restatement);
//! 3. stage 1: `link_bias` + the weighted inputs of the `link` rules is the
//!    log-odds that the two bear on each other; below `link_threshold`
//!    (as a probability) the engine abstains;
//! 4. stage 2: `contradiction_bias` + the `contradicts` rules − the
//!    `supports` rules decides the relation; the engine abstains when the
//!    relation's probability is within `relation_margin` of 0.5, or when no
//!    rule pushed towards it (the bias alone is no finding);
//! 5. the explanation names the rules that pushed towards the outcome, most
//!    weight first, each with the words that set its feature.
//!
//! Features that compare a pair with its rivals (`best_in_article`, `margin`)
//! are filled in by [`Relater::decide_all`], which judges many pairs at once.

pub mod calibrate;
pub mod claim;
pub mod link;
pub mod pair;
pub mod quantity;
pub mod wordnet;

use std::collections::HashMap;

use crate::lexicon::Lexicon;
use crate::rules::{Relation, Rule, RuleSet};
pub use claim::{ClaimInput, ClaimView};
pub use pair::PairFeatures;

/// The outcome of judging one pair.
#[derive(Debug, Clone)]
pub struct Decision {
    pub relation: Relation,
    /// Probability of a link (stage 1), rounded to three places.
    pub score: f64,
    /// Probability of the chosen relation against the other (stage 2).
    pub confidence: f64,
    /// Rules that carried the decision, most weight first.
    pub rules: Vec<String>,
    pub backtrack: bool,
    pub explanation: String,
    pub features: PairFeatures,
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The relation engine: the rule file and the lexicon.
pub struct Relater<'a> {
    pub rules: &'a RuleSet,
    pub lex: &'a Lexicon,
}

/// Stage sums of one pair.
#[derive(Debug, Clone, Copy)]
pub struct Scores {
    pub link: f64,
    pub contradiction: f64,
    pub veto: bool,
}

impl<'a> Relater<'a> {
    pub fn new(rules: &'a RuleSet, lex: &'a Lexicon) -> Self {
        Relater { rules, lex }
    }

    /// A claim as the engine sees it (computed once, reused for every pair).
    pub fn view(&self, input: ClaimInput) -> ClaimView {
        ClaimView::new(input, self.lex)
    }

    /// The features of a pair that do not depend on rival candidates.
    pub fn features(&self, a: &ClaimView, b: &ClaimView) -> PairFeatures {
        pair::pair_features(a, b, self.lex)
    }

    /// The two stage sums (log-odds) and whether a veto fired.
    pub fn scores(&self, pf: &PairFeatures) -> Scores {
        let s = &self.rules.settings;
        let mut out = Scores {
            link: s.link_bias,
            contradiction: s.contradiction_bias,
            veto: false,
        };
        for r in &self.rules.rules {
            let x = r.input(|f| pf.get(f));
            if x == 0.0 {
                continue;
            }
            match r.relation {
                Relation::Link => out.link += r.weight * x,
                Relation::Contradicts => out.contradiction += r.weight * x,
                Relation::Supports => out.contradiction -= r.weight * x,
                Relation::None => out.veto = true,
            }
        }
        out
    }

    /// Judges one pair on its features. `None`: vetoed or below the link threshold.
    pub fn decide(&self, a: &ClaimView, b: &ClaimView, pf: PairFeatures) -> Option<Decision> {
        let sc = self.scores(&pf);
        let p_link = sigmoid(sc.link);
        if sc.veto || p_link < self.rules.settings.link_threshold {
            return None;
        }
        let p_con = sigmoid(sc.contradiction);
        if (p_con - 0.5).abs() < self.rules.settings.relation_margin {
            return None;
        }
        let relation = if p_con >= 0.5 {
            Relation::Contradicts
        } else {
            Relation::Supports
        };
        // Rules that pushed towards the outcome, most weight first.
        let mut carried: Vec<(f64, &Rule)> = Vec::new();
        for r in &self.rules.rules {
            let x = r.input(|f| pf.get(f));
            let toward = match (r.relation, relation) {
                (Relation::Contradicts, Relation::Contradicts)
                | (Relation::Supports, Relation::Supports) => r.weight * x,
                (Relation::Contradicts, Relation::Supports)
                | (Relation::Supports, Relation::Contradicts) => -r.weight * x,
                _ => 0.0,
            };
            if toward > 0.0 {
                carried.push((toward, r));
            }
        }
        carried.sort_by(|x, y| y.0.partial_cmp(&x.0).unwrap_or(std::cmp::Ordering::Equal));
        // Every link names what carried it: a relation reached through the bias alone is no finding.
        if carried.is_empty() {
            return None;
        }
        // The strongest link rules say why the two were compared at all.
        let mut linking: Vec<(f64, &Rule)> = self
            .rules
            .rules
            .iter()
            .filter(|r| r.relation == Relation::Link)
            .map(|r| (r.weight * r.input(|f| pf.get(f)), r))
            .filter(|(c, _)| *c > 0.0)
            .collect();
        linking.sort_by(|x, y| y.0.partial_cmp(&x.0).unwrap_or(std::cmp::Ordering::Equal));
        let backtrack = relation == Relation::Contradicts
            && carried
                .iter()
                .any(|(_, r)| r.mark.as_deref() == Some("backtrack"));
        let mut names: Vec<String> = carried.iter().map(|(_, r)| r.name.clone()).collect();
        for (_, r) in linking.iter().take(2) {
            names.push(r.name.clone());
        }
        let explanation = explain(
            b,
            relation,
            backtrack,
            carried
                .iter()
                .take(3)
                .chain(linking.iter().take(2))
                .map(|(_, r)| *r),
            &pf,
        );
        let _ = a;
        Some(Decision {
            relation,
            score: round3(p_link),
            confidence: round3(if relation == Relation::Contradicts {
                p_con
            } else {
                1.0 - p_con
            }),
            rules: names,
            backtrack,
            explanation,
            features: pf,
        })
    }

    /// Features of many pairs (earlier, later, group), with the rival-dependent
    /// ones filled in: within one group (an earlier claim and one evidence
    /// article), which pair is the most related and by what margin.
    pub fn features_all(&self, pairs: &[(&ClaimView, &ClaimView, i64)]) -> Vec<PairFeatures> {
        // Vetoes that test only cheap features are tried first: a vetoed pair costs no alignment.
        let early: Vec<&Rule> = self
            .rules
            .rules
            .iter()
            .filter(|r| {
                r.relation == Relation::None
                    && r.value.is_none()
                    && r.when.iter().all(|c| pair::CHEAP.contains(&c.feature))
            })
            .collect();
        let mut pfs: Vec<PairFeatures> = pairs
            .iter()
            .map(|(a, b, _)| {
                let pf = pair::cheap_features(a, b, self.lex);
                if early.iter().any(|r| r.input(|f| pf.get(f)) != 0.0) {
                    pf
                } else {
                    pair::add_costly_features(a, b, self.lex, pf)
                }
            })
            .collect();
        let rel = |pf: &PairFeatures| pf.get("rel_claim") + pf.get("rel_evidence");
        let mut groups: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
        for (i, (a, _, g)) in pairs.iter().enumerate() {
            groups.entry((a.input.id, *g)).or_default().push(i);
        }
        // The same from the evidence's side: its best match among the claims of one earlier article.
        let mut back: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
        for (i, (a, b, _)) in pairs.iter().enumerate() {
            back.entry((b.input.id, a.input.article))
                .or_default()
                .push(i);
        }
        for idx in back.values() {
            let best = idx
                .iter()
                .filter_map(|&i| Some((rel(pfs.get(i)?), i)))
                .max_by(|x, y| x.0.partial_cmp(&y.0).unwrap_or(std::cmp::Ordering::Equal));
            if let Some((v, i)) = best {
                if let (true, Some(pf)) = (v > 0.0, pfs.get_mut(i)) {
                    pf.set("best_for_evidence", 1.0);
                }
            }
        }
        for idx in groups.values() {
            let mut scored: Vec<(f64, usize)> = idx
                .iter()
                .filter_map(|&i| Some((rel(pfs.get(i)?), i)))
                .collect();
            scored.sort_by(|x, y| y.0.partial_cmp(&x.0).unwrap_or(std::cmp::Ordering::Equal));
            let best = scored.first().map(|s| s.0).unwrap_or(0.0);
            let second = scored.get(1).map(|s| s.0).unwrap_or(0.0);
            for (k, &(v, i)) in scored.iter().enumerate() {
                let Some(pf) = pfs.get_mut(i) else {
                    continue;
                };
                let top = k == 0 && v > 0.0;
                pf.set("best_in_article", if top { 1.0 } else { 0.0 });
                let margin = if top { best - second } else { v - best };
                pf.set("margin", (margin / 2.0).clamp(0.0, 1.0));
            }
        }
        pfs
    }

    /// Judges many pairs at once (see [`Relater::features_all`]).
    pub fn decide_all(&self, pairs: &[(&ClaimView, &ClaimView, i64)]) -> Vec<Option<Decision>> {
        let pfs = self.features_all(pairs);
        pairs
            .iter()
            .zip(pfs)
            .map(|((a, b, _), pf)| self.decide(a, b, pf))
            .collect()
    }
}

/// One sentence: who, what relation, and each carrying rule with the words behind it.
fn explain<'r>(
    b: &ClaimView,
    relation: Relation,
    backtrack: bool,
    rules: impl Iterator<Item = &'r Rule>,
    pf: &PairFeatures,
) -> String {
    let mut parts: Vec<String> = Vec::new();
    for r in rules {
        // The words behind the rule: its value feature's, else its first positive condition's.
        let why = r
            .value
            .and_then(|v| pf.evidence.get(v))
            .or_else(|| {
                r.when
                    .iter()
                    .filter(|c| !c.negated && c.cmp.is_none())
                    .find_map(|c| pf.evidence.get(c.feature))
            })
            .filter(|w| !w.is_empty());
        let part = match why {
            Some(w) => format!("{} ({w})", r.name),
            None => r.name.clone(),
        };
        if !parts.contains(&part) {
            parts.push(part);
        }
    }
    let verb = match (relation, backtrack) {
        (Relation::Contradicts, true) => "backtracks on",
        (Relation::Contradicts, false) => "contradicts",
        _ => "supports",
    };
    format!(
        "{} {} this claim: {}.",
        b.input.source_name,
        verb,
        parts.join("; ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(rel: &Relater, id: i64, src: &str, text: &str, cue: &str) -> ClaimView {
        let (p, m) = crate::normalise::polarity_modality(text, cue, rel.lex);
        rel.view(ClaimInput {
            id,
            article: id,
            source_key: src.into(),
            source_name: src.into(),
            unnamed: src.contains("unnamed"),
            text: text.into(),
            negative: p == crate::model::Polarity::Negative,
            hedged: m == crate::model::Modality::Hedged,
            cue_class: cue.into(),
            recap: false,
            stage: 0,
            story_names: vec!["Mitsubishi Heavy Industries".into()],
        })
    }

    #[test]
    fn denial_then_admission_is_a_backtrack_and_unrelated_claims_do_not_link() {
        let lex = Lexicon::builtin().unwrap();
        let rs = RuleSet::builtin().unwrap();
        let rel = Relater::new(&rs, &lex);
        let a = view(
            &rel,
            1,
            "MHI",
            "no customer data had been stolen in the attack",
            "assert",
        );
        let b = view(
            &rel,
            2,
            "MHI",
            "customer data may have been stolen in the attack",
            "admit",
        );
        let d = rel.decide(&a, &b, rel.features(&a, &b)).expect("linked");
        assert_eq!(d.relation, Relation::Contradicts);
        assert!(d.backtrack, "{d:?}");
        assert!(d.explanation.contains("backtracks on"), "{}", d.explanation);
        let c = view(
            &rel,
            3,
            "Navy",
            "the two carriers will be delivered next spring",
            "assert",
        );
        assert!(rel.decide(&a, &c, rel.features(&a, &c)).is_none());
    }

    #[test]
    fn restatement_by_the_same_source_is_not_support() {
        let lex = Lexicon::builtin().unwrap();
        let rs = RuleSet::builtin().unwrap();
        let rel = Relater::new(&rs, &lex);
        let a = view(
            &rel,
            1,
            "Firm",
            "the plant will stay open next year",
            "assert",
        );
        let b = view(
            &rel,
            2,
            "Firm",
            "the plant will stay open next year",
            "assert",
        );
        assert!(rel.decide(&a, &b, rel.features(&a, &b)).is_none());
        // Another source saying the same in other words, with a number that agrees, supports it.
        let a = view(
            &rel,
            4,
            "Firm",
            "the plant will keep all 1,200 jobs next year",
            "assert",
        );
        let c = view(
            &rel,
            5,
            "Union",
            "about 1,200 workers will keep their jobs at the factory next year",
            "confirm",
        );
        let pf = rel.features(&a, &c);
        assert_eq!(
            pf.get("numbers_agree"),
            1.0,
            "“1,200 jobs” and “about 1,200 workers”"
        );
        assert_eq!(pf.get("same_source") + pf.get("polarity_flip"), 0.0);
        assert!(pf.get("rel_claim") > 0.5, "{pf:?}");
        let d = rel.decide(&a, &c, pf);
        if let Some(d) = d {
            assert_eq!(d.relation, Relation::Supports, "{d:?}");
        }
    }

    #[test]
    fn the_same_source_in_other_words_with_nothing_opposed_is_no_evidence() {
        let lex = Lexicon::builtin().unwrap();
        let rs = RuleSet::builtin().unwrap();
        let rel = Relater::new(&rs, &lex);
        // A recap of the force's own words, quoted by someone else: same source,
        // same polarity, nothing opposed. Neither support nor a backtrack.
        let a = view(
            &rel,
            1,
            "Police",
            "no batons were drawn at the march",
            "assert",
        );
        let b = view(
            &rel,
            2,
            "Police",
            "nobody at the march drew a baton, the whole city was told",
            "assert",
        );
        let pf = rel.features(&a, &b);
        assert_eq!(pf.get("same_source"), 1.0);
        assert_eq!(pf.get("opposed"), 0.0, "{pf:?}");
        assert!(rel.decide(&a, &b, pf).is_none());
        // The same source saying the opposite is still a backtrack.
        let c = view(
            &rel,
            3,
            "Police",
            "batons were drawn at the march on a small number of occasions",
            "admit",
        );
        let pf = rel.features(&a, &c);
        assert_eq!(pf.get("opposed"), 1.0, "{pf:?}");
        if let Some(d) = rel.decide(&a, &c, pf) {
            assert_eq!(d.relation, Relation::Contradicts, "{d:?}");
            assert!(d.backtrack, "{d:?}");
        }
    }

    #[test]
    fn different_stories_never_link() {
        let lex = Lexicon::builtin().unwrap();
        let rs = RuleSet::builtin().unwrap();
        let rel = Relater::new(&rs, &lex);
        let a = view(
            &rel,
            1,
            "Bank",
            "interest rates will rise in March",
            "assert",
        );
        let mut b = view(
            &rel,
            2,
            "Other",
            "interest rates will rise in March",
            "assert",
        );
        b.story = ["america".to_string()].into_iter().collect();
        let mut a2 = a.clone();
        a2.story = ["england".to_string()].into_iter().collect();
        assert!(rel.decide(&a2, &b, rel.features(&a2, &b)).is_none());
    }
}
