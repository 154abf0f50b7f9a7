//! Temporal expressions and their resolution to calendar dates.
//!
//! What it finds (see `scan`): absolute dates ("May 15", "15 May 2025", "Dec. 14",
//! "December 14, 2024", "3rd June 2023", "the 14th of December", "2023-06-02"), ranges
//! ("May 8-10", "between 1 and 3 June"), months ("May 2022", "in April", "last
//! December"), years ("in 2022"), weekdays ("on Saturday", "next Thursday", "Thursday,
//! May 15"), deixis ("today", "yesterday", "tomorrow, May 12"), counts ("three years ago",
//! "a day earlier", "two days later") and periods ("last week", "this year", "earlier this
//! month", "last weekend").
//!
//! How it resolves them: every relative expression is resolved against the document's
//! **anchor**, the day the article speaks from:
//!
//! 1. the publication date ingest found (`doc.meta.published`);
//! 2. else a day inferred from the article's own dates: the day, near its explicit dates,
//!    that makes its weekdays, "tomorrow, May 12" and "next Thursday, May 15" fit best
//!    (see [`anchor`]);
//! 3. else, when it writes a weekday with a day and month but no year ("Friday,
//!    March 8"), the same inference with that day dated to the year in which the
//!    weekday fits: the one nearest the anchors of the other documents, else the latest up
//!    to the reference date or `latest_year.txt` (the core reads no clock),
//!    [`AnchorSource::WeekdayYear`];
//! 4. else the same inference seeded by the anchors of the other documents of the
//!    analysis (they report one event), [`AnchorSource::OtherDocuments`];
//! 5. else `Options::reference`.
//!
//! A bare weekday takes the news convention: in a past-tense clause the most recent such
//! day on or before the anchor, in a future clause ("will", "plans to", "set to",
//! "proposed talks on") the next one after it; with no cue, the day of an explicit date
//! of the article with that weekday within the week, else the past one. A month-day
//! without a year takes the year that puts it nearest the anchor. "today" inside a quote
//! and "N days/weeks ago" count from the article's main event day (the first past day it
//! names in the week before the anchor), so a report published the day after a race
//! still dates the winner's "today" to race day.
//!
//! What it does not do: durations ("30-day", "three years", "180 days") are quantities
//! (the numbers stage); times of day ("4:21 pm") are left out; decades ("the 1990s") and
//! seasons ("the spring") are not resolved; non-English dates are not recognized.

mod anchor;
mod lexicon;
pub mod scan;

use jiff::civil::{Date, Weekday};
use serde::{Deserialize, Serialize};
use std::fmt;

use super::text::{Diagnostic, Doc, Span};
use super::words::Tokens;
use scan::{CalUnit, Expr, Said, Shift, Tense};

/// A resolved date value: a day, a month, a year or a range of days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum DateValue {
    Day(Date),
    Month { year: i16, month: i8 },
    Year(i16),
    Range(Date, Date),
}

impl fmt::Display for DateValue {
    /// `2025-05-10`, `2025-05`, `2025`, `2025-05-08/2025-05-10`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateValue::Day(d) => write!(f, "{d}"),
            DateValue::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            DateValue::Year(y) => write!(f, "{y:04}"),
            DateValue::Range(a, b) => write!(f, "{a}/{b}"),
        }
    }
}

impl DateValue {
    /// The first and last day the value covers.
    pub fn bounds(self) -> (Date, Date) {
        match self {
            DateValue::Day(d) => (d, d),
            DateValue::Range(a, b) => (a, b),
            DateValue::Month { year, month } => {
                let first = Date::new(year, month, 1).unwrap_or_default();
                (first, first.last_of_month())
            }
            DateValue::Year(y) => {
                (Date::new(y, 1, 1).unwrap_or_default(), Date::new(y, 12, 31).unwrap_or_default())
            }
        }
    }

    /// True when the two values can name the same time: one lies within the other or they
    /// overlap ("2025-05" and "2025-05-10" agree; "2025-05-10" and "2025-05-11" do not).
    pub fn compatible(self, other: DateValue) -> bool {
        let (a0, a1) = self.bounds();
        let (b0, b1) = other.bounds();
        a0 <= b1 && b0 <= a1
    }

