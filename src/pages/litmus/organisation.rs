use super::{answer_word, QuestionRow};
use crate::domain::litmus::{self, organisation_rule};
use crate::domain::litmus_tests;
use crate::state::use_app_state;
use leptos::prelude::*;

/// The organisation test: five questions and the qualified / not yet verdict.
#[component]
pub fn OrganisationView() -> impl IntoView {
    let state = use_app_state();
    let test = litmus_tests().get(litmus::ORGANISATION);
    let questions: Vec<String> = test.map(|t| t.questions.clone()).unwrap_or_default();
    let rule = test.map(|t| t.rule.clone()).unwrap_or_default();
    let result = state.analyses().organisation;
    let open_texts = {
        let questions = questions.clone();
        move || {
            result
                .get()
                .open_questions
                .into_iter()
                .map(|q| {
                    let text = questions.get(q).cloned().unwrap_or_default();
                    view! { <li><span class="kw-lt-q-num">{q + 1}</span>{text}</li> }
                })
                .collect_view()
        }
    };

    let rows = questions
        .iter()
        .enumerate()
        .map(|(q, text)| {
            let n = q + 1;
            let record = Memo::new(move |_| state.litmus.with(|l| l.organisation_answer(q)));
            let on_answer = Callback::new(move |a| {
                let label = format!("Organisation question {n}: {}", answer_word(a));
                state.edit_litmus(label, |l| l.set_organisation(q, a))
            });
            let on_comment = Callback::new(move |c: String| {
                let label = format!("Comment on organisation question {n}");
                state.edit_litmus(label, |l| l.set_organisation_comment(q, c))
            });
            view! {
                <QuestionRow testid=format!("org-q{q}") number=q + 1 text=text.clone()
                    record=record on_answer=on_answer on_comment=on_comment />
            }
        })
        .collect_view();

    view! {
        <section class="kw-lt-section" aria-labelledby="lt-org-title">
            <h2 id="lt-org-title">"Litmus test for the organisation"</h2>
            <p class="kw-muted">{rule}</p>
            <div class="kw-lt-layout">
                <ol class="kw-lt-questions kw-card">{rows}</ol>
                <aside
                    class="kw-lt-result"
                    class:kw-lt-result-good=move || result.get().qualified
                    data-testid="org-result"
                    aria-live="polite"
                >
                    <span class="kw-summary-label">"Result"</span>
                    <p class="kw-lt-verdict">
                        {move || result.get().verdict()}
                    </p>
                    <p class="kw-lt-count">
                        {move || result.get().tally()}
                    </p>
                    <p class="kw-muted kw-lt-small">
                        {move || {
                            let r = result.get();
                            format!("{} {} of {} answered.", organisation_rule(), r.answered, r.of)
                        }}
                    </p>
                    {move || (!result.get().open_questions.is_empty()).then(|| view! {
                        <p class="kw-lt-open-title">"Open questions (not answered yes)"</p>
                    })}
                    <ul class="kw-lt-open" data-testid="org-open">{open_texts}</ul>
                </aside>
            </div>
        </section>
    }
}
