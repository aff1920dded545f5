//! The entity registry of one article: who it names, and what each one is.
//!
//! Takes: the body, its sentences, the lexicon and the spans of direct quotes.
//! Gives: a [`Registry`]: entities (person, organisation, outlet) with their
//! fullest name, gender, role words and parent organisation, and every mention
//! of them in body order.
//!
//! An entity's kind comes from the contexts of all its mentions, each adding
//! evidence for organisation, person or outlet, never from a list of last
//! words alone:
//! - organisation: "the X", "X's chief executive/shares/staff", "a spokeswoman
//!   for X", "shares in X", "X, which", "X, the maker of ...", an acronym, a
//!   legal suffix, an institutional head word (weak), "its" after X;
//! - person: a title ("Dr", "Minister"), a first name, "X, who", "X, 54,",
//!   "X, a spokeswoman for ...", a role word before the name ("analyst X"),
//!   "his"/"her" after X;
//! - outlet: a newspaper word in the name.
//!
//! Short forms join the entity they abbreviate: a surname joins the person,
//! a first word or prefix joins the organisation ("Orrin" = "Orrin Devices"),
//! an acronym joins the name of its initials, but only when one entity fits.

use std::collections::{HashMap, HashSet};

use crate::annotate::tagger::Upos;
use crate::extract::speaker::{is_cap, lower};
use crate::lexicon::{Lexicon, RoleKind};
use crate::model::{SourceType, Span};
use crate::segment::{self, Segmented, Tok, TokKind};
use crate::text;

/// One mention of an entity in the body.
#[derive(Debug, Clone)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub entity: usize,
    /// Inside a direct quotation: not an antecedent for pronouns.
    pub quoted: bool,
    /// The first name outside quotes in its sentence (a likely subject).
    pub subject: bool,
}

/// An entity named in the article.
#[derive(Debug, Clone)]
pub struct Entity {
    /// The fullest name used, titles, legal suffixes and possessives removed.
    pub name: String,
    pub kind: SourceType,
    pub gender: Option<char>,
    /// Lowercase role words from titles and appositives ("managing director", "minister").
    pub roles: Vec<String>,
    /// The organisation a person works for, when the text says so.
    pub parent: Option<usize>,
    /// A public body (its head word is an institution word).
    pub public_body: bool,
    /// A place (`places.txt`): it may speak, as its government does, but it is
    /// no company, employer or antecedent of "the company".
    pub place: bool,
    /// A proper adjective or "-based" word standing alone ([`is_descriptor`]).
    pub descriptor: bool,
    /// An event, a law or a prize by its last word (`entities.txt [event_last]`).
    pub event: bool,
    ev: Evidence,
}

#[derive(Debug, Clone, Copy, Default)]
struct Evidence {
    org: i32,
    person: i32,
    media: i32,
}

impl Evidence {
    fn add(&mut self, o: Evidence) {
        self.org += o.org;
        self.person += o.person;
        self.media += o.media;
    }
}

impl Entity {
    /// A place, a descriptor or an event: a name, but no body a person works for and
    /// nothing "the company", "it" or "he" refers back to unless it spoke.
    pub fn is_label(&self) -> bool {
        self.place || self.descriptor || self.event
    }

    /// A person by some evidence (a title, a first name, an appositive, "who"),
    /// not only because nothing else fitted: only these are pronoun antecedents.
    pub fn sure_person(&self) -> bool {
        self.kind == SourceType::Person && (self.ev.person > 0 || self.gender.is_some())
    }
}

/// What [`Registry::entity`] gives for an id it does not have: nothing known.
static UNKNOWN: Entity = Entity {
    name: String::new(),
    kind: SourceType::Other,
    gender: None,
    roles: Vec::new(),
    parent: None,
    public_body: false,
    place: false,
    descriptor: false,
    event: false,
    ev: Evidence {
        org: 0,
        person: 0,
        media: 0,
    },
};

/// Every entity of an article and its mentions.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    pub entities: Vec<Entity>,
    /// In body order.
    pub mentions: Vec<Mention>,
}

/// A capitalised run before clustering.
struct Raw {
    start: usize,
    end: usize,
    name: String,
    ev: Evidence,
    gender: Option<char>,
    roles: Vec<String>,
    /// Name of an organisation the context attaches a person to.
    parent: Option<String>,
}

/// A word without its possessive ending ("Orrin's" -> "Orrin"), and whether it had one.
pub fn strip_possessive(w: &str) -> (&str, bool) {
    for s in ["'s", "’s", "'", "’"] {
        if let Some(x) = w.strip_suffix(s) {
            if !x.is_empty() {
                return (x, true);
            }
        }
    }
    (w, false)
}

/// Lowercase, curly apostrophes straightened.
pub fn norm(s: &str) -> String {
    s.to_lowercase().replace('’', "'")
}

fn has_phrase_at_end(words: &[String], phrase: &[String]) -> bool {
    words.ends_with(phrase)
}

fn has_phrase_at_start(words: &[String], phrase: &[String]) -> bool {
    words.starts_with(phrase)
}

/// Words of a role phrase: the longest role from the roles lexicon among `words`.
pub fn role_in(words: &[String], lex: &Lexicon) -> Option<(String, RoleKind)> {
    // Two-word roles first ("chief executive", "managing director").
    for w in words.windows(2) {
        let [a, b] = w else { continue };
        let two = format!("{a} {b}");
        if let Some(k) = lex.roles.get(&two) {
            return Some((two, *k));
        }
    }
    words
        .iter()
        .find_map(|w| lex.roles.get(w).map(|k| (w.clone(), *k)))
}

impl Registry {
    /// Builds the registry of one article.
    /// Names in `boilerplate` (a copyright line, a newsletter box, a list of
    /// related headlines) are no entities of the article.
    pub fn build(
        doc: &crate::annotate::Doc,
        lex: &Lexicon,
        quoted: &[Span],
        boilerplate: &[Span],
    ) -> Registry {
        let (body, seg) = (doc.body, &doc.seg);
        let lowercase_words: HashSet<&str> = segment::words(body)
            .into_iter()
            .map(|(_, w)| w)
            .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
            .collect();
        let mut raws = Vec::new();
        for (si, s) in seg.sentences.iter().enumerate() {
            if boilerplate.iter().any(|b| b.contains(s.start)) {
                continue;
            }
            let toks: &[segment::Tok] = doc.toks.get(si).map_or(&[], Vec::as_slice);
            let sent = text::slice(body, s.start, s.end);
            let dateline = segment::dateline_end(sent).map(|e| s.start + e);
            // The first sentence is a headline when it ends without a full stop or is in
            // Title Case ("New Poll Shows Minor Post-Debate Bump For Clinton.").
            let title_case = segment::is_title_case(toks, 4);
            let headline =
                si == 0 && (title_case || !sent.trim_end().ends_with(['.', '"', '”', '!', '?']));
            let tags: &[Upos] = doc.tags.get(si).map_or(&[], Vec::as_slice);
            let ctx = ScanCtx {
                dateline,
                headline,
                lowercase_words: &lowercase_words,
            };
            scan_sentence(toks, tags, &ctx, lex, &mut raws);
        }
        cluster(raws, body, seg, lex, quoted, &lowercase_words)
    }

