//! Check: stance of evidence toward a claim the user types.
//!
//! Takes: a claim text and either the stored claims (`check "CLAIM"`) or,
//! in batch mode, claim/evidence pairs whose evidence is a whole article body.
//! Gives: ranked [`CheckHit`]s, or one [`BatchAnswer`] per pair with a stance
//! (`supports`, `contradicts`, `discusses`, `unrelated`), a score and the rule
//! that decided. Batch mode finds the sentences of the body that bear on the
//! claim (IDF-weighted term coverage, IDF from the batch's own bodies), then
//! reads refuting, hedging and negation cues in and around them.

use std::collections::HashMap;
use std::io::{BufRead, Write};

use serde::{Deserialize, Serialize};

use crate::lexicon::{find_phrase, Lexicon};
use crate::normalise::{lower_words, polarity_modality, term_of};
use crate::relate::{ClaimInput, ClaimView, Relater};
use crate::rules::RuleSet;
use crate::segment;

#[derive(Debug, Clone, Serialize)]
pub struct CheckHit {
    pub claim_id: i64,
    pub relation: String,
    pub score: f64,
    pub source: String,
    pub date: Option<String>,
    pub text: String,
    pub rule: String,
    pub explanation: String,
}

/// Ranks stored claims against a typed claim with the relation engine:
/// each stored claim is the evidence, the typed claim the claim being checked.
/// Only what the engine links is returned (no separate fallback relation).
pub fn check_claim(
    conn: &rusqlite::Connection,
    claim: &str,
    lex: &Lexicon,
    rules: &RuleSet,
) -> Result<Vec<CheckHit>, crate::error::StoreError> {
    let rel = Relater::new(rules, lex);
    let (p, m) = polarity_modality(claim, "assert", lex);
    let user = rel.view(ClaimInput {
        id: 0,
        source_key: "(user)".into(),
        source_name: "the claim".into(),
        text: claim.to_string(),
        negative: p == crate::model::Polarity::Negative,
        hedged: m == crate::model::Modality::Hedged,
        cue_class: "assert".into(),
        ..Default::default()
    });
    let cands = crate::relate::link::candidates_for_view(conn, &user, rules.settings.candidates_k)?;
    let views: Vec<(ClaimView, Option<String>)> = cands
        .into_iter()
        .map(|(input, date)| {
            // The typed claim names no story: the stored claims' story keys cannot conflict with it.
            (rel.view(input), date)
        })
        .collect();
    let pairs: Vec<(&ClaimView, &ClaimView, i64)> =
        views.iter().map(|(v, _)| (&user, v, v.input.id)).collect();
    let mut hits = Vec::new();
    for ((v, date), d) in views.iter().zip(rel.decide_all(&pairs)) {
        let Some(d) = d else { continue };
        hits.push(CheckHit {
            claim_id: v.input.id,
            relation: d.relation.as_str().to_string(),
            score: d.score,
            source: v.input.source_name.clone(),
            date: date.clone(),
            text: v.input.text.clone(),
            rule: d.rules.join("+"),
            explanation: d.explanation,
        });
    }
    let rank = |r: &str| match r {
        "contradicts" => 0,
        "supports" => 1,
        _ => 2,
    };
    hits.sort_by(|a, b| {
        rank(&a.relation).cmp(&rank(&b.relation)).then(
            b.score
                .partial_cmp(&a.score)
                .unwrap_or(std::cmp::Ordering::Equal),
        )
    });
    Ok(hits)
}

#[derive(Debug, Deserialize)]
struct BatchIn {
    id: serde_json::Value,
    claim: String,
    evidence: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BatchAnswer {
    pub id: serde_json::Value,
    pub stance: &'static str,
    pub score: f64,
    pub rule: String,
}

/// Counts of stance cues in a stretch of text.
#[derive(Debug, Default, Clone, Copy)]
struct Cues {
    refute: f64,
    hedge: f64,
    support: f64,
    negation: f64,
}

impl Cues {
    fn of(words: &[&str], lex: &Lexicon) -> Self {
        Cues {
            refute: count_phrases(words, &lex.stance_refute) as f64,
            hedge: count_phrases(words, &lex.stance_hedge) as f64,
            support: count_phrases(words, &lex.stance_support) as f64,
            negation: words.iter().filter(|w| is_negation(w, lex)).count() as f64,
        }
    }

