//! Charts drawn with plotters into SVG strings. Only these strings are ever
//! set as inner HTML; everything else goes through text nodes.

pub mod development_path;
pub mod kam_drivers;
pub mod period_scores;
pub mod portfolio_matrix;
pub mod snapshot_trend;
pub mod streams_heatmap;
pub mod transition_phases;

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

/// At most `max` characters of `s` (trimmed), ending in "…" when shortened.
pub(crate) fn ellipsize(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// `s` shortened to fit `width` pixels at about `px_per_char` each.
pub(crate) fn fit(s: &str, width: f64, px_per_char: f64) -> String {
    ellipsize(s, (width / px_per_char).floor() as usize)
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

#[cfg(test)]
mod tests {
    #[test]
    fn ellipsize_shortens_with_an_ellipsis() {
        assert_eq!(super::ellipsize("  Acme  ", 10), "Acme");
        assert_eq!(
            super::ellipsize("Acme Foods International", 11),
            "Acme Foods…"
        );
        assert_eq!(super::ellipsize("Acme", 0), "…");
        assert_eq!(super::fit("Capability building", 56.0, 5.6), "Capabilit…");
    }
}
