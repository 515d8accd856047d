//! Audit scoring: each action scored 0-3, totals for every grouping the
//! source uses (period, phase, stream, contributory stream, overall).

use super::framework::{Framework, POINTS_PER_ACTION};
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

/// Where a planned action stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    #[default]
    NotStarted,
    InProgress,
    Done,
}

impl PlanStatus {
    pub const ALL: [PlanStatus; 3] = [
        PlanStatus::NotStarted,
        PlanStatus::InProgress,
        PlanStatus::Done,
    ];

    pub fn label(self) -> &'static str {
        match self {
            PlanStatus::NotStarted => "Not started",
            PlanStatus::InProgress => "In progress",
            PlanStatus::Done => "Done",
        }
    }
}

/// The action plan for one action: who, by when, how far, aiming at what score.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanItem {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// ISO date `YYYY-MM-DD`; compared as text, which orders ISO dates correctly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    #[serde(default)]
    pub status: PlanStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Score>,
}

impl PlanItem {
    pub fn is_empty(&self) -> bool {
        self.owner.is_empty()
            && self.due.is_none()
            && self.status == PlanStatus::NotStarted
            && self.target.is_none()
    }

    /// Overdue: a due date before `today` (ISO) and not done.
    pub fn is_overdue(&self, today: &str) -> bool {
        self.status != PlanStatus::Done && self.due.as_deref().is_some_and(|d| d < today)
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
    /// Points this action contributes. Unscored and not-applicable count 0.
    pub fn points(&self) -> u32 {
        if self.not_applicable.is_some() {
            return 0;
        }
        self.score.map_or(0, |s| s.value() as u32)
    }

    pub fn is_empty(&self) -> bool {
        self.score.is_none()
            && self.not_applicable.is_none()
            && self.note.is_empty()
            && self.plan.is_empty()
    }
}

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

/// A score against its maximum.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Total {
    pub score: u32,
    pub max: u32,
}

impl Total {
    pub fn percent(&self) -> f64 {
        if self.max == 0 {
            0.0
        } else {
            self.score as f64 * 100.0 / self.max as f64
        }
    }

    fn add(&mut self, points: u32) {
        self.score += points;
        self.max += POINTS_PER_ACTION;
    }
}

/// Every total the audit reports, computed in one pass.
#[derive(Debug, Clone, PartialEq)]
pub struct Scorecard {
    /// Indexed by period number - 1.
    pub periods: Vec<Total>,
    /// In framework order, with the phase id.
    pub phases: Vec<(String, Total)>,
    pub streams: Vec<(String, Total)>,
    pub contributory: Vec<(String, Total)>,
    pub overall: Total,
}

impl Scorecard {
    pub fn compute(fw: &Framework, audit: &Audit) -> Self {
        let mut periods = Vec::new();
        let mut phases = Vec::new();
        let mut contributory: Vec<(String, Total)> = fw
            .streams
            .iter()
            .flat_map(|s| {
                s.contributory
                    .iter()
                    .map(|c| (c.id.clone(), Total::default()))
            })
            .collect();
        let mut overall = Total::default();
        for phase in &fw.phases {
            let mut phase_total = Total::default();
            for period in &phase.periods {
                let mut t = Total::default();
                for action in &period.actions {
                    let pts = audit.points(&action.id);
                    t.add(pts);
                    if let Some((_, c)) =
                        contributory.iter_mut().find(|(id, _)| *id == action.stream)
                    {
                        c.add(pts);
                    }
                }
                phase_total.score += t.score;
                phase_total.max += t.max;
                periods.push(t);
            }
            overall.score += phase_total.score;
            overall.max += phase_total.max;
            phases.push((phase.id.clone(), phase_total));
        }
        let streams = fw
            .streams
            .iter()
            .map(|s| {
                let mut t = Total::default();
                for c in &s.contributory {
                    if let Some((_, ct)) = contributory.iter().find(|(id, _)| *id == c.id) {
                        t.score += ct.score;
                        t.max += ct.max;
                    }
                }
                (s.id.clone(), t)
            })
            .collect();
        Scorecard {
            periods,
            phases,
            streams,
            contributory,
            overall,
        }
    }

    pub fn period(&self, number: u8) -> Total {
        self.periods
            .get((number as usize).wrapping_sub(1))
            .copied()
            .unwrap_or_default()
    }

    fn find(list: &[(String, Total)], id: &str) -> Total {
        list.iter()
            .find(|(i, _)| i == id)
            .map(|(_, t)| *t)
            .unwrap_or_default()
    }

