use crate::domain::{framework, Score};
use crate::state::{use_app_state, AppState};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The score an arrow key gives: one step from `from`, within 0-3; from no
/// score, → gives 0 and ← nothing.
pub fn stepped(from: Option<Score>, step: i16) -> Option<Score> {
    let next = match from {
        None if step > 0 => 0,
        None => return None,
        Some(s) => (i16::from(s.value()) + step).clamp(0, i16::from(Score::MAX)),
    };
    u8::try_from(next).ok().and_then(|v| Score::new(v).ok())
}

/// Moves keyboard focus; a failure only means the element is gone.
pub fn focus(el: &web_sys::Element) {
    if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
        if let Err(e) = el.focus() {
            leptos::logging::warn!("could not move focus: {e:?}");
        }
    }
}

/// Scores an action (or clears its score, `None`), recorded for undo.
pub fn set_score(state: AppState, action_id: &str, score: Option<Score>) {
    let label = match score {
        Some(s) => format!("Score {action_id} → {}", s.value()),
        None => format!("Clear the score of {action_id}"),
    };
    state.edit_audit(label, |a| a.set_score(action_id, score));
}

/// The 0-3 scale for one action, as a radio group: one tab stop (the chosen
/// score, else 0), ←/→ change the score, as screen-reader users expect.
#[component]
pub fn ScoreButtons(action_id: String) -> impl IntoView {
    let state = use_app_state();
    let id = action_id.clone();
    // This action's score only: a click elsewhere does not wake this row.
    let current = Memo::new(move |_| state.entry(&id).and_then(|e| e.score));
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
            // Arrows move from the focused radio (0 when unscored), as in any radio group.
            let focused = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.get_attribute("data-score"))
                .and_then(|v| v.parse::<u8>().ok())
                .and_then(|v| Score::new(v).ok());
            let Some(score) = stepped(focused.or(current.get_untracked()), step) else {
                return;
            };
            set_score(state, &id, Some(score));
            let group = ev
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            if let Some(Ok(Some(button))) =
                group.map(|g| g.query_selector(&format!("[data-score=\"{}\"]", score.value())))
            {
                focus(&button);
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
                            on:click=move |_| set_score(state, &id, Some(s))
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
                    move |_| set_score(state, &id, None)
                }
            >
                "×"
            </button>
        </div>
    }
}
