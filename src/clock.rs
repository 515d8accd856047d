//! Today's date and the current time from the browser, as ISO strings for the model, and the
//! moment just after the next frame is painted.

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

/// Runs `f` once the next frame has been painted: in a task after that frame's callbacks, so
/// what `f` does (measuring, fetching, checking) is not part of the frame it would delay.
pub fn after_paint(f: impl FnOnce() + 'static) {
    leptos::prelude::request_animation_frame(move || {
        leptos::prelude::set_timeout(f, std::time::Duration::ZERO)
    });
}
