//! The account portfolio: key accounts, the attractiveness vs strength
//! matrix, selection criteria, migration, manager time, measures and CSV.

mod account;
mod accounts;
mod criteria;
mod csv_io;
mod matrix;
mod measures;
mod migration;
mod time;

use crate::app::use_route;
use crate::components::SubNav;
use crate::domain::portfolio::AccountId;
use crate::route::{PortfolioView, Route};
use leptos::prelude::*;

/// Link to one account's page.
pub fn account_href(id: AccountId) -> String {
    Route::Account(id).href()
}

/// Money without decimals and with thousands separators: 1234567 → "1,234,567".
pub fn money(value: f64) -> String {
    if !value.is_finite() {
        return "—".into();
    }
    let n = value.round() as i64;
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

pub fn score_text(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.1}")).unwrap_or_else(|| "—".into())
}

#[component]
pub fn PortfolioPage() -> impl IntoView {
    let route = use_route();
    // One account's page belongs to no tab.
    let shown = Memo::new(move |_| match route.get() {
        Route::Portfolio(view) => Ok(view),
        Route::Account(id) => Err(id),
        _ => Ok(PortfolioView::Accounts),
    });
    let current = Signal::derive(move || shown.get().ok());
    view! {
        <section class="kw-page kw-portfolio" aria-labelledby="portfolio-title">
            <h1 id="portfolio-title">"Account portfolio"</h1>
            <SubNav page="portfolio" label="Portfolio views" current=current />
            {move || match shown.get() {
                Err(id) => view! { <account::AccountView id=Some(id) /> }.into_any(),
                Ok(PortfolioView::Accounts) => view! { <accounts::AccountsView /> }.into_any(),
                Ok(PortfolioView::Matrix) => view! { <matrix::MatrixView /> }.into_any(),
                Ok(PortfolioView::Criteria) => view! { <criteria::CriteriaView /> }.into_any(),
                Ok(PortfolioView::Migration) => view! { <migration::MigrationView /> }.into_any(),
                Ok(PortfolioView::Time) => view! { <time::TimeView /> }.into_any(),
                Ok(PortfolioView::Measures) => view! { <measures::MeasuresView /> }.into_any(),
                Ok(PortfolioView::Csv) => view! { <csv_io::CsvView /> }.into_any(),
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::money;

    #[test]
    fn money_groups_thousands() {
        assert_eq!(money(0.0), "0");
        assert_eq!(money(999.4), "999");
        assert_eq!(money(1000.0), "1,000");
        assert_eq!(money(1234567.0), "1,234,567");
        assert_eq!(money(-45000.0), "-45,000");
        assert_eq!(money(f64::NAN), "—");
    }
}
