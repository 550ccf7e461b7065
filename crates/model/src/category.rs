//! Canonical loss categories and the cross-walk from every upstream's names to them.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// One counted category of losses, with a stable id used in the store, the CLI and the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Personnel losses as the General Staff counts them ("liquidated").
    Personnel,
    /// Tanks.
    Tanks,
    /// Armoured fighting vehicles (ББМ; PetroIvaniuk calls them `APC`).
    Afv,
    /// Artillery systems.
    Artillery,
    /// Multiple rocket launchers.
    Mlrs,
    /// Air-defence systems.
    AirDefense,
    /// Fixed-wing aircraft.
    Aircraft,
    /// Helicopters.
    Helicopters,
    /// Operational-tactical UAVs.
    Uav,
    /// Cruise missiles (shot down).
    CruiseMissiles,
    /// Warships and boats.
    Ships,
    /// Submarines.
    Submarines,
    /// Vehicles and fuel tanks (before 2022-05-01 reported as two counts, summed here).
    Vehicles,
    /// Special equipment.
    SpecialEquipment,
    /// Mobile SRBM launchers (tracked 2022-03-26 .. 2022-04-30).
    SrbmLaunchers,
    /// Ground robotic systems (tracked from 2026-05-03, starting from a backlog).
    GroundRobots,
    /// Prisoners of war (reported in the personnel series until 2022-04-27).
    Pow,
}

/// A category name that no cross-walk knows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown category {name:?} (known: {known})")]
pub struct UnknownCategory {
    /// The name as given.
    pub name: String,
    /// The canonical ids, comma-separated, for the message.
    pub known: String,
}

impl Category {
    /// Every category, in the order reports list them.
    pub const ALL: [Category; 17] = [
        Category::Personnel,
        Category::Tanks,
        Category::Afv,
        Category::Artillery,
        Category::Mlrs,
        Category::AirDefense,
        Category::Aircraft,
        Category::Helicopters,
        Category::Uav,
        Category::CruiseMissiles,
        Category::Ships,
        Category::Submarines,
        Category::Vehicles,
        Category::SpecialEquipment,
        Category::SrbmLaunchers,
        Category::GroundRobots,
        Category::Pow,
    ];

