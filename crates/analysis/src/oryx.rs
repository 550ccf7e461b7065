//! The General Staff's claims against Oryx's visually confirmed losses: the mapping of Oryx
//! equipment types onto attrition's categories, with what does not map, and the comparison of
//! the two cumulative counts at period ends.
//!
//! # What is compared
//!
//! For a day `E` (the end of a month, quarter or year, and the latest day both sources cover):
//!
//! - **General Staff**: the cumulative count at the end of `E` under the date convention, i.e.
//!   the report dated `E + 1` (loss-day) or `E` (report-day), summed over the mapped categories.
//! - **Oryx**: for each mapped Oryx type, its counts in the latest row with `date_recorded ≤ E`
//!   (a type has a row only on days its count changed, so a count holds until the next row),
//!   summed over the mapped types; total = destroyed + damaged + abandoned + captured, and
//!   destroyed alone. `date_recorded` is when the dataset first listed an entry, not when the
//!   loss happened: a loss shows up days or weeks later, so the most recent weeks are short.
//! - **ratio** = General Staff ÷ Oryx total, and ÷ Oryx destroyed; **gap** = General Staff − Oryx
//!   total, in units.
//!
//! A day is compared only when both have it: from the first day every mapped Oryx type has a row
//! (most types only from 2024-09-30 or 2025-03-21 in the scarnecchia/oryx_data series) and the
//! General Staff reports the category, to the last day of the Oryx data (its last scrape) and of
//! the General Staff reports. Nothing is interpolated.
//!
//! The one reconstruction: Oryx's tank count before the dataset has a `Tanks` row (2025-03-21) is
//! its armoured-combat-vehicle summary (tanks, AFVs, IFVs, APCs and MRAPs) minus the AFV, IFV,
//! APC and MRAP rows, status by status. Where both exist (28 of 29 days from 2025-03-24) the
//! reconstruction equals the `Tanks` row, and differs by 1 on the other. Such rows are flagged
//! `derived`.
//!
//! # The mapping
//!
//! [`ORYX_MAPPING`] is the table; each entry's `caveat` says what differs. In short (Oryx type
//! names as in the file; Russia's names, Ukraine's differ in places):
//!
//! | category | General Staff | Oryx types |
//! |---|---|---|
//! | tanks | tanks | Tanks |
//! | afv | armoured combat vehicles | Armoured Fighting Vehicles + Infantry Fighting Vehicles + Armoured Personnel Carriers + Mine-Resistant Ambush Protected + Infantry Mobility Vehicles |
//! | artillery | artillery systems | Self-Propelled Artillery + Towed Artillery |
//! | mlrs | MLRS | Multiple Rocket Launchers, renamed Rocket and Missile Artillery (2025-06-27) |
//! | air_defense | air-defence systems | Surface-To-Air Missile Systems + Self-Propelled Anti-Aircraft Guns + Anti-Aircraft Guns |
//! | aircraft | aircraft | Aircraft |
//! | helicopters | helicopters | Helicopters |
//! | uav | UAVs | Reconnaissance Unmanned Aerial Vehicles + Unmanned Combat Aerial Vehicles |
//! | ships | ships + submarines | Naval Ships and Submarines |
//! | vehicles | vehicles and fuel tanks | Trucks, Vehicles, and Jeeps, renamed Trucks, Vehicles, Jeeps, and Trains (2025-05-27) |
//! | special_equipment | special equipment | Engineering Vehicles And Equipment + Radars + Jammers And Deception Systems + Command Posts And Communications Stations |
//! | ground_robots | ground robotic systems | Unmanned Ground Vehicles |
//!
//! Not mapped: [`ORYX_UNMAPPED`] (Oryx types) and [`GENERAL_STAFF_UNMAPPED`] (categories).
//!
//! ```
//! use attrition_analysis::{OryxCounts, OryxReading, OryxRecord, compare_with_oryx};
//! use attrition_analysis::Record;
//! use attrition_model::{Category, Convention, Observation, SourceId};
//! use jiff::civil::date;
//! let tanks = |d, v| Observation { report_date: d, category: Category::Tanks, value: v, qualifier: None };
//! // The General Staff's reports of 30 and 31 March 2025; Oryx's tanks as recorded on 30 March.
//! let reports = [tanks(date(2025, 3, 30), 10_492), tanks(date(2025, 3, 31), 10_496)];
//! let gs = Record::build(SourceId::Petroivaniuk, reports, [], []).unwrap();
//! let counts = OryxCounts { destroyed: 2_761, damaged: 159, abandoned: 384, captured: 533 };
//! let day = date(2025, 3, 30);
//! let reading = OryxReading { country: "Russia".into(), equipment_type: "Tanks".into(), date_recorded: day, counts };
//! let oryx = OryxRecord::build("Russia", [reading]).unwrap();
//! let comparison = compare_with_oryx(&gs, &oryx, &[Category::Tanks], None, Convention::LossDay).unwrap();
//! let row = &comparison.categories[0].rows[0];
//! // Loss-day: the end of 30 March is the report of 31 March.
//! assert_eq!((row.day, row.general_staff, row.oryx_total, row.gap), (day, 10_496, 3_837, 6_659));
//! ```

