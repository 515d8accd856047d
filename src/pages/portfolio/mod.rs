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
use crate::clock::today_iso;
use crate::components::SubNav;
use crate::domain::date::IsoDate;
use crate::domain::number::{fixed, one_decimal};
use crate::domain::portfolio::AccountId;
use crate::domain::text::group_digits;
use crate::route::{PortfolioView, Route};
use leptos::prelude::*;

/// Link to one account's page.
pub fn account_href(id: AccountId) -> String {
    Route::Account(id).href()
}

/// Today by the browser's clock, as the model's date. Fails only when the
/// clock is set outside the years 1-9999; the message says so.
fn today() -> Result<IsoDate, String> {
    today_iso()
        .parse()
        .map_err(|e| format!("The computer's clock gives no usable date: {e}"))
}

/// Money without decimals and with thousands separators: 1234567 → "1,234,567".
/// Rounded by the one rule for displayed figures ([`fixed`]).
pub fn money(value: f64) -> String {
    let text = fixed(value, 0);
    let (sign, digits) = match text.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", text.as_str()),
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return text;
    }
    format!("{sign}{}", group_digits(digits))
}

/// An amount that may not have been entered: "—" until it is.
pub fn amount(value: Option<f64>) -> String {
    value.map_or_else(|| "—".into(), money)
}

/// A fraction as a percentage with `decimals` places: 0.3 → "30%".
pub fn percent(fraction: Option<f64>, decimals: usize) -> String {
    fraction.map_or_else(
        || "—".into(),
        |f| format!("{}%", fixed(f * 100.0, decimals)),
    )
}

/// One decimal with its sign: +5.0, -1.5, +0.0.
pub fn signed(value: f64) -> String {
    let text = one_decimal(value);
    if text.starts_with('-') || text == "—" {
        text
    } else {
        format!("+{text}")
    }
}

pub fn score_text(v: Option<f64>) -> String {
    v.map_or_else(|| "—".into(), one_decimal)
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
            <h1 id="portfolio-title" tabindex="-1">"Account portfolio"</h1>
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
    use super::{amount, money, percent, score_text, signed};

    #[test]
    fn money_groups_thousands() {
        assert_eq!(money(0.0), "0");
        assert_eq!(money(999.4), "999");
        assert_eq!(money(1000.0), "1,000");
        assert_eq!(money(1234567.0), "1,234,567");
        assert_eq!(money(-45000.0), "-45,000");
        assert_eq!(money(f64::NAN), "—");
        // The one rounding rule: halves away from zero as written.
        assert_eq!(money(2.5), "3");
        assert_eq!(money(-0.4), "0");
        assert_eq!(money(999_999.5), "1,000,000");
    }

    #[test]
    fn not_entered_is_a_dash_not_zero() {
        assert_eq!(amount(None), "—");
        assert_eq!(amount(Some(0.0)), "0");
        assert_eq!(amount(Some(1200.0)), "1,200");
        assert_eq!(percent(None, 0), "—");
        assert_eq!(percent(Some(0.305), 0), "31%");
        assert_eq!(percent(Some(0.2555), 1), "25.6%");
        assert_eq!(score_text(None), "—");
        assert_eq!(score_text(Some(2.55)), "2.6");
        assert_eq!(signed(5.0), "+5.0");
        assert_eq!(signed(-1.25), "-1.3");
        assert_eq!(signed(-0.04), "+0.0");
    }
}
