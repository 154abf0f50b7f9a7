//! Numbers and quantities: values, units and approximations.
//!
//! Finds digits with separators ("1,175", "2.5"), spelled-out numbers ("three",
//! "twenty-five", "six and a half", "a dozen"), scales ("$11 billion" = 11e9 USD), vague
//! magnitudes ("hundreds of thousands": from 100,000 to under 20 times it, marked `over`
//! and `vague`), money (`$`, `€`, `£`,
//! `₹`, "Rs", "USD", "rupees"), percentages, durations ("30-day", "three years",
//! "180 days"; compound "three minutes and 27 seconds"), race times ("2:00:35" = 7235
//! seconds), and the counted noun as unit ("730 violations" -> unit "violations"). Hedges
//! before a number ("over", "more than", "at least", "nearly", "about", "up to", ...,
//! from `src/data/approx_cues.txt`) become [`Approx`]; the span covers the hedge, the
//! number and its unit.
//!
//! Not quantities, and left out: years and other parts of date expressions (the `time`
//! stage claims them first; pass their spans as `exclude`), ordinals ("80th", "third"),
//! clock times ("4:21 pm", "13:02 IST", "6.55 p.m."), identifiers (a bare number glued
//! to a word, "COVID-19", "MH17", or followed by a capitalized name, "12841
//! Shalimar-Chennai Express"), numbers with seven or more plain digits (phone numbers,
//! ids), a lone "one" that counts nothing ("one of the").
//!
//! For comparisons across articles (the conflicts stage): [`Quantity::normalized`] gives
//! the value in the base unit of its dimension (durations in days, lengths in metres, ...),
//! [`Quantity::interval`] the range the hedge allows, and [`comparable`] / [`contradicts`]
//! decide whether two quantities can disagree ("over 730" does not contradict "730";
//! "180 days" does not contradict "six months").

mod lexicon;
pub mod parse;

use serde::{Deserialize, Serialize};

use super::text::{Doc, Span};
use super::words::{lower, TokKind, Tokens};
use lexicon::LEXICON;
use parse::NumPhrase;

/// How a number is hedged in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Approx {
    /// "over", "more than", "above": the value is a floor (also set on vague magnitudes,
    /// "thousands", which [`Quantity::vague`] bounds).
    Over,
    /// "at least", "no fewer than"
    AtLeast,
    /// "nearly", "almost", "close to": a little below the value.
    Nearly,
    /// "under", "less than", "fewer than": below the value.
    Under,
    /// "up to", "at most": the value is a ceiling.
    UpTo,
    /// "about", "around", "some", "approximately"
    About,
}

impl Approx {
    pub fn as_str(self) -> &'static str {
        match self {
            Approx::Over => "over",
            Approx::AtLeast => "at least",
            Approx::Nearly => "nearly",
            Approx::Under => "under",
            Approx::UpTo => "up to",
            Approx::About => "about",
        }
    }
}

/// How far above its magnitude a vague figure reaches: "thousands" is 1,000 to under
/// 20,000 (an outlet saying "thousands" where another counts 200,000 disagrees with it).
pub const VAGUE_SPAN: f64 = 20.0;

/// A number or quantity found in a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    pub span: Span,
    pub value: f64,
    /// The unit or counted noun, normalized: an ISO currency code ("USD"), "percent", a
    /// unit of measure ("days", "km", "seconds", "years old"), or the counted noun as
    /// written, lowercased ("violations", "people").
    pub unit: Option<String>,
    pub approx: Option<Approx>,
    /// A vague magnitude ("thousands", "hundreds of thousands"): `value` is the magnitude
    /// (1,000; 100,000), `approx` is `Over`, and [`Quantity::interval`] reads it as the
    /// figures a writer would call so: from the magnitude to under twenty times it (past
    /// that, "tens of thousands" is the word).
    pub vague: bool,
}

