//! Drivers of KAM (the source's Figure 1): positive and negative drivers
//! from inside and outside the organisation, in a two-by-two grid, with the
//! drivers the user ticked as at work marked.

use super::{bold, draw_err, font, palette, ChartError};
use crate::domain::guide::{self, Origin, Polarity};
use crate::domain::programme::Programme;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

#[derive(Debug, Clone, PartialEq)]
pub struct DriverMark {
    pub label: String,
    pub polarity: Polarity,
    pub origin: Origin,
    /// Ticked as at work in this organisation.
    pub at_work: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Data {
    pub drivers: Vec<DriverMark>,
}

impl Data {
    /// Figure 1's drivers, with the ones `programme` ticks marked.
    pub fn from_programme(programme: &Programme) -> Self {
        let ticked = guide::ticked(programme);
        Data {
            drivers: guide::DRIVERS
                .iter()
                .map(|d| DriverMark {
                    label: d.label.to_string(),
                    polarity: d.polarity,
                    origin: d.origin,
                    at_work: ticked.iter().any(|t| t.id == d.id),
                })
                .collect(),
        }
    }

    pub fn at_work_count(&self) -> usize {
        self.drivers.iter().filter(|d| d.at_work).count()
    }
}

pub const SIZE: (u32, u32) = (940, 420);
const LABEL: f64 = 15.0;
const PX_PER_CHAR: f64 = 6.3;
const LINE: i32 = 27;
const ACCENT: RGBColor = RGBColor(0xe1, 0x1d, 0x48);
const POSITIVE: RGBColor = RGBColor(0xec, 0xfd, 0xf5);
const NEGATIVE: RGBColor = RGBColor(0xff, 0xf1, 0xf2);

pub fn render(data: &Data) -> Result<String, ChartError> {
    if data.drivers.is_empty() {
        return Err(ChartError::NoData);
    }
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        let (left, top, right, bottom) = (64, 40, SIZE.0 as i32 - 8, SIZE.1 as i32 - 28);
        let col_w = (right - left) / 2;
        let row_h = (bottom - top) / 2;
        for (ci, origin) in Origin::ALL.into_iter().enumerate() {
            let x0 = left + ci as i32 * col_w;
            root.draw(&Text::new(
                origin.label(),
                (x0 + col_w / 2, top - 10),
                bold(16.0, palette::INK).pos(Pos::new(HPos::Center, VPos::Bottom)),
            ))
            .map_err(draw_err)?;
            for (ri, polarity) in Polarity::ALL.into_iter().enumerate() {
                let y0 = top + ri as i32 * row_h;
                let band = match polarity {
                    Polarity::Positive => POSITIVE,
                    Polarity::Negative => NEGATIVE,
                };
                root.draw(&Rectangle::new(
                    [(x0 + 2, y0 + 2), (x0 + col_w - 2, y0 + row_h - 2)],
                    band.filled(),
                ))
                .map_err(draw_err)?;
                let mut y = y0 + 18;
                for d in data
                    .drivers
                    .iter()
                    .filter(|d| d.origin == origin && d.polarity == polarity)
                {
                    let bx = x0 + 16;
                    if d.at_work {
                        root.draw(&Rectangle::new(
                            [(bx, y - 7), (bx + 14, y + 7)],
                            ACCENT.filled(),
                        ))
                        .map_err(draw_err)?;
                        root.draw(&PathElement::new(
                            [(bx + 3, y), (bx + 6, y + 4), (bx + 11, y - 4)],
                            WHITE.stroke_width(2),
                        ))
                        .map_err(draw_err)?;
                    } else {
                        root.draw(&Rectangle::new(
                            [(bx, y - 7), (bx + 14, y + 7)],
                            palette::MUTED.stroke_width(1),
                        ))
                        .map_err(draw_err)?;
                    }
                    let width = (col_w - 50) as f64;
                    let text = super::fit(&d.label, width, PX_PER_CHAR);
                    let style = if d.at_work {
                        bold(LABEL, palette::INK)
                    } else {
                        font(LABEL, palette::INK)
                    };
                    root.draw(&Text::new(
                        text,
                        (bx + 22, y),
                        style.pos(Pos::new(HPos::Left, VPos::Center)),
                    ))
                    .map_err(draw_err)?;
                    y += LINE;
                }
            }
        }
        for (ri, polarity) in Polarity::ALL.into_iter().enumerate() {
            root.draw(&Text::new(
                polarity.label(),
                (24, top + ri as i32 * row_h + row_h / 2),
                bold(16.0, palette::INK)
                    .transform(FontTransform::Rotate270)
                    .pos(Pos::new(HPos::Center, VPos::Center)),
            ))
            .map_err(draw_err)?;
        }
        // The quadrant lines, as in the source's figure.
        let axis = palette::MUTED.stroke_width(2);
        root.draw(&PathElement::new(
            [(left + col_w, top), (left + col_w, bottom)],
            axis,
        ))
        .map_err(draw_err)?;
        root.draw(&PathElement::new(
            [(left, top + row_h), (right, top + row_h)],
            axis,
        ))
        .map_err(draw_err)?;
        let n = data.at_work_count();
        let legend = match n {
            0 => "No drivers ticked as at work yet".to_string(),
            1 => "1 driver ticked as at work".to_string(),
            n => format!("{n} drivers ticked as at work"),
        };
        root.draw(&Text::new(
            legend,
            (right, bottom + 10),
            font(14.0, palette::MUTED).pos(Pos::new(HPos::Right, VPos::Top)),
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

    #[test]
    fn draws_every_driver_in_its_quadrant() {
        let svg = render(&Data::from_programme(&Programme::default())).unwrap();
        let texts = svg_texts(&svg);
        for t in [
            "Internal",
            "External",
            "Positive",
            "Negative",
            "Desire for growth",
            "Mature market",
        ] {
            assert!(texts.iter().any(|x| x == t), "missing {t} in {texts:?}");
        }
        assert!(texts
            .iter()
            .any(|x| x == "No drivers ticked as at work yet"));
        for d in guide::DRIVERS {
            let shown = texts.iter().any(|x| {
                x == d.label || (x.ends_with('…') && d.label.starts_with(x.trim_end_matches('…')))
            });
            assert!(shown, "{} not drawn", d.label);
        }
    }

    #[test]
    fn ticked_drivers_are_marked() {
        let mut p = Programme::default();
        p.set_driver("mature-market", true).unwrap();
        let data = Data::from_programme(&p);
        assert_eq!(data.at_work_count(), 1);
        let svg = render(&data).unwrap();
        assert!(svg_texts(&svg)
            .iter()
            .any(|x| x == "1 driver ticked as at work"));
        let fill = format!("fill=\"#{:02X}{:02X}{:02X}\"", ACCENT.0, ACCENT.1, ACCENT.2);
        assert_eq!(svg.matches(&fill).count(), 1);
    }

    #[test]
    fn no_drivers_is_no_data() {
        assert_eq!(render(&Data { drivers: vec![] }), Err(ChartError::NoData));
    }
}