    /// Mentions inside `span`, in order.
    pub fn mentions_in(&self, span: Span) -> impl Iterator<Item = &Mention> {
        self.mentions
            .iter()
            .filter(move |m| m.start >= span.start && m.end <= span.end)
    }

    /// Whether entity `id` can be the organisation a person belongs to or
    /// speaks for: an organisation or outlet, not a place, whose name is more
    /// than a descriptor ("Democratic", "Mexican", "Washington-based"
    /// describe, they employ nobody).
    pub fn can_parent(&self, id: usize) -> bool {
        let e = self.entity(id);
        matches!(e.kind, SourceType::Organization | SourceType::Media) && !e.is_label()
    }

    /// The entity `id` (an id from this registry's mentions or parents); an
    /// unknown id gives a nameless entity of kind `Other`.
    pub fn entity(&self, id: usize) -> &Entity {
        self.entities.get(id).unwrap_or(&UNKNOWN)
    }

    /// What the article is about: its organisations, places and outlets, and
    /// the people it names more than once or who speak, most mentioned first, at most 8.
    pub fn story(&self) -> Vec<String> {
        let mut count: HashMap<usize, (usize, usize)> = HashMap::new();
        for (i, m) in self.mentions.iter().enumerate() {
            let e = count.entry(m.entity).or_insert((0, i));
            e.0 += 1;
        }
        let mut ents: Vec<(usize, usize, usize)> = count
            .into_iter()
            .filter(|(id, (n, _))| {
                self.entities
                    .get(*id)
                    .is_some_and(|e| e.kind != SourceType::Person || *n >= 2)
            })
            .map(|(id, (n, first))| (id, n, first))
            .collect();
        ents.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
        ents.into_iter()
            .take(8)
            .filter_map(|(id, _, _)| self.entities.get(id).map(|e| e.name.clone()))
            .collect()
    }

    /// Named things that are not people (organisations, outlets, places),
    /// most mentioned first (first named on ties).
    pub fn topic(&self) -> Vec<String> {
        let mut count: HashMap<usize, (usize, usize)> = HashMap::new();
        for (i, m) in self.mentions.iter().enumerate() {
            let e = count.entry(m.entity).or_insert((0, i));
            e.0 += 1;
        }
        let mut orgs: Vec<(usize, usize, usize)> = count
            .into_iter()
            .filter(|(id, _)| {
                self.entities
                    .get(*id)
                    .is_some_and(|e| e.kind != SourceType::Person)
            })
            .map(|(id, (n, first))| (id, n, first))
            .collect();
        orgs.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
        orgs.into_iter()
            .filter_map(|(id, _, _)| self.entities.get(id).map(|e| e.name.clone()))
            .collect()
    }
}

#[allow(clippy::too_many_arguments)]
/// What `scan_sentence` needs to know about the sentence beyond its tokens.
struct ScanCtx<'a> {
    /// End of a dateline ("LONDON (Reuters) -") inside the sentence.
    dateline: Option<usize>,
    /// The sentence is the article's headline.
    headline: bool,
    /// Every word the article writes in lowercase somewhere.
    lowercase_words: &'a HashSet<&'a str>,
}

