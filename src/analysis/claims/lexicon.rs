//! Word-level helpers shared by claims, alignment and conflicts: folding (case, diacritics,
//! curly apostrophes, possessives), a light suffix stemmer, and the word lists of
//! `src/data/` (stopwords, speech verbs, speaker titles, negations, antonyms, paraphrase
//! groups). It finds nothing by itself and knows no event's words: every list is general
//! English.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// The non-comment, non-empty lines of a data file.
fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn set(data: &'static str) -> HashSet<&'static str> {
    entries(data).collect()
}

static STOPWORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../../data/stopwords.txt")));
static SPEECH_VERBS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../../data/speech_verbs.txt")));
static TITLES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../../data/speaker_titles.txt")));
static GENERIC_COUNT_NOUNS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../../data/generic_count_nouns.txt")));
static APPROXIMATORS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../../data/approximators.txt")));
static SEVERE_TOPICS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../../data/severe_topics.txt")));
/// The stems of the casualty words, so other forms of them count too ("killing", "injuring").
static SEVERE_STEMS: LazyLock<HashSet<String>> =
    LazyLock::new(|| SEVERE_TOPICS.iter().map(|w| stem(w)).collect());
static MEASURE_UNITS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../../data/measure_units.txt")));
/// Month names and abbreviations (`number name abbreviation...` per line).
static MONTHS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    entries(include_str!("../../data/months.txt"))
        .flat_map(str::split_whitespace)
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .collect()
});
static NEGATIONS: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
    entries(include_str!("../../data/negations.txt")).map(|l| l.split_whitespace().collect()).collect()
});
/// Stem -> the stems of its opposites.
static ANTONYMS: LazyLock<HashMap<String, Vec<String>>> = LazyLock::new(|| {
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    for line in entries(include_str!("../../data/antonyms.txt")) {
        if let Some((a, b)) = line.split_once('|') {
            let (a, b) = (stem(a.trim()), stem(b.trim()));
            map.entry(a.clone()).or_default().push(b.clone());
            map.entry(b).or_default().push(a);
        }
    }
    map
});
/// Stem -> the stem of its paraphrase group's first word.
static SYNONYMS: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for line in entries(include_str!("../../data/synonyms.txt")) {
        let mut words = line.split('|').map(|w| stem(w.trim()));
        if let Some(head) = words.next() {
            for w in words {
                map.entry(w).or_insert_with(|| head.clone());
            }
            map.entry(head.clone()).or_insert(head);
        }
    }
    map
});

/// Lowercase, without diacritics, curly apostrophes straightened, possessive `'s` dropped.
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        let mut out = word.to_ascii_lowercase();
        if out.ends_with("'s") && out.len() > 2 {
            out.truncate(out.len() - 2);
        }
        return out;
    }
    let mut out: String = word
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| if c == '\u{2019}' || c == '\u{2018}' { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect();
    if out.ends_with("'s") && out.len() > 2 {
        out.truncate(out.len() - 2);
    }
    out
}

/// A light suffix stemmer for folded English words: consistent rather than linguistic
/// ("proposed", "proposes", "proposing" -> "propos"). British "-ise" spellings stem as the
/// American "-ize" ones ("criticised", "criticized"), and a noun in "-ment" as its verb
/// ("impeachment", "impeached"; "agreement", "agreed").
pub fn stem(folded: &str) -> String {
    if folded.len() <= 3 || !folded.is_ascii() {
        return folded.to_string();
    }
    let american = ["ise", "ised", "ises", "ising", "isation", "isations"]
        .iter()
        .find_map(|suffix| folded.strip_suffix(suffix).map(|base| format!("{base}iz{}", &suffix[2..])));
    let w = american.as_deref().unwrap_or(folded);
    let mut s = if let Some(b) = w.strip_suffix("ies") {
        format!("{b}y")
    } else if let Some(b) = w.strip_suffix("ied") {
        format!("{b}y")
    } else if w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") {
        w.to_string()
    } else if let Some(b) = w.strip_suffix("ing").filter(|b| b.len() >= 3) {
        b.to_string()
    } else if let Some(b) = w.strip_suffix("ed").filter(|b| b.len() >= 3) {
        b.to_string()
    } else if let Some(b) =
        w.strip_suffix("es").filter(|b| b.ends_with("sh") || b.ends_with("ch") || b.ends_with('x'))
    {
        b.to_string()
    } else if let Some(b) = w.strip_suffix('s') {
        b.to_string()
    } else {
        w.to_string()
    };
    // "settlement" -> "settle" (then "settl", as "settled"); short words keep it ("moment").
    if s.len() >= 8 && s.ends_with("ment") {
        s.truncate(s.len() - 4);
    }
    let bytes = s.as_bytes();
    let n = bytes.len();
    if n >= 4 && bytes[n - 1] == bytes[n - 2] && !b"aeiouls".contains(&bytes[n - 1]) {
        s.pop();
    }
    if s.len() >= 4 && (s.ends_with('e') || s.ends_with('y')) {
        s.pop();
    }
    s
}

