//! The one door to localStorage. The workspace is one JSON document under
//! one key, carrying a revision that every write checks first, so a tab
//! never replaces a newer document it has not seen. Data that cannot be
//! read is never overwritten.

use crate::domain::document::{stored_revision, write_document, StoredDocument, UnknownFields};
use crate::domain::DocumentError;
use thiserror::Error;

pub const WORKSPACE_KEY: &str = "kam-workbench/workspace";

#[derive(Debug, Error, Clone, PartialEq)]
pub enum StorageError {
    #[error("this browser does not allow local storage here (private mode or blocked site data), so work is not saved")]
    Unavailable,
    #[error("the browser could not read the saved workspace ({0})")]
    Read(String),
    #[error("the browser refused to save ({0}); storage may be full")]
    Write(String),
}

/// Why a save did not happen.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum SaveError {
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// Another tab wrote since this tab last read or wrote: `stored` is
    /// what it wrote. Nothing was written.
    #[error("the workspace was changed in another tab")]
    Conflict { stored: String },
    /// What is stored now cannot be read, so it is left alone.
    #[error("the saved workspace can no longer be read ({error})")]
    StoredUnreadable { raw: String, error: DocumentError },
}

/// What was found under the workspace key.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    /// Nothing stored yet.
    Empty,
    Document(Box<StoredDocument>),
    /// Something is stored but cannot be read. It stays untouched under its key.
    Unreadable {
        raw: String,
        error: DocumentError,
    },
}

impl Loaded {
    /// Reads a stored value, e.g. the new value of a `storage` event.
    pub fn from_raw(raw: Option<String>) -> Loaded {
        match raw {
            None => Loaded::Empty,
            Some(raw) => match StoredDocument::parse(&raw) {
                Ok(doc) => Loaded::Document(Box::new(doc)),
                Err(error) => Loaded::Unreadable { raw, error },
            },
        }
    }
}

fn storage() -> Result<web_sys::Storage, StorageError> {
    // `window.localStorage` throws where storage is blocked.
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or(StorageError::Unavailable)
}

fn js_message(e: wasm_bindgen::JsValue) -> String {
    js_sys::Error::from(e)
        .message()
        .as_string()
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| "unknown error".to_string())
}

fn read_raw() -> Result<Option<String>, StorageError> {
    storage()?
        .get_item(WORKSPACE_KEY)
        .map_err(|e| StorageError::Read(js_message(e)))
}

pub fn load() -> Result<Loaded, StorageError> {
    read_raw().map(Loaded::from_raw)
}

/// Writes `body` (the serialised workspace) as revision `base + 1`, but only
/// if the stored document is still at `base` (or absent). Returns the new
/// revision.
pub fn save(body: &str, base: u64, unknown: &UnknownFields) -> Result<u64, SaveError> {
    let store = storage()?;
    let stored = store
        .get_item(WORKSPACE_KEY)
        .map_err(|e| StorageError::Read(js_message(e)))?;
    if let Some(stored) = stored {
        match stored_revision(&stored) {
            Ok(revision) if revision == base => {}
            Ok(_) => return Err(SaveError::Conflict { stored }),
            Err(error) => return Err(SaveError::StoredUnreadable { raw: stored, error }),
        }
    }
    let revision = base + 1;
    store
        .set_item(WORKSPACE_KEY, &write_document(body, revision, unknown))
        .map_err(|e| StorageError::Write(js_message(e)))?;
    Ok(revision)
}

/// Removes the stored workspace: only ever called on the user's explicit choice.
pub fn discard() -> Result<(), StorageError> {
    storage()?
        .remove_item(WORKSPACE_KEY)
        .map_err(|e| StorageError::Write(js_message(e)))
}
