//! Several assessors: each person's scores added by name (from the link
//! they sent back or their backup file), kept in the workspace, merged into
//! a consensus per action, and the agreed scores made the audit in one
//! undoable step.

use crate::clock::today_iso;
use crate::domain::assessors::{
    answered_summary, choose_scores, scores_from_backup, AssessorError, Assessors,
};
use crate::domain::backup;
use crate::domain::consensus::{
    applied_message, apply_agreed, choice_label, choice_value, consensus, disputed_summary,
    parse_choice, state_label, ActionConsensus, Choices, CHOICES, SUGGESTION_RULE,
};
use crate::domain::framework;
use crate::domain::number::fixed;
use crate::domain::share::{ActionState, ScoresLink};
use crate::domain::Audit;
use crate::download;
use crate::route::Page;
use crate::state::use_app_state;
use leptos::prelude::*;

/// One row of the assessors list: what was stored, read back.
#[derive(Clone, PartialEq)]
struct Row {
    name: String,
    added: String,
    scores: Result<ScoresLink, String>,
}

#[component]
pub fn AssessorsView() -> impl IntoView {
    let state = use_app_state();
    let rows = Memo::new(move |_| {
        state.assessors.with(|list| {
            list.0
                .iter()
                .map(|a| Row {
                    name: a.name.clone(),
                    added: a.added.map_or_else(|| "—".to_string(), |d| d.to_string()),
                    scores: a.scores().map_err(|e| e.to_string()),
                })
                .collect::<Vec<_>>()
        })
    });
    let viewing = RwSignal::new(None::<String>);
    // A message speaks of the list as it was made: once the list changes
    // again (an undo, another add), it is no longer shown.
    let list_message = RwSignal::new(None::<(String, Assessors)>);
    let say = move |m: String| list_message.set(Some((m, state.assessors.get_untracked())));
    let shown_message = move || {
        list_message.with(|m| {
            m.as_ref()
                .filter(|(_, list)| state.assessors.with(|now| now == list))
                .map(|(text, _)| text.clone())
        })
    };
    let remove = move |name: String| {
        let result = state.edit_assessors(format!("Remove assessor {name}"), |a| {
            a.remove(&name).map(|_| ())
        });
        say(match result {
            Ok(()) => format!("Removed {name}. Undo (at the top) brings their scores back."),
            Err(e) => format!("Not removed: {e}."),
        });
        if viewing.get_untracked().as_deref() == Some(name.as_str()) {
            viewing.set(None);
        }
    };

    view! {
        <section class="kw-assessors" data-testid="assessors">
            <Explanation />
            <AddAssessor on_added=say />
            <h2>"Assessors"</h2>
            {move || shown_message().map(|m| view! { <p class="kw-banner kw-banner-ok" role="status" data-testid="assessor-message">{m}</p> })}
            {move || if rows.with(Vec::is_empty) {
                view! { <p class="kw-empty" data-testid="assessors-empty">"No assessors yet: add the first one above."</p> }.into_any()
            } else {
                view! {
                    <div class="kw-table-wrap" role="region" aria-label="Assessors" tabindex="0">
                        <table class="kw-table kw-assessor-list" data-testid="assessor-list">
                            <thead><tr>
                                <th scope="col">"Assessor"</th>
                                <th scope="col">"Added"</th>
                                <th scope="col">"Answered"</th>
                                <th scope="col"><span class="kw-sr">"Actions"</span></th>
                            </tr></thead>
                            <tbody>
                                {rows.get().into_iter().map(|r| {
                                    let (name, view_name, remove_name) = (r.name.clone(), r.name.clone(), r.name.clone());
                                    let shown = move || viewing.get().as_deref() == Some(view_name.as_str());
                                    let readable = r.scores.is_ok();
                                    view! {
                                        <tr data-testid="assessor-row" data-name=r.name.clone()>
                                            <th scope="row" data-testid="assessor-row-name">{r.name.clone()}</th>
                                            <td data-label="Added">{r.added}</td>
                                            {match r.scores {
                                                Ok(s) => view! { <td data-testid="assessor-row-answered">{answered_summary(&s)}</td> }.into_any(),
                                                Err(e) => view! {
                                                    <td><p class="kw-error" role="alert" data-testid="assessor-row-unreadable">
                                                        {format!("Their scores cannot be read ({e}), so they are left out of the consensus. Remove them and add their link again.")}
                                                    </p></td>
                                                }.into_any(),
                                            }}
                                            <td class="kw-row-buttons">
                                                <button type="button" class="kw-button kw-button-small" data-testid="assessor-view"
                                                    disabled=!readable
                                                    aria-expanded=move || if shown() { "true" } else { "false" }
                                                    on:click={
                                                        let name = name.clone();
                                                        move |_| viewing.update(|v| *v = if v.as_deref() == Some(name.as_str()) { None } else { Some(name.clone()) })
                                                    }>
                                                    "View scores"
                                                </button>
                                                <button type="button" class="kw-button kw-button-small kw-button-danger" data-testid="assessor-remove"
                                                    on:click=move |_| remove(remove_name.clone())>
                                                    "Remove"
                                                </button>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            {move || {
                let name = viewing.get()?;
                let scores = rows.with(|rows| rows.iter().find(|r| r.name == name).and_then(|r| r.scores.clone().ok()))?;
                Some(view! { <AssessorScoresTable name=name scores=scores /> })
            }}
            <Consensus />
        </section>
    }
}

/// How to run an audit with several people.
#[component]
fn Explanation() -> impl IntoView {
    view! {
        <section class="kw-card" data-testid="assessors-explanation">
            <h2>"Several assessors"</h2>
            <p class="kw-lede">
                "KAM is cross-functional: sales, operations, finance and service each see the capability differently. "
                "Ask several people to score the audit independently, then agree the scores together."
            </p>
            <ol class="kw-steps">
                <li>"On " <a href=Page::Data.href()>"Your data"</a> " › Share by link, copy the scores link (\"Scores only\") and send the same link to each assessor."</li>
                <li>"Each opens it in their own browser, applies it, enters their name here if they like, and scores the audit on their own, before seeing anyone else's scores."</li>
                <li>"Each sends back the scores link from their own \"Your data\" page, or a backup file."</li>
                <li>"Add each one below with their name. With two or more, the consensus shows per action the mean, lowest and highest score and the spread, disputed actions first; choose the agreed score and use them as the audit. Each assessor's scores stay here to look at again."</li>
            </ol>
        </section>
    }
}

/// The form that adds one assessor's scores, from a pasted link or a backup file.
#[component]
fn AddAssessor(on_added: impl Fn(String) + Copy + Send + Sync + 'static) -> impl IntoView {
    let state = use_app_state();
    let name = RwSignal::new(String::new());
    let link = RwSignal::new(String::new());
    // A backup file is read when chosen; its scores wait here for "Add".
    let from_file = RwSignal::new(None::<(String, ScoresLink)>);
    let error = RwSignal::new(None::<String>);
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = download::chosen_file(&ev) else {
            return;
        };
        from_file.set(None);
        if let Err(e) = backup::check_size(file.size() as usize) {
            error.set(Some(format!("This file cannot be used: {e}.")));
            return;
        }
        let file_name = file.name();
        leptos::task::spawn_local(async move {
            let text = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(t) => t.as_string().unwrap_or_default(),
                Err(_) => {
                    error.set(Some("The file could not be read.".into()));
                    return;
                }
            };
            match scores_from_backup(&text) {
                Ok(scores) => {
                    error.set(None);
                    from_file.set(Some((file_name, scores)));
                }
                Err(e) => error.set(Some(format!("Not added: {e}."))),
            }
        });
    };
    let add = move || {
        let typed = name.get_untracked();
        let today = today_iso().parse().ok();
        let result = state
            .assessors
            .with_untracked(|a| a.check_name(&typed))
            .and_then(|checked| {
                let scores = from_file.with_untracked(|f| {
                    choose_scores(&link.get_untracked(), f.as_ref().map(|(_, s)| s))
                })?;
                state.edit_assessors(format!("Add assessor {checked}"), |a| {
                    a.add(&checked, &scores, today)
                })?;
                Ok::<_, AssessorError>((checked, scores))
            });
        match result {
            Ok((added, scores)) => {
                error.set(None);
                name.set(String::new());
                link.set(String::new());
                from_file.set(None);
                on_added(format!("Added {added}: {}.", answered_summary(&scores)));
            }
            Err(e) => error.set(Some(format!("Not added: {e}."))),
        }
    };
    view! {
        <form class="kw-card" data-testid="assessor-form" on:submit=move |ev| { ev.prevent_default(); add(); }>
            <h2>"Add an assessor"</h2>
            <div class="kw-form-grid">
                <label>
                    "Name"
                    <input type="text" data-testid="assessor-name" autocomplete="off"
                        placeholder="e.g. Lee (finance)"
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                </label>
                <label class="kw-wide">
                    "Their scores link"
                    <input type="text" data-testid="assessor-link" class="kw-mono" autocomplete="off" spellcheck="false"
                        placeholder="Paste the link they sent back"
                        prop:value=move || link.get() on:input=move |ev| link.set(event_target_value(&ev)) />
                </label>
                <label class="kw-wide">
                    "or their backup file"
                    <input type="file" accept=".json,application/json" data-testid="assessor-file" on:change=on_file />
                </label>
            </div>
            {move || from_file.get().map(|(file, scores)| view! {
                <p class="kw-muted" data-testid="assessor-file-chosen">
                    {format!("From {file}: {}. ", answered_summary(&scores))}
                    <button type="button" class="kw-button kw-button-small" on:click=move |_| from_file.set(None)>"Don't use the file"</button>
                </p>
            })}
            {move || error.get().map(|e| view! { <p class="kw-error" role="alert" data-testid="assessor-error">{e}</p> })}
            <p><button type="submit" class="kw-button kw-button-primary" data-testid="assessor-add">"Add assessor"</button></p>
        </form>
    }
}

/// One assessor's state on every action.
#[component]
fn AssessorScoresTable(name: String, scores: ScoresLink) -> impl IntoView {
    let fw = framework();
    view! {
        <section class="kw-card" data-testid="assessor-scores" aria-label=format!("Scores of {name}")>
            <h3>{format!("Scores of {name}")}</h3>
            <p class="kw-muted">{answered_summary(&scores)}"."</p>
            <div class="kw-table-wrap kw-scroll-box" role="region" aria-label=format!("Scores of {name} per action") tabindex="0">
                <table class="kw-table kw-table-compact">
                    <thead><tr><th scope="col">"Action"</th><th scope="col">"Score"</th></tr></thead>
                    <tbody>
                        {scores.states.into_iter().map(|(id, s)| view! {
                            <tr data-testid="assessor-score-row" data-action=id.clone()>
                                <th scope="row"><span class="kw-action-id">{id.clone()}</span>" "{fw.action(&id).map(|a| a.text.clone())}</th>
                                <td data-testid="assessor-score">{state_label(s)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// The consensus of the readable assessors, with the agreed score per action.
#[component]
fn Consensus() -> impl IntoView {
    let state = use_app_state();
    let decoded = Memo::new(move |_| state.assessors.with(|a| a.decode()));
    let merged = Memo::new(move |_| decoded.with(|d| consensus(&d.assessors)));
    let names = Memo::new(move |_| {
        decoded.with(|d| {
            d.assessors
                .iter()
                .map(|a| a.name.clone())
                .collect::<Vec<_>>()
        })
    });
    let choices = RwSignal::new(Choices::new());
    // Shown while the audit is the one the agreed scores made (not after an undo).
    let message = RwSignal::new(None::<(String, Audit)>);
    let shown_message = move || {
        message.with(|m| {
            m.as_ref()
                .filter(|(_, made)| state.audit.with(|now| now == made))
                .map(|(text, _)| text.clone())
        })
    };
    let apply = move |_| {
        let mut changed = 0;
        decoded.with_untracked(|d| {
            merged.with_untracked(|m| {
                choices.with_untracked(|c| {
                    state.edit_audit("Use the agreed scores as the audit", |audit| {
                        changed = apply_agreed(audit, &d.assessors, m, c);
                    });
                })
            })
        });
        message.set(Some((
            applied_message(changed),
            state.audit.get_untracked(),
        )));
    };
    move || {
        if names.with(Vec::len) < 2 {
            return view! {
                <p class="kw-empty" data-testid="consensus-empty">"With two or more assessors whose scores can be read, their consensus shows here."</p>
            }
            .into_any();
        }
        view! {
            <section class="kw-card" data-testid="consensus" aria-labelledby="consensus-title">
                <h2 id="consensus-title">"Consensus"</h2>
                <p data-testid="consensus-summary">{move || merged.with(|m| disputed_summary(m))}</p>
                <p class="kw-muted" data-testid="consensus-rule">{SUGGESTION_RULE}" Choose another agreed score where the discussion settles elsewhere."</p>
                <div class="kw-table-wrap kw-scroll-box" role="region" aria-label="Consensus per action" tabindex="0">
                    <table class="kw-table kw-table-compact kw-consensus" data-testid="consensus-table">
                        <thead><tr>
                            <th scope="col">"Action"</th>
                            {move || names.get().into_iter().map(|n| view! { <th scope="col">{n}</th> }).collect_view()}
                            <th scope="col" class="kw-num">"Mean"</th>
                            <th scope="col" class="kw-num">"Min"</th>
                            <th scope="col" class="kw-num">"Max"</th>
                            <th scope="col" class="kw-num">"Spread"</th>
                            <th scope="col">"Audit now"</th>
                            <th scope="col">"Agreed"</th>
                        </tr></thead>
                        <tbody>
                            {move || merged.get().into_iter().map(|c| view! { <ConsensusRow c=c choices=choices /> }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <p class="kw-consensus-apply">
                    <button type="button" class="kw-button kw-button-primary" data-testid="consensus-apply" on:click=apply>
                        "Use the agreed scores as the audit"
                    </button>
                    " "<span class="kw-muted">"Replaces the audit's scores and N/A marks; notes, plans and N/A reasons already given stay."</span>
                </p>
                {move || shown_message().map(|m| view! { <p class="kw-banner kw-banner-ok" role="status" data-testid="consensus-message">{m}</p> })}
            </section>
        }
        .into_any()
    }
}

fn score_cell(s: Option<crate::domain::Score>) -> String {
    s.map_or_else(|| "—".to_string(), |s| s.value().to_string())
}

#[component]
fn ConsensusRow(c: ActionConsensus, choices: RwSignal<Choices>) -> impl IntoView {
    let state = use_app_state();
    let fw = framework();
    let id = c.action_id.clone();
    let suggested = c.suggested;
    let agreed = {
        let c = c.clone();
        move || choices.with(|ch| c.agreed(ch))
    };
    let now = {
        let id = id.clone();
        move || state.audit.with(|a| state_label(ActionState::of(a, &id)))
    };
    let choose = {
        let id = id.clone();
        move |ev: leptos::ev::Event| {
            let Some(chosen) = parse_choice(&event_target_value(&ev)) else {
                return;
            };
            // Only choices that differ from the suggestion are kept.
            choices.update(|ch| {
                if chosen == suggested {
                    ch.remove(&id);
                } else {
                    ch.insert(id.clone(), chosen);
                }
            });
        }
    };
    let spread = if c.min.is_some() {
        c.spread.to_string()
    } else {
        "—".to_string()
    };
    view! {
        <tr data-testid="consensus-row" data-action=id.clone() class:kw-disputed=c.disputed>
            <th scope="row">
                <span class="kw-action-id">{id.clone()}</span>
                {c.disputed.then(|| view! { " "<span class="kw-pill kw-pill-bad" data-testid="consensus-disputed">"Disputed"</span> })}
                <span class="kw-small">{fw.action(&id).map(|a| a.text.clone())}</span>
            </th>
            {c.states.iter().map(|s| view! { <td data-testid="consensus-state">{state_label(*s)}</td> }).collect_view()}
            <td class="kw-num" data-testid="consensus-mean">{c.mean.map_or_else(|| "—".to_string(), |m| fixed(m, 1))}</td>
            <td class="kw-num" data-testid="consensus-min">{score_cell(c.min)}</td>
            <td class="kw-num" data-testid="consensus-max">{score_cell(c.max)}</td>
            <td class="kw-num" data-testid="consensus-spread">{spread}</td>
            <td data-testid="consensus-now">{now}</td>
            <td>
                <select data-testid="consensus-agreed" aria-label=format!("Agreed score for {id}") on:change=choose>
                    {CHOICES.into_iter().map(|choice| {
                        let agreed = agreed.clone();
                        let label = if choice == suggested {
                            format!("{} (suggested)", choice_label(choice))
                        } else {
                            choice_label(choice)
                        };
                        view! { <option value=choice_value(choice) selected=move || agreed() == choice>{label}</option> }
                    }).collect_view()}
                </select>
            </td>
        </tr>
    }
}
