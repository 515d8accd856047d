use crate::app::Page;
use leptos::prelude::*;

#[component]
pub fn Header(page: RwSignal<Page>) -> impl IntoView {
    view! {
        <header class="kw-header">
            <a class="kw-skip" href="#main">"Skip to content"</a>
            <div class="kw-brand">
                <span class="kw-brand-mark" aria-hidden="true">"KAM"</span>
                <span class="kw-brand-name">"KAM Workbench"</span>
            </div>
            <nav class="kw-nav" aria-label="Main">
                {Page::ALL
                    .into_iter()
                    .map(|p| {
                        view! {
                            <a
                                href=format!("#/{}", p.slug())
                                class="kw-nav-link"
                                data-testid=format!("nav-{}", p.slug())
                                aria-current=move || (page.get() == p).then_some("page")
                            >
                                {p.title()}
                            </a>
                        }
                    })
                    .collect_view()}
            </nav>
        </header>
    }
}
