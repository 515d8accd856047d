//! The three litmus tests (Woodburn 2006): KAM-ready customers (section 2.5)
//! and, at the end of Phase C, the organisation and key account manager tests.
//!
//! The source asks for "unambivalent answers of 'yes'", so only
//! [`Answer::Yes`] ever counts; "Not sure" is recorded for honesty but is
//! treated exactly like "No" when scoring. Question indexes are 0-based.

use super::analysis::cumulative_maxima;
use super::framework::{litmus_tests, Framework};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use thiserror::Error;

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

/// An answer to one litmus question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Yes,
    No,
    NotSure,
}

impl Answer {
    pub const ALL: [Answer; 3] = [Answer::Yes, Answer::No, Answer::NotSure];

    pub fn label(self) -> &'static str {
        match self {
            Answer::Yes => "Yes",
            Answer::No => "No",
            Answer::NotSure => "Not sure",
        }
    }
}

/// One question's answer (if given) and a free comment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<Answer>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
}

impl AnswerRecord {
    /// Only an unambivalent yes counts.
    pub fn is_yes(&self) -> bool {
        self.answer == Some(Answer::Yes)
    }

    pub fn is_empty(&self) -> bool {
        self.answer.is_none() && self.comment.is_empty()
    }
}

/// Every litmus answer the organisation has recorded. Tolerates lists that
/// are shorter than the test (missing = unanswered) or longer (extras ignored).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LitmusAnswers {
    /// The organisation test, one record per question.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organisation: Vec<AnswerRecord>,
    /// Manager name → account id → the manager test for that customer.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub managers: BTreeMap<String, BTreeMap<u64, Vec<AnswerRecord>>>,
    /// Account id → the KAM-ready customer test.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub customers: BTreeMap<u64, Vec<AnswerRecord>>,
}

#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum LitmusError {
    #[error("the {test} test has {count} questions, so there is no question {}", index + 1)]
    NoSuchQuestion {
        test: &'static str,
        index: usize,
        count: usize,
    },
    #[error("a key account manager needs a name")]
    NoManagerName,
}

/// Which answer a setter changes.
enum Change {
    Answer(Option<Answer>),
    Comment(String),
}

fn check_index(test: &'static str, index: usize) -> Result<(), LitmusError> {
    let count = question_count(test);
    if index < count {
        Ok(())
    } else {
        Err(LitmusError::NoSuchQuestion { test, index, count })
    }
}

/// Applies a change and trims trailing empty records, so the saved document
/// holds only what was said.
fn apply(list: &mut Vec<AnswerRecord>, index: usize, change: Change) {
    if list.len() <= index {
        list.resize_with(index + 1, AnswerRecord::default);
    }
    match change {
        Change::Answer(a) => list[index].answer = a,
        Change::Comment(c) => list[index].comment = c,
    }
    while list.last().is_some_and(AnswerRecord::is_empty) {
        list.pop();
    }
}

fn manager_name(name: &str) -> Result<String, LitmusError> {
    let name = name.trim();
    if name.is_empty() {
        Err(LitmusError::NoManagerName)
    } else {
        Ok(name.to_string())
    }
}

impl LitmusAnswers {
    pub fn set_organisation(
        &mut self,
        question: usize,
        answer: Option<Answer>,
    ) -> Result<(), LitmusError> {
        check_index(ORGANISATION, question)?;
        apply(&mut self.organisation, question, Change::Answer(answer));
        Ok(())
    }

    pub fn set_organisation_comment(
        &mut self,
        question: usize,
        comment: impl Into<String>,
    ) -> Result<(), LitmusError> {
        check_index(ORGANISATION, question)?;
        apply(
            &mut self.organisation,
            question,
            Change::Comment(comment.into()),
        );
        Ok(())
    }

    pub fn set_manager(
        &mut self,
        manager: &str,
        account_id: u64,
        question: usize,
        answer: Option<Answer>,
    ) -> Result<(), LitmusError> {
        self.edit_manager(manager, account_id, question, Change::Answer(answer))
    }

    pub fn set_manager_comment(
        &mut self,
        manager: &str,
        account_id: u64,
        question: usize,
        comment: impl Into<String>,
    ) -> Result<(), LitmusError> {
        self.edit_manager(
            manager,
            account_id,
            question,
            Change::Comment(comment.into()),
        )
    }

