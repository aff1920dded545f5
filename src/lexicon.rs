//! Word lists and phrase tables used by every stage, loaded from data files.
//!
//! Takes: the files under `src/lexicon/` (embedded at build), or same-named
//! files in a user directory (`--lexicon DIR` / `$CLAIMTRACE_LEXICON`) that
//! replace them one by one. Gives: a [`Lexicon`] with fast lookups.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use regex::{Regex, RegexSet};

use crate::error::LexiconError;

/// The embedded default files, by file name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("cues.tsv", include_str!("lexicon/cues.tsv")),
    ("roles.txt", include_str!("lexicon/roles.txt")),
    ("unnamed.txt", include_str!("lexicon/unnamed.txt")),
    (
        "organizations.txt",
        include_str!("lexicon/organizations.txt"),
    ),
    ("modality.txt", include_str!("lexicon/modality.txt")),
    ("nonclaims.txt", include_str!("lexicon/nonclaims.txt")),
    ("temporal.txt", include_str!("lexicon/temporal.txt")),
    ("boilerplate.txt", include_str!("lexicon/boilerplate.txt")),
    (
        "abbreviations.txt",
        include_str!("lexicon/abbreviations.txt"),
    ),
    ("stopwords.txt", include_str!("lexicon/stopwords.txt")),
    ("synonyms.txt", include_str!("lexicon/synonyms.txt")),
    ("antonyms.txt", include_str!("lexicon/antonyms.txt")),
    ("stance.txt", include_str!("lexicon/stance.txt")),
    ("titles.txt", include_str!("lexicon/titles.txt")),
    ("gender.txt", include_str!("lexicon/gender.txt")),
    ("entities.txt", include_str!("lexicon/entities.txt")),
    ("content.txt", include_str!("lexicon/content.txt")),
    ("relation.txt", include_str!("lexicon/relation.txt")),
    ("word_freq.txt", include_str!("lexicon/word_freq.txt")),
    ("places.txt", include_str!("lexicon/places.txt")),
    (
        "proper_adjectives.txt",
        include_str!("lexicon/proper_adjectives.txt"),
    ),
];

/// Context words that type entities (`entities.txt`).
#[derive(Debug, Clone, Default)]
pub struct EntityWords {
    /// Capitalised words that never begin a name.
    pub not_name_start: HashSet<String>,
    /// "X's <noun>" makes X an organisation.
    pub org_possessed: Vec<Vec<String>>,
    /// "<phrase> X" makes X an organisation.
    pub org_before: Vec<Vec<String>>,
    /// "X, <word>" makes X a person.
    pub person_after: HashSet<String>,
    /// "X, <word>" makes X an organisation.
    pub org_after: HashSet<String>,
    /// Generic nouns that stand for an organisation named earlier.
    pub org_nouns: HashSet<String>,
    /// Generic nouns for public bodies ("the force", "the regulator").
    pub public_nouns: HashSet<String>,
    /// Words that make a role another post ("vice president", "deputy
    /// minister", "former chairman"): a role phrase and its holder agree on them.
    pub rank_words: HashSet<String>,
    /// Words that put a role in the past ("former secretary of state"): it
    /// gives no parent organisation.
    pub former_words: HashSet<String>,
    /// Bodies formed around one person ("the Obama administration", "the
    /// Trump campaign"): a person's name before one names the body, not the person.
    pub person_bodies: HashSet<String>,
    /// Words that make a name a place by its shape: first words ("Lake
    /// Winola", "Mount Hood") and last words ("Court Street", "Ohio River").
    pub place_first: HashSet<String>,
    pub place_last: HashSet<String>,
    /// Last words of names of events, laws and prizes (`[event_last]`).
    pub event_last: HashSet<String>,
}

