//! Readers for every upstream format of the General Staff daily series, the cross-walk from
//! upstream names to canonical categories, and HTTP sync from the public upstreams.
//!
//! Readers turn bytes into a [`ParsedFile`](attrition_model::ParsedFile) and reject anything
//! malformed with a [`ReadError`] that names the file, the row and what is wrong. They never
//! guess: an unknown key, a value of the wrong type, a duplicate or out-of-order date is an
//! error, and an absent key means the category was not tracked in that report.
//!
//! ```
//! use attrition_sources::read_bytes;
//! let json = br#"[{"date":"2022-02-25","day":2,"personnel":2800,"personnel*":"about"}]"#;
//! let file = read_bytes("example.json", json, None).unwrap().into_parsed().unwrap();
//! assert_eq!(file.observations[0].value, 2800);
//! ```

mod detect;
mod economist;
mod error;
mod http;
mod oryx;
mod petroivaniuk;
mod registry;
mod russianwarship;

pub use detect::{Detected, files_in, read_bytes, read_path, sha256_hex};
pub use economist::{
    ECONOMIST_DEFAULT_BASE, ECONOMIST_FILES, EconomistError, EconomistFile, read_assessments, read_meta_estimate,
};
pub use error::{ReadError, SyncError};
pub use http::{HttpOptions, Progress, fetch_petroivaniuk, fetch_raw, fetch_russianwarship};
pub use oryx::{
    ORYX_DAILY_COUNT, ORYX_DEFAULT_BASE, ORYX_STATUSES, OryxCount, OryxDetected, OryxFile, fetch_oryx, is_oryx_path,
    read_daily_count, read_oryx_path,
};
pub use registry::{CURATED_REGISTRY, REGISTRY_COLUMNS, RegistryError, curated, parse_registry};
pub use russianwarship::API_PAGE_LIMIT;

/// The default upstream of the PetroIvaniuk dataset (raw files of its `data/` folder).
pub const PETROIVANIUK_DEFAULT_BASE: &str =
    "https://raw.githubusercontent.com/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset/main/data";

/// The default upstream of the russianwarship.rip API, version 2.
pub const RUSSIANWARSHIP_DEFAULT_BASE: &str = "https://russianwarship.rip/api/v2";

/// The PetroIvaniuk file names `sync` fetches, in order.
pub const PETROIVANIUK_FILES: [&str; 3] =
    ["russia_losses_personnel.json", "russia_losses_equipment.json", "russia_losses_equipment_correction.json"];
