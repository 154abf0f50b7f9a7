//! The command-line shell: reads files, directories or stdin, decodes them, runs the
//! core and prints the report as a Markdown briefing, JSON (the report contract) or CSV
//! (the claim-by-outlet matrix).
//!
//! Decoding (the core only sees `String`s): a UTF-8 byte-order mark is stripped and
//! UTF-16 with a byte-order mark is decoded (without one, when its NUL bytes show it), so offsets in the report are byte offsets
//! into the decoded UTF-8 text, not into the file's bytes (a UTF-8 file with a BOM is
//! shifted by 3 bytes). Invalid UTF-8 is decoded as Windows-1252 when the file declares
//! that charset (or ISO 8859-1), else lossily (U+FFFD), with a warning either way. Binary
//! files (NUL bytes, or a PNG, PDF, ZIP, GIF or JPEG signature), empty and unreadable
//! files are skipped with a message on stderr.

use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use crosscheck::{analyze, render, Format, Input, Options};

/// mimalloc rather than the system allocator: the analysis makes many small allocations,
/// and glibc's malloc grows slower per allocation as the heap grows (see Cargo.toml).
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EXIT_CODES: &str = "\
Offsets in the JSON report are byte offsets into each document's decoded UTF-8 text (a
UTF-8 byte-order mark is not counted; HTML offsets are into the reduced article text).

Exit codes:
  0  every input was analysed
  1  some inputs were skipped (missing, unreadable, binary or empty); the report covers the others
  2  no usable input, or a usage error";

#[derive(Parser)]
#[command(name = "crosscheck", version, about = "Compare how different outlets report the same news event.")]
#[command(after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse articles about one event and print the report.
    #[command(after_help = EXIT_CODES)]
    Analyze(AnalyzeArgs),
}

#[derive(clap::Args)]
struct AnalyzeArgs {
    /// Article files (.txt, .md, .html), directories (their .txt/.md/.html files, sorted),
    /// or `-` for standard input.
    #[arg(required = true, value_name = "FILE")]
    inputs: Vec<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Markdown)]
    format: OutputFormat,

    /// The date relative expressions fall back to when an article states none
    /// (YYYY-MM-DD, or `today` for the current UTC date). Default: none.
    #[arg(long, value_name = "DATE", value_parser = parse_reference_date)]
    reference_date: Option<jiff::civil::Date>,

    /// Write the report to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    /// A briefing for people.
    Markdown,
    /// The report contract, pretty-printed.
    Json,
    /// The claim-by-outlet matrix (RFC 4180).
    Csv,
}

fn parse_reference_date(s: &str) -> Result<jiff::civil::Date, String> {
    if s.eq_ignore_ascii_case("today") {
        return Ok(jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date());
    }
    s.parse::<jiff::civil::Date>().map_err(|e| format!("expected YYYY-MM-DD or `today`: {e}"))
}

fn warn(message: impl std::fmt::Display) {
    eprintln!("crosscheck: {message}");
}

/// File extensions a directory is expanded to.
const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm"];

/// Decodes a file's bytes to text (see [`crosscheck::decode`]), or says why it is skipped.
fn decode(name: &str, bytes: &[u8]) -> Result<String, String> {
    match crosscheck::decode::decode(bytes) {
        Ok(decoded) => {
            if let Some(warning) = decoded.warning {
                warn(format_args!("{name}: {warning}"));
            }
            Ok(decoded.text)
        }
        Err(kind) => Err(format!("skipping {name}: it is {kind}, not text")),
    }
}

/// Inputs to read: files and stdin, with the ids they get.
enum Source {
    File(PathBuf),
    Stdin,
}

/// Expands the command-line arguments; reports what cannot be expanded.
fn sources(args: &[String], skipped: &mut usize) -> Vec<Source> {
    let mut out = Vec::new();
    let mut stdin_seen = false;
    for arg in args {
        if arg == "-" {
            if stdin_seen {
                warn("standard input given twice; reading it once");
            } else {
                stdin_seen = true;
                out.push(Source::Stdin);
            }
            continue;
        }
        let path = Path::new(arg);
        if path.is_dir() {
            match std::fs::read_dir(path) {
                Ok(entries) => {
                    let mut files: Vec<PathBuf> = entries
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| {
                            p.is_file()
                                && p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                                    ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str())
                                })
                        })
                        .collect();
                    files.sort();
                    if files.is_empty() {
                        warn(format_args!("{arg}: no .txt, .md or .html files in this directory"));
                        *skipped += 1;
                    }
                    out.extend(files.into_iter().map(Source::File));
                }
                Err(e) => {
                    warn(format_args!("skipping {arg}: {e}"));
                    *skipped += 1;
                }
            }
        } else {
            out.push(Source::File(path.to_path_buf()));
        }
    }
    out
}

