use super::{answer_word, fmt_percent, AnswerDots, QuestionRow};
use crate::components::GuideLink;
use crate::domain::guide::Topic;
use crate::domain::litmus::{
    self, average_text, manager_rule, question_count, ManagerResult, TeamSummary,
};
use crate::domain::litmus_tests;
use crate::domain::number::one_decimal;
use crate::domain::portfolio::AccountId;
use crate::domain::text::{unique_slugs, upper_first};
use crate::route::Page;
use crate::state::{use_app_state, Analyses};
use leptos::prelude::*;

fn kam_questions() -> Vec<String> {
    litmus_tests()
        .get(litmus::KEY_ACCOUNT_MANAGER)
        .map(|t| t.questions.clone())
        .unwrap_or_default()
}

/// The key account manager test: each manager answers the five questions
/// for each of their customers; results are averaged per manager.
#[component]
pub fn ManagersView() -> impl IntoView {
    let state = use_app_state();
    let Analyses {
        manager_customers: managers,
        team,
        ..
    } = state.analyses();
    let rule = litmus_tests()
        .get(litmus::KEY_ACCOUNT_MANAGER)
        .map(|t| t.rule.clone())
        .unwrap_or_default();
    let questions = kam_questions();
    let has_customers = move || managers.with(|m| m.iter().any(|(_, ids)| !ids.is_empty()));

    view! {
        <section class="kw-lt-section" aria-labelledby="lt-kam-title">
            <h2 id="lt-kam-title">"Litmus test for key account managers"</h2>
            <p class="kw-muted">{rule}</p>
            <p class="kw-muted">
                "How the role should spend its time, and the pull back towards selling: "
                <GuideLink topic=Topic::TimeAllocation text="time allocation" />
                ", "
                <GuideLink topic=Topic::Selling text="excessive selling" />
                "."
            </p>
            {move || (!has_customers()).then(|| view! {
                <div class="kw-card kw-lt-empty" data-testid="managers-empty">
                    <p><strong>"No key account managers with customers yet."</strong></p>
                    <p>
                        "Managers and the accounts they manage come from the portfolio. Add your key accounts on the "
                        <a href=Page::Portfolio.route().href()>"Portfolio page"</a>
                        {format!(" and fill in each account's key account manager; each manager then answers the {} questions here for each of their customers.", question_count(litmus::KEY_ACCOUNT_MANAGER))}
                    </p>
                </div>
            })}
            <TeamSummaryBox team=team questions=questions.clone() />
            {move || {
                let list = managers.get();
                let slugs = unique_slugs(list.iter().map(|(n, _)| n.as_str()), "manager");
                list.into_iter()
                    .zip(slugs)
                    .map(|((name, ids), slug)| view! { <ManagerBlock name=name ids=ids slug=slug team=team /> })
                    .collect_view()
            }}
        </section>
    }
}

