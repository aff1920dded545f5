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
use claimtrace::model::{Article, Claim};
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
        paths: Vec<std::ffi::OsString>,
    },
    /// Print the claims found in files or stdin, without a database.
    Extract {
        #[arg(required = true)]
        paths: Vec<std::ffi::OsString>,
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
        /// Interrupt the query after SECONDS (0: no limit).
        #[arg(long, value_name = "SECONDS", default_value_t = 30)]
        timeout: u64,
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
    /// Fit the relation engine's rule weights on story timelines, cross-validated by story.
    ///
    /// Prints held-out-fold figures (weights fitted without a story judge it), then the
    /// weights fitted on all stories; --write puts them into a rule file (only its
    /// `weight =` and bias lines change), --folds-dir writes one rule file per fold.
    Calibrate {
        /// A stories folder in the development-set format (gold/ and stories/).
        #[arg(long)]
        stories: PathBuf,
        /// Number of folds (stories are dealt to folds in name order).
        #[arg(long, default_value_t = 4)]
        folds: usize,
        /// L2 penalty on the weights.
        #[arg(long, default_value_t = 1.0)]
        l2: f64,
        /// How much a pair the gold is silent on (a claim that is no gold claim) counts as a
        /// negative of stage 1, against 1 for two gold claims the gold does not link. Below 1
        /// because the gold lists only its own claims: many pairs it is silent on do bear on
        /// each other (0.3 gave the best cross-validated links found at links right >= 0.75).
        #[arg(long, default_value_t = 0.3)]
        unlisted_weight: f64,
        /// Rule file to rewrite with the weights fitted on all stories (e.g. rules/default.toml).
        #[arg(long)]
        write: Option<PathBuf>,
        /// Folder for fold-N.toml (weights fitted without fold N) and fold-N.stories (its stories).
        #[arg(long)]
        folds_dir: Option<PathBuf>,
        /// Write every judged pair with its features and gold label as JSON lines (for diagnosis).
        #[arg(long)]
        dump: Option<PathBuf>,
        /// A folder of real news articles (e.g. PolNeAR's training texts) ingested as the
        /// background: every pair the linker judges there counts as a pair that does not
        /// bear on each other (few do), and the figures say how many of them would link.
        #[arg(long)]
        background: Option<PathBuf>,
        /// How much a background pair counts as a negative of stage 1 (there are a hundred
        /// times more of them than story pairs; 0.03 gave the most links found on held-out
        /// stories at about one background link per 1,000 pairs).
        #[arg(long, default_value_t = 0.03)]
        background_weight: f64,
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

/// Parses the arguments; a usage error is one line on stderr and exit code 2
/// (help and version print as usual).
fn parse_args() -> Result<Cli, ExitCode> {
    Cli::try_parse().map_err(|e| {
        use clap::error::ErrorKind;
        if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        let text = e.to_string();
        let parts: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| {
                !l.is_empty() && !l.starts_with("Usage:") && !l.starts_with("For more information")
            })
            .collect();
        let line = parts.join(" ");
        eprintln!(
            "claimtrace: {}; see claimtrace --help",
            line.trim_start_matches("error: ")
        );
        ExitCode::from(2)
    })
}

/// Is this error a closed pipe on stdout (`claimtrace ... | head -1`)?
fn broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        let kind = if let Some(io) = c.downcast_ref::<std::io::Error>() {
            Some(io.kind())
        } else if let Some(j) = c.downcast_ref::<serde_json::Error>() {
            j.io_error_kind()
        } else if let Some(csv) = c.downcast_ref::<csv::Error>() {
            match csv.kind() {
                csv::ErrorKind::Io(io) => Some(io.kind()),
                _ => None,
            }
        } else {
            None
        };
        kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}

