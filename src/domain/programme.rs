//! Facts about the KAM programme itself rather than its audit: when it
//! started (for the timeline against the source's typical durations) and
//! which drivers of KAM (Figure 1) are at work.

use super::date::IsoDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Programme {
    /// When the programme started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<IsoDate>,
    /// The ids of the drivers of KAM the user ticked.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub drivers: BTreeSet<String>,
}

impl Programme {
    pub fn is_empty(&self) -> bool {
        self.start.is_none() && self.drivers.is_empty()
    }
}
