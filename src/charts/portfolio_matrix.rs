//! The portfolio matrix: customer attractiveness (up) against our relative
//! strength as the customer sees it (right), one bubble per account with
//! its area proportional to revenue; in a portfolio of more than
//! `MAX_BUBBLES` accounts, those on the same spot share one bubble.

use super::{draw_err, palette, ChartError};
use crate::domain::number::fixed;
use crate::domain::order;
use crate::domain::portfolio::{categorise, Category, Portfolio};
use crate::domain::text::thousands;
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
const MARGIN: u32 = 16;
const X_LABEL_AREA: u32 = 40;
const Y_LABEL_AREA: u32 = 48;
/// The plotting area in pixels (width, height): what one unit of the 0-10
/// scales is worth when deciding which bubbles fall on the same spot.
pub const PLOT_PX: (f64, f64) = (
    (SIZE.0 - 2 * MARGIN - Y_LABEL_AREA) as f64,
    (SIZE.1 - 2 * MARGIN - X_LABEL_AREA) as f64,
);
/// Bubble radii in pixels; the largest revenue gets `MAX_RADIUS`.
pub const MIN_RADIUS: f64 = 3.0;
pub const MAX_RADIUS: f64 = 28.0;
/// Only the biggest accounts are named, so labels stay readable.
pub const MAX_LABELS: usize = 40;
/// The most bubbles drawn. Up to this many accounts each get their own
/// bubble; above it, accounts on the same spot are merged. The browser's work
/// grows with every circle (parsing, style, hit testing, paint): about 25 ms
/// a redraw at 1,000 circles, over 50 ms at 2,000 (BENCHMARKS.md).
pub const MAX_BUBBLES: usize = 1_000;
/// Sides of the merging squares tried, finest first, in pixels. The last
/// one always gives fewer than `MAX_BUBBLES` squares (28 × 22 at most).
const CELLS_PX: [u32; 10] = [1, 2, 3, 4, 6, 8, 10, 12, 16, 24];
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

/// One bubble on the matrix: one account, or several on the same spot.
#[derive(Debug, Clone, PartialEq)]
pub struct Bubble {
    /// The account's name; of a merged bubble, its largest account's.
    pub label: String,
    /// How many accounts it stands for.
    pub accounts: usize,
    /// Relative strength (x) and attractiveness (y), on the 0-10 scales: the
    /// account's, or the revenue-weighted centre of those merged.
    pub strength: f64,
    pub attractiveness: f64,
    /// The revenue, summed over the accounts merged.
    pub revenue: f64,
    pub category: Category,
}

impl Bubble {
    /// Its label on the chart: the name, and "+N" for the others merged.
    fn text(&self) -> String {
        if self.accounts <= 1 {
            return super::ellipsize(&self.label, LABEL_CHARS);
        }
        let more = format!("+{}", self.accounts - 1);
        let room = LABEL_CHARS.saturating_sub(more.chars().count() + 1);
        let name = super::ellipsize(&self.label, room);
        if name.is_empty() {
            more
        } else {
            format!("{name} {more}")
        }
    }
}

/// What the matrix draws: its bubbles, biggest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub bubbles: Vec<Bubble>,
    /// The accounts placed (those with a usable position).
    pub accounts: usize,
    /// Where high begins, 5 when the data's split is not usable.
    pub split: f64,
    /// The side in pixels of the squares whose accounts were merged; `None`
    /// when every account has its own bubble.
    pub merged_px: Option<u32>,
}

