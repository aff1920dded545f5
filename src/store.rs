//! Store: articles, claims, sources, links and verdicts in SQLite.
//!
//! Takes: articles from [`crate::read`], the lexicon and the rule set.
//! Gives: a database in the shape of `schema.sql` (embedded here), kept
//! consistent by one transaction per article: an article is stored with all
//! its claims, source merges, links and verdict updates, or not at all.
//! Which claims are compared and how they relate is decided by
//! [`crate::relate::link`] (the linking driver) and [`crate::relate`] (the
//! engine); this module only runs the SQL they need: the `claim_terms` /
//! `term_df` index, loading claims, writing restatements, links and verdicts.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use sha2::{Digest, Sha256};
use strsim::jaro_winkler;

use crate::error::StoreError;
use crate::lexicon::Lexicon;
use crate::model::{Article, Claim, SourceType, Span};
use crate::relate::link::StoredClaim;
use crate::relate::ClaimView;
use crate::rules::RuleSet;
use crate::text::{date_part, prefix_chars};
use crate::verdict::{self, LinkInfo};

pub const SCHEMA: &str = include_str!("../schema.sql");
pub const SCHEMA_VERSION: i64 = 5;

/// How long every connection waits for another process's lock before SQLITE_BUSY.
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// How many more times an article's transaction is tried when the database stays busy.
const BUSY_RETRIES: u32 = 5;

fn is_busy(e: &StoreError) -> bool {
    matches!(e, StoreError::Sqlite(e) if matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    ))
}

pub struct Store {
    pub conn: Connection,
    pub path: String,
    /// Claim views already built in this process (before rarity weighting), by claim id:
    /// a stored claim's words never change, so a long ingest builds each view once.
    views: HashMap<i64, ClaimView>,
    /// When set, every pair the linker judges is kept here (calibration's background).
    judged: Option<Vec<crate::relate::link::JudgedPair>>,
}

/// What ingesting one article did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ingested {
    pub article_id: Option<i64>,
    pub duplicate: bool,
    pub claims: usize,
    pub links: usize,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    d.iter().map(|b| format!("{b:02x}")).collect()
}

fn norm(s: &str) -> String {
    s.to_lowercase()
        .replace('’', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Index keys of a name: the normalised name, its first word and its last word.
fn source_keys(name: &str) -> [String; 4] {
    let n = norm(name);
    let first = n.split_whitespace().next().unwrap_or("").to_string();
    let last = n.split_whitespace().last().unwrap_or("").to_string();
    let acronym = initials(name).unwrap_or_else(|| n.clone());
    [
        format!("n:{n}"),
        format!("f:{first}"),
        format!("l:{last}"),
        format!("a:{acronym}"),
    ]
}

/// Initials of a name of two or more words ("Norvale Water Company" -> "nwc").
fn initials(name: &str) -> Option<String> {
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| {
            !matches!(
                w.to_lowercase().as_str(),
                "of" | "and" | "the" | "&" | "for" | "de"
            )
        })
        .collect();
    (words.len() >= 2).then(|| {
        words
            .iter()
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_lowercase)
            .collect()
    })
}

/// "NWC" for "Norvale Water Company": an all-capitals name that is the other's initials.
fn is_acronym_of(short: &str, long: &str) -> bool {
    short.len() >= 2
        && !short.contains(' ')
        && short.chars().all(|c| c.is_uppercase())
        && initials(long).is_some_and(|i| i == short.to_lowercase())
}

/// Do two source names mean the same source?
fn same_name(kind: &str, a: &str, b: &str) -> bool {
    let (na, nb) = (norm(a), norm(b));
    if na == nb {
        return true;
    }
    match kind {
        "organization" | "media" => {
            if is_acronym_of(a, b) || is_acronym_of(b, a) {
                return true;
            }
            let (short, long) = if na.len() < nb.len() {
                (&na, &nb)
            } else {
                (&nb, &na)
            };
            (long
                .strip_prefix(short.as_str())
                .is_some_and(|rest| rest.starts_with(' '))
                && short.split_whitespace().count() >= 2)
                || jaro_winkler(&na, &nb) >= 0.95
        }
        "person" => {
            let wa: Vec<&str> = na.split_whitespace().collect();
            let wb: Vec<&str> = nb.split_whitespace().collect();
            let last_same = wa.last() == wb.last();
            let one_is_surname = wa.len() == 1 || wb.len() == 1;
            let first_compatible = match (wa.as_slice(), wb.as_slice()) {
                ([fa, _, ..], [fb, _, ..]) => {
                    fa == fb
                        || fa.trim_end_matches('.') == prefix_chars(fb, 1)
                        || fb.trim_end_matches('.') == prefix_chars(fa, 1)
                }
                _ => false,
            };
            last_same && (one_is_surname || first_compatible) || jaro_winkler(&na, &nb) >= 0.96
        }
        _ => false,
    }
}

/// `short` is one word, no English word (WordNet), and the first word of the
/// longer organisation name `long` ("Orrin" of "Orrin Devices", never "Bank" of
/// "Bank of England").
fn is_short_form_of(short: &str, long: &str) -> bool {
    let (ns, nl) = (norm(short), norm(long));
    let mut lw = nl.split_whitespace();
    ns.split_whitespace().count() == 1
        && lw.next() == Some(ns.as_str())
        && lw.next().is_some()
        && ns.chars().count() >= 3
        && crate::relate::wordnet::WordNet::builtin()
            .lemmas(&ns)
            .is_empty()
}

