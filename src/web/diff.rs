//! A word-level diff of two wordings of the same quote (for `quote_wording`
//! disagreements): the longest common subsequence of words, compared without case and
//! punctuation, so "peace," and "Peace" match.
//!
//! Quotes are short; past [`MAX_CELLS`] word pairs the diff gives up and marks both
//! sides as wholly different rather than spend quadratic time.

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
    let mut same_a = vec![false; n];
    let mut same_b = vec![false; m];
    if n.saturating_mul(m) <= MAX_CELLS {
        // lcs[i][j] = LCS length of a[i..] and b[j..].
        let mut lcs = vec![0u32; (n + 1) * (m + 1)];
        let at = |i: usize, j: usize| i * (m + 1) + j;
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[at(i, j)] = if ka[i] == kb[j] {
                    lcs[at(i + 1, j + 1)] + 1
                } else {
                    lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n && j < m {
            if ka[i] == kb[j] {
                same_a[i] = true;
                same_b[j] = true;
                i += 1;
                j += 1;
            } else if lcs[at(i + 1, j)] >= lcs[at(i, j + 1)] {
                i += 1;
            } else {
                j += 1;
            }
        }
    }
    let mark = |ws: Vec<&'a str>, same: Vec<bool>| -> Vec<Word<'a>> {
        ws.into_iter().zip(same).map(|(text, same)| Word { text, changed: !same }).collect()
    };
    let left = mark(wa, same_a);
    let right = wb.into_iter().zip(same_b).map(|(text, same)| Word { text, changed: !same }).collect();
    (left, right)
}
