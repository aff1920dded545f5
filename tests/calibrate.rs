//! `claimtrace calibrate` end to end on a tiny story set written here: it reads
//! the development-set format, cross-validates by story, and writes fitted
//! weights into a rule file that still loads.

mod common;
use common::*;
use std::path::Path;

fn story(dir: &Path, name: &str, company: &str, figure_said: &str, figure_found: &str) {
    let sdir = dir.join("stories").join(name);
    std::fs::create_dir_all(&sdir).unwrap();
    std::fs::write(
        sdir.join("01.txt"),
        format!(
            "Title: {company} on the spill\nDate: 2024-03-01\n\n{company} said on Monday that no oil had reached the bay. \
             {company} also said that {figure_said} barrels had leaked from the tank.\n"
        ),
    )
    .unwrap();
    std::fs::write(
        sdir.join("02.txt"),
        format!(
            "Title: Regulator on the spill\nDate: 2024-03-09\n\nThe coastal agency said on Friday that oil had reached the bay. \
             The agency said that {figure_found} barrels had leaked from the {company} tank.\n"
        ),
    )
    .unwrap();
    let gold = serde_json::json!({
        "story": name,
        "articles": ["01.txt", "02.txt"],
        "claims": [
            {"id": "a", "article": "01.txt", "text": "no oil had reached the bay", "source": company},
            {"id": "b", "article": "01.txt", "text": format!("{figure_said} barrels had leaked"), "source": company},
            {"id": "c", "article": "02.txt", "text": "oil had reached the bay", "source": "coastal agency"},
            {"id": "d", "article": "02.txt", "text": format!("{figure_found} barrels had leaked"), "source": "coastal agency"}
        ],
        "links": [
            {"claim": "a", "evidence": "c", "relation": "contradicts"},
            {"claim": "b", "evidence": "d", "relation": "contradicts"}
        ],
        "must_not_links": [],
        "verdicts": []
    });
    std::fs::create_dir_all(dir.join("gold")).unwrap();
    std::fs::write(
        dir.join("gold").join(format!("{name}.json")),
        serde_json::to_string_pretty(&gold).unwrap(),
    )
    .unwrap();
}

#[test]
fn calibrate_cross_validates_by_story_and_writes_loadable_weights() {
    let dir = tempfile::tempdir().unwrap();
    let stories = dir.path().join("set");
    story(&stories, "alpha", "Orvane Shipping", "200", "1,900");
    story(&stories, "beta", "Kessmark Oil", "50", "700");
    story(&stories, "gamma", "Dalbry Tankers", "30", "450");
    let out = dir.path().join("fitted.toml");
    let folds = dir.path().join("folds");
    let db = dir.path().join("unused.db");
    let o = run(
        &db,
        &[
            "calibrate",
            "--stories",
            stories.to_str().unwrap(),
            "--folds",
            "3",
            "--write",
            out.to_str().unwrap(),
            "--folds-dir",
            folds.to_str().unwrap(),
        ],
    );
    let text = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(
        o.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(text.starts_with("3 stories,"), "{text}");
    assert!(text.contains("6 gold links"), "{text}");
    assert!(text.contains("cross-validated: links-R"), "{text}");
    // One fold per story, each naming the story it holds out.
    for i in 0..3 {
        let held = std::fs::read_to_string(folds.join(format!("fold-{i}.stories"))).unwrap();
        assert_eq!(held.trim().split(',').count(), 1, "{held}");
        assert!(folds.join(format!("fold-{i}.toml")).exists());
    }
    // The written file loads, keeps its comments and vetoes, and its weights changed.
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.contains("# ---- vetoes"));
    let o = run(&db, &["rules", "--check", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_ne!(written, claimtrace::rules::BUILTIN);
    // A rule marked `fit = false` keeps its written weight.
    let keep = |t: &str| {
        let at = t.find("name = \"development-in-article\"").unwrap();
        t[at..]
            .lines()
            .find(|l| l.starts_with("weight"))
            .unwrap()
            .to_string()
    };
    assert_eq!(keep(&written), keep(claimtrace::rules::BUILTIN));
}

#[test]
fn calibrate_names_a_missing_stories_folder() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let missing = dir.path().join("nowhere");
    let o = run(&db, &["calibrate", "--stories", missing.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("nowhere") && err.contains("gold"), "{err}");
}

#[test]
fn calibrate_learns_from_a_background_of_real_news_and_reports_its_links() {
    let dir = tempfile::tempdir().unwrap();
    let stories = dir.path().join("set");
    story(&stories, "alpha", "Orvane Shipping", "200", "1,900");
    story(&stories, "beta", "Kessmark Oil", "50", "700");
    story(&stories, "gamma", "Dalbry Tankers", "30", "450");
    // Background: unrelated news that shares a word or two with the stories.
    let bg = dir.path().join("news");
    std::fs::create_dir_all(&bg).unwrap();
    for (i, (who, what)) in [
        (
            "Mayor Ana Ruiz",
            "the bay festival had reached record crowds",
        ),
        (
            "Coach Tim Olsen",
            "the team had leaked three goals in the final",
        ),
        (
            "Councillor Rae Finch",
            "the new bay bridge had reached its budget",
        ),
    ]
    .iter()
    .enumerate()
    {
        std::fs::write(
            bg.join(format!("n{i}.txt")),
            format!(
                "Title: Local news\nDate: 2024-05-0{}\n\n{who} said on Monday that {what}.\n",
                i + 1
            ),
        )
        .unwrap();
    }
    // A file the reader refuses is named and the run fails, after doing the rest.
    std::fs::write(bg.join("bad.txt"), [0xff, 0xfe, 0x00, 0x80]).unwrap();
    let db = dir.path().join("unused.db");
    let o = run(
        &db,
        &[
            "calibrate",
            "--stories",
            stories.to_str().unwrap(),
            "--folds",
            "3",
            "--background",
            bg.to_str().unwrap(),
        ],
    );
    let text = String::from_utf8_lossy(&o.stdout).to_string();
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(err.contains("bad.txt"), "{err}");
    assert!(!o.status.success());
    assert!(text.contains("cross-validated: links-R"), "{text}");
    assert!(text.contains("background links"), "{text}");
}
