//! Extraction of loss claims from text by a hand-written grammar.
//!
//! The text is read block by block (a line, or soft-wrapped lines joined), each block is
//! tokenized once (`extract/tokens.rs`), split into sentences, and every sentence is read for:
//! numbers as written (`extract/numbers.rs`), their qualifiers (`extract/qualifiers.rs`), time expressions resolved
//! into loss days (`extract/periods.rs`), metric phrases (`extract/metrics.rs`), sources and sides (`extract/side.rs`),
//! ranks and projections (`extract/rank.rs`) and the lines of the General Staff's daily report
//! (`extract/report.rs`). A paragraph keeps a topic — the period, metric and source last established —
//! for figures that leave them implicit ("That is a daily average of about 767"; "The month ended with
//! 7,320 losses. Armour losses ran to 229 tanks"), and a section heading that names a period ("JULY:
//! MONTH IN REVIEW", "AUGUST SO FAR") dates the figures under it that name none.
//!
//! Every claim's `span` is a pair of UTF-8 byte offsets into the text and `quote` is exactly
//! `&text[span[0]..span[1]]`; claims come in text order.
//!
//! ```
//! use attrition_claims::extract::extract;
//! use jiff::civil::date;
//!
//! let claims = extract("Russia lost 21,470 troops in February, Ukraine's General Staff said.", date(2023, 3, 2));
//! assert_eq!(claims.len(), 1);
//! assert_eq!(claims[0].low, Some(21470.0));
//! assert_eq!(claims[0].metric.map(|m| m.id()), Some("personnel_losses".to_owned()));
//! ```

mod lexicon;
mod metrics;
mod numbers;
mod periods;
mod qualifiers;
mod rank;
mod report;
mod side;
mod tokens;

use attrition_model::{Category, Claim, ClaimKind, Convention, Hedge, Metric, RateUnit, Side, Subset, WAR_START};
use jiff::civil::Date;
use lexicon::{Lex, W, flag};
use metrics::{After, Hit, People, Phrase};
use numbers::{Form, Mention};
use periods::{PExpr, PVal, Shape, day_before};
use side::{Src, SrcHit};
use tokens::{Kind, Mark, Marks, P, Sentence, Tok};

/// Why a text cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    /// The bytes are not UTF-8.
    #[error("not UTF-8 text: invalid byte sequence at byte offset {offset}")]
    NotUtf8 {
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// A NUL byte: binary data.
    #[error("binary data, not text: NUL byte at byte offset {offset}")]
    Nul {
        /// Offset of the first NUL byte.
        offset: usize,
    },
    /// Nothing but white space.
    #[error("empty text: there is nothing to extract claims from")]
    Empty,
    /// A line too long to be prose.
    #[error("line {line} (from byte offset {offset}) is longer than {limit} bytes without a newline; is this text?")]
    LineTooLong {
        /// 1-based line number.
        line: usize,
        /// Offset where the line starts.
        offset: usize,
        /// The limit.
        limit: usize,
    },
}

/// The longest line accepted by [`check_input`]: 1 MB.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// The text in `bytes`, refusing anything that is not UTF-8 or that contains a NUL byte.
///
/// # Errors
/// [`ExtractError::NotUtf8`] or [`ExtractError::Nul`], naming the byte offset.
pub fn text_from_bytes(bytes: &[u8]) -> Result<&str, ExtractError> {
    let text = std::str::from_utf8(bytes).map_err(|e| ExtractError::NotUtf8 { offset: e.valid_up_to() })?;
    if let Some(offset) = text.find('\0') {
        return Err(ExtractError::Nul { offset });
    }
    Ok(text)
}

/// Checks that `text` is something to extract from: not empty, no NUL byte, no line over
/// [`MAX_LINE_BYTES`].
///
/// # Errors
/// [`ExtractError::Empty`], [`ExtractError::Nul`] or [`ExtractError::LineTooLong`].
pub fn check_input(text: &str) -> Result<(), ExtractError> {
    if text.trim().is_empty() {
        return Err(ExtractError::Empty);
    }
    if let Some(offset) = text.find('\0') {
        return Err(ExtractError::Nul { offset });
    }
    let mut start = 0;
    let mut line = 1;
    loop {
        let end = text[start..].find('\n').map_or(text.len(), |p| start + p);
        if end - start > MAX_LINE_BYTES {
            return Err(ExtractError::LineTooLong { line, offset: start, limit: MAX_LINE_BYTES });
        }
        if end >= text.len() {
            return Ok(());
        }
        start = end + 1;
        line += 1;
    }
}

/// The claims in `text`, written on `date`, in text order.
#[must_use]
pub fn extract(text: &str, date: Date) -> Vec<Claim<'_>> {
    let mut state = State::new(text, date);
    state.run();
    state.settle_sources();
    state.out
}

/// The daily pace below which a month's or a week's bare "losses" are read as the equipment the
/// paragraph is about rather than as people (the personnel count's slowest month, in 2022,
/// averaged well over a hundred a day).
const EQUIPMENT_PACE: f64 = 60.0;

/// A resolved stretch of loss days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stretch {
    pub first: Date,
    pub last: Date,
    pub shape: Shape,
}

impl Stretch {
    fn days(&self) -> i32 {
        self.first.until(self.last).map_or(0, |s| s.get_days()) + 1
    }

    fn fits(&self, shape: Shape) -> bool {
        let days = self.days();
        match shape {
            Shape::Month => self.shape == Shape::Month,
            Shape::Quarter => self.shape == Shape::Quarter || (80..=95).contains(&days),
            Shape::Year => self.shape == Shape::Year || (360..=366).contains(&days),
            Shape::Week => self.shape == Shape::Week,
            Shape::Day => days == 1,
            Shape::Campaign | Shape::Other => true,
        }
    }
}

/// A time expression after resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum R {
    Stretch(Stretch),
    Day(Date),
    Report(Date),
    War,
    WholeWar,
    Target(Date),
    /// A total's report, or a projection's target (`PVal::By`).
    By {
        report: Date,
        target: Date,
    },
    Unresolved,
}

/// What a figure's metric falls back on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Topic {
    People,
    /// Deaths ("How many Russian soldiers died in 2024?").
    Killed,
    Recruit(Metric),
    Equip(Category),
}

impl Topic {
    fn of(metric: Metric) -> Topic {
        match metric {
            Metric::Equipment(c) => Topic::Equip(c),
            Metric::Recruited | Metric::Conscripted | Metric::Mobilized => Topic::Recruit(metric),
            _ => Topic::People,
        }
    }

    /// The topic a figure leaves: deaths stay the subject only in an answer to a question about
    /// deaths ("How many died in 2024? About 100,000. That is 300 a day."); elsewhere a bare
    /// figure after a death toll is read as the usual count.
    fn left_by(metric: Metric, answer: bool) -> Topic {
        match metric {
            Metric::Killed | Metric::NamedKilled if answer => Topic::Killed,
            _ => Topic::of(metric),
        }
    }
}

/// What one sentence holds, computed once.
#[derive(Default)]
pub(crate) struct SentData {
    pub mentions: Vec<Mention>,
    pub periods: Vec<PExpr>,
    pub resolved: Vec<R>,
    pub phrases: Vec<Phrase>,
    pub sources: Vec<SrcHit>,
    pub used: Vec<bool>,
    /// Token ranges of rank phrases: their time expressions belong to the rank.
    pub rank_spans: Vec<(usize, usize)>,
    /// The rank phrases.
    pub ranks: Vec<rank::Found>,
    /// What the sentence contains.
    pub features: Features,
    /// Each mention's hedge and the first token of its qualifier.
    pub hedges: Vec<(Hedge, usize)>,
    /// Where "on current form", "at this pace" stands, if anywhere.
    pub pace: Option<usize>,
}

/// A value claim under construction.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub mention: usize,
    pub first_tok: usize,
    pub last_tok: usize,
    pub metric: Metric,
    pub side: Side,
    /// The side was read from the words or the source, not assumed.
    pub side_explicit: bool,
    pub source: Option<Src>,
    pub hedge: Hedge,
    pub rate: Option<RateUnit>,
    pub own: Option<usize>,
    /// `own` is the time expression closing a list the figure is part of.
    pub own_shared: bool,
    pub before: Option<usize>,
    pub cue: bool,
    pub incr: bool,
    /// "up 300 on the previous report": the change in the report the sentence is about.
    pub vs_previous: bool,
    /// "also": the sentence continues the one before.
    pub also: bool,
    pub needs_period: bool,
    pub projection: Option<usize>,
    pub convention: Option<Convention>,
    pub period: Option<[Date; 2]>,
    pub cumulative: bool,
    /// The figure counts part of what the data count.
    pub subset: Option<Subset>,
    /// The figure is a peak of this many days within its period.
    pub peak_days: Option<u16>,
}

pub(crate) struct State<'t> {
    pub text: &'t str,
    pub date: Date,
    pub yesterday: Date,
    doc_official: bool,
    pub carried: Option<Stretch>,
    pub para: Option<Stretch>,
    /// The period of the paragraph's figures: set by a sentence whose first figure counts a
    /// period ("The month ended with 7,320 losses"), cleared by one whose first figure is a
    /// running total; a later figure with no time expression of its own counts the same period.
    pub para_figure: Option<Stretch>,
    /// The period named by the heading of the current section ("JULY: MONTH IN REVIEW",
    /// "AUGUST SO FAR"): the period of the section's figures that name none.
    pub section: Option<Stretch>,
    /// Some figure so far counted people: the text's default subject.
    people_seen: bool,
    /// The paragraph has counted people.
    para_people: bool,
    /// A sentence named Kyiv's count as a source ("with Kyiv saying …").
    official_seen: bool,
    /// Spans of person counts with no source anywhere near, read as others' casualty figures
    /// for want of one: they are Kyiv's count if the text names Kyiv's count anywhere.
    provisional: Vec<[usize; 2]>,
    carried_metric: Option<Topic>,
    para_metric: Option<Topic>,
    para_source: Option<Src>,
    /// Whose losses the paragraph speaks of, when a side was named (see `follow_side`).
    side_frame: Option<Side>,
    /// Moscow is the speaker of the text's figures about Ukraine's losses.
    moscow_speaks: bool,
    prev_report_day: bool,
    pub report_date: Option<Date>,
    /// The block just read was a question.
    asked: bool,
    /// The block being read answers a question.
    answer: bool,
    pub out: Vec<Claim<'t>>,
    toks: Vec<Tok>,
    sents: Vec<Sentence>,
    scratch: Vec<Tok>,
    /// Where the block's tokens of each kind stand.
    marks: tokens::Marks,
    /// The last look ahead for a month: where it started, and the month found (with its offset).
    lookahead: Option<(usize, Option<(usize, u8)>)>,
    drafts: Vec<Draft>,
}

