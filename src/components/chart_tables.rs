//! The data behind each chart as a table (or sentences), for screen readers
//! and anyone who reads numbers better than shapes. Each is written once and
//! used wherever its chart is shown (audit results, portfolio, report).

use crate::domain::audit::{self, Scorecard};
use crate::domain::framework;
use crate::domain::number::fixed;
use crate::domain::portfolio::{Category, SortKey};
use crate::domain::text::thousands;
use crate::pages::account_href;
use crate::pages::portfolio::{amount, score_text};
use crate::state::use_app_state;
use leptos::prelude::*;

/// Figure 3's data: each period's score, maximum and percentage; with
/// `target`, the action plan's target percentage beside it ("—" while no
/// target is set).
#[component]
pub fn PeriodScoresTable(
    #[prop(optional, into)] target: Option<Signal<Option<Scorecard>>>,
) -> impl IntoView {
    let state = use_app_state();
    let fw = framework();
    view! {
        <table class="kw-table" data-testid="period-scores-table">
            <thead><tr>
                <th scope="col">"Period"</th><th scope="col">"Score"</th><th scope="col">"Maximum"</th><th scope="col">"%"</th>
                {target.is_some().then(|| view! { <th scope="col">"Target %"</th> })}
            </tr></thead>
            <tbody>
                {fw.periods().map(|p| {
                    let n = p.number;
                    let cur = move || state.derived.scorecard.with(|sc| sc.period(n));
                    view! {
                        <tr>
                            <th scope="row">{p.label()}</th>
                            <td>{move || cur().score}</td>
                            <td>{p.max_score}</td>
                            <td>{move || fixed(cur().percent(), 0)}</td>
                            {target.map(|t| view! {
                                <td>{move || t.with(|t| t.as_ref().map_or_else(|| "—".into(), |t| fixed(t.period(n).percent(), 0)))}</td>
                            })}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Figure 4's reading in words: where the total places the programme and how
/// many periods that amounts to.
#[component]
pub fn PositionText() -> impl IntoView {
    let state = use_app_state();
    let fw = framework();
    let position = state.analyses().position;
    let overall = Memo::new(move |_| state.derived.scorecard.with(|sc| sc.overall.score));
    view! {
        <p>{move || position.with(|p| audit::position_sentence(p, overall.get()))}</p>
        <p>{move || format!("{} of {} periods completed.", fixed(position.with(|p| p.cumulative_periods), 2), fw.periods().count())}</p>
    }
}

/// The streams heatmap's data: each contributory stream's score and maximum
/// per period ("—" where the source has no action).
#[component]
pub fn HeatmapTable() -> impl IntoView {
    let state = use_app_state();
    let fw = framework();
    let heat = Memo::new(move |_| state.audit.with(|a| audit::heatmap(fw, a)));
    view! {
        <table class="kw-table kw-table-compact" data-testid="heatmap-table">
            <thead>
                <tr>
                    <th scope="col">"Contributory stream"</th>
                    {fw.periods().map(|p| view! { <th scope="col">{p.id.clone()}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody>
                {move || heat.get().into_iter().map(|row| view! {
                    <tr>
                        <th scope="row">{row.name}</th>
                        {row.cells.into_iter().map(|c| view! {
                            <td>{c.map(|t| format!("{}/{}", t.score, t.max)).unwrap_or_else(|| "—".into())}</td>
                        }).collect_view()}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Rows a page: more would make the table a listing nobody reads through; the
/// rest are on the next pages, so the table has every account one by one,
/// also when the chart merges bubbles.
const MATRIX_ROWS: usize = 500;

/// The portfolio matrix's data: every rated account's attractiveness,
/// strength, revenue and category, largest revenue first.
#[component]
pub fn MatrixTable() -> impl IntoView {
    let state = use_app_state();
    let rows = Memo::new(move |_| {
        state.portfolio.with(|p| {
            // Largest revenue first, by the model's sort (not entered last).
            let mut placed: Vec<_> = p.accounts.iter().collect();
            p.sort(&mut placed, SortKey::Revenue, false);
            placed
                .into_iter()
                .filter_map(|a| {
                    let pos = p.position(a)?;
                    Some((
                        a.id,
                        a.name.clone(),
                        pos.attractiveness,
                        pos.strength,
                        a.revenue,
                        p.category(a),
                    ))
                })
                .collect::<Vec<_>>()
        })
    });
    let page = RwSignal::new(0usize);
    let pages = move || rows.with(Vec::len).div_ceil(MATRIX_ROWS).max(1);
    // A page that no longer exists (accounts deleted) shows the last one.
    let current = move || page.get().min(pages() - 1);
    view! {
        <table class="kw-table kw-table-compact" data-testid="matrix-table">
            <thead><tr><th scope="col">"Account"</th><th scope="col">"Attractiveness"</th><th scope="col">"Strength"</th><th scope="col">"Revenue"</th><th scope="col">"Category"</th></tr></thead>
            <tbody>
                {move || rows.with(|r| r.iter().skip(current() * MATRIX_ROWS).take(MATRIX_ROWS).cloned().collect::<Vec<_>>()).into_iter().map(|(id, name, y, x, rev, cat)| view! {
                    <tr><th scope="row"><a href=account_href(id)>{name}</a></th><td>{score_text(Some(y))}</td><td>{score_text(Some(x))}</td>
                        <td class="kw-num">{amount(rev)}</td><td>{cat.map(Category::label).unwrap_or("")}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
        {move || (pages() > 1).then(|| view! {
            <nav class="kw-pager" aria-label="Table pages">
                <button type="button" class="kw-button kw-button-small" data-testid="matrix-table-previous" disabled=move || current() == 0
                    on:click=move |_| page.set(current().saturating_sub(1))>"← Previous"</button>
                <span data-testid="matrix-table-page">{move || {
                    let n = rows.with(Vec::len);
                    let first = current() * MATRIX_ROWS;
                    format!("Accounts {}-{} of {}, largest revenue first", thousands(first + 1), thousands((first + MATRIX_ROWS).min(n)), thousands(n))
                }}</span>
                <button type="button" class="kw-button kw-button-small" data-testid="matrix-table-next" disabled=move || { current() + 1 >= pages() }
                    on:click=move |_| page.set(current() + 1)>"Next →"</button>
            </nav>
        })}
    }
}
