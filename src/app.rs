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
        let slug = route_segments(hash).into_iter().next().unwrap_or_default();
        Page::ALL
            .into_iter()
            .find(|p| p.slug() == slug)
            .unwrap_or(Page::Audit)
    }
}

/// `#/audit/score/A1.01` → ["audit", "score", "A1.01"].
pub fn route_segments(hash: &str) -> Vec<String> {
    hash.trim_start_matches('#')
        .split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// The current hash route, for pages with sub-views.
#[derive(Clone, Copy)]
pub struct Route(pub RwSignal<String>);

impl Route {
    /// The route segment at `index` (0 is the page), if any.
    pub fn segment(&self, index: usize) -> Option<String> {
        self.0.with(|h| route_segments(h).into_iter().nth(index))
    }
}

pub fn use_route() -> Route {
    expect_context::<Route>()
}

#[component]
pub fn App() -> impl IntoView {
    provide_app_state();
    let hash = RwSignal::new(current_hash());
    provide_context(Route(hash));
    let page = RwSignal::new(Page::from_hash(&current_hash()));
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        let h = current_hash();
        let p = Page::from_hash(&h);
        if page.get_untracked() != p {
            page.set(p);
        }
        hash.set(h);
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
