//! Filters for the action list.

use super::explain::placed_actions;
use super::next_steps::{gap, reached_period, Gap};
use super::Audit;
use crate::domain::framework::{Action, Framework, Period, Phase};
use serde::{Deserialize, Serialize};

/// Filters for the action list. Every set criterion must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionFilter {
    #[serde(default)]
    pub phase: Option<String>,
    #[serde(default)]
    pub period: Option<u8>,
    /// A stream id or a contributory stream id.
    #[serde(default)]
    pub stream: Option<String>,
    /// Only actions neither scored nor marked N/A.
    #[serde(default)]
    pub unscored_only: bool,
    /// Only lagging actions (see [`super::NextSteps`]), in framework order.
    #[serde(default)]
    pub lagging_only: bool,
}

impl ActionFilter {
    /// True when no criterion is set, so every action passes.
    pub fn is_empty(&self) -> bool {
        *self == ActionFilter::default()
    }

    /// Whether one action passes. Unknown action ids never pass.
    pub fn matches(&self, fw: &Framework, audit: &Audit, action: &Action) -> bool {
        let reached = reached_period(fw, audit);
        placed_actions(fw)
            .find(|(_, _, a)| a.id == action.id)
            .is_some_and(|(ph, p, a)| self.matches_placed(fw, audit, reached, ph, p, a))
    }

    /// The actions that pass, in framework order.
    pub fn apply<'a>(&self, fw: &'a Framework, audit: &Audit) -> Vec<&'a Action> {
        let reached = reached_period(fw, audit);
        placed_actions(fw)
            .filter(|(ph, p, a)| self.matches_placed(fw, audit, reached, ph, p, a))
            .map(|(_, _, a)| a)
            .collect()
    }

    fn matches_placed(
        &self,
        fw: &Framework,
        audit: &Audit,
        reached: Option<u8>,
        phase: &Phase,
        period: &Period,
        action: &Action,
    ) -> bool {
        if self.phase.as_ref().is_some_and(|id| *id != phase.id) {
            return false;
        }
        if self.period.is_some_and(|n| n != period.number) {
            return false;
        }
        if let Some(id) = &self.stream {
            let in_stream =
                action.stream == *id || fw.stream_of(&action.stream).is_some_and(|s| s.id == *id);
            if !in_stream {
                return false;
            }
        }
        if self.unscored_only && audit.is_assessed(&action.id) {
            return false;
        }
        if self.lagging_only && gap(reached, period.number, audit, &action.id) != Some(Gap::Lagging)
        {
            return false;
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::tests::{ids, s, score_periods};
    use crate::domain::audit::{lagging, Scorecard};
    use crate::domain::framework::framework;
    #[test]
    fn filters_combine() {
        let fw = framework();
        let mut audit = Audit::default();
        audit.set_score("A1.01", s(1));
        audit.set_not_applicable("A1.02", Some("x".into()));
        audit.set_score("B1.01", s(2));

        assert_eq!(ActionFilter::default().apply(fw, &audit).len(), 129);
        assert!(ActionFilter::default().is_empty());

        let phase_a = ActionFilter {
            phase: Some("A".into()),
            ..Default::default()
        };
        assert_eq!(phase_a.apply(fw, &audit).len(), 26);

        let p1_unscored = ActionFilter {
            period: Some(1),
            unscored_only: true,
            ..Default::default()
        };
        let got = ids(&p1_unscored.apply(fw, &audit));
        assert_eq!(got.len(), 5);
        assert!(!got.contains(&"A1.01".to_string()) && !got.contains(&"A1.02".to_string()));

        // Stream filter accepts a stream id or a contributory id.
        let contributory = ActionFilter {
            stream: Some("goals_strategy".into()),
            ..Default::default()
        };
        let stream = ActionFilter {
            stream: Some("strategy_planning".into()),
            ..Default::default()
        };
        let sc = Scorecard::compute(fw, &audit);
        assert_eq!(
            contributory.apply(fw, &audit).len() as u32 * 3,
            sc.contributory("goals_strategy").max
        );
        assert_eq!(
            stream.apply(fw, &audit).len() as u32 * 3,
            sc.stream("strategy_planning").max
        );

        // Lagging: a total of 3 reaches only period 1, so nothing lags yet.
        let lag = ActionFilter {
            lagging_only: true,
            ..Default::default()
        };
        assert!(lag.apply(fw, &audit).is_empty());
        // Phase A otherwise complete (the total reaches period 3): A1.01 at 1
        // and A2.01 at 2 lag, in framework order; A1.02 N/A does not.
        score_periods(&mut audit, |p| (p <= 3).then_some(3));
        audit.set_score("A1.01", s(1));
        audit.set_not_applicable("A1.02", Some("x".into()));
        audit.set_score("A2.01", s(2));
        audit.set_score("A1.06", s(2));
        assert_eq!(ids(&lag.apply(fw, &audit)), vec!["A1.01", "A1.06", "A2.01"]);
        assert_eq!(ids(&lagging(fw, &audit)), vec!["A1.01", "A1.06", "A2.01"]);
        let a101 = fw.action("A1.01").unwrap();
        assert!(lag.matches(fw, &audit, a101));
        assert!(!lag.matches(fw, &audit, fw.action("B1.01").unwrap()));
        assert!(!lag.matches(fw, &audit, fw.action("A1.02").unwrap()));
        let stranger = Action {
            id: "Z9.99".into(),
            stream: "research".into(),
            text: String::new(),
        };
        assert!(!ActionFilter::default().matches(fw, &audit, &stranger));
        assert!(ActionFilter::default().matches(fw, &audit, a101));
    }
}