    /// True when the value is a single day.
    pub fn is_day(self) -> bool {
        matches!(self, DateValue::Day(_))
    }
}

/// What a relative expression was resolved against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnchorSource {
    /// The publication date the article states.
    Published,
    /// Inferred from the article's own explicit dates.
    Inferred,
    /// Inferred with the help of the other articles of the analysis (same event), for an
    /// article that gives no year of its own.
    OtherDocuments,
    /// The reference date the caller passed in (`Options::reference`).
    Reference,
    /// Inferred from a weekday written with a day and month but no year ("Friday,
    /// March 8"): the year in which they agree, nearest the other articles' anchors,
    /// else the latest one up to the reference date (see `latest_year.txt`).
    WeekdayYear,
}

impl AnchorSource {
    pub fn as_str(self) -> &'static str {
        match self {
            AnchorSource::Published => "published",
            AnchorSource::Inferred => "inferred",
            AnchorSource::OtherDocuments => "other_documents",
            AnchorSource::Reference => "reference",
            AnchorSource::WeekdayYear => "weekday_year",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    pub date: Date,
    pub source: AnchorSource,
}

/// The shape of a temporal expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateKind {
    /// A calendar date, month, range or year written out ("May 15", "2022").
    Absolute,
    /// A weekday ("Saturday", "next Thursday").
    Weekday,
    /// Relative to the anchor ("yesterday", "three years ago", "last month").
    Relative,
}

/// A temporal expression in a document, with its value when it could be resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    pub span: Span,
    pub value: Option<DateValue>,
    /// The anchor used for relative expressions, weekdays and dates without a year
    /// (`None` for fully written dates and years).
    pub anchor: Option<Anchor>,
    pub kind: DateKind,
}

/// Finds and resolves the temporal expressions of one document on its own.
pub fn extract(doc: &mut Doc, reference: Option<Date>) {
    extract_all(std::slice::from_mut(doc), reference);
}

/// Finds and resolves the temporal expressions of every document of one analysis. A
/// document that gives no date of its own is anchored with the help of the others.
pub fn extract_all(docs: &mut [Doc], reference: Option<Date>) {
    let scans: Vec<Vec<Expr>> = docs
        .iter_mut()
        .map(|d| {
            // The scanner tokens stay in the document for the numbers stage.
            let t = Tokens::of(&d.text, std::mem::take(&mut d.scan));
            let exprs = scan::scan_tokens(&t).into_iter().filter(|e| !d.is_chrome(e.span)).collect();
            d.scan = t.toks;
            exprs
        })
        .collect();
    // pass 1: documents that date themselves
    let mut anchors: Vec<Option<Anchor>> = docs
        .iter()
        .zip(&scans)
        .map(|(doc, exprs)| {
            if let Some(p) = &doc.meta.published {
                return Some(Anchor { date: p.value, source: AnchorSource::Published });
            }
            anchor::infer(exprs, &[], None).map(|date| Anchor { date, source: AnchorSource::Inferred })
        })
        .collect();
    // pass 2: documents that write a weekday with a day and month but no year ("Friday,
    // March 8"): the year in which they agree
    let known: Vec<Date> = anchors.iter().flatten().map(|a| a.date).collect();
    let bounds = year_bounds(&known, reference);
    for (k, exprs) in scans.iter().enumerate() {
        if anchors[k].is_none() {
            anchors[k] = weekday_dated(exprs, bounds)
                .and_then(|dated| anchor::infer(&dated, &[], None))
                .map(|date| Anchor { date, source: AnchorSource::WeekdayYear });
        }
    }
    // pass 3: the others, seeded by those anchors, else by the reference
    let known = common_days(anchors.iter().flatten().map(|a| a.date).collect(), MAX_SEEDS);
    for (k, exprs) in scans.iter().enumerate() {
        if anchors[k].is_some() {
            continue;
        }
        anchors[k] = if !known.is_empty() {
            anchor::infer(exprs, &known, None)
                .map(|date| Anchor { date, source: AnchorSource::OtherDocuments })
        } else {
            reference.map(|date| Anchor { date, source: AnchorSource::Reference })
        };
    }
    for ((doc, exprs), anchor) in docs.iter_mut().zip(scans).zip(anchors) {
        let (dates, diagnostics) = resolve(&exprs, anchor);
        doc.dates = dates;
        doc.diagnostics.extend(diagnostics);
    }
}

