//! claimtrace: who claimed what, and did later reporting bear it out.
//!
//! The modules follow the data through the pipeline:
//! [`read`] → [`clean`] → [`segment`] → [`extract`] → [`resolve`] →
//! [`normalise`] → [`link`] (driven by [`rules`]) → [`verdict`] →
//! [`store`] / [`report`]. [`check`] reuses normalisation and the rules to
//! decide stance for a claim against free text. See ARCHITECTURE.md.
//!
//! No input may make the library panic (issue 9), so clippy's `string_slice`
//! and `indexing_slicing` are denied: byte-offset slices of text go through
//! [`text::slice`] and friends, other lookups through `.get()`, iterators and
//! slice patterns. Unit tests may index; every library file is under the deny.
#![deny(clippy::string_slice, clippy::indexing_slicing)]
#![cfg_attr(test, allow(clippy::string_slice, clippy::indexing_slicing))]

pub mod annotate;
pub mod check;
pub mod clean;
pub mod date;
pub mod error;
pub mod extract;
pub mod lexicon;
pub mod model;
pub mod normalise;
pub mod read;
pub mod relate;
pub mod report;
pub mod resolve;
pub mod rules;
pub mod segment;
pub mod store;
pub mod text;
pub mod verdict;
