//! Scaling of the whole pipeline with the number of articles: 10, 100 and 1,000 articles
//! analysed together, with the time and the peak heap memory of each run.
//!
//! The articles are the fixture articles (`tests/fixtures/events/`), dealt round-robin over
//! the events and copied with their names, numbers and months varied per copy: every
//! capitalised word becomes a made-up name chosen by the word and the copy, every figure
//! moves its own way, every month moves, and about one line in five is left out. So each
//! copy of an event reads like another event with its own people, figures and dates,
//! reported by outlets that do not all say the same things, and blocking meets realistic
//! data rather than a thousand identical texts. Copies of one article stay alike in
//! wording, as syndicated copies do: the findings they produce must stay grouped (one per
//! group of aligned claims), and the run prints them by kind.
//!
//! Every size is drawn the same way (round-robin over events and articles, every copy
//! varied), so its bytes per article are about the same and the ratios compare like with
//! like; the run prints the bytes, the KB per article and the CPU milliseconds per KB.
//!
//! `cargo bench --bench scaling` (set `SCALING_SIZES=10,100,1000,5000` to change the sizes,
//! `SCALING_DUMP=DIR` to write each size's JSON report to `DIR/<n>.json`,
//! `SCALING_INPUTS=DIR` its articles to `DIR/<n>/`, e.g. to time the CLI on them).
//!
//! How it times: each size runs once untimed (its report, and its memory touched once), then
//! in `SCALING_RUNS` rounds (default 7) each size in turn gives one sample: its batch run
//! again and again until `SCALING_SECONDS` of CPU time (default 0.25) have passed, once at
//! least, as the mean time per run. A 10-article run takes a few milliseconds, so its
//! sample is the mean of about fifty runs, not one run that a millisecond of noise moves
//! by a fifth; the rounds interleave the sizes, so that the machine's load of the moment
//! weighs on every size alike. Each size prints the median of its samples (wall, and CPU
//! time of the thread, which a busy shared machine distorts less), their range, and how
//! the median grows from the size before, with the lowest and highest ratio of the
//! samples of one round. Every run does all the work: the same inputs, the whole
//! pipeline and the whole report, dropped inside the timing.

#[path = "support/cpu.rs"]
mod cpu;
use cpu::cpu_seconds;
#[path = "support/alloc.rs"]
mod alloc;
use alloc::{peak_since, reset_peak, Counting};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::time::Instant;

use crosscheck::{analysis, analyze, Format, Input, Options, Report};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const SYLLABLES: [&str; 16] =
    ["ka", "lo", "mi", "ren", "ta", "vo", "sel", "dar", "ni", "por", "gu", "bel", "yan", "ost", "ri", "mek"];

