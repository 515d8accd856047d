//! The action audit (Woodburn 2006, section 3.3): each of the 129 actions
//! scored 0-3 or set aside as "not applicable now", and what the source
//! reads from the scores, one concept per module.
//!
//! An action's points come from [`Audit::points`]: unscored and "not
//! applicable now" both count 0, because the source warns that taking
//! elements out misrepresents the position.

mod explain;
mod filter;
mod heatmap;
mod next_steps;
mod plan;
mod position;
mod scorecard;

pub use explain::{actions_behind, Grouping};
pub use filter::ActionFilter;
pub use heatmap::{heatmap, HeatRow};
pub use next_steps::{
    gap, lagging, missing, next_period, reached_period, unscored, Gap, NextSteps, TO_ACT_ON,
};
pub use plan::{is_iso_date, plan_items, target_scorecard, PlanItem, PlanRow, PlanStatus};
pub use position::{cumulative_maxima, position, position_sentence, Position};
pub use scorecard::{Scorecard, Total};

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use thiserror::Error;

/// A score on the audit scale. Only 0..=3 can exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Score(u8);

#[derive(Debug, Error, PartialEq, Eq)]
#[error("a score must be 0, 1, 2 or 3, not {0}")]
pub struct ScoreError(pub u8);

impl Score {
    pub const MAX: u8 = 3;
    pub const ALL: [Score; 4] = [Score(0), Score(1), Score(2), Score(3)];

    pub fn new(value: u8) -> Result<Self, ScoreError> {
        if value <= Self::MAX {
            Ok(Score(value))
        } else {
            Err(ScoreError(value))
        }
    }

    pub fn value(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Score {
    type Error = ScoreError;
    fn try_from(v: u8) -> Result<Self, ScoreError> {
        Score::new(v)
    }
}

impl From<Score> for u8 {
    fn from(s: Score) -> u8 {
        s.0
    }
}

/// What the organisation recorded against one action.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ActionEntry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<Score>,
    /// "Not applicable now", with the reason. The source warns that taking
    /// elements out misrepresents the position, so such an action stays in
    /// every maximum and counts 0. Exclusive with `score`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_applicable: Option<String>,
    /// Notes and evidence, free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "PlanItem::is_empty")]
    pub plan: PlanItem,
}

impl ActionEntry {
    /// An action's state in words: "N/A", "unscored" or its score.
    pub fn state_label(entry: Option<&ActionEntry>) -> String {
        match entry {
            Some(e) if e.not_applicable.is_some() => "N/A".to_string(),
            e => e
                .and_then(|e| e.score)
                .map_or_else(|| "unscored".to_string(), |s| s.value().to_string()),
        }
    }

    /// Points this action contributes. Unscored and not-applicable count 0.
    pub fn points(&self) -> u32 {
        if self.not_applicable.is_some() {
            return 0;
        }
        self.score.map_or(0, |s| s.value() as u32)
    }

    /// Whether the action has a note or a plan: its "Notes & plan" opens by itself.
    pub fn has_note_or_plan(&self) -> bool {
        !self.note.is_empty() || !self.plan.is_empty()
    }

    pub fn is_empty(&self) -> bool {
        self.score.is_none() && self.not_applicable.is_none() && !self.has_note_or_plan()
    }
}

/// How "not applicable now" is scored, in words for the screens.
pub const NOT_APPLICABLE_RULE: &str =
    "Actions marked N/A count 0 and stay in every maximum, so the audit is not flattered.";

/// All audit answers, keyed by action id.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Audit {
    #[serde(default)]
    pub entries: BTreeMap<String, ActionEntry>,
    /// The source asks for all four phase tables to be read before scoring;
    /// true once the user has read them or chosen to skip.
    #[serde(default)]
    pub read_through_done: bool,
}

impl Audit {
    pub fn entry(&self, action_id: &str) -> Option<&ActionEntry> {
        self.entries.get(action_id)
    }

    pub fn score(&self, action_id: &str) -> Option<Score> {
        self.entry(action_id).and_then(|e| e.score)
    }

    pub fn points(&self, action_id: &str) -> u32 {
        self.entry(action_id).map_or(0, ActionEntry::points)
    }

    /// Changes one entry; an entry left empty is removed so the document stays small.
    pub fn edit(&mut self, action_id: &str, f: impl FnOnce(&mut ActionEntry)) {
        let entry = self.entries.entry(action_id.to_string()).or_default();
        f(entry);
        if entry.is_empty() {
            self.entries.remove(action_id);
        }
    }

    /// Sets or clears (None) a score. Scoring an action ends its N/A mark.
    pub fn set_score(&mut self, action_id: &str, score: Option<Score>) {
        self.edit(action_id, |e| {
            e.score = score;
            if score.is_some() {
                e.not_applicable = None;
            }
        });
    }

    /// Marks an action not applicable now (clearing its score), or unmarks it.
    pub fn set_not_applicable(&mut self, action_id: &str, reason: Option<String>) {
        self.edit(action_id, |e| {
            if reason.is_some() {
                e.score = None;
            }
            e.not_applicable = reason;
        });
    }

    /// Marks an action not applicable now (with the reason still to be
    /// given), or takes the mark off.
    pub fn toggle_not_applicable(&mut self, action_id: &str) {
        let reason = (!self.is_not_applicable(action_id)).then(String::new);
        self.set_not_applicable(action_id, reason);
    }

    pub fn is_not_applicable(&self, action_id: &str) -> bool {
        self.entry(action_id)
            .is_some_and(|e| e.not_applicable.is_some())
    }

    /// Scored or marked N/A: the action has been assessed.
    pub fn is_assessed(&self, action_id: &str) -> bool {
        self.entry(action_id)
            .is_some_and(|e| e.score.is_some() || e.not_applicable.is_some())
    }

    /// The action's state in words: "N/A", "unscored" or its score.
    pub fn state_label(&self, action_id: &str) -> String {
        ActionEntry::state_label(self.entry(action_id))
    }

    pub fn scored_count(&self) -> usize {
        self.entries.values().filter(|e| e.score.is_some()).count()
    }

    pub fn not_applicable_count(&self) -> usize {
        self.entries
            .values()
            .filter(|e| e.not_applicable.is_some())
            .count()
    }
}

#[cfg(test)]
mod tests;
