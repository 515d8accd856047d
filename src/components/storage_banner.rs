use crate::clock::now_iso;
use crate::download::download_text;
use crate::pages::account_href;
use crate::state::{use_app_state, AppState, StorageProblem};
use crate::storage::workspace_key;
use leptos::prelude::*;

/// A file name for this tab's workspace, e.g. `kam-workbench-2026-11-23-1640.json`.
fn copy_file_name() -> String {
    let stamp: String = now_iso()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            ':' => None,
            c => Some(c),
        })
        .collect();
    format!("kam-workbench-{stamp}.json")
}

/// Offers a download and shows its error, if any, in `error`.
fn offer(error: RwSignal<Option<String>>, name: &str, text: &str) {
    error.set(
        download_text(name, "application/json", text)
            .err()
            .map(|e| format!("The download failed: {e}")),
    );
}

/// Tells the user when stored data could not be read or saved, and what they can do.
#[component]
pub fn StorageBanner() -> impl IntoView {
    let state = use_app_state();
    let error = RwSignal::new(None::<String>);
    let error_line = move || {
        error
            .get()
            .map(|e| view! { <p class="kw-error" role="alert">{e}</p> })
    };
    view! {
        {move || state.problem.get().map(|problem| match problem {
            StorageProblem::Unreadable { raw, message } => unreadable(state, error, raw, message),
            StorageProblem::ReadFailed(message) => notice(
                "kw-banner-error",
                "storage-read-failed",
                "Your saved work could not be read: ",
                message,
                "Saving is paused, so nothing you do here can replace what may be saved. Try again; if it keeps failing, reload the page.",
                view! {
                    <button type="button" class="kw-button kw-button-primary" data-testid="storage-retry"
                        on:click=move |_| state.retry_read()>"Try again"</button>
                },
            ),
            StorageProblem::SaveFailed(message) => notice(
                "kw-banner-warn",
                "storage-save-failed",
                "Not saved: ",
                message,
                "Your work is still here in this tab. Download it to keep a copy.",
                download_unsaved(state, error),
            ),
            StorageProblem::Conflict(_) => conflict(state, error),
            StorageProblem::Newer { found } => notice(
                "kw-banner-warn",
                "storage-newer",
                "Opened read-only: ",
                format!("this workspace was saved by a newer version of KAM Workbench (schema {found}), so this version shows what it can read and never saves over it."),
                "Open it with the newer version to change it, or download a copy.",
                download_unsaved(state, error),
            ),
            StorageProblem::NoStorage => notice(
                "kw-banner-warn",
                "storage-none",
                "Nothing is saved in this browser: ",
                "it allows no storage for this page (a private window, or site data blocked).".to_string(),
                "You can work here, but your work is lost when the tab closes: download it before you leave, or open the page in a normal window.",
                download_unsaved(state, error),
            ),
        })}
        {error_line}
        <LoadReportBanner />
    }
}

/// The work of this tab as a file, when it cannot be saved here.
fn download_unsaved(state: AppState, error: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <button type="button" class="kw-button" data-testid="download-unsaved"
            on:click=move |_| offer(error, &copy_file_name(), &state.document_json())>"Download this workspace"</button>
    }
}

/// A banner: what happened, what it means, what the user can do.
fn notice(
    tone: &'static str,
    testid: &'static str,
    title: &'static str,
    detail: String,
    advice: &'static str,
    actions: impl IntoView + 'static,
) -> AnyView {
    view! {
        <div class=format!("kw-banner {tone}") role="alert" data-testid=testid>
            <p><strong>{title}</strong>{detail}</p>
            <p>{advice}</p>
            <div class="kw-banner-actions">{actions}</div>
        </div>
    }
    .into_any()
}