const TERMINAL: &[u8] = b".!?:;,\"')]";

impl<'t> State<'t> {
    fn new(text: &'t str, date: Date) -> Self {
        let has = |needle: &str| memchr::memmem::find(text.as_bytes(), needle.as_bytes()).is_some();
        let doc_official = has("General Staff") || has("according to Kyiv") || has("Kyiv says");
        State {
            text,
            date,
            yesterday: day_before(date),
            doc_official,
            carried: None,
            para: None,
            para_figure: None,
            section: None,
            people_seen: false,
            para_people: false,
            official_seen: false,
            provisional: Vec::new(),
            carried_metric: None,
            para_metric: None,
            para_source: None,
            side_frame: None,
            moscow_speaks: false,
            prev_report_day: false,
            report_date: None,
            asked: false,
            answer: false,
            // a claim every 128 bytes is as dense as reporting gets: one allocation for the list
            out: Vec::with_capacity((text.len() / 128).min(1 << 20)),
            toks: Vec::new(),
            sents: Vec::new(),
            scratch: Vec::new(),
            marks: tokens::Marks::default(),
            lookahead: None,
            drafts: Vec::new(),
        }
    }

    fn run(&mut self) {
        // what a sentence holds, kept apart from the state so that a sentence can read it while
        // it changes the state, and reused from one sentence to the next
        let mut data = SentData::default();
        let bytes = self.text.as_bytes();
        let len = bytes.len();
        let mut pos = 0;
        let line_end =
            |from: usize| bytes.get(from..).and_then(|rest| memchr::memchr(b'\n', rest)).map_or(len, |p| from + p);
        while pos < len {
            let end = line_end(pos);
            if bytes[pos..end].iter().all(u8::is_ascii_whitespace) {
                self.end_paragraph();
                pos = end + 1;
                continue;
            }
            let mut block_end = end;
            // soft-wrapped prose: join lines until one ends a sentence or the next starts in lower case
            while block_end < len {
                let last = bytes[pos..block_end].iter().rposition(|b| !b.is_ascii_whitespace()).map(|p| bytes[pos + p]);
                if last.is_some_and(|b| TERMINAL.contains(&b)) {
                    break;
                }
                let next = block_end + 1;
                if next >= len || !bytes[next].is_ascii_lowercase() {
                    break;
                }
                block_end = line_end(next);
            }
            self.block(pos, block_end, &mut data);
            pos = block_end + 1;
        }
    }

    /// A text that names Kyiv's count anywhere reports it throughout: person counts left
    /// without a source are its figures.
    fn settle_sources(&mut self) {
        if !self.official_seen || self.provisional.is_empty() {
            return;
        }
        self.provisional.sort_unstable();
        for claim in &mut self.out {
            if claim.metric == Some(Metric::Casualties) && self.provisional.binary_search(&claim.span).is_ok() {
                claim.metric = Some(Metric::PersonnelLosses);
                claim.attribution = Some(Src::GeneralStaff.name().into());
            }
        }
    }

    /// Whose losses the text goes on to speak of after this sentence. Within a paragraph, the
    /// last side named; beyond it, Ukraine's only while Moscow is the speaker (its ministry
    /// reports Ukraine's losses), until Ukraine's officials or Russia's losses are named.
    fn follow_side(&mut self, d: &SentData, drafts: &[Draft], frame: Option<Side>) {
        let moscow = d.sources.iter().any(|h| h.src.moscow());
        if d.sources.iter().any(|h| h.src.official()) {
            self.moscow_speaks = false;
        }
        if drafts.iter().any(|dr| dr.side_explicit && dr.side == Side::Russia && !dr.source.is_some_and(Src::moscow)) {
            self.moscow_speaks = false;
        }
        if moscow && (frame == Some(Side::Ukraine) || drafts.iter().any(|dr| dr.side == Side::Ukraine)) {
            self.moscow_speaks = true;
        }
        self.side_frame = frame;
    }

    fn end_paragraph(&mut self) {
        self.side_frame = self.moscow_speaks.then_some(Side::Ukraine);
        if self.para.is_some() {
            self.carried = self.para;
        }
        self.para = None;
        self.para_figure = None;
        self.para_people = false;
        if let Some(topic) = self.para_metric {
            // deaths stay the subject within a paragraph ("… died. That is 300 a day."), or from a
            // question to its answer; further on a bare figure is the usual count
            self.carried_metric = Some(if topic == Topic::Killed && !self.asked { Topic::People } else { topic });
        }
        self.para_metric = None;
        self.para_source = None;
    }

    fn reset_topic(&mut self) {
        self.carried = None;
        self.para = None;
        self.para_figure = None;
        self.section = None;
        self.carried_metric = None;
        self.para_metric = None;
        self.para_source = None;
    }

    /// The period a section heading names ("JULY: MONTH IN REVIEW", "AUGUST SO FAR", "LAST
    /// WEEK"): a short heading of one sentence, with no figure of its own (a headline that
    /// states a claim dates that claim, not the story below it).
    fn section_period(toks: &[Tok], sents: &[Sentence], d: &SentData) -> Option<Stretch> {
        let [s] = sents else { return None };
        let words = toks[s.start..s.end].iter().filter(|t| t.is_word()).count();
        if words > 6 || d.mentions.iter().any(|m| !d.used[m.first - s.start]) {
            return None;
        }
        d.periods.iter().zip(&d.resolved).find_map(|(p, r)| match r {
            R::Stretch(st) if !p.weak => Some(*st),
            _ => None,
        })
    }

    fn block(&mut self, start: usize, end: usize, data: &mut SentData) {
        let mut toks = std::mem::take(&mut self.toks);
        let mut sents = std::mem::take(&mut self.sents);
        tokens::tokenize(self.text, start, end, &mut toks);
        if toks.is_empty() {
            self.toks = toks;
            self.sents = sents;
            return;
        }
        let last = toks.iter().rev().find(|t| !t.is_p(P::Quote)).map(|t| t.kind);
        // a line of figures ("Personnel: 38,940") is no heading, punctuated or not
        let figures = matches!(last, Some(Kind::Num(_))) && toks.iter().any(|t| t.is_p(P::Colon) || t.is_p(P::Dash));
        let heading = !figures
            && !matches!(
                last,
                Some(Kind::Punct(
                    P::Period | P::Bang | P::Question | P::Colon | P::Semicolon | P::Comma | P::Close | P::Other
                ))
            );
        // a question on a line of its own opens a section, like a heading, and what it asks
        // about is the topic of the answer that follows
        let question = matches!(last, Some(Kind::Punct(P::Question)));
        let section = heading || question;
        self.end_paragraph();
        // a question that names no metric ("Is the pace still rising?") changes the period in
        // view, not what is being counted
        let kept_metric = if question && !heading { self.carried_metric } else { None };
        // a section heading that names no metric ("AUGUST SO FAR") keeps personnel as the
        // subject; an equipment category has to be named again
        let kept_people = (heading && self.people_seen).then_some(Topic::People);
        if section {
            self.reset_topic();
        }
        self.answer = std::mem::replace(&mut self.asked, false);
        tokens::sentences(self.text, &toks, &mut sents);
        self.marks.fill(&toks);
        for s in &sents {
            self.sentence(&toks, *s, heading, data);
        }
        if question && self.para_metric.is_none() {
            self.para_metric = kept_metric;
        }
        if heading {
            let period = Self::section_period(&toks, &sents, data);
            let named = self.para_metric.is_some();
            self.reset_topic();
            self.section = period;
            if !named {
                self.carried_metric = kept_people;
            }
        }
        self.asked = question;
        self.toks = toks;
        self.sents = sents;
    }

