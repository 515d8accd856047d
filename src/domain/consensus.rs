//! Several assessors: KAM is cross-functional, so a consultant sends the same
//! scores link to several people and merges what comes back. Per action: the
//! mean, minimum, maximum and spread of the scores given; actions the
//! assessors disagree on (spread of 2 or more) first; a suggested agreed
//! score the consultant can accept or change.

use super::audit::{Audit, Score};
use super::share::{ActionState, ScoresLink};
use crate::domain::order;
use std::collections::BTreeMap;

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
    order::sort(&mut sorted);
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
    order::sort_by_key(&mut out, |c| !c.disputed);
    out
}

/// The states a consultant can agree on, in the order offered.
pub const CHOICES: [ActionState; 6] = [
    ActionState::Unscored,
    ActionState::NotApplicable,
    ActionState::Scored(Score::ALL[0]),
    ActionState::Scored(Score::ALL[1]),
    ActionState::Scored(Score::ALL[2]),
    ActionState::Scored(Score::ALL[3]),
];

/// A state in a table cell: the score, "N/A", or "–" when not scored.
pub fn state_label(state: ActionState) -> String {
    match state {
        ActionState::Unscored => "–".to_string(),
        ActionState::Scored(s) => s.value().to_string(),
        ActionState::NotApplicable => "N/A".to_string(),
    }
}

/// A state as a choice in a list: "Unscored", "N/A", "0"…"3".
pub fn choice_label(state: ActionState) -> String {
    match state {
        ActionState::Unscored => "Unscored".to_string(),
        other => state_label(other),
    }
}

/// A state as a form value, read back by [`parse_choice`].
pub fn choice_value(state: ActionState) -> &'static str {
    match state {
        ActionState::Unscored => "unscored",
        ActionState::NotApplicable => "na",
        ActionState::Scored(s) => ["0", "1", "2", "3"][usize::from(s.value().min(Score::MAX))],
    }
}

/// The state a form value names; `None` for anything else.
pub fn parse_choice(value: &str) -> Option<ActionState> {
    CHOICES.into_iter().find(|c| choice_value(*c) == value)
}

/// The consultant's choices, by action id, where they differ from the suggestion.
pub type Choices = BTreeMap<String, ActionState>;

impl ActionConsensus {
    /// The agreed state: the consultant's choice, else the suggestion.
    pub fn agreed(&self, choices: &Choices) -> ActionState {
        choices
            .get(&self.action_id)
            .copied()
            .unwrap_or(self.suggested)
    }
}

/// How many of the merged actions are disputed.
pub fn disputed_count(merged: &[ActionConsensus]) -> usize {
    merged.iter().filter(|c| c.disputed).count()
}

/// The N/A reason recorded when the agreed state is N/A and the audit had
/// none: where it came from and who marked it so.
pub fn agreed_not_applicable_reason(marked_by: &[&str]) -> String {
    if marked_by.is_empty() {
        "Agreed when merging the assessors' scores".to_string()
    } else {
        format!(
            "Agreed when merging the assessors' scores; marked N/A by {}",
            marked_by.join(", ")
        )
    }
}

/// How many actions the assessors dispute, in the words shown above the table.
pub fn disputed_summary(merged: &[ActionConsensus]) -> String {
    match disputed_count(merged) {
        0 => format!(
            "No action is disputed: on every action the scores given are less than {DISPUTED_SPREAD} apart."
        ),
        n => format!(
            "{n} of {} actions disputed (scores {DISPUTED_SPREAD} or more apart), listed first.",
            merged.len()
        ),
    }
}

/// What the screen says after the agreed scores were applied.
pub fn applied_message(changed: usize) -> String {
    match changed {
        0 => "The audit already has the agreed scores: nothing changed.".to_string(),
        1 => {
            "The agreed scores are now the audit: 1 action changed. Undo takes it back.".to_string()
        }
        n => {
            format!("The agreed scores are now the audit: {n} actions changed. Undo takes it back.")
        }
    }
}

