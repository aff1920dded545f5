//! Calibrate: fits the rule weights of the relation engine on story timelines.
//!
//! Takes: a folder of story timelines in the development-set format
//! (`stories/<story>/<article>.txt` and `gold/<story>.json` with gold claims,
//! links and must-not links), the current [`RuleSet`] and lexicon. Gives: a
//! [`Report`] with cross-validated figures (folds by story: weights fitted
//! without a story judge that story) and the weights fitted on all stories,
//! which [`rewrite_weights`] writes into a rule file's `weight = ` and bias
//! lines. The model is the engine's own: stage 1 is a logistic regression
//! over the inputs of the `link` rules, stage 2 one over the `contradicts`
//! (+) and `supports` (−) rules; vetoes, conditions and rules marked
//! `fit = false` are not fitted (such a rule still takes part in the fit as an
//! input, but keeps the weight written in the file).

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

use crate::lexicon::Lexicon;
use crate::relate::{ClaimView, PairFeatures, Relater};
use crate::rules::{Relation, RuleSet};

/// One judged pair with what the gold says about it.
#[derive(Debug, Clone)]
pub struct Example {
    pub story: usize,
    pub pf: PairFeatures,
    /// Gold links this pair would find, with their relation (index into the story's gold links).
    pub gold: Vec<(usize, Relation)>,
    /// The pair matches a must-not link.
    pub must_not: bool,
    /// Both claims match gold claims: the gold says whether they link (else it is silent).
    pub known: bool,
    pub older_text: String,
    pub newer_text: String,
    /// Claim ids of the pair in the story's database (for diagnosis).
    pub older_id: i64,
    pub newer_id: i64,
    /// A pair of the background (real news taken to hold no links), with its fold seed
    /// (the evidence's article): it trains stage 1 as a negative and measures how often
    /// the engine links what it should not.
    pub background: Option<usize>,
}

/// A story's examples and its number of gold links.
#[derive(Debug, Clone)]
pub struct Story {
    pub name: String,
    pub gold_links: usize,
}

/// Normalises text the way the story scorer matches it: case-folded, quotation
/// marks and apostrophes dropped, dashes unified, whitespace collapsed.
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let piece: String = match c {
            '"' | '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{ab}' | '\u{bb}'
            | '\'' | '`' | '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{ad}'
            | '\u{200b}' | '\u{feff}' => continue,
            '\u{2010}'..='\u{2015}' | '\u{2212}' => "-".into(),
            '\u{2026}' => "...".into(),
            c if c.is_whitespace() => " ".into(),
            c => c.to_lowercase().collect(),
        };
        for p in piece.chars() {
            if p == ' ' && (out.is_empty() || out.ends_with(' ')) {
                continue;
            }
            out.push(p);
        }
    }
    out.trim_end().to_string()
}

fn texts(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![norm(s)],
        Value::Array(a) => a.iter().filter_map(Value::as_str).map(norm).collect(),
        _ => Vec::new(),
    }
}

/// Does a stored claim (article file name, normalised text) match a gold claim reference?
fn matches(g: &Value, claims: &HashMap<String, Value>, article: &str, text: &str) -> bool {
    let (art, want) = match g {
        Value::String(id) => match claims.get(id) {
            Some(c) => (
                c.get("article").and_then(Value::as_str).unwrap_or(""),
                texts(c.get("text").unwrap_or(&Value::Null)),
            ),
            None => return false,
        },
        Value::Object(_) => (
            g.get("article").and_then(Value::as_str).unwrap_or(""),
            texts(g.get("text").unwrap_or(&Value::Null)),
        ),
        _ => return false,
    };
    art == article && !want.is_empty() && want.iter().all(|w| text.contains(w.as_str()))
}

fn relation_of(v: Option<&Value>) -> Option<Relation> {
    match v.and_then(Value::as_str) {
        Some("supports") => Some(Relation::Supports),
        Some("contradicts") => Some(Relation::Contradicts),
        _ => None,
    }
}

fn file_name(p: &str) -> String {
    Path::new(p)
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.to_string())
}