    fn sentence(&mut self, toks: &[Tok], s: Sentence, heading: bool, d: &mut SentData) {
        d.mentions.clear();
        d.periods.clear();
        d.resolved.clear();
        d.phrases.clear();
        d.sources.clear();
        d.used.clear();
        d.rank_spans.clear();
        d.used.resize(s.end - s.start, false);
        let f = Features::of(toks, s);
        d.features = f;
        let question = f.has(Features::QUESTION);
        let marks = &self.marks;
        let ctx = periods::Ctx { text: self.text, toks, marks, end: s.end, date: self.date, yesterday: self.yesterday };
        let figures = f.has(Features::NUM);
        // a sentence without figures needs its time expressions only to set the paragraph's
        // period, a section's, or a rank's month
        if f.has(Features::TIME) && (figures || heading || self.para.is_none() || f.has(Features::RANK)) {
            periods::periods(&ctx, s.start, &mut d.used, &mut d.periods);
        }
        if figures {
            numbers::mentions(toks, marks, s.start, s.end, &mut d.mentions);
        }
        metrics::phrases(toks, marks, s.start, s.end, &mut d.phrases);
        if f.has(Features::SOURCE) {
            side::sources(toks, marks, s.start, s.end, &mut d.sources);
        }
        self.resolve_periods(toks, s, d);
        d.hedges.clear();
        d.hedges.extend(d.mentions.iter().map(|m| qualifiers::hedge(toks, s.start, m.first)));
        d.pace = if f.has(Features::PROJECTION) { rank::pace_marker(toks, s) } else { None };
        let report_day = f.has(Features::REPORT_DAY);
        let net = f.has(Features::BACKLOG) && f.has(Features::REMOVED);

        // the daily report: its header dates what follows; its lines are two claims each
        if f.has(Features::DATE_NUM)
            && let Some(date) = report::header_date(toks, s)
        {
            self.report_date = Some(date);
        }
        // claims go straight to the output; this sentence's are sorted in place at the end
        let mut claims = std::mem::take(&mut self.out);
        let first_claim = claims.len();
        let mut drafts = std::mem::take(&mut self.drafts);
        drafts.clear();
        if (f.has(Features::DASH) || f.has(Features::COLON)) && report::line(self, toks, s, d, &mut claims) {
            self.para_metric = Some(Topic::People);
            self.para_figure = None;
            self.people_seen = true;
        } else {
            d.ranks.clear();
            if !heading && !question && f.has(Features::RANK) {
                rank::find_spans(toks, &self.marks, s, d);
            }
            let frame = self.drafts(toks, s, d, report_day, &mut drafts);
            self.follow_side(d, &drafts, frame);
            self.inherit_coordinated(toks, d, &mut drafts);
            for i in 0..drafts.len() {
                let (earlier, rest) = drafts.split_at_mut(i);
                let draft = &mut rest[0];
                self.settle(d, earlier, draft);
            }
            if !self.official_seen {
                self.official_seen = self.doc_official || d.sources.iter().any(|h| h.src.official());
            }
            for draft in &drafts {
                claims.push(self.to_claim(toks, d, draft, net));
                if draft.source.is_none()
                    && draft.metric == Metric::Casualties
                    && draft.side == Side::Russia
                    && let Some(claim) = claims.last()
                {
                    self.provisional.push(claim.span);
                }
            }
            if !heading && !question && !d.ranks.is_empty() {
                rank::claims(self, toks, s, d, &drafts, &mut claims);
            }
            let people = drafts.iter().any(|dr| Topic::of(dr.metric) == Topic::People);
            self.people_seen |= people;
            self.para_people |= people;
            if let Some(last) = drafts.last() {
                self.para_metric = Some(Topic::left_by(last.metric, self.answer));
            } else if let Some(p) = d.phrases.iter().rev().find(|p| {
                // "it climbed steeply after mobilisation": an event that dates, not the subject
                let dating = p.first > s.start
                    && matches!(toks[p.first - 1].w(), Some(W::After | W::Before | W::Since | W::Until | W::During));
                !dating
                    && !matches!(p.hit, Hit::Block | Hit::EquipGeneric | Hit::People(People::Noun | People::Persons))
            }) {
                // a sentence without figures still sets the subject: "the figures look like this"
                // deaths are the subject only when nothing else about people is: "the count takes in
                // the wounded, not only the dead" is about the count
                let wider = d.phrases.iter().any(|q| {
                    matches!(
                        q.hit,
                        Hit::Generic | Hit::People(People::Wounded | People::KilledWounded | People::Casualties)
                    )
                });
                self.para_metric = Some(match p.hit {
                    Hit::Equip(c) => Topic::Equip(c),
                    Hit::Recruit(m) => Topic::Recruit(m),
                    Hit::People(People::Killed) if !wider => Topic::Killed,
                    _ => Topic::People,
                });
            }
        }
        // topics for what follows
        // the period of the paragraph's figures: the first figure's, unless it is a running total
        if let Some(first) = drafts.iter().find(|dr| dr.projection.is_none() && dr.rate.is_none()) {
            self.para_figure = match first.period {
                Some([a, b]) if !first.cumulative => Some(Stretch { first: a, last: b, shape: Shape::of_days(a, b) }),
                _ => None,
            };
        }
        if self.para.is_none() {
            self.para = d.periods.iter().zip(&d.resolved).find_map(|(p, r)| match r {
                R::Stretch(st) if !p.weak && (p.prep || st.shape == Shape::Month) => Some(*st),
                _ => None,
            });
        }
        if let Some(src) = d.sources.iter().rev().map(|h| h.src).find(|s| *s != Src::They) {
            self.para_source = Some(src);
        }
        self.prev_report_day = report_day;
        // claims come in text order: sentences are read in order, and within one only a rank
        // or a report line's second claim can start before a figure already listed
        if claims.len() > first_claim + 1 {
            claims[first_claim..].sort_by_key(|c| c.span);
        }
        self.out = claims;
        self.drafts = drafts;
    }

    /// Resolves every time expression of the sentence in order (anaphora look at what came
    /// before in the sentence, then at the paragraph's topic, then at the carried one).
    fn resolve_periods(&mut self, toks: &[Tok], s: Sentence, d: &mut SentData) {
        for i in 0..d.periods.len() {
            let p = d.periods[i];
            let prior = |shape: Option<Shape>| -> Option<Stretch> {
                d.resolved[..i].iter().rev().find_map(|r| match r {
                    R::Stretch(st) if shape.is_none_or(|sh| st.fits(sh)) => Some(*st),
                    _ => None,
                })
            };
            let topic = |shape: Option<Shape>| -> Option<Stretch> {
                [self.para, self.carried, self.section]
                    .into_iter()
                    .flatten()
                    .find(|st| shape.is_none_or(|sh| st.fits(sh)))
            };
            let r = match p.val {
                PVal::Range { first, last, shape } => R::Stretch(Stretch { first, last, shape }),
                PVal::Day(date) => R::Day(date),
                PVal::Report(date) => R::Report(date),
                PVal::War => R::War,
                PVal::WholeWar => R::WholeWar,
                PVal::Target(date) => R::Target(date),
                PVal::By { report, target } => R::By { report, target },
                PVal::Anaphor(shape) => {
                    match prior(Some(shape))
                        .or_else(|| topic(Some(shape)))
                        .or_else(
                            || {
                                if shape == Shape::Month { self.lookahead_month(toks[s.end - 1].end) } else { None }
                            },
                        )
                        .or_else(|| {
                            // "in just one month", early in the next: the month just ended
                            let counted = (p.first..=p.last).any(|k| {
                                matches!(toks[k].lex(), Some(Lex::Card(1)))
                                    || self.text[toks[k].start..toks[k].end].eq_ignore_ascii_case("single")
                            });
                            (shape == Shape::Month && counted && self.date.day() <= 10)
                                .then(|| self.date.first_of_month().yesterday().ok())
                                .flatten()
                                .map(|last| Stretch { first: last.first_of_month(), last, shape: Shape::Month })
                        }) {
                        Some(st) => R::Stretch(Stretch { shape, ..st }),
                        None => R::Unresolved,
                    }
                }
                PVal::Relative(shape) => {
                    // "on Tuesday … a day earlier": a day moves back by a day
                    let day = d.resolved[..i].iter().rev().find_map(|r| match r {
                        R::Day(date) | R::Report(date) => Some(*date),
                        _ => None,
                    });
                    match (day, prior(None).or_else(|| topic(None))) {
                        (Some(date), _) if shape == Shape::Day || shape == Shape::Week => {
                            let back = if shape == Shape::Day { 1 } else { 7 };
                            date.checked_sub(jiff::Span::new().days(back)).map_or(R::Unresolved, R::Day)
                        }
                        (_, Some(base)) => shift_back(base, shape).map_or(R::Unresolved, R::Stretch),
                        _ => R::Unresolved,
                    }
                }
                PVal::SinceThen => {
                    let day = d.resolved[..i].iter().rev().find_map(|r| match r {
                        R::Day(date) | R::Report(date) => Some(*date),
                        R::Stretch(st) => st.last.tomorrow().ok(),
                        _ => None,
                    });
                    match day {
                        Some(first) if first <= self.yesterday => {
                            R::Stretch(Stretch { first, last: self.yesterday, shape: Shape::Other })
                        }
                        _ => R::Unresolved,
                    }
                }
                PVal::FinalQuarter => {
                    let year = prior(Some(Shape::Year)).or_else(|| topic(Some(Shape::Year))).map(|st| st.first.year());
                    match year.and_then(|y| Some((periods::ymd(y.into(), 10, 1)?, periods::ymd(y.into(), 12, 31)?))) {
                        Some((first, last)) => R::Stretch(Stretch { first, last, shape: Shape::Quarter }),
                        None => R::Unresolved,
                    }
                }
                PVal::SameIn(year) => match prior(None).or_else(|| topic(None)) {
                    Some(st) => {
                        // jiff keeps the day within the month ("29 February" → "28 February")
                        let shift = i64::from(year) - i64::from(st.first.year());
                        let moved = |date: Date| date.checked_add(jiff::Span::new().years(shift)).ok();
                        match (moved(st.first), moved(st.last)) {
                            (Some(first), Some(last)) => R::Stretch(Stretch { first, last, shape: st.shape }),
                            _ => R::Unresolved,
                        }
                    }
                    None => R::Unresolved,
                },
                PVal::FirstDays(n) => match prior(Some(Shape::Month)).or_else(|| topic(Some(Shape::Month))) {
                    Some(month) => {
                        let first = month.first.first_of_month();
                        match first.checked_add(jiff::Span::new().days(i64::from(n - 1))) {
                            Ok(last) => R::Stretch(Stretch { first, last, shape: Shape::Other }),
                            Err(_) => R::Unresolved,
                        }
                    }
                    None => R::Unresolved,
                },
            };
            d.resolved.push(r);
        }
    }

    /// The first month named in the next few hundred bytes (a headline's "in one month" is
    /// often named on the next line).
    fn lookahead_month(&mut self, from: usize) -> Option<Stretch> {
        let text = self.text;
        // the month found for an earlier position stands for every position up to it
        let month = match self.lookahead {
            Some((at, found)) if at <= from && found.is_some_and(|(pos, _)| from <= pos) => found.map(|(_, m)| m),
            Some((at, None)) if at == from => None,
            _ => {
                let mut to = (from + 400).min(text.len());
                while !text.is_char_boundary(to) {
                    to -= 1;
                }
                let mut scratch = std::mem::take(&mut self.scratch);
                tokens::tokenize(text, from, to, &mut scratch);
                let found = scratch.iter().find_map(|t| match t.lex() {
                    Some(Lex::Month(m)) => Some((t.start, m)),
                    _ => None,
                });
                self.scratch = scratch;
                self.lookahead = Some((from, found));
                found.map(|(_, m)| m)
            }
        };
        let month = i32::from(month?);
        let year = i32::from(self.date.year()) - i32::from(month > i32::from(self.date.month()));
        let first = periods::ymd(year, month, 1)?;
        Some(Stretch { first, last: first.last_of_month(), shape: Shape::Month })
    }

    /// Whether a source in the sentence (or the paragraph, or the document) is the General Staff.
    fn source_for(&self, d: &SentData, first: usize, last: usize) -> Option<Src> {
        match side::nearest(&d.sources, first, last) {
            Some(Src::They) | None => self.para_source,
            some => some,
        }
    }

    fn official(&self, src: Option<Src>) -> bool {
        match src {
            Some(s) => s.official(),
            None => self.doc_official,
        }
    }

    fn topic_metric(&self) -> Option<Topic> {
        self.para_metric.or(self.carried_metric)
    }

    pub(crate) fn topic_pub(&self) -> Option<Topic> {
        self.topic_metric()
    }

    pub(crate) fn para_source_pub(&self) -> Option<Src> {
        self.para_source
    }

    pub(crate) fn official_pub(&self, src: Option<Src>) -> bool {
        self.official(src)
    }

