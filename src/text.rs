//! Small text helpers that never split a UTF-8 character.
//!
//! Takes: strings from anywhere (names, dates read back from a database
//! someone else may have written). Gives: prefixes cut on character
//! boundaries, so that no byte index ever panics on "Émile" or "２０２０".

/// The first `n` characters of `s` (all of `s` when it is shorter).
pub fn prefix_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// The date part of a stored date or timestamp (`2011-09-19` of
/// `2011-09-19T08:00:00Z`): its first ten characters.
pub fn date_part(s: &str) -> &str {
    prefix_chars(s, 10)
}

#[cfg(test)]
mod tests {
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
}
