//! App state: one workspace signal, saved through `storage` with a debounce
//! and flushed when the page is hidden or closed.
//!
//! Saved work is never replaced without the user's word: saving stays off
//! until a read has succeeded; every write checks that no other tab wrote
//! first; a tab with no unsaved edits follows another tab's writes, and one
//! with unsaved edits asks.

use crate::domain::check::{check_workspace, repair_duplicate_ids, DataProblem, IdRepair};
use crate::domain::document::{StoredDocument, UnknownFields};
use crate::domain::{framework, Scorecard, Workspace};
use crate::storage::{self, Loaded, SaveError};
use leptos::prelude::*;
use std::time::Duration;
use thiserror::Error;

/// How long edits settle before they are written.
pub const SAVE_DEBOUNCE: Duration = Duration::from_millis(300);

/// A problem with stored data the user must see.
#[derive(Debug, Clone, PartialEq)]
pub enum StorageProblem {
    /// Stored data could not be read; it is kept and saving is paused.
    Unreadable { raw: String, message: String },
    /// Reading storage failed; saving is paused so nothing replaces what
    /// may be stored.
    ReadFailed(String),
    /// Saving failed; the work is still in this tab.
    SaveFailed(String),
    /// Another tab saved while this one had unsaved edits: what it saved.
    Conflict(Box<StoredDocument>),
}

impl StorageProblem {
    /// True when saving waits for the user's choice.
    pub fn pauses_saving(&self) -> bool {
        !matches!(self, StorageProblem::SaveFailed(_))
    }
}

/// Why an edit is not saved (yet).
#[derive(Debug, Clone, PartialEq, Error)]
pub enum NotSaved {
    #[error("saving is paused until you choose what to do (see the message at the top)")]
    Paused,
    #[error("{0}")]
    Failed(String),
}

/// What the header says about saving.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveStatus {
    Saved,
    Saving,
    NotSaved,
}

/// What loading found wrong in stored data that could be read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LoadReport {
    /// Values the model would refuse, kept as they are for the user to fix.
    pub problems: Vec<DataProblem>,
    /// Accounts that shared an id and were given a new one.
    pub repairs: Vec<IdRepair>,
}

/// Where this tab stands against storage.
#[derive(Debug, Default)]
struct Sync {
    /// The revision this tab last read or wrote.
    base: u64,
    /// The workspace as last read or written (or as it started when nothing
    /// could be read): edits are unsaved while the workspace differs from it.
    saved_body: String,
    /// Fields of a newer version, written back with every save.
    unknown: UnknownFields,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub workspace: RwSignal<Workspace>,
    pub scorecard: Memo<Scorecard>,
    pub problem: RwSignal<Option<StorageProblem>>,
    /// Problems found in the stored data when it was read.
    pub load_report: RwSignal<Option<LoadReport>>,
    /// True from an edit until it is written.
    unsaved: RwSignal<bool>,
    pending: StoredValue<Option<TimeoutHandle>>,
    sync: StoredValue<Sync>,
}

/// Repairs and checks a document read from storage, for adoption.
fn prepare(doc: StoredDocument) -> (Workspace, Sync, Option<LoadReport>) {
    let mut ws = doc.workspace;
    let repairs = repair_duplicate_ids(&mut ws.portfolio);
    let problems = check_workspace(&ws);
    let report =
        (!repairs.is_empty() || !problems.is_empty()).then_some(LoadReport { problems, repairs });
    let sync = Sync {
        base: doc.revision,
        saved_body: ws.to_json(),
        unknown: doc.unknown,
    };
    (ws, sync, report)
}

impl AppState {
    /// Saving, as the header shows it.
    pub fn save_status(&self) -> SaveStatus {
        if self.problem.with(Option::is_some) {
            SaveStatus::NotSaved
        } else if self.unsaved.get() {
            SaveStatus::Saving
        } else {
            SaveStatus::Saved
        }
    }

    fn saving_paused(&self) -> bool {
        self.problem
            .with_untracked(|p| p.as_ref().is_some_and(StorageProblem::pauses_saving))
    }

    fn clear_pending(&self) {
        if let Some(h) = self.pending.try_update_value(Option::take).flatten() {
            h.clear();
        }
    }

    fn set_unsaved(&self, value: bool) {
        if self.unsaved.get_untracked() != value {
            self.unsaved.set(value);
        }
    }

