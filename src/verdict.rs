//! Verdicts: a claim's links -> supported / contradicted / disputed / unverified.
//!
//! Takes: the links where the claim is the one being checked, and the rule
//! settings. Gives: a [`Verdict`] with a confidence and a one-paragraph
//! summary naming the evidence and the rules that fired.
//!
//! The rule (also in `rules/default.toml` and README): no links → unverified;
//! only supporting → supported; only contradicting → contradicted; both →
//! the side whose weight is at least `outweigh_ratio` times the other's wins,
//! otherwise disputed. A link's weight is its score, times `unnamed_weight`
//! when the evidence comes from unnamed sources. Confidence is the winning
//! share of the total weight, capped by the winning weight (at most 1).

use serde::Serialize;

use crate::rules::Settings;

/// One link as the verdict sees it.
#[derive(Debug, Clone)]
pub struct LinkInfo {
    pub relation: String,
    pub score: f64,
    pub rule: String,
    pub backtrack: bool,
    pub evidence_source: String,
    pub evidence_unnamed: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Verdict {
    pub verdict: &'static str,
    pub confidence: f64,
    pub summary: String,
    pub rules: String,
}

fn names(links: &[&LinkInfo]) -> String {
    let mut v: Vec<String> = Vec::new();
    for l in links {
        let s = if l.backtrack {
            format!("{} (backtracking)", l.evidence_source)
        } else {
            l.evidence_source.clone()
        };
        if !v.contains(&s) {
            v.push(s);
        }
    }
    v.join("; ")
}

pub fn decide(links: &[LinkInfo], s: &Settings) -> Verdict {
    let weight = |l: &LinkInfo| {
        l.score
            * if l.evidence_unnamed {
                s.unnamed_weight
            } else {
                1.0
            }
    };
    let sup: Vec<&LinkInfo> = links.iter().filter(|l| l.relation == "supports").collect();
    let con: Vec<&LinkInfo> = links
        .iter()
        .filter(|l| l.relation == "contradicts")
        .collect();
    let ws: f64 = sup.iter().map(|l| weight(l)).sum();
    let wc: f64 = con.iter().map(|l| weight(l)).sum();
    let mut rules: Vec<String> = Vec::new();
    for l in links {
        for r in l.rule.split('+') {
            if !r.is_empty() && !rules.iter().any(|x| x == r) {
                rules.push(r.to_string());
            }
        }
    }
    let rules = rules.join(", ");
    let round = |x: f64| (x * 100.0).round() / 100.0;
    let (verdict, conf, summary) = if links.is_empty() {
        ("unverified", 0.0, "No later evidence found.".to_string())
    } else if con.is_empty() {
        (
            "supported",
            (ws).min(1.0),
            format!(
                "Supported by {} later claim{} from {}. Rules: {rules}.",
                sup.len(),
                if sup.len() == 1 { "" } else { "s" },
                names(&sup)
            ),
        )
    } else if sup.is_empty() {
        (
            "contradicted",
            (wc).min(1.0),
            format!(
                "Contradicted by {} later claim{} from {}. Rules: {rules}.",
                con.len(),
                if con.len() == 1 { "" } else { "s" },
                names(&con)
            ),
        )
    } else if wc >= s.outweigh_ratio * ws {
        ("contradicted", (wc / (wc + ws)).min(wc), format!("Contradicted: evidence against ({}, weight {:.2}) outweighs evidence for ({}, weight {:.2}) by at least {}x. Rules: {rules}.", names(&con), wc, names(&sup), ws, s.outweigh_ratio))
    } else if ws >= s.outweigh_ratio * wc {
        ("supported", (ws / (wc + ws)).min(ws), format!("Supported: evidence for ({}, weight {:.2}) outweighs evidence against ({}, weight {:.2}) by at least {}x. Rules: {rules}.", names(&sup), ws, names(&con), wc, s.outweigh_ratio))
    } else {
        ("disputed", (ws.max(wc) / (wc + ws)).min(1.0), format!("Disputed: supported by {} (weight {:.2}) and contradicted by {} (weight {:.2}). Rules: {rules}.", names(&sup), ws, names(&con), wc))
    };
    Verdict {
        verdict,
        confidence: round(conf),
        summary,
        rules,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(rel: &str, score: f64, unnamed: bool) -> LinkInfo {
        LinkInfo {
            relation: rel.into(),
            score,
            rule: "polarity-flip".into(),
            backtrack: false,
            evidence_source: "X".into(),
            evidence_unnamed: unnamed,
        }
    }

    #[test]
    fn verdict_table() {
        let s = Settings::default();
        assert_eq!(decide(&[], &s).verdict, "unverified");
        assert_eq!(
            decide(&[l("supports", 0.6, false)], &s).verdict,
            "supported"
        );
        assert_eq!(
            decide(&[l("contradicts", 0.8, false)], &s).verdict,
            "contradicted"
        );
        assert_eq!(
            decide(
                &[l("contradicts", 0.8, false), l("supports", 0.6, false)],
                &s
            )
            .verdict,
            "disputed"
        );
        assert_eq!(
            decide(
                &[l("contradicts", 1.5, false), l("supports", 0.6, false)],
                &s
            )
            .verdict,
            "contradicted"
        );
    }

    #[test]
    fn unnamed_evidence_weighs_less() {
        let s = Settings::default();
        // 1.2 named against 0.8 unnamed (0.56 weighted): named side outweighs by > 2x.
        let v = decide(
            &[l("supports", 1.2, false), l("contradicts", 0.8, true)],
            &s,
        );
        assert_eq!(v.verdict, "supported");
        let v = decide(
            &[l("supports", 1.2, false), l("contradicts", 0.8, false)],
            &s,
        );
        assert_eq!(v.verdict, "disputed");
    }
}
