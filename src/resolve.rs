//! Source resolution: speaker phrases -> canonical sources, inside one article.
//!
//! Takes: raw claims with speaker spans, the body and the lexicon. Gives:
//! [`Claim`]s whose `source`/`source_type`/`source_parent` say who is meant:
//! pronouns resolve to the nearest compatible person, "the company" and
//! spokespeople to the organisation the article is about, surnames to the
//! full name used earlier, unnamed sources to `unnamed` with the outlet that
//! cites them as parent. Merging across articles happens in [`crate::store`].

use crate::extract::RawClaim;
use crate::lexicon::{Lexicon, RoleKind};
use crate::model::{Claim, SourceType, Span};
use crate::segment::{self, Segmented};

/// A capitalised name found in the body.
#[derive(Debug, Clone)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub name: String,
    pub kind: SourceType,
}

const FUNCTION_CAPS: &[&str] = &[
    "The",
    "A",
    "An",
    "It",
    "When",
    "While",
    "But",
    "And",
    "In",
    "On",
    "At",
    "As",
    "This",
    "That",
    "These",
    "Those",
    "He",
    "She",
    "They",
    "We",
    "I",
    "His",
    "Her",
    "Their",
    "Its",
    "If",
    "After",
    "Before",
    "For",
    "From",
    "With",
    "By",
    "Our",
    "There",
    "Then",
    "So",
    "Yet",
    "Also",
    "However",
    "According",
    "Some",
    "Many",
    "One",
    "No",
    "Not",
    "Asked",
    "Meanwhile",
    "Since",
    "Although",
    "Despite",
    "During",
    "Under",
    "Over",
    "Last",
    "Next",
    "Earlier",
    "Later",
    "Now",
    "Today",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Why",
    "What",
    "How",
    "Who",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
];

/// Strips a legal suffix ("Inc.", "Ltd") and a leading "the" from a name.
pub fn strip_legal(name: &str, lex: &Lexicon) -> String {
    let mut words: Vec<&str> = name.split_whitespace().collect();
    while words.len() > 1 {
        let last = words[words.len() - 1].trim_end_matches(',');
        if lex.legal_suffixes.contains(last)
            || lex.legal_suffixes.contains(last.trim_end_matches('.'))
        {
            words.pop();
        } else {
            break;
        }
    }
    while words.len() > 1 && matches!(words[0], "the" | "The") {
        words.remove(0);
    }
    words.join(" ").trim_end_matches([',', '.']).to_string()
}

/// Drops titles and honorifics from the front of a person's name.
fn strip_titles(name: &str, lex: &Lexicon) -> String {
    let mut words: Vec<&str> = name.split_whitespace().collect();
    while words.len() > 1 && lex.titles.contains(words[0].trim_end_matches('.')) {
        words.remove(0);
    }
    words.join(" ")
}

fn classify_name(name: &str, lex: &Lexicon) -> SourceType {
    let words: Vec<&str> = name.split_whitespace().collect();
    let Some(last) = words.last() else {
        return SourceType::Other;
    };
    let last = last.trim_end_matches([',', '.']);
    if words
        .iter()
        .any(|w| lex.media_words.contains(w.trim_end_matches(['.', ','])))
        || lex.media_words.contains(name)
    {
        return SourceType::Media;
    }
    if lex.org_words.contains(last)
        || (words.len() > 1 && words.iter().any(|w| lex.org_words.contains(*w)))
        || lex.legal_suffixes.contains(last)
        || lex.legal_suffixes.contains(&format!("{last}."))
    {
        return SourceType::Organization;
    }
    if words
        .iter()
        .all(|w| w.chars().all(|c| c.is_uppercase() || c == '&'))
        && name.len() >= 2
    {
        return SourceType::Organization; // acronyms: FBI, NATO
    }
    if (2..=4).contains(&words.len()) {
        return SourceType::Person;
    }
    SourceType::Other
}

/// Length of a wire dateline opening a sentence ("TOKYO (ETW) - "), if any.
fn dateline_end(sentence: &str) -> Option<usize> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"^[\p{Lu}][\p{Lu} .,'-]{1,40}(?:\([^)]{1,20}\))?\s*[-–—]+\s+")
            .expect("static regex")
    });
    re.find(sentence).map(|m| m.end())
}

