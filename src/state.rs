//! App state: one workspace signal, saved through `storage` with a debounce
//! and flushed when the page is hidden or closed.

use crate::domain::{framework, Scorecard, Workspace};
use crate::storage::{self, Loaded, StorageError};
use leptos::prelude::*;
use std::time::Duration;

/// How long edits settle before they are written.
pub const SAVE_DEBOUNCE: Duration = Duration::from_millis(300);

/// A problem with stored data the user must see.
#[derive(Debug, Clone, PartialEq)]
pub enum StorageProblem {
    /// Stored data could not be read; it is kept and saving is paused.
    Unreadable { raw: String, message: String },
    /// Saving failed; the work is still in this tab.
    SaveFailed(String),
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub workspace: RwSignal<Workspace>,
    pub scorecard: Memo<Scorecard>,
    pub problem: RwSignal<Option<StorageProblem>>,
    /// False while unreadable data sits under the key: nothing may overwrite it.
    pub autosave: RwSignal<bool>,
    pending: StoredValue<Option<TimeoutHandle>>,
}

impl AppState {
    /// Writes the workspace now (if saving is allowed) and reports failures.
    pub fn flush(&self) {
        if let Some(h) = self.pending.try_update_value(Option::take).flatten() {
            h.clear();
        }
        if !self.autosave.get_untracked() {
            return;
        }
        let result = self.workspace.with_untracked(storage::save);
        match result {
            Ok(()) => {
                if matches!(
                    self.problem.get_untracked(),
                    Some(StorageProblem::SaveFailed(_))
                ) {
                    self.problem.set(None);
                }
            }
            Err(e) => self
                .problem
                .set(Some(StorageProblem::SaveFailed(e.to_string()))),
        }
    }

    fn schedule_save(&self) {
        if let Some(h) = self.pending.try_update_value(Option::take).flatten() {
            h.clear();
        }
        let this = *self;
        let handle = set_timeout_with_handle(move || this.flush(), SAVE_DEBOUNCE).ok();
        self.pending.set_value(handle);
    }

    /// The user chose to replace unreadable stored data with the current workspace.
    pub fn replace_unreadable(&self) {
        if let Err(e) = storage::discard() {
            self.problem
                .set(Some(StorageProblem::SaveFailed(e.to_string())));
            return;
        }
        self.problem.set(None);
        self.autosave.set(true);
        self.flush();
    }
}

pub fn provide_app_state() -> AppState {
    let (initial, problem, autosave) = match storage::load() {
        Ok(Loaded::Empty) => (Workspace::default(), None, true),
        Ok(Loaded::Workspace(ws)) => (*ws, None, true),
        Ok(Loaded::Unreadable { raw, error }) => (
            Workspace::default(),
            Some(StorageProblem::Unreadable {
                raw,
                message: error.to_string(),
            }),
            false,
        ),
        Err(e @ StorageError::Unavailable) | Err(e @ StorageError::Write(_)) => (
            Workspace::default(),
            Some(StorageProblem::SaveFailed(e.to_string())),
            true,
        ),
    };
    let workspace = RwSignal::new(initial);
    let scorecard =
        Memo::new(move |_| workspace.with(|ws| Scorecard::compute(framework(), &ws.audit)));
    let state = AppState {
        workspace,
        scorecard,
        problem: RwSignal::new(problem),
        autosave: RwSignal::new(autosave),
        pending: StoredValue::new(None),
    };

    // Every change after the first render schedules a save.
    Effect::new(move |prev: Option<()>| {
        workspace.track();
        if prev.is_some() {
            state.schedule_save();
        }
    });
    let flush = move || {
        if state.pending.with_value(Option::is_some) {
            state.flush();
        }
    };
    let on_hide = window_event_listener(leptos::ev::pagehide, move |_| flush());
    let on_visibility = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            flush();
        }
    });
    on_cleanup(move || {
        on_hide.remove();
        on_visibility.remove();
    });

    provide_context(state);
    state
}

pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}
