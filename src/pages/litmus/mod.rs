//! The three litmus tests (Woodburn 2006): the organisation and key account
//! manager tests of the Recommitment milestone (end of Phase C), and the
//! KAM-ready customer test, as sub-views of one page.
//!
//! Test ids (`data-testid`), documented for the e2e page object:
//! - tabs `litmus-tab-organisation|managers|customers`;
//! - a question control is `<prefix>-q<index>-yes|no|notsure|clear|comment`,
//!   with `<prefix>` `org`, `mgr-<manager slug>-<account id>` or
//!   `cust-<account id>` (0-based question index);
//! - results `org-result`, `manager-result-<slug>`, `team-summary`,
//!   `cust-row-<id>` (ranking) and `cust-result-<id>` (open customer).

mod customers;
mod managers;
mod organisation;

use crate::app::use_route;
use crate::components::{GuideLink, LitmusGate, SubNav};
use crate::domain::guide::Topic;
use crate::domain::litmus::{
    self, manager_rule, Answer, AnswerRecord, LitmusError, TeamSummary, NO_PASS_MARK,
};
use crate::domain::number::fixed;
use crate::route::{LitmusView, Route, SubView};
use crate::state::{use_app_state, Analyses};
use leptos::prelude::*;

/// An answer as an undo label says it: "Yes", "Not sure", "cleared".
pub fn answer_word(answer: Option<Answer>) -> &'static str {
    answer.map_or("cleared", Answer::label)
}

/// A share (0..=1) as a whole percentage: "33%".
pub fn fmt_percent(share: f64) -> String {
    if share.is_finite() {
        format!("{}%", fixed(share * 100.0, 0))
    } else {
        "—".into()
    }
}

fn answer_slug(a: Answer) -> &'static str {
    match a {
        Answer::Yes => "yes",
        Answer::No => "no",
        Answer::NotSure => "notsure",
    }
}

fn answer_class(a: Option<Answer>) -> &'static str {
    match a {
        Some(Answer::Yes) => "kw-lt-dot kw-lt-dot-yes",
        Some(Answer::No) => "kw-lt-dot kw-lt-dot-no",
        Some(Answer::NotSure) => "kw-lt-dot kw-lt-dot-notsure",
        None => "kw-lt-dot",
    }
}

/// One small square per question: green yes, red no, amber not sure, grey
/// unanswered. Decorative; the text beside it says the same.
#[component]
pub fn AnswerDots(#[prop(into)] answers: Signal<Vec<Option<Answer>>>) -> impl IntoView {
    view! {
        <span class="kw-lt-dots" aria-hidden="true">
            {move || {
                answers
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(i, a)| {
                        let title = format!(
                            "Q{}: {}",
                            i + 1,
                            a.map_or("not answered", Answer::label)
                        );
                        view! { <span class=answer_class(a) title=title></span> }
                    })
                    .collect_view()
            }}
        </span>
    }
}

