//! The hidden tagger commands end to end: `tagger-eval` with the built-in model and with a
//! model that `tagger-train` wrote, on a tiny treebank written into a temporary folder.

use std::path::Path;
use std::process::{Command, Output};

fn claimtrace(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimtrace"))
        .args(args)
        .current_dir(dir)
        .env_remove("CLAIMTRACE_DB")
        .output()
        .unwrap()
}

/// `tagger-eval` on the treebank in `dir` with the model file `model`.
fn eval_with(dir: &Path, model: &Path) -> Output {
    let model = model.to_str().unwrap();
    claimtrace(dir, &["tagger-eval", "--treebank", ".", "--model", model])
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// One CoNLL-U sentence from `word/TAG` pairs.
fn sentence(id: usize, tagged: &str) -> String {
    let mut s = format!("# sent_id = {id}\n");
    for (i, pair) in tagged.split(' ').enumerate() {
        let (word, tag) = pair.rsplit_once('/').unwrap();
        s.push_str(&format!("{}\t{word}\t_\t{tag}\t_\t_\t0\t_\t_\t_\n", i + 1));
    }
    s.push('\n');
    s
}

const SENTENCES: [&str; 4] = [
    "The/DET company/NOUN said/VERB it/PRON would/AUX close/VERB the/DET plant/NOUN ./PUNCT",
    "Police/NOUN arrested/VERB two/NUM men/NOUN on/ADP Friday/PROPN ./PUNCT",
    "She/PRON is/AUX a/DET good/ADJ teacher/NOUN and/CCONJ a/DET kind/ADJ friend/NOUN ./PUNCT",
    "We/PRON did/AUX not/PART see/VERB them/PRON yesterday/NOUN ./PUNCT",
];

/// A treebank folder whose three splits hold the same four sentences (33 words).
fn treebank() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let text: String = SENTENCES
        .iter()
        .enumerate()
        .map(|(i, s)| sentence(i + 1, s))
        .collect();
    // A multiword token line, which must be skipped.
    let text = text.replacen(
        "3\tsaid",
        "3-4\tsaid it\t_\t_\t_\t_\t_\t_\t_\t_\n3\tsaid",
        1,
    );
    for split in ["train", "dev", "test"] {
        std::fs::write(dir.path().join(format!("tiny-ud-{split}.conllu")), &text).unwrap();
    }
    dir
}

/// The accuracy and token count of the `split:` line.
fn accuracy(out: &str, split: &str) -> (f64, usize) {
    let line = out
        .lines()
        .find(|l| l.starts_with(&format!("{split}: UPOS accuracy ")))
        .unwrap_or_else(|| panic!("no {split} accuracy line in:\n{out}"));
    let rest = &line[format!("{split}: UPOS accuracy ").len()..];
    let (pct, counts) = rest.split_once("% (").unwrap();
    let (_, total) = counts.trim_end_matches(" tokens)").split_once('/').unwrap();
    (pct.parse().unwrap(), total.parse().unwrap())
}

#[test]
fn eval_reports_accuracy_and_speed_of_the_builtin_model() {
    let dir = treebank();
    let o = claimtrace(dir.path(), &["tagger-eval", "--treebank", "."]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    assert!(out.starts_with("model: built-in ("), "{out}");
    let (test, tokens) = accuracy(&out, "test");
    assert_eq!(tokens, 33);
    assert!(test >= 85.0, "{out}");
    assert_eq!(accuracy(&out, "dev"), (test, 33));
    assert!(
        out.lines()
            .any(|l| l.starts_with("speed: ") && l.contains("M tokens/s")),
        "{out}"
    );
}

#[test]
fn a_trained_model_is_written_and_evaluated() {
    let dir = treebank();
    let model = dir.path().join("tiny.model");
    let o = claimtrace(
        dir.path(),
        &[
            "tagger-train",
            "--treebank",
            ".",
            "--out",
            model.to_str().unwrap(),
            "--iterations",
            "8",
            "--prune",
            "0",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    assert!(out.contains("iteration 8: train "), "{out}");
    assert!(out.contains("wrote "), "{out}");
    let o = eval_with(dir.path(), &model);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Test = train here, so the model knows (nearly) every word: it was trained seeing each
    // sentence's words through the lexicon of the other sentences only (jackknifing).
    let (test, tokens) = accuracy(&stdout(&o), "test");
    assert_eq!(tokens, 33);
    assert!(test >= 90.0, "{}", stdout(&o));
}

#[test]
fn bad_inputs_fail_with_a_message() {
    let dir = treebank();
    let garbage = dir.path().join("garbage.model");
    std::fs::write(&garbage, b"definitely not a model").unwrap();
    let o = eval_with(dir.path(), &garbage);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("not a claimtrace tagger model"), "{err}");

    let empty = tempfile::tempdir().unwrap();
    let o = claimtrace(empty.path(), &["tagger-eval", "--treebank", "."]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("-ud-test.conllu"), "{err}");

    std::fs::write(
        empty.path().join("x-ud-test.conllu"),
        "1\tword\t_\tNOPE\t_\t_\t0\t_\t_\t_\n",
    )
    .unwrap();
    let o = claimtrace(empty.path(), &["tagger-eval", "--treebank", "."]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("x-ud-test.conllu:1: unknown UPOS tag `NOPE`"),
        "{err}"
    );
}

#[test]
fn the_tagger_commands_are_hidden_from_help() {
    let dir = tempfile::tempdir().unwrap();
    let o = claimtrace(dir.path(), &["--help"]);
    let out = stdout(&o);
    assert!(out.contains("ingest"), "{out}");
    assert!(!out.contains("tagger"), "{out}");
}
