//! Training and evaluation of the tagger on a Universal Dependencies treebank
//! (CoNLL-U files), behind the hidden `tagger-train` and `tagger-eval` commands.
//!
//! Training is deterministic: sentences are shuffled each iteration by a xorshift
//! generator with a fixed seed, and the model bytes are written with sorted keys.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rustc_hash::FxHashMap;

use super::{
    analyse, argmax, features, Entry, Parts, Tagger, TaggerError, Tok, Upos, BUILTIN_MODEL, NF,
    NTAGS,
};

/// A tokenised sentence with its gold tags.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    pub words: Vec<String>,
    pub tags: Vec<Upos>,
}

impl Sentence {
    fn word_refs(&self) -> Vec<&str> {
        self.words.iter().map(String::as_str).collect()
    }
}

/// Reads the FORM and UPOS columns of CoNLL-U text, skipping comments, multiword-token
/// lines (`3-4`) and empty nodes (`8.1`). `path` only names the text in errors.
pub fn parse_conllu(text: &str, path: &str) -> Result<Vec<Sentence>, TaggerError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let err = |line: usize, reason: String| TaggerError::Conllu {
        path: path.to_string(),
        line,
        reason,
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(id), Some(form), Some(_lemma), Some(upos)) =
            (cols.next(), cols.next(), cols.next(), cols.next())
        else {
            return Err(err(n + 1, "fewer than 4 tab-separated columns".into()));
        };
        if id.contains('-') || id.contains('.') {
            continue;
        }
        if id.parse::<u32>().is_err() {
            return Err(err(n + 1, format!("bad word ID `{id}`")));
        }
        let tag =
            Upos::parse(upos).ok_or_else(|| err(n + 1, format!("unknown UPOS tag `{upos}`")))?;
        cur.words.push(form.to_string());
        cur.tags.push(tag);
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// [`parse_conllu`] on a file.
pub fn read_conllu(path: &Path) -> Result<Vec<Sentence>, TaggerError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| TaggerError::Read {
        path: name.clone(),
        source,
    })?;
    parse_conllu(&text, &name)
}

/// The file of a split (`train`, `dev`, `test`) in a treebank folder: `*-ud-{split}.conllu`.
fn find_split(dir: &Path, split: &str) -> Result<PathBuf, TaggerError> {
    let suffix = format!("-ud-{split}.conllu");
    let entries = std::fs::read_dir(dir).map_err(|source| TaggerError::Read {
        path: dir.display().to_string(),
        source,
    })?;
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(&suffix))
        })
        .collect();
    found.sort();
    found
        .into_iter()
        .next()
        .ok_or_else(|| TaggerError::MissingSplit {
            dir: dir.display().to_string(),
            suffix,
        })
}

/// Settings of [`train`].
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Passes over the training sentences.
    pub iterations: usize,
    /// Averaged weights smaller than this (in perceptron update units) are dropped.
    pub prune: f32,
    /// A word goes to the tag dictionary when seen this often…
    pub dict_min_count: u32,
    /// …with this share of its occurrences under one tag.
    pub dict_min_share: f64,
    /// The lexicon lists, for each word, the tags that have at least this share of its occurrences.
    pub lexicon_min_share: f64,
    /// Training words see the lexicon built from the other folds of this many (jackknifing).
    pub folds: usize,
    /// Seed of the per-iteration shuffle.
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            iterations: 12,
            prune: 1.0,
            dict_min_count: 20,
            dict_min_share: 0.97,
            lexicon_min_share: 0.01,
            folds: 10,
            seed: 0x5eed_1e55_ca7d_09e5,
        }
    }
}

/// Perceptron weights while training, with the sums needed to average them
/// (Daumé's trick: `average = w - u / clock`, where each update adds `clock` to `u`).
#[derive(Default)]
struct Trainer {
    index: FxHashMap<u64, u32>,
    w: Vec<i32>,
    u: Vec<i64>,
    clock: i64,
}

impl Trainer {
    fn scores(&self, keys: &[u64; NF]) -> [i32; NTAGS] {
        let mut s = [0i32; NTAGS];
        for k in keys {
            if let Some(&row) = self.index.get(k) {
                let base = row as usize * NTAGS;
                if let Some(ws) = self.w.get(base..base + NTAGS) {
                    for (s, w) in s.iter_mut().zip(ws) {
                        *s += w;
                    }
                }
            }
        }
        s
    }

