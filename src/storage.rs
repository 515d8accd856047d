//! The one door to localStorage. Each workspace is one JSON document under
//! a key of its own, carrying a revision that every write checks first, so
//! a tab never replaces a newer document it has not seen; a small index
//! lists the workspaces. Data that cannot be read is never overwritten.

use crate::domain::date::IsoDate;
use crate::domain::document::{stored_revision, write_document, StoredDocument, UnknownFields};
use crate::domain::order;
use crate::domain::workspaces::{WorkspaceId, WorkspaceIndex, DEFAULT_NAME};
use crate::domain::DocumentError;
use thiserror::Error;

/// Where the single workspace of earlier versions was kept: moved into the
/// index on first load, and removed only once the move is saved.
pub const LEGACY_KEY: &str = "kam-workbench/workspace";
/// The list of workspaces.
pub const INDEX_KEY: &str = "kam-workbench/workspaces";
/// Each workspace's key is this followed by its id.
const WORKSPACE_PREFIX: &str = "kam-workbench/workspace/";
/// The workspace a tab shows (sessionStorage: each tab its own, kept over a
/// reload) and the one last opened (localStorage: where a new tab starts).
const CURRENT_KEY: &str = "kam-workbench/current";
const LAST_OPENED_KEY: &str = "kam-workbench/last-opened";
/// When this browser last downloaded a backup: a fact about this browser's
/// copy (Safari's eviction), not about the workspace, so not in it.
const LAST_BACKUP_KEY: &str = "kam-workbench/last-backup";
/// The score list's first screen as last drawn, shown by index.html's loader before the app
/// runs (src/first_screen.rs; the loader in scripts/offline.mjs reads this key and the two above).
const FIRST_SCREEN_KEY: &str = "kam-workbench/first-screen";
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
    /// Written by a newer version: read as far as this version can, to be
    /// shown and never written.
    Newer {
        workspace: Box<crate::domain::Workspace>,
        found: u64,
    },
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
                Err(DocumentError::NewerSchema { found, supported }) => {
                    match crate::domain::Workspace::from_newer_json(&raw) {
                        Ok(workspace) => Loaded::Newer {
                            workspace: Box::new(workspace),
                            found,
                        },
                        Err(_) => Loaded::Unreadable {
                            raw,
                            error: DocumentError::NewerSchema { found, supported },
                        },
                    }
                }
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

/// The key of one workspace's document.
pub fn workspace_key(id: &WorkspaceId) -> String {
    format!("{WORKSPACE_PREFIX}{id}")
}

/// The workspace a storage key holds, if it is a workspace key.
pub fn workspace_of_key(key: &str) -> Option<WorkspaceId> {
    key.strip_prefix(WORKSPACE_PREFIX)
        .and_then(WorkspaceId::parse)
}

fn get(store: &web_sys::Storage, key: &str) -> Result<Option<String>, StorageError> {
    store
        .get_item(key)
        .map_err(|e| StorageError::Read(js_message(e)))
}

fn set(store: &web_sys::Storage, key: &str, value: &str) -> Result<(), StorageError> {
    store
        .set_item(key, value)
        .map_err(|e| StorageError::Write(js_message(e)))
}

/// The stored text of a workspace, as it is.
pub fn raw(id: &WorkspaceId) -> Result<Option<String>, StorageError> {
    get(&storage()?, &workspace_key(id))
}

pub fn load(id: &WorkspaceId) -> Result<Loaded, StorageError> {
    raw(id).map(Loaded::from_raw)
}

/// Stores a new workspace's document under a key nobody uses yet.
pub fn write_new(id: &WorkspaceId, document: &str) -> Result<(), StorageError> {
    let store = storage()?;
    let key = workspace_key(id);
    if get(&store, &key)?.is_some() {
        return Err(StorageError::Write(format!(
            "a workspace is already stored under {key}"
        )));
    }
    set(&store, &key, document)
}

/// Writes `body` (the serialised workspace) as revision `base + 1`, but only
/// if the stored document is still at `base` (or absent). Returns the new
/// revision.
pub fn save(
    id: &WorkspaceId,
    body: &str,
    base: u64,
    unknown: &UnknownFields,
) -> Result<u64, SaveError> {
    let store = storage()?;
    let key = workspace_key(id);
    let stored = get(&store, &key)?;
    if let Some(stored) = stored {
        match stored_revision(&stored) {
            Ok(revision) if revision == base => {}
            Ok(_) => return Err(SaveError::Conflict { stored }),
            Err(error) => return Err(SaveError::StoredUnreadable { raw: stored, error }),
        }
    }
    let revision = base + 1;
    set(&store, &key, &write_document(body, revision, unknown))?;
    Ok(revision)
}

/// Removes a stored workspace: only ever called on the user's explicit choice. Its first
/// screen, if kept, goes with it.
pub fn discard(id: &WorkspaceId) -> Result<(), StorageError> {
    storage()?
        .remove_item(&workspace_key(id))
        .map_err(|e| StorageError::Write(js_message(e)))?;
    // The workspace is gone: this failing must not say otherwise. The drawing names the
    // workspace's id, which no other workspace takes, so it is never shown again anyway.
    if let Err(e) = forget_first_screen() {
        leptos::logging::warn!("the first screen kept could not be removed: {e}");
    }
    Ok(())
}

