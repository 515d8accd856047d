//! What to do next (section 3.3): the audit should let companies "identify
//! elements missing in their programmes, which should be included" and
//! "individual elements that are lagging behind and need to be implemented".
//! Both are read against the programme's position on Figure 4, which the
//! source reads as earlier work "compensating" for "incomplete or missing
//! elements in earlier periods": the elements behind that position are the
//! ones the total hides.
//!
//! - The programme has reached the period its overall total falls in on
//!   Figure 4 (none while the total is 0), so one early 2 or 3 in a late
//!   period moves it by a few points, not to that period.
//! - Missing: an action of the reached period or earlier that is unscored or
//!   scored 0 (not in place at all).
//! - Lagging: an action of a period before the reached one that is started
//!   but not complete as described (1 or 2).
//! - "Not applicable now" actions are in neither list: they were set aside
//!   on purpose, with a reason.
//!
//! Both lists run earliest period first, so the first [`TO_ACT_ON`] are the
//! ones to act on; lagging actions furthest behind (1 before 2) come first
//! within a period.

use super::{position, Audit, Score};
use crate::domain::framework::{Action, Framework, POINTS_PER_ACTION};
use crate::domain::order;

/// How many of each list the screen puts first, as the ones to act on.
pub const TO_ACT_ON: usize = 10;

/// Why an action is listed in "what to do next".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// Not in place at all, in a period the programme has reached.
    Missing,
    /// Started but not complete, in a period behind the programme's position.
    Lagging,
}

/// The period the overall total reaches on Figure 4; `None` while it is 0.
pub fn reached_period(fw: &Framework, audit: &Audit) -> Option<u8> {
    let total: u32 = fw.actions().map(|a| audit.points(&a.id)).sum();
    let period = position(fw, total).period;
    (total > 0 && period > 0).then_some(period)
}

/// The one rule: the gap an action of `period` shows once the programme has
/// reached `reached`, if any.
pub fn gap(reached: Option<u8>, period: u8, audit: &Audit, action_id: &str) -> Option<Gap> {
    let reached = reached?;
    if period > reached || audit.is_not_applicable(action_id) {
        return None;
    }
    match audit.score(action_id).map(Score::value) {
        None | Some(0) => Some(Gap::Missing),
        Some(v) if period < reached && u32::from(v) < POINTS_PER_ACTION => Some(Gap::Lagging),
        Some(_) => None,
    }
}

/// Missing and lagging actions of one audit, ranked, with the position they
/// are read against.
#[derive(Debug, Clone, PartialEq)]
pub struct NextSteps<'a> {
    /// See [`reached_period`].
    pub reached: Option<u8>,
    /// Earliest period first, then framework order.
    pub missing: Vec<&'a Action>,
    /// Earliest period first, then lowest score, then framework order.
    pub lagging: Vec<&'a Action>,
}

impl<'a> NextSteps<'a> {
    pub fn read(fw: &'a Framework, audit: &Audit) -> Self {
        let reached = reached_period(fw, audit);
        let mut missing = Vec::new();
        let mut lagging = Vec::new();
        for period in fw.periods() {
            let mut behind: Vec<&Action> = Vec::new();
            for action in &period.actions {
                match gap(reached, period.number, audit, &action.id) {
                    Some(Gap::Missing) => missing.push(action),
                    Some(Gap::Lagging) => behind.push(action),
                    None => {}
                }
            }
            // Stable, so equal scores keep framework order.
            order::sort_by_key(&mut behind, |a| audit.points(&a.id));
            lagging.extend(behind);
        }
        NextSteps {
            reached,
            missing,
            lagging,
        }
    }

    /// Where the lists are read from, in words.
    pub fn position_text(&self, fw: &Framework) -> String {
        match self.reached.and_then(|n| fw.period(n)) {
            Some(p) => format!(
                "Your overall total reaches period {}, {}, on Figure 4: the lists are read against it.",
                p.number, p.name
            ),
            None => "Nothing scores above 0 yet, so the programme has not reached a period: \
                     nothing can be missing or lagging."
                .to_string(),
        }
    }

    /// How "missing" is defined, with the source's words.
    pub fn missing_rule(&self) -> String {
        let scope = match self.reached {
            Some(n) => format!("period {n} or earlier"),
            None => "a period the programme has reached".to_string(),
        };
        format!(
            "Elements missing from the programme, which the source says \"should be included\": \
             actions of {scope} that are unscored or scored 0 (not done). N/A actions are left \
             out. Earliest period first: the first {TO_ACT_ON} are the ones to act on."
        )
    }

