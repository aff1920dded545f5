//! Check: stance of evidence toward a claim the user types.
//!
//! Takes: a claim text and either the stored claims (`check "CLAIM"`) or,
//! in batch mode, claim/evidence pairs whose evidence is a whole article body.
//! Gives: ranked [`CheckHit`]s, or one [`BatchAnswer`] per pair with a stance
//! (`supports`, `contradicts`, `discusses`, `unrelated`), a score and the rule
//! that decided. Batch mode finds the sentences of the body that bear on the
//! claim (IDF-weighted term coverage, IDF from the batch's own bodies), then
//! reads refuting, hedging and negation cues in and around them.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, Write};

use serde::{Deserialize, Serialize};

use crate::lexicon::{find_phrase, Lexicon};
use crate::link::{self, Linkable};
use crate::normalise::{lower_words, polarity_modality, term_of};
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

/// Ranks stored claims against a typed claim.
pub fn check_claim(
    conn: &rusqlite::Connection,
    claim: &str,
    lex: &Lexicon,
    rules: &RuleSet,
) -> Result<Vec<CheckHit>, crate::error::StoreError> {
    let (p, m) = polarity_modality(claim, "assert", lex);
    let user = Linkable::new(
        0,
        "(user)".into(),
        "the claim".into(),
        false,
        claim,
        p == crate::model::Polarity::Negative,
        m == crate::model::Modality::Hedged,
        "assert",
        lex,
    );
    let mut hits = Vec::new();
    for (id, cand) in crate::store::candidates_for_text(conn, claim, lex)? {
        let pf = link::pair_features(&user, &cand, rules, lex);
        if !link::same_topic(&pf, &user, &cand, rules) {
            continue;
        }
        let overlap = pf.overlap;
        let (relation, score, rule, explanation) =
            match link::judge(&user, &cand, pf, rules, lex, false) {
                Some(d) => (
                    d.relation.as_str().to_string(),
                    d.score,
                    d.rules.join("+"),
                    d.explanation,
                ),
                None => (
                    "discusses".to_string(),
                    (overlap * 0.5 * 1000.0).round() / 1000.0,
                    "topic-overlap".to_string(),
                    format!(
                        "{} discusses the same subject without taking a side.",
                        cand.source_name
                    ),
                ),
            };
        let date: Option<String> = conn
            .query_row("SELECT a.published_at FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.id = ?1", [id], |r| r.get(0))
            .unwrap_or(None);
        hits.push(CheckHit {
            claim_id: id,
            relation,
            score,
            source: cand.source_name.clone(),
            date,
            text: cand.text.clone(),
            rule,
            explanation,
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

/// A body prepared once for all the claims paired with it.
struct Body {
    /// Per sentence: key terms and lowercase words.
    sentences: Vec<(HashSet<String>, Vec<String>)>,
    terms: HashSet<String>,
    words: Vec<String>,
}

fn terms_of(words: &[String], lex: &Lexicon) -> HashSet<String> {
    words.iter().filter_map(|w| term_of(w, lex)).collect()
}

fn prepare(text: &str, lex: &Lexicon) -> Body {
    let seg = segment::segment(text, lex);
    let mut sentences = Vec::with_capacity(seg.sentences.len());
    let mut terms = HashSet::new();
    let mut words = Vec::new();
    for s in &seg.sentences {
        let w = lower_words(&text[s.start..s.end]);
        let t = terms_of(&w, lex);
        terms.extend(t.iter().cloned());
        words.extend(w.iter().cloned());
        sentences.push((t, w));
    }
    Body {
        sentences,
        terms,
        words,
    }
}

fn count_phrases(words: &[String], phrases: &[Vec<String>]) -> usize {
    let ws: Vec<&str> = words.iter().map(String::as_str).collect();
    phrases.iter().map(|p| find_phrase(&ws, p).len()).sum()
}

fn negated(words: &[String], lex: &Lexicon) -> bool {
    words
        .iter()
        .filter(|w| w.ends_with("n't") || lex.negations.iter().any(|n| n.len() == 1 && &n[0] == *w))
        .count()
        % 2
        == 1
}

/// Decides the stance of one prepared body toward a claim.
fn decide_pair(
    claim: &str,
    body: &Body,
    idf: &HashMap<String, f64>,
    default_idf: f64,
    lex: &Lexicon,
    rules: &RuleSet,
) -> (&'static str, f64, String) {
    let b = &rules.batch;
    let cw = lower_words(claim);
    let ct = terms_of(&cw, lex);
    let weight = |t: &String| *idf.get(t).unwrap_or(&default_idf);
    let total: f64 = ct.iter().map(weight).sum();
    if total <= 0.0 {
        return ("unrelated", 0.0, "no-key-terms".into());
    }
    let mut scored: Vec<(f64, usize)> = body
        .sentences
        .iter()
        .enumerate()
        .map(|(i, (t, _))| {
            (
                ct.iter()
                    .filter(|x| t.contains(*x))
                    .map(weight)
                    .sum::<f64>()
                    / total,
                i,
            )
        })
        .collect();
    scored.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal));
    let best = scored.first().map(|s| s.0).unwrap_or(0.0);
    let body_cov: f64 = ct
        .iter()
        .filter(|x| body.terms.contains(*x))
        .map(weight)
        .sum::<f64>()
        / total;
    let related = 0.7 * best + 0.3 * body_cov;
    if related < b.related_threshold {
        return ("unrelated", round(related), "low-overlap".into());
    }
    let top: Vec<usize> = scored
        .iter()
        .take(b.top_sentences)
        .filter(|s| s.0 > 0.0)
        .map(|s| s.1)
        .collect();
    let mut top_words: Vec<String> = Vec::new();
    for &i in &top {
        top_words.extend(body.sentences[i].1.iter().cloned());
    }
    let refute_top = count_phrases(&top_words, &lex.stance_refute) as f64;
    let refute_all = count_phrases(&body.words, &lex.stance_refute) as f64;
    let hedge_top = count_phrases(&top_words, &lex.stance_hedge) as f64;
    let hedge_all = count_phrases(&body.words, &lex.stance_hedge) as f64;
    let claim_neg = negated(&cw, lex);
    let flip = top
        .first()
        .is_some_and(|&i| negated(&body.sentences[i].1, lex) != claim_neg)
        && best >= 0.5;
    let refute = refute_top + 0.2 * (refute_all - refute_top) + if flip { 0.5 } else { 0.0 };
    let hedge = hedge_top + 0.1 * (hedge_all - hedge_top);
    if refute >= b.refute_threshold {
        return (
            "contradicts",
            round(refute.min(3.0) / 3.0),
            if flip {
                "negation-flip+refuting-cues".into()
            } else {
                "refuting-cues".into()
            },
        );
    }
    if hedge >= b.hedge_threshold || best < b.support_coverage {
        return (
            "discusses",
            round(related),
            if hedge >= b.hedge_threshold {
                "hedging-cues".into()
            } else {
                "partial-overlap".into()
            },
        );
    }
    ("supports", round(best), "sentence-agreement".into())
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
    // Distinct bodies, prepared once; IDF over them.
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut bodies: Vec<&str> = Vec::new();
    for p in &pairs {
        index.entry(p.evidence.as_str()).or_insert_with(|| {
            bodies.push(p.evidence.as_str());
            bodies.len() - 1
        });
    }
    let prepared: Vec<Body> = parallel_map(&bodies, |t| prepare(t, lex));
    let mut df: HashMap<String, f64> = HashMap::new();
    for b in &prepared {
        for t in &b.terms {
            *df.entry(t.clone()).or_insert(0.0) += 1.0;
        }
    }
    let n = prepared.len() as f64;
    let idf: HashMap<String, f64> = df
        .into_iter()
        .map(|(t, d)| (t, ((n + 1.0) / (d + 1.0)).ln() + 1.0))
        .collect();
    let default_idf = ((n + 1.0) / 1.0).ln() + 1.0;
    let answers: Vec<BatchAnswer> = parallel_map(&pairs, |p| {
        let body = &prepared[index[p.evidence.as_str()]];
        let (stance, score, rule) = decide_pair(&p.claim, body, &idf, default_idf, lex, rules);
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
            .flat_map(|h| h.join().unwrap_or_default())
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