    /// Value claims of the sentence, before their periods are settled.
    ///
    /// Returns whose losses the sentence leaves the text speaking of: a figure whose side the
    /// words do not give takes that of the figure before it ("Ukrainian troops also lost 14
    /// thousand tanks, …, 553 aircraft"), or of the paragraph's, or Russia's.
    fn drafts(&self, toks: &[Tok], s: Sentence, d: &SentData, report_day: bool, out: &mut Vec<Draft>) -> Option<Side> {
        let mut topic = self.topic_metric();
        // Ukraine's own officials speak of Russia's losses whatever came before
        let mut frame = if d.sources.iter().any(|h| h.src.official()) { None } else { self.side_frame };
        for (mi, m) in d.mentions.iter().enumerate() {
            if let Some(mut draft) = self.draft(toks, s, d, mi, m, report_day, topic) {
                topic = Some(Topic::left_by(draft.metric, self.answer));
                let recruit = matches!(Topic::of(draft.metric), Topic::Recruit(_));
                if draft.side_explicit {
                    frame = Some(draft.side);
                } else if let Some(side) = frame
                    && !recruit
                {
                    draft.side = side;
                }
                // "1,100 a day in March, down from 1,300 in February": the comparison is a rate too
                let lead = draft.first_tok;
                if draft.rate.is_none()
                    && lead >= s.start + 2
                    && toks[lead - 1].is(W::From)
                    && matches!(toks[lead - 2].w(), Some(W::Up | W::Down))
                    && let Some(prev) = out.last()
                {
                    draft.rate = prev.rate;
                }
                // "averaged 694 a day in 2023, 1,177 in 2024 and 1,185 in 2025": a list of figures
                // with their periods shares the rate of its first
                if draft.rate.is_none()
                    && draft.own.is_some()
                    && draft.last_tok == d.mentions[draft.mention].last
                    && let Some(prev) = out.last()
                    && prev.rate.is_some()
                {
                    let prev_end = prev.own.map_or(prev.last_tok, |i| d.periods[i].last.max(prev.last_tok));
                    let joined = prev_end < lead
                        && lead - prev_end <= 3
                        && (prev_end + 1..lead).all(|k| toks[k].is_p(P::Comma) || toks[k].is(W::And));
                    if joined {
                        draft.rate = prev.rate;
                    }
                }
                out.push(draft);
            }
        }
        self.respectively(toks, s, d, out);
        frame
    }

    /// "losses for personnel, artillery systems and tanks … to 661,630, 19,156 and 8,933,
    /// respectively": a list of figures closed by "respectively" takes its metrics in order from
    /// the list of things counted before it.
    fn respectively(&self, toks: &[Tok], s: Sentence, d: &SentData, out: &mut [Draft]) {
        if out.len() < 2 {
            return;
        }
        let Some(resp) = (s.start..s.end).find(|&k| toks[k].is(W::Respectively)) else {
            return;
        };
        // the figures of the sentence that end right before "respectively", joined by commas and "and"
        let joiner = |k: usize| toks[k].is_p(P::Comma) || toks[k].is(W::And);
        let mut run: Vec<usize> = Vec::new();
        let mut edge = resp;
        for i in (0..out.len()).rev() {
            let m = &d.mentions[out[i].mention];
            if m.first < s.start || m.last >= edge || !(m.last + 1..edge).all(joiner) {
                break;
            }
            run.push(i);
            edge = out[i].first_tok;
        }
        if run.len() < 2 {
            return;
        }
        run.reverse();
        let first_figure = out[run[0]].first_tok;
        let official = self.official(out[run[0]].source);
        let named: Vec<Metric> = d
            .phrases
            .iter()
            .filter(|p| p.last < first_figure && p.first >= s.start)
            .filter_map(|p| match p.hit {
                Hit::Equip(c) => Some(Metric::Equipment(c)),
                // "personnel" losses are the General Staff's own term
                Hit::People(People::Personnel) => Some(Metric::PersonnelLosses),
                Hit::People(kind) => Some(people_metric(kind, official, false)),
                _ => None,
            })
            .collect();
        if named.len() < run.len() {
            return;
        }
        let names = &named[named.len() - run.len()..];
        for (&i, &metric) in run.iter().zip(names) {
            out[i].metric = metric;
        }
    }

