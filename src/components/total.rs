use crate::domain::number::fixed;
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
            <span class="kw-total-pct">{move || format!(" ({}%)", fixed(total.get().percent(), 0))}</span>
        </span>
    }
}

/// A sum that must add up (criteria weights, time shares): the figure in the
/// colour of its state, with a mark and words beside it, so colour is never
/// the only sign.
#[component]
pub fn SumCheck(
    #[prop(into)] ok: Signal<bool>,
    #[prop(into)] testid: String,
    children: Children,
) -> impl IntoView {
    view! {
        <span class=move || if ok.get() { "kw-ok" } else { "kw-error" } data-testid=testid>{children()}</span>
        <span class="kw-mark" aria-hidden="true">{move || if ok.get() { " ✓" } else { " ✗" }}</span>
        <span class="kw-sr-only">{move || if ok.get() { "adds up" } else { "does not add up" }}</span>
    }
}
