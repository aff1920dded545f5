//! Claim view: one claim as the relation engine sees it, computed once.
//!
//! Takes: a claim's text with what the store or the user knows about it
//! ([`ClaimInput`]: source, polarity, hedging, cue class, recap, the names of
//! its article's entities) and the lexicon. Gives: a [`ClaimView`] holding
//! its content words (lowercase form, stem, WordNet concepts, weight), the
//! names it mentions, its story keys, its quantities and the cue phrases the
//! pair features test (retraction, totality, contrast, non-answer). Every
//! pair feature in [`super::pair`] reads these; nothing is re-tokenised or
//! re-stemmed per pair.

use std::collections::BTreeSet;

use crate::annotate::tagger::{Tagger, Upos};
use crate::lexicon::{first_phrase, Lexicon};
use crate::normalise::stemmer;
use crate::relate::quantity::{self, Quantity};
use crate::relate::wordnet::{Opposition, WordNet};

/// What is known about a claim besides its words.
#[derive(Debug, Clone, Default)]
pub struct ClaimInput {
    pub id: i64,
    /// The article it comes from (0: none, e.g. a claim typed by the user).
    pub article: i64,
    /// Canonical source identity (a spokesperson's claims are keyed on the organisation).
    pub source_key: String,
    pub source_name: String,
    pub unnamed: bool,
    pub text: String,
    pub negative: bool,
    pub hedged: bool,
    /// Class of the cue verb (assert, admit, confirm, reveal, deny, claim, believe, ...).
    pub cue_class: String,
    /// The claim recaps an earlier stage of the story ("had said in June").
    pub recap: bool,
    /// Its stage in its article's story: -1 recaps an earlier stage, 0 the news, +1 a later development.
    pub stage: i64,
    /// Names of the entities its article is about (organisations, people, places).
    pub story_names: Vec<String>,
}

/// A content word of a claim.
#[derive(Debug, Clone)]
pub struct Word {
    /// As written, for explanations.
    pub surface: String,
    pub lower: String,
    pub stem: String,
    /// The stem as a number (one per distinct stem in the process), compared for every pair.
    pub stem_id: u32,
    /// Its group in `lexicon/synonyms.txt` (general news words WordNet does not relate:
    /// compromised / stolen / leaked), as a number.
    pub group: Option<u32>,
    /// WordNet concepts with strengths, sorted by id.
    pub concepts: Vec<(u32, f32)>,
    /// Its lemmas for the antonym test.
    pub opposition: Opposition,
    /// Inside the scope of a negation ("no [data was stolen]"): what the claim denies.
    pub negated: bool,
    /// How much the word counts in relatedness before rarity (light words, adverbs and names less).
    pub weight: f32,
    /// How rare the word is in general English, 0..1 (`lexicon/word_freq.txt`): "baton"
    /// says more about what two claims share than "people", whatever the database holds.
    pub general: f32,
}

/// One claim, ready to be compared.
#[derive(Debug, Clone)]
pub struct ClaimView {
    pub input: ClaimInput,
    /// Content words (names included, at a lower weight): what the claim says happened.
    /// Shared between copies of the view: the words of a stored claim never change.
    pub words: std::sync::Arc<[Word]>,
    /// Weight of each word in relatedness: its base weight, times its rarity once
    /// [`ClaimView::weigh_by_rarity`] has run.
    pub weights: Vec<f32>,
    /// How specific each word is among the stored claims, 0..1 (1: in no other claim; a word
    /// every claim uses is near 0); 0.5 until [`ClaimView::weigh_by_rarity`] has run.
    pub specificity: Vec<f32>,
    /// Lowercased name words the text itself mentions.
    pub names: BTreeSet<String>,
    /// Story keys: distinctive words of the article's entity names and of the names in the text.
    pub story: BTreeSet<String>,
    pub quantities: Vec<Quantity>,
    /// Lowercase words of the text, for phrase tests.
    pub lower_words: Vec<String>,
    pub totality: Option<String>,
    /// A partial quantifier of the text ("some", "most", "a few"; `relation.txt`).
    pub partial: Option<String>,
    pub retraction: Option<String>,
    pub contrast: Option<String>,
    pub non_answer: Option<String>,
    /// Polarity as the relation engine reads it: the claim's stored polarity, flipped
    /// once more by each implicit negation ("avoided paying", `relation.txt`).
    pub negative: bool,
    /// The text asks rather than asserts ("Why won't he release his tax returns?").
    pub question: bool,
    /// The text has a verb and does not open with one in lower case: it can state
    /// something ("Two Supreme Court justices." cannot, nor can the fragment "is
    /// increasing the tax liability").
    pub has_verb: bool,
}

