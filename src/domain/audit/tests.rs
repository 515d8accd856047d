//! Tests of the audit aggregate and its scorecard, the helpers the concept
//! modules' tests share, and properties that tie the concepts together.

use super::*;
use crate::domain::framework::{framework, Action};

pub(super) fn s(v: u8) -> Option<Score> {
    Some(Score::new(v).unwrap())
}

pub(super) fn score_periods(audit: &mut Audit, pred: impl Fn(u8) -> Option<u8>) {
    for p in framework().periods() {
        for a in &p.actions {
            if let Some(v) = pred(p.number) {
                audit.set_score(&a.id, s(v));
            }
        }
    }
}

pub(super) fn ids(actions: &[&Action]) -> Vec<String> {
    actions.iter().map(|a| a.id.clone()).collect()
}

pub(super) fn period_ids(n: u8) -> Vec<String> {
    framework()
        .period(n)
        .unwrap()
        .actions
        .iter()
        .map(|a| a.id.clone())
        .collect()
}

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
    let err = serde_json::from_str::<Score>("4").unwrap_err();
    assert!(
        err.to_string()
            .contains("a score must be 0, 1, 2 or 3, not 4"),
        "{err}"
    );
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

#[cfg(not(target_arch = "wasm32"))]
mod consistency {
    use super::*;
    use proptest::prelude::*;

    fn audit_from(scores: &[Option<u8>], targets: &[Option<u8>]) -> Audit {
        let fw = framework();
        let mut audit = Audit::default();
        for ((a, sc), t) in fw.actions().zip(scores).zip(targets) {
            match sc {
                Some(4) => audit.set_not_applicable(&a.id, Some("n/a".into())),
                Some(v) => audit.set_score(&a.id, Some(Score::new(*v).unwrap())),
                None => {}
            }
            if let Some(t) = t {
                audit.edit(&a.id, |e| e.plan.target = Some(Score::new(*t).unwrap()));
            }
        }
        audit
    }

    fn groupings() -> Vec<Grouping> {
        let fw = framework();
        let mut g = vec![Grouping::Overall];
        g.extend(fw.phases.iter().map(|p| Grouping::Phase(p.id.clone())));
        g.extend(fw.periods().map(|p| Grouping::Period(p.number)));
        for s in &fw.streams {
            g.push(Grouping::Stream(s.id.clone()));
            g.extend(
                s.contributory
                    .iter()
                    .map(|c| Grouping::Contributory(c.id.clone())),
            );
        }
        g
    }

    proptest! {
        #[test]
        fn actions_behind_sum_to_the_scorecard(
            scores in proptest::collection::vec(proptest::option::of(0u8..=4), 129),
            targets in proptest::collection::vec(proptest::option::of(0u8..=3), 129),
        ) {
            let fw = framework();
            let audit = audit_from(&scores, &targets);
            let sc = Scorecard::compute(fw, &audit);
            for g in groupings() {
                let behind = actions_behind(fw, &audit, &g);
                let t = g.total(&sc);
                prop_assert_eq!(behind.iter().map(|x| x.1).sum::<u32>(), t.score, "{:?}", g);
                prop_assert_eq!(behind.iter().map(|x| x.2).sum::<u32>(), t.max, "{:?}", g);
            }
            // Heatmap cells add up to the contributory totals.
            for row in heatmap(fw, &audit) {
                let sum = row.cells.iter().flatten().map(|t| t.score).sum::<u32>();
                prop_assert_eq!(sum, sc.contributory(&row.contributory_id).score);
            }
            // Targets never fall below current.
            let target = target_scorecard(fw, &audit);
            prop_assert!(target.overall.score >= sc.overall.score);
            for (t, c) in target.contributory.iter().zip(&sc.contributory) {
                prop_assert!(t.1.score >= c.1.score);
            }
            // Missing and lagging follow their definitions, leave N/A out,
            // list every action that fits once, and run earliest period first.
            let next = NextSteps::read(fw, &audit);
            let period = |a: &Action| fw.period_of_action(&a.id).map_or(0, |p| p.number);
            let reached = next.reached.unwrap_or(0);
            for a in &next.missing {
                prop_assert!(!audit.is_not_applicable(&a.id));
                prop_assert!(audit.score(&a.id).is_none_or(|s| s.value() == 0));
                prop_assert!(period(a) <= reached);
            }
            for a in &next.lagging {
                prop_assert!(!audit.is_not_applicable(&a.id));
                prop_assert!(matches!(audit.score(&a.id).map(Score::value), Some(1 | 2)));
                prop_assert!(period(a) < reached);
            }
            let fits = fw
                .periods()
                .flat_map(|p| p.actions.iter().map(move |a| (p.number, a)))
                .filter(|(n, a)| gap(next.reached, *n, &audit, &a.id).is_some())
                .count();
            prop_assert_eq!(next.missing.len() + next.lagging.len(), fits);
            prop_assert!(next.missing.windows(2).all(|w| period(w[0]) <= period(w[1])));
            prop_assert!(next.lagging.windows(2).all(|w| period(w[0]) <= period(w[1])));
            let filtered = ActionFilter { lagging_only: true, ..Default::default() }.apply(fw, &audit);
            prop_assert_eq!(filtered.len(), next.lagging.len());
        }
    }
}
