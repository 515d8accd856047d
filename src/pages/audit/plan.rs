use super::action_href;
use crate::clock::today_iso;
use crate::domain::audit::{self, PlanRow};
use crate::domain::framework;
use crate::state::use_app_state;
use leptos::prelude::*;

/// The action plan, sorted by due date, overdue items flagged.
#[component]
pub fn PlanView() -> impl IntoView {
    let state = use_app_state();
    let fw = framework();
    let today = today_iso();
    let rows = {
        let today = today.clone();
        Memo::new(move |_| state.audit.with(|a| audit::plan_items(fw, a, &today)))
    };
    let overdue = move || rows.with(|r| r.iter().filter(|r| r.overdue).count());
    view! {
        <section class="kw-plan">
            <p class="kw-muted">
                "Plan an action from its \"Notes & plan\" in the scoring view: owner, due date, status and target score. "
                "Targets are drawn beside the current bars in Figure 3. "
                {format!("Today is {today}.")}
            </p>
            {move || (overdue() > 0).then(|| view! {
                <p class="kw-banner kw-banner-warn" data-testid="plan-overdue-count">{format!("{} overdue", overdue())}</p>
            })}
            {move || if rows.with(Vec::is_empty) {
                view! { <p class="kw-empty" data-testid="plan-empty">"No planned actions yet."</p> }.into_any()
            } else {
                view! { <PlanTable rows=rows.get() testid="plan-table" row_testid="plan-row" /> }.into_any()
            }}
        </section>
    }
}

/// The planned actions, due date first, overdue ones marked in words; cards on a phone.
#[component]
pub fn PlanTable(
    rows: Vec<PlanRow>,
    testid: &'static str,
    /// Each row's test id is `<row_testid>-<action id>`.
    row_testid: &'static str,
) -> impl IntoView {
    view! {
        <table class="kw-table kw-stack" data-testid=testid>
            <thead><tr>
                <th scope="col">"Due"</th><th scope="col">"Action"</th><th scope="col">"Owner"</th>
                <th scope="col">"Status"</th><th scope="col">"Score → target"</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr class:kw-overdue=r.overdue data-testid=format!("{row_testid}-{}", r.action_id)>
                        <td data-label="Due">{r.due.clone().unwrap_or_else(|| "no date".into())}
                            {r.overdue.then(|| view! { " " <span class="kw-pill kw-pill-bad">"overdue"</span> })}</td>
                        <td class="kw-stack-wide" data-label="Action"><a href=action_href(&r.action_id)>{r.action_id.clone()}</a>" "{r.action_text.clone()}</td>
                        <td data-label="Owner">{if r.owner.is_empty() { "—".to_string() } else { r.owner.clone() }}</td>
                        <td data-label="Status">{r.status.label()}</td>
                        <td data-label="Score → target">{r.score_to_target()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