    fn edit_manager(
        &mut self,
        manager: &str,
        account_id: u64,
        question: usize,
        change: Change,
    ) -> Result<(), LitmusError> {
        check_index(KEY_ACCOUNT_MANAGER, question)?;
        let name = manager_name(manager)?;
        let accounts = self.managers.entry(name.clone()).or_default();
        let list = accounts.entry(account_id).or_default();
        apply(list, question, change);
        if list.is_empty() {
            accounts.remove(&account_id);
        }
        if accounts.is_empty() {
            self.managers.remove(&name);
        }
        Ok(())
    }

    pub fn set_customer(
        &mut self,
        account_id: u64,
        question: usize,
        answer: Option<Answer>,
    ) -> Result<(), LitmusError> {
        self.edit_customer(account_id, question, Change::Answer(answer))
    }

    pub fn set_customer_comment(
        &mut self,
        account_id: u64,
        question: usize,
        comment: impl Into<String>,
    ) -> Result<(), LitmusError> {
        self.edit_customer(account_id, question, Change::Comment(comment.into()))
    }

    fn edit_customer(
        &mut self,
        account_id: u64,
        question: usize,
        change: Change,
    ) -> Result<(), LitmusError> {
        check_index(CUSTOMER_READINESS, question)?;
        let list = self.customers.entry(account_id).or_default();
        apply(list, question, change);
        if list.is_empty() {
            self.customers.remove(&account_id);
        }
        Ok(())
    }

    /// The organisation test's record for a question (empty if none).
    pub fn organisation_answer(&self, question: usize) -> AnswerRecord {
        self.organisation.get(question).cloned().unwrap_or_default()
    }

    /// A manager's record for one customer and question (empty if none).
    pub fn manager_answer(&self, manager: &str, account_id: u64, question: usize) -> AnswerRecord {
        self.managers
            .get(manager.trim())
            .and_then(|m| m.get(&account_id))
            .and_then(|l| l.get(question))
            .cloned()
            .unwrap_or_default()
    }

    /// A customer's readiness record for a question (empty if none).
    pub fn customer_answer(&self, account_id: u64, question: usize) -> AnswerRecord {
        self.customers
            .get(&account_id)
            .and_then(|l| l.get(question))
            .cloned()
            .unwrap_or_default()
    }

    /// Renames a key account manager, merging into an existing name if there
    /// is one (the renamed manager's answers win per account).
    pub fn rename_manager(&mut self, from: &str, to: &str) -> Result<(), LitmusError> {
        let to = manager_name(to)?;
        if let Some(accounts) = self.managers.remove(from.trim()) {
            self.managers.entry(to).or_default().extend(accounts);
        }
        Ok(())
    }

    pub fn remove_manager(&mut self, manager: &str) {
        self.managers.remove(manager.trim());
    }

    /// Forgets every answer about an account (customer test and every
    /// manager's answers for it), e.g. when the account leaves the portfolio.
    pub fn forget_account(&mut self, account_id: u64) {
        self.customers.remove(&account_id);
        for accounts in self.managers.values_mut() {
            accounts.remove(&account_id);
        }
        self.managers.retain(|_, accounts| !accounts.is_empty());
    }
}

/// Yes count over the first `count` questions; extra records are ignored.
fn yes_count(list: &[AnswerRecord], count: usize) -> usize {
    list.iter().take(count).filter(|r| r.is_yes()).count()
}

/// Indexes (of `count`) not answered yes.
fn not_yes(list: &[AnswerRecord], count: usize) -> Vec<usize> {
    (0..count)
        .filter(|&i| !list.get(i).is_some_and(AnswerRecord::is_yes))
        .collect()
}

fn answered(list: &[AnswerRecord], count: usize) -> usize {
    list.iter()
        .take(count)
        .filter(|r| r.answer.is_some())
        .count()
}

// ---------------------------------------------------------------------------
// Organisation
// ---------------------------------------------------------------------------

/// The organisation test's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgResult {
    pub yes: usize,
    /// Questions in the test (5).
    pub of: usize,
    /// Questions with any answer.
    pub answered: usize,
    /// At least 4 unambivalent yes answers.
    pub qualified: bool,
    /// Questions not answered yes, to work on.
    pub open_questions: Vec<usize>,
}

pub fn organisation_result(answers: &LitmusAnswers) -> OrgResult {
    let of = question_count(ORGANISATION);
    let yes = yes_count(&answers.organisation, of);
    OrgResult {
        yes,
        of,
        answered: answered(&answers.organisation, of),
        qualified: yes >= pass_mark(ORGANISATION),
        open_questions: not_yes(&answers.organisation, of),
    }
}

// ---------------------------------------------------------------------------
// Key account managers
// ---------------------------------------------------------------------------

