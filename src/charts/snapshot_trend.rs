//! Progress over saved snapshots: the overall audit % as a bold line and
//! each phase's % as a thin line in its phase colour.

use super::{draw_err, ellipsize, font, palette, ChartError};
use crate::domain::number::fixed;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

#[derive(Debug, Clone, PartialEq)]
pub struct TrendPoint {
    /// Snapshot name or date; long labels are shortened on the axis.
    pub label: String,
    pub overall_pct: f64,
    /// One per phase, A-D.
    pub phase_pct: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Data {
    /// Oldest first.
    pub points: Vec<TrendPoint>,
    /// Legend names for the phase lines, e.g. "A Scoping KAM"; where missing,
    /// "Phase A" etc.
    pub phase_names: Vec<String>,
}

impl Data {
    /// Points with the phase names of the compiled-in framework.
    pub fn new(points: Vec<TrendPoint>) -> Self {
        Data {
            points,
            phase_names: crate::domain::framework().phase_labels(),
        }
    }
}

pub const SIZE: (u32, u32) = (760, 340);

/// plotters' SVG backend writes font-size = size / 1.24, so 14 gives ~11.3 px.
const LABEL: f64 = 14.0;
const PX_PER_CHAR: f64 = 5.8;
const LEGEND_W: i32 = 170;
const MAX_LABEL_CHARS: usize = 16;

fn phase_name(data: &Data, i: usize) -> String {
    data.phase_names
        .get(i)
        .cloned()
        .unwrap_or_else(|| format!("Phase {}", (b'A' + i as u8) as char))
}

pub fn render(data: &Data) -> Result<String, ChartError> {
    let n = data.points.len();
    if n == 0 {
        return Err(ChartError::NoData);
    }
    let phases = data
        .points
        .iter()
        .map(|p| p.phase_pct.len())
        .max()
        .unwrap_or(0)
        .min(4);
    let pct = |v: f64| {
        if v.is_finite() {
            v.clamp(0.0, 100.0)
        } else {
            0.0
        }
    };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        let (plot_area, legend_area) = root.split_horizontally(SIZE.0 - LEGEND_W as u32);
        let mut chart = ChartBuilder::on(&plot_area)
            .margin(12)
            .margin_top(22)
            .margin_right(20)
            .x_label_area_size(34)
            .y_label_area_size(58)
            .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0f64..100f64)
            .map_err(draw_err)?;

        // Show every k-th label so that the labels never run into each other.
        let (px0, _) = chart.backend_coord(&(0.0, 0.0));
        let (px1, _) = chart.backend_coord(&(1.0, 0.0));
        let slot = (px1 - px0).max(1) as f64;
        let labels: Vec<String> = data
            .points
            .iter()
            .map(|p| ellipsize(&p.label, MAX_LABEL_CHARS))
            .collect();
        let widest =
            labels.iter().map(|l| l.chars().count()).max().unwrap_or(1) as f64 * PX_PER_CHAR + 10.0;
        let every = ((widest / slot).ceil() as usize).max(1);
        // Smaller markers when the snapshots are close together.
        let dense = slot < 18.0;
        let (phase_r, overall_r) = if dense { (2, 3) } else { (3, 4) };
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .y_labels(6)
            .y_label_formatter(&|y| format!("{}%", fixed(*y, 0)))
            .y_desc("Score (% of maximum)")
            .max_light_lines(0)
            .bold_line_style(palette::GRID)
            .axis_style(palette::MUTED)
            .axis_desc_style(font(LABEL, palette::MUTED))
            .label_style(font(LABEL, palette::INK))
            .draw()
            .map_err(draw_err)?;
        let (_, bottom) = chart.backend_coord(&(0.0, 0.0));
        for (i, label) in labels.iter().enumerate() {
            // Always label the latest snapshot; thin out the rest from the end.
            if !(n - 1 - i).is_multiple_of(every) {
                continue;
            }
            let (x, _) = chart.backend_coord(&(i as f64, 0.0));
            root.draw(&PathElement::new(
                [(x, bottom), (x, bottom + 4)],
                palette::MUTED.stroke_width(1),
            ))
            .map_err(draw_err)?;
            root.draw(&Text::new(
                label.clone(),
                (x, bottom + 8),
                font(LABEL, palette::INK).pos(Pos::new(HPos::Center, VPos::Top)),
            ))
            .map_err(draw_err)?;
        }

