//! Quantities: the numbers in a claim, what each measures, and whether two agree.
//!
//! Takes: a claim's (or a sentence's) text. Gives: [`quantities`], one
//! [`Quantity`] per number that states an amount: the interval the text
//! commits to ("about 140" is 126..154, "more than 80" is (80, inf), a round
//! "12,000" is ±5%), its [`Unit`] (count, percent, percentage points, money,
//! duration, year, ordinal, other units), what it measures (a class from
//! `src/lexicon/quantities.txt` such as `dead` or `jobs`, else the head noun's
//! lemma), whether it is one end of a change ("from 9 to 21", "fell by 3") and
//! its byte span. [`compare`] says whether two quantities that measure the same
//! thing agree (their intervals overlap) or disagree, and returns `None` when
//! they do not measure the same thing; [`compare_with`] lets a caller treat
//! two different measures as the same (synonyms), and [`measure_key`] gives
//! the key compared.
//!
//! The data file holds three kinds of line: `CLASS: nouns` (head nouns that
//! count members of a class), `CLASS <- words` (verbs beside a count of people
//! that say what happened to them: "nine climbers died" is `dead`), and
//! `~ nouns` (nouns for people, weak measures that such a verb overrides).
//!
//! Years, dates, times of day, ages, phone numbers, model names ("Boeing 737",
//! "Covid-19") and section or page numbers are never counts: they are skipped,
//! or kept as [`Unit::Year`] / [`Unit::Ordinal`], which `compare` never matches
//! with a count. The module is self-contained (it does not use
//! [`crate::normalise`]) and total: any input, however odd, yields a list.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// What a number is in.
#[derive(Debug, Clone, PartialEq)]
pub enum Unit {
    /// Things counted; what they are is in [`Quantity::measure`].
    Count,
    Percent,
    PercentagePoints,
    /// Money. `currency` is an ISO-like code ("USD", "GBP", "EUR"), "$" for a
    /// dollar of unknown country, or "" when unknown.
    Money {
        currency: String,
    },
    /// A calendar year ("in 2019").
    Year,
    /// A length of time; `low`, `high` and `value` are converted to `unit`
    /// (always "day", so weeks, months and years compare).
    Duration {
        unit: String,
    },
    /// A rank or position ("third quarter", "the 5th").
    Ordinal,
    /// A physical unit ("km", "tonne", "mile").
    Other(String),
}

/// Which end of a change a quantity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// The start of a change ("from 9", "fell from 9"): compared with nothing.
    From,
    /// The end of a change ("to 21", "has risen to 21"): a level, comparable with levels.
    To,
    /// The size of a change ("fell by 3", "up 5 percent"): compared only with other deltas.
    By,
}

/// A number found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// The interval the text commits to.
    pub low: f64,
    pub high: f64,
    /// Whether `low` / `high` belong to the interval ("more than 80" excludes 80).
    pub low_inclusive: bool,
    pub high_inclusive: bool,
    /// The number as written, scaled ("1.2m" is 1,200,000; "a third" is 33.3;
    /// vague plurals give their lower end: "dozens" is 24).
    pub value: f64,
    pub unit: Unit,
    /// What is counted: a class from the data file (`dead`, `jobs`, ...), "top"
    /// for ranks ("top 1 percent"), else the head noun's lemma.
    pub measure: Option<String>,
    /// The head noun's lemma as written, before class mapping ("climber").
    pub noun: Option<String>,
    pub change: Option<Change>,
    /// Byte span in the text (on char boundaries) and the words it covers,
    /// including the words the measure came from ("nine climbers died").
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// The outcome of comparing two quantities that measure the same thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    Agree,
    Disagree,
}

/// The key two quantities must share to be compared: the measure class or head
/// lemma. A caller may treat keys that are synonyms as equal.
pub fn measure_key(q: &Quantity) -> Option<&str> {
    q.measure.as_deref()
}

/// Whether two quantities agree, disagree, or (`None`) do not measure the same
/// thing: different units, percent vs percentage points, different measures,
/// a count vs a year, ordinals and years (never compared), a change's start,
/// a delta vs a level, money in two known different currencies.
///
/// Counts and percentages need a measure on both sides, and equal ones; money,
/// durations and physical units compare when measures are equal or either is
/// missing. Comparable quantities agree when their intervals overlap; two
/// bounds the same way ("up to", "within", "fewer than" / "more than", "at
/// least") when the bounds are within 10% of each other, and are not compared
/// otherwise. Figures with a measure missing are not compared when more than
/// ten times apart.
///
/// Figures that are not round are read to their written precision: money,
/// percentages and durations ±half a unit of the last digit ("$915 million" is
/// 914.51..915.49 million, so "$916 million" disagrees with it), plain counts
/// exactly ("215 workers" is 215). Round figures ("140", "1.2 million",
/// "12,000") are ±5%.
pub fn compare(a: &Quantity, b: &Quantity) -> Option<Comparison> {
    compare_with(a, b, |x, y| x == y)
}

/// [`compare`] with a caller's notion of equal measures (for example WordNet
/// synonyms); `same` is called only when both measures are present.
pub fn compare_with(
    a: &Quantity,
    b: &Quantity,
    same: impl Fn(&str, &str) -> bool,
) -> Option<Comparison> {
    if a.change == Some(Change::From) || b.change == Some(Change::From) {
        return None;
    }
    if (a.change == Some(Change::By)) != (b.change == Some(Change::By)) {
        return None;
    }
    let measures_equal = match (measure_key(a), measure_key(b)) {
        (Some(x), Some(y)) => Some(x == y || same(x, y)),
        _ => None,
    };
    let strict = measures_equal == Some(true);
    let loose = measures_equal != Some(false);
    let ok = match (&a.unit, &b.unit) {
        (Unit::Count, Unit::Count) => strict,
        (Unit::Percent, Unit::Percent) => strict,
        (Unit::PercentagePoints, Unit::PercentagePoints) => strict,
        (Unit::Money { currency: x }, Unit::Money { currency: y }) => {
            loose && currencies_match(x, y)
        }
        (Unit::Duration { unit: x }, Unit::Duration { unit: y }) => loose && x == y,
        (Unit::Other(x), Unit::Other(y)) => loose && x == y,
        _ => false,
    };
    if !ok {
        return None;
    }
    // Without a measure on both sides, figures more than ten times apart are
    // taken to measure different things ("incomes of more than $750,000" and
    // "a cut of $2,700 for the middle"), not to disagree.
    if measures_equal.is_none() {
        let (x, y) = (a.value.abs(), b.value.abs());
        if x.min(y) > 0.0 && x.max(y) > 10.0 * x.min(y) {
            return None;
        }
    }
    // Two bounds the same way ("within 48 hours" / "up to five days", "more
    // than 80" / "over 200") agree only when the bounds do (their intervals
    // overlap whatever the bounds are); bounds far apart are not told to
    // disagree either ("fewer than 10" and "under 50" can both hold).
    let upper = |q: &Quantity| q.low == 0.0 && q.value > 0.0 && q.high.is_finite();
    let lower = |q: &Quantity| q.high.is_infinite() && q.low > 0.0;
    let close = |x: f64, y: f64| (x - y).abs() <= 0.1 * x.abs().max(y.abs());
    let agree = if upper(a) && upper(b) {
        if !close(a.high, b.high) {
            return None;
        }
        true
    } else if lower(a) && lower(b) {
        if !close(a.low, b.low) {
            return None;
        }
        true
    } else {
        overlap(a, b)
    };
    Some(if agree {
        Comparison::Agree
    } else {
        Comparison::Disagree
    })
}

fn currencies_match(x: &str, y: &str) -> bool {
    const DOLLARS: &[&str] = &["USD", "AUD", "CAD", "NZD", "HKD", "SGD"];
    x == y
        || x.is_empty()
        || y.is_empty()
        || (x == "$" && DOLLARS.contains(&y))
        || (y == "$" && DOLLARS.contains(&x))
}

fn overlap(a: &Quantity, b: &Quantity) -> bool {
    let (lo, lo_inc) = if a.low > b.low {
        (a.low, a.low_inclusive)
    } else if b.low > a.low {
        (b.low, b.low_inclusive)
    } else {
        (a.low, a.low_inclusive && b.low_inclusive)
    };
    let (hi, hi_inc) = if a.high < b.high {
        (a.high, a.high_inclusive)
    } else if b.high < a.high {
        (b.high, b.high_inclusive)
    } else {
        (a.high, a.high_inclusive && b.high_inclusive)
    };
    lo < hi || (lo == hi && lo_inc && hi_inc)
}

// ---------------------------------------------------------------------------
// Data file

struct Lex {
    /// Head noun lemma (or "modifier lemma" phrase) -> class.
    nouns: HashMap<String, String>,
    /// Verb phrase (space-joined) -> class.
    triggers: HashMap<String, String>,
    /// Nouns for people, whose class a verb beside them decides.
    weak: HashSet<String>,
    max_trigger: usize,
}

fn lex() -> &'static Lex {
    static L: OnceLock<Lex> = OnceLock::new();
    L.get_or_init(|| parse_lexicon(include_str!("../lexicon/quantities.txt")))
}

fn parse_lexicon(src: &str) -> Lex {
    let mut lx = Lex {
        nouns: HashMap::new(),
        triggers: HashMap::new(),
        weak: HashSet::new(),
        max_trigger: 1,
    };
    for line in src.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix('~') {
            lx.weak
                .extend(rest.split_whitespace().map(|w| lemma(&w.to_lowercase())));
        } else if let Some((class, words)) = line.split_once("<-") {
            let class = class.trim().to_lowercase();
            for w in words.split_whitespace() {
                let parts: Vec<String> = w.split('_').map(str::to_lowercase).collect();
                lx.max_trigger = lx.max_trigger.max(parts.len());
                lx.triggers.insert(parts.join(" "), class.clone());
            }
        } else if let Some((class, words)) = line.split_once(':') {
            let class = class.trim().to_lowercase();
            for w in words.split_whitespace() {
                let mut parts: Vec<String> = w.split('_').map(str::to_lowercase).collect();
                if let Some(last) = parts.last_mut() {
                    *last = lemma(last);
                }
                lx.nouns.insert(parts.join(" "), class.clone());
            }
        }
    }
    lx
}

// ---------------------------------------------------------------------------
// Words

/// A simple lemma: plural nouns to singular ("workers" -> "worker",
/// "fatalities" -> "fatality", "people" -> "person").
pub fn lemma(w: &str) -> String {
    const IRREGULAR: &[(&str, &str)] = &[
        ("people", "person"),
        ("persons", "person"),
        ("men", "man"),
        ("women", "woman"),
        ("children", "child"),
        ("feet", "foot"),
        ("teeth", "tooth"),
        ("mice", "mouse"),
        ("geese", "goose"),
        ("lives", "life"),
        ("wives", "wife"),
        ("knives", "knife"),
        ("halves", "half"),
        ("leaves", "leaf"),
        ("thieves", "thief"),
        ("staff", "staff"),
        ("series", "series"),
        ("species", "species"),
        ("news", "news"),
        ("data", "data"),
        ("police", "police"),
    ];
    if let Some((_, l)) = IRREGULAR.iter().find(|(p, _)| *p == w) {
        return (*l).to_string();
    }
    let n = w.chars().count();
    if let Some(stem) = w.strip_suffix("ies").filter(|_| n > 4) {
        return format!("{stem}y");
    }
    // Each of these ends in "es", which goes.
    for suf in ["sses", "shes", "ches", "xes", "zzes"] {
        if n > suf.len() + 1 && w.ends_with(suf) {
            if let Some(stem) = w.strip_suffix("es") {
                return stem.to_string();
            }
        }
    }
    if n > 3 && !(w.ends_with("ss") || w.ends_with("us") || w.ends_with("is")) {
        if let Some(stem) = w.strip_suffix('s') {
            return stem.to_string();
        }
    }
    w.to_string()
}

