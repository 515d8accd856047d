//! Component tests in headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use kam_workbench::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The first workspace of a browser with nothing stored before.
const WORKSPACE_KEY: &str = "kam-workbench/workspace/w1";

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

fn by_testid(root: &web_sys::Element, id: &str) -> web_sys::HtmlElement {
    root.query_selector(&format!("[data-testid=\"{id}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid={id}"))
        .dyn_into()
        .unwrap()
}

fn text(root: &web_sys::Element, id: &str) -> String {
    by_testid(root, id).text_content().unwrap_or_default()
}

/// A browser whose only workspace has the read-through done and nothing scored.
fn store_read_through_done() {
    local_storage().clear().unwrap();
    local_storage()
        .set_item(
            WORKSPACE_KEY,
            "{\"schema\":1,\"audit\":{\"read_through_done\":true}}",
        )
        .unwrap();
}

/// Mounts the whole app into a fresh container, as `main.rs` does into the body.
fn mount() -> (web_sys::HtmlElement, impl Drop) {
    let container: web_sys::HtmlElement = document()
        .create_element("div")
        .unwrap()
        .dyn_into()
        .unwrap();
    document().body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container.clone(), App);
    (container, handle)
}

#[wasm_bindgen_test]
async fn clicking_a_score_updates_period_and_overall_totals() {
    local_storage().clear().unwrap();
    let (root, handle) = mount();
    sleep(0).await;
    assert_eq!(text(&root, "overall-total"), "0 / 387 (0%)");
    // First use offers the read-through of all four phases; no score buttons yet.
    assert!(root
        .query_selector("[data-testid=\"score-A1.01-3\"]")
        .unwrap()
        .is_none());
    by_testid(&root, "read-through-skip").click();
    sleep(0).await;

    by_testid(&root, "score-A1.01-3").click();
    by_testid(&root, "score-A1.02-2").click();
    sleep(0).await;
    assert_eq!(text(&root, "period-total-1"), "5 / 21 (24%)");
    assert_eq!(text(&root, "phase-total-A"), "5 / 78 (6%)");
    assert_eq!(text(&root, "overall-total"), "5 / 387 (1%)");
    let on = by_testid(&root, "score-A1.01-3");
    assert_eq!(on.get_attribute("aria-checked").as_deref(), Some("true"));

    // Changing a score replaces it; clearing takes it out of the total.
    by_testid(&root, "score-A1.01-1").click();
    by_testid(&root, "clear-A1.02").click();
    sleep(0).await;
    assert_eq!(text(&root, "period-total-1"), "1 / 21 (5%)");

    // The debounced save reaches localStorage.
    sleep(450).await;
    let saved = local_storage().get_item(WORKSPACE_KEY).unwrap().unwrap();
    assert!(saved.contains("\"A1.01\":{\"score\":1}"), "{saved}");
    assert!(!saved.contains("A1.02"), "{saved}");
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn unreadable_stored_data_is_reported_and_never_overwritten() {
    local_storage().clear().unwrap();
    // Cut short mid-document: not JSON at all. (A score the model cannot hold, such as 9, is
    // set aside and named instead, and the rest of the workspace loads.)
    let garbage = "{\"schema\":1,\"audit\":{\"entries\":{\"A1.01\":{\"sco";
    local_storage().set_item(WORKSPACE_KEY, garbage).unwrap();
    let (root, handle) = mount();
    sleep(0).await;
    let banner = text(&root, "storage-unreadable");
    assert!(banner.contains("could not be read"), "{banner}");

    // The app still works, but nothing overwrites the stored data.
    by_testid(&root, "read-through-skip").click();
    sleep(0).await;
    by_testid(&root, "score-A1.01-2").click();
    sleep(450).await;
    assert_eq!(text(&root, "overall-total"), "2 / 387 (1%)");
    assert_eq!(
        local_storage().get_item(WORKSPACE_KEY).unwrap().as_deref(),
        Some(garbage)
    );
    drop(handle);
    root.remove();
    local_storage().clear().unwrap();
}

fn key(target: &web_sys::HtmlElement, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&ev).unwrap();
}

