use crate::app::use_route;
use crate::clock::now_ms;
use crate::components::{
    focus, set_score, stepped, toggled_open, GuideLink, ScoreButtons, TotalBadge,
};
use crate::domain::audit::{self, ActionFilter};
use crate::domain::guide::{self, Topic};
use crate::domain::{framework, Action, ActionEntry, Phase, PlanStatus, Score};
use crate::route::Route;
use crate::state::{set_if_changed, use_app_state, AppState};
use leptos::html;
use leptos::prelude::*;
use std::collections::HashSet;
use wasm_bindgen::JsCast;

/// Scoring the checklist: read-through first, then filters and the action list.
#[component]
pub fn ScoreView() -> impl IntoView {
    let state = use_app_state();
    let read = Memo::new(move |_| state.audit.with(|a| a.read_through_done));
    move || {
        if read.get() {
            view! { <ScoreList /> }.into_any()
        } else {
            view! { <ReadThrough /> }.into_any()
        }
    }
}

/// The source asks for all four phase tables to be read before scoring.
#[component]
fn ReadThrough() -> impl IntoView {
    let state = use_app_state();
    let fw = framework();
    let done = move |label: &'static str| {
        state.edit_audit(label, |a| a.read_through_done = true);
        // The list takes the read-through's place: start at its first action,
        // not wherever the page was scrolled to for this button, with the 0-3
        // scale above it in view (on a phone too).
        if let Some(first) = fw.actions().next() {
            let id = first.id.clone();
            request_animation_frame(move || {
                if let Ok(Some(row)) = document().query_selector(&format!("[data-action=\"{id}\"]"))
                {
                    focus(&row);
                }
                if let Ok(Some(scale)) = document().query_selector(".kw-score-scale") {
                    scale.scroll_into_view_with_bool(true);
                }
            });
        }
    };
    view! {
        <section class="kw-readthrough" data-testid="read-through" aria-labelledby="rt-title">
            <h2 id="rt-title">"Before you score: read all four phases"</h2>
            <p class="kw-lede">
                "The source advises reading the tables of all four phases before scoring any action, "
                "so each action is judged against the whole path. This takes a few minutes; you can skip it. "
                <GuideLink topic=Topic::Scoring />
            </p>
            <button type="button" class="kw-button" data-testid="read-through-skip" on:click=move |_| done("Skip the read-through")>
                "Skip the read-through"
            </button>
            <div class="kw-readthrough-phases">
                {fw.phases.iter().map(|ph| view! {
                    <section class="kw-card kw-readthrough-phase">
                        <h3>{format!("Phase {}: {}", ph.id, ph.name)}</h3>
                        {ph.periods.iter().map(|p| view! {
                            <h4>{format!("Period {}: {}", p.number, p.name)}</h4>
                            <ul>{p.actions.iter().map(|a| view! { <li>{a.text.clone()}</li> }).collect_view()}</ul>
                            <MilestoneAfter period=p.number />
                        }).collect_view()}
                    </section>
                }).collect_view()}
            </div>
            <button type="button" class="kw-button kw-button-primary" data-testid="read-through-done" on:click=move |_| done("Finish the read-through")>
                "I have read all four phases: start scoring"
            </button>
        </section>
    }
}

/// The milestone right after a period, where the source puts it (launch
/// between periods 4 and 5, not at the end of phase B).
#[component]
fn MilestoneAfter(period: u8) -> impl IntoView {
    framework().milestone_after_period(period).map(|m| {
        view! {
            <p class="kw-milestone" data-testid=format!("milestone-after-{period}")>
                "Milestone: " <strong>{m.name}</strong>
            </p>
        }
    })
}

/// The 0-3 scale in words, always on screen (tooltips do not show on touch).
#[component]
fn ScoreScale() -> impl IntoView {
    let fw = framework();
    view! {
        <section class="kw-score-scale" data-testid="score-scale" aria-label="The scoring scale" tabindex="-1">
            <ul>
                {fw.scale.iter().map(|s| view! {
                    <li><span class="kw-score-key" aria-hidden="true">{s.score}</span>{format!(" {}", s.label)}<span class="kw-sr-only">{format!(" scores {}", s.score)}</span></li>
                }).collect_view()}
            </ul>
            <GuideLink topic=Topic::Scoring text="How to score: read all four phases first; N/A stays in the maximum" />
        </section>
    }
}

