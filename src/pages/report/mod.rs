//! The report to hand a board: one print-ready page read from the workspace
//! (audit, litmus tests, portfolio, drivers). Every figure comes from the
//! shared memos and the model; the page only lays them out.

mod portfolio;

use crate::charts::period_scores;
use crate::clock::today_iso;
use crate::components::{ChartSvg, HeatmapTable, LitmusGate, PeriodScoresTable, PositionText};
use crate::domain::audit::{self, NextSteps, TO_ACT_ON};
use crate::domain::guide::{self, Topic};
use crate::domain::number::fixed;
use crate::domain::{framework, Action};
use crate::pages::audit::plan::PlanTable;
use crate::route::{AuditView, LitmusView, Route, SubView};
use crate::state::{use_app_state, Analyses};
use leptos::prelude::*;

#[component]
pub fn ReportPage() -> impl IntoView {
    let state = use_app_state();
    let print_error = RwSignal::new(None::<String>);
    let print = move |_| {
        let result = window().print();
        print_error.set(
            result
                .err()
                .map(|e| format!("The browser refused to print: {e:?}")),
        );
    };
    let assessors = Memo::new(move |_| {
        state
            .assessors
            .with(|a| a.0.iter().map(|s| s.name.clone()).collect::<Vec<_>>())
    });
    view! {
        <article class="kw-report" data-testid="report">
            <header class="kw-report-head" data-testid="report-head">
                <p class="kw-report-kicker">"Key account management: where the programme stands"</p>
                <h1 id="report-title" tabindex="-1" data-testid="report-organisation">{move || state.name.get()}</h1>
                <dl class="kw-report-meta">
                    <div><dt>"Date"</dt><dd data-testid="report-date">{today_iso()}</dd></div>
                    <div><dt>"Assessed by"</dt>
                        <dd data-testid="report-assessors">{move || assessors.with(|names| if names.is_empty() {
                            "One assessment (no separate assessors added)".to_string()
                        } else {
                            format!("{} assessors: {}", names.len(), names.join(", "))
                        })}</dd>
                    </div>
                    <div><dt>"Actions scored"</dt>
                        <dd data-testid="report-scored">{move || state.audit.with(|a| {
                            let na = a.not_applicable_count();
                            let mut s = format!("{} of {}", a.scored_count(), framework().actions().count());
                            if na > 0 { s.push_str(&format!(", {na} not applicable now")); }
                            s
                        })}</dd>
                    </div>
                </dl>
                <p class="kw-report-actions">
                    <button type="button" class="kw-button kw-button-primary" data-testid="report-print" on:click=print>
                        "Print / Save as PDF"
                    </button>
                    <span class="kw-muted">" Choose A4 or Letter in the print dialog; the charts stay sharp at any size."</span>
                </p>
                {move || print_error.get().map(|e| view! { <p class="kw-error" role="alert">{e}</p> })}
            </header>
            <Position />
            <Streams />
            <ToActOn />
            <Plan />
            <Litmus />
            <portfolio::Portfolio />
            <Drivers />
        </article>
    }
}

/// A report section: a heading, the link to where it is worked on, its body.
#[component]
fn Section(
    testid: &'static str,
    title: &'static str,
    /// Where the user changes what this section reports.
    edit: Route,
    edit_label: &'static str,
    /// Short enough to print on one sheet: never split across two.
    #[prop(optional)]
    keep: bool,
    children: Children,
) -> impl IntoView {
    let heading = format!("{testid}-title");
    let labelled_by = heading.clone();
    view! {
        <section class="kw-report-section" class:kw-report-keep=keep data-testid=testid aria-labelledby=labelled_by>
            <div class="kw-report-section-head">
                <h2 id=heading>{title}</h2>
                <a class="kw-report-edit" href=edit.href()>{edit_label}</a>
            </div>
            {children()}
        </section>
    }
}

