//! The tokenizer: one pass over the bytes of a block of text, producing words (with their
//! lexicon entry), number literals (digit groups, decimals, suffixes), dates and times written
//! in digits, and punctuation; then the split of a block into sentences.
//!
//! Every token starts and ends on a character boundary: the scanner only cuts before an ASCII
//! byte or before the lead byte of a multi-byte character, and consumes whole characters.

use super::lexicon::{Lex, W, flag, flags_of, lookup_flags};

/// Letter case of a word, for names, headlines and month names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Caps {
    /// all lower case (or no ASCII letters).
    Lower,
    /// First letter upper case.
    Capital,
    /// Two or more letters, all upper case.
    Upper,
}

/// A suffix glued to the digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Suffix {
    /// None.
    None,
    /// `th`, `st`, `nd`, `rd`: an ordinal.
    Ordinal,
    /// `%`.
    Percent,
}

/// A number written in digits, with its grouping resolved and any glued scale applied.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct NumLit {
    /// The value ("1.45m" → 1,450,000).
    pub value: f64,
    /// The unit of the last significant digit (trailing zeros are not significant).
    pub unit: f64,
    /// Digits were grouped (`,`, `.`, spaces).
    pub grouped: bool,
    /// A decimal fraction was written.
    pub decimal: bool,
    /// A scale was glued to the digits (`k`, `m`, `mn`, `bn`).
    pub scaled: bool,
    /// Digits before any separator or decimal point.
    pub lead_digits: u8,
    /// An ordinal or percentage suffix.
    pub suffix: Suffix,
    /// Part of a model designation (`T-90`, `Su-34`).
    pub model: bool,
    /// A dollar, euro, pound or rouble sign comes right before it.
    pub money: bool,
    /// Written like a day and month ("24.02", "05.12"): a date in the right company.
    pub day_month: bool,
}

impl NumLit {
    /// Four plain digits that can be a year (1900–2099).
    #[inline]
    pub fn year_like(&self) -> bool {
        !self.grouped
            && !self.decimal
            && !self.scaled
            && self.lead_digits == 4
            && self.suffix == Suffix::None
            && (1900.0..=2099.0).contains(&self.value)
    }
}

/// Punctuation, reduced to what the grammar distinguishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum P {
    Comma,
    Period,
    Semicolon,
    Colon,
    Bang,
    Question,
    Open,
    Close,
    Quote,
    /// A dash between two non-spaces ("twenty-one", "30-35,000", "July-September").
    Hyphen,
    /// A dash with a space on either side ("personnel ‒ 200590", "May - the deadliest").
    Dash,
    Plus,
    Slash,
    Pipe,
    /// `~`: "about".
    Tilde,
    Currency,
    Percent,
    Other,
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    /// A word.
    Word {
        /// Its lexicon entry.
        lex: Lex,
        /// Its case.
        caps: Caps,
        /// It ended in `'s` (stripped before lookup).
        poss: bool,
    },
    /// A number in digits.
    Num(NumLit),
    /// A date in digits: `24.02.22`, `2024-09-30`, `30/09/2024`.
    DateNum {
        /// Year (four digits).
        year: i16,
        /// Month.
        month: i8,
        /// Day.
        day: i8,
    },
    /// A clock time: `08:05`, `8 a.m.`.
    Time,
    /// Punctuation.
    Punct(P),
}

/// One token with its UTF-8 byte span in the whole text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Tok {
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// What it is.
    pub kind: Kind,
    /// What it can take part in (`lexicon::flag`).
    pub flags: u32,
    /// The lemma of a known word, kept beside `kind` because the grammar asks for it more
    /// than for anything else.
    pub lemma: Option<W>,
    /// The punctuation, for the same reason.
    pub punct: Option<P>,
}

/// `Tok::lemma` of a token that is not a known word.
pub(crate) const NO_LEMMA: Option<W> = None;

fn lemma_of(lex: Lex) -> Option<W> {
    match lex {
        Lex::W(w) => Some(w),
        _ => None,
    }
}

impl Tok {
    /// A punctuation token.
    #[inline]
    fn mark(start: usize, end: usize, p: P) -> Tok {
        Tok { start, end, kind: Kind::Punct(p), flags: punct_flags(p), lemma: NO_LEMMA, punct: Some(p) }
    }

    /// The lexicon entry of a word, `None` for anything else.
    #[inline]
    pub fn lex(&self) -> Option<Lex> {
        match self.kind {
            Kind::Word { lex, .. } => Some(lex),
            _ => None,
        }
    }

    /// The lemma of a known word.
    #[inline]
    pub fn w(&self) -> Option<W> {
        self.lemma
    }

    /// The token is this lemma.
    #[inline]
    pub fn is(&self, w: W) -> bool {
        self.lemma == Some(w)
    }

    /// The token is this punctuation.
    #[inline]
    pub fn is_p(&self, p: P) -> bool {
        self.punct == Some(p)
    }

    /// A word (known or not).
    #[inline]
    pub fn is_word(&self) -> bool {
        matches!(self.kind, Kind::Word { .. })
    }

    /// A word starting with a capital.
    #[inline]
    pub fn capitalised(&self) -> bool {
        matches!(self.kind, Kind::Word { caps: Caps::Capital | Caps::Upper, .. })
    }

    /// A possessive word (`September's`).
    #[inline]
    pub fn possessive(&self) -> bool {
        matches!(self.kind, Kind::Word { poss: true, .. })
    }

    /// The number literal, if this is one.
    #[inline]
    pub fn num(&self) -> Option<NumLit> {
        match self.kind {
            Kind::Num(n) => Some(n),
            _ => None,
        }
    }
}

/// Horizontal white space: ASCII space and tab, no-break space, narrow no-break space, thin
/// space, figure space. Returns its length in bytes at `i`, or 0.
fn space_len(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i) {
        Some(b' ' | b'\t' | b'\r') => 1,
        Some(0xC2) if bytes.get(i + 1) == Some(&0xA0) => 2,
        Some(0xE2)
            if bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0x87 | 0x89 | 0xAF | 0x8A)) =>
        {
            3
        }
        _ => 0,
    }
}

