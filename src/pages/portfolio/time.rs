use crate::domain::portfolio::{Activity, Deviation, ManagerTime};
use crate::state::use_app_state;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// How each key account manager spends their time, against the ranges the source recommends.
#[component]
pub fn TimeView() -> impl IntoView {
    let state = use_app_state();
    let managers = Memo::new(move |_| {
        state.workspace.with(|ws| {
            let mut names = ws.portfolio.managers();
            for t in &ws.portfolio.manager_times {
                if !names
                    .iter()
                    .any(|n| n.eq_ignore_ascii_case(t.manager.trim()))
                {
                    names.push(t.manager.trim().to_string());
                }
            }
            names
        })
    });
    let selected = RwSignal::new(String::new());
    let new_manager = RwSignal::new(String::new());
    view! {
        <p class="kw-muted">
            "The source finds key account managers spend a third to a half of their time selling (it should be 5-10 %), "
            "about twice the time they should implementing the deal operationally, and little on industry knowledge, strategy and planning, "
            "which should rank third. Activities 10 points or more outside their range are flagged."
        </p>
        <form class="kw-card kw-inline-form" on:submit=move |ev| {
            ev.prevent_default();
            let n = new_manager.get_untracked().trim().to_string();
            if !n.is_empty() { selected.set(n); new_manager.set(String::new()); }
        }>
            <label>"Manager "
                <select data-testid="time-manager" on:change=move |ev| selected.set(event_target_value(&ev))>
                    <option value="" selected=move || selected.with(String::is_empty)>"Choose…"</option>
                    {move || managers.get().into_iter().map(|m| view! { <option value=m.clone() selected={ let m = m.clone(); move || selected.get() == m }>{m.clone()}</option> }).collect_view()}
                </select>
            </label>
            <label>"or another " <input type="text" placeholder="Manager's name" data-testid="time-new-manager"
                prop:value=move || new_manager.get() on:input=move |ev| new_manager.set(event_target_value(&ev)) /></label>
            <button type="submit" class="kw-button kw-button-small">"Open"</button>
        </form>
        {move || {
            let m = selected.get();
            (!m.is_empty()).then(|| view! { <Allocation manager=m /> })
        }}
    }
}

#[component]
fn Allocation(manager: String) -> impl IntoView {
    let state = use_app_state();
    let activities: Vec<Activity> = state
        .workspace
        .with_untracked(|ws| ws.portfolio.activities.clone());
    let saved = state
        .workspace
        .with_untracked(|ws| ws.portfolio.manager_time(&manager).cloned());
    let draft = RwSignal::new(saved.map(|t| t.shares).unwrap_or_else(|| {
        activities
            .iter()
            .map(|a| (a.id.clone(), 0.0))
            .collect::<BTreeMap<_, _>>()
    }));
    let message = RwSignal::new(None::<(bool, String)>);
    let acts = activities.clone();
    let time = {
        let manager = manager.clone();
        move || ManagerTime {
            manager: manager.clone(),
            shares: draft.get(),
        }
    };
    let time2 = time.clone();
    let flags = Memo::new(move |_| time2().flags(&acts));
    let total = {
        let time = time.clone();
        Memo::new(move |_| time().total())
    };
    let save = {
        let time = time.clone();
        move |_| {
            let t = time();
            let mut result = Ok(());
            state
                .workspace
                .update(|ws| result = ws.portfolio.set_manager_time(t));
            message.set(Some(match result {
                Ok(()) => (true, "Saved.".to_string()),
                Err(e) => (false, e.to_string()),
            }));
        }
    };
    view! {
        <section class="kw-card" data-testid="time-allocation">
            <h3>{format!("Time allocation: {manager}")}</h3>
            <table class="kw-table">
                <thead><tr><th scope="col">"Activity"</th><th scope="col">"Recommended"</th><th scope="col">"Actual %"</th><th scope="col"></th></tr></thead>
                <tbody>
                    {activities.iter().map(|a| {
                        let id = a.id.clone();
                        let id2 = a.id.clone();
                        view! {
                            <tr>
                                <th scope="row">{a.name.clone()}<br /><span class="kw-muted kw-small">{a.note.clone()}</span></th>
                                <td>{format!("{:.0}-{:.0} %", a.recommended_min, a.recommended_max)}</td>
                                <td><input type="number" min="0" max="100" step="any" class="kw-narrow" data-testid=format!("time-share-{}", a.id)
                                    prop:value=move || draft.with(|d| d.get(&id).copied().unwrap_or(0.0).to_string())
                                    on:change=move |ev| {
                                        let v = event_target_value(&ev).trim().parse::<f64>().unwrap_or(f64::NAN);
                                        draft.update(|d| { d.insert(id2.clone(), v); });
                                    } /></td>
                                <td data-testid=format!("time-flag-{}", a.id)>{
                                    let aid = a.id.clone();
                                    move || flags.get().into_iter().find(|f| f.activity == aid).map(|f| view! {
                                        <span class="kw-pill kw-pill-bad">{format!("{:.0} points {}", f.by, match f.direction { Deviation::Below => "below", Deviation::Above => "above" })}</span>
                                    })
                                }</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
                <tfoot><tr><th scope="row">"Total"</th><td></td>
                    <td data-testid="time-total" class=move || if (total.get() - 100.0).abs() <= 0.01 { "kw-ok" } else { "kw-error" }>{move || format!("{:.1} %", total.get())}</td><td></td></tr></tfoot>
            </table>
            <div class="kw-inline-form">
                <button type="button" class="kw-button kw-button-primary" data-testid="time-save" on:click=save>"Save allocation"</button>
                {move || message.get().map(|(ok, m)| view! { <span class=if ok { "kw-ok" } else { "kw-error" } role="alert" data-testid="time-message">{m}</span> })}
            </div>
        </section>
    }
}
