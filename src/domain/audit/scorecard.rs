//! Totals for every grouping the source uses: period, phase, stream,
//! contributory stream and overall.

use super::Audit;
use crate::domain::framework::{Framework, POINTS_PER_ACTION};

/// A score against its maximum.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Total {
    pub score: u32,
    pub max: u32,
}

impl Total {
    pub fn percent(&self) -> f64 {
        if self.max == 0 {
            0.0
        } else {
            self.score as f64 * 100.0 / self.max as f64
        }
    }

    fn add(&mut self, points: u32) {
        self.score += points;
        self.max += POINTS_PER_ACTION;
    }
}

/// Every total the audit reports, computed in one pass.
#[derive(Debug, Clone, PartialEq)]
pub struct Scorecard {
    /// Indexed by period number - 1.
    pub periods: Vec<Total>,
    /// In framework order, with the phase id.
    pub phases: Vec<(String, Total)>,
    pub streams: Vec<(String, Total)>,
    pub contributory: Vec<(String, Total)>,
    pub overall: Total,
}

impl Scorecard {
    pub fn compute(fw: &Framework, audit: &Audit) -> Self {
        let mut periods = Vec::new();
        let mut phases = Vec::new();
        let mut contributory: Vec<(String, Total)> = fw
            .streams
            .iter()
            .flat_map(|s| {
                s.contributory
                    .iter()
                    .map(|c| (c.id.clone(), Total::default()))
            })
            .collect();
        let mut overall = Total::default();
        for phase in &fw.phases {
            let mut phase_total = Total::default();
            for period in &phase.periods {
                let mut t = Total::default();
                for action in &period.actions {
                    let pts = audit.points(&action.id);
                    t.add(pts);
                    if let Some((_, c)) =
                        contributory.iter_mut().find(|(id, _)| *id == action.stream)
                    {
                        c.add(pts);
                    }
                }
                phase_total.score += t.score;
                phase_total.max += t.max;
                periods.push(t);
            }
            overall.score += phase_total.score;
            overall.max += phase_total.max;
            phases.push((phase.id.clone(), phase_total));
        }
        let streams = fw
            .streams
            .iter()
            .map(|s| {
                let mut t = Total::default();
                for c in &s.contributory {
                    if let Some((_, ct)) = contributory.iter().find(|(id, _)| *id == c.id) {
                        t.score += ct.score;
                        t.max += ct.max;
                    }
                }
                (s.id.clone(), t)
            })
            .collect();
        Scorecard {
            periods,
            phases,
            streams,
            contributory,
            overall,
        }
    }

    pub fn period(&self, number: u8) -> Total {
        self.periods
            .get((number as usize).wrapping_sub(1))
            .copied()
            .unwrap_or_default()
    }

    fn find(list: &[(String, Total)], id: &str) -> Total {
        list.iter()
            .find(|(i, _)| i == id)
            .map(|(_, t)| *t)
            .unwrap_or_default()
    }

    pub fn phase(&self, id: &str) -> Total {
        Self::find(&self.phases, id)
    }

    pub fn stream(&self, id: &str) -> Total {
        Self::find(&self.streams, id)
    }

    pub fn contributory(&self, id: &str) -> Total {
        Self::find(&self.contributory, id)
    }
}
