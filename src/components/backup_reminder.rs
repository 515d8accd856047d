use super::{chunk_view, shown_while};
use crate::clock::today_iso;
use crate::domain::backup;
use crate::download;
use crate::state::use_app_state;
use crate::storage;
use leptos::prelude::*;

/// The reminder's text, and what its button said, for its banner (in a chunk of its own).
#[derive(Clone, Copy)]
struct Reminder {
    text: RwSignal<Option<String>>,
    said: RwSignal<Option<String>>,
}

// The banner, with writing the backup (its file name, the JSON laid out to be read), comes in a
// chunk of its own, fetched when the reminder shows: once a week at most, and the file name's
// Unicode lower-casing brings tables the first screen does not need.
crate::chunked_view!(backup_banner, kw_backup, view! { <BackupBanner /> });

/// A gentle weekly reminder to download a backup once there is work worth
/// keeping; also asks the browser, once, to keep this site's data.
#[component]
pub fn BackupReminder() -> impl IntoView {
    let state = use_app_state();
    let today = today_iso().parse().ok();
    let last = storage::last_backup();
    let reminder = Reminder {
        text: RwSignal::new(match (&last, today) {
            (Ok(last), Some(today)) => {
                state.with_workspace(|ws| backup::reminder(ws, *last, today))
            }
            _ => None,
        }),
        said: RwSignal::new(None),
    };
    if reminder.text.with_untracked(Option::is_some) || matches!(last, Ok(Some(_))) {
        // There is work worth keeping: ask once per visit; the browser decides quietly.
        leptos::task::spawn_local(async {
            if let Ok(false) = storage::persisted().await {
                if let Err(e) = storage::persist().await {
                    leptos::logging::warn!("could not ask to keep the data: {e}");
                }
            }
        });
    }
    provide_context(reminder);
    shown_while(
        move || reminder.text.with(Option::is_some) || reminder.said.with(Option::is_some),
        || chunk_view(backup_banner),
    )
}

#[component]
fn BackupBanner() -> impl IntoView {
    let state = use_app_state();
    let Reminder { text, said } = expect_context::<Reminder>();
    let download_now = move |_| match download::backup(state) {
        Ok(name) => {
            text.set(None);
            said.set(Some(format!("Backup downloaded as {name}.")));
        }
        Err(e) => said.set(Some(format!("The download failed: {e}"))),
    };
    view! {
        {move || text.get().map(|shown| view! {
            <div class="kw-banner kw-banner-warn" role="status" data-testid="backup-reminder">
                <p>
                    <strong>{shown}</strong>
                    " Your work lives only in this browser, and Safari deletes a site's data after seven days without a visit."
                </p>
                <div class="kw-banner-actions">
                    <button type="button" class="kw-button kw-button-primary" data-testid="backup-reminder-download" on:click=download_now>"Download a backup"</button>
                    <button type="button" class="kw-button" data-testid="backup-reminder-later" on:click=move |_| text.set(None)>"Not now"</button>
                </div>
            </div>
        })}
        {move || said.get().map(|s| view! { <p class="kw-banner kw-banner-ok" role="status" data-testid="backup-reminder-said">{s}</p> })}
    }
}
