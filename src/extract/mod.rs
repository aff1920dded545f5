//! Extraction: body text -> attributed claims.
//!
//! Takes: an article body and the [`Lexicon`]. Gives: [`Claim`]s with byte
//! offsets into the body, the sieve that found each content and the one
//! that found each speaker, plus source resolution ([`crate::resolve`]) and
//! polarity/modality ([`crate::normalise`]), and every cue that gave no claim
//! with its reason ([`RejectedCue`]). Extraction never fails on text: odd input
//! yields fewer claims, never an error or a panic.
//!
//! [`extract`] is a short driver over ordered lists of named sieves; the lists
//! below are the order ([`pipeline`] returns it). An [`Article`] (body, [`Doc`],
//! quotations, boilerplate, lexicon) is built once; each sentence outside the
//! boilerplate becomes a [`Sentence`] view with its cues (`cues.rs`: cue words
//! checked against POS tags; a cue in a refusal, "declined to comment", is
//! dropped by the `refusal` check of `filters.rs`).
//!
//! Per cue (`sieves.rs`), in order; the first sieve that decides wins:
//! 1. [`CUE_SIEVES`]: `citing-aside` (`X, citing unnamed sources, reported …`:
//!    the clause's own cue carries the claim), `according-to` (`according to X, …` /
//!    `…, according to X`, with its own speaker and content).
//! 2. [`SPEAKER_SIEVES`], the first that finds one: `document-maker` (`X issued a
//!    statement saying …`: the document's maker); `subject` (the noun phrase
//!    before the cue, [`speaker::left`]); for a participle after a comma
//!    (`…, saying …`) `participle-previous-cue` and `participle-clause-subject`; an
//!    inverted speaker that ends like one, `inverted-speaker` (`…, said Roe.`, not
//!    `…, says she will run`); after "and"/"but" (through auxiliaries and
//!    adverbs: `… but has since said …`) `coordinated-previous-cue` and
//!    `coordinated-clause-subject`; `name-before-clause` (`Name, a role, said`);
//!    `passive-context` (`it was confirmed that …`, source from context). No
//!    speaker: no claim.
//! 3. [`CONTENT_SIEVES`]: `cue-quote` (`X said: "…"`); `show-noun` (a sentence
//!    ending in "shows" names no report); `quote-then-cue` (`"…," X said`, joining a
//!    quote split by its attribution, `"…," she said, "…"`, or continued in the next
//!    sentence, `"…," she said. "…"`); `preposed-content` (`…, X said.` / `…, said
//!    X.`); `reported-clause` (`X said (that) …`, content to the end of the clause,
//!    `passive-it` for the passive; a report inside a subordinate or relative clause
//!    ends at that clause's first comma that is not a list comma; `said that A, but
//!    that B` gives two pieces that resolve splits into two claims).
//!
//! Per sentence, after its cues (`sentence.rs`), [`SENTENCE_SIEVES`]: `noun-cue`
//! (`Trump's claim that …`, `her promise to …`; class `noun` in `cues.tsv`), then
//! `frame` for a sentence with no claim (`In a CNN poll, …`).
//!
//! Per article (`article.rs`), [`ARTICLE_SIEVES`]: `colon-headline` (`Pence: …` as
//! the first line, when the story names the head again), `transcript` (`Q: … / A: …`
//! interviews, answers resolved by salience, questions no claim; `PENCE: …` turns),
//! `dash-attribution` (`"…" ― Ann Lee` ending its paragraph),
//! `unattributed-quote` (a quotation with no cue of its own takes the speaker of its
//! paragraph, `paragraph-speaker`, or of the quote just before it, `conversation`).
//!
//! Then [`FILTERS`] (`filters.rs`), each with the reason `--explain` prints:
//! `relayed` (a claim relayed by a conduit, `quoted unnamed sources who said`, keeps
//! the inner one), `nested-in-quote`, `proposition` (questions, infinitives,
//! directives, refusals: `lexicon/content.txt`), `first-person` (the writer),
//! `empty-subject` ("it seems that": `content.txt [raising_cues]`),
//! `speaker-np` (the speaker must be a noun phrase by its tags), `nested-in-named`
//! (the outer attribution wins). Then resolution, `drop_nested` on the resolved
//! claims, and every cue left without a claim gets the closing reason.
//!
//! Token-level helpers shared by the sieves (where content starts and ends, trailing
//! adjuncts and attributions, span tidying) are in `clause.rs`; quotation pairing in
//! `quotes.rs`; speaker noun phrases in `speaker.rs`.

