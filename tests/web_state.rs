//! The web app's pure logic, natively: the workspace reducer (limits, unique ids,
//! rename/remove/clear), the saved form and its damage handling, highlighting segments
//! and the word diff; the view models behind the long lists (windows, outlet pages, names,
//! mention counts). Run: `cargo test --features web --test web_state`.

use crosscheck::web::diff::{runs, word_diff, Run};
use crosscheck::web::highlight::{context, segments, Mark, MarkKind};
use crosscheck::web::state::{
    decode, encode, Action, AppState, Focus, Level, Limits, NewSource, Tab, Workspace, BATCH_MESSAGES,
};
use crosscheck::web::view_model::{
    card_order, column_page, coverage, doc_choices, doc_name, find_docs, mention_counts, mentions_per_doc,
    wanted_with, window, Cell, DocNames, Window,
};

fn small_limits() -> Limits {
    Limits { document_bytes: 100, total_bytes: 250, documents: 3 }
}

#[test]
fn files_get_their_stem_as_id_and_duplicates_get_a_suffix() {
    let mut ws = Workspace::default();
    let refused = ws.add(
        vec![
            NewSource::file("reuters.txt", "Über 12 people"),
            NewSource::file("dir/reuters.md", "Ankara, Türkiye 🇹🇷"),
            NewSource::pasted("pasted words"),
        ],
        &Limits::default(),
    );
    assert!(refused.is_empty(), "{refused:?}");
    let ids: Vec<&str> = ws.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["reuters", "reuters-2", "doc-1"]);
    assert_eq!(ws.sources[1].format, crosscheck::Format::Markdown);
}

#[test]
fn over_a_limit_adds_what_fits_and_keeps_what_was_there() {
    let mut state = AppState::with_limits(small_limits());
    state.apply(Action::Add(vec![NewSource::file("a.txt", "é".repeat(40))])); // 80 bytes
    let kept = state.workspace.sources.clone();
    state.apply(Action::Add(vec![
        NewSource::file("big.txt", "x".repeat(101)), // over the per-article limit
        NewSource::file("b.txt", "y".repeat(90)),    // fits: 170 in total
        NewSource::file("c.txt", "z".repeat(90)),    // would make 260 > 250
        NewSource::file("image.png", "not text"),    // not an accepted type
        NewSource::pasted("   "),                    // empty
    ]));
    let ids: Vec<&str> = state.workspace.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["a", "b"]);
    assert_eq!(state.workspace.sources[0], kept[0]);
    let messages: Vec<&str> = state.notices.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(messages.len(), 4, "{messages:?}");
    assert!(messages[0].starts_with("big.txt was not added") && messages[0].contains("per article"));
    assert!(messages[1].starts_with("c.txt was not added") && messages[1].contains("together"));
    assert!(messages[2].starts_with("image.png was not added"));
    assert!(messages[3].contains("empty"));
    state.apply(Action::Add(vec![NewSource::pasted("d"), NewSource::pasted("e")]));
    assert_eq!(state.workspace.sources.len(), 3, "at most 3 documents");
    assert!(state.notices.last().unwrap().text.contains("at most 3"));
}

#[test]
fn ten_thousand_files_at_once_make_a_few_notices_that_count_the_rest() {
    let mut state = AppState::default();
    state.apply(Action::Add(vec![NewSource::pasted("Kept: 12 people were hurt in Zürich. 🚑")]));
    let files = (0..10_000).map(|i| NewSource::file(format!("f{i:05}.txt"), format!("Article {i}.")));
    state.apply(Action::Add(files.collect()));
    let limit = Limits::default().documents;
    assert_eq!(state.workspace.sources.len(), limit);
    assert_eq!(state.workspace.sources[0].id, "doc-1", "the article already there is kept");
    let messages: Vec<&str> = state.notices.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(messages.len(), BATCH_MESSAGES + 1, "{messages:?}");
    assert_eq!(
        messages[0],
        format!("f{:05}.txt was not added: the workspace holds at most {limit} articles.", limit - 1)
    );
    let rest = 10_000 - (limit - 1) - BATCH_MESSAGES;
    assert_eq!(
        messages[BATCH_MESSAGES],
        format!("{rest} more files were not added: the workspace holds at most {limit} articles.")
    );
    state.apply(Action::NotifyAll(Level::Info, (0..9).map(|i| format!("g{i}.txt: invalid UTF-8")).collect()));
    assert_eq!(state.notices.last().unwrap().text, "…and 4 more message(s) like these.");
}

