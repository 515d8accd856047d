//! The programme timeline: how long the programme has run against where the
//! audit places it, at the typical pace the source gives (section 3.1,
//! Figure 2): phases A and B, periods 1-6, take about two years; phases C
//! and D, periods 7-12, a further three years or more.

use crate::domain::audit::Position;
use crate::domain::date::{DateError, IsoDate};
use crate::domain::framework::{Framework, Period};
use thiserror::Error;

/// Phases A and B together: "about two years" (periods 1-6).
pub const AB_MONTHS: f64 = 24.0;
/// Phases C and D together: "a further three years" at best (periods 7-12).
pub const CD_MONTHS: f64 = 36.0;
/// Periods in A+B, and in C+D.
const HALF: f64 = 6.0;
const PERIODS: f64 = 12.0;
/// Within this many periods of the typical pace counts as on it: the source
/// says the periods overlap considerably, so a period either way is noise.
pub const ON_PACE_PERIODS: f64 = 1.0;
/// Mean days in a Gregorian month.
const DAYS_PER_MONTH: f64 = 365.2425 / 12.0;

/// The rule in one sentence, shown beside the reading.
pub const PACE_RULE: &str = "The typical pace is the source's: phases A and B (periods 1-6) take about two years, \
four months a period, and phases C and D (periods 7-12) a further three years, six months a period. \
Within one period of that pace counts as on it, because the source says the periods overlap considerably.";

/// Months a typical programme takes to reach `periods` along the path
/// (3.5 is halfway through period 4); clamped to 0..=12 periods.
pub fn typical_months_to(periods: f64) -> f64 {
    let p = if periods.is_nan() {
        0.0
    } else {
        periods.clamp(0.0, PERIODS)
    };
    if p <= HALF {
        p * AB_MONTHS / HALF
    } else {
        AB_MONTHS + (p - HALF) * CD_MONTHS / HALF
    }
}

/// Periods a typical programme has reached after `months`; the inverse of
/// `typical_months_to`, clamped to 0..=12.
pub fn typical_periods_at(months: f64) -> f64 {
    let m = if months.is_nan() {
        0.0
    } else {
        months.max(0.0)
    };
    let p = if m <= AB_MONTHS {
        m * HALF / AB_MONTHS
    } else {
        HALF + (m - AB_MONTHS) * HALF / CD_MONTHS
    };
    p.min(PERIODS)
}

/// Months from `start` to `today`, as a real number (negative if `start` is later).
pub fn months_between(start: IsoDate, today: IsoDate) -> f64 {
    today.days_since(start) as f64 / DAYS_PER_MONTH
}

/// The period a point on the path falls in: 3.667 is in period 4; the end
/// of a period (3.0) still belongs to it; 0 is the start of period 1.
pub fn period_at(fw: &Framework, periods: f64) -> Option<&Period> {
    let n = if periods.is_nan() {
        1.0
    } else {
        periods.ceil().clamp(1.0, PERIODS)
    };
    fw.period(n as u8)
}

/// Where the audit places the programme for the timeline: its Figure 4
/// position, once any action is scored (an untouched audit places nobody).
pub fn audit_reach(scored_actions: usize, position: &Position) -> Option<f64> {
    (scored_actions > 0).then_some(position.cumulative_periods)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pace {
    Ahead,
    OnPace,
    Behind,
}

impl Pace {
    /// Stable, for test hooks and styling.
    pub fn slug(self) -> &'static str {
        match self {
            Pace::Ahead => "ahead",
            Pace::OnPace => "on-pace",
            Pace::Behind => "behind",
        }
    }

    pub fn headline(self) -> &'static str {
        match self {
            Pace::Ahead => "Ahead of the typical pace",
            Pace::OnPace => "On the typical pace",
            Pace::Behind => "Behind the typical pace",
        }
    }
}

/// The one pace rule: more than `ON_PACE_PERIODS` past where a typical
/// programme would be is ahead, more than that short of it is behind.
pub fn pace_for(reached: f64, typical: f64) -> Pace {
    let gap = reached - typical;
    if gap > ON_PACE_PERIODS {
        Pace::Ahead
    } else if gap < -ON_PACE_PERIODS {
        Pace::Behind
    } else {
        Pace::OnPace
    }
}

#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum StartError {
    #[error("{0}")]
    NotADate(#[from] DateError),
    #[error("the start date {start} is after today ({today}); give the date the programme actually started")]
    InFuture { start: IsoDate, today: IsoDate },
}

/// Reads the start date the user typed: blank clears it; a date after
/// `today` is refused, since the timeline counts time already spent.
pub fn parse_start(text: &str, today: IsoDate) -> Result<Option<IsoDate>, StartError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let start: IsoDate = text.parse()?;
    if start > today {
        return Err(StartError::InFuture { start, today });
    }
    Ok(Some(start))
}

