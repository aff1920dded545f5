//! Part-of-speech tagger: a Universal POS tag ([`Upos`]) for every word of a tokenised sentence.
//!
//! Design: a greedy left-to-right averaged perceptron (Collins 2002, as popularised
//! by Honnibal's "A good part-of-speech tagger in about 200 lines of Python").
//! Each word is scored from 21 features: the lowercased word, its suffixes and
//! prefixes, its shape and flags, the two previous tags (predicted, not gold), the
//! neighbouring words, and the tags a lexicon saw with the word and the next words in
//! training. Frequent unambiguous words are tagged by a dictionary without scoring.
//! Every feature is a 64-bit hash of its parts, built without allocating; the weights
//! are sparse, quantised to `i16`, and kept in an open-addressing table (usually one
//! cache line per feature, most weights inline); the previous-tag and flag features
//! are summed into small dense tables at load.
//!
//! Provenance: the built-in model (`tagger.model`, beside this file) was trained on the
//! Universal Dependencies English Web Treebank (UD English EWT, train split; CC BY-SA 4.0,
//! so the model file is a derived work under that licence) with 12 iterations. It scores
//! UPOS accuracy 95.12% on the EWT test split and 95.12% on dev, and tags 3.8 to 4
//! million tokens per second on one core (release build). Retrain it with
//! `cargo run --release -- tagger-train --treebank ../shared/data/ud-english-ewt --out src/annotate/tagger.model`
//! (README.md beside this file has the details).
//!
//! Words are normalised for features: curly quotes and apostrophes count as straight
//! ones, no-break and zero-width spaces are ignored, digits are folded together, and a
//! sentence written in capitals (a headline) is read as if it were in lower case.

mod train;

pub use train::{
    accuracy, eval_command, parse_conllu, read_conllu, train, train_command, Sentence, TrainOptions,
};

use std::fmt;
use std::sync::OnceLock;

use thiserror::Error;

/// The built-in model, trained on UD English EWT (CC BY-SA 4.0).
static BUILTIN_MODEL: &[u8] = include_bytes!("tagger.model");

/// A Universal Dependencies part-of-speech tag (<https://universaldependencies.org/u/pos/>).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Upos {
    Noun,
    Propn,
    Verb,
    Aux,
    Adj,
    Adv,
    Adp,
    Det,
    Pron,
    Cconj,
    Sconj,
    Part,
    Num,
    Punct,
    Sym,
    Intj,
    X,
}

/// Number of tags; the tag index `NTAGS` stands for "before the sentence" in tag features.
const NTAGS: usize = 17;

impl Upos {
    /// Every tag, in the order of their indices in the model.
    pub const ALL: [Upos; NTAGS] = [
        Upos::Noun,
        Upos::Propn,
        Upos::Verb,
        Upos::Aux,
        Upos::Adj,
        Upos::Adv,
        Upos::Adp,
        Upos::Det,
        Upos::Pron,
        Upos::Cconj,
        Upos::Sconj,
        Upos::Part,
        Upos::Num,
        Upos::Punct,
        Upos::Sym,
        Upos::Intj,
        Upos::X,
    ];

    /// The tag as written in CoNLL-U files, e.g. `"NOUN"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Upos::Noun => "NOUN",
            Upos::Propn => "PROPN",
            Upos::Verb => "VERB",
            Upos::Aux => "AUX",
            Upos::Adj => "ADJ",
            Upos::Adv => "ADV",
            Upos::Adp => "ADP",
            Upos::Det => "DET",
            Upos::Pron => "PRON",
            Upos::Cconj => "CCONJ",
            Upos::Sconj => "SCONJ",
            Upos::Part => "PART",
            Upos::Num => "NUM",
            Upos::Punct => "PUNCT",
            Upos::Sym => "SYM",
            Upos::Intj => "INTJ",
            Upos::X => "X",
        }
    }

    /// The tag written as in CoNLL-U (`"NOUN"`, `"PROPN"`, …); `None` for anything else.
    pub fn parse(s: &str) -> Option<Upos> {
        Upos::ALL.into_iter().find(|t| t.as_str() == s)
    }

    fn index(self) -> usize {
        self as usize
    }

    fn from_index(i: usize) -> Option<Upos> {
        Upos::ALL.get(i).copied()
    }
}

