//! Who says it and whose losses: the sources named in a sentence (the General Staff, Ukraine's
//! Ministry of Defence, "Kyiv", UK Defence Intelligence, US and Western officials, NATO, the CIA,
//! ISW, CSIS, the BBC with Mediazona, Meduza, Zelensky, Syrskyi, Moscow and Russia's Ministry of
//! Defence…) and the side a figure belongs to.
//!
//! A figure is Russian unless the text ties it to Ukraine: "35,000 Ukrainian troops",
//! "Ukrainian deaths at …", "Ukraine has lost …", or a loss figure claimed by Moscow.

use super::lexicon::{Lex, W};
use super::tokens::{Mark, Marks, P, Tok};
use attrition_model::Side;

/// A source the extractor knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Src {
    GeneralStaff,
    UkraineMod,
    Kyiv,
    UkraineMilitary,
    UkIntelligence,
    UkGovernment,
    UsOfficials,
    WesternOfficials,
    Nato,
    Cia,
    Pentagon,
    Isw,
    Csis,
    BbcMediazona,
    Mediazona,
    MeduzaMediazona,
    Oryx,
    Zelensky,
    Syrskyi,
    UkraineIntelligence,
    RussiaMod,
    Moscow,
    Independent,
    /// "They": the previous source.
    They,
}

impl Src {
    /// The name printed in `attribution`.
    pub fn name(self) -> &'static str {
        match self {
            Src::GeneralStaff => "Ukraine's General Staff",
            Src::UkraineMod => "Ukraine's Ministry of Defence",
            Src::Kyiv => "Kyiv",
            Src::UkraineMilitary => "Ukraine's military",
            Src::UkIntelligence => "UK Defence Intelligence",
            Src::UkGovernment => "the UK government",
            Src::UsOfficials => "US officials",
            Src::WesternOfficials => "Western officials",
            Src::Nato => "NATO",
            Src::Cia => "CIA",
            Src::Pentagon => "Pentagon",
            Src::Isw => "ISW",
            Src::Csis => "CSIS",
            Src::BbcMediazona => "BBC Russian Service and Mediazona",
            Src::Mediazona => "Mediazona",
            Src::MeduzaMediazona => "Meduza and Mediazona",
            Src::Oryx => "Oryx",
            Src::Zelensky => "Volodymyr Zelensky",
            Src::Syrskyi => "Oleksandr Syrskyi (Ukraine's commander-in-chief)",
            Src::UkraineIntelligence => "Ukrainian intelligence",
            Src::RussiaMod => "Russia's Ministry of Defence",
            Src::Moscow => "Moscow",
            Src::Independent => "independent researchers",
            Src::They => "",
        }
    }

    /// The General Staff's count (Ukraine's official figures).
    pub fn official(self) -> bool {
        matches!(self, Src::GeneralStaff | Src::UkraineMod | Src::Kyiv | Src::UkraineMilitary)
    }

    /// Moscow's claims.
    pub fn moscow(self) -> bool {
        matches!(self, Src::RussiaMod | Src::Moscow)
    }

    /// Counts of the dead by name.
    pub fn by_name(self) -> bool {
        matches!(self, Src::BbcMediazona | Src::Mediazona)
    }
}

/// One source mention: tokens `[first, last]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SrcHit {
    pub first: usize,
    pub last: usize,
    pub src: Src,
}

fn w(toks: &[Tok], k: usize, end: usize) -> Option<W> {
    if k < end { toks.get(k).and_then(Tok::w) } else { None }
}

/// The country a possessive or adjective before `k` names: Some(true) Ukraine, Some(false) Russia.
fn country_before(toks: &[Tok], k: usize, start: usize) -> Option<bool> {
    let lo = k.saturating_sub(3).max(start);
    (lo..k).rev().find_map(|j| match toks[j].w() {
        Some(W::Ukraine | W::Ukrainian | W::Kyiv) => Some(true),
        Some(W::Russia | W::Russian | W::Moscow | W::Kremlin) => Some(false),
        _ => None,
    })
}

fn says_after(toks: &[Tok], k: usize, end: usize) -> bool {
    (k + 1..(k + 6).min(end)).any(|j| matches!(toks[j].w(), Some(W::Say | W::Counted | W::Estimate | W::According)))
}

