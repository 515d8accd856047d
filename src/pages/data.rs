//! Your data: a JSON backup of the workspace, and restoring one. A backup is
//! checked and shown before it replaces anything, and replacing asks first.

use crate::app::use_route;
use crate::domain::backup::{self, BackupFile, FileWorkspace};
use crate::domain::number::fixed;
use crate::download;
use crate::route::Route;
use crate::state::use_app_state;
use crate::storage;
use leptos::prelude::*;

/// Your data, or an opened share link.
#[component]
pub fn DataPage() -> impl IntoView {
    let route = use_route();
    let shared = Memo::new(move |_| matches!(route.get(), Route::Shared(_)));
    move || {
        if shared.get() {
            view! { <super::share::SharedLinkView /> }.into_any()
        } else {
            view! { <DataView /> }.into_any()
        }
    }
}

#[component]
fn DataView() -> impl IntoView {
    let state = use_app_state();
    let message = RwSignal::new(None::<(bool, String)>);
    let restore = RwSignal::new(None::<BackupFile>);
    let problem = RwSignal::new(None::<String>);

    let last_backup = RwSignal::new(storage::last_backup());
    let export = move |_| {
        message.set(Some(match download::backup(state) {
            Ok(name) => (true, format!("Backup downloaded as {name}.")),
            Err(e) => (false, format!("The download failed: {e}")),
        }));
        last_backup.set(storage::last_backup());
    };
    let export_all = move |_| {
        message.set(Some(match download::backup_all(state) {
            Ok(name) => (
                true,
                format!("Backup of every workspace downloaded as {name}."),
            ),
            Err(e) => (false, format!("The download failed: {e}")),
        }));
        last_backup.set(storage::last_backup());
    };
    let workspace_count = move || state.index.with(|i| i.workspaces.len());
    let used = storage::used_bytes();
    let persisted = RwSignal::new(None::<Result<bool, String>>);
    leptos::task::spawn_local(async move {
        persisted.set(Some(storage::persisted().await.map_err(|e| e.to_string())));
    });
    let ask_persist = move |_| {
        leptos::task::spawn_local(async move {
            persisted.set(Some(storage::persist().await.map_err(|e| e.to_string())));
        });
    };

    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = download::chosen_file(&ev) else {
            return;
        };
        message.set(None);
        // Far too large to be a workspace: refused before it is read into memory.
        if let Err(e) = backup::check_size(file.size() as usize) {
            restore.set(None);
            problem.set(Some(format!("This file cannot be restored: {e}.")));
            return;
        }
        leptos::task::spawn_local(async move {
            let text = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(t) => t.as_string().unwrap_or_default(),
                Err(_) => {
                    problem.set(Some("The file could not be read.".into()));
                    return;
                }
            };
            match backup::read_file(&text) {
                Ok(r) => {
                    problem.set(None);
                    restore.set(Some(r));
                }
                Err(e) => {
                    restore.set(None);
                    problem.set(Some(format!("This file cannot be restored: {e}.")));
                }
            }
        });
    };

    let import_new = move |_| {
        let Some(file) = restore.get_untracked() else {
            return;
        };
        let items = match file {
            BackupFile::One(r) => vec![*r],
            BackupFile::All(items) => items
                .into_iter()
                .filter_map(|i| match i {
                    FileWorkspace::Ready(r) => Some(*r),
                    FileWorkspace::NotReadable { .. } => None,
                })
                .collect(),
        };
        let mut names = Vec::new();
        for r in items {
            match state.import_workspace(r) {
                Ok(name) => names.push(format!("\"{name}\"")),
                Err(e) => {
                    message.set(Some((
                        false,
                        format!("Imported {}; then stopped: {e}", names.len()),
                    )));
                    return;
                }
            }
        }
        restore.set(None);
        message.set(Some((
            true,
            format!(
                "Imported as new workspaces: {}. The last one is open.",
                names.join(", ")
            ),
        )));
    };
    let replace = move |_| {
        let Some(BackupFile::One(r)) = restore.get_untracked() else {
            return;
        };
        let r = *r;
        let current = state.with_workspace(|ws| ws.summary());
        let ok = window()
            .confirm_with_message(&format!(
                "Replace this workspace ({current}) with the backup? Download a backup of it first if you may need it."
            ))
            .unwrap_or(false);
        if ok {
            let (saved, note) = state.restore_backup(r);
            restore.set(None);
            message.set(Some((saved, format!("Backup restored. {note}"))));
        }
    };

    view! {
        <section class="kw-page" aria-labelledby="data-title">
            <h1 id="data-title" tabindex="-1">"Your data"</h1>
            <p class="kw-lede">
                "Everything you enter stays in this browser. Download a backup to keep it safe or to move it to another machine; "
                "some browsers (Safari) delete a site's data after seven days without a visit."
            </p>
            <section class="kw-card" data-testid="backup-export">
                <h2>"Back up this workspace"</h2>
                <p class="kw-muted">"One JSON file with everything: scores, N/A reasons, notes and plans, snapshots, litmus answers, and the portfolio with its DMU, team, measures and criteria."</p>
                <button type="button" class="kw-button kw-button-primary" data-testid="backup-download" on:click=export>"Download backup"</button>
                " "
                <button type="button" class="kw-button" data-testid="backup-download-all" on:click=export_all>
                    {move || format!("Download all {} workspaces", workspace_count())}
                </button>
                <p class="kw-muted" data-testid="backup-last">{move || match last_backup.get() {
                    Ok(Some(day)) => format!("Last backup from this browser: {day}."),
                    Ok(None) => "No backup downloaded from this browser yet.".to_string(),
                    Err(e) => format!("When the last backup was made is not known: {e}."),
                }}</p>
            </section>
            <section class="kw-card" data-testid="storage-health">
                <h2>"Storage in this browser"</h2>
                {match used {
                    Ok(bytes) => {
                        let quota = storage::NOMINAL_QUOTA_BYTES;
                        let size = |b: usize| if b < 1_048_576 {
                            format!("{} KB", fixed(b as f64 / 1024.0, 0))
                        } else {
                            format!("{} MB", fixed(b as f64 / 1_048_576.0, 1))
                        };
                        view! {
                            <p data-testid="storage-used">{format!(
                                "KAM Workbench data takes {} here, {} % of the about {} most browsers let a site keep.",
                                size(bytes), backup::storage_percent(bytes, quota), size(quota)
                            )}</p>
                            {backup::storage_warning(bytes, quota).map(|w| view! { <p class="kw-banner kw-banner-warn" role="alert" data-testid="storage-warning">{w}</p> })}
                        }.into_any()
                    }
                    Err(e) => view! { <p class="kw-banner kw-banner-warn" role="alert">{format!("Storage cannot be measured: {e}.")}</p> }.into_any(),
                }}
                <p data-testid="storage-persisted">{move || match persisted.get() {
                    None => "Asking the browser whether it keeps this data…".to_string(),
                    Some(Ok(true)) => "The browser has agreed to keep this data even when space runs short.".to_string(),
                    Some(Ok(false)) => "The browser may clear this data when space runs short; a backup keeps it safe.".to_string(),
                    Some(Err(e)) => format!("Whether the browser keeps this data is not known: {e}."),
                }}</p>
                {move || matches!(persisted.get(), Some(Ok(false))).then(|| view! {
                    <button type="button" class="kw-button" data-testid="storage-persist" on:click=ask_persist>"Ask the browser to keep this data"</button>
                })}
            </section>
            <super::share::ShareLinks />
            <section class="kw-card" data-testid="backup-restore">
                <h2>"Restore a backup"</h2>
                <p class="kw-muted">"The file is checked and shown to you first; nothing changes until you choose. Import it as a new workspace, or replace this one with it."</p>
                <label>"Backup file " <input type="file" accept=".json,application/json" data-testid="backup-file" on:change=on_file /></label>
                {move || problem.get().map(|p| view! { <p class="kw-banner kw-banner-error" role="alert" data-testid="backup-problem">{p}</p> })}
                {move || restore.get().map(|file| {
                    let (items, one) = match file {
                        BackupFile::One(r) => (vec![FileWorkspace::Ready(r)], true),
                        BackupFile::All(items) => (items, false),
                    };
                    let ready = items.iter().filter(|i| matches!(i, FileWorkspace::Ready(_))).count();
                    view! {
                        <div class="kw-import-plan" data-testid="backup-preview">
                            {(!one).then(|| view! { <p>{format!("A backup of {} workspaces:", items.len())}</p> })}
                            <ul class="kw-plain-list">
                                {items.into_iter().map(|item| match item {
                                    FileWorkspace::Ready(r) => view! {
                                        <li>
                                            <strong data-testid="backup-summary">{r.summary()}</strong>
                                            {(!r.problems.is_empty()).then(|| view! {
                                                <p>{format!("{} value(s) this version would not accept; they are kept as they are:", r.problems.len())}</p>
                                                <ul data-testid="backup-problems">
                                                    {r.problems.iter().map(|p| view! { <li>{p.to_string()}</li> }).collect_view()}
                                                </ul>
                                            })}
                                        </li>
                                    }.into_any(),
                                    other => view! { <li class="kw-error" data-testid="backup-not-readable">{other.summary()}</li> }.into_any(),
                                }).collect_view()}
                            </ul>
                            {(ready > 0).then(|| view! {
                                <button type="button" class="kw-button kw-button-primary" data-testid="backup-import-new" on:click=import_new>
                                    {if one { "Import as a new workspace".to_string() } else { format!("Import {ready} as new workspaces") }}
                                </button>
                                " "
                            })}
                            {one.then(|| view! {
                                <button type="button" class="kw-button kw-button-danger" data-testid="backup-replace" on:click=replace>"Replace this workspace with it"</button>
                                " "
                            })}
                            <button type="button" class="kw-button" data-testid="backup-cancel" on:click=move |_| restore.set(None)>"Cancel"</button>
                        </div>
                    }
                })}
            </section>
            {move || message.get().map(|(ok, m)| view! {
                <p class=if ok { "kw-banner kw-banner-ok" } else { "kw-banner kw-banner-warn" } role="status" data-testid="data-message">{m}</p>
            })}
        </section>
    }
}
