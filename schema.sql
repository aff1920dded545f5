-- claimtrace database schema, version 3 (PRAGMA user_version).
-- The program creates exactly this schema (it is embedded at build);
-- the file opens in the sqlite3 shell and in Datasette.

PRAGMA foreign_keys = ON;

-- One row per ingested article. body is the text claims point into:
-- for .txt/.md the file's text after its header block, unchanged;
-- for HTML the extracted main text; for JSONL the `text` field.
CREATE TABLE IF NOT EXISTS articles (
    id           INTEGER PRIMARY KEY,
    path         TEXT NOT NULL,              -- as given on the command line
    title        TEXT,
    outlet       TEXT,
    url          TEXT,
    author       TEXT,
    published_at TEXT,                       -- YYYY-MM-DD, or RFC 3339 in UTC (YYYY-MM-DDTHH:MM:SSZ) with a time; NULL when unknown
    body         TEXT NOT NULL,
    sha256       TEXT NOT NULL UNIQUE,       -- of the file's bytes (of the line, for JSONL); re-ingesting is a no-op
    topic        TEXT,                       -- the organisation the article is mostly about (linking context)
    ingested_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    date_source  TEXT CHECK (date_source IN ('header','meta','jsonl','file-name','url')) -- where published_at came from; NULL when unknown
);

-- Canonical sources: people, organisations, media, unnamed sources, documents.
-- name is the fullest name seen, without legal suffix or honorific.
-- parent_id links a spokesperson to the organisation they speak for
-- (relation 'spokesperson-of'), unnamed sources to the outlet that cites them
-- ('cited-by'), and a person to their organisation ('affiliated-with').
CREATE TABLE IF NOT EXISTS sources (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('person','organization','media','unnamed','document','other')),
    parent_id INTEGER REFERENCES sources(id),
    relation  TEXT CHECK (relation IN ('spokesperson-of','cited-by','affiliated-with'))
);
CREATE INDEX IF NOT EXISTS sources_name ON sources(name);

-- Every way a source was written (speaker phrases and shorter names).
CREATE TABLE IF NOT EXISTS source_aliases (
    source_id INTEGER NOT NULL REFERENCES sources(id),
    alias     TEXT NOT NULL,
    PRIMARY KEY (source_id, alias)
);
CREATE INDEX IF NOT EXISTS source_aliases_alias ON source_aliases(alias COLLATE NOCASE);

-- Lookup keys of sources (normalised name, first word, last word), so that merging a
-- new name with the stored ones never scans every source. Internal.
CREATE TABLE IF NOT EXISTS source_keys (
    key       TEXT NOT NULL,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    PRIMARY KEY (key, source_id)
) WITHOUT ROWID;

-- Attributed claims. start/end are UTF-8 byte offsets into articles.body.
CREATE TABLE IF NOT EXISTS claims (
    id             INTEGER PRIMARY KEY,
    article_id     INTEGER NOT NULL REFERENCES articles(id),
    source_id      INTEGER NOT NULL REFERENCES sources(id),
    speaker        TEXT,                     -- as written (NULL for "it was confirmed that ...")
    speaker_start  INTEGER,
    speaker_end    INTEGER,
    cue            TEXT,                     -- said, claimed, admitted, denied, revealed, ...
    cue_class      TEXT,                     -- assert, admit, deny, claim, reveal, confirm, warn, believe, retract
    cue_start      INTEGER,
    cue_end        INTEGER,
    kind           TEXT NOT NULL CHECK (kind IN ('direct','indirect','mixed')),
    text           TEXT NOT NULL,
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    polarity       TEXT NOT NULL CHECK (polarity IN ('positive','negative')),
    modality       TEXT NOT NULL CHECK (modality IN ('asserted','hedged')),
    sentence       TEXT,
    time_rank      INTEGER NOT NULL DEFAULT 0, -- -1 earlier stage, 0 unmarked, +1 newest, inside the article
    said_at        TEXT,                     -- when the text dates the claim earlier than the article ("In August, ... said")
    content_rule   TEXT,                     -- sieve that found the content
    speaker_rule   TEXT,                     -- sieve that found the speaker
    spokesperson_id INTEGER REFERENCES sources(id), -- the named person speaking for source_id, if any
    restates_id    INTEGER REFERENCES claims(id),   -- an earlier claim of the same source this one repeats
    group_id       INTEGER,                  -- id of the first claim of the same attribution (one proposition per claim; a quote of three sentences is three claims of one group)
    source_rule    TEXT                      -- resolution sieve that decided the source (named, pronoun, org-noun, ...)
);
CREATE INDEX IF NOT EXISTS claims_article ON claims(article_id);
CREATE INDEX IF NOT EXISTS claims_group ON claims(group_id);
CREATE INDEX IF NOT EXISTS claims_restates ON claims(restates_id);
CREATE INDEX IF NOT EXISTS claims_source ON claims(source_id);

