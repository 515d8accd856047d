use super::{account_href, today};
use crate::domain::date::IsoDate;
use crate::state::use_app_state;
use leptos::prelude::*;

/// Moves between categories and relationship stages over a chosen period.
#[component]
pub fn MigrationView() -> impl IntoView {
    let state = use_app_state();
    let (today, clock_error) = match today() {
        Ok(t) => (Some(t), None),
        Err(e) => (None, Some(e)),
    };
    let (from, to) = match today {
        Some(t) => (t.months_back(12).unwrap_or(t).to_string(), t.to_string()),
        None => (String::new(), String::new()),
    };
    let from = RwSignal::new(from);
    let to = RwSignal::new(to);
    // Quick periods ending today, counted by the model's calendar.
    let period = move |start: fn(IsoDate) -> Option<IsoDate>| {
        move |_| {
            if let Some(t) = today {
                from.set(start(t).unwrap_or(t).to_string());
                to.set(t.to_string());
            }
        }
    };
    let moves = Memo::new(move |_| {
        let (f, t) = (from.get(), to.get());
        let (Ok(f), Ok(t)) = (f.parse::<IsoDate>(), t.parse::<IsoDate>()) else {
            return Err("Choose both dates.".to_string());
        };
        if f > t {
            return Err("The start date is after the end date.".to_string());
        }
        Ok(state.portfolio.with(|p| {
            p.migrations_between(f, t)
                .into_iter()
                .map(|m| {
                    (
                        m.date.to_string(),
                        m.account,
                        m.account_name.clone(),
                        m.kind.describe(),
                    )
                })
                .collect::<Vec<_>>()
        }))
    });
    view! {
        <p class="kw-muted">"A systematic account migration process: every change of category or relationship stage is recorded with its date."</p>
        {clock_error.map(|e| view! { <p class="kw-banner kw-banner-error" role="alert">{e}</p> })}
        <form class="kw-card kw-inline-form" on:submit=|ev| ev.prevent_default()>
            <label>"From " <input type="date" data-testid="migration-from" prop:value=move || from.get() on:change=move |ev| from.set(event_target_value(&ev)) /></label>
            <label>"To " <input type="date" data-testid="migration-to" prop:value=move || to.get() on:change=move |ev| to.set(event_target_value(&ev)) /></label>
            <button type="button" class="kw-button kw-button-small" data-testid="migration-last-30-days" on:click=period(|t| t.add_days(-30))>"Last 30 days"</button>
            <button type="button" class="kw-button kw-button-small" data-testid="migration-this-quarter" on:click=period(|t| Some(t.start_of_quarter()))>"This quarter"</button>
            <button type="button" class="kw-button kw-button-small" data-testid="migration-last-12-months" on:click=period(|t| t.months_back(12))>"Last 12 months"</button>
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