        // Phase lines first (thin), then the overall line on top (bold).
        for ph in 0..phases {
            let colour = palette::PHASE_BARS[ph];
            let pts: Vec<(f64, f64)> = data
                .points
                .iter()
                .enumerate()
                .filter_map(|(i, p)| Some((i as f64, pct(*p.phase_pct.get(ph)?))))
                .collect();
            chart
                .draw_series(std::iter::once(PathElement::new(
                    pts.clone(),
                    colour.stroke_width(2),
                )))
                .map_err(draw_err)?;
            chart
                .draw_series(
                    pts.iter()
                        .map(|&c| Circle::new(c, phase_r, colour.filled())),
                )
                .map_err(draw_err)?;
        }
        let overall: Vec<(f64, f64)> = data
            .points
            .iter()
            .enumerate()
            .map(|(i, p)| (i as f64, pct(p.overall_pct)))
            .collect();
        chart
            .draw_series(std::iter::once(PathElement::new(
                overall.clone(),
                palette::INK.stroke_width(4),
            )))
            .map_err(draw_err)?;
        if !dense {
            chart
                .draw_series(overall.iter().map(|&c| Circle::new(c, 6, WHITE.filled())))
                .map_err(draw_err)?;
        }
        chart
            .draw_series(
                overall
                    .iter()
                    .map(|&c| Circle::new(c, overall_r, palette::INK.filled())),
            )
            .map_err(draw_err)?;
        // The latest overall value, beside its marker.
        if let Some(&(x, y)) = overall.last() {
            let (bx, by) = chart.backend_coord(&(x, y));
            let above = if y > 90.0 { 14 } else { -14 };
            root.draw(&Text::new(
                format!("{}%", fixed(y, 0)),
                (bx, by + above),
                ("sans-serif", 15.0)
                    .into_font()
                    .style(FontStyle::Bold)
                    .color(&palette::INK)
                    .pos(Pos::new(HPos::Center, VPos::Center)),
            ))
            .map_err(draw_err)?;
        }

        // Legend at the right.
        let mut y = 30;
        let entry =
            |name: String, colour: RGBColor, width: u32, y: i32| -> Result<(), ChartError> {
                legend_area
                    .draw(&PathElement::new(
                        [(8, y), (34, y)],
                        colour.stroke_width(width),
                    ))
                    .map_err(draw_err)?;
                legend_area
                    .draw(&Circle::new(
                        (21, y),
                        if width > 2 { 4 } else { 3 },
                        colour.filled(),
                    ))
                    .map_err(draw_err)?;
                legend_area
                    .draw(&Text::new(
                        ellipsize(&name, 22),
                        (42, y),
                        font(LABEL, palette::INK).pos(Pos::new(HPos::Left, VPos::Center)),
                    ))
                    .map_err(draw_err)
            };
        entry("Overall".to_string(), palette::INK, 4, y)?;
        y += 26;
        for ph in 0..phases {
            entry(phase_name(data, ph), palette::PHASE_BARS[ph], 2, y)?;
            y += 22;
        }
        root.present().map_err(draw_err)?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::svg_texts;

    fn point(label: &str, overall: f64, phases: [f64; 4]) -> TrendPoint {
        TrendPoint {
            label: label.to_string(),
            overall_pct: overall,
            phase_pct: phases.to_vec(),
        }
    }

    fn hex(c: RGBColor) -> String {
        format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
    }

    /// Points of the polylines drawn in `colour` with the given stroke width.
    fn lines(svg: &str, colour: RGBColor, width: u32) -> Vec<Vec<(i32, i32)>> {
        let stroke = format!("stroke=\"{}\" stroke-width=\"{width}\"", hex(colour));
        svg.lines()
            .filter(|l| l.contains("<polyline") && l.contains(&stroke))
            .filter_map(|l| {
                let pts = l.split("points=\"").nth(1)?.split('"').next()?;
                Some(
                    pts.split_whitespace()
                        .filter_map(|p| {
                            let (x, y) = p.split_once(',')?;
                            Some((x.parse().ok()?, y.parse().ok()?))
                        })
                        .collect(),
                )
            })
            .collect()
    }