/// Ingests every story (articles in the gold file's order, which is time
/// order) into a fresh in-memory database and labels every pair the linker
/// would judge.
pub fn load_stories(
    dir: &Path,
    rules: &RuleSet,
    lex: &Lexicon,
) -> Result<(Vec<Story>, Vec<Example>), String> {
    let gold_dir = dir.join("gold");
    let mut names: Vec<String> = std::fs::read_dir(&gold_dir)
        .map_err(|e| {
            format!(
                "{}: {e} (expected a stories folder with gold/ and stories/)",
                gold_dir.display()
            )
        })?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .map(|n| n.trim_end_matches(".json").to_string())
        .collect();
    names.sort();
    let rel = Relater::new(rules, lex);
    let mut stories = Vec::new();
    let mut examples = Vec::new();
    for (si, name) in names.iter().enumerate() {
        let gp = gold_dir.join(format!("{name}.json"));
        let gold: Value = std::fs::read_to_string(&gp)
            .map_err(|e| format!("{}: {e}", gp.display()))
            .and_then(|t| serde_json::from_str(&t).map_err(|e| format!("{}: {e}", gp.display())))?;
        let mut store = crate::store::Store::open(":memory:").map_err(|e| e.to_string())?;
        let arts: Vec<String> = gold
            .get("articles")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        for a in &arts {
            let p = dir.join("stories").join(name).join(a);
            let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
            let art = crate::read::parse_text(a, text).map_err(|e| e.to_string())?;
            store.ingest(&art, lex, rules).map_err(|e| e.to_string())?;
        }
        let rows = store.all_pairs().map_err(|e| e.to_string())?;
        let claims: HashMap<String, Value> = gold
            .get("claims")
            .and_then(Value::as_array)
            .map(|cs| {
                cs.iter()
                    .filter_map(|c| Some((c.get("id")?.as_str()?.to_string(), c.clone())))
                    .collect()
            })
            .unwrap_or_default();
        let links: Vec<&Value> = gold
            .get("links")
            .and_then(Value::as_array)
            .map(|l| l.iter().collect())
            .unwrap_or_default();
        let must_not: Vec<&Value> = gold
            .get("must_not_links")
            .and_then(Value::as_array)
            .map(|l| l.iter().collect())
            .unwrap_or_default();
        let mut views: HashMap<i64, ClaimView> = HashMap::new();
        for r in &rows {
            for c in [&r.older, &r.newer] {
                views.entry(c.id).or_insert_with(|| rel.view(c.clone()));
            }
        }
        store
            .weigh_views(&mut views.values_mut().collect::<Vec<_>>())
            .map_err(|e| e.to_string())?;
        let pairs: Vec<(&ClaimView, &ClaimView, i64)> = rows
            .iter()
            .filter_map(|r| Some((views.get(&r.older.id)?, views.get(&r.newer.id)?, r.group)))
            .collect();
        let pfs = rel.features_all(&pairs);
        for (r, pf) in rows.iter().zip(pfs) {
            let (oa, na) = (file_name(&r.older_article), file_name(&r.newer_article));
            let (ot, nt) = (norm(&r.older.text), norm(&r.newer.text));
            let mut g = Vec::new();
            for (li, l) in links.iter().enumerate() {
                let (Some(c), Some(e)) = (l.get("claim"), l.get("evidence")) else {
                    continue;
                };
                if matches(c, &claims, &oa, &ot) && matches(e, &claims, &na, &nt) {
                    if let Some(rel) = relation_of(l.get("relation")) {
                        g.push((li, rel));
                    }
                }
            }
            let mn = must_not.iter().any(|m| {
                let (Some(a), Some(b)) = (m.get("a"), m.get("b")) else {
                    return false;
                };
                (matches(a, &claims, &oa, &ot) && matches(b, &claims, &na, &nt))
                    || (matches(b, &claims, &oa, &ot) && matches(a, &claims, &na, &nt))
            });
            let is_gold = |article: &str, text: &str| {
                claims
                    .keys()
                    .any(|id| matches(&Value::String(id.clone()), &claims, article, text))
            };
            let known = is_gold(&oa, &ot) && is_gold(&na, &nt);
            examples.push(Example {
                story: si,
                pf,
                gold: g,
                must_not: mn,
                known,
                older_text: r.older.text.clone(),
                newer_text: r.newer.text.clone(),
                older_id: r.older.id,
                newer_id: r.newer.id,
                background: None,
            });
        }
        stories.push(Story {
            name: name.clone(),
            gold_links: links.len(),
        });
    }
    Ok((stories, examples))
}