fn scan_sentence(toks: &[Tok], tags: &[Upos], ctx: &ScanCtx, lex: &Lexicon, out: &mut Vec<Raw>) {
    let (dateline, headline, lowercase_words) = (ctx.dateline, ctx.headline, ctx.lowercase_words);
    let ew = &lex.entities;
    let lower: Vec<String> = toks.iter().map(lower).collect();
    let mut i = 0;
    while let Some(t) = toks.get(i) {
        let word = t.text.trim_end_matches('.');
        if !is_cap(t) || ew.not_name_start.contains(word) || dateline.is_some_and(|d| t.start < d) {
            i += 1;
            continue;
        }
        // The run: capitalised words, joined by "of", "for", "&", "de", "the" (in "of the").
        let mut j = i;
        let mut possessive = false;
        let mut stops = 0;
        // The words of the run written with a title's full stop ("Del." is a
        // title only so written: `Lexicon::titles_dotted`).
        let mut stopped: Vec<&str> = Vec::new();
        while let Some(w) = toks.get(j) {
            // "Chairman Rep. Jason Chaffetz": a title's full stop is inside the run.
            let title_stop = w.text == "."
                && j > i
                && toks.get(j - 1).is_some_and(|p| {
                    lex.titles.contains(p.text) || lex.titles_dotted.contains(p.text)
                })
                && toks.get(j + 1).is_some_and(is_cap);
            if title_stop {
                if let Some(p) = toks.get(j - 1) {
                    stopped.push(p.text);
                }
                j += 1;
                stops += 1;
                continue;
            }
            // A plural possessive inside a name goes on: "Household Insurers’
            // Council", "the Farmers' Union" (the mark is a token of its own).
            // Only a common plural noun before the mark and one name word after
            // it ("Reuters’ Luciana Lopez" is Reuters' reporter).
            let inner_mark = matches!(w.text, "'" | "’")
                && j > i
                && toks.get(j - 1).is_some_and(|p| {
                    p.end == w.start
                        && p.text.ends_with('s')
                        && crate::relate::wordnet::WordNet::builtin()
                            .is_noun(&p.text.to_lowercase())
                })
                && toks.get(j + 1).is_some_and(is_cap)
                && !toks.get(j + 2).is_some_and(is_cap);
            if inner_mark {
                j += 1;
                continue;
            }
            if j > i && !is_cap(w) {
                let lj = lower.get(j).map_or("", String::as_str);
                // "on" only after an institution's noun: "Commission on Presidential
                // Debates", "Council on Foreign Relations" (not "Obama on Syria").
                // (not before a day or month: "the Health Ministry on Tuesday").
                let after_institution = lj == "on"
                    && j > i
                    && lower
                        .get(j - 1)
                        .is_some_and(|p| ew.org_nouns.contains(&norm(p)))
                    && !toks
                        .get(j + 1)
                        .is_some_and(|n| crate::normalise::time::is_month_or_weekday(n.text));
                // A known first name and a surname are a person, whom "for" or "of"
                // does not extend: "Cameron Easley for Morning Consult" is a byline.
                let person_run =
                    j >= i + 2 && toks.get(i).is_some_and(|t| lex.gender.contains_key(t.text));
                let glue = after_institution
                    || (matches!(
                        lj,
                        "of" | "for" | "&" | "and" | "de" | "von" | "van" | "der" | "du" | "la"
                    ) && !(person_run && matches!(lj, "of" | "for")));
                let next_cap = toks.get(j + 1).is_some_and(is_cap);
                let of_the = lj == "of"
                    && lower.get(j + 1).is_some_and(|x| x == "the")
                    && toks.get(j + 2).is_some_and(is_cap);
                if glue && next_cap {
                    j += 1;
                    continue;
                }
                // "Committee for a Responsible Federal Budget", "Institute for the
                // Study of War": after an institution's noun, "for" and an article.
                let for_article = lj == "for"
                    && lower
                        .get(j + 1)
                        .is_some_and(|x| matches!(x.as_str(), "a" | "an" | "the"))
                    && toks.get(j + 2).is_some_and(is_cap)
                    && lower
                        .get(j - 1)
                        .is_some_and(|p| ew.org_nouns.contains(&norm(p)));
                if of_the || for_article {
                    j += 2;
                    continue;
                }
                break;
            }
            if w.kind != TokKind::Word {
                break;
            }
            j += 1;
            // A singular possessive inside a company's name goes on: "Corrigan's
            // Grocers", "McDonald's Corporation": one capitalised word after the
            // mark that is an organisation word or a common plural noun, then no
            // other name word ("Britain's Prime Minister", "Reuters' Luciana
            // Lopez" are a body's people).
            // (Not after a person's first name or a body's own name: "Alan
            // Grayson's Senate campaign", "the White House's Office of ...")
            // A longer owner must itself be a body's name ("Cleveland Police
            // Patrolmen's Association"), not a person's ("Ada Fisk's Senate").
            let owner_body = j == i + 1
                || toks
                    .get(i..j - 1)
                    .unwrap_or_default()
                    .iter()
                    .any(|t| lex.org_words.contains(t.text));
            let owner_named = toks.get(i).is_some_and(|t| lex.gender.contains_key(t.text))
                || lex.org_words.contains(strip_possessive(w.text).0)
                || !owner_body;
            let inner = !owner_named
                && toks.get(j).zip(toks.get(j - 1)).is_some_and(|(n, p)| {
                    let nl = n.text.to_lowercase();
                    p.end == n.start.saturating_sub(1)
                        && is_cap(n)
                        && !toks.get(j + 1).is_some_and(is_cap)
                        && !lex.titles.contains(n.text)
                        && (lex.org_words.contains(n.text)
                            || nl.ends_with('s')
                                && !nl.ends_with("ss")
                                && crate::relate::wordnet::WordNet::builtin().is_noun(&nl))
                });
            if strip_possessive(w.text).1 && !inner {
                possessive = true;
                break;
            }
        }
        let mut words: Vec<&str> = toks
            .get(i..j)
            .unwrap_or(&[])
            .iter()
            .filter(|t| !(t.kind == TokKind::Punct && matches!(t.text, "." | "'" | "’")))
            .map(|t| t.text)
            .collect();
        // A run ends on a name word, not on glue.
        while words
            .last()
            .is_some_and(|w| !w.chars().next().is_some_and(char::is_uppercase))
        {
            words.pop();
        }
        // "and" joins two names only inside an institution's name ("Medicines and Therapeutics Agency").
        if let Some(k) = words.iter().position(|w| *w == "and") {
            let last = words.last().map(|w| strip_possessive(w).0).unwrap_or("");
            if !lex.org_words.contains(last) {
                words.truncate(k);
            }
        }
        let n = words.len().max(1);
        // (the marks of plural possessives inside the name are tokens too)
        let marks = toks
            .get(i..j)
            .unwrap_or(&[])
            .iter()
            .filter(|t| t.kind == TokKind::Punct && matches!(t.text, "'" | "’"))
            .count();
        let run_end = i + n + stops + marks; // token index one past the run
        let next = run_end.max(i + 1);
        if let Some(last) = words.last_mut() {
            *last = strip_possessive(last).0;
        }
        let Some(&w0) = words.first() else {
            i = next;
            continue;
        };
        // A Title Case headline is no run of names; one capitalised sentence-initial
        // word that the article also writes in lowercase is a common word ("Officials").
        let at_start = i == 0 || (i == 1 && toks.first().is_some_and(|t| t.kind == TokKind::Punct));
        // The tagger reads a capitalised sentence-initial common noun as NOUN, a
        // name as PROPN ("Owners of Orrin's Arc", "Residents of Alcoraz").
        // Only before "of"/"for": "Phase III" keeps its first word, and a lone
        // unknown name opening a sentence ("Veltrana said") is often tagged NOUN.
        let tagged_noun = tags.get(i) == Some(&Upos::Noun)
            && words.get(1).is_some_and(|w| matches!(*w, "of" | "for"));
        let common = |w: &str| {
            let l = norm(w);
            (tagged_noun && w == w0)
                || lowercase_words.contains(l.as_str())
                || lex.roles.contains_key(&l)
                || ew.org_nouns.contains(&l)
                || ew.public_nouns.contains(&l)
                || lex.stopwords.contains(&l)
        };
        // "Owners of Orrin": a common word opening the sentence is no part of the name.
        let mut lead = 0;
        // "Mr. Halloran" keeps its title; "Secretary of State John Kerry" is
        // cut by the descriptor rule below.
        let is_title = |w: &str| {
            lex.titles.contains(w.trim_end_matches('.'))
                || (lex.titles_dotted.contains(w) && stopped.contains(&w))
        };
        let title_first = is_title(w0) && words.get(1).is_some_and(|w| *w != "of");
        // "Bank of England", "Ministry of Defence": an institution's noun before
        // "of"/"for" heads the name; "Owners of Orrin" has none.
        let institution = ew.org_nouns.contains(&norm(w0))
            && words.get(1).is_some_and(|w| matches!(*w, "of" | "for"));
        // "Unlike Patriot, …", "Despite Trump's denial": a sentence-opening
        // preposition, conjunction or adverb is no part of a name.
        let function_word = matches!(
            tags.get(i),
            Some(Upos::Adp | Upos::Sconj | Upos::Cconj | Upos::Adv | Upos::Part)
        );
        if at_start
            && words.len() > 1
            && (common(w0) || function_word)
            && !title_first
            && !institution
        {
            lead = 1;
            while words
                .get(lead)
                .is_some_and(|w| matches!(*w, "of" | "for" | "and" | "&" | "the"))
            {
                lead += 1;
            }
            words.drain(..lead.min(words.len()));
        }
        if words.is_empty()
            || (headline && words.len() > 4)
            || (words.len() == 1
                && at_start
                && lead == 0
                && (words.first().is_some_and(|w| common(w))
                    // nor an English word the tagger reads as no noun ("Contrary to
                    // his claim"; an unknown surname such as "Limbaugh" stays a name)
                    || (!headline
                        && tags
                            .get(i)
                            .is_some_and(|t| !matches!(t, Upos::Noun | Upos::Propn))
                        && {
                            use crate::relate::wordnet::{Pos, WordNet};
                            // (WordNet holds famous surnames too, but only as nouns)
                            let pos = WordNet::builtin().pos_of(&w0.to_lowercase());
                            pos.contains(Pos::Adj) || pos.contains(Pos::Adv) || pos.contains(Pos::Verb)
                        })))
        {
            i = next;
            continue;
        }
        let mut ev = Evidence::default();
        let mut gender = None;
        let mut roles = Vec::new();
        let mut parent = None;
        // Titles and role words at the front: "Health Minister Anneliese Moravec".
        let mut cut = 0;
        for (k, w) in words.iter().enumerate() {
            let lw = norm(w.trim_end_matches('.'));
            if k + 1 < words.len()
                && (is_title(w) || lex.roles.get(&lw).is_some_and(|r| *r == RoleKind::Person))
            {
                cut = k + 1;
            }
        }
        if cut > 0 && words.get(cut).is_some_and(|w| *w != "of") {
            ev.person += 3;
            // cut < words.len(): the drain is in range.
            let title: Vec<&str> = words.drain(..cut).collect();
            for w in &title {
                if let Some(g) = lex.gender.get(w.trim_end_matches('.')) {
                    gender = Some(*g);
                }
            }
            roles.push(norm(&title.join(" ")));
        } else {
            cut = 0;
        }
        // "Republican Donald Trump", "former Miss Universe Alicia Machado": capitalised
        // descriptors before a known first name are no part of the person's name.
        if words.len() >= 3 {
            let k = (1..words.len()).find(|&k| {
                words
                    .get(k)
                    .is_some_and(|w| lex.gender.contains_key(*w) && w.len() > 1)
            });
            if let Some(k) = k.filter(|&k| {
                (2..=3).contains(&(words.len() - k))
                    && !words
                        .iter()
                        .take(k)
                        .any(|w| matches!(*w, "of" | "for" | "and" | "&" | "the"))
                    && !words.last().is_some_and(|w| lex.org_words.contains(*w))
            }) {
                cut += k;
                ev.person += 2;
                words.drain(..k);
            }
        }
        // "Mayor Alan Whitcombe of Redfern": a person's name ends before "of".
        // After a title one word will do: "Mr. Morgan of the Sierra Club" is Morgan,
        // of the Sierra Club.
        // Without a title or a known first name, two words shaped as a first name
        // and a surname do too: "Rhiannon Achterberg of the Dockside Homes
        // Alliance" (not "United States of America", a place; not "Massachusetts
        // Institute of Technology", an institution's noun).
        if let Some(k) = words.iter().position(|w| *w == "of") {
            let name_word = |w: &str| {
                let l = norm(w);
                w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars().skip(1).all(|c| c.is_lowercase() || c == '-' || c == '\'')
                    && !common(w)
                    && !is_title(w)
                    && !lex.org_words.contains(w)
                    && !lex.places.contains(&l)
                    && !lex.proper_adjectives.contains(&l)
                    // ("Republicans Jolly of Indian Shores": a party's members)
                    && !lex.proper_adjectives.contains(l.trim_end_matches('s'))
            };
            let two_names = k == 2
                && cut == 0
                && words.get(..2).is_some_and(|ws| {
                    ws.iter().all(|w| name_word(w)) && !lex.places.contains(&norm(&ws.join(" ")))
                });
            if two_names {
                ev.person += 2;
            }
            let person_head =
                cut > 0 || two_names || words.first().is_some_and(|w| lex.gender.contains_key(*w));
            if person_head && (k >= 2 || (cut > 0 && k >= 1)) {
                let of: Vec<&str> = words
                    .get(k + 1..)
                    .unwrap_or(&[])
                    .iter()
                    .copied()
                    .skip_while(|w| *w == "the")
                    .collect();
                if !of.is_empty() && parent.is_none() {
                    parent = Some(of.join(" "));
                }
                words.truncate(k);
            }
        }
        // Legal suffixes at the end.
        while words.len() > 1 {
            let Some(last) = words.last().map(|w| w.trim_end_matches(',')) else {
                break;
            };
            if lex.legal_suffixes.contains(last)
                || lex.legal_suffixes.contains(last.trim_end_matches('.'))
            {
                words.pop();
                ev.org += 3;
            } else {
                break;
            }
        }
        let name = words.join(" ").trim_end_matches([',', '.']).to_string();
        if name.is_empty() || !name.chars().any(char::is_alphabetic) {
            i = next;
            continue;
        }
        // Lexical priors (weak).
        let lw: Vec<String> = words.iter().map(|w| norm(w)).collect();
        let last = words.last().copied().unwrap_or("");
        if words.iter().any(|w| lex.media_words.contains(*w)) {
            ev.media += 3;
        }
        if lex.org_words.contains(last) {
            ev.org += 2;
        }
        // A possessive inside the name ("Corrigan's Grocers"): no person's name.
        if words.len() > 1
            && words
                .iter()
                .take(words.len() - 1)
                .any(|w| strip_possessive(w).1)
        {
            ev.org += 3;
        }
        if words.len() > 1
            && lw
                .iter()
                .any(|w| matches!(w.as_str(), "of" | "for" | "&" | "and"))
        {
            ev.org += 1;
        }
        if words.len() == 1
            && (2..=6).contains(&name.chars().count())
            && name
                .chars()
                .all(|c| c.is_uppercase() || c == '&' || c == '.')
        {
            ev.org += 2;
        }
        if words.len() > 1 {
            if let Some(g) = words.first().and_then(|w| lex.gender.get(*w)) {
                ev.person += 2;
                gender = Some(*g);
            }
        }
        // Context before the run.
        let before: &[String] = lower.get(..i).unwrap_or(&[]);
        let prev = before.last().map(String::as_str).unwrap_or("");
        if prev == "the" {
            ev.org += 2;
        }
        if ew.org_before.iter().any(|p| {
            has_phrase_at_end(before, p)
                || (prev == "the"
                    && before
                        .split_last()
                        .is_some_and(|(_, rest)| has_phrase_at_end(rest, p)))
        }) {
            ev.org += 3;
        }
        // A role word right before the name ("analyst Tom Welling", "Orrin's chief executive, Lena Hartwig").
        {
            let b = match before.split_last() {
                Some((last, rest)) if last == "," => rest,
                _ => before,
            };
            let tail = b.get(b.len().saturating_sub(2)..).unwrap_or(&[]);
            if let Some((role, kind)) = role_in(tail, lex) {
                if matches!(kind, RoleKind::Person | RoleKind::Spokesperson)
                    && tail.last().is_some_and(|x| role.ends_with(x.as_str()))
                {
                    ev.person += 3;
                    let k = b.len().saturating_sub(role.split(' ').count() + 1);
                    roles.push(role);
                    // "X's chief executive, Lena Hartwig": X is the parent.
                    if let Some(owner) = toks.get(k).filter(|t| is_cap(t)) {
                        let (o, poss) = strip_possessive(owner.text);
                        if poss {
                            parent = Some(o.to_string());
                        }
                    }
                }
            }
        }
        // Context after the run.
        let after: &[String] = lower.get(run_end..).unwrap_or(&[]);
        if possessive
            && ew
                .org_possessed
                .iter()
                .any(|p| has_phrase_at_start(after, p))
        {
            ev.org += 2;
        }
        // "an Orrin spokesperson": a name that modifies a spokesperson noun is the
        // organisation the spokesperson speaks for.
        if !possessive
            && after
                .first()
                .is_some_and(|x| lex.roles.get(x.as_str()) == Some(&RoleKind::Spokesperson))
        {
            ev.org += 3;
        }
        // "Brannock Retail said in a statement", "X announced in a filing": bodies
        // speak through documents (weak: people issue statements too).
        if !possessive {
            let through_document = after.windows(3).take(3).any(|w| {
                matches!(w, [p, d, n] if p == "in"
                    && matches!(d.as_str(), "a" | "an" | "its" | "the")
                    && lex.roles.get(n.as_str()) == Some(&RoleKind::Document))
            });
            if through_document {
                ev.org += 1;
            }
        }
        // "White House press secretary Josh Earnest", "Tax Policy Center director
        // Len Burman": a name of two or more words, not opening with a first name,
        // before a person's role and another name is where that person works. (A
        // lone surname, "Clinton campaign manager Robby Mook", may be a person's.)
        if !possessive
            && words.len() >= 2
            && !words.first().is_some_and(|w| lex.gender.contains_key(*w))
        {
            let role_len = (1..=3).find(|&n| {
                after.get(..n).is_some_and(|ws| {
                    ws.iter().all(|w| w.chars().all(char::is_alphabetic))
                        && ws
                            .last()
                            .is_some_and(|w| lex.roles.get(w.as_str()) == Some(&RoleKind::Person))
                })
            });
            let named_next = role_len
                .and_then(|n| toks.get(run_end + n))
                .is_some_and(|t| is_cap(t));
            if named_next {
                ev.org += 2;
            }
        }
        if after.first().is_some_and(|x| x == ",") {
            let a1 = after.get(1).map(String::as_str).unwrap_or("");
            if ew.person_after.contains(a1) {
                ev.person += 3;
            } else if ew.org_after.contains(a1) {
                ev.org += 3;
            } else if a1.chars().all(|c| c.is_ascii_digit())
                && !a1.is_empty()
                && after.get(2).is_some_and(|x| x == ",")
            {
                ev.person += 3; // "X, 54,"
            } else {
                // An appositive up to the next comma or stop.
                let appos: Vec<String> = after
                    .iter()
                    .skip(1)
                    .take_while(|w| !matches!(w.as_str(), "," | "." | ";" | ":" | "(" | ")"))
                    .take(14)
                    .cloned()
                    .collect();
                let starts_np = appos
                    .first()
                    .is_some_and(|w| matches!(w.as_str(), "a" | "an" | "the"));
                let cut_at = appos
                    .iter()
                    .position(|w| {
                        matches!(
                            w.as_str(),
                            "of" | "for" | "at" | "with" | "that" | "which" | "who" | "in" | "on"
                        )
                    })
                    .unwrap_or(appos.len());
                let head_words = appos.get(..cut_at).unwrap_or(&[]);
                let head = head_words.last().map(String::as_str).unwrap_or("");
                let role = role_in(head_words, lex);
                let head_is_role = role.as_ref().is_some_and(|(r, _)| r.ends_with(head));
                match role {
                    Some((r, RoleKind::Person | RoleKind::Spokesperson)) if head_is_role => {
                        ev.person += 3;
                        roles.push(r);
                        if let Some(g) = head_words.iter().find_map(|w| lex.gender.get(w.as_str()))
                        {
                            gender = Some(*g);
                        }
                        // The organisation in the appositive: "of X", "for X", "X's";
                        // none for a past role ("the former secretary of State").
                        let former = head_words
                            .iter()
                            .any(|w| ew.former_words.contains(w.trim_end_matches('-')));
                        let k0 = run_end + 1;
                        let k1 = (k0 + appos.len()).min(toks.len());
                        parent = toks
                            .get(k0.min(k1)..k1)
                            .unwrap_or(&[])
                            .iter()
                            .position(is_cap)
                            .map(|p| {
                                let mut ws = Vec::new();
                                for (t, l) in toks.iter().zip(&lower).take(k1).skip(k0 + p) {
                                    if !(is_cap(t) || l == "of") {
                                        break;
                                    }
                                    let (w, poss) = strip_possessive(t.text);
                                    ws.push(w);
                                    if poss {
                                        break;
                                    }
                                }
                                ws.join(" ")
                            })
                            .filter(|_| !former)
                            .or(parent);
                    }
                    _ if starts_np
                        && (ew.org_nouns.contains(head)
                            || lex.roles.get(head).is_some_and(|k| {
                                matches!(k, RoleKind::Subject | RoleKind::Organization)
                            })) =>
                    {
                        ev.org += 3;
                    }
                    _ => {}
                }
            }
        }
        // A possessive pronoun later in the sentence, with no other name between.
        for (k, (t, l)) in toks.iter().zip(&lower).enumerate().skip(run_end).take(12) {
            if k > run_end && is_cap(t) && !crate::normalise::time::is_month_or_weekday(t.text) {
                break;
            }
            match l.as_str() {
                // "Brackwater Athletic have paid off their debt": a name taking
                // "their" is a group (a firm, a team), rarely one person.
                "its" => {
                    ev.org += 1;
                    break;
                }
                // A plural name ("Democrats", "Mexicans") takes "their" as a group of people.
                "their" if !last.ends_with('s') => {
                    ev.org += 1;
                    break;
                }
                "his" => {
                    ev.person += 1;
                    gender = gender.or(Some('m'));
                    break;
                }
                "her" => {
                    ev.person += 1;
                    gender = gender.or(Some('f'));
                    break;
                }
                _ => {}
            }
        }
        // Word k of the run is token word_toks[k] (a title's stop is skipped).
        let word_toks: Vec<usize> = (i..run_end)
            .filter(|&t| {
                toks.get(t)
                    .is_some_and(|t| !(t.kind == TokKind::Punct && t.text == "."))
            })
            .collect();
        let tok_of = |k: usize| word_toks.get(k).copied().unwrap_or(run_end - 1);
        let first_tok = tok_of(lead + cut).min(run_end - 1);
        let last_tok = tok_of(lead + cut + words.len().max(1) - 1).clamp(first_tok, run_end - 1);
        let (Some(first_t), Some(end_tok)) = (toks.get(first_tok), toks.get(last_tok)) else {
            i = next;
            continue;
        };
        let start = first_t.start;
        let end = end_tok.start + strip_possessive(end_tok.text).0.len();
        out.push(Raw {
            start,
            end: end.max(start),
            name,
            ev,
            gender,
            roles,
            parent,
        });
        i = next;
    }
}