/// Every source named in tokens `[start, end)`.
pub(crate) fn sources(toks: &[Tok], marks: &Marks, start: usize, end: usize, out: &mut Vec<SrcHit>) {
    let mut k = start;
    while let Some(at) = marks.next(Mark::Source, k, end) {
        k = at;
        let Some(word) = toks[k].w() else {
            k += 1;
            continue;
        };
        let mut last = k;
        let src = match word {
            W::General if w(toks, k + 1, end) == Some(W::Staff) => {
                last = k + 1;
                Some(Src::GeneralStaff)
            }
            W::Ministry | W::Minister => {
                let mut first_ctx = k;
                // "Ministry of Defence"
                if w(toks, k + 1, end) == Some(W::Of) && w(toks, k + 2, end) == Some(W::Defence) {
                    last = k + 2;
                }
                if k > start && toks[k - 1].is(W::Defence) {
                    first_ctx = k - 1;
                }
                let uk = (first_ctx.saturating_sub(2)..first_ctx).any(|j| j >= start && toks[j].is(W::Uk));
                // "the Ministry of Defence of Ukraine"
                let after = if w(toks, last + 1, end) == Some(W::Of) {
                    match w(toks, last + 2, end) {
                        Some(W::Ukraine) => Some(true),
                        Some(W::Russia) => Some(false),
                        _ => None,
                    }
                } else {
                    None
                };
                if after.is_some() {
                    last += 2;
                }
                match country_before(toks, first_ctx, start).or(after) {
                    _ if uk => Some(Src::UkIntelligence),
                    Some(true) => Some(Src::UkraineMod),
                    Some(false) => Some(Src::RussiaMod),
                    None => None,
                }
            }
            // "the Central Intelligence Agency"
            W::Intelligence if k > start && toks[k - 1].is(W::Central) => Some(Src::Cia),
            W::Intelligence => {
                let capital_defence =
                    k > start && toks[k - 1].is(W::Defence) && toks[k - 1].capitalised() && toks[k].capitalised();
                if (k.saturating_sub(2)..k).any(|j| j >= start && toks[j].is(W::Uk))
                    || (capital_defence
                        && !(k >= start + 2
                            && matches!(toks[k - 2].w(), Some(W::Ukraine | W::Ukrainian | W::Russia | W::Russian))))
                {
                    // "UK Defence Intelligence", or "Defence Intelligence" by its name
                    Some(Src::UkIntelligence)
                } else if k > start && toks[k - 1].is(W::Western) {
                    Some(Src::WesternOfficials)
                } else if k > start && toks[k - 1].is(W::Ukrainian) {
                    Some(Src::UkraineIntelligence)
                } else {
                    None
                }
            }
            W::Us if w(toks, k + 1, end) == Some(W::Official) => {
                last = k + 1;
                Some(Src::UsOfficials)
            }
            W::Western if matches!(w(toks, k + 1, end), Some(W::Official | W::Estimate)) => {
                last = k + 1;
                Some(Src::WesternOfficials)
            }
            // "Britain estimates", "the British government says"
            W::Uk
                if says_after(toks, k, end)
                    && !matches!(w(toks, k + 1, end), Some(W::Intelligence | W::Defence | W::Ministry)) =>
            {
                Some(Src::UkGovernment)
            }
            W::Nato => Some(Src::Nato),
            W::Cia => Some(Src::Cia),
            W::Pentagon => Some(Src::Pentagon),
            W::Isw => Some(Src::Isw),
            // "the Institute for the Study of War"
            W::Institute if w(toks, k + 3, end) == Some(W::Study) => {
                last = (k + 5).min(end - 1);
                Some(Src::Isw)
            }
            W::Csis => Some(Src::Csis),
            W::Oryx => Some(Src::Oryx),
            W::Bbc => {
                let mut j = k + 1;
                while j < (k + 8).min(end) && !toks[j].is(W::Mediazona) && !toks[j].is_p(P::Comma) {
                    j += 1;
                }
                if j < end && toks[j].is(W::Mediazona) {
                    last = j;
                    Some(Src::BbcMediazona)
                } else {
                    Some(Src::BbcMediazona)
                }
            }
            W::Meduza => {
                if w(toks, k + 1, end) == Some(W::And) && w(toks, k + 2, end) == Some(W::Mediazona) {
                    last = k + 2;
                }
                Some(Src::MeduzaMediazona)
            }
            W::Mediazona => Some(Src::Mediazona),
            W::Zelensky => Some(Src::Zelensky),
            W::Syrskyi => Some(Src::Syrskyi),
            W::Commander if w(toks, k + 2, end) == Some(W::In) => Some(Src::Syrskyi),
            W::Independent if w(toks, k + 1, end) == Some(W::Researcher) => {
                last = k + 1;
                Some(Src::Independent)
            }
            W::Kyiv => {
                // a source when it speaks or counts ("Kyiv says", "according to Kyiv", "Kyiv's count")
                let according = k >= start + 2 && toks[k - 1].is(W::To) && toks[k - 2].is(W::According);
                let by = k > start && toks[k - 1].is(W::By);
                // "Kyiv says", "Kyiv has counted", "Kyiv saying"
                let verb = if matches!(w(toks, k + 1, end), Some(W::Have | W::Be)) { k + 2 } else { k + 1 };
                // "Kyiv puts the count at …"
                let speaks = matches!(w(toks, verb, end), Some(W::Say | W::Counted | W::Estimate | W::Put));
                // "Kyiv's count", "Kyiv's monthly tallies"
                let possessive = toks[k].possessive()
                    && (k + 1..(k + 3).min(end))
                        .any(|j| matches!(toks[j].w(), Some(W::Count | W::Figure | W::Tally | W::General)));
                let dateline =
                    matches!(toks[k].kind, super::tokens::Kind::Word { caps: super::tokens::Caps::Upper, .. })
                        && toks.get(k + 1).is_some_and(|t| t.is_p(P::Comma));
                (!dateline && (according || by || speaks || possessive)).then_some(Src::Kyiv)
            }
            W::Ukraine | W::Ukrainian
                if matches!(w(toks, k + 1, end), Some(W::Military | W::Force)) && says_after(toks, k + 1, end) =>
            {
                last = k + 1;
                Some(Src::UkraineMilitary)
            }
            W::Force if k > start && toks[k - 1].is(W::The) && says_after(toks, k, end) => Some(Src::UkraineMilitary),
            W::Moscow | W::Kremlin
                if says_after(toks, k, end)
                    || (k + 1 < end && toks[k + 1].is_p(P::Comma) && says_after(toks, k + 1, end)) =>
            {
                Some(Src::Moscow)
            }
            W::They if matches!(w(toks, k + 1, end), Some(W::Say | W::Estimate | W::Counted | W::Put)) => {
                Some(Src::They)
            }
            _ => None,
        };
        if let Some(src) = src {
            // take "Ukraine's" / "Kyiv's" along
            let mut first = k;
            if first > start
                && matches!(toks[first - 1].w(), Some(W::Ukraine | W::Ukrainian | W::Kyiv | W::Uk | W::Russia))
            {
                first -= 1;
            }
            out.push(SrcHit { first, last, src });
        }
        k = last + 1;
    }
}