use crate::{AnalysisError, Record, TrackingState};
use attrition_model::{Category, Convention, DataVersion, Period, PeriodKind};
use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;

/// Counts by Oryx status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct OryxCounts {
    /// Destroyed.
    pub destroyed: i64,
    /// Damaged.
    pub damaged: i64,
    /// Abandoned.
    pub abandoned: i64,
    /// Captured.
    pub captured: i64,
}

impl OryxCounts {
    /// Destroyed + damaged + abandoned + captured.
    #[must_use]
    pub fn total(&self) -> i64 {
        self.destroyed + self.damaged + self.abandoned + self.captured
    }

    fn plus(self, other: OryxCounts) -> OryxCounts {
        OryxCounts {
            destroyed: self.destroyed + other.destroyed,
            damaged: self.damaged + other.damaged,
            abandoned: self.abandoned + other.abandoned,
            captured: self.captured + other.captured,
        }
    }

    fn minus(self, other: OryxCounts) -> OryxCounts {
        OryxCounts {
            destroyed: self.destroyed - other.destroyed,
            damaged: self.damaged - other.damaged,
            abandoned: self.abandoned - other.abandoned,
            captured: self.captured - other.captured,
        }
    }
}

/// One Oryx row: a type's cumulative counts as first listed on `date_recorded`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OryxReading {
    /// `Russia` or `Ukraine`.
    pub country: String,
    /// The Oryx equipment type.
    pub equipment_type: String,
    /// The day the dataset first listed these counts (not the day of the losses).
    pub date_recorded: Date,
    /// The counts.
    pub counts: OryxCounts,
}

/// The Oryx counts of one country in memory: each type's readings by date recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OryxRecord {
    /// The country whose losses these are.
    pub country: String,
    /// Readings by type (as named in the file) and date recorded.
    pub types: BTreeMap<String, BTreeMap<Date, OryxCounts>>,
    /// The first date recorded.
    pub first_recorded: Date,
    /// The last day the data speak for: the dataset's last date recorded (its last scrape that
    /// changed anything, for any country), or the `as_of` day if earlier.
    pub covered_to: Date,
}

impl OryxRecord {
    /// The readings of `country` (its name compared without regard to case); the coverage ends
    /// on the last date recorded for any country. `None` when the country has no readings.
    pub fn build(country: &str, readings: impl IntoIterator<Item = OryxReading>) -> Option<OryxRecord> {
        let mut types: BTreeMap<String, BTreeMap<Date, OryxCounts>> = BTreeMap::new();
        let mut covered_to: Option<Date> = None;
        for r in readings {
            covered_to = covered_to.max(Some(r.date_recorded));
            if r.country.eq_ignore_ascii_case(country) {
                types.entry(r.equipment_type).or_default().insert(r.date_recorded, r.counts);
            }
        }
        let first_recorded = types.values().filter_map(|t| t.keys().next().copied()).min()?;
        Some(OryxRecord { country: country.to_owned(), types, first_recorded, covered_to: covered_to? })
    }

    /// The record as it was known on `day`: only rows recorded on or before it.
    #[must_use]
    pub fn as_of(&self, day: Date) -> Option<OryxRecord> {
        let types: BTreeMap<String, BTreeMap<Date, OryxCounts>> = self
            .types
            .iter()
            .map(|(name, readings)| (name.clone(), readings.range(..=day).map(|(d, c)| (*d, *c)).collect()))
            .filter(|(_, readings): &(String, BTreeMap<Date, OryxCounts>)| !readings.is_empty())
            .collect();
        let first_recorded = types.values().filter_map(|t| t.keys().next().copied()).min()?;
        Some(OryxRecord { country: self.country.clone(), types, first_recorded, covered_to: self.covered_to.min(day) })
    }

    /// The readings of a type known under any of `names` (Oryx renames types now and then),
    /// names compared without regard to case.
    fn readings<'a>(&'a self, names: &'a [&'a str]) -> impl Iterator<Item = (&'a Date, &'a OryxCounts)> + 'a {
        self.types
            .iter()
            .filter(move |(name, _)| names.iter().any(|n| n.eq_ignore_ascii_case(name)))
            .flat_map(|(_, readings)| readings.iter())
    }

    /// The first date recorded of a type known under any of `names`.
    #[must_use]
    pub fn first_of(&self, names: &[&str]) -> Option<Date> {
        self.readings(names).map(|(d, _)| *d).min()
    }

    /// The counts of a type known under any of `names` at the end of `day` — its latest row
    /// recorded on or before `day` — and that row's date; `None` before its first row or after
    /// the data's coverage.
    #[must_use]
    pub fn counts_at(&self, names: &[&str], day: Date) -> Option<(OryxCounts, Date)> {
        if day > self.covered_to {
            return None;
        }
        self.readings(names).filter(|(d, _)| **d <= day).max_by_key(|(d, _)| **d).map(|(d, c)| (*c, *d))
    }
}