mod article;
mod clause;
pub(crate) use clause::SUBORDINATORS;
mod cues;
mod filters;
pub mod quotes;
mod sentence;
mod sieves;
pub mod speaker;

use crate::annotate::tagger::Upos;
use crate::annotate::Doc;
use crate::lexicon::{Cue, Lexicon};
use crate::model::{Claim, ClaimKind, Modality, Polarity, SourceType, Span};
use crate::segment::{self, Segmented, Tok};
use quotes::Quote;
use speaker::Found;

/// A claim before source resolution.
#[derive(Debug, Clone)]
pub struct RawClaim {
    pub kind: ClaimKind,
    pub pieces: Vec<Span>,
    pub speaker: Option<Span>,
    pub cue: Option<(Span, Cue)>,
    pub sentence: usize,
    pub content_rule: &'static str,
    pub speaker_rule: &'static str,
    /// For unnamed sources: the conduit that cites them ("the article quoted unnamed sources").
    pub conduit: Option<Span>,
}

impl RawClaim {
    pub fn span(&self) -> Span {
        let s = self.pieces.iter().map(|p| p.start).min().unwrap_or(0);
        let e = self.pieces.iter().map(|p| p.end).max().unwrap_or(0);
        Span::new(s, e)
    }
}

/// Everything extraction learned about one body.
#[derive(Debug, Clone)]
pub struct Extraction {
    pub claims: Vec<Claim>,
    pub segmented: Segmented,
    pub boilerplate: Vec<Span>,
    /// The organisations the article names, main one first, joined by "; " (the linker's topic context).
    pub main_org: Option<String>,
    /// Names of what the article is about (organisations, places, people named twice), most named first.
    pub story: Vec<String>,
    /// Cues found in the text that gave no claim, in body order, with the reason.
    pub rejected: Vec<RejectedCue>,
}

/// A cue word the extraction saw and did not turn into a claim, and why
/// (`extract --explain` prints them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedCue {
    pub cue: Span,
    pub reason: &'static str,
}

/// The byte span of the tokens `first..last` (`None` when either end is out of range).
fn toks_span(toks: &[Tok], first: usize, last: usize) -> Option<Span> {
    let end = toks.get(last.checked_sub(1)?)?.end;
    Some(Span::new(toks.get(first)?.start, end))
}

/// A cue occurrence in a sentence.
#[derive(Debug, Clone)]
struct CueHit {
    /// Token index of the first and one past the last cue token.
    first: usize,
    last: usize,
    cue: Cue,
    /// Token index where the cue's verb group starts ([`cues::verb_group_start`]):
    /// the subject search starts there.
    group: usize,
    /// The subject found left of the cue, if any.
    subject: Option<Found>,
}

/// One article as every sieve reads it, built once: the body, its annotation,
/// quotations and boilerplate spans, and the lexicon.
struct Article<'a> {
    body: &'a str,
    doc: Doc<'a>,
    quotes: Vec<Quote>,
    boiler: Vec<Span>,
    lex: &'a Lexicon,
}

impl<'a> Article<'a> {
    fn new(body: &'a str, lex: &'a Lexicon) -> Article<'a> {
        let doc = Doc::build(body, segment::segment(body, lex));
        let boiler = crate::clean::boilerplate(body, &doc.seg, lex);
        let quotes = quotes::find(body, &doc.seg);
        Article {
            body,
            doc,
            quotes,
            boiler,
            lex,
        }
    }

    fn in_boiler(&self, pos: usize) -> bool {
        self.boiler.iter().any(|b| b.contains(pos))
    }
}

/// One sentence as the per-cue and per-sentence sieves see it.
struct Sentence<'s> {
    /// Sentence index in the article.
    si: usize,
    span: segment::Sentence,
    toks: &'s [Tok<'s>],
    /// Token index past the last token before the closing `.`/`!`/`?` marks.
    n_end: usize,
    /// The sentence's cues that passed the checks of `cues.rs` and `refusal`.
    cues: Vec<CueHit>,
}