/// One litmus question: Yes / No / Not sure as a native radio group (arrow
/// keys move within it), a clear button and an optional comment saved on
/// change. An edit the model refuses shows its reason under the controls.
#[component]
pub fn QuestionRow(
    /// Prefix for ids and test ids, e.g. `org-q0`.
    testid: String,
    /// 1-based number shown to the user.
    number: usize,
    text: String,
    #[prop(into)] record: Signal<AnswerRecord>,
    on_answer: Callback<Option<Answer>, Result<(), LitmusError>>,
    on_comment: Callback<String, Result<(), LitmusError>>,
) -> impl IntoView {
    let text_id = format!("{testid}-text");
    let error_id = format!("{testid}-error");
    let error = RwSignal::new(None::<String>);
    let show = move |result: Result<(), LitmusError>| {
        error.set(result.err().map(|e| format!("Not saved: {e}")));
    };
    let answer = Memo::new(move |_| record.with(|r| r.answer));
    let choices = Answer::ALL
        .into_iter()
        .map(|a| {
            let slug = answer_slug(a);
            view! {
                <label class=format!("kw-lt-choice kw-lt-choice-{slug}") class:kw-lt-on=move || answer.get() == Some(a)>
                    <input
                        type="radio"
                        name=testid.clone()
                        value=slug
                        prop:checked=move || answer.get() == Some(a)
                        data-testid=format!("{testid}-{slug}")
                        on:change=move |_| show(on_answer.run(Some(a)))
                    />
                    <span>{a.label()}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <li class="kw-lt-q" data-testid=testid.clone() class:kw-lt-q-yes=move || answer.get() == Some(Answer::Yes)>
            <p class="kw-lt-q-text" id=text_id.clone()>
                <span class="kw-lt-q-num">{number}</span>
                {text}
            </p>
            <div class="kw-lt-controls">
                <div class="kw-lt-choices" role="radiogroup" aria-labelledby=text_id>
                    {choices}
                </div>
                <button
                    type="button"
                    class="kw-lt-clear"
                    title="Clear this answer"
                    aria-label=format!("Clear the answer to question {number}")
                    hidden=move || answer.get().is_none()
                    data-testid=format!("{testid}-clear")
                    on:click=move |_| show(on_answer.run(None))
                >
                    "×"
                </button>
                <input
                    type="text"
                    class="kw-lt-comment"
                    placeholder="Comment (optional)"
                    aria-label=format!("Comment on question {number}")
                    prop:value=move || record.with(|r| r.comment.clone())
                    data-testid=format!("{testid}-comment")
                    on:change=move |ev| show(on_comment.run(event_target_value(&ev).trim().to_string()))
                />
                {move || error.get().map(|e| view! {
                    <p class="kw-error" role="alert" data-testid=error_id.clone()>{e}</p>
                })}
            </div>
        </li>
    }
}

#[component]
pub fn LitmusPage() -> impl IntoView {
    let state = use_app_state();
    let route = use_route();
    let tab = Memo::new(move |_| match route.get() {
        Route::Litmus(view) => view,
        Route::Customer(_) => LitmusView::Customers,
        _ => LitmusView::Organisation,
    });
    let current_tab: Signal<Option<LitmusView>> = Signal::derive(move || Some(tab.get()));
    let Analyses {
        organisation: org,
        team,
        customer_ranking,
        ..
    } = state.analyses();
    let customers = Memo::new(move |_| {
        customer_ranking.with(|ranked| {
            let answered = ranked.iter().filter(|(_, r)| r.tested()).count();
            (ranked.len(), answered, ranked.first().map(|(_, r)| r.yes))
        })
    });
    let cust_of = litmus::question_count(litmus::CUSTOMER_READINESS);

    view! {
        <section class="kw-page kw-litmus" aria-labelledby="litmus-title">
            <h1 id="litmus-title" tabindex="-1">"Litmus tests"</h1>
            <p class="kw-lede">
                "Three quick tests from the source. Only an unambivalent "
                <strong>"Yes"</strong>
                " counts: \"Not sure\" is recorded, but scores like \"No\". "
                "The organisation and key account manager tests belong to the Recommitment milestone at the end of Phase C. "
                <GuideLink topic=Topic::Phases text="Guide: the phases and their milestones" />
            </p>
            <div class="kw-lt-overview">
                <a class="kw-lt-tile" href=LitmusView::Organisation.route().href() class:kw-lt-tile-good=move || org.get().qualified>
                    <span class="kw-summary-label">"Organisation"</span>
                    <strong>{move || org.get().verdict()}</strong>
                    <span class="kw-summary-sub">{move || org.get().tally()}</span>
                </a>
                <a class="kw-lt-tile" href=LitmusView::Managers.route().href()
                    class:kw-lt-tile-good=move || team.with(TeamSummary::majority_qualifies)>
                    <span class="kw-summary-label">"Key account managers"</span>
                    <strong>{move || team.with(TeamSummary::headline)}</strong>
                    <span class="kw-summary-sub">{manager_rule()}</span>
                </a>
                <a class="kw-lt-tile" href=LitmusView::Customers.route().href()>
                    <span class="kw-summary-label">"KAM-ready customers"</span>
                    <strong>{move || { let (n, answered, _) = customers.get(); if n == 0 { "No accounts yet".to_string() } else { format!("{answered} of {n} assessed") } }}</strong>
                    <span class="kw-summary-sub">{move || match customers.get() {
                        (_, _, Some(best)) if best > 0 => format!("most ready: {best} of {cust_of} signals"),
                        _ => NO_PASS_MARK.to_string(),
                    }}</span>
                </a>
            </div>
            <SubNav page="litmus" label="Litmus tests" current=current_tab />
            {move || match tab.get() {
                LitmusView::Organisation => view! {
                    <organisation::OrganisationView />
                    <LitmusGate />
                }.into_any(),
                LitmusView::Managers => view! {
                    <managers::ManagersView />
                    <LitmusGate />
                }.into_any(),
                LitmusView::Customers => view! { <customers::CustomersView /> }.into_any(),
            }}
        </section>
    }
}