    fn sample() -> Data {
        Data::new(vec![
            point("2024-01 baseline", 10.0, [30.0, 10.0, 5.0, 0.0]),
            point("2024-06", 25.0, [60.0, 30.0, 10.0, 2.0]),
            point(
                "2025-01 after the launch workshop",
                40.0,
                [90.0, 55.0, 20.0, 5.0],
            ),
        ])
    }

    #[test]
    fn empty_is_no_data() {
        assert_eq!(render(&Data::new(vec![])), Err(ChartError::NoData));
    }

    #[test]
    fn draws_overall_and_phase_lines_with_legend() {
        let svg = render(&sample()).unwrap();
        assert!(svg.starts_with("<svg"));
        // Overall: one bold line through three points, rising on screen.
        let overall = lines(&svg, palette::INK, 4);
        let overall: Vec<_> = overall.into_iter().filter(|l| l.len() == 3).collect();
        assert_eq!(overall.len(), 1, "{overall:?}");
        let o = &overall[0];
        assert!(o[0].0 < o[1].0 && o[1].0 < o[2].0);
        assert!(o[0].1 > o[1].1 && o[1].1 > o[2].1);
        // Each phase: a thin line in its colour.
        for c in palette::PHASE_BARS {
            assert!(
                lines(&svg, c, 2).iter().any(|l| l.len() == 3),
                "no line in {}",
                hex(c)
            );
        }
        let texts = svg_texts(&svg);
        for t in [
            "Overall",
            "A Scoping KAM",
            "D Optimising value",
            "2024-06",
            "40%",
            "100%",
        ] {
            assert!(texts.iter().any(|x| x == t), "missing {t} in {texts:?}");
        }
        // The long label is shortened.
        assert!(texts.iter().any(|x| x == "2025-01 after t…"), "{texts:?}");
        assert!(!texts.iter().any(|x| x.contains("workshop")));
    }

    #[test]
    fn y_follows_the_percentage() {
        let svg = render(&Data::new(vec![
            point("a", 0.0, [0.0; 4]),
            point("b", 100.0, [0.0; 4]),
            point("c", 50.0, [0.0; 4]),
        ]))
        .unwrap();
        let o = lines(&svg, palette::INK, 4)
            .into_iter()
            .find(|l| l.len() == 3)
            .unwrap();
        let mid = (o[0].1 + o[1].1) as f64 / 2.0;
        assert!((o[2].1 as f64 - mid).abs() <= 1.0, "{o:?}");
    }

    #[test]
    fn a_single_point_works() {
        let svg = render(&Data::new(vec![point(
            "Today",
            33.0,
            [50.0, 20.0, 0.0, 0.0],
        )]))
        .unwrap();
        let texts = svg_texts(&svg);
        assert!(texts.iter().any(|t| t == "Today"));
        assert!(texts.iter().any(|t| t == "33%"));
    }

    #[test]
    fn many_points_thin_out_their_labels() {
        let points: Vec<_> = (0..40)
            .map(|i| point(&format!("Snapshot {i:02}"), i as f64 * 2.0, [i as f64; 4]))
            .collect();
        let svg = render(&Data::new(points)).unwrap();
        let texts = svg_texts(&svg);
        let shown = texts.iter().filter(|t| t.starts_with("Snapshot")).count();
        assert!(shown > 2 && shown < 15, "{shown}");
        // The latest is always labelled.
        assert!(texts.iter().any(|t| t == "Snapshot 39"));
    }

    #[test]
    fn missing_phase_names_fall_back() {
        let data = Data {
            points: vec![point("x", 1.0, [1.0; 4])],
            phase_names: vec![],
        };
        let texts = svg_texts(&render(&data).unwrap());
        assert!(texts.iter().any(|t| t == "Phase C"));
    }
}
