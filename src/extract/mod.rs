//! Extraction: body text -> attributed claims.
//!
//! Takes: an article body and the [`Lexicon`]. Gives: [`Claim`]s with byte
//! offsets into the body, the sieve that found each content and the one
//! that found each speaker, plus source resolution ([`crate::resolve`]) and
//! polarity/modality ([`crate::normalise`]). Extraction never fails on text:
//! odd input yields fewer claims, never an error or a panic.
//!
//! The sieves run in order, each a small named rule:
//! 1. `cue-quote`: a cue followed by a quotation (`X said: "…"`).
//! 2. `quote-then-cue`: a quotation followed by its attribution (`"…," X said`),
//!    joining a quote split by its attribution (`"…," she said, "…"`).
//! 3. `reported-clause`: `X said (that) …`, content to the end of the clause; a report
//!    inside a subordinate or relative clause
//!    (`When X said …, …`, `Y, who said …, …`) ends at that clause's first comma that
//!    is not a list comma.
//! 4. `preposed-content`: `…, X said.` / `…, said X.`
//! 5. `according-to`: `according to X, …` / `…, according to X`.
//! 6. `passive-it`: `it was confirmed that …` (source from context).
//! 7. `colon-headline`: `Pence: …` as the first line, when the story names the
//!    head again (not a slogan: `Stealth Over Health: …`).
//!    Then `transcript`: `Q: … / A: …` interviews (answers are the interviewee's,
//!    resolved by salience; questions give no claim, nor does what they report)
//!    and `PENCE: …` turns labelled in capitals with a name the story uses.
//! 8. `paragraph-speaker` / `conversation`: a quotation with no cue of its own
//!    takes the speaker of its paragraph or of the quote just before it.
//! 9. `noun-cue`: a possessive speaker before a noun cue (`Trump's claim that …`,
//!    `her promise to …`, `his support for …`; class `noun` in `cues.tsv`).
//! 10. `frame`: a sentence with no cue framed by a poll or a view (`In a CNN poll, …`,
//!     `… in a survey released Monday`).
//!
//! Then the `proposition` filter drops reported contents that assert nothing:
//! embedded questions and infinitives (`asked whether …`, `plans to …`) and, after a
//! request cue, directives (`told his advisers to …`); see `lexicon/content.txt`.
//! `said that A, but that B` gives two pieces that resolve splits into two claims.
//! Before the cue, a whole aside between commas is skipped (`X, the maker of Y,
//! said`, `X, speaking on condition of anonymity, said`); with content before the
//! subject, a remark or a long adjunct after the cue is not content
//! (`…, the registry said in a filing published on Monday`).
//!
//! Speakers: a participle after a comma (`…, saying …`) takes its clause's subject; an
//! inverted speaker must end like one (`…, said Roe.`, not `…, says she will run`); when
//! no noun phrase heads the cue, the verbless stretch from the clause start is the
//! subject (`Her aides and allies say`, `Among voters, about half, 51 percent, say`).
//!
//! Cues come from `cues.tsv`: verbs of saying with their particles (`called for`,
//! `warned against`, `spoke of`), beliefs and stances, and naming verbs (class
//! `name`: `called him “a liar”`, a cue only before an object and a quotation).
//! A quotation closing right before its attribution belongs to it whatever follows
//! (`"…," she said, clapping.`), and its second half may open the next sentence
//! (`"…," she said. "…"`). Reported clauses end at a semicolon or at a new clause
//! with its own speaker (`…, but he said …`). Finally the outer attribution wins:
//! a claim whose cue lies inside another speaker's content is part of that content.
//! Claims relayed by a conduit (`quoted unnamed sources who said`) keep the inner one.

pub mod quotes;
pub mod speaker;

use crate::annotate::tagger::Upos;
use crate::lexicon::{Cue, Lexicon};
use crate::model::{Claim, ClaimKind, Modality, Polarity, SourceType, Span};
use crate::segment::{self, trim_span, Segmented, Tok, TokKind};
use quotes::Quote;
use speaker::{lower, Found};

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

/// A cue occurrence in a sentence.
#[derive(Debug, Clone)]
struct CueHit {
    /// Token index of the first and one past the last cue token.
    first: usize,
    last: usize,
    cue: Cue,
    /// The subject found left of the cue, if any.
    subject: Option<Found>,
}

const VERB_BLOCKERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "these", "those", "this", "such", "new",
    "any", "no", "of", "my", "your",
];
/// Words that open a reported clause after a verb's object ("told her that", "asked him whether").
const COMPLEMENTISERS: &[&str] = &["that", "whether", "if", "how", "what", "why", "when", "who"];
const PASSIVE: &[&str] = &["was", "were", "been", "being", "is", "are", "be"];

fn find_cues(
    toks: &[Tok],
    tags: &[Upos],
    lex: &Lexicon,
    quotes: &[Quote],
    rejected: &mut Vec<RejectedCue>,
) -> Vec<CueHit> {
    let mut out: Vec<CueHit> = Vec::new();
    // Headlines in title case ("Obama Seeks More Refugees") capitalise their verbs too.
    let title_case = segment::is_title_case(toks, 3);
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if t.kind != TokKind::Word || quotes.iter().any(|q| t.start >= q.start && t.start < q.end) {
            i += 1;
            continue;
        }
        let w = lower(t);
        let Some(forms) = lex.cues.get(&w) else {
            i += 1;
            continue;
        };
        // Multiword forms: compare the following word tokens.
        let mut matched: Option<(usize, &Cue)> = None;
        for f in forms.iter().filter(|f| f.class != "noun") {
            let mut k = i;
            let mut ok = true;
            for fw in &f.words {
                if k < toks.len() && toks[k].kind == TokKind::Punct && f.words.len() > 1 && k > i {
                    ok = false;
                    break;
                }
                if k >= toks.len() || lower(&toks[k]) != *fw {
                    ok = false;
                    break;
                }
                k += 1;
            }
            if ok {
                matched = Some((k, f));
                break;
            }
        }
        let Some((end, cue)) = matched else {
            i += 1;
            continue;
        };
        // A capitalised cue word inside a sentence is part of a name ("the United States",
        // "The Washington Post"); a cue after a possessive is a noun ("Kim's state").
        let sentence_initial = i == 0 || toks[..i].iter().all(|t| t.kind == TokKind::Punct);
        let capitalised = speaker::is_cap(t) && !sentence_initial && !title_case;
        let after_possessive = i > 0
            && toks[i - 1].kind == TokKind::Word
            && (toks[i - 1].text.ends_with("'s") || toks[i - 1].text.ends_with("’s"));
        // The tagger reads the cue word as a noun after a determiner, an adjective or a
        // possessive ("his early-morning tweets", "her latest remarks"): no speech verb.
        let tagged_noun = cue.words.len() == 1
            && tags.get(i) == Some(&Upos::Noun)
            && i > 0
            && matches!(
                tags.get(i - 1),
                Some(Upos::Det | Upos::Adj | Upos::Pron | Upos::Num)
            );
        // A form made from the lemma, not listed in cues.tsv, needs the tagger's verb.
        // An unlisted -ing form only opening a participle clause (", arguing that"), not
        // in the progressive ("is recalling all phones") or as a preposition ("regarding").
        let progressive = i > 0 && toks[i - 1].text == ",";
        let unconfirmed = cue.derived
            && (tags.get(i) != Some(&Upos::Verb) || (w.ends_with("ing") && !progressive));
        let cue_span = Span::new(t.start, toks[end - 1].end);
        let why = if capitalised {
            Some("capitalised inside the sentence: part of a name")
        } else if after_possessive {
            Some("after a possessive: a noun")
        } else if tagged_noun {
            Some("tagged as a noun after a determiner, adjective or pronoun")
        } else if unconfirmed {
            Some("an unlisted form of a cue lemma that the tagger does not read as a verb here")
        } else {
            None
        };
        if let Some(reason) = why {
            rejected.push(RejectedCue {
                cue: cue_span,
                reason,
            });
            i = end;
            continue;
        }
        // Naming verbs ("called him “a liar”") report speech only before an object and a
        // quoted name; "a website called “Cape Breton”" names a thing.
        if cue.class == "name" && !names_quoted(toks, end, quotes) {
            rejected.push(RejectedCue {
                cue: cue_span,
                reason: "a naming verb without an object and a quoted name",
            });
            i = end;
            continue;
        }
        let prev = if i > 0 {
            Some(lower(&toks[i - 1]))
        } else {
            None
        };
        let prev_verbal = prev_skipping_adverbs(toks, i);
        let is_according = cue.words.first().is_some_and(|w| w == "according");
        // Nouns and adjectives: "the claims", "his denial", "a said company".
        let blocked = !is_according
            && prev.as_deref().is_some_and(|p| VERB_BLOCKERS.contains(&p))
            && !(cue.words.len() == 1 && w.ends_with("ed") && prev.as_deref() == Some("no"));
        // Passives other than "it was confirmed that": "was told", "were expected to".
        let next = toks.get(end).map(lower);
        let passive = !is_according
            && prev_verbal.as_deref().is_some_and(|p| PASSIVE.contains(&p))
            && next.as_deref() != Some("that")
            && next.as_deref() != Some("by");
        // "said" as a participle after a noun in a relative: "the statement said" is fine; "he is said to" is not.
        let said_to =
            next.as_deref() == Some("to") && prev.as_deref().is_some_and(|p| PASSIVE.contains(&p));
        if blocked || passive || said_to {
            rejected.push(RejectedCue {
                cue: cue_span,
                reason: if blocked {
                    "after a determiner or adjective: a noun"
                } else {
                    "a passive (\"was told\", \"is said to\")"
                },
            });
            i = end;
            continue;
        }
        out.push(CueHit {
            first: i,
            last: end,
            cue: cue.clone(),
            subject: None,
        });
        i = end;
    }
    out
}

