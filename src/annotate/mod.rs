//! Linguistic annotation of tokenised text, for stages that need more than the
//! surface words: [`tagger`] gives each word its Universal part of speech.

pub mod tagger;
