//! The word lists of the time stage (from `src/data/`), parsed once into lookup tables.

use std::sync::LazyLock;

use crate::analysis::words::{list_lines, KeyTable, WordMap, WordSet};

/// How a cue word bears on the tense of a weekday in its clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cue {
    Past,
    Future,
    /// Verbs of proposing or inviting: future when an object separates them from the date.
    Irrealis,
}

pub struct Lexicon {
    /// Lowercase month names and abbreviations -> month number.
    pub months: WordMap<&'static str, i8>,
    /// Lowercase month abbreviations ("dec", "sept"), which may take a period.
    pub month_abbreviations: WordSet<&'static str>,
    /// Capitalized weekday names -> ISO number (Monday = 1).
    pub weekdays: WordMap<&'static str, i8>,
    /// Lowercase cue words -> cue (one-word cues).
    pub cues: WordMap<&'static str, Cue>,
    /// Lowercase words that can start a temporal expression (months, weekdays, deixis,
    /// modifiers, "between", "earlier"/"later") or a count ("three years ago").
    /// `true` for date words, `false` for words that only start a count.
    pub starters: KeyTable<bool>,
    /// Two-word cues ("set to") by their first word -> (second word, cue).
    pub cue_pairs: WordMap<&'static str, Vec<(&'static str, Cue)>>,
    /// The latest year an undated article is taken to come from (`latest_year.txt`).
    pub latest_year: i16,
}

fn numbered(list: &'static str) -> WordMap<&'static str, i8> {
    list_lines(list)
        .filter_map(|l| {
            let (name, n) = l.split_once(' ')?;
            Some((name, n.trim().parse().ok()?))
        })
        .collect()
}

/// `months.txt`: `number name abbreviation...` per line. Returns the names and
/// abbreviations with their numbers, and the abbreviations alone.
fn months(list: &'static str) -> (WordMap<&'static str, i8>, WordSet<&'static str>) {
    let mut out = WordMap::default();
    let mut abbreviations = WordSet::default();
    for line in list_lines(list) {
        let mut words = line.split_whitespace();
        let Some(Ok(n)) = words.next().map(str::parse::<i8>) else { continue };
        for (k, w) in words.enumerate() {
            out.insert(w, n);
            if k > 0 {
                abbreviations.insert(w);
            }
        }
    }
    (out, abbreviations)
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut cues = WordMap::default();
    let mut cue_pairs: WordMap<&'static str, Vec<(&'static str, Cue)>> = WordMap::default();
    for line in list_lines(include_str!("../../data/tense_cues.txt")) {
        let Some((kind, phrase)) = line.split_once('\t') else { continue };
        let cue = match kind {
            "past" => Cue::Past,
            "future" => Cue::Future,
            "irrealis" => Cue::Irrealis,
            _ => continue,
        };
        match phrase.split_once(' ') {
            Some((a, b)) => cue_pairs.entry(a).or_default().push((b, cue)),
            None => {
                cues.insert(phrase, cue);
            }
        }
    }
    let (months, month_abbreviations) = months(include_str!("../../data/months.txt"));
    let weekdays = numbered(include_str!("../../data/weekdays.txt"));
    let mut starters = KeyTable::default();
    for w in months.keys() {
        starters.insert(w, true);
    }
    for w in weekdays.keys() {
        starters.insert(&w.to_lowercase(), true);
    }
    for w in
        ["today", "tonight", "yesterday", "tomorrow", "last", "this", "next", "past", "coming", "between"]
    {
        starters.insert(w, true);
    }
    for w in crate::analysis::numbers::parse::starter_words() {
        starters.insert(&w, false);
    }
    let latest_year = list_lines(include_str!("../../data/latest_year.txt"))
        .find_map(|l| l.trim().parse().ok())
        .unwrap_or(2026);
    Lexicon { months, starters, month_abbreviations, weekdays, cues, cue_pairs, latest_year }
});
