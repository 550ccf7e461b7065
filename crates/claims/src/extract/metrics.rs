//! What a number counts: the metric phrases of a sentence ("armoured combat vehicles", "killed
//! or wounded", "vehicles and fuel tanks", "contract soldiers"), the noun phrase right after a
//! number, and, for a bare number, the nearest metric phrase before it in the sentence.
//!
//! Personnel figures are refined later (`people_metric`): deaths only → `killed` (or
//! `named_killed` for counts by name), wounded, captured; losses, casualties and "killed or
//! wounded" → `personnel_losses` when the General Staff (or Kyiv, Ukraine's military or Ministry
//! of Defence) is the source, `casualties` otherwise.

use super::lexicon::{Lex, W};
use super::tokens::{Kind, Mark, Marks, P, Tok};
use attrition_model::{Category, Metric};

/// What kind of person count a phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum People {
    /// troops, soldiers, men, invaders: a count of people, loss or not.
    Noun,
    /// people, persons: needs a cue to count.
    Persons,
    /// personnel.
    Personnel,
    /// killed, dead, deaths, died, death toll.
    Killed,
    /// wounded, injured.
    Wounded,
    /// captured, prisoners.
    Captured,
    /// missing.
    Missing,
    /// losses, lost, liquidated, out of action.
    Losses,
    /// casualties.
    Casualties,
    /// killed or wounded, killed and wounded, killed, wounded or captured.
    KilledWounded,
}

/// What a metric phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hit {
    /// One equipment category.
    Equip(Category),
    /// "systems", "equipment": a category from context.
    EquipGeneric,
    /// People.
    People(People),
    /// Recruitment metrics.
    Recruit(Metric),
    /// "tally", "count", "total", "toll", "figure", "number": whatever is in context.
    Generic,
    /// Not a loss: population, money, distance, percentages, civilians, places, attacks.
    Block,
}

/// One metric phrase: tokens `[first, last]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Phrase {
    /// First token.
    pub first: usize,
    /// Last token, inclusive.
    pub last: usize,
    /// What it names.
    pub hit: Hit,
}

/// Nouns that a day-of-month cannot precede ("May 12 tanks" is twelve tanks in May).
pub(crate) fn is_unit_noun(w: W) -> bool {
    matches!(
        w,
        W::Tank
            | W::Vehicle
            | W::Apc
            | W::Gun
            | W::System
            | W::Drone
            | W::Plane
            | W::Aircraft
            | W::Helicopter
            | W::Ship
            | W::Submarine
            | W::Troop
            | W::Occupier
            | W::People
            | W::Casualty
            | W::Loss
            | W::Death
    )
}

struct Cursor<'a> {
    toks: &'a [Tok],
    end: usize,
}

impl Cursor<'_> {
    fn w(&self, k: usize) -> Option<W> {
        if k < self.end { self.toks.get(k).and_then(Tok::w) } else { None }
    }

    fn is(&self, k: usize, w: W) -> bool {
        self.w(k) == Some(w)
    }

    fn hyphen(&self, k: usize) -> bool {
        k < self.end && self.toks.get(k).is_some_and(|t| t.is_p(P::Hyphen))
    }

    fn p(&self, k: usize, p: P) -> bool {
        k < self.end && self.toks.get(k).is_some_and(|t| t.is_p(p))
    }
}

