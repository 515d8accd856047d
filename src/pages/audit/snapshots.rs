use crate::charts::snapshot_trend;
use crate::clock::now_iso;
use crate::components::ChartSvg;
use crate::domain::framework;
use crate::domain::number::fixed;
use crate::domain::snapshot::{compare, trend, TotalChange};
use crate::state::use_app_state;
use leptos::prelude::*;

fn signed(d: i64) -> String {
    if d > 0 {
        format!("+{d}")
    } else {
        d.to_string()
    }
}

/// Dated, labelled snapshots of the audit and litmus answers; compare any two; trend.
#[component]
pub fn SnapshotsView() -> impl IntoView {
    let state = use_app_state();
    let fw = framework();
    let label = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let delete_error = RwSignal::new(None::<String>);
    let delete = move |id: u64, name: &str| {
        let result = state.edit_snapshots(format!("Delete snapshot {name}"), |s| {
            s.remove(id).map(|_| ())
        });
        delete_error.set(result.err().map(|e| format!("Not deleted: {e}")));
    };
    let take = move |_| {
        let (text, at) = (label.get_untracked(), now_iso());
        // A snapshot freezes the audit and litmus answers; only the snapshots change.
        let result = state.audit.with_untracked(|audit| {
            state.litmus.with_untracked(|litmus| {
                state.edit_snapshots("Take a snapshot", |s| s.take(&text, &at, audit, litmus))
            })
        });
        match result {
            Ok(_) => {
                label.set(String::new());
                error.set(None);
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let list = Memo::new(move |_| {
        state.snapshots.with(|snaps| {
            snaps
                .chronological()
                .into_iter()
                .map(|s| {
                    (
                        s.id,
                        s.label.clone(),
                        s.taken_at.clone(),
                        s.scorecard(fw).overall,
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let from = RwSignal::new(None::<u64>);
    let to = RwSignal::new(None::<u64>);
    // Default comparison: the two newest snapshots, again whenever one is added.
    Effect::new(move |prev_len: Option<usize>| {
        list.with(|l| {
            let ids: Vec<u64> = l.iter().map(|s| s.0).collect();
            let valid = |v: Option<u64>| v.is_some_and(|id| ids.contains(&id));
            let grew = prev_len.is_some_and(|n| ids.len() > n);
            if grew || !valid(from.get_untracked()) || !valid(to.get_untracked()) {
                from.set(ids.len().checked_sub(2).and_then(|i| ids.get(i).copied()));
                to.set(ids.last().copied());
            }
            ids.len()
        })
    });
    let trend_svg = Signal::derive(move || {
        state.snapshots.with(|snaps| {
            let points = trend(fw, &snaps.items)
                .into_iter()
                .map(|p| snapshot_trend::TrendPoint {
                    label: p.label,
                    overall_pct: p.overall_pct,
                    phase_pct: p.phase_pct.into_iter().map(|(_, v)| v).collect(),
                })
                .collect();
            snapshot_trend::render(&snapshot_trend::Data {
                points,
                phase_names: fw.phase_labels(),
            })
        })
    });
    let select = move |sig: RwSignal<Option<u64>>, testid: &'static str| {
        view! {
            <select data-testid=testid on:change=move |ev| sig.set(event_target_value(&ev).parse().ok())>
                {move || list.get().into_iter().map(|(id, l, at, _)| view! {
                    <option value=id.to_string() selected=move || sig.get() == Some(id)>{format!("{l} ({at})")}</option>
                }).collect_view()}
            </select>
        }
    };

    view! {
        <section class="kw-snapshots">
            <form class="kw-card kw-inline-form" on:submit=move |ev| { ev.prevent_default(); take(()); }>
                <label>
                    "Label "
                    <input type="text" data-testid="snapshot-label" placeholder="e.g. Q1 review with the board"
                        prop:value=move || label.get() on:input=move |ev| label.set(event_target_value(&ev)) />
                </label>
                <button type="submit" class="kw-button kw-button-primary" data-testid="snapshot-take">"Save snapshot"</button>
                <span class="kw-muted">"Saves the current scores, N/A marks and litmus answers with today's date."</span>
                {move || error.get().map(|e| view! { <p class="kw-error" role="alert">{e}</p> })}
            </form>
            {move || delete_error.get().map(|e| view! { <p class="kw-error" role="alert" data-testid="snapshot-delete-error">{e}</p> })}
            {move || if list.with(Vec::is_empty) {
                view! { <p class="kw-empty" data-testid="snapshots-empty">"No snapshots yet."</p> }.into_any()
            } else {
                view! {
                    <table class="kw-table" data-testid="snapshot-list">
                        <thead><tr><th scope="col">"Snapshot"</th><th scope="col">"Taken"</th><th scope="col">"Overall"</th><th scope="col"><span class="kw-sr-only">"Delete"</span></th></tr></thead>
                        <tbody>
                            {list.get().into_iter().map(|(id, l, at, overall)| view! {
                                <tr data-testid=format!("snapshot-{id}")>
                                    <td>{l.clone()}</td>
                                    <td>{at}</td>
                                    <td>{format!("{} / {} ({}%)", overall.score, overall.max, fixed(overall.percent(), 0))}</td>
                                    <td>
                                        <button type="button" class="kw-button kw-button-small kw-button-danger"
                                            data-testid=format!("snapshot-delete-{id}")
                                            aria-label=format!("Delete {l}")
                                            on:click=move |_| {
                                                let ok = window().confirm_with_message(&format!("Delete the snapshot \"{l}\"?")).unwrap_or(false);
                                                if ok { delete(id, &l); }
                                            }>
                                            "Delete"
                                        </button>
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}

            {move || (list.with(Vec::len) >= 2).then(|| view! {
                <section class="kw-card" data-testid="snapshot-compare">
                    <h2>"Compare"</h2>
                    <div class="kw-inline-form">
                        <label>"From " {select(from, "compare-from")}</label>
                        <label>"To " {select(to, "compare-to")}</label>
                    </div>
                    <ComparisonTables from=from to=to />
                </section>
            })}

            {move || (!list.with(Vec::is_empty)).then(|| view! {
                <h2>"Trend"</h2>
                <ChartSvg render=trend_svg label="Overall and phase percentages across snapshots" testid="chart-snapshot-trend" filename="kam-snapshot-trend.svg">
                    <table class="kw-table">
                        <thead><tr><th scope="col">"Snapshot"</th><th scope="col">"Overall %"</th>
                            {fw.phases.iter().map(|p| view! { <th scope="col">{format!("Phase {} %", p.id)}</th> }).collect_view()}
                        </tr></thead>
                        <tbody>
                            {move || state.snapshots.with(|snaps| trend(fw, &snaps.items)).into_iter().map(|p| view! {
                                <tr><th scope="row">{p.label}</th><td>{fixed(p.overall_pct, 0)}</td>
                                {p.phase_pct.into_iter().map(|(_, v)| view! { <td>{fixed(v, 0)}</td> }).collect_view()}</tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </ChartSvg>
            })}
        </section>
    }
}

fn change_class(delta: i64) -> &'static str {
    match delta.signum() {
        1 => "kw-up",
        -1 => "kw-down",
        _ => "",
    }
}

fn change_cells(c: TotalChange) -> impl IntoView {
    view! {
        <td>{format!("{} / {}", c.from.score, c.from.max)}</td>
        <td>{format!("{} / {}", c.to.score, c.to.max)}</td>
        <td class=change_class(c.delta)>{signed(c.delta)}</td>
    }
}

#[component]
fn ComparisonTables(from: RwSignal<Option<u64>>, to: RwSignal<Option<u64>>) -> impl IntoView {
    let state = use_app_state();
    let fw = framework();
    let comparison = Memo::new(move |_| {
        let (Some(a), Some(b)) = (from.get(), to.get()) else {
            return None;
        };
        state
            .snapshots
            .with(|snaps| Some(compare(fw, snaps.get(a)?, snaps.get(b)?)))
    });
    move || {
        comparison.get().map(|c| {
            let litmus = c.litmus.clone();
            view! {
                <table class="kw-table" data-testid="compare-periods">
                    <thead><tr><th scope="col">"Total"</th><th scope="col">"From"</th><th scope="col">"To"</th><th scope="col">"Change"</th></tr></thead>
                    <tbody>
                        <tr class="kw-row-overall" data-testid="compare-overall"><th scope="row">"Overall"</th>{change_cells(c.overall)}</tr>
                        {c.phases.iter().map(|(id, t)| view! {
                            <tr><th scope="row">{format!("Phase {id}")}</th>{change_cells(*t)}</tr>
                        }).collect_view()}
                        {c.periods.iter().map(|(n, t)| {
                            let name = fw.period(*n).map(|p| p.label()).unwrap_or_default();
                            view! { <tr data-testid=format!("compare-period-{n}")><th scope="row" class="kw-indent">{name}</th>{change_cells(*t)}</tr> }
                        }).collect_view()}
                    </tbody>
                </table>
                <h3>{format!("Actions that changed ({})", c.actions.len())}</h3>
                {if c.actions.is_empty() {
                    view! { <p class="kw-empty">"No action changed."</p> }.into_any()
                } else {
                    let show = |s: Option<crate::domain::Score>, na: bool| if na { "N/A".to_string() } else { s.map(|s| s.value().to_string()).unwrap_or_else(|| "–".into()) };
                    view! {
                        <table class="kw-table kw-table-compact" data-testid="compare-actions">
                            <thead><tr><th scope="col">"Action"</th><th scope="col">"From"</th><th scope="col">"To"</th><th scope="col">"Points"</th></tr></thead>
                            <tbody>
                                {c.actions.iter().map(|d| view! {
                                    <tr>
                                        <th scope="row">{format!("{} {}", d.action_id, fw.action(&d.action_id).map(|a| a.text.as_str()).unwrap_or(""))}</th>
                                        <td>{show(d.from, d.na_from)}</td>
                                        <td>{show(d.to, d.na_to)}</td>
                                        <td>{signed(d.points_delta)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
                <p data-testid="compare-litmus">
                    {litmus.organisation_change()}
                </p>
            }
        })
    }
}