    /// True when the workspace differs from what this tab last read or wrote.
    fn has_unsaved_edits(&self) -> bool {
        let body = self.workspace.with_untracked(Workspace::to_json);
        self.sync.with_value(|s| s.saved_body != body)
    }

    /// Writes the workspace now, unless saving is paused, and says whether
    /// it is saved: messages must not claim a save that did not happen.
    pub fn flush(&self) -> Result<(), NotSaved> {
        self.clear_pending();
        if self.saving_paused() {
            return Err(NotSaved::Paused);
        }
        let body = self.workspace.with_untracked(Workspace::to_json);
        if self.sync.with_value(|s| s.saved_body == body) {
            // Nothing new: what is stored is this workspace.
            self.set_unsaved(false);
            if self.problem.with_untracked(Option::is_some) {
                self.problem.set(None);
            }
            return Ok(());
        }
        let result = self
            .sync
            .with_value(|s| storage::save(&body, s.base, &s.unknown));
        match result {
            Ok(revision) => {
                self.sync.update_value(|s| {
                    s.base = revision;
                    s.saved_body = body;
                });
                self.set_unsaved(false);
                if self.problem.with_untracked(Option::is_some) {
                    self.problem.set(None);
                }
                Ok(())
            }
            Err(SaveError::Conflict { stored }) => {
                self.stored_changed(Loaded::from_raw(Some(stored)));
                Err(NotSaved::Paused)
            }
            Err(SaveError::StoredUnreadable { raw, error }) => {
                self.stored_changed(Loaded::Unreadable { raw, error });
                Err(NotSaved::Paused)
            }
            Err(SaveError::Storage(e)) => {
                let message = e.to_string();
                self.problem
                    .set(Some(StorageProblem::SaveFailed(message.clone())));
                Err(NotSaved::Failed(message))
            }
        }
    }

    /// Writes now and says truthfully whether it is saved, for the message
    /// after an explicit "Save" or a large import.
    pub fn save_now(&self) -> (bool, String) {
        match self.flush() {
            Ok(()) => (true, "Saved in this browser.".to_string()),
            Err(e) => (false, format!("Not saved: {e}.")),
        }
    }

    fn schedule_save(&self) {
        self.clear_pending();
        let this = *self;
        let handle = set_timeout_with_handle(
            move || {
                // A failure is shown by the banner; nobody waits for it here.
                if let Err(e) = this.flush() {
                    leptos::logging::warn!("not saved: {e}");
                }
            },
            SAVE_DEBOUNCE,
        )
        .ok();
        self.pending.set_value(handle);
    }

    /// Takes a stored document as this tab's workspace.
    fn adopt(&self, doc: StoredDocument) {
        let (ws, sync, report) = prepare(doc);
        self.clear_pending();
        self.sync.set_value(sync);
        self.workspace.set(ws);
        self.load_report.set(report);
        self.set_unsaved(false);
    }

    /// Something else was stored under the key (another tab wrote, or this
    /// tab's write found a newer document): follow it when this tab has no
    /// unsaved edits, otherwise let the user choose.
    fn stored_changed(&self, loaded: Loaded) {
        match loaded {
            // Removed in another tab on its user's choice: the next write starts afresh.
            Loaded::Empty => self.sync.update_value(|s| s.base = 0),
            Loaded::Document(doc) => {
                let unsaved = self.has_unsaved_edits();
                let paused = self.saving_paused();
                if self.sync.with_value(|s| s.base) == doc.revision && !paused && !unsaved {
                    return;
                }
                let in_conflict = self
                    .problem
                    .with_untracked(|p| matches!(p, Some(StorageProblem::Conflict(_))));
                if in_conflict || unsaved {
                    self.clear_pending();
                    self.problem.set(Some(StorageProblem::Conflict(doc)));
                } else {
                    self.adopt(*doc);
                    self.problem.set(None);
                }
            }
            Loaded::Unreadable { raw, error } => {
                self.clear_pending();
                self.problem.set(Some(StorageProblem::Unreadable {
                    raw,
                    message: error.to_string(),
                }));
            }
        }
    }

