//! Anchor inference: the day an undated article speaks from, from its own dates.
//!
//! Candidates are the days within ten days of the article's explicit dates (or of the
//! seeds: other articles' anchors). Each candidate is scored by how well the article's
//! expressions fit it, the news way:
//!
//! - a weekday resolved from the candidate lies that many days from it (an article names
//!   the days of its own week: "on Saturday", "on Sunday he will");
//! - "tomorrow, May 12" wants the candidate to be May 11 (heavily weighted);
//! - "next Thursday, May 15" wants it in the fortnight before May 15;
//! - explicit days pull it a little towards them (capped, so old caption dates barely
//!   count);
//! - an article with no full date of its own pays for straying from the seeds.
//!
//! The cheapest candidate wins; ties go to the one nearest the latest explicit date (or
//! the seeds' median), then to the earlier. Cost is linear in the number of expressions
//! times a few dozen candidates.

use jiff::civil::Date;

use super::scan::{Expr, Said, Tense};
use super::{add_days, days_between, nearest_year, weekday_from, weekday_gap};

/// Fully written days ("May 11, 2025", "04 June 2023") of the expressions.
fn full_days(exprs: &[Expr]) -> Vec<Date> {
    exprs
        .iter()
        .filter_map(|e| match e.said {
            Said::Date { year: Some(y), month, day, .. } => Date::new(y, month, day).ok(),
            _ => None,
        })
        .collect()
}

/// Every explicit day of the expressions, those without a year resolved near `anchor`.
pub fn explicit_days(exprs: &[Expr], anchor: Option<Date>) -> Vec<Date> {
    exprs
        .iter()
        .filter_map(|e| match e.said {
            Said::Date { year: Some(y), month, day, .. } => Date::new(y, month, day).ok(),
            Said::Date { year: None, month, day, .. } => anchor.and_then(|a| nearest_year(a, month, day)),
            _ => None,
        })
        .collect()
}

/// The article's main event day: the first day it names, outside a future clause, in the
/// week up to the anchor; else the anchor.
pub fn event_day(exprs: &[Expr], anchor: Date, explicit: &[Date]) -> Date {
    let lo = add_days(anchor, -6).unwrap_or(anchor);
    for e in exprs {
        if e.tense == Tense::Future {
            continue;
        }
        let day = match e.said {
            Said::Weekday { weekday, shift } => Some(weekday_from(anchor, weekday, shift, e.tense, explicit)),
            Said::Date { year: Some(y), month, day, deixis: None, .. } => Date::new(y, month, day).ok(),
            Said::Date { year: None, month, day, deixis: None, .. } => nearest_year(anchor, month, day),
            _ => None,
        };
        if let Some(d) = day.filter(|d| lo <= *d && *d <= anchor) {
            return d;
        }
    }
    anchor
}

/// The days from `d` to the nearest of `seeds` (sorted): a binary search, so an article
/// seeded by many others costs a logarithm per candidate, not a scan.
fn nearest_gap(seeds: &[Date], d: Date) -> Option<i32> {
    let at = seeds.partition_point(|s| *s < d);
    let after = seeds.get(at).map(|s| days_between(d, *s));
    let before = at.checked_sub(1).map(|i| days_between(seeds[i], d));
    after.into_iter().chain(before).min()
}

/// How badly the expressions fit the anchor `d` (lower is better). An article without
/// dates of its own also pays for straying from the seeds (the other articles' anchors).
fn cost(exprs: &[Expr], d: Date, seeds: &[Date]) -> f64 {
    let mut cost = match nearest_gap(seeds, d) {
        Some(gap) => 0.5 * gap.min(14) as f64,
        None => 0.0,
    };
    for e in exprs {
        match e.said {
            Said::Weekday { weekday, shift } => {
                cost += weekday_gap(d, weekday, shift, e.tense) as f64;
            }
            Said::Date { year, month, day, deixis, next, .. } => {
                let x = match year {
                    Some(y) => Date::new(y, month, day).ok(),
                    None => nearest_year(d, month, day),
                };
                let Some(x) = x else { continue };
                let gap = days_between(d, x);
                if let Some(off) = deixis {
                    cost += 10.0 * (gap - off).abs() as f64;
                }
                if next && !(1..=13).contains(&gap) {
                    cost += 10.0;
                }
                cost += 0.5 * gap.abs().min(14) as f64;
            }
            _ => {}
        }
    }
    cost
}

/// The anchor that fits the expressions best, searched near their explicit full dates,
/// or near `seeds` (other articles' anchors, sorted) when they have none. `None` when
/// there is nothing to search near.
pub fn infer(exprs: &[Expr], seeds: &[Date], _reference: Option<Date>) -> Option<Date> {
    let fulls = full_days(exprs);
    let prior = match fulls.iter().max() {
        Some(d) => *d,
        None => *seeds.get(seeds.len().saturating_sub(1) / 2)?,
    };
    // nothing to fit: the prior is the anchor
    let constrained = exprs.iter().any(|e| {
        matches!(
            e.said,
            Said::Weekday { .. } | Said::Date { deixis: Some(_), .. } | Said::Date { next: true, .. }
        )
    });
    if !constrained {
        return Some(prior);
    }
    let mut centres: Vec<Date> = fulls.clone();
    centres.push(prior);
    if fulls.is_empty() {
        // Seeds are sorted: each distinct one once.
        centres
            .extend(seeds.iter().enumerate().filter(|&(i, s)| i == 0 || seeds[i - 1] != *s).map(|(_, s)| *s));
    }
    // month-days without a year, placed near the prior
    centres.extend(exprs.iter().filter_map(|e| match e.said {
        Said::Date { year: None, month, day, .. } => nearest_year(prior, month, day),
        _ => None,
    }));
    centres.sort();
    centres.dedup();
    // The days within ten of a centre, in order, each once: a day of a centre's window not
    // past the last one taken lies in the window of the centre before.
    let mut candidates: Vec<Date> = Vec::new();
    for c in centres {
        for k in -10..=10 {
            if let Some(d) = add_days(c, k).filter(|d| candidates.last().is_none_or(|last| d > last)) {
                candidates.push(d);
            }
        }
    }
    let mut best: Option<(f64, i32, Date)> = None;
    for d in candidates {
        let c = cost(exprs, d, if fulls.is_empty() { seeds } else { &[] });
        let dist = days_between(prior, d).abs();
        let better = match best {
            None => true,
            Some((bc, bd, _)) => c < bc - 1e-9 || ((c - bc).abs() < 1e-9 && dist < bd),
        };
        if better {
            best = Some((c, dist, d));
        }
    }
    best.map(|(_, _, d)| d)
}
