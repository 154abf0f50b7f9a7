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
//! `SCALING_RUNS=N` to run each size N times, `SCALING_DUMP=DIR` to write each size's JSON
//! report to `DIR/<n>.json`, `SCALING_INPUTS=DIR` its articles to `DIR/<n>/`, e.g. to time
//! the CLI on them). Each size prints the median of its runs (wall, and CPU time
//! of the thread, which a busy shared machine distorts less) and the fastest, and how the
//! median grows from the size before.

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

/// How many times each size runs: `SCALING_RUNS`, else 5 runs up to 100 articles and 3
/// above, so that a figure is not one unlucky run on a shared machine.
fn runs_for(n: usize) -> usize {
    std::env::var("SCALING_RUNS")
        .ok()
        .and_then(|r| r.trim().parse().ok())
        .unwrap_or(if n <= 100 { 5 } else { 3 })
        .max(1)
}

/// A size's runs: the median and fastest wall and CPU seconds, the per-stage seconds and
/// report of the run with the median CPU time, and the largest peak heap bytes.
struct Runs {
    wall: f64,
    wall_min: f64,
    cpu: Option<f64>,
    cpu_min: Option<f64>,
    stages: Vec<(&'static str, f64)>,
    report: Report,
    peak: usize,
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

fn run_all(inputs: &[Input], options: &Options, runs: usize) -> Runs {
    let mut all = Vec::new();
    for _ in 0..runs {
        let before = reset_peak();
        let start = Instant::now();
        let cpu_start = cpu_seconds();
        let (report, stages) = timed_run(inputs, options);
        let seconds = start.elapsed().as_secs_f64();
        let cpu = cpu_seconds().zip(cpu_start).map(|(end, start)| end - start);
        all.push((seconds, cpu, stages, report, peak_since(before)));
    }
    let mut walls: Vec<f64> = all.iter().map(|r| r.0).collect();
    let wall = median(&mut walls);
    let wall_min = walls[0];
    let mut cpus: Vec<f64> = all.iter().filter_map(|r| r.1).collect();
    let (cpu, cpu_min) =
        if cpus.len() == all.len() { (Some(median(&mut cpus)), Some(cpus[0])) } else { (None, None) };
    let peak = all.iter().map(|r| r.4).max().unwrap_or(0);
    // The run whose time is the median (the upper one of an even count) gives the stages.
    let key = |r: &(f64, Option<f64>, Vec<(&'static str, f64)>, Report, usize)| r.1.unwrap_or(r.0);
    all.sort_by(|x, y| key(x).total_cmp(&key(y)));
    let (_, _, stages, report, _) = all.swap_remove(all.len() / 2);
    Runs { wall, wall_min, cpu, cpu_min, stages, report, peak }
}

fn main() {
    let sizes: Vec<usize> = std::env::var("SCALING_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10, 100, 1000]);
    let base = fixture_articles();
    let options = Options::default();
    // Warm up compiled patterns and word lists.
    analyze(&articles(&base, base.len()), &options);
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
    let mut previous: Option<(usize, usize, f64, Option<f64>)> = None;
    let mut details = Vec::new();
    for &n in &sizes {
        let inputs = articles(&base, n);
        let bytes: usize = inputs.iter().map(|i| i.content.len()).sum();
        let runs = runs_for(n);
        let Runs { wall, wall_min, cpu, cpu_min, stages, report, peak } = run_all(&inputs, &options, runs);
        if let Ok(dir) = std::env::var("SCALING_INPUTS") {
            let dir = Path::new(&dir).join(n.to_string());
            fs::create_dir_all(&dir).unwrap();
            for input in &inputs {
                fs::write(dir.join(format!("{}.txt", input.id)), &input.content).unwrap();
            }
        }
        if let Ok(dir) = std::env::var("SCALING_DUMP") {
            let json = serde_json::to_string_pretty(&report).unwrap();
            fs::write(Path::new(&dir).join(format!("{n}.json")), json).unwrap();
        }
        let kb = bytes as f64 / 1e3;
        print!(
            "{n:>8} {:>8.2} {:>9.2} {wall:>9.3} {:>9} {:>8} {:>8} {:>9} {:>9} {:>8.1}",
            bytes as f64 / 1e6,
            kb / n as f64,
            cpu.map_or("-".to_string(), |c| format!("{c:.3}")),
            cpu.map_or("-".to_string(), |c| format!("{:.3}", c * 1e3 / kb)),
            report.claims.len(),
            report.clusters.len(),
            report.disagreements.len(),
            peak as f64 / 1e6
        );
        if let Some((m, b, t, c)) = previous {
            print!(
                "   x{:.1} articles, x{:.1} bytes -> x{:.1} wall",
                n as f64 / m as f64,
                bytes as f64 / b as f64,
                wall / t
            );
            if let (Some(c), Some(prev)) = (cpu, c) {
                print!(", x{:.1} CPU", c / prev);
            }
        }
        print!("   (median of {runs}; fastest {wall_min:.3} wall");
        if let Some(c) = cpu_min {
            print!(", {c:.3} CPU");
        }
        println!(")");
        previous = Some((n, bytes, wall, cpu));
        let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
        for d in &report.disagreements {
            *kinds.entry(format!("{:?}", d.kind)).or_insert(0) += 1;
        }
        details.push((n, stages, kinds));
    }
    for (n, stages, kinds) in details {
        let stages: Vec<String> = stages.iter().map(|(name, s)| format!("{name} {s:.3}")).collect();
        println!("\n{n} articles, CPU seconds per stage (the median run): {}", stages.join(", "));
        let kinds: Vec<String> = kinds.iter().map(|(k, c)| format!("{k} {c}")).collect();
        println!("{n} articles, disagreements by kind: {}", kinds.join(", "));
    }
}
