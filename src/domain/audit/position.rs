//! Figure 4: where the overall total places the programme on the
//! development path.

use crate::domain::framework::{Framework, Period, Phase};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::{heatmap, Audit};
    use crate::domain::framework::framework;
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

    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
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