fn focused_testid() -> String {
    document()
        .active_element()
        .and_then(|e| e.get_attribute("data-testid"))
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn keyboard_moves_scores_and_marks_not_applicable() {
    store_read_through_done();
    let (root, handle) = mount();
    sleep(0).await;

    let first = by_testid(&root, "action-A1.01");
    first.focus().unwrap();
    key(&first, "3");
    sleep(0).await;
    assert_eq!(text(&root, "period-total-1"), "3 / 21 (14%)");

    // ArrowDown and j both move to the next action; k moves back.
    key(&first, "ArrowDown");
    assert_eq!(focused_testid(), "action-A1.02");
    let second = by_testid(&root, "action-A1.02");
    key(&second, "j");
    assert_eq!(focused_testid(), "action-A1.03");
    let third = by_testid(&root, "action-A1.03");
    key(&third, "2");
    key(&third, "k");
    assert_eq!(focused_testid(), "action-A1.02");
    sleep(0).await;
    assert_eq!(text(&root, "period-total-1"), "5 / 21 (24%)");

    // n marks A1.01 not applicable: it counts 0 but the maximum stays 21.
    key(&first, "n");
    sleep(0).await;
    assert_eq!(text(&root, "period-total-1"), "2 / 21 (10%)");
    assert_eq!(text(&root, "overall-total"), "2 / 387 (1%)");
    let na = by_testid(&root, "na-A1.01");
    assert_eq!(na.get_attribute("aria-pressed").as_deref(), Some("true"));
    assert!(text(&root, "na-note-A1.01").contains("stays in every maximum"));
    // n again unmarks it.
    key(&first, "n");
    sleep(0).await;
    assert_eq!(na.get_attribute("aria-pressed").as_deref(), Some("false"));

    // Within a score group: one tab stop, and ←/→ change the score.
    let zero = by_testid(&root, "score-A1.04-0");
    assert_eq!(zero.get_attribute("tabindex").as_deref(), Some("0"));
    assert_eq!(
        by_testid(&root, "score-A1.04-2")
            .get_attribute("tabindex")
            .as_deref(),
        Some("-1")
    );
    // → moves from the focused radio (0 on an unscored action) to 1, and focus follows.
    zero.focus().unwrap();
    key(&zero, "ArrowRight");
    sleep(0).await;
    assert_eq!(focused_testid(), "score-A1.04-1");
    let one = by_testid(&root, "score-A1.04-1");
    assert_eq!(one.get_attribute("aria-checked").as_deref(), Some("true"));
    key(&one, "ArrowRight");
    key(&by_testid(&root, "score-A1.04-2"), "ArrowRight");
    key(&by_testid(&root, "score-A1.04-3"), "ArrowRight");
    sleep(0).await;
    assert_eq!(focused_testid(), "score-A1.04-3");
    assert_eq!(
        by_testid(&root, "score-A1.04-3")
            .get_attribute("tabindex")
            .as_deref(),
        Some("0")
    );
    assert_eq!(
        by_testid(&root, "score-A1.04-0")
            .get_attribute("tabindex")
            .as_deref(),
        Some("-1")
    );
    // 2 (A1.03) + 3 (A1.04); A1.01 is unmarked N/A and unscored.
    assert_eq!(text(&root, "period-total-1"), "5 / 21 (24%)");
    key(&by_testid(&root, "score-A1.04-3"), "ArrowLeft");
    sleep(0).await;
    assert_eq!(text(&root, "period-total-1"), "4 / 21 (19%)");

    // Period 12's last action (built in the list's later steps): ArrowDown stays put at the end.
    let last: web_sys::HtmlElement = wait_for(&root, "[data-testid=\"action-D3.09\"]")
        .await
        .dyn_into()
        .unwrap();
    last.focus().unwrap();
    key(&last, "ArrowDown");
    assert_eq!(focused_testid(), "action-D3.09");
    drop(handle);
    root.remove();
    local_storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn unscored_filter_hides_scored_actions() {
    local_storage().clear().unwrap();
    local_storage()
        .set_item(WORKSPACE_KEY, "{\"schema\":1,\"audit\":{\"read_through_done\":true,\"entries\":{\"A1.01\":{\"score\":2}}}}")
        .unwrap();
    let (root, handle) = mount();
    sleep(0).await;
    assert_eq!(text(&root, "shown-count"), "Showing 129 of 129 actions.");
    let unscored: web_sys::HtmlInputElement =
        by_testid(&root, "filter-unscored").dyn_into().unwrap();
    unscored.click();
    sleep(0).await;
    assert_eq!(text(&root, "shown-count"), "Showing 128 of 129 actions.");
    assert!(by_testid(&root, "action-A1.01").hidden());
    assert!(!by_testid(&root, "action-A1.02").hidden());
    drop(handle);
    root.remove();
    local_storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn score_list_shows_its_first_period_at_once_and_the_rest_in_steps() {
    use kam_workbench::domain::framework;
    let fw = framework();
    store_read_through_done();
    let (root, handle) = mount();
    let rows = |root: &web_sys::HtmlElement| {
        root.query_selector_all("[data-action]").unwrap().length() as usize
    };
    let busy = |root: &web_sys::HtmlElement| {
        root.query_selector(".kw-checklist[aria-busy=\"true\"]")
            .unwrap()
            .is_some()
    };
    let periods = |root: &web_sys::HtmlElement| {
        root.query_selector_all(".kw-period").unwrap().length() as usize
    };
    // Drawn with the page: the first period only (no empty sections for the others), the
    // list marked busy.
    assert_eq!(rows(&root), fw.period(1).unwrap().actions.len());
    assert_eq!(periods(&root), 1);
    assert_eq!(root.query_selector_all(".kw-phase").unwrap().length(), 1);
    assert!(busy(&root));
    // A score taken meanwhile counts, and the row stays the element it was (focus is kept).
    let first = by_testid(&root, "action-A1.01");
    by_testid(&root, "score-A1.01-2").click();
    for _ in 0..200 {
        if !busy(&root) {
            break;
        }
        sleep(10).await;
    }
    assert!(!busy(&root), "the list is still being built after 2 s");
    assert_eq!(rows(&root), fw.action_count);
    assert_eq!(periods(&root), fw.periods().count());
    assert!(by_testid(&root, "action-A1.01").is_same_node(Some(&first)));
    assert_eq!(text(&root, "overall-total"), "2 / 387 (1%)");
    drop(handle);
    root.remove();
    local_storage().clear().unwrap();
}

#[wasm_bindgen_test]
fn period_chart_renders_in_the_browser() {
    use kam_workbench::charts::period_scores::{render, Data};
    use kam_workbench::domain::{framework, Audit, Scorecard};
    let fw = framework();
    let svg = render(&Data::from_scorecard(
        fw,
        &Scorecard::compute(fw, &Audit::default()),
    ))
    .unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("A Scoping KAM"));
}

/// The element with `selector` once it is there (built on the executor's next turns, or in
/// the score list's later steps).
async fn wait_for(root: &web_sys::Element, selector: &str) -> web_sys::Element {
    for _ in 0..200 {
        if let Some(el) = root.query_selector(selector).unwrap() {
            return el;
        }
        sleep(10).await;
    }
    panic!("no {selector} after 2 s");
}

#[wasm_bindgen_test]
async fn a_rows_notes_form_is_built_at_its_first_opening_and_kept() {
    store_read_through_done();
    let (root, handle) = mount();
    let summary: web_sys::HtmlElement = wait_for(&root, "[data-action=\"A1.01\"] summary")
        .await
        .dyn_into()
        .unwrap();
    assert!(root
        .query_selector("[data-testid=\"note-A1.01\"]")
        .unwrap()
        .is_none());
    summary.click();
    let note: web_sys::HtmlTextAreaElement = wait_for(&root, "[data-testid=\"note-A1.01\"]")
        .await
        .dyn_into()
        .unwrap();
    // Typed, not yet committed (no change event): closing and opening again keeps it.
    note.set_value("draft");
    summary.click();
    sleep(30).await;
    summary.click();
    sleep(30).await;
    let again = by_testid(&root, "note-A1.01");
    assert!(again.is_same_node(Some(&note)));
    assert_eq!(note.value(), "draft");
    drop(handle);
    root.remove();
    local_storage().clear().unwrap();
}
