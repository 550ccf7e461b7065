//! Ranks and projections.
//!
//! A rank is a month placed among the war's months: "the deadliest month since …", "the
//! second-highest", "came second only to January", "ranked only tenth", "a record 1,160
//! artillery guns" (a value and a rank), "set a record", "the peak came in December", "the
//! lowest monthly tank figure". Its terms follow the dev set's README: `order` highest or
//! lowest, `by` totals or daily averages ("the highest monthly rate"), `unit` month, and `among`
//! the complete months compared — from March 2022 (or the month after X for "since X") to the
//! last complete month before the text's date. Superlatives about years or days are not ranks of
//! months and are left out, as are headlines and questions.
//!
//! A projection is a figure the text expects: "on course to finish above 40,000", "will pass one
//! million by the end of May".

use super::lexicon::{Lex, W};
use super::periods::Shape;
use super::side::Src;
use super::tokens::{Kind, P, Sentence, Suffix, Tok};
use super::{Draft, R, SentData, State, Stretch, Topic};
use attrition_model::{Claim, ClaimKind, Hedge, Metric, RankBy, RankOrder, RankSpec, RateUnit, Side};

/// A rank phrase found in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    /// First token of the quote.
    pub first: usize,
    /// Last token of the quote, inclusive.
    pub last: usize,
    /// The superlative, ordinal or "record" token.
    pub key: usize,
    /// A month subject written right before ("February came second").
    pub subject: Option<usize>,
    pub order: RankOrder,
    pub by: RankBy,
    pub value: u32,
}

fn ordinal_at(toks: &[Tok], k: usize) -> Option<u32> {
    match toks.get(k)?.kind {
        Kind::Word { lex: Lex::Ord(n), .. } => Some(n),
        Kind::Num(n) if n.suffix == Suffix::Ordinal =>
        {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            Some(n.value as u32)
        }
        _ => None,
    }
}

fn is_month(toks: &[Tok], k: usize) -> bool {
    matches!(toks.get(k).and_then(Tok::lex), Some(Lex::Month(_)))
}

/// Where a rank phrase ends: before a clause break, a conjunction or (unless `numbers`) a number.
fn phrase_end(toks: &[Tok], s: Sentence, from: usize, numbers: bool) -> usize {
    let mut k = from;
    while k + 1 < s.end && k + 1 < from + 12 {
        let next = &toks[k + 1];
        let stop = match next.kind {
            Kind::Punct(P::Comma | P::Period | P::Semicolon | P::Colon | P::Dash | P::Question | P::Bang | P::Open) => {
                true
            }
            Kind::Num(_) => !numbers,
            Kind::Word {
                lex: Lex::W(W::And | W::But | W::While | W::When | W::Which | W::With | W::That | W::Making),
                ..
            } => true,
            _ => false,
        };
        if stop {
            break;
        }
        k += 1;
    }
    k
}

/// Find the rank phrases of a sentence; their token ranges go to `d.rank_spans`.
pub(crate) fn find_spans(toks: &[Tok], s: Sentence, d: &mut SentData) {
    d.ranks.clear();
    let w = |k: usize| if k >= s.start && k < s.end { toks[k].w() } else { None };
    let mut k = s.start;
    while k < s.end {
        if toks[k].flags & super::lexicon::flag::RANK == 0 {
            k += 1;
            continue;
        }
        let found = match w(k) {
            Some(sup) if sup.is_superlative() => superlative(toks, s, k, sup),
            Some(W::Record) => record(toks, s, k),
            Some(W::Peak) if w(k + 1) == Some(W::Came) => {
                let first = if w(k - 1) == Some(W::The) { k - 1 } else { k };
                let last = phrase_end(toks, s, k + 1, true);
                Some(Found {
                    first,
                    last,
                    key: k,
                    subject: None,
                    order: RankOrder::Highest,
                    by: RankBy::Total,
                    value: 1,
                })
            }
            Some(W::Came) if is_month(toks, k.wrapping_sub(1)) => {
                ordinal_at(toks, k + 1).map(|value| {
                    let mut last = k + 1;
                    // "second only to January"
                    if w(last + 1) == Some(W::Only) && w(last + 2) == Some(W::To) && is_month(toks, last + 3) {
                        last += 3;
                    }
                    Found {
                        first: k - 1,
                        last,
                        key: k + 1,
                        subject: Some(k - 1),
                        order: RankOrder::Highest,
                        by: RankBy::Total,
                        value,
                    }
                })
            }
            Some(W::Rank) if is_month(toks, k.wrapping_sub(1)) => {
                let at = if w(k + 1) == Some(W::Only) { k + 2 } else { k + 1 };
                ordinal_at(toks, at).map(|value| Found {
                    first: k - 1,
                    last: at,
                    key: at,
                    subject: Some(k - 1),
                    order: RankOrder::Highest,
                    by: RankBy::Total,
                    value,
                })
            }
            _ => None,
        };
        if let Some(f) = found {
            d.rank_spans.push((f.first, f.last));
            d.ranks.push(f);
            k = f.last + 1;
        } else {
            k += 1;
        }
    }
}

