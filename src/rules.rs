//! Rules: the declarative rule set that drives linking and verdicts.
//!
//! Takes: `rules/default.toml` (embedded at build) and optionally a user
//! file (`--rules FILE`) that replaces it, or extends it when it says
//! `extends = "builtin"` (rules with the same name are replaced).
//! Gives: a validated [`RuleSet`]; conditions are parsed once into
//! [`Condition`]s over the pair features named in [`FEATURES`]. Validation
//! errors name the file and line.

use serde::Deserialize;
use toml::Spanned;

use crate::error::RulesError;

pub const BUILTIN: &str = include_str!("../rules/default.toml");

/// Features a condition may test, with whether they are numeric: the pair
/// features of the relation engine ([`crate::relate::pair::FEATURES`]).
fn features() -> impl Iterator<Item = (&'static str, bool)> {
    crate::relate::pair::FEATURES
        .iter()
        .map(|(n, num, _)| (*n, *num))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// Stage 1: evidence that the two claims bear on each other (weights add to the link score).
    Link,
    /// Stage 2: the weight pushes towards `supports`.
    Supports,
    /// Stage 2: the weight pushes towards `contradicts`.
    Contradicts,
    /// A veto: when the rule fires, the pair is not linked at all.
    None,
}

impl Relation {
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Link => "link",
            Relation::Supports => "supports",
            Relation::Contradicts => "contradicts",
            Relation::None => "none",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Op {
    Ge,
    Gt,
    Le,
    Lt,
    Eq,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub feature: &'static str,
    pub negated: bool,
    pub cmp: Option<(Op, f64)>,
    pub source: String,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub name: String,
    pub description: String,
    pub when: Vec<Condition>,
    pub relation: Relation,
    pub weight: f64,
    pub mark: Option<String>,
    /// `fit = false`: `claimtrace calibrate` keeps this rule's weight as written
    /// (for evidence the development data holds no examples of).
    pub fit: bool,
    /// A feature whose value scales the weight (`value = "rel_claim"`); without it a rule that fires adds its weight.
    pub value: Option<&'static str>,
}

impl Rule {
    /// What the rule adds before its weight: 0 when a condition fails, else its value feature (or 1).
    pub fn input(&self, get: impl Fn(&str) -> f64) -> f64 {
        if !self.when.iter().all(|c| c.holds(get(c.feature))) {
            return 0.0;
        }
        match self.value {
            Some(f) => get(f),
            None => 1.0,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Stage 1 starts from this log-odds before the `link` rules add theirs.
    #[serde(default = "d_link_bias")]
    pub link_bias: f64,
    /// A pair is linked when the probability of a link (logistic of the stage-1 sum) reaches this.
    #[serde(default = "d_thr")]
    pub link_threshold: f64,
    /// Stage 2 starts from this log-odds of `contradicts` against `supports`.
    #[serde(default)]
    pub contradiction_bias: f64,
    /// The engine abstains unless stage 2 is this sure of the relation (probability of the
    /// chosen relation at least 0.5 + relation_margin).
    #[serde(default)]
    pub relation_margin: f64,
    /// A claim is compared with at most this many candidates, the best-ranked first.
    #[serde(default = "d_k")]
    pub candidates_k: usize,
    #[serde(default = "d_unnamed")]
    pub unnamed_weight: f64,
    #[serde(default = "d_ratio")]
    pub outweigh_ratio: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BatchSettings {
    #[serde(default = "d_related")]
    pub related_threshold: f64,
    #[serde(default = "d_top")]
    pub top_sentences: usize,
    #[serde(default = "d_one")]
    pub refute_threshold: f64,
    #[serde(default = "d_one")]
    pub hedge_threshold: f64,
    #[serde(default = "d_support_cov")]
    pub support_coverage: f64,
    /// Relatedness = this weight x best-sentence coverage + the rest x whole-body coverage.
    #[serde(default = "d_best_weight")]
    pub best_sentence_weight: f64,
    /// Weight of each refuting cue in the best-matching sentences.
    #[serde(default = "d_one")]
    pub refute_near_weight: f64,
    /// Weight of refuting cues per 100 words of the whole body.
    #[serde(default)]
    pub refute_density_weight: f64,
    /// Factor on the refuting cues when the claim itself calls something false (hoax, denies).
    #[serde(default = "d_one")]
    pub denial_claim_refute_factor: f64,
    /// Weight of each negation next to the claim's words in the best-matching sentences.
    #[serde(default = "d_half")]
    pub negation_weight: f64,
    /// How many words either side of a negation are read for the claim's words.
    #[serde(default = "d_window")]
    pub negation_window: usize,
    /// Weight of negations per 100 words of the whole body.
    #[serde(default)]
    pub negation_density_weight: f64,
    /// Weight of each hedging/reporting cue in the best-matching sentences.
    #[serde(default = "d_one")]
    pub hedge_near_weight: f64,
    /// Weight of hedging/reporting cues per 100 words of the whole body.
    #[serde(default)]
    pub hedge_density_weight: f64,
    /// Weight (subtracted) of each confirming cue in the best-matching sentences.
    #[serde(default)]
    pub support_near_weight: f64,
    /// Added to the reporting signal when the claim itself is hedged or a question.
    #[serde(default)]
    pub claim_hedge_weight: f64,
    /// Factor on the whole refuting signal when the claim itself is hedged or a question
    /// (a body debunking a rumour the claim only reports does not contradict it).
    #[serde(default = "d_one")]
    pub hedged_claim_refute_factor: f64,
    /// Subtracted from the reporting signal when the claim itself calls something false
    /// (hoax, denies): a body that debunks agrees with it.
    #[serde(default)]
    pub denial_claim_hedge_weight: f64,
    /// Subtracted from the reporting signal when the claim itself is negated.
    #[serde(default)]
    pub negated_claim_hedge_weight: f64,
}

fn d_true() -> bool {
    true
}
fn d_link_bias() -> f64 {
    -4.0
}
fn d_k() -> usize {
    40
}
fn d_thr() -> f64 {
    0.5
}
fn d_unnamed() -> f64 {
    0.7
}
fn d_ratio() -> f64 {
    2.0
}
fn d_related() -> f64 {
    0.22
}
fn d_top() -> usize {
    3
}
fn d_one() -> f64 {
    1.0
}
fn d_support_cov() -> f64 {
    0.45
}
fn d_best_weight() -> f64 {
    0.7
}
fn d_half() -> f64 {
    0.5
}
fn d_window() -> usize {
    4
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            link_bias: d_link_bias(),
            link_threshold: d_thr(),
            contradiction_bias: 0.0,
            relation_margin: 0.0,
            candidates_k: d_k(),
            unnamed_weight: d_unnamed(),
            outweigh_ratio: d_ratio(),
        }
    }
}

impl Default for BatchSettings {
    fn default() -> Self {
        BatchSettings {
            related_threshold: d_related(),
            top_sentences: d_top(),
            refute_threshold: d_one(),
            hedge_threshold: d_one(),
            support_coverage: d_support_cov(),
            best_sentence_weight: d_best_weight(),
            refute_near_weight: d_one(),
            refute_density_weight: 0.0,
            denial_claim_refute_factor: d_one(),
            negation_weight: d_half(),
            negation_window: d_window(),
            negation_density_weight: 0.0,
            hedge_near_weight: d_one(),
            hedge_density_weight: 0.0,
            support_near_weight: 0.0,
            claim_hedge_weight: 0.0,
            hedged_claim_refute_factor: d_one(),
            denial_claim_hedge_weight: 0.0,
            negated_claim_hedge_weight: 0.0,
        }
    }
}

#[derive(Debug, Clone)]
pub struct RuleSet {
    pub settings: Settings,
    pub batch: BatchSettings,
    pub rules: Vec<Rule>,
    /// Where the set came from, for `claimtrace rules`.
    pub origin: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    name: Spanned<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    when: Vec<Spanned<String>>,
    #[serde(default)]
    value: Option<Spanned<String>>,
    relation: Spanned<String>,
    #[serde(default)]
    weight: f64,
    #[serde(default)]
    mark: Option<String>,
    #[serde(default = "d_true")]
    fit: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSet {
    #[serde(default)]
    extends: Option<Spanned<String>>,
    settings: Option<Settings>,
    batch: Option<BatchSettings>,
    #[serde(default)]
    rule: Vec<RawRule>,
}

fn line_of(text: &str, offset: usize) -> usize {
    text.bytes().take(offset).filter(|&b| b == b'\n').count() + 1
}

/// Parses one condition string.
pub fn parse_condition(s: &str) -> Result<Condition, String> {
    let t = s.trim();
    let (negated, rest) = match t.strip_prefix('!') {
        Some(r) => (true, r.trim()),
        None => (false, t),
    };
    let ops = [
        (">=", Op::Ge),
        ("<=", Op::Le),
        ("==", Op::Eq),
        (">", Op::Gt),
        ("<", Op::Lt),
    ];
    let (name, cmp) = match ops
        .iter()
        .find_map(|(o, op)| rest.split_once(o).map(|(a, b)| (a, *op, b)))
    {
        Some((a, op, b)) => {
            let v: f64 = b
                .trim()
                .parse()
                .map_err(|_| format!("`{}` is not a number in condition `{t}`", b.trim()))?;
            (a.trim(), Some((op, v)))
        }
        None => (rest, None),
    };
    let Some((feature, numeric)) = features().find(|(f, _)| *f == name) else {
        let known: Vec<&str> = features().map(|f| f.0).collect();
        return Err(format!(
            "unknown feature `{name}` in condition `{t}` (known: {})",
            known.join(", ")
        ));
    };
    if numeric && cmp.is_none() {
        return Err(format!(
            "feature `{feature}` is a number: compare it, e.g. `{feature} >= 0.5`"
        ));
    }
    if !numeric && cmp.is_some() {
        return Err(format!(
            "feature `{feature}` is true/false: write `{feature}` or `!{feature}`"
        ));
    }
    if negated && cmp.is_some() {
        return Err(format!(
            "`!` cannot negate a comparison in `{t}`; flip the operator instead"
        ));
    }
    Ok(Condition {
        feature,
        negated,
        cmp,
        source: t.to_string(),
    })
}

impl Condition {
    /// Evaluates against a feature lookup (booleans as 0/1).
    pub fn holds(&self, value: f64) -> bool {
        match self.cmp {
            Some((op, v)) => match op {
                Op::Ge => value >= v,
                Op::Gt => value > v,
                Op::Le => value <= v,
                Op::Lt => value < v,
                Op::Eq => (value - v).abs() < 1e-9,
            },
            None => (value != 0.0) != self.negated,
        }
    }
}

fn parse_set(path: &str, text: &str) -> Result<(RawSet, Vec<Rule>), RulesError> {
    let raw: RawSet = toml::from_str(text).map_err(|e| RulesError::Invalid {
        path: path.into(),
        line: e.span().map(|s| line_of(text, s.start)).unwrap_or(0),
        reason: e.message().to_string(),
    })?;
    let mut rules = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for r in &raw.rule {
        let name = r.name.get_ref().trim().to_string();
        if name.is_empty() {
            return Err(RulesError::Invalid {
                path: path.into(),
                line: line_of(text, r.name.span().start),
                reason: "rule name is empty".into(),
            });
        }
        if !seen.insert(name.clone()) {
            return Err(RulesError::Invalid {
                path: path.into(),
                line: line_of(text, r.name.span().start),
                reason: format!("rule `{name}` is defined twice"),
            });
        }
        let relation = match r.relation.get_ref().as_str() {
            "link" => Relation::Link,
            "supports" => Relation::Supports,
            "contradicts" => Relation::Contradicts,
            "none" => Relation::None,
            other => {
                return Err(RulesError::Invalid {
                    path: path.into(),
                    line: line_of(text, r.relation.span().start),
                    reason: format!(
                    "rule `{name}`: relation `{other}` must be link, supports, contradicts or none"
                ),
                })
            }
        };
        if r.when.is_empty() && r.value.is_none() {
            return Err(RulesError::Invalid {
                path: path.into(),
                line: line_of(text, r.name.span().start),
                reason: format!(
                    "rule `{name}` has neither conditions (`when = [...]`) nor a `value` feature"
                ),
            });
        }
        let value = match &r.value {
            None => None,
            Some(v) => match features().find(|(f, _)| *f == v.get_ref().as_str()) {
                Some((f, _)) => Some(f),
                None => {
                    let known: Vec<&str> = features().map(|f| f.0).collect();
                    return Err(RulesError::Invalid {
                        path: path.into(),
                        line: line_of(text, v.span().start),
                        reason: format!(
                            "rule `{name}`: unknown value feature `{}` (known: {})",
                            v.get_ref(),
                            known.join(", ")
                        ),
                    });
                }
            },
        };
        let mut when = Vec::new();
        for c in &r.when {
            when.push(
                parse_condition(c.get_ref()).map_err(|reason| RulesError::Invalid {
                    path: path.into(),
                    line: line_of(text, c.span().start),
                    reason: format!("rule `{name}`: {reason}"),
                })?,
            );
        }
        if let Some(m) = &r.mark {
            if m != "backtrack" {
                return Err(RulesError::Invalid {
                    path: path.into(),
                    line: line_of(text, r.name.span().start),
                    reason: format!("rule `{name}`: mark `{m}` is unknown (only `backtrack`)"),
                });
            }
        }
        rules.push(Rule {
            name,
            description: r.description.clone(),
            when,
            relation,
            weight: r.weight,
            mark: r.mark.clone(),
            fit: r.fit,
            value,
        });
    }
    if let Some(e) = &raw.extends {
        if e.get_ref() != "builtin" {
            return Err(RulesError::Invalid {
                path: path.into(),
                line: line_of(text, e.span().start),
                reason: format!(
                    "extends = `{}`: only \"builtin\" can be extended",
                    e.get_ref()
                ),
            });
        }
    }
    Ok((raw, rules))
}

/// The built-in `[table]` with the keys of the user file's `[table]` put over it.
fn overlay<T: serde::de::DeserializeOwned>(
    path: &str,
    text: &str,
    table: &str,
) -> Result<T, RulesError> {
    let invalid = |reason: String| RulesError::Invalid {
        path: path.into(),
        line: 1,
        reason,
    };
    let user: toml::Table = toml::from_str(text).map_err(|e| invalid(e.message().into()))?;
    let mut merged: toml::Table = toml::from_str::<toml::Table>(BUILTIN)
        .ok()
        .and_then(|mut b| b.remove(table))
        .and_then(|v| match v {
            toml::Value::Table(t) => Some(t),
            _ => None,
        })
        .unwrap_or_default();
    if let Some(toml::Value::Table(u)) = user.get(table) {
        merged.extend(u.clone());
    }
    T::deserialize(toml::Value::Table(merged)).map_err(|e| invalid(format!("[{table}]: {e}")))
}

impl RuleSet {
    pub fn builtin() -> Result<Self, RulesError> {
        let (raw, rules) = parse_set("rules/default.toml (built in)", BUILTIN)?;
        Ok(RuleSet {
            settings: raw.settings.unwrap_or_default(),
            batch: raw.batch.unwrap_or_default(),
            rules,
            origin: "built-in".into(),
        })
    }

