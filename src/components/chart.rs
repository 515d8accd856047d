use crate::charts::ChartError;
use crate::download::download_text;
use leptos::prelude::*;

/// Whether the view a chart is in is on the screen, for a view kept while another shows
/// (pages/audit): its figures are then not redrawn at every score change nobody sees, but
/// once, when it shows again.
#[derive(Clone, Copy)]
pub struct ViewShown(pub Signal<bool>);

/// Shows a plotters SVG (or the error that kept it from being drawn), a
/// button to download it, and a table alternative for screen readers.
/// Only plotters output reaches `inner_html`.
#[component]
pub fn ChartSvg(
    #[prop(into)] render: Signal<Result<String, ChartError>>,
    /// Accessible name of the figure.
    #[prop(into)]
    label: String,
    #[prop(into)] testid: String,
    /// File name offered for the SVG download.
    #[prop(into, optional)]
    filename: Option<String>,
    /// The same data as a table, built only when opened (large portfolios).
    #[prop(optional)]
    children: Option<ChildrenFn>,
) -> impl IntoView {
    let download_error = RwSignal::new(None::<String>);
    let download = {
        let filename = filename.clone();
        move |_| {
            let Some(name) = filename.as_deref() else {
                return;
            };
            match render.get_untracked() {
                Ok(svg) => {
                    let result = download_text(name, "image/svg+xml", &svg);
                    download_error.set(result.err());
                }
                Err(e) => download_error.set(Some(e.to_string())),
            }
        }
    };
    let aria = label.clone();
    let drawn = match use_context::<ViewShown>() {
        Some(ViewShown(shown)) => Signal::from(Memo::new_owning(move |prev| match prev {
            Some(kept) if !shown.get() => (kept, false),
            prev => {
                let next = render.get();
                let changed = prev.as_ref() != Some(&next);
                (next, changed)
            }
        })),
        None => render,
    };
    view! {
        <figure class="kw-chart" data-testid=testid.clone()>
            {move || match drawn.get() {
                Ok(svg) => view! { <div class="kw-chart-svg" role="img" aria-label=aria.clone() inner_html=svg></div> }.into_any(),
                Err(e) => view! { <p class="kw-error" role="alert">{e.to_string()}</p> }.into_any(),
            }}
            <figcaption class="kw-chart-caption">
                {filename.is_some().then(|| view! {
                    <button type="button" class="kw-button kw-button-small" data-testid=format!("{testid}-download") on:click=download>
                        "Download SVG"
                    </button>
                })}
                {move || download_error.get().map(|e| view! { <span class="kw-error" role="alert">{format!("Download failed: {e}")}</span> })}
                {children.map(|c| {
                    let open = RwSignal::new(false);
                    view! {
                        <details class="kw-chart-table" on:toggle=move |ev| open.set(super::toggled_open(&ev))>
                            <summary>{format!("{label} as a table")}</summary>
                            {move || open.get().then(|| c())}
                        </details>
                    }
                })}
            </figcaption>
        </figure>
    }
}