    #[allow(clippy::too_many_arguments, clippy::too_many_lines)]
    fn draft(
        &self,
        toks: &[Tok],
        s: Sentence,
        d: &SentData,
        mi: usize,
        m: &Mention,
        report_day: bool,
        topic: Option<Topic>,
    ) -> Option<Draft> {
        if matches!(m.form, Form::Ordinal | Form::Percent) || m.opaque {
            return None;
        }
        if (m.first..=m.last).any(|k| d.used[k - s.start]) {
            return None;
        }
        if is_distractor(toks, s, m) {
            return None;
        }
        let tok_w = |k: usize| if k >= s.start && k < s.end { toks[k].w() } else { None };
        // "passed the 50,000 mark", "the 100 000 mark will be passed": a milestone of the
        // running total, hedged by the verb around it
        let milestone = tok_w(m.last + 1) == Some(W::Mark) && m.form == Form::Cardinal;
        let the_before = milestone && m.first > s.start && toks[m.first - 1].is(W::The);
        let (mut hedge, qual_first) =
            if the_before { qualifiers::hedge(toks, s.start, m.first - 1) } else { d.hedges[mi] };
        let qual_first = if the_before && hedge == Hedge::Exact { m.first - 1 } else { qual_first };
        let mut passive_will = None;
        let mut milestone_end = m.last;
        if milestone {
            milestone_end = m.last + 1;
            let mut k = m.last + 2;
            while k < s.end && k < m.last + 6 && matches!(toks[k].w(), Some(W::Will | W::Be | W::Have)) {
                if toks[k].is(W::Will) {
                    passive_will = passive_will.or(Some(k));
                }
                k += 1;
            }
            if k < s.end && matches!(toks[k].w(), Some(W::Pass | W::Cross | W::Top | W::Exceed | W::Surpass)) {
                milestone_end = k;
                if hedge == Hedge::Exact {
                    hedge = Hedge::MoreThan;
                }
            } else {
                passive_will = None;
            }
        }
        // "a million and counting": a running total still rising
        let and_counting = tok_w(m.last + 1) == Some(W::And) && tok_w(m.last + 2) == Some(W::Counting);
        if and_counting && hedge == Hedge::Exact {
            hedge = Hedge::MoreThan;
        }
        let lead = m.lead.unwrap_or(m.first).min(qual_first);
        let clause = clause_start(&self.marks, s, lead);
        if m.form == Form::Range || m.form == Form::Vague {
            hedge = Hedge::Range;
        } else if m.approx && hedge == Hedge::Exact {
            hedge = Hedge::About;
        }
        // what is counted
        let after = metrics::after(toks, m.last, s.end, &d.phrases, m.form == Form::Vague);
        let mut np_end;
        let mut main: Option<(Hit, usize)> = None; // (hit, phrase first token)
        let mut generic = false;
        match after {
            After::Phrase(i) => {
                let p = d.phrases[i];
                if p.hit == Hit::Block {
                    return None;
                }
                np_end = p.last;
                main = Some((p.hit, p.first));
            }
            After::Duration | After::Noun => return None,
            After::Bare => {
                np_end = if and_counting { m.last + 2 } else { milestone_end };
                if m.year_like {
                    return None;
                }
                if m.spelled
                    && !and_counting
                    && !matches!(tok_w(qual_first.wrapping_sub(1)), Some(w) if link_word(w))
                    && qual_first == m.first
                {
                    return None;
                }
                let (found, g) = metrics::before(toks, s.start, lead, &d.phrases, d.features.has(Features::SEMI));
                generic = g;
                if let Some(i) = found {
                    let p = d.phrases[i];
                    if p.hit == Hit::Block {
                        return None;
                    }
                    main = Some((p.hit, p.first));
                }
            }
        }
        // resolve the hit into a metric
        let src = self.source_for(d, lead, np_end);
        // "1,100 occupiers liquidated": Kyiv's words, Kyiv's count
        let official = self.official(src) || (src.is_none() && d.features.has(Features::OFFICIAL_WORDING));
        let mut from_topic = false;
        let loss_context = d.features.has(Features::LOSS) || matches!(topic, Some(Topic::People | Topic::Killed));
        let recruiting = d.features.has(Features::RECRUIT);
        let near = |from: usize, to: usize| -> Option<Metric> {
            if !recruiting {
                return None;
            }
            // a recruitment cue around the number
            (from.max(s.start)..to.min(s.end)).find_map(|k| match toks[k].w() {
                Some(W::Recruit | W::Contract | W::Signed) => Some(Metric::Recruited),
                Some(W::Conscript | W::Draft | W::Uniform | W::Call) => Some(Metric::Conscripted),
                Some(W::Mobilise | W::Reservist) => Some(Metric::Mobilized),
                _ => None,
            })
        };
        // "359 losses in June" after a paragraph on tanks: a bare "losses" may go on counting them
        let equip_alt = match (main, topic) {
            (Some((Hit::People(People::Losses), first)), Some(Topic::Equip(c))) if toks[first].is(W::Loss) => Some(c),
            _ => None,
        };
        let mut metric = match main.map(|(h, _)| h) {
            Some(Hit::Equip(_) | Hit::EquipGeneric)
                if d.features.has(Features::DEPLOY) && launched_near(toks, s, lead, np_end) =>
            {
                return None;
            }
            Some(Hit::Equip(c)) => Metric::Equipment(c),
            Some(Hit::EquipGeneric) => {
                let (found, _) = metrics::before(toks, s.start, lead, &d.phrases, d.features.has(Features::SEMI));
                match found.map(|i| d.phrases[i].hit) {
                    Some(Hit::Equip(c)) => Metric::Equipment(c),
                    _ => match topic {
                        Some(Topic::Equip(c)) => Metric::Equipment(c),
                        _ => return None,
                    },
                }
            }
            Some(Hit::Recruit(metric)) => metric,
            Some(Hit::People(kind)) => {
                let kind = refine_people(toks, s, d, m, np_end, kind);
                if let Some(recruit) = near(lead.saturating_sub(6), np_end + 10)
                    .filter(|_| kind == People::Noun || kind == People::Persons)
                {
                    recruit
                } else {
                    match kind {
                        People::Persons => return None,
                        // "More than a thousand soldiers a day in March": a rate of soldiers is
                        // a rate of losses
                        People::Noun if !loss_context && rate_after(toks, s, np_end).0.is_none() => return None,
                        // "the count was 38,940 personnel and 428 tanks"
                        // "Personnel: 42,860" heads a line of figures: a count whatever the words
                        People::Personnel
                            if !loss_context
                                && !labelled(toks, s, main.map_or(lead, |(_, first)| first), m.first)
                                && !d.features.has(Features::GENERIC)
                                && !d.phrases.iter().any(|p| matches!(p.hit, Hit::Equip(_))) =>
                        {
                            return None;
                        }
                        _ => {}
                    }
                    if d.features.has(Features::DEPLOY) && deployment_near(toks, s, lead, np_end) {
                        return None;
                    }
                    people_metric(
                        kind,
                        official,
                        named_cue(d.features, src)
                            || (d.features.has(Features::CONVENTION) && named_before(toks, clause, lead)),
                    )
                }
            }
            Some(Hit::Generic) | None => {
                // "the count", "the tally" unqualified anywhere in the sentence: the headline count;
                // a milestone or a running total in a text that reports the General Staff's count
                let generic = generic
                    || d.features.has(Features::GENERIC)
                    || ((milestone || and_counting) && topic.is_none() && self.doc_official);
                // "29,794 drones downed … In the past week alone the count rose by 15,413": a count
                // that rises in a paragraph about one category is that category's
                let rising = (clause..lead).any(|k| toks[k].is(W::Rose) || toks[k].is(W::Added));
                let generic =
                    generic && !(rising && !self.para_people && matches!(self.para_metric, Some(Topic::Equip(_))));
                if main.is_none() && !generic && topic.is_none() {
                    return None;
                }
                from_topic = main.is_none();
                match topic {
                    Some(Topic::Equip(c)) if !generic => Metric::Equipment(c),
                    Some(Topic::Recruit(metric)) if !generic => {
                        near(lead.saturating_sub(6), np_end + 10).unwrap_or(metric)
                    }
                    Some(Topic::Killed) if !generic => people_metric(
                        People::Killed,
                        official,
                        named_cue(d.features, src)
                            || (d.features.has(Features::CONVENTION) && named_before(toks, clause, lead)),
                    ),
                    _ => {
                        if !loss_context && !generic && topic.is_none() {
                            return None;
                        }
                        people_metric(People::Losses, official, false)
                    }
                }
            }
            Some(Hit::Block) => return None,
        };
        // whose losses
        let people = !matches!(metric, Metric::Equipment(_));
        let recruit = matches!(metric, Metric::Recruited | Metric::Conscripted | Metric::Mobilized);
        let mut side = side::adjective_within(toks, m.last + 1, np_end + 1);
        if side.is_none()
            && let Some((_, first)) = main
            && first < m.first
        {
            side = side::adjective_before(toks, first, s.start);
        }
        if side.is_none() && !recruit && d.features.has(Features::LOSS) {
            side = side::loser_before(toks, lead, s.start);
        }
        if side.is_none() {
            // "Ukrainian casualties range from about 100,000 to 200,000 killed and wounded"
            if let (Some(i), _) = metrics::before(toks, clause, lead, &d.phrases, d.features.has(Features::SEMI))
                && matches!(d.phrases[i].hit, Hit::People(_))
            {
                side = side::adjective_before(toks, d.phrases[i].first, clause);
            }
        }
        if side.is_none() && !recruit && src.is_some_and(Src::moscow) {
            side = Some(Side::Ukraine);
        }
        let _ = people;
        let side_explicit = side.is_some() && !recruit;
        let side = side.unwrap_or(Side::Russia);
        // "troops killed, wounded or captured in 2024": what happened to them belongs to the noun
        // phrase, and the time expression after it to the figure
        if let Some(p) = d.phrases.iter().find(|p| p.first == np_end + 1)
            && matches!(p.hit, Hit::People(People::Killed | People::KilledWounded | People::Wounded | People::Captured))
        {
            np_end = p.last;
        }
        // "up 300 on the previous report", "down 40 on the day before": the change in one report
        let mut vs_previous = false;
        if lead > s.start && matches!(toks[lead - 1].w(), Some(W::Up | W::Down)) && tok_w(np_end + 1) == Some(W::On) {
            let mut k = np_end + 2;
            if tok_w(k) == Some(W::The) {
                k += 1;
            }
            if tok_w(k) == Some(W::Previous) && matches!(tok_w(k + 1), Some(W::Report | W::Day)) {
                vs_previous = true;
                np_end = k + 1;
            }
        }
        // rate
        let (rate, rate_end) = rate_after(toks, s, np_end);
        let rate = rate.or_else(|| {
            if d.features.has(Features::AVERAGE) { rate_before(toks, &self.marks, s, lead, d) } else { None }
        });
        if let Some(end) = rate_end {
            np_end = end;
        }
        // time expressions around it
        // the next number that is not part of a time expression
        let next = d.mentions[mi + 1..]
            .iter()
            .zip(&d.hedges[mi + 1..])
            .find(|(n, _)| !d.used[n.first - s.start])
            .map(|(n, (_, qual))| n.lead.unwrap_or(n.first).min(*qual));
        let next_first = next.unwrap_or(s.end);
        // a rank's scope ("the deadliest month since the invasion began") is not the figure's period
        // as is a rank's scope ("of the whole war", "of the year") for a figure outside it
        let in_rank = |p: &PExpr| {
            d.ranks.iter().any(|f| {
                p.first >= f.first
                    && p.last <= f.last
                    && (toks[p.first].is(W::Since)
                        || ((f.year.is_some() || matches!(p.val, PVal::War | PVal::WholeWar))
                            && !(f.first..=f.last).contains(&m.first)))
            })
        };
        let after_np = np_end.max(m.last);
        // "August's 28,790 was the lowest this year": a possessive right before the figure is its
        // own period, whatever follows
        let possessive = d.periods.iter().position(|p| {
            (p.last + 1 == lead || p.last + 1 == m.first) && toks[p.last].possessive() && !p.weak && !in_rank(p)
        });
        let own = possessive.or_else(|| {
            d.periods.iter().position(|p| {
                p.first > after_np
                    && p.first < next_first
                    && next.is_none_or(|n| p.last + 1 != n)
                    && p.first <= np_end + 9
                    && p.prep
                    && !p.weak
                    && !in_rank(p)
                    && {
                        // the same clause, or a list closed by ", all in the past 24 hours"
                        let gap = after_np + 1..p.first;
                        let list_close = p.first == after_np + 3
                            && toks[after_np + 1].is_p(P::Comma)
                            && matches!(
                                toks[after_np + 2].w(),
                                Some(W::All | W::Both | W::Together | W::Altogether | W::Respectively)
                            );
                        // "reached 430,790, exceeding the losses of 2022 and 2023": the time
                        // of what the figure is measured against
                        let compared =
                            gap.clone().any(|k| matches!(toks[k].w(), Some(W::Exceed | W::Surpass | W::Than)));
                        !compared
                            && (list_close
                                || !gap.clone().any(|k| {
                                    matches!(
                                        toks[k].kind,
                                        Kind::Punct(P::Comma | P::Semicolon | P::Colon | P::Dash | P::Open | P::Close)
                                    )
                                }))
                    }
            })
        });
        // a time expression earlier in the sentence, unless a contrast ("while", "but", ";")
        // opens a new clause in between
        // ("In January the Director stated that Russia had suffered …": the period dates the
        // statement)
        let barrier = |from: usize| {
            (from..lead).any(|k| {
                toks[k].is(W::While)
                    || toks[k].is(W::But)
                    || toks[k].is_p(P::Semicolon)
                    || (toks[k].is(W::Say) && toks.get(k + 1).is_some_and(|t| t.is(W::That)))
            })
        };
        let before = d.periods.iter().enumerate().rev().position(|(_, p)| {
            p.last < lead
                && !p.weak
                && !in_rank(p)
                && !matches!(p.val, PVal::Target(_))
                && (p.prep || !matches!(p.val, PVal::Day(_)))
                && !barrier(p.last + 1)
        });
        let before = before.map(|i| d.periods.len() - 1 - i);
        // clause words
        let mut cue = false;
        let mut incr = false;
        let mut needs = rate.is_some();
        // every word matched below carries flag::TALLY_CUE: a sentence without one has nothing to find
        let clause_words = if d.features.has(Features::TALLY_CUE) { clause..lead } else { lead..lead };
        for k in clause_words {
            match toks[k].w() {
                Some(W::Total | W::Tally | W::Count | W::Cumulative | W::Running | W::Stand | W::Now) => {
                    let modified = k > s.start
                        && (matches!(toks[k - 1].w(), Some(W::Monthly | W::Daily | W::Weekly | W::Annual))
                            || d.periods.iter().any(|p| p.last + 1 == k));
                    if !modified {
                        cue = true;
                    }
                }
                Some(W::Toll) if !(k > s.start && toks[k - 1].is(W::Death)) => cue = true,
                // "rose by 265" is an increment; "rose to 1,250" a new level
                Some(W::Rose) if !toks.get(k + 1).is_some_and(|t| t.is(W::To)) => {
                    incr = true;
                    needs = true;
                }
                Some(W::Added) => incr = true,
                Some(W::Totalled | W::Accounted | W::Average) => needs = true,
                _ => {}
            }
        }
        if milestone || and_counting {
            cue = true;
        }
        if incr {
            cue = false;
        }
        // "in a single week", "in one month": an event count in a stretch of time
        if own.is_some_and(|i| matches!(d.periods[i].val, PVal::Anaphor(_))) {
            needs = true;
        }
        let projection = if d.features.has(Features::PROJECTION) {
            rank::projection_cue(toks, clause, lead).or(passive_will).or_else(|| {
                // "on current form the count passes 1.5 million …, and August tops 40,000"
                d.pace
                    .filter(|&k| k < lead && matches!(hedge, Hedge::MoreThan | Hedge::AtLeast | Hedge::LessThan))
                    .map(|_| lead)
            })
        } else {
            None
        };
        // a bare number read through the topic needs something that makes it a count: a time
        // expression of its own, a rate, a counting verb, a rank or a projection ("Kharkiv, a
        // city of 1.3 million" has none)
        if from_topic {
            let counting = (clause..lead).any(|k| {
                matches!(
                    toks[k].w(),
                    Some(
                        W::Counted
                            | W::Added
                            | W::Rose
                            | W::Totalled
                            | W::Accounted
                            | W::Average
                            | W::Stand
                            | W::Reach
                            | W::Pass
                            | W::Exceed
                            | W::Top
                            | W::Surpass
                            | W::Cross
                            | W::Given
                            | W::Put
                            | W::Bring
                            | W::Tally
                            | W::Count
                            | W::Total
                            | W::Toll
                            | W::Lose
                    )
                )
            });
            let dated =
                own.is_some() || before.is_some_and(|i| !matches!(d.periods[i].val, PVal::Day(_)) || d.periods[i].prep);
            let ranked = !d.ranks.is_empty();
            // "7,800 in six days": a count over a stretch
            let over_days = tok_w(np_end + 1) == Some(W::In)
                && matches!(
                    toks.get(np_end + 2).map(|t| t.kind),
                    Some(Kind::Num(_) | Kind::Word { lex: Lex::Card(_), .. })
                )
                && matches!(tok_w(np_end + 3), Some(W::Day | W::Week | W::MonthW));
            let possessive = m.first > s.start && toks[m.first - 1].possessive();
            if !(counting
                || vs_previous
                || milestone
                || and_counting
                || over_days
                || dated
                || rate.is_some()
                || ranked
                || projection.is_some()
                || possessive
                || hedge != Hedge::Exact && cue
                || self.answer)
            {
                return None;
            }
            // an answer's bare figure answers the question, over its period
            if self.answer {
                needs = true;
            }
        }
        // ... when its size is no size for people: the General Staff's personnel count has never
        // risen by fewer than a hundred a day over a week or more, as equipment does
        if let Some(c) = equip_alt
            && let Some(i) = own
            && let Some(st) = self.stretch_of(d.resolved[i])
            && st.days() >= 7
            && m.high / f64::from(st.days()) < EQUIPMENT_PACE
        {
            metric = Metric::Equipment(c);
        }
        // conventions stated in the text
        let convention = if report_day {
            let ordinal_before = (lead.saturating_sub(3).max(s.start)..lead).find_map(|k| match toks[k].lex() {
                Some(Lex::Ord(n)) => Some(n),
                Some(Lex::W(W::Former)) => Some(1),
                Some(Lex::W(W::Latter)) => Some(2),
                _ => None,
            });
            (ordinal_before != Some(1)).then_some(Convention::ReportDay)
        } else if self.prev_report_day {
            let second = (lead.saturating_sub(3).max(s.start)..lead)
                .any(|k| matches!(toks[k].lex(), Some(Lex::Ord(2) | Lex::W(W::Latter))));
            second.then_some(Convention::ReportDay)
        } else {
            None
        };
        Some(Draft {
            mention: mi,
            first_tok: lead,
            last_tok: np_end,
            metric,
            side,
            side_explicit,
            source: src,
            hedge,
            rate,
            own,
            own_shared: false,
            before,
            cue,
            incr,
            vs_previous,
            also: d.features.has(Features::ALSO)
                && (s.start..lead)
                    .rev()
                    .take_while(|&k| !toks[k].is(W::But) && !toks[k].is(W::While))
                    .any(|k| toks[k].is(W::Also)),
            needs_period: needs,
            projection,
            convention,
            period: None,
            cumulative: false,
            subset: self.subset_of(toks, s, m, lead, np_end, metric),
            peak_days: self.peak_days(toks, s, lead, np_end),
        })
    }