fn main() -> ExitCode {
    let cli = match parse_args() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match run(cli) {
        Ok(code) => code,
        // The reader has what it wanted: end quietly.
        Err(e) if broken_pipe(&e) => ExitCode::SUCCESS,
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
    if let Some(dir) = &cli.lexicon {
        if !dir.is_dir() {
            bail!(
                "--lexicon {}: {}",
                dir.display(),
                if dir.exists() {
                    "not a folder (give the folder holding the lexicon files)"
                } else {
                    "no such folder"
                }
            );
        }
    }
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
            timeout,
        } => sql(&cli, query, *write, params, *format, *timeout),
        Cmd::Check {
            claim,
            batch,
            format,
        } => check(&cli, claim.as_deref(), batch.as_deref(), *format),
        Cmd::Rules { check } => rules_cmd(&cli, check.as_deref()),
        Cmd::Calibrate {
            stories,
            folds,
            l2,
            unlisted_weight,
            write,
            folds_dir,
            dump,
            background,
            background_weight,
        } => calibrate_cmd(
            &cli,
            (stories, background.as_deref()),
            *folds,
            (*l2, *unlisted_weight, *background_weight),
            write.as_deref(),
            folds_dir.as_deref(),
            dump.as_deref(),
        ),
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

fn ingest(cli: &Cli, paths: &[std::ffi::OsString]) -> Result<ExitCode> {
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
                failed += usize::from(!e.is_warning());
                continue;
            }
        };
        read::for_each_article(&input, |art| -> Result<()> {
            let art = match art {
                Ok(a) => a,
                Err(e) => {
                    report_err(&bar, e.to_string());
                    failed += 1;
                    return Ok(());
                }
            };
            bytes += art.body.len();
            match store.ingest(&art, &lex, &rules) {
                Ok(r) if r.duplicate => dups += 1,
                Ok(r) => {
                    // Warnings (an unreadable or missing date) are said once, when the article is stored.
                    for w in &art.warnings {
                        report_err(&bar, w.clone());
                    }
                    articles += 1;
                    claims += r.claims;
                    links += r.links;
                }
                Err(e) => {
                    report_err(&bar, format!("{}: not stored: {e}", art.path));
                    failed += 1;
                }
            }
            Ok(())
        })?;
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

/// A claim as `extract` prints it. Offsets are shifted by the article's
/// `body_offset`, so for `.txt`/`.md` input they point into the input bytes
/// (header included); for HTML and JSONL into the extracted text.
fn claim_json(art: &Article, c: &Claim, explain: bool) -> Value {
    let at = |o: usize| o + art.body_offset;
    let mut v = json!({
        "path": art.path,
        "kind": c.kind.as_str(),
        "text": c.text,
        "start": at(c.start),
        "end": at(c.end),
        "speaker": c.speaker,
        "speaker_start": c.speaker_start.map(at),
        "speaker_end": c.speaker_end.map(at),
        "source": c.source,
        "source_type": c.source_type.as_str(),
        "cue": c.cue,
        "cue_start": c.cue_start.map(at),
        "cue_end": c.cue_end.map(at),
        "polarity": c.polarity.as_str(),
        "modality": c.modality.as_str(),
        "sentence": c.sentence,
        "group": c.group,
    });
    if let Some(p) = &c.source_parent {
        v["source_parent"] = json!(p);
    }
    if explain {
        v["cue_class"] = json!(c.cue_class);
        v["content_rule"] = json!(c.content_rule);
        v["speaker_rule"] = json!(c.speaker_rule);
        v["source_rule"] = json!(c.source_rule);
        v["time_rank"] = json!(c.time_rank);
        v["pieces"] = json!(c.pieces);
    }
    v
}

fn extract(
    cli: &Cli,
    paths: &[std::ffi::OsString],
    format: ExtractFormat,
    explain: bool,
) -> Result<ExitCode> {
    let lex = load_lexicon(cli)?;
    let mut head = vec![
        "path", "kind", "source", "type", "cue", "polarity", "modality", "text",
    ];
    if explain {
        head.push("rules (content / speaker)");
    }
    // Claims are written as each article is read: JSONL line by line, JSON as
    // an array element by element, a table with the widths of its first rows.
    let mut sink = RowSink::new(
        match format {
            ExtractFormat::Table => TableFormat::Table,
            _ => TableFormat::Json,
        },
        head.iter().map(|s| s.to_string()).collect(),
    )?;
    let mut failed = 0;
    for input in read::expand(paths) {
        let input = match input {
            Ok(i) => i,
            Err(e) => {
                eprintln!("claimtrace: {e}");
                failed += usize::from(!e.is_warning());
                continue;
            }
        };
        read::for_each_article(&input, |art| -> Result<()> {
            let art = match art {
                Ok(a) => a,
                Err(e) => {
                    eprintln!("claimtrace: {e}");
                    failed += 1;
                    return Ok(());
                }
            };
            let ex = claimtrace::extract::extract(&art.body, &lex);
            for c in &ex.claims {
                match format {
                    ExtractFormat::Jsonl => sink.line(&claim_json(&art, c, explain))?,
                    ExtractFormat::Json => sink.element(&claim_json(&art, c, explain))?,
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
                        sink.row(r.into_iter().map(Value::String).collect())?;
                    }
                }
            }
            // --explain also tells which cues gave no claim, and why.
            if explain {
                for r in &ex.rejected {
                    let at = |o: usize| o + art.body_offset;
                    let v = json!({
                        "path": art.path,
                        "rejected_cue": art.body.get(r.cue.start..r.cue.end).unwrap_or(""),
                        "cue_start": at(r.cue.start),
                        "cue_end": at(r.cue.end),
                        "reason": r.reason,
                    });
                    match format {
                        ExtractFormat::Jsonl => sink.line(&v)?,
                        ExtractFormat::Json => sink.element(&v)?,
                        ExtractFormat::Table => {}
                    }
                }
            }
            // A reader at the other end of a pipe gets each article's claims as it is read.
            if format == ExtractFormat::Jsonl {
                sink.out.flush()?;
            }
            Ok(())
        })?;
    }
    // JSONL lines need no closing bracket or table head.
    if format != ExtractFormat::Jsonl {
        sink.finish()?;
    }
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