/// Length of the UTF-8 character whose lead byte is `lead`.
fn char_len(lead: u8) -> usize {
    match lead {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// Multi-byte punctuation at `i`: dashes, curly quotes, ellipsis, bullets, the minus sign.
fn wide_punct(bytes: &[u8], i: usize) -> Option<(P, usize)> {
    match (bytes.get(i), bytes.get(i + 1), bytes.get(i + 2)) {
        (Some(0xE2), Some(0x80), Some(0x90..=0x95)) => Some((P::Hyphen, 3)),
        (Some(0xE2), Some(0x88), Some(0x92)) => Some((P::Hyphen, 3)),
        (Some(0xE2), Some(0x80), Some(0x98 | 0x99)) => Some((P::Quote, 3)),
        (Some(0xE2), Some(0x80), Some(0x9C..=0x9F)) => Some((P::Quote, 3)),
        (Some(0xE2), Some(0x80), Some(0xA2 | 0xA6)) => Some((P::Other, 3)),
        (Some(0xE2), Some(0x82), Some(0xAC | 0xBD)) => Some((P::Currency, 3)),
        (Some(0xC2), Some(0xA3 | 0xAB | 0xBB | 0xB7), _) => {
            Some((if bytes[i + 1] == 0xA3 { P::Currency } else { P::Quote }, 2))
        }
        _ => None,
    }
}

/// An apostrophe at `i` (ASCII or U+2019), with its length.
fn apostrophe_len(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i) {
        Some(b'\'') => 1,
        Some(0xE2) if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0x99) => 3,
        _ => 0,
    }
}

fn is_word_byte(bytes: &[u8], i: usize) -> bool {
    match bytes.get(i) {
        Some(&b) if b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => space_len(bytes, i) == 0 && wide_punct(bytes, i).is_none(),
        None => false,
    }
}

/// Digits from `i`: (end, value as integer digits, count). Values past 18 digits saturate.
fn digit_run(bytes: &[u8], mut i: usize) -> (usize, u64, usize) {
    let start = i;
    let mut value: u64 = 0;
    while let Some(b) = bytes.get(i).filter(|b| b.is_ascii_digit()) {
        value = value.saturating_mul(10).saturating_add(u64::from(b - b'0'));
        i += 1;
    }
    (i, value, i - start)
}

/// An ASCII word at `i` after optional spaces, lower-cased into `out`; returns its length.
fn peek_word(bytes: &[u8], mut i: usize, out: &mut [u8; 8]) -> usize {
    loop {
        let n = space_len(bytes, i);
        if n == 0 {
            break;
        }
        i += n;
    }
    let mut len = 0;
    while let Some(b) = bytes.get(i + len).filter(|b| b.is_ascii_alphabetic()) {
        if len == out.len() {
            return 0;
        }
        out[len] = b.to_ascii_lowercase();
        len += 1;
    }
    len
}

fn scale_word_follows(bytes: &[u8], i: usize) -> bool {
    let mut word = [0u8; 8];
    let len = peek_word(bytes, i, &mut word);
    matches!(&word[..len], b"million" | b"billion" | b"thousand" | b"mn" | b"bn" | b"mln")
}

/// 10 to the power `n` (0 ≤ n ≤ 22 exactly, from a table; larger by multiplication).
#[inline]
fn pow10(n: i32) -> f64 {
    const TABLE: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ];
    match usize::try_from(n) {
        Ok(i) if i < TABLE.len() => TABLE[i],
        _ => 10f64.powi(n),
    }
}

/// The unit of the last significant digit of `int.frac` (`frac_len` decimals).
fn sig_unit(mut int: u64, frac: u64, frac_len: usize) -> f64 {
    let mut zeros: i32 = 0;
    if frac_len > 0 {
        let mut frac = frac;
        let mut len = i32::try_from(frac_len).unwrap_or(i32::MAX);
        while len > 0 && frac.is_multiple_of(10) {
            frac /= 10;
            len -= 1;
        }
        if len > 0 {
            return 1.0 / pow10(len);
        }
    }
    if int == 0 {
        return 1.0;
    }
    while int.is_multiple_of(10) {
        int /= 10;
        zeros += 1;
    }
    pow10(zeros)
}