/// Upgrades a database of an older schema version in place (inside the opening transaction).
/// Each step adds what its version brought; the views are then recreated from `schema.sql`.
fn migrate(tx: &Transaction, from: i64) -> Result<(), StoreError> {
    if from < 2 {
        migrate_to_2(tx)?;
    }
    if from < 3 {
        // Version 3 declares claims_fts with content="claims" (what Datasette detects):
        // the index is declared anew from schema.sql and rebuilt from the claims.
        tx.execute_batch("DROP TABLE IF EXISTS claims_fts;")?;
    }
    if from < 4 {
        // Version 4: one proposition per claim, grouped by attribution; the resolution sieve.
        tx.execute_batch(
            "ALTER TABLE claims ADD COLUMN group_id INTEGER;
             ALTER TABLE claims ADD COLUMN source_rule TEXT;
             UPDATE claims SET group_id = id;",
        )?;
    }
    tx.execute_batch(SCHEMA)?;
    if from < 5 {
        // Version 5: term_df counts the claims of each index term.
        tx.execute_batch(
            "INSERT OR REPLACE INTO term_df(term, n) SELECT term, count(*) FROM claim_terms GROUP BY term;",
        )?;
    }
    if from < 3 {
        tx.execute_batch("INSERT INTO claims_fts(claims_fts) VALUES ('rebuild');")?;
    }
    tx.execute_batch(&format!("PRAGMA user_version = {SCHEMA_VERSION};"))?;
    Ok(())
}

/// Version 2: `articles.date_source`, `links.order_known`, dates normalised
/// (see [`crate::date`]) so that text order is time order.
fn migrate_to_2(tx: &Transaction) -> Result<(), StoreError> {
    tx.execute_batch(
        "ALTER TABLE articles ADD COLUMN date_source TEXT CHECK (date_source IN ('header','meta','jsonl','file-name','url'));
         ALTER TABLE links ADD COLUMN order_known INTEGER NOT NULL DEFAULT 1;
         DROP VIEW IF EXISTS contradictions; DROP VIEW IF EXISTS backtracks; DROP VIEW IF EXISTS link_view;",
    )?;
    let dated: Vec<(i64, String)> = tx
        .prepare("SELECT id, published_at FROM articles WHERE published_at IS NOT NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (id, d) in dated {
        if let Some(n) = crate::date::normalise(&d).filter(|n| *n != d) {
            exec(
                tx,
                "UPDATE articles SET published_at = ?1 WHERE id = ?2",
                params![n, id],
            )?;
        }
    }
    tx.execute_batch(
        "UPDATE links SET order_known = 0 WHERE id IN (
            SELECT l.id FROM links l
            JOIN claims c ON c.id = l.claim_id JOIN articles ca ON ca.id = c.article_id
            JOIN claims e ON e.id = l.evidence_claim_id JOIN articles ea ON ea.id = e.article_id
            WHERE c.article_id != e.article_id
              AND (coalesce(c.said_at, ca.published_at) IS NULL OR coalesce(e.said_at, ea.published_at) IS NULL))",
    )?;
    Ok(())
}

/// Pragmas that only read, whatever their argument (a table or index name).
const PRAGMAS_READ_WITH_ARGUMENT: &[&str] = &[
    "table_info",
    "table_xinfo",
    "table_list",
    "index_list",
    "index_info",
    "index_xinfo",
    "foreign_key_list",
    "foreign_key_check",
    "integrity_check",
    "quick_check",
];

/// Pragmas that only read when given no value (`PRAGMA user_version`), and write when given one.
const PRAGMAS_READ_WITHOUT_VALUE: &[&str] = &[
    "application_id",
    "auto_vacuum",
    "automatic_index",
    "busy_timeout",
    "cache_size",
    "collation_list",
    "compile_options",
    "data_version",
    "database_list",
    "encoding",
    "foreign_keys",
    "freelist_count",
    "function_list",
    "journal_size_limit",
    "locking_mode",
    "max_page_count",
    "module_list",
    "page_count",
    "page_size",
    "pragma_list",
    "query_only",
    "recursive_triggers",
    "schema_version",
    "secure_delete",
    "synchronous",
    "temp_store",
    "user_version",
    "wal_autocheckpoint",
    "writable_schema",
];

/// Decides, for `sql` without `--write`, whether one action of a statement
/// being prepared is a read. Returns what is refused, or `None` to allow it.
fn refused_action(action: &rusqlite::hooks::AuthAction) -> Option<String> {
    use rusqlite::hooks::AuthAction as A;
    match action {
        A::Select | A::Read { .. } | A::Function { .. } | A::Recursive => None,
        A::Pragma {
            pragma_name,
            pragma_value,
        } => {
            let name = pragma_name.to_ascii_lowercase();
            let reads = PRAGMAS_READ_WITH_ARGUMENT.contains(&name.as_str())
                || pragma_value.is_none() && PRAGMAS_READ_WITHOUT_VALUE.contains(&name.as_str());
            (!reads).then(|| match pragma_value {
                Some(v) => format!("PRAGMA {pragma_name} = {v}"),
                None => format!("PRAGMA {pragma_name}"),
            })
        }
        // CREATE, DROP and ALTER are first seen as a write to the schema table.
        A::Insert { table_name } | A::Update { table_name, .. } | A::Delete { table_name }
            if table_name.starts_with("sqlite_") && table_name.ends_with("master") =>
        {
            Some("a schema change (CREATE, DROP or ALTER)".into())
        }
        A::Attach { .. } => Some("ATTACH".into()),
        A::Detach { .. } => Some("DETACH".into()),
        A::Insert { table_name } => Some(format!("INSERT into {table_name}")),
        A::Update { table_name, .. } => Some(format!("UPDATE of {table_name}")),
        A::Delete { table_name } => Some(format!("DELETE from {table_name}")),
        // CreateTable -> "CREATE TABLE", AlterTable -> "ALTER TABLE", ...
        other => {
            let debug = format!("{other:?}");
            let name = debug.split([' ', '{', '(']).next().unwrap_or("");
            let mut words = String::new();
            for c in name.chars() {
                if c.is_uppercase() && !words.is_empty() {
                    words.push(' ');
                }
                words.push(c.to_ascii_uppercase());
            }
            Some(words)
        }
    }
}

