//! claimtrace: who claimed what, and did later reporting bear it out.
//!
//! The modules follow the data through the pipeline:
//! [`read`] → [`clean`] → [`segment`] → [`extract`] → [`resolve`] →
//! [`normalise`] → [`link`] (driven by [`rules`]) → [`verdict`] →
//! [`store`] / [`report`]. [`check`] reuses normalisation and the rules to
//! decide stance for a claim against free text. See ARCHITECTURE.md.

pub mod annotate;
pub mod check;
pub mod clean;
pub mod date;
pub mod error;
pub mod extract;
pub mod lexicon;
pub mod link;
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
