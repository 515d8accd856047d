//! Several assessors' scores kept in the workspace: each is the scores link
//! an assessor sent back, with their name, so the consensus can be shown
//! again and each assessor's scores viewed after the agreed scores became
//! the audit.
//!
//! The rules for adding one live here: a name (trimmed, at most
//! [`MAX_NAME_CHARS`], no control characters, not already taken whatever
//! its case) and scores from a pasted link or a backup file.

use super::backup;
use super::consensus::Assessor;
use super::date::IsoDate;
use super::framework::{framework, Framework};
use super::portfolio::{has_control, same_name};
use super::share::{self, ScoresLink, ShareError, SharedLink};
use super::text::thousands;
use super::workspace::DocumentError;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Longest assessor name, in characters (as for every one-line name).
pub const MAX_NAME_CHARS: usize = 200;

/// One assessor's scores as they sent them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessorScores {
    pub name: String,
    /// The scores link's fragment (`s1.…`), read with `share::decode_scores`.
    pub link: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added: Option<IsoDate>,
}

impl AssessorScores {
    /// The scores this assessor gave. A stored link that no longer reads
    /// (edited by hand, or from a newer version) says why.
    pub fn scores(&self) -> Result<ScoresLink, ShareError> {
        share::decode_scores(framework(), &self.link)
    }
}

/// Why an assessor was not added or removed.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum AssessorError {
    #[error("give the assessor's name")]
    NoName,
    #[error("the name has {} characters; at most {}", thousands(*chars), thousands(*max))]
    NameTooLong { chars: usize, max: usize },
    #[error("the name contains control characters (such as a tab or a line break), which are not allowed")]
    ControlCharacters,
    #[error("there is already an assessor called \"{0}\" (names are compared ignoring case): give each assessor a different name")]
    DuplicateName(String),
    #[error("paste the link the assessor sent back, or choose their backup file")]
    NoScores,
    #[error("paste a link or choose a file, not both: empty the link field to use the file")]
    TwoSources,
    #[error("the link cannot be read: {0}")]
    Link(#[from] ShareError),
    #[error("the file cannot be read as a KAM Workbench backup: {0}")]
    Backup(DocumentError),
    #[error("there is no assessor called \"{0}\"")]
    NotFound(String),
}

/// What was stored for one assessor, read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    pub name: String,
    pub error: ShareError,
}

/// Every assessor's scores read back: the readable ones for the consensus,
/// and the others named with the reason, never dropped silently.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Decoded {
    pub assessors: Vec<Assessor>,
    pub unreadable: Vec<Unreadable>,
}

/// Every assessor's scores, in the order they were added.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Assessors(pub Vec<AssessorScores>);

impl Assessors {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The name as it will be kept (trimmed), or why it cannot be.
    pub fn check_name(&self, name: &str) -> Result<String, AssessorError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(AssessorError::NoName);
        }
        let chars = name.chars().count();
        if chars > MAX_NAME_CHARS {
            return Err(AssessorError::NameTooLong {
                chars,
                max: MAX_NAME_CHARS,
            });
        }
        if has_control(name, false) {
            return Err(AssessorError::ControlCharacters);
        }
        if let Some(taken) = self.0.iter().find(|a| same_name(&a.name, name)) {
            return Err(AssessorError::DuplicateName(taken.name.clone()));
        }
        Ok(name.to_string())
    }

    /// Adds an assessor's scores under their name; refused (and nothing
    /// changed) when the name is missing, too long, has control characters
    /// or is taken.
    pub fn add(
        &mut self,
        name: &str,
        scores: &ScoresLink,
        added: Option<IsoDate>,
    ) -> Result<(), AssessorError> {
        let name = self.check_name(name)?;
        self.0.push(AssessorScores {
            name,
            link: scores.encode(framework()),
            added,
        });
        Ok(())
    }

    /// Removes the assessor called `name` (ignoring case) and returns what was kept.
    pub fn remove(&mut self, name: &str) -> Result<AssessorScores, AssessorError> {
        let index = self
            .0
            .iter()
            .position(|a| same_name(&a.name, name))
            .ok_or_else(|| AssessorError::NotFound(name.trim().to_string()))?;
        Ok(self.0.remove(index))
    }

    /// Every assessor's scores read back, for the consensus.
    pub fn decode(&self) -> Decoded {
        let mut out = Decoded::default();
        for a in &self.0 {
            match a.scores() {
                Ok(scores) => out.assessors.push(Assessor {
                    name: a.name.clone(),
                    scores,
                }),
                Err(error) => out.unreadable.push(Unreadable {
                    name: a.name.clone(),
                    error,
                }),
            }
        }
        out
    }
}

/// Actions scored or marked N/A in `scores`.
pub fn answered(scores: &ScoresLink) -> usize {
    scores.scored_count() + scores.not_applicable_count()
}

