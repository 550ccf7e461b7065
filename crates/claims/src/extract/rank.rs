//! Ranks and projections.
//!
//! A rank is a month placed among the war's months: "the deadliest month since …", "the
//! second-highest", "came second only to January", "second only to May", "runner-up to June's
//! 2,074", "a figure exceeded only in March", "is now in second place", "ranked only tenth", "a
//! record 1,160 artillery guns" (a value and a rank), "set a record", "a new monthly record",
//! "the peak came in December", "peaked in September", "the lowest monthly tank figure", "the
//! lowest ever" (beside a month's figure), "the fourth-best month of the year" (among that year's
//! months). Its terms follow the dev set's README: `order` highest or
//! lowest, `by` totals or daily averages ("the highest monthly rate"), `unit` month, and `among`
//! the complete months compared — from March 2022 (or the month after X for "since X") to the
//! last complete month before the text's date. Superlatives about years or days are not ranks of
//! months and are left out, as are headlines and questions.
//!
//! A projection is a figure the text expects: "on course to finish above 40,000", "will pass one
//! million by the end of May", "the month will close below 30,000", "the 100 000 mark will be
//! passed before the New Year", and what follows "on current form" or "at this pace" ("the count
//! passes 1.5 million by the end of September").

use super::lexicon::{Lex, W};
use super::periods::Shape;
use super::side::Src;
use super::tokens::{Kind, Mark, Marks, P, Sentence, Suffix, Tok};
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
    /// The months named inside the phrase are what the subject is compared with ("second only
    /// to May", "runner-up to June's 2,074"), not the subject.
    pub comparator: bool,
    /// Ranked among the months of one year ("the fourth-best month of the year", "the lowest
    /// monthly total of 2023").
    pub year: Option<i32>,
    /// No unit is named ("the lowest ever"): a rank only beside a figure for a whole month.
    pub month_figure: bool,
    /// The month is named inside the phrase ("a record 11,512 in October").
    pub inside_first: bool,
}

impl Found {
    fn new(first: usize, last: usize, key: usize, value: u32) -> Found {
        Found {
            first,
            last,
            key,
            subject: None,
            order: RankOrder::Highest,
            by: RankBy::Total,
            value,
            comparator: false,
            year: None,
            month_figure: false,
            inside_first: false,
        }
    }
}