fn fnv(bytes: &[u8], seed: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A made-up capitalised name for `word` in copy `copy`, the same every time.
fn name(word: &str, copy: u64) -> String {
    let mut h = fnv(word.as_bytes(), copy);
    let mut out = String::new();
    for _ in 0..2 + (h % 2) {
        out.push_str(SYLLABLES[(h % 16) as usize]);
        h /= 16;
    }
    let mut chars = out.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A figure of copy `copy`: the same figure gives the same new one throughout the copy
/// (so the copy's articles still agree where the originals did), different figures move
/// differently: small ones (days of the month, counts of days) stay in 1..=28, years move
/// by a few years, others scale by 0.6 to 1.6.
fn figure(word: &str, copy: u64) -> String {
    let n: u64 = word.parse().unwrap_or(0);
    let h = fnv(word.as_bytes(), copy);
    let new = match n {
        0 => 0,
        1..=31 => (n - 1 + h % 28) % 28 + 1,
        1900..=2100 => n + h % 5,
        _ => (n * (60 + h % 100) / 100).max(1),
    };
    new.to_string()
}

/// True when copy `copy` leaves out this line: outlets of the same event differ in what
/// they report, so each copy drops about one line in five (never the first).
fn dropped(line: &str, index: usize, copy: u64) -> bool {
    copy > 0 && index > 0 && !line.trim().is_empty() && fnv(line.as_bytes(), copy) % 5 == 0
}

/// The text of copy `copy` of an article: names, figures and months varied, some lines
/// left out.
fn vary(text: &str, copy: u64) -> String {
    if copy == 0 {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.is_empty() {
            return;
        }
        if let Some(m) = MONTHS.iter().position(|m| m == word) {
            out.push_str(MONTHS[(m + copy as usize) % 12]);
        } else if word.chars().all(|c| c.is_ascii_digit()) && word.len() < 6 {
            out.push_str(&figure(word, copy));
        } else if word.chars().next().is_some_and(char::is_uppercase) && word.chars().count() > 3 {
            out.push_str(&name(word, copy));
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for (index, line) in text.split_inclusive('\n').enumerate() {
        if dropped(line, index, copy) {
            continue;
        }
        for c in line.chars() {
            if c.is_alphanumeric() {
                word.push(c);
            } else {
                flush(&mut word, &mut out);
                out.push(c);
            }
        }
        flush(&mut word, &mut out);
    }
    out
}

/// The fixture articles, dealt round-robin over the events (the first article of every event,
/// then the second of every event, ...), so that any run of consecutive articles mixes the
/// events, long and short articles alike, as the whole set does.
fn fixture_articles() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/events");
    let mut dirs: Vec<_> = fs::read_dir(&root).unwrap().filter_map(|e| e.ok().map(|e| e.path())).collect();
    dirs.retain(|p| p.is_dir());
    dirs.sort();
    let mut events = Vec::new();
    for dir in dirs {
        let mut files: Vec<_> =
            fs::read_dir(&dir).unwrap().filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.retain(|p| p.extension().is_some_and(|x| x == "txt"));
        files.sort();
        let articles: Vec<(String, String)> = files
            .iter()
            .map(|f| (f.file_stem().unwrap().to_string_lossy().into_owned(), fs::read_to_string(f).unwrap()))
            .collect();
        events.push(articles);
    }
    let longest = events.iter().map(Vec::len).max().unwrap_or(0);
    let mut out = Vec::new();
    for k in 0..longest {
        for event in &events {
            if let Some(article) = event.get(k) {
                out.push(article.clone());
            }
        }
    }
    out
}

/// The first `n` articles of the endless sequence: the round-robin deal of the fixture
/// articles, again and again, the deal number `copy` varying every article (copies start
/// at 1: no size gets the unvaried originals, so every size has the same mix of articles
/// and of variations, and about the same bytes per article).
fn articles(base: &[(String, String)], n: usize) -> Vec<Input> {
    (0..n)
        .map(|i| {
            let (id, text) = &base[i % base.len()];
            let copy = (i / base.len()) as u64 + 1;
            Input::new(format!("{id}-{copy}"), vary(text, copy), Format::Text)
        })
        .collect()
}

/// One run of the pipeline on `inputs`: the report, and the CPU seconds (wall seconds
/// where CPU time is not available) each stage took, the report's assembly last.
fn timed_run(inputs: &[Input], options: &Options) -> (Report, Vec<(&'static str, f64)>) {
    let wall = Instant::now();
    let now = || cpu_seconds().unwrap_or_else(|| wall.elapsed().as_secs_f64());
    let mut stages = Vec::new();
    let mut last = now();
    let analysis = analysis::run_observed(inputs, options, &mut |name| {
        let t = now();
        stages.push((name, t - last));
        last = t;
    });
    let report = Report::from_analysis(&analysis);
    stages.push(("report", now() - last));
    (report, stages)
}

/// A setting from the environment, or `default`.
fn setting<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|r| r.trim().parse().ok()).unwrap_or(default)
}

/// One sample of a size: the batch run again and again until `min_seconds` of CPU time
/// have passed (once at least), as the mean seconds per run.
struct Sample {
    wall: f64,
    /// CPU seconds per run (wall seconds where CPU time is not available).
    cpu: f64,
    runs: usize,
    /// Seconds per run of each stage.
    stages: Vec<(&'static str, f64)>,
    /// The largest peak heap bytes of a run.
    peak: usize,
}

fn sample(inputs: &[Input], options: &Options, min_seconds: f64) -> Sample {
    let (wall_start, cpu_start) = (Instant::now(), cpu_seconds());
    let cpu_now = || cpu_seconds().zip(cpu_start).map_or(wall_start.elapsed().as_secs_f64(), |(e, s)| e - s);
    let mut runs = 0;
    let mut peak = 0;
    let mut stages: Vec<(&'static str, f64)> = Vec::new();
    while runs == 0 || cpu_now() < min_seconds {
        let before = reset_peak();
        let (report, run_stages) = timed_run(inputs, options);
        drop(report);
        peak = peak.max(peak_since(before));
        if stages.is_empty() {
            stages = run_stages;
        } else {
            for (total, (_, s)) in stages.iter_mut().zip(run_stages) {
                total.1 += s;
            }
        }
        runs += 1;
    }
    let (wall, cpu) = (wall_start.elapsed().as_secs_f64(), cpu_now());
    let per_run = |x: f64| x / runs as f64;
    Sample {
        wall: per_run(wall),
        cpu: per_run(cpu),
        runs,
        stages: stages.into_iter().map(|(name, s)| (name, per_run(s))).collect(),
        peak,
    }
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let m = values.len() / 2;
    if values.len() % 2 == 1 {
        values[m]
    } else {
        (values[m - 1] + values[m]) / 2.0
    }
}

fn main() {
    // The CLI's allocator settings, as the CLI sets them.
    crosscheck::allocator::keep_freed_memory();
    let sizes: Vec<usize> = std::env::var("SCALING_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10, 100, 1000]);
    let rounds: usize = setting("SCALING_RUNS", 7).max(1);
    let min_seconds: f64 = setting("SCALING_SECONDS", 0.25);
    let base = fixture_articles();
    let options = Options::default();
    // Warm up compiled patterns and word lists.
    analyze(&articles(&base, base.len()), &options);
    let batches: Vec<Vec<Input>> = sizes.iter().map(|&n| articles(&base, n)).collect();
    // Each size once untimed: its report, and its memory touched once.
    let reports: Vec<Report> = batches.iter().map(|inputs| analyze(inputs, &options)).collect();
    // The rounds: a sample of every size in turn, so that the machine's load of the moment
    // weighs on every size alike.
    let mut samples: Vec<Vec<Sample>> = sizes.iter().map(|_| Vec::new()).collect();
    for _ in 0..rounds {
        for (inputs, out) in batches.iter().zip(&mut samples) {
            out.push(sample(inputs, &options, min_seconds));
        }
    }
    println!(
        "{:>8} {:>8} {:>9} {:>9} {:>9} {:>8} {:>8} {:>9} {:>9} {:>8}",
        "articles",
        "MB",
        "KB/art",
        "wall s",
        "CPU s",
        "CPU ms/KB",
        "claims",
        "clusters",
        "disagree",
        "peak MB"
    );
    let cpu_median = |s: &[Sample]| median(&mut s.iter().map(|x| x.cpu).collect::<Vec<_>>());
    let mut details = Vec::new();
    for (k, &n) in sizes.iter().enumerate() {
        let (inputs, report, mine) = (&batches[k], &reports[k], &samples[k]);
        let bytes: usize = inputs.iter().map(|i| i.content.len()).sum();
        if let Ok(dir) = std::env::var("SCALING_INPUTS") {
            let dir = Path::new(&dir).join(n.to_string());
            fs::create_dir_all(&dir).unwrap();
            for input in inputs {
                fs::write(dir.join(format!("{}.txt", input.id)), &input.content).unwrap();
            }
        }
        if let Ok(dir) = std::env::var("SCALING_DUMP") {
            let json = serde_json::to_string_pretty(report).unwrap();
            fs::write(Path::new(&dir).join(format!("{n}.json")), json).unwrap();
        }
        let wall = median(&mut mine.iter().map(|x| x.wall).collect::<Vec<_>>());
        let cpu = cpu_median(mine);
        let (lowest, highest) =
            mine.iter().fold((f64::MAX, 0.0f64), |(l, h), x| (l.min(x.cpu), h.max(x.cpu)));
        let runs: usize = mine.iter().map(|x| x.runs).sum();
        let peak = mine.iter().map(|x| x.peak).max().unwrap_or(0);
        let kb = bytes as f64 / 1e3;
        print!(
            "{n:>8} {:>8.2} {:>9.2} {wall:>9.4} {cpu:>9.4} {:>8.3} {:>8} {:>9} {:>9} {:>8.1}",
            bytes as f64 / 1e6,
            kb / n as f64,
            cpu * 1e3 / kb,
            report.claims.len(),
            report.clusters.len(),
            report.disagreements.len(),
            peak as f64 / 1e6
        );
        if k > 0 {
            let (m, before) = (sizes[k - 1], &samples[k - 1]);
            let bytes_before: usize = batches[k - 1].iter().map(|i| i.content.len()).sum();
            let wall_before = median(&mut before.iter().map(|x| x.wall).collect::<Vec<_>>());
            // The ratio of each round's samples (taken one after the other), lowest to highest.
            let mut ratios: Vec<f64> = mine.iter().zip(before).map(|(x, y)| x.cpu / y.cpu).collect();
            ratios.sort_by(f64::total_cmp);
            print!(
                "   x{:.1} articles, x{:.1} bytes -> x{:.1} wall, x{:.2} CPU (rounds x{:.2} to x{:.2})",
                n as f64 / m as f64,
                bytes as f64 / bytes_before as f64,
                wall / wall_before,
                cpu / cpu_median(before),
                ratios[0],
                ratios[ratios.len() - 1]
            );
        }
        println!("   (median of {rounds} samples, {runs} runs; samples {lowest:.4} to {highest:.4} CPU s)");
        // The stages of the sample with the median CPU time (the upper one of an even count).
        let mut order: Vec<&Sample> = mine.iter().collect();
        order.sort_by(|x, y| x.cpu.total_cmp(&y.cpu));
        let stages = order[order.len() / 2].stages.clone();
        let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
        for d in &report.disagreements {
            *kinds.entry(format!("{:?}", d.kind)).or_insert(0) += 1;
        }
        details.push((n, stages, kinds));
    }
    for (n, stages, kinds) in details {
        let stages: Vec<String> = stages.iter().map(|(name, s)| format!("{name} {s:.4}")).collect();
        println!("\n{n} articles, CPU seconds per run by stage (the median sample): {}", stages.join(", "));
        let kinds: Vec<String> = kinds.iter().map(|(k, c)| format!("{k} {c}")).collect();
        println!("{n} articles, disagreements by kind: {}", kinds.join(", "));
    }
}
