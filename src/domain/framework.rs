//! The Cranfield transition framework (Woodburn 2006) as typed data.
//!
//! The checklist and litmus tests come from `data/*.json` (copied verbatim
//! from the source transcription). build.rs compiles them in as static
//! tables, so the app reads no JSON for them; the tests check that the tables
//! give what the files say and that the files pass [`Framework::validate`].

use serde::Deserialize;
use std::sync::OnceLock;
use thiserror::Error;

// SOURCE, SCALE, STREAMS, PHASES, TOTAL_MAX_SCORE, ACTION_COUNT, LITMUS_SOURCE, LITMUS.
include!(concat!(env!("OUT_DIR"), "/framework_tables.rs"));

/// A stream as build.rs writes it; each contributory stream is (id, name, description).
struct StreamRow {
    id: &'static str,
    name: &'static str,
    contributory: &'static [(&'static str, &'static str, &'static str)],
}

struct PhaseRow {
    id: &'static str,
    name: &'static str,
    milestone_after: Option<&'static str>,
    periods: &'static [PeriodRow],
}

/// A period as build.rs writes it; each action is (id, contributory stream, text).
struct PeriodRow {
    number: u8,
    id: &'static str,
    name: &'static str,
    max_score: u32,
    actions: &'static [(&'static str, &'static str, &'static str)],
}

struct LitmusRow {
    id: &'static str,
    name: &'static str,
    subject: &'static str,
    repeat: &'static str,
    rule: &'static str,
    question_stem: Option<&'static str>,
    pass_yes_at_least: Option<u8>,
    questions: &'static [&'static str],
}

fn owned(s: &str) -> String {
    s.to_string()
}

