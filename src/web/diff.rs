//! A word-level diff of two wordings of the same quote (for `quote_wording`
//! disagreements): the longest common subsequence of words, compared without case and
//! punctuation, so "peace," and "Peace" match.
//!
//! The common subsequence is the core's ([`lcs_keep`]), so the page and the report's
//! explanations diff alike.
//!
//! Quotes are short; past [`MAX_CELLS`] word pairs the diff gives up and marks both
//! sides as wholly different rather than spend quadratic time.
//!
//! [`runs`] joins neighbouring words of one kind, so a view renders a node per run of
//! changed or unchanged words, not one per word.

use crate::analysis::conflicts::lcs_keep;

/// One word (with the spaces and punctuation around it) of one side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: &'a str,
    /// True when the other side has no matching word here.
    pub changed: bool,
}

pub const MAX_CELLS: usize = 250_000;

fn words(text: &str) -> Vec<&str> {
    // Split after each run of whitespace, keeping the whitespace with the word before it.
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            in_space = true;
        } else if in_space {
            out.push(&text[start..i]);
            start = i;
            in_space = false;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

fn key(word: &str) -> String {
    word.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The words of `a` and of `b`, each marked changed or not.
pub fn word_diff<'a, 'b>(a: &'a str, b: &'b str) -> (Vec<Word<'a>>, Vec<Word<'b>>) {
    let (wa, wb) = (words(a), words(b));
    let (ka, kb): (Vec<String>, Vec<String>) =
        (wa.iter().map(|w| key(w)).collect(), wb.iter().map(|w| key(w)).collect());
    let (n, m) = (wa.len(), wb.len());
    let (same_a, same_b) =
        if n.saturating_mul(m) <= MAX_CELLS { lcs_keep(&ka, &kb) } else { (vec![false; n], vec![false; m]) };
    let mark = |ws: Vec<&'a str>, same: Vec<bool>| -> Vec<Word<'a>> {
        ws.into_iter().zip(same).map(|(text, same)| Word { text, changed: !same }).collect()
    };
    let left = mark(wa, same_a);
    let right = wb.into_iter().zip(same_b).map(|(text, same)| Word { text, changed: !same }).collect();
    (left, right)
}

/// A run of neighbouring words all changed or all unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub changed: bool,
}

/// The words joined into runs; the runs' texts, in order, are the words' texts.
pub fn runs(words: &[Word<'_>]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for w in words {
        match out.last_mut() {
            Some(run) if run.changed == w.changed => run.text.push_str(w.text),
            _ => out.push(Run { text: w.text.to_string(), changed: w.changed }),
        }
    }
    out
}