    fn update(&mut self, keys: &[u64; NF], truth: usize, guess: usize) {
        for &k in keys {
            let next = self.index.len() as u32;
            let row = *self.index.entry(k).or_insert(next);
            if row == next {
                self.w.extend([0; NTAGS]);
                self.u.extend([0; NTAGS]);
            }
            let base = row as usize * NTAGS;
            for (tag, delta) in [(truth, 1), (guess, -1)] {
                if let (Some(w), Some(u)) = (self.w.get_mut(base + tag), self.u.get_mut(base + tag))
                {
                    *w += delta;
                    *u += delta as i64 * self.clock;
                }
            }
        }
    }

    /// The averaged, pruned and quantised model, with the given dictionary and lexicon.
    fn averaged(&self, lookup: &Lookup, prune: f32) -> Result<Tagger, TaggerError> {
        let clock = self.clock.max(1) as f64;
        let mut rows: Vec<(u64, u32)> = self.index.iter().map(|(&k, &r)| (k, r)).collect();
        rows.sort_unstable_by_key(|&(k, _)| k);
        let mut kept: Vec<(u64, u8, f32)> = Vec::new();
        for (k, row) in rows {
            let base = row as usize * NTAGS;
            let (Some(ws), Some(us)) = (
                self.w.get(base..base + NTAGS),
                self.u.get(base..base + NTAGS),
            ) else {
                continue;
            };
            for (t, (&w, &u)) in ws.iter().zip(us).enumerate() {
                let avg = (f64::from(w) - u as f64 / clock) as f32;
                if avg.abs() >= prune && avg != 0.0 {
                    kept.push((k, t as u8, avg));
                }
            }
        }
        let max_abs = kept.iter().fold(0f32, |m, &(_, _, w)| m.max(w.abs()));
        let scale = if max_abs > 0.0 {
            max_abs / f32::from(i16::MAX)
        } else {
            1.0
        };
        let mut parts = Parts {
            dict: lookup.dict.clone(),
            lexicon: lookup.lexicon.clone(),
            features: Vec::new(),
            entries: Vec::new(),
            scale,
        };
        for (k, tag, avg) in kept {
            let weight = (avg / scale).round().clamp(-32767.0, 32767.0) as i16;
            if weight == 0 {
                continue;
            }
            parts.entries.push(Entry { weight, tag });
            match parts.features.last_mut() {
                Some((last, n)) if *last == k => *n += 1,
                _ => parts.features.push((k, 1)),
            }
        }
        Tagger::assemble(parts)
    }
}

/// The tag dictionary and lexicon of a model being trained, sorted by key.
struct Lookup {
    dict: Vec<(u64, Upos)>,
    lexicon: Vec<(u64, u32)>,
}

/// Deterministic shuffling (xorshift64).
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Tag counts of each word (by the key `key` picks from its analysis).
type Counts = FxHashMap<u64, [u32; NTAGS]>;

fn count_tags<'a>(
    pairs: impl Iterator<Item = (&'a Sentence, &'a Vec<Tok>)>,
    key: impl Fn(&Tok) -> u64,
) -> Counts {
    let mut counts = Counts::default();
    for (s, toks) in pairs {
        for (tag, tok) in s.tags.iter().zip(toks.iter().skip(2)) {
            if let Some(n) = counts
                .entry(key(tok))
                .or_insert([0; NTAGS])
                .get_mut(tag.index())
            {
                *n += 1;
            }
        }
    }
    counts
}

/// Tag dictionary: frequent words (as written) that (nearly) always have the same tag.
fn build_dict(
    sentences: &[Sentence],
    analysed: &[Vec<Tok>],
    opts: &TrainOptions,
) -> Vec<(u64, Upos)> {
    let mut dict: Vec<(u64, Upos)> = count_tags(sentences.iter().zip(analysed), |t| t.cased)
        .iter()
        .filter_map(|(&k, c)| {
            let total: u32 = c.iter().sum();
            let best = argmax(c);
            let frequent = total >= opts.dict_min_count;
            let top = c.get(best).copied().unwrap_or(0);
            let unambiguous = f64::from(top) >= opts.dict_min_share * f64::from(total);
            (frequent && unambiguous)
                .then(|| Upos::from_index(best).map(|t| (k, t)))
                .flatten()
        })
        .collect();
    dict.sort_unstable_by_key(|&(k, _)| k);
    dict
}