impl<'s> Sentence<'s> {
    /// Sentence `si` with its cues; `None` when out of range or in boilerplate. Cues
    /// the checks reject go to `rejected`; the others to `hits`.
    fn new(
        art: &'s Article<'_>,
        si: usize,
        rejected: &mut Vec<RejectedCue>,
        hits: &mut Vec<Span>,
    ) -> Option<Sentence<'s>> {
        let span = *art.doc.seg.sentences.get(si)?;
        if art.in_boiler(span.start) {
            return None;
        }
        let toks: &[Tok] = art.doc.toks.get(si).map_or(&[], Vec::as_slice);
        let closing = toks
            .iter()
            .rev()
            .take_while(|t| matches!(t.text, "." | "!" | "?"))
            .count();
        let n_end = toks.len() - closing;
        let tags: &[Upos] = art.doc.tags.get(si).map_or(&[], Vec::as_slice);
        let cues: Vec<CueHit> = cues::find_cues(toks, tags, art.lex, &art.quotes, rejected)
            .into_iter()
            .filter(|c| {
                let Some(cue) = toks_span(toks, c.first, c.last) else {
                    return false;
                };
                match filters::refusal(art, span.start, cue) {
                    Some(reason) => {
                        rejected.push(RejectedCue { cue, reason });
                        false
                    }
                    None => {
                        hits.push(cue);
                        true
                    }
                }
            })
            .map(|mut c| {
                c.subject = speaker::left(toks, c.group, art.lex).and_then(|f| {
                    // The head of a relative ("according to people who said",
                    // "with victims' families, many of whom say") may be any
                    // phrase; a subject may not follow a preposition, but a name
                    // may end a fronted phrase that lacks its comma ("In a radio
                    // interview Trump declared").
                    // Nor is a phrase opening with a lower-case verb a subject: "help
                    // Mr. Putin maintain the image" makes "maintain" a bare infinitive.
                    // (A participle before a noun is no such verb: "elected officials".)
                    let verb_first = tags.get(f.first) == Some(&Upos::Verb)
                        && toks.get(f.first).is_some_and(|t| {
                            !speaker::is_cap(t)
                                && !t.text.ends_with("ed")
                                && !t.text.ends_with("ing")
                        });
                    if verb_first {
                        return None;
                    }
                    if matches!(f.rule, "relative-clause-subject" | "partitive-relative")
                        || !cues::after_preposition(toks, tags, f.first)
                    {
                        Some(f)
                    } else {
                        speaker::name_ending_phrase(toks, tags, f)
                    }
                });
                c
            })
            .collect();
        Some(Sentence {
            si,
            span,
            toks,
            n_end,
            cues,
        })
    }
}

/// One cue of a sentence as the per-cue sieves see it.
struct CueAt<'c> {
    /// Index of the cue in [`Sentence::cues`].
    ci: usize,
    hit: &'c CueHit,
    /// Byte span of the cue words.
    span: Span,
    /// The claims the earlier cues of the sentence gave.
    earlier: &'c [RawClaim],
}