/// Finds capitalised name sequences in the body outside boilerplate.
pub fn mentions(body: &str, seg: &Segmented, lex: &Lexicon) -> Vec<Mention> {
    let mut out = Vec::new();
    for s in &seg.sentences {
        let toks = segment::tokens(body, s.start, s.end);
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            let cap = t.kind == segment::TokKind::Word
                && t.text.chars().next().is_some_and(char::is_uppercase);
            if !cap
                || FUNCTION_CAPS.contains(&t.text.trim_end_matches('.'))
                || lex.titles.contains(t.text.trim_end_matches('.'))
                    && i + 1 < toks.len()
                    && !toks[i + 1]
                        .text
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
            {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < toks.len() {
                let w = &toks[j];
                let capw = w.kind == segment::TokKind::Word
                    && w.text
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
                let glue = matches!(w.text, "of" | "&" | "de" | "von" | "van" | "for")
                    && toks
                        .get(j + 1)
                        .is_some_and(|n| n.text.chars().next().is_some_and(char::is_uppercase));
                if capw || glue {
                    j += 1;
                } else {
                    break;
                }
            }
            let (a, b) = (toks[i].start, toks[j - 1].end);
            let name = body[a..b].to_string();
            // A Title Case Headline is not a run of names.
            let headline_case = seg.sentences.first().is_some_and(|f| f.start == s.start)
                && !body[s.start..s.end].trim_end().ends_with(['.', '"', '”'])
                && j - i > 4;
            // A wire dateline ("NORVALE (VMP) -", "TOKYO -") names a place and an agency, not a source.
            let dateline = dateline_end(&body[s.start..s.end]).is_some_and(|e| a < s.start + e);
            if !headline_case && !dateline {
                let mut clean = strip_titles(&strip_legal(&name, lex), lex);
                let mut kind = classify_name(&clean, lex);
                // "Alan Whitcombe of Redfern": the person is "Alan Whitcombe".
                if kind == SourceType::Person {
                    if let Some((head, _)) = clean.split_once(" of ") {
                        clean = head.to_string();
                        kind = classify_name(&clean, lex);
                        if kind == SourceType::Other {
                            kind = SourceType::Person;
                        }
                    }
                }
                out.push(Mention {
                    start: a,
                    end: b,
                    name: clean,
                    kind,
                });
            }
            i = j;
        }
    }
    // A short form takes the kind of the longest name it begins ("Mitsubishi Heavy").
    let snapshot = out.clone();
    for m in out.iter_mut() {
        let full = full_form(&m.name, &snapshot);
        if full != m.name {
            if let Some(f) = snapshot.iter().find(|x| x.name == full) {
                m.kind = f.kind;
            }
        }
    }
    out
}

/// The organisation the article is about: the organisation named most often
/// (shorter names counting for the longest name they begin), first on ties.
pub fn main_org(ms: &[Mention]) -> Option<String> {
    let orgs: Vec<&Mention> = ms
        .iter()
        .filter(|m| m.kind == SourceType::Organization)
        .collect();
    let mut best: Option<(usize, usize, String)> = None;
    for (i, m) in orgs.iter().enumerate() {
        let full = full_form(&m.name, ms);
        let count = ms
            .iter()
            .filter(|x| {
                full.starts_with(&x.name) && x.name.split_whitespace().count() >= 2
                    || x.name == full
            })
            .count();
        if best
            .as_ref()
            .is_none_or(|b| count > b.0 || count == b.0 && i < b.1)
        {
            best = Some((count, i, full));
        }
    }
    best.map(|b| b.2)
}

/// The longest name in the article that starts with `name` ("Mitsubishi Heavy" -> "Mitsubishi Heavy Industries").
fn full_form(name: &str, ms: &[Mention]) -> String {
    ms.iter()
        .filter(|m| {
            m.name.len() > name.len()
                && m.name.starts_with(name)
                && m.name[name.len()..].starts_with(' ')
        })
        .map(|m| m.name.clone())
        .max_by_key(|n| n.len())
        .unwrap_or_else(|| name.to_string())
}

/// A resolved source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub name: String,
    pub kind: SourceType,
    pub parent: Option<String>,
    pub spokesperson: bool,
}

