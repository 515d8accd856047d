use super::{answer_word, AnswerDots, QuestionRow};
use crate::app::use_route;
use crate::components::GuideLink;
use crate::domain::guide::Topic;
use crate::domain::litmus::{self, customer_readiness, Answer, Readiness, NO_PASS_MARK};
use crate::domain::litmus_tests;
use crate::domain::portfolio::AccountId;
use crate::route::{Page, Route};
use crate::state::use_app_state;
use leptos::prelude::*;

/// Rows shown before "Show more".
const PAGE: usize = 50;

fn readiness_questions() -> Vec<String> {
    litmus_tests()
        .get(litmus::CUSTOMER_READINESS)
        .map(|t| t.questions.clone())
        .unwrap_or_default()
}

#[derive(Debug, Clone, PartialEq)]
struct Row {
    id: AccountId,
    name: String,
    manager: String,
    readiness: Readiness,
    answers: Vec<Option<Answer>>,
}

/// The KAM-ready customer test: a ranking of every portfolio account by
/// readiness, and the six questions for the chosen one. No pass mark.
#[component]
pub fn CustomersView() -> impl IntoView {
    let state = use_app_state();
    let route = use_route();
    let questions = readiness_questions();
    let of = questions.len();
    let test = litmus_tests().get(litmus::CUSTOMER_READINESS);
    let rule = test.map(|t| t.rule.clone()).unwrap_or_default();

    let rows = Memo::new(move |_| {
        state.portfolio.with(|p| {
            state.litmus.with(|l| {
                state
                    .analyses()
                    .customer_ranking
                    .get()
                    .into_iter()
                    .map(|(id, readiness)| {
                        let account = p.get(id);
                        Row {
                            id,
                            name: account.map(|a| a.name.clone()).unwrap_or_default(),
                            manager: account
                                .map(|a| a.key_account_manager.trim().to_string())
                                .unwrap_or_default(),
                            answers: (0..of).map(|q| l.customer_answer(id, q).answer).collect(),
                            readiness,
                        }
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    // The chosen customer: `#/litmus/customers/<id>`, else the first account.
    let selected = Memo::new(move |_| {
        let wanted = match route.get() {
            Route::Customer(id) => Some(id),
            _ => None,
        };
        state.portfolio.with(|p| {
            wanted
                .filter(|&id| p.get(id).is_some())
                .or_else(|| p.accounts.first().map(|a| a.id))
        })
    });
    // A customer named by the route (a link, a row of the ranking) has its
    // questions brought into view: below the ranking on a phone, they would
    // otherwise stay off screen.
    Effect::new(move |_| {
        if let Route::Customer(id) = route.get() {
            request_animation_frame(move || {
                let editor = document()
                    .query_selector(&format!("[data-testid=\"cust-{id}\"]"))
                    .ok()
                    .flatten();
                if let Some(editor) = editor {
                    let top = editor.get_bounding_client_rect().top();
                    let height = window()
                        .inner_height()
                        .ok()
                        .and_then(|h| h.as_f64())
                        .unwrap_or(0.0);
                    if top < 0.0 || top > height * 0.6 {
                        editor.scroll_into_view_with_bool(true);
                    }
                }
            });
        }
    });
    let filter = RwSignal::new(String::new());
    let limit = RwSignal::new(PAGE);
    let filtered = Memo::new(move |_| {
        let f = filter.get().trim().to_lowercase();
        rows.with(|rows| {
            rows.iter()
                .enumerate()
                .filter(|(_, r)| {
                    f.is_empty()
                        || r.name.to_lowercase().contains(&f)
                        || r.manager.to_lowercase().contains(&f)
                })
                .map(|(rank, r)| (rank + 1, r.clone()))
                .collect::<Vec<_>>()
        })
    });
    let qs = questions.clone();
    let list = move || {
        let sel = selected.get();
        filtered.with(|f| {
            f.iter()
                .take(limit.get())
                .map(|(rank, r)| {
                    let missing_title = r
                        .readiness
                        .missing
                        .iter()
                        .map(|&q| format!("{}. {}", q + 1, qs.get(q).cloned().unwrap_or_default()))
                        .collect::<Vec<_>>()
                        .join("\n");
                    let missing = if r.readiness.missing.is_empty() {
                        "All signals present".to_string()
                    } else {
                        format!(
                            "Missing: {}",
                            r.readiness
                                .missing
                                .iter()
                                .map(|q| (q + 1).to_string())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    };
                    let answers = r.answers.clone();
                    view! {
                        <li>
                            <a
                                class="kw-lt-crow"
                                href=Route::Customer(r.id).href()
                                aria-current=(sel == Some(r.id)).then_some("true")
                                data-testid=format!("cust-row-{}", r.id)
                            >
                                <span class="kw-lt-rank">{*rank}</span>
                                <span class="kw-lt-crow-name">
                                    {r.name.clone()}
                                    <small>{if r.manager.is_empty() { "no key account manager".to_string() } else { r.manager.clone() }}</small>
                                </span>
                                <span class="kw-lt-crow-score">
                                    <strong>{format!("{} of {}", r.readiness.yes, r.readiness.of)}</strong>
                                    <AnswerDots answers=Signal::stored(answers) />
                                </span>
                                <span class="kw-lt-crow-missing" title=missing_title>{missing}</span>
                            </a>
                        </li>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <section class="kw-lt-section" aria-labelledby="lt-cust-title">
            <h2 id="lt-cust-title">"Litmus test for KAM-ready customers"</h2>
            <p class="kw-muted">{rule}</p>
            <p class="kw-muted">
                "For when someone says customers have not asked for KAM. "
                <GuideLink topic=Topic::AccountManagementVsKam />
            </p>
            {move || if rows.with(Vec::is_empty) {
                view! {
                    <div class="kw-card kw-lt-empty" data-testid="customers-empty">
                        <p><strong>"No accounts in the portfolio yet."</strong></p>
                        <p>
                            "Add your key accounts on the " <a href=Page::Portfolio.route().href()>"Portfolio page"</a>
                            {format!("; each account then gets this {of}-question test, and the customers are ranked here by how many signals they show.")}
                        </p>
                    </div>
                }.into_any()
            } else {
                view! {
                    <div class="kw-lt-customers">
                        <div class="kw-card kw-lt-ranking">
                            <div class="kw-lt-ranking-head">
                                <h3>"Readiness ranking"</h3>
                                <span class="kw-muted kw-lt-small">"Most signals first. " {NO_PASS_MARK}</span>
                            </div>
                            <input
                                type="search"
                                class="kw-lt-filter"
                                placeholder="Find a customer or manager"
                                aria-label="Find a customer or key account manager"
                                data-testid="cust-filter"
                                prop:value=move || filter.get()
                                on:input=move |ev| { filter.set(event_target_value(&ev)); limit.set(PAGE); }
                            />
                            <ol class="kw-lt-crows" data-testid="cust-ranking">{list.clone()}</ol>
                            {move || {
                                let total = filtered.with(Vec::len);
                                let shown = total.min(limit.get());
                                (total > shown).then(|| view! {
                                    <div class="kw-lt-more">
                                        <span class="kw-muted kw-lt-small">{format!("Showing {shown} of {total}")}</span>
                                        <button type="button" class="kw-button kw-button-small" data-testid="cust-more"
                                            on:click=move |_| limit.update(|l| *l += PAGE)>
                                            {format!("Show {} more", PAGE.min(total - shown))}
                                        </button>
                                    </div>
                                })
                            }}
                            {move || filtered.with(Vec::is_empty).then(|| view! { <p class="kw-empty">"No customer matches."</p> })}
                        </div>
                        {move || selected.get().map(|id| view! { <CustomerEditor account_id=id /> })}
                    </div>
                }.into_any()
            }}
        </section>
    }
}

/// The six readiness questions for one customer, with its count and the
/// signals still missing.
#[component]
fn CustomerEditor(account_id: AccountId) -> impl IntoView {
    let state = use_app_state();
    let questions = readiness_questions();
    let stem = litmus_tests()
        .get(litmus::CUSTOMER_READINESS)
        .and_then(|t| t.question_stem.clone())
        .unwrap_or_default();
    let (name, manager) = state.portfolio.with_untracked(|p| {
        p.get(account_id)
            .map(|a| (a.name.clone(), a.key_account_manager.trim().to_string()))
            .unwrap_or_default()
    });
    let readiness = Memo::new(move |_| state.litmus.with(|l| customer_readiness(l, account_id)));
    // Names the customer in undo labels.
    let subject = if name.is_empty() {
        format!("Account {account_id}")
    } else {
        name.clone()
    };
    let qs = questions.clone();
    let missing = move || {
        readiness
            .get()
            .missing
            .into_iter()
            .map(|q| {
                let text = qs.get(q).cloned().unwrap_or_default();
                view! { <li><span class="kw-lt-q-num">{q + 1}</span>{text}</li> }
            })
            .collect_view()
    };
    let prefix = format!("cust-{account_id}");
    let rows = questions
        .iter()
        .enumerate()
        .map(|(q, text)| {
            let n = q + 1;
            let record =
                Memo::new(move |_| state.litmus.with(|l| l.customer_answer(account_id, q)));
            let c = subject.clone();
            let on_answer = Callback::new(move |a| {
                let label = format!("{c}, readiness question {n}: {}", answer_word(a));
                state.edit_litmus(label, |l| l.set_customer(account_id, q, a))
            });
            let c = subject.clone();
            let on_comment = Callback::new(move |text: String| {
                let label = format!("Comment on {c}, readiness question {n}");
                state.edit_litmus(label, |l| l.set_customer_comment(account_id, q, text))
            });
            view! {
                <QuestionRow testid=format!("{prefix}-q{q}") number=q + 1 text=text.clone()
                    record=record on_answer=on_answer on_comment=on_comment />
            }
        })
        .collect_view();

    view! {
        <article class="kw-card kw-lt-editor" data-testid=format!("cust-{account_id}") aria-labelledby="lt-cust-name">
            <header class="kw-lt-manager-head">
                <h3 id="lt-cust-name">{name}</h3>
                {(!manager.is_empty()).then(|| view! { <span class="kw-pill">{format!("KAM: {manager}")}</span> })}
            </header>
            <div class="kw-lt-result kw-lt-result-inline" data-testid=format!("cust-result-{account_id}") aria-live="polite">
                <p class="kw-lt-count">
                    {move || { let r = readiness.get(); format!("{} of {} yes", r.yes, r.of) }}
                    <span class="kw-muted kw-lt-small">
                        {move || { let r = readiness.get(); if r.unanswered > 0 { format!(" · {} unanswered", r.unanswered) } else { String::new() } }}
                    </span>
                </p>
                {move || if readiness.with(|r| r.missing.is_empty()) {
                    view! { <p class="kw-lt-open-title">"Every signal of KAM readiness is there."</p> }.into_any()
                } else {
                    view! {
                        <p class="kw-lt-open-title">"Missing signals (not answered yes)"</p>
                        <ul class="kw-lt-open">{missing.clone()}</ul>
                    }.into_any()
                }}
            </div>
            <p class="kw-lt-stem">{stem}</p>
            <ol class="kw-lt-questions">{rows}</ol>
        </article>
    }
}