/// The manager test's outcome for one key account manager.
#[derive(Debug, Clone, PartialEq)]
pub enum ManagerResult {
    /// No customers to answer for: neither a pass nor a fail.
    NoCustomers,
    /// The source: "a manager with more than one customer answers for each
    /// and takes the average of the answers".
    Averaged {
        customers: usize,
        /// Mean yes answers per customer, e.g. 3.5 of 5.
        average_yes: f64,
        /// Per question, the share (0..=1) of customers answered yes.
        per_question_yes_share: Vec<f64>,
        /// Average of at least 4.
        qualified: bool,
        /// Question slots (customer × question) with no answer yet.
        unanswered: usize,
        /// Customers with no answer at all yet.
        customers_unanswered: usize,
    },
}

impl ManagerResult {
    pub fn is_qualified(&self) -> bool {
        matches!(
            self,
            ManagerResult::Averaged {
                qualified: true,
                ..
            }
        )
    }
}

/// Scores one manager across the customers they manage. `customer_ids` (from
/// the portfolio) is authoritative: duplicates count once, a listed customer
/// with no answers counts 0 yes (not answering is not an unambivalent yes),
/// and answers recorded for accounts not listed are ignored.
pub fn manager_result(
    answers: &LitmusAnswers,
    manager: &str,
    customer_ids: &[u64],
) -> ManagerResult {
    tally(answers, manager, customer_ids).map_or(ManagerResult::NoCustomers, |t| t.result())
}

/// Whole-number counts for one manager, so team figures add up exactly.
struct Tally {
    customers: usize,
    total_yes: usize,
    yes_per_question: Vec<usize>,
    unanswered: usize,
    customers_unanswered: usize,
}

impl Tally {
    fn result(&self) -> ManagerResult {
        let n = self.customers as f64;
        ManagerResult::Averaged {
            customers: self.customers,
            average_yes: self.total_yes as f64 / n,
            per_question_yes_share: self
                .yes_per_question
                .iter()
                .map(|&y| y as f64 / n)
                .collect(),
            // Compared in whole numbers so 12/3 is exactly 4.
            qualified: self.total_yes >= pass_mark(KEY_ACCOUNT_MANAGER) * self.customers,
            unanswered: self.unanswered,
            customers_unanswered: self.customers_unanswered,
        }
    }
}

/// `None` when the manager has no customers.
fn tally(answers: &LitmusAnswers, manager: &str, customer_ids: &[u64]) -> Option<Tally> {
    let ids: BTreeSet<u64> = customer_ids.iter().copied().collect();
    if ids.is_empty() {
        return None;
    }
    let count = question_count(KEY_ACCOUNT_MANAGER);
    let recorded = answers.managers.get(manager.trim());
    let mut t = Tally {
        customers: ids.len(),
        total_yes: 0,
        yes_per_question: vec![0; count],
        unanswered: 0,
        customers_unanswered: 0,
    };
    for id in &ids {
        let list: &[AnswerRecord] = recorded.and_then(|m| m.get(id)).map_or(&[], Vec::as_slice);
        t.total_yes += yes_count(list, count);
        for (q, slot) in t.yes_per_question.iter_mut().enumerate() {
            if list.get(q).is_some_and(AnswerRecord::is_yes) {
                *slot += 1;
            }
        }
        let given = answered(list, count);
        t.unanswered += count - given;
        if given == 0 {
            t.customers_unanswered += 1;
        }
    }
    Some(t)
}

/// The manager test across the whole KAM team.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamSummary {
    /// Each manager with their result, in the order given.
    pub managers: Vec<(String, ManagerResult)>,
    /// Managers with customers.
    pub with_customers: usize,
    /// Managers with customers who qualify.
    pub qualified: usize,
    /// Managers listed without customers.
    pub no_customers: usize,
    /// (question, yes share across every manager-customer pair), weakest
    /// first; empty when no manager has customers.
    pub weakest_questions: Vec<(usize, f64)>,
}