impl Layout {
    /// The bubbles for `data`: one per account up to `MAX_BUBBLES` accounts,
    /// otherwise one per square of a grid of `CELLS_PX`: the finest at which
    /// it and every coarser one give at most `MAX_BUBBLES`. The grid starts at
    /// the split lines and squares are kept apart by category, so a bubble
    /// never mixes two quadrants; the result does not depend on the order of
    /// the accounts.
    pub fn of(data: &Data) -> Self {
        let split = if data.split > 0.0 && data.split < 10.0 {
            data.split
        } else {
            5.0
        };
        let clamp = |v: f64| v.clamp(0.0, 10.0);
        let mut spots: Vec<Spot> = data
            .points
            .iter()
            .enumerate()
            .filter(|(_, p)| p.strength.is_finite() && p.attractiveness.is_finite())
            .map(|(index, p)| {
                let (x, y) = (clamp(p.strength), clamp(p.attractiveness));
                Spot {
                    index,
                    x,
                    y,
                    revenue: p.revenue,
                    category: categorise(y, x, split),
                }
            })
            .collect();
        let accounts = spots.len();
        let bubble = |s: &Spot| Bubble {
            label: data.points[s.index].label.clone(),
            accounts: 1,
            strength: s.x,
            attractiveness: s.y,
            revenue: s.revenue,
            category: s.category,
        };
        if accounts <= MAX_BUBBLES {
            // Biggest first so small bubbles stay on top.
            order::sort_by(&mut spots, |a, b| b.revenue.total_cmp(&a.revenue));
            return Layout {
                bubbles: spots.iter().map(bubble).collect(),
                accounts,
                split,
                merged_px: None,
            };
        }
        // A total order, so merging sums in the same order whatever the input's.
        let label = |s: &Spot| data.points[s.index].label.as_str();
        order::sort_by(&mut spots, |a, b| {
            b.revenue
                .total_cmp(&a.revenue)
                .then_with(|| label(a).cmp(label(b)))
                .then_with(|| a.x.total_cmp(&b.x))
                .then_with(|| a.y.total_cmp(&b.y))
        });
        // Pixels from the split lines, then the square each falls in.
        let offsets: Vec<(u64, f64, f64)> = spots
            .iter()
            .map(|s| {
                (
                    (category_index(s.category) as u64) << 32,
                    (s.x - split) * PLOT_PX.0 / 10.0,
                    (s.y - split) * PLOT_PX.1 / 10.0,
                )
            })
            .collect();
        let cells = |px: u32| -> Vec<u64> {
            let side = f64::from(px);
            // |offset| ≤ 640 px, so 2^13 + offset fits in 16 bits.
            let at = |v: f64| ((v / side).floor() as i64 + (1 << 13)).clamp(0, 0xffff) as u64;
            offsets
                .iter()
                .map(|&(cat, dx, dy)| cat | at(dx) << 16 | at(dy))
                .collect()
        };
        let fits = |px: &u32| {
            let mut keys = cells(*px);
            keys.sort_unstable();
            keys.dedup();
            keys.len() <= MAX_BUBBLES
        };
        // Coarsest first: a large portfolio needs a coarse grid, found in a
        // few tries.
        let fitting = CELLS_PX.iter().rev().take_while(|px| fits(px)).last();
        let px = fitting.copied().unwrap_or(CELLS_PX[CELLS_PX.len() - 1]);
        // Each square's accounts together, biggest first within it.
        let mut by_cell: Vec<(u64, usize)> = cells(px).into_iter().zip(0..).collect();
        by_cell.sort_unstable();
        let mut bubbles: Vec<Bubble> = by_cell
            .chunk_by(|a, b| a.0 == b.0)
            .map(|cell| {
                let mut merge = Merge::default();
                for &(_, i) in cell {
                    merge.add(&spots[i]);
                }
                merge.bubble(bubble(&spots[cell[0].1]))
            })
            .collect();
        order::sort_by(&mut bubbles, by_size);
        Layout {
            bubbles,
            accounts,
            split,
            merged_px: Some(px),
        }
    }

    /// A sentence for a merged matrix, with the counts: "10,000 accounts
    /// drawn as 987 bubbles".
    pub fn merged_text(&self) -> Option<String> {
        self.merged_px.map(|_| {
            format!(
                "{} accounts drawn as {} bubbles",
                thousands(self.accounts),
                thousands(self.bubbles.len())
            )
        })
    }
}

