//! Phases in transitioning to KAM (the source's Figure 2): KAM capability
//! rising phase by phase over time, with the twelve periods, the three
//! milestones where the source puts them, and the years it gives (A and B
//! about two years, C and D a further three or more). With a programme
//! start date, today and the audit's position are marked on the same time
//! axis, so the gap between them is the pace.

use super::{bold, draw_err, font, palette, ChartError};
use crate::domain::guide::{self, TimelineReading};
use crate::domain::order;
use crate::domain::Framework;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

#[derive(Debug, Clone, PartialEq)]
pub struct Data {
    /// One per phase, e.g. "A Scoping KAM".
    pub phase_names: Vec<String>,
    /// One per period, e.g. "Awareness".
    pub period_names: Vec<String>,
    /// (after period, name): "Launch" after period 4.
    pub milestones: Vec<(u8, String)>,
    /// Months since the programme started, when a start date is given.
    pub today_months: Option<f64>,
    /// Periods along the path the audit places the programme at.
    pub reached_periods: Option<f64>,
}

impl Data {
    /// The figure as the source draws it, with nothing marked.
    pub fn new(fw: &Framework) -> Self {
        Data {
            phase_names: fw.phase_labels(),
            period_names: fw.periods().map(|p| p.name.clone()).collect(),
            milestones: fw
                .milestones()
                .into_iter()
                .map(|m| (m.after_period, m.name))
                .collect(),
            today_months: None,
            reached_periods: None,
        }
    }

    /// With today and the audit's position from a timeline reading.
    pub fn with_reading(fw: &Framework, reading: Option<&TimelineReading>) -> Self {
        Data {
            today_months: reading.map(|r| r.months),
            reached_periods: reading.and_then(|r| r.reached),
            ..Self::new(fw)
        }
    }

    /// The time axis runs to six years, or further for a long-running programme.
    pub fn axis_months(&self) -> f64 {
        let today = self.today_months.filter(|m| m.is_finite()).unwrap_or(0.0);
        (((today + 6.0) / 12.0).ceil() * 12.0).clamp(72.0, MAX_MONTHS)
    }
}

pub const SIZE: (u32, u32) = (940, 500);
/// Fifteen years: a start date further back is marked at the edge.
const MAX_MONTHS: f64 = 180.0;
const LABEL: f64 = 14.0;
const PX_PER_CHAR: f64 = 5.8;
const ACCENT: RGBColor = RGBColor(0xe1, 0x1d, 0x48);
const TODAY: RGBColor = RGBColor(0x1d, 0x4e, 0xd8);
const LEFT: i32 = 74;
const RIGHT: i32 = SIZE.0 as i32 - 16;
const TOP: i32 = 78;
const BOTTOM: i32 = 350;

/// Capability level at the top of phase `i` (0-3).
fn level(phase: usize) -> f64 {
    0.24 + 0.2 * phase as f64
}

fn text_width(s: &str) -> f64 {
    s.chars().count() as f64 * PX_PER_CHAR
}

