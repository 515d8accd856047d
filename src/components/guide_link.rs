use crate::domain::guide::Topic;
use crate::route::Route;
use leptos::prelude::*;

/// A link to one topic of the guide, from the screen where it matters.
/// Without `text` it reads "Guide: <topic title>".
#[component]
pub fn GuideLink(topic: Topic, #[prop(optional, into)] text: Option<String>) -> impl IntoView {
    let text = text.unwrap_or_else(|| format!("Guide: {}", topic.title()));
    view! {
        <a
            class="kw-guide-link"
            href=Route::Guide(Some(topic)).href()
            data-testid=format!("guide-link-{}", topic.slug())
        >
            {text}
        </a>
    }
}
