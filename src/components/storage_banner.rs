use crate::download::download_text;
use crate::state::{use_app_state, StorageProblem};
use crate::storage::WORKSPACE_KEY;
use leptos::prelude::*;

/// Tells the user when stored data could not be read or saved, and what they can do.
#[component]
pub fn StorageBanner() -> impl IntoView {
    let state = use_app_state();
    move || {
        state.problem.get().map(|problem| match problem {
            StorageProblem::Unreadable { raw, message } => {
                let bytes = raw.len();
                view! {
                    <div class="kw-banner kw-banner-error" role="alert" data-testid="storage-unreadable">
                        <p>
                            <strong>"Your saved workspace could not be read: "</strong>
                            {message}
                        </p>
                        <p>
                            {format!("It is kept untouched in this browser (key \"{WORKSPACE_KEY}\", {bytes} bytes). ")}
                            "Nothing you do now is saved until you choose what to do with it."
                        </p>
                        <div class="kw-banner-actions">
                            <button
                                type="button"
                                class="kw-button"
                                data-testid="download-unreadable"
                                on:click=move |_| {
                                    if let Err(e) = download_text("kam-workbench-unreadable.json", "application/json", &raw) {
                                        leptos::logging::error!("download failed: {e}");
                                    }
                                }
                            >
                                "Download the unreadable data"
                            </button>
                            <button
                                type="button"
                                class="kw-button kw-button-danger"
                                data-testid="replace-unreadable"
                                on:click=move |_| {
                                    let ok = window()
                                        .confirm_with_message("Replace the unreadable data with a new, empty workspace? Download it first if you may need it.")
                                        .unwrap_or(false);
                                    if ok {
                                        state.replace_unreadable();
                                    }
                                }
                            >
                                "Start a new workspace and replace it"
                            </button>
                        </div>
                    </div>
                }
                    .into_any()
            }
            StorageProblem::SaveFailed(msg) => view! {
                <div class="kw-banner kw-banner-warn" role="alert" data-testid="storage-save-failed">
                    <p><strong>"Not saved: "</strong>{msg}</p>
                </div>
            }
                .into_any(),
        })
    }
}