/// Time words read in a claim's attribution (`temporal.txt`, sections validated on load).
#[derive(Debug, Clone, Default)]
pub struct Temporal {
    /// Markers of an earlier stage ("initially", "at the time"), as lowercase words.
    pub earlier: Vec<Vec<String>>,
    /// Markers of the newest development ("has since", "now").
    pub later: Vec<Vec<String>>,
    /// Auxiliaries that make a cue pluperfect ("had").
    pub pluperfect: HashSet<String>,
    /// Words allowed between that auxiliary and the cue ("also", "long").
    pub adverbs: HashSet<String>,
    /// Words that make a following month or weekday a date ("on", "in", "last").
    pub date_prepositions: HashSet<String>,
    /// Phrases dating a claim back from the article's date ("yesterday" 1 day).
    pub ago: Vec<(Vec<String>, jiff::Span)>,
}

/// Meaning of a cue verb, from `cues.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    pub class: String,
    pub lemma: String,
    /// Number of words in the form (`according_to` is 2).
    pub words: Vec<String>,
    /// A regular inflection the file does not list (`states`, `stressing`),
    /// made from the lemma: a cue only where the tagger reads it as a verb.
    pub derived: bool,
}

/// Regular third-person and -ing forms of a one-word verb lemma: "state" ->
/// "states", "stating"; "deny" -> "denies", "denying"; "stress" -> "stresses".
pub fn regular_forms(lemma: &str) -> Vec<String> {
    if lemma.is_empty() || !lemma.bytes().all(|b| b.is_ascii_lowercase()) {
        return Vec::new();
    }
    // "deny" -> "deni(es)", not "say" -> "sai(es)".
    let consonant_y_stem = lemma
        .strip_suffix('y')
        .filter(|stem| stem.ends_with(|c: char| !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')));
    let third = if let Some(stem) = consonant_y_stem {
        format!("{stem}ies")
    } else if ["s", "sh", "ch", "x", "z", "o"]
        .iter()
        .any(|e| lemma.ends_with(e))
    {
        format!("{lemma}es")
    } else {
        format!("{lemma}s")
    };
    let e_stem = lemma
        .strip_suffix('e')
        .filter(|stem| !stem.ends_with('e') && lemma.len() > 2);
    let ing = if let Some(stem) = lemma.strip_suffix("ie") {
        format!("{stem}ying")
    } else if let Some(stem) = e_stem {
        format!("{stem}ing")
    } else {
        format!("{lemma}ing")
    };
    vec![third, ing]
}

/// A role noun and what a speaker phrase headed by it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleKind {
    Spokesperson,
    Person,
    Organization,
    Document,
    /// "the company", "the firm": the organisation the article is about.
    Subject,
}

#[derive(Debug)]
pub struct Lexicon {
    /// First word of a cue form (lowercase) -> the forms starting with it.
    pub cues: HashMap<String, Vec<Cue>>,
    pub roles: HashMap<String, RoleKind>,
    pub unnamed: Vec<String>,
    pub org_words: HashSet<String>,
    pub legal_suffixes: HashSet<String>,
    /// Last words of public bodies ("Agency", "Directorate"): what "the agency" or "the regulator" may mean.
    pub institution_words: HashSet<String>,
    pub media_words: HashSet<String>,
    pub media_nouns: HashSet<String>,
    pub hedges: Vec<Vec<String>>,
    pub negations: Vec<Vec<String>>,
    /// Phrases that hold a negation word but negate nothing ("no fewer than", "not only").
    pub not_negations: Vec<Vec<String>>,
    pub nonclaims: Vec<String>,
    /// Time words of attributions (`temporal.txt`).
    pub temporal: Temporal,
    pub boilerplate: RegexSet,
    pub abbreviations: HashSet<String>,
    pub stopwords: HashSet<String>,
    /// Names WordNet knows first as places (`places.txt`, generated), lowercase.
    pub places: HashSet<String>,
    /// Adjectives of names ("democratic", "mexican"; `proper_adjectives.txt`, generated), lowercase.
    pub proper_adjectives: HashSet<String>,
    /// word (lowercase) -> synonym group name.
    pub synonyms: HashMap<String, String>,
    /// Opposed phrase pairs, each side as lowercase words.
    pub antonyms: Vec<(Vec<String>, Vec<String>)>,
    pub stance_refute: Vec<Vec<String>>,
    pub stance_hedge: Vec<Vec<String>>,
    pub stance_support: Vec<Vec<String>>,
    pub stance_contrast: Vec<Vec<String>>,
    pub titles: HashSet<String>,
    /// Titles that are titles only with their full stop (`titles.txt` lines ending
    /// in "."): "Del. Stacey Plaskett" is a delegate, "Del Harris" a first name.
    pub titles_dotted: HashSet<String>,
    /// Gender cue words ("spokeswoman", "Mr") -> 'f' or 'm'.
    pub gender: HashMap<String, char>,
    pub entities: EntityWords,
    /// Words that open a content that is no proposition (`content.txt`).
    pub not_proposition_start: HashSet<String>,
    /// Cue lemmas after which "X to <verb>" is a directive (`content.txt`).
    pub directive_cues: HashSet<String>,
    /// Cue lemmas whose "that" clause with a bare verb is a demand (`content.txt`).
    pub mandative_cues: HashSet<String>,
    /// Cue lemmas whose object is a proposition even without a verb in its first
    /// clause (`content.txt`, `[clausal_cues]`).
    pub clausal_cues: HashSet<String>,
    /// Words opening a commenting relative clause (`content.txt`,
    /// `[relative_pronouns]`).
    pub relative_pronouns: HashSet<String>,
    /// Words that, right before a cue's speaker, are the cue's object
    /// (`content.txt`, `[object_pronouns]`).
    pub object_pronouns: HashSet<String>,
    /// Nouns of an attribution's medium ("in an interview") that end a content (`content.txt`).
    pub attribution_media: HashSet<String>,
    /// Cue lemmas whose subject may be an empty "it" ("it seems that"; `content.txt [raising_cues]`).
    pub raising_cues: HashSet<String>,
    /// What the relation engine reads beyond WordNet (`relation.txt`).
    pub relation: RelationWords,
    /// How common words are in general English (`word_freq.txt`): counts by stem.
    pub general: GeneralFrequency,
}

/// Word counts of a general English corpus (`word_freq.txt`), keyed by stem.
#[derive(Debug, Clone, Default)]
pub struct GeneralFrequency {
    pub counts: HashMap<String, u32>,
    /// Tokens the counts were taken from.
    pub tokens: u32,
}

impl GeneralFrequency {
    /// How rare a stem is in general English, 0..1: ln((N + 1) / (count + 1)) / ln(N + 1).
    /// A word never seen in the corpus (a name, a technical word) is 1; "be" is near 0.
    pub fn rarity(&self, stem: &str) -> f32 {
        let n = self.tokens.max(1) as f32;
        let c = self.counts.get(stem).copied().unwrap_or(0) as f32;
        (((n + 1.0) / (c + 1.0)).ln() / (n + 1.0).ln()).clamp(0.0, 1.0)
    }
}

/// Sections of `relation.txt`: phrases as lowercase words.
#[derive(Debug, Clone, Default)]
pub struct RelationWords {
    /// A speaker takes back what was said ("we were mistaken").
    pub retraction: Vec<Vec<String>>,
    /// The claim covers all of something ("all", "none", "solely").
    pub totality: Vec<Vec<String>>,
    /// The evidence states a part of something ("some", "two of", "most").
    pub partial: Vec<Vec<String>>,
    /// A statement that declines to answer ("declined to comment").
    pub non_answer: Vec<Vec<String>>,
    /// Words too general to make two claims about one thing.
    pub light: HashSet<String>,
    /// Words that negate what follows without "not" ("avoided paying").
    pub implicit_negation: HashSet<String>,
}

fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

/// Non-empty lines with their numbers, header comments included (`word_freq.txt`
/// keeps its token total in a `# tokens<TAB>N` line); other comment lines are skipped.
fn text_lines_with_comments(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end()))
        .filter(|(_, l)| {
            !l.trim().is_empty() && (!l.starts_with('#') || l.starts_with("# tokens\t"))
        })
}

