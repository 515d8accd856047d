//! Reading the action audit the way the source asks (section 3.3): place the
//! overall score on Figure 4, find missing and lagging elements, plan the
//! next actions, and explain every total by the actions behind it.
//!
//! Conventions used throughout:
//! - An action's points come from [`Audit::points`]: unscored and "not
//!   applicable now" both count 0, because the source warns that taking
//!   elements out misrepresents the position.
//! - "Substantial work" means 2 or more points (scale: 2 = substantial work
//!   done, not complete as described).

use super::audit::{Audit, PlanStatus, Score, Scorecard, Total};
use super::framework::{Action, Framework, Period, Phase, POINTS_PER_ACTION};
use serde::{Deserialize, Serialize};

/// Points that mean "substantial work done" on the audit scale.
pub const SUBSTANTIAL: u32 = 2;

// ---------------------------------------------------------------------------
// Figure 4: where the overall total places the programme
// ---------------------------------------------------------------------------

/// Where an overall audit total falls on Figure 4.
#[derive(Debug, Clone, PartialEq)]
pub struct Position {
    /// Period number, 1..=12 (0 only for a framework without periods).
    pub period: u8,
    /// How far through that period, 0..=1.
    pub fraction: f64,
    pub phase_id: String,
    pub phase_name: String,
    pub period_name: String,
    /// Periods completed, as a real number: 3.667 is two-thirds through period 4.
    pub cumulative_periods: f64,
}

/// Cumulative period maxima in framework order (21, 54, 78, … 387), taken
/// from the framework rather than hard-coded so a corrected transcription
/// moves the chart with it.
pub fn cumulative_maxima(fw: &Framework) -> Vec<u32> {
    fw.periods()
        .scan(0u32, |sum, p| {
            *sum += p.max_score;
            Some(*sum)
        })
        .collect()
}

/// Places a total on Figure 4. The period is the first one whose cumulative
/// maximum reaches the total, so a total exactly equal to a cumulative
/// maximum is the *end* of that period (78 → end of period 3), and one point
/// more starts the next (79 → period 4, 1/39). Totals above the maximum are
/// clamped to the end of the last period.
pub fn position(fw: &Framework, total: u32) -> Position {
    let mut before = 0u32;
    let mut last: Option<(usize, &Phase, &Period, u32)> = None;
    for (index, (phase, period)) in fw
        .phases
        .iter()
        .flat_map(|ph| ph.periods.iter().map(move |p| (ph, p)))
        .enumerate()
    {
        let through = before + period.max_score;
        if total <= through {
            let fraction = if period.max_score == 0 {
                1.0
            } else {
                (total - before) as f64 / period.max_score as f64
            };
            return make_position(index, phase, period, fraction);
        }
        last = Some((index, phase, period, through));
        before = through;
    }
    match last {
        // Above the maximum: clamp to the end of the last period.
        Some((index, phase, period, _)) => make_position(index, phase, period, 1.0),
        None => Position {
            period: 0,
            fraction: 0.0,
            phase_id: String::new(),
            phase_name: String::new(),
            period_name: String::new(),
            cumulative_periods: 0.0,
        },
    }
}

fn make_position(index: usize, phase: &Phase, period: &Period, fraction: f64) -> Position {
    Position {
        period: period.number,
        fraction,
        phase_id: phase.id.clone(),
        phase_name: phase.name.clone(),
        period_name: period.name.clone(),
        cumulative_periods: index as f64 + fraction,
    }
}

/// The Figure 4 reading in words, with the phase name in brackets:
/// "Your total of 104 corresponds to period 4, Capability building, in phase
/// B (Introducing KAM)."
pub fn position_sentence(pos: &Position, total: u32) -> String {
    format!(
        "Your total of {total} corresponds to period {}, {}, in phase {} ({}).",
        pos.period, pos.period_name, pos.phase_id, pos.phase_name
    )
}

// ---------------------------------------------------------------------------
// What to do next: missing, lagging, next period
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Explain a total
// ---------------------------------------------------------------------------

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
fn placed_actions(fw: &Framework) -> impl Iterator<Item = (&Phase, &Period, &Action)> {
    fw.phases.iter().flat_map(|ph| {
        ph.periods
            .iter()
            .flat_map(move |p| p.actions.iter().map(move |a| (ph, p, a)))
    })
}