/// How to reconstruct an Oryx type before its first row: a summary row minus its other parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Derivation {
    /// The summary type.
    pub total: &'static str,
    /// The types subtracted from it.
    pub minus: &'static [&'static str],
}

/// One Oryx type in a mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct OryxPart {
    /// Its names in the file, oldest first (a renamed type continues under the new name).
    pub names: &'static [&'static str],
    /// How to reconstruct it before its first row, if that can be done.
    pub before_first_row: Option<Derivation>,
}

/// One category's mapping onto Oryx.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct OryxMapping {
    /// The category compared.
    pub category: Category,
    /// The General Staff categories summed for it (the category itself, plus any it has to be
    /// merged with to match Oryx).
    pub general_staff: &'static [Category],
    /// The Oryx types summed for it.
    pub oryx: &'static [OryxPart],
    /// What differs between the two definitions.
    pub caveat: &'static str,
}

const fn part(names: &'static [&'static str]) -> OryxPart {
    OryxPart { names, before_first_row: None }
}

/// Oryx's summary of armoured combat vehicles (its own name, without the totals it carries).
pub const ORYX_ARMOURED_COMBAT_VEHICLES: &str =
    "Losses of Armoured Combat Vehicles [Tanks, AFVs, IFVs, APCs, and MRAPs]";

/// Every category with an Oryx counterpart, in the order reports list them.
pub const ORYX_MAPPING: [OryxMapping; 12] = [
    OryxMapping {
        category: Category::Tanks,
        general_staff: &[Category::Tanks],
        oryx: &[OryxPart {
            names: &["Tanks"],
            before_first_row: Some(Derivation {
                total: ORYX_ARMOURED_COMBAT_VEHICLES,
                minus: &[
                    "Armoured Fighting Vehicles",
                    "Infantry Fighting Vehicles",
                    "Armoured Personnel Carriers",
                    "Mine-Resistant Ambush Protected",
                ],
            }),
        }],
        caveat: "Same definition. The dataset has a Tanks row only from 2025-03-21; before that Oryx's tanks are its armoured-combat-vehicle total minus its AFV, IFV, APC and MRAP rows (marked derived; where both exist they agree to within 1).",
    },
    OryxMapping {
        category: Category::Afv,
        general_staff: &[Category::Afv],
        oryx: &[
            part(&["Armoured Fighting Vehicles"]),
            part(&["Infantry Fighting Vehicles"]),
            part(&["Armoured Personnel Carriers"]),
            part(&["Mine-Resistant Ambush Protected"]),
            part(&["Infantry Mobility Vehicles"]),
        ],
        caveat: "The General Staff's 'armoured combat vehicles' (BBM) is one count; Oryx splits them into AFVs (mostly MT-LBs), IFVs, APCs, MRAPs and IMVs (armoured cars), summed here. Oryx's own armoured-combat-vehicle total leaves IMVs out. Not included: command posts and engineering vehicles on armoured chassis, and self-propelled ATGM carriers, which the General Staff may count as BBM.",
    },
    OryxMapping {
        category: Category::Artillery,
        general_staff: &[Category::Artillery],
        oryx: &[part(&["Self-Propelled Artillery"]), part(&["Towed Artillery"])],
        caveat: "General Staff 'artillery systems' against Oryx self-propelled + towed artillery; both leave out rocket launchers. The gap is far wider than for tanks or AFVs, so the definitions evidently differ: the General Staff does not say which mortars or other tubes it counts; Oryx lists few mortars (e.g. the 2B9 Vasilek). Oryx's artillery support vehicles (ammunition carriers, command vehicles) are not included.",
    },
    OryxMapping {
        category: Category::Mlrs,
        general_staff: &[Category::Mlrs],
        oryx: &[part(&["Multiple Rocket Launchers", "Rocket and Missile Artillery"])],
        caveat: "Oryx renamed 'Multiple Rocket Launchers' to 'Rocket and Missile Artillery' on 2025-06-27 (one series here); the new name also covers tactical ballistic missile launchers, which the General Staff counted apart (to 2022-04-30).",
    },
    OryxMapping {
        category: Category::AirDefense,
        general_staff: &[Category::AirDefense],
        oryx: &[
            part(&["Surface-To-Air Missile Systems"]),
            part(&["Self-Propelled Anti-Aircraft Guns"]),
            part(&["Anti-Aircraft Guns"]),
        ],
        caveat: "General Staff 'air-defence systems' against Oryx SAM systems + self-propelled and towed anti-aircraft guns. Oryx counts a SAM system's vehicles (launchers, radars, loaders) one by one; its separate radars and jammers are under special_equipment.",
    },
    OryxMapping {
        category: Category::Aircraft,
        general_staff: &[Category::Aircraft],
        oryx: &[part(&["Aircraft"])],
        caveat: "Same definition (fixed-wing aircraft). The only long Oryx series here; its first scrape was 2022-03-19, so everything listed before then carries that date.",
    },
    OryxMapping {
        category: Category::Helicopters,
        general_staff: &[Category::Helicopters],
        oryx: &[part(&["Helicopters"])],
        caveat: "Same definition.",
    },
    OryxMapping {
        category: Category::Uav,
        general_staff: &[Category::Uav],
        oryx: &[part(&["Reconnaissance Unmanned Aerial Vehicles"]), part(&["Unmanned Combat Aerial Vehicles"])],
        caveat: "Not comparable in scale: the General Staff counts every operational-tactical drone it says it downed (tens of thousands a year), Oryx only photographed wrecks of larger reconnaissance and combat UAVs (no loitering munitions, FPV or Shahed-type drones). The ratio says more about the definitions than about either count.",
    },
    OryxMapping {
        category: Category::Ships,
        general_staff: &[Category::Ships, Category::Submarines],
        oryx: &[part(&["Naval Ships and Submarines"])],
        caveat: "Oryx counts ships and submarines together, so the General Staff figure here is ships + submarines. Oryx counts naval vessels of every size it can document; the General Staff's 'warships and boats' is undefined.",
    },
    OryxMapping {
        category: Category::Vehicles,
        general_staff: &[Category::Vehicles],
        oryx: &[part(&["Trucks, Vehicles, and Jeeps", "Trucks, Vehicles, Jeeps, and Trains"])],
        caveat: "General Staff 'vehicles and fuel tanks' against Oryx 'trucks, vehicles and jeeps' (renamed '… and trains' on 2025-05-27; one series here). Oryx counts fuel tankers among trucks, and from the rename also locomotives and wagons. The General Staff's count is about 14 times Oryx's by mid-2025 (against 2 to 3 for armour), so the two evidently count different things.",
    },
    OryxMapping {
        category: Category::SpecialEquipment,
        general_staff: &[Category::SpecialEquipment],
        oryx: &[
            part(&["Engineering Vehicles And Equipment"]),
            part(&["Radars"]),
            part(&["Jammers And Deception Systems"]),
            part(&["Command Posts And Communications Stations"]),
        ],
        caveat: "The roughest match: the General Staff does not define 'special equipment'; the closest Oryx types are engineering vehicles, radars, jammers and command posts, summed here.",
    },
    OryxMapping {
        category: Category::GroundRobots,
        general_staff: &[Category::GroundRobots],
        oryx: &[part(&["Unmanned Ground Vehicles"])],
        caveat: "The General Staff reports ground robotic systems only from 2026-05-03 (from a backlog), after these Oryx data end; Oryx lists few.",
    },
];

