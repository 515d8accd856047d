use super::{money, percent, score_text, signed, today};
use crate::components::GuideLink;
use crate::domain::guide::Topic;
use crate::domain::number::one_decimal;
use crate::domain::portfolio::{
    AccountId, DecisionRole, DmuMember, Factor, KeyAccount, Quarter, QuarterMeasure, RatingView,
    RelationshipStage, RelationshipStrength, TeamMember, MAX_RATING,
};
use crate::route::{PortfolioView, SubView};
use crate::state::use_app_state;
use leptos::prelude::*;

/// Reads a typed amount: blank is `None` (not entered), thousands commas
/// are allowed. Whether the number is allowed (not negative) is the model's
/// rule, applied when the edit is made.
fn parse_amount(text: &str) -> Result<Option<f64>, String> {
    let t = text.trim().replace(',', "");
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        _ => Err(format!("\"{}\" is not a number", text.trim())),
    }
}

/// One account: its fields, ratings, decision-making unit, team, measures and moves.
#[component]
pub fn AccountView(id: Option<AccountId>) -> impl IntoView {
    let state = use_app_state();
    let Some(id) = id else {
        return view! { <p class="kw-banner kw-banner-error">"No such account."</p> }.into_any();
    };
    let account = Memo::new(move |_| state.portfolio.with(|p| p.get(id).cloned()));
    let error = RwSignal::new(None::<String>);
    // Every edit goes through update_account, which validates and records
    // migrations; undo calls it "<account>: <what>". A refused edit shows
    // why, and says so to forms (false) so they keep what was typed.
    let edit = move |what: &str, f: Box<dyn FnOnce(&mut KeyAccount)>| -> bool {
        let today = match today() {
            Ok(d) => d,
            Err(e) => {
                error.set(Some(e));
                return false;
            }
        };
        let name = state
            .portfolio
            .with_untracked(|p| p.get(id).map(|a| a.name.clone()))
            .unwrap_or_default();
        let result = state.edit_portfolio(format!("{name}: {what}"), |p| {
            p.update_account(id, today, f)
        });
        let refused = result.err().map(|e| e.to_string());
        let done = refused.is_none();
        error.set(refused);
        done
    };

    // The form is built once per account; only values and results react, so
    // tabbing from field to field never loses focus to a rebuilt form.
    let exists = Memo::new(move |_| account.with(Option::is_some));
    let acc = move || account.get().unwrap_or_default();
    (move || {
        if !exists.get() {
            return view! { <p class="kw-banner kw-banner-error" data-testid="account-missing">"This account no longer exists."</p> }.into_any();
        }
        let text_field = move |label: &'static str, testid: &'static str, get: fn(&KeyAccount) -> String, set: fn(&mut KeyAccount, String)| {
            view! {
                <label>{label}
                    <input type="text" data-testid=testid prop:value=move || account.with(|a| a.as_ref().map(get).unwrap_or_default())
                        on:change=move |ev| { let v = event_target_value(&ev); edit(&label.to_lowercase(), Box::new(move |a| set(a, v.trim().to_string()))); } />
                </label>
            }
        };
        let amount_field = move |label: &'static str, testid: &'static str, get: fn(&KeyAccount) -> Option<f64>, set: fn(&mut KeyAccount, Option<f64>)| {
            view! {
                <label>{label}
                    <input type="text" inputmode="decimal" data-testid=testid
                        prop:value=move || account.with(|a| a.as_ref().and_then(get).map(|v| v.to_string()).unwrap_or_default())
                        on:change=move |ev| match parse_amount(&event_target_value(&ev)) {
                            Ok(v) => { edit(&label.to_lowercase(), Box::new(move |a| set(a, v))); }
                            Err(e) => error.set(Some(format!("{label}: {e}"))),
                        } />
                </label>
            }
        };
        let stage_select = move |label: &'static str, testid: &'static str, get: fn(&KeyAccount) -> RelationshipStage, set: fn(&mut KeyAccount, RelationshipStage)| {
            view! {
                <label>{label}
                    <select data-testid=testid on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some(s) = RelationshipStage::ALL.into_iter().find(|s| s.label() == v) {
                            edit(&label.to_lowercase(), Box::new(move |a| set(a, s)));
                        }
                    }>
                        {RelationshipStage::ALL.into_iter().map(|s| view! {
                            <option value=s.label() selected=move || account.with(|a| a.as_ref().map(get)) == Some(s)>{s.label()}</option>
                        }).collect_view()}
                    </select>
                </label>
            }
        };
        let scores = move || state.portfolio.with(|p| account.with(|a| a.as_ref().map(|a| (p.scores(a), p.category(a)))));
        let flags = move || acc().flags().into_iter().map(|f| f.label()).collect::<Vec<_>>();
        view! {
            <p><a href=PortfolioView::Accounts.route().href()>"← All accounts"</a></p>
            <h2 data-testid="account-title">{move || acc().name}</h2>
            {move || error.get().map(|e| view! { <p class="kw-banner kw-banner-error" role="alert" data-testid="account-error">{e}</p> })}
            <section class="kw-summary">
                <div class="kw-summary-overall"><span class="kw-summary-label">"Category"</span>
                    <span class="kw-total" data-testid="account-category">{move || scores().and_then(|(_, c)| c).map(|c| c.label()).unwrap_or("not rated")}</span></div>
                <div><span class="kw-summary-label">"Attractiveness"</span><span class="kw-total" data-testid="account-attractiveness">{move || score_text(scores().and_then(|((a, _), _)| a))}</span></div>
                <div><span class="kw-summary-label">"Strength (customer's view)"</span><span class="kw-total" data-testid="account-strength">{move || score_text(scores().and_then(|((_, s), _)| s))}</span></div>
                <div><span class="kw-summary-label">"Share of wallet"</span><span class="kw-total">{move || percent(acc().share_of_wallet(), 0)}</span></div>
            </section>
            <p class="kw-flags" data-testid="account-flags">{move || flags().into_iter().map(|f| view! { <span class="kw-pill kw-pill-bad">{f}</span> }).collect_view()}</p>
            <section class="kw-card">
                <h3>"Account"</h3>
                <div class="kw-form-grid">
                    {text_field("Name", "acc-name", |a| a.name.clone(), |a, v| a.name = v)}
                    {text_field("Sector", "acc-sector", |a| a.sector.clone(), |a, v| a.sector = v)}
                    {text_field("Country", "acc-country", |a| a.country.clone(), |a, v| a.country = v)}
                    {amount_field("Our annual revenue", "acc-revenue", |a| a.revenue, |a, v| a.revenue = v)}
                    {amount_field("Their spend in our category", "acc-spend", |a| a.category_spend, |a, v| a.category_spend = v)}
                    {text_field("Key account manager", "acc-manager", |a| a.key_account_manager.clone(), |a, v| a.key_account_manager = v)}
                    {text_field("Executive sponsor", "acc-sponsor", |a| a.executive_sponsor.clone(), |a, v| a.executive_sponsor = v)}
                    {text_field("Plan owner", "acc-plan-owner", |a| a.plan_owner.clone(), |a, v| a.plan_owner = v)}
                    {stage_select("Relationship stage", "acc-stage", |a| a.current_stage, |a, s| a.current_stage = s)}
                    {stage_select("Target stage", "acc-target-stage", |a| a.target_stage, |a, s| a.target_stage = s)}
                    <label class="kw-wide">"Notes"
                        <textarea rows="2" data-testid="acc-notes" prop:value=move || acc().notes
                            on:change=move |ev| { let v = event_target_value(&ev); edit("notes", Box::new(move |a| a.notes = v)); }></textarea>
                    </label>
                </div>
            </section>
            <Ratings account=account edit=edit />
            <Dmu account=account edit=edit error=error />
            <Team account=account edit=edit error=error />
            <Measures account=account edit=edit error=error />
            <Moves id=id />
        }.into_any()
    }).into_any()
}