/// Scan a number starting at the digit at `i`. Returns the token kind and the end offset.
fn scan_number(bytes: &[u8], i: usize) -> (Kind, usize) {
    let (end1, v1, n1) = digit_run(bytes, i);
    // hh:mm
    if n1 <= 2 && bytes.get(end1) == Some(&b':') {
        let (end2, _, n2) = digit_run(bytes, end1 + 1);
        if n2 == 2 && !bytes.get(end2).is_some_and(u8::is_ascii_digit) {
            return (Kind::Time, end2);
        }
    }
    // dd.mm.yy(yy) and dd/mm/yyyy
    if n1 <= 2 && matches!(bytes.get(end1), Some(b'.' | b'/')) {
        let sep = bytes[end1];
        let (end2, v2, n2) = digit_run(bytes, end1 + 1);
        if (1..=2).contains(&n2) && bytes.get(end2) == Some(&sep) {
            let (end3, v3, n3) = digit_run(bytes, end2 + 1);
            if (n3 == 2 || n3 == 4) && (1..=31).contains(&v1) && (1..=12).contains(&v2) {
                let year = if n3 == 2 { 2000 + v3 } else { v3 };
                return (
                    Kind::DateNum {
                        year: i16::try_from(year).unwrap_or(0),
                        month: i8::try_from(v2).unwrap_or(0),
                        day: i8::try_from(v1).unwrap_or(0),
                    },
                    end3,
                );
            }
        }
    }
    // yyyy-mm-dd
    if n1 == 4 && bytes.get(end1) == Some(&b'-') {
        let (end2, v2, n2) = digit_run(bytes, end1 + 1);
        if n2 == 2 && bytes.get(end2) == Some(&b'-') {
            let (end3, v3, n3) = digit_run(bytes, end2 + 1);
            if n3 == 2 && (1..=12).contains(&v2) && (1..=31).contains(&v3) {
                return (
                    Kind::DateNum {
                        year: i16::try_from(v1).unwrap_or(0),
                        month: i8::try_from(v2).unwrap_or(0),
                        day: i8::try_from(v3).unwrap_or(0),
                    },
                    end3,
                );
            }
        }
    }
    let mut int = v1;
    let mut end = end1;
    let mut grouped = false;
    // digit groups: the separator of the first group is the only one allowed after it
    if n1 <= 3 {
        let mut sep: Option<(u8, usize)> = None;
        loop {
            let (this, len) = match bytes.get(end) {
                Some(b',') => (b',', 1),
                Some(b'.') => (b'.', 1),
                _ => match space_len(bytes, end) {
                    0 => break,
                    n => (b' ', n),
                },
            };
            if sep.is_some_and(|(s, _)| s != this) {
                break;
            }
            let (gend, gv, gn) = digit_run(bytes, end + len);
            if gn != 3 {
                break;
            }
            if this == b'.' {
                // "1.400.970" groups; "1.220 million" is a decimal; a lone ".ddd" groups
                let more_groups = bytes.get(gend) == Some(&b'.') && digit_run(bytes, gend + 1).2 == 3;
                if sep.is_none() && !more_groups && scale_word_follows(bytes, gend) {
                    break;
                }
            }
            sep = Some((this, len));
            int = int.saturating_mul(1000).saturating_add(gv);
            end = gend;
            grouped = true;
        }
    }
    // decimals
    let mut frac = 0u64;
    let mut frac_len = 0usize;
    if bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
        let (fend, fv, fl) = digit_run(bytes, end + 1);
        frac = fv;
        frac_len = fl.min(18);
        end = fend;
    }
    let lead_digits = u8::try_from(n1).unwrap_or(u8::MAX);
    #[allow(clippy::cast_precision_loss)]
    let mut value =
        int as f64 + if frac_len > 0 { frac as f64 / pow10(i32::try_from(frac_len).unwrap_or(18)) } else { 0.0 };
    let mut unit = sig_unit(int, frac, frac_len);
    let mut suffix = Suffix::None;
    let mut scaled = false;
    // glued suffixes
    let letters_end = {
        let mut j = end;
        while bytes.get(j).is_some_and(u8::is_ascii_alphabetic) {
            j += 1;
        }
        j
    };
    if letters_end > end && !bytes.get(letters_end).is_some_and(|b| b.is_ascii_digit()) {
        let glued = &bytes[end..letters_end];
        let lower = |s: &[u8], t: &[u8]| s.eq_ignore_ascii_case(t);
        let factor = if lower(glued, b"k") {
            Some(1e3)
        } else if lower(glued, b"m") || lower(glued, b"mn") || lower(glued, b"mln") {
            Some(1e6)
        } else if lower(glued, b"bn") || lower(glued, b"b") {
            Some(1e9)
        } else {
            None
        };
        if let Some(factor) = factor {
            value *= factor;
            unit *= factor;
            scaled = true;
            end = letters_end;
        } else if lower(glued, b"th") || lower(glued, b"st") || lower(glued, b"nd") || lower(glued, b"rd") {
            suffix = Suffix::Ordinal;
            end = letters_end;
        }
    }
    if bytes.get(end) == Some(&b'%') {
        suffix = Suffix::Percent;
        end += 1;
    }
    let day_month = !grouped
        && !scaled
        && suffix == Suffix::None
        && frac_len == 2
        && (1..=31).contains(&int)
        && (1..=12).contains(&frac)
        && n1 <= 2;
    let lit = NumLit {
        value,
        unit,
        grouped,
        decimal: frac_len > 0,
        scaled,
        lead_digits,
        suffix,
        model: false,
        money: false,
        day_month,
    };
    (Kind::Num(lit), end)
}

/// `a.m.` / `p.m.` / `am` / `pm` right after a number at `i`: the end of the time, if any.
fn clock_suffix(bytes: &[u8], i: usize) -> Option<usize> {
    let mut j = i;
    while space_len(bytes, j) > 0 {
        j += space_len(bytes, j);
    }
    let rest = bytes.get(j..)?;
    for pattern in [&b"a.m."[..], b"p.m.", b"am", b"pm", b"A.M.", b"P.M.", b"AM", b"PM"] {
        if rest.starts_with(pattern) && !rest.get(pattern.len()).is_some_and(u8::is_ascii_alphanumeric) {
            return Some(j + pattern.len());
        }
    }
    None
}

