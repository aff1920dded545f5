//! End-to-end extraction cases: each test pipes a short text (written for these
//! tests) through `claimtrace extract --format jsonl --explain -` and checks the
//! claims' kind, text, speaker and byte offsets.

mod common;

use serde_json::Value;

/// Runs the binary on `text` (stdin) and returns the JSONL claims.
fn extract(text: &str) -> Vec<Value> {
    let claims: Vec<Value> = explain_lines(text)
        .into_iter()
        .filter(|v| v.get("rejected_cue").is_none())
        .collect();
    for c in &claims {
        check_offsets(text, c);
    }
    claims
}

/// The cues `extract --explain` reports as rejected, with their reasons.
/// The texts of the claims of `text`, in order.
fn claim_texts(text: &str) -> Vec<String> {
    extract(text)
        .iter()
        .filter_map(|c| c["text"].as_str().map(String::from))
        .collect()
}

fn rejected(text: &str) -> Vec<Value> {
    explain_lines(text)
        .into_iter()
        .filter(|v| v.get("rejected_cue").is_some())
        .collect()
}

fn explain_lines(text: &str) -> Vec<Value> {
    let out = common::run_stdin(
        &["extract", "--format", "jsonl", "--explain", "-"],
        text.as_bytes(),
    );
    assert!(
        out.status.success(),
        "claimtrace failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSONL line"))
        .collect()
}

fn off(c: &Value, k: &str) -> Option<usize> {
    c[k].as_u64().map(|v| v as usize)
}

/// Offsets are UTF-8 byte offsets on char boundaries; speaker and cue text is what they cover.
fn check_offsets(text: &str, c: &Value) {
    let (s, e) = (off(c, "start").unwrap(), off(c, "end").unwrap());
    assert!(s < e && e <= text.len(), "bad span {s}..{e} in {c}");
    assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
    for (a, b, field) in [
        ("speaker_start", "speaker_end", "speaker"),
        ("cue_start", "cue_end", "cue"),
    ] {
        if let (Some(a), Some(b)) = (off(c, a), off(c, b)) {
            assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
            assert_eq!(
                &text[a..b],
                c[field].as_str().unwrap(),
                "{field} offsets in {c}"
            );
        }
    }
    for f in [
        "kind",
        "text",
        "speaker",
        "source",
        "source_type",
        "cue",
        "polarity",
        "modality",
    ] {
        assert!(c.get(f).is_some(), "field {f} missing in {c}");
    }
    assert!(c.get("content_rule").is_some() && c.get("speaker_rule").is_some());
    assert!(matches!(
        c["kind"].as_str(),
        Some("direct" | "indirect" | "mixed")
    ));
}

/// The single claim of `text`.
fn one(text: &str) -> Value {
    let claims = extract(text);
    assert_eq!(
        claims.len(),
        1,
        "expected one claim in {text:?}: {claims:#?}"
    );
    claims.into_iter().next().unwrap()
}

/// The claim whose text contains `needle`.
fn with<'a>(claims: &'a [Value], needle: &str) -> &'a Value {
    claims
        .iter()
        .find(|c| c["text"].as_str().is_some_and(|t| t.contains(needle)))
        .unwrap_or_else(|| panic!("no claim containing {needle:?} in {claims:#?}"))
}

/// Kind, text and speaker of a claim; for a single-piece claim the text is input[start..end].
fn assert_claim(text: &str, c: &Value, kind: &str, content: &str, speaker: &str) {
    assert_eq!(c["kind"], kind, "{c}");
    assert_eq!(c["text"], content, "{c}");
    assert_eq!(c["speaker"], speaker, "{c}");
    let (s, e) = (off(c, "start").unwrap(), off(c, "end").unwrap());
    assert_eq!(&text[s..e], content, "offsets of {c}");
}

// --- quotation marks ---------------------------------------------------------

#[test]
fn straight_double_quotes() {
    let t = "Mayor Ana Reyes said: \"The bridge will reopen in May after the repairs.\"";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "direct",
        "The bridge will reopen in May after the repairs.",
        "Mayor Ana Reyes",
    );
}

#[test]
fn curly_double_quotes() {
    let t = "Mayor Ana Reyes said: “The bridge will reopen in May after the repairs.”";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "direct",
        "The bridge will reopen in May after the repairs.",
        "Mayor Ana Reyes",
    );
    assert_eq!(c["cue"], "said");
}

#[test]
fn single_curly_quotes_as_primary_marks() {
    let t = "Engineer Paul Dorn said: ‘The cables are sound and the deck is safe.’";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "direct",
        "The cables are sound and the deck is safe.",
        "Engineer Paul Dorn",
    );
}

#[test]
fn guillemets() {
    let t = "Minister Karl Weber said: « The border stays open for trade with the region. »";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "direct",
        "The border stays open for trade with the region.",
        "Minister Karl Weber",
    );
}

#[test]
fn low_high_quotes() {
    let t = "Minister Karl Weber said: „The border stays open for trade with the region.“";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "direct",
        "The border stays open for trade with the region.",
        "Minister Karl Weber",
    );
}

#[test]
fn corner_brackets() {
    let t = "Minister Karl Weber said: 「The border stays open for trade with the region.」";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "direct",
        "The border stays open for trade with the region.",
        "Minister Karl Weber",
    );
}

#[test]
fn double_apostrophes_as_quote_marks() {
    let t = "''The levee will hold through the winter,'' said Nora Quist, the county engineer.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "direct",
        "The levee will hold through the winter,",
        "Nora Quist",
    );
}

#[test]
fn nested_quotes_stay_in_the_outer_quote() {
    let t = "“They kept calling it ‘a minor glitch’ for weeks,” said Ada Brook, a systems analyst.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "direct",
        "They kept calling it ‘a minor glitch’ for weeks,",
        "Ada Brook",
    );
}

#[test]
fn quote_continued_across_paragraphs_is_one_group_of_propositions() {
    // One proposition per sentence (issue: claims are propositions); the pieces share a group.
    let t = "“The first part of the plan is finished on time.\n\n“The second part will take another year,” said Omar Reyes, the project lead.";
    let claims = extract(t);
    assert_eq!(claims.len(), 2, "{claims:#?}");
    for c in &claims {
        assert_eq!(c["kind"], "direct");
        assert_eq!(c["speaker"], "Omar Reyes");
        assert_eq!(c["group"], claims[0]["group"]);
    }
    assert_eq!(
        claims[0]["text"],
        "The first part of the plan is finished on time."
    );
    assert!(claims[1]["text"]
        .as_str()
        .unwrap()
        .starts_with("The second part will take another year"));
}

#[test]
fn unbalanced_quote_stops_at_the_paragraph_end() {
    let t = "Chef Lina Park said “the kitchen never closes on Sundays.\n\nThe next paragraph is plain narration about the town and its market.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "direct",
        "the kitchen never closes on Sundays.",
        "Chef Lina Park",
    );
    assert!(off(&c, "end").unwrap() <= t.find("\n\n").unwrap());
}

#[test]
fn unbalanced_marks_do_not_panic() {
    for t in [
        "He said “this never ends and “that one too.\n\nPlain narration follows here.",
        "”Closing first,“ she said. \"",
        "''",
        "“",
        "Officials said \"",
        "« » „ 「 ‘ ’ \" '' said",
    ] {
        let claims = extract(t);
        for c in &claims {
            // No runaway: a claim never crosses the blank line.
            if let Some(p) = t.find("\n\n") {
                assert!(off(c, "start").unwrap() > p || off(c, "end").unwrap() <= p);
            }
        }
    }
}

#[test]
fn split_quote_with_attribution_in_the_middle_is_one_claim() {
    let t = "“We found the leak early,” said Ada Brook, “and fixed it within the hour.”";
    let c = one(t);
    assert_eq!(c["kind"], "direct");
    assert_eq!(c["speaker"], "Ada Brook");
    assert_eq!(
        c["text"],
        "We found the leak early and fixed it within the hour."
    );
    assert_eq!(off(&c, "start").unwrap(), t.find("We found").unwrap());
    assert_eq!(
        off(&c, "end").unwrap(),
        t.find("hour.").unwrap() + "hour.".len()
    );
}

#[test]
fn split_quote_continued_in_the_next_sentence_is_two_claims_of_one_group() {
    let t = "“We found the leak early,” Ada Brook said. “The crew fixed it within the hour.”";
    let claims = extract(t);
    assert_eq!(claims.len(), 2, "{claims:#?}");
    assert_eq!(claims[0]["group"], claims[1]["group"]);
    assert!(claims[0]["text"]
        .as_str()
        .unwrap()
        .starts_with("We found the leak early"));
    assert_eq!(claims[1]["text"], "The crew fixed it within the hour.");
    assert!(claims.iter().all(|c| c["speaker"] == "Ada Brook"));
}

#[test]
fn negation_in_a_second_quoted_sentence_does_not_flip_the_first() {
    let t = "“The plant reopened on Monday,” Ada Brook said. “No orders were lost.”";
    let claims = extract(t);
    assert_eq!(claims.len(), 2, "{claims:#?}");
    assert_eq!(claims[0]["polarity"], "positive");
    assert_eq!(claims[1]["polarity"], "negative");
}

#[test]
fn sentence_interrupted_by_its_attribution_stays_one_claim() {
    let t = "“Our view,” said Oren Vale, the club's treasurer, “is that the accounts are sound.”";
    let c = one(t);
    assert_eq!(c["speaker"], "Oren Vale");
    assert_eq!(c["text"], "Our view is that the accounts are sound.");
}

#[test]
fn quote_before_attribution_with_trailing_participle() {
    let t = "“Here comes the parade,” Ada Brook said, clapping. The crowd cheered.";
    let c = one(t);
    assert_claim(t, &c, "direct", "Here comes the parade,", "Ada Brook");
}

#[test]
fn quoted_nickname_or_title_is_not_speech() {
    assert!(
        extract("Tom “The Hammer” Briggs won the match on Sunday in front of a large crowd.")
            .is_empty()
    );
    assert!(extract("She starred in “The Long Road Home” before moving to the city.").is_empty());
}

// --- reported speech -----------------------------------------------------------

#[test]
fn x_said_that_content() {
    let t = "Lena Ortiz said that the harbour would be dredged next spring.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "indirect",
        "that the harbour would be dredged next spring",
        "Lena Ortiz",
    );
    assert_eq!(c["content_rule"], "reported-clause");
}

#[test]
fn x_said_content_without_complementiser() {
    let t = "Lena Ortiz said the harbour would be dredged next spring.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "indirect",
        "the harbour would be dredged next spring",
        "Lena Ortiz",
    );
}

#[test]
fn content_then_x_said() {
    let t = "The harbour will be dredged next spring, Lena Ortiz said.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "indirect",
        "The harbour will be dredged next spring",
        "Lena Ortiz",
    );
    assert_eq!(c["content_rule"], "preposed-content");
}

