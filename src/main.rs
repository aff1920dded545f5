//! The `claimtrace` command line: argument parsing, output formats and exit codes.
//! All the work is done by the library; errors get their context here.
//!
//! Exit codes: 0 success; 1 some input failed (the rest was processed); 2 usage or fatal error.

use std::io::{BufRead, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use serde_json::{json, Value};

use claimtrace::lexicon::Lexicon;
use claimtrace::model::Claim;
use claimtrace::read;
use claimtrace::rules::RuleSet;
use claimtrace::store::Store;

#[derive(Parser)]
#[command(name = "claimtrace", version, about = "Who claimed what, and did later reporting bear it out?", long_about = None)]
struct Cli {
    /// SQLite database file.
    #[arg(
        long,
        global = true,
        env = "CLAIMTRACE_DB",
        default_value = "claimtrace.db"
    )]
    db: String,
    /// Rule file replacing the built-in rules (or extending them with `extends = "builtin"`).
    #[arg(long, global = true, env = "CLAIMTRACE_RULES")]
    rules: Option<String>,
    /// Folder of lexicon files replacing the built-in ones of the same name.
    #[arg(long, global = true, env = "CLAIMTRACE_LEXICON")]
    lexicon: Option<PathBuf>,
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum ExtractFormat {
    Jsonl,
    Json,
    Table,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum TableFormat {
    Table,
    Json,
    Csv,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum ReportFormat {
    Markdown,
    Json,
    Claimreview,
}

#[derive(Subcommand)]
enum Cmd {
    /// Ingest files, folders (recursive: .txt .md .html .htm .jsonl) or - for stdin; links as it goes.
    Ingest {
        #[arg(required = true)]
        paths: Vec<String>,
    },
    /// Print the claims found in files or stdin, without a database.
    Extract {
        #[arg(required = true)]
        paths: Vec<String>,
        #[arg(long, value_enum, default_value = "jsonl")]
        format: ExtractFormat,
        /// Show the sieve that found each content and speaker.
        #[arg(long)]
        explain: bool,
    },
    /// List stored claims.
    Claims {
        /// Only claims whose source (or one of its aliases) matches NAME.
        #[arg(long)]
        source: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: TableFormat,
    },
    /// Fact-check summaries of the stored claims.
    Report {
        #[arg(long)]
        claim: Option<i64>,
        #[arg(long, value_enum, default_value = "markdown")]
        format: ReportFormat,
    },
    /// Run SQL on the claims database (read-only unless --write); - reads the SQL from stdin.
    Sql {
        query: String,
        #[arg(long)]
        write: bool,
        /// Named parameter for the query, e.g. --param source='Brightwell Motors' for `WHERE name = :source`.
        #[arg(long = "param", value_name = "NAME=VALUE")]
        params: Vec<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: TableFormat,
    },
    /// Which stored evidence supports or contradicts a claim; or, with --batch FILE, stance of claim/evidence pairs.
    Check {
        claim: Option<String>,
        /// JSONL file (or -) of {"id","claim","evidence"} pairs; no database is used.
        #[arg(long)]
        batch: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: TableFormat,
    },
    /// Print the active rule set, or validate a rule file with --check.
    Rules {
        #[arg(long)]
        check: Option<String>,
    },
    /// Train the part-of-speech tagger on a UD treebank folder (development tool).
    #[command(hide = true)]
    TaggerTrain {
        #[arg(long)]
        treebank: PathBuf,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 12)]
        iterations: usize,
        /// Drop averaged weights smaller than this (0 keeps all; for tiny training sets).
        #[arg(long, default_value_t = 1.0)]
        prune: f32,
    },
    /// Accuracy and speed of the part-of-speech tagger on a UD treebank folder (development tool).
    #[command(hide = true)]
    TaggerEval {
        #[arg(long)]
        treebank: PathBuf,
        #[arg(long)]
        model: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            let mut msg = format!("claimtrace: {e}");
            for cause in e.chain().skip(1) {
                let c = cause.to_string();
                if !msg.contains(&c) {
                    msg.push_str(&format!(": {c}"));
                }
            }
            eprintln!("{msg}");
            ExitCode::from(2)
        }
    }
}