/// Makes the agreed states the audit's scores and N/A marks; returns how
/// many actions changed. Notes and plans stay. An action already N/A keeps
/// its reason (a person wrote it); a new N/A mark gets
/// [`agreed_not_applicable_reason`], so the audit says where it came from.
/// `assessors` are those `merged` was made from, in the same order.
pub fn apply_agreed(
    audit: &mut Audit,
    assessors: &[Assessor],
    merged: &[ActionConsensus],
    choices: &Choices,
) -> usize {
    let mut changed = 0;
    for c in merged {
        let id = c.action_id.as_str();
        let before = ActionState::of(audit, id);
        let agreed = c.agreed(choices);
        if before == agreed {
            continue;
        }
        changed += 1;
        match agreed {
            ActionState::Unscored => audit.edit(id, |e| {
                e.score = None;
                e.not_applicable = None;
            }),
            ActionState::Scored(s) => audit.set_score(id, Some(s)),
            ActionState::NotApplicable => {
                let marked_by: Vec<&str> = assessors
                    .iter()
                    .zip(&c.states)
                    .filter(|(_, s)| **s == ActionState::NotApplicable)
                    .map(|(a, _)| a.name.as_str())
                    .collect();
                audit.set_not_applicable(id, Some(agreed_not_applicable_reason(&marked_by)));
            }
        }
    }
    changed
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

    #[test]
    fn the_message_counts_the_changed_actions() {
        assert_eq!(
            applied_message(0),
            "The audit already has the agreed scores: nothing changed."
        );
        assert!(applied_message(1).contains(": 1 action changed."));
        assert!(applied_message(12).contains(": 12 actions changed."));
        assert_eq!(
            disputed_summary(&[]),
            "No action is disputed: on every action the scores given are less than 2 apart."
        );
    }

    #[test]
    fn choices_round_trip_and_read_as_on_screen() {
        for c in CHOICES {
            assert_eq!(parse_choice(choice_value(c)), Some(c));
        }
        assert_eq!(parse_choice("4"), None);
        assert_eq!(parse_choice(""), None);
        let labels: Vec<String> = CHOICES.into_iter().map(choice_label).collect();
        assert_eq!(labels, ["Unscored", "N/A", "0", "1", "2", "3"]);
        assert_eq!(state_label(ActionState::Unscored), "–");
        assert_eq!(state_label(ActionState::Scored(s(3))), "3");
    }

    #[test]
    fn the_agreed_scores_become_the_audit_keeping_notes_plans_and_reasons() {
        use ActionState::*;
        let a = assessor(
            "Dana",
            &[
                ("A1.01", Scored(s(1))),
                ("B1.02", Scored(s(3))),
                ("C2.01", NotApplicable),
            ],
        );
        let b = assessor(
            "Lee",
            &[
                ("A1.01", Scored(s(2))),
                ("B1.02", Scored(s(1))),
                ("C2.01", NotApplicable),
            ],
        );
        let c = assessor("Sam", &[("A1.01", Scored(s(2))), ("D1.01", NotApplicable)]);
        let assessors = [a, b, c];
        let merged = consensus(&assessors);
        assert_eq!(disputed_count(&merged), 1);
        assert_eq!(
            disputed_summary(&merged),
            "1 of 129 actions disputed (scores 2 or more apart), listed first."
        );

        let mut audit = Audit::default();
        audit.edit("A1.01", |e| e.note = "Board agreed".into());
        audit.set_score("A2.01", Some(s(3)));
        audit.set_not_applicable("D1.01", Some("No overseas arm".into()));
        // The consultant agrees 1 on the disputed action, the rest as suggested.
        let mut choices = Choices::new();
        choices.insert("B1.02".into(), Scored(s(1)));
        assert_eq!(merged[0].agreed(&choices), Scored(s(1)));

        let changed = apply_agreed(&mut audit, &assessors, &merged, &choices);
        // A1.01 → 2, B1.02 → 1, C2.01 → N/A, A2.01 cleared (nobody scored it).
        // D1.01 stays N/A: 1 N/A against 0 scores, with its own reason.
        assert_eq!(changed, 4);
        assert_eq!(audit.score("A1.01"), Some(s(2)));
        assert_eq!(audit.entry("A1.01").unwrap().note, "Board agreed");
        assert_eq!(audit.score("B1.02"), Some(s(1)));
        assert_eq!(audit.score("A2.01"), None);
        assert_eq!(
            audit.entry("C2.01").unwrap().not_applicable.as_deref(),
            Some("Agreed when merging the assessors' scores; marked N/A by Dana, Lee")
        );
        assert_eq!(
            audit.entry("D1.01").unwrap().not_applicable.as_deref(),
            Some("No overseas arm")
        );
        assert_eq!(audit.scored_count(), 2);
        // Applied again, nothing changes.
        assert_eq!(apply_agreed(&mut audit, &assessors, &merged, &choices), 0);
        // N/A chosen where nobody marked it.
        choices.insert("A1.01".into(), NotApplicable);
        assert_eq!(apply_agreed(&mut audit, &assessors, &merged, &choices), 1);
        let a101 = audit.entry("A1.01").unwrap();
        assert_eq!(
            a101.not_applicable.as_deref(),
            Some("Agreed when merging the assessors' scores")
        );
        assert_eq!((a101.score, a101.note.as_str()), (None, "Board agreed"));
    }
}