    /// "a daily high of 2,030", "almost 10,000 … within the space of a week", "in a single day":
    /// the figure is the highest total of one day or one week within its period.
    fn peak_days(&self, toks: &[Tok], s: Sentence, lead: usize, np_end: usize) -> Option<u16> {
        let is = |k: usize, words: &[&str]| {
            k >= s.start && k < s.end && {
                let t = &self.text[toks[k].start..toks[k].end];
                words.iter().any(|w| t.eq_ignore_ascii_case(w))
            }
        };
        let unit = |k: usize| {
            if is(k, &["day"]) {
                Some(1)
            } else if is(k, &["week"]) {
                Some(7)
            } else {
                None
            }
        };
        if lead >= s.start + 3
            && is(lead - 1, &["of"])
            && is(lead - 2, &["high", "record", "peak", "maximum"])
            && is(lead - 3, &["daily", "weekly"])
        {
            return if is(lead - 3, &["daily"]) { Some(1) } else { Some(7) };
        }
        let mut k = np_end + 1;
        if !is(k, &["in", "within"]) {
            return None;
        }
        k += 1;
        if is(k, &["the"]) && is(k + 1, &["space"]) && is(k + 2, &["of"]) {
            k += 3;
        }
        if is(k, &["just"]) {
            k += 1;
        }
        if is(k, &["a"]) && is(k + 1, &["single"]) {
            unit(k + 2)
        } else if is(k, &["a", "one", "single"]) {
            unit(k + 1)
        } else {
            None
        }
    }

    /// Whether the figure counts part of what the General Staff counts: one place ("15 warships
    /// in the Black Sea"), one model ("three Su-34 jets", "two aircraft of this type"), or one
    /// way of being lost ("544 tanks had been captured", "79 damaged").
    fn subset_of(
        &self,
        toks: &[Tok],
        s: Sentence,
        m: &Mention,
        lead: usize,
        np_end: usize,
        metric: Metric,
    ) -> Option<Subset> {
        let text = |k: usize| &self.text[toks[k].start..toks[k].end];
        let equipment = matches!(metric, Metric::Equipment(_));
        if equipment {
            // how it was lost: inside the noun phrase, right after it (past "had been"), or as the
            // verb right before the figure; not when coordinated with destruction ("destroyed or
            // captured" is every loss)
            let status = |k: usize| {
                k >= s.start
                    && k < s.end
                    && ["captured", "abandoned", "damaged", "seized"].iter().any(|w| text(k).eq_ignore_ascii_case(w))
            };
            let whole = |k: usize| {
                k >= s.start
                    && k < s.end
                    && ["destroyed", "lost", "downed", "eliminated"].iter().any(|w| text(k).eq_ignore_ascii_case(w))
            };
            let joined = |k: usize, step: isize| {
                let j = k.checked_add_signed(step);
                let j2 = k.checked_add_signed(2 * step);
                matches!((j, j2), (Some(j), Some(j2)) if j >= s.start && j < s.end
                    && (toks[j].is(W::And) || toks[j].is(W::Or)) && whole(j2))
            };
            let mut after = np_end + 1;
            while after < s.end && after <= np_end + 3 && matches!(toks[after].w(), Some(W::Have | W::Be)) {
                after += 1;
            }
            let before = lead.checked_sub(1).filter(|&k| k >= s.start);
            let found = (m.last + 1..=np_end).chain(std::iter::once(after)).chain(before).find(|&k| status(k));
            if let Some(k) = found
                && !joined(k, 1)
                && !joined(k, -1)
            {
                return Some(Subset::Status);
            }
            // a model designation in the noun phrase ("Su-34", "A-50", "T-90M"), or "of this type"
            let phrase = if np_end > m.last && np_end < s.end {
                &self.text[toks[m.last + 1].start..toks[np_end].end]
            } else {
                ""
            };
            let designation = phrase.split_whitespace().any(|word| {
                let word = word.trim_matches(|c: char| !c.is_ascii_alphanumeric());
                word.len() >= 2
                    && word.starts_with(|c: char| c.is_ascii_uppercase())
                    && word.contains(|c: char| c.is_ascii_digit())
                    && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            }) || {
                let is = |k: usize, words: &[&str]| k < s.end && words.iter().any(|w| text(k).eq_ignore_ascii_case(w));
                is(np_end + 1, &["of"])
                    && is(np_end + 2, &["this"])
                    && is(np_end + 3, &["type", "kind", "model", "class"])
            };
            if designation {
                return Some(Subset::Model);
            }
        }
        // a place named after the figure in its clause: "in the Black Sea", "near Bakhmut"
        let mut k = np_end + 1;
        while k < s.end
            && k <= np_end + 16
            && !matches!(toks[k].kind, Kind::Punct(_) | Kind::Num(_))
            && !matches!(toks[k].w(), Some(W::That | W::Which | W::When | W::While | W::But))
        {
            let prep = toks[k].is(W::In) || text(k).eq_ignore_ascii_case("near");
            if prep {
                let mut j = k + 1;
                if j < s.end && toks[j].is(W::The) {
                    j += 1;
                }
                if j < s.end
                    && matches!(toks[j].kind, Kind::Word { lex: Lex::Other, caps: tokens::Caps::Capital, poss: false })
                    && !toks.get(j + 1).is_some_and(|t| t.possessive())
                {
                    return Some(Subset::Place);
                }
            }
            k += 1;
        }
        None
    }

    /// "nearly 4,000 tanks and more than 14,000 drones destroyed this year": a list shares the
    /// time expression that closes it.
    fn inherit_coordinated(&self, toks: &[Tok], d: &SentData, drafts: &mut [Draft]) {
        for i in (0..drafts.len().saturating_sub(1)).rev() {
            if drafts[i].own.is_some() {
                continue;
            }
            let (a_end, b_start) = (drafts[i].last_tok, drafts[i + 1].first_tok);
            let joined = b_start > a_end
                && (a_end + 1..b_start)
                    .all(|k| toks[k].is_p(P::Comma) || toks[k].is_p(P::Semicolon) || toks[k].is(W::And))
                && b_start - a_end <= 3;
            let b_own = drafts[i + 1].own;
            // losses of people and of equipment listed together share the list's period ("lost
            // 1,230 soldiers and 14 tanks in the past 24 hours"); recruitment does not
            let recruit = |dr: &Draft| matches!(Topic::of(dr.metric), Topic::Recruit(_));
            let alike = drafts[i].rate.is_some() == drafts[i + 1].rate.is_some()
                && recruit(&drafts[i]) == recruit(&drafts[i + 1]);
            if joined && alike && b_own.is_some_and(|p| !matches!(d.periods[p].val, PVal::Target(_))) {
                drafts[i].own = b_own;
                drafts[i].own_shared = true;
                // "lost 1,050 soldiers and 85 drones in a single day": an event count in a stretch
                // the text leaves open, for every figure of the list
                if b_own.is_some_and(|p| matches!(d.periods[p].val, PVal::Anaphor(_))) {
                    drafts[i].needs_period = true;
                }
            }
        }
    }

    fn stretch_of(&self, r: R) -> Option<Stretch> {
        match r {
            R::Stretch(st) => Some(st),
            R::WholeWar | R::War => Some(Stretch { first: WAR_START, last: self.yesterday, shape: Shape::Other }),
            _ => None,
        }
    }

    fn clip(&self, st: Stretch) -> [Date; 2] {
        if st.shape == Shape::Campaign {
            return [st.first, st.last];
        }
        let last = if st.last > self.yesterday { self.yesterday } else { st.last };
        let first = if st.first < WAR_START { WAR_START } else { st.first };
        [first, if last < first { first } else { last }]
    }

    fn as_of(&self, date: Date) -> Option<[Date; 2]> {
        (date < self.date).then(|| [WAR_START, day_before(date)])
    }

    /// The loss days a figure covers, or that it is cumulative.
    fn settle(&self, d: &SentData, earlier: &[Draft], draft: &mut Draft) {
        self.settle_inner(d, earlier, draft);
        // Russia's partial mobilisation ran from 21 September to 28 October 2022: "the 300,000
        // reservists mobilised last autumn"
        if draft.metric == Metric::Mobilized
            && let Some([a, b]) = draft.period
            && let (Ok(start), Ok(end)) = (Date::new(2022, 9, 21), Date::new(2022, 10, 28))
            && a <= end
            && b >= start
            && a.year() == 2022
            && b.year() == 2022
        {
            draft.period = Some([start, end]);
        }
    }

