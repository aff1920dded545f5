//! Arbitrary bytes read as every input kind, then extracted: offsets must lie
//! on char boundaries inside the text, a single-piece claim's text is its span.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| claimtrace_fuzz::extract_bytes(data));