/// Does a lowercase word look like a plural noun?
fn plural(w: &str) -> bool {
    const NOT: &[&str] = &[
        "this",
        "was",
        "has",
        "its",
        "is",
        "us",
        "yes",
        "less",
        "unless",
        "as",
        "thus",
        "whereas",
        "always",
        "perhaps",
        "afterwards",
        "towards",
        "besides",
        "sometimes",
        "news",
        "series",
        "species",
        "does",
        "goes",
        "says",
        "his",
        "hers",
        "ours",
        "yours",
        "theirs",
        "across",
        "plus",
        "versus",
        "whereas",
        "various",
        "previous",
        "serious",
        "famous",
        "numerous",
    ];
    const IRREGULAR: &[&str] = &[
        "people",
        "men",
        "women",
        "children",
        "staff",
        "police",
        "personnel",
        "cattle",
        "livestock",
        "aircraft",
        "feet",
        "teeth",
        "mice",
        "geese",
        "sheep",
        "fish",
        "deer",
        "dead",
        "injured",
        "wounded",
        "missing",
        "homeless",
        "displaced",
        "evacuated",
    ];
    if IRREGULAR.contains(&w) {
        return true;
    }
    if NOT.contains(&w) || w.contains('\'') || w.contains('’') {
        return false;
    }
    w.chars().count() > 2
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && !w.ends_with("ous")
}

fn is_person_noun(l: &str) -> bool {
    lex().weak.contains(l)
        || ["er", "ist", "ian", "ant", "ent", "ee"]
            .iter()
            .any(|s| l.ends_with(s) && l.len() > s.len() + 2)
}

const STOP: &[&str] = &[
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "from",
    "by",
    "with",
    "and",
    "or",
    "but",
    "who",
    "whom",
    "which",
    "that",
    "were",
    "was",
    "are",
    "is",
    "be",
    "been",
    "being",
    "have",
    "has",
    "had",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "must",
    "can",
    "did",
    "do",
    "does",
    "than",
    "as",
    "the",
    "a",
    "an",
    "this",
    "these",
    "those",
    "it",
    "they",
    "he",
    "she",
    "we",
    "you",
    "i",
    "their",
    "its",
    "his",
    "her",
    "our",
    "your",
    "my",
    "them",
    "him",
    "said",
    "says",
    "say",
    "told",
    "not",
    "no",
    "more",
    "less",
    "after",
    "before",
    "since",
    "during",
    "over",
    "under",
    "per",
    "each",
    "ago",
    "last",
    "next",
    "so",
    "if",
    "when",
    "while",
    "where",
    "into",
    "about",
    "around",
    "between",
    "among",
    "including",
    "while",
    "then",
    "there",
    "here",
    "also",
    "only",
    "just",
    "all",
    "both",
    "some",
    "such",
    "other",
    "another",
    "out",
    "up",
    "down",
    "off",
    "later",
    "earlier",
    "now",
    "still",
    "yet",
    "ever",
    "never",
    "again",
    "what",
    "reported",
    "reportedly",
    "according",
    "estimated",
    "expected",
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "am",
    "pm",
    "against",
    "through",
    "across",
    "via",
    "until",
    "till",
    "within",
    "without",
    "because",
    "though",
    "although",
    "whether",
    "nearly",
    "almost",
    "approximately",
    "roughly",
    "least",
    "most",
    "fewer",
    "many",
    "much",
    "away",
    "ahead",
    "behind",
    "apart",
    "long",
    "wide",
    "high",
    "deep",
    "tall",
    "old",
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "offshore",
    "inland",
    "outside",
    "inside",
];

fn is_stop(w: &str) -> bool {
    STOP.contains(&w)
}

/// Words skipped when looking back from a number for what it measures
/// ("the death toll has risen to 21").
const LOOKBACK_SKIP: &[&str] = &[
    "to",
    "at",
    "of",
    "by",
    "from",
    "has",
    "have",
    "had",
    "is",
    "was",
    "were",
    "are",
    "been",
    "be",
    "now",
    "already",
    "risen",
    "rose",
    "rise",
    "rises",
    "rising",
    "increased",
    "increase",
    "increases",
    "climbed",
    "climbs",
    "climb",
    "jumped",
    "grew",
    "grown",
    "fell",
    "fallen",
    "falls",
    "dropped",
    "declined",
    "decreased",
    "reached",
    "reaches",
    "hit",
    "hits",
    "stands",
    "stood",
    "stand",
    "topped",
    "passed",
    "surpassed",
    "exceeded",
    "soared",
    "surged",
    "doubled",
    "totalled",
    "totaled",
    "officially",
    "further",
    "then",
    "just",
    "put",
    "revised",
    "raised",
    "lowered",
    "up",
    "down",
    "sharply",
    "steadily",
    "again",
    "reportedly",
    "reported",
    "estimated",
    "thought",
    "believed",
    "said",
    "will",
    "would",
    "could",
    "may",
    "might",
    "shrink",
    "shrank",
    "shrinks",
    "grow",
    "grows",
    "cut",
    "cuts",
    "reduce",
    "reduced",
    "fall",
    "drop",
    "shed",
    "lose",
    "lost",
    "gain",
    "gained",
];

const CHANGE_VERBS: &[&str] = &[
    "rose",
    "risen",
    "rise",
    "rises",
    "rising",
    "increased",
    "increase",
    "increases",
    "increasing",
    "climbed",
    "climbs",
    "climbing",
    "jumped",
    "jumps",
    "grew",
    "grown",
    "grows",
    "growing",
    "fell",
    "fallen",
    "falls",
    "falling",
    "dropped",
    "drops",
    "dropping",
    "declined",
    "declines",
    "decreased",
    "decreases",
    "reduced",
    "raised",
    "lowered",
    "revised",
    "slashed",
    "boosted",
    "doubled",
    "tripled",
    "soared",
    "surged",
    "plunged",
    "slumped",
    "shrank",
    "sank",
    "swelled",
    "expanded",
    "gained",
    "gains",
    "slipped",
    "slid",
    "tumbled",
    "eased",
    "edged",
    "upgraded",
    "downgraded",
    "lifted",
    "cut",
    "cuts",
    "shrink",
    "shrinks",
    "grow",
    "fall",
    "drop",
    "reduce",
    "reduces",
    "reducing",
    "raise",
    "raises",
    "raising",
    "lower",
    "lowers",
    "lowering",
    "boost",
    "boosts",
    "boosting",
    "decrease",
    "decreasing",
    "decline",
    "declining",
];

/// Change verbs that, directly before a number, make it a delta ("fell 5 percent").
const DELTA_VERBS: &[&str] = &[
    "rose",
    "risen",
    "rises",
    "increased",
    "increases",
    "climbed",
    "climbs",
    "jumped",
    "jumps",
    "grew",
    "grown",
    "grows",
    "fell",
    "fallen",
    "falls",
    "dropped",
    "drops",
    "declined",
    "declines",
    "decreased",
    "decreases",
    "gained",
    "gains",
    "slipped",
    "slid",
    "soared",
    "surged",
    "plunged",
    "tumbled",
    "slumped",
    "sank",
    "eased",
    "edged",
    "up",
    "down",
];

/// Nouns that make "a NOUN of N" a delta ("a rise of 5 percent").
const DELTA_NOUNS: &[&str] = &[
    "rise",
    "increase",
    "drop",
    "fall",
    "decline",
    "jump",
    "reduction",
    "growth",
    "gain",
    "decrease",
    "cut",
    "surge",
    "slump",
    "plunge",
];

const YEAR_PREPS: &[&str] = &[
    "in", "since", "by", "until", "till", "from", "to", "during", "of", "before", "after",
    "between", "and", "through", "early", "late", "mid", "fiscal", "year", "summer", "winter",
    "spring", "autumn", "fall", "around", "circa", "or",
];

pub(crate) const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Lowercase words before a number that make it a label, not an amount
/// ("section 3", "page 12", "flight 370").
const LABEL_WORDS: &[&str] = &[
    "section",
    "sections",
    "page",
    "pages",
    "chapter",
    "article",
    "articles",
    "paragraph",
    "clause",
    "rule",
    "room",
    "flight",
    "route",
    "number",
    "no",
    "nos",
    "line",
    "platform",
    "gate",
    "bus",
    "highway",
    "interstate",
    "channel",
    "level",
    "phase",
    "stage",
    "season",
    "episode",
    "vol",
    "volume",
    "verse",
    "item",
    "exhibit",
    "figure",
    "fig",
    "table",
    "appendix",
    "amendment",
    "category",
    "grade",
    "class",
    "size",
    "model",
    "version",
    "v",
    "type",
    "tier",
    "unit",
    "ward",
    "district",
    "lot",
    "block",
    "apartment",
    "apt",
    "suite",
    "floor",
    "box",
    "division",
    "series",
    "game",
    "act",
    "title",
    "part",
    "schedule",
    "annex",
    "aged",
    "age",
    "ages",
    "reference",
    "ref",
    "code",
    "id",
    "tel",
    "phone",
    "fax",
    "ext",
    "index",
    "week",
    "day",
    "round",
    "match",
    "stop",
    "exit",
    "junction",
    "pier",
    "terminal",
    "hole",
    "lane",
    "street",
    "avenue",
    "road",
    "row",
    "seat",
    "bay",
    "track",
    "mile-marker",
    "count",
    "counts",
    "magnitude",
];

/// Capitalised words that may precede a number without making it a model name.
const CAP_OK: &[&str] = &[
    "in",
    "since",
    "by",
    "about",
    "some",
    "over",
    "nearly",
    "almost",
    "only",
    "just",
    "and",
    "but",
    "the",
    "of",
    "at",
    "on",
    "to",
    "from",
    "for",
    "with",
    "after",
    "before",
    "until",
    "during",
    "between",
    "than",
    "around",
    "roughly",
    "approximately",
    "more",
    "fewer",
    "less",
    "least",
    "up",
    "as",
    "all",
    "another",
    "total",
    "last",
    "next",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "it",
    "they",
    "he",
    "she",
    "we",
    "i",
    "there",
    "police",
    "officials",
    "authorities",
    "when",
    "where",
    "while",
    "if",
    "so",
    "then",
    "now",
    "also",
    "another",
    "every",
    "each",
    "killed",
    "kills",
    "cuts",
    "cut",
    "says",
    "said",
    "has",
    "had",
    "have",
    "was",
    "were",
    "is",
    "are",
];