/// How many of the other documents' anchor days an undated document is searched near: the
/// most common ones, so that a batch of thousands of articles costs each undated one a
/// bounded search, not one window per distinct day of the batch.
const MAX_SEEDS: usize = 16;

/// The `max` most common of `days` (ties to the earlier day), sorted, each as often as it
/// occurs in `days`.
fn common_days(mut days: Vec<Date>, max: usize) -> Vec<Date> {
    days.sort();
    let mut runs: Vec<(usize, Date)> = days.chunk_by(|a, b| a == b).map(|run| (run.len(), run[0])).collect();
    if runs.len() <= max {
        return days;
    }
    runs.sort_by_key(|&(count, day)| (std::cmp::Reverse(count), day));
    runs.truncate(max);
    runs.sort_by_key(|&(_, day)| day);
    runs.into_iter().flat_map(|(count, day)| std::iter::repeat_n(day, count)).collect()
}

/// Where the year of a weekday-dated day without one is looked for: nearest `Around` (the
/// median year of the anchors of the documents that date themselves), else the latest year
/// up to `Latest` (the reference date's year, or the word lists' latest year: the core
/// reads no clock).
#[derive(Clone, Copy, Debug)]
enum YearBounds {
    Around(i16),
    Latest(i16),
}

fn year_bounds(known: &[Date], reference: Option<Date>) -> YearBounds {
    let mut years: Vec<i16> = known.iter().map(|d| d.year()).collect();
    years.sort();
    match years.get(years.len().saturating_sub(1) / 2) {
        Some(&y) => YearBounds::Around(y),
        None => YearBounds::Latest(reference.map_or(lexicon::LEXICON.latest_year, |r| r.year())),
    }
}

/// The expressions with the year filled in on every weekday-dated day that lacks one
/// ("Friday, March 8" -> the year in which March 8 is a Friday, within
/// `bounds`); `None` when there is no such day.
fn weekday_dated(exprs: &[Expr], bounds: YearBounds) -> Option<Vec<Expr>> {
    let mut dated = exprs.to_vec();
    let mut any = false;
    for e in &mut dated {
        if let Said::Date { year: year @ None, month, day, weekday: Some(w), .. } = &mut e.said {
            if let Some(y) = weekday_year(*month, *day, *w, bounds) {
                *year = Some(y);
                any = true;
            }
        }
    }
    any.then_some(dated)
}

/// The year in which `month`/`day` falls on `weekday`, within `bounds` (the pattern
/// repeats within 28 years).
fn weekday_year(month: i8, day: i8, weekday: i8, bounds: YearBounds) -> Option<i16> {
    let fits = |y: i16| Date::new(y, month, day).is_ok_and(|d| d.weekday() == weekday_of(weekday));
    match bounds {
        YearBounds::Around(c) => {
            (0..=28i16).flat_map(|k| [c.saturating_sub(k), c.saturating_add(k)]).find(|&y| fits(y))
        }
        YearBounds::Latest(to) => (0..=28i16).map(|k| to.saturating_sub(k)).find(|&y| fits(y)),
    }
}

/// The kind of what an expression said.
fn kind_of(said: &Said) -> DateKind {
    match said {
        Said::Weekday { .. } => DateKind::Weekday,
        Said::Date { weekday: Some(_), .. } => DateKind::Weekday,
        Said::Date { deixis: Some(_), .. } => DateKind::Relative,
        Said::Date { .. }
        | Said::DayRange { .. }
        | Said::MonthYear { .. }
        | Said::Month { .. }
        | Said::Year(_) => DateKind::Absolute,
        Said::Deixis(_) | Said::Ago { .. } | Said::Shifted { .. } | Said::Period { .. } => DateKind::Relative,
    }
}

