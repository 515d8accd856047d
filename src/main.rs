#[cfg(feature = "web")]
fn main() {
    console_error_panic_hook::set_once();
    // The loader's drawing of the first screen goes as the app draws itself, in the same task.
    kam_workbench::first_screen::remove_shown();
    leptos::mount::mount_to_body(kam_workbench::App);
}

#[cfg(not(feature = "web"))]
fn main() {}
