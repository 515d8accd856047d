//! Today's date and the current time from the browser, as ISO strings for the model.

/// Local date `YYYY-MM-DD`.
pub fn today_iso() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// Local date and time `YYYY-MM-DD HH:MM`.
pub fn now_iso() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{} {:02}:{:02}",
        today_iso(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// Milliseconds since the page started (`performance.now()`), 0 where there is no window.
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}