const POSSESSIVE_PRONOUNS: &[&str] = &["his", "her", "their", "its"];

/// Sieve `noun-cue`: a possessive speaker before a noun cue and its clause ("Trump's claim
/// that …", "her promise to …", "his support for …"). Skips nouns inside quotations and
/// nouns whose clause another claim of the sentence already covers.
fn noun_cues(
    toks: &[Tok],
    n_end: usize,
    body: &str,
    lex: &Lexicon,
    quotes: &[Quote],
    si: usize,
    out: &mut Vec<RawClaim>,
) {
    for i in 1..n_end {
        let t = &toks[i];
        let p = &toks[i - 1];
        let possessive = p.kind == TokKind::Word
            && (p.text.ends_with("'s")
                || p.text.ends_with("’s")
                || POSSESSIVE_PRONOUNS
                    .iter()
                    .any(|w| p.text.eq_ignore_ascii_case(w)));
        if !possessive
            || t.kind != TokKind::Word
            || quotes.iter().any(|q| t.start >= q.start && t.start < q.end)
        {
            continue;
        }
        let Some(forms) = lex.cues.get(lower(t).as_str()) else {
            continue;
        };
        let Some(f) = forms.iter().find(|f| {
            f.class == "noun"
                && f.words.len() == 2
                && toks.get(i + 1).is_some_and(|n| lower(n) == f.words[1])
        }) else {
            continue;
        };
        // The possessor: "Donald Trump's", "her".
        let pl = lower(p);
        let sp_first = if POSSESSIVE_PRONOUNS.contains(&pl.as_str()) {
            i - 1
        } else if p.kind == TokKind::Word && (p.text.ends_with("'s") || p.text.ends_with("’s")) {
            let mut k = i - 1;
            while k > 0 && speaker::is_cap(&toks[k - 1]) && k + 4 > i {
                k -= 1;
            }
            if !speaker::is_cap(&toks[k]) {
                continue;
            }
            k
        } else {
            continue;
        };
        let prep = matches!(f.words[1].as_str(), "for" | "of");
        let (cue_end, cs) = if prep { (i + 2, i + 2) } else { (i + 1, i + 1) };
        let ce = clause_end(toks, cs + 1, &[], n_end);
        let Some(content) = span_of(toks, cs, ce).and_then(|c| tidy_content(body, c.start, c.end))
        else {
            continue;
        };
        if out.iter().any(|r| r.span().overlaps(&content)) {
            continue;
        }
        if body[content.start..content.end].split_whitespace().count() < 2 {
            continue;
        }
        let pieces = vec![content];
        out.push(RawClaim {
            kind: kind_for(body, quotes, &pieces),
            pieces,
            speaker: Some(Span::new(toks[sp_first].start, p.end)),
            cue: Some((Span::new(t.start, toks[cue_end - 1].end), f.clone())),
            sentence: si,
            content_rule: "noun-cue",
            speaker_rule: "possessive",
            conduit: None,
        });
    }
}

/// A naming verb's object followed by a quotation in the same clause: `called [it] “…”`.
fn names_quoted(toks: &[Tok], after: usize, quotes: &[Quote]) -> bool {
    let mut words = 0;
    for t in toks.iter().skip(after).take(10) {
        if quotes.iter().any(|q| q.open == t.start) {
            return words > 0;
        }
        match t.kind {
            TokKind::Word => words += 1,
            TokKind::Punct if matches!(t.text, "," | ";" | ":" | "." | "(") => return false,
            TokKind::Punct => {}
        }
    }
    false
}

/// The word before token `i`, skipping adverbs like "also" and "later".
fn prev_skipping_adverbs(toks: &[Tok], i: usize) -> Option<String> {
    let mut k = i;
    while k > 0 {
        k -= 1;
        let w = lower(&toks[k]);
        if !matches!(
            w.as_str(),
            "also"
                | "later"
                | "then"
                | "now"
                | "previously"
                | "initially"
                | "since"
                | "first"
                | "further"
                | "officially"
                | "publicly"
        ) {
            return Some(w);
        }
    }
    None
}

/// Is the cue negated as a refusal ("declined to comment", "did not say")?
fn is_nonclaim(
    body: &str,
    sent_start: usize,
    cue_start: usize,
    cue_end: usize,
    lex: &Lexicon,
) -> bool {
    let before = &body[sent_start..cue_start];
    let tail: String = before
        .chars()
        .rev()
        .take(40)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<String>()
        .to_lowercase()
        .replace('’', "'");
    let tail = tail.trim_end();
    let after: String = body[cue_end..]
        .chars()
        .take(30)
        .collect::<String>()
        .to_lowercase();
    lex.nonclaims.iter().any(|n| {
        let n = n.as_str();
        tail.ends_with(n) || tail.ends_with(&format!("{n} comment on")) || {
            // "did not respond", "declined to comment" around the cue
            let joined = format!("{tail} {}", &body[cue_start..cue_end].to_lowercase());
            joined.ends_with(n)
        }
    }) || (tail.ends_with("not")
        || tail.ends_with("n't")
        || tail.ends_with("refused to")
        || tail.ends_with("declined to"))
        && (after.trim_start().starts_with("whether")
            || after.trim_start().starts_with("how")
            || after.trim_start().starts_with("what")
            || after.trim_start().starts_with("when")
            || after.trim_start().starts_with("why")
            || after.trim_start().starts_with("if"))
}

fn quote_starting_at(quotes: &[Quote], pos: usize, limit: usize) -> Option<usize> {
    quotes.iter().position(|q| q.open >= pos && q.open <= limit)
}

/// Skips adjuncts and objects after a cue up to the complement: "on Monday", "to reporters (that)",
/// "told the newspaper (that)", ":" — returns the token index where the content (with its "that") starts.
fn content_start(toks: &[Tok], mut i: usize, cue: &Cue) -> usize {
    let n = toks.len();
    // Adjuncts right after the cue: "on Monday", "in a statement", "in an interview".
    loop {
        let before = i;
        if i < n && matches!(toks[i].text, "," | ":" | "—" | "–") {
            i += 1;
        }
        if i + 1 < n
            && matches!(
                lower(&toks[i]).as_str(),
                "on" | "in" | "at" | "during" | "late" | "early" | "last" | "this"
            )
        {
            let mut k = i + 1;
            while k < n && k < i + 5 && toks[k].kind == TokKind::Word && lower(&toks[k]) != "that" {
                let w = lower(&toks[k]);
                k += 1;
                if w.ends_with("day")
                    || matches!(
                        w.as_str(),
                        "statement"
                            | "interview"
                            | "release"
                            | "conference"
                            | "briefing"
                            | "email"
                            | "letter"
                            | "filing"
                            | "week"
                            | "month"
                            | "year"
                            | "morning"
                            | "evening"
                            | "night"
                            | "afternoon"
                    )
                {
                    i = k;
                    break;
                }
            }
        }
        if i < n
            && matches!(
                lower(&toks[i]).as_str(),
                "monday"
                    | "tuesday"
                    | "wednesday"
                    | "thursday"
                    | "friday"
                    | "saturday"
                    | "sunday"
                    | "yesterday"
                    | "today"
                    | "tonight"
            )
        {
            i += 1;
        }
        if i == before {
            break;
        }
    }
    // Objects of tell-type verbs: "told reporters", "told the Asahi Shimbun".
    if matches!(
        cue.lemma.as_str(),
        "tell" | "warn" | "assure" | "remind" | "ask" | "inform" | "urge" | "advise"
    ) {
        let mut k = i;
        while k < n
            && k < i + 6
            && toks[k].kind == TokKind::Word
            && !COMPLEMENTISERS.contains(&lower(&toks[k]).as_str())
        {
            k += 1;
        }
        if k < n && k > i && COMPLEMENTISERS.contains(&lower(&toks[k]).as_str()) {
            i = k;
        } else if i < n
            && matches!(
                lower(&toks[i]).as_str(),
                "reporters"
                    | "journalists"
                    | "lawmakers"
                    | "investors"
                    | "analysts"
                    | "me"
                    | "us"
                    | "him"
                    | "her"
                    | "them"
            )
        {
            i += 1;
        }
    }
    // A longer adjunct before "that": "said on Jan. 5 that", "said in an interview with
    // CNN on Sunday that", "told reporters at the White House that".
    if i < n
        && matches!(
            lower(&toks[i]).as_str(),
            "on" | "in"
                | "at"
                | "during"
                | "to"
                | "while"
                | "after"
                | "last"
                | "this"
                | "earlier"
                | "late"
                | "early"
                | "from"
                | "via"
                | "through"
                | "over"
                | "before"
                | "when"
                | "with"
        )
    {
        let mut k = i + 1;
        while k < n && k < i + 14 {
            let t = &toks[k];
            let w = lower(t);
            if w == "that" {
                if toks[k - 1].kind == TokKind::Word || matches!(toks[k - 1].text, "," | "”" | "\"")
                {
                    i = k;
                }
                break;
            }
            if t.kind == TokKind::Punct && matches!(t.text, ";" | ":" | "(" | ")" | "—" | "–") {
                break;
            }
            if speaker::PRONOUNS.contains(&w.as_str()) && w != "who"
                || matches!(
                    w.as_str(),
                    "is" | "was"
                        | "were"
                        | "are"
                        | "has"
                        | "have"
                        | "had"
                        | "will"
                        | "would"
                        | "can"
                        | "could"
                        | "should"
                        | "may"
                        | "might"
                        | "must"
                        | "did"
                        | "does"
                        | "do"
                        | "which"
                        | "whether"
                        | "if"
                )
            {
                break;
            }
            k += 1;
        }
    }
    // The complementiser opens the content ("said that …" gives "that …"): the
    // reported clause is the whole complement, as PolNeAR annotates it.
    if i < n && matches!(toks[i].text, "," | ":") {
        i += 1;
    }
    i
}