#[test]
fn content_then_said_x_inverted() {
    let t = "The harbour will be dredged next spring, said Lena Ortiz, who runs the port.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "indirect",
        "The harbour will be dredged next spring",
        "Lena Ortiz",
    );
}

#[test]
fn x_told_reporters() {
    let t = "Governor Sam Hale told reporters the budget would be balanced by June.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "indirect",
        "the budget would be balanced by June",
        "Governor Sam Hale",
    );
    assert_eq!(c["cue"], "told reporters");
}

#[test]
fn according_to_x_first() {
    let t = "According to the city auditor, the project is two years behind schedule.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "indirect",
        "the project is two years behind schedule",
        "the city auditor",
    );
    assert_eq!(c["content_rule"], "according-to");
}

#[test]
fn according_to_x_last() {
    let t = "The project is two years behind schedule, according to the city auditor.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "indirect",
        "The project is two years behind schedule",
        "the city auditor",
    );
}

#[test]
fn x_in_a_statement_revealed() {
    let t =
        "Northwind Ltd, in a statement, revealed that its chief financial officer had resigned.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "indirect",
        "that its chief financial officer had resigned",
        "Northwind Ltd",
    );
    assert_eq!(c["cue"], "revealed");
}

#[test]
fn it_was_confirmed_that() {
    let t = "Northwind Airlines grounded two jets on Monday. It was confirmed that the jets would be inspected by the regulator.";
    let c = one(t);
    assert_eq!(c["kind"], "indirect");
    assert_eq!(
        c["text"],
        "that the jets would be inspected by the regulator"
    );
    assert_eq!(c["content_rule"], "passive-it");
    assert_eq!(c["source"], "Northwind Airlines");
}

#[test]
fn colon_headline() {
    let t = "Pence: Flowers won't be at the debate\n\nPence spoke to reporters about the debate for an hour.";
    let c = one(t);
    assert_claim(t, &c, "indirect", "Flowers won't be at the debate", "Pence");
    assert_eq!(c["content_rule"], "colon-headline");
}

#[test]
fn colon_headline_whose_head_the_story_never_names_is_no_claim() {
    let t = "Stealth Over Health: Senator Vale Was Taken to Hospital\n\nSenator Vale was seen leaving a clinic on Sunday.";
    let claims = extract(t);
    assert!(
        claims.iter().all(|c| c["content_rule"] != "colon-headline"),
        "{claims:#?}"
    );
}

#[test]
fn interview_answers_belong_to_the_interviewee_and_questions_are_no_claims() {
    let t = "The mayor, Ines Carrow, spoke to the Courier on Monday.\n\n\
             Q: In May you said the pool would reopen. Mr Dunne says it will not. Is he right?\n\n\
             A: He is right. The pool will stay shut until the roof is repaired.\n\n\
             Q: When will that be?\n\n\
             A: The builders expect to finish in October.";
    let claims = extract(t);
    let texts: Vec<&str> = claims.iter().filter_map(|c| c["text"].as_str()).collect();
    assert!(
        !texts
            .iter()
            .any(|x| x.contains("reopen") || x.contains("When will")),
        "{texts:?}"
    );
    for needle in ["He is right", "stay shut", "finish in October"] {
        let c = with(&claims, needle);
        assert_eq!(c["source"], "Ines Carrow", "{needle}");
        assert_eq!(c["content_rule"], "transcript");
        assert_eq!(c["kind"], "direct");
    }
}

#[test]
fn capitalised_speaker_label_is_the_speaker_when_the_story_names_him() {
    let t = "Governor Tom Pell was interviewed on Sunday.\n\n\
             \"WALLACE: Will you sign the bill?\n\n\
             \"PELL: I will sign it next week. The budget depends on it.\n\n\
             CLARIFICATION: An earlier version misstated the date.";
    let claims = extract(t);
    let c = with(&claims, "sign it next week");
    assert_eq!(c["source"], "Tom Pell");
    assert_eq!(c["speaker"], "PELL");
    assert!(
        claims
            .iter()
            .all(|c| !c["text"].as_str().unwrap_or("").contains("misstated")),
        "{claims:#?}"
    );
    assert!(
        claims
            .iter()
            .all(|c| !c["text"].as_str().unwrap_or("").contains("Will you")),
        "{claims:#?}"
    );
}

#[test]
fn beliefs_officials_believe() {
    let t = "Officials believe the fire started in the basement of the warehouse.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "indirect",
        "the fire started in the basement of the warehouse",
        "Officials",
    );
    assert_eq!(c["modality"], "hedged");
}

#[test]
fn beliefs_experts_warned() {
    let t = "Experts warned that the dam could fail after heavy rain.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "indirect",
        "that the dam could fail after heavy rain",
        "Experts",
    );
}

#[test]
fn cues_with_particles() {
    let t = "Senator Ruth Vale warned against cutting the school budget this year.";
    let c = one(t);
    let content = "cutting the school budget this year";
    assert_claim(t, &c, "indirect", content, "Senator Ruth Vale");
    assert_eq!(c["cue"], "warned against");
    // A particle cue with a thing for object reports no proposition.
    for t in [
        "Senator Ruth Vale called for an inquiry into the contract awards.",
        "Senator Ruth Vale spoke of a crisis in the rural hospitals.",
    ] {
        assert!(extract(t).is_empty(), "{t}");
    }
}

#[test]
fn naming_verb_with_quoted_object() {
    let t = "Senator Ruth Vale called the contract “a scandal” on Tuesday.";
    let c = one(t);
    assert_eq!(c["speaker"], "Senator Ruth Vale");
    assert!(
        c["text"]
            .as_str()
            .unwrap()
            .starts_with("the contract “a scandal”"),
        "{c}"
    );
    // A thing named, not speech.
    assert!(
        extract("He set up a website called “Cape Haven” for travellers last year.").is_empty()
    );
}

#[test]
fn mixed_quote() {
    let t = "Coach Ivan Dorr said the team was “ready for anything” after the long break.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "mixed",
        "the team was “ready for anything” after the long break",
        "Coach Ivan Dorr",
    );
}

#[test]
fn reported_clause_ends_at_a_semicolon() {
    let t = "Ruth Vale said the hearing would be public; the date would follow later.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "indirect",
        "the hearing would be public",
        "Ruth Vale",
    );
}

#[test]
fn outer_attribution_wins_over_a_nested_cue() {
    let t = "Ruth Vale said the governor plans to sign the bill next week.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "indirect",
        "the governor plans to sign the bill next week",
        "Ruth Vale",
    );
}

#[test]
fn two_speakers_in_one_sentence_are_two_claims() {
    let t = "Ruth Vale said the hearing would be public, but Omar Reyes said it would be closed.";
    let claims = extract(t);
    assert_eq!(claims.len(), 2, "{claims:#?}");
    assert_claim(
        t,
        with(&claims, "public"),
        "indirect",
        "the hearing would be public",
        "Ruth Vale",
    );
    assert_claim(
        t,
        with(&claims, "closed"),
        "indirect",
        "it would be closed",
        "Omar Reyes",
    );
}

// --- speakers --------------------------------------------------------------------

#[test]
fn appositive_speaker() {
    let t = "Hugh Hill, a doctor at the clinic, said the outbreak was under control.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "indirect",
        "the outbreak was under control",
        "Hugh Hill",
    );
}

#[test]
fn speaker_past_a_relative_clause() {
    let t = "Ruth Vale, who chairs the committee, said the hearing would be public.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "indirect",
        "the hearing would be public",
        "Ruth Vale",
    );
}

#[test]
fn role_speaker() {
    let t = "Northwind Airlines grounded two jets on Monday. A spokeswoman for Northwind Airlines said all flights would resume on Friday.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "indirect",
        "all flights would resume on Friday",
        "A spokeswoman for Northwind Airlines",
    );
    assert_eq!(c["source"], "Northwind Airlines");
}

#[test]
fn pronoun_speaker() {
    let t = "Maria Lindqvist runs the lab in the city. She said the samples were contaminated.";
    let c = one(t);
    assert_claim(t, &c, "indirect", "the samples were contaminated", "She");
    assert_eq!(c["source"], "Maria Lindqvist");
}

#[test]
fn surname_after_full_name() {
    let t =
        "Maria Lindqvist runs the lab in the city. Lindqvist said the samples were contaminated.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "indirect",
        "the samples were contaminated",
        "Lindqvist",
    );
    assert_eq!(c["source"], "Maria Lindqvist");
}

#[test]
fn unnamed_people_familiar_with_the_matter() {
    let t = "People familiar with the matter said the deal would be announced next week.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "indirect",
        "the deal would be announced next week",
        "People familiar with the matter",
    );
    assert_eq!(c["source_type"], "unnamed");
}

#[test]
fn unnamed_official_on_condition_of_anonymity() {
    let t = "The talks began in May after a long delay. A senior official who spoke on condition of anonymity said the talks had stalled.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "indirect",
        "the talks had stalled",
        "A senior official",
    );
    assert_eq!(c["source_type"], "unnamed");
}

#[test]
fn conduit_citing_unnamed_sources() {
    let t =
        "The Daily Courier quoted unnamed sources who said the factory had been hacked in July.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "indirect",
        "the factory had been hacked in July",
        "unnamed sources",
    );
    assert_eq!(c["source_type"], "unnamed");
    assert_eq!(c["source_parent"], "Daily Courier");
}

#[test]
fn conduit_citing_aside_keeps_the_outlet_as_speaker() {
    let t = "The Daily Courier, citing unnamed sources, reported that the factory had been hacked in July.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "indirect",
        "that the factory had been hacked in July",
        "The Daily Courier",
    );
}

// --- non-claims --------------------------------------------------------------------

#[test]
fn non_claims_declined_refused_did_not_respond() {
    for t in [
        "Northwind Ltd declined to comment on the report about the plant.",
        "Northwind Ltd refused to expand on its statement about the plant.",
        "The ministry did not respond to requests for comment on the plan.",
        "The ministry would not say whether the plan had been approved.",
    ] {
        assert!(extract(t).is_empty(), "{t}: {:#?}", extract(t));
    }
}

// --- segmentation -----------------------------------------------------------------

#[test]
fn segmentation_us_and_mr() {
    let t = "The U.S. envoy said the talks would resume. Mr. Park said he was hopeful about the result.";
    let claims = extract(t);
    assert_eq!(claims.len(), 2, "{claims:#?}");
    assert_claim(
        t,
        with(&claims, "resume"),
        "indirect",
        "the talks would resume",
        "The U.S. envoy",
    );
    assert_claim(
        t,
        with(&claims, "hopeful"),
        "indirect",
        "he was hopeful about the result",
        "Mr. Park",
    );
}

#[test]
fn segmentation_inc_jan_decimals_initials() {
    let t = "Acme Inc. said on Monday that profits rose 2.5 percent in the year to Jan. 5. J. R. Smith said the figure was solid.";
    let claims = extract(t);
    assert_claim(
        t,
        with(&claims, "solid"),
        "indirect",
        "the figure was solid",
        "J. R. Smith",
    );
    let acme = with(&claims, "profits");
    assert_eq!(
        acme["text"],
        "that profits rose 2.5 percent in the year to Jan. 5"
    );
    assert_eq!(acme["speaker"], "Acme Inc.");
}