    fn add(&mut self, o: &Cues) {
        self.refute += o.refute;
        self.hedge += o.hedge;
        self.support += o.support;
        self.negation += o.negation;
    }
}

/// One sentence of a body, with its key terms as ids into the batch vocabulary.
struct Sentence {
    /// Term id of each word (`None` for stopwords, numbers, one-letter words).
    word_terms: Vec<Option<u32>>,
    /// Distinct term ids, sorted.
    terms: Vec<u32>,
    /// Word positions of negations (not, no, never, n't ...).
    negations: Vec<usize>,
    cues: Cues,
}

/// A body prepared once for all the claims paired with it.
struct Body {
    sentences: Vec<Sentence>,
    /// Distinct term ids of the whole body, sorted.
    terms: Vec<u32>,
    cues: Cues,
    words: usize,
}

/// A body before its terms are numbered (prepared in parallel).
struct RawBody {
    sentences: Vec<(Vec<Option<String>>, Vec<usize>, Cues)>,
    words: usize,
}

fn terms_of(words: &[String], lex: &Lexicon) -> Vec<String> {
    let mut t: Vec<String> = words.iter().filter_map(|w| term_of(w, lex)).collect();
    t.sort();
    t.dedup();
    t
}

fn is_negation(w: &str, lex: &Lexicon) -> bool {
    crate::normalise::is_negation_word(w, lex)
}

fn prepare(text: &str, lex: &Lexicon) -> RawBody {
    let seg = segment::segment(text, lex);
    let mut sentences = Vec::with_capacity(seg.sentences.len());
    let mut words = 0;
    for s in &seg.sentences {
        let w = lower_words(crate::text::slice(text, s.start, s.end));
        let ws: Vec<&str> = w.iter().map(String::as_str).collect();
        let cues = Cues::of(&ws, lex);
        let negations = ws
            .iter()
            .enumerate()
            .filter(|(_, w)| is_negation(w, lex))
            .map(|(i, _)| i)
            .collect();
        let terms = w.iter().map(|x| term_of(x, lex)).collect();
        words += w.len();
        sentences.push((terms, negations, cues));
    }
    RawBody { sentences, words }
}

/// Numbers the terms of the raw bodies (shared vocabulary) and sums their cues.
fn intern(raw: Vec<RawBody>, vocab: &mut HashMap<String, u32>) -> Vec<Body> {
    let mut id_of = |t: String| -> u32 {
        let next = vocab.len() as u32;
        *vocab.entry(t).or_insert(next)
    };
    raw.into_iter()
        .map(|rb| {
            let mut cues = Cues::default();
            let mut all = Vec::new();
            let sentences = rb
                .sentences
                .into_iter()
                .map(|(wt, negations, c)| {
                    cues.add(&c);
                    let word_terms: Vec<Option<u32>> =
                        wt.into_iter().map(|t| t.map(&mut id_of)).collect();
                    let mut terms: Vec<u32> = word_terms.iter().flatten().copied().collect();
                    terms.sort_unstable();
                    terms.dedup();
                    all.extend_from_slice(&terms);
                    Sentence {
                        word_terms,
                        terms,
                        negations,
                        cues: c,
                    }
                })
                .collect();
            all.sort_unstable();
            all.dedup();
            Body {
                sentences,
                terms: all,
                cues,
                words: rb.words,
            }
        })
        .collect()
}

fn count_phrases(words: &[&str], phrases: &[Vec<String>]) -> usize {
    phrases.iter().map(|p| find_phrase(words, p).len()).sum()
}

fn negated(words: &[String], lex: &Lexicon) -> bool {
    words.iter().filter(|w| is_negation(w, lex)).count() % 2 == 1
}

/// A denying verb of the cue lexicon (class `deny`: denies, rejects, refutes ...).
/// In a body these are reported speech ("X denied it"), so they are not
/// refuting cues; in a claim they make it a denial.
fn has_deny_verb(words: &[&str], lex: &Lexicon) -> bool {
    (0..words.len()).filter_map(|i| words.get(i..)).any(|rest| {
        rest.first()
            .and_then(|w| lex.cues.get(*w))
            .is_some_and(|forms| {
                forms.iter().any(|f| {
                    f.class == "deny"
                        && f.words.len() <= rest.len()
                        && f.words.iter().zip(rest).all(|(a, b)| a == b)
                })
            })
    })
}

/// A claim's key terms with their weights; `None` ids are terms no body holds.
struct Claim {
    terms: Vec<(Option<u32>, f64)>,
    total: f64,
    /// The claim is negated (odd number of negations).
    negated: bool,
    /// The claim itself calls something false (hoax, fake, denies ...).
    denial: bool,
    /// The claim is hedged or a question (reportedly, may, "?").
    hedged: bool,
}

fn claim_of(
    text: &str,
    vocab: &HashMap<String, u32>,
    idf: &[f64],
    default_idf: f64,
    lex: &Lexicon,
) -> Claim {
    let cw = lower_words(text);
    let ws: Vec<&str> = cw.iter().map(String::as_str).collect();
    let terms: Vec<(Option<u32>, f64)> = terms_of(&cw, lex)
        .into_iter()
        .map(|t| match vocab.get(&t) {
            Some(&id) => (
                Some(id),
                idf.get(id as usize).copied().unwrap_or(default_idf),
            ),
            None => (None, default_idf),
        })
        .collect();
    let total = terms.iter().map(|t| t.1).sum();
    Claim {
        terms,
        total,
        negated: negated(&cw, lex),
        denial: count_phrases(&ws, &lex.stance_refute) > 0 || has_deny_verb(&ws, lex),
        hedged: count_phrases(&ws, &lex.stance_hedge) > 0 || text.contains('?'),
    }
}

impl Claim {
    fn has(&self, id: u32) -> bool {
        self.terms.iter().any(|t| t.0 == Some(id))
    }

