//! Share links: making them (scores only, or the whole workspace) and
//! opening one. A link's content travels in the URL fragment, which the
//! browser never sends to a server; opening one changes nothing until the
//! user says so.

use crate::app::use_route;
use crate::domain::backup::Restore;
use crate::domain::framework;
use crate::domain::share::{self, is_long_link, ScoresLink, SharedLink};
use crate::route::{AuditView, Route, SubView};
use crate::state::use_app_state;
use leptos::prelude::*;

/// This page's address without its fragment, to put a link's fragment on.
fn base_url() -> String {
    let href = window().location().href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

/// Copies `text`; says plainly when the browser refuses, so the user can
/// copy it from the field instead.
fn copy(text: String, said: RwSignal<Option<String>>) {
    leptos::task::spawn_local(async move {
        let promise = window().navigator().clipboard().write_text(&text);
        said.set(Some(
            match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(_) => "Link copied.".to_string(),
                Err(_) => {
                    "This browser did not allow copying: select the link in the field and copy it."
                        .to_string()
                }
            },
        ));
    });
}

/// One link in a read-only field (the fallback when copying is refused), its
/// length and a Copy button.
#[component]
fn LinkField(link: Signal<String>, testid: &'static str) -> impl IntoView {
    let said = RwSignal::new(None::<String>);
    view! {
        <div class="kw-inline-form">
            <input type="text" readonly class="kw-link-field" data-testid=testid prop:value=move || link.get()
                aria-label="Share link"
                on:focus=move |ev| { event_target::<web_sys::HtmlInputElement>(&ev).select(); } />
            <button type="button" class="kw-button" data-testid=format!("{testid}-copy")
                on:click=move |_| copy(link.get_untracked(), said)>"Copy link"</button>
        </div>
        <p class="kw-muted" data-testid=format!("{testid}-length")>
            {move || format!("{} characters.", link.with(|l| l.chars().count()))}
            " "{move || said.get()}
        </p>
        {move || link.with(|l| is_long_link(l)).then(|| view! {
            <p class="kw-banner kw-banner-warn" role="status" data-testid=format!("{testid}-long")>
                "Chat and mail tools often cut links this long: send the backup file instead, or leave the portfolio out."
            </p>
        })}
    }
}

/// Making links: the scores link follows every score; the full link is made
/// on request (it compresses the whole workspace).
#[component]
pub fn ShareLinks() -> impl IntoView {
    let state = use_app_state();
    let fw = framework();
    let scores = Signal::derive(move || {
        let link = state.audit.with(|a| {
            state
                .litmus
                .with(|l| ScoresLink::capture(fw, a, l).encode(fw))
        });
        format!("{}#{link}", base_url())
    });
    let with_portfolio = RwSignal::new(false);
    let full = RwSignal::new(None::<String>);
    let make_full = move |_| {
        let link = share::encode_full(&state.workspace(), with_portfolio.get_untracked());
        full.set(Some(format!("{}#{link}", base_url())));
    };
    view! {
        <section class="kw-card" data-testid="share-links">
            <h2>"Share by link"</h2>
            <p class="kw-muted">"The content travels in the link itself, after the #, which browsers never send to a server. Anyone with the link can read it."</p>
            <h3>"Scores only"</h3>
            <p class="kw-muted">"The 129 scores and N/A marks and the organisation litmus answers: for another assessor to start from, or to send back. Notes stay here."</p>
            <LinkField link=scores testid="share-scores" />
            <h3>"The whole workspace"</h3>
            <div class="kw-inline-form">
                <label class="kw-check"><input type="checkbox" data-testid="share-full-portfolio"
                    prop:checked=move || with_portfolio.get()
                    on:change=move |ev| { with_portfolio.set(event_target_checked(&ev)); full.set(None); } />" Include the portfolio"</label>
                <button type="button" class="kw-button" data-testid="share-full-make" on:click=make_full>"Make the link"</button>
            </div>
            {move || full.get().map(|l| view! { <LinkField link=Signal::derive(move || l.clone()) testid="share-full" /> })}
        </section>
    }
}

