//! Score by period (the source's Figure 3): one bar per period as % of that
//! period's maximum, on bands for the four phases, with the milestones as
//! dashed lines between periods and, optionally, a target bar beside each
//! current bar.

use super::{draw_err, font, palette, ChartError};
use crate::domain::number::fixed;
use crate::domain::order;
use crate::domain::{Framework, Scorecard};
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

#[derive(Debug, Clone, PartialEq)]
pub struct PeriodBar {
    /// Short label, e.g. "A1".
    pub label: String,
    pub percent: f64,
    /// 0-based phase index (A = 0).
    pub phase: usize,
    /// Target % for this period, drawn as a lighter bar beside the current one.
    pub target: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Data {
    pub bars: Vec<PeriodBar>,
    pub phase_names: Vec<String>,
    /// Milestones as (position, name). The position is in period numbers:
    /// 3.5 is the boundary between periods 3 and 4.
    pub milestones: Vec<(f64, String)>,
}

impl Data {
    /// Current scores only, with the framework's phases and milestones.
    pub fn from_scorecard(fw: &Framework, sc: &Scorecard) -> Self {
        Self::from_scorecards(fw, sc, None)
    }

    /// Current scores and, when given, a target scorecard drawn beside them.
    pub fn from_scorecards(
        fw: &Framework,
        current: &Scorecard,
        target: Option<&Scorecard>,
    ) -> Self {
        let mut bars = Vec::new();
        for (pi, phase) in fw.phases.iter().enumerate() {
            for period in &phase.periods {
                bars.push(PeriodBar {
                    label: period.id.clone(),
                    percent: current.period(period.number).percent(),
                    phase: pi,
                    target: target.map(|t| t.period(period.number).percent()),
                });
            }
        }
        Data {
            bars,
            phase_names: fw.phase_labels(),
            milestones: fw
                .milestones()
                .into_iter()
                .map(|m| (m.after_period as f64 + 0.5, m.name))
                .collect(),
        }
    }

    /// Replaces the targets, one per bar in order (missing ones become `None`).
    pub fn with_targets(mut self, targets: impl IntoIterator<Item = Option<f64>>) -> Self {
        let mut it = targets.into_iter();
        for bar in &mut self.bars {
            bar.target = it.next().flatten();
        }
        self
    }

