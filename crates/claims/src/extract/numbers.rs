//! Numbers as written: digit literals with a scale word ("1.2 million"), spelled-out numbers
//! ("twenty-one", "six hundred thousand", "half a million", "three-quarters of a million"),
//! ordinals ("tenth", "fourth-highest", "1,586th"), vague amounts ("tens of thousands", with
//! ACLED's mapping: tens → 10, dozens → 12, hundreds → 100, each up to the next order of
//! magnitude) and ranges ("20,000 to 25,000", "between X and Y", "30-35,000").

use super::lexicon::{Lex, W};
use super::tokens::{Kind, Mark, Marks, P, Suffix, Tok};

/// What a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// One number.
    Cardinal,
    /// An ordinal ("tenth", "2nd").
    Ordinal,
    /// A vague amount ("hundreds").
    Vague,
    /// A percentage.
    Percent,
    /// A range low–high.
    Range,
}

/// One number mention in a sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Mention {
    /// First token (index into the block's tokens).
    pub first: usize,
    /// Last token, inclusive.
    pub last: usize,
    /// The value, or the low end.
    pub low: f64,
    /// The high end (= `low` for one number).
    pub high: f64,
    /// The unit of the last significant digit, for digits; `None` for spelled or vague.
    pub unit: Option<f64>,
    /// What it is.
    pub form: Form,
    /// Written in words.
    pub spelled: bool,
    /// Four plain digits 1900–2099 with no scale.
    pub year_like: bool,
    /// A plain integer in digits (no grouping, decimals or scale).
    pub plain: bool,
    /// Part of a model designation or a price.
    pub opaque: bool,
    /// The token where the range's first number starts, when a range begins with "between" or
    /// "from".
    pub lead: Option<usize>,
    /// Written as an approximation ("forty-odd thousand").
    pub approx: bool,
}

impl Mention {
    /// The claim's `(low, high)` under a qualifier: "more than 5,000" has no upper end, "up to
    /// 5,000" no lower one.
    pub(crate) fn bounds(&self, qualifier: attrition_model::Hedge) -> (Option<f64>, Option<f64>) {
        use attrition_model::Hedge;
        match qualifier {
            Hedge::MoreThan | Hedge::AtLeast => (Some(self.low), None),
            Hedge::LessThan | Hedge::UpTo => (None, Some(self.high)),
            _ => (Some(self.low), Some(self.high)),
        }
    }

    /// A plain integer or a range of them.
    pub fn plain_or_range(&self) -> bool {
        self.plain || (self.form == Form::Range && self.unit.is_some_and(|u| u <= 1.0))
    }
}

fn scale_of(tok: &Tok) -> Option<f64> {
    match tok.lex() {
        Some(Lex::Scale(e)) if e >= 3 => Some(10f64.powi(i32::from(e))),
        _ => None,
    }
}

