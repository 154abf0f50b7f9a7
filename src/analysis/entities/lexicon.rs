//! The word lists behind the extractor, read once from `src/data/` (one entry per line,
//! `#` comments, variants of one entry separated by `|`): gazetteers of countries, cities,
//! administrative regions, world regions, demonyms, international bodies, news outlets and
//! seats of government, matched with one leftmost-longest Aho-Corasick automaton; and the
//! cue lists (given names, titles, organisation/event/place heads, words that are never names)
//! as hash sets of lower-case words. Nothing here knows about a particular news event.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::normalize::is_all_caps;
use super::Label;
use crate::analysis::words::KeyTable;

/// FNV-1a: a fast hash for the short words these sets hold (no untrusted keys: the sets
/// are fixed word lists).
#[derive(Default, Clone, Copy)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

pub type FastSet<T> = HashSet<T, BuildHasherDefault<Fnv>>;
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

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
    by_name: FastMap<String, usize>,
    pub given_names: FastSet<String>,
    pub not_names: FastSet<String>,
    pub generic: FastSet<String>,
    /// Title phrases, lower case ("prime minister"); longest has `max_title_words` words.
    pub titles: FastSet<String>,
    pub max_title_words: usize,
    pub event_heads: FastSet<String>,
    /// Lower-case institution phrases ("defence ministry"), longest first.
    pub institutions: Vec<String>,
    /// The distinct first words of `institutions`.
    pub institution_first_words: Vec<String>,
    /// Lower-case event nouns (one or two words) and their synonym class.
    pub event_nouns: FastMap<String, usize>,
    pub event_modifiers: FastSet<String>,
    /// Act nouns that name the event they follow or precede ("coup bid").
    pub event_acts: FastSet<String>,
    /// Occasion nouns that may end an event's long form ("... for the Easter holidays").
    pub event_occasions: FastSet<String>,
    /// Folded legislature names ("national assembly") and the countries that have them.
    pub legislatures: FastMap<String, Vec<&'static str>>,
    /// Finds the lower-case event nouns (leftmost-longest, case-sensitive).
    pub event_automaton: AhoCorasick,
    /// Every listed word with the lists it is in ([`flag`] bits), for one lookup per token
    /// (by a hash of its lower-case form: ASCII words are not lowercased first).
    word_flags: KeyTable<u16>,
}

