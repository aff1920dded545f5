//! Link: the linking driver of ingest. Which stored claims a new claim is
//! compared with, which pairs are judged and in which time order.
//!
//! Takes: the ids of an article's new claims (already stored, in the open
//! transaction), the rule file and the lexicon. Gives: links and refreshed
//! verdicts, written through the store's functions (all SQL stays in
//! [`crate::store`]). Steps:
//! 1. build each new claim's [`ClaimView`] (the views of stored claims are
//!    cached per process), index its terms, and rank its candidates: stored
//!    claims sharing its rarest index terms, within a budget of postings, the
//!    `candidates_k` best ([`ranked_candidates`]);
//! 2. weigh the words of each view built now by their rarity among stored
//!    claims (a cached view keeps the weights it was given when built);
//! 3. mark a new claim that repeats an earlier claim of the same source from
//!    an earlier article as its restatement (it shares that verdict);
//! 4. order each pair in time ([`earlier`]), drop nested ones ([`judgeable`]),
//!    and judge them all with the relation engine, rivals grouped by evidence article
//!    (a store that records, for calibration's background, keeps every judged pair
//!    with its features: [`JudgedPair`]);
//! 5. store every link and refresh the verdicts it touches.

use std::collections::{BTreeSet, HashMap, HashSet};

use rusqlite::{Connection, Transaction};

use crate::error::StoreError;
use crate::lexicon::Lexicon;
use crate::relate::{ClaimInput, ClaimView, Relater};
use crate::rules::RuleSet;
use crate::store::{self, TermCounts};
use crate::text::date_part;

/// At most this many cached claim views; the cache starts over beyond it.
/// A view takes a few kilobytes, so this bounds ingest memory (about 100 MB
/// of views) whatever the size of the input; 200,000 let a long ingest reach
/// 850 MB.
const VIEW_CACHE_MAX: usize = 20_000;

/// A stored claim with what ordering and linking need.
#[derive(Debug, Clone)]
pub struct StoredClaim {
    pub id: i64,
    pub article_id: i64,
    /// When the claim was made: the date the text gives it, else its article's date.
    pub date: Option<String>,
    pub article_date: Option<String>,
    pub time_rank: i64,
    pub start: i64,
    pub end: i64,
    pub source_id: i64,
    pub source_name: String,
    pub source_kind: String,
    pub text: String,
    pub polarity: String,
    pub modality: String,
    pub cue_class: String,
    pub restates: Option<i64>,
}

impl StoredClaim {
    /// What the relation engine needs besides the words; `story` are the article's story keys.
    pub fn input(&self, story: Vec<String>) -> ClaimInput {
        ClaimInput {
            id: self.id,
            article: self.article_id,
            // An unnamed source is known to be one only inside its article: "two
            // people who work at the plant" here and "people" elsewhere are not
            // the same speakers, so neither backtracks on the other.
            source_key: if self.source_kind == "unnamed" {
                format!("{}@{}", self.source_id, self.article_id)
            } else {
                self.source_id.to_string()
            },
            source_name: self.source_name.clone(),
            unnamed: self.source_kind == "unnamed",
            text: self.text.clone(),
            negative: self.polarity == "negative",
            hedged: self.modality == "hedged",
            cue_class: self.cue_class.clone(),
            recap: self.time_rank < 0,
            stage: self.time_rank,
            story_names: story,
        }
    }
}

/// Is `a` earlier than `b`, and is that order known? By date (dates are
/// stored so that text order is time order), then (inside one article) by
/// time cues and position, then by ingestion order. When claims of two
/// articles meet and one has no date, ingestion order gives the direction
/// but the order is unknown: an unknown date is neither early nor late.
pub fn earlier(a: &StoredClaim, b: &StoredClaim) -> (bool, bool) {
    if let (Some(da), Some(db)) = (&a.date, &b.date) {
        let (da10, db10) = (date_part(da), date_part(db));
        if da10 != db10 {
            return (da10 < db10, true);
        }
    }
    if a.article_id == b.article_id {
        return ((a.time_rank, a.start) < (b.time_rank, b.start), true);
    }
    match (&a.date, &b.date) {
        (Some(da), Some(db)) if da != db => (da < db, true),
        (Some(_), Some(_)) => (a.article_id < b.article_id, true),
        _ => (a.article_id < b.article_id, false),
    }
}

/// The pair (older id, newer id, order known) two stored claims make, if
/// they are to be judged at all: neither restates another claim, and one is
/// not nested in the other ("X said Y hoped Z" is one statement).
pub fn judgeable(a: &StoredClaim, b: &StoredClaim) -> Option<(i64, i64, bool)> {
    if a.restates.is_some() || b.restates.is_some() || a.id == b.id {
        return None;
    }
    let (a_first, order_known) = earlier(a, b);
    let (older, newer) = if a_first { (a, b) } else { (b, a) };
    if older.article_id == newer.article_id && older.start < newer.end && newer.start < older.end {
        return None;
    }
    Some((older.id, newer.id, order_known))
}