    /// The stable canonical id (`personnel`, `tanks`, `air_defense`, …).
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            Category::Personnel => "personnel",
            Category::Tanks => "tanks",
            Category::Afv => "afv",
            Category::Artillery => "artillery",
            Category::Mlrs => "mlrs",
            Category::AirDefense => "air_defense",
            Category::Aircraft => "aircraft",
            Category::Helicopters => "helicopters",
            Category::Uav => "uav",
            Category::CruiseMissiles => "cruise_missiles",
            Category::Ships => "ships",
            Category::Submarines => "submarines",
            Category::Vehicles => "vehicles",
            Category::SpecialEquipment => "special_equipment",
            Category::SrbmLaunchers => "srbm_launchers",
            Category::GroundRobots => "ground_robots",
            Category::Pow => "pow",
        }
    }

    /// A human label for tables and charts.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Category::Personnel => "Personnel",
            Category::Tanks => "Tanks",
            Category::Afv => "Armoured fighting vehicles",
            Category::Artillery => "Artillery systems",
            Category::Mlrs => "MLRS",
            Category::AirDefense => "Air-defence systems",
            Category::Aircraft => "Aircraft",
            Category::Helicopters => "Helicopters",
            Category::Uav => "UAVs (operational-tactical)",
            Category::CruiseMissiles => "Cruise missiles",
            Category::Ships => "Warships and boats",
            Category::Submarines => "Submarines",
            Category::Vehicles => "Vehicles and fuel tanks",
            Category::SpecialEquipment => "Special equipment",
            Category::SrbmLaunchers => "Mobile SRBM launchers",
            Category::GroundRobots => "Ground robotic systems",
            Category::Pow => "Prisoners of war",
        }
    }

    /// The key in the PetroIvaniuk JSON files, where one exists. `vehicles` has a single key only
    /// from 2022-05-01; before that it is the sum of `military auto` and `fuel tank`.
    #[must_use]
    pub const fn petroivaniuk_key(self) -> Option<&'static str> {
        Some(match self {
            Category::Personnel => "personnel",
            Category::Tanks => "tank",
            Category::Afv => "APC",
            Category::Artillery => "field artillery",
            Category::Mlrs => "MRL",
            Category::AirDefense => "anti-aircraft warfare",
            Category::Aircraft => "aircraft",
            Category::Helicopters => "helicopter",
            Category::Uav => "drone",
            Category::CruiseMissiles => "cruise missiles",
            Category::Ships => "naval ship",
            Category::Submarines => "submarines",
            Category::Vehicles => "vehicles and fuel tanks",
            Category::SpecialEquipment => "special equipment",
            Category::SrbmLaunchers => "mobile SRBM system",
            Category::GroundRobots => "ground robotic systems",
            Category::Pow => "POW",
        })
    }

    /// The key in the russianwarship.rip API v2 `stats` object, where one exists.
    #[must_use]
    pub const fn russianwarship_key(self) -> Option<&'static str> {
        Some(match self {
            Category::Personnel => "personnel_units",
            Category::Tanks => "tanks",
            Category::Afv => "armoured_fighting_vehicles",
            Category::Artillery => "artillery_systems",
            Category::Mlrs => "mlrs",
            Category::AirDefense => "aa_warfare_systems",
            Category::Aircraft => "planes",
            Category::Helicopters => "helicopters",
            Category::Uav => "uav_systems",
            Category::CruiseMissiles => "cruise_missiles",
            Category::Ships => "warships_cutters",
            Category::Submarines => "submarines",
            Category::Vehicles => "vehicles_fuel_tanks",
            Category::SpecialEquipment => "special_military_equip",
            Category::SrbmLaunchers => "atgm_srbm_systems",
            Category::GroundRobots | Category::Pow => return None,
        })
    }

    /// The category a PetroIvaniuk key names, if any (`military auto` and `fuel tank` are parts
    /// of `vehicles` and handled by the reader, not here).
    #[must_use]
    pub fn from_petroivaniuk_key(key: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.petroivaniuk_key() == Some(key))
    }

    /// The category with this exact canonical id, if any (no trimming or aliases: for stored
    /// values, where speed matters).
    #[must_use]
    pub fn from_id(id: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.id() == id)
    }

    /// The category a russianwarship.rip v2 key names, if any.
    #[must_use]
    pub fn from_russianwarship_key(key: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.russianwarship_key() == Some(key))
    }

    /// Whether this is a count of people rather than of equipment.
    #[must_use]
    pub const fn is_people(self) -> bool {
        matches!(self, Category::Personnel | Category::Pow)
    }

    fn known_ids() -> String {
        Category::ALL.iter().map(|c| c.id()).collect::<Vec<_>>().join(", ")
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Category {
    type Err = UnknownCategory;

    /// Accepts the canonical id, case-insensitively, with `-` or `_`, and also the upstream
    /// names, so that `tank`, `APC` or `uav_systems` work as a user would expect.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace('-', "_");
        Category::ALL
            .into_iter()
            .find(|c| {
                c.id() == wanted
                    || c.petroivaniuk_key().is_some_and(|k| k.eq_ignore_ascii_case(s.trim()))
                    || c.russianwarship_key() == Some(wanted.as_str())
            })
            .ok_or_else(|| UnknownCategory { name: s.to_owned(), known: Category::known_ids() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_are_unique() {
        let mut ids: Vec<_> = Category::ALL.iter().map(|c| c.id()).collect();
        for c in Category::ALL {
            assert_eq!(c.id().parse::<Category>(), Ok(c));
        }
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), Category::ALL.len());
    }

    #[test]
    fn upstream_names_map_to_canonical_ids() {
        assert_eq!(Category::from_petroivaniuk_key("APC"), Some(Category::Afv));
        assert_eq!(Category::from_petroivaniuk_key("anti-aircraft warfare"), Some(Category::AirDefense));
        assert_eq!(Category::from_russianwarship_key("special_military_equip"), Some(Category::SpecialEquipment));
        assert_eq!(Category::from_russianwarship_key("atgm_srbm_systems"), Some(Category::SrbmLaunchers));
        assert_eq!(Category::from_petroivaniuk_key("military auto"), None);
        assert_eq!("field artillery".parse::<Category>(), Ok(Category::Artillery));
    }

    #[test]
    fn unknown_name_lists_the_known_ones() {
        let err = "zeppelins".parse::<Category>().err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("zeppelins") && err.contains("personnel"), "{err}");
    }
}
