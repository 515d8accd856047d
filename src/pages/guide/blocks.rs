use crate::domain::guide::{blocks, Block, GuideTable, Topic};
use leptos::prelude::*;

/// A topic's text and tables, as the model gives them.
#[component]
pub fn Blocks(topic: Topic) -> impl IntoView {
    blocks(topic)
        .into_iter()
        .map(|b| match b {
            Block::Para(text) => view! { <p>{text}</p> }.into_any(),
            Block::Bullets(items) => view! {
                <ul class="kw-guide-list">{items.iter().map(|i| view! { <li>{*i}</li> }).collect_view()}</ul>
            }
            .into_any(),
            Block::Table(table) => view! { <TableView table=table /> }.into_any(),
        })
        .collect_view()
}

/// One of the guide's tables. On a narrow screen each row becomes a small
/// card with its column names (see guide.css), so nothing scrolls sideways.
#[component]
pub fn TableView(table: GuideTable) -> impl IntoView {
    let headers = table.headers.clone();
    let row_headers = table.row_headers;
    view! {
        <figure class="kw-guide-table" data-testid=format!("guide-table-{}", table.id)>
            <table class="kw-table">
                <caption>{table.caption.clone()}</caption>
                <thead>
                    <tr>{table.headers.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view()}</tr>
                </thead>
                <tbody>
                    {table.rows.iter().map(|row| view! {
                        <tr>
                            {row.iter().zip(headers.iter()).enumerate().map(|(i, (cell, h))| {
                                let blank = cell.is_empty();
                                // A blank first cell heads nothing: a plain cell, not an empty row header.
                                if i == 0 && row_headers && !blank {
                                    view! { <th scope="row" data-label=h.clone() class:kw-blank=blank>{cell.clone()}</th> }.into_any()
                                } else {
                                    view! { <td data-label=h.clone() class:kw-blank=blank>{cell.clone()}</td> }.into_any()
                                }
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {table.note.map(|n| view! { <figcaption class="kw-muted">{n}</figcaption> })}
        </figure>
    }
}
