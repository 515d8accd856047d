//! Share links: the audit (or the whole workspace) carried in the URL
//! fragment, which browsers never send to a server. Each link starts with a
//! kind letter and a format version (`s1.`, `f1.`), so later formats can be
//! told apart and older builds refuse newer links with a clear message.
//!
//! - `s1.` [`ScoresLink`]: scores, N/A marks and organisation answers only,
//!   short enough to read out or paste anywhere (62 characters with `#`).
//! - `f1.` [`FullLink`]: the workspace, optionally without the portfolio.

mod full;
mod scores;

pub use full::{decode_full, encode_full, without_portfolio, FullLink, MAX_UNPACKED_BYTES};
pub use scores::{ActionState, ScoresLink, ORGANISATION_QUESTIONS};

use crate::domain::framework::{framework, Framework};
use crate::domain::text::thousands;
use crate::domain::workspace::DocumentError;
use thiserror::Error;

pub const SCORES_PREFIX: &str = "s1.";
pub const FULL_PREFIX: &str = "f1.";

/// Links longer than this (whole URL) are often cut or refused by chat and
/// mail tools.
pub const LONG_LINK_CHARS: usize = 2000;

/// Whether a whole link (address and fragment) risks being cut short when
/// sent by chat or mail.
pub fn is_long_link(link: &str) -> bool {
    link.chars().count() > LONG_LINK_CHARS
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum ShareError {
    #[error("this is not a KAM Workbench share link")]
    NotALink,
    #[error(
        "this link was made by a newer KAM Workbench (link format {found}); open it with the latest version"
    )]
    NewerFormat { found: String },
    #[error("the link is cut short or has extra characters: it should have {expected} characters after \"s1.\", not {found}; copy the whole link again")]
    ScoresLength { expected: usize, found: usize },
    #[error("the link contains characters a share link cannot have; copy the whole link again")]
    BadCharacters,
    #[error("the link's scores are out of range, so it was changed or damaged; copy the whole link again")]
    ScoresOutOfRange,
    #[error("the link's data is damaged and cannot be unpacked; copy the whole link again")]
    Damaged,
    #[error("the link's data unpacks to more than {} bytes, more than a workspace link may hold", thousands(*limit))]
    TooLarge { limit: usize },
    #[error("the link does not hold a readable workspace: {0}")]
    Document(#[from] DocumentError),
    #[error("this is a whole-workspace link, where a scores link (\"s1.\") was expected")]
    NotScores,
}

/// What a share link holds, ready for the app to show and apply.
#[derive(Debug, Clone, PartialEq)]
pub enum SharedLink {
    Scores(ScoresLink),
    /// Boxed: a workspace is large, a scores link is not.
    Full(Box<FullLink>),
}

impl SharedLink {
    /// One line saying what the link contains, to show before applying it.
    pub fn summary(&self) -> String {
        match self {
            SharedLink::Scores(s) => format!(
                "Audit scores: {} of {} actions scored, {} N/A; {} of {} organisation litmus answers",
                s.scored_count(),
                s.states.len(),
                s.not_applicable_count(),
                s.answered_count(),
                ORGANISATION_QUESTIONS,
            ),
            SharedLink::Full(f) => format!("Workspace {}", f.workspace.summary()),
        }
    }
}

/// `s2`, `f10`, …: a kind this build knows, in a later format version.
fn is_newer_format(head: &str) -> bool {
    let version = head.strip_prefix(['s', 'f']).unwrap_or("");
    !version.starts_with('0')
        && version.bytes().all(|b| b.is_ascii_digit())
        && version.parse::<u32>().is_ok_and(|v| v > 1)
}

/// Reads a share link's fragment (with or without the leading `#`).
pub fn decode(fragment: &str) -> Result<SharedLink, ShareError> {
    decode_with(framework(), fragment)
}

/// [`decode`] against a given framework.
pub fn decode_with(fw: &Framework, fragment: &str) -> Result<SharedLink, ShareError> {
    match kind(fragment)? {
        ("s1", payload) => ScoresLink::decode(fw, payload).map(SharedLink::Scores),
        (_, payload) => decode_full(payload).map(|f| SharedLink::Full(Box::new(f))),
    }
}

/// A scores link only (`s1.`), as the assessors' list keeps them. Reading one does not reach
/// the whole-workspace decoder, so the app's start (which checks that list) does not carry it.
pub fn decode_scores(fw: &Framework, fragment: &str) -> Result<ScoresLink, ShareError> {
    match kind(fragment)? {
        ("s1", payload) => ScoresLink::decode(fw, payload),
        _ => Err(ShareError::NotScores),
    }
}

/// A fragment's (with or without the leading `#`) kind, `s1` or `f1`, and its payload.
fn kind(fragment: &str) -> Result<(&str, &str), ShareError> {
    let fragment = fragment.trim();
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let (head, payload) = fragment.split_once('.').ok_or(ShareError::NotALink)?;
    match head {
        "s1" | "f1" => Ok((head, payload)),
        _ if is_newer_format(head) => Err(ShareError::NewerFormat {
            found: head.to_string(),
        }),
        _ => Err(ShareError::NotALink),
    }
}

#[cfg(test)]
mod tests;