fn ordinal_at(toks: &[Tok], k: usize) -> Option<u32> {
    match toks.get(k)?.kind {
        Kind::Word { lex: Lex::Ord(n), .. } => Some(u32::from(n)),
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
pub(crate) fn find_spans(toks: &[Tok], marks: &Marks, s: Sentence, d: &mut SentData) {
    d.ranks.clear();
    let w = |k: usize| if k >= s.start && k < s.end { toks[k].w() } else { None };
    let mut k = s.start;
    while let Some(at) = marks.next(Mark::Rank, k, s.end) {
        k = at;
        let found = match w(k) {
            Some(sup) if sup.is_superlative() => superlative(toks, s, k, sup),
            Some(W::Record) => record(toks, s, k),
            Some(W::Peak) => peak(toks, s, k),
            Some(W::Came) => ordinal_at(toks, k + 1).map(|value| {
                let mut last = k + 1;
                let mut comparator = false;
                // "second only to January", "second behind March"
                if let Some(end) = comparison_end(toks, s, last + 1) {
                    last = end;
                    comparator = true;
                }
                let subject = is_month(toks, k.wrapping_sub(1)).then(|| k - 1);
                Found { subject, comparator, ..Found::new(subject.unwrap_or(k), last, k + 1, value) }
            }),
            Some(W::Rank) if is_month(toks, k.wrapping_sub(1)) => {
                let at = if w(k + 1) == Some(W::Only) { k + 2 } else { k + 1 };
                ordinal_at(toks, at).map(|value| Found { subject: Some(k - 1), ..Found::new(k - 1, at, at, value) })
            }
            // "second only to May", "third behind March and May"
            _ if ordinal_at(toks, k).is_some() && !matches!(w(k.wrapping_sub(1)), Some(W::The | W::Its)) => {
                comparison_end(toks, s, k + 1).and_then(|last| {
                    let value = ordinal_at(toks, k)?;
                    Some(Found { comparator: true, ..Found::new(k, last, k, value) })
                })
            }
            // "runner-up to June's 2,074"
            Some(W::Runner) if toks.get(k + 1).is_some_and(|t| t.is_p(P::Hyphen)) && w(k + 2) == Some(W::Up) => {
                let last = if w(k + 3) == Some(W::To) { month_end(toks, s, k + 4).unwrap_or(k + 2) } else { k + 2 };
                Some(Found { comparator: true, ..Found::new(k, last, k, 2) })
            }
            // "(is now) in second place"
            Some(W::Position) if k > s.start && ordinal_at(toks, k - 1).is_some() => {
                let value = ordinal_at(toks, k - 1).unwrap_or(1);
                let first = if k >= s.start + 2 && matches!(w(k - 2), Some(W::In | W::Into)) { k - 2 } else { k - 1 };
                Some(Found { month_figure: true, ..Found::new(first, k, k - 1, value) })
            }
            // "a figure exceeded only in March", "surpassed only by May"
            Some(W::Exceed | W::Surpass) if w(k + 1) == Some(W::Only) && matches!(w(k + 2), Some(W::In | W::By)) => {
                month_end(toks, s, k + 3).map(|last| {
                    let mut first = k;
                    if k >= s.start + 2
                        && w(k - 2) == Some(W::A)
                        && matches!(w(k - 1), Some(W::Figure | W::Total | W::Number | W::Level))
                    {
                        first = k - 2;
                    }
                    Found { comparator: true, ..Found::new(first, last, k, 2) }
                })
            }
            _ => None,
        };
        if let Some(mut f) = found {
            // a time expression begun inside the phrase ends it ("since October 2023")
            if let Some(p) = d.periods.iter().find(|p| p.first > f.key && p.first <= f.last && p.last > f.last) {
                f.last = p.last;
            }
            d.rank_spans.push((f.first, f.last));
            d.ranks.push(f);
            k = f.last + 1;
        } else {
            k += 1;
        }
    }
}

/// "only to May", "behind (only) March and May 2022", "to July 2023's": the last token of the
/// comparison after a rank's ordinal starting at `k`, when one follows.
fn comparison_end(toks: &[Tok], s: Sentence, k: usize) -> Option<usize> {
    let w = |j: usize| if j >= s.start && j < s.end { toks[j].w() } else { None };
    let at = match (w(k), w(k + 1)) {
        (Some(W::Only), Some(W::To | W::Behind)) => k + 2,
        (Some(W::Behind), Some(W::Only)) => k + 2,
        (Some(W::Behind), _) => k + 1,
        _ => return None,
    };
    let mut last = month_end(toks, s, at)?;
    // "behind March and May 2022"
    if w(last + 1) == Some(W::And)
        && let Some(end) = month_end(toks, s, last + 2)
    {
        last = end;
    }
    Some(last)
}

/// A month (with its year) at `k`: its last token.
fn month_end(toks: &[Tok], s: Sentence, k: usize) -> Option<usize> {
    if k >= s.end || !is_month(toks, k) {
        return None;
    }
    let year = toks.get(k + 1).and_then(Tok::num).is_some_and(|n| n.year_like()) && k + 1 < s.end;
    Some(if year { k + 1 } else { k })
}

/// "peaked in September", "the peak came in December 2024", "the monthly peak remains
/// December 2024", "peaking in May": the month named after it is first.
fn peak(toks: &[Tok], s: Sentence, k: usize) -> Option<Found> {
    let w = |j: usize| if j >= s.start && j < s.end { toks[j].w() } else { None };
    // "the peak of the offensive" is no rank
    if w(k + 1) == Some(W::Of) {
        return None;
    }
    let month = (k + 1..(k + 5).min(s.end)).find(|&j| is_month(toks, j))?;
    if (k + 1..month).any(|j| matches!(toks[j].kind, Kind::Punct(_) | Kind::Num(_))) {
        return None;
    }
    let mut first = k;
    while first > s.start && matches!(w(first - 1), Some(W::The | W::Monthly | W::Its)) {
        first -= 1;
    }
    let last = month_end(toks, s, month).unwrap_or(month);
    Some(Found { subject: Some(month), ..Found::new(first, last, k, 1) })
}

fn superlative(toks: &[Tok], s: Sentence, k: usize, sup: W) -> Option<Found> {
    let w = |j: usize| if j >= s.start && j < s.end { toks[j].w() } else { None };
    // the unit must be a month: "the deadliest month", "the highest monthly total", "the most of
    // any month"; or none at all beside a month's figure ("140 armoured vehicles, the lowest
    // ever")
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
    let unitless = unit.is_none()
        && (w(k + 1) == Some(W::Ever) || (w(k + 1) == Some(W::On) && w(k + 2) == Some(W::Record)))
        && sup != W::Most;
    if unit.is_none() && !unitless {
        return None;
    }
    if sup == W::Most && !(matches!(w(k + 1), Some(W::Of | W::In)) && w(k + 2) == Some(W::Any)) {
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
    let mut last = phrase_end(toks, s, k, false);
    let by = if (k.saturating_sub(2)..=last)
        .any(|j| matches!(toks[j].w(), Some(W::Rate | W::Pace | W::Daily | W::Average)))
    {
        RankBy::DailyAverage
    } else {
        RankBy::Total
    };
    // "of the year", "this year", "of 2023", "in 2024": ranked among that year's months
    let mut year = None;
    for j in k + 1..=(last + 1).min(s.end.saturating_sub(1)) {
        let the_year = w(j) == Some(W::Year)
            && (w(j - 1) == Some(W::This) || (w(j - 1) == Some(W::The) && matches!(w(j - 2), Some(W::Of | W::In))));
        if the_year {
            year = Some(0);
            last = last.max(j);
            break;
        }
        if matches!(w(j), Some(W::Of | W::In))
            && let Some(n) = toks.get(j + 1).filter(|_| j + 1 < s.end).and_then(Tok::num).filter(|n| n.year_like())
        {
            #[allow(clippy::cast_possible_truncation)]
            let y = n.value as i32;
            year = Some(y);
            last = last.max(j + 1);
            break;
        }
    }
    let comparator = (k..=last).any(|j| w(j) == Some(W::Behind));
    Some(Found {
        first,
        last,
        key: k,
        subject,
        order,
        by,
        value,
        comparator,
        year,
        month_figure: unitless,
        inside_first: false,
    })
}

fn record(toks: &[Tok], s: Sentence, k: usize) -> Option<Found> {
    let w = |j: usize| if j >= s.start && j < s.end { toks[j].w() } else { None };
    // "on record" belongs to a superlative; "records of" is something else
    if w(k.wrapping_sub(1)) == Some(W::On) || w(k + 1) == Some(W::Of) {
        return None;
    }
    // "a record", "a new record", "a monthly record", "another record"
    let mut a = k;
    while a > s.start && matches!(w(a - 1), Some(W::New | W::Monthly)) {
        a -= 1;
    }
    if !(a > s.start && matches!(w(a - 1), Some(W::A | W::Another))) {
        return None;
    }
    a -= 1;
    // "set a record", "hit a (new) record"
    let verb = matches!(w(a.wrapping_sub(1)), Some(W::Set | W::Reach));
    let first = if verb { a - 1 } else { a };
    // "a record 1,160 artillery guns", "hit a record 6,171 in July"
    if toks.get(k + 1).is_some_and(|t| matches!(t.kind, Kind::Num(_)) || matches!(t.lex(), Some(Lex::Card(_))))
        && k + 1 < s.end
    {
        let last = phrase_end(toks, s, k + 1, true);
        return Some(Found { inside_first: true, ..Found::new(first, last, k, 1) });
    }
    if verb {
        return Some(Found::new(first, k, k, 1));
    }
    // "a new monthly record", "also a record", "a record month": the rank of a month's figure
    // beside it
    let next = toks.get(k + 1).filter(|_| k + 1 < s.end);
    let alone = next.is_none_or(|t| matches!(t.kind, Kind::Punct(_)) || matches!(t.w(), Some(W::And | W::For | W::In)));
    if alone || w(k + 1) == Some(W::MonthW) {
        let last = if w(k + 1) == Some(W::MonthW) { k + 1 } else { k };
        return Some(Found { month_figure: true, ..Found::new(first, last, k, 1) });
    }
    None
}

/// The first token of a projection cue before `lead` in its clause ("on course to", "will pass").
pub(crate) fn projection_cue(toks: &[Tok], clause: usize, lead: usize) -> Option<usize> {
    let lo = lead.saturating_sub(10).max(clause);
    (lo..lead)
        .find(|&k| match toks[k].w() {
            Some(W::Course | W::Track) => k > clause && toks[k - 1].is(W::On),
            // "set to", "expected to"; "expects Russian losses to pass"
            Some(W::Set | W::Expect) => {
                toks.get(k + 1).is_some_and(|t| t.is(W::To))
                    || (k + 2..(k + 6).min(lead)).any(|j| {
                        toks[j].is(W::To)
                            && toks.get(j + 1).is_some_and(|t| reaching(t.w()))
                            && (k + 1..j).all(|w| toks[w].is_word())
                    })
            }
            // "will pass", "will probably pass", "will likely top"
            Some(W::Will) => {
                let verb = if toks.get(k + 1).is_some_and(|t| t.is(W::Expect)) { k + 2 } else { k + 1 };
                toks.get(verb).is_some_and(|t| reaching(t.w()))
            }
            _ => false,
        })
        .map(|k| if toks[k].is(W::Course) || toks[k].is(W::Track) { k - 1 } else { k })
}

/// A verb a projection reaches its figure with.
fn reaching(w: Option<W>) -> bool {
    matches!(
        w,
        Some(
            W::Pass
                | W::Reach
                | W::Top
                | W::Exceed
                | W::Surpass
                | W::Cross
                | W::Finish
                | W::Overtake
                | W::Close
                | W::End
        )
    )
}

/// "on current form", "at this pace", "at the current rate": what follows is a projection.
pub(crate) fn pace_marker(toks: &[Tok], s: Sentence) -> Option<usize> {
    let w = |j: usize| if j < s.end { toks[j].w() } else { None };
    (s.start..s.end).find(|&k| match w(k) {
        Some(W::On) => w(k + 1) == Some(W::Current) && w(k + 2) == Some(W::Form),
        Some(W::At) => {
            let j = if matches!(w(k + 1), Some(W::This | W::That | W::The)) { k + 2 } else { k + 1 };
            let j = if w(j) == Some(W::Current) { j + 1 } else { j };
            j > k + 1 && matches!(w(j), Some(W::Pace | W::Rate))
        }
        _ => false,
    })
}

/// The rank claims of a sentence.
pub(crate) fn claims<'t>(
    st: &State<'t>,
    toks: &[Tok],
    s: Sentence,
    d: &SentData,
    drafts: &[Draft],
    out: &mut Vec<super::Claim<'t>>,
) {
    for f in &d.ranks {
        let Some(month) = subject_month(st, toks, s, d, drafts, f) else {
            continue;
        };
        // metric, side and source: the nearest figure in the sentence, else what the phrase names,
        // else the topic
        let nearest = drafts.iter().min_by_key(|dr| {
            // a figure's own time expression is part of it: "1,520 systems in July, a monthly
            // record" ranks the 1,520
            let own_end = dr.own.filter(|_| !dr.own_shared).map_or(0, |i| d.periods[i].last);
            let (a, b) = (dr.first_tok, dr.last_tok.max(own_end));
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
        let mut among_last = format!("{:04}-{:02}", complete.year(), complete.month());
        // ranked within one year: its months up to the last complete one
        let mut among_first = among_first;
        if let Some(year) = f.year {
            let year = if year == 0 { i32::from(complete.year()) } else { year };
            among_first = format!("{year:04}-01").max("2022-03".to_owned());
            among_last = among_last.min(format!("{year:04}-12"));
            if among_first > among_last {
                continue;
            }
        }
        let start = toks[f.first].start;
        let end = toks[f.last].end;
        let value = f64::from(f.value);
        out.push(Claim {
            span: [start, end],
            quote: std::borrow::Cow::Borrowed(&st.text[start..end]),
            side: Some(side),
            metric: Some(metric),
            low: Some(value),
            high: Some(value),
            qualifier: Hedge::Exact,
            rate: (f.by == RankBy::DailyAverage).then_some(RateUnit::PerDay),
            period: Some([month.first.first_of_month(), month.first.last_of_month()]),
            cumulative: false,
            kind: ClaimKind::Rank,
            rank: Some(Box::new(RankSpec {
                order: f.order,
                by: f.by,
                unit: "month".to_owned(),
                among: Some([among_first, among_last]),
            })),
            convention: None,
            net_of_corrections: false,
            attribution: source.filter(|s| *s != Src::They).map(|s| s.name().into()),
            vague: false,
            unit: Some(1.0),
            subset: None,
            peak_days: None,
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
    // a whole month; or, when the phrase names its unit, any stretch within one month ("May so
    // far")
    let whole = |x: &Stretch| x.fits(Shape::Month) || (x.first.day() == 1 && x.last == x.last.last_of_month());
    let month_of = |i: usize| match d.resolved[i] {
        R::Stretch(x) if whole(&x) || (!f.month_figure && x.first.first_of_month() == x.last.first_of_month()) => {
            Some(x)
        }
        _ => None,
    };
    if let Some(k) = f.subject
        && let Some(i) = d.periods.iter().position(|p| p.first <= k && k <= p.last)
    {
        return month_of(i);
    }
    // "a record 11,512 in October": the figure's own month
    let inside = || {
        (0..d.periods.len())
            .filter(|&i| {
                d.periods[i].first > f.key && d.periods[i].last <= f.last && !toks[d.periods[i].first].is(W::Since)
            })
            .find_map(month_of)
    };
    if f.inside_first
        && let Some(month) = inside()
    {
        return Some(month);
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
    // "the peak came in December 2024"; not "second only to May", which names the comparison
    if f.comparator {
        return from_draft_month(st, drafts, f);
    }
    if let Some(month) = inside() {
        return Some(month);
    }
    from_draft_month(st, drafts, f)
}

/// A figure in the sentence with a month, else the month in context.
fn from_draft_month(st: &State<'_>, drafts: &[Draft], f: &Found) -> Option<Stretch> {
    let from_draft = drafts.iter().find_map(|dr| {
        let [a, b] = dr.period?;
        let whole = a.day() == 1 && b == b.last_of_month();
        (a.first_of_month() == b.first_of_month() && (whole || !f.month_figure)).then_some(Stretch {
            first: a,
            last: b,
            shape: Shape::Month,
        })
    });
    if from_draft.is_some() {
        return from_draft;
    }
    st.para.or(st.carried).or(st.section).filter(|x| x.fits(Shape::Month))
}
