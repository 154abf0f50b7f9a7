//! The word lists of the numbers stage (from `src/data/`), parsed once into lookup tables.

use std::sync::LazyLock;

use super::Approx;
use crate::analysis::words::{list_lines, KeyTable, WordMap, WordSet};

/// A number word: its value and whether it multiplies what comes before ("hundred").
#[derive(Clone, Copy, Debug)]
pub struct NumberWord {
    pub value: f64,
    pub scale: bool,
}

/// A unit of measure: the normalized unit name, its dimension's base unit and the factor.
#[derive(Clone, Copy, Debug)]
pub struct Unit {
    pub name: &'static str,
    pub base: &'static str,
    pub factor: f64,
}

pub struct Lexicon {
    pub number_words: WordMap<&'static str, NumberWord>,
    pub units: WordMap<&'static str, Unit>,
    /// Units by their normalized name (to find the base of a `Quantity::unit`).
    pub unit_names: WordMap<&'static str, Unit>,
    /// Currency surfaces: symbols and codes (case-sensitive) and names (lowercase).
    pub currencies: WordMap<&'static str, &'static str>,
    /// Approximation cues, as lowercase word sequences, longest first.
    pub approx: Vec<(Vec<&'static str>, Approx)>,
    /// For each last word of an approximation cue, the indices in `approx` of the cues
    /// that end with it (in `approx` order).
    pub approx_by_last: WordMap<&'static str, Vec<usize>>,
    pub count_stopwords: WordSet<&'static str>,
    /// Lowercase words that can start a number phrase: number words, their plurals
    /// ("thousands") and the articles ("a dozen").
    pub starters: KeyTable<()>,
    pub starter_words: Vec<String>,
    /// Number words by token key (the hot lookup).
    pub number_keys: KeyTable<NumberWord>,
    /// Participles that may name what a number counts ("900 injured").
    pub count_participles: WordSet<&'static str>,
    /// Plurals without an "-s" ending ("people", "dead").
    pub plural_nouns: WordSet<&'static str>,
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut number_words = WordMap::default();
    for line in list_lines(include_str!("../../data/number_words.txt")) {
        let mut parts = line.split_whitespace();
        let (Some(word), Some(value)) = (parts.next(), parts.next()) else { continue };
        let Ok(value) = value.parse::<f64>() else { continue };
        number_words.insert(word, NumberWord { value, scale: parts.next() == Some("scale") });
    }
    let mut units = WordMap::default();
    let mut unit_names = WordMap::default();
    for line in list_lines(include_str!("../../data/units.txt")) {
        let parts: Vec<&str> = line.split_whitespace().collect();
        if let [surface, name, base, factor] = parts[..] {
            let Ok(factor) = factor.parse::<f64>() else { continue };
            let unit = Unit { name, base, factor };
            units.insert(surface, unit);
            unit_names.entry(name).or_insert(unit);
        }
    }
    let mut currencies = WordMap::default();
    for line in list_lines(include_str!("../../data/currencies.txt")) {
        if let Some((surface, code)) = line.split_once(' ') {
            currencies.insert(surface, code.trim());
        }
    }
    let mut approx = Vec::new();
    for line in list_lines(include_str!("../../data/approx_cues.txt")) {
        let Some((kind, phrase)) = line.split_once('\t') else { continue };
        let kind = match kind {
            "over" => Approx::Over,
            "at_least" => Approx::AtLeast,
            "nearly" => Approx::Nearly,
            "under" => Approx::Under,
            "up_to" => Approx::UpTo,
            "about" => Approx::About,
            _ => continue,
        };
        approx.push((phrase.split_whitespace().collect::<Vec<_>>(), kind));
    }
    approx.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
    let mut approx_by_last: WordMap<&'static str, Vec<usize>> = WordMap::default();
    for (index, (words, _)) in approx.iter().enumerate() {
        if let Some(last) = words.last() {
            approx_by_last.entry(last).or_default().push(index);
        }
    }
    let count_stopwords = list_lines(include_str!("../../data/count_stopwords.txt")).collect();
    let count_participles = list_lines(include_str!("../../data/count_participles.txt")).collect();
    let plural_nouns = list_lines(include_str!("../../data/plural_nouns.txt")).collect();
    let mut number_keys = KeyTable::default();
    let mut starter_words: Vec<String> = Vec::new();
    for (w, n) in &number_words {
        starter_words.push(w.to_string());
        number_keys.insert(w, *n);
        if n.scale {
            starter_words.push(format!("{w}s"));
        }
    }
    starter_words.extend(["tens", "a", "an"].map(String::from));
    starter_words.sort();
    let mut starters = KeyTable::default();
    for w in &starter_words {
        starters.insert(w, ());
    }
    Lexicon {
        number_words,
        units,
        unit_names,
        currencies,
        approx,
        approx_by_last,
        count_stopwords,
        starters,
        starter_words,
        number_keys,
        count_participles,
        plural_nouns,
    }
});
