use crate::domain::litmus_tests;
use leptos::prelude::*;

#[component]
pub fn LitmusPage() -> impl IntoView {
    let lt = litmus_tests();
    view! {
        <section class="kw-page" aria-labelledby="litmus-title">
            <h1 id="litmus-title">"Litmus tests"</h1>
            <p class="kw-lede kw-coming">
                "Coming next: answer the three litmus tests (Yes / No / Not sure) for the organisation, "
                "each key account manager and each KAM-ready customer. The questions are below."
            </p>
            {lt.tests.iter().map(|t| view! {
                <section class="kw-card">
                    <h2>{t.name.clone()}</h2>
                    <p class="kw-muted">{t.rule.clone()}</p>
                    <ol>{t.questions.iter().map(|q| view! { <li>{q.clone()}</li> }).collect_view()}</ol>
                </section>
            }).collect_view()}
        </section>
    }
}