/// Oryx types that no category takes, and why.
pub const ORYX_UNMAPPED: [(&str, &str); 5] = [
    (
        "Artillery Support Vehicles And Equipment",
        "ammunition carriers, artillery command and reconnaissance vehicles: no General Staff counterpart",
    ),
    (
        "Self-Propelled Anti-Tank Missile Systems",
        "ATGM carriers; the General Staff may count them as armoured combat vehicles but does not say",
    ),
    ("All Types", "the sum of every type, including trucks and drones; no General Staff total to match"),
    ("Losses excluding Recon Drones and Trucks", "a summary row"),
    (ORYX_ARMOURED_COMBAT_VEHICLES, "a summary row; used only to reconstruct tanks before the Tanks row begins"),
];

/// General Staff categories with no Oryx counterpart, and why.
pub const GENERAL_STAFF_UNMAPPED: [(Category, &str); 5] = [
    (Category::Personnel, "Oryx counts equipment only"),
    (Category::CruiseMissiles, "missiles shot down leave no equipment loss for Oryx to document"),
    (Category::Submarines, "compared together with ships, as Oryx counts them together"),
    (
        Category::SrbmLaunchers,
        "tracked by the General Staff only to 2022-04-30; Oryx lists such launchers under rocket and missile artillery from 2025-06-27",
    ),
    (Category::Pow, "prisoners, not equipment"),
];

/// What every comparison must say.
pub const ORYX_CAVEATS: [&str; 4] = [
    "Oryx counts only losses documented with photo or video evidence, each item once: a lower bound on the true losses, not an estimate of them.",
    "Oryx's date is date_recorded, the day the dataset first listed an entry, not the day of the loss: entries appear days to weeks after the event, so the latest weeks are incomplete.",
    "The categories are defined differently; each category's note says how they were matched (`attrition oryx --mapping`).",
    "The General Staff's figures are one belligerent's claims, not independently verified.",
];

/// The mapping of `category`, if it has one.
#[must_use]
pub fn oryx_mapping(category: Category) -> Option<&'static OryxMapping> {
    ORYX_MAPPING.iter().find(|m| m.category == category)
}