/// The stem standing for `stem`'s paraphrase group (itself when it has none).
pub fn canonical(stem: &str) -> &str {
    SYNONYMS.get(stem).map(String::as_str).unwrap_or(stem)
}

pub fn is_stopword(folded: &str) -> bool {
    STOPWORDS.contains(folded)
}

pub fn is_speech_verb(folded: &str) -> bool {
    SPEECH_VERBS.contains(folded)
}

/// True for a one-word speaker title ("president", "spokesperson").
pub fn is_title(folded: &str) -> bool {
    TITLES.contains(folded)
}

/// True for a counted noun too general to identify what a number counts ("people").
pub fn is_generic_count_noun(folded: &str) -> bool {
    GENERIC_COUNT_NOUNS.contains(folded)
}

/// True for a unit of measure or a currency ("km", "percent", "USD", "€"), as opposed to a
/// counted noun ("people").
pub fn is_measure_unit(unit: &str) -> bool {
    let lower = unit.to_lowercase();
    MEASURE_UNITS.contains(lower.as_str())
        || (unit.len() == 3 && unit.chars().all(|c| c.is_ascii_uppercase()))
        || unit.chars().any(|c| !c.is_alphanumeric() && c != ' ' && c != '-')
}

/// True for a month name or abbreviation ("june", "sept").
pub fn is_month(folded: &str) -> bool {
    MONTHS.contains(folded.trim_end_matches('.'))
}

/// True for a hedge or filler word around a number ("approximately", "at", "least").
pub fn is_approximator(folded: &str) -> bool {
    APPROXIMATORS.contains(folded)
}

/// True for a word about casualties or people harmed ("killed", "injured").
pub fn is_severe_topic(folded: &str) -> bool {
    SEVERE_TOPICS.contains(folded)
}

/// True for a word whose stem is that of a casualty word ("killing" as "killed").
pub fn is_severe_form(folded: &str) -> bool {
    SEVERE_TOPICS.contains(folded) || SEVERE_STEMS.contains(&stem(folded))
}

/// True when `stem_a` and `stem_b` are listed as opposites.
pub fn are_antonyms(stem_a: &str, stem_b: &str) -> bool {
    ANTONYMS.get(stem_a).is_some_and(|v| v.iter().any(|x| x == stem_b))
}

/// The number of negation cues in a sequence of folded words (multi-word cues count once).
pub fn negation_count<S: AsRef<str>>(folded: &[S]) -> usize {
    let mut count = 0;
    let mut i = 0;
    while i < folded.len() {
        let hit = NEGATIONS.iter().find(|cue| {
            folded.len() - i >= cue.len() && cue.iter().zip(&folded[i..]).all(|(a, b)| *a == b.as_ref())
        });
        match hit {
            Some(cue) => {
                count += 1;
                i += cue.len();
            }
            None => {
                if folded[i].as_ref().ends_with("n't") {
                    count += 1;
                }
                i += 1;
            }
        }
    }
    count
}

/// True for a word that negates on its own ("not", "never", "no").
pub fn is_negation_word(folded: &str) -> bool {
    NEGATIONS.iter().any(|cue| cue.len() == 1 && cue[0] == folded) || folded.ends_with("n't")
}

/// One word of a text: its byte range (relative to the text) and folded form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub folded: String,
}

/// The words of `text` (Unicode word boundaries), folded. Latin text goes through the
/// segmenter's own UAX #29 scanner, which gives the same words faster.
pub fn words(text: &str) -> Vec<Word> {
    if let Some(spans) = super::super::segment::simple_words(text) {
        return spans
            .into_iter()
            .map(|s| Word { start: s.start, end: s.end, folded: fold(&text[s.range()]) })
            .collect();
    }
    text.unicode_word_indices().map(|(i, w)| Word { start: i, end: i + w.len(), folded: fold(w) }).collect()
}

/// How many words [`words`] finds in `text` (the same count, without folding them).
pub fn word_count(text: &str) -> usize {
    match super::super::segment::simple_words(text) {
        Some(spans) => spans.len(),
        None => text.unicode_word_indices().count(),
    }
}

/// True when a folded word carries content: not a stopword and not only digits/punctuation.
pub fn is_content(folded: &str) -> bool {
    !is_stopword(folded) && folded.chars().any(char::is_alphabetic) && folded.chars().count() > 1
}

/// The canonical stems of the content words of `text`, in order (duplicates kept).
pub fn content_stems(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .filter(|w| is_content(&w.folded))
        .map(|w| canonical(&stem(&w.folded)).to_string())
        .collect()
}