/// A number for a stem, the same for the whole process.
fn stem_id(stem: &str) -> u32 {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static IDS: OnceLock<Mutex<HashMap<String, u32>>> = OnceLock::new();
    let m = IDS.get_or_init(|| Mutex::new(HashMap::new()));
    // A poisoned lock only means another thread panicked mid-insert; the map is still usable.
    let mut g = m.lock().unwrap_or_else(|e| e.into_inner());
    let next = g.len() as u32;
    *g.entry(stem.to_string()).or_insert(next)
}

/// WordNet concepts and antonym lemmas of a word, remembered per thread: the same words recur in
/// every claim, and looking them up costs far more than the rest of a view.
type LookedUp = (Vec<(u32, f32)>, Opposition);

fn looked_up(wn: &WordNet, word: &str) -> LookedUp {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static CACHE: RefCell<HashMap<String, LookedUp>> = RefCell::new(HashMap::new());
    }
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(v) = c.get(word) {
            return v.clone();
        }
        let v = (wn.concepts(word), wn.opposition(word));
        // A bound on memory for endless streams of new words.
        if c.len() > 200_000 {
            c.clear();
        }
        c.insert(word.to_string(), v.clone());
        v
    })
}

/// Words that end a negation's scope: a new clause starts.
const SCOPE_END: &[&str] = &[
    "because", "as", "since", "but", "while", "although", "though", "and", "which", "when",
    "after", "before", "so", "until", "whereas", "whether", "if", "who", "whom", "whose",
];

/// Number words ("three", "hundred", "million"): quantities compare them, not relatedness.
fn is_number_word(w: &str) -> bool {
    const NUMBER_WORDS: &[&str] = &[
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "billion",
        "billions",
        "dozen",
        "dozens",
        "half",
        "third",
        "quarter",
        "percent",
        "per",
        "cent",
    ];
    NUMBER_WORDS.contains(&w)
}

/// Is `w` a generic word of organisation names ("bank", "ministry", "inc")?
fn generic_name_word(w: &str, lex: &Lexicon) -> bool {
    // The organisation word lists are written capitalised ("Bank", "Ltd").
    let mut c = w.chars();
    let cap: String = c
        .next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default();
    lex.stopwords.contains(w)
        || lex.org_words.contains(&cap)
        || lex.legal_suffixes.contains(&cap)
        || lex.institution_words.contains(&cap)
        || lex.media_words.contains(&cap)
        || lex.entities.org_nouns.contains(w)
        || lex.titles.contains(w)
        || lex.titles.contains(&cap)
        || w.chars().count() < 2
        || w.chars().all(|c| c.is_ascii_digit())
}

/// Story keys of entity names: their distinctive words, lowercased ("Orrin Devices Ltd" -> orrin, devices).
pub fn story_keys<'a>(names: impl IntoIterator<Item = &'a str>, lex: &Lexicon) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for n in names {
        for (_, w) in crate::segment::words(n) {
            let l = w.to_lowercase().replace('’', "'");
            let l = l.trim_end_matches("'s").to_string();
            if !generic_name_word(&l, lex) {
                out.insert(l);
            }
        }
    }
    out
}

/// Whether punctuation between token `j` and the one before it ends a clause
/// (a comma, a semicolon, a dash, a bracket, a sentence stop).
fn clause_break_before(text: &str, toks: &[(usize, &str)], j: usize) -> bool {
    crate::segment::gap_before(text, toks, j)
        .contains([',', ';', ':', '—', '–', '(', ')', '.', '!', '?'])
}