/// The source of tokens `[first, last]` among `hits`: the nearest one before them (the
/// speaker of the clause), else the nearest after ("…, according to the General Staff").
pub(crate) fn nearest(hits: &[SrcHit], first: usize, last: usize) -> Option<Src> {
    hits.iter()
        .filter(|h| h.first <= last)
        .min_by_key(|h| first.saturating_sub(h.last))
        .or_else(|| hits.iter().filter(|h| h.first > last).min_by_key(|h| h.first - last))
        .map(|h| h.src)
}

/// A side named by the words right before token `k` ("Ukrainian deaths", "Russian wounded",
/// "Ukraine's own losses").
pub(crate) fn adjective_before(toks: &[Tok], k: usize, start: usize) -> Option<Side> {
    let lo = k.saturating_sub(2).max(start);
    (lo..k).rev().find_map(|j| match toks[j].w() {
        Some(W::Ukrainian) => Some(Side::Ukraine),
        Some(W::Ukraine) if toks[j].possessive() => Some(Side::Ukraine),
        Some(W::Russian) => Some(Side::Russia),
        Some(W::Russia) if toks[j].possessive() => Some(Side::Russia),
        _ => None,
    })
}

/// A side named between tokens `from` and `to` (the noun phrase after a number).
pub(crate) fn adjective_within(toks: &[Tok], from: usize, to: usize) -> Option<Side> {
    (from..to.min(toks.len())).find_map(|j| match toks[j].w() {
        Some(W::Ukrainian) => Some(Side::Ukraine),
        Some(W::Russian) => Some(Side::Russia),
        _ => None,
    })
}

/// The subject of a loss verb before token `k` ("Ukraine has lost", "Kyiv lost", "the Kremlin
/// lost"), searched back to `start`.
pub(crate) fn loser_before(toks: &[Tok], k: usize, start: usize) -> Option<Side> {
    let verb = (start..k).rev().take(8).find(|&j| matches!(toks[j].w(), Some(W::Lose | W::Suffer)))?;
    // "the Armed Forces of Ukraine (AFU) have lost": a name and its abbreviation in brackets
    let bracketed =
        (verb.saturating_sub(7).max(start)..verb).filter(|&j| toks[j].is_p(P::Open) || toks[j].is_p(P::Close)).count();
    // each bracket and the abbreviation inside widen the reach back
    let lo = verb.saturating_sub(4 + if bracketed > 0 { bracketed + 1 } else { 0 }).max(start);
    (lo..verb).rev().find_map(|j| {
        // "Russia's forces in Ukraine lost": a place, not the loser
        let place = j > start && toks[j - 1].is(W::In);
        match toks[j].lex() {
            Some(Lex::W(W::Ukraine | W::Russia)) if place => None,
            Some(Lex::W(W::Ukraine | W::Kyiv | W::Ukrainian)) => Some(Side::Ukraine),
            Some(Lex::W(W::Russia | W::Moscow | W::Kremlin | W::Putin | W::Russian)) => Some(Side::Russia),
            _ => None,
        }
    })
}