#[test]
fn segmentation_no_break_spaces() {
    let t = "Halvorsen Foods said 12,000\u{a0}jars were recalled from the shops. Sales fell.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "indirect",
        "12,000\u{a0}jars were recalled from the shops",
        "Halvorsen Foods",
    );
}

#[test]
fn segmentation_bullets() {
    let t = "• The council said the road would reopen in the spring.\n• The police said the suspect had fled the town.";
    let claims = extract(t);
    let c = with(&claims, "fled");
    assert_claim(
        t,
        c,
        "indirect",
        "the suspect had fled the town",
        "The police",
    );
    assert!(claims
        .iter()
        .all(|c| !c["text"].as_str().unwrap().contains('•')));
}

#[test]
fn segmentation_headline_without_full_stop() {
    let t = "Council Approves New Bridge\n\nThe council said the bridge would cost $40 million.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "indirect",
        "the bridge would cost $40 million",
        "The council",
    );
}

// --- reported speech: wider recall ----------------------------------------

#[test]
fn participle_takes_the_clause_subject() {
    let t = "The mayor closed the harbour road on Friday, saying the sea wall had cracked.";
    let claims = extract(t);
    let c = with(&claims, "sea wall");
    assert_eq!(c["speaker"], "The mayor", "{c}");
}

#[test]
fn inverted_speaker_is_not_a_following_clause() {
    let t = "Lena Ortiz, who has farmed the valley for decades, says she expects a poor harvest.";
    let claims = extract(t);
    let c = with(&claims, "poor harvest");
    assert_eq!(c["speaker"], "Lena Ortiz", "{c}");
}

#[test]
fn quote_of_the_previous_sentence_is_not_the_content() {
    let t = "His show was called \"Night Talk.\" He says the station cancelled it without warning.";
    let claims = extract(t);
    let c = with(&claims, "cancelled");
    assert_claim(
        t,
        c,
        "indirect",
        "the station cancelled it without warning",
        "He",
    );
}

#[test]
fn content_starts_after_a_date_adjunct() {
    let t = "The minister said on Jan. 5 that the tunnel would open in March.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "indirect",
        "that the tunnel would open in March",
        "The minister",
    );
}

#[test]
fn content_starts_after_an_interview_adjunct() {
    let t = "Ruth Alder said in an interview with a local radio station that the school would stay open.";
    let c = one(t);
    assert_eq!(c["text"], "that the school would stay open", "{c}");
}

#[test]
fn preposed_content_before_a_participial_attribution() {
    let t = "The ferry will resume next week, Tom Reyes said, adding that tickets stay valid.";
    let claims = extract(t);
    let c = with(&claims, "ferry");
    assert_claim(
        t,
        c,
        "indirect",
        "The ferry will resume next week",
        "Tom Reyes",
    );
    let d = with(&claims, "tickets");
    assert_eq!(d["speaker"], "Tom Reyes", "{d}");
}

#[test]
fn preposed_content_before_told_and_its_hearer() {
    let t = "The pilot was calm and careful, a airport worker told The Daily Ledger.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "indirect",
        "The pilot was calm and careful",
        "a airport worker",
    );
}

#[test]
fn according_to_in_the_middle_of_its_clause() {
    let t =
        "Since last spring, according to the watchdog group, the agency has lost 300 inspectors.";
    let c = one(t);
    assert_eq!(c["speaker"], "the watchdog group", "{c}");
    let s = off(&c, "start").unwrap();
    let e = off(&c, "end").unwrap();
    assert!(t[s..e].starts_with("Since last spring"), "{c}");
    assert!(t[s..e].ends_with("300 inspectors"), "{c}");
}

#[test]
fn polls_show() {
    let t = "Recent polls show the senator trailing by six points.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "indirect",
        "the senator trailing by six points",
        "Recent polls",
    );
}

#[test]
fn shows_ending_a_sentence_is_a_noun() {
    let t = "She appeared on several morning news shows.";
    assert!(extract(t).is_empty());
}

#[test]
fn fronted_survey_frame() {
    let t =
        "In a county survey released Monday, most residents ranked the toll as the biggest local problem.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "indirect",
        "most residents ranked the toll as the biggest local problem",
        "a county survey released Monday",
    );
    assert_eq!(c["cue"], "In");
}

#[test]
fn subject_with_coordination_and_dashes() {
    let t = "Her neighbours and friends say she never missed a town meeting.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "indirect",
        "she never missed a town meeting",
        "Her neighbours and friends",
    );
    let t = "Farmers — and some grocers — say the drought will raise prices.";
    let c = one(t);
    assert_eq!(c["speaker"], "Farmers — and some grocers", "{c}");
}

#[test]
fn subject_after_a_fronted_adverbial_with_appositive_numbers() {
    let t = "Among registered voters, about half, 51 percent, say they back the levy.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "indirect",
        "they back the levy",
        "about half, 51 percent",
    );
}

#[test]
fn reported_clause_stops_at_comma_but() {
    let t = "The mayor says the budget is balanced, but the auditors have not signed off.";
    let claims = extract(t);
    let c = with(&claims, "budget");
    assert_eq!(c["text"], "the budget is balanced", "{c}");
}

#[test]
fn believes_in_it_is_not_preposed_content() {
    let t = "Dana Frye says he believes in it.";
    let c = one(t);
    assert_claim(t, &c, "indirect", "he believes in it", "Dana Frye");
}

#[test]
fn plural_noun_cue_ending_a_sentence() {
    let t = "Planners hope the new line will ease traffic despite the critics' angry remarks.";
    let c = one(t);
    assert_eq!(c["cue"], "hope", "{c}");
    assert_eq!(c["speaker"], "Planners", "{c}");
}

#[test]
fn possessive_noun_cue_claim_that() {
    let t = "The vote followed Mayor Lena Ortiz's claim that the bridge will open in May.";
    let claims = extract(t);
    let c = with(&claims, "bridge");
    assert_claim(
        t,
        c,
        "indirect",
        "that the bridge will open in May",
        "Mayor Lena Ortiz's",
    );
    assert_eq!(c["cue"], "claim", "{c}");
}

#[test]
fn promise_to_with_an_infinitive_is_no_proposition() {
    // An infinitive reports a commitment, not a proposition that later reporting
    // can bear out ("her promise that fares would fall" would be one).
    let t = "The fares fell after her promise to cut the ferry fares.";
    assert!(extract(t).is_empty(), "{:#?}", extract(t));
}

#[test]
fn requests_and_embedded_questions_are_no_claims() {
    for t in [
        "Mr. Obama told his advisers to find a way around Congress.",
        "The union called on the company to reopen the plant.",
        "The mayor asked whether the bridge would open in March.",
        "The company plans to open 40 stores next year.",
    ] {
        assert!(extract(t).is_empty(), "{t}: {:#?}", extract(t));
    }
    // A proposition with a plan inside it stays a claim.
    let t = "Ruth Vale said the governor plans to sign the bill next week.";
    assert_eq!(extract(t).len(), 1);
}

#[test]
fn report_in_subordinate_clause_ends_at_its_comma() {
    let t = "The crews stopped work as the harbour master said the pier was unsafe, and went home.";
    let claims = extract(t);
    let c = with(&claims, "pier");
    assert_claim(
        t,
        c,
        "indirect",
        "the pier was unsafe",
        "the harbour master",
    );
}

#[test]
fn report_in_relative_clause_ends_at_its_comma() {
    let t =
        "Nadia Brook, who said the tunnel was behind schedule, resigned from the board on Friday.";
    let claims = extract(t);
    let c = with(&claims, "tunnel");
    assert_eq!(c["text"], "the tunnel was behind schedule", "{c}");
}

#[test]
fn report_in_temporal_clause_is_a_claim_ending_at_its_comma() {
    let t = "When the harbour master said the pier was unsafe, the ferry crews stopped work.";
    let c = one(t);
    assert_claim(
        t,
        &c,
        "indirect",
        "the pier was unsafe",
        "the harbour master",
    );
}

#[test]
fn list_comma_does_not_end_a_relative_clause_report() {
    let t = "Nadia Brook, who said that boats, trucks and trains were delayed, resigned on Friday.";
    let claims = extract(t);
    let c = with(&claims, "boats");
    assert_eq!(
        c["text"], "that boats, trucks and trains were delayed",
        "{c}"
    );
}

#[test]
fn speaker_past_a_participial_aside_is_the_subject() {
    let t = "Two officials, speaking on condition of anonymity, said the seals had been broken.";
    let c = one(t);
    assert_eq!(c["speaker"], "Two officials");
    assert_eq!(c["source_type"], "unnamed");
    assert_eq!(c["text"], "the seals had been broken");
}

#[test]
fn x_the_maker_of_y_said_keeps_x_as_speaker() {
    let t = "Kinora Media, the streaming service behind the drama The Saltmarsh Years, said on Monday that it had 12 million subscribers.";
    let c = one(t);
    assert_eq!(c["speaker"], "Kinora Media");
    assert_eq!(c["source"], "Kinora Media");
    assert_eq!(c["text"], "that it had 12 million subscribers");
}

#[test]
fn preposed_content_with_a_remark_after_the_cue_is_the_content() {
    let t = "The flood defences held, the fire brigade said on Sunday, far more than first feared.";
    let c = one(t);
    assert_eq!(c["text"], "The flood defences held");
    assert_eq!(c["speaker"], "the fire brigade");
}

#[test]
fn said_in_a_filing_published_on_monday_is_an_adjunct_not_content() {
    let t = "The factory will close, the Trade Registry said in a filing published on Monday.";
    let c = one(t);
    assert_eq!(c["text"], "The factory will close");
    assert_eq!(c["source"], "Trade Registry");
}

#[test]
fn said_that_a_but_that_b_is_two_claims_of_one_group() {
    let t =
        "Officials said on Monday that the plant had reopened, but that no orders had been lost.";
    let claims = extract(t);
    assert_eq!(claims.len(), 2, "{claims:#?}");
    assert_eq!(claims[0]["text"], "that the plant had reopened");
    assert_eq!(claims[1]["text"], "that no orders had been lost");
    assert_eq!(claims[0]["group"], claims[1]["group"]);
    assert_eq!(claims[0]["polarity"], "positive");
    assert_eq!(claims[1]["polarity"], "negative");
}

#[test]
fn said_that_a_and_that_b_without_comma_is_two_claims_of_one_group() {
    let t = "The council said that 43 shops will shut by June and that 1,187 jobs are affected \
             and that the sites would be sold.";
    assert_eq!(
        claim_texts(t),
        [
            "that 43 shops will shut by June",
            "that 1,187 jobs are affected",
            "that the sites would be sold"
        ]
    );
    let claims = extract(t);
    assert!(claims.iter().all(|c| c["group"] == claims[0]["group"]));
    assert!(claims.iter().all(|c| c["source"] == "council"));
}

