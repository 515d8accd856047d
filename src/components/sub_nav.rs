use leptos::prelude::*;

/// A page's sub-views, addressed by hash routes `#/<page>/<slug>`.
pub trait SubView: Copy + PartialEq + Send + Sync + 'static {
    /// In display order; the first is the default.
    const ALL: &'static [Self];
    fn slug(self) -> &'static str;
    fn title(self) -> &'static str;

    /// The sub-view a route segment names, or the first one.
    fn from_slug(slug: Option<&str>) -> Self {
        Self::ALL
            .iter()
            .copied()
            .find(|t| Some(t.slug()) == slug)
            .unwrap_or(Self::ALL[0])
    }
}

/// Tabs for a page's sub-views. `current` is `None` when the page shows
/// something that is none of them (e.g. one account), so no tab is marked.
#[component]
pub fn SubNav<T: SubView>(
    /// The page's route segment, e.g. "audit"; also prefixes the test ids.
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
                    href=format!("#/{page}/{}", t.slug())
                    data-testid=format!("{page}-tab-{}", t.slug())
                    aria-current=move || (current.get() == Some(t)).then_some("page")
                >
                    {t.title()}
                </a>
            }).collect_view()}
        </nav>
    }
}
