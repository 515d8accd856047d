//! Says when a new version of the app took over, or that offline use could not be set up.
//!
//! index.html registers the service worker (assets/sw.js) and, when a new version activates in
//! a page it already controlled, sets `window.kamUpdate` to "updated" (this page already runs
//! the new version) or "ready" (a reload gets it), or to "error: …" when registering failed,
//! then fires a `kam-update` event. The page may have loaded before or after that happened:
//! the notice reads the value when it mounts and again on each event.

use super::{chunk_view, shown_while};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// What the notice says, for its banner (in a chunk of its own) to read and dismiss.
#[derive(Clone, Copy)]
struct Said(RwSignal<Option<Update>>);

// The banner is drawn from a chunk of its own, fetched when there is something to say (once per
// new version at most): its code was part of every first download.
crate::chunked_view!(update_banner, kw_update_notice, view! { <UpdateBanner /> });

#[derive(Clone, Debug, PartialEq, Eq)]
enum Update {
    Updated,
    Ready,
    Failed(String),
}

fn current() -> Option<Update> {
    let value = js_sys::Reflect::get(&window(), &JsValue::from_str("kamUpdate")).ok()?;
    let text = value.as_string()?;
    Some(match text.as_str() {
        "updated" => Update::Updated,
        "ready" => Update::Ready,
        other => Update::Failed(other.strip_prefix("error: ").unwrap_or(other).to_string()),
    })
}

#[component]
pub fn UpdateNotice() -> impl IntoView {
    let update = RwSignal::new(current());
    let listener = window_event_listener_untyped("kam-update", move |_| update.set(current()));
    on_cleanup(move || listener.remove());
    provide_context(Said(update));
    shown_while(
        move || update.with(Option::is_some),
        || chunk_view(update_banner),
    )
}

#[component]
fn UpdateBanner() -> impl IntoView {
    let Said(update) = expect_context::<Said>();
    let error = RwSignal::new(None::<String>);
    let dismiss = move |_| update.set(None);
    let reload = move |_| {
        if let Err(e) = window().location().reload() {
            error.set(Some(format!(
                "The page could not reload: {e:?}. Reload it yourself."
            )));
        }
    };
    let dismiss_button = move || {
        view! {
            <button type="button" class="kw-button" data-testid="update-dismiss" on:click=dismiss>
                "Dismiss"
            </button>
        }
    };
    view! {
        {move || update.get().map(|u| {
            let (kind, text, actions) = match u {
                Update::Updated => (
                    "updated",
                    "KAM Workbench was updated to the new version.".to_string(),
                    dismiss_button().into_any(),
                ),
                Update::Ready => (
                    "ready",
                    "A new version of KAM Workbench is ready. Reload to use it."
                        .to_string(),
                    view! {
                        <button type="button" class="kw-button kw-button-primary"
                            data-testid="update-reload" on:click=reload>"Reload"</button>
                        {dismiss_button()}
                    }
                    .into_any(),
                ),
                Update::Failed(message) => (
                    "failed",
                    format!(
                        "Offline use could not be set up ({message}). The app works while you are online."
                    ),
                    dismiss_button().into_any(),
                ),
            };
            view! {
                <div class="kw-update" role="status" data-testid="update-notice" data-update=kind>
                    <p>{text}</p>
                    {actions}
                    {move || error.get().map(|e| view! { <p class="kw-error" role="alert">{e}</p> })}
                </div>
            }
        })}
    }
}