#[test]
fn said_a_comma_and_that_b_is_two_claims_but_a_demonstrative_stays() {
    let t = "Police said more than 3,000 people had marched, and that the trouble began later.";
    assert_eq!(
        claim_texts(t),
        [
            "more than 3,000 people had marched",
            "that the trouble began later"
        ]
    );
    // Without "that" on the first complement and without a comma, "and that
    // location" is a demonstrative, part of one proposition.
    let t = "Police said a second device was found in Varga Street and that location is sealed.";
    let c = one(t);
    assert!(c["text"]
        .as_str()
        .is_some_and(|x| x.ends_with("that location is sealed")));
    // A determiner after "that" shows the complementiser without comma or parallel.
    let t = "Officials said counting had begun in all 14 districts and that every ballot \
             would be counted by Tuesday.";
    assert_eq!(
        claim_texts(t),
        [
            "counting had begun in all 14 districts",
            "that every ballot would be counted by Tuesday"
        ]
    );
    // "and that was that": a demonstrative before a verb.
    let t = "She said that the plan was sound and that was the end of it.";
    assert!(one(t)["text"]
        .as_str()
        .is_some_and(|x| x.ends_with("end of it")));
}

#[test]
fn disputed_that_account_is_no_claim() {
    // "that" before a noun with no verb is a determiner, not a complementiser.
    let claims = extract("The residents' association disputed that account.");
    assert!(claims.is_empty(), "{claims:#?}");
}

#[test]
fn time_adjunct_between_subject_and_cue_is_not_the_speaker() {
    for t in [
        "Halden Bank just this month announced it would end the sales bonuses.",
        "Halden Bank in April announced that it would end the sales bonuses.",
        "Halden Bank on Sept. 5 announced that it would end the sales bonuses.",
        "Halden Bank last week announced that it would end the sales bonuses.",
    ] {
        let c = one(t);
        assert_eq!(c["speaker"], "Halden Bank", "{t}");
        assert!(
            c["text"]
                .as_str()
                .unwrap_or("")
                .ends_with("end the sales bonuses"),
            "{t}"
        );
    }
}

#[test]
fn cue_word_read_as_a_noun_after_a_determiner_is_no_cue() {
    let claims = extract("Her latest remarks drew criticism from the party's leaders.");
    assert!(claims.is_empty(), "{claims:#?}");
}

#[test]
fn speaker_keeps_its_noun_phrase_without_a_trailing_adverb() {
    let c = one("The governor aggressively denied that the budget was short.");
    assert_eq!(c["speaker"], "The governor");
    assert_eq!(c["text"], "that the budget was short");
}

#[test]
fn unlisted_third_person_form_is_a_cue_when_tagged_as_a_verb() {
    let c = one("The petition states that the club failed to pay its taxes for five months.");
    assert_eq!(c["speaker"], "The petition");
    assert_eq!(
        c["text"],
        "that the club failed to pay its taxes for five months"
    );
}

#[test]
fn first_person_outside_quotes_is_the_writer_not_a_named_source() {
    let t = "Senator Ray Holt spoke in Ohio on Monday. The best advice I know of comes from a teacher in Dayton.\n\nI believe the plan will fail.";
    let claims = extract(t);
    assert!(
        claims.iter().all(|c| c["source"] != "Ray Holt"),
        "{claims:#?}"
    );
    let quoted = one("\"I believe the plan will fail,\" said Ray Holt.");
    assert_eq!(quoted["source"], "Ray Holt");
}