#[test]
fn a_restored_workspace_is_not_saved_again_until_it_changes() {
    let mut state = AppState::default();
    assert!(!state.needs_saving(), "nothing yet");
    let mut other = AppState::default();
    other.apply(Action::Add(vec![NewSource::file("a.txt", "alpha")]));
    assert!(other.needs_saving());
    state.apply(Action::Restore(Workspace::clone(&other.workspace)));
    assert!(!state.needs_saving(), "storage holds what was just read from it");
    state.apply(Action::Rename { id: "a".into(), outlet: "Le Monde".into() });
    assert!(state.needs_saving());
    state.apply(Action::Clear);
    assert!(state.needs_saving(), "an emptied workspace is saved too");
}

#[test]
fn rename_remove_clear_bump_the_revision_only_when_something_changes() {
    let mut state = AppState::default();
    state.apply(Action::Add(vec![
        NewSource::file("a.txt", "alpha"),
        NewSource::file("b.html", "<p>beta</p>"),
    ]));
    let r = state.revision;
    state.apply(Action::Rename { id: "a".into(), outlet: "  Le Monde  ".into() });
    assert_eq!(state.workspace.get("a").unwrap().outlet.as_deref(), Some("Le Monde"));
    assert_eq!(state.revision, r + 1);
    state.apply(Action::Rename { id: "a".into(), outlet: "Le Monde".into() });
    assert_eq!(state.revision, r + 1, "same name, no change");
    state.apply(Action::Remove("missing".into()));
    assert_eq!(state.revision, r + 1);
    state.apply(Action::Remove("a".into()));
    assert_eq!(state.workspace.sources.len(), 1);
    let inputs = state.workspace.inputs();
    assert_eq!((inputs[0].id.as_str(), inputs[0].format), ("b", crosscheck::Format::Html));
    state.apply(Action::Clear);
    assert!(state.workspace.sources.is_empty());
}

#[test]
fn a_saved_workspace_round_trips_with_outlets() {
    let mut ws = Workspace::default();
    ws.add(
        vec![NewSource::file("kyiv.txt", "Київ, «цитата» — 😀"), NewSource::pasted("x")],
        &Limits::default(),
    );
    ws.rename("kyiv", "Kyiv Independent");
    let (back, problem) = decode(&encode(&ws), &Limits::default());
    assert_eq!(problem, None);
    assert_eq!(back, ws);
}

#[test]
fn a_damaged_save_keeps_every_readable_article() {
    let saved = r#"{"version":1,"sources":[
        {"id":"a","name":"a.txt","content":"fine"},
        {"id":"b","name":"b.txt"},
        42,
        {"id":"c","name":"c.md","format":"markdown","outlet":"C","content":"also fine"}]}"#;
    let (ws, problem) = decode(saved, &Limits::default());
    let ids: Vec<&str> = ws.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["a", "c"]);
    assert_eq!(ws.sources[1].outlet.as_deref(), Some("C"));
    assert!(problem.unwrap().contains("2 saved article(s) could not be read"));

    for garbage in ["", "{", "null", "[1,2]", "{\"sources\": 3}", "\u{0}\u{1}binary"] {
        let (ws, problem) = decode(garbage, &Limits::default());
        assert!(ws.sources.is_empty(), "{garbage:?}");
        assert!(problem.is_some(), "{garbage:?}");
    }
}