/// Bits of [`Lexicon::word_flags`].
pub mod flag {
    pub const NOT_NAME: u16 = 1;
    pub const GENERIC: u16 = 1 << 1;
    pub const GIVEN: u16 = 1 << 2;
    /// A one-word title ("President").
    pub const TITLE: u16 = 1 << 3;
    /// The first word of a longer title ("Prime" of "Prime Minister").
    pub const TITLE_FIRST: u16 = 1 << 4;
    pub const ORG_HEAD: u16 = 1 << 5;
    pub const EVENT_HEAD: u16 = 1 << 6;
    pub const LOC_HEAD: u16 = 1 << 7;
    /// The last word of a two-word event head ("Cup" of "World Cup").
    pub const EVENT_HEAD_LAST: u16 = 1 << 8;
    /// A one-word gazetteer variant ("WHO", "Kenya").
    pub const GAZETTEER: u16 = 1 << 9;
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

fn word_set(list: &'static str) -> FastSet<String> {
    lines(list).map(str::to_lowercase).collect()
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut entries = Vec::new();
    let mut variants: Vec<&'static str> = Vec::new();
    let mut patterns = Vec::new();
    let mut by_name = FastMap::default();
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
    let event_nouns: FastMap<String, usize> = lines(include_str!("../../data/event_nouns.txt"))
        .enumerate()
        .flat_map(|(class, line)| line.split('|').map(move |w| (w.trim().to_lowercase(), class)))
        .collect();
    let event_automaton = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(event_nouns.keys())
        .expect("event noun automaton");
    let max_title_words = titles.iter().map(|t| t.split(' ').count()).max().unwrap_or(1);
    let mut institutions: Vec<String> =
        lines(include_str!("../../data/institutions.txt")).map(str::to_lowercase).collect();
    institutions.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let mut word_flags: FastMap<String, u16> = FastMap::default();
    let mut mark = |words: &FastSet<String>, bit: u16| {
        for w in words {
            *word_flags.entry(w.clone()).or_default() |= bit;
        }
    };
    let not_names = word_set(include_str!("../../data/not_names.txt"));
    let generic = word_set(include_str!("../../data/generic_words.txt"));
    let given_names = word_set(include_str!("../../data/given_names.txt"));
    let org_heads = word_set(include_str!("../../data/org_heads.txt"));
    let event_heads = word_set(include_str!("../../data/event_heads.txt"));
    let loc_heads = word_set(include_str!("../../data/loc_heads.txt"));
    mark(&not_names, flag::NOT_NAME | flag::GENERIC);
    mark(&generic, flag::GENERIC);
    mark(&given_names, flag::GIVEN);
    mark(&org_heads, flag::ORG_HEAD);
    mark(&loc_heads, flag::LOC_HEAD);
    for t in &titles {
        match t.split_once(' ') {
            None => *word_flags.entry(t.clone()).or_default() |= flag::TITLE | flag::GENERIC,
            Some((first, _)) => *word_flags.entry(first.to_string()).or_default() |= flag::TITLE_FIRST,
        }
    }
    for h in &event_heads {
        match h.rsplit_once(' ') {
            None => *word_flags.entry(h.clone()).or_default() |= flag::EVENT_HEAD,
            Some((_, last)) => *word_flags.entry(last.to_string()).or_default() |= flag::EVENT_HEAD_LAST,
        }
    }
    for v in &variants {
        if !v.contains(' ') {
            *word_flags.entry(v.to_lowercase()).or_default() |= flag::GAZETTEER;
        }
    }
    Lexicon {
        entries,
        automaton,
        patterns,
        by_name,
        given_names,
        not_names,
        generic,
        titles,
        max_title_words,
        event_heads,
        institution_first_words: {
            let mut firsts: Vec<String> =
                institutions.iter().filter_map(|p| p.split(' ').next()).map(str::to_string).collect();
            firsts.sort();
            firsts.dedup();
            firsts
        },
        institutions,
        event_nouns,
        event_automaton,
        word_flags: {
            let mut table = KeyTable::default();
            for (word, flags) in &word_flags {
                table.insert(word, *flags);
            }
            table
        },
        event_modifiers: word_set(include_str!("../../data/event_modifiers.txt")),
        event_acts: word_set(include_str!("../../data/event_acts.txt")),
        event_occasions: word_set(include_str!("../../data/event_occasions.txt")),
        legislatures: {
            let mut by_name: FastMap<String, Vec<&'static str>> = FastMap::default();
            for line in lines(include_str!("../../data/legislatures.txt")) {
                let mut parts = line.split('|').map(str::trim);
                let Some(country) = parts.next() else { continue };
                for name in parts.filter(|n| !n.is_empty()) {
                    by_name.entry(super::normalize::fold(name)).or_default().push(country);
                }
            }
            by_name
        },
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

    /// The [`flag`] bits of `word` (any case), using `scratch` for the lower-case form of
    /// a non-ASCII word.
    pub fn flags(&self, word: &str, scratch: &mut String) -> u16 {
        let lower = if word.is_ascii() {
            word
        } else {
            scratch.clear();
            scratch.extend(word.chars().flat_map(char::to_lowercase));
            scratch.as_str()
        };
        self.word_flags.get_word(lower).copied().unwrap_or(0)
    }

    /// The entry whose variant folds to `name`, if any.
    pub fn lookup(&self, name: &str) -> Option<usize> {
        self.by_name.get(&super::normalize::fold(name)).copied()
    }

    pub fn is_given_name(&self, word: &str) -> bool {
        self.given_names.contains(&word.to_lowercase())
    }
}
