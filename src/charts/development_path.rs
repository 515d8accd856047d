//! The development path (the source's Figures 2 and 4): KAM capability rising
//! over time through the twelve periods of phases A-D, with the
//! organisation's overall audit score placed on the path.

use super::{bold, draw_err, font, palette, ChartError};
use crate::domain::{Framework, Scorecard};
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

#[derive(Debug, Clone, PartialEq)]
pub struct Data {
    /// Position along the path in periods, 0..=12: 3.667 is two-thirds
    /// through period 4.
    pub position_periods: f64,
    pub total: u32,
    pub max: u32,
    /// Who the marker stands for, e.g. "You"; shown as "You: 104 / 387".
    pub label: String,
    /// One per phase, e.g. "A Scoping KAM".
    pub phase_names: Vec<String>,
    /// One per period, e.g. "Awareness".
    pub period_names: Vec<String>,
}

impl Data {
    /// The organisation at `total` points of `fw.total_max_score`.
    pub fn new(fw: &Framework, total: u32, label: impl Into<String>) -> Self {
        Data {
            position_periods: position_for_total(fw, total),
            total,
            max: fw.total_max_score,
            label: label.into(),
            phase_names: fw.phase_labels(),
            period_names: fw.periods().map(|p| p.name.clone()).collect(),
        }
    }

    /// The overall score of a scorecard, marked "You".
    pub fn from_scorecard(fw: &Framework, sc: &Scorecard) -> Self {
        Self::new(fw, sc.overall.score, "You")
    }
}

/// Where an overall score falls on the path (the source's Figure 4), in
/// periods: 104 of 387 is 3.667, two-thirds through period 4.
pub fn position_for_total(fw: &Framework, total: u32) -> f64 {
    crate::domain::audit::position(fw, total).cumulative_periods
}

pub const SIZE: (u32, u32) = (940, 430);

/// plotters' SVG backend writes font-size = size / 1.24, so 14 gives ~11.3 px.
const LABEL: f64 = 14.0;
const PX_PER_CHAR: f64 = 5.6;
const PERIODS: f64 = 12.0;
/// The path continues into "Best practice KAM" past period 12.
const X_MAX: f64 = 13.3;
const ACCENT: RGBColor = RGBColor(0xe1, 0x1d, 0x48);
const YEARS: [(f64, &str); 5] = [
    (0.0, "0"),
    (3.0, "1"),
    (6.0, "2"),
    (9.0, "3/4"),
    (12.0, "5/6"),
];

fn tint(c: RGBColor, amount: f64) -> RGBColor {
    let mix = |v: u8| (255.0 - (255.0 - v as f64) * amount).round() as u8;
    RGBColor(mix(c.0), mix(c.1), mix(c.2))
}

/// Capability (0..1) along the path at `x` periods: a gentle S-curve.
fn capability(x: f64) -> f64 {
    let u = (x / PERIODS).clamp(0.0, 1.0);
    let s = 0.45 * u + 0.55 * (3.0 * u * u - 2.0 * u * u * u);
    0.08 + 0.78 * s
}

fn fit(s: &str, width: f64) -> String {
    super::fit(s, width, PX_PER_CHAR)
}