/// The metric phrase starting at `k`, if any: (hit, last token).
fn phrase_at(c: &Cursor<'_>, k: usize) -> Option<(Hit, usize)> {
    use Category as C;
    let w = c.w(k)?;
    let eq = |cat| Some(Hit::Equip(cat));
    let (hit, last) = match w {
        W::Armoured => {
            let mut j = k + 1;
            if matches!(c.w(j), Some(W::Combat | W::Fighting | W::Personnel)) {
                j += 1;
            }
            if matches!(c.w(j), Some(W::Vehicle | W::Carrier)) { (eq(C::Afv), j) } else { (eq(C::Afv), k) }
        }
        W::Armour => (eq(C::Afv), k),
        W::Infantry if c.is(k + 1, W::Fighting) && c.is(k + 2, W::Vehicle) => (eq(C::Afv), k + 2),
        W::Apc => (eq(C::Afv), k),
        W::Unmanned if c.is(k + 1, W::Aerial) && c.is(k + 2, W::Vehicle) => (eq(C::Uav), k + 2),
        W::Operational => {
            // "operational-tactical level UAV"
            let mut j = k + 1;
            while j < k + 5 && !c.is(j, W::Drone) {
                j += 1;
            }
            if c.is(j, W::Drone) { (eq(C::Uav), j) } else { return None }
        }
        W::Vehicle | W::Truck => {
            // "vehicles and fuel tanks", "trucks and fuel tankers"
            if c.is(k + 1, W::And) && c.is(k + 2, W::Fuel) && matches!(c.w(k + 3), Some(W::Tank | W::Tanker)) {
                (eq(C::Vehicles), k + 3)
            } else {
                (eq(C::Vehicles), k)
            }
        }
        W::Fuel if matches!(c.w(k + 1), Some(W::Tank | W::Tanker | W::Truck)) => (eq(C::Vehicles), k + 1),
        W::Tanker => (eq(C::Vehicles), k),
        W::Tank => (eq(C::Tanks), k),
        W::Artillery => {
            if matches!(c.w(k + 1), Some(W::System | W::Gun | W::Piece)) {
                (eq(C::Artillery), k + 1)
            } else {
                (eq(C::Artillery), k)
            }
        }
        W::Howitzer | W::Gun => (eq(C::Artillery), k),
        W::Mlrs => {
            if c.is(k + 1, W::System) {
                (eq(C::Mlrs), k + 1)
            } else {
                (eq(C::Mlrs), k)
            }
        }
        W::Multiple => {
            let mut j = k + 1;
            while j < k + 5 && !matches!(c.w(j), Some(W::Launcher | W::System)) {
                j += 1;
            }
            if matches!(c.w(j), Some(W::Launcher | W::System)) { (eq(C::Mlrs), j) } else { return None }
        }
        W::Rocket if c.is(k + 1, W::Launcher) => (eq(C::Mlrs), k + 1),
        W::Air if c.is(k + 1, W::Defence) || (c.hyphen(k + 1) && c.is(k + 2, W::Defence)) => {
            let j = if c.is(k + 1, W::Defence) { k + 1 } else { k + 2 };
            if c.is(j + 1, W::System) { (eq(C::AirDefense), j + 1) } else { (eq(C::AirDefense), j) }
        }
        W::Anti if c.hyphen(k + 1) && c.is(k + 2, W::Aircraft) => {
            // "anti-aircraft (warfare) systems"
            let mut j = k + 2;
            if c.is(j + 1, W::System) {
                j += 1;
            } else if c.is(j + 2, W::System) {
                j += 2;
            }
            (eq(C::AirDefense), j)
        }
        W::Aircraft | W::Plane => (eq(C::Aircraft), k),
        W::Helicopter => (eq(C::Helicopters), k),
        W::Drone => (eq(C::Uav), k),
        W::Cruise if c.is(k + 1, W::Missile) => (eq(C::CruiseMissiles), k + 1),
        W::Missile => (Some(Hit::Block), k),
        W::Landing if c.is(k + 1, W::Ship) => (eq(C::Ships), k + 1),
        W::Ship => {
            // "warships / boats", "warships and boats"
            if (c.p(k + 1, P::Slash) || c.is(k + 1, W::And)) && c.is(k + 2, W::Ship) {
                (eq(C::Ships), k + 2)
            } else {
                (eq(C::Ships), k)
            }
        }
        W::Submarine => (eq(C::Submarines), k),
        W::Special if c.is(k + 1, W::Equipment) => (eq(C::SpecialEquipment), k + 1),
        W::Ground if c.is(k + 1, W::Robotic) => {
            if c.is(k + 2, W::System) {
                (eq(C::GroundRobots), k + 2)
            } else {
                (eq(C::GroundRobots), k + 1)
            }
        }
        W::System | W::Equipment => (Some(Hit::EquipGeneric), k),
        // people
        W::Personnel if c.is(k + 1, W::Loss) => (Some(Hit::People(People::Losses)), k + 1),
        W::Personnel => (Some(Hit::People(People::Personnel)), k),
        W::Troop | W::Occupier => (Some(Hit::People(People::Noun)), k),
        W::People => (Some(Hit::People(People::Persons)), k),
        W::Kill | W::Dead => {
            // "killed or wounded", "killed and wounded", "killed, wounded or captured", "dead and wounded"
            let mut j = k + 1;
            if c.p(j, P::Comma) {
                j += 1;
            }
            if matches!(c.w(j), Some(W::Or | W::And)) {
                j += 1;
            }
            if j > k + 1 && c.is(j, W::Wound) {
                let mut last = j;
                if matches!(c.w(j + 1), Some(W::Or | W::And)) && matches!(c.w(j + 2), Some(W::Capture | W::Missing)) {
                    last = j + 2;
                }
                (Some(Hit::People(People::KilledWounded)), last)
            } else {
                (Some(Hit::People(People::Killed)), k)
            }
        }
        W::Death if c.is(k + 1, W::Toll) => (Some(Hit::People(People::Killed)), k + 1),
        W::Death | W::Die => (Some(Hit::People(People::Killed)), k),
        W::Wound => (Some(Hit::People(People::Wounded)), k),
        W::Capture => (Some(Hit::People(People::Captured)), k),
        W::Missing => (Some(Hit::People(People::Missing)), k),
        W::Casualty => (Some(Hit::People(People::Casualties)), k),
        W::Loss | W::Lose | W::Liquidate => (Some(Hit::People(People::Losses)), k),
        W::Action if k > 0 && c.is(k - 1, W::Of) => (Some(Hit::People(People::Losses)), k),
        // recruitment
        W::Contract if c.is(k + 1, W::Troop) => (Some(Hit::Recruit(Metric::Recruited)), k + 1),
        W::Recruit => (Some(Hit::Recruit(Metric::Recruited)), k),
        W::Conscript | W::Draft => (Some(Hit::Recruit(Metric::Conscripted)), k),
        W::Call if c.hyphen(k + 1) && c.is(k + 2, W::Up) => (Some(Hit::Recruit(Metric::Conscripted)), k + 2),
        W::Call if c.is(k + 1, W::Up) => (Some(Hit::Recruit(Metric::Conscripted)), k + 1),
        W::Reservist | W::Mobilise => (Some(Hit::Recruit(Metric::Mobilized)), k),
        // context words
        W::Tally | W::Count | W::Total | W::Toll | W::Figure | W::Number => (Some(Hit::Generic), k),
        w if w.blocks_a_claim() => (Some(Hit::Block), k),
        _ => return None,
    };
    hit.map(|h| (h, last))
}

