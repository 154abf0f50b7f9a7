//! Cross-document resolution: decides each name's type by vote over all documents (a word
//! seen as the last or first word of a full PERSON name anywhere is that person everywhere),
//! drops weak mentions nothing confirms, and merges names into entities: the same folded /
//! transliterated key (Gómez = Gomez, Dostoevskyy = Dostoevsky), gazetteer variants (US =
//! United States), short forms of one unique full name (Merkel, Sir Alden), full names that
//! differ by a middle name, an initial or one letter of the first name, acronyms (EU =
//! European Union, "Force (NDRF)" definitions), an organisation named without its country
//! ("Air Force" = "Indian Air Force"), and events with or without their year. Also: an
//! acronym one letter off an organisation's initials ("KFRF" for the "KFRAF"); a bare
//! "Parliament" as the one national legislature named whose country is named
//! (`legislatures.txt`); a place named by its first word ("Tirunaga" for
//! "Tirunaga Bazar", never an administrative unit), once misspelt by a letter, or in lower
//! case after a place preposition when the same word starts a longer place name; the bare
//! event phrase as the latest of numbered ones ("the vote" = "second vote" beside a "first
//! vote") and as the one named by a place most documents name ("Kerala train accident"),
//! unless a year marks that one as another event.
//!
//! Lone capitalised words with no cue at all, and lower-case event phrases, are kept only
//! when the documents name them (or the entity they join) at least twice.
//!
//! It never merges two types (Russia stays apart from Russian), and a short form shared by
//! several full names stays apart from all of them.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::lexicon::LEXICON;
use super::normalize::{edit_distance_within, fold, initials, is_all_caps, translit_key};
use super::{Cue, Entity, EntityId, Label, Mention};
use crate::analysis::text::Doc;

/// One mention, with the keys resolution compares.
struct Item {
    doc: usize,
    index: usize,
    surface: String,
    /// The surface with its title, when it had one.
    titled: Option<String>,
    key: String,
    /// Folded words, hyphenated words joined ("duck-soo" -> "ducksoo").
    words: Vec<String>,
    label: Label,
    cue: Cue,
    keep: bool,
    /// Named once, with no cue: kept only if it joins an entity named more often.
    rare: bool,
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[hi] = lo;
        }
    }
}

fn class(label: Label) -> Label {
    if label == Label::Loc {
        Label::Gpe
    } else {
        label
    }
}

