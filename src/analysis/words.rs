//! A small word scanner shared by the `numbers` and `time` stages: splits a text into
//! words, digit runs and single punctuation marks, as byte spans of the original text,
//! and knows whether two tokens touch or lie across a line break.
//!
//! It is not the document tokenizer (`segment` owns `Doc::tokens`, which drops
//! punctuation): number and date patterns need the punctuation and the exact gaps
//! ("1,175", "2:00:35", "May 8-10", "30-day").

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A fast, non-cryptographic hasher for the small static word tables (the FxHash
/// multiply-rotate scheme): word lookups are on the hot path of every stage that uses them.
#[derive(Default, Clone, Copy)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            h = (h.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
        self.0 = h;
    }

    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

const KEY_MUL: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// [`key_of`] for a word of ASCII letters only: eight letters at a time (a letter's
/// lowercase is `b | 0x20`).
fn ascii_key(word: &[u8]) -> u64 {
    let mut h: u64 = word.len() as u64;
    let mut chunks = word.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]) | 0x2020_2020_2020_2020;
        h = (h.rotate_left(5) ^ v).wrapping_mul(KEY_MUL);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        // The last bytes as a little-endian word (no call to copy a short slice).
        let v = rest.iter().rev().fold(0u64, |v, &b| v << 8 | u64::from(b));
        let v = v | (0x2020_2020_2020_2020 >> (8 * (8 - rest.len())));
        h = (h.rotate_left(5) ^ v).wrapping_mul(KEY_MUL);
    }
    h | 1
}

