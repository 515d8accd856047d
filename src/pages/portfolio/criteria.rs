use super::today;
use crate::components::{GuideLink, SumCheck};
use crate::domain::guide::Topic;
use crate::domain::portfolio::{
    id_from_name, validate_weights, weight_total, Criteria, Factor, WEIGHT_TOTAL,
};
use crate::state::use_app_state;
use leptos::prelude::*;

/// Editable selection criteria. Weights must sum to 100: a draft that does
/// not is shown with its error and never saved or rescaled.
#[component]
pub fn CriteriaView() -> impl IntoView {
    let state = use_app_state();
    let draft = RwSignal::new(state.portfolio.with_untracked(|p| p.criteria.clone()));
    let message = RwSignal::new(None::<(bool, String)>);
    let save = move |_| {
        let criteria = draft.get_untracked();
        let today = match today() {
            Ok(d) => d,
            Err(e) => return message.set(Some((false, e))),
        };
        let result =
            state.edit_portfolio("Selection criteria", |p| p.set_criteria(criteria, today));
        message.set(Some(match result {
            Ok(moves) => {
                let (saved, note) = state.save_now();
                (
                    saved,
                    format!(
                        "Criteria changed: {} accounts changed category. {note}",
                        moves.len()
                    ),
                )
            }
            Err(e) => (false, e.to_string()),
        }));
    };
    let reset = move |_| {
        draft.set(state.portfolio.with_untracked(|p| p.criteria.clone()));
        message.set(None);
    };
    view! {
        <p class="kw-muted">"Choose the factors that make a customer attractive to you, and those on which the customer judges your strength. "
            "Each axis's weights must add up to exactly 100. "
            <GuideLink topic=Topic::KamIs text="Which customers are key accounts: what KAM is, and is not" />" · "
            <GuideLink topic=Topic::GlobalDosAndDonts text="Global customers: do's and don'ts" /></p>
        <div class="kw-two-col">
            <FactorEditor title="Attractiveness factors" prefix="attr" draft=draft pick=|c: &mut Criteria| &mut c.attractiveness />
            <FactorEditor title="Relative strength factors (as the customer sees us)" prefix="strength" draft=draft pick=|c: &mut Criteria| &mut c.strength />
        </div>
        <div class="kw-inline-form">
            <button type="button" class="kw-button kw-button-primary" data-testid="criteria-save" on:click=save>"Save criteria"</button>
            <button type="button" class="kw-button" data-testid="criteria-reset" on:click=reset>"Discard changes"</button>
            {move || message.get().map(|(ok, m)| view! { <span class=if ok { "kw-ok" } else { "kw-error" } role="alert" data-testid="criteria-message">{m}</span> })}
        </div>
    }
}

#[component]
fn FactorEditor(
    title: &'static str,
    prefix: &'static str,
    draft: RwSignal<Criteria>,
    pick: fn(&mut Criteria) -> &mut Vec<Factor>,
) -> impl IntoView {
    let factors = move || {
        let mut c = draft.get();
        pick(&mut c).clone()
    };
    // What screen readers call a row's fields: its factor's name, else its place.
    let factor_name = move |i: usize| {
        factors()
            .get(i)
            .map(|f| f.name.trim().to_string())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| format!("factor {}", i + 1))
    };
    let sum = move || weight_total(&factors());
    let check = move || validate_weights(&factors()).err().map(|e| e.to_string());
    let input_error = RwSignal::new(None::<String>);
    let new_name = RwSignal::new(String::new());
    view! {
        <section class="kw-card" data-testid=format!("criteria-{prefix}")>
            <h2>{title}</h2>
            <table class="kw-table">
                <thead><tr><th scope="col">"Factor"</th><th scope="col">"Weight %"</th><th scope="col"><span class="kw-sr-only">"Remove"</span></th></tr></thead>
                <tbody>
                    // Rows keyed by position with reactive values: editing a weight
                    // never rebuilds the inputs under the user's cursor.
                    <For each=move || 0..factors().len() key=|i| *i let:i>
                        <tr>
                            <td><input type="text" prop:value=move || factors().get(i).map(|f| f.name.clone()).unwrap_or_default() data-testid=format!("criteria-{prefix}-name-{i}")
                                aria-label=move || format!("{title}: name of factor {}", i + 1)
                                on:change=move |ev| { let v = event_target_value(&ev); draft.update(|c| if let Some(f) = pick(c).get_mut(i) { f.name = v }); } /></td>
                            <td><input type="number" min="0" max="100" step="1" class="kw-narrow" prop:value=move || factors().get(i).map(|f| f.weight.to_string()).unwrap_or_default() data-testid=format!("criteria-{prefix}-weight-{i}")
                                aria-label=move || format!("Weight % of {}", factor_name(i))
                                on:change=move |ev| {
                                    // A blank weight is 0; anything else not a whole number is said, not turned into 0.
                                    let text = event_target_value(&ev);
                                    let v = match text.trim() { "" => Ok(0), t => t.parse::<u32>().map_err(|_| format!("\"{t}\" is not a whole number of percent")) };
                                    match v {
                                        Ok(v) => { input_error.set(None); draft.update(|c| if let Some(f) = pick(c).get_mut(i) { f.weight = v }); }
                                        Err(e) => input_error.set(Some(e)),
                                    }
                                } /></td>
                            <td><button type="button" class="kw-button kw-button-small"
                                aria-label=move || format!("Remove {}", factor_name(i))
                                on:click=move |_| draft.update(|c| { let v = pick(c); if i < v.len() { v.remove(i); } })>"Remove"</button></td>
                        </tr>
                    </For>
                </tbody>
                <tfoot><tr><th scope="row">"Total"</th><td><SumCheck ok=Signal::derive(move || sum() == WEIGHT_TOTAL) testid=format!("criteria-{prefix}-sum")>{sum}</SumCheck></td><td></td></tr></tfoot>
            </table>
            {move || input_error.get().or_else(check).map(|e| view! { <p class="kw-error" role="alert" data-testid=format!("criteria-{prefix}-error")>{e}</p> })}
            <form class="kw-inline-form" on:submit=move |ev| {
                ev.prevent_default();
                let name = new_name.get_untracked().trim().to_string();
                if name.is_empty() { return; }
                let id = id_from_name(&name, "factor");
                draft.update(|c| pick(c).push(Factor::new(&id, &name, 0)));
                new_name.set(String::new());
            }>
                <input type="text" placeholder="New factor" aria-label=format!("New factor for {}", title.to_lowercase()) prop:value=move || new_name.get() on:input=move |ev| new_name.set(event_target_value(&ev)) />
                <button type="submit" class="kw-button kw-button-small">"Add factor"</button>
            </form>
        </section>
    }
}