/// An opened share link: what it holds, and applying it only when asked.
#[component]
pub fn SharedLinkView() -> impl IntoView {
    let state = use_app_state();
    let route = use_route();
    let opened = Memo::new(move |_| match route.get() {
        Route::Shared(fragment) => Some(share::decode(&fragment).map_err(|e| e.to_string())),
        _ => None,
    });
    let message = RwSignal::new(None::<String>);
    let go_to_results = || {
        let href = AuditView::Results.route().href();
        if let Err(e) = window().location().set_hash(&href) {
            leptos::logging::warn!("could not open the results: {e:?}");
        }
    };
    let new_name = RwSignal::new(String::new());
    // The name of a full link's workspace, or a plain one for scores.
    Effect::new(move |_| {
        let name = match opened.get() {
            Some(Ok(SharedLink::Full(f))) => f.workspace.name.clone(),
            _ => "Shared scores".to_string(),
        };
        new_name.set(name);
    });
    let import_new = move |_| {
        let Some(Ok(link)) = opened.get_untracked() else {
            return;
        };
        let restore = match link {
            SharedLink::Scores(s) => {
                let mut ws = crate::domain::Workspace::default();
                s.apply_audit(&mut ws.audit);
                if let Err(e) = s.apply_litmus(&mut ws.litmus) {
                    message.set(Some(format!(
                        "The organisation answers were not applied: {e}"
                    )));
                    return;
                }
                Restore {
                    workspace: ws,
                    unknown: Default::default(),
                    problems: Vec::new(),
                }
            }
            SharedLink::Full(f) => {
                let f = *f;
                Restore {
                    workspace: f.workspace,
                    unknown: Default::default(),
                    problems: f.problems,
                }
            }
        };
        let name = match crate::domain::workspaces::check_name(&new_name.get_untracked()) {
            Ok(n) => n,
            Err(e) => {
                message.set(Some(format!("That name cannot be used: {e}.")));
                return;
            }
        };
        let mut restore = restore;
        restore.workspace.name = name;
        match state.import_workspace(restore) {
            Ok(_) => go_to_results(),
            Err(e) => message.set(Some(e)),
        }
    };
    let apply = move |_| {
        let Some(Ok(link)) = opened.get_untracked() else {
            return;
        };
        match link {
            SharedLink::Scores(s) => {
                let confirmed = window()
                    .confirm_with_message("Put the link's scores, N/A marks and organisation answers in place of this workspace's? Notes and plans stay; Undo takes it back.")
                    .unwrap_or(false);
                if !confirmed {
                    return;
                }
                state.edit_audit("Scores from a link", |a| s.apply_audit(a));
                match state.edit_litmus("Organisation answers from a link", |l| s.apply_litmus(l)) {
                    Ok(()) => go_to_results(),
                    Err(e) => message.set(Some(format!(
                        "The organisation answers were not applied: {e}"
                    ))),
                }
            }
            SharedLink::Full(f) => {
                let current = state.with_workspace(|ws| ws.summary());
                let confirmed = window()
                    .confirm_with_message(&format!("Replace this workspace ({current}) with the one in the link? Download a backup first if you may need it."))
                    .unwrap_or(false);
                if !confirmed {
                    return;
                }
                let f = *f;
                let (_, note) = state.restore_backup(Restore {
                    workspace: f.workspace,
                    unknown: Default::default(),
                    problems: f.problems,
                });
                message.set(Some(note));
                go_to_results();
            }
        }
    };
    view! {
        <section class="kw-page" aria-labelledby="shared-title" data-testid="shared-link">
            <h1 id="shared-title" tabindex="-1">"A shared link"</h1>
            {move || match opened.get() {
                Some(Ok(link)) => view! {
                    <p class="kw-lede" data-testid="shared-summary">{link.summary()}</p>
                    <p class="kw-muted">"Nothing has changed yet. Open it as a new workspace (to score on your own as an assessor, or to keep a client's work apart), or put it in place of the open one."</p>
                    <div class="kw-workspaces-form">
                        <label for="kw-shared-name">"Name of the new workspace"</label>
                        <input id="kw-shared-name" type="text" maxlength="200" data-testid="shared-name"
                            prop:value=move || new_name.get()
                            on:input=move |ev| new_name.set(event_target_value(&ev)) />
                        <button type="button" class="kw-button kw-button-primary" data-testid="shared-import-new" on:click=import_new>"Open as a new workspace"</button>
                    </div>
                    <button type="button" class="kw-button" data-testid="shared-apply" on:click=apply>
                        {move || {
                            let current = state.name.get();
                            match link {
                                SharedLink::Scores(_) => format!("Apply these scores to \"{current}\""),
                                SharedLink::Full(_) => format!("Replace \"{current}\" with it"),
                            }
                        }}
                    </button>
                }.into_any(),
                Some(Err(e)) => view! {
                    <p class="kw-banner kw-banner-error" role="alert" data-testid="shared-error">{format!("This link cannot be opened: {e}. Nothing has changed.")}</p>
                }.into_any(),
                None => ().into_any(),
            }}
            {move || message.get().map(|m| view! { <p class="kw-banner kw-banner-warn" role="status">{m}</p> })}
        </section>
    }
}