/// Splits a file with `[section]` headings into (section, line number, line).
fn sections(text: &str) -> Vec<(String, usize, String)> {
    let mut out = Vec::new();
    let mut current = String::new();
    for (n, l) in lines(text) {
        if let Some(name) = l.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            current = name.to_string();
        } else {
            out.push((current.clone(), n, l.to_string()));
        }
    }
    out
}

/// Lowercase words of a phrase, with "n't" split off like the tokenizer does.
pub fn phrase_words(p: &str) -> Vec<String> {
    crate::segment::words(p)
        .into_iter()
        .map(|(_, w)| w.to_lowercase())
        .collect()
}

impl Lexicon {
    /// The embedded lexicon.
    pub fn builtin() -> Result<Self, LexiconError> {
        Self::load(None)
    }

    /// Loads the embedded files, each replaced by `dir/NAME` when that exists.
    pub fn load(dir: Option<&Path>) -> Result<Self, LexiconError> {
        let mut files: HashMap<&str, String> = HashMap::new();
        for (name, text) in BUILTIN {
            let mut body = text.to_string();
            if let Some(d) = dir {
                let p = d.join(name);
                if p.exists() {
                    body = std::fs::read_to_string(&p).map_err(|e| LexiconError::Io {
                        path: p.display().to_string(),
                        source: e,
                    })?;
                }
            }
            files.insert(name, body);
        }
        let get = |n: &str| files.get(n).map(String::as_str).unwrap_or("");

        let mut cues: HashMap<String, Vec<Cue>> = HashMap::new();
        for (n, l) in lines(get("cues.tsv")) {
            let cols: Vec<&str> = l.split('\t').collect();
            let [class, lemma, forms, ..] = cols.as_slice() else {
                return Err(LexiconError::Format {
                    file: "cues.tsv".into(),
                    line: n,
                    reason: "expected 3 tab-separated columns: class, lemma, forms".into(),
                });
            };
            let listed: Vec<String> = forms.split_whitespace().map(str::to_lowercase).collect();
            for form in &listed {
                // A cue is looked up by its first word.
                let first = form.split('_').next().unwrap_or(form).to_string();
                let cue = Cue {
                    class: class.to_string(),
                    lemma: lemma.to_string(),
                    words: form.split('_').map(str::to_string).collect(),
                    derived: false,
                };
                cues.entry(first).or_default().push(cue);
            }
            // Inflections the file leaves out, for verbs of one word that the file lists
            // as cues on their own ("allow" only as "allowed_that" stays that narrow).
            if *class != "noun" && listed.iter().any(|f| !f.contains('_')) {
                for form in regular_forms(lemma) {
                    if listed.contains(&form) {
                        continue;
                    }
                    let cue = Cue {
                        class: class.to_string(),
                        lemma: lemma.to_string(),
                        words: vec![form.clone()],
                        derived: true,
                    };
                    cues.entry(form).or_default().push(cue);
                }
            }
        }
        // Longest forms first so "according to" wins over shorter matches.
        for v in cues.values_mut() {
            v.sort_by_key(|c| std::cmp::Reverse(c.words.len()));
        }

        let mut roles = HashMap::new();
        for (n, l) in lines(get("roles.txt")) {
            let (word, kind) = l.rsplit_once('\t').ok_or_else(|| LexiconError::Format {
                file: "roles.txt".into(),
                line: n,
                reason: "expected `noun<TAB>kind`".into(),
            })?;
            let kind = match kind.trim() {
                "spokesperson" => RoleKind::Spokesperson,
                "person" => RoleKind::Person,
                "organization" => RoleKind::Organization,
                "document" => RoleKind::Document,
                "subject" => RoleKind::Subject,
                other => {
                    return Err(LexiconError::Format {
                        file: "roles.txt".into(),
                        line: n,
                        reason: format!("unknown role kind `{other}` (spokesperson, person, organization, document, subject)"),
                    })
                }
            };
            roles.insert(word.trim().to_lowercase(), kind);
        }

        let unnamed = lines(get("unnamed.txt"))
            .map(|(_, l)| l.to_lowercase())
            .collect();

        let mut org_words = HashSet::new();
        let mut legal_suffixes = HashSet::new();
        let mut institution_words = HashSet::new();
        let mut media_words = HashSet::new();
        let mut media_nouns = HashSet::new();
        for (sec, _, l) in sections(get("organizations.txt")) {
            match sec.as_str() {
                "org" => org_words.insert(l),
                "legal" => legal_suffixes.insert(l),
                "institution" => {
                    org_words.insert(l.clone());
                    institution_words.insert(l)
                }
                "media" => media_words.insert(l),
                _ => media_nouns.insert(l.to_lowercase()),
            };
        }

        let mut hedges = Vec::new();
        let mut negations = Vec::new();
        let mut not_negations = Vec::new();
        for (sec, _, l) in sections(get("modality.txt")) {
            if sec == "hedge" {
                hedges.push(phrase_words(&l));
            } else if sec == "not_negation" {
                not_negations.push(phrase_words(&l));
            } else {
                negations.push(phrase_words(&l));
            }
        }

        let nonclaims = lines(get("nonclaims.txt"))
            .map(|(_, l)| l.to_lowercase())
            .collect();

        let mut temporal = Temporal::default();
        for (sec, n, l) in sections(get("temporal.txt")) {
            let bad = |reason: String| LexiconError::Format {
                file: "temporal.txt".into(),
                line: n,
                reason,
            };
            match sec.as_str() {
                "earlier" => temporal.earlier.push(phrase_words(&l)),
                "later" => temporal.later.push(phrase_words(&l)),
                "pluperfect" => {
                    temporal.pluperfect.insert(l.to_lowercase().replace('’', "'"));
                }
                "adverb" => {
                    temporal.adverbs.insert(l.to_lowercase());
                }
                "date_preposition" => {
                    temporal.date_prepositions.insert(l.to_lowercase());
                }
                "ago" => {
                    let (phrase, span) = l
                        .split_once('\t')
                        .ok_or_else(|| bad("expected `phrase<TAB>span` (\"1 day\")".into()))?;
                    let span: jiff::Span = span
                        .trim()
                        .parse()
                        .map_err(|e| bad(format!("`{}` is not a span: {e}", span.trim())))?;
                    temporal.ago.push((phrase_words(phrase), span));
                }
                other => {
                    return Err(bad(format!(
                        "unknown section `[{other}]` (earlier, later, pluperfect, adverb, date_preposition, ago)"
                    )))
                }
            }
        }

        let mut pats = Vec::new();
        for (n, l) in lines(get("boilerplate.txt")) {
            // ASCII word boundaries keep the fast regex engines usable on non-ASCII text.
            let p = format!("(?i){}", l.replace("\\b", "(?-u:\\b)"));
            Regex::new(&p).map_err(|e| LexiconError::Format {
                file: "boilerplate.txt".into(),
                line: n,
                reason: e.to_string(),
            })?;
            pats.push(p);
        }
        let boilerplate = RegexSet::new(&pats).map_err(|e| LexiconError::Format {
            file: "boilerplate.txt".into(),
            line: 0,
            reason: e.to_string(),
        })?;

        let abbreviations = lines(get("abbreviations.txt"))
            .map(|(_, l)| l.to_string())
            .collect();
        let places = lines(get("places.txt"))
            .map(|(_, l)| l.to_lowercase())
            .collect();
        let proper_adjectives = lines(get("proper_adjectives.txt"))
            .map(|(_, l)| l.to_lowercase())
            .collect();
        let stopwords = lines(get("stopwords.txt"))
            .flat_map(|(_, l)| {
                l.split_whitespace()
                    .map(str::to_lowercase)
                    .collect::<Vec<_>>()
            })
            .collect();

        let mut synonyms = HashMap::new();
        for (n, l) in lines(get("synonyms.txt")) {
            let (group, members) = l.split_once(':').ok_or_else(|| LexiconError::Format {
                file: "synonyms.txt".into(),
                line: n,
                reason: "expected `group: word word ...`".into(),
            })?;
            for m in members.split_whitespace() {
                synonyms.insert(m.to_lowercase(), group.trim().to_string());
            }
        }
        let mut antonyms = Vec::new();
        for (n, l) in lines(get("antonyms.txt")) {
            let (a, b) = l.split_once('|').ok_or_else(|| LexiconError::Format {
                file: "antonyms.txt".into(),
                line: n,
                reason: "expected `left phrase | right phrase`".into(),
            })?;
            antonyms.push((phrase_words(a), phrase_words(b)));
        }
        let mut stance_refute = Vec::new();
        let mut stance_hedge = Vec::new();
        let mut stance_support = Vec::new();
        let mut stance_contrast = Vec::new();
        for (sec, _, l) in sections(get("stance.txt")) {
            let w = phrase_words(&l);
            match sec.as_str() {
                "refute" => stance_refute.push(w),
                "hedge" => stance_hedge.push(w),
                "support" => stance_support.push(w),
                _ => stance_contrast.push(w),
            }
        }

        let (dotted, titles): (Vec<&str>, Vec<&str>) = lines(get("titles.txt"))
            .map(|(_, l)| l)
            .partition(|l| l.ends_with('.'));
        let titles = titles.into_iter().map(String::from).collect();
        let titles_dotted = dotted
            .into_iter()
            .map(|l| l.trim_end_matches('.').to_string())
            .collect();

        let mut gender = HashMap::new();
        for (sec, _, l) in sections(get("gender.txt")) {
            gender.insert(l, if sec == "female" { 'f' } else { 'm' });
        }

        let mut entities = EntityWords::default();
        for (sec, n, l) in sections(get("entities.txt")) {
            match sec.as_str() {
                "not_name_start" => {
                    entities.not_name_start.insert(l);
                }
                "org_possessed" => entities.org_possessed.push(phrase_words(&l)),
                "org_before" => entities.org_before.push(phrase_words(&l)),
                "person_after" => {
                    entities.person_after.insert(l.to_lowercase());
                }
                "org_after" => {
                    entities.org_after.insert(l.to_lowercase());
                }
                "org_nouns" => {
                    entities.org_nouns.insert(l.to_lowercase());
                }
                "public_nouns" => {
                    entities.public_nouns.insert(l.to_lowercase());
                }
                "rank_words" => {
                    entities.rank_words.insert(l.to_lowercase());
                }
                "former_words" => {
                    entities.former_words.insert(l.to_lowercase());
                }
                "person_bodies" => {
                    entities.person_bodies.insert(l.to_lowercase());
                }
                "place_first" => {
                    entities.place_first.insert(l.to_lowercase());
                }
                "place_last" => {
                    entities.place_last.insert(l.to_lowercase());
                }
                "event_last" => {
                    entities.event_last.insert(l.to_lowercase());
                }
                other => {
                    return Err(LexiconError::Format {
                        file: "entities.txt".into(),
                        line: n,
                        reason: format!("unknown section `[{other}]` (not_name_start, org_possessed, org_before, person_after, org_after, org_nouns, public_nouns, rank_words, former_words, person_bodies, place_first, place_last, event_last)"),
                    })
                }
            }
        }
        let mut not_proposition_start = HashSet::new();
        let mut directive_cues = HashSet::new();
        let mut mandative_cues = HashSet::new();
        let mut clausal_cues = HashSet::new();
        let mut relative_pronouns = HashSet::new();
        let mut object_pronouns = HashSet::new();
        let mut attribution_media = HashSet::new();
        let mut raising_cues = HashSet::new();
        for (sec, n, l) in sections(get("content.txt")) {
            match sec.as_str() {
                "not_a_proposition_start" => {
                    not_proposition_start.insert(l.to_lowercase());
                }
                "directive_cues" => {
                    directive_cues.insert(l.to_lowercase());
                }
                "mandative_cues" => {
                    mandative_cues.insert(l.to_lowercase());
                }
                "clausal_cues" => {
                    clausal_cues.insert(l.to_lowercase());
                }
                "relative_pronouns" => {
                    relative_pronouns.insert(l.to_lowercase());
                }
                "object_pronouns" => {
                    object_pronouns.insert(l.to_lowercase());
                }
                "attribution_media" => {
                    attribution_media.insert(l.to_lowercase());
                }
                "raising_cues" => {
                    raising_cues.insert(l.to_lowercase());
                }
                other => {
                    return Err(LexiconError::Format {
                        file: "content.txt".into(),
                        line: n,
                        reason: format!(
                            "unknown section `[{other}]` (not_a_proposition_start, directive_cues, mandative_cues, clausal_cues, relative_pronouns, object_pronouns, attribution_media, raising_cues)"
                        ),
                    })
                }
            }
        }
        let mut relation = RelationWords::default();
        for (sec, n, l) in sections(get("relation.txt")) {
            match sec.as_str() {
                "retraction" => relation.retraction.push(phrase_words(&l)),
                "totality" => relation.totality.push(phrase_words(&l)),
                "partial" => relation.partial.push(phrase_words(&l)),
                "non_answer" => relation.non_answer.push(phrase_words(&l)),
                "light" => {
                    relation.light.insert(l.to_lowercase());
                }
                "implicit_negation" => {
                    relation.implicit_negation.insert(l.to_lowercase());
                }
                other => {
                    return Err(LexiconError::Format {
                        file: "relation.txt".into(),
                        line: n,
                        reason: format!(
                            "unknown section `[{other}]` (retraction, totality, partial, non_answer, light, implicit_negation)"
                        ),
                    })
                }
            }
        }
        let mut general = GeneralFrequency::default();
        for (n, l) in text_lines_with_comments(get("word_freq.txt")) {
            let bad = || LexiconError::Format {
                file: "word_freq.txt".into(),
                line: n,
                reason: "expected `word<TAB>count` (or the header `# tokens<TAB>N`)".into(),
            };
            let (word, count) = l.rsplit_once('\t').ok_or_else(bad)?;
            let count: u32 = count.trim().parse().map_err(|_| bad())?;
            if word.trim() == "# tokens" {
                general.tokens = count;
                continue;
            }
            if word.starts_with('#') {
                continue;
            }
            let stem = crate::normalise::stemmer()
                .stem(&word.trim().to_lowercase())
                .to_string();
            *general.counts.entry(stem).or_insert(0) += count;
        }
        if general.tokens == 0 {
            general.tokens = general.counts.values().sum();
        }
        Ok(Lexicon {
            general,
            relation,
            not_proposition_start,
            directive_cues,
            mandative_cues,
            clausal_cues,
            relative_pronouns,
            object_pronouns,
            attribution_media,
            raising_cues,
            entities,
            gender,
            institution_words,
            titles,
            titles_dotted,
            cues,
            roles,
            unnamed,
            org_words,
            legal_suffixes,
            media_words,
            media_nouns,
            hedges,
            negations,
            not_negations,
            nonclaims,
            temporal,
            boilerplate,
            abbreviations,
            stopwords,
            places,
            proper_adjectives,
            synonyms,
            antonyms,
            stance_refute,
            stance_hedge,
            stance_support,
            stance_contrast,
        })
    }
}

