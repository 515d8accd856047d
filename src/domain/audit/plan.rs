//! The action plan: who does an action, by when, aiming at what score; the
//! plan table and the Figure 3 target bars.

use super::{Audit, Score, Scorecard};
use crate::domain::date::IsoDate;
use crate::domain::framework::Framework;
use crate::domain::order;
use serde::{Deserialize, Serialize};

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

impl PlanRow {
    /// "2 → 3": the current score (N/A, or – when unscored) and the target (– when none).
    pub fn score_to_target(&self) -> String {
        let score = if self.not_applicable {
            "N/A".to_string()
        } else {
            self.score
                .map_or_else(|| "–".into(), |s| s.value().to_string())
        };
        let target = self
            .target
            .map_or_else(|| "–".into(), |s| s.value().to_string());
        format!("{score} → {target}")
    }
}

/// Whether text is a real calendar date `YYYY-MM-DD`, by the one date rule
/// ([`IsoDate`]). Plan dates are compared as text, which is only sound for this shape.
pub fn is_iso_date(text: &str) -> bool {
    text.parse::<IsoDate>().is_ok()
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
    order::sort_by(&mut rows, |(oa, a), (ob, b)| {
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
    use crate::domain::audit::tests::s;
    use crate::domain::audit::Total;
    use crate::domain::framework::framework;
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
    fn score_to_target_reads_n_a_unscored_and_no_target() {
        let fw = framework();
        let mut audit = Audit::default();
        audit.set_score("A1.01", s(2));
        audit.edit("A1.01", |e| e.plan.target = s(3));
        audit.edit("A1.02", |e| e.plan.owner = "Dana".into());
        audit.set_not_applicable("A1.03", Some("not now".into()));
        audit.edit("A1.03", |e| e.plan.target = s(1));
        let texts: Vec<(String, String)> = plan_items(fw, &audit, "2026-01-01")
            .iter()
            .map(|r| (r.action_id.clone(), r.score_to_target()))
            .collect();
        assert_eq!(
            texts,
            [
                ("A1.01".to_string(), "2 → 3".to_string()),
                ("A1.02".to_string(), "– → –".to_string()),
                ("A1.03".to_string(), "N/A → 1".to_string()),
            ]
        );
    }

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
        assert!(!is_iso_date("2026-02-30"), "a day the month does not have");
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
}