/// Lexicon: the tags seen with each lowercased word. It is returned for the model, and
/// the training words get their `amb` from the other folds only (jackknifing), so that
/// rare words look in training as unseen words will at run time.
fn build_lexicon(
    sentences: &[Sentence],
    analysed: &mut [Vec<Tok>],
    opts: &TrainOptions,
) -> Vec<(u64, u32)> {
    let folds = opts.folds.max(1);
    let class = |c: &[u32; NTAGS]| -> u32 {
        let total: u32 = c.iter().sum();
        let mut bits = 0;
        for (t, &n) in c.iter().enumerate() {
            if n > 0 && f64::from(n) >= opts.lexicon_min_share * f64::from(total) {
                bits |= 1 << t;
            }
        }
        bits
    };
    let fold_counts: Vec<Counts> = (0..folds)
        .map(|f| {
            let pairs = sentences.iter().zip(analysed.iter()).skip(f).step_by(folds);
            count_tags(pairs, |t| t.lower)
        })
        .collect();
    let mut all = Counts::default();
    for (&k, c) in fold_counts.iter().flatten() {
        let a = all.entry(k).or_insert([0; NTAGS]);
        for (a, c) in a.iter_mut().zip(c) {
            *a += c;
        }
    }
    for (si, toks) in analysed.iter_mut().enumerate() {
        let n = toks.len().saturating_sub(4);
        for t in toks.iter_mut().skip(2).take(n) {
            let mut c = all.get(&t.lower).copied().unwrap_or([0; NTAGS]);
            if folds > 1 {
                if let Some(f) = fold_counts.get(si % folds).and_then(|m| m.get(&t.lower)) {
                    for (c, f) in c.iter_mut().zip(f) {
                        *c -= f;
                    }
                }
            }
            t.amb = u64::from(class(&c));
        }
    }
    let mut lexicon: Vec<(u64, u32)> = all.iter().map(|(&k, c)| (k, class(c))).collect();
    lexicon.sort_unstable_by_key(|&(k, _)| k);
    lexicon
}

/// Trains a tagger; `on_iteration(iteration, training accuracy, model so far)` is
/// called after each pass (e.g. to score the model on held-out data).
pub fn train(
    sentences: &[Sentence],
    opts: &TrainOptions,
    mut on_iteration: impl FnMut(usize, f64, &Tagger),
) -> Result<Tagger, TaggerError> {
    let mut analysed: Vec<Vec<Tok>> = sentences
        .iter()
        .map(|s| {
            let mut toks = Vec::new();
            analyse(&s.word_refs(), &mut toks);
            toks
        })
        .collect();
    let lookup = Lookup {
        dict: build_dict(sentences, &analysed, opts),
        lexicon: build_lexicon(sentences, &mut analysed, opts),
    };
    let trainer = Trainer::default();
    // The dictionary as the tagger will use it, for the training loop.
    let base = trainer.averaged(&lookup, opts.prune)?;
    for t in analysed.iter_mut().flatten() {
        t.dict = base.dict_tag(t);
    }

    let mut trainer = trainer;
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = XorShift(opts.seed | 1);
    let mut keys = [0u64; NF];
    let mut model = base.clone();
    for iteration in 1..=opts.iterations.max(1) {
        rng.shuffle(&mut order);
        let (mut correct, mut total) = (0usize, 0usize);
        for &si in &order {
            let (Some(toks), Some(sentence)) = (analysed.get(si), sentences.get(si)) else {
                continue;
            };
            let (mut p1, mut p2) = (NTAGS, NTAGS);
            for (i, truth) in (2..).zip(&sentence.tags) {
                let truth = truth.index();
                let guess = match toks.get(i).map(|t| t.dict) {
                    Some(t) if usize::from(t) < NTAGS => t.into(),
                    _ => {
                        features(toks, i, p1, p2, &mut keys);
                        let guess = argmax(&trainer.scores(&keys));
                        trainer.clock += 1;
                        if guess != truth {
                            trainer.update(&keys, truth, guess);
                        }
                        guess
                    }
                };
                correct += usize::from(guess == truth);
                total += 1;
                (p2, p1) = (p1, guess);
            }
        }
        model = trainer.averaged(&lookup, opts.prune)?;
        on_iteration(iteration, percent(correct, total), &model);
    }
    Ok(model)
}