impl fmt::Display for Upos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What can go wrong loading, training or evaluating a tagger.
#[derive(Debug, Error)]
pub enum TaggerError {
    #[error("not a claimtrace tagger model (the file does not start with the magic bytes)")]
    BadMagic,
    #[error("tagger model format version {found} is not supported (this build reads version {expected}); retrain it with `claimtrace tagger-train`")]
    Version { found: u32, expected: u32 },
    #[error("tagger model is truncated or has extra bytes: {found} bytes where the header announces {expected}")]
    Size { expected: u64, found: usize },
    #[error("tagger model is corrupt: {0}")]
    Corrupt(&'static str),
    #[error("{path}: cannot read: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: cannot write: {source}")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {reason}")]
    Conllu {
        path: String,
        line: usize,
        reason: String,
    },
    #[error("{dir}: no file named `*{suffix}` (a UD treebank folder holds e.g. `en_ewt{suffix}`)")]
    MissingSplit { dir: String, suffix: String },
    #[error("{path}: no sentences")]
    NoSentences { path: String },
}

// ---------------------------------------------------------------------------
// Hashing: every string part and every feature becomes a u64 without allocating.

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

#[inline]
fn feed(h: u64, c: char) -> u64 {
    (h ^ c as u64).wrapping_mul(FNV_PRIME)
}

fn hash_str(s: &str) -> u64 {
    s.chars().fold(FNV_OFFSET, feed)
}

/// The 64-bit finaliser of MurmurHash3: spreads every input bit over the output.
#[inline]
fn fmix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// A feature from a template number and one part.
#[inline]
fn key1(template: u64, a: u64) -> u64 {
    fmix(a ^ (template + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// A feature from a template number and two parts.
#[inline]
fn key2(template: u64, a: u64, b: u64) -> u64 {
    fmix(key1(template, a) ^ b.wrapping_mul(0xd6e8_feb8_6659_fd93))
}

// ---------------------------------------------------------------------------
// Word analysis.

/// What the features need to know about one word, computed once per word.
#[derive(Clone, Copy, Debug)]
struct Tok {
    /// Lowercased normalised form (digits folded, numbers grouped).
    lower: u64,
    /// Normalised form with its case (the tag dictionary's key).
    cased: u64,
    /// Last one, two and three characters of the lowercased form.
    suf: [u64; 3],
    /// First character and first three characters of the lowercased form.
    pre1: u64,
    pre3: u64,
    /// Collapsed character classes, e.g. `Xx`, `d,d`, `X.X.`.
    shape: u64,
    /// Tags seen with the word in training (bit per tag; 0 if unseen, 1 << 40 beyond the sentence).
    amb: u64,
    /// Bits: initial capital, all capitals, digit, hyphen, no letters.
    flags: u8,
    /// Tag from the tag dictionary (`NTAGS` if the word is not in it).
    dict: u8,
    /// Two letters or more (for headline detection).
    wordlike: bool,
    /// Two capitals or more and no lower-case letter.
    caps: bool,
}

/// Stands for a word outside the sentence and its sentinels (never used in practice).
const NO_TOK: Tok = Tok {
    lower: 0,
    cased: 0,
    suf: [0; 3],
    pre1: 0,
    pre3: 0,
    shape: 0,
    amb: 0,
    flags: 0,
    dict: NTAGS as u8,
    wordlike: false,
    caps: false,
};

const F_INITIAL_CAP: u8 = 1;
const F_ALL_CAPS: u8 = 2;
const F_DIGIT: u8 = 4;
const F_HYPHEN: u8 = 8;
const F_NO_LETTER: u8 = 16;

/// How a word's case is read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Case {
    /// As written.
    Keep,
    /// All lower case (a word of a headline).
    Lower,
    /// First letter as written, the rest in lower case (the first word of a headline).
    Title,
}

/// Maps typographic variants to the character the treebank uses; `None` drops the character.
#[inline]
fn normalise_char(c: char) -> Option<char> {
    if c.is_ascii() {
        return if c.is_ascii_whitespace() || c.is_ascii_control() {
            None
        } else {
            Some(c)
        };
    }
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{02BC}' | '\u{2032}'
        | '\u{00B4}' => Some('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => Some('"'),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' => Some('-'),
        '\u{2014}' | '\u{2015}' => Some('\u{2014}'),
        '\u{2026}' => Some('.'),
        // Soft hyphen, zero-width spaces and joiners, word joiner, byte-order mark.
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => None,
        c if c.is_whitespace() || c.is_control() => None,
        c => Some(c),
    }
}

/// Accumulates the parts of a [`Tok`] one character at a time.
struct Scan {
    lower: u64,
    cased: u64,
    last: [char; 3],
    pre3: u64,
    nlower: usize,
    pre1: u64,
    shape: u64,
    shape_len: u8,
    last_class: char,
    upper: usize,
    lowercase: usize,
    alpha: usize,
    digits: usize,
    ascii_digits: usize,
    hyphen: bool,
    initial_cap: bool,
    numeric: bool,
    chars: usize,
}

impl Scan {
    fn new() -> Scan {
        Scan {
            lower: FNV_OFFSET,
            cased: FNV_OFFSET,
            last: ['\0'; 3],
            pre3: FNV_OFFSET,
            nlower: 0,
            pre1: FNV_OFFSET,
            shape: FNV_OFFSET,
            shape_len: 0,
            last_class: '\0',
            upper: 0,
            lowercase: 0,
            alpha: 0,
            digits: 0,
            ascii_digits: 0,
            hyphen: false,
            initial_cap: false,
            numeric: true,
            chars: 0,
        }
    }

    /// One normalised character, in the case it is to be read with.
    #[inline]
    fn push(&mut self, c: char) {
        self.cased = feed(self.cased, c);
        let class = if c.is_ascii() {
            match c {
                'A'..='Z' => 'X',
                'a'..='z' => 'x',
                '0'..='9' => 'd',
                c => c,
            }
        } else if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_alphabetic() {
            'a'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        match class {
            'X' => {
                self.upper += 1;
                self.alpha += 1;
                if self.chars == 0 {
                    self.initial_cap = true;
                }
            }
            'x' => {
                self.lowercase += 1;
                self.alpha += 1;
            }
            'a' => self.alpha += 1,
            'd' => {
                self.digits += 1;
                if c.is_ascii_digit() {
                    self.ascii_digits += 1;
                }
            }
            '-' => self.hyphen = true,
            _ => {}
        }
        if !(class == 'd' || matches!(c, ',' | '.' | ':' | '/' | '-' | '+')) {
            self.numeric = false;
        }
        if class != self.last_class && self.shape_len < 8 {
            self.shape = feed(self.shape, class);
            self.shape_len += 1;
        }
        self.last_class = class;
        self.chars += 1;
        if c.is_ascii() {
            self.push_lower(if class == 'd' {
                '0'
            } else {
                c.to_ascii_lowercase()
            });
        } else if class == 'd' {
            self.push_lower('0');
        } else {
            for l in c.to_lowercase() {
                self.push_lower(l);
            }
        }
    }

    #[inline]
    fn push_lower(&mut self, l: char) {
        self.lower = feed(self.lower, l);
        if self.nlower == 0 {
            self.pre1 = feed(FNV_OFFSET, l);
        }
        if self.nlower < 3 {
            self.pre3 = feed(self.pre3, l);
        }
        self.nlower += 1;
        self.last = [self.last[1], self.last[2], l];
    }

    fn finish(self) -> Tok {
        // suf[k] covers the last k+1 characters (all of them if the word is shorter).
        let mut suf = [FNV_OFFSET; 3];
        for (k, s) in suf.iter_mut().enumerate() {
            *s = self
                .last
                .iter()
                .skip(2 - k)
                .filter(|&&c| c != '\0')
                .fold(FNV_OFFSET, |h, &c| feed(h, c));
        }
        let lower = if self.numeric && self.digits > 0 {
            if self.ascii_digits == 4 && self.chars == 4 {
                hash_str("!YEAR")
            } else {
                hash_str("!NUMBER")
            }
        } else {
            self.lower
        };
        let mut flags = 0;
        if self.initial_cap {
            flags |= F_INITIAL_CAP;
        }
        if self.upper >= 2 && self.lowercase == 0 {
            flags |= F_ALL_CAPS;
        }
        if self.digits > 0 {
            flags |= F_DIGIT;
        }
        if self.hyphen {
            flags |= F_HYPHEN;
        }
        if self.alpha == 0 {
            flags |= F_NO_LETTER;
        }
        Tok {
            lower,
            cased: self.cased,
            suf,
            pre1: self.pre1,
            pre3: self.pre3,
            shape: self.shape,
            flags,
            dict: NTAGS as u8,
            wordlike: self.alpha >= 2,
            amb: 0,
            caps: self.upper >= 2 && self.lowercase == 0,
        }
    }
}

fn analyse_word(word: &str, case: Case) -> Tok {
    let mut scan = Scan::new();
    let mut first = true;
    for raw in word.chars() {
        let Some(c) = normalise_char(raw) else {
            continue;
        };
        if case == Case::Keep || (case == Case::Title && first) {
            scan.push(c);
        } else if c.is_ascii() {
            scan.push(c.to_ascii_lowercase());
        } else {
            for l in c.to_lowercase() {
                scan.push(l);
            }
        }
        first = false;
    }
    scan.finish()
}

/// Stand-in for the words before and after the sentence.
fn sentinel(name: &str) -> Tok {
    let h = hash_str(name);
    Tok {
        lower: h,
        cased: h,
        suf: [h; 3],
        pre1: h,
        pre3: h,
        shape: h,
        flags: 0,
        dict: NTAGS as u8,
        wordlike: false,
        caps: false,
        amb: 1 << 40,
    }
}

/// Words of the sentence padded with two sentinels on each side: word `i` is at `toks[i + 2]`.
fn analyse(words: &[&str], toks: &mut Vec<Tok>) {
    toks.clear();
    toks.reserve(words.len() + 4);
    toks.push(sentinel("-START2-"));
    toks.push(sentinel("-START-"));
    let (mut wordlike, mut caps) = (0usize, 0usize);
    for w in words {
        let t = analyse_word(w, Case::Keep);
        wordlike += usize::from(t.wordlike);
        caps += usize::from(t.wordlike && t.caps);
        toks.push(t);
    }
    // A headline in capitals: read it in lower case, the first word capitalised.
    if wordlike >= 3 && caps * 5 >= wordlike * 4 {
        for (slot, (i, w)) in toks.iter_mut().skip(2).zip(words.iter().enumerate()) {
            *slot = analyse_word(w, if i == 0 { Case::Title } else { Case::Lower });
        }
    }
    toks.push(sentinel("-END-"));
    toks.push(sentinel("-END2-"));
}

/// Features of a word looked up by hash at run time.
const NH: usize = 17;
/// All features of a word: the hashed ones, then those with few values (previous tags,
/// word flags), which a loaded model keeps in dense tables.
const NF: usize = NH + 4;

/// Number of previous-tag values: a tag, or "before the sentence".
const NPREV: usize = NTAGS + 1;
/// Number of flag values, times two for "first word of the sentence".
const NFLAGS: usize = 32 * 2;

/// Keys of the previous-tag features.
#[inline]
fn tag_keys(p1: usize, p2: usize) -> [u64; 2] {
    [key1(20, p1 as u64), key2(21, p2 as u64, p1 as u64)]
}

/// Keys of the flag features (`initial`: first word of the sentence).
#[inline]
fn flag_keys(flags: u8, initial: bool) -> [u64; 2] {
    [
        key1(18, u64::from(flags)),
        key2(19, u64::from(initial), u64::from(flags)),
    ]
}

/// The hashed features of the word at `toks[i]` (`2 <= i < toks.len() - 2`), given the
/// previous tag `p1` (`NTAGS` before the sentence start).
#[inline]
fn hashed_features(toks: &[Tok], i: usize, p1: usize, out: &mut [u64; NH]) {
    let at = |j: usize| toks.get(j).unwrap_or(&NO_TOK);
    let (w, next, next2) = (at(i), at(i + 1), at(i + 2));
    let (prev, prev2) = (at(i.wrapping_sub(1)), at(i.wrapping_sub(2)));
    *out = [
        key1(1, w.lower),
        key1(2, w.suf[0]),
        key1(3, w.suf[1]),
        key1(4, w.suf[2]),
        key1(5, w.pre1),
        key1(6, w.pre3),
        key1(7, w.shape),
        key2(8, p1 as u64, w.suf[2]),
        key1(9, prev.lower),
        key1(10, prev2.lower),
        key1(11, next.lower),
        key1(12, next2.lower),
        key2(13, w.lower, next.lower),
        key1(14, w.amb),
        key1(15, next.amb),
        key1(16, next2.amb),
        key2(17, w.amb, next.amb),
    ];
}

/// All the features of the word at `toks[i]` (for training), given the two previous tags.
fn features(toks: &[Tok], i: usize, p1: usize, p2: usize, out: &mut [u64; NF]) {
    let mut hashed = [0; NH];
    hashed_features(toks, i, p1, &mut hashed);
    let flags = toks.get(i).map_or(0, |t| t.flags);
    let [t1, t2] = tag_keys(p1, p2);
    let [f1, f2] = flag_keys(flags, i == 2);
    out[..NH].copy_from_slice(&hashed);
    out[NH..].copy_from_slice(&[t1, t2, f1, f2]);
}

// ---------------------------------------------------------------------------
// The model.

/// One non-zero weight of a feature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry {
    weight: i16,
    tag: u8,
}

/// Open-addressing hash table from non-zero 64-bit keys to 64-bit values, with linear
/// probing in an array of (key, value) pairs: a lookup usually reads one cache line.
/// The keys are hashes already; Fibonacci hashing spreads them over the slots.
#[derive(Debug, Clone, Default)]
struct Table {
    slots: Vec<(u64, u64)>,
    shift: u32,
    len: usize,
}

impl Table {
    /// An empty table for `n` keys, at most two-thirds full.
    fn with_capacity(n: usize) -> Table {
        let cap = (n + n / 2 + 1).next_power_of_two().max(8);
        Table {
            slots: vec![(0, 0); cap],
            shift: 64 - cap.trailing_zeros(),
            len: 0,
        }
    }

    #[inline]
    fn start(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// Adds a key; `false` if it was there already. Key 0 marks empty slots and is not stored.
    fn insert(&mut self, key: u64, value: u64) -> bool {
        if key == 0 {
            return true;
        }
        if (self.len + 1) * 3 > self.slots.len() * 2 {
            let mut bigger = Table::with_capacity(self.len * 2 + 1);
            for &(k, v) in self.slots.iter().filter(|s| s.0 != 0) {
                bigger.insert(k, v);
            }
            *self = bigger;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.start(key);
        loop {
            let Some(slot) = self.slots.get_mut(i) else {
                return false;
            };
            if slot.0 == key {
                return false;
            }
            if slot.0 == 0 {
                *slot = (key, value);
                self.len += 1;
                return true;
            }
            i = (i + 1) & mask;
        }
    }

    #[inline]
    fn get(&self, key: u64) -> Option<u64> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = self.start(key);
        // The table is never full, so an empty slot ends every search; the bound is a safeguard.
        for _ in 0..self.slots.len() {
            let &(k, v) = self.slots.get(i)?;
            if k == key {
                return Some(v);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
        None
    }

    fn iter(&self) -> impl Iterator<Item = (u64, u64)> + '_ {
        self.slots.iter().copied().filter(|s| s.0 != 0)
    }
}

/// A feature's weights in its table value: up to three inline as 21-bit fields
/// (5-bit tag, 16-bit weight; tag 31 = unused), or, with the top bit set, the
/// offset (bits 8..40) and count (bits 0..8) of its run in `Tagger::entries`.
const EXTERNAL: u64 = 1 << 63;
const UNUSED_TAG: u64 = 31;

/// The contents of a model, in the order they are stored.
struct Parts {
    dict: Vec<(u64, Upos)>,
    lexicon: Vec<(u64, u32)>,
    /// Feature keys and their number of weights, whose weights follow one another in `entries`.
    features: Vec<(u64, u8)>,
    entries: Vec<Entry>,
    scale: f32,
}

/// An averaged-perceptron part-of-speech tagger. Cheap to share: tagging takes `&self`.
#[derive(Debug, Clone, Default)]
pub struct Tagger {
    /// Frequent unambiguous words (normalised form with case) -> tag index.
    dict: Table,
    /// Lowercased normalised word -> tags seen with it in training (bit per tag).
    lexicon: Table,
    /// Feature key -> its weights (see [`EXTERNAL`]).
    features: Table,
    /// Weights of the features with more than three.
    entries: Vec<Entry>,
    /// Weight of one unit of an `i16` weight (kept for the record: tagging needs no scale).
    scale: f32,
    /// Summed weights of the previous-tag features, by `p2 * NPREV + p1` (derived on load).
    tag_rows: Vec<[i32; NTAGS]>,
    /// Summed weights of the flag features, by `flags * 2 + initial` (derived on load).
    flag_rows: Vec<[i32; NTAGS]>,
}

const MAGIC: &[u8; 8] = b"CTPOSTAG";
/// Bump when the layout or the features change: an old model then fails to load
/// instead of tagging with features it was not trained on.
const FORMAT_VERSION: u32 = 1;
const HEADER_LEN: usize = 8 + 4 * 8;

/// Little-endian reader over a byte slice.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Result<[u8; N], TaggerError> {
        // `let … else` rather than `ok_or`: no error value is built (and dropped) per read.
        let Some(b) = self
            .pos
            .checked_add(N)
            .and_then(|end| self.bytes.get(self.pos..end))
            .and_then(|s| <[u8; N]>::try_from(s).ok())
        else {
            return Err(TaggerError::Corrupt("unexpected end of data"));
        };
        self.pos += N;
        Ok(b)
    }
    fn u8(&mut self) -> Result<u8, TaggerError> {
        Ok(self.take::<1>()?[0])
    }
    fn u32(&mut self) -> Result<u32, TaggerError> {
        Ok(u32::from_le_bytes(self.take()?))
    }
    fn u64(&mut self) -> Result<u64, TaggerError> {
        Ok(u64::from_le_bytes(self.take()?))
    }
    fn i16(&mut self) -> Result<i16, TaggerError> {
        Ok(i16::from_le_bytes(self.take()?))
    }
    fn f32(&mut self) -> Result<f32, TaggerError> {
        Ok(f32::from_le_bytes(self.take()?))
    }
}

/// Checksum of the model bytes: FNV-style over 8-byte words (fast enough for the load path).
fn checksum(bytes: &[u8]) -> u64 {
    let mut chunks = bytes.chunks_exact(8);
    let mut h = FNV_OFFSET;
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(FNV_PRIME);
    }
    for &b in chunks.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    }
    fmix(h)
}

impl Parts {
    /// Reads the binary layout written by [`Parts::to_bytes`], checking everything.
    fn from_bytes(b: &[u8]) -> Result<Parts, TaggerError> {
        if b.get(..MAGIC.len()) != Some(MAGIC.as_slice()) {
            return Err(TaggerError::BadMagic);
        }
        let mut r = Reader { bytes: b, pos: 8 };
        let version = r.u32()?;
        if version != FORMAT_VERSION {
            return Err(TaggerError::Version {
                found: version,
                expected: FORMAT_VERSION,
            });
        }
        if r.u32()? as usize != NTAGS {
            return Err(TaggerError::Corrupt("wrong number of tags"));
        }
        if r.u32()? as usize != NF {
            return Err(TaggerError::Corrupt("wrong number of features per word"));
        }
        let scale = r.f32()?;
        if !(scale.is_finite() && scale > 0.0) {
            return Err(TaggerError::Corrupt(
                "weight scale is not a positive number",
            ));
        }
        let (n_dict, n_lex, n_feat, n_entries) = (r.u32()?, r.u32()?, r.u32()?, r.u32()?);
        let expected = HEADER_LEN as u64
            + 9 * u64::from(n_dict)
            + 12 * u64::from(n_lex)
            + 9 * u64::from(n_feat)
            + 3 * u64::from(n_entries)
            + 8;
        if expected != b.len() as u64 {
            return Err(TaggerError::Size {
                expected,
                found: b.len(),
            });
        }
        // The checksum is the last 8 bytes (the size check above leaves at least 8).
        let Some((body, stored)) = b.split_last_chunk::<8>() else {
            return Err(TaggerError::Corrupt("unexpected end of data"));
        };
        if u64::from_le_bytes(*stored) != checksum(body) {
            return Err(TaggerError::Corrupt("checksum mismatch"));
        }
        let mut parts = Parts {
            dict: Vec::with_capacity(n_dict as usize),
            lexicon: Vec::with_capacity(n_lex as usize),
            features: Vec::with_capacity(n_feat as usize),
            entries: Vec::with_capacity(n_entries as usize),
            scale,
        };
        for _ in 0..n_dict {
            let key = r.u64()?;
            let Some(tag) = Upos::from_index(r.u8()?.into()) else {
                return Err(TaggerError::Corrupt("dictionary tag out of range"));
            };
            parts.dict.push((key, tag));
        }
        for _ in 0..n_lex {
            let key = r.u64()?;
            let tags = r.u32()?;
            if tags >> NTAGS != 0 {
                return Err(TaggerError::Corrupt("lexicon tag out of range"));
            }
            parts.lexicon.push((key, tags));
        }
        let mut total = 0u64;
        for _ in 0..n_feat {
            let key = r.u64()?;
            let count = r.u8()?;
            if count == 0 || usize::from(count) > NTAGS {
                return Err(TaggerError::Corrupt("feature with a bad number of weights"));
            }
            total += u64::from(count);
            parts.features.push((key, count));
        }
        if total != u64::from(n_entries) {
            return Err(TaggerError::Corrupt(
                "weight count does not match the features",
            ));
        }
        for _ in 0..n_entries {
            let tag = r.u8()?;
            if usize::from(tag) >= NTAGS {
                return Err(TaggerError::Corrupt("weight tag out of range"));
            }
            let weight = r.i16()?;
            parts.entries.push(Entry { weight, tag });
        }
        Ok(parts)
    }