impl Quantity {
    /// The value in the base unit of its dimension, with that base: durations in days,
    /// lengths in metres, masses in kilograms (see `src/data/units.txt`). Other units
    /// (currencies, counted nouns) are their own base; no unit gives `None`.
    pub fn normalized(&self) -> (f64, Option<&str>) {
        match self.unit.as_deref() {
            Some(u) => match LEXICON.unit_names.get(u) {
                Some(unit) => (self.value * unit.factor, Some(unit.base)),
                None => (self.value, Some(u)),
            },
            None => (self.value, None),
        }
    }

    /// The range of base-unit values the text allows, from the hedge and the unit's
    /// precision ("six months" is 182.6 days give or take half a month's rounding).
    pub fn interval(&self) -> (f64, f64) {
        let (x, _) = self.normalized();
        let slack = match self.unit.as_deref().and_then(|u| LEXICON.unit_names.get(u)) {
            // months and years vary in length: a month is 28 to 31 days
            Some(unit) if unit.factor.fract() != 0.0 && unit.base == "days" && unit.factor > 1.0 => 0.05,
            _ => 0.0,
        };
        let (lo, hi) = (x * (1.0 - slack), x * (1.0 + slack));
        if self.vague {
            return (lo, hi * VAGUE_SPAN);
        }
        match self.approx {
            None => (lo, hi),
            Some(Approx::Over | Approx::AtLeast) => (lo, f64::INFINITY),
            Some(Approx::Nearly) => (lo * 0.8, hi),
            Some(Approx::Under | Approx::UpTo) => (0.0, hi),
            Some(Approx::About) => (lo * 0.8, hi * 1.2),
        }
    }
}

/// True when the two quantities measure the same thing in compatible units: the same
/// base unit (days and months, km and miles), the same currency, the same counted noun
/// (singular or plural), or both bare numbers.
pub fn comparable(a: &Quantity, b: &Quantity) -> bool {
    let (_, ua) = a.normalized();
    let (_, ub) = b.normalized();
    match (ua, ub) {
        (Some(x), Some(y)) => x == y || singular(x) == singular(y),
        (None, None) => true,
        _ => false,
    }
}

fn singular(noun: &str) -> &str {
    noun.strip_suffix("es")
        .filter(|s| s.ends_with("ch") || s.ends_with("sh"))
        .unwrap_or_else(|| noun.strip_suffix('s').filter(|s| !s.ends_with('s')).unwrap_or(noun))
}

/// True when two comparable quantities cannot both be true: their intervals do not
/// meet. "over 730" and "730" agree; "730" and "488" contradict; "180 days" and "six
/// months" agree; "at least 8" and "12" agree.
pub fn contradicts(a: &Quantity, b: &Quantity) -> bool {
    if !comparable(a, b) {
        return false;
    }
    let (alo, ahi) = a.interval();
    let (blo, bhi) = b.interval();
    let eps = 1e-9 * (alo.abs() + blo.abs() + 1.0);
    ahi + eps < blo || bhi + eps < alo
}

/// Finds the numbers and quantities of one document, leaving out the spans of its date
/// expressions (`doc.dates`, filled by the time stage when it ran first).
pub fn extract(doc: &mut Doc) {
    let exclude: Vec<Span> = doc.dates.iter().map(|d| d.span).collect();
    let t = Tokens::of(&doc.text, std::mem::take(&mut doc.scan));
    let mut found = find_tokens(&t, &exclude);
    found.retain(|q| !doc.is_chrome(q.span));
    doc.numbers = found;
}

/// Finds the quantities of `text`, skipping numbers that overlap a span of `exclude`
/// (sorted by start).
pub fn find(text: &str, exclude: &[Span]) -> Vec<Quantity> {
    find_tokens(&Tokens::scan(text), exclude)
}

