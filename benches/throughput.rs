//! Throughput of the whole core: `crosscheck::analyze` on the seeds and the development
//! events under `tests/fixtures/events/`, one event (one analysis) at a time, on one
//! core. Prints MB/s over the bytes of the articles, for the whole pipeline and for the
//! per-document stages (ingest, segment, entities, dates, numbers) alone. Time is the
//! thread's CPU time (on Linux), so other processes on a shared machine do not count.
//! First it prints the cold start: the one-off initialisation (compiled patterns, word
//! lists) that the first run pays and the measured runs do not.
//!
//! `cargo bench --bench throughput` (set `BENCH_SECONDS` to change the time budget per
//! measurement, default 3; `BENCH_ONLY=dates` to run only the lines naming it).
//! `BENCH_PASSES=n` runs only the per-document stages: one warm-up pass, then `n` passes
//! in [`profiled_passes`], for instruction counts:
//! `valgrind --tool=callgrind --toggle-collect='*profiled_passes*' target/release/deps/throughput-*`
//! (instructions per pass = the total / n).

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

#[path = "support/cpu.rs"]
mod cpu;

/// CPU seconds this thread has used (`support/cpu.rs`), so that a busy shared machine does
/// not distort the figures; wall-clock seconds where it is not available.
fn cpu_seconds() -> f64 {
    cpu::cpu_seconds().unwrap_or_else(wall_seconds)
}

fn wall_seconds() -> f64 {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64()
}

/// The CPU seconds one call of `work` takes.
fn time_once(work: &mut dyn FnMut()) -> f64 {
    let start = cpu_seconds();
    work();
    cpu_seconds() - start
}

/// MB/s of `work` over `bytes` per run: after a warm-up run (compiled patterns, word
/// lists), about `budget` of CPU time in five batches of equal runs, the clock read only
/// around each batch; the median batch counts. `BENCH_RUNS=n`: exactly n runs in one batch
/// (for instruction counts under `valgrind`).
fn measure(bytes: usize, budget: Duration, work: &mut dyn FnMut()) -> f64 {
    work();
    let fixed: Option<u32> = std::env::var("BENCH_RUNS").ok().and_then(|s| s.parse().ok());
    let (batches, runs) = match fixed {
        Some(n) => (1, n),
        None => {
            let one = time_once(work).max(1e-6);
            (5, ((budget.as_secs_f64() / one / 5.0) as u32).max(1))
        }
    };
    let mut rates: Vec<f64> = (0..batches)
        .map(|_| {
            let start = cpu_seconds();
            for _ in 0..runs {
                work();
            }
            let seconds = (cpu_seconds() - start).max(1e-9);
            bytes as f64 * runs as f64 / seconds / 1e6
        })
        .collect();
    rates.sort_by(f64::total_cmp);
    rates[rates.len() / 2]
}

/// Ingest, segment, entities and dates of one event's documents (the numbers stage comes
/// next).
fn per_document_stages(inputs: &[Input]) -> Vec<crosscheck::Doc> {
    let mut docs: Vec<_> = inputs.iter().map(ingest::ingest).collect();
    for d in &mut docs {
        segment::segment(d);
        entities::extract(d);
    }
    time::extract_all(&mut docs, None);
    docs
}

/// `passes` runs of the per-document stages over every event, apart so that a profiler
/// can count only them.
#[inline(never)]
fn profiled_passes(events: &[Vec<Input>], passes: u32) {
    for _ in 0..passes {
        for inputs in events {
            let mut docs = per_document_stages(inputs);
            docs.iter_mut().for_each(numbers::extract);
            std::hint::black_box(docs);
        }
    }
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
    if let Some(passes) = std::env::var("BENCH_PASSES").ok().and_then(|s| s.parse().ok()) {
        for inputs in &events {
            std::hint::black_box(per_document_stages(inputs));
        }
        profiled_passes(&events, passes);
        return;
    }
    // Cold start first, while nothing is initialised: the one-off cost of compiling the
    // patterns and reading the word lists, which a fresh web worker pays once.
    let mut per_document = || {
        for inputs in &events {
            let mut docs = per_document_stages(inputs);
            docs.iter_mut().for_each(numbers::extract);
            std::hint::black_box(docs);
        }
    };
    // A warm run: the fastest of five (single runs are noisy on a shared machine).
    let warm_run = |work: &mut dyn FnMut()| (0..5).map(|_| time_once(work)).fold(f64::INFINITY, f64::min);
    let cold = time_once(&mut per_document);
    let warm = warm_run(&mut per_document);
    let options = Options::default();
    let mut whole = || {
        for inputs in &events {
            std::hint::black_box(analyze(inputs, &options));
        }
    };
    let cold_whole = time_once(&mut whole);
    let warm_whole = warm_run(&mut whole);
    println!(
        "cold start (one-off initialisation): per-document stages {:.1} ms, the rest of the pipeline {:.1} ms",
        (cold - warm) * 1e3,
        (cold_whole - warm_whole) * 1e3
    );
    let report = |name: &str, work: &mut dyn FnMut()| {
        if name.contains(only.as_str()) {
            let rate = measure(bytes, budget, work);
            println!("{name:<48}{rate:8.1} MB/s");
        }
    };
    report("whole pipeline (analyze):", &mut whole);
    report("ingest + segment + entities + dates + numbers:", &mut per_document);
    report("  ingest:", &mut || {
        for inputs in &events {
            std::hint::black_box(inputs.iter().map(ingest::ingest).collect::<Vec<_>>());
        }
    });
    // The other stages alone, each on clones of documents prepared by the whole sequence
    // (the time to clone them is measured apart and taken off). The time stage leaves its
    // scanner tokens in the documents for the numbers stage: only the numbers stage gets
    // them, as in the pipeline.
    let with_scan: Vec<Vec<crosscheck::Doc>> =
        events.iter().map(|inputs| per_document_stages(inputs)).collect();
    let mut without_scan = with_scan.clone();
    without_scan.iter_mut().flatten().for_each(|d| d.scan = Vec::new());
    let stages: [(&str, &[Vec<crosscheck::Doc>], &dyn Fn(&mut Vec<crosscheck::Doc>)); 4] = [
        ("  segment:", &without_scan, &|docs| docs.iter_mut().for_each(segment::segment)),
        ("  entities (extract):", &without_scan, &|docs| docs.iter_mut().for_each(entities::extract)),
        ("  dates (time::extract_all):", &without_scan, &|docs| time::extract_all(docs, None)),
        ("  numbers (numbers::extract):", &with_scan, &|docs| docs.iter_mut().for_each(numbers::extract)),
    ];
    for (name, prepared, f) in stages {
        if !name.contains(only.as_str()) {
            continue;
        }
        let clone_rate = measure(bytes, budget, &mut || {
            for docs in prepared {
                std::hint::black_box(docs.clone());
            }
        });
        let rate = measure(bytes, budget, &mut || {
            for docs in prepared {
                let mut docs = docs.clone();
                f(&mut docs);
                std::hint::black_box(docs);
            }
        });
        let alone = 1.0 / (1.0 / rate - 1.0 / clone_rate);
        println!("{name:<48}{alone:8.1} MB/s");
    }
}