/// Tokenize `text[start..end]` into `out` (cleared first). Offsets are absolute.
pub(crate) fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Tok>) {
    out.clear();
    let all = text.as_bytes();
    let bytes = &all[..end];
    let mut i = start;
    let table = super::lexicon::table();
    while i < end {
        let b = bytes[i];
        if b == b' ' || b == b'\n' {
            i += 1;
            continue;
        }
        // the common case: a word of ASCII letters ending in a space or ASCII punctuation
        if b.is_ascii_alphabetic() {
            let (j, key) = letters_from(all, i, end);
            let next = if j < end { bytes[j] } else { b' ' };
            if next < 0x80 && !next.is_ascii_digit() && next != b'\'' {
                let word = &bytes[i..j];
                let caps = if b.is_ascii_lowercase() {
                    Caps::Lower
                } else if word.len() > 1 && !word.iter().any(u8::is_ascii_lowercase) {
                    Caps::Upper
                } else {
                    Caps::Capital
                };
                let (mut lex, mut flags) = table.get(key);
                if flags & flag::CASED != 0 {
                    let fixed = fix_case(lex, caps, word);
                    if fixed != lex {
                        lex = fixed;
                        flags = flags_of(lex);
                    }
                }
                out.push(Tok {
                    start: i,
                    end: j,
                    kind: Kind::Word { lex, caps, poss: false },
                    flags,
                    lemma: lemma_of(lex),
                    punct: None,
                });
                // the space after a word, skipped here rather than by another turn of the loop
                i = if next == b' ' { j + 1 } else { j };
                continue;
            }
        }
        // ASCII punctuation: its own token, straight away
        if b < 0x80 && !b.is_ascii_alphanumeric() && !matches!(b, b'\t' | b'\r') {
            let p = ascii_punct(b, bytes, i, start);
            out.push(Tok::mark(i, i + 1, p));
            i += 1;
            continue;
        }
        let space = space_len(bytes, i);
        if space > 0 {
            i += space;
            continue;
        }
        if b.is_ascii_digit() {
            i = number(bytes, i, end, out);
            continue;
        }
        if is_word_byte(bytes, i) {
            i = word(bytes, i, end, table, out);
            continue;
        }
        if let Some((p, len)) = wide_punct(bytes, i) {
            let p = if p == P::Hyphen { hyphen_or_dash(bytes, i, len, start) } else { p };
            out.push(Tok::mark(i, i + len, p));
            i += len;
            continue;
        }
        let p = ascii_punct(b, bytes, i, start);
        let len = char_len(b).min(end - i);
        out.push(Tok::mark(i, i + len, p));
        i += len;
    }
}

/// A number in digits at `i` (with what is glued to it), pushed to `out`; returns where it ends.
/// Kept out of line: the loop of `tokenize` stays small for the words and punctuation that make
/// up nine tokens in ten.
#[inline(never)]
fn number(bytes: &[u8], i: usize, end: usize, out: &mut Vec<Tok>) -> usize {
    let (mut kind, mut stop) = scan_number(bytes, i);
    if let Kind::Num(ref mut lit) = kind {
        // a model designation: letters, a hyphen, the digits ("T-90", "Su-34")
        if i >= 2 && bytes[i - 1] == b'-' && bytes[i - 2].is_ascii_alphabetic() {
            lit.model = true;
        }
        if i >= 1 && matches!(bytes[i - 1], b'$') || (i >= 2 && bytes[i - 2] == 0xC2 && bytes[i - 1] == 0xA3) {
            lit.money = true;
        }
        if lit.suffix == Suffix::None
            && !lit.grouped
            && lit.value <= 12.0
            && let Some(clock_end) = clock_suffix(bytes, stop)
        {
            kind = Kind::Time;
            stop = clock_end;
        }
    }
    // digits glued to letters that are not a suffix ("1990s", "3D"): one opaque word
    if is_word_byte(bytes, stop) && !matches!(kind, Kind::Time) {
        let mut j = stop;
        while is_word_byte(bytes, j) {
            j += char_len(bytes[j]);
        }
        // "15km": keep the number, let the letters be a word of their own
        let letters = &bytes[stop..j.min(end)];
        if letters.iter().all(u8::is_ascii_alphabetic) && matches!(kind, Kind::Num(_)) {
            out.push(Tok { start: i, end: stop, kind, flags: num_flags(&kind), lemma: NO_LEMMA, punct: None });
            let (lex, flags) = lookup_flags(letters);
            out.push(Tok {
                start: stop,
                end: j,
                kind: Kind::Word { lex, caps: Caps::Lower, poss: false },
                flags,
                lemma: lemma_of(lex),
                punct: None,
            });
        } else {
            out.push(Tok {
                start: i,
                end: j,
                kind: Kind::Word { lex: Lex::Other, caps: Caps::Lower, poss: false },
                flags: 0,
                lemma: NO_LEMMA,
                punct: None,
            });
        }
        return j;
    }
    out.push(Tok { start: i, end: stop, kind, flags: num_flags(&kind), lemma: NO_LEMMA, punct: None });
    stop
}

/// A word that is not plain ASCII letters (digits, non-ASCII letters, an apostrophe) at `i`,
/// pushed to `out`; returns where it ends.
#[inline(never)]
fn word(bytes: &[u8], i: usize, end: usize, table: &super::lexicon::Table, out: &mut Vec<Tok>) -> usize {
    // one pass: the extent of the word, the lexicon key of its letters (before any
    // possessive), its case
    let mut j = i;
    let mut key: u128 = 0;
    let mut letters = 0usize;
    let mut plain = true; // only ASCII letters so far
    let mut upper = 0usize;
    let mut stem_end = 0usize; // where a possessive 's starts
    let mut stem_key: u128 = 0;
    loop {
        while j < end {
            let c = bytes[j];
            if c.is_ascii_alphabetic() {
                key = (key << 8) | u128::from(c | 0x20);
                letters += 1;
                upper += usize::from(c.is_ascii_uppercase());
                j += 1;
            } else if c.is_ascii_digit() {
                plain = false;
                j += 1;
            } else if c >= 0x80 && is_word_byte(bytes, j) {
                plain = false;
                j += char_len(c);
            } else {
                break;
            }
        }
        // inner apostrophe followed by letters ("that's", "Kyiv's", "PUTIN'S")
        let ap = apostrophe_len(bytes, j);
        if ap > 0 && j + ap < end && bytes[j + ap].is_ascii_alphabetic() {
            if stem_end == 0 && plain {
                stem_end = j;
                stem_key = key;
            } else {
                stem_end = usize::MAX;
            }
            j += ap;
            plain = false;
            continue;
        }
        break;
    }
    let j = j.min(end);
    // possessive 's / ’s: the stem is looked up
    let after_ap = if stem_end != 0 && stem_end != usize::MAX { j - stem_end } else { 0 };
    let poss = after_ap > 0 && matches!(bytes[j - 1], b's' | b'S') && (after_ap == 2 || after_ap == 4);
    let (stem_len, stem_key, ok) = if poss { (stem_end - i, stem_key, true) } else { (j - i, key, plain) };
    let stem = &bytes[i..i + stem_len];
    let caps = match stem.first() {
        Some(b) if b.is_ascii_uppercase() => {
            if stem_len > 1 && upper >= stem_len.min(letters) && !stem.iter().any(u8::is_ascii_lowercase) {
                Caps::Upper
            } else {
                Caps::Capital
            }
        }
        _ => Caps::Lower,
    };
    let (found, mut flags) = if ok && stem_len <= 16 { table.get(stem_key) } else { (Lex::Other, 0) };
    let lex = if flags & flag::CASED != 0 { fix_case(found, caps, stem) } else { found };
    if lex != found {
        flags = flags_of(lex);
    }
    // "Q3", "H1": a quarter, a half-year
    if stem_len == 2
        && (matches!(stem[0], b'Q' | b'q') && matches!(stem[1], b'1'..=b'4')
            || stem[0] == b'H' && matches!(stem[1], b'1' | b'2'))
    {
        flags |= flag::TIME | flag::TIME_START;
    }
    out.push(Tok { start: i, end: j, kind: Kind::Word { lex, caps, poss }, flags, lemma: lemma_of(lex), punct: None });
    j
}