    fn settle_inner(&self, d: &SentData, earlier: &[Draft], draft: &mut Draft) {
        // no projection here: "by" a past date is the report of a total
        let past = |r: R| match r {
            R::By { report, .. } => R::Report(report),
            other => other,
        };
        let own = draft.own.map(|i| past(d.resolved[i]));
        let before = draft.before.map(|i| past(d.resolved[i]));
        let weak = d.periods.iter().zip(&d.resolved).find_map(|(p, r)| if p.weak { self.stretch_of(*r) } else { None });
        let topic = self.para.or(self.carried);
        // what a figure with no time expression of its own falls back on
        let implied = self.para_figure.or(topic).or(self.section);
        let as_of_in_sentence = || -> Option<Date> {
            d.periods.iter().zip(&d.resolved).find_map(|(p, r)| match r {
                R::Day(date) if p.prep => Some(*date),
                R::Report(date) | R::By { report: date, .. } => Some(*date),
                _ => None,
            })
        };
        if let Some(cue_at) = draft.projection {
            self.settle_projection(d, draft, cue_at);
            return;
        }
        if draft.vs_previous {
            let report = d
                .resolved
                .iter()
                .find_map(|r| match r {
                    R::Report(date) => Some(*date),
                    _ => None,
                })
                .unwrap_or(self.date);
            let day = day_before(report);
            draft.period = Some([day, day]);
            draft.cumulative = false;
            return;
        }
        if draft.rate.is_some() {
            let stated = [own, before].into_iter().flatten().find_map(|r| self.stretch_of(r)).or(weak);
            // a recruitment rate with no period of its own is a standing rate, not the topic's
            let recruit = matches!(draft.metric, Metric::Recruited | Metric::Conscripted | Metric::Mobilized);
            let st = if recruit { stated } else { stated.or(self.para_figure).or(topic).or(self.section) };
            draft.period = st.map(|st| self.clip(st));
            draft.cumulative = false;
            return;
        }
        let stretch = |st: Stretch| Some(self.clip(st));
        match own {
            Some(R::Stretch(st)) => {
                draft.period = stretch(st);
                return;
            }
            Some(R::Day(date)) => {
                if draft.cue || draft.hedge == Hedge::MoreThan {
                    // a total or a milestone on that day
                    draft.cumulative = true;
                    draft.period = self.as_of(date);
                } else if date >= self.date {
                    // "lost 1,300 soldiers on Monday", written on Monday: the day that report covers
                    draft.period = Some([self.yesterday, self.yesterday]);
                } else {
                    draft.period = Some([date, date]);
                }
                return;
            }
            Some(R::Report(date)) => {
                if draft.incr {
                    let day = day_before(date);
                    draft.period = Some([day, day]);
                } else {
                    draft.cumulative = true;
                    draft.period = self.as_of(date);
                }
                return;
            }
            Some(R::War | R::WholeWar) => {
                draft.cumulative = true;
                draft.period = as_of_in_sentence().and_then(|date| self.as_of(date));
                return;
            }
            _ => {}
        }
        if draft.incr
            && let Some(R::Report(date)) = before
        {
            let day = day_before(date);
            draft.period = Some([day, day]);
            return;
        }
        // "In March the toll reached 41,200": a time expression of the sentence's own (not the
        // period of an earlier figure) makes a total a period total; a milestone ("passed",
        // "crossed") stays cumulative, as of the end of that period
        let fronted = draft.before.filter(|i| !earlier.iter().any(|e| e.own == Some(*i)));
        if draft.cue
            && let Some(R::Stretch(st)) = fronted.map(|i| d.resolved[i])
        {
            if draft.hedge == Hedge::MoreThan {
                draft.cumulative = true;
                draft.period = if st.last < self.yesterday { Some([WAR_START, st.last]) } else { None };
            } else {
                draft.period = stretch(st);
            }
            return;
        }
        if draft.cue || matches!(before, Some(R::War | R::WholeWar)) {
            draft.cumulative = true;
            draft.period = as_of_in_sentence().and_then(|date| self.as_of(date));
            return;
        }
        match before {
            Some(R::Stretch(st)) => {
                draft.period = stretch(st);
                return;
            }
            Some(R::Day(date)) => {
                if date >= self.date {
                    draft.cumulative = true;
                } else {
                    draft.period = Some([date, date]);
                }
                return;
            }
            Some(R::Report(date)) => {
                draft.cumulative = true;
                draft.period = self.as_of(date);
                return;
            }
            _ => {}
        }
        if draft.needs_period {
            draft.period = weak.or(implied).map(|st| self.clip(st));
            return;
        }
        // a call-up or recruitment figure is not a running total since the invasion
        if matches!(draft.metric, Metric::Recruited | Metric::Conscripted | Metric::Mobilized) {
            return;
        }
        // a daily update goes on: "In the past 24 hours Russia lost 1,090 soldiers. Ukrainian
        // forces also destroyed 14 tanks."
        let day = |st: &Stretch| st.first == st.last;
        if let Some(st) = self.para.filter(day).or(self.carried.filter(|st| day(st) && draft.also)) {
            draft.period = Some(self.clip(st));
            return;
        }
        // "The month ended with 7,320 losses. Armour losses ran to 229 tanks": the paragraph's
        // (or the section's) period goes on until a figure names another or a running total
        let as_of = as_of_in_sentence();
        // a figure passed ("over 5,000 tanks") is a milestone of the running total
        if as_of.is_none()
            && !matches!(draft.hedge, Hedge::MoreThan | Hedge::AtLeast)
            && let Some(st) = self.para_figure.or(self.section)
        {
            draft.period = Some(self.clip(st));
            return;
        }
        draft.cumulative = true;
        draft.period = as_of.and_then(|date| self.as_of(date));
    }

    /// A projection: to a target date (a cumulative threshold) or for a month's total.
    fn settle_projection(&self, d: &SentData, draft: &mut Draft, cue_at: usize) {
        let target = d.periods.iter().zip(&d.resolved).find_map(|(p, r)| match r {
            R::Target(date) | R::By { target: date, .. } if p.first > cue_at => Some(*date),
            _ => None,
        });
        if let Some(target) = target {
            draft.period = Some([self.date, target]);
            draft.cumulative = true;
            return;
        }
        let month = d
            .periods
            .iter()
            .zip(&d.resolved)
            .rev()
            .filter(|(p, _)| p.last < cue_at)
            .find_map(|(_, r)| match r {
                R::Stretch(st) if st.fits(Shape::Month) => Some(*st),
                _ => None,
            })
            .or(self.para.filter(|st| st.fits(Shape::Month)));
        draft.period = month.map(|st| [st.first.first_of_month(), st.first.last_of_month()]);
        draft.cumulative = false;
    }

    fn to_claim(&self, toks: &[Tok], d: &SentData, draft: &Draft, net: bool) -> Claim<'t> {
        let m = &d.mentions[draft.mention];
        let start = toks[draft.first_tok].start;
        let mut end_tok = draft.last_tok;
        if let Some(i) = draft.own
            && !draft.own_shared
            && d.periods[i].first <= draft.last_tok + 4
        {
            end_tok = end_tok.max(d.periods[i].last);
        }
        let end = toks[end_tok].end;
        let (low, high) = m.bounds(draft.hedge);
        Claim {
            span: [start, end],
            quote: std::borrow::Cow::Borrowed(&self.text[start..end]),
            side: Some(draft.side),
            metric: Some(draft.metric),
            low,
            high,
            qualifier: draft.hedge,
            rate: draft.rate,
            period: draft.period,
            cumulative: draft.cumulative,
            kind: if draft.projection.is_some() { ClaimKind::Projection } else { ClaimKind::Value },
            rank: None,
            convention: draft.convention,
            net_of_corrections: net,
            // with no source named nearby, the General Staff's own counts are credited to it when
            // the text reports its figures
            attribution: draft.source.map(|s| s.name().into()).or_else(|| {
                (self.doc_official
                    && draft.side == Side::Russia
                    && matches!(draft.metric, Metric::PersonnelLosses | Metric::Equipment(_)))
                .then(|| Src::GeneralStaff.name().into())
            }),
            vague: m.form == Form::Vague,
            unit: m.unit,
            subset: draft.subset,
            peak_days: draft.peak_days,
        }
    }
}

/// Move a stretch back by one unit of `shape` ("a month earlier", "the year before").
fn shift_back(base: Stretch, shape: Shape) -> Option<Stretch> {
    use jiff::ToSpan;
    let (first, last, shape) = match shape {
        Shape::Month => {
            let first = base.first.first_of_month().checked_sub(1.month()).ok()?;
            (first, first.last_of_month(), Shape::Month)
        }
        Shape::Quarter => {
            let first = base.first.checked_sub(3.months()).ok()?;
            (first, base.first.yesterday().ok()?, Shape::Quarter)
        }
        Shape::Year => (base.first.checked_sub(1.year()).ok()?, base.last.checked_sub(1.year()).ok()?, base.shape),
        Shape::Week => (base.first.checked_sub(7.days()).ok()?, base.last.checked_sub(7.days()).ok()?, Shape::Week),
        Shape::Day => (base.first.yesterday().ok()?, base.last.yesterday().ok()?, Shape::Day),
        Shape::Campaign | Shape::Other => return None,
    };
    Some(Stretch { first, last, shape })
}

/// Words that may introduce a spelled-out number standing alone ("stands at two", "to six").
fn link_word(w: W) -> bool {
    matches!(w, W::At | W::To | W::By | W::With | W::Reach | W::Average | W::Of | W::Totalled | W::Be)
}

/// The first token of the clause of sentence `s` containing token `k`: the one after the last
/// comma, semicolon, colon or dash before it.
fn clause_start(marks: &Marks, s: Sentence, k: usize) -> usize {
    marks.prev(Mark::Clause, s.start, k).map_or(s.start, |j| j + 1)
}