/// A spelled number starting at `k`: (value, last token, ordinal).
fn spelled(toks: &[Tok], k: usize, end: usize) -> Option<(f64, usize, bool)> {
    let lex = toks[k].lex()?;
    let at = |j: usize| if j < end { toks[j].lex() } else { None };
    let is_w = |j: usize, w: W| j < end && toks[j].is(w);
    // fractions of a scale: "half a million", "a quarter of a million", "three-quarters of a million"
    let fraction = |j: usize, f: f64| -> Option<(f64, usize, bool)> {
        // j points at "of" (quarters) or "a" (half)
        let mut j = j;
        if is_w(j, W::Of) {
            j += 1;
        }
        if is_w(j, W::A) {
            j += 1;
        }
        let s = if j < end { scale_of(&toks[j]) } else { None }?;
        Some((f * s, j, false))
    };
    match lex {
        Lex::Half => return fraction(k + 1, 0.5),
        Lex::W(W::A) => {
            return match at(k + 1) {
                Some(Lex::Scale(e)) => {
                    let (v, last, _) = spelled(toks, k + 1, end).unwrap_or((10f64.powi(i32::from(e)), k + 1, false));
                    Some((v, last, false))
                }
                Some(Lex::Dozen) => Some((12.0, k + 1, false)),
                Some(Lex::W(W::Quarter)) if is_w(k + 2, W::Of) => fraction(k + 2, 0.25),
                _ => None,
            };
        }
        Lex::Card(_) | Lex::Ord(_) => {}
        _ => return None,
    }
    // "three-quarters of a million"
    if let Lex::Card(n) = lex
        && n < 10
        && toks.get(k + 1).is_some_and(|t| t.is_p(P::Hyphen))
        && k + 2 < end
        && toks[k + 2].is(W::Quarter)
    {
        return fraction(k + 3, f64::from(n) / 4.0);
    }
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Prev {
        Start,
        Ten,
        Unit,
        Hundred,
        Big,
        And,
    }
    let mut total = 0.0;
    let mut current = 0.0;
    let mut last = k;
    let mut prev = Prev::Start;
    let mut ordinal = false;
    let mut j = k;
    let open = |p: Prev| matches!(p, Prev::Start | Prev::Hundred | Prev::Big | Prev::And);
    while j < end {
        match toks[j].lex() {
            Some(Lex::Card(n)) if n >= 20 && open(prev) => {
                current += f64::from(n);
                prev = Prev::Ten;
            }
            Some(Lex::Card(n)) if open(prev) || (prev == Prev::Ten && (1..10).contains(&n)) => {
                current += f64::from(n);
                prev = Prev::Unit;
            }
            Some(Lex::Ord(n)) if open(prev) || (prev == Prev::Ten && n < 10) => {
                current += f64::from(n);
                ordinal = true;
                last = j;
                break;
            }
            Some(Lex::Scale(2)) if prev == Prev::Unit => {
                current *= 100.0;
                prev = Prev::Hundred;
            }
            Some(Lex::Scale(e)) if matches!(prev, Prev::Ten | Prev::Unit | Prev::Hundred) => {
                total += current * 10f64.powi(i32::from(e));
                current = 0.0;
                prev = Prev::Big;
            }
            // "one point two million": digits after "point", then a scale
            Some(Lex::W(W::Point)) if matches!(prev, Prev::Ten | Prev::Unit) => {
                let mut fraction = 0.0;
                let mut place = 0.1;
                let mut m = j + 1;
                while m < end && matches!(toks[m].lex(), Some(Lex::Card(n)) if n < 10) {
                    if let Some(Lex::Card(n)) = toks[m].lex() {
                        fraction += f64::from(n) * place;
                    }
                    place /= 10.0;
                    m += 1;
                }
                match toks.get(m).filter(|_| m < end && m > j + 1).and_then(scale_of) {
                    Some(scale) => {
                        total += (current + fraction) * scale;
                        current = 0.0;
                        last = m;
                        prev = Prev::Big;
                        j = m + 1;
                        continue;
                    }
                    None => break,
                }
            }
            Some(Lex::Dozen) if prev == Prev::Unit => {
                current *= 12.0;
            }
            _ => {
                let next_is_number = j + 1 < end && matches!(toks[j + 1].lex(), Some(Lex::Card(_) | Lex::Ord(_)));
                if toks[j].is_p(P::Hyphen) && prev == Prev::Ten && next_is_number {
                    j += 1;
                    continue;
                }
                // "forty-odd (thousand)"
                if toks[j].is_p(P::Hyphen)
                    && matches!(prev, Prev::Ten | Prev::Unit)
                    && j + 1 < end
                    && toks[j + 1].is(W::Odd)
                {
                    last = j + 1;
                    j += 2;
                    continue;
                }
                if toks[j].is(W::And) && matches!(prev, Prev::Hundred | Prev::Big) && next_is_number {
                    prev = Prev::And;
                    j += 1;
                    continue;
                }
                break;
            }
        }
        last = j;
        j += 1;
    }
    if prev == Prev::Start && !ordinal {
        return None;
    }
    Some((total + current, last, ordinal))
}

