//! Snapshots: the audit and litmus answers frozen at a date, so the
//! programme's progress can be compared and charted over time. The source
//! reads the audit as a position at a point in time; repeating it shows
//! whether the transition is moving.

use super::audit::is_iso_date;
use super::audit::{Audit, Score, Scorecard, Total};
use super::framework::Framework;
use super::litmus::{customer_readiness, organisation_result, organisation_verdict, LitmusAnswers};
use super::portfolio::AccountId;
use crate::domain::order;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use thiserror::Error;

/// The audit and litmus answers as they stood at `taken_at`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub id: u64,
    pub label: String,
    /// ISO date or date-time given by the caller (`2026-03-01` or
    /// `2026-03-01T09:30:00Z`); ordered as text, so use one time zone.
    pub taken_at: String,
    #[serde(default)]
    pub audit: Audit,
    #[serde(default)]
    pub litmus: LitmusAnswers,
}

impl Snapshot {
    pub fn scorecard(&self, fw: &Framework) -> Scorecard {
        Scorecard::compute(fw, &self.audit)
    }
}

#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum SnapshotError {
    #[error("there is no snapshot {0}")]
    NotFound(u64),
    #[error("'{0}' is not an ISO date or date-time (YYYY-MM-DD or YYYY-MM-DDThh:mm…)")]
    BadTimestamp(String),
    #[error("a snapshot needs a label")]
    EmptyLabel,
}

/// Accepts `YYYY-MM-DD`, optionally followed by `T` or a space and a time.
fn check_timestamp(taken_at: &str) -> Result<(), SnapshotError> {
    let ok = taken_at.get(..10).is_some_and(is_iso_date)
        && match taken_at.as_bytes().get(10) {
            None => true,
            Some(b'T') | Some(b' ') => taken_at.len() > 11,
            Some(_) => false,
        };
    if ok {
        Ok(())
    } else {
        Err(SnapshotError::BadTimestamp(taken_at.to_string()))
    }
}

/// The saved snapshots, serialised as a plain list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Snapshots {
    pub items: Vec<Snapshot>,
}

impl Snapshots {
    /// Freezes the current audit and litmus answers and returns the new id
    /// (one more than the largest so far, so ids are never reused while the
    /// newest survives). A blank label becomes "Snapshot of <date>".
    pub fn take(
        &mut self,
        label: &str,
        taken_at: &str,
        audit: &Audit,
        litmus: &LitmusAnswers,
    ) -> Result<u64, SnapshotError> {
        check_timestamp(taken_at)?;
        let id = self
            .items
            .iter()
            .map(|s| s.id)
            .max()
            .map_or(1, |m| m.saturating_add(1));
        let label = match label.trim() {
            "" => format!("Snapshot of {}", &taken_at[..10]),
            l => l.to_string(),
        };
        self.items.push(Snapshot {
            id,
            label,
            taken_at: taken_at.to_string(),
            audit: audit.clone(),
            litmus: litmus.clone(),
        });
        Ok(id)
    }

    pub fn get(&self, id: u64) -> Option<&Snapshot> {
        self.items.iter().find(|s| s.id == id)
    }

    pub fn rename(&mut self, id: u64, label: &str) -> Result<(), SnapshotError> {
        let label = label.trim();
        if label.is_empty() {
            return Err(SnapshotError::EmptyLabel);
        }
        let snap = self
            .items
            .iter_mut()
            .find(|s| s.id == id)
            .ok_or(SnapshotError::NotFound(id))?;
        snap.label = label.to_string();
        Ok(())
    }

    pub fn remove(&mut self, id: u64) -> Result<Snapshot, SnapshotError> {
        let at = self
            .items
            .iter()
            .position(|s| s.id == id)
            .ok_or(SnapshotError::NotFound(id))?;
        Ok(self.items.remove(at))
    }

    /// Oldest first (ties by id).
    pub fn chronological(&self) -> Vec<&Snapshot> {
        let mut list: Vec<&Snapshot> = self.items.iter().collect();
        order::sort_by(&mut list, |a, b| {
            a.taken_at.cmp(&b.taken_at).then(a.id.cmp(&b.id))
        });
        list
    }