/// How much of the audit an assessor answered, as the list shows it.
pub fn answered_summary(scores: &ScoresLink) -> String {
    format!(
        "{} of {} actions answered ({} scored, {} N/A)",
        answered(scores),
        scores.states.len(),
        scores.scored_count(),
        scores.not_applicable_count()
    )
}

/// The scores in any share link: a scores link as it is, a whole-workspace
/// link by its audit and organisation answers.
fn scores_of(fw: &Framework, link: SharedLink) -> ScoresLink {
    match link {
        SharedLink::Scores(s) => s,
        SharedLink::Full(f) => ScoresLink::capture(fw, &f.workspace.audit, &f.workspace.litmus),
    }
}

/// The part of a pasted link that holds the scores: what follows the `#`
/// of a whole address, or the text itself. Spaces and line breaks are left
/// out, as mail tools wrap long links and an address never has them.
fn fragment(pasted: &str) -> String {
    let text = pasted.split_once('#').map_or(pasted, |(_, after)| after);
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The scores in a link an assessor sent back: the whole address, or just
/// the part after `#`; a scores link or a whole-workspace link.
pub fn scores_from_link(pasted: &str) -> Result<ScoresLink, AssessorError> {
    if pasted.trim().is_empty() {
        return Err(AssessorError::NoScores);
    }
    let fw = framework();
    let link = share::decode_with(fw, &fragment(pasted))?;
    Ok(scores_of(fw, link))
}

/// The scores in an assessor's backup file: its audit and organisation answers.
pub fn scores_from_backup(text: &str) -> Result<ScoresLink, AssessorError> {
    let restore = backup::read(text).map_err(AssessorError::Backup)?;
    let ws = &restore.workspace;
    Ok(ScoresLink::capture(framework(), &ws.audit, &ws.litmus))
}

/// The scores to add: from the pasted link, or from the backup file already
/// read; exactly one of the two.
pub fn choose_scores(
    pasted: &str,
    from_file: Option<&ScoresLink>,
) -> Result<ScoresLink, AssessorError> {
    match (pasted.trim().is_empty(), from_file) {
        (false, Some(_)) => Err(AssessorError::TwoSources),
        (false, None) => scores_from_link(pasted),
        (true, Some(scores)) => Ok(scores.clone()),
        (true, None) => Err(AssessorError::NoScores),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::{Audit, Score};
    use crate::domain::backup::export;
    use crate::domain::document::UnknownFields;
    use crate::domain::litmus::LitmusAnswers;
    use crate::domain::share::{encode_full, ActionState};
    use crate::domain::Workspace;

    fn scored(pairs: &[(&str, u8)]) -> ScoresLink {
        let mut audit = Audit::default();
        for (id, v) in pairs {
            audit.set_score(id, Some(Score::new(*v).unwrap()));
        }
        ScoresLink::capture(framework(), &audit, &LitmusAnswers::default())
    }

    fn day() -> Option<IsoDate> {
        "2026-12-01".parse().ok()
    }

    #[test]
    fn names_are_required_trimmed_short_clean_and_unique_ignoring_case() {
        let mut list = Assessors::default();
        let s = scored(&[("A1.01", 2)]);
        assert_eq!(list.add("   ", &s, day()), Err(AssessorError::NoName));
        let long = "x".repeat(201);
        assert_eq!(
            list.add(&long, &s, day()),
            Err(AssessorError::NameTooLong {
                chars: 201,
                max: 200
            })
        );
        assert!(list.add(&"é".repeat(200), &s, day()).is_ok());
        assert_eq!(
            list.add("Dana\tSmith", &s, day()),
            Err(AssessorError::ControlCharacters)
        );
        list.add("  Lee (finance) ", &s, day()).unwrap();
        assert_eq!(list.0[1].name, "Lee (finance)");
        assert_eq!(list.0[1].added, day());
        assert_eq!(
            list.add("LEE (Finance)", &s, None),
            Err(AssessorError::DuplicateName("Lee (finance)".into()))
        );
        assert_eq!(list.len(), 2);
        assert_eq!(
            AssessorError::NameTooLong {
                chars: 1200,
                max: 200
            }
            .to_string(),
            "the name has 1,200 characters; at most 200"
        );
    }

    #[test]
    fn added_scores_are_kept_as_a_scores_link_and_read_back() {
        let mut list = Assessors::default();
        let s = scored(&[("A1.01", 2), ("B1.02", 3)]);
        list.add("Dana", &s, day()).unwrap();
        assert!(list.0[0].link.starts_with("s1."));
        assert_eq!(list.0[0].scores(), Ok(s.clone()));
        assert_eq!(answered(&s), 2);
        assert_eq!(
            answered_summary(&s),
            "2 of 129 actions answered (2 scored, 0 N/A)"
        );
        let decoded = list.decode();
        assert_eq!(decoded.assessors.len(), 1);
        assert_eq!(decoded.assessors[0].name, "Dana");
        assert_eq!(decoded.assessors[0].scores, s);
        assert_eq!(decoded.unreadable, []);
    }

    #[test]
    fn a_stored_link_that_no_longer_reads_is_reported_not_dropped() {
        let mut list = Assessors::default();
        list.add("Dana", &scored(&[("A1.01", 2)]), day()).unwrap();
        list.0.push(AssessorScores {
            name: "Lee".into(),
            link: "s1.AAAA".into(),
            added: None,
        });
        list.0.push(AssessorScores {
            name: "Sam".into(),
            link: "s9.whatever".into(),
            added: None,
        });
        // The list only ever keeps scores links; a whole-workspace link put there by hand is
        // named, not read.
        list.0.push(AssessorScores {
            name: "Kim".into(),
            link: encode_full(&Workspace::default(), true),
            added: None,
        });
        let decoded = list.decode();
        assert_eq!(decoded.assessors.len(), 1);
        let names: Vec<&str> = decoded.unreadable.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(names, ["Lee", "Sam", "Kim"]);
        assert_eq!(decoded.unreadable[2].error, ShareError::NotScores);
        assert!(matches!(
            decoded.unreadable[0].error,
            ShareError::ScoresLength { found: 4, .. }
        ));
        assert!(matches!(
            decoded.unreadable[1].error,
            ShareError::NewerFormat { .. }
        ));
    }

    #[test]
    fn links_are_read_whole_or_as_fragments_scores_or_workspace() {
        let s = scored(&[("C2.03", 1)]);
        let fragment = s.encode(framework());
        let address = format!("https://example.org/kam/#{fragment}");
        assert_eq!(scores_from_link(&fragment), Ok(s.clone()));
        assert_eq!(scores_from_link(&format!("#{fragment}")), Ok(s.clone()));
        assert_eq!(scores_from_link(&address), Ok(s.clone()));
        // Wrapped by a mail tool.
        let wrapped = format!("  {}\n{}  ", &address[..30], &address[30..]);
        assert_eq!(scores_from_link(&wrapped), Ok(s.clone()));
        let mut ws = Workspace::default();
        ws.audit.set_score("C2.03", Some(Score::new(1).unwrap()));
        let full = format!("https://example.org/#{}", encode_full(&ws, false));
        assert_eq!(scores_from_link(&full), Ok(s));
    }

    #[test]
    fn bad_links_say_why() {
        assert_eq!(scores_from_link("  "), Err(AssessorError::NoScores));
        assert_eq!(
            scores_from_link("https://example.org/#/audit"),
            Err(AssessorError::Link(ShareError::NotALink))
        );
        let cut = scored(&[("A1.01", 1)]).encode(framework());
        let err = scores_from_link(&cut[..cut.len() - 2]).unwrap_err();
        assert!(matches!(
            err,
            AssessorError::Link(ShareError::ScoresLength { .. })
        ));
        assert!(err.to_string().starts_with("the link cannot be read: "));
        assert!(err.to_string().contains("cut short"));
    }

    #[test]
    fn a_backup_file_gives_its_audit_scores() {
        let mut ws = Workspace::default();
        ws.audit.set_score("A1.01", Some(Score::new(3).unwrap()));
        ws.audit
            .set_not_applicable("B2.04", Some("no overseas arm".into()));
        let file = export(ws.borrowed(), &UnknownFields::default());
        let s = scores_from_backup(&file).unwrap();
        assert_eq!(answered(&s), 2);
        let b204 = s.states.iter().find(|(id, _)| id == "B2.04").unwrap();
        assert_eq!(b204.1, ActionState::NotApplicable);
        assert!(matches!(
            scores_from_backup("not json"),
            Err(AssessorError::Backup(DocumentError::NotJson(_)))
        ));
        assert_eq!(
            scores_from_backup("{}"),
            Err(AssessorError::Backup(DocumentError::NoSchema))
        );
    }

    #[test]
    fn exactly_one_source_of_scores() {
        let s = scored(&[("A1.01", 1)]);
        let link = s.encode(framework());
        assert_eq!(choose_scores("", None), Err(AssessorError::NoScores));
        assert_eq!(
            choose_scores(&link, Some(&s)),
            Err(AssessorError::TwoSources)
        );
        assert_eq!(choose_scores(&link, None), Ok(s.clone()));
        assert_eq!(choose_scores(" ", Some(&s)), Ok(s));
    }

    #[test]
    fn removing_finds_the_name_ignoring_case() {
        let mut list = Assessors::default();
        let s = scored(&[]);
        list.add("Dana", &s, None).unwrap();
        list.add("Lee", &s, None).unwrap();
        assert_eq!(list.remove("dana").unwrap().name, "Dana");
        assert_eq!(
            list.remove("Dana"),
            Err(AssessorError::NotFound("Dana".into()))
        );
        assert_eq!(list.len(), 1);
    }
}