    /// IDF-weighted share of the claim's terms found in `terms` (sorted ids).
    fn coverage(&self, terms: &[u32]) -> f64 {
        if self.total <= 0.0 {
            return 0.0;
        }
        self.terms
            .iter()
            .filter(|(id, _)| id.is_some_and(|i| terms.binary_search(&i).is_ok()))
            .map(|t| t.1)
            .sum::<f64>()
            / self.total
    }
}

/// Negations in a sentence that bear on one of the claim's terms (within `window` words).
fn negations_near_claim(s: &Sentence, claim: &Claim, window: usize) -> usize {
    s.negations
        .iter()
        .filter(|&&p| {
            s.word_terms
                .iter()
                .take(p + window + 1)
                .skip(p.saturating_sub(window))
                .any(|t| t.is_some_and(|id| claim.has(id)))
        })
        .count()
}

/// Decides the stance of one prepared body toward a claim.
///
/// 1. `low-overlap`: the claim's terms are barely in the body (best sentence
///    and whole body, IDF-weighted) -> unrelated.
/// 2. The sentences that match the claim best are read closely: refuting cues
///    in them, and negations next to the claim's own words (`negation-flip`),
///    plus the density of refuting cues and negations in the whole body, make
///    the refuting signal -> contradicts (`refuting-cues` / `negation-flip`).
///    A claim that itself calls something false (hoax, denies) is agreed with,
///    not refuted, by refuting cues, so they count less for it; a hedged claim
///    (a rumour it only reports, a question) is not refuted by a debunking body
///    either, so the whole signal counts less for it. Denials that the body
///    attributes to someone ("X denied it") are reported speech, not refuting
///    cues (they are not in the `[refute]` lexicon).
/// 3. Hedging and reporting cues near the claim and across the body, and a
///    hedged claim, make the reporting signal; confirming cues near the claim
///    lower it -> discusses (`hedging-cues` / `hedged-claim`); so does a body
///    whose best sentence covers too little of the claim (`partial-overlap`).
///    A claim that itself denies or is negated lowers it: the body's reports of
///    the denial agree with such a claim.
/// 4. Otherwise the body states the claim -> supports (`sentence-agreement`,
///    or `denial-claim-agreement` when only that lowering kept it from discusses).
fn decide_pair(claim: &Claim, body: &Body, rules: &RuleSet) -> (&'static str, f64, String) {
    let b = &rules.batch;
    if claim.total <= 0.0 {
        return ("unrelated", 0.0, "no-key-terms".into());
    }
    let mut scored: Vec<(f64, usize)> = body
        .sentences
        .iter()
        .enumerate()
        .map(|(i, s)| (claim.coverage(&s.terms), i))
        .collect();
    scored.sort_by(|a, b| {
        b.0.partial_cmp(&a.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.1.cmp(&b.1))
    });
    let best = scored.first().map(|s| s.0).unwrap_or(0.0);
    let body_cov = claim.coverage(&body.terms);
    let related = b.best_sentence_weight * best + (1.0 - b.best_sentence_weight) * body_cov;
    if related < b.related_threshold {
        return ("unrelated", round(related), "low-overlap".into());
    }
    let mut near = Cues::default();
    let mut neg_near = 0.0;
    for &(c, i) in scored.iter().take(b.top_sentences) {
        if c <= 0.0 {
            break;
        }
        let Some(s) = body.sentences.get(i) else {
            continue;
        };
        near.add(&s.cues);
        neg_near += negations_near_claim(s, claim, b.negation_window) as f64;
    }
    let per100 = 100.0 / (body.words.max(1) as f64);
    let dens = |x: f64| x * per100;

    // Refuting signal.
    let cue_part =
        b.refute_near_weight * near.refute + b.refute_density_weight * dens(body.cues.refute);
    let cue_part = if claim.denial {
        cue_part * b.denial_claim_refute_factor
    } else {
        cue_part
    };
    let neg_part = if claim.negated {
        0.0
    } else {
        b.negation_weight * neg_near + b.negation_density_weight * dens(body.cues.negation)
    };
    // A claim that only reports a rumour (hedged, a question) is not refuted
    // by a body that debunks the rumour: that body discusses or agrees.
    let hedged_factor = if claim.hedged {
        b.hedged_claim_refute_factor
    } else {
        1.0
    };
    let (cue_part, neg_part) = (cue_part * hedged_factor, neg_part * hedged_factor);
    let refute = cue_part + neg_part;
    if refute >= b.refute_threshold {
        let rule = if neg_part > cue_part {
            "negation-flip"
        } else {
            "refuting-cues"
        };
        return (
            "contradicts",
            squash(refute, b.refute_threshold),
            rule.into(),
        );
    }

    // Reporting (hedging) signal.
    let hedge_cues = b.hedge_near_weight * near.hedge
        + b.hedge_density_weight * dens(body.cues.hedge)
        - b.support_near_weight * near.support;
    let claim_part = if claim.hedged {
        b.claim_hedge_weight
    } else {
        0.0
    };
    // A claim that itself denies or negates something is agreed with by a body
    // that reports the denial; its refuting and hedging cues echo the claim.
    let unhedged = hedge_cues + claim_part >= b.hedge_threshold;
    let claim_part = claim_part
        - if claim.denial {
            b.denial_claim_hedge_weight
        } else if claim.negated {
            b.negated_claim_hedge_weight
        } else {
            0.0
        };
    let hedge = hedge_cues + claim_part;
    if hedge >= b.hedge_threshold {
        let rule = if claim_part > hedge_cues {
            "hedged-claim"
        } else {
            "hedging-cues"
        };
        return ("discusses", squash(hedge, b.hedge_threshold), rule.into());
    }
    if best < b.support_coverage {
        return ("discusses", round(related), "partial-overlap".into());
    }
    let rule = if unhedged {
        "denial-claim-agreement"
    } else {
        "sentence-agreement"
    };
    ("supports", round(best), rule.into())
}

/// Maps a signal at or above `threshold` into [0.5, 1).
fn squash(x: f64, threshold: f64) -> f64 {
    if threshold <= 0.0 {
        return 1.0;
    }
    round(x.max(0.0) / (x.max(0.0) + threshold))
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Runs batch mode: reads JSONL pairs, writes one answer per valid line.
/// Returns the number of bad input lines (each reported on `errors`).
pub fn run_batch(
    input: impl BufRead,
    name: &str,
    out: &mut impl Write,
    errors: &mut impl Write,
    lex: &Lexicon,
    rules: &RuleSet,
) -> std::io::Result<usize> {
    let mut pairs: Vec<BatchIn> = Vec::new();
    let mut bad = 0;
    for (n, line) in input.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<BatchIn>(&line) {
            Ok(p) => pairs.push(p),
            Err(e) => {
                bad += 1;
                writeln!(errors, "claimtrace: {name}:{}: bad pair: {e} (expected {{\"id\",\"claim\",\"evidence\"}})", n + 1)?;
            }
        }
    }
    // Distinct bodies and claims, each prepared once; IDF over the bodies.
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut bodies: Vec<&str> = Vec::new();
    let mut claim_index: HashMap<&str, usize> = HashMap::new();
    let mut claims: Vec<&str> = Vec::new();
    // For each pair, the indices of its body and of its claim.
    let mut keys: Vec<(usize, usize)> = Vec::with_capacity(pairs.len());
    for p in &pairs {
        let body = *index.entry(p.evidence.as_str()).or_insert_with(|| {
            bodies.push(p.evidence.as_str());
            bodies.len() - 1
        });
        let claim = *claim_index.entry(p.claim.as_str()).or_insert_with(|| {
            claims.push(p.claim.as_str());
            claims.len() - 1
        });
        keys.push((body, claim));
    }
    let raw: Vec<RawBody> = parallel_map(&bodies, |t| prepare(t, lex));
    let mut vocab: HashMap<String, u32> = HashMap::new();
    let prepared = intern(raw, &mut vocab);
    let mut df = vec![0.0f64; vocab.len()];
    for b in &prepared {
        for &t in &b.terms {
            if let Some(d) = df.get_mut(t as usize) {
                *d += 1.0;
            }
        }
    }
    let n = prepared.len() as f64;
    let idf: Vec<f64> = df
        .into_iter()
        .map(|d| ((n + 1.0) / (d + 1.0)).ln() + 1.0)
        .collect();
    let default_idf = (n + 1.0).ln() + 1.0;
    let claims: Vec<Claim> = claims
        .iter()
        .map(|c| claim_of(c, &vocab, &idf, default_idf, lex))
        .collect();
    let jobs: Vec<(&BatchIn, &Body, &Claim)> = pairs
        .iter()
        .zip(keys)
        .filter_map(|(p, (b, c))| Some((p, prepared.get(b)?, claims.get(c)?)))
        .collect();
    let answers: Vec<BatchAnswer> = parallel_map(&jobs, |&(p, body, claim)| {
        let (stance, score, rule) = decide_pair(claim, body, rules);
        BatchAnswer {
            id: p.id.clone(),
            stance,
            score,
            rule,
        }
    });
    for a in answers {
        serde_json::to_writer(&mut *out, &a)?;
        out.write_all(b"\n")?;
    }
    Ok(bad)
}

/// Maps over a slice on the available cores, keeping order.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(8);
    if threads <= 1 || items.len() < 64 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|c| s.spawn(move || c.iter().map(f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(lines: &str) -> (Vec<BatchAnswer>, usize, String) {
        let lex = Lexicon::builtin().unwrap();
        let rules = RuleSet::builtin().unwrap();
        let mut out = Vec::new();
        let mut err = Vec::new();
        let bad = run_batch(
            lines.as_bytes(),
            "pairs.jsonl",
            &mut out,
            &mut err,
            &lex,
            &rules,
        )
        .unwrap();
        let answers = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                let stance: &'static str = match v["stance"].as_str().unwrap() {
                    "supports" => "supports",
                    "contradicts" => "contradicts",
                    "discusses" => "discusses",
                    _ => "unrelated",
                };
                BatchAnswer {
                    id: v["id"].clone(),
                    stance,
                    score: v["score"].as_f64().unwrap(),
                    rule: v["rule"].as_str().unwrap().into(),
                }
            })
            .collect();
        (answers, bad, String::from_utf8(err).unwrap())
    }

    #[test]
    fn batch_decides_the_four_stances() {
        let body_agree = "Officials confirmed on Tuesday that the dam on the Gaza border was opened, flooding hundreds of homes. Residents fled the floods.";
        let body_refute = "Claims that a spider laid eggs under a tourist's skin are a hoax. Doctors said the story was fake and no such spider exists.";
        let body_hedge = "A video reportedly shows a shark swimming in a flooded street. The footage allegedly came from Houston, but it could not be verified.";
        let body_other =
            "The city council approved a new budget for schools and libraries on Monday.";
        let lines = [
            serde_json::json!({"id": "1", "claim": "Dam opened on Gaza border floods homes", "evidence": body_agree}),
            serde_json::json!({"id": "2", "claim": "Spider laid eggs under tourist's skin", "evidence": body_refute}),
            serde_json::json!({"id": "3", "claim": "Shark swims in flooded Houston street", "evidence": body_hedge}),
            serde_json::json!({"id": "4", "claim": "Shark swims in flooded Houston street", "evidence": body_other}),
            serde_json::json!({"id": "5", "claim": "Spider laid eggs under tourist's skin", "evidence": body_agree}),
        ]
        .iter()
        .map(|v| v.to_string())
        .collect::<Vec<_>>()
        .join("\n");
        let (a, bad, _) = run(&lines);
        assert_eq!(bad, 0);
        let stances: Vec<&str> = a.iter().map(|x| x.stance).collect();
        assert_eq!(
            stances,
            vec![
                "supports",
                "contradicts",
                "discusses",
                "unrelated",
                "unrelated"
            ]
        );
    }

    #[test]
    fn negation_next_to_the_claim_flips_it_and_rules_are_named() {
        let body_neg = "Apple will not release a new iPhone in March, the company said. Apple has no plans to release the phone this spring.";
        let body_other =
            "The city council approved a new budget for schools and libraries on Monday.";
        let lines = [
            serde_json::json!({"id": 1, "claim": "Apple to release new iPhone in March", "evidence": body_neg}),
            serde_json::json!({"id": 2, "claim": "Apple to release new iPhone in March", "evidence": body_other}),
        ]
        .iter()
        .map(|v| v.to_string())
        .collect::<Vec<_>>()
        .join("\n");
        let (a, bad, _) = run(&lines);
        assert_eq!(bad, 0);
        assert_eq!(
            (a[0].stance, a[0].rule.as_str()),
            ("contradicts", "negation-flip")
        );
        assert_eq!(
            (a[1].stance, a[1].rule.as_str()),
            ("unrelated", "low-overlap")
        );
        assert!(a.iter().all(|x| (0.0..=1.0).contains(&x.score)));
    }

    #[test]
    fn bad_lines_are_reported_and_skipped() {
        let (a, bad, err) =
            run("{\"id\":1,\"claim\":\"x y\",\"evidence\":\"x y z\"}\nnot json\n{\"id\":2}\n");
        assert_eq!((a.len(), bad), (1, 2));
        assert!(
            err.contains("pairs.jsonl:2:") && err.contains("pairs.jsonl:3:"),
            "{err}"
        );
    }
}