/// Beside the powerful-driver actions: the drivers ticked as at work in the
/// guide (Figure 1), or a way to tick them.
#[component]
fn DriversAtWork() -> impl IntoView {
    let state = use_app_state();
    let ticked = Memo::new(move |_| {
        state.programme.with(|p| {
            guide::ticked(p)
                .into_iter()
                .map(|d| d.label)
                .collect::<Vec<_>>()
        })
    });
    view! {
        <p class="kw-driver-note" data-testid="driver-actions-drivers">
            {move || {
                let names = ticked.get();
                if names.is_empty() {
                    view! {
                        "Drivers at work: none ticked yet. "
                        <GuideLink topic=Topic::Drivers text="Tick them in the guide (Figure 1)" />
                    }.into_any()
                } else {
                    view! {
                        {format!("Drivers at work: {}. ", names.join("; "))}
                        <GuideLink topic=Topic::Drivers text="Change in the guide" />
                    }.into_any()
                }
            }}
        </p>
    }
}

/// Marks an action not applicable now, or takes the mark off.
fn toggle_not_applicable(state: AppState, id: &str) {
    let label = if state.audit.with_untracked(|a| a.is_not_applicable(id)) {
        format!("Take the N/A mark off {id}")
    } else {
        format!("Mark {id} not applicable")
    };
    state.edit_audit(label, |a| a.toggle_not_applicable(id));
}

fn focus_row(list: &web_sys::Element, action_id: &str) {
    if let Ok(Some(el)) = list.query_selector(&format!("[data-action=\"{action_id}\"]")) {
        focus(&el);
    }
}

/// The visible row `step` rows away from `row` (skipping hidden ones), if any.
fn sibling_row(
    list: &web_sys::Element,
    row: &web_sys::Element,
    step: i32,
) -> Option<web_sys::HtmlElement> {
    let rows = list
        .query_selector_all("[data-action]:not([hidden])")
        .ok()?;
    let mut index = None;
    for i in 0..rows.length() {
        if rows.get(i).is_some_and(|n| n.is_same_node(Some(row))) {
            index = Some(i as i32);
        }
    }
    let next = index? + step;
    if next < 0 {
        return None;
    }
    rows.get(next as u32)?.dyn_into().ok()
}