/// Every metric phrase in tokens `[start, end)`, in order.
pub(crate) fn phrases(toks: &[Tok], marks: &Marks, start: usize, end: usize, out: &mut Vec<Phrase>) {
    let c = Cursor { toks, end };
    let mut k = start;
    while let Some(at) = marks.next(Mark::MetricStart, k, end) {
        k = at;
        if let Some((hit, mut last)) = phrase_at(&c, k) {
            // "drone losses", "armoured vehicle losses": losses of that equipment
            if matches!(hit, Hit::Equip(_) | Hit::EquipGeneric) && matches!(c.w(last + 1), Some(W::Loss)) {
                last += 1;
            }
            out.push(Phrase { first: k, last: last.max(k), hit });
            k = last.max(k) + 1;
        } else {
            k += 1;
        }
    }
}

/// Words that may stand between a number and its noun ("186 Russian tanks", "150,000 young
/// men", "15,940 more").
fn modifier(tok: &Tok) -> bool {
    matches!(
        tok.w(),
        Some(
            W::Russian
                | W::Ukrainian
                | W::Enemy
                | W::More
                | W::Another
                | W::Additional
                | W::Young
                | W::New
                | W::Other
                | W::Own
                | W::Military
        )
    ) || matches!(tok.kind, Kind::Word { lex: Lex::Other, .. }) && tok.possessive()
}