#[test]
fn explain_lists_rejected_cues_with_their_reasons() {
    let t =
        "Her latest remarks drew fire. The minister declined to say whether talks would resume. \
             Officials asked whether the bridge was safe. \"It is safe,\" the engineer said.";
    let claims = extract(t);
    assert_eq!(claims.len(), 1, "{claims:#?}");
    let rej = rejected(t);
    let reason = |cue: &str| {
        rej.iter()
            .find(|r| r["rejected_cue"] == cue)
            .and_then(|r| r["reason"].as_str())
            .unwrap_or_else(|| panic!("{cue} not rejected: {rej:#?}"))
            .to_string()
    };
    assert!(reason("remarks").contains("noun"));
    assert!(reason("say").contains("refusal"));
    assert!(reason("asked").contains("no proposition"));
    for r in &rej {
        let (s, e) = (
            r["cue_start"].as_u64().unwrap() as usize,
            r["cue_end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&t[s..e], r["rejected_cue"].as_str().unwrap());
    }
}

#[test]
fn reported_refusal_is_no_claim() {
    let t = "The tax office said it did not comment on individual taxpayers.";
    assert!(extract(t).is_empty(), "{:#?}", extract(t));
    let r = rejected(t);
    assert!(
        r.iter().any(|r| r["rejected_cue"] == "said"
            && r["reason"].as_str().unwrap_or("").contains("refusal")),
        "{r:#?}"
    );
}

#[test]
fn name_before_an_appositive_with_its_own_relative_clause_is_the_speaker() {
    let text = "Dr Mira Tollan, a soil chemist at the Brenholt Institute who has sampled \
                the wells for a decade, said the nitrate levels had doubled since 2019.";
    let c = one(text);
    assert_eq!(c["speaker"], "Dr Mira Tollan", "{c}");
    assert_eq!(c["source"], "Mira Tollan", "{c}");
    // A fronted adverbial is no name: the appositive's own noun is the speaker.
    let c = one(
        "In Lisbon, a spokesman for the port, who has run the docks for years, \
                 said the cranes were idle.",
    );
    assert_ne!(c["speaker"], "In Lisbon", "{c}");
}

#[test]
fn he_takes_up_a_speaker_named_by_a_lone_surname() {
    let text = "Carrow Town sold their captain, Pavel Kestrin, to a rival club on Friday. \
                Dunleavy, speaking for the first time since the sale, admitted the club had been short of money. \
                \u{201c}We had no other way to pay the wages,\u{201d} he said.";
    let claims = extract(text);
    let admitted = with(&claims, "short of money");
    assert_eq!(admitted["source"], "Dunleavy", "{admitted}");
    let quote = with(&claims, "pay the wages");
    assert_eq!(quote["source"], "Dunleavy", "{quote}");
    assert_eq!(quote["source_type"], "person", "{quote}");
}

#[test]
fn asked_not_to_be_named_is_no_claim() {
    let text = "A dock worker, who asked not to be named, said the cranes had been idle since May.";
    let c = one(text);
    assert_eq!(c["text"], "the cranes had been idle since May", "{c}");
    assert!(
        rejected(text).iter().any(|r| r["rejected_cue"] == "asked"),
        "{:?}",
        rejected(text)
    );
}

#[test]
fn time_adjunct_with_a_part_of_day_after_the_cue_is_not_content() {
    let c = one("The governor, Ines Varga, said on Sunday night that no homes had been destroyed.");
    assert_eq!(c["text"], "that no homes had been destroyed", "{c}");
}

#[test]
fn name_before_two_appositives_is_the_speaker() {
    let c = one(
        "Ilona Verhoef, the trade minister of Dalmark, a founding member of the customs union, \
                 said the tariffs would be lifted in June.",
    );
    assert_eq!(c["speaker"], "Ilona Verhoef", "{c}");
}

#[test]
fn name_modifying_a_plural_head_is_a_group_not_the_person() {
    let text = "Mayor Tomas Brandt spoke on Monday. Brandt supporters said the vote had been fair.";
    let c = with(&extract(text), "the vote had been fair").clone();
    assert_eq!(c["source"], "brandt supporters", "{c}");
    assert_eq!(c["source_type"], "unnamed", "{c}");
}

#[test]
fn party_and_state_in_brackets_between_speaker_and_cue() {
    let c =
        one("\u{201c}The levy is a tax on the poor,\u{201d} Rep. Dana Kowal (D-Ore.) said Friday.");
    assert_eq!(c["source"], "Dana Kowal", "{c}");
    assert_eq!(c["text"], "The levy is a tax on the poor,", "{c}");
    let c = one("Arlo Penn (45) said the ferry had left early.");
    assert_eq!(c["source"], "Arlo Penn", "{c}");
}

#[test]
fn a_title_after_a_title_is_no_source() {
    let c = one("\"Subpoenas are not optional,\" panel Chairman Rep. Dana Kowal said.");
    assert_eq!(c["source"], "Dana Kowal", "{c}");
}

#[test]
fn a_quote_credited_by_a_dash_and_a_name_ending_the_paragraph() {
    let cs = extract(
        "Letters about the new bridge.\n\n\
         \u{201c}The toll is far too high for commuters.\u{201d} \u{2015} Lena Marsh\n\
         \u{201c}It has cut my drive to work by twenty minutes.\u{201d}\u{2014} Omar Reyes, a delivery driver\n",
    );
    let got: Vec<(&str, &str)> = cs
        .iter()
        .map(|c| (c["source"].as_str().unwrap(), c["text"].as_str().unwrap()))
        .collect();
    assert!(
        got.contains(&("Lena Marsh", "The toll is far too high for commuters.")),
        "{got:?}"
    );
    assert!(
        got.contains(&(
            "Omar Reyes",
            "It has cut my drive to work by twenty minutes."
        )),
        "{got:?}"
    );
    assert!(
        cs.iter().all(|c| c["content_rule"] == "dash-attribution"),
        "{cs:#?}"
    );
}

#[test]
fn a_dash_after_a_quote_that_runs_on_into_a_sentence_credits_nobody() {
    let cs = extract(
        "\u{201c}Build it faster\u{201d} \u{2014} Mayor Lena Marsh's slogan \u{2014} was painted on every bus.\n",
    );
    assert!(
        cs.iter().all(|c| c["content_rule"] != "dash-attribution"),
        "{cs:#?}"
    );
}

#[test]
fn a_passive_with_an_agent_and_nothing_reported_is_no_claim() {
    let cs = extract("The tariff was first proposed by the trade minister in 1998.");
    assert!(cs.is_empty(), "{cs:#?}");
}

#[test]
fn a_cue_noun_after_a_possessive_is_not_the_verb_of_the_clause() {
    let cs = extract(
        "Mr. Halloran barely answered, treating Ms. Varga's remark as a joke and, \
         when pressed, asserting, \u{201c}Of course I paid the levy.\u{201d}",
    );
    let c = cs
        .iter()
        .find(|c| c["text"].as_str().unwrap_or("").contains("paid the levy"))
        .expect("the quote");
    assert_eq!(c["source"], "Halloran", "{c}");
}

#[test]
fn a_cue_word_closing_a_compound_noun_is_no_cue() {
    let cs = extract(
        "Her tax returns are far longer than her 90-page disclosure report. \
         The mayor did not supply a budget estimate for the bridge.",
    );
    assert!(cs.is_empty(), "{cs:#?}");
    // A name's present tense that the tagger may read as a noun still reports.
    let c = one("The Harbour Institute estimates that the levy would raise $4 million.");
    assert_eq!(c["source"], "Harbour Institute", "{c}");
}

#[test]
fn a_speaker_phrase_may_end_in_a_place_or_work_after_in() {
    let c = one("\u{201c}He never paid his share,\u{201d} a narrator in the Halvern ad says.");
    assert_eq!(c["speaker"], "a narrator in the Halvern ad", "{c}");
    assert_eq!(c["text"], "He never paid his share,", "{c}");
}

#[test]
fn a_participle_and_time_after_the_subject_is_no_part_of_its_head() {
    let cs = extract("A Harbour Board report released last year found that the quay was unsafe.");
    let c = cs
        .iter()
        .find(|c| c["cue"] == "found")
        .unwrap_or_else(|| panic!("{cs:#?}"));
    assert_eq!(c["source"], "Harbour Board", "{c}");
    assert_eq!(c["text"], "that the quay was unsafe", "{c}");
}

#[test]
fn a_quoted_title_after_a_word_is_not_the_speakers_words() {
    let c = one(
        "In an interview on Channel 9's \"Morning Report,\" Mayor Ines Varga said the bridge would reopen.",
    );
    assert_eq!(c["text"], "the bridge would reopen", "{c}");
    assert_eq!(c["source"], "Ines Varga", "{c}");
}

#[test]
fn the_group_before_a_partitive_relative_is_the_speaker() {
    let c = one("The council wrote to 40 landlords, many of whom said the rents were fair.");
    assert_eq!(c["speaker"], "40 landlords", "{c}");
    let c =
        one("The law angered family members of 9/11 victims, many of whom say the veto was wrong.");
    assert_eq!(c["speaker"], "family members of 9/11 victims", "{c}");
}

#[test]
fn a_reported_thing_without_a_verb_is_no_claim_but_a_denied_one_is() {
    // The cue's object is a thing, not a proposition.
    let cs = extract(
        "At every rally the developer claimed vast wealth. \
         The senator referred to her old campaign slogan.",
    );
    assert!(cs.is_empty(), "{cs:#?}");
    // Denying a thing asserts its absence: "it was not involved".
    let cs = extract("The ministry denied any involvement in the border shooting.");
    let c = cs
        .iter()
        .find(|c| c["text"].as_str().unwrap_or("").contains("involvement"))
        .expect("the denial");
    assert_eq!(c["polarity"], "negative", "{c}");
}

#[test]
fn a_directive_stays_one_when_a_relative_clause_follows() {
    // "would" belongs to the relative clause, not to a subject "X to refrain".
    let cs = extract(
        "The ministry warned the rebels to refrain from any step that would widen the war.",
    );
    assert!(cs.is_empty(), "{cs:#?}");
}

#[test]
fn an_adverb_or_progressive_between_subject_and_cue_keeps_the_subject() {
    for (text, cue, source) in [
        (
            "Senator Ovid Lanz has long said that the canal levy is unfair.",
            "said",
            "Ovid Lanz",
        ),
        (
            "The harbour authority is saying that the dredging will finish in May.",
            "saying",
            "harbour authority",
        ),
        (
            "Mayor Ines Varga has been insisting that the bridge is safe.",
            "insisting",
            "Ines Varga",
        ),
    ] {
        let c = one(text);
        assert_eq!(c["cue"], cue, "{c}");
        assert_eq!(c["source"], source, "{c}");
    }
    // A passive with "that" reports what someone else said: "He" only heard it.
    assert!(extract("He was told that the plant would close.").is_empty());
}

#[test]
fn a_month_after_a_first_name_is_a_surname() {
    let c = one("Premier Edith May said the province would leave the compact.");
    assert_eq!(c["source"], "Edith May", "{c}");
}

#[test]
fn a_coordinated_cue_takes_the_speaker_not_a_cue_inside_the_content() {
    // "declare" sits inside Varga's reported clause; "suggested" is hers.
    let cs = extract(
        "Mayor Ines Varga said the city would formally declare an emergency by Friday \
         and suggested that the port would close.",
    );
    let c = cs
        .iter()
        .find(|c| {
            c["text"]
                .as_str()
                .unwrap_or("")
                .contains("port would close")
        })
        .unwrap_or_else(|| panic!("{cs:#?}"));
    assert_eq!(c["source"], "Ines Varga", "{c}");
}

#[test]
fn a_possessor_before_a_persons_role_is_not_the_speaker() {
    let c = one("Ines Varga's campaign manager Tomas Reyes said the rally was full.");
    assert_eq!(c["source"], "Tomas Reyes", "{c}");
    let c = one("Ovid Lanz's doctor said the senator was fit to serve.");
    assert_ne!(c["source"], "Ovid Lanz", "{c}");
    // A spokesperson speaks for the one whose spokesperson they are.
    let c = one("A spokeswoman for Brannock Retail said the stores would reopen.");
    assert_eq!(c["source"], "Brannock Retail", "{c}");
}

#[test]
fn an_institution_named_with_of_or_and_is_one_name() {
    let c = one("Bank of Lindqvar, the central bank, said rates would rise.");
    assert_eq!(c["source"], "Bank of Lindqvar", "{c}");
    let c = one(
        "Customs and Border Services, the agency that runs the checkpoints, said queues were shorter.",
    );
    assert_eq!(c["source"], "Customs and Border Services", "{c}");
}

#[test]
fn a_party_parenthetical_before_an_appositive_stays_with_the_name() {
    let cs = extract(
        "\"The audit was a sham,\" Rep. Ann Lee (D-Ore.), a member of the panel, said in an interview.",
    );
    let c = cs.first().unwrap_or_else(|| panic!("{cs:#?}"));
    assert_eq!(c["source"], "Ann Lee", "{c}");
    assert_eq!(c["kind"], "direct", "{c}");
}

#[test]
fn a_third_partys_refusal_to_act_is_a_claim_but_a_refusal_to_comment_is_not() {
    let c = one("The officer said the driver refused to leave his car.");
    assert_eq!(c["text"], "the driver refused to leave his car", "{c}");
    assert!(extract("The firm said it declined to comment on the case.").is_empty());
}

#[test]
fn the_object_of_a_preposition_is_no_subject() {
    // "the quay" is where they marched, not who chanted.
    let cs = extract("Dockers marching along the quay chanted \"No more cuts!\"");
    assert!(
        cs.iter()
            .all(|c| c["source"] != "quay" && c["speaker"] != "the quay"),
        "{cs:#?}"
    );
    // A fronted phrase that lacks its comma still ends in the speaker's name.
    let c = one("In a radio interview Varga declared that the port would reopen.");
    assert_eq!(c["source"], "Varga", "{c}");
    // A phrase linked by "on" or "by" is one subject.
    let c = one("A study by harbour economist Ovid Lanz found that fees had tripled.");
    assert_eq!(c["source"], "Ovid Lanz", "{c}");
    let c = one("The Commission on Harbour Safety says that the quay is unsafe.");
    assert_eq!(c["source"], "Commission on Harbour Safety", "{c}");
}

#[test]
fn age_and_home_town_asides_stay_with_the_name() {
    let c = one(
        "Ines Varga, 61, of Marlow Quay, Del., who fished there for decades, said the water was brown.",
    );
    assert_eq!(c["source"], "Ines Varga", "{c}");
}

#[test]
fn a_time_word_or_subordinator_after_the_cue_is_no_inverted_speaker() {
    let cs =
        extract("\"The levy will be repealed,\" Senate leader Ovid Lanz, R-Del., said Tuesday.");
    assert!(cs.iter().all(|c| c["source"] != "Tuesday"), "{cs:#?}");
    let cs = extract("The crowd was quiet, as a man in the front row said before he left.");
    assert!(
        cs.iter().all(|c| c["speaker"] != "before he left"),
        "{cs:#?}"
    );
}

#[test]
fn a_report_inside_an_opening_subordinate_clause_ends_at_its_comma() {
    // "felt" sits inside the "While" clause; its content must not swallow
    // Lanz's own report after the comma.
    let cs = extract(
        "While he admitted funding was the main reason he felt worn out serving on the board, \
         Lanz also noted several \u{201c}small things\u{201d} left him bitter.",
    );
    let c = cs
        .iter()
        .find(|c| c["cue"] == "noted")
        .unwrap_or_else(|| panic!("{cs:#?}"));
    assert_eq!(c["source"], "Lanz", "{c}");
    let cs = extract(
        "Writing for a newspaper panel that all agreed Varga won the debate, \
         Ovid Lanz noted that her calm manner was decisive.",
    );
    let c = cs
        .iter()
        .find(|c| c["cue"] == "noted")
        .unwrap_or_else(|| panic!("{cs:#?}"));
    assert_eq!(c["source"], "Ovid Lanz", "{c}");
    assert!(
        cs.iter()
            .all(|c| !c["text"].as_str().unwrap_or("").contains("Lanz noted")),
        "{cs:#?}"
    );
}

#[test]
fn a_fronted_adverb_is_no_participles_subject() {
    let cs = extract("Meanwhile, it attacked the mayor, saying she lacks the judgment to lead.");
    assert!(cs.iter().all(|c| c["speaker"] != "Meanwhile"), "{cs:#?}");
}

#[test]
fn a_quoted_question_or_command_is_no_claim_but_the_statement_beside_it_is() {
    let cs = extract(
        "\"Why would anyone believe the harbour is safe? Tell that to the crews. \
         The quay has cracked twice this year,\" Lanz said.",
    );
    let texts: Vec<&str> = cs.iter().filter_map(|c| c["text"].as_str()).collect();
    assert!(
        texts.iter().any(|t| t.contains("cracked twice")),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .all(|t| !t.contains("Why would") && !t.contains("Tell that")),
        "{texts:?}"
    );
}

#[test]
fn a_request_with_a_quoted_phrase_or_a_mandative_clause_is_no_claim() {
    // The quoted words make the content mixed; it is still a request.
    let cs = extract(
        "The Varga family called on police to release the footage \"for the sake of openness.\"",
    );
    assert!(cs.is_empty(), "{cs:#?}");
    let cs = extract("The council demanded that the harbour master resign.");
    assert!(cs.is_empty(), "{cs:#?}");
    // A naming verb with a quoted name is an evaluation and stays.
    let c = one("Mayor Ines Varga called the ruling \"a huge win for the harbour.\"");
    assert_eq!(c["source"], "Ines Varga", "{c}");
}

#[test]
fn a_phrase_opening_with_a_verb_is_no_subject() {
    // "maintain" is the bare infinitive after "help Varga"; Varga claims nothing.
    let cs = extract("The broadcasts help Ines Varga maintain the image of a strong mayor.");
    assert!(cs.iter().all(|c| c["source"] != "Ines Varga"), "{cs:#?}");
    // A participle before its noun opens a subject.
    let c = one("Elected officials from both parties say the levy is fair.");
    assert_eq!(c["text"], "the levy is fair", "{c}");
}

#[test]
fn the_medium_of_the_attribution_is_no_part_of_the_content() {
    let c = one(
        "Mayor Ines Varga said the ferry would resume service in an interview with the Harbour Ledger on Friday.",
    );
    assert_eq!(c["text"], "the ferry would resume service", "{c}");
    // The same words inside the content's own clause stay.
    let c = one("Ovid Lanz said the figures in the speech were false.");
    assert_eq!(c["text"], "the figures in the speech were false", "{c}");
}

#[test]
fn a_participle_after_a_comma_ends_the_report_before_it() {
    let cs = extract(
        "At a rally, Varga attacked Lanz for his record on the harbour, saying, \"He has never read the budget.\"",
    );
    let said = cs
        .iter()
        .find(|c| c["cue"] == "saying")
        .unwrap_or_else(|| panic!("{cs:#?}"));
    assert_eq!(said["text"], "He has never read the budget.", "{said}");
    assert_eq!(said["source"], "Varga", "{said}");
    assert!(
        cs.iter()
            .all(|c| !c["text"].as_str().unwrap_or("").contains("saying")),
        "{cs:#?}"
    );
}

#[test]
fn a_belief_verbs_object_is_no_claim_but_its_clause_is() {
    let cs = extract("Varga knows the fine print of harbour law, and she won the vote easily.");
    assert!(cs.iter().all(|c| c["cue"] != "knows"), "{cs:#?}");
    let c = one("Lanz believes bigotry and xenophobia are acceptable to his rivals.");
    assert_eq!(
        c["text"], "bigotry and xenophobia are acceptable to his rivals",
        "{c}"
    );
    // An aside with a slash still leaves the name before it as the speaker.
    let c =
        one("Lanz, appearing after Varga at the TV/radio forum, said the port was losing money.");
    assert_eq!(c["source"], "Lanz", "{c}");
}

#[test]
fn participle_aside_after_the_subject_is_no_cue() {
    // "published" describes the report; "found" is the report's verb.
    let c = one(
        "The harbour audit, published on Wednesday, found that 4,100 permits had been issued without checks.",
    );
    assert_eq!(c["cue"], "found", "{c}");
    assert_eq!(
        c["text"], "that 4,100 permits had been issued without checks",
        "{c}"
    );
    assert_eq!(c["speaker"], "The harbour audit", "{c}");
}

#[test]
fn weekday_after_on_does_not_join_an_institutions_name() {
    let c = one(
        "A spokeswoman for the Transport Ministry on Tuesday said the bridge would reopen in May.",
    );
    assert_eq!(c["source"], "Transport Ministry", "{c}");
    // A real "on" name keeps it.
    let c = one("The Commission on Harbour Safety said the bridge would reopen in May.");
    assert_eq!(c["source"], "Commission on Harbour Safety", "{c}");
}

#[test]
fn passive_participles_agent_is_no_content() {
    let cs = extract(
        "According to the harbour audit, published by the port council on Tuesday, inspectors found rust on two cranes.",
    );
    assert!(
        cs.iter()
            .all(|c| !c["text"].as_str().unwrap_or("").starts_with("by ")),
        "{cs:#?}"
    );
}

#[test]
fn quote_of_two_sentences_closing_before_told_is_the_speakers() {
    let cs = extract(
        "“We let the cover lapse at two of our hotels. That was a bad mistake,” Ana Varga told the Ledger in her first interview since the closure.",
    );
    assert_eq!(cs.len(), 2, "{cs:#?}");
    for c in &cs {
        assert_eq!(c["source"], "Ana Varga", "{c}");
        assert_eq!(c["cue"], "told", "{c}");
    }
    assert_eq!(cs[0]["group"], cs[1]["group"], "{cs:#?}");
    // The addressee after "told" is never content.
    assert!(
        cs.iter()
            .all(|c| !c["text"].as_str().unwrap_or("").contains("Ledger")),
        "{cs:#?}"
    );
}

#[test]
fn participle_or_coordinator_after_said_comma_is_no_content() {
    let cs = extract("“Who would have thought it?” Varga said, looking out over the harbour.");
    assert!(
        cs.iter()
            .all(|c| !c["text"].as_str().unwrap_or("").contains("looking")),
        "{cs:#?}"
    );
    let cs = extract("“Are you winning?” she said, but Lanz was asleep again.");
    assert!(
        cs.iter()
            .all(|c| !c["text"].as_str().unwrap_or("").contains("asleep")),
        "{cs:#?}"
    );
}

#[test]
fn possessive_pronoun_of_a_noun_cue_resolves_like_its_pronoun() {
    let cs = extract(
        "Lanz said on Monday that voters would learn nothing from the port accounts.\n\nContrary to his claim that voters would learn nothing, the accounts hold a great deal.",
    );
    let c = cs
        .iter()
        .find(|c| c["cue"] == "claim")
        .unwrap_or_else(|| panic!("{cs:#?}"));
    assert_eq!(c["source"], "Lanz", "{c}");
    // The fronted phrase's content ends at its comma.
    assert_eq!(c["text"], "that voters would learn nothing", "{c}");
}

#[test]
fn documents_publisher_named_after_it_is_the_source() {
    let cs = extract(
        "The Lanz Hotel reopened its kitchen last week.\n\nAccording to the inspection report, published by Harbour City Council on Tuesday, inspectors found rust on two cranes.",
    );
    let c = cs
        .iter()
        .find(|c| c["cue"] == "According to")
        .unwrap_or_else(|| panic!("{cs:#?}"));
    assert_eq!(c["source"], "Harbour City Council", "{c}");
    assert_eq!(c["text"], "inspectors found rust on two cranes", "{c}");
}

#[test]
fn cue_word_after_a_determiner_stays_in_the_speakers_phrase() {
    let cs = extract(
        "The port is preparing to raise its fees by a tenth, according to two people familiar with the plans. One of them said the rise would come in April.",
    );
    assert_eq!(cs.len(), 2, "{cs:#?}");
    assert_eq!(
        cs[0]["speaker"], "two people familiar with the plans",
        "{cs:#?}"
    );
    assert_eq!(cs[0]["source_type"], "unnamed", "{cs:#?}");
    assert_eq!(cs[1]["source"], cs[0]["source"], "{cs:#?}");
}

#[test]
fn a_title_in_quotation_marks_after_a_word_is_no_ones_words() {
    let cs = extract(
        "\"We need calm on the waterfront,\" Varga said on Channel Four's \"The Harbour Week Tonight.\"",
    );
    assert_eq!(cs.len(), 1, "{cs:#?}");
    assert_eq!(cs[0]["text"], "We need calm on the waterfront,", "{cs:#?}");
}

#[test]
fn a_document_issued_by_someone_speaks_for_its_maker() {
    let cs = extract(
        "Harbour City Council issued a statement on Monday saying that no tenant data had been lost.",
    );
    assert_eq!(cs.len(), 1, "{cs:#?}");
    assert_eq!(cs[0]["source"], "Harbour City Council", "{cs:#?}");
    assert_eq!(cs[0]["speaker_rule"], "document-maker", "{cs:#?}");
    assert_eq!(
        cs[0]["text"], "that no tenant data had been lost",
        "{cs:#?}"
    );
    // A document that is a reported clause's subject is no object of its maker.
    let cs = extract("Varga says an internal review shows no file left the building.");
    assert!(
        cs.iter().all(|c| c["speaker_rule"] != "document-maker"),
        "{cs:#?}"
    );
}

#[test]
fn coordinated_cue_after_an_auxiliary_takes_the_clause_subject() {
    let cs = extract(
        "Ilse Varga has backed the harbour plan but has said the city cannot pay for it alone.",
    );
    let c = cs
        .iter()
        .find(|c| c["cue"] == "said")
        .unwrap_or_else(|| panic!("{cs:#?}"));
    assert_eq!(c["source"], "Ilse Varga", "{c}");
    assert_eq!(c["text"], "the city cannot pay for it alone", "{c}");
}

#[test]
fn a_deed_verbs_object_with_a_verb_only_in_a_relative_clause_is_no_claim() {
    let cs = extract(
        "Ilse Varga supported the council during her years on the board, which ended in 2019.",
    );
    assert!(cs.is_empty(), "{cs:#?}");
    // A verb outside the aside keeps an accusation, gerund included.
    let cs = extract("Lanz accused the mayor, who took office in May, of hiding the audit.");
    assert_eq!(cs.len(), 1, "{cs:#?}");
    assert_eq!(cs[0]["source"], "Lanz", "{cs:#?}");
    // "say" takes a proposition whatever its first clause.
    let cs = extract("Varga said the levy, set by the council in May, would raise 4 million.");
    assert_eq!(cs.len(), 1, "{cs:#?}");
}

#[test]
fn a_cue_whose_object_is_a_pronoun_before_its_speaker_has_no_content() {
    let cs =
        extract("The gap between what Varga says the levy would raise and what it raised is wide.");
    assert!(cs.is_empty(), "{cs:#?}");
    let cs = extract("The board cited the audit, which Lanz pointed to as proof of its openness.");
    assert!(cs.iter().all(|c| c["source"] != "Lanz"), "{cs:#?}");
    // A relative pronoun after a preposition is the preposition's.
    let cs = extract(
        "Harbour City Council lost the suit in which Varga argued that the levy was unlawful.",
    );
    assert_eq!(cs.len(), 1, "{cs:#?}");
    assert_eq!(cs[0]["text"], "that the levy was unlawful", "{cs:#?}");
}

#[test]
fn a_prepositional_phrase_between_cue_and_that_is_no_content() {
    let cs = extract(
        "Varga said at a rally in the harbour district that the ferry fares would fall.\n\nLanz tweeted in the early morning hours that the ferry was late.",
    );
    assert_eq!(cs.len(), 2, "{cs:#?}");
    assert_eq!(cs[0]["text"], "that the ferry fares would fall", "{cs:#?}");
    assert_eq!(cs[1]["text"], "that the ferry was late", "{cs:#?}");
}

#[test]
fn an_institution_named_with_for_and_an_article_keeps_its_whole_name() {
    let cs =
        extract("The Committee for a Sound Harbour reported that the levy would cost 4 million.");
    assert_eq!(cs.len(), 1, "{cs:#?}");
    assert_eq!(cs[0]["source"], "Committee for a Sound Harbour", "{cs:#?}");
    assert_eq!(cs[0]["source_type"], "organization", "{cs:#?}");
}

#[test]
fn a_person_mentioned_in_a_claims_content_is_no_antecedent_before_its_speaker() {
    let cs = extract(
        "\"The ferry is late again,\" said harbour master Tom Varga.\n\nVarga said the plan would raise Peter Lanz's fees.\n\n\"I think the plan is wrong. It costs too much,\" he said.",
    );
    let last = cs.last().unwrap_or_else(|| panic!("{cs:#?}"));
    assert_eq!(last["speaker"], "he", "{cs:#?}");
    assert_eq!(last["source"], "Tom Varga", "{cs:#?}");
}

#[test]
fn an_inverted_attribution_with_an_appositive_ends_the_reported_clause_before_it() {
    let cs = extract(
        "Harbour officials felt safe with the deal because they could press the lenders to pay, said Ilse Varga, the lawyer for the port authority.",
    );
    assert_eq!(cs.len(), 1, "{cs:#?}");
    assert_eq!(cs[0]["source"], "Ilse Varga", "{cs:#?}");
    assert_eq!(
        cs[0]["text"],
        "Harbour officials felt safe with the deal because they could press the lenders to pay",
        "{cs:#?}"
    );
}

#[test]
fn an_attribution_after_a_coordinated_remainder_covers_the_whole_sentence() {
    let cs = extract(
        "Lanz had told the council that he did not want the escort at all, but the police overruled that request, the source added.",
    );
    assert_eq!(cs.len(), 1, "{cs:#?}");
    assert_eq!(cs[0]["speaker"], "the source", "{cs:#?}");
    assert!(
        cs[0]["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("Lanz had told the council")),
        "{cs:#?}"
    );
}

#[test]
fn that_read_by_its_tag_tells_a_report_from_a_noun_phrase_or_relative_clause() {
    let cs = extract("Justice Ilse Varga rejected that argument in a ruling released on Thursday.");
    assert!(cs.is_empty(), "{cs:#?}");
    let cs = extract(
        "The Harbour Trust agreed to clean up the old docks and reclaim the land that had been ravaged.",
    );
    assert!(cs.is_empty(), "{cs:#?}");
    // A complementiser keeps its clause even where the tagger misses the verb.
    let cs = extract("Varga said that prices of oil rose.");
    assert_eq!(cs.len(), 1, "{cs:#?}");
    assert_eq!(cs[0]["text"], "that prices of oil rose", "{cs:#?}");
}

#[test]
fn insisting_that_someone_do_something_is_a_demand_not_a_claim() {
    let cs = extract("The council insisted that the harbour master stop the dredging.");
    assert!(cs.is_empty(), "{cs:#?}");
    let cs = extract("The council insisted that the harbour master was never told.");
    assert_eq!(cs.len(), 1, "{cs:#?}");
}

#[test]
fn a_name_before_a_bare_role_and_a_second_appositive_is_the_speaker() {
    let cs = extract(
        "\"The levy is fair,\" Ilse Varga, director of the Harbour Trust and a professor at the Lanz Institute, said on Monday.",
    );
    assert_eq!(cs.len(), 1, "{cs:#?}");
    assert_eq!(cs[0]["source"], "Ilse Varga", "{cs:#?}");
    assert_eq!(cs[0]["text"], "The levy is fair,", "{cs:#?}");
}

#[test]
fn that_after_a_cues_own_noun_or_addressee_opens_the_report() {
    // The tagger may read "that demand" as a relative pronoun and a verb.
    let cs = extract("Varga told reporters that demand for ferries had grown strongly this year.");
    assert_eq!(cs.len(), 1, "{cs:#?}");
    assert_eq!(
        cs[0]["text"], "that demand for ferries had grown strongly this year",
        "{cs:#?}"
    );
}

#[test]
fn according_to_a_speaker_with_an_appositive_keeps_the_appositive_out_of_the_content() {
    let cs = extract(
        "When the training is tailored to the individual, it can be very effective, according to Ilse Varga, head of the Lanz Institute at the University of Harbour City, and other scientists.\n\nThe plant, according to the ministry, will close in May and lay off 300 workers.",
    );
    assert_eq!(cs.len(), 2, "{cs:#?}");
    assert_eq!(
        cs[0]["text"], "When the training is tailored to the individual, it can be very effective",
        "{cs:#?}"
    );
    // A content split by the attribution still joins its two pieces.
    assert_eq!(
        cs[1]["text"], "The plant will close in May and lay off 300 workers",
        "{cs:#?}"
    );
}

/// `text` gives exactly one claim, whose `field` is `want`.
fn one_claim_with(text: &str, field: &str, want: &str) {
    let cs = extract(text);
    assert_eq!(cs.len(), 1, "{text}: {cs:#?}");
    assert_eq!(cs[0][field], want, "{text}");
}

/// Each of `texts` gives no claim, and `control`, written like them but
/// reporting a clause, gives exactly one.
fn no_claims_but(texts: &[&str], control: &str) {
    for text in texts {
        let cs = extract(text);
        assert!(cs.is_empty(), "{text}: {cs:#?}");
    }
    let cs = extract(control);
    assert_eq!(cs.len(), 1, "{control}: {cs:#?}");
}

#[test]
fn a_report_inside_the_writers_own_question_is_no_claim() {
    no_claims_but(
        &[
            "Can you imagine if the harbour master were a woman?",
            "How do you know when a college is worth the higher fee?",
            "Would voters believe that Lanz had kept his promise?",
        ],
        // A report beside a question stands.
        "Varga said the harbour would reopen in May. Who asked?",
    );
}

#[test]
fn a_participle_or_a_topic_after_the_cue_is_no_proposition() {
    no_claims_but(
        &[
            "Many residents felt betrayed when the council closed the pool in June.",
            "Lanz spoke of the days when the harbour was full of ships.",
            "The union talked about the plans the council had drawn up for the depot.",
        ],
        "Lanz said the harbour was full of ships.",
    );
}

#[test]
fn an_according_to_appositive_with_a_participle_stays_out_of_the_content() {
    let cs = extract(
        "Some families would pay more under the plan, according to an analysis by Edda Varga, a former tax aide now teaching at Harbour University, whose conclusions were backed by the Lanz Institute.",
    );
    assert_eq!(cs.len(), 1, "{cs:#?}");
    assert_eq!(cs[0]["text"], "Some families would pay more under the plan");
}

#[test]
fn an_adjunct_between_the_cue_and_that_is_no_part_of_the_content() {
    for (text, content) in [
        (
            "Varga said several months later that the plan had failed.",
            "that the plan had failed",
        ),
        (
            "Varga said, in a statement, that the harbour would reopen.",
            "that the harbour would reopen",
        ),
        (
            "The union complained bitterly that the rules were unclear.",
            "that the rules were unclear",
        ),
        // An object noun phrase stays: the idea is what was disputed.
        (
            "Lanz disputed the idea that the harbour was unsafe.",
            "the idea that the harbour was unsafe",
        ),
    ] {
        one_claim_with(text, "text", content);
    }
}

#[test]
fn a_cue_inside_a_clause_of_the_sentence_attributes_nothing_before_it() {
    no_claims_but(
        &["The tape was apparently footage of Lanz from when she appeared on a quiz show."],
        "The footage was old, she said.",
    );
}

#[test]
fn a_subject_with_a_relative_clause_without_who_is_the_speaker() {
    for (text, speaker) in [
        (
            "All the engineers I interviewed said the bridge was safe.",
            "the engineers",
        ),
        (
            "The residents we spoke to said the water had been brown for weeks.",
            "The residents",
        ),
    ] {
        one_claim_with(text, "speaker", speaker);
    }
    // "described as ..." names a quality, not a proposition.
    no_claims_but(
        &["Everyone I asked criticized as hopelessly complicated what is the council's boldest plan."],
        "Everyone I asked said the plan was hopelessly complicated.",
    );
}

#[test]
fn a_title_written_only_with_its_full_stop_is_no_first_name() {
    // "Del." is a delegate's title and does not end the sentence; "Del" alone is a first name.
    let t = "\"The audit was rushed,\" said Del. Mara Lanz of the Kellow Islands.\n\n\
             Del Varga said the team was ready.";
    let claims = extract(t);
    let sources: Vec<&str> = claims.iter().filter_map(|c| c["source"].as_str()).collect();
    assert_eq!(sources, ["Mara Lanz", "Del Varga"], "{claims:#?}");
}

#[test]
fn role_group_before_no_named_body_stays_unnamed_not_the_last_organisation() {
    let t = "The Harbour City Council met on Monday. Council officials said the budget was \
             balanced.\n\nThe Kellow Port Authority announced new fees. Administration officials \
             said the fees would help.";
    let claims = extract(t);
    let got: Vec<(&str, &str)> = claims
        .iter()
        .filter_map(|c| Some((c["source"].as_str()?, c["source_type"].as_str()?)))
        .collect();
    assert_eq!(
        got,
        [
            ("Harbour City Council", "organization"),
            ("administration officials", "unnamed")
        ],
        "{claims:#?}"
    );
}

#[test]
fn yet_after_a_negation_is_an_adverb_not_the_end_of_the_report() {
    // "hadn't yet called for": the adverb before a later cue does not end
    // the content the way "..., yet insisted" (a conjunction) does.
    assert_eq!(
        claim_texts("Ana Varga said she hadn't yet called for a vote on the harbour plan."),
        vec!["she hadn't yet called for a vote on the harbour plan"]
    );
    assert_eq!(
        claim_texts("Tomas Lanz said the pier was closed, yet insisted that ships were safe."),
        vec!["the pier was closed"]
    );
}

#[test]
fn a_quotation_ending_the_writers_clause_makes_the_whole_clause_a_mixed_claim() {
    let claims = extract(
        "The harbour levy is \u{201c}a tax on every family,\u{201d} Ana Varga said on Monday.",
    );
    assert_eq!(claims.len(), 1);
    assert_eq!(
        claims[0]["text"],
        "The harbour levy is \u{201c}a tax on every family,\u{201d}"
    );
    assert_eq!(claims[0]["kind"], "mixed");
    assert_eq!(claims[0]["content_rule"], "clause-with-quote-then-cue");
    assert_eq!(claims[0]["source"], "Ana Varga");
    // A quotation after a fronted phrase, or one that opens the sentence, is
    // the speaker's words alone.
    assert_eq!(
        claim_texts("Asked about the levy, \u{201c}it is fair,\u{201d} Ana Varga said."),
        vec!["it is fair,"]
    );
    // No verb, no clause: "Bemoaning the “phony system,” Lanz accused …" is
    // no report of Lanz's words.
    assert!(!claim_texts(
        "Bemoaning the \u{201c}phony levy,\u{201d} Tomas Lanz said the council was broke."
    )
    .iter()
    .any(|t| t.starts_with("Bemoaning")));
}

#[test]
fn a_participle_after_a_comma_inside_a_quotation_opens_a_report_of_its_own() {
    assert_eq!(
        claim_texts(
            "Ana Varga said that the council represents \u{201c}old money,\u{201d} \
             stating that its members are rich."
        ),
        vec![
            "that the council represents \u{201c}old money,\u{201d}",
            "that its members are rich"
        ]
    );
}

#[test]
fn a_negative_command_in_a_quotation_is_no_claim() {
    let texts = claim_texts(
        "\u{201c}The pier is safe,\u{201d} Ana Varga said. \u{201c}Don't believe the rumours \
         about it.\u{201d} \u{201c}Do not panic,\u{201d} she added. \u{201c}Never has the \
         harbour been busier,\u{201d} she said.",
    );
    assert_eq!(
        texts,
        vec!["The pier is safe,", "Never has the harbour been busier,"]
    );
}

#[test]
fn a_request_with_an_adverb_after_to_is_no_claim() {
    assert!(claim_texts(
        "Tomas Lanz called on the council to \"really look at the books\" and to publish them."
    )
    .is_empty());
    assert!(claim_texts("Ana Varga urged the board to quickly reopen the pier.").is_empty());
}

#[test]
fn the_source_cited_again_is_an_unnamed_source() {
    let claims = extract(
        "A source said the escort was cancelled. The mayor had refused the escort, \
         but the police overruled her, the source added.",
    );
    assert_eq!(claims.len(), 2);
    for c in &claims {
        assert_eq!(c["source_type"], "unnamed", "{c}");
    }
}

#[test]
fn a_name_shaped_as_a_place_is_no_antecedent_of_she() {
    // "Mill Street" is in no list of places: its last word makes it one.
    let claims = extract(
        "Ana Varga grew up in Kellow. Her plan is tougher on Mill Street than the old one. \
         She said the harbour would reopen.",
    );
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0]["source"], "Ana Varga");
}

#[test]
fn a_verb_the_tagger_reads_as_a_noun_still_makes_a_that_clause() {
    // The tagger reads "represents" as a noun here; WordNet knows it only as a verb.
    assert_eq!(
        claim_texts("Varga said on Monday that Lanz represents \u{201c}New York values.\u{201d}"),
        vec!["that Lanz represents \u{201c}New York values.\u{201d}"]
    );
}

#[test]
fn a_first_name_and_surname_before_of_the_body_is_a_person_of_that_body() {
    let claims = extract(
        "Rhiannon Achterberg of the Dockside Homes Alliance said the admission came late. \
         \u{201c}They knew on Saturday,\u{201d} she said.",
    );
    assert_eq!(claims.len(), 2);
    for c in &claims {
        assert_eq!(c["source"], "Rhiannon Achterberg", "{c}");
        assert_eq!(c["source_type"], "person", "{c}");
    }
    // An institution's noun before "of" heads an organisation's name.
    let claims = extract("The Kellow Institute of Technology said the study was flawed.");
    assert_eq!(claims[0]["source"], "Kellow Institute of Technology");
}

#[test]
fn a_participle_between_a_number_and_its_noun_is_no_cue() {
    let claims = extract(
        "Dr Hanne Lanz, an analyst who has flagged problems in more than 30 published \
         papers, said 212 of the 480 records may be copies.",
    );
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0]["text"], "212 of the 480 records may be copies");
    assert_eq!(claims[0]["source"], "Hanne Lanz");
}

