use crate::charts::ChartError;
use leptos::prelude::*;

/// Shows a plotters SVG, or the error that kept it from being drawn.
/// Only plotters output reaches `inner_html`.
#[component]
pub fn ChartSvg(
    #[prop(into)] render: Signal<Result<String, ChartError>>,
    /// Accessible name of the figure.
    label: &'static str,
    #[prop(into)] testid: String,
) -> impl IntoView {
    view! {
        <figure class="kw-chart" data-testid=testid>
            {move || match render.get() {
                Ok(svg) => view! { <div class="kw-chart-svg" role="img" aria-label=label inner_html=svg></div> }.into_any(),
                Err(e) => view! { <p class="kw-error" role="alert">{e.to_string()}</p> }.into_any(),
            }}
        </figure>
    }
}