// ---------------------------------------------------------------------------
// Filters
// ---------------------------------------------------------------------------

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
    /// Only actions that [`lagging`] lists.
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
        let furthest = furthest_substantial_period(fw, audit);
        placed_actions(fw)
            .find(|(_, _, a)| a.id == action.id)
            .is_some_and(|(ph, p, a)| self.matches_placed(fw, audit, furthest, ph, p, a))
    }

    /// The actions that pass, in framework order.
    pub fn apply<'a>(&self, fw: &'a Framework, audit: &Audit) -> Vec<&'a Action> {
        let furthest = furthest_substantial_period(fw, audit);
        placed_actions(fw)
            .filter(|(ph, p, a)| self.matches_placed(fw, audit, furthest, ph, p, a))
            .map(|(_, _, a)| a)
            .collect()
    }

    fn matches_placed(
        &self,
        fw: &Framework,
        audit: &Audit,
        furthest: Option<u8>,
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
        if self.lagging_only {
            let is_lagging = furthest.is_some_and(|f| period.number < f)
                && audit.points(&action.id) < SUBSTANTIAL;
            if !is_lagging {
                return false;
            }
        }
        true
    }
}

// ---------------------------------------------------------------------------
// Streams heatmap
// ---------------------------------------------------------------------------

/// One contributory stream across the 12 periods.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatRow {
    pub contributory_id: String,
    pub name: String,
    pub stream_id: String,
    /// One cell per period in framework order; `None` where the source has
    /// no action for this contributory stream in that period.
    pub cells: Vec<Option<Total>>,
}