/// Why a comparison cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OryxError {
    /// The category has no Oryx counterpart.
    #[error("{category} has no Oryx counterpart: {reason}")]
    NotMapped {
        /// The category.
        category: Category,
        /// Why.
        reason: String,
    },
    /// Comparisons are made at the ends of months, quarters or years.
    #[error("compare by month, quarter or year, not by {kind}")]
    Period {
        /// The kind given.
        kind: &'static str,
    },
    /// The General Staff record could not give a value.
    #[error(transparent)]
    Analysis(#[from] AnalysisError),
}

/// One day compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComparisonRow {
    /// The period whose end this is (`2024-12`), or the day itself for the latest day.
    pub label: String,
    /// Whether this is the latest day both cover rather than a period end.
    pub latest: bool,
    /// The day compared: counts at its end.
    pub day: Date,
    /// The General Staff's cumulative claim at the end of `day`.
    pub general_staff: i64,
    /// The report that gives it.
    pub general_staff_report: Date,
    /// Oryx destroyed + damaged + abandoned + captured, as recorded by the end of `day`.
    pub oryx_total: i64,
    /// Oryx destroyed.
    pub oryx_destroyed: i64,
    /// Oryx damaged.
    pub oryx_damaged: i64,
    /// Oryx abandoned.
    pub oryx_abandoned: i64,
    /// Oryx captured.
    pub oryx_captured: i64,
    /// The latest date recorded among the Oryx rows used (on or before `day`).
    pub oryx_recorded: Date,
    /// Whether a part was reconstructed from a summary row (see the module documentation).
    pub oryx_derived: bool,
    /// General Staff ÷ Oryx total (`None` when Oryx has none).
    pub ratio: Option<f64>,
    /// General Staff ÷ Oryx destroyed.
    pub ratio_to_destroyed: Option<f64>,
    /// General Staff − Oryx total, in units.
    pub gap: i64,
}

/// One category's comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryComparison {
    /// The category.
    pub category: Category,
    /// Its mapping.
    pub mapping: &'static OryxMapping,
    /// The first day both sources cover, if any.
    pub from: Option<Date>,
    /// The last day both sources cover, if any.
    pub to: Option<Date>,
    /// The days compared.
    pub rows: Vec<ComparisonRow>,
    /// Why there are no rows, when there are none.
    pub no_overlap: Option<String>,
}

/// The comparison of several categories.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OryxComparison {
    /// Whose losses.
    pub country: String,
    /// The period ends compared (`None`: only the latest day both cover).
    pub by: Option<PeriodKind>,
    /// The General Staff date convention.
    pub convention: Convention,
    /// The General Staff data version.
    pub general_staff_version: DataVersion,
    /// The first Oryx date recorded.
    pub oryx_first_recorded: Date,
    /// The last day the Oryx data speak for.
    pub oryx_covered_to: Date,
    /// The categories.
    pub categories: Vec<CategoryComparison>,
    /// What every reader must know.
    pub caveats: &'static [&'static str],
}

/// Compares the General Staff's cumulative claims with Oryx's counts for `categories` (every
/// mapped category when empty) at the end of every period of kind `by` (month, quarter or year)
/// that both cover, and on the latest day both cover.
///
/// # Errors
/// [`OryxError::NotMapped`] for a category without counterpart, [`OryxError::Period`] for a
/// period kind other than month, quarter or year, [`OryxError::Analysis`] for a gap in the
/// General Staff record.
pub fn compare_with_oryx(
    general_staff: &Record,
    oryx: &OryxRecord,
    categories: &[Category],
    by: Option<PeriodKind>,
    convention: Convention,
) -> Result<OryxComparison, OryxError> {
    if let Some(kind) = by
        && !matches!(kind, PeriodKind::Month | PeriodKind::Quarter | PeriodKind::Year)
    {
        return Err(OryxError::Period { kind: kind.noun() });
    }
    let mappings: Vec<&'static OryxMapping> = if categories.is_empty() {
        ORYX_MAPPING.iter().collect()
    } else {
        categories.iter().map(|&c| mapping_of(c)).collect::<Result<_, _>>()?
    };
    let compared = mappings
        .into_iter()
        .map(|mapping| compare_category(general_staff, oryx, mapping, by, convention))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(OryxComparison {
        country: oryx.country.clone(),
        by,
        convention,
        general_staff_version: general_staff.data_version(),
        oryx_first_recorded: oryx.first_recorded,
        oryx_covered_to: oryx.covered_to,
        categories: compared,
        caveats: &ORYX_CAVEATS,
    })
}

fn mapping_of(category: Category) -> Result<&'static OryxMapping, OryxError> {
    if let Some(mapping) = oryx_mapping(category) {
        return Ok(mapping);
    }
    let reason =
        GENERAL_STAFF_UNMAPPED.iter().find(|(c, _)| *c == category).map_or("no Oryx type matches it", |(_, why)| why);
    let mapped: Vec<&str> = ORYX_MAPPING.iter().map(|m| m.category.id()).collect();
    Err(OryxError::NotMapped { category, reason: format!("{reason} (mapped: {})", mapped.join(", ")) })
}

