//! The command-line shell: reads files (or stdin), runs the core, prints the report.
//!
//! (Skeleton: JSON only; see the issue tracker.)

use std::path::Path;

use anyhow::Context;
use crosscheck::{analyze, Format, Input, Options};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let files: Vec<&String> =
        args.iter().filter(|a| !a.starts_with("--") && *a != "analyze" && *a != "json").collect();
    let mut inputs = Vec::new();
    for f in files {
        let bytes = std::fs::read(f).with_context(|| format!("reading {f}"))?;
        let id = Path::new(f).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        inputs.push(Input::new(id, String::from_utf8_lossy(&bytes).into_owned(), Format::from_file_name(f)));
    }
    let report = analyze(&inputs, &Options::default());
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(())
}