/// Weighs the words of views by their rarity among stored claims.
pub fn weigh_views(conn: &Connection, views: &mut [&mut ClaimView]) -> Result<(), StoreError> {
    let stems: Vec<String> = views
        .iter()
        .flat_map(|v| v.words.iter().map(|w| w.stem.clone()).collect::<Vec<_>>())
        .collect();
    let df = store::term_df(conn, stems)?;
    // Claim ids are dense: the largest is the number of claims, without counting them.
    let claims = u32::try_from(store::max_claim_id(conn)?.max(0)).unwrap_or(u32::MAX);
    for v in views.iter_mut() {
        v.weigh_by_rarity(&|s: &str| df.get(s).copied().unwrap_or(0), claims);
    }
    Ok(())
}

/// Ranks stored claims by the rare index terms they share with `terms` (each
/// term weighs its inverse document frequency; terms in more than
/// [`store::BLOCKING_MAX_DF`] claims are not used) and keeps the `k` best. A
/// candidate must share a content term, not only a story key. The cost is
/// bounded by [`store::POSTINGS_BUDGET`], whatever the database's size.
pub fn ranked_candidates(
    conn: &Connection,
    terms: &[String],
    exclude: i64,
    k: usize,
    known_df: Option<(&TermCounts, &TermCounts)>,
) -> Result<Vec<i64>, StoreError> {
    let total = store::max_claim_id(conn)?.max(1) as f64;
    // The rarest terms first, until the postings budget is spent: the cost of finding
    // candidates does not grow with the database.
    // Counts from before this article plus the claims of this article indexed so far.
    let df: HashMap<String, u32> = match known_df {
        Some((before, now)) => terms
            .iter()
            .map(|t| {
                let n = before.get(t).copied().unwrap_or(0) + now.get(t).copied().unwrap_or(0);
                (t.clone(), n)
            })
            .collect(),
        None => store::term_df(conn, terms.iter().cloned())?,
    };
    let mut by_rarity: Vec<(&String, u32)> = terms
        .iter()
        .filter_map(|t| df.get(t).map(|&n| (t, n)))
        .filter(|&(_, n)| n > 0 && i64::from(n) <= store::BLOCKING_MAX_DF)
        .collect();
    by_rarity.sort_by_key(|&(t, n)| (n, t.clone()));
    let mut score: HashMap<i64, (f64, bool)> = HashMap::new();
    let mut spent: u32 = 0;
    for (t, n) in by_rarity {
        if spent + n > store::POSTINGS_BUDGET {
            break;
        }
        spent += n;
        let idf = (total / f64::from(n)).ln().max(0.1);
        let content = !t.starts_with('@');
        for c in store::postings(conn, t)? {
            if c == exclude {
                continue;
            }
            let e = score.entry(c).or_insert((0.0, false));
            e.0 += idf;
            e.1 |= content;
        }
    }
    let mut ranked: Vec<(f64, i64)> = score
        .into_iter()
        .filter(|(_, (_, content))| *content)
        .map(|(c, (s, _))| (s, c))
        .collect();
    ranked.sort_by(|a, b| {
        b.0.partial_cmp(&a.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.1.cmp(&b.1))
    });
    Ok(ranked.into_iter().take(k).map(|(_, c)| c).collect())
}

/// A pair the linker judged during ingest, kept when the store records them
/// ([`crate::store::Store::record_judged`]): calibration learns from real news
/// what pairs that do not bear on each other look like.
#[derive(Debug, Clone)]
pub struct JudgedPair {
    pub features: crate::relate::PairFeatures,
    pub older_text: String,
    pub newer_text: String,
    pub older_id: i64,
    pub newer_id: i64,
    /// The evidence's article.
    pub newer_article: i64,
}

/// One pair the linker would judge, for calibration and diagnosis.
#[derive(Debug, Clone)]
pub struct PairRow {
    pub older: ClaimInput,
    pub newer: ClaimInput,
    pub older_article: String,
    pub newer_article: String,
    /// The evidence's article id (pairs are compared with their rivals within it).
    pub group: i64,
}

