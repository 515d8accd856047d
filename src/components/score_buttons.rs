use crate::domain::{framework, Score};
use crate::state::use_app_state;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The 0-3 scale for one action, as a radio group: one tab stop (the chosen
/// score, else 0), ←/→ change the score, as screen-reader users expect.
#[component]
pub fn ScoreButtons(action_id: String) -> impl IntoView {
    let state = use_app_state();
    let id = action_id.clone();
    let current = Memo::new(move |_| state.workspace.with(|ws| ws.audit.score(&id)));
    let fw = framework();
    let on_key = {
        let id = action_id.clone();
        move |ev: web_sys::KeyboardEvent| {
            let step: i16 = match ev.key().as_str() {
                "ArrowRight" => 1,
                "ArrowLeft" => -1,
                _ => return,
            };
            ev.prevent_default();
            let now = current.get_untracked().map_or(-1, |s| s.value() as i16);
            let next = (now + step).clamp(0, Score::MAX as i16) as u8;
            let Ok(score) = Score::new(next) else { return };
            state
                .workspace
                .update(|ws| ws.audit.set_score(&id, Some(score)));
            let group = ev
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            if let Some(Ok(Some(button))) =
                group.map(|g| g.query_selector(&format!("[data-score=\"{next}\"]")))
            {
                if let Ok(button) = button.dyn_into::<web_sys::HtmlElement>() {
                    let _ = button.focus();
                }
            }
        }
    };
    view! {
        <div class="kw-scores" role="radiogroup" aria-label=format!("Score for {action_id}") on:keydown=on_key>
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
                            tabindex=move || {
                                let tab_stop = match current.get() {
                                    Some(c) => c == s,
                                    None => s.value() == 0,
                                };
                                if tab_stop { "0" } else { "-1" }
                            }
                            aria-label=format!("{} {}", s.value(), label)
                            title=format!("{} – {}", s.value(), label)
                            data-score=s.value()
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
