use super::action_href;
use crate::components::{
    ChartSvg, GuideLink, HeatmapTable, LitmusGate, PeriodScoresTable, PositionText, TotalBadge,
};
use crate::domain::audit::{self, Grouping};
use crate::domain::framework;
use crate::domain::guide::Topic;
use crate::state::use_app_state;
use leptos::prelude::*;

/// Totals with their explanations, Figures 3 and 4 and the streams heatmap.
#[component]
pub fn ResultsView() -> impl IntoView {
    let state = use_app_state();
    let figures = state.figures();
    let fig3 = figures.period_scores;
    let targets = figures.targets;
    let overall = Memo::new(move |_| state.derived.scorecard.with(|sc| sc.overall));
    let position = state.analyses().position;
    let fig4 = figures.development_path;
    let heat_svg = figures.streams_heatmap;

    view! {
        <section class="kw-results">
            <h2>"Totals"</h2>
            <p class="kw-muted">"Open \"Explain\" on any total to see the actions behind it. " {audit::NOT_APPLICABLE_RULE}</p>
            <TotalsTable />

            <h2 id="fig3-title">"Figure 3: score by period"</h2>
            <p class="kw-muted">
                "Each bar is a period's score as a percentage of that period's maximum, with the milestones between periods. "
                {move || if targets.with(Option::is_some) { "Lighter bars beside them are the targets from the action plan." } else { "Set target scores in the action plan to see them beside the current bars." }}
            </p>
            <ChartSvg render=fig3 label="Figure 3: score by period as a percentage of each period's maximum" testid="chart-period-scores" filename="kam-figure-3-score-by-period.svg">
                <PeriodScoresTable target=Signal::derive(move || targets.get()) />
            </ChartSvg>

            <h2 id="fig4-title">"Figure 4: overall position on the development path"</h2>
            <p class="kw-position" data-testid="position-sentence">
                {move || position.with(|p| audit::position_sentence(p, overall.get().score))}
            </p>
            <p class="kw-muted">
                "Here actions done earlier than expected compensate for missing ones in earlier periods; "
                "Figure 3 shows them separately. Both readings are informative. "
                <GuideLink topic=Topic::Timeline text="Your pace against the typical years (Figure 2)" />
            </p>
            <ChartSvg render=fig4 label="Figure 4: the overall audit total placed on the KAM development path" testid="chart-development-path" filename="kam-figure-4-development-path.svg">
                <PositionText />
            </ChartSvg>
            <LitmusGate />

            <h2>"Streams by period"</h2>
            <p class="kw-muted">"Each cell is a contributory stream's score in a period as a percentage of that cell's maximum. Empty cells: the source has no action there. "
                <GuideLink topic=Topic::Streams /></p>
            <ChartSvg render=heat_svg label="Heatmap of the nine contributory streams across the twelve periods" testid="chart-streams-heatmap" filename="kam-streams-heatmap.svg">
                <HeatmapTable />
            </ChartSvg>
        </section>
    }
}

/// Every total the audit reports, each with the actions behind it.
#[component]
fn TotalsTable() -> impl IntoView {
    let fw = framework();
    let mut groups: Vec<(String, Grouping, &'static str)> =
        vec![("Overall".into(), Grouping::Overall, "kw-row-overall")];
    for ph in &fw.phases {
        groups.push((
            format!("Phase {}: {}", ph.id, ph.name),
            Grouping::Phase(ph.id.clone()),
            "kw-row-phase",
        ));
        for p in &ph.periods {
            groups.push((
                format!("Period {} · {} {}", p.number, p.id, p.name),
                Grouping::Period(p.number),
                "kw-row-period",
            ));
        }
    }
    for s in &fw.streams {
        groups.push((
            format!("Stream: {}", s.name),
            Grouping::Stream(s.id.clone()),
            "kw-row-phase",
        ));
        for c in &s.contributory {
            groups.push((
                c.name.clone(),
                Grouping::Contributory(c.id.clone()),
                "kw-row-period",
            ));
        }
    }
    view! {
        <table class="kw-table kw-totals" data-testid="totals-table">
            <thead><tr><th scope="col">"Total"</th><th scope="col">"Score / maximum"</th><th scope="col">"Explain"</th></tr></thead>
            <tbody>
                {groups.into_iter().map(|(name, g, class)| view! { <TotalRow name=name grouping=g class=class /> }).collect_view()}
            </tbody>
        </table>
    }
}

fn grouping_testid(g: &Grouping) -> String {
    match g {
        Grouping::Overall => "overall".into(),
        Grouping::Phase(id) => format!("phase-{id}"),
        Grouping::Period(n) => format!("period-{n}"),
        Grouping::Stream(id) => format!("stream-{id}"),
        Grouping::Contributory(id) => format!("contributory-{id}"),
    }
}

#[component]
fn TotalRow(name: String, grouping: Grouping, class: &'static str) -> impl IntoView {
    let state = use_app_state();
    let fw = framework();
    let key = grouping_testid(&grouping);
    let g = grouping.clone();
    let total = Signal::derive(move || state.derived.scorecard.with(|sc| g.total(sc)));
    let open = RwSignal::new(false);
    let rows = move || {
        state.audit.with(|recorded| {
            audit::actions_behind(fw, recorded, &grouping)
                .into_iter()
                .map(|(a, pts, max)| {
                    let na = recorded.is_not_applicable(&a.id);
                    let scored = recorded.score(&a.id).is_some();
                    let shown = if na {
                        "N/A (0)".to_string()
                    } else if scored {
                        pts.to_string()
                    } else {
                        "unscored (0)".to_string()
                    };
                    view! {
                        <li>
                            <a href=action_href(&a.id)>{a.id.clone()}</a>
                            " " {a.text.clone()} " — "
                            <strong>{format!("{shown} of {max}")}</strong>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <tr class=class data-testid=format!("total-row-{key}")>
            <th scope="row">{name}</th>
            <td><TotalBadge total=total testid=format!("total-{key}") /></td>
            <td>
                <button type="button" class="kw-button kw-button-small" aria-expanded=move || open.get().to_string()
                    data-testid=format!("explain-{key}") on:click=move |_| open.update(|o| *o = !*o)>
                    {move || if open.get() { "Hide" } else { "Explain" }}
                </button>
            </td>
        </tr>
        {move || open.get().then(|| view! {
            <tr class="kw-explain-row">
                <td colspan="3">
                    <ul class="kw-explain" data-testid=format!("explain-list-{key}")>{rows()}</ul>
                </td>
            </tr>
        })}
    }
}
