//! The streams heatmap: contributory stream by period.

use super::{Audit, Total};
use crate::domain::framework::{Framework, POINTS_PER_ACTION};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::tests::s;
    use crate::domain::framework::framework;
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
}
