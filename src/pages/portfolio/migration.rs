use super::account::describe;
use super::account_href;
use crate::clock::today_iso;
use crate::domain::analysis::is_iso_date;
use crate::state::use_app_state;
use leptos::prelude::*;

/// Moves between categories and relationship stages over a chosen period.
#[component]
pub fn MigrationView() -> impl IntoView {
    let state = use_app_state();
    let today = today_iso();
    let year_ago = format!(
        "{}{}",
        today[..4].parse::<u32>().map(|y| y - 1).unwrap_or(2000),
        &today[4..]
    );
    let from = RwSignal::new(year_ago);
    let to = RwSignal::new(today);
    let moves = Memo::new(move |_| {
        let (f, t) = (from.get(), to.get());
        if !is_iso_date(&f) || !is_iso_date(&t) {
            return Err("Choose both dates.".to_string());
        }
        if f > t {
            return Err("The start date is after the end date.".to_string());
        }
        Ok(state.workspace.with(|ws| {
            ws.portfolio
                .migrations_between(&f, &t)
                .into_iter()
                .map(|m| {
                    (
                        m.date.clone(),
                        m.account,
                        m.account_name.clone(),
                        describe(&m.kind),
                    )
                })
                .collect::<Vec<_>>()
        }))
    });
    view! {
        <p class="kw-muted">"A systematic account migration process: every change of category or relationship stage is recorded with its date."</p>
        <form class="kw-card kw-inline-form" on:submit=|ev| ev.prevent_default()>
            <label>"From " <input type="date" data-testid="migration-from" prop:value=move || from.get() on:change=move |ev| from.set(event_target_value(&ev)) /></label>
            <label>"To " <input type="date" data-testid="migration-to" prop:value=move || to.get() on:change=move |ev| to.set(event_target_value(&ev)) /></label>
        </form>
        {move || match moves.get() {
            Err(e) => view! { <p class="kw-error" role="alert">{e}</p> }.into_any(),
            Ok(list) if list.is_empty() => view! { <p class="kw-empty" data-testid="migration-empty">"No moves in this period."</p> }.into_any(),
            Ok(list) => view! {
                <table class="kw-table" data-testid="migration-table">
                    <thead><tr><th scope="col">"Date"</th><th scope="col">"Account"</th><th scope="col">"Move"</th></tr></thead>
                    <tbody>
                        {list.into_iter().map(|(d, id, name, text)| view! {
                            <tr><td>{d}</td><td><a href=account_href(id)>{name}</a></td><td>{text}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any(),
        }}
    }
}
