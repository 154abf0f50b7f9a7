//! Generators of adversarial input, shared by `tests/bad_input.rs` and
//! `benches/adversarial.rs`: each makes text of (at least) a given size, deterministic, so
//! nothing big is committed.

#![allow(dead_code)]

/// An article-like paragraph: names, titles, dates, numbers, quotes, multi-byte letters.
pub const ARTICLE: &str = "President Maria Santos said on Monday that 1,200 people had been \
evacuated from Porto Alegre. “We are doing everything we can,” she told reporters in Brasília. \
The United Nations said more than 3,000 homes were damaged, according to Reuters. Mayor \
Sebastião Melo said the river would peak on Saturday, May 4.\n\nThe Ministry of Health \
reported 12 deaths by Friday. “Nobody expected this,” said Ana Gómez, 42.\n";

/// `unit` repeated to at least `bytes` bytes.
pub fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len().max(1) + 1)
}

/// Article paragraphs repeated: the ordinary case, as a baseline.
pub fn articles(bytes: usize) -> String {
    repeat_to(ARTICLE, bytes)
}

/// One line with no sentence end.
pub fn long_line(bytes: usize) -> String {
    repeat_to("officials said the Water Board and twelve people met near the river bank ", bytes)
}

/// Distinct capitalised words in a row ("Ba Ko Di ... Bako ..."), made from syllables.
pub fn capitalised_words(bytes: usize) -> String {
    const SYLLABLES: [&str; 16] =
        ["ba", "ko", "di", "fu", "ge", "la", "mi", "no", "pe", "ru", "sa", "ti", "vo", "we", "ya", "ze"];
    let mut out = String::with_capacity(bytes + 16);
    let mut i = 0usize;
    while out.len() < bytes {
        let start = out.len();
        let mut k = i;
        loop {
            out.push_str(SYLLABLES[k % 16]);
            k /= 16;
            if k == 0 {
                break;
            }
        }
        out[start..start + 1].make_ascii_uppercase();
        out.push(' ');
        i += 1;
    }
    out
}

/// Quotation marks of every kind nested deep: `“‘«"“‘«" ... "»’”"»’”`, with a speech verb.
pub fn nested_quotes(bytes: usize) -> String {
    let depth = bytes / 20 + 1;
    format!("He said {}it{} on Monday.\n", "“‘«\"".repeat(depth), "\"»’”".repeat(depth))
}

/// Opening quotation marks that never close.
pub fn unbalanced_quotes(bytes: usize) -> String {
    format!("“{}\n", repeat_to("She said “maybe ", bytes))
}

/// Closing quotation marks that never opened, and ASCII quotes and apostrophes.
pub fn stray_quotes(bytes: usize) -> String {
    repeat_to("no” way’ ». \"a \" b \"\" c ' d '' ", bytes)
}

/// Elements nested deep around one article.
pub fn nested_html(bytes: usize) -> String {
    let depth = bytes / 24 + 1;
    format!("{}<p>{ARTICLE}</p>{}", "<div><span>".repeat(depth), "</span></div>".repeat(depth))
}

/// Elements that never close, and an unclosed comment at the end.
pub fn unclosed_html(bytes: usize) -> String {
    format!("<html><body>{}{ARTICLE}<!-- <p>hidden</p>", repeat_to("<p><b><i><a href='x'>text ", bytes))
}

/// Pseudo-random bytes (as a binary file would be), decoded lossily.
pub fn binary(bytes: usize) -> String {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let data: Vec<u8> = (0..bytes)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    String::from_utf8_lossy(&data).into_owned()
}

/// Small articles: `bytes / 1 KB` of them, each with its own names and numbers.
pub fn many_articles(bytes: usize) -> Vec<String> {
    (0..bytes / 1024 + 1)
        .map(|i| {
            let town = capitalised_words(12 + i % 7);
            format!(
                "Officials in {town}said {i} people were hurt on Monday. “Stay home,” Mayor Ana Gómez said.\n\n\
                 The Red Cross said more than {} homes were damaged by Friday, May {}. {ARTICLE}",
                i * 3 + 1,
                i % 28 + 1
            )
        })
        .collect()
}
