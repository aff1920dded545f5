//! Reports: stored claims, links and verdicts -> fact-check summaries.
//!
//! Takes: the database. Gives: Markdown that reads like a short fact-check
//! (the claim, who said it and when, the evidence for and against with quotes
//! and sources, the verdict and the rules that fired), the same as JSON, or
//! schema.org ClaimReview JSON-LD. The numeric ClaimReview rating maps
//! 1 = Contradicted, 2 = Disputed, 3 = Unverified, 4 = Supported (worst 1, best 4).

use rusqlite::{params, Connection};
use serde::Serialize;
use serde_json::{json, Value};

use crate::error::StoreError;

#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    pub claim_id: i64,
    pub relation: String,
    pub score: f64,
    pub rule: String,
    pub backtrack: bool,
    /// False when an article of the pair has no date: "later" is only ingestion order.
    pub order_known: bool,
    pub explanation: String,
    pub text: String,
    pub speaker: Option<String>,
    pub cue: Option<String>,
    pub source: String,
    pub source_kind: String,
    pub cited_by: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub path: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportClaim {
    pub id: i64,
    pub text: String,
    pub kind: String,
    pub speaker: Option<String>,
    pub cue: Option<String>,
    pub source: String,
    pub source_kind: String,
    pub cited_by: Option<String>,
    pub polarity: String,
    pub modality: String,
    pub date: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub path: String,
    pub verdict: String,
    pub confidence: f64,
    pub summary: String,
    pub rules: String,
    pub evidence: Vec<Evidence>,
}

const CLAIM_SQL: &str = "SELECT c.id, c.text, c.kind, c.speaker, c.cue, s.name, s.kind, p.name, c.polarity, c.modality,
    a.published_at, a.title, a.outlet, a.url, a.path, coalesce(v.verdict,'unverified'), coalesce(v.confidence,0), coalesce(v.summary,''), coalesce(v.rules,'')
    FROM claims c JOIN sources s ON s.id = c.source_id LEFT JOIN sources p ON p.id = s.parent_id AND s.kind = 'unnamed'
    JOIN articles a ON a.id = c.article_id LEFT JOIN verdicts v ON v.claim_id = c.id";