impl<'c> CueAt<'c> {
    fn new(s: &'c Sentence<'_>, ci: usize, earlier: &'c [RawClaim]) -> Option<CueAt<'c>> {
        let hit = s.cues.get(ci)?;
        let span = toks_span(s.toks, hit.first, hit.last)?;
        Some(CueAt {
            ci,
            hit,
            span,
            earlier,
        })
    }

    /// The speaker of the sentence's latest claim whose cue is not inside another
    /// claim's content ("May said the country would declare … and suggested …":
    /// "declare" is reported, "suggested" is May's).
    fn prev_speaker(&self) -> Option<Span> {
        self.prev_claim().and_then(|c| c.speaker)
    }

    /// The sentence's latest claim whose cue is not inside another claim's
    /// content (see [`CueAt::prev_speaker`]).
    fn prev_claim(&self) -> Option<&RawClaim> {
        let reported = |c: &RawClaim| {
            c.cue.as_ref().is_some_and(|(cs, _)| {
                self.earlier.iter().any(|o| {
                    o.pieces
                        .iter()
                        .any(|p| p.start <= cs.start && cs.end <= p.end)
                })
            })
        };
        self.earlier.iter().rev().find(|c| !reported(c))
    }

    /// The cues after this one in its sentence.
    fn next_cues<'x>(&self, s: &'x Sentence<'_>) -> &'x [CueHit] {
        s.cues.get(self.ci + 1..).unwrap_or(&[])
    }

    /// A claim of this cue, with no conduit.
    fn claim(
        &self,
        s: &Sentence,
        kind: ClaimKind,
        pieces: Vec<Span>,
        speaker: (Option<Span>, &'static str),
        content_rule: &'static str,
    ) -> RawClaim {
        RawClaim {
            kind,
            pieces,
            speaker: speaker.0,
            cue: Some((self.span, self.hit.cue.clone())),
            sentence: s.si,
            content_rule,
            speaker_rule: speaker.1,
            conduit: None,
        }
    }
}

/// What a speaker sieve found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Speaker {
    /// `None` only for `passive-context` (the source comes from context).
    span: Option<Span>,
    rule: &'static str,
    /// The token range of a speaker found in the sentence, when the later sieves
    /// need it (where an inverted speaker ends, where the subject starts).
    found: Option<speaker::Found>,
}

/// A cue with its speaker settled, as the content sieves see it.
struct Attributed<'c> {
    cue: &'c CueAt<'c>,
    speaker: Speaker,
    /// `it was confirmed that …`.
    passive_it: bool,
    /// Token index past the cue and an inverted speaker after it.
    after_all: usize,
}

/// What a per-cue sieve decided.
#[derive(Debug)]
enum Outcome {
    /// Not this sieve's case: the next one runs.
    Next,
    /// The cue gives no claim; no later sieve runs.
    Stop,
    /// The cue's claim; no later sieve runs.
    Claim(Box<RawClaim>),
}

impl Outcome {
    fn claim(c: RawClaim) -> Outcome {
        Outcome::Claim(Box::new(c))
    }

    /// `None` for [`Outcome::Next`], else the decision.
    fn decided(self) -> Option<Option<RawClaim>> {
        match self {
            Outcome::Next => None,
            Outcome::Stop => Some(None),
            Outcome::Claim(c) => Some(Some(*c)),
        }
    }
}

/// A sieve that takes the whole cue before any speaker search.
struct CueSieve {
    name: &'static str,
    run: fn(&Article, &Sentence, &CueAt) -> Outcome,
}

/// A sieve that finds a cue's speaker.
struct SpeakerSieve {
    name: &'static str,
    run: fn(&Article, &Sentence, &CueAt) -> Option<Speaker>,
}

/// A sieve that finds an attributed cue's content; it marks the quotations it takes.
struct ContentSieve {
    name: &'static str,
    run: fn(&Article, &Sentence, &Attributed, &mut [bool]) -> Outcome,
}

/// A sieve over a whole sentence after its cues, adding to the sentence's claims.
struct SentenceSieve {
    name: &'static str,
    run: fn(&Article, &Sentence, &mut Vec<RawClaim>),
}

/// A sieve over the whole article, adding to (or taking from) its claims; it marks
/// the quotations it takes.
struct ArticleSieve {
    name: &'static str,
    run: fn(&Article, &mut Vec<RawClaim>, &mut [bool]),
}

/// A filter over the article's claims: keeps some, and says why it drops the others
/// (a [`RejectedCue`] for a dropped claim with a cue, or nothing, leaving the cue to
/// the closing reason).
struct Filter {
    name: &'static str,
    run: fn(&Article, Vec<RawClaim>, &mut Vec<RejectedCue>) -> Vec<RawClaim>,
}

const CUE_SIEVES: &[CueSieve] = &[
    CueSieve {
        name: "citing-aside",
        run: sieves::citing_aside,
    },
    CueSieve {
        name: "according-to",
        run: sieves::according_to,
    },
];