struct Ctx<'a> {
    body: &'a str,
    lex: &'a Lexicon,
    mentions: Vec<Mention>,
    main_org: Option<String>,
    /// Spans of direct quotations: names inside them are not antecedents.
    quoted: Vec<Span>,
}

impl Ctx<'_> {
    /// Most recent person named before `pos`.
    /// The gender a name's context gives it: a title before it or a role word in its appositive.
    fn gender_of(&self, name: &str) -> Option<char> {
        let last = name.split_whitespace().last()?;
        let first = name.split_whitespace().next()?;
        if name.contains(' ') {
            if let Some(g) = self.lex.gender.get(first) {
                return Some(*g);
            }
        }
        for m in self
            .mentions
            .iter()
            .filter(|m| m.kind == SourceType::Person && m.name.ends_with(last))
        {
            let before: String = self.body[..m.start]
                .chars()
                .rev()
                .take(6)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let title = before
                .trim_end()
                .trim_end_matches('.')
                .rsplit(' ')
                .next()
                .unwrap_or("");
            if let Some(g) = self.lex.gender.get(title) {
                return Some(*g);
            }
            let after: String = self.body[m.end..].chars().take(60).collect();
            if let Some(appos) = after.strip_prefix(", ") {
                let appos = appos.split([',', '.']).next().unwrap_or("");
                for w in appos.split_whitespace() {
                    if let Some(g) = self.lex.gender.get(w) {
                        return Some(*g);
                    }
                }
            }
        }
        None
    }

    fn compatible(&self, r: &Resolved, want: Option<char>) -> bool {
        let Some(want) = want else { return true };
        let person = if r.spokesperson {
            r.parent.as_deref()
        } else {
            Some(r.name.as_str())
        };
        person
            .and_then(|p| self.gender_of(p))
            .is_none_or(|g| g == want)
    }

    fn last_person(
        &self,
        pos: usize,
        earlier: &[(usize, Resolved)],
        want: Option<char>,
    ) -> Option<Resolved> {
        // The latest person before `pos`: a person speaker (or a named spokesperson) of an
        // earlier claim, or a person named outside quotations ("Golden Spread" in a quote is no one).
        let from_claims = earlier
            .iter()
            .rev()
            .find(|(p, r)| {
                *p < pos
                    && (r.kind == SourceType::Person || r.spokesperson)
                    && self.compatible(r, want)
            })
            .map(|(p, r)| (*p, r.clone()));
        let from_mentions =
            self.mentions
                .iter()
                .rev()
                .filter(|m| {
                    m.start < pos
                        && m.kind == SourceType::Person
                        && !self.quoted.iter().any(|q| q.contains(m.start))
                })
                .find(|m| {
                    let name = self.person_full(&m.name);
                    // A name not yet heard as a speaker counts only when it is clearly a person's.
                    self.gender_of(&name)
                        .is_some_and(|g| want.is_none_or(|w| w == g))
                })
                .map(|m| {
                    let name = self.person_full(&m.name);
                    let as_spokesperson = earlier.iter().rev().find(|(_, r)| {
                        r.spokesperson && r.parent.as_deref() == Some(name.as_str())
                    });
                    let r = match as_spokesperson {
                        Some((_, r)) => r.clone(),
                        None => Resolved {
                            name,
                            kind: SourceType::Person,
                            parent: None,
                            spokesperson: false,
                        },
                    };
                    (m.start, r)
                });
        match (from_claims, from_mentions) {
            (Some(c), Some(m)) => Some(if m.0 > c.0 { m.1 } else { c.1 }),
            (c, m) => c.or(m).map(|x| x.1),
        }
    }

    fn person_full(&self, name: &str) -> String {
        // "Roe" -> "Jane Roe" when the article used the full name.
        let n = name.trim();
        self.mentions
            .iter()
            .filter(|m| {
                m.kind == SourceType::Person
                    && m.name.len() > n.len()
                    && m.name.ends_with(n)
                    && !n.contains(' ')
                    && m.name[..m.name.len() - n.len()].ends_with(' ')
            })
            .map(|m| m.name.clone())
            .max_by_key(|s| s.len())
            .unwrap_or_else(|| n.to_string())
    }

    /// The organisation named in a phrase ("a U.S.-based Mitsubishi Heavy spokesman"), in full form.
    fn org_in(&self, phrase: &str) -> Option<String> {
        let mut best: Option<&Mention> = None;
        for m in &self.mentions {
            if matches!(m.kind, SourceType::Organization | SourceType::Media)
                && phrase.contains(&m.name)
                && best.is_none_or(|b| m.name.len() > b.name.len())
            {
                best = Some(m);
            }
        }
        if let Some(b) = best {
            return Some(full_form(&b.name, &self.mentions));
        }
        // A capitalised name that is a prefix of the main organisation.
        if let Some(main) = &self.main_org {
            let first_two: Vec<&str> = main.split_whitespace().take(2).collect();
            if !first_two.is_empty() && phrase.contains(&first_two.join(" ")) {
                return Some(main.clone());
            }
        }
        None
    }

    /// The outlet named last before `pos`, else the first one named after it.
    fn last_media(&self, pos: usize) -> Option<String> {
        self.mentions
            .iter()
            .rev()
            .find(|m| m.start < pos && m.kind == SourceType::Media)
            .or_else(|| {
                self.mentions
                    .iter()
                    .find(|m| m.start >= pos && m.kind == SourceType::Media)
            })
            .map(|m| full_form(&m.name, &self.mentions))
    }

    /// Resolves a claim's speaker; a speaker phrase no rule can place stays a source
    /// of its own ("Several cast members", "Those close to him"), kind `other`.
    fn resolve(&self, raw: &RawClaim, earlier: &[(usize, Resolved)]) -> Option<Resolved> {
        self.resolve_known(raw, earlier).or_else(|| {
            let sp = raw.speaker?;
            let text = self.body[sp.start..sp.end].trim();
            let name = strip_determiner(&text.to_lowercase().replace('’', "'"));
            let name = if text.chars().next().is_some_and(char::is_uppercase)
                && text.split_whitespace().count() == 1
            {
                text.to_string()
            } else {
                name
            };
            (!name.is_empty()).then_some(Resolved {
                name,
                kind: SourceType::Other,
                parent: None,
                spokesperson: false,
            })
        })
    }

    fn resolve_known(&self, raw: &RawClaim, earlier: &[(usize, Resolved)]) -> Option<Resolved> {
        let lex = self.lex;
        let pos = raw.span().start;
        let Some(sp) = raw.speaker else {
            // Passive ("it was confirmed that"): the organisation the article is about.
            return self.main_org.clone().map(|name| Resolved {
                name,
                kind: SourceType::Organization,
                parent: None,
                spokesperson: false,
            });
        };
        let text = self.body[sp.start..sp.end].trim();
        let lower = text.to_lowercase().replace('’', "'");
        let words: Vec<&str> = lower.split_whitespace().collect();
        // Pronouns.
        match lower.as_str() {
            "he" => return self.last_person(sp.start, earlier, Some('m')),
            "she" => return self.last_person(sp.start, earlier, Some('f')),
            "i" => return self.last_person(sp.start, earlier, None),
            "it" => {
                return self.main_org.clone().map(|name| Resolved {
                    name,
                    kind: SourceType::Organization,
                    parent: None,
                    spokesperson: false,
                })
            }
            "they" | "we" => {
                return earlier
                    .iter()
                    .rev()
                    .find(|(p, r)| *p < sp.start && r.kind != SourceType::Person)
                    .map(|(_, r)| r.clone())
                    .or_else(|| {
                        self.main_org.clone().map(|name| Resolved {
                            name,
                            kind: SourceType::Organization,
                            parent: None,
                            spokesperson: false,
                        })
                    })
            }
            _ => {}
        }
        // Unnamed sources, with the outlet that cites them.
        if lex.unnamed.iter().any(|u| contains_phrase(&lower, u)) {
            let parent = raw
                .conduit
                .map(|c| self.body[c.start..c.end].to_string())
                .and_then(|c| {
                    let cl = c.to_lowercase();
                    if lex.media_nouns.iter().any(|n| cl.ends_with(n.as_str()))
                        && self.org_in(&c).is_none()
                    {
                        self.last_media(pos)
                    } else {
                        self.org_in(&c).or(Some(strip_legal(&c, lex)))
                    }
                })
                .or_else(|| {
                    // "sources told the Asahi Shimbun" / "citing unnamed sources" with a paper earlier in the sentence.
                    let sent = self
                        .body
                        .get(sp.start.saturating_sub(200)..sp.start)
                        .unwrap_or("");
                    let sl = sent.to_lowercase();
                    (sl.contains("citing")
                        || sl.contains("quoted")
                        || sl.contains("cited")
                        || sl.contains("according to"))
                    .then(|| self.last_media(sp.start))
                    .flatten()
                });
            let core = unnamed_core(&lower, lex);
            return Some(Resolved {
                name: core,
                kind: SourceType::Unnamed,
                parent,
                spokesperson: false,
            });
        }
        // Names in the phrase.
        let org = self.org_in(text);
        let role = words.iter().rev().find_map(|w| lex.roles.get(*w).copied());
        let role_any = words.iter().find_map(|w| lex.roles.get(*w).copied());
        let caps: Vec<&str> = text
            .split_whitespace()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .collect();
        let after = self.body[sp.end..].chars().take(80).collect::<String>();
        // Appositive after the name: "Kenji Arata, a spokesman for Mitsubishi Heavy, said".
        let appos = after
            .strip_prefix(", ")
            .map(|a| a.split([',', '.']).next().unwrap_or("").to_string());
        match role.or(role_any) {
            Some(RoleKind::Spokesperson) | Some(RoleKind::Document) | Some(RoleKind::Subject) => {
                let Some(name) = org.or_else(|| self.main_org.clone()) else {
                    // "A spokesman said" with no organisation in sight: an unnamed source.
                    return Some(Resolved {
                        name: strip_determiner(&lower),
                        kind: SourceType::Unnamed,
                        parent: None,
                        spokesperson: false,
                    });
                };
                let kind = if self
                    .mentions
                    .iter()
                    .any(|m| m.kind == SourceType::Media && name.starts_with(&m.name))
                {
                    SourceType::Media
                } else {
                    SourceType::Organization
                };
                return Some(Resolved {
                    name,
                    kind,
                    parent: None,
                    spokesperson: role == Some(RoleKind::Spokesperson),
                });
            }
            _ => {}
        }
        // Capitals that do not make a name: sentence-initial function words ("The mayor"),
        // role nouns ("Officials said"), and a first word that the article also writes in
        // lowercase ("Health officials" beside "the health authority").
        let caps: Vec<&str> = caps
            .into_iter()
            .enumerate()
            .filter(|(i, c)| {
                let l = c.to_lowercase();
                let l = l.trim_end_matches(['.', ',']);
                !(FUNCTION_CAPS.contains(&c.trim_end_matches('.'))
                    || lex.roles.contains_key(l)
                    || lex.stopwords.contains(l)
                    || (*i == 0
                        && text.starts_with(*c)
                        && classify_name(c, lex) == SourceType::Other
                        && contains_phrase(self.body, l)))
            })
            .map(|(_, c)| c)
            .collect();
        let first = caps.first().copied().unwrap_or("");
        // "a Japanese newspaper reported": the outlet named nearby.
        if words.last().is_some_and(|w| lex.media_nouns.contains(*w))
            && matches!(words.first().copied(), Some("a" | "an" | "the" | "one"))
            && org.is_none()
        {
            if let Some(name) = self.last_media(sp.start) {
                return Some(Resolved {
                    name,
                    kind: SourceType::Media,
                    parent: None,
                    spokesperson: false,
                });
            }
        }
        let is_generic_start = matches!(
            words.first().copied(),
            Some(
                "a" | "an"
                    | "the"
                    | "one"
                    | "two"
                    | "three"
                    | "some"
                    | "several"
                    | "many"
                    | "its"
                    | "their"
                    | "his"
                    | "her"
            )
        );
        // Named speaker.
        let only_org_words = caps
            .iter()
            .all(|c| org.as_ref().is_some_and(|o| o.contains(c)));
        if !caps.is_empty() && (!is_generic_start || !only_org_words) {
            let run = caps_run(text);
            let run = match run.split_once(" of ") {
                Some((head, _))
                    if classify_name(&run, lex) != SourceType::Organization
                        && classify_name(&run, lex) != SourceType::Media =>
                {
                    head.to_string()
                }
                _ => run,
            };
            let name = strip_titles(&strip_legal(&run, lex), lex);
            if let Some(o) = org
                .as_ref()
                .filter(|o| o.contains(&name) || name.contains(o.as_str()) || o.starts_with(&name))
            {
                let kind = classify_name(o, lex);
                let kind = if kind == SourceType::Person {
                    SourceType::Organization
                } else {
                    kind
                };
                return Some(Resolved {
                    name: o.clone(),
                    kind,
                    parent: None,
                    spokesperson: false,
                });
            }
            let mut kind = classify_name(&name, lex);
            if kind == SourceType::Other && name.split_whitespace().count() == 1 {
                // A surname, or a one-word organisation.
                let full = self.person_full(&name);
                if full != name
                    || self
                        .mentions
                        .iter()
                        .any(|m| m.kind == SourceType::Person && m.name == name)
                {
                    return Some(self.person_or_spokesperson(full, appos.as_deref()));
                }
                if first == name && self.main_org.as_ref().is_some_and(|m| m.starts_with(&name)) {
                    return Some(Resolved {
                        name: self.main_org.clone().unwrap_or(name),
                        kind: SourceType::Organization,
                        parent: None,
                        spokesperson: false,
                    });
                }
                kind = if lex.media_words.contains(name.as_str()) {
                    SourceType::Media
                } else {
                    SourceType::Organization
                };
            }
            if kind == SourceType::Person {
                let full = self.person_full(&name);
                return Some(self.person_or_spokesperson(full, appos.as_deref()));
            }
            let name = if kind == SourceType::Organization || kind == SourceType::Media {
                full_form(&name, &self.mentions)
            } else {
                name
            };
            return Some(Resolved {
                name,
                kind,
                parent: None,
                spokesperson: false,
            });
        }
        // Generic role with an organisation: "the company's chief executive".
        if let Some(o) = org {
            return Some(Resolved {
                name: o,
                kind: SourceType::Organization,
                parent: None,
                spokesperson: false,
            });
        }
        match role_any {
            // "the agency said": the institution of that kind named before it.
            Some(RoleKind::Organization) if words.first() == Some(&"the") => {
                let head = words.last().copied().unwrap_or("");
                let named = self
                    .mentions
                    .iter()
                    .rev()
                    .filter(|m| m.start < sp.start && m.kind == SourceType::Organization)
                    .find(|m| m.name.to_lowercase().contains(head))
                    .or_else(|| {
                        // Otherwise the public body named last before it.
                        self.mentions.iter().rev().find(|m| {
                            m.start < sp.start
                                && m.kind == SourceType::Organization
                                && full_form(&m.name, &self.mentions)
                                    .split_whitespace()
                                    .last()
                                    .is_some_and(|w| lex.institution_words.contains(w))
                        })
                    });
                Some(Resolved {
                    name: named
                        .map(|m| full_form(&m.name, &self.mentions))
                        .unwrap_or_else(|| strip_determiner(&lower)),
                    kind: SourceType::Organization,
                    parent: None,
                    spokesperson: false,
                })
            }
            Some(RoleKind::Organization) => Some(Resolved {
                name: strip_determiner(&lower),
                kind: SourceType::Organization,
                parent: None,
                spokesperson: false,
            }),
            Some(RoleKind::Person) => Some(Resolved {
                name: strip_determiner(&lower),
                kind: SourceType::Unnamed,
                parent: None,
                spokesperson: false,
            }),
            _ => {
                if lex
                    .media_nouns
                    .iter()
                    .any(|n| words.last() == Some(&n.as_str()))
                {
                    return self.last_media(sp.start).map(|name| Resolved {
                        name,
                        kind: SourceType::Media,
                        parent: None,
                        spokesperson: false,
                    });
                }
                None
            }
        }
    }

    /// The organisation a spokesperson's appositive names ("a spokeswoman for Acme"),
    /// or the article's main organisation when the appositive names none.
    fn spokesperson_for(&self, appos: &str) -> Option<String> {
        let is_spox = appos
            .to_lowercase()
            .split_whitespace()
            .any(|w| self.lex.roles.get(w) == Some(&RoleKind::Spokesperson));
        if is_spox {
            self.org_in(appos).or_else(|| self.main_org.clone())
        } else {
            None
        }
    }

    fn person_or_spokesperson(&self, name: String, appos: Option<&str>) -> Resolved {
        let spokesperson = |org: String, name: String| Resolved {
            name: org,
            kind: SourceType::Organization,
            parent: Some(name),
            spokesperson: true,
        };
        if let Some(a) = appos {
            if let Some(org) = self.spokesperson_for(a) {
                return spokesperson(org, name);
            }
            if let Some(org) = self.org_in(a) {
                return Resolved {
                    name,
                    kind: SourceType::Person,
                    parent: Some(org),
                    spokesperson: false,
                };
            }
        }
        // A spokesperson named earlier in the article keeps speaking for the organisation.
        for m in self
            .mentions
            .iter()
            .filter(|m| m.kind == SourceType::Person && m.name == name)
        {
            let after = self.body[m.end..].chars().take(80).collect::<String>();
            if let Some(a) = after.strip_prefix(", ") {
                if let Some(org) = self.spokesperson_for(a.split([',', '.']).next().unwrap_or("")) {
                    return spokesperson(org, name);
                }
            }
        }
        Resolved {
            name,
            kind: SourceType::Person,
            parent: None,
            spokesperson: false,
        }
    }
}

