use crate::components::{GuideLink, SumCheck};
use crate::domain::guide::Topic;
use crate::domain::number::{fixed, one_decimal};
use crate::domain::portfolio::{id_from_name, Activity, Deviation, ManagerTime};
use crate::state::use_app_state;
use leptos::prelude::*;

/// How each key account manager spends their time, against the ranges the source recommends.
#[component]
pub fn TimeView() -> impl IntoView {
    let state = use_app_state();
    let managers = Memo::new(move |_| state.portfolio.with(|p| p.managers_with_time()));
    let activities = Memo::new(move |_| state.portfolio.with(|p| p.activities.clone()));
    let selected = RwSignal::new(String::new());
    let new_manager = RwSignal::new(String::new());
    view! {
        <p class="kw-muted">
            "The source finds key account managers spend a third to a half of their time selling (it should be 5-10 %), "
            "about twice the time they should implementing the deal operationally, and little on industry knowledge, strategy and planning, "
            "which should rank third. Activities 10 points or more outside their range are flagged. "
            <GuideLink topic=Topic::TimeAllocation />
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
            (!m.is_empty()).then(|| view! { <Allocation manager=m activities=activities /> })
        }}
        <ActivitiesEditor />
    }
}

#[component]
fn Allocation(manager: String, activities: Memo<Vec<Activity>>) -> impl IntoView {
    let state = use_app_state();
    let saved = state
        .portfolio
        .with_untracked(|p| p.manager_time(&manager).cloned());
    // Blank until a share is typed in: the model flags only entered shares.
    let draft = RwSignal::new(saved.map(|t| t.shares).unwrap_or_default());
    let message = RwSignal::new(None::<(bool, String)>);
    let time = {
        let manager = manager.clone();
        move || ManagerTime {
            manager: manager.clone(),
            shares: draft.get(),
        }
    };
    let time2 = time.clone();
    // Flags follow both the shares and the activities' ranges as they are edited.
    let flags = Memo::new(move |_| activities.with(|acts| time2().flags(acts)));
    let total = {
        let time = time.clone();
        Memo::new(move |_| time().total())
    };
    let adds_up = {
        let time = time.clone();
        Memo::new(move |_| time().adds_up())
    };
    let save = {
        let time = time.clone();
        let label = format!("Time allocation for {manager}");
        move |_| {
            let t = time();
            let result = state.edit_portfolio(label.clone(), |p| p.set_manager_time(t));
            message.set(Some(match result {
                Ok(()) => {
                    let (saved, note) = state.save_now();
                    (saved, format!("Allocation recorded. {note}"))
                }
                Err(e) => (false, e.to_string()),
            }));
        }
    };
    view! {
        <section class="kw-card" data-testid="time-allocation">
            <h3>{format!("Time allocation: {manager}")}</h3>
            <table class="kw-table">
                <thead><tr><th scope="col">"Activity"</th><th scope="col">"Recommended"</th><th scope="col">"Actual %"</th><th scope="col"><span class="kw-sr-only">"Outside the range"</span></th></tr></thead>
                <tbody>
                    <For each=move || activities.get() key=|a| format!("{a:?}") let:a>
                        {
                        let id = a.id.clone();
                        let id2 = a.id.clone();
                        view! {
                            <tr>
                                <th scope="row">{a.name.clone()}<br /><span class="kw-muted kw-small">{a.note.clone()}</span></th>
                                <td>{format!("{}-{} %", fixed(a.recommended_min, 0), fixed(a.recommended_max, 0))}</td>
                                <td><input type="number" min="0" max="100" step="any" class="kw-narrow" data-testid=format!("time-share-{}", a.id)
                                    aria-label=format!("Actual % of time: {}", a.name)
                                    prop:value=move || draft.with(|d| d.get(&id).map(|v| v.to_string()).unwrap_or_default())
                                    on:change=move |ev| {
                                        // Not a number stays NaN, so saving names the activity.
                                        let text = event_target_value(&ev);
                                        let v = text.trim().parse::<f64>().unwrap_or(f64::NAN);
                                        draft.update(|d| if text.trim().is_empty() { d.remove(&id2); } else { d.insert(id2.clone(), v); });
                                    } /></td>
                                <td data-testid=format!("time-flag-{}", a.id)>{
                                    let aid = a.id.clone();
                                    move || flags.get().into_iter().find(|f| f.activity == aid).map(|f| view! {
                                        <span class="kw-pill kw-pill-bad">{format!("{} points {}", fixed(f.by, 0), match f.direction { Deviation::Below => "below", Deviation::Above => "above" })}</span>
                                    })
                                }</td>
                            </tr>
                        }
                        }
                    </For>
                </tbody>
                <tfoot><tr><th scope="row">"Total"</th><td></td>
                    <td><SumCheck ok=adds_up testid="time-total">{move || format!("{} %", one_decimal(total.get()))}</SumCheck></td><td></td></tr></tfoot>
            </table>
            <div class="kw-inline-form">
                <button type="button" class="kw-button kw-button-primary" data-testid="time-save" on:click=save>"Save allocation"</button>
                {move || message.get().map(|(ok, m)| view! { <span class=if ok { "kw-ok" } else { "kw-error" } role="alert" data-testid="time-message">{m}</span> })}
            </div>
        </section>
    }
}

