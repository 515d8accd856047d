use crate::route::Page;
use crate::state::{use_app_state, SaveStatus};
use leptos::prelude::*;

/// Whether the latest edit is in storage: "Saved" is shown only after a write succeeded.
#[component]
fn SaveIndicator() -> impl IntoView {
    let state = use_app_state();
    let status = Memo::new(move |_| state.save_status());
    view! {
        <span
            class=move || match status.get() {
                SaveStatus::NotSaved => "kw-save-status kw-save-status-off",
                _ => "kw-save-status",
            }
            role="status"
            data-testid="save-status"
        >
            {move || match status.get() {
                SaveStatus::Saved => "Saved",
                SaveStatus::Saving => "Saving…",
                SaveStatus::NotSaved => "Not saved",
            }}
        </span>
    }
}

#[component]
pub fn Header(page: Memo<Page>) -> impl IntoView {
    view! {
        <header class="kw-header">
            <a class="kw-skip" href="#main">"Skip to content"</a>
            <div class="kw-brand">
                <span class="kw-brand-mark" aria-hidden="true">"KAM"</span>
                <span class="kw-brand-name">"KAM Workbench"</span>
            </div>
            <nav class="kw-nav" aria-label="Main">
                {Page::ALL
                    .into_iter()
                    .map(|p| {
                        view! {
                            <a
                                href=p.href()
                                class="kw-nav-link"
                                data-testid=format!("nav-{}", p.slug())
                                aria-current=move || (page.get() == p).then_some("page")
                            >
                                {p.title()}
                            </a>
                        }
                    })
                    .collect_view()}
            </nav>
            <SaveIndicator />
        </header>
    }
}