    pub fn latest(&self) -> Option<&Snapshot> {
        self.chronological().pop()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

// ---------------------------------------------------------------------------
// Comparing two snapshots
// ---------------------------------------------------------------------------

/// One total then and now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TotalChange {
    pub from: Total,
    pub to: Total,
    /// Points gained (negative when lost).
    pub delta: i64,
}

impl TotalChange {
    fn new(from: Total, to: Total) -> Self {
        TotalChange {
            from,
            to,
            delta: i64::from(to.score) - i64::from(from.score),
        }
    }
}

/// An action whose score or N/A mark changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionDelta {
    pub action_id: String,
    pub period: u8,
    pub from: Option<Score>,
    pub to: Option<Score>,
    pub na_from: bool,
    pub na_to: bool,
    /// Change in points (N/A and unscored count 0).
    pub points_delta: i64,
}

/// A yes count then and now, for one customer or one manager-customer pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YesChange {
    /// Key account manager; `None` for the customer readiness test.
    pub manager: Option<String>,
    pub account_id: AccountId,
    pub yes_from: usize,
    pub yes_to: usize,
}

/// How the litmus tests moved. Only yes answers count, so a move between
/// No and Not sure is not a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LitmusDelta {
    /// Questions in the organisation test (5).
    pub org_of: usize,
    pub org_yes_from: usize,
    pub org_yes_to: usize,
    pub org_qualified_from: bool,
    pub org_qualified_to: bool,
    /// Customer readiness yes counts that changed, by account id.
    pub customers: Vec<YesChange>,
    /// Manager test yes counts that changed, by manager then account id.
    pub managers: Vec<YesChange>,
}

impl LitmusDelta {
    /// "Organisation litmus test: 3 → 4 yes of 5 (Not yet qualified → Qualified)."
    pub fn organisation_change(&self) -> String {
        format!(
            "Organisation litmus test: {} → {} yes of {} ({} → {}).",
            self.org_yes_from,
            self.org_yes_to,
            self.org_of,
            organisation_verdict(self.org_qualified_from),
            organisation_verdict(self.org_qualified_to),
        )
    }
}

/// Everything that changed from snapshot `a` to snapshot `b`.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub periods: Vec<(u8, TotalChange)>,
    pub phases: Vec<(String, TotalChange)>,
    pub streams: Vec<(String, TotalChange)>,
    pub overall: TotalChange,
    /// Changed actions only, in framework order.
    pub actions: Vec<ActionDelta>,
    pub litmus: LitmusDelta,
}

/// Compares `a` (earlier) with `b` (later); deltas are `b - a`.
pub fn compare(fw: &Framework, a: &Snapshot, b: &Snapshot) -> Comparison {
    let (sa, sb) = (a.scorecard(fw), b.scorecard(fw));
    let pair = |x: &[(String, Total)], y: &[(String, Total)]| -> Vec<(String, TotalChange)> {
        x.iter()
            .zip(y)
            .map(|((id, f), (_, t))| (id.clone(), TotalChange::new(*f, *t)))
            .collect()
    };
    let periods = fw
        .periods()
        .map(|p| {
            (
                p.number,
                TotalChange::new(sa.period(p.number), sb.period(p.number)),
            )
        })
        .collect();
    let actions = fw
        .periods()
        .flat_map(|p| p.actions.iter().map(move |act| (p.number, act)))
        .filter_map(|(period, act)| {
            let (from, to) = (a.audit.score(&act.id), b.audit.score(&act.id));
            let (na_from, na_to) = (
                a.audit.is_not_applicable(&act.id),
                b.audit.is_not_applicable(&act.id),
            );
            (from != to || na_from != na_to).then(|| ActionDelta {
                action_id: act.id.clone(),
                period,
                from,
                to,
                na_from,
                na_to,
                points_delta: i64::from(b.audit.points(&act.id))
                    - i64::from(a.audit.points(&act.id)),
            })
        })
        .collect();
    Comparison {
        periods,
        phases: pair(&sa.phases, &sb.phases),
        streams: pair(&sa.streams, &sb.streams),
        overall: TotalChange::new(sa.overall, sb.overall),
        actions,
        litmus: litmus_delta(&a.litmus, &b.litmus),
    }
}