fn load_lexicon(cli: &Cli) -> Result<Lexicon> {
    Lexicon::load(cli.lexicon.as_deref()).context("cannot load the lexicon")
}

fn load_rules(cli: &Cli) -> Result<RuleSet> {
    Ok(RuleSet::load(cli.rules.as_deref())?)
}

fn run(cli: Cli) -> Result<ExitCode> {
    match &cli.cmd {
        Cmd::Ingest { paths } => ingest(&cli, paths),
        Cmd::Extract {
            paths,
            format,
            explain,
        } => extract(&cli, paths, *format, *explain),
        Cmd::Claims { source, format } => claims(&cli, source.as_deref(), *format),
        Cmd::Report { claim, format } => report(&cli, *claim, *format),
        Cmd::Sql {
            query,
            write,
            params,
            format,
        } => sql(&cli, query, *write, params, *format),
        Cmd::Check {
            claim,
            batch,
            format,
        } => check(&cli, claim.as_deref(), batch.as_deref(), *format),
        Cmd::Rules { check } => rules_cmd(&cli, check.as_deref()),
        Cmd::TaggerTrain {
            treebank,
            out,
            iterations,
            prune,
        } => {
            use claimtrace::annotate::tagger;
            let mut log = std::io::stdout().lock();
            tagger::train_command(treebank, out, *iterations, *prune, &mut log)?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::TaggerEval { treebank, model } => {
            use claimtrace::annotate::tagger;
            tagger::eval_command(treebank, model.as_deref(), &mut std::io::stdout().lock())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn ingest(cli: &Cli, paths: &[String]) -> Result<ExitCode> {
    let lex = load_lexicon(cli)?;
    let rules = load_rules(cli)?;
    let mut store = Store::open(&cli.db)?;
    let inputs = read::expand(paths);
    let started = Instant::now();
    let bar = if std::io::stderr().is_terminal() && inputs.len() > 20 {
        let b = indicatif::ProgressBar::new(inputs.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Some(b)
    } else {
        None
    };
    let report_err = |bar: &Option<indicatif::ProgressBar>, msg: String| match bar {
        Some(b) => b.println(format!("claimtrace: {msg}")),
        None => eprintln!("claimtrace: {msg}"),
    };
    let (mut articles, mut dups, mut claims, mut links, mut failed, mut bytes) =
        (0usize, 0usize, 0usize, 0usize, 0usize, 0usize);
    for input in inputs {
        if let Some(b) = &bar {
            b.inc(1);
        }
        let input = match input {
            Ok(i) => i,
            Err(e) => {
                report_err(&bar, e.to_string());
                failed += 1;
                continue;
            }
        };
        read::for_each_article(&input, |art| {
            let art = match art {
                Ok(a) => a,
                Err(e) => {
                    report_err(&bar, e.to_string());
                    failed += 1;
                    return;
                }
            };
            bytes += art.body.len();
            match store.ingest(&art, &lex, &rules) {
                Ok(r) if r.duplicate => dups += 1,
                Ok(r) => {
                    articles += 1;
                    claims += r.claims;
                    links += r.links;
                }
                Err(e) => {
                    report_err(&bar, format!("{}: not stored: {e}", art.path));
                    failed += 1;
                }
            }
        });
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let secs = started.elapsed().as_secs_f64().max(1e-6);
    eprintln!(
        "ingested {articles} article{} ({dups} already stored), {claims} claims, {links} links in {secs:.2}s ({:.2} MB/s){}",
        if articles == 1 { "" } else { "s" },
        bytes as f64 / 1e6 / secs,
        if failed > 0 { format!("; {failed} input{} failed", if failed == 1 { "" } else { "s" }) } else { String::new() }
    );
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn claim_json(path: &str, c: &Claim, explain: bool) -> Value {
    let mut v = json!({
        "path": path,
        "kind": c.kind.as_str(),
        "text": c.text,
        "start": c.start,
        "end": c.end,
        "speaker": c.speaker,
        "speaker_start": c.speaker_start,
        "speaker_end": c.speaker_end,
        "source": c.source,
        "source_type": c.source_type.as_str(),
        "cue": c.cue,
        "cue_start": c.cue_start,
        "cue_end": c.cue_end,
        "polarity": c.polarity.as_str(),
        "modality": c.modality.as_str(),
        "sentence": c.sentence,
    });
    if let Some(p) = &c.source_parent {
        v["source_parent"] = json!(p);
    }
    if explain {
        v["cue_class"] = json!(c.cue_class);
        v["content_rule"] = json!(c.content_rule);
        v["speaker_rule"] = json!(c.speaker_rule);
        v["time_rank"] = json!(c.time_rank);
    }
    v
}

fn extract(cli: &Cli, paths: &[String], format: ExtractFormat, explain: bool) -> Result<ExitCode> {
    let lex = load_lexicon(cli)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = 0;
    let mut all: Vec<Value> = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    for input in read::expand(paths) {
        let input = match input {
            Ok(i) => i,
            Err(e) => {
                eprintln!("claimtrace: {e}");
                failed += 1;
                continue;
            }
        };
        for art in read::read_input(&input) {
            let art = match art {
                Ok(a) => a,
                Err(e) => {
                    eprintln!("claimtrace: {e}");
                    failed += 1;
                    continue;
                }
            };
            let ex = claimtrace::extract::extract(&art.body, &lex);
            for c in &ex.claims {
                match format {
                    ExtractFormat::Jsonl => {
                        serde_json::to_writer(&mut out, &claim_json(&art.path, c, explain))?;
                        out.write_all(b"\n")?;
                    }
                    ExtractFormat::Json => all.push(claim_json(&art.path, c, explain)),
                    ExtractFormat::Table => {
                        let mut r = vec![
                            art.path.clone(),
                            c.kind.as_str().into(),
                            c.source.clone(),
                            c.source_type.as_str().into(),
                            c.cue.clone().unwrap_or_default(),
                            c.polarity.as_str().into(),
                            c.modality.as_str().into(),
                            c.text.clone(),
                        ];
                        if explain {
                            r.push(format!("{} / {}", c.content_rule, c.speaker_rule));
                        }
                        rows.push(r);
                    }
                }
            }
        }
    }
    match format {
        ExtractFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &all)?;
            out.write_all(b"\n")?;
        }
        ExtractFormat::Table => {
            let mut head = vec![
                "path", "kind", "source", "type", "cue", "polarity", "modality", "text",
            ];
            if explain {
                head.push("rules (content / speaker)");
            }
            write_table(
                &mut out,
                &head.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                &rows,
            )?;
        }
        ExtractFormat::Jsonl => {}
    }
    out.flush()?;
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn cell(s: &str, max: usize) -> String {
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > max {
        format!("{}…", one.chars().take(max - 1).collect::<String>())
    } else {
        one
    }
}

fn write_table(out: &mut impl Write, head: &[String], rows: &[Vec<String>]) -> Result<()> {
    let max = 70;
    let mut w: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| cell(c, max)).collect())
        .collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            if i < w.len() {
                w[i] = w[i].max(c.chars().count());
            }
        }
    }
    let line = |cells: &[String]| -> String {
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                format!(
                    "{}{}",
                    c,
                    " ".repeat(w[i].saturating_sub(c.chars().count()))
                )
            })
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    writeln!(out, "{}", line(head))?;
    writeln!(
        out,
        "{}",
        w.iter()
            .map(|n| "-".repeat(*n))
            .collect::<Vec<_>>()
            .join("  ")
    )?;
    for r in &rows {
        writeln!(out, "{}", line(r))?;
    }
    Ok(())
}

fn write_rows(format: TableFormat, head: &[String], rows: &[Vec<Value>]) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let text = |v: &Value| match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    match format {
        TableFormat::Table => {
            let rows: Vec<Vec<String>> =
                rows.iter().map(|r| r.iter().map(text).collect()).collect();
            write_table(&mut out, head, &rows)?;
        }
        TableFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(head)?;
            for r in rows {
                w.write_record(r.iter().map(text))?;
            }
            w.flush()?;
        }
        TableFormat::Json => {
            let objs: Vec<Value> = rows
                .iter()
                .map(|r| Value::Object(head.iter().cloned().zip(r.iter().cloned()).collect()))
                .collect();
            serde_json::to_writer_pretty(&mut out, &objs)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(())
}

fn value_of(v: rusqlite::types::ValueRef) -> Value {
    use rusqlite::types::ValueRef;
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => json!(i),
        ValueRef::Real(f) => json!(f),
        ValueRef::Text(t) => json!(String::from_utf8_lossy(t)),
        ValueRef::Blob(b) => json!(format!("<{} bytes>", b.len())),
    }
}