#[component]
fn ScoreList() -> impl IntoView {
    let state = use_app_state();
    let route = use_route();
    let fw = framework();
    let filter = RwSignal::new(ActionFilter::default());
    let visible = Memo::new(move |_| {
        filter.with(|f| {
            state.audit.with(|audit| {
                f.apply(fw, audit)
                    .into_iter()
                    .map(|a| a.id.clone())
                    .collect::<HashSet<String>>()
            })
        })
    });
    let list_ref = NodeRef::<html::Div>::new();

    // The first period (its section and rows) is built with the page; the others after
    // that first frame is painted, in tasks of about 8 ms (a period or two each), so the list is
    // on screen and scorable sooner and a click
    // or key meanwhile waits for one task at most, not for the whole list.
    // A link to one action builds them all at once, to bring that action into view.
    let period_count = fw.periods().count() as u8;
    let built = RwSignal::new(match route.get_untracked() {
        Route::Audit(_, Some(_)) => period_count,
        _ => 1,
    });
    if built.get_untracked() < period_count {
        fn build_more(built: RwSignal<u8>, all: u8) {
            set_timeout(
                move || {
                    leptos::task::spawn_local(async move {
                        let start = now_ms();
                        // `None`: the view is gone (another screen) before its list was built.
                        while let Some(now) = built.try_get_untracked().filter(|n| *n < all) {
                            built.set(now + 1);
                            // The rows are built by effects on the executor's next turn,
                            // still inside this task: wait for them before timing it.
                            leptos::task::tick().await;
                            if now + 1 < all && now_ms() - start > 8.0 {
                                return build_more(built, all);
                            }
                        }
                    })
                },
                std::time::Duration::ZERO,
            );
        }
        request_animation_frame(move || {
            request_animation_frame(move || build_more(built, period_count))
        });
    }

    // A link to one action (#/audit/score/A1.01) clears filters and focuses it.
    Effect::new(move |_| {
        if let Route::Audit(_, Some(id)) = route.get() {
            if fw.action(&id).is_some() {
                built.set(period_count);
                filter.set(ActionFilter::default());
                request_animation_frame(move || {
                    if let Some(list) = list_ref.get_untracked() {
                        focus_row(&list, &id);
                    }
                });
            }
        }
    });

    let on_key = move |ev: web_sys::KeyboardEvent| {
        // Already handled by a score group inside the row.
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || ev.default_prevented() {
            return;
        }
        let Some(target) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        if matches!(target.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") {
            return;
        }
        let Some(row) = target.closest("[data-action]").ok().flatten() else {
            return;
        };
        let Some(id) = row.get_attribute("data-action") else {
            return;
        };
        let Some(list) = list_ref.get_untracked() else {
            return;
        };
        let list: web_sys::Element = list.into();
        let move_focus = |step: i32| {
            if let Some(next) = sibling_row(&list, &row, step) {
                focus(&next);
            }
        };
        let key = ev.key();
        match key.as_str() {
            "ArrowDown" | "j" => {
                ev.prevent_default();
                move_focus(1);
            }
            "ArrowUp" | "k" => {
                ev.prevent_default();
                move_focus(-1);
            }
            "0" | "1" | "2" | "3" => {
                ev.prevent_default();
                let Ok(score) = Score::new(key.parse().unwrap_or(0)) else {
                    return;
                };
                // With a filter on, a scored row may drop out of view: move on first.
                let filtered = filter.with_untracked(|f| f.unscored_only || f.lagging_only);
                if filtered {
                    move_focus(1);
                }
                set_score(state, &id, Some(score));
            }
            "ArrowRight" | "ArrowLeft" => {
                ev.prevent_default();
                let step = if key == "ArrowRight" { 1 } else { -1 };
                let now = state.audit.with_untracked(|a| a.score(&id));
                if let Some(score) = stepped(now, step) {
                    set_score(state, &id, Some(score));
                }
            }
            "n" => {
                ev.prevent_default();
                toggle_not_applicable(state, &id);
            }
            _ => {}
        }
    };

    let phase_section = move |ph: &'static Phase| {
        let phase_visible = move || {
            ph.periods
                .iter()
                .flat_map(|p| p.actions.iter())
                .any(|a| visible.with(|v| v.contains(&a.id)))
        };
        let id = ph.id.clone();
        // A phase, and each of its periods, is built with its first rows: the first frame has
        // one period's section, not twelve empty ones with their totals.
        let first = ph.periods.first().map_or(1, |p| p.number);
        let phase_built = Memo::new(move |_| built.get() >= first);
        move || {
            phase_built.get().then(|| {
                let id = id.clone();
                view! {
                    <section class="kw-phase" data-testid=format!("phase-{}", ph.id) hidden=move || !phase_visible()>
                        <h2 class="kw-phase-title">
                            <span>{format!("Phase {}: {}", ph.id, ph.name)}</span>
                            <TotalBadge
                                total=Signal::derive(move || state.derived.scorecard.with(|sc| sc.phase(&id)))
                                testid=format!("phase-heading-total-{}", ph.id)
                            />
                        </h2>
                        {ph.periods.iter().map(|p| {
                            let number = p.number;
                            // Its own memo, so building the next period does not build this one again.
                            let period_built = Memo::new(move |_| built.get() >= number);
                            let period_visible = move || p.actions.iter().any(|a| visible.with(|v| v.contains(&a.id)));
                            move || period_built.get().then(|| view! {
                                <section class="kw-period" data-testid=format!("period-{}", p.number) hidden=move || !period_visible()>
                                    <h3 class="kw-period-title">
                                        <span>{format!("Period {} · {} {}", p.number, p.id, p.name)}</span>
                                        <TotalBadge
                                            total=Signal::derive(move || state.derived.scorecard.with(|sc| sc.period(number)))
                                            testid=format!("period-total-{}", p.number)
                                        />
                                    </h3>
                                    <ol class="kw-actions">
                                        {p.actions.iter().map(|a| view! { <ActionRow action=a visible=visible /> }).collect_view()}
                                    </ol>
                                </section>
                                <MilestoneAfter period=number />
                            })
                        }).collect_view()}
                    </section>
                }
            })
        }
    };
    let shown = move || visible.with(HashSet::len);
    view! {
        <ScoreScale />
        <FilterBar filter=filter />
        <p class="kw-muted kw-keys" id="kw-keys-help">
            "Keyboard: ↑/↓ or j/k move between actions, 0-3 or ←/→ score the focused action, n marks it not applicable now. "
            <span data-testid="shown-count">{move || format!("Showing {} of {} actions.", shown(), fw.action_count)}</span>
        </p>
        <div class="kw-checklist" node_ref=list_ref on:keydown=on_key aria-busy=move || (built.get() < period_count).then_some("true")>
            {fw.phases.iter().map(phase_section).collect_view()}
        </div>
    }
}

