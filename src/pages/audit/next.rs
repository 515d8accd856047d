use super::action_href;
use crate::components::GuideLink;
use crate::domain::audit::{self, NextSteps, TO_ACT_ON};
use crate::domain::guide::Topic;
use crate::domain::{framework, Action, ActionEntry, Score};
use crate::state::use_app_state;
use leptos::prelude::*;

/// What the model reads from the audit, as ids and texts for the view.
#[derive(Debug, Clone, PartialEq)]
struct Reading {
    position: String,
    missing_rule: String,
    lagging_rule: String,
    missing: Vec<String>,
    lagging: Vec<String>,
}

/// Next period, missing and lagging actions, each linked to the action; how
/// each list is defined comes from the model.
#[component]
pub fn NextView() -> impl IntoView {
    let state = use_app_state();
    let fw = framework();
    let reading = Memo::new(move |_| {
        state.audit.with(|a| {
            let next = NextSteps::read(fw, a);
            Reading {
                position: next.position_text(fw),
                missing_rule: next.missing_rule(),
                lagging_rule: next.lagging_rule(),
                missing: ids(next.missing),
                lagging: ids(next.lagging),
            }
        })
    });
    let next = Memo::new(move |_| {
        state
            .audit
            .with(|a| audit::next_period(fw, a).map(|(n, acts)| (n, ids(acts))))
    });
    view! {
        <section class="kw-next">
            <p class="kw-muted">"Before choosing what to do: "
                <GuideLink topic=Topic::SuccessFactors text="the 7S success factors" />" · "
                <GuideLink topic=Topic::RateOfChange text="incremental or step change (Table 5)" /></p>
            <section class="kw-card" data-testid="next-period">
                <h2>"Next period"</h2>
                {move || match next.get() {
                    None => view! { <p>"Every period is complete. Keep revisiting: period 12 is about revision."</p> }.into_any(),
                    Some((n, acts)) => {
                        let p = fw.period(n);
                        view! {
                            <p>{format!("The earliest incomplete period is {} {}: these actions are not yet at {}.", p.map(|p| p.id.as_str()).unwrap_or(""), p.map(|p| p.name.as_str()).unwrap_or(""), Score::MAX)}</p>
                            <ActionLinks ids=acts />
                        }.into_any()
                    }
                }}
            </section>
            <p class="kw-position" data-testid="next-position">{move || reading.with(|r| r.position.clone())}</p>
            <section class="kw-card" data-testid="lagging">
                <h2>"Lagging"</h2>
                <p class="kw-muted" data-testid="lagging-rule">{move || reading.with(|r| r.lagging_rule.clone())}</p>
                {move || view! { <RankedLinks ids=reading.with(|r| r.lagging.clone()) /> }}
            </section>
            <section class="kw-card" data-testid="missing">
                <h2>"Missing"</h2>
                <p class="kw-muted" data-testid="missing-rule">{move || reading.with(|r| r.missing_rule.clone())}</p>
                {move || view! { <RankedLinks ids=reading.with(|r| r.missing.clone()) /> }}
            </section>
        </section>
    }
}

fn ids(actions: Vec<&Action>) -> Vec<String> {
    actions.into_iter().map(|a| a.id.clone()).collect()
}

/// The first actions to act on, the rest folded away.
#[component]
fn RankedLinks(ids: Vec<String>) -> impl IntoView {
    let mut first = ids;
    let rest = first.split_off(first.len().min(TO_ACT_ON));
    view! {
        <ActionLinks ids=first />
        {(!rest.is_empty()).then(|| view! {
            <details class="kw-more">
                <summary>{format!("{} more", rest.len())}</summary>
                <ActionLinks ids=rest />
            </details>
        })}
    }
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
                    // This action's entry only.
                    move || ActionEntry::state_label(state.entry(&id).as_ref())
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
    }
    .into_any()
}
