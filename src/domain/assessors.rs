//! Several assessors' scores kept in the workspace: each is the scores link
//! an assessor sent back, with their name, so the consensus can be shown
//! again and each assessor's scores viewed after the agreed scores became
//! the audit.

use super::date::IsoDate;
use serde::{Deserialize, Serialize};

/// One assessor's scores as they sent them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessorScores {
    pub name: String,
    /// The scores link's fragment (`s1.…`), read with `share::decode`.
    pub link: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added: Option<IsoDate>,
}

/// Every assessor's scores, in the order they were added.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Assessors(pub Vec<AssessorScores>);

impl Assessors {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
}
