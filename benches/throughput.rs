//! Throughput of the whole core: `crosscheck::analyze` on the seeds and the development
//! events under `tests/fixtures/events/`, one event (one analysis) at a time, on one
//! core. Prints MB/s over the bytes of the articles, for the whole pipeline and for the
//! per-document stages (ingest, segment, entities, dates, numbers) alone. Time is the
//! thread's CPU time (on Linux), so other processes on a shared machine do not count.
//!
//! `cargo bench --bench throughput` (set `BENCH_SECONDS` to change the time budget per
//! measurement, default 3; `BENCH_ONLY=dates` to run only the lines naming it).

#[path = "support/cpu.rs"]
mod cpu;
use cpu::cpu_seconds;
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

/// Runs `work` repeatedly for about `budget` of CPU time (wall time where CPU time is not
/// available) and returns MB/s for `bytes` per run.
fn measure(bytes: usize, budget: Duration, work: &mut dyn FnMut()) -> f64 {
    work(); // warm up: compiled patterns and word lists
    let wall = Instant::now();
    let cpu = cpu_seconds();
    let elapsed = || match (cpu, cpu_seconds()) {
        (Some(a), Some(b)) => b - a,
        _ => wall.elapsed().as_secs_f64(),
    };
    // BENCH_RUNS=n: exactly n runs (for `perf stat` comparisons).
    let fixed: Option<u32> = std::env::var("BENCH_RUNS").ok().and_then(|s| s.parse().ok());
    let mut runs = 0u32;
    while fixed.map_or(elapsed() < budget.as_secs_f64() || runs < 3, |n| runs < n) {
        work();
        runs += 1;
    }
    bytes as f64 * runs as f64 / elapsed() / 1e6
}

/// Ingest, segment, entities and dates of one event's documents.
fn per_document_stages(inputs: &[Input]) -> Vec<crosscheck::Doc> {
    let mut docs: Vec<_> = inputs.iter().map(ingest::ingest).collect();
    for d in &mut docs {
        segment::segment(d);
        entities::extract(d);
    }
    time::extract_all(&mut docs, None);
    docs
}

fn main() {
    let budget = Duration::from_secs_f64(
        std::env::var("BENCH_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(3.0),
    );
    // BENCH_ONLY=dates|numbers|...: measure only the lines whose name contains it.
    let only = std::env::var("BENCH_ONLY").unwrap_or_default();
    let events = events();
    let bytes: usize = events.iter().flatten().map(|i| i.content.len()).sum();
    let docs: usize = events.iter().map(Vec::len).sum();
    println!("corpus: {} events, {docs} articles, {bytes} bytes", events.len());
    let report = |name: &str, work: &mut dyn FnMut()| {
        if name.contains(only.as_str()) {
            let rate = measure(bytes, budget, work);
            println!("{name:<48}{rate:8.1} MB/s");
        }
    };
    let options = Options::default();
    report("whole pipeline (analyze):", &mut || {
        for inputs in &events {
            std::hint::black_box(analyze(inputs, &options));
        }
    });
    report("ingest + segment + entities + dates + numbers:", &mut || {
        for inputs in &events {
            let mut docs = per_document_stages(inputs);
            docs.iter_mut().for_each(numbers::extract);
            std::hint::black_box(docs);
        }
    });
    // Each stage alone, on documents prepared up to it (the time to clone them is taken off).
    let prepared: Vec<Vec<crosscheck::Doc>> =
        events.iter().map(|inputs| per_document_stages(inputs)).collect();
    report("  ingest:", &mut || {
        for inputs in &events {
            std::hint::black_box(inputs.iter().map(ingest::ingest).collect::<Vec<_>>());
        }
    });
    let stages: [(&str, &dyn Fn(&mut Vec<crosscheck::Doc>)); 4] = [
        ("  segment:", &|docs| docs.iter_mut().for_each(segment::segment)),
        ("  entities (extract):", &|docs| docs.iter_mut().for_each(entities::extract)),
        ("  dates (time::extract_all):", &|docs| time::extract_all(docs, None)),
        ("  numbers (numbers::extract):", &|docs| docs.iter_mut().for_each(numbers::extract)),
    ];
    // the cost of cloning the prepared documents, taken off each stage's time
    let clone_rate = measure(bytes, budget, &mut || {
        for docs in &prepared {
            std::hint::black_box(docs.clone());
        }
    });
    for (name, f) in stages {
        if !name.contains(only.as_str()) {
            continue;
        }
        let rate = measure(bytes, budget, &mut || {
            for docs in &prepared {
                let mut docs = docs.clone();
                f(&mut docs);
                std::hint::black_box(docs);
            }
        });
        let alone = 1.0 / (1.0 / rate - 1.0 / clone_rate);
        println!("{name:<48}{alone:8.1} MB/s");
    }
}