/// SWAR masks over eight bytes (little-endian: the first byte is the lowest).
const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` that is an ASCII letter (`digits`: or an ASCII digit).
#[inline]
fn ascii_word_bytes(x: u64, digits: bool) -> u64 {
    // Seven-bit values: no sum below carries into the next byte.
    let low = x & !HIGHS;
    let within = |v: u64, lo: u8, hi: u8| {
        v.wrapping_add(ONES * u64::from(0x80 - lo)) & !v.wrapping_add(ONES * u64::from(0x7F - hi))
    };
    let mut bits = within(low | (ONES * 0x20), b'a', b'z');
    if digits {
        bits |= within(low, b'0', b'9');
    }
    bits & !x & HIGHS
}

/// The end of the run of ASCII letters (`digits`: letters and digits) that starts at
/// byte `i` of `bytes` (`i` itself when there is none), eight bytes at a time.
#[inline]
pub(crate) fn ascii_run_end(bytes: &[u8], mut i: usize, digits: bool) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes([
            chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
        ]);
        let others = !ascii_word_bytes(x, digits) & HIGHS;
        if others != 0 {
            return i + (others.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    let is_word = |b: &u8| if digits { b.is_ascii_alphanumeric() } else { b.is_ascii_alphabetic() };
    bytes[i..].iter().position(|b| !is_word(b)).map_or(bytes.len(), |k| i + k)
}

/// The lookup key of a word: a hash of its lowercase form (see [`Tok::key`]), never 0.
pub fn key_of(word: &str) -> u64 {
    const K: u64 = KEY_MUL;
    let mut h: u64 = word.len() as u64;
    if word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return ascii_key(word.as_bytes());
    } else {
        for ch in word.chars().flat_map(char::to_lowercase) {
            h = (h.rotate_left(5) ^ ch as u64).wrapping_mul(K);
        }
    }
    h | 1
}

/// A table of words looked up by token key: one probe per token, no lowercasing
/// (open addressing on the key's top bits). Each entry keeps its word, and a hit is
/// checked against the token's text.
pub struct KeyTable<V> {
    slots: Vec<(u64, usize)>,
    entries: Vec<(Box<str>, V)>,
    shift: u32,
}

impl<V> Default for KeyTable<V> {
    fn default() -> Self {
        KeyTable { slots: vec![(0, 0); 64], entries: Vec::new(), shift: 64 - 6 }
    }
}

impl<V> KeyTable<V> {
    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// Adds a lowercase word (a word already present keeps its first value).
    pub fn insert(&mut self, word: &str, value: V) {
        if (self.entries.len() + 1) * 4 > self.slots.len() {
            let bits = 64 - self.shift + 1;
            let old = std::mem::replace(&mut self.slots, vec![(0, 0); 1 << bits]);
            self.shift = 64 - bits;
            for (key, index) in old.into_iter().filter(|(k, _)| *k != 0) {
                self.place(key, index);
            }
        }
        let key = key_of(word);
        if self.find(key).is_none() {
            self.entries.push((word.into(), value));
            self.place(key, self.entries.len() - 1);
        }
    }

    fn place(&mut self, key: u64, index: usize) {
        let mask = self.slots.len() - 1;
        let mut s = self.slot(key);
        while self.slots[s].0 != 0 {
            s = (s + 1) & mask;
        }
        self.slots[s] = (key, index);
    }

    fn find(&self, key: u64) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let mut s = self.slot(key);
        loop {
            match self.slots[s] {
                (0, _) => return None,
                (k, index) if k == key => return Some(index),
                _ => s = (s + 1) & mask,
            }
        }
    }

    /// The entry for token `i` of `t`, if it is a word of the table (any case).
    pub fn get(&self, t: &Tokens, i: usize) -> Option<&V> {
        let tok = t.toks.get(i)?;
        if tok.key == 0 {
            return None;
        }
        let (word, v) = &self.entries[self.find(tok.key)?];
        let s = &t.text[tok.start..tok.end];
        (s.eq_ignore_ascii_case(word) || s.to_lowercase() == **word).then_some(v)
    }

    /// The entry for `word`, if it is a word of the table: `word` in any ASCII case, or
    /// already lower case (non-ASCII words must be lowercased first).
    pub fn get_word(&self, word: &str) -> Option<&V> {
        let (entry, v) = &self.entries[self.find(key_of(word))?];
        word.eq_ignore_ascii_case(entry).then_some(v)
    }

    pub fn contains(&self, t: &Tokens, i: usize) -> bool {
        self.get(t, i).is_some()
    }
}

/// A map keyed by words, with the fast hasher.
pub type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;
/// A set of words, with the fast hasher.
pub type WordSet<K> = HashSet<K, BuildHasherDefault<WordHasher>>;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    /// A run of letters (any script).
    Word,
    /// A run of ASCII digits.
    Num,
    /// One character that is neither a letter, a digit nor a space.
    Punct,
}

/// A token: its kind and byte range in the text it was scanned from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tok {
    pub kind: TokKind,
    pub start: usize,
    pub end: usize,
    /// Words: [`key_of`] the word (never 0); other tokens: 0.
    pub key: u64,
}

/// The tokens of a text, with the text they index.
pub struct Tokens<'t> {
    pub text: &'t str,
    pub toks: Vec<Tok>,
}

/// What a byte starts in [`Tokens::scan`]: an ASCII digit, letter, space or other ASCII
/// character, or (any other byte) a non-ASCII character.
const BYTE_CLASSES: [u8; 256] = {
    let mut classes = [NON_ASCII; 256];
    let mut b: u8 = 0;
    while b < 0x80 {
        classes[b as usize] = if b.is_ascii_digit() {
            DIGIT
        } else if b.is_ascii_alphabetic() {
            LETTER
        } else if b.is_ascii_whitespace() {
            SPACE
        } else {
            OTHER_ASCII
        };
        b += 1;
    }
    classes
};
const DIGIT: u8 = 0;
const LETTER: u8 = 1;
const SPACE: u8 = 2;
const OTHER_ASCII: u8 = 3;
const NON_ASCII: u8 = 4;

impl<'t> Tokens<'t> {
    /// Scans `text` into tokens. Linear in the length of the text; never fails.
    pub fn scan(text: &'t str) -> Tokens<'t> {
        let mut toks = Vec::with_capacity(text.len() / 5);
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let class = BYTE_CLASSES[usize::from(bytes[i])];
            if class == DIGIT {
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                toks.push(Tok { kind: TokKind::Num, start, end: i, key: 0 });
            } else if class == LETTER {
                let start = i;
                i = ascii_run_end(bytes, i, false);
                if i >= bytes.len() || bytes[i] < 0x80 {
                    let key = ascii_key(&bytes[start..i]);
                    toks.push(Tok { kind: TokKind::Word, start, end: i, key });
                    continue;
                }
                while i < bytes.len() {
                    let c = bytes[i];
                    if c.is_ascii_alphabetic() {
                        i += 1;
                    } else if c >= 0x80 {
                        let ch = text[i..].chars().next().unwrap_or(' ');
                        if !ch.is_alphabetic() {
                            break;
                        }
                        i += ch.len_utf8();
                    } else {
                        break;
                    }
                }
                toks.push(Tok { kind: TokKind::Word, start, end: i, key: key_of(&text[start..i]) });
            } else if class == SPACE {
                i += 1;
            } else if class == OTHER_ASCII {
                toks.push(Tok { kind: TokKind::Punct, start: i, end: i + 1, key: 0 });
                i += 1;
            } else {
                let ch = text[i..].chars().next().unwrap_or(' ');
                let start = i;
                i += ch.len_utf8();
                if ch.is_alphabetic() {
                    while i < bytes.len() {
                        let ch = text[i..].chars().next().unwrap_or(' ');
                        if !ch.is_alphabetic() {
                            break;
                        }
                        i += ch.len_utf8();
                    }
                    toks.push(Tok { kind: TokKind::Word, start, end: i, key: key_of(&text[start..i]) });
                } else if !ch.is_whitespace() {
                    toks.push(Tok { kind: TokKind::Punct, start, end: i, key: 0 });
                }
            }
        }
        Tokens { text, toks }
    }

    /// The tokens of `text`: `toks` when it holds them (a scan of this text kept
    /// earlier), else a new scan.
    pub fn of(text: &'t str, toks: Vec<Tok>) -> Tokens<'t> {
        if toks.is_empty() {
            Tokens::scan(text)
        } else {
            Tokens { text, toks }
        }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// The text of token `i` (empty when out of range).
    pub fn str(&self, i: usize) -> &'t str {
        self.toks.get(i).map_or("", |t| &self.text[t.start..t.end])
    }

    pub fn kind(&self, i: usize) -> Option<TokKind> {
        self.toks.get(i).map(|t| t.kind)
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(TokKind::Word)
    }

    pub fn is_num(&self, i: usize) -> bool {
        self.kind(i) == Some(TokKind::Num)
    }

    /// True when token `i` is the punctuation mark `c`.
    pub fn is_punct(&self, i: usize, c: &str) -> bool {
        self.kind(i) == Some(TokKind::Punct) && self.str(i) == c
    }

    /// True when token `i` is a word equal to `w` ignoring ASCII case.
    pub fn is(&self, i: usize, w: &str) -> bool {
        self.is_word(i) && self.str(i).eq_ignore_ascii_case(w)
    }

    /// True when tokens `i` and `i + 1` touch (no space between them).
    pub fn touches(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// True when tokens `i` and `i + 1` are on the same line (only spaces between them).
    pub fn same_line(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => !self.text[a.end..b.start].contains('\n'),
            _ => false,
        }
    }

    /// True when token `i` starts with an uppercase letter.
    pub fn is_capitalized(&self, i: usize) -> bool {
        self.is_word(i) && self.str(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// The numeric value of a digit token (saturating on absurd lengths).
    pub fn int(&self, i: usize) -> Option<u64> {
        if !self.is_num(i) {
            return None;
        }
        let s = self.str(i);
        if s.len() > 15 {
            return None;
        }
        s.parse().ok()
    }

    /// The byte range from the start of token `a` to the end of token `b` (inclusive).
    pub fn span(&self, a: usize, b: usize) -> super::text::Span {
        super::text::Span::new(self.toks[a].start, self.toks[b].end)
    }
}

/// Lowercases an ASCII-ish word into `buf` for a table lookup, without allocating for
/// short words (an ASCII word without capitals is returned as it is). Returns `None` for
/// words longer than the buffer.
pub fn lower<'b>(word: &'b str, buf: &'b mut [u8; 32]) -> Option<&'b str> {
    if word.len() > buf.len() {
        return None;
    }
    if word.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return Some(word);
    }
    if word.is_ascii() {
        let out = &mut buf[..word.len()];
        out.copy_from_slice(word.as_bytes());
        out.make_ascii_lowercase();
        std::str::from_utf8(out).ok()
    } else {
        let mut n = 0;
        for ch in word.chars().flat_map(char::to_lowercase) {
            let mut tmp = [0u8; 4];
            let s = ch.encode_utf8(&mut tmp);
            if n + s.len() > buf.len() {
                return None;
            }
            buf[n..n + s.len()].copy_from_slice(s.as_bytes());
            n += s.len();
        }
        std::str::from_utf8(&buf[..n]).ok()
    }
}

/// The non-comment, non-empty lines of an include_str!'d word list.
pub fn list_lines(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}
