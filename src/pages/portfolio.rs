use leptos::prelude::*;

#[component]
pub fn PortfolioPage() -> impl IntoView {
    view! {
        <section class="kw-page" aria-labelledby="portfolio-title">
            <h1 id="portfolio-title">"Account portfolio"</h1>
            <p class="kw-lede kw-coming">
                "Coming next: your key accounts, the attractiveness vs relative strength matrix, "
                "relationship stages, decision-making units and account teams, with CSV import and export."
            </p>
        </section>
    }
}