/// Column widths that fit the head and the rows (cells already cut by [`cell`]).
fn table_widths(head: &[String], rows: &[Vec<String>]) -> Vec<usize> {
    let mut w: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            if i < w.len() {
                w[i] = w[i].max(c.chars().count());
            }
        }
    }
    w
}

/// One table line: cells padded to their column's width, two spaces apart.
fn table_line(cells: &[String], w: &[usize]) -> String {
    cells
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let width = w.get(i).copied().unwrap_or(0);
            format!(
                "{}{}",
                c,
                " ".repeat(width.saturating_sub(c.chars().count()))
            )
        })
        .collect::<Vec<_>>()
        .join("  ")
        .trim_end()
        .to_string()
}

/// The head line and the dashes under it.
fn table_head(out: &mut impl Write, head: &[String], w: &[usize]) -> Result<()> {
    writeln!(out, "{}", table_line(head, w))?;
    let dashes: Vec<String> = w.iter().map(|n| "-".repeat(*n)).collect();
    writeln!(out, "{}", dashes.join("  "))?;
    Ok(())
}

const TABLE_CELL_MAX: usize = 70;

/// A table's column widths come from its first rows, at most this many; later
/// rows are written as they come with those widths (a wider cell shifts its line).
const TABLE_SAMPLE: usize = 1000;

/// Writes query rows to stdout as they come, in a table, CSV or JSON (an
/// array written element by element): memory stays constant whatever the
/// number of rows.
struct RowSink {
    format: TableFormat,
    head: Vec<String>,
    out: BufWriter<std::io::StdoutLock<'static>>,
    /// Table rows held until the column widths are fixed.
    sample: Vec<Vec<String>>,
    widths: Option<Vec<usize>>,
    rows: usize,
}

fn cell_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl RowSink {
    fn new(format: TableFormat, head: Vec<String>) -> Result<RowSink> {
        let mut sink = RowSink {
            format,
            head,
            out: BufWriter::new(std::io::stdout().lock()),
            sample: Vec::new(),
            widths: None,
            rows: 0,
        };
        if format == TableFormat::Csv {
            let head = sink.head.clone();
            sink.csv_record(&head)?;
        }
        Ok(sink)
    }

    fn csv_record<S: AsRef<[u8]>>(&mut self, record: impl IntoIterator<Item = S>) -> Result<()> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(record)?;
        let bytes = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
        self.out.write_all(&bytes)?;
        Ok(())
    }

    fn row(&mut self, row: Vec<Value>) -> Result<()> {
        match self.format {
            TableFormat::Table => {
                let cells: Vec<String> = row
                    .iter()
                    .map(|v| cell(&cell_text(v), TABLE_CELL_MAX))
                    .collect();
                match &self.widths {
                    Some(w) => writeln!(self.out, "{}", table_line(&cells, w))?,
                    None => {
                        self.sample.push(cells);
                        if self.sample.len() >= TABLE_SAMPLE {
                            self.write_sample()?;
                        }
                    }
                }
            }
            TableFormat::Csv => self.csv_record(row.iter().map(cell_text))?,
            TableFormat::Json => {
                let obj = Value::Object(self.head.iter().cloned().zip(row).collect());
                return self.element(&obj);
            }
        }
        self.rows += 1;
        Ok(())
    }

    /// One element of the JSON array, pretty-printed.
    fn element(&mut self, v: &Value) -> Result<()> {
        self.out
            .write_all(if self.rows == 0 { b"[\n" } else { b",\n" })?;
        let text = serde_json::to_string_pretty(v)?;
        let indented: Vec<String> = text.lines().map(|l| format!("  {l}")).collect();
        self.out.write_all(indented.join("\n").as_bytes())?;
        self.rows += 1;
        Ok(())
    }

    /// One JSON value on a line of its own (JSONL).
    fn line(&mut self, v: &Value) -> Result<()> {
        serde_json::to_writer(&mut self.out, v)?;
        self.out.write_all(b"\n")?;
        self.rows += 1;
        Ok(())
    }

    fn write_sample(&mut self) -> Result<()> {
        let w = table_widths(&self.head, &self.sample);
        table_head(&mut self.out, &self.head, &w)?;
        for r in std::mem::take(&mut self.sample) {
            writeln!(self.out, "{}", table_line(&r, &w))?;
        }
        self.widths = Some(w);
        Ok(())
    }

    fn finish(mut self) -> Result<()> {
        match self.format {
            TableFormat::Table if self.widths.is_none() => self.write_sample()?,
            TableFormat::Json if self.rows == 0 => self.out.write_all(b"[]\n")?,
            TableFormat::Json => self.out.write_all(b"\n]\n")?,
            _ => {}
        }
        self.out.flush()?;
        Ok(())
    }
}

