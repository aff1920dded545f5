//! Meaning beyond shared words, from WordNet 3.0.
//!
//! Takes: `src/lexicon/wordnet.txt` (embedded at build), a compact file that
//! `tools/wordnet_gen.py` derives from the WordNet 3.0 dict files (its header
//! says how to regenerate; the licence is in `src/lexicon/WORDNET-LICENSE`):
//! top senses of single-word lemmas, their synsets with up to four levels of
//! hypernyms (depth from the root, number of synsets below), derivational
//! links, antonyms from the first two senses, morphological negations,
//! suffix pairs of derivations and the irregular-form exception lists.
//!
//! Gives: [`WordNet`], parsed once ([`WordNet::builtin`]): base forms of a
//! word ([`WordNet::lemmas`]), the concepts it evokes with a strength
//! ([`WordNet::concepts`]), how related two words are
//! ([`WordNet::relatedness`]), whether they are opposites
//! ([`WordNet::antonyms`]), the base of a negative form
//! ([`WordNet::negated_base`]) and a word's parts of speech
//! ([`WordNet::pos_of`]). Every query is total: unknown or odd input gives an
//! empty answer, never a panic.
//!
//! Too-general concepts never make two words related: a hypernym is used as
//! a shared concept only when it is deep enough in its hierarchy and has not
//! too many synsets below it (see [`shared_ok`]).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const DATA: &str = include_str!("../lexicon/wordnet.txt");

/// Top-level noun synsets (depth from `entity` below this: entity, object,
/// abstraction, act, event, thing, whole, group…) are never above a word.
const NOUN_MIN_DEPTH: u8 = 5;
/// A noun hypernym shared by two words (or listed as a concept above a word)
/// must be a little deeper still: "institution", "idea", "group action" at
/// depth 5 join too much.
const NOUN_SHARED_MIN_DEPTH: u8 = 6;
/// A word's own noun sense this shallow (entity, object, abstraction, group…) is no synonym link.
const NOUN_OWN_MIN_DEPTH: u8 = 3;
/// Verb roots (depth 0: change, move, be, take…) are never concepts above a word.
const VERB_MIN_DEPTH: u8 = 1;
/// A noun hypernym with more kinds below it (all levels, instances not
/// counted) is too broad to share: person, worker, adult, concept, device.
const NOUN_MAX_BELOW: u32 = 300;
/// The same for verbs, whose hierarchy is smaller and shallower (change state, travel).
const VERB_MAX_BELOW: u32 = 150;
/// "One is a kind of the other" looks up this many levels for any hypernym
/// deep enough (employee → worker, car → … → vehicle)…
const ISA_LEVELS: u8 = 2;
/// …and, for nouns only, this far for a specific one (at most
/// [`NOUN_MAX_BELOW`] kinds below it: laptop → … → computer is 4 levels).
const ISA_LEVELS_SPECIFIC: u8 = 4;

/// Strength of a word's own top-sense synsets in [`WordNet::concepts`].
pub const OWN: f32 = 1.0;
/// Strength of the synsets of a derivationally related lemma.
pub const DERIVED: f32 = 0.9;
/// Strength of a hypernym one level up.
pub const HYPERNYM_1: f32 = 0.8;
/// Strength of a hypernym two levels up.
pub const HYPERNYM_2: f32 = 0.6;

/// A WordNet part of speech (adjective satellites count as adjectives).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pos {
    Noun,
    Verb,
    Adj,
    Adv,
}

impl Pos {
    const ALL: [Pos; 4] = [Pos::Noun, Pos::Verb, Pos::Adj, Pos::Adv];