/// Byte ranges of asides that report someone's words inside a claim: "The
/// trust, which tells donors that 87p in every pound goes to its programmes,
/// spent 61 per cent ...": from "which"/"who" followed within three words by a
/// cue that does not vouch for its content (not admit, confirm, reveal) to the
/// end of the clause. What an aside reports is not what the claim asserts, so
/// its words and figures are neither evidence nor claim.
fn reported_asides(
    text: &str,
    toks: &[(usize, &str)],
    lw: &[&str],
    lex: &Lexicon,
) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    for (i, l) in lw.iter().enumerate() {
        if !matches!(*l, "which" | "who") {
            continue;
        }
        let reports = (i + 1..(i + 4).min(lw.len())).any(|k| {
            lw.get(k).and_then(|w| lex.cues.get(*w)).is_some_and(|cs| {
                cs.iter()
                    .any(|c| !matches!(c.class.as_str(), "admit" | "confirm" | "reveal"))
            })
        });
        if !reports {
            continue;
        }
        let Some(&(start, _)) = toks.get(i) else {
            continue;
        };
        let end = (i + 1..toks.len())
            .find(|&j| clause_break_before(text, toks, j))
            .and_then(|j| toks.get(j))
            .map_or(text.len(), |t| t.0);
        out.push(start..end);
    }
    out
}

impl ClaimView {
    pub fn new(input: ClaimInput, lex: &Lexicon) -> ClaimView {
        let toks = crate::segment::words(&input.text);
        let surf: Vec<&str> = toks.iter().map(|(_, w)| *w).collect();
        let lower_words: Vec<String> = surf
            .iter()
            .map(|w| w.to_lowercase().replace('’', "'"))
            .collect();
        let lw: Vec<&str> = lower_words.iter().map(String::as_str).collect();
        let tags = Tagger::builtin().tag(&surf);
        let wn = WordNet::builtin();
        let mut words: Vec<Word> = Vec::new();
        let mut names = BTreeSet::new();
        // Negation scope: from a negation word to the end of its clause (punctuation or a
        // clause word such as "but", "because", "and").
        let mut in_scope = false;
        let mut implicit = 0usize;
        // Token index of the last word pushed to `words`.
        let mut last_pushed: Option<usize> = None;
        let reported = reported_asides(&input.text, &toks, &lw, lex);
        let in_reported = |at: usize| reported.iter().any(|r| r.contains(&at));
        for (i, (&s, l)) in surf.iter().zip(&lw).enumerate() {
            if toks.get(i).is_some_and(|t| in_reported(t.0)) {
                continue;
            }
            if i > 0 && (clause_break_before(&input.text, &toks, i) || SCOPE_END.contains(l)) {
                in_scope = false;
            }
            if crate::normalise::is_negation_word(l, lex) {
                in_scope = true;
                // A negative object negates its verb too: "paid no taxes" is "did not pay
                // taxes", "found nothing" is "did not find anything".
                let object = matches!(*l, "no" | "nothing" | "none" | "nobody" | "no-one");
                if object && i > 0 && tags.get(i - 1) == Some(&Upos::Verb) {
                    if let Some(w) = words.last_mut().filter(|_| last_pushed == Some(i - 1)) {
                        w.negated = true;
                    }
                }
                continue;
            }
            if lex.relation.implicit_negation.contains(*l) {
                // "avoided paying" negates the claim; "enable them to avoid paying" or
                // "it is wrong to refuse to release" negates only an infinitive inside it,
                // which decides neither the claim's polarity nor what it denies.
                let infinitive = i > 0 && lw.get(i - 1) == Some(&"to");
                if !infinitive {
                    in_scope = true;
                    implicit += 1;
                }
                continue;
            }
            let tag = tags.get(i).copied().unwrap_or(Upos::X);
            let capital = s.chars().next().is_some_and(char::is_uppercase);
            let is_name = tag == Upos::Propn && capital
                || (i > 0 && capital && !lex.stopwords.contains(*l) && tag != Upos::Verb);
            // "Sentinel's" is "sentinel"; the possessive says nothing about the proposition.
            let l = l.strip_suffix("'s").unwrap_or(l);
            let s = s
                .strip_suffix("'s")
                .or_else(|| s.strip_suffix("’s"))
                .unwrap_or(s);
            if is_name && !generic_name_word(l, lex) {
                names.insert(l.to_string());
            }
            // A month written in lower case is a word of its own ("the march", "may"
            // aside: a modal, tagged AUX): months are capitalised in English.
            let month_noun = || {
                s.chars().next().is_some_and(char::is_lowercase)
                    && quantity::MONTHS.contains(&l)
                    && tags.get(i) != Some(&Upos::Aux)
            };
            if (lex.stopwords.contains(l) && !month_noun())
                || crate::normalise::is_negation_word(l, lex)
                || !l.chars().any(char::is_alphabetic)
                || is_number_word(l)
            {
                continue;
            }
            // Names are words too ("the revenue office" / "the National Revenue Office"),
            // weighing a little less: the story's names recur in most of its claims.
            let base = match tag {
                _ if is_name => 0.7,
                Upos::Noun | Upos::Verb | Upos::Adj | Upos::Propn => 1.0,
                Upos::Adv => 0.5,
                Upos::Num
                | Upos::Aux
                | Upos::Det
                | Upos::Pron
                | Upos::Adp
                | Upos::Cconj
                | Upos::Sconj
                | Upos::Part
                | Upos::Punct
                | Upos::Sym
                | Upos::Intj => continue,
                Upos::X => 0.7,
            };
            let weight = if lex.relation.light.contains(l) {
                base * 0.3
            } else {
                base
            };
            let stem = stemmer().stem(l).to_string();
            words.push(Word {
                surface: s.to_string(),
                lower: l.to_string(),
                stem_id: stem_id(&stem),
                general: lex.general.rarity(&stem),
                group: lex.synonyms.get(l).map(|g| stem_id(&format!("={g}"))),
                stem,
                concepts: if is_name {
                    Vec::new()
                } else {
                    looked_up(wn, l).0
                },
                opposition: if is_name {
                    Opposition::default()
                } else {
                    looked_up(wn, l).1
                },
                negated: in_scope,
                weight,
            });
            last_pushed = Some(i);
        }
        let mut story = story_keys(input.story_names.iter().map(String::as_str), lex);
        story.extend(names.iter().cloned());
        let rw = &lex.relation;
        ClaimView {
            weights: words.iter().map(|w: &Word| w.weight).collect(),
            specificity: vec![0.5; words.len()],
            words: words.into(),
            names,
            story,
            quantities: quantity::quantities(&input.text)
                .into_iter()
                .filter(|q| !in_reported(q.start))
                .collect(),
            totality: first_phrase(&lw, &rw.totality),
            partial: first_phrase(&lw, &rw.partial),
            // (or its cue does: "apologised for describing the closure as ...")
            retraction: first_phrase(&lw, &rw.retraction)
                .or_else(|| (input.cue_class == "retract").then(|| "a retracting cue".to_string())),
            contrast: first_phrase(&lw, &lex.stance_contrast),
            non_answer: first_phrase(&lw, &rw.non_answer),
            negative: input.negative != (implicit % 2 == 1),
            question: crate::text::ends_as_question(&input.text),
            lower_words,
            // A subject-less fragment ("is increasing the tax liability at the top",
            // a quotation's second half) has a verb but states nothing whole.
            has_verb: tags.iter().any(|t| matches!(t, Upos::Verb | Upos::Aux))
                && !surf.first().zip(tags.first()).is_some_and(|(w, t)| {
                    // (a gerund opening the text is its subject: "counting had begun";
                    // a word before a noun or adjective opens a noun phrase the tagger
                    // misread: "yield losses could reach", "repeated low scores")
                    matches!(t, Upos::Verb | Upos::Aux)
                        && w.chars().next().is_some_and(char::is_lowercase)
                        && !w.ends_with("ing")
                        && !tags
                            .get(1)
                            .is_some_and(|n| matches!(n, Upos::Noun | Upos::Adj))
                }),
            input,
        }
    }