    /// The binary layout: header, dictionary, lexicon, features, weights, checksum
    /// (little-endian; keys sorted, so the same model always gives the same bytes).
    fn to_bytes(&self) -> Vec<u8> {
        let mut b = Vec::new();
        b.extend_from_slice(MAGIC);
        for v in [FORMAT_VERSION, NTAGS as u32, NF as u32] {
            b.extend_from_slice(&v.to_le_bytes());
        }
        b.extend_from_slice(&self.scale.to_le_bytes());
        let counts = [
            self.dict.len(),
            self.lexicon.len(),
            self.features.len(),
            self.entries.len(),
        ];
        for n in counts {
            b.extend_from_slice(&(n as u32).to_le_bytes());
        }
        for &(k, t) in &self.dict {
            b.extend_from_slice(&k.to_le_bytes());
            b.push(t.index() as u8);
        }
        for &(k, tags) in &self.lexicon {
            b.extend_from_slice(&k.to_le_bytes());
            b.extend_from_slice(&tags.to_le_bytes());
        }
        for &(k, n) in &self.features {
            b.extend_from_slice(&k.to_le_bytes());
            b.push(n);
        }
        for e in &self.entries {
            b.push(e.tag);
            b.extend_from_slice(&e.weight.to_le_bytes());
        }
        let sum = checksum(&b);
        b.extend_from_slice(&sum.to_le_bytes());
        b
    }
}

impl Tagger {
    /// The built-in model (UD English EWT), loaded once on first use.
    pub fn builtin() -> &'static Tagger {
        static BUILTIN: OnceLock<Tagger> = OnceLock::new();
        // The embedded bytes are checked by a unit test; should they ever be unreadable,
        // tagging still works (every word gets the same tag) rather than aborting the pipeline.
        BUILTIN.get_or_init(|| Tagger::from_bytes(BUILTIN_MODEL).unwrap_or_default())
    }

