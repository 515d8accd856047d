use super::{money, percent};
use crate::components::GuideLink;
use crate::domain::guide::Topic;
use crate::domain::number::one_decimal;
use crate::state::use_app_state;
use leptos::prelude::*;

/// Portfolio totals by quarter: revenue, share of wallet, senior access, time with customers.
#[component]
pub fn MeasuresView() -> impl IntoView {
    let state = use_app_state();
    let totals = Memo::new(move |_| state.portfolio.with(|p| p.quarter_totals()));
    view! {
        <p class="kw-muted">"Record measures per account and quarter on each account's page. "
            "Share of wallet here is the portfolio's: total revenue over the customers' combined spend. "
            <GuideLink topic=Topic::Measuring /></p>
        {move || if totals.with(Vec::is_empty) {
            view! { <p class="kw-empty" data-testid="measures-empty">"No measures recorded yet."</p> }.into_any()
        } else {
            view! {
                <table class="kw-table kw-stack" data-testid="measures-table">
                    <thead><tr><th scope="col">"Quarter"</th><th scope="col">"Accounts"</th><th scope="col">"Revenue"</th>
                        <th scope="col">"Share of wallet"</th><th scope="col">"Senior/board meetings"</th><th scope="col">"Days with customers"</th></tr></thead>
                    <tbody>
                        {totals.get().into_iter().map(|q| view! {
                            <tr><th scope="row">{q.quarter.to_string()}</th><td class="kw-num" data-label="Accounts">{q.accounts}</td><td class="kw-num" data-label="Revenue">{money(q.revenue)}</td>
                                <td class="kw-num" data-label="Share of wallet">{percent(q.share_of_wallet, 1)}</td>
                                <td class="kw-num" data-label="Senior/board meetings">{q.senior_meetings}</td><td class="kw-num" data-label="Days with customers">{one_decimal(q.days_with_customer)}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
    }
}