/// A unique id: the file stem, suffixed `-2`, `-3`... when taken.
fn unique_id(stem: &str, taken: &mut HashSet<String>) -> String {
    let stem = if stem.is_empty() { "doc" } else { stem };
    let mut id = stem.to_string();
    let mut n = 2;
    while !taken.insert(id.clone()) {
        id = format!("{stem}-{n}");
        n += 1;
    }
    id
}

/// The format of text read from stdin: HTML when it looks like markup.
fn sniff_format(text: &str) -> Format {
    let head = text.trim_start().get(..text.trim_start().len().min(1024)).unwrap_or("").to_ascii_lowercase();
    if head.starts_with('<')
        && (head.contains("<html") || head.contains("<!doctype html") || head.contains("</"))
    {
        Format::Html
    } else {
        Format::Text
    }
}

fn read_inputs(args: &[String], skipped: &mut usize) -> Vec<Input> {
    let mut taken = HashSet::new();
    let mut inputs = Vec::new();
    for source in sources(args, skipped) {
        let (name, id_stem, bytes, format) = match &source {
            Source::Stdin => {
                let mut bytes = Vec::new();
                if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
                    warn(format_args!("skipping standard input: {e}"));
                    *skipped += 1;
                    continue;
                }
                ("standard input".to_string(), "stdin".to_string(), bytes, None)
            }
            Source::File(path) => {
                let name = path.display().to_string();
                match std::fs::read(path) {
                    Ok(bytes) => {
                        let stem =
                            path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                        let format =
                            Format::from_file_name(&path.file_name().unwrap_or_default().to_string_lossy());
                        (name, stem, bytes, Some(format))
                    }
                    Err(e) => {
                        warn(format_args!("skipping {name}: {e}"));
                        *skipped += 1;
                        continue;
                    }
                }
            }
        };
        match decode(&name, &bytes) {
            Ok(text) if text.trim().is_empty() => {
                warn(format_args!("skipping {name}: it is empty"));
                *skipped += 1;
            }
            Ok(text) => {
                let format = format.unwrap_or_else(|| sniff_format(&text));
                inputs.push(Input::new(unique_id(&id_stem, &mut taken), text, format));
            }
            Err(message) => {
                warn(message);
                *skipped += 1;
            }
        }
    }
    inputs
}

fn run_analyze(args: &AnalyzeArgs) -> anyhow::Result<ExitCode> {
    let mut skipped = 0;
    let inputs = read_inputs(&args.inputs, &mut skipped);
    if inputs.is_empty() {
        warn("no usable input");
        return Ok(ExitCode::from(2));
    }
    let report = analyze(&inputs, &Options { reference: args.reference_date });
    let mut rendered = match args.format {
        OutputFormat::Markdown => render::markdown(&report),
        OutputFormat::Json => serde_json::to_string_pretty(&report).context("serializing the report")?,
        OutputFormat::Csv => render::csv(&report),
    };
    if !rendered.ends_with('\n') {
        rendered.push('\n');
    }
    match &args.output {
        Some(path) => {
            std::fs::write(path, rendered).with_context(|| format!("writing {}", path.display()))?
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            if let Err(e) = stdout.write_all(rendered.as_bytes()).and_then(|()| stdout.flush()) {
                // A closed pipe (`| head`) is not an error worth a message.
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(e).context("writing the report");
                }
            }
        }
    }
    if skipped > 0 {
        let plural = if skipped == 1 { "" } else { "s" };
        warn(format_args!("{skipped} input{plural} skipped; the report covers the others"));
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    #[cfg(not(target_arch = "wasm32"))]
    crosscheck::allocator::keep_freed_memory();
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Analyze(args) => run_analyze(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            warn(format_args!("{e:#}"));
            ExitCode::from(2)
        }
    }
}
