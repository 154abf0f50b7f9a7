//! Entity extraction and resolution, specified by `tests/cases/entities.json`: expected
//! mentions are found by their exact surface text and checked for their label; resolution
//! cases say which surface forms are one entity and which are not, and which longer forms
//! an entity lists among its aliases.

use crosscheck::analysis::entities::{entity_at, EntityId, Label};
use crosscheck::analysis::{self, Analysis, Doc, Format, Input, Options, Span};
use serde_json::Value;

fn run(texts: &[&str]) -> Analysis {
    let inputs: Vec<Input> =
        texts.iter().enumerate().map(|(i, t)| Input::new(format!("doc-{i}"), *t, Format::Text)).collect();
    analysis::run(&inputs, &Options::default())
}

fn label_name(label: Label) -> &'static str {
    label.as_str()
}

/// The entities of every mention whose text is exactly `surface`, over all documents.
fn entities_of(a: &Analysis, surface: &str) -> Vec<EntityId> {
    let mut out: Vec<EntityId> = a
        .docs
        .iter()
        .flat_map(|d| d.mentions.iter().filter(move |m| d.slice(m.span) == surface).filter_map(|m| m.entity))
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn mention_cases() {
    let cases: Value = serde_json::from_str(include_str!("cases/entities.json")).unwrap();
    let mut failures = Vec::new();
    for case in cases["mentions"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let text = case["text"].as_str().unwrap();
        let a = run(&[text]);
        let doc: &Doc = &a.docs[0];
        let got: Vec<(&str, &str)> =
            doc.mentions.iter().map(|m| (doc.slice(m.span), label_name(m.label))).collect();
        for want in case["expect"].as_array().unwrap() {
            let (surface, label) = (want[0].as_str().unwrap(), want[1].as_str().unwrap());
            match got.iter().find(|(s, _)| *s == surface) {
                None => failures.push(format!("{name}: no mention {surface:?}; got {got:?}")),
                Some((_, l)) if *l != label => {
                    failures.push(format!("{name}: {surface:?} is {l}, want {label}"))
                }
                _ => {}
            }
        }
        for absent in case["absent"].as_array().into_iter().flatten() {
            let absent = absent.as_str().unwrap();
            if let Some((s, _)) = got
                .iter()
                .find(|(s, _)| s.split(|c: char| !c.is_alphanumeric()).any(|w| w == absent) || *s == absent)
            {
                failures.push(format!("{name}: {absent:?} should not be in a mention, got {s:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn resolution_cases() {
    let cases: Value = serde_json::from_str(include_str!("cases/entities.json")).unwrap();
    let mut failures = Vec::new();
    for case in cases["resolution"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let docs: Vec<&str> = case["docs"].as_array().unwrap().iter().map(|d| d.as_str().unwrap()).collect();
        let a = run(&docs);
        for group in case["same"].as_array().into_iter().flatten() {
            let forms: Vec<&str> = group.as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
            let mut ids = Vec::new();
            for f in &forms {
                let e = entities_of(&a, f);
                if e.is_empty() {
                    failures.push(format!("{name}: no mention {f:?}"));
                }
                ids.extend(e);
            }
            ids.sort();
            ids.dedup();
            if ids.len() > 1 {
                let names: Vec<String> =
                    ids.iter().map(|i| format!("{:?}", a.entities[i.0].aliases)).collect();
                failures.push(format!("{name}: {forms:?} should be one entity, got {names:?}"));
            }
        }
        for pair in case["aliases"].as_array().into_iter().flatten() {
            let (surface, alias) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
            let ids = entities_of(&a, surface);
            if ids.is_empty() || !ids.iter().all(|i| a.entities[i.0].aliases.iter().any(|x| x == alias)) {
                let got: Vec<&Vec<String>> = ids.iter().map(|i| &a.entities[i.0].aliases).collect();
                failures
                    .push(format!("{name}: the entity of {surface:?} lacks the alias {alias:?}: {got:?}"));
            }
        }
        for pair in case["different"].as_array().into_iter().flatten() {
            let (x, y) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
            let (ex, ey) = (entities_of(&a, x), entities_of(&a, y));
            if ex.is_empty() || ey.is_empty() || ex.iter().any(|e| ey.contains(e)) {
                failures.push(format!("{name}: {x:?} ({ex:?}) and {y:?} ({ey:?}) should be two entities"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_entity_has_its_mentions_and_aliases() {
    let a = run(&[
        "Kenyan runner Amos Kiprotich won in Berlin. Kiprotich said Berlin was fast.",
        "Amos Kiprotich of Kenya won the Berlin Marathon.",
    ]);
    for doc in &a.docs {
        for w in doc.mentions.windows(2) {
            assert!(w[0].span.end <= w[1].span.start, "mentions overlap or are unsorted");
        }
        for m in &doc.mentions {
            let id = m.entity.expect("every kept mention has an entity");
            let e = &a.entities[id.0];
            assert!(
                e.aliases.iter().any(|al| al == doc.slice(m.span)),
                "{:?} lacks alias {:?}",
                e.aliases,
                doc.slice(m.span)
            );
            assert_eq!(entity_at(doc, m.span), Some(id));
        }
    }
}

#[test]
fn chrome_yields_nothing_and_captions_yield_entities() {
    use analysis::text::{Excluded, Exclusion};
    let text =
        "Amos Kiprotich won in Berlin.\nPhoto: Amos Kiprotich in Oslo.\nRelated: Nairobi Marathon results";
    let mut doc = Doc { id: "d".into(), text: text.into(), ..Doc::default() };
    analysis::segment::segment(&mut doc);
    let line2 = text.find("Photo").unwrap();
    let line3 = text.find("Related").unwrap();
    doc.excluded = vec![
        Excluded { span: Span::new(line2, line3 - 1), kind: Exclusion::Caption },
        Excluded { span: Span::new(line3, text.len()), kind: Exclusion::Chrome },
    ];
    analysis::entities::extract(&mut doc);
    let got: Vec<&str> = doc.mentions.iter().map(|m| doc.slice(m.span)).collect();
    assert!(got.contains(&"Oslo"), "{got:?}");
    assert!(!got.iter().any(|g| g.contains("Nairobi")), "{got:?}");
}

#[test]
fn long_runs_of_capitalised_words_and_odd_input_do_not_panic() {
    let long = "Alpha ".repeat(100_000);
    let a = run(&[&long]);
    assert!(a.docs[0].mentions.iter().all(|m| m.span.len() < 200));
    for text in
        ["", " ", "’s", "'", "A.", "U.S.", "Mr.", "\u{0}\u{1}ÿ", "-- - --", "(NDRF)", "Sir", "“Sir”", "Ω Ω Ω"]
    {
        let _ = run(&[text]);
    }
}
