use crate::route::SubView;
use leptos::prelude::*;

/// Tabs for a page's sub-views. `current` is `None` when the page shows
/// something that is none of them (e.g. one account), so no tab is marked.
#[component]
pub fn SubNav<T: SubView>(
    /// Prefixes the test ids, e.g. "audit" gives `audit-tab-score`.
    page: &'static str,
    /// Accessible name of the tab list.
    label: &'static str,
    current: Signal<Option<T>>,
) -> impl IntoView {
    view! {
        <nav class="kw-tabs" aria-label=label>
            {T::ALL.iter().copied().map(|t| view! {
                <a
                    class="kw-tab"
                    href=t.route().href()
                    data-testid=format!("{page}-tab-{}", t.slug())
                    aria-current=move || (current.get() == Some(t)).then_some("page")
                >
                    {t.title()}
                </a>
            }).collect_view()}
        </nav>
    }
}
