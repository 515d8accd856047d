use crate::components::{
    chunk_view, focus, BackupReminder, Header, StorageBanner, UpdateNotice, WorkspaceNotice,
};
use crate::pages::{AuditPage, DataPage, GuidePage, LitmusPage, PortfolioPage, ReportPage};
use crate::route::{Page, Route};
use crate::state::{provide_app_state, set_if_changed};
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
    request_animation_frame(move || {
        if changed && !targeted {
            focus_heading_once_drawn(FRAMES_FOR_A_CHUNK);
        }
        reveal_current_nav_link();
    });
}

/// About two seconds of frames: how long a screen whose chunk is still arriving is waited for.
const FRAMES_FOR_A_CHUNK: u32 = 120;

/// Focuses the new screen's heading in the first frame it is drawn in (the next one, or once
/// its chunk has arrived).
fn focus_heading_once_drawn(frames_left: u32) {
    match document().query_selector("main h1") {
        Ok(Some(heading)) => focus(&heading),
        _ if frames_left > 0 => {
            request_animation_frame(move || focus_heading_once_drawn(frames_left - 1))
        }
        _ => {}
    }
}

// Every screen but the audit (the one most visits start and stay on) comes in its own chunk.
crate::chunked_view!(litmus_page, kw_litmus, view! { <LitmusPage /> });
crate::chunked_view!(portfolio_page, kw_portfolio, view! { <PortfolioPage /> });
crate::chunked_view!(report_page, kw_report, view! { <ReportPage /> });
crate::chunked_view!(guide_page, kw_guide, view! { <GuidePage /> });
crate::chunked_view!(data_page, kw_data, view! { <DataPage /> });

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
        set_if_changed(route, current_route());
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
                        Page::Litmus => chunk_view(litmus_page),
                        Page::Portfolio => chunk_view(portfolio_page),
                        Page::Report => chunk_view(report_page),
                        Page::Guide => chunk_view(guide_page),
                        Page::Data => chunk_view(data_page),
                    }}
                </fieldset>
            </main>
        </div>
    }
}
