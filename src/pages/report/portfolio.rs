//! The portfolio in the report: the matrix, the count per category and the
//! key accounts, largest revenue first.

use super::Section;
use crate::charts::portfolio_matrix;
use crate::components::{ChartSvg, MatrixTable};
use crate::domain::portfolio::{Category, SortKey};
use crate::pages::portfolio::amount;
use crate::route::{PortfolioView, SubView};
use crate::state::use_app_state;
use leptos::prelude::*;

/// More rows than this would make the printed report a listing; the rest are counted.
const LISTED: usize = 40;

#[derive(Debug, Clone, PartialEq)]
struct Row {
    name: String,
    manager: String,
    stage: String,
    category: &'static str,
    revenue: String,
}

#[component]
pub fn Portfolio() -> impl IntoView {
    let state = use_app_state();
    let health = state.analyses().health;
    let matrix = Signal::derive(move || {
        state
            .portfolio
            .with(|p| portfolio_matrix::render(&portfolio_matrix::Data::from_portfolio(p)))
    });
    let rows = Memo::new(move |_| {
        state.portfolio.with(|p| {
            let mut accounts: Vec<_> = p.accounts.iter().collect();
            p.sort(&mut accounts, SortKey::Revenue, false);
            // Only the rows printed are made; the rest are counted.
            accounts
                .into_iter()
                .take(LISTED)
                .map(|a| Row {
                    name: a.name.clone(),
                    manager: a.key_account_manager.clone(),
                    stage: if a.current_stage == a.target_stage {
                        a.current_stage.label().to_string()
                    } else {
                        format!("{} → {}", a.current_stage.label(), a.target_stage.label())
                    },
                    category: p.category(a).map_or("not rated", Category::label),
                    revenue: amount(a.revenue),
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Section testid="report-portfolio" title="Account portfolio" edit=PortfolioView::Accounts.route() edit_label="Portfolio">
            {move || if health.with(|h| h.accounts == 0) {
                view! { <p class="kw-empty">"No key accounts yet: add them, or import a CSV, under Portfolio."</p> }.into_any()
            } else {
                view! {
                    <p data-testid="report-categories">
                        {move || health.with(|h| {
                            let per = Category::ALL.iter().map(|c| format!("{} {}", h.per_category.get(c).copied().unwrap_or(0), c.label())).collect::<Vec<_>>().join(", ");
                            let unrated = if h.unrated > 0 { format!("; {} not yet rated", h.unrated) } else { String::new() };
                            format!("{} accounts: {per}{unrated}.", h.accounts)
                        })}
                    </p>
                    <ChartSvg render=matrix label="Portfolio matrix: attractiveness against relative strength, bubble area by revenue" testid="report-matrix">
                        <MatrixTable />
                    </ChartSvg>
                    <table class="kw-table kw-report-table" data-testid="report-accounts">
                        <thead><tr>
                            <th scope="col">"Key account"</th><th scope="col">"Manager"</th><th scope="col">"Stage (→ target)"</th>
                            <th scope="col">"Category"</th><th scope="col" class="kw-num">"Revenue"</th>
                        </tr></thead>
                        <tbody>
                            {rows.get().into_iter().map(|r| view! {
                                <tr>
                                    <th scope="row">{r.name}</th>
                                    <td>{if r.manager.is_empty() { "—".to_string() } else { r.manager }}</td>
                                    <td>{r.stage}</td>
                                    <td>{r.category}</td>
                                    <td class="kw-num">{r.revenue}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    {move || {
                        let more = health.with(|h| h.accounts).saturating_sub(LISTED);
                        (more > 0).then(|| view! { <p class="kw-muted">{format!("And {more} smaller accounts, listed under Portfolio.")}</p> })
                    }}
                }.into_any()
            }}
        </Section>
    }
}