/// Maps an SQLite error on opening `path` to "not a claimtrace database".
fn not_database(path: &str) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
    move |e| StoreError::NotDatabase {
        path: path.into(),
        reason: e.to_string(),
    }
}

impl Store {
    /// Opens (creating if needed) a claimtrace database.
    pub fn open(path: &str) -> Result<Store, StoreError> {
        let fresh = std::fs::metadata(path).map_or(true, |m| m.len() == 0);
        let mut conn = Connection::open(path).map_err(not_database(path))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        if fresh {
            // A new database is in WAL mode from its first transaction: a crash while the
            // schema is created leaves no hot rollback journal that readers cannot undo.
            // Two processes creating the database at once: changing the journal mode
            // does not wait on the busy timeout, so wait here while the other one holds it.
            let mut tries = 0;
            loop {
                match conn.pragma_update(None, "journal_mode", "WAL") {
                    Ok(()) => break,
                    Err(rusqlite::Error::SqliteFailure(f, _))
                        if f.code == rusqlite::ErrorCode::DatabaseBusy && tries < 300 =>
                    {
                        tries += 1;
                        std::thread::sleep(std::time::Duration::from_millis(100));
                    }
                    Err(e) => return Err(not_database(path)(e)),
                }
            }
        }
        // Checking the version and creating or upgrading the schema is one write
        // transaction: two processes opening a new database at once never both
        // create it, nor see it half made.
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(not_database(path))?;
        let version: i64 = tx
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(not_database(path))?;
        let tables: i64 = tx
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(not_database(path))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::Version {
                path: path.into(),
                found: version,
                expected: SCHEMA_VERSION,
            });
        }
        if version == 0 && tables > 0 {
            return Err(StoreError::NotDatabase {
                path: path.into(),
                reason: "it is an SQLite file with other tables".into(),
            });
        }
        if version == 0 {
            tx.execute_batch(SCHEMA)?;
            tx.execute_batch(&format!("PRAGMA user_version = {SCHEMA_VERSION};"))?;
        } else if version < SCHEMA_VERSION {
            migrate(&tx, version)?;
        }
        tx.commit()?;
        // WAL with synchronous=NORMAL: each article's transaction is atomic and durable
        // against application crashes without an fsync per article. A 64 MiB page cache
        // keeps the index pages that linking reads for every article in memory.
        conn.execute_batch(
            "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 8000;",
        )?;
        Ok(Store {
            views: HashMap::new(),
            judged: None,
            conn,
            path: path.into(),
        })
    }

    /// Forgets the claim views built so far in this process. A caller that
    /// empties or replaces the database under [`Store::conn`] (as the fuzz
    /// target does between inputs) must call this: the views are keyed by
    /// claim id, and ids are given out again.
    pub fn clear_view_cache(&mut self) {
        self.views.clear();
    }

    /// Opens an existing database for reading only (for `sql` without `--write`).
    pub fn open_read_only(path: &str) -> Result<Store, StoreError> {
        Store::open_read_only_or_recover(path, true)
    }

    fn open_read_only_or_recover(path: &str, recover: bool) -> Result<Store, StoreError> {
        if !std::path::Path::new(path).exists() {
            return Err(StoreError::NotDatabase {
                path: path.into(),
                reason: "no such file; run `claimtrace ingest` first".into(),
            });
        }
        let conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(not_database(path))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let version: i64 = match conn.query_row("PRAGMA user_version", [], |r| r.get(0)) {
            Ok(v) => v,
            // A writer that crashed in rollback-journal mode left a hot journal that only a
            // writable connection can undo: open it once for writing, then read.
            Err(_) if recover && std::path::Path::new(&format!("{path}-journal")).exists() => {
                drop(conn);
                Store::open(path)?;
                return Store::open_read_only_or_recover(path, false);
            }
            Err(e) => return Err(not_database(path)(e)),
        };
        if (1..SCHEMA_VERSION).contains(&version) {
            // An older database is upgraded once (that needs write access), then read.
            drop(conn);
            Store::open(path).map_err(|e| StoreError::Other(format!(
                "{path}: database schema version {version} is older than this program's ({SCHEMA_VERSION}) and could not be upgraded: {e}"
            )))?;
            return Store::open_read_only_or_recover(path, false);
        }
        if version == 0 {
            return Err(StoreError::NotDatabase {
                path: path.into(),
                reason: "it holds no claimtrace tables yet; run `claimtrace ingest` first".into(),
            });
        }
        if version != SCHEMA_VERSION {
            return Err(StoreError::NotDatabase {
                path: path.into(),
                reason: format!("schema version {version}, expected {SCHEMA_VERSION}"),
            });
        }
        Ok(Store {
            views: HashMap::new(),
            judged: None,
            conn,
            path: path.into(),
        })
    }

    /// Refuses, when statements are prepared, everything that is not a read:
    /// writes, schema changes, `ATTACH`/`DETACH` and every pragma that is not
    /// a plain query (`PRAGMA table_info(claims)` and `PRAGMA user_version`
    /// work, `PRAGMA user_version = 3` and `PRAGMA writable_schema = 1` do
    /// not). The returned slot holds what was refused last.
    pub fn refuse_writes(&self) -> std::sync::Arc<std::sync::Mutex<Option<String>>> {
        let refused = std::sync::Arc::new(std::sync::Mutex::new(None));
        let slot = refused.clone();
        self.conn.authorizer(Some(
            move |ctx: rusqlite::hooks::AuthContext<'_>| match refused_action(&ctx.action) {
                None => rusqlite::hooks::Authorization::Allow,
                Some(what) => {
                    // The first refusal names the statement (CREATE TABLE before its INSERT into sqlite_master).
                    if let Ok(mut s) = slot.lock() {
                        s.get_or_insert(what);
                    }
                    rusqlite::hooks::Authorization::Deny
                }
            },
        ));
        refused
    }

    /// Interrupts any statement of this connection still running `limit`
    /// after this call (the statement then fails with `SQLITE_INTERRUPT`).
    pub fn interrupt_after(&self, limit: std::time::Duration) {
        let started = std::time::Instant::now();
        self.conn
            .progress_handler(10_000, Some(move || started.elapsed() > limit));
    }

    /// Stores one article with its claims, links and verdicts, in one
    /// transaction. Writers take the write lock at the start (`BEGIN
    /// IMMEDIATE`), so two ingests into one database take turns instead of
    /// deadlocking; a transaction that still meets a busy database is tried again.
    pub fn ingest(
        &mut self,
        art: &Article,
        lex: &Lexicon,
        rules: &RuleSet,
    ) -> Result<Ingested, StoreError> {
        let mut attempt = 0;
        loop {
            match self.ingest_once(art, lex, rules) {
                Err(e) if is_busy(&e) && attempt < BUSY_RETRIES => {
                    attempt += 1;
                    std::thread::sleep(std::time::Duration::from_millis(100 * u64::from(attempt)));
                }
                r => return r,
            }
        }
    }

    fn ingest_once(
        &mut self,
        art: &Article,
        lex: &Lexicon,
        rules: &RuleSet,
    ) -> Result<Ingested, StoreError> {
        let sha = if art.sha256.is_empty() {
            sha256_hex(art.body.as_bytes())
        } else {
            art.sha256.clone()
        };
        let stored = |conn: &Connection| -> Result<Option<Ingested>, StoreError> {
            let id: Option<i64> = conn
                .query_row("SELECT id FROM articles WHERE sha256 = ?1", [&sha], |r| {
                    r.get(0)
                })
                .optional()?;
            Ok(id.map(|id| Ingested {
                article_id: Some(id),
                duplicate: true,
                ..Default::default()
            }))
        };
        if let Some(dup) = stored(&self.conn)? {
            return Ok(dup);
        }
        // Extraction needs no database: it runs before the write lock is taken.
        let ex = crate::extract::extract(&art.body, lex);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another process may have stored the same bytes meanwhile.
        if let Some(dup) = stored(&tx)? {
            return Ok(dup);
        }
        exec(&tx,
            "INSERT INTO articles(path, title, outlet, url, author, published_at, body, sha256, date_source) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)",
            params![art.path, art.title, art.outlet, art.url, art.author, art.published_at, art.body, sha, art.date_source],
        )?;
        let article_id = tx.last_insert_rowid();
        exec(
            &tx,
            "UPDATE articles SET topic = ?1 WHERE id = ?2",
            params![ex.main_org, article_id],
        )?;
        // The article's story keys go into the term index ("@orrin"): candidates are found and
        // stories told apart through them.
        let keys: Vec<String> =
            crate::relate::claim::story_keys(ex.story.iter().map(String::as_str), lex)
                .into_iter()
                .map(|k| format!("@{k}"))
                .collect();
        let mut new_ids = Vec::new();
        let mut counts: HashMap<String, u32> = HashMap::new();
        // The first claim's id names its group (claims.group_id).
        let mut groups: std::collections::HashMap<usize, i64> = Default::default();
        for c in &ex.claims {
            // The attribution dates the claim and says whether it recaps, with the article's date
            // as anchor ("on Monday", "in June"); a date inside the content dates its subject.
            let span = |a: Option<usize>, b: Option<usize>| Some(Span::new(a?, b?));
            let when = crate::normalise::time::claim_time(
                &art.body,
                &c.attribution,
                span(c.cue_start, c.cue_end),
                span(c.speaker_start, c.speaker_end),
                art.published_at.as_deref(),
                lex,
            );
            let c = &Claim {
                time_rank: when.rank,
                ..c.clone()
            };
            let id = insert_claim(&tx, article_id, c, groups.get(&c.group).copied())?;
            groups.entry(c.group).or_insert(id);
            // Stored only when earlier than the article's day (the schema's meaning of said_at).
            let before = |d: &String| {
                art.published_at
                    .as_deref()
                    .is_none_or(|a| d.as_str() < date_part(a))
            };
            if let Some(d) = when.said_at.filter(before) {
                exec(
                    &tx,
                    "UPDATE claims SET said_at = ?1 WHERE id = ?2",
                    params![d, id],
                )?;
            }
            for k in &keys {
                add_term(&tx, k, id, &mut counts)?;
            }
            new_ids.push(id);
        }
        let links = crate::relate::link::link_new(
            &tx,
            &new_ids,
            lex,
            rules,
            &mut self.views,
            &mut counts,
            self.judged.as_mut(),
        )?;
        flush_term_counts(&tx, counts)?;
        tx.commit()?;
        Ok(Ingested {
            article_id: Some(article_id),
            duplicate: false,
            claims: new_ids.len(),
            links,
        })
    }

    pub fn counts(&self) -> Result<(i64, i64, i64), StoreError> {
        let q = |sql: &str| -> Result<i64, StoreError> {
            Ok(self.conn.query_row(sql, [], |r| r.get(0))?)
        };
        Ok((
            q("SELECT count(*) FROM articles")?,
            q("SELECT count(*) FROM claims")?,
            q("SELECT count(*) FROM links")?,
        ))
    }
}

