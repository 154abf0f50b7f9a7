//! Finding temporal expressions: a pass over the word tokens that recognizes the shapes
//! of English date expressions and records what each one says, before any resolution.

use super::lexicon::{Cue, LEXICON};
use crate::analysis::numbers::parse as numparse;
use crate::analysis::text::Span;
use crate::analysis::words::{lower, Tokens};

/// A calendar unit in relative expressions ("three years ago", "last week").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CalUnit {
    Day,
    Week,
    Weekend,
    Month,
    Year,
}

/// A modifier before a weekday, a month or a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shift {
    None,
    Last,
    This,
    Next,
}

/// What an expression says, before resolution.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Said {
    /// A day of a month, with or without its year ("May 15", "04 June 2023").
    /// `deixis`: "tomorrow, May 12" says the day is the anchor + 1. `next`: "next
    /// Thursday, May 15". `weekday`: the weekday written with it.
    Date { year: Option<i16>, month: i8, day: i8, weekday: Option<i8>, deixis: Option<i32>, next: bool },
    /// "May 8-10", "between 1 and 3 June".
    DayRange { year: Option<i16>, month: i8, from: i8, to: i8 },
    /// "May 2022".
    MonthYear { year: i16, month: i8 },
    /// "April", "last December", "early December".
    Month { month: i8, shift: Shift },
    /// "2022".
    Year(i16),
    /// "Saturday", "next Thursday".
    Weekday { weekday: i8, shift: Shift },
    /// "today" (0), "yesterday" (-1), "tomorrow" (+1).
    Deixis(i32),
    /// "three years ago".
    Ago { n: f64, unit: CalUnit },
    /// "a day earlier" (negative), "two days later" (positive).
    Shifted { n: f64, unit: CalUnit },
    /// "last week", "this year", "earlier this month".
    Period { unit: CalUnit, shift: Shift },
}

/// The tense of the clause around an expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    Unknown,
}

/// A temporal expression found in a text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Expr {
    pub span: Span,
    pub said: Said,
    pub tense: Tense,
    /// Inside a quotation: "today" there is the day the words were spoken.
    pub quoted: bool,
}

fn month_at(t: &Tokens, i: usize) -> Option<i8> {
    if !t.is_capitalized(i) {
        return None;
    }
    let mut buf = [0u8; 32];
    LEXICON.months.get(lower(t.str(i), &mut buf)?).copied()
}

/// True when token `i` is a month abbreviation followed by its period ("Dec.").
fn abbreviation_dot(t: &Tokens, i: usize) -> bool {
    let mut buf = [0u8; 32];
    t.touches(i)
        && t.is_punct(i + 1, ".")
        && lower(t.str(i), &mut buf).is_some_and(|w| LEXICON.month_abbreviations.contains(w))
}

fn weekday_at(t: &Tokens, i: usize) -> Option<i8> {
    if !t.is_capitalized(i) {
        return None;
    }
    LEXICON.weekdays.get(t.str(i)).copied()
}

/// A day number 1..=31 at `i`, with its ordinal suffix ("15th"): (day, last token).
fn day_at(t: &Tokens, i: usize) -> Option<(i8, usize)> {
    if !t.is_num(i) || t.str(i).len() > 2 {
        return None;
    }
    let d = t.int(i)? as i8;
    if !(1..=31).contains(&d) {
        return None;
    }
    if t.touches(i) && t.is_word(i + 1) {
        let suffix = t.str(i + 1).to_ascii_lowercase();
        return matches!(suffix.as_str(), "st" | "nd" | "rd" | "th").then_some((d, i + 1));
    }
    if t.touches(i)
        && (t.is_num(i + 1) || t.is_punct(i + 1, ":") || t.is_punct(i + 1, ".") && t.is_num(i + 2))
    {
        return None;
    }
    Some((d, i))
}

/// A year 1800..=2100 written in four digits at `i`.
fn year_at(t: &Tokens, i: usize) -> Option<i16> {
    if !t.is_num(i) || t.str(i).len() != 4 {
        return None;
    }
    let y = t.int(i)? as i16;
    (1800..=2100).contains(&y).then_some(y)
}

fn is_dash(t: &Tokens, i: usize) -> bool {
    t.is_punct(i, "-") || t.is_punct(i, "–") || t.is_punct(i, "—")
}