/// Overall position (Figure 4), the pace against Figure 2, and Figure 3.
#[component]
fn Position() -> impl IntoView {
    let state = use_app_state();
    let fw = framework();
    let overall = Memo::new(move |_| state.derived.scorecard.with(|sc| sc.overall));
    let Analyses {
        position, timeline, ..
    } = state.analyses();
    let fig4 = state.figures().development_path;
    let fig3 = Signal::derive(move || {
        state
            .derived
            .scorecard
            .with(|sc| period_scores::render(&period_scores::Data::from_scorecards(fw, sc, None)))
    });
    view! {
        <Section testid="report-position" title="Overall position" edit=AuditView::Results.route() edit_label="Results & charts">
            <p class="kw-report-lead" data-testid="report-total">
                {move || {
                    let t = overall.get();
                    format!("Audit total {} of {} ({}%).", t.score, t.max, fixed(t.percent(), 0))
                }}
                " "
                {move || position.with(|p| audit::position_sentence(p, overall.get().score))}
            </p>
            {move || timeline.with(|r| match r {
                Some(Ok(r)) => Some(view! {
                    <p data-testid="report-pace" data-pace=r.pace.map_or("unknown", |p| p.slug())>
                        {r.pace.map(|p| view! { <strong>{p.headline()}". "</strong> })}
                        {r.sentence(fw)}
                    </p>
                }.into_any()),
                Some(Err(e)) => Some(view! { <p class="kw-error" data-testid="report-pace">{e.to_string()}</p> }.into_any()),
                None => None,
            })}
            <div class="kw-report-figures">
                <div class="kw-report-figure">
                <h3>"Figure 4: overall position on the development path"</h3>
                <ChartSvg render=fig4 label="Figure 4: the overall audit total placed on the KAM development path" testid="report-figure-4">
                    <PositionText />
                </ChartSvg>
                </div>
                <div class="kw-report-figure">
                <h3>"Figure 3: score by period, with the milestones"</h3>
                <ChartSvg render=fig3 label="Figure 3: score by period as a percentage of each period's maximum" testid="report-figure-3">
                    <PeriodScoresTable />
                </ChartSvg>
                <p class="kw-muted">"Each bar is a period's score as a share of that period's maximum."</p>
                </div>
            </div>
        </Section>
    }
}

/// The nine contributory streams across the twelve periods.
#[component]
fn Streams() -> impl IntoView {
    let state = use_app_state();
    let heat = state.figures().streams_heatmap;
    view! {
        <Section testid="report-streams" keep=true title="Streams by period" edit=AuditView::Results.route() edit_label="Results & charts">
            <p class="kw-muted">"Each cell is a contributory stream's score in a period as a share of that cell's maximum; empty cells have no action in the source."</p>
            <ChartSvg render=heat label="Heatmap of the nine contributory streams across the twelve periods" testid="report-heatmap">
                <HeatmapTable />
            </ChartSvg>
        </Section>
    }
}

/// Missing and lagging actions, the first ones to act on in full.
#[component]
fn ToActOn() -> impl IntoView {
    let state = use_app_state();
    let fw = framework();
    let lists = Memo::new(move |_| {
        state.audit.with(|a| {
            let next = NextSteps::read(fw, a);
            let rows = |acts: &[&Action]| {
                acts.iter()
                    .map(|act| (act.id.clone(), act.text.clone(), a.state_label(&act.id)))
                    .collect::<Vec<_>>()
            };
            (
                next.position_text(fw),
                next.missing_rule(),
                rows(&next.missing),
                next.lagging_rule(),
                rows(&next.lagging),
            )
        })
    });
    view! {
        <Section testid="report-to-act-on" title="Missing and lagging actions" edit=AuditView::Next.route() edit_label="What to do next">
            <p>{move || lists.with(|l| l.0.clone())}</p>
            <div class="kw-report-columns">
                <div data-testid="report-missing">
                    <h3>"Missing"</h3>
                    <p class="kw-muted">{move || lists.with(|l| l.1.clone())}</p>
                    {move || view! { <ActionList rows=lists.with(|l| l.2.clone()) /> }}
                </div>
                <div data-testid="report-lagging">
                    <h3>"Lagging"</h3>
                    <p class="kw-muted">{move || lists.with(|l| l.3.clone())}</p>
                    {move || view! { <ActionList rows=lists.with(|l| l.4.clone()) /> }}
                </div>
            </div>
        </Section>
    }
}