fn percent(part: usize, whole: usize) -> f64 {
    100.0 * part as f64 / whole.max(1) as f64
}

/// Correctly tagged words and all words of `sentences`.
pub fn accuracy(tagger: &Tagger, sentences: &[Sentence]) -> (usize, usize) {
    let (mut toks, mut out) = (Vec::new(), Vec::new());
    let (mut correct, mut total) = (0, 0);
    for s in sentences {
        tagger.tag_into(&s.word_refs(), &mut toks, &mut out);
        correct += out.iter().zip(&s.tags).filter(|(a, b)| a == b).count();
        total += s.tags.len();
    }
    (correct, total)
}

/// Tokens tagged per second on one thread by [`Tagger::tag`] over repeated passes of
/// `sentences` (a second in all): in the fastest pass (the one least disturbed by other
/// processes), on average, and the number of passes. The sentences are split into words
/// beforehand, as a caller would have them.
fn tokens_per_second(tagger: &Tagger, sentences: &[Sentence]) -> (f64, f64, usize) {
    let words: Vec<Vec<&str>> = sentences.iter().map(Sentence::word_refs).collect();
    let tokens: usize = words.iter().map(Vec::len).sum();
    let started = Instant::now();
    let mut passes = 0;
    let mut best = f64::INFINITY;
    while passes < 1000 && (passes == 0 || started.elapsed().as_secs_f64() < 1.0) {
        let pass = Instant::now();
        for w in &words {
            std::hint::black_box(tagger.tag(w));
        }
        best = best.min(pass.elapsed().as_secs_f64());
        passes += 1;
    }
    let all = started.elapsed().as_secs_f64().max(1e-9);
    let fastest = tokens as f64 / best.max(1e-9);
    (fastest, (tokens * passes) as f64 / all, passes)
}

fn say(log: &mut dyn Write, args: fmt::Arguments) -> Result<(), TaggerError> {
    log.write_fmt(args)
        .and_then(|()| log.write_all(b"\n"))
        .and_then(|()| log.flush())
        .map_err(|source| TaggerError::Write {
            path: "the report".into(),
            source,
        })
}