#[test]
fn segments_cut_at_every_boundary_and_cover_the_text() {
    let text = "Erdoğan met Putin in İstanbul 🇹🇷 on Sunday.";
    let find = |s: &str| text.find(s).unwrap();
    let (e1, e2) = (find("Erdoğan"), find("İstanbul"));
    let claim_end = find(" on");
    let marks = [
        Mark { start: 0, end: claim_end, kind: MarkKind::Claim(0) },
        Mark {
            start: e1,
            end: e1 + "Erdoğan".len(),
            kind: MarkKind::Entity(crosscheck::analysis::entities::Label::Person),
        },
        Mark {
            start: e2,
            end: e2 + "İstanbul".len(),
            kind: MarkKind::Entity(crosscheck::analysis::entities::Label::Gpe),
        },
        Mark { start: 1, end: 2, kind: MarkKind::Focus }, // not a char boundary? 'r' is ASCII: valid
        Mark { start: 5, end: 6, kind: MarkKind::Focus }, // inside 'ğ': ignored
        Mark { start: 40, end: 10_000, kind: MarkKind::Focus }, // out of range: ignored
        Mark { start: 9, end: 3, kind: MarkKind::Focus }, // reversed: ignored
    ];
    let segs = segments(text, &marks);
    let joined: String = segs.iter().map(|s| s.text).collect();
    assert_eq!(joined, text);
    for s in &segs {
        assert_eq!(&text[s.start..s.end], s.text);
    }
    let erdogan: Vec<&str> =
        segs.iter().filter(|s| s.entity.is_some() && s.start < 10).map(|s| s.text).collect();
    assert_eq!(erdogan.concat(), "Erdoğan");
    let istanbul = segs.iter().find(|s| s.start == e2).unwrap();
    assert_eq!((istanbul.text, istanbul.claim), ("İstanbul", Some(0)));
    assert!(segs.iter().any(|s| s.focus && s.text == "r"));
    assert_eq!(segs.iter().filter(|s| s.focus).count(), 1);
    assert!(segs.iter().all(|s| s.start >= claim_end || s.claim == Some(0)));
}

#[test]
fn context_stays_in_the_sentence_and_on_char_boundaries() {
    let text = "First sentence here. Zelensky said «we are ready» on Friday. Next one.";
    let start = text.find("«").unwrap();
    let end = text.find("»").unwrap() + "»".len();
    let (before, span, after) = context(text, start, end, 200);
    assert_eq!((before, span, after), ("Zelensky said ", "«we are ready»", " on Friday."));
    assert_eq!(context(text, start + 1, end, 10), ("", "", ""));
    assert_eq!(context("", 0, 0, 10), ("", "", ""));
}

#[test]
fn word_diff_marks_the_changed_words_only() {
    let (a, b) =
        word_diff("We seek serious talks, not a pause.", "we seek SERIOUS negotiations, not a pause");
    let changed_a: Vec<&str> = a.iter().filter(|w| w.changed).map(|w| w.text.trim()).collect();
    let changed_b: Vec<&str> = b.iter().filter(|w| w.changed).map(|w| w.text.trim()).collect();
    assert_eq!(changed_a, ["talks,"]);
    assert_eq!(changed_b, ["negotiations,"]);
    assert_eq!(a.iter().map(|w| w.text).collect::<String>(), "We seek serious talks, not a pause.");
    let (a, b) = word_diff("", "çok güzel 🎉");
    assert!(a.is_empty() && b.iter().all(|w| w.changed));
}

/// The coverage matrix as first written: every disagreement's evidence against every
/// cell's claims.
fn coverage_by_scan(report: &crosscheck::Report) -> Vec<(String, Vec<Cell>)> {
    report
        .clusters
        .iter()
        .map(|cluster| {
            let claims: Vec<usize> = cluster
                .claims
                .iter()
                .filter_map(|id| report.claims.iter().position(|c| &c.id == id))
                .collect();
            let cells = report
                .documents
                .iter()
                .map(|doc| {
                    let mine: Vec<usize> =
                        claims.iter().copied().filter(|&i| report.claims[i].doc == doc.id).collect();
                    if mine.is_empty() {
                        return Cell::NotReported;
                    }
                    let differing: Vec<String> = report
                        .disagreements
                        .iter()
                        .filter(|x| {
                            x.sides.iter().flat_map(|s| &s.evidence).any(|e| {
                                mine.iter().any(|&i| {
                                    let c = &report.claims[i];
                                    c.doc == e.doc && c.start < e.end && e.start < c.end
                                })
                            })
                        })
                        .map(|x| x.id.clone())
                        .collect();
                    if differing.is_empty() {
                        Cell::Reported(mine)
                    } else {
                        Cell::Differs(mine, differing)
                    }
                })
                .collect();
            (cluster.id.clone(), cells)
        })
        .collect()
}

#[test]
fn coverage_cells_name_every_disagreement_whose_evidence_lies_in_their_claims() {
    let report = seeds_report();
    let mut want = coverage_by_scan(&report);
    want.sort_by_key(|(_, cells)| {
        std::cmp::Reverse(cells.iter().filter(|c| **c != Cell::NotReported).count())
    });
    let got: Vec<(String, Vec<Cell>)> =
        coverage(&report).into_iter().map(|row| (row.cluster, row.cells)).collect();
    assert!(got.iter().any(|(_, cells)| cells.iter().any(|c| matches!(c, Cell::Differs(..)))));
    assert_eq!(got, want);
}