pub fn resolve(docs: &mut [Doc]) -> Vec<Entity> {
    recover_lower_case_places(docs);
    let mut items: Vec<Item> = Vec::new();
    let mut words_cache: HashMap<&str, Vec<String>> = HashMap::new();
    for (d, doc) in docs.iter().enumerate() {
        for (i, m) in doc.mentions.iter().enumerate() {
            let text = &doc.text[m.span.range()];
            let surface = text.to_string();
            let words = words_cache.entry(text).or_insert_with(|| words_of(text)).clone();
            let key = match m.cue {
                Cue::EventPhrase => {
                    super::events::event_key(&surface, &LEXICON).unwrap_or_else(|| words.join(" "))
                }
                _ => words.join(" "),
            };
            if key.is_empty() {
                continue;
            }
            let titled = (m.with_title != m.span).then(|| doc.text[m.with_title.range()].to_string());
            items.push(Item {
                doc: d,
                index: i,
                surface,
                titled,
                key,
                words,
                label: m.label,
                cue: m.cue,
                keep: true,
                rare: false,
            });
        }
    }

    // Full PERSON names, by their last and first words.
    let mut by_last: HashMap<String, HashSet<String>> = HashMap::new();
    let mut by_first: HashMap<String, HashSet<String>> = HashMap::new();
    for it in items.iter().filter(|it| it.label == Label::Person && it.words.len() >= 2 && !it.cue.is_weak())
    {
        if it.words.iter().any(|w| w.len() <= 1) && it.words.last().is_some_and(|w| w.len() <= 1) {
            continue;
        }
        by_last.entry(it.words[it.words.len() - 1].clone()).or_default().insert(it.key.clone());
        by_first.entry(it.words[0].clone()).or_default().insert(it.key.clone());
    }

    // A single word that is part of a full person name is that person.
    for it in items.iter_mut() {
        if it.words.len() == 1
            && it.cue != Cue::Gazetteer
            && it.cue != Cue::Acronym
            && (by_last.contains_key(&it.key) || by_first.contains_key(&it.key))
        {
            it.label = Label::Person;
            if it.cue.is_weak() || it.cue == Cue::Capitalised {
                it.cue = Cue::Context;
            }
        }
    }

    // Type by vote: the strongest cue class decides, then the majority.
    let mut votes: HashMap<&str, BTreeMap<(Cue, Label), usize>> = HashMap::new();
    for it in &items {
        *votes.entry(it.key.as_str()).or_default().entry((tier(it.cue), it.label)).or_default() += 1;
    }
    let voted: HashMap<String, Label> = votes
        .into_iter()
        .map(|(key, v)| {
            let best_tier = v.keys().map(|(t, _)| *t).min().unwrap_or_default();
            let label = v
                .iter()
                .filter(|((t, _), _)| *t == best_tier)
                .max_by_key(|((_, l), n)| (**n, std::cmp::Reverse(*l)))
                .map(|((_, l), _)| *l)
                .unwrap_or(Label::Org);
            (key.to_string(), label)
        })
        .collect();
    let strong_keys: HashSet<String> =
        items.iter().filter(|it| !it.cue.is_weak()).map(|it| it.key.clone()).collect();
    for it in items.iter_mut() {
        if it.cue != Cue::Gazetteer {
            if let Some(&l) = voted.get(&it.key) {
                it.label = l;
            }
        }
        if it.cue.is_weak() && !strong_keys.contains(&it.key) {
            it.keep = false;
        }
    }
    // Event phrases, and lone capitalised words without any cue, that the documents name
    // only once are not salient enough, unless they join an entity named more often.
    let mut event_counts: HashMap<&str, usize> = HashMap::new();
    for it in items.iter().filter(|it| matches!(it.cue, Cue::EventPhrase | Cue::Capitalised)) {
        *event_counts.entry(it.key.as_str()).or_default() += 1;
    }
    let strong_once: HashSet<String> = items
        .iter()
        .filter(|it| !matches!(it.cue, Cue::EventPhrase | Cue::Capitalised | Cue::Initial))
        .map(|it| it.key.clone())
        .collect();
    let rare: HashSet<String> =
        event_counts.into_iter().filter(|(_, n)| *n < 2).map(|(k, _)| k.to_string()).collect();
    for it in items.iter_mut() {
        it.rare = matches!(it.cue, Cue::EventPhrase | Cue::Capitalised)
            && rare.contains(&it.key)
            && !strong_once.contains(&it.key);
    }
    items.retain(|it| it.keep);

    // Groups: one per (type class, key).
    let mut group_of: HashMap<(Label, String), usize> = HashMap::new();
    let mut group_items: Vec<Vec<usize>> = Vec::new();
    let mut item_group = Vec::with_capacity(items.len());
    for (i, it) in items.iter().enumerate() {
        let g = *group_of.entry((class(it.label), it.key.clone())).or_insert_with(|| {
            group_items.push(Vec::new());
            group_items.len() - 1
        });
        group_items[g].push(i);
        item_group.push(g);
    }
    let n = group_items.len();
    let mut uf = UnionFind((0..n).collect());
    let rep = |g: usize| &items[group_items[g][0]];

    // Gazetteer variants.
    let mut by_entry: HashMap<(Label, usize), usize> = HashMap::new();
    for g in 0..n {
        let it = rep(g);
        if let Some(e) = LEXICON.lookup(&it.surface) {
            if class(LEXICON.entries[e].label) == class(it.label) {
                match by_entry.get(&(class(it.label), e)) {
                    Some(&h) => uf.union(g, h),
                    None => {
                        by_entry.insert((class(it.label), e), g);
                    }
                }
            }
        }
    }

    // A place named once with a letter dropped or added ("Torono" for "Toronto"), and a
    // place named by the first word of a longer place name ("Tirunaga" for "Tirunaga
    // Bazar"), when that longer name is the only one it starts and ends in no
    // administrative word ("Kerala" stays apart from a "Kerala Region").
    let gazetteer_places: Vec<usize> = (0..n)
        .filter(|&g| {
            class(rep(g).label) == Label::Gpe
                && rep(g).words.len() == 1
                && group_items[g].iter().any(|&i| items[i].cue == Cue::Gazetteer)
        })
        .collect();
    let long_places: Vec<usize> =
        (0..n).filter(|&g| class(rep(g).label) == Label::Gpe && rep(g).words.len() >= 2).collect();
    // Indexes, so that each name looks only at the names it may join: gazetteer places by
    // first letter and length, longer places by first word.
    let places_by_shape = by_shape(gazetteer_places.iter().map(|&p| (p, rep(p).words[0].as_str())));
    let mut long_places_by_first: HashMap<&str, Vec<usize>> = HashMap::new();
    for &p in &long_places {
        long_places_by_first.entry(rep(p).words[0].as_str()).or_default().push(p);
    }
    for g in 0..n {
        let it = rep(g);
        if it.words.len() != 1 || LEXICON.lookup(&it.surface).is_some() {
            continue;
        }
        let word = &it.words[0];
        if group_items[g].iter().all(|&i| items[i].cue == Cue::Capitalised) && word.chars().count() >= 5 {
            let targets: Vec<usize> = one_letter_apart(&places_by_shape, word)
                .filter(|&p| one_letter_more_or_less(word, &rep(p).words[0]))
                .collect();
            if let [only] = targets[..] {
                uf.union(g, only);
                continue;
            }
        }
        if class(it.label) != Label::Gpe {
            continue;
        }
        let targets: Vec<usize> = (long_places_by_first.get(word.as_str()).into_iter().flatten().copied())
            .filter(|&p| !rep(p).words.iter().any(|w| ADMINISTRATIVE_WORDS.contains(&w.as_str())))
            .collect();
        let roots: HashSet<usize> = targets.iter().map(|&t| uf.find(t)).collect();
        if roots.len() == 1 {
            uf.union(g, targets[0]);
        }
    }

    // Full person names that are variants of each other.
    let persons: Vec<usize> =
        (0..n).filter(|&g| rep(g).label == Label::Person && rep(g).words.len() >= 2).collect();
    let mut by_last_group: HashMap<&str, Vec<usize>> = HashMap::new();
    for &g in &persons {
        by_last_group.entry(rep(g).words.last().map(String::as_str).unwrap_or("")).or_default().push(g);
    }
    for gs in by_last_group.values() {
        for (a, &ga) in gs.iter().enumerate() {
            for &gb in &gs[a + 1..] {
                if same_person(&rep(ga).words, &rep(gb).words) {
                    uf.union(ga, gb);
                }
            }
        }
    }

    // Single words: the unique full name ending (or else starting) with that word.
    let mut persons_by_last: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut persons_by_first: HashMap<&str, Vec<usize>> = HashMap::new();
    for &p in &persons {
        persons_by_last.entry(rep(p).words[rep(p).words.len() - 1].as_str()).or_default().push(p);
        persons_by_first.entry(rep(p).words[0].as_str()).or_default().push(p);
    }
    for g in 0..n {
        let it = rep(g);
        if it.label != Label::Person || it.words.len() != 1 {
            continue;
        }
        let word = &it.words[0];
        let mut targets: Vec<usize> = persons_by_last.get(word.as_str()).cloned().unwrap_or_default();
        if targets.is_empty() {
            targets = persons_by_first.get(word.as_str()).cloned().unwrap_or_default();
        }
        let roots: HashSet<usize> = targets.iter().map(|&t| uf.find(t)).collect();
        if roots.len() == 1 {
            uf.union(g, targets[0]);
        }
    }

    // Acronyms: "(NDRF)" right after a name, or the initials of one unique name.
    let orgs: Vec<usize> =
        (0..n).filter(|&g| rep(g).label == Label::Org && rep(g).words.len() >= 2).collect();
    let org_initials: Vec<String> = orgs.iter().map(|&o| initials(&rep(o).surface)).collect();
    let mut orgs_by_initials: HashMap<&str, Vec<usize>> = HashMap::new();
    for (&o, i) in orgs.iter().zip(&org_initials) {
        orgs_by_initials.entry(i.as_str()).or_default().push(o);
    }
    for g in 0..n {
        let it = rep(g);
        if it.words.len() != 1 || !is_all_caps(&it.surface) || it.label != Label::Org {
            continue;
        }
        let acronym: String = it.surface.chars().filter(|c| c.is_alphabetic()).collect();
        let targets: Vec<usize> = orgs_by_initials.get(acronym.as_str()).cloned().unwrap_or_default();
        let roots: HashSet<usize> = targets.iter().map(|&t| uf.find(t)).collect();
        if roots.len() == 1 {
            uf.union(g, targets[0]);
        }
    }
    for doc in docs.iter() {
        for pair in doc.mentions.windows(2) {
            let between = &doc.text[pair[0].span.end..pair[1].span.start];
            let short = &doc.text[pair[1].span.range()];
            if between.trim() == "(" && doc.text[pair[1].span.end..].starts_with(')') && is_all_caps(short) {
                let a = group_of.get(&(class(pair[0].label), key_of(&doc.text[pair[0].span.range()])));
                let b = group_of
                    .get(&(class(pair[0].label), key_of(short)))
                    .or_else(|| group_of.get(&(class(pair[1].label), key_of(short))));
                if let (Some(&a), Some(&b)) = (a, b) {
                    uf.union(a, b);
                }
            }
        }
    }

    // An organisation named without its place: "Air Force" = "Indian Air Force" when no
    // other organisation ends the same way; and spelling variants one letter apart in one
    // word of a longer name ("Coromandal Express" = "Coromandel Express").
    // Organisations by each shorter ending of their name.
    let mut orgs_by_ending: HashMap<&[String], Vec<usize>> = HashMap::new();
    for &o in &orgs {
        let words = &rep(o).words;
        for start in 1..words.len() {
            orgs_by_ending.entry(&words[start..]).or_default().push(o);
        }
    }
    for &g in &orgs {
        let words = &rep(g).words;
        let targets: Vec<usize> = orgs_by_ending.get(words.as_slice()).cloned().unwrap_or_default();
        // Several longer names are one organisation when their extra words nest
        // ("Shalimar-Chennai" in "Shalimar-Chennai Central"), not when they differ
        // ("Indian" and "Pakistan").
        let extras: Vec<&[String]> =
            targets.iter().map(|&t| &rep(t).words[..rep(t).words.len() - words.len()]).collect();
        let nested = extras.iter().all(|a| {
            extras.iter().all(|b| a.iter().all(|w| b.contains(w)) || b.iter().all(|w| a.contains(w)))
        });
        if !targets.is_empty() && nested {
            for &t in &targets {
                uf.union(g, t);
            }
        }
    }
    // Names one word apart agree on all the others: group them by the name with each
    // word left out in turn.
    let mut orgs_by_others: HashMap<(usize, Vec<&str>), Vec<usize>> = HashMap::new();
    for &o in &orgs {
        let words = &rep(o).words;
        for skip in 0..words.len() {
            let others: Vec<&str> =
                words.iter().enumerate().filter(|&(i, _)| i != skip).map(|(_, w)| w.as_str()).collect();
            orgs_by_others.entry((skip, others)).or_default().push(o);
        }
    }
    for group in orgs_by_others.values() {
        for (a, &ga) in group.iter().enumerate() {
            for &gb in &group[a + 1..] {
                if one_word_misspelt(&rep(ga).words, &rep(gb).words) {
                    uf.union(ga, gb);
                }
            }
        }
    }

    // An acronym spelt with one letter more or less than the initials of one organisation
    // ("KFRF" for the "Kerala Flood Rapid Action Force"), when nothing spells it exactly.
    let orgs_by_initials_shape = by_shape(orgs.iter().zip(&org_initials).map(|(&o, i)| (o, i.as_str())));
    let org_index: HashMap<usize, usize> = orgs.iter().enumerate().map(|(i, &o)| (o, i)).collect();
    for g in 0..n {
        let it = rep(g);
        if it.words.len() != 1 || !is_all_caps(&it.surface) || it.label != Label::Org {
            continue;
        }
        let acronym: String = it.surface.chars().filter(|c| c.is_alphabetic()).collect();
        if acronym.chars().count() < 3
            || LEXICON.lookup(&it.surface).is_some()
            || orgs_by_initials.contains_key(acronym.as_str())
        {
            continue;
        }
        let targets: Vec<usize> = one_letter_apart(&orgs_by_initials_shape, &acronym)
            .filter(|&o| one_letter_more_or_less(&acronym, &org_initials[org_index[&o]]))
            .collect();
        let roots: HashSet<usize> = targets.iter().map(|&t| uf.find(t)).collect();
        if roots.len() == 1 {
            uf.union(g, targets[0]);
        }
    }

    // "Parliament" is the one national legislature the documents name ("National Assembly"),
    // when they also name its country and no longer name ends in "Parliament".
    let countries: HashSet<&str> = items
        .iter()
        .filter(|it| class(it.label) == Label::Gpe)
        .filter_map(|it| LEXICON.lookup(&it.surface))
        .map(|e| LEXICON.entries[e].canonical)
        .collect();
    let legislatures: Vec<usize> = orgs
        .iter()
        .copied()
        .filter(|&o| {
            LEXICON
                .legislatures
                .get(&fold(&rep(o).surface))
                .is_some_and(|cs| cs.iter().any(|c| countries.contains(c)))
        })
        .collect();
    let legislature_roots: HashSet<usize> = legislatures.iter().map(|&t| uf.find(t)).collect();
    if legislature_roots.len() == 1 {
        for g in 0..n {
            let it = rep(g);
            let generic = it.label == Label::Org
                && it.words.len() == 1
                && GENERIC_LEGISLATURES.contains(&it.key.as_str())
                && !orgs.iter().any(|&o| rep(o).words.last() == Some(&it.key));
            if generic {
                uf.union(g, legislatures[0]);
            }
        }
    }

    // Events with and without their year.
    let mut events: HashMap<String, usize> = HashMap::new();
    for g in 0..n {
        let it = rep(g);
        if it.label != Label::Event || it.cue == Cue::EventPhrase {
            continue;
        }
        let bare: Vec<&str> =
            it.words.iter().map(String::as_str).filter(|w| !w.bytes().all(|b| b.is_ascii_digit())).collect();
        match events.get(&bare.join(" ")) {
            Some(&h) => uf.union(g, h),
            None => {
                events.insert(bare.join(" "), g);
            }
        }
    }

    // Event phrases of one kind told apart by an ordinal or a place: the bare phrase ("the
    // vote") is the latest of several numbered ones ("first vote", "second vote"), and the
    // one named by a place most documents name ("Kerala train accident"), unless a year
    // marks that one as another event ("2022 Geneva talks").
    let central_places: HashSet<String> = {
        let mut docs_of: HashMap<&str, HashSet<usize>> = HashMap::new();
        for it in items.iter().filter(|it| class(it.label) == Label::Gpe) {
            docs_of.entry(it.key.as_str()).or_default().insert(it.doc);
        }
        docs_of.into_iter().filter(|(_, d)| d.len() * 2 >= docs.len()).map(|(k, _)| k.to_string()).collect()
    };
    let mut by_class: BTreeMap<&str, Vec<(usize, &str)>> = BTreeMap::new();
    for g in 0..n {
        let it = rep(g);
        if it.cue != Cue::EventPhrase {
            continue;
        }
        if let Some((class, distinguishing)) = it.key.strip_prefix("event ").and_then(|k| k.split_once(' ')) {
            by_class.entry(class).or_default().push((g, distinguishing));
        }
    }
    for variants in by_class.values() {
        let Some(&(bare, _)) = variants.iter().find(|(_, d)| d.is_empty()) else { continue };
        let ordinals: BTreeMap<usize, usize> = variants
            .iter()
            .filter_map(|&(g, d)| super::events::ORDINALS.iter().position(|o| *o == d).map(|rank| (rank, g)))
            .collect();
        if ordinals.len() >= 2 {
            if let Some((_, &latest)) = ordinals.iter().next_back() {
                uf.union(bare, latest);
            }
        }
        let placed: Vec<usize> = variants
            .iter()
            .filter(|&&(g, d)| {
                !d.is_empty()
                    && central_places.contains(&translit_key(d))
                    && !group_items[g].iter().any(|&i| items[i].surface.split_whitespace().any(is_year_word))
            })
            .map(|&(g, _)| g)
            .collect();
        if let [only] = placed[..] {
            uf.union(bare, only);
        }
    }

    // Entities, in order of first mention.
    let mut root_items: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &g) in item_group.iter().enumerate() {
        root_items.entry(uf.find(g)).or_default().push(i);
    }
    let mut clusters: Vec<Vec<usize>> =
        root_items.into_values().filter(|c| c.len() >= 2 || c.iter().any(|&i| !items[i].rare)).collect();
    for c in &mut clusters {
        c.sort_by_key(|&i| (items[i].doc, docs[items[i].doc].mentions[items[i].index].span.start));
    }
    clusters.sort_by_key(|c| (items[c[0]].doc, docs[items[c[0]].doc].mentions[items[c[0]].index].span.start));

    let mut assigned: Vec<Vec<Option<EntityId>>> =
        docs.iter().map(|d| vec![None; d.mentions.len()]).collect();
    let mut entities = Vec::with_capacity(clusters.len());
    for (e, c) in clusters.iter().enumerate() {
        let id = EntityId(e);
        let mut label_count: BTreeMap<Label, usize> = BTreeMap::new();
        for &i in c {
            *label_count.entry(items[i].label).or_default() += 1;
            assigned[items[i].doc][items[i].index] = Some(id);
        }
        let label = label_count
            .iter()
            .max_by_key(|(l, n)| (**n, std::cmp::Reverse(**l)))
            .map(|(l, _)| *l)
            .unwrap_or(Label::Org);
        let mut aliases: Vec<String> = c.iter().map(|&i| items[i].surface.clone()).collect();
        aliases.extend(c.iter().filter_map(|&i| items[i].titled.clone()));
        if label == Label::Person {
            aliases.extend(c.iter().filter_map(|&i| family_name(&items[i].surface)));
        }
        aliases.sort();
        aliases.dedup();
        let name = c
            .iter()
            .map(|&i| &items[i])
            .max_by(|a, b| {
                (a.words.len(), !is_all_caps(&a.surface), a.surface.len())
                    .cmp(&(b.words.len(), !is_all_caps(&b.surface), b.surface.len()))
                    .then_with(|| b.surface.cmp(&a.surface))
            })
            .map(|it| it.surface.clone())
            .unwrap_or_default();
        let name = match LEXICON.lookup(&name) {
            Some(entry) if class(LEXICON.entries[entry].label) == class(label) => {
                LEXICON.entries[entry].canonical.to_string()
            }
            _ => name,
        };
        entities.push(Entity { id, name, label, aliases });
    }

    for (doc, ids) in docs.iter_mut().zip(assigned) {
        let mentions = std::mem::take(&mut doc.mentions);
        doc.mentions = mentions
            .into_iter()
            .zip(ids)
            .filter_map(|(mut m, id)| {
                m.entity = Some(id?);
                m.label = entities[id?.0].label;
                Some(m)
            })
            .collect();
    }
    entities
}