/// The activities and their recommended ranges, editable: the defaults come
/// from the source, but a programme may define the role differently.
#[component]
fn ActivitiesEditor() -> impl IntoView {
    let state = use_app_state();
    let draft = RwSignal::new(state.portfolio.with_untracked(|p| p.activities.clone()));
    let message = RwSignal::new(None::<(bool, String)>);
    let new_name = RwSignal::new(String::new());
    // What screen readers call a row's fields: its activity's name, else its place.
    let activity_name = move |i: usize| {
        draft
            .with(|d| d.get(i).map(|a| a.name.trim().to_string()))
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| format!("activity {}", i + 1))
    };
    let set_range = move |i: usize, min: bool, text: String| {
        let v = text.trim().parse::<f64>().unwrap_or(f64::NAN);
        draft.update(|d| {
            if let Some(a) = d.get_mut(i) {
                if min {
                    a.recommended_min = v;
                } else {
                    a.recommended_max = v;
                }
            }
        });
    };
    let save = move |_| {
        let activities = draft.get_untracked();
        let result = state.edit_portfolio("Activities", |p| p.set_activities(activities));
        message.set(Some(match result {
            Ok(()) => {
                let (saved, note) = state.save_now();
                (saved, format!("Activities recorded. {note}"))
            }
            Err(e) => (false, e.to_string()),
        }));
    };
    view! {
        <details class="kw-card" data-testid="activities-editor">
            <summary>"Activities and recommended ranges"</summary>
            <table class="kw-table">
                <thead><tr><th scope="col">"Activity"</th><th scope="col">"Min %"</th><th scope="col">"Max %"</th><th scope="col"><span class="kw-sr-only">"Remove"</span></th></tr></thead>
                <tbody>
                    // Rows keyed by position with reactive values, so editing one
                    // field never rebuilds the inputs under the user's cursor.
                    <For each=move || 0..draft.with(Vec::len) key=|i| *i let:i>
                        <tr>
                            <td><input type="text" prop:value=move || draft.with(|d| d.get(i).map(|a| a.name.clone()).unwrap_or_default()) data-testid=format!("activity-name-{i}")
                                aria-label=format!("Name of activity {}", i + 1)
                                on:change=move |ev| { let v = event_target_value(&ev); draft.update(|d| if let Some(a) = d.get_mut(i) { a.name = v }); } /></td>
                            <td><input type="number" min="0" max="100" step="any" class="kw-narrow" prop:value=move || draft.with(|d| d.get(i).map(|a| a.recommended_min.to_string()).unwrap_or_default()) data-testid=format!("activity-min-{i}")
                                aria-label=move || format!("Min % of {}", activity_name(i))
                                on:change=move |ev| set_range(i, true, event_target_value(&ev)) /></td>
                            <td><input type="number" min="0" max="100" step="any" class="kw-narrow" prop:value=move || draft.with(|d| d.get(i).map(|a| a.recommended_max.to_string()).unwrap_or_default()) data-testid=format!("activity-max-{i}")
                                aria-label=move || format!("Max % of {}", activity_name(i))
                                on:change=move |ev| set_range(i, false, event_target_value(&ev)) /></td>
                            <td><button type="button" class="kw-button kw-button-small" aria-label=move || format!("Remove {}", activity_name(i))
                                on:click=move |_| draft.update(|d| { if i < d.len() { d.remove(i); } })>"Remove"</button></td>
                        </tr>
                    </For>
                </tbody>
            </table>
            <form class="kw-inline-form" on:submit=move |ev| {
                ev.prevent_default();
                let name = new_name.get_untracked().trim().to_string();
                if name.is_empty() { return; }
                let id = id_from_name(&name, "activity");
                draft.update(|d| d.push(Activity { id, name, recommended_min: 0.0, recommended_max: 0.0, note: String::new() }));
                new_name.set(String::new());
            }>
                <input type="text" placeholder="New activity" aria-label="New activity" prop:value=move || new_name.get() on:input=move |ev| new_name.set(event_target_value(&ev)) />
                <button type="submit" class="kw-button kw-button-small">"Add activity"</button>
            </form>
            <div class="kw-inline-form">
                <button type="button" class="kw-button kw-button-primary" data-testid="activities-save" on:click=save>"Save activities"</button>
                {move || message.get().map(|(ok, m)| view! { <span class=if ok { "kw-ok" } else { "kw-error" } role="alert" data-testid="activities-message">{m}</span> })}
            </div>
        </details>
    }
}