/// Ingests a folder of real news (e.g. PolNeAR's training articles) into a fresh
/// in-memory database, the way `ingest` does, and returns every pair the linker judged
/// as a background example: real news holds few links among the pairs a linker meets
/// (most share a word or a name and nothing else), so they teach stage 1 what does not
/// bear on a claim. Unreadable files are skipped with a warning on the error list.
pub fn load_background(
    dir: &Path,
    rules: &RuleSet,
    lex: &Lexicon,
) -> Result<(Vec<Example>, Vec<String>), String> {
    let mut store = crate::store::Store::open(":memory:").map_err(|e| e.to_string())?;
    store.record_judged();
    if !dir.is_dir() {
        return Err(format!(
            "{}: no such folder (expected a folder of articles)",
            dir.display()
        ));
    }
    // The folder is read as `ingest` reads one: recursively, every known format.
    let mut warnings = Vec::new();
    for input in crate::read::expand(&[dir.as_os_str()]) {
        let input = match input {
            Ok(i) => i,
            Err(e) => {
                warnings.push(e.to_string());
                continue;
            }
        };
        let done: Result<(), std::convert::Infallible> =
            crate::read::for_each_article(&input, |art| {
                match art {
                    Ok(art) => {
                        if let Err(e) = store.ingest(&art, lex, rules) {
                            warnings.push(format!("{}: {e}", input.display));
                        }
                    }
                    Err(e) => warnings.push(e.to_string()),
                }
                Ok(())
            });
        let Ok(()) = done;
    }
    let ex = store
        .take_judged()
        .into_iter()
        .map(|j| Example {
            story: usize::MAX,
            pf: j.features,
            gold: Vec::new(),
            must_not: false,
            known: false,
            older_text: j.older_text,
            newer_text: j.newer_text,
            older_id: j.older_id,
            newer_id: j.newer_id,
            background: Some(j.newer_article.max(0) as usize),
        })
        .collect();
    Ok((ex, warnings))
}

/// Inputs of the rules of one stage, in rule-file order: `link` rules for
/// stage 1; `contradicts` (+) and `supports` (−) rules for stage 2.
fn inputs(rules: &RuleSet, pf: &PairFeatures, stage: u8) -> Vec<f64> {
    rules
        .rules
        .iter()
        .filter_map(|r| match (stage, r.relation) {
            (1, Relation::Link) => Some(r.input(|f| pf.get(f))),
            (2, Relation::Contradicts) => Some(r.input(|f| pf.get(f))),
            (2, Relation::Supports) => Some(-r.input(|f| pf.get(f))),
            _ => None,
        })
        .collect()
}

fn vetoed(rules: &RuleSet, pf: &PairFeatures) -> bool {
    rules
        .rules
        .iter()
        .any(|r| r.relation == Relation::None && r.input(|f| pf.get(f)) != 0.0)
}

/// L2-regularised logistic regression by Newton's method (the bias is not
/// penalised): (bias, weights). Few inputs, so each step solves the exact system.
pub fn fit_logistic(x: &[Vec<f64>], y: &[f64], l2: f64) -> (f64, Vec<f64>) {
    fit_logistic_weighted(x, y, &vec![1.0; y.len()], l2)
}