#[test]
fn a_window_shows_a_step_at_first_and_counts_the_rest() {
    assert_eq!(window(321, 0, 50), Window { shown: 50, total: 321, rest: 271, next: 50 });
    assert_eq!(window(321, 300, 50), Window { shown: 300, total: 321, rest: 21, next: 21 });
    // Asking for more than there is shows everything, and offers nothing more.
    assert_eq!(window(321, 400, 50), Window { shown: 321, total: 321, rest: 0, next: 0 });
    assert_eq!(window(12, 50, 50), Window { shown: 12, total: 12, rest: 0, next: 0 });
    assert_eq!(window(0, 50, 50), Window { shown: 0, total: 0, rest: 0, next: 0 });
    // A zero step (a bug in a caller) still shows something and never divides by zero.
    assert_eq!(window(3, 0, 0), Window { shown: 1, total: 3, rest: 2, next: 1 });
}

#[test]
fn outlet_columns_come_a_page_at_a_time_and_the_last_page_is_short() {
    assert_eq!(column_page(200, 0, 20), (0..20, 10));
    assert_eq!(column_page(200, 1, 20), (20..40, 10));
    assert_eq!(column_page(45, 2, 20), (40..45, 3));
    // A page past the end (outlets removed since) shows the last page.
    assert_eq!(column_page(45, 9, 20), (40..45, 3));
    assert_eq!(column_page(5, 0, 20), (0..5, 1));
    assert_eq!(column_page(0, 3, 20), (0..0, 1));
}

fn seeds_report() -> crosscheck::Report {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/events/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.retain(|p| p.extension().is_some_and(|x| x == "txt"));
    paths.sort();
    let inputs: Vec<crosscheck::Input> = paths
        .iter()
        .map(|p| {
            let id = p.file_stem().unwrap().to_string_lossy().into_owned();
            crosscheck::Input::new(id, std::fs::read_to_string(p).unwrap(), crosscheck::Format::Text)
        })
        .collect();
    crosscheck::analyze(&inputs, &crosscheck::Options::default())
}

#[test]
fn mention_counts_in_one_pass_equal_the_counts_entity_by_entity() {
    let report = seeds_report();
    let counts = mention_counts(&report);
    assert_eq!(counts.len(), report.entities.len());
    for (i, row) in counts.iter().enumerate() {
        assert_eq!(*row, mentions_per_doc(&report, i));
        assert_eq!(row.iter().sum::<usize>(), report.entities[i].mentions.len());
    }
}

#[test]
fn doc_names_prefer_the_users_outlet_then_the_reports_then_the_id() {
    let mut report = seeds_report();
    let mut ws = Workspace::default();
    ws.add(
        report.documents.iter().map(|d| NewSource::file(format!("{}.txt", d.id), "text")).collect(),
        &Limits::default(),
    );
    let first = report.documents[0].id.clone();
    ws.rename(&first, "  Named By User ");
    report.documents[1].outlet = Some("Found Outlet".into());
    report.documents[2].outlet = Some("   ".into()); // blank: the id
    let names = DocNames::new(&report, &ws);
    for d in &report.documents {
        assert_eq!(names.name(&d.id), doc_name(&report, &ws, &d.id));
    }
    assert_eq!(names.name(&first), "Named By User");
    assert_eq!(names.names[1], "Found Outlet");
    assert_eq!(names.names[2], report.documents[2].id);
    assert_eq!(names.name("not-in-the-report"), "not-in-the-report");
}

#[test]
fn refusals_predict_what_add_refuses_without_adding() {
    let mut ws = Workspace::default();
    ws.add(vec![NewSource::file("a.txt", "é".repeat(40))], &small_limits()); // 80 bytes
    let items = vec![
        NewSource::file("big.txt", "x".repeat(101)),
        NewSource::file("b.txt", "y".repeat(90)),
        NewSource::file("c.txt", "z".repeat(90)),
        NewSource::file("image.png", "not text"),
        NewSource::pasted("   "),
        NewSource::pasted("d"), // fits: the third article
        NewSource::pasted("e"), // a fourth: over the count
    ];
    let predicted = ws.refusals(&items, &small_limits());
    assert_eq!(ws.sources.len(), 1, "nothing added");
    let refused = ws.clone().add(items, &small_limits());
    assert_eq!(predicted, refused);
    assert_eq!(predicted.len(), 5, "{predicted:?}");
    assert!(ws.refusals(&[NewSource::pasted("fits")], &small_limits()).is_empty());
}

