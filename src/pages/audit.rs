use crate::charts::period_scores;
use crate::components::{ChartSvg, ScoreButtons, TotalBadge};
use crate::domain::{framework, Period, Phase};
use crate::state::use_app_state;
use leptos::prelude::*;

#[component]
pub fn AuditPage() -> impl IntoView {
    let state = use_app_state();
    let fw = framework();
    let chart = Signal::derive(move || {
        state
            .scorecard
            .with(|sc| period_scores::render(&period_scores::Data::from_scorecard(fw, sc)))
    });
    let scored = move || state.workspace.with(|ws| ws.audit.scored_count());

    view! {
        <section class="kw-page kw-audit" aria-labelledby="audit-title">
            <h1 id="audit-title">"Action audit"</h1>
            <p class="kw-lede">
                "Score each of the " {fw.action_count} " actions of the Cranfield transition checklist: "
                {fw.scale.iter().map(|s| format!("{} {}", s.score, s.label)).collect::<Vec<_>>().join(" · ")} "."
            </p>
            <div class="kw-summary" data-testid="audit-summary">
                <div class="kw-summary-overall">
                    <span class="kw-summary-label">"Overall"</span>
                    <TotalBadge total=Signal::derive(move || state.scorecard.get().overall) testid="overall-total" />
                    <span class="kw-summary-sub" data-testid="scored-count">
                        {move || format!("{} of {} actions scored", scored(), fw.action_count)}
                    </span>
                </div>
                {fw.phases.iter().map(|ph| {
                    let id = ph.id.clone();
                    view! {
                        <div class="kw-summary-phase">
                            <span class="kw-summary-label">{format!("Phase {} · {}", ph.id, ph.name)}</span>
                            <TotalBadge
                                total=Signal::derive(move || state.scorecard.with(|sc| sc.phase(&id)))
                                testid=format!("phase-total-{}", ph.id)
                            />
                        </div>
                    }
                }).collect_view()}
            </div>
            <ChartSvg render=chart label="Score by period, as a percentage of each period's maximum" testid="chart-period-scores" />
            {fw.phases.iter().map(|ph| view! { <PhaseSection phase=ph /> }).collect_view()}
        </section>
    }
}

#[component]
fn PhaseSection(phase: &'static Phase) -> impl IntoView {
    let state = use_app_state();
    let id = phase.id.clone();
    view! {
        <section class="kw-phase" data-testid=format!("phase-{}", phase.id)>
            <h2 class="kw-phase-title">
                <span>{format!("Phase {}: {}", phase.id, phase.name)}</span>
                <TotalBadge
                    total=Signal::derive(move || state.scorecard.with(|sc| sc.phase(&id)))
                    testid=format!("phase-heading-total-{}", phase.id)
                />
            </h2>
            {phase.periods.iter().map(|p| view! { <PeriodSection period=p /> }).collect_view()}
            {phase.milestone_after.as_ref().map(|m| view! {
                <p class="kw-milestone">"Milestone: " <strong>{m.clone()}</strong></p>
            })}
        </section>
    }
}

#[component]
fn PeriodSection(period: &'static Period) -> impl IntoView {
    let state = use_app_state();
    let fw = framework();
    let number = period.number;
    view! {
        <section class="kw-period" data-testid=format!("period-{}", period.number)>
            <h3 class="kw-period-title">
                <span>{format!("Period {} · {} {}", period.number, period.id, period.name)}</span>
                <TotalBadge
                    total=Signal::derive(move || state.scorecard.with(|sc| sc.period(number)))
                    testid=format!("period-total-{}", period.number)
                />
            </h3>
            <ol class="kw-actions">
                {period.actions.iter().map(|a| {
                    let stream = fw.contributory_stream(&a.stream).map(|c| c.name.clone()).unwrap_or_default();
                    view! {
                        <li class="kw-action" data-testid=format!("action-{}", a.id)>
                            <span class="kw-action-id">{a.id.clone()}</span>
                            <span class="kw-action-text">{a.text.clone()}</span>
                            <span class="kw-action-stream">{stream}</span>
                            <ScoreButtons action_id=a.id.clone() />
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}