fn contains_phrase(hay: &str, needle: &str) -> bool {
    crate::normalise::has_phrase(hay, needle)
}

fn strip_determiner(s: &str) -> String {
    let mut w: Vec<&str> = s.split_whitespace().collect();
    while w.len() > 1
        && matches!(
            w[0],
            "a" | "an" | "the" | "some" | "one" | "two" | "three" | "several" | "many"
        )
    {
        w.remove(0);
    }
    w.join(" ")
}

/// Canonical label of an unnamed source: "unnamed sources", "people familiar with the matter" -> itself.
fn unnamed_core(lower: &str, _lex: &Lexicon) -> String {
    let s = strip_determiner(lower);
    if s.contains("source") {
        "unnamed sources".to_string()
    } else {
        s
    }
}

/// The run of capitalised words (with glue words) in a speaker phrase.
fn caps_run(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut best: Vec<&str> = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for w in words {
        let cap = w.chars().next().is_some_and(|c| c.is_uppercase());
        if cap && !matches!(w, "The" | "A" | "An") || (!cur.is_empty() && matches!(w, "of" | "&")) {
            cur.push(
                w.trim_end_matches(['\'', '’', ','])
                    .trim_end_matches("'s")
                    .trim_end_matches("’s"),
            );
        } else {
            if cur.len() > best.len() {
                best = std::mem::take(&mut cur);
            }
            cur.clear();
        }
    }
    if cur.len() > best.len() {
        best = cur;
    }
    while best.last().is_some_and(|w| matches!(*w, "of" | "&")) {
        best.pop();
    }
    best.join(" ")
}

