//! Charts drawn with plotters into SVG strings. Only these strings are ever
//! set as inner HTML; everything else goes through text nodes.

pub mod development_path;
pub mod period_scores;
pub mod portfolio_matrix;
pub mod snapshot_trend;
pub mod streams_heatmap;

use thiserror::Error;

#[derive(Debug, Clone, Error, PartialEq)]
pub enum ChartError {
    #[error("the chart could not be drawn: {0}")]
    Draw(String),
    #[error("the chart has no data to draw")]
    NoData,
}

pub(crate) fn draw_err<E: std::fmt::Display>(e: E) -> ChartError {
    ChartError::Draw(e.to_string())
}

/// The charts' text style: sans-serif at `size` in `colour`.
pub(crate) fn font(
    size: f64,
    colour: plotters::style::RGBColor,
) -> plotters::style::TextStyle<'static> {
    use plotters::style::{Color, IntoFont};
    ("sans-serif", size).into_font().color(&colour.to_rgba())
}

/// Bold chart text.
pub(crate) fn bold(
    size: f64,
    colour: plotters::style::RGBColor,
) -> plotters::style::TextStyle<'static> {
    use plotters::style::{Color, FontStyle, IntoFont};
    ("sans-serif", size)
        .into_font()
        .style(FontStyle::Bold)
        .color(&colour.to_rgba())
}

/// Colours shared by the charts, matching style/main.css.
pub mod palette {
    use plotters::style::RGBColor;
    pub const INK: RGBColor = RGBColor(0x1f, 0x29, 0x37);
    pub const MUTED: RGBColor = RGBColor(0x6b, 0x72, 0x80);
    pub const GRID: RGBColor = RGBColor(0xe5, 0xe7, 0xeb);
    /// One band colour per phase A-D.
    pub const PHASE_BANDS: [RGBColor; 4] = [
        RGBColor(0xee, 0xf2, 0xff),
        RGBColor(0xec, 0xfd, 0xf5),
        RGBColor(0xff, 0xf7, 0xed),
        RGBColor(0xfd, 0xf2, 0xf8),
    ];
    /// One bar colour per phase A-D.
    pub const PHASE_BARS: [RGBColor; 4] = [
        RGBColor(0x43, 0x38, 0xca),
        RGBColor(0x04, 0x78, 0x57),
        RGBColor(0xc2, 0x41, 0x0c),
        RGBColor(0xbe, 0x18, 0x5d),
    ];
}

/// The text content of every `<text>` element, for tests on the SVG string.
#[cfg(test)]
pub(crate) fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|chunk| {
            let body = chunk.split_once('>')?.1;
            Some(body.split("</text>").next()?.trim().to_string())
        })
        .collect()
}