pub fn all_pairs(conn: &Connection) -> Result<Vec<PairRow>, StoreError> {
    let ids = store::claim_ids(conn)?;
    let stored = store::load_stored(conn, &ids)?;
    let keys = store::story_keys_of(conn, &ids)?;
    let paths = store::article_paths(conn)?;
    let by_id: HashMap<i64, &StoredClaim> = stored.iter().map(|s| (s.id, s)).collect();
    let mut out = Vec::new();
    for (i, a) in stored.iter().enumerate() {
        for b in stored.iter().skip(i + 1) {
            let Some((o, n, _)) = judgeable(a, b) else {
                continue;
            };
            let (Some(so), Some(sn)) = (by_id.get(&o), by_id.get(&n)) else {
                continue;
            };
            let input = |s: &StoredClaim| s.input(keys.get(&s.id).cloned().unwrap_or_default());
            out.push(PairRow {
                older: input(so),
                newer: input(sn),
                older_article: paths.get(&so.article_id).cloned().unwrap_or_default(),
                newer_article: paths.get(&sn.article_id).cloned().unwrap_or_default(),
                group: sn.article_id,
            });
        }
    }
    Ok(out)
}

/// Stores the index terms of the new claims, finds each one's candidates,
/// marks restatements, judges every (earlier, later) pair with the relation
/// engine and stores each link; then recomputes the verdicts of the claims
/// whose links changed.
pub fn link_new(
    tx: &Transaction,
    new_ids: &[i64],
    lex: &Lexicon,
    rules: &RuleSet,
    built: &mut HashMap<i64, ClaimView>,
    counts: &mut TermCounts,
    mut record: Option<&mut Vec<JudgedPair>>,
) -> Result<usize, StoreError> {
    if built.len() > VIEW_CACHE_MAX {
        built.clear();
    }
    let rel = Relater::new(rules, lex);
    let k = rules.settings.candidates_k;
    let mut cache: HashMap<i64, (StoredClaim, ClaimView)> = HashMap::new();
    let keys = store::story_keys_of(tx, new_ids)?;
    for s in store::load_stored(tx, new_ids)? {
        let v = rel.view(s.input(keys.get(&s.id).cloned().unwrap_or_default()));
        cache.insert(s.id, (s, v));
    }
    let mut cands_of: HashMap<i64, Vec<i64>> = HashMap::new();
    // Document frequencies of all the new claims' terms in one pass (story keys recur in each).
    let terms_of: HashMap<i64, Vec<String>> = cache
        .iter()
        .map(|(id, (_, v))| (*id, v.index_terms()))
        .collect();
    let df = store::term_df(tx, terms_of.values().flatten().cloned())?;
    for &nid in new_ids {
        let Some(terms) = terms_of.get(&nid) else {
            continue;
        };
        let cands = ranked_candidates(tx, terms, nid, k, Some((&df, counts)))?;
        for t in terms {
            store::add_term(tx, t, nid, counts)?;
        }
        cands_of.insert(nid, cands);
    }
    let missing: Vec<i64> = cands_of
        .values()
        .flatten()
        .copied()
        .filter(|c| !cache.contains_key(c))
        .collect::<BTreeSet<i64>>()
        .into_iter()
        .collect();
    let need_views: Vec<i64> = missing
        .iter()
        .copied()
        .filter(|id| !built.contains_key(id))
        .collect();
    let keys = store::story_keys_of(tx, &need_views)?;
    // Views met before keep the rarity weights they were given then (word rarity
    // changes slowly); only views built now are weighed, which spares most look-ups.
    let mut fresh: HashSet<i64> = new_ids.iter().copied().collect();
    for s in store::load_stored(tx, &missing)? {
        let v = match built.get(&s.id) {
            Some(v) => v.clone(),
            None => {
                fresh.insert(s.id);
                rel.view(s.input(keys.get(&s.id).cloned().unwrap_or_default()))
            }
        };
        cache.insert(s.id, (s, v));
    }
    weigh_views(
        tx,
        &mut cache
            .iter_mut()
            .filter(|(id, _)| fresh.contains(id))
            .map(|(_, (_, v))| v)
            .collect::<Vec<_>>(),
    )?;
    for id in &fresh {
        if let Some((_, v)) = cache.get(id) {
            built.insert(*id, v.clone());
        }
    }
    // Restatements: a new claim repeating an earlier claim of the same source from an earlier
    // article ("In June, the company said it had no plans ...") is neither checked nor evidence;
    // it takes the verdict of the claim it repeats.
    for &nid in new_ids {
        let Some((sn, vn)) = cache.get(&nid) else {
            continue;
        };
        let mut best: Option<(f64, i64)> = None;
        for cid in cands_of.get(&nid).map(Vec::as_slice).unwrap_or_default() {
            let Some((sc, vc)) = cache.get(cid) else {
                continue;
            };
            let published_before = match (&sc.article_date, &sn.article_date) {
                (Some(a), Some(b)) if a != b => a < b,
                _ => sc.article_id < sn.article_id,
            };
            if sc.article_id == sn.article_id
                || sc.source_id != sn.source_id
                || sc.source_kind == "unnamed"
                || sc.polarity != sn.polarity
                || sc.restates.is_some()
                || !published_before
            {
                continue;
            }
            let pf = rel.features(vc, vn);
            let same = pf.get("rel_claim") >= 0.8
                && pf.get("rel_evidence") >= 0.7
                && pf.get("numbers_disagree") == 0.0
                && pf.get("antonym") == 0.0;
            if same && best.is_none_or(|b| pf.get("rel_claim") > b.0) {
                best = Some((pf.get("rel_claim"), *cid));
            }
        }
        if let Some((_, orig)) = best {
            store::set_restates(tx, nid, orig)?;
            if let Some(entry) = cache.get_mut(&nid) {
                entry.0.restates = Some(orig);
            }
        }
    }
    // Every (earlier, later) pair once, grouped by evidence article for the rival features.
    let mut done: HashSet<(i64, i64)> = HashSet::new();
    let mut pairs: Vec<(i64, i64, bool)> = Vec::new();
    for &nid in new_ids {
        for &cid in cands_of.get(&nid).map(Vec::as_slice).unwrap_or_default() {
            if !done.insert((nid.min(cid), nid.max(cid))) {
                continue;
            }
            let (Some((sn, _)), Some((sc, _))) = (cache.get(&nid), cache.get(&cid)) else {
                continue;
            };
            if let Some(p) = judgeable(sc, sn) {
                pairs.push(p);
            }
        }
    }
    let mut views: Vec<(&ClaimView, &ClaimView, i64)> = Vec::with_capacity(pairs.len());
    let mut kept: Vec<(i64, i64, bool)> = Vec::with_capacity(pairs.len());
    for &(o, n, known) in &pairs {
        if let (Some((_, vo)), Some((sn, vn))) = (cache.get(&o), cache.get(&n)) {
            views.push((vo, vn, sn.article_id));
            kept.push((o, n, known));
        }
    }
    let pfs = rel.features_all(&views);
    let decisions: Vec<_> = views
        .iter()
        .zip(kept.iter())
        .zip(pfs)
        .map(|(((vo, vn, _), &(o, n, _)), pf)| {
            if let Some(rec) = record.as_deref_mut() {
                rec.push(JudgedPair {
                    features: pf.clone(),
                    older_text: vo.input.text.clone(),
                    newer_text: vn.input.text.clone(),
                    older_id: o,
                    newer_id: n,
                    newer_article: vn.input.article,
                });
            }
            rel.decide(vo, vn, pf)
        })
        .collect();
    let mut affected: BTreeSet<i64> = new_ids.iter().copied().collect();
    let mut count = 0;
    for ((older, newer, known), d) in kept.into_iter().zip(decisions) {
        let Some(d) = d else { continue };
        store::insert_link(tx, older, newer, &d, known)?;
        affected.insert(older);
        count += 1;
    }
    for id in affected {
        store::refresh_verdict(tx, id, rules)?;
    }
    Ok(count)
}