fn find_or_create_source(
    tx: &Transaction,
    name: &str,
    kind: SourceType,
    parent: Option<(i64, &str)>,
    alias: Option<&str>,
) -> Result<i64, StoreError> {
    let k = kind.as_str();
    let mut found: Option<(i64, String)> = None;
    if kind == SourceType::Unnamed {
        let pid = parent.map(|p| p.0);
        found = tx
            .query_row(
                "SELECT id, name FROM sources WHERE kind = 'unnamed' AND name = ?1 AND parent_id IS ?2",
                params![name, pid],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
    } else {
        let kinds: &[&str] = match kind {
            SourceType::Organization | SourceType::Media => &["organization", "media"],
            _ => std::slice::from_ref(&k),
        };
        let mut stmt = tx.prepare_cached(
            "SELECT DISTINCT s.id, s.name, s.kind FROM source_keys k JOIN sources s ON s.id = k.source_id
             WHERE k.key IN (?2, ?3, ?4, ?5) AND s.kind = ?1 ORDER BY s.id",
        )?;
        let [kn, kf, kl, ka] = source_keys(name);
        let mut short_form: Vec<(i64, String)> = Vec::new();
        // A lone surname and a fuller name join only when the surname is
        // unambiguous: "Lynch" beside both "Loretta Lynch" and "Stephen Lynch"
        // is neither, and a stored lone "Lynch" kept apart for that reason is
        // not renamed by the next full name that comes along.
        let is_person = kind == SourceType::Person;
        let lone = |n: &str| !n.trim().contains(' ');
        let last = |n: &str| norm(n).split_whitespace().last().map(str::to_string);
        let mut person_rows: Vec<(i64, String)> = Vec::new();
        let mut full_names: Vec<String> = Vec::new();
        'outer: for kk in kinds {
            let rows: Vec<(i64, String, String)> = stmt
                .query_map(params![kk, kn, kf, kl, ka], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?
                .collect::<Result<_, _>>()?;
            for (id, n, _) in rows {
                if is_person && !lone(&n) {
                    full_names.push(norm(&n));
                }
                if is_person && norm(&n) != norm(name) && (lone(name) || lone(&n)) {
                    person_rows.push((id, n));
                    continue;
                }
                if same_name(k, &n, name) {
                    found = Some((id, n));
                    break 'outer;
                }
                if matches!(kind, SourceType::Organization | SourceType::Media)
                    && (is_short_form_of(name, &n) || is_short_form_of(&n, name))
                {
                    short_form.push((id, n));
                }
            }
        }
        // "Orrin" in a later article is "Orrin Devices" when no other stored
        // organisation starts with that word.
        if found.is_none() && short_form.len() == 1 {
            found = short_form.pop();
        }
        if found.is_none() && is_person {
            // Fuller stored names of this surname; with a full name coming in,
            // itself counts as one of them.
            let surname = last(name);
            full_names.retain(|n| last(n) == surname && (lone(name) || *n != norm(name)));
            full_names.sort();
            full_names.dedup();
            let others = full_names.len() + usize::from(!lone(name));
            if others == 1 {
                found = person_rows
                    .iter()
                    .find(|(_, n)| same_name(k, n, name))
                    .cloned();
            }
        }
    }
    let id = match found {
        Some((id, old)) => {
            // Keep the fullest name.
            if name.split_whitespace().count() > old.split_whitespace().count()
                || name.len() > old.len() && norm(name).contains(&norm(&old))
            {
                exec(
                    tx,
                    "UPDATE sources SET name = ?1 WHERE id = ?2",
                    params![name, id],
                )?;
                exec(
                    tx,
                    "INSERT OR IGNORE INTO source_aliases(source_id, alias) VALUES (?1, ?2)",
                    params![id, old],
                )?;
            }
            id
        }
        None => {
            exec(
                tx,
                "INSERT INTO sources(name, kind, parent_id, relation) VALUES (?1, ?2, ?3, ?4)",
                params![name, k, parent.map(|p| p.0), parent.map(|p| p.1)],
            )?;
            tx.last_insert_rowid()
        }
    };
    exec(
        tx,
        "INSERT OR IGNORE INTO source_aliases(source_id, alias) VALUES (?1, ?2)",
        params![id, name],
    )?;
    for key in source_keys(name) {
        exec(
            tx,
            "INSERT OR IGNORE INTO source_keys(key, source_id) VALUES (?1, ?2)",
            params![key, id],
        )?;
    }
    if let Some(a) = alias {
        exec(
            tx,
            "INSERT OR IGNORE INTO source_aliases(source_id, alias) VALUES (?1, ?2)",
            params![id, a],
        )?;
    }
    Ok(id)
}

/// Stores one claim; `group_id` is the id of its group's first claim, or
/// `None` when this claim is the first (its own id then names the group).
fn insert_claim(
    tx: &Transaction,
    article_id: i64,
    c: &Claim,
    group_id: Option<i64>,
) -> Result<i64, StoreError> {
    let mut spokesperson_id = None;
    let source_id = match (c.source_type, &c.source_parent) {
        (SourceType::Unnamed, Some(p)) => {
            let pid = find_or_create_source(tx, p, SourceType::Media, None, None)?;
            find_or_create_source(
                tx,
                &c.source,
                SourceType::Unnamed,
                Some((pid, "cited-by")),
                c.speaker.as_deref(),
            )?
        }
        (SourceType::Organization | SourceType::Media, Some(person)) => {
            // A named spokesperson: the claim is the organisation's; the person is linked to it.
            let oid = find_or_create_source(tx, &c.source, c.source_type, None, None)?;
            let pid = find_or_create_source(tx, person, SourceType::Person, None, None)?;
            exec(tx, "UPDATE sources SET parent_id = ?1, relation = 'spokesperson-of' WHERE id = ?2 AND parent_id IS NULL", params![oid, pid])?;
            spokesperson_id = Some(pid);
            oid
        }
        (SourceType::Person, Some(org)) => {
            let oid = find_or_create_source(tx, org, SourceType::Organization, None, None)?;
            let pid = find_or_create_source(
                tx,
                &c.source,
                SourceType::Person,
                None,
                c.speaker.as_deref(),
            )?;
            // A named spokesperson speaks for the organisation; anyone else is affiliated with it.
            let relation = if c.spokesperson {
                spokesperson_id = Some(pid);
                "spokesperson-of"
            } else {
                "affiliated-with"
            };
            exec(tx, "UPDATE sources SET parent_id = ?1, relation = ?3 WHERE id = ?2 AND parent_id IS NULL", params![oid, pid, relation])?;
            pid
        }
        _ => find_or_create_source(tx, &c.source, c.source_type, None, c.speaker.as_deref())?,
    };
    exec(tx,
        "INSERT INTO claims(article_id, source_id, speaker, speaker_start, speaker_end, cue, cue_class, cue_start, cue_end, kind, text, start, \"end\", polarity, modality, sentence, time_rank, content_rule, speaker_rule, spokesperson_id, source_rule, group_id)
         VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22)",
        params![
            article_id,
            source_id,
            c.speaker,
            c.speaker_start.map(|x| x as i64),
            c.speaker_end.map(|x| x as i64),
            c.cue,
            c.cue_class,
            c.cue_start.map(|x| x as i64),
            c.cue_end.map(|x| x as i64),
            c.kind.as_str(),
            c.text,
            c.start as i64,
            c.end as i64,
            c.polarity.as_str(),
            c.modality.as_str(),
            c.sentence,
            c.time_rank as i64,
            c.content_rule,
            c.speaker_rule,
            spokesperson_id,
            c.source_rule,
            group_id,
        ],
    )?;
    let id = tx.last_insert_rowid();
    if group_id.is_none() {
        exec(
            tx,
            "UPDATE claims SET group_id = id WHERE id = ?1",
            params![id],
        )?;
    }
    Ok(id)
}