/// The family name of "Given Family" when the first word is a known given name:
/// "Angela Merkel" -> "Merkel".
fn family_name(surface: &str) -> Option<String> {
    let words: Vec<&str> = surface.split_whitespace().collect();
    if words.len() < 2 || !LEXICON.is_given_name(words[0]) {
        return None;
    }
    let last = words[words.len() - 1];
    (last.chars().count() >= 2 && !last.contains('.')).then(|| last.to_string())
}

/// Folded, transliterated words of a name; hyphenated words stay one ("duck-soo" ->
/// "ducksoo").
fn words_of(surface: &str) -> Vec<String> {
    surface.split_whitespace().map(|w| translit_key(w).replace(' ', "")).filter(|w| !w.is_empty()).collect()
}

fn key_of(surface: &str) -> String {
    words_of(surface).join(" ")
}

/// Words that make a place name an administrative unit of the place it starts with.
const ADMINISTRATIVE_WORDS: &[&str] = &[
    "district",
    "region",
    "province",
    "state",
    "county",
    "city",
    "oblast",
    "prefecture",
    "municipality",
    "division",
    "governorate",
    "territory",
];

/// Prepositions after which a lower-case word may be a place ("at tirunaga").
const PLACE_PREPOSITIONS: &[&str] = &["at", "in", "near", "from", "to"];