/// Resolves every raw claim of an article into a [`Claim`].
pub fn resolve_article(
    body: &str,
    seg: &Segmented,
    raws: &[RawClaim],
    lex: &Lexicon,
) -> (Vec<Claim>, Option<String>) {
    let ms = mentions(body, seg, lex);
    let main = main_org(&ms);
    let ctx = Ctx {
        body,
        lex,
        mentions: ms,
        main_org: main,
        quoted: raws
            .iter()
            .filter(|r| r.kind != crate::model::ClaimKind::Indirect)
            .flat_map(|r| r.pieces.iter().copied())
            .collect(),
    };
    let ranks = crate::normalise::time_ranks(body, seg, lex);
    let mut earlier: Vec<(usize, Resolved)> = Vec::new();
    let mut out = Vec::new();
    for raw in raws {
        let Some(r) = ctx.resolve(raw, &earlier) else {
            continue;
        };
        if r.name.trim().is_empty() {
            continue;
        }
        earlier.push((raw.span().start, r.clone()));
        let span = raw.span();
        let text = if raw.pieces.len() > 1 {
            raw.pieces
                .iter()
                .map(|p| body[p.start..p.end].trim_end_matches(','))
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            body[span.start..span.end].to_string()
        };
        let cue_class = raw
            .cue
            .as_ref()
            .map(|c| c.1.class.clone())
            .unwrap_or_else(|| "assert".into());
        let (polarity, modality) = crate::normalise::polarity_modality(&text, &cue_class, lex);
        let sentence = seg
            .sentences
            .get(raw.sentence)
            .map(|s| body[s.start..s.end].to_string())
            .unwrap_or_default();
        out.push(Claim {
            kind: raw.kind,
            text,
            start: span.start,
            end: span.end,
            speaker: raw.speaker.map(|s| body[s.start..s.end].to_string()),
            speaker_start: raw.speaker.map(|s| s.start),
            speaker_end: raw.speaker.map(|s| s.end),
            source: r.name,
            source_type: r.kind,
            source_parent: r.parent,
            cue: raw
                .cue
                .as_ref()
                .map(|c| body[c.0.start..c.0.end].to_string()),
            cue_start: raw.cue.as_ref().map(|c| c.0.start),
            cue_end: raw.cue.as_ref().map(|c| c.0.end),
            cue_class,
            polarity,
            modality,
            sentence,
            sentence_index: raw.sentence,
            time_rank: ranks.get(raw.sentence).copied().unwrap_or(0),
            content_rule: raw.content_rule,
            speaker_rule: raw.speaker_rule,
        });
    }
    // Topic context: the main organisation first, then every other organisation named,
    // including multiword names that are not clearly people ("Norvale Water").
    let mut topic: Vec<String> = ctx.main_org.iter().cloned().collect();
    for m in &ctx.mentions {
        let org_like = match m.kind {
            SourceType::Organization | SourceType::Media => true,
            SourceType::Person => m.name.contains(' ') && ctx.gender_of(&m.name).is_none(),
            _ => false,
        };
        if org_like && !topic.iter().any(|t| t.starts_with(&m.name)) {
            topic.push(full_form(&m.name, &ctx.mentions));
        }
    }
    (
        out,
        if topic.is_empty() {
            None
        } else {
            Some(topic.join("; "))
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pronouns_agree_in_gender_and_skip_names_in_quotes() {
        let lx = Lexicon::builtin().unwrap();
        let body = "Tessa Okafor, a spokeswoman for Acme Motors, said the plant was safe. \
                    Gareth Pryce, a union leader, said workers were worried. \
                    She said the company would invest more. \
                    \"Golden Spread is our best product,\" Pryce said. He said sales were falling.";
        let claims = crate::extract::extract(body, &lx).claims;
        let src = |needle: &str| {
            claims
                .iter()
                .find(|c| c.text.contains(needle))
                .map(|c| c.source.clone())
                .unwrap()
        };
        assert_eq!(src("invest more"), "Acme Motors");
        assert_eq!(src("sales were falling"), "Gareth Pryce");
    }

    #[test]
    fn role_subjects_without_names_are_unnamed_sources() {
        let lx = Lexicon::builtin().unwrap();
        for (text, name) in [
            ("The mayor said: \u{201c}We will build it.\u{201d}", "mayor"),
            ("A spokesman said the plant was safe.", "spokesman"),
            ("Officials believe the dam is safe.", "officials"),
        ] {
            let claims = crate::extract::extract(text, &lx).claims;
            assert_eq!(claims.len(), 1, "{text}");
            assert_eq!(claims[0].source, name);
            assert_eq!(claims[0].source_type, SourceType::Unnamed);
        }
    }

    #[test]
    fn legal_suffix_and_titles_are_dropped() {
        let lx = Lexicon::builtin().unwrap();
        assert_eq!(strip_legal("Halvorsen Foods Inc.", &lx), "Halvorsen Foods");
        assert_eq!(strip_titles("Mayor Alan Whitcombe", &lx), "Alan Whitcombe");
    }

    #[test]
    fn main_org_counts_short_forms_for_the_full_name() {
        let lx = Lexicon::builtin().unwrap();
        let body = "Mitsubishi Heavy Industries said it was hit. Mitsubishi Heavy later said more. The Asahi Shimbun reported it.";
        let seg = segment::segment(body, &lx);
        let ms = mentions(body, &seg, &lx);
        assert_eq!(
            main_org(&ms).as_deref(),
            Some("Mitsubishi Heavy Industries")
        );
        assert!(ms
            .iter()
            .any(|m| m.name == "Asahi Shimbun" && m.kind == SourceType::Media));
    }
}
