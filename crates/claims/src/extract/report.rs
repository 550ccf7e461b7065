//! The General Staff's daily report as newspapers and channels reproduce it:
//!
//! ```text
//! Total combat losses of the enemy from 24.02.22 to 17.05.23 approximately amounted to:
//! personnel ‒ about 200590 (+610) persons,
//! tanks ‒ 3771 (+9),
//! ```
//!
//! or "Losses of the enemy as of 14.03.2025: Personnel: ~893,850 (+1,230)", or with the increment
//! first, "Tanks: +19 (10,120 in all)" or "Drones: +175" alone, one category a line,
//! the label and the count separated by a dash or a colon, in channels with an emoji before the
//! label and "liquidated" after the count.
//!
//! Each line gives two claims: the cumulative count (with its "about") as of the report's date,
//! and the increment `(+n)`, the losses of the loss day before the report (exact).

use super::lexicon::W;
use super::metrics::{Hit, People};
use super::numbers::{Form, Mention};
use super::periods::ymd;
use super::qualifiers::hedge;
use super::side::Src;
use super::tokens::{Kind, P, Sentence, Tok};
use super::{SentData, State};
use attrition_model::{Claim, ClaimKind, Hedge, Metric, Side};
use jiff::civil::Date;

/// "from 24.02.22 to 17.05.23", "Losses of the enemy as of 12.03.2024": the report's date.
pub(crate) fn header_date(toks: &[Tok], s: Sentence) -> Option<Date> {
    (s.start..s.end.saturating_sub(2)).find_map(|k| match (toks[k].kind, toks[k + 2].kind) {
        (Kind::DateNum { .. }, Kind::DateNum { year, month, day }) if toks[k + 1].is(W::To) => {
            ymd(year.into(), month.into(), day.into())
        }
        (Kind::Word { .. }, Kind::DateNum { year, month, day }) if toks[k].is(W::As) && toks[k + 1].is(W::Of) => {
            ymd(year.into(), month.into(), day.into())
        }
        _ => None,
    })
}

