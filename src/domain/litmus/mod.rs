//! The three litmus tests (Woodburn 2006): KAM-ready customers (section 2.5)
//! and, at the end of Phase C, the organisation and key account manager tests.
//!
//! The source asks for "unambivalent answers of 'yes'", so only
//! [`Answer::Yes`] ever counts; "Not sure" is recorded for honesty but is
//! treated exactly like "No" when scoring. Question indexes are 0-based.

mod answers;
mod customers;
mod gate;
mod managers;
mod organisation;

pub use answers::{Answer, AnswerRecord, LitmusAnswers, LitmusError};
pub use customers::{customer_readiness, rank_customers, Readiness, NO_PASS_MARK};
pub use gate::{gate_check, litmus_reached, recommitment_threshold, GateStatement, GateVerdict};
pub use managers::{
    average_text, manager_result, manager_rule, team_summary, ManagerResult, TeamSummary,
};
pub use organisation::{organisation_result, organisation_rule, organisation_verdict, OrgResult};

use super::framework::litmus_tests;
use answers::{answered, not_yes, yes_count};

/// Test ids in `data/litmus.json`.
pub const ORGANISATION: &str = "organisation";
pub const KEY_ACCOUNT_MANAGER: &str = "key_account_manager";
pub const CUSTOMER_READINESS: &str = "customer_readiness";

/// Question counts and pass mark, used only if the compiled data lacked them
/// (its own tests check it does not).
const FALLBACK_QUESTIONS: [(&str, usize); 3] = [
    (ORGANISATION, 5),
    (KEY_ACCOUNT_MANAGER, 5),
    (CUSTOMER_READINESS, 6),
];
const FALLBACK_PASS: u8 = 4;

/// Number of questions a test asks.
pub fn question_count(test_id: &str) -> usize {
    litmus_tests()
        .get(test_id)
        .map(|t| t.questions.len())
        .or_else(|| {
            FALLBACK_QUESTIONS
                .iter()
                .find(|(id, _)| *id == test_id)
                .map(|(_, n)| *n)
        })
        .unwrap_or(0)
}

/// "Yes" answers needed to qualify (4 for both the organisation and the
/// manager test).
pub fn pass_mark(test_id: &str) -> usize {
    litmus_tests()
        .get(test_id)
        .and_then(|t| t.pass_yes_at_least)
        .unwrap_or(FALLBACK_PASS) as usize
}

#[cfg(test)]
mod tests;