    fn from_tag(c: u8) -> Option<Pos> {
        match c {
            b'n' => Some(Pos::Noun),
            b'v' => Some(Pos::Verb),
            b'a' | b's' => Some(Pos::Adj),
            b'r' => Some(Pos::Adv),
            _ => None,
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of parts of speech; empty when a word is not in WordNet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PosSet(u8);

impl PosSet {
    pub fn contains(self, pos: Pos) -> bool {
        self.0 & pos.bit() != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = Pos> {
        Pos::ALL.into_iter().filter(move |p| self.contains(*p))
    }

    fn insert(&mut self, pos: Pos) {
        self.0 |= pos.bit();
    }
}

#[derive(Debug, Clone, Copy)]
struct Synset {
    pos: Pos,
    /// Longest path from a root of its hierarchy (entity is 0).
    depth: u8,
    /// Synsets below it, all levels.
    below: u32,
}

/// Symmetric lemma-to-lemma links in compressed rows.
#[derive(Debug, Default)]
struct Links {
    start: Vec<u32>,
    to: Vec<u32>,
}

impl Links {
    fn build(n: usize, mut pairs: Vec<(u32, u32)>) -> Links {
        let back: Vec<(u32, u32)> = pairs.iter().map(|&(a, b)| (b, a)).collect();
        pairs.extend(back);
        pairs.sort_unstable();
        pairs.dedup();
        let mut start = vec![0u32; n + 1];
        for &(a, _) in &pairs {
            if let Some(c) = start.get_mut(a as usize + 1) {
                *c += 1;
            }
        }
        // Counts to offsets: each entry becomes the sum of those up to it.
        let mut sum = 0u32;
        for c in start.iter_mut() {
            sum += *c;
            *c = sum;
        }
        Links {
            start,
            to: pairs.into_iter().map(|(_, b)| b).collect(),
        }
    }

    fn of(&self, a: u32) -> &[u32] {
        let i = a as usize;
        match (self.start.get(i), self.start.get(i + 1)) {
            (Some(&s), Some(&e)) => self.to.get(s as usize..e as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    fn has(&self, a: u32, b: u32) -> bool {
        self.of(a).binary_search(&b).is_ok()
    }

    fn heap_bytes(&self) -> usize {
        (self.start.capacity() + self.to.capacity()) * 4
    }
}

/// WordNet 3.0 relations between single words (see the module header).
#[derive(Debug)]
pub struct WordNet {
    synsets: Vec<Synset>,
    /// Hypernyms of synset `k`: `hypernyms[hyper_start[k]..hyper_start[k + 1]]`.
    hyper_start: Vec<u32>,
    hypernyms: Vec<u32>,
    /// Lemma names (slices of the embedded file), sorted: a lemma's id is its index.
    names: Vec<&'static str>,
    /// Top senses of lemma `l`, grouped by part of speech, WordNet order.
    sense_start: Vec<u32>,
    senses: Vec<u32>,
    derivation: Links,
    antonyms: Links,
    /// Negative form → base lemma.
    negations: HashMap<u32, u32>,
    /// Suffix pairs of derivations, each ordered (smaller, larger); "" is none.
    suffixes: HashSet<(&'static str, &'static str)>,
    /// Irregular form → (part of speech, base lemma).
    exceptions: HashMap<&'static str, Vec<(Pos, u32)>>,
}

/// The morphological detachment rules of WordNet's `morphy`, per part of speech.
const NOUN_RULES: &[(&str, &str)] = &[
    ("s", ""),
    ("ses", "s"),
    ("xes", "x"),
    ("zes", "z"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("men", "man"),
    ("ies", "y"),
];
const VERB_RULES: &[(&str, &str)] = &[
    ("s", ""),
    ("ies", "y"),
    ("es", "e"),
    ("es", ""),
    ("ed", "e"),
    ("ed", ""),
    ("ing", "e"),
    ("ing", ""),
];
const ADJ_RULES: &[(&str, &str)] = &[("er", ""), ("est", ""), ("er", "e"), ("est", "e")];

fn rules(pos: Pos) -> &'static [(&'static str, &'static str)] {
    match pos {
        Pos::Noun => NOUN_RULES,
        Pos::Verb => VERB_RULES,
        Pos::Adj => ADJ_RULES,
        Pos::Adv => &[],
    }
}

/// Lowercased, trimmed; spaces become WordNet's underscores.
fn normalise(word: &str) -> String {
    word.trim().to_lowercase().replace(' ', "_")
}

/// Whether a synset may be one of a word's own concepts (a synonym link).
fn own_ok(s: &Synset) -> bool {
    s.pos != Pos::Noun || s.depth >= NOUN_OWN_MIN_DEPTH
}

/// Whether a synset may stand above a word as a concept, or be shared by two words:
/// deep enough, and not the hypernym of too much.
fn shared_ok(s: &Synset) -> bool {
    match s.pos {
        Pos::Noun => s.depth >= NOUN_SHARED_MIN_DEPTH && s.below <= NOUN_MAX_BELOW,
        Pos::Verb => s.depth >= VERB_MIN_DEPTH && s.below <= VERB_MAX_BELOW,
        Pos::Adj | Pos::Adv => true,
    }
}

/// Whether "X is a kind of it", `level` hypernym steps up from X, relates X to its words.
fn isa_ok(s: &Synset, level: u8) -> bool {
    match s.pos {
        Pos::Noun if level <= ISA_LEVELS => s.depth >= NOUN_MIN_DEPTH,
        Pos::Noun => {
            level <= ISA_LEVELS_SPECIFIC && s.depth >= NOUN_MIN_DEPTH && s.below <= NOUN_MAX_BELOW
        }
        Pos::Verb => level <= ISA_LEVELS && s.depth >= VERB_MIN_DEPTH,
        Pos::Adj | Pos::Adv => level <= ISA_LEVELS,
    }
}

/// A word's lemmas for the antonym test, looked up once ([`WordNet::opposition`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Opposition {
    lemmas: Vec<u32>,
    widened: Vec<u32>,
}

impl WordNet {
    /// The embedded WordNet, parsed on first use.
    pub fn builtin() -> &'static WordNet {
        static WN: OnceLock<WordNet> = OnceLock::new();
        WN.get_or_init(|| WordNet::parse(DATA))
    }

    /// Parses the `wordnet.txt` format; malformed lines are skipped.
    fn parse(text: &'static str) -> WordNet {
        let mut section = Section::Other;
        let mut synsets = Vec::new();
        let mut hyper_start = vec![0u32];
        let mut hypernyms = Vec::new();
        let mut names: Vec<&'static str> = Vec::new();
        let mut sense_start = vec![0u32];
        let mut senses = Vec::new();
        let mut derivation = Vec::new();
        let mut antonyms = Vec::new();
        let mut negations = HashMap::new();
        let mut suffixes = HashSet::new();
        let mut exceptions: HashMap<&'static str, Vec<(Pos, u32)>> = HashMap::new();
        // Lines that name lemmas wait until all lemmas are known.
        let mut by_name: Vec<(Section, &'static str)> = Vec::new();

        for line in text.lines() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = Section::from_name(name);
                continue;
            }
            let mut parts = line.split(' ');
            match section {
                Section::Synsets => {
                    let pos = parts
                        .next()
                        .and_then(|p| p.bytes().next())
                        .and_then(Pos::from_tag);
                    let depth = parts.next().and_then(|d| d.parse::<u8>().ok());
                    let below = parts.next().and_then(|b| b.parse::<u32>().ok());
                    let (Some(pos), Some(depth), Some(below)) = (pos, depth, below) else {
                        // Keep ids aligned with line numbers: an unreadable line is an isolated synset.
                        synsets.push(Synset {
                            pos: Pos::Noun,
                            depth: 0,
                            below: u32::MAX,
                        });
                        hyper_start.push(hypernyms.len() as u32);
                        continue;
                    };
                    synsets.push(Synset { pos, depth, below });
                    if let Some(hs) = parts.next() {
                        hypernyms.extend(hs.split(',').filter_map(|h| h.parse::<u32>().ok()));
                    }
                    hyper_start.push(hypernyms.len() as u32);
                }
                Section::Lemmas => {
                    let Some(name) = parts.next().filter(|n| !n.is_empty()) else {
                        continue;
                    };
                    // Ids are positions in sorted order: a line out of order is skipped.
                    if names.last().is_some_and(|last| *last >= name) {
                        continue;
                    }
                    let n = synsets.len() as u32;
                    for group in parts {
                        // POS tag then ids; the POS is each synset's own.
                        let ids_part = group.get(1..).unwrap_or("");
                        senses.extend(
                            ids_part
                                .split(',')
                                .filter_map(|s| s.parse::<u32>().ok())
                                .filter(|&s| s < n),
                        );
                    }
                    names.push(name);
                    sense_start.push(senses.len() as u32);
                }
                Section::Other => {}
                named => by_name.push((named, line)),
            }
        }
        // Hypernym ids out of range (a damaged file) are dropped.
        let n = synsets.len() as u32;
        if hypernyms.iter().any(|&h| h >= n) {
            let mut fixed = Vec::with_capacity(hypernyms.len());
            let mut starts = vec![0u32];
            for w in hyper_start.windows(2) {
                let &[a, b] = w else { continue };
                let slice = hypernyms.get(a as usize..b as usize).unwrap_or(&[]);
                fixed.extend(slice.iter().copied().filter(|&h| h < n));
                starts.push(fixed.len() as u32);
            }
            hypernyms = fixed;
            hyper_start = starts;
        }

        let id_of = |w: &str| names.binary_search(&w).ok().map(|i| i as u32);
        for (tag, line) in by_name {
            let mut parts = line.split(' ');
            match tag {
                Section::Derivation | Section::Antonyms => {
                    let Some(a) = parts.next().and_then(id_of) else {
                        continue;
                    };
                    let list = if tag == Section::Derivation {
                        &mut derivation
                    } else {
                        &mut antonyms
                    };
                    list.extend(parts.filter_map(id_of).map(|b| (a, b)));
                }
                Section::Negations => {
                    if let (Some(f), Some(b)) =
                        (parts.next().and_then(id_of), parts.next().and_then(id_of))
                    {
                        negations.insert(f, b);
                    }
                }
                Section::Suffixes => {
                    if let (Some(x), Some(y)) = (parts.next(), parts.next()) {
                        let x = if x == "-" { "" } else { x };
                        let y = if y == "-" { "" } else { y };
                        suffixes.insert(if x <= y { (x, y) } else { (y, x) });
                    }
                }
                Section::Exceptions => {
                    let pos = parts
                        .next()
                        .and_then(|p| p.bytes().next())
                        .and_then(Pos::from_tag);
                    let (Some(pos), Some(form)) = (pos, parts.next()) else {
                        continue;
                    };
                    let bases: Vec<(Pos, u32)> =
                        parts.filter_map(id_of).map(|b| (pos, b)).collect();
                    if !bases.is_empty() {
                        exceptions.entry(form).or_default().extend(bases);
                    }
                }
                _ => {}
            }
        }

        let lemma_count = names.len();
        for v in [
            &mut hyper_start,
            &mut hypernyms,
            &mut sense_start,
            &mut senses,
        ] {
            v.shrink_to_fit();
        }
        synsets.shrink_to_fit();
        names.shrink_to_fit();
        WordNet {
            synsets,
            hyper_start,
            hypernyms,
            names,
            sense_start,
            senses,
            derivation: Links::build(lemma_count, derivation),
            antonyms: Links::build(lemma_count, antonyms),
            negations,
            suffixes,
            exceptions,
        }
    }

    fn id(&self, lemma: &str) -> Option<u32> {
        self.names.binary_search(&lemma).ok().map(|i| i as u32)
    }

    fn synset(&self, id: u32) -> Option<&Synset> {
        self.synsets.get(id as usize)
    }

    fn hypernyms_of(&self, id: u32) -> &[u32] {
        let i = id as usize;
        match (self.hyper_start.get(i), self.hyper_start.get(i + 1)) {
            (Some(&s), Some(&e)) => self.hypernyms.get(s as usize..e as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Top senses of a lemma, of one part of speech or all.
    fn senses_of(&self, lemma: u32, pos: Option<Pos>) -> impl Iterator<Item = u32> + '_ {
        let i = lemma as usize;
        let range = match (self.sense_start.get(i), self.sense_start.get(i + 1)) {
            (Some(&s), Some(&e)) => self.senses.get(s as usize..e as usize).unwrap_or(&[]),
            _ => &[],
        };
        range
            .iter()
            .copied()
            .filter(move |&s| pos.is_none_or(|p| self.synset(s).is_some_and(|syn| syn.pos == p)))
    }

    fn has_pos(&self, lemma: u32, pos: Pos) -> bool {
        self.senses_of(lemma, Some(pos)).next().is_some()
    }

    /// Lemma ids (with the part of speech they are read as) that a word can be a form of.
    fn forms(&self, word: &str) -> Vec<(u32, Pos)> {
        let w = normalise(word);
        let mut out: Vec<(u32, Pos)> = Vec::new();
        let push = |out: &mut Vec<(u32, Pos)>, item: (u32, Pos)| {
            if !out.contains(&item) {
                out.push(item);
            }
        };
        if w.is_empty() {
            return out;
        }
        if let Some(id) = self.id(&w) {
            for p in Pos::ALL {
                if self.has_pos(id, p) {
                    push(&mut out, (id, p));
                }
            }
        }
        if let Some(bases) = self.exceptions.get(w.as_str()) {
            for &(p, b) in bases {
                push(&mut out, (b, p));
            }
        }
        for pos in Pos::ALL {
            for &(suffix, ending) in rules(pos) {
                let Some(stem) = w.strip_suffix(suffix) else {
                    continue;
                };
                // "is" → "i", "has" → "ha": such short stems are noise, not bases.
                if stem.len() + ending.len() < 3 {
                    continue;
                }
                let mut candidates = vec![format!("{stem}{ending}")];
                // Doubled final consonant: "stopped" → "stop", "bigger" → "big".
                let b = stem.as_bytes();
                if ending.is_empty()
                    && matches!(suffix, "ed" | "ing" | "er" | "est")
                    && b.len() >= 3
                    && matches!(b, [.., p, l] if p == l && l.is_ascii_alphabetic() && !b"aeiou".contains(l))
                {
                    candidates.push(stem.get(..stem.len() - 1).unwrap_or(stem).to_string());
                }
                for c in candidates {
                    if let Some(id) = self.id(&c) {
                        if self.has_pos(id, pos) {
                            push(&mut out, (id, pos));
                        }
                    }
                }
            }
        }
        out
    }

    fn lemma_ids(&self, word: &str) -> Vec<u32> {
        let mut ids: Vec<u32> = Vec::new();
        for (id, _) in self.forms(word) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }

    /// Base forms of a word (exception lists and WordNet's detachment rules,
    /// only forms that are real lemmas): "stole" → ["stole", "steal"],
    /// "laptops" → ["laptop"], "went" → ["went", "go"]. The word itself comes
    /// first when it is a lemma. Input is lowercased and trimmed.
    pub fn lemmas(&self, word: &str) -> Vec<&str> {
        self.lemma_ids(word)
            .into_iter()
            .filter_map(|id| self.names.get(id as usize).copied())
            .collect()
    }

    /// Own top-sense synsets of the word's forms, too-shallow ones left out.
    fn own_senses(&self, forms: &[(u32, Pos)]) -> Vec<u32> {
        let mut out: Vec<u32> = forms
            .iter()
            .flat_map(|&(l, p)| self.senses_of(l, Some(p)))
            .filter(|&s| self.synset(s).is_some_and(own_ok))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Ancestors of `start` within `levels` (level ≥ 1), each at its smallest level.
    fn ancestors(&self, start: &[u32], levels: u8) -> Vec<(u32, u8)> {
        let mut out: Vec<(u32, u8)> = Vec::new();
        let mut frontier: Vec<u32> = start.to_vec();
        for level in 1..=levels {
            let mut next = Vec::new();
            for &s in &frontier {
                for &h in self.hypernyms_of(s) {
                    if !out.iter().any(|&(x, _)| x == h) {
                        out.push((h, level));
                        next.push(h);
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            frontier = next;
        }
        out
    }

    /// Concepts a word evokes, with a strength: its own top-sense synsets
    /// ([`OWN`]), the synsets of its derivationally related lemmas
    /// ([`DERIVED`]), hypernyms one level up ([`HYPERNYM_1`]) and two levels
    /// up ([`HYPERNYM_2`]), never too-general synsets. Sorted by id,
    /// deduplicated keeping the largest strength.
    pub fn concepts(&self, word: &str) -> Vec<(u32, f32)> {
        let forms = self.forms(word);
        let own = self.own_senses(&forms);
        let mut out: Vec<(u32, f32)> = own.iter().map(|&s| (s, OWN)).collect();
        for (h, level) in self.ancestors(&own, 2) {
            if self.synset(h).is_some_and(shared_ok) {
                out.push((h, if level == 1 { HYPERNYM_1 } else { HYPERNYM_2 }));
            }
        }
        let mut lemmas: Vec<u32> = forms.iter().map(|&(l, _)| l).collect();
        lemmas.dedup();
        for l in lemmas {
            for &d in self.derivation.of(l) {
                for s in self.senses_of(d, None) {
                    if self.synset(s).is_some_and(own_ok) {
                        out.push((s, DERIVED));
                    }
                }
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        out.dedup_by_key(|c| c.0);
        out
    }

    /// Whether a noun names a person or people: its first noun sense is
    /// `person` or a kind of it within six levels ("protesters" → protester
    /// → dissenter → person; "farmers", "assistants", "women"), or the word is
    /// "people". Not "floor", "percent", "nomination".
    pub fn names_person(&self, word: &str) -> bool {
        let w = normalise(word);
        if matches!(w.as_str(), "people" | "persons") {
            return true;
        }
        let Some(person) = self
            .id("person")
            .and_then(|l| self.senses_of(l, Some(Pos::Noun)).next())
        else {
            return false;
        };
        let firsts: Vec<u32> = self
            .forms(&w)
            .into_iter()
            .filter(|&(_, p)| p == Pos::Noun)
            .filter_map(|(l, _)| self.senses_of(l, Some(Pos::Noun)).next())
            .collect();
        firsts.contains(&person) || self.ancestors(&firsts, 6).iter().any(|&(h, _)| h == person)
    }

    /// How related two words are through WordNet: 1.0 same lemma (or the same
    /// word), 0.9 synonyms (a shared top-sense synset) or derivation, 0.8
    /// derivation guessed from WordNet's derivational suffix pairs when one
    /// word is not in WordNet ("exfiltration" / "exfiltrate"), 0.7 one is a
    /// kind of the other (within two levels, or four for a specific noun:
    /// laptop → computer) or they share a close hypernym (levels adding up to
    /// at most 3, not too general), 0.0 none. Symmetric.
    pub fn relatedness(&self, a: &str, b: &str) -> f32 {
        let (na, nb) = (normalise(a), normalise(b));
        if na.is_empty() || nb.is_empty() {
            return 0.0;
        }
        if na == nb {
            return 1.0;
        }
        let (fa, fb) = (self.forms(&na), self.forms(&nb));
        if fa.is_empty() || fb.is_empty() {
            return if self.suffix_related(&na, &nb) {
                0.8
            } else {
                0.0
            };
        }
        if fa.iter().any(|x| fb.iter().any(|y| x.0 == y.0)) {
            return 1.0;
        }
        let (sa, sb) = (self.own_senses(&fa), self.own_senses(&fb));
        if sa.iter().any(|s| sb.binary_search(s).is_ok()) {
            return 0.9;
        }
        if fa
            .iter()
            .any(|x| fb.iter().any(|y| self.derivation.has(x.0, y.0)))
        {
            return 0.9;
        }
        let (ua, ub) = (
            self.ancestors(&sa, ISA_LEVELS_SPECIFIC),
            self.ancestors(&sb, ISA_LEVELS_SPECIFIC),
        );
        let isa = |anc: &[(u32, u8)], own: &[u32]| {
            anc.iter().any(|&(h, level)| {
                own.binary_search(&h).is_ok() && self.synset(h).is_some_and(|s| isa_ok(s, level))
            })
        };
        if isa(&ua, &sb) || isa(&ub, &sa) {
            return 0.7;
        }
        let shared = ua.iter().any(|&(h, la)| {
            la <= 2
                && self.synset(h).is_some_and(shared_ok)
                && ub.iter().any(|&(g, lb)| g == h && la + lb <= 3)
        });
        if shared {
            0.7
        } else {
            0.0
        }
    }

    /// Two words outside WordNet (or one of them) whose endings form a suffix
    /// pair that WordNet's derivational links use often, on a shared stem of
    /// at least four letters; inflections are detached first.
    fn suffix_related(&self, a: &str, b: &str) -> bool {
        fn stems(w: &str) -> Vec<String> {
            let mut out = vec![w.to_string()];
            for &(suffix, ending) in VERB_RULES.iter().chain(NOUN_RULES) {
                if let Some(stem) = w.strip_suffix(suffix) {
                    if stem.len() >= 4 {
                        out.push(format!("{stem}{ending}"));
                    }
                }
            }
            out
        }
        let alpha = |w: &str| w.len() >= 5 && w.bytes().all(|c| c.is_ascii_lowercase());
        if !alpha(a) || !alpha(b) {
            return false;
        }
        let (xa, xb) = (stems(a), stems(b));
        xa.iter().any(|x| {
            xb.iter().any(|y| {
                let n = x.bytes().zip(y.bytes()).take_while(|(p, q)| p == q).count();
                if n < 4 {
                    return false;
                }
                let (Some(sx), Some(sy)) = (x.get(n..), y.get(n..)) else {
                    return false;
                };
                if sx == sy {
                    return true;
                }
                let key = if sx <= sy { (sx, sy) } else { (sy, sx) };
                self.suffixes.contains(&key)
            })
        })
    }

    /// Are the two words opposites? Antonyms from the first two senses of
    /// each lemma (adjectives also through their "similar to" heads), also
    /// when one side is a derivation of an antonym ("safety" / "dangerous"),
    /// and a negative form against its base ("undetected" / "detected").
    pub fn antonyms(&self, a: &str, b: &str) -> bool {
        self.opposite(&self.opposition(a), &self.opposition(b))
    }

    /// What [`WordNet::opposite`] needs of a word, looked up once: its lemmas,
    /// and those widened by their derivations (sorted).
    pub fn opposition(&self, word: &str) -> Opposition {
        let lemmas = self.lemma_ids(word);
        let mut widened = lemmas.clone();
        for &l in &lemmas {
            widened.extend_from_slice(self.derivation.of(l));
        }
        widened.sort_unstable();
        widened.dedup();
        Opposition { lemmas, widened }
    }

    /// [`WordNet::antonyms`] on words looked up beforehand with [`WordNet::opposition`].
    pub fn opposite(&self, a: &Opposition, b: &Opposition) -> bool {
        let (la, lb) = (&a.lemmas, &b.lemmas);
        if la.is_empty() || lb.is_empty() || la.iter().any(|x| lb.contains(x)) {
            return false;
        }
        let (da, db) = (&a.widened, &b.widened);
        let opposite = |xs: &[u32], ys: &[u32]| {
            xs.iter()
                .any(|&x| ys.iter().any(|&y| self.antonyms.has(x, y)))
        };
        if opposite(la, db) || opposite(da, lb) {
            return true;
        }
        let negated = |ls: &[u32], other: &[u32]| {
            ls.iter()
                .filter_map(|l| self.negations.get(l))
                .any(|base| other.binary_search(base).is_ok())
        };
        negated(la, db) || negated(lb, da)
    }

    /// Morphological negation: "undetected" → "detected", "unsafe" → "safe",
    /// "illegal" → "legal", "harmless" → "harm" (a "-less" word means without
    /// its base). Only when both the negative form and the base are WordNet
    /// lemmas; un-/non- adjectives and adverbs and -less adjectives are taken
    /// as they come, in-/im-/il-/ir-/dis- and un-/non- nouns and verbs only
    /// when WordNet records the pair as opposites ("under", "uncle", "index",
    /// "unless", "intense" are no negations).
    pub fn negated_base(&self, word: &str) -> Option<String> {
        self.lemma_ids(word)
            .into_iter()
            .find_map(|l| self.negations.get(&l))
            .and_then(|&b| self.names.get(b as usize))
            .map(|b| b.to_string())
    }

    /// Whether WordNet knows the word (or a base form of it) as a noun.
    pub fn is_noun(&self, word: &str) -> bool {
        self.pos_of(word).contains(Pos::Noun)
    }

    /// Whether WordNet knows the word (or a base form of it) as a verb.
    pub fn is_verb(&self, word: &str) -> bool {
        self.pos_of(word).contains(Pos::Verb)
    }

    /// The parts of speech a word (or a base form of it) has in WordNet; empty when it is not there.
    pub fn pos_of(&self, word: &str) -> PosSet {
        let mut set = PosSet::default();
        for (_, p) in self.forms(word) {
            set.insert(p);
        }
        set
    }

    /// Number of single-word lemmas and of synsets held.
    pub fn size(&self) -> (usize, usize) {
        (self.names.len(), self.synsets.len())
    }

    /// Rough heap use in bytes (vectors by capacity, hash tables by capacity
    /// times entry size plus a control byte; the lemma strings themselves
    /// live in the embedded file).
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        let table = |cap: usize, entry: usize| cap * (entry + 1);
        self.synsets.capacity() * size_of::<Synset>()
            + (self.hyper_start.capacity()
                + self.hypernyms.capacity()
                + self.sense_start.capacity()
                + self.senses.capacity())
                * 4
            + self.names.capacity() * size_of::<&str>()
            + self.derivation.heap_bytes()
            + self.antonyms.heap_bytes()
            + table(self.negations.capacity(), 8)
            + table(self.suffixes.capacity(), 2 * size_of::<&str>())
            + table(
                self.exceptions.capacity(),
                size_of::<(&str, Vec<(Pos, u32)>)>(),
            )
            + self
                .exceptions
                .values()
                .map(|v| v.capacity() * size_of::<(Pos, u32)>())
                .sum::<usize>()
    }
}

/// The sections of `wordnet.txt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Synsets,
    Lemmas,
    Derivation,
    Antonyms,
    Negations,
    Suffixes,
    Exceptions,
    Other,
}

impl Section {
    fn from_name(name: &str) -> Section {
        match name {
            "synsets" => Section::Synsets,
            "lemmas" => Section::Lemmas,
            "derivation" => Section::Derivation,
            "antonyms" => Section::Antonyms,
            "negations" => Section::Negations,
            "suffixes" => Section::Suffixes,
            "exceptions" => Section::Exceptions,
            _ => Section::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wn() -> &'static WordNet {
        WordNet::builtin()
    }

    #[test]
    fn parses_and_reports_size() {
        let start = std::time::Instant::now();
        let parsed = WordNet::parse(DATA);
        let took = start.elapsed();
        let (lemmas, synsets) = parsed.size();
        eprintln!(
            "wordnet.txt: {} bytes, {lemmas} lemmas, {synsets} synsets, parsed in {took:?}, heap ≈ {} bytes",
            DATA.len(),
            parsed.heap_bytes()
        );
        assert!(lemmas > 60_000, "{lemmas}");
        assert!(synsets > 50_000, "{synsets}");
    }

    #[test]
    fn base_forms() {
        assert!(wn().lemmas("stole").contains(&"steal"));
        assert_eq!(wn().lemmas("laptops"), vec!["laptop"]);
        assert!(wn().lemmas("went").contains(&"go"));
        assert!(wn().lemmas("children").contains(&"child"));
        assert!(wn().lemmas("worse").contains(&"bad"));
        assert!(wn().lemmas("died").contains(&"die"));
        assert!(wn().lemmas("stopped").contains(&"stop"));
        let data = wn().lemmas("data");
        assert_eq!(data.first(), Some(&"data"));
        assert!(data.contains(&"datum"));
        assert_eq!(wn().lemmas("Laptops"), vec!["laptop"]);
        assert!(wn().lemmas("qwzxv").is_empty());
        assert_eq!(wn().lemmas("is"), vec!["be"]);
        assert_eq!(wn().lemmas("went"), vec!["go"]);
    }

    #[test]
    fn hypernym_relatedness() {
        assert!(wn().relatedness("laptops", "computers") >= 0.7);
        assert!(wn().relatedness("workers", "employees") >= 0.7);
        assert!(wn().relatedness("car", "vehicle") >= 0.7);
        assert!(wn().relatedness("doctor", "nurse") >= 0.7);
        assert!(wn().relatedness("city", "town") >= 0.7);
        assert_eq!(
            wn().relatedness("laptops", "computers"),
            wn().relatedness("computers", "laptops")
        );
    }

    #[test]
    fn synonyms_and_derivation() {
        assert_eq!(wn().relatedness("car", "automobile"), 0.9);
        assert_eq!(wn().relatedness("bought", "purchase"), 0.9);
        assert_eq!(wn().relatedness("died", "death"), 0.9);
        assert_eq!(wn().relatedness("detection", "detected"), 0.9);
        assert_eq!(wn().relatedness("stole", "steal"), 1.0);
        // Not in WordNet 3.0: related through its derivational suffix pairs.
        assert!(wn().relatedness("exfiltration", "exfiltrate") >= 0.8);
        assert!(wn().relatedness("exfiltration", "exfiltrated") >= 0.8);
        assert_eq!(wn().relatedness("exfiltration", "banana"), 0.0);
    }

    #[test]
    fn unrelated_words_stay_unrelated() {
        for (a, b) in [
            ("bank", "river"),
            ("company", "data"),
            ("plant", "profit"),
            ("safety", "profit"),
            ("workers", "plant"),
            ("computer", "safety"),
            ("death", "profit"),
            // WordNet relates these only through broad concepts
            // (institution, concept, group action, worker), which are refused.
            ("company", "school"),
            ("teacher", "law"),
            ("war", "vote"),
            ("judge", "worker"),
        ] {
            assert_eq!(wn().relatedness(a, b), 0.0, "{a} ~ {b}");
            assert_eq!(wn().relatedness(b, a), 0.0, "{b} ~ {a}");
        }
    }

    #[test]
    fn names_person_by_hypernyms() {
        for w in [
            "protesters",
            "farmers",
            "assistants",
            "women",
            "voters",
            "people",
            "leader",
        ] {
            assert!(wn().names_person(w), "{w}");
        }
        for w in [
            "floor",
            "percent",
            "nomination",
            "appointments",
            "home",
            "country",
            "xqzt",
            "",
        ] {
            assert!(!wn().names_person(w), "{w}");
        }
    }

    #[test]
    fn general_top_is_never_a_concept() {
        for general in [
            "entity",
            "object",
            "abstraction",
            "act",
            "event",
            "thing",
            "whole",
            "organism",
            "person",
        ] {
            let ids: Vec<u32> = wn()
                .id(general)
                .map(|l| wn().senses_of(l, Some(Pos::Noun)).collect())
                .unwrap_or_default();
            assert!(!ids.is_empty(), "{general}");
            for word in [
                "plant", "profit", "safety", "workers", "laptop", "death", "river",
            ] {
                let reached: Vec<u32> = wn().concepts(word).iter().map(|c| c.0).collect();
                assert!(
                    ids.iter().all(|s| !reached.contains(s)),
                    "{word} reaches {general}"
                );
            }
        }
        // Own senses of the words above share no concept.
        let profit: Vec<u32> = wn().concepts("profit").iter().map(|c| c.0).collect();
        for word in ["plant", "safety"] {
            assert!(
                wn().concepts(word).iter().all(|c| !profit.contains(&c.0)),
                "{word} shares a concept with profit"
            );
        }
    }

    #[test]
    fn concepts_are_sorted_and_weighted() {
        let c = wn().concepts("laptops");
        assert!(!c.is_empty());
        assert!(c.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(c.iter().any(|&(_, s)| s == OWN));
        assert!(c.iter().any(|&(_, s)| s == HYPERNYM_1));
        let death = wn().concepts("death");
        let die: Vec<u32> = wn()
            .id("die")
            .map(|l| wn().senses_of(l, Some(Pos::Verb)).collect())
            .unwrap_or_default();
        assert!(death.iter().any(|&(s, w)| w == DERIVED && die.contains(&s)));
        assert!(wn().concepts("").is_empty());
    }

    #[test]
    fn opposites() {
        for (a, b) in [
            ("below", "above"),
            ("rise", "fall"),
            ("rose", "fell"),
            ("guilty", "innocent"),
            ("increase", "decrease"),
            ("win", "lose"),
            ("won", "lost"),
            ("open", "close"),
            ("safe", "dangerous"),
            ("safety", "dangerous"),
            ("approve", "disapprove"),
            ("alive", "dead"),
            ("detected", "undetected"),
            ("unsafe", "safe"),
        ] {
            assert!(wn().antonyms(a, b), "{a} / {b}");
            assert!(wn().antonyms(b, a), "{b} / {a}");
        }
        for (a, b) in [
            ("rise", "rise"),
            ("bank", "river"),
            ("computer", "laptop"),
            ("plant", "profit"),
        ] {
            assert!(!wn().antonyms(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn negations() {
        let n = |w: &str| wn().negated_base(w);
        assert_eq!(n("undetected").as_deref(), Some("detected"));
        assert_eq!(n("unsafe").as_deref(), Some("safe"));
        assert_eq!(n("nonexistent").as_deref(), Some("existent"));
        assert_eq!(n("illegal").as_deref(), Some("legal"));
        assert_eq!(n("inaccurate").as_deref(), Some("accurate"));
        assert_eq!(n("harmless").as_deref(), Some("harm"));
        for w in [
            "under",
            "unless",
            "uncle",
            "index",
            "intense",
            "inflammable",
            "discover",
            "bless",
            "safe",
            "",
        ] {
            assert_eq!(n(w), None, "{w}");
        }
    }

    #[test]
    fn parts_of_speech() {
        let p = wn().pos_of("laptops");
        assert!(p.contains(Pos::Noun) && !p.contains(Pos::Verb));
        let p = wn().pos_of("run");
        assert!(p.contains(Pos::Noun) && p.contains(Pos::Verb));
        assert!(wn().pos_of("qwzxv").is_empty());
        assert_eq!(
            wn().pos_of("quickly").iter().collect::<Vec<_>>(),
            vec![Pos::Adv]
        );
    }

    #[test]
    fn odd_input_is_total() {
        for w in [
            "",
            " ",
            "é",
            "日本語",
            "ed",
            "s",
            "ing",
            "'s",
            "-",
            "_",
            "a b c",
            "ünsafe",
        ] {
            let _ = wn().lemmas(w);
            let _ = wn().concepts(w);
            let _ = wn().relatedness(w, "laptop");
            let _ = wn().relatedness(w, w);
            let _ = wn().antonyms(w, "safe");
            let _ = wn().negated_base(w);
            let _ = wn().pos_of(w);
        }
        // A damaged file parses without panicking.
        let odd = WordNet::parse("[synsets]\nn x y\nq 1 2 -\nn 5 1 99,0\n[lemmas]\nbar n2\nfoo n0,7\n\nabc n1\n[antonyms]\nfoo bar baz\n[exceptions]\nv\nz fooz foo\n");
        assert_eq!(odd.size(), (2, 3));
        assert!(odd.antonyms("foo", "bar"));
        let _ = odd.relatedness("foo", "bar");
        let _ = odd.concepts("foo");
    }
}
