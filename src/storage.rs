//! The one door to localStorage. The workspace is one JSON document under
//! one key, carrying a revision that every write checks first, so a tab
//! never replaces a newer document it has not seen. Data that cannot be
//! read is never overwritten.

use crate::domain::date::IsoDate;
use crate::domain::document::{stored_revision, write_document, StoredDocument, UnknownFields};
use crate::domain::DocumentError;
use thiserror::Error;

pub const WORKSPACE_KEY: &str = "kam-workbench/workspace";
/// When this browser last downloaded a backup: a fact about this browser's
/// copy (Safari's eviction), not about the workspace, so not in it.
const LAST_BACKUP_KEY: &str = "kam-workbench/last-backup";
/// Every key of the app starts with this.
const PREFIX: &str = "kam-workbench/";
/// What most browsers let one site keep in localStorage (Chromium allows
/// more): the conservative figure the app measures against.
pub const NOMINAL_QUOTA_BYTES: usize = 5 * 1024 * 1024;

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

/// The day of the last backup downloaded in this browser, if any.
pub fn last_backup() -> Result<Option<IsoDate>, StorageError> {
    Ok(storage()?
        .get_item(LAST_BACKUP_KEY)
        .map_err(|e| StorageError::Read(js_message(e)))?
        .and_then(|d| d.parse().ok()))
}

pub fn record_backup(day: IsoDate) -> Result<(), StorageError> {
    storage()?
        .set_item(LAST_BACKUP_KEY, &day.to_string())
        .map_err(|e| StorageError::Write(js_message(e)))
}

/// Bytes the app's keys take (browsers count UTF-16: two bytes a unit).
pub fn used_bytes() -> Result<usize, StorageError> {
    let store = storage()?;
    let read = |e| StorageError::Read(js_message(e));
    let mut units = 0;
    for i in 0..store.length().map_err(read)? {
        let Some(key) = store.key(i).map_err(read)? else {
            continue;
        };
        if key.starts_with(PREFIX) {
            let value = store.get_item(&key).map_err(read)?.unwrap_or_default();
            units += key.encode_utf16().count() + value.encode_utf16().count();
        }
    }
    Ok(units * 2)
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    web_sys::window().map(|w| w.navigator().storage())
}

async fn ask(
    promise: Result<js_sys::Promise, wasm_bindgen::JsValue>,
) -> Result<bool, StorageError> {
    let value = wasm_bindgen_futures::JsFuture::from(
        promise.map_err(|e| StorageError::Read(js_message(e)))?,
    )
    .await
    .map_err(|e| StorageError::Read(js_message(e)))?;
    Ok(value.as_bool().unwrap_or(false))
}

/// Whether the browser has agreed not to clear this site's data under
/// storage pressure.
pub async fn persisted() -> Result<bool, StorageError> {
    let manager = storage_manager().ok_or(StorageError::Unavailable)?;
    ask(manager.persisted()).await
}

/// Asks the browser to keep this site's data; says whether it agreed.
pub async fn persist() -> Result<bool, StorageError> {
    let manager = storage_manager().ok_or(StorageError::Unavailable)?;
    ask(manager.persist()).await
}