/// Loads claims (all, or one) with their evidence.
pub fn load(conn: &Connection, only: Option<i64>) -> Result<Vec<ReportClaim>, StoreError> {
    let sql = match only {
        Some(_) => format!("{CLAIM_SQL} WHERE c.id = ?1"),
        None => format!("{CLAIM_SQL} WHERE ?1 IS NULL ORDER BY a.published_at IS NULL, a.published_at, c.article_id, c.start"),
    };
    let mut stmt = conn.prepare(&sql)?;
    let mut claims: Vec<ReportClaim> = stmt
        .query_map(params![only], |r| {
            Ok(ReportClaim {
                id: r.get(0)?,
                text: r.get(1)?,
                kind: r.get(2)?,
                speaker: r.get(3)?,
                cue: r.get(4)?,
                source: r.get(5)?,
                source_kind: r.get(6)?,
                cited_by: r.get(7)?,
                polarity: r.get(8)?,
                modality: r.get(9)?,
                date: r.get(10)?,
                title: r.get(11)?,
                outlet: r.get(12)?,
                url: r.get(13)?,
                path: r.get(14)?,
                verdict: r.get(15)?,
                confidence: r.get(16)?,
                summary: r.get(17)?,
                rules: r.get(18)?,
                evidence: Vec::new(),
            })
        })?
        .collect::<Result<_, _>>()?;
    if let Some(id) = only {
        if claims.is_empty() {
            return Err(StoreError::Other(format!(
                "no claim with id {id}; list them with `claimtrace claims`"
            )));
        }
    }
    let mut ev = conn.prepare(
        "SELECT l.evidence_claim_id, l.relation, l.score, l.rule, l.backtrack, l.explanation, e.text, e.speaker, e.cue, s.name, s.kind, p.name,
                a.published_at, a.title, a.outlet, a.url, a.path, l.order_known
         FROM links l JOIN claims e ON e.id = l.evidence_claim_id JOIN sources s ON s.id = e.source_id
         LEFT JOIN sources p ON p.id = s.parent_id AND s.kind = 'unnamed' JOIN articles a ON a.id = e.article_id
         WHERE l.claim_id = ?1 ORDER BY l.relation DESC, l.score DESC",
    )?;
    for c in claims.iter_mut() {
        c.evidence = ev
            .query_map([c.id], |r| {
                Ok(Evidence {
                    claim_id: r.get(0)?,
                    relation: r.get(1)?,
                    score: r.get(2)?,
                    rule: r.get(3)?,
                    backtrack: r.get::<_, i64>(4)? != 0,
                    explanation: r.get(5)?,
                    text: r.get(6)?,
                    speaker: r.get(7)?,
                    cue: r.get(8)?,
                    source: r.get(9)?,
                    source_kind: r.get(10)?,
                    cited_by: r.get(11)?,
                    date: r.get(12)?,
                    title: r.get(13)?,
                    outlet: r.get(14)?,
                    url: r.get(15)?,
                    path: r.get(16)?,
                    order_known: r.get::<_, i64>(17)? != 0,
                })
            })?
            .collect::<Result<_, _>>()?;
    }
    Ok(claims)
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// A reported clause keeps its complementiser in the database ("that no data
/// was stolen", the span the article gives); a report shows the proposition.
/// Only the lowercase complementiser: a quotation may open with "That".
fn proposition(s: &str) -> &str {
    let t = s.trim_start();
    t.strip_prefix("that ").unwrap_or(t)
}

fn short(s: &str, n: usize) -> String {
    let t: String = proposition(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if t.chars().count() <= n {
        t
    } else {
        format!("{}…", t.chars().take(n).collect::<String>().trim_end())
    }
}

fn who(source: &str, kind: &str, cited_by: &Option<String>, speaker: &Option<String>) -> String {
    let mut s = match (kind, cited_by) {
        ("unnamed", Some(p)) => format!("{source} cited by {p}"),
        _ => source.to_string(),
    };
    if let Some(sp) = speaker {
        if !sp.eq_ignore_ascii_case(source)
            && !matches!(sp.to_lowercase().as_str(), "he" | "she" | "it" | "they")
        {
            s.push_str(&format!(" (“{sp}”)"));
        }
    }
    s
}

/// "on 2011-09-19 in *Title* (Outlet), `path`" or "(undated) in `path`".
fn where_(
    date: &Option<String>,
    title: &Option<String>,
    outlet: &Option<String>,
    path: &str,
) -> String {
    let when = match date.as_deref() {
        Some(d) => format!("on {}", crate::text::date_part(d)),
        None => "(undated)".to_string(),
    };
    let place = match (title, outlet) {
        (Some(t), Some(o)) => format!("*{t}* ({o}), `{path}`"),
        (Some(t), None) => format!("*{t}*, `{path}`"),
        (None, Some(o)) => format!("{o}, `{path}`"),
        _ => format!("`{path}`"),
    };
    format!("{when} in {place}")
}

fn verdict_rank(v: &str) -> u8 {
    match v {
        "contradicted" => 0,
        "disputed" => 1,
        "supported" => 2,
        _ => 3,
    }
}

/// The Markdown fact-check report.
pub fn markdown(claims: &[ReportClaim], rules: &crate::rules::RuleSet) -> String {
    let mut out = String::new();
    let count = |v: &str| claims.iter().filter(|c| c.verdict == v).count();
    if claims.len() != 1 {
        out.push_str("# claimtrace fact-check report\n\n");
        out.push_str(&format!(
            "{} claims checked: {} contradicted, {} disputed, {} supported, {} unverified.\n\n",
            claims.len(),
            count("contradicted"),
            count("disputed"),
            count("supported"),
            count("unverified")
        ));
    }
    let mut checked: Vec<&ReportClaim> = claims
        .iter()
        .filter(|c| c.verdict != "unverified" || claims.len() == 1)
        .collect();
    checked.sort_by_key(|c| verdict_rank(&c.verdict));
    for c in &checked {
        out.push_str(&format!("## Claim {}: “{}”\n\n", c.id, short(&c.text, 160)));
        out.push_str(&format!(
            "**Who and when.** {} {} this {}.{}\n\n",
            who(&c.source, &c.source_kind, &c.cited_by, &c.speaker),
            c.cue.as_deref().unwrap_or("said"),
            where_(&c.date, &c.title, &c.outlet, &c.path),
            if c.modality == "hedged" {
                " The claim is hedged."
            } else {
                ""
            }
        ));
        out.push_str(&format!(
            "**Verdict: {}** (confidence {:.2}). {}\n\n",
            cap(&c.verdict),
            c.confidence,
            c.summary
        ));
        for (rel, head) in [
            ("contradicts", "Evidence against"),
            ("supports", "Evidence for"),
        ] {
            let ev: Vec<&Evidence> = c.evidence.iter().filter(|e| e.relation == rel).collect();
            if ev.is_empty() {
                continue;
            }
            out.push_str(&format!("**{head}**\n\n"));
            for e in ev {
                out.push_str(&format!(
                    "- {}{} {}: “{}” — {}{}. Rules: {} (score {:.2}). {}\n",
                    who(&e.source, &e.source_kind, &e.cited_by, &e.speaker),
                    if e.backtrack { ", backtracking," } else { "" },
                    e.cue.as_deref().unwrap_or("said"),
                    short(&e.text, 220),
                    where_(&e.date, &e.title, &e.outlet, &e.path),
                    if e.order_known {
                        ""
                    } else {
                        " (order unknown: an article has no date)"
                    },
                    e.rule.replace('+', ", "),
                    e.score,
                    e.explanation
                ));
            }
            out.push('\n');
        }
        if !c.rules.is_empty() {
            out.push_str("**Why.** ");
            let mut why = Vec::new();
            for r in c.rules.split(", ") {
                if let Some(rule) = rules.rules.iter().find(|x| x.name == r) {
                    why.push(format!("`{}`: {}", rule.name, rule.description));
                } else {
                    why.push(format!("`{r}`"));
                }
            }
            out.push_str(&why.join(" "));
            out.push_str("\n\n");
        }
    }
    let unverified: Vec<&ReportClaim> = claims
        .iter()
        .filter(|c| c.verdict == "unverified")
        .collect();
    if !unverified.is_empty() && claims.len() != 1 {
        out.push_str("## Unverified claims\n\nNo later evidence was found for these.\n\n| id | date | source | claim |\n|---|---|---|---|\n");
        for c in unverified {
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                c.id,
                c.date
                    .as_deref()
                    .map(crate::text::date_part)
                    .unwrap_or("undated"),
                who(&c.source, &c.source_kind, &c.cited_by, &None).replace('|', "/"),
                short(&c.text, 120).replace('|', "/")
            ));
        }
        out.push('\n');
    }
    if claims.len() != 1 {
        let st = &rules.settings;
        out.push_str(&format!(
            "## How verdicts are decided\n\nEach claim is judged on the later claims linked to it. None: unverified. \
             Only supporting: supported. Only contradicting: contradicted. Both: the side whose weight is at least \
             {}x the other's wins, otherwise disputed. A link weighs its score, times {} when the evidence comes from \
             unnamed sources; the same source repeating itself is not support, and a source contradicting its own \
             earlier claim is marked as backtracking. Rule set: {}.\n",
            st.outweigh_ratio, st.unnamed_weight, rules.origin
        ));
    }
    out
}

