//! What to do next: missing and lagging elements, and the next period.

use super::Audit;
use crate::domain::framework::{Action, Framework, POINTS_PER_ACTION};

/// Points that mean "substantial work done" on the audit scale.
pub const SUBSTANTIAL: u32 = 2;

/// The highest-numbered period holding an action with substantial work
/// (2 or more points): how far the programme reaches. `None` when no action
/// has reached 2.
pub fn furthest_substantial_period(fw: &Framework, audit: &Audit) -> Option<u8> {
    fw.periods()
        .filter(|p| p.actions.iter().any(|a| audit.points(&a.id) >= SUBSTANTIAL))
        .map(|p| p.number)
        .max()
}

/// Elements lagging behind: actions in periods before the furthest period
/// with substantial work that score below 2. Unscored and N/A actions count
/// 0, so they are included. Framework order (period, then action order).
pub fn lagging<'a>(fw: &'a Framework, audit: &Audit) -> Vec<&'a Action> {
    let Some(furthest) = furthest_substantial_period(fw, audit) else {
        return Vec::new();
    };
    fw.periods()
        .filter(|p| p.number < furthest)
        .flat_map(|p| p.actions.iter())
        .filter(|a| audit.points(&a.id) < SUBSTANTIAL)
        .collect()
}

/// Elements missing from the programme: actions explicitly scored 0 ("not
/// done"). Unscored actions are not assumed missing, they are merely not yet
/// assessed: see [`unscored`]. N/A actions were deliberately set aside, so
/// they are not listed either.
pub fn missing<'a>(fw: &'a Framework, audit: &Audit) -> Vec<&'a Action> {
    fw.actions()
        .filter(|a| audit.score(&a.id).is_some_and(|s| s.value() == 0))
        .collect()
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
    #[test]
    fn nothing_lags_without_substantial_work() {
        let fw = framework();
        let mut audit = Audit::default();
        audit.set_score("B1.01", s(1));
        assert_eq!(furthest_substantial_period(fw, &audit), None);
        assert!(lagging(fw, &audit).is_empty());
    }

    #[test]
    fn lagging_lists_weak_actions_before_the_furthest_substantial_period() {
        let fw = framework();
        let mut audit = Audit::default();
        // Period 1 all at 3 except A1.02 at 1 and A1.03 N/A; period 2 at 2
        // except its first action unscored; one action of period 4 at 2.
        score_periods(&mut audit, |p| match p {
            1 => Some(3),
            2 => Some(2),
            _ => None,
        });
        audit.set_score("A1.02", s(1));
        audit.set_not_applicable("A1.03", Some("Not yet".into()));
        let p2 = period_ids(2);
        audit.set_score(&p2[0], None);
        let p4 = period_ids(4);
        audit.set_score(&p4[5], s(2));
        // Period 5 has a 1: not substantial, so the furthest stays at 4.
        audit.set_score(&period_ids(5)[0], s(1));

        assert_eq!(furthest_substantial_period(fw, &audit), Some(4));
        let mut expected = vec!["A1.02".to_string(), "A1.03".to_string(), p2[0].clone()];
        expected.extend(period_ids(3));
        assert_eq!(ids(&lagging(fw, &audit)), expected);
    }

    #[test]
    fn missing_is_explicit_zero_and_unscored_is_separate() {
        let fw = framework();
        let mut audit = Audit::default();
        audit.set_score("A1.01", s(0));
        audit.set_score("C1.01", s(0));
        audit.set_score("A1.02", s(2));
        audit.set_not_applicable("A1.03", Some("later".into()));
        assert_eq!(ids(&missing(fw, &audit)), vec!["A1.01", "C1.01"]);
        let un = unscored(fw, &audit);
        assert_eq!(un.len(), 129 - 4);
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