/// What follows a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum After {
    /// A metric phrase (index into the sentence's phrases).
    Phrase(usize),
    /// Nothing noun-like: punctuation, a preposition, a verb.
    Bare,
    /// A time unit ("16 days", "three years"): a duration.
    Duration,
    /// Another noun: not a count of losses ("93 countries").
    Noun,
}

/// The noun phrase right after a mention ending at `last`.
pub(crate) fn after(toks: &[Tok], last: usize, end: usize, phrases: &[Phrase], vague: bool) -> After {
    let mut k = last + 1;
    let mut limit = (last + 5).min(end);
    // "tens of thousands of conscripts"; "six hundred thousand of them killed"; "12 pieces of
    // special equipment"
    if k + 1 < end && toks[k].is(W::Of) && (vague || toks[k + 1].is(W::Them)) {
        k += if toks[k + 1].is(W::Them) { 2 } else { 1 };
        limit = (k + 4).min(end);
    } else if k + 1 < end && toks[k].is(W::Piece) && toks[k + 1].is(W::Of) {
        k += 2;
        limit = (k + 4).min(end);
    } else if k + 2 < end && toks[k].is(W::Of) && matches!(toks[k + 1].w(), Some(W::The | W::Its)) {
        // "500 of the Kremlin's drones", "300 of its tanks": part of what the phrase names
        let j = if toks[k + 2].possessive() { k + 3 } else { k + 2 };
        if phrases.iter().any(|p| p.first == j) {
            k = j;
            limit = (k + 1).min(end);
        }
    }
    while k < limit {
        if let Some(i) = phrases.iter().position(|p| p.first == k) {
            return After::Phrase(i);
        }
        let tok = &toks[k];
        // "combat fatalities", "combat losses": the kind of loss, not of vehicle
        let combat_loss = tok.is(W::Combat)
            && toks.get(k + 1).is_some_and(|t| matches!(t.w(), Some(W::Death | W::Loss | W::Casualty | W::Troop)));
        if modifier(tok) || combat_loss {
            k += 1;
            continue;
        }
        // "200,000 were killed", "5,000 have been wounded"
        if tok.is(W::Be) || tok.is(W::Have) {
            let mut j = k;
            while j < end && j < k + 3 && (toks[j].is(W::Be) || toks[j].is(W::Have)) {
                j += 1;
            }
            return match phrases.iter().position(|p| p.first == j) {
                Some(i)
                    if matches!(
                        phrases[i].hit,
                        Hit::People(
                            People::Killed
                                | People::Wounded
                                | People::Captured
                                | People::Missing
                                | People::KilledWounded
                        )
                    ) =>
                {
                    After::Phrase(i)
                }
                _ => After::Bare,
            };
        }
        // "2 Su-25 jets", "40 T-72 tanks": a model designation
        if k + 2 < end && tok.is_word() && toks[k + 1].is_p(P::Hyphen) && toks[k + 2].num().is_some_and(|n| n.model) {
            k += 3;
            continue;
        }
        // "Western-supplied tanks", "Soviet-era guns": a hyphenated modifier
        if k + 3 < end
            && toks[k + 1].is_p(P::Hyphen)
            && toks[k + 2].is_word()
            && !phrases.iter().any(|p| p.first == k || p.first == k + 2)
            && (phrases.iter().any(|p| p.first == k + 3) || modifier(&toks[k + 3]))
        {
            k += 3;
            continue;
        }
        return match tok.kind {
            // "16 days", "three years": a duration ("a day" after a number is a rate, and starts
            // with "a")
            Kind::Word { lex: Lex::W(W::Day | W::Week | W::MonthW | W::Year | W::Hour | W::Quarter), .. } => {
                After::Duration
            }
            // "1,200 first-aid kits": another word that is not ours
            Kind::Word { lex: Lex::Other | Lex::Ord(_) | Lex::Card(_), .. } => After::Noun,
            _ => After::Bare,
        };
    }
    After::Bare
}