fn unreadable(
    state: AppState,
    error: RwSignal<Option<String>>,
    raw: String,
    message: String,
) -> AnyView {
    let bytes = raw.len();
    let key = workspace_key(&state.current.get_untracked());
    let name = state.index.with_untracked(|i| {
        i.get(&state.current.get_untracked())
            .map(|e| e.name.clone())
            .unwrap_or_default()
    });
    view! {
        <div class="kw-banner kw-banner-error" role="alert" data-testid="storage-unreadable">
            <p>
                <strong>{format!("The saved workspace \"{name}\" could not be read: ")}</strong>
                {message}
            </p>
            <p>
                {format!("It is kept untouched in this browser (key \"{key}\", {bytes} bytes); your other workspaces are not affected. ")}
                "Nothing you do now is saved until you choose what to do with it."
            </p>
            <div class="kw-banner-actions">
                <button
                    type="button"
                    class="kw-button"
                    data-testid="download-unreadable"
                    on:click=move |_| offer(error, "kam-workbench-unreadable.json", &raw)
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
                            error.set(state.replace_unreadable().err().map(|e| format!("Not saved: {e}")));
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

fn conflict(state: AppState, error: RwSignal<Option<String>>) -> AnyView {
    view! {
        <div class="kw-banner kw-banner-warn" role="alert" data-testid="storage-conflict">
            <p><strong>"This workspace was changed in another tab."</strong></p>
            <p>
                "Your latest changes here are not saved, and saving them now would replace the other tab's. "
                "Load the other version (your unsaved changes here are dropped), or keep yours: save it as a copy first, or replace the other version with it."
            </p>
            <div class="kw-banner-actions">
                <button type="button" class="kw-button kw-button-primary" data-testid="conflict-reload"
                    on:click=move |_| state.take_stored_version()>"Load the other tab's version"</button>
                <button type="button" class="kw-button" data-testid="conflict-copy"
                    on:click=move |_| offer(error, &copy_file_name(), &state.document_json())>"Save mine as a copy (file)"</button>
                <button type="button" class="kw-button kw-button-danger" data-testid="conflict-keep-mine"
                    on:click=move |_| {
                        let ok = window()
                            .confirm_with_message("Replace the version saved by the other tab with this one? The other tab's changes will be lost.")
                            .unwrap_or(false);
                        if ok {
                            error.set(state.keep_this_version().err().map(|e| format!("Not saved: {e}")));
                        }
                    }>"Keep mine and replace theirs"</button>
            </div>
        </div>
    }
    .into_any()
}

/// Fields not known to this version named at most: a newer version may
/// add one to every account.
const SHOWN_UNKNOWN: usize = 20;

/// Values in the stored data that the model would refuse, kept as they are
/// and named so the user can fix them, fields this version does not know,
/// and ids that had to be made unique.
#[component]
fn LoadReportBanner() -> impl IntoView {
    let state = use_app_state();
    move || {
        state.load_report.get().map(|report| {
            view! {
                <div class="kw-banner kw-banner-warn" role="status" data-testid="load-report">
                    {(!report.problems.is_empty()).then(|| view! {
                        <p><strong>{format!("Your saved work has {} value(s) this version would not accept. They are kept as they are: correct them where they are used.", report.problems.len())}</strong></p>
                        <ul data-testid="load-problems">
                            {report.problems.iter().map(|p| view! {
                                <li>
                                    {p.message.clone()}" "
                                    {p.account.map(|id| view! { <a href=account_href(id)>"Open the account"</a> })}
                                    <br /><code class="kw-path">{p.path.clone()}</code>
                                </li>
                            }).collect_view()}
                        </ul>
                    })}
                    {(!report.unknown.is_empty()).then(|| {
                        let more = report.unknown.len().saturating_sub(SHOWN_UNKNOWN);
                        view! {
                            <p><strong>{format!("Your saved work has {} field(s) this version does not use. They are kept as they are and saved back unchanged:", report.unknown.len())}</strong></p>
                            <ul data-testid="load-unknown">
                                {report.unknown.iter().take(SHOWN_UNKNOWN).map(|path| view! { <li><code class="kw-path">{path.clone()}</code></li> }).collect_view()}
                                {(more > 0).then(|| view! { <li>{format!("and {more} more")}</li> })}
                            </ul>
                        }
                    })}
                    {(!report.repairs.is_empty()).then(|| view! {
                        <p><strong>"Some accounts shared an id, so each now has its own:"</strong></p>
                        <ul data-testid="load-repairs">
                            {report.repairs.iter().map(|r| view! { <li>{r.to_string()}</li> }).collect_view()}
                        </ul>
                    })}
                    <div class="kw-banner-actions">
                        <button type="button" class="kw-button" data-testid="load-report-dismiss"
                            on:click=move |_| state.load_report.set(None)>"Dismiss"</button>
                    </div>
                </div>
            }
        })
    }
}