fn litmus_delta(a: &LitmusAnswers, b: &LitmusAnswers) -> LitmusDelta {
    let (oa, ob) = (organisation_result(a), organisation_result(b));
    let accounts: BTreeSet<AccountId> = a
        .customers
        .keys()
        .chain(b.customers.keys())
        .copied()
        .collect();
    let customers = accounts
        .into_iter()
        .map(|id| YesChange {
            manager: None,
            account_id: id,
            yes_from: customer_readiness(a, id).yes,
            yes_to: customer_readiness(b, id).yes,
        })
        .filter(|c| c.yes_from != c.yes_to)
        .collect();
    let pairs: BTreeSet<(&String, AccountId)> = a
        .managers
        .iter()
        .chain(&b.managers)
        .flat_map(|(m, accts)| accts.keys().map(move |id| (m, *id)))
        .collect();
    let managers = pairs
        .into_iter()
        .map(|(m, id)| YesChange {
            manager: Some(m.clone()),
            account_id: id,
            yes_from: a.manager_yes(m, id),
            yes_to: b.manager_yes(m, id),
        })
        .filter(|c| c.yes_from != c.yes_to)
        .collect();
    LitmusDelta {
        org_of: ob.of,
        org_yes_from: oa.yes,
        org_yes_to: ob.yes,
        org_qualified_from: oa.qualified,
        org_qualified_to: ob.qualified,
        customers,
        managers,
    }
}

// ---------------------------------------------------------------------------
// Trend over time
// ---------------------------------------------------------------------------

/// One snapshot's position on the trend chart.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendPoint {
    pub id: u64,
    pub label: String,
    pub taken_at: String,
    pub overall: Total,
    pub overall_pct: f64,
    /// (phase id, percent of that phase's maximum), in framework order.
    pub phase_pct: Vec<(String, f64)>,
    /// Organisation litmus test yes answers at the time.
    pub org_yes: usize,
}