/// The stored claims `check` compares a typed claim with: the best-ranked
/// candidates by shared rare terms (as in ingest), with the stored facts the
/// relation engine needs and their article's date.
pub fn candidates_for_view(
    conn: &Connection,
    view: &ClaimView,
    k: usize,
) -> Result<Vec<(ClaimInput, Option<String>)>, StoreError> {
    let terms: Vec<String> = view
        .index_terms()
        .into_iter()
        .filter(|t| !t.starts_with('@'))
        .collect();
    let ids = ranked_candidates(conn, &terms, 0, k, None)?;
    let keys = store::story_keys_of(conn, &ids)?;
    Ok(store::load_stored(conn, &ids)?
        .into_iter()
        .map(|s| {
            let date = s.article_date.clone();
            (s.input(keys.get(&s.id).cloned().unwrap_or_default()), date)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(id: i64, article_id: i64, source_id: i64, kind: &str) -> StoredClaim {
        StoredClaim {
            id,
            article_id,
            date: None,
            article_date: None,
            time_rank: 0,
            start: 0,
            end: 10,
            source_id,
            source_name: "people".into(),
            source_kind: kind.into(),
            text: "the pumps failed".into(),
            polarity: "positive".into(),
            modality: "asserted".into(),
            cue_class: "assert".into(),
            restates: None,
        }
    }

    #[test]
    fn an_unnamed_source_is_one_source_only_inside_its_article() {
        let key = |c: StoredClaim| c.input(Vec::new()).source_key;
        // Named: one source across articles.
        assert_eq!(
            key(stored(1, 1, 7, "person")),
            key(stored(2, 2, 7, "person"))
        );
        // Unnamed: the same stored row in two articles is not known to be the same people.
        assert_ne!(
            key(stored(1, 1, 7, "unnamed")),
            key(stored(2, 2, 7, "unnamed"))
        );
        assert_eq!(
            key(stored(1, 1, 7, "unnamed")),
            key(stored(3, 1, 7, "unnamed"))
        );
    }
}