    /// How "lagging" is defined, with the source's words.
    pub fn lagging_rule(&self) -> String {
        let scope = match self.reached {
            Some(n) => format!("periods before period {n}"),
            None => "periods behind the programme's position".to_string(),
        };
        format!(
            "Individual elements lagging behind, which the source says \"need to be \
             implemented\": actions of {scope} that are started but not complete (scored 1 or \
             2). N/A actions are left out. Earliest period first, lowest score first within a \
             period: the first {TO_ACT_ON} are the ones to act on."
        )
    }
}

/// Lagging actions, ranked: see [`NextSteps`].
pub fn lagging<'a>(fw: &'a Framework, audit: &Audit) -> Vec<&'a Action> {
    NextSteps::read(fw, audit).lagging
}

/// Missing actions, ranked: see [`NextSteps`].
pub fn missing<'a>(fw: &'a Framework, audit: &Audit) -> Vec<&'a Action> {
    NextSteps::read(fw, audit).missing
}

/// Actions not yet assessed: neither scored nor marked N/A.
pub fn unscored<'a>(fw: &'a Framework, audit: &Audit) -> Vec<&'a Action> {
    fw.actions().filter(|a| !audit.is_assessed(&a.id)).collect()
}

/// The earliest incomplete period (score below its maximum) and its actions
/// not yet at 3, in action order. `None` when every period is complete.
pub fn next_period<'a>(fw: &'a Framework, audit: &Audit) -> Option<(u8, Vec<&'a Action>)> {
    fw.periods().find_map(|p| {
        let open: Vec<&Action> = p
            .actions
            .iter()
            .filter(|a| audit.points(&a.id) < POINTS_PER_ACTION)
            .collect();
        (!open.is_empty()).then_some((p.number, open))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::tests::{ids, period_ids, s, score_periods};
    use crate::domain::framework::framework;

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn nothing_is_missing_or_lagging_before_anything_scores() {
        let fw = framework();
        let mut audit = Audit::default();
        let next = NextSteps::read(fw, &audit);
        assert_eq!(
            (next.reached, next.missing.len(), next.lagging.len()),
            (None, 0, 0)
        );
        score_periods(&mut audit, |_| Some(0));
        let next = NextSteps::read(fw, &audit);
        assert_eq!(
            (next.reached, next.missing.len(), next.lagging.len()),
            (None, 0, 0)
        );
        assert!(next
            .position_text(fw)
            .starts_with("Nothing scores above 0 yet"));
    }

    #[test]
    fn one_late_action_at_2_lags_nothing() {
        // Only a period 10 action at 2: the total of 2 reaches period 1, so
        // period 1's actions are missing and nothing lags (not 63 actions).
        let fw = framework();
        let mut audit = Audit::default();
        audit.set_score(&period_ids(10)[0], s(2));
        let next = NextSteps::read(fw, &audit);
        assert_eq!(next.reached, Some(1));
        assert!(next.lagging.is_empty());
        assert_eq!(ids(&next.missing), period_ids(1));

        // The same late 2 on a phase A complete but for A1.02 at 1: 76 + 2
        // reaches the end of period 3; only A1.02 lags, nothing is missing.
        score_periods(&mut audit, |p| (p <= 3).then_some(3));
        audit.set_score("A1.02", s(1));
        let next = NextSteps::read(fw, &audit);
        assert_eq!(next.reached, Some(3));
        assert_eq!(ids(&next.lagging), strings(&["A1.02"]));
        assert!(next.missing.is_empty());
    }

    #[test]
    fn a_hand_built_programme_in_period_4() {
        let fw = framework();
        let mut audit = Audit::default();
        // Periods 1-3 at 3 (78), less: A1.02 at 1 (-2), A1.03 N/A (-3), the
        // first action of period 2 unscored (-3), its second at 0 (-3), the
        // first of period 3 at 2 (-1) = 66; six period 4 actions at 3 = 84;
        // one period 5 action at 1 = 85, which Figure 4 places in period 4.
        score_periods(&mut audit, |p| (p <= 3).then_some(3));
        audit.set_score("A1.02", s(1));
        audit.set_not_applicable("A1.03", Some("No driver yet".into()));
        let (p2, p3, p4, p5) = (period_ids(2), period_ids(3), period_ids(4), period_ids(5));
        audit.set_score(&p2[0], None);
        audit.set_score(&p2[1], s(0));
        audit.set_score(&p3[0], s(2));
        for id in &p4[..6] {
            audit.set_score(id, s(3));
        }
        audit.set_score(&p5[0], s(1));

        let next = NextSteps::read(fw, &audit);
        assert_eq!(next.reached, Some(4));
        let mut missing = vec![p2[0].clone(), p2[1].clone()];
        missing.extend(p4[6..].iter().cloned());
        assert_eq!(ids(&next.missing), missing);
        assert_eq!(ids(&next.lagging), vec!["A1.02".to_string(), p3[0].clone()]);
        // N/A is in neither list; nothing past the reached period is listed.
        assert_eq!(gap(next.reached, 1, &audit, "A1.03"), None);
        assert_eq!(gap(next.reached, 5, &audit, &p5[0]), None);
        assert_eq!(gap(next.reached, 5, &audit, &p5[1]), None);
        assert_eq!(gap(next.reached, 2, &audit, &p2[1]), Some(Gap::Missing));
        assert_eq!(gap(next.reached, 3, &audit, &p3[0]), Some(Gap::Lagging));
        assert_eq!(gap(next.reached, 4, &audit, &p4[6]), Some(Gap::Missing));
        // A 1 in the reached period itself is work in progress, not lagging.
        audit.set_score(&p4[6], s(1));
        assert_eq!(gap(Some(4), 4, &audit, &p4[6]), None);
    }

    #[test]
    fn lagging_ranks_earliest_period_then_lowest_score() {
        let fw = framework();
        let mut audit = Audit::default();
        score_periods(&mut audit, |p| (p <= 4).then_some(3));
        let p2 = period_ids(2);
        audit.set_score("A1.01", s(2));
        audit.set_score("A1.05", s(1));
        audit.set_score(&p2[0], s(2));
        audit.set_score(&p2[3], s(1));
        let next = NextSteps::read(fw, &audit);
        assert_eq!(next.reached, Some(4)); // 117 - 6 = 111
        assert_eq!(
            ids(&next.lagging),
            vec![
                "A1.05".to_string(),
                "A1.01".to_string(),
                p2[3].clone(),
                p2[0].clone()
            ]
        );
        assert!(next.missing.is_empty());
    }

    #[test]
    fn later_work_compensating_leaves_early_gaps_first_in_line() {
        // Periods 5-12 complete (270) reach period 9; periods 1-4 were never
        // scored, so their 39 actions are missing, period 1's first.
        let fw = framework();
        let mut audit = Audit::default();
        score_periods(&mut audit, |p| (p >= 5).then_some(3));
        let next = NextSteps::read(fw, &audit);
        assert_eq!(next.reached, Some(9));
        assert_eq!(next.missing.len(), 7 + 11 + 8 + 13);
        let mut first = period_ids(1);
        first.extend(period_ids(2).into_iter().take(TO_ACT_ON - 7));
        assert_eq!(ids(&next.missing[..TO_ACT_ON]), first);
        assert!(next.lagging.is_empty());
    }

    #[test]
    fn definitions_are_given_in_words() {
        let fw = framework();
        let mut audit = Audit::default();
        score_periods(&mut audit, |p| (p <= 3).then_some(3));
        audit.set_score(&period_ids(4)[0], s(2));
        let next = NextSteps::read(fw, &audit);
        assert_eq!(
            next.position_text(fw),
            "Your overall total reaches period 4, Capability building, on Figure 4: the lists are read against it."
        );
        let missing = next.missing_rule();
        assert!(missing.contains("\"should be included\""), "{missing}");
        assert!(missing.contains("actions of period 4 or earlier that are unscored or scored 0"));
        assert!(missing.contains("N/A actions are left out"));
        let lagging = next.lagging_rule();
        assert!(lagging.contains("\"need to be implemented\""), "{lagging}");
        assert!(lagging.contains("periods before period 4"));
        assert!(lagging.contains("scored 1 or 2"));
        let nothing = NextSteps::read(fw, &Audit::default());
        assert!(nothing
            .missing_rule()
            .contains("a period the programme has reached"));
    }

    #[test]
    fn unscored_leaves_out_assessed_actions() {
        let fw = framework();
        let mut audit = Audit::default();
        audit.set_score("A1.01", s(0));
        audit.set_score("A1.02", s(2));
        audit.set_not_applicable("A1.03", Some("later".into()));
        let un = unscored(fw, &audit);
        assert_eq!(un.len(), 129 - 3);
        assert!(!ids(&un).contains(&"A1.03".to_string()));
    }

    #[test]
    fn next_period_is_the_earliest_incomplete_one() {
        let fw = framework();
        let mut audit = Audit::default();
        let (n, open) = next_period(fw, &Audit::default()).unwrap();
        assert_eq!((n, open.len()), (1, 7));

        score_periods(&mut audit, |p| (p <= 2).then_some(3));
        audit.set_score("A2.03", s(2));
        audit.set_not_applicable("A2.05", Some("n/a".into()));
        let (n, open) = next_period(fw, &audit).unwrap();
        assert_eq!(n, 2);
        assert_eq!(ids(&open), vec!["A2.03", "A2.05"]);

        score_periods(&mut audit, |_| Some(3));
        assert_eq!(next_period(fw, &audit), None);
    }
}