/// Finds `phrase` (lowercase words) in `words` (lowercase), returning the index of each start.
pub fn find_phrase(words: &[&str], phrase: &[String]) -> Vec<usize> {
    let mut out = Vec::new();
    if phrase.is_empty() || phrase.len() > words.len() {
        return out;
    }
    for (i, at) in words.windows(phrase.len()).enumerate() {
        if phrase.iter().zip(at).all(|(p, w)| p == w) {
            out.push(i);
        }
    }
    out
}

/// The first of `phrases` found in `words`, as written in the lexicon. The one
/// phrase test of the program: extraction (refusals, non-answers) and the
/// relation engine (retractions, totality, ...) both use it.
pub fn first_phrase(words: &[&str], phrases: &[Vec<String>]) -> Option<String> {
    phrases
        .iter()
        .find(|p| !find_phrase(words, p).is_empty())
        .map(|p| p.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_phrase_matches_whole_words_in_order() {
        let phrases = vec![
            vec!["no".to_string(), "comment".to_string()],
            vec!["declined".to_string()],
        ];
        assert_eq!(
            first_phrase(&["she", "declined", "to", "say"], &phrases).as_deref(),
            Some("declined")
        );
        assert_eq!(first_phrase(&["comment", "no"], &phrases), None);
        assert_eq!(first_phrase(&["no", "comments"], &phrases), None);
    }

    #[test]
    fn general_rarity_orders_common_and_rare_words() {
        let lex = Lexicon::builtin().unwrap();
        let r = |w: &str| lex.general.rarity(&crate::normalise::stemmer().stem(w));
        assert!(lex.general.tokens > 100_000, "{}", lex.general.tokens);
        // Counts are kept by stem: "houses" is counted with "house".
        assert!(r("the") < 0.3 && r("people") < r("house") && r("house") < r("barbecue"));
        assert!(r("houses") == r("house"));
        // A word the corpus never saw (a name) is as rare as can be.
        assert_eq!(r("Zyxtrellan"), 1.0);
    }

    #[test]
    fn regular_forms_of_verbs() {
        assert_eq!(regular_forms("state"), ["states", "stating"]);
        assert_eq!(regular_forms("deny"), ["denies", "denying"]);
        assert_eq!(regular_forms("stress"), ["stresses", "stressing"]);
        assert_eq!(regular_forms("say"), ["says", "saying"]);
        assert_eq!(regular_forms("agree"), ["agrees", "agreeing"]);
        assert_eq!(regular_forms("lie"), ["lies", "lying"]);
        assert!(regular_forms("point out").is_empty());
        let lex = Lexicon::builtin().unwrap();
        // Listed only as "stated": "states" is derived, and marked as such.
        assert!(lex.cues["states"]
            .iter()
            .any(|c| c.lemma == "state" && c.derived));
        // Listed only as "allowed_that": no "allows" of its own.
        assert!(lex
            .cues
            .get("allows")
            .is_none_or(|v| v.iter().all(|c| c.lemma != "allow")));
    }

    #[test]
    fn builtin_lexicon_loads_with_cue_classes() {
        let lx = Lexicon::builtin().unwrap();
        let said = &lx.cues["said"][0];
        assert_eq!(said.class, "assert");
        assert_eq!(lx.cues["denied"][0].class, "deny");
        assert!(lx.cues["according"]
            .iter()
            .any(|c| c.words == ["according", "to"]));
        assert_eq!(lx.roles["spokesman"], RoleKind::Spokesperson);
        assert!(lx.boilerplate.is_match("Login to Portal"));
        assert!(!lx
            .boilerplate
            .is_match("The company said no data was lost."));
    }

    #[test]
    fn override_dir_replaces_one_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("cues.tsv"), "assert\tsay\tsaid\n").unwrap();
        let lx = Lexicon::load(Some(dir.path())).unwrap();
        assert!(lx.cues.contains_key("said"));
        assert!(!lx.cues.contains_key("denied"));
        // Other files keep their built-in content.
        assert!(lx.roles.contains_key("spokesman"));
    }

    #[test]
    fn temporal_sections_are_validated() {
        let lx = Lexicon::builtin().unwrap();
        assert!(lx.temporal.pluperfect.contains("had"));
        assert!(lx.temporal.ago.iter().any(|(p, _)| p == &["yesterday"]));
        for (text, line) in [
            ("[earlier]\ninitially\n[soon]\nnext\n", "line 4"),
            ("[ago]\nyesterday\tone day\n", "line 2"),
            ("[ago]\nyesterday\n", "line 2"),
        ] {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join("temporal.txt"), text).unwrap();
            let err = Lexicon::load(Some(dir.path())).unwrap_err().to_string();
            assert!(err.contains("temporal.txt") && err.contains(line), "{err}");
        }
    }

    #[test]
    fn bad_override_reports_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("cues.tsv"), "# c\nassert only-two\n").unwrap();
        let err = Lexicon::load(Some(dir.path())).unwrap_err().to_string();
        assert!(err.contains("cues.tsv") && err.contains("line 2"), "{err}");
    }
}
