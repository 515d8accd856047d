//! Files in and out: offers text (JSON, SVG, CSV) as a download, and takes
//! the file a user chose in a file input.

use wasm_bindgen::JsCast;

pub fn download_text(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let err = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(err)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(err)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(err)?
        .dyn_into()
        .map_err(|_| "not an anchor".to_string())?;
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    // Revoking at once can cancel the download in some browsers.
    leptos::prelude::set_timeout(
        move || {
            if let Err(e) = web_sys::Url::revoke_object_url(&url) {
                leptos::logging::warn!("could not release a download: {e:?}");
            }
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}

/// Downloads a backup file and notes the day in this browser (Safari's
/// eviction is per browser); returns the file name.
fn download_backup(name: String, today: &str, text: &str) -> Result<String, String> {
    download_text(&name, "application/json", text)?;
    let day = today
        .parse::<crate::domain::date::IsoDate>()
        .map_err(|e| e.to_string())?;
    crate::storage::record_backup(day)
        .map_err(|e| format!("the backup was downloaded, but its date could not be noted: {e}"))?;
    Ok(name)
}

/// Downloads the workspace's backup file; returns the file name.
pub fn backup(state: crate::state::AppState) -> Result<String, String> {
    use leptos::prelude::WithUntracked;
    let today = crate::clock::today_iso();
    let name = state
        .name
        .with_untracked(|n| crate::domain::backup::file_name(n, &today));
    download_backup(name, &today, &state.backup_json())
}

/// Downloads the backup of every workspace; returns the file name.
pub fn backup_all(state: crate::state::AppState) -> Result<String, String> {
    let today = crate::clock::today_iso();
    let name = crate::domain::backup::file_name_all(&today);
    download_backup(name, &today, &state.backup_all_json()?)
}

/// The file chosen in the `<input type="file">` that fired `ev`. The input is
/// cleared, so choosing the same file again is seen as a new choice.
pub fn chosen_file(ev: &leptos::ev::Event) -> Option<web_sys::File> {
    let input = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())?;
    let file = input.files().and_then(|f| f.get(0));
    input.set_value("");
    file
}