const SPEAKER_SIEVES: &[SpeakerSieve] = &[
    SpeakerSieve {
        name: "document-maker",
        run: sieves::document_maker,
    },
    SpeakerSieve {
        name: "subject",
        run: sieves::subject,
    },
    SpeakerSieve {
        name: "participle-previous-cue",
        run: sieves::participle_previous_cue,
    },
    SpeakerSieve {
        name: "participle-clause-subject",
        run: sieves::participle_clause_subject,
    },
    SpeakerSieve {
        name: "inverted-speaker",
        run: sieves::inverted_speaker,
    },
    SpeakerSieve {
        name: "coordinated-previous-cue",
        run: sieves::coordinated_previous_cue,
    },
    SpeakerSieve {
        name: "coordinated-clause-subject",
        run: sieves::coordinated_clause_subject,
    },
    SpeakerSieve {
        name: "name-before-clause",
        run: sieves::name_before_clause,
    },
    SpeakerSieve {
        name: "passive-context",
        run: sieves::passive_context,
    },
];

const CONTENT_SIEVES: &[ContentSieve] = &[
    ContentSieve {
        name: "cue-quote",
        run: sieves::cue_quote,
    },
    ContentSieve {
        name: "show-noun",
        run: sieves::show_noun,
    },
    ContentSieve {
        name: "quote-then-cue",
        run: sieves::quote_then_cue,
    },
    ContentSieve {
        name: "preposed-content",
        run: sieves::preposed_content,
    },
    ContentSieve {
        name: "reported-clause",
        run: sieves::reported_clause,
    },
];

const SENTENCE_SIEVES: &[SentenceSieve] = &[
    SentenceSieve {
        name: "noun-cue",
        run: sentence::noun_cue,
    },
    SentenceSieve {
        name: "frame",
        run: sentence::frame,
    },
];

const ARTICLE_SIEVES: &[ArticleSieve] = &[
    ArticleSieve {
        name: "colon-headline",
        run: article::colon_headline,
    },
    ArticleSieve {
        name: "transcript",
        run: article::transcript,
    },
    ArticleSieve {
        name: "dash-attribution",
        run: article::dash_attribution,
    },
    ArticleSieve {
        name: "unattributed-quote",
        run: article::unattributed_quote,
    },
];

const FILTERS: &[Filter] = &[
    Filter {
        name: "relayed",
        run: filters::relayed,
    },
    Filter {
        name: "nested-in-quote",
        run: filters::nested_in_quote,
    },
    Filter {
        name: "proposition",
        run: filters::proposition,
    },
    Filter {
        name: "first-person",
        run: filters::first_person,
    },
    Filter {
        name: "empty-subject",
        run: filters::empty_subject,
    },
    Filter {
        name: "speaker-np",
        run: filters::speaker_np,
    },
    Filter {
        name: "nested-in-named",
        run: filters::nested_in_named,
    },
];

/// The extraction pipeline in order, as (stage, sieve or filter name) pairs: `cue`,
/// `speaker`, `content`, `sentence`, `article`, `filter`.
pub fn pipeline() -> Vec<(&'static str, &'static str)> {
    let mut out = Vec::new();
    out.extend(CUE_SIEVES.iter().map(|s| ("cue", s.name)));
    out.extend(SPEAKER_SIEVES.iter().map(|s| ("speaker", s.name)));
    out.extend(CONTENT_SIEVES.iter().map(|s| ("content", s.name)));
    out.extend(SENTENCE_SIEVES.iter().map(|s| ("sentence", s.name)));
    out.extend(ARTICLE_SIEVES.iter().map(|s| ("article", s.name)));
    out.extend(FILTERS.iter().map(|s| ("filter", s.name)));
    out
}

/// Runs the per-cue sieves on one cue: its claim, if any.
fn run_cue(art: &Article, s: &Sentence, cue: &CueAt, used_quote: &mut [bool]) -> Option<RawClaim> {
    if let Some(decided) = CUE_SIEVES
        .iter()
        .find_map(|sv| (sv.run)(art, s, cue).decided())
    {
        return decided;
    }
    let speaker = SPEAKER_SIEVES.iter().find_map(|sv| (sv.run)(art, s, cue))?;
    let at = sieves::attribute(art, s, cue, speaker);
    CONTENT_SIEVES
        .iter()
        .find_map(|sv| (sv.run)(art, s, &at, used_quote).decided())
        .flatten()
}