/// Tokens where a reported clause ends: a following coordinated cue, a trailing attribution.
fn clause_end(toks: &[Tok], from: usize, next_cues: &[CueHit], sent_end_tok: usize) -> usize {
    // A semicolon joins two independent clauses: the report ends at the first one.
    let mut end = (from..sent_end_tok)
        .find(|&k| toks[k].text == ";")
        .unwrap_or(sent_end_tok);
    // ", but …" / ", while …" opens the writer's own contrast, not more of the report.
    if let Some(k) = (from + 3..end).find(|&k| {
        toks[k].text == ","
            && toks.get(k + 1).is_some_and(|t| {
                matches!(
                    lower(t).as_str(),
                    "but" | "while" | "although" | "though" | "even"
                )
            })
    }) {
        end = k;
    }
    for nc in next_cues.iter().filter(|c| c.first >= from) {
        // "... but claimed that ...", "..., adding that ...", "... and said ..."
        let mut k = nc.first;
        while k > from
            && toks[k - 1].kind == TokKind::Word
            && matches!(
                lower(&toks[k - 1]).as_str(),
                "also" | "then" | "later" | "has" | "had" | "have"
            )
        {
            k -= 1;
        }
        if k > from
            && matches!(
                lower(&toks[k - 1]).as_str(),
                "but" | "and" | "while" | "yet"
            )
        {
            end = end.min(k - 1);
        } else if let Some(f) = nc.subject.filter(|f| f.first > from + 1) {
            // "... , and he urged ...", "...; she added ...": a new clause with its own speaker.
            let before = &toks[f.first - 1];
            let w = lower(before);
            let comma_and = w == "and" && f.first >= 2 && toks[f.first - 2].text == ",";
            if matches!(w.as_str(), "but" | "while" | "yet" | "although" | "though")
                || comma_and
                || matches!(before.text, ";" | "—" | "–")
            {
                let mut e = f.first - 1;
                if e > from && toks[e - 1].text == "," {
                    e -= 1;
                }
                end = end.min(e);
            }
        } else if k > from
            && toks[k - 1].text == ","
            && (toks[nc.first].text.ends_with("ing")
                || matches!(lower(&toks[nc.first]).as_str(), "according"))
        {
            end = end.min(k - 1);
        }
    }
    end
}

fn span_of(toks: &[Tok], a: usize, b: usize) -> Option<Span> {
    (a < b && b <= toks.len()).then(|| Span::new(toks[a].start, toks[b - 1].end))
}

/// Trims trailing sentence punctuation and commas from a content span.
fn tidy_content(body: &str, s: usize, e: usize) -> Option<Span> {
    let (s, mut e) = trim_span(body, s, e);
    while e > s {
        let c = body[s..e].chars().next_back()?;
        if matches!(c, ',' | ';' | ':' | '—' | '–' | '-') || c.is_whitespace() {
            e -= c.len_utf8();
        } else {
            break;
        }
    }
    let (s, e) = trim_span(body, s, e);
    (e > s && body[s..e].chars().any(char::is_alphanumeric)).then_some(Span::new(s, e))
}

/// Content covering whole quotes when a span cuts through one.
fn quotes_in(quotes: &[Quote], sp: Span) -> Vec<usize> {
    quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| q.start < sp.end && q.end > sp.start)
        .map(|(i, _)| i)
        .collect()
}

fn kind_for(body: &str, quotes: &[Quote], pieces: &[Span]) -> ClaimKind {
    let total: usize = pieces
        .iter()
        .map(|p| body[p.start..p.end].split_whitespace().count())
        .sum();
    let mut quoted = 0;
    for p in pieces {
        for q in quotes {
            let s = q.start.max(p.start);
            let e = q.end.min(p.end);
            if s < e {
                quoted += body[s..e].split_whitespace().count();
            }
        }
    }
    if quoted == 0 {
        ClaimKind::Indirect
    } else if quoted * 10 >= total * 9 {
        ClaimKind::Direct
    } else {
        ClaimKind::Mixed
    }
}