pub(crate) fn weekday_of(n: i8) -> Weekday {
    Weekday::from_monday_one_offset(n).unwrap_or(Weekday::Monday)
}

/// The `weekday` nearest `anchor` in the direction the tense and modifier give.
pub(crate) fn weekday_from(anchor: Date, weekday: i8, shift: Shift, tense: Tense, known: &[Date]) -> Date {
    let wd = weekday_of(weekday);
    let on_or_before =
        || if anchor.weekday() == wd { anchor } else { anchor.nth_weekday(-1, wd).unwrap_or(anchor) };
    let after = || anchor.nth_weekday(1, wd).unwrap_or(anchor);
    match (shift, tense) {
        (Shift::Last, _) => anchor.nth_weekday(-1, wd).unwrap_or(anchor),
        (Shift::Next, _) => after(),
        (Shift::This, Tense::Past) => on_or_before(),
        (Shift::This, _) => {
            if anchor.weekday() == wd {
                anchor
            } else {
                after()
            }
        }
        (Shift::None, Tense::Future) => after(),
        (Shift::None, Tense::Past) => on_or_before(),
        (Shift::None, Tense::Unknown) => {
            let lo = anchor.checked_sub(jiff::Span::new().days(6)).unwrap_or(anchor);
            let hi = anchor.checked_add(jiff::Span::new().days(7)).unwrap_or(anchor);
            known
                .iter()
                .copied()
                .find(|d| d.weekday() == wd && lo <= *d && *d <= hi)
                .unwrap_or_else(on_or_before)
        }
    }
}

/// The number of days between `anchor` and [`weekday_from`]`(anchor, weekday, shift,
/// tense, &[])`, by weekday arithmetic (no date is built; dates near the limits of the
/// calendar take the slow way).
pub(crate) fn weekday_gap(anchor: Date, weekday: i8, shift: Shift, tense: Tense) -> i32 {
    if anchor.year().abs() > 9000 {
        return days_between(anchor, weekday_from(anchor, weekday, shift, tense, &[])).abs();
    }
    let current = i32::from(anchor.weekday().to_monday_one_offset());
    let wanted = i32::from(weekday_of(weekday).to_monday_one_offset());
    // The same weekday a week away, never the anchor itself.
    let back = match (current - wanted).rem_euclid(7) {
        0 => 7,
        n => n,
    };
    let ahead = match (wanted - current).rem_euclid(7) {
        0 => 7,
        n => n,
    };
    let on_or_before = if current == wanted { 0 } else { back };
    match (shift, tense) {
        (Shift::Last, _) => back,
        (Shift::Next, _) | (Shift::None, Tense::Future) => ahead,
        (Shift::This, Tense::Past) | (Shift::None, Tense::Past | Tense::Unknown) => on_or_before,
        (Shift::This, _) => {
            if current == wanted {
                0
            } else {
                ahead
            }
        }
    }
}

/// The year that puts `month`/`day` nearest `anchor`.
pub(crate) fn nearest_year(anchor: Date, month: i8, day: i8) -> Option<Date> {
    let mut best: Option<(i32, Date)> = None;
    for y in [anchor.year() - 1, anchor.year(), anchor.year() + 1] {
        if let Ok(d) = Date::new(y, month, day) {
            let dist = days_between(anchor, d).abs();
            if best.is_none_or(|(b, _)| dist < b) {
                best = Some((dist, d));
            }
        }
    }
    best.map(|(_, d)| d)
}

pub(crate) fn days_between(a: Date, b: Date) -> i32 {
    (b.to_jiff_days() - a.to_jiff_days()) as i32
}

trait JiffDays {
    fn to_jiff_days(self) -> i64;
}

