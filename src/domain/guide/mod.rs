//! The guide: the framework and the common issues of KAM development, in
//! the app's own words from the sources, as data the guide page (and any
//! page that links to a topic) reads. Figure 1's drivers and the programme
//! timeline rule live here too.

mod content;
mod drivers;
mod phases;
mod timeline;

pub use content::{blocks, table_2, table_6, Block, GuideTable};
pub use drivers::{
    driver, is_driver_action, ticked, Driver, Origin, Polarity, UnknownDriver, DRIVERS,
};
pub use phases::{milestone_text, period_text, phase_text, BEST_PRACTICE, PHASES_INTRO};
pub use timeline::{
    audit_reach, format_months, months_between, pace_for, parse_start, period_at, read,
    typical_months_to, typical_periods_at, Pace, StartError, TimelineReading, AB_MONTHS, CD_MONTHS,
    ON_PACE_PERIODS, PACE_RULE,
};

/// One section of the guide, addressable from the router (`#/guide/<slug>`)
/// so the screens where a topic matters can link straight to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Topic {
    Phases,
    Timeline,
    Scoring,
    Streams,
    Drivers,
    KamIs,
    TimeAllocation,
    Selling,
    AccountManagementVsKam,
    RateOfChange,
    SuccessFactors,
    Dmu,
    Measuring,
    GlobalDosAndDonts,
}

/// The groups the table of contents shows, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TopicGroup {
    Framework,
    CommonIssues,
    BeyondTheFramework,
}

impl TopicGroup {
    pub const ALL: [TopicGroup; 3] = [
        TopicGroup::Framework,
        TopicGroup::CommonIssues,
        TopicGroup::BeyondTheFramework,
    ];

    pub fn title(self) -> &'static str {
        match self {
            TopicGroup::Framework => "The framework",
            TopicGroup::CommonIssues => "Common issues in KAM development",
            TopicGroup::BeyondTheFramework => "Beyond the framework",
        }
    }
}

const WOODBURN: &str =
    "Woodburn, D. (2006) Transitioning to Key Account Management, Cranfield School of Management";

impl Topic {
    /// In reading order.
    pub const ALL: [Topic; 14] = [
        Topic::Phases,
        Topic::Timeline,
        Topic::Scoring,
        Topic::Streams,
        Topic::Drivers,
        Topic::KamIs,
        Topic::TimeAllocation,
        Topic::Selling,
        Topic::AccountManagementVsKam,
        Topic::RateOfChange,
        Topic::SuccessFactors,
        Topic::Dmu,
        Topic::Measuring,
        Topic::GlobalDosAndDonts,
    ];

    /// Stable: part of links (`#/guide/drivers`) and test ids.
    pub fn slug(self) -> &'static str {
        match self {
            Topic::Phases => "phases",
            Topic::Timeline => "timeline",
            Topic::Scoring => "scoring",
            Topic::Streams => "streams",
            Topic::Drivers => "drivers",
            Topic::KamIs => "kam-is",
            Topic::TimeAllocation => "time-allocation",
            Topic::Selling => "selling",
            Topic::AccountManagementVsKam => "am-vs-kam",
            Topic::RateOfChange => "rate-of-change",
            Topic::SuccessFactors => "success-factors",
            Topic::Dmu => "dmu",
            Topic::Measuring => "measuring",
            Topic::GlobalDosAndDonts => "global",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|t| t.slug() == slug)
    }

    pub fn title(self) -> &'static str {
        match self {
            Topic::Phases => "Four phases, twelve periods and three milestones",
            Topic::Timeline => "Your programme's timeline",
            Topic::Scoring => "How to score the audit",
            Topic::Streams => "Three streams of activity",
            Topic::Drivers => "Drivers of KAM",
            Topic::KamIs => "What KAM is, and is not",
            Topic::TimeAllocation => "How a key account manager's time is spent",
            Topic::Selling => "Responding to excessive selling",
            Topic::AccountManagementVsKam => "Account management or KAM?",
            Topic::RateOfChange => "Incremental or step change",
            Topic::SuccessFactors => "The 7S success factors",
            Topic::Dmu => "The decision-making unit",
            Topic::Measuring => "Measuring KAM performance",
            Topic::GlobalDosAndDonts => "Global KAM: do's and don'ts",
        }
    }

    pub fn group(self) -> TopicGroup {
        match self {
            Topic::Phases | Topic::Timeline | Topic::Scoring | Topic::Streams => {
                TopicGroup::Framework
            }
            Topic::Drivers
            | Topic::KamIs
            | Topic::TimeAllocation
            | Topic::Selling
            | Topic::AccountManagementVsKam
            | Topic::RateOfChange => TopicGroup::CommonIssues,
            Topic::SuccessFactors | Topic::Dmu | Topic::Measuring | Topic::GlobalDosAndDonts => {
                TopicGroup::BeyondTheFramework
            }
        }
    }

    /// Where the topic comes from.
    pub fn source(self) -> String {
        let section = match self {
            Topic::Phases => "section 3.1, Figure 2 and sections 4-7",
            Topic::Timeline => "section 3.1 and Figure 2 (typical durations)",
            Topic::Scoring => "section 3.3",
            Topic::Streams => "section 3.2, Table 6",
            Topic::Drivers => "section 2.1, Figure 1",
            Topic::KamIs => "section 2.2, Table 1",
            Topic::TimeAllocation => "section 2.3, Table 2",
            Topic::Selling => "section 2.4, Table 3",
            Topic::AccountManagementVsKam => "section 2.5, Table 4",
            Topic::RateOfChange => "section 2.6, Table 5",
            Topic::SuccessFactors => {
                return "Rogers, B., What constitutes a successful KAM programme? (the McKinsey 7S model applied to KAM)".into()
            }
            Topic::Dmu => {
                return "Wolfram, H., What is key account management? (part 2: the decision-making unit)".into()
            }
            Topic::Measuring => {
                return "Clarity Engagement Solutions, Measuring key account management performance".into()
            }
            Topic::GlobalDosAndDonts => {
                return "Clarity Engagement Solutions, 12 do's and don'ts of global KAM implementation".into()
            }
        };
        format!("{WOODBURN}, {section}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_unique_and_round_trip() {
        let slugs: std::collections::HashSet<_> = Topic::ALL.iter().map(|t| t.slug()).collect();
        assert_eq!(slugs.len(), Topic::ALL.len());
        for t in Topic::ALL {
            assert_eq!(Topic::from_slug(t.slug()), Some(t));
            assert!(t
                .slug()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-'));
        }
        assert_eq!(Topic::from_slug("nowhere"), None);
    }

    #[test]
    fn every_group_has_topics_in_reading_order() {
        let mut last = 0;
        for t in Topic::ALL {
            let g = TopicGroup::ALL
                .iter()
                .position(|g| *g == t.group())
                .unwrap();
            assert!(g >= last, "{t:?} out of group order");
            last = g;
        }
    }
}