/// Runs all sieves on a body.
pub fn extract(body: &str, lex: &Lexicon) -> Extraction {
    let doc = crate::annotate::Doc::build(body, segment::segment(body, lex));
    let seg = &doc.seg;
    let boiler = crate::clean::boilerplate(body, seg, lex);
    let quotes = quotes::find(body, seg);
    let in_boiler = |pos: usize| boiler.iter().any(|b| b.contains(pos));
    let mut raws: Vec<RawClaim> = Vec::new();
    let mut used_quote = vec![false; quotes.len()];
    let mut rejected: Vec<RejectedCue> = Vec::new();
    let mut hits: Vec<Span> = Vec::new();

    for (si, sent) in seg.sentences.iter().enumerate() {
        if in_boiler(sent.start) {
            continue;
        }
        let toks: &[Tok] = doc.toks.get(si).map_or(&[], Vec::as_slice);
        let mut n_end = toks.len();
        while n_end > 0 && matches!(toks[n_end - 1].text, "." | "!" | "?") {
            n_end -= 1;
        }
        let tags: &[Upos] = doc.tags.get(si).map_or(&[], Vec::as_slice);
        let cues: Vec<CueHit> = find_cues(toks, tags, lex, &quotes, &mut rejected)
            .into_iter()
            .filter(|c| {
                let span = Span::new(toks[c.first].start, toks[c.last - 1].end);
                let refused = is_nonclaim(body, sent.start, span.start, span.end, lex);
                if refused {
                    rejected.push(RejectedCue {
                        cue: span,
                        reason: "a refusal or non-answer (lexicon/nonclaims.txt)",
                    });
                } else {
                    hits.push(span);
                }
                !refused
            })
            .map(|mut c| {
                c.subject = speaker::left(toks, c.first, lex);
                c
            })
            .collect();
        let mut sentence_claims: Vec<RawClaim> = Vec::new();
        for (ci, hit) in cues.iter().enumerate() {
            let cue_span = Span::new(toks[hit.first].start, toks[hit.last - 1].end);
            let is_according = hit.cue.words.first().is_some_and(|w| w == "according");
            let next_cue = &cues[(ci + 1).min(cues.len())..];
            let prev_speaker = sentence_claims.last().and_then(|c| c.speaker);
            let to_span = |f: Found| Span::new(toks[f.first].start, toks[f.last - 1].end);

            // "X, citing unnamed sources, reported …": the citing aside names a conduit's
            // sources, the clause's own cue carries the claim.
            if matches!(hit.cue.lemma.as_str(), "cite" | "quote")
                && hit.first > 0
                && toks[hit.first - 1].text == ","
            {
                let aside_end = (hit.last..n_end.min(hit.last + 10)).find(|&k| toks[k].text == ",");
                if aside_end
                    .is_some_and(|k| cues.iter().any(|c| c.first == k + 1 || c.first == k + 2))
                {
                    continue;
                }
            }
            // --- according to X
            if is_according {
                let Some(f) = speaker::right_any(toks, hit.last, lex) else {
                    continue;
                };
                let sp = to_span(f);
                let (content, rule) = if hit.first <= 2 {
                    // "According to X, content."
                    let cs = (f.last..n_end)
                        .find(|&k| toks[k].text == ",")
                        .map(|k| k + 1)
                        .unwrap_or(f.last);
                    (span_of(toks, cs, n_end), "according-to")
                } else {
                    let mut e = hit.first;
                    if e > 0 && toks[e - 1].text == "," {
                        e -= 1;
                    }
                    (span_of(toks, 0, e), "according-to")
                };
                // A parenthetical "…, according to X, …" sits inside its content: the
                // clause goes on after it.
                let mut second: Option<Span> = None;
                if hit.first > 2
                    && toks[hit.first - 1].text == ","
                    && f.last < n_end
                    && toks[f.last].text == ","
                    && toks[f.last + 1..n_end]
                        .iter()
                        .filter(|t| t.kind == TokKind::Word)
                        .count()
                        >= 3
                    && !toks[f.last + 1..n_end]
                        .iter()
                        .any(|t| matches!(lower(t).as_str(), "said" | "says" | "told"))
                {
                    second = span_of(toks, f.last + 1, n_end)
                        .and_then(|c| tidy_content(body, c.start, c.end));
                }
                if let Some(c) = content.and_then(|c| tidy_content(body, c.start, c.end)) {
                    let mut pieces = vec![c];
                    pieces.extend(second);
                    sentence_claims.push(RawClaim {
                        kind: kind_for(body, &quotes, &pieces),
                        pieces,
                        speaker: Some(sp),
                        cue: Some((cue_span, hit.cue.clone())),
                        sentence: si,
                        content_rule: rule,
                        speaker_rule: f.rule,
                        conduit: None,
                    });
                }
                continue;
            }

            // --- the speaker
            let mut sp_found = hit.subject;
            // A participle after a comma ("…, saying that …") belongs to the clause before it:
            // its speaker is that clause's, not the object next to the comma.
            let participle = toks[hit.first].text.ends_with("ing")
                && hit.first > 0
                && toks[hit.first - 1].text == ",";
            if participle {
                sp_found = None;
            }
            let mut speaker_span = sp_found.map(to_span);
            let mut speaker_rule = sp_found.map(|f| f.rule).unwrap_or("");
            if participle {
                if let Some(p) = prev_speaker {
                    speaker_span = Some(p);
                    speaker_rule = "participle-previous-cue";
                } else if let Some(f) = speaker::clause_subject(toks, hit.first, lex) {
                    sp_found = Some(f);
                    speaker_span = Some(to_span(f));
                    speaker_rule = "participle-clause-subject";
                }
            }
            // Inverted: "…," said Jane Roe. Not a participle ("…, telling CNN") nor a
            // following clause ("…, says she will run").
            let inverted = speaker_span.is_none()
                && !participle
                && hit.cue.lemma != "tell"
                && hit.first > 0
                && matches!(
                    toks[hit.first - 1].text,
                    "," | "”" | "\"" | "’" | "'" | "»" | "」"
                );
            if inverted {
                if let Some(f) = speaker::right(toks, hit.last, lex)
                    .filter(|f| inverted_speaker_ends(toks, f.last, n_end))
                {
                    sp_found = Some(f);
                    speaker_span = Some(to_span(f));
                    speaker_rule = "inverted-speaker";
                }
            }
            if speaker_span.is_none()
                && hit.first > 0
                && matches!(lower(&toks[hit.first - 1]).as_str(), "and" | "but")
            {
                if let Some(p) = prev_speaker {
                    speaker_span = Some(p);
                    speaker_rule = "coordinated-previous-cue";
                } else if let Some(f) = speaker::clause_subject(toks, hit.first, lex) {
                    speaker_span = Some(to_span(f));
                    speaker_rule = "coordinated-clause-subject";
                }
            }
            if speaker_span.is_none() && hit.first > 0 && toks[hit.first - 1].text == "," {
                if let Some(f) = speaker::left_over_clause(toks, hit.first) {
                    speaker_span = Some(to_span(f));
                    speaker_rule = f.rule;
                }
            }
            // Participial cue after a comma ("…, adding that …") keeps the clause's speaker.
            if speaker_span.is_none()
                && toks[hit.first].text.ends_with("ing")
                && hit.first > 0
                && toks[hit.first - 1].text == ","
            {
                if let Some(p) = prev_speaker {
                    speaker_span = Some(p);
                    speaker_rule = "participle-previous-cue";
                }
            }
            // A cue in a temporal or conditional clause ("When the firm announced the recall,
            // …") still reports; its content ends at the clause's comma (`subordinate_end`).
            // Passive "it was confirmed that".
            let passive_it = hit.first >= 2
                && prev_skipping_adverbs(toks, hit.first)
                    .is_some_and(|p| PASSIVE.contains(&p.as_str()))
                && toks[..hit.first]
                    .iter()
                    .rev()
                    .take(4)
                    .any(|t| lower(t) == "it");
            if speaker_span.is_none() && !passive_it {
                continue;
            }
            if passive_it
                && speaker_span.is_some_and(|s| body[s.start..s.end].eq_ignore_ascii_case("it"))
            {
                speaker_span = None;
            }
            let speaker_rule = if passive_it && speaker_span.is_none() {
                "passive-context"
            } else {
                speaker_rule
            };
            let sp_end_tok = sp_found.map(|f| f.last).unwrap_or(hit.last);
            let after_all = if speaker_rule == "inverted-speaker" {
                sp_end_tok.max(hit.last)
            } else {
                hit.last
            };

            // --- 1. cue followed by a quotation
            let cs = content_start(toks, after_all, &hit.cue);
            let cs_pos = toks.get(cs).map(|t| t.start).unwrap_or(sent.end);
            if let Some(qi) = quote_starting_at(
                &quotes,
                cs_pos.saturating_sub(4).max(toks[hit.last - 1].end),
                cs_pos + 1,
            ) {
                if speaker_rule != "inverted-speaker" {
                    let q = quotes[qi];
                    let mut pieces = vec![Span::new(q.start, q.end)];
                    // Reported content continuing after the quote belongs to it ("said “X” and Y").
                    let qe_tok = toks
                        .iter()
                        .position(|t| t.start >= q.close)
                        .unwrap_or(toks.len());
                    let ce = clause_end(toks, qe_tok, next_cue, n_end);
                    if q.last_para == q.first_para
                        && qe_tok < ce
                        && toks[qe_tok].kind == TokKind::Word
                        && !matches!(
                            lower(&toks[qe_tok]).as_str(),
                            "at" | "on"
                                | "in"
                                | "during"
                                | "after"
                                | "before"
                                | "for"
                                | "with"
                                | "to"
                                | "from"
                                | "by"
                                | "last"
                                | "this"
                                | "earlier"
                        )
                    {
                        if let Some(rest) = span_of(toks, qe_tok, ce) {
                            pieces = vec![Span::new(q.start, rest.end)];
                        }
                    }
                    used_quote[qi] = true;
                    let kind = if pieces[0].end == q.end {
                        ClaimKind::Direct
                    } else {
                        kind_for(body, &quotes, &pieces)
                    };
                    sentence_claims.push(RawClaim {
                        kind,
                        pieces,
                        speaker: speaker_span,
                        cue: Some((cue_span, hit.cue.clone())),
                        sentence: si,
                        content_rule: "cue-quote",
                        speaker_rule,
                        conduit: None,
                    });
                    continue;
                }
            }

            // --- 2/4. cue at the end of its clause: the content precedes it
            // The attribution may be followed by a participial one of its own
            // ("…, Spicer said, adding that …"): the rest ends before it.
            let rest_end = next_cue
                .iter()
                .find(|c| {
                    c.first > after_all
                        && toks[c.first - 1].text == ","
                        && toks[c.first].text.ends_with("ing")
                })
                .map_or(n_end, |c| c.first - 1);
            let rest = &toks[after_all.min(rest_end)..rest_end];
            let rest_empty = after_all >= rest_end
                || rest.iter().all(|t| t.kind == TokKind::Punct)
                || (toks[after_all].text == ","
                    && quote_starting_at(&quotes, toks[after_all].end, toks[after_all].end + 3)
                        .is_some())
                || trailing_adjunct(rest)
                || trailing_appositive(rest, speaker_rule, lex)
                || (hit.cue.lemma == "tell" && tell_object_only(rest, lex));
            // "Polls show …" reports what follows; a sentence ending in "shows" is a noun.
            if rest_empty && hit.cue.lemma == "show" {
                continue;
            }
            let subject_first = speaker_span
                .map(|s| s.start)
                .unwrap_or(cue_span.start)
                .min(cue_span.start);
            let before_tok = toks
                .iter()
                .position(|t| t.start >= subject_first)
                .unwrap_or(0);
            let mut k = before_tok;
            while k > 0 && matches!(toks[k - 1].text, "," | "—" | "–" | "-") {
                k -= 1;
            }
            let lead_end = if k > 0 { toks[k - 1].end } else { sent.start };
            // "Content, the fire brigade said on Sunday, far more than first feared." /
            // "Content, the registry said in a filing published on Monday.": with content
            // before the subject, a longer adjunct or an appended remark after the cue is
            // no reported clause.
            let preposed = k > 0 && k < before_tok;
            let rest_empty = rest_empty || (preposed && trailing_remark(rest));
            let q_before = quotes.iter().position(|q| {
                q.close >= lead_end && q.close <= lead_end + 1
                    || (q.end <= lead_end
                        && q.close >= lead_end.saturating_sub(1)
                        && q.close <= subject_first)
            });
            // A quotation closing right before "she said" is what she said, whatever follows
            // the attribution ("…,” she said, clapping.).
            let quote_led = q_before.is_some_and(|qi| {
                let q = quotes[qi];
                q.closed
                    && q.open >= sent.start
                    && !used_quote[qi]
                    && toks.get(after_all).is_none_or(|t| lower(t) != "that")
            });
            if (rest_empty || quote_led) && speaker_rule != "passive-context" {
                if let Some(qi) = q_before {
                    let q = quotes[qi];
                    let mut pieces = vec![Span::new(q.start, q.end)];
                    used_quote[qi] = true;
                    // Split quote: "…," she said, "…"
                    let mut joined = false;
                    if after_all < toks.len() && toks[after_all].text == "," {
                        if let Some(qj) =
                            quote_starting_at(&quotes, toks[after_all].end, toks[after_all].end + 3)
                        {
                            pieces.push(Span::new(quotes[qj].start, quotes[qj].end));
                            used_quote[qj] = true;
                            joined = true;
                        } else {
                            // Past the speaker's appositive: "…," said X, the club's treasurer, "…"
                            for t in toks.iter().skip(after_all + 1).take(14) {
                                if matches!(t.text, "." | "!" | "?" | ";" | "“" | "”" | "\"") {
                                    break;
                                }
                                if t.text == "," {
                                    if let Some(qj) = quote_starting_at(&quotes, t.end, t.end + 3)
                                        .filter(|&qj| !used_quote[qj])
                                    {
                                        pieces.push(Span::new(quotes[qj].start, quotes[qj].end));
                                        used_quote[qj] = true;
                                        joined = true;
                                    }
                                    break;
                                }
                            }
                        }
                    }
                    // … or continued in the next sentence: "…,” she said. “…”
                    if !joined {
                        if let Some(qj) = continued_quote(body, seg, si, &quotes, &used_quote, lex)
                        {
                            pieces.push(Span::new(quotes[qj].start, quotes[qj].end));
                            used_quote[qj] = true;
                        }
                    }
                    sentence_claims.push(RawClaim {
                        kind: ClaimKind::Direct,
                        pieces,
                        speaker: speaker_span,
                        cue: Some((cue_span, hit.cue.clone())),
                        sentence: si,
                        content_rule: "quote-then-cue",
                        speaker_rule,
                        conduit: None,
                    });
                    continue;
                }
            }
            if rest_empty && speaker_rule != "passive-context" {
                // Preposed reported content: "Content, X said." Not for a cue inside the
                // content of another claim ("X says he believes in it").
                let inside = sentence_claims
                    .iter()
                    .any(|c| c.span().contains(cue_span.start));
                // "… with Trump's incendiary remarks.": a plural noun ending the sentence,
                // unless a name or pronoun heads it ("…, Smith notes.").
                let cue_word = lower(&toks[hit.first]);
                let noun_like = hit.last == hit.first + 1
                    && cue_word.ends_with('s')
                    && cue_word != "says"
                    && sp_found.is_some_and(|f| {
                        let t = &toks[f.last - 1];
                        !speaker::is_cap(t) && !speaker::PRONOUNS.contains(&lower(t).as_str())
                    });
                let inside = inside || noun_like;
                if k > 0 && !inside {
                    let start_pos = sentence_claims
                        .last()
                        .map(|c| c.span().end)
                        .filter(|&e| e < lead_end)
                        .unwrap_or(sent.start);
                    if let Some(c) = tidy_content(body, start_pos, lead_end) {
                        let c = strip_leading_quote_mark(body, strip_dateline(body, c));
                        let pieces = vec![c];
                        sentence_claims.push(RawClaim {
                            kind: kind_for(body, &quotes, &pieces),
                            pieces,
                            speaker: speaker_span,
                            cue: Some((cue_span, hit.cue.clone())),
                            sentence: si,
                            content_rule: "preposed-content",
                            speaker_rule,
                            conduit: None,
                        });
                    }
                }
                continue;
            }

            // --- 3. reported clause after the cue
            let ce = clause_end(toks, cs, next_cue, n_end);
            let ce = trim_trailing_attribution(toks, cs, ce, lex);
            let sp_first = sp_found.map(|f| f.first).unwrap_or(hit.first);
            let ce = subordinate_end(toks, cs, ce, sp_first, hit.first);
            let Some(content) =
                span_of(toks, cs, ce).and_then(|c| tidy_content(body, c.start, c.end))
            else {
                continue;
            };
            // Extend to the end of a quote the content cuts into.
            let mut content = content;
            for qi in quotes_in(&quotes, content) {
                let q = quotes[qi];
                if q.end > content.end && q.last_para == q.first_para {
                    content.end = q.end;
                }
                used_quote[qi] = true;
            }
            if body[content.start..content.end].split_whitespace().count() < 2
                && !body[content.start..content.end]
                    .chars()
                    .any(|c| c.is_ascii_digit())
            {
                continue;
            }
            let mut pieces = vec![content];
            // "said that A, but that B": a second proposition of the same report.
            let mut j = ce;
            if toks.get(j).is_some_and(|t| t.text == ",") {
                j += 1;
            }
            if toks
                .get(j)
                .is_some_and(|t| matches!(lower(t).as_str(), "but" | "and"))
            {
                j += 1;
                if toks.get(j).is_some_and(|t| lower(t) == "also") {
                    j += 1;
                }
                if toks.get(j).is_some_and(|t| lower(t) == "that") {
                    let ce2 = clause_end(toks, j + 1, next_cue, n_end);
                    if let Some(c2) =
                        span_of(toks, j, ce2).and_then(|c| tidy_content(body, c.start, c.end))
                    {
                        pieces.push(c2);
                    }
                }
            }
            let conduit = speaker_span.and_then(|s| conduit_before(toks, body, s, lex));
            sentence_claims.push(RawClaim {
                kind: kind_for(body, &quotes, &pieces),
                pieces,
                speaker: speaker_span,
                cue: Some((cue_span, hit.cue.clone())),
                sentence: si,
                content_rule: if passive_it {
                    "passive-it"
                } else {
                    "reported-clause"
                },
                speaker_rule,
                conduit,
            });
        }
        noun_cues(toks, n_end, body, lex, &quotes, si, &mut sentence_claims);
        if sentence_claims.is_empty() {
            if let Some(c) = survey_frame(toks, n_end, body, &quotes, si) {
                sentence_claims.push(c);
            }
        }
        raws.extend(sentence_claims);
    }

    // --- 7. colon headline: "Pence: Flowers won't be at the debate"
    if let Some(first) = seg.sentences.first() {
        let line = &body[first.start..first.end];
        if !line.contains('\n') && raws.iter().all(|r| r.sentence != 0) {
            if let Some(ci) = line.find(": ") {
                let head = &line[..ci];
                let words: Vec<&str> = head.split_whitespace().collect();
                // The head names a speaker the story itself names ("Pence: …" over a
                // story quoting Pence), not a slogan ("Stealth Over Health: …").
                let rest = body.get(first.end..).unwrap_or("");
                if (1..=4).contains(&words.len())
                    && words
                        .iter()
                        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
                    && named_again(&words, rest)
                {
                    if let Some(c) = tidy_content(body, first.start + ci + 2, first.end) {
                        raws.push(RawClaim {
                            kind: kind_for(body, &quotes, &[c]),
                            pieces: vec![c],
                            speaker: Some(Span::new(first.start, first.start + ci)),
                            cue: Some((
                                Span::new(first.start + ci, first.start + ci + 1),
                                Cue {
                                    class: "assert".into(),
                                    lemma: ":".into(),
                                    words: vec![":".into()],
                                    derived: false,
                                },
                            )),
                            sentence: 0,
                            content_rule: "colon-headline",
                            speaker_rule: "colon-headline",
                            conduit: None,
                        });
                    }
                }
            }
        }
    }

    // --- 7, continued. transcripts: "Q: … / A: …" interviews and "PENCE: …" turns
    let (turns, questions) = transcript_turns(body, seg, &boiler, lex);
    if !turns.is_empty() || !questions.is_empty() {
        // What is said inside a turn is the turn's speaker's (an answer) or no claim
        // (a question: "In February you said ...?").
        raws.retain(|r| {
            let sp = r.span();
            !turns
                .iter()
                .map(RawClaim::span)
                .chain(questions.iter().copied())
                .any(|t| t.start <= sp.start && sp.end <= t.end)
        });
        for t in &turns {
            for (qi, q) in quotes.iter().enumerate() {
                if t.span().start <= q.start && q.end <= t.span().end {
                    used_quote[qi] = true;
                }
            }
        }
        raws.extend(turns);
    }

    // --- 8. quotations with no cue of their own
    raws.sort_by_key(|r| r.span().start);
    for (qi, q) in quotes.iter().enumerate() {
        if used_quote[qi] || in_boiler(q.start) || q.words(body) < 4 {
            continue;
        }
        if raws
            .iter()
            .any(|r| r.span().overlaps(&Span::new(q.start, q.end)))
        {
            continue;
        }
        let para = q.first_para;
        let p = &seg.paragraphs[para];
        let whole_para = q.open == p.start;
        // Nearest attributed claim in the same paragraph, else the previous paragraph's last one
        // when this quotation opens its paragraph.
        let same_para: Option<&RawClaim> = raws
            .iter()
            .filter(|r| r.speaker.is_some() && r.span().start >= p.start && r.span().end <= p.end)
            .min_by_key(|r| (r.span().start as i64 - q.start as i64).abs());
        let (src, rule) = if let Some(r) = same_para {
            (Some(r), "paragraph-speaker")
        } else if whole_para && para > 0 {
            let prev = &seg.paragraphs[para - 1];
            (
                raws.iter()
                    .filter(|r| {
                        r.speaker.is_some()
                            && r.span().start >= prev.start
                            && r.span().end <= prev.end
                    })
                    .max_by_key(|r| r.span().end),
                "conversation",
            )
        } else {
            (None, "")
        };
        if let Some(r) = src {
            let sidx = seg.sentence_at(q.start).unwrap_or(0);
            let new = RawClaim {
                kind: ClaimKind::Direct,
                pieces: vec![Span::new(q.start, q.end)],
                speaker: r.speaker,
                cue: None,
                sentence: sidx,
                content_rule: "unattributed-quote",
                speaker_rule: rule,
                conduit: r.conduit,
            };
            raws.push(new);
        }
    }
    raws.sort_by_key(|r| r.span().start);
    // A claim never spans two speakers: drop claims nested in an earlier claim of another speaker.
    // "The article quoted unnamed sources who said ...": a claim whose content opens with
    // another claim's speaker only relays that claim; the relayed claim keeps the conduit.
    let relayed: Vec<usize> = raws
        .iter()
        .filter(|r| r.conduit.is_some())
        .filter_map(|r| r.speaker.map(|s| s.start))
        .collect();
    let raws: Vec<RawClaim> = raws
        .into_iter()
        .filter(|r| !relayed.contains(&r.span().start))
        .collect();
    let mut kept: Vec<RawClaim> = Vec::new();
    for r in raws {
        let rs = r.span();
        if kept.iter().any(|k| {
            let ks = k.span();
            rs.start >= ks.start && rs.end <= ks.end && k.kind != ClaimKind::Indirect
        }) {
            continue;
        }
        kept.push(r);
    }
    // Every filter below says why it drops a claim that had a cue.
    let mut drop_with = |r: &RawClaim, reason: &'static str| {
        if let Some((cue, _)) = &r.cue {
            rejected.push(RejectedCue { cue: *cue, reason });
        }
    };
    // Reported contents that are no propositions: questions and directives.
    kept.retain(|r| {
        let keep = is_proposition(body, r, lex);
        if !keep {
            drop_with(r, "its content is no proposition: a question, an infinitive, a directive or a refusal (lexicon/content.txt, nonclaims.txt)");
        }
        keep
    });
    // A speaker is a noun phrase: trailing adverbs are trimmed ("the nominee
    // aggressively attacked"); one ending in a verb or an adjective is no speaker.
    // "I"/"we" outside any quotation is the writer of the piece (a column, an
    // op-ed), whom the article does not name as a source: no claim.
    kept.retain(|r| {
        let Some(sp) = r.speaker else {
            return true;
        };
        let first_person = matches!(
            body.get(sp.start..sp.end).map(str::to_lowercase).as_deref(),
            Some("i" | "we")
        );
        let keep = !first_person
            || quotes
                .iter()
                .any(|q| q.start <= sp.start && sp.end <= q.end);
        if !keep {
            drop_with(
                r,
                "\"I\" or \"we\" outside quotation marks: the writer, not a source",
            );
        }
        keep
    });
    kept.retain_mut(|r| match r.speaker {
        Some(sp) => match speaker_np(&doc, sp) {
            Some(np) => {
                r.speaker = Some(np);
                true
            }
            None => {
                drop_with(r, "its speaker is no noun phrase by its POS tags (ends in a verb, adverb or preposition)");
                false
            }
        },
        None => true,
    });
    // Claims nested in another claim of a named speaker are part of what that speaker said.
    let kept = drop_nested_raw(kept, body, lex);
    let (claims, main_org, story) = crate::resolve::resolve_article(&doc, &kept, lex);
    let claims = drop_nested(claims);
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
        segmented: doc.seg,
        rejected,
        boilerplate: boiler,
    }
}