    /// Parses a user rule file: it replaces the built-in set, or extends it with `extends = "builtin"`.
    pub fn from_text(path: &str, text: &str) -> Result<Self, RulesError> {
        let (raw, rules) = parse_set(path, text)?;
        if raw.extends.is_some() {
            let mut base = Self::builtin()?;
            for r in rules {
                match base.rules.iter_mut().find(|b| b.name == r.name) {
                    Some(b) => *b = r,
                    None => base.rules.push(r),
                }
            }
            // A [settings] or [batch] table changes only the keys it names.
            if raw.settings.is_some() {
                base.settings = overlay(path, text, "settings")?;
            }
            if raw.batch.is_some() {
                base.batch = overlay(path, text, "batch")?;
            }
            base.origin = format!("built-in extended by {path}");
            return Ok(base);
        }
        if rules.is_empty() {
            return Err(RulesError::Invalid {
                path: path.into(),
                line: 1,
                reason: "no [[rule]] tables; add rules or write `extends = \"builtin\"`".into(),
            });
        }
        Ok(RuleSet {
            settings: raw.settings.unwrap_or_default(),
            batch: raw.batch.unwrap_or_default(),
            rules,
            origin: path.to_string(),
        })
    }

    pub fn load(path: Option<&str>) -> Result<Self, RulesError> {
        match path {
            None => Self::builtin(),
            Some(p) => {
                let text = std::fs::read_to_string(p).map_err(|e| RulesError::Io {
                    path: p.into(),
                    source: e,
                })?;
                Self::from_text(p, &text)
            }
        }
    }

