//! Up to four short articles ingested into one in-memory database, then the
//! report rendered as Markdown, JSON and ClaimReview: nothing may panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| claimtrace_fuzz::ingest_sequence(data));