#[component]
fn FilterBar(filter: RwSignal<ActionFilter>) -> impl IntoView {
    let fw = framework();
    let set_phase = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        filter.update(|f| {
            f.phase = (!v.is_empty()).then_some(v);
            f.period = None;
        });
    };
    let set_period = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        filter.update(|f| f.period = v.parse().ok());
    };
    let set_stream = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        filter.update(|f| f.stream = (!v.is_empty()).then_some(v));
    };
    let periods = move || {
        let phase = filter.with(|f| f.phase.clone());
        fw.phases
            .iter()
            .filter(|ph| phase.as_ref().is_none_or(|id| *id == ph.id))
            .flat_map(|ph| ph.periods.iter())
            .map(|p| {
                let n = p.number;
                view! { <option value=n.to_string() selected=move || filter.with(|f| f.period == Some(n))>{p.label()}</option> }
            })
            .collect_view()
    };
    view! {
        <form class="kw-filters" data-testid="audit-filters" on:submit=|ev| ev.prevent_default()>
            <label>
                "Phase "
                <select data-testid="filter-phase" on:change=set_phase prop:value=move || filter.with(|f| f.phase.clone().unwrap_or_default())>
                    <option value="">"All phases"</option>
                    {fw.phases.iter().map(|ph| view! { <option value=ph.id.clone()>{format!("{} {}", ph.id, ph.name)}</option> }).collect_view()}
                </select>
            </label>
            <label>
                "Period "
                <select data-testid="filter-period" on:change=set_period>
                    <option value="" selected=move || filter.with(|f| f.period.is_none())>"All periods"</option>
                    {periods}
                </select>
            </label>
            <label>
                "Stream "
                <select data-testid="filter-stream" on:change=set_stream prop:value=move || filter.with(|f| f.stream.clone().unwrap_or_default())>
                    <option value="">"All streams"</option>
                    {fw.streams.iter().map(|s| view! {
                        <optgroup label=s.name.clone()>
                            <option value=s.id.clone()>{format!("All of {}", s.name)}</option>
                            {s.contributory.iter().map(|c| view! { <option value=c.id.clone()>{c.name.clone()}</option> }).collect_view()}
                        </optgroup>
                    }).collect_view()}
                </select>
            </label>
            <label class="kw-check">
                <input type="checkbox" data-testid="filter-unscored"
                    prop:checked=move || filter.with(|f| f.unscored_only)
                    on:change=move |ev| filter.update(|f| f.unscored_only = event_target_checked(&ev)) />
                " Unscored only"
            </label>
            <label class="kw-check">
                <input type="checkbox" data-testid="filter-lagging"
                    prop:checked=move || filter.with(|f| f.lagging_only)
                    on:change=move |ev| filter.update(|f| f.lagging_only = event_target_checked(&ev)) />
                " Lagging only"
            </label>
            <button type="button" class="kw-button kw-button-small" data-testid="filter-clear"
                disabled=move || filter.with(ActionFilter::is_empty)
                on:click=move |_| filter.set(ActionFilter::default())>
                "Clear filters"
            </button>
        </form>
    }
}

