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
        match (ev.key().to_ascii_lowercase().as_str(), ev.shift_key()) {
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
        None => format!("Nothing to {}", verb.to_ascii_lowercase()),
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

/// Bars that stay at the top of the window while the page scrolls under them.
const STICKY_BARS: &str = ".kw-header, .kw-filters";

/// Keeps the focused element clear of the sticky bars: when Tab, Shift+Tab or
/// the audit's arrow keys move focus to something the header (or the audit's
/// filter bar) covers, the page scrolls it back into view (WCAG 2.4.11).
fn keep_focus_in_view() {
    use wasm_bindgen::JsCast;
    let listener = window_event_listener(leptos::ev::focusin, |ev| {
        let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        // After the browser's own scrolling into view.
        request_animation_frame(move || {
            let Ok(bars) = document().query_selector_all(STICKY_BARS) else {
                return;
            };
            let half = window()
                .inner_height()
                .ok()
                .and_then(|h| h.as_f64())
                .unwrap_or(0.0)
                / 2.0;
            let covered = (0..bars.length())
                .filter_map(|i| bars.get(i)?.dyn_into::<web_sys::Element>().ok())
                .filter(|bar| !bar.contains(Some(&el)))
                .map(|bar| bar.get_bounding_client_rect())
                .filter(|r| r.bottom() > 0.0 && r.top() < half)
                .map(|r| r.bottom())
                .fold(0.0, f64::max);
            let top = el.get_bounding_client_rect().top();
            if top < covered {
                window().scroll_by_with_x_and_y(0.0, top - covered - 8.0);
            }
        });
    });
    on_cleanup(move || listener.remove());
}

/// Publishes the header's height as `--kw-header-height` on the page, so the
/// bars that stick below it (the audit's filters, the litmus results) sit
/// under it, not behind it, however many lines it takes.
fn publish_height(header: NodeRef<leptos::html::Header>) {
    use wasm_bindgen::JsCast;
    let publish = move || {
        let root = document()
            .document_element()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        let (Some(header), Some(root)) = (header.get_untracked(), root) else {
            return;
        };
        // Written with the figures' digits: f64's own formatting is kept out of the first download.
        let height = crate::domain::number::fixed(header.get_bounding_client_rect().height(), 2);
        // Through the CSSOM, not a style attribute, which the CSP refuses.
        let style = root.style();
        if let Err(e) = style.set_property("--kw-header-height", &format!("{height}px")) {
            leptos::logging::warn!("could not publish the header height: {e:?}");
        }
    };
    // First measured once the first frame is painted: measuring in that frame forced its layout
    // early, and the new value made it lay out again (about 5 ms of a returning user's start).
    // Until then the stylesheet's 52px stands in; a sticky bar only uses it once the page scrolls.
    crate::clock::after_paint(publish);
    let resize = window_event_listener(leptos::ev::resize, move |_| publish());
    let focus = window_event_listener(leptos::ev::focusin, move |_| publish());
    on_cleanup(move || {
        resize.remove();
        focus.remove();
    });
}

#[component]
pub fn Header(page: Memo<Page>) -> impl IntoView {
    let header = NodeRef::<leptos::html::Header>::new();
    publish_height(header);
    keep_focus_in_view();
    view! {
        <header class="kw-header" node_ref=header>
            // Routes live in the hash, so "#main" would be a route: focus the content instead.
            <a class="kw-skip" href="#main" data-testid="skip-link" on:click=|ev| {
                ev.prevent_default();
                if let Some(main) = document().get_element_by_id("main") {
                    super::focus(&main);
                }
            }>"Skip to content"</a>
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