    /// Loads a model written by `tagger-train` (the layout of [`Tagger::to_bytes`]),
    /// checking its header, size, checksum and contents.
    pub fn from_bytes(b: &[u8]) -> Result<Tagger, TaggerError> {
        Tagger::assemble(Parts::from_bytes(b)?)
    }

    /// The model in the binary layout read by [`Tagger::from_bytes`].
    pub fn to_bytes(&self) -> Vec<u8> {
        self.parts().to_bytes()
    }

    /// Number of features with weights, and of words in the tag dictionary.
    pub fn size(&self) -> (usize, usize) {
        (self.features.len, self.dict.len)
    }

    /// Builds the lookup tables from the stored contents.
    fn assemble(parts: Parts) -> Result<Tagger, TaggerError> {
        let mut t = Tagger {
            dict: Table::with_capacity(parts.dict.len()),
            lexicon: Table::with_capacity(parts.lexicon.len()),
            features: Table::with_capacity(parts.features.len()),
            scale: parts.scale,
            ..Tagger::default()
        };
        for (k, tag) in parts.dict {
            if !t.dict.insert(k, tag.index() as u64) {
                return Err(TaggerError::Corrupt("duplicate dictionary word"));
            }
        }
        for (k, tags) in parts.lexicon {
            if !t.lexicon.insert(k, tags.into()) {
                return Err(TaggerError::Corrupt("duplicate lexicon word"));
            }
        }
        let mut rest = parts.entries.as_slice();
        for (k, n) in parts.features {
            let Some((weights, tail)) = rest.split_at_checked(n.into()) else {
                return Err(TaggerError::Corrupt(
                    "weight count does not match the features",
                ));
            };
            rest = tail;
            let value = if weights.len() <= 3 {
                (0..3).fold(0, |v, j| {
                    let field = weights.get(j).map_or(UNUSED_TAG, |e| {
                        u64::from(e.tag) | u64::from(e.weight as u16) << 5
                    });
                    v | field << (21 * j)
                })
            } else {
                let offset = t.entries.len() as u64;
                t.entries.extend_from_slice(weights);
                EXTERNAL | offset << 8 | weights.len() as u64
            };
            if !t.features.insert(k, value) {
                return Err(TaggerError::Corrupt("duplicate feature"));
            }
        }
        t.build_dense();
        Ok(t)
    }