fn superlative(toks: &[Tok], s: Sentence, k: usize, sup: W) -> Option<Found> {
    let w = |j: usize| if j >= s.start && j < s.end { toks[j].w() } else { None };
    // the unit must be a month: "the deadliest month", "the highest monthly total", "the most of
    // any month"
    let mut unit = None;
    for (j, tok) in toks.iter().enumerate().take((k + 5).min(s.end)).skip(k + 1) {
        match tok.w() {
            // "the deadliest month", "the highest monthly total"; not "the highest this month",
            // which ranks days within a month
            Some(W::MonthW | W::Monthly)
                if !matches!(
                    toks[j - 1].w(),
                    Some(W::This | W::Last | W::That | W::Each | W::Every | W::In | W::Since)
                ) =>
            {
                unit = Some(j);
                break;
            }
            Some(W::MonthW) => return None,
            Some(W::Year | W::Week | W::Day | W::Quarter | W::Annual | W::Daily | W::Weekly) => return None,
            _ => {}
        }
        if matches!(tok.kind, Kind::Punct(_) | Kind::Num(_)) {
            break;
        }
    }
    unit?;
    if sup == W::Most && !(w(k + 1) == Some(W::Of) && w(k + 2) == Some(W::Any)) {
        return None;
    }
    let order = if matches!(sup, W::Lowest | W::Fewest | W::Smallest | W::Quietest) {
        RankOrder::Lowest
    } else {
        RankOrder::Highest
    };
    let mut value = 1;
    let mut first = k;
    if k >= s.start + 2
        && toks[k - 1].is_p(P::Hyphen)
        && let Some(n) = ordinal_at(toks, k - 2)
    {
        value = n;
        first = k - 2;
    } else if k > s.start
        && let Some(n) = ordinal_at(toks, k - 1)
    {
        value = n;
        first = k - 1;
    }
    if first > s.start && matches!(w(first - 1), Some(W::The | W::A | W::Its)) {
        first -= 1;
    }
    // "December was the worst month": the subject month opens the quote
    let mut subject = None;
    if first >= s.start + 2 && w(first - 1) == Some(W::Be) && is_month(toks, first - 2) {
        first -= 2;
        subject = Some(first);
    }
    let last = phrase_end(toks, s, k, false);
    let by = if (k.saturating_sub(2)..=last)
        .any(|j| matches!(toks[j].w(), Some(W::Rate | W::Pace | W::Daily | W::Average)))
    {
        RankBy::DailyAverage
    } else {
        RankBy::Total
    };
    Some(Found { first, last, key: k, subject, order, by, value })
}

fn record(toks: &[Tok], s: Sentence, k: usize) -> Option<Found> {
    let w = |j: usize| if j >= s.start && j < s.end { toks[j].w() } else { None };
    // "on record" belongs to a superlative; "records of" is something else
    if w(k.wrapping_sub(1)) == Some(W::On) || w(k + 1) == Some(W::Of) {
        return None;
    }
    if w(k.wrapping_sub(1)) != Some(W::A) {
        return None;
    }
    let a = k - 1;
    // "set a record", "hit a record"
    if matches!(w(a.wrapping_sub(1)), Some(W::Set | W::Reach)) {
        return Some(Found {
            first: a - 1,
            last: k,
            key: k,
            subject: None,
            order: RankOrder::Highest,
            by: RankBy::Total,
            value: 1,
        });
    }
    // "a record 1,160 artillery guns"
    if toks.get(k + 1).is_some_and(|t| matches!(t.kind, Kind::Num(_)) || matches!(t.lex(), Some(Lex::Card(_))))
        && k + 1 < s.end
    {
        let last = phrase_end(toks, s, k + 1, true);
        return Some(Found {
            first: a,
            last,
            key: k,
            subject: None,
            order: RankOrder::Highest,
            by: RankBy::Total,
            value: 1,
        });
    }
    None
}

/// The first token of a projection cue before `lead` in its clause ("on course to", "will pass").
pub(crate) fn projection_cue(toks: &[Tok], clause: usize, lead: usize) -> Option<usize> {
    let lo = lead.saturating_sub(10).max(clause);
    (lo..lead)
        .find(|&k| match toks[k].w() {
            Some(W::Course | W::Track) => k > clause && toks[k - 1].is(W::On),
            Some(W::Set | W::Expect) => toks.get(k + 1).is_some_and(|t| t.is(W::To)),
            Some(W::Will) => toks.get(k + 1).is_some_and(|t| {
                matches!(
                    t.w(),
                    Some(W::Pass | W::Reach | W::Top | W::Exceed | W::Surpass | W::Cross | W::Finish | W::Overtake)
                )
            }),
            _ => false,
        })
        .map(|k| if toks[k].is(W::Course) || toks[k].is(W::Track) { k - 1 } else { k })
}