/// The programme's time against the typical pace.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineReading {
    pub start: IsoDate,
    /// Months since the start.
    pub months: f64,
    /// Periods a typical programme would have reached by now.
    pub typical_periods: f64,
    /// Periods the audit places the programme at; `None` before any score.
    pub reached: Option<f64>,
    pub pace: Option<Pace>,
}

/// Sets the time since `start` against the audit's position (`reached`,
/// in periods along the path, `None` when nothing is scored yet).
pub fn read(
    start: IsoDate,
    today: IsoDate,
    reached: Option<f64>,
) -> Result<TimelineReading, StartError> {
    if start > today {
        return Err(StartError::InFuture { start, today });
    }
    let months = months_between(start, today);
    let typical_periods = typical_periods_at(months);
    let reached = reached
        .filter(|r| r.is_finite())
        .map(|r| r.clamp(0.0, PERIODS));
    Ok(TimelineReading {
        start,
        months,
        typical_periods,
        reached,
        pace: reached.map(|r| pace_for(r, typical_periods)),
    })
}

/// "5 months", "1 year", "2 years and 3 months", rounded to whole months.
pub fn format_months(months: f64) -> String {
    let total = if months.is_finite() {
        months.round().max(0.0) as u64
    } else {
        0
    };
    let (years, rest) = (total / 12, total % 12);
    let plural = |n: u64, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    match (years, rest) {
        (0, m) => plural(m, "month", "months"),
        (y, 0) => plural(y, "year", "years"),
        (y, m) => format!(
            "{} and {}",
            plural(y, "year", "years"),
            plural(m, "month", "months")
        ),
    }
}

