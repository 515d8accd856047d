use crate::domain::framework;
use leptos::prelude::*;

#[component]
pub fn GuidePage() -> impl IntoView {
    let fw = framework();
    view! {
        <section class="kw-page" aria-labelledby="guide-title">
            <h1 id="guide-title">"Guide to the framework"</h1>
            <p class="kw-lede">
                "The transition to key account management runs through four phases of three periods each, "
                "from scoping KAM to optimising value. Each period lists actions in three streams; "
                "the checklist doubles as an audit: score each action 0-3 to see where your programme stands."
            </p>
            <ol class="kw-guide-phases">
                {fw.phases.iter().map(|ph| view! {
                    <li>
                        <strong>{format!("Phase {}: {}", ph.id, ph.name)}</strong>
                        {format!(" (maximum {})", ph.max_score())}
                        <ul>
                            {ph.periods.iter().map(|p| view! {
                                <li>{format!("Period {}: {} — {} actions, maximum {}", p.number, p.name, p.actions.len(), p.max_score)}</li>
                            }).collect_view()}
                        </ul>
                        {ph.milestone_after.as_ref().map(|m| view! { <p class="kw-milestone">"Milestone: " {m.clone()}</p> })}
                    </li>
                }).collect_view()}
            </ol>
            <h2>"Streams"</h2>
            <ul>
                {fw.streams.iter().map(|s| view! {
                    <li>
                        <strong>{s.name.clone()}</strong>
                        <ul>{s.contributory.iter().map(|c| view! { <li>{format!("{}: {}", c.name, c.description)}</li> }).collect_view()}</ul>
                    </li>
                }).collect_view()}
            </ul>
            <p class="kw-muted kw-source">{fw.source.clone()}</p>
        </section>
    }
}