    /// The stored contents, keys sorted.
    fn parts(&self) -> Parts {
        let mut parts = Parts {
            dict: self
                .dict
                .iter()
                .filter_map(|(k, v)| Some((k, Upos::from_index(v as usize)?)))
                .collect(),
            lexicon: self.lexicon.iter().map(|(k, v)| (k, v as u32)).collect(),
            features: Vec::new(),
            entries: Vec::new(),
            scale: self.scale,
        };
        parts.dict.sort_unstable_by_key(|&(k, _)| k);
        parts.lexicon.sort_unstable_by_key(|&(k, _)| k);
        let mut features: Vec<(u64, u64)> = self.features.iter().collect();
        features.sort_unstable_by_key(|&(k, _)| k);
        for (k, v) in features {
            let before = parts.entries.len();
            self.for_each_weight(v, |tag, weight| {
                parts.entries.push(Entry {
                    weight,
                    tag: tag as u8,
                })
            });
            parts
                .features
                .push((k, (parts.entries.len() - before) as u8));
        }
        parts
    }

    /// Calls `f(tag, weight)` for each weight of a feature's table value.
    #[inline]
    fn for_each_weight(&self, v: u64, mut f: impl FnMut(usize, i16)) {
        if v & EXTERNAL == 0 {
            for j in 0..3 {
                let field = v >> (21 * j);
                let tag = (field & 31) as usize;
                if tag < NTAGS {
                    f(tag, (field >> 5) as u16 as i16);
                }
            }
        } else {
            let offset = ((v >> 8) & 0xffff_ffff) as usize;
            let len = (v & 0xff) as usize;
            for e in self.entries.get(offset..offset + len).unwrap_or(&[]) {
                f(e.tag.into(), e.weight);
            }
        }
    }

