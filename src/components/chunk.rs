//! Screens kept out of the first download. In the release site (the `split` feature, see
//! scripts/split.mjs) each screen defined with [`chunked_view!`] is moved by `wasm-split` into
//! wasm chunks fetched the first time it is opened; in every other build it is an ordinary
//! function and nothing is fetched.

use leptos::prelude::*;

/// A chunk did not arrive (offline before the service worker had saved it, or the site changed
/// underneath). The details are in the console: the loader does not pass them on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("This screen could not be loaded")]
pub struct ChunkError;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for ChunkError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkError
    }
}

/// `fn $name() -> Result<AnyView, ChunkError>` drawing `$view`; with the `split` feature an
/// `async fn` whose code is in its own chunk (`$chunk` names the split point). Show it with
/// [`chunk_view`]`($name)`. A failed load is returned, never a panic: that would stop the app.
#[macro_export]
// rustfmt indents the attribute below further at each run (not idempotent in macro_rules), and
// #[rustfmt::skip] would make the exported macro unusable by path: hence the older form.
#[allow(clippy::deprecated_cfg_attr)]
#[cfg_attr(rustfmt, rustfmt::skip)]
macro_rules! chunked_view {
    ($name:ident, $chunk:ident, $view:expr) => {
        #[cfg_attr(
            feature = "split",
            ::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)
        )]
        fn $name() -> Result<::leptos::prelude::AnyView, $crate::components::ChunkError> {
            Ok(::leptos::prelude::IntoAny::into_any($view))
        }
    };
}

/// What is shown in place of a screen whose chunk did not arrive; Try again fetches it anew.
fn failed(error: ChunkError, attempt: RwSignal<u32>) -> AnyView {
    view! {
        <div class="kw-banner kw-banner-error" role="alert" data-testid="chunk-failed">
            <p>
                {error.to_string()}
                ". The connection may be down and this screen not yet saved for offline use. \
                 Your work is not affected: it is saved in this browser."
            </p>
            <button type="button" class="kw-button" data-testid="chunk-retry"
                on:click=move |_| attempt.update(|n| *n += 1)>
                "Try again"
            </button>
        </div>
    }
    .into_any()
}

/// Draws `view` (a [`chunk_view`] of a notice) while `shown` holds, and nothing otherwise: most
/// visits never show the notice, so its chunk is fetched only the first time it has something.
/// Not before the frame it is first drawn in has been painted: a notice that has something to
/// say at start (a backup is due) fetched its chunk table and chunks during the start, and
/// compiling them could push the app's own first frame back. In a `.kw-later` box
/// (`display: contents`): what a start draws once its chunk has come, left out of the drawing
/// of the first screen (first_screen.rs).
pub fn shown_while(
    shown: impl Fn() -> bool + Send + Sync + 'static,
    view: fn() -> AnyView,
) -> impl IntoView {
    let painted = RwSignal::new(false);
    crate::clock::after_paint(move || painted.set(true));
    let shown = Memo::new(move |_| painted.get() && shown());
    move || {
        shown
            .get()
            .then(|| view! { <div class="kw-later">{view()}</div> })
    }
}

/// Shows a screen defined with [`chunked_view!`]: nothing while its chunk arrives (a few
/// milliseconds once the service worker holds it), the message and Try again if it fails.
#[cfg(feature = "split")]
pub fn chunk_view<F>(load: fn() -> F) -> AnyView
where
    F: std::future::Future<Output = Result<AnyView, ChunkError>> + 'static,
{
    let attempt = RwSignal::new(0u32);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                attempt.track();
                let loading = leptos::__reexports::send_wrapper::SendWrapper::new(load());
                Suspend::new(async move {
                    match loading.await {
                        Ok(screen) => screen,
                        Err(error) => failed(error, attempt),
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

/// Shows a screen defined with [`chunked_view!`]; without the `split` feature it is drawn at once.
#[cfg(not(feature = "split"))]
pub fn chunk_view(load: fn() -> Result<AnyView, ChunkError>) -> AnyView {
    load().unwrap_or_else(|error| failed(error, RwSignal::new(0)))
}