/// The first day an Oryx part has a value, directly or reconstructed.
fn part_from(oryx: &OryxRecord, part: &OryxPart) -> Option<Date> {
    let direct = oryx.first_of(part.names);
    let derived = part.before_first_row.and_then(|d| {
        let mut firsts = d.minus.iter().map(|name| oryx.first_of(&[*name]));
        let minus = firsts.try_fold(None::<Date>, |latest, first| first.map(|f| latest.max(Some(f))))?;
        Some(oryx.first_of(&[d.total])?.max(minus.unwrap_or(oryx.first_recorded)))
    });
    match (direct, derived) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// A part's counts at the end of `day`, the latest date recorded used, and whether reconstructed.
fn part_at(oryx: &OryxRecord, part: &OryxPart, day: Date) -> Option<(OryxCounts, Date, bool)> {
    if let Some((counts, recorded)) = oryx.counts_at(part.names, day) {
        return Some((counts, recorded, false));
    }
    let derivation = part.before_first_row?;
    let (mut counts, mut recorded) = oryx.counts_at(&[derivation.total], day)?;
    for name in derivation.minus {
        let (minus, date) = oryx.counts_at(&[*name], day)?;
        counts = counts.minus(minus);
        recorded = recorded.max(date);
    }
    Some((counts, recorded, true))
}

fn ratio(numerator: i64, denominator: i64) -> Option<f64> {
    (denominator > 0).then(|| numerator as f64 / denominator as f64)
}

fn compare_category(
    general_staff: &Record,
    oryx: &OryxRecord,
    mapping: &'static OryxMapping,
    by: Option<PeriodKind>,
    convention: Convention,
) -> Result<CategoryComparison, OryxError> {
    let offset = convention.report_offset_days();
    let none = |why: String| CategoryComparison {
        category: mapping.category,
        mapping,
        from: None,
        to: None,
        rows: Vec::new(),
        no_overlap: Some(why),
    };
    let primary = mapping.category;
    let Some(gs_first_report) = general_staff.series.get(&primary).and_then(|s| s.first_report()) else {
        return Ok(none(format!("the General Staff record holds no {primary} values")));
    };
    let gs_from = gs_first_report.checked_sub(offset.days()).unwrap_or(gs_first_report);
    let gs_to = general_staff.last_day(convention);
    let mut oryx_from = Some(oryx.first_recorded);
    for part in mapping.oryx {
        oryx_from = match (oryx_from, part_from(oryx, part)) {
            (Some(a), Some(b)) => Some(a.max(b)),
            _ => None,
        };
    }
    let Some(oryx_from) = oryx_from else {
        let names: Vec<&str> = mapping.oryx.iter().flat_map(|p| p.names.iter().copied()).collect();
        return Ok(none(format!("the Oryx data hold no rows for {} of {}", names.join(" / "), oryx.country)));
    };
    let from = gs_from.max(oryx_from);
    let to = gs_to.min(oryx.covered_to);
    if from > to {
        return Ok(none(format!(
            "no day both cover: the General Staff's {primary} figures cover {gs_from} .. {gs_to} ({convention}), Oryx's {oryx_from} .. {}",
            oryx.covered_to
        )));
    }
    let mut days: Vec<(String, Date, bool)> = Vec::new();
    if let Some(kind) = by {
        let mut period = Period::containing(kind, from).map_err(|_| OryxError::Period { kind: kind.noun() })?;
        while period.end <= to {
            days.push((period.label.clone(), period.end, false));
            period = period.next().map_err(|_| OryxError::Period { kind: kind.noun() })?;
        }
    }
    if days.last().is_none_or(|(_, day, _)| *day != to) {
        days.push((to.to_string(), to, true));
    }
    let mut rows = Vec::with_capacity(days.len());
    for (label, day, latest) in days {
        let report = day.checked_add(offset.days()).map_err(|_| AnalysisError::Empty)?;
        let mut claimed = 0;
        for (index, &category) in mapping.general_staff.iter().enumerate() {
            match general_staff.cumulative(category, report) {
                Ok(c) if index == 0 && c.state == TrackingState::BeforeTracking => {
                    return Err(AnalysisError::NotTracked {
                        category,
                        period: day.to_string(),
                        first: gs_first_report,
                        last: general_staff.last_report,
                    }
                    .into());
                }
                Ok(c) => claimed += c.value,
                // A merged category that had not started (submarines before 2023-09-14).
                Err(AnalysisError::NoCategory { .. }) if index > 0 => {}
                Err(e) => return Err(e.into()),
            }
        }
        let mut counts = OryxCounts::default();
        let mut recorded = oryx.first_recorded;
        let mut derived = false;
        for part in mapping.oryx {
            let Some((c, date, d)) = part_at(oryx, part, day) else {
                // Cannot happen between `from` and `to`, which every part covers.
                continue;
            };
            counts = counts.plus(c);
            recorded = recorded.max(date);
            derived |= d;
        }
        rows.push(ComparisonRow {
            label,
            latest,
            day,
            general_staff: claimed,
            general_staff_report: report,
            oryx_total: counts.total(),
            oryx_destroyed: counts.destroyed,
            oryx_damaged: counts.damaged,
            oryx_abandoned: counts.abandoned,
            oryx_captured: counts.captured,
            oryx_recorded: recorded,
            oryx_derived: derived,
            ratio: ratio(claimed, counts.total()),
            ratio_to_destroyed: ratio(claimed, counts.destroyed),
            gap: claimed - counts.total(),
        });
    }
    Ok(CategoryComparison {
        category: mapping.category,
        mapping,
        from: Some(from),
        to: Some(to),
        rows,
        no_overlap: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use attrition_model::{Observation, SourceId};
    use jiff::civil::date;

    fn reading(equipment_type: &str, day: Date, destroyed: i64, damaged: i64) -> OryxReading {
        OryxReading {
            country: "Russia".into(),
            equipment_type: equipment_type.into(),
            date_recorded: day,
            counts: OryxCounts { destroyed, damaged, abandoned: 0, captured: 0 },
        }
    }

    fn gs(category: Category, values: &[(Date, i64)]) -> Record {
        let obs =
            values.iter().map(|&(report_date, value)| Observation { report_date, category, value, qualifier: None });
        Record::build(SourceId::Petroivaniuk, obs, [], []).unwrap()
    }

    #[test]
    fn counts_hold_until_the_next_row_and_stop_at_the_coverage() {
        let oryx = OryxRecord::build(
            "russia",
            [
                reading("Helicopters", date(2024, 9, 30), 100, 5),
                reading("Helicopters", date(2024, 10, 20), 101, 5),
                OryxReading { country: "Ukraine".into(), ..reading("Helicopters", date(2024, 11, 2), 9, 9) },
            ],
        )
        .unwrap();
        assert_eq!(oryx.covered_to, date(2024, 11, 2));
        assert_eq!(oryx.counts_at(&["helicopters"], date(2024, 9, 29)), None);
        assert_eq!(
            oryx.counts_at(&["Helicopters"], date(2024, 10, 19)).map(|(c, d)| (c.total(), d)),
            Some((105, date(2024, 9, 30)))
        );
        assert_eq!(oryx.counts_at(&["Helicopters"], date(2024, 11, 2)).map(|(c, _)| c.total()), Some(106));
        assert_eq!(oryx.counts_at(&["Helicopters"], date(2024, 11, 3)), None);
        let earlier = oryx.as_of(date(2024, 10, 1)).unwrap();
        assert_eq!(earlier.covered_to, date(2024, 10, 1));
        assert_eq!(earlier.counts_at(&["Helicopters"], date(2024, 10, 1)).map(|(c, _)| c.total()), Some(105));
    }

    #[test]
    fn renamed_types_continue_and_tanks_are_reconstructed() {
        let oryx = OryxRecord::build(
            "Russia",
            [
                reading(ORYX_ARMOURED_COMBAT_VEHICLES, date(2024, 9, 30), 70, 7),
                reading("Armoured Fighting Vehicles", date(2024, 9, 30), 10, 1),
                reading("Infantry Fighting Vehicles", date(2024, 9, 30), 20, 2),
                reading("Armoured Personnel Carriers", date(2024, 9, 30), 5, 0),
                reading("Mine-Resistant Ambush Protected", date(2024, 9, 30), 1, 0),
                reading("Tanks", date(2025, 3, 21), 40, 4),
                reading("Multiple Rocket Launchers", date(2024, 9, 30), 3, 0),
                reading("Rocket and Missile Artillery", date(2025, 6, 27), 5, 0),
            ],
        )
        .unwrap();
        let tanks = &ORYX_MAPPING[0].oryx[0];
        assert_eq!(part_from(&oryx, tanks), Some(date(2024, 9, 30)));
        let (counts, recorded, derived) = part_at(&oryx, tanks, date(2024, 12, 31)).unwrap();
        assert_eq!((counts.destroyed, counts.damaged, recorded, derived), (34, 4, date(2024, 9, 30), true));
        assert_eq!(part_at(&oryx, tanks, date(2025, 3, 21)).map(|(c, _, d)| (c.total(), d)), Some((44, false)));
        let mlrs = &oryx_mapping(Category::Mlrs).unwrap().oryx[0];
        assert_eq!(part_at(&oryx, mlrs, date(2025, 6, 26)).map(|(c, _, _)| c.total()), Some(3));
        assert_eq!(part_at(&oryx, mlrs, date(2025, 6, 27)).map(|(c, _, _)| c.total()), Some(5));
    }

    #[test]
    fn period_ends_and_the_latest_day_are_compared_under_the_convention() {
        let oryx = OryxRecord::build(
            "Russia",
            [reading("Helicopters", date(2024, 9, 30), 100, 0), reading("Helicopters", date(2024, 11, 15), 110, 0)],
        )
        .unwrap();
        let record = gs(
            Category::Helicopters,
            &[
                (date(2024, 9, 30), 320),
                (date(2024, 10, 1), 321),
                (date(2024, 10, 31), 325),
                (date(2024, 11, 1), 326),
                (date(2024, 11, 15), 328),
                (date(2024, 11, 16), 329),
            ],
        );
        // Only the reports used need to be in the record.
        let c =
            compare_with_oryx(&record, &oryx, &[Category::Helicopters], Some(PeriodKind::Month), Convention::LossDay)
                .unwrap();
        let rows: Vec<(String, Date, i64, Date, i64, i64)> = c.categories[0]
            .rows
            .iter()
            .map(|r| (r.label.clone(), r.day, r.general_staff, r.general_staff_report, r.oryx_total, r.gap))
            .collect();
        assert_eq!(
            rows,
            [
                ("2024-09".to_owned(), date(2024, 9, 30), 321, date(2024, 10, 1), 100, 221),
                ("2024-10".to_owned(), date(2024, 10, 31), 326, date(2024, 11, 1), 100, 226),
                ("2024-11-15".to_owned(), date(2024, 11, 15), 329, date(2024, 11, 16), 110, 219),
            ]
        );
        assert!(c.categories[0].rows[2].latest);
        assert_eq!(c.categories[0].rows[2].ratio, Some(329.0 / 110.0));
        let c = compare_with_oryx(&record, &oryx, &[Category::Helicopters], None, Convention::ReportDay).unwrap();
        let row = &c.categories[0].rows[0];
        assert_eq!(
            (row.day, row.general_staff, row.general_staff_report),
            (date(2024, 11, 15), 328, date(2024, 11, 15))
        );
    }

    #[test]
    fn unmapped_categories_and_bad_periods_are_refused() {
        let oryx = OryxRecord::build("Russia", [reading("Helicopters", date(2024, 9, 30), 1, 0)]).unwrap();
        let record = gs(Category::Personnel, &[(date(2024, 9, 30), 1)]);
        let err = compare_with_oryx(&record, &oryx, &[Category::Personnel], None, Convention::LossDay).unwrap_err();
        assert!(err.to_string().starts_with("personnel has no Oryx counterpart: Oryx counts equipment only"), "{err}");
        let err = compare_with_oryx(&record, &oryx, &[], Some(PeriodKind::Week), Convention::LossDay).unwrap_err();
        assert_eq!(err, OryxError::Period { kind: "week" });
        // A category the General Staff record lacks, or Oryx rows that do not overlap it.
        let c = compare_with_oryx(&record, &oryx, &[Category::Helicopters, Category::Tanks], None, Convention::LossDay)
            .unwrap();
        assert!(c.categories.iter().all(|c| c.rows.is_empty() && c.no_overlap.is_some()));
    }

    #[test]
    fn every_oryx_type_of_the_dataset_is_mapped_or_listed_as_unmapped() {
        let russia = [
            "Aircraft",
            "All Types",
            "Anti-Aircraft Guns",
            "Armoured Fighting Vehicles",
            "Armoured Personnel Carriers",
            "Artillery Support Vehicles And Equipment",
            "Command Posts And Communications Stations",
            "Engineering Vehicles And Equipment",
            "Helicopters",
            "Infantry Fighting Vehicles",
            "Infantry Mobility Vehicles",
            "Jammers And Deception Systems",
            "Losses excluding Recon Drones and Trucks",
            ORYX_ARMOURED_COMBAT_VEHICLES,
            "Mine-Resistant Ambush Protected",
            "Multiple Rocket Launchers",
            "Naval Ships and Submarines",
            "Radars",
            "Reconnaissance Unmanned Aerial Vehicles",
            "Rocket and Missile Artillery",
            "Self-Propelled Anti-Aircraft Guns",
            "Self-Propelled Anti-Tank Missile Systems",
            "Self-Propelled Artillery",
            "Surface-To-Air Missile Systems",
            "Tanks",
            "Towed Artillery",
            "Trucks, Vehicles, Jeeps, and Trains",
            "Trucks, Vehicles, and Jeeps",
            "Unmanned Combat Aerial Vehicles",
            "Unmanned Ground Vehicles",
        ];
        for name in russia {
            let mapped = ORYX_MAPPING.iter().flat_map(|m| m.oryx).any(|p| p.names.contains(&name));
            let unmapped = ORYX_UNMAPPED.iter().any(|(n, _)| *n == name);
            assert!(mapped ^ unmapped, "{name}: mapped {mapped}, unmapped {unmapped}");
        }
        for category in Category::ALL {
            let mapped = oryx_mapping(category).is_some();
            let unmapped = GENERAL_STAFF_UNMAPPED.iter().any(|(c, _)| *c == category);
            assert!(mapped ^ unmapped, "{category}");
        }
    }
}
