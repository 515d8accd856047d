//! The portfolio matrix: customer attractiveness (up) against our relative
//! strength as the customer sees it (right), one bubble per account with
//! its area proportional to revenue.

use super::{draw_err, palette, ChartError};
use crate::domain::number::fixed;
use crate::domain::portfolio::{categorise, Category, Portfolio};
use plotters::prelude::*;

#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub label: String,
    /// Relative strength, 0-10 (x).
    pub strength: f64,
    /// Customer attractiveness, 0-10 (y).
    pub attractiveness: f64,
    pub revenue: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Data {
    pub points: Vec<Point>,
    /// Where high begins on both axes.
    pub split: f64,
}

impl Data {
    /// Every rated account of the portfolio; unrated ones have no place.
    pub fn from_portfolio(p: &Portfolio) -> Self {
        Data {
            points: p
                .accounts
                .iter()
                .filter_map(|a| {
                    let pos = p.position(a)?;
                    Some(Point {
                        label: a.name.clone(),
                        strength: pos.strength,
                        attractiveness: pos.attractiveness,
                        revenue: a.revenue.unwrap_or(0.0),
                    })
                })
                .collect(),
            split: p.split,
        }
    }
}

pub const SIZE: (u32, u32) = (720, 560);
/// Bubble radii in pixels; the largest revenue gets `MAX_RADIUS`.
pub const MIN_RADIUS: f64 = 3.0;
pub const MAX_RADIUS: f64 = 28.0;
/// Only the biggest accounts are named, so labels stay readable.
pub const MAX_LABELS: usize = 40;
const LABEL_FONT: u32 = 11;
const LABEL_CHARS: usize = 24;

/// Quadrant fill colours, in `Category::ALL` order.
pub const QUADRANT_FILLS: [RGBColor; 4] = [
    RGBColor(0xec, 0xfd, 0xf5), // Strategic
    RGBColor(0xee, 0xf2, 0xff), // Star
    RGBColor(0xff, 0xf7, 0xed), // Status
    RGBColor(0xf3, 0xf4, 0xf6), // Streamline
];
/// Bubble colours, in `Category::ALL` order.
pub const BUBBLE_COLOURS: [RGBColor; 4] = [
    RGBColor(0x04, 0x78, 0x57),
    RGBColor(0x43, 0x38, 0xca),
    RGBColor(0xc2, 0x41, 0x0c),
    RGBColor(0x6b, 0x72, 0x80),
];

fn category_index(c: Category) -> usize {
    Category::ALL.iter().position(|&x| x == c).unwrap_or(0)
}

/// Radius so that bubble *area* is proportional to revenue, floored at
/// `MIN_RADIUS` so small accounts stay visible.
pub fn radius(revenue: f64, max_revenue: f64) -> f64 {
    if revenue.is_nan() || revenue <= 0.0 || max_revenue.is_nan() || max_revenue <= 0.0 {
        return MIN_RADIUS;
    }
    (MAX_RADIUS * (revenue / max_revenue).min(1.0).sqrt()).max(MIN_RADIUS)
}

/// Pixel box (x0, y0, x1, y1).
type BoxPx = (i32, i32, i32, i32);

fn overlaps(a: BoxPx, b: BoxPx) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

