//! Strict reading of query strings: every parameter an endpoint does not take, every repeated
//! one and every malformed value is refused with a 400 that names it, so that a typo such as
//! `?asof=2024-10-01` is never silently ignored and answered with the wrong figures.

use crate::error::ApiError;
use attrition_model::{Category, Convention, Period};
use jiff::civil::Date;

/// The longest query string read.
const MAX_QUERY: usize = 4096;

/// How a series endpoint answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `application/json` (the default).
    Json,
    /// `text/csv`.
    Csv,
}

/// The parameters of one request, checked against the names an endpoint takes.
#[derive(Debug, Default)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Reads `query`, refusing names not in `allowed`, repeated names and oversized queries.
    ///
    /// # Errors
    /// [`ApiError`] (400) naming the first parameter at fault.
    pub fn parse(query: Option<&str>, allowed: &[&str]) -> Result<Params, ApiError> {
        let query = query.unwrap_or("");
        if query.len() > MAX_QUERY {
            return Err(ApiError::bad("query", format!("the query string is over {MAX_QUERY} bytes")));
        }
        let mut pairs: Vec<(String, String)> = Vec::new();
        for (name, value) in form_urlencoded::parse(query.as_bytes()) {
            if name.is_empty() && value.is_empty() {
                continue;
            }
            if !allowed.contains(&name.as_ref()) {
                let takes = if allowed.is_empty() { "no parameters".to_owned() } else { allowed.join(", ") };
                return Err(ApiError::bad(&name, format!("unknown parameter {name:?}; this endpoint takes {takes}")));
            }
            if pairs.iter().any(|(n, _)| *n == name) {
                return Err(ApiError::bad(&name, format!("{name} is given more than once")));
            }
            pairs.push((name.into_owned(), value.into_owned()));
        }
        Ok(Params { pairs })
    }

    /// The raw value of `name`, if given (an empty value counts as not given).
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str()).filter(|v| !v.is_empty())
    }

    /// A `YYYY-MM-DD` date.
    ///
    /// # Errors
    /// 400 naming `name`.
    pub fn date(&self, name: &str) -> Result<Option<Date>, ApiError> {
        self.get(name).map(|text| Period::parse_date(text).map_err(|e| ApiError::bad(name, e.to_string()))).transpose()
    }

    /// `convention`: `loss-day` (default) or `report-day`.
    ///
    /// # Errors
    /// 400 naming `convention`.
    pub fn convention(&self) -> Result<Convention, ApiError> {
        Ok(self.parsed::<Convention>("convention")?.unwrap_or(Convention::LossDay))
    }

    /// A `true`/`false` flag (`1`/`0` too), false when absent.
    ///
    /// # Errors
    /// 400 naming `name`.
    pub fn flag(&self, name: &str) -> Result<bool, ApiError> {
        match self.get(name) {
            None | Some("false" | "0") => Ok(false),
            Some("true" | "1") => Ok(true),
            Some(other) => Err(ApiError::bad(name, format!("{other:?} is not true or false"))),
        }
    }

    /// A whole number in `min..=max`.
    ///
    /// # Errors
    /// 400 naming `name`.
    pub fn number(&self, name: &str, min: u64, max: u64) -> Result<Option<u64>, ApiError> {
        let Some(text) = self.get(name) else { return Ok(None) };
        let value: u64 = text
            .parse()
            .map_err(|_| ApiError::bad(name, format!("{text:?} is not a whole number between {min} and {max}")))?;
        if !(min..=max).contains(&value) {
            return Err(ApiError::bad(name, format!("{value} is outside {min}..={max}")));
        }
        Ok(Some(value))
    }

    /// `format`: `json` (default) or `csv`.
    ///
    /// # Errors
    /// 400 naming `format`.
    pub fn format(&self) -> Result<Format, ApiError> {
        match self.get("format") {
            None | Some("json") => Ok(Format::Json),
            Some("csv") => Ok(Format::Csv),
            Some(other) => Err(ApiError::bad("format", format!("{other:?} is not json or csv"))),
        }
    }

    /// A value read by its type's `FromStr`.
    ///
    /// # Errors
    /// 400 naming `name`, with the type's own message.
    pub fn parsed<T>(&self, name: &str) -> Result<Option<T>, ApiError>
    where
        T: std::str::FromStr,
        T::Err: std::fmt::Display,
    {
        self.get(name).map(|text| text.parse::<T>().map_err(|e| ApiError::bad(name, e.to_string()))).transpose()
    }
}

/// The category named by a path segment.
///
/// # Errors
/// 404 naming `category`, with the list of known ids.
pub fn category(segment: &str) -> Result<Category, ApiError> {
    Category::from_id(segment).ok_or_else(|| {
        let known: Vec<&str> = Category::ALL.iter().map(|c| c.id()).collect();
        ApiError::not_found(
            Some("category"),
            format!("unknown category {:?}; known: {}", truncate(segment, 64), known.join(", ")),
        )
    })
}

/// At most `max` characters of `text`, for echoing user input in messages.
#[must_use]
pub fn truncate(text: &str, max: usize) -> String {
    let mut out: String = text.chars().take(max).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}