/// Runs all sieves on a body.
pub fn extract(body: &str, lex: &Lexicon) -> Extraction {
    let art = Article::new(body, lex);
    let mut raws: Vec<RawClaim> = Vec::new();
    let mut used_quote = vec![false; art.quotes.len()];
    let mut rejected: Vec<RejectedCue> = Vec::new();
    // Cues that passed the checks, to be told why if they give no claim.
    let mut hits: Vec<Span> = Vec::new();

    for si in 0..art.doc.seg.sentences.len() {
        let Some(s) = Sentence::new(&art, si, &mut rejected, &mut hits) else {
            continue;
        };
        let mut sentence_claims: Vec<RawClaim> = Vec::new();
        for ci in 0..s.cues.len() {
            let Some(cue) = CueAt::new(&s, ci, &sentence_claims) else {
                continue;
            };
            if let Some(c) = run_cue(&art, &s, &cue, &mut used_quote) {
                sentence_claims.push(c);
            }
        }
        for sieve in SENTENCE_SIEVES {
            (sieve.run)(&art, &s, &mut sentence_claims);
        }
        raws.extend(sentence_claims);
    }
    for sieve in ARTICLE_SIEVES {
        (sieve.run)(&art, &mut raws, &mut used_quote);
    }
    raws.sort_by_key(|r| r.span().start);
    for filter in FILTERS {
        raws = (filter.run)(&art, raws, &mut rejected);
    }
    let (claims, main_org, story) =
        crate::resolve::resolve_article(&art.doc, &raws, &art.boiler, lex);
    let claims = filters::drop_nested(claims);
    // Cues that passed the checks but gave no claim: no sieve found content and a
    // speaker, or the claim lay inside another speaker's claim.
    for h in hits {
        let used = claims
            .iter()
            .any(|c| c.cue_start == Some(h.start) && c.cue_end == Some(h.end));
        if !used && !rejected.iter().any(|r| r.cue == h) {
            rejected.push(RejectedCue {
                cue: h,
                reason: "no sieve found its content and speaker, or its claim lies inside another speaker's",
            });
        }
    }
    rejected.sort_by_key(|r| (r.cue.start, r.cue.end));
    rejected.dedup_by(|a, b| a.cue == b.cue);
    Extraction {
        main_org,
        story,
        claims,
        segmented: art.doc.seg,
        rejected,
        boilerplate: art.boiler,
    }
}

/// Polarity and modality default for claims before normalisation.
pub fn default_polarity() -> (Polarity, Modality, SourceType) {
    (Polarity::Positive, Modality::Asserted, SourceType::Other)
}

/// Shared helpers for the unit tests of the sieves: an article from a text of the
/// test's own, its sentences and cues, and the text of spans.
#[cfg(test)]
mod testkit {
    use super::*;
    use std::sync::OnceLock;