#[component]
fn ActionRow(action: &'static Action, visible: Memo<HashSet<String>>) -> impl IntoView {
    let state = use_app_state();
    let fw = framework();
    let id = action.id.clone();
    // This action's entry only: a score elsewhere does not wake this row.
    let entry = {
        let id = id.clone();
        Memo::new(move |_| state.entry(&id).unwrap_or_default())
    };
    let is_na = move || entry.with(|e| e.not_applicable.is_some());
    let stream = fw
        .contributory_stream(&action.stream)
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let hidden = {
        let id = id.clone();
        move || !visible.with(|v| v.contains(&id))
    };
    let edit = {
        let id = id.clone();
        move |label: String, f: Box<dyn FnOnce(&mut ActionEntry)>| {
            state.edit_audit(label, |a| a.edit(&id, f));
        }
    };
    let toggle_na = {
        let id = id.clone();
        move |_| toggle_not_applicable(state, &id)
    };
    let has_details = move || entry.with(ActionEntry::has_note_or_plan);
    // The form is built when the row is first opened (or opens itself because it
    // has a note or plan), then kept: 129 closed forms were most of the list's
    // DOM, built on every start and laid out on every return to this view.
    let built = RwSignal::new(entry.with_untracked(ActionEntry::has_note_or_plan));
    let form_id = id.clone();
    let e1 = edit.clone();
    view! {
        <li
            class="kw-action"
            class:kw-action-na=is_na
            tabindex="0"
            data-action=id.clone()
            data-testid=format!("action-{id}")
            aria-describedby="kw-keys-help"
            hidden=hidden
        >
            <span class="kw-action-id">{id.clone()}</span>
            <span class="kw-action-text">{action.text.clone()}</span>
            <span class="kw-action-stream">{stream}</span>
            <div class="kw-action-controls">
                <ScoreButtons action_id=id.clone() />
                <button
                    type="button"
                    class="kw-na-toggle"
                    aria-pressed=move || if is_na() { "true" } else { "false" }
                    title="Not applicable now: stays in every maximum and counts 0"
                    data-testid=format!("na-{id}")
                    on:click=toggle_na
                >
                    "N/A"
                </button>
            </div>
            {guide::is_driver_action(action).then(|| view! { <DriversAtWork /> })}
            {move || is_na().then(|| {
                let e1 = e1.clone();
                view! {
                    <div class="kw-na-note" data-testid=format!("na-note-{}", action.id)>
                        <span>"Not applicable now: counts 0 and stays in every maximum, so the audit is not flattered. "</span>
                        <label>
                            "Reason "
                            <input
                                type="text"
                                placeholder="Why it does not apply now"
                                prop:value=move || entry.with(|e| e.not_applicable.clone().unwrap_or_default())
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    e1(format!("Why {} is not applicable", action.id), Box::new(move |e| e.not_applicable = Some(v)));
                                }
                            />
                        </label>
                    </div>
                }
            })}
            <details class="kw-action-details" prop:open=has_details on:toggle=move |ev| {
                // Once: setting it again would build the form anew on every opening.
                if toggled_open(&ev) {
                    set_if_changed(built, true);
                }
            }>
                <summary>
                    "Notes & plan"
                    {move || entry.with(|e| {
                        let mut bits = Vec::new();
                        if !e.note.is_empty() { bits.push("note".to_string()); }
                        if !e.plan.owner.is_empty() { bits.push(format!("owner {}", e.plan.owner)); }
                        if let Some(d) = &e.plan.due { bits.push(format!("due {d}")); }
                        if e.plan.status != PlanStatus::NotStarted { bits.push(e.plan.status.label().to_ascii_lowercase()); }
                        if bits.is_empty() { String::new() } else { format!(" · {}", bits.join(", ")) }
                    })}
                </summary>
                {move || built.get().then(|| {
                // Each field's handler owns its copy of the edit path.
                let (e2, e3, e4, e5) = (edit.clone(), edit.clone(), edit.clone(), edit.clone());
                let id = form_id.clone();
                view! {
                <div class="kw-action-form">
                    <label class="kw-wide">
                        "Notes and evidence"
                        <textarea
                            rows="2"
                            data-testid=format!("note-{id}")
                            prop:value=move || entry.with(|e| e.note.clone())
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                e2(format!("Notes on {}", action.id), Box::new(move |e| e.note = v));
                            }
                        ></textarea>
                    </label>
                    <label>
                        "Owner"
                        <input type="text" data-testid=format!("owner-{id}")
                            prop:value=move || entry.with(|e| e.plan.owner.clone())
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                e3(format!("Plan for {}", action.id), Box::new(move |e| e.plan.owner = v.trim().to_string()));
                            } />
                    </label>
                    <label>
                        "Due"
                        <input type="date" data-testid=format!("due-{id}")
                            prop:value=move || entry.with(|e| e.plan.due.clone().unwrap_or_default())
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                e4(format!("Plan for {}", action.id), Box::new(move |e| e.plan.due = audit::is_iso_date(&v).then_some(v)));
                            } />
                    </label>
                    <label>
                        "Status"
                        <select data-testid=format!("status-{id}")
                            on:change={
                                let edit = edit.clone();
                                move |ev| {
                                    let v = event_target_value(&ev);
                                    let status = PlanStatus::ALL.into_iter().find(|s| s.label() == v).unwrap_or_default();
                                    edit(format!("Plan for {}", action.id), Box::new(move |e| e.plan.status = status));
                                }
                            }>
                            {PlanStatus::ALL.into_iter().map(|s| view! {
                                <option value=s.label() selected=move || entry.with(|e| e.plan.status == s)>{s.label()}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label>
                        "Target score"
                        <select data-testid=format!("target-{id}")
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                let target = v.parse::<u8>().ok().and_then(|v| Score::new(v).ok());
                                e5(format!("Plan for {}", action.id), Box::new(move |e| e.plan.target = target));
                            }>
                            <option value="" selected=move || entry.with(|e| e.plan.target.is_none())>"—"</option>
                            {Score::ALL.into_iter().map(|s| view! {
                                <option value=s.value().to_string() selected=move || entry.with(|e| e.plan.target == Some(s))>
                                    {format!("{} {}", s.value(), fw.label_for(s.value()))}
                                </option>
                            }).collect_view()}
                        </select>
                    </label>
                </div>
                }
                })}
            </details>
        </li>
    }
}
