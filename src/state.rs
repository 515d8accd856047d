//! App state: one signal per aggregate (audit, litmus answers, portfolio,
//! snapshots, name), so an edit notifies only what depends on it; every
//! derived figure computed once in a shared memo; every edit through one
//! path that records it for undo. Saved through `storage` with a debounce
//! and flushed when the page is hidden or closed.
//!
//! Saved work is never replaced without the user's word: saving stays off
//! until a read has succeeded; every write checks that no other tab wrote
//! first; a tab with no unsaved edits follows another tab's writes, and one
//! with unsaved edits asks.

use crate::domain::assessors::Assessors;
use crate::domain::audit::{self as audit_model, Position};
use crate::domain::check::{check_workspace, repair_duplicate_ids, DataProblem, IdRepair};
use crate::domain::document::{StoredDocument, UnknownFields};
use crate::domain::litmus::{
    gate_check, organisation_result, rank_customers, team_summary, GateStatement, LitmusAnswers,
    OrgResult, Readiness, TeamSummary,
};
use crate::domain::portfolio::{AccountId, Portfolio, PortfolioHealth};
use crate::domain::programme::Programme;
use crate::domain::snapshot::Snapshots;
use crate::domain::workspace::{manager_customers, WorkspaceRef};
use crate::domain::{framework, ActionEntry, Audit, Scorecard, Workspace};
use crate::history::History;
use crate::storage::{self, Loaded, SaveError, StorageError};
use leptos::prelude::*;
use std::collections::HashMap;
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
    /// This browser allows no storage here (private mode, blocked site
    /// data): the app works in memory and nothing is saved.
    NoStorage,
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
    #[error("this browser allows no storage for this page")]
    NoStorage,
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
struct SyncState {
    /// The revision this tab last read or wrote.
    base: u64,
    /// The workspace as last read or written (or as it started when nothing
    /// could be read): edits are unsaved while the workspace differs from it.
    saved_body: String,
    /// Fields of a newer version, written back with every save.
    unknown: UnknownFields,
}

/// What one edit replaced, for undo.
#[derive(Debug, Clone)]
enum Before {
    Audit(Audit),
    Litmus(LitmusAnswers),
    Portfolio(Portfolio),
    Snapshots(Snapshots),
    Assessors(Assessors),
    Programme(Programme),
}

/// Undo keeps at most this many edits…
const UNDO_STEPS: usize = 100;
/// …and portfolios of at most this many accounts in all.
const UNDO_WEIGHT: usize = 25_000;

/// What an edit function returns: a refused edit (an `Err`) changes nothing
/// and is not recorded.
pub trait EditOutcome {
    fn applied(&self) -> bool;
}

impl EditOutcome for () {
    fn applied(&self) -> bool {
        true
    }
}

impl<T, E> EditOutcome for Result<T, E> {
    fn applied(&self) -> bool {
        self.is_ok()
    }
}

/// Every figure the app derives from the workspace, computed once and read
/// by every view that shows it.
#[derive(Clone, Copy)]
pub struct Derived {
    pub scorecard: Memo<Scorecard>,
    /// Figure 4: where the overall total sits on the development path.
    pub position: Memo<Position>,
    pub manager_customers: Memo<Vec<(String, Vec<AccountId>)>>,
    pub organisation: Memo<OrgResult>,
    pub team: Memo<TeamSummary>,
    /// The Recommitment gate.
    pub gate: Memo<GateStatement>,
    pub health: Memo<PortfolioHealth>,
    /// Every portfolio account ranked by KAM readiness (the customer litmus test).
    pub customer_ranking: Memo<Vec<(AccountId, Readiness)>>,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub name: RwSignal<String>,
    pub audit: RwSignal<Audit>,
    pub litmus: RwSignal<LitmusAnswers>,
    pub portfolio: RwSignal<Portfolio>,
    pub snapshots: RwSignal<Snapshots>,
    pub assessors: RwSignal<Assessors>,
    pub programme: RwSignal<Programme>,
    pub derived: Derived,
    pub problem: RwSignal<Option<StorageProblem>>,
    /// Problems found in the stored data when it was read.
    pub load_report: RwSignal<Option<LoadReport>>,
    /// What undo and redo would do, for their buttons.
    pub undo_label: RwSignal<Option<String>>,
    pub redo_label: RwSignal<Option<String>>,
    /// True from an edit until it is written.
    unsaved: RwSignal<bool>,
    pending: StoredValue<Option<TimeoutHandle>>,
    sync: StoredValue<SyncState>,
    history: StoredValue<History<Before>>,
    /// One trigger per action, so a score change re-renders one row.
    action_changed: StoredValue<HashMap<String, ArcTrigger>>,
}