fn token_count(sentences: &[Sentence]) -> usize {
    sentences.iter().map(|s| s.words.len()).sum()
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

/// `claimtrace tagger-train`: trains on the treebank's train split, reports dev accuracy
/// after every iteration, and writes the model to `out`. `prune` drops averaged weights
/// smaller than that ([`TrainOptions::prune`]).
pub fn train_command(
    treebank: &Path,
    out: &Path,
    iterations: usize,
    prune: f32,
    log: &mut dyn Write,
) -> Result<(), TaggerError> {
    let train_path = find_split(treebank, "train")?;
    let dev_path = find_split(treebank, "dev")?;
    let train_set = read_conllu(&train_path)?;
    let dev = read_conllu(&dev_path)?;
    if train_set.is_empty() {
        return Err(TaggerError::NoSentences {
            path: train_path.display().to_string(),
        });
    }
    let opts = TrainOptions {
        iterations: iterations.max(1),
        prune: prune.max(0.0),
        ..TrainOptions::default()
    };
    say(
        log,
        format_args!(
            "training on {} ({} sentences, {} tokens), {} iterations; dev: {} ({} tokens)",
            train_path.display(),
            train_set.len(),
            token_count(&train_set),
            opts.iterations,
            dev_path.display(),
            token_count(&dev)
        ),
    )?;
    let started = Instant::now();
    let mut log_result = Ok(());
    let model = train(&train_set, &opts, |iteration, train_acc, model| {
        let (correct, total) = accuracy(model, &dev);
        if log_result.is_ok() {
            log_result = say(
                log,
                format_args!(
                    "iteration {iteration}: train {train_acc:.2}%, dev UPOS {:.2}% ({:.1}s)",
                    percent(correct, total),
                    started.elapsed().as_secs_f64()
                ),
            );
        }
    })?;
    log_result?;
    let bytes = model.to_bytes();
    std::fs::write(out, &bytes).map_err(|source| TaggerError::Write {
        path: out.display().to_string(),
        source,
    })?;
    let (features, words) = model.size();
    say(
        log,
        format_args!(
            "wrote {} ({:.2} MB: {features} features, {words} dictionary words) in {:.1}s",
            out.display(),
            mb(bytes.len()),
            started.elapsed().as_secs_f64()
        ),
    )
}

/// `claimtrace tagger-eval`: token accuracy on the treebank's test and dev splits (those
/// present), and tagging speed, of the model in `model` or the built-in one.
pub fn eval_command(
    treebank: &Path,
    model: Option<&Path>,
    log: &mut dyn Write,
) -> Result<(), TaggerError> {
    let (bytes, name) = match model {
        Some(p) => (
            std::fs::read(p).map_err(|source| TaggerError::Read {
                path: p.display().to_string(),
                source,
            })?,
            p.display().to_string(),
        ),
        None => (BUILTIN_MODEL.to_vec(), "built-in".to_string()),
    };
    // Load time: the fastest of a few loads (the first one also pays for page faults).
    let mut load_ms = f64::INFINITY;
    let mut tagger = Tagger::default();
    for _ in 0..5 {
        let started = Instant::now();
        tagger = Tagger::from_bytes(&bytes)?;
        load_ms = load_ms.min(started.elapsed().as_secs_f64() * 1e3);
    }
    let (features, words) = tagger.size();
    say(
        log,
        format_args!(
            "model: {name} ({:.2} MB, {features} features, {words} dictionary words), loaded in {load_ms:.1} ms",
            mb(bytes.len())
        ),
    )?;
    let mut timed: Option<(&str, Vec<Sentence>)> = None;
    let mut missing = None;
    for split in ["test", "dev"] {
        let path = match find_split(treebank, split) {
            Ok(p) => p,
            Err(e) => {
                missing.get_or_insert(e);
                continue;
            }
        };
        let sentences = read_conllu(&path)?;
        let (correct, total) = accuracy(&tagger, &sentences);
        say(
            log,
            format_args!(
                "{split}: UPOS accuracy {:.2}% ({correct}/{total} tokens)",
                percent(correct, total)
            ),
        )?;
        if timed.is_none() {
            timed = Some((split, sentences));
        }
    }
    let Some((split, sentences)) = timed else {
        return Err(missing.unwrap_or(TaggerError::NoSentences {
            path: treebank.display().to_string(),
        }));
    };
    let (fastest, mean, passes) = tokens_per_second(&tagger, &sentences);
    say(
        log,
        format_args!(
            "speed: {:.2}M tokens/s on {split} (one thread, fastest of {passes} passes; mean {:.2}M)",
            fastest / 1e6,
            mean / 1e6
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conllu_skips_multiword_tokens_and_empty_nodes() {
        let text = "# sent_id = 1\n# text = Don't go.\n\
1-2\tDon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
1\tDo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n\
2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n\
3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n\
3.1\tgone\tgo\tVERB\tVBN\t_\t_\t_\t3:conj\t_\n\
4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n\n";
        let s = parse_conllu(text, "x").unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].words, ["Do", "n't", "go", "."]);
        assert_eq!(s[0].tags, [Upos::Aux, Upos::Part, Upos::Verb, Upos::Punct]);
    }

    #[test]
    fn conllu_errors_name_the_line() {
        let e = parse_conllu("1\tx\tx\tNOUN\n2\ty\ty\tFOO\n", "f.conllu").unwrap_err();
        assert_eq!(e.to_string(), "f.conllu:2: unknown UPOS tag `FOO`");
        let e = parse_conllu("# c\n1\tx\n", "f.conllu").unwrap_err();
        assert!(e.to_string().starts_with("f.conllu:2: fewer than 4"), "{e}");
    }

    #[test]
    fn shuffling_is_deterministic() {
        let mut a: Vec<u32> = (0..50).collect();
        let mut b = a.clone();
        XorShift(7).shuffle(&mut a);
        XorShift(7).shuffle(&mut b);
        assert_eq!(a, b);
        assert_ne!(a, (0..50).collect::<Vec<_>>());
    }
}
