use crate::clock::today_iso;
use crate::domain::backup;
use crate::download;
use crate::state::use_app_state;
use crate::storage;
use leptos::prelude::*;

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
    let download_now = move |_| match download::backup(state) {
        Ok(name) => {
            reminder.set(None);
            said.set(Some(format!("Backup downloaded as {name}.")));
        }
        Err(e) => said.set(Some(format!("The download failed: {e}"))),
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
