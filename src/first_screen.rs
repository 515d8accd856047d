//! A returning user's first screen, drawn before the app runs.
//!
//! Starting the app costs the browser compiling the code the first screen runs, on every start
//! (traces show V8 reading no compiled copy of the module back, BENCHMARKS.md). So the page keeps the
//! score list's first screen as it was last drawn, next to the workspace: index.html's loader
//! (scripts/offline.mjs) shows it as soon as the page is parsed, if it is this build's and
//! this workspace's at the revision stored now, on the score list's address. A click on one of
//! its buttons is kept and given to the same button of the app once it runs. The app removes it
//! before drawing itself ([`remove_shown`]), so the two are never on screen together.

use crate::domain::workspaces::WorkspaceId;
use crate::route::{AuditView, Route};
use crate::storage;
use leptos::prelude::*;
use serde::Serialize;
use std::cell::RefCell;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// Marks the drawing the loader put in the page (the attribute it looks for to remove it).
const MARK: &str = "data-kam-snapshot";

/// What the loader reads: whose drawing this is, and the drawing.
#[derive(Serialize)]
struct FirstScreen<'a> {
    /// `<meta name="kam-build">` of the page that drew it: another build's markup or styles
    /// may differ.
    build: &'a str,
    workspace: &'a str,
    /// The stored document's revision the screen shows.
    revision: u64,
    html: &'a str,
}

/// How long after the last call of [`keep`] the drawing is taken: not while the user scores
/// action after action (copying the screen takes a few milliseconds a click would wait for),
/// nor at start before the list is whole.
const QUIET: Duration = Duration::from_secs(2);

/// What [`keep`] was last given, and its timer.
type Saved = Box<dyn FnOnce() -> Option<(WorkspaceId, u64)>>;

thread_local! {
    /// The drawing to take once edits have been quiet for a while, or the page is left.
    static DUE: RefCell<Option<(Saved, TimeoutHandle)>> = const { RefCell::new(None) };
}

/// Every element under `root` that `selector` finds, in document order.
fn all(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    root.query_selector_all(selector)
        .map(|list| {
            (0..list.length())
                .filter_map(|i| list.get(i)?.dyn_into::<web_sys::Element>().ok())
                .collect()
        })
        .unwrap_or_default()
}

/// Takes the loader's drawing out of the page, before the app draws itself.
pub fn remove_shown() {
    if let Ok(Some(drawn)) = document().query_selector(&format!("[{MARK}]")) {
        drawn.remove();
    }
}

/// The score list's address, with no action named: what the loader shows the drawing on.
fn on_score_list() -> bool {
    let hash = window().location().hash().unwrap_or_default();
    Route::parse(&hash) == Route::Audit(AuditView::Score, None)
}

/// Keeps the first screen as drawn once calls have stopped for a while (or the page is left,
/// [`keep_now`]), as the drawing of the workspace and revision `saved` then gives: the one
/// stored, or `None` while edits are unsaved (the screen shows more than is stored).
pub fn keep(saved: impl FnOnce() -> Option<(WorkspaceId, u64)> + 'static) {
    match set_timeout_with_handle(keep_now, QUIET) {
        Ok(timer) => {
            if let Some((_, earlier)) =
                DUE.with(|d| d.borrow_mut().replace((Box::new(saved), timer)))
            {
                earlier.clear();
            }
        }
        Err(e) => leptos::logging::warn!("the first screen will not be kept: {e:?}"),
    }
}

/// Takes the drawing [`keep`] is waiting to take, now: the page is being left (after its last
/// save), and the next start is to show what it showed.
pub fn keep_now() {
    let Some((saved, timer)) = DUE.with(|d| d.borrow_mut().take()) else {
        return;
    };
    timer.clear();
    let Some((workspace, revision)) = saved() else {
        return;
    };
    if let Err(e) = take(&workspace, revision) {
        leptos::logging::warn!("the first screen was not kept: {e}");
    }
}

/// The copy's fields hold what the live ones do: a field's value is a property, which markup
/// leaves out (a note typed would show empty).
fn with_values(live: &web_sys::Element, copy: &web_sys::Element) -> Option<()> {
    const FIELDS: &str = "input, textarea";
    for (from, to) in all(live, FIELDS).iter().zip(all(copy, FIELDS)) {
        if let Some(text) = from.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            to.set_text_content(Some(&text.value()));
        } else if let Some(input) = from.dyn_ref::<web_sys::HtmlInputElement>() {
            if input.type_() == "checkbox" {
                if input.checked() {
                    to.set_attribute("checked", "").ok()?;
                } else {
                    to.remove_attribute("checked").ok()?;
                }
            } else {
                to.set_attribute("value", &input.value()).ok()?;
            }
        }
    }
    Some(())
}

/// The first screen's markup, as a returning user's first frame has it: the score list with
/// its first period, views kept hidden left out, form fields inert (what is typed there before
/// the app runs would be lost; a click on a button is kept). `None` when the screen is not
/// that: another view, the read-through, or a filter on.
fn drawn() -> Option<String> {
    let doc = document();
    let app = doc.query_selector(".kw-app").ok()??;
    let filtered = doc
        .query_selector("[data-testid=filter-clear]:not([disabled])")
        .ok()?
        .is_some();
    if !on_score_list() || filtered || doc.query_selector(".kw-checklist").ok()?.is_none() {
        return None;
    }
    let copy: web_sys::Element = app.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
    with_values(&app, &copy)?;
    let all = |selector: &str| all(&copy, selector);
    // What the first frame does not have: the periods built after it, views kept hidden,
    // notices drawn once their chunk has come.
    for el in all(
        "script, .kw-later, .kw-kept-view[hidden], .kw-phase ~ .kw-phase, .kw-period ~ .kw-period, .kw-period ~ .kw-milestone",
    ) {
        el.remove();
    }
    for el in all("form, select, input, textarea, details, button:not([data-testid])") {
        el.set_attribute("inert", "").ok()?;
    }
    // Undo and redo are this tab's history: a new start has none.
    for el in all("[data-testid=undo], [data-testid=redo]") {
        el.set_attribute("disabled", "").ok()?;
    }
    // Busy, as the app's first frame is until the list is whole: a screen reader waits, and so
    // do the end-to-end tests that read the whole list.
    for el in all(".kw-checklist") {
        el.set_attribute("aria-busy", "true").ok()?;
    }
    copy.set_attribute(MARK, "").ok()?;
    copy.set_attribute("aria-busy", "true").ok()?;
    Some(copy.outer_html())
}

fn take(workspace: &WorkspaceId, revision: u64) -> Result<(), storage::StorageError> {
    let Some(html) = drawn() else {
        // Not the screen a start shows: a drawing of an earlier state must not be shown either.
        return storage::forget_first_screen();
    };
    let build = document()
        .query_selector("meta[name=kam-build]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_default();
    let kept = FirstScreen {
        build: &build,
        workspace: workspace.as_str(),
        revision,
        html: &html,
    };
    let json =
        serde_json::to_string(&kept).map_err(|e| storage::StorageError::Write(e.to_string()))?;
    storage::keep_first_screen(&json)
}
