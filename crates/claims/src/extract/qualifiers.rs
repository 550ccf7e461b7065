//! Qualifiers: the words right before a number that hedge it, mapped onto `Hedge`.
//!
//! about, around, approximately, roughly, some, an estimated, `~` → `About`; at least, no fewer than,
//! no less than → `AtLeast`; more than, over, above, in excess of, upwards of, exceeds,
//! surpassed, tops, passed, past, crossed, just/well over → `MoreThan`; up to, as many as →
//! `UpTo`; nearly, almost, close to, just under, just below, just short/shy of, closing in on →
//! `Nearly`, as are approaching and nearing (and "something like" → `About`, "a little over" → `MoreThan`); less than, fewer than,
//! under, below, well under → `LessThan`.

use super::lexicon::{W, flag};
use super::tokens::{P, Tok};
use attrition_model::Hedge;

/// The hedge of a number whose first token is `first`, looking back no further than `start`.
/// Returns the hedge and the first token of the qualifier (`first` when there is none).
pub(crate) fn hedge(toks: &[Tok], start: usize, first: usize) -> (Hedge, usize) {
    // "~893,850"
    if first > start && toks[first - 1].is_p(P::Tilde) {
        return (Hedge::About, first - 1);
    }
    // "said \"well over\" 100,000": a qualifier quoted from someone
    if first > start + 1 && toks[first - 1].is_p(P::Quote) && toks[first - 2].flags & flag::HEDGE_END != 0 {
        let (quoted, from) = hedge(toks, start, first - 1);
        if quoted != Hedge::Exact {
            let from = if from > start && toks[from - 1].is_p(P::Quote) { from - 1 } else { from };
            return (quoted, from);
        }
    }
    // every qualifier ends with a word flagged for it: most numbers have none before them
    if first <= start || toks[first - 1].flags & flag::HEDGE_END == 0 {
        return (Hedge::Exact, first);
    }
    let w = |back: usize| -> Option<W> { if first >= start + back { toks[first - back].w() } else { None } };
    let (w1, w2, w3) = (w(1), w(2), w(3));
    // three words
    match (w3, w2, w1) {
        (Some(W::No), Some(W::Fewer | W::Less), Some(W::Than)) => return (Hedge::AtLeast, first - 3),
        (Some(W::As), Some(W::Many), Some(W::As)) => return (Hedge::UpTo, first - 3),
        (Some(W::In), Some(W::Excess), Some(W::Of)) => return (Hedge::MoreThan, first - 3),
        (Some(W::Just), Some(W::Short | W::Shy), Some(W::Of)) => return (Hedge::Nearly, first - 3),
        (Some(W::Closing), Some(W::In), Some(W::On)) => return (Hedge::Nearly, first - 3),
        (Some(W::A), Some(W::Little), Some(W::Over | W::Above | W::More)) => return (Hedge::MoreThan, first - 3),
        _ => {}
    }
    match (w2, w1) {
        (Some(W::More), Some(W::Than)) => return (Hedge::MoreThan, first - 2),
        (Some(W::Fewer | W::Less), Some(W::Than)) => return (Hedge::LessThan, first - 2),
        (Some(W::At), Some(W::Least)) => return (Hedge::AtLeast, first - 2),
        (Some(W::Up), Some(W::To)) => return (Hedge::UpTo, first - 2),
        (Some(W::Close), Some(W::To)) => return (Hedge::Nearly, first - 2),
        (Some(W::Just), Some(W::Under | W::Below)) => return (Hedge::Nearly, first - 2),
        (Some(W::Well), Some(W::Under | W::Below)) => return (Hedge::LessThan, first - 2),
        (Some(W::Just | W::Well), Some(W::Over | W::Above)) => return (Hedge::MoreThan, first - 2),
        (Some(W::Upwards), Some(W::Of)) => return (Hedge::MoreThan, first - 2),
        (Some(W::A), Some(W::Estimated)) => return (Hedge::About, first - 2),
        (Some(W::Shy), Some(W::Of)) => return (Hedge::Nearly, first - 2),
        (Some(W::Something), Some(W::Like)) => return (Hedge::About, first - 2),
        _ => {}
    }
    match w1 {
        Some(W::About | W::Around | W::Approximately | W::Roughly | W::Some | W::Estimated) => {
            (Hedge::About, first - 1)
        }
        Some(W::Nearly | W::Almost) => (Hedge::Nearly, first - 1),
        Some(W::Over | W::Above | W::Exceed | W::Surpass | W::Top | W::Pass | W::Past | W::Cross) => {
            (Hedge::MoreThan, first - 1)
        }
        Some(W::Under | W::Below) => (Hedge::LessThan, first - 1),
        _ => (Hedge::Exact, first),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn q(text: &str) -> Hedge {
        let mut toks = Vec::new();
        tokenize(text, 0, text.len(), &mut toks);
        let first = toks.iter().position(|t| t.num().is_some()).unwrap_or(0);
        hedge(&toks, 0, first).0
    }

    #[test]
    fn qualifiers() {
        assert_eq!(q("about 500"), Hedge::About);
        assert_eq!(q("an estimated 500"), Hedge::About);
        assert_eq!(q("some 500"), Hedge::About);
        assert_eq!(q("at least 500"), Hedge::AtLeast);
        assert_eq!(q("no fewer than 500"), Hedge::AtLeast);
        assert_eq!(q("more than 500"), Hedge::MoreThan);
        assert_eq!(q("in excess of 500"), Hedge::MoreThan);
        assert_eq!(q("now tops 500"), Hedge::MoreThan);
        assert_eq!(q("has passed 500"), Hedge::MoreThan);
        assert_eq!(q("surpassed 500"), Hedge::MoreThan);
        assert_eq!(q("up to 500"), Hedge::UpTo);
        assert_eq!(q("as many as 500"), Hedge::UpTo);
        assert_eq!(q("nearly 500"), Hedge::Nearly);
        assert_eq!(q("close to 500"), Hedge::Nearly);
        assert_eq!(q("just under 500"), Hedge::Nearly);
        assert_eq!(q("closing in on 500"), Hedge::Nearly);
        assert_eq!(q("just shy of 500"), Hedge::Nearly);
        assert_eq!(q("something like 500"), Hedge::About);
        assert_eq!(q("a little over 500"), Hedge::MoreThan);
        assert_eq!(q("well under 500"), Hedge::LessThan);
        assert_eq!(q("fewer than 500"), Hedge::LessThan);
        assert_eq!(q("under 500"), Hedge::LessThan);
        assert_eq!(q("reached 500"), Hedge::Exact);
        assert_eq!(q("said \"well over\" 500"), Hedge::MoreThan);
        assert_eq!(q("was approaching 500"), Hedge::Nearly);
        assert_eq!(q("\"the\" 500"), Hedge::Exact);
    }
}