    /// The user asked to read storage again after a failed read.
    pub fn retry_read(&self) {
        match storage::load() {
            Err(e) => self.problem.set(Some(StorageProblem::ReadFailed(format!(
                "{e} (tried again at {})",
                crate::clock::now_iso()
            )))),
            Ok(Loaded::Empty) => {
                self.sync.update_value(|s| s.base = 0);
                self.problem.set(None);
                if self.has_unsaved_edits() {
                    self.schedule_save();
                }
            }
            Ok(loaded) => self.stored_changed(loaded),
        }
    }

    /// Conflict: drop this tab's unsaved edits and take the stored version.
    pub fn take_stored_version(&self) {
        if let Some(StorageProblem::Conflict(doc)) = self.problem.get_untracked() {
            self.adopt(*doc);
            self.problem.set(None);
        }
    }

    /// Conflict: the user chose to replace the other tab's version with this one.
    pub fn keep_this_version(&self) -> Result<(), NotSaved> {
        if let Some(StorageProblem::Conflict(doc)) = self.problem.get_untracked() {
            self.sync.update_value(|s| s.base = doc.revision);
            self.problem.set(None);
        }
        self.flush()
    }

    /// This tab's workspace as a stored document, for a download.
    pub fn document_json(&self) -> String {
        let body = self.workspace.with_untracked(Workspace::to_json);
        self.sync
            .with_value(|s| crate::domain::document::write_document(&body, s.base, &s.unknown))
    }

    /// The user chose to replace unreadable stored data with the current workspace.
    pub fn replace_unreadable(&self) -> Result<(), NotSaved> {
        storage::discard().map_err(|e| {
            let message = e.to_string();
            self.problem
                .set(Some(StorageProblem::SaveFailed(message.clone())));
            NotSaved::Failed(message)
        })?;
        self.sync.update_value(|s| {
            s.base = 0;
            s.saved_body.clear();
        });
        self.problem.set(None);
        self.flush()
    }
}

pub fn provide_app_state() -> AppState {
    let fresh = || Sync {
        saved_body: Workspace::default().to_json(),
        ..Sync::default()
    };
    let (initial, sync, problem, report) = match storage::load() {
        Ok(Loaded::Empty) => (Workspace::default(), fresh(), None, None),
        Ok(Loaded::Document(doc)) => {
            let (ws, sync, report) = prepare(*doc);
            (ws, sync, None, report)
        }
        Ok(Loaded::Unreadable { raw, error }) => (
            Workspace::default(),
            fresh(),
            Some(StorageProblem::Unreadable {
                raw,
                message: error.to_string(),
            }),
            None,
        ),
        Err(e) => (
            Workspace::default(),
            fresh(),
            Some(StorageProblem::ReadFailed(e.to_string())),
            None,
        ),
    };
    let workspace = RwSignal::new(initial);
    let scorecard =
        Memo::new(move |_| workspace.with(|ws| Scorecard::compute(framework(), &ws.audit)));
    let state = AppState {
        workspace,
        scorecard,
        problem: RwSignal::new(problem),
        load_report: RwSignal::new(report),
        unsaved: RwSignal::new(false),
        pending: StoredValue::new(None),
        sync: StoredValue::new(sync),
    };

    // Every change after the first render schedules a save.
    Effect::new(move |prev: Option<()>| {
        workspace.track();
        if prev.is_some() {
            state.set_unsaved(true);
            state.schedule_save();
        }
    });
    let flush = move || {
        if state.pending.with_value(Option::is_some) {
            if let Err(e) = state.flush() {
                leptos::logging::warn!("not saved: {e}");
            }
        }
    };
    let on_hide = window_event_listener(leptos::ev::pagehide, move |_| flush());
    let on_visibility = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            flush();
        }
    });
    // Closing the tab with edits that could not be saved asks first.
    let on_unload = window_event_listener(leptos::ev::beforeunload, move |ev| {
        flush();
        if state.problem.with_untracked(Option::is_some) && state.has_unsaved_edits() {
            ev.prevent_default();
        }
    });
    // Another tab of this site wrote to storage.
    let on_storage = window_event_listener(leptos::ev::storage, move |ev| {
        // No key: the other tab cleared all of this site's storage.
        if ev.key().is_none_or(|k| k == storage::WORKSPACE_KEY) {
            state.stored_changed(Loaded::from_raw(ev.new_value()));
        }
    });
    on_cleanup(move || {
        on_hide.remove();
        on_visibility.remove();
        on_unload.remove();
        on_storage.remove();
        state.clear_pending();
    });

    provide_context(state);
    state
}

pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}