/// A one-word name that describes rather than names: a proper adjective
/// ("Democratic", "Mexican"; `proper_adjectives.txt`) or a "-based" compound
/// ("Washington-based").
pub fn is_descriptor(name: &str, lex: &Lexicon) -> bool {
    if name.contains(' ') {
        return false;
    }
    let l = norm(name);
    l.ends_with("-based") || lex.proper_adjectives.contains(&l)
}

/// A name with no evidence either way that reads as a company's, not a
/// person's: it does not open with a known first name, and it ends in a common
/// noun that the article also writes in lower case ("Orlimar Software" in an
/// article about "the software", "Calloway Strand Homes" beside "affordable
/// homes", "Corvane Air" beside "air traffic"). A surname is rarely a word the
/// same article uses as a common noun.
fn org_shaped(words: &[&str], lex: &Lexicon, lowercase_words: &HashSet<&str>) -> bool {
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return false;
    };
    if words.len() < 2 || lex.gender.contains_key(*first) {
        return false;
    }
    let l = last.to_lowercase();
    l.len() >= 3
        && !lex.stopwords.contains(l.as_str())
        && lowercase_words.contains(l.as_str())
        && crate::relate::wordnet::WordNet::builtin().is_noun(&l)
}

fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .collect()
}

fn words_of(name: &str) -> Vec<&str> {
    name.split_whitespace().collect()
}

