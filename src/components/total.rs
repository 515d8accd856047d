use crate::domain::Total;
use leptos::prelude::*;

/// "score / max (pct %)" for any total.
#[component]
pub fn TotalBadge(
    #[prop(into)] total: Signal<Total>,
    #[prop(into)] testid: String,
) -> impl IntoView {
    view! {
        <span class="kw-total" data-testid=testid>
            <span class="kw-total-score">{move || total.get().score}</span>
            " / "
            <span class="kw-total-max">{move || total.get().max}</span>
            <span class="kw-total-pct">{move || format!(" ({:.0}%)", total.get().percent())}</span>
        </span>
    }
}