/// [`find`] on the scanner tokens of a text.
fn find_tokens(t: &Tokens, exclude: &[Span]) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut ex = 0;
    while i < t.len() {
        let tok = t.toks[i];
        while ex < exclude.len() && exclude[ex].end <= tok.start {
            ex += 1;
        }
        if ex < exclude.len() && exclude[ex].start < tok.end {
            i += 1;
            continue;
        }
        // What `quantity_at` finds nothing at, without its work: a word that starts no
        // number phrase and cannot be a currency code (not capitalised), or punctuation
        // before no digits.
        let nothing = match tok.kind {
            TokKind::Word => {
                !t.text.as_bytes()[tok.start].is_ascii_uppercase() && !LEXICON.starters.contains(t, i)
            }
            TokKind::Punct => !t.is_num(i + 1),
            TokKind::Num => false,
        };
        if nothing {
            i += 1;
            continue;
        }
        match quantity_at(t, i) {
            Some((q, next)) => {
                let overlaps_date =
                    exclude[ex..].iter().take_while(|s| s.start < q.span.end).any(|s| s.overlaps(q.span));
                if !overlaps_date {
                    out.push(q);
                }
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

fn lower_word<'b>(t: &Tokens<'b>, i: usize, buf: &'b mut [u8; 32]) -> Option<&'b str> {
    if t.is_word(i) {
        lower(t.str(i), buf)
    } else {
        None
    }
}

fn unit_at(t: &Tokens, i: usize) -> Option<lexicon::Unit> {
    let mut buf = [0u8; 32];
    let w = lower_word(t, i, &mut buf)?;
    LEXICON.units.get(w).copied()
}

/// Clock-time and timezone words after "4:21", "6.55".
fn is_clock_suffix(t: &Tokens, i: usize) -> bool {
    let mut buf = [0u8; 32];
    let Some(w) = lower_word(t, i, &mut buf) else { return false };
    matches!(
        w,
        "am" | "pm"
            | "a"
            | "p"
            | "ist"
            | "gmt"
            | "utc"
            | "et"
            | "est"
            | "edt"
            | "pt"
            | "pst"
            | "pdt"
            | "cet"
            | "cest"
            | "bst"
            | "kst"
            | "jst"
            | "msk"
            | "hrs"
            | "local"
            | "o"
    ) && (w != "a" && w != "p" || t.is_punct(i + 1, "."))
}

/// The quantity starting at token `i` (a number, or a currency sign before one), and the
/// index of the token after it.
fn quantity_at(t: &Tokens, i: usize) -> Option<(Quantity, usize)> {
    // currency before the number
    let (currency, num_at) = currency_before(t, i)?;
    let first_tok = i;
    if num_at != i && !(t.is_num(num_at)) {
        return None;
    }
    // numbers glued to a word before them are identifiers ("MH17", "COVID-19")
    if t.is_num(num_at) && num_at > 0 && currency.is_none() {
        let prev = num_at - 1;
        if t.touches(prev)
            && (t.is_word(prev)
                || (t.is_punct(prev, "-") && prev > 0 && t.touches(prev - 1) && t.is_word(prev - 1)))
        {
            return None;
        }
        if t.touches(prev)
            && (t.is_punct(prev, "#")
                || t.is_punct(prev, "/")
                || t.is_punct(prev, ".")
                || t.is_punct(prev, ":"))
        {
            return None;
        }
    }
    // times: "2:00:35" (a duration), "4:21 pm" (a clock time)
    if t.is_num(num_at)
        && t.touches(num_at)
        && t.is_punct(num_at + 1, ":")
        && t.touches(num_at + 1)
        && t.is_num(num_at + 2)
    {
        return time_at(t, num_at);
    }
    let num = parse::parse(t, num_at)?;
    if num.article && currency.is_none() {
        return article_quantity(t, num);
    }
    let mut last = num.last;
    // clock times written with a dot: "6.55 p.m."
    if num.formatted && !num.spelled && is_clock_suffix(t, last + 1) {
        return None;
    }
    if !num.spelled {
        // ordinals: "80th", "3rd"
        if t.touches(last) && t.is_word(last + 1) {
            let mut buf = [0u8; 32];
            let w = lower_word(t, last + 1, &mut buf).unwrap_or("");
            if matches!(w, "st" | "nd" | "rd" | "th") {
                return None;
            }
        }
        if !num.formatted && t.str(num.first).len() >= 7 && currency.is_none() {
            return None;
        }
        // a number that starts a decimal-free hyphenated id: "12-3456"
        if is_clock_suffix(t, last + 1) && !num.formatted {
            return None;
        }
    }
    let mut value = num.value;
    let mut unit: Option<String> = currency.map(str::to_string);
    let hedge = hedge_before(t, first_tok);
    let mut approx = hedge.map(|(a, _)| a);
    let span_start = hedge.map_or(t.toks[first_tok].start, |(_, s)| s);
    if num.vague {
        approx.get_or_insert(Approx::Over);
    }

    if unit.is_none() {
        if t.is_punct(last + 1, "%") && t.same_line(last) {
            unit = Some("percent".into());
            last += 1;
        } else if t.is(last + 1, "per") && t.is(last + 2, "cent") {
            unit = Some("percent".into());
            last += 2;
        } else if t.is(last + 1, "percent") {
            unit = Some("percent".into());
            last += 1;
        } else if let Some(code) = currency_after(t, last + 1) {
            unit = Some(code.into());
            last += 1;
        } else if t.touches(last) && t.is_punct(last + 1, "-") && t.touches(last + 1) && t.is_word(last + 2) {
            // "30-day", "23-year-old", "300-seat", "35-kilometre"
            if let Some(u) = unit_at(t, last + 2) {
                if t.touches(last + 2) && t.is_punct(last + 3, "-") && t.is(last + 4, "old") {
                    unit = Some("years old".into());
                    last += 4;
                } else {
                    unit = Some(u.name.into());
                    last += 2;
                }
            } else {
                let mut buf = [0u8; 32];
                if let Some(w) = lower_word(t, last + 2, &mut buf) {
                    if !LEXICON.count_stopwords.contains(w) && w.chars().all(char::is_alphabetic) {
                        unit = Some(w.to_string());
                        last += 2;
                    }
                }
            }
        } else if let Some(u) = unit_at(t, last + 1).filter(|_| t.same_line(last)) {
            // "180 days", "35 km", "26.2 miles"; "35km" glued; compound durations
            // "three minutes and 27 seconds", "2 hours, 35 seconds".
            let single_letter = t.str(last + 1).len() == 1;
            if !single_letter || t.touches(last) {
                unit = Some(u.name.into());
                last += 1;
                if u.base == "days" {
                    if let Some((extra_seconds, end)) = compound_duration(t, last) {
                        value = (value * u.factor * 86_400.0).round() + extra_seconds;
                        unit = Some("seconds".into());
                        last = end;
                    }
                }
            }
        } else if let Some(noun) = counted_noun(t, last + 1) {
            unit = Some(noun);
            last += 1;
        } else if (num.vague || t.is_word(num.last)) && t.is(last + 1, "of") {
            // "thousands of people", "hundreds of thousands of demonstrators"
            if let Some(noun) = counted_noun(t, last + 2) {
                unit = Some(noun);
                last += 2;
            }
        }
    }

    if num.spelled && num.value == 1.0 && !num.vague {
        // "one of the", "no one"; "one day I will" is an idiom, "for one day" a duration
        let duration_cue = num.first > 0
            && (t.is(num.first - 1, "for")
                || t.is(num.first - 1, "in")
                || t.is(num.first - 1, "within")
                || t.is(num.first - 1, "after"));
        if unit.is_none()
            || (t.is(num.last + 1, "day") || t.is(num.last + 1, "time")) && !duration_cue && approx.is_none()
        {
            return None;
        }
    }
    // part of a name: "World War Two", "Formula One"
    if num.spelled
        && t.is_capitalized(num.first)
        && num.first > 0
        && t.is_capitalized(num.first - 1)
        && t.same_line(num.first - 1)
    {
        return None;
    }
    // a model or route number: "Evo 1 shoes", "Boeing 737", "Route 66"
    if !num.spelled && !num.formatted && currency.is_none() && approx.is_none() && num.first > 0 {
        let prev = num.first - 1;
        if t.is_capitalized(prev)
            && t.same_line(prev)
            && prev > 0
            && !is_sentence_end(t, prev - 1)
            && t.is_word(prev - 1)
            && !(LEXICON.units.contains_key(t.str(prev)))
        {
            return None;
        }
    }
    // identifiers: a plain integer before a capitalized name ("12841 Shalimar Express")
    if unit.is_none()
        && !num.spelled
        && !num.formatted
        && value >= 100.0
        && t.is_capitalized(last + 1)
        && t.same_line(last)
    {
        return None;
    }
    if t.touches(last) && t.is(last + 1, "s") {
        last += 1; // "2:01:09s", "1990s" is excluded as a date upstream
    }
    let span = Span::new(span_start, t.toks[last].end);
    Some((Quantity { span, value, unit, approx, vague: num.vague }, last + 1))
}

fn is_sentence_end(t: &Tokens, i: usize) -> bool {
    t.is_punct(i, ".") || t.is_punct(i, "!") || t.is_punct(i, "?") || t.is_punct(i, ":")
}

/// A currency sign or code before the number at `i` ("$", "US$", "Rs.", "USD "): returns
/// the code and the index of the number; `(None, i)` when there is none.
fn currency_before(t: &Tokens, i: usize) -> Option<(Option<&'static str>, usize)> {
    let s = t.str(i);
    if t.is_num(i) {
        return Some((None, i));
    }
    if t.is_word(i) {
        if !s.as_bytes()[0].is_ascii_uppercase() {
            return Some((None, i));
        }
        if s == "US" && t.touches(i) && t.is_punct(i + 1, "$") {
            return Some((Some("USD"), i + 2));
        }
        if s == "Rs" && t.is_punct(i + 1, ".") && t.touches(i) {
            return t.is_num(i + 2).then_some((Some("INR"), i + 2));
        }
        let code_shaped = s.len() <= 3 && s.chars().all(|c| c.is_ascii_uppercase()) || s == "Rs";
        if code_shaped && t.is_num(i + 1) {
            if let Some(code) = LEXICON.currencies.get(s) {
                return Some((Some(code), i + 1));
            }
        }
        return Some((None, i));
    }
    if !t.is_num(i + 1) {
        return None;
    }
    if let Some(code) = LEXICON.currencies.get(s) {
        if t.same_line(i) {
            return Some((Some(code), i + 1));
        }
    }
    None
}

fn currency_after(t: &Tokens, i: usize) -> Option<&'static str> {
    let mut buf = [0u8; 32];
    let w = lower_word(t, i, &mut buf)?;
    if !t.str(i).chars().next().is_some_and(char::is_lowercase) && t.str(i).len() != 3 {
        return None;
    }
    match LEXICON.currencies.get(w) {
        Some(code) if w.len() > 3 => Some(code),
        _ => {
            let s = t.str(i);
            LEXICON
                .currencies
                .get(s)
                .filter(|_| s.len() == 3 && s.chars().all(|c| c.is_ascii_uppercase()))
                .copied()
        }
    }
}

/// A hedge that ends right before token `i`: its kind and its start byte.
fn hedge_before(t: &Tokens, i: usize) -> Option<(Approx, usize)> {
    let mut buf = [0u8; 32];
    let last = lower_word(t, i.checked_sub(1)?, &mut buf)?;
    let candidates = LEXICON.approx_by_last.get(last)?;
    let mut buf = [0u8; 32];
    for &index in candidates {
        let (words, kind) = &LEXICON.approx[index];
        let n = words.len();
        if i < n {
            continue;
        }
        let ok = words.iter().enumerate().all(|(k, w)| {
            let j = i - n + k;
            t.same_line(j) && lower_word(t, j, &mut buf) == Some(w)
        });
        if ok {
            return Some((*kind, t.toks[i - n].start));
        }
    }
    None
}

/// The counted noun after a number: a lowercase word that is not a function word
/// ("730 violations", "17 coaches").
fn counted_noun(t: &Tokens, i: usize) -> Option<String> {
    if !t.is_word(i) || !t.same_line(i - 1) || t.touches(i - 1) {
        return None;
    }
    let s = t.str(i);
    if !s.chars().next().is_some_and(char::is_lowercase) || s.len() < 2 {
        return None;
    }
    let mut buf = [0u8; 32];
    let w = lower(s, &mut buf)?;
    if LEXICON.count_stopwords.contains(w) || LEXICON.number_words.contains_key(w) {
        return None;
    }
    if (w.ends_with("ed") || w.ends_with("ing")) && !LEXICON.count_participles.contains(w) {
        return None;
    }
    Some(w.to_string())
}

/// True for a counted noun that describes the counted thing rather than naming it: a
/// singular after a figure of two or more ("passenger" in "two passenger trains"; not
/// the plurals of `src/data/plural_nouns.txt` such as "people", nor "900 injured"). The
/// conflicts stage does not compare such figures.
pub fn is_modifier(value: f64, noun: &str) -> bool {
    value >= 2.0
        && !noun.ends_with('s')
        && !LEXICON.plural_nouns.contains(noun)
        && !LEXICON.count_participles.contains(noun)
}

/// "almost a minute", "over a week": an article with a unit, after a hedge.
fn article_quantity(t: &Tokens, num: NumPhrase) -> Option<(Quantity, usize)> {
    let unit = unit_at(t, num.last + 1)?;
    let (approx, start) = hedge_before(t, num.first)?;
    let span = Span::new(start, t.toks[num.last + 1].end);
    Some((
        Quantity { span, value: 1.0, unit: Some(unit.name.into()), approx: Some(approx), vague: false },
        num.last + 2,
    ))
}

/// After a time unit at `last`: ", 35 seconds" or "and 27 seconds" (a smaller time unit).
/// Returns the extra seconds and the index of the last token.
fn compound_duration(t: &Tokens, last: usize) -> Option<(f64, usize)> {
    let j = last + 1;
    if !(t.is(j, "and") || t.is_punct(j, ",")) {
        return None;
    }
    let num = parse::parse(t, j + 1)?;
    if num.article || num.vague {
        return None;
    }
    let unit = unit_at(t, num.last + 1)?;
    let this = unit_at(t, last)?;
    if unit.base != "days" || unit.factor >= this.factor || this.factor > 1.0 {
        return None;
    }
    Some(((num.value * unit.factor * 86_400.0).round(), num.last + 1))
}

/// "2:00:35" (h:mm:ss), "2:18.33" (h:mm.ss) and "2:01" (h:mm) as durations in seconds;
/// clock times ("4:21 pm", "13:02 IST", "at 6:30") give nothing.
fn time_at(t: &Tokens, i: usize) -> Option<(Quantity, usize)> {
    let h = t.int(i)? as f64;
    let m = t.int(i + 2)? as f64;
    if t.str(i + 2).len() != 2 || m >= 60.0 {
        return None;
    }
    let mut last = i + 2;
    let mut seconds = None;
    if t.touches(last)
        && (t.is_punct(last + 1, ":") || t.is_punct(last + 1, "."))
        && t.touches(last + 1)
        && t.is_num(last + 2)
        && t.str(last + 2).len() == 2
    {
        seconds = t.int(last + 2).map(|s| s as f64);
        last += 2;
    }
    if is_clock_suffix(t, last + 1)
        || (i > 0
            && (t.is(i - 1, "at") || t.is(i - 1, "by") || t.is(i - 1, "around") || t.is(i - 1, "until"))
            && seconds.is_none())
    {
        return None;
    }
    if seconds.is_none() && (h >= 10.0 || t.touches(last) && t.is_word(last + 1)) {
        return None; // "13:02" is a clock
    }
    let value = h * 3600.0 + m * 60.0 + seconds.unwrap_or(0.0);
    let approx = hedge_before(t, i);
    let start = approx.map_or(t.toks[i].start, |(_, s)| s);
    if t.touches(last) && t.is(last + 1, "s") {
        last += 1;
    }
    let span = Span::new(start, t.toks[last].end);
    let approx = approx.map(|(a, _)| a);
    Some((Quantity { span, value, unit: Some("seconds".into()), approx, vague: false }, last + 1))
}