/// Keeps the first screen's drawing (see src/first_screen.rs). It is only ever a copy of what
/// the workspace shows: when storage is full, the old drawing goes rather than stay stale.
pub fn keep_first_screen(json: &str) -> Result<(), StorageError> {
    set(&storage()?, FIRST_SCREEN_KEY, json).inspect_err(|_| {
        if let Err(e) = forget_first_screen() {
            leptos::logging::warn!("the first screen kept could not be removed: {e}");
        }
    })
}

/// Drops the first screen's drawing.
pub fn forget_first_screen() -> Result<(), StorageError> {
    storage()?
        .remove_item(FIRST_SCREEN_KEY)
        .map_err(|e| StorageError::Write(js_message(e)))
}

/// The index as opened, and what opening it had to do.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenedIndex {
    pub index: WorkspaceIndex,
    /// What the user should know, e.g. that the earlier single workspace
    /// was moved into the list.
    pub notes: Vec<String>,
}

/// The name a stored workspace gives itself, read without the rest.
fn stored_name(raw: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Head {
        name: String,
    }
    serde_json::from_str::<Head>(raw).ok().map(|h| h.name)
}

/// Reads the index, repairing it from what storage holds: workspaces stored
/// but not listed are listed (a write cut short, or a damaged index), and
/// the single workspace of earlier versions is moved in. With no workspace
/// at all, one empty workspace is listed. Writes the index when it changed.
pub fn open_index(today: Option<IsoDate>) -> Result<OpenedIndex, StorageError> {
    let store = storage()?;
    let mut notes = Vec::new();
    let stored = get(&store, INDEX_KEY)?;
    let mut writable = true;
    let mut index = match stored.as_deref().map(WorkspaceIndex::parse) {
        None => WorkspaceIndex::default(),
        Some(Ok(index)) => index,
        Some(Err(e)) => {
            notes.push(format!(
                "The list of workspaces could not be read ({e}); it was made again from the workspaces stored in this browser."
            ));
            // A newer version's list is not ours to rewrite.
            writable = !matches!(e, crate::domain::workspaces::IndexError::Newer(_));
            WorkspaceIndex::default()
        }
    };
    let before = index.clone();
    // Workspaces stored but not listed.
    let read = |e| StorageError::Read(js_message(e));
    let mut found = Vec::new();
    for i in 0..store.length().map_err(read)? {
        if let Some(id) = store
            .key(i)
            .map_err(read)?
            .and_then(|k| workspace_of_key(&k))
        {
            found.push(id);
        }
    }
    order::sort(&mut found);
    for id in found {
        if !index.contains(&id) {
            let raw = get(&store, &workspace_key(&id))?.unwrap_or_default();
            let name = stored_name(&raw).unwrap_or_else(|| format!("Recovered workspace {id}"));
            index.upsert(&id, &name);
        }
    }
    // The single workspace of earlier versions.
    let mut legacy_moved = false;
    if let Some(raw) = get(&store, LEGACY_KEY)? {
        let name = stored_name(&raw).unwrap_or_else(|| DEFAULT_NAME.to_string());
        let id = index.add(&name, today);
        // Copied as it is, readable or not: the new key holds exactly what
        // the old one held.
        set(&store, &workspace_key(&id), &raw)?;
        legacy_moved = true;
        notes.push(format!(
            "Your workspace \"{}\" now sits in the list of workspaces, where you can add one per organisation.",
            crate::domain::text::excerpt(&name)
        ));
    }
    if index.workspaces.is_empty() {
        index.add(DEFAULT_NAME, today);
    }
    if writable && (index != before || stored.is_none()) {
        set(&store, INDEX_KEY, &index.to_json())?;
    }
    if legacy_moved {
        // Only now that both the copy and the index are saved.
        store
            .remove_item(LEGACY_KEY)
            .map_err(|e| StorageError::Write(js_message(e)))?;
    }
    Ok(OpenedIndex { index, notes })
}

/// Reads the index afresh, applies `f` and writes it back: every change of
/// the list starts from what is stored, so two tabs' changes both stay.
pub fn update_index<R>(
    f: impl FnOnce(&mut WorkspaceIndex) -> R,
) -> Result<(R, WorkspaceIndex), StorageError> {
    let OpenedIndex { mut index, .. } = open_index(None)?;
    let out = f(&mut index);
    set(&storage()?, INDEX_KEY, &index.to_json())?;
    Ok((out, index))
}

/// The index as another tab wrote it (a `storage` event's new value).
pub fn index_from_event(value: Option<String>) -> Option<WorkspaceIndex> {
    value.and_then(|v| WorkspaceIndex::parse(&v).ok())
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}

/// The workspace this tab showed before a reload, or the one last opened.
pub fn current() -> Option<WorkspaceId> {
    let from = |s: Option<web_sys::Storage>, key| {
        s.and_then(|s| s.get_item(key).ok().flatten())
            .and_then(|v| WorkspaceId::parse(&v))
    };
    from(session(), CURRENT_KEY).or_else(|| from(storage().ok(), LAST_OPENED_KEY))
}

/// Remembers the workspace this tab shows.
pub fn set_current(id: &WorkspaceId) -> Result<(), StorageError> {
    if let Some(s) = session() {
        set(&s, CURRENT_KEY, id.as_str())?;
    }
    set(&storage()?, LAST_OPENED_KEY, id.as_str())
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
