use super::today;
use crate::clock::now_ms;
use crate::domain::csv::{
    apply, check_size, decode_file, export_csv, mapping_targets, plan_import, rejected_rows_csv,
    rename_headers, unknown_headers, DuplicatePolicy, ImportPlan, RowError,
};
use crate::domain::number::fixed;
use crate::download::download_text;
use crate::state::use_app_state;
use leptos::prelude::*;

/// CSV export (Excel-friendly) and import with a checked plan: every bad row
/// is reported with its line, duplicates wait for a choice, good rows import.
#[component]
pub fn CsvView() -> impl IntoView {
    let state = use_app_state();
    let bom = RwSignal::new(true);
    let export_error = RwSignal::new(None::<String>);
    let export = move |_| {
        let csv = state
            .portfolio
            .with_untracked(|p| export_csv(p, bom.get_untracked()));
        let result = csv
            .map_err(|e| e.to_string())
            .and_then(|text| download_text("kam-accounts.csv", "text/csv;charset=utf-8", &text));
        export_error.set(result.err());
    };

    let plan = RwSignal::new(None::<ImportPlan>);
    // Rows with errors stay listed after the import, with their download.
    let rejected = RwSignal::new(Vec::<RowError>::new());
    let imported = RwSignal::new(false);
    let rejected_problem = RwSignal::new(None::<String>);
    let plan_ms = RwSignal::new(0.0);
    let problem = RwSignal::new(None::<String>);
    let summary = RwSignal::new(None::<String>);
    let policy = RwSignal::new(DuplicatePolicy::Skip);
    let pasted = RwSignal::new(String::new());
    // The checked text as read, and what the user said unrecognised columns are.
    let source = RwSignal::new(None::<String>);
    let mapping = RwSignal::new(Vec::<(String, String)>::new());
    let unknown = Memo::new(move |_| {
        source.with(|text| {
            text.as_deref()
                .and_then(|t| {
                    state
                        .portfolio
                        .with_untracked(|p| unknown_headers(p, t).ok())
                })
                .unwrap_or_default()
        })
    });
    let targets = state.portfolio.with_untracked(mapping_targets);

    let set_plan = move |result: Result<ImportPlan, String>, started: f64| {
        plan_ms.set(now_ms() - started);
        summary.set(None);
        imported.set(false);
        rejected_problem.set(None);
        match result {
            Ok(p) => {
                rejected.set(p.errors.clone());
                plan.set(Some(p));
                problem.set(None);
            }
            Err(e) => {
                rejected.set(Vec::new());
                plan.set(None);
                problem.set(Some(e));
            }
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = crate::download::chosen_file(&ev) else {
            return;
        };
        // A file far too large is refused before it is read into memory.
        if let Err(e) = check_size(file.size() as usize) {
            return set_plan(Err(e.to_string()), now_ms());
        }
        leptos::task::spawn_local(async move {
            let started = now_ms();
            let bytes = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                Ok(buf) => js_sys::Uint8Array::new(&buf).to_vec(),
                Err(_) => return set_plan(Err("The file could not be read.".into()), started),
            };
            mapping.set(Vec::new());
            // Decoded once: the plan, the column mapping and the rows to fix read the same text.
            let text = match decode_file(&bytes) {
                Ok(text) => text.into_owned(),
                Err(e) => {
                    source.set(None);
                    return set_plan(Err(e.to_string()), started);
                }
            };
            let result = state.portfolio.with_untracked(|p| plan_import(p, &text));
            source.set(Some(text));
            set_plan(result.map_err(|e| e.to_string()), started);
        });
    };
    let check_pasted = move |_| {
        let started = now_ms();
        let text = pasted.get_untracked();
        let result = state.portfolio.with_untracked(|p| plan_import(p, &text));
        mapping.set(Vec::new());
        source.set(Some(text));
        set_plan(result.map_err(|e| e.to_string()), started);
    };
    let recheck = move |_| {
        let started = now_ms();
        let Some(text) = source.get_untracked() else {
            return;
        };
        let renames = mapping.get_untracked();
        let result = rename_headers(&text, &renames)
            .and_then(|t| state.portfolio.with_untracked(|p| plan_import(p, &t)));
        set_plan(result.map_err(|e| e.to_string()), started);
    };
    let run_import = move |_| {
        let Some(p) = plan.get_untracked() else {
            return;
        };
        let started = now_ms();
        let today = match today() {
            Ok(d) => d,
            Err(e) => return problem.set(Some(e)),
        };
        let chosen = policy.get_untracked();
        let label = format!("Import from CSV ({} rows)", p.rows_to_import(chosen));
        let result = state.edit_portfolio(label, |portfolio| apply(portfolio, &p, chosen, today));
        // A large import is saved at once rather than after the debounce.
        let (_, saved) = state.save_now();
        let took = now_ms() - started + plan_ms.get_untracked();
        match result {
            Ok(s) => {
                summary.set(Some(format!(
                    "Imported {} new accounts, replaced {}, skipped {} duplicates; {} rows had errors and were not imported. Checked and imported in {} ms. {saved}",
                    s.added.len(), s.replaced.len(), s.skipped.len(), p.errors.len(), fixed(took, 0)
                )));
                imported.set(true);
                plan.set(None);
            }
            Err(e) => problem.set(Some(e.to_string())),
        }
    };

    let download_rejected = move |_| {
        let errors = rejected.get_untracked();
        let result = source.with_untracked(|text| match text {
            Some(text) => rejected_rows_csv(text, &errors).map_err(|e| e.to_string()),
            None => Err("The file's text is no longer here: check the file again.".to_string()),
        });
        let result = result.and_then(|csv| {
            download_text("kam-rows-not-imported.csv", "text/csv;charset=utf-8", &csv)
        });
        rejected_problem.set(result.err());
    };
    let rejected_view = move || {
        (!rejected.with(Vec::is_empty)).then(|| view! {
            <div class="kw-import-rejected" data-testid="csv-rejected">
                <h3>{move || if imported.get() { "Rows not imported" } else { "Rows that will not be imported" }}</h3>
                <ul class="kw-row-errors" data-testid="csv-errors">
                    {rejected.get().into_iter().map(|e| view! {
                        <li>{format!("Line {}: {}", e.line, e.problems.iter().map(|x| x.to_string()).collect::<Vec<_>>().join("; "))}</li>
                    }).collect_view()}
                </ul>
                <button type="button" class="kw-button kw-button-small" data-testid="csv-rejected-download" on:click=download_rejected>
                    "Download these rows as CSV"
                </button>
                {move || rejected_problem.get().map(|e| view! { <span class="kw-error" role="alert">{e}</span> })}
            </div>
        })
    };
    let cancel = move |_| {
        plan.set(None);
        rejected.set(Vec::new());
    };

    view! {
        <section class="kw-card" data-testid="csv-export">
            <h2>"Export"</h2>
            <p class="kw-muted">"Every account with its ratings as CSV (RFC 4180, UTF-8). Cells that a spreadsheet would run as a formula are neutralised."</p>
            <div class="kw-inline-form">
                <label class="kw-check"><input type="checkbox" prop:checked=move || bom.get() on:change=move |ev| bom.set(event_target_checked(&ev)) />" For Excel (UTF-8 with BOM)"</label>
                <button type="button" class="kw-button" data-testid="csv-export-button" on:click=export>"Export CSV"</button>
                {move || export_error.get().map(|e| view! { <span class="kw-error" role="alert">{e}</span> })}
            </div>
        </section>
        <section class="kw-card" data-testid="csv-import">
            <h2>"Import"</h2>
            <p class="kw-muted">"A header row is required; a name column is needed (\"Name\", \"Account\", \"Customer\"…). Fields may be separated by commas, semicolons (as Excel saves in much of Europe, with numbers such as 1.234,5) or tabs: the separator is found from the header row. Other recognised columns: sector, country, revenue, "
                "category spend, key account manager, executive sponsor, plan owner, stage, target stage, notes, attr:<factor>, strength:<factor>, self:<factor>. "
                "Nothing is imported until you have seen the check."</p>
            <div class="kw-inline-form">
                <label>"CSV file " <input type="file" accept=".csv,text/csv" data-testid="csv-file" on:change=on_file /></label>
            </div>
            <details>
                <summary>"Or paste CSV text"</summary>
                <textarea rows="6" class="kw-paste" data-testid="csv-paste" aria-label="CSV text" prop:value=move || pasted.get() on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
                <button type="button" class="kw-button" data-testid="csv-check" on:click=check_pasted>"Check"</button>
            </details>
            {move || problem.get().map(|e| view! { <p class="kw-banner kw-banner-error" role="alert" data-testid="csv-problem">{e}</p> })}
            {move || (!unknown.with(Vec::is_empty) && summary.with(Option::is_none)).then(|| {
                let targets = targets.clone();
                view! {
                    <fieldset class="kw-card kw-mapping" data-testid="csv-mapping">
                        <legend>"Columns not recognised: what are they?"</legend>
                        {unknown.get().into_iter().enumerate().map(|(i, header)| {
                            let h = header.clone();
                            view! {
                                <label>
                                    <span class="kw-mapping-from">{format!("\"{header}\" is ")}</span>
                                    <select data-testid=format!("csv-map-{i}") on:change=move |ev| {
                                        let to = event_target_value(&ev);
                                        let from = h.clone();
                                        mapping.update(|m| {
                                            m.retain(|(f, _)| *f != from);
                                            if !to.is_empty() { m.push((from, to)); }
                                        });
                                    }>
                                        <option value="">"not imported"</option>
                                        {targets.iter().map(|(value, label)| view! { <option value=value.clone()>{label.clone()}</option> }).collect_view()}
                                    </select>
                                </label>
                            }
                        }).collect_view()}
                        <button type="button" class="kw-button" data-testid="csv-recheck" on:click=recheck>"Check again with these columns"</button>
                    </fieldset>
                }
            })}
            {move || summary.get().map(|s| view! { <p class="kw-banner kw-banner-ok" role="status" data-testid="csv-summary">{s}</p> })}
            {move || imported.get().then(rejected_view)}
            {move || plan.get().map(|p| {
                let new = p.new_rows.len();
                let dups = p.duplicates.len();
                // What the import button will do under each choice, from the model.
                let counts = [DuplicatePolicy::Skip, DuplicatePolicy::Replace, DuplicatePolicy::KeepBoth]
                    .map(|pol| (pol, p.rows_to_import(pol)));
                let import_text = move || {
                    let chosen = policy.get();
                    let n = counts.iter().find(|(pol, _)| *pol == chosen).map_or(0, |(_, n)| *n);
                    format!("Import {n} {}", if n == 1 { "row" } else { "rows" })
                };
                view! {
                    <div class="kw-import-plan" data-testid="csv-plan">
                        <p data-testid="csv-plan-counts"><strong>{format!("{new} new accounts, {dups} duplicates, {} rows with errors.", p.errors.len())}</strong></p>
                        <p class="kw-muted" data-testid="csv-separator">{p.separator.describe()}</p>
                        {p.has_no_rows().then(|| view! {
                            <p class="kw-banner kw-banner-warn" role="status" data-testid="csv-no-rows">"The file has its header row and no accounts under it: there is nothing to import."</p>
                        })}
                        {(!p.unknown_columns.is_empty()).then(|| view! { <p class="kw-muted">{format!("Columns not recognised (skipped): {}", p.unknown_columns.join(", "))}</p> })}
                        {rejected_view}
                        {(dups > 0).then(|| view! {
                            <h3>"Duplicates"</h3>
                            <ul data-testid="csv-duplicates">
                                {p.duplicates.iter().take(100).map(|d| view! {
                                    <li>{format!("Line {}: \"{}\" — {}", d.row.line, d.row.account.name, d.of.describe())}</li>
                                }).collect_view()}
                            </ul>
                            <fieldset class="kw-inline-form">
                                <legend>"For duplicates"</legend>
                                {[(DuplicatePolicy::Skip, "Skip them (keep what is there)", "skip"), (DuplicatePolicy::Replace, "Replace the existing accounts' columns", "replace"), (DuplicatePolicy::KeepBoth, "Keep both", "keep-both")]
                                    .into_iter().map(|(pol, label, id)| view! {
                                        <label class="kw-check"><input type="radio" name="kw-dup-policy" data-testid=format!("csv-policy-{id}")
                                            prop:checked=move || policy.get() == pol on:change=move |_| policy.set(pol) />" "{label}</label>
                                    }).collect_view()}
                            </fieldset>
                        })}
                        <button type="button" class="kw-button kw-button-primary" data-testid="csv-import-button" disabled=p.is_empty() on:click=run_import>
                            {if p.is_empty() { "Nothing to import".to_string().into_any() } else { import_text.into_any() }}
                        </button>
                        " "
                        <button type="button" class="kw-button" data-testid="csv-cancel" on:click=cancel>"Cancel"</button>
                    </div>
                }
            })}
        </section>
    }
}