const STORED_SQL: &str = "SELECT c.id, c.article_id, coalesce(c.said_at, a.published_at), c.time_rank, c.start, CASE WHEN s.relation = 'spokesperson-of' AND s.parent_id IS NOT NULL THEN s.parent_id ELSE c.source_id END, s.name, s.kind, c.text, c.polarity, c.modality, coalesce(c.cue_class, 'assert'), a.topic, c.\"end\", c.restates_id, a.published_at
    FROM claims c JOIN articles a ON a.id = c.article_id JOIN sources s ON s.id = c.source_id";

/// A key term found in more claims than this is too common to say two claims
/// are about the same thing, and is not used to find candidates. This keeps
/// the cost of linking one claim bounded however large the database grows.
pub const BLOCKING_MAX_DF: i64 = 400;

/// At most this many index postings are read to find one claim's candidates (rarest terms first).
pub(crate) const POSTINGS_BUDGET: u32 = 800;

/// Story keys of claims (`@` terms of the index), by claim id.
pub(crate) fn story_keys_of(
    conn: &Connection,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<String>>, StoreError> {
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    let mut stmt =
        conn.prepare_cached("SELECT term FROM claim_terms WHERE claim_id = ?1 AND term GLOB '@*'")?;
    for id in ids {
        let keys = stmt
            .query_map([id], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        out.insert(
            *id,
            keys.into_iter()
                .map(|k| k.trim_start_matches('@').to_string())
                .collect(),
        );
    }
    Ok(out)
}

/// How many claims hold each index term.
pub(crate) type TermCounts = HashMap<String, u32>;

/// Runs one statement through the statement cache (the plain `execute` prepares it anew each time).
fn exec(conn: &Connection, sql: &str, p: impl rusqlite::Params) -> Result<usize, StoreError> {
    Ok(conn.prepare_cached(sql)?.execute(p)?)
}

/// Adds an index term of a claim; `counts` collects how many claims gained each
/// term, for [`flush_term_counts`].
pub(crate) fn add_term(
    tx: &Connection,
    term: &str,
    claim_id: i64,
    counts: &mut HashMap<String, u32>,
) -> Result<(), StoreError> {
    let mut ins =
        tx.prepare_cached("INSERT OR IGNORE INTO claim_terms(term, claim_id) VALUES (?1, ?2)")?;
    if ins.execute(params![term, claim_id])? == 1 {
        *counts.entry(term.to_string()).or_insert(0) += 1;
    }
    Ok(())
}

/// Adds the counted terms to `term_df` (once per term and article, not per claim).
fn flush_term_counts(tx: &Connection, counts: HashMap<String, u32>) -> Result<(), StoreError> {
    let mut up = tx.prepare_cached(
        "INSERT INTO term_df(term, n) VALUES (?1, ?2) ON CONFLICT(term) DO UPDATE SET n = n + excluded.n",
    )?;
    for (t, n) in counts {
        up.execute(params![t, n])?;
    }
    Ok(())
}

/// In how many stored claims each term occurs.
pub(crate) fn term_df(
    conn: &Connection,
    terms: impl IntoIterator<Item = String>,
) -> Result<HashMap<String, u32>, StoreError> {
    let mut df = conn.prepare_cached("SELECT n FROM term_df WHERE term = ?1")?;
    let mut out = HashMap::new();
    for t in terms {
        if out.contains_key(&t) {
            continue;
        }
        let n: u32 = df.query_row([&t], |r| r.get(0)).optional()?.unwrap_or(0);
        out.insert(t, n);
    }
    Ok(out)
}

/// The stored claims with what ordering and linking need.
pub(crate) fn load_stored(conn: &Connection, ids: &[i64]) -> Result<Vec<StoredClaim>, StoreError> {
    let mut out = Vec::with_capacity(ids.len());
    let mut stmt = conn.prepare_cached(&format!("{STORED_SQL} WHERE c.id = ?1"))?;
    for id in ids {
        if let Some(s) = stmt
            .query_row([id], |r| {
                Ok(StoredClaim {
                    id: r.get(0)?,
                    article_id: r.get(1)?,
                    date: r.get(2)?,
                    time_rank: r.get(3)?,
                    start: r.get(4)?,
                    source_id: r.get(5)?,
                    source_name: r.get(6)?,
                    source_kind: r.get(7)?,
                    text: r.get(8)?,
                    polarity: r.get(9)?,
                    modality: r.get(10)?,
                    cue_class: r.get(11)?,
                    end: r.get(13)?,
                    restates: r.get(14)?,
                    article_date: r.get(15)?,
                })
            })
            .optional()?
        {
            out.push(s);
        }
    }
    Ok(out)
}

/// Ids of all stored claims, in order.
pub(crate) fn claim_ids(conn: &Connection) -> Result<Vec<i64>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT id FROM claims ORDER BY id")?;
    let ids = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(ids)
}

/// Path of every stored article, by id.
pub(crate) fn article_paths(conn: &Connection) -> Result<HashMap<i64, String>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT id, path FROM articles")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The largest claim id, a cheap stand-in for the number of claims (one index look-up).
pub(crate) fn max_claim_id(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("SELECT coalesce(max(id), 1) FROM claims", [], |r| r.get(0))?)
}