fn cal_unit(t: &Tokens, i: usize) -> Option<CalUnit> {
    let mut buf = [0u8; 32];
    let w = lower(t.str(i), &mut buf)?;
    Some(match w {
        "day" | "days" => CalUnit::Day,
        "week" | "weeks" => CalUnit::Week,
        "weekend" => CalUnit::Weekend,
        "month" | "months" => CalUnit::Month,
        "year" | "years" => CalUnit::Year,
        _ => return None,
    })
}

fn shift_word(t: &Tokens, i: usize) -> Option<Shift> {
    if !t.is_word(i) {
        return None;
    }
    let mut buf = [0u8; 32];
    Some(match lower(t.str(i), &mut buf)? {
        "last" | "past" => Shift::Last,
        "this" | "coming" => Shift::This,
        "next" => Shift::Next,
        _ => return None,
    })
}

/// Words before a bare month name that make it a date ("in April", "last December").
fn month_cue(t: &Tokens, i: usize) -> bool {
    if !t.is_word(i) {
        return false;
    }
    let mut buf = [0u8; 32];
    matches!(
        lower(t.str(i), &mut buf),
        Some(
            "in" | "last"
                | "next"
                | "this"
                | "early"
                | "late"
                | "mid"
                | "since"
                | "until"
                | "till"
                | "by"
                | "of"
                | "during"
                | "from"
                | "through"
                | "throughout"
                | "before"
                | "after"
                | "end"
                | "beginning"
        )
    )
}

/// After a month at `m`: a day, a day range and a year. Returns what was said and the
/// last token.
fn month_first(t: &Tokens, m: usize, month: i8) -> Option<(Said, usize)> {
    let mut j = m + 1;
    if abbreviation_dot(t, m) {
        j += 1; // "Dec. 14"
    }
    if let Some((day, mut last)) = day_at(t, j) {
        // "May 8-10"
        if t.touches(last) && is_dash(t, last + 1) && t.touches(last + 1) {
            if let Some((to, l2)) = day_at(t, last + 2) {
                if to > day {
                    let (year, l3) = year_after(t, l2);
                    return Some((Said::DayRange { year, month, from: day, to }, l3));
                }
            }
        }
        let (year, l2) = year_after(t, last);
        last = l2;
        let said = Said::Date { year, month, day, weekday: None, deixis: None, next: false };
        return Some((said, last));
    }
    if let Some(year) = year_at(t, j) {
        if t.same_line(j - 1) {
            return Some((Said::MonthYear { year, month }, j));
        }
    }
    None
}

/// An optional ", 2024" or " 2024" after a day at `last`.
fn year_after(t: &Tokens, last: usize) -> (Option<i16>, usize) {
    if t.is_punct(last + 1, ",") && t.same_line(last + 1) {
        if let Some(y) = year_at(t, last + 2) {
            return (Some(y), last + 2);
        }
    }
    if t.same_line(last) {
        if let Some(y) = year_at(t, last + 1) {
            if !(t.touches(last + 1) && t.is_punct(last + 2, ":")) {
                return (Some(y), last + 1);
            }
        }
    }
    (None, last)
}

/// A day first: "15 May", "3rd June 2023", "the 14th of December", "8-10 May".
fn day_first(t: &Tokens, i: usize) -> Option<(Said, usize)> {
    let (day, last) = day_at(t, i)?;
    let mut j = last + 1;
    let mut to = None;
    if t.touches(last) && is_dash(t, j) && t.touches(j) {
        let (d2, l2) = day_at(t, j + 1)?;
        to = Some(d2);
        j = l2 + 1;
    }
    if t.is(j, "of") {
        j += 1;
    }
    let month = month_at(t, j)?;
    if !t.same_line(j - 1) {
        return None;
    }
    let mlast = if abbreviation_dot(t, j) { j + 1 } else { j };
    let (year, end) = year_after(t, mlast);
    let said = match to {
        Some(to) if to > day => Said::DayRange { year, month, from: day, to },
        Some(_) => return None,
        None => Said::Date { year, month, day, weekday: None, deixis: None, next: false },
    };
    Some((said, end))
}

/// "2023-06-02".
fn iso_date(t: &Tokens, i: usize) -> Option<(Said, usize)> {
    let year = year_at(t, i)?;
    if !(t.touches(i)
        && t.is_punct(i + 1, "-")
        && t.touches(i + 1)
        && t.is_num(i + 2)
        && t.str(i + 2).len() == 2)
    {
        return None;
    }
    if !(t.touches(i + 2)
        && t.is_punct(i + 3, "-")
        && t.touches(i + 3)
        && t.is_num(i + 4)
        && t.str(i + 4).len() == 2)
    {
        return None;
    }
    let month = t.int(i + 2)? as i8;
    let day = t.int(i + 4)? as i8;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((
        Said::Date { year: Some(year), month, day, weekday: None, deixis: None, next: false },
        i + 4,
    ))
}