/// The value of a number word from "zero" to "nineteen".
pub(crate) fn unit_word(w: &str) -> Option<f64> {
    const W: &[&str] = &[
        "zero",
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
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    W.iter().position(|x| *x == w).map(|p| p as f64)
}

fn tens_word(w: &str) -> Option<f64> {
    const W: &[&str] = &[
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    W.iter()
        .position(|x| *x == w)
        .map(|p| (p as f64 + 2.0) * 10.0)
}

fn big_scale(w: &str) -> Option<f64> {
    match w {
        "thousand" => Some(1e3),
        "million" | "mn" | "mln" => Some(1e6),
        "billion" | "bn" | "bln" => Some(1e9),
        "trillion" | "tn" | "trn" => Some(1e12),
        _ => None,
    }
}

fn ordinal_word(w: &str) -> Option<f64> {
    const W: &[&str] = &[
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    W.iter().position(|x| *x == w).map(|p| p as f64 + 1.0)
}

fn fraction_word(w: &str) -> Option<f64> {
    match w {
        "half" | "halves" => Some(2.0),
        "third" | "thirds" => Some(3.0),
        "quarter" | "quarters" => Some(4.0),
        "fifth" | "fifths" => Some(5.0),
        "tenth" | "tenths" => Some(10.0),
        _ => None,
    }
}

/// Duration unit -> days.
fn duration_word(w: &str) -> Option<(f64, &'static str)> {
    Some(match w {
        "second" | "seconds" => (1.0 / 86400.0, "second"),
        "minute" | "minutes" => (1.0 / 1440.0, "minute"),
        "hour" | "hours" => (1.0 / 24.0, "hour"),
        "day" | "days" => (1.0, "day"),
        "week" | "weeks" => (7.0, "week"),
        "month" | "months" => (30.44, "month"),
        "year" | "years" => (365.25, "year"),
        "decade" | "decades" => (3652.5, "decade"),
        "century" | "centuries" => (36525.0, "century"),
        _ => return None,
    })
}

fn other_unit(w: &str) -> Option<&'static str> {
    Some(match w {
        "km" | "kilometre" | "kilometres" | "kilometer" | "kilometers" => "km",
        "mile" | "miles" => "mile",
        "metre" | "metres" | "meter" | "meters" => "metre",
        "cm" | "centimetre" | "centimetres" | "centimeter" | "centimeters" => "cm",
        "mm" | "millimetre" | "millimetres" | "millimeter" | "millimeters" => "mm",
        "kg" | "kilogram" | "kilograms" | "kilo" | "kilos" => "kg",
        "mg" | "milligram" | "milligrams" => "mg",
        "g" | "gram" | "grams" | "gramme" | "grammes" => "g",
        "lb" | "lbs" | "pound-weight" => "lb",
        "oz" | "ounce" | "ounces" => "oz",
        "ml" | "millilitre" | "millilitres" | "milliliter" | "milliliters" => "ml",
        "tonne" | "tonnes" | "ton" | "tons" => "tonne",
        "litre" | "litres" | "liter" | "liters" => "litre",
        "gallon" | "gallons" => "gallon",
        "acre" | "acres" => "acre",
        "hectare" | "hectares" => "hectare",
        "foot" | "feet" | "ft" => "foot",
        "inch" | "inches" => "inch",
        "mph" => "mph",
        "kph" => "kph",
        "degree" | "degrees" => "degree",
        "barrel" | "barrels" => "barrel",
        "mw" | "megawatt" | "megawatts" => "mw",
        "gw" | "gigawatt" | "gigawatts" => "gw",
        "kwh" => "kwh",
        "gb" | "gigabyte" | "gigabytes" => "gb",
        "tb" | "terabyte" | "terabytes" => "tb",
        _ => return None,
    })
}

fn currency_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "dollar" | "dollars" => "$",
        "pound" | "pounds" | "sterling" => "GBP",
        "euro" | "euros" => "EUR",
        "yen" => "JPY",
        "yuan" | "renminbi" => "CNY",
        "rupee" | "rupees" => "INR",
        "franc" | "francs" => "CHF",
        _ => return None,
    })
}

// ---------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Num,
    Sym,
}

#[derive(Debug, Clone)]
struct Tok<'a> {
    kind: Kind,
    text: &'a str,
    lower: String,
    start: usize,
    end: usize,
    /// Whitespace before the token.
    space: bool,
}

fn tokenize(text: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    let mut space = true;
    while let Some(&(s, c)) = chars.get(i) {
        if c.is_whitespace() {
            space = true;
            i += 1;
            continue;
        }
        let kind;
        let mut j = i + 1;
        if c.is_ascii_digit() {
            kind = Kind::Num;
            while let Some(&(_, d)) = chars.get(j) {
                let next_digit = chars.get(j + 1).is_some_and(|&(_, n)| n.is_ascii_digit());
                if d.is_ascii_digit() || ((d == ',' || d == '.') && next_digit) {
                    j += 1;
                } else {
                    break;
                }
            }
        } else if c.is_alphabetic() {
            kind = Kind::Word;
            while let Some(&(_, d)) = chars.get(j) {
                let next_alpha = chars.get(j + 1).is_some_and(|&(_, n)| n.is_alphabetic());
                if d.is_alphabetic() || ((d == '\'' || d == '’') && next_alpha) {
                    j += 1;
                } else {
                    break;
                }
            }
        } else {
            kind = Kind::Sym;
        }
        let end = chars.get(j).map_or(text.len(), |&(e, _)| e);
        let raw = crate::text::slice(text, s, end);
        let lower = match kind {
            Kind::Sym if matches!(c, '–' | '—' | '‐' | '‑' | '−') => "-".to_string(),
            Kind::Sym if c == '’' => "'".to_string(),
            _ => raw.to_lowercase().replace('’', "'"),
        };
        out.push(Tok {
            kind,
            text: raw,
            lower,
            start: s,
            end,
            space,
        });
        space = false;
        i = j;
    }
    out
}

// ---------------------------------------------------------------------------
// Parsing

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Qual {
    Approx,
    Nearly,
    Over,
    AtLeast,
    Under,
    UpTo,
    Exactly,
    Between,
}

const QUALS: &[(&str, Qual)] = &[
    ("more than", Qual::Over),
    ("just over", Qual::Over),
    ("well over", Qual::Over),
    ("upwards of", Qual::Over),
    ("in excess of", Qual::Over),
    ("over", Qual::Over),
    ("above", Qual::Over),
    ("at least", Qual::AtLeast),
    ("no fewer than", Qual::AtLeast),
    ("no less than", Qual::AtLeast),
    ("a minimum of", Qual::AtLeast),
    ("fewer than", Qual::Under),
    ("less than", Qual::Under),
    ("under", Qual::Under),
    ("below", Qual::Under),
    ("just under", Qual::Nearly),
    ("up to", Qual::UpTo),
    ("as many as", Qual::UpTo),
    ("at most", Qual::UpTo),
    ("no more than", Qual::UpTo),
    ("a maximum of", Qual::UpTo),
    ("within", Qual::UpTo),
    ("about", Qual::Approx),
    ("around", Qual::Approx),
    ("roughly", Qual::Approx),
    ("approximately", Qual::Approx),
    ("some", Qual::Approx),
    ("an estimated", Qual::Approx),
    ("estimated", Qual::Approx),
    ("close to", Qual::Approx),
    ("circa", Qual::Approx),
    ("approx", Qual::Approx),
    ("nearly", Qual::Nearly),
    ("almost", Qual::Nearly),
    ("exactly", Qual::Exactly),
    ("precisely", Qual::Exactly),
    ("between", Qual::Between),
];

/// A number as read, before unit and measure.
#[derive(Debug, Clone)]
struct NumP {
    value: f64,
    /// Interval for vague or range forms ("dozens", "10-15", "a third").
    fixed: Option<(f64, f64)>,
    round: bool,
    /// Decimal places written.
    decimals: i32,
    scale: f64,
    ordinal: bool,
    /// A fraction of something ("a third of"): a percentage.
    fraction: bool,
    words: bool,
    /// Plain 4-digit integer: a year candidate.
    year_like: bool,
    /// A unit written against the digits ("10km").
    adj_unit: Option<&'static str>,
    /// Token index after the number.
    end: usize,
}

enum NumR {
    Num(NumP),
    /// Not an amount (a time, phone number, model name); resume at this token.
    Skip(usize),
    None,
}

enum Step {
    Emit(Box<Quantity>, usize),
    Skip(usize),
    None,
}

struct Parser<'a> {
    text: &'a str,
    t: Vec<Tok<'a>>,
    /// First token after the last emitted quantity: looking back stops here, so
    /// one quantity's words do not become the next one's measure.
    floor: std::cell::Cell<usize>,
}

/// The quantities in `text`, in order.
pub fn quantities(text: &str) -> Vec<Quantity> {
    let p = Parser {
        text,
        t: tokenize(text),
        floor: std::cell::Cell::new(0),
    };
    let mut out: Vec<Quantity> = Vec::new();
    let mut i = 0;
    while i < p.t.len() {
        match p.parse_at(i) {
            Step::Emit(q, next) => {
                out.push(*q);
                i = next.max(i + 1);
                p.floor.set(i);
            }
            Step::Skip(next) => i = next.max(i + 1),
            Step::None => i += 1,
        }
    }
    // A change's start takes the unit and measure of its end, and the other way round
    // ("rose from 9 to 21 deaths", "the toll rose from 9 to 21"); the pair also
    // states the size of the change ("from £7.99 to £9.99" is £2), which a claim of
    // the change itself ("will go up by £2") is compared with.
    let mut deltas = Vec::new();
    for n in 1..out.len() {
        let (left, right) = out.split_at_mut(n);
        let (Some(a), Some(b)) = (left.last_mut(), right.first_mut()) else {
            continue;
        };
        if b.change != Some(Change::To) || b.start.saturating_sub(a.end) > 12 {
            continue;
        }
        if a.change == Some(Change::By) {
            // "cases rose by 500 to 2,300", "rose 0.3 points to 4.1 percent".
            if b.measure.is_none() {
                b.measure = a.measure.clone();
                b.noun = a.noun.clone();
            }
            continue;
        }
        if a.change != Some(Change::From) {
            continue;
        }
        if a.unit == Unit::Count && b.unit != Unit::Count && b.unit != Unit::Year {
            a.unit = b.unit.clone();
        }
        if a.measure.is_none() {
            a.measure = b.measure.clone();
            a.noun = b.noun.clone();
        } else if b.measure.is_none() && a.unit == b.unit {
            b.measure = a.measure.clone();
            b.noun = a.noun.clone();
        }
        if a.unit == b.unit {
            deltas.push(implied_delta(a, b));
        }
    }
    out.extend(deltas);
    out
}

/// The change a "from A" / "to B" pair of one unit implies, as a `By` quantity spanning both.
fn implied_delta(a: &Quantity, b: &Quantity) -> Quantity {
    // Rounded to what money and measures are written with: 9.99 - 7.99 is 2, not 2.0000000000000004.
    let r = |x: f64| (x * 1e6).round() / 1e6;
    let (low, high) = (r(b.low - a.high).abs(), r(b.high - a.low).abs());
    Quantity {
        low: low.min(high),
        high: low.max(high),
        low_inclusive: a.high_inclusive && b.low_inclusive,
        high_inclusive: a.low_inclusive && b.high_inclusive,
        value: r(b.value - a.value).abs(),
        unit: a.unit.clone(),
        measure: b.measure.clone().or_else(|| a.measure.clone()),
        noun: b.noun.clone().or_else(|| a.noun.clone()),
        change: Some(Change::By),
        start: a.start,
        end: b.end,
        text: format!("{} … {}", a.text, b.text),
    }
}