/// [`fit_logistic`] with a weight per example (how much its label counts).
pub fn fit_logistic_weighted(x: &[Vec<f64>], y: &[f64], sw: &[f64], l2: f64) -> (f64, Vec<f64>) {
    let d = x.first().map_or(0, Vec::len) + 1;
    // Parameter 0 is the bias.
    let mut w = vec![0.0; d];
    let row = |xi: &[f64]| -> Vec<f64> { std::iter::once(1.0).chain(xi.iter().copied()).collect() };
    for _ in 0..50 {
        let mut g = vec![0.0; d];
        let mut h = vec![vec![0.0; d]; d];
        for ((xi, yi), wi) in x.iter().zip(y).zip(sw) {
            let r = row(xi);
            let z: f64 = r.iter().zip(&w).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let s = (p * (1.0 - p)).max(1e-9) * wi;
            for ((gj, hj), rj) in g.iter_mut().zip(h.iter_mut()).zip(&r) {
                *gj += (p - yi) * rj * wi;
                for (hjk, rk) in hj.iter_mut().zip(&r) {
                    *hjk += s * rj * rk;
                }
            }
        }
        // The bias is not penalised.
        let params = g.iter_mut().zip(h.iter_mut()).zip(&w).enumerate();
        for (j, ((gj, hj), wj)) in params.skip(1) {
            *gj += l2 * wj;
            if let Some(hjj) = hj.get_mut(j) {
                *hjj += l2;
            }
        }
        if let Some(h00) = h.first_mut().and_then(|row| row.first_mut()) {
            *h00 += 1e-6;
        }
        let Some(step) = solve(h, g) else { break };
        let mut change = 0.0f64;
        for (wj, sj) in w.iter_mut().zip(&step) {
            *wj -= sj;
            change = change.max(sj.abs());
        }
        if change < 1e-8 {
            break;
        }
    }
    match w.split_first() {
        Some((&bias, weights)) => (bias, weights.to_vec()),
        None => (0.0, Vec::new()),
    }
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting (`None` if singular,
/// or if `a` is not a square matrix of `b`'s size).
// Every index below is < n, and `a` is n by n, `b` of length n (checked first).
#[allow(clippy::indexing_slicing)]
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    if a.len() != n || a.iter().any(|row| row.len() != n) {
        return None;
    }
    for c in 0..n {
        let p = (c..n).max_by(|&i, &j| {
            a[i][c]
                .abs()
                .partial_cmp(&a[j][c].abs())
                .unwrap_or(std::cmp::Ordering::Equal)
        })?;
        if a[p][c].abs() < 1e-12 {
            return None;
        }
        a.swap(c, p);
        b.swap(c, p);
        let pivot = a[c].clone();
        for r in c + 1..n {
            let f = a[r][c] / pivot[c];
            for (x, p) in a[r].iter_mut().zip(&pivot).skip(c) {
                *x -= f * p;
            }
            b[r] -= f * b[c];
        }
    }
    let mut x = vec![0.0; n];
    for r in (0..n).rev() {
        let s: f64 = (r + 1..n).map(|k| a[r][k] * x[k]).sum();
        x[r] = (b[r] - s) / a[r][r];
    }
    Some(x)
}

/// Weights of both stages, in the order of [`inputs`].
#[derive(Debug, Clone)]
pub struct Fitted {
    pub link_bias: f64,
    pub link: Vec<f64>,
    pub contradiction_bias: f64,
    pub relation: Vec<f64>,
}

/// Background pairs whose shorter side the other says at least this much (`rel_short`)
/// are left out of the fit (see [`fit`]).
pub const BACKGROUND_MAX_OVERLAP: f64 = 0.6;

/// Fits both stages. `unlisted` is how much a pair the gold is silent on (one of its claims
/// is no gold claim, e.g. a lead paragraph re-telling a gold claim) counts as a negative of
/// stage 1, against 1 for a pair of two gold claims that the gold does not link;
/// `background` how much a background pair (real news, [`load_background`]) counts.
pub fn fit(
    rules: &RuleSet,
    ex: &[&Example],
    l2: f64,
    (unlisted, background): (f64, f64),
) -> Fitted {
    let mut x1 = Vec::new();
    let mut y1 = Vec::new();
    let mut w1 = Vec::new();
    let mut x2 = Vec::new();
    let mut y2 = Vec::new();
    for e in ex {
        // Stage 1 learns from every pair the linker would judge: a pair the gold does not
        // link is a negative, as most such pairs are in real news; one it is silent on
        // counts `unlisted` (it may well be related: the gold lists only its own claims).
        if vetoed(rules, &e.pf) {
            continue;
        }
        // A background pair that says most of the same words is as likely one fact told
        // twice (a real link) as not: the background teaches only what a weak or partial
        // overlap is worth.
        if e.background.is_some() && e.pf.get("rel_short") >= BACKGROUND_MAX_OVERLAP {
            continue;
        }
        x1.push(inputs(rules, &e.pf, 1));
        y1.push(if e.gold.is_empty() { 0.0 } else { 1.0 });
        w1.push(if e.background.is_some() {
            background
        } else if e.known || !e.gold.is_empty() {
            1.0
        } else {
            unlisted
        });
        if let Some((_, r)) = e.gold.first() {
            x2.push(inputs(rules, &e.pf, 2));
            y2.push(if *r == Relation::Contradicts {
                1.0
            } else {
                0.0
            });
        }
    }
    let (b1, w1) = fit_logistic_weighted(&x1, &y1, &w1, l2);
    let (b2, w2) = fit_logistic(&x2, &y2, l2);
    Fitted {
        link_bias: b1,
        link: w1,
        contradiction_bias: b2,
        relation: w2,
    }
}

/// The rule set with fitted weights.
pub fn apply(rules: &RuleSet, f: &Fitted) -> RuleSet {
    let mut out = rules.clone();
    out.settings.link_bias = f.link_bias;
    out.settings.contradiction_bias = f.contradiction_bias;
    let (mut i1, mut i2) = (0, 0);
    for r in out.rules.iter_mut() {
        match r.relation {
            Relation::Link => {
                if r.fit {
                    r.weight = f.link.get(i1).copied().unwrap_or(r.weight);
                }
                i1 += 1;
            }
            Relation::Contradicts | Relation::Supports => {
                if r.fit {
                    r.weight = f.relation.get(i2).copied().unwrap_or(r.weight);
                }
                i2 += 1;
            }
            Relation::None => {}
        }
    }
    out
}

/// Link figures of predictions on a set of examples.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    pub gold_links: usize,
    pub found: usize,
    /// Links made on a gold pair with the wrong relation, or on a must-not pair.
    pub wrong: usize,
    /// Links made on pairs the gold says nothing about.
    pub other: usize,
    pub right_made: usize,
    /// The wrong links, described for diagnosis ("contradicts, gold supports: A => B").
    pub wrong_pairs: Vec<String>,
    /// Background pairs judged, and linked (links in real news that should mostly not be).
    pub background_pairs: usize,
    pub background_links: usize,
}