/// One rating's select, named for screen readers by its factor and the view
/// rated ("Volume: attractiveness rating").
fn rating_select(
    testid: String,
    factor: &Factor,
    view: RatingView,
    value: impl Fn() -> Option<u8> + Send + Sync + 'static,
    on: impl Fn(Option<u8>) + Send + Sync + 'static,
) -> impl IntoView {
    let value = Memo::new(move |_| value());
    let name = format!("{}: {} rating", factor.name, view.label());
    view! {
        <select data-testid=testid aria-label=name on:change=move |ev| on(event_target_value(&ev).parse::<u8>().ok())>
            <option value="" selected=move || value.get().is_none()>"—"</option>
            {(0..=MAX_RATING).map(|v| view! { <option value=v.to_string() selected=move || value.get() == Some(v)>{v}</option> }).collect_view()}
        </select>
    }
}

type AccountMemo = Memo<Option<KeyAccount>>;

/// A rating of the account, read reactively.
fn rating(
    account: AccountMemo,
    view: RatingView,
    factor: String,
) -> impl Fn() -> Option<u8> + Clone + Send + Sync + 'static {
    move || {
        account.with(|a| {
            a.as_ref().and_then(|a| {
                let map = match view {
                    RatingView::Attractiveness => &a.attractiveness,
                    RatingView::StrengthCustomer => &a.strength_customer_view,
                    RatingView::StrengthSelf => &a.strength_self_view,
                };
                map.get(&factor).copied()
            })
        })
    }
}

