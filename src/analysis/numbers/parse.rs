//! Number phrases: digits with separators ("1,175", "2.5", "1,00,000"), with a scale word
//! ("11 billion", "$11bn"), spelled out ("twenty-five", "six and a half", "a dozen",
//! "two hundred and fifty") and vague magnitudes ("hundreds of thousands", "dozens").
//! Used by the numbers stage and by `time` ("three years ago").

use super::lexicon::LEXICON;
use crate::analysis::words::{lower, Tokens};

/// A number phrase: its token range (inclusive) and value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NumPhrase {
    pub first: usize,
    pub last: usize,
    pub value: f64,
    /// Spelled out in words ("three").
    pub spelled: bool,
    /// A vague magnitude ("thousands", "hundreds of thousands"): the value is a floor.
    pub vague: bool,
    /// Just the article "a"/"an" standing for one ("a day earlier").
    pub article: bool,
    /// Written with digit-group separators or a decimal point ("1,175", "2.5").
    pub formatted: bool,
}

/// The lowercase words that can start a number phrase.
pub fn starter_words() -> Vec<String> {
    LEXICON.starter_words.clone()
}

fn number_word(t: &Tokens, i: usize) -> Option<super::lexicon::NumberWord> {
    LEXICON.number_keys.get(t, i).copied()
}

/// The plural vague magnitudes: "dozens", "hundreds", "thousands", "millions", ...
fn vague_word(t: &Tokens, i: usize) -> Option<f64> {
    if !t.is_word(i) {
        return None;
    }
    let mut buf = [0u8; 32];
    let w = lower(t.str(i), &mut buf)?;
    let singular = w.strip_suffix('s')?;
    if singular == "ten" {
        return Some(10.0);
    }
    LEXICON.number_words.get(singular).filter(|n| n.scale).map(|n| n.value)
}

/// Parses the number phrase starting at token `i`, if there is one.
pub fn parse(t: &Tokens, i: usize) -> Option<NumPhrase> {
    if t.is_num(i) {
        return parse_digits(t, i);
    }
    if !LEXICON.starters.contains(t, i) {
        return None;
    }
    if let Some(v) = vague_word(t, i) {
        // "tens" alone is not a number; "tens of thousands" is.
        let mut value = v;
        let mut last = i;
        if t.is(i + 1, "of") {
            if let Some(w) = vague_word(t, i + 2) {
                value *= w;
                last = i + 2;
            }
        }
        if value == 10.0 && last == i {
            return None;
        }
        return Some(NumPhrase {
            first: i,
            last,
            value,
            spelled: true,
            vague: true,
            article: false,
            formatted: false,
        });
    }
    let article = t.is(i, "a") || t.is(i, "an");
    let start = if article { i + 1 } else { i };
    let mut total = 0.0;
    let mut current = 0.0;
    let mut last = None;
    let mut j = start;
    loop {
        if let Some(w) = number_word(t, j) {
            if w.scale {
                let base = if current == 0.0 { 1.0 } else { current };
                if w.value < 1000.0 {
                    current = base * w.value;
                } else {
                    total += base * w.value;
                    current = 0.0;
                }
            } else {
                current += w.value;
            }
            last = Some(j);
            j += 1;
            // "twenty-five", "two hundred and fifty", "six and a half"
            if t.is_punct(j, "-") && t.touches(j - 1) && t.touches(j) && number_word(t, j + 1).is_some() {
                j += 1;
            } else if t.is(j, "and") && number_word(t, j + 1).is_some_and(|w| !w.scale) {
                j += 1;
            } else if t.is(j, "and") && t.is(j + 1, "a") && t.is(j + 2, "half") {
                current += 0.5;
                last = Some(j + 2);
                // "six and a half thousand"
                if let Some(w) = number_word(t, j + 3).filter(|w| w.scale && w.value >= 1000.0) {
                    current *= w.value;
                    last = Some(j + 3);
                }
                break;
            }
        } else {
            break;
        }
    }
    let value = total + current;
    match last {
        Some(last) => Some(NumPhrase {
            first: i,
            last,
            value,
            spelled: true,
            vague: false,
            article: false,
            formatted: false,
        }),
        None if article => {
            // "a half" is not handled; a bare article counts as one for time expressions.
            Some(NumPhrase {
                first: i,
                last: i,
                value: 1.0,
                spelled: true,
                vague: false,
                article: true,
                formatted: false,
            })
        }
        None => None,
    }
}

fn parse_digits(t: &Tokens, i: usize) -> Option<NumPhrase> {
    let plain = !(t.touches(i) && (t.is_punct(i + 1, ",") || t.is_punct(i + 1, ".")));
    if plain {
        let mut value = t.int(i).map(|v| v as f64).or_else(|| t.str(i).parse().ok())?;
        let mut last = i;
        if let Some(w) = number_word(t, i + 1) {
            if w.scale && w.value >= 1000.0 && t.same_line(i) {
                value *= w.value;
                last += 1;
            }
        }
        return Some(NumPhrase {
            first: i,
            last,
            value,
            spelled: false,
            vague: false,
            article: false,
            formatted: false,
        });
    }
    let mut digits = String::from(t.str(i));
    let mut last = i;
    let mut formatted = false;
    // digit groups: "1,175", "1,00,000"
    while t.touches(last)
        && t.is_punct(last + 1, ",")
        && t.touches(last + 1)
        && t.is_num(last + 2)
        && matches!(t.str(last + 2).len(), 2 | 3)
    {
        let group = t.str(last + 2);
        let closes = t.str(last + 2).len() == 3;
        let more =
            t.touches(last + 2) && t.is_punct(last + 3, ",") && t.touches(last + 3) && t.is_num(last + 4);
        if !closes && !more {
            break;
        }
        digits.push_str(group);
        last += 2;
        formatted = true;
    }
    if t.touches(last) && t.is_punct(last + 1, ".") && t.touches(last + 1) && t.is_num(last + 2) {
        digits.push('.');
        digits.push_str(t.str(last + 2));
        last += 2;
        formatted = true;
    }
    let mut value: f64 = digits.parse().ok()?;
    // scale word: "11 billion", "$11bn", "1.5 million"
    if let Some(w) = number_word(t, last + 1) {
        if w.scale && w.value >= 1000.0 && t.same_line(last) {
            value *= w.value;
            last += 1;
        }
    }
    Some(NumPhrase { first: i, last, value, spelled: false, vague: false, article: false, formatted })
}