/// The quotation opening the sentence after `si` in the same paragraph, when it
/// carries no attribution of its own: the second half of "…,” she said. “…”.
fn continued_quote(
    body: &str,
    seg: &Segmented,
    si: usize,
    quotes: &[Quote],
    used: &[bool],
    lex: &Lexicon,
) -> Option<usize> {
    let cur = seg.sentences.get(si)?;
    let next = seg.sentences.get(si + 1)?;
    if next.para != cur.para {
        return None;
    }
    let qj = quotes.iter().position(|q| q.open == next.start)?;
    let q = quotes[qj];
    if used[qj] || !q.closed {
        return None;
    }
    // The rest of that quote's sentence must not attribute it to someone else.
    let sent_end = seg
        .sentences
        .iter()
        .skip(si + 1)
        .find(|s| s.end >= q.close)
        .map(|s| s.end)
        .unwrap_or(next.end);
    let tail = segment::tokens(body, q.close.min(sent_end), sent_end);
    let own_cue = tail
        .iter()
        .any(|t| t.kind == TokKind::Word && lex.cues.contains_key(&lower(t)));
    (!own_cue).then_some(qj)
}

/// [`drop_nested`] before resolution, for outer claims whose speaker has a head
/// resolution can name (a name, role, pronoun or noun, not a bare quantifier).
fn drop_nested_raw(raws: Vec<RawClaim>, body: &str, lex: &Lexicon) -> Vec<RawClaim> {
    let outer: Vec<(Span, bool)> = raws
        .iter()
        .map(|r| {
            let named = r.speaker.is_some_and(|s| {
                segment::words(&body[s.start..s.end]).iter().any(|(_, w)| {
                    let l = w.to_lowercase();
                    w.chars().next().is_some_and(char::is_uppercase)
                        || lex.roles.contains_key(&l)
                        || speaker::PRONOUNS.contains(&l.as_str())
                })
            });
            (r.span(), named)
        })
        .collect();
    raws.into_iter()
        .enumerate()
        .filter(|(ri, r)| {
            let rs = r.span();
            let anchor = r.cue.as_ref().map(|c| c.0.start).unwrap_or(rs.start);
            !outer.iter().enumerate().any(|(oi, (o, named))| {
                oi != *ri
                    && *named
                    && o.contains(anchor)
                    && r.speaker.is_none_or(|s| o.contains(s.start))
                    && !(o.start >= rs.start && o.end <= rs.end)
            })
        })
        .map(|(_, r)| r)
        .collect()
}

