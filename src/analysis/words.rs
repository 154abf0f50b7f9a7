//! A small word scanner shared by the `numbers` and `time` stages: splits a text into
//! words, digit runs and single punctuation marks, as byte spans of the original text,
//! and knows whether two tokens touch or lie across a line break.
//!
//! It is not the document tokenizer (`segment` owns `Doc::tokens`, which drops
//! punctuation): number and date patterns need the punctuation and the exact gaps
//! ("1,175", "2:00:35", "May 8-10", "30-day").

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
}

/// The tokens of a text, with the text they index.
pub struct Tokens<'t> {
    pub text: &'t str,
    pub toks: Vec<Tok>,
}

impl<'t> Tokens<'t> {
    /// Scans `text` into tokens. Linear in the length of the text; never fails.
    pub fn scan(text: &'t str) -> Tokens<'t> {
        let mut toks = Vec::with_capacity(text.len() / 5);
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_digit() {
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                toks.push(Tok { kind: TokKind::Num, start, end: i });
            } else if b.is_ascii_alphabetic() {
                let start = i;
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
                toks.push(Tok { kind: TokKind::Word, start, end: i });
            } else if b.is_ascii_whitespace() {
                i += 1;
            } else if b < 0x80 {
                toks.push(Tok { kind: TokKind::Punct, start: i, end: i + 1 });
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
                    toks.push(Tok { kind: TokKind::Word, start, end: i });
                } else if !ch.is_whitespace() {
                    toks.push(Tok { kind: TokKind::Punct, start, end: i });
                }
            }
        }
        Tokens { text, toks }
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
/// short words. Returns `None` for words longer than the buffer.
pub fn lower<'b>(word: &str, buf: &'b mut [u8; 32]) -> Option<&'b str> {
    if word.len() > buf.len() {
        return None;
    }
    if word.is_ascii() {
        for (d, s) in buf.iter_mut().zip(word.bytes()) {
            *d = s.to_ascii_lowercase();
        }
        std::str::from_utf8(&buf[..word.len()]).ok()
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