pub fn render(data: &Data) -> Result<String, ChartError> {
    let split = if data.split > 0.0 && data.split < 10.0 {
        data.split
    } else {
        5.0
    };
    let clamp = |v: f64| v.clamp(0.0, 10.0);
    // Drawable points: biggest first so small bubbles stay on top.
    let mut points: Vec<&Point> = data
        .points
        .iter()
        .filter(|p| p.strength.is_finite() && p.attractiveness.is_finite())
        .collect();
    points.sort_by(|a, b| b.revenue.total_cmp(&a.revenue));
    let max_revenue = points
        .iter()
        .map(|p| p.revenue)
        .filter(|r| r.is_finite())
        .fold(0.0f64, f64::max);

    let mut svg = String::with_capacity(4096 + points.len() * 120);
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(16)
            .x_label_area_size(40)
            .y_label_area_size(48)
            .build_cartesian_2d(0f64..10f64, 0f64..10f64)
            .map_err(draw_err)?;

        // Quadrants: (category, x range, y range).
        let quadrants = [
            (Category::Strategic, (split, 10.0), (split, 10.0)),
            (Category::Star, (0.0, split), (split, 10.0)),
            (Category::Status, (split, 10.0), (0.0, split)),
            (Category::Streamline, (0.0, split), (0.0, split)),
        ];
        for (cat, (x0, x1), (y0, y1)) in quadrants {
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(x0, y0), (x1, y1)],
                    QUADRANT_FILLS[category_index(cat)].filled(),
                )))
                .map_err(draw_err)?;
        }

        chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(6)
            .y_labels(6)
            .x_desc("Relative strength (as the customer sees us)")
            .y_desc("Customer attractiveness")
            .x_label_formatter(&|x| fixed(*x, 0))
            .y_label_formatter(&|y| fixed(*y, 0))
            .axis_desc_style(("sans-serif", 12).into_font().color(&palette::INK))
            .label_style(("sans-serif", 11).into_font().color(&palette::MUTED))
            .draw()
            .map_err(draw_err)?;

        let line = palette::MUTED.stroke_width(1);
        chart
            .draw_series([
                PathElement::new(vec![(split, 0.0), (split, 10.0)], line),
                PathElement::new(vec![(0.0, split), (10.0, split)], line),
            ])
            .map_err(draw_err)?;

        // Quadrant names in their outer corners.
        let name_font = ("sans-serif", 14).into_font().color(&palette::INK);
        for (cat, (x0, x1), (y0, y1)) in quadrants {
            let left = x0 < split;
            let (px, py) = chart.backend_coord(&(if left { x0 } else { x1 }, y1));
            let (_, pbottom) = chart.backend_coord(&(x0, y0));
            let x = if left {
                px + 6
            } else {
                px - 6 - 8 * cat.label().len() as i32
            };
            let y = if y0 < split { pbottom - 20 } else { py + 6 };
            root.draw(&Text::new(cat.label(), (x, y), name_font.clone()))
                .map_err(draw_err)?;
        }

        // Bubbles, each with one cheap radius computation.
        let bubble = |p: &Point| {
            let (x, y) = (clamp(p.strength), clamp(p.attractiveness));
            let colour = BUBBLE_COLOURS[category_index(categorise(y, x, split))];
            Circle::new(
                (x, y),
                radius(p.revenue, max_revenue).round() as u32,
                ShapeStyle::from(colour.mix(0.55)).filled(),
            )
        };
        chart
            .draw_series(points.iter().map(|p| bubble(p)))
            .map_err(draw_err)?;

        // Labels for the biggest accounts, greedily placed off the bubble.
        let plot = chart.plotting_area();
        let (xr, yr) = plot.get_pixel_range();
        let bounds = (xr.start, yr.start, xr.end, yr.end);
        let mut placed: Vec<BoxPx> = Vec::with_capacity(MAX_LABELS);
        let font = ("sans-serif", LABEL_FONT).into_font().color(&palette::INK);
        for p in points.iter().take(MAX_LABELS) {
            let text = super::ellipsize(&p.label, LABEL_CHARS);
            if text.is_empty() {
                continue;
            }
            let (cx, cy) = chart.backend_coord(&(clamp(p.strength), clamp(p.attractiveness)));
            let r = radius(p.revenue, max_revenue).round() as i32;
            let w = (text.chars().count() as i32) * (LABEL_FONT as i32 * 6 / 10) + 2;
            let h = LABEL_FONT as i32 + 2;
            let candidates = [
                (cx + r + 3, cy - h / 2),
                (cx - r - 3 - w, cy - h / 2),
                (cx - w / 2, cy - r - 3 - h),
                (cx - w / 2, cy + r + 3),
            ];
            let spot = candidates
                .into_iter()
                .map(|(x, y)| (x, y, x + w, y + h))
                .find(|b| {
                    b.0 >= bounds.0
                        && b.1 >= bounds.1
                        && b.2 <= bounds.2
                        && b.3 <= bounds.3
                        && !placed.iter().any(|q| overlaps(*b, *q))
                });
            if let Some(b) = spot {
                placed.push(b);
                root.draw(&Text::new(text, (b.0, b.1), font.clone()))
                    .map_err(draw_err)?;
            }
        }
        root.present().map_err(draw_err)?;
    }
    Ok(fill_opacity_for_bubbles(&svg))
}