    fn has_targets(&self) -> bool {
        self.bars.iter().any(|b| b.target.is_some())
    }
}

pub const SIZE: (u32, u32) = (760, 360);

/// plotters' SVG backend writes font-size = size / 1.24, so 14 gives ~11.3 px.
const LABEL: f64 = 14.0;
const SMALL_PX_PER_CHAR: f64 = 6.4;
const TOP: i32 = 58;

/// `c` mixed with white: `amount` 0 = white, 1 = `c`.
fn tint(c: RGBColor, amount: f64) -> RGBColor {
    let mix = |v: u8| (255.0 - (255.0 - v as f64) * amount).round() as u8;
    RGBColor(mix(c.0), mix(c.1), mix(c.2))
}

fn text_width(s: &str, size: f64) -> f64 {
    s.chars().count() as f64 * SMALL_PX_PER_CHAR * size / LABEL
}

pub fn render(data: &Data) -> Result<String, ChartError> {
    if data.bars.is_empty() {
        return Err(ChartError::NoData);
    }
    let n = data.bars.len();
    let with_targets = data.has_targets();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .margin_top(TOP as u32)
            .x_label_area_size(30)
            .y_label_area_size(58)
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
                (x, 6),
                ("sans-serif", 15)
                    .into_font()
                    .style(FontStyle::Bold)
                    .color(&palette::PHASE_BARS[pi % 4]),
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
            .y_label_formatter(&|y| format!("{}%", fixed(*y, 0)))
            .y_desc("Score (% of period maximum)")
            .max_light_lines(0)
            .bold_line_style(palette::GRID)
            .axis_style(palette::MUTED)
            .axis_desc_style(font(LABEL, palette::MUTED))
            .label_style(font(LABEL, palette::INK))
            .draw()
            .map_err(draw_err)?;

        // Bars: the current one alone in the middle, or current left and target right.
        let (cur_off, half) = if with_targets {
            (-0.19, 0.17)
        } else {
            (0.0, 0.32)
        };
        chart
            .draw_series(data.bars.iter().enumerate().map(|(i, b)| {
                let x = i as f64 + cur_off;
                Rectangle::new(
                    [(x - half, 0.0), (x + half, b.percent.clamp(0.0, 100.0))],
                    palette::PHASE_BARS[b.phase % 4].filled(),
                )
            }))
            .map_err(draw_err)?;
        for (i, b) in data.bars.iter().enumerate() {
            let Some(t) = b.target else { continue };
            let x = i as f64 - cur_off;
            let t = t.clamp(0.0, 100.0);
            let colour = palette::PHASE_BARS[b.phase % 4];
            chart
                .draw_series([
                    Rectangle::new(
                        [(x - half, 0.0), (x + half, t)],
                        tint(colour, 0.28).filled(),
                    ),
                    Rectangle::new([(x - half, 0.0), (x + half, t)], colour.stroke_width(1)),
                ])
                .map_err(draw_err)?;
        }

        // Value labels: always for the current bar; for the target only where it
        // does not run into the current label.
        let label_px = |pct: f64| chart.backend_coord(&(0.0, pct.clamp(0.0, 100.0))).1;
        for (i, b) in data.bars.iter().enumerate() {
            let (x, _) = chart.backend_coord(&(i as f64 + cur_off, 0.0));
            let y = label_px(b.percent) - 3;
            root.draw(&Text::new(
                format!("{}%", fixed(b.percent, 0)),
                (x, y.max(TOP - 2)),
                font(LABEL, palette::INK).pos(Pos::new(HPos::Center, VPos::Bottom)),
            ))
            .map_err(draw_err)?;
            if let Some(t) = b.target {
                let ty = label_px(t) - 3;
                if (ty - y).abs() >= 14 {
                    let (tx, _) = chart.backend_coord(&(i as f64 - cur_off, 0.0));
                    root.draw(&Text::new(
                        format!("{}%", fixed(t, 0)),
                        (tx, ty.max(TOP - 2)),
                        font(LABEL, palette::MUTED).pos(Pos::new(HPos::Center, VPos::Bottom)),
                    ))
                    .map_err(draw_err)?;
                }
            }
        }

        // Milestones: dashed lines at period boundaries, named in the strip above.
        let plot_top = chart.backend_coord(&(0.0, 100.0)).1;
        let plot_bottom = chart.backend_coord(&(0.0, 0.0)).1;
        let right_edge = SIZE.0 as i32 - 4;
        let mut taken: Vec<(f64, f64, i32)> = Vec::new();
        let mut sorted: Vec<&(f64, String)> = data.milestones.iter().collect();
        order::sort_by(&mut sorted, |a, b| a.0.total_cmp(&b.0));
        let xs: Vec<i32> = sorted
            .iter()
            .map(|(at, _)| chart.backend_coord(&(at - 1.0, 0.0)).0)
            .collect();
        for (k, (_, name)) in sorted.iter().enumerate() {
            let x = xs[k];
            let w = text_width(name, LABEL);
            let xf = x as f64;
            let right = [(xf + 5.0, xf + 5.0 + w, 0), (xf + 5.0, xf + 5.0 + w, 1)];
            let left = [(xf - 5.0 - w, xf - 5.0, 0), (xf - 5.0 - w, xf - 5.0, 1)];
            // Right of the line, unless the next milestone is in the way: then left.
            let crowded = xs.get(k + 1).is_some_and(|&nx| (nx as f64) < xf + w + 60.0);
            let candidates = if crowded {
                [left[0], right[0], left[1], right[1]]
            } else {
                [right[0], left[0], right[1], left[1]]
            };
            let free = |(a, b, row): (f64, f64, i32)| {
                a >= 2.0
                    && b <= right_edge as f64
                    && taken
                        .iter()
                        .all(|&(ta, tb, tr)| tr != row || b + 8.0 < ta || a > tb + 8.0)
            };
            let (a, b, row) = candidates
                .iter()
                .copied()
                .find(|&c| free(c))
                .unwrap_or(candidates[0]);
            taken.push((a, b, row));
            let ty = 26 + row * 15;
            root.draw(&DashedPathElement::new(
                [(x, ty), (x, plot_bottom)],
                5,
                4,
                palette::INK.stroke_width(1),
            ))
            .map_err(draw_err)?;
            root.draw(&Circle::new((x, plot_top), 3, palette::INK.filled()))
                .map_err(draw_err)?;
            root.draw(&Text::new(
                name.clone(),
                (a.round() as i32, ty - 1),
                font(LABEL, palette::INK).pos(Pos::new(HPos::Left, VPos::Top)),
            ))
            .map_err(draw_err)?;
        }

        if with_targets {
            // Legend at the top right of the milestone strip.
            let entries = [("Current", false), ("Target", true)];
            let mut x = right_edge - 150;
            let y = 28 + 15;
            for (name, is_target) in entries {
                let c = palette::PHASE_BARS[0];
                let swatch = [(x, y - 5), (x + 12, y + 7)];
                if is_target {
                    root.draw(&Rectangle::new(swatch, tint(c, 0.28).filled()))
                        .map_err(draw_err)?;
                    root.draw(&Rectangle::new(swatch, c.stroke_width(1)))
                        .map_err(draw_err)?;
                } else {
                    root.draw(&Rectangle::new(swatch, c.filled()))
                        .map_err(draw_err)?;
                }
                root.draw(&Text::new(
                    name,
                    (x + 17, y + 1),
                    font(LABEL, palette::INK).pos(Pos::new(HPos::Left, VPos::Center)),
                ))
                .map_err(draw_err)?;
                x += 80;
            }
        }
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

    fn hex(c: RGBColor) -> String {
        format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
    }

    fn attr(line: &str, name: &str) -> Option<f64> {
        line.split(&format!(" {name}=\""))
            .nth(1)?
            .split('"')
            .next()?
            .parse()
            .ok()
    }

    /// Heights of the current bars (rectangles filled with a phase bar colour).
    fn bar_heights(svg: &str) -> Vec<f64> {
        let fills: Vec<String> = palette::PHASE_BARS
            .iter()
            .map(|&c| format!("fill=\"{}\"", hex(c)))
            .collect();
        svg.lines()
            .filter(|l| l.contains("<rect") && fills.iter().any(|c| l.contains(c.as_str())))
            .filter(|l| attr(l, "width").is_some_and(|w| w > 14.0)) // not legend swatches
            .filter_map(|l| attr(l, "height"))
            .collect()
    }

    /// Heights of the target bars (rectangles filled with a tinted phase colour).
    fn target_heights(svg: &str) -> Vec<f64> {
        let fills: Vec<String> = palette::PHASE_BARS
            .iter()
            .map(|&c| format!("fill=\"{}\"", hex(tint(c, 0.28))))
            .collect();
        svg.lines()
            .filter(|l| l.contains("<rect") && fills.iter().any(|c| l.contains(c.as_str())))
            .filter(|l| attr(l, "width").is_some_and(|w| w > 14.0))
            .filter_map(|l| attr(l, "height"))
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
    fn target_bars_only_when_given() {
        let data = data_for(&Audit::default());
        assert!(data.bars.iter().all(|b| b.target.is_none()));
        let svg = render(&data).unwrap();
        assert!(target_heights(&svg).is_empty());
        assert!(!svg_texts(&svg).iter().any(|t| t == "Target"));
    }

    #[test]
    fn target_bar_height_reflects_its_percentage() {
        let fw = framework();
        let current = Scorecard::compute(fw, &Audit::default());
        let mut planned = Audit::default();
        for a in &fw.period(1).unwrap().actions {
            planned.set_score(&a.id, Some(Score::new(3).unwrap()));
        }
        for a in &fw.period(2).unwrap().actions {
            planned.set_score(&a.id, Some(Score::new(1).unwrap()));
        }
        let target = Scorecard::compute(fw, &planned);
        let data = Data::from_scorecards(fw, &current, Some(&target));
        assert_eq!(data.bars[0].target, Some(100.0));
        let svg = render(&data).unwrap();
        let t = target_heights(&svg);
        assert_eq!(t.len(), 12, "{t:?}");
        let full = t[0];
        assert!(full > 200.0, "{t:?}");
        // Period 2 at a third: a third of the full height, to the pixel.
        assert!((t[1] - full / 3.0).abs() <= 1.5, "{t:?}");
        assert!(t[2] < 1.0, "{t:?}");
        // Current bars are still all there and flat.
        let h = bar_heights(&svg);
        assert_eq!(h.len(), 12);
        assert!(h.iter().all(|&h| h < 1.0), "{h:?}");
        let texts = svg_texts(&svg);
        assert!(texts.iter().any(|t| t == "Current"), "{texts:?}");
        assert!(texts.iter().any(|t| t == "Target"), "{texts:?}");
    }

    #[test]
    fn with_targets_sets_each_bar() {
        let data = data_for(&Audit::default()).with_targets([Some(50.0), None, Some(80.0)]);
        assert_eq!(data.bars[0].target, Some(50.0));
        assert_eq!(data.bars[1].target, None);
        assert_eq!(data.bars[2].target, Some(80.0));
        assert!(data.bars[3..].iter().all(|b| b.target.is_none()));
        let svg = render(&data).unwrap();
        assert_eq!(target_heights(&svg).len(), 2);
    }

    #[test]
    fn milestones_are_named_between_their_periods() {
        let data = data_for(&Audit::default());
        let at: Vec<f64> = data.milestones.iter().map(|m| m.0).collect();
        assert_eq!(at, vec![3.5, 4.5, 9.5]);
        let svg = render(&data).unwrap();
        let texts = svg_texts(&svg);
        for name in ["Senior management approval", "Launch", "Recommitment"] {
            assert!(texts.iter().any(|t| t == name), "missing {name}");
        }
        // One dashed line (drawn as several segments) per milestone, at distinct x.
        let ink = format!("stroke=\"{}\"", hex(palette::INK));
        let mut xs: Vec<i64> = svg
            .lines()
            .filter(|l| l.contains("<polyline") && l.contains(&ink))
            .filter_map(|l| {
                let pts = l.split("points=\"").nth(1)?.split('"').next()?;
                let x: Vec<&str> = pts
                    .split_whitespace()
                    .filter_map(|p| p.split(',').next())
                    .collect();
                (x.len() == 2 && x[0] == x[1]).then(|| x[0].parse().ok())?
            })
            .collect();
        xs.sort();
        xs.dedup();
        assert_eq!(xs.len(), 3, "{xs:?}");
        // Between bars 3|4 and 4|5: one period apart.
        let step = (xs[1] - xs[0]) as f64;
        assert!(((xs[2] - xs[1]) as f64 - 5.0 * step).abs() <= 2.0, "{xs:?}");
    }

    #[test]
    fn empty_data_is_an_error() {
        let data = Data {
            bars: vec![],
            phase_names: vec![],
            milestones: vec![],
        };
        assert_eq!(render(&data), Err(ChartError::NoData));
    }
}
