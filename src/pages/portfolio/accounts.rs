use super::{account_href, amount, percent, score_text};
use crate::domain::litmus::customer_readiness;
use crate::domain::portfolio::{
    AccountFilter, AccountFlag, AccountId, Category, KeyAccount, PortfolioError, RelationshipStage,
    SortKey,
};
use crate::route::Route;
use crate::state::use_app_state;
use leptos::prelude::*;

const PAGE_SIZE: usize = 50;

const SORTS: [(SortKey, &str); 6] = [
    (SortKey::Name, "Name"),
    (SortKey::Revenue, "Revenue"),
    (SortKey::Attractiveness, "Attractiveness"),
    (SortKey::Strength, "Strength"),
    (SortKey::Category, "Category"),
    (SortKey::ShareOfWallet, "Share of wallet"),
];

/// One row of the account list, computed from the workspace.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    id: AccountId,
    name: String,
    sector: String,
    country: String,
    manager: String,
    revenue: Option<f64>,
    share_of_wallet: Option<f64>,
    stage: RelationshipStage,
    target: RelationshipStage,
    category: Option<Category>,
    attractiveness: Option<f64>,
    strength: Option<f64>,
    readiness: Option<(usize, usize)>,
    flags: Vec<AccountFlag>,
}

#[component]
pub fn AccountsView() -> impl IntoView {
    let state = use_app_state();
    let query = RwSignal::new(String::new());
    let filter = RwSignal::new(AccountFilter::default());
    let sort = RwSignal::new((SortKey::Name, true));
    let page = RwSignal::new(0usize);
    let deleted = RwSignal::new(None::<(String, String)>);
    let error = RwSignal::new(None::<String>);

    // Every filter change starts again at the first page.
    Effect::new(move |_| {
        query.track();
        filter.track();
        sort.track();
        page.set(0);
    });

    let matching = Memo::new(move |_| {
        let (key, asc) = sort.get();
        let q = query.get();
        filter.with(|f| {
            state.portfolio.with(|p| {
                p.view(&q, f, key, asc)
                    .into_iter()
                    .map(|a| a.id)
                    .collect::<Vec<_>>()
            })
        })
    });
    let rows = Memo::new(move |_| {
        let start = page.get() * PAGE_SIZE;
        matching.with(|ids| {
            state.portfolio.with(|p| {
                state.litmus.with(|litmus| {
                    ids.iter()
                        .skip(start)
                        .take(PAGE_SIZE)
                        .filter_map(|id| p.get(*id))
                        .map(|a| {
                            let (attractiveness, strength) = p.scores(a);
                            let r = customer_readiness(litmus, a.id);
                            Row {
                                id: a.id,
                                name: a.name.clone(),
                                sector: a.sector.clone(),
                                country: a.country.clone(),
                                manager: a.key_account_manager.clone(),
                                revenue: a.revenue,
                                share_of_wallet: a.share_of_wallet(),
                                stage: a.current_stage,
                                target: a.target_stage,
                                category: p.category(a),
                                attractiveness,
                                strength,
                                readiness: r.tested().then_some((r.yes, r.of)),
                                flags: a.flags(),
                            }
                        })
                        .collect::<Vec<_>>()
                })
            })
        })
    });
    let pages = move || matching.with(|m| m.len().div_ceil(PAGE_SIZE).max(1));
    let managers = Memo::new(move |_| state.portfolio.with(|p| p.managers()));

    let new_name = RwSignal::new(String::new());
    let new_manager = RwSignal::new(String::new());
    // The model's warning that the name is taken; while it shows, the next
    // click adds a second account of that name (the user's explicit choice).
    let name_taken = RwSignal::new(None::<String>);
    let add = move || {
        let keep_both = name_taken.get_untracked().is_some();
        let mut account = KeyAccount::new(new_name.get_untracked().trim());
        account.key_account_manager = new_manager.get_untracked().trim().to_string();
        let label = format!("Add {}", account.name);
        let result = state.edit_portfolio(label, |p| p.add_account_by_hand(account, keep_both));
        match result {
            Ok(_) => {
                new_name.set(String::new());
                name_taken.set(None);
                error.set(None);
            }
            Err(e @ PortfolioError::NameTaken { .. }) => {
                error.set(None);
                name_taken.set(Some(format!(
                    "{}. Add a second account of that name? A CSV export and re-import would take the two for one.",
                    capitalised(&e.to_string())
                )));
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let delete = move |id: AccountId| {
        let name = state
            .portfolio
            .with_untracked(|p| p.get(id).map(|a| a.name.clone()))
            .unwrap_or_default();
        let label = format!("Delete {name}");
        match state.edit_portfolio(label.clone(), |p| p.remove_account(id)) {
            Ok(_) => deleted.set(Some((label, name))),
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    // The banner's Undo is the app's one undo, offered while the delete is
    // still the last edit.
    let can_restore = move || {
        deleted.with(|d| {
            d.as_ref()
                .is_some_and(|(label, _)| state.undo_label.with(|u| u.as_deref() == Some(label)))
        })
    };
    let restore = move |_| {
        state.undo();
        deleted.set(None);
    };

    view! {
        <HealthPanel />
        <form class="kw-card kw-inline-form" data-testid="account-add" on:submit=move |ev| { ev.prevent_default(); add(); }>
            <label>"New account " <input type="text" data-testid="account-new-name" placeholder="Customer name" required
                prop:value=move || new_name.get() on:input=move |ev| { new_name.set(event_target_value(&ev)); name_taken.set(None); } /></label>
            <label>"Key account manager " <input type="text" data-testid="account-new-manager" list="kw-managers"
                prop:value=move || new_manager.get() on:input=move |ev| new_manager.set(event_target_value(&ev)) /></label>
            <datalist id="kw-managers">{move || managers.get().into_iter().map(|m| view! { <option value=m /> }).collect_view()}</datalist>
            <button type="submit" class="kw-button kw-button-primary" data-testid="account-add-submit">
                {move || if name_taken.with(Option::is_some) { "Add anyway" } else { "Add account" }}
            </button>
        </form>
        {move || name_taken.get().map(|w| view! { <p class="kw-banner kw-banner-warn" role="alert" data-testid="account-name-taken">{w}</p> })}
        {move || error.get().map(|e| view! { <p class="kw-banner kw-banner-error" role="alert">{e}</p> })}
        {move || can_restore().then(|| deleted.get().map(|(_, name)| view! {
            <p class="kw-banner kw-banner-warn" role="status" data-testid="undo-banner">
                {format!("Deleted \"{name}\". ")}
                <button type="button" class="kw-button kw-button-small" data-testid="undo-delete" on:click=restore>"Undo"</button>
            </p>
        }))}
        <div class="kw-filters" data-testid="account-filters">
            <label>"Search " <input type="search" data-testid="account-search" placeholder="Name, sector, country, manager"
                prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev)) /></label>
            <label>"Category "
                <select data-testid="account-filter-category" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    filter.update(|f| f.category = Category::ALL.into_iter().find(|c| c.label() == v));
                }>
                    <option value="">"All"</option>
                    {Category::ALL.into_iter().map(|c| view! { <option value=c.label()>{c.label()}</option> }).collect_view()}
                </select>
            </label>
            <label>"Stage "
                <select data-testid="account-filter-stage" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    filter.update(|f| f.stage = RelationshipStage::ALL.into_iter().find(|s| s.label() == v));
                }>
                    <option value="">"All"</option>
                    {RelationshipStage::ALL.into_iter().map(|s| view! { <option value=s.label()>{s.label()}</option> }).collect_view()}
                </select>
            </label>
            <label>"Manager "
                <select data-testid="account-filter-manager" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    filter.update(|f| f.manager = (!v.is_empty()).then_some(v));
                }>
                    <option value="">"All"</option>
                    {move || managers.get().into_iter().map(|m| view! { <option value=m.clone()>{m.clone()}</option> }).collect_view()}
                </select>
            </label>
            <label>"Sort "
                <select data-testid="account-sort" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some((k, _)) = SORTS.iter().find(|(_, l)| *l == v) {
                        sort.update(|s| s.0 = *k);
                    }
                }>
                    {SORTS.iter().map(|(k, l)| view! { <option value=*l selected=move || sort.with(|s| s.0 == *k)>{*l}</option> }).collect_view()}
                </select>
            </label>
            <button type="button" class="kw-button kw-button-small" data-testid="account-sort-direction"
                on:click=move |_| sort.update(|s| s.1 = !s.1)>
                {move || if sort.with(|s| s.1) { "Ascending ↑" } else { "Descending ↓" }}
            </button>
        </div>
        <p class="kw-muted" data-testid="account-count">
            {move || state.portfolio.with(|p| format!("{} of {} accounts", matching.with(Vec::len), p.accounts.len()))}
        </p>
        // On a phone each row is a card, with each value under its column's name.
        <div class="kw-table-wrap">
            <table class="kw-table kw-accounts kw-stack" data-testid="account-table">
                <thead><tr>
                    <th scope="col">"Account"</th><th scope="col">"Manager"</th><th scope="col">"Revenue"</th>
                    <th scope="col">"Share of wallet"</th><th scope="col">"Stage → target"</th><th scope="col">"Category"</th>
                    <th scope="col">"Attract."</th><th scope="col">"Strength"</th><th scope="col">"Readiness"</th>
                    <th scope="col">"Flags"</th><th scope="col"><span class="kw-sr-only">"Actions"</span></th>
                </tr></thead>
                <tbody>
                    <For each=move || rows.get() key=|r| format!("{r:?}") let:r>
                        <tr data-testid=format!("account-row-{}", r.id.0)>
                            <th scope="row"><a href=account_href(r.id)>{r.name.clone()}</a>
                                <span class="kw-muted kw-small">{[r.sector.as_str(), r.country.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" · ")}</span></th>
                            <td data-label="Manager">{if r.manager.is_empty() { "—".to_string() } else { r.manager.clone() }}</td>
                            <td class="kw-num" data-label="Revenue">{amount(r.revenue)}</td>
                            <td class="kw-num" data-label="Share of wallet">{percent(r.share_of_wallet, 0)}</td>
                            <td data-label="Stage → target">{r.stage.label()}<span class="kw-stage-to">{format!(" → {}", r.target.label())}</span></td>
                            <td data-label="Category" data-testid=format!("account-category-{}", r.id.0)>{r.category.map(|c| c.label()).unwrap_or("not rated")}</td>
                            <td class="kw-num" data-label="Attractiveness">{score_text(r.attractiveness)}</td>
                            <td class="kw-num" data-label="Strength">{score_text(r.strength)}</td>
                            <td data-label="Readiness" data-testid=format!("account-readiness-{}", r.id.0)>
                                <a href=Route::Customer(r.id).href() title="KAM-ready customer litmus test: yes answers">
                                    {r.readiness.map(|(y, of)| format!("{y} of {of}")).unwrap_or_else(|| "—".into())}
                                </a>
                            </td>
                            <td class="kw-flags kw-stack-wide" data-label="Flags" data-testid=format!("account-flags-{}", r.id.0)>
                                <FlagMarks flags=r.flags.clone() />
                            </td>
                            <td class="kw-stack-wide"><button type="button" class="kw-button kw-button-small kw-button-danger"
                                data-testid=format!("account-delete-{}", r.id.0)
                                on:click={ let id = r.id; move |_| delete(id) }>"Delete"</button></td>
                        </tr>
                    </For>
                </tbody>
            </table>
        </div>
        <FlagLegend />
        <nav class="kw-pager" aria-label="Pages">
            <button type="button" class="kw-button kw-button-small" disabled=move || page.get() == 0
                on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>"← Previous"</button>
            <span data-testid="account-page">{move || format!("Page {} of {}", page.get() + 1, pages())}</span>
            <button type="button" class="kw-button kw-button-small" disabled=move || { page.get() + 1 >= pages() }
                on:click=move |_| page.update(|p| *p += 1)>"Next →"</button>
        </nav>
    }
}