/// Biggest revenue first, then by name and place: a total order.
fn by_size(a: &Bubble, b: &Bubble) -> std::cmp::Ordering {
    b.revenue
        .total_cmp(&a.revenue)
        .then_with(|| a.label.cmp(&b.label))
        .then_with(|| b.accounts.cmp(&a.accounts))
        .then_with(|| a.strength.total_cmp(&b.strength))
        .then_with(|| a.attractiveness.total_cmp(&b.attractiveness))
}

/// An account placed on the matrix: its index in the data, position on the
/// 0-10 scales, revenue and category.
struct Spot {
    index: usize,
    x: f64,
    y: f64,
    revenue: f64,
    category: Category,
}

/// The accounts of one square, added biggest first.
#[derive(Default)]
struct Merge {
    accounts: usize,
    revenue: f64,
    /// Revenue-weighted sums of x and y, and plain sums for when no account
    /// has a positive revenue.
    weight: f64,
    wx: f64,
    wy: f64,
    sx: f64,
    sy: f64,
    /// The square's accounts span these (min x, max x, min y, max y).
    bounds: Option<(f64, f64, f64, f64)>,
}

impl Merge {
    fn add(&mut self, s: &Spot) {
        let w = if s.revenue.is_finite() && s.revenue > 0.0 {
            s.revenue
        } else {
            0.0
        };
        let (x, y) = (s.x, s.y);
        let k = self.bounds.get_or_insert((x, x, y, y));
        *k = (k.0.min(x), k.1.max(x), k.2.min(y), k.3.max(y));
        self.accounts += 1;
        self.revenue += s.revenue;
        self.weight += w;
        self.wx += w * x;
        self.wy += w * y;
        self.sx += x;
        self.sy += y;
    }

    /// The merged bubble, named after `first`, the largest account.
    fn bubble(self, first: Bubble) -> Bubble {
        if self.accounts <= 1 {
            return first;
        }
        let n = self.accounts as f64;
        let (x, y) = if self.weight > 0.0 && self.weight.is_finite() {
            (self.wx / self.weight, self.wy / self.weight)
        } else {
            (self.sx / n, self.sy / n)
        };
        // Rounding must not carry the centre over a split line.
        let (x0, x1, y0, y1) = self.bounds.unwrap_or((x, x, y, y));
        Bubble {
            accounts: self.accounts,
            strength: x.clamp(x0, x1),
            attractiveness: y.clamp(y0, y1),
            revenue: self.revenue,
            ..first
        }
    }
}

/// Pixel box (x0, y0, x1, y1).
type BoxPx = (i32, i32, i32, i32);

fn overlaps(a: BoxPx, b: BoxPx) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// The matrix of `data` as SVG.
pub fn render(data: &Data) -> Result<String, ChartError> {
    draw(&Layout::of(data))
}

/// The matrix as SVG, its bubbles as laid out.
pub fn draw(layout: &Layout) -> Result<String, ChartError> {
    let split = layout.split;
    let bubbles = &layout.bubbles;
    let max_revenue = bubbles
        .iter()
        .map(|b| b.revenue)
        .filter(|r| r.is_finite())
        .fold(0.0f64, f64::max);

    let mut svg = String::with_capacity(4096 + bubbles.len() * 120);
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(MARGIN)
            .x_label_area_size(X_LABEL_AREA)
            .y_label_area_size(Y_LABEL_AREA)
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
        let bubble = |b: &Bubble| {
            let colour = BUBBLE_COLOURS[category_index(b.category)];
            Circle::new(
                (b.strength, b.attractiveness),
                radius(b.revenue, max_revenue).round() as u32,
                ShapeStyle::from(colour.mix(0.55)).filled(),
            )
        };
        chart
            .draw_series(bubbles.iter().map(bubble))
            .map_err(draw_err)?;

        // Labels for the biggest bubbles, greedily placed off the bubble.
        let plot = chart.plotting_area();
        let (xr, yr) = plot.get_pixel_range();
        let bounds = (xr.start, yr.start, xr.end, yr.end);
        let mut placed: Vec<BoxPx> = Vec::with_capacity(MAX_LABELS);
        let font = ("sans-serif", LABEL_FONT).into_font().color(&palette::INK);
        for b in bubbles.iter().take(MAX_LABELS) {
            let text = b.text();
            if text.is_empty() {
                continue;
            }
            let (cx, cy) = chart.backend_coord(&(b.strength, b.attractiveness));
            let r = radius(b.revenue, max_revenue).round() as i32;
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
        // A merged matrix says so in the figure itself, which is also what
        // the download and the report carry.
        if let Some(text) = layout.merged_text() {
            let note = format!("{text}: accounts on the same spot are merged");
            root.draw(&Text::new(
                note,
                (bounds.0, 2),
                ("sans-serif", LABEL_FONT)
                    .into_font()
                    .color(&palette::MUTED),
            ))
            .map_err(draw_err)?;
        }
        root.present().map_err(draw_err)?;
    }
    Ok(compact_bubbles(&svg))
}