-- Inverted index of what the relation engine matches on: stems of content words, WordNet
-- concepts (#id) and story keys (@name). Candidate evidence is found through it.
CREATE TABLE IF NOT EXISTS claim_terms (
    term     TEXT NOT NULL,
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    PRIMARY KEY (term, claim_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS claim_terms_claim ON claim_terms(claim_id);

-- How many claims hold each index term (kept with claim_terms): word rarity and candidate ranking.
CREATE TABLE IF NOT EXISTS term_df (
    term TEXT PRIMARY KEY,
    n    INTEGER NOT NULL
) WITHOUT ROWID;

-- Links from an earlier claim (claim_id, the one being checked) to later evidence.
-- One row per pair, never also the reverse. rule lists the rules that fired, joined by '+'.
CREATE TABLE IF NOT EXISTS links (
    id                INTEGER PRIMARY KEY,
    claim_id          INTEGER NOT NULL REFERENCES claims(id),
    evidence_claim_id INTEGER NOT NULL REFERENCES claims(id),
    relation          TEXT NOT NULL CHECK (relation IN ('supports','contradicts')),
    rule              TEXT NOT NULL,
    score             REAL NOT NULL,
    explanation       TEXT NOT NULL,
    backtrack         INTEGER NOT NULL DEFAULT 0,  -- 1: the same source going back on its own claim
    order_known       INTEGER NOT NULL DEFAULT 1,  -- 0: an article of the pair has no date; the direction is ingestion order
    UNIQUE (claim_id, evidence_claim_id)
);
CREATE INDEX IF NOT EXISTS links_evidence ON links(evidence_claim_id);

-- Exactly one row per claim, recomputed whenever its links change.
CREATE TABLE IF NOT EXISTS verdicts (
    claim_id   INTEGER PRIMARY KEY REFERENCES claims(id),
    verdict    TEXT NOT NULL CHECK (verdict IN ('supported','contradicted','disputed','unverified')),
    confidence REAL NOT NULL,
    summary    TEXT NOT NULL,
    rules      TEXT NOT NULL
);

-- Full-text search over claim text and speaker: SELECT * FROM claims_fts WHERE claims_fts MATCH 'leak*'.
-- content="claims" in double quotes is the form Datasette and sqlite-utils look for (detect_fts),
-- so Datasette offers search on the claims table (claims.json?_search=leak).
CREATE VIRTUAL TABLE IF NOT EXISTS claims_fts USING fts5(text, speaker, content="claims", content_rowid="id");
CREATE TRIGGER IF NOT EXISTS claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts(rowid, text, speaker) VALUES (new.id, new.text, new.speaker);
END;
CREATE TRIGGER IF NOT EXISTS claims_fts_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, text, speaker) VALUES ('delete', old.id, old.text, old.speaker);
END;
CREATE TRIGGER IF NOT EXISTS claims_fts_update AFTER UPDATE OF text, speaker ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, text, speaker) VALUES ('delete', old.id, old.text, old.speaker);
    INSERT INTO claims_fts(rowid, text, speaker) VALUES (new.id, new.text, new.speaker);
END;

-- Claims with their source, article and verdict: the everyday view.
CREATE VIEW IF NOT EXISTS claim_view AS
SELECT c.id, a.published_at AS date, a.title AS article, a.outlet, a.path,
       s.name AS source, s.kind AS source_kind, c.speaker, c.cue, c.kind,
       c.polarity, c.modality, c.text, v.verdict, v.confidence
FROM claims c
JOIN articles a ON a.id = c.article_id
JOIN sources s ON s.id = c.source_id
LEFT JOIN verdicts v ON v.claim_id = c.id;

-- Links with both claims spelled out.
CREATE VIEW IF NOT EXISTS link_view AS
SELECT l.id, l.relation, l.backtrack, l.order_known, l.rule, l.score,
       cs.name AS claim_source, c.text AS claim, ca.published_at AS claim_date,
       es.name AS evidence_source, e.text AS evidence, ea.published_at AS evidence_date,
       l.explanation, l.claim_id, l.evidence_claim_id
FROM links l
JOIN claims c ON c.id = l.claim_id JOIN sources cs ON cs.id = c.source_id JOIN articles ca ON ca.id = c.article_id
JOIN claims e ON e.id = l.evidence_claim_id JOIN sources es ON es.id = e.source_id JOIN articles ea ON ea.id = e.article_id;

CREATE VIEW IF NOT EXISTS contradictions AS
SELECT * FROM link_view WHERE relation = 'contradicts';

-- A source going back on its own words.
CREATE VIEW IF NOT EXISTS backtracks AS
SELECT * FROM link_view WHERE backtrack = 1;

-- Sources with their parent (organisation of a spokesperson, outlet citing unnamed sources) and claim counts.
CREATE VIEW IF NOT EXISTS source_view AS
SELECT s.id, s.name, s.kind, p.name AS parent, s.relation,
       (SELECT count(*) FROM claims c WHERE c.source_id = s.id) AS claims,
       (SELECT group_concat(alias, ' | ') FROM source_aliases x WHERE x.source_id = s.id) AS aliases
FROM sources s LEFT JOIN sources p ON p.id = s.parent_id;
