//! The full link (`f1.`): the whole workspace as compact JSON, raw deflate,
//! base64url. Read back through `Workspace::from_json`, so schema checks and
//! migrations apply exactly as for a stored document.

use super::ShareError;
use crate::domain::check::{check_workspace, DataProblem};
use crate::domain::litmus::LitmusAnswers;
use crate::domain::portfolio::Portfolio;
use crate::domain::workspace::Workspace;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use miniz_oxide::inflate::TINFLStatus;

/// The most JSON a full link may unpack to, so a crafted link cannot make
/// the page allocate without bound.
pub const MAX_UNPACKED_BYTES: usize = 8 * 1024 * 1024;

/// Deflate level: links are made rarely and read by people, so smallest wins.
const LEVEL: u8 = 9;

/// A workspace read from a full link, with what the load-time check found
/// (shown to the user, not a reason to refuse the link).
#[derive(Debug, Clone, PartialEq)]
pub struct FullLink {
    pub workspace: Workspace,
    pub problems: Vec<DataProblem>,
}

/// The workspace without its portfolio, nor the litmus answers that name
/// accounts and managers, also in snapshots: those are about customers.
pub fn without_portfolio(ws: &Workspace) -> Workspace {
    let mut out = ws.clone();
    out.portfolio = Portfolio::default();
    keep_organisation(&mut out.litmus);
    for s in &mut out.snapshots.items {
        keep_organisation(&mut s.litmus);
    }
    out
}

fn keep_organisation(litmus: &mut LitmusAnswers) {
    litmus.managers.clear();
    litmus.customers.clear();
}

/// The link text after `#`, starting `f1.`.
pub fn encode_full(ws: &Workspace, include_portfolio: bool) -> String {
    let json = if include_portfolio {
        ws.to_json()
    } else {
        without_portfolio(ws).to_json()
    };
    let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), LEVEL);
    format!("{}{}", super::FULL_PREFIX, URL_SAFE_NO_PAD.encode(packed))
}

/// Reads the characters after `f1.`.
pub fn decode_full(payload: &str) -> Result<FullLink, ShareError> {
    let packed = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| ShareError::BadCharacters)?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_UNPACKED_BYTES)
        .map_err(|e| match e.status {
            TINFLStatus::HasMoreOutput => ShareError::TooLarge {
                limit: MAX_UNPACKED_BYTES,
            },
            _ => ShareError::Damaged,
        })?;
    let json = String::from_utf8(json).map_err(|_| ShareError::Damaged)?;
    // Strict: a value the model cannot hold (a score of 7) refuses the link,
    // which has nowhere to keep it.
    let workspace = Workspace::from_json(&json)?;
    let problems = check_workspace(&workspace);
    Ok(FullLink {
        workspace,
        problems,
    })
}
