use super::action_href;
use crate::domain::audit;
use crate::domain::{framework, Action};
use crate::state::use_app_state;
use leptos::prelude::*;

/// Lagging, missing and next-period actions, each linked to the action.
#[component]
pub fn NextView() -> impl IntoView {
    let state = use_app_state();
    let fw = framework();
    let lagging = Memo::new(move |_| {
        state
            .workspace
            .with(|ws| ids(audit::lagging(fw, &ws.audit)))
    });
    let missing = Memo::new(move |_| {
        state
            .workspace
            .with(|ws| ids(audit::missing(fw, &ws.audit)))
    });
    let furthest = Memo::new(move |_| {
        state
            .workspace
            .with(|ws| audit::furthest_substantial_period(fw, &ws.audit))
    });
    let next = Memo::new(move |_| {
        state
            .workspace
            .with(|ws| audit::next_period(fw, &ws.audit).map(|(n, acts)| (n, ids(acts))))
    });
    view! {
        <section class="kw-next">
            <section class="kw-card" data-testid="next-period">
                <h2>"Next period"</h2>
                {move || match next.get() {
                    None => view! { <p>"Every period is complete. Keep revisiting: period 12 is about revision."</p> }.into_any(),
                    Some((n, acts)) => {
                        let p = fw.period(n);
                        view! {
                            <p>{format!("The earliest incomplete period is {} {}: these actions are not yet at 3.", p.map(|p| p.id.as_str()).unwrap_or(""), p.map(|p| p.name.as_str()).unwrap_or(""))}</p>
                            <ActionLinks ids=acts />
                        }.into_any()
                    }
                }}
            </section>
            <section class="kw-card" data-testid="lagging">
                <h2>"Lagging"</h2>
                <p class="kw-muted">
                    {move || match furthest.get() {
                        Some(n) => format!("Actions in periods before period {n} (the furthest with substantial work, a score of 2 or more) that score below 2."),
                        None => "No action has substantial work (2 or more) yet, so nothing lags behind.".to_string(),
                    }}
                </p>
                {move || view! { <ActionLinks ids=lagging.get() /> }}
            </section>
            <section class="kw-card" data-testid="missing">
                <h2>"Missing"</h2>
                <p class="kw-muted">"Actions scored 0: not done."</p>
                {move || view! { <ActionLinks ids=missing.get() /> }}
            </section>
        </section>
    }
}

fn ids(actions: Vec<&Action>) -> Vec<String> {
    actions.into_iter().map(|a| a.id.clone()).collect()
}

#[component]
fn ActionLinks(ids: Vec<String>) -> impl IntoView {
    let state = use_app_state();
    let fw = framework();
    if ids.is_empty() {
        return view! { <p class="kw-empty">"None."</p> }.into_any();
    }
    view! {
        <ol class="kw-action-links">
            {ids.into_iter().map(|id| {
                let text = fw.action(&id).map(|a| a.text.clone()).unwrap_or_default();
                let score = {
                    let id = id.clone();
                    move || state.workspace.with(|ws| {
                        if ws.audit.is_not_applicable(&id) { "N/A".to_string() }
                        else { ws.audit.score(&id).map(|s| s.value().to_string()).unwrap_or_else(|| "unscored".into()) }
                    })
                };
                view! {
                    <li data-testid=format!("link-{id}")>
                        <a href=action_href(&id)>{id.clone()}</a>
                        " " {text} " "
                        <span class="kw-pill">{score}</span>
                    </li>
                }
            }).collect_view()}
        </ol>
    }.into_any()
}
