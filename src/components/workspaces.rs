//! Workspaces in the header: which one this tab shows, switching, and
//! creating, renaming, duplicating and deleting them; below the header,
//! what happened to them (with undo after a delete).

use super::{chunk_view, shown_while};
use crate::state::{set_if_changed, use_app_state};
use leptos::prelude::*;

/// Whether the switcher is open, for the panel inside it (in a chunk of its own) to close it.
#[derive(Clone, Copy)]
struct SwitcherOpen(RwSignal<bool>);

// The panel is built the first time the switcher opens, from its own chunk in the release site:
// most visits never open it, and its code was part of every first download.
crate::chunked_view!(workspace_panel, kw_workspaces, view! { <WorkspacePanel /> });

/// The switcher: a disclosure in the header, so it works by keyboard and
/// on touch without script-driven focus traps.
#[component]
pub fn WorkspaceSwitcher() -> impl IntoView {
    let state = use_app_state();
    let open = RwSignal::new(false);
    let built = RwSignal::new(false);
    provide_context(SwitcherOpen(open));
    let current_name = Memo::new(move |_| state.name.get());

    view! {
        <details class="kw-workspaces" prop:open=move || open.get()
            on:toggle=move |ev| {
                let is_open = super::toggled_open(&ev);
                // Once: setting it again would draw the panel anew, losing what is typed in it.
                if is_open {
                    set_if_changed(built, true);
                }
                open.set(is_open);
            }>
            <summary class="kw-workspaces-summary" data-testid="workspace-menu">
                <span class="kw-sr-only">"Workspace: "</span>
                <span class="kw-workspaces-name" data-testid="workspace-current">{move || current_name.get()}</span>
                <span aria-hidden="true">" ▾"</span>
            </summary>
            {move || built.get().then(|| chunk_view(workspace_panel))}
        </details>
    }
}

/// The switcher's panel: the workspaces, and creating, renaming, duplicating and deleting them.
#[component]
fn WorkspacePanel() -> impl IntoView {
    let state = use_app_state();
    // Always there (the switcher provides it); a panel drawn alone stays open.
    let open = use_context::<SwitcherOpen>().map_or_else(|| RwSignal::new(true), |o| o.0);
    let message = RwSignal::new(None::<(bool, String)>);
    let new_name = RwSignal::new(String::new());
    // What the user typed in the rename field; `None` shows the current name.
    let rename = RwSignal::new(None::<String>);
    let current_name = Memo::new(move |_| state.name.get());
    // Closing the switcher forgets the last message and an unsaved rename.
    Effect::new(move |_| {
        if !open.get() {
            message.set(None);
            rename.set(None);
        }
    });
    let report = move |r: Result<String, String>| match r {
        Ok(m) => message.set(Some((true, m))),
        Err(e) => message.set(Some((false, e))),
    };
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        report(
            state
                .create_workspace(&new_name.get_untracked())
                .map(|n| format!("Created and opened \"{n}\".")),
        );
        if matches!(message.get_untracked(), Some((true, _))) {
            new_name.set(String::new());
        }
    };
    let save_name = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = rename
            .get_untracked()
            .unwrap_or_else(|| current_name.get_untracked());
        let result = state.rename_workspace(&typed);
        if result.is_ok() {
            rename.set(None);
        }
        report(result.map(|()| "Renamed.".to_string()));
    };
    let duplicate = move |_| {
        report(
            state
                .duplicate_workspace()
                .map(|n| format!("Copied and opened \"{n}\".")),
        );
    };

    view! {
        <div class="kw-workspaces-panel">
            <h2 class="kw-workspaces-title">"Workspaces"</h2>
            <p class="kw-muted">"One per organisation you assess; each is saved on its own in this browser."</p>
            <ul class="kw-workspaces-list" data-testid="workspace-list">
                <For
                    each=move || state.index.get().workspaces
                    key=|e| (e.id.clone(), e.name.clone())
                    let:entry
                >
                    {
                        let id = entry.id.clone();
                        let del_id = entry.id.clone();
                        let is_current = {
                            let id = id.clone();
                            Memo::new(move |_| state.current.with(|c| *c == id))
                        };
                        let name = entry.name.clone();
                        let data_id = entry.id.to_string();
                        let del_name = entry.name.clone();
                        view! {
                            <li class="kw-workspaces-item" data-testid="workspace-item" data-id=data_id>
                                <button type="button" class="kw-workspaces-open" data-testid="workspace-open"
                                    aria-current=move || is_current.get().then_some("true")
                                    on:click=move |_| match state.switch_to(id.clone()) {
                                        Ok(()) => {
                                            message.set(None);
                                            open.set(false);
                                        }
                                        Err(e) => message.set(Some((false, e))),
                                    }>
                                    {name}
                                    {move || is_current.get().then_some(" (open)")}
                                </button>
                                <button type="button" class="kw-button kw-button-small kw-button-danger"
                                    data-testid="workspace-delete"
                                    aria-label=format!("Delete {del_name}")
                                    on:click=move |_| {
                                        let ok = window()
                                            .confirm_with_message(&format!(
                                                "Delete the workspace \"{del_name}\" and everything in it? You can undo this until you close this tab; download a backup first to keep a copy."
                                            ))
                                            .unwrap_or(false);
                                        if ok {
                                            report(state.delete_workspace(del_id.clone()).map(|n| format!("Deleted \"{n}\".")));
                                        }
                                    }>"Delete"</button>
                            </li>
                        }
                    }
                </For>
            </ul>
            <form class="kw-workspaces-form" on:submit=create>
                <label for="kw-new-workspace">"New workspace for"</label>
                <input id="kw-new-workspace" type="text" maxlength="200" placeholder="Organisation name"
                    data-testid="workspace-new-name"
                    prop:value=move || new_name.get()
                    on:input=move |ev| new_name.set(event_target_value(&ev)) />
                <button type="submit" class="kw-button kw-button-primary" data-testid="workspace-create">"Create"</button>
            </form>
            <form class="kw-workspaces-form" on:submit=save_name>
                <label for="kw-rename-workspace">"Name of this workspace"</label>
                <input id="kw-rename-workspace" type="text" maxlength="200"
                    data-testid="workspace-rename-name"
                    prop:value=move || rename.get().unwrap_or_else(|| current_name.get())
                    on:input=move |ev| rename.set(Some(event_target_value(&ev))) />
                <button type="submit" class="kw-button" data-testid="workspace-rename">"Rename"</button>
            </form>
            <p>
                <button type="button" class="kw-button" data-testid="workspace-duplicate" on:click=duplicate>"Duplicate this workspace"</button>
            </p>
            <p role="status" data-testid="workspace-message"
                class=move || match message.get() {
                    Some((false, _)) => "kw-error",
                    _ => "kw-muted",
                }>
                {move || message.get().map(|(_, m)| m)}
            </p>
        </div>
    }
}

