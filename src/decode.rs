//! Turns a file's bytes into the text the core reads, as both shells do (the CLI and the
//! web page): a UTF-8 byte-order mark is stripped, UTF-16 with a byte-order mark is decoded
//! (without one, when its NUL bytes show it), invalid UTF-8 is decoded as Windows-1252 when
//! the file declares that charset (or ISO 8859-1), else lossily (U+FFFD). Binary files (NUL
//! bytes, or a PNG, PDF, ZIP, GIF or JPEG signature) are refused.
//!
//! Pure functions, no I/O. Offsets in a report are byte offsets into the decoded text, not
//! into the file's bytes. It does not guess other encodings (Shift-JIS, KOI8-R...): those
//! come out with U+FFFD and a warning.

/// Decoded text, with a warning when the decoding was not plain UTF-8.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// How the bytes were read when that may surprise the user (no file name in it).
    pub warning: Option<String>,
}

/// Decodes `bytes`, or says what kind of binary file they are (`Err("a PNG image")`).
pub fn decode(bytes: &[u8]) -> Result<Decoded, &'static str> {
    let plain = |text: String| Decoded { text, warning: None };
    if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        return Ok(plain(decode_utf16(rest, true)));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        return Ok(plain(decode_utf16(rest, false)));
    }
    if let Some(little_endian) = utf16_without_bom(bytes) {
        let order = if little_endian { "LE" } else { "BE" };
        return Ok(Decoded {
            text: decode_utf16(bytes, little_endian),
            warning: Some(format!("no byte-order mark, but it looks like UTF-16{order}; decoded as such")),
        });
    }
    if let Some(kind) = binary_kind(bytes) {
        return Err(kind);
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(plain(text.to_string())),
        Err(_) if declares_latin1(bytes) => Ok(Decoded {
            text: decode_windows_1252(bytes),
            warning: Some("decoded as Windows-1252, the charset it declares".into()),
        }),
        Err(e) => Ok(Decoded {
            text: String::from_utf8_lossy(bytes).into_owned(),
            warning: Some(format!(
                "invalid UTF-8 at byte {}; undecodable bytes were replaced with U+FFFD \
                 (offsets are into the decoded text)",
                e.valid_up_to()
            )),
        }),
    }
}

/// Why a file's bytes cannot be analysed.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"%PDF-", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"PK\x05\x06", "a ZIP archive"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"\xff\xd8\xff", "a JPEG image"),
    ];
    SIGNATURES.iter().find(|(magic, _)| bytes.starts_with(magic)).map(|(_, kind)| *kind).or_else(|| {
        let head = &bytes[..bytes.len().min(8192)];
        head.contains(&0).then_some("a binary file (it contains NUL bytes)")
    })
}

fn decode_utf16(bytes: &[u8], little_endian: bool) -> String {
    let units = bytes.chunks(2).map(|pair| {
        let pair = [pair[0], *pair.get(1).unwrap_or(&0)];
        if little_endian {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect()
}

/// UTF-16 text without a byte-order mark: most bytes of one parity are NUL (the high
/// bytes of Latin text) and almost none of the other. `Some(true)` for little-endian.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let zeros_at = |parity: usize| head.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (zeros_at(0), zeros_at(1));
    if odd * 10 >= pairs * 4 && even * 20 <= pairs {
        Some(true)
    } else if even * 10 >= pairs * 4 && odd * 20 <= pairs {
        Some(false)
    } else {
        None
    }
}

/// True when the start of the file declares a Western single-byte charset
/// (`<meta charset="iso-8859-1">`, `encoding="windows-1252"`, ...).
fn declares_latin1(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    ["charset=", "charset=\"", "charset='", "encoding=\"", "encoding='"].iter().any(|key| {
        head.match_indices(key).any(|(i, _)| {
            let value = &head[i + key.len()..];
            ["iso-8859-1", "iso8859-1", "latin1", "latin-1", "windows-1252", "cp1252", "us-ascii"]
                .iter()
                .any(|charset| value.starts_with(charset))
        })
    })
}

/// Windows-1252 (a superset of ISO 8859-1 in practice, as browsers decode it).
fn decode_windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
        '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}