pub fn render(data: &Data) -> Result<String, ChartError> {
    if !data.position_periods.is_finite() {
        return Err(ChartError::NoData);
    }
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        let (left, right, top, bottom) = (74, SIZE.0 as i32 - 16, 34, 318);
        let plot = root.margin(top as u32, (SIZE.1 as i32 - bottom) as u32, left as u32, 16);
        let chart = ChartBuilder::on(&plot)
            .build_cartesian_2d(0f64..X_MAX, 0f64..1f64)
            .map_err(draw_err)?;
        let at = |x: f64, y: f64| chart.backend_coord(&(x, y));
        let px = |x: f64| at(x, 0.0).0;
        let py = |y: f64| at(0.0, y).1;

        // Phase bands, with a step rising to each phase's level (as in Figure 2).
        for pi in 0..4 {
            let (x0, x1) = (pi as f64 * 3.0, pi as f64 * 3.0 + 3.0);
            let band = palette::PHASE_BANDS[pi];
            let colour = palette::PHASE_BARS[pi];
            root.draw(&Rectangle::new(
                [(px(x0), top), (px(x1), bottom)],
                band.filled(),
            ))
            .map_err(draw_err)?;
            let step = capability(x1) + 0.05;
            root.draw(&Rectangle::new(
                [(px(x0), py(step)), (px(x1), bottom)],
                tint(colour, 0.10).filled(),
            ))
            .map_err(draw_err)?;
            root.draw(&PathElement::new(
                [(px(x0), py(step)), (px(x1), py(step))],
                tint(colour, 0.45).stroke_width(1),
            ))
            .map_err(draw_err)?;
            if let Some(name) = data.phase_names.get(pi) {
                let w = (px(x1) - px(x0)) as f64 - 8.0;
                root.draw(&Text::new(
                    fit(name, w),
                    (px(x0) + 5, top - 8),
                    bold(15.0, colour).pos(Pos::new(HPos::Left, VPos::Bottom)),
                ))
                .map_err(draw_err)?;
            }
        }
        // Beyond period 12: best practice.
        let bp_left = px(PERIODS);
        root.draw(&DashedPathElement::new(
            [(bp_left, top), (bp_left, bottom)],
            4,
            4,
            palette::MUTED.stroke_width(1),
        ))
        .map_err(draw_err)?;
        for (i, line) in ["Best", "practice", "KAM"].iter().enumerate() {
            root.draw(&Text::new(
                *line,
                ((bp_left + right) / 2, py(0.62) + 16 * i as i32),
                bold(14.0, palette::MUTED).pos(Pos::new(HPos::Center, VPos::Top)),
            ))
            .map_err(draw_err)?;
        }

        // Axes.
        let axis = palette::MUTED.stroke_width(1);
        root.draw(&PathElement::new(
            [(left, top), (left, bottom), (right, bottom)],
            axis,
        ))
        .map_err(draw_err)?;
        // Arrow heads on both axes: capability grows up, time runs right.
        root.draw(&Polygon::new(
            [(left - 5, top + 8), (left, top - 2), (left + 5, top + 8)],
            palette::MUTED.filled(),
        ))
        .map_err(draw_err)?;
        root.draw(&Polygon::new(
            [
                (right - 8, bottom - 5),
                (right + 2, bottom),
                (right - 8, bottom + 5),
            ],
            palette::MUTED.filled(),
        ))
        .map_err(draw_err)?;
        for (y, name) in [(0.04, "Low"), (0.96, "High")] {
            root.draw(&Text::new(
                name,
                (left - 8, py(y)),
                font(LABEL, palette::INK).pos(Pos::new(HPos::Right, VPos::Center)),
            ))
            .map_err(draw_err)?;
        }
        root.draw(&Text::new(
            "KAM capability",
            (20, (top + bottom) / 2),
            font(LABEL, palette::MUTED)
                .transform(FontTransform::Rotate270)
                .pos(Pos::new(HPos::Center, VPos::Center)),
        ))
        .map_err(draw_err)?;
        for p in 0..=12 {
            let x = px(p as f64);
            let len = if p % 3 == 0 { 7 } else { 4 };
            root.draw(&PathElement::new([(x, bottom), (x, bottom + len)], axis))
                .map_err(draw_err)?;
        }
        for (x, name) in YEARS {
            root.draw(&Text::new(
                name,
                (px(x), bottom + 10),
                font(LABEL, palette::INK).pos(Pos::new(HPos::Center, VPos::Top)),
            ))
            .map_err(draw_err)?;
        }
        root.draw(&Text::new(
            "Time (years)",
            ((left + bp_left) / 2, bottom + 28),
            font(LABEL, palette::MUTED).pos(Pos::new(HPos::Center, VPos::Top)),
        ))
        .map_err(draw_err)?;

        // The path, continuing faintly into best practice.
        let curve = |from: f64, to: f64| -> Vec<(i32, i32)> {
            let steps = ((to - from) * 3.0).ceil().max(1.0) as usize;
            (0..=steps)
                .map(|i| {
                    let x = from + (to - from) * i as f64 / steps as f64;
                    at(
                        x,
                        capability(x.min(PERIODS)) + (x - PERIODS).max(0.0) * 0.04,
                    )
                })
                .collect()
        };
        root.draw(&DashedPathElement::new(
            curve(PERIODS, X_MAX - 0.25),
            5,
            4,
            palette::INK.stroke_width(2),
        ))
        .map_err(draw_err)?;
        root.draw(&PathElement::new(
            curve(0.0, PERIODS),
            palette::INK.stroke_width(3),
        ))
        .map_err(draw_err)?;

        // Period stations on the path, numbered.
        for p in 1..=12 {
            let x = p as f64 - 0.5;
            let c = at(x, capability(x));
            let colour = palette::PHASE_BARS[(p - 1) / 3];
            root.draw(&Circle::new(c, 5, WHITE.filled()))
                .map_err(draw_err)?;
            root.draw(&Circle::new(c, 5, colour.stroke_width(2)))
                .map_err(draw_err)?;
            root.draw(&Text::new(
                p.to_string(),
                (c.0 + 4, c.1 + 8),
                bold(LABEL, colour).pos(Pos::new(HPos::Left, VPos::Top)),
            ))
            .map_err(draw_err)?;
        }

        // Period key under the axis, one column per phase.
        for (i, name) in data.period_names.iter().enumerate().take(12) {
            let (col, row) = (i / 3, i % 3);
            let x0 = px(col as f64 * 3.0) + 4;
            let w = (px(3.0) - px(0.0)) as f64 - 6.0;
            root.draw(&Text::new(
                fit(&format!("{} {}", i + 1, name), w),
                (x0, bottom + 50 + 16 * row as i32),
                font(LABEL, palette::INK).pos(Pos::new(HPos::Left, VPos::Top)),
            ))
            .map_err(draw_err)?;
        }

        // The organisation on the path.
        let x = data.position_periods.clamp(0.0, PERIODS);
        let (mx, my) = at(x, capability(x));
        root.draw(&DashedPathElement::new(
            [(mx, my + 9), (mx, bottom)],
            3,
            3,
            ACCENT.stroke_width(1),
        ))
        .map_err(draw_err)?;
        root.draw(&Circle::new((mx, my), 10, WHITE.filled()))
            .map_err(draw_err)?;
        root.draw(&Circle::new((mx, my), 7, ACCENT.filled()))
            .map_err(draw_err)?;
        let text = if data.label.is_empty() {
            format!("{} / {}", data.total, data.max)
        } else {
            format!("{}: {} / {}", data.label, data.total, data.max)
        };
        let w = (text.chars().count() as f64 * 7.0 + 16.0) as i32;
        let h = 24;
        // Above-left of the marker (the path lies below-left); near the left
        // edge, above-right and higher, where the path is still flat.
        let (bx, by) = if mx - 14 - w >= left + 2 {
            (mx - 14 - w, my - 12 - h)
        } else {
            (mx + 14, my - 40 - h)
        };
        let by = by.max(top + 2);
        root.draw(&Rectangle::new(
            [(bx, by), (bx + w, by + h)],
            WHITE.filled(),
        ))
        .map_err(draw_err)?;
        root.draw(&PathElement::new(
            [
                (bx, by),
                (bx + w, by),
                (bx + w, by + h),
                (bx, by + h),
                (bx, by),
            ],
            ACCENT.stroke_width(2),
        ))
        .map_err(draw_err)?;
        root.draw(&Text::new(
            text,
            (bx + w / 2, by + h / 2),
            bold(15.0, palette::INK).pos(Pos::new(HPos::Center, VPos::Center)),
        ))
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

    fn data_at(position: f64) -> Data {
        Data {
            position_periods: position,
            ..Data::new(framework(), 104, "You")
        }
    }

    /// Centre and radius of the marker (the circle filled with the accent colour).
    fn marker(svg: &str) -> (f64, f64) {
        let fill = format!("fill=\"#{:02X}{:02X}{:02X}\"", ACCENT.0, ACCENT.1, ACCENT.2);
        let line = svg
            .lines()
            .find(|l| l.contains("<circle") && l.contains(&fill))
            .expect("marker circle");
        let attr = |name: &str| -> f64 {
            line.split(&format!(" {name}=\""))
                .nth(1)
                .and_then(|s| s.split('"').next())
                .and_then(|s| s.parse().ok())
                .unwrap()
        };
        (attr("cx"), attr("cy"))
    }

    #[test]
    fn position_follows_the_cumulative_period_maxima() {
        let fw = framework();
        assert_eq!(position_for_total(fw, 0), 0.0);
        assert!((position_for_total(fw, 104) - (3.0 + 26.0 / 39.0)).abs() < 1e-9);
        assert_eq!(position_for_total(fw, 78), 3.0);
        assert_eq!(position_for_total(fw, 387), 12.0);
        assert_eq!(position_for_total(fw, 999), 12.0);
        let mut audit = Audit::default();
        for a in &fw.period(1).unwrap().actions {
            audit.set_score(&a.id, Some(Score::new(3).unwrap()));
        }
        let data = Data::from_scorecard(fw, &Scorecard::compute(fw, &audit));
        assert_eq!((data.total, data.max), (21, 387));
        assert_eq!(data.position_periods, 1.0);
        assert_eq!(data.label, "You");
    }

    #[test]
    fn labels_the_organisation_years_and_phases() {
        let svg = render(&Data::new(framework(), 104, "You")).unwrap();
        assert!(svg.starts_with("<svg"));
        let texts = svg_texts(&svg);
        for t in [
            "You: 104 / 387",
            "0",
            "1",
            "2",
            "3/4",
            "5/6",
            "Time (years)",
            "KAM capability",
            "Low",
            "High",
            "A Scoping KAM",
            "D Optimising value",
            "1 Awareness",
            "12 Revision",
        ] {
            assert!(texts.iter().any(|x| x == t), "missing {t} in {texts:?}");
        }
    }

    #[test]
    fn marker_moves_right_and_up_along_the_path() {
        let positions = [0.0, 1.5, 3.667, 6.0, 9.2, 12.0];
        let marks: Vec<(f64, f64)> = positions
            .iter()
            .map(|&p| marker(&render(&data_at(p)).unwrap()))
            .collect();
        for w in marks.windows(2) {
            assert!(w[1].0 > w[0].0, "x should increase: {marks:?}");
            assert!(w[1].1 < w[0].1, "y should rise (smaller): {marks:?}");
        }
        // Inside the plot area at both ends.
        let (x0, y0) = marks[0];
        let (x12, y12) = marks[5];
        assert!(x0 >= 70.0 && (34.0..=318.0).contains(&y0), "{marks:?}");
        assert!(x12 <= SIZE.0 as f64 - 16.0 && y12 >= 34.0, "{marks:?}");
        // Out-of-range positions stay on the path.
        assert_eq!(marker(&render(&data_at(-3.0)).unwrap()), marks[0]);
        assert_eq!(marker(&render(&data_at(20.0)).unwrap()), marks[5]);
    }

    #[test]
    fn marker_sits_on_the_period_it_has_reached() {
        // Period boundaries are evenly spaced: 3.5 lies halfway between 3 and 4.
        let x = |p: f64| marker(&render(&data_at(p)).unwrap()).0;
        assert!((x(3.5) - (x(3.0) + x(4.0)) / 2.0).abs() <= 1.0);
    }

    #[test]
    fn not_a_number_is_no_data() {
        assert_eq!(render(&data_at(f64::NAN)), Err(ChartError::NoData));
    }
}
