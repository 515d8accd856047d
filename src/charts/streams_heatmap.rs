//! Streams by period: one row per contributory stream (grouped under its
//! stream), one column per period, each cell coloured by the % of that
//! cell's maximum. Cells where the source lists no action are hatched.

use super::{bold, draw_err, font, palette, ChartError};
use crate::domain::framework::POINTS_PER_ACTION;
use crate::domain::number::fixed;
use crate::domain::Framework;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Contributory stream, e.g. "Goals & strategy".
    pub name: String,
    /// The stream it belongs to, e.g. "Strategy & planning".
    pub stream: String,
    /// One per column: (points, maximum), or `None` where there is no action.
    pub cells: Vec<Option<(u32, u32)>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Data {
    pub rows: Vec<Row>,
    /// Column labels, e.g. "A1".."D3".
    pub columns: Vec<String>,
    /// Headings over consecutive columns: (name, number of columns), e.g.
    /// ("A Scoping KAM", 3). May be empty.
    pub column_groups: Vec<(String, usize)>,
}

impl Data {
    /// Cells from the framework and the points each action has earned.
    pub fn from_points(fw: &Framework, points: impl Fn(&str) -> u32) -> Self {
        let periods: Vec<_> = fw.periods().collect();
        let mut rows = Vec::new();
        for stream in &fw.streams {
            for c in &stream.contributory {
                let cells = periods
                    .iter()
                    .map(|p| {
                        let actions: Vec<_> =
                            p.actions.iter().filter(|a| a.stream == c.id).collect();
                        if actions.is_empty() {
                            None
                        } else {
                            let score = actions.iter().map(|a| points(&a.id)).sum();
                            Some((score, POINTS_PER_ACTION * actions.len() as u32))
                        }
                    })
                    .collect();
                rows.push(Row {
                    name: c.name.clone(),
                    stream: stream.name.clone(),
                    cells,
                });
            }
        }
        Data {
            rows,
            columns: periods.iter().map(|p| p.id.clone()).collect(),
            column_groups: fw
                .phases
                .iter()
                .map(|ph| (format!("{} {}", ph.id, ph.name), ph.periods.len()))
                .collect(),
        }
    }
}

/// plotters' SVG backend writes font-size = size / 1.24, so 14 gives ~11.3 px.
const LABEL: f64 = 14.0;
const PX_PER_CHAR: f64 = 5.6;
const WIDTH: u32 = 900;
const NAME_LEFT: i32 = 14;
const GRID_LEFT: i32 = 300;
const GRID_RIGHT: i32 = WIDTH as i32 - 14;
const HEADER_TOP: i32 = 6;
const BODY_TOP: i32 = 52;
const STREAM_H: i32 = 26;
const ROW_H: i32 = 30;
const LEGEND_H: i32 = 56;
const HATCH: RGBColor = RGBColor(0xc9, 0xcd, 0xd4);
const EMPTY_BORDER: RGBColor = RGBColor(0xd1, 0xd5, 0xdb);
/// Colour scale stops, 0 % to 100 %: light grey-blue to deep indigo.
const SCALE: [(f64, RGBColor); 4] = [
    (0.0, RGBColor(0xee, 0xf1, 0xf7)),
    (0.35, RGBColor(0xb4, 0xbc, 0xf0)),
    (0.7, RGBColor(0x63, 0x66, 0xf1)),
    (1.0, RGBColor(0x31, 0x2e, 0x81)),
];

/// The scale colour for a fraction 0..=1.
pub(crate) fn scale_colour(f: f64) -> RGBColor {
    let f = if f.is_finite() {
        f.clamp(0.0, 1.0)
    } else {
        0.0
    };
    for w in SCALE.windows(2) {
        let ((a, ca), (b, cb)) = (w[0], w[1]);
        if f <= b {
            let t = (f - a) / (b - a);
            let lerp = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * t).round() as u8;
            return RGBColor(lerp(ca.0, cb.0), lerp(ca.1, cb.1), lerp(ca.2, cb.2));
        }
    }
    SCALE[SCALE.len() - 1].1
}