impl Figures {
    pub fn recall(&self) -> f64 {
        self.found as f64 / self.gold_links.max(1) as f64
    }
    /// As the story scorer counts it: links on pairs the gold says nothing about are neutral.
    pub fn precision(&self) -> f64 {
        let n = self.right_made + self.wrong;
        if n == 0 {
            0.0
        } else {
            self.right_made as f64 / n as f64
        }
    }
    /// Every link the gold does not list counts as wrong.
    pub fn strict_precision(&self) -> f64 {
        let n = self.right_made + self.wrong + self.other;
        if n == 0 {
            0.0
        } else {
            self.right_made as f64 / n as f64
        }
    }
}

/// Judges examples with a rule set and counts as the story scorer does.
pub fn evaluate(rules: &RuleSet, lex: &Lexicon, ex: &[&Example], gold_links: usize) -> Figures {
    let rel = Relater::new(rules, lex);
    let mut f = Figures {
        gold_links,
        ..Default::default()
    };
    let mut found: std::collections::HashSet<(usize, usize)> = Default::default();
    for e in ex {
        if e.background.is_some() {
            f.background_pairs += 1;
        }
        let sc = rel.scores(&e.pf);
        let p = 1.0 / (1.0 + (-sc.link).exp());
        if sc.veto || p < rules.settings.link_threshold {
            continue;
        }
        let pc = 1.0 / (1.0 + (-sc.contradiction).exp());
        if (pc - 0.5).abs() < rules.settings.relation_margin {
            continue;
        }
        let r = if sc.contradiction >= 0.0 {
            Relation::Contradicts
        } else {
            Relation::Supports
        };
        // As the engine: a relation no rule pushed towards is no finding.
        let pushed = rules.rules.iter().any(|x| {
            let v = x.weight * x.input(|f| e.pf.get(f));
            match (x.relation, r) {
                (Relation::Contradicts, Relation::Contradicts)
                | (Relation::Supports, Relation::Supports) => v > 0.0,
                (Relation::Contradicts, Relation::Supports)
                | (Relation::Supports, Relation::Contradicts) => v < 0.0,
                _ => false,
            }
        });
        if !pushed {
            continue;
        }
        if e.background.is_some() {
            f.background_links += 1;
            continue;
        }
        let right: Vec<usize> = e.gold.iter().filter(|g| g.1 == r).map(|g| g.0).collect();
        if !right.is_empty() {
            f.right_made += 1;
            for g in right {
                found.insert((e.story, g));
            }
        } else if !e.gold.is_empty() || e.must_not {
            f.wrong += 1;
            let gold = match e.gold.first() {
                Some((_, g)) => format!("gold {}", g.as_str()),
                None => "a must-not pair".to_string(),
            };
            f.wrong_pairs.push(format!(
                "{}, {gold}: {} => {}",
                r.as_str(),
                crate::text::prefix_chars(&e.older_text, 90),
                crate::text::prefix_chars(&e.newer_text, 90)
            ));
        } else {
            f.other += 1;
        }
    }
    f.found = found.len();
    f
}

