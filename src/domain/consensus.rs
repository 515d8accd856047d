//! Several assessors: KAM is cross-functional, so a consultant sends the same
//! scores link to several people and merges what comes back. Per action: the
//! mean, minimum, maximum and spread of the scores given; actions the
//! assessors disagree on (spread of 2 or more) first; a suggested agreed
//! score the consultant can accept or change.

use super::audit::Score;
use super::share::{ActionState, ScoresLink};

/// Assessors disagree on an action when their scores are this far apart.
pub const DISPUTED_SPREAD: u8 = 2;

/// How the suggested score is chosen, in the words shown on screen.
pub const SUGGESTION_RULE: &str =
    "Suggested: the median of the scores given, rounded down; N/A when most who answered marked it N/A.";

/// One assessor's scores.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessor {
    pub name: String,
    pub scores: ScoresLink,
}

/// What the assessors said about one action.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionConsensus {
    pub action_id: String,
    /// Each assessor's state, in the order the assessors were given.
    pub states: Vec<ActionState>,
    /// Over the scores given (N/A and unscored left out).
    pub mean: Option<f64>,
    pub min: Option<Score>,
    pub max: Option<Score>,
    pub spread: u8,
    pub disputed: bool,
    pub suggested: ActionState,
}

/// The median of `scores`, rounded down (the lower middle of an even count).
pub fn median_rounded_down(scores: &[Score]) -> Option<Score> {
    let mut sorted = scores.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let (a, b) = (sorted[(n - 1) / 2].value(), sorted[n / 2].value());
    // Rounded down: the mean of the two middle scores, floored.
    Score::new((a + b) / 2).ok()
}

fn one_action(action_id: &str, states: Vec<ActionState>) -> ActionConsensus {
    let scores: Vec<Score> = states
        .iter()
        .filter_map(|s| match s {
            ActionState::Scored(v) => Some(*v),
            _ => None,
        })
        .collect();
    let not_applicable = states
        .iter()
        .filter(|s| matches!(s, ActionState::NotApplicable))
        .count();
    let min = scores.iter().min().copied();
    let max = scores.iter().max().copied();
    let spread = match (min, max) {
        (Some(lo), Some(hi)) => hi.value() - lo.value(),
        _ => 0,
    };
    let mean = (!scores.is_empty())
        .then(|| scores.iter().map(|s| f64::from(s.value())).sum::<f64>() / scores.len() as f64);
    let suggested = if not_applicable > scores.len() {
        ActionState::NotApplicable
    } else {
        median_rounded_down(&scores).map_or(ActionState::Unscored, ActionState::Scored)
    };
    ActionConsensus {
        action_id: action_id.to_string(),
        states,
        mean,
        min,
        max,
        spread,
        disputed: spread >= DISPUTED_SPREAD,
        suggested,
    }
}

/// Every action the assessors' links cover, disputed actions first, each
/// group in checklist order.
pub fn consensus(assessors: &[Assessor]) -> Vec<ActionConsensus> {
    let Some(first) = assessors.first() else {
        return Vec::new();
    };
    let mut out: Vec<ActionConsensus> = first
        .scores
        .states
        .iter()
        .enumerate()
        .map(|(i, (id, _))| {
            let states = assessors
                .iter()
                .map(|a| {
                    a.scores
                        .states
                        .get(i)
                        .filter(|(other, _)| other == id)
                        .map_or(ActionState::Unscored, |(_, s)| *s)
                })
                .collect();
            one_action(id, states)
        })
        .collect();
    // Stable: checklist order kept within each group.
    out.sort_by_key(|c| !c.disputed);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::framework;

    fn s(v: u8) -> Score {
        Score::new(v).unwrap()
    }

    fn assessor(name: &str, set: &[(&str, ActionState)]) -> Assessor {
        let fw = framework();
        let mut audit = crate::domain::Audit::default();
        for (id, state) in set {
            match state {
                ActionState::Scored(v) => audit.set_score(id, Some(*v)),
                ActionState::NotApplicable => audit.set_not_applicable(id, Some(String::new())),
                ActionState::Unscored => {}
            }
        }
        let litmus = crate::domain::litmus::LitmusAnswers::default();
        Assessor {
            name: name.into(),
            scores: ScoresLink::capture(fw, &audit, &litmus),
        }
    }

    #[test]
    fn medians_round_down() {
        assert_eq!(median_rounded_down(&[]), None);
        assert_eq!(median_rounded_down(&[s(2)]), Some(s(2)));
        assert_eq!(median_rounded_down(&[s(1), s(2)]), Some(s(1)));
        assert_eq!(median_rounded_down(&[s(3), s(0), s(2)]), Some(s(2)));
        assert_eq!(median_rounded_down(&[s(0), s(3), s(3), s(1)]), Some(s(2)));
    }

    #[test]
    fn three_assessors_one_disputed_action_first() {
        use ActionState::*;
        let a = assessor("Dana", &[("A1.01", Scored(s(1))), ("B1.02", Scored(s(3)))]);
        let b = assessor("Lee", &[("A1.01", Scored(s(2))), ("B1.02", Scored(s(1)))]);
        let c = assessor("Sam", &[("A1.01", Scored(s(2))), ("B1.02", NotApplicable)]);
        let merged = consensus(&[a, b, c]);
        assert_eq!(merged.len(), framework().action_count);
        let first = &merged[0];
        assert_eq!(first.action_id, "B1.02");
        assert!(first.disputed);
        assert_eq!(
            (first.min, first.max, first.spread),
            (Some(s(1)), Some(s(3)), 2)
        );
        assert_eq!(first.mean, Some(2.0));
        assert_eq!(first.suggested, Scored(s(2)));
        assert_eq!(first.states, [Scored(s(3)), Scored(s(1)), NotApplicable]);
        // Everything else is in checklist order; A1.01 agrees closely.
        assert!(!merged[1..].iter().any(|c| c.disputed));
        let a101 = merged.iter().find(|c| c.action_id == "A1.01").unwrap();
        assert_eq!(a101.spread, 1);
        assert_eq!(a101.suggested, Scored(s(2)));
        assert_eq!(merged[1].action_id, "A1.01");
        let untouched = merged.iter().find(|c| c.action_id == "D3.02").unwrap();
        assert_eq!((untouched.mean, untouched.suggested), (None, Unscored));
    }

    #[test]
    fn mostly_not_applicable_suggests_not_applicable() {
        use ActionState::*;
        let a = assessor("Dana", &[("C2.01", NotApplicable)]);
        let b = assessor("Lee", &[("C2.01", NotApplicable)]);
        let c = assessor("Sam", &[("C2.01", Scored(s(1)))]);
        let merged = consensus(&[a, b, c]);
        let c201 = merged.iter().find(|c| c.action_id == "C2.01").unwrap();
        assert_eq!(c201.suggested, NotApplicable);
        assert_eq!(c201.spread, 0);
        assert_eq!(consensus(&[]), []);
    }
}