impl TimelineReading {
    /// The reading in plain words: how long, where a typical programme would
    /// be, where the audit places this one, and whether that is ahead of, on
    /// or behind the pace.
    pub fn sentence(&self, fw: &Framework) -> String {
        let place = |periods: f64| match period_at(fw, periods) {
            Some(p) => format!("period {}, {}", p.number, p.name),
            None => "the start of the path".to_string(),
        };
        let mut s = format!(
            "Your programme started {} ago ({}). At the typical pace it would by now be in {}",
            format_months(self.months),
            self.start,
            place(self.typical_periods)
        );
        let (Some(reached), Some(pace)) = (self.reached, self.pace) else {
            s.push_str(
                "; score the audit to see whether you are ahead of, on or behind that pace.",
            );
            return s;
        };
        s.push_str(&format!(
            "; the audit places it in {}, which a typical programme reaches after about {}. ",
            place(reached),
            format_months(typical_months_to(reached))
        ));
        s.push_str(match pace {
            Pace::Ahead => "You are ahead of that pace.",
            Pace::OnPace => "You are on that pace.",
            Pace::Behind => "You are behind that pace.",
        });
        if pace == Pace::Behind && self.typical_periods > HALF {
            s.push_str(
                " The source notes that phase C alone often takes three years, so being behind \
                 this pace in phases C and D is common.",
            );
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::framework;

    fn date(s: &str) -> IsoDate {
        s.parse().unwrap()
    }

    #[test]
    fn durations_follow_the_source() {
        assert_eq!(typical_months_to(0.0), 0.0);
        assert_eq!(typical_months_to(3.0), 12.0); // phase A: "up to a year"
        assert_eq!(typical_months_to(6.0), 24.0); // A+B: about two years
        assert_eq!(typical_months_to(12.0), 60.0); // C+D: a further three
        assert_eq!(typical_months_to(9.0), 42.0); // Figure 2's "3/4" years
        assert_eq!(typical_months_to(-1.0), 0.0);
        assert_eq!(typical_months_to(40.0), 60.0);
        assert_eq!(typical_months_to(f64::NAN), 0.0);
        for p in [0.0, 1.5, 3.667, 6.0, 7.25, 11.9, 12.0] {
            assert!(
                (typical_periods_at(typical_months_to(p)) - p).abs() < 1e-9,
                "{p}"
            );
        }
        assert_eq!(typical_periods_at(600.0), 12.0);
        assert_eq!(typical_periods_at(-5.0), 0.0);
    }

    #[test]
    fn pace_has_a_one_period_band_either_way() {
        assert_eq!(pace_for(4.0, 4.0), Pace::OnPace);
        assert_eq!(pace_for(5.0, 4.0), Pace::OnPace);
        assert_eq!(pace_for(3.0, 4.0), Pace::OnPace);
        assert_eq!(pace_for(5.01, 4.0), Pace::Ahead);
        assert_eq!(pace_for(2.99, 4.0), Pace::Behind);
    }

    #[test]
    fn three_start_dates_read_ahead_on_and_behind() {
        // 104 points: two-thirds through period 4 (Figure 4).
        let reached = Some(3.0 + 26.0 / 39.0);
        let today = date("2026-06-15");
        let pace = |start: &str| read(date(start), today, reached).unwrap().pace;
        assert_eq!(pace("2026-01-15"), Some(Pace::Ahead));
        assert_eq!(pace("2025-04-01"), Some(Pace::OnPace));
        assert_eq!(pace("2023-06-15"), Some(Pace::Behind));
    }

    #[test]
    fn edge_cases() {
        let today = date("2026-06-15");
        // Started today: up to a period of progress is on pace, more is ahead.
        let r = read(today, today, Some(0.0)).unwrap();
        assert_eq!((r.months, r.pace), (0.0, Some(Pace::OnPace)));
        assert_eq!(
            read(today, today, Some(1.5)).unwrap().pace,
            Some(Pace::Ahead)
        );
        // Years past the whole path with everything done: on pace, not behind.
        let r = read(date("2010-01-01"), today, Some(12.0)).unwrap();
        assert_eq!((r.typical_periods, r.pace), (12.0, Some(Pace::OnPace)));
        // Nothing scored: no pace, and the sentence says how to get one.
        let r = read(date("2025-06-15"), today, None).unwrap();
        assert_eq!(r.pace, None);
        assert!(r
            .sentence(framework())
            .ends_with("score the audit to see whether you are ahead of, on or behind that pace."));
        // Out-of-range positions are clamped, not trusted.
        assert_eq!(read(today, today, Some(f64::NAN)).unwrap().reached, None);
        assert_eq!(read(today, today, Some(99.0)).unwrap().reached, Some(12.0));
        assert_eq!(
            read(date("2026-06-16"), today, None),
            Err(StartError::InFuture {
                start: date("2026-06-16"),
                today
            })
        );
    }

    #[test]
    fn start_dates_are_checked() {
        let today = date("2026-06-15");
        assert_eq!(parse_start("", today), Ok(None));
        assert_eq!(
            parse_start(" 2025-01-31 ", today),
            Ok(Some(date("2025-01-31")))
        );
        assert_eq!(parse_start("2026-06-15", today), Ok(Some(today)));
        assert!(matches!(
            parse_start("2025-02-30", today),
            Err(StartError::NotADate(_))
        ));
        assert!(matches!(
            parse_start("soon", today),
            Err(StartError::NotADate(_))
        ));
        let e = parse_start("2027-01-01", today).unwrap_err();
        assert!(matches!(e, StartError::InFuture { .. }));
        assert!(e.to_string().contains("after today"));
    }

    #[test]
    fn periods_on_the_path() {
        let fw = framework();
        let n = |p: f64| period_at(fw, p).unwrap().number;
        assert_eq!(
            (n(0.0), n(0.2), n(1.0), n(3.667), n(12.0), n(30.0)),
            (1, 1, 1, 4, 12, 12)
        );
        assert_eq!(n(f64::NAN), 1);
    }

    #[test]
    fn sentences_say_the_pace_plainly() {
        let fw = framework();
        let today = date("2026-06-15");
        let s = read(date("2023-06-15"), today, Some(3.667))
            .unwrap()
            .sentence(fw);
        assert!(
            s.starts_with("Your programme started 3 years ago (2023-06-15)."),
            "{s}"
        );
        assert!(
            s.contains("it would by now be in period 9, Evaluation;"),
            "{s}"
        );
        assert!(s.contains("period 4, Capability building"), "{s}");
        assert!(s.contains("You are behind that pace."), "{s}");
        assert!(s.contains("phase C alone"), "{s}");
        let s = read(date("2026-01-15"), today, Some(3.667))
            .unwrap()
            .sentence(fw);
        assert!(
            s.contains("5 months ago") && s.contains("You are ahead of that pace."),
            "{s}"
        );
    }

    #[test]
    fn an_untouched_audit_places_nobody() {
        let fw = framework();
        let at = crate::domain::audit::position(fw, 104);
        assert_eq!(audit_reach(0, &at), None);
        assert_eq!(audit_reach(40, &at), Some(at.cumulative_periods));
    }

    #[test]
    fn months_read_as_words() {
        assert_eq!(format_months(0.2), "0 months");
        assert_eq!(format_months(1.0), "1 month");
        assert_eq!(format_months(12.0), "1 year");
        assert_eq!(format_months(14.6), "1 year and 3 months");
        assert_eq!(format_months(36.0), "3 years");
        assert_eq!(format_months(f64::INFINITY), "0 months");
    }
}