/// The claims holding an index term.
pub(crate) fn postings(conn: &Connection, term: &str) -> Result<Vec<i64>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT claim_id FROM claim_terms WHERE term = ?1")?;
    let ids = stmt
        .query_map([term], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(ids)
}

/// Marks a claim as restating an earlier claim of the same source.
pub(crate) fn set_restates(conn: &Connection, id: i64, original: i64) -> Result<(), StoreError> {
    exec(
        conn,
        "UPDATE claims SET restates_id = ?1 WHERE id = ?2",
        params![original, id],
    )?;
    Ok(())
}

/// Stores one link (replacing an earlier row for the same pair).
pub(crate) fn insert_link(
    conn: &Connection,
    older: i64,
    newer: i64,
    d: &crate::relate::Decision,
    order_known: bool,
) -> Result<(), StoreError> {
    exec(
        conn,
        "INSERT OR REPLACE INTO links(claim_id, evidence_claim_id, relation, rule, score, explanation, backtrack, order_known) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
        params![
            older,
            newer,
            d.relation.as_str(),
            d.rules.join("+"),
            d.score,
            d.explanation,
            d.backtrack as i64,
            order_known as i64
        ],
    )?;
    Ok(())
}

/// Recomputes the verdict row of one claim from its links.
/// Recomputes the verdict row of one claim from its links, and the rows of
/// the claims that restate it (they share its verdict).
pub fn refresh_verdict(
    conn: &Connection,
    claim_id: i64,
    rules: &RuleSet,
) -> Result<(), StoreError> {
    let restates: Option<i64> = conn
        .query_row(
            "SELECT restates_id FROM claims WHERE id = ?1",
            [claim_id],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    match restates {
        Some(orig) => {
            compute_verdict(conn, orig, rules)?;
            copy_verdict(conn, orig, claim_id)?;
        }
        None => {
            compute_verdict(conn, claim_id, rules)?;
            let mut stmt = conn.prepare_cached("SELECT id FROM claims WHERE restates_id = ?1")?;
            let copies: Vec<i64> = stmt
                .query_map([claim_id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            for c in copies {
                copy_verdict(conn, claim_id, c)?;
            }
        }
    }
    Ok(())
}

fn copy_verdict(conn: &Connection, from: i64, to: i64) -> Result<(), StoreError> {
    exec(conn,
        "INSERT INTO verdicts(claim_id, verdict, confidence, summary, rules)
         SELECT ?2, verdict, confidence, 'Restates claim ' || ?1 || ', whose verdict it shares. ' || summary, rules FROM verdicts WHERE claim_id = ?1
         ON CONFLICT(claim_id) DO UPDATE SET verdict = excluded.verdict, confidence = excluded.confidence, summary = excluded.summary, rules = excluded.rules",
        params![from, to],
    )?;
    Ok(())
}

fn compute_verdict(conn: &Connection, claim_id: i64, rules: &RuleSet) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.relation, l.score, l.rule, l.backtrack, s.name, s.kind, p.name
         FROM links l JOIN claims e ON e.id = l.evidence_claim_id JOIN sources s ON s.id = e.source_id
         LEFT JOIN sources p ON p.id = s.parent_id
         WHERE l.claim_id = ?1 AND l.order_known = 1 ORDER BY l.id",
    )?;
    let links: Vec<LinkInfo> = stmt
        .query_map([claim_id], |r| {
            let kind: String = r.get(5)?;
            let name: String = r.get(4)?;
            let parent: Option<String> = r.get(6)?;
            let shown = match (kind.as_str(), parent) {
                ("unnamed", Some(p)) => format!("{name} cited by {p}"),
                _ => name,
            };
            Ok(LinkInfo {
                relation: r.get(0)?,
                score: r.get(1)?,
                rule: r.get(2)?,
                backtrack: r.get::<_, i64>(3)? != 0,
                evidence_source: shown,
                evidence_unnamed: kind == "unnamed",
            })
        })?
        .collect::<Result<_, _>>()?;
    let v = verdict::decide(&links, &rules.settings);
    exec(conn,
        "INSERT INTO verdicts(claim_id, verdict, confidence, summary, rules) VALUES (?1,?2,?3,?4,?5)
         ON CONFLICT(claim_id) DO UPDATE SET verdict = excluded.verdict, confidence = excluded.confidence, summary = excluded.summary, rules = excluded.rules",
        params![claim_id, v.verdict, v.confidence, v.summary, v.rules],
    )?;
    Ok(())
}

impl Store {
    /// Weighs the words of views by their rarity among the stored claims (as ingest does).
    pub fn weigh_views(&self, views: &mut [&mut ClaimView]) -> Result<(), StoreError> {
        crate::relate::link::weigh_views(&self.conn, views)
    }

    /// Every pair of stored claims the linker would judge if it compared each
    /// claim with all others (no candidate cap): for calibration on small story sets.
    pub fn all_pairs(&self) -> Result<Vec<crate::relate::link::PairRow>, StoreError> {
        crate::relate::link::all_pairs(&self.conn)
    }

    /// From now on, keep every pair the linker judges (see [`Store::take_judged`]).
    pub fn record_judged(&mut self) {
        self.judged.get_or_insert_with(Vec::new);
    }

    /// The pairs judged since [`Store::record_judged`], and stop recording.
    pub fn take_judged(&mut self) -> Vec<crate::relate::link::JudgedPair> {
        self.judged.take().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_matching_rules() {
        assert!(same_name("organization", "NWC", "Norvale Water Company"));
        assert!(!same_name("organization", "NWC", "Norvale Gas Company"));
        assert!(same_name(
            "organization",
            "Mitsubishi Heavy",
            "Mitsubishi Heavy Industries"
        ));
        assert!(!same_name(
            "organization",
            "Mitsubishi",
            "Mitsubishi Heavy Industries"
        ));
        assert!(same_name("person", "Roe", "Jane Roe"));
        assert!(same_name("person", "J. Roe", "Jane Roe"));
        assert!(!same_name("person", "John Roe", "Jane Roe"));
        // First letters are compared as characters, never as bytes.
        assert!(!same_name("person", "Émile Zola", "Jean Zola"));
        assert!(is_short_form_of("Orrin", "Orrin Devices"));
        assert!(!is_short_form_of("Bank", "Bank of England"));
        assert!(!is_short_form_of("Orrin Devices", "Orrin"));
        assert!(same_name("person", "É. Zola", "Émile Zola"));
    }

    /// A store whose database is replaced by an empty one keeps no view of the
    /// old claims once its views are forgotten (claim ids are given out again,
    /// and the cache's size decides when it starts over), and links like a new
    /// store.
    #[test]
    fn cleared_view_cache_after_replacing_the_database_links_like_a_new_store() {
        let lex = Lexicon::builtin().unwrap();
        let rules = RuleSet::builtin().unwrap();
        let corpus = |name: &str| {
            let path = format!("{}/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(&path).unwrap();
            crate::read::parse_text(name, text).unwrap()
        };
        let links = |st: &Store| -> Vec<(i64, i64, String)> {
            let mut q = st
                .conn
                .prepare("SELECT claim_id, evidence_claim_id, relation FROM links ORDER BY 1, 2")
                .unwrap();
            q.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        let later = [
            corpus("e1_norvale_contamination.txt"),
            corpus("e2_norvale_inspectorate.txt"),
        ];
        let mut new = Store::open(":memory:").unwrap();
        for a in &later {
            new.ingest(a, &lex, &rules).unwrap();
        }
        let expected = links(&new);
        assert!(
            !expected.is_empty(),
            "the utility and the inspectorate link"
        );

        let mut reused = Store::open(":memory:").unwrap();
        for a in [
            corpus("a1_mhi_breach_disclosed.txt"),
            corpus("a3_mhi_backtracks.txt"),
        ] {
            reused.ingest(&a, &lex, &rules).unwrap();
        }
        reused.conn = Store::open(":memory:").unwrap().conn;
        assert!(!reused.views.is_empty());
        reused.clear_view_cache();
        assert!(reused.views.is_empty());
        for a in &later {
            reused.ingest(a, &lex, &rules).unwrap();
        }
        assert_eq!(links(&reused), expected);
    }

    #[test]
    fn reingesting_is_a_no_op_and_a_bad_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let db = db.to_str().unwrap();
        let lex = Lexicon::builtin().unwrap();
        let rules = RuleSet::builtin().unwrap();
        let mut st = Store::open(db).unwrap();
        let art = Article {
            path: "a.txt".into(),
            published_at: Some("2020-01-01".into()),
            body: "Acme Corp said that no data had been stolen.".into(),
            ..Default::default()
        };
        let r1 = st.ingest(&art, &lex, &rules).unwrap();
        assert_eq!((r1.duplicate, r1.claims), (false, 1));
        let r2 = st.ingest(&art, &lex, &rules).unwrap();
        assert!(r2.duplicate);
        assert_eq!(st.counts().unwrap(), (1, 1, 0));
        let junk = dir.path().join("junk.db");
        std::fs::write(
            &junk,
            b"this is not a database at all, just some text bytes..........",
        )
        .unwrap();
        let e = Store::open(junk.to_str().unwrap())
            .err()
            .expect("refused")
            .to_string();
        assert!(
            e.contains("junk.db") && e.contains("not a claimtrace database"),
            "{e}"
        );
    }
}
