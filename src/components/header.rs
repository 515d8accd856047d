use crate::route::Page;
use crate::state::{use_app_state, SaveStatus};
use leptos::prelude::*;

/// Undo and redo for every edit, with what each would take back, also on
/// Ctrl+Z and Ctrl+Shift+Z (Cmd on a Mac; Ctrl+Y too). In a text field the
/// browser's own text undo applies instead.
#[component]
fn UndoRedo() -> impl IntoView {
    let state = use_app_state();
    // What was last undone or redone, for screen readers and a glance.
    let said = RwSignal::new(String::new());
    let undo = move || {
        if let Some(label) = state.undo() {
            said.set(format!("Undone: {label}"));
        }
    };
    let redo = move || {
        if let Some(label) = state.redo() {
            said.set(format!("Redone: {label}"));
        }
    };
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
            return;
        }
        let in_text = document().active_element().is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.get_attribute("contenteditable").is_some()
        });
        if in_text {
            return;
        }
        match (ev.key().to_lowercase().as_str(), ev.shift_key()) {
            ("z", false) => {
                ev.prevent_default();
                undo();
            }
            ("z", true) | ("y", false) => {
                ev.prevent_default();
                redo();
            }
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());
    let title = |verb: &'static str, label: Option<String>| match label {
        Some(l) => format!("{verb}: {l}"),
        None => format!("Nothing to {}", verb.to_lowercase()),
    };
    view! {
        <div class="kw-undo" role="group" aria-label="Undo and redo">
            <button type="button" class="kw-undo-button" data-testid="undo"
                disabled=move || state.undo_label.with(Option::is_none)
                title=move || title("Undo", state.undo_label.get())
                aria-label=move || title("Undo", state.undo_label.get())
                on:click=move |_| undo()>"↶"<span class="kw-undo-word">" Undo"</span></button>
            <button type="button" class="kw-undo-button" data-testid="redo"
                disabled=move || state.redo_label.with(Option::is_none)
                title=move || title("Redo", state.redo_label.get())
                aria-label=move || title("Redo", state.redo_label.get())
                on:click=move |_| redo()>"↷"<span class="kw-undo-word">" Redo"</span></button>
            <span class="kw-sr-only" role="status" data-testid="undo-said">{move || said.get()}</span>
        </div>
    }
}

/// Whether the latest edit is in storage: "Saved" is shown only after a write succeeded.
#[component]
fn SaveIndicator() -> impl IntoView {
    let state = use_app_state();
    let status = Memo::new(move |_| state.save_status());
    view! {
        <span
            class=move || match status.get() {
                SaveStatus::NotSaved => "kw-save-status kw-save-status-off",
                _ => "kw-save-status",
            }
            role="status"
            data-testid="save-status"
        >
            {move || match status.get() {
                SaveStatus::Saved => "Saved",
                SaveStatus::Saving => "Saving…",
                SaveStatus::NotSaved => "Not saved",
            }}
        </span>
    }
}

#[component]
pub fn Header(page: Memo<Page>) -> impl IntoView {
    view! {
        <header class="kw-header">
            <a class="kw-skip" href="#main">"Skip to content"</a>
            <div class="kw-brand">
                <span class="kw-brand-mark" aria-hidden="true">"KAM"</span>
                <span class="kw-brand-name">"KAM Workbench"</span>
            </div>
            <super::WorkspaceSwitcher />
            <nav class="kw-nav" aria-label="Main">
                {Page::ALL
                    .into_iter()
                    .map(|p| {
                        view! {
                            <a
                                href=p.href()
                                class="kw-nav-link"
                                data-testid=format!("nav-{}", p.slug())
                                aria-current=move || (page.get() == p).then_some("page")
                            >
                                {p.title()}
                            </a>
                        }
                    })
                    .collect_view()}
            </nav>
            <UndoRedo />
            <SaveIndicator />
        </header>
    }
}