/// A number written like "24.02" is a date between the words of a span of dates ("between
/// 24.02 and 05.12", "from 01.06 to 30.06") or beside another such number.
fn date_company(toks: &[Tok], start: usize, end: usize, k: usize) -> bool {
    let day_month = |j: usize| j >= start && j < end && toks[j].num().is_some_and(|n| n.day_month);
    let prev = if k > start { toks[k - 1].w() } else { None };
    let next = if k + 1 < end { toks[k + 1].w() } else { None };
    matches!(prev, Some(W::Between | W::From | W::Since | W::Until | W::On))
        || (matches!(prev, Some(W::And | W::To)) && day_month(k.wrapping_sub(2)))
        || (matches!(next, Some(W::And | W::To)) && day_month(k + 2))
}

/// The number mentions in tokens `[start, end)`, in order, with ranges merged.
pub(crate) fn mentions(toks: &[Tok], marks: &Marks, start: usize, end: usize, out: &mut Vec<Mention>) {
    let first_out = out.len();
    let mut k = start;
    while let Some(at) = marks.next(Mark::Num, k, end) {
        k = at;
        let tok = &toks[k];
        match tok.kind {
            Kind::Num(lit) => {
                let mut m = Mention {
                    first: k,
                    last: k,
                    low: lit.value,
                    high: lit.value,
                    unit: Some(lit.unit),
                    form: match lit.suffix {
                        Suffix::None => Form::Cardinal,
                        Suffix::Ordinal => Form::Ordinal,
                        Suffix::Percent => Form::Percent,
                    },
                    spelled: false,
                    year_like: lit.year_like(),
                    plain: !lit.grouped && !lit.decimal && !lit.scaled,
                    opaque: lit.model || lit.money || (lit.day_month && date_company(toks, start, end, k)),
                    lead: None,
                    approx: false,
                };
                if m.form == Form::Cardinal {
                    if let Some(s) = toks.get(k + 1).filter(|_| k + 1 < end).and_then(scale_of) {
                        m.low *= s;
                        m.high *= s;
                        m.unit = m.unit.map(|u| u * s);
                        m.last = k + 1;
                        m.plain = false;
                        m.year_like = false;
                    }
                    let next = m.last + 1;
                    if next < end && (toks[next].is_p(P::Percent) || toks[next].is(W::Percent)) {
                        m.form = Form::Percent;
                        m.last = next;
                    } else if next + 1 < end && toks[next].is(W::Per) && toks[next + 1].is(W::Cent) {
                        m.form = Form::Percent;
                        m.last = next + 1;
                    }
                }
                k = m.last + 1;
                out.push(m);
            }
            Kind::Word { lex: Lex::Vague(base), .. } => {
                let (low_base, high_base) = match base {
                    1 => (10.0, 100.0),
                    12 => (12.0, 100.0),
                    e => {
                        let b = 10f64.powi(i32::from(e));
                        (b, b * 10.0)
                    }
                };
                let mut last = k;
                let mut scale = 1.0;
                // "tens of thousands", "hundreds of thousands"
                if k + 2 < end
                    && toks[k + 1].is(W::Of)
                    && let Some(Lex::Vague(e)) = toks[k + 2].lex()
                    && e >= 3
                    && e != 12
                {
                    scale = 10f64.powi(i32::from(e));
                    last = k + 2;
                }
                out.push(Mention {
                    first: k,
                    last,
                    low: low_base * scale,
                    high: high_base * scale,
                    unit: None,
                    form: Form::Vague,
                    spelled: true,
                    year_like: false,
                    plain: false,
                    opaque: false,
                    lead: None,
                    approx: false,
                });
                k = last + 1;
            }
            Kind::Word { lex: Lex::Card(_) | Lex::Ord(_) | Lex::Half | Lex::W(W::A), .. } => {
                if let Some((value, last, ordinal)) = spelled(toks, k, end) {
                    let approx = (k..=last).any(|j| toks[j].is(W::Odd));
                    out.push(Mention {
                        first: k,
                        last,
                        low: value,
                        high: value,
                        unit: None,
                        form: if ordinal { Form::Ordinal } else { Form::Cardinal },
                        spelled: true,
                        year_like: false,
                        plain: false,
                        opaque: false,
                        lead: None,
                        approx,
                    });
                    k = last + 1;
                } else {
                    k += 1;
                }
            }
            _ => k += 1,
        }
    }
    merge_ranges(toks, out, first_out);
}

