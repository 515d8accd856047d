use crate::domain::{framework, Score};
use crate::state::use_app_state;
use leptos::prelude::*;

/// The 0-3 scale for one action, as a radio group.
#[component]
pub fn ScoreButtons(action_id: String) -> impl IntoView {
    let state = use_app_state();
    let id = action_id.clone();
    let current = Memo::new(move |_| state.workspace.with(|ws| ws.audit.score(&id)));
    let fw = framework();
    view! {
        <div class="kw-scores" role="radiogroup" aria-label=format!("Score for {action_id}")>
            {Score::ALL
                .into_iter()
                .map(|s| {
                    let id = action_id.clone();
                    let label = fw.label_for(s.value()).to_string();
                    view! {
                        <button
                            type="button"
                            role="radio"
                            class="kw-score"
                            class:kw-score-on=move || current.get() == Some(s)
                            aria-checked=move || if current.get() == Some(s) { "true" } else { "false" }
                            title=format!("{} – {}", s.value(), label)
                            data-testid=format!("score-{}-{}", action_id, s.value())
                            on:click=move |_| {
                                state.workspace.update(|ws| ws.audit.set_score(&id, Some(s)))
                            }
                        >
                            {s.value()}
                        </button>
                    }
                })
                .collect_view()}
            <button
                type="button"
                class="kw-score-clear"
                title="Clear this score"
                aria-label=format!("Clear score for {action_id}")
                hidden=move || current.get().is_none()
                data-testid=format!("clear-{action_id}")
                on:click={
                    let id = action_id.clone();
                    move |_| state.workspace.update(|ws| ws.audit.set_score(&id, None))
                }
            >
                "×"
            </button>
        </div>
    }
}
