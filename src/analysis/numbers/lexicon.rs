//! The word lists of the numbers stage (from `src/data/`), parsed once into lookup tables.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::Approx;
use crate::analysis::words::list_lines;

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
    pub number_words: HashMap<&'static str, NumberWord>,
    pub units: HashMap<&'static str, Unit>,
    /// Units by their normalized name (to find the base of a `Quantity::unit`).
    pub unit_names: HashMap<&'static str, Unit>,
    /// Currency surfaces: symbols and codes (case-sensitive) and names (lowercase).
    pub currencies: HashMap<&'static str, &'static str>,
    /// Approximation cues, as lowercase word sequences, longest first.
    pub approx: Vec<(Vec<&'static str>, Approx)>,
    pub count_stopwords: std::collections::HashSet<&'static str>,
    /// Participles that may name what a number counts ("900 injured").
    pub count_participles: std::collections::HashSet<&'static str>,
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut number_words = HashMap::new();
    for line in list_lines(include_str!("../../data/number_words.txt")) {
        let mut parts = line.split_whitespace();
        let (Some(word), Some(value)) = (parts.next(), parts.next()) else { continue };
        let Ok(value) = value.parse::<f64>() else { continue };
        number_words.insert(word, NumberWord { value, scale: parts.next() == Some("scale") });
    }
    let mut units = HashMap::new();
    let mut unit_names = HashMap::new();
    for line in list_lines(include_str!("../../data/units.txt")) {
        let parts: Vec<&str> = line.split_whitespace().collect();
        if let [surface, name, base, factor] = parts[..] {
            let Ok(factor) = factor.parse::<f64>() else { continue };
            let unit = Unit { name, base, factor };
            units.insert(surface, unit);
            unit_names.entry(name).or_insert(unit);
        }
    }
    let mut currencies = HashMap::new();
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
    let count_stopwords = list_lines(include_str!("../../data/count_stopwords.txt")).collect();
    let count_participles = list_lines(include_str!("../../data/count_participles.txt")).collect();
    Lexicon { number_words, units, unit_names, currencies, approx, count_stopwords, count_participles }
});
