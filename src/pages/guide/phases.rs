use crate::charts::transition_phases;
use crate::clock::today_iso;
use crate::components::ChartSvg;
use crate::domain::date::IsoDate;
use crate::domain::framework;
use crate::domain::guide::{self, StartError};
use crate::state::use_app_state;
use leptos::prelude::*;

/// Figure 2 with the programme marked, then each phase's periods with the
/// milestones right after the period they follow.
#[component]
pub fn PhasesTopic() -> impl IntoView {
    let fw = framework();
    let reading = use_app_state().analyses().timeline;
    let figure = Signal::derive(move || {
        reading.with(|r| {
            let ok = r.as_ref().and_then(|r| r.as_ref().ok());
            transition_phases::render(&transition_phases::Data::with_reading(fw, ok))
        })
    });
    view! {
        {guide::PHASES_INTRO.iter().map(|p| view! { <p>{*p}</p> }).collect_view()}
        <ChartSvg
            render=figure
            label="Figure 2: phases in transitioning to KAM, KAM capability over the typical years, with the milestones"
            testid="figure-2"
            filename="kam-figure-2-phases.svg"
        >
            <Figure2Table />
        </ChartSvg>
        <p class="kw-muted">
            "Figure 2. Capability rises phase by phase; the time axis follows the source's typical durations. "
            "Give your programme's start date below to mark today and your audit on it."
        </p>
        <div class="kw-guide-phases">
            {fw.phases.iter().map(|ph| view! {
                <section class="kw-card kw-guide-phase" data-testid=format!("guide-phase-{}", ph.id)>
                    <h3>{format!("Phase {}: {}", ph.id, ph.name)}</h3>
                    <p>{guide::phase_text(&ph.id)}</p>
                    <ol class="kw-guide-periods">
                        {ph.periods.iter().map(|p| view! {
                            <li data-testid=format!("guide-period-{}", p.number)>
                                <strong>{format!("Period {}: {}", p.number, p.name)}</strong>
                                <span class="kw-muted">{format!(" · {} actions, maximum {}", p.actions.len(), p.max_score)}</span>
                                <p>{guide::period_text(p.number)}</p>
                            </li>
                            {fw.milestone_after_period(p.number).map(|m| view! {
                                <li class="kw-milestone kw-guide-milestone" data-testid=format!("guide-milestone-{}", m.after_period)>
                                    <strong>{format!("Milestone: {}", m.name)}</strong>
                                    {fw.period(m.after_period + 1).map(|next| format!(" (between period {} and period {}, {})", m.after_period, next.number, next.name))}
                                    <p>{guide::milestone_text(&m.phase_id)}</p>
                                </li>
                            })}
                        }).collect_view()}
                    </ol>
                </section>
            }).collect_view()}
        </div>
        <p>{guide::BEST_PRACTICE}</p>
    }
}

/// Figure 2 as a table: each period's typical time and the milestone after it.
#[component]
fn Figure2Table() -> impl IntoView {
    let fw = framework();
    view! {
        <table class="kw-table">
            <thead><tr><th scope="col">"Period"</th><th scope="col">"Phase"</th><th scope="col">"Typical time from the start"</th><th scope="col">"Milestone after it"</th></tr></thead>
            <tbody>
                {fw.periods().map(|p| {
                    let from = guide::typical_months_to(f64::from(p.number) - 1.0);
                    let to = guide::typical_months_to(f64::from(p.number));
                    view! {
                        <tr>
                            <th scope="row">{p.label()}</th>
                            <td>{fw.phase_of_period(p.number).map(|ph| ph.label())}</td>
                            <td>{format!("{} to {}", guide::format_months(from), guide::format_months(to))}</td>
                            <td>{fw.milestone_after_period(p.number).map(|m| m.name)}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The start date, and the plain reading against the typical pace.
#[component]
pub fn TimelineTopic() -> impl IntoView {
    let state = use_app_state();
    let fw = framework();
    let reading = state.analyses().timeline;
    let error = RwSignal::new(None::<String>);
    let max = today_iso();
    let on_change = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let parsed = today_iso()
            .parse::<IsoDate>()
            .map_err(StartError::from)
            .and_then(|today| guide::parse_start(&text, today));
        match parsed {
            Ok(start) => {
                error.set(None);
                let label = match start {
                    Some(d) => format!("Programme start {d}"),
                    None => "Clear the programme start".to_string(),
                };
                state.edit_programme(label, |p| p.start = start);
            }
            Err(e) => error.set(Some(format!("Not saved: {e}"))),
        }
    };
    view! {
        <super::Blocks topic=guide::Topic::Timeline />
        <div class="kw-inline-form kw-guide-start">
            <label for="programme-start">"Programme start date"</label>
            <input
                type="date"
                id="programme-start"
                data-testid="programme-start"
                max=max
                aria-describedby="programme-start-error"
                prop:value=move || state.programme.with(|p| p.start.map(|d| d.to_string()).unwrap_or_default())
                on:change=on_change
            />
        </div>
        <p id="programme-start-error" class="kw-error" role="alert" data-testid="programme-start-error" hidden=move || error.with(Option::is_none)>
            {move || error.get()}
        </p>
        <div class="kw-guide-pace" aria-live="polite" data-testid="programme-pace"
            data-pace=move || reading.with(|r| match r {
                Some(Ok(r)) => r.pace.map_or("unknown", |p| p.slug()),
                _ => "unknown",
            })>
            {move || reading.with(|r| match r {
                None => view! { <p class="kw-muted">"No start date yet: give one to see your pace."</p> }.into_any(),
                Some(Err(e)) => view! { <p class="kw-error" role="alert">{e.to_string()}</p> }.into_any(),
                Some(Ok(r)) => view! {
                    {r.pace.map(|p| view! { <p class="kw-guide-pace-headline"><strong>{p.headline()}</strong></p> })}
                    <p>{r.sentence(fw)}</p>
                }.into_any(),
            })}
        </div>
        <p class="kw-muted">{guide::PACE_RULE}</p>
    }
}