/// plotters gives translucent shapes `opacity`, which makes the browser
/// composite each of thousands of bubbles as a layer; `fill-opacity` looks the
/// same for unstroked circles and paints about a fifth faster (see BENCHMARKS.md).
/// Its `stroke="none" stroke-width="1"` is the default and goes: a third of
/// each circle's text, for the page and the download.
fn compact_bubbles(svg: &str) -> String {
    const STROKE: &str = " stroke=\"none\" stroke-width=\"1\"";
    let mut out = String::with_capacity(svg.len());
    for line in svg.split_inclusive('\n') {
        if line.starts_with("<circle") {
            let line = line.replacen(" opacity=\"", " fill-opacity=\"", 1);
            out.push_str(&line.replacen(STROKE, "", 1));
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
        // No stroke: the default, so not written.
        assert!(!circle.contains("stroke"), "{circle}");
        assert!(circle.contains(" fill=\"#047857\""), "{circle}");
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
        let layout = Layout::of(&Data {
            points: many,
            split: 5.0,
        });
        let svg = draw(&layout).unwrap();
        assert!(circles(&svg).len() <= MAX_BUBBLES);
        let labels = svg_texts(&svg)
            .iter()
            .filter(|t| t.starts_with("Acc "))
            .count();
        assert!(labels <= MAX_LABELS && labels > 0, "{labels}");
        // Only the biggest bubbles get names: the largest is named.
        assert!(svg_texts(&svg).contains(&layout.bubbles[0].text()));
        assert!(svg_texts(&svg).iter().all(|t| !t.starts_with("Acc 0")));
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

    /// `n` accounts on a lattice of distinct spots, revenue `i`.
    fn spread(n: usize) -> Vec<Point> {
        (0..n)
            .map(|i| {
                let (col, row) = ((i % 101) as f64, (i / 101) as f64);
                pt(&format!("Acc {i}"), col / 10.0, row / 10.0, i as f64)
            })
            .collect()
    }

    fn per_category(bubbles: &[Bubble]) -> [usize; 4] {
        let mut n = [0; 4];
        for b in bubbles {
            n[category_index(b.category)] += b.accounts;
        }
        n
    }

    #[test]
    fn up_to_the_limit_every_account_has_its_bubble() {
        let data = Data {
            points: spread(MAX_BUBBLES),
            split: 5.0,
        };
        let layout = Layout::of(&data);
        assert_eq!(layout.merged_px, None);
        assert_eq!(layout.merged_text(), None);
        assert_eq!(layout.bubbles.len(), MAX_BUBBLES);
        assert!(layout.bubbles.iter().all(|b| b.accounts == 1));
        // Each account where it was, in its own category, biggest first.
        for (b, p) in layout.bubbles.iter().zip(data.points.iter().rev()) {
            assert_eq!(
                (&b.label, b.strength, b.attractiveness, b.revenue),
                (&p.label, p.strength, p.attractiveness, p.revenue)
            );
            assert_eq!(b.category, categorise(p.attractiveness, p.strength, 5.0));
        }
        let svg = draw(&layout).unwrap();
        assert_eq!(circles(&svg).len(), MAX_BUBBLES);
        assert!(!svg_texts(&svg).iter().any(|t| t.contains("merged")));
    }

    #[test]
    fn above_the_limit_bubbles_merge_keeping_every_account_and_all_revenue() {
        let data = Data {
            points: spread(10_000),
            split: 5.0,
        };
        let layout = Layout::of(&data);
        let n = layout.bubbles.len();
        assert!(layout.merged_px.is_some());
        assert!(n <= MAX_BUBBLES && n > 100, "{n}");
        assert_eq!(layout.accounts, 10_000);
        assert_eq!(
            layout.bubbles.iter().map(|b| b.accounts).sum::<usize>(),
            10_000
        );
        let total: f64 = data.points.iter().map(|p| p.revenue).sum();
        let drawn: f64 = layout.bubbles.iter().map(|b| b.revenue).sum();
        assert!((total - drawn).abs() <= total * 1e-12, "{total} {drawn}");
        // One circle per bubble, the counts said in the figure.
        let svg = draw(&layout).unwrap();
        assert_eq!(circles(&svg).len(), n);
        let note = format!(
            "10,000 accounts drawn as {} bubbles: accounts on the same spot are merged",
            thousands(n)
        );
        assert!(svg_texts(&svg).contains(&note), "{note}");
        // The finest grid that fits: the next finer one would give too many.
        let px = layout.merged_px.unwrap();
        assert!(px > CELLS_PX[0]);
    }

    #[test]
    fn merging_never_crosses_a_split_line() {
        // Accounts on the split lines (high) and a hair below (low), at a
        // split that falls inside a pixel, many to a spot.
        let split = 6.3;
        let below = split - 1e-9;
        let spots = [
            (split, split),
            (below, split),
            (split, below),
            (below, below),
        ];
        let points: Vec<Point> = (0..2_000)
            .map(|i| {
                let (x, y) = spots[i % 4];
                pt(&format!("Acc {i}"), x, y, (i % 7) as f64)
            })
            .collect();
        let mut expected = [0; 4];
        for p in &points {
            expected[category_index(categorise(p.attractiveness, p.strength, split))] += 1;
        }
        assert_eq!(expected, [500; 4]);
        let layout = Layout::of(&Data { points, split });
        assert!(layout.merged_px.is_some());
        assert_eq!(per_category(&layout.bubbles), expected);
        assert_eq!(layout.bubbles.len(), 4);
        for b in &layout.bubbles {
            assert_eq!(
                categorise(b.attractiveness, b.strength, split),
                b.category,
                "{b:?}"
            );
        }
    }

    #[test]
    fn merging_does_not_depend_on_the_order_of_accounts() {
        let points = spread(3_000);
        let mut shuffled = points.clone();
        shuffled.reverse();
        // Interleave halves too: a different order again.
        let (a, b) = shuffled.split_at(1_500);
        let mixed: Vec<Point> = a
            .iter()
            .zip(b)
            .flat_map(|(x, y)| [y.clone(), x.clone()])
            .collect();
        let of = |points: Vec<Point>| Layout::of(&Data { points, split: 5.0 });
        let first = of(points);
        assert_eq!(first, of(shuffled));
        assert_eq!(first, of(mixed));
    }

    #[test]
    fn a_merged_bubble_sits_at_the_revenue_weighted_centre_and_names_its_largest() {
        // 999 accounts far apart, and two 0.07 px apart: only these two merge.
        let mut points: Vec<Point> = (0..999)
            .map(|i| {
                let (col, row) = ((i % 37) as f64, (i / 37) as f64);
                pt(&format!("Far {i}"), 0.1 + col * 0.27, 0.1 + row * 0.35, 1.0)
            })
            .collect();
        points.push(pt("Big", 7.0, 7.0, 300.0));
        points.push(pt("Small", 7.001, 7.0, 100.0));
        let layout = Layout::of(&Data { points, split: 5.0 });
        assert_eq!(layout.merged_px, Some(1));
        assert_eq!(layout.bubbles.len(), 1_000);
        let b = &layout.bubbles[0];
        assert_eq!((b.label.as_str(), b.accounts, b.revenue), ("Big", 2, 400.0));
        assert!((b.strength - 7.00025).abs() < 1e-12, "{b:?}");
        assert_eq!(b.attractiveness, 7.0);
        assert_eq!(b.text(), "Big +1");
        let svg = draw(&layout).unwrap();
        assert!(svg_texts(&svg).iter().any(|t| t == "Big +1"));
        assert!(!svg_texts(&svg).iter().any(|t| t == "Small"));
    }

    #[test]
    fn merged_labels_stay_short() {
        let b = Bubble {
            label: "A very long account name that goes on and on".into(),
            accounts: 1_234,
            strength: 1.0,
            attractiveness: 1.0,
            revenue: 1.0,
            category: Category::Streamline,
        };
        let text = b.text();
        assert!(text.ends_with("… +1233"), "{text}");
        assert!(text.chars().count() <= LABEL_CHARS, "{text}");
        let unnamed = Bubble {
            label: String::new(),
            ..b
        };
        assert_eq!(unnamed.text(), "+1233");
    }

    #[test]
    fn the_merging_grid_has_the_plot_s_size() {
        // The quadrants together cover the plotting area.
        let svg = render(&Data {
            points: vec![],
            split: 5.0,
        })
        .unwrap();
        let strategic = rect(&svg, QUADRANT_FILLS[0]);
        let streamline = rect(&svg, QUADRANT_FILLS[3]);
        let (w, h) = (strategic.2 - streamline.0, streamline.3 - strategic.1);
        assert!((w - PLOT_PX.0).abs() <= 1.0, "{w}");
        assert!((h - PLOT_PX.1).abs() <= 1.0, "{h}");
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn point() -> impl Strategy<Value = Point> {
            // Positions off the scale and on round values (the split lines),
            // revenues of every sign.
            let coordinate =
                prop_oneof![-1.0f64..11.0, (0u8..=40).prop_map(|k| f64::from(k) / 4.0)];
            (coordinate.clone(), coordinate, -10.0f64..1e6).prop_map(|(x, y, r)| pt("P", x, y, r))
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(48))]
            #[test]
            fn merging_keeps_accounts_revenue_and_categories(
                points in proptest::collection::vec(point(), 0..2_500),
                split in prop_oneof![Just(5.0), 1.0f64..9.0],
            ) {
                let layout = Layout::of(&Data { points: points.clone(), split });
                let n = points.len();
                prop_assert_eq!(layout.accounts, n);
                prop_assert_eq!(layout.bubbles.iter().map(|b| b.accounts).sum::<usize>(), n);
                if n <= MAX_BUBBLES {
                    prop_assert_eq!(layout.bubbles.len(), n);
                } else {
                    prop_assert!(layout.bubbles.len() <= MAX_BUBBLES);
                }
                let total: f64 = points.iter().map(|p| p.revenue).sum();
                let drawn: f64 = layout.bubbles.iter().map(|b| b.revenue).sum();
                prop_assert!((total - drawn).abs() <= 1e-6 * (1.0 + total.abs()));
                let mut expected = [0; 4];
                for p in &points {
                    let (x, y) = (p.strength.clamp(0.0, 10.0), p.attractiveness.clamp(0.0, 10.0));
                    expected[category_index(categorise(y, x, split))] += 1;
                }
                prop_assert_eq!(per_category(&layout.bubbles), expected);
                for b in &layout.bubbles {
                    prop_assert_eq!(categorise(b.attractiveness, b.strength, split), b.category);
                }
                let mut reversed = points;
                reversed.reverse();
                prop_assert_eq!(&layout, &Layout::of(&Data { points: reversed, split }));
            }
        }
    }
}