#[test]
fn derived_view_models_are_made_once_per_report_and_equal_the_pure_functions() {
    use crosscheck::web::state::Analysed;
    use crosscheck::web::view_model::timeline;
    let report = seeds_report();
    let analysed = Analysed::new(report.clone(), Vec::new());
    let first = analysed.coverage();
    assert!(std::rc::Rc::ptr_eq(&first, &analysed.coverage()), "made once");
    assert_eq!(*first, coverage(&report));
    assert_eq!(*analysed.timeline(), timeline(&report));
    assert_eq!(*analysed.mention_counts(), mention_counts(&report));
    // The cache is not part of what the analysis is.
    assert_eq!(analysed, Analysed::new(report, Vec::new()));
}

#[test]
fn cards_come_by_severity_and_a_chosen_card_is_always_in_the_window() {
    use crosscheck::analysis::conflicts::Severity;
    let mut report = seeds_report();
    assert!(report.disagreements.len() >= 3, "the seeds have disagreements");
    // Make it long: the seeds' findings repeated, with new ids and rotating severities.
    let base = report.disagreements.clone();
    for k in 0..40 {
        for (j, x) in base.iter().enumerate() {
            let mut x = x.clone();
            x.id = format!("{}-copy{k}", x.id);
            x.severity = [Severity::Low, Severity::Medium, Severity::High][(k + j) % 3];
            report.disagreements.push(x);
        }
    }
    let order = card_order(&report, "");
    assert_eq!(order.len(), report.disagreements.len());
    let rank = |s: Severity| [Severity::High, Severity::Medium, Severity::Low].iter().position(|x| *x == s);
    for pair in order.windows(2) {
        let (a, b) = (&report.disagreements[pair[0]], &report.disagreements[pair[1]]);
        assert!(rank(a.severity) < rank(b.severity) || (a.severity == b.severity && pair[0] < pair[1]));
    }
    // A kind filter keeps the order and only that kind.
    let kind = crosscheck::web::view_model::kind_slug(&report.disagreements[0].kind);
    let filtered = card_order(&report, &kind);
    assert!(!filtered.is_empty() && filtered.len() < order.len());
    assert!(filtered
        .windows(2)
        .all(|p| order.iter().position(|&i| i == p[0]) < order.iter().position(|&i| i == p[1])));
    // The last card, chosen in the reader, is inside the window; no choice leaves the window as asked.
    let last = &report.disagreements[*order.last().unwrap()].id;
    let wanted = wanted_with(&order, &report, Some(last), 50);
    assert_eq!(window(order.len(), wanted, 50).shown, order.len());
    assert_eq!(wanted_with(&order, &report, None, 50), 50);
    assert_eq!(wanted_with(&order, &report, Some("no-such-card"), 50), 50);
    assert_eq!(wanted_with(&order, &report, Some(&report.disagreements[order[3]].id.clone()), 50), 50);
}

#[test]
fn the_article_filter_matches_name_title_or_id_in_any_case() {
    let mut report = seeds_report();
    let mut ws = Workspace::default();
    ws.add(
        report.documents.iter().map(|d| NewSource::file(format!("{}.txt", d.id), "text")).collect(),
        &Limits::default(),
    );
    let ids: Vec<String> = report.documents.iter().map(|d| d.id.clone()).collect();
    ws.rename(&ids[0], "Ärzte Zeitung");
    report.documents[1].outlet = Some("Harbour Post".into());
    report.documents[1].title = Some("Storm closes the port".into());
    report.documents[2].title = Some("<b>Port</b> & harbour".into());
    let names = DocNames::new(&report, &ws);
    let all: Vec<usize> = (0..report.documents.len()).collect();
    assert_eq!(find_docs(&report, &names, ""), all, "a blank filter keeps every article");
    assert_eq!(find_docs(&report, &names, "   "), all);
    assert_eq!(find_docs(&report, &names, "ärzte"), vec![0], "the user's outlet name, any case");
    assert_eq!(find_docs(&report, &names, "  HARBOUR post "), vec![1], "the report's outlet, trimmed");
    assert_eq!(find_docs(&report, &names, "port"), vec![1, 2], "titles too, in report order");
    assert_eq!(find_docs(&report, &names, "<b>"), vec![2], "markup in a title is just text to match");
    assert_eq!(find_docs(&report, &names, &ids[3].to_uppercase()), vec![3], "the file name");
    assert!(find_docs(&report, &names, "no such outlet anywhere").is_empty());
}