    /// Terms of the candidate index: stems of the content words that are not
    /// light, WordNet concepts the words name (`#id`: their own senses and
    /// derivations, so that "stole" finds "theft"), and story keys (`@orrin`).
    pub fn index_terms(&self) -> Vec<String> {
        let mut out = BTreeSet::new();
        for w in self.words.iter() {
            if w.weight < 0.5 {
                continue;
            }
            out.insert(w.stem.clone());
            // Its own senses first, then derivations; a few are enough to meet a synonym.
            let mut own: Vec<&(u32, f32)> = w.concepts.iter().filter(|(_, s)| *s >= 0.9).collect();
            own.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal));
            for (c, _) in own.into_iter().take(4) {
                out.insert(format!("#{c}"));
            }
        }
        for k in &self.story {
            out.insert(format!("@{k}"));
        }
        out.into_iter().collect()
    }

    /// Weighs each content word by how rare its stem is among stored claims
    /// (`df`: in how many of the `claims` stored claims it occurs): a word every
    /// claim of a story uses says little about which two claims meet.
    /// Weight x 1 / (1 + ln(1 + df)); specificity ln((N + 1) / (df + 1)) / ln(N + 1).
    pub fn weigh_by_rarity(&mut self, df: &impl Fn(&str) -> u32, claims: u32) {
        let n_all = claims.max(1) as f32;
        for ((w, x), sp) in self
            .words
            .iter()
            .zip(self.weights.iter_mut())
            .zip(self.specificity.iter_mut())
        {
            let n = df(&w.stem) as f32;
            *x = w.weight / (1.0 + (1.0 + n).ln());
            *sp = ((n_all + 1.0) / (n + 1.0)).ln().max(0.0) / (n_all + 1.0).ln().max(1.0);
        }
    }

    /// Total weight of the content words.
    pub fn mass(&self) -> f32 {
        self.weights.iter().sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The view of a claim text with nothing else known about it.
    fn view_of(text: &str, lex: &Lexicon) -> ClaimView {
        ClaimView::new(
            ClaimInput {
                text: text.into(),
                ..Default::default()
            },
            lex,
        )
    }

    #[test]
    fn a_fragment_opening_with_its_verb_has_no_predicate_but_a_noun_phrase_does() {
        let lex = Lexicon::builtin().unwrap();
        let v = |t: &str| view_of(t, &lex);
        assert!(!v("is raising the tax bill at the top").has_verb);
        assert!(!v("found that the lists had been cut").has_verb);
        // The tagger reads "yield" as a verb; before a noun it opens the subject.
        assert!(v("yield losses on the worst fields could reach 40 per cent").has_verb);
        assert!(v("counting had begun in the north").has_verb);
    }

    #[test]
    fn an_implicit_negation_in_an_infinitive_negates_nothing_of_the_claim() {
        let lex = Lexicon::builtin().unwrap();
        let v = |t: &str| view_of(t, &lex);
        let main = v("the firm avoided paying its taxes");
        assert!(main.negative);
        assert!(main.words.iter().any(|w| w.lower == "taxes" && w.negated));
        let inner = v("loopholes enable the firm to avoid paying its taxes");
        assert!(!inner.negative);
        assert!(inner.words.iter().all(|w| !w.negated));
    }

    #[test]
    fn a_negative_object_negates_its_verb() {
        let lex = Lexicon::builtin().unwrap();
        let v = ClaimView::new(
            ClaimInput {
                text: "that paying no parking fines was clever".into(),
                ..Default::default()
            },
            &lex,
        );
        let negated = |w: &str| v.words.iter().any(|x| x.lower == w && x.negated);
        assert!(negated("paying") && negated("fines"), "{:?}", v.words);
    }

    #[test]
    fn names_story_keys_and_words_are_separated() {
        let lex = Lexicon::builtin().unwrap();
        let v = ClaimView::new(
            ClaimInput {
                text: "Orrin Devices said the battery never overheated in 500 hours of tests"
                    .into(),
                story_names: vec!["Orrin Devices Ltd".into(), "Bank of England".into()],
                ..Default::default()
            },
            &lex,
        );
        assert!(v.names.contains("orrin"), "{:?}", v.names);
        assert!(v.story.contains("orrin") && v.story.contains("england"));
        assert!(!v.story.contains("bank") && !v.story.contains("ltd"));
        let lowers: Vec<&str> = v.words.iter().map(|w| w.lower.as_str()).collect();
        assert!(lowers.contains(&"battery") && lowers.contains(&"overheated"));
        assert!(!lowers.contains(&"never") && !lowers.contains(&"the"));
        assert_eq!(v.totality.as_deref(), Some("never"));
    }

    #[test]
    fn a_lower_case_month_name_is_a_word() {
        let lex = Lexicon::builtin().unwrap();
        let v = view_of("about 400 people joined the march in March", &lex);
        let marches = v.words.iter().filter(|w| w.lower == "march").count();
        // "the march" is a noun; "in March" is a date, compared as time, not as a word.
        assert_eq!(marches, 1, "{:?}", v.words);
        let v = view_of("the vote may come in May", &lex);
        assert!(v.words.iter().all(|w| w.lower != "may"), "{:?}", v.words);
    }
}
