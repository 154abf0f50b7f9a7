//! The word lists behind the extractor, read once from `src/data/` (one entry per line,
//! `#` comments, variants of one entry separated by `|`): gazetteers of countries, cities,
//! administrative regions, world regions, demonyms, international bodies, news outlets and
//! seats of government, matched with one leftmost-longest Aho-Corasick automaton; and the
//! cue lists (given names, titles, organisation/event/place heads, words that are never names)
//! as hash sets of lower-case words. Nothing here knows about a particular news event.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::normalize::is_all_caps;
use super::Label;

/// One gazetteer entry: its canonical name (the first variant of its line) and label.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    pub canonical: &'static str,
    pub label: Label,
}

/// A gazetteer match inside a text: byte range and the entry.
#[derive(Clone, Copy, Debug)]
pub struct GazetteerMatch {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
}

pub struct Lexicon {
    pub entries: Vec<Entry>,
    automaton: AhoCorasick,
    /// For each automaton pattern: its entry and whether it must match case exactly
    /// (acronyms such as "US" must not match "us").
    patterns: Vec<(usize, bool)>,
    /// Entry index by folded variant, for exact lookups of a whole name.
    by_name: HashMap<String, usize>,
    pub given_names: HashSet<String>,
    pub not_names: HashSet<String>,
    pub generic: HashSet<String>,
    /// Title phrases, lower case ("prime minister"); longest has `max_title_words` words.
    pub titles: HashSet<String>,
    pub max_title_words: usize,
    pub org_heads: HashSet<String>,
    pub event_heads: HashSet<String>,
    pub loc_heads: HashSet<String>,
    /// Lower-case institution phrases ("defence ministry"), longest first.
    pub institutions: Vec<String>,
    /// Lower-case event nouns (one or two words) and their synonym class.
    pub event_nouns: HashMap<String, usize>,
    pub event_modifiers: HashSet<String>,
}

const GAZETTEERS: &[(&str, Label)] = &[
    (include_str!("../../data/countries.txt"), Label::Gpe),
    (include_str!("../../data/cities.txt"), Label::Gpe),
    (include_str!("../../data/admin_regions.txt"), Label::Gpe),
    (include_str!("../../data/regions.txt"), Label::Loc),
    (include_str!("../../data/demonyms.txt"), Label::Norp),
    (include_str!("../../data/international_bodies.txt"), Label::Org),
    (include_str!("../../data/media_orgs.txt"), Label::Org),
    (include_str!("../../data/government_seats.txt"), Label::Org),
];

fn lines(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn word_set(list: &'static str) -> HashSet<String> {
    lines(list).map(str::to_lowercase).collect()
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut entries = Vec::new();
    let mut variants: Vec<&'static str> = Vec::new();
    let mut patterns = Vec::new();
    let mut by_name = HashMap::new();
    for (list, label) in GAZETTEERS {
        for line in lines(list) {
            let mut parts = line.split('|').map(str::trim).filter(|v| !v.is_empty());
            let Some(canonical) = parts.next() else { continue };
            let entry = entries.len();
            entries.push(Entry { canonical, label: *label });
            for variant in std::iter::once(canonical).chain(parts) {
                by_name.entry(super::normalize::fold(variant)).or_insert(entry);
                variants.push(variant);
                patterns.push((entry, is_all_caps(variant) && variant.chars().count() <= 5));
            }
        }
    }
    let automaton = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(&variants)
        .expect("gazetteer automaton");
    let titles = word_set(include_str!("../../data/titles.txt"));
    let max_title_words = titles.iter().map(|t| t.split(' ').count()).max().unwrap_or(1);
    Lexicon {
        entries,
        automaton,
        patterns,
        by_name,
        given_names: word_set(include_str!("../../data/given_names.txt")),
        not_names: word_set(include_str!("../../data/not_names.txt")),
        generic: word_set(include_str!("../../data/generic_words.txt")),
        titles,
        max_title_words,
        org_heads: word_set(include_str!("../../data/org_heads.txt")),
        event_heads: word_set(include_str!("../../data/event_heads.txt")),
        loc_heads: word_set(include_str!("../../data/loc_heads.txt")),
        institutions: {
            let mut list: Vec<String> =
                lines(include_str!("../../data/institutions.txt")).map(str::to_lowercase).collect();
            list.sort_by_key(|p| std::cmp::Reverse(p.len()));
            list
        },
        event_nouns: lines(include_str!("../../data/event_nouns.txt"))
            .enumerate()
            .flat_map(|(class, line)| line.split('|').map(move |w| (w.trim().to_lowercase(), class)))
            .collect(),
        event_modifiers: word_set(include_str!("../../data/event_modifiers.txt")),
    }
});

impl Lexicon {
    /// Gazetteer matches in `text` (leftmost-longest), on word boundaries, starting with a
    /// capital letter, and exact in case for short all-caps variants.
    pub fn gazetteer_matches(&self, text: &str) -> Vec<GazetteerMatch> {
        let mut out = Vec::new();
        for m in self.automaton.find_iter(text) {
            let (start, end) = (m.start(), m.end());
            let (entry, exact_case) = self.patterns[m.pattern().as_usize()];
            let found = &text[start..end];
            if !super::normalize::is_capitalised(found) {
                continue;
            }
            if exact_case && !is_all_caps(found) {
                continue;
            }
            let boundary_before = text[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let boundary_after = text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            if boundary_before && boundary_after {
                out.push(GazetteerMatch { start, end, entry });
            }
        }
        out
    }

    /// The entry whose variant folds to `name`, if any.
    pub fn lookup(&self, name: &str) -> Option<usize> {
        self.by_name.get(&super::normalize::fold(name)).copied()
    }

    pub fn is_given_name(&self, word: &str) -> bool {
        self.given_names.contains(&word.to_lowercase())
    }

    /// A word that is never a name: "However", "I’ve". Short all-caps words are acronyms
    /// ("US" is not "us"), and gazetteer acronyms stay names ("WHO").
    pub fn is_not_name(&self, word: &str) -> bool {
        let head = word.split(['\'', '’']).next().unwrap_or(word);
        let lower = head.to_lowercase();
        if !self.not_names.contains(&lower) {
            return false;
        }
        !is_all_caps(word) || (head.chars().count() >= 3 && self.lookup(word).is_none())
    }

    pub fn is_generic(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        self.generic.contains(&lower) || self.not_names.contains(&lower) || self.titles.contains(&lower)
    }
}