#[test]
fn the_article_shown_always_has_its_choice_in_the_list() {
    let matches: Vec<usize> = (0..200).filter(|i| i % 2 == 0).collect(); // 100 matches
                                                                         // No selection: the first step of matches, the rest counted.
    let (shown, win) = doc_choices(&matches, None, 50);
    assert_eq!(shown, matches[..50].to_vec());
    assert_eq!(win, Window { shown: 50, total: 100, rest: 50, next: 50 });
    // A selected match past the window is listed after it (the window stays as asked).
    let (shown, win) = doc_choices(&matches, Some(150), 50);
    assert_eq!(win, Window { shown: 50, total: 100, rest: 50, next: 50 });
    assert_eq!(shown.len(), 51);
    assert_eq!(shown.last(), Some(&150));
    assert_eq!(doc_choices(&matches, Some(150), 100).0.len(), 100, "listed once when in the window");
    // A selection the filter leaves out is listed in its report place, and not counted.
    let (shown, win) = doc_choices(&matches, Some(7), 50);
    assert_eq!(shown.len(), 51);
    assert_eq!(&shown[3..6], &[6, 7, 8]);
    assert_eq!(win.total, 100);
    let (shown, win) = doc_choices(&[], Some(7), 50);
    assert_eq!((shown, win.total), (vec![7], 0));
}

#[test]
fn a_diff_joins_neighbouring_words_of_one_kind_into_runs() {
    let (a, _) = word_diff("We are ready to talk, today", "We are not ready to talk");
    let joined = runs(&a);
    let text: String = joined.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(text, "We are ready to talk, today", "the runs are the whole wording, in order");
    assert!(joined.windows(2).all(|p| p[0].changed != p[1].changed), "neighbours differ: {joined:?}");
    let changed: Vec<&str> = a.iter().filter(|w| w.changed).map(|w| w.text.trim()).collect();
    let changed_runs: Vec<String> =
        joined.iter().filter(|r| r.changed).map(|r| r.text.trim().to_string()).collect();
    assert_eq!(changed_runs.join(" "), changed.join(" "));
    assert_eq!(runs(&[]), Vec::<Run>::new());
}

#[test]
fn quote_diffs_are_made_once_per_report_for_quote_wordings_only() {
    use crosscheck::web::state::Analysed;
    use crosscheck::web::view_model::{kind_slug, quote_diffs};
    let report = seeds_report();
    let diffs = quote_diffs(&report);
    assert_eq!(diffs.len(), report.disagreements.len());
    let mut quotes = 0;
    for (x, sides) in report.disagreements.iter().zip(&diffs) {
        assert_eq!(sides.len(), x.sides.len());
        if kind_slug(&x.kind) == "quote-wording" && x.sides.len() >= 2 {
            quotes += 1;
            for (i, side) in sides.iter().enumerate() {
                let text: String = side.iter().map(|r| r.text.as_str()).collect();
                assert_eq!(text, x.sides[i].value);
                let other = if i == 0 { 1 } else { 0 };
                assert_eq!(*side, runs(&word_diff(&x.sides[i].value, &x.sides[other].value).0));
            }
        } else {
            assert!(sides.iter().all(|s| s.is_empty()), "no runs for {:?}", x.kind);
        }
    }
    assert!(quotes > 0, "the seeds have a quote wording disagreement");
    let analysed = Analysed::new(report.clone(), Vec::new());
    assert!(std::rc::Rc::ptr_eq(&analysed.quote_diffs(), &analysed.quote_diffs()), "made once");
    assert_eq!(*analysed.quote_diffs(), diffs);
}

/// The Reader's article is the app's, so it stays while the user looks at other tabs; a
/// finding opened from another view chooses its article.
#[test]
fn the_article_read_stays_chosen_across_tabs() {
    let mut state = AppState::default();
    state.apply(Action::ReadDoc("b".into()));
    state.apply(Action::SetTab(Tab::Entities));
    state.apply(Action::SetTab(Tab::Reader));
    assert_eq!(state.reader_doc.as_deref(), Some("b"));
    state.apply(Action::SetTab(Tab::Coverage));
    state.apply(Action::Focus(Focus { doc: "c".into(), start: 4, end: 9 }));
    assert_eq!(state.tab, Tab::Reader);
    assert_eq!(state.reader_doc.as_deref(), Some("c"));
}
