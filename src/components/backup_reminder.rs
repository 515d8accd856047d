use crate::clock::today_iso;
use crate::components::ChunkError;
use crate::domain::backup;
use crate::download;
use crate::state::{use_app_state, AppState};
use crate::storage;
use leptos::prelude::*;

/// Downloads the workspace's backup; returns the file name.
type BackupWriter = fn(AppState) -> Result<String, String>;

// Writing the backup (its file name, the JSON laid out to be read) comes in a chunk of its
// own, fetched when the reminder's button is used: the reminder shows once a week at most, and
// the file name's Unicode lower-casing brings tables the first screen does not need.
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(kw_backup, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn backup_writer() -> Result<BackupWriter, ChunkError> {
    Ok(download::backup)
}

/// Downloads the workspace's backup; returns the file name.
async fn download_backup(state: AppState) -> Result<String, String> {
    #[cfg(feature = "split")]
    let write = backup_writer().await;
    #[cfg(not(feature = "split"))]
    let write = backup_writer();
    write.map_err(|e| e.to_string())?(state)
}

/// A gentle weekly reminder to download a backup once there is work worth
/// keeping; also asks the browser, once, to keep this site's data.
#[component]
pub fn BackupReminder() -> impl IntoView {
    let state = use_app_state();
    let today = today_iso().parse().ok();
    let last = storage::last_backup();
    let said = RwSignal::new(None::<String>);
    let reminder = RwSignal::new(match (&last, today) {
        (Ok(last), Some(today)) => state.with_workspace(|ws| backup::reminder(ws, *last, today)),
        _ => None,
    });
    if reminder.with_untracked(Option::is_some) || matches!(last, Ok(Some(_))) {
        // There is work worth keeping: ask once per visit; the browser decides quietly.
        leptos::task::spawn_local(async {
            if let Ok(false) = storage::persisted().await {
                if let Err(e) = storage::persist().await {
                    leptos::logging::warn!("could not ask to keep the data: {e}");
                }
            }
        });
    }
    let download_now = move |_| {
        leptos::task::spawn_local(async move {
            match download_backup(state).await {
                Ok(name) => {
                    reminder.set(None);
                    said.set(Some(format!("Backup downloaded as {name}.")));
                }
                Err(e) => said.set(Some(format!("The download failed: {e}"))),
            }
        })
    };
    view! {
        {move || reminder.get().map(|text| view! {
            <div class="kw-banner kw-banner-warn" role="status" data-testid="backup-reminder">
                <p>
                    <strong>{text}</strong>
                    " Your work lives only in this browser, and Safari deletes a site's data after seven days without a visit."
                </p>
                <div class="kw-banner-actions">
                    <button type="button" class="kw-button kw-button-primary" data-testid="backup-reminder-download" on:click=download_now>"Download a backup"</button>
                    <button type="button" class="kw-button" data-testid="backup-reminder-later" on:click=move |_| reminder.set(None)>"Not now"</button>
                </div>
            </div>
        })}
        {move || said.get().map(|s| view! { <p class="kw-banner kw-banner-ok" role="status" data-testid="backup-reminder-said">{s}</p> })}
    }
}