    /// Adds the weights of feature `key` (if the model has it) to `scores`.
    #[inline]
    fn add_weights(&self, key: u64, scores: &mut [i32; NTAGS]) {
        if let Some(v) = self.features.get(key) {
            self.add_value(v, scores);
        }
    }

    /// Adds the weights of a feature's table value to `scores`.
    #[inline]
    fn add_value(&self, v: u64, scores: &mut [i32; NTAGS]) {
        self.for_each_weight(v, |tag, weight| {
            if let Some(s) = scores.get_mut(tag) {
                *s += i32::from(weight);
            }
        });
    }

    /// Sums the weights of the features with few values into the dense tables.
    fn build_dense(&mut self) {
        let sum = |keys: [u64; 2]| {
            let mut row = [0; NTAGS];
            for k in keys {
                self.add_weights(k, &mut row);
            }
            row
        };
        let tag_rows = (0..NPREV * NPREV)
            .map(|j| sum(tag_keys(j % NPREV, j / NPREV)))
            .collect();
        let flag_rows = (0..NFLAGS)
            .map(|j| sum(flag_keys((j / 2) as u8, j % 2 == 1)))
            .collect();
        self.tag_rows = tag_rows;
        self.flag_rows = flag_rows;
    }

    /// The tag of a word in the tag dictionary, `NTAGS` for other words.
    #[inline]
    fn dict_tag(&self, tok: &Tok) -> u8 {
        match self.dict.get(tok.cased) {
            Some(t) if (t as usize) < NTAGS => t as u8,
            _ => NTAGS as u8,
        }
    }

    /// Scores of the hashed features. The first slot of each key is read before any is
    /// used: the reads are independent, so the processor overlaps their cache misses.
    #[inline]
    fn add_hashed(&self, keys: &[u64; NH], scores: &mut [i32; NTAGS]) {
        let table = &self.features;
        let mut first = [(0, 0); NH];
        for (f, &k) in first.iter_mut().zip(keys) {
            *f = table.slots.get(table.start(k)).copied().unwrap_or_default();
        }
        for (&key, (k, v)) in keys.iter().zip(first) {
            if k == key {
                self.add_value(v, scores);
            } else if k != 0 {
                self.add_weights(key, scores);
            }
        }
    }