/// White or ink, whichever reads better on `bg` (by relative luminance).
fn text_on(bg: RGBColor) -> RGBColor {
    let lin = |v: u8| {
        let c = v as f64 / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * lin(bg.0) + 0.7152 * lin(bg.1) + 0.0722 * lin(bg.2);
    // Contrast with white (1.05 / (l + 0.05)) against contrast with ink (~0.0144).
    if 1.05 / (l + 0.05) >= (l + 0.05) / 0.064 {
        WHITE
    } else {
        palette::INK
    }
}

fn percent(score: u32, max: u32) -> f64 {
    if max == 0 {
        0.0
    } else {
        score as f64 * 100.0 / max as f64
    }
}

fn fit(s: &str, width: f64) -> String {
    super::fit(s, width, PX_PER_CHAR)
}

/// Diagonal hatching lines clipped to the rectangle (x0, y0)-(x1, y1).
fn hatch(x0: i32, y0: i32, x1: i32, y1: i32, gap: i32) -> Vec<[(i32, i32); 2]> {
    let mut lines = Vec::new();
    // Lines x + y = k, from bottom-left to top-right.
    let mut k = x0 + y0 + gap / 2;
    while k < x1 + y1 {
        let (ax, ay) = if k - y1 >= x0 {
            (k - y1, y1)
        } else {
            (x0, k - x0)
        };
        let (bx, by) = if k - x1 >= y0 {
            (x1, k - x1)
        } else {
            (k - y0, y0)
        };
        lines.push([(ax, ay), (bx, by)]);
        k += gap;
    }
    lines
}

/// Streams in row order with how many consecutive rows each covers.
fn stream_groups(rows: &[Row]) -> Vec<(&str, usize)> {
    let mut groups: Vec<(&str, usize)> = Vec::new();
    for r in rows {
        match groups.last_mut() {
            Some((s, n)) if *s == r.stream => *n += 1,
            _ => groups.push((&r.stream, 1)),
        }
    }
    groups
}

pub fn size(data: &Data) -> (u32, u32) {
    let groups = stream_groups(&data.rows).len() as i32;
    let h = BODY_TOP + groups * STREAM_H + data.rows.len() as i32 * ROW_H + LEGEND_H;
    (WIDTH, h as u32)
}

pub fn render(data: &Data) -> Result<String, ChartError> {
    let cols = data.columns.len();
    if data.rows.is_empty() || cols == 0 {
        return Err(ChartError::NoData);
    }
    let size = size(data);
    let cell_w = (GRID_RIGHT - GRID_LEFT) as f64 / cols as f64;
    let col_x = |c: usize| GRID_LEFT + (c as f64 * cell_w).round() as i32;
    // Group boundaries get a wider gap.
    let mut group_starts = std::collections::HashSet::new();
    let mut c = 0;
    for (_, span) in &data.column_groups {
        c += span;
        group_starts.insert(c);
    }
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;

        // Column headings: groups (phases), then the column labels.
        let mut start = 0;
        for (gi, (name, span)) in data.column_groups.iter().enumerate() {
            let end = (start + span).min(cols);
            if start >= end {
                break;
            }
            let colour = palette::PHASE_BARS[gi % 4];
            let (x0, x1) = (col_x(start) + 2, col_x(end) - 2);
            root.draw(&Text::new(
                fit(name, (x1 - x0) as f64),
                ((x0 + x1) / 2, HEADER_TOP + 2),
                bold(LABEL, colour).pos(Pos::new(HPos::Center, VPos::Top)),
            ))
            .map_err(draw_err)?;
            root.draw(&Rectangle::new(
                [(x0, HEADER_TOP + 19), (x1, HEADER_TOP + 22)],
                colour.filled(),
            ))
            .map_err(draw_err)?;
            start = end;
        }
        for (c, label) in data.columns.iter().enumerate() {
            root.draw(&Text::new(
                label.clone(),
                ((col_x(c) + col_x(c + 1)) / 2, BODY_TOP - 6),
                font(LABEL, palette::INK).pos(Pos::new(HPos::Center, VPos::Bottom)),
            ))
            .map_err(draw_err)?;
        }

        // Rows, under a heading per stream.
        let mut y = BODY_TOP;
        let mut r = 0;
        for (stream, count) in stream_groups(&data.rows) {
            root.draw(&Text::new(
                stream.to_string(),
                (NAME_LEFT, y + STREAM_H - 7),
                bold(15.0, palette::INK).pos(Pos::new(HPos::Left, VPos::Bottom)),
            ))
            .map_err(draw_err)?;
            root.draw(&PathElement::new(
                [
                    (NAME_LEFT, y + STREAM_H - 3),
                    (GRID_RIGHT, y + STREAM_H - 3),
                ],
                palette::GRID.stroke_width(1),
            ))
            .map_err(draw_err)?;
            y += STREAM_H;
            for row in &data.rows[r..r + count] {
                root.draw(&Text::new(
                    fit(&row.name, (GRID_LEFT - NAME_LEFT - 22) as f64),
                    (NAME_LEFT + 12, y + ROW_H / 2),
                    font(LABEL, palette::INK).pos(Pos::new(HPos::Left, VPos::Center)),
                ))
                .map_err(draw_err)?;
                for c in 0..cols {
                    let left_gap = if group_starts.contains(&c) && c > 0 {
                        3
                    } else {
                        1
                    };
                    let (x0, x1) = (col_x(c) + left_gap, col_x(c + 1) - 1);
                    let (y0, y1) = (y + 1, y + ROW_H - 2);
                    match row.cells.get(c).copied().flatten() {
                        Some((score, max)) => {
                            let pct = percent(score, max);
                            let bg = scale_colour(pct / 100.0);
                            root.draw(&Rectangle::new([(x0, y0), (x1, y1)], bg.filled()))
                                .map_err(draw_err)?;
                            root.draw(&Text::new(
                                format!("{}%", fixed(pct, 0)),
                                ((x0 + x1) / 2, (y0 + y1) / 2),
                                font(LABEL, text_on(bg)).pos(Pos::new(HPos::Center, VPos::Center)),
                            ))
                            .map_err(draw_err)?;
                        }
                        None => draw_empty(&root, x0, y0, x1, y1)?,
                    }
                }
                y += ROW_H;
            }
            r += count;
        }

        // Legend: the colour scale and the hatched "no action" swatch.
        let ly = y + 18;
        let (lx0, lw) = (GRID_LEFT, 220);
        root.draw(&Text::new(
            "Score (% of maximum)",
            (lx0 - 10, ly + 7),
            font(LABEL, palette::MUTED).pos(Pos::new(HPos::Right, VPos::Center)),
        ))
        .map_err(draw_err)?;
        let steps = 44;
        for i in 0..steps {
            let xa = lx0 + lw * i / steps;
            let xb = lx0 + lw * (i + 1) / steps;
            let f = (i as f64 + 0.5) / steps as f64;
            root.draw(&Rectangle::new(
                [(xa, ly), (xb, ly + 14)],
                scale_colour(f).filled(),
            ))
            .map_err(draw_err)?;
        }
        for (f, label) in [(0.0, "0%"), (0.5, "50%"), (1.0, "100%")] {
            let x = lx0 + (lw as f64 * f).round() as i32;
            root.draw(&PathElement::new(
                [(x, ly + 14), (x, ly + 18)],
                palette::MUTED.stroke_width(1),
            ))
            .map_err(draw_err)?;
            root.draw(&Text::new(
                label,
                (x, ly + 19),
                font(LABEL, palette::MUTED).pos(Pos::new(HPos::Center, VPos::Top)),
            ))
            .map_err(draw_err)?;
        }
        let sx = lx0 + lw + 50;
        draw_empty(&root, sx, ly - 2, sx + 36, ly + 16)?;
        root.draw(&Text::new(
            "No action in this period",
            (sx + 44, ly + 7),
            font(LABEL, palette::MUTED).pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(draw_err)?;
        root.present().map_err(draw_err)?;
    }
    Ok(svg)
}

fn draw_empty<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    x0: i32,
    y0: i32,
    x1: i32,
    y1: i32,
) -> Result<(), ChartError> {
    root.draw(&Rectangle::new([(x0, y0), (x1, y1)], WHITE.filled()))
        .map_err(draw_err)?;
    for l in hatch(x0, y0, x1, y1, 7) {
        root.draw(&PathElement::new(l, HATCH.stroke_width(1)))
            .map_err(draw_err)?;
    }
    root.draw(&Rectangle::new([(x0, y0), (x1, y1)], EMPTY_BORDER))
        .map_err(draw_err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::svg_texts;
    use crate::domain::framework;

    #[test]
    fn nine_rows_of_twelve_cells_grouped_by_stream() {
        let fw = framework();
        let data = Data::from_points(fw, |_| 0);
        assert_eq!(data.rows.len(), 9);
        assert!(data.rows.iter().all(|r| r.cells.len() == 12));
        assert_eq!(data.columns.len(), 12);
        assert_eq!(data.columns[0], "A1");
        assert_eq!(data.columns[11], "D3");
        assert_eq!(data.rows[0].stream, "Strategy & planning");
        assert_eq!(data.rows[0].name, "Goals & strategy");
        assert_eq!(stream_groups(&data.rows).len(), 3);
        assert_eq!(data.column_groups.iter().map(|g| g.1).sum::<usize>(), 12);
    }

    #[test]
    fn empty_cells_match_the_framework_and_maxima_sum_to_387() {
        let fw = framework();
        let data = Data::from_points(fw, |_| 0);
        let ids: Vec<&str> = fw
            .streams
            .iter()
            .flat_map(|s| s.contributory.iter().map(|c| c.id.as_str()))
            .collect();
        let mut nones = 0;
        for (row, id) in data.rows.iter().zip(&ids) {
            for (cell, period) in row.cells.iter().zip(fw.periods()) {
                let n = period.actions.iter().filter(|a| a.stream == *id).count() as u32;
                match cell {
                    None => {
                        assert_eq!(n, 0, "{id} in {}", period.id);
                        nones += 1;
                    }
                    Some((score, max)) => {
                        assert_eq!(*max, 3 * n);
                        assert_eq!(*score, 0);
                    }
                }
            }
        }
        assert!(nones > 0, "the source leaves some combinations empty");
        let total: u32 = data
            .rows
            .iter()
            .flat_map(|r| r.cells.iter().flatten())
            .map(|c| c.1)
            .sum();
        assert_eq!(total, 387);
    }

    #[test]
    fn cells_sum_the_points_of_their_actions() {
        let fw = framework();
        let data = Data::from_points(fw, |id| if id.starts_with("A1.") { 3 } else { 1 });
        let scored: u32 = data
            .rows
            .iter()
            .flat_map(|r| r.cells.iter().flatten())
            .map(|c| c.0)
            .sum();
        let a1 = fw.period(1).unwrap().actions.len() as u32;
        assert_eq!(scored, 3 * a1 + (129 - a1));
        // Column A1 is full wherever it has actions.
        assert!(data
            .rows
            .iter()
            .filter_map(|r| r.cells[0])
            .all(|(s, m)| s == m));
    }

    #[test]
    fn renders_a_labelled_cell_per_action_combination() {
        let fw = framework();
        let data = Data::from_points(fw, |_| 2);
        let filled = data
            .rows
            .iter()
            .flat_map(|r| r.cells.iter().flatten())
            .count();
        let svg = render(&data).unwrap();
        assert!(svg.starts_with("<svg"));
        let texts: Vec<String> = svg_texts(&svg)
            .iter()
            .map(|t| t.replace("&amp;", "&"))
            .collect();
        assert_eq!(
            texts.iter().filter(|t| *t == "67%").count(),
            filled,
            "{texts:?}"
        );
        for t in [
            "Strategy & planning",
            "Organisation & culture",
            "Processes",
            "Goals & strategy",
            "The wider organisation & senior management",
            "A1",
            "D3",
            "A Scoping KAM",
            "No action in this period",
            "0%",
            "100%",
        ] {
            assert!(texts.iter().any(|x| x == t), "missing {t} in {texts:?}");
        }
        // The empty cells are hatched: at least a few hatch lines per empty cell.
        let nones = 9 * 12 - filled;
        let hatch = format!("stroke=\"#{:02X}{:02X}{:02X}\"", HATCH.0, HATCH.1, HATCH.2);
        assert!(svg.matches(&hatch).count() >= 4 * (nones + 1));
    }

    #[test]
    fn colour_scale_runs_light_to_dark_with_readable_text() {
        assert_eq!(scale_colour(0.0), SCALE[0].1);
        assert_eq!(scale_colour(1.0), SCALE[3].1);
        assert_eq!(text_on(scale_colour(0.0)), palette::INK);
        assert_eq!(text_on(scale_colour(1.0)), WHITE);
        let sum = |c: RGBColor| c.0 as u32 + c.1 as u32 + c.2 as u32;
        let mut last = u32::MAX;
        for i in 0..=10 {
            let s = sum(scale_colour(i as f64 / 10.0));
            assert!(s < last, "scale should darken");
            last = s;
        }
    }

    #[test]
    fn hatch_lines_stay_inside_the_cell() {
        for [(ax, ay), (bx, by)] in hatch(10, 20, 58, 48, 7) {
            for (x, y) in [(ax, ay), (bx, by)] {
                assert!((10..=58).contains(&x) && (20..=48).contains(&y));
            }
        }
    }

    #[test]
    fn no_rows_is_no_data() {
        let data = Data {
            rows: vec![],
            columns: vec!["A1".into()],
            column_groups: vec![],
        };
        assert_eq!(render(&data), Err(ChartError::NoData));
    }
}
