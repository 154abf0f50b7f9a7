//! Keys for comparing names: diacritics folded (NFD, combining marks dropped), case folded,
//! curly apostrophes straightened, a leading "the" and a trailing possessive removed, and a
//! looser transliteration key that collapses doubled letters and -iy/-yy/-i endings
//! (Dostoevskyy = Dostoevsky = Dostoevskiy). Does not guess spelling variants beyond that.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The name folded for comparison: "Gómez’s" -> "gomez", "The Kremlin" -> "kremlin",
/// "U.S." -> "u s". Words are separated by single spaces.
pub fn fold(name: &str) -> String {
    if name.is_ascii() {
        return fold_ascii(name.as_bytes());
    }
    fold_chars(name.nfd().filter(|c| !is_combining_mark(*c)), name.len())
}

/// [`fold_chars`] of ASCII text, byte by byte.
fn fold_ascii(name: &[u8]) -> String {
    let mut out = Vec::with_capacity(name.len());
    let mut pending_space = false;
    for &b in name {
        let b = if b == b'`' { b'\'' } else { b };
        if b.is_ascii_alphanumeric() || b == b'\'' {
            if pending_space && !out.is_empty() {
                out.push(b' ');
            }
            pending_space = false;
            out.push(b.to_ascii_lowercase());
        } else {
            pending_space = true;
        }
    }
    trim_folded(String::from_utf8(out).unwrap_or_default())
}

fn fold_chars(chars: impl Iterator<Item = char>, len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut pending_space = false;
    for c in chars {
        let c = match c {
            '\u{2019}' | '\u{2018}' | '`' | '\u{00B4}' => '\'',
            _ => c,
        };
        if c.is_alphanumeric() || c == '\'' {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    trim_folded(out)
}

/// A folded name without its possessive, apostrophes and a leading "the".
fn trim_folded(out: String) -> String {
    let trimmed = out.strip_suffix("'s").or_else(|| out.strip_suffix('\'')).unwrap_or(&out);
    let trimmed = trimmed.strip_prefix("the ").unwrap_or(trimmed);
    if trimmed.len() == out.len() && !out.contains('\'') {
        return out;
    }
    trimmed.replace('\'', "")
}

/// A looser key for transliterated names: folds like [`fold`], then collapses doubled
/// letters, writes `w` as `v`, and reduces word endings `iy`, `yi`, `ij`, `ii` and `i` to
/// `y`. "Dostoevskyy" -> "dostoevsky", "Vishwanath" -> "vishvanath".
pub fn translit_key(name: &str) -> String {
    let folded = fold(name);
    let mut words: Vec<String> = Vec::new();
    for word in folded.split(' ') {
        let mut w = String::with_capacity(word.len());
        let mut prev = None;
        for c in word.chars() {
            let c = if c == 'w' { 'v' } else { c };
            if Some(c) != prev {
                w.push(c);
            }
            prev = Some(c);
        }
        for ending in ["iy", "yi", "ij", "ii"] {
            if w.len() > ending.len() + 2 && w.ends_with(ending) {
                w.truncate(w.len() - ending.len());
                w.push('y');
                break;
            }
        }
        if w.len() > 4 && w.ends_with('i') {
            w.pop();
            w.push('y');
        }
        words.push(w);
    }
    words.join(" ")
}

/// The initials of the capitalised words of a name, skipping short function words:
/// "National Disaster Response Force" -> "NDRF", "Organisation of the Petroleum Exporting
/// Countries" -> "OPEC".
pub fn initials(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// True when `word` is written in capitals only (at least two letters): "NATO", "U.S".
pub fn is_all_caps(word: &str) -> bool {
    let mut letters = 0;
    for c in word.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2
}

/// True when the first letter of `word` is upper case.
pub fn is_capitalised(word: &str) -> bool {
    word.chars().find(|c| c.is_alphanumeric()).is_some_and(|c| c.is_uppercase())
}

/// Levenshtein distance of two short strings, stopping early above `limit`.
pub fn edit_distance_within(a: &str, b: &str, limit: usize) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return false;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] <= limit
}
