//! Time and peak memory of the whole analysis against input size, for the worst inputs of
//! `tests/bad_input.rs`. Growth should be linear: doubling the size about doubles both.
//!
//! ```sh
//! cargo bench --bench adversarial                      # every case at 1, 2, 4, 8 MB
//! cargo bench --bench adversarial -- --sizes 1,2 --cases long_line,nested_quotes --runs 1
//! ```
//!
//! Time is the best of `--runs` runs (default 3).
//!
//! Memory is counted by a global allocator that tracks the bytes live and their peak; the
//! figure is the peak during the analysis above what was live before it (the input).

#[path = "../tests/support/adversarial.rs"]
mod adversarial;
#[path = "support/alloc.rs"]
mod alloc;
use alloc::{peak_since, reset_peak, Counting};

use std::time::Instant;

use crosscheck::{analyze, Format, Input, Options};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

type Case = (&'static str, fn(usize) -> Vec<Input>);

fn one(id: &str, format: Format, text: String) -> Vec<Input> {
    vec![Input::new(id, text, format)]
}

const CASES: [Case; 10] = [
    ("articles", |n| one("a", Format::Text, adversarial::articles(n))),
    ("long_line", |n| one("a", Format::Text, adversarial::long_line(n))),
    ("capitalised_words", |n| one("a", Format::Text, adversarial::capitalised_words(n))),
    ("nested_quotes", |n| one("a", Format::Text, adversarial::nested_quotes(n))),
    ("unbalanced_quotes", |n| one("a", Format::Text, adversarial::unbalanced_quotes(n))),
    ("stray_quotes", |n| one("a", Format::Text, adversarial::stray_quotes(n))),
    ("nested_html", |n| one("a", Format::Html, adversarial::nested_html(n))),
    ("unclosed_html", |n| one("a", Format::Html, adversarial::unclosed_html(n))),
    ("binary", |n| one("a", Format::Text, adversarial::binary(n))),
    ("many_articles", |n| {
        let docs = adversarial::many_articles(n);
        docs.into_iter().enumerate().map(|(i, t)| Input::new(format!("d{i:06}"), t, Format::Text)).collect()
    }),
];

fn main() {
    // The CLI's allocator settings, as the CLI sets them.
    crosscheck::allocator::keep_freed_memory();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).cloned();
    let sizes: Vec<usize> = value("--sizes")
        .unwrap_or_else(|| "1,2,4,8".into())
        .split(',')
        .map(|s| s.trim().parse().expect("--sizes takes megabytes, e.g. 1,2,4,8"))
        .collect();
    let runs: usize = value("--runs").map_or(3, |r| r.parse().expect("--runs takes a count"));
    let wanted: Option<Vec<String>> = value("--cases").map(|c| c.split(',').map(str::to_string).collect());

    println!(
        "{:<18} {:>6} {:>9} {:>8} {:>10} {:>9} {:>7}",
        "case", "MB", "seconds", "MB/s", "peak MB", "peak/in", "x time"
    );
    for (name, make) in CASES {
        if wanted.as_ref().is_some_and(|w| !w.iter().any(|c| c == name)) {
            continue;
        }
        let mut first: Option<(f64, f64)> = None;
        let mut previous: Option<f64> = None;
        for &mb in &sizes {
            let inputs = make(mb << 20);
            let bytes: usize = inputs.iter().map(|i| i.content.len()).sum();
            let before = reset_peak();
            let mut seconds = f64::INFINITY;
            for _ in 0..runs.max(1) {
                let start = Instant::now();
                let report = analyze(&inputs, &Options::default());
                seconds = seconds.min(start.elapsed().as_secs_f64());
                drop(report);
            }
            let peak = peak_since(before);
            let size = bytes as f64 / (1 << 20) as f64;
            let ratio = previous.map(|p| format!("{:.2}", seconds / p)).unwrap_or_default();
            println!(
                "{name:<18} {size:>6.2} {seconds:>9.3} {:>8.2} {:>10.1} {:>9.2} {ratio:>7}",
                size / seconds,
                peak as f64 / (1 << 20) as f64,
                peak as f64 / bytes as f64
            );
            previous = Some(seconds);
            first.get_or_insert((size, seconds));
            if mb == *sizes.last().unwrap() && sizes.len() > 1 {
                let (s0, t0) = first.unwrap();
                // 1.0: linear; 2.0: quadratic.
                println!("{name:<18} growth exponent of time: {:.2}", (seconds / t0).ln() / (size / s0).ln());
            }
        }
    }
}
