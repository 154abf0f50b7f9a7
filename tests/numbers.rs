//! The numbers stage, specified by `tests/cases/numbers.json`: quantities found by their
//! surface text with value, unit and hedge; texts that are not quantities; and pairs of
//! quantities that do or do not contradict each other.

use crosscheck::analysis::numbers::{self, comparable, contradicts, Quantity};
use crosscheck::analysis::{time, Doc};
use serde_json::Value;

fn quantities(text: &str) -> Doc {
    let mut doc = Doc { id: "doc".into(), text: text.into(), ..Doc::default() };
    time::extract(&mut doc, None);
    numbers::extract(&mut doc);
    for q in &doc.numbers {
        assert!(
            q.span.end <= text.len()
                && text.is_char_boundary(q.span.start)
                && text.is_char_boundary(q.span.end)
        );
    }
    assert!(
        doc.numbers.windows(2).all(|w| w[0].span.end <= w[1].span.start),
        "quantities overlap or are unsorted"
    );
    doc
}

fn show(doc: &Doc) -> String {
    doc.numbers.iter().map(|q| format!("{:?}", doc.slice(q.span))).collect::<Vec<_>>().join(", ")
}

#[test]
fn number_cases() {
    let cases: Value = serde_json::from_str(include_str!("cases/numbers.json")).unwrap();
    let mut failures = Vec::new();
    for case in cases["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let text = case["text"].as_str().unwrap();
        let doc = quantities(text);
        for want in case["numbers"].as_array().unwrap() {
            let surface = want["text"].as_str().unwrap();
            let start = text.find(surface).unwrap_or_else(|| panic!("{name}: text lacks {surface:?}"));
            let Some(q) =
                doc.numbers.iter().find(|q| q.span.start == start && q.span.end == start + surface.len())
            else {
                failures.push(format!("{name}: {surface:?} not found (found {})", show(&doc)));
                continue;
            };
            let value = want["value"].as_f64().unwrap();
            if (q.value - value).abs() > 1e-6 * value.abs().max(1.0) {
                failures.push(format!("{name}: {surface:?} = {}, want {value}", q.value));
            }
            if q.unit.as_deref() != want["unit"].as_str() {
                failures.push(format!("{name}: {surface:?} unit {:?}, want {:?}", q.unit, want["unit"]));
            }
            if q.approx.map(|a| a.as_str()) != want["approx"].as_str() {
                failures
                    .push(format!("{name}: {surface:?} approx {:?}, want {:?}", q.approx, want["approx"]));
            }
        }
        for absent in case["absent"].as_array().into_iter().flatten() {
            let surface = absent.as_str().unwrap();
            let start = text.find(surface).unwrap_or_else(|| panic!("{name}: text lacks {surface:?}"));
            let end = start + surface.len();
            if let Some(q) = doc.numbers.iter().find(|q| q.span.start < end && start < q.span.end) {
                failures.push(format!("{name}: {surface:?} overlaps the quantity {:?}", doc.slice(q.span)));
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

fn one(text: &str) -> Quantity {
    let doc = quantities(text);
    assert_eq!(doc.numbers.len(), 1, "{text:?} gives {}", show(&doc));
    doc.numbers[0].clone()
}

#[test]
fn comparisons() {
    let cases: Value = serde_json::from_str(include_str!("cases/numbers.json")).unwrap();
    let mut failures = Vec::new();
    for pair in cases["compare"].as_array().unwrap() {
        let (a, b) = (one(pair["a"].as_str().unwrap()), one(pair["b"].as_str().unwrap()));
        let want_cmp = pair["comparable"].as_bool().unwrap();
        let want_contra = pair["contradicts"].as_bool().unwrap();
        for (x, y) in [(&a, &b), (&b, &a)] {
            if comparable(x, y) != want_cmp || contradicts(x, y) != want_contra {
                failures.push(format!(
                    "{} vs {}: comparable {} contradicts {}, want {want_cmp} {want_contra}",
                    pair["a"],
                    pair["b"],
                    comparable(x, y),
                    contradicts(x, y)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