pub fn render(data: &Data) -> Result<String, ChartError> {
    if data.phase_names.len() != 4 || data.period_names.len() != 12 {
        return Err(ChartError::NoData);
    }
    let axis_months = data.axis_months();
    let px = |months: f64| {
        LEFT + ((months.clamp(0.0, axis_months) / axis_months) * (RIGHT - LEFT) as f64).round()
            as i32
    };
    let py = |y: f64| BOTTOM - (y.clamp(0.0, 1.0) * (BOTTOM - TOP) as f64).round() as i32;
    let at_period = |p: f64| px(guide::typical_months_to(p));

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;

        // The staircase: each phase a step of capability over its typical time.
        for pi in 0..4 {
            let (x0, x1) = (at_period(pi as f64 * 3.0), at_period(pi as f64 * 3.0 + 3.0));
            let colour = palette::PHASE_BARS[pi];
            let top = py(level(pi));
            root.draw(&Rectangle::new(
                [(x0, top), (x1, BOTTOM)],
                palette::PHASE_BANDS[pi].filled(),
            ))
            .map_err(draw_err)?;
            root.draw(&PathElement::new(
                [(x0, top), (x1, top)],
                colour.stroke_width(3),
            ))
            .map_err(draw_err)?;
            let name = super::fit(&data.phase_names[pi], (x1 - x0 - 8) as f64, 7.2);
            root.draw(&Text::new(
                name,
                (x0 + 5, top - 6),
                bold(15.0, colour).pos(Pos::new(HPos::Left, VPos::Bottom)),
            ))
            .map_err(draw_err)?;
            // Periods: numbered columns inside the step.
            for k in 0..3 {
                let p = pi * 3 + k;
                let (a, b) = (at_period(p as f64), at_period(p as f64 + 1.0));
                if k > 0 {
                    root.draw(&PathElement::new(
                        [(a, top), (a, BOTTOM)],
                        colour.mix(0.35).stroke_width(1),
                    ))
                    .map_err(draw_err)?;
                }
                root.draw(&Text::new(
                    (p + 1).to_string(),
                    ((a + b) / 2, top + 8),
                    bold(LABEL, colour).pos(Pos::new(HPos::Center, VPos::Top)),
                ))
                .map_err(draw_err)?;
            }
        }

        // Best practice beyond period 12.
        let bp = at_period(12.0);
        if bp < RIGHT - 40 {
            root.draw(&DashedPathElement::new(
                [(bp, py(0.94)), (RIGHT - 8, py(0.94))],
                5,
                4,
                palette::MUTED.stroke_width(2),
            ))
            .map_err(draw_err)?;
            for (i, line) in ["Best practice KAM", "'the way we do things'"]
                .iter()
                .enumerate()
            {
                root.draw(&Text::new(
                    super::fit(line, (RIGHT - bp - 8) as f64, PX_PER_CHAR),
                    ((bp + RIGHT) / 2, py(0.94) + 8 + 16 * i as i32),
                    font(LABEL, palette::MUTED).pos(Pos::new(HPos::Center, VPos::Top)),
                ))
                .map_err(draw_err)?;
            }
        }

        // Axes.
        let axis = palette::MUTED.stroke_width(1);
        root.draw(&PathElement::new(
            [(LEFT, TOP - 10), (LEFT, BOTTOM), (RIGHT, BOTTOM)],
            axis,
        ))
        .map_err(draw_err)?;
        for (y, name) in [(0.04, "Low"), (0.96, "High")] {
            root.draw(&Text::new(
                name,
                (LEFT - 8, py(y)),
                font(LABEL, palette::INK).pos(Pos::new(HPos::Right, VPos::Center)),
            ))
            .map_err(draw_err)?;
        }
        root.draw(&Text::new(
            "KAM capability",
            (20, (TOP + BOTTOM) / 2),
            font(LABEL, palette::MUTED)
                .transform(FontTransform::Rotate270)
                .pos(Pos::new(HPos::Center, VPos::Center)),
        ))
        .map_err(draw_err)?;
        let years = (axis_months / 12.0).round() as i32;
        let step = if years > 8 { 2 } else { 1 };
        for year in (0..=years).step_by(step as usize) {
            let x = px(year as f64 * 12.0);
            root.draw(&PathElement::new([(x, BOTTOM), (x, BOTTOM + 6)], axis))
                .map_err(draw_err)?;
            root.draw(&Text::new(
                year.to_string(),
                (x, BOTTOM + 8),
                font(LABEL, palette::INK).pos(Pos::new(HPos::Center, VPos::Top)),
            ))
            .map_err(draw_err)?;
        }
        root.draw(&Text::new(
            "Time (years)",
            (RIGHT, BOTTOM + 34),
            font(LABEL, palette::MUTED).pos(Pos::new(HPos::Right, VPos::Top)),
        ))
        .map_err(draw_err)?;

        // The source's durations, as brackets under the axis.
        for (from, to, text) in [
            (0.0, 6.0, "A + B: about 2 years"),
            (6.0, 12.0, "C + D: a further 3 years or more"),
        ] {
            let (a, b) = (at_period(from) + 2, at_period(to) - 2);
            let y = BOTTOM + 30;
            root.draw(&PathElement::new(
                [(a, y - 4), (a, y), (b, y), (b, y - 4)],
                palette::INK.stroke_width(1),
            ))
            .map_err(draw_err)?;
            root.draw(&Text::new(
                super::fit(text, (b - a) as f64, PX_PER_CHAR),
                ((a + b) / 2, y + 4),
                bold(LABEL, palette::INK).pos(Pos::new(HPos::Center, VPos::Top)),
            ))
            .map_err(draw_err)?;
        }

        // Period key: four equal columns, one per phase, so the longer names fit.
        let col_w = (RIGHT - LEFT) / 4;
        for (i, name) in data.period_names.iter().enumerate().take(12) {
            let (col, row) = (i / 3, i % 3);
            let x0 = LEFT + col as i32 * col_w + 4;
            root.draw(&Text::new(
                super::fit(
                    &format!("{} {}", i + 1, name),
                    (col_w - 10) as f64,
                    PX_PER_CHAR,
                ),
                (x0, BOTTOM + 70 + 16 * row as i32),
                font(13.0, palette::PHASE_BARS[col]).pos(Pos::new(HPos::Left, VPos::Top)),
            ))
            .map_err(draw_err)?;
        }

        // Milestones: dashed lines at their period boundaries, named above
        // the steps on the first free row.
        let mut taken: Vec<(f64, f64, i32)> = Vec::new();
        let mut milestones = data.milestones.clone();
        order::sort_by_key(&mut milestones, |m| m.0);
        for (after, name) in &milestones {
            let x = at_period(*after as f64);
            let xf = x as f64;
            let w = text_width(name);
            let right = [(xf + 5.0, xf + 5.0 + w, 0), (xf + 5.0, xf + 5.0 + w, 1)];
            let left = [(xf - 5.0 - w, xf - 5.0, 0), (xf - 5.0 - w, xf - 5.0, 1)];
            // Right of its line, unless the next milestone's line would run
            // through the name: then left, so each name sits by its own line.
            let next_x = milestones
                .iter()
                .map(|m| at_period(m.0 as f64) as f64)
                .find(|&nx| nx > xf);
            let crowded = next_x.is_some_and(|nx| nx < xf + 5.0 + w + 8.0);
            let candidates = if crowded {
                [left[0], right[0], left[1], right[1]]
            } else {
                [right[0], left[0], right[1], left[1]]
            };
            let free = |(a, b, row): (f64, f64, i32)| {
                a >= 2.0
                    && b <= (RIGHT + 12) as f64
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
            let ty = 8 + row * 17;
            root.draw(&DashedPathElement::new(
                [(x, ty + 14), (x, BOTTOM)],
                5,
                4,
                palette::INK.stroke_width(1),
            ))
            .map_err(draw_err)?;
            root.draw(&Text::new(
                name.clone(),
                (a.round() as i32, ty),
                bold(LABEL, palette::INK).pos(Pos::new(HPos::Left, VPos::Top)),
            ))
            .map_err(draw_err)?;
        }

        // Today, from the programme's start date.
        if let Some(months) = data.today_months.filter(|m| m.is_finite()) {
            let x = px(months);
            root.draw(&PathElement::new(
                [(x, TOP - 6), (x, BOTTOM)],
                TODAY.stroke_width(2),
            ))
            .map_err(draw_err)?;
            let text = if months > axis_months {
                format!("Today: {} in →", guide::format_months(months))
            } else {
                format!("Today: {} in", guide::format_months(months))
            };
            let w = text_width(&text) + 6.0;
            let (tx, anchor) = if (x as f64) + 6.0 + w <= RIGHT as f64 {
                (x + 6, HPos::Left)
            } else {
                (x - 6, HPos::Right)
            };
            root.draw(&Text::new(
                text,
                (tx, TOP - 10),
                bold(LABEL, TODAY).pos(Pos::new(anchor, VPos::Top)),
            ))
            .map_err(draw_err)?;
        }

        // Where the audit places the programme, at the typical time for that point.
        if let Some(reached) = data.reached_periods.filter(|p| p.is_finite()) {
            let reached = reached.clamp(0.0, 12.0);
            let x = at_period(reached);
            let phase = ((reached.max(0.001).ceil() as usize).saturating_sub(1) / 3).min(3);
            let y = py(level(phase)) + 34;
            root.draw(&Circle::new((x, y), 9, WHITE.filled()))
                .map_err(draw_err)?;
            root.draw(&Circle::new((x, y), 7, ACCENT.filled()))
                .map_err(draw_err)?;
            let text = "Your audit";
            let w = text_width(text) + 6.0;
            let (tx, anchor) = if (x as f64) + 12.0 + w <= RIGHT as f64 {
                (x + 12, HPos::Left)
            } else {
                (x - 12, HPos::Right)
            };
            root.draw(&Text::new(
                text,
                (tx, y),
                bold(LABEL, ACCENT).pos(Pos::new(anchor, VPos::Center)),
            ))
            .map_err(draw_err)?;
        }
        root.present().map_err(draw_err)?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::svg_texts;
    use crate::domain::framework;

    /// x of every vertical ink segment: the milestones' dashed lines.
    fn dashed_xs(svg: &str) -> Vec<i32> {
        let ink = format!(
            "stroke=\"#{:02X}{:02X}{:02X}\"",
            palette::INK.0,
            palette::INK.1,
            palette::INK.2
        );
        let mut xs: Vec<i32> = svg
            .lines()
            .filter(|l| l.contains("<polyline") && l.contains(&ink))
            .filter_map(|l| {
                let pts = l.split("points=\"").nth(1)?.split('"').next()?;
                let mut it = pts
                    .split_whitespace()
                    .map(|p| p.split(',').next().and_then(|x| x.parse::<i32>().ok()));
                let (a, b) = (it.next()??, it.next()??);
                (a == b).then_some(a)
            })
            .collect();
        xs.dedup();
        xs
    }

    #[test]
    fn shows_phases_periods_years_and_milestones() {
        let svg = render(&Data::new(framework())).unwrap();
        let texts = svg_texts(&svg);
        for t in [
            "A Scoping KAM",
            "D Optimising value",
            "Senior management approval",
            "Launch",
            "Recommitment",
            "A + B: about 2 years",
            "C + D: a further 3 years or more",
            "Time (years)",
            "0",
            "2",
            "5",
            "1 Awareness",
            "12 Revision",
            "KAM capability",
        ] {
            assert!(texts.iter().any(|x| x == t), "missing {t} in {texts:?}");
        }
        assert!(!texts.iter().any(|x| x.starts_with("Today")));
        assert!(!texts.iter().any(|x| x == "Your audit"));
    }

    #[test]
    fn milestones_fall_where_the_source_puts_them() {
        let data = Data::new(framework());
        assert_eq!(
            data.milestones.iter().map(|m| m.0).collect::<Vec<_>>(),
            vec![3, 4, 9]
        );
        let svg = render(&data).unwrap();
        let xs = dashed_xs(&svg);
        // 72 months over 850 px: approval at 12 months, launch at 16 (between
        // periods 4 and 5), recommitment at 42.
        let x = |m: f64| LEFT + (m / 72.0 * (RIGHT - LEFT) as f64).round() as i32;
        for m in [12.0, 16.0, 42.0] {
            assert!(
                xs.contains(&x(m)),
                "no milestone line at {} in {xs:?}",
                x(m)
            );
        }
        assert!(
            !xs.contains(&x(24.0)),
            "nothing at the end of phase B: {xs:?}"
        );
    }

    #[test]
    fn marks_today_and_the_audit() {
        let fw = framework();
        let today = "2026-06-15".parse().unwrap();
        let reading = guide::read("2023-06-15".parse().unwrap(), today, Some(3.667)).unwrap();
        let data = Data::with_reading(fw, Some(&reading));
        let texts = svg_texts(&render(&data).unwrap());
        assert!(texts.iter().any(|x| x == "Today: 3 years in"), "{texts:?}");
        assert!(texts.iter().any(|x| x == "Your audit"));
        // A long-running programme stretches the axis, up to fifteen years.
        let long = Data {
            today_months: Some(100.0),
            ..Data::new(fw)
        };
        assert_eq!(long.axis_months(), 108.0);
        let very = Data {
            today_months: Some(400.0),
            ..Data::new(fw)
        };
        assert_eq!(very.axis_months(), 180.0);
        assert!(svg_texts(&render(&very).unwrap())
            .iter()
            .any(|x| x.ends_with('→')));
    }

    #[test]
    fn a_broken_framework_is_no_data() {
        let data = Data {
            period_names: vec![],
            ..Data::new(framework())
        };
        assert_eq!(render(&data), Err(ChartError::NoData));
    }
}