/// The nearest metric phrase before token `from` in `[start, from)`, stopping at a semicolon.
/// Generic words ("tally", "count") are passed over while looking for a phrase that names what
/// they count; the result says whether one was seen.
pub(crate) fn before(
    toks: &[Tok],
    start: usize,
    from: usize,
    phrases: &[Phrase],
    semicolons: bool,
) -> (Option<usize>, bool) {
    // phrases are in text order: walk them backwards, stopping at a semicolon (if the sentence
    // has any)
    let mut generic = false;
    let mut barrier = start;
    let mut k = if semicolons { from } else { start };
    while k > start {
        k -= 1;
        if toks[k].is_p(P::Semicolon) {
            barrier = k + 1;
            break;
        }
        // only look as far back as the nearest phrase
        if phrases.first().is_none_or(|p| k < p.first) {
            break;
        }
    }
    // a verb of loss ("the 12,000 tanks Russia has lost, about 3,000 …") names less than a noun:
    // it is kept in case nothing better comes
    let mut verb = None;
    for (i, p) in phrases.iter().enumerate().rev() {
        if p.last >= from {
            continue;
        }
        if p.first < barrier {
            break;
        }
        match p.hit {
            Hit::Generic => generic = true,
            Hit::People(People::Losses) if p.first == p.last && toks[p.first].is(W::Lose) => {
                verb = verb.or(Some(i));
            }
            _ => return (Some(i), generic),
        }
    }
    (verb, generic)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn hits(text: &str) -> Vec<Hit> {
        let mut toks = Vec::new();
        tokenize(text, 0, text.len(), &mut toks);
        let mut out = Vec::new();
        phrases(&toks, &crate::extract::tokens::Marks::of(&toks), 0, toks.len(), &mut out);
        out.into_iter().map(|p| p.hit).collect()
    }

    #[test]
    fn equipment_phrases() {
        use Category as C;
        assert_eq!(hits("armoured combat vehicles"), vec![Hit::Equip(C::Afv)]);
        assert_eq!(hits("vehicles and fuel tanks"), vec![Hit::Equip(C::Vehicles)]);
        assert_eq!(hits("fuel tankers"), vec![Hit::Equip(C::Vehicles)]);
        assert_eq!(hits("operational-tactical level UAV"), vec![Hit::Equip(C::Uav)]);
        assert_eq!(hits("anti-aircraft warfare systems"), vec![Hit::Equip(C::AirDefense)]);
        assert_eq!(hits("air defence systems"), vec![Hit::Equip(C::AirDefense)]);
        assert_eq!(hits("multiple rocket launchers"), vec![Hit::Equip(C::Mlrs)]);
        assert_eq!(hits("warships / boats"), vec![Hit::Equip(C::Ships)]);
        assert_eq!(hits("artillery guns"), vec![Hit::Equip(C::Artillery)]);
        assert_eq!(hits("drones; tanks"), vec![Hit::Equip(C::Uav), Hit::Equip(C::Tanks)]);
        assert_eq!(hits("cruise missiles and missiles"), vec![Hit::Equip(C::CruiseMissiles), Hit::Block]);
    }

    #[test]
    fn people_phrases() {
        assert_eq!(hits("killed or wounded"), vec![Hit::People(People::KilledWounded)]);
        assert_eq!(hits("killed, wounded or captured"), vec![Hit::People(People::KilledWounded)]);
        assert_eq!(hits("soldiers killed"), vec![Hit::People(People::Noun), Hit::People(People::Killed)]);
        assert_eq!(hits("personnel losses"), vec![Hit::People(People::Losses)]);
        assert_eq!(hits("contract soldiers"), vec![Hit::Recruit(Metric::Recruited)]);
        assert_eq!(hits("call-up"), vec![Hit::Recruit(Metric::Conscripted)]);
        assert_eq!(hits("put out of action"), vec![Hit::People(People::Losses)]);
    }
}