#[component]
fn TeamSummaryBox(team: Memo<TeamSummary>, questions: Vec<String>) -> impl IntoView {
    let weakest = move || {
        team.with(|t| {
            t.weakest_questions
                .iter()
                .take(3)
                .map(|&(q, share)| {
                    let text = questions.get(q).cloned().unwrap_or_default();
                    view! {
                        <li>
                            <span class="kw-lt-q-num">{q + 1}</span>
                            <span class="kw-lt-weak-text">{text}</span>
                            <span class="kw-lt-share">{format!("{} yes", fmt_percent(share))}</span>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="kw-card kw-lt-team" data-testid="team-summary" aria-live="polite">
            <div class="kw-lt-team-head">
                <span class="kw-summary-label">"Team summary"</span>
                <p class="kw-lt-verdict">
                    {move || team.with(|t| upper_first(&t.status()))}
                </p>
                <p class="kw-muted kw-lt-small">
                    {move || team.with(|t| format!("{} {}.", t.counting_note(), upper_first(TeamSummary::RULE)))}
                </p>
            </div>
            {move || (!team.with(|t| t.weakest_questions.is_empty())).then(|| view! {
                <div class="kw-lt-weak">
                    <p class="kw-lt-open-title">"Weakest questions across the team (share of manager–customer answers that are yes)"</p>
                    <ol class="kw-lt-open">{weakest.clone()}</ol>
                </div>
            })}
        </div>
    }
}

#[component]
fn ManagerBlock(
    name: String,
    ids: Vec<AccountId>,
    slug: String,
    team: Memo<TeamSummary>,
) -> impl IntoView {
    let state = use_app_state();
    let questions = kam_questions();
    let of = question_count(litmus::KEY_ACCOUNT_MANAGER);
    // This manager's line of the team summary, so each result is computed once.
    let result = {
        let name = name.clone();
        Memo::new(move |_| {
            team.with(|t| {
                t.managers
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map_or(ManagerResult::NoCustomers, |(_, r)| r.clone())
            })
        })
    };
    let accounts: Vec<(AccountId, String)> = state.portfolio.with_untracked(|p| {
        let mut seen = Vec::new();
        for &id in &ids {
            if !seen.iter().any(|(s, _)| *s == id) {
                let n = p
                    .get(id)
                    .map(|a| a.name.clone())
                    .unwrap_or_else(|| format!("Account {id}"));
                seen.push((id, n));
            }
        }
        seen
    });
    let count = accounts.len();
    let qs = questions.clone();
    let summary = move || {
        let verdict = result.with(ManagerResult::verdict);
        match result.get() {
        ManagerResult::NoCustomers => view! {
            <p class="kw-lt-verdict kw-lt-none">{ManagerResult::NoCustomers.verdict()}</p>
            <p class="kw-muted kw-lt-small">
                "No accounts in the portfolio name this manager, so there is nothing to average: neither a pass nor a fail. Assign accounts on the "
                <a href=Page::Portfolio.route().href()>"Portfolio page"</a> "."
            </p>
        }
        .into_any(),
        ManagerResult::Averaged {
            customers,
            average_yes,
            per_question_yes,
            per_question_yes_share,
            unanswered,
            ..
        } => {
            let noun = if customers == 1 { "customer" } else { "customers" };
            let rows = per_question_yes
                .iter()
                .zip(&per_question_yes_share)
                .enumerate()
                .map(|(q, (&yes, &share))| {
                    let text = qs.get(q).cloned().unwrap_or_default();
                    view! {
                        <tr>
                            <th scope="row"><span class="kw-lt-q-num">{q + 1}</span>{text}</th>
                            <td class="kw-lt-share-cell">
                                // An SVG length, not a style attribute: the CSP allows no inline style.
                                // The words beside it say the same for screen readers.
                                <svg class="kw-lt-bar" viewBox="0 0 100 1" preserveAspectRatio="none"
                                    aria-hidden="true" focusable="false">
                                    <rect height="1" width=one_decimal(share * 100.0) />
                                </svg>
                                {format!("{yes} of {customers} {noun} ({})", fmt_percent(share))}
                            </td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <p class="kw-lt-verdict">
                    {verdict}
                    <span class="kw-lt-avg">
                        {format!("{} of {of} yes on average across {customers} {noun}", average_text(average_yes))}
                    </span>
                </p>
                <p class="kw-muted kw-lt-small">
                    {manager_rule()}
                    {(unanswered > 0).then(|| format!(" {unanswered} answers still to give (unanswered counts as not yes)."))}
                </p>
                <table class="kw-table kw-table-compact kw-lt-shares">
                    <thead><tr><th scope="col">"Question"</th><th scope="col">"Customers answered yes"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any()
        }
    }
    };

    let pairs = accounts
        .into_iter()
        .map(|(id, account)| {
            view! { <ManagerCustomer manager=name.clone() slug=slug.clone() account_id=id account=account questions=questions.clone() /> }
        })
        .collect_view();

    view! {
        <article class="kw-card kw-lt-manager" data-testid=format!("manager-{slug}")
            class:kw-lt-manager-good=move || result.get().is_qualified()>
            <header class="kw-lt-manager-head">
                <h3>{name.clone()}</h3>
                <span class="kw-pill">{match count { 0 => "no customers".to_string(), 1 => "1 customer".to_string(), n => format!("{n} customers") }}</span>
            </header>
            <div class="kw-lt-manager-result" data-testid=format!("manager-result-{slug}") aria-live="polite">
                {summary}
            </div>
            {(count > 0).then(|| view! { <div class="kw-lt-pairs">{pairs}</div> })}
        </article>
    }
}

/// One manager's five answers for one customer, in a collapsed block whose
/// questions are only rendered once it is opened.
#[component]
fn ManagerCustomer(
    manager: String,
    slug: String,
    account_id: AccountId,
    account: String,
    questions: Vec<String>,
) -> impl IntoView {
    let state = use_app_state();
    let of = questions.len();
    let opened = RwSignal::new(false);
    let answers = {
        let manager = manager.clone();
        Memo::new(move |_| {
            state.litmus.with(|l| {
                (0..of)
                    .map(|q| l.manager_answer(&manager, account_id, q).answer)
                    .collect::<Vec<_>>()
            })
        })
    };
    let yes = {
        let manager = manager.clone();
        move || state.litmus.with(|l| l.manager_yes(&manager, account_id))
    };
    let prefix = format!("mgr-{slug}-{account_id}");
    let body = {
        let prefix = prefix.clone();
        let account = account.clone();
        move || {
            opened.get().then(|| {
                questions
                    .iter()
                    .enumerate()
                    .map(|(q, text)| {
                        let n = q + 1;
                        let m = manager.clone();
                        let record = Memo::new(move |_| {
                            state.litmus.with(|l| l.manager_answer(&m, account_id, q))
                        });
                        let (m, c) = (manager.clone(), account.clone());
                        let on_answer = Callback::new(move |a| {
                            let label = format!("{m} for {c}, question {n}: {}", answer_word(a));
                            state.edit_litmus(label, |l| l.set_manager(&m, account_id, q, a))
                        });
                        let (m, c) = (manager.clone(), account.clone());
                        let on_comment = Callback::new(move |text: String| {
                            let label = format!("Comment on {m} for {c}, question {n}");
                            state.edit_litmus(label, |l| {
                                l.set_manager_comment(&m, account_id, q, text)
                            })
                        });
                        view! {
                            <QuestionRow testid=format!("{prefix}-q{q}") number=q + 1 text=text.clone()
                                record=record on_answer=on_answer on_comment=on_comment />
                        }
                    })
                    .collect_view()
            })
        }
    };
    view! {
        <details class="kw-lt-pair" data-testid=prefix.clone()>
            <summary data-testid=format!("{prefix}-open") on:click=move |_| opened.set(true)>
                <span class="kw-lt-pair-name">{account}</span>
                <AnswerDots answers=answers />
                <span class="kw-lt-pair-count">{move || format!("{} of {of} yes", yes())}</span>
            </summary>
            <ol class="kw-lt-questions">{body}</ol>
        </details>
    }
}