/// Scores every manager; `managers` pairs each name with their account ids.
pub fn team_summary(answers: &LitmusAnswers, managers: &[(String, Vec<u64>)]) -> TeamSummary {
    let count = question_count(KEY_ACCOUNT_MANAGER);
    let mut results = Vec::with_capacity(managers.len());
    let mut yes_per_question = vec![0usize; count];
    let mut pairs = 0usize;
    let (mut with_customers, mut qualified) = (0usize, 0usize);
    for (name, ids) in managers {
        let result = match tally(answers, name, ids) {
            Some(t) => {
                pairs += t.customers;
                for (sum, y) in yes_per_question.iter_mut().zip(&t.yes_per_question) {
                    *sum += y;
                }
                let r = t.result();
                with_customers += 1;
                qualified += usize::from(r.is_qualified());
                r
            }
            None => ManagerResult::NoCustomers,
        };
        results.push((name.clone(), result));
    }
    let mut weakest_questions: Vec<(usize, f64)> = if pairs == 0 {
        Vec::new()
    } else {
        yes_per_question
            .iter()
            .enumerate()
            .map(|(q, &y)| (q, y as f64 / pairs as f64))
            .collect()
    };
    weakest_questions.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    TeamSummary {
        no_customers: results.len() - with_customers,
        managers: results,
        with_customers,
        qualified,
        weakest_questions,
    }
}

// ---------------------------------------------------------------------------
// KAM-ready customers
// ---------------------------------------------------------------------------

/// How KAM-ready one customer looks. There is deliberately no pass mark:
/// the source gives none, and KAM is not for all customers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Readiness {
    pub yes: usize,
    /// Questions in the test (6).
    pub of: usize,
    /// Questions not answered yes (No, Not sure or unanswered).
    pub missing: Vec<usize>,
    /// Questions with no answer yet.
    pub unanswered: usize,
}

pub fn customer_readiness(answers: &LitmusAnswers, account_id: u64) -> Readiness {
    let of = question_count(CUSTOMER_READINESS);
    let empty = Vec::new();
    let list = answers.customers.get(&account_id).unwrap_or(&empty);
    Readiness {
        yes: yes_count(list, of),
        of,
        missing: not_yes(list, of),
        unanswered: of - answered(list, of),
    }
}

/// Customers from most to least KAM-ready (yes count), ties by account id;
/// duplicate ids appear once.
pub fn rank_customers(answers: &LitmusAnswers, ids: &[u64]) -> Vec<(u64, Readiness)> {
    let unique: BTreeSet<u64> = ids.iter().copied().collect();
    let mut ranked: Vec<(u64, Readiness)> = unique
        .into_iter()
        .map(|id| (id, customer_readiness(answers, id)))
        .collect();
    ranked.sort_by(|a, b| b.1.yes.cmp(&a.1.yes).then(a.0.cmp(&b.0)));
    ranked
}

// ---------------------------------------------------------------------------
// The Recommitment gate: audit and litmus tests side by side
// ---------------------------------------------------------------------------

/// How the audit and the litmus tests read the end of Phase C.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GateVerdict {
    BothReached,
    BothNotYet,
    /// The audit places the programme past Phase C, the litmus tests do not agree.
    AuditAheadOfLitmus,
    /// The litmus tests pass but the audit total is still short of Phase C's end.
    LitmusAheadOfAudit,
}

/// The gate check, with the numbers behind it and a sentence for the page.
#[derive(Debug, Clone, PartialEq)]
pub struct GateStatement {
    pub verdict: GateVerdict,
    pub audit_total: u32,
    /// Cumulative maximum through the recommitment period (288).
    pub threshold: u32,
    pub audit_reached: bool,
    pub litmus_reached: bool,
    pub sentence: String,
}

/// Cumulative maximum at the Recommitment milestone (end of Phase C): 288
/// with the compiled framework. Falls back to the end of the third phase
/// if the data names no Recommitment milestone.
pub fn recommitment_threshold(fw: &Framework) -> u32 {
    let cum = cumulative_maxima(fw);
    let after = fw
        .milestones()
        .into_iter()
        .find(|m| m.name == "Recommitment")
        .map(|m| m.after_period)
        .or_else(|| fw.phases.get(2)?.periods.last().map(|p| p.number));
    fw.periods()
        .position(|p| Some(p.number) == after)
        .and_then(|i| cum.get(i).copied())
        .unwrap_or_else(|| cum.last().copied().unwrap_or(0))
}

/// Whether the litmus tests say KAM is embedded: the organisation qualifies
/// AND either no manager has customers yet (nothing to contradict it) or a
/// strict majority of managers with customers qualify. The source asks for
/// 4 of 5 on "both tests"; across a team the majority reading keeps one
/// struggling manager from vetoing the whole organisation.
pub fn litmus_reached(org: &OrgResult, team: &TeamSummary) -> bool {
    org.qualified && (team.with_customers == 0 || team.qualified * 2 > team.with_customers)
}