/// Adds LOC mentions for lower-case place names written after a place preposition ("the
/// site at tirunaga") when the same word, of five letters or more and in no word list,
/// starts a longer place name in the documents that no gazetteer knows ("Tirunaga Bazar").
fn recover_lower_case_places(docs: &mut [Doc]) {
    let mut scratch = String::new();
    let mut first_words: HashSet<String> = HashSet::new();
    for doc in docs.iter() {
        for m in doc.mentions.iter().filter(|m| class(m.label) == Label::Gpe && m.cue != Cue::Gazetteer) {
            let mut words = doc.text[m.span.range()].split_whitespace();
            if let (Some(first), Some(_)) = (words.next(), words.next()) {
                if first.chars().count() >= 5
                    && first.chars().all(char::is_alphabetic)
                    && LEXICON.flags(first, &mut scratch) == 0
                    && LEXICON.lookup(first).is_none()
                {
                    first_words.insert(first.to_lowercase());
                }
            }
        }
    }
    if first_words.is_empty() {
        return;
    }
    for doc in docs.iter_mut() {
        let mut found = Vec::new();
        for (k, t) in doc.tokens.iter().enumerate() {
            let word = &doc.text[t.range()];
            if k == 0 || !first_words.contains(word) {
                continue;
            }
            let prev = doc.tokens[k - 1];
            if &doc.text[prev.end..t.start] != " " || !PLACE_PREPOSITIONS.contains(&&doc.text[prev.range()]) {
                continue;
            }
            let i = doc.mentions.partition_point(|m| m.span.end <= t.start);
            if doc.mentions.get(i).is_some_and(|m| m.span.overlaps(*t)) {
                continue;
            }
            found.push(Mention {
                span: *t,
                label: Label::Loc,
                entity: None,
                with_title: *t,
                cue: Cue::Context,
            });
        }
        if !found.is_empty() {
            doc.mentions.extend(found);
            doc.mentions.sort_by_key(|m| m.span.start);
        }
    }
}