#[test]
fn a_party_and_state_tag_after_a_name_is_no_speaker() {
    let claims = extract("Ana Varga, R-S.C., said the harbour bill should be changed.");
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0]["source"], "Ana Varga");
    let claims = extract("Sen. Tomas Lanz, D-N.Y., said the vote was fair.");
    assert_eq!(claims[0]["source"], "Tomas Lanz");
}

#[test]
fn a_phrase_headed_by_source_is_an_unnamed_source() {
    let claims = extract("A Democratic source said the questions came too late.");
    assert_eq!(claims[0]["source_type"], "unnamed");
    // A name holding "Source" is an organisation's.
    let claims = extract("The Kellow Source Institute said the licence was valid.");
    assert_eq!(claims[0]["source_type"], "organization");
}

#[test]
fn a_time_adjunct_with_a_count_of_units_is_no_speaker() {
    // "over the past two weeks" is skipped, then the participle "taken" on the
    // subject: the speaker is the average, not "two weeks".
    let claims = extract(
        "The Kellow Herald average of polls taken over the past two weeks shows \
         Varga leading Lanz 47 percent to 44 percent.",
    );
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0]["source"], "Kellow Herald");
}

#[test]
fn a_speaker_phrase_ending_a_longer_name_is_that_name() {
    // "States" is also a cue form: the subject search stops at it and finds
    // only "Port Services", the end of the organisation's name.
    let claims = extract("Kellow States Shipping and Port Services said the forms were late.");
    assert_eq!(
        claims[0]["source"],
        "Kellow States Shipping and Port Services"
    );
    assert_eq!(claims[0]["source_type"], "organization");
}