/// Sets the audit total against the Recommitment milestone and the litmus
/// tests. The audit has reached the end of Phase C when its total is at
/// least the cumulative maximum through period 9 (288): by the Figure 4
/// rule, 288 is the end of period 9.
pub fn gate_check(
    fw: &Framework,
    audit_total: u32,
    org: &OrgResult,
    team: &TeamSummary,
) -> GateStatement {
    let threshold = recommitment_threshold(fw);
    let audit_reached = audit_total >= threshold;
    let litmus = litmus_reached(org, team);
    let managers = if team.with_customers == 0 {
        "no key account manager has customers to answer for yet".to_string()
    } else {
        format!(
            "{} of {} key account managers qualify",
            team.qualified, team.with_customers
        )
    };
    let litmus_detail = format!(
        "the organisation answers yes to {} of {} and {}",
        org.yes, org.of, managers
    );
    let (verdict, sentence) = match (audit_reached, litmus) {
        (true, true) => (
            GateVerdict::BothReached,
            format!(
                "The audit total of {audit_total} is at or past the end of Phase C ({threshold}) \
                 and the litmus tests agree: {litmus_detail}. KAM looks genuinely embedded."
            ),
        ),
        (false, false) => (
            GateVerdict::BothNotYet,
            format!(
                "The audit total of {audit_total} is short of the end of Phase C ({threshold}) \
                 and the litmus tests agree: {litmus_detail}. KAM is not yet embedded."
            ),
        ),
        (true, false) => (
            GateVerdict::AuditAheadOfLitmus,
            format!(
                "The audit total of {audit_total} is at or past the end of Phase C ({threshold}), \
                 but the litmus tests do not confirm it: {litmus_detail}. KAM may be shallow or \
                 inconsistently implemented."
            ),
        ),
        (false, true) => (
            GateVerdict::LitmusAheadOfAudit,
            format!(
                "The litmus tests pass ({litmus_detail}), but the audit total of {audit_total} \
                 is short of the end of Phase C ({threshold}). Check the audit for missing or \
                 lagging elements."
            ),
        ),
    };
    GateStatement {
        verdict,
        audit_total,
        threshold,
        audit_reached,
        litmus_reached: litmus,
        sentence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::framework::framework;
    use Answer::{No, NotSure, Yes};

    fn org_with(list: &[Option<Answer>]) -> LitmusAnswers {
        let mut a = LitmusAnswers::default();
        for (i, ans) in list.iter().enumerate() {
            a.set_organisation(i, *ans).unwrap();
        }
        a
    }

    /// Answers manager `m` for `account` with `yes` Yes answers then No.
    fn kam(a: &mut LitmusAnswers, m: &str, account: u64, yes: usize) {
        for q in 0..5 {
            a.set_manager(m, account, q, Some(if q < yes { Yes } else { No }))
                .unwrap();
        }
    }

    #[test]
    fn answers_serialise_snake_case() {
        assert_eq!(serde_json::to_string(&NotSure).unwrap(), "\"not_sure\"");
        assert_eq!(serde_json::from_str::<Answer>("\"yes\"").unwrap(), Yes);
        assert_eq!(NotSure.label(), "Not sure");
    }

    #[test]
    fn four_of_five_qualifies_the_organisation() {
        let r = organisation_result(&org_with(&[
            Some(Yes),
            Some(Yes),
            Some(Yes),
            Some(Yes),
            Some(No),
        ]));
        assert_eq!((r.yes, r.of, r.qualified), (4, 5, true));
        assert_eq!(r.open_questions, vec![4]);

        let r = organisation_result(&org_with(&[
            Some(Yes),
            Some(Yes),
            Some(Yes),
            Some(NotSure),
            Some(No),
        ]));
        assert_eq!((r.yes, r.qualified), (3, false));
        assert_eq!(r.open_questions, vec![3, 4]);
        assert_eq!(r.answered, 5);
    }

    #[test]
    fn not_sure_never_counts() {
        let r = organisation_result(&org_with(&[Some(NotSure); 5]));
        assert_eq!((r.yes, r.qualified, r.answered), (0, false, 5));
        let mut a = LitmusAnswers::default();
        for q in 0..6 {
            a.set_customer(9, q, Some(NotSure)).unwrap();
        }
        assert_eq!(customer_readiness(&a, 9).yes, 0);
    }

    #[test]
    fn short_and_long_lists_are_tolerated() {
        let mut a = LitmusAnswers {
            organisation: vec![
                AnswerRecord {
                    answer: Some(Yes),
                    comment: String::new(),
                };
                8
            ],
            ..Default::default()
        };
        let r = organisation_result(&a);
        assert_eq!((r.yes, r.of), (5, 5));
        a.organisation.truncate(2);
        let r = organisation_result(&a);
        assert_eq!((r.yes, r.answered, r.open_questions), (2, 2, vec![2, 3, 4]));
        let empty = organisation_result(&LitmusAnswers::default());
        assert_eq!(
            (empty.yes, empty.qualified, empty.open_questions.len()),
            (0, false, 5)
        );
    }

    #[test]
    fn setters_keep_the_document_tidy() {
        let mut a = LitmusAnswers::default();
        a.set_organisation(3, Some(Yes)).unwrap();
        assert_eq!(a.organisation.len(), 4);
        a.set_organisation_comment(1, "board minutes").unwrap();
        a.set_organisation(3, None).unwrap();
        assert_eq!(a.organisation.len(), 2);
        a.set_organisation_comment(1, "").unwrap();
        assert!(a.organisation.is_empty());

        a.set_manager(" Ann ", 7, 0, Some(Yes)).unwrap();
        assert!(a.managers.contains_key("Ann"));
        assert_eq!(a.manager_answer("Ann", 7, 0).answer, Some(Yes));
        a.set_manager("Ann", 7, 0, None).unwrap();
        assert!(a.managers.is_empty());

        a.set_customer(3, 5, Some(No)).unwrap();
        a.set_customer_comment(3, 5, "asked twice").unwrap();
        assert_eq!(a.customer_answer(3, 5).comment, "asked twice");
        a.set_customer(3, 5, None).unwrap();
        a.set_customer_comment(3, 5, "").unwrap();
        assert!(a.customers.is_empty());
        assert_eq!(a, LitmusAnswers::default());
        assert_eq!(serde_json::to_string(&a).unwrap(), "{}");
    }

    #[test]
    fn setters_reject_bad_questions_and_names() {
        let mut a = LitmusAnswers::default();
        let err = a.set_organisation(5, Some(Yes)).unwrap_err();
        assert_eq!(
            err,
            LitmusError::NoSuchQuestion {
                test: ORGANISATION,
                index: 5,
                count: 5
            }
        );
        assert!(err.to_string().contains("no question 6"), "{err}");
        assert!(a.set_customer(1, 5, Some(Yes)).is_ok());
        assert!(a.set_customer(1, 6, Some(Yes)).is_err());
        assert!(a.set_manager("Ann", 1, 5, Some(Yes)).is_err());
        assert_eq!(
            a.set_manager("  ", 1, 0, Some(Yes)),
            Err(LitmusError::NoManagerName)
        );
        assert_eq!(a.rename_manager("Ann", ""), Err(LitmusError::NoManagerName));
    }

    #[test]
    fn rename_remove_and_forget() {
        let mut a = LitmusAnswers::default();
        kam(&mut a, "Ann", 1, 3);
        kam(&mut a, "Ann", 2, 3);
        kam(&mut a, "Bo", 2, 1);
        a.set_customer(2, 0, Some(Yes)).unwrap();
        a.rename_manager("Ann", "Annie").unwrap();
        assert!(!a.managers.contains_key("Ann"));
        assert_eq!(a.managers["Annie"].len(), 2);
        a.forget_account(2);
        assert!(a.customers.is_empty());
        assert!(!a.managers.contains_key("Bo"));
        assert_eq!(a.managers["Annie"].len(), 1);
        a.remove_manager("Annie");
        assert_eq!(a, LitmusAnswers::default());
    }

    #[test]
    fn round_trips_through_json_with_numeric_account_keys() {
        let mut a = org_with(&[Some(Yes), Some(NotSure)]);
        kam(&mut a, "Ann", 42, 4);
        a.set_customer(42, 2, Some(Yes)).unwrap();
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<LitmusAnswers>(&json).unwrap(), a);
        assert_eq!(
            serde_json::from_str::<LitmusAnswers>("{}").unwrap(),
            LitmusAnswers::default()
        );
    }

    #[test]
    fn a_manager_without_customers_is_not_a_pass() {
        let mut a = LitmusAnswers::default();
        kam(&mut a, "Ann", 1, 5);
        assert_eq!(manager_result(&a, "Ann", &[]), ManagerResult::NoCustomers);
        assert!(!ManagerResult::NoCustomers.is_qualified());
    }

    fn averaged(r: &ManagerResult) -> (usize, f64, bool) {
        match r {
            ManagerResult::Averaged {
                customers,
                average_yes,
                qualified,
                ..
            } => (*customers, *average_yes, *qualified),
            ManagerResult::NoCustomers => panic!("expected an average"),
        }
    }

    #[test]
    fn averaging_over_one_two_and_three_customers() {
        let mut a = LitmusAnswers::default();
        kam(&mut a, "One", 1, 4);
        assert_eq!(averaged(&manager_result(&a, "One", &[1])), (1, 4.0, true));

        kam(&mut a, "Two", 1, 5);
        kam(&mut a, "Two", 2, 2);
        assert_eq!(
            averaged(&manager_result(&a, "Two", &[1, 2])),
            (2, 3.5, false)
        );

        kam(&mut a, "Three", 1, 4);
        kam(&mut a, "Three", 2, 4);
        kam(&mut a, "Three", 3, 5);
        let (n, avg, q) = averaged(&manager_result(&a, "Three", &[1, 2, 3, 3]));
        assert_eq!((n, q), (3, true));
        assert!((avg - 13.0 / 3.0).abs() < 1e-12);

        // Exactly 4 on average qualifies: 5, 4, 3.
        kam(&mut a, "Edge", 1, 5);
        kam(&mut a, "Edge", 2, 4);
        kam(&mut a, "Edge", 3, 3);
        assert_eq!(
            averaged(&manager_result(&a, "Edge", &[1, 2, 3])),
            (3, 4.0, true)
        );
    }

    #[test]
    fn unanswered_customers_count_zero_and_extra_accounts_are_ignored() {
        let mut a = LitmusAnswers::default();
        kam(&mut a, "Ann", 1, 5);
        kam(&mut a, "Ann", 99, 5); // not in her portfolio
        a.set_manager("Ann", 2, 0, Some(Yes)).unwrap();
        let r = manager_result(&a, "Ann", &[1, 2, 3]);
        match r {
            ManagerResult::Averaged {
                customers,
                average_yes,
                per_question_yes_share,
                qualified,
                unanswered,
                customers_unanswered,
            } => {
                assert_eq!(customers, 3);
                assert!((average_yes - 2.0).abs() < 1e-12); // (5 + 1 + 0) / 3
                assert!(!qualified);
                assert_eq!(unanswered, 4 + 5);
                assert_eq!(customers_unanswered, 1);
                let expect = [2.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0];
                for (got, want) in per_question_yes_share.iter().zip(expect) {
                    assert!((got - want).abs() < 1e-12);
                }
            }
            ManagerResult::NoCustomers => panic!(),
        }
    }

    #[test]
    fn team_summary_counts_and_finds_weakest_questions() {
        let mut a = LitmusAnswers::default();
        // Ann: 2 customers, 5 and 4 yes → qualified.
        kam(&mut a, "Ann", 1, 5);
        kam(&mut a, "Ann", 2, 4);
        // Bo: 1 customer, 2 yes → not.
        kam(&mut a, "Bo", 3, 2);
        let team = team_summary(
            &a,
            &[
                ("Ann".into(), vec![1, 2]),
                ("Bo".into(), vec![3]),
                ("Cy".into(), vec![]),
            ],
        );
        assert_eq!(team.managers.len(), 3);
        assert_eq!(
            (team.with_customers, team.qualified, team.no_customers),
            (2, 1, 1)
        );
        // Yes per question over 3 pairs: q0 3, q1 3, q2 2, q3 2, q4 1.
        let order: Vec<usize> = team.weakest_questions.iter().map(|w| w.0).collect();
        assert_eq!(order, vec![4, 2, 3, 0, 1]);
        assert!((team.weakest_questions[0].1 - 1.0 / 3.0).abs() < 1e-12);
        assert!((team.weakest_questions[4].1 - 1.0).abs() < 1e-12);

        let nobody = team_summary(&a, &[("Cy".into(), vec![])]);
        assert!(nobody.weakest_questions.is_empty());
        assert_eq!((nobody.with_customers, nobody.no_customers), (0, 1));
    }

    #[test]
    fn readiness_counts_and_ranking() {
        let mut a = LitmusAnswers::default();
        for (q, ans) in [Yes, No, Yes, NotSure, Yes].into_iter().enumerate() {
            a.set_customer(10, q, Some(ans)).unwrap();
        }
        for q in 0..6 {
            a.set_customer(20, q, Some(Yes)).unwrap();
        }
        a.set_customer(30, 0, Some(Yes)).unwrap();
        a.set_customer(30, 1, Some(Yes)).unwrap();
        a.set_customer(30, 2, Some(Yes)).unwrap();

        let r = customer_readiness(&a, 10);
        assert_eq!((r.yes, r.of, r.unanswered), (3, 6, 1));
        assert_eq!(r.missing, vec![1, 3, 5]);
        let none = customer_readiness(&a, 99);
        assert_eq!((none.yes, none.missing.len(), none.unanswered), (0, 6, 6));

        let ranked: Vec<(u64, usize)> = rank_customers(&a, &[99, 10, 30, 20, 10])
            .into_iter()
            .map(|(id, r)| (id, r.yes))
            .collect();
        assert_eq!(ranked, vec![(20, 6), (10, 3), (30, 3), (99, 0)]);
    }

    fn qualified_org() -> OrgResult {
        organisation_result(&org_with(&[Some(Yes); 5]))
    }

    #[test]
    fn recommitment_is_at_288() {
        assert_eq!(recommitment_threshold(framework()), 288);
    }

    #[test]
    fn gate_cases() {
        let fw = framework();
        let mut a = LitmusAnswers::default();
        kam(&mut a, "Ann", 1, 5);
        kam(&mut a, "Bo", 2, 4);
        kam(&mut a, "Cy", 3, 1);
        let majority = team_summary(
            &a,
            &[
                ("Ann".into(), vec![1]),
                ("Bo".into(), vec![2]),
                ("Cy".into(), vec![3]),
            ],
        );
        let split = team_summary(&a, &[("Ann".into(), vec![1]), ("Cy".into(), vec![3])]);
        let empty_team = team_summary(&a, &[]);
        let weak_org =
            organisation_result(&org_with(&[Some(Yes), Some(Yes), Some(Yes), Some(NotSure)]));

        let g = gate_check(fw, 288, &qualified_org(), &majority);
        assert_eq!(g.verdict, GateVerdict::BothReached);
        assert!(
            g.sentence.contains("2 of 3 key account managers qualify"),
            "{}",
            g.sentence
        );
        assert_eq!(g.threshold, 288);

        let g = gate_check(fw, 287, &weak_org, &majority);
        assert_eq!(g.verdict, GateVerdict::BothNotYet);
        assert!(g.sentence.starts_with("The audit total of 287 is short"));

        // Half the managers is not a majority.
        let g = gate_check(fw, 300, &qualified_org(), &split);
        assert_eq!(g.verdict, GateVerdict::AuditAheadOfLitmus);
        assert!(!g.litmus_reached && g.audit_reached);

        // No managers with customers: the organisation test decides.
        let g = gate_check(fw, 104, &qualified_org(), &empty_team);
        assert_eq!(g.verdict, GateVerdict::LitmusAheadOfAudit);
        assert!(g.sentence.contains("no key account manager has customers"));

        for g in [
            gate_check(fw, 0, &weak_org, &empty_team),
            gate_check(fw, 387, &weak_org, &majority),
        ] {
            assert!(!g.sentence.is_empty());
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use super::*;
        use proptest::prelude::*;

        fn answer() -> impl Strategy<Value = Option<Answer>> {
            proptest::option::of(prop_oneof![Just(Yes), Just(No), Just(NotSure)])
        }

        proptest! {
            #[test]
            fn only_yes_counts_and_average_is_bounded(
                org in proptest::collection::vec(answer(), 0..8),
                per_customer in proptest::collection::vec(proptest::collection::vec(answer(), 0..7), 1..5),
            ) {
                let mut a = LitmusAnswers {
                    organisation: org.iter().map(|x| AnswerRecord { answer: *x, comment: String::new() }).collect(),
                    ..Default::default()
                };
                let r = organisation_result(&a);
                let yes = org.iter().take(5).filter(|x| **x == Some(Yes)).count();
                prop_assert_eq!(r.yes, yes);
                prop_assert_eq!(r.qualified, yes >= 4);
                prop_assert_eq!(r.open_questions.len(), 5 - yes);

                let mut ids = Vec::new();
                for (i, list) in per_customer.iter().enumerate() {
                    let id = i as u64 + 1;
                    ids.push(id);
                    a.managers.entry("M".into()).or_default().insert(id, list.iter().map(|x| AnswerRecord { answer: *x, comment: String::new() }).collect());
                }
                let json = serde_json::to_string(&a).unwrap();
                prop_assert_eq!(serde_json::from_str::<LitmusAnswers>(&json).unwrap(), a.clone());
                if let ManagerResult::Averaged { average_yes, qualified, per_question_yes_share, .. } = manager_result(&a, "M", &ids) {
                    prop_assert!((0.0..=5.0).contains(&average_yes));
                    prop_assert_eq!(qualified, average_yes >= 4.0 - 1e-9);
                    let share_sum: f64 = per_question_yes_share.iter().sum();
                    prop_assert!((share_sum - average_yes).abs() < 1e-9);
                } else {
                    prop_assert!(false, "customers given");
                }
            }
        }
    }
}