/// Cross-validated figures by story fold, and weights fitted on all stories.
pub struct Report {
    /// Cross-validated figures at other link thresholds (threshold, figures).
    pub sweep: Vec<(f64, Figures)>,
    /// Pairs that would find a gold link (stage-1 positives).
    pub positives: usize,
    pub folds: Vec<(Vec<String>, Figures)>,
    pub total: Figures,
    pub fitted: Fitted,
    pub fold_rules: Vec<(Vec<String>, RuleSet)>,
}

pub fn cross_validate(
    rules: &RuleSet,
    lex: &Lexicon,
    stories: &[Story],
    ex: &[Example],
    k: usize,
    l2: f64,
    weights: (f64, f64),
) -> Report {
    let k = k.clamp(2, stories.len().max(2));
    let mut folds = Vec::new();
    let mut fold_rules = Vec::new();
    let mut total = Figures::default();
    let thresholds = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
    let mut sweep: Vec<(f64, Figures)> = thresholds
        .iter()
        .map(|&t| (t, Figures::default()))
        .collect();
    for fold in 0..k {
        let held: Vec<usize> = (0..stories.len()).filter(|s| s % k == fold).collect();
        let held_stories = || stories.iter().enumerate().filter(|(s, _)| s % k == fold);
        // A background pair is held out with its evidence's article.
        let is_held = |e: &Example| match e.background {
            Some(b) => b % k == fold,
            None => held.contains(&e.story),
        };
        let train: Vec<&Example> = ex.iter().filter(|e| !is_held(e)).collect();
        let test: Vec<&Example> = ex.iter().filter(|e| is_held(e)).collect();
        let fitted = apply(rules, &fit(rules, &train, l2, weights));
        let gold: usize = held_stories().map(|(_, s)| s.gold_links).sum();
        let fig = evaluate(&fitted, lex, &test, gold);
        for (t, acc) in sweep.iter_mut() {
            let mut at = fitted.clone();
            at.settings.link_threshold = *t;
            let f = evaluate(&at, lex, &test, gold);
            acc.gold_links += f.gold_links;
            acc.found += f.found;
            acc.wrong += f.wrong;
            acc.other += f.other;
            acc.right_made += f.right_made;
            acc.background_pairs += f.background_pairs;
            acc.background_links += f.background_links;
        }
        total.gold_links += fig.gold_links;
        total.found += fig.found;
        total.wrong += fig.wrong;
        total.other += fig.other;
        total.right_made += fig.right_made;
        total.background_pairs += fig.background_pairs;
        total.background_links += fig.background_links;
        let names: Vec<String> = held_stories().map(|(_, s)| s.name.clone()).collect();
        folds.push((names.clone(), fig));
        fold_rules.push((names, fitted));
    }
    let all: Vec<&Example> = ex.iter().collect();
    Report {
        sweep,
        positives: ex.iter().filter(|e| !e.gold.is_empty()).count(),
        folds,
        total,
        fitted: fit(rules, &all, l2, weights),
        fold_rules,
    }
}

