//! Throughput of the whole core: `crosscheck::analyze` on the seeds and the development
//! events under `tests/fixtures/events/`, one event (one analysis) at a time, on one
//! core. Prints MB/s over the bytes of the articles, for the whole pipeline and for the
//! per-document stages (ingest, segment, entities, dates, numbers) alone.
//!
//! `cargo bench --bench throughput` (set `BENCH_SECONDS` to change the time budget per
//! measurement; default 3).

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use crosscheck::analysis::{entities, ingest, numbers, segment, time};
use crosscheck::{analyze, Format, Input, Options};

fn events() -> Vec<Vec<Input>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/events");
    let mut dirs: Vec<_> = fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs.iter()
        .map(|dir| {
            let mut files: Vec<_> = fs::read_dir(dir)
                .unwrap()
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "html" || x == "md"))
                .collect();
            files.sort();
            files
                .iter()
                .map(|f| {
                    let id = f.file_stem().unwrap().to_string_lossy().into_owned();
                    let name = f.file_name().unwrap().to_string_lossy().into_owned();
                    Input::new(id, fs::read_to_string(f).unwrap(), Format::from_file_name(&name))
                })
                .collect()
        })
        .collect()
}

/// Runs `work` repeatedly for about `budget` and returns MB/s for `bytes` per run.
fn measure(bytes: usize, budget: Duration, mut work: impl FnMut()) -> f64 {
    work(); // warm up: compiled patterns and word lists
    let start = Instant::now();
    let mut runs = 0u32;
    while start.elapsed() < budget || runs < 3 {
        work();
        runs += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    bytes as f64 * runs as f64 / secs / 1e6
}

fn main() {
    let budget = Duration::from_secs_f64(
        std::env::var("BENCH_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(3.0),
    );
    let events = events();
    let bytes: usize = events.iter().flatten().map(|i| i.content.len()).sum();
    let docs: usize = events.iter().map(Vec::len).sum();
    println!("corpus: {} events, {docs} articles, {bytes} bytes", events.len());
    let options = Options::default();

    let whole = measure(bytes, budget, || {
        for inputs in &events {
            std::hint::black_box(analyze(inputs, &options));
        }
    });
    println!("whole pipeline (analyze):                       {whole:8.1} MB/s");

    let stages = measure(bytes, budget, || {
        for inputs in &events {
            let mut docs: Vec<_> = inputs.iter().map(ingest::ingest).collect();
            for d in &mut docs {
                segment::segment(d);
                entities::extract(d);
            }
            time::extract_all(&mut docs, None);
            for d in &mut docs {
                numbers::extract(d);
            }
            std::hint::black_box(docs);
        }
    });
    println!("ingest + segment + entities + dates + numbers:  {stages:8.1} MB/s");

    let texts: Vec<&str> = events.iter().flatten().map(|i| i.content.as_str()).collect();
    let dates = measure(bytes, budget, || {
        for t in &texts {
            std::hint::black_box(time::scan::scan(t));
        }
    });
    println!("dates scan alone:                               {dates:8.1} MB/s");
    let nums = measure(bytes, budget, || {
        for t in &texts {
            std::hint::black_box(numbers::find(t, &[]));
        }
    });
    println!("numbers alone:                                  {nums:8.1} MB/s");
}