/// One in each byte of a sixteen-byte word.
const BYTE_ONES: u128 = u128::MAX / 0xff;

/// Bit 7 of each of the sixteen bytes of `w` set where that byte is not an ASCII letter: a byte
/// is a letter when its high bit is clear and, lower-cased, it lies in `a..=z`.
#[inline]
fn non_letters(w: u128) -> u128 {
    let low7 = (w | (BYTE_ONES * 0x20)) & (BYTE_ONES * 0x7f);
    let at_least_a = low7 + BYTE_ONES * 0x1f; // high bit: >= b'a'
    let past_z = low7 + BYTE_ONES * 0x05; // high bit: >= b'{'
    !(at_least_a & !past_z & !w) & (BYTE_ONES * 0x80)
}

/// The sixteen bytes of `bytes` from `at`, as one little-endian word, if there are as many.
#[inline]
fn sixteen_at(bytes: &[u8], at: usize) -> Option<u128> {
    let mut buf = [0u8; 16];
    buf.copy_from_slice(bytes.get(at..at + 16)?);
    Some(u128::from_le_bytes(buf))
}

/// The run of ASCII letters starting with the letter at `i` of `all` (the whole text): where
/// it ends (at `end` at the latest) and its lexicon key (see `lexicon::pack`; 0 for a run of
/// more than sixteen letters). A run that ends within sixteen bytes is read in one load,
/// whatever its length.
#[inline]
fn letters_from(all: &[u8], i: usize, end: usize) -> (usize, u128) {
    if let Some(w) = sixteen_at(all, i) {
        // the first byte is a letter, so a run that ends here has one to fifteen
        let n = (non_letters(w).trailing_zeros() / 8) as usize;
        if n < 16 && i + n <= end {
            let shift = (16 - n) * 8;
            return (i + n, (w.swap_bytes() | (BYTE_ONES * 0x20)) >> shift);
        }
    }
    let j = letters_end(all, i + 1, end);
    (j, word_key(all, i, j - i).unwrap_or(0))
}

/// Where the run of ASCII letters from `j` ends, sixteen bytes at a time (see `non_letters`).
#[inline]
fn letters_end(bytes: &[u8], mut j: usize, end: usize) -> usize {
    while let Some(w) = sixteen_at(bytes, j).filter(|_| j + 16 <= end) {
        let others = non_letters(w);
        if others != 0 {
            return j + (others.trailing_zeros() / 8) as usize;
        }
        j += 16;
    }
    while j < end && bytes[j].is_ascii_alphabetic() {
        j += 1;
    }
    j
}

/// The lexicon key of at most eight ASCII letters at `at` (see `lexicon::pack`), read as one
/// eight-byte word where the text allows.
#[inline]
fn chunk_key(bytes: &[u8], at: usize, n: usize) -> u64 {
    const LOWER: u64 = 0x2020_2020_2020_2020;
    match bytes.get(at..at + 8) {
        Some(eight) => {
            let mut buf = [0u8; 8];
            buf.copy_from_slice(eight);
            let v = u64::from_be_bytes(buf) >> ((8 - n) * 8);
            v | (LOWER >> ((8 - n) * 8))
        }
        None => bytes[at..at + n].iter().fold(0u64, |k, &c| (k << 8) | u64::from(c | 0x20)),
    }
}

/// The lexicon key of the ASCII letters `bytes[i..i + len]` (see `lexicon::pack`).
#[inline]
fn word_key(bytes: &[u8], i: usize, len: usize) -> Option<u128> {
    if len > 16 {
        return None;
    }
    if len <= 8 {
        Some(u128::from(chunk_key(bytes, i, len)))
    } else {
        let hi = u128::from(chunk_key(bytes, i, 8));
        let lo = u128::from(chunk_key(bytes, i + 8, len - 8));
        Some((hi << ((len - 8) * 8)) | lo)
    }
}

/// The punctuation an ASCII byte stands for.
#[inline]
fn ascii_punct(b: u8, bytes: &[u8], i: usize, start: usize) -> P {
    match b {
        b',' => P::Comma,
        b'.' => P::Period,
        b';' => P::Semicolon,
        b':' => P::Colon,
        b'!' => P::Bang,
        b'?' => P::Question,
        b'(' | b'[' => P::Open,
        b')' | b']' => P::Close,
        b'"' | b'\'' => P::Quote,
        b'-' => hyphen_or_dash(bytes, i, 1, start),
        b'+' => P::Plus,
        b'/' => P::Slash,
        b'|' => P::Pipe,
        b'~' => P::Tilde,
        b'$' => P::Currency,
        b'%' => P::Percent,
        _ => P::Other,
    }
}