/// The outer attribution wins: a claim whose cue (and speaker) lie inside another
/// claim's content is part of what that speaker said ("Stein said she plans to join …").
fn drop_nested(claims: Vec<Claim>) -> Vec<Claim> {
    let outer: Vec<Span> = claims.iter().map(|c| Span::new(c.start, c.end)).collect();
    claims
        .into_iter()
        .enumerate()
        .filter(|(ri, c)| {
            let anchor = c.cue_start.unwrap_or(c.start);
            !outer.iter().enumerate().any(|(oi, o)| {
                oi != *ri
                    && o.contains(anchor)
                    && c.speaker_start.is_none_or(|s| o.contains(s))
                    && !(o.start >= c.start && o.end <= c.end)
            })
        })
        .map(|(_, c)| c)
        .collect()
}

/// Does an inverted speaker ("…, said Jane Roe") end where a speaker ends: at
/// punctuation, the end of the sentence or an adjunct ("said Roe on Monday")? A
/// phrase running into a verb ("…, says she will run") is the content's subject.
fn inverted_speaker_ends(toks: &[Tok], last: usize, n_end: usize) -> bool {
    if last >= n_end {
        return true;
    }
    let t = &toks[last];
    let w = lower(t);
    t.kind == TokKind::Punct
        || speaker::WEEKDAYS.contains(&w.as_str())
        || matches!(
            w.as_str(),
            "on" | "in"
                | "at"
                | "during"
                | "who"
                | "whose"
                | "which"
                | "after"
                | "before"
                | "as"
                | "when"
                | "while"
                | "told"
                | "late"
                | "early"
                | "last"
                | "this"
                | "earlier"
                | "yesterday"
                | "today"
        )
}

/// Is the rest of the sentence an appositive or relative clause about the speaker
/// ("…, said DeSantis, who was elected in 2012.", "…, she said, a former aide.")?
fn trailing_appositive(rest: &[Tok], speaker_rule: &str, lex: &Lexicon) -> bool {
    if rest.len() < 2 || rest[0].text != "," {
        return false;
    }
    let w = lower(&rest[1]);
    let relative = matches!(w.as_str(), "who" | "whose" | "which");
    let descriptive = speaker_rule == "inverted-speaker"
        && (speaker::DETERMINERS.contains(&w.as_str()) || lex.roles.contains_key(&w));
    let has_cue = rest[1..]
        .iter()
        .any(|t| t.kind == TokKind::Word && lex.cues.contains_key(&lower(t)));
    (relative || descriptive) && !has_cue
}

/// Head nouns of a frame that attributes a finding: "In a CNN poll, …", "… in the survey".
const FRAME_HEADS: &[&str] = &[
    "poll",
    "polls",
    "survey",
    "surveys",
    "study",
    "studies",
    "view",
    "mind",
    "opinion",
    "estimation",
    "words",
];

/// A sentence framed by a poll or a point of view with no cue of its own: "In a new
/// poll, 40 percent backed the plan." / "Most backed the plan in a survey released Monday."
fn survey_frame(
    toks: &[Tok],
    n_end: usize,
    body: &str,
    quotes: &[Quote],
    si: usize,
) -> Option<RawClaim> {
    let is_head = |t: &Tok| FRAME_HEADS.contains(&lower(t).as_str());
    let make = |cue_tok: usize, sp: (usize, usize), content: Span| {
        let pieces = vec![content];
        RawClaim {
            kind: kind_for(body, quotes, &pieces),
            pieces,
            speaker: span_of(toks, sp.0, sp.1),
            cue: Some((
                Span::new(toks[cue_tok].start, toks[cue_tok].end),
                Cue {
                    class: "assert".into(),
                    lemma: "in".into(),
                    words: vec!["in".into()],
                    derived: false,
                },
            )),
            sentence: si,
            content_rule: "frame",
            speaker_rule: "frame-phrase",
            conduit: None,
        }
    };
    let words_in = |a: usize, b: usize| {
        toks[a..b]
            .iter()
            .filter(|t| t.kind == TokKind::Word)
            .count()
    };
    // Fronted: "In a CNN poll released Sunday, …"
    if toks.first().is_some_and(|t| lower(t) == "in") {
        let comma = (1..n_end.min(14)).find(|&k| toks[k].text == ",")?;
        if comma >= 2
            && toks[1..comma].iter().any(is_head)
            && toks[1..comma].iter().all(|t| {
                t.kind == TokKind::Word || matches!(t.text, "'" | "’" | "-" | "/" | "." | "&")
            })
            && words_in(comma + 1, n_end) >= 4
        {
            let c =
                span_of(toks, comma + 1, n_end).and_then(|c| tidy_content(body, c.start, c.end))?;
            return Some(make(0, (1, comma), c));
        }
        return None;
    }
    // Trailing: "…, in a survey released Monday."
    let lo = n_end.saturating_sub(12);
    let k = (lo.max(4)..n_end).find(|&k| lower(&toks[k]) == "in")?;
    let end = (k + 1..n_end)
        .find(|&j| toks[j].text == ",")
        .unwrap_or(n_end);
    if end == n_end
        && end > k + 1
        && toks[k + 1..end].iter().any(is_head)
        && toks[k + 1..end]
            .iter()
            .all(|t| t.kind == TokKind::Word || matches!(t.text, "'" | "’" | "-" | "/" | "." | "&"))
        && words_in(0, k) >= 4
    {
        let c = span_of(toks, 0, k).and_then(|c| tidy_content(body, c.start, c.end))?;
        return Some(make(k, (k + 1, end), c));
    }
    None
}

