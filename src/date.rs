//! Article dates: parsing the many ways pages and dumps write them, and
//! finding a date in a file name or URL.
//!
//! Takes: a date as written (`Date:` header, JSONL `date`/`published_at`,
//! HTML meta). Gives: the stored form, which orders as the instants do:
//! `YYYY-MM-DD` for a date alone, RFC 3339 in UTC (`YYYY-MM-DDTHH:MM:SSZ`)
//! for a date with a time. A time without an offset is taken as UTC.
//! Parsing is done by `jiff`; this file only chooses the formats.

use jiff::civil::{Date, DateTime};
use jiff::fmt::strtime;
use jiff::Timestamp;

/// Formats tried, in order, on a date written in words or with slashes
/// (after commas, full stops and ordinal suffixes are dropped).
const WORD_FORMATS: &[&str] = &[
    "%B %d %Y", // March 5, 2024
    "%b %d %Y", // Mar 5, 2024 / Mar. 5, 2024
    "%d %B %Y", // 5 March 2024
    "%d %b %Y", // 5 Mar 2024
    "%Y/%m/%d", // 2024/03/05
    "%Y-%m-%d", // 2024-03-05 (after a dropped weekday)
];

/// The stored form of a date as written, or `None` when it cannot be read.
pub fn normalise(raw: &str) -> Option<String> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(ts) = s.parse::<Timestamp>() {
        return Some(utc(ts));
    }
    if let Ok(zdt) = jiff::fmt::rfc2822::parse(s) {
        return Some(utc(zdt.timestamp()));
    }
    // ISO 8601 with a `+0000` offset, which RFC 3339 parsers refuse.
    if let Some(ts) = compact_offset(s) {
        return Some(utc(ts));
    }
    if let Ok(d) = s.parse::<Date>() {
        // "2024-03-05" (a bare civil date; `DateTime` would also accept it).
        if s.len() == 10 {
            return Some(d.to_string());
        }
    }
    if let Ok(dt) = s.parse::<DateTime>() {
        return jiff::tz::TimeZone::UTC.to_timestamp(dt).ok().map(utc);
    }
    words(s).map(|d| d.to_string())
}