/// Today's date (UTC) as `YYYY-MM-DD`.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0) as i64;
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn rating(v: &str) -> i64 {
    match v {
        "contradicted" => 1,
        "disputed" => 2,
        "unverified" => 3,
        _ => 4,
    }
}

fn author_type(kind: &str) -> &'static str {
    match kind {
        "person" => "Person",
        _ => "Organization",
    }
}

/// Sets `key` of a JSON object made here (`value[key] = v` would panic on a
/// value that is not an object).
fn set(obj: &mut Value, key: &str, v: Value) {
    if let Some(map) = obj.as_object_mut() {
        map.insert(key.to_string(), v);
    }
}

fn creative_work(
    url: &Option<String>,
    title: &Option<String>,
    date: &Option<String>,
    outlet: &Option<String>,
    path: &str,
) -> Value {
    let mut w =
        json!({"@type": "CreativeWork", "url": url.clone().unwrap_or_else(|| path.to_string())});
    if let Some(t) = title {
        set(&mut w, "headline", json!(t));
    }
    if let Some(d) = date {
        set(&mut w, "datePublished", json!(d));
    }
    if let Some(o) = outlet {
        set(
            &mut w,
            "publisher",
            json!({"@type": "Organization", "name": o}),
        );
    }
    w
}

/// One ClaimReview object per claim.
pub fn claimreview(claims: &[ReportClaim]) -> Vec<Value> {
    let today = today();
    claims
        .iter()
        .map(|c| {
            let appearance = creative_work(&c.url, &c.title, &c.date, &c.outlet, &c.path);
            let mut author = json!({"@type": author_type(&c.source_kind), "name": c.source});
            if let Some(p) = &c.cited_by {
                set(&mut author, "description", json!(format!("unnamed sources cited by {p}")));
            }
            let mut item = json!({
                "@type": "Claim",
                "@id": format!("#claim-{}", c.id),
                "author": author,
                "appearance": [appearance.clone()],
                "firstAppearance": appearance,
            });
            if let Some(d) = &c.date {
                set(&mut item, "datePublished", json!(d));
            }
            let citation: Vec<Value> = c
                .evidence
                .iter()
                .map(|e| {
                    let mut w = creative_work(&e.url, &e.title, &e.date, &e.outlet, &e.path);
                    set(&mut w, "text", json!(e.text));
                    set(&mut w, "author", json!({"@type": author_type(&e.source_kind), "name": e.source}));
                    set(&mut w, "description", json!(format!("{} ({})", e.relation, e.rule.replace('+', ", "))));
                    w
                })
                .collect();
            json!({
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": c.url.as_ref().map(|u| format!("{u}#claim-{}", c.id)).unwrap_or_else(|| format!("urn:claimtrace:claim:{}", c.id)),
                "claimReviewed": short(&c.text, 280),
                "datePublished": today,
                "author": {"@type": "Organization", "name": "claimtrace"},
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": rating(&c.verdict),
                    "bestRating": 4,
                    "worstRating": 1,
                    "alternateName": cap(&c.verdict),
                    "ratingExplanation": c.summary,
                },
                "itemReviewed": item,
                "citation": citation,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_is_an_iso_date() {
        let t = today();
        assert_eq!(crate::date::normalise(&t).as_deref(), Some(t.as_str()));
    }

    #[test]
    fn reports_show_the_proposition_without_its_complementiser() {
        assert_eq!(short("that no data was stolen", 80), "no data was stolen");
        assert_eq!(short("That is all", 80), "That is all");
        assert_eq!(short("thatcher said", 80), "thatcher said");
        assert_eq!(short("ä", 80), "ä");
    }

    #[test]
    fn short_truncates_on_characters() {
        assert_eq!(short("“ab” cd", 3), "“ab…");
        assert_eq!(short("a\n b", 10), "a b");
    }
}