fn compiled_framework() -> Framework {
    Framework {
        source: owned(SOURCE),
        scale: SCALE
            .iter()
            .map(|&(score, label)| ScaleLabel {
                score,
                label: owned(label),
            })
            .collect(),
        streams: STREAMS
            .iter()
            .map(|s| Stream {
                id: owned(s.id),
                name: owned(s.name),
                contributory: s
                    .contributory
                    .iter()
                    .map(|&(id, name, description)| ContributoryStream {
                        id: owned(id),
                        name: owned(name),
                        description: owned(description),
                    })
                    .collect(),
            })
            .collect(),
        phases: PHASES
            .iter()
            .map(|ph| Phase {
                id: owned(ph.id),
                name: owned(ph.name),
                milestone_after: ph.milestone_after.map(owned),
                periods: ph
                    .periods
                    .iter()
                    .map(|p| Period {
                        number: p.number,
                        id: owned(p.id),
                        name: owned(p.name),
                        max_score: p.max_score,
                        actions: p
                            .actions
                            .iter()
                            .map(|&(id, stream, text)| Action {
                                id: owned(id),
                                stream: owned(stream),
                                text: owned(text),
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
        total_max_score: TOTAL_MAX_SCORE,
        action_count: ACTION_COUNT,
    }
}

fn compiled_litmus_tests() -> LitmusTests {
    LitmusTests {
        source: owned(LITMUS_SOURCE),
        tests: LITMUS
            .iter()
            .map(|t| LitmusTest {
                id: owned(t.id),
                name: owned(t.name),
                subject: owned(t.subject),
                repeat: owned(t.repeat),
                rule: owned(t.rule),
                question_stem: t.question_stem.map(owned),
                pass_yes_at_least: t.pass_yes_at_least,
                questions: t.questions.iter().copied().map(owned).collect(),
            })
            .collect(),
    }
}

/// Points an action can earn: scores run 0..=3.
pub const POINTS_PER_ACTION: u32 = 3;

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct ScaleLabel {
    pub score: u8,
    pub label: String,
}

/// One of the three streams (Strategy & planning, Organisation & culture, Processes).
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Stream {
    pub id: String,
    pub name: String,
    pub contributory: Vec<ContributoryStream>,
}

/// One of the nine contributory streams an action belongs to.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct ContributoryStream {
    pub id: String,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Action {
    pub id: String,
    /// Id of the contributory stream.
    pub stream: String,
    pub text: String,
}

/// One of the 12 periods (1..=12), three per phase.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Period {
    pub number: u8,
    pub id: String,
    pub name: String,
    pub max_score: u32,
    pub actions: Vec<Action>,
}

/// A milestone between periods: approval, launch, recommitment.
#[derive(Debug, Clone, PartialEq)]
pub struct Milestone {
    pub name: String,
    /// The milestone falls after this period.
    pub after_period: u8,
    pub phase_id: String,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Phase {
    pub id: String,
    pub name: String,
    pub milestone_after: Option<String>,
    pub periods: Vec<Period>,
}

impl Phase {
    pub fn max_score(&self) -> u32 {
        self.periods.iter().map(|p| p.max_score).sum()
    }

    /// Id and name, as charts and lists show it: "A Scoping KAM".
    pub fn label(&self) -> String {
        format!("{} {}", self.id, self.name)
    }
}

impl Period {
    /// Id and name: "A1 Awareness".
    pub fn label(&self) -> String {
        format!("{} {}", self.id, self.name)
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Framework {
    pub source: String,
    pub scale: Vec<ScaleLabel>,
    pub streams: Vec<Stream>,
    pub phases: Vec<Phase>,
    pub total_max_score: u32,
    pub action_count: usize,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct LitmusTest {
    pub id: String,
    pub name: String,
    pub subject: String,
    pub repeat: String,
    pub rule: String,
    #[serde(default)]
    pub question_stem: Option<String>,
    /// Unambivalent yes answers needed to qualify; `None` where the source gives no pass mark.
    #[serde(default)]
    pub pass_yes_at_least: Option<u8>,
    pub questions: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct LitmusTests {
    pub source: String,
    pub tests: Vec<LitmusTest>,
}

impl LitmusTests {
    pub fn get(&self, id: &str) -> Option<&LitmusTest> {
        self.tests.iter().find(|t| t.id == id)
    }
}

#[derive(Debug, Error, PartialEq)]
pub enum FrameworkError {
    #[error("framework data is not valid JSON: {0}")]
    Json(String),
    #[error(
        "period {period} lists actions worth {actual} points but states a maximum of {stated}"
    )]
    PeriodMax {
        period: String,
        stated: u32,
        actual: u32,
    },
    #[error("the total maximum is {actual}, not the stated {stated}")]
    TotalMax { stated: u32, actual: u32 },
    #[error("action id {0} appears more than once")]
    DuplicateAction(String),
    #[error("action {action} names unknown contributory stream {stream}")]
    UnknownStream { action: String, stream: String },
    #[error("there are {actual} actions, not the stated {stated}")]
    ActionCount { stated: usize, actual: usize },
}

impl Framework {
    pub fn parse(json: &str) -> Result<Self, FrameworkError> {
        let fw: Framework =
            serde_json::from_str(json).map_err(|e| FrameworkError::Json(e.to_string()))?;
        fw.validate()?;
        Ok(fw)
    }

    /// Checks the transcription against the maxima the source states.
    pub fn validate(&self) -> Result<(), FrameworkError> {
        let mut seen = std::collections::HashSet::new();
        for period in self.periods() {
            let actual = period.actions.len() as u32 * POINTS_PER_ACTION;
            if actual != period.max_score {
                return Err(FrameworkError::PeriodMax {
                    period: period.id.clone(),
                    stated: period.max_score,
                    actual,
                });
            }
            for a in &period.actions {
                if !seen.insert(a.id.as_str()) {
                    return Err(FrameworkError::DuplicateAction(a.id.clone()));
                }
                if self.contributory_stream(&a.stream).is_none() {
                    return Err(FrameworkError::UnknownStream {
                        action: a.id.clone(),
                        stream: a.stream.clone(),
                    });
                }
            }
        }
        if seen.len() != self.action_count {
            return Err(FrameworkError::ActionCount {
                stated: self.action_count,
                actual: seen.len(),
            });
        }
        let actual: u32 = self.phases.iter().map(Phase::max_score).sum();
        if actual != self.total_max_score {
            return Err(FrameworkError::TotalMax {
                stated: self.total_max_score,
                actual,
            });
        }
        Ok(())
    }

    /// "A Scoping KAM", "B Introducing KAM", … in order.
    pub fn phase_labels(&self) -> Vec<String> {
        self.phases.iter().map(Phase::label).collect()
    }

    pub fn periods(&self) -> impl Iterator<Item = &Period> {
        self.phases.iter().flat_map(|p| p.periods.iter())
    }

    pub fn actions(&self) -> impl Iterator<Item = &Action> {
        self.periods().flat_map(|p| p.actions.iter())
    }

    pub fn period(&self, number: u8) -> Option<&Period> {
        self.periods().find(|p| p.number == number)
    }

    pub fn phase_of_period(&self, number: u8) -> Option<&Phase> {
        self.phases
            .iter()
            .find(|ph| ph.periods.iter().any(|p| p.number == number))
    }

    pub fn action(&self, id: &str) -> Option<&Action> {
        self.actions().find(|a| a.id == id)
    }

    /// The period an action belongs to.
    pub fn period_of_action(&self, id: &str) -> Option<&Period> {
        self.periods()
            .find(|p| p.actions.iter().any(|a| a.id == id))
    }

    pub fn contributory_stream(&self, id: &str) -> Option<&ContributoryStream> {
        self.streams
            .iter()
            .flat_map(|s| s.contributory.iter())
            .find(|c| c.id == id)
    }

    /// The stream a contributory stream belongs to.
    pub fn stream_of(&self, contributory_id: &str) -> Option<&Stream> {
        self.streams
            .iter()
            .find(|s| s.contributory.iter().any(|c| c.id == contributory_id))
    }

    pub fn label_for(&self, score: u8) -> &str {
        self.scale
            .iter()
            .find(|s| s.score == score)
            .map(|s| s.label.as_str())
            .unwrap_or("")
    }

    /// Milestones in order. Each phase's data names its milestone; where it
    /// falls comes from the source's phase tables: approval closes phase A,
    /// launch separates capability building (4) from roll-out (5), and
    /// recommitment closes phase C.
    pub fn milestones(&self) -> Vec<Milestone> {
        self.phases
            .iter()
            .filter_map(|ph| {
                let name = ph.milestone_after.clone()?;
                let after_period = match name.as_str() {
                    "Launch" => ph.periods.first()?.number,
                    _ => ph.periods.last()?.number,
                };
                Some(Milestone {
                    name,
                    after_period,
                    phase_id: ph.id.clone(),
                })
            })
            .collect()
    }

    /// The milestone that falls right after period `number`, if any: views
    /// place milestones with this, never at the end of the phase that names
    /// them (launch comes after period 4, not after period 6).
    pub fn milestone_after_period(&self, number: u8) -> Option<Milestone> {
        self.milestones()
            .into_iter()
            .find(|m| m.after_period == number)
    }
}

/// The framework compiled into the app. The tests check its tables against
/// data/audit.json, and that file against the source's maxima, so nothing
/// here can fail at run time.
pub fn framework() -> &'static Framework {
    static FW: OnceLock<Framework> = OnceLock::new();
    FW.get_or_init(compiled_framework)
}

pub fn litmus_tests() -> &'static LitmusTests {
    static LT: OnceLock<LitmusTests> = OnceLock::new();
    LT.get_or_init(compiled_litmus_tests)
}

#[cfg(test)]
mod tests {
    use super::*;

    const AUDIT_JSON: &str = include_str!("../../data/audit.json");

    #[test]
    fn the_compiled_tables_are_the_data_files() {
        let audit = Framework::parse(AUDIT_JSON).unwrap();
        assert_eq!(*framework(), audit);
        let litmus: LitmusTests =
            serde_json::from_str(include_str!("../../data/litmus.json")).unwrap();
        assert_eq!(*litmus_tests(), litmus);
    }

    #[test]
    fn has_129_unique_actions() {
        let fw = framework();
        let ids: std::collections::HashSet<_> = fw.actions().map(|a| a.id.clone()).collect();
        assert_eq!(fw.actions().count(), 129);
        assert_eq!(ids.len(), 129);
    }

    #[test]
    fn period_maxima_match_the_source() {
        let maxima: Vec<u32> = framework().periods().map(|p| p.max_score).collect();
        assert_eq!(maxima, vec![21, 33, 24, 39, 33, 33, 39, 42, 24, 36, 36, 27]);
        let numbers: Vec<u8> = framework().periods().map(|p| p.number).collect();
        assert_eq!(numbers, (1..=12).collect::<Vec<u8>>());
    }

    #[test]
    fn phase_maxima_and_total() {
        let fw = framework();
        let phases: Vec<u32> = fw.phases.iter().map(Phase::max_score).collect();
        assert_eq!(phases, vec![78, 105, 105, 99]);
        assert_eq!(phases.iter().sum::<u32>(), 387);
        let ids: Vec<&str> = fw.phases.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, vec!["A", "B", "C", "D"]);
    }

    #[test]
    fn nine_contributory_streams_in_three_streams() {
        let fw = framework();
        assert_eq!(fw.streams.len(), 3);
        assert!(fw.streams.iter().all(|s| s.contributory.len() == 3));
        let all: std::collections::HashSet<_> = fw
            .streams
            .iter()
            .flat_map(|s| s.contributory.iter().map(|c| c.id.clone()))
            .collect();
        assert_eq!(all.len(), 9);
        // Every contributory stream is used by at least one action.
        for id in &all {
            assert!(fw.actions().any(|a| &a.stream == id), "{id} unused");
        }
    }

    #[test]
    fn milestones_fall_after_periods_3_4_9() {
        let ms = framework().milestones();
        let at: Vec<(u8, &str)> = ms
            .iter()
            .map(|m| (m.after_period, m.name.as_str()))
            .collect();
        assert_eq!(
            at,
            vec![
                (3, "Senior management approval"),
                (4, "Launch"),
                (9, "Recommitment")
            ]
        );
    }

    #[test]
    fn launch_sits_between_capability_building_and_roll_out() {
        let fw = framework();
        let after: Vec<u8> = (1..=12)
            .filter(|n| fw.milestone_after_period(*n).is_some())
            .collect();
        assert_eq!(after, vec![3, 4, 9]);
        let launch = fw.milestone_after_period(4).unwrap();
        assert_eq!(
            (launch.name.as_str(), launch.phase_id.as_str()),
            ("Launch", "B")
        );
        assert!(fw.milestone_after_period(6).is_none());
    }

    #[test]
    fn validation_catches_a_wrong_period_maximum() {
        let bad = AUDIT_JSON.replacen("\"max_score\": 21", "\"max_score\": 24", 1);
        assert!(matches!(
            Framework::parse(&bad),
            Err(FrameworkError::PeriodMax {
                stated: 24,
                actual: 21,
                ..
            })
        ));
    }

    #[test]
    fn validation_catches_a_duplicate_action() {
        let bad = AUDIT_JSON.replacen("\"id\": \"A1.02\"", "\"id\": \"A1.01\"", 1);
        assert!(matches!(
            Framework::parse(&bad),
            Err(FrameworkError::DuplicateAction(id)) if id == "A1.01"
        ));
    }

    #[test]
    fn labels_join_id_and_name() {
        let fw = framework();
        assert_eq!(fw.phase_labels()[1], "B Introducing KAM");
        assert_eq!(fw.period(4).unwrap().label(), "B1 Capability building");
    }

    #[test]
    fn litmus_tests_load() {
        let lt = litmus_tests();
        assert_eq!(lt.get("organisation").unwrap().questions.len(), 5);
        assert_eq!(lt.get("key_account_manager").unwrap().questions.len(), 5);
        assert_eq!(lt.get("customer_readiness").unwrap().questions.len(), 6);
        assert_eq!(lt.get("organisation").unwrap().pass_yes_at_least, Some(4));
        assert_eq!(
            lt.get("customer_readiness").unwrap().pass_yes_at_least,
            None
        );
    }
}