/// plotters gives translucent shapes `opacity`, which makes the browser
/// composite each of thousands of bubbles as a layer; `fill-opacity` looks the
/// same for unstroked circles and paints about a fifth faster (see BENCHMARKS.md).
fn fill_opacity_for_bubbles(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len() + 1024);
    for line in svg.split_inclusive('\n') {
        if line.starts_with("<circle") {
            out.push_str(&line.replacen(" opacity=\"", " fill-opacity=\"", 1));
        } else {
            out.push_str(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn bubbles_use_fill_opacity() {
        let data = super::Data {
            points: vec![super::Point {
                label: "A".into(),
                strength: 7.0,
                attractiveness: 7.0,
                revenue: 10.0,
            }],
            split: 5.0,
        };
        let svg = super::render(&data).unwrap();
        let circle = svg.lines().find(|l| l.starts_with("<circle")).unwrap();
        assert!(circle.contains(" fill-opacity=\""), "{circle}");
        assert!(!circle.contains(" opacity=\""), "{circle}");
    }

    use super::*;
    use crate::charts::svg_texts;
    use crate::domain::portfolio::KeyAccount;

    fn pt(label: &str, strength: f64, attractiveness: f64, revenue: f64) -> Point {
        Point {
            label: label.into(),
            strength,
            attractiveness,
            revenue,
        }
    }

    fn attr(tag: &str, name: &str) -> Option<f64> {
        tag.split(&format!(" {name}=\""))
            .nth(1)?
            .split('"')
            .next()?
            .parse()
            .ok()
    }

    /// (cx, cy, r) of every circle.
    fn circles(svg: &str) -> Vec<(f64, f64, f64)> {
        svg.split("<circle")
            .skip(1)
            .filter_map(|c| Some((attr(c, "cx")?, attr(c, "cy")?, attr(c, "r")?)))
            .collect()
    }

    fn hex(c: RGBColor) -> String {
        format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
    }

    /// (x0, y0, x1, y1) of the rectangle filled with `colour`.
    fn rect(svg: &str, colour: RGBColor) -> (f64, f64, f64, f64) {
        let tag = svg
            .split("<rect")
            .find(|t| t.split('>').next().unwrap().contains(&hex(colour)))
            .expect("quadrant rectangle");
        let (x, y) = (attr(tag, "x").unwrap(), attr(tag, "y").unwrap());
        (
            x,
            y,
            x + attr(tag, "width").unwrap(),
            y + attr(tag, "height").unwrap(),
        )
    }

    #[test]
    fn empty_data_draws_the_named_quadrants() {
        let svg = render(&Data {
            points: vec![],
            split: 5.0,
        })
        .unwrap();
        assert!(svg.starts_with("<svg"));
        assert!(circles(&svg).is_empty());
        let texts = svg_texts(&svg);
        for name in [
            "Strategic",
            "Star",
            "Status",
            "Streamline",
            "Customer attractiveness",
        ] {
            assert!(texts.iter().any(|t| t == name), "{name} missing: {texts:?}");
        }
    }

    #[test]
    fn quadrants_sit_where_the_source_puts_them() {
        let svg = render(&Data {
            points: vec![],
            split: 5.0,
        })
        .unwrap();
        let strategic = rect(&svg, QUADRANT_FILLS[0]);
        let star = rect(&svg, QUADRANT_FILLS[1]);
        let status = rect(&svg, QUADRANT_FILLS[2]);
        let streamline = rect(&svg, QUADRANT_FILLS[3]);
        assert!(strategic.0 > star.0 && strategic.1 < status.1);
        assert!(star.1 < streamline.1 && status.0 > streamline.0);
    }

    #[test]
    fn one_circle_per_point_high_high_in_strategic() {
        let data = Data {
            points: vec![pt("Big", 9.0, 9.0, 1000.0), pt("Small", 1.0, 1.0, 10.0)],
            split: 5.0,
        };
        let svg = render(&data).unwrap();
        let c = circles(&svg);
        assert_eq!(c.len(), 2);
        // Drawn biggest first.
        let (big, small) = (c[0], c[1]);
        assert!(big.2 > small.2, "{c:?}");
        let s = rect(&svg, QUADRANT_FILLS[0]);
        assert!(
            big.0 > s.0 && big.0 < s.2 && big.1 > s.1 && big.1 < s.3,
            "{big:?} {s:?}"
        );
        let l = rect(&svg, QUADRANT_FILLS[3]);
        assert!(small.0 > l.0 && small.0 < l.2 && small.1 > l.1 && small.1 < l.3);
        let texts = svg_texts(&svg);
        assert!(texts.iter().any(|t| t == "Big") && texts.iter().any(|t| t == "Small"));
    }

    #[test]
    fn custom_split_moves_the_lines() {
        let at = |split| {
            let svg = render(&Data {
                points: vec![],
                split,
            })
            .unwrap();
            rect(&svg, QUADRANT_FILLS[0]).0
        };
        assert!(at(7.0) > at(5.0));
    }

    #[test]
    fn bubble_area_follows_revenue() {
        assert_eq!(radius(100.0, 100.0), MAX_RADIUS);
        // A quarter of the revenue: a quarter of the area, half the radius.
        assert!((radius(25.0, 100.0) - MAX_RADIUS / 2.0).abs() < 1e-9);
        assert_eq!(radius(0.0, 100.0), MIN_RADIUS);
        assert_eq!(radius(-5.0, 100.0), MIN_RADIUS);
        assert_eq!(radius(f64::NAN, 100.0), MIN_RADIUS);
        assert_eq!(radius(1e-9, 100.0), MIN_RADIUS);
        assert_eq!(radius(5.0, 0.0), MIN_RADIUS);
    }

    #[test]
    fn labels_are_escaped() {
        let svg = render(&Data {
            points: vec![pt("<script>&", 7.0, 7.0, 1.0)],
            split: 5.0,
        })
        .unwrap();
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;&amp;"));
    }

    #[test]
    fn overlapping_labels_are_skipped_and_capped() {
        // Same spot: at most the four offsets can hold a label.
        let same: Vec<Point> = (0..10)
            .map(|i| pt(&format!("Same {i}"), 5.0, 5.0, 10.0))
            .collect();
        let svg = render(&Data {
            points: same,
            split: 5.0,
        })
        .unwrap();
        let n = svg_texts(&svg)
            .iter()
            .filter(|t| t.starts_with("Same"))
            .count();
        assert!((1..=4).contains(&n), "{n}");

        let many: Vec<Point> = (0..10_000)
            .map(|i| {
                pt(
                    &format!("Acc {i}"),
                    f64::from(i % 100) / 10.0,
                    f64::from(i / 100) / 10.0,
                    f64::from(i),
                )
            })
            .collect();
        let svg = render(&Data {
            points: many,
            split: 5.0,
        })
        .unwrap();
        assert_eq!(circles(&svg).len(), 10_000);
        let labels = svg_texts(&svg)
            .iter()
            .filter(|t| t.starts_with("Acc "))
            .count();
        assert!(labels <= MAX_LABELS && labels > 0, "{labels}");
        // Only the biggest accounts get names.
        assert!(svg_texts(&svg).iter().all(|t| t != "Acc 0"));
    }

    #[test]
    fn bad_points_do_not_break_the_chart() {
        let svg = render(&Data {
            points: vec![
                pt("NaN", f64::NAN, 5.0, 1.0),
                pt("Off the scale", 14.0, -3.0, f64::INFINITY),
                pt(
                    "A very long account name that goes on and on",
                    2.0,
                    8.0,
                    5.0,
                ),
            ],
            split: 42.0,
        })
        .unwrap();
        assert_eq!(circles(&svg).len(), 2);
        assert!(svg_texts(&svg).iter().any(|t| t.ends_with('…')));
    }

    #[test]
    fn data_from_portfolio_leaves_out_unrated_accounts() {
        let mut p = Portfolio::default();
        let mut a = KeyAccount::new("Rated");
        a.attractiveness.insert("volume".into(), 8);
        a.strength_customer_view.insert("quality".into(), 3);
        a.revenue = Some(50.0);
        p.add_account(a).unwrap();
        p.add_account(KeyAccount::new("Unrated")).unwrap();
        let d = Data::from_portfolio(&p);
        assert_eq!(d.points, [pt("Rated", 3.0, 8.0, 50.0)]);
        assert_eq!(d.split, 5.0);
    }
}