/// The scale a range's first number borrows from the second ("30-35,000": 1,000).
fn borrowed_scale(toks: &[Tok], m2: &Mention) -> f64 {
    if m2.last > m2.first
        && let Some(s) = scale_of(&toks[m2.last])
    {
        return s;
    }
    if let Some(lit) = toks[m2.first].num() {
        if lit.scaled {
            return 10f64.powi(((lit.value.log10() / 3.0).floor() * 3.0) as i32);
        }
        if lit.grouped && !lit.decimal {
            return 10f64.powi(((lit.value.log10() / 3.0).floor() * 3.0) as i32);
        }
    }
    1.0
}

fn merge_ranges(toks: &[Tok], out: &mut Vec<Mention>, from: usize) {
    let mut i = from;
    while i + 1 < out.len() {
        let (m1, m2) = (out[i], out[i + 1]);
        let gap = m2.first - m1.last;
        let joiner = if gap == 2 { Some(&toks[m1.last + 1]) } else { None };
        let dash = joiner.is_some_and(|t| t.is_p(P::Hyphen) || t.is_p(P::Dash) && !m1.spelled);
        let to = joiner.is_some_and(|t| t.is(W::To));
        let and = joiner.is_some_and(|t| t.is(W::And));
        let cardinal = m1.form == Form::Cardinal && m2.form == Form::Cardinal && !m1.opaque && !m2.opaque;
        if !(cardinal && (dash || to || and)) || m1.year_like || m2.year_like {
            i += 1;
            continue;
        }
        // what comes before the first number: "between", "from" (with an optional qualifier)
        let mut lead_at = m1.first;
        let mut back = m1.first;
        while back > 0
            && matches!(toks[back - 1].w(), Some(W::About | W::Around | W::Roughly | W::Approximately | W::Some))
        {
            back -= 1;
        }
        let lead = back.checked_sub(1).map(|b| (b, toks[b].w()));
        let between = matches!(lead, Some((_, Some(W::Between))));
        let from = matches!(lead, Some((_, Some(W::From))));
        if and && !between {
            i += 1;
            continue;
        }
        if from {
            // "rose from 3,000 to 3,397" is a change, not a range
            let verb = lead.and_then(|(b, _)| b.checked_sub(1)).map(|b| toks[b].w());
            if matches!(verb, Some(Some(W::Rose | W::Fell | W::Up))) {
                i += 1;
                continue;
            }
        }
        if let Some((b, _)) = lead.filter(|_| between || from) {
            lead_at = b;
        }
        let mut low = m1.low;
        if m1.plain && m1.low < m2.low {
            let s = borrowed_scale(toks, &m2);
            if s > 1.0 && m1.low * s <= m2.low && m1.low * s * 10.0 > m2.low {
                low = m1.low * s;
            }
        }
        if low >= m2.low {
            i += 1;
            continue;
        }
        // "X to Y" without "from"/"between": the two must be of a similar size
        if to && !from && m2.low / low > 20.0 {
            i += 1;
            continue;
        }
        let unit = match (m1.unit, m2.unit) {
            (Some(a), Some(b)) => Some(if low != m1.low { b } else { a.min(b) }),
            _ => None,
        };
        out[i] = Mention {
            first: m1.first,
            last: m2.last,
            low,
            high: m2.high,
            unit,
            form: Form::Range,
            spelled: m1.spelled || m2.spelled,
            year_like: false,
            plain: false,
            opaque: false,
            lead: (lead_at != m1.first).then_some(lead_at),
            approx: m1.approx || m2.approx,
        };
        out.remove(i + 1);
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn parse(text: &str) -> Vec<(f64, f64, Form)> {
        let mut toks = Vec::new();
        tokenize(text, 0, text.len(), &mut toks);
        let mut out = Vec::new();
        mentions(&toks, &Marks::of(&toks), 0, toks.len(), &mut out);
        out.iter().map(|m| (m.low, m.high, m.form)).collect()
    }

    #[test]
    fn spelled_numbers() {
        assert_eq!(parse("twenty-one tanks"), vec![(21.0, 21.0, Form::Cardinal)]);
        assert_eq!(parse("six hundred thousand men"), vec![(600_000.0, 600_000.0, Form::Cardinal)]);
        assert_eq!(parse("ten thousand invaders"), vec![(10_000.0, 10_000.0, Form::Cardinal)]);
        assert_eq!(parse("past half a million"), vec![(500_000.0, 500_000.0, Form::Cardinal)]);
        assert_eq!(parse("three-quarters of a million"), vec![(750_000.0, 750_000.0, Form::Cardinal)]);
        assert_eq!(parse("a quarter of a million"), vec![(250_000.0, 250_000.0, Form::Cardinal)]);
        assert_eq!(parse("one million"), vec![(1e6, 1e6, Form::Cardinal)]);
        assert_eq!(parse("a dozen"), vec![(12.0, 12.0, Form::Cardinal)]);
        assert_eq!(parse("two hundred and fifty"), vec![(250.0, 250.0, Form::Cardinal)]);
        assert_eq!(parse("one point two million"), vec![(1_200_000.0, 1_200_000.0, Form::Cardinal)]);
        assert_eq!(parse("forty-odd thousand"), vec![(40_000.0, 40_000.0, Form::Cardinal)]);
    }

    #[test]
    fn ordinals() {
        assert_eq!(parse("ranked tenth"), vec![(10.0, 10.0, Form::Ordinal)]);
        assert_eq!(parse("fourth-highest"), vec![(4.0, 4.0, Form::Ordinal)]);
        assert_eq!(parse("the twenty-first"), vec![(21.0, 21.0, Form::Ordinal)]);
        assert_eq!(parse("the 3rd"), vec![(3.0, 3.0, Form::Ordinal)]);
    }

    #[test]
    fn digits_with_scale_words() {
        assert_eq!(parse("1.2 million"), vec![(1_200_000.0, 1_200_000.0, Form::Cardinal)]);
        assert_eq!(parse("70% and 6 per cent"), vec![(70.0, 70.0, Form::Percent), (6.0, 6.0, Form::Percent)]);
    }

    #[test]
    fn vague_amounts() {
        assert_eq!(parse("tens of thousands"), vec![(10_000.0, 100_000.0, Form::Vague)]);
        assert_eq!(parse("hundreds of thousands"), vec![(100_000.0, 1_000_000.0, Form::Vague)]);
        assert_eq!(parse("dozens"), vec![(12.0, 100.0, Form::Vague)]);
        assert_eq!(parse("hundreds"), vec![(100.0, 1000.0, Form::Vague)]);
    }

    #[test]
    fn ranges() {
        assert_eq!(parse("20,000 to 25,000"), vec![(20_000.0, 25_000.0, Form::Range)]);
        assert_eq!(parse("between 1,100 and 1,200"), vec![(1100.0, 1200.0, Form::Range)]);
        assert_eq!(parse("20-25,000"), vec![(20_000.0, 25_000.0, Form::Range)]);
        assert_eq!(parse("30-35,000"), vec![(30_000.0, 35_000.0, Form::Range)]);
        assert_eq!(parse("from about 100,000 to 200,000"), vec![(100_000.0, 200_000.0, Form::Range)]);
        assert_eq!(parse("1-2 million"), vec![(1e6, 2e6, Form::Range)]);
        assert_eq!(parse("rose from 3,000 to 3,397").len(), 2);
        assert_eq!(parse("between 1 and 100").len(), 1);
        assert_eq!(parse("in 2022-2023").len(), 2);
    }
}
