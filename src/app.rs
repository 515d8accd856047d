use crate::components::{BackupReminder, Header, StorageBanner, UpdateNotice, WorkspaceNotice};
use crate::pages::{AuditPage, DataPage, GuidePage, LitmusPage, PortfolioPage, ReportPage};
use crate::route::{Page, Route};
use crate::state::provide_app_state;
use leptos::prelude::*;

fn current_route() -> Route {
    Route::parse(&window().location().hash().unwrap_or_default())
}

/// The current route, for the header and pages with sub-views.
pub fn use_route() -> Memo<Route> {
    expect_context::<Memo<Route>>()
}

#[component]
pub fn App() -> impl IntoView {
    let state = provide_app_state();
    // A workspace saved by a newer version is shown, never changed.
    let read_only = Memo::new(move |_| {
        state
            .problem
            .with(|p| p.as_ref().is_some_and(|p| p.read_only()))
    });
    let route = RwSignal::new(current_route());
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        let r = current_route();
        if route.with_untracked(|now| *now != r) {
            route.set(r);
        }
    });
    on_cleanup(move || listener.remove());
    let route = Memo::new(move |_| route.get());
    provide_context(route);
    let page = Memo::new(move |_| route.with(Route::page));

    view! {
        <div class="kw-app">
            <Header page=page />
            <StorageBanner />
            <WorkspaceNotice />
            <BackupReminder />
            <UpdateNotice />
            <main class="kw-main" id="main" tabindex="-1">
                <fieldset class="kw-read-only" disabled=move || read_only.get() data-testid="read-only">
                    {move || match page.get() {
                        Page::Audit => view! { <AuditPage /> }.into_any(),
                        Page::Litmus => view! { <LitmusPage /> }.into_any(),
                        Page::Portfolio => view! { <PortfolioPage /> }.into_any(),
                        Page::Report => view! { <ReportPage /> }.into_any(),
                        Page::Guide => view! { <GuidePage /> }.into_any(),
                        Page::Data => view! { <DataPage /> }.into_any(),
                    }}
                </fieldset>
            </main>
        </div>
    }
}