/// Common nouns for a country's legislature, read as the one legislature named.
const GENERIC_LEGISLATURES: &[&str] = &["parliament", "legislature"];

/// Names indexed by their first letter and their length in letters, each list in the
/// order given: the only names [`one_letter_more_or_less`] can match are in two lists.
fn by_shape<'a>(names: impl Iterator<Item = (usize, &'a str)>) -> HashMap<(Option<char>, usize), Vec<usize>> {
    let mut out: HashMap<(Option<char>, usize), Vec<usize>> = HashMap::new();
    for (g, name) in names {
        out.entry((name.chars().next(), name.chars().count())).or_default().push(g);
    }
    out
}

/// The names of a [`by_shape`] index with the first letter of `word` and one letter more
/// or less, in the index's order.
fn one_letter_apart<'i>(
    index: &'i HashMap<(Option<char>, usize), Vec<usize>>,
    word: &str,
) -> impl Iterator<Item = usize> + 'i {
    let (first, count) = (word.chars().next(), word.chars().count());
    let mut lists: Vec<&'i Vec<usize>> = [count.checked_sub(1), Some(count + 1)]
        .into_iter()
        .flatten()
        .filter_map(|c| index.get(&(first, c)))
        .collect();
    // One merged list in the index's order: names were pushed in increasing order.
    let mut merged: Vec<usize> = lists.drain(..).flatten().copied().collect();
    merged.sort_unstable();
    merged.into_iter()
}