#[test]
fn her_campaign_is_the_campaign_the_article_names_for_her() {
    let text = "Maria Varga leads the race, the Varga campaign said on Monday. \
                Tomas Lanz, an aide, spoke to reporters. Maria Varga stumbled on Sunday. \
                Her campaign later said that she had a cold.";
    let claims = extract(text);
    let c = claims
        .iter()
        .find(|c| c["text"].as_str().is_some_and(|t| t.contains("cold")))
        .expect("claim");
    assert_eq!(c["source"], "Varga campaign");
    // Without the article naming such a body, the pronoun's campaign is not guessed.
    let claims = extract("Tomas Lanz spoke to reporters. His campaign said the polls were wrong.");
    assert_ne!(claims[0]["source"], "Lanz campaign");
}

#[test]
fn a_relative_who_speaks_for_the_people_before_it() {
    // "who" after a plural of people with no other mark (no name, no role word).
    let claims = extract("The mayor met the ferrymen, who said the pier was unsafe.");
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0]["speaker"], "the ferrymen");
    assert_eq!(claims[0]["text"], "the pier was unsafe");
    // Through a coordinated verb, and never the pronoun itself.
    let claims = extract(
        "The footage became a rallying point for marchers here, who have filled the \
         squares and claimed that the tapes were edited.",
    );
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0]["speaker"], "marchers");
    // The nearest phrase that names people: "clerks", not "the counter".
    let claims = extract("He blamed the clerks at the counter who said the forms were lost.");
    assert_eq!(claims[0]["speaker"], "the clerks");
    // A determiner or a figure alone is no speaker.
    for text in [
        "It rose from the 3 percent who said the plan was fair.",
        "There is a gap between those who fear the plan will fail and the rest.",
    ] {
        assert!(
            extract(text).iter().all(|c| c["speaker"] != "who"
                && c["speaker"] != "those"
                && c["speaker"] != "3 percent"),
            "{text}"
        );
    }
    // An infinitive after the cue is no report: no speaker is looked for.
    assert!(
        extract("The rule adds two visits for patients who want to change clinics.").is_empty()
    );
}

