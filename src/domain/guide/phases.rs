//! What happens in each phase and period, and at each milestone, in the
//! app's words from sections 3.1 and 4-7 of the source. Names, numbers and
//! where the milestones fall come from the framework data.

pub const PHASES_INTRO: [&str; 2] = [
    "KAM is not installed overnight, and many companies expect it to be quicker than it is. \
     The source traces four phases towards best-practice KAM, each of three periods that normally \
     follow one another. In practice the periods overlap a good deal, so read the order as a guide, \
     not a rule.",
    "Phases A and B, which take a company only as far as having introduced KAM, reliably take about \
     two years and sometimes longer; quicker is rare. Phases C and D vary more: a further three years \
     for a determined company that knows what to do, though phase C alone often takes that long, and \
     many companies never reach phase D because they hesitate over the organisational changes and \
     shifts of power it needs.",
];

/// Past period 12: the beacon the source describes but does not chart.
pub const BEST_PRACTICE: &str =
    "Beyond phase D lies best-practice KAM, 'the way we do things around \
here': an approach other companies look to as exceptional. The framework stops short of it.";

/// The overview of a phase, by its id.
pub fn phase_text(phase_id: &str) -> Option<&'static str> {
    Some(match phase_id {
        "A" => "A crucial first phase: falter here and KAM may never start. It can easily take up to a \
                year and more effort, discovery and politics than anyone expects.",
        "B" => "The launch is rarely tidy: the organisation often makes it up as it goes along, \
                depending on how deep the scoping went. Once key account managers are appointed they \
                cost money and start work with customers, often before support inside the company is ready.",
        "C" => "By now KAM looks less simple than it first did; this is only the end of the beginning. \
                Elements are redefined, the organisation gears up, and results are evaluated before \
                senior management recommits.",
        "D" => "KAM takes a permanent place in structure, planning, budgets and careers, and the focus \
                moves from installing KAM to running the customer programmes it makes possible. The \
                danger now is complacency: keep the approach fresh.",
        _ => return None,
    })
}

/// What happens in a period, by its number (1-12).
pub fn period_text(number: u8) -> Option<&'static str> {
    Some(match number {
        1 => "A powerful driver is found, sometimes positive but usually negative. A champion \
              emerges, often not very senior, who sees KAM as the answer and starts building awareness of it.",
        2 => "Soon after, the company works out how KAM would address its issues. The champion forms a \
              core team to research KAM, put it in context and talk to stakeholders, and first thoughts \
              turn to which customers would be involved.",
        3 => "Strategy, objectives, costs and customers are pinned down into a business case, and the \
              key account manager's role starts to need a definition.",
        4 => "Goals are finalised and plans detailed into specific, actionable requirements; putting \
              competent key account managers in place becomes the priority.",
        5 => "Internal support is built quickly so the key account managers can work; the rest of the \
              organisation hears about the new approach; feedback and progress monitoring begin.",
        6 => "The introduction is reviewed early so it can be adjusted, though it is far too soon to judge \
              revenue or profit beyond single cases. Good practice is publicised and bad practice \
              discouraged; frictions across boundaries start to show and should be tackled, not left to fester.",
        7 => "Some elements, such as customer criteria and account plans, are tightened in both \
              specification and execution; others are relaxed to give flexibility towards customers \
              and circumstances.",
        8 => "Serious investment goes into KAM (the managers, their support and feedback), and \
              processes are set up to run KAM professionally and keep strategy and practice aligned.",
        9 => "The outcomes expected of KAM are made clear, and results are evaluated thoroughly against them.",
        10 => "Senior managers recommit publicly and re-energise the programme; KAM and key customers are \
               represented in every major forum and plan; KAM is accepted as a lasting part of the \
               culture and operations.",
        11 => "What KAM needs is built into every relevant business process.",
        12 => "Information becomes central to management rather than secondary to traditional metrics, \
               and KAM's strategic role and contribution are recognised. The approach is reviewed and \
               refreshed as competitors catch up and customers ask for more innovation.",
        _ => return None,
    })
}

/// What the milestone that closes (or, for launch, divides) a phase means,
/// by the phase's id.
pub fn milestone_text(phase_id: &str) -> Option<&'static str> {
    Some(match phase_id {
        "A" => "What KAM will look like here and what it should achieve are specified; stakeholders \
                have been identified and won over. Senior management decides go or no-go, and the \
                champion usually finds far more depth was needed just to reach this decision.",
        "B" => "A coordinated launch is favoured over a gradual introduction, though not a revolution; \
                in practice capability building and roll-out tend to run into each other.",
        "C" => "The organisation now knows what KAM is and what it can deliver. Senior management \
                reviews it and decides whether, and how, to carry on, and if satisfied says so clearly.",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::framework;

    #[test]
    fn every_phase_period_and_milestone_is_described() {
        let fw = framework();
        for ph in &fw.phases {
            assert!(phase_text(&ph.id).is_some(), "phase {}", ph.id);
        }
        for p in fw.periods() {
            assert!(period_text(p.number).is_some(), "period {}", p.number);
        }
        for m in fw.milestones() {
            assert!(milestone_text(&m.phase_id).is_some(), "{}", m.name);
        }
        assert_eq!(period_text(13), None);
    }
}
