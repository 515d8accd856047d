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

use crate::charts::{development_path, period_scores, streams_heatmap, ChartError};
use crate::domain::assessors::Assessors;
use crate::domain::audit::{self as audit_model, Position};
use crate::domain::check::{
    check_parts, check_workspace, repair_duplicate_ids, DataProblem, IdRepair,
};
use crate::domain::date::IsoDate;
use crate::domain::document::{StoredDocument, UnknownFields};
use crate::domain::guide::{self, StartError, TimelineReading};
use crate::domain::litmus::{
    gate_check, organisation_result, rank_customers, team_summary, GateStatement, LitmusAnswers,
    OrgResult, Readiness, TeamSummary,
};
use crate::domain::portfolio::{AccountId, Portfolio, PortfolioHealth};
use crate::domain::programme::Programme;
use crate::domain::snapshot::Snapshots;
use crate::domain::workspace::{manager_customers, WorkspaceRef};
use crate::domain::workspaces::{check_name, IndexEntry, WorkspaceId, WorkspaceIndex};
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
    /// The workspace was written by a newer version: it is shown as far as
    /// this version can read it, and never written.
    Newer { found: u64 },
}

impl StorageProblem {
    /// True when the workspace is shown read-only.
    pub fn read_only(&self) -> bool {
        matches!(self, StorageProblem::Newer { .. })
    }

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
    /// Fields this version does not know, kept and written back unchanged.
    pub unknown: Vec<String>,
}

impl LoadReport {
    /// The report, if it has anything to say.
    fn said(self) -> Option<Self> {
        let empty = self.problems.is_empty() && self.repairs.is_empty() && self.unknown.is_empty();
        (!empty).then_some(self)
    }
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
    /// The data check of the workspace read at start is still to run: it runs after the first
    /// frame (see [`AppState::check_after_first_frame`]). A workspace read later replaces this
    /// state, and is checked as it is read.
    check_due: bool,
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
    /// The other screens' readings, made by [`AppState::analyses`] when first asked for.
    analyses: StoredValue<Option<Analyses>>,
    /// The audit's figures, made by [`AppState::figures`] when first asked for.
    figures: StoredValue<Option<AuditFigures>>,
    /// The app's owner, under which those two live after the screen that asked is gone.
    /// Weak: a strong one kept in the owner's own storage would keep the app alive unmounted.
    owner: StoredValue<WeakOwner>,
}

/// What the screens other than the score list read from the workspace beyond its scorecard.
#[derive(Clone, Copy)]
pub struct Analyses {
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
    /// The programme's time against the typical pace (Figure 2), once a start date is given.
    pub timeline: Memo<Option<Result<TimelineReading, StartError>>>,
}

/// Figures 3 and 4 and the streams heatmap, each a plotters SVG or the error that kept it.
#[derive(Clone, Copy)]
pub struct AuditFigures {
    /// The scorecard the plan's targets would give, once any action has a target.
    pub targets: Memo<Option<Scorecard>>,
    /// Figure 3, with the plan's targets when any action has one.
    pub period_scores: Memo<Result<String, ChartError>>,
    pub development_path: Memo<Result<String, ChartError>>,
    pub streams_heatmap: Memo<Result<String, ChartError>>,
}

fn audit_figures(audit: RwSignal<Audit>, scorecard: Memo<Scorecard>) -> AuditFigures {
    let fw = framework();
    let has_targets =
        Memo::new(move |_| audit.with(|a| a.entries.values().any(|e| e.plan.target.is_some())));
    let targets = Memo::new(move |_| {
        has_targets
            .get()
            .then(|| audit.with(|a| audit_model::target_scorecard(fw, a)))
    });
    let overall = Memo::new(move |_| scorecard.with(|sc| sc.overall.score));
    AuditFigures {
        targets,
        period_scores: Memo::new(move |_| {
            targets.with(|t| {
                scorecard.with(|sc| {
                    period_scores::render(&period_scores::Data::from_scorecards(fw, sc, t.as_ref()))
                })
            })
        }),
        development_path: Memo::new(move |_| {
            development_path::render(&development_path::Data::new(fw, overall.get(), "You"))
        }),
        streams_heatmap: Memo::new(move |_| {
            audit.with(|a| {
                streams_heatmap::render(&streams_heatmap::Data::from_points(fw, |id| a.points(id)))
            })
        }),
    }
}