    pub(super) fn lex() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| Lexicon::builtin().expect("the built-in lexicon loads"))
    }

    pub(super) fn article(body: &'static str) -> Article<'static> {
        Article::new(body, lex())
    }

    pub(super) fn sentence<'s>(art: &'s Article<'_>, si: usize) -> Sentence<'s> {
        Sentence::new(art, si, &mut Vec::new(), &mut Vec::new()).expect("a sentence")
    }

    /// The cue of `s` whose first word is `word`.
    pub(super) fn cue<'c>(s: &'c Sentence<'_>, word: &str, earlier: &'c [RawClaim]) -> CueAt<'c> {
        let ci = s
            .cues
            .iter()
            .position(|c| s.toks[c.first].text.eq_ignore_ascii_case(word))
            .unwrap_or_else(|| panic!("no cue {word:?}"));
        CueAt::new(s, ci, earlier).expect("a cue")
    }

    /// The claims the per-cue sieves give for the cues of `s` before `word`'s.
    pub(super) fn earlier(art: &Article, s: &Sentence, word: &str) -> Vec<RawClaim> {
        let mut out = Vec::new();
        let mut used = vec![false; art.quotes.len()];
        for ci in 0..s.cues.len() {
            if s.toks[s.cues[ci].first].text.eq_ignore_ascii_case(word) {
                break;
            }
            let c = CueAt::new(s, ci, &out).expect("a cue");
            if let Some(r) = run_cue(art, s, &c, &mut used) {
                out.push(r);
            }
        }
        out
    }

    /// The speaker sieves and [`sieves::attribute`] on a cue.
    pub(super) fn attributed<'c>(
        art: &Article,
        s: &Sentence,
        cue: &'c CueAt<'c>,
    ) -> Attributed<'c> {
        let sp = SPEAKER_SIEVES
            .iter()
            .find_map(|sv| (sv.run)(art, s, cue))
            .expect("a speaker");
        sieves::attribute(art, s, cue, sp)
    }

    pub(super) fn text<'b>(art: &Article<'b>, sp: Span) -> &'b str {
        &art.body[sp.start..sp.end]
    }

    /// The text of a claim's pieces.
    pub(super) fn pieces<'b>(art: &Article<'b>, r: &RawClaim) -> Vec<&'b str> {
        r.pieces.iter().map(|p| text(art, *p)).collect()
    }

    pub(super) fn speaker_text<'b>(art: &Article<'b>, r: &RawClaim) -> Option<&'b str> {
        r.speaker.map(|s| text(art, s))
    }

    /// The claim an outcome holds.
    pub(super) fn claim(o: Outcome) -> RawClaim {
        match o {
            Outcome::Claim(c) => *c,
            other => panic!("expected a claim, got {other:?}"),
        }
    }

    /// The byte span of the first occurrence of `needle` in the body.
    pub(super) fn find(art: &Article, needle: &str) -> Span {
        let s = art.body.find(needle).expect("in the body");
        Span::new(s, s + needle.len())
    }

    /// A claim made by hand: content, speaker and cue found as text in the body.
    pub(super) fn raw(
        art: &Article,
        content: &str,
        speaker: Option<&str>,
        cue: Option<&str>,
        kind: ClaimKind,
    ) -> RawClaim {
        RawClaim {
            kind,
            pieces: vec![find(art, content)],
            speaker: speaker.map(|s| find(art, s)),
            cue: cue.map(|c| {
                let lemma = lex()
                    .cues
                    .get(c)
                    .and_then(|f| f.first())
                    .expect("a cue word");
                (find(art, c), lemma.clone())
            }),
            sentence: 0,
            content_rule: "test",
            speaker_rule: "test",
            conduit: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testkit::*;
    use super::*;

    #[test]
    fn the_pipeline_order_is_the_documented_one() {
        let names: Vec<&str> = pipeline().into_iter().map(|(_, n)| n).collect();
        assert_eq!(
            names,
            [
                "citing-aside",
                "according-to",
                "document-maker",
                "subject",
                "participle-previous-cue",
                "participle-clause-subject",
                "inverted-speaker",
                "coordinated-previous-cue",
                "coordinated-clause-subject",
                "name-before-clause",
                "passive-context",
                "cue-quote",
                "show-noun",
                "quote-then-cue",
                "preposed-content",
                "reported-clause",
                "noun-cue",
                "frame",
                "colon-headline",
                "transcript",
                "dash-attribution",
                "unattributed-quote",
                "relayed",
                "nested-in-quote",
                "proposition",
                "first-person",
                "empty-subject",
                "speaker-np",
                "nested-in-named",
            ]
        );
    }

    #[test]
    fn a_sentence_keeps_its_cues_and_drops_refusals() {
        let art = article(
            "The council did not say whether the levy would rise. The clerk said rents would rise.",
        );
        let (mut rejected, mut hits) = (Vec::new(), Vec::new());
        let s = Sentence::new(&art, 0, &mut rejected, &mut hits).expect("a sentence");
        assert!(s.cues.is_empty());
        assert_eq!(rejected.len(), 1);
        assert_eq!(rejected[0].reason, filters::REFUSAL);
        let s = Sentence::new(&art, 1, &mut rejected, &mut hits).expect("a sentence");
        assert_eq!(s.cues.len(), 1);
        assert_eq!(text(&art, hits[0]), "said");
        assert_eq!(s.n_end + 1, s.toks.len());
    }

    #[test]
    fn extract_runs_every_stage_on_a_short_story() {
        let lx = lex();
        let ex = extract(
            "The mayor said the bridge would reopen in May. \u{201c}Every bolt was checked twice.\u{201d}",
            lx,
        );
        let rules: Vec<&str> = ex.claims.iter().map(|c| c.content_rule).collect();
        assert_eq!(
            rules,
            ["reported-clause", "unattributed-quote"],
            "{:?}",
            ex.claims
        );
    }
}
