//! The action audit: scoring, results and charts, what to do next, the
//! action plan, snapshots and several assessors' consensus, as sub-views of
//! one page.

mod assessors;
mod next;
pub(crate) mod plan;
mod results;
mod score;
mod snapshots;

use crate::app::use_route;
use crate::components::{chunk_view, SubNav, TotalBadge, ViewShown};
use crate::domain::framework;
use crate::route::{AuditView, Route};
use crate::state::{set_if_changed, use_app_state};
use leptos::context::Provider;
use leptos::prelude::*;

pub use score::ScoreView;

/// Link to one action in the scoring view.
pub fn action_href(action_id: &str) -> String {
    Route::Audit(AuditView::Score, Some(action_id.to_string())).href()
}

// The views other than scoring each come in their own chunk (see components::chunk).
crate::chunked_view!(
    results_view,
    kw_audit_results,
    view! { <results::ResultsView /> }
);
crate::chunked_view!(next_view, kw_audit_next, view! { <next::NextView /> });
crate::chunked_view!(plan_view, kw_audit_plan, view! { <plan::PlanView /> });
crate::chunked_view!(
    snapshots_view,
    kw_audit_snapshots,
    view! { <snapshots::SnapshotsView /> }
);
crate::chunked_view!(
    assessors_view,
    kw_audit_assessors,
    view! { <assessors::AssessorsView /> }
);

#[component]
pub fn AuditPage() -> impl IntoView {
    let state = use_app_state();
    let route = use_route();
    let fw = framework();
    let tab = Memo::new(move |_| match route.get() {
        Route::Audit(view, _) => view,
        _ => AuditView::Score,
    });
    let current_tab: Signal<Option<AuditView>> = Signal::derive(move || Some(tab.get()));
    // The score list and Results, the two views a meeting goes back and forth between, are
    // each built on their first visit and then kept, hidden while another view shows.
    let score_seen = RwSignal::new(tab.get_untracked() == AuditView::Score);
    let results_seen = RwSignal::new(tab.get_untracked() == AuditView::Results);
    Effect::new(move |_| match tab.get() {
        AuditView::Score => {
            set_if_changed(score_seen, true);
        }
        AuditView::Results => {
            set_if_changed(results_seen, true);
        }
        _ => {}
    });
    let score_hidden = move || tab.get() != AuditView::Score;
    let results_shown = Signal::derive(move || tab.get() == AuditView::Results);
    let results_hidden = move || !results_shown.get();
    // Results is where a meeting goes from the score list, again and again: built ahead,
    // hidden, once the page is idle (its chunk fetched then), so even the first switch to it
    // shows what is built rather than building it.
    request_idle_callback(move || {
        set_if_changed(results_seen, true);
    });
    let scored = move || state.audit.with(|a| a.scored_count());
    let na = move || state.audit.with(|a| a.not_applicable_count());

    view! {
        <section class="kw-page kw-audit" aria-labelledby="audit-title">
            <h1 id="audit-title" tabindex="-1">"Action audit"</h1>
            <div class="kw-summary" data-testid="audit-summary">
                <div class="kw-summary-overall">
                    <span class="kw-summary-label">"Overall"</span>
                    <TotalBadge total=Signal::derive(move || state.derived.scorecard.with(|sc| sc.overall)) testid="overall-total" />
                    <span class="kw-summary-sub" data-testid="scored-count">
                        {move || {
                            let na = na();
                            let mut s = format!("{} of {} actions scored", scored(), fw.action_count);
                            if na > 0 {
                                s.push_str(&format!(", {na} N/A"));
                            }
                            s
                        }}
                    </span>
                </div>
                {fw.phases.iter().map(|ph| {
                    let id = ph.id.clone();
                    view! {
                        <div class="kw-summary-phase">
                            <span class="kw-summary-label">{format!("Phase {} · {}", ph.id, ph.name)}</span>
                            <TotalBadge
                                total=Signal::derive(move || state.derived.scorecard.with(|sc| sc.phase(&id)))
                                testid=format!("phase-total-{}", ph.id)
                            />
                        </div>
                    }
                }).collect_view()}
            </div>
            <SubNav page="audit" label="Audit views" current=current_tab />
            // Rebuilding the score list's 129 rows, or Results' table and figures, took most of
            // switching to them. Kept views are hidden with their rendering kept
            // (`.kw-kept-view`), inert so nothing in them takes focus meanwhile; hidden Results
            // redraws its figures only when it shows again (`ViewShown`).
            <Show when=move || score_seen.get()>
                <div class="kw-kept-view" hidden=score_hidden inert=score_hidden>
                    <ScoreView />
                </div>
            </Show>
            <Show when=move || results_seen.get()>
                <div class="kw-kept-view" hidden=results_hidden inert=results_hidden>
                    <Provider value=ViewShown(results_shown)>{chunk_view(results_view)}</Provider>
                </div>
            </Show>
            {move || match tab.get() {
                AuditView::Score | AuditView::Results => ().into_any(),
                AuditView::Next => chunk_view(next_view),
                AuditView::Plan => chunk_view(plan_view),
                AuditView::Snapshots => chunk_view(snapshots_view),
                AuditView::Assessors => chunk_view(assessors_view),
            }}
        </section>
    }
}