// The notice is drawn from a chunk of its own, fetched the first time there is something to
// say: most visits have nothing, and its code was part of every first download.
crate::chunked_view!(
    workspace_notice,
    kw_workspace_notice,
    view! { <WorkspaceNoticeBanners /> }
);

/// What happened to the workspaces: moved in from an earlier version,
/// deleted here (with undo) or in another tab.
#[component]
pub fn WorkspaceNotice() -> impl IntoView {
    let state = use_app_state();
    shown_while(
        move || state.notice.with(Option::is_some) || state.deleted.with(Option::is_some),
        || chunk_view(workspace_notice),
    )
}

#[component]
fn WorkspaceNoticeBanners() -> impl IntoView {
    let state = use_app_state();
    let error = RwSignal::new(None::<String>);
    view! {
        {move || state.notice.get().map(|n| view! {
            <div class="kw-banner kw-banner-info" role="status" data-testid="workspace-notice">
                <p>{n}</p>
                <div class="kw-banner-actions">
                    <button type="button" class="kw-button" on:click=move |_| state.notice.set(None)>"Dismiss"</button>
                </div>
            </div>
        })}
        {move || state.deleted.with(|d| d.as_ref().map(|d| d.entry.name.clone())).map(|name| view! {
            <div class="kw-banner kw-banner-info" role="status" data-testid="workspace-deleted">
                <p>{format!("The workspace \"{name}\" was deleted.")}</p>
                <div class="kw-banner-actions">
                    <button type="button" class="kw-button kw-button-primary" data-testid="workspace-undo-delete"
                        on:click=move |_| match state.undo_delete() {
                            Ok(_) => error.set(None),
                            Err(e) => error.set(Some(e)),
                        }>"Undo"</button>
                    <button type="button" class="kw-button" on:click=move |_| state.deleted.set(None)>"Dismiss"</button>
                </div>
                {move || error.get().map(|e| view! { <p class="kw-error" role="alert">{e}</p> })}
            </div>
        })}
    }
}