/// True when `a` is `b` with one letter left out or added: "KFRF" and "KFRAF".
fn one_letter_more_or_less(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    if long.chars().count() != short.chars().count() + 1 || short.chars().next() != long.chars().next() {
        return false;
    }
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|l| l == c))
}

fn is_year_word(word: &str) -> bool {
    word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit())
}

/// Same words but one, and that one a letter apart in a long word.
fn one_word_misspelt(a: &[String], b: &[String]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let differing: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    differing.len() == 1
        && a[differing[0]].len() >= 6
        && edit_distance_within(&a[differing[0]], &b[differing[0]], 1)
}

/// Cue tiers for type voting: gazetteer and explicit cues outrank shape.
fn tier(cue: Cue) -> Cue {
    match cue {
        Cue::Gazetteer => Cue::Gazetteer,
        Cue::Title | Cue::Head | Cue::GivenName | Cue::Acronym => Cue::Title,
        Cue::Context => Cue::Context,
        _ => Cue::Shape,
    }
}

/// Two full names with the same last word are one person when their first words agree
/// (equal, an initial of the other, or one letter apart in a long name) and the shorter
/// name's other words appear in the longer one.
fn same_person(a: &[String], b: &[String]) -> bool {
    let (fa, fb) = (&a[0], &b[0]);
    let first_agrees = fa == fb
        || (fa.len() == 1 && fb.starts_with(fa.as_str()))
        || (fb.len() == 1 && fa.starts_with(fb.as_str()))
        || (fa.len() >= 5 && fb.len() >= 5 && edit_distance_within(fa, fb, 1));
    if !first_agrees {
        return false;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short[1..short.len() - 1].iter().all(|w| long.contains(w))
}
