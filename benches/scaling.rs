//! Scaling of the whole pipeline with the number of articles: 10, 100 and 1,000 articles
//! analysed together, with the time and the peak heap memory of each run.
//!
//! The articles are the fixture articles (`tests/fixtures/events/`), copied with their
//! names, numbers and months varied per copy: every capitalised word becomes a made-up
//! name chosen by the word and the copy, every figure shifts, every month moves. So each
//! copy of an event reads like another event with its own people, figures and dates, and
//! blocking meets realistic data rather than a thousand identical texts.
//!
//! `cargo bench --bench scaling` (set `SCALING_SIZES=10,100,1000,5000` to change the sizes).

use std::alloc::{GlobalAlloc, Layout, System};
use std::fs;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use crosscheck::{analyze, Format, Input, Options};

/// The system allocator, counting the bytes in use and their peak.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            if new_size >= layout.size() {
                let now =
                    IN_USE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size - layout.size();
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                IN_USE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

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

/// The text of copy `copy` of an article: names, figures and months varied.
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
            let n: u64 = word.parse().unwrap_or(0);
            out.push_str(&(n + copy % 7 + 1).to_string());
        } else if word.chars().next().is_some_and(char::is_uppercase) && word.chars().count() > 3 {
            out.push_str(&name(word, copy));
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

fn fixture_articles() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/events");
    let mut dirs: Vec<_> = fs::read_dir(&root).unwrap().filter_map(|e| e.ok().map(|e| e.path())).collect();
    dirs.retain(|p| p.is_dir());
    dirs.sort();
    let mut out = Vec::new();
    for dir in dirs {
        let mut files: Vec<_> =
            fs::read_dir(&dir).unwrap().filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.retain(|p| p.extension().is_some_and(|x| x == "txt"));
        files.sort();
        for f in files {
            let id = f.file_stem().unwrap().to_string_lossy().into_owned();
            out.push((id, fs::read_to_string(&f).unwrap()));
        }
    }
    out
}

fn articles(base: &[(String, String)], n: usize) -> Vec<Input> {
    (0..n)
        .map(|i| {
            let (id, text) = &base[i % base.len()];
            let copy = (i / base.len()) as u64;
            Input::new(format!("{id}-{copy}"), vary(text, copy), Format::Text)
        })
        .collect()
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
        "{:>8} {:>10} {:>10} {:>8} {:>10} {:>12}",
        "articles", "MB", "seconds", "claims", "clusters", "peak heap MB"
    );
    let mut previous: Option<(usize, f64)> = None;
    for &n in &sizes {
        let inputs = articles(&base, n);
        let bytes: usize = inputs.iter().map(|i| i.content.len()).sum();
        PEAK.store(IN_USE.load(Ordering::Relaxed), Ordering::Relaxed);
        let before = IN_USE.load(Ordering::Relaxed);
        let start = Instant::now();
        let report = analyze(&inputs, &options);
        let seconds = start.elapsed().as_secs_f64();
        let peak = PEAK.load(Ordering::Relaxed).saturating_sub(before);
        print!(
            "{n:>8} {:>10.2} {seconds:>10.3} {:>8} {:>10} {:>12.1}",
            bytes as f64 / 1e6,
            report.claims.len(),
            report.clusters.len(),
            peak as f64 / 1e6
        );
        if let Some((m, t)) = previous {
            print!("   x{:.1} articles -> x{:.1} time", n as f64 / m as f64, seconds / t);
        }
        println!();
        previous = Some((n, seconds));
    }
}
