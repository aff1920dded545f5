//! Typed errors of the library. The CLI adds context with `anyhow`.
//!
//! Every error that concerns a file names it, and says what to do when that is not obvious.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum ReadError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: file is empty")]
    Empty { path: String },
    #[error("{path}: looks like a binary file (NUL byte at offset {offset}); only text, Markdown, HTML and JSONL are read")]
    Binary { path: String, offset: usize },
    #[error("{path}: not valid UTF-8 (first bad byte at offset {offset}); convert it with e.g. `iconv -t UTF-8`")]
    Utf8 { path: String, offset: usize },
    #[error("{path}: header line {line}: {reason}")]
    Header {
        path: String,
        line: usize,
        reason: String,
    },
    #[error("{path}:{line}: bad JSONL record: {reason}")]
    Jsonl {
        path: String,
        line: usize,
        reason: String,
    },
    #[error("{path}: HTML has no readable main text: {reason}")]
    Html { path: String, reason: String },
    #[error("{path}: no such file or folder")]
    Missing { path: String },
    /// Not a failure: something in a folder was skipped or read with a caveat.
    #[error("{path}: warning: {reason}")]
    Warning { path: String, reason: String },
}

impl ReadError {
    /// A warning keeps the exit code 0; every other error is a failed input.
    pub fn is_warning(&self) -> bool {
        matches!(self, ReadError::Warning { .. })
    }
}

#[derive(Debug, Error)]
pub enum LexiconError {
    #[error("{path}: cannot read lexicon file: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("lexicon {file}, line {line}: {reason}")]
    Format {
        file: String,
        line: usize,
        reason: String,
    },
}

#[derive(Debug, Error)]
pub enum RulesError {
    #[error("{path}: cannot read rule file: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}, line {line}: {reason}")]
    Invalid {
        path: String,
        line: usize,
        reason: String,
    },
}

#[derive(Debug, Error)]
pub enum StoreError {
    #[error(
        "{path}: not a claimtrace database ({reason}); pass another --db path or delete the file"
    )]
    NotDatabase { path: String, reason: String },
    #[error("{path}: database schema version {found} is newer than this program's ({expected}); upgrade claimtrace")]
    Version {
        path: String,
        found: i64,
        expected: i64,
    },
    #[error("SQL is read-only without --write: {reason}")]
    ReadOnly { reason: String },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("{0}")]
    Other(String),
}