/// Is the rest of the sentence only the hearer of "told" ("…, an official told The
/// Times.", "…, he told reporters on Monday.")?
fn tell_object_only(rest: &[Tok], lex: &Lexicon) -> bool {
    let words = rest.iter().filter(|t| t.kind == TokKind::Word).count();
    (1..=8).contains(&words)
        && rest[0].kind == TokKind::Word
        && !rest.iter().any(|t| {
            let w = lower(t);
            t.kind == TokKind::Word
                && (COMPLEMENTISERS.contains(&w.as_str())
                    || (lex.cues.contains_key(&w) && !speaker::is_cap(t))
                    || PASSIVE.contains(&w.as_str())
                    || speaker::PRONOUNS.contains(&w.as_str())
                        && !matches!(w.as_str(), "him" | "her" | "them" | "us" | "me"))
        })
}

/// Is the rest of the sentence only an adjunct ("in a statement", "on Monday")?
fn trailing_adjunct(toks: &[Tok]) -> bool {
    let words: Vec<String> = toks
        .iter()
        .filter(|t| t.kind == TokKind::Word)
        .map(lower)
        .collect();
    if words.is_empty() || words.len() > 5 {
        return false;
    }
    // "believes in it", "agreed on that": a complement, not an adjunct.
    if words.len() == 2
        && matches!(
            words[1].as_str(),
            "it" | "them" | "him" | "her" | "us" | "me" | "this" | "that" | "you"
        )
    {
        return false;
    }
    (matches!(
        words[0].as_str(),
        "on" | "in" | "at" | "during" | "late" | "earlier" | "last" | "yesterday" | "today"
    ) || speaker::WEEKDAYS.contains(&words[0].as_str()))
        && !words.iter().any(|w| w == "that")
}

/// After a postposed attribution: an adjunct that runs up to a comma ("on Sunday,
/// far more than first feared"), or a prepositional adjunct of up to twelve words
/// with no auxiliary, no subject pronoun and no "that" ("in a filing published on
/// Monday"). Either way, what follows the cue reports nothing of its own.
fn trailing_remark(toks: &[Tok]) -> bool {
    if let Some(c) = toks.iter().position(|t| t.text == ",") {
        if c > 0 && trailing_adjunct(&toks[..c]) {
            return true;
        }
    }
    let words: Vec<String> = toks
        .iter()
        .filter(|t| t.kind == TokKind::Word)
        .map(lower)
        .collect();
    if words.is_empty() || words.len() > 12 || toks.iter().any(|t| t.text == ",") {
        return false;
    }
    if !matches!(
        words[0].as_str(),
        "in" | "on" | "at" | "during" | "through" | "via"
    ) {
        return false;
    }
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let tags = crate::annotate::tagger::Tagger::builtin().tag(&refs);
    !tags.contains(&crate::annotate::tagger::Upos::Aux)
        && !words.iter().any(|w| {
            matches!(
                w.as_str(),
                "that" | "he" | "she" | "it" | "they" | "we" | "i" | "you" | "there"
            )
        })
}

/// Cuts ", X said" off the end of a reported clause.
fn trim_trailing_attribution(toks: &[Tok], from: usize, end: usize, lex: &Lexicon) -> usize {
    // Find the last comma followed by a short NP + cue running to `end`.
    let mut k = end;
    while k > from + 1 {
        k -= 1;
        if toks[k].text == "," && end - k <= 8 {
            // The cue closes the tail (", X said", ", X said on Monday"), and the comma is
            // not a thousands separator ("50,000").
            let tail_has_cue = toks[k + 1..end]
                .iter()
                .rev()
                .take(4)
                .any(|t| lex.cues.contains_key(&lower(t)) && t.kind == TokKind::Word);
            let tail_first = lower(&toks[(k + 1).min(end - 1)]);
            let digits = k > 0
                && toks[k - 1].text.chars().all(|c| c.is_ascii_digit())
                && tail_first.chars().all(|c| c.is_ascii_digit());
            if tail_has_cue && !digits && !matches!(tail_first.as_str(), "and" | "but" | "that") {
                return k;
            }
        }
        if end - k > 8 {
            break;
        }
    }
    end
}

/// Drops a wire dateline ("TOKYO (ETW) - ") from the start of a content span.
/// Whether every content word of a headline's head ("Pence", "Mike Pence") is
/// written again in the rest of the story, as a name or in capitals.
fn named_again(words: &[&str], rest: &str) -> bool {
    let key = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .trim_end_matches("'s")
            .trim_end_matches("’s")
            .to_lowercase()
    };
    let seen: std::collections::HashSet<String> = crate::segment::words(rest)
        .into_iter()
        .filter(|(_, w)| w.chars().next().is_some_and(char::is_uppercase))
        .map(|(_, w)| key(w))
        .collect();
    let content: Vec<String> = words
        .iter()
        .map(|w| key(w))
        .filter(|w| {
            w.chars().count() > 1
                && !matches!(
                    w.as_str(),
                    "the" | "an" | "of" | "on" | "in" | "and" | "for" | "to"
                )
        })
        .collect();
    !content.is_empty() && content.iter().all(|w| seen.contains(w))
}

/// The `transcript` sieve: paragraphs that open with a speaker label. In an
/// interview laid out as "Q: …" / "A: …" (both labels present), every answer is a
/// direct claim of the interviewee, left to resolution by salience (the person the
/// story introduced); questions are not claims. A label in capitals ("PENCE: …",
/// "MR. VALE: …", an opening quotation mark allowed) is the speaker when the story
/// names that speaker elsewhere (so "CLARIFICATION:" or "UPDATE:" are not); a turn
/// ending in a question mark is a question, not a claim.
fn transcript_turns(
    body: &str,
    seg: &Segmented,
    boiler: &[Span],
    lex: &Lexicon,
) -> (Vec<RawClaim>, Vec<Span>) {
    struct Turn {
        label: Span,
        content: Span,
        qa: Option<bool>,
    }
    let mut turns = Vec::new();
    for p in &seg.paragraphs {
        if boiler.iter().any(|b| b.contains(p.start)) {
            continue;
        }
        let Some(text) = body.get(p.start..p.end) else {
            continue;
        };
        let lead = text.len() - text.trim_start_matches(['"', '“', ' ']).len();
        let rest = &text[lead..];
        let Some(colon) = rest.get(..rest.len().min(32)).and_then(|h| h.find(": ")) else {
            continue;
        };
        let label = &rest[..colon];
        let qa = match label {
            "Q" | "Question" | "QUESTION" => Some(false),
            "A" | "Answer" | "ANSWER" => Some(true),
            _ => None,
        };
        let letters = label.chars().filter(|c| c.is_alphabetic()).count();
        let capitals = letters >= 2
            && label
                .chars()
                .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '\'' | '’' | '-'));
        if qa.is_none() && !capitals {
            continue;
        }
        let cs = p.start + lead + colon + 2;
        let mut ce = p.end;
        let tail = body.get(cs..ce).unwrap_or("");
        let trimmed = tail.trim_end_matches(['"', '”', ' ']);
        // An unclosed opening mark of the turn: drop only a closing mark that ends it.
        if lead > 0 {
            ce = cs + trimmed.len();
        }
        let Some(content) = tidy_content(body, cs, ce) else {
            continue;
        };
        // A turn says something in words ("UK: 0800 999 3600" is a hotline).
        let said = body.get(content.start..content.end).unwrap_or("");
        if crate::segment::words(said)
            .iter()
            .filter(|(_, w)| w.chars().any(char::is_alphabetic))
            .count()
            < 3
        {
            continue;
        }
        let label_span = Span::new(p.start + lead, p.start + lead + colon);
        turns.push(Turn {
            label: label_span,
            content,
            qa,
        });
    }
    let interview =
        turns.iter().any(|t| t.qa == Some(false)) && turns.iter().any(|t| t.qa == Some(true));
    let mut out = Vec::new();
    let mut questions = Vec::new();
    for t in turns {
        let text = body.get(t.content.start..t.content.end).unwrap_or("");
        let question = t.qa == Some(false) && interview;
        if question || text.trim_end_matches(['"', '”', '’', ' ']).ends_with('?') {
            if question || t.qa.is_none() {
                questions.push(t.content);
            }
            continue;
        }
        // An answer that only declines ("I'm not going to discuss ...") says nothing.
        if is_refusal(text, lex) {
            continue;
        }
        let speaker = match t.qa {
            Some(true) if interview => None,
            Some(_) => continue,
            None => {
                let label = body.get(t.label.start..t.label.end).unwrap_or("");
                let words: Vec<&str> = label.split_whitespace().collect();
                let rest = body.get(t.content.end..).unwrap_or("");
                let before = body.get(..t.label.start).unwrap_or("");
                let titled: Vec<String> = words.iter().map(|w| title_case(w)).collect();
                let titled: Vec<&str> = titled.iter().map(String::as_str).collect();
                if !(named_again(&titled, rest) || named_again(&titled, before)) {
                    continue;
                }
                Some(t.label)
            }
        };
        let sentence = seg.sentence_at(t.content.start).unwrap_or(0);
        out.push(RawClaim {
            kind: ClaimKind::Direct,
            pieces: vec![t.content],
            speaker,
            cue: None,
            sentence,
            content_rule: "transcript",
            speaker_rule: if speaker.is_some() {
                "transcript-label"
            } else {
                "interview-answer"
            },
            conduit: None,
        });
    }
    (out, questions)
}

