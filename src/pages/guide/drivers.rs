use crate::charts::kam_drivers;
use crate::components::ChartSvg;
use crate::domain::guide::{self, Origin, Polarity, Topic};
use crate::state::use_app_state;
use leptos::prelude::*;

/// Figure 1 and a checkbox per driver: the ticks are saved with the
/// programme and shown beside the audit's powerful-driver actions.
#[component]
pub fn DriversTopic() -> impl IntoView {
    let state = use_app_state();
    let error = RwSignal::new(None::<String>);
    let figure = Signal::derive(move || {
        state
            .programme
            .with(|p| kam_drivers::render(&kam_drivers::Data::from_programme(p)))
    });
    let toggle = move |id: &'static str, label: &'static str, on: bool| {
        let undo = if on {
            format!("Tick driver: {label}")
        } else {
            format!("Untick driver: {label}")
        };
        let result = state.edit_programme(undo, |p| p.set_driver(id, on));
        error.set(result.err().map(|e| format!("Not saved: {e}")));
    };
    view! {
        <super::Blocks topic=Topic::Drivers />
        <ChartSvg render=figure label="Figure 1: drivers of KAM, positive or negative, internal or external, with the ones at work ticked" testid="figure-1" filename="kam-figure-1-drivers.svg">
            <table class="kw-table">
                <thead><tr><th scope="col">"Driver"</th><th scope="col">"Kind"</th><th scope="col">"At work here"</th></tr></thead>
                <tbody>
                    {guide::DRIVERS.iter().map(|d| view! {
                        <tr>
                            <th scope="row">{d.label}</th>
                            <td>{d.quadrant()}</td>
                            <td>{move || if state.programme.with(|p| p.drivers.contains(d.id)) { "Yes" } else { "No" }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </ChartSvg>
        <p><strong>"Which drivers are at work in your organisation?"</strong>" Tick them; they are saved with your workspace."</p>
        <div class="kw-guide-drivers">
            {Polarity::ALL.into_iter().flat_map(|polarity| Origin::ALL.into_iter().map(move |origin| (polarity, origin))).map(|(polarity, origin)| view! {
                <fieldset class="kw-card kw-guide-quadrant" class:kw-guide-positive=polarity == Polarity::Positive>
                    <legend>{format!("{}, {}", polarity.label(), origin.label().to_lowercase())}</legend>
                    {guide::DRIVERS.iter().filter(|d| d.polarity == polarity && d.origin == origin).map(|d| view! {
                        <label class="kw-check">
                            <input
                                type="checkbox"
                                data-testid=format!("driver-{}", d.id)
                                prop:checked=move || state.programme.with(|p| p.drivers.contains(d.id))
                                on:change=move |ev| toggle(d.id, d.label, event_target_checked(&ev))
                            />
                            " " {d.label}
                        </label>
                    }).collect_view()}
                </fieldset>
            }).collect_view()}
        </div>
        {move || {
            // Saved by an earlier version, or edited by hand: named, and removable here.
            let unknown: Vec<String> = state.programme.with(|p| {
                p.drivers.iter().filter(|id| guide::driver(id).is_none()).cloned().collect()
            });
            (!unknown.is_empty()).then(|| view! {
                <div class="kw-banner kw-banner-warn" data-testid="drivers-unknown">
                    <p>"Also saved with this workspace, but none of Figure 1's drivers:"</p>
                    <ul>
                        {unknown.into_iter().map(|id| {
                            let label = format!("Remove the saved driver \"{id}\"");
                            let remove = {
                                let id = id.clone();
                                let label = label.clone();
                                move |_| state.edit_programme(label.clone(), |p| { p.drivers.remove(&id); })
                            };
                            view! {
                                <li>"\""{id.clone()}"\" "
                                    <button type="button" class="kw-button kw-button-small" aria-label=label on:click=remove>"Remove"</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            })
        }}
        {move || error.get().map(|e| view! { <p class="kw-error" role="alert">{e}</p> })}
    }
}