#[test]
fn a_report_inside_a_relative_clause_ends_with_it() {
    let claims = extract(
        "Ilse Marrow, who runs the shelter and said last week that every bed was \
         taken, stayed away from the meeting.",
    );
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0]["text"], "that every bed was taken");
    assert_eq!(claims[0]["source"], "Ilse Marrow");
}

#[test]
fn a_participle_after_a_relative_clause_is_the_main_clause_speaker() {
    let text = "Oren Vale was defensive about not paying a plumber who said he was never paid, \
                saying, “Maybe his work was poor, and I was not satisfied.”";
    let claims = extract(text);
    let q = claims
        .iter()
        .find(|c| {
            c["text"]
                .as_str()
                .is_some_and(|t| t.contains("not satisfied"))
        })
        .expect("the quote is a claim");
    assert_eq!(q["source"], "Oren Vale");
    let r = claims
        .iter()
        .find(|c| c["text"].as_str().is_some_and(|t| t.contains("never paid")))
        .expect("the plumber's claim");
    assert_eq!(r["speaker"], "a plumber");
}

#[test]
fn a_gerund_after_by_or_after_reports_for_the_clause_subject() {
    let claims = extract(
        "Vale, a retired surgeon, then went on the radio and began by saying he \
         would never judge a patient from afar.",
    );
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0]["source"], "Vale");
    assert_eq!(
        claims[0]["text"],
        "he would never judge a patient from afar"
    );
    let claims = extract("The Kellow Water Board responded by denying that the pipes leaked.");
    assert_eq!(claims[0]["source"], "Kellow Water Board");
    assert_eq!(claims[0]["polarity"], "negative");
    // "without saying" reports nothing.
    assert!(extract("She left without saying that the plant would close.").is_empty());
    // A coordinator right after the cue joins verbs: nothing is reported.
    assert!(extract("Would you vote for a man who said and did the same things?").is_empty());
}

#[test]
fn a_group_of_people_without_a_name_is_an_unnamed_source() {
    let text = "Four serving constables told the Courier that the figures were wrong. \
                The constables said thefts were logged as lost property. \
                One of them said the order came from the top. Another said it began in May.";
    let claims = extract(text);
    assert_eq!(claims.len(), 4, "{claims:?}");
    for c in &claims {
        assert_eq!(c["source_type"], "unnamed", "{c}");
        assert_eq!(c["source"], "four serving constables", "{c}");
    }
    // A relative clause on the group is no part of the speaker.
    let claims = extract(
        "Two people who work at the Harlow pumping station told the Courier that the pumps \
         failed twice.",
    );
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0]["speaker"], "Two people");
    assert_eq!(claims[0]["source_type"], "unnamed");
    // A description of someone the article names is not unnamed, nor is a
    // counted pair of named people, nor a body of people.
    for (text, speaker) in [
        (
            "Ada Fisk runs the firm. The businessman said the deal was fair.",
            "The businessman",
        ),
        (
            "Both candidates said the tax was too high.",
            "Both candidates",
        ),
        (
            "A union representing bus drivers said the rota was unsafe.",
            "A union representing bus drivers",
        ),
    ] {
        let claims = extract(text);
        let c = claims.iter().find(|c| c["speaker"] == speaker).expect(text);
        assert_ne!(c["source_type"], "unnamed", "{text}");
    }
}

#[test]
fn a_possessive_inside_a_company_name_is_part_of_it() {
    let text = "Ham sold by Dunmore's Bakers contained beef, the magazine said. \
                A Dunmore's spokeswoman said the chain had withdrawn two lines.";
    let claims = extract(text);
    let c = claims
        .iter()
        .find(|c| c["text"].as_str().is_some_and(|t| t.contains("withdrawn")))
        .expect("claim");
    assert_eq!(c["source"], "Dunmore's Bakers");
    assert_eq!(c["source_type"], "organization");
    let claims = extract("Pellmann's Corporation said the fries were fine.");
    assert_eq!(claims[0]["source"], "Pellmann's Corporation");
    // A body's or a country's people keep their own names.
    let claims = extract("Norland's Prime Minister Ada Fisk said the deal was done.");
    assert_eq!(claims[0]["source"], "Ada Fisk");
    let claims = extract("Ada Fisk's Senate campaign said the poll was wrong.");
    assert_ne!(claims[0]["source"], "Ada Fisk's Senate");
}

#[test]
fn an_attribution_between_commas_keeps_the_subject_it_interrupts() {
    let text = "The new ferry, the harbour master said, would enter service in June.";
    let claims = extract(text);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(
        claims[0]["text"],
        "The new ferry would enter service in June"
    );
    assert_eq!(claims[0]["speaker"], "the harbour master");
    let claims = extract("The weekly payment, it says, will be $300.");
    assert_eq!(claims[0]["text"], "The weekly payment will be $300");
    // No subject to keep: a clause before the comma gives no claim of the rest.
    let claims = extract("When the storm came, the harbour master said, would be no question.");
    assert!(
        claims.iter().all(|c| c["text"] != "would be no question"),
        "{claims:?}"
    );
}
