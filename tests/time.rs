//! The time stage, specified by `tests/cases/dates.json` (expressions found by their
//! surface text, with the value and anchor wanted) and locked on the fixture events'
//! date keys by `tests/cases/dates_fixtures.json`.

use std::fs;
use std::path::Path;

use crosscheck::analysis::text::{DocMeta, Found};
use crosscheck::analysis::time::{self, DateMention};
use crosscheck::analysis::{self, Doc, Format, Input, Options};
use jiff::civil::Date;
use serde_json::Value;

fn date(v: &Value) -> Option<Date> {
    v.as_str().map(|s| s.parse().unwrap_or_else(|e| panic!("bad date {s:?}: {e}")))
}

fn doc(id: &str, text: &str, published: Option<Date>) -> Doc {
    Doc {
        id: id.into(),
        text: text.into(),
        meta: DocMeta { published: published.map(|value| Found { value, span: None }), ..DocMeta::default() },
        ..Doc::default()
    }
}

/// The byte offset of the `n`-th (1-based) occurrence of `needle` in `text`.
fn nth(text: &str, needle: &str, n: usize) -> Option<usize> {
    text.match_indices(needle).nth(n.checked_sub(1)?).map(|(i, _)| i)
}

fn check_spans(d: &Doc) {
    for m in &d.dates {
        assert!(m.span.start < m.span.end && m.span.end <= d.text.len(), "span {:?} out of range", m.span);
        assert!(d.text.is_char_boundary(m.span.start) && d.text.is_char_boundary(m.span.end));
    }
    assert!(d.dates.windows(2).all(|w| w[0].span.end <= w[1].span.start), "dates overlap or are unsorted");
}

#[test]
fn date_cases() {
    let cases: Value = serde_json::from_str(include_str!("cases/dates.json")).unwrap();
    let mut failures = Vec::new();
    for case in cases["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let text = case["text"].as_str().unwrap();
        let mut docs = vec![doc("main", text, date(&case["published"]))];
        for (k, other) in case["others"].as_array().into_iter().flatten().enumerate() {
            docs.push(doc(&format!("other{k}"), other["text"].as_str().unwrap(), date(&other["published"])));
        }
        time::extract_all(&mut docs, date(&case["reference"]));
        let d = &docs[0];
        check_spans(d);
        let found: Vec<String> = d.dates.iter().map(|m| format!("{:?}", d.slice(m.span))).collect();
        for want in case["dates"].as_array().unwrap() {
            let surface = want["text"].as_str().unwrap();
            let n = want["occurrence"].as_u64().unwrap_or(1) as usize;
            let Some(start) = nth(text, surface, n) else {
                failures.push(format!("{name}: the case text lacks {surface:?} #{n}"));
                continue;
            };
            let end = start + surface.len();
            let Some(m): Option<&DateMention> =
                d.dates.iter().find(|m| m.span.start == start && m.span.end == end)
            else {
                failures.push(format!(
                    "{name}: {surface:?} #{n} not found as a date (found {})",
                    found.join(", ")
                ));
                continue;
            };
            let got = m.value.map(|v| v.to_string());
            let wanted = want["value"].as_str().map(str::to_string);
            if got != wanted {
                failures.push(format!("{name}: {surface:?} #{n} = {got:?}, want {wanted:?}"));
            }
            if let Some(a) = date(&want["anchor"]) {
                if m.anchor.map(|x| x.date) != Some(a) {
                    failures.push(format!("{name}: {surface:?} anchored on {:?}, want {a}", m.anchor));
                }
            }
            if let Some(src) = want["source"].as_str() {
                if m.anchor.map(|x| x.source.as_str()) != Some(src) {
                    failures.push(format!("{name}: {surface:?} anchor source {:?}, want {src}", m.anchor));
                }
            }
        }
        for absent in case["absent"].as_array().into_iter().flatten() {
            let surface = absent.as_str().unwrap();
            let start = nth(text, surface, 1).unwrap_or_else(|| panic!("{name}: text lacks {surface:?}"));
            let end = start + surface.len();
            if let Some(m) = d.dates.iter().find(|m| m.span.start < end && start < m.span.end) {
                failures.push(format!("{name}: {surface:?} overlaps the date {:?}", d.slice(m.span)));
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

/// Every fixture event's date key, through the whole pipeline: the number of items
/// resolved right never falls below the locked floor.
#[test]
fn fixture_date_keys_stay_resolved() {
    let floors: Value = serde_json::from_str(include_str!("cases/dates_fixtures.json")).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/events");
    let mut failures = Vec::new();
    for (event, floor) in floors["floors"].as_object().unwrap() {
        let dir = root.join(event);
        let gold: Value = serde_json::from_str(&fs::read_to_string(dir.join("gold.json")).unwrap()).unwrap();
        let key: Value = serde_json::from_str(&fs::read_to_string(dir.join("dates.json")).unwrap()).unwrap();
        let inputs: Vec<Input> = gold["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let file = d["file"].as_str().unwrap();
                let id = Path::new(file).file_stem().unwrap().to_string_lossy().into_owned();
                Input::new(id, fs::read_to_string(dir.join(file)).unwrap(), Format::from_file_name(file))
            })
            .collect();
        let a = analysis::run(&inputs, &Options::default());
        let mut right = 0;
        let mut wrong = Vec::new();
        for item in key["dates"].as_array().unwrap() {
            let id = item["doc"].as_str().unwrap();
            let (s, e) = (item["start"].as_u64().unwrap() as usize, item["end"].as_u64().unwrap() as usize);
            let Some(d) = a.docs.iter().find(|d| d.id == id) else { continue };
            check_spans(d);
            let want = item["value"].as_str().unwrap();
            let hit = d.dates.iter().any(|m| {
                m.span.start < e && s < m.span.end && m.value.is_some_and(|v| v.to_string() == want)
            });
            if hit {
                right += 1;
            } else {
                wrong.push(format!("{id}: {:?} (want {want})", item["text"]));
            }
        }
        let floor = floor.as_u64().unwrap() as usize;
        println!(
            "{event}: {right} of {} resolved right; wrong: {wrong:?}",
            key["dates"].as_array().unwrap().len()
        );
        if right < floor {
            failures.push(format!("{event}: {right} right, floor {floor}; wrong: {wrong:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

mod properties {
    use super::*;
    use crosscheck::analysis::numbers;
    use proptest::prelude::*;

    /// Pieces that date and number patterns react to, glued at random.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("May".to_string()),
            Just("Dec.".to_string()),
            Just("Saturday".to_string()),
            Just("tomorrow,".to_string()),
            Just("ago".to_string()),
            Just("next".to_string()),
            Just("2:00:35".to_string()),
            Just("1,175".to_string()),
            Just("$".to_string()),
            Just("₹".to_string()),
            Just("“".to_string()),
            Just("-".to_string()),
            Just("é".to_string()),
            Just("🇹🇷".to_string()),
            Just("\n".to_string()),
            (0u32..40000).prop_map(|n| n.to_string()),
            "[a-zA-Z0-9 ,.:%'\"-]{0,6}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn any_text_gives_valid_spans(pieces in proptest::collection::vec(piece(), 0..40), glue in "[ ,.]{0,1}") {
            let text = pieces.join(&glue);
            let published = Date::new(2025, 5, 11).unwrap();
            let mut d = doc("p", &text, Some(published));
            time::extract(&mut d, None);
            numbers::extract(&mut d);
            check_spans(&d);
            for q in &d.numbers {
                prop_assert!(text.is_char_boundary(q.span.start) && text.is_char_boundary(q.span.end));
                prop_assert!(q.value.is_finite());
            }
        }
    }
}
