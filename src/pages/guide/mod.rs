//! The guide: a table of contents and one section per topic, each
//! addressable as `#/guide/<slug>` so other screens link to it.
//!
//! Test ids: `guide-toc`, `guide-section-<slug>`, `guide-table-<id>`,
//! `figure-1`, `figure-2`, `guide-period-<n>`, `guide-milestone-<after>`,
//! `driver-<id>`, `programme-start`, `programme-start-error`,
//! `programme-pace` (with `data-pace` ahead | on-pace | behind).

mod blocks;
mod drivers;
mod phases;

use crate::app::use_route;
use crate::domain::guide::{Topic, TopicGroup};
use crate::domain::{framework, portfolio};
use crate::route::{LitmusView, PortfolioView, Route, SubView};
use blocks::{Blocks, TableView};
use leptos::prelude::*;

/// The section element's id for a topic (a plain DOM id: the URL keeps
/// the router's `#/guide/<slug>`).
fn section_id(topic: Topic) -> String {
    format!("guide-{}", topic.slug())
}

fn scroll_to(topic: Topic) {
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&section_id(topic)) {
            el.scroll_into_view_with_bool(true);
        }
    });
}

#[component]
pub fn GuidePage() -> impl IntoView {
    let route = use_route();
    let topic = Memo::new(move |_| match route.get() {
        Route::Guide(topic) => topic,
        _ => None,
    });
    // Opening `#/guide/<slug>` (a link from another screen) shows that topic.
    Effect::new(move |_| {
        if let Some(t) = topic.get() {
            scroll_to(t);
        }
    });
    view! {
        <section class="kw-page kw-guide" aria-labelledby="guide-title">
            <h1 id="guide-title" tabindex="-1">"Guide to KAM and the framework"</h1>
            <p class="kw-lede">
                "The transition to key account management, in the app's own words from the sources: the four phases and twelve periods "
                "of the Cranfield framework with their milestones, how to score the audit, and the issues every KAM programme meets on the way. "
                "The screens of the app link here where a topic matters."
            </p>
            <Toc current=topic />
            {Topic::ALL.into_iter().map(|t| view! { <TopicSection topic=t /> }).collect_view()}
        </section>
    }
}

#[component]
fn Toc(current: Memo<Option<Topic>>) -> impl IntoView {
    view! {
        <nav class="kw-card kw-guide-toc" aria-label="Guide contents" data-testid="guide-toc">
            <h2 class="kw-guide-toc-title">"Contents"</h2>
            <div class="kw-guide-toc-groups">
                {TopicGroup::ALL.into_iter().map(|g| view! {
                    <div>
                        <h3>{g.title()}</h3>
                        <ol>
                            {Topic::ALL.into_iter().filter(|t| t.group() == g).map(|t| view! {
                                <li>
                                    <a
                                        href=Route::Guide(Some(t)).href()
                                        aria-current=move || (current.get() == Some(t)).then_some("location")
                                        data-testid=format!("guide-toc-{}", t.slug())
                                        // The same link again does not change the URL: scroll anyway.
                                        on:click=move |_| if current.get_untracked() == Some(t) { scroll_to(t) }
                                    >
                                        {t.title()}
                                    </a>
                                </li>
                            }).collect_view()}
                        </ol>
                    </div>
                }).collect_view()}
            </div>
        </nav>
    }
}

/// Where in the app a topic is put to use.
fn used_in(topic: Topic) -> Option<(Route, &'static str)> {
    Some(match topic {
        Topic::Scoring | Topic::Streams => (Page::Audit.route(), "Score the audit"),
        Topic::Phases => (
            crate::route::AuditView::Results.route(),
            "See where your audit places you (Figures 3 and 4)",
        ),
        Topic::TimeAllocation | Topic::Selling => (
            PortfolioView::Time.route(),
            "Record each manager's time (Manager time)",
        ),
        Topic::AccountManagementVsKam => (
            LitmusView::Customers.route(),
            "Try the KAM-ready customer litmus test",
        ),
        Topic::Dmu => (
            PortfolioView::Accounts.route(),
            "Record each account's DMU (Portfolio, account pages)",
        ),
        Topic::Measuring => (
            PortfolioView::Measures.route(),
            "Record measures per account",
        ),
        Topic::SuccessFactors => (
            LitmusView::Organisation.route(),
            "Test the organisation (litmus test)",
        ),
        _ => return None,
    })
}

use crate::route::Page;

#[component]
fn TopicSection(topic: Topic) -> impl IntoView {
    let slug = topic.slug();
    let body = match topic {
        Topic::Phases => view! { <phases::PhasesTopic /> }.into_any(),
        Topic::Timeline => view! { <phases::TimelineTopic /> }.into_any(),
        Topic::Drivers => view! { <drivers::DriversTopic /> }.into_any(),
        Topic::Scoring => view! { <ScoringTopic /> }.into_any(),
        Topic::Streams => view! {
            <Blocks topic=topic />
            <TableView table=crate::domain::guide::table_6(framework()) />
        }
        .into_any(),
        Topic::TimeAllocation => view! {
            <Blocks topic=topic />
            <TableView table=crate::domain::guide::table_2(&portfolio::default_activities()) />
        }
        .into_any(),
        _ => view! { <Blocks topic=topic /> }.into_any(),
    };
    view! {
        <section
            class="kw-guide-section"
            id=section_id(topic)
            data-testid=format!("guide-section-{slug}")
            aria-labelledby=format!("guide-{slug}-title")
        >
            <h2 id=format!("guide-{slug}-title")>{topic.title()}</h2>
            {body}
            {used_in(topic).map(|(route, text)| view! {
                <p class="kw-guide-used">"In the app: " <a href=route.href()>{text}</a></p>
            })}
            <p class="kw-muted kw-guide-source">{format!("Source: {}", topic.source())}</p>
            <p class="kw-guide-top"><a href=Page::Guide.href() on:click=|_| scroll_top()>"Back to contents"</a></p>
        </section>
    }
}

fn scroll_top() {
    request_animation_frame(|| window().scroll_to_with_x_and_y(0.0, 0.0));
}

/// How to score: the scale straight from the framework, then the advice.
#[component]
fn ScoringTopic() -> impl IntoView {
    let fw = framework();
    view! {
        <Blocks topic=Topic::Scoring />
        <dl class="kw-scale" data-testid="guide-scale">
            {fw.scale.iter().map(|s| view! {
                <div><dt>{s.score}</dt><dd>{s.label.clone()}</dd></div>
            }).collect_view()}
        </dl>
        <p>{crate::domain::audit::NOT_APPLICABLE_RULE}</p>
    }
}