/// A date written right after a weekday or a deictic word: ", May 12", " 15 May",
/// ", the 14th of December".
fn date_after(t: &Tokens, i: usize) -> Option<(Said, usize)> {
    let mut j = i + 1;
    if t.is_punct(j, ",") {
        j += 1;
    }
    if !t.same_line(j - 1) {
        return None;
    }
    if t.is(j, "the") {
        j += 1;
    }
    if let Some(m) = month_at(t, j) {
        return month_first(t, j, m).filter(|(s, _)| matches!(s, Said::Date { .. }));
    }
    day_first(t, j).filter(|(s, _)| matches!(s, Said::Date { .. }))
}

/// Scans a whole text. Expressions are sorted and do not overlap.
pub fn scan(text: &str) -> Vec<Expr> {
    scan_tokens(&Tokens::scan(text))
}

/// [`scan`] on the scanner tokens of a text.
pub fn scan_tokens(t: &Tokens) -> Vec<Expr> {
    let text = t.text;
    let mut out = Vec::new();
    let mut quotes = QuoteState::default();
    let mut i = 0;
    while i < t.len() {
        match expr_at(t, i) {
            Some((first, said, last)) => {
                let span = t.span(first, last);
                let quoted = quotes.inside_at(text, span.start);
                out.push(Expr { span, said, tense: tense(t, first, last), quoted });
                i = last + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// Whether a position lies inside a quotation opened earlier on its line (“...” or
/// "..."), for positions asked in increasing order: one pass over the text in all.
#[derive(Default)]
struct QuoteState {
    pos: usize,
    inside: bool,
}

impl QuoteState {
    fn inside_at(&mut self, text: &str, pos: usize) -> bool {
        if pos > self.pos {
            // The marks that change the state: `\n`, `"`, and `“` / `”` (E2 80 9C / 9D).
            let bytes = &text.as_bytes()[self.pos..pos];
            for k in memchr::memchr3_iter(b'\n', b'"', 0xE2, bytes) {
                match (bytes[k], bytes.get(k + 1..k + 3)) {
                    (b'\n', _) => self.inside = false,
                    (b'"', _) => self.inside = !self.inside,
                    (_, Some([0x80, 0x9C])) => self.inside = true,
                    (_, Some([0x80, 0x9D])) => self.inside = false,
                    _ => {}
                }
            }
            self.pos = pos;
        }
        self.inside
    }
}

/// The expression starting at token `i`: (first token, what it says, last token).
fn expr_at(t: &Tokens, i: usize) -> Option<(usize, Said, usize)> {
    if t.is_num(i) {
        if i > 0 && t.touches(i - 1) && (t.is_word(i - 1) || t.is_num(i - 1)) {
            return None;
        }
        if let Some((said, last)) = iso_date(t, i) {
            return Some((i, said, last));
        }
        if let Some((said, last)) = day_first(t, i) {
            return Some((i, said, last));
        }
        if let Some(y) = year_at(t, i) {
            if is_year(t, i) {
                let mut last = i;
                if t.touches(i) && t.is(i + 1, "s") {
                    return None; // decades ("1990s") are left out
                }
                if t.touches(i) && t.is_punct(i + 1, "’") && t.is(i + 2, "s") {
                    last = i;
                }
                return Some((i, Said::Year(y), last));
            }
        }
        return relative_count(t, i);
    }
    if !t.is_word(i) {
        return None;
    }
    match LEXICON.starters.get(t, i) {
        None => return None,
        // a spelled count ("three years ago")
        Some(false) => return relative_count(t, i),
        Some(true) => {}
    }
    if let Some(m) = month_at(t, i) {
        if let Some((said, last)) = month_first(t, i, m) {
            return Some((i, said, last));
        }
        let prev_cue = i > 0 && month_cue(t, i - 1) && t.same_line(i - 1);
        // a bare month: "in April", "last December"; "May" only after a cue (modal verb)
        let next_is_name = t.is_capitalized(i + 1) && t.same_line(i);
        if prev_cue || (m != 5 && !next_is_name && t.str(i).len() > 3 && i > 0 && !t.is_capitalized(i - 1)) {
            let shift = if i > 0 { shift_word(t, i - 1) } else { None };
            let first = if shift.is_some() { i - 1 } else { i };
            let last = if abbreviation_dot(t, i) { i + 1 } else { i };
            return Some((first, Said::Month { month: m, shift: shift.unwrap_or(Shift::None) }, last));
        }
        return None;
    }
    if let Some(wd) = weekday_at(t, i) {
        let shift = if i > 0 && t.same_line(i - 1) { shift_word(t, i - 1) } else { None };
        let first = if shift.is_some() { i - 1 } else { i };
        if let Some((Said::Date { year, month, day, .. }, last)) = date_after(t, i) {
            let said = Said::Date {
                year,
                month,
                day,
                weekday: Some(wd),
                deixis: None,
                next: shift == Some(Shift::Next),
            };
            return Some((first, said, last));
        }
        return Some((first, Said::Weekday { weekday: wd, shift: shift.unwrap_or(Shift::None) }, i));
    }
    let mut buf = [0u8; 32];
    let w = lower(t.str(i), &mut buf)?;
    let deixis = match w {
        "today" | "tonight" => Some(0),
        "yesterday" => Some(-1),
        "tomorrow" => Some(1),
        _ => None,
    };
    if let Some(off) = deixis {
        let first = if i > 0 && (t.is(i - 1, "earlier") || t.is(i - 1, "later")) && t.same_line(i - 1) {
            i - 1
        } else {
            i
        };
        if let Some((Said::Date { year, month, day, .. }, last)) = date_after(t, i) {
            if t.is_punct(i + 1, ",") {
                let said = Said::Date { year, month, day, weekday: None, deixis: Some(off), next: false };
                return Some((first, said, last));
            }
        }
        return Some((first, Said::Deixis(off), i));
    }
    match w {
        "last" | "this" | "next" | "past" | "coming" => {
            if let Some(unit) = cal_unit(t, i + 1).filter(|u| !matches!(u, CalUnit::Day)) {
                if t.str(i + 1).ends_with('s') && unit != CalUnit::Weekend {
                    return None; // "the next six months" is a duration
                }
                let shift = shift_word(t, i)?;
                let first =
                    if shift == Shift::This && i > 0 && (t.is(i - 1, "earlier") || t.is(i - 1, "later")) {
                        i - 1
                    } else {
                        i
                    };
                return Some((first, Said::Period { unit, shift }, i + 1));
            }
            None
        }
        "between" => {
            // "between 1 and 3 June"
            let (from, l1) = day_at(t, i + 1)?;
            if !t.is(l1 + 1, "and") {
                return None;
            }
            if let Some((Said::Date { year, month, day, .. }, last)) = day_first(t, l1 + 2) {
                return (day > from).then_some((i, Said::DayRange { year, month, from, to: day }, last));
            }
            None
        }
        _ => relative_count(t, i),
    }
}

/// "three years ago", "a day earlier", "two days later", "over three years ago".
fn relative_count(t: &Tokens, i: usize) -> Option<(usize, Said, usize)> {
    let num = numparse::parse(t, i)?;
    if num.vague {
        return None;
    }
    let unit = cal_unit(t, num.last + 1)?;
    let after = num.last + 2;
    let first = if i > 0
        && (t.is(i - 1, "over")
            || t.is(i - 1, "about")
            || t.is(i - 1, "nearly")
            || t.is(i - 1, "almost")
            || t.is(i - 1, "just"))
    {
        i - 1
    } else {
        i
    };
    if t.is(after, "ago") {
        return Some((first, Said::Ago { n: num.value, unit }, after));
    }
    if t.is(after, "earlier") || t.is(after, "before") && !t.is_word(after + 1) {
        return Some((first, Said::Shifted { n: -num.value, unit }, after));
    }
    if t.is(after, "later") || t.is(after, "after") && !t.is_word(after + 1) {
        return Some((first, Said::Shifted { n: num.value, unit }, after));
    }
    None
}

/// A four-digit number that names a year, not a count ("2,000 people" has a separator;
/// "2000 people" after no year preposition is a count).
fn is_year(t: &Tokens, i: usize) -> bool {
    if i > 0
        && t.touches(i - 1)
        && (t.is_punct(i - 1, "$")
            || t.is_punct(i - 1, "€")
            || t.is_punct(i - 1, "£")
            || t.is_punct(i - 1, ",")
            || t.is_punct(i - 1, "."))
    {
        return false;
    }
    if t.touches(i)
        && (t.is_punct(i + 1, ",") && t.is_num(i + 2) && t.touches(i + 1)
            || t.is_punct(i + 1, ".") && t.is_num(i + 2)
            || t.is_punct(i + 1, "%")
            || t.is_punct(i + 1, ":"))
    {
        return false;
    }
    let mut buf = [0u8; 32];
    let prev = if i > 0 { lower(t.str(i - 1), &mut buf).map(str::to_string) } else { None };
    if let Some(p) = prev.as_deref() {
        if matches!(
            p,
            "in" | "since"
                | "by"
                | "until"
                | "from"
                | "of"
                | "during"
                | "before"
                | "after"
                | "early"
                | "late"
                | "mid"
                | "the"
                | "year"
                | "season"
                | "spring"
                | "summer"
                | "autumn"
                | "fall"
                | "winter"
        ) {
            return true;
        }
        if matches!(
            p,
            "over" | "about" | "nearly" | "almost" | "around" | "than" | "least" | "some" | "to" | "up"
        ) {
            return false;
        }
    }
    // followed by a lowercase word that is counted ("2000 people"): not a year
    if t.is_word(i + 1) && t.same_line(i) {
        let s = t.str(i + 1);
        if s.chars().next().is_some_and(char::is_lowercase) {
            let mut b2 = [0u8; 32];
            let w = lower(s, &mut b2).unwrap_or("");
            return matches!(
                w,
                "and"
                    | "or"
                    | "to"
                    | "when"
                    | "as"
                    | "after"
                    | "before"
                    | "with"
                    | "at"
                    | "in"
                    | "on"
                    | "for"
                    | "was"
                    | "is"
                    | "were"
                    | "which"
                    | "that"
                    | "the"
                    | "edition"
                    | "season"
                    | "election"
                    | "elections"
                    | "census"
                    | "budget"
                    | "world"
                    | "summer"
                    | "winter"
                    | "olympics"
                    | "race"
                    | "marathon"
            );
        }
    }
    true
}

fn is_clause_break(t: &Tokens, i: usize) -> bool {
    t.kind(i) == Some(crate::analysis::words::TokKind::Punct)
        && matches!(t.str(i), "." | "!" | "?" | ";" | "“" | "”" | "\"" | ":" | "(" | ")" | "|")
}

/// Words that may sit between an irrealis verb and its date without being its object
/// ("proposed late on Saturday night").
fn is_date_filler(w: &str) -> bool {
    matches!(
        w,
        "late"
            | "early"
            | "on"
            | "at"
            | "in"
            | "the"
            | "this"
            | "last"
            | "next"
            | "by"
            | "midnight"
            | "earlier"
            | "later"
    )
}

fn cue_at(t: &Tokens, j: usize) -> Option<Cue> {
    if !t.is_word(j) {
        return None;
    }
    let mut buf = [0u8; 32];
    let w = lower(t.str(j), &mut buf)?;
    if let Some(pairs) = LEXICON.cue_pairs.get(w) {
        let mut b2 = [0u8; 32];
        let next = lower(t.str(j + 1), &mut b2).unwrap_or("");
        if let Some((_, cue)) = pairs.iter().find(|(second, _)| *second == next) {
            return Some(*cue);
        }
    }
    if let Some(c) = LEXICON.cues.get(w) {
        return Some(*c);
    }
    if w.len() > 4 && w.ends_with("ed") && t.str(j).chars().next().is_some_and(char::is_lowercase) {
        return Some(Cue::Past);
    }
    None
}

/// The tense of the clause around tokens `first..=last`: the nearest cue before the
/// expression (within the clause), else the nearest after it.
fn tense(t: &Tokens, first: usize, last: usize) -> Tense {
    let mut content_between = false;
    let mut j = first;
    let mut steps = 0;
    while j > 0 && steps < 14 {
        j -= 1;
        steps += 1;
        if is_clause_break(t, j) || !t.same_line(j) {
            break;
        }
        match cue_at(t, j) {
            Some(Cue::Past) => return Tense::Past,
            Some(Cue::Future) => return Tense::Future,
            Some(Cue::Irrealis) => return if content_between { Tense::Future } else { Tense::Past },
            None => {
                if t.is_word(j) {
                    let mut buf = [0u8; 32];
                    if !lower(t.str(j), &mut buf).is_some_and(is_date_filler) {
                        content_between = true;
                    }
                }
            }
        }
    }
    let mut j = last;
    for _ in 0..8 {
        if !t.same_line(j) {
            break;
        }
        j += 1;
        if j >= t.len() || is_clause_break(t, j) {
            break;
        }
        match cue_at(t, j) {
            Some(Cue::Past) | Some(Cue::Irrealis) => return Tense::Past,
            Some(Cue::Future) => return Tense::Future,
            None => {}
        }
    }
    Tense::Unknown
}