/// The rank claims of a sentence.
pub(crate) fn claims(
    st: &State<'_>,
    toks: &[Tok],
    s: Sentence,
    d: &SentData,
    drafts: &[Draft],
    out: &mut Vec<super::Claim>,
) {
    for f in &d.ranks {
        let Some(month) = subject_month(st, toks, s, d, drafts, f) else {
            continue;
        };
        // metric, side and source: the nearest figure in the sentence, else what the phrase names,
        // else the topic
        let nearest = drafts.iter().min_by_key(|dr| {
            let (a, b) = (dr.first_tok, dr.last_tok);
            if b < f.key {
                (f.key - b) * 2
            } else if a > f.key {
                (a - f.key) * 2 + 1
            } else {
                0
            }
        });
        let named = d.phrases.iter().filter(|p| p.first >= f.first && p.last <= f.last).find_map(|p| match p.hit {
            super::metrics::Hit::Equip(c) => Some(Metric::Equipment(c)),
            _ => None,
        });
        let (metric, side, source) = match nearest {
            Some(dr) => (dr.metric, dr.side, dr.source),
            None => {
                let source = st.para_source_pub();
                let metric = named.unwrap_or(match st.topic_pub() {
                    Some(Topic::Equip(c)) => Metric::Equipment(c),
                    _ => {
                        if st.official_pub(source) {
                            Metric::PersonnelLosses
                        } else {
                            Metric::Casualties
                        }
                    }
                });
                (metric, Side::Russia, source)
            }
        };
        let since = d
            .periods
            .iter()
            .zip(&d.resolved)
            .filter(|(p, _)| p.first > f.key && p.last <= f.last && toks[p.first].is(W::Since))
            .find_map(|(_, r)| match r {
                R::Stretch(x) => Some(x.first),
                _ => None,
            });
        let among_first = match since {
            Some(date) => {
                use jiff::ToSpan;
                let next = date.first_of_month().checked_add(1.month()).unwrap_or(date);
                format!("{:04}-{:02}", next.year(), next.month())
            }
            None => "2022-03".to_owned(),
        };
        let complete = if st.yesterday == st.yesterday.last_of_month() {
            st.yesterday
        } else {
            st.yesterday.first_of_month().yesterday().unwrap_or(st.yesterday)
        };
        let among_last = format!("{:04}-{:02}", complete.year(), complete.month());
        let start = toks[f.first].start;
        let end = toks[f.last].end;
        let value = f64::from(f.value);
        out.push(Claim {
            span: [start, end],
            quote: st.text[start..end].to_owned(),
            side: Some(side),
            metric: Some(metric),
            low: Some(value),
            high: Some(value),
            qualifier: Hedge::Exact,
            rate: (f.by == RankBy::DailyAverage).then_some(RateUnit::PerDay),
            period: Some([month.first.first_of_month(), month.first.last_of_month()]),
            cumulative: false,
            kind: ClaimKind::Rank,
            rank: Some(RankSpec {
                order: f.order,
                by: f.by,
                unit: "month".to_owned(),
                among: Some([among_first, among_last]),
            }),
            convention: None,
            net_of_corrections: false,
            attribution: source.filter(|s| *s != Src::They).map(|s| s.name().to_owned()),
            vague: false,
            unit: Some(1.0),
        });
    }
}

fn subject_month(
    st: &State<'_>,
    toks: &[Tok],
    s: Sentence,
    d: &SentData,
    drafts: &[Draft],
    f: &Found,
) -> Option<Stretch> {
    let _ = s;
    let month_of = |i: usize| match d.resolved[i] {
        R::Stretch(x) if x.fits(Shape::Month) || x.first.first_of_month() == x.last.first_of_month() => Some(x),
        _ => None,
    };
    if let Some(k) = f.subject
        && let Some(i) = d.periods.iter().position(|p| p.first <= k && k <= p.last)
    {
        return month_of(i);
    }
    // the nearest month before the key word, outside the phrase's own "since …"
    let before = (0..d.periods.len())
        .rev()
        .filter(|&i| {
            d.periods[i].last < f.key && !(d.periods[i].first > f.first && toks[d.periods[i].first].is(W::Since))
        })
        .find_map(month_of);
    if before.is_some() {
        return before;
    }
    // "the peak came in December 2024"
    let inside = (0..d.periods.len())
        .filter(|&i| {
            d.periods[i].first > f.key && d.periods[i].last <= f.last && !toks[d.periods[i].first].is(W::Since)
        })
        .find_map(month_of);
    if inside.is_some() {
        return inside;
    }
    // a figure in the sentence with a month
    let from_draft = drafts.iter().find_map(|dr| {
        let [a, b] = dr.period?;
        (a.first_of_month() == b.first_of_month()).then_some(Stretch { first: a, last: b, shape: Shape::Month })
    });
    if from_draft.is_some() {
        return from_draft;
    }
    st.para.or(st.carried).filter(|x| x.fits(Shape::Month))
}
