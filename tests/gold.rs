//! Quality against the gold files: every event under `tests/fixtures/events/` (the seeds
//! and the development events) is analysed from its texts alone and scored with the port
//! of the reference scorer (`tests/support/score.rs`). The figures must not fall below
//! the floors locked in `tests/fixtures/events/quality-floor.json`.
//!
//! `cargo test --release --test gold -- --nocapture` prints every figure.
//! `UPDATE_FLOORS=1 cargo test --release --test gold` raises the floors to the level
//! reached (rounded down to 0.01); floors never go down on their own.

#[path = "support/score.rs"]
mod score;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crosscheck::{analyze, Format, Input, Options};
use serde_json::{json, Value};

const EVENTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/events");
const FLOORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/events/quality-floor.json");

struct Event {
    name: String,
    dir: PathBuf,
    gold: Value,
    dates: Option<Value>,
}

fn events() -> Vec<Event> {
    let mut out: Vec<Event> = fs::read_dir(EVENTS)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("gold.json").is_file())
        .map(|dir| {
            let read = |f: &str| -> Option<Value> {
                fs::read_to_string(dir.join(f)).ok().map(|s| serde_json::from_str(&s).unwrap())
            };
            Event {
                name: dir.file_name().unwrap().to_string_lossy().into_owned(),
                gold: read("gold.json").unwrap(),
                dates: read("dates.json"),
                dir,
            }
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    assert!(out.len() >= 4, "expected the seeds and the dev events under {EVENTS}");
    out
}

/// The inputs of an event, from the files its gold names, as the CLI would read them.
fn inputs(event: &Event) -> Vec<Input> {
    event.gold["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let file = d["file"].as_str().unwrap();
            let text = fs::read_to_string(event.dir.join(file)).unwrap();
            let id = Path::new(file).file_stem().unwrap().to_string_lossy().into_owned();
            Input::new(id, text, Format::from_file_name(file))
        })
        .collect()
}

fn figures(s: &score::Scores) -> BTreeMap<&'static str, f64> {
    let mut m = BTreeMap::new();
    m.insert("entity_f1", s.entity_f1);
    m.insert("entity_f1_typed", s.entity_f1_typed);
    if let Some(x) = s.alias_merge {
        m.insert("alias_merge", x);
    }
    for (k, v) in [
        ("claim_recall", s.claim_recall),
        ("link_recall", s.link_recall),
        ("link_precision", s.link_precision),
        ("disagreement_high_recall", s.disagreement_high_recall),
        ("dates_right", s.dates_right),
    ] {
        if let Some(x) = v {
            m.insert(k, x);
        }
    }
    m.insert("disagreement_precision", s.disagreement_precision);
    m.insert("disagreement_recall", s.disagreement_recall);
    m
}

#[test]
fn quality_does_not_fall_below_the_locked_floors() {
    let floors: Value =
        fs::read_to_string(FLOORS).map(|s| serde_json::from_str(&s).unwrap()).unwrap_or(json!({}));
    let mut reached = serde_json::Map::new();
    let mut failures = Vec::new();
    for event in events() {
        let report = serde_json::to_value(analyze(&inputs(&event), &Options::default())).unwrap();
        let s = score::score(&event.gold, &report, event.dates.as_ref());
        let figs = figures(&s);
        println!("== {}", event.name);
        for (k, v) in &figs {
            println!("   {k:<26} {v:.3}");
        }
        println!("   entities missed: {:?}", s.entities_missed);
        println!("   disagreements missed: {:?}", s.disagreements_missed);
        println!("   dates wrong: {:?}", s.dates_wrong);
        let mut locked = serde_json::Map::new();
        for (k, v) in &figs {
            let floor = floors[&event.name][*k].as_f64().unwrap_or(0.0);
            if *v + 1e-9 < floor {
                failures.push(format!("{}: {k} fell to {v:.3} (floor {floor:.2})", event.name));
            }
            let rounded = ((*v * 100.0).floor() / 100.0).max(floor);
            locked.insert(k.to_string(), json!(rounded));
        }
        reached.insert(event.name.clone(), Value::Object(locked));
    }
    if std::env::var_os("UPDATE_FLOORS").is_some() {
        fs::write(FLOORS, serde_json::to_string_pretty(&Value::Object(reached)).unwrap() + "\n").unwrap();
    }
    assert!(failures.is_empty(), "quality regressed:\n{}", failures.join("\n"));
}

/// The Rust port and `tools/score.py` agree on a real report (skipped without python3).
#[test]
fn scorer_agrees_with_python() {
    let python = std::process::Command::new("python3").arg("--version").output();
    if python.map(|o| !o.status.success()).unwrap_or(true) {
        eprintln!("python3 not found: skipping the scorer cross-check");
        return;
    }
    let tmp = std::env::temp_dir().join(format!("crosscheck-gold-{}", std::process::id()));
    fs::create_dir_all(&tmp).unwrap();
    for event in events() {
        let report = serde_json::to_value(analyze(&inputs(&event), &Options::default())).unwrap();
        let path = tmp.join(format!("{}.json", event.name));
        fs::write(&path, serde_json::to_string(&report).unwrap()).unwrap();
        let out = std::process::Command::new("python3")
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tools/score.py"))
            .arg(event.dir.join("gold.json"))
            .arg(&path)
            .arg(event.dir.join("dates.json"))
            .arg("--json")
            .output()
            .unwrap();
        assert!(out.status.success(), "score.py failed: {}", String::from_utf8_lossy(&out.stderr));
        let py: Value = serde_json::from_slice(&out.stdout).unwrap();
        let rs = score::score(&event.gold, &report, event.dates.as_ref());
        let close = |a: f64, b: &Value, what: &str| {
            let b = b.as_f64().unwrap_or(0.0);
            assert!((a - b).abs() < 0.0015, "{}: {what}: rust {a:.3} python {b:.3}", event.name);
        };
        close(rs.entity_f1, &py["entities"]["untyped"]["f1"], "entity f1");
        close(rs.entity_f1_typed, &py["entities"]["typed"]["f1"], "typed entity f1");
        close(rs.alias_merge.unwrap_or(0.0), &py["entities"]["alias_merge"], "alias merge");
        close(rs.claim_recall.unwrap_or(0.0), &py["claims"]["mention_recall"], "claim recall");
        close(rs.link_recall.unwrap_or(0.0), &py["claims"]["cross_doc_link_recall"], "link recall");
        close(rs.link_precision.unwrap_or(0.0), &py["claims"]["cross_doc_link_precision"], "link precision");
        close(rs.disagreement_precision, &py["disagreements"]["precision"], "disagreement precision");
        close(rs.disagreement_recall, &py["disagreements"]["recall"], "disagreement recall");
        close(rs.dates_right.unwrap_or(0.0), &py["dates"]["right"], "dates right");
    }
    let _ = fs::remove_dir_all(&tmp);
}
