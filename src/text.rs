//! Small text helpers that never split a UTF-8 character.
//!
//! Takes: strings from anywhere (names, dates read back from a database
//! someone else may have written) and byte offsets into them. Gives:
//! prefixes and slices cut on character boundaries, so that no byte index
//! ever panics on "Émile" or "２０２０".
//!
//! Byte-offset slices: [`slice`], [`from`] and [`upto`] clamp. They are for
//! offsets that should be valid (spans made from the same string): there they
//! give exactly what `&s[start..end]` gives; elsewhere they keep the whole
//! characters inside the range instead of panicking. Where the caller can do
//! something sensible with a bad range, use `s.get(start..end)` instead, and
//! [`char_at`] / [`char_before`] for the character next to an offset.

/// The first `n` characters of `s` (all of `s` when it is shorter).
pub fn prefix_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => s.get(..i).unwrap_or(s),
        None => s,
    }
}

/// The date part of a stored date or timestamp (`2011-09-19` of
/// `2011-09-19T08:00:00Z`): its first ten characters.
pub fn date_part(s: &str) -> &str {
    prefix_chars(s, 10)
}

/// The whole characters of `s` that lie inside the bytes `start..end`.
///
/// Exactly `&s[start..end]` when that is valid. Otherwise it clamps instead
/// of panicking: an end past the string stops at its end, a start or end
/// inside a character leaves that character out, and a range that is empty
/// or reversed gives "".
pub fn slice(s: &str, start: usize, end: usize) -> &str {
    if let Some(exact) = s.get(start..end) {
        return exact;
    }
    let end = floor_boundary(s, end);
    let start = ceil_boundary(s, start);
    s.get(start..end).unwrap_or("")
}

/// `s` from byte `start` on: [`slice`]`(s, start, s.len())` ("" past the end;
/// a start inside a character begins at the next one).
pub fn from(s: &str, start: usize) -> &str {
    slice(s, start, s.len())
}

/// `s` up to byte `end`: [`slice`]`(s, 0, end)` (all of `s` past the end;
/// an end inside a character stops before it).
pub fn upto(s: &str, end: usize) -> &str {
    slice(s, 0, end)
}

/// Does `s` end as a question: a "?" after which come only closing marks,
/// punctuation or spaces ("Who pays?\u{201d}", "Really?)")? The one test of a
/// question, for extracted quotes and for claims typed by a user alike.
pub fn ends_as_question(s: &str) -> bool {
    s.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '?')
        .ends_with('?')
}

/// The character that starts at byte `i` of `s` (`None` at or past the end,
/// or when `i` is inside a character).
pub fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..)?.chars().next()
}

/// The character that ends at byte `i` of `s` (`None` at the start, past the
/// end, or when `i` is inside a character).
pub fn char_before(s: &str, i: usize) -> Option<char> {
    s.get(..i)?.chars().next_back()
}

/// The last character boundary of `s` at or before byte `i`.
fn floor_boundary(s: &str, i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    (0..=i).rev().find(|&j| s.is_char_boundary(j)).unwrap_or(0)
}

/// The first character boundary of `s` at or after byte `i`.
fn ceil_boundary(s: &str, i: usize) -> usize {
    (i..s.len())
        .find(|&j| s.is_char_boundary(j))
        .unwrap_or(s.len())
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_question_mark_before_closing_marks_ends_a_question() {
        assert!(ends_as_question("Who pays?"));
        assert!(ends_as_question("Who pays?\u{201d}"));
        assert!(ends_as_question("Really?) "));
        assert!(!ends_as_question("Is it? No, it is not."));
        assert!(!ends_as_question(""));
    }
    use super::*;

    #[test]
    fn prefixes_cut_on_character_boundaries() {
        assert_eq!(prefix_chars("Émile", 1), "É");
        assert_eq!(prefix_chars("jean", 1), "j");
        assert_eq!(prefix_chars("", 3), "");
        assert_eq!(prefix_chars("ab", 5), "ab");
        assert_eq!(date_part("2011-09-19T08:00:00Z"), "2011-09-19");
        assert_eq!(
            date_part("２０１１年９月１９日の朝"),
            "２０１１年９月１９日"
        );
        assert_eq!(date_part("2011"), "2011");
    }

    #[test]
    fn slice_is_exact_on_boundaries() {
        let s = "Émile said “no”";
        // É is 2 bytes, “ and ” are 3 each.
        assert_eq!(slice(s, 0, 2), "É");
        assert_eq!(slice(s, 2, 6), "mile");
        assert_eq!(slice(s, 12, 20), "“no”");
        assert_eq!(slice(s, 0, s.len()), s);
        assert_eq!(slice(s, 4, 4), "");
        assert_eq!(from(s, 12), "“no”");
        assert_eq!(upto(s, 6), "Émile");
    }

    #[test]
    fn slice_keeps_whole_characters_inside_the_range() {
        let s = "Émile said “no”";
        // Byte 1 is inside É: the start moves on to "m", the end moves back before it.
        assert_eq!(slice(s, 1, 6), "mile");
        assert_eq!(slice(s, 0, 1), "");
        // Bytes 13 and 14 are inside “, 18 and 19 inside ”.
        assert_eq!(slice(s, 13, 18), "no");
        assert_eq!(slice(s, 11, 19), " “no");
        assert_eq!(from(s, 1), "mile said “no”");
        assert_eq!(upto(s, 1), "");
        assert_eq!(upto(s, 13), "Émile said ");
        // A no-break space (2 bytes) between two words.
        let nb = "a\u{a0}b";
        assert_eq!(slice(nb, 0, 2), "a");
        assert_eq!(slice(nb, 2, 4), "b");
        assert_eq!(from(nb, 2), "b");
    }

    #[test]
    fn slice_clamps_out_of_range_and_reversed() {
        let s = "Émile";
        assert_eq!(slice(s, 0, 100), "Émile");
        assert_eq!(slice(s, 2, 100), "mile");
        assert_eq!(slice(s, 100, 200), "");
        assert_eq!(slice(s, 4, 2), "");
        assert_eq!(slice(s, 1, 1), "");
        assert_eq!(from(s, 100), "");
        assert_eq!(upto(s, 100), "Émile");
        assert_eq!(slice("", 0, 3), "");
        assert_eq!(slice("", 3, 0), "");
    }

    #[test]
    fn characters_next_to_an_offset() {
        let s = "“Émile”\u{a0}x";
        assert_eq!(char_at(s, 0), Some('“'));
        assert_eq!(char_at(s, 1), None);
        assert_eq!(char_at(s, 3), Some('É'));
        assert_eq!(char_before(s, 3), Some('“'));
        assert_eq!(char_before(s, 4), None);
        assert_eq!(char_before(s, 0), None);
        let nbsp = s.find('\u{a0}').unwrap();
        assert_eq!(char_at(s, nbsp), Some('\u{a0}'));
        assert_eq!(char_before(s, nbsp + 2), Some('\u{a0}'));
        assert_eq!(char_at(s, s.len()), None);
        assert_eq!(char_before(s, s.len()), Some('x'));
        assert_eq!(char_at(s, s.len() + 5), None);
        assert_eq!(char_before(s, s.len() + 5), None);
    }
}