fn query_rows(
    conn: &rusqlite::Connection,
    sql: &str,
    params: &[&dyn rusqlite::ToSql],
) -> Result<(Vec<String>, Vec<Vec<Value>>)> {
    let mut stmt = conn.prepare(sql)?;
    let head: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
    let n = head.len();
    let mut rows = Vec::new();
    let mut q = stmt.query(params)?;
    while let Some(r) = q.next()? {
        rows.push(
            (0..n)
                .map(|i| r.get_ref(i).map(value_of).unwrap_or(Value::Null))
                .collect(),
        );
    }
    Ok((head, rows))
}

fn claims(cli: &Cli, source: Option<&str>, format: TableFormat) -> Result<ExitCode> {
    let store = Store::open_read_only(&cli.db)?;
    let base = "SELECT c.id, a.published_at AS date, s.name AS source, s.kind AS source_kind, c.speaker, c.cue, c.kind, c.polarity, c.modality, coalesce(v.verdict,'unverified') AS verdict, c.text, a.path
        FROM claims c JOIN sources s ON s.id = c.source_id JOIN articles a ON a.id = c.article_id LEFT JOIN verdicts v ON v.claim_id = c.id";
    let (head, rows) = match source {
        Some(name) => {
            let like = format!("%{name}%");
            query_rows(
                &store.conn,
                &format!("{base} WHERE s.name LIKE ?1 OR c.speaker LIKE ?1 OR s.id IN (SELECT source_id FROM source_aliases WHERE alias LIKE ?1) OR s.parent_id IN (SELECT id FROM sources WHERE name LIKE ?1) ORDER BY a.published_at, c.article_id, c.start"),
                &[&like],
            )?
        }
        None => query_rows(
            &store.conn,
            &format!("{base} ORDER BY a.published_at, c.article_id, c.start"),
            &[],
        )?,
    };
    write_rows(format, &head, &rows)?;
    Ok(ExitCode::SUCCESS)
}

