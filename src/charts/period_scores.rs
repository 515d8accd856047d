//! Score by period: one bar per period as % of that period's maximum, on
//! bands for the four phases.

use super::{draw_err, palette, ChartError};
use crate::domain::{Framework, Scorecard};
use plotters::prelude::*;

#[derive(Debug, Clone, PartialEq)]
pub struct PeriodBar {
    /// Short label, e.g. "A1".
    pub label: String,
    pub percent: f64,
    /// 0-based phase index (A = 0).
    pub phase: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Data {
    pub bars: Vec<PeriodBar>,
    pub phase_names: Vec<String>,
}

impl Data {
    pub fn from_scorecard(fw: &Framework, sc: &Scorecard) -> Self {
        let mut bars = Vec::new();
        for (pi, phase) in fw.phases.iter().enumerate() {
            for period in &phase.periods {
                bars.push(PeriodBar {
                    label: period.id.clone(),
                    percent: sc.period(period.number).percent(),
                    phase: pi,
                });
            }
        }
        Data {
            bars,
            phase_names: fw
                .phases
                .iter()
                .map(|p| format!("{} {}", p.id, p.name))
                .collect(),
        }
    }
}

pub const SIZE: (u32, u32) = (760, 340);

pub fn render(data: &Data) -> Result<String, ChartError> {
    if data.bars.is_empty() {
        return Err(ChartError::NoData);
    }
    let n = data.bars.len();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .margin_top(30)
            .x_label_area_size(32)
            .y_label_area_size(48)
            .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0f64..100f64)
            .map_err(draw_err)?;

        // Phase bands behind the bars, named at the top.
        for (pi, name) in data.phase_names.iter().enumerate() {
            let idx: Vec<usize> = (0..n).filter(|&i| data.bars[i].phase == pi).collect();
            let (Some(&first), Some(&last)) = (idx.first(), idx.last()) else {
                continue;
            };
            let band = palette::PHASE_BANDS[pi % 4];
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(first as f64 - 0.5, 0.0), (last as f64 + 0.5, 100.0)],
                    band.filled(),
                )))
                .map_err(draw_err)?;
            let (x, _) = chart.backend_coord(&(first as f64 - 0.45, 100.0));
            root.draw(&Text::new(
                name.clone(),
                (x, 12),
                ("sans-serif", 13).into_font().color(&palette::INK),
            ))
            .map_err(draw_err)?;
        }

        let labels: Vec<String> = data.bars.iter().map(|b| b.label.clone()).collect();
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(n)
            .x_label_formatter(&|x| {
                let i = x.round();
                if (x - i).abs() < 1e-6 && i >= 0.0 {
                    labels.get(i as usize).cloned().unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .y_labels(6)
            .y_label_formatter(&|y| format!("{y:.0}%"))
            .light_line_style(palette::GRID)
            .axis_desc_style(("sans-serif", 12))
            .label_style(("sans-serif", 12).into_font().color(&palette::MUTED))
            .draw()
            .map_err(draw_err)?;

        chart
            .draw_series(data.bars.iter().enumerate().map(|(i, b)| {
                Rectangle::new(
                    [
                        (i as f64 - 0.32, 0.0),
                        (i as f64 + 0.32, b.percent.clamp(0.0, 100.0)),
                    ],
                    palette::PHASE_BARS[b.phase % 4].filled(),
                )
            }))
            .map_err(draw_err)?;
        chart
            .draw_series(data.bars.iter().enumerate().map(|(i, b)| {
                let y = (b.percent.clamp(0.0, 100.0) + 2.0).min(96.0);
                Text::new(
                    format!("{:.0}%", b.percent),
                    (i as f64 - 0.25, y + 4.0),
                    ("sans-serif", 11).into_font().color(&palette::INK),
                )
            }))
            .map_err(draw_err)?;
        root.present().map_err(draw_err)?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::svg_texts;
    use crate::domain::{framework, Audit, Score};

    fn data_for(audit: &Audit) -> Data {
        let fw = framework();
        Data::from_scorecard(fw, &Scorecard::compute(fw, audit))
    }

    /// Heights of the bar rectangles (those filled with a phase bar colour).
    fn bar_heights(svg: &str) -> Vec<f64> {
        let colours: Vec<String> = palette::PHASE_BARS
            .iter()
            .map(|c| format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2))
            .collect();
        svg.lines()
            .filter(|l| l.contains("<rect") && colours.iter().any(|c| l.contains(c.as_str())))
            .filter_map(|l| {
                let h = l.split("height=\"").nth(1)?.split('"').next()?;
                h.parse().ok()
            })
            .collect()
    }

    #[test]
    fn draws_twelve_labelled_bars() {
        let svg = render(&data_for(&Audit::default())).unwrap();
        assert!(svg.starts_with("<svg"));
        let texts = svg_texts(&svg);
        for label in [
            "A1",
            "B2",
            "C3",
            "D3",
            "A Scoping KAM",
            "D Optimising value",
        ] {
            assert!(
                texts.iter().any(|t| t == label),
                "missing {label} in {texts:?}"
            );
        }
        assert_eq!(bar_heights(&svg).len(), 12);
    }

    #[test]
    fn bar_height_follows_the_percentage() {
        let mut audit = Audit::default();
        // Period 1 full (100 %), period 2 untouched (0 %).
        for a in &framework().period(1).unwrap().actions {
            audit.set_score(&a.id, Some(Score::new(3).unwrap()));
        }
        let data = data_for(&audit);
        assert_eq!(data.bars[0].percent, 100.0);
        let svg = render(&data).unwrap();
        let h = bar_heights(&svg);
        assert!(h[0] > 200.0, "period 1 bar should be tall: {h:?}");
        assert!(h[1] < 1.0, "period 2 bar should be flat: {h:?}");
        let texts = svg_texts(&svg);
        assert_eq!(
            texts.iter().filter(|t| *t == "100%").count(),
            2,
            "{texts:?}"
        ); // axis + bar label
        assert_eq!(texts.iter().filter(|t| *t == "0%").count(), 12, "{texts:?}");
        // axis + 11 bars
    }

    #[test]
    fn empty_data_is_an_error() {
        let data = Data {
            bars: vec![],
            phase_names: vec![],
        };
        assert_eq!(render(&data), Err(ChartError::NoData));
    }
}