/// An account's flags as compact marks, each with its words for screen
/// readers and on hover (on a phone the words are shown).
#[component]
fn FlagMarks(flags: Vec<AccountFlag>) -> impl IntoView {
    flags
        .into_iter()
        .map(|f| {
            view! {
                <span class="kw-flag" title=f.label()>
                    <span class="kw-flag-code" aria-hidden="true">{f.code()}</span>
                    <span class="kw-sr-only kw-flag-text">{f.label()}<span class="kw-sr-only">". "</span></span>
                </span>
            }
        })
        .collect_view()
}

/// What each flag's mark stands for, under the table.
#[component]
fn FlagLegend() -> impl IntoView {
    view! {
        <p class="kw-flag-legend kw-muted" data-testid="account-flag-legend" aria-hidden="true">
            "Flags: "
            {AccountFlag::ALL.into_iter().map(|f| view! {
                <span class="kw-flag-legend-item"><span class="kw-flag">
                    <span class="kw-flag-code">{f.code()}</span>
                </span>{format!(" {}", f.label())}</span>
            }).collect_view()}
        </p>
    }
}

/// A model message as a sentence: first letter upper case.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// Portfolio health: accounts against sponsors, missing owners, categories.
#[component]
fn HealthPanel() -> impl IntoView {
    let health = use_app_state().analyses().health;
    view! {
        <section class="kw-summary" data-testid="portfolio-health">
            <div class="kw-summary-overall">
                <span class="kw-summary-label">"Key accounts"</span>
                <span class="kw-total" data-testid="health-accounts">{move || health.with(|h| h.accounts)}</span>
                <span class="kw-summary-sub" data-testid="health-sponsors">{move || health.with(|h| h.sponsors_text())}</span>
            </div>
            {Category::ALL.into_iter().map(|c| view! {
                <div>
                    <span class="kw-summary-label">{c.label()}</span>
                    <span class="kw-total" data-testid=format!("health-{}", c.label().to_lowercase())>
                        {move || health.with(|h| h.per_category.get(&c).copied().unwrap_or(0))}
                    </span>
                </div>
            }).collect_view()}
        </section>
        {move || health.with(|h| h.warnings.iter().map(|w| view! {
            <p class="kw-banner kw-banner-warn" data-testid="health-warning">{w.message()}</p>
        }).collect_view())}
    }
}