/// Whether a turn of one sentence declines to answer: it holds a phrase of the
/// `[non_answer]` section of `lexicon/relation.txt` ("not going to discuss").
fn is_refusal(text: &str, lex: &Lexicon) -> bool {
    let words: Vec<String> = crate::segment::words(text)
        .into_iter()
        .map(|(_, w)| w.to_lowercase().replace('’', "'"))
        .collect();
    let sentences = text.matches(['.', '!', '?']).count();
    sentences <= 1
        && lex.relation.non_answer.iter().any(|p| {
            !p.is_empty()
                && words
                    .windows(p.len())
                    .any(|w| w.iter().zip(p).all(|(a, b)| a == b))
        })
}

/// "PENCE" -> "Pence", "MR." -> "Mr.".
fn title_case(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f
            .to_uppercase()
            .chain(c.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

/// The `speaker-np` check: the speaker span as a noun phrase by its tags, trailing
/// adverbs and floating quantifiers dropped ("the nominee aggressively", "Brown and
/// Menendez all"); `None` when it ends in a verb, an auxiliary, an adverb, a
/// preposition or a lone determiner or adjective ("Trump avoids", "she didn't",
/// "Recently", "Additional"). A capitalised word inside the sentence is a name
/// whatever its tag (the tagger is least sure of names); a lone quantifier
/// ("some", "many") is a speaker.
fn speaker_np(doc: &crate::annotate::Doc, sp: Span) -> Option<Span> {
    let si = doc.seg.sentence_at(sp.start)?;
    let toks = doc.toks.get(si)?;
    let inside: Vec<usize> = (0..toks.len())
        .filter(|&k| toks[k].start >= sp.start && toks[k].end <= sp.end)
        .collect();
    if inside.is_empty() {
        return Some(sp);
    }
    let mut last = inside.len();
    let mut trimmed = false;
    while last > 1 {
        let k = inside[last - 1];
        let floating = matches!(lower(&toks[k]).as_str(), "all" | "both" | "each" | "alike");
        if toks[k].kind == TokKind::Punct {
            last -= 1;
        } else if doc.tag(si, k) == Upos::Adv || floating {
            last -= 1;
            trimmed = true;
        } else {
            break;
        }
    }
    let k = inside[last - 1];
    let tag = doc.tag(si, k);
    let first_in_sentence = toks[..k].iter().all(|t| t.kind == TokKind::Punct);
    let name = speaker::is_cap(&toks[k])
        && (!first_in_sentence || !matches!(tag, Upos::Adv | Upos::Verb | Upos::Aux | Upos::Adj));
    let quantifier = last == 1 && speaker::QUANTIFIERS.contains(&lower(&toks[k]).as_str());
    // After a possessive the head is a noun ("Trump's plan"), whatever the tagger says.
    let possessed = inside[..last - 1].iter().any(|&j| {
        let p = toks[j].text;
        p.ends_with("'s") || p.ends_with("’s") || p.ends_with("s'")
    });
    let noun_like = matches!(
        tag,
        Upos::Noun | Upos::Propn | Upos::Pron | Upos::Num | Upos::X | Upos::Sym
    );
    let end = if trimmed {
        toks[k].end.max(sp.start)
    } else {
        sp.end
    };
    (noun_like || name || quantifier || possessed).then(|| Span::new(sp.start, end))
}

/// The `proposition` filter: a reported content (indirect speech) that opens
/// with a question word or an infinitive ("asked whether ...", "plans to ...")
/// or is a directive after a request cue, an object before "to" and a verb
/// ("told his advisers to find a way", "called on the company to reopen"),
/// reports no proposition. Quotes are kept as they are. Word lists in
/// `lexicon/content.txt`; the verb test uses the POS tagger.
fn is_proposition(body: &str, r: &RawClaim, lex: &Lexicon) -> bool {
    if r.kind != ClaimKind::Indirect {
        return true;
    }
    let Some(text) = r.pieces.first().and_then(|p| body.get(p.start..p.end)) else {
        return true;
    };
    let words: Vec<String> = crate::segment::words(text)
        .into_iter()
        .take(10)
        .map(|(_, w)| w.to_lowercase().replace('’', "'"))
        .collect();
    let Some(first) = words.first() else {
        return true;
    };
    if lex.not_proposition_start.contains(first) {
        return false;
    }
    // "said it did not comment on individual cases": a reported refusal
    // (lexicon/nonclaims.txt) opening the content asserts nothing.
    let opening = format!(
        " {} ",
        words.iter().take(7).cloned().collect::<Vec<_>>().join(" ")
    );
    if lex
        .nonclaims
        .iter()
        .any(|n| opening.contains(&format!(" {n} ")))
    {
        return false;
    }
    // "disputed that account": "that" is a determiner when no verb follows it
    // in a short content; a complement clause has a verb.
    if first == "that" && crate::segment::words(text).len() <= 10 {
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let tags = crate::annotate::tagger::Tagger::builtin().tag(&refs);
        if !tags
            .iter()
            .skip(1)
            .any(|t| matches!(t, Upos::Verb | Upos::Aux))
        {
            return false;
        }
    }
    let directive_cue = r
        .cue
        .as_ref()
        .is_some_and(|(_, c)| lex.directive_cues.contains(&c.lemma));
    let Some(to) = words
        .iter()
        .position(|w| w == "to")
        .filter(|&k| directive_cue && (1..=6).contains(&k))
    else {
        return true;
    };
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let tags = crate::annotate::tagger::Tagger::builtin().tag(&refs);
    let verb_before = tags[..to]
        .iter()
        .any(|t| matches!(t, Upos::Verb | Upos::Aux));
    let verb_after = tags.get(to + 1) == Some(&Upos::Verb);
    // "attempts to infiltrate the program were made": an auxiliary later makes the
    // phrase before it a subject, and the content a proposition.
    let aux_later = tags.iter().skip(to + 2).any(|t| *t == Upos::Aux);
    !(verb_after && !verb_before && !aux_later)
}

fn strip_dateline(body: &str, c: Span) -> Span {
    match crate::segment::dateline_end(&body[c.start..c.end]) {
        Some(e) if c.start + e < c.end => Span::new(c.start + e, c.end),
        _ => c,
    }
}

fn strip_leading_quote_mark(body: &str, c: Span) -> Span {
    let t = &body[c.start..c.end];
    match t.chars().next() {
        Some(ch)
            if matches!(ch, '"' | '“' | '‘' | '«')
                && !t[ch.len_utf8()..].contains(['"', '”', '’', '»']) =>
        {
            let (s, e) = trim_span(body, c.start + ch.len_utf8(), c.end);
            Span::new(s, e)
        }
        _ => c,
    }
}

/// "The article quoted unnamed sources who said …": the subject of a citing
/// verb before an unnamed-source speaker.
fn conduit_before(toks: &[Tok], body: &str, sp: Span, lex: &Lexicon) -> Option<Span> {
    let text = body[sp.start..sp.end].to_lowercase();
    if !lex.unnamed.iter().any(|u| text.contains(u.as_str())) {
        return None;
    }
    let si = toks.iter().position(|t| t.start == sp.start)?;
    if si == 0 {
        return None;
    }
    let v = lower(&toks[si - 1]);
    if matches!(v.as_str(), "quoted" | "cited" | "citing" | "quoting") {
        let f = speaker::left(toks, si - 1, lex)?;
        return Some(Span::new(toks[f.first].start, toks[f.last - 1].end));
    }
    // "…, citing unnamed sources" with the subject at the sentence start.
    None
}

/// Polarity and modality default for claims before normalisation.
pub fn default_polarity() -> (Polarity, Modality, SourceType) {
    (Polarity::Positive, Modality::Asserted, SourceType::Other)
}

/// Subordinators that make a cue's clause an adjunct of another one ("when X said …, …").
const SUBORDINATORS: &[&str] = &[
    "when", "after", "before", "as", "because", "since", "while", "if", "although", "though",
    "once", "until", "unless", "whereas",
];

/// A report inside a subordinate or relative clause ("When Clinton said …, the crowd …",
/// "Smith, who said …, is …") ends at the clause's first comma (not one inside "50,000").
fn subordinate_end(
    toks: &[Tok],
    from: usize,
    end: usize,
    sp_first: usize,
    cue_first: usize,
) -> usize {
    let before = |k: usize| (k > 0).then(|| lower(&toks[k - 1]));
    let sub = before(sp_first).is_some_and(|w| SUBORDINATORS.contains(&w.as_str()));
    let rel = before(cue_first).is_some_and(|w| matches!(w.as_str(), "who" | "which"));
    if !sub && !rel {
        return end;
    }
    let digits = |t: &Tok| t.text.chars().all(|c| c.is_ascii_digit());
    // A comma inside a list ("jets, helicopters and plants") does not close the clause.
    let in_list = |k: usize| {
        (k + 2..end.min(k + 5))
            .any(|j| toks[j].text == "," || matches!(lower(&toks[j]).as_str(), "and" | "or"))
    };
    (from + 1..end)
        .find(|&k| {
            toks[k].text == ","
                && !(digits(&toks[k - 1]) && toks.get(k + 1).is_some_and(digits))
                && !in_list(k)
        })
        .unwrap_or(end)
}
