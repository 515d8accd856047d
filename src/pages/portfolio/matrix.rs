use super::today;
use crate::charts::portfolio_matrix::{self, Layout};
use crate::clock::now_ms;
use crate::components::{ChartSvg, MatrixTable};
use crate::domain::number::one_decimal;
use crate::state::use_app_state;
use leptos::prelude::*;

/// The attractiveness vs relative strength matrix, its split point and the same data as a table.
#[component]
pub fn MatrixView() -> impl IntoView {
    let state = use_app_state();
    // How long the last draw took in wasm (data + SVG string), read by `make bench`.
    let draw_ms = RwSignal::new(0.0);
    // Drawn once per change, for the chart, its download and the caption alike.
    let drawn = Memo::new(move |_| {
        let t0 = now_ms();
        let (layout, unrated) = state.portfolio.with(|p| {
            let data = portfolio_matrix::Data::from_portfolio(p);
            // The data has the rated accounts: the rest are not on the matrix.
            (
                Layout::of(&data),
                p.accounts.len().saturating_sub(data.points.len()),
            )
        });
        let svg = portfolio_matrix::draw(&layout);
        draw_ms.set(now_ms() - t0);
        let merged = layout.merged_text().zip(layout.merged_px);
        (svg, merged, unrated)
    });
    let svg = Signal::derive(move || drawn.with(|d| d.0.clone()));
    let split_text = RwSignal::new(state.portfolio.with_untracked(|p| p.split.to_string()));
    let message = RwSignal::new(None::<(bool, String)>);
    let apply_split = move |_| {
        let text = split_text.get_untracked();
        // Whether the number is a usable split is the model's rule (set_split).
        let Ok(split) = text.trim().parse::<f64>() else {
            return message.set(Some((
                false,
                format!("\"{}\" is not a number.", text.trim()),
            )));
        };
        let today = match today() {
            Ok(d) => d,
            Err(e) => return message.set(Some((false, e))),
        };
        let result = state.edit_portfolio("Matrix split", |p| p.set_split(split, today));
        message.set(Some(match result {
            Ok(moves) => (
                true,
                format!(
                    "Split set to {split}. {} accounts changed category.",
                    moves.len()
                ),
            ),
            Err(e) => (false, e.to_string()),
        }));
    };
    let unrated = Memo::new(move |_| drawn.with(|d| d.2));
    view! {
        <p class="kw-muted">
            "Attractiveness (vertical) against our relative strength as the customer sees it (horizontal); bubble area is our revenue. "
            "Strategic: high attractiveness and strength. Star: attractive, but we are weak. Status: we are strong in a less attractive customer. Streamline: low and low."
        </p>
        <form class="kw-card kw-inline-form" on:submit=move |ev| { ev.prevent_default(); apply_split(()); }>
            <label>"Split point (high starts at) "
                <input type="text" inputmode="decimal" size="4" class="kw-narrow" data-testid="matrix-split" prop:value=move || split_text.get()
                    on:input=move |ev| split_text.set(event_target_value(&ev)) />
            </label>
            <button type="submit" class="kw-button" data-testid="matrix-split-apply">"Apply"</button>
            {move || message.get().map(|(ok, m)| view! { <span class=if ok { "kw-ok" } else { "kw-error" } role="status" data-testid="matrix-split-message">{m}</span> })}
        </form>
        <div class="kw-matrix" data-draw-ms=move || one_decimal(draw_ms.get())>
        <ChartSvg render=svg label="Portfolio matrix: attractiveness against relative strength, bubble area by revenue" testid="chart-portfolio-matrix" filename="kam-portfolio-matrix.svg">
            <MatrixTable />
        </ChartSvg>
        {move || drawn.with(|d| d.1.clone()).map(|(counts, px)| view! {
            <p class="kw-muted" data-testid="matrix-merged">
                {format!("{counts}: accounts that fall in the same {px}-pixel square of the chart, on the same side of the split lines, are merged into one bubble whose area is their summed revenue, at their revenue-weighted centre. A label such as \"Customer 12 +4\" names the largest of them and counts the others. The table lists each account.")}
            </p>
        })}
        </div>
        {move || (unrated.get() > 0).then(|| view! {
            <p class="kw-muted" data-testid="matrix-unrated">{format!("{} accounts are not on the matrix yet: rate at least one attractiveness and one strength factor.", unrated.get())}</p>
        })}
    }
}
