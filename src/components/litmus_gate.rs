use crate::domain::framework;
use crate::domain::litmus::{gate_check, organisation_result, team_summary, GateVerdict};
use crate::route::{LitmusView, SubView};
use crate::state::use_app_state;
use leptos::prelude::*;

/// The Recommitment milestone (end of Phase C): the audit total beside the
/// organisation and key account manager litmus tests, and whether they agree.
#[component]
pub fn LitmusGate() -> impl IntoView {
    let state = use_app_state();
    let fw = framework();
    let org = Memo::new(move |_| state.workspace.with(|ws| organisation_result(&ws.litmus)));
    let team = Memo::new(move |_| {
        state
            .workspace
            .with(|ws| team_summary(&ws.litmus, &ws.manager_customers()))
    });
    let gate = Memo::new(move |_| {
        let total = state.scorecard.with(|sc| sc.overall.score);
        gate_check(fw, total, &org.get(), &team.get())
    });
    let agree = move || {
        matches!(
            gate.get().verdict,
            GateVerdict::BothReached | GateVerdict::BothNotYet
        )
    };

    view! {
        <section class="kw-card kw-lt-gate" data-testid="litmus-gate" aria-labelledby="lt-gate-title">
            <div class="kw-lt-gate-head">
                <h2 id="lt-gate-title">"Recommitment gate: end of Phase C"</h2>
                <span
                    class="kw-pill"
                    class:kw-pill-good=agree
                    class:kw-lt-pill-warn=move || !agree()
                    data-testid="gate-verdict"
                >
                    {move || match gate.get().verdict {
                        GateVerdict::BothReached => "Audit and litmus tests agree: reached",
                        GateVerdict::BothNotYet => "Audit and litmus tests agree: not yet",
                        GateVerdict::AuditAheadOfLitmus => "Disagree: audit ahead of the litmus tests",
                        GateVerdict::LitmusAheadOfAudit => "Disagree: litmus tests ahead of the audit",
                    }}
                </span>
            </div>
            <div class="kw-lt-gate-grid">
                <div class="kw-lt-tile" class:kw-lt-tile-good=move || gate.get().audit_reached data-testid="gate-audit">
                    <span class="kw-summary-label">"Audit total"</span>
                    <strong>{move || { let g = gate.get(); format!("{} of {} needed", g.audit_total, g.threshold) }}</strong>
                    <span class="kw-summary-sub">{move || if gate.get().audit_reached { "end of Phase C reached" } else { "short of the end of Phase C" }}</span>
                </div>
                <a class="kw-lt-tile" href=LitmusView::Organisation.route().href() class:kw-lt-tile-good=move || org.get().qualified data-testid="gate-org">
                    <span class="kw-summary-label">"Organisation test"</span>
                    <strong>{move || if org.get().qualified { "Qualified" } else { "Not yet qualified" }}</strong>
                    <span class="kw-summary-sub">{move || { let o = org.get(); format!("{} of {} yes (4 needed)", o.yes, o.of) }}</span>
                </a>
                <a class="kw-lt-tile" href=LitmusView::Managers.route().href()
                    class:kw-lt-tile-good=move || team.with(|t| t.with_customers > 0 && t.qualified * 2 > t.with_customers)
                    data-testid="gate-team">
                    <span class="kw-summary-label">"Key account manager test"</span>
                    <strong>{move || team.with(|t| if t.with_customers == 0 {
                        "No managers with customers".to_string()
                    } else {
                        format!("{} of {} qualify", t.qualified, t.with_customers)
                    })}</strong>
                    <span class="kw-summary-sub">"a majority must qualify"</span>
                </a>
            </div>
            <p class="kw-lt-gate-sentence" class:kw-lt-gate-disagree=move || !agree() data-testid="gate-sentence">
                {move || gate.get().sentence}
            </p>
        </section>
    }
}