/// Rewrites the `weight = ` lines of the fitted rules and the two bias lines
/// of a rule file's text, leaving everything else (comments, vetoes, conditions) as written.
pub fn rewrite_weights(text: &str, fitted: &RuleSet) -> String {
    let mut out = String::with_capacity(text.len());
    let mut current: Option<String> = None;
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("[[rule]]") || (t.starts_with('[') && !t.starts_with("[[rule]]")) {
            current = None;
        }
        if let Some(rest) = t.strip_prefix("name") {
            if let Some(v) = rest.trim_start().strip_prefix('=') {
                current = Some(v.trim().trim_matches('"').to_string());
            }
        }
        let key = t.split('=').next().unwrap_or("").trim();
        let rule = current
            .as_ref()
            .and_then(|n| fitted.rules.iter().find(|r| &r.name == n));
        let replaced = match (key, rule) {
            ("weight", Some(r)) if r.relation != Relation::None && r.fit => {
                Some(format!("weight = {:.3}", r.weight))
            }
            ("link_bias", None) => Some(format!("link_bias = {:.3}", fitted.settings.link_bias)),
            ("contradiction_bias", None) => Some(format!(
                "contradiction_bias = {:.3}",
                fitted.settings.contradiction_bias
            )),
            _ => None,
        };
        match replaced {
            Some(l) => out.push_str(&l),
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solve_answers_square_systems_only() {
        let a = vec![vec![0.0, 2.0], vec![4.0, 0.0]];
        assert_eq!(solve(a, vec![6.0, 8.0]), Some(vec![2.0, 3.0]));
        assert_eq!(solve(vec![vec![1.0, 0.0]], vec![1.0, 2.0]), None);
        assert_eq!(solve(vec![vec![1.0], vec![0.0, 1.0]], vec![1.0, 2.0]), None);
        assert_eq!(solve(vec![vec![0.0]], vec![1.0]), None);
    }

    #[test]
    fn logistic_fit_separates_a_simple_case() {
        let x = vec![vec![0.0], vec![0.1], vec![0.9], vec![1.0]];
        let y = vec![0.0, 0.0, 1.0, 1.0];
        let (b, w) = fit_logistic(&x, &y, 0.01);
        assert!(w[0] > 2.0 && b < 0.0, "{b} {w:?}");
    }

    #[test]
    fn weights_are_rewritten_in_place() {
        let rs = RuleSet::builtin().unwrap();
        let mut f = rs.clone();
        f.settings.link_bias = -2.5;
        for r in f.rules.iter_mut() {
            if r.name == "polarity-flip" {
                r.weight = 3.25;
            }
        }
        let t = rewrite_weights(crate::rules::BUILTIN, &f);
        let back = RuleSet::from_text("x.toml", &t).unwrap();
        assert_eq!(back.settings.link_bias, -2.5);
        let pf = back
            .rules
            .iter()
            .find(|r| r.name == "polarity-flip")
            .unwrap();
        assert_eq!(pf.weight, 3.25);
        assert_eq!(back.rules.len(), rs.rules.len());
        assert!(t.contains("# ---- vetoes"));
    }

    fn example(pf: PairFeatures, gold: bool, background: Option<usize>) -> Example {
        Example {
            story: if background.is_some() { usize::MAX } else { 0 },
            pf,
            gold: if gold {
                vec![(0, Relation::Supports)]
            } else {
                Vec::new()
            },
            must_not: false,
            known: true,
            older_text: String::new(),
            newer_text: String::new(),
            older_id: 1,
            newer_id: 2,
            background,
        }
    }

    fn features(rel_claim: f64, rel_short: f64) -> PairFeatures {
        let mut pf = PairFeatures::default();
        pf.set("rel_claim", rel_claim);
        pf.set("rel_short", rel_short);
        // One story: no veto applies.
        pf.set("story_share", 1.0);
        pf
    }

    #[test]
    fn background_pairs_are_negatives_unless_they_say_the_same_words() {
        let rs = RuleSet::builtin().unwrap();
        let story = [
            example(features(0.8, 0.8), true, None),
            example(features(0.1, 0.1), false, None),
        ];
        // Background pairs with a middling overlap: the fit must learn that this is no link.
        let weak: Vec<Example> = (0..40)
            .map(|i| example(features(0.5, 0.5), false, Some(i)))
            .collect();
        let with_weak: Vec<&Example> = story.iter().chain(weak.iter()).collect();
        let without: Vec<&Example> = story.iter().collect();
        let lex = Lexicon::builtin().unwrap();
        let w = |ex: &[&Example]| {
            let f = apply(&rs, &fit(&rs, ex, 1.0, (1.0, 1.0)));
            let rel = Relater::new(&f, &lex);
            1.0 / (1.0 + (-rel.scores(&features(0.5, 0.5)).link).exp())
        };
        assert!(
            w(&with_weak) < w(&without),
            "{} {}",
            w(&with_weak),
            w(&without)
        );
        // Background pairs that say most of the same words are left out of the fit.
        let strong: Vec<Example> = (0..40)
            .map(|i| example(features(0.9, 0.9), false, Some(i)))
            .collect();
        let with_strong: Vec<&Example> = story.iter().chain(strong.iter()).collect();
        assert!((w(&with_strong) - w(&without)).abs() < 1e-9);
        // Evaluation counts the background's links apart from the story's.
        let f = evaluate(&rs, &lex, &with_strong, 1);
        assert_eq!(f.background_pairs, 40);
        assert!(f.background_links <= 40 && f.found <= 1);
    }

    #[test]
    fn scorer_normalisation() {
        assert_eq!(norm("“It’s  caught —\u{a0}early”"), "its caught - early");
    }
}
