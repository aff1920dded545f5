//! Plain data types passed between the pipeline stages.
//!
//! Takes: nothing. Gives: [`Article`], [`Claim`] and their enums. No stage
//! below `store`/`report` knows about SQL or JSON shapes beyond `serde` derives.

use serde::{Deserialize, Serialize};

/// One article as read from disk, stdin or a JSONL line, after format
/// decoding (header block split off, HTML reduced to its main text).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Article {
    /// The path as given on the command line (or `-` for stdin).
    pub path: String,
    pub title: Option<String>,
    /// `YYYY-MM-DD`, or RFC 3339 in UTC for a date with a time (see [`crate::date`]); `None` when unknown.
    pub published_at: Option<String>,
    /// Where `published_at` came from: `header`, `meta`, `jsonl`, `file-name` or `url`.
    pub date_source: Option<&'static str>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    /// The text claims are extracted from; all claim offsets point into it.
    pub body: String,
    /// Where `body` starts in the bytes the article was read from: for
    /// `.txt`/`.md` (and plain-text stdin) the length of the byte-order mark
    /// and header block dropped before it, so `input[body_offset..] == body`;
    /// 0 for HTML and JSONL, whose body is extracted text, not a slice of the input.
    #[serde(skip)]
    pub body_offset: usize,
    /// SHA-256 (hex) of the bytes the article came from: the whole file, or
    /// its line for JSONL. Identical bytes are ingested once.
    pub sha256: String,
    /// Warnings about this article that do not stop it being stored (an
    /// unreadable or missing date), each starting with the file it names.
    #[serde(skip)]
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    Direct,
    Indirect,
    Mixed,
}

impl ClaimKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Direct => "direct",
            ClaimKind::Indirect => "indirect",
            ClaimKind::Mixed => "mixed",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceType {
    Person,
    Organization,
    Media,
    Unnamed,
    Document,
    Other,
}

impl SourceType {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceType::Person => "person",
            SourceType::Organization => "organization",
            SourceType::Media => "media",
            SourceType::Unnamed => "unnamed",
            SourceType::Document => "document",
            SourceType::Other => "other",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "person" => SourceType::Person,
            "organization" => SourceType::Organization,
            "media" => SourceType::Media,
            "unnamed" => SourceType::Unnamed,
            "document" => SourceType::Document,
            "other" => SourceType::Other,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    Positive,
    Negative,
}

impl Polarity {
    pub fn as_str(self) -> &'static str {
        match self {
            Polarity::Positive => "positive",
            Polarity::Negative => "negative",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    Asserted,
    Hedged,
}

impl Modality {
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Hedged => "hedged",
        }
    }
}

/// A half-open byte range `[start, end)` into an article body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn contains(&self, pos: usize) -> bool {
        pos >= self.start && pos < self.end
    }
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One attributed claim: who said what, where in the body, and how.
#[derive(Debug, Clone, Serialize)]
pub struct Claim {
    pub kind: ClaimKind,
    /// The content (for a quote split by its attribution: the pieces joined by a space).
    pub text: String,
    /// Content span, byte offsets into the body (covers all pieces of a split quote).
    pub start: usize,
    pub end: usize,
    /// Speaker as written, if the sentence names one.
    pub speaker: Option<String>,
    pub speaker_start: Option<usize>,
    pub speaker_end: Option<usize>,
    /// Canonical source name after resolution.
    pub source: String,
    pub source_type: SourceType,
    /// Organisation the speaker speaks for (spokespeople) or the outlet citing unnamed sources.
    pub source_parent: Option<String>,
    pub cue: Option<String>,
    pub cue_start: Option<usize>,
    pub cue_end: Option<usize>,
    /// The cue's class from the cue lexicon (assert, admit, deny, claim, reveal, confirm, warn, believe).
    pub cue_class: String,
    pub polarity: Polarity,
    pub modality: Modality,
    /// The sentence containing the cue (or the content start).
    pub sentence: String,
    /// Index of that sentence in the body.
    pub sentence_index: usize,
    /// Relative time inside the article: -1 earlier (initially, in August), 0 unmarked, +1 later (now, has since),
    /// read from the attribution only (see [`crate::normalise::time`]); the article's date refines it when stored.
    pub time_rank: i8,
    /// The attribution: the cue's sentence outside the content pieces of the whole attribution.
    /// The claim's time is read there, never in its content.
    #[serde(skip)]
    pub attribution: Vec<Span>,
    /// Name of the sieve that found the content.
    pub content_rule: &'static str,
    /// Name of the sieve that resolved the speaker.
    pub speaker_rule: &'static str,
    /// Name of the resolution sieve that decided the canonical source.
    pub source_rule: &'static str,
    /// The source is a named spokesperson of `source_parent`.
    pub spokesperson: bool,
    /// The attribution this proposition belongs to: claims of one article with
    /// the same `group` are the sentences of one quote or the clauses of one report.
    pub group: usize,
    /// How many pieces of the body `text` joins: 1 for a contiguous claim
    /// (`body[start..end] == text`), more for a sentence split by its attribution.
    pub pieces: usize,
}