    pub fn phase(&self, id: &str) -> Total {
        Self::find(&self.phases, id)
    }

    pub fn stream(&self, id: &str) -> Total {
        Self::find(&self.streams, id)
    }

    pub fn contributory(&self, id: &str) -> Total {
        Self::find(&self.contributory, id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::framework::framework;

    fn score_all(audit: &mut Audit, pred: impl Fn(&str, u8) -> Option<u8>) {
        let fw = framework();
        for period in fw.periods() {
            for a in &period.actions {
                if let Some(v) = pred(&a.id, period.number) {
                    audit.set_score(&a.id, Some(Score::new(v).unwrap()));
                }
            }
        }
    }

    #[test]
    fn score_only_holds_0_to_3() {
        for v in 0..=3 {
            assert_eq!(Score::new(v).unwrap().value(), v);
        }
        assert_eq!(Score::new(4), Err(ScoreError(4)));
        assert!(serde_json::from_str::<Score>("4").is_err());
        assert_eq!(serde_json::from_str::<Score>("2").unwrap(), Score(2));
    }

    #[test]
    fn empty_audit_scores_zero_of_387() {
        let sc = Scorecard::compute(framework(), &Audit::default());
        assert_eq!(sc.overall, Total { score: 0, max: 387 });
        assert_eq!(sc.overall.percent(), 0.0);
        assert_eq!(sc.periods.len(), 12);
    }

    #[test]
    fn all_threes_is_full_marks_everywhere() {
        let mut audit = Audit::default();
        score_all(&mut audit, |_, _| Some(3));
        let sc = Scorecard::compute(framework(), &audit);
        assert_eq!(
            sc.overall,
            Total {
                score: 387,
                max: 387
            }
        );
        assert_eq!(sc.overall.percent(), 100.0);
        for t in sc.periods.iter().chain(sc.phases.iter().map(|(_, t)| t)) {
            assert_eq!(t.score, t.max);
        }
        let stream_sum: u32 = sc.streams.iter().map(|(_, t)| t.max).sum();
        let contrib_sum: u32 = sc.contributory.iter().map(|(_, t)| t.max).sum();
        assert_eq!(stream_sum, 387);
        assert_eq!(contrib_sum, 387);
    }

    #[test]
    fn phase_a_at_3_and_period_4_at_2() {
        // Hand computed: phase A = 78/78; period 4 has 13 actions x 2 = 26/39;
        // overall 78 + 26 = 104/387; phase B 26/105.
        let mut audit = Audit::default();
        score_all(&mut audit, |_, p| match p {
            1..=3 => Some(3),
            4 => Some(2),
            _ => None,
        });
        let sc = Scorecard::compute(framework(), &audit);
        assert_eq!(sc.phase("A"), Total { score: 78, max: 78 });
        assert_eq!(sc.period(4), Total { score: 26, max: 39 });
        assert_eq!(
            sc.phase("B"),
            Total {
                score: 26,
                max: 105
            }
        );
        assert_eq!(
            sc.overall,
            Total {
                score: 104,
                max: 387
            }
        );
        assert!((sc.period(4).percent() - 66.666).abs() < 0.01);
    }

    #[test]
    fn three_actions_of_period_1() {
        // 3 + 2 + 1 = 6 of period 1's 21; overall 6/387.
        let mut audit = Audit::default();
        audit.set_score("A1.01", Some(Score(3)));
        audit.set_score("A1.02", Some(Score(2)));
        audit.set_score("A1.03", Some(Score(1)));
        let sc = Scorecard::compute(framework(), &audit);
        assert_eq!(sc.period(1), Total { score: 6, max: 21 });
        assert_eq!(sc.phase("A"), Total { score: 6, max: 78 });
        assert_eq!(sc.overall, Total { score: 6, max: 387 });
        // A1.01-A1.02 are Goals & strategy, A1.03 Research: all Strategy & planning.
        assert_eq!(sc.contributory("goals_strategy").score, 5);
        assert_eq!(sc.contributory("research").score, 1);
        assert_eq!(sc.stream("strategy_planning").score, 6);
        assert_eq!(sc.stream("processes").score, 0);
    }

    #[test]
    fn every_action_at_1_gives_one_third_of_each_maximum() {
        let mut audit = Audit::default();
        score_all(&mut audit, |_, _| Some(1));
        let sc = Scorecard::compute(framework(), &audit);
        assert_eq!(
            sc.overall,
            Total {
                score: 129,
                max: 387
            }
        );
        assert_eq!(sc.period(8), Total { score: 14, max: 42 });
        assert_eq!(sc.phase("D"), Total { score: 33, max: 99 });
    }

    #[test]
    fn clearing_a_score_removes_the_entry() {
        let mut audit = Audit::default();
        audit.set_score("A1.01", Some(Score(2)));
        assert_eq!(audit.scored_count(), 1);
        audit.set_score("A1.01", None);
        assert!(audit.entries.is_empty());
    }

    #[test]
    fn not_applicable_counts_zero_but_stays_in_the_maximum() {
        let mut audit = Audit::default();
        audit.set_score("A1.01", Some(Score(3)));
        audit.set_not_applicable("A1.01", Some("No driver yet".into()));
        let sc = Scorecard::compute(framework(), &audit);
        assert_eq!(sc.period(1), Total { score: 0, max: 21 });
        assert_eq!(sc.overall.max, 387);
        assert_eq!(audit.score("A1.01"), None);
        assert!(audit.is_not_applicable("A1.01"));
        assert!(audit.is_assessed("A1.01"));
        // Toggling twice: on with an empty reason, then off again.
        audit.toggle_not_applicable("A1.02");
        assert_eq!(
            audit.entry("A1.02").unwrap().not_applicable.as_deref(),
            Some("")
        );
        audit.toggle_not_applicable("A1.02");
        assert!(audit.entry("A1.02").is_none());
        // Scoring it again ends the N/A mark.
        audit.set_score("A1.01", Some(Score(2)));
        assert!(!audit.is_not_applicable("A1.01"));
        assert_eq!(Scorecard::compute(framework(), &audit).period(1).score, 2);
    }

    #[test]
    fn notes_and_plans_keep_an_entry_alive() {
        let mut audit = Audit::default();
        audit.edit("B1.01", |e| e.note = "Board paper in draft".into());
        audit.set_score("B1.01", Some(Score(1)));
        audit.set_score("B1.01", None);
        assert_eq!(audit.entry("B1.01").unwrap().note, "Board paper in draft");
        audit.edit("B1.01", |e| e.note.clear());
        assert!(audit.entry("B1.01").is_none());
    }

    #[test]
    fn overdue_needs_a_past_due_date_and_not_done() {
        let mut p = PlanItem {
            due: Some("2026-01-31".into()),
            ..PlanItem::default()
        };
        assert!(p.is_overdue("2026-02-01"));
        assert!(!p.is_overdue("2026-01-31"));
        p.status = PlanStatus::Done;
        assert!(!p.is_overdue("2026-02-01"));
        assert!(!PlanItem::default().is_overdue("2026-02-01"));
    }

    #[test]
    fn unknown_stream_or_period_is_an_empty_total() {
        let sc = Scorecard::compute(framework(), &Audit::default());
        assert_eq!(sc.period(0), Total::default());
        assert_eq!(sc.period(13), Total::default());
        assert_eq!(sc.stream("nope"), Total::default());
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn totals_add_up(scores in proptest::collection::vec(proptest::option::of(0u8..=3), 129)) {
                let fw = framework();
                let mut audit = Audit::default();
                for (a, s) in fw.actions().zip(&scores) {
                    audit.set_score(&a.id, s.map(|v| Score::new(v).unwrap()));
                }
                let sc = Scorecard::compute(fw, &audit);
                let expected: u32 = scores.iter().flatten().map(|&v| v as u32).sum();
                prop_assert_eq!(sc.overall.score, expected);
                prop_assert_eq!(sc.periods.iter().map(|t| t.score).sum::<u32>(), expected);
                prop_assert_eq!(sc.phases.iter().map(|(_, t)| t.score).sum::<u32>(), expected);
                prop_assert_eq!(sc.streams.iter().map(|(_, t)| t.score).sum::<u32>(), expected);
                prop_assert_eq!(sc.contributory.iter().map(|(_, t)| t.score).sum::<u32>(), expected);
                prop_assert!(sc.overall.percent() <= 100.0);
            }

            #[test]
            fn audit_round_trips_through_json(scores in proptest::collection::btree_map("[A-D][1-3]\\.[0-9]{2}", 0u8..=3, 0..40)) {
                let mut audit = Audit::default();
                for (id, v) in &scores {
                    audit.set_score(id, Some(Score::new(*v).unwrap()));
                }
                let json = serde_json::to_string(&audit).unwrap();
                prop_assert_eq!(serde_json::from_str::<Audit>(&json).unwrap(), audit);
            }
        }
    }
}
