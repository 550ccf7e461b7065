//! What a reader hands to the store: the rows read from one upstream file or response, with the
//! provenance of that file.

use crate::{Correction, Note, Observation, SourceId};
use serde::{Deserialize, Serialize};

/// Where one file or HTTP response came from, and what exactly it contained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// The upstream the content belongs to.
    pub source: SourceId,
    /// The URL or file path it was read from.
    pub location: String,
    /// When it was read.
    pub fetched_at: jiff::Timestamp,
    /// SHA-256 of the bytes, lowercase hex.
    pub sha256: String,
    /// Size in bytes.
    pub bytes: u64,
}

/// What kind of content a file held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// PetroIvaniuk `russia_losses_personnel.json`.
    Personnel,
    /// PetroIvaniuk `russia_losses_equipment.json`.
    Equipment,
    /// PetroIvaniuk `russia_losses_equipment_correction.json`.
    Corrections,
    /// russianwarship.rip API v2 response (one record or a page of records).
    ApiStatistics,
}

impl FileKind {
    /// A short name for messages and the store.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            FileKind::Personnel => "personnel",
            FileKind::Equipment => "equipment",
            FileKind::Corrections => "corrections",
            FileKind::ApiStatistics => "api_statistics",
        }
    }
}

/// The rows of one file, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParsedFile {
    /// Where it came from.
    pub provenance: Provenance,
    /// What it held.
    pub kind: FileKind,
    /// Cumulative values.
    pub observations: Vec<Observation>,
    /// Retroactive corrections.
    pub corrections: Vec<Correction>,
    /// Text carried by reports.
    pub notes: Vec<Note>,
    /// Quirks found while reading that are not errors (kept so `status` can show them).
    pub warnings: Vec<String>,
}