fn num_flags(kind: &Kind) -> u32 {
    match kind {
        Kind::Num(n) => {
            let mut f = flag::NUM;
            if n.year_like() || (!n.grouped && !n.decimal && n.value <= 31.0) {
                f |= flag::TIME | flag::TIME_START;
            }
            f
        }
        Kind::DateNum { .. } => flag::DATE_NUM | flag::TIME | flag::TIME_START,
        _ => 0,
    }
}

fn punct_flags(p: P) -> u32 {
    match p {
        P::Question => flag::QUESTION | flag::STOP,
        P::Period | P::Bang => flag::STOP,
        P::Dash => flag::DASH | flag::CLAUSE,
        P::Colon => flag::COLON | flag::CLAUSE,
        P::Semicolon => flag::SEMI | flag::CLAUSE,
        P::Comma => flag::CLAUSE,
        _ => 0,
    }
}

fn hyphen_or_dash(bytes: &[u8], i: usize, len: usize, start: usize) -> P {
    let space_before =
        i == start || space_len(bytes, i.saturating_sub(1)) > 0 || (i >= 2 && space_len(bytes, i - 2) == 2);
    let space_after = i + len >= bytes.len() || space_len(bytes, i + len) > 0 || bytes[i + len] == b'\n';
    if space_before || space_after { P::Dash } else { P::Hyphen }
}

/// Month names must be capitalised ("may" is a verb, "march" too); "US" must be upper case.
fn fix_case(lex: Lex, caps: Caps, word: &[u8]) -> Lex {
    match lex {
        Lex::Month(_) if caps == Caps::Lower => {
            if word.eq_ignore_ascii_case(b"may") {
                Lex::W(W::Will)
            } else {
                Lex::Other
            }
        }
        Lex::W(W::Us) if caps != Caps::Upper && !word.eq_ignore_ascii_case(b"american") => Lex::Other,
        _ => lex,
    }
}

/// A sentence: a range of token indices `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sentence {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The flags of its tokens, or-ed together (found in the same pass as its end).
    pub flags: u32,
}

/// The kinds of token that the passes over a sentence look for.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Mark {
    /// A number in digits or in words (`flag::NUM`, `flag::NUM_WORD`).
    Num,
    /// A word that can start a time expression (`flag::TIME_START`).
    TimeStart,
    /// A time word (`flag::TIME`).
    Time,
    /// A word that can start a metric phrase (`flag::METRIC_START`).
    MetricStart,
    /// A word that can name a source (`flag::SOURCE`).
    Source,
    /// A word that can start a rank phrase (`flag::RANK`).
    Rank,
    /// Punctuation that closes a clause (`flag::CLAUSE`).
    Clause,
}

impl Mark {
    /// Its bits in a token's mark byte (`mark_byte`).
    const fn bits(self) -> u8 {
        match self {
            Mark::Num => 0b11,
            Mark::TimeStart => 1 << 2,
            Mark::Time => 1 << 3,
            Mark::MetricStart => 1 << 4,
            Mark::Source => 1 << 5,
            Mark::Rank => 1 << 6,
            Mark::Clause => 1 << 7,
        }
    }
}

/// The flags a pass looks for, in one byte: the six lowest flags are where they are, and
/// `flag::RANK` and `flag::CLAUSE` move down beside them.
#[inline]
fn mark_byte(flags: u32) -> u8 {
    // the layout `Mark::bits` reads
    const _: () = assert!(
        flag::NUM == 1
            && flag::NUM_WORD == 1 << 1
            && flag::TIME_START == 1 << 2
            && flag::TIME == 1 << 3
            && flag::METRIC_START == 1 << 4
            && flag::SOURCE == 1 << 5
            && flag::RANK == 1 << 8
            && flag::CLAUSE == 1 << 28
    );
    #[allow(clippy::cast_possible_truncation)]
    let byte = ((flags & 0x3f) | ((flags >> 2) & 0x40) | ((flags >> 21) & 0x80)) as u8;
    byte
}

/// The tokens of a block by what the passes over a sentence look for, one byte per token: a
/// pass jumps from one token of its kind to the next, sixteen tokens at a look, instead of
/// testing every token (a mispredicted branch at each token it wants).
#[derive(Debug, Default)]
pub(crate) struct Marks {
    /// A mark byte per token, then sixteen zeros so that every look can read sixteen.
    bytes: Vec<u8>,
}

impl Marks {
    /// The marks of `toks` (for tests).
    #[cfg(test)]
    pub fn of(toks: &[Tok]) -> Marks {
        let mut marks = Marks::default();
        marks.fill(toks);
        marks
    }

    /// Marks the tokens of a block.
    pub fn fill(&mut self, toks: &[Tok]) {
        self.bytes.clear();
        self.bytes.extend(toks.iter().map(|t| mark_byte(t.flags)));
        self.bytes.extend([0; 16]);
    }

    /// The first token of kind `mark` in `[from, end)`.
    #[inline]
    pub fn next(&self, mark: Mark, from: usize, end: usize) -> Option<usize> {
        let wanted = u128::from(mark.bits()) * BYTE_ONES;
        let mut k = from;
        while k < end {
            let found = sixteen_at(&self.bytes, k)? & wanted;
            if found != 0 {
                let at = k + (found.trailing_zeros() / 8) as usize;
                return (at < end).then_some(at);
            }
            k += 16;
        }
        None
    }

    /// The last token of kind `mark` in `[start, end)`.
    #[inline]
    pub fn prev(&self, mark: Mark, start: usize, end: usize) -> Option<usize> {
        let wanted = u128::from(mark.bits()) * BYTE_ONES;
        let mut k = end;
        while k > start {
            let from = k.saturating_sub(16);
            // only the bytes of tokens before `k`
            let below = if k - from == 16 { u128::MAX } else { (1u128 << ((k - from) * 8)) - 1 };
            let found = sixteen_at(&self.bytes, from)? & wanted & below;
            if found != 0 {
                let at = from + 15 - (found.leading_zeros() / 8) as usize;
                return (at >= start).then_some(at);
            }
            k = from;
        }
        None
    }
}

