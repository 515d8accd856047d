//! Figure 1, the drivers of KAM: positive or negative, from inside or
//! outside the organisation. The user ticks the ones at work; the ticks are
//! kept in the programme by id, so the ids must never change.

use crate::domain::framework::Action;
use crate::domain::programme::Programme;
use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Polarity {
    Positive,
    Negative,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    Internal,
    External,
}

impl Polarity {
    pub const ALL: [Polarity; 2] = [Polarity::Positive, Polarity::Negative];
    pub fn label(self) -> &'static str {
        match self {
            Polarity::Positive => "Positive",
            Polarity::Negative => "Negative",
        }
    }
}

impl Origin {
    pub const ALL: [Origin; 2] = [Origin::Internal, Origin::External];
    pub fn label(self) -> &'static str {
        match self {
            Origin::Internal => "Internal",
            Origin::External => "External",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Driver {
    /// Stable: saved in the workspace.
    pub id: &'static str,
    pub label: &'static str,
    pub polarity: Polarity,
    pub origin: Origin,
}

impl Driver {
    /// "Positive, internal".
    pub fn quadrant(&self) -> String {
        format!(
            "{}, {}",
            self.polarity.label(),
            self.origin.label().to_lowercase()
        )
    }
}

const fn d(id: &'static str, label: &'static str, polarity: Polarity, origin: Origin) -> Driver {
    Driver {
        id,
        label,
        polarity,
        origin,
    }
}

use Origin::{External, Internal};
use Polarity::{Negative, Positive};

/// The typical drivers of Figure 1. The source's figure survives only as
/// extracted text; the quadrants follow its reading order (positive
/// internal, negative internal, negative external, positive external).
pub const DRIVERS: [Driver; 15] = [
    d("desire-for-growth", "Desire for growth", Positive, Internal),
    d(
        "broad-offering",
        "Capitalising on a broad offering",
        Positive,
        Internal,
    ),
    d(
        "multiple-channels",
        "Several channels to the same customers",
        Positive,
        Internal,
    ),
    d(
        "bandwagon",
        "A fashionable (and useful) bandwagon",
        Positive,
        Internal,
    ),
    d(
        "better-mis",
        "Better management information systems",
        Positive,
        Internal,
    ),
    d("margin-pressure", "Pressure on margins", Negative, Internal),
    d(
        "resource-pressure",
        "Pressure on resources",
        Negative,
        Internal,
    ),
    d(
        "low-cohesion",
        "Organisational change or low internal cohesion",
        Negative,
        Internal,
    ),
    d(
        "failing-offer",
        "Need to cover for a failing offer",
        Negative,
        Internal,
    ),
    d("mature-market", "Mature market", Negative, External),
    d(
        "embarrassment",
        "Embarrassment in the marketplace",
        Negative,
        External,
    ),
    d(
        "customer-loss",
        "Customer loss, potential loss or pre-loss feedback",
        Negative,
        External,
    ),
    d(
        "one-company",
        "Customers want one company: less of their time, better spent",
        Positive,
        External,
    ),
    d(
        "strategic-partnership",
        "Customer demand for strategic partnership",
        Positive,
        External,
    ),
    d(
        "global-customers",
        "Globalising or cross-boundary customers",
        Positive,
        External,
    ),
];

pub fn driver(id: &str) -> Option<&'static Driver> {
    DRIVERS.iter().find(|d| d.id == id)
}

/// The drivers ticked in `programme`, in Figure 1's order. Ids this version
/// does not know (from a newer build) are kept in the workspace but not shown.
pub fn ticked(programme: &Programme) -> Vec<&'static Driver> {
    DRIVERS
        .iter()
        .filter(|d| programme.drivers.contains(d.id))
        .collect()
}

#[derive(Debug, Clone, Error, PartialEq, Eq)]
#[error("\"{0}\" is not one of the drivers of Figure 1")]
pub struct UnknownDriver(pub String);

impl Programme {
    /// Ticks (or unticks) a driver of Figure 1.
    pub fn set_driver(&mut self, id: &str, at_work: bool) -> Result<(), UnknownDriver> {
        let d = driver(id).ok_or_else(|| UnknownDriver(id.to_string()))?;
        if at_work {
            self.drivers.insert(d.id.to_string());
        } else {
            self.drivers.remove(d.id);
        }
        Ok(())
    }
}

/// The audit actions about the powerful driver ("Find powerful driver",
/// "Monitor powerful driver"), found by their wording so a renumbered
/// checklist still finds them (ASCII case-folding: the wording sought is ASCII).
pub fn is_driver_action(action: &Action) -> bool {
    action.text.to_ascii_lowercase().contains("powerful driver")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::framework;

    #[test]
    fn ids_are_unique_and_every_quadrant_has_drivers() {
        let ids: std::collections::HashSet<_> = DRIVERS.iter().map(|d| d.id).collect();
        assert_eq!(ids.len(), DRIVERS.len());
        for p in Polarity::ALL {
            for o in Origin::ALL {
                let n = DRIVERS
                    .iter()
                    .filter(|d| d.polarity == p && d.origin == o)
                    .count();
                assert!(n >= 3, "{p:?} {o:?} has {n}");
            }
        }
        assert_eq!(
            driver("mature-market").unwrap().quadrant(),
            "Negative, external"
        );
    }

    #[test]
    fn ticking_keeps_ids_and_refuses_unknown_ones() {
        let mut p = Programme::default();
        p.set_driver("customer-loss", true).unwrap();
        p.set_driver("desire-for-growth", true).unwrap();
        assert_eq!(
            ticked(&p).iter().map(|d| d.id).collect::<Vec<_>>(),
            vec!["desire-for-growth", "customer-loss"]
        );
        p.set_driver("customer-loss", false).unwrap();
        assert_eq!(ticked(&p).len(), 1);
        assert_eq!(
            p.set_driver("nonsense", true),
            Err(UnknownDriver("nonsense".into()))
        );
        // A driver id from a newer version is kept but not shown.
        p.drivers.insert("from-the-future".into());
        assert_eq!(ticked(&p).len(), 1);
    }

    #[test]
    fn the_two_driver_actions_are_found_by_wording() {
        let ids: Vec<&str> = framework()
            .actions()
            .filter(|a| is_driver_action(a))
            .map(|a| a.id.as_str())
            .collect();
        assert_eq!(ids.len(), 2, "{ids:?}");
        assert!(ids.contains(&"A1.01"));
    }
}
