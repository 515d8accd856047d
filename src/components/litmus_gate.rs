use crate::domain::litmus::TeamSummary;
use crate::route::{LitmusView, SubView};
use crate::state::{use_app_state, Analyses};
use leptos::prelude::*;

/// The Recommitment milestone (end of Phase C): the audit total beside the
/// organisation and key account manager litmus tests, and whether they agree.
#[component]
pub fn LitmusGate() -> impl IntoView {
    let state = use_app_state();
    let Analyses {
        organisation: org,
        team,
        gate,
        ..
    } = state.analyses();
    let agree = move || gate.with(|g| g.verdict.agree());
    let passed = move || gate.with(|g| g.verdict.passed());
    // Styled by what the verdict says: only a passed gate is good news; agreeing
    // on "not yet" is neutral; a disagreement is a warning. The words carry the
    // meaning, the mark repeats it for a glance, colour only adds to both.
    let mark = move || {
        if passed() {
            "✓"
        } else if agree() {
            "○"
        } else {
            "!"
        }
    };

    view! {
        <section class="kw-card kw-lt-gate" data-testid="litmus-gate" aria-labelledby="lt-gate-title">
            <div class="kw-lt-gate-head">
                <h2 id="lt-gate-title">"Recommitment gate: end of Phase C"</h2>
                <span
                    class="kw-pill kw-lt-gate-verdict"
                    class:kw-pill-good=passed
                    class:kw-lt-pill-warn=move || !agree()
                    data-testid="gate-verdict"
                    data-passed=move || passed().to_string()
                >
                    <span class="kw-mark" aria-hidden="true">{mark}</span>
                    {move || gate.with(|g| g.verdict.label())}
                </span>
            </div>
            <div class="kw-lt-gate-grid">
                <div class="kw-lt-tile" class:kw-lt-tile-good=move || gate.with(|g| g.audit_reached) data-testid="gate-audit">
                    <span class="kw-summary-label">"Audit total"</span>
                    <strong>{move || gate.with(|g| g.audit_tally())}</strong>
                    <span class="kw-summary-sub">{move || gate.with(|g| g.audit_label())}</span>
                </div>
                <a class="kw-lt-tile" href=LitmusView::Organisation.route().href() class:kw-lt-tile-good=move || org.with(|o| o.qualified) data-testid="gate-org">
                    <span class="kw-summary-label">"Organisation test"</span>
                    <strong>{move || org.with(|o| o.verdict())}</strong>
                    <span class="kw-summary-sub">{move || org.with(|o| format!("{} ({} needed)", o.tally(), o.pass))}</span>
                </a>
                <a class="kw-lt-tile" href=LitmusView::Managers.route().href()
                    class:kw-lt-tile-good=move || team.with(TeamSummary::majority_qualifies)
                    data-testid="gate-team">
                    <span class="kw-summary-label">"Key account manager test"</span>
                    <strong>{move || team.with(TeamSummary::headline)}</strong>
                    <span class="kw-summary-sub">{TeamSummary::RULE}</span>
                </a>
            </div>
            <p class="kw-lt-gate-sentence" class:kw-lt-gate-passed=passed class:kw-lt-gate-disagree=move || !agree() data-testid="gate-sentence">
                {move || gate.with(|g| g.sentence.clone())}
            </p>
        </section>
    }
}