impl<'a> Parser<'a> {
    fn word(&self, i: usize) -> Option<&str> {
        self.t
            .get(i)
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.lower.as_str())
    }

    fn sym(&self, i: usize, s: &str) -> bool {
        self.t
            .get(i)
            .is_some_and(|t| t.kind == Kind::Sym && t.lower == s)
    }

    fn kind(&self, i: usize) -> Option<Kind> {
        self.t.get(i).map(|t| t.kind)
    }

    /// Token i directly follows token i-1 (no space).
    fn glued(&self, i: usize) -> bool {
        i > 0 && self.t.get(i).is_some_and(|t| !t.space)
    }

    fn capitalised(&self, i: usize) -> bool {
        self.t
            .get(i)
            .is_some_and(|t| t.kind == Kind::Word && t.text.chars().any(|c| c.is_uppercase()))
    }

    fn prev_word(&self, i: usize) -> Option<&str> {
        i.checked_sub(1).and_then(|j| self.word(j))
    }

    fn qualifier(&self, i: usize) -> Option<(Qual, usize)> {
        for (phrase, q) in QUALS {
            let mut k = i;
            let mut ok = true;
            for w in phrase.split(' ') {
                if self.word(k) == Some(w) {
                    k += 1;
                } else {
                    ok = false;
                    break;
                }
            }
            if ok {
                return Some((*q, k));
            }
        }
        None
    }

    fn currency_prefix(&self, i: usize) -> (Option<String>, usize) {
        let sym_cur = |k: usize| -> Option<&'static str> {
            let t = self.t.get(k)?;
            if t.kind != Kind::Sym {
                return None;
            }
            Some(match t.text {
                "$" => "$",
                "£" => "GBP",
                "€" => "EUR",
                "¥" => "JPY",
                "₹" => "INR",
                _ => return None,
            })
        };
        if let Some(w) = self.t.get(i).filter(|t| t.kind == Kind::Word) {
            if self.sym(i + 1, "$") && self.glued(i + 1) {
                let code = match w.text {
                    "US" | "U" => "USD",
                    "A" | "AU" => "AUD",
                    "C" | "CA" | "Can" => "CAD",
                    "HK" => "HKD",
                    "NZ" => "NZD",
                    "S" => "SGD",
                    _ => "$",
                };
                return (Some(code.to_string()), i + 2);
            }
            if matches!(
                w.text,
                "USD" | "EUR" | "GBP" | "JPY" | "CNY" | "INR" | "CHF" | "AUD" | "CAD"
            ) && self.kind(i + 1) == Some(Kind::Num)
            {
                return (Some(w.text.to_string()), i + 1);
            }
            return (None, i);
        }
        match sym_cur(i) {
            Some(c) => (Some(c.to_string()), i + 1),
            None => (None, i),
        }
    }

    /// Read a number at token j.
    fn number(&self, j: usize) -> NumR {
        match self.kind(j) {
            Some(Kind::Num) => self.digits(j),
            Some(Kind::Word) => self.words(j),
            _ => NumR::None,
        }
    }

    fn digits(&self, j: usize) -> NumR {
        let Some(tok) = self.t.get(j) else {
            return NumR::None;
        };
        // Glued to a word before: a model or code ("MH17", "Covid-19", "v2").
        if self.glued(j) {
            if self.kind(j - 1) == Some(Kind::Word) {
                return NumR::Skip(j + 1);
            }
            if self.sym(j - 1, "-")
                && j >= 2
                && self.kind(j - 2) == Some(Kind::Word)
                && self.glued(j - 1)
            {
                return NumR::Skip(j + 1);
            }
            if ["+", "#", "/", ":", "."].iter().any(|s| self.sym(j - 1, s)) {
                return NumR::Skip(j + 1);
            }
        }
        // Digit groups in a row ("020 7946 0958") are a phone number or a code.
        if j > 0 && self.kind(j - 1) == Some(Kind::Num) {
            return NumR::Skip(j + 1);
        }
        // Chains: times and scores "9:30", dates "3/4", phone numbers and ranges "555-1234", "10-15".
        let mut k = j + 1;
        let mut groups = vec![tok.text];
        let mut seps = Vec::new();
        while let Some(s) = self.t.get(k).filter(|t| t.kind == Kind::Sym && !t.space) {
            let sep = s.lower.as_str();
            if !matches!(sep, "-" | ":" | "/" | ".") {
                break;
            }
            match self.t.get(k + 1) {
                Some(n) if n.kind == Kind::Num && !n.space => {
                    groups.push(n.text);
                    seps.push(sep);
                    k += 2;
                }
                _ => break,
            }
        }
        let leading_zero = |g: &str| g.len() > 1 && g.starts_with('0') && !g.starts_with("0.");
        if groups.iter().any(|g| leading_zero(g)) {
            return NumR::Skip(k);
        }
        let mut fixed = None;
        if groups.len() > 1 {
            let range = groups.len() == 2
                && seps.first() == Some(&"-")
                && groups.iter().all(|g| g.len() <= 3 && !g.contains(','));
            let (Some(a), Some(b)) = (
                groups.first().and_then(|g| parse_digits(g)),
                groups.get(1).and_then(|g| parse_digits(g)),
            ) else {
                return NumR::Skip(k);
            };
            let years = (1900.0..=2100.0).contains(&a.0);
            if !range || a.0 >= b.0 || years {
                return NumR::Skip(k);
            }
            fixed = Some((a.0, b.0));
        }
        let Some((mut value, decimals)) = parse_digits(tok.text) else {
            return NumR::Skip(k);
        };
        let digits_plain: String = tok.text.chars().filter(|c| *c != ',').collect();
        let mut scale = 1.0;
        let mut ordinal = false;
        let mut adj_unit = None;
        // A suffix against the digits: "5th", "1.2m", "£3bn", "3pm", "1990s", "10km".
        if let Some(suf) = self.t.get(k).filter(|t| t.kind == Kind::Word && !t.space) {
            match suf.lower.as_str() {
                "st" | "nd" | "rd" | "th" => ordinal = true,
                "m" | "mn" | "mln" => scale = 1e6,
                "bn" | "b" | "bln" => scale = 1e9,
                "k" => scale = 1e3,
                "tn" | "trn" => scale = 1e12,
                s => {
                    // "340g" is grams, "5G" a name.
                    if let Some(u) = other_unit(s).filter(|u| *u != "g" || suf.text == "g") {
                        adj_unit = Some(u);
                    } else {
                        return NumR::Skip(k + 1);
                    }
                }
            }
            k += 1;
        }
        if scale == 1.0 && !ordinal && adj_unit.is_none() {
            if let Some(s) = self.word(k).and_then(big_scale) {
                scale = s;
                k += 1;
            } else if self.word(k) == Some("hundred") {
                scale = 100.0;
                k += 1;
            }
        }
        if scale == 1.0
            && self.word(k) == Some("and")
            && self.word(k + 1) == Some("a")
            && self.word(k + 2) == Some("half")
        {
            value += 0.5;
            k += 3;
        }
        if self.word(k) == Some("dozen") && scale == 1.0 {
            scale = 12.0;
            k += 1;
        }
        value *= scale;
        if !value.is_finite() {
            return NumR::Skip(k);
        }
        let fixed = fixed.map(|(a, b)| (a * scale, b * scale));
        let int_digits = digits_plain.split('.').next().unwrap_or("");
        let sig = digits_plain
            .chars()
            .filter(|c| c.is_ascii_digit())
            .skip_while(|c| *c == '0')
            .count();
        let round = (decimals == 0 && int_digits.len() > 1 && int_digits.ends_with('0'))
            || (scale >= 1e3 && sig <= 2);
        NumR::Num(NumP {
            value,
            fixed,
            round,
            decimals,
            scale,
            ordinal,
            fraction: false,
            words: false,
            year_like: fixed.is_none()
                && !tok.text.contains(',')
                && scale == 1.0
                && !ordinal
                && digits_plain.len() == 4
                && decimals == 0
                && (1900.0..=2100.0).contains(&value),
            adj_unit,
            end: k,
        })
    }

    fn words(&self, j: usize) -> NumR {
        let Some(w) = self.word(j) else {
            return NumR::None;
        };
        let simple = |value: f64, end: usize, fixed: Option<(f64, f64)>| NumP {
            value,
            fixed,
            round: false,
            decimals: 0,
            scale: 1.0,
            ordinal: false,
            fraction: false,
            words: true,
            year_like: false,
            adj_unit: None,
            end,
        };
        // Vague plurals: "dozens", "hundreds of thousands", "a handful".
        let vague: Option<(f64, f64, usize)> = match (w, self.word(j + 1), self.word(j + 2)) {
            ("tens", Some("of"), Some("thousands")) => Some((2e4, 99_999.0, 3)),
            ("tens", Some("of"), Some("millions")) => Some((2e7, 99_999_999.0, 3)),
            ("hundreds", Some("of"), Some("thousands")) => Some((2e5, 999_999.0, 3)),
            ("hundreds", Some("of"), Some("millions")) => Some((2e8, 999_999_999.0, 3)),
            ("dozens", _, _) | ("scores", Some("of"), _) => Some((24.0, 99.0, 1)),
            ("hundreds", _, _) => Some((200.0, 999.0, 1)),
            ("thousands", _, _) => Some((2000.0, 9999.0, 1)),
            ("millions", _, _) => Some((2e6, 9_999_999.0, 1)),
            ("billions", _, _) => Some((2e9, 9_999_999_999.0, 1)),
            ("a", Some("handful"), _) => Some((3.0, 6.0, 2)),
            _ => None,
        };
        if let Some((lo, hi, n)) = vague {
            return NumR::Num(simple(lo, j + n, Some((lo, hi))));
        }
        // "one in five" -> 20 percent.
        if (w == "one" || w == "1") && self.word(j + 1) == Some("in") {
            if let NumR::Num(d) = self.number(j + 2) {
                if d.value >= 2.0 && d.fixed.is_none() && !d.ordinal {
                    let v = 100.0 / d.value;
                    let mut p = simple(v, d.end, Some((v * 0.95, v * 1.05)));
                    p.fraction = true;
                    return NumR::Num(p);
                }
            }
        }
        // Fractions of something: "half of", "a third of", "two-thirds of", "three quarters of".
        if let Some(f) = self.fraction(j) {
            return NumR::Num(f);
        }
        // "a dozen", "a hundred", "a million".
        let (start_val, mut k) = if (w == "a" || w == "an")
            && self
                .word(j + 1)
                .is_some_and(|x| x == "dozen" || x == "hundred" || big_scale(x).is_some())
        {
            (Some(1.0), j + 1)
        } else {
            (None, j)
        };
        if let Some(o) = ordinal_word(w) {
            let mut p = simple(o, j + 1, None);
            p.ordinal = true;
            return NumR::Num(p);
        }
        // Cardinal number words.
        let mut total = 0.0;
        let mut cur = start_val.unwrap_or(0.0);
        let mut any = start_val.is_some();
        #[derive(PartialEq)]
        enum Last {
            None,
            Unit,
            Tens,
            Hundred,
            Scale,
        }
        let mut last = if any { Last::Unit } else { Last::None };
        loop {
            let Some(x) = self.word(k) else {
                if last == Last::Tens && self.sym(k, "-") && self.glued(k) {
                    if let Some(u) = self.word(k + 1).and_then(unit_word) {
                        if self.glued(k + 1) && u > 0.0 {
                            cur += u;
                            last = Last::Unit;
                            k += 2;
                            continue;
                        }
                    }
                }
                break;
            };
            if let Some(u) = unit_word(x) {
                if last == Last::Unit || (last == Last::Tens && u >= 10.0) {
                    break;
                }
                cur += u;
                last = Last::Unit;
            } else if let Some(t) = tens_word(x) {
                if last == Last::Unit || last == Last::Tens {
                    break;
                }
                cur += t;
                last = Last::Tens;
            } else if x == "hundred" && any {
                if last == Last::Hundred {
                    break;
                }
                cur = if cur == 0.0 { 100.0 } else { cur * 100.0 };
                last = Last::Hundred;
            } else if let Some(s) = big_scale(x).filter(|_| any && !x.ends_with('n')) {
                if last == Last::Scale {
                    break;
                }
                total += if cur == 0.0 { 1.0 } else { cur } * s;
                cur = 0.0;
                last = Last::Scale;
            } else if x == "dozen" && any {
                cur = if cur == 0.0 { 12.0 } else { cur * 12.0 };
                last = Last::Scale;
            } else if x == "and"
                && (last == Last::Hundred || last == Last::Scale)
                && self
                    .word(k + 1)
                    .is_some_and(|n| unit_word(n).is_some() || tens_word(n).is_some())
            {
                // "three hundred and twenty"
            } else {
                break;
            }
            any = true;
            k += 1;
        }
        if !any {
            return NumR::None;
        }
        let mut value = total + cur;
        // "six and a half".
        if self.word(k) == Some("and")
            && self.word(k + 1) == Some("a")
            && self.word(k + 2) == Some("half")
        {
            value += 0.5;
            k += 3;
        }
        let mut p = simple(value, k, None);
        p.round = value >= 10.0 && value % 10.0 == 0.0;
        NumR::Num(p)
    }

    fn fraction(&self, j: usize) -> Option<NumP> {
        let w = self.word(j)?;
        let (num, k) = match w {
            "half" => (1.0, j),
            "a" | "one" => (1.0, j + 1),
            _ => (unit_word(w).filter(|n| *n >= 2.0)?, j + 1),
        };
        let mut k = k;
        if k > j && self.sym(k, "-") {
            k += 1;
        }
        let den = fraction_word(self.word(k)?)?;
        // A fraction of something; "a quarter" alone or "third quarter" is not.
        // "by a fifth", "by half": the size of a change.
        let after = self.word(k + 1);
        // ("by almost a third": a one-word qualifier may stand between)
        let before = |n: usize| j.checked_sub(n).and_then(|b| self.word(b));
        let by = before(1) == Some("by")
            || (before(2) == Some("by")
                && before(1).is_some_and(|q| QUALS.iter().any(|(p, _)| *p == q)));
        if !by
            && !matches!(
                after,
                Some("of" | "the" | "its" | "their" | "his" | "her" | "our" | "all" | "a" | "an")
            )
        {
            return None;
        }
        let v = 100.0 * num / den;
        Some(NumP {
            value: v,
            fixed: Some(((v - 1.0).max(0.0), v + 1.0)),
            round: false,
            decimals: 0,
            scale: 1.0,
            ordinal: false,
            fraction: true,
            words: true,
            year_like: false,
            adj_unit: None,
            end: k + 1,
        })
    }

    /// The noun phrase after token k: (head lemma, head word, token index of head).
    /// Adjectives and modifiers are skipped: the head is the first plural-looking
    /// word (counts above one take plurals), else the first word when `singular_ok`.
    fn head_after(&self, k: usize, singular_ok: bool) -> Option<(String, String, usize)> {
        let mut words = Vec::new();
        let mut m = k;
        // "740 more nurses", "3,000 fewer jobs": the comparative modifies the noun that
        // follows; "1,200 more than last year" compares the number itself.
        if matches!(self.word(k), Some("more" | "fewer" | "less"))
            && !matches!(self.word(k + 1), Some("than") | None)
        {
            m = k + 1;
        }
        while words.len() < 4 {
            let Some(w) = self.word(m) else {
                // "full-time workers": a hyphen inside a compound modifier.
                if self.sym(m, "-") && self.glued(m) && self.glued(m + 1) && !words.is_empty() {
                    m += 1;
                    continue;
                }
                break;
            };
            if is_stop(w) || w.contains('\'') {
                break;
            }
            words.push((w.to_string(), m));
            m += 1;
        }
        let lx = lex();
        let found = words.iter().find(|(w, _)| plural(w)).or_else(|| {
            words
                .iter()
                .find(|(w, _)| lx.nouns.contains_key(w.as_str()))
        });
        let (w, idx) = match found {
            Some(x) => x.clone(),
            None if singular_ok => words.first()?.clone(),
            None => return None,
        };
        Some((lemma(&w), w, idx))
    }

    /// Class of a head: its two-word phrase ("job cut", "death toll") or its lemma.
    fn class_of(&self, idx: usize, lem: &str) -> Option<String> {
        let lx = lex();
        if let Some(prev) = idx.checked_sub(1).and_then(|p| self.word(p)) {
            if let Some(c) = lx.nouns.get(&format!("{prev} {lem}")) {
                return Some(c.clone());
            }
        }
        lx.nouns.get(lem).cloned()
    }

    /// A verb after token k (skipping auxiliaries) that says what happened:
    /// "were killed", "died", "lost their jobs". Returns (class, end token).
    fn trigger_after(&self, k: usize) -> Option<(String, usize)> {
        const AUX: &[&str] = &[
            "were",
            "was",
            "are",
            "is",
            "have",
            "has",
            "had",
            "been",
            "be",
            "being",
            "reportedly",
            "also",
            "all",
            "later",
            "subsequently",
            "eventually",
            "now",
            "already",
            "who",
            "that",
            "which",
            "believed",
            "feared",
            "confirmed",
            "thought",
            "presumed",
            "initially",
            "originally",
            "each",
            "since",
            "still",
            "remained",
            "remain",
            "remains",
            "reported",
            "officially",
        ];
        let lx = lex();
        for m in k..k + 6 {
            let w = self.word(m)?;
            for n in (1..=lx.max_trigger).rev() {
                let phrase: Option<Vec<&str>> = (0..n).map(|d| self.word(m + d)).collect();
                if let Some(c) = phrase.and_then(|p| lx.triggers.get(&p.join(" "))) {
                    return Some((c.clone(), m + n));
                }
            }
            if !AUX.contains(&w) {
                return None;
            }
        }
        None
    }

    /// A verb ending right before token i: "laid off 215", "killing 12". Returns (class, start token).
    fn trigger_before(&self, i: usize) -> Option<(String, usize)> {
        let lx = lex();
        for n in (1..=lx.max_trigger).rev() {
            let Some(s) = i.checked_sub(n).filter(|s| *s >= self.floor.get()) else {
                continue;
            };
            let phrase: Option<Vec<&str>> = (s..i).map(|d| self.word(d)).collect();
            if let Some(c) = phrase.and_then(|p| lx.triggers.get(&p.join(" "))) {
                return Some((c.clone(), s));
            }
        }
        None
    }

    /// The noun a bare number refers back to: "the death toll has risen to 21",
    /// "the number of injured rose to 30", "unemployment fell to 5 percent".
    /// `any_noun` accepts any non-function word; otherwise only class nouns,
    /// people nouns and plurals. Returns (class or lemma, lemma, token index).
    fn lookback(&self, i: usize, any_noun: bool) -> Option<(String, String, usize)> {
        /// Words passed over between the noun and a phrase after it
        /// ("the death toll from the floods stands at 21").
        const PASS: &[&str] = &[
            "the", "a", "an", "from", "in", "of", "after", "for", "on", "this", "that", "last",
            "caused", "so", "far",
        ];
        let lx = lex();
        let mut fallback: Option<(String, String, usize)> = None;
        // Passed a preposition after the fallback: it was inside a phrase
        // ("inflation in the eurozone"), and the next noun is the head.
        let mut in_phrase = false;
        let mut m = i;
        for _ in 0..10 {
            let Some(prev) = m.checked_sub(1).filter(|m| *m >= self.floor.get()) else {
                break;
            };
            m = prev;
            let Some(w) = self.word(m) else {
                break;
            };
            if LOOKBACK_SKIP.contains(&w) || PASS.contains(&w) || w.ends_with("'s") {
                in_phrase |= fallback.is_some() && matches!(w, "in" | "of" | "from" | "for" | "on");
                continue;
            }
            if is_stop(w) || w.contains('\'') {
                break;
            }
            let lem = lemma(w);
            if let Some(p) = m.checked_sub(1).and_then(|p| self.word(p)) {
                if let Some(c) = lx.nouns.get(&format!("{p} {lem}")) {
                    return Some((c.clone(), lem, m - 1));
                }
            }
            if let Some(c) = lx.nouns.get(&lem) {
                return Some((c.clone(), lem, m));
            }
            // "the number of people killed rose to 21".
            if let Some(c) = lx.triggers.get(w) {
                return Some((c.clone(), String::new(), m));
            }
            if (fallback.is_none() || in_phrase)
                && (any_noun || plural(w) || lx.weak.contains(&lem))
            {
                fallback = Some((lem.clone(), lem, m));
                in_phrase = false;
            }
        }
        fallback
    }

    /// `i` is the quantity's first token, `k` the token after its number and unit.
    fn change_before(&self, i: usize, k: usize) -> Option<Change> {
        let prev = self.prev_word(i)?;
        let verb_within = |from: usize, n: usize| {
            (1..=n).any(|d| {
                from.checked_sub(d)
                    .and_then(|x| self.word(x))
                    .is_some_and(|w| CHANGE_VERBS.contains(&w) || w == "from")
            })
        };
        match prev {
            // "rose from 9", "from 9 to 21"; not "evacuated from 120 homes".
            "from" => {
                let to_follows = (k..k + 3).any(|m| {
                    self.word(m) == Some("to") && matches!(self.number(m + 1), NumR::Num(_))
                        || self.word(m) == Some("to") && self.currency_prefix(m + 1).0.is_some()
                });
                let down = i >= 2 && self.word(i - 2).is_some_and(|w| w == "down" || w == "up");
                (to_follows || down || verb_within(i - 1, 4)).then_some(Change::From)
            }
            "to" => {
                // "from 9 to 21": a number (and maybe its noun) between "from" and "to".
                let from_number = (2..=5).any(|d| {
                    i.checked_sub(d).is_some_and(|x| {
                        self.word(x) == Some("from")
                            && self.t.get(x + 1..i - 1).is_some_and(|between| {
                                between
                                    .iter()
                                    .any(|t| t.kind == Kind::Num || unit_word(&t.lower).is_some())
                            })
                    })
                });
                if from_number || verb_within(i - 1, 4) {
                    Some(Change::To)
                } else {
                    None
                }
            }
            "by" if verb_within(i - 1, 4) => Some(Change::By),
            "of" if i >= 2 && self.word(i - 2).is_some_and(|w| DELTA_NOUNS.contains(&w)) => {
                Some(Change::By)
            }
            w if DELTA_VERBS.contains(&w) => Some(Change::By),
            _ => None,
        }
    }

    /// A comma-enclosed or bracketed age after a name: "John Smith, 54, said".
    fn is_age_aside(&self, i: usize, end: usize, value: f64) -> bool {
        if value > 120.0 || i < 2 {
            return false;
        }
        let open = (self.sym(i - 1, ",") && self.sym(end, ","))
            || (self.sym(i - 1, "(") && self.sym(end, ")"));
        open && self.capitalised(i - 2)
    }

    fn parse_at(&self, i: usize) -> Step {
        let (qual, j) = match self.qualifier(i) {
            Some((q, n)) => (Some(q), n),
            None => (None, i),
        };
        let (mut currency, j) = self.currency_prefix(j);
        let mut num = match self.number(j) {
            NumR::Num(n) => n,
            NumR::Skip(n) if j == i => return Step::Skip(n),
            _ => return Step::None,
        };
        // A bare "a"/"one" is not a number unless it read as one ("a dozen").
        let mut k = num.end;
        // "between 10 and 15".
        if qual == Some(Qual::Between) && self.word(k) == Some("and") {
            if let NumR::Num(b) = self.number(k + 1) {
                let a_scale = if num.scale == 1.0 && b.scale > 1.0 {
                    b.scale
                } else {
                    1.0
                };
                let lo = num.fixed.map_or(num.value, |f| f.0) * a_scale;
                let hi = b.fixed.map_or(b.value, |f| f.1);
                if lo < hi {
                    num.value *= a_scale;
                    num.fixed = Some((lo, hi));
                    num.scale = b.scale;
                    num.words &= b.words;
                    num.adj_unit = b.adj_unit;
                    k = b.end;
                    num.end = k;
                }
            }
        }
        let before = i.checked_sub(1);
        let prev = before.and_then(|b| self.word(b));
        // "1,500 to 2,000 people" (not "from 9 to 21", "rose 5 to 7").
        let prev_is_change = prev.is_some_and(|p| {
            p == "from" || p == "by" || CHANGE_VERBS.contains(&p) || DELTA_VERBS.contains(&p)
        });
        if qual.is_none()
            && currency.is_none()
            && !prev_is_change
            && !num.ordinal
            && self.word(k) == Some("to")
        {
            if let NumR::Num(b) = self.number(k + 1) {
                if b.fixed.is_none()
                    && !b.ordinal
                    && !b.fraction
                    && b.value > num.value
                    && num.fixed.is_none()
                {
                    let a_scale = if num.scale == 1.0 && b.scale > 1.0 {
                        b.scale
                    } else {
                        1.0
                    };
                    num.value *= a_scale;
                    num.fixed = Some((num.value, b.value));
                    num.scale = b.scale;
                    num.year_like = false;
                    num.words &= b.words;
                    num.adj_unit = b.adj_unit;
                    k = b.end;
                    num.end = k;
                }
            }
        }

        // Labels and names: "section 3", "Boeing 737", "No. 10", dates, ages.
        if let Some(p) = prev.filter(|_| qual.is_none() && currency.is_none()) {
            if LABEL_WORDS.contains(&p) {
                return Step::Skip(k);
            }
            if MONTHS.contains(&p) && before.is_some_and(|b| self.capitalised(b)) {
                if num.year_like {
                    return self.emit_year(i, &num);
                }
                return Step::Skip(k);
            }
        }
        if before.is_some_and(|b| self.sym(b, ".")) && i >= 2 && self.word(i - 2) == Some("no") {
            return Step::Skip(k);
        }
        if let Some(nw) = self.word(k) {
            if MONTHS.contains(&nw) && self.capitalised(k) && !num.ordinal && num.value <= 31.0 {
                return Step::Skip(k + 1);
            }
        }
        // Times of day: "3 p.m.", "3pm", "10 o'clock", "9 GMT".
        if let Some(nw) = self.word(k) {
            let dotted =
                (nw == "a" || nw == "p") && self.sym(k + 1, ".") && self.word(k + 2) == Some("m");
            if dotted
                || matches!(
                    nw,
                    "am" | "pm"
                        | "a.m"
                        | "p.m"
                        | "o'clock"
                        | "gmt"
                        | "bst"
                        | "utc"
                        | "edt"
                        | "est"
                        | "cet"
                        | "pst"
                        | "pdt"
                        | "hrs"
                ) && !(nw == "am" && self.word(k + 1).is_some())
            {
                return Step::Skip(k + 1);
            }
        }
        // Ages: "a 54-year-old", "54 years old", "aged 54", "Smith, 54, said".
        {
            let mut m = k;
            if self.sym(m, "-") {
                m += 1;
            }
            if self.word(m).is_some_and(|w| duration_word(w).is_some()) {
                let mut n = m + 1;
                if self.sym(n, "-") {
                    n += 1;
                }
                if self.word(n) == Some("old") {
                    return Step::Skip(n + 1);
                }
            }
            if !num.words && num.fixed.is_none() && self.is_age_aside(i, k, num.value) {
                return Step::Skip(k);
            }
        }
        if num.ordinal {
            let head = self.head_after(k, true);
            return self.emit(
                i,
                k,
                qual,
                &num,
                Unit::Ordinal,
                head.as_ref().map(|h| (h.1.clone(), h.0.clone())),
                head.as_ref().map_or(k, |h| h.2 + 1),
                None,
            );
        }

        // Unit.
        let mut unit = Unit::Count;
        let mut dur_factor = 1.0;
        if let Some(u) = num.adj_unit {
            unit = Unit::Other(u.to_string());
        }
        if num.fraction {
            unit = Unit::Percent;
        }
        if unit == Unit::Count {
            if self.sym(k, "%") {
                unit = Unit::Percent;
                k += 1;
            } else if let Some(w) = self.word(k) {
                let next = self.word(k + 1);
                if w == "percent" || w == "pct" || (w == "per" && next == Some("cent")) {
                    unit = Unit::Percent;
                    k += if w == "per" { 2 } else { 1 };
                } else if w == "percentage" && next.is_some_and(|n| n == "point" || n == "points") {
                    unit = Unit::PercentagePoints;
                    k += 2;
                } else if w == "basis" && next.is_some_and(|n| n == "point" || n == "points") {
                    unit = Unit::Other("basis point".to_string());
                    k += 2;
                } else if let Some(c) = currency_word(w) {
                    if currency.is_none() {
                        let us = self.word(k.wrapping_sub(1)) == Some("us") && c == "$";
                        currency = Some(if us { "USD" } else { c }.to_string());
                    }
                    k += 1;
                } else if let Some((f, _)) = duration_word(w) {
                    unit = Unit::Duration {
                        unit: "day".to_string(),
                    };
                    dur_factor = f;
                    k += 1;
                } else if let Some(o) = other_unit(w).filter(|o| {
                    // "340 g" is grams; "5G" and "G7" are names.
                    *o != "g" || self.t.get(k).is_some_and(|t| t.text == "g" && t.space)
                }) {
                    unit = Unit::Other(o.to_string());
                    k += 1;
                }
            } else if self.sym(k, "-") && self.glued(k) && self.glued(k + 1) {
                // "a 10-year sentence", "a 5-km stretch".
                if let Some(w) = self.word(k + 1) {
                    if let Some((f, _)) = duration_word(w) {
                        unit = Unit::Duration {
                            unit: "day".to_string(),
                        };
                        dur_factor = f;
                        k += 2;
                    } else if let Some(o) = other_unit(w) {
                        unit = Unit::Other(o.to_string());
                        k += 2;
                    }
                }
            }
        }
        if let Some(c) = currency.clone() {
            if matches!(unit, Unit::Count) {
                unit = Unit::Money { currency: c };
            }
        }
        // Model names: a capitalised word right before a bare number ("Boeing 737",
        // "iPhone 12", "Windows 10"), unless a plural noun follows ("Cuts 140 Jobs").
        if qual.is_none() && currency.is_none() && unit == Unit::Count {
            if let Some((b, t)) = before.and_then(|b| Some((b, self.t.get(b)?))) {
                let possessive = t.lower.ends_with("'s");
                if self.capitalised(b)
                    && !possessive
                    && !CAP_OK.contains(&t.lower.as_str())
                    && !MONTHS.contains(&t.lower.as_str())
                    && !self.word(k).is_some_and(plural)
                {
                    return Step::Skip(k);
                }
            }
            // "the 737 Max": a capitalised singular word after the number.
            if !self.glued(k)
                && !num.year_like
                && self.capitalised(k)
                && !self
                    .word(k)
                    .is_some_and(|w| plural(w) || MONTHS.contains(&w) || CAP_OK.contains(&w))
                && before.is_some_and(|b| !self.sym(b, "."))
                && i > 0
            {
                return Step::Skip(k + 1);
            }
        }

        let top = prev == Some("top");
        let change = self.change_before(i, k);
        match unit {
            Unit::Percent | Unit::PercentagePoints => {
                let mut end = k;
                let mut start_ev = i;
                let measure = if top {
                    start_ev = i - 1;
                    Some(("top".to_string(), "top".to_string()))
                } else if self.word(k) == Some("of") {
                    let mut m = k + 1;
                    while self.word(m).is_some_and(|w| {
                        matches!(
                            w,
                            "the"
                                | "its"
                                | "their"
                                | "his"
                                | "her"
                                | "our"
                                | "all"
                                | "a"
                                | "an"
                                | "those"
                                | "these"
                        )
                    }) {
                        m += 1;
                    }
                    self.head_after(m, true).map(|(lem, _, idx)| {
                        end = idx + 1;
                        (self.class_of(idx, &lem).unwrap_or(lem.clone()), lem)
                    })
                } else {
                    None
                };
                let measure = measure
                    .or_else(|| {
                        self.lookback(i, true).map(|(c, l, s)| {
                            start_ev = s;
                            (c, l)
                        })
                    })
                    .or_else(|| {
                        self.head_after(k, true).map(|(lem, _, idx)| {
                            end = idx + 1;
                            (self.class_of(idx, &lem).unwrap_or(lem.clone()), lem)
                        })
                    });
                self.emit(
                    start_ev.min(i),
                    i,
                    qual,
                    &num,
                    unit,
                    measure,
                    end.max(k),
                    change,
                )
            }
            Unit::Money { .. } | Unit::Duration { .. } | Unit::Other(_) => {
                let head = self.head_after(k, true);
                let end = head.as_ref().map_or(k, |h| h.2 + 1);
                let measure = head
                    .map(|(lem, _, idx)| (self.class_of(idx, &lem).unwrap_or(lem.clone()), lem));
                let mut num = num;
                if dur_factor != 1.0 || matches!(unit, Unit::Duration { .. }) {
                    num.value *= dur_factor;
                    num.fixed = num.fixed.map(|(a, b)| (a * dur_factor, b * dur_factor));
                    num.scale *= dur_factor;
                }
                self.emit(i, i, qual, &num, unit, measure, end, change)
            }
            _ => self.count(i, k, qual, &num, change, top),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn emit(
        &self,
        start_tok: usize,
        q_tok: usize,
        qual: Option<Qual>,
        num: &NumP,
        unit: Unit,
        measure: Option<(String, String)>,
        end_tok: usize,
        change: Option<Change>,
    ) -> Step {
        let Some(first) = self.t.get(start_tok.min(q_tok)) else {
            return Step::None;
        };
        let last_idx = end_tok.saturating_sub(1).max(num.end.saturating_sub(1));
        let Some(last) = self.t.get(last_idx).or_else(|| self.t.last()) else {
            return Step::None;
        };
        let (start, end) = (first.start, last.end.max(first.end));
        let (low, high, low_inc, high_inc) = interval(num, qual, &unit);
        let (measure, noun) = match measure {
            Some((m, n)) => (Some(m), Some(n).filter(|n| !n.is_empty())),
            None => (None, None),
        };
        let q = Quantity {
            low,
            high,
            low_inclusive: low_inc,
            high_inclusive: high_inc,
            value: num.value,
            unit,
            measure,
            noun,
            change,
            start,
            end,
            text: self.text.get(start..end).unwrap_or_default().to_string(),
        };
        Step::Emit(Box::new(q), end_tok.max(num.end))
    }

    fn emit_year(&self, i: usize, num: &NumP) -> Step {
        self.emit(i, i, None, num, Unit::Year, None, num.end, None)
    }

    fn count(
        &self,
        i: usize,
        k: usize,
        qual: Option<Qual>,
        num: &NumP,
        change: Option<Change>,
        top: bool,
    ) -> Step {
        let lx = lex();
        let mut start_ev = i;
        let mut end = k;
        let singular_ok = num.value <= 1.0 && num.fixed.is_none();
        // "a 3,000-strong workforce".
        let k = if self.sym(k, "-") && self.word(k + 1) == Some("strong") {
            k + 2
        } else {
            k
        };
        // "7 of the 12 victims": no measure of its own.
        let head = if self.word(k) == Some("of") && num.fixed.is_none() {
            None
        } else if num.fixed.is_some() && self.word(k) == Some("of") {
            // "dozens of people", "thousands of dollars".
            let mut m = k + 1;
            while self
                .word(m)
                .is_some_and(|w| matches!(w, "the" | "their" | "its" | "his" | "her" | "our"))
            {
                m += 1;
            }
            self.head_after(m, false)
        } else {
            self.head_after(k, singular_ok)
        };
        // Years: "in 2019", "the 2020 election"; but "2019 jobs" is a count.
        if num.year_like {
            let plural_head = head.as_ref().is_some_and(|h| h.2 == k);
            let prep = self.prev_word(i).is_some_and(|p| YEAR_PREPS.contains(&p));
            if !(plural_head && (qual.is_some() || !prep)) {
                return self.emit_year(i, num);
            }
        }
        // Money in words: "thousands of dollars".
        if let Some((lem, _, idx)) = &head {
            if let Some(c) = currency_word(lem) {
                return self.emit(
                    i,
                    i,
                    qual,
                    num,
                    Unit::Money {
                        currency: c.to_string(),
                    },
                    None,
                    idx + 1,
                    change,
                );
            }
        }
        let mut measure: Option<(String, String)> = None;
        if top {
            start_ev = i - 1;
            measure = Some(("top".to_string(), "top".to_string()));
        }
        let after_from = head.as_ref().map_or(k, |h| h.2 + 1);
        if let Some((lem, _, idx)) = &head {
            end = idx + 1;
            let class = self.class_of(*idx, lem);
            let weak = lx.weak.contains(lem.as_str())
                || class.as_deref() == Some("people")
                || (class.is_none() && is_person_noun(lem));
            if measure.is_none() && weak {
                if let Some((c, e)) = self.trigger_after(after_from) {
                    measure = Some((c, lem.clone()));
                    end = e;
                } else if let Some((c, s)) = self.trigger_before(i) {
                    measure = Some((c, lem.clone()));
                    start_ev = s;
                }
            }
            if measure.is_none() {
                measure = Some((class.unwrap_or_else(|| lem.clone()), lem.clone()));
            }
        } else if measure.is_none() && self.word(k) != Some("of") {
            // A bare count: "21 died", "killed 21", "the death toll has risen to 21".
            if let Some((c, e)) = self.trigger_after(k) {
                measure = Some((c, String::new()));
                end = e;
            } else if let Some((c, s)) = self.trigger_before(i) {
                measure = Some((c, String::new()));
                start_ev = s;
            } else if let Some((c, l, s)) = self.lookback(i, false) {
                measure = Some((c, l));
                start_ev = s;
            }
        }
        // Bare number words ("one of the", "two") say nothing measurable.
        if measure.is_none() && change.is_none() && num.words {
            return Step::Skip(k);
        }
        self.emit(start_ev, i, qual, num, Unit::Count, measure, end, change)
    }
}

/// Parse "12,000", "1.25", "915" -> (value, decimals). Commas must group thousands.
fn parse_digits(s: &str) -> Option<(f64, i32)> {
    if s.len() > 30 {
        return None;
    }
    if s.contains(',') {
        let mut groups = s.split(',');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 {
            return None;
        }
        let rest: Vec<&str> = groups.collect();
        for (n, g) in rest.iter().enumerate() {
            let int_part = if n + 1 == rest.len() {
                g.split('.').next().unwrap_or("")
            } else {
                g
            };
            if int_part.len() != 3 || (n + 1 < rest.len() && g.contains('.')) {
                return None;
            }
        }
    }
    let plain: String = s.chars().filter(|c| *c != ',').collect();
    if plain.matches('.').count() > 1 {
        return None;
    }
    let decimals = plain
        .split_once('.')
        .map_or(0, |(_, d)| d.len().min(20) as i32);
    let v: f64 = plain.parse().ok()?;
    v.is_finite().then_some((v, decimals))
}

/// The interval a number commits to: (low, high, low inclusive, high inclusive).
fn interval(num: &NumP, qual: Option<Qual>, unit: &Unit) -> (f64, f64, bool, bool) {
    let v = num.value;
    let exact_count = matches!(unit, Unit::Count | Unit::Year | Unit::Ordinal) && num.scale == 1.0;
    // Half a unit of the last written digit, for rounded reporting ("33 percent", "$915 million").
    let prec = if exact_count {
        0.0
    } else {
        0.49 * 10f64.powi(-num.decimals) * num.scale
    };
    let (mut lo, mut hi) = match num.fixed {
        Some(f) => f,
        None if num.round && !matches!(unit, Unit::Year | Unit::Ordinal) => (v * 0.95, v * 1.05),
        None => (v - prec, v + prec),
    };
    let (mut lo_inc, mut hi_inc) = (true, true);
    let is_duration = matches!(unit, Unit::Duration { .. });
    match qual {
        Some(Qual::Approx) => {
            lo = lo.min(v * 0.9);
            hi = hi.max(v * 1.1);
        }
        Some(Qual::Nearly) => {
            lo = v * 0.85;
            hi = v;
        }
        // "over 12 years" usually means "during", not "more than".
        Some(Qual::Over) if !is_duration => {
            lo = v;
            hi = f64::INFINITY;
            lo_inc = false;
        }
        Some(Qual::AtLeast) => hi = f64::INFINITY,
        Some(Qual::Under) => {
            lo = 0.0;
            hi = v;
            hi_inc = false;
        }
        Some(Qual::UpTo) => lo = 0.0,
        Some(Qual::Exactly) => {
            lo = v - prec;
            hi = v + prec;
        }
        _ => {}
    }
    if is_duration {
        // Units converted to days: allow for calendar rounding (24 months vs 2 years).
        lo *= 0.99;
        hi *= 1.01;
    }
    (lo.max(0.0), hi, lo_inc, hi_inc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unmeasured_figures_far_apart_are_not_compared() {
        let a = quantities("incomes of more than $750,000 would rise");
        let b = quantities("a gain of $2,700 for the middle");
        let (Some(x), Some(y)) = (a.first(), b.last()) else {
            panic!("quantities {a:?} {b:?}");
        };
        assert_eq!(compare(x, y), None);
        let c = quantities("the repair would cost $1.2 million");
        let d = quantities("the repair will cost $9.8 million");
        let (Some(x), Some(y)) = (c.first(), d.first()) else {
            panic!("quantities {c:?} {d:?}");
        };
        assert_eq!(compare(x, y), Some(Comparison::Disagree));
    }

    #[test]
    fn a_fraction_after_by_and_a_qualifier_is_the_size_of_a_change() {
        let qs = quantities("burglaries had fallen by almost a third");
        let q = qs.first().expect("a quantity");
        assert_eq!(q.unit, Unit::Percent);
        assert_eq!(q.change, Some(Change::By));
        assert!((q.value - 33.3).abs() < 0.1, "{q:?}");
    }

    fn one(text: &str) -> Quantity {
        let qs = quantities(text);
        assert_eq!(qs.len(), 1, "{text:?} -> {qs:#?}");
        qs.into_iter().next().expect("one quantity")
    }

    fn cmp(a: &str, b: &str) -> Option<Comparison> {
        compare(&one(a), &one(b))
    }

    #[test]
    fn jobs_cut_and_laid_off_disagree() {
        let a = one("The company will cut about 140 jobs");
        assert_eq!(a.unit, Unit::Count);
        assert_eq!(a.measure.as_deref(), Some("jobs"));
        assert_eq!(a.text, "about 140 jobs");
        assert!((a.low - 126.0).abs() < 1e-9 && (a.high - 154.0).abs() < 1e-9);
        let b = one("It laid off 215 workers");
        assert_eq!(b.measure.as_deref(), Some("jobs"));
        assert_eq!((b.low, b.high), (215.0, 215.0));
        assert_eq!(compare(&a, &b), Some(Comparison::Disagree));
    }

    #[test]
    fn climbers_died_vs_death_toll() {
        let a = one("nine climbers died on the mountain");
        assert_eq!(a.measure.as_deref(), Some("dead"));
        assert_eq!(a.noun.as_deref(), Some("climber"));
        assert_eq!(a.text, "nine climbers died");
        let b = one("The death toll has risen to 21.");
        assert_eq!(b.measure.as_deref(), Some("dead"));
        assert_eq!(b.change, Some(Change::To));
        assert_eq!(b.text, "death toll has risen to 21");
        assert_eq!(compare(&a, &b), Some(Comparison::Disagree));
        let c = one("at least 12 people were killed");
        assert_eq!(c.measure.as_deref(), Some("dead"));
        assert_eq!((c.low, c.high_inclusive), (12.0, true));
        assert!(c.high.is_infinite());
        let d = one("the number of injured rose to 30");
        assert_eq!(d.measure.as_deref(), Some("injured"));
        assert_eq!(
            one("1,000 people attended").measure.as_deref(),
            Some("people")
        );
    }

    #[test]
    fn incidents_reports_fires() {
        assert_eq!(cmp("fewer than ten incidents", "29 reports"), None);
        let a = one("fewer than ten fires");
        assert_eq!((a.low, a.high, a.high_inclusive), (0.0, 10.0, false));
        assert_eq!(compare(&a, &one("29 fires")), Some(Comparison::Disagree));
        assert_eq!(
            cmp("fewer than ten fires", "9 fires"),
            Some(Comparison::Agree)
        );
    }

    #[test]
    fn a_comparative_between_number_and_noun_keeps_the_noun() {
        let q = one("the clinics hired 740 more nurses this year");
        assert_eq!(q.measure.as_deref(), Some("nurse"), "{q:?}");
        assert_eq!(
            cmp("1,200 more nurses", "hospitals employed 740 more nurses"),
            Some(Comparison::Disagree)
        );
        // "more than" still qualifies the number.
        let q = one("more than 80 servers");
        assert_eq!(q.measure.as_deref(), Some("server"), "{q:?}");
    }

    #[test]
    fn more_than_and_round_numbers() {
        assert_eq!(
            cmp("more than 80 servers", "83 servers"),
            Some(Comparison::Agree)
        );
        assert_eq!(
            cmp("more than 80 servers", "60 servers"),
            Some(Comparison::Disagree)
        );
        assert_eq!(
            cmp("30 households", "120 households"),
            Some(Comparison::Disagree)
        );
        // 4,000 is round (±5%): 4,150 (also round) overlaps it, an exact 4,312 does not.
        assert_eq!(cmp("4,000 homes", "4,150 homes"), Some(Comparison::Agree));
        assert_eq!(
            cmp("4,000 homes", "4,312 homes"),
            Some(Comparison::Disagree)
        );
        assert_eq!(
            cmp("nearly 300 homes", "260 homes"),
            Some(Comparison::Agree)
        );
        assert_eq!(
            cmp("nearly 300 homes", "317 homes"),
            Some(Comparison::Disagree)
        );
        assert_eq!(cmp("up to 500 homes", "20 homes"), Some(Comparison::Agree));
        assert_eq!(cmp("dozens of homes", "40 homes"), Some(Comparison::Agree));
        assert_eq!(
            cmp("hundreds of homes", "40 homes"),
            Some(Comparison::Disagree)
        );
        assert_eq!(
            cmp("a handful of homes", "5 homes"),
            Some(Comparison::Agree)
        );
        assert_eq!(one("a dozen eggs").value, 12.0);
    }

    #[test]
    fn money_compared_with_money_not_years() {
        let qs = quantities("He agreed to pay $915 million after 18 years in court");
        assert_eq!(qs.len(), 2, "{qs:#?}");
        let m = &qs[0];
        assert_eq!(
            m.unit,
            Unit::Money {
                currency: "$".into()
            }
        );
        assert_eq!(m.value, 915e6);
        assert_eq!(m.text, "$915 million");
        let y = &qs[1];
        assert!(matches!(y.unit, Unit::Duration { .. }));
        assert_eq!(compare(m, y), None);
        // Written to the million, 915 and 916 are different amounts: they disagree.
        let b = one("a $916 million settlement");
        assert_eq!(compare(m, &b), Some(Comparison::Disagree));
        assert_eq!(compare(m, &one("$915m")), Some(Comparison::Agree));
        assert_eq!(
            one("£3bn").unit,
            Unit::Money {
                currency: "GBP".into()
            }
        );
        assert_eq!(one("£3bn").value, 3e9);
        assert_eq!(one("€40 million").value, 40e6);
        assert_eq!(
            one("US$5 billion").unit,
            Unit::Money {
                currency: "USD".into()
            }
        );
        assert_eq!(cmp("US$5 billion", "$5bn"), Some(Comparison::Agree));
        assert_eq!(cmp("£5bn", "€5bn"), None);
        assert_eq!(one("1.2m").value, 1.2e6);
        assert_eq!(
            one("20 million dollars").unit,
            Unit::Money {
                currency: "$".into()
            }
        );
    }

    #[test]
    fn years_and_of_do_not_meet() {
        assert_eq!(cmp("twelve years", "7 of them"), None);
        let a = one("twelve years");
        assert_eq!(a.unit, Unit::Duration { unit: "day".into() });
        assert_eq!(cmp("two years", "24 months"), Some(Comparison::Agree));
        // "two years" is read to the written precision (±half a year).
        assert_eq!(cmp("two years", "36 months"), Some(Comparison::Disagree));
        let y = one("in 2019");
        assert_eq!(y.unit, Unit::Year);
        let c = one("2019 jobs");
        assert_eq!(c.unit, Unit::Count);
        assert_eq!(c.measure.as_deref(), Some("jobs"));
        assert_eq!(compare(&y, &c), None);
        assert_eq!(one("since 2014").unit, Unit::Year);
        assert_eq!(one("the 2020 election").unit, Unit::Year);
    }

    #[test]
    fn percent_forms() {
        let a = one("a third of staff");
        assert_eq!(a.unit, Unit::Percent);
        assert_eq!(a.measure.as_deref(), Some("jobs"));
        let b = one("33 per cent of staff");
        assert_eq!(b.unit, Unit::Percent);
        assert_eq!(compare(&a, &b), Some(Comparison::Agree));
        assert_eq!(
            cmp("half of staff", "33 per cent of staff"),
            Some(Comparison::Disagree)
        );
        assert_eq!(
            cmp("two-thirds of voters", "67% of voters"),
            Some(Comparison::Agree)
        );
        let t = one("the top 1 percent");
        assert_eq!(t.measure.as_deref(), Some("top"));
        assert_eq!(compare(&t, &one("100 percent of staff")), None);
        assert_eq!(compare(&t, &one("100 percent")), None);
        let pp = one("2 percentage points");
        assert_eq!(pp.unit, Unit::PercentagePoints);
        assert_eq!(compare(&pp, &one("2 percent")), None);
        let u = one("unemployment fell to 5 percent");
        assert_eq!(u.measure.as_deref(), Some("unemployment"));
        assert_eq!(u.change, Some(Change::To));
        assert_eq!(
            cmp("unemployment fell to 5 percent", "unemployment was 5%"),
            Some(Comparison::Agree)
        );
        assert_eq!(one("one in five adults").value, 20.0);
    }

    #[test]
    fn same_measure_agrees() {
        assert_eq!(
            cmp("12,000 jars of peanut butter", "12,000 jars were recalled"),
            Some(Comparison::Agree)
        );
        let a = one("12,000 jars of peanut butter");
        assert_eq!(a.measure.as_deref(), Some("jar"));
        assert_eq!(one("215 factory workers").measure.as_deref(), Some("jobs"));
        assert_eq!(one("140 job cuts").measure.as_deref(), Some("jobs"));
        let q = one("twenty-one people died");
        assert_eq!(q.value, 21.0);
        assert_eq!(compare(&q, &q), Some(Comparison::Agree));
        assert_eq!(one("three hundred and twenty homes").value, 320.0);
        assert_eq!(one("two thousand five hundred homes").value, 2500.0);
    }

    #[test]
    fn changes() {
        let qs = quantities("rose from 9 to 21 deaths");
        // The start, the end, and the size of the change they imply.
        assert_eq!(qs.len(), 3, "{qs:#?}");
        assert_eq!(qs[0].change, Some(Change::From));
        assert_eq!(qs[1].change, Some(Change::To));
        assert_eq!((qs[2].change, qs[2].value), (Some(Change::By), 12.0));
        assert_eq!(
            compare(&qs[2], &one("deaths rose by 12")),
            Some(Comparison::Agree)
        );
        assert_eq!(
            compare(&qs[2], &one("deaths rose by 20")),
            Some(Comparison::Disagree)
        );
        assert_eq!(compare(&qs[2], &one("12 people died")), None);
        let died = one("21 people died");
        assert_eq!(died.measure.as_deref(), Some("dead"));
        assert_eq!(compare(&qs[1], &died), Some(Comparison::Agree));
        assert_eq!(compare(&qs[0], &died), None);
        assert_eq!(compare(&qs[0], &one("9 people died")), None);
        let qs = quantities("the toll rose from 9 to 21");
        assert_eq!(qs.len(), 3, "{qs:#?}");
        assert_eq!(qs[0].measure.as_deref(), Some("dead"));
        assert_eq!(qs[1].measure.as_deref(), Some("dead"));
        let by = one("sales fell by 9 percent");
        assert_eq!(by.change, Some(Change::By));
        assert_eq!(compare(&by, &one("sales were 9 percent")), None);
        assert_eq!(one("shares fell 5 percent").change, Some(Change::By));
        // Money: "from £7.99 to £9.99" is a rise of £2, whatever floating point says.
        let qs = quantities("the plan would rise from £7.99 to £9.99 a month");
        let delta = qs
            .iter()
            .find(|q| q.change == Some(Change::By))
            .expect("a delta");
        let by = one("raise the price by £2 a month");
        assert_eq!(
            compare(delta, &by),
            Some(Comparison::Agree),
            "{delta:#?} {by:#?}"
        );
    }

    #[test]
    fn not_counts() {
        assert!(quantities("a 54-year-old man was arrested").is_empty());
        assert!(quantities("John Smith, 54, said").is_empty());
        assert!(quantities("at 3 p.m. on Tuesday").is_empty());
        assert!(quantities("at 3pm").is_empty());
        assert!(quantities("at 9:30 in the morning").is_empty());
        assert!(quantities("Covid-19 cases").is_empty());
        assert!(quantities("a Boeing 737 crashed").is_empty());
        assert!(quantities("the new iPhone 12").is_empty());
        assert!(quantities("under section 3 of the act").is_empty());
        assert!(quantities("see page 12").is_empty());
        assert!(quantities("call 555-1234 or 020 7946 0958").is_empty());
        assert!(quantities("on March 3").is_empty());
        assert!(quantities("one of the reasons").is_empty());
        let q = one("in the third quarter");
        assert_eq!(q.unit, Unit::Ordinal);
        assert_eq!(q.measure.as_deref(), Some("quarter"));
        assert_eq!(one("on the 5th").unit, Unit::Ordinal);
        assert_eq!(compare(&q, &q), None);
        let m = quantities("on March 3, 2019");
        assert_eq!(m.len(), 1, "{m:#?}");
        assert_eq!(m[0].unit, Unit::Year);
    }

    #[test]
    fn sentences() {
        let qs = quantities(
            "Police said at least 12 people were killed and 30 injured in the blast on Tuesday.",
        );
        let m: Vec<_> = qs.iter().map(|q| q.measure.as_deref()).collect();
        assert_eq!(m, [Some("dead"), Some("injured")]);
        let qs = quantities("About 300 residents were evacuated from 120 homes after the fire.");
        assert_eq!(qs[0].measure.as_deref(), Some("evacuated"));
        assert_eq!(qs[1].measure.as_deref(), Some("home"));
        assert_eq!(qs[1].change, None);
        let qs = quantities("The storm killed 21 and injured 45, with 3 still missing.");
        let m: Vec<_> = qs.iter().map(|q| q.measure.as_deref()).collect();
        assert_eq!(m, [Some("dead"), Some("injured"), Some("missing")]);
        assert_eq!(qs[0].noun, None);
        // Partitive: "7 of its 12 plants" gives 7 no measure, and "cut" does not make it jobs.
        let qs = quantities("In 2019 Apple cut 7 of its 12 plants");
        assert_eq!(qs.len(), 3, "{qs:#?}");
        assert_eq!(qs[0].unit, Unit::Year);
        assert_eq!(qs[1].measure, None);
        assert_eq!(qs[2].measure.as_deref(), Some("plant"));
        let qs = quantities("Cases rose by 500 to 2,300");
        assert_eq!(qs[0].change, Some(Change::By));
        assert_eq!(qs[1].change, Some(Change::To));
        assert_eq!(qs[1].measure.as_deref(), Some("case"));
        let r = one("the organisers' estimate of 1,500 to 2,000");
        assert_eq!((r.low, r.high), (1500.0, 2000.0));
        assert!(quantities("the 737 Max and 5G and G7 leaders in the 1990s").is_empty());
        let k = one("40 km away");
        assert_eq!(
            (k.unit.clone(), k.measure.clone()),
            (Unit::Other("km".into()), None)
        );
    }

    #[test]
    fn measure_from_context() {
        let q = one("The death toll from the floods stands at 21.");
        assert_eq!(q.measure.as_deref(), Some("dead"));
        let q = one("The number of people killed rose to 21.");
        assert_eq!(
            (q.measure.as_deref(), q.change),
            (Some("dead"), Some(Change::To))
        );
        assert_eq!(
            one("Nine climbers die on Everest").measure.as_deref(),
            Some("dead")
        );
        let q = one("Inflation in the eurozone fell to 2.4% in April.");
        assert_eq!(q.measure.as_deref(), Some("inflation"));
        let q = one("another 120 job losses");
        assert_eq!(
            (q.measure.as_deref(), q.text.as_str()),
            (Some("jobs"), "120 job losses")
        );
        let qs = quantities("The company's 3,000-strong workforce will shrink by a fifth.");
        assert_eq!(qs.len(), 2, "{qs:#?}");
        assert_eq!(qs[0].measure.as_deref(), Some("jobs"));
        assert_eq!((qs[1].unit.clone(), qs[1].value), (Unit::Percent, 20.0));
        assert_eq!(qs[1].change, Some(Change::By));
        let q = one("He was jailed for six and a half years.");
        assert_eq!(q.value, 6.5 * 365.25);
        let q = one("more than 200 people remained unaccounted for");
        assert_eq!(q.measure.as_deref(), Some("missing"));
        let qs = quantities("Unemployment rose 0.3 percentage points to 4.1 percent in June.");
        assert_eq!(qs[0].unit, Unit::PercentagePoints);
        assert_eq!(qs[1].measure.as_deref(), Some("unemployment"));
    }

    #[test]
    fn ranges() {
        let q = one("between 10 and 15 people");
        assert_eq!((q.low, q.high), (10.0, 15.0));
        let r = one("10-15 people");
        assert_eq!((r.low, r.high), (10.0, 15.0));
        assert_eq!(compare(&q, &one("12 people")), Some(Comparison::Agree));
    }

    #[test]
    fn total_on_random_input() {
        // Deterministic pseudo-random strings over the characters the parser looks at.
        let pool = [
            "0", "7", "12", "140", "1,200", "3.5", "2019", "007", ",", ".", ":", "-", "/", "%",
            "$", "£", "€", "¥", "+", "#", "(", ")", "'", "’", "–", "a", "p", "m", "of", "to",
            "from", "by", "about", "over", "more", "than", "at", "least", "million", "bn", "k",
            "s", "th", "twenty", "one", "hundred", "third", "half", "dozens", "top", "per", "cent",
            "Section", "Boeing", "March", "died", "killed", "people", "jobs", "years", "year",
            "old", "between", "and", "in", "US", "rose", "the", "death", "toll", "é", "漢", "🙂",
            "\u{a0}",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..3000 {
            let len = (seed >> 59) as usize + 1;
            let mut s = String::new();
            for _ in 0..len * 3 {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                let idx = (seed >> 33) as usize % pool.len();
                s.push_str(pool[idx]);
                if seed & 3 != 0 {
                    s.push(' ');
                }
            }
            for q in quantities(&s) {
                assert!(
                    s.is_char_boundary(q.start) && s.is_char_boundary(q.end),
                    "{s:?}"
                );
                assert!(q.start <= q.end && q.low <= q.high, "{s:?} {q:?}");
                assert_eq!(q.text, s[q.start..q.end]);
                assert!(!q.low.is_nan() && !q.high.is_nan());
            }
        }
    }

    #[test]
    fn total_on_odd_input() {
        let long = "9".repeat(500);
        for s in [
            "",
            "$",
            "£",
            "a",
            "between",
            "1,2,3,4",
            "1..2",
            "1.2.3",
            "12,34",
            "—-–",
            "twenty-",
            "a third",
            "one in",
            "rose from to",
            long.as_str(),
            "𝟙𝟚 ٣ 五 Ⅻ ½ ¼ 12½",
            "top",
            "no. ",
            "US$",
            "from 9",
            ", 54,",
            "5-",
            "-5",
            "99999999999999999999999999999 billion",
        ] {
            for q in quantities(s) {
                assert!(s.is_char_boundary(q.start) && s.is_char_boundary(q.end));
                assert!(q.low <= q.high);
                let _ = compare(&q, &q);
            }
        }
    }
}