/// Reads a report line; pushes its claims and returns true when the sentence is one.
pub(crate) fn line<'t>(st: &State<'t>, toks: &[Tok], s: Sentence, d: &SentData, out: &mut Vec<Claim<'t>>) -> bool {
    // label, then a dash
    let Some(dash) = (s.start..s.end).find(|&k| toks[k].is_p(P::Dash) || toks[k].is_p(P::Colon)) else {
        return false;
    };
    if dash == s.start
        || !(s.start..dash).all(|k| toks[k].is_word() || toks[k].is_p(P::Hyphen) || toks[k].is_p(P::Slash))
    {
        return false;
    }
    let metric = d.phrases.iter().filter(|p| p.first >= s.start && p.last < dash).find_map(|p| match p.hit {
        Hit::Equip(c) => Some(Metric::Equipment(c)),
        Hit::People(People::Personnel | People::Losses) => Some(Metric::PersonnelLosses),
        _ => None,
    });
    let Some(metric) = metric else {
        return false;
    };
    // the number right after the dash
    let Some(first) = d.mentions.iter().find(|m| m.first > dash && m.form == Form::Cardinal) else {
        return false;
    };
    let cardinal_at = |at: usize| d.mentions.iter().find(|x| x.first == at && x.form == Form::Cardinal);
    let (total, inc, rest) = if first.first == dash + 2 && toks[dash + 1].is_p(P::Plus) {
        // "Tanks: +19 (10,120 in all)", "Tanks: +19": the increment first, then the running total
        let inc = first;
        match running_total_in_brackets(toks, s, inc.last + 1, &cardinal_at) {
            Some((total, close)) => (Some(total), Some(inc), close + 1),
            None => (None, Some(inc), inc.last + 1),
        }
    } else {
        // "tanks ‒ 3771 (+9)": the running total, then "(+9)" or "(0)"
        let k = first.last + 1;
        let plus = usize::from(toks.get(k + 1).is_some_and(|t| t.is_p(P::Plus)));
        let inc = cardinal_at(k + 1 + plus).filter(|x| {
            toks.get(k).is_some_and(|t| t.is_p(P::Open)) && toks.get(x.last + 1).is_some_and(|t| t.is_p(P::Close))
        });
        let (qualifier, qual_first) = hedge(toks, dash + 1, first.first);
        if qual_first != dash + 1 {
            return false;
        }
        (Some((first, qualifier)), inc, inc.map_or(k, |x| x.last + 2))
    };
    // nothing else may follow but "persons" and punctuation ("Artillery systems: 3,750 in the
    // quarter" is a sentence, not a report line)
    // ("personnel — about 91 690 (+540) liquidated")
    if !(rest..s.end).all(|j| {
        toks[j].is_p(P::Comma)
            || toks[j].is_p(P::Period)
            || toks[j].is_p(P::Semicolon)
            || matches!(toks[j].w(), Some(W::People | W::Liquidate | W::Kill | W::Destroy | W::Troop | W::Occupier))
    }) {
        return false;
    }
    // with a colon, a line is a report line only beside its increment or under a report's header
    if toks[dash].is_p(P::Colon) && inc.is_none() && st.report_date.is_none() {
        return false;
    }
    // the label names a category, not a time ("losses this week: 8,640")
    if (s.start..dash).any(|j| d.used.get(j - s.start).copied().unwrap_or(false)) {
        return false;
    }
    let as_of = match st.report_date {
        Some(date) if date < st.date => Some([attrition_model::WAR_START, super::periods::day_before(date)]),
        _ => None,
    };
    let report = st.report_date.filter(|r| *r <= st.date).unwrap_or(st.date);
    let claim = |start: usize, end: usize, m: &Mention, qualifier: Hedge| {
        let (low, high) = m.bounds(qualifier);
        Claim {
            span: [start, end],
            quote: std::borrow::Cow::Borrowed(&st.text[start..end]),
            side: Some(Side::Russia),
            metric: Some(metric),
            low,
            high,
            qualifier,
            rate: None,
            period: as_of,
            cumulative: true,
            kind: ClaimKind::Value,
            rank: None,
            convention: None,
            net_of_corrections: false,
            attribution: Some(Src::GeneralStaff.name().into()),
            vague: false,
            unit: m.unit,
            subset: None,
            peak_days: None,
        }
    };
    let increment = |start: usize, end: usize, inc: &Mention| {
        // the losses of the loss day before the report
        let day = super::periods::day_before(report);
        Claim { cumulative: false, period: Some([day, day]), ..claim(start, end, inc, Hedge::Exact) }
    };
    let line_start = toks[s.start].start;
    match (total, inc) {
        (Some((total, qualifier)), Some(inc)) if inc.first < total.first => {
            out.push(increment(line_start, toks[inc.last].end, inc));
            // from inside the bracket, its qualifier included: "about 512,420 so far"
            out.push(claim(toks[inc.last + 2].start, toks[rest - 2].end, total, qualifier));
        }
        (Some((total, qualifier)), inc) => {
            out.push(claim(line_start, toks[total.last].end, total, qualifier));
            if let Some(inc) = inc {
                out.push(increment(toks[total.first].start, toks[inc.last + 1].end, inc));
            }
        }
        (None, Some(inc)) => out.push(increment(line_start, toks[inc.last].end, inc)),
        (None, None) => return false,
    }
    true
}

/// "(10,120 in all)" from `open` on: the running total with its qualifier, and the closing
/// bracket's token.
fn running_total_in_brackets<'m>(
    toks: &[Tok],
    s: Sentence,
    open: usize,
    cardinal_at: &impl Fn(usize) -> Option<&'m Mention>,
) -> Option<((&'m Mention, Hedge), usize)> {
    if !toks.get(open).is_some_and(|t| t.is_p(P::Open)) {
        return None;
    }
    let total = (open + 1..s.end.min(open + 4)).find_map(cardinal_at)?;
    let (qualifier, qual_first) = hedge(toks, open + 1, total.first);
    if qual_first != open + 1 {
        return None;
    }
    // "(10,120 in all)", "(10,120 total)", "(10,120 overall)", "(10,120 so far)"
    let close = (total.last + 1..s.end.min(total.last + 4)).find(|&j| toks[j].is_p(P::Close))?;
    (total.last + 1..close)
        .all(|w| matches!(toks[w].w(), Some(W::In | W::All | W::Total | W::Overall | W::So | W::Far)))
        .then_some(((total, qualifier), close))
}