/// Contributory stream × period totals, rows in framework stream order.
pub fn heatmap(fw: &Framework, audit: &Audit) -> Vec<HeatRow> {
    fw.streams
        .iter()
        .flat_map(|s| s.contributory.iter().map(move |c| (s, c)))
        .map(|(s, c)| HeatRow {
            contributory_id: c.id.clone(),
            name: c.name.clone(),
            stream_id: s.id.clone(),
            cells: fw
                .periods()
                .map(|p| {
                    p.actions.iter().filter(|a| a.stream == c.id).fold(
                        None,
                        |acc: Option<Total>, a| {
                            let mut t = acc.unwrap_or_default();
                            t.score += audit.points(&a.id);
                            t.max += POINTS_PER_ACTION;
                            Some(t)
                        },
                    )
                })
                .collect(),
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Plan view and Figure 3 targets
// ---------------------------------------------------------------------------

/// One planned action, for the plan table.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanRow {
    pub action_id: String,
    pub action_text: String,
    pub period: u8,
    pub owner: String,
    pub due: Option<String>,
    pub status: PlanStatus,
    pub target: Option<Score>,
    /// The current score (`None` when unscored or N/A).
    pub score: Option<Score>,
    pub not_applicable: bool,
    /// Due before `today` and not done.
    pub overdue: bool,
}

/// Whether text is an ISO calendar date `YYYY-MM-DD` (month 01-12, day 01-31).
/// Plan dates are compared as text, which is only sound for this shape.
pub fn is_iso_date(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    if !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return false;
    }
    let month = (b[5] - b'0') * 10 + (b[6] - b'0');
    let day = (b[8] - b'0') * 10 + (b[9] - b'0');
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

/// Every action with a non-empty plan, soonest due first; undated (or
/// unreadable dates) last, ties in framework order. Overdue needs both `due`
/// and `today` to be ISO dates, so a malformed date never raises a false alarm.
pub fn plan_items(fw: &Framework, audit: &Audit, today: &str) -> Vec<PlanRow> {
    let today_ok = is_iso_date(today);
    let mut rows: Vec<(usize, PlanRow)> = fw
        .periods()
        .flat_map(|p| p.actions.iter().map(move |a| (p.number, a)))
        .enumerate()
        .filter_map(|(order, (period, a))| {
            let entry = audit.entry(&a.id)?;
            if entry.plan.is_empty() {
                return None;
            }
            let plan = &entry.plan;
            let due_ok = plan.due.as_deref().is_some_and(is_iso_date);
            Some((
                order,
                PlanRow {
                    action_id: a.id.clone(),
                    action_text: a.text.clone(),
                    period,
                    owner: plan.owner.clone(),
                    due: plan.due.clone(),
                    status: plan.status,
                    target: plan.target,
                    score: entry.score,
                    not_applicable: entry.not_applicable.is_some(),
                    overdue: today_ok && due_ok && plan.is_overdue(today),
                },
            ))
        })
        .collect();
    rows.sort_by(|(oa, a), (ob, b)| {
        let key = |r: &PlanRow| r.due.clone().filter(|d| is_iso_date(d));
        match (key(a), key(b)) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then(oa.cmp(ob))
    });
    rows.into_iter().map(|(_, r)| r).collect()
}

/// The scorecard if every plan reached its target, for the target bars of
/// Figure 3. An action with a target counts the higher of its target and its
/// current points, so target bars never fall below current ones; an action
/// without a target keeps its current points.
pub fn target_scorecard(fw: &Framework, audit: &Audit) -> Scorecard {
    let mut planned = audit.clone();
    for entry in planned.entries.values_mut() {
        if let Some(target) = entry.plan.target {
            let current = entry.points();
            if u32::from(target.value()) >= current {
                entry.score = Some(target);
                entry.not_applicable = None;
            }
        }
    }
    Scorecard::compute(fw, &planned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::PlanItem;
    use crate::domain::framework::framework;

    fn s(v: u8) -> Option<Score> {
        Some(Score::new(v).unwrap())
    }

    fn score_periods(audit: &mut Audit, pred: impl Fn(u8) -> Option<u8>) {
        for p in framework().periods() {
            for a in &p.actions {
                if let Some(v) = pred(p.number) {
                    audit.set_score(&a.id, s(v));
                }
            }
        }
    }

    fn ids(actions: &[&Action]) -> Vec<String> {
        actions.iter().map(|a| a.id.clone()).collect()
    }

    fn period_ids(n: u8) -> Vec<String> {
        framework()
            .period(n)
            .unwrap()
            .actions
            .iter()
            .map(|a| a.id.clone())
            .collect()
    }

    // --- Figure 4 ---

    #[test]
    fn cumulative_maxima_come_from_the_framework() {
        assert_eq!(
            cumulative_maxima(framework()),
            vec![21, 54, 78, 117, 150, 183, 222, 264, 288, 324, 360, 387]
        );
    }

    #[test]
    fn every_boundary_and_the_point_after_it() {
        let fw = framework();
        let cum = cumulative_maxima(fw);
        let maxima: Vec<u32> = fw.periods().map(|p| p.max_score).collect();
        for (i, &c) in cum.iter().enumerate() {
            let at = position(fw, c);
            assert_eq!(at.period as usize, i + 1, "total {c}");
            assert_eq!(at.fraction, 1.0, "total {c}");
            assert!((at.cumulative_periods - (i + 1) as f64).abs() < 1e-9);
            let after = position(fw, c + 1);
            if i + 1 < cum.len() {
                assert_eq!(after.period as usize, i + 2, "total {}", c + 1);
                assert!((after.fraction - 1.0 / maxima[i + 1] as f64).abs() < 1e-12);
                assert!(
                    (after.cumulative_periods - ((i + 1) as f64 + after.fraction)).abs() < 1e-9
                );
            } else {
                // 388 clamps to the end of period 12.
                assert_eq!(after.period, 12);
                assert_eq!(after.fraction, 1.0);
            }
        }
    }

    #[test]
    fn worked_examples() {
        let fw = framework();
        let p = position(fw, 0);
        assert_eq!((p.period, p.fraction, p.cumulative_periods), (1, 0.0, 0.0));
        assert_eq!(p.phase_id, "A");

        let p = position(fw, 78);
        assert_eq!((p.period, p.fraction), (3, 1.0));
        assert_eq!(p.period_name, "Making the case for KAM");

        let p = position(fw, 79);
        assert_eq!(p.period, 4);
        assert!((p.fraction - 1.0 / 39.0).abs() < 1e-12);
        assert_eq!(p.phase_id, "B");

        let p = position(fw, 104);
        assert_eq!(p.period, 4);
        assert!((p.fraction - 2.0 / 3.0).abs() < 1e-12);
        assert!((p.cumulative_periods - 3.6667).abs() < 1e-3);
        assert_eq!(p.period_name, "Capability building");
        assert_eq!(p.phase_name, "Introducing KAM");

        let p = position(fw, 387);
        assert_eq!(
            (p.period, p.fraction, p.cumulative_periods),
            (12, 1.0, 12.0)
        );
        assert_eq!(p.phase_id, "D");
        assert_eq!(position(fw, 10_000), p);
    }

    #[test]
    fn sentence_names_period_and_phase() {
        let fw = framework();
        let sentence = position_sentence(&position(fw, 104), 104);
        assert!(sentence.starts_with(
            "Your total of 104 corresponds to period 4, Capability building, in phase B"
        ));
        assert_eq!(
            sentence,
            "Your total of 104 corresponds to period 4, Capability building, in phase B (Introducing KAM)."
        );
    }

    #[test]
    fn a_framework_without_periods_does_not_panic() {
        let mut fw = framework().clone();
        fw.phases.clear();
        let p = position(&fw, 50);
        assert_eq!(p.period, 0);
        assert!(cumulative_maxima(&fw).is_empty());
        assert!(heatmap(&fw, &Audit::default())
            .iter()
            .all(|r| r.cells.is_empty()));
    }

    // --- what to do next ---

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

    // --- explain ---

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

    // --- filters ---

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

        // Lagging: B1.01 at 2 puts the furthest period at 4, so all of
        // phase A (26 actions, none at 2+) lags.
        let lag = ActionFilter {
            lagging_only: true,
            ..Default::default()
        };
        assert_eq!(ids(&lag.apply(fw, &audit)), ids(&lagging(fw, &audit)));
        assert_eq!(lag.apply(fw, &audit).len(), 26);
        let a101 = fw.action("A1.01").unwrap();
        assert!(lag.matches(fw, &audit, a101));
        assert!(!lag.matches(fw, &audit, fw.action("B1.01").unwrap()));
        let stranger = Action {
            id: "Z9.99".into(),
            stream: "research".into(),
            text: String::new(),
        };
        assert!(!ActionFilter::default().matches(fw, &audit, &stranger));
        assert!(ActionFilter::default().matches(fw, &audit, a101));
    }

    // --- heatmap ---

    #[test]
    fn heatmap_covers_387_and_leaves_gaps_where_the_source_has_none() {
        let fw = framework();
        let mut audit = Audit::default();
        audit.set_score("A1.01", s(3));
        audit.set_score("A1.02", s(1));
        let rows = heatmap(fw, &audit);
        assert_eq!(rows.len(), 9);
        assert!(rows.iter().all(|r| r.cells.len() == 12));
        let max: u32 = rows
            .iter()
            .flat_map(|r| r.cells.iter().flatten())
            .map(|t| t.max)
            .sum();
        assert_eq!(max, 387);
        let order: Vec<&str> = rows.iter().map(|r| r.contributory_id.as_str()).collect();
        assert_eq!(order[0], "goals_strategy");
        assert_eq!(order[8], "core_processes");
        assert_eq!(rows[0].stream_id, "strategy_planning");
        // Goals & strategy in period 1: A1.01 + A1.02 = 4 of 6.
        assert_eq!(rows[0].cells[0], Some(Total { score: 4, max: 6 }));
        // Period 1 has no planning & objectives, key account managers,
        // KAM manager processes or core processes actions.
        let none_in_p1: Vec<&str> = rows
            .iter()
            .filter(|r| r.cells[0].is_none())
            .map(|r| r.contributory_id.as_str())
            .collect();
        assert_eq!(
            none_in_p1,
            vec![
                "planning_objectives",
                "key_account_managers",
                "kam_manager_processes",
                "core_processes"
            ]
        );
        // Goals & strategy appears in every period but 5.
        let gaps: Vec<usize> = (0..12).filter(|&i| rows[0].cells[i].is_none()).collect();
        assert_eq!(gaps, vec![4]);
        let none_count = rows
            .iter()
            .flat_map(|r| &r.cells)
            .filter(|c| c.is_none())
            .count();
        // 81 of the 108 cells hold actions (hand count from the phase tables).
        assert_eq!(none_count, 108 - 81);
    }

    // --- plan ---

    fn plan(audit: &mut Audit, id: &str, owner: &str, due: Option<&str>, status: PlanStatus) {
        audit.edit(id, |e| {
            e.plan = PlanItem {
                owner: owner.into(),
                due: due.map(Into::into),
                status,
                target: None,
            }
        });
    }

    #[test]
    fn plan_rows_sort_by_due_then_action_order_and_flag_overdue() {
        let fw = framework();
        let mut audit = Audit::default();
        plan(
            &mut audit,
            "C1.01",
            "Ann",
            Some("2026-03-01"),
            PlanStatus::NotStarted,
        );
        plan(&mut audit, "A1.02", "Bob", None, PlanStatus::InProgress);
        plan(&mut audit, "A1.01", "Cy", None, PlanStatus::NotStarted);
        plan(
            &mut audit,
            "B1.01",
            "Di",
            Some("2026-01-15"),
            PlanStatus::Done,
        );
        plan(
            &mut audit,
            "B1.02",
            "Ed",
            Some("2026-01-15"),
            PlanStatus::InProgress,
        );
        plan(
            &mut audit,
            "D1.01",
            "Fi",
            Some("soon"),
            PlanStatus::NotStarted,
        );
        audit.set_score("B1.02", s(1));
        audit.edit("A2.01", |e| e.note = "note only, no plan".into());

        let rows = plan_items(fw, &audit, "2026-02-01");
        let order: Vec<&str> = rows.iter().map(|r| r.action_id.as_str()).collect();
        assert_eq!(
            order,
            vec!["B1.01", "B1.02", "C1.01", "A1.01", "A1.02", "D1.01"]
        );
        let overdue: Vec<&str> = rows
            .iter()
            .filter(|r| r.overdue)
            .map(|r| r.action_id.as_str())
            .collect();
        assert_eq!(overdue, vec!["B1.02"]);
        let b102 = &rows[1];
        assert_eq!(
            (b102.period, b102.score, b102.owner.as_str()),
            (4, s(1), "Ed")
        );
        assert!(!b102.action_text.is_empty());
        // A malformed "today" never marks anything overdue.
        assert!(plan_items(fw, &audit, "yesterday")
            .iter()
            .all(|r| !r.overdue));
    }

    #[test]
    fn iso_dates() {
        assert!(is_iso_date("2026-02-28"));
        assert!(!is_iso_date("2026-2-28"));
        assert!(!is_iso_date("2026-13-01"));
        assert!(!is_iso_date("2026-00-10"));
        assert!(!is_iso_date("2026-01-32"));
        assert!(!is_iso_date("２０２６-01-01"));
        assert!(!is_iso_date(""));
    }

    #[test]
    fn target_scorecard_uses_targets_and_never_drops_below_current() {
        let fw = framework();
        let mut audit = Audit::default();
        audit.set_score("A1.01", s(1));
        audit.edit("A1.01", |e| e.plan.target = s(3)); // 1 -> 3
        audit.set_score("A1.02", s(3));
        audit.edit("A1.02", |e| e.plan.target = s(2)); // stays 3
        audit.edit("A1.03", |e| e.plan.target = s(2)); // unscored -> 2
        audit.set_not_applicable("A1.04", Some("x".into()));
        audit.edit("A1.04", |e| e.plan.target = s(1)); // N/A -> 1
        audit.set_score("B1.01", s(2)); // no target, stays 2

        let now = Scorecard::compute(fw, &audit);
        let target = target_scorecard(fw, &audit);
        assert_eq!(now.period(1), Total { score: 4, max: 21 });
        assert_eq!(target.period(1), Total { score: 9, max: 21 });
        assert_eq!(target.period(4).score, 2);
        assert_eq!(target.overall.score, 11);
        for (n, t) in target.periods.iter().zip(&now.periods) {
            assert!(n.score >= t.score);
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod props {
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
                // Lagging actions all sit before the furthest period, below 2.
                let furthest = furthest_substantial_period(fw, &audit);
                for a in lagging(fw, &audit) {
                    let p = fw.period_of_action(&a.id).unwrap().number;
                    prop_assert!(furthest.is_some_and(|f| p < f));
                    prop_assert!(audit.points(&a.id) < 2);
                }
            }

            #[test]
            fn position_is_monotone_and_in_range(total in 0u32..500) {
                let fw = framework();
                let p = position(fw, total);
                let q = position(fw, total + 1);
                prop_assert!((0.0..=1.0).contains(&p.fraction));
                prop_assert!((1..=12).contains(&p.period));
                prop_assert!(q.cumulative_periods >= p.cumulative_periods);
                prop_assert!(p.cumulative_periods <= 12.0);
            }
        }
    }
}