fn report(cli: &Cli, claim: Option<i64>, format: ReportFormat) -> Result<ExitCode> {
    let rules = load_rules(cli)?;
    let store = Store::open_read_only(&cli.db)?;
    let claims = claimtrace::report::load(&store.conn, claim)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match format {
        ReportFormat::Markdown => {
            out.write_all(claimtrace::report::markdown(&claims, &rules).as_bytes())?
        }
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &claims)?;
            out.write_all(b"\n")?;
        }
        ReportFormat::Claimreview => {
            let reviews = claimtrace::report::claimreview(&claims);
            if claim.is_some() && reviews.len() == 1 {
                serde_json::to_writer_pretty(&mut out, &reviews[0])?;
            } else {
                serde_json::to_writer_pretty(&mut out, &reviews)?;
            }
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn sql(
    cli: &Cli,
    query: &str,
    write: bool,
    params: &[String],
    format: TableFormat,
) -> Result<ExitCode> {
    let query = if query == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .context("cannot read SQL from stdin")?;
        s
    } else {
        query.to_string()
    };
    let store = if write {
        Store::open(&cli.db)?
    } else {
        Store::open_read_only(&cli.db)?
    };
    if !write {
        let stmt = store
            .conn
            .prepare(&query)
            .with_context(|| format!("{}: bad SQL", cli.db))?;
        if !stmt.readonly() {
            bail!(
                "{}: this statement writes to the database; add --write to allow it",
                cli.db
            );
        }
    }
    let mut named: Vec<(String, String)> = Vec::new();
    for p in params {
        let Some((k, v)) = p.split_once('=') else {
            bail!("--param {p}: write NAME=VALUE");
        };
        named.push((format!(":{}", k.trim_start_matches(':')), v.to_string()));
    }
    let mut stmt = store
        .conn
        .prepare(&query)
        .with_context(|| format!("{}: bad SQL", cli.db))?;
    for (k, v) in &named {
        let Some(idx) = stmt.parameter_index(k)? else {
            bail!("--param {k}: the query has no parameter {k}");
        };
        stmt.raw_bind_parameter(idx, v)?;
    }
    let head: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
    let n = head.len();
    let mut rows: Vec<Vec<Value>> = Vec::new();
    let mut q = stmt.raw_query();
    while let Some(r) = q
        .next()
        .with_context(|| format!("{}: query failed", cli.db))?
    {
        rows.push(
            (0..n)
                .map(|i| r.get_ref(i).map(value_of).unwrap_or(Value::Null))
                .collect(),
        );
    }
    if !head.is_empty() {
        write_rows(format, &head, &rows)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn check(
    cli: &Cli,
    claim: Option<&str>,
    batch: Option<&str>,
    format: TableFormat,
) -> Result<ExitCode> {
    let lex = load_lexicon(cli)?;
    let rules = load_rules(cli)?;
    if let Some(path) = batch {
        let reader: Box<dyn BufRead> = if path == "-" {
            Box::new(std::io::BufReader::new(std::io::stdin()))
        } else {
            Box::new(std::io::BufReader::new(
                std::fs::File::open(path)
                    .with_context(|| format!("{path}: cannot open pairs file"))?,
            ))
        };
        let stdout = std::io::stdout();
        let mut out = BufWriter::new(stdout.lock());
        let mut err = std::io::stderr();
        let bad = claimtrace::check::run_batch(reader, path, &mut out, &mut err, &lex, &rules)
            .with_context(|| format!("{path}: cannot read pairs"))?;
        out.flush()?;
        return Ok(if bad > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        });
    }
    let Some(claim) = claim else {
        bail!("give a claim to check (check \"CLAIM\") or a pairs file (check --batch FILE)");
    };
    let store = Store::open_read_only(&cli.db)?;
    let hits = claimtrace::check::check_claim(&store.conn, claim, &lex, &rules)?;
    let head: Vec<String> = [
        "claim_id",
        "relation",
        "score",
        "source",
        "date",
        "rule",
        "text",
        "explanation",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let rows: Vec<Vec<Value>> = hits
        .iter()
        .map(|h| {
            vec![
                json!(h.claim_id),
                json!(h.relation),
                json!(h.score),
                json!(h.source),
                json!(h.date),
                json!(h.rule),
                json!(h.text),
                json!(h.explanation),
            ]
        })
        .collect();
    if rows.is_empty() && format == TableFormat::Table {
        println!("No stored claim bears on this claim.");
    } else {
        write_rows(format, &head, &rows)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn rules_cmd(cli: &Cli, check: Option<&str>) -> Result<ExitCode> {
    if let Some(path) = check {
        let rs = RuleSet::load(Some(path))?;
        println!("{path}: OK, {} rules", rs.rules.len());
        return Ok(ExitCode::SUCCESS);
    }
    let rs = load_rules(cli)?;
    print!("{}", rs.describe());
    Ok(ExitCode::SUCCESS)
}
