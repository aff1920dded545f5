//! Relations between words beyond shared spelling.
//!
//! Takes: single words. Gives: [`wordnet::WordNet`], base forms, concepts,
//! relatedness, opposites and negations from WordNet 3.0.

pub mod wordnet;