fn cluster(
    raws: Vec<Raw>,
    body: &str,
    seg: &Segmented,
    lex: &Lexicon,
    quoted: &[Span],
    lowercase_words: &HashSet<&str>,
) -> Registry {
    // 1. One entity per distinct name.
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut entities: Vec<Entity> = Vec::new();
    let mut raw_entity = Vec::with_capacity(raws.len());
    for r in &raws {
        let key = norm(&r.name);
        let id = *by_name.entry(key).or_insert_with(|| {
            entities.push(Entity {
                name: r.name.clone(),
                kind: SourceType::Other,
                gender: None,
                roles: Vec::new(),
                parent: None,
                public_body: false,
                place: false,
                descriptor: false,
                event: false,
                ev: Evidence::default(),
            });
            entities.len() - 1
        });
        if let Some(e) = entities.get_mut(id) {
            e.ev.add(r.ev);
            e.gender = e.gender.or(r.gender);
            for role in &r.roles {
                if !e.roles.contains(role) {
                    e.roles.push(role.clone());
                }
            }
        }
        raw_entity.push(id);
    }
    let leaning_person =
        |e: &Entity| e.ev.person >= e.ev.org && e.ev.media == 0 && words_of(&e.name).len() >= 2;
    // 2. Short forms join the one longer name they abbreviate.
    let mut target: Vec<usize> = (0..entities.len()).collect();
    for (s, short_e) in entities.iter().enumerate() {
        let short = short_e.name.as_str();
        // "Republican" describes; it is no short form of "Republican National Committee".
        if is_descriptor(short, lex) {
            continue;
        }
        let sw = words_of(short);
        let is_acronym = sw.len() == 1
            && short.chars().count() >= 2
            && short.chars().all(|c| c.is_uppercase() || c == '&');
        let mut fits: Vec<usize> = Vec::new();
        for (l, e) in entities.iter().enumerate() {
            if l == s {
                continue;
            }
            let lw = words_of(&e.name);
            if lw.len() <= sw.len() {
                continue;
            }
            let person = leaning_person(e);
            let fit = if person {
                // A surname, or a first name, of a person; or the name without a
                // middle initial ("Loretta Lynch" of "Loretta E. Lynch").
                sw.len() == 1 && (lw.last() == sw.first() || lw.first() == sw.first())
                    || sw.len() >= 2 && lw.first() == sw.first() && lw.last() == sw.last()
            } else if e.ev.media > 0 {
                // Outlets are named in full or by acronym: "New York" is no "New York Times".
                is_acronym && initials(&e.name) == short && lw.len() >= 2
            } else {
                // ("Corrigan" of "Corrigan's Grocers": a possessive mark in the
                // name is no part of its words)
                let lb: Vec<&str> = lw.iter().map(|w| strip_possessive(w).0).collect();
                let sb: Vec<&str> = sw.iter().map(|w| strip_possessive(w).0).collect();
                lb.starts_with(&sb) || (is_acronym && initials(&e.name) == short && lw.len() >= 2)
            };
            if fit {
                fits.push(l);
            }
        }
        // A surname is the usual short form of a person: "Clinton" beside
        // "Hillary Clinton" and "Clinton Foundation" is the person.
        let people: Vec<usize> = fits
            .iter()
            .copied()
            .filter(|&l| entities.get(l).is_some_and(leaning_person))
            .collect();
        let joined = match (fits.as_slice(), people.as_slice()) {
            ([_, _, ..], [p]) if sw.len() == 1 => Some(*p),
            ([f], _) => Some(*f),
            ([_, _, ..], _) => {
                // A surname shared by two people, or a first word shared by two
                // organisations ("Bank of England", "Bank of America"): stays apart,
                // unless all are one person under longer and shorter forms.
                let longest = fits
                    .iter()
                    .copied()
                    .max_by_key(|&l| entities.get(l).map_or(0, |e| e.name.len()));
                longest.filter(|&longest| {
                    let lname = entities.get(longest).map_or("", |e| e.name.as_str());
                    let lw = words_of(lname);
                    let same_person = |l: usize| {
                        entities.get(l).is_some_and(|e| {
                            let w = words_of(&e.name);
                            lname.contains(e.name.as_str())
                                || w.first() == lw.first() && w.last() == lw.last()
                        })
                    };
                    fits.iter().all(|&l| same_person(l))
                })
            }
            _ => None,
        };
        if let (Some(t), Some(slot)) = (joined, target.get_mut(s)) {
            *slot = t;
        }
    }
    // Follow chains (A -> B -> C).
    for s in 0..target.len() {
        let Some(&first) = target.get(s) else {
            continue;
        };
        let mut t = first;
        let mut guard = 0;
        while guard < 8 {
            match target.get(t) {
                Some(&next) if next != t => {
                    t = next;
                    guard += 1;
                }
                _ => break,
            }
        }
        if let Some(slot) = target.get_mut(s) {
            *slot = t;
        }
    }
    for (s, &t) in target.iter().enumerate() {
        if t == s {
            continue;
        }
        let Some((ev, g, roles, one_word)) = entities.get(s).map(|e| {
            (
                e.ev,
                e.gender,
                e.roles.clone(),
                words_of(&e.name).len() == 1,
            )
        }) else {
            continue;
        };
        // A surname used as a modifier ("Clinton spokesman", "Clinton
        // campaign") says nothing about the person being an organisation.
        let person_target = entities
            .get(t)
            .is_some_and(|e| leaning_person(e) && (e.ev.person > 0 || e.gender.is_some()));
        let ev = if person_target && one_word {
            Evidence { org: 0, ..ev }
        } else {
            ev
        };
        if let Some(e) = entities.get_mut(t) {
            e.ev.add(ev);
            e.gender = e.gender.or(g);
            for r in roles {
                if !e.roles.contains(&r) {
                    e.roles.push(r);
                }
            }
        }
    }
    // 3. Kinds from the summed evidence.
    for (id, e) in entities.iter_mut().enumerate() {
        if target.get(id) != Some(&id) {
            continue;
        }
        let n = words_of(&e.name).len();
        // A place with no title or role before it ("West Virginia", "the North
        // Sea") is no person; when it speaks, its government does.
        e.descriptor = is_descriptor(&e.name, lex);
        let words = words_of(&e.name);
        let shaped = n >= 2
            && (words
                .first()
                .is_some_and(|w| lex.entities.place_first.contains(&w.to_lowercase()))
                || words
                    .last()
                    .is_some_and(|w| lex.entities.place_last.contains(&w.to_lowercase())));
        e.place =
            e.ev.person < 3 && e.ev.media == 0 && (shaped || lex.places.contains(&norm(&e.name)));
        e.event = n >= 2
            && e.ev.person < 3
            && !words.first().is_some_and(|w| lex.gender.contains_key(*w))
            && e.ev.media == 0
            && words
                .last()
                .is_some_and(|w| lex.entities.event_last.contains(&w.to_lowercase()));
        e.kind = if e.event {
            SourceType::Other
        } else if e.place {
            SourceType::Organization
        } else if e.ev.media > 0 && e.ev.media >= e.ev.org {
            SourceType::Media
        } else if e.ev.org > e.ev.person {
            SourceType::Organization
        } else if e.ev.person > e.ev.org {
            SourceType::Person
        } else if n == 1 && e.ev.org == 0 && e.ev.person == 0 {
            // A lone capitalised word with no context ("PCs"): not an antecedent.
            SourceType::Other
        } else if n == 1 || n > 4 || org_shaped(&words, lex, lowercase_words) {
            SourceType::Organization
        } else {
            SourceType::Person
        };
        e.public_body = e.kind == SourceType::Organization
            && words_of(&e.name)
                .iter()
                .any(|w| lex.institution_words.contains(*w));
    }
    // 4. Parents by name.
    let parent_names: Vec<Option<String>> = {
        let mut p: Vec<Option<String>> = vec![None; entities.len()];
        for (r, &id) in raws.iter().zip(&raw_entity) {
            let slot = target.get(id).and_then(|&t| p.get_mut(t));
            if let Some(slot) = slot.filter(|slot| slot.is_none()) {
                *slot = r.parent.clone();
            }
        }
        p
    };
    for (id, pn) in parent_names.iter().enumerate() {
        let Some(pn) = pn else { continue };
        let key = norm(pn);
        let Some(&pid) = by_name.get(&key).and_then(|&named| target.get(named)) else {
            continue;
        };
        if pid != id
            && entities
                .get(pid)
                .is_some_and(|e| e.kind != SourceType::Person && !e.is_label())
        {
            if let Some(e) = entities.get_mut(id) {
                e.parent = Some(pid);
            }
        }
    }
    // 5. Mentions in body order.
    let mut mentions: Vec<Mention> = raws
        .iter()
        .zip(&raw_entity)
        .map(|(r, &id)| Mention {
            start: r.start,
            end: r.end,
            entity: target.get(id).copied().unwrap_or(id),
            quoted: quoted.iter().any(|q| q.contains(r.start)),
            subject: false,
        })
        .collect();
    mentions.sort_by_key(|m| m.start);
    let mut last_sentence = usize::MAX;
    for m in mentions.iter_mut() {
        if m.quoted {
            continue;
        }
        let s = seg.sentence_at(m.start).unwrap_or(usize::MAX);
        if s == last_sentence {
            continue;
        }
        // The first name of a sentence, with at most a short opener before it;
        // after a preposed subordinate clause ("While Obama had …, that
        // concerns Henry Crespo"), the first name past the clause's comma.
        let Some(before) = seg
            .sentences
            .get(s)
            .and_then(|x| body.get(x.start..m.start))
        else {
            continue;
        };
        let first = before
            .split_whitespace()
            .next()
            .map(|w| w.to_lowercase())
            .unwrap_or_default();
        let opener = if crate::extract::SUBORDINATORS.contains(&first.as_str()) {
            match before.find(',') {
                Some(c) => before.get(c + 1..).unwrap_or("").split_whitespace().count(),
                None => continue, // still inside the subordinate clause
            }
        } else {
            before.split_whitespace().count()
        };
        m.subject = opener <= 5;
        last_sentence = s;
    }
    Registry { entities, mentions }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reg(body: &str) -> Registry {
        let lx = Lexicon::builtin().unwrap();
        let doc = crate::annotate::Doc::build(body, segment::segment(body, &lx));
        Registry::build(&doc, &lx, &[], &[])
    }

    #[test]
    fn title_case_headline_with_a_full_stop_names_no_entity() {
        let r = reg("New Poll Shows Minor Post-Debate Bump For Clinton.\n\n\
                     A new poll shows that Hillary Clinton kept her lead after the debate.");
        assert!(
            r.entities.iter().all(|e| !e.name.contains("Poll Shows")),
            "{:?}",
            r.entities
        );
    }

    #[test]
    fn an_institution_for_an_article_and_a_name_is_one_name() {
        let r = reg("The Committee for a Sound Harbour said the levy was too high.");
        assert_eq!(
            kind_of(&r, "Committee for a Sound Harbour"),
            SourceType::Organization
        );
        assert!(
            r.entities.iter().all(|e| e.name != "Sound Harbour"),
            "{:?}",
            r.entities
        );
        // A person's name does not run on through "for the".
        let r = reg("Ilse Marrow for the Harbour Herald said the levy was too high.");
        assert!(
            r.entities.iter().all(|e| !e.name.contains("for the")),
            "{:?}",
            r.entities
        );
    }

    #[test]
    fn a_titled_surname_of_an_organisation_is_the_person_in_it() {
        let r = reg("The Harbour Trust sued the council. \
                     \"It was the least bad outcome,\" Mr. Varga of the Harbour Trust said.");
        assert_eq!(kind_of(&r, "Varga"), SourceType::Person);
        let e = r.entities.iter().find(|e| e.name == "Varga");
        let parent = e.and_then(|e| e.parent).map(|p| r.entity(p).name.clone());
        assert_eq!(parent.as_deref(), Some("Harbour Trust"), "{:?}", r.entities);
    }

    #[test]
    fn a_sentence_opening_preposition_is_no_part_of_a_name() {
        let r = reg("Unlike Corrwen Robotics, the Lanz Hotel has few investors.");
        assert!(
            r.entities.iter().all(|e| !e.name.starts_with("Unlike")),
            "{:?}",
            r.entities
        );
    }

    #[test]
    fn an_unknown_entity_id_gives_a_nameless_other() {
        let r = reg("Ilse Marrow said so.");
        let e = r.entity(r.entities.len() + 3);
        assert_eq!(e.name, "");
        assert_eq!(e.kind, SourceType::Other);
        assert!(e.parent.is_none() && !e.sure_person());
    }

    fn kind_of(r: &Registry, name: &str) -> SourceType {
        r.entities
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("no entity {name}: {:?}", r.entities))
            .kind
    }

    #[test]
    fn abbreviated_title_after_another_title_is_no_name() {
        let r = reg("\"Subpoenas are not optional,\" panel Chairman Rep. Jason Chaffetz said.");
        assert_eq!(kind_of(&r, "Jason Chaffetz"), SourceType::Person);
        assert!(
            r.entities.iter().all(|e| e.name != "Rep"),
            "{:?}",
            r.entities
        );
    }

    #[test]
    fn a_name_ending_in_a_noun_the_article_writes_in_lower_case_is_a_company() {
        let r = reg(
            "Orlimar Software, whose platform runs the payroll of 640 firms, was hacked. \
             The software calculates wages. Nadia Kellow praised Gorsefield Construction. \
             Pryde Wilson, of Springfield, was there.",
        );
        assert_eq!(kind_of(&r, "Orlimar Software"), SourceType::Organization);
        // ("construction" is nowhere in lower case; "Wilson" is no common noun here)
        assert_eq!(kind_of(&r, "Gorsefield Construction"), SourceType::Person);
        assert_eq!(kind_of(&r, "Pryde Wilson"), SourceType::Person);
    }

    #[test]
    fn a_plural_possessive_inside_a_name_is_part_of_it() {
        let r = reg(
            "Figures from the Household Insurers\u{2019} Council showed a fall, the council said.",
        );
        assert!(
            r.entities
                .iter()
                .any(|e| e.name == "Household Insurers Council"),
            "{:?}",
            r.entities.iter().map(|e| &e.name).collect::<Vec<_>>()
        );
    }

    #[test]
    fn laws_and_events_are_no_organisations() {
        let r = reg("Lawyers cited the Harbour Records Act and the Kellow Cup on Monday.");
        let act = r
            .entities
            .iter()
            .find(|e| e.name.ends_with("Act"))
            .expect("the act");
        assert_eq!(act.kind, SourceType::Other);
        assert!(act.is_label());
    }

    #[test]
    fn org_without_known_suffix_is_organisation() {
        let r = reg(
            "Corrwen Robotics said in a statement that its plant had reopened. \
                     A spokeswoman for Halvern Analytics said it disagreed. \
                     Shares in Brannock Retail fell.",
        );
        assert_eq!(kind_of(&r, "Corrwen Robotics"), SourceType::Organization);
        assert_eq!(kind_of(&r, "Halvern Analytics"), SourceType::Organization);
        assert_eq!(kind_of(&r, "Brannock Retail"), SourceType::Organization);
    }

    #[test]
    fn name_with_and_without_a_middle_initial_is_one_person() {
        let r = reg(
            "A talk by Loretta Lynch\n\nAttorney General Loretta E. Lynch spoke on Monday. \
                     Lynch said the case was closed.",
        );
        let ids: Vec<usize> = r.mentions.iter().map(|m| m.entity).collect();
        assert!(!ids.is_empty());
        assert!(
            ids.iter().all(|&i| r.entity(i).name == "Loretta E. Lynch"),
            "{:?}",
            r.entities
        );
    }

    #[test]
    fn name_before_a_spokesperson_noun_is_an_organisation() {
        let r = reg("Tenants of Pellow's flats complained. \
                     A Pellow spokeswoman said the repairs had started.");
        assert_eq!(kind_of(&r, "Pellow"), SourceType::Organization);
    }

    #[test]
    fn a_persons_byline_affiliation_is_no_part_of_the_name() {
        let r = reg(
            "John Easley for Harbour Review wrote that the levy was small. \
                     A report by Citizens for Clean Harbours said the water was brown.",
        );
        assert_eq!(kind_of(&r, "John Easley"), SourceType::Person);
        // A name without a known first name keeps its "for".
        assert!(
            r.entities
                .iter()
                .any(|e| e.name == "Citizens for Clean Harbours"),
            "{:?}",
            r.entities
        );
    }

    #[test]
    fn common_noun_opening_a_sentence_is_no_part_of_the_name() {
        let r = reg("Owners of Marlow Quay cottages said the water was brown.");
        assert!(
            r.entities.iter().all(|e| !e.name.starts_with("Owners")),
            "{:?}",
            r.entities
        );
        assert!(r.entities.iter().any(|e| e.name == "Marlow Quay"));
    }

    #[test]
    fn people_from_titles_appositives_and_relative_clauses() {
        let r = reg("Dr Ingrid Solberg said it was new. \
                     Ilse Marrow, who leads the rescue team, agreed. \
                     Oren Vale, the club's treasurer, said so.");
        assert_eq!(kind_of(&r, "Ingrid Solberg"), SourceType::Person);
        assert_eq!(kind_of(&r, "Ilse Marrow"), SourceType::Person);
        assert_eq!(kind_of(&r, "Oren Vale"), SourceType::Person);
    }

    #[test]
    fn short_forms_join_their_entity_but_shared_first_words_stay_apart() {
        let r = reg(
            "Orrin Devices recalled the phone. Orrin said it was sorry. \
                     The Bank of England raised rates. The Bank of America did not.",
        );
        let orrin: Vec<usize> = r
            .mentions
            .iter()
            .filter(|m| r.entities[m.entity].name == "Orrin Devices")
            .map(|m| m.entity)
            .collect();
        assert_eq!(orrin.len(), 2);
        assert_ne!(
            r.entities.iter().position(|e| e.name == "Bank of England"),
            r.entities.iter().position(|e| e.name == "Bank of America")
        );
    }

    #[test]
    fn descriptors_before_a_first_name_are_not_the_name() {
        let r = reg("Republican Donald Trump spoke. The Bank of America agreed.");
        assert_eq!(kind_of(&r, "Donald Trump"), SourceType::Person);
        assert_eq!(kind_of(&r, "Bank of America"), SourceType::Organization);
    }

    #[test]
    fn title_becomes_role_and_possessive_is_dropped() {
        let r = reg("Health Minister Anneliese Moravec spoke. The University of Ardmore's president agreed.");
        let m = r
            .entities
            .iter()
            .find(|e| e.name == "Anneliese Moravec")
            .unwrap();
        assert_eq!(m.kind, SourceType::Person);
        assert!(m.roles.iter().any(|x| x.contains("minister")));
        assert_eq!(
            kind_of(&r, "University of Ardmore"),
            SourceType::Organization
        );
    }

    #[test]
    fn places_are_no_people_and_proper_adjectives_no_short_forms() {
        let r = reg("Voters in West Virginia were angry. \
                     The Republican National Committee met on Monday. \
                     The Republican nominee spoke later.");
        let wv = r
            .entities
            .iter()
            .find(|e| e.name == "West Virginia")
            .unwrap();
        assert!(wv.place);
        assert_ne!(wv.kind, SourceType::Person);
        let adj = r
            .entities
            .iter()
            .position(|e| e.name == "Republican")
            .unwrap();
        assert!(r.entity(adj).descriptor);
        // The adjective's mention stays its own entity, not the committee's.
        assert!(r.mentions.iter().any(|m| m.entity == adj));
        let rnc = r
            .entities
            .iter()
            .position(|e| e.name == "Republican National Committee")
            .unwrap();
        assert!(r.can_parent(rnc) && !r.can_parent(adj));
    }

    #[test]
    fn a_name_that_speaks_in_a_statement_leans_organisation() {
        let r = reg("Brannock Retail said in a statement that sales had fallen.");
        assert_eq!(kind_of(&r, "Brannock Retail"), SourceType::Organization);
        // A first name outweighs it.
        let r = reg("Maria Varga said in a statement that she would stand.");
        assert_eq!(kind_of(&r, "Maria Varga"), SourceType::Person);
    }
}