    /// Human-readable listing for `claimtrace rules`.
    pub fn describe(&self) -> String {
        let s = &self.settings;
        let mut out = format!(
            "# rule set: {}\n# settings: link_bias={} link_threshold={} contradiction_bias={} relation_margin={} candidates_k={} unnamed_weight={} outweigh_ratio={}\n",
            self.origin, s.link_bias, s.link_threshold, s.contradiction_bias, s.relation_margin, s.candidates_k, s.unnamed_weight, s.outweigh_ratio
        );
        let batch = format!("{:?}", self.batch);
        let batch = batch
            .trim_start_matches("BatchSettings {")
            .trim_end_matches('}')
            .trim();
        out.push_str(&format!("# check --batch settings: {batch}\n"));
        for r in &self.rules {
            let conds: Vec<&str> = r.when.iter().map(|c| c.source.as_str()).collect();
            let value = r.value.map(|v| format!(" x {v}")).unwrap_or_default();
            let when = if conds.is_empty() {
                String::new()
            } else {
                format!("  when {}", conds.join(" AND "))
            };
            out.push_str(&format!(
                "{:<26} {:<12} {:>+6.2}{value}{}{when}\n    {}\n",
                r.name,
                r.relation.as_str(),
                r.weight,
                r.mark
                    .as_ref()
                    .map(|m| format!(" [{m}]"))
                    .unwrap_or_default(),
                r.description
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_parse_and_include_backtrack() {
        let rs = RuleSet::builtin().unwrap();
        assert!(rs
            .rules
            .iter()
            .any(|r| r.name == "backtrack" && r.mark.as_deref() == Some("backtrack")));
        assert!(rs.describe().contains("polarity-flip"));
    }

    #[test]
    fn unknown_feature_is_reported_with_its_line() {
        let t = "[[rule]]\nname = \"x\"\nwhen = [\"rel_claim >= 0.5\",\n  \"colour_match\"]\nrelation = \"supports\"\n";
        let e = RuleSet::from_text("mine.toml", t).unwrap_err().to_string();
        assert!(
            e.starts_with("mine.toml, line 4:") && e.contains("unknown feature `colour_match`"),
            "{e}"
        );
    }

    #[test]
    fn bad_relation_and_syntax_errors_give_lines() {
        let t = "[[rule]]\nname = \"x\"\nwhen = [\"same_source\"]\nrelation = \"refutes\"\n";
        let e = RuleSet::from_text("r.toml", t).unwrap_err().to_string();
        assert!(e.contains("line 4") && e.contains("refutes"), "{e}");
        let e = RuleSet::from_text("r.toml", "[[rule]\nname=1")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("r.toml, line 1"), "{e}");
    }

    #[test]
    fn extending_replaces_same_named_rules_and_adds_new_ones() {
        let t = "extends = \"builtin\"\n[[rule]]\nname = \"backtrack\"\nwhen = [\"same_source\", \"polarity_flip\"]\nrelation = \"contradicts\"\nweight = 0.5\nmark = \"backtrack\"\n[[rule]]\nname = \"mine\"\nwhen = [\"exact >= 0.9\"]\nrelation = \"supports\"\nweight = 0.1\n";
        let rs = RuleSet::from_text("x.toml", t).unwrap();
        let base = RuleSet::builtin().unwrap();
        assert_eq!(rs.rules.len(), base.rules.len() + 1);
        assert_eq!(
            rs.rules
                .iter()
                .find(|r| r.name == "backtrack")
                .unwrap()
                .weight,
            0.5
        );
    }

    #[test]
    fn extending_settings_changes_only_the_keys_given() {
        let t = "extends = \"builtin\"\n[settings]\nlink_threshold = 0.25\n[batch]\ntop_sentences = 3\n";
        let rs = RuleSet::from_text("x.toml", t).unwrap();
        let base = RuleSet::builtin().unwrap();
        assert_eq!(rs.settings.link_threshold, 0.25);
        assert_eq!(rs.settings.link_bias, base.settings.link_bias);
        assert_eq!(rs.settings.candidates_k, base.settings.candidates_k);
        assert_eq!(rs.settings.relation_margin, base.settings.relation_margin);
        assert_eq!(rs.batch.top_sentences, 3);
        assert_eq!(rs.batch.refute_threshold, base.batch.refute_threshold);
        // An unknown key is still an error.
        let bad = "extends = \"builtin\"\n[settings]\nlink_treshold = 0.25\n";
        assert!(RuleSet::from_text("x.toml", bad).is_err());
    }

    #[test]
    fn value_rules_scale_their_weight_and_need_a_known_feature() {
        let t = "[[rule]]\nname = \"rel\"\nvalue = \"rel_claim\"\nwhen = [\"!same_source\"]\nrelation = \"link\"\nweight = 2.0\n";
        let rs = RuleSet::from_text("v.toml", t).unwrap();
        let r = &rs.rules[0];
        assert_eq!(r.relation, Relation::Link);
        let get = |same: f64| move |f: &str| if f == "same_source" { same } else { 0.25 };
        assert_eq!(r.input(get(0.0)), 0.25);
        assert_eq!(r.input(get(1.0)), 0.0);
        let bad = t.replace("value = \"rel_claim\"", "value = \"colour\"");
        let e = RuleSet::from_text("v.toml", &bad).unwrap_err().to_string();
        assert!(e.contains("line 3") && e.contains("colour"), "{e}");
        let none = "[[rule]]\nname = \"x\"\nrelation = \"link\"\n";
        assert!(RuleSet::from_text("n.toml", none).is_err());
    }

    #[test]
    fn conditions_evaluate() {
        let c = parse_condition("rel_claim >= 0.5").unwrap();
        assert!(c.holds(0.5) && !c.holds(0.4));
        let n = parse_condition("!same_source").unwrap();
        assert!(n.holds(0.0) && !n.holds(1.0));
        assert!(parse_condition("rel_claim").is_err());
        assert!(parse_condition("same_source > 1").is_err());
    }
}