/// `YYYY-MM-DDTHH:MM:SSZ` (whole seconds, UTC).
fn utc(ts: Timestamp) -> String {
    ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// `2013-07-22T08:00:00+0000` -> the instant (inserts the offset's colon).
fn compact_offset(s: &str) -> Option<Timestamp> {
    let (head, tail) = s.split_at_checked(s.len().checked_sub(5)?)?;
    let (sign, digits) = tail.split_at_checked(1)?;
    if !(sign == "+" || sign == "-") || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (hours, minutes) = tail.split_at_checked(3)?;
    format!("{head}{hours}:{minutes}").parse().ok()
}

/// "March 5, 2024", "5 March 2024", "Mar. 5th, 2024", "Tuesday, March 5, 2024", "2024/03/05".
fn words(s: &str) -> Option<Date> {
    let cleaned: String = s
        .chars()
        .map(|c| if c == ',' || c == '.' { ' ' } else { c })
        .collect();
    let mut parts: Vec<String> = cleaned
        .split_whitespace()
        .map(|w| {
            let lower = w.to_ascii_lowercase();
            // Ordinal suffixes: 5th, 1st, 22nd, 3rd.
            let w = match lower.strip_suffix(['h', 't', 'd']).and_then(|x| {
                x.strip_suffix(['t', 's', 'n', 'r'])
                    .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            }) {
                Some(n) => n.to_string(),
                None => w.to_string(),
            };
            // "Sept" is a common abbreviation strftime does not know.
            if w.eq_ignore_ascii_case("sept") {
                "Sep".to_string()
            } else {
                w
            }
        })
        .collect();
    const WEEKDAYS: &[&str] = &["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    if parts.len() == 4
        && parts.first().is_some_and(|first| {
            let first = first.to_ascii_lowercase();
            WEEKDAYS.iter().any(|d| first.starts_with(d))
        })
    {
        parts.remove(0);
    }
    let joined = parts.join(" ");
    WORD_FORMATS
        .iter()
        .find_map(|f| strtime::parse(f, &joined).ok()?.to_date().ok())
}

/// A date in a file name or URL: `2016-10-03`, `2016_10_03`, `20161003` or
/// `/2016/10/03/`, as `YYYY-MM-DD`. Digits that are not a real date are not one.
pub fn in_name(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let num = |i: usize, n: usize| -> Option<i32> { s.get(i..i + n)?.parse().ok() };
    let mut i = 0;
    while i < b.len() {
        // A run of digits must start here (not in the middle of a longer number).
        if digit(i) && (i == 0 || !digit(i - 1)) {
            let run = (i..b.len()).take_while(|&j| digit(j)).count();
            let found = match b.get(i + 4) {
                Some(&sep) if run == 4 && b"-_/.".contains(&sep) => {
                    (digit(i + 5) && digit(i + 6) && b.get(i + 7) == Some(&sep))
                        .then_some(())
                        .and_then(|_| {
                            let day_run = (i + 8..b.len()).take_while(|&j| digit(j)).count();
                            (day_run == 2).then_some(())
                        })
                        .and_then(|_| Some((num(i, 4)?, num(i + 5, 2)?, num(i + 8, 2)?)))
                }
                _ if run == 8 => Some((num(i, 4)?, num(i + 4, 2)?, num(i + 6, 2)?)),
                _ => None,
            };
            if let Some((y, m, d)) = found {
                if (1900..=2100).contains(&y) {
                    if let Ok(date) = Date::new(y as i16, m as i8, d as i8) {
                        return Some(date.to_string());
                    }
                }
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Option<String> {
        normalise(s)
    }

    #[test]
    fn iso_dates_alone_keep_the_date_only_form() {
        assert_eq!(n("2011-10-24").as_deref(), Some("2011-10-24"));
        assert_eq!(n(" 2011-10-24 ").as_deref(), Some("2011-10-24"));
        assert_eq!(n("2011-13-01"), None);
        assert_eq!(n("2011-02-30"), None);
    }

    #[test]
    fn rfc3339_and_iso_times_become_utc_instants() {
        assert_eq!(
            n("2013-07-22T09:30:00Z").as_deref(),
            Some("2013-07-22T09:30:00Z")
        );
        assert_eq!(
            n("2013-07-22T09:30:00.123Z").as_deref(),
            Some("2013-07-22T09:30:00Z")
        );
        assert_eq!(
            n("2013-07-22T23:30:00-05:00").as_deref(),
            Some("2013-07-23T04:30:00Z")
        );
        assert_eq!(
            n("2013-07-22T08:00:00+0200").as_deref(),
            Some("2013-07-22T06:00:00Z")
        );
        // No offset: taken as UTC.
        assert_eq!(
            n("2013-07-22T09:30").as_deref(),
            Some("2013-07-22T09:30:00Z")
        );
        assert_eq!(
            n("2013-07-22 09:30:00").as_deref(),
            Some("2013-07-22T09:30:00Z")
        );
    }

    #[test]
    fn rfc2822_dates() {
        assert_eq!(
            n("Tue, 03 Mar 2020 10:00:00 +0000").as_deref(),
            Some("2020-03-03T10:00:00Z")
        );
        assert_eq!(
            n("Tue, 3 Mar 2020 10:00:00 -0500").as_deref(),
            Some("2020-03-03T15:00:00Z")
        );
        assert_eq!(
            n("3 Mar 2020 10:00 GMT").as_deref(),
            Some("2020-03-03T10:00:00Z")
        );
    }

    #[test]
    fn dates_in_words_and_with_slashes() {
        for s in [
            "March 5, 2024",
            "March 5 2024",
            "5 March 2024",
            "Mar 5, 2024",
            "Mar. 5, 2024",
            "5 Mar 2024",
            "march 5th, 2024",
            "Tuesday, March 5, 2024",
            "2024/03/05",
        ] {
            assert_eq!(n(s).as_deref(), Some("2024-03-05"), "{s}");
        }
        assert_eq!(n("Sept. 19, 2011").as_deref(), Some("2011-09-19"));
        assert_eq!(n("February 30, 2024"), None);
    }

    #[test]
    fn unreadable_dates_are_none() {
        for s in [
            "",
            "yesterday",
            "last Tuesday",
            "24/10/2011",
            "2011",
            "soon 2024",
            "２０１１年９月",
        ] {
            assert_eq!(n(s), None, "{s}");
        }
    }

    #[test]
    fn dates_in_file_names_and_urls() {
        assert_eq!(
            in_name("news/2016-10-03-story.txt").as_deref(),
            Some("2016-10-03")
        );
        assert_eq!(in_name("20161003_story.txt").as_deref(), Some("2016-10-03"));
        assert_eq!(
            in_name("story_2016_10_03.md").as_deref(),
            Some("2016-10-03")
        );
        assert_eq!(
            in_name("https://example.org/2016/10/03/mayor-says").as_deref(),
            Some("2016-10-03")
        );
        assert_eq!(in_name("story-12345678.txt"), None);
        assert_eq!(in_name("report-2016-13-45.txt"), None);
        assert_eq!(in_name("id-201610031.txt"), None);
        assert_eq!(in_name("a1_mhi_breach_disclosed.txt"), None);
    }
}