#[component]
fn Ratings(
    account: AccountMemo,
    edit: impl Fn(&str, Box<dyn FnOnce(&mut KeyAccount)>) -> bool + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let state = use_app_state();
    let criteria = state.portfolio.with_untracked(|p| p.criteria.clone());
    let gap = Memo::new(move |_| {
        state.portfolio.with(|p| {
            account.with(|a| {
                a.as_ref()
                    .map(|a| p.strength_gap(a).map_err(|e| e.to_string()))
            })
        })
    });
    let set = move |view: RatingView, factor: String, v: Option<u8>| {
        let what = match view {
            RatingView::Attractiveness => "attractiveness rating",
            RatingView::StrengthCustomer => "strength rating",
            RatingView::StrengthSelf => "our own strength rating",
        };
        edit(
            what,
            Box::new(move |a| {
                let map = match view {
                    RatingView::Attractiveness => &mut a.attractiveness,
                    RatingView::StrengthCustomer => &mut a.strength_customer_view,
                    RatingView::StrengthSelf => &mut a.strength_self_view,
                };
                match v {
                    Some(v) => {
                        map.insert(factor, v);
                    }
                    None => {
                        map.remove(&factor);
                    }
                }
            }),
        );
    };
    view! {
        <section class="kw-card" data-testid="account-ratings">
            <h3>"Selection criteria ratings (0-10)"</h3>
            <p class="kw-muted">"Attractiveness is how attractive the customer is to us. Relative strength is rated as the customer sees us; "
                "our own view is optional and shows where we flatter ourselves. Weights are set under Selection criteria."</p>
            <div class="kw-two-col">
                <table class="kw-table kw-stack">
                    <thead><tr><th scope="col">"Attractiveness factor"</th><th scope="col">"Weight"</th><th scope="col">"Rating"</th></tr></thead>
                    <tbody>
                        {criteria.attractiveness.iter().map(|f| {
                            let id = f.id.clone();
                            view! { <tr><th scope="row">{f.name.clone()}</th><td data-label="Weight">{format!("{}%", f.weight)}</td>
                                <td data-label="Rating">{{ let r = rating(account, RatingView::Attractiveness, f.id.clone()); rating_select(format!("rate-attr-{}", f.id), f, RatingView::Attractiveness, r,
                                    move |v| set(RatingView::Attractiveness, id.clone(), v)) }}</td></tr> }
                        }).collect_view()}
                    </tbody>
                </table>
                <table class="kw-table kw-stack">
                    <thead><tr><th scope="col">"Strength factor"</th><th scope="col">"Weight"</th><th scope="col">"Customer's view"</th><th scope="col">"Our view"</th><th scope="col">"Gap"</th></tr></thead>
                    <tbody>
                        {criteria.strength.iter().map(|f| {
                            let (id1, id2) = (f.id.clone(), f.id.clone());
                            let fid = f.id.clone();
                            let g = Memo::new(move |_| gap.with(|g| g.as_ref().and_then(|g| g.as_ref().ok()).and_then(|g| g.factors.iter().find(|x| x.factor == fid)).map(|x| x.gap)));
                            let (rc, rs) = (rating(account, RatingView::StrengthCustomer, f.id.clone()), rating(account, RatingView::StrengthSelf, f.id.clone()));
                            view! { <tr><th scope="row">{f.name.clone()}</th><td data-label="Weight">{format!("{}%", f.weight)}</td>
                                <td data-label="Customer's view">{rating_select(format!("rate-strength-{}", f.id), f, RatingView::StrengthCustomer, rc,
                                    move |v| set(RatingView::StrengthCustomer, id1.clone(), v))}</td>
                                <td data-label="Our view">{rating_select(format!("rate-self-{}", f.id), f, RatingView::StrengthSelf, rs,
                                    move |v| set(RatingView::StrengthSelf, id2.clone(), v))}</td>
                                <td data-label="Gap" class=move || if g.get().is_some_and(|g| g > 0) { "kw-down" } else { "" }>{move || g.get().map(|g| format!("{g:+}")).unwrap_or_else(|| "—".into())}</td></tr> }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p data-testid="strength-gap">{move || match gap.get() {
                // Invalid criteria: say why there is no gap rather than hide it.
                Some(Err(e)) => format!("No gap: the strength criteria are not usable ({e})."),
                Some(Ok(g)) => g.overall.map(|o| format!("Overall gap (our view minus the customer's): {}. A positive gap means we rate ourselves higher than the customer does.", signed(o)))
                    .unwrap_or_else(|| "Rate a strength factor in both views to see the gap.".into()),
                None => String::new(),
            }}</p>
        </section>
    }
}

#[component]
fn Dmu(
    account: AccountMemo,
    edit: impl Fn(&str, Box<dyn FnOnce(&mut KeyAccount)>) -> bool + Copy + Send + Sync + 'static,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let role = RwSignal::new(DecisionRole::default());
    let board = RwSignal::new(false);
    let strength = RwSignal::new(RelationshipStrength::default());
    let add = move || {
        let n = name.get_untracked().trim().to_string();
        if n.is_empty() {
            return error.set(Some(
                "Name the person in the decision-making unit first.".into(),
            ));
        }
        let member = DmuMember {
            name: n,
            title: title.get_untracked(),
            role: role.get_untracked(),
            board_level: board.get_untracked(),
            strength: strength.get_untracked(),
        };
        if edit(
            "decision-making unit",
            Box::new(move |a| a.dmu.push(member)),
        ) {
            name.set(String::new());
            title.set(String::new());
            board.set(false);
        }
    };
    let no_board =
        move || account.with(|a| a.as_ref().is_some_and(|a| !a.has_board_level_contact()));
    view! {
        <section class="kw-card" data-testid="account-dmu">
            <h3>"Decision-making unit"</h3>
            <p class="kw-muted">
                "Everyone in the customer who takes part in the decision, with their role and how strong our relationship is. "
                <GuideLink topic=Topic::Dmu text="What is a decision-making unit?" />
            </p>
            {move || no_board().then(|| view! { <p class="kw-pill kw-pill-bad" data-testid="flag-no-board">"No board-level contact"</p> })}
            <table class="kw-table kw-stack">
                <thead><tr><th scope="col">"Name"</th><th scope="col">"Title"</th><th scope="col">"Role in the decision"</th><th scope="col">"Board level"</th><th scope="col">"Relationship"</th><th scope="col"><span class="kw-sr-only">"Remove"</span></th></tr></thead>
                <tbody>
                    {move || account.get().unwrap_or_default().dmu.into_iter().enumerate().map(|(i, m)| view! {
                        <tr><td class="kw-stack-wide kw-stack-title">{m.name.clone()}</td><td data-label="Title">{m.title.clone()}</td><td data-label="Role in the decision">{m.role.label()}</td>
                            <td data-label="Board level">{if m.board_level { "Yes" } else { "No" }}</td><td data-label="Relationship">{m.strength.label()}</td>
                            <td class="kw-stack-wide"><button type="button" class="kw-button kw-button-small" aria-label=format!("Remove {}", m.name) on:click=move |_| { edit("decision-making unit", Box::new(move |a| { if i < a.dmu.len() { a.dmu.remove(i); } })); }>"Remove"</button></td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            <form class="kw-inline-form" on:submit=move |ev| { ev.prevent_default(); add(); }>
                <input type="text" placeholder="Name" data-testid="dmu-name" aria-label="Name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                <input type="text" placeholder="Title" data-testid="dmu-title" aria-label="Title" prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev)) />
                <select data-testid="dmu-role" aria-label="Role in the decision" on:change=move |ev| { let v = event_target_value(&ev); if let Some(r) = DecisionRole::ALL.into_iter().find(|r| r.label() == v) { role.set(r); } }>
                    {DecisionRole::ALL.into_iter().map(|r| view! { <option value=r.label() selected=move || role.get() == r>{r.label()}</option> }).collect_view()}
                </select>
                <label class="kw-check"><input type="checkbox" data-testid="dmu-board" prop:checked=move || board.get() on:change=move |ev| board.set(event_target_checked(&ev)) />" Board level"</label>
                <select data-testid="dmu-strength" aria-label="Relationship" on:change=move |ev| { let v = event_target_value(&ev); if let Some(s) = RelationshipStrength::ALL.into_iter().find(|s| s.label() == v) { strength.set(s); } }>
                    {RelationshipStrength::ALL.into_iter().map(|s| view! { <option value=s.label() selected=move || strength.get() == s>{s.label()}</option> }).collect_view()}
                </select>
                <button type="submit" class="kw-button" data-testid="dmu-add">"Add person"</button>
            </form>
        </section>
    }
}

#[component]
fn Team(
    account: AccountMemo,
    edit: impl Fn(&str, Box<dyn FnOnce(&mut KeyAccount)>) -> bool + Copy + Send + Sync + 'static,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let function = RwSignal::new(String::new());
    let role = RwSignal::new(String::new());
    let add = move || {
        let n = name.get_untracked().trim().to_string();
        if n.is_empty() {
            return error.set(Some("Name the team member first.".into()));
        }
        let member = TeamMember {
            name: n,
            function: function.get_untracked(),
            role: role.get_untracked(),
        };
        if edit("account team", Box::new(move |a| a.team.push(member))) {
            name.set(String::new());
            function.set(String::new());
            role.set(String::new());
        }
    };
    let alone = move || {
        account.with(|a| {
            a.as_ref()
                .is_some_and(KeyAccount::has_no_team_beyond_manager)
        })
    };
    view! {
        <section class="kw-card" data-testid="account-team">
            <h3>"Our account team"</h3>
            {move || alone().then(|| view! { <p class="kw-pill kw-pill-bad" data-testid="flag-no-team">"No team beyond the manager"</p> })}
            <table class="kw-table kw-stack">
                <thead><tr><th scope="col">"Name"</th><th scope="col">"Function"</th><th scope="col">"Role"</th><th scope="col"><span class="kw-sr-only">"Remove"</span></th></tr></thead>
                <tbody>
                    {move || account.get().unwrap_or_default().team.into_iter().enumerate().map(|(i, m)| view! {
                        <tr><td class="kw-stack-wide kw-stack-title">{m.name.clone()}</td><td data-label="Function">{m.function.clone()}</td><td data-label="Role">{m.role.clone()}</td>
                            <td class="kw-stack-wide"><button type="button" class="kw-button kw-button-small" aria-label=format!("Remove {}", m.name) on:click=move |_| { edit("account team", Box::new(move |a| { if i < a.team.len() { a.team.remove(i); } })); }>"Remove"</button></td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            <form class="kw-inline-form" on:submit=move |ev| { ev.prevent_default(); add(); }>
                <input type="text" placeholder="Name" data-testid="team-name" aria-label="Name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                <input type="text" placeholder="Function (e.g. Operations)" data-testid="team-function" aria-label="Function" prop:value=move || function.get() on:input=move |ev| function.set(event_target_value(&ev)) />
                <input type="text" placeholder="Role in the team" data-testid="team-role" aria-label="Role in the team" prop:value=move || role.get() on:input=move |ev| role.set(event_target_value(&ev)) />
                <button type="submit" class="kw-button" data-testid="team-add">"Add member"</button>
            </form>
        </section>
    }
}

#[component]
fn Measures(
    account: AccountMemo,
    edit: impl Fn(&str, Box<dyn FnOnce(&mut KeyAccount)>) -> bool + Copy + Send + Sync + 'static,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let quarter = RwSignal::new(String::new());
    let revenue = RwSignal::new(String::new());
    let sow = RwSignal::new(String::new());
    let meetings = RwSignal::new(String::new());
    let days = RwSignal::new(String::new());
    let add = move || {
        let q: Quarter = match quarter.get_untracked().trim().parse() {
            Ok(q) => q,
            Err(e) => return error.set(Some(format!("Quarter: {e}"))),
        };
        let mut m = QuarterMeasure::new(q);
        match parse_amount(&revenue.get_untracked()) {
            Ok(v) => m.revenue = v.unwrap_or(0.0),
            Err(e) => return error.set(Some(format!("Revenue: {e}"))),
        }
        match parse_amount(&sow.get_untracked()) {
            Ok(v) => m.share_of_wallet = v.map(|percent| percent / 100.0),
            Err(e) => return error.set(Some(format!("Share of wallet: {e}"))),
        }
        match meetings.get_untracked().trim() {
            "" => {}
            t => match t.parse() {
                Ok(v) => m.senior_meetings = v,
                Err(_) => {
                    return error.set(Some(format!(
                        "Senior meetings: \"{t}\" is not a whole number"
                    )))
                }
            },
        }
        match parse_amount(&days.get_untracked()) {
            Ok(v) => m.days_with_customer = v.unwrap_or(0.0),
            Err(e) => return error.set(Some(format!("Days with the customer: {e}"))),
        }
        if edit(
            &format!("measures for {q}"),
            Box::new(move |a| a.set_measure(m)),
        ) {
            quarter.set(String::new());
        }
    };
    view! {
        <section class="kw-card" data-testid="account-measures">
            <h3>"Measures by quarter"</h3>
            <p class="kw-muted">"Access to senior stakeholders and time spent with the customer, beside revenue and share of wallet."</p>
            <table class="kw-table kw-stack">
                <thead><tr><th scope="col">"Quarter"</th><th scope="col">"Revenue"</th><th scope="col">"Share of wallet"</th><th scope="col">"Senior/board meetings"</th><th scope="col">"Days with customer"</th></tr></thead>
                <tbody>
                    {move || account.get().unwrap_or_default().trend().into_iter().cloned().collect::<Vec<_>>().into_iter().map(|m| view! {
                        <tr><th scope="row">{m.quarter.to_string()}</th><td class="kw-num" data-label="Revenue">{money(m.revenue)}</td>
                            <td class="kw-num" data-label="Share of wallet">{percent(m.share_of_wallet, 0)}</td>
                            <td class="kw-num" data-label="Senior/board meetings">{m.senior_meetings}</td><td class="kw-num" data-label="Days with customer">{one_decimal(m.days_with_customer)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            <form class="kw-inline-form" on:submit=move |ev| { ev.prevent_default(); add(); }>
                <input type="text" placeholder="Quarter, e.g. 2026-Q3" data-testid="measure-quarter" aria-label="Quarter" prop:value=move || quarter.get() on:input=move |ev| quarter.set(event_target_value(&ev)) />
                <input type="text" inputmode="decimal" placeholder="Revenue" data-testid="measure-revenue" aria-label="Revenue" prop:value=move || revenue.get() on:input=move |ev| revenue.set(event_target_value(&ev)) />
                <input type="text" inputmode="decimal" placeholder="Share of wallet %" data-testid="measure-sow" aria-label="Share of wallet %" prop:value=move || sow.get() on:input=move |ev| sow.set(event_target_value(&ev)) />
                <input type="text" inputmode="numeric" placeholder="Senior meetings" data-testid="measure-meetings" aria-label="Senior/board meetings" prop:value=move || meetings.get() on:input=move |ev| meetings.set(event_target_value(&ev)) />
                <input type="text" inputmode="decimal" placeholder="Days with customer" data-testid="measure-days" aria-label="Days with customer" prop:value=move || days.get() on:input=move |ev| days.set(event_target_value(&ev)) />
                <button type="submit" class="kw-button" data-testid="measure-add">"Record quarter"</button>
            </form>
        </section>
    }
}

#[component]
fn Moves(id: AccountId) -> impl IntoView {
    let state = use_app_state();
    let moves = move || {
        state.portfolio.with(|p| {
            p.migrations
                .iter()
                .rev()
                .filter(|m| m.account == id)
                .map(|m| (m.date.to_string(), m.kind.describe()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="kw-card" data-testid="account-moves">
            <h3>"Migration history"</h3>
            {move || {
                let list = moves();
                if list.is_empty() {
                    view! { <p class="kw-empty">"No change of category or relationship stage recorded yet."</p> }.into_any()
                } else {
                    view! { <ul>{list.into_iter().map(|(d, t)| view! { <li><span class="kw-muted">{d}</span>" "{t}</li> }).collect_view()}</ul> }.into_any()
                }
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::parse_amount;

    #[test]
    fn amounts_parse_or_explain() {
        assert_eq!(parse_amount(""), Ok(None));
        assert_eq!(parse_amount(" 1,250,000 "), Ok(Some(1_250_000.0)));
        assert_eq!(parse_amount("0"), Ok(Some(0.0)));
        // Negative is a number; the model refuses it with its own reason.
        assert_eq!(parse_amount("-5"), Ok(Some(-5.0)));
        assert_eq!(parse_amount("lots"), Err("\"lots\" is not a number".into()));
        assert_eq!(parse_amount("NaN"), Err("\"NaN\" is not a number".into()));
    }
}
