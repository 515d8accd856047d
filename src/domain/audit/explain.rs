//! Explain a total: the actions behind every total the audit reports.

use super::{Audit, Scorecard, Total};
use crate::domain::framework::{Action, Framework, Period, Phase, POINTS_PER_ACTION};
use serde::{Deserialize, Serialize};

/// A total the audit reports, named so its actions can be listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum Grouping {
    Overall,
    /// A phase id, "A".."D".
    Phase(String),
    /// A period number, 1..=12.
    Period(u8),
    /// A stream id, e.g. "strategy_planning".
    Stream(String),
    /// A contributory stream id, e.g. "goals_strategy".
    Contributory(String),
}

impl Grouping {
    /// Whether an action (in the given phase and period) belongs to this grouping.
    fn contains(&self, fw: &Framework, phase: &Phase, period: &Period, action: &Action) -> bool {
        match self {
            Grouping::Overall => true,
            Grouping::Phase(id) => phase.id == *id,
            Grouping::Period(n) => period.number == *n,
            Grouping::Stream(id) => fw.stream_of(&action.stream).is_some_and(|s| s.id == *id),
            Grouping::Contributory(id) => action.stream == *id,
        }
    }

    /// This grouping's total on a scorecard (empty for unknown ids).
    pub fn total(&self, scorecard: &Scorecard) -> Total {
        match self {
            Grouping::Overall => scorecard.overall,
            Grouping::Phase(id) => scorecard.phase(id),
            Grouping::Period(n) => scorecard.period(*n),
            Grouping::Stream(id) => scorecard.stream(id),
            Grouping::Contributory(id) => scorecard.contributory(id),
        }
    }
}

/// The actions behind a total, each as (action, points, maximum 3), in
/// framework order. Their points sum to that grouping's scorecard total.
pub fn actions_behind<'a>(
    fw: &'a Framework,
    audit: &Audit,
    grouping: &Grouping,
) -> Vec<(&'a Action, u32, u32)> {
    placed_actions(fw)
        .filter(|(ph, p, a)| grouping.contains(fw, ph, p, a))
        .map(|(_, _, a)| (a, audit.points(&a.id), POINTS_PER_ACTION))
        .collect()
}

/// Every action with its phase and period, in framework order.
pub(super) fn placed_actions(fw: &Framework) -> impl Iterator<Item = (&Phase, &Period, &Action)> {
    fw.phases.iter().flat_map(|ph| {
        ph.periods
            .iter()
            .flat_map(move |p| p.actions.iter().map(move |a| (ph, p, a)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::tests::s;
    use crate::domain::framework::framework;
    #[test]
    fn actions_behind_each_grouping() {
        let fw = framework();
        let mut audit = Audit::default();
        audit.set_score("A1.01", s(3));
        audit.set_score("A1.02", s(2));
        audit.set_score("A1.03", s(1));
        let overall = actions_behind(fw, &audit, &Grouping::Overall);
        assert_eq!(overall.len(), 129);
        assert_eq!(overall.iter().map(|x| x.1).sum::<u32>(), 6);
        assert!(overall.iter().all(|x| x.2 == 3));
        assert_eq!(actions_behind(fw, &audit, &Grouping::Period(1)).len(), 7);
        assert_eq!(
            actions_behind(fw, &audit, &Grouping::Phase("B".into())).len(),
            35
        );
        let goals = actions_behind(fw, &audit, &Grouping::Contributory("goals_strategy".into()));
        assert_eq!(goals.iter().map(|x| x.1).sum::<u32>(), 5);
        assert!(goals.iter().all(|x| x.0.stream == "goals_strategy"));
        let sp = actions_behind(fw, &audit, &Grouping::Stream("strategy_planning".into()));
        assert_eq!(sp.iter().map(|x| x.1).sum::<u32>(), 6);
        assert!(actions_behind(fw, &audit, &Grouping::Period(13)).is_empty());
        assert!(actions_behind(fw, &audit, &Grouping::Stream("nope".into())).is_empty());
    }

    #[test]
    fn grouping_serialises_with_a_kind_tag() {
        let g = Grouping::Period(4);
        let json = serde_json::to_string(&g).unwrap();
        assert_eq!(json, r#"{"kind":"period","id":4}"#);
        assert_eq!(serde_json::from_str::<Grouping>(&json).unwrap(), g);
        let o = serde_json::to_string(&Grouping::Overall).unwrap();
        assert_eq!(
            serde_json::from_str::<Grouping>(&o).unwrap(),
            Grouping::Overall
        );
    }
}