    /// One tag per word of a tokenised sentence (`words[i]` -> result `[i]`).
    /// Never panics: any string is a word, including empty ones.
    ///
    /// A contraction our tokeniser keeps whole ("There's", "I’m", "don't") is
    /// tagged as the treebank splits it ("There" + "'s") and given back one tag:
    /// the verb's for "'s/'re/'m/'ve/'ll/'d" when the tagger reads the clitic as
    /// one ("There's" AUX, "Trump's" stays PROPN), the host's for "n't" ("do"
    /// AUX). Untouched, the whole word was out of the model's vocabulary and read
    /// as a name or determiner, which hid the verb of clauses such as "There's a
    /// place for women who don't help".
    pub fn tag(&self, words: &[&str]) -> Vec<Upos> {
        let mut toks = Vec::new();
        let mut out = Vec::with_capacity(words.len());
        let split: Vec<Option<(&str, &'static str)>> =
            words.iter().map(|w| split_contraction(w)).collect();
        if split.iter().all(Option::is_none) {
            self.tag_into(words, &mut toks, &mut out);
            return out;
        }
        let mut expanded: Vec<&str> = Vec::with_capacity(words.len() + 4);
        for (w, sp) in words.iter().zip(&split) {
            match sp {
                Some((host, clitic)) => {
                    expanded.push(host);
                    expanded.push(clitic);
                }
                None => expanded.push(w),
            }
        }
        let mut tags = Vec::with_capacity(expanded.len());
        self.tag_into(&expanded, &mut toks, &mut tags);
        let mut k = 0;
        for sp in &split {
            let host = tags.get(k).copied().unwrap_or(Upos::X);
            match sp {
                Some((_, clitic)) => {
                    let c = tags.get(k + 1).copied().unwrap_or(Upos::X);
                    out.push(match *clitic {
                        "n't" => host,
                        _ if matches!(c, Upos::Aux | Upos::Verb) => Upos::Aux,
                        _ => host,
                    });
                    k += 2;
                }
                None => {
                    out.push(host);
                    k += 1;
                }
            }
        }
        out
    }

    /// [`Tagger::tag`] reusing the caller's buffers (for tagging many sentences).
    fn tag_into(&self, words: &[&str], toks: &mut Vec<Tok>, out: &mut Vec<Upos>) {
        out.clear();
        if words.is_empty() {
            return;
        }
        analyse(words, toks);
        for t in toks.iter_mut().skip(2).take(words.len()) {
            t.amb = self.lexicon.get(t.lower).unwrap_or(0);
            t.dict = self.dict_tag(t);
        }
        let (mut p1, mut p2) = (NTAGS, NTAGS);
        let mut keys = [0u64; NH];
        let toks: &[Tok] = toks;
        // Words only: the two sentinels at each end are context.
        let words_end = toks.len().saturating_sub(2);
        for (i, tok) in toks.iter().enumerate().take(words_end).skip(2) {
            let tag = match Upos::from_index(tok.dict.into()) {
                Some(t) => t,
                None => {
                    let mut scores = self
                        .tag_rows
                        .get(p2 * NPREV + p1)
                        .copied()
                        .unwrap_or([0; NTAGS]);
                    let flag_row = usize::from(tok.flags) * 2 + usize::from(i == 2);
                    if let Some(row) = self.flag_rows.get(flag_row) {
                        for (s, w) in scores.iter_mut().zip(row) {
                            *s += w;
                        }
                    }
                    hashed_features(toks, i, p1, &mut keys);
                    self.add_hashed(&keys, &mut scores);
                    Upos::from_index(argmax(&scores)).unwrap_or(Upos::X)
                }
            };
            out.push(tag);
            p2 = p1;
            p1 = tag.index();
        }
    }
}

/// Index of the highest score (the first one on ties).
fn argmax<T: PartialOrd + Copy>(scores: &[T]) -> usize {
    let mut best: Option<(usize, T)> = None;
    for (i, &s) in scores.iter().enumerate() {
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map_or(0, |(i, _)| i)
}

/// A contraction split as the treebank splits it: "There's" -> ("There", "'s"),
/// "don’t" -> ("do", "n't"), "can't" -> ("ca", "n't"); None for other words.
fn split_contraction(w: &str) -> Option<(&str, &'static str)> {
    if !w.contains(['\'', '\u{2019}']) {
        return None;
    }
    let lower = w.to_lowercase().replace('\u{2019}', "'");
    const CLITICS: [&str; 7] = ["n't", "'s", "'re", "'m", "'ve", "'ll", "'d"];
    for c in CLITICS {
        if lower.len() > c.len() && lower.ends_with(c) {
            // The host in the original spelling: cut the clitic's characters off.
            let n = c.chars().count();
            let cut = w.char_indices().rev().nth(n - 1).map(|(i, _)| i)?;
            let host = w.get(..cut)?;
            if host.is_empty() || !host.chars().all(char::is_alphabetic) {
                return None;
            }
            return Some((host, c));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(t: &Tagger, s: &str) -> Vec<Upos> {
        let words: Vec<&str> = s.split(' ').collect();
        t.tag(&words)
    }

    #[test]
    fn upos_round_trips_through_its_name() {
        for t in Upos::ALL {
            assert_eq!(Upos::parse(t.as_str()), Some(t));
            assert_eq!(Upos::from_index(t.index()), Some(t));
        }
        assert_eq!(Upos::parse("noun"), None);
        assert_eq!(Upos::parse(""), None);
    }

    #[test]
    fn the_builtin_model_loads() {
        let t = Tagger::from_bytes(BUILTIN_MODEL).unwrap();
        let (features, words) = t.size();
        assert!(features > 10_000, "{features} features");
        assert!(words > 100, "{words} dictionary words");
    }

    #[test]
    fn builtin_tags_a_plain_sentence() {
        let got = tags(
            Tagger::builtin(),
            "The company said it would close the plant .",
        );
        assert_eq!(got.len(), 9);
        assert_eq!(got[0], Upos::Det);
        assert_eq!(got[1], Upos::Noun);
        assert_eq!(got[2], Upos::Verb);
        assert_eq!(got[3], Upos::Pron);
        assert_eq!(got[4], Upos::Aux);
        assert_eq!(got[5], Upos::Verb);
        assert_eq!(got[7], Upos::Noun);
        assert_eq!(got[8], Upos::Punct);
    }

    #[test]
    fn typography_and_headlines_are_read_like_plain_text() {
        let t = Tagger::builtin();
        // A curly apostrophe is the same word as a straight one.
        assert_eq!(
            tags(t, "The mayor ’s office did n’t comment ."),
            tags(t, "The mayor 's office did n't comment .")
        );
        // A no-break space inside a number, a number with commas.
        let got = t.tag(&[
            "It",
            "cost",
            "1,250,000",
            "dollars",
            "and",
            "10\u{a0}000",
            "euros",
        ]);
        assert_eq!(got[2], Upos::Num);
        assert_eq!(got[5], Upos::Num);
        // A headline in capitals is not all proper nouns.
        let got = tags(t, "MAYOR SAYS CITY WILL CLOSE THE PLANT");
        assert_eq!(got[1], Upos::Verb, "{got:?}");
        assert_eq!(got[3], Upos::Aux, "{got:?}");
        assert_eq!(got[5], Upos::Det, "{got:?}");
    }

    #[test]
    fn contractions_kept_whole_are_tagged_as_the_treebank_splits_them() {
        let t = Tagger::builtin();
        let got = tags(t, "There’s a place for women who don’t help");
        assert_eq!(got.len(), 8);
        assert_eq!(got[0], Upos::Aux, "{got:?}");
        assert_eq!(got[6], Upos::Aux, "{got:?}");
        assert_eq!(got[7], Upos::Verb, "{got:?}");
        let got = tags(t, "I'm not ready , and it can't wait");
        assert_eq!(got[0], Upos::Aux, "{got:?}");
        assert_eq!(got[6], Upos::Aux, "{got:?}");
        // A possessive keeps its host's tag.
        let got = tags(t, "Varga's office did not comment");
        assert_eq!(got[0], Upos::Propn, "{got:?}");
        assert_eq!(split_contraction("'s"), None);
        assert_eq!(split_contraction("can’t"), Some(("ca", "n't")));
    }

    #[test]
    fn hostile_input_gets_one_tag_per_word() {
        let t = Tagger::builtin();
        assert!(t.tag(&[]).is_empty());
        let huge = "x".repeat(100_000);
        let mixed = "Ελλάδα日本語العربية🙂\u{0301}";
        let cases: Vec<Vec<&str>> = vec![
            vec![""],
            vec!["", "", ""],
            vec![huge.as_str()],
            vec!["a", huge.as_str(), "b"],
            vec![".", ",", "!", "?", "...", "--", "(", ")"],
            vec![mixed, "und", "Москва", "\u{a0}", "\u{feff}", "\u{200b}"],
            vec!["\0", "\u{10FFFF}", "\u{FFFD}", "ǅ", "İ", "ß"],
            vec!["ABC", "DEF", "GHI", ""],
        ];
        for words in cases {
            assert_eq!(t.tag(&words).len(), words.len());
        }
        let long: Vec<&str> = std::iter::repeat_n("word", 10_000).collect();
        assert_eq!(t.tag(&long).len(), 10_000);
    }

    #[test]
    fn from_bytes_rejects_damaged_models() {
        let good = Tagger::builtin().to_bytes();
        assert!(Tagger::from_bytes(&good).is_ok());
        assert!(matches!(
            Tagger::from_bytes(b""),
            Err(TaggerError::BadMagic)
        ));
        assert!(matches!(
            Tagger::from_bytes(b"not a model at all"),
            Err(TaggerError::BadMagic)
        ));
        // Truncated anywhere.
        for len in [
            8,
            9,
            12,
            HEADER_LEN - 1,
            HEADER_LEN,
            good.len() / 2,
            good.len() - 1,
        ] {
            assert!(Tagger::from_bytes(&good[..len]).is_err(), "length {len}");
        }
        // Trailing garbage.
        let mut longer = good.clone();
        longer.push(0);
        assert!(matches!(
            Tagger::from_bytes(&longer),
            Err(TaggerError::Size { .. })
        ));
        // Another version.
        let mut other = good.clone();
        other[8] = 99;
        assert!(matches!(
            Tagger::from_bytes(&other),
            Err(TaggerError::Version { found: 99, .. })
        ));
        // A flipped byte in the body.
        let mut flipped = good.clone();
        flipped[HEADER_LEN + 3] ^= 0x40;
        assert!(Tagger::from_bytes(&flipped).is_err());
        // Header counts that overflow or lie.
        let mut lying = good.clone();
        lying[24..40].copy_from_slice(&[0xff; 16]);
        assert!(matches!(
            Tagger::from_bytes(&lying),
            Err(TaggerError::Size { .. })
        ));
        // Pseudo-random garbage after a valid magic and version.
        let mut x: u64 = 0x1234_5678_9abc_def1;
        for n in 0..200 {
            let mut g = good[..12].to_vec();
            for _ in 0..n * 7 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                g.push(x as u8);
            }
            assert!(Tagger::from_bytes(&g).is_err());
        }
    }

    #[test]
    fn a_tiny_training_set_is_learned() {
        let data: String = [
            "Dogs/NOUN bark/VERB ./PUNCT",
            "The/DET dog/NOUN sees/VERB the/DET cat/NOUN ./PUNCT",
            "Cats/NOUN see/VERB dogs/NOUN quickly/ADV !/PUNCT",
        ]
        .iter()
        .map(|s| {
            let mut lines = String::new();
            for (i, pair) in s.split(' ').enumerate() {
                let (word, tag) = pair.rsplit_once('/').unwrap();
                lines.push_str(&format!("{}\t{word}\t_\t{tag}\t_\t_\t0\t_\t_\t_\n", i + 1));
            }
            lines + "\n"
        })
        .collect();
        let sents = parse_conllu(&data, "tiny.conllu").unwrap();
        assert_eq!(sents.len(), 3);
        // No pruning: the averaged weights of so small a set are all small.
        let opts = TrainOptions {
            iterations: 10,
            prune: 0.0,
            ..TrainOptions::default()
        };
        let model = train(&sents, &opts, |_, _, _| {}).unwrap();
        for s in &sents {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            assert_eq!(model.tag(&words), s.tags);
        }
        // The model survives a round trip through its bytes.
        let back = Tagger::from_bytes(&model.to_bytes()).unwrap();
        assert_eq!(
            tags(&back, "The cat sees the dog ."),
            tags(&model, "The cat sees the dog .")
        );
        assert_eq!(
            tags(&back, "The cat sees the dog ."),
            [
                Upos::Det,
                Upos::Noun,
                Upos::Verb,
                Upos::Det,
                Upos::Noun,
                Upos::Punct
            ]
        );
    }
}