fn write_rows(format: TableFormat, head: &[String], rows: &[Vec<Value>]) -> Result<()> {
    let mut sink = RowSink::new(format, head.to_vec())?;
    for r in rows {
        sink.row(r.clone())?;
    }
    sink.finish()
}

/// Runs a query and streams its rows into a [`RowSink`]; `failed` turns a
/// step error into the message to give.
fn stream_rows(
    stmt: &mut rusqlite::Statement,
    format: TableFormat,
    failed: impl Fn(rusqlite::Error) -> anyhow::Error,
) -> Result<()> {
    let head: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
    let n = head.len();
    let mut sink = (n > 0).then(|| RowSink::new(format, head)).transpose()?;
    let mut q = stmt.raw_query();
    while let Some(r) = q.next().map_err(&failed)? {
        if let Some(sink) = sink.as_mut() {
            sink.row(
                (0..n)
                    .map(|i| r.get_ref(i).map(value_of).unwrap_or(Value::Null))
                    .collect(),
            )?;
        }
    }
    match sink {
        Some(sink) => sink.finish(),
        None => Ok(()),
    }
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

fn claims(cli: &Cli, source: Option<&str>, format: TableFormat) -> Result<ExitCode> {
    let store = Store::open_read_only(&cli.db)?;
    let base = "SELECT c.id, a.published_at AS date, s.name AS source, s.kind AS source_kind, c.speaker, c.cue, c.kind, c.polarity, c.modality, coalesce(v.verdict,'unverified') AS verdict, c.text, a.path
        FROM claims c JOIN sources s ON s.id = c.source_id JOIN articles a ON a.id = c.article_id LEFT JOIN verdicts v ON v.claim_id = c.id";
    let order = "ORDER BY a.published_at IS NULL, a.published_at, c.article_id, c.start";
    let mut stmt = match source {
        Some(name) => {
            // NAME matches literally: `%`, `_` and the escape character itself are escaped.
            let escaped = name
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            let like = format!("%{escaped}%");
            let mut stmt = store.conn.prepare(&format!("{base} WHERE s.name LIKE ?1 ESCAPE '\\' OR c.speaker LIKE ?1 ESCAPE '\\' OR s.id IN (SELECT source_id FROM source_aliases WHERE alias LIKE ?1 ESCAPE '\\') OR s.parent_id IN (SELECT id FROM sources WHERE name LIKE ?1 ESCAPE '\\') {order}"))?;
            stmt.raw_bind_parameter(1, like)?;
            stmt
        }
        None => store.conn.prepare(&format!("{base} {order}"))?,
    };
    stream_rows(&mut stmt, format, anyhow::Error::new)?;
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
    timeout: u64,
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
    let mut named: Vec<(String, String)> = Vec::new();
    for p in params {
        let Some((k, v)) = p.split_once('=') else {
            bail!("--param {p}: write NAME=VALUE");
        };
        named.push((format!(":{}", k.trim_start_matches(':')), v.to_string()));
    }
    let refused = (!write).then(|| store.refuse_writes());
    let read_only = |what: &str| {
        anyhow::anyhow!(
            "{}: SQL is read-only without --write: {what} is refused; add --write to allow it",
            cli.db
        )
    };
    let mut stmt = match store.conn.prepare(&query) {
        Ok(s) => s,
        Err(e) => match refused.as_ref().and_then(|r| r.lock().ok()?.take()) {
            Some(what) => return Err(read_only(&what)),
            None => return Err(e).with_context(|| format!("{}: bad SQL", cli.db)),
        },
    };
    // What the authorizer cannot see (VACUUM, VACUUM INTO) still writes.
    if !write && !stmt.readonly() {
        let words: Vec<&str> = query.split_whitespace().take(2).collect();
        return Err(read_only(&words.join(" ").to_uppercase()));
    }
    if timeout > 0 {
        store.interrupt_after(std::time::Duration::from_secs(timeout));
    }
    let failed = |e: rusqlite::Error| -> anyhow::Error {
        if e.sqlite_error_code() == Some(rusqlite::ErrorCode::OperationInterrupted) {
            anyhow::anyhow!(
                "{}: query interrupted after {timeout} s; raise --timeout or pass 0 for none",
                cli.db
            )
        } else {
            anyhow::Error::new(e).context(format!("{}: query failed", cli.db))
        }
    };
    for (k, v) in &named {
        let Some(idx) = stmt.parameter_index(k)? else {
            bail!("--param {k}: the query has no parameter {k}");
        };
        stmt.raw_bind_parameter(idx, v)?;
    }
    stream_rows(&mut stmt, format, failed)?;
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
    if claim.trim().is_empty() {
        bail!("check: the claim is empty; type the claim to check, e.g. check \"the plant will close\"");
    }
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
        writeln!(std::io::stdout(), "No stored claim bears on this claim.")?;
    } else {
        write_rows(format, &head, &rows)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `calibrate`: the stories and the optional background folder, folds, (L2, unlisted
/// weight, background weight), and where to write fitted weights, fold files and the dump.
fn calibrate_cmd(
    cli: &Cli,
    (stories, background): (&std::path::Path, Option<&std::path::Path>),
    folds: usize,
    (l2, unlisted, background_weight): (f64, f64, f64),
    write: Option<&std::path::Path>,
    folds_dir: Option<&std::path::Path>,
    dump: Option<&std::path::Path>,
) -> Result<ExitCode> {
    use claimtrace::relate::calibrate;
    let lex = load_lexicon(cli)?;
    let rules = load_rules(cli)?;
    let (st, mut ex) =
        calibrate::load_stories(stories, &rules, &lex).map_err(anyhow::Error::msg)?;
    let mut failed = false;
    if let Some(dir) = background {
        let (bg, warnings) =
            calibrate::load_background(dir, &rules, &lex).map_err(anyhow::Error::msg)?;
        for w in &warnings {
            eprintln!("claimtrace: background: {w}");
        }
        failed = !warnings.is_empty();
        ex.extend(bg);
    }
    if let Some(p) = dump {
        let mut f = std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("{}: cannot create", p.display()))?,
        );
        let rel = claimtrace::relate::Relater::new(&rules, &lex);
        for e in &ex {
            // What the engine makes of the pair with the weights in force: vetoes, both stages.
            let sc = rel.scores(&e.pf);
            let vetoes: Vec<&str> = rules
                .rules
                .iter()
                .filter(|r| {
                    r.relation == claimtrace::rules::Relation::None
                        && r.input(|f| e.pf.get(f)) != 0.0
                })
                .map(|r| r.name.as_str())
                .collect();
            let row = serde_json::json!({
                "story": st.get(e.story).map(|s| s.name.as_str()),
                "background": e.background.is_some(),
                "gold": e.gold.iter().map(|g| g.1.as_str()).collect::<Vec<_>>(),
                "gold_index": e.gold.iter().map(|g| g.0).collect::<Vec<_>>(),
                "claim_id": e.older_id,
                "evidence_id": e.newer_id,
                "vetoes": vetoes,
                "p_link": 1.0 / (1.0 + (-sc.link).exp()),
                "p_contradicts": 1.0 / (1.0 + (-sc.contradiction).exp()),
                "must_not": e.must_not,
                "known": e.known,
                "claim": e.older_text,
                "evidence": e.newer_text,
                "features": e.pf.named(),
                "why": e.pf.evidence,
            });
            writeln!(f, "{row}")?;
        }
    }
    let rep = calibrate::cross_validate(
        &rules,
        &lex,
        &st,
        &ex,
        folds,
        l2,
        (unlisted, background_weight),
    );
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} stories, {} pairs judged, {} gold links",
        st.len(),
        ex.len(),
        st.iter().map(|s| s.gold_links).sum::<usize>()
    )?;
    writeln!(
        out,
        "held-out folds (weights fitted without the fold's stories):"
    )?;
    for (names, f) in &rep.folds {
        writeln!(
            out,
            "  links found {:>3}/{:<3} right-when-made {:.2} (strict {:.2}, {} wrong, {} unlisted)  {}",
            f.found,
            f.gold_links,
            f.precision(),
            f.strict_precision(),
            f.wrong,
            f.other,
            names.join(",")
        )?;
    }
    for (_, f) in &rep.folds {
        for w in &f.wrong_pairs {
            writeln!(out, "    wrong: {w}")?;
        }
    }
    let t = &rep.total;
    writeln!(
        out,
        "cross-validated: links-R {:.2} links-P {:.2} strict-P {:.2} ({} found of {}, {} right, {} wrong, {} unlisted)",
        t.recall(),
        t.precision(),
        t.strict_precision(),
        t.found,
        t.gold_links,
        t.right_made,
        t.wrong,
        t.other
    )?;
    if t.background_pairs > 0 {
        writeln!(
            out,
            "cross-validated background: {} links made of {} real-news pairs judged (held-out articles)",
            t.background_links, t.background_pairs
        )?;
    }
    writeln!(
        out,
        "cross-validated at other link thresholds ({} pairs would find a gold link):",
        rep.positives
    )?;
    for (th, f) in &rep.sweep {
        write!(
            out,
            "  link_threshold {th:.1}: links-R {:.2} links-P {:.2} strict-P {:.2}",
            f.recall(),
            f.precision(),
            f.strict_precision()
        )?;
        if f.background_pairs > 0 {
            write!(
                out,
                "  background links {} of {} pairs ({:.1} per 1,000)",
                f.background_links,
                f.background_pairs,
                1000.0 * f.background_links as f64 / f.background_pairs as f64
            )?;
        }
        writeln!(out)?;
    }
    let fitted = calibrate::apply(&rules, &rep.fitted);
    writeln!(out, "weights fitted on all stories:")?;
    writeln!(
        out,
        "  link_bias {:.3}  contradiction_bias {:.3}",
        fitted.settings.link_bias, fitted.settings.contradiction_bias
    )?;
    for r in &fitted.rules {
        if r.relation != claimtrace::rules::Relation::None {
            writeln!(
                out,
                "  {:<26} {:<12} {:+.3}",
                r.name,
                r.relation.as_str(),
                r.weight
            )?;
        }
    }
    let text = match cli.rules.as_deref() {
        Some(p) => std::fs::read_to_string(p).with_context(|| format!("{p}: cannot read"))?,
        None => claimtrace::rules::BUILTIN.to_string(),
    };
    if let Some(dir) = folds_dir {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create", dir.display()))?;
        for (i, (names, rs)) in rep.fold_rules.iter().enumerate() {
            let p = dir.join(format!("fold-{i}.toml"));
            std::fs::write(&p, calibrate::rewrite_weights(&text, rs))
                .with_context(|| format!("{}: cannot write", p.display()))?;
            let p = dir.join(format!("fold-{i}.stories"));
            std::fs::write(&p, names.join(",") + "\n")
                .with_context(|| format!("{}: cannot write", p.display()))?;
        }
        writeln!(out, "fold rule files written to {}", dir.display())?;
    }
    if let Some(p) = write {
        std::fs::write(p, calibrate::rewrite_weights(&text, &fitted))
            .with_context(|| format!("{}: cannot write", p.display()))?;
        writeln!(out, "weights written to {}", p.display())?;
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn rules_cmd(cli: &Cli, check: Option<&str>) -> Result<ExitCode> {
    if let Some(path) = check {
        let rs = RuleSet::load(Some(path))?;
        writeln!(std::io::stdout(), "{path}: OK, {} rules", rs.rules.len())?;
        return Ok(ExitCode::SUCCESS);
    }
    let rs = load_rules(cli)?;
    write!(std::io::stdout(), "{}", rs.describe())?;
    Ok(ExitCode::SUCCESS)
}