/// Repairs and checks a document read from storage, for adoption.
fn prepare(doc: StoredDocument) -> (Workspace, SyncState, Option<LoadReport>) {
    let mut ws = doc.workspace;
    let repairs = repair_duplicate_ids(&mut ws.portfolio);
    let problems = check_workspace(&ws);
    let report =
        (!repairs.is_empty() || !problems.is_empty()).then_some(LoadReport { problems, repairs });
    let sync = SyncState {
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

    /// The workspace borrowed from its parts, without copying them.
    pub fn with_workspace<R>(&self, f: impl FnOnce(WorkspaceRef<'_>) -> R) -> R {
        self.name.with_untracked(|name| {
            self.audit.with_untracked(|audit| {
                self.snapshots.with_untracked(|snapshots| {
                    self.litmus.with_untracked(|litmus| {
                        self.portfolio.with_untracked(|portfolio| {
                            self.assessors.with_untracked(|assessors| {
                                self.programme.with_untracked(|programme| {
                                    f(WorkspaceRef {
                                        schema: crate::domain::workspace::SCHEMA_VERSION,
                                        name,
                                        audit,
                                        snapshots,
                                        litmus,
                                        portfolio,
                                        assessors,
                                        programme,
                                    })
                                })
                            })
                        })
                    })
                })
            })
        })
    }

    /// The workspace as the stored document writes it.
    fn body(&self) -> String {
        self.with_workspace(|ws| ws.to_json())
    }

    /// True when the workspace differs from what this tab last read or wrote.
    fn has_unsaved_edits(&self) -> bool {
        let body = self.body();
        self.sync.with_value(|s| s.saved_body != body)
    }

    /// Writes the workspace now, unless saving is paused, and says whether
    /// it is saved: messages must not claim a save that did not happen.
    pub fn flush(&self) -> Result<(), NotSaved> {
        self.clear_pending();
        if self.saving_paused() {
            let none = self
                .problem
                .with_untracked(|p| matches!(p, Some(StorageProblem::NoStorage)));
            return Err(if none {
                NotSaved::NoStorage
            } else {
                NotSaved::Paused
            });
        }
        let body = self.body();
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

    /// Replaces every aggregate, notifying only those that change.
    fn set_workspace(&self, ws: Workspace) {
        let Workspace {
            name,
            audit,
            snapshots,
            litmus,
            portfolio,
            assessors,
            programme,
            ..
        } = ws;
        set_if_changed(self.name, name);
        self.replace_audit(audit);
        set_if_changed(self.snapshots, snapshots);
        set_if_changed(self.litmus, litmus);
        set_if_changed(self.portfolio, portfolio);
        set_if_changed(self.assessors, assessors);
        set_if_changed(self.programme, programme);
    }

    /// Replaces the audit and wakes the rows of the actions that changed.
    fn replace_audit(&self, audit: Audit) {
        let changed = self
            .audit
            .with_untracked(|old| changed_actions(old, &audit));
        if set_if_changed(self.audit, audit) {
            self.notify_actions(&changed);
        }
    }

    fn notify_actions(&self, ids: &[String]) {
        self.action_changed.with_value(|triggers| {
            for id in ids {
                if let Some(t) = triggers.get(id) {
                    t.notify();
                }
            }
        });
    }

    /// One action's entry, tracking only that action: a row that reads its
    /// entry here re-renders when that action changes, not on every score.
    pub fn entry(&self, action_id: &str) -> Option<ActionEntry> {
        self.action_changed.with_value(|triggers| {
            if let Some(t) = triggers.get(action_id) {
                t.track();
            }
        });
        self.audit.with_untracked(|a| a.entry(action_id).cloned())
    }

    /// The one edit path: applies `f` to one aggregate; an edit that changes
    /// it is recorded for undo under `label`; a refused one changes nothing.
    fn edit<A, R>(
        &self,
        signal: RwSignal<A>,
        wrap: fn(A) -> Before,
        label: String,
        f: impl FnOnce(&mut A) -> R,
    ) -> R
    where
        A: Clone + Default + PartialEq + Send + Sync + 'static,
        R: EditOutcome,
    {
        // Edited out of the signal, so the aggregate is cloned once (for undo).
        let mut value = signal
            .try_update_untracked(std::mem::take)
            .unwrap_or_default();
        let before = value.clone();
        let outcome = f(&mut value);
        if !outcome.applied() || value == before {
            signal.update_untracked(|a| *a = before);
            return outcome;
        }
        signal.update_untracked(|a| *a = value);
        signal.notify();
        self.set_unsaved(true);
        let before = wrap(before);
        if let Before::Audit(old) = &before {
            let ids = self.audit.with_untracked(|new| changed_actions(old, new));
            self.notify_actions(&ids);
        }
        let weight = weight(&before);
        self.history
            .update_value(|h| h.record(label, before, weight));
        self.refresh_history_labels();
        outcome
    }

    pub fn edit_audit<R: EditOutcome>(
        &self,
        label: impl Into<String>,
        f: impl FnOnce(&mut Audit) -> R,
    ) -> R {
        self.edit(self.audit, Before::Audit, label.into(), f)
    }

    pub fn edit_litmus<R: EditOutcome>(
        &self,
        label: impl Into<String>,
        f: impl FnOnce(&mut LitmusAnswers) -> R,
    ) -> R {
        self.edit(self.litmus, Before::Litmus, label.into(), f)
    }

    pub fn edit_portfolio<R: EditOutcome>(
        &self,
        label: impl Into<String>,
        f: impl FnOnce(&mut Portfolio) -> R,
    ) -> R {
        self.edit(self.portfolio, Before::Portfolio, label.into(), f)
    }

    pub fn edit_snapshots<R: EditOutcome>(
        &self,
        label: impl Into<String>,
        f: impl FnOnce(&mut Snapshots) -> R,
    ) -> R {
        self.edit(self.snapshots, Before::Snapshots, label.into(), f)
    }

    pub fn edit_assessors<R: EditOutcome>(
        &self,
        label: impl Into<String>,
        f: impl FnOnce(&mut Assessors) -> R,
    ) -> R {
        self.edit(self.assessors, Before::Assessors, label.into(), f)
    }

    pub fn edit_programme<R: EditOutcome>(
        &self,
        label: impl Into<String>,
        f: impl FnOnce(&mut Programme) -> R,
    ) -> R {
        self.edit(self.programme, Before::Programme, label.into(), f)
    }

    fn restore(&self, state: Before) {
        match state {
            Before::Audit(a) => self.replace_audit(a),
            Before::Litmus(l) => {
                set_if_changed(self.litmus, l);
            }
            Before::Portfolio(p) => {
                set_if_changed(self.portfolio, p);
            }
            Before::Snapshots(s) => {
                set_if_changed(self.snapshots, s);
            }
            Before::Assessors(a) => {
                set_if_changed(self.assessors, a);
            }
            Before::Programme(p) => {
                set_if_changed(self.programme, p);
            }
        }
    }

    /// The current state of the aggregate `like` belongs to.
    fn current_like(&self, like: &Before) -> (Before, usize) {
        let now = match like {
            Before::Audit(_) => Before::Audit(self.audit.get_untracked()),
            Before::Litmus(_) => Before::Litmus(self.litmus.get_untracked()),
            Before::Portfolio(_) => Before::Portfolio(self.portfolio.get_untracked()),
            Before::Snapshots(_) => Before::Snapshots(self.snapshots.get_untracked()),
            Before::Assessors(_) => Before::Assessors(self.assessors.get_untracked()),
            Before::Programme(_) => Before::Programme(self.programme.get_untracked()),
        };
        let w = weight(&now);
        (now, w)
    }

    fn refresh_history_labels(&self) {
        let (undo, redo) = self.history.with_value(|h| {
            (
                h.undo_label().map(str::to_string),
                h.redo_label().map(str::to_string),
            )
        });
        set_if_changed(self.undo_label, undo);
        set_if_changed(self.redo_label, redo);
    }

    /// Takes back the last edit; returns what it was called.
    pub fn undo(&self) -> Option<String> {
        let step = self
            .history
            .try_update_value(|h| h.undo(|like| self.current_like(like)))
            .flatten();
        let (label, state) = step?;
        self.restore(state);
        self.set_unsaved(true);
        self.refresh_history_labels();
        Some(label)
    }

    /// Does again the last edit taken back; returns what it was called.
    pub fn redo(&self) -> Option<String> {
        let step = self
            .history
            .try_update_value(|h| h.redo(|like| self.current_like(like)))
            .flatten();
        let (label, state) = step?;
        self.restore(state);
        self.set_unsaved(true);
        self.refresh_history_labels();
        Some(label)
    }

    /// Takes a stored document as this tab's workspace.
    fn adopt(&self, doc: StoredDocument) {
        let (ws, sync, report) = prepare(doc);
        self.clear_pending();
        self.sync.set_value(sync);
        self.set_workspace(ws);
        self.load_report.set(report);
        self.set_unsaved(false);
        // Undo would take back what another tab or the stored data brought.
        self.history.update_value(History::clear);
        self.refresh_history_labels();
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

    /// The whole workspace, put together from its parts.
    pub fn workspace(&self) -> Workspace {
        Workspace {
            schema: crate::domain::workspace::SCHEMA_VERSION,
            name: self.name.get_untracked(),
            audit: self.audit.get_untracked(),
            snapshots: self.snapshots.get_untracked(),
            litmus: self.litmus.get_untracked(),
            portfolio: self.portfolio.get_untracked(),
            assessors: self.assessors.get_untracked(),
            programme: self.programme.get_untracked(),
        }
    }

    /// The backup file of this workspace, with any fields of a newer version.
    pub fn backup_json(&self) -> String {
        self.sync
            .with_value(|s| self.with_workspace(|ws| crate::domain::backup::export(ws, &s.unknown)))
    }

    /// Replaces this workspace with a restored backup, on the user's explicit
    /// choice. Undo history goes: it would undo into the replaced workspace.
    pub fn restore_backup(&self, restore: crate::domain::backup::Restore) -> (bool, String) {
        let crate::domain::backup::Restore {
            workspace,
            unknown,
            problems,
        } = restore;
        self.sync.update_value(|s| s.unknown = unknown);
        self.set_workspace(workspace);
        self.history.update_value(History::clear);
        self.refresh_history_labels();
        self.load_report
            .set((!problems.is_empty()).then(|| LoadReport {
                problems,
                repairs: Vec::new(),
            }));
        self.save_now()
    }

    /// This tab's workspace as a stored document, for a download.
    pub fn document_json(&self) -> String {
        let body = self.body();
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

/// Sets `signal` only when the value differs, so unchanged parts notify nobody.
fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) -> bool {
    let changed = signal.with_untracked(|now| *now != value);
    if changed {
        signal.set(value);
    }
    changed
}

/// The actions whose entries differ between two audits.
fn changed_actions(old: &Audit, new: &Audit) -> Vec<String> {
    let mut ids: Vec<String> = old
        .entries
        .iter()
        .filter(|(id, e)| new.entries.get(*id) != Some(*e))
        .map(|(id, _)| id.clone())
        .collect();
    ids.extend(
        new.entries
            .keys()
            .filter(|id| !old.entries.contains_key(*id))
            .cloned(),
    );
    ids
}

/// How much undo memory a step holds: one per account, one for anything else.
fn weight(state: &Before) -> usize {
    match state {
        Before::Portfolio(p) => p.accounts.len().max(1),
        _ => 1,
    }
}

pub fn provide_app_state() -> AppState {
    let fresh = || SyncState {
        saved_body: Workspace::default().to_json(),
        ..SyncState::default()
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
        Err(StorageError::Unavailable) => (
            Workspace::default(),
            fresh(),
            Some(StorageProblem::NoStorage),
            None,
        ),
        Err(e) => (
            Workspace::default(),
            fresh(),
            Some(StorageProblem::ReadFailed(e.to_string())),
            None,
        ),
    };
    let Workspace {
        name,
        audit,
        snapshots,
        litmus,
        portfolio,
        assessors,
        programme,
        ..
    } = initial;
    let audit = RwSignal::new(audit);
    let litmus = RwSignal::new(litmus);
    let portfolio = RwSignal::new(portfolio);
    let fw = framework();
    let scorecard = Memo::new(move |_| audit.with(|a| Scorecard::compute(fw, a)));
    let position =
        Memo::new(move |_| audit_model::position(fw, scorecard.with(|s| s.overall.score)));
    let managers = Memo::new(move |_| portfolio.with(|p| litmus.with(|l| manager_customers(p, l))));
    let organisation = Memo::new(move |_| litmus.with(organisation_result));
    let team = Memo::new(move |_| litmus.with(|l| managers.with(|m| team_summary(l, m))));
    let gate = Memo::new(move |_| {
        let total = scorecard.with(|s| s.overall.score);
        organisation.with(|o| team.with(|t| gate_check(fw, total, o, t)))
    });
    let health = Memo::new(move |_| portfolio.with(Portfolio::health));
    let customer_ranking = Memo::new(move |_| {
        let ids: Vec<AccountId> = portfolio.with(|p| p.accounts.iter().map(|a| a.id).collect());
        litmus.with(|l| rank_customers(l, &ids))
    });
    let action_changed = fw
        .phases
        .iter()
        .flat_map(|ph| ph.periods.iter())
        .flat_map(|p| p.actions.iter())
        .map(|a| (a.id.clone(), ArcTrigger::new()))
        .collect::<HashMap<_, _>>();
    let state = AppState {
        name: RwSignal::new(name),
        audit,
        litmus,
        portfolio,
        snapshots: RwSignal::new(snapshots),
        assessors: RwSignal::new(assessors),
        programme: RwSignal::new(programme),
        derived: Derived {
            scorecard,
            position,
            manager_customers: managers,
            organisation,
            team,
            gate,
            health,
            customer_ranking,
        },
        problem: RwSignal::new(problem),
        load_report: RwSignal::new(report),
        undo_label: RwSignal::new(None),
        redo_label: RwSignal::new(None),
        unsaved: RwSignal::new(false),
        pending: StoredValue::new(None),
        sync: StoredValue::new(sync),
        history: StoredValue::new(History::new(UNDO_STEPS, UNDO_WEIGHT)),
        action_changed: StoredValue::new(action_changed),
    };

    // Every change after the first render schedules a save.
    Effect::new(move |prev: Option<()>| {
        state.name.track();
        state.audit.track();
        state.snapshots.track();
        state.litmus.track();
        state.portfolio.track();
        state.assessors.track();
        state.programme.track();
        if prev.is_some() {
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
