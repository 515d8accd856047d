//! The one door to localStorage. The whole workspace is one JSON document
//! under one key; data that cannot be read is never overwritten.

use crate::domain::{DocumentError, Workspace};
use gloo_storage::{LocalStorage, Storage};
use thiserror::Error;

pub const WORKSPACE_KEY: &str = "kam-workbench/workspace";

#[derive(Debug, Error, Clone, PartialEq)]
pub enum StorageError {
    #[error("this browser does not allow local storage here (private mode or blocked site data), so work is not saved")]
    Unavailable,
    #[error("the browser refused to save ({0}); storage may be full")]
    Write(String),
}

/// What was found under the workspace key at start-up.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    /// Nothing stored yet.
    Empty,
    Workspace(Box<Workspace>),
    /// Something is stored but cannot be read. It stays untouched under its key.
    Unreadable {
        raw: String,
        error: DocumentError,
    },
}

fn storage() -> Result<web_sys::Storage, StorageError> {
    // `raw()` panics where storage is blocked, so look it up through the window.
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or(StorageError::Unavailable)
}

pub fn load() -> Result<Loaded, StorageError> {
    let raw = storage()?
        .get_item(WORKSPACE_KEY)
        .map_err(|_| StorageError::Unavailable)?;
    Ok(match raw {
        None => Loaded::Empty,
        Some(raw) => match Workspace::from_json(&raw) {
            Ok(ws) => Loaded::Workspace(Box::new(ws)),
            Err(error) => Loaded::Unreadable { raw, error },
        },
    })
}

pub fn save(ws: &Workspace) -> Result<(), StorageError> {
    storage()?;
    LocalStorage::set(WORKSPACE_KEY, ws).map_err(|e| StorageError::Write(e.to_string()))
}

/// Removes the stored workspace: only ever called on the user's explicit choice.
pub fn discard() -> Result<(), StorageError> {
    storage()?;
    LocalStorage::delete(WORKSPACE_KEY);
    Ok(())
}