fn analyses(state: &AppState) -> Analyses {
    let AppState {
        audit,
        litmus,
        portfolio,
        programme,
        ..
    } = *state;
    let fw = framework();
    let scorecard = state.derived.scorecard;
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
    let timeline = Memo::new(move |_| {
        let start = programme.with(|p| p.start)?;
        let scored = audit.with(|a| a.scored_count());
        let reached = position.with(|pos| guide::audit_reach(scored, pos));
        let today = crate::clock::today_iso().parse::<IsoDate>();
        Some(
            today
                .map_err(StartError::from)
                .and_then(|today| guide::read(start, today, reached)),
        )
    });
    Analyses {
        position,
        manager_customers: managers,
        organisation,
        team,
        gate,
        health,
        customer_ranking,
        timeline,
    }
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub name: RwSignal<String>,
    pub audit: RwSignal<Audit>,
    pub litmus: RwSignal<LitmusAnswers>,
    pub portfolio: RwSignal<Portfolio>,
    pub snapshots: RwSignal<Snapshots>,
    /// The workspace this tab shows, and the list of all of them.
    pub current: RwSignal<WorkspaceId>,
    pub index: RwSignal<WorkspaceIndex>,
    /// What happened to the workspaces that the user should know (moved in
    /// from an earlier version, deleted in another tab…).
    pub notice: RwSignal<Option<String>>,
    /// The workspace deleted last, kept in this tab so it can be undone.
    pub deleted: RwSignal<Option<DeletedWorkspace>>,
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

/// A deleted workspace as it was, to put back.
#[derive(Debug, Clone, PartialEq)]
pub struct DeletedWorkspace {
    pub entry: IndexEntry,
    /// Where it was in the list.
    pub at: usize,
    /// Its stored text, exactly (none if it was never saved).
    pub raw: Option<String>,
}

/// An empty workspace under the name the index lists for it (or the default).
fn fresh_named(listed_name: Option<String>) -> Workspace {
    Workspace {
        name: listed_name.unwrap_or_else(|| Workspace::default().name),
        ..Workspace::default()
    }
}

/// Repairs a document read from storage, for adoption; its load report without the data
/// check, which [`checked`] adds.
fn prepare(doc: StoredDocument) -> (Workspace, SyncState, LoadReport) {
    let mut ws = doc.workspace;
    let repairs = repair_duplicate_ids(&mut ws.portfolio);
    // What was read, unless repaired: then the repaired workspace counts as saved, as before.
    let saved_body = if repairs.is_empty() {
        doc.body
    } else {
        ws.to_json()
    };
    let report = LoadReport {
        problems: doc.set_aside,
        repairs,
        unknown: doc.unknown_paths,
    };
    let sync = SyncState {
        base: doc.revision,
        saved_body,
        unknown: doc.unknown,
        check_due: false,
    };
    (ws, sync, report)
}

/// `report` with the data check of `ws`; none when there is nothing to say.
fn checked(mut report: LoadReport, ws: &Workspace) -> Option<LoadReport> {
    report.problems.extend(check_workspace(ws));
    report.said()
}

impl AppState {
    /// The audit's figures as SVG, drawn when first shown and again only after the audit
    /// changes, so switching between Score and Results (or to the report) reuses them. Made on
    /// first use: only screens in chunks of their own ask, so the charts' code (plotters) is
    /// not in the first download.
    pub fn figures(&self) -> AuditFigures {
        let (audit, scorecard) = (self.audit, self.derived.scorecard);
        self.made_once(self.derived.figures, || audit_figures(audit, scorecard))
    }

    /// The readings of the screens other than the score list (litmus tests, portfolio, Figure
    /// 4's position, the timeline), made on first use like [`AppState::figures`], so their
    /// code is in those screens' chunks.
    pub fn analyses(&self) -> Analyses {
        let state = *self;
        self.made_once(self.derived.analyses, || analyses(&state))
    }

    /// The value in `slot`, made by `make` under the app's owner the first time.
    fn made_once<T: Copy + Send + Sync + 'static>(
        &self,
        slot: StoredValue<Option<T>>,
        make: impl FnOnce() -> T,
    ) -> T {
        if let Some(made) = slot.get_value() {
            return made;
        }
        // The owner is gone only once the app is, and then nothing reads them after this call.
        let made = match self.derived.owner.with_value(WeakOwner::upgrade) {
            Some(owner) => owner.with(make),
            None => make(),
        };
        slot.set_value(Some(made));
        made
    }

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

    /// Keeps the first screen for the next start (2 s after this call, or as the page is left),
    /// if what it shows then is what is stored (first_screen.rs).
    fn keep_first_screen(&self) {
        let this = *self;
        crate::first_screen::keep(move || {
            let stored =
                this.problem.with_untracked(Option::is_none) && !this.unsaved.get_untracked();
            stored.then(|| {
                (
                    this.current.get_untracked(),
                    this.sync.with_value(|s| s.base),
                )
            })
        });
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

    /// True while this tab shows a workspace it must not change (written by a newer version).
    fn shown_read_only(&self) -> bool {
        self.problem
            .with_untracked(|p| p.as_ref().is_some_and(StorageProblem::read_only))
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
        let id = self.current.get_untracked();
        let result = self
            .sync
            .with_value(|s| storage::save(&id, &body, s.base, &s.unknown));
        match result {
            Ok(revision) => {
                self.sync.update_value(|s| {
                    s.base = revision;
                    s.saved_body = body;
                });
                self.set_unsaved(false);
                self.keep_first_screen();
                if self.problem.with_untracked(Option::is_some) {
                    self.problem.set(None);
                }
                self.list_in_index()
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

    /// Keeps the index's entry for this workspace in step with its name (and
    /// lists it again if another tab deleted it while this one kept edits).
    fn list_in_index(&self) -> Result<(), NotSaved> {
        let id = self.current.get_untracked();
        let name = self.name.get_untracked();
        let listed = self
            .index
            .with_untracked(|i| i.get(&id).is_some_and(|e| e.name == name));
        if listed {
            return Ok(());
        }
        match storage::update_index(|i| i.upsert(&id, &name)) {
            Ok((_, index)) => {
                set_if_changed(self.index, index);
                Ok(())
            }
            Err(e) => {
                let message = e.to_string();
                self.problem
                    .set(Some(StorageProblem::SaveFailed(message.clone())));
                Err(NotSaved::Failed(message))
            }
        }
    }

    /// Shows the workspace `id` in this tab, as stored (a workspace never
    /// saved opens empty, with its listed name).
    fn open(&self, id: WorkspaceId) {
        self.clear_pending();
        let listed_name = self
            .index
            .with_untracked(|i| i.get(&id).map(|e| e.name.clone()));
        if let Err(e) = storage::set_current(&id) {
            leptos::logging::warn!("which workspace is open is not remembered: {e}");
        }
        set_if_changed(self.current, id.clone());
        self.load_report.set(None);
        self.problem.set(None);
        match storage::load(&id) {
            Ok(Loaded::Document(doc)) => {
                self.adopt(*doc);
                if let Err(e) = self.list_in_index() {
                    leptos::logging::warn!("the list of workspaces could not be updated: {e}");
                }
            }
            Ok(Loaded::Empty) => self.show_as_saved(fresh_named(listed_name)),
            Ok(Loaded::Newer { workspace, found }) => {
                self.show_read_only(*workspace, found);
            }
            Ok(Loaded::Unreadable { raw, error }) => {
                self.show_as_saved(fresh_named(listed_name));
                self.problem.set(Some(StorageProblem::Unreadable {
                    raw,
                    message: error.to_string(),
                }));
            }
            Err(e) => self
                .problem
                .set(Some(StorageProblem::ReadFailed(e.to_string()))),
        }
    }

    fn show_read_only(&self, ws: Workspace, found: u64) {
        self.show_as_saved(ws);
        self.problem.set(Some(StorageProblem::Newer { found }));
    }

    /// Shows `ws` as what storage holds: nothing to save, no history to undo.
    fn show_as_saved(&self, ws: Workspace) {
        self.sync.set_value(SyncState {
            saved_body: ws.to_json(),
            ..SyncState::default()
        });
        self.set_workspace(ws);
        self.forget_history();
        self.set_unsaved(false);
    }

    fn forget_history(&self) {
        self.history.update_value(History::clear);
        self.refresh_history_labels();
    }

    /// Saves what can be saved before this tab shows another workspace;
    /// refuses when edits would be left behind unsaved.
    fn ready_to_leave(&self) -> Result<(), String> {
        if self.shown_read_only() || !self.has_unsaved_edits() {
            return Ok(());
        }
        match self.flush() {
            Ok(()) => Ok(()),
            Err(e) => Err(format!(
                "This workspace has changes that are not saved ({e}). Resolve the message at the top, or download the workspace, before you open another."
            )),
        }
    }

    /// Shows another workspace in this tab.
    pub fn switch_to(&self, id: WorkspaceId) -> Result<(), String> {
        if self.current.get_untracked() == id {
            return Ok(());
        }
        if !self.index.with_untracked(|i| i.contains(&id)) {
            return Err("That workspace is no longer in the list.".into());
        }
        self.ready_to_leave()?;
        self.open(id);
        Ok(())
    }

    fn storage_usable(&self) -> Result<(), String> {
        if self
            .problem
            .with_untracked(|p| matches!(p, Some(StorageProblem::NoStorage)))
        {
            Err("This browser allows no storage for this page, so only one workspace can be kept, in this tab.".into())
        } else {
            Ok(())
        }
    }

    /// Stores `ws` as a new workspace (its name made unique) and opens it.
    fn add_workspace(&self, mut ws: Workspace, unknown: &UnknownFields) -> Result<String, String> {
        self.storage_usable()?;
        self.ready_to_leave()?;
        let today = crate::clock::today_iso().parse().ok();
        let ((id, name), index) = storage::update_index(|i| {
            let name = i.unique_name(&ws.name);
            (i.add(&name, today), name)
        })
        .map_err(|e| format!("The workspace could not be added: {e}."))?;
        ws.name = name.clone();
        let document = crate::domain::document::write_document(&ws.to_json(), 1, unknown);
        if let Err(e) = storage::write_new(&id, &document) {
            // Take the entry out again, so the list names no empty workspace.
            let undone = storage::update_index(|i| i.remove(&id));
            if let Ok((_, index)) = &undone {
                self.index.set(index.clone());
            }
            return Err(format!("The workspace could not be saved: {e}."));
        }
        self.index.set(index);
        self.open(id);
        Ok(name)
    }

    /// A new, empty workspace for another organisation.
    pub fn create_workspace(&self, name: &str) -> Result<String, String> {
        let name = check_name(name).map_err(|e| format!("That name cannot be used: {e}."))?;
        self.add_workspace(
            Workspace {
                name,
                ..Workspace::default()
            },
            &UnknownFields::default(),
        )
    }

    /// A copy of this workspace, opened.
    pub fn duplicate_workspace(&self) -> Result<String, String> {
        let mut ws = self.workspace();
        ws.name = format!("{} (copy)", ws.name.trim());
        let unknown = self.sync.with_value(|s| s.unknown.clone());
        self.add_workspace(ws, &unknown)
    }

    /// Imports a backup or a shared workspace as a new workspace, opened.
    pub fn import_workspace(
        &self,
        restore: crate::domain::backup::Restore,
    ) -> Result<String, String> {
        let crate::domain::backup::Restore {
            workspace,
            unknown,
            problems,
        } = restore;
        let name = self.add_workspace(workspace, &unknown)?;
        if !problems.is_empty() {
            self.load_report.set(Some(LoadReport {
                problems,
                ..LoadReport::default()
            }));
        }
        Ok(name)
    }

    /// Renames this workspace.
    pub fn rename_workspace(&self, name: &str) -> Result<(), String> {
        let name = check_name(name).map_err(|e| format!("That name cannot be used: {e}."))?;
        let id = self.current.get_untracked();
        let taken = self.index.with_untracked(|i| {
            i.workspaces
                .iter()
                .any(|e| e.id != id && e.name.trim().to_lowercase() == name.to_lowercase())
        });
        if taken {
            return Err(format!("Another workspace is already called \"{name}\"."));
        }
        set_if_changed(self.name, name);
        self.flush()
            .map_err(|e| format!("Renamed here, but not saved: {e}."))
    }

    /// Deletes a workspace (the user confirmed); it can be put back with
    /// [`AppState::undo_delete`] while this tab is open.
    pub fn delete_workspace(&self, id: WorkspaceId) -> Result<String, String> {
        self.storage_usable()?;
        let raw =
            storage::raw(&id).map_err(|e| format!("The workspace could not be read: {e}."))?;
        let (removed, index) = storage::update_index(|i| i.remove(&id))
            .map_err(|e| format!("The workspace could not be deleted: {e}."))?;
        let Some((at, entry)) = removed else {
            self.index.set(index);
            return Err("That workspace is no longer in the list.".into());
        };
        if let Err(e) = storage::discard(&id) {
            // Still stored: list it again rather than hide it.
            if let Ok((_, index)) = storage::update_index(|i| i.reinsert(at, entry.clone())) {
                self.index.set(index);
            }
            return Err(format!("The workspace could not be deleted: {e}."));
        }
        let name = entry.name.clone();
        self.deleted.set(Some(DeletedWorkspace { entry, at, raw }));
        self.index.set(index);
        if self.current.get_untracked() == id {
            self.open_another()?;
        }
        Ok(name)
    }

    /// After the open workspace went: the first one left, or a new one.
    fn open_another(&self) -> Result<(), String> {
        let first = self
            .index
            .with_untracked(|i| i.workspaces.first().map(|e| e.id.clone()));
        match first {
            Some(id) => {
                self.open(id);
                Ok(())
            }
            None => {
                let (id, index) = storage::update_index(|i| {
                    i.add(
                        crate::domain::workspaces::DEFAULT_NAME,
                        crate::clock::today_iso().parse().ok(),
                    )
                })
                .map_err(|e| format!("A new workspace could not be listed: {e}."))?;
                self.index.set(index);
                self.open(id);
                Ok(())
            }
        }
    }

    /// Puts back the workspace deleted last, exactly as it was, and opens it.
    pub fn undo_delete(&self) -> Result<String, String> {
        let Some(d) = self.deleted.get_untracked() else {
            return Err("Nothing to put back.".into());
        };
        self.ready_to_leave()?;
        if let Some(raw) = &d.raw {
            storage::write_new(&d.entry.id, raw)
                .map_err(|e| format!("The workspace could not be put back: {e}."))?;
        }
        let id = d.entry.id.clone();
        let name = d.entry.name.clone();
        let ((), index) = storage::update_index(|i| i.reinsert(d.at, d.entry))
            .map_err(|e| format!("The workspace could not be listed again: {e}."))?;
        self.index.set(index);
        self.deleted.set(None);
        self.open(id);
        Ok(name)
    }

    /// Another tab changed the list of workspaces.
    fn index_changed(&self, value: Option<String>) {
        let index = match storage::index_from_event(value) {
            Some(index) => index,
            // Removed or damaged: made again from what is stored.
            None => match storage::open_index(None) {
                Ok(o) => o.index,
                Err(e) => {
                    leptos::logging::warn!("the list of workspaces could not be read: {e}");
                    return;
                }
            },
        };
        let id = self.current.get_untracked();
        set_if_changed(self.index, index);
        if self.index.with_untracked(|i| i.contains(&id)) {
            return;
        }
        let name = self.name.get_untracked();
        if self.has_unsaved_edits() {
            self.notice.set(Some(format!(
                "\"{name}\" was deleted in another tab. Your unsaved changes here keep it: it is saved and listed again."
            )));
            self.schedule_save();
        } else {
            self.notice
                .set(Some(format!("\"{name}\" was deleted in another tab.")));
            if let Err(e) = self.open_another() {
                self.notice.set(Some(e));
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
        // A workspace shown read-only never changes: its form controls are
        // disabled, and keyboard shortcuts (a digit on an action row) end here.
        if self.shown_read_only() {
            return f(&mut signal.get_untracked());
        }
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

    /// Runs the data check of the workspace read at start once the first frame is drawn, and
    /// adds what it finds to the load report: it reads every account, and nothing on the first
    /// screen waits for it.
    fn check_after_first_frame(self) {
        crate::clock::after_paint(move || {
            let due = self
                .sync
                .try_update_value(|s| std::mem::take(&mut s.check_due))
                .unwrap_or(false);
            if !due {
                return;
            }
            let problems = self.portfolio.with_untracked(|portfolio| {
                self.assessors.with_untracked(|assessors| {
                    self.programme
                        .with_untracked(|programme| check_parts(portfolio, assessors, programme))
                })
            });
            if !problems.is_empty() {
                self.load_report.update(|report| {
                    report
                        .get_or_insert_with(LoadReport::default)
                        .problems
                        .extend(problems);
                });
            }
        });
    }

    /// Takes a stored document as this tab's workspace.
    fn adopt(&self, doc: StoredDocument) {
        let (ws, sync, report) = prepare(doc);
        let report = checked(report, &ws);
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
                    let theirs = doc.body.clone();
                    if self.sync.with_value(|s| s.saved_body == theirs) || self.stored_is_ours() {
                        return;
                    }
                    // This tab's revision with other content: another tab wrote
                    // at the same moment (localStorage has no check-and-write
                    // across tabs), and ours was replaced. This tab's last
                    // save is unsaved again, and the user chooses.
                    self.sync.update_value(|s| s.saved_body = theirs);
                    self.clear_pending();
                    self.set_unsaved(true);
                    self.problem.set(Some(StorageProblem::Conflict(doc)));
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
            Loaded::Newer { workspace, found } => {
                if self.has_unsaved_edits() {
                    // Kept here; never written over the newer document.
                    self.clear_pending();
                    self.problem.set(Some(StorageProblem::Newer { found }));
                } else {
                    self.show_read_only(*workspace, found);
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

    /// True when storage holds exactly what this tab last wrote.
    fn stored_is_ours(&self) -> bool {
        let ours = self.sync.with_value(|s| {
            crate::domain::document::write_document(&s.saved_body, s.base, &s.unknown)
        });
        storage::raw(&self.current.get_untracked()).is_ok_and(|raw| raw.as_deref() == Some(&*ours))
    }

    /// The user asked to read storage again after a failed read.
    pub fn retry_read(&self) {
        let today = crate::clock::today_iso().parse().ok();
        match storage::open_index(today) {
            Ok(opened) => {
                set_if_changed(self.index, opened.index);
                let id = self.current.get_untracked();
                if !self.index.with_untracked(|i| i.contains(&id)) {
                    if let Err(e) =
                        storage::update_index(|i| i.upsert(&id, &self.name.get_untracked()))
                    {
                        leptos::logging::warn!("the workspace could not be listed: {e}");
                    }
                }
            }
            Err(e) => {
                self.problem.set(Some(StorageProblem::ReadFailed(format!(
                    "{e} (tried again at {})",
                    crate::clock::now_iso()
                ))));
                return;
            }
        }
        match storage::load(&self.current.get_untracked()) {
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

    /// The backup file of every workspace: this one as it is in this tab,
    /// the others as stored (unreadable ones as their text).
    pub fn backup_all_json(&self) -> Result<String, String> {
        let current = self.current.get_untracked();
        let current_unreadable = self
            .problem
            .with_untracked(|p| matches!(p, Some(StorageProblem::Unreadable { .. })));
        let mut out = Vec::new();
        for entry in self.index.get_untracked().workspaces {
            let stored = if entry.id == current && !current_unreadable {
                Some(self.document_json())
            } else {
                storage::raw(&entry.id)
                    .map_err(|e| format!("\"{}\" could not be read: {e}", entry.name))?
            };
            if let Some(stored) = stored {
                out.push(crate::domain::backup::StoredWorkspace {
                    name: entry.name,
                    stored,
                });
            }
        }
        Ok(crate::domain::backup::export_all(
            &out,
            &crate::clock::today_iso(),
        ))
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
        self.load_report.set(
            LoadReport {
                problems,
                ..LoadReport::default()
            }
            .said(),
        );
        self.save_now()
    }

    /// This tab's workspace as a stored document, for a download. A newer
    /// version's workspace (shown read-only) is given exactly as stored:
    /// this version would write it as its own schema, without what it
    /// cannot read.
    pub fn document_json(&self) -> String {
        if self.shown_read_only() {
            match storage::raw(&self.current.get_untracked()) {
                Ok(Some(raw)) => return raw,
                Ok(None) => {}
                Err(e) => leptos::logging::warn!("the stored workspace could not be read: {e}"),
            }
        }
        let body = self.body();
        self.sync
            .with_value(|s| crate::domain::document::write_document(&body, s.base, &s.unknown))
    }

    /// The user chose to replace unreadable stored data with the current workspace.
    pub fn replace_unreadable(&self) -> Result<(), NotSaved> {
        storage::discard(&self.current.get_untracked()).map_err(|e| {
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
pub fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) -> bool {
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
    let today = crate::clock::today_iso().parse().ok();
    // One workspace, held in this tab only, when the list cannot be read.
    let in_memory = || {
        let mut index = WorkspaceIndex::default();
        index.add(crate::domain::workspaces::DEFAULT_NAME, today);
        index
    };
    let (index, notice, opened) = match storage::open_index(today) {
        Ok(o) => {
            let notice = (!o.notes.is_empty()).then(|| o.notes.join(" "));
            (o.index, notice, Ok(()))
        }
        Err(e) => (in_memory(), None, Err(e)),
    };
    let current = storage::current()
        .filter(|id| index.contains(id))
        .or_else(|| index.workspaces.first().map(|e| e.id.clone()))
        .unwrap_or_else(|| in_memory().workspaces[0].id.clone());
    if opened.is_ok() {
        if let Err(e) = storage::set_current(&current) {
            leptos::logging::warn!("which workspace is open is not remembered: {e}");
        }
    }
    let listed_name = index.get(&current).map(|e| e.name.clone());
    let unnamed = || Workspace {
        name: listed_name
            .clone()
            .unwrap_or_else(|| Workspace::default().name),
        ..Workspace::default()
    };
    let (initial, sync, problem, report) = match opened.and_then(|()| storage::load(&current)) {
        Ok(Loaded::Empty) => {
            let ws = unnamed();
            let sync = SyncState {
                saved_body: ws.to_json(),
                ..SyncState::default()
            };
            (ws, sync, None, None)
        }
        Ok(Loaded::Document(doc)) => {
            let (ws, mut sync, report) = prepare(*doc);
            sync.check_due = true;
            (ws, sync, None, report.said())
        }
        Ok(Loaded::Newer { workspace, found }) => {
            let sync = SyncState {
                saved_body: workspace.to_json(),
                ..SyncState::default()
            };
            (
                *workspace,
                sync,
                Some(StorageProblem::Newer { found }),
                None,
            )
        }
        Ok(Loaded::Unreadable { raw, error }) => {
            // Shown as stored (empty, under its listed name): nothing of it is unsaved.
            let ws = unnamed();
            let sync = SyncState {
                saved_body: ws.to_json(),
                ..SyncState::default()
            };
            let problem = StorageProblem::Unreadable {
                raw,
                message: error.to_string(),
            };
            (ws, sync, Some(problem), None)
        }
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
    let programme = RwSignal::new(programme);
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
        current: RwSignal::new(current),
        index: RwSignal::new(index),
        notice: RwSignal::new(notice),
        deleted: RwSignal::new(None),
        assessors: RwSignal::new(assessors),
        programme,
        derived: Derived {
            scorecard,
            analyses: StoredValue::new(None),
            figures: StoredValue::new(None),
            owner: StoredValue::new(Owner::current().unwrap_or_default().downgrade()),
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
    state.check_after_first_frame();

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
    // Leaving the page: the last edits saved, then the first screen kept as they left it.
    let leave = move || {
        flush();
        crate::first_screen::keep_now();
    };
    let on_hide = window_event_listener(leptos::ev::pagehide, move |_| leave());
    let on_visibility = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            leave();
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
        match ev.key() {
            // No key: the other tab cleared all of this site's storage.
            None => {
                state.stored_changed(Loaded::Empty);
                state.index_changed(None);
            }
            Some(k) if k == storage::INDEX_KEY => state.index_changed(ev.new_value()),
            Some(k)
                if storage::workspace_of_key(&k).as_ref()
                    == Some(&state.current.get_untracked()) =>
            {
                state.stored_changed(Loaded::from_raw(ev.new_value()));
            }
            Some(_) => {}
        }
    });
    on_cleanup(move || {
        on_hide.remove();
        on_visibility.remove();
        on_unload.remove();
        on_storage.remove();
        state.clear_pending();
    });

    // A stored workspace whose name the list does not show yet (seeded, or
    // written by an earlier version) is listed by its own name.
    if state.problem.with_untracked(Option::is_none) {
        if let Err(e) = state.list_in_index() {
            leptos::logging::warn!("the list of workspaces could not be updated: {e}");
        }
    }

    // The first screen as this start drew it is kept for the next, 2 s on (or as it is left): the
    // first start after an update has no drawing of this build, and a start may draw what the
    // last save's screen did not (what the check of the stored data found).
    state.keep_first_screen();

    provide_context(state);
    state
}

pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}
