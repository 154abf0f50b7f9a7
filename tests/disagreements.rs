//! Disagreement detection, specified by the fixtures in `tests/cases/disagreements/`: each
//! file holds short multi-article cases for one kind, with the disagreements expected
//! (each side located by a document and a text its evidence contains) and traps whose
//! kinds must not fire. A file that `needs` a layer (numbers, dates, entities) is skipped
//! while the pipeline produces none of it on its texts.

use std::path::Path;

use crosscheck::analysis::{self, Analysis, Format, Input, Options};
use serde_json::Value;

fn kind_name(kind: analysis::conflicts::DisagreementKind) -> String {
    serde_json::to_value(kind).unwrap().as_str().unwrap().to_string()
}

fn has_layer(a: &Analysis, layer: &str) -> bool {
    a.docs.iter().any(|d| match layer {
        "numbers" => !d.numbers.is_empty(),
        "dates" => d.dates.iter().any(|x| x.value.is_some()),
        "entities" => d.mentions.iter().any(|m| m.entity.is_some()),
        _ => true,
    })
}

/// True when a disagreement of `kind` has, for every expected side, a distinct side with
/// evidence in that document containing that text.
fn found(a: &Analysis, kind: &str, sides: &[Value]) -> bool {
    let doc_index = |id: &str| a.docs.iter().position(|d| d.id == id);
    a.disagreements.iter().filter(|d| kind_name(d.kind) == kind).any(|d| {
        let mut used = vec![false; d.sides.len()];
        sides.iter().all(|want| {
            let doc = doc_index(want["doc"].as_str().unwrap());
            let text = want["text"].as_str().unwrap();
            let hit = d.sides.iter().enumerate().position(|(i, s)| {
                !used[i]
                    && s.evidence
                        .iter()
                        .any(|e| Some(e.doc) == doc && a.docs[e.doc].slice(e.span).contains(text))
            });
            hit.map(|i| used[i] = true).is_some()
        })
    })
}

#[test]
fn disagreement_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/disagreements");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut failures = Vec::new();
    let mut checked = 0;
    for file in files {
        let spec: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let needs = spec["needs"].as_str();
        for case in spec["cases"].as_array().unwrap() {
            let name = format!(
                "{}: {}",
                file.file_name().unwrap().to_string_lossy(),
                case["name"].as_str().unwrap()
            );
            let inputs: Vec<Input> = case["docs"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(id, text)| Input::new(id.as_str(), text.as_str().unwrap(), Format::Text))
                .collect();
            let a = analysis::run(&inputs, &Options::default());
            if needs.is_some_and(|layer| !has_layer(&a, layer)) {
                eprintln!("skipped (no {} yet): {name}", needs.unwrap());
                continue;
            }
            checked += 1;
            for want in case["expect"].as_array().into_iter().flatten() {
                let kind = want["kind"].as_str().unwrap();
                if !found(&a, kind, want["sides"].as_array().unwrap()) {
                    let got: Vec<String> = a
                        .disagreements
                        .iter()
                        .map(|d| format!("{}: {}", kind_name(d.kind), d.explanation))
                        .collect();
                    failures
                        .push(format!("{name}: no {kind} disagreement with the expected sides; got {got:?}"));
                }
            }
            for kind in case["absent"].as_array().into_iter().flatten() {
                let kind = kind.as_str().unwrap();
                if let Some(d) = a.disagreements.iter().find(|d| kind_name(d.kind) == kind) {
                    failures.push(format!("{name}: unexpected {kind}: {}", d.explanation));
                }
            }
        }
    }
    assert!(checked > 0, "no case was checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