const ABBREVIATIONS: &[&[u8]] = &[
    b"mr", b"mrs", b"ms", b"dr", b"st", b"no", b"vs", b"gen", b"lt", b"col", b"sgt", b"maj", b"capt", b"approx",
    b"inc", b"co", b"jr", b"sr", b"etc",
];

/// Tokens past which a sentence is cut at its next comma (the longest in the labelled sets, a
/// whole morning report in one sentence, has under 200).
const LONGEST_SENTENCE: usize = 400;

/// Split the tokens of a block into sentences at `.`, `!` and `?` that end a sentence.
pub(crate) fn sentences(text: &str, toks: &[Tok], out: &mut Vec<Sentence>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut flags = 0;
    let mut k = 0;
    while k < toks.len() {
        let tok = &toks[k];
        flags |= tok.flags;
        k += 1;
        // a "sentence" with no end in sight (a text without full stops) is cut at a comma past
        // a length no real sentence reaches, or anywhere past twice that: the passes over a
        // sentence look back and ahead within it, and would grow with its square
        let long = k - start;
        if long >= LONGEST_SENTENCE
            && (matches!(tok.punct, Some(P::Comma | P::Semicolon)) || long >= 2 * LONGEST_SENTENCE)
        {
            out.push(Sentence { start, end: k, flags });
            start = k;
            flags = 0;
            continue;
        }
        if tok.flags & flag::STOP == 0 {
            continue;
        }
        let ends = tok.punct != Some(P::Period) || {
            let at = k - 1;
            let prev_abbrev = at > 0
                && toks[at - 1].end == tok.start
                && toks[at - 1].is_word()
                && ({
                    let word = &bytes[toks[at - 1].start..toks[at - 1].end];
                    word.len() == 1 || (word.len() <= 5 && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)))
                });
            // closing quotes glued to the full stop belong to this sentence ("… a day." Since)
            let mut after = k;
            while toks.get(after).is_some_and(|t| t.is_p(P::Quote) && t.start == toks[after - 1].end) {
                after += 1;
            }
            let next_starts = match toks.get(after) {
                None => true,
                Some(next) => {
                    next.start > toks[after - 1].end
                        && (next.capitalised()
                            || matches!(
                                next.kind,
                                Kind::Num(_) | Kind::Time | Kind::Punct(P::Quote | P::Open | P::Dash)
                            ))
                }
            };
            !prev_abbrev && next_starts
        };
        if ends {
            // a closing quote right after the terminal mark belongs to the sentence
            while toks.get(k).is_some_and(|t| t.is_p(P::Quote) && t.start == toks[k - 1].end) {
                flags |= toks[k].flags;
                k += 1;
            }
            out.push(Sentence { start, end: k, flags });
            start = k;
            flags = 0;
        }
    }
    if start < toks.len() {
        out.push(Sentence { start, end: toks.len(), flags });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<Tok> {
        let mut out = Vec::new();
        tokenize(text, 0, text.len(), &mut out);
        out
    }

    #[test]
    fn a_text_without_full_stops_is_cut_into_bounded_sentences() {
        let text = "Russia lost 1,200 soldiers, 12 tanks and 30 drones on Monday, ".repeat(400);
        let toks = toks(&text);
        let mut out = Vec::new();
        sentences(&text, &toks, &mut out);
        assert!(out.len() > 1);
        assert!(
            out.iter().all(|s| s.end - s.start <= 2 * LONGEST_SENTENCE),
            "{:?}",
            out.iter().map(|s| s.end - s.start).max()
        );
        // cut at a comma once long enough, and covering every token
        assert!(out[..out.len() - 1].iter().all(|s| toks[s.end - 1].is_p(P::Comma)));
        assert_eq!(out.last().map(|s| s.end), Some(toks.len()));
        // ordinary sentences are not cut
        let text = "Russia lost 1,200 soldiers, 12 tanks and 30 drones on Monday. Kyiv said so.";
        let toks = super::tests::toks(text);
        sentences(text, &toks, &mut out);
        assert_eq!(out.len(), 2);
    }

    fn nums(text: &str) -> Vec<(f64, f64)> {
        toks(text).iter().filter_map(|t| t.num().map(|n| (n.value, n.unit))).collect()
    }

    #[test]
    fn groupings() {
        assert_eq!(
            nums("21,470 and 1\u{a0}400\u{a0}970 and 1\u{202f}250 and 200590"),
            vec![(21470.0, 10.0), (1_400_970.0, 10.0), (1250.0, 10.0), (200_590.0, 10.0)]
        );
        assert_eq!(nums("1.400.970 troops"), vec![(1_400_970.0, 10.0)]);
        assert_eq!(nums("35 000 men"), vec![(35000.0, 1000.0)]);
        assert_eq!(nums("in 2024 300 tanks"), vec![(2024.0, 1.0), (300.0, 100.0)]);
    }

    #[test]
    fn decimals_and_suffixes() {
        let got = nums("1.22 million, 1.45m, 600K, 600k, 2bn, 1.2mn");
        assert_eq!(got[0], (1.22, 0.01));
        assert_eq!(got[1], (1_450_000.0, 10_000.0));
        assert_eq!(got[2], (600_000.0, 100_000.0));
        assert_eq!(got[3], (600_000.0, 100_000.0));
        assert_eq!(got[4], (2e9, 1e9));
        assert!((got[5].0 - 1.2e6).abs() < 1e-6);
    }

    #[test]
    fn dates_times_and_ordinals() {
        let t = toks("from 24.02.22 to 17.05.23 at 08:05, around 8 a.m., the 1,586th day, 70%");
        assert!(matches!(t[1].kind, Kind::DateNum { year: 2022, month: 2, day: 24 }));
        assert!(matches!(t[3].kind, Kind::DateNum { year: 2023, month: 5, day: 17 }));
        assert!(matches!(t[5].kind, Kind::Time));
        assert!(t.iter().filter(|t| matches!(t.kind, Kind::Time)).count() == 2);
        assert!(t.iter().any(|t| t.num().is_some_and(|n| n.suffix == Suffix::Ordinal && n.value == 1586.0)));
        assert!(t.iter().any(|t| t.num().is_some_and(|n| n.suffix == Suffix::Percent)));
    }

    #[test]
    fn words_possessives_and_dashes() {
        let t = toks("September's 38,130; twenty-one; personnel \u{2012} about");
        assert!(t[0].possessive() && t[0].lex() == Some(Lex::Month(9)));
        assert!(t.iter().any(|t| t.is_p(P::Hyphen)));
        assert!(t.iter().any(|t| t.is_p(P::Dash)));
        assert_eq!(toks("they may rise")[1].w(), Some(W::Will));
    }

    #[test]
    fn every_listed_word_is_read_wherever_it_stands() {
        for &(word, lex) in super::super::lexicon::WORDS {
            let upper = word.to_ascii_uppercase();
            // in running text, at the very end of the text, and at the end of a block that the
            // text runs on past (a one-load read must not take in letters beyond the block)
            for text in [format!("so {word} and more text after it"), format!("so {word}"), format!("so {upper}")] {
                let t = toks(&text);
                assert_eq!((t[1].start, t[1].end), (3, 3 + word.len()), "{text}");
                let Kind::Word { caps, .. } = t[1].kind else { panic!("{text}: not a word") };
                assert_eq!(t[1].lex(), Some(fix_case(lex, caps, &text.as_bytes()[3..t[1].end])), "{text}");
            }
            let glued = format!("so {word}xy and more text after it");
            let mut out = Vec::new();
            tokenize(&glued, 0, 3 + word.len(), &mut out);
            assert_eq!(
                (out[1].end, out[1].lex()),
                (3 + word.len(), Some(fix_case(lex, Caps::Lower, word.as_bytes()))),
                "{glued}"
            );
        }
        // unlisted runs of any length, up to past the sixteen letters a key holds
        for len in 1..=24 {
            let word = "q".repeat(len);
            for text in [format!("{word} x"), word.clone(), format!("x {word}{}", " ".repeat(20))] {
                let t = toks(&text);
                let w = t.iter().find(|t| t.end - t.start == len).map(|t| t.lex());
                assert_eq!(w, Some(Some(Lex::Other)), "{text:?}");
            }
        }
    }

    #[test]
    fn models_are_marked() {
        let t = toks("T-90 tanks");
        assert!(t.iter().any(|t| t.num().is_some_and(|n| n.model)));
    }

    #[test]
    fn marks_find_each_kind_however_far_apart() {
        // 70 filler words put the second number several sixteen-token looks after the first
        let text = format!("In May 1,200 {} 300 tanks", "x ".repeat(70));
        let t = toks(&text);
        let marks = Marks::of(&t);
        let nums: Vec<usize> = t.iter().enumerate().filter(|(_, t)| t.num().is_some()).map(|(k, _)| k).collect();
        assert_eq!(nums.len(), 2);
        assert_eq!(marks.next(Mark::Num, 0, t.len()), Some(nums[0]));
        assert_eq!(marks.next(Mark::Num, nums[0] + 1, t.len()), Some(nums[1]));
        assert!(nums[1] >= 64);
        assert_eq!(marks.next(Mark::Num, nums[0] + 1, nums[1]), None, "the end bound is exclusive");
        assert_eq!(marks.next(Mark::Num, nums[1] + 1, t.len()), None);
        assert_eq!(marks.next(Mark::Time, 0, t.len()), Some(1), "May");
        assert_eq!(marks.next(Mark::MetricStart, 0, t.len()), Some(t.len() - 1), "tanks");
        assert_eq!(marks.next(Mark::Num, t.len() + 100, t.len() + 200), None);
        // and backwards
        assert_eq!(marks.prev(Mark::Num, 0, t.len()), Some(nums[1]));
        assert_eq!(marks.prev(Mark::Num, 0, nums[1]), Some(nums[0]), "the end bound is exclusive");
        assert_eq!(marks.prev(Mark::Num, nums[0] + 1, nums[1]), None, "nothing between");
        assert_eq!(marks.prev(Mark::Num, nums[0], nums[0] + 1), Some(nums[0]));
        assert_eq!(marks.prev(Mark::Num, 0, nums[0]), None);
        assert_eq!(marks.prev(Mark::Time, 0, 5), Some(1), "May");
        assert_eq!(marks.prev(Mark::Num, 3, 3), None);
        let t = toks("Russia, in May - the worst month; lost: 1,200 men, it said");
        let marks = Marks::of(&t);
        let clauses: Vec<usize> = (0..=t.len()).filter_map(|k| marks.prev(Mark::Clause, 0, k)).collect();
        let breaks: Vec<usize> = t
            .iter()
            .enumerate()
            .filter(|(_, t)| matches!(t.punct, Some(P::Comma | P::Dash | P::Semicolon | P::Colon)))
            .map(|(k, _)| k)
            .collect();
        assert_eq!(breaks.len(), 5, "{t:?}");
        assert_eq!(marks.prev(Mark::Clause, 0, t.len()), breaks.last().copied());
        assert!(clauses.iter().all(|k| breaks.contains(k)));
    }

    #[test]
    fn sentence_split() {
        let text = "Russia lost 1.2 million. Around 8 a.m. Kyiv time it said so. U.S. officials agree! Next?";
        let t = toks(text);
        let mut s = Vec::new();
        sentences(text, &t, &mut s);
        assert_eq!(s.len(), 4, "{s:?}");
    }
}
