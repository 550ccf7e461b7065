//! The General Staff's daily report as newspapers and channels reproduce it:
//!
//! ```text
//! Total combat losses of the enemy from 24.02.22 to 17.05.23 approximately amounted to:
//! personnel ‒ about 200590 (+610) persons,
//! tanks ‒ 3771 (+9),
//! ```
//!
//! or "Losses of the enemy as of 14.03.2025: Personnel: ~893,850 (+1,230)", one category a line,
//! the label and the count separated by a dash or a colon, in channels with an emoji before the
//! label and "liquidated" after the count.
//!
//! Each line gives two claims: the cumulative count (with its "about") as of the report's date,
//! and the increment `(+n)`, the losses of the loss day before the report (exact).

use super::lexicon::W;
use super::metrics::{Hit, People};
use super::numbers::Form;
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
    // the number right after the dash and its qualifier
    let Some(m) = d.mentions.iter().find(|m| m.first > dash && m.form == Form::Cardinal) else {
        return false;
    };
    let (qualifier, qual_first) = hedge(toks, dash + 1, m.first);
    if qual_first != dash + 1 {
        return false;
    }
    let as_of = match st.report_date {
        Some(date) if date < st.date => Some([attrition_model::WAR_START, super::periods::day_before(date)]),
        _ => None,
    };
    let report = st.report_date.filter(|r| *r <= st.date).unwrap_or(st.date);
    let (low, high) = match qualifier {
        Hedge::MoreThan | Hedge::AtLeast => (Some(m.low), None),
        Hedge::LessThan | Hedge::UpTo => (None, Some(m.high)),
        _ => (Some(m.low), Some(m.high)),
    };
    let base = |start: usize, end: usize| Claim {
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
    };
    // "(+610)", "(0)"
    let k = m.last + 1;
    let plus = usize::from(toks.get(k + 1).is_some_and(|t| t.is_p(P::Plus)));
    let inc = d.mentions.iter().find(|x| x.first == k + 1 + plus && x.form == Form::Cardinal).filter(|x| {
        toks.get(k).is_some_and(|t| t.is_p(P::Open)) && toks.get(x.last + 1).is_some_and(|t| t.is_p(P::Close))
    });
    // nothing else may follow but "persons" and punctuation ("Artillery systems: 3,750 in the
    // quarter" is a sentence, not a report line)
    let rest = inc.map_or(k, |x| x.last + 2);
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
    out.push(base(toks[s.start].start, toks[m.last].end));
    if let Some(inc) = inc {
        let day = super::periods::day_before(report);
        let mut claim = base(toks[m.first].start, toks[inc.last + 1].end);
        claim.low = Some(inc.low);
        claim.high = Some(inc.high);
        claim.qualifier = Hedge::Exact;
        claim.cumulative = false;
        claim.period = Some([day, day]);
        claim.unit = inc.unit;
        out.push(claim);
    }
    true
}