/// The snapshots as points in time, oldest first (ties by id).
pub fn trend(fw: &Framework, snapshots: &[Snapshot]) -> Vec<TrendPoint> {
    let mut points: Vec<TrendPoint> = snapshots
        .iter()
        .map(|s| {
            let sc = s.scorecard(fw);
            TrendPoint {
                id: s.id,
                label: s.label.clone(),
                taken_at: s.taken_at.clone(),
                overall: sc.overall,
                overall_pct: sc.overall.percent(),
                phase_pct: sc
                    .phases
                    .iter()
                    .map(|(id, t)| (id.clone(), t.percent()))
                    .collect(),
                org_yes: organisation_result(&s.litmus).yes,
            }
        })
        .collect();
    order::sort_by(&mut points, |a, b| {
        a.taken_at.cmp(&b.taken_at).then(a.id.cmp(&b.id))
    });
    points
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::framework::framework;
    use crate::domain::litmus::Answer;
    use crate::domain::portfolio::AccountId;

    fn s(v: u8) -> Option<Score> {
        Some(Score::new(v).unwrap())
    }

    fn snap(id: u64, taken_at: &str, audit: Audit, litmus: LitmusAnswers) -> Snapshot {
        Snapshot {
            id,
            label: format!("S{id}"),
            taken_at: taken_at.into(),
            audit,
            litmus,
        }
    }

    #[test]
    fn take_rename_remove() {
        let mut list = Snapshots::default();
        let audit = Audit::default();
        let litmus = LitmusAnswers::default();
        assert_eq!(list.take("Baseline", "2026-01-10", &audit, &litmus), Ok(1));
        assert_eq!(
            list.take("  ", "2026-02-10T09:00:00Z", &audit, &litmus),
            Ok(2)
        );
        assert_eq!(list.get(2).unwrap().label, "Snapshot of 2026-02-10");
        assert_eq!(
            list.take("x", "10/02/2026", &audit, &litmus),
            Err(SnapshotError::BadTimestamp("10/02/2026".into()))
        );
        for bad in ["2026-02-10X", "2026-02-10T", ""] {
            assert_eq!(
                list.take("x", bad, &audit, &litmus),
                Err(SnapshotError::BadTimestamp(bad.into()))
            );
        }
        assert_eq!(list.rename(1, " Q1 "), Ok(()));
        assert_eq!(list.get(1).unwrap().label, "Q1");
        assert_eq!(list.rename(1, ""), Err(SnapshotError::EmptyLabel));
        assert_eq!(list.rename(9, "x"), Err(SnapshotError::NotFound(9)));
        assert_eq!(list.remove(1).unwrap().label, "Q1");
        assert_eq!(list.remove(1), Err(SnapshotError::NotFound(1)));
        assert_eq!(list.take("next", "2026-03-01", &audit, &litmus), Ok(3));
        assert_eq!(list.len(), 2);
        assert_eq!(list.latest().unwrap().id, 3);
    }

    #[test]
    fn snapshots_are_independent_copies_and_round_trip() {
        let mut list = Snapshots::default();
        let mut audit = Audit::default();
        audit.set_score("A1.01", s(2));
        let mut litmus = LitmusAnswers::default();
        litmus.set_organisation(0, Some(Answer::Yes)).unwrap();
        list.take("one", "2026-01-01", &audit, &litmus).unwrap();
        audit.set_score("A1.01", s(3));
        assert_eq!(list.get(1).unwrap().audit.score("A1.01"), s(2));

        let json = serde_json::to_string(&list).unwrap();
        assert!(json.starts_with('['));
        assert_eq!(serde_json::from_str::<Snapshots>(&json).unwrap(), list);
        // Older snapshots without litmus answers still load.
        let old = r#"[{"id":4,"label":"old","taken_at":"2025-12-01","audit":{}}]"#;
        let back: Snapshots = serde_json::from_str(old).unwrap();
        assert_eq!(back.items[0].litmus, LitmusAnswers::default());
    }

    #[test]
    fn compare_hand_computed() {
        let fw = framework();
        let mut a = Audit::default();
        a.set_score("A1.01", s(1));
        a.set_score("A1.02", s(3));
        a.set_score("B1.01", s(2));
        a.set_not_applicable("C1.01", Some("later".into()));
        a.set_score("D1.01", s(2));
        a.edit("D1.01", |e| e.note = "note only changes".into());

        let mut b = a.clone();
        b.set_score("A1.01", s(3)); // +2
        b.set_not_applicable("A1.02", Some("dropped".into())); // -3
        b.set_score("B1.01", s(2)); // unchanged
        b.set_score("C1.01", s(0)); // N/A -> 0, points 0
        b.set_score("A2.01", s(1)); // +1
        b.edit("D1.01", |e| e.note = "edited".into()); // not a score change

        let mut la = LitmusAnswers::default();
        for q in 0..3 {
            la.set_organisation(q, Some(Answer::Yes)).unwrap();
        }
        la.set_customer(AccountId(7), 0, Some(Answer::Yes)).unwrap();
        la.set_customer(AccountId(8), 0, Some(Answer::No)).unwrap();
        la.set_manager("Ann", AccountId(7), 0, Some(Answer::Yes))
            .unwrap();
        let mut lb = la.clone();
        lb.set_organisation(3, Some(Answer::Yes)).unwrap(); // 3 -> 4, qualifies
        lb.set_customer(AccountId(8), 0, Some(Answer::NotSure))
            .unwrap(); // no yes change
        lb.set_customer(AccountId(9), 1, Some(Answer::Yes)).unwrap(); // new customer 0 -> 1
        lb.set_manager("Ann", AccountId(7), 1, Some(Answer::Yes))
            .unwrap(); // 1 -> 2
        lb.set_manager("Bo", AccountId(8), 0, Some(Answer::Yes))
            .unwrap(); // 0 -> 1

        let c = compare(
            fw,
            &snap(1, "2026-01-01", a, la),
            &snap(2, "2026-04-01", b, lb),
        );
        // Overall: before 1 + 3 + 2 + 2 = 8; after 3 + 0 + 2 + 0 + 1 + 2 = 8.
        assert_eq!(c.overall.from, Total { score: 8, max: 387 });
        assert_eq!(c.overall.to, Total { score: 8, max: 387 });
        assert_eq!(c.overall.delta, 0);
        // Period 1: 4 -> 3 (-1); period 2: 0 -> 1 (+1); others 0.
        assert_eq!(c.periods.len(), 12);
        assert_eq!(c.periods[0].0, 1);
        assert_eq!(c.periods[0].1.delta, -1);
        assert_eq!(c.periods[1].1.delta, 1);
        assert!(c.periods[2..].iter().all(|(_, t)| t.delta == 0));
        // Phase A: 4 -> 4.
        assert_eq!(c.phases[0].0, "A");
        assert_eq!(c.phases[0].1.delta, 0);
        assert_eq!(c.phases[0].1.to.score, 4);
        assert_eq!(c.streams.iter().map(|(_, t)| t.delta).sum::<i64>(), 0);

        let changed: Vec<(&str, i64)> = c
            .actions
            .iter()
            .map(|d| (d.action_id.as_str(), d.points_delta))
            .collect();
        assert_eq!(
            changed,
            vec![("A1.01", 2), ("A1.02", -3), ("A2.01", 1), ("C1.01", 0)]
        );
        let a102 = &c.actions[1];
        assert_eq!(
            (a102.from, a102.to, a102.na_from, a102.na_to),
            (s(3), None, false, true)
        );
        let c101 = &c.actions[3];
        assert_eq!(
            (c101.from, c101.to, c101.na_from, c101.na_to, c101.period),
            (None, s(0), true, false, 7)
        );

        let l = &c.litmus;
        assert_eq!((l.org_yes_from, l.org_yes_to), (3, 4));
        assert_eq!((l.org_qualified_from, l.org_qualified_to), (false, true));
        assert_eq!(
            l.organisation_change(),
            "Organisation litmus test: 3 → 4 yes of 5 (Not yet qualified → Qualified)."
        );
        assert_eq!(
            l.customers,
            vec![YesChange {
                manager: None,
                account_id: AccountId(9),
                yes_from: 0,
                yes_to: 1
            }]
        );
        let mgr: Vec<(Option<&str>, AccountId, usize, usize)> = l
            .managers
            .iter()
            .map(|m| (m.manager.as_deref(), m.account_id, m.yes_from, m.yes_to))
            .collect();
        assert_eq!(
            mgr,
            vec![
                (Some("Ann"), AccountId(7), 1, 2),
                (Some("Bo"), AccountId(8), 0, 1)
            ]
        );
    }

    #[test]
    fn comparing_a_snapshot_with_itself_changes_nothing() {
        let fw = framework();
        let mut audit = Audit::default();
        audit.set_score("B2.03", s(2));
        let x = snap(1, "2026-01-01", audit, LitmusAnswers::default());
        let c = compare(fw, &x, &x);
        assert!(c.actions.is_empty());
        assert_eq!(c.overall.delta, 0);
        assert!(c.litmus.customers.is_empty() && c.litmus.managers.is_empty());
    }

    #[test]
    fn trend_sorts_by_time_and_reports_percentages() {
        let fw = framework();
        let mut phase_a = Audit::default();
        for p in fw.phases[0].periods.iter() {
            for act in &p.actions {
                phase_a.set_score(&act.id, s(3));
            }
        }
        let mut lit = LitmusAnswers::default();
        lit.set_organisation(0, Some(Answer::Yes)).unwrap();
        let list = vec![
            snap(3, "2026-06-01", phase_a, lit),
            snap(1, "2026-01-01", Audit::default(), LitmusAnswers::default()),
            snap(2, "2026-01-01", Audit::default(), LitmusAnswers::default()),
        ];
        let t = trend(fw, &list);
        let order: Vec<u64> = t.iter().map(|p| p.id).collect();
        assert_eq!(order, vec![1, 2, 3]);
        assert_eq!(t[0].overall_pct, 0.0);
        // Phase A full: 78 of 387 overall, 100% of phase A.
        assert_eq!(
            t[2].overall,
            Total {
                score: 78,
                max: 387
            }
        );
        assert!((t[2].overall_pct - 78.0 * 100.0 / 387.0).abs() < 1e-9);
        assert_eq!(t[2].phase_pct[0], ("A".to_string(), 100.0));
        assert_eq!(t[2].phase_pct[1], ("B".to_string(), 0.0));
        assert_eq!(t[2].phase_pct.len(), 4);
        assert_eq!(t[2].org_yes, 1);
        assert!(trend(fw, &[]).is_empty());
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn deltas_add_up(
                from in proptest::collection::vec(proptest::option::of(0u8..=4), 129),
                to in proptest::collection::vec(proptest::option::of(0u8..=4), 129),
            ) {
                let fw = framework();
                let build = |v: &[Option<u8>]| {
                    let mut a = Audit::default();
                    for (act, x) in fw.actions().zip(v) {
                        match x {
                            Some(4) => a.set_not_applicable(&act.id, Some("n/a".into())),
                            Some(n) => a.set_score(&act.id, s(*n)),
                            None => {}
                        }
                    }
                    a
                };
                let c = compare(
                    fw,
                    &snap(1, "2026-01-01", build(&from), LitmusAnswers::default()),
                    &snap(2, "2026-02-01", build(&to), LitmusAnswers::default()),
                );
                let by_action: i64 = c.actions.iter().map(|d| d.points_delta).sum();
                prop_assert_eq!(by_action, c.overall.delta);
                prop_assert_eq!(c.periods.iter().map(|(_, t)| t.delta).sum::<i64>(), c.overall.delta);
                prop_assert_eq!(c.phases.iter().map(|(_, t)| t.delta).sum::<i64>(), c.overall.delta);
                let changed = from.iter().zip(&to).filter(|(x, y)| x != y).count();
                prop_assert_eq!(c.actions.len(), changed);
            }
        }
    }
}
