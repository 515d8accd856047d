#[cfg(feature = "web")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(kam_workbench::App);
}

#[cfg(not(feature = "web"))]
fn main() {}