/// Numbers that are not losses whatever follows them: ages ("Putin, 73,"), war days ("day
/// 731"), prices ("$500").
fn is_distractor(toks: &[Tok], s: Sentence, m: &Mention) -> bool {
    let prev = |back: usize| if m.first >= s.start + back { Some(&toks[m.first - back]) } else { None };
    let next = |fwd: usize| if m.last + fwd < s.end { Some(&toks[m.last + fwd]) } else { None };
    let small = m.form == Form::Cardinal && m.plain && m.low < 120.0;
    // a fraction of one ("R² = 0.18", "p = 0.21") counts nothing
    if m.form == Form::Cardinal && m.high < 1.0 && m.unit.is_some_and(|u| u < 1.0) {
        return true;
    }
    // ", 71," after a name
    if small
        && prev(1).is_some_and(|t| t.is_p(P::Comma))
        && next(1).is_some_and(|t| t.is_p(P::Comma))
        && prev(2).is_some_and(Tok::is_word)
    {
        return true;
    }
    // "aged 34", "aged 18 to 30", "34-year-old", "are over 40"
    if m.low < 120.0 && m.plain_or_range() && prev(1).is_some_and(|t| t.is(W::Aged)) {
        return true;
    }
    if small
        && prev(1).is_some_and(|t| matches!(t.w(), Some(W::Over | W::Under | W::Above)))
        && prev(2).is_some_and(|t| t.is(W::Be))
    {
        return true;
    }
    if small && next(1).is_some_and(|t| t.is_p(P::Hyphen)) && next(2).is_some_and(|t| t.is(W::Year)) {
        return true;
    }
    // "day 731"
    if prev(1).is_some_and(|t| t.is(W::Day)) {
        return true;
    }
    // "$500", "£2bn"
    if prev(1).is_some_and(|t| t.is_p(P::Currency)) {
        return true;
    }
    false
}

/// A figure right after a label and a colon that open the sentence ("Personnel: 42,860").
fn labelled(toks: &[Tok], s: Sentence, label: usize, number: usize) -> bool {
    number >= s.start + 2
        && label < number
        && toks[number - 1].is_p(P::Colon)
        && toks[s.start..number - 1].iter().all(|t| t.is_word() || t.is_p(P::Other))
}

/// Deployments, launches and deliveries are not losses ("10,000 soldiers are being trained",
/// "launched 47 drones").
fn deployment_near(toks: &[Tok], s: Sentence, lead: usize, np_end: usize) -> bool {
    let lo = lead.saturating_sub(3).max(s.start);
    let hi = (np_end + 5).min(s.end);
    (lo..hi).any(|k| toks[k].is(W::Deployed))
}

/// Weapons launched or fired are attacks, not losses ("launched 120 drones", "missiles fired at").
fn launched_near(toks: &[Tok], s: Sentence, lead: usize, np_end: usize) -> bool {
    let lo = lead.saturating_sub(3).max(s.start);
    let hi = (np_end + 3).min(s.end);
    (lo..lead).chain(np_end + 1..hi).any(|k| toks[k].is(W::Deployed))
}

/// Deaths confirmed by name: "identified … by name", "confirmed … deaths" with the BBC or
/// Mediazona.
/// "have named nearly 60,000 dead soldiers", "had put names to 122,883": deaths counted by name
/// in the clause of the figure.
fn named_before(toks: &[Tok], clause: usize, lead: usize) -> bool {
    (clause..lead).any(|k| toks[k].is(W::Named))
}

fn named_cue(f: Features, src: Option<Src>) -> bool {
    f.has(Features::BY_NAME) || (f.has(Features::CONFIRM) && src.is_some_and(Src::by_name))
}

/// What a sentence contains: the union of its tokens' flags (`lexicon::flag`), and two cues
/// that take two words ("by name", "by publication date").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Features(u32);

impl Features {
    const LOSS: u32 = flag::LOSS;
    const GENERIC: u32 = flag::GENERIC;
    const CONFIRM: u32 = flag::CONFIRM;
    const BACKLOG: u32 = flag::BACKLOG;
    const REMOVED: u32 = flag::REMOVED;
    const RANK: u32 = flag::RANK;
    const QUESTION: u32 = flag::QUESTION;
    const DASH: u32 = flag::DASH;
    const COLON: u32 = flag::COLON;
    const NUM: u32 = flag::NUM | flag::NUM_WORD;
    const SEMI: u32 = flag::SEMI;
    const OFFICIAL_WORDING: u32 = flag::OFFICIAL_WORDING;
    const ALSO: u32 = flag::ALSO;
    const DATE_NUM: u32 = flag::DATE_NUM;
    const TIME: u32 = flag::TIME;
    const SOURCE: u32 = flag::SOURCE;
    const RECRUIT: u32 = flag::RECRUIT;
    const DEPLOY: u32 = flag::DEPLOY;
    const AVERAGE: u32 = flag::AVERAGE;
    const PROJECTION: u32 = flag::PROJECTION;
    const BY_NAME: u32 = 1 << 30;
    const REPORT_DAY: u32 = 1 << 31;
    const CONVENTION: u32 = flag::CONVENTION;
    const TALLY_CUE: u32 = flag::TALLY_CUE;

    #[inline]
    fn has(self, bit: u32) -> bool {
        self.0 & bit != 0
    }

    fn of(toks: &[Tok], s: Sentence) -> Features {
        let mut f = s.flags;
        if f & flag::CONVENTION != 0 {
            for k in s.start..s.end {
                let next = |j: usize, w: W| toks.get(k + j).is_some_and(|t| t.is(w)) && k + j < s.end;
                match toks[k].w() {
                    Some(W::Name) if k > s.start && toks[k - 1].is(W::By) => f |= Self::BY_NAME,
                    Some(W::Publication) if next(1, W::Date) => f |= Self::REPORT_DAY,
                    Some(W::Date) if next(1, W::Of) && next(3, W::Report) => f |= Self::REPORT_DAY,
                    Some(W::Report) if next(1, W::Date) => f |= Self::REPORT_DAY,
                    Some(W::Dated) if k > s.start && toks[k - 1].is(W::As) => f |= Self::REPORT_DAY,
                    _ => {}
                }
            }
        }
        Features(f)
    }
}

/// Look around a person count for what happened to them ("soldiers killed", "troops killed or
/// wounded", "killed or wounded 35,000 troops", "Russian deaths at").
fn refine_people(toks: &[Tok], s: Sentence, d: &SentData, m: &Mention, np_end: usize, kind: People) -> People {
    if !matches!(kind, People::Noun | People::Personnel | People::Persons) {
        return kind;
    }
    let lo = m.first.saturating_sub(4).max(s.start);
    // "troops were believed to have died": the verb phrase after the noun, up to a break
    let hi = (np_end + 1..(np_end + 8).min(s.end))
        .find(|&k| matches!(toks[k].kind, Kind::Punct(_) | Kind::Num(_)) || toks[k].is(W::And))
        .unwrap_or((np_end + 8).min(s.end))
        .max((np_end + 5).min(s.end));
    let mut found = kind;
    for p in &d.phrases {
        let inside = (p.first > np_end && p.first < hi) || (p.last < m.first && p.last >= lo);
        if !inside {
            continue;
        }
        match p.hit {
            Hit::People(People::KilledWounded) => return People::KilledWounded,
            Hit::People(
                k @ (People::Killed | People::Wounded | People::Captured | People::Losses | People::Casualties),
            ) if found == kind || k == People::Killed => found = k,
            _ => {}
        }
    }
    found
}

/// The metric of a person count.
fn people_metric(kind: People, official: bool, named: bool) -> Metric {
    match kind {
        People::Killed if named => Metric::NamedKilled,
        People::Killed => Metric::Killed,
        People::Wounded => Metric::Wounded,
        People::Captured => Metric::Captured,
        People::Missing => Metric::Missing,
        _ if official => Metric::PersonnelLosses,
        _ => Metric::Casualties,
    }
}

/// "a day", "per day", "every (single) day", "each month", "a week", "daily", after the noun,
/// possibly after a short verb phrase ("1,000 men sign contracts every day").
fn rate_after(toks: &[Tok], s: Sentence, np_end: usize) -> (Option<RateUnit>, Option<usize>) {
    let w = |k: usize| if k < s.end { toks[k].w() } else { None };
    let unit = |x: Option<W>| match x {
        Some(W::Day) => Some(RateUnit::PerDay),
        Some(W::Week) => Some(RateUnit::PerWeek),
        Some(W::MonthW) => Some(RateUnit::PerMonth),
        Some(W::Year) => Some(RateUnit::PerYear),
        _ => None,
    };
    let limit = (np_end + 5).min(s.end);
    let mut k = np_end + 1;
    while k < limit {
        let tok = &toks[k];
        if matches!(tok.kind, Kind::Punct(_) | Kind::Num(_)) {
            break;
        }
        let adjective = rate_adjective(tok.w());
        // "daily" right after the number or its noun only
        if adjective.is_some() && k == np_end + 1 {
            return (adjective, Some(k));
        }
        if let Some(W::A | W::Per | W::Every | W::Each) = tok.w() {
            // "in a day", "on a single day", "a day earlier" are not rates
            let bound =
                k > s.start && matches!(toks[k - 1].w(), Some(W::In | W::On | W::For | W::Of | W::Within | W::Over));
            let mut j = k + 1;
            if w(j) == Some(W::Single) {
                j += 1;
            }
            let relative = matches!(w(j + 1), Some(W::Earlier | W::Before | W::Ago | W::After));
            if let Some(u) = unit(w(j)).filter(|_| !(relative || tok.is(W::A) && bound)) {
                return (Some(u), Some(j));
            }
            break;
        }
        k += 1;
    }
    (None, None)
}

/// The rate a rate adjective names: "daily", "weekly", "monthly", "annual".
fn rate_adjective(w: Option<W>) -> Option<RateUnit> {
    match w {
        Some(W::Daily) => Some(RateUnit::PerDay),
        Some(W::Weekly) => Some(RateUnit::PerWeek),
        Some(W::Monthly) => Some(RateUnit::PerMonth),
        Some(W::Annual) => Some(RateUnit::PerYear),
        _ => None,
    }
}

/// "a daily average of", "the weekly average has been", "May's daily average sat between".
fn rate_before(toks: &[Tok], marks: &Marks, s: Sentence, lead: usize, d: &SentData) -> Option<RateUnit> {
    let clause = clause_start(marks, s, lead);
    // no other number between
    if d.mentions.iter().any(|m| m.first >= clause && m.last < lead) {
        return None;
    }
    (clause..lead).find_map(|k| {
        // "the daily average": the figure is a rate
        if toks[k].is(W::Average) && k > clause {
            return rate_adjective(toks[k - 1].w());
        }
        // "daily losses averaged 1,100", "Russia's average daily losses were 1,140": a rate
        // word before the loss noun ("the daily report" is no rate)
        let per = rate_adjective(toks[k].w())?;
        let noun = toks[k + 1..lead]
            .iter()
            .take(3)
            .find(|t| !matches!(t.w(), Some(W::Russian | W::Enemy | W::Troop | W::Personnel | W::Combat)))?;
        matches!(noun.w(), Some(W::Loss | W::Casualty | W::Toll | W::Death)).then_some(per)
    })
}