/// The first actions to act on; how many more there are.
#[component]
fn ActionList(rows: Vec<(String, String, String)>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="kw-empty">"None."</p> }.into_any();
    }
    let more = rows.len().saturating_sub(TO_ACT_ON);
    view! {
        <ol class="kw-report-actions-list">
            {rows.into_iter().take(TO_ACT_ON).map(|(id, text, state)| view! {
                <li data-testid=format!("report-action-{id}")>
                    <span class="kw-report-id">{id.clone()}</span>" "{text}" "<span class="kw-pill">{state}</span>
                </li>
            }).collect_view()}
        </ol>
        {(more > 0).then(|| view! { <p class="kw-muted">{format!("And {more} more, listed in the app under What to do next.")}</p> })}
    }
    .into_any()
}

/// The action plan, due date first.
#[component]
fn Plan() -> impl IntoView {
    let state = use_app_state();
    let fw = framework();
    let today = today_iso();
    let rows = Memo::new(move |_| state.audit.with(|a| audit::plan_items(fw, a, &today)));
    view! {
        <Section testid="report-plan" title="Action plan" edit=AuditView::Plan.route() edit_label="Action plan">
            {move || if rows.with(Vec::is_empty) {
                view! { <p class="kw-empty">"No planned actions yet: plan an action from its \"Notes & plan\" while scoring."</p> }.into_any()
            } else {
                view! { <PlanTable rows=rows.get() testid="report-plan-table" row_testid="report-plan" /> }.into_any()
            }}
        </Section>
    }
}

/// The three litmus tests and the Recommitment gate.
#[component]
fn Litmus() -> impl IntoView {
    let state = use_app_state();
    let Analyses {
        organisation: org,
        team,
        customer_ranking: ranking,
        ..
    } = state.analyses();
    let customers = Memo::new(move |_| {
        ranking.with(|r| {
            state.portfolio.with(|p| {
                r.iter()
                    .filter(|(_, readiness)| readiness.tested())
                    .filter_map(|(id, readiness)| {
                        p.get(*id)
                            .map(|a| (a.name.clone(), readiness.yes, readiness.of))
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    view! {
        <Section testid="report-litmus" title="Litmus tests and the Recommitment gate" edit=LitmusView::Organisation.route() edit_label="Litmus tests">
            <table class="kw-table kw-report-table" data-testid="report-litmus-table">
                <thead><tr><th scope="col">"Test"</th><th scope="col">"Result"</th><th scope="col">"Detail"</th></tr></thead>
                <tbody>
                    <tr data-testid="report-litmus-organisation">
                        <th scope="row">"Organisation"</th>
                        <td>{move || org.with(|o| o.verdict())}</td>
                        <td>{move || org.with(|o| format!("{} ({} needed)", o.tally(), o.pass))}</td>
                    </tr>
                    <tr data-testid="report-litmus-managers">
                        <th scope="row">"Key account managers"</th>
                        <td>{move || team.with(|t| t.headline())}</td>
                        <td>{crate::domain::litmus::TeamSummary::RULE}</td>
                    </tr>
                    <tr data-testid="report-litmus-customers">
                        <th scope="row">"KAM-ready customers"</th>
                        <td>{move || customers.with(|c| format!("{} customers tested", c.len()))}</td>
                        <td>{move || customers.with(|c| if c.is_empty() {
                            "No customer tested yet.".to_string()
                        } else {
                            c.iter().take(TO_ACT_ON).map(|(name, yes, of)| format!("{name} {yes}/{of}")).collect::<Vec<_>>().join("; ")
                        })}</td>
                    </tr>
                </tbody>
            </table>
            <LitmusGate />
        </Section>
    }
}

/// The drivers of KAM the user ticked in the guide (Figure 1).
#[component]
fn Drivers() -> impl IntoView {
    let state = use_app_state();
    let ticked = Memo::new(move |_| {
        state.programme.with(|p| {
            guide::ticked(p)
                .into_iter()
                .map(|d| (d.id, d.label, d.quadrant()))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Section testid="report-drivers" keep=true title="Drivers of KAM at work" edit=Route::Guide(Some(Topic::Drivers)) edit_label="Guide: drivers">
            {move || if ticked.with(Vec::is_empty) {
                view! { <p class="kw-empty">"No drivers chosen yet: tick the ones at work in the guide (Figure 1)."</p> }.into_any()
            } else {
                view! {
                    <ul class="kw-report-drivers">
                        {ticked.get().into_iter().map(|(id, label, quadrant)| view! {
                            <li data-testid=format!("report-driver-{id}")><strong>{label}</strong>" ("{quadrant}")"</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </Section>
    }
}
