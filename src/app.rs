use crate::components::{
    focus, BackupReminder, Header, StorageBanner, UpdateNotice, WorkspaceNotice,
};
use crate::pages::{AuditPage, DataPage, GuidePage, LitmusPage, PortfolioPage, ReportPage};
use crate::route::{Page, Route};
use crate::state::provide_app_state;
use leptos::prelude::*;

fn current_route() -> Route {
    Route::parse(&window().location().hash().unwrap_or_default())
}

/// Scrolls the header's links (one sideways-scrolling row on a phone) so the
/// current page's entry is in view.
fn reveal_current_nav_link() {
    let Ok(Some(link)) = document().query_selector(".kw-nav [aria-current=\"page\"]") else {
        return;
    };
    let Some(nav) = link.parent_element() else {
        return;
    };
    let (l, n) = (
        link.get_bounding_client_rect(),
        nav.get_bounding_client_rect(),
    );
    if l.left() < n.left() || l.right() > n.right() {
        nav.set_scroll_left(nav.scroll_left() + (l.left() - n.left() - 16.0) as i32);
    }
}

/// A new screen opens at its top. Unless the route names something within
/// the screen (an action, a guide topic, a customer), which the screen brings
/// into view itself, focus moves to the page's heading, so keyboard and
/// screen reader users start there too.
fn open_screen(changed: bool, targeted: bool) {
    if changed {
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }
    // After the new screen is drawn.
    request_animation_frame(move || {
        if changed && !targeted {
            if let Ok(Some(heading)) = document().query_selector("main h1") {
                focus(&heading);
            }
        }
        reveal_current_nav_link();
    });
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
    let screen = Memo::new(move |_| route.with(Route::screen));
    Effect::new(move |before: Option<Route>| {
        let now = screen.get();
        // The memo changes only with the screen; the first run is the app's start.
        let targeted = route.with_untracked(|r| *r != now);
        open_screen(before.is_some(), targeted);
        now
    });
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