impl JiffDays for Date {
    /// Days since 1970-01-01.
    fn to_jiff_days(self) -> i64 {
        // Rata Die by the civil-from-days inverse (Howard Hinnant's algorithm).
        let (y, m, d) = (self.year() as i64, self.month() as i64, self.day() as i64);
        let y = if m <= 2 { y - 1 } else { y };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

pub(crate) fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(jiff::Span::new().days(n)).ok()
}

fn month_shift(year: i16, month: i8, by: i32) -> (i16, i8) {
    let idx = year as i32 * 12 + (month as i32 - 1) + by;
    ((idx.div_euclid(12)) as i16, (idx.rem_euclid(12) + 1) as i8)
}

/// Resolves a document's expressions against its anchor.
fn resolve(exprs: &[Expr], anchor: Option<Anchor>) -> (Vec<DateMention>, Vec<Diagnostic>) {
    let mut out: Vec<DateMention> = Vec::with_capacity(exprs.len());
    let mut diagnostics = Vec::new();
    let explicit = anchor::explicit_days(exprs, anchor.map(|a| a.date));
    let event_day = anchor.map(|a| anchor::event_day(exprs, a.date, &explicit));
    // the last resolved day not in a future clause, for "a day earlier"
    let mut narrative: Option<Date> = None;
    for e in exprs {
        let d = anchor.map(|a| a.date);
        let mut uses_anchor = true;
        let value = match e.said {
            Said::Date { year: Some(y), month, day, weekday, .. } => {
                uses_anchor = false;
                let v = Date::new(y, month, day).ok();
                check_weekday(e, v, weekday, &mut diagnostics);
                v.map(DateValue::Day)
            }
            Said::Date { year: None, month, day, weekday, deixis, .. } => {
                let v = d.and_then(|d| nearest_year(d, month, day));
                check_weekday(e, v, weekday, &mut diagnostics);
                if let (Some(v), Some(off), Some(d)) = (v, deixis, d) {
                    if days_between(d, v) != off {
                        diagnostics.push(Diagnostic {
                            span: Some(e.span),
                            message: format!(
                                "\"tomorrow/yesterday\" and the date {v} do not agree with the anchor {d}"
                            ),
                        });
                    }
                }
                v.map(DateValue::Day)
            }
            Said::DayRange { year, month, from, to } => {
                uses_anchor = year.is_none();
                let y = year.or_else(|| d.and_then(|d| nearest_year(d, month, from)).map(|x| x.year()));
                y.and_then(|y| {
                    Some(DateValue::Range(Date::new(y, month, from).ok()?, Date::new(y, month, to).ok()?))
                })
            }
            Said::MonthYear { year, month } => {
                uses_anchor = false;
                Some(DateValue::Month { year, month })
            }
            Said::Year(y) => {
                uses_anchor = false;
                Some(DateValue::Year(y))
            }
            Said::Month { month, shift } => d.map(|d| {
                let (y, m) = (d.year(), d.month());
                let year = match shift {
                    Shift::Last => {
                        if month < m {
                            y
                        } else {
                            y - 1
                        }
                    }
                    Shift::Next => {
                        if month > m {
                            y
                        } else {
                            y + 1
                        }
                    }
                    Shift::This => y,
                    Shift::None => match e.tense {
                        Tense::Future => {
                            if month >= m {
                                y
                            } else {
                                y + 1
                            }
                        }
                        _ => {
                            if month <= m {
                                y
                            } else {
                                y - 1
                            }
                        }
                    },
                };
                DateValue::Month { year, month }
            }),
            Said::Weekday { weekday, shift } => {
                d.map(|d| DateValue::Day(weekday_from(d, weekday, shift, e.tense, &explicit)))
            }
            Said::Deixis(off) => {
                let base = if e.quoted { event_day } else { d };
                base.and_then(|b| add_days(b, off as i64)).map(DateValue::Day)
            }
            Said::Ago { n, unit } => match (d, event_day) {
                (Some(d), Some(ev)) => {
                    counted(if matches!(unit, CalUnit::Day | CalUnit::Week) { ev } else { d }, -n, unit)
                }
                _ => None,
            },
            Said::Shifted { n, unit } => narrative.or(d).and_then(|b| counted(b, n, unit)),
            Said::Period { unit, shift } => d.and_then(|d| period(d, unit, shift)),
        };
        if let (Some(DateValue::Day(v)), true) = (value, e.tense != Tense::Future) {
            if d.is_some_and(|d| v <= d) {
                narrative = Some(v);
            }
        }
        out.push(DateMention {
            span: e.span,
            value,
            anchor: if uses_anchor { anchor } else { None },
            kind: kind_of(&e.said),
        });
    }
    (out, diagnostics)
}

fn check_weekday(e: &Expr, v: Option<Date>, weekday: Option<i8>, diagnostics: &mut Vec<Diagnostic>) {
    if let (Some(v), Some(wd)) = (v, weekday) {
        if v.weekday() != weekday_of(wd) {
            diagnostics.push(Diagnostic {
                span: Some(e.span),
                message: format!("{v} is a {:?}, not the weekday written with it", v.weekday()),
            });
        }
    }
}

/// `base` moved by `n` units: a day for days and weeks, a month for months, a year for years.
fn counted(base: Date, n: f64, unit: CalUnit) -> Option<DateValue> {
    if n.fract() != 0.0 || n.abs() > 10_000.0 {
        return match unit {
            CalUnit::Year => Some(DateValue::Year((base.year() as f64 + n).floor() as i16)),
            _ => None,
        };
    }
    let n = n as i64;
    Some(match unit {
        CalUnit::Day => DateValue::Day(add_days(base, n)?),
        CalUnit::Week | CalUnit::Weekend => DateValue::Day(add_days(base, 7 * n)?),
        CalUnit::Month => {
            let (year, month) = month_shift(base.year(), base.month(), n as i32);
            DateValue::Month { year, month }
        }
        CalUnit::Year => DateValue::Year(base.year() + n as i16),
    })
}

/// "last week", "this month", "next year", "last weekend" from the anchor `d`.
fn period(d: Date, unit: CalUnit, shift: Shift) -> Option<DateValue> {
    let by = match shift {
        Shift::Last => -1,
        Shift::This | Shift::None => 0,
        Shift::Next => 1,
    };
    Some(match unit {
        CalUnit::Year => DateValue::Year(d.year() + by as i16),
        CalUnit::Month => {
            let (year, month) = month_shift(d.year(), d.month(), by);
            DateValue::Month { year, month }
        }
        CalUnit::Week | CalUnit::Day => {
            let monday = add_days(d, -(d.weekday().to_monday_zero_offset() as i64))?;
            let start = add_days(monday, 7 * by as i64)?;
            DateValue::Range(start, add_days(start, 6)?)
        }
        CalUnit::Weekend => {
            let saturday = match shift {
                Shift::Last => d.nth_weekday(-1, Weekday::Saturday).ok()?,
                Shift::Next => d.nth_weekday(1, Weekday::Saturday).ok()?,
                _ => {
                    let monday = add_days(d, -(d.weekday().to_monday_zero_offset() as i64))?;
                    add_days(monday, 5)?
                }
            };
            let saturday = if shift == Shift::Last && d.weekday() == Weekday::Sunday {
                add_days(saturday, -7)?
            } else {
                saturday
            };
            DateValue::Range(saturday, add_days(saturday, 1)?)
        }
    })
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::common_days;

    #[test]
    fn common_days_keeps_the_most_common_days_with_their_counts() {
        let days =
            vec![date(2025, 5, 3), date(2025, 5, 1), date(2025, 5, 3), date(2025, 5, 2), date(2025, 5, 2)];
        assert_eq!(common_days(days.clone(), 3).len(), 5, "no more distinct days than the cap: all kept");
        assert_eq!(
            common_days(days, 2),
            vec![date(2025, 5, 2), date(2025, 5, 2), date(2025, 5, 3), date(2025, 5, 3)]
        );
        let ties = vec![date(2025, 5, 9), date(2025, 5, 1), date(2025, 5, 5)];
        assert_eq!(common_days(ties, 1), vec![date(2025, 5, 1)], "ties go to the earlier day");
    }
}
