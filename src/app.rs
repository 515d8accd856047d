use crate::components::{Header, StorageBanner};
use crate::pages::{AuditPage, GuidePage, LitmusPage, PortfolioPage};
use crate::state::provide_app_state;
use leptos::prelude::*;

/// The screens. Hash routes (`#/audit`) work from any static host and sub-path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Audit,
    Litmus,
    Portfolio,
    Guide,
}

impl Page {
    pub const ALL: [Page; 4] = [Page::Audit, Page::Litmus, Page::Portfolio, Page::Guide];

    pub fn slug(self) -> &'static str {
        match self {
            Page::Audit => "audit",
            Page::Litmus => "litmus",
            Page::Portfolio => "portfolio",
            Page::Guide => "guide",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Page::Audit => "Audit",
            Page::Litmus => "Litmus tests",
            Page::Portfolio => "Portfolio",
            Page::Guide => "Guide",
        }
    }

    pub fn from_hash(hash: &str) -> Page {
        let slug = hash.trim_start_matches('#').trim_start_matches('/');
        let slug = slug.split(['/', '?']).next().unwrap_or("");
        Page::ALL
            .into_iter()
            .find(|p| p.slug() == slug)
            .unwrap_or(Page::Audit)
    }
}

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

#[component]
pub fn App() -> impl IntoView {
    provide_app_state();
    let page = RwSignal::new(Page::from_hash(&current_hash()));
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        page.set(Page::from_hash(&current_hash()));
    });
    on_cleanup(move || listener.remove());

    view! {
        <div class="kw-app">
            <Header page=page />
            <StorageBanner />
            <main class="kw-main" id="main" tabindex="-1">
                {move || match page.get() {
                    Page::Audit => view! { <AuditPage /> }.into_any(),
                    Page::Litmus => view! { <LitmusPage /> }.into_any(),
                    Page::Portfolio => view! { <PortfolioPage /> }.into_any(),
                    Page::Guide => view! { <GuidePage /> }.into_any(),
                }}
            </main>
        </div>
    }
}
